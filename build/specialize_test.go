package build

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"gocl/icd"
)

// A work-group function gets code for its shape: at once with
// GOCL_SPECIALIZE=1, and otherwise once the generic code has been launched
// often enough and long enough in that shape (compiled in the
// background); a kernel that is no
// work-group function (a kernel that synchronizes and has no loop), or a
// shape seen after the bound, keeps the generic
// code. The shaped code has no call left that asks for the local size.
func TestShapedGroups(t *testing.T) {
	needClang(t)
	src := fmt.Sprintf("// %d\n", time.Now().UnixNano()) +
		"kernel void red(global int *a, local int *s) {\n" +
		"  size_t l = get_local_id(0);\n" +
		"  s[l] = a[get_global_id(0)];\n" +
		"  barrier(CLK_LOCAL_MEM_FENCE);\n" +
		"  for (size_t k = get_local_size(0) / 2; k > 0; k >>= 1) {\n" +
		"    if (l < k) s[l] += s[l + k];\n" +
		"    barrier(CLK_LOCAL_MEM_FENCE);\n" +
		"  }\n" +
		"  if (l == 0) a[get_group_id(0)] = s[0]; }\n" +
		"kernel void add(global int *a) { atomic_inc(a); }\n"
	b := lazyBuild(t, src)
	e, err := b.Exec.Code("red")
	if err != nil || e.Groups == 0 {
		t.Fatalf("red is not a work-group function: %+v, %v", e, err)
	}
	if _, err := b.Exec.Code("add"); err != nil {
		t.Fatal(err)
	}
	defer func(v string) { Specialize = v }(Specialize)

	Specialize = "1"
	shaped, ran := b.Exec.ShapedGroups("red", [3]uint64{64, 1, 1})
	if shaped == 0 || shaped == e.Groups || ran != nil {
		t.Errorf("GOCL_SPECIALIZE=1: %#x (generic %#x), ran %v", shaped, e.Groups, ran != nil)
	}
	if again, _ := b.Exec.ShapedGroups("red", [3]uint64{64, 1, 1}); again != shaped {
		t.Errorf("the shape compiled twice: %#x, %#x", shaped, again)
	}
	if add, _ := b.Exec.ShapedGroups("add", [3]uint64{64, 1, 1}); add != 0 {
		t.Errorf("a kernel that is no work-group function got shaped code")
	}

	Specialize = "auto"
	local := [3]uint64{32, 1, 1}
	first, ran := b.Exec.ShapedGroups("red", local)
	if first != 0 || ran == nil {
		t.Fatalf("auto: shaped code before any run: %#x", first)
	}
	for i := 0; i < specializeLaunches; i++ {
		ran(specializeAfter / 4) // launched often, but short
	}
	time.Sleep(10 * time.Millisecond)
	if p, _ := b.Exec.ShapedGroups("red", local); p != 0 {
		t.Errorf("compiled after %d launches of %.1f ms", specializeLaunches, specializeAfter/4/1e6)
	}
	local2 := [3]uint64{128, 1, 1}
	_, ran2 := b.Exec.ShapedGroups("red", local2)
	for i := 1; i < specializeLaunches; i++ {
		ran2(specializeAfter)
	}
	time.Sleep(10 * time.Millisecond)
	if p, _ := b.Exec.ShapedGroups("red", local2); p != 0 {
		t.Errorf("compiled after %d long launches", specializeLaunches-1)
	}
	ran(specializeAfter)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if p, _ := b.Exec.ShapedGroups("red", local); p != 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the shape was never compiled")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// lazyBuild builds src to an executable whose kernels compile on demand.
func lazyBuild(t *testing.T, src string) DeviceBuild {
	t.Helper()
	o, _ := ParseOptions("", false)
	b, code := buildSource(src, o, "")
	if code != icd.CL_SUCCESS || b.Exec == nil || b.Exec.lazy == nil {
		t.Fatalf("build: %d\n%s", code, b.Log)
	}
	return b
}

// frontEndModule is src through the front end with options, as a module
// (disposed when the test ends).
func frontEndModule(t *testing.T, src, options string) *module {
	t.Helper()
	o, _ := ParseOptions(options, false)
	obj, _, err := compileWithPrelude(src, nil, o)
	if err != nil {
		t.Fatal(err)
	}
	m, err := parseBitcode(obj.Bitcode)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.dispose)
	return m
}

// fixLocalSize leaves no call that asks for the local size with a
// constant dimension.
func TestFixLocalSize(t *testing.T) {
	needClang(t)
	m := frontEndModule(t, "kernel void k(global long *a) { a[0] = get_local_size(0) * 7 + get_local_size(2) + get_enqueued_local_size(1); }\n", "-cl-std=CL3.0")
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		t.Fatal(err)
	}
	m.fixLocalSize(a, [3]uint64{16, 4, 2})
	for _, name := range []string{"_Z14get_local_sizej", "_Z23get_enqueued_local_sizej"} {
		if fn := m.api.GetNamedFunction(m.mod, name); fn != 0 && m.api.GetFirstUse(fn) != 0 {
			t.Errorf("%s is still called", name)
		}
	}
}

