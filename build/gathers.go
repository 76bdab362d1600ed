package build

// Loops of gathers stay out of lockstep.
//
// A loop whose trip count differs between work-items runs in lockstep
// under a mask (findGuards): every lane waits for the longest, and each
// access whose address is not consecutive across lanes becomes a gather
// (or a scatter) of up to a vector's lanes. A sparse row's products
// (`for (k = row[i]; k < row[i+1]; k++) s += val[k] * x[col[k]]`) are
// little arithmetic around such accesses: in lockstep they ran at 0.6-0.7x
// of the same loop work-item by work-item (a CSR product, 2048x2048 rows:
// 59-71 against 37-41 ms; PoCL 7.1, which does not vectorize it, 48-51),
// since a gather's lanes are loaded one by one and a cache miss of one lane
// holds up all of them. Where a loop does enough arithmetic for each gather
// (8 or more varying operations: a polynomial of a table's entry), lockstep
// still wins by 1.4-2.8x when the table is in the cache, and loses by at
// most 1.4x when it is not; so such loops stay in lockstep.

// gatherWork is the varying arithmetic per gather below which a loop does
// not run in lockstep.
const gatherWork = 8

// gatherBound: the loop of region (a lockstep candidate) does less than
// gatherWork varying operations for each access whose address is not the
// same for all lanes nor consecutive across them.
func (st *strider) gatherBound(region map[int]bool) bool {
	s, a := st.s, st.a
	st.memo = map[int]stride{} // (what varies grows as guards are found)
	gathers, work := 0, 0
	for _, si := range s.insts {
		if !region[si.block] || !si.varying {
			continue
		}
		switch {
		case si.opcode == opLoad || si.opcode == opStore:
			ptr, val := a.GetOperand(si.v, 0), si.v
			if si.opcode == opStore {
				ptr, val = a.GetOperand(si.v, 1), a.GetOperand(si.v, 0)
			}
			size := int64(a.ABISizeOfType(st.td, a.TypeOf(val)))
			if d := st.of(ptr); !d.known || d.bytes != 0 && d.bytes != size {
				gathers++
			}
		case si.pure && si.opcode != opPHI && si.opcode != opGetElementPtr && si.opcode != opFreeze &&
			!(si.opcode >= opTrunc && si.opcode <= opBitCast):
			work++
		}
	}
	return gathers > 0 && work < gatherWork*gathers
}

// stride is how a value changes from one work-item to the next in x (the
// lanes of a vector): known, by bytes (0: the same for all lanes).
type stride struct {
	bytes int64
	known bool
}

// strider finds strides of the kernel's values, for the cost above only
// (it ignores wrapping: a guess, never a proof).
type strider struct {
	s    *kernelShape
	m    *module
	a    *wgAPI
	td   uintptr
	memo map[int]stride
}

// The opcode of lshr (the others strides follow are in uniformity.go,
// check_hoist.go and guardrange.go).
const opLShiftR = 21

func (st *strider) of(v uintptr) stride {
	i, ok := st.s.byValue[v]
	if !ok || !st.s.insts[i].varying {
		return stride{0, true} // arguments, constants, uniform values
	}
	if st.memo == nil {
		st.memo = map[int]stride{}
	}
	if d, ok := st.memo[i]; ok {
		return d
	}
	st.memo[i] = stride{} // unknown while it is worked out (cycles)
	d := st.compute(st.s.insts[i])
	st.memo[i] = d
	return d
}

func (st *strider) compute(si *shapeInst) stride {
	a, v := st.a, si.v
	op := func(i uint32) stride { return st.of(a.GetOperand(v, i)) }
	switch si.opcode {
	case opCall:
		switch st.m.name(st.m.api.GetCalledValue(v)) {
		case "_Z13get_global_idj", "_Z12get_local_idj":
			if k, ok := st.constant(a.GetOperand(v, 0)); ok && k == 0 {
				return stride{1, true}
			}
			return stride{0, true} // y and z: the same along a row
		case "_Z20get_global_linear_idv", "_Z19get_local_linear_idv":
			return stride{1, true}
		}
	case opAdd, opSubtract, opOr:
		p, q := op(0), op(1)
		if si.opcode == opOr && p.bytes != 0 && q.bytes != 0 {
			return stride{} // (an or adds when its operands share no bit: low bits on a multiple)
		}
		if si.opcode == opSubtract {
			q.bytes = -q.bytes
		}
		return stride{p.bytes + q.bytes, p.known && q.known}
	case opMultiply, opShiftL, opAShiftR, opLShiftR:
		k, ok := st.constant(a.GetOperand(v, 1))
		p := op(0)
		if si.opcode == opMultiply && !ok {
			if k, ok = st.constant(a.GetOperand(v, 0)); ok {
				p = op(1)
			}
		}
		if !ok || !p.known {
			if q := op(1); p.known && q.known && p.bytes == 0 && q.bytes == 0 {
				return stride{0, true}
			}
			return stride{}
		}
		switch si.opcode {
		case opMultiply:
			return stride{p.bytes * k, true}
		case opShiftL:
			if k < 0 || k >= 63 {
				return stride{}
			}
			return stride{p.bytes << k, true}
		default:
			if k < 0 || k >= 63 || p.bytes%(1<<k) != 0 {
				return stride{}
			}
			return stride{p.bytes >> k, true}
		}
	case opGetElementPtr:
		d := op(0)
		ty := a.GetGEPSourceElementType(v)
		for i := int32(1); i < a.GetNumOperands(v) && d.known; i++ {
			x := op(uint32(i))
			if i > 1 && x.bytes != 0 {
				return stride{} // (a varying index inside an aggregate)
			}
			d = stride{d.bytes + x.bytes*int64(a.ABISizeOfType(st.td, ty)), x.known}
		}
		return d
	case opPHI:
		// A counter that starts per work-item and steps by the same
		// amount for all keeps its start's stride.
		d := stride{}
		for i := uint32(0); i < a.CountIncoming(v); i++ {
			in := a.GetIncomingValue(v, i)
			if st.steps(in, v) {
				continue
			}
			x := st.of(in)
			if !x.known || d.known && x.bytes != d.bytes {
				return stride{}
			}
			d = x
		}
		return d
	case opSelect:
		if p, q := op(1), op(2); p == q {
			return p
		}
	case opFreeze, opTrunc, opZeroExt, opSignExt, opBitCast, 39, 40, 60: // ptrtoint, inttoptr, addrspacecast
		return op(0)
	}
	return stride{}
}

// steps: in is phi plus or minus a value the same for all lanes (a
// loop's step).
func (st *strider) steps(in, phi uintptr) bool {
	i, ok := st.s.byValue[in]
	if !ok {
		return false
	}
	si, a := st.s.insts[i], st.a
	if si.opcode != opAdd && si.opcode != opSubtract && si.opcode != opGetElementPtr {
		return false
	}
	if a.GetOperand(in, 0) != phi || a.GetNumOperands(in) != 2 {
		return false
	}
	d := st.of(a.GetOperand(in, 1))
	return d.known && d.bytes == 0
}

// constant is v's value if v is an integer constant, sign-extended.
func (st *strider) constant(v uintptr) (int64, bool) {
	if st.m.api.IsAConstantInt(v) == 0 {
		return 0, false
	}
	w := st.a.GetIntTypeWidth(st.a.TypeOf(v))
	u := st.m.api.ConstIntGetZExtValue(v)
	if w < 64 && u&(1<<(w-1)) != 0 {
		u |= ^uint64(0) << w
	}
	return int64(u), true
}
