package build

import (
	"strings"
	"testing"
)

// Divisions in work-item loops get the fast path where the divisor is the
// same for the loop and the dividend affine in x: by an argument, or by a
// conversion of one; not by a constant (LLVM's own), a divisor that varies
// with the work-item, or a dividend that is not affine (a square, a load).
func TestUniformDivisions(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `
kernel void fast(global uint *o, uint w, long v) {
	size_t g = get_global_id(0);
	o[g] = g / w + (g * 3 + 1) % v;
	barrier(CLK_GLOBAL_MEM_FENCE);
	for (int k = 0; k < 4; k++) o[g] += (int)g % (int)w;
}
kernel void slow(global uint *o, uint w) {
	size_t g = get_global_id(0);
	o[g] = g / 7 + w / (g + 1) + g / (g + w) + (g * g) % w + o[g + 1] / w;
	barrier(CLK_GLOBAL_MEM_FENCE);
}
`
	ir := builtIR(t, src)
	body := func(name string) string { return functionIR(t, ir, "@"+name+"(") }
	// (The loop over k may be unrolled: its division then has a copy
	// per iteration.)
	if f := body("fast"); strings.Count(f, "%div.rcp") < 3 {
		t.Errorf("fast: %d divisions with the fast path (want 3 or more) in\n%s", strings.Count(f, "%div.rcp"), f)
	}
	if s := body("slow"); strings.Count(s, "%div.rcp") != 0 {
		t.Errorf("slow: %d divisions with the fast path (want none) in\n%s", strings.Count(s, "%div.rcp"), s)
	}
}
