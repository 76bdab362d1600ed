package build

import (
	"fmt"
	"strings"
	"sync"
	"unsafe"

	"gocl/icd"
)

// Barrier kernels without fibers. A kernel that reaches barriers is cut at
// them into regions; the kernel then runs a whole work-group per call,
// running each region for every work-item in turn before the next region:
//
//   - every value that lives across blocks is demoted to memory (reg2mem)
//     after the blocks are split at the barriers, and every alloca becomes a
//     slot in a per-work-item record of a per-thread context array, so any
//     work-item can re-enter a region at its first block;
//   - a barrier becomes "next work-item: re-enter this region; after the
//     last: continue with the next region for work-item 0"; a return
//     likewise ends the work-group after the last work-item.
//
// The control flow between regions is that of the barriers, which the
// specification requires to be the same for all work-items of a group, so
// it is taken once per group. No stack switch: a barrier costs a few
// instructions per work-item instead of a context switch. Kernels whose
// barriers hide in functions that are not plain barriers (wait_group_events
// and the like) keep running on fibers.

type regionAPI struct {
	RunPasses               func(mod uintptr, passes string, tm uintptr, opts uintptr) uintptr
	CreatePassOptions       func() uintptr
	DisposePassOptions      func(o uintptr)
	GetErrorMessage         func(err uintptr) unsafe.Pointer
	DisposeErrorMessage     func(msg unsafe.Pointer)
	VerifyFunction          func(fn uintptr, action int32) int32
	CreateEnumAttribute     func(ctx uintptr, kind uint32, val uint64) uintptr
	AddAttributeAtIndex     func(fn uintptr, idx uint32, attr uintptr)
	GetModuleDataLayout     func(mod uintptr) unsafe.Pointer
	CreateTargetData        func(layout unsafe.Pointer) uintptr
	DisposeTargetData       func(td uintptr)
	ABISizeOfType           func(td, ty uintptr) uint64
	GlobalGetValueType      func(g uintptr) uintptr
	ABIAlignmentOfType      func(td, ty uintptr) uint32
	GetEntryBasicBlock      func(fn uintptr) uintptr
	AppendBasicBlock        func(ctx, fn uintptr, name string) uintptr
	MoveBasicBlockBefore    func(bb, pos uintptr)
	GetInstructionParent    func(in uintptr) uintptr
	GetBasicBlockTerminator func(bb uintptr) uintptr
	InstructionRemove       func(in uintptr)
	InstructionErase        func(in uintptr)
	IsAAllocaInst           func(v uintptr) uintptr
	IsAReturnInst           func(v uintptr) uintptr
	IsAPHINode              func(v uintptr) uintptr
	GetAllocatedType        func(v uintptr) uintptr
	GetNumOperands          func(v uintptr) int32
	GetOperand              func(v uintptr, i uint32) uintptr
	SetOperand              func(v uintptr, i uint32, val uintptr)
	CreateBuilder           func(ctx uintptr) uintptr
	DisposeBuilder          func(b uintptr)
	PositionAtEnd           func(b, bb uintptr)
	PositionBefore          func(b, in uintptr)
	InsertIntoBuilder       func(b, in uintptr)
	BuildAlloca             func(b, ty uintptr, name string) uintptr
	BuildLoad2              func(b, ty, ptr uintptr, name string) uintptr
	BuildStore              func(b, val, ptr uintptr) uintptr
	BuildAdd                func(b, l, r uintptr, name string) uintptr
	BuildMul                func(b, l, r uintptr, name string) uintptr
	BuildICmp               func(b uintptr, pred int32, l, r uintptr, name string) uintptr
	BuildBr                 func(b, dest uintptr) uintptr
	BuildCondBr             func(b, c, t, f uintptr) uintptr
	BuildSwitch             func(b, v, els uintptr, n uint32) uintptr
	AddCase                 func(sw, val, dest uintptr)
	BuildGEP2               func(b, ty, ptr uintptr, idx *uintptr, n uint32, name string) uintptr
	BuildCall2              func(b, fnty, fn uintptr, args *uintptr, n uint32, name string) uintptr
	BuildRetVoid            func(b uintptr) uintptr
	GetParam                func(fn uintptr, i uint32) uintptr
	CreateStringAttribute   func(ctx uintptr, k string, kl uint32, v string, vl uint32) uintptr
	BuildUnreachable        func(b uintptr) uintptr
	Int8Type                func(ctx uintptr) uintptr
	Int32Type               func(ctx uintptr) uintptr
	Int64Type               func(ctx uintptr) uintptr
	PointerType             func(ctx uintptr, as uint32) uintptr
	VoidType                func(ctx uintptr) uintptr
	FunctionType            func(ret uintptr, params *uintptr, n uint32, vararg int32) uintptr
	ConstInt                func(ty uintptr, v uint64, signExt int32) uintptr
	AddFunction             func(mod uintptr, name string, ty uintptr) uintptr
	AddCallSiteAttribute    func(call uintptr, idx uint32, attr uintptr)
	IsThreadLocal           func(g uintptr) int32
	IsAInstruction          func(v uintptr) uintptr
	LookupIntrinsicID       func(name string, n uintptr) uint32
	GetIntrinsicDecl        func(mod uintptr, id uint32, types *uintptr, n uintptr) uintptr
	IntrinsicGetType        func(ctx uintptr, id uint32, types *uintptr, n uintptr) uintptr
	GetBasicBlockParent     func(bb uintptr) uintptr
}

