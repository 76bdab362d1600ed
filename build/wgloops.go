package build

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"unsafe"

	"gocl/device"
	"gocl/icd"
)

// Work-group functions with work-item loops: the stage that makes kernels
// run their work-items in SIMD lanes.
//
// A kernel analyzed by the uniformity stage (uniformity.go) is rewritten to
// run a whole work-group per call. Its control flow that is the same for
// every work-item (uniform branches and loops) runs once per group, as
// scalar code; everything that varies runs in work-item loops placed inside
// it: one loop per stretch of varying code of a uniform block (barriers cut
// a block into several), and one around each divergent region. So a loop
// whose trip count is uniform gets the work-item loop inside it, and the
// innermost loop, x, is what LLVM's loop vectorizer turns into SIMD lanes.
//
// Values that live from one work-item loop to another are kept per
// work-item in a context array (one array per value: work-item i's copy is
// element i, so the vectorizer reads and writes them as vectors); private
// memory (allocas) likewise. Uniform values stay in registers.
//
// Barriers outside divergent code are where one work-item loop ends and the
// next begins, so barrier kernels whose barriers are all reached uniformly
// (in loops too) need neither regions nor fibers.

type wgAPI struct {
	*regionAPI
	GetInstructionOpcode      func(in uintptr) int32
	GetNumSuccessors          func(term uintptr) uint32
	GetSuccessor              func(term uintptr, i uint32) uintptr
	SetSuccessor              func(term uintptr, i uint32, bb uintptr)
	GetCallSiteEnumAttribute  func(call uintptr, idx uint32, kind uint32) uintptr
	GetEnumAttributeAtIndex   func(fn uintptr, idx uint32, kind uint32) uintptr
	GetEnumAttributeValue     func(attr uintptr) uint64
	BuildPhi                  func(b, ty uintptr, name string) uintptr
	AddIncoming               func(phi uintptr, vals *uintptr, blocks *uintptr, n uint32)
	CountIncoming             func(phi uintptr) uint32
	GetIncomingValue          func(phi uintptr, i uint32) uintptr
	GetIncomingBlock          func(phi uintptr, i uint32) uintptr
	BuildUDiv                 func(b, l, r uintptr, name string) uintptr
	BuildURem                 func(b, l, r uintptr, name string) uintptr
	ReplaceAllUsesWith        func(old, new uintptr)
	InsertBasicBlockInContext func(ctx, before uintptr, name string) uintptr
	GetTypeKind               func(ty uintptr) int32
	GetCondition              func(br uintptr) uintptr
	GetOrdering               func(v uintptr) int32 // an atomic's (0: not atomic; spinwait.go)
	SetCondition              func(br, cond uintptr)
	BuildZExt                 func(b, v, ty uintptr, name string) uintptr
	BuildXor                  func(b, l, r uintptr, name string) uintptr
	BuildOr                   func(b, l, r uintptr, name string) uintptr
	Int1Type                  func(ctx uintptr) uintptr
	ParseIRInContext          func(ctx, buf uintptr, mod *uintptr, msg *unsafe.Pointer) int32
	GetMetadata               func(in uintptr, kind uint32) uintptr
	SetMetadata               func(in uintptr, kind uint32, md uintptr)
	IsAAtomicRMWInst          func(v uintptr) uintptr
	IsAAtomicCmpXchgInst      func(v uintptr) uintptr
	DeleteFunction            func(fn uintptr)
	IsAArgument               func(v uintptr) uintptr
	IsAGlobalVariable         func(v uintptr) uintptr
	IsAConstantExpr           func(v uintptr) uintptr
	GetConstOpcode            func(v uintptr) int32
	GetVolatile               func(v uintptr) int32
	SetAlignment              func(v uintptr, bytes uint32)
	GetVectorSize             func(ty uintptr) uint32
	GetElementType            func(ty uintptr) uintptr
	GetPoison                 func(ty uintptr) uintptr
	BuildExtractElement       func(b, vec, idx uintptr, name string) uintptr
	BuildInsertElement        func(b, vec, elt, idx uintptr, name string) uintptr
	TypeOf                    func(v uintptr) uintptr
	DeleteBasicBlock          func(bb uintptr)
	InstructionClone          func(in uintptr) uintptr
	GetICmpPredicate          func(in uintptr) int32
	GetIntTypeWidth           func(ty uintptr) uint32
	BuildSExt                 func(b, v, ty uintptr, name string) uintptr
	BuildTrunc                func(b, v, ty uintptr, name string) uintptr
	BuildSub                  func(b, l, r uintptr, name string) uintptr
	BuildSelect               func(b, c, t, f uintptr, name string) uintptr
	GetInsertBlock            func(b uintptr) uintptr
	BuildAnd                  func(b, l, r uintptr, name string) uintptr
	BuildBitCast              func(b, v, ty uintptr, name string) uintptr
	BuildLShr                 func(b, l, r uintptr, name string) uintptr
	BuildShl                  func(b, l, r uintptr, name string) uintptr
	BuildFreeze               func(b, v uintptr, name string) uintptr
	VectorType                func(elem uintptr, n uint32) uintptr
	FloatTypeInContext        func(ctx uintptr) uintptr
	DoubleTypeInContext       func(ctx uintptr) uintptr
	HalfTypeInContext         func(ctx uintptr) uintptr
	IntTypeInContext          func(ctx uintptr, bits uint32) uintptr
	GetBasicBlockName         func(bb uintptr) unsafe.Pointer
	GetAlignment              func(v uintptr) uint32
	BuildFPExt                func(b, v, ty uintptr, name string) uintptr
	BuildFPTrunc              func(b, v, ty uintptr, name string) uintptr
	GetGEPSourceElementType   func(gep uintptr) uintptr
	IsInBounds                func(gep uintptr) int32
	SetIsInBounds             func(gep uintptr, inBounds int32)
	GetParam                  func(fn uintptr, i uint32) uintptr
	MDNodeInContext2          func(ctx uintptr, mds *uintptr, n uintptr) uintptr
}

var (
	wgOnce sync.Once
	wgA    *wgAPI
	wgErr  error
)

func loadWGAPI(lib uintptr) (*wgAPI, error) {
	wgOnce.Do(func() {
		ra, err := loadRegionAPI(lib)
		if err != nil {
			wgErr = err
			return
		}
		a := &wgAPI{regionAPI: ra}
		defer func() {
			if r := recover(); r != nil {
				wgErr = fmt.Errorf("libLLVM lacks a function the work-group transform needs: %v", r)
				wgA = nil
			}
		}()
		reg := func(fptr any, name string) { bindLLVM(fptr, lib, name) }
		reg(&a.GetInstructionOpcode, "LLVMGetInstructionOpcode")
		reg(&a.GetNumSuccessors, "LLVMGetNumSuccessors")
		reg(&a.GetSuccessor, "LLVMGetSuccessor")
		reg(&a.SetSuccessor, "LLVMSetSuccessor")
		reg(&a.GetOrdering, "LLVMGetOrdering")
		reg(&a.GetCallSiteEnumAttribute, "LLVMGetCallSiteEnumAttribute")
		reg(&a.GetEnumAttributeAtIndex, "LLVMGetEnumAttributeAtIndex")
		reg(&a.GetEnumAttributeValue, "LLVMGetEnumAttributeValue")
		reg(&a.BuildPhi, "LLVMBuildPhi")
		reg(&a.AddIncoming, "LLVMAddIncoming")
		reg(&a.CountIncoming, "LLVMCountIncoming")
		reg(&a.GetIncomingValue, "LLVMGetIncomingValue")
		reg(&a.GetIncomingBlock, "LLVMGetIncomingBlock")
		reg(&a.BuildUDiv, "LLVMBuildUDiv")
		reg(&a.BuildURem, "LLVMBuildURem")
		reg(&a.ReplaceAllUsesWith, "LLVMReplaceAllUsesWith")
		reg(&a.InsertBasicBlockInContext, "LLVMInsertBasicBlockInContext")
		reg(&a.GetTypeKind, "LLVMGetTypeKind")
		reg(&a.GetCondition, "LLVMGetCondition")
		reg(&a.SetCondition, "LLVMSetCondition")
		reg(&a.BuildZExt, "LLVMBuildZExt")
		reg(&a.BuildXor, "LLVMBuildXor")
		reg(&a.BuildOr, "LLVMBuildOr")
		reg(&a.Int1Type, "LLVMInt1TypeInContext")
		reg(&a.ParseIRInContext, "LLVMParseIRInContext")
		reg(&a.GetMetadata, "LLVMGetMetadata")
		reg(&a.SetMetadata, "LLVMSetMetadata")
		reg(&a.IsAAtomicRMWInst, "LLVMIsAAtomicRMWInst")
		reg(&a.IsAAtomicCmpXchgInst, "LLVMIsAAtomicCmpXchgInst")
		reg(&a.DeleteFunction, "LLVMDeleteFunction")
		reg(&a.GetBasicBlockName, "LLVMGetBasicBlockName")
		reg(&a.GetAlignment, "LLVMGetAlignment")
		reg(&a.BuildFPExt, "LLVMBuildFPExt")
		reg(&a.BuildFPTrunc, "LLVMBuildFPTrunc")
		reg(&a.GetGEPSourceElementType, "LLVMGetGEPSourceElementType")
		reg(&a.IsInBounds, "LLVMIsInBounds")
		reg(&a.SetIsInBounds, "LLVMSetIsInBounds")
		reg(&a.IsAArgument, "LLVMIsAArgument")
		reg(&a.IsAGlobalVariable, "LLVMIsAGlobalVariable")
		reg(&a.IsAConstantExpr, "LLVMIsAConstantExpr")
		reg(&a.GetConstOpcode, "LLVMGetConstOpcode")
		reg(&a.GetVolatile, "LLVMGetVolatile")
		reg(&a.SetAlignment, "LLVMSetAlignment")
		reg(&a.GetVectorSize, "LLVMGetVectorSize")
		reg(&a.GetElementType, "LLVMGetElementType")
		reg(&a.GetPoison, "LLVMGetPoison")
		reg(&a.BuildExtractElement, "LLVMBuildExtractElement")
		reg(&a.BuildInsertElement, "LLVMBuildInsertElement")
		reg(&a.TypeOf, "LLVMTypeOf")
		reg(&a.DeleteBasicBlock, "LLVMDeleteBasicBlock")
		reg(&a.InstructionClone, "LLVMInstructionClone")
		reg(&a.GetICmpPredicate, "LLVMGetICmpPredicate")
		reg(&a.GetIntTypeWidth, "LLVMGetIntTypeWidth")
		reg(&a.BuildSExt, "LLVMBuildSExt")
		reg(&a.BuildTrunc, "LLVMBuildTrunc")
		reg(&a.BuildSub, "LLVMBuildSub")
		reg(&a.BuildSelect, "LLVMBuildSelect")
		reg(&a.GetInsertBlock, "LLVMGetInsertBlock")
		reg(&a.BuildAnd, "LLVMBuildAnd")
		reg(&a.BuildBitCast, "LLVMBuildBitCast")
		reg(&a.BuildLShr, "LLVMBuildLShr")
		reg(&a.BuildShl, "LLVMBuildShl")
		reg(&a.BuildFreeze, "LLVMBuildFreeze")
		reg(&a.VectorType, "LLVMVectorType")
		reg(&a.FloatTypeInContext, "LLVMFloatTypeInContext")
		reg(&a.DoubleTypeInContext, "LLVMDoubleTypeInContext")
		reg(&a.HalfTypeInContext, "LLVMHalfTypeInContext")
		reg(&a.IntTypeInContext, "LLVMIntTypeInContext")
		reg(&a.GetParam, "LLVMGetParam")
		reg(&a.MDNodeInContext2, "LLVMMDNodeInContext2")
		wgA = a
	})
	return wgA, wgErr
}

