package build

// Guards on the x id. A guard such as `if (lid < k)` (a reduction's step)
// or `if (gid >= n) return;` (a bounds check) compares the local or global
// id of dimension 0 with a value that is the same for every work-item. The
// work-items it lets in are then one run of x, [lo, hi), in every row of
// the group, and its body's work-item loops run over that run alone: no
// per-work-item mask to store, to scan for any active work-item, and to
// test in the loop. A reduction's step over k of 256 work-items costs k
// iterations, not three loops over 256.
//
// A guard on the remainder of the local id by a power of two, such as
// `if (get_sub_group_local_id() == 0)` (the linear id % 16 == 0: the
// sub-group's result, written once per sub-group), lets in every step-th
// x of each row instead: its loops step by that much. (As a mask, the
// store of 16 results per 256 work-items was 16 scatters, each of one
// active lane, and 16 masked loads.) With the linear id, that holds when
// the rows are whole steps; otherwise every x is tried.

// guardRange is such a guard.
type guardRange struct {
	pred    int32   // the work-item runs the body iff pred(id, bound)
	global  bool    // the id is get_global_id(0), else get_local_id(0)
	narrow  bool    // compared as a 32-bit int (the id truncated)
	bound   uintptr // the uniform side
	lo, hi  uintptr // the run, built by buildLoops
	checked uintptr // i1 that says whether the run is exact, or 0 if it always is
	// A remainder guard: id % step == 0 (step a power of two), the id
	// local linear or not; stride is the loops' step, built by buildLoops
	// (step, or 1 where the run is not exact).
	step   uint64
	linear bool
	stride uintptr
}

// LLVM's integer predicates.
const (
	icmpEQ  = 32
	icmpNE  = 33
	icmpUGT = 34
	icmpUGE = 35
	icmpULT = 36
	icmpULE = 37
	icmpSGT = 38
	icmpSGE = 39
	icmpSLT = 40
	icmpSLE = 41
)

// swapPred is the predicate with its operands swapped; invertPred its
// negation.
func swapPred(p int32) int32 {
	switch p {
	case icmpUGT, icmpSGT:
		return p + 2
	case icmpUGE, icmpSGE:
		return p + 2
	case icmpULT, icmpSLT:
		return p - 2
	case icmpULE, icmpSLE:
		return p - 2
	}
	return p
}

func invertPred(p int32) int32 {
	switch p {
	case icmpEQ:
		return icmpNE
	case icmpNE:
		return icmpEQ
	case icmpUGT, icmpSGT:
		return p + 3 // ule, sle
	case icmpUGE, icmpSGE:
		return p + 1 // ult, slt
	case icmpULT, icmpSLT:
		return p - 1 // uge, sge
	}
	return p - 3 // ule, sle → ugt, sgt
}

func signedPred(p int32) bool { return p >= icmpSGT }

// outsideRegions reports whether v is not an instruction of a divergent
// region (where a value uniform by the analysis is not yet computed when
// the group's loops test a guard).
func (t *wgTransform) outsideRegions(v uintptr) bool {
	return t.a.IsAInstruction(v) == 0 || t.s.regionOf[t.s.insts[t.s.byValue[v]].block] == nil
}

// rangeOf returns the guard block g's condition as a run of x, or nil.
func (t *wgTransform) rangeOf(g int) *guardRange {
	term := t.a.GetBasicBlockTerminator(t.s.blocks[g])
	return t.rangeOfCmp(t.a.GetCondition(term), t.s.succs[g][0] == t.s.ipdom[g]) // (true edge skips: negated)
}

