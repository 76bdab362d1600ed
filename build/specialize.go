package build

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"gocl/device"
	"gocl/icd"
)

// Stage "specialize": a kernel's code for one work-group shape. Compiled
// for any local size, a work-group function loops over its work-items
// with trip counts it reads at run time. With the local size a constant,
// LLVM knows every trip count: a 16-wide row of a 16x16 tile is one vector
// with no remainder and no checks, a tree reduction's steps are unrolled,
// and address arithmetic on the local size folds. PoCL compiles every
// work-group function for its local size at the first launch; here the
// generic code runs first and a kernel gets its shape's code once it is
// clearly launched again and again in that shape (or at once when the code
// is in the cache), so a program that launches each kernel once or twice
// (a test, a tuner trying configurations) pays nothing.

// Specialize says when kernels get code for their shape: "auto" (the
// default) at the specializeLaunches-th launch in one shape, once the
// launches in it have run specializeAfter, compiled in the background;
// "1" at the first launch in a shape (the tests: the shaped code always
// runs); "0" never. $GOCL_SPECIALIZE.
var Specialize = func() string {
	switch v := os.Getenv("GOCL_SPECIALIZE"); v {
	case "0", "1":
		return v
	}
	return "auto"
}()

// A kernel is compiled for a shape after specializeLaunches launches in it
// that ran specializeAfter (ns) together: a third launch says the kernel
// is in a loop (a tuner runs each configuration twice), and kernels too
// short to gain much are left alone.
const (
	specializeLaunches = 3
	specializeAfter    = 10e6
)

// The shape's code is compiled at idle priority, not to take a core from
// the application; but an application that launches back to back leaves
// no idle time, and every launch of a benchmark's loop then ran the
// generic code (a 16×16 tile transpose on one core: 15.5 ms a launch,
// 7–8 in its shape's code, which takes a core ~0.2 s to compile). Once
// the generic code of a kernel with barriers (a work-group function in
// regions, whose loops and tiles gain most from a known shape) has run
// specializeRaise (ns) in the shape and the code has not come, the
// background work gets normal priority. Not for the others, which gain
// less from their shape: clpeak's kernels are such, and at normal
// priority the compilation's core cost clpeak a third (session 6, see the
// design notes).
const specializeRaise = 150e6

// maxShapes bounds the shapes compiled in a process (each is a loaded
// shared object).
const maxShapes = 256

var shapesCompiled countingStat

// shape is a kernel and the local size it is compiled for.
type shape struct {
	kernel string
	local  [3]uint64
}

// shapedCode is one shape's code: its work-group entry once compiled.
type shapedCode struct {
	ex      *Executable
	kernel  *KernelInfo
	local   [3]uint64
	record  func(ns int64) // s.ran, made once: launches call it, not a new closure each
	ran     atomic.Int64   // ns run in the shape by the generic code
	runs    atomic.Int64   // launches of the generic code in the shape
	started atomic.Bool
	raised  atomic.Bool
	entry   atomic.Uintptr
	once    sync.Once
}

func newShapedCode(ex *Executable, kernel *KernelInfo, local [3]uint64) *shapedCode {
	s := &shapedCode{ex: ex, kernel: kernel, local: local}
	s.record = s.recordRun
	return s
}

// recordRun counts a launch of the generic code in the shape, and starts
// the shape's compilation in the background when it is due.
func (s *shapedCode) recordRun(ns int64) {
	ran, runs := s.ran.Add(ns), s.runs.Add(1)
	if ran >= specializeAfter && runs >= specializeLaunches && s.started.CompareAndSwap(false, true) {
		// libLLVM is loaded here, not in the background: loading it (its
		// static constructors) while the process exits crashed
		loadLLVM()
		if icd.Debug {
			fmt.Fprintf(os.Stderr, "gocl: kernel %s: compiling its code for local size %dx%dx%d in the background\n",
				s.kernel.Name, s.local[0], s.local[1], s.local[2])
		}
		inIdleTime(func() {
			compiling <- struct{}{}
			defer func() { <-compiling }()
			if exiting() {
				return
			}
			s.compile(false)
		})
	}
	if ran >= specializeRaise && s.kernel.Regions && s.started.Load() && s.entry.Load() == 0 && s.raised.CompareAndSwap(false, true) {
		if icd.Debug {
			fmt.Fprintf(os.Stderr, "gocl: kernel %s: its code for local size %dx%dx%d is still to come: compiling at normal priority\n",
				s.kernel.Name, s.local[0], s.local[1], s.local[2])
		}
		raiseIdleWork()
	}
}

// compiling lets one shape compile at a time in the background: the
// application's own work keeps the other cores.
var compiling = make(chan struct{}, 1)