// wiSegment is one work-item loop: the varying instructions of a stretch of
// a uniform block, or a divergent region.
type wiSegment struct {
	insts  []uintptr  // in order (a stretch of a uniform block)
	region *divRegion // or the region it runs
	// The loop, once built: the local ids and the work-item's index in
	// the group, its first block, and where its body may begin.
	x, y, z, wi uintptr
	head        uintptr
	needLid     bool
	// mask, for the varying code of a guard's body: the per-work-item
	// flag (an i8 alloca) that says which work-items run it; body is the
	// block that holds the instructions (head, or the masked block).
	mask uintptr
	body uintptr
	// flat: the body runs for every work-item and its slot stores keep
	// the old value where active (the mask's i1) is false (flatmask.go).
	flat   bool
	active uintptr
	// rng, for the varying code of a guard on the x id: the run of x it
	// lets in (guardrange.go), instead of a mask.
	rng *guardRange
	// row, for the varying code of a guard on the rows: the condition the
	// row head tests (rowguard.go).
	row *rowGuard
	// The blocks of the loop over x, and its latch (markParallel).
	blocks []uintptr
	latch  uintptr
}

// wgTransform rewrites one analyzed kernel.
type wgTransform struct {
	m       *module
	a       *wgAPI
	td      uintptr
	fn      uintptr
	s       *kernelShape
	b       uintptr // builder
	varying map[uintptr]bool
	segOf   map[uintptr]*wiSegment
	// blockSegs are the segments of each uniform block, in order;
	// regionSeg the segment of each region.
	blockSegs map[int][]*wiSegment
	regionSeg map[*divRegion]*wiSegment
	masks     map[int]uintptr // guard block → its mask
	ranges    map[int]*guardRange
	rows      map[int]*rowGuard // guards tested once per row (rowguard.go)
	nexts     map[int]uintptr   // loop guard → whether each goes around again
	storedIn  map[edgeValue]uintptr
	par       *parallelMD
	temps     map[uintptr]bool // shared temporaries (not parallel)
	private   []uintptr        // allocas: per-work-item memory
	slots     map[uintptr]bool // those of them that hold one value (newSlot)
	arrays    map[uintptr]bool // the addresses of the others in the loops
	slotBase  map[uintptr]bool // the base addresses of the slots' arrays
	// The group's sizes and context memory (wg.entry).
	i64, ptr        uintptr
	nx, ny, nrows   uintptr
	gbase           [3]uintptr
	linear          [3]uintptr // globalLinearParts
	shortRows       bool       // readsRowIDs
	ctxMem, nItems  uintptr
	offsets, stride map[uintptr]uint64
	perItem         uint64
}

func (t *wgTransform) c64(v uint64) uintptr { return t.a.ConstInt(t.i64, v, 0) }

// declare returns a function of the module by name, declaring it if needed.
func (t *wgTransform) declare(name string, ret uintptr, params ...uintptr) (fn, ty uintptr) {
	return t.m.rtFunction(t.a.regionAPI, name, ret, params...)
}

func (t *wgTransform) call(name string, ret uintptr, params []uintptr, args ...uintptr) uintptr {
	fn, ty := t.declare(name, ret, params...)
	var p *uintptr
	if len(args) > 0 {
		p = &args[0]
	}
	return t.a.BuildCall2(t.b, ty, fn, p, uint32(len(args)), "")
}

// run applies the transform.
func (t *wgTransform) run() error {
	a := t.a
	t.i64, t.ptr = a.Int64Type(t.m.ctx), a.PointerType(t.m.ctx, 0)
	t.varying, t.temps = map[uintptr]bool{}, map[uintptr]bool{}
	t.slots, t.arrays, t.slotBase = map[uintptr]bool{}, map[uintptr]bool{}, map[uintptr]bool{}
	var temporaries []uintptr
	for _, si := range t.s.insts {
		if si.varying {
			t.varying[si.v] = true
		}
		if si.opcode == opAlloca {
			if t.temporary(si.v) {
				temporaries = append(temporaries, si.v)
				t.temps[si.v] = true
			} else {
				t.private = append(t.private, si.v)
			}
		}
	}
	t.shortRows = t.readsRowIDs() // (before the transform changes what the analysis saw)
	t.wholeSubGroups()
	t.guardMasks()
	t.demotePhis()
	t.findSegments()
	if err := t.demoteAcrossSegments(); err != nil {
		return err
	}
	if err := t.layout(); err != nil {
		return err
	}
	t.buildLoops()
	// Temporaries stay allocas, shared by the work-items, in the new entry.
	a.PositionBefore(t.b, a.GetBasicBlockTerminator(a.GetEntryBasicBlock(t.fn)))
	for _, al := range temporaries {
		a.InstructionRemove(al)
		a.InsertIntoBuilder(t.b, al)
	}
	t.m.hoistThreadLocals(a.regionAPI, t.b, t.fn)
	t.privateMemory()
	t.workItemIds()
	t.prefetchLaterGroups()
	for _, segs := range t.blockSegs {
		for _, seg := range segs {
			t.markParallel(seg.blocks, seg.latch, true)
		}
	}
	for _, seg := range t.regionSeg {
		t.markParallel(seg.blocks, seg.latch, false)
	}
	if a.VerifyFunction(t.fn, 2) != 0 {
		return fmt.Errorf("does not verify after the work-group transform")
	}
	return nil
}

// wholeSubGroups answers every convergence point of the kernel with 0,
// "the whole sub-group": in a work-group function they are all in uniform
// code, where every work-item reaches them (the barrier itself is erased
// with the others).
func (t *wgTransform) wholeSubGroups() {
	for _, si := range t.s.insts {
		if si.barrier && t.m.name(t.m.api.GetCalledValue(si.v)) == convergePoint {
			t.a.ReplaceAllUsesWith(si.v, t.a.ConstInt(t.a.TypeOf(si.v), 0, 0))
		}
	}
}

// temporary reports whether an alloca is a temporary that each work-item
// fills before it reads it, and uses within one block: such as the copies
// of wide vector arguments the calling convention passes in memory. It
// needs no copy per work-item. (Its first use, in block order, writes all
// of it; any other use is in the same block.)
func (t *wgTransform) temporary(al uintptr) bool {
	a, api := t.a, t.m.api
	size := a.ABISizeOfType(t.td, a.GetAllocatedType(al))
	if n := a.GetOperand(al, 0); api.IsAConstantInt(n) == 0 || api.ConstIntGetZExtValue(n) != 1 {
		return false
	}
	users := map[uintptr]bool{}
	var block uintptr
	for u := api.GetFirstUse(al); u != 0; u = api.GetNextUse(u) {
		user := api.GetUser(u)
		if a.IsAInstruction(user) == 0 {
			return false
		}
		ub := a.GetInstructionParent(user)
		if block != 0 && ub != block {
			return false
		}
		block = ub
		users[user] = true
	}
	if block == 0 {
		return false
	}
	first, left := true, len(users)
	for in := api.GetFirstInstruction(block); in != 0 && left > 0; in = api.GetNextInstruction(in) {
		if !users[in] {
			if !first && t.isBarrier(in) {
				return false // used on both sides of a barrier
			}
			continue
		}
		left--
		if !first || t.m.lifetimeMarker(in) {
			continue
		}
		// The first real use: a store of the whole alloca to it.
		first = false
		if a.GetInstructionOpcode(in) != opStore || a.GetOperand(in, 1) != al || a.GetOperand(in, 0) == al ||
			a.ABISizeOfType(t.td, a.TypeOf(a.GetOperand(in, 0))) != size {
			return false
		}
	}
	return !first
}

// guardMasks stores, at the end of each guard block, whether the
// work-item enters the guard's body (its mask); the guard's branch becomes
// uniform: it is taken once the masks are known (buildLoops).
func (t *wgTransform) guardMasks() {
	a := t.a
	t.masks, t.ranges, t.nexts = map[int]uintptr{}, map[int]*guardRange{}, map[int]uintptr{}
	t.rows = map[int]*rowGuard{}
	i8 := a.Int8Type(t.m.ctx)
	for _, g := range sortedKeys(t.s.loopGuards) {
		t.loopMask(g)
	}
	for _, g := range sortedKeys(t.s.guards) {
		bb := t.s.blocks[g]
		term := a.GetBasicBlockTerminator(bb)
		if t.s.loopGuards[g] {
			continue
		}
		if rg, gr := t.rowGuardOf(g); rg != nil && t.s.parentGuard[g] < 0 {
			t.rows[g], t.ranges[g] = rg, gr
			t.varying[term] = false
			a.SetCondition(term, a.ConstInt(a.Int1Type(t.m.ctx), 1, 0)) // until buildLoops knows
			continue
		}
		if gr := t.rangeOf(g); gr != nil && t.s.parentGuard[g] < 0 {
			t.ranges[g] = gr
			t.varying[term] = false
			a.SetCondition(term, a.ConstInt(a.Int1Type(t.m.ctx), 1, 0)) // until buildLoops knows
			continue
		}
		mask := t.newSlot(i8)
		a.PositionBefore(t.b, term)
		active := a.GetCondition(term)
		if t.s.succs[g][0] == t.s.ipdom[g] { // the true edge skips the body
			active = a.BuildXor(t.b, active, a.ConstInt(a.Int1Type(t.m.ctx), 1, 0), "")
			t.varying[active] = true
		}
		z := a.BuildZExt(t.b, active, i8, "wi.mask")
		t.varying[z] = true
		t.varying[a.BuildStore(t.b, z, mask)] = true
		t.clearMask(g, mask)
		t.varying[term] = false
		a.SetCondition(term, a.ConstInt(a.Int1Type(t.m.ctx), 1, 0)) // until buildLoops knows
		t.masks[g] = mask
	}
}

// loopMask prepares the loop that guard g leaves on a varying condition:
// the work-items that enter the loop are active in it (stored on each edge
// into it); at g, each active one stores whether it goes around again
// (next), and buildLoops clears the masks of those that do not, after the
// block's work-item loops, so that their values for the way out are
// stored while they are still active. (Called before the other guards
// change their branches.)
func (t *wgTransform) loopMask(g int) {
	a, ctx := t.a, t.m.ctx
	i8 := a.Int8Type(ctx)
	one := a.ConstInt(i8, 1, 0)
	active, next := t.newSlot(i8), t.newSlot(i8)
	store := func(bi int, v uintptr, invert bool) {
		a.PositionBefore(t.b, a.GetBasicBlockTerminator(t.s.blocks[bi]))
		if invert {
			v = a.BuildXor(t.b, v, a.ConstInt(a.Int1Type(ctx), 1, 0), "")
			t.varying[v] = true
		}
		if a.TypeOf(v) != i8 {
			v = a.BuildZExt(t.b, v, i8, "")
			t.varying[v] = true
		}
		t.varying[a.BuildStore(t.b, v, active)] = true
		t.clearMask(bi, active)
	}
	body := t.s.guards[g]
	for _, x := range sortedKeys(body) {
		for _, q := range t.s.preds[x] {
			switch {
			case body[q]:
			case t.s.guards[q] != nil && !t.s.loopGuards[q]:
				// Entered from a guard: by the work-items it lets in.
				store(q, a.GetCondition(a.GetBasicBlockTerminator(t.s.blocks[q])), t.s.succs[q][0] != x)
			default:
				store(q, one, false)
			}
		}
	}
	term := a.GetBasicBlockTerminator(t.s.blocks[g])
	a.PositionBefore(t.b, term)
	again := a.GetCondition(term)
	if t.s.succs[g][0] == t.s.ipdom[g] { // the true edge leaves
		again = a.BuildXor(t.b, again, a.ConstInt(a.Int1Type(ctx), 1, 0), "")
		t.varying[again] = true
	}
	z := a.BuildZExt(t.b, again, i8, "wi.again")
	t.varying[z] = true
	t.varying[a.BuildStore(t.b, z, next)] = true
	t.varying[term] = false
	a.SetCondition(term, a.ConstInt(a.Int1Type(ctx), 1, 0)) // until buildLoops knows
	t.masks[g], t.nexts[g] = active, next
}

