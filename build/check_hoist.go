package build

import "strings"

// Checks hoisted out of work-item loops (GOCL_CHECK).
//
// Most accesses of a kernel in a work-item loop are at an offset that is an
// affine function of the loop's x (out[i], m[k * n + i]): over the run of x
// the loop takes, the offsets lie between those of its first and last x.
// So, before the loop, the checks of all such accesses are made once, at
// the two ends; when they pass (and nothing narrower than 64 bits can
// wrap on the way), every access of the run is in bounds. Each such access
// then runs if `inBounds || its own check`. LLVM's loop unswitching (at
// -O3, with its default size threshold) makes two copies of the loop on
// that invariant: one without any of these checks, which vectorizes as the
// unchecked kernel does, and the checked one, for runs that fail at an end
// (a last group partly outside the buffer, a stencil's border), which
// finds and reports the exact work-item as before. (A higher threshold
// copied big loops too, and the kernel of tests/builtin_vload.c with 330
// work-item loops then took minutes more to compile.)
//
// The loops are those the work-group transform builds (wgloops.go, nest),
// recognized by the names it gives their blocks, as specialize.go does:
// a header "wi.loop…" whose first instruction is x's phi, entered from
// "wi.rows…", and a latch that compares x + step with the bound, unsigned.

// wiLoop is one work-item loop over x.
type wiLoop struct {
	pre    uintptr          // the block before the header (wi.rows…)
	x      uintptr          // the phi
	lo, hi uintptr          // x's first value, and its bound (x < hi)
	blocks map[uintptr]bool // the loop's blocks
	ends   [2]uintptr       // x at the first and last work-item (built on demand)
	ok     uintptr          // the and of the conditions found so far (an i1), 0 for none
}

// workItemLoops finds the work-item loops of fn.
func (c *checker) workItemLoops(fn uintptr) []*wiLoop {
	a, api := c.a, c.m.api
	preds := c.m.predecessors(a.wgAPI, fn)
	var loops []*wiLoop
	for h := api.GetFirstBasicBlock(fn); h != 0; h = api.GetNextBasicBlock(h) {
		if !strings.HasPrefix(cString(a.GetBasicBlockName(h)), "wi.loop") {
			continue
		}
		x := api.GetFirstInstruction(h)
		if x == 0 || a.GetInstructionOpcode(x) != opPHI || a.CountIncoming(x) != 2 {
			continue
		}
		l := &wiLoop{x: x}
		var latch uintptr
		for i := uint32(0); i < 2; i++ {
			from, v := a.GetIncomingBlock(x, i), a.GetIncomingValue(x, i)
			if strings.HasPrefix(cString(a.GetBasicBlockName(from)), "wi.rows") {
				l.pre, l.lo = from, v
			} else {
				latch = from
				l.hi = c.loopBound(latch, h, x, v)
			}
		}
		if l.pre == 0 || l.hi == 0 {
			continue
		}
		// The loop's blocks: the header and whatever reaches the latch
		// without passing it.
		l.blocks = map[uintptr]bool{h: true}
		for work := []uintptr{latch}; len(work) > 0; {
			bb := work[len(work)-1]
			work = work[:len(work)-1]
			if l.blocks[bb] {
				continue
			}
			l.blocks[bb] = true
			work = append(work, preds[bb]...)
		}
		if l.invariant(a, l.hi) && l.invariant(a, l.lo) {
			loops = append(loops, l)
		}
	}
	return loops
}

// loopBound is hi when the latch's branch goes back to the header while
// next (x plus a step) is below hi, unsigned; else 0.
func (c *checker) loopBound(latch, header, x, next uintptr) uintptr {
	a := c.a
	term := a.GetBasicBlockTerminator(latch)
	if term == 0 || a.GetNumSuccessors(term) != 2 || a.GetSuccessor(term, 0) != header {
		return 0
	}
	cond := a.GetCondition(term)
	if a.IsAInstruction(cond) == 0 || a.GetInstructionOpcode(cond) != opICmp || a.GetICmpPredicate(cond) != llvmIntULT ||
		a.GetOperand(cond, 0) != next {
		return 0
	}
	if a.GetInstructionOpcode(next) != opAdd || a.GetOperand(next, 0) != x {
		return 0
	}
	return a.GetOperand(cond, 1)
}

// invariant: v is computed outside the loop (so, used in it, it is
// available at the end of the block before it).
func (l *wiLoop) invariant(a *checkAPI, v uintptr) bool {
	return a.IsAInstruction(v) == 0 || !l.blocks[a.GetInstructionParent(v)]
}

// loopOf is the work-item loop that holds in, or nil.
func loopOf(a *checkAPI, loops []*wiLoop, in uintptr) *wiLoop {
	bb := a.GetInstructionParent(in)
	for _, l := range loops {
		if l.blocks[bb] {
			return l
		}
	}
	return nil
}

