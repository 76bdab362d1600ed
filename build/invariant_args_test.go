package build

import (
	"strings"
	"testing"
)

// The loads of a kernel's arguments from the argument block in its
// __gocl_body_ (the slot pointers, then the values, four of each here) are
// marked invariant, and nothing else is: not the kernel's own loads.
func TestInvariantArguments(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `kernel void halfc(global const float *in, global float *out, int w, float k) {
	int i = get_global_id(0) + get_global_id(1) * w;
	float v = vload_half(i, (const global half *)in);
	vstore_half_rte(v * k + in[1], i, (global half *)out);
}`
	ir := builtIR(t, src)
	count := func(fn string) (loads, invariant int) {
		for _, line := range strings.Split(functionIR(t, ir, "@"+fn+"("), "\n") {
			if strings.Contains(line, " = load ") {
				loads++
				if strings.Contains(line, "!invariant.load") {
					invariant++
				}
			}
		}
		return loads, invariant
	}
	if loads, invariant := count("__gocl_body_halfc"); loads != 8 || invariant != 8 {
		t.Errorf("__gocl_body_halfc: %d of its %d loads marked invariant, want 8 of 8", invariant, loads)
	}
	if loads, invariant := count("halfc"); loads == 0 || invariant != 0 {
		t.Errorf("the kernel: %d of its %d loads marked invariant, want none", invariant, loads)
	}
}