// clearMask: a mask stored in block bi, which runs under another guard's
// mask, is stored by the work-items that guard lets in only; the others
// must read 0. So every work-item clears it first, at the end of the
// outermost guard's block, which runs unmasked before any of its body.
func (t *wgTransform) clearMask(bi int, mask uintptr) {
	top := t.s.guardOf[bi]
	if top < 0 {
		return
	}
	for t.s.parentGuard[top] >= 0 {
		top = t.s.parentGuard[top]
	}
	a := t.a
	a.PositionBefore(t.b, a.GetBasicBlockTerminator(t.s.blocks[top]))
	t.varying[a.BuildStore(t.b, a.ConstInt(a.Int8Type(t.m.ctx), 0, 0), mask)] = true
}

// sortedKeys are the keys of m in order (for a build that does not
// depend on map order).
func sortedKeys[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}

// firstNonPhi is the first instruction of bb that is not a phi.
func (t *wgTransform) firstNonPhi(bb uintptr) uintptr {
	in := t.m.api.GetFirstInstruction(bb)
	for in != 0 && t.a.GetInstructionOpcode(in) == opPHI {
		in = t.m.api.GetNextInstruction(in)
	}
	return in
}

// newSlot is a per-work-item variable of type ty (an alloca, made
// per-work-item memory by privateMemory).
func (t *wgTransform) newSlot(ty uintptr) uintptr {
	entry := t.a.GetEntryBasicBlock(t.fn)
	t.a.PositionBefore(t.b, t.m.api.GetFirstInstruction(entry))
	slot := t.a.BuildAlloca(t.b, ty, "wi.slot")
	t.varying[slot] = true
	t.slots[slot] = true
	t.private = append(t.private, slot)
	return slot
}

// edgeValue is a value stored at the end of block from (into a phi's
// per-work-item variable).
type edgeValue struct{ v, from uintptr }

// demotePhis turns each varying phi into a per-work-item variable: stored
// at the end of each predecessor, loaded where the phi was. Phis inside a
// divergent region (but at its entry) stay: the region's blocks are all in
// one work-item loop. A phi whose every incoming value is stored at the
// end of its block into another phi's variable already (the phi after a
// loop of a value the loop carries) reads that variable: one store less
// per iteration.
func (t *wgTransform) demotePhis() {
	a := t.a
	storedIn := map[edgeValue]uintptr{}
	t.storedIn = storedIn
	for _, si := range t.s.insts {
		if si.opcode != opPHI || !si.varying {
			continue
		}
		if r := t.s.regionOf[si.block]; r != nil && r.entry != si.block {
			continue
		}
		phi := si.v
		ty := a.TypeOf(phi)
		var slot uintptr
		for i := uint32(0); i < a.CountIncoming(phi); i++ {
			s, ok := storedIn[edgeValue{a.GetIncomingValue(phi, i), a.GetIncomingBlock(phi, i)}]
			if !ok || i > 0 && s != slot {
				slot = 0
				break
			}
			slot = s
		}
		if slot == 0 {
			slot = t.newSlot(ty)
			for i := uint32(0); i < a.CountIncoming(phi); i++ {
				v, from := a.GetIncomingValue(phi, i), a.GetIncomingBlock(phi, i)
				a.PositionBefore(t.b, a.GetBasicBlockTerminator(from))
				t.varying[a.BuildStore(t.b, v, slot)] = true
				storedIn[edgeValue{v, from}] = slot
			}
		}
		a.PositionBefore(t.b, t.firstNonPhi(a.GetInstructionParent(phi)))
		ld := a.BuildLoad2(t.b, ty, slot, "")
		t.varying[ld] = true
		a.ReplaceAllUsesWith(phi, ld)
		a.InstructionErase(phi)
	}
}

// findSegments assigns every varying instruction to its work-item loop.
func (t *wgTransform) findSegments() {
	api := t.m.api
	t.segOf = map[uintptr]*wiSegment{}
	t.blockSegs = map[int][]*wiSegment{}
	t.regionSeg = map[*divRegion]*wiSegment{}
	for _, r := range t.s.regions {
		t.regionSeg[r] = &wiSegment{region: r}
	}
	for bi, bb := range t.s.blocks {
		if r := t.s.regionOf[bi]; r != nil {
			seg := t.regionSeg[r]
			term := t.a.GetBasicBlockTerminator(bb)
			for in := api.GetFirstInstruction(bb); in != 0; in = api.GetNextInstruction(in) {
				if t.varying[in] || in == term { // (the entry's uniform instructions run before the loop)
					t.segOf[in] = seg
				}
			}
			continue
		}
		var cur *wiSegment
		for in := api.GetFirstInstruction(bb); in != 0; in = api.GetNextInstruction(in) {
			switch {
			case t.isBarrier(in):
				cur = nil
			case t.varying[in] && t.a.GetInstructionOpcode(in) != opAlloca:
				if cur == nil {
					cur = &wiSegment{}
					if g := t.s.guardOf[bi]; g >= 0 {
						cur.mask, cur.rng, cur.row = t.masks[g], t.ranges[g], t.rows[g]
					}
					t.blockSegs[bi] = append(t.blockSegs[bi], cur)
				}
				cur.insts = append(cur.insts, in)
				t.segOf[in] = cur
			}
		}
	}
}

func (t *wgTransform) isBarrier(in uintptr) bool {
	return t.m.api.IsACallInst(in) != 0 && isLoopBarrier(t.m.name(t.m.api.GetCalledValue(in)))
}

const llvmVoidTypeKind = 0

// onlyElementsUsed: every user takes one element (extractelement): then a
// vector kept element by element is read as scalars. (A vector used whole,
// like clpeak's float16 chains, is better kept whole: split, it costs a
// store per element wherever it is defined.)
func (t *wgTransform) onlyElementsUsed(users []uintptr) bool {
	const extractelement = 50
	for _, u := range users {
		if t.a.GetInstructionOpcode(u) != extractelement {
			return false
		}
	}
	return true
}

// demoteVector keeps a vector value used in other work-item loops as one
// per-work-item variable per element: the vectorizer cannot widen values
// that are vectors already, but it widens their elements, and the uses
// that only take elements (p.x of a float4) then read scalars.
func (t *wgTransform) demoteVector(def uintptr, seg *wiSegment, far []uintptr) {
	a, api := t.a, t.m.api
	ty := a.TypeOf(def)
	n := a.GetVectorSize(ty)
	i32 := a.Int32Type(t.m.ctx)
	slots := make([]uintptr, n)
	at := def
	for i := range slots {
		slots[i] = t.newSlot(a.GetElementType(ty))
	}
	a.PositionBefore(t.b, api.GetNextInstruction(def))
	for i := range slots {
		e := a.BuildExtractElement(t.b, def, a.ConstInt(i32, uint64(i), 0), "")
		st := a.BuildStore(t.b, e, slots[i])
		for _, in := range []uintptr{e, st} {
			t.varying[in] = true
			t.insertAfter(seg, at, in)
			at = in
		}
	}
	rebuild := func(useSeg *wiSegment, before uintptr) uintptr {
		a.PositionBefore(t.b, before)
		v := a.GetPoison(ty)
		for i := range slots {
			ld := a.BuildLoad2(t.b, a.GetElementType(ty), slots[i], "")
			v = a.BuildInsertElement(t.b, v, ld, a.ConstInt(i32, uint64(i), 0), "")
			for _, in := range []uintptr{ld, v} {
				t.varying[in] = true
				t.insertBefore(useSeg, before, in)
			}
		}
		return v
	}
	for _, user := range far {
		if a.GetInstructionOpcode(user) == opPHI {
			for j := uint32(0); j < a.CountIncoming(user); j++ {
				if a.GetIncomingValue(user, j) == def {
					a.SetOperand(user, j, rebuild(t.segOf[user], a.GetBasicBlockTerminator(a.GetIncomingBlock(user, j))))
				}
			}
			continue
		}
		a.replaceOperand(user, def, rebuild(t.segOf[user], user))
	}
}

// demoteAcrossSegments keeps each value used in another work-item loop than
// its own in a per-work-item variable: stored after its definition, loaded
// before each such use.
func (t *wgTransform) demoteAcrossSegments() error {
	a, api := t.a, t.m.api
	var defs []uintptr
	for in := range t.segOf {
		defs = append(defs, in)
	}
	// Deterministic order: by position in the function.
	order := map[uintptr]int{}
	for bb := api.GetFirstBasicBlock(t.fn); bb != 0; bb = api.GetNextBasicBlock(bb) {
		for in := api.GetFirstInstruction(bb); in != 0; in = api.GetNextInstruction(in) {
			order[in] = len(order)
		}
	}
	sort.Slice(defs, func(i, j int) bool { return order[defs[i]] < order[defs[j]] })
	for _, def := range defs {
		seg := t.segOf[def]
		if a.GetInstructionOpcode(def) == opAlloca || a.GetTypeKind(a.TypeOf(def)) == llvmVoidTypeKind {
			continue
		}
		var far []uintptr
		seen := map[uintptr]bool{}
		for u := api.GetFirstUse(def); u != 0; u = api.GetNextUse(u) {
			user := api.GetUser(u)
			us, ok := t.segOf[user]
			if !ok {
				return fmt.Errorf("a varying value used by uniform code")
			}
			if us != seg && !seen[user] {
				seen[user] = true
				far = append(far, user)
			}
		}
		if len(far) == 0 {
			continue
		}
		if budget := rematBudget; t.rematerializable(def, &budget) {
			t.rematerialize(def, far)
			continue
		}
		ty := a.TypeOf(def)
		if slot := t.storedAtExit(def, far); slot != 0 {
			t.loadForUsers(def, far, slot)
			continue
		}
		if a.GetTypeKind(ty) == typeKindVector && a.GetVectorSize(ty) <= 16 && t.onlyElementsUsed(far) {
			t.demoteVector(def, seg, far)
			continue
		}
		slot := t.newSlot(ty)
		a.PositionBefore(t.b, api.GetNextInstruction(def))
		st := a.BuildStore(t.b, def, slot)
		t.varying[st] = true
		t.insertAfter(seg, def, st)
		t.loadForUsers(def, far, slot)
	}
	return nil
}

