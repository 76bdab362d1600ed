package build

import (
	"os"
	"strings"
	"testing"
	"time"

	"gocl/device"
	"gocl/icd"
)

func TestJoinSource(t *testing.T) {
	for _, c := range []struct {
		parts []string
		want  string
	}{
		{nil, ""},
		{[]string{""}, ""},
		{[]string{"kernel void f() {}"}, "kernel void f() {}"},
		{[]string{"a", "b", "c"}, "abc"},
		{[]string{"a\x00b", "\x00c\x00"}, "abc"},
		{[]string{"\x00\x00"}, ""},
	} {
		var parts [][]byte
		for _, p := range c.parts {
			parts = append(parts, []byte(p))
		}
		if got := JoinSource(parts); got != c.want {
			t.Errorf("JoinSource(%q) = %q, want %q", c.parts, got, c.want)
		}
	}
}

func TestSplitNames(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"", []string{""}},
		{"a", []string{"a"}},
		{"a;b", []string{"a", "b"}},
		{" a ; b;;c", []string{"a", "b", "", "c"}},
	} {
		got := SplitNames(c.in)
		if strings.Join(got, "|") != strings.Join(c.want, "|") || len(got) != len(c.want) {
			t.Errorf("SplitNames(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func newTestProgram(t *testing.T, origin Origin) (*Program, *device.Context) {
	t.Helper()
	_, dev := device.Root()
	ctx := device.NewContext([]*device.Device{dev}, nil, nil)
	p := NewProgram(ctx, ctx.Devices, origin, "kernel void k() {}", nil)
	return p, ctx
}

func TestNewProgramState(t *testing.T) {
	p, ctx := newTestProgram(t, FromSource)
	defer ctx.Release()
	defer p.Release()
	if p.RefCount() != 1 {
		t.Errorf("RefCount = %d, want 1", p.RefCount())
	}
	if len(p.Devices) != 1 || p.DeviceIndex(p.Devices[0]) != 0 {
		t.Fatalf("devices = %v", p.Devices)
	}
	if p.DeviceIndex(&device.Device{}) != -1 {
		t.Errorf("DeviceIndex of a foreign device is not -1")
	}
	b := p.BuildInfo(0)
	if b.Status != icd.CL_BUILD_NONE || b.Options != "" || b.Log != "" ||
		b.BinaryType != icd.CL_PROGRAM_BINARY_TYPE_NONE || b.Binary != nil || b.GlobalVarSize() != 0 {
		t.Errorf("initial build state = %+v", b)
	}
	if p.Executable() != nil {
		t.Errorf("a new program has an executable")
	}
}

func TestReleaseCallbacksAndLifetime(t *testing.T) {
	p, ctx := newTestProgram(t, FromSource)
	var order []int
	p.AddReleaseCallback(func() { order = append(order, 1) })
	p.AddReleaseCallback(func() { order = append(order, 2) })
	ctxRefs := ctx.RefCount()
	p.Retain()
	p.Release()
	if len(order) != 0 {
		t.Fatalf("callbacks ran while the program is referenced")
	}
	// A kernel keeps the program alive after the application's last release.
	p.AttachKernel()
	p.Release()
	if len(order) != 0 {
		t.Fatalf("callbacks ran while a kernel holds the program")
	}
	p.DetachKernel()
	if len(order) != 2 || order[0] != 2 || order[1] != 1 {
		t.Errorf("callbacks ran as %v, want [2 1]", order)
	}
	if ctx.RefCount() != ctxRefs {
		t.Errorf("context references changed")
	}
	if _, ok := icd.Get[*Program](p.Handle(), icd.KindProgram); ok {
		t.Errorf("released program handle is still valid")
	}
	ctx.Release()
}

const measuredSrc = `
global int counter = 1;
global float table[256];
__attribute__((reqd_work_group_size(8, 1, 1))) __attribute__((vec_type_hint(float4)))
kernel void tile(global int *o, local int *arg) {
	local int t[10];
	local long u[4];
	size_t l = get_local_id(0);
	t[l % 10] = (int)l; u[l % 4] = counter;
	barrier(CLK_LOCAL_MEM_FENCE);
	o[get_global_id(0)] = t[(l + 1) % 10] + (int)u[0] + arg[0] + (int)table[l];
}
kernel void priv(global int *o, int n) {
	volatile int buf[300];
	for (int i = 0; i < 300; i++) buf[i] = i * n;
	o[get_global_id(0)] = buf[get_global_id(0) % 300];
	// A function-scope __global variable, counted whole although the
	// optimizer keeps only the element that is used.
	static global struct { char c; int4 v; } calls = {'c', (int4)(0, 1, 2, 3)};
	calls.v.x += n;
}
`

func builtProgram(t *testing.T, src, options string) (*Program, *DeviceBuild) {
	t.Helper()
	p, ctx := newTestProgram(t, FromSource)
	t.Cleanup(func() { p.Release(); ctx.Release() })
	p.Source = src
	if code := p.Build(nil, options, nil); code != icd.CL_SUCCESS {
		t.Fatalf("build: %d\n%s", code, p.BuildInfo(0).Log)
	}
	return p, p.Executable()
}

// What a build measures in its shared object, and what it reads from the
// kernels' metadata; binaries carry it.
func TestBuildMeasures(t *testing.T) {
	needClang(t)
	p, b := builtProgram(t, measuredSrc, "-cl-std=CL3.0 -cl-kernel-arg-info")
	if b.Meta.GlobalVarSize != 4+256*4+32 {
		t.Errorf("global variables: %d bytes, want %d", b.Meta.GlobalVarSize, 4+256*4+32)
	}
	if b.Meta.LocalMem["tile"] != 10*4+4*8 || b.Meta.LocalMem["priv"] != 0 {
		t.Errorf("kernel-scope __local: %v", b.Meta.LocalMem)
	}
	if b.Meta.PrivateMem["priv"] < 300*4 || b.Meta.PrivateMem["tile"] >= 300*4 {
		t.Errorf("private memory: %v", b.Meta.PrivateMem)
	}
	if !b.Meta.NonUniform || len(b.Meta.ArgInfo) != 2 || !p.ArgInfoAvailable("tile") {
		t.Errorf("meta: %+v", b.Meta)
	}
	var tile *KernelInfo
	for i := range b.Kernels {
		if b.Kernels[i].Name == "tile" {
			tile = &b.Kernels[i]
		}
	}
	if tile == nil || tile.Attributes != "vec_type_hint(float4) reqd_work_group_size(8,1,1)" {
		t.Errorf("tile: %+v", tile)
	}
	// The binary carries it all.
	lb, code := LoadBinary(nil, b.Binary)
	if code != icd.CL_SUCCESS || lb.Meta.GlobalVarSize != b.Meta.GlobalVarSize || lb.Meta.LocalMem["tile"] != 72 ||
		lb.BinaryType != icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE || lb.Status != icd.CL_BUILD_NONE {
		t.Errorf("loaded binary: %+v, %d", lb.Meta, code)
	}
	// Options that change what the API answers.
	_, b = builtProgram(t, measuredSrc, "-cl-std=CL3.0 -cl-uniform-work-group-size")
	if b.Meta.NonUniform || len(b.Meta.ArgInfo) != 0 {
		t.Errorf("uniform, no arg info: %+v", b.Meta)
	}
}

// A program with global variables gets its own copy of them: two programs
// built from one source do not share an executable.
func TestGlobalsArePerProgram(t *testing.T) {
	needClang(t)
	_, a := builtProgram(t, measuredSrc, "-cl-std=CL3.0")
	_, b := builtProgram(t, measuredSrc, "-cl-std=CL3.0")
	if a.Exec == b.Exec || a.Exec.handle == b.Exec.handle {
		t.Error("two programs with global variables share their code")
	}
	_, c := builtProgram(t, "kernel void k(global int *o) { o[0] = 1; }", "")
	_, d := builtProgram(t, "kernel void k(global int *o) { o[0] = 1; }", "")
	if c.Exec.handle != d.Exec.handle {
		t.Error("two programs without global variables do not share their code")
	}
}

// With a callback, Build returns at once; the build is in progress until
// the callback.
func TestAsynchronousBuild(t *testing.T) {
	needClang(t)
	p, ctx := newTestProgram(t, FromSource)
	defer ctx.Release()
	defer p.Release()
	p.Source = "kernel void k(global int *o) { o[0] = " + time.Now().Format("150405.000000000") + "f; }"
	done := make(chan int32, 2)
	if code := p.Build(nil, "", func() { done <- p.BuildInfo(0).Status }); code != icd.CL_SUCCESS {
		t.Fatalf("Build = %d", code)
	}
	if st := p.BuildInfo(0).Status; st != icd.CL_BUILD_IN_PROGRESS {
		t.Errorf("status right after an asynchronous Build: %d", st)
	}
	if code := p.Build(nil, "", nil); code != icd.CL_INVALID_OPERATION {
		t.Errorf("a second build during the first: %d", code)
	}
	select {
	case st := <-done:
		if st != icd.CL_BUILD_SUCCESS {
			t.Errorf("status in the callback: %d\n%s", st, p.BuildInfo(0).Log)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("no callback")
	}
	if p.Executable() == nil {
		t.Error("no executable after the callback")
	}
}

// A second build of an unchanged program comes from the cache in
// milliseconds; a damaged cache entry is rebuilt.
func TestBuildCache(t *testing.T) {
	needClang(t)
	src := "kernel void k(global int *o) { o[get_global_id(0)] = " + time.Now().Format("150405.000000000") + "f; }"
	o, _ := ParseOptions("", false)
	start := time.Now()
	if _, code := buildSource(src, o, ""); code != icd.CL_SUCCESS {
		t.Fatal(code)
	}
	cold := time.Since(start)
	start = time.Now()
	b, code := buildSource(src, o, "")
	warm := time.Since(start)
	if code != icd.CL_SUCCESS || b.Exec == nil {
		t.Fatal(code)
	}
	t.Logf("build: %v, again: %v", cold, warm)
	if warm > 50*time.Millisecond {
		t.Errorf("a cached build took %v", warm)
	}
	key, _ := cacheKey("build", src, "")
	path := cachePath(key)
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, whole[:len(whole)/3], 0o644)
	if b, code := buildSource(src, o, ""); code != icd.CL_SUCCESS || b.Exec == nil {
		t.Fatalf("build with a truncated entry: %d", code)
	}
	if again, _ := os.ReadFile(path); len(again) != len(whole) {
		t.Errorf("the entry was not rewritten: %d bytes, want %d", len(again), len(whole))
	}
}