var (
	regionOnce sync.Once
	regions    *regionAPI
	regionErr  error
)

func loadRegionAPI(lib uintptr) (*regionAPI, error) {
	regionOnce.Do(func() {
		a := &regionAPI{}
		defer func() {
			if r := recover(); r != nil {
				regionErr = fmt.Errorf("libLLVM lacks a function the region transform needs: %v", r)
				regions = nil
			}
		}()
		reg := func(fptr any, name string) { bindLLVM(fptr, lib, name) }
		reg(&a.RunPasses, "LLVMRunPasses")
		reg(&a.CreatePassOptions, "LLVMCreatePassBuilderOptions")
		reg(&a.DisposePassOptions, "LLVMDisposePassBuilderOptions")
		reg(&a.GetErrorMessage, "LLVMGetErrorMessage")
		reg(&a.DisposeErrorMessage, "LLVMDisposeErrorMessage")
		reg(&a.VerifyFunction, "LLVMVerifyFunction")
		reg(&a.CreateEnumAttribute, "LLVMCreateEnumAttribute")
		reg(&a.AddAttributeAtIndex, "LLVMAddAttributeAtIndex")
		reg(&a.GetModuleDataLayout, "LLVMGetDataLayoutStr")
		reg(&a.CreateTargetData, "LLVMCreateTargetData")
		reg(&a.DisposeTargetData, "LLVMDisposeTargetData")
		reg(&a.ABISizeOfType, "LLVMABISizeOfType")
		reg(&a.GlobalGetValueType, "LLVMGlobalGetValueType")
		reg(&a.ABIAlignmentOfType, "LLVMABIAlignmentOfType")
		reg(&a.GetEntryBasicBlock, "LLVMGetEntryBasicBlock")
		reg(&a.AppendBasicBlock, "LLVMAppendBasicBlockInContext")
		reg(&a.MoveBasicBlockBefore, "LLVMMoveBasicBlockBefore")
		reg(&a.GetInstructionParent, "LLVMGetInstructionParent")
		reg(&a.GetBasicBlockTerminator, "LLVMGetBasicBlockTerminator")
		reg(&a.InstructionRemove, "LLVMInstructionRemoveFromParent")
		reg(&a.InstructionErase, "LLVMInstructionEraseFromParent")
		reg(&a.IsAAllocaInst, "LLVMIsAAllocaInst")
		reg(&a.IsAReturnInst, "LLVMIsAReturnInst")
		reg(&a.IsAPHINode, "LLVMIsAPHINode")
		reg(&a.GetAllocatedType, "LLVMGetAllocatedType")
		reg(&a.GetNumOperands, "LLVMGetNumOperands")
		reg(&a.GetOperand, "LLVMGetOperand")
		reg(&a.SetOperand, "LLVMSetOperand")
		reg(&a.CreateBuilder, "LLVMCreateBuilderInContext")
		reg(&a.DisposeBuilder, "LLVMDisposeBuilder")
		reg(&a.PositionAtEnd, "LLVMPositionBuilderAtEnd")
		reg(&a.PositionBefore, "LLVMPositionBuilderBefore")
		reg(&a.InsertIntoBuilder, "LLVMInsertIntoBuilder")
		reg(&a.BuildAlloca, "LLVMBuildAlloca")
		reg(&a.BuildLoad2, "LLVMBuildLoad2")
		reg(&a.BuildStore, "LLVMBuildStore")
		reg(&a.BuildAdd, "LLVMBuildAdd")
		reg(&a.BuildMul, "LLVMBuildMul")
		reg(&a.BuildICmp, "LLVMBuildICmp")
		reg(&a.BuildBr, "LLVMBuildBr")
		reg(&a.BuildCondBr, "LLVMBuildCondBr")
		reg(&a.BuildSwitch, "LLVMBuildSwitch")
		reg(&a.AddCase, "LLVMAddCase")
		reg(&a.BuildGEP2, "LLVMBuildGEP2")
		reg(&a.BuildCall2, "LLVMBuildCall2")
		reg(&a.BuildRetVoid, "LLVMBuildRetVoid")
		reg(&a.GetParam, "LLVMGetParam")
		reg(&a.CreateStringAttribute, "LLVMCreateStringAttribute")
		reg(&a.BuildUnreachable, "LLVMBuildUnreachable")
		reg(&a.Int8Type, "LLVMInt8TypeInContext")
		reg(&a.Int32Type, "LLVMInt32TypeInContext")
		reg(&a.Int64Type, "LLVMInt64TypeInContext")
		reg(&a.PointerType, "LLVMPointerTypeInContext")
		reg(&a.VoidType, "LLVMVoidTypeInContext")
		reg(&a.FunctionType, "LLVMFunctionType")
		reg(&a.ConstInt, "LLVMConstInt")
		reg(&a.AddFunction, "LLVMAddFunction")
		reg(&a.AddCallSiteAttribute, "LLVMAddCallSiteAttribute")
		reg(&a.IsThreadLocal, "LLVMIsThreadLocal")
		reg(&a.IsAInstruction, "LLVMIsAInstruction")
		reg(&a.LookupIntrinsicID, "LLVMLookupIntrinsicID")
		reg(&a.GetIntrinsicDecl, "LLVMGetIntrinsicDeclaration")
		reg(&a.IntrinsicGetType, "LLVMIntrinsicGetType")
		reg(&a.GetBasicBlockParent, "LLVMGetBasicBlockParent")
		regions = a
	})
	return regions, regionErr
}

