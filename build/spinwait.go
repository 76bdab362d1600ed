package build

import (
	"strings"
)

// Spin-waits: independent forward progress of sub-groups
// (CL_DEVICE_SUB_GROUP_INDEPENDENT_FORWARD_PROGRESS, which cl_khr_subgroups
// requires). The sub-groups of a work-group share one thread: in a
// work-group function they take turns between barriers, and on fibers a
// fiber runs until it waits at a barrier. A work-item that loops until
// another work-item writes something (an atomic flag, a lock) would spin
// for ever where the writer's turn only comes after it. So a loop whose
// exit waits for a value another work-item writes (a spin-wait: see
// waitsForOthers) calls gocl_spin_yield (rt.c) each time it goes round
// again, and a kernel that can reach one runs on fibers, where the call
// lets the fibers of the other sub-groups run (in a one-item group, or
// outside fibers, it does nothing). A compare-exchange retry loop (an
// atomic float add written with atomic_cmpxchg) is no spin-wait: it
// succeeds by itself once nobody intervenes, and it keeps its kernel's
// work-group function. Kernels without a spin-wait are untouched.

// spinYield is the run time's yield (build/lib/rt.c).
const spinYield = "gocl_spin_yield"

// markSpinWaits puts a yield on the back edges of every spin-wait loop of
// the module's functions and marks the launchable kernels that reach one:
// they run on fibers (UsesBarrier), never as work-group functions
// (SpinWaits).
func (m *module) markSpinWaits(kernels []KernelInfo, calls map[string][]string) error {
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return err
	}
	spinning := map[string]bool{}
	var yield, yieldTy uintptr
	b := a.CreateBuilder(m.ctx)
	defer a.DisposeBuilder(b)
	for _, fn := range m.functions() {
		if m.api.IsDeclaration(fn) != 0 {
			continue
		}
		edges := m.spinBackEdges(a, fn)
		if len(edges) == 0 {
			continue
		}
		spinning[m.name(fn)] = true
		if yield == 0 {
			yieldTy = a.FunctionType(a.VoidType(m.ctx), nil, 0, 0)
			if yield = m.api.GetNamedFunction(m.mod, spinYield); yield == 0 {
				yield = a.AddFunction(m.mod, spinYield, yieldTy)
			}
		}
		// Each back edge goes through a block of its own that yields: a
		// wait already over when the loop is reached, or a loop that
		// leaves at once, does not yield at all.
		for _, e := range edges {
			term := a.GetBasicBlockTerminator(e.latch)
			var slots []uint32
			for k := uint32(0); k < a.GetNumSuccessors(term); k++ {
				if a.GetSuccessor(term, k) == e.head {
					slots = append(slots, k)
				}
			}
			if len(slots) != 1 {
				// (A switch with several cases back to the head: the
				// head's phis would need an entry per edge. Yield before
				// the latch's branch instead, leaving or not.)
				a.PositionBefore(b, term)
				a.BuildCall2(b, yieldTy, yield, nil, 0, "")
				continue
			}
			y := a.InsertBasicBlockInContext(m.ctx, e.head, "spin.yield")
			a.PositionAtEnd(b, y)
			a.BuildCall2(b, yieldTy, yield, nil, 0, "")
			a.BuildBr(b, e.head)
			a.SetSuccessor(term, slots[0], y)
			m.retargetPhis(a, b, e.head, e.latch, y)
		}
	}
	if len(spinning) == 0 {
		return nil
	}
	for i := range kernels {
		k := &kernels[i]
		if k.Launchable && reaches(calls, k.Name, func(f string) bool { return spinning[f] }) {
			k.SpinWaits, k.UsesBarrier, k.ShapeFree = true, true, false // (its work-items wait for each other)
		}
	}
	return nil
}

// backEdge is a branch from a loop's latch back to its head.
type backEdge struct{ latch, head uintptr }