// storedAtExit returns the phi variable that def is stored into at the end
// of its own block, if every user in far is in a block entered only from
// there (a loop's exit, for a value the loop carries): the variable holds
// def when they run, and a second copy would cost a store per iteration.
func (t *wgTransform) storedAtExit(def uintptr, far []uintptr) uintptr {
	a := t.a
	bb := a.GetInstructionParent(def)
	slot, ok := t.storedIn[edgeValue{def, bb}]
	if !ok {
		return 0
	}
	for _, user := range far {
		k, ok := t.s.byValue[user]
		if !ok || a.GetInstructionOpcode(user) == opPHI {
			return 0
		}
		preds := t.s.preds[t.s.insts[k].block]
		if len(preds) != 1 || t.s.blocks[preds[0]] != bb {
			return 0
		}
	}
	return slot
}

// rematBudget bounds the instructions recomputed for one value.
const rematBudget = 12

// rematOpcodes are the instructions cheap and pure enough to recompute:
// integer and float arithmetic without division, comparisons, selects,
// casts and address arithmetic.
var rematOpcodes = map[int32]bool{
	8: true, 9: true, 10: true, 11: true, 12: true, 13: true, // add fadd sub fsub mul fmul
	20: true, 21: true, 22: true, 23: true, 24: true, 25: true, // shl lshr ashr and or xor
	29: true, 30: true, 31: true, 32: true, // getelementptr trunc zext sext
	35: true, 36: true, 37: true, 38: true, // uitofp sitofp fptrunc fpext
	42: true, 43: true, 46: true, // icmp fcmp select
}

// rematerializable reports whether v, a varying value, is computed from
// the work-item ids, uniform values outside divergent regions and
// constants by at most *budget cheap instructions. Such a value is better
// recomputed in every work-item loop that uses it than kept per work-item:
// read back from memory, gid + 1 is a gather to the vectorizer; recomputed,
// it is a consecutive index.
func (t *wgTransform) rematerializable(v uintptr, budget *int) bool {
	a, api := t.a, t.m.api
	if *budget--; *budget < 0 {
		return false
	}
	op := a.GetInstructionOpcode(v)
	switch {
	case op == opCall:
		if !workItemCalls[t.m.name(api.GetCalledValue(v))] {
			return false
		}
	case !rematOpcodes[op]:
		return false
	}
	for i := int32(0); i < a.GetNumOperands(v); i++ {
		o := a.GetOperand(v, uint32(i))
		if a.IsAInstruction(o) == 0 {
			continue // constants, arguments, globals, the callee
		}
		if t.varying[o] {
			if !t.rematerializable(o, budget) {
				return false
			}
			continue
		}
		k, ok := t.s.byValue[o]
		if !ok || t.s.regionOf[t.s.insts[k].block] != nil {
			return false // uniform, but computed where not every loop sees it
		}
	}
	return true
}

// rematerialize recomputes def before each of its users in other
// work-item loops.
func (t *wgTransform) rematerialize(def uintptr, far []uintptr) {
	a := t.a
	var clone func(v uintptr, seg *wiSegment, before uintptr) uintptr
	clone = func(v uintptr, seg *wiSegment, before uintptr) uintptr {
		if a.IsAInstruction(v) == 0 || !t.varying[v] {
			return v
		}
		c := a.InstructionClone(v)
		for i := int32(0); i < a.GetNumOperands(v); i++ {
			o := a.GetOperand(v, uint32(i))
			if n := clone(o, seg, before); n != o {
				a.SetOperand(c, uint32(i), n)
			}
		}
		a.PositionBefore(t.b, before)
		a.InsertIntoBuilder(t.b, c)
		t.varying[c] = true
		t.insertBefore(seg, before, c)
		return c
	}
	for _, user := range far {
		seg := t.segOf[user]
		if a.GetInstructionOpcode(user) == opPHI {
			for j := uint32(0); j < a.CountIncoming(user); j++ {
				if a.GetIncomingValue(user, j) == def {
					a.SetOperand(user, j, clone(def, seg, a.GetBasicBlockTerminator(a.GetIncomingBlock(user, j))))
				}
			}
			continue
		}
		a.replaceOperand(user, def, clone(def, seg, user))
	}
}

// loadForUsers makes each user in far read def from its per-work-item
// variable slot: a load before the user, or for a phi (of a divergent
// region) at the end of the block the value comes from.
func (t *wgTransform) loadForUsers(def uintptr, far []uintptr, slot uintptr) {
	a := t.a
	ty := a.TypeOf(def)
	for _, user := range far {
		if a.GetInstructionOpcode(user) == opPHI {
			for j := uint32(0); j < a.CountIncoming(user); j++ {
				if a.GetIncomingValue(user, j) == def {
					a.PositionBefore(t.b, a.GetBasicBlockTerminator(a.GetIncomingBlock(user, j)))
					ld := a.BuildLoad2(t.b, ty, slot, "")
					t.varying[ld] = true
					t.segOf[ld] = t.segOf[user]
					a.SetOperand(user, j, ld)
				}
			}
			continue
		}
		a.PositionBefore(t.b, user)
		ld := a.BuildLoad2(t.b, ty, slot, "")
		t.varying[ld] = true
		t.insertBefore(t.segOf[user], user, ld)
		a.replaceOperand(user, def, ld)
	}
}

// insertAfter and insertBefore record a new instruction in seg next to
// another (segments of uniform blocks keep their instructions in order).
func (t *wgTransform) insertAfter(seg *wiSegment, at, in uintptr) { t.insertNear(seg, at, in, 1) }

func (t *wgTransform) insertBefore(seg *wiSegment, at, in uintptr) { t.insertNear(seg, at, in, 0) }

func (t *wgTransform) insertNear(seg *wiSegment, at, in uintptr, after int) {
	t.segOf[in] = seg
	if seg.region != nil {
		return
	}
	for i, x := range seg.insts {
		if x == at {
			i += after
			seg.insts = append(seg.insts[:i], append([]uintptr{in}, seg.insts[i:]...)...)
			return
		}
	}
}

// layout places every alloca in the per-work-item context memory: an array
// of one element per work-item each, element i at base + i*stride.
func (t *wgTransform) layout() error {
	a := t.a
	t.offsets, t.stride = map[uintptr]uint64{}, map[uintptr]uint64{}
	for _, al := range t.private {
		ty := a.GetAllocatedType(al)
		size := a.ABISizeOfType(t.td, ty)
		n := a.GetOperand(al, 0)
		if t.m.api.IsAConstantInt(n) == 0 {
			return fmt.Errorf("a variable-size private array")
		}
		size *= t.m.api.ConstIntGetZExtValue(n)
		// Elements back to back (vector loads, not gathers), at the type's
		// alignment or the variable's own if larger (aligned(256)); the
		// context memory is page-aligned (rt.c).
		align := uint64(max(a.ABIAlignmentOfType(t.td, ty), a.GetAlignment(al), 1))
		if align > 4096 {
			return fmt.Errorf("a private variable aligned to %d bytes", align)
		}
		stride := (max(size, 1) + align - 1) &^ (align - 1)
		off := (t.perItem + align - 1) &^ (align - 1)
		t.offsets[al], t.stride[al] = off, stride
		t.perItem = off + stride
	}
	return nil
}

// buildLoops makes the work-group function: the group's sizes and context
// memory first, then the uniform blocks with their work-item loops, and a
// loop around each divergent region.
func (t *wgTransform) buildLoops() {
	a, api, ctx := t.a, t.m.api, t.m.ctx
	b := t.b
	s := t.s
	head := map[int]uintptr{}
	pre := map[*divRegion]uintptr{}
	for bi, bb := range s.blocks {
		if r := s.regionOf[bi]; r == nil {
			head[bi] = a.InsertBasicBlockInContext(ctx, bb, "wg.block")
		} else if r.entry == bi {
			pre[r] = a.InsertBasicBlockInContext(ctx, bb, "wg.region")
		}
	}
	target := func(bi int) uintptr {
		if r := s.regionOf[bi]; r != nil {
			return pre[r]
		}
		return head[bi]
	}

	// The group's sizes, its first work-item's global ids and the context
	// memory, in a new entry block.
	i32 := a.Int32Type(ctx)
	entry := a.InsertBasicBlockInContext(ctx, a.GetEntryBasicBlock(t.fn), "wg.entry")
	a.PositionAtEnd(b, entry)
	var size [3]uintptr
	for d := range size {
		size[d] = t.call("_Z14get_local_sizej", t.i64, []uintptr{i32}, a.ConstInt(i32, uint64(d), 0))
	}
	t.call("__gocl_set_lid", a.VoidType(ctx), []uintptr{t.i64, t.i64, t.i64}, t.c64(0), t.c64(0), t.c64(0))
	for d := range t.gbase {
		t.gbase[d] = t.call("_Z13get_global_idj", t.i64, []uintptr{i32}, a.ConstInt(i32, uint64(d), 0))
	}
	t.nx, t.ny = size[0], size[1]
	t.nrows = a.BuildMul(b, size[1], size[2], "wg.rows")
	t.nItems = a.BuildMul(b, t.nrows, size[0], "wg.items")
	bytes := a.BuildMul(b, t.nItems, t.c64(max(t.perItem, 1)), "wg.bytes")
	t.ctxMem = t.call("__gocl_wg_ctx", t.ptr, []uintptr{t.i64}, bytes)
	noalias := api.EnumAttributeKindByName("noalias", uintptr(len("noalias")))
	a.AddCallSiteAttribute(t.ctxMem, 0, a.CreateEnumAttribute(ctx, noalias, 0))
	a.BuildBr(b, target(0))

	// Edges between blocks go to the new heads; edges leaving a region go
	// to its work-item loop's latch (made with the loop).
	for _, r := range s.regions {
		seg := t.regionSeg[r]
		// The entry's uniform phis and instructions run once, before the
		// work-item loop.
		a.PositionAtEnd(b, pre[r])
		t.hoistUniform(s.blocks[r.entry])
		latch, exit := t.nest(seg, pre[r], s.blocks[r.entry])
		for bi := range r.blocks {
			seg.blocks = append(seg.blocks, s.blocks[bi])
		}
		a.PositionAtEnd(b, seg.head)
		a.BuildBr(b, s.blocks[r.entry])
		a.PositionAtEnd(b, exit)
		a.BuildBr(b, target(r.exit))
		for bi := range r.blocks {
			term := a.GetBasicBlockTerminator(s.blocks[bi])
			for i := uint32(0); i < a.GetNumSuccessors(term); i++ {
				if a.GetSuccessor(term, i) == s.blocks[r.exit] {
					a.SetSuccessor(term, i, latch)
				}
			}
		}
	}
	index := map[uintptr]int{}
	for bi, bb := range s.blocks {
		index[bb] = bi
	}
	for bi, bb := range s.blocks {
		if s.regionOf[bi] != nil {
			continue
		}
		term := a.GetBasicBlockTerminator(bb)
		for i := uint32(0); i < a.GetNumSuccessors(term); i++ {
			a.SetSuccessor(term, i, target(index[a.GetSuccessor(term, i)]))
		}
	}

	// Uniform blocks: phis and uniform instructions in the head, then the
	// work-item loops, then the original block with its terminator. Guards
	// on the x id first: their bodies' loops need the run they compute.
	var order []int
	for bi := range s.blocks {
		if t.ranges[bi] != nil {
			order = append(order, bi)
		}
	}
	for bi := range s.blocks {
		if t.ranges[bi] == nil {
			order = append(order, bi)
		}
	}
	for _, bi := range order {
		bb := s.blocks[bi]
		if s.regionOf[bi] != nil {
			continue
		}
		h := head[bi]
		var barriers []uintptr
		for in := api.GetFirstInstruction(bb); in != 0; in = api.GetNextInstruction(in) {
			if t.isBarrier(in) {
				barriers = append(barriers, in)
			}
		}
		a.PositionAtEnd(b, h)
		t.hoistUniform(bb)
		cur := h
		for _, seg := range t.blockSegs[bi] {
			seg.flat = seg.mask != 0 && flatMasks() && t.speculatable(seg.insts)
			latch, exit := t.nest(seg, cur, bb)
			a.PositionAtEnd(b, seg.body)
			for _, in := range seg.insts {
				a.InstructionRemove(in)
				a.InsertIntoBuilder(b, in)
			}
			if seg.flat {
				t.keepInactive(seg, seg.insts, seg.active)
				a.PositionAtEnd(b, seg.body)
			}
			a.BuildBr(b, latch)
			cur = exit
		}
		_, isGuard := s.guards[bi]
		if isGuard {
			// A guard: enter the body if any work-item does.
			var any uintptr
			if rg := t.rows[bi]; rg != nil {
				var rows uintptr
				if gr := t.ranges[bi]; gr != nil {
					a.PositionAtEnd(b, cur)
					any, cur = t.buildRange(gr, bb)
				}
				rows, cur = t.anyRow(rg, cur, bb)
				if any != 0 {
					rows = a.BuildAnd(b, any, rows, "")
				}
				any = rows
			} else if gr := t.ranges[bi]; gr != nil {
				a.PositionAtEnd(b, cur)
				any, cur = t.buildRange(gr, bb)
			} else {
				cur, any = t.anyActive(cur, bb, t.masks[bi], t.nexts[bi])
			}
			term := a.GetBasicBlockTerminator(bb)
			if s.succs[bi][0] == s.ipdom[bi] {
				any = a.BuildXor(b, any, a.ConstInt(a.Int1Type(ctx), 1, 0), "")
			}
			a.SetCondition(term, any)
		}
		a.PositionAtEnd(b, cur)
		a.BuildBr(b, bb)
		for _, in := range barriers {
			a.InstructionErase(in)
		}
	}
}