// plainBarriers are the calls the transform turns into region boundaries.
var plainBarriers = map[string]bool{
	"_Z7barrierj":                           true,
	"_Z18work_group_barrierj":               true,
	"_Z18work_group_barrierj12memory_scope": true,
}

const llvmIntULT = 36

// runPasses runs a new-pass-manager pipeline on the module.
func (m *module) runPasses(ra *regionAPI, passes string) error {
	opts := ra.CreatePassOptions()
	defer ra.DisposePassOptions(opts)
	if e := ra.RunPasses(m.mod, passes, 0, opts); e != 0 {
		p := ra.GetErrorMessage(e)
		msg := cString(p)
		ra.DisposeErrorMessage(p)
		return fmt.Errorf("passes %q: %s", passes, msg)
	}
	return nil
}

func cString(p unsafe.Pointer) string {
	if p == nil {
		return ""
	}
	n := 0
	for *(*byte)(unsafe.Add(p, n)) != 0 {
		n++
	}
	return string(unsafe.Slice((*byte)(p), n))
}

// instructions lists fn's instructions, block by block.
func (m *module) instructions(fn uintptr) []uintptr {
	var out []uintptr
	for bb := m.api.GetFirstBasicBlock(fn); bb != 0; bb = m.api.GetNextBasicBlock(bb) {
		for in := m.api.GetFirstInstruction(bb); in != 0; in = m.api.GetNextInstruction(in) {
			out = append(out, in)
		}
	}
	return out
}

