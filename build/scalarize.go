package build

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/ebitengine/purego"

	"gocl/device"
)

// Vector values split into their elements, before work-item loops are made.
//
// LLVM's loop vectorizer widens scalar instructions only: one value of a
// vector type in a loop ("instruction return type cannot be vectorized")
// leaves the whole work-item loop scalar, so a kernel written with float4
// ran four lanes of sixteen. A kernel whose vector values can all be split
// into their elements is therefore rewritten element by element before its
// work-item loops are made, and the loop vectorizer then maps work-items
// to lanes as it does for scalar kernels: a float4 kernel becomes four
// independent lanes-wide chains (more parallelism to hide latency, not
// less), and a float4 load of work-item i becomes an interleaved group the
// vectorizer loads with shuffles.
//
// Two steps: calls of builtins that work element by element (mad, fmax,
// clamp, convert_float4, ...) become one call of the scalar builtin per
// element, since the builtin library is linked only at code generation and
// LLVM's scalarizer knows only intrinsics; then LLVM's scalarizer pass
// splits arithmetic, comparisons, selects, phis, shuffles, loads and stores.
// A kernel in which some vector value would stay whole (a call of dot or
// vload4, a vector bitcast to another element count) is left as it is: a
// half-split kernel pays for packing and unpacking and still is not
// vectorized.

// elementwiseBuiltins are the OpenCL C builtins whose vector forms apply
// the scalar form to each element (the relational functions and select are
// not: their vector forms answer -1 for true and test the sign bit).
var elementwiseBuiltins = func() map[string]bool {
	set := map[string]bool{}
	for _, n := range strings.Fields(`
		acos acosh acospi asin asinh asinpi atan atan2 atanh atanpi atan2pi cbrt ceil copysign
		cos cosh cospi erfc erf exp exp2 exp10 expm1 fabs fdim floor fma fmax fmin fmod hypot
		ilogb ldexp lgamma log log2 log10 log1p logb mad maxmag minmag nan nextafter pow pown
		powr remainder rint rootn round rsqrt sin sinh sinpi sqrt tan tanh tanpi tgamma trunc
		clamp degrees max min mix radians step smoothstep sign
		abs abs_diff add_sat hadd rhadd clz ctz mad_hi mad_sat mul_hi rotate sub_sat popcount
		mad24 mul24 upsample bitselect`) {
		set[n] = true
	}
	for _, n := range strings.Fields("cos divide exp exp2 exp10 log log2 log10 powr recip rsqrt sin sqrt tan") {
		set["half_"+n], set["native_"+n] = true, true
	}
	return set
}()

// vectorConversion is convert_<type><n>[_sat][_<rounding>]: its scalar form
// drops the width.
var vectorConversion = regexp.MustCompile(`^(convert_[a-z]+)(2|3|4|8|16)((_sat)?(_rt[enpz])?)$`)

// builtinForm is a call of an element-by-element builtin on vectors, as
// its mangled name tells it.
type builtinForm struct {
	base   string   // the builtin's name (the width dropped from conversions')
	scalar string   // the mangled name of its scalar form
	width  int      // the vectors' width
	elems  []string // each parameter's (element) type code
	vector []bool   // which parameters are vectors
}

// scalarBuiltin reads the mangled name of a call of an element-by-element
// builtin on vectors (Itanium mangling, as clang gives OpenCL's overloads:
// _Z3madDv4_fS_S_ is mad(float4, float4, float4), whose scalar form is
// _Z3madfff); ok is false for any other function.
func scalarBuiltin(mangled string) (f builtinForm, ok bool) {
	rest, found := strings.CutPrefix(mangled, "_Z")
	if !found {
		return f, false
	}
	digits := 0
	for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
		digits++
	}
	n, err := strconv.Atoi(rest[:digits])
	if err != nil || digits+n > len(rest) {
		return f, false
	}
	base, params := rest[digits:digits+n], rest[digits+n:]
	if m := vectorConversion.FindStringSubmatch(base); m != nil {
		base = m[1] + m[3]
	} else if !elementwiseBuiltins[base] {
		return f, false
	}
	f.base = base
	var vectors []string // substitution candidates: the vector types, in order
	for params != "" {
		switch {
		case strings.HasPrefix(params, "Dv"):
			end := strings.IndexByte(params, '_')
			if end < 0 {
				return f, false
			}
			w, err := strconv.Atoi(params[2:end])
			if err != nil || (f.width != 0 && w != f.width) {
				return f, false
			}
			f.width = w
			elem, size := scalarTypeCode(params[end+1:])
			if size == 0 {
				return f, false
			}
			vectors = append(vectors, params[:end+1+size])
			f.elems, f.vector = append(f.elems, elem), append(f.vector, true)
			params = params[end+1+size:]
		case strings.HasPrefix(params, "S"):
			end := strings.IndexByte(params, '_')
			if end < 0 {
				return f, false
			}
			k := 0
			if end > 1 {
				v, err := strconv.ParseUint(params[1:end], 36, 8)
				if err != nil {
					return f, false
				}
				k = int(v) + 1
			}
			if k >= len(vectors) {
				return f, false
			}
			elem, _ := scalarTypeCode(vectors[k][strings.IndexByte(vectors[k], '_')+1:])
			f.elems, f.vector = append(f.elems, elem), append(f.vector, true)
			params = params[end+1:]
		default:
			elem, size := scalarTypeCode(params)
			if size == 0 {
				return f, false
			}
			f.elems, f.vector = append(f.elems, elem), append(f.vector, false)
			params = params[size:]
		}
	}
	if f.width == 0 {
		return f, false
	}
	f.scalar = "_Z" + strconv.Itoa(len(base)) + base + strings.Join(f.elems, "")
	return f, true
}

