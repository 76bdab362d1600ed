package build

import (
	"errors"
	"fmt"
	"gocl/device"
	"sort"
	"strings"
)

// Uniformity analysis: which values of a kernel are the same for every
// work-item of a work-group, and which branches every work-item takes the
// same way. Its input is a kernel function (after inlining and SROA); its
// output, a kernelShape, says per instruction whether it varies and per
// block whether it lies in a divergent region: the blocks between a branch
// whose condition varies and the branch's immediate post-dominator, which
// each work-item must run on its own.
//
// Sources of variation: the work-item ids, loads (a work-item may have
// written what it reads), private memory, calls with side effects, and
// values that merge control flow that diverged. Everything computed from
// uniform values by pure operations is uniform: kernel arguments, group ids
// and sizes, constants.

// Opcodes of LLVM's C API (llvm-c/Core.h, LLVMOpcode).
const (
	opRet           = 1
	opBr            = 2
	opSwitch        = 3
	opUnreachable   = 7
	opAlloca        = 26
	opLoad          = 27
	opStore         = 28
	opGetElementPtr = 29
	opPHI           = 44
	opFence         = 55
	opAtomicCmpXchg = 56
	opAtomicRMW     = 57
	opCall          = 45
	// and those the scalarizer splits when their values are vectors
	// (scalarize.go)
	opAdd           = 8
	opXor           = 25
	opTrunc         = 30
	opBitCast       = 41
	opICmp          = 42
	opFCmp          = 43
	opSelect        = 46
	opExtractElem   = 50
	opInsertElem    = 51
	opShuffleVector = 52
	opFNeg          = 66
	opFreeze        = 68
)

// pureOpcodes compute a value from their operands alone (LLVMOpcode):
// arithmetic and logic (8–25), getelementptr (29), casts (30–41, 60),
// comparisons (42, 43), phi (44), select (46), vector and aggregate element
// operations (50–54), fneg (66), freeze (68).
var pureOpcodes = func() map[int32]bool {
	m := map[int32]bool{29: true, 42: true, 43: true, opPHI: true, 46: true, 60: true, 66: true, 68: true}
	for op := int32(8); op <= 25; op++ {
		m[op] = true
	}
	for op := int32(30); op <= 41; op++ {
		m[op] = true
	}
	for op := int32(50); op <= 54; op++ {
		m[op] = true
	}
	return m
}()

// Work-item functions by what they return within a work-group.
var (
	groupUniformCalls = map[string]bool{
		"_Z12get_group_idj": true, "_Z14get_local_sizej": true, "_Z23get_enqueued_local_sizej": true,
		"_Z15get_global_sizej": true, "_Z14get_num_groupsj": true, "_Z12get_work_dimv": true,
		"_Z17get_global_offsetj": true,
		// Sub-groups (subgroups.cl): sizes and counts of the work-group.
		"_Z22get_max_sub_group_sizev": true, "_Z18get_num_sub_groupsv": true, "_Z27get_enqueued_num_sub_groupsv": true,
	}
	workItemCalls = map[string]bool{
		"_Z12get_local_idj": true, "_Z13get_global_idj": true,
		"_Z19get_local_linear_idv": true, "_Z20get_global_linear_idv": true,
	}
)

// errNotWorth: the kernel is left as it is (a plain work-item loop serves it,
// see synchronizes), which is no failure.
var errNotWorth = errors.New("nothing to gain")

// shapeInst is what the analysis keeps of one instruction.
type shapeInst struct {
	v       uintptr
	block   int
	opcode  int32
	ops     []int // operands that are instructions of this function
	pure    bool  // may be uniform if its operands are
	barrier bool  // a plain barrier call
	// sync: may wait for, or be waited for by, another work-item (atomics,
	// fences, volatile accesses, calls that touch memory).
	sync    bool
	varying bool
}

