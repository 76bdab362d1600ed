package build

// A barrier ends its block before the work-group analysis. Clang leaves a
// barrier in the block of the code after it, and that block may end with
// a branch that varies by work-item: a histogram that clears its bins in a
// loop over the local id, waits, counts, waits, and writes the bins out
// under `if (lid < 64)` has its second barrier in the block whose branch
// starts that divergent region. The analysis counts a region from its
// branching block, so the barrier was "in divergent control flow" and the
// kernel ran on fibers, 3× slower than PoCL 7's work-item loops.

// splitAfterBarriers moves the code after each barrier call of fn that is
// not followed by an unconditional branch into a block of its own, with
// builder b.
func (m *module) splitAfterBarriers(a *wgAPI, b, fn uintptr) {
	api := m.api
	for bb := api.GetFirstBasicBlock(fn); bb != 0; bb = api.GetNextBasicBlock(bb) {
		for in := api.GetFirstInstruction(bb); in != 0; in = api.GetNextInstruction(in) {
			if a.GetInstructionOpcode(in) != opCall || !isBarrier(m.name(api.GetCalledValue(in))) {
				continue
			}
			next := api.GetNextInstruction(in)
			if next == 0 || a.GetInstructionOpcode(next) == opBr && a.GetNumSuccessors(next) == 1 {
				continue
			}
			m.splitAfter(a, b, in)
			break // (the rest is in the next block, visited next)
		}
	}
}

// splitAfter moves the instructions after in to a new block after in's,
// which in's block then branches to.
func (m *module) splitAfter(a *wgAPI, b, in uintptr) {
	orig := a.GetInstructionParent(in)
	cont := m.blockAfter(a, orig, "wg.afterbarrier")
	m.moveTail(a, b, in, cont)
	a.PositionAtEnd(b, orig)
	a.BuildBr(b, cont)
}

// blockAfter is a new block placed right after block bb.
func (m *module) blockAfter(a *wgAPI, bb uintptr, name string) uintptr {
	if next := m.api.GetNextBasicBlock(bb); next != 0 {
		return a.InsertBasicBlockInContext(m.ctx, next, name)
	}
	return a.AppendBasicBlock(m.ctx, a.GetBasicBlockParent(bb), name)
}

// moveTail moves the instructions after in (its block's terminator
// included) to the end of block to, with builder b, and makes the phis of
// the successors take from to what they took from in's block.
func (m *module) moveTail(a *wgAPI, b, in, to uintptr) {
	orig := a.GetInstructionParent(in)
	var tail []uintptr
	for x := m.api.GetNextInstruction(in); x != 0; x = m.api.GetNextInstruction(x) {
		tail = append(tail, x)
	}
	a.PositionAtEnd(b, to)
	for _, x := range tail {
		a.InstructionRemove(x)
		a.InsertIntoBuilder(b, x)
	}
	term := tail[len(tail)-1]
	seen := map[uintptr]bool{}
	for i := uint32(0); i < a.GetNumSuccessors(term); i++ {
		if s := a.GetSuccessor(term, i); !seen[s] {
			seen[s] = true
			m.retargetPhis(a, b, s, orig, to)
		}
	}
}