// scalarTypeCode reads the mangled code of a scalar arithmetic type at the
// start of s; size 0 if there is none.
func scalarTypeCode(s string) (code string, size int) {
	if strings.HasPrefix(s, "Dh") {
		return "Dh", 2
	}
	if s != "" && strings.IndexByte("cahstijlmfd", s[0]) >= 0 {
		return s[:1], 1
	}
	return "", 0
}

// libraryDefines reports whether the builtin library defines a function
// (false when it is unavailable: nothing is split then), loading the parts
// that may. The library is found once per module (finding it touches its
// directory).
func (m *module) libraryDefines(name string) bool {
	if !m.libRead {
		m.lib, _ = openLibrary()
		m.libRead = true
	}
	return m.lib != nil && m.lib.defines(name)
}

// splittableIntrinsics are the intrinsics the scalarizer splits (those
// LLVM calls trivially vectorizable) that OpenCL kernels meet at this stage.
var splittableIntrinsics = func() map[string]bool {
	set := map[string]bool{}
	for _, n := range strings.Fields(`fmuladd fma fabs sqrt minnum maxnum minimum maximum copysign
		floor ceil trunc rint nearbyint round roundeven exp exp2 log log2 log10 sin cos pow powi
		smin smax umin umax abs ctpop ctlz cttz fshl fshr bitreverse bswap
		sadd.sat uadd.sat ssub.sat usub.sat`) {
		set["llvm."+n] = true
	}
	return set
}()

// intrinsicBase is an intrinsic's name without its type suffixes
// (llvm.fmuladd.v4f32 → llvm.fmuladd).
func intrinsicBase(name string) string {
	parts := strings.Split(name, ".")
	for i := len(parts) - 1; i > 1; i-- {
		p := parts[i]
		if p == "" || !(p[0] == 'v' || p[0] == 'f' || p[0] == 'i') || !strings.ContainsAny(p[1:2], "0123456789") {
			break
		}
		parts = parts[:i]
	}
	return strings.Join(parts, ".")
}

// An elementwise call is a call of an element-by-element builtin on
// vectors, with what splitting it needs. The x86-64 calling convention
// passes and returns 64-bit and smaller vectors as scalars (a float2 as a
// double), and such values flow from call to call and through phis as
// scalars: an argument that is not a vector is bitcast to the vector it
// stands for, and so is the result back.
type elementwiseCall struct {
	scalar string    // the scalar builtin
	width  int       // the vectors' width
	args   []uintptr // the arguments
	vecTys []uintptr // the vector type of each argument (0: a scalar parameter)
	ret    uintptr   // the vector type of the result
}

// resultElement is the mangled code of the element type of f's result,
// where the calling convention hides the result's vector type: that of the
// first argument (LLVM's types do not tell signedness), but for
// conversions, ilogb, nan and upsample.
func resultElement(f builtinForm) string {
	switch {
	case strings.HasPrefix(f.base, "convert_"):
		to, _, _ := strings.Cut(strings.TrimPrefix(f.base, "convert_"), "_")
		return conversionTargets[to]
	case f.base == "ilogb":
		return "i"
	case f.base == "nan":
		return map[string]string{"t": "Dh", "j": "f", "m": "d"}[f.elems[0]]
	case f.base == "upsample":
		return map[string]string{"c": "s", "h": "t", "s": "i", "t": "j", "i": "l", "j": "m"}[f.elems[0]]
	}
	return f.elems[0]
}

var conversionTargets = map[string]string{"char": "c", "uchar": "h", "short": "s", "ushort": "t", "int": "i",
	"uint": "j", "long": "l", "ulong": "m", "half": "Dh", "float": "f", "double": "d"}

// elementwise reads call as an elementwise call; ok is false if it is not
// one the builtin library's scalar form can replace.
func (m *module) elementwise(a *wgAPI, call uintptr) (c elementwiseCall, ok bool) {
	f, ok := scalarBuiltin(m.name(m.api.GetCalledValue(call)))
	if !ok || !m.libraryDefines(f.scalar) {
		return c, false
	}
	isVecOfWidth := func(ty uintptr) bool {
		return a.GetTypeKind(ty) == typeKindVector && int(a.GetVectorSize(ty)) == f.width
	}
	c = elementwiseCall{scalar: f.scalar, width: f.width}
	nargs := int(a.GetNumOperands(call) - 1) // the callee is the last operand
	if nargs != len(f.elems) {
		return c, false
	}
	for i := 0; i < nargs; i++ {
		arg := a.GetOperand(call, uint32(i))
		var vecTy uintptr
		if f.vector[i] {
			if vecTy = a.TypeOf(arg); !isVecOfWidth(vecTy) {
				elem := m.elementType(a, f.elems[i])
				if elem == 0 || scalarBits(a, a.TypeOf(arg)) != f.width*scalarBits(a, elem) {
					return c, false
				}
				vecTy = a.VectorType(elem, uint32(f.width))
			}
		}
		c.args, c.vecTys = append(c.args, arg), append(c.vecTys, vecTy)
	}
	if c.ret = a.TypeOf(call); isVecOfWidth(c.ret) {
		return c, true
	}
	elem := m.elementType(a, resultElement(f))
	if elem == 0 || scalarBits(a, c.ret) != f.width*scalarBits(a, elem) {
		return c, false
	}
	c.ret = a.VectorType(elem, uint32(f.width))
	return c, true
}