// kernelShape is the analysis of one kernel.
type kernelShape struct {
	blocks  []uintptr
	preds   [][]int
	succs   [][]int
	insts   []*shapeInst
	byValue map[uintptr]int
	exit    int   // the block that returns
	ipdom   []int // immediate post-dominator by block (-1 for the exit)
	// divergent marks the blocks inside a divergent region (at any depth),
	// but a region's entry, whose instructions may still be uniform.
	divergent []bool
	// guards are the divergent branches whose region runs under a mask:
	// guard block → its body (the region without the guard).
	guards  map[int]map[int]bool
	guardOf []int // by block: the guard whose body it is in, or -1
	// loopGuards are the guards that end a loop (loopShaped): their body
	// is the whole loop, their own block included.
	loopGuards map[int]bool
	masked     map[int]bool // the guards tried (findGuards)
	// parentGuard: the guard whose body holds a guard's block, or -1.
	parentGuard map[int]int
	// regions are the outermost divergent regions, disjoint.
	regions    []*divRegion
	regionOf   []*divRegion // by block
	hasBarrier bool
}

// loops says what loops the kernel runs: divergent if a loop's trip count
// may differ between work-items (a loop in lockstep, or one inside a
// divergent region), uniform if it has only other loops, none if it has
// no loop. (A loop's latch branches back to a block at or before its own:
// blocks are in layout order, and clang lays loops out in source order.)
func (s *kernelShape) loops() device.KernelLoops {
	if len(s.loopGuards) > 0 {
		return device.LoopsDivergent
	}
	loops := device.LoopsNone
	for bi, succs := range s.succs {
		for _, to := range succs {
			if to > bi {
				continue
			}
			if s.regionOf[bi] != nil {
				return device.LoopsDivergent
			}
			loops = device.LoopsUniform
		}
	}
	return loops
}

// divRegion is a single-entry, single-exit set of blocks that each
// work-item runs on its own: entered only at entry, left only for exit.
type divRegion struct {
	blocks map[int]bool
	entry  int
	exit   int
}

// analyzeKernel computes the shape of kernel fn; errNotWorth or another
// error when the work-group transform should leave it alone.
func (m *module) analyzeKernel(a *wgAPI, fn uintptr) (*kernelShape, error) {
	s := &kernelShape{byValue: map[uintptr]int{}}
	bIndex := map[uintptr]int{}
	for bb := m.api.GetFirstBasicBlock(fn); bb != 0; bb = m.api.GetNextBasicBlock(bb) {
		bIndex[bb] = len(s.blocks)
		s.blocks = append(s.blocks, bb)
	}
	n := len(s.blocks)
	s.preds, s.succs = make([][]int, n), make([][]int, n)
	s.exit = -1
	memKind := m.api.EnumAttributeKindByName("memory", uintptr(len("memory")))
	for bi, bb := range s.blocks {
		for in := m.api.GetFirstInstruction(bb); in != 0; in = m.api.GetNextInstruction(in) {
			si := &shapeInst{v: in, block: bi, opcode: a.GetInstructionOpcode(in)}
			si.pure = pureOpcodes[si.opcode]
			switch si.opcode {
			case opRet:
				if s.exit >= 0 {
					return nil, fmt.Errorf("several returns")
				}
				s.exit = bi
			case opUnreachable:
				return nil, fmt.Errorf("unreachable code")
			case opBr, opSwitch:
				for i := uint32(0); i < a.GetNumSuccessors(in); i++ {
					t := bIndex[a.GetSuccessor(in, i)]
					s.succs[bi] = append(s.succs[bi], t)
					s.preds[t] = append(s.preds[t], bi)
				}
			case opCall:
				callee := m.name(m.api.GetCalledValue(in))
				switch {
				case isLoopBarrier(callee):
					si.barrier, s.hasBarrier = true, true
					si.pure = callee == convergePoint // (no operands: uniform)
				case isBarrier(callee):
					return nil, fmt.Errorf("calls %s", callee)
				case groupUniformCalls[callee]:
					si.pure = true
				case callee == "" || workItemCalls[callee] || strings.Contains(callee, "sub_group"):
				default:
					si.pure = a.callDoesNotTouchMemory(m, in, memKind)
					si.sync = !si.pure && !strings.HasPrefix(callee, "llvm.lifetime.")
				}
			case opFence, opAtomicCmpXchg, opAtomicRMW:
				si.sync = true
			case opLoad, opStore:
				si.sync = a.GetVolatile(in) != 0
			default:
				if isTerminatorOpcode(si.opcode) {
					return nil, fmt.Errorf("terminator %d", si.opcode)
				}
			}
			s.byValue[in] = len(s.insts)
			s.insts = append(s.insts, si)
		}
	}
	if s.exit < 0 {
		return nil, fmt.Errorf("no return")
	}
	s.readOnlyLoads(m, a, memKind)
	for _, si := range s.insts {
		for i := int32(0); i < a.GetNumOperands(si.v); i++ {
			op := a.GetOperand(si.v, uint32(i))
			if j, ok := s.byValue[op]; ok {
				si.ops = append(si.ops, j)
			}
		}
	}
	if err := s.postDominators(); err != nil {
		return nil, err
	}
	td := a.CreateTargetData(a.GetModuleDataLayout(m.mod))
	defer a.DisposeTargetData(td)
	if err := s.findGuards(&strider{s: s, m: m, a: a, td: td}); err != nil {
		return nil, err
	}
	if err := s.outermostRegions(); err != nil {
		return nil, err
	}
	for _, si := range s.insts {
		if si.barrier && s.regionOf[si.block] != nil {
			return nil, fmt.Errorf("a barrier in divergent control flow")
		}
		// A convergence point under a guard is reached by the work-items
		// the guard's mask lets in, not by whole sub-groups: fibers find
		// which.
		if si.barrier && s.guardOf[si.block] >= 0 && m.name(m.api.GetCalledValue(si.v)) == convergePoint {
			return nil, fmt.Errorf("a non-uniform sub-group function under a guard")
		}
	}
	if !s.hasBarrier && !s.uniformLoop() && s.synchronizes() {
		return nil, errNotWorth
	}
	return s, nil
}