// ShapedGroups is the work-group entry of kernel name compiled for
// work-groups of exactly local (a launch with no partial group), or 0 if
// there is none yet; ran, when not nil, is to be called with the run time
// of the launch that runs the generic code instead.
func (ex *Executable) ShapedGroups(name string, local [3]uint64) (entry uintptr, ran func(ns int64)) {
	l := ex.lazy
	e := ex.Kernels[name]
	if l == nil || Specialize == "0" || e == nil || e.Groups == 0 {
		return 0, nil
	}
	v, seen := l.shapes.Load(shape{name, local})
	if !seen {
		if shapesCompiled.get() >= maxShapes {
			return 0, nil
		}
		v, seen = l.shapes.LoadOrStore(shape{name, local}, newShapedCode(ex, e.Info, local))
	}
	s := v.(*shapedCode)
	if p := s.entry.Load(); p != 0 {
		return p, nil
	}
	if Specialize == "1" || !seen {
		// At the first launch in a shape: its code if the cache has it
		// (or, with "1", compiled now).
		s.once.Do(func() { s.compile(Specialize != "1") })
		if p := s.entry.Load(); p != 0 {
			return p, nil
		}
	}
	return 0, s.record
}

// compile compiles the kernel for the shape (from the cache only if
// cachedOnly). A failure leaves the generic code in use.
func (s *shapedCode) compile(cachedOnly bool) {
	ex, k, local := s.ex, s.kernel, s.local
	info := *k
	info.Args = append([]ArgInfo(nil), k.Args...)
	part, _, err := ex.lazy.kernelCode([]KernelInfo{info}, &local, cachedOnly)
	if err != nil || part == nil {
		if err != nil && icd.Debug {
			fmt.Fprintf(os.Stderr, "gocl: kernel %s for local size %v: %v\n", k.Name, local, err)
		}
		return
	}
	if pe := part.Kernels[k.Name]; pe != nil && pe.Groups != 0 {
		ex.lazy.mu.Lock()
		ex.lazy.parts = append(ex.lazy.parts, part)
		ex.lazy.mu.Unlock()
		shapesCompiled.add(1)
		s.entry.Store(pe.Groups)
		if icd.Debug {
			fmt.Fprintf(os.Stderr, "gocl: kernel %s runs code compiled for local size %dx%dx%d\n", k.Name, local[0], local[1], local[2])
		}
	}
}

// maxInterleavedAccesses bounds the loads and stores of per-work-item
// slots (the values a work-item carries between loops), and those of
// elements of vectors in memory, in a work-item loop that is interleaved: each interleaved vector keeps its own copy of them
// live, and clpeak's float8 chains (16 values) interleaved 4 times spilled
// (323 → 248 GFLOPS), where an accumulator (SGEMM: 1 load, 3 stores) or
// two chains (float: 2 and 2) gain.
const maxInterleavedAccesses = 8

// loopBody is the blocks of the work-item loop whose latch is latch: from
// its header (the latch's successor) to the latch, in layout order (the
// order wgloops.go makes them in).
func (m *module) loopBody(a *wgAPI, fn, latch uintptr) []uintptr {
	term := a.GetBasicBlockTerminator(latch)
	header := uintptr(0)
	for i := uint32(0); i < a.GetNumSuccessors(term); i++ {
		if s := a.GetSuccessor(term, i); strings.HasPrefix(cString(a.GetBasicBlockName(s)), "wi.loop") {
			header = s
		}
	}
	var blocks []uintptr
	for bb := m.api.GetFirstBasicBlock(fn); bb != 0 && header != 0; bb = m.api.GetNextBasicBlock(bb) {
		if bb == header || len(blocks) > 0 {
			blocks = append(blocks, bb)
		}
		if bb == latch && len(blocks) > 0 {
			break
		}
	}
	return blocks
}

// loopAccesses are the loads and stores of a work-item loop's body. Each
// interleaved copy of the loop holds its own of both live: the slots'
// values, and the elements of vectors loaded per work-item (the vectorizer
// loads 8 work-items' float4s as four vectors and shuffles them apart).
// The float4 bandwidth kernel's 16 loads interleaved 4 times spilled (688
// spill instructions against 79 without interleaving; 15–21 → 28–31 GB/s).
type loopAccesses struct {
	carried  int // of per-work-item slots: the wg.entry's "wi.private" pointers
	elements int // of elements of vectors in memory (a float4 argument's .x)
}

