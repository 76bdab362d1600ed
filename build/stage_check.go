package build

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"gocl/icd"
)

// Stage "checked kernels" (GOCL_CHECK=1, issue 10 item 4): every global,
// constant and local memory access of a kernel is checked against the
// buffer or allocation it came from. Two steps around the work-group
// transform:
//
//   - before it (markChecks), each access's pointer is followed back to the
//     kernel argument or __local/program-scope variable it points into, and
//     wrapped in a marker call gocl.check.pN(ptr, base, what, item, site,
//     size)
//     that returns ptr. The marker is memory(none), so the uniformity
//     analysis and the transform treat it as arithmetic (the work-item
//     loops, guards and vector shapes come out as without checks; wgloops
//     and uniformity follow it like a GEP when they look for the object a
//     pointer points into). It carries the work-item's global linear id
//     (item), computed from get_global_id, which the transform turns into
//     its loop counters: after the transform no one could say which
//     work-item an access belongs to.
//   - after it (expandChecks), each access through a marker becomes
//     "if (offset + size <= limit) access else skip" (a skipped load yields
//     0), which LLVM's loop vectorizer turns into masked vector loads and
//     stores, and the function keeps, per argument, the smallest
//     (item << 32 | offset) that failed: an unsigned-min reduction, which
//     vectorizes too. At each return the function hands its minima to
//     __gocl_check_report (build/lib/rt.c), which keeps the launch's
//     smallest; the engine reads it when the launch ends and fails the
//     command (device/check.go).
//
// Limits: a buffer argument's is its size (the engine passes the launch's
// sizes: __gocl_check_limit), a __local argument's the size given to
// clSetKernelArg, a variable's its type's size.

// checkedBuild reports whether GOCL_CHECK asks for checked kernels (it is
// part of every cache key: compilerModes).
func checkedBuild() bool {
	v := getenv("GOCL_CHECK")
	return v != "" && v != "0"
}

// checkMarker is the marker's name for address space as.
func checkMarker(as uint32) string { return fmt.Sprintf("gocl.check.p%d", as) }

// isCheckMarker reports whether name is a check marker (wgloops.go and
// uniformity.go follow its first operand as they follow a GEP).
func isCheckMarker(name string) bool { return strings.HasPrefix(name, "gocl.check.p") }

// maxAddressSpace is the highest address space a marker is made for (on
// x86-64 every OpenCL pointer is in 0; SPIR-V programs may have others).
const maxAddressSpace = 5

// checkWhatGlobal: a marker's what is an argument index, or this plus the
// index of a variable in KernelInfo.CheckGlobals.
const checkWhatGlobal = 1 << 16

type checkAPI struct {
	*wgAPI
	BuildPtrToInt          func(b, v, ty uintptr, name string) uintptr
	BuildShl               func(b, l, r uintptr, name string) uintptr
	CountParams            func(fn uintptr) uint32
	GetParam               func(fn uintptr, i uint32) uintptr
	StoreSizeOfType        func(td, ty uintptr) uint64
	GetReturnType          func(fnTy uintptr) uintptr
	ConstNull              func(ty uintptr) uintptr
	ConstAllOnes           func(ty uintptr) uintptr
	GetPointerAddressSpace func(ty uintptr) uint32
	GetNextBasicBlock      func(bb uintptr) uintptr
	GetUndef               func(ty uintptr) uintptr
	BuildAddrSpaceCast     func(b, v, ty uintptr, name string) uintptr
	BuildSIToFP            func(b, v, ty uintptr, name string) uintptr
	BuildFPToSI            func(b, v, ty uintptr, name string) uintptr
	BuildFMul              func(b, l, r uintptr, name string) uintptr
	BuildFDiv              func(b, l, r uintptr, name string) uintptr
	BuildNot               func(b, v uintptr, name string) uintptr
}

var (
	checkOnce sync.Once
	checkA    *checkAPI
	checkErr  error
)