func isTerminatorOpcode(op int32) bool {
	return op >= 1 && op <= 7 || op >= 61 && op <= 65 || op == 67
}

// callDoesNotTouchMemory: the call neither reads nor writes memory (the
// "memory(none)" attribute on the callee or the call).
func (a *wgAPI) callDoesNotTouchMemory(m *module, call uintptr, memKind uint32) bool {
	if attr := a.GetCallSiteEnumAttribute(call, functionIndex, memKind); attr != 0 {
		return a.GetEnumAttributeValue(attr) == 0
	}
	fn := m.api.GetCalledValue(call)
	if attr := a.GetEnumAttributeAtIndex(fn, functionIndex, memKind); attr != 0 {
		return a.GetEnumAttributeValue(attr) == 0
	}
	return false
}

// postDominators computes the immediate post-dominator of every block
// (Cooper, Harvey and Kennedy's iterative algorithm on the reversed CFG).
func (s *kernelShape) postDominators() error {
	n := len(s.blocks)
	order := make([]int, 0, n) // reverse post-order of the reversed CFG
	seen := make([]bool, n)
	var walk func(int)
	walk = func(b int) {
		seen[b] = true
		for _, p := range s.preds[b] {
			if !seen[p] {
				walk(p)
			}
		}
		order = append(order, b)
	}
	walk(s.exit)
	if len(order) != n {
		return fmt.Errorf("a block never reaches the return")
	}
	rpo := make([]int, n)
	for i, b := range order {
		rpo[b] = i // higher is closer to the exit
	}
	s.ipdom = make([]int, n)
	for i := range s.ipdom {
		s.ipdom[i] = -2
	}
	s.ipdom[s.exit] = s.exit
	intersect := func(a, b int) int {
		for a != b {
			for rpo[a] < rpo[b] {
				a = s.ipdom[a]
			}
			for rpo[b] < rpo[a] {
				b = s.ipdom[b]
			}
		}
		return a
	}
	for changed := true; changed; {
		changed = false
		for i := n - 1; i >= 0; i-- {
			b := order[i]
			if b == s.exit {
				continue
			}
			d := -2
			for _, c := range s.succs[b] {
				if s.ipdom[c] == -2 {
					continue
				}
				if d == -2 {
					d = c
				} else {
					d = intersect(c, d)
				}
			}
			if d != s.ipdom[b] {
				s.ipdom[b], changed = d, true
			}
		}
	}
	s.ipdom[s.exit] = -1
	return nil
}

