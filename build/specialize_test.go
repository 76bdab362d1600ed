package build

import (
	"fmt"
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
	o, _ := ParseOptions("", false)
	b, code := buildSource(src, o, "")
	if code != icd.CL_SUCCESS || b.Exec == nil || b.Exec.lazy == nil {
		t.Fatalf("build: %d\n%s", code, b.Log)
	}
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

// fixLocalSize leaves no call that asks for the local size with a
// constant dimension.
func TestFixLocalSize(t *testing.T) {
	needClang(t)
	o, _ := ParseOptions("-cl-std=CL3.0", false)
	obj, _, err := compileWithPrelude("kernel void k(global long *a) { a[0] = get_local_size(0) * 7 + get_local_size(2) + get_enqueued_local_size(1); }\n", nil, o)
	if err != nil {
		t.Fatal(err)
	}
	m, err := parseBitcode(obj.Bitcode)
	if err != nil {
		t.Fatal(err)
	}
	defer m.dispose()
	m.fixLocalSize([3]uint64{16, 4, 2})
	for _, name := range []string{"_Z14get_local_sizej", "_Z23get_enqueued_local_sizej"} {
		if fn := m.api.GetNamedFunction(m.mod, name); fn != 0 && m.api.GetFirstUse(fn) != 0 {
			t.Errorf("%s is still called", name)
		}
	}
}