// prepareRegions inlines into the barrier kernels every function that
// reaches a barrier, so that their barriers are in the kernel itself.
func (m *module) prepareRegions(ra *regionAPI, kernels []string, calls map[string][]string) error {
	return m.forceInline(ra, kernels, func(name string) bool { return !plainBarriers[name] && reaches(calls, name, isBarrier) })
}

// forceInline inlines every function of the program that inline says
// (neither the kernels, which the entry points call, nor the generated
// entry points) into its callers.
func (m *module) forceInline(ra *regionAPI, kernels []string, inline func(name string) bool) error {
	isKernel := map[string]bool{}
	for _, k := range kernels {
		isKernel[k] = true
	}
	always := m.api.EnumAttributeKindByName("alwaysinline", uintptr(len("alwaysinline")))
	noinline := m.api.EnumAttributeKindByName("noinline", uintptr(len("noinline")))
	optnone := m.api.EnumAttributeKindByName("optnone", uintptr(len("optnone")))
	attr := ra.CreateEnumAttribute(m.ctx, always, 0)
	for _, f := range m.functions() {
		name := m.name(f)
		if m.api.IsDeclaration(f) != 0 || isKernel[name] || strings.HasPrefix(name, "__gocl_") || !inline(name) {
			continue
		}
		m.api.RemoveEnumAttribute(f, functionIndex, noinline)
		m.api.RemoveEnumAttribute(f, functionIndex, optnone)
		ra.AddAttributeAtIndex(f, functionIndex, attr)
	}
	return m.runPasses(ra, "always-inline")
}

// calledOnlyByEntry: the generated body entry calls the kernel, and
// nothing else does (a kernel another kernel calls must stay a
// per-work-item function; such a kernel is inlined into its callers and
// its body entry, and then has no call at all).
func (m *module) calledOnlyByEntry(ra *regionAPI, fn uintptr, name string) bool {
	api := m.api
	called := false
	for u := api.GetFirstUse(fn); u != 0; u = api.GetNextUse(u) {
		user := api.GetUser(u)
		if api.IsACallInst(user) == 0 || m.name(ra.GetBasicBlockParent(ra.GetInstructionParent(user))) != "__gocl_body_"+name {
			return false
		}
		called = true
	}
	return called
}

// lifetimeMarker: in is a call of llvm.lifetime.start or .end.
func (m *module) lifetimeMarker(in uintptr) bool {
	return m.api.IsACallInst(in) != 0 && strings.HasPrefix(m.name(m.api.GetCalledValue(in)), "llvm.lifetime.")
}

// replaceOperand makes user use new wherever it used old.
func (ra *regionAPI) replaceOperand(user, old, new uintptr) {
	for j := uint32(0); j < uint32(ra.GetNumOperands(user)); j++ {
		if ra.GetOperand(user, j) == old {
			ra.SetOperand(user, j, new)
		}
	}
}

// regionKernel is a kernel being transformed: its barriers, and the blocks
// that start the region after each.
type regionKernel struct {
	name     string
	fn       uintptr
	barriers []uintptr
	after    []uintptr
}

// splitRegions checks that kernel name qualifies and splits its blocks after
// each barrier; nil if it does not qualify (nothing changed).
func (m *module) splitRegions(ra *regionAPI, name string, calls map[string][]string) *regionKernel {
	api := m.api
	fn := api.GetNamedFunction(m.mod, name)
	if fn == 0 || api.IsDeclaration(fn) != 0 {
		return nil
	}
	// Only the generated body entry may call the kernel: it runs a whole
	// work-group per call afterwards.
	if !m.calledOnlyByEntry(ra, fn, name) {
		return nil
	}
	k := &regionKernel{name: name, fn: fn}
	for _, in := range m.instructions(fn) {
		if api.IsACallInst(in) == 0 {
			continue
		}
		callee := m.name(api.GetCalledValue(in))
		switch {
		case plainBarriers[callee]:
			k.barriers = append(k.barriers, in)
		case strings.Contains(callee, "async_work_group"):
			// Copies, not synchronization: they stay calls.
		case isBarrier(callee) || reaches(calls, callee, isBarrier):
			return nil // a synchronizing call the transform does not know
		}
	}
	if len(k.barriers) == 0 {
		return nil
	}
	b := ra.CreateBuilder(m.ctx)
	defer ra.DisposeBuilder(b)
	for i, bar := range k.barriers {
		blk := ra.GetInstructionParent(bar)
		next := ra.AppendBasicBlock(m.ctx, fn, fmt.Sprintf("region%d", i+1))
		var move []uintptr
		for in := api.GetNextInstruction(bar); in != 0; in = api.GetNextInstruction(in) {
			move = append(move, in)
		}
		ra.PositionAtEnd(b, next)
		for _, in := range move {
			ra.InstructionRemove(in)
			ra.InsertIntoBuilder(b, in)
		}
		ra.PositionAtEnd(b, blk)
		ra.BuildBr(b, next)
		k.after = append(k.after, next)
	}
	return k
}

