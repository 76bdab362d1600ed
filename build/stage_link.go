package build

import (
	"fmt"
	"strings"

	"gocl/device"
)

// Stage "link": compiled objects → one module (libLLVM's linker, in
// process) with what every later stage relies on: which kernels reach a
// barrier (through any object's functions), kernel-scope __local
// variables made thread-local (one copy per worker thread, which runs a
// whole work-group at a time), and the work-item functions no longer
// declared const. The builtin library is linked by code generation, which
// takes only the parts the module uses (stage_codegen.go).

// linkInput is what the link stage takes.
type linkInput struct {
	Objects []*CompiledObject
	Kernels []KernelInfo // of all the objects, sorted by name; their UsesBarrier is set
}

// linkedProgram is a linked module and its kernels, which the following
// stages change in place (the module may be replaced: see workGroupLoops).
type linkedProgram struct {
	m       *module
	kernels []KernelInfo
	calls   map[string][]string // the call graph: function → functions it calls
}

func (lp *linkedProgram) dispose() { lp.m.dispose() }

// linkModules links the objects' bitcode into one module (a library stops
// here) and sets the kernels' UsesBarrier and ShapeFree.
func linkModules(in linkInput) (*linkedProgram, error) {
	defer timeStage("link")()
	bcs := make([][]byte, len(in.Objects))
	for i, ob := range in.Objects {
		bcs[i] = ob.Bitcode
	}
	m, err := linkBitcode(bcs)
	if err != nil {
		return nil, err
	}
	// The front end names its temporary file: a build must make the same
	// bytes every time (executables' bitcode is a program binary, and the
	// key of its kernels' code).
	m.api.SetSourceFileName(m.mod, stableSourceName, uintptr(len(stableSourceName)))
	lp := &linkedProgram{m: m, kernels: in.Kernels, calls: map[string][]string{}}
	for _, f := range m.functions() {
		if m.api.IsDeclaration(f) == 0 {
			lp.calls[m.name(f)] = m.callees(f)
		}
	}
	lp.markReach()
	return lp, nil
}

// localAlign is the alignment of kernel-scope __local variables, that of
// buffers (CL_DEVICE_MEM_BASE_ADDR_ALIGN) and PoCL's. Their type asks less
// (2 bytes for a short array), but programs store vectors into them with
// vstorea_halfn and casts, which the compiler may then do with aligned
// vector instructions: piglit's vstorea_half16 into a short array that
// gocl had placed 16 bytes past a 64-byte boundary faulted.
const localAlign = 128

// prepareExecutable readies a linked module for the work-group functions
// and code generation.
func (lp *linkedProgram) prepareExecutable() error {
	m := lp.m
	// Kernel-scope __local variables: module globals named <kernel>.<name>;
	// one copy per worker thread.
	kernelNames := map[string]bool{}
	for _, k := range lp.kernels {
		kernelNames[k.Name] = true
	}
	// The front end declares the work-item functions const: true within a
	// work-item, false across the work-item loop they are inlined into.
	for _, name := range perWorkItem {
		m.dropMemoryAttribute(name)
	}
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return err
	}
	var locals []uintptr
	for g := m.api.GetFirstGlobal(m.mod); g != 0; g = m.api.GetNextGlobal(g) {
		name := m.name(g)
		// (A kernel's static __global variable is named the same way but
		// is initialized; __local variables cannot be: theirs is undef.)
		if dot := strings.IndexByte(name, '.'); dot > 0 && kernelNames[name[:dot]] && m.api.IsGlobalConstant(g) == 0 &&
			m.undefInitializer(g) {
			m.api.SetThreadLocal(g, 1)
			if a.GetAlignment(g) < localAlign {
				a.SetAlignment(g, localAlign)
			}
			locals = append(locals, g)
		}
	}
	if err := lp.markLocalUsers(locals); err != nil {
		return err
	}
	if err := m.definePointerSpaces(locals); err != nil {
		return err
	}
	if err := m.dotVariants(); err != nil {
		return err
	}
	return m.checkLocalSizes(locals)
}

// checkLocalSizes refuses kernels whose kernel-scope __local variables
// (locals, named kernel.variable) take more than CL_DEVICE_LOCAL_MEM_SIZE:
// such a kernel could never run, and past 2 GiB the linker fails with
// relocation errors that name no kernel and no limit.
func (m *module) checkLocalSizes(locals []uintptr) error {
	if len(locals) == 0 {
		return nil
	}
	ra, err := loadRegionAPI(m.api.lib)
	if err != nil {
		return nil // (measured after linking instead)
	}
	td := ra.CreateTargetData(ra.GetModuleDataLayout(m.mod))
	defer ra.DisposeTargetData(td)
	sizes := map[string]uint64{}
	var order []string
	for _, g := range locals {
		name := m.name(g)
		k := name[:strings.IndexByte(name, '.')]
		if _, seen := sizes[k]; !seen {
			order = append(order, k)
		}
		sizes[k] = SatAdd(sizes[k], ra.ABISizeOfType(td, ra.GlobalGetValueType(g)))
	}
	for _, k := range order {
		if sizes[k] > device.LocalMemSize {
			return fmt.Errorf("kernel %s: its kernel-scope __local variables take %d bytes, more than CL_DEVICE_LOCAL_MEM_SIZE (%d bytes)", k, sizes[k], device.LocalMemSize)
		}
	}
	return nil
}

// perWorkItem are the work-item functions whose value changes from one
// work-item (or work-group) to the next.
var perWorkItem = []string{"_Z13get_global_idj", "_Z12get_local_idj", "_Z12get_group_idj", "_Z14get_local_sizej",
	"_Z20get_global_linear_idv", "_Z19get_local_linear_idv"}
