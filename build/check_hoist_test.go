package build

import (
	"strings"
	"testing"
)

// TestHoistedChecks: in a checked build, the accesses of a work-item loop
// whose offsets are affine in the work-item (o[g], m[k * n + g], t[31 -
// l]) run under the loop's once-made check (check.hoisted); those whose
// offset is not (x[g * g]) keep only their own.
func TestHoistedChecks(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	t.Setenv("GOCL_CHECK", "1")
	src := `
kernel void columns(global const float *m, global float *o, int n) {
	int g = get_global_id(0);
	float acc = 0.0f;
	for (int k = 0; k < n; k++) acc += m[k * (int)get_global_size(0) + g];
	o[g] = acc;
}
kernel void squares(global const float *x, global float *o, int n) {
	int g = get_global_id(0);
	float acc = 0.0f;
	for (int k = 0; k < n; k++) acc += x[g * g] * k;
	o[g * g] = acc;
}
`
	ir := builtIR(t, src)
	body := func(name string) string { return functionIR(t, ir, "@__gocl_groups_"+name+"(") }
	// columns: the load of m and the store to o, both hoisted.
	if c := body("columns"); strings.Count(c, "%check.hoisted") < 2 {
		t.Errorf("columns: %d hoisted checks (want 2) in\n%s", strings.Count(c, "%check.hoisted"), c)
	}
	// squares: none (both offsets are g * g).
	if s := body("squares"); strings.Count(s, "%check.hoisted") != 0 || strings.Count(s, "%check.ok") < 2 {
		t.Errorf("squares: %d hoisted checks of %d (want none of 2) in\n%s", strings.Count(s, "%check.hoisted"), strings.Count(s, "%check.ok"), s)
	}
}