// regionFrom is the divergent region of a branch in block b: the blocks
// reachable from b without passing its immediate post-dominator.
func (s *kernelShape) regionFrom(b int) map[int]bool {
	stop := s.ipdom[b]
	r := map[int]bool{b: true}
	stack := []int{b}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, c := range s.succs[x] {
			if c != stop && !r[c] {
				r[c] = true
				stack = append(stack, c)
			}
		}
	}
	return r
}

// propagate finds the varying instructions and the divergent blocks, to a
// fixed point: a varying branch makes its region divergent, and everything
// in a divergent region varies, as do the phis where it joins again.
func (s *kernelShape) propagate(masked map[int]bool) error {
	n := len(s.blocks)
	for _, si := range s.insts {
		si.varying = false
	}
	s.divergent = make([]bool, n)
	join := make([]bool, n)
	branchDone := make([]bool, n)
	users := make([][]int, len(s.insts))
	for i, si := range s.insts {
		for _, j := range si.ops {
			users[j] = append(users[j], i)
		}
	}
	var work []int
	mark := func(i int) {
		if !s.insts[i].varying {
			s.insts[i].varying = true
			work = append(work, i)
		}
	}
	for i, si := range s.insts {
		if !si.pure && !isTerminatorOpcode(si.opcode) {
			mark(i)
		}
	}
	for {
		for len(work) > 0 {
			i := work[len(work)-1]
			work = work[:len(work)-1]
			for _, u := range users[i] {
				mark(u)
			}
		}
		// Branches on varying conditions.
		grew := false
		for _, si := range s.insts {
			if !si.varying || !(si.opcode == opBr || si.opcode == opSwitch) || branchDone[si.block] {
				continue
			}
			b := si.block
			branchDone[b] = true
			grew = true
			region := s.regionFrom(b)
			// The branch's own block runs for every work-item alike,
			// unless the region loops back to it.
			looped := false
			for _, p := range s.preds[b] {
				looped = looped || region[p]
			}
			if masked[b] && looped {
				// A loop under a mask: what it leaves behind differs
				// between work-items (each left at its own iteration).
				for i, si := range s.insts {
					if !region[si.block] {
						continue
					}
					for _, u := range users[i] {
						if !region[s.insts[u].block] {
							mark(i)
						}
					}
				}
			}
			for x := range region {
				if x == b && !looped || masked[b] {
					continue // (a guard's body runs under a mask)
				}
				if !s.divergent[x] {
					s.divergent[x] = true
					for in := s.firstInst(x); in < len(s.insts) && s.insts[in].block == x; in++ {
						mark(in)
					}
				}
			}
			if p := s.ipdom[b]; p >= 0 && !join[p] {
				join[p] = true
				for in := s.firstInst(p); in < len(s.insts) && s.insts[in].block == p; in++ {
					if s.insts[in].opcode == opPHI {
						mark(in)
					}
				}
			}
		}
		if !grew && len(work) == 0 {
			return nil
		}
	}
}