// runtime function declarations the transformed kernels call (rt.c).
func (m *module) rtFunction(ra *regionAPI, name string, ret uintptr, params ...uintptr) (fn, ty uintptr) {
	var p *uintptr
	if len(params) > 0 {
		p = &params[0]
	}
	ty = ra.FunctionType(ret, p, uint32(len(params)), 0)
	fn = m.api.GetNamedFunction(m.mod, name)
	if fn == 0 {
		fn = ra.AddFunction(m.mod, name, ty)
	}
	return fn, ty
}

// finishRegions turns a split kernel (after reg2mem) into a work-group
// function.
func (m *module) finishRegions(ra *regionAPI, td uintptr, k *regionKernel) error {
	api, ctx, fn := m.api, m.ctx, k.fn
	i8, i32, i64 := ra.Int8Type(ctx), ra.Int32Type(ctx), ra.Int64Type(ctx)
	ptr, void := ra.PointerType(ctx, 0), ra.VoidType(ctx)
	itemsFn, itemsTy := m.rtFunction(ra, "__gocl_wg_items", i64)
	ctxFn, ctxTy := m.rtFunction(ra, "__gocl_wg_ctx", ptr, i64)
	firstFn, firstTy := m.rtFunction(ra, "__gocl_wi_first", void)
	nextFn, nextTy := m.rtFunction(ra, "__gocl_wi_next", void)
	c64 := func(v uint64) uintptr { return ra.ConstInt(i64, v, 0) }

	// Per-work-item slots for every alloca.
	type slot struct {
		inst uintptr
		off  uint64
	}
	var slots []slot
	var rets []uintptr
	stride := uint64(0)
	for _, in := range m.instructions(fn) {
		if ra.IsAAllocaInst(in) != 0 {
			ty := ra.GetAllocatedType(in)
			size := ra.ABISizeOfType(td, ty)
			if n := ra.GetOperand(in, 0); api.IsAConstantInt(n) != 0 {
				size *= api.ConstIntGetZExtValue(n)
			} else {
				return fmt.Errorf("variable-size alloca")
			}
			align := uint64(max(ra.ABIAlignmentOfType(td, ty), 16))
			stride = (stride + align - 1) &^ (align - 1)
			slots = append(slots, slot{in, stride})
			stride += size
		}
		if ra.IsAReturnInst(in) != 0 {
			rets = append(rets, in)
		}
	}
	stride = (max(stride, 1) + 63) &^ 63

	b := ra.CreateBuilder(ctx)
	defer ra.DisposeBuilder(b)
	oldEntry := ra.GetEntryBasicBlock(fn)
	entry := ra.AppendBasicBlock(ctx, fn, "wg.entry")
	ra.MoveBasicBlockBefore(entry, oldEntry)
	ra.PositionAtEnd(b, entry)
	wiP := ra.BuildAlloca(b, i64, "wg.wi")
	regP := ra.BuildAlloca(b, i32, "wg.region")
	baseP := ra.BuildAlloca(b, ptr, "wg.base")
	n := ra.BuildCall2(b, itemsTy, itemsFn, nil, 0, "wg.n")
	total := ra.BuildMul(b, n, c64(stride), "wg.bytes")
	ctx0 := ra.BuildCall2(b, ctxTy, ctxFn, &total, 1, "wg.ctx")
	noalias := api.EnumAttributeKindByName("noalias", uintptr(len("noalias")))
	ra.AddCallSiteAttribute(ctx0, 0, ra.CreateEnumAttribute(ctx, noalias, 0))
	ra.BuildStore(b, c64(0), wiP)
	ra.BuildStore(b, ra.ConstInt(i32, 0, 0), regP)
	ra.BuildStore(b, ctx0, baseP)
	ra.BuildCall2(b, firstTy, firstFn, nil, 0, "")
	m.hoistThreadLocals(ra, b, fn)
	ra.BuildBr(b, oldEntry)

	// The dispatch: re-enter the current region.
	dispatch := ra.AppendBasicBlock(ctx, fn, "wg.dispatch")
	never := ra.AppendBasicBlock(ctx, fn, "wg.never")
	ra.PositionAtEnd(b, never)
	ra.BuildUnreachable(b)
	ra.PositionAtEnd(b, dispatch)
	r := ra.BuildLoad2(b, i32, regP, "wg.r")
	sw := ra.BuildSwitch(b, r, never, uint32(len(k.after)+1))
	ra.AddCase(sw, ra.ConstInt(i32, 0, 0), oldEntry)
	for i, bb := range k.after {
		ra.AddCase(sw, ra.ConstInt(i32, uint64(i+1), 0), bb)
	}

	// Allocas become slots of the running work-item's record.
	for _, s := range slots {
		var users []uintptr
		for u := api.GetFirstUse(s.inst); u != 0; u = api.GetNextUse(u) {
			users = append(users, api.GetUser(u))
		}
		seen := map[uintptr]bool{}
		for _, user := range users {
			if seen[user] {
				continue
			}
			seen[user] = true
			if m.lifetimeMarker(user) {
				ra.InstructionErase(user)
				continue
			}
			ra.PositionBefore(b, user)
			base := ra.BuildLoad2(b, ptr, baseP, "")
			off := c64(s.off)
			p := ra.BuildGEP2(b, i8, base, &off, 1, "")
			ra.replaceOperand(user, s.inst, p)
		}
		ra.InstructionErase(s.inst)
	}

	// advance emits, before in: go to the next work-item and re-enter the
	// region, else (after the last work-item) continue at last.
	advance := func(in uintptr, last func()) {
		ra.PositionBefore(b, in)
		wi := ra.BuildLoad2(b, i64, wiP, "")
		wi1 := ra.BuildAdd(b, wi, c64(1), "")
		more := ra.BuildICmp(b, llvmIntULT, wi1, n, "")
		nextBB := ra.AppendBasicBlock(ctx, fn, "wg.next")
		lastBB := ra.AppendBasicBlock(ctx, fn, "wg.last")
		ra.BuildCondBr(b, more, nextBB, lastBB)
		ra.PositionAtEnd(b, nextBB)
		ra.BuildStore(b, wi1, wiP)
		ra.BuildCall2(b, nextTy, nextFn, nil, 0, "")
		off := ra.BuildMul(b, wi1, c64(stride), "")
		p := ra.BuildGEP2(b, i8, ctx0, &off, 1, "")
		ra.BuildStore(b, p, baseP)
		ra.BuildBr(b, dispatch)
		ra.PositionAtEnd(b, lastBB)
		last()
	}
	for i, bar := range k.barriers {
		blk := ra.GetInstructionParent(bar)
		term := ra.GetBasicBlockTerminator(blk)
		region := uint64(i + 1)
		after := k.after[i]
		advance(bar, func() {
			ra.BuildStore(b, c64(0), wiP)
			ra.BuildCall2(b, firstTy, firstFn, nil, 0, "")
			ra.BuildStore(b, ctx0, baseP)
			ra.BuildStore(b, ra.ConstInt(i32, region, 0), regP)
			ra.BuildBr(b, after)
		})
		ra.InstructionErase(term)
		ra.InstructionErase(bar)
	}
	for _, ret := range rets {
		advance(ret, func() { ra.BuildRetVoid(b) })
		ra.InstructionErase(ret)
	}
	if ra.VerifyFunction(fn, 2) != 0 {
		return fmt.Errorf("kernel %s does not verify after the region transform", k.name)
	}
	return nil
}

