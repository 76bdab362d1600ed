package build

import (
	"fmt"
	"os"
	"slices"
	"strings"
)

// Stage "collectives": a linked module → the same module with the builtin
// library's parts that synchronize work-items linked in, before the
// work-group functions are made: the collective functions
// (build/lib/collectives.cl: work-group reduce, scan, broadcast, all, any;
// build/lib/subgroups*.cl: the sub-group functions) and the async copies (build/lib/async.cl:
// each work-item copies its share, and wait_group_events is a barrier).
// A collective stores the work-item's value in a slot, waits at a
// barrier, combines, and waits again. Linked here rather than at code
// generation, their ids and barriers are in the kernels the work-group
// transform sees (uniformity.go, wgloops.go), where a barrier in uniform
// code is only the end of one work-item loop and the start of the next;
// kernels it does not take reach them on fibers. The slots are
// thread-local arrays, defined here (a worker runs a whole work-group on
// one thread, as for kernels' __local variables).

// earlyParts are the library parts (files of build/lib) linked here; and
// the parts of vector arithmetic (the integer dot products, dot.cl; the
// geometric functions, geometric.cl; the relational functions and select,
// relational.cl), which the work-group stage's scalarizer must split like
// the program's own, or the work-item loop around them stays scalar.
var earlyParts = []string{"collectives.cl", "subgroups.cl", "subgroups_arith.cl", "subgroups_clustered.cl", "subgroups_shuffle.cl",
	"subgroups_vote.cl", "async.cl", "dot.cl", "geometric.cl", "relational.cl"}

// collectiveArrays prefixes the names of the slots' arrays collectives.h
// declares.
const collectiveArrays = "__gocl_collective_"

// linkCollectives links into lp's module each early part whose functions
// the module calls, makes the collectives' slots thread-local, and brings
// the call graph and the kernels' UsesBarrier up to date.
func linkCollectives(lp *linkedProgram) error {
	lib, err := openLibrary()
	if err != nil {
		return nil // (code generation reports it)
	}
	var parts []string
	for _, part := range earlyParts {
		if lp.m.callsPart(lib, part) {
			parts = append(parts, part)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	defer timeStage("collectives")()
	m := lp.m
	own := map[string]bool{}
	for _, f := range m.functions() {
		own[m.name(f)] = true
	}
	for _, part := range parts {
		file, err := lib.partFile(part)
		if err != nil {
			return fmt.Errorf("the builtin library's part %s: %v", part, err)
		}
		bc, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("the builtin library's part %s: %v", part, err)
		}
		src, err := m.api.parse(m.ctx, bc)
		if err != nil {
			return err
		}
		if m.api.LinkModules2(m.mod, src) != 0 {
			return fmt.Errorf("the builtin library's part %s does not link with the program (it defines one of its names?)", part)
		}
	}
	if err := m.dropUnusedBut(own); err != nil {
		return err
	}
	for g := m.api.GetFirstGlobal(m.mod); g != 0; g = m.api.GetNextGlobal(g) {
		if strings.HasPrefix(m.name(g), collectiveArrays) && m.api.IsDeclaration(g) != 0 {
			if err := m.defineThreadLocal(g); err != nil {
				return err
			}
		}
	}
	m.refreshCalls(lp.calls)
	if err := m.numberConvergePoints(lp.kernels, lp.calls); err != nil {
		return err
	}
	lp.markReach()
	return nil
}

// refreshCalls records every defined function's callees in calls.
func (m *module) refreshCalls(calls map[string][]string) {
	for _, f := range m.functions() {
		if m.api.IsDeclaration(f) == 0 {
			calls[m.name(f)] = m.callees(f)
		}
	}
}

// numberConvergePoints inlines into the kernels every function that
// reaches a convergence point (the non-uniform sub-group functions, and the
// program's functions that call them), and gives each call its own number,
// the key by which fibers tell the calls apart (rt.c). Without it the
// optimizer may take two calls in the two arms of a branch for one and
// hoist it above the branch (convergent calls may lose control
// dependences), and the work-items of both arms would meet as one set.
func (m *module) numberConvergePoints(kernels []KernelInfo, calls map[string][]string) error {
	fn := m.api.GetNamedFunction(m.mod, convergePoint)
	if fn == 0 || m.api.GetFirstUse(fn) == 0 {
		return nil
	}
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return err
	}
	var names []string
	for _, k := range kernels {
		names = append(names, k.Name)
	}
	isPoint := func(name string) bool { return name == convergePoint }
	if err := m.forceInline(a.regionAPI, names, func(name string) bool { return reaches(calls, name, isPoint) }); err != nil {
		return err
	}
	m.refreshCalls(calls)
	site := uint64(0)
	for _, f := range m.functions() {
		for _, in := range m.instructions(f) {
			if m.api.IsACallInst(in) != 0 && m.api.GetCalledValue(in) == fn {
				site++
				a.SetOperand(in, 0, a.ConstInt(a.TypeOf(a.GetOperand(in, 0)), site, 0))
			}
		}
	}
	return nil
}