// scalarBits is the size of a half, float, double or integer type, the
// scalars a vector is coerced to (0 for any other type).
func scalarBits(a *wgAPI, ty uintptr) int {
	switch a.GetTypeKind(ty) { // LLVMTypeKind
	case 1:
		return 16
	case 2:
		return 32
	case 3:
		return 64
	case 8:
		return int(a.GetIntTypeWidth(ty))
	}
	return 0
}

// elementType is the LLVM type of a mangled scalar type code.
func (m *module) elementType(a *wgAPI, code string) uintptr {
	switch code {
	case "f":
		return a.FloatTypeInContext(m.ctx)
	case "d":
		return a.DoubleTypeInContext(m.ctx)
	case "Dh":
		return a.HalfTypeInContext(m.ctx)
	case "c", "a", "h":
		return a.IntTypeInContext(m.ctx, 8)
	case "s", "t":
		return a.IntTypeInContext(m.ctx, 16)
	case "i", "j":
		return a.IntTypeInContext(m.ctx, 32)
	case "l", "m":
		return a.IntTypeInContext(m.ctx, 64)
	}
	return 0
}

// A vector memory call is vloadN or vstoreN, or vload_halfN or
// vstore_halfN (rounding to nearest even): N loads or stores of elements at
// p + offset*N, which split into N loads or stores of the elements (and
// for the half forms, a conversion of each between half and the value's
// type).
type vectorMemoryCall struct {
	load  bool
	width int
	elem  uintptr // the element type in memory
	half  bool    // vload_halfN, vstore_halfN: elem is half, the value's elements float (or double)
	data  uintptr // vstoreN: the vector stored (as the call has it)
	off   uintptr // the offset, in vectors
	ptr   uintptr // the pointer to elements
}

var (
	vectorMemoryName = regexp.MustCompile(`^_Z[0-9]+v(load|store)(2|3|4|8|16)[A-Za-z0-9_]*?(Dh|[cahstijlmfd])$`)
	// vload_halfN(size_t, const half *), vstore_halfN[_rte](floatN or doubleN, size_t, half *)
	vectorHalfName = regexp.MustCompile(`^_Z[0-9]+v(load|store)_half(2|3|4|8|16)(_rte)?(Dv[0-9]+_[fd])?mP[A-Za-z0-9_]*Dh$`)
)

// vectorMemory reads call as a vector memory call.
func (m *module) vectorMemory(a *wgAPI, call uintptr) (vm vectorMemoryCall, ok bool) {
	name := m.name(m.api.GetCalledValue(call))
	match := vectorMemoryName.FindStringSubmatch(name)
	if match == nil {
		if match = vectorHalfName.FindStringSubmatch(name); match == nil {
			return vm, false
		}
		vm.half, match[3] = true, "Dh"
	}
	vm.load = match[1] == "load"
	vm.width, _ = strconv.Atoi(match[2])
	if vm.elem = m.elementType(a, match[3]); vm.elem == 0 {
		return vm, false
	}
	first := 0
	if !vm.load {
		vm.data, first = a.GetOperand(call, 0), 1
	}
	if a.GetNumOperands(call)-1 != int32(first+2) {
		return vm, false
	}
	vm.off, vm.ptr = a.GetOperand(call, uint32(first)), a.GetOperand(call, uint32(first+1))
	bits := vm.width * scalarBits(a, vm.elem)
	v := vm.data
	if vm.load {
		v = call
	}
	ty := a.TypeOf(v)
	if vm.half {
		return vm, a.GetTypeKind(ty) == typeKindVector && int(a.GetVectorSize(ty)) == vm.width // (float2 is coerced: left whole)
	}
	if a.GetTypeKind(ty) == typeKindVector {
		return vm, int(a.GetVectorSize(ty)) == vm.width
	}
	// Coerced (see elementwiseCall): a 3-element vector as its 4-element
	// storage (a uchar3 is an i32).
	return vm, scalarBits(a, ty) == bits || vm.width == 3 && scalarBits(a, ty) == bits/3*4
}

