package build

// Guards on rows. A guard whose condition is the same along each row of
// the group (it reads the y and z ids, never x: `if (y >= h) return;`, or
// `if (x >= w || y >= h) return;` with x's part a run of x) is tested once
// per row, at the head of the row's work-item loop, which skips the row
// when it fails. As a mask, each work-item stored and reloaded a flag and
// the body's loads and stores were masked: a float4 kernel under such a
// guard was not worth vectorizing and ran at a third of PoCL 7's speed,
// where PoCL's row loop is plain code LLVM unswitches.

// rowGuard is such a guard: the conjunction of its terms, each a condition
// (negated if neg) computed from uniform values and the row's ids.
type rowGuard struct {
	terms []rowTerm
}

type rowTerm struct {
	v   uintptr
	neg bool
}

// rowOpcodes are the instructions a row condition may be made of:
// integer arithmetic without division, bit operations, truncations and
// extensions, integer compares and selects.
var rowOpcodes = map[int32]bool{8: true, 10: true, 12: true, 20: true, 21: true, 22: true, 23: true, 24: true, 25: true,
	30: true, 31: true, 32: true, 42: true, opSelect: true}

// maxRowCondition bounds the instructions of a row condition (each is
// computed again per row).
const maxRowCondition = 24

// rowGuardOf returns guard g as a row guard, with the run of x of its x
// term if it has one, or nil if some term is neither (or none is a row
// term: rangeOf takes a guard on x alone).
func (t *wgTransform) rowGuardOf(g int) (*rowGuard, *guardRange) {
	a := t.a
	term := a.GetBasicBlockTerminator(t.s.blocks[g])
	skipOnTrue := t.s.succs[g][0] == t.s.ipdom[g]
	rg := &rowGuard{}
	var rng *guardRange
	for _, c := range t.conjuncts(a.GetCondition(term), skipOnTrue, nil) {
		budget := maxRowCondition
		if t.rowUniform(c.v, &budget) {
			rg.terms = append(rg.terms, c)
			continue
		}
		if rng != nil {
			return nil, nil
		}
		if rng = t.rangeOfCmp(c.v, c.neg); rng == nil || rng.step > 1 {
			return nil, nil
		}
	}
	if len(rg.terms) == 0 {
		return nil, nil
	}
	return rg, rng
}

// conjuncts splits condition v (negated if neg) into terms whose
// conjunction it is: a logical and (and, select c1, c2, false) taken as
// it is, a logical or (or, select c1, true, c2) negated, a negation
// undone.
func (t *wgTransform) conjuncts(v uintptr, neg bool, out []rowTerm) []rowTerm {
	a := t.a
	if a.IsAInstruction(v) == 0 || a.GetTypeKind(a.TypeOf(v)) != typeKindInteger || a.GetIntTypeWidth(a.TypeOf(v)) != 1 {
		return append(out, rowTerm{v, neg})
	}
	isConst := func(x uintptr, want uint64) bool {
		return t.m.api.IsAConstantInt(x) != 0 && t.m.api.ConstIntGetZExtValue(x) == want
	}
	op0, op1 := a.GetOperand(v, 0), uintptr(0)
	if a.GetNumOperands(v) > 1 {
		op1 = a.GetOperand(v, 1)
	}
	switch a.GetInstructionOpcode(v) {
	case opAnd:
		if !neg {
			return t.conjuncts(op1, false, t.conjuncts(op0, false, out))
		}
	case opOr:
		if neg {
			return t.conjuncts(op1, true, t.conjuncts(op0, true, out))
		}
	case opXor:
		if isConst(op1, 1) {
			return t.conjuncts(op0, !neg, out)
		}
	case opSelect:
		op2 := a.GetOperand(v, 2)
		if !neg && isConst(op2, 0) { // c1 && c2
			return t.conjuncts(op1, false, t.conjuncts(op0, false, out))
		}
		if neg && isConst(op1, 1) { // !(c1 || c2)
			return t.conjuncts(op2, true, t.conjuncts(op0, true, out))
		}
	}
	return append(out, rowTerm{v, neg})
}