// rangeOfCmp returns condition cond (negated if neg) as a run of x, or nil.
func (t *wgTransform) rangeOfCmp(cond uintptr, neg bool) *guardRange {
	a := t.a
	if a.IsAInstruction(cond) == 0 || a.GetInstructionOpcode(cond) != opICmp {
		return nil
	}
	pred := a.GetICmpPredicate(cond)
	l, r := a.GetOperand(cond, 0), a.GetOperand(cond, 1)
	if t.varying[r] {
		l, r, pred = r, l, swapPred(pred)
	}
	if t.varying[r] || !t.outsideRegions(r) {
		return nil
	}
	if neg {
		pred = invertPred(pred)
	}
	if gr := t.remainderRange(pred, l, r); gr != nil {
		return gr
	}
	if pred == icmpNE {
		return nil
	}
	gr := &guardRange{pred: pred, bound: r}
	const trunc = 30
	if a.IsAInstruction(l) != 0 && a.GetInstructionOpcode(l) == trunc {
		if a.GetIntTypeWidth(a.TypeOf(l)) != 32 {
			return nil
		}
		gr.narrow, l = true, a.GetOperand(l, 0)
	}
	if a.IsAInstruction(l) == 0 || t.m.api.IsACallInst(l) == 0 {
		return nil
	}
	dim := a.GetOperand(l, 0)
	if t.m.api.IsAConstantInt(dim) == 0 || t.m.api.ConstIntGetZExtValue(dim) != 0 {
		return nil
	}
	switch t.m.name(t.m.api.GetCalledValue(l)) {
	case "_Z12get_local_idj":
	case "_Z13get_global_idj":
		gr.global = true
	default:
		return nil
	}
	return gr
}

// LLVM's opcodes of and and or (the remainders' are in safediv.go).
const (
	opAnd = 23
	opOr  = 24
)

// Names of values that shaped code finds again (specialize.go): the test
// that a 32-bit global x id does not wrap within a row, and a row's y id
// (wgloops.go nest).
const (
	noWrapName = "wi.nowrap"
	rowYName   = "wi.y"
)

// remainderRange returns the guard pred(l, r) as a remainder guard
// (id % step == 0, or id & (step - 1) == 0, of the local id of dimension
// 0 or the local linear id, maybe truncated), or nil.
func (t *wgTransform) remainderRange(pred int32, l, r uintptr) *guardRange {
	a, api := t.a, t.m.api
	if pred != icmpEQ || api.IsAConstantInt(r) == 0 || api.ConstIntGetZExtValue(r) != 0 || a.IsAInstruction(l) == 0 {
		return nil
	}
	op := a.GetInstructionOpcode(l)
	if op != opURem && op != opSRem && op != opAnd {
		return nil
	}
	c := a.GetOperand(l, 1)
	if api.IsAConstantInt(c) == 0 {
		return nil
	}
	step := api.ConstIntGetZExtValue(c)
	if op == opAnd {
		step++
	}
	if step < 2 || step > 1<<12 || step&(step-1) != 0 {
		return nil
	}
	id := a.GetOperand(l, 0)
	if a.IsAInstruction(id) != 0 && a.GetInstructionOpcode(id) == opTrunc {
		id = a.GetOperand(id, 0) // (a power of two ≤ 2^12 divides 2^width)
	}
	if a.IsAInstruction(id) == 0 || api.IsACallInst(id) == 0 {
		return nil
	}
	gr := &guardRange{pred: icmpEQ, step: step}
	switch t.m.name(api.GetCalledValue(id)) {
	case "_Z19get_local_linear_idv":
		gr.linear = true
	case "_Z12get_local_idj":
		if dim := a.GetOperand(id, 0); api.IsAConstantInt(dim) == 0 || api.ConstIntGetZExtValue(dim) != 0 {
			return nil
		}
	default:
		return nil
	}
	return gr
}