func loadCheckAPI(lib uintptr) (*checkAPI, error) {
	checkOnce.Do(func() {
		wa, err := loadWGAPI(lib)
		if err != nil {
			checkErr = err
			return
		}
		a := &checkAPI{wgAPI: wa}
		defer func() {
			if r := recover(); r != nil {
				checkErr = fmt.Errorf("libLLVM lacks a function the kernel checks need: %v", r)
				checkA = nil
			}
		}()
		reg := func(fptr any, name string) { bindLLVM(fptr, lib, name) }
		reg(&a.BuildPtrToInt, "LLVMBuildPtrToInt")
		reg(&a.BuildShl, "LLVMBuildShl")
		reg(&a.CountParams, "LLVMCountParams")
		reg(&a.GetParam, "LLVMGetParam")
		reg(&a.StoreSizeOfType, "LLVMStoreSizeOfType")
		reg(&a.GetReturnType, "LLVMGetReturnType")
		reg(&a.ConstNull, "LLVMConstNull")
		reg(&a.ConstAllOnes, "LLVMConstAllOnes")
		reg(&a.GetPointerAddressSpace, "LLVMGetPointerAddressSpace")
		reg(&a.GetNextBasicBlock, "LLVMGetNextBasicBlock")
		reg(&a.GetUndef, "LLVMGetUndef")
		reg(&a.BuildAddrSpaceCast, "LLVMBuildAddrSpaceCast")
		reg(&a.BuildSIToFP, "LLVMBuildSIToFP")
		reg(&a.BuildFPToSI, "LLVMBuildFPToSI")
		reg(&a.BuildFMul, "LLVMBuildFMul")
		reg(&a.BuildFDiv, "LLVMBuildFDiv")
		reg(&a.BuildNot, "LLVMBuildNot")
		checkA = a
	})
	return checkA, checkErr
}

// checker is what both steps share: the module, the API, a builder and
// the types they make values of.
type checker struct {
	m        *module
	a        *checkAPI
	b        uintptr
	td       uintptr
	i64, i32 uintptr
}

func newChecker(m *module) (*checker, error) {
	a, err := loadCheckAPI(m.api.lib)
	if err != nil {
		return nil, err
	}
	c := &checker{m: m, a: a, b: a.CreateBuilder(m.ctx), i64: a.Int64Type(m.ctx), i32: a.Int32Type(m.ctx)}
	c.td = a.CreateTargetData(a.GetModuleDataLayout(m.mod))
	return c, nil
}

func (c *checker) dispose() {
	c.a.DisposeBuilder(c.b)
	c.a.DisposeTargetData(c.td)
}

func (c *checker) c64(v uint64) uintptr { return c.a.ConstInt(c.i64, v, 0) }

// function returns the module's function name, declared with type ty if
// it is not there.
func (c *checker) function(name string, ret uintptr, params ...uintptr) (fn, ty uintptr) {
	var p *uintptr
	if len(params) > 0 {
		p = &params[0]
	}
	ty = c.a.FunctionType(ret, p, uint32(len(params)), 0)
	if fn = c.m.api.GetNamedFunction(c.m.mod, name); fn != 0 {
		return fn, c.a.GlobalGetValueType(fn)
	}
	return c.a.AddFunction(c.m.mod, name, ty), ty
}

// call builds a call of name at the builder's position.
func (c *checker) call(name string, ret uintptr, params []uintptr, args ...uintptr) uintptr {
	fn, ty := c.function(name, ret, params...)
	var p *uintptr
	if len(args) > 0 {
		p = &args[0]
	}
	return c.a.BuildCall2(c.b, ty, fn, p, uint32(len(args)), "")
}

// addressSpace of a pointer value.
func (c *checker) addressSpace(p uintptr) uint32 { return c.a.GetPointerAddressSpace(c.a.TypeOf(p)) }

// accessSlots are the operands of in that are pointers it accesses memory
// through, and whether in is an access whose pointers the checks can size
// (an access they cannot is counted as unchecked).
func (c *checker) accessSlots(in uintptr) (slots []uint32, sized bool) {
	a := c.a
	switch a.GetInstructionOpcode(in) {
	case opLoad, opAtomicRMW, opAtomicCmpXchg:
		return []uint32{0}, true
	case opStore:
		return []uint32{1}, true
	case opCall:
		name := c.m.name(c.m.api.GetCalledValue(in))
		switch {
		case strings.HasPrefix(name, "llvm.memcpy.") || strings.HasPrefix(name, "llvm.memmove."):
			return []uint32{0, 1}, true
		case strings.HasPrefix(name, "llvm.memset."):
			return []uint32{0}, true
		case strings.HasPrefix(name, "llvm.") || isCheckMarker(name) || strings.Contains(name, "printf"):
			return nil, true
		}
		var ptrs []uint32
		for i := int32(0); i < a.GetNumOperands(in)-1; i++ {
			if op := a.GetOperand(in, uint32(i)); a.GetTypeKind(a.TypeOf(op)) == llvmPointerTypeKind {
				ptrs = append(ptrs, uint32(i))
			}
		}
		if len(ptrs) == 0 {
			return nil, true
		}
		if builtinAccessSize(name) > 0 {
			return ptrs[:1], true
		}
		return ptrs, false
	}
	return nil, true
}