// Opcodes the affine evaluation follows (LLVMOpcode).
const (
	opSubtract = 10
	opMultiply = 12
	opShiftL   = 20
	opAShiftR  = 22
	opZeroExt  = 31
	opSignExt  = 32
)

// affine evaluates, at the end of the loop's preheader, the value v (an
// integer) would have at x = xv, as an i64, in the loop's ok the
// conditions under which that value is exact: every value narrower than
// 64 bits on the way is in [0, its signed maximum] (then no addition,
// multiplication or extension of it wraps or depends on its signedness),
// and every 64-bit one within ±2^62. It returns 0 when v is not such a
// function of x (x times x, a division, a load, a phi in the loop).
func (c *checker) affine(l *wiLoop, v, xv uintptr, memo map[uintptr]uintptr) uintptr {
	if r, ok := memo[v]; ok {
		return r
	}
	a := c.a
	r := uintptr(0)
	defer func() { memo[v] = r }()
	ty := a.TypeOf(v)
	if a.GetTypeKind(ty) != typeKindInteger {
		return 0
	}
	width := a.GetIntTypeWidth(ty)
	if width > 64 {
		return 0
	}
	wide := func(v uintptr) uintptr {
		if width < 64 {
			return a.BuildSExt(c.b, v, c.i64, "")
		}
		return v
	}
	switch {
	case v == l.x:
		r = xv
		return r
	case c.m.api.IsAConstantInt(v) != 0:
		r = wide(v)
		return r
	case l.invariant(a, v):
		r = wide(v)
		c.exactIn(l, r, width)
		return r
	}
	op := a.GetInstructionOpcode(v)
	operand := func(i uint32) uintptr { return c.affine(l, a.GetOperand(v, i), xv, memo) }
	constant := func(i uint32) (uint64, bool) {
		k := a.GetOperand(v, i)
		if c.m.api.IsAConstantInt(k) == 0 {
			return 0, false
		}
		return c.m.api.ConstIntGetZExtValue(k), true
	}
	switch op {
	case opAdd, opSubtract:
		p, q := operand(0), operand(1)
		if p == 0 || q == 0 {
			return 0
		}
		if op == opAdd {
			r = a.BuildAdd(c.b, p, q, "")
		} else {
			r = a.BuildSub(c.b, p, q, "")
		}
	case opMultiply:
		// One factor must not depend on x.
		if !c.freeOfX(l, a.GetOperand(v, 0)) && !c.freeOfX(l, a.GetOperand(v, 1)) {
			return 0
		}
		p, q := operand(0), operand(1)
		if p == 0 || q == 0 {
			return 0
		}
		r = a.BuildMul(c.b, p, q, "")
	case opShiftL:
		k, ok := constant(1)
		p := operand(0)
		if !ok || k >= uint64(width) || p == 0 {
			return 0
		}
		r = a.BuildMul(c.b, p, c.c64(1<<k), "")
	case opAShiftR:
		// (v << j) >> k, exact, with k <= j: v's low width-j bits sign
		// extended, times 2^(j-k) (clang's sext(trunc(i)) * size).
		k, ok := constant(1)
		inner := a.GetOperand(v, 0)
		if !ok || a.IsAInstruction(inner) == 0 || a.GetInstructionOpcode(inner) != opShiftL {
			return 0
		}
		j, ok2 := uint64(0), false
		if kk := a.GetOperand(inner, 1); c.m.api.IsAConstantInt(kk) != 0 {
			j, ok2 = c.m.api.ConstIntGetZExtValue(kk), true
		}
		if !ok2 || k > j || j >= uint64(width) {
			return 0
		}
		p := c.affine(l, a.GetOperand(inner, 0), xv, memo)
		if p == 0 {
			return 0
		}
		c.exactIn(l, p, uint32(uint64(width)-j))
		r = a.BuildMul(c.b, p, c.c64(1<<(j-k)), "")
	case opFreeze:
		// (An id's value is never poison: freezing it changes nothing.)
		r = operand(0)
		return r
	case opSignExt, opZeroExt, opTrunc:
		// Exact once the narrower value is in [0, its signed maximum].
		p := operand(0)
		if p == 0 {
			return 0
		}
		r = p
		if op == opTrunc {
			c.exactIn(l, r, width)
		}
		return r
	default:
		return 0
	}
	c.exactIn(l, r, width)
	return r
}

// freeOfX: v does not depend on the loop's x (it is computed outside the
// loop, or from such values).
func (c *checker) freeOfX(l *wiLoop, v uintptr) bool {
	a := c.a
	if v == l.x {
		return false
	}
	if l.invariant(a, v) {
		return true
	}
	if a.GetInstructionOpcode(v) == opPHI {
		return false
	}
	for i := int32(0); i < a.GetNumOperands(v); i++ {
		if !c.freeOfX(l, a.GetOperand(v, uint32(i))) {
			return false
		}
	}
	return true
}