// rowUniform reports whether v is the same along each row: uniform, a y
// or z id, or made of such by rowOpcodes (at most *budget instructions).
func (t *wgTransform) rowUniform(v uintptr, budget *int) bool {
	a := t.a
	if a.IsAInstruction(v) == 0 {
		return true
	}
	if !t.varying[v] {
		return t.outsideRegions(v)
	}
	if *budget--; *budget < 0 {
		return false
	}
	op := a.GetInstructionOpcode(v)
	if op == opCall {
		_, ok := t.rowID(v)
		return ok
	}
	if !rowOpcodes[op] {
		return false
	}
	for i := int32(0); i < a.GetNumOperands(v); i++ {
		if !t.rowUniform(a.GetOperand(v, uint32(i)), budget) {
			return false
		}
	}
	return true
}

// rowID says which dimension id call is: get_local_id or get_global_id of
// dimension 1 or 2, else ok is false.
func (t *wgTransform) rowID(call uintptr) (dim uint64, ok bool) {
	api := t.m.api
	d := t.a.GetOperand(call, 0)
	if api.IsAConstantInt(d) == 0 {
		return 0, false
	}
	dim = api.ConstIntGetZExtValue(d)
	switch t.m.name(api.GetCalledValue(call)) {
	case "_Z12get_local_idj", "_Z13get_global_idj":
		return dim, dim == 1 || dim == 2
	}
	return 0, false
}

// rowCondition builds, at the builder, whether the row with local ids y
// and z passes rg.
func (t *wgTransform) rowCondition(rg *rowGuard, y, z uintptr) uintptr {
	a := t.a
	done := map[uintptr]uintptr{}
	var all uintptr
	for _, c := range rg.terms {
		// (Frozen: a term of `c1 && c2` ran only where c1 held, and here
		// every term runs: one that is poison elsewhere must not make the
		// row's branch undefined.)
		v := a.BuildFreeze(t.b, t.cloneRowValue(c.v, y, z, done), "")
		if c.neg {
			v = a.BuildXor(t.b, v, a.ConstInt(a.Int1Type(t.m.ctx), 1, 0), "")
		}
		if all == 0 {
			all = v
		} else {
			all = a.BuildAnd(t.b, all, v, "")
		}
	}
	return all
}

// cloneRowValue computes row-uniform v again at the builder's position for
// the row with local ids y and z.
func (t *wgTransform) cloneRowValue(v, y, z uintptr, done map[uintptr]uintptr) uintptr {
	a, api := t.a, t.m.api
	if c, ok := done[v]; ok {
		return c
	}
	var c uintptr
	switch {
	case a.IsAInstruction(v) == 0 || !t.varying[v]:
		c = v
	case a.GetInstructionOpcode(v) == opCall:
		d, _ := t.rowID(v)
		c = y
		if d == 2 {
			c = z
		}
		if t.m.name(api.GetCalledValue(v)) == "_Z13get_global_idj" {
			c = a.BuildAdd(t.b, t.gbase[d], c, "")
		}
	default:
		c = a.InstructionClone(v)
		for i := int32(0); i < a.GetNumOperands(v); i++ {
			a.SetOperand(c, uint32(i), t.cloneRowValue(a.GetOperand(v, uint32(i)), y, z, done))
		}
		a.InsertIntoBuilder(t.b, c)
	}
	done[v] = c
	return c
}

// anyRow builds, at the end of block from, a loop over the group's rows
// that finds whether any passes rg; it returns that and the block after
// the loop (placed before block before).
func (t *wgTransform) anyRow(rg *rowGuard, from, before uintptr) (any, after uintptr) {
	a, b := t.a, t.b
	after, _, any = t.anyLoop(from, before, 0, t.nrows, a.Int1Type(t.m.ctx), "wi.anyrow", func(r uintptr) uintptr {
		return t.rowCondition(rg, a.BuildURem(b, r, t.ny, ""), a.BuildUDiv(b, r, t.ny, ""))
	})
	return any, after
}
