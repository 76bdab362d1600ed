package build

import (
	"strings"

	"gocl/device"
)

// Shape-free kernels. A kernel that reads no local or group id or size,
// reaches no barrier, collective or sub-group function and uses no __local
// memory computes the same results whatever the work-groups' shape: only
// its global ids reach its code. The engine then runs it in groups of the
// shape that suits the memory system rather than the application's
// (exports/kernel.go). The shape matters: a kernel that converts a
// float4 image to uchar4, launched in 16×16 groups, writes one 64-byte line
// in each of 16 rows per group and reads four in each of 16 others; the
// prefetchers lose track of that many short streams, and it ran at 50 ms
// where 128×8 groups take 11 (2048², Zen 3; a C loop nest in the same
// order shows the same).

// groupObservers are the parts of builtin names that read the work-group's
// shape or position, or act on the work-group or sub-group (barriers,
// collectives, asynchronous copies, sub-group functions). SPIR-V's own
// builtin names are refused wholesale.
var groupObservers = []string{"get_local_id", "get_local_size", "get_enqueued_local_size", "get_group_id",
	"get_num_groups", "get_local_linear_id", "work_group", "sub_group", "wait_group_events", "__spirv"}

// observesGroup reports whether the function named name observes the
// work-group.
func observesGroup(name string) bool {
	if isBarrier(name) {
		return true
	}
	for _, s := range groupObservers {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

// OwnShape reports whether a launch of k in dim dimensions runs in
// work-groups of gocl's shape (the automatic local size's), whatever the
// application asked (after its local size has been checked): k cannot
// tell, and in 2D and 3D the shape decides how many rows a group's
// streams take. Not with divergent loops: those run in lockstep, where
// the application's compact blocks did as well as gocl's (Mandelbrot in
// 16×16). Not in 1D, where a saxpy measured the same in every size.
func (k *KernelInfo) OwnShape(dim uint32) bool {
	return k.ShapeFree && dim >= 2 && (k.Loops == device.LoopsNone || k.Loops == device.LoopsUniform)
}

// markReach sets each kernel's UsesBarrier and ShapeFree from the call
// graph (local memory is taken into account by markLocalUsers).
func (lp *linkedProgram) markReach() {
	for i := range lp.kernels {
		k := &lp.kernels[i]
		k.UsesBarrier = reaches(lp.calls, k.Name, isBarrier)
		k.ShapeFree = !reaches(lp.calls, k.Name, observesGroup) && !k.hasLocalArgs()
	}
}

// hasLocalArgs reports whether k takes a __local pointer.
func (k *KernelInfo) hasLocalArgs() bool {
	for _, a := range k.Args {
		if a.Kind == ArgLocal {
			return true
		}
	}
	return false
}

// markLocalUsers clears ShapeFree on the kernels that reach a function
// using one of the kernel-scope __local variables locals (a variable
// belongs to its kernel by name, but the front end may have inlined that
// kernel into another).
func (lp *linkedProgram) markLocalUsers(locals []uintptr) error {
	if len(locals) == 0 {
		return nil
	}
	m := lp.m
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return err
	}
	ra, err := loadRegionAPI(m.api.lib)
	if err != nil {
		return err
	}
	users := map[string]bool{}
	var walk func(v uintptr, depth int)
	walk = func(v uintptr, depth int) {
		for u := m.api.GetFirstUse(v); u != 0; u = m.api.GetNextUse(u) {
			user := m.api.GetUser(u)
			switch {
			case a.IsAInstruction(user) != 0:
				users[m.name(ra.GetBasicBlockParent(ra.GetInstructionParent(user)))] = true
			case depth < 16: // a constant expression (address arithmetic) or initializer
				walk(user, depth+1)
			default:
				users[""] = true // (too deep to follow: every kernel)
			}
		}
	}
	for _, g := range locals {
		walk(g, 0)
	}
	for i := range lp.kernels {
		k := &lp.kernels[i]
		if k.ShapeFree && (users[""] || reaches(lp.calls, k.Name, func(f string) bool { return users[f] })) {
			k.ShapeFree = false
		}
	}
	return nil
}