// builtinAccessSize is the bytes a builtin that takes its object's pointer
// first (atomics) or last (vloadn, vstoren) accesses through it, from its
// mangled name; 0 for the others (left unchecked).
func builtinAccessSize(name string) uint64 {
	if !strings.HasPrefix(name, "_Z") || strings.Contains(name, "half") {
		return 0
	}
	elem := func(code byte) uint64 {
		switch code {
		case 'c', 'a', 'h', 'b':
			return 1
		case 's', 't':
			return 2
		case 'i', 'j', 'f':
			return 4
		case 'l', 'm', 'd', 'x', 'y':
			return 8
		}
		return 0
	}
	// The pointee: after P and its qualifiers (V, K, and vendor ones,
	// U<length><name>: U8CLglobal, U3AS1, U7_Atomic).
	pointee := func(s string) uint64 {
		i := strings.IndexByte(s, 'P')
		if i < 0 {
			return 0
		}
		s = s[i+1:]
		for s != "" {
			switch s[0] {
			case 'V', 'K':
				s = s[1:]
			case 'U':
				n, j := 0, 1
				for ; j < len(s) && s[j] >= '0' && s[j] <= '9'; j++ {
					n = n*10 + int(s[j]-'0')
				}
				if j == 1 || j+n > len(s) {
					return 0
				}
				s = s[j+n:]
			default:
				return elem(s[0])
			}
		}
		return 0
	}
	switch {
	case strings.Contains(name, "atomic") && !strings.Contains(name, "atomic_work_item_fence"):
		return pointee(name)
	case strings.Contains(name, "vload") || strings.Contains(name, "vstore"):
		i := strings.Index(name, "vload")
		if i < 0 {
			i = strings.Index(name, "vstore") + 1
		}
		n := uint64(0)
		for _, ch := range name[i+5:] {
			if ch < '0' || ch > '9' {
				break
			}
			n = n*10 + uint64(ch-'0')
		}
		if n == 0 {
			return 0
		}
		return n * elem(name[len(name)-1])
	}
	return 0
}

// trace follows pointer p back to the argument or variable it points into:
// through address arithmetic, casts, selects and phis whose operands all
// lead to one root. ok is false when p comes from somewhere else (memory,
// a call, an integer).
func (c *checker) trace(p uintptr, visiting map[uintptr]bool) (root uintptr, ok bool) {
	const gep, bitcast, addrspacecast = 29, 41, 60
	a := c.a
	if a.IsAArgument(p) != 0 || a.IsAGlobalVariable(p) != 0 || a.IsAAllocaInst(p) != 0 {
		return p, true
	}
	if visiting[p] {
		return 0, true // a cycle through phis: no other root
	}
	var op int32
	switch {
	case a.IsAInstruction(p) != 0:
		op = a.GetInstructionOpcode(p)
	case a.IsAConstantExpr(p) != 0:
		op = a.GetConstOpcode(p)
	default:
		return 0, false
	}
	switch op {
	case gep, bitcast, addrspacecast:
		return c.trace(a.GetOperand(p, 0), visiting)
	case opCall:
		if c.m.name(c.m.api.GetCalledValue(p)) == "llvm.threadlocal.address" {
			return c.trace(a.GetOperand(p, 0), visiting)
		}
		return 0, false
	case opSelect:
		return c.traceAll(visiting, a.GetOperand(p, 1), a.GetOperand(p, 2))
	case opPHI:
		visiting[p] = true
		var ins []uintptr
		for i := uint32(0); i < a.CountIncoming(p); i++ {
			ins = append(ins, a.GetIncomingValue(p, i))
		}
		return c.traceAll(visiting, ins...)
	}
	return 0, false
}

// traceAll is the one root all of ps lead to.
func (c *checker) traceAll(visiting map[uintptr]bool, ps ...uintptr) (uintptr, bool) {
	var root uintptr
	for _, q := range ps {
		r, ok := c.trace(q, visiting)
		if !ok || r != 0 && root != 0 && r != root {
			return 0, false
		}
		if r != 0 {
			root = r
		}
	}
	return root, true
}

// kernelCheck is what markChecks learned of one kernel.
type kernelCheck struct {
	checked, unchecked int
	why                map[string]int // unchecked accesses by reason
}

