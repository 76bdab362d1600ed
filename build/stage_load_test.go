package build

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"gocl/icd"
)

// A program of many kernels builds without compiling any to code; each is
// compiled when first used, with the kernel objects created but not yet
// used, and the n-th compilation takes at least 2^n kernels; a binary of
// the program compiles lazily too. A program with
// program-scope variables is compiled at once.
func TestLazyKernels(t *testing.T) {
	needClang(t)
	var src strings.Builder
	fmt.Fprintf(&src, "// %s\n", time.Now().Format(time.RFC3339Nano))
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&src, "kernel void k%d(global float *a, int n) { for (int j = 0; j < n; j++) a[get_global_id(0)] += %d; }\n", i, i)
	}
	o, _ := ParseOptions("", false)
	before := kernelsCompiled.get()
	compiled := func() int64 { return kernelsCompiled.get() - before }
	b, code := buildSource(src.String(), o, "")
	if code != icd.CL_SUCCESS || b.Exec == nil {
		t.Fatalf("build: %d\n%s", code, b.Log)
	}
	if n := compiled(); n != 0 {
		t.Errorf("the build compiled %d kernels", n)
	}
	if e, err := b.Exec.Code("k7"); err != nil || e.Groups == 0 && e.Loop == 0 || len(e.ArgSizes) != 2 || e.ArgSizes[1] != 4 {
		t.Fatalf("k7: %+v, %v", e, err)
	}
	if n := compiled(); n != 1 {
		t.Errorf("%d kernels compiled for k7", n)
	}
	for _, k := range []string{"k1", "k2", "k7"} {
		b.Exec.Created(k)
	}
	if _, err := b.Exec.Code("k2"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Exec.Code("k1"); err != nil {
		t.Fatal(err)
	}
	if n := compiled(); n != 3 {
		t.Errorf("%d kernels compiled for k7, then k1 and k2 together", n)
	}
	// The third compilation takes four kernels: k10 and the first three
	// not compiled yet in name order (k0, k11, k12).
	if _, err := b.Exec.Code("k10"); err != nil {
		t.Fatal(err)
	}
	if n := compiled(); n != 7 {
		t.Errorf("%d kernels compiled after a third compilation, want 7", n)
	}
	if _, err := b.Exec.Code("k11"); err != nil || compiled() != 7 {
		t.Errorf("k11 was not in the third compilation: %d compiled, %v", compiled(), err)
	}
	lb, code := LoadBinary(nil, b.Binary)
	if code != icd.CL_SUCCESS {
		t.Fatal(code)
	}
	if lb, code = buildFromBinary(lb, nil, ""); code != icd.CL_SUCCESS || lb.Exec.lazy == nil {
		t.Fatalf("from the binary: %d, %+v", code, lb.Exec)
	}
	if e, err := lb.Exec.Code("k3"); err != nil || e.Groups == 0 && e.Loop == 0 {
		t.Errorf("k3 from the binary: %+v, %v", e, err)
	}
	if _, b := builtProgram(t, measuredSrc, "-cl-std=CL3.0"); b.Exec.lazy != nil {
		t.Errorf("a program with global variables is compiled lazily")
	}
}

// A build makes the same bytes every time: a lazily compiled executable's
// binary is its bitcode, which is also the key of its kernels' code.
func TestLazyBinaryIsReproducible(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_NO_CACHE", "1")
	src := "kernel void a(global int *o) { o[get_global_id(0)] = 1; }\nkernel void b(global int *o) { o[0] = 2; }\n"
	o, _ := ParseOptions("", false)
	x, code := buildSource(src, o, "")
	y, code2 := buildSource(src, o, "")
	if code != icd.CL_SUCCESS || code2 != icd.CL_SUCCESS || x.Exec.lazy == nil {
		t.Fatalf("builds: %d %d", code, code2)
	}
	if string(x.Binary) != string(y.Binary) {
		t.Error("two builds of one source made different binaries")
	}
}

// Kernels compiled together are shared among processes by size: the
// largest first into the least loaded share, no more shares than the
// minimum size allows, every kernel in exactly one share.
func TestSplitByCost(t *testing.T) {
	names := []string{"a", "b", "c", "d", "e"}
	cost := map[string]int{"a": 9000, "b": 1000, "c": 4000, "d": 4000, "e": 1000}
	got := splitByCost(names, cost, 2, 3000)
	want := [][]string{{"a", "e"}, {"b", "c", "d"}} // 10,000 and 9,000
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("two shares: %v, want %v", got, want)
	}
	// Three cores, but 19,000 instructions make only six shares of 3,000:
	// three; with a minimum of 10,000, one.
	if got := splitByCost(names, cost, 3, 3000); len(got) != 3 {
		t.Errorf("three shares: %v", got)
	}
	if got := splitByCost(names, cost, 3, 10000); len(got) != 1 || len(got[0]) != 5 {
		t.Errorf("one share: %v", got)
	}
	// Small kernels stay together; unknown sizes count as one.
	if got := splitByCost(names, nil, 8, 3000); len(got) != 1 {
		t.Errorf("kernels of unknown size: %v", got)
	}
	seen := map[string]int{}
	for _, g := range splitByCost(names, cost, 4, 1) {
		for _, n := range g {
			seen[n]++
		}
	}
	if len(seen) != len(names) {
		t.Errorf("kernels lost or added: %v", seen)
	}
	for n, c := range seen {
		if c != 1 {
			t.Errorf("%s in %d shares", n, c)
		}
	}
}