// dropUnusedBut deletes the functions defined in the module that nothing
// uses, but those named in keep (the program's own): a part brings every
// overload it defines (async.cl some 300), and the program calls a few.
func (m *module) dropUnusedBut(keep map[string]bool) error {
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return err
	}
	for dropped := true; dropped; {
		dropped = false
		for _, f := range m.functions() {
			if !keep[m.name(f)] && m.api.IsDeclaration(f) == 0 && m.api.GetFirstUse(f) == 0 {
				a.DeleteFunction(f)
				dropped = true
			}
		}
	}
	return nil
}

// callsPart reports whether the module declares a function the library
// part file defines.
func (m *module) callsPart(lib *library, src string) bool {
	idx := partsIndex()
	for _, name := range m.declared() {
		if slices.Contains(idx[partKey(name)], src) && lib.definerOf(name) == src {
			return true
		}
	}
	return false
}

// defineThreadLocal gives the declared global g a zero initializer,
// internal linkage and thread-local storage.
func (m *module) defineThreadLocal(g uintptr) error {
	ra, err := loadRegionAPI(m.api.lib)
	if err != nil {
		return err
	}
	sd, err := loadSafeDivAPI(m.api.lib)
	if err != nil {
		return err
	}
	m.api.SetInitializer(g, sd.ConstNull(ra.GlobalGetValueType(g)))
	const internal = 8 // LLVMInternalLinkage
	m.api.SetLinkage(g, internal)
	m.api.SetThreadLocal(g, 1)
	return nil
}

// subGroupBarriers are sub_group_barrier's forms, and the convergence
// point of the non-uniform sub-group functions (subgroups_*.cl, rt.c),
// which waits for the sub-group's active work-items: in uniform code, all
// of them, so it is a sub-group barrier there.
var subGroupBarriers = map[string]bool{
	"_Z17sub_group_barrierj":               true,
	"_Z17sub_group_barrierj12memory_scope": true,
	convergePoint:                          true,
}

// convergePoint is the convergence point's function (rt.c). It returns the
// lanes that met there on fibers, and 0 for "the whole sub-group", which is
// what the work-group transform makes of it (it takes a kernel only where
// the call is in uniform code): so its result is uniform for the analysis.
const convergePoint = "gocl_sub_group_converge"

// isLoopBarrier names the barriers the work-group transform takes as the
// end of one work-item loop and the start of the next: the work-group's,
// and the sub-group's, which in uniform code every sub-group reaches, so
// that waiting for the whole group there is the same. (The region
// transform takes the work-group's only: a sub-group barrier in divergent
// code sends a kernel to fibers, where it waits for its sub-group alone.)
func isLoopBarrier(name string) bool { return plainBarriers[name] || subGroupBarriers[name] }