// accesses counts the loads and stores in blocks.
func (m *module) accesses(a *wgAPI, blocks []uintptr) loopAccesses {
	var n loopAccesses
	for _, bb := range blocks {
		for i := m.api.GetFirstInstruction(bb); i != 0; i = m.api.GetNextInstruction(i) {
			var ptr uintptr
			switch a.GetInstructionOpcode(i) {
			case opLoad:
				ptr = a.GetOperand(i, 0)
			case opStore:
				ptr = a.GetOperand(i, 1)
			default:
				continue
			}
			element := false
			for ptr != 0 && !strings.HasPrefix(m.name(ptr), "wi.private") && a.GetInstructionOpcode(ptr) == opGetElementPtr {
				element = element || a.GetTypeKind(a.GetGEPSourceElementType(ptr)) == typeKindVector
				ptr = a.GetOperand(ptr, 0)
			}
			switch {
			case ptr != 0 && strings.HasPrefix(m.name(ptr), "wi.private"):
				n.carried++
			case element:
				n.elements++
			}
		}
	}
	return n
}

// specialize turns m (one kernel's entries) into the code for local.
// Without LLVM's API tables it leaves the generic code as it is.
func (m *module) specialize(local [3]uint64) {
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return
	}
	ca, err := loadConstAddAPI(m.api.lib)
	if err != nil {
		return
	}
	m.fixLocalSize(a, local)
	guards, rowYs := m.shapeMarks(a)
	m.opaqueRowIDs(a, ca, rowYs)
	m.assumeExactRuns(a, guards)
	m.shapeLoops(a, local)
	m.sinkPhiStores()
}

// shapeMarks finds, in one walk over m, the instructions the work-group
// transform named for this stage: the no-wrap tests of guards on a global
// x id (guardrange.go, noWrapName) and each row's y id (wgloops.go,
// rowYName).
func (m *module) shapeMarks(a *wgAPI) (guards, rowYs []uintptr) {
	for _, fn := range m.functions() {
		for _, in := range m.instructions(fn) {
			switch op := a.GetInstructionOpcode(in); {
			case op == opICmp && strings.HasPrefix(m.name(in), noWrapName):
				guards = append(guards, in)
			case op == opURem && strings.HasPrefix(m.name(in), rowYName):
				rowYs = append(rowYs, in)
			}
		}
	}
	return guards, rowYs
}

// assumeExactRuns makes every noWrapName test of a guard on a global x id
// compared as a 32-bit int (guardrange.go buildRange) true: shaped code runs
// only launches whose global ids are all below 2^31 (device.NDRange
// SmallIDs), where the id never wraps within a row. The test otherwise
// stays in each work-item loop under the guard (`nowrap || x's own test`),
// and LLVM did not always take it out of the loop: the body's accesses
// were then masked, and a float4 kernel under `if (x < n)` was not
// vectorized.
func (m *module) assumeExactRuns(a *wgAPI, guards []uintptr) {
	yes := a.ConstInt(a.Int1Type(m.ctx), 1, 0)
	for _, in := range guards {
		a.ReplaceAllUsesWith(in, yes)
		a.InstructionErase(in)
	}
}

// opaqueRowIDs passes each row's y id (wgloops.go nest, rowYName) through an
// empty inline assembly statement. With the local size a constant and one
// row per y (z size 1), LLVM folds y = row % ny into the row loop's
// counter, and an address made from it is a recurrence of the row loop and
// the x loop, which the vectorizer's analysis of interleaved groups cannot
// prove affine: a kernel reading four floats per work-item had them
// scalarized in shaped code (inserts and extracts) and shuffled in
// generic code.
func (m *module) opaqueRowIDs(a *wgAPI, ca *constAddAPI, rowYs []uintptr) {
	b := a.CreateBuilder(m.ctx)
	defer a.DisposeBuilder(b)
	for _, y := range rowYs {
		a.PositionBefore(b, m.api.GetNextInstruction(y))
		copied := m.opaqueCopy(a, ca, b, y, "=r,0", "wi.yopaque")
		a.ReplaceAllUsesWith(y, copied)
		a.SetOperand(copied, 0, y) // (the replacement made the copy its own operand)
	}
}

// sinkPhiStores merges the stores that end the branches of a divergent
// region into one after them. A phi after such a region is demoted to a
// store at the end of each of its predecessors (wgloops.go demotePhis);
// generic code's -O3 sinks them into one store of a blended value before
// the vectorizer runs, but with a constant local size it unrolls the rows
// first and sinks only after the vectorizer, which has made a masked store
// of each (vmaskmovps, which AMD's cores split into many operations: a
// four-way switch ran at a third of the generic code's speed).
// (After shapeLoops: this simplifycfg merges the blocks it finds loops
// by.)
func (m *module) sinkPhiStores() {
	if ra, err := loadRegionAPI(m.api.lib); err == nil {
		_ = m.runPasses(ra, "function(simplifycfg<sink-common-insts>)") // (without it: slower, still right)
	}
}