// splitVectorMemory replaces the vector memory call with its element
// loads or stores (each as aligned as an element: all vloadN promises).
func (m *module) splitVectorMemory(a *wgAPI, b, call uintptr, vm vectorMemoryCall) {
	a.PositionBefore(b, call)
	i64 := a.Int64Type(m.ctx)
	vecTy := a.VectorType(vm.elem, uint32(vm.width))
	base := a.BuildMul(b, vm.off, a.ConstInt(i64, uint64(vm.width), 0), "")
	at := func(e int) uintptr {
		idx := a.BuildAdd(b, base, a.ConstInt(i64, uint64(e), 0), "")
		return a.BuildGEP2(b, vm.elem, vm.ptr, &idx, 1, "")
	}
	// A coerced 3-element vector is its 4-element storage, the fourth
	// lane zero (a poison lane would poison the whole integer).
	coerced := func(ty uintptr) bool {
		return !vm.half && a.GetTypeKind(ty) != typeKindVector && scalarBits(a, ty) != vm.width*scalarBits(a, vm.elem)
	}
	if vm.load {
		vec := a.GetPoison(vecTy)
		if vm.half {
			vec = a.GetPoison(a.TypeOf(call))
		}
		if coerced(a.TypeOf(call)) {
			vec = a.BuildInsertElement(b, a.GetPoison(a.VectorType(vm.elem, 4)), a.ConstInt(vm.elem, 0, 0), a.ConstInt(i64, 3, 0), "")
		}
		for e := 0; e < vm.width; e++ {
			x := a.BuildLoad2(b, vm.elem, at(e), "")
			if vm.half {
				x = a.BuildFPExt(b, x, a.GetElementType(a.TypeOf(call)), "")
			}
			vec = a.BuildInsertElement(b, vec, x, a.ConstInt(i64, uint64(e), 0), "")
		}
		if ty := a.TypeOf(call); ty != a.TypeOf(vec) {
			vec = a.BuildBitCast(b, vec, ty, "")
		}
		a.ReplaceAllUsesWith(call, vec)
	} else {
		data := vm.data
		switch {
		case coerced(a.TypeOf(data)):
			data = a.BuildBitCast(b, data, a.VectorType(vm.elem, 4), "")
		case !vm.half && a.TypeOf(data) != vecTy:
			data = a.BuildBitCast(b, data, vecTy, "")
		}
		for e := 0; e < vm.width; e++ {
			x := a.BuildExtractElement(b, data, a.ConstInt(i64, uint64(e), 0), "")
			if vm.half {
				x = a.BuildFPTrunc(b, x, vm.elem, "") // round to nearest even
			}
			a.BuildStore(b, x, at(e))
		}
	}
	a.InstructionErase(call)
}

// splitCall: call is one that splitElementwiseCalls splits.
func (m *module) splitCall(a *wgAPI, call uintptr) (any, bool) {
	if vm, ok := m.vectorMemory(a, call); ok {
		return vm, true
	}
	return m.elementwise(a, call)
}

// splitElementwiseCalls replaces in fn each elementwise call by calls of
// the scalar builtin, one per element, whose results are gathered into the
// vector the call returned (the scalarizer then sees through the
// gathering, and instcombine through the bitcasts of coerced vectors). The
// scalar declarations take the vector one's function attributes
// (memory(none) above all: the uniformity analysis must still see a pure
// call).
func (m *module) splitElementwiseCalls(a *wgAPI, b uintptr, fn uintptr) {
	var calls []uintptr
	for bb := m.api.GetFirstBasicBlock(fn); bb != 0; bb = m.api.GetNextBasicBlock(bb) {
		for in := m.api.GetFirstInstruction(bb); in != 0; in = m.api.GetNextInstruction(in) {
			if m.api.IsACallInst(in) != 0 {
				calls = append(calls, in)
			}
		}
	}
	i64 := a.Int64Type(m.ctx)
	for _, call := range calls {
		if vm, ok := m.vectorMemory(a, call); ok {
			m.splitVectorMemory(a, b, call, vm)
			continue
		}
		if vectorReductions[intrinsicBase(m.name(m.api.GetCalledValue(call)))] {
			m.splitReduction(a, b, call)
			continue
		}
		c, ok := m.elementwise(a, call)
		if !ok {
			continue // (wholeVector has vouched for the calls that stay)
		}
		a.PositionBefore(b, call)
		params := make([]uintptr, len(c.args))
		for i, arg := range c.args {
			params[i] = a.TypeOf(arg)
			if vt := c.vecTys[i]; vt != 0 {
				if params[i] != vt {
					c.args[i] = a.BuildBitCast(b, arg, vt, "")
				}
				params[i] = a.GetElementType(vt)
			}
		}
		fnTy := a.FunctionType(a.GetElementType(c.ret), ptrOrNil(params), uint32(len(params)), 0)
		sfn := m.api.GetNamedFunction(m.mod, c.scalar)
		if sfn == 0 {
			sfn = a.AddFunction(m.mod, c.scalar, fnTy)
			m.copyFunctionAttributes(a, m.api.GetCalledValue(call), sfn)
		}
		vec := a.GetPoison(c.ret)
		for e := 0; e < c.width; e++ {
			idx := a.ConstInt(i64, uint64(e), 0)
			lane := make([]uintptr, len(c.args))
			for i, arg := range c.args {
				lane[i] = arg
				if c.vecTys[i] != 0 {
					lane[i] = a.BuildExtractElement(b, arg, idx, "")
				}
			}
			r := a.BuildCall2(b, fnTy, sfn, ptrOrNil(lane), uint32(len(lane)), "")
			vec = a.BuildInsertElement(b, vec, r, idx, "")
		}
		if ty := a.TypeOf(call); ty != c.ret {
			vec = a.BuildBitCast(b, vec, ty, "")
		}
		a.ReplaceAllUsesWith(call, vec)
		a.InstructionErase(call)
	}
}

