package build

import (
	"fmt"
	"sync"
)

// Integer division that cannot trap. OpenCL C leaves x / 0, x % 0 and
// INT_MIN / -1 undefined, but they raise no exception on a device; on
// x86-64 the division instructions trap (SIGFPE), which would kill the
// application. So every sdiv, udiv, srem and urem of the linked program
// whose divisor is not a constant known to be safe divides by
// select(d == 0, 1, d) instead, and for signed ones also by 1 where d is -1:
// x / -1 becomes 0 - x (wrapping, so INT_MIN / -1 is INT_MIN) and x % -1
// is x % 1, that is 0. Vectors are handled element by element. The selects
// cost a compare each and vectorize; a divisor that optimization turns into
// a constant folds them away.

type safeDivAPI struct {
	GetInstructionOpcode func(in uintptr) int32
	GetTypeKind          func(ty uintptr) int32
	GetVectorSize        func(ty uintptr) uint32
	GetElementType       func(ty uintptr) uintptr
	ConstNull            func(ty uintptr) uintptr
	ConstAllOnes         func(ty uintptr) uintptr
	ConstInt             func(ty uintptr, v uint64, signExt int32) uintptr
	ConstVector          func(vals *uintptr, n uint32) uintptr
	ConstIntGetSExtValue func(v uintptr) int64
	GetAggregateElement  func(c uintptr, i uint32) uintptr
	IsConstant           func(v uintptr) int32
	GetOperand           func(v uintptr, i uint32) uintptr
	SetOperand           func(v uintptr, i uint32, val uintptr)
	ReplaceAllUsesWith   func(old, new uintptr)
	CreateBuilder        func(ctx uintptr) uintptr
	DisposeBuilder       func(b uintptr)
	PositionBefore       func(b, in uintptr)
	BuildICmp            func(b uintptr, pred int32, l, r uintptr, name string) uintptr
	BuildOr              func(b, l, r uintptr, name string) uintptr
	BuildSub             func(b, l, r uintptr, name string) uintptr
	BuildSelect          func(b, c, t, f uintptr, name string) uintptr
	GetNextInstruction   func(in uintptr) uintptr
	GetFirstBasicBlock   func(fn uintptr) uintptr
	GetNextBasicBlock    func(bb uintptr) uintptr
	GetFirstInstruction  func(bb uintptr) uintptr
}

var (
	safeDivOnce sync.Once
	safeDiv     *safeDivAPI
	safeDivErr  error
)

func loadSafeDivAPI(lib uintptr) (*safeDivAPI, error) {
	safeDivOnce.Do(func() {
		a := &safeDivAPI{}
		defer func() {
			if r := recover(); r != nil {
				safeDivErr = fmt.Errorf("libLLVM lacks a function the division guard needs: %v", r)
				safeDiv = nil
			}
		}()
		reg := func(fptr any, name string) { bindLLVM(fptr, lib, name) }
		reg(&a.GetInstructionOpcode, "LLVMGetInstructionOpcode")
		reg(&a.GetTypeKind, "LLVMGetTypeKind")
		reg(&a.GetVectorSize, "LLVMGetVectorSize")
		reg(&a.GetElementType, "LLVMGetElementType")
		reg(&a.ConstNull, "LLVMConstNull")
		reg(&a.ConstAllOnes, "LLVMConstAllOnes")
		reg(&a.ConstInt, "LLVMConstInt")
		reg(&a.ConstVector, "LLVMConstVector")
		reg(&a.ConstIntGetSExtValue, "LLVMConstIntGetSExtValue")
		reg(&a.GetAggregateElement, "LLVMGetAggregateElement")
		reg(&a.IsConstant, "LLVMIsConstant")
		reg(&a.GetOperand, "LLVMGetOperand")
		reg(&a.SetOperand, "LLVMSetOperand")
		reg(&a.ReplaceAllUsesWith, "LLVMReplaceAllUsesWith")
		reg(&a.CreateBuilder, "LLVMCreateBuilderInContext")
		reg(&a.DisposeBuilder, "LLVMDisposeBuilder")
		reg(&a.PositionBefore, "LLVMPositionBuilderBefore")
		reg(&a.BuildICmp, "LLVMBuildICmp")
		reg(&a.BuildOr, "LLVMBuildOr")
		reg(&a.BuildSub, "LLVMBuildSub")
		reg(&a.BuildSelect, "LLVMBuildSelect")
		reg(&a.GetNextInstruction, "LLVMGetNextInstruction")
		reg(&a.GetFirstBasicBlock, "LLVMGetFirstBasicBlock")
		reg(&a.GetNextBasicBlock, "LLVMGetNextBasicBlock")
		reg(&a.GetFirstInstruction, "LLVMGetFirstInstruction")
		safeDiv = a
	})
	return safeDiv, safeDivErr
}