// hoistUniform moves the uniform instructions of block bb (phis
// included, barriers and the terminator not) to the builder's position.
func (t *wgTransform) hoistUniform(bb uintptr) {
	a, api := t.a, t.m.api
	var moves []uintptr
	term := a.GetBasicBlockTerminator(bb)
	for in := api.GetFirstInstruction(bb); in != 0; in = api.GetNextInstruction(in) {
		if in != term && !t.varying[in] && !t.isBarrier(in) {
			moves = append(moves, in)
		}
	}
	for _, in := range moves {
		a.InstructionRemove(in)
		a.InsertIntoBuilder(t.b, in)
	}
}

const (
	llvmIntNE      = 33
	llvmIntULTPred = 36
)

// anyLoop builds, at the end of block from, a loop over i = 0 .. n-1 that
// ors term(i) into an accumulator of type ty (0 before the loop), its
// blocks named name and name+"done" and placed before block before; with
// skip (an i1), from goes straight to the block after the loop where skip
// holds. It leaves the builder at the end of that block and returns it,
// the loop's block and the accumulated value.
func (t *wgTransform) anyLoop(from, before, skip, n, ty uintptr, name string, term func(i uintptr) uintptr) (done, loop, acc1 uintptr) {
	a, ctx, b := t.a, t.m.ctx, t.b
	loop = a.InsertBasicBlockInContext(ctx, before, name)
	done = a.InsertBasicBlockInContext(ctx, before, name+"done")
	a.PositionAtEnd(b, from)
	if skip != 0 {
		a.BuildCondBr(b, skip, done, loop)
	} else {
		a.BuildBr(b, loop)
	}
	a.PositionAtEnd(b, loop)
	i := a.BuildPhi(b, t.i64, "")
	acc := a.BuildPhi(b, ty, "")
	acc1 = a.BuildOr(b, acc, term(i), "")
	i1 := a.BuildAdd(b, i, t.c64(1), "")
	a.BuildCondBr(b, a.BuildICmp(b, llvmIntULTPred, i1, n, ""), loop, done)
	iv, ib := []uintptr{t.c64(0), i1}, []uintptr{from, loop}
	a.AddIncoming(i, &iv[0], &ib[0], 2)
	av, ab := []uintptr{a.ConstInt(ty, 0, 0), acc1}, []uintptr{from, loop}
	a.AddIncoming(acc, &av[0], &ab[0], 2)
	a.PositionAtEnd(b, done)
	return done, loop, acc1
}

// anyActive builds, from the end of block from, a loop over the group's
// work-items that tells whether any of them has its mask set; it returns
// the block after it and the answer (an i1), built before block before.
// With next (a loop guard's), each mask is first and-ed with it.
func (t *wgTransform) anyActive(from, before, mask, next uintptr) (uintptr, uintptr) {
	a, b := t.a, t.b
	i8 := a.Int8Type(t.m.ctx)
	done, _, acc1 := t.anyLoop(from, before, 0, t.nItems, i8, "wi.any", func(i uintptr) uintptr {
		seg := &wiSegment{wi: i}
		on := a.BuildLoad2(b, i8, mask, "")
		t.segOf[on] = seg
		if next != 0 {
			again := a.BuildLoad2(b, i8, next, "")
			t.segOf[again] = seg
			on = a.BuildAnd(b, on, again, "")
			t.segOf[a.BuildStore(b, on, mask)] = seg
		}
		return on
	})
	return done, a.BuildICmp(b, llvmIntNE, acc1, a.ConstInt(i8, 0, 0), "wi.anyactive")
}

// nest builds a work-item loop for seg, entered from the end of block from,
// its blocks placed before block before: rows (y, z) outside, x inside.
// The body goes in seg.head (which the caller ends with a branch to
// latch); exit is where the loop ends.
func (t *wgTransform) nest(seg *wiSegment, from, before uintptr) (latch, exit uintptr) {
	a, ctx, b := t.a, t.m.ctx, t.b
	lo, hi := t.c64(0), t.nx
	if seg.rng != nil {
		lo, hi = seg.rng.lo, seg.rng.hi
	}
	rowHead := a.InsertBasicBlockInContext(ctx, before, "wi.rows")
	seg.head = a.InsertBasicBlockInContext(ctx, before, "wi.loop")
	latch = a.InsertBasicBlockInContext(ctx, before, "wi.next")
	rowLatch := a.InsertBasicBlockInContext(ctx, before, "wi.nextrow")
	exit = a.InsertBasicBlockInContext(ctx, before, "wi.done")
	a.PositionAtEnd(b, from)
	a.BuildBr(b, rowHead)

	a.PositionAtEnd(b, rowHead)
	r := a.BuildPhi(b, t.i64, "wi.row")
	seg.y = a.BuildURem(b, r, t.ny, rowYName)
	seg.z = a.BuildUDiv(b, r, t.ny, "wi.z")
	rowBase := a.BuildMul(b, r, t.nx, "")
	if seg.row != nil {
		a.BuildCondBr(b, t.rowCondition(seg.row, seg.y, seg.z), seg.head, rowLatch)
	} else {
		a.BuildBr(b, seg.head)
	}

	a.PositionAtEnd(b, seg.head)
	seg.x = a.BuildPhi(b, t.i64, "wi.x")
	seg.wi = a.BuildAdd(b, rowBase, seg.x, "wi")
	seg.body, seg.latch = seg.head, latch
	seg.blocks = []uintptr{seg.head, latch}
	// Only the work-items the guard lets in: those of its mask, or of its
	// run of x (tested only where the run may not be exact).
	var active uintptr
	switch {
	case seg.mask != 0:
		on := a.BuildLoad2(b, a.Int8Type(ctx), seg.mask, "")
		t.segOf[on] = seg
		active = a.BuildICmp(b, llvmIntNE, on, a.ConstInt(a.Int8Type(ctx), 0, 0), "")
	case seg.rng != nil && seg.rng.checked != 0:
		active = a.BuildOr(b, seg.rng.checked, t.rangeTest(seg.rng, seg.x, seg.wi), "")
	}
	if active != 0 && seg.flat {
		seg.active = active
	} else if active != 0 {
		seg.body = a.InsertBasicBlockInContext(ctx, latch, "wi.active")
		a.BuildCondBr(b, active, seg.body, latch)
		seg.blocks = []uintptr{seg.head, seg.body, latch} // (in the order they run)
	}

	a.PositionAtEnd(b, latch)
	step := t.c64(1)
	if seg.rng != nil && seg.rng.stride != 0 {
		step = seg.rng.stride
	}
	x1 := a.BuildAdd(b, seg.x, step, "")
	a.BuildCondBr(b, a.BuildICmp(b, llvmIntULTPred, x1, hi, ""), seg.head, rowLatch)

	a.PositionAtEnd(b, rowLatch)
	r1 := a.BuildAdd(b, r, t.c64(1), "")
	a.BuildCondBr(b, a.BuildICmp(b, llvmIntULTPred, r1, t.nrows, ""), rowHead, exit)

	rv, rb := []uintptr{t.c64(0), r1}, []uintptr{from, rowLatch}
	a.AddIncoming(r, &rv[0], &rb[0], 2)
	xv, xb := []uintptr{lo, x1}, []uintptr{rowHead, latch}
	a.AddIncoming(seg.x, &xv[0], &xb[0], 2)
	return latch, exit
}

// privateMemory replaces every alloca by the running work-item's element
// of its array in the context memory.
func (t *wgTransform) privateMemory() {
	a, api := t.a, t.m.api
	i8 := a.Int8Type(t.m.ctx)
	entry := a.GetEntryBasicBlock(t.fn)
	base := map[uintptr]uintptr{}
	a.PositionBefore(t.b, a.GetBasicBlockTerminator(entry))
	for _, al := range t.private {
		off := a.BuildMul(t.b, t.nItems, t.c64(t.offsets[al]), "")
		base[al] = a.BuildGEP2(t.b, i8, t.ctxMem, &off, 1, "wi.private")
		if t.slots[al] {
			t.slotBase[base[al]] = true
		}
	}
	for _, al := range t.private {
		var users []uintptr
		seen := map[uintptr]bool{}
		for u := api.GetFirstUse(al); u != 0; u = api.GetNextUse(u) {
			if user := api.GetUser(u); !seen[user] {
				seen[user] = true
				users = append(users, user)
			}
		}
		for _, user := range users {
			if t.m.lifetimeMarker(user) {
				delete(t.segOf, user)
				a.InstructionErase(user)
				continue
			}
			seg := t.segOf[user]
			a.PositionBefore(t.b, user)
			off := a.BuildMul(t.b, seg.wi, t.c64(t.stride[al]), "")
			p := a.BuildGEP2(t.b, i8, base[al], &off, 1, "")
			if !t.slots[al] {
				t.arrays[p] = true
			}
			a.replaceOperand(user, al, p)
		}
		a.InstructionErase(al)
	}
}