// findGuards runs the propagation, and finds the guards: branches on a
// varying condition that either skip their region or enter it (the
// region's exit is one of their successors, as in `if (gid >= n) return;`
// or `if (gid < n) { … }`), whose region holds no other divergent branch
// and does not loop back to them, and that are in no other region. Their
// bodies then need not run work-item by work-item: the control flow stays
// uniform and the varying code runs under a per-work-item mask. Deciding
// that a branch is a guard changes what varies in its body, so this
// iterates (a guard found wanting is never tried again). A loop of
// gathers is no candidate (gathers.go).
func (s *kernelShape) findGuards(st *strider) error {
	masked, rejected := map[int]bool{}, map[int]bool{}
	s.masked = masked
	defer func() { s.masked = nil }()
	for round := 0; ; round++ {
		if err := s.propagate(masked); err != nil {
			return err
		}
		if round > 8 {
			break
		}
		changed := false
		for b := range masked {
			if !s.guardShaped(b, true) && !s.loopShaped(b, true) {
				delete(masked, b)
				rejected[b], changed = true, true
			}
		}
		// Candidates are tried optimistically, all at once: their bodies
		// vary less once they are guards (and nested guards need each
		// other), which the next round checks.
		for b := range s.blocks {
			if !masked[b] && !rejected[b] && s.varyingBranch(b) && (s.guardShaped(b, false) || s.loopShaped(b, false) && !st.gatherBound(s.regionFrom(b))) {
				masked[b], changed = true, true
			}
		}
		if !changed {
			break
		}
	}
	s.guards, s.loopGuards = map[int]map[int]bool{}, map[int]bool{}
	s.guardOf = make([]int, len(s.blocks))
	for i := range s.guardOf {
		s.guardOf[i] = -1
	}
	// A guard may hold others in its body (the test before a loop, the
	// loop itself): each block runs under the mask of the innermost, and
	// each guard knows its parent. Bodies nest, so the innermost is the
	// smallest.
	for b := range masked {
		loop := s.loopShaped(b, true)
		if !loop && !s.guardShaped(b, true) {
			return fmt.Errorf("guards did not settle")
		}
		body := s.regionFrom(b)
		if loop {
			s.loopGuards[b] = true
		} else {
			delete(body, b)
		}
		s.guards[b] = body
	}
	order := sortedKeys(s.guards)
	sort.SliceStable(order, func(i, j int) bool {
		bi, bj := order[i], order[j]
		if len(s.guards[bi]) != len(s.guards[bj]) {
			return len(s.guards[bi]) > len(s.guards[bj])
		}
		return !s.loopGuards[bi] && s.loopGuards[bj] // (a loop's entry test first)
	})
	s.parentGuard = map[int]int{}
	for _, b := range order {
		s.parentGuard[b] = s.guardOf[b]
		for x := range s.guards[b] {
			s.guardOf[x] = b
		}
	}
	return nil
}

// loopShaped: b's branch leaves a loop on a varying condition, as things
// stand: one successor is its immediate post-dominator, the other goes
// back around; the region (the loop) is entered at one block only, and
// holds no barrier; with body, it holds no other varying branch. The loop
// then runs in lockstep while any work-item is in it, each work-item
// under a mask it clears when it leaves (`while (|z| < 2 && i < n)`).
func (s *kernelShape) loopShaped(b int, body bool) bool {
	// (As a candidate, b is divergent: its loop is its region until it is
	// masked. Once masked, it must be in no other region.)
	p := s.ipdom[b]
	if !s.varyingBranch(b) || s.insts[s.firstInst(b+1)-1].opcode != opBr || body && s.divergent[b] || len(s.succs[b]) != 2 || p < 0 || (s.succs[b][0] != p) == (s.succs[b][1] != p) {
		return false
	}
	region := s.regionFrom(b)
	// Every block of the region goes back to b (it is all loop).
	back := map[int]bool{b: true}
	for grew := true; grew; {
		grew = false
		for x := range region {
			for _, c := range s.succs[x] {
				if back[c] && !back[x] {
					back[x], grew = true, true
				}
			}
		}
	}
	entries := map[int]bool{}
	for x := range region {
		if !back[x] {
			return false
		}
		for _, q := range s.preds[x] {
			if !region[q] {
				entries[x] = true
			}
		}
		if body && x != b && s.varyingBranch(x) {
			return false
		}
	}
	if len(entries) != 1 {
		return false
	}
	// No barrier, and nothing another work-item may be waiting for: in
	// lockstep, a spin lock's holder would never get past the loop to
	// release it.
	for _, si := range s.insts {
		if region[si.block] && (si.barrier || si.sync) {
			return false
		}
	}
	return true
}

// varyingBranch: block b ends with a branch on a varying condition.
func (s *kernelShape) varyingBranch(b int) bool {
	last := s.insts[s.firstInst(b+1)-1]
	return last.block == b && last.varying && (last.opcode == opBr || last.opcode == opSwitch)
}