// markChecks wraps the pointer of every global, constant and local access
// of the kernels in a marker (see the top of the file). User functions are
// inlined into the kernels first, so that pointers reach the kernel's
// arguments. A kernel another kernel calls is left unchecked (its
// arguments are not a launch's).
func (m *module) markChecks(kernels []KernelInfo) error {
	if !checkedBuild() {
		return nil
	}
	c, err := newChecker(m)
	if err != nil {
		return err
	}
	defer c.dispose()
	var names []string
	for _, k := range kernels {
		if k.Launchable {
			names = append(names, k.Name)
		}
	}
	if err := m.forceInline(c.a.regionAPI, names, func(string) bool { return true }); err != nil {
		return err
	}
	// The front end's code keeps values in stack slots: SSA values first,
	// so that pointers lead to the arguments (wgloops.go runs these too).
	if err := m.runPasses(c.a.regionAPI, "function(sroa,early-cse,simplifycfg,instcombine<no-verify-fixpoint>)"); err != nil {
		return err
	}
	site := uint64(0)
	for i := range kernels {
		k := &kernels[i]
		fn := m.api.GetNamedFunction(m.mod, k.Name)
		if !k.Launchable || fn == 0 || m.api.IsDeclaration(fn) != 0 {
			continue
		}
		if !m.calledOnlyByEntry(c.a.regionAPI, fn, k.Name) || int(c.a.CountParams(fn)) != len(k.Args) {
			icd.Tracef("GOCL_CHECK: kernel %s is not checked (another kernel calls it, or its arguments are not one parameter each)", k.Name)
			continue
		}
		kc := c.markKernel(k, fn, &site)
		if kc.unchecked > 0 || icd.Debug {
			var why []string
			for _, r := range sortedStrings(kc.why) {
				why = append(why, fmt.Sprintf("%d %s", kc.why[r], r))
			}
			icd.Tracef("GOCL_CHECK: kernel %s: %d accesses checked, %d not checked%s", k.Name, kc.checked, kc.unchecked, listSuffix(why))
		}
	}
	return nil
}