// workItemIds replaces the work-item functions by the loops' counters; a
// call it cannot replace (a dimension that is not a constant) reads the
// work-item state, which the loop then keeps current.
func (t *wgTransform) workItemIds() {
	a, api := t.a, t.m.api
	var calls []uintptr
	for in, seg := range t.segOf {
		if seg != nil && api.IsACallInst(in) != 0 && workItemCalls[t.m.name(api.GetCalledValue(in))] {
			calls = append(calls, in)
		}
	}
	for _, call := range calls {
		seg := t.segOf[call]
		name := t.m.name(api.GetCalledValue(call))
		local := func(d uint64) uintptr {
			switch d {
			case 0:
				return seg.x
			case 1:
				return seg.y
			case 2:
				return seg.z
			}
			return t.c64(0)
		}
		var v uintptr
		dim := func() (uint64, bool) {
			op := a.GetOperand(call, 0)
			if api.IsAConstantInt(op) == 0 {
				return 0, false
			}
			return api.ConstIntGetZExtValue(op), true
		}
		a.PositionBefore(t.b, call)
		switch name {
		case "_Z12get_local_idj":
			if d, ok := dim(); ok {
				v = local(d)
			}
		case "_Z13get_global_idj":
			if d, ok := dim(); ok {
				v = t.c64(0)
				if d < 3 {
					v = a.BuildAdd(t.b, t.gbase[d], local(d), "")
				}
			}
		case "_Z19get_local_linear_idv":
			v = seg.wi
		case "_Z20get_global_linear_idv":
			// (A call would leave the loop's accesses through it
			// unproven parallel, and the loop scalar.)
			base, sy, sz := t.globalLinearParts()
			a.PositionBefore(t.b, call)
			v = a.BuildAdd(t.b, base, seg.x, "")
			v = a.BuildAdd(t.b, v, a.BuildMul(t.b, seg.y, sy, ""), "")
			v = a.BuildAdd(t.b, v, a.BuildMul(t.b, seg.z, sz, ""), "")
		}
		if v == 0 {
			seg.needLid = true
			continue
		}
		a.ReplaceAllUsesWith(call, v)
		a.InstructionErase(call)
	}
	done := map[*wiSegment]bool{}
	for _, seg := range t.segOf {
		if seg == nil || !seg.needLid || done[seg] {
			continue
		}
		done[seg] = true
		a.PositionBefore(t.b, api.GetNextInstruction(seg.wi))
		t.call("__gocl_set_lid", a.VoidType(t.m.ctx), []uintptr{t.i64, t.i64, t.i64}, seg.x, seg.y, seg.z)
	}
}

// globalLinearParts is get_global_linear_id() of the group's first
// work-item and the strides of its y and z ids, made in the group's entry
// block on first use:
// Σ_d (get_global_id(d) − get_global_offset(d)) · Π_{e<d} get_global_size(e).
func (t *wgTransform) globalLinearParts() (base, sy, sz uintptr) {
	if t.linear[0] != 0 {
		return t.linear[0], t.linear[1], t.linear[2]
	}
	a := t.a
	i32 := a.Int32Type(t.m.ctx)
	a.PositionBefore(t.b, a.GetBasicBlockTerminator(a.GetEntryBasicBlock(t.fn)))
	base, stride := t.c64(0), t.c64(1)
	var strides [3]uintptr
	for d := range 3 {
		dim := a.ConstInt(i32, uint64(d), 0)
		off := t.call("_Z17get_global_offsetj", t.i64, []uintptr{i32}, dim)
		id := a.BuildSub(t.b, t.gbase[d], off, "")
		base = a.BuildAdd(t.b, base, a.BuildMul(t.b, id, stride, ""), "")
		strides[d] = stride
		stride = a.BuildMul(t.b, stride, t.call("_Z15get_global_sizej", t.i64, []uintptr{i32}, dim), "")
	}
	t.linear = [3]uintptr{base, strides[1], strides[2]}
	return base, strides[1], strides[2]
}

// vectorizerReport (GOCL_VECTORIZER_REPORT=1) prints, for each kernel,
// whether it became a work-group function and its shape (GOCL_DEBUG
// prints only why calls fail).
var vectorizerReport = os.Getenv("GOCL_VECTORIZER_REPORT") != ""

// workGroupLoops applies the transform to every kernel it suits (unless
// GOCL_NO_WILOOPS is set) and marks them in kernels: they then run a
// work-group per call. The module is prepared first (user functions
// inlined into the kernels, SROA, one return per function). If rewriting a
// kernel fails, the module is returned as it was (re-parsed) and the
// kernels keep their other paths.
func workGroupLoops(m *module, kernels []KernelInfo, calls map[string][]string) (*module, error) {
	if getenv("GOCL_NO_WILOOPS") != "" {
		return m, nil
	}
	var names []string
	for _, k := range kernels {
		if k.Launchable && !k.SpinWaits {
			names = append(names, k.Name)
		}
	}
	if len(names) == 0 {
		return m, nil
	}
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return m, nil // the other paths still work
	}
	saved := m.bitcode()
	done, err := m.toWorkGroupLoops(a, names, calls)
	if err != nil {
		icd.Tracef("work-group transform failed, kernels keep their work-item loops: %v", err)
		m.dispose()
		return parseBitcode(saved)
	}
	for i := range kernels {
		if r, ok := done[kernels[i].Name]; ok {
			kernels[i].Regions, kernels[i].PrivateBytes, kernels[i].Loops = true, r.perItem, r.loops
		}
	}
	return m, nil
}

// kernelBlocks calls visit with every block of the kernels' functions.
func (m *module) kernelBlocks(kernels []string, visit func(bb uintptr)) {
	for _, name := range kernels {
		fn := m.api.GetNamedFunction(m.mod, name)
		if fn == 0 || m.api.IsDeclaration(fn) != 0 {
			continue
		}
		for bb := m.api.GetFirstBasicBlock(fn); bb != 0; bb = m.api.GetNextBasicBlock(bb) {
			visit(bb)
		}
	}
}

// selfLoops calls visit with each block of the kernels that is a loop of
// its own (its branch goes back to it), and with that branch.
func (m *module) selfLoops(a *wgAPI, kernels []string, visit func(bb, term uintptr)) {
	m.kernelBlocks(kernels, func(bb uintptr) {
		term := a.GetBasicBlockTerminator(bb)
		if term != 0 && a.GetNumSuccessors(term) == 2 && (a.GetSuccessor(term, 0) == bb || a.GetSuccessor(term, 1) == bb) {
			visit(bb, term)
		}
	})
}

// holdArithmeticLoops marks the loops of the kernels that are one block of
// arithmetic (no memory access, no call that touches memory) not to be
// unrolled, and says whether it marked any.
func (m *module) holdArithmeticLoops(a *wgAPI, par *parallelMD, kernels []string) bool {
	memKind := m.api.EnumAttributeKindByName("memory", uintptr(len("memory")))
	hold, held := par.id(loopKind{noUnroll: true}), false
	m.selfLoops(a, kernels, func(bb, term uintptr) {
		arithmetic := true
		for in := m.api.GetFirstInstruction(bb); in != term && arithmetic; in = m.api.GetNextInstruction(in) {
			op := a.GetInstructionOpcode(in)
			arithmetic = pureOpcodes[op] || op == opCall && a.callDoesNotTouchMemory(m, in, memKind)
		}
		if arithmetic {
			a.SetMetadata(term, par.loopID, hold)
			held = true
		}
	})
	return held
}

// releaseHeldLoops takes the mark of holdArithmeticLoops off the loops
// that still carry it (found again by their loop ID: the passes in between
// may have deleted a loop whose result was unused).
func (m *module) releaseHeldLoops(a *wgAPI, par *parallelMD, kernels []string) {
	hold := par.id(loopKind{noUnroll: true})
	m.kernelBlocks(kernels, func(bb uintptr) {
		if term := a.GetBasicBlockTerminator(bb); term != 0 && a.GetMetadata(term, par.loopID) == hold {
			a.SetMetadata(term, par.loopID, 0)
		}
	})
}

// wgResult is what the transform of one kernel tells the launches: the
// private memory of a work-item, and the loops it runs.
type wgResult struct {
	perItem uint64
	loops   device.KernelLoops
}

// toWorkGroupLoops transforms the kernels it can.
func (m *module) toWorkGroupLoops(a *wgAPI, names []string, calls map[string][]string) (map[string]wgResult, error) {
	if err := m.inlineIntoKernels(a, names, calls); err != nil {
		return nil, err
	}
	lower := ""
	if m.lowerSmallSwitches(a) {
		lower = lowerSwitchPass
	}
	if err := m.runPasses(a.regionAPI, "function(sroa,early-cse,simplifycfg,instcombine<no-verify-fixpoint>,loop-simplify,lcssa,loop(loop-rotate))"); err != nil {
		return nil, err
	}
	// Loops of a constant trip count that LLVM unrolls completely are
	// unrolled before unrollSmallLoops marks loops for 8 copies: a mark
	// on the inner loop of a short nest (a sorting network over a private
	// array) would stop the unrolling of the nest, and the array would
	// stay in memory, per work-item; a filter's taps over a constant table
	// unrolled keep its sum in a register (19-25 -> 6.6-8 ms). Loops that
	// are one block of arithmetic stay loops: a uniform loop gets the
	// work-item loop inside it, and each of its steps then runs for many
	// work-items at once, where unrolled its body is one dependent chain
	// per work-item (a Horner polynomial of 32 steps in double: 4-6 ms as
	// a loop, 8-12 unrolled).
	par, parErr := m.parallelMetadata(a)
	if parErr == nil {
		held := m.holdArithmeticLoops(a, par, names)
		if err := m.runPasses(a.regionAPI, "function(loop-unroll<O3;no-partial;no-runtime;no-upperbound>,sroa,simplifycfg,instcombine<no-verify-fixpoint>,loop-simplify,lcssa,loop(loop-rotate))"); err != nil {
			return nil, err
		}
		if held {
			m.releaseHeldLoops(a, par, names)
		}
	}
	if err := m.scalarizeKernels(a, names); err != nil {
		return nil, err
	}
	if parErr != nil {
		icd.Tracef("work-item loops are not marked parallel: %v", parErr)
	} else {
		m.unrollSmallLoops(a, par, names)
	}
	if err := m.runPasses(a.regionAPI, "function(loop-unroll<O3>,sroa,simplifycfg,instcombine<no-verify-fixpoint>,mergereturn"+lower+")"); err != nil {
		return nil, err
	}
	if err := m.foldPureBranches(a, names); err != nil {
		return nil, err
	}
	td := a.CreateTargetData(a.GetModuleDataLayout(m.mod))
	defer a.DisposeTargetData(td)
	b := a.CreateBuilder(m.ctx)
	defer a.DisposeBuilder(b)
	done := map[string]wgResult{}
	for _, name := range names {
		fn := m.api.GetNamedFunction(m.mod, name)
		if fn == 0 || m.api.IsDeclaration(fn) != 0 || !m.calledOnlyByEntry(a.regionAPI, fn, name) {
			continue
		}
		m.splitAfterBarriers(a, b, fn)
		s, err := m.analyzeKernel(a, fn)
		if err != nil {
			if err != errNotWorth {
				icd.Tracef("kernel %s keeps its work-item loop: %v", name, err)
			} else if vectorizerReport {
				fmt.Fprintf(os.Stderr, "gocl: kernel %s keeps its work-item loop: no loop or barrier outside divergent code\n", name)
			}
			continue
		}
		loops := s.loops()
		t := &wgTransform{m: m, a: a, td: td, fn: fn, s: s, b: b, par: par}
		if err := t.run(); err != nil {
			return nil, fmt.Errorf("kernel %s: %v", name, err)
		}
		done[name] = wgResult{t.perItem, loops}
		if vectorizerReport {
			fmt.Fprintf(os.Stderr, "gocl: kernel %s: work-group function, %d guards (%d loops in lockstep), %d divergent regions, %d bytes per work-item, loops: %s\n",
				name, len(s.guards), len(s.loopGuards), len(s.regions), t.perItem, loops)
		}
	}
	return done, nil
}