// splitMaskTests rewrites the tests of a vector of booleans that
// instcombine makes of any and all (the lanes as the bits of an integer,
// compared with 0 or with all ones) as ors and ands of the lanes, which the
// scalarizer splits: a bitcast of a vector to an integer would keep the
// kernel's vectors whole.
func (m *module) splitMaskTests(a *wgAPI, b, fn uintptr) {
	const opICmpEQ, opICmpNE = 32, 33
	var casts []uintptr
	for _, in := range m.instructions(fn) {
		if a.GetInstructionOpcode(in) != opBitCast {
			continue
		}
		src := a.TypeOf(a.GetOperand(in, 0))
		if a.GetTypeKind(src) == typeKindVector && a.GetTypeKind(a.TypeOf(in)) == typeKindInteger &&
			a.GetIntTypeWidth(a.GetElementType(src)) == 1 && a.GetVectorSize(src) <= 64 {
			casts = append(casts, in)
		}
	}
	for _, cast := range casts {
		n := a.GetVectorSize(a.TypeOf(a.GetOperand(cast, 0)))
		ones := ^uint64(0) >> (64 - n)
		// Every user must be x == 0, x != 0, x == ones or x != ones.
		maskTest := func(user uintptr) bool {
			if a.GetInstructionOpcode(user) != opICmp || a.GetOperand(user, 0) != cast {
				return false // (the opcode first: other users may have one operand)
			}
			c, pred := a.GetOperand(user, 1), a.GetICmpPredicate(user)
			return m.api.IsAConstantInt(c) != 0 && (pred == opICmpEQ || pred == opICmpNE) &&
				(m.api.ConstIntGetZExtValue(c) == 0 || m.api.ConstIntGetZExtValue(c) == ones)
		}
		var users []uintptr
		ok := true
		for u := m.api.GetFirstUse(cast); u != 0 && ok; u = m.api.GetNextUse(u) {
			users = append(users, m.api.GetUser(u))
			ok = maskTest(users[len(users)-1])
		}
		if !ok || len(users) == 0 {
			continue
		}
		a.PositionBefore(b, cast)
		vec, i64 := a.GetOperand(cast, 0), a.Int64Type(m.ctx)
		anySet := a.BuildExtractElement(b, vec, a.ConstInt(i64, 0, 0), "")
		allSet := anySet
		for e := uint32(1); e < n; e++ {
			x := a.BuildExtractElement(b, vec, a.ConstInt(i64, uint64(e), 0), "")
			anySet, allSet = a.BuildOr(b, anySet, x, ""), a.BuildAnd(b, allSet, x, "")
		}
		one := a.ConstInt(a.Int1Type(m.ctx), 1, 0)
		for _, user := range users {
			v := allSet // x == ones
			if m.api.ConstIntGetZExtValue(a.GetOperand(user, 1)) == 0 {
				v = a.BuildXor(b, anySet, one, "") // x == 0
			}
			if a.GetICmpPredicate(user) == opICmpNE {
				v = a.BuildXor(b, v, one, "")
			}
			a.ReplaceAllUsesWith(user, v)
			a.InstructionErase(user)
		}
		a.InstructionErase(cast)
	}
}

// splitShapeCasts rewrites the bitcasts between an integer and a vector of
// integers as wide (as_uchar4(uint), as_uint(uchar4)) as shifts of its
// lanes, which the scalarizer splits (it splits bitcasts between vectors
// only): an integer loaded once and used both whole and as bytes (a packed
// dot product beside a char4 one) kept the kernel's vectors whole. Lane 0
// is the lowest bits (little-endian, as the bitcast is on x86-64).
func (m *module) splitShapeCasts(a *wgAPI, b, fn uintptr) {
	var casts []uintptr
	for _, in := range m.instructions(fn) {
		if a.GetInstructionOpcode(in) != opBitCast {
			continue
		}
		from, to := a.TypeOf(a.GetOperand(in, 0)), a.TypeOf(in)
		vec, scalar := to, from
		if a.GetTypeKind(from) == typeKindVector {
			vec, scalar = from, to
		}
		// (Not the coercions of a vector passed to or returned by a call
		// that splits: the calls are split with their bitcasts.)
		if a.GetTypeKind(vec) == typeKindVector && a.GetTypeKind(scalar) == typeKindInteger &&
			a.GetTypeKind(a.GetElementType(vec)) == typeKindInteger && a.GetVectorSize(vec) > 1 && a.GetIntTypeWidth(scalar) <= 64 &&
			!m.coercion(a, in) {
			casts = append(casts, in)
		}
	}
	for _, cast := range casts {
		x := a.GetOperand(cast, 0)
		a.PositionBefore(b, cast)
		var v uintptr
		if a.GetTypeKind(a.TypeOf(x)) == typeKindVector {
			v = m.joinLanes(a, b, x, a.TypeOf(cast))
		} else {
			v = m.splitLanes(a, b, x, a.TypeOf(cast))
		}
		a.ReplaceAllUsesWith(cast, v)
		a.InstructionErase(cast)
	}
}