// spinBackEdges are the back edges of fn's spin-wait loops: the loops
// (found by their back edges in a depth-first walk, each being the blocks
// that reach its latch without passing its head) that have an exit whose
// condition waits for another work-item (waitsForOthers).
func (m *module) spinBackEdges(a *wgAPI, fn uintptr) []backEdge {
	var blocks []uintptr
	index := map[uintptr]int{}
	for bb := m.api.GetFirstBasicBlock(fn); bb != 0; bb = m.api.GetNextBasicBlock(bb) {
		index[bb] = len(blocks)
		blocks = append(blocks, bb)
	}
	succs := make([][]int, len(blocks))
	preds := make([][]int, len(blocks))
	for i, bb := range blocks {
		term := a.GetBasicBlockTerminator(bb)
		for k := uint32(0); term != 0 && k < a.GetNumSuccessors(term); k++ {
			j := index[a.GetSuccessor(term, k)]
			succs[i] = append(succs[i], j)
			preds[j] = append(preds[j], i)
		}
	}
	// Back edges: to a block on the walk's stack.
	state := make([]uint8, len(blocks)) // 0 new, 1 on the stack, 2 done
	type edge struct{ latch, head int }
	var back []edge
	var walk func(int)
	walk = func(i int) {
		state[i] = 1
		for _, j := range succs[i] {
			switch state[j] {
			case 0:
				walk(j)
			case 1:
				back = append(back, edge{i, j})
			}
		}
		state[i] = 2
	}
	if len(blocks) > 0 {
		walk(0)
	}
	var spins []backEdge
	for _, e := range back {
		body := map[int]bool{e.head: true}
		stack := []int{e.latch}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if body[x] {
				continue
			}
			body[x] = true
			stack = append(stack, preds[x]...)
		}
		for x := range body {
			term := a.GetBasicBlockTerminator(blocks[x])
			exits := false
			for _, j := range succs[x] {
				exits = exits || !body[j]
			}
			if exits && a.GetNumOperands(term) > 1 && m.waitsForOthers(a, a.GetOperand(term, 0), map[uintptr]bool{}) {
				spins = append(spins, backEdge{latch: blocks[e.latch], head: blocks[e.head]})
				break
			}
		}
	}
	return spins
}

// waitsForOthers reports whether value v is computed from a value that
// another work-item may have to write first: one read atomically (an
// atomic load, an atomic read-modify-write, a call of an atomic builtin)
// or through a volatile pointer. A compare-exchange waits only when it
// expects a constant (a lock taken when it is 0): one that expects what
// the loop read before is a retry, which succeeds by itself.
func (m *module) waitsForOthers(a *wgAPI, v uintptr, seen map[uintptr]bool) bool {
	if a.IsAInstruction(v) == 0 || seen[v] {
		return false
	}
	seen[v] = true
	switch op := a.GetInstructionOpcode(v); op {
	case opAtomicRMW:
		return true
	case opAtomicCmpXchg: // pointer, expected, new
		return m.api.IsAConstantInt(a.GetOperand(v, 1)) != 0
	case opLoad:
		return a.GetVolatile(v) != 0 || a.GetOrdering(v) != 0
	case opCall:
		name := m.name(m.api.GetCalledValue(v))
		switch {
		case strings.Contains(name, "compare_exchange"):
			return false // (C11's expected value is in memory: taken as a retry)
		case strings.Contains(name, "cmpxchg"): // atomic_cmpxchg(p, expected, new)
			return a.GetNumOperands(v) > 2 && m.api.IsAConstantInt(a.GetOperand(v, 1)) != 0
		case strings.Contains(name, "atomic") || strings.Contains(name, "atom_"):
			return true
		}
	}
	for i := int32(0); i < a.GetNumOperands(v); i++ {
		if m.waitsForOthers(a, a.GetOperand(v, uint32(i)), seen) {
			return true
		}
	}
	return false
}
