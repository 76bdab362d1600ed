package build

import "fmt"

// A generic pointer's named address space (to_global, to_local and
// to_private) is told by where it points (build/lib/rt.c). One part of
// that only the program knows: where its kernel-scope __local variables
// are, which are thread-local (prepareExecutable). definePointerSpaces
// gives a program that calls those builtins
//
//	void __gocl_kernel_locals(char **lo, char **hi)
//
// which widens [*lo, *hi) to cover those variables on the calling thread.
// rt.c refers to it weakly: a program without it does not pay for the
// bookkeeping.

// pointerSpaceBuiltins are clang's names for to_global, to_local and
// to_private.
var pointerSpaceBuiltins = []string{"__to_global", "__to_local", "__to_private"}

func (m *module) definePointerSpaces(locals []uintptr) error {
	used := false
	for _, name := range pointerSpaceBuiltins {
		used = used || m.api.GetNamedFunction(m.mod, name) != 0
	}
	if !used {
		return nil
	}
	ra, err := loadRegionAPI(m.api.lib)
	if err != nil {
		return err
	}
	const tlsAddress = "llvm.threadlocal.address"
	id := ra.LookupIntrinsicID(tlsAddress, uintptr(len(tlsAddress)))
	if id == 0 {
		return fmt.Errorf("libLLVM has no %s", tlsAddress)
	}
	ctx := m.ctx
	ptr, i8 := ra.PointerType(ctx, 0), ra.Int8Type(ctx)
	addrDecl := ra.GetIntrinsicDecl(m.mod, id, &ptr, 1)
	addrType := ra.IntrinsicGetType(ctx, id, &ptr, 1)
	params := []uintptr{ptr, ptr}
	fn := ra.AddFunction(m.mod, "__gocl_kernel_locals", ra.FunctionType(ra.VoidType(ctx), &params[0], 2, 0))
	lo, hi := ra.GetParam(fn, 0), ra.GetParam(fn, 1)
	td := ra.CreateTargetData(ra.GetModuleDataLayout(m.mod))
	defer ra.DisposeTargetData(td)
	b := ra.CreateBuilder(ctx)
	defer ra.DisposeBuilder(b)

	// Per variable v of size n:
	//   low:   if &v < *lo:     *lo = &v
	//   high:  if &v + n > *hi: *hi = &v + n
	const ult, ugt = 36, 34 // LLVMIntULT, LLVMIntUGT
	block := ra.AppendBasicBlock(ctx, fn, "entry")
	widen := func(bound, value uintptr, pred int32, next uintptr) {
		set := ra.AppendBasicBlock(ctx, fn, "set")
		cur := ra.BuildLoad2(b, ptr, bound, "")
		ra.BuildCondBr(b, ra.BuildICmp(b, pred, value, cur, ""), set, next)
		ra.PositionAtEnd(b, set)
		ra.BuildStore(b, value, bound)
		ra.BuildBr(b, next)
	}
	for _, g := range locals {
		ra.PositionAtEnd(b, block)
		high, next := ra.AppendBasicBlock(ctx, fn, "high"), ra.AppendBasicBlock(ctx, fn, "next")
		arg := g
		start := ra.BuildCall2(b, addrType, addrDecl, &arg, 1, "")
		size := ra.ConstInt(ra.Int64Type(ctx), ra.ABISizeOfType(td, ra.GlobalGetValueType(g)), 0)
		end := ra.BuildGEP2(b, i8, start, &size, 1, "")
		widen(lo, start, ult, high)
		ra.PositionAtEnd(b, high)
		widen(hi, end, ugt, next)
		block = next
	}
	ra.PositionAtEnd(b, block)
	ra.BuildRetVoid(b)
	if ra.VerifyFunction(fn, 2) != 0 { // LLVMReturnStatusAction
		return fmt.Errorf("__gocl_kernel_locals does not verify")
	}
	return nil
}