// toRegions applies the transform to the kernels that reach barriers, and
// returns those it transformed. On any failure the module must be dropped
// (the caller re-parses it and keeps fibers).
func (m *module) toRegions(kernels []string, calls map[string][]string) (map[string]bool, error) {
	ra, err := loadRegionAPI(m.api.lib)
	if err != nil {
		return nil, err
	}
	if err := m.prepareRegions(ra, kernels, calls); err != nil {
		return nil, err
	}
	if err := m.runPasses(ra, "function(reg2mem)"); err != nil {
		return nil, err
	}
	var split []*regionKernel
	for _, name := range kernels {
		if k := m.splitRegions(ra, name, calls); k != nil {
			split = append(split, k)
		}
	}
	if len(split) == 0 {
		return nil, nil
	}
	if err := m.runPasses(ra, "function(reg2mem)"); err != nil {
		return nil, err
	}
	td := ra.CreateTargetData(ra.GetModuleDataLayout(m.mod))
	defer ra.DisposeTargetData(td)
	done := map[string]bool{}
	for _, k := range split {
		if err := m.finishRegions(ra, td, k); err != nil {
			return nil, err
		}
		done[k.name] = true
	}
	return done, nil
}

// regionKernels applies the region transform to the barrier kernels of m
// (unless GOCL_NO_REGIONS is set) and marks them in kernels. If the
// transform fails, it returns the module as it was (re-parsed), so the
// kernels run on fibers. The caller disposes of the returned module (m
// itself is disposed of when it is replaced; the caller must not dispose of
// it twice: it gets back either m or its replacement).
func regionKernels(m *module, kernels []KernelInfo, calls map[string][]string) (*module, error) {
	var names []string
	for _, k := range kernels {
		if k.UsesBarrier && k.Launchable && !k.Regions && !k.SpinWaits { // not made a work-group function already (wgloops.go); spin-waits need fibers
			names = append(names, k.Name)
		}
	}
	if len(names) == 0 || getenv("GOCL_NO_REGIONS") != "" {
		return m, nil
	}
	saved := m.bitcode()
	done, err := m.toRegions(names, calls)
	if err != nil {
		icd.Tracef("region transform failed, barrier kernels run on fibers: %v", err)
		m.dispose()
		return parseBitcode(saved)
	}
	for i := range kernels {
		kernels[i].Regions = kernels[i].Regions || done[kernels[i].Name]
	}
	return m, nil
}