// packNarrowAccesses makes each load or store of a vector of 8- or 16-bit
// integers that fits in 64 bits (a uchar4 pixel, a ushort2) one integer
// load or store, whose lanes are shifts of it (splitLanes, joinLanes).
// Split element by element instead, a work-item loop's lanes form an
// interleaved group of bytes, which LLVM 19 on AVX2 gathered a byte at a
// time (a vpinsrb per lane and element: a uchar4 → gray kernel ran at
// 0.7× PoCL 7.1); as one integer per work-item, the vectorized loop loads
// <8 x i32> and shifts. Volatile and atomic accesses stay as they are.
func (m *module) packNarrowAccesses(a *wgAPI, b, fn uintptr) {
	narrow := func(vt uintptr) (uintptr, bool) {
		if a.GetTypeKind(vt) != typeKindVector || a.GetTypeKind(a.GetElementType(vt)) != typeKindInteger {
			return 0, false
		}
		n, bits := a.GetVectorSize(vt), a.GetIntTypeWidth(a.GetElementType(vt))
		if bits > 16 || n&(n-1) != 0 || n*bits > 64 || n < 2 {
			return 0, false
		}
		return a.IntTypeInContext(m.ctx, n*bits), true
	}
	type access struct{ in, it uintptr } // the access, its integer type
	var accesses []access
	for _, in := range m.instructions(fn) {
		var vt uintptr
		switch a.GetInstructionOpcode(in) {
		case opLoad:
			vt = a.TypeOf(in)
		case opStore:
			vt = a.TypeOf(a.GetOperand(in, 0))
		default:
			continue
		}
		if it, ok := narrow(vt); ok && a.GetVolatile(in) == 0 && a.GetOrdering(in) == 0 {
			accesses = append(accesses, access{in, it})
		}
	}
	for _, acc := range accesses {
		in := acc.in
		a.PositionBefore(b, in)
		var w uintptr
		if a.GetInstructionOpcode(in) == opLoad {
			w = a.BuildLoad2(b, acc.it, a.GetOperand(in, 0), "")
			a.ReplaceAllUsesWith(in, m.splitLanes(a, b, w, a.TypeOf(in)))
		} else {
			w = a.BuildStore(b, m.joinLanes(a, b, a.GetOperand(in, 0), acc.it), a.GetOperand(in, 1))
		}
		a.SetAlignment(w, a.GetAlignment(in))
		a.InstructionErase(in)
	}
}

// joinLanes is the integer of type ty whose bits are vector x's lanes, lane
// 0 lowest. The lanes are frozen: a poison lane (a char3's fourth) must not
// make the whole integer poison.
func (m *module) joinLanes(a *wgAPI, b, x, ty uintptr) uintptr {
	i64 := a.Int64Type(m.ctx)
	bits := uint64(a.GetIntTypeWidth(a.GetElementType(a.TypeOf(x))))
	var v uintptr
	for e := uint32(0); e < a.GetVectorSize(a.TypeOf(x)); e++ {
		lane := a.BuildZExt(b, a.BuildFreeze(b, a.BuildExtractElement(b, x, a.ConstInt(i64, uint64(e), 0), ""), ""), ty, "")
		if e == 0 {
			v = lane
			continue
		}
		v = a.BuildOr(b, v, a.BuildShl(b, lane, a.ConstInt(ty, uint64(e)*bits, 0), ""), "")
	}
	return v
}

// splitLanes is the vector of type vt whose lanes are integer x's bits,
// lane 0 lowest.
func (m *module) splitLanes(a *wgAPI, b, x, vt uintptr) uintptr {
	i64, el := a.Int64Type(m.ctx), a.GetElementType(vt)
	bits := uint64(a.GetIntTypeWidth(el))
	v := a.GetPoison(vt)
	for e := uint32(0); e < a.GetVectorSize(vt); e++ {
		lane := x
		if e > 0 {
			lane = a.BuildLShr(b, x, a.ConstInt(a.TypeOf(x), uint64(e)*bits, 0), "")
		}
		v = a.BuildInsertElement(b, v, a.BuildTrunc(b, lane, el, ""), a.ConstInt(i64, uint64(e), 0), "")
	}
	return v
}

// vectorReductions are the integer reductions of a vector's lanes, which
// LLVM's scalarizer does not split: splitReduction makes them a chain of
// scalar operations. The builtin library, compiled at -O2, sums lanes with
// them (dot.cl's dot products).
var vectorReductions = map[string]bool{
	"llvm.vector.reduce.add": true, "llvm.vector.reduce.mul": true, "llvm.vector.reduce.and": true,
	"llvm.vector.reduce.or": true, "llvm.vector.reduce.xor": true,
	"llvm.vector.reduce.smin": true, "llvm.vector.reduce.smax": true,
	"llvm.vector.reduce.umin": true, "llvm.vector.reduce.umax": true,
}

