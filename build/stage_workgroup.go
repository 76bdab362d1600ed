package build

import (
	"strings"
)

// Stage "work-group functions": the linked module → the module code
// generation gets. Kernels with loops or barriers become work-group
// functions with work-item loops where the uniformity analysis allows
// (uniformity.go, wgloops.go), the other barrier kernels are cut into
// regions (regions.go), divisions by a uniform divisor get a path
// without a division instruction (uniform_div.go), divisions are guarded
// (safediv.go), the argument block's loads marked invariant
// (invariant_args.go), constants added to 512-bit integer vectors kept in
// registers (constadds.go), accesses are
// bounds-checked under GOCL_CHECK (stage_check.go, check_expand.go), and each
// kernel keeps only the entry points the engine will call for it, so code
// generation compiles its code once, not once per entry point.
func workGroupFunctions(lp *linkedProgram) error {
	defer timeStage("work-group functions")()
	var err error
	if err = lp.m.markChecks(lp.kernels); err != nil {
		return err
	}
	if err = lp.m.markSpinWaits(lp.kernels, lp.calls); err != nil {
		return err
	}
	if lp.m, err = workGroupLoops(lp.m, lp.kernels, lp.calls); err != nil {
		return err
	}
	if lp.m, err = regionKernels(lp.m, lp.kernels, lp.calls); err != nil {
		return err
	}
	m := lp.m
	m.dropLoopEntries(lp.kernels)
	if err := m.expandChecks(lp.kernels); err != nil {
		return err
	}
	if err := m.fastUniformDivisions(); err != nil {
		return err
	}
	m.guardDivisions()
	if err := m.hoistThreadLocalAddresses(); err != nil {
		return err
	}
	m.invariantArguments(lp.kernels)
	m.pruneEntries(lp.kernels)
	m.internalizeUserCode()
	return nil
}

// usedEntries are the entry points the engine calls for a kernel
// (exports/kernel.go): a work-group function's __gocl_groups_K; for a
// kernel that reaches a barrier, its fibers, their per-work-item body and
// the loop (for work-groups of one work-item); for the others the loop.
func usedEntries(k *KernelInfo) []string {
	switch {
	case k.Regions:
		return []string{"__gocl_groups_"}
	case k.UsesBarrier:
		return []string{"__gocl_loop_", "__gocl_fibers_", "__gocl_body_"}
	}
	return []string{"__gocl_loop_"}
}

// pruneEntries removes the entry points the engine never calls for their
// kernels (entryPoints makes all of them): a loop, fibers or groups entry
// is deleted; a body that other entries still call becomes internal and
// always inlined (the code generator then compiles the kernel only inside
// the entry that is used). Run-time functions no entry calls any more (the
// fibers') are dropped, so the builtin library's parts holding them are
// not linked.
func (m *module) pruneEntries(kernels []KernelInfo) {
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return
	}
	const internal = 8 // LLVMInternalLinkage
	always := a.CreateEnumAttribute(m.ctx, m.api.EnumAttributeKindByName("alwaysinline", uintptr(len("alwaysinline"))), 0)
	noinline := m.api.EnumAttributeKindByName("noinline", uintptr(len("noinline")))
	for i := range kernels {
		k := &kernels[i]
		if !k.Launchable {
			continue
		}
		used := map[string]bool{}
		for _, e := range usedEntries(k) {
			used[e] = true
		}
		// The body last: the others call it.
		for _, e := range []string{"__gocl_loop_", "__gocl_fibers_", "__gocl_groups_", "__gocl_body_"} {
			fn := m.definedEntry(e, k.Name)
			if used[e] || fn == 0 {
				continue
			}
			if m.api.GetFirstUse(fn) == 0 {
				a.DeleteFunction(fn)
				continue
			}
			m.api.SetLinkage(fn, internal)
			m.api.RemoveEnumAttribute(fn, functionIndex, noinline)
			a.AddAttributeAtIndex(fn, functionIndex, always)
		}
	}
	for _, f := range m.functions() {
		if m.api.IsDeclaration(f) != 0 && m.api.GetFirstUse(f) == 0 && len(m.name(f)) > 7 && m.name(f)[:7] == "__gocl_" {
			a.DeleteFunction(f)
		}
	}
}

// definedEntry is the entry point prefix+kernel (prefix "__gocl_body_",
// "__gocl_loop_"…) if the module defines it, else 0.
func (m *module) definedEntry(prefix, kernel string) uintptr {
	fn := m.api.GetNamedFunction(m.mod, prefix+kernel)
	if fn == 0 || m.api.IsDeclaration(fn) != 0 {
		return 0
	}
	return fn
}

// internalizeUserCode gives the program's own functions internal linkage;
// only the generated entry points (__gocl_*) stay visible. A kernel or helper named like a C library function (a kernel
// called "write" or "memcpy") then cannot capture the calls the builtin
// library or the code generator make to that function.
func (m *module) internalizeUserCode() {
	const internal = 8 // LLVMInternalLinkage
	for _, f := range m.functions() {
		if m.api.IsDeclaration(f) == 0 && !strings.HasPrefix(m.name(f), "__gocl_") {
			m.api.SetLinkage(f, internal)
		}
	}
	// Program-scope variables stay visible: they are measured
	// (CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE) and make a program load
	// a copy of its own (program.go).
}