// fixLocalSize makes the local size a constant in m: every call of the
// work-item functions that return it (with a constant dimension) becomes
// its value. Only for launches whose groups all have this size.
func (m *module) fixLocalSize(a *wgAPI, local [3]uint64) {
	i64 := a.Int64Type(m.ctx)
	for _, name := range []string{"_Z14get_local_sizej", "_Z23get_enqueued_local_sizej", "__gocl_group_size"} {
		fn := m.api.GetNamedFunction(m.mod, name)
		if fn == 0 {
			continue
		}
		var calls []uintptr
		for u := m.api.GetFirstUse(fn); u != 0; u = m.api.GetNextUse(u) {
			if call := m.api.GetUser(u); m.api.IsACallInst(call) != 0 && m.api.GetCalledValue(call) == fn {
				calls = append(calls, call)
			}
		}
		for _, call := range calls {
			d := a.GetOperand(call, 0)
			if m.api.IsAConstantInt(d) == 0 {
				continue
			}
			v := uint64(1)
			if dim := m.api.ConstIntGetZExtValue(d); dim < 3 {
				v = local[dim]
			}
			a.ReplaceAllUsesWith(call, a.ConstInt(i64, v, 0))
			a.InstructionErase(call)
		}
	}
}

// shapeLoops marks the loops of the work-item loop nests (wgloops.go's
// "wi.next" and "wi.nextrow" latches) for a known local size. With a
// constant trip count, LLVM unrolls a short work-item loop completely
// before the vectorizer sees it, and then vectorizes the loop over rows
// around it, with gathers and scatters across rows: so in groups of
// several rows, work-item loops are not to be unrolled (the vectorizer makes one or two vectors of
// them). And when a row is at most two vectors, the rows are unrolled by 8
// (after vectorization, when they are the innermost loops): each row is
// one dependent chain (a tile's acc += As[y][k] * Bs[k][x] over k), and
// eight independent chains keep the FMA units busy where one row after
// the other leaves them waiting.
func (m *module) shapeLoops(a *wgAPI, local [3]uint64) {
	p, err := m.parallelMetadata(a)
	if err != nil {
		return
	}
	rows := local[1] * local[2]
	_, dev := device.Root()
	lanes := uint64(dev.FloatVectorBits() / 32)
	shortRows := local[0] <= 2*lanes
	// A row of several vectors is interleaved: each work-item's own
	// arithmetic is one dependent chain (acc += a[k] * b[k] over an
	// unrolled k), and a single vector of it at a time leaves the FMA
	// units waiting on its latency.
	interleave := 0
	switch {
	case local[0] >= 4*lanes:
		interleave = 4
	case local[0] >= 2*lanes:
		interleave = 2
	}
	for _, fn := range m.functions() {
		for bb := m.api.GetFirstBasicBlock(fn); bb != 0; bb = m.api.GetNextBasicBlock(bb) {
			// The work-item loops share one access group: the new one.
			for in := m.api.GetFirstInstruction(bb); in != 0; in = m.api.GetNextInstruction(in) {
				if a.GetMetadata(in, p.groupKind) != 0 {
					a.SetMetadata(in, p.groupKind, p.group)
				}
			}
			name, term := cString(a.GetBasicBlockName(bb)), a.GetBasicBlockTerminator(bb)
			switch {
			case term == 0 || !strings.HasPrefix(name, "wi.next"):
			case strings.HasPrefix(name, "wi.nextrow"):
				if shortRows && rows > 1 {
					a.SetMetadata(term, p.loopID, p.unroll)
				}
			case a.GetMetadata(term, p.loopID) != 0: // a parallel loop (markParallel)
				body := m.loopBody(a, fn, bb)
				// (Unrolling is forbidden in groups of several rows,
				// where LLVM would flatten a short row before vectorizing:
				// see above. Rows of two vectors were left to it until
				// session 15, and a 16×16 transpose became gathers across
				// rows.)
				k := loopKind{parallel: true, noUnroll: rows > 1, interleave: interleave, wide: holdsHalf(a, m, body)}
				n := m.accesses(a, body)
				switch {
				case n.carried > maxInterleavedAccesses:
					k.interleave = 0
				case n.elements > maxInterleavedAccesses && k.interleave > 0:
					k.interleave = 1
				}
				a.SetMetadata(term, p.loopID, p.id(k))
			case rows > 1:
				a.SetMetadata(term, p.loopID, p.id(loopKind{noUnroll: true}))
			}
		}
	}
}
