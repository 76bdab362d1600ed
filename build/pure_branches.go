package build

// Branches around pure library calls, folded into selects.
//
// `out[i] = v > 40 ? sqrt(v) : v * 0.5f` reaches the work-group transform
// as a branch: sqrt is a call to the builtin library (linked at code
// generation), which LLVM's SimplifyCFG does not execute speculatively.
// A branch on a varying condition is a divergent region for the
// transform: its own work-item loop, with the values that cross it kept
// in per-work-item slots, and the kernel ran at 0.8× PoCL 3.1 (which
// if-converts the whole body in one loop). Where both arms of a diamond
// (or the one arm of a triangle) are a single block of arithmetic and
// calls of the library's pure functions (memory(none), which the library
// defines: math, common, integer functions; never the work-item, sub-group
// or synchronization functions, which touch memory), the arms run
// unconditionally and the join's phis become selects, as if-conversion
// would make them; every lane computes both arms, which the vectorized
// loop does anyway.

// maxFoldedArm bounds the instructions of an arm that is folded.
const maxFoldedArm = 32

// foldPureBranches folds the pure diamonds and triangles of the named
// functions, innermost first, until none is left, and then merges the
// blocks that are left in a row (the transform makes a work-item loop of
// each block's run of varying code, so a head and its join would have
// been two loops, with slots between them).
func (m *module) foldPureBranches(a *wgAPI, names []string) error {
	memory := m.api.EnumAttributeKindByName("memory", uintptr(len("memory")))
	folded := false
	for _, name := range names {
		fn := m.api.GetNamedFunction(m.mod, name)
		if fn == 0 || m.api.IsDeclaration(fn) != 0 {
			continue
		}
		for m.foldOneBranch(a, fn, memory) {
			folded = true
		}
	}
	if !folded {
		return nil
	}
	return m.runPasses(a.regionAPI, "function(simplifycfg)")
}

// foldOneBranch folds one pure diamond or triangle of fn; false if there
// is none.
func (m *module) foldOneBranch(a *wgAPI, fn uintptr, memory uint32) bool {
	api := m.api
	preds := m.predecessors(a, fn)
	// arm reports whether bb is a foldable arm from head: head its only
	// predecessor, pure instructions, an unconditional branch to join.
	arm := func(bb, head, join uintptr) bool {
		if len(preds[bb]) != 1 || preds[bb][0] != head {
			return false
		}
		term := a.GetBasicBlockTerminator(bb)
		if term == 0 || a.GetInstructionOpcode(term) != opBr || a.GetNumSuccessors(term) != 1 || a.GetSuccessor(term, 0) != join {
			return false
		}
		n := 0
		for in := api.GetFirstInstruction(bb); in != 0 && in != term; in = api.GetNextInstruction(in) {
			if n++; n > maxFoldedArm || !m.pureInstruction(a, in, memory) {
				return false
			}
		}
		return true
	}
	for head := api.GetFirstBasicBlock(fn); head != 0; head = api.GetNextBasicBlock(head) {
		term := a.GetBasicBlockTerminator(head)
		if term == 0 || a.GetInstructionOpcode(term) != opBr || a.GetNumSuccessors(term) != 2 {
			continue
		}
		t, f := a.GetSuccessor(term, 0), a.GetSuccessor(term, 1)
		if t == f {
			continue
		}
		var arms []uintptr
		var join uintptr
		switch {
		case a.GetNumSuccessors(a.GetBasicBlockTerminator(t)) == 1 && a.GetSuccessor(a.GetBasicBlockTerminator(t), 0) == f && arm(t, head, f):
			arms, join = []uintptr{t}, f // triangle: head → t → f, head → f
		case a.GetNumSuccessors(a.GetBasicBlockTerminator(f)) == 1 && a.GetSuccessor(a.GetBasicBlockTerminator(f), 0) == t && arm(f, head, t):
			arms, join = []uintptr{f}, t
		default:
			tt := a.GetBasicBlockTerminator(t)
			if tt == 0 || a.GetNumSuccessors(tt) != 1 {
				continue
			}
			join = a.GetSuccessor(tt, 0)
			if join == head || !arm(t, head, join) || !arm(f, head, join) {
				continue
			}
			arms = []uintptr{t, f}
		}
		if len(preds[join]) != 2 {
			continue
		}
		m.foldBranch(a, head, term, t, f, arms, join)
		return true
	}
	return false
}

// foldBranch moves the arms' instructions into head, makes the join's
// phis selects on the branch's condition, and branches to join.
func (m *module) foldBranch(a *wgAPI, head, term, t, f uintptr, arms []uintptr, join uintptr) {
	api := m.api
	b := a.CreateBuilder(m.ctx)
	defer a.DisposeBuilder(b)
	cond := a.GetCondition(term)
	for _, bb := range arms {
		for in := api.GetFirstInstruction(bb); in != 0 && in != a.GetBasicBlockTerminator(bb); {
			next := api.GetNextInstruction(in)
			a.InstructionRemove(in)
			a.PositionBefore(b, term)
			a.InsertIntoBuilder(b, in)
			in = next
		}
	}
	// The value a phi of join takes on the true and the false path: from
	// t's arm (or from head when t is join), from f's likewise.
	from := func(phi, path uintptr) uintptr {
		block := path
		if path == join {
			block = head
		}
		for i := uint32(0); i < a.CountIncoming(phi); i++ {
			if a.GetIncomingBlock(phi, i) == block {
				return a.GetIncomingValue(phi, i)
			}
		}
		return 0
	}
	for phi := api.GetFirstInstruction(join); phi != 0 && a.IsAPHINode(phi) != 0; {
		next := api.GetNextInstruction(phi)
		a.PositionBefore(b, term)
		sel := a.BuildSelect(b, cond, from(phi, t), from(phi, f), "")
		a.ReplaceAllUsesWith(phi, sel)
		a.InstructionErase(phi)
		phi = next
	}
	a.InstructionErase(term)
	a.PositionAtEnd(b, head)
	a.BuildBr(b, join)
	for _, bb := range arms {
		a.DeleteBasicBlock(bb)
	}
}

// pureInstruction reports whether in may run where its block did not:
// arithmetic, casts, compares, selects, address arithmetic, divisions by
// constants other than 0 and -1, the intrinsics the scalarizer splits,
// and calls of the library's memory(none) functions.
func (m *module) pureInstruction(a *wgAPI, in uintptr, memory uint32) bool {
	api := m.api
	switch op := a.GetInstructionOpcode(in); op {
	case opUDiv, opSDiv, opURem, opSRem:
		return divisionCannotTrap(a, api, in)
	case opCall:
		callee := api.GetCalledValue(in)
		name := m.name(callee)
		if splittableIntrinsics[intrinsicBase(name)] {
			return true
		}
		if api.IsDeclaration(callee) == 0 || len(partsIndex()[partKey(name)]) == 0 || workItemCalls[name] {
			return false
		}
		attr := a.GetEnumAttributeAtIndex(callee, functionIndex, memory)
		return attr != 0 && a.GetEnumAttributeValue(attr) == 0 // memory(none)
	case opLoad, opStore, opAlloca, opPHI, opFence, opAtomicCmpXchg, opAtomicRMW:
		return false
	default:
		return op >= opFirstBinary && op <= opLastValueOp
	}
}
