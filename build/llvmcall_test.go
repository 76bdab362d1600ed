package build

import (
	"testing"
	"unsafe"
)

// The direct calls bindLLVM makes pass and return what the C API expects:
// negative 32-bit arguments, 64-bit values, names as C strings (empty and
// not), results written through pointers, 32-bit results.
func TestBindLLVM(t *testing.T) {
	api, err := loadLLVM()
	if err != nil {
		t.Skip(err)
	}
	var (
		contextCreate  func() uintptr
		contextDispose func(uintptr)
		int64Type      func(uintptr) uintptr
		constInt       func(uintptr, uint64, int32) uintptr
		sext           func(uintptr) int64
		zext           func(uintptr) uint64
		moduleCreate   func(string, uintptr) uintptr
		disposeModule  func(uintptr)
		functionType   func(uintptr, *uintptr, uint32, int32) uintptr
		addFunction    func(uintptr, string, uintptr) uintptr
		valueName      func(uintptr, *uintptr) unsafe.Pointer
		kindForName    func(string, uintptr) uint32
		countParams    func(uintptr) uint32
	)
	for _, b := range []struct {
		f    any
		name string
	}{
		{&contextCreate, "LLVMContextCreate"}, {&contextDispose, "LLVMContextDispose"},
		{&int64Type, "LLVMInt64TypeInContext"}, {&constInt, "LLVMConstInt"},
		{&sext, "LLVMConstIntGetSExtValue"}, {&zext, "LLVMConstIntGetZExtValue"},
		{&moduleCreate, "LLVMModuleCreateWithNameInContext"}, {&disposeModule, "LLVMDisposeModule"},
		{&functionType, "LLVMFunctionType"}, {&addFunction, "LLVMAddFunction"},
		{&valueName, "LLVMGetValueName2"}, {&kindForName, "LLVMGetEnumAttributeKindForName"},
		{&countParams, "LLVMCountParams"},
	} {
		bindLLVM(b.f, api.lib, b.name)
	}
	ctx := contextCreate()
	defer contextDispose(ctx)
	i64 := int64Type(ctx)
	if v := sext(constInt(i64, uint64(1<<63|5), 0)); v != -(1<<63)+5 {
		t.Errorf("64-bit constant: %d", v)
	}
	if v := zext(constInt(i64, ^uint64(0), 1)); v != ^uint64(0) {
		t.Errorf("all ones: %#x", v)
	}
	mod := moduleCreate("m", ctx)
	defer disposeModule(mod)
	params := []uintptr{i64, i64, i64}
	fnTy := functionType(i64, &params[0], uint32(len(params)), 0)
	for _, name := range []string{"kernel_name", ""} {
		fn := addFunction(mod, name, fnTy)
		var n uintptr
		p := valueName(fn, &n)
		if got := unsafe.String((*byte)(p), n); got != name {
			t.Errorf("name %q read back as %q", name, got)
		}
		if c := countParams(fn); c != 3 {
			t.Errorf("%d parameters, want 3", c)
		}
	}
	if k := kindForName("noinline", uintptr(len("noinline"))); k == 0 {
		t.Errorf("noinline: no attribute kind")
	}
	if k := kindForName("no such attribute", uintptr(len("no such attribute"))); k != 0 {
		t.Errorf("an unknown attribute has kind %d", k)
	}
}