func sortedStrings(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func listSuffix(items []string) string {
	if len(items) == 0 {
		return ""
	}
	return " (" + strings.Join(items, ", ") + ")"
}

// markKernel marks the accesses of kernel k (function fn).
func (c *checker) markKernel(k *KernelInfo, fn uintptr, site *uint64) kernelCheck {
	a, m := c.a, c.m
	kc := kernelCheck{why: map[string]int{}}
	args := map[uintptr]int{}
	for i, arg := range k.Args {
		if arg.Kind == ArgBuffer || arg.Kind == ArgLocal {
			args[a.GetParam(fn, uint32(i))] = i
		}
	}
	globals := map[uintptr]int{}
	// The ids the markers carry are computed once, at the kernel's start:
	// computed at each access, they made small loops too big for the
	// vectorizer's unroll and jam (wgloops.go), which cost 3x; the
	// transform recomputes them in each work-item loop that uses them.
	var ids [2]uintptr
	entry := m.api.GetFirstInstruction(c.a.GetEntryBasicBlock(fn))
	atEntry := func(id *uintptr, build func() uintptr) uintptr {
		if *id == 0 {
			a.PositionBefore(c.b, entry)
			*id = build()
		}
		return *id
	}
	for _, in := range m.instructions(fn) {
		slots, sized := c.accessSlots(in)
		for _, s := range slots {
			p := a.GetOperand(in, s)
			root, ok := c.trace(p, map[uintptr]bool{})
			what, found := args[root]
			switch {
			case ok && root != 0 && a.IsAAllocaInst(root) != 0:
				continue // private memory
			case !sized:
				kc.why["calls of functions that take pointers"]++
				kc.unchecked++
				continue
			case !ok || root == 0:
				kc.why["pointers not traced to an argument or variable (loaded from memory, SVM, integers)"]++
				kc.unchecked++
				continue
			case a.IsAGlobalVariable(root) != 0:
				g, seen := globals[root]
				if !seen {
					g = len(k.CheckGlobals)
					globals[root] = g
					k.CheckGlobals = append(k.CheckGlobals, CheckedVariable{Name: m.name(root), Size: a.ABISizeOfType(c.td, a.GlobalGetValueType(root))})
				}
				what = checkWhatGlobal + g
			case !found:
				kc.why["pointers passed by value"]++
				kc.unchecked++
				continue
			}
			a.PositionBefore(c.b, in)
			as := c.addressSpace(p)
			base := root
			if c.addressSpace(base) != as {
				base = a.BuildAddrSpaceCast(c.b, root, a.TypeOf(p), "")
			}
			ptr := a.TypeOf(p)
			item := atEntry(&ids[0], c.globalLinearID)
			if a.GetInstructionOpcode(in) == opLoad && c.sameForGroup(p, map[uintptr]bool{}) {
				item = atEntry(&ids[1], c.groupFirstID) // keeps a uniform load uniform
			}
			a.PositionBefore(c.b, in)
			size := uint64(0) // a variable's, known here; an argument's comes with the launch
			if what >= checkWhatGlobal {
				size = k.CheckGlobals[what-checkWhatGlobal].Size
			}
			marked := c.call(checkMarker(as), ptr, []uintptr{ptr, ptr, c.i64, c.i64, c.i64, c.i64}, p, base, c.c64(uint64(what)), item, c.c64(*site), c.c64(size))
			*site++
			a.SetOperand(in, s, marked)
			kc.checked++
		}
	}
	c.markerAttributes()
	return kc
}

// globalLinearID builds get_global_linear_id() from get_global_id, which
// the work-group transform replaces by its loop counters (the linear id
// function it would have to keep current in memory).
func (c *checker) globalLinearID() uintptr {
	return c.linearID(func(d uint64) uintptr {
		return c.a.BuildSub(c.b, c.idCall("_Z13get_global_idj", d), c.idCall("_Z17get_global_offsetj", d), "")
	})
}

// groupFirstID is the global linear id of the work-group's first
// work-item, from values the same for the whole group.
func (c *checker) groupFirstID() uintptr {
	return c.linearID(func(d uint64) uintptr {
		return c.a.BuildMul(c.b, c.idCall("_Z12get_group_idj", d), c.idCall("_Z23get_enqueued_local_sizej", d), "")
	})
}

// linearID combines the per-dimension ids x(d) into a linear id over the
// global size (dimension 0 fastest).
func (c *checker) linearID(x func(d uint64) uintptr) uintptr {
	var id uintptr
	for d := 2; d >= 0; d-- {
		xd := x(uint64(d))
		if id == 0 {
			id = xd
			continue
		}
		id = c.a.BuildAdd(c.b, c.a.BuildMul(c.b, id, c.idCall("_Z15get_global_sizej", uint64(d)), ""), xd, "")
	}
	return id
}

// idCall calls the work-item function name (size_t name(uint)) for dimension d.
func (c *checker) idCall(name string, d uint64) uintptr {
	return c.call(name, c.i64, []uintptr{c.i32}, c.a.ConstInt(c.i32, d, 0))
}

// sameForGroup reports whether v looks the same for every work-item of a
// group: computed from arguments, constants and group-uniform work-item
// functions (phis optimistically so). A load from such an address is
// reported as the group's first work-item's, which keeps the marker
// uniform: the uniformity analysis then still reads the load once per
// group (wrongly guessed, only the work-item the report names is off).
func (c *checker) sameForGroup(v uintptr, visiting map[uintptr]bool) bool {
	a := c.a
	switch {
	case a.IsAInstruction(v) == 0:
		return true // arguments, constants, globals
	case visiting[v]:
		return true
	}
	visiting[v] = true
	switch op := a.GetInstructionOpcode(v); {
	case op == opCall:
		return groupUniformCalls[c.m.name(c.m.api.GetCalledValue(v))]
	case op == opLoad || op == opAlloca || !pureOpcodes[op]:
		return false
	}
	n := a.GetNumOperands(v)
	if a.IsAPHINode(v) != 0 {
		n = int32(a.CountIncoming(v))
	}
	for i := int32(0); i < n; i++ {
		if !c.sameForGroup(a.GetOperand(v, uint32(i)), visiting) {
			return false
		}
	}
	return true
}

// markerAttributes makes the markers memory(none), nounwind and willreturn:
// pure functions to every analysis.
func (c *checker) markerAttributes() {
	m := c.m
	for as := uint32(0); as <= maxAddressSpace; as++ {
		fn := m.api.GetNamedFunction(m.mod, checkMarker(as))
		if fn == 0 {
			continue
		}
		for _, name := range []string{"nounwind", "willreturn", "memory"} {
			kind := m.api.EnumAttributeKindByName(name, uintptr(len(name)))
			c.a.AddAttributeAtIndex(fn, functionIndex, c.a.CreateEnumAttribute(m.ctx, kind, 0))
		}
	}
}
