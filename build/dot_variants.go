package build

import (
	"fmt"
	"strings"
)

// The packed 8-bit dot products on VNNI (build/lib/dot_simd.c): where the
// CPU has vpdpbusd, dot.cl's packed builtins call dot_simd.c's scalar
// functions, and the library holds vector variants of them (16, 8 and 4
// lanes, as the CPU allows). dotVariants tells LLVM's loop vectorizer about
// them: each call gets the vector-function ABI attribute that names its
// variants, whose declarations are kept to code generation through
// llvm.compiler.used (code generation links them from the library). The
// calls lose the convergent attribute OpenCL C gives every call: they are
// arithmetic.

// callsVectorVariants reports whether a module that declares needed may
// call vector variants: LLVM's optimization pipeline has no inliner after
// its vectorizer, so such a module is optimized to bitcode, its variants
// (always_inline) are inlined by finishOptimized (stage_codegen.go), and code is generated
// from that (generateCode). Inlined, a variant is a few instructions on
// registers; called, every vector value live across the call goes to the
// stack and back (no zmm register is callee-saved), which cost what VNNI
// saves (110 GIOPS called, 300 inlined, on an int8 loop in L2).
func callsVectorVariants(needed []string) bool {
	for _, n := range needed {
		if strings.HasPrefix(n, "__gocl_dot_") && strings.Contains(n, "_v") {
			return true
		}
	}
	return false
}

// dotFunctions are dot_simd.c's scalar functions.
var dotFunctions = []string{"__gocl_dot_ss", "__gocl_dot_uu", "__gocl_dot_us", "__gocl_dot_su"}

// dotWidths are the vector variants' widths, widest first.
var dotWidths = []int{16, 8, 4}

func (m *module) dotVariants() error {
	lib, err := openLibrary()
	if err != nil {
		return nil
	}
	var decls, kept []string
	type calls struct {
		fn      uintptr
		variant string
	}
	var todo []calls
	for _, name := range dotFunctions {
		f := m.api.GetNamedFunction(m.mod, name)
		if f == 0 {
			continue
		}
		var names []string
		for _, w := range dotWidths {
			v := fmt.Sprintf("%s_v%d", name, w)
			if !lib.defines(v) {
				continue
			}
			names = append(names, fmt.Sprintf("_ZGV_LLVM_N%dvv_%s(%s)", w, name, v))
			decls = append(decls, fmt.Sprintf("declare <%[1]d x i32> @%[2]s(<%[1]d x i32>, <%[1]d x i32>)", w, v))
			kept = append(kept, "ptr @"+v)
		}
		if len(names) > 0 {
			todo = append(todo, calls{f, strings.Join(names, ",")})
		}
	}
	if len(todo) == 0 {
		return nil
	}
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return err
	}
	ir := strings.Join(decls, "\n") + fmt.Sprintf("\n@llvm.compiler.used = appending global [%d x ptr] [%s], section \"llvm.metadata\"\n",
		len(kept), strings.Join(kept, ", "))
	if err := m.linkIRText(a, ir); err != nil {
		return fmt.Errorf("dot product variants: %v", err)
	}
	const functionIndex = ^uint32(0) // LLVMAttributeFunctionIndex
	const key = "vector-function-abi-variant"
	convergent := m.api.EnumAttributeKindByName("convergent", uintptr(len("convergent")))
	for _, c := range todo {
		m.api.RemoveEnumAttribute(c.fn, functionIndex, convergent)
		for u := m.api.GetFirstUse(c.fn); u != 0; u = m.api.GetNextUse(u) {
			call := m.api.GetUser(u)
			if m.api.IsACallInst(call) == 0 || m.api.GetCalledValue(call) != c.fn {
				continue
			}
			m.api.RemoveCallSiteEnumAttr(call, functionIndex, convergent)
			a.AddCallSiteAttribute(call, functionIndex, a.CreateStringAttribute(m.ctx, key, uint32(len(key)), c.variant, uint32(len(c.variant))))
		}
	}
	return nil
}