// inlineIntoKernels inlines into the kernels every function of the program
// that reaches a work-item function or a barrier, so that the analysis sees
// all of a kernel's work-item calls and barriers, and every function a
// kernel calls that has no loop of its own: a call left in a work-item loop
// keeps it from being vectorized (hcxkeys' kernel calls a SHA-1 block
// function four times in its 4,095-iteration loop; code generation did not
// inline it, and the work-item loops stayed scalar). Other functions stay
// calls until code generation inlines them as it sees fit: inlining
// everything made hashcat's programs take minutes.
func (m *module) inlineIntoKernels(a *wgAPI, kernels []string, calls map[string][]string) error {
	touchesWorkItems := func(name string) bool { return workItemCalls[name] || isBarrier(name) }
	calledByKernel := map[string]bool{}
	for _, k := range kernels {
		for _, c := range calls[k] {
			calledByKernel[c] = true
		}
	}
	// A kernel that another kernel calls is inlined there too (into its own
	// entry as well, so it stays a per-work-item function): the caller's
	// work-item loops do not keep the work-item state a call would read.
	var stayCalls []string
	for _, k := range kernels {
		if !calledByKernel[k] {
			stayCalls = append(stayCalls, k)
		}
	}
	return m.forceInline(a.regionAPI, stayCalls, func(name string) bool {
		return reaches(calls, name, touchesWorkItems) || calledByKernel[name] && !m.holdsLoop(a, name)
	})
}

// holdsLoop: function name is not defined here, or has a loop of its own
// (a branch back to a block at or before its own: clang lays blocks out
// in source order, so every loop's latch branches back).
func (m *module) holdsLoop(a *wgAPI, name string) bool {
	fn := m.api.GetNamedFunction(m.mod, name)
	if fn == 0 || m.api.IsDeclaration(fn) != 0 {
		return true
	}
	seen := map[uintptr]bool{}
	for bb := m.api.GetFirstBasicBlock(fn); bb != 0; bb = m.api.GetNextBasicBlock(bb) {
		seen[bb] = true
		term := a.GetBasicBlockTerminator(bb)
		for i := uint32(0); term != 0 && i < a.GetNumSuccessors(term); i++ {
			if seen[a.GetSuccessor(term, i)] {
				return true
			}
		}
	}
	return false
}

// dropLoopEntries empties the per-work-item loop entry (__gocl_loop_K) of
// every kernel that became a work-group function: the engine never calls
// it, and optimizing a whole work-group function inlined into a loop over
// work-items would only cost compile time.
func (m *module) dropLoopEntries(kernels []KernelInfo) {
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return
	}
	b := a.CreateBuilder(m.ctx)
	defer a.DisposeBuilder(b)
	for _, k := range kernels {
		if !k.Regions {
			continue
		}
		fn := m.definedEntry("__gocl_loop_", k.Name)
		if fn == 0 {
			continue
		}
		for bb := m.api.GetFirstBasicBlock(fn); bb != 0; bb = m.api.GetFirstBasicBlock(fn) {
			a.DeleteBasicBlock(bb)
		}
		a.PositionAtEnd(b, a.AppendBasicBlock(m.ctx, fn, "unused"))
		a.BuildRetVoid(b)
	}
}

// parallelMD is the metadata that tells LLVM a work-item loop has no
// dependences between its iterations (work-items of one stretch between
// barriers do not depend on each other: OpenCL calls anything else a data
// race), so the vectorizer needs no alias checks: an access group for the
// memory accesses and a loop ID that names it. The C API cannot make the
// distinct nodes they must be, so they come from a small parsed module.
type parallelMD struct {
	group             uintptr // as a value
	groupKind, loopID uint32
	unroll            uintptr // a loop ID asking for 8 copies of the body
	kinds             map[loopKind]uintptr
}

// loopKind is what a work-item loop's ID asks of LLVM: parallel accesses
// (the group's), no unrolling, interleaved vectors (0: the vectorizer's
// choice), and a vectorization width of one fp32 vector (wide, for loops
// on half values: LLVM 19's cost model, without AVX512-FP16, prices their
// conversions so high that it picked 4 lanes, and the half GEMM ran 3×
// slower than with 16).
//
// foldTail asks for the last work-items of a row (fewer than a vector) to
// run in the vector body under a mask, instead of in a scalar copy of the
// body after it: for a large body, that copy is as much code again to
// optimize and generate (see foldsTail).
type loopKind struct {
	parallel, noUnroll bool
	interleave         int
	wide, foldTail     bool
}

// id is the loop ID of kind k.
func (p *parallelMD) id(k loopKind) uintptr { return p.kinds[k] }

// parallelIR is a function whose loops carry the unroll-by-8 loop ID, then
// every loopKind's ID in the order of the kinds it returns; width is the
// fp32 vector width.
func parallelIR(width int) (string, []loopKind) {
	var kinds []loopKind
	for _, parallel := range []bool{true, false} {
		for _, noUnroll := range []bool{false, true} {
			for _, il := range []int{0, 1, 2, 4} {
				for _, wide := range []bool{false, true} {
					for _, foldTail := range []bool{false, true} {
						kinds = append(kinds, loopKind{parallel, noUnroll, il, wide, foldTail})
					}
				}
			}
		}
	}
	var body, md strings.Builder
	body.WriteString("define void @__gocl_parallel_md(ptr %p) {\nentry:\n  store i8 0, ptr %p, align 1, !llvm.access.group !0\n  br label %b0\n")
	md.WriteString("!0 = distinct !{}\n!1 = !{!\"llvm.loop.parallel_accesses\", !0}\n!2 = !{!\"llvm.loop.unroll.disable\"}\n")
	md.WriteString("!3 = !{!\"llvm.loop.interleave.count\", i32 2}\n!4 = !{!\"llvm.loop.interleave.count\", i32 4}\n!7 = !{!\"llvm.loop.interleave.count\", i32 1}\n")
	fmt.Fprintf(&md, "!5 = !{!\"llvm.loop.vectorize.width\", i32 %d}\n!6 = !{!\"llvm.loop.unroll.count\", i32 8}\n", width)
	md.WriteString("!8 = !{!\"llvm.loop.vectorize.predicate.enable\", i1 true}\n")
	ids := []string{"!6"} // the unroll-by-8 loop first
	for _, k := range kinds {
		var props []string
		if k.parallel {
			props = append(props, "!1")
		}
		if k.noUnroll {
			props = append(props, "!2")
		}
		switch k.interleave {
		case 1:
			props = append(props, "!7")
		case 2:
			props = append(props, "!3")
		case 4:
			props = append(props, "!4")
		}
		if k.wide {
			props = append(props, "!5")
		}
		if k.foldTail {
			props = append(props, "!8")
		}
		ids = append(ids, strings.Join(props, ", "))
	}
	for i, props := range ids {
		n := 10 + i
		fmt.Fprintf(&body, "b%d:\n  br i1 false, label %%b%d, label %%b%d, !llvm.loop !%d\n", i, i, i+1, n)
		if props == "" {
			fmt.Fprintf(&md, "!%d = distinct !{!%d}\n", n, n)
		} else {
			fmt.Fprintf(&md, "!%d = distinct !{!%d, %s}\n", n, n, props)
		}
	}
	fmt.Fprintf(&body, "b%d:\n  ret void\n}\n", len(ids))
	return body.String() + md.String(), kinds
}

func (m *module) parallelMetadata(a *wgAPI) (*parallelMD, error) {
	p := &parallelMD{kinds: map[loopKind]uintptr{}}
	_, dev := device.Root()
	width := 16
	if dev != nil {
		width = max(dev.FloatVectorBits()/32, 4)
	}
	ir, kinds := parallelIR(width)
	var loops []uintptr
	var err error
	p.group, loops, p.groupKind, p.loopID, err = m.linkMetadata(a, ir, "__gocl_parallel_md")
	if err != nil || len(loops) != len(kinds)+1 {
		return nil, fmt.Errorf("parallel metadata: %v", err)
	}
	p.unroll = loops[0]
	for i, k := range kinds {
		p.kinds[k] = loops[i+1]
	}
	return p, nil
}

// linkMetadata links ir, a function fn whose first instruction carries an
// access group and whose loops carry loop IDs, into m, and returns those
// nodes (the loop IDs in block order) and the two metadata kinds. The C
// API cannot make distinct or self-referencing nodes: parsed, they are.
func (m *module) linkMetadata(a *wgAPI, ir, fn string) (group uintptr, loops []uintptr, groupKind, loopKind uint32, err error) {
	if err := m.linkIRText(a, ir); err != nil {
		return 0, nil, 0, 0, err
	}
	f := m.api.GetNamedFunction(m.mod, fn)
	if f == 0 {
		return 0, nil, 0, 0, fmt.Errorf("lost")
	}
	groupKind = m.api.GetMDKindIDInContext(m.ctx, "llvm.access.group", uint32(len("llvm.access.group")))
	loopKind = m.api.GetMDKindIDInContext(m.ctx, "llvm.loop", uint32(len("llvm.loop")))
	entry := m.api.GetFirstBasicBlock(f)
	group = a.GetMetadata(m.api.GetFirstInstruction(entry), groupKind)
	for bb := entry; bb != 0; bb = m.api.GetNextBasicBlock(bb) {
		if id := a.GetMetadata(a.GetBasicBlockTerminator(bb), loopKind); id != 0 {
			loops = append(loops, id)
		}
	}
	a.DeleteFunction(f) // (the nodes stay: the context owns them)
	if group == 0 {
		return 0, nil, 0, 0, fmt.Errorf("not found")
	}
	return group, loops, groupKind, loopKind, nil
}

// linkIRText parses ir (LLVM IR text, without target lines) in m's context
// and links it into m.
func (m *module) linkIRText(a *wgAPI, ir string) error {
	ir = fmt.Sprintf("target datalayout = %q\ntarget triple = %q\n%s", cString(a.GetModuleDataLayout(m.mod)), hostTriple, ir)
	buf := m.api.CreateMemoryBufferCopy(unsafe.Pointer(unsafe.StringData(ir)), uintptr(len(ir)), "linked")
	var mod uintptr
	var msg unsafe.Pointer
	if a.ParseIRInContext(m.ctx, buf, &mod, &msg) != 0 { // (takes the buffer)
		defer m.api.DisposeMessage(msg)
		return fmt.Errorf("%s", cString(msg))
	}
	if m.api.LinkModules2(m.mod, mod) != 0 {
		return fmt.Errorf("does not link")
	}
	return nil
}

