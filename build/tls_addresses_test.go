package build

import (
	"regexp"
	"strings"
	"testing"
)

// A sub-group scan's buffers (thread-local globals the link stage makes)
// are reached through one llvm.threadlocal.address call per function, not
// as constants in the work-item loops (each a TLS descriptor call in
// machine code).
func TestThreadLocalAddressesHoisted(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `kernel void scan(global const float *in, global float *out) {
	size_t i = get_global_id(0);
	out[i] = sub_group_scan_inclusive_add(in[i]);
}`
	_, b := builtProgram(t, src, "-cl-std=CL3.0")
	h, payload, err := decodeBinary(b.Binary)
	if err != nil || !h.Lazy {
		t.Fatalf("binary: lazy %v, %v", h.Lazy, err)
	}
	ir, err := bitcodeText(payload)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^@__gocl_collective_\w+ = .*thread_local .*global `).MatchString(ir) {
		t.Fatalf("no thread-local buffer in the scan's module")
	}
	calls := regexp.MustCompile(`call ptr @llvm\.threadlocal\.address\.p0\(ptr @__gocl_collective_\w+\)`)
	if !calls.MatchString(ir) {
		t.Errorf("the collective buffers are not reached through llvm.threadlocal.address")
	}
	for _, line := range strings.Split(ir, "\n") {
		if strings.HasPrefix(line, "  ") && strings.Contains(line, "@__gocl_collective_") && !calls.MatchString(line) {
			t.Errorf("a direct use of a thread-local buffer is left: %s", strings.TrimSpace(line))
			break
		}
	}
}