// guardShaped: b's branch is a guard (see findGuards), as things stand;
// with body, b is in no divergent region and its body holds no other
// varying branch but those of guards (nested: a loop and the test before
// it). As a candidate, b may be divergent: inside another guard's body it
// is until that guard is masked.
func (s *kernelShape) guardShaped(b int, body bool) bool {
	p := s.ipdom[b]
	if !s.varyingBranch(b) || s.insts[s.firstInst(b+1)-1].opcode != opBr || body && s.divergent[b] || len(s.succs[b]) != 2 || p < 0 || (s.succs[b][0] != p) == (s.succs[b][1] != p) {
		return false
	}
	region := s.regionFrom(b)
	for x := range region {
		if body && x != b && s.varyingBranch(x) && !s.masked[x] {
			return false // (a guard under its own mask may be in the body)
		}
		for _, c := range s.succs[x] {
			if c == b {
				return false // it loops back
			}
		}
	}
	return true
}

// firstInst is the index of block b's first instruction.
func (s *kernelShape) firstInst(b int) int {
	return sort.Search(len(s.insts), func(i int) bool { return s.insts[i].block >= b })
}

// outermostRegions picks the divergent regions that are not inside
// another; they must be disjoint, each entered at one block and left for one.
func (s *kernelShape) outermostRegions() error {
	var all []map[int]bool
	for _, si := range s.insts {
		if si.varying && (si.opcode == opBr || si.opcode == opSwitch) && s.guards[si.block] == nil {
			all = append(all, s.regionFrom(si.block))
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return len(all[i]) > len(all[j]) })
	s.regionOf = make([]*divRegion, len(s.blocks))
	for _, r := range all {
		inside, outside := 0, 0
		var owner *divRegion
		for b := range r {
			if o := s.regionOf[b]; o != nil {
				inside++
				if owner != nil && owner != o {
					return fmt.Errorf("overlapping divergent regions")
				}
				owner = o
			} else {
				outside++
			}
		}
		if inside > 0 && outside > 0 {
			return fmt.Errorf("overlapping divergent regions")
		}
		if inside > 0 {
			continue // nested in a region taken already
		}
		dr := &divRegion{blocks: r, entry: -1, exit: -1}
		for b := range r {
			entered := b == 0 // the function's entry
			for _, p := range s.preds[b] {
				entered = entered || !r[p]
			}
			if entered {
				if dr.entry >= 0 {
					return fmt.Errorf("a divergent region with two entries")
				}
				dr.entry = b
			}
			for _, c := range s.succs[b] {
				if !r[c] {
					if dr.exit >= 0 && dr.exit != c {
						return fmt.Errorf("a divergent region with two exits")
					}
					dr.exit = c
				}
			}
		}
		if dr.entry < 0 || dr.exit < 0 {
			return fmt.Errorf("a divergent region without entry or exit")
		}
		for b := range r {
			s.regionOf[b] = dr
		}
		s.regions = append(s.regions, dr)
	}
	return nil
}

// synchronizes reports whether the kernel has atomics, fences, volatile
// accesses or calls that may touch memory. A kernel with neither a
// barrier nor a uniform loop is still worth a work-group function
// (accesses marked parallel: no alias checks; loads at uniform addresses
// read once; guards over runs of x) unless it synchronizes: its divergent
// regions run for every work-item before the code after them, so a
// work-item spinning on a lock that another releases after its region
// would wait for ever (tests/builtin_atomic.c's lock_old), where the plain
// work-item loop runs each work-item's whole kernel in turn.
func (s *kernelShape) synchronizes() bool {
	for _, si := range s.insts {
		if si.sync {
			return true
		}
	}
	return false
}

// uniformLoop reports whether the kernel has a loop outside divergent
// regions: a loop every work-item runs the same number of times, around
// which the work-item loop can go inside.
func (s *kernelShape) uniformLoop() bool {
	state := make([]uint8, len(s.blocks)) // 0 new, 1 on the stack, 2 done
	found := false
	var walk func(int)
	walk = func(b int) {
		state[b] = 1
		for _, c := range s.succs[b] {
			if state[c] == 1 && s.regionOf[b] == nil && s.regionOf[c] == nil {
				found = true
			}
			if state[c] == 0 {
				walk(c)
			}
		}
		state[b] = 2
	}
	walk(0)
	return found
}