// markParallel tags the memory accesses of a work-item loop's blocks with
// the access group and its latch with the loop ID: all of them, or none
// that would make a claim untrue (atomics, the shared temporaries, calls
// that synchronize or print: the vectorizer then checks the loop itself).
func (t *wgTransform) markParallel(blocks []uintptr, latch uintptr, ordered bool) {
	if t.par == nil {
		return
	}
	a, api := t.a, t.m.api
	var tag []uintptr
	var size, stores int
	for _, bb := range blocks {
		for in := api.GetFirstInstruction(bb); in != 0; in = api.GetNextInstruction(in) {
			size++
			op := a.GetInstructionOpcode(in)
			if op == opStore {
				stores++
			}
			switch {
			case a.IsAAtomicRMWInst(in) != 0 || a.IsAAtomicCmpXchgInst(in) != 0:
				return
			case op == opLoad || op == opStore:
				ptr := a.GetOperand(in, 0)
				if op == opStore {
					ptr = a.GetOperand(in, 1)
				}
				if t.temps[ptr] || t.privateArray(ptr) {
					return
				}
				tag = append(tag, in)
			case op == opCall:
				name := t.m.name(api.GetCalledValue(in))
				if isCheckMarker(name) {
					continue // arithmetic (stage_check.go)
				}
				if strings.Contains(name, "atomic") || strings.Contains(name, "printf") || strings.HasPrefix(name, "__gocl_") {
					return
				}
				for j := int32(0); j < a.GetNumOperands(in); j++ {
					if op := a.GetOperand(in, uint32(j)); t.temps[op] || t.privateArray(op) {
						return
					}
				}
				tag = append(tag, in)
			}
		}
	}
	if !t.noReuse(tag, ordered) {
		return
	}
	for _, in := range tag {
		a.SetMetadata(in, t.par.groupKind, t.par.group)
	}
	k := loopKind{parallel: true, wide: holdsHalf(a, t.m, blocks), foldTail: foldsTail(size, stores)}
	if t.shortRows {
		k.interleave = 1
	}
	a.SetMetadata(a.GetBasicBlockTerminator(latch), t.par.loopID, t.par.id(k))
}

// readsRowIDs: the kernel asks for a local or global id in y or z, so it
// is likely launched in groups of short rows (16×16, 8×8). Its work-item
// loops, compiled before the local size is known, are then not
// interleaved: LLVM's choice for a loop of unknown trip count (4 vectors
// of 8 lanes an iteration) left a row of 16 entirely to the scalar copy
// that follows the vector loop (a 16×16 local-memory transpose ran 6×
// slower than PoCL's). Shaped code (specialize.go) chooses by the row's
// length.
func (t *wgTransform) readsRowIDs() bool {
	for _, si := range t.s.insts {
		if t.m.api.IsACallInst(si.v) == 0 {
			continue
		}
		switch t.m.name(t.m.api.GetCalledValue(si.v)) {
		case "_Z12get_local_idj", "_Z13get_global_idj":
			if d := t.a.GetOperand(si.v, 0); t.m.api.IsAConstantInt(d) != 0 && t.m.api.ConstIntGetZExtValue(d) > 0 {
				return true
			}
		}
	}
	return false
}

// foldsTail: a work-item loop of size instructions, stores of them, runs
// its last work-items under a mask rather than in a scalar copy of its
// body. The copy is what the local size leaves over a whole number of
// vectors (none in shaped code, which knows the local size), and for a
// large body it is a large share of the code generation of a program's
// first launch: hcxkeys' two 2,000-instruction SHA-1 loops took 0.97 s
// to compile with it and 0.65 s without, and ran no slower. The mask
// costs little where stores are few (a masked store is slow on AVX2:
// AMD splits it into many operations), so only then.
func foldsTail(size, stores int) bool {
	const large, storeShare = 1000, 20
	return size >= large && stores*storeShare <= size
}

// holdsHalf: an instruction of blocks has a half (or vector of half) value.
func holdsHalf(a *wgAPI, m *module, blocks []uintptr) bool {
	for _, bb := range blocks {
		for in := m.api.GetFirstInstruction(bb); in != 0; in = m.api.GetNextInstruction(in) {
			ty := m.api.TypeOf(in)
			if a.GetTypeKind(ty) == typeKindVector {
				ty = a.GetElementType(ty)
			}
			if a.GetTypeKind(ty) == typeKindHalf {
				return true
			}
		}
	}
	return false
}

// unrollSmallLoops asks for 8 copies of the body of every small loop of
// the kernels (one block, up to smallLoop instructions) whose carried
// values each depend on their previous value through a short chain. A
// uniform loop gets the work-item loop inside it, so each of its
// iterations loads and stores the values the loop carries per work-item:
// with the body copied, that traffic is paid once per 8 iterations (unroll
// and jam, in effect), and a loop of a few FMAs on register-held
// accumulators becomes compute bound again. A long dependent chain per
// iteration (clpeak's mad chains) pays little traffic for its work and is
// left alone: copied 8 times, it is latency bound.
func (m *module) unrollSmallLoops(a *wgAPI, par *parallelMD, kernels []string) {
	const smallLoop, shortChain = 48, 4
	m.selfLoops(a, kernels, func(bb, term uintptr) {
		var insts, phis []uintptr
		for in := m.api.GetFirstInstruction(bb); in != 0 && len(insts) <= smallLoop; in = m.api.GetNextInstruction(in) {
			if a.GetInstructionOpcode(in) == opPHI {
				phis = append(phis, in)
			} else {
				insts = append(insts, in)
			}
		}
		if len(insts) > smallLoop || a.GetMetadata(term, par.loopID) != 0 || !a.countedExit(bb, term) {
			return
		}
		short := true
		for _, phi := range phis {
			short = short && a.recurrence(phi, bb, insts) <= shortChain
		}
		if short {
			a.SetMetadata(term, par.loopID, par.unroll)
		}
	})
}

// countedExit: the loop block bb leaves on a comparison of a counter (a
// phi of bb, or a phi plus or minus a value) with a value from outside the
// loop. A loop that leaves on anything else (a value it computes, as in
// Mandelbrot's |z| <= 2) may leave at different iterations for different
// work-items: copied 8 times, it would have 8 such exits, which the
// uniformity analysis can only run work-item by work-item.
func (a *wgAPI) countedExit(bb, term uintptr) bool {
	const icmp, add, sub, or = 42, 8, 10, 24
	cond := a.GetCondition(term)
	if a.IsAInstruction(cond) == 0 || a.GetInstructionOpcode(cond) != icmp {
		return false
	}
	inLoop := func(v uintptr) bool { return a.IsAInstruction(v) != 0 && a.GetInstructionParent(v) == bb }
	counter := func(v uintptr) bool {
		if !inLoop(v) {
			return true // invariant
		}
		switch a.GetInstructionOpcode(v) {
		case opPHI:
			return true
		case add, sub, or:
			l, r := a.GetOperand(v, 0), a.GetOperand(v, 1)
			return inLoop(l) && a.GetInstructionOpcode(l) == opPHI && !inLoop(r) ||
				inLoop(r) && a.GetInstructionOpcode(r) == opPHI && !inLoop(l)
		}
		return false
	}
	return counter(a.GetOperand(cond, 0)) && counter(a.GetOperand(cond, 1))
}

// recurrence is the length of the longest chain of instructions (insts,
// the loop block's in order) from phi to the value it takes on the back
// edge from block bb.
func (a *wgAPI) recurrence(phi, bb uintptr, insts []uintptr) int {
	depth := map[uintptr]int{phi: 0}
	for _, in := range insts {
		for i := int32(0); i < a.GetNumOperands(in); i++ {
			if d, ok := depth[a.GetOperand(in, uint32(i))]; ok && d+1 > depth[in] {
				depth[in] = d + 1
			}
		}
	}
	for j := uint32(0); j < a.CountIncoming(phi); j++ {
		if a.GetIncomingBlock(phi, j) == bb {
			return depth[a.GetIncomingValue(phi, j)]
		}
	}
	return 0
}

// privateArray reports whether ptr points into a private array (through
// address arithmetic): a work-item may store there and read it back in the
// same iteration at a computed index, which the vectorizer must see (its
// interleaved accesses would otherwise move loads above such stores).
func (t *wgTransform) privateArray(ptr uintptr) bool {
	const gep, bitcast, addrspacecast, phi, sel = 29, 41, 60, opPHI, 46
	for depth := 0; depth < 16 && ptr != 0; depth++ {
		if t.arrays[ptr] {
			return true
		}
		if t.a.IsAInstruction(ptr) == 0 {
			return false
		}
		switch t.a.GetInstructionOpcode(ptr) {
		case gep, bitcast, addrspacecast:
			ptr = t.a.GetOperand(ptr, 0)
		case phi, sel:
			return true // (could be either: assume the worst)
		default:
			return false
		}
	}
	return true
}

// noReuse reports whether no work-item reads back, in the same iteration,
// what it wrote to a memory object other than the per-work-item slots.
// Where one may, the vectorizer must check the loop itself: marked
// parallel, it skips its dependence analysis, and its interleaved accesses
// could then move a load above a store to the same place. The accesses of
// a loop over a uniform block's code are ordered (its blocks run in order),
// and only a load or call after a store to the same object counts (in
// s[l] += s[l + k] there is none); in a divergent region's loop, any
// object both written and read does.
func (t *wgTransform) noReuse(accesses []uintptr, ordered bool) bool {
	a := t.a
	loaded, stored := map[uintptr]bool{}, map[uintptr]bool{}
	// readBack: a load of r now would read what this iteration stored.
	readBack := func(r uintptr) bool {
		return !t.slotBase[r] && (stored[r] || r == 0 && len(stored) > 0 || stored[0])
	}
	for _, in := range accesses {
		switch a.GetInstructionOpcode(in) {
		case opLoad:
			r := t.root(a.GetOperand(in, 0))
			if ordered && readBack(r) {
				return false
			}
			loaded[r] = true
		case opStore:
			stored[t.root(a.GetOperand(in, 1))] = true
		default: // a call: may read and write what its pointers reach
			for j := int32(0); j < a.GetNumOperands(in)-1; j++ {
				op := a.GetOperand(in, uint32(j))
				if a.GetTypeKind(a.TypeOf(op)) == llvmPointerTypeKind {
					r := t.root(op)
					if ordered && readBack(r) {
						return false
					}
					loaded[r], stored[r] = true, true
				}
			}
		}
	}
	if ordered {
		return true
	}
	if len(stored) > 0 && loaded[0] || stored[0] && len(loaded) > 0 {
		return false // an object we cannot tell
	}
	for r := range stored {
		if loaded[r] && !t.slotBase[r] {
			return false
		}
	}
	return true
}

const llvmPointerTypeKind = 12

// root follows address arithmetic back to the object a pointer points
// into (an argument, a global, a context array); 0 if that is not clear.
func (t *wgTransform) root(ptr uintptr) uintptr {
	const gep, bitcast, addrspacecast = 29, 41, 60
	for depth := 0; depth < 32; depth++ {
		if t.a.IsAInstruction(ptr) == 0 || t.slotBase[ptr] {
			return ptr
		}
		switch t.a.GetInstructionOpcode(ptr) {
		case gep, bitcast, addrspacecast:
			ptr = t.a.GetOperand(ptr, 0)
		case opCall, opLoad:
			if t.a.GetInstructionOpcode(ptr) == opCall && isCheckMarker(t.m.name(t.m.api.GetCalledValue(ptr))) {
				ptr = t.a.GetOperand(ptr, 0) // a checked pointer (stage_check.go)
				continue
			}
			return ptr // a pointer from memory or a call: its own object, as far as we can tell
		default:
			return 0
		}
	}
	return 0
}

// predecessors maps each block of fn to the blocks that branch to it (a
// block that branches to it twice is there twice).
func (m *module) predecessors(a *wgAPI, fn uintptr) map[uintptr][]uintptr {
	preds := map[uintptr][]uintptr{}
	for bb := m.api.GetFirstBasicBlock(fn); bb != 0; bb = m.api.GetNextBasicBlock(bb) {
		if term := a.GetBasicBlockTerminator(bb); term != 0 {
			for i := uint32(0); i < a.GetNumSuccessors(term); i++ {
				s := a.GetSuccessor(term, i)
				preds[s] = append(preds[s], bb)
			}
		}
	}
	return preds
}
