package build

import (
	"strings"
	"testing"
)

// A diamond around sqrt and a triangle around fabs become selects; the
// branch around an atomic stays.
func TestFoldPureBranches(t *testing.T) {
	needClang(t)
	m := frontEndModule(t, `kernel void pure(global const float *in, global float *out, global int *cnt) {
	int i = get_global_id(0); float v = in[i];
	float r = v > 4.0f ? sqrt(v) : v * 0.5f;
	if (v < 2.0f) r += fabs(v - 1.0f) + (float)(i % 3);
	if (v > 6.0f) atomic_inc(cnt);
	out[i] = r;
}`, "")
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		t.Fatal(err)
	}
	// (As the work-group stage has it by then: in registers, simplified.)
	if err := m.runPasses(a.regionAPI, "function(sroa,early-cse,simplifycfg,instcombine<no-verify-fixpoint>)"); err != nil {
		t.Fatal(err)
	}
	branches := func() int {
		ir, err := bitcodeText(m.bitcode())
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(functionIR(t, ir, "@pure("), "br i1 ")
	}
	if n := branches(); n < 2 {
		t.Fatalf("the front end made %d conditional branches; the test needs the sqrt's", n)
	}
	if err := m.foldPureBranches(a, []string{"pure"}); err != nil {
		t.Fatal(err)
	}
	if n := branches(); n != 1 {
		t.Errorf("%d conditional branches after folding, want 1 (the atomic's)", n)
	}
}