// readOnlyLoads lets loads from objects the kernel never writes be uniform
// when their address is: no work-item (of any group) can have changed what
// they read. Objects are followed back through address arithmetic to a
// kernel argument or a global; a store, atomic or call that may write
// somewhere unclear turns the rule off for the kernel. (A load in a
// guard's body runs once the guard lets any work-item in, as that
// work-item would have run it.)
func (s *kernelShape) readOnlyLoads(m *module, a *wgAPI, memKind uint32) {
	const cmpxchg, atomicrmw = 56, 57
	written := map[uintptr]bool{}
	for _, si := range s.insts {
		var ptrs []uintptr
		switch si.opcode {
		case opStore:
			ptrs = []uintptr{a.GetOperand(si.v, 1)}
		case cmpxchg, atomicrmw:
			ptrs = []uintptr{a.GetOperand(si.v, 0)}
		case opCall:
			if si.pure || si.barrier {
				continue
			}
			callee := m.name(m.api.GetCalledValue(si.v))
			if workItemCalls[callee] || groupUniformCalls[callee] || strings.HasPrefix(callee, "llvm.lifetime.") {
				continue
			}
			effects, known := a.memoryEffects(m, si.v, memKind)
			if !known || effects&otherMemWrite != 0 || effects&inaccessibleMemWrite != 0 {
				return // may write anything
			}
			if effects&argMemWrite == 0 {
				continue
			}
			for j := int32(0); j < a.GetNumOperands(si.v)-1; j++ {
				if op := a.GetOperand(si.v, uint32(j)); a.GetTypeKind(a.TypeOf(op)) == llvmPointerTypeKind {
					ptrs = append(ptrs, op)
				}
			}
		}
		for _, p := range ptrs {
			r := objectOf(m, a, p)
			if r == 0 {
				return
			}
			written[r] = true
		}
	}
	for _, si := range s.insts {
		if si.opcode == opLoad && a.GetVolatile(si.v) == 0 {
			if r := objectOf(m, a, a.GetOperand(si.v, 0)); r != 0 && !written[r] {
				si.pure = true
			}
		}
	}
}

// LLVM's MemoryEffects encoding: two bits (read 1, write 2) per location,
// argument memory first, then inaccessible memory, then other memory.
const (
	argMemWrite          = 2 << 0
	inaccessibleMemWrite = 2 << 2
	otherMemWrite        = 2 << 4
)

// memoryEffects of a call: from the call site or the callee.
func (a *wgAPI) memoryEffects(m *module, call uintptr, memKind uint32) (uint64, bool) {
	if attr := a.GetCallSiteEnumAttribute(call, functionIndex, memKind); attr != 0 {
		return a.GetEnumAttributeValue(attr), true
	}
	if attr := a.GetEnumAttributeAtIndex(m.api.GetCalledValue(call), functionIndex, memKind); attr != 0 {
		return a.GetEnumAttributeValue(attr), true
	}
	return 0, false
}

// objectOf follows a pointer back to the kernel argument or global it
// points into; 0 if that is not clear.
func objectOf(m *module, a *wgAPI, p uintptr) uintptr {
	const gep, bitcast, addrspacecast = 29, 41, 60
	for depth := 0; depth < 32 && p != 0; depth++ {
		if a.IsAArgument(p) != 0 || a.IsAGlobalVariable(p) != 0 {
			return p
		}
		var op int32
		switch {
		case a.IsAInstruction(p) != 0:
			op = a.GetInstructionOpcode(p)
			if op == opCall && (m.name(m.api.GetCalledValue(p)) == "llvm.threadlocal.address" || isCheckMarker(m.name(m.api.GetCalledValue(p)))) {
				p = a.GetOperand(p, 0)
				continue
			}
		case a.IsAConstantExpr(p) != 0:
			op = a.GetConstOpcode(p)
		default:
			return 0
		}
		if op != gep && op != bitcast && op != addrspacecast {
			return 0
		}
		p = a.GetOperand(p, 0)
	}
	return 0
}