// In the code for a known shape, a work-item loop over a row of several
// vectors is interleaved, unless its work-items each load vectors from
// memory (a float4 argument's elements): interleaved, those spilled (the
// float4 bandwidth kernel, 688 spill instructions against 79).
func TestShapedInterleave(t *testing.T) {
	needClang(t)
	src := "kernel void bandwidth(global const float4 *in, global float *out) {\n" +
		"  size_t i = get_global_id(0), n = get_global_size(0); float4 s = 0;\n" +
		"  for (int k = 0; k < 16; k++) s += in[i + k * n];\n" +
		"  out[i] = s.x + s.y + s.z + s.w; }\n" +
		"kernel void chain(global float *a) {\n" +
		"  size_t i = get_global_id(0); float x = a[i], y = x * 0.5f;\n" +
		"  for (int k = 0; k < 256; k++) x = x * y + 1.0f;\n" +
		"  a[i] = x; }\n"
	ir := shapedIR(t, src, [3]uint64{256, 1, 1})
	// bandwidth's loop of 16 loads is unrolled before the transform
	// (wgloops.go): one work-item loop, which loads 16 vectors a work-item.
	for kernel, want := range map[string]string{"bandwidth": "i32 1", "chain": "i32 4 i32 4"} {
		counts := loopInterleaves(ir, functionIR(t, ir, "@"+kernel+"("))
		slices.Sort(counts)
		if got := strings.Join(counts, " "); got != want {
			t.Errorf("%s: work-item loops interleaved %q, want %q", kernel, got, want)
		}
	}
}

// shapedIR is the text of src's module compiled for local size local.
func shapedIR(t *testing.T, src string, local [3]uint64) string {
	t.Helper()
	b := lazyBuild(t, src)
	m, err := parseBitcode(b.Exec.lazy.bitcode)
	if err != nil {
		t.Fatal(err)
	}
	defer m.dispose()
	m.specialize(local)
	ir, err := bitcodeText(m.bitcode())
	if err != nil {
		t.Fatal(err)
	}
	return ir
}

// loopInterleaves is the interleave count ("i32 N") of each loop of fn
// (text in module ir) that has one.
func loopInterleaves(ir, fn string) []string {
	return loopHints(ir, fn, "llvm.loop.interleave.count")
}

// loopHints is the value ("i32 N", "i1 true") of the loop hint named hint
// in each loop of fn (text in module ir) that has it.
func loopHints(ir, fn, hint string) []string {
	md := map[string]string{} // "!N" → its definition
	for _, line := range strings.Split(ir, "\n") {
		if name, def, ok := strings.Cut(line, " = "); ok && strings.HasPrefix(name, "!") {
			md[name] = def
		}
	}
	var counts []string
	for _, line := range strings.Split(fn, "\n") {
		_, id, ok := strings.Cut(line, "!llvm.loop ")
		if !ok {
			continue
		}
		for _, prop := range strings.Split(strings.Trim(strings.TrimPrefix(md[id], "distinct "), "!{}"), ", ") {
			if d := md["!"+strings.TrimPrefix(prop, "!")]; strings.Contains(d, `"`+hint+`"`) {
				counts = append(counts, d[strings.LastIndex(d, ", ")+2:len(d)-1])
			}
		}
	}
	return counts
}

// Shaped code runs only launches whose global ids are below 2^31, so a
// guard on the global id as a 32-bit int needs no test of whether the id
// wraps within a row ("wi.nowrap", which generic code keeps). A guard on
// the sub-group's first work-item keeps its test of whether the rows are
// whole sub-groups ("wi.exact"; here they are not).
func TestExactRuns(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := "kernel void k(global float4 *v, int n) {\n" +
		"  int x = get_global_id(0);\n  if (x < n) v[x] = v[x] * 2.0f; }\n"
	if generic := functionIR(t, builtIR(t, src), "@k("); !strings.Contains(generic, "wi.nowrap") {
		t.Fatalf("generic code has no wrap test (the test needs one):\n%s", generic)
	}
	if shaped := functionIR(t, shapedIR(t, src, [3]uint64{64, 1, 1}), "@k("); strings.Contains(shaped, "wi.nowrap") {
		t.Errorf("shaped code tests whether ids wrap:\n%s", shaped)
	}
	steps := "kernel void s(global int *o) {\n" +
		"  if (get_local_linear_id() % 16 == 0) o[get_global_id(0) / 16] = 1; }\n"
	if shaped := functionIR(t, shapedIR(t, steps, [3]uint64{24, 2, 1}), "@s("); !strings.Contains(shaped, "wi.exact") {
		t.Errorf("shaped code lost the test of whole steps:\n%s", shaped)
	}
}

// A shape of a kernel with barriers whose generic code has run
// specializeRaise without its own code coming raises the background work
// to normal priority, once; a shape whose code came, or whose compilation
// has not started, or a kernel without barriers, does not.
func TestSpecializeRaise(t *testing.T) {
	raised := 0
	old := raiseIdleWork
	raiseIdleWork = func() { raised++ }
	defer func() { raiseIdleWork = old }()
	regions := &KernelInfo{Name: "k", UsesBarrier: true, Regions: true}
	s := newShapedCode(nil, regions, [3]uint64{16, 16, 1})
	s.started.Store(true) // (compiling: recordRun starts nothing here)
	for _, step := range []struct {
		ns   int64
		want int
	}{{100e6, 0}, {40e6, 0}, {10e6, 1}, {200e6, 1}} {
		s.recordRun(step.ns)
		if raised != step.want {
			t.Fatalf("after %d ns more (%d in all): raised %d times, want %d", step.ns, s.ran.Load(), raised, step.want)
		}
	}
	done := newShapedCode(nil, regions, [3]uint64{16, 16, 1})
	done.started.Store(true)
	done.entry.Store(1)
	done.recordRun(500e6)
	idle := newShapedCode(nil, regions, [3]uint64{16, 16, 1})
	idle.runs.Store(-1000) // (never due: no compilation starts)
	idle.recordRun(500e6)
	plain := newShapedCode(nil, &KernelInfo{Name: "k"}, [3]uint64{256, 1, 1})
	plain.started.Store(true)
	plain.recordRun(500e6)
	if raised != 1 {
		t.Errorf("raised %d times, want 1: a shape whose code came, whose compilation never started, or of a kernel without barriers raised it", raised)
	}
}