// splitReduction replaces a vector reduction call by a chain over its
// lanes, in lane order.
func (m *module) splitReduction(a *wgAPI, b, call uintptr) {
	op := strings.TrimPrefix(intrinsicBase(m.name(m.api.GetCalledValue(call))), "llvm.vector.reduce.")
	vec := a.GetOperand(call, 0)
	i64 := a.Int64Type(m.ctx)
	a.PositionBefore(b, call)
	acc := a.BuildExtractElement(b, vec, a.ConstInt(i64, 0, 0), "")
	for e := uint32(1); e < a.GetVectorSize(a.TypeOf(vec)); e++ {
		x := a.BuildExtractElement(b, vec, a.ConstInt(i64, uint64(e), 0), "")
		pick := func(pred int32) uintptr { return a.BuildSelect(b, a.BuildICmp(b, pred, acc, x, ""), acc, x, "") }
		switch op {
		case "add":
			acc = a.BuildAdd(b, acc, x, "")
		case "mul":
			acc = a.BuildMul(b, acc, x, "")
		case "and":
			acc = a.BuildAnd(b, acc, x, "")
		case "or":
			acc = a.BuildOr(b, acc, x, "")
		case "xor":
			acc = a.BuildXor(b, acc, x, "")
		case "smin":
			acc = pick(llvmIntSLT)
		case "smax":
			acc = pick(llvmIntSGT)
		case "umin":
			acc = pick(llvmIntULT)
		case "umax":
			acc = pick(llvmIntUGT)
		}
	}
	a.ReplaceAllUsesWith(call, acc)
	a.InstructionErase(call)
}

func ptrOrNil(v []uintptr) *uintptr {
	if len(v) == 0 {
		return nil
	}
	return &v[0]
}

// copyFunctionAttributes gives to the function attributes of from that
// say what a call may do.
func (m *module) copyFunctionAttributes(a *wgAPI, from, to uintptr) {
	for _, name := range []string{"memory", "nounwind", "willreturn", "nofree", "nosync"} {
		kind := m.api.EnumAttributeKindByName(name, uintptr(len(name)))
		if attr := a.GetEnumAttributeAtIndex(from, functionIndex, kind); attr != 0 {
			a.AddAttributeAtIndex(to, functionIndex, attr)
		}
	}
}

// fullySplittable: every vector value of fn is one that splitElementwiseCalls
// or the scalarizer splits, so none would stay whole. Before the calls are
// split, bitcasts are let pass (lenient): a vector the calling convention
// coerces to a scalar is carried through phis as that scalar until
// instcombine, after the split, turns the phis back to vectors.
func (m *module) fullySplittable(a *wgAPI, fn uintptr, lenient bool) bool {
	what := m.wholeVector(a, fn, lenient)
	if what != "" && vectorizerReport {
		fmt.Fprintf(os.Stderr, "gocl: kernel %s keeps its vector values whole: %s\n", m.name(fn), what)
	}
	return what == ""
}

// wholeVector describes the first vector value of fn that would stay whole
// ("" if there is none).
func (m *module) wholeVector(a *wgAPI, fn uintptr, lenient bool) string {
	isVec := func(v uintptr) bool { return a.GetTypeKind(a.TypeOf(v)) == typeKindVector }
	_, dev := device.Root()
	registerBits := uint64(dev.FloatVectorBits())
	td := a.CreateTargetData(a.GetModuleDataLayout(m.mod))
	defer a.DisposeTargetData(td)
	for bb := m.api.GetFirstBasicBlock(fn); bb != 0; bb = m.api.GetNextBasicBlock(bb) {
		for in := m.api.GetFirstInstruction(bb); in != 0; in = m.api.GetNextInstruction(in) {
			vector := isVec(in)
			for i := int32(0); i < a.GetNumOperands(in) && !vector; i++ {
				vector = isVec(a.GetOperand(in, uint32(i)))
			}
			if !vector {
				continue
			}
			if isVec(in) && 8*a.ABISizeOfType(td, a.TypeOf(in)) >= registerBits {
				// A vector as wide as a register is computed in one
				// already: split, its elements would each take a
				// register of work-items, too many to hold.
				return "a vector as wide as a register: " + m.typeString(in)
			}
			switch op := a.GetInstructionOpcode(in); {
			case op >= opAdd && op <= opXor, op == opFNeg, op == opICmp, op == opFCmp, op == opSelect,
				op == opPHI, op == opExtractElem, op == opInsertElem, op == opShuffleVector, op == opFreeze:
			case op >= opTrunc && op < opBitCast:
				// (the conversions and ptr/int casts between equal widths)
			case op == opLoad, op == opStore:
				if a.GetVolatile(in) != 0 {
					return "a volatile access"
				}
			case op == opCall:
				callee := m.name(m.api.GetCalledValue(in))
				if _, ok := m.splitCall(a, in); !ok && !splittableIntrinsics[intrinsicBase(callee)] && !vectorReductions[intrinsicBase(callee)] {
					return "a call of " + callee
				}
			case op == opBitCast:
				if !lenient && !m.coercion(a, in) {
					return "a bitcast to " + m.typeString(in)
				}
			default:
				return "an instruction of opcode " + strconv.Itoa(int(op)) + " of type " + m.typeString(in)
			}
		}
	}
	return ""
}

