package build

import (
	"strings"
	"testing"
)

// TestFlatMasks: a lockstep loop that only computes on its work-item's
// values runs for every work-item, keeping the old values of those that
// have left by selects (no masked block); one that reads global memory
// or divides by a varying value keeps its mask.
func TestFlatMasks(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := "kernel void mandel(global int *out, float cx, int maxit) {\n" +
		"	float x = 0.0f, y = 0.0f, cy = get_global_id(0) * 0.01f; int i = 0;\n" +
		"	while (i < maxit && x * x + y * y <= 4.0f) { float t = x * x - y * y + cx; y = 2.0f * x * y + cy; x = t; i++; }\n" +
		"	out[get_global_id(0)] = i;\n}\n" +
		"kernel void reads(global int *out, global const int *in) {\n" +
		"	int i = get_global_id(0), s = 0;\n" +
		"	while (i > 0) { s += in[i]; i -= 3; }\n" +
		"	out[get_global_id(0)] = s;\n}\n" +
		"kernel void divides(global int *out) {\n" +
		"	int d = get_global_id(0) % 5, q = 0;\n" +
		"	while (d != 0) { q += 1000 / d; d--; }\n" +
		"	out[get_global_id(0)] = q;\n}\n"
	ir := builtIR(t, src)
	for _, c := range []struct {
		kernel  string
		flat    bool
		guarded string // what must stay in a masked block
	}{{"mandel", true, ""}, {"reads", false, "ptr %1,"}, {"divides", false, "div i32 1000, %"}} {
		body := functionIR(t, ir, " @"+c.kernel+"(")
		masked, kept := strings.Contains(body, "\nwi.active"), strings.Contains(body, "%wi.kept")
		if c.flat && (masked || !kept) {
			t.Errorf("%s: masked block %v, kept values %v (want none, and selects) in\n%s", c.kernel, masked, kept, body)
		}
		found, block := false, ""
		for _, line := range strings.Split(body, "\n") {
			if label, _, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(line, " ") {
				block = label
			}
			if c.guarded != "" && strings.Contains(line, c.guarded) {
				found = true
				if !strings.HasPrefix(block, "wi.active") {
					t.Errorf("%s: %q in block %s, not under a mask, in\n%s", c.kernel, strings.TrimSpace(line), block, body)
				}
			}
		}
		if c.guarded != "" && !found {
			t.Errorf("%s: no %q in\n%s", c.kernel, c.guarded, body)
		}
	}
}