// buildRange computes, at the builder, the run of x that guard gr lets in,
// and returns whether any work-item is in it. A narrow global id is the
// one case where the run may not be exact: a group whose global ids cross
// 2^31 (signed) or 2^32; there the run is the whole row, the body's loops
// test the condition per work-item, and a loop over x finds out whether
// any work-item runs the body.
func (t *wgTransform) buildRange(gr *guardRange, before uintptr) (any uintptr, after uintptr) {
	a, b, ctx := t.a, t.b, t.m.ctx
	i64 := t.i64
	if gr.step > 1 {
		// Every step-th x from 0; with the linear id, only if each row
		// is whole steps (else every x, tested).
		gr.lo, gr.hi, gr.stride = t.c64(0), t.nx, t.c64(gr.step)
		if gr.linear {
			rest := a.BuildAnd(b, t.nx, t.c64(gr.step-1), "")
			gr.checked = a.BuildICmp(b, icmpEQ, rest, t.c64(0), "wi.exact")
			gr.stride = a.BuildSelect(b, gr.checked, gr.stride, t.c64(1), "")
		}
		return a.BuildICmp(b, icmpULT, gr.lo, gr.hi, "wi.anyactive"), a.GetInsertBlock(b)
	}
	base := t.c64(0)
	bound := gr.bound
	if gr.global {
		base = t.gbase[0]
	}
	ext := func(v uintptr) uintptr {
		if signedPred(gr.pred) {
			return a.BuildSExt(b, v, i64, "")
		}
		return a.BuildZExt(b, v, i64, "")
	}
	if gr.narrow {
		base = ext(a.BuildTrunc(b, base, a.Int32Type(ctx), ""))
		bound = ext(bound)
	}
	// The number of x in [0, nx) with base + x < bound (below) and with
	// base + x <= bound (upTo).
	lt := int32(icmpULT)
	if signedPred(gr.pred) {
		lt = icmpSLT
	}
	none := a.BuildICmp(b, lt, bound, base, "")
	diff := a.BuildSub(b, bound, base, "")
	umin := func(x, y uintptr) uintptr {
		return a.BuildSelect(b, a.BuildICmp(b, icmpULT, x, y, ""), x, y, "")
	}
	below := a.BuildSelect(b, none, t.c64(0), umin(diff, t.nx), "")
	upTo := a.BuildSelect(b, none, t.c64(0), a.BuildAdd(b, umin(diff, a.BuildSub(b, t.nx, t.c64(1), "")), t.c64(1), ""), "")
	lo, hi := t.c64(0), t.nx
	switch gr.pred {
	case icmpULT, icmpSLT:
		hi = below
	case icmpULE, icmpSLE:
		hi = upTo
	case icmpUGE, icmpSGE:
		lo = below
	case icmpUGT, icmpSGT:
		lo = upTo
	case icmpEQ:
		lo, hi = below, upTo
	}
	gr.lo, gr.hi = lo, hi
	any = a.BuildICmp(b, icmpULT, lo, hi, "wi.anyactive")
	if !(gr.narrow && gr.global) {
		return any, a.GetInsertBlock(b)
	}
	// Exact unless base + x wraps as a 32-bit int within the row.
	limit := uint64(1) << 32
	if signedPred(gr.pred) {
		limit = 1 << 31
	}
	gr.checked = a.BuildICmp(b, icmpSLE, a.BuildAdd(b, base, t.nx, ""), t.c64(limit), noWrapName)
	from := a.GetInsertBlock(b)
	join, loop, acc1 := t.anyLoop(from, before, gr.checked, t.nx, a.Int1Type(ctx), "wi.anyx", func(x uintptr) uintptr {
		return t.rangeTest(gr, x, 0)
	})
	phi := func(exact, whole uintptr, ty uintptr) uintptr {
		p := a.BuildPhi(b, ty, "")
		v, bb := []uintptr{exact, whole}, []uintptr{from, loop}
		a.AddIncoming(p, &v[0], &bb[0], 2)
		return p
	}
	gr.lo, gr.hi = phi(lo, t.c64(0), i64), phi(hi, t.nx, i64)
	return phi(any, acc1, a.Int1Type(ctx)), join
}

// rangeTest is the guard's condition for the work-item at x of a row, wi
// in the group.
func (t *wgTransform) rangeTest(gr *guardRange, x, wi uintptr) uintptr {
	a, b := t.a, t.b
	if gr.step > 1 {
		id := x
		if gr.linear {
			id = wi
		}
		return a.BuildICmp(b, icmpEQ, a.BuildAnd(b, id, t.c64(gr.step-1), ""), t.c64(0), "")
	}
	id := x
	if gr.global {
		id = a.BuildAdd(b, t.gbase[0], x, "")
	}
	if gr.narrow {
		id = a.BuildTrunc(b, id, a.Int32Type(t.m.ctx), "")
	}
	return a.BuildICmp(b, gr.pred, id, gr.bound, "")
}
