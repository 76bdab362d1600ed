package build

import (
	"testing"

	"gocl/device"
)

// ShapeFree holds exactly for the kernels that observe nothing of their
// work-group: each way of observing it (ids and sizes, barriers,
// collectives, sub-groups, __local arguments and variables, directly or
// through a helper, a kernel-scope variable of a kernel inlined into
// another, a spin-wait) clears it.
func TestShapeFreeKernels(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `
kernel void cvt(global const float4 *in, global uchar4 *out) {
	size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
	out[i] = convert_uchar4_sat(in[i] * 255.0f);
}
kernel void loop(global const float *a, global float *c, int n) {
	float s = 0;
	for (int k = 0; k < n; k++) s += a[k * get_global_size(0) + get_global_id(0)];
	c[get_global_linear_id()] = s;
}
kernel void lid(global int *o) { o[get_global_id(0)] = get_local_id(0); }
kernel void gid(global int *o) { o[get_global_id(0)] = get_group_id(1); }
kernel void lsize(global int *o) { o[get_global_id(0)] = get_local_size(0); }
kernel void enq(global int *o) { o[get_global_id(0)] = get_enqueued_local_size(0); }
kernel void ngroups(global int *o) { o[get_global_id(0)] = get_num_groups(0); }
kernel void llin(global int *o) { o[get_global_id(0)] = get_local_linear_id(); }
int helper(void) { return get_group_id(0); }
kernel void viahelper(global int *o) { o[get_global_id(0)] = helper(); }
kernel void bar(global int *o) { o[get_global_id(0)] = 1; barrier(CLK_GLOBAL_MEM_FENCE); }
kernel void reduce(global int *o) { o[get_global_id(0)] = work_group_reduce_add(o[get_global_id(0)]); }
kernel void subgroup(global int *o) { o[get_global_id(0)] = get_sub_group_local_id(); }
kernel void larg(global int *o, local int *l) { l[0] = 1; o[get_global_id(0)] = l[0]; }
kernel void lvar(global int *o) { local int l[4]; l[get_global_id(0) & 3] = 1; o[get_global_id(0)] = l[0]; }
kernel void caller(global int *o) { lvar(o); }
kernel void copy(global int *o, local int *l) { event_t e = async_work_group_copy(l, o, 4, 0); wait_group_events(1, &e); }
kernel void spin(volatile global int *flag, global int *o) {
	if (get_global_id(0) == 0) atomic_xchg(flag, 1);
	else while (atomic_add(flag, 0) == 0) ;
	o[get_global_id(0)] = 1;
}
`
	_, b := builtProgram(t, src, "-cl-std=CL2.0")
	free := map[string]bool{"cvt": true, "loop": true}
	seen := 0
	for _, k := range b.Kernels {
		seen++
		if k.ShapeFree != free[k.Name] {
			t.Errorf("kernel %s: ShapeFree %v, want %v", k.Name, k.ShapeFree, free[k.Name])
		}
	}
	if seen != 17 {
		t.Errorf("%d kernels, want 17", seen)
	}
}

// A shape-free kernel takes gocl's shape in 2D and 3D launches of straight
// code or uniform loops; not in 1D, not with divergent loops.
func TestOwnShape(t *testing.T) {
	for _, c := range []struct {
		free  bool
		loops device.KernelLoops
		dim   uint32
		want  bool
	}{
		{true, device.LoopsNone, 2, true}, {true, device.LoopsUniform, 3, true},
		{true, device.LoopsNone, 1, false}, {true, device.LoopsDivergent, 2, false},
		{true, device.LoopsUnknown, 2, false}, {false, device.LoopsNone, 2, false},
	} {
		k := KernelInfo{Name: "k", ShapeFree: c.free, Loops: c.loops}
		if got := k.OwnShape(c.dim); got != c.want {
			t.Errorf("ShapeFree %v, loops %q, %dD: OwnShape %v, want %v", c.free, c.loops, c.dim, got, c.want)
		}
	}
}