// LLVMOpcode, LLVMTypeKind and LLVMIntPredicate values (llvm-c/Core.h).
const (
	opUDiv          = 14
	opSDiv          = 15
	opURem          = 17
	opSRem          = 18
	typeKindVector  = 13
	typeKindPointer = 12
	typeKindHalf    = 1
	llvmIntEQ       = 32
)

// guardDivisions rewrites the module's integer divisions and remainders so
// that none can trap (see above). A libLLVM without the functions it needs
// (older than any gocl supports) leaves the module as it is.
func (m *module) guardDivisions() {
	a, err := loadSafeDivAPI(m.api.lib)
	if err != nil {
		return
	}
	var divs []uintptr
	for _, fn := range m.functions() {
		for bb := a.GetFirstBasicBlock(fn); bb != 0; bb = a.GetNextBasicBlock(bb) {
			for in := a.GetFirstInstruction(bb); in != 0; in = a.GetNextInstruction(in) {
				switch op := a.GetInstructionOpcode(in); op {
				case opUDiv, opURem, opSDiv, opSRem:
					if !m.safeDivisor(a, a.GetOperand(in, 1), op == opSDiv || op == opSRem) {
						divs = append(divs, in)
					}
				}
			}
		}
	}
	if len(divs) == 0 {
		return
	}
	b := a.CreateBuilder(m.ctx)
	defer a.DisposeBuilder(b)
	for _, in := range divs {
		op := a.GetInstructionOpcode(in)
		x, d := a.GetOperand(in, 0), a.GetOperand(in, 1)
		ty := m.api.TypeOf(d)
		zero, one := a.ConstNull(ty), m.constOne(a, ty)
		a.PositionBefore(b, in)
		bad := a.BuildICmp(b, llvmIntEQ, d, zero, "gocl.d0")
		var m1 uintptr
		if op == opSDiv || op == opSRem {
			m1 = a.BuildICmp(b, llvmIntEQ, d, a.ConstAllOnes(ty), "gocl.dm1")
			bad = a.BuildOr(b, bad, m1, "gocl.dbad")
		}
		a.SetOperand(in, 1, a.BuildSelect(b, bad, one, d, "gocl.d"))
		if op != opSDiv {
			continue // x % 1 is 0, as x % -1 is
		}
		// x / -1 is 0 - x.
		a.PositionBefore(b, a.GetNextInstruction(in))
		neg := a.BuildSub(b, zero, x, "gocl.neg")
		q := a.BuildSelect(b, m1, neg, in, "gocl.q")
		a.ReplaceAllUsesWith(in, q)
		a.SetOperand(q, 2, in) // q's own operand was replaced too
	}
}

// safeDivisor reports whether divisor d is a constant that cannot trap: a
// non-zero integer, and not -1 for a signed division (every element of a
// constant vector).
func (m *module) safeDivisor(a *safeDivAPI, d uintptr, signed bool) bool {
	if a.IsConstant(d) == 0 {
		return false
	}
	ty := m.api.TypeOf(d)
	if a.GetTypeKind(ty) == typeKindVector {
		n := a.GetVectorSize(ty)
		for i := uint32(0); i < n; i++ {
			e := a.GetAggregateElement(d, i)
			if e == 0 || !m.safeScalar(a, e, signed) {
				return false
			}
		}
		return true
	}
	return m.safeScalar(a, d, signed)
}

func (m *module) safeScalar(a *safeDivAPI, c uintptr, signed bool) bool {
	if m.api.IsAConstantInt(c) == 0 {
		return false // undef, poison, an expression …
	}
	v := a.ConstIntGetSExtValue(c)
	return v != 0 && !(signed && v == -1)
}

// constOne is 1 of integer type ty, or a vector of ones.
func (m *module) constOne(a *safeDivAPI, ty uintptr) uintptr {
	if a.GetTypeKind(ty) != typeKindVector {
		return a.ConstInt(ty, 1, 0)
	}
	n := a.GetVectorSize(ty)
	one := a.ConstInt(a.GetElementType(ty), 1, 0)
	ones := make([]uintptr, n)
	for i := range ones {
		ones[i] = one
	}
	return a.ConstVector(&ones[0], n)
}