// exactIn adds to the loop's conditions that the i64 value w is what a
// value of width bits holds exactly: in [0, 2^(width-1)) below 64 bits,
// within ±2^62 at 64.
func (c *checker) exactIn(l *wiLoop, w uintptr, width uint32) {
	a := c.a
	var cond uintptr
	if width < 64 {
		cond = a.BuildICmp(c.b, llvmIntULT, w, c.c64(1<<(width-1)), "") // unsigned: negative is huge
	} else {
		cond = a.BuildICmp(c.b, llvmIntULT, a.BuildAdd(c.b, w, c.c64(1<<62), ""), c.c64(1<<63), "")
	}
	l.and(a, c.b, cond)
}

// and adds cond to the loop's conditions.
func (l *wiLoop) and(a *checkAPI, b, cond uintptr) {
	if l.ok == 0 {
		l.ok = cond
		return
	}
	l.ok = a.BuildAnd(b, l.ok, cond, "")
}

// pointerOffset evaluates, at x = xv, the byte offset of pointer p from
// the invariant pointer base, as an i64 (0 if it is not affine in x):
// p must be base, or an invariant pointer, or a one-index GEP of such a
// pointer.
func (c *checker) pointerOffset(l *wiLoop, p, base, xv uintptr, memo map[uintptr]uintptr) uintptr {
	a := c.a
	if p == base {
		return c.c64(0)
	}
	if a.IsAInstruction(p) != 0 && a.GetInstructionOpcode(p) == opCall && isCheckMarker(c.m.name(c.m.api.GetCalledValue(p))) {
		return c.pointerOffset(l, a.GetOperand(p, 0), base, xv, memo) // the marker returns its pointer
	}
	if l.invariant(a, p) {
		return a.BuildSub(c.b, a.BuildPtrToInt(c.b, p, c.i64, ""), a.BuildPtrToInt(c.b, base, c.i64, ""), "")
	}
	if a.GetInstructionOpcode(p) != opGetElementPtr || a.GetNumOperands(p) != 2 {
		return 0
	}
	from := c.pointerOffset(l, a.GetOperand(p, 0), base, xv, memo)
	idx := c.affine(l, a.GetOperand(p, 1), xv, memo)
	if from == 0 || idx == 0 {
		return 0
	}
	size := a.ABISizeOfType(c.td, a.GetGEPSourceElementType(p))
	return a.BuildAdd(c.b, from, a.BuildMul(c.b, idx, c.c64(size), ""), "")
}

// hoistCheck tries to check acc, which accesses size bytes (an i64
// invariant) against limit, once for the whole run of its work-item loop:
// it adds the two ends' checks to the loop's conditions and returns the
// loop, or nil if acc is not in one or its offset is not affine in x.
func (c *checker) hoistCheck(loops []*wiLoop, acc checkedAccess, limit uintptr) *wiLoop {
	a := c.a
	l := loopOf(a, loops, acc.in)
	base := a.GetOperand(acc.marker, 1)
	if l == nil || !l.invariant(a, base) || !l.invariant(a, limit) {
		return nil
	}
	if op := a.GetInstructionOpcode(acc.in); op != opLoad && op != opStore {
		return nil // (atomics stay checked one by one)
	}
	size, _ := c.fixedAccessSize(acc)
	a.PositionBefore(c.b, a.GetBasicBlockTerminator(l.pre))
	saved := l.ok
	var offs [2]uintptr
	for i, xv := range c.loopEnds(l) {
		if offs[i] = c.pointerOffset(l, acc.ptr, base, xv, map[uintptr]uintptr{}); offs[i] == 0 {
			l.ok = saved // the conditions built so far are dropped as dead code
			return nil
		}
	}
	max := a.BuildSub(c.b, limit, c.c64(size), "")
	l.and(a, c.b, a.BuildICmp(c.b, llvmIntUGE, limit, c.c64(size), ""))
	for _, off := range offs {
		l.and(a, c.b, a.BuildICmp(c.b, llvmIntULE, off, max, ""))
	}
	return l
}

// fixedAccessSize is the bytes acc accesses when its instruction says
// (loads, stores, atomics; not memcpy and the builtins, see accessSize).
func (c *checker) fixedAccessSize(acc checkedAccess) (uint64, bool) {
	a := c.a
	switch a.GetInstructionOpcode(acc.in) {
	case opLoad:
		return a.StoreSizeOfType(c.td, a.TypeOf(acc.in)), true
	case opStore: // value, pointer
		return a.StoreSizeOfType(c.td, a.TypeOf(a.GetOperand(acc.in, 0))), true
	case opAtomicRMW, opAtomicCmpXchg: // pointer, value (or compare, new)
		return a.StoreSizeOfType(c.td, a.TypeOf(a.GetOperand(acc.in, 1))), true
	}
	return 0, false
}
