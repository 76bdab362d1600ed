package build

import "testing"

// A loop that waits for another work-item (an atomic load, a lock taken
// with atomic_cmpxchg against a constant, a volatile flag, in a helper
// function too) puts its kernel on fibers; a compare-exchange retry loop
// (an atomic float add), atomics outside loops and plain loops do not.
func TestSpinWaits(t *testing.T) {
	needClang(t)
	src := `
void acquire(volatile global int *lock) { while (atomic_cmpxchg(lock, 0, 1) != 0) ; }
kernel void flag_wait(global atomic_int *flag, global int *out) {
	if (get_global_id(0) == 0) while (atomic_load(flag) == 0) ;
	out[get_global_id(0)] = 1;
	if (get_global_id(0) == get_global_size(0) - 1) atomic_store(flag, 1);
}
kernel void locked(volatile global int *lock, global int *count) {
	acquire(lock);
	count[0]++;
	atomic_xchg(lock, 0);
}
kernel void volatile_wait(volatile global int *flag, global int *out) {
	while (flag[0] == 0) ;
	out[get_global_id(0)] = 2;
}
void add_float(volatile global float *p, float v) {
	float old = *p, seen;
	while ((seen = as_float(atomic_cmpxchg((volatile global int *)p, as_int(old), as_int(old + v)))) != old)
		old = seen;
}
kernel void reduce_add(global const float *in, global float *sum, local float *s) {
	size_t l = get_local_id(0);
	s[l] = in[get_global_id(0)];
	barrier(CLK_LOCAL_MEM_FENCE);
	for (size_t k = get_local_size(0) / 2; k > 0; k >>= 1) {
		if (l < k) s[l] += s[l + k];
		barrier(CLK_LOCAL_MEM_FENCE);
	}
	if (l == 0) add_float(sum, s[0]);
}
kernel void counted(global int *c, global int *out, int n) {
	for (int i = 0; i < n; i++) out[i] += i;
	atomic_inc(c);
}
`
	_, b := builtProgram(t, src, "-cl-std=CL2.0")
	want := map[string]bool{"flag_wait": true, "locked": true, "volatile_wait": true, "reduce_add": false, "counted": false}
	for _, k := range b.Kernels {
		w, ok := want[k.Name]
		if !ok {
			continue
		}
		if k.SpinWaits != w {
			t.Errorf("%s: spin-waits %v, want %v", k.Name, k.SpinWaits, w)
		}
		if w && (!k.UsesBarrier || k.Regions) {
			t.Errorf("%s: not on fibers (uses barrier %v, work-group function %v)", k.Name, k.UsesBarrier, k.Regions)
		}
	}
	for _, k := range b.Kernels {
		if k.Name == "reduce_add" && !k.Regions {
			t.Errorf("reduce_add (a retry loop after a tree reduction) is no work-group function any more")
		}
	}
}
