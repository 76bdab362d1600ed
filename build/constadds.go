package build

import (
	"fmt"
	"sync"
	"unsafe"

	"gocl/device"
)

// Constants added to 512-bit integer vectors are kept in registers, out of
// sight of instruction selection. LLVM's DAG combiner moves a constant to
// the outermost addition of a chain ((a + K) + f becomes (a + f) + K), and
// for 512-bit vectors nothing moves it back (the machine combiner does for
// 256-bit ones). In a hash round such as MD5's, a = rotl(a + K + x +
// f(b, c, d), s) + b, the new value then waits for f through two additions
// instead of one: five cycles a step instead of four, and hashcat's MD5
// kernel (one uint16 chain per work-item, latency bound) ran at 0.77× PoCL
// 3.1, whose LLVM 15 emits the short form. An empty inline assembly
// statement that returns its operand makes the constant a value like any
// other: it is hoisted out of loops, and the order the IR has (the
// reassociate pass adds the oldest values first) reaches the code.

type constAddAPI struct {
	GetInlineAsm func(fnty uintptr, asm unsafe.Pointer, asmLen uintptr, constraints unsafe.Pointer, constraintsLen uintptr,
		sideEffects, alignStack, dialect, canThrow int32) uintptr
	IsAConstant func(v uintptr) uintptr
	GetParam    func(fn uintptr, i uint32) uintptr
	IsAFunction func(v uintptr) uintptr
}

var (
	constAddOnce sync.Once
	constAdd     *constAddAPI
	constAddErr  error
)

func loadConstAddAPI(lib uintptr) (*constAddAPI, error) {
	constAddOnce.Do(func() {
		a := &constAddAPI{}
		defer func() {
			if r := recover(); r != nil {
				constAddErr = fmt.Errorf("libLLVM lacks a function: %v", r)
				constAdd = nil
			}
		}()
		reg := func(fptr any, name string) { bindLLVM(fptr, lib, name) }
		reg(&a.GetInlineAsm, "LLVMGetInlineAsm")
		reg(&a.IsAConstant, "LLVMIsAConstant")
		reg(&a.GetParam, "LLVMGetParam")
		reg(&a.IsAFunction, "LLVMIsAFunction")
		constAdd = a
	})
	return constAdd, constAddErr
}

const typeKindInteger = 8 // LLVMIntegerTypeKind

// It is done on the optimized module, just before instruction selection
// (stage_codegen.go): before optimization, a constant such as hashcat's
// x + K, where the password word x is a zero of a private array, is not a
// constant yet (that needs SROA and inlining), and an opaque constant
// would keep the optimizer from folding what it should.

// wideIntegerVector reports whether ty is a 512-bit vector of integers.
func wideIntegerVector(a *wgAPI, ty uintptr) bool {
	if a.GetTypeKind(ty) != typeKindVector {
		return false
	}
	el := a.GetElementType(ty)
	return a.GetTypeKind(el) == typeKindInteger && a.GetVectorSize(ty)*a.GetIntTypeWidth(el) == 512
}

// addsWideVectors reports whether the module adds 512-bit integer vectors
// on a CPU whose vectors are that wide: its code generation then goes
// through opaqueVectorConstants.
func (m *module) addsWideVectors() bool {
	if _, dev := device.Root(); dev == nil || dev.FloatVectorBits() < 512 {
		return false
	}
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return false
	}
	for _, fn := range m.functions() {
		for _, in := range m.instructions(fn) {
			if a.GetInstructionOpcode(in) == opAdd && wideIntegerVector(a, m.api.TypeOf(in)) {
				return true
			}
		}
	}
	return false
}

// opaqueVectorConstants gives every addition of a constant to a 512-bit
// integer vector its constant through an empty inline assembly statement
// (see above); likewise a constant that a call passes to a callee that
// adds it.
func (m *module) opaqueVectorConstants() {
	ca, err := loadConstAddAPI(m.api.lib)
	if err != nil {
		return
	}
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return
	}
	wide := func(ty uintptr) bool { return wideIntegerVector(a, ty) }
	constant := func(v uintptr) bool { return ca.IsAConstant(v) != 0 && wide(m.api.TypeOf(v)) }
	// added: some user of v is an addition.
	added := func(v uintptr) bool {
		for u := m.api.GetFirstUse(v); u != 0; u = m.api.GetNextUse(u) {
			if a.GetInstructionOpcode(m.api.GetUser(u)) == opAdd {
				return true
			}
		}
		return false
	}
	// The operands to replace: the constant of an addition, and a constant
	// argument of a call whose callee adds it (hashcat's hc_add3(a, K, f),
	// inlined only at code generation).
	type operand struct {
		in uintptr
		i  uint32
	}
	var uses []operand
	for _, fn := range m.functions() {
		for _, in := range m.instructions(fn) {
			switch {
			case a.GetInstructionOpcode(in) == opAdd && wide(m.api.TypeOf(in)) && constant(a.GetOperand(in, 1)):
				uses = append(uses, operand{in, 1})
			case m.api.IsACallInst(in) != 0:
				callee := m.api.GetCalledValue(in)
				if ca.IsAFunction(callee) == 0 || m.api.IsDeclaration(callee) != 0 {
					continue
				}
				for i := uint32(0); i+1 < uint32(a.GetNumOperands(in)); i++ {
					if constant(a.GetOperand(in, i)) && added(ca.GetParam(callee, i)) {
						uses = append(uses, operand{in, i})
					}
				}
			}
		}
	}
	if len(uses) == 0 {
		return
	}
	b := a.CreateBuilder(m.ctx)
	defer a.DisposeBuilder(b)
	for _, use := range uses {
		a.PositionBefore(b, use.in)
		a.SetOperand(use.in, use.i, m.opaqueCopy(a, ca, b, a.GetOperand(use.in, use.i), "=v,0", "gocl.k"))
	}
}

// opaqueCopy builds, at builder b, an empty inline assembly statement that
// returns v (in a register of the kind constraint names: "=v,0" a vector
// one, "=r,0" a general one): a value the optimizers cannot see through,
// which costs no instruction.
func (m *module) opaqueCopy(a *wgAPI, ca *constAddAPI, b, v uintptr, constraint, name string) uintptr {
	ty := m.api.TypeOf(v)
	fnty := a.FunctionType(ty, &ty, 1, 0)
	asm := ""
	opaque := ca.GetInlineAsm(fnty, unsafe.Pointer(unsafe.StringData(asm)), 0,
		unsafe.Pointer(unsafe.StringData(constraint)), uintptr(len(constraint)), 0, 0, 0, 0)
	call := a.BuildCall2(b, fnty, opaque, &v, 1, name)
	memory := m.api.EnumAttributeKindByName("memory", uintptr(len("memory")))
	nounwind := m.api.EnumAttributeKindByName("nounwind", uintptr(len("nounwind")))
	a.AddCallSiteAttribute(call, functionIndex, a.CreateEnumAttribute(m.ctx, memory, 0)) // memory(none)
	a.AddCallSiteAttribute(call, functionIndex, a.CreateEnumAttribute(m.ctx, nounwind, 0))
	return call
}