// hoistThreadLocals computes the address of each thread-local variable the
// kernel uses (its kernel-scope __local arrays) once, at the builder's
// position in the entry block, instead of at every use: each costs a call
// to the TLS resolver, and LLVM does not hoist them (the region dispatch
// makes the control flow irreducible; in work-group functions the code
// generator materialized the address in every block that used it: 11
// calls in a tiled SGEMM, 14% of its time). (Done in every function of a
// module, it made clang-19 crash on the collectives' functions.)
func (m *module) hoistThreadLocals(ra *regionAPI, b, fn uintptr) {
	const name = "llvm.threadlocal.address"
	id := ra.LookupIntrinsicID(name, uintptr(len(name)))
	if id == 0 {
		return
	}
	ptr := ra.PointerType(m.ctx, 0)
	decl := ra.GetIntrinsicDecl(m.mod, id, &ptr, 1)
	ty := ra.IntrinsicGetType(m.ctx, id, &ptr, 1)
	for g := m.api.GetFirstGlobal(m.mod); g != 0; g = m.api.GetNextGlobal(g) {
		if ra.IsThreadLocal(g) == 0 {
			continue
		}
		var users []uintptr
		for u := m.api.GetFirstUse(g); u != 0; u = m.api.GetNextUse(u) {
			user := m.api.GetUser(u)
			// Instructions of this kernel only (not constant expressions,
			// nor the TLS address calls themselves).
			if ra.IsAInstruction(user) == 0 {
				continue // a constant expression: left as it is
			}
			if m.api.IsACallInst(user) != 0 && m.name(m.api.GetCalledValue(user)) == name {
				continue
			}
			if ra.GetBasicBlockParent(ra.GetInstructionParent(user)) == fn {
				users = append(users, user)
			}
		}
		if len(users) == 0 {
			continue
		}
		arg := g
		addr := ra.BuildCall2(b, ty, decl, &arg, 1, "")
		for _, user := range users {
			ra.replaceOperand(user, g, addr)
		}
	}
}