// coercion: the bitcast in passes a vector to a call that splits, or takes
// one from it, as the calling convention wants it (see elementwiseCall).
func (m *module) coercion(a *wgAPI, in uintptr) bool {
	if from := a.GetOperand(in, 0); a.GetTypeKind(a.TypeOf(from)) != typeKindVector {
		if m.api.IsACallInst(from) == 0 {
			return false
		}
		_, ok := m.splitCall(a, from)
		return ok
	}
	for u := m.api.GetFirstUse(in); u != 0; u = m.api.GetNextUse(u) {
		user := m.api.GetUser(u)
		if m.api.IsACallInst(user) == 0 {
			return false
		}
		if _, ok := m.splitCall(a, user); !ok {
			return false
		}
	}
	return true
}

// scalarizerReady: LLVM 19's scalarizer splits loads and stores only when
// told by a command-line option (pass parameters came later), and options
// can be parsed once per process, where an unknown one ends the process: so
// only with LLVM 19, whose option this is. It is global to the process, but
// only the scalarizer reads it, and only gocl runs the scalarizer here.
var scalarizerReady = sync.OnceValue(func() bool {
	api, err := loadLLVM()
	if err != nil {
		return false
	}
	var getVersion func(major, minor, patch *uint32)
	var parse func(argc int32, argv **byte, overview *byte)
	ok := func() (ok bool) {
		defer func() { ok = recover() == nil && ok }()
		purego.RegisterLibFunc(&getVersion, api.lib, "LLVMGetVersion")
		purego.RegisterLibFunc(&parse, api.lib, "LLVMParseCommandLineOptions")
		return true
	}()
	if !ok {
		return false
	}
	var major, minor, patch uint32
	getVersion(&major, &minor, &patch)
	if major != 19 {
		return false
	}
	// LLVM keeps a pointer to the program name: the strings live on.
	llvmArgv = []*byte{&[]byte("gocl\x00")[0], &[]byte("-scalarize-load-store\x00")[0]}
	parse(int32(len(llvmArgv)), &llvmArgv[0], &[]byte("\x00")[0])
	return true
})

var llvmArgv []*byte

// scalarizeKernels splits the vector values of the named kernels that will
// get work-item loops (the uniformity analysis accepts them) and whose
// vector values all split. Passes run on the whole module, so every other
// function is shielded from them for the while by optnone.
func (m *module) scalarizeKernels(a *wgAPI, names []string) error {
	if !scalarizerReady() {
		return nil
	}
	wanted := map[string]bool{}
	for _, n := range names {
		wanted[n] = true
	}
	var fns, split []uintptr
	for _, fn := range m.functions() {
		if m.api.IsDeclaration(fn) == 0 {
			fns = append(fns, fn)
		}
		if wanted[m.name(fn)] && m.fullySplittable(a, fn, true) {
			// (A kernel not worth a work-group function may become one
			// once split: a vload3 call under `if (x < cols)` kept the
			// guard from being a guard, and OpenCV's cvtColor scalar.)
			if _, err := m.analyzeKernel(a, fn); err == nil || err == errNotWorth {
				split = append(split, fn)
			}
		}
	}
	if len(split) == 0 {
		return nil
	}
	b := a.CreateBuilder(m.ctx)
	for _, fn := range split {
		m.splitElementwiseCalls(a, b, fn)
	}
	a.DisposeBuilder(b)
	if err := m.runShielded(a, "function(instcombine<no-verify-fixpoint>)", fns, split); err != nil {
		return err
	}
	var ready []uintptr
	b = a.CreateBuilder(m.ctx)
	for _, fn := range split {
		m.splitMaskTests(a, b, fn)
		m.splitShapeCasts(a, b, fn)
		m.packNarrowAccesses(a, b, fn)
	}
	a.DisposeBuilder(b)
	for _, fn := range split {
		if m.fullySplittable(a, fn, false) {
			ready = append(ready, fn)
		}
	}
	return m.runShielded(a, "function(scalarizer,early-cse,instcombine<no-verify-fixpoint>,loop-simplify,lcssa)", fns, ready)
}

// runShielded runs passes on the functions in only, shielding the other
// functions of fns from them with optnone (and noinline, which optnone
// needs) for the while.
func (m *module) runShielded(a *wgAPI, passes string, fns, only []uintptr) error {
	in := map[uintptr]bool{}
	for _, fn := range only {
		in[fn] = true
	}
	kinds := []uint32{
		m.api.EnumAttributeKindByName("optnone", uintptr(len("optnone"))),
		m.api.EnumAttributeKindByName("noinline", uintptr(len("noinline"))),
	}
	type added struct {
		fn   uintptr
		kind uint32
	}
	var undo []added
	for _, fn := range fns {
		for _, k := range kinds {
			if !in[fn] && a.GetEnumAttributeAtIndex(fn, functionIndex, k) == 0 {
				a.AddAttributeAtIndex(fn, functionIndex, a.CreateEnumAttribute(m.ctx, k, 0))
				undo = append(undo, added{fn, k})
			}
		}
	}
	defer func() {
		for _, u := range undo {
			m.api.RemoveEnumAttribute(u.fn, functionIndex, u.kind)
		}
	}()
	return m.runPasses(a.regionAPI, passes)
}
