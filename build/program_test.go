package build

import (
	"strings"
	"sync"
	"testing"

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
		b.BinaryType != icd.CL_PROGRAM_BINARY_TYPE_NONE || b.Binary != nil || b.GlobalVarSize != 0 {
		t.Errorf("initial build state = %+v", b)
	}
	if p.Executable() != nil {
		t.Errorf("a new program has an executable")
	}
}

func TestBuildWithoutCompiler(t *testing.T) {
	if CompilerAvailable() || LinkerAvailable() {
		t.Skip("a compiler is available")
	}
	p, ctx := newTestProgram(t, FromSource)
	defer ctx.Release()
	defer p.Release()
	calls := 0
	code := p.Build(nil, "-cl-std=CL3.0 -DX=1", func() {
		calls++
		// State changes are visible from the callback.
		if s := p.BuildInfo(0).Status; s != icd.CL_BUILD_ERROR {
			t.Errorf("status in the callback = %d", s)
		}
	})
	if code != icd.CL_COMPILER_NOT_AVAILABLE {
		t.Fatalf("Build = %d, want CL_COMPILER_NOT_AVAILABLE", code)
	}
	if calls != 1 {
		t.Errorf("done called %d times", calls)
	}
	b := p.BuildInfo(0)
	if b.Status != icd.CL_BUILD_ERROR || b.Options != "-cl-std=CL3.0 -DX=1" ||
		!strings.Contains(b.Log, "no OpenCL C compiler") || b.BinaryType != icd.CL_PROGRAM_BINARY_TYPE_NONE {
		t.Errorf("after build: %+v", b)
	}
	if p.Executable() != nil {
		t.Errorf("a failed build made an executable")
	}
	// Only the given devices are built; a build without done works too.
	if code := p.Build([]*device.Device{p.Devices[0]}, "", nil); code != icd.CL_COMPILER_NOT_AVAILABLE {
		t.Errorf("second Build = %d", code)
	}
	if b := p.BuildInfo(0); b.Options != "" {
		t.Errorf("options of the last build = %q", b.Options)
	}
}

func TestCompileWithoutCompiler(t *testing.T) {
	p, ctx := newTestProgram(t, FromSource)
	defer ctx.Release()
	defer p.Release()
	called := false
	if code := p.Compile(nil, "-w", func() { called = true }); code != icd.CL_COMPILER_NOT_AVAILABLE {
		t.Fatalf("Compile = %d", code)
	}
	b := p.BuildInfo(0)
	if !called || b.Status != icd.CL_BUILD_ERROR || b.Options != "-w" || !strings.Contains(b.Log, "compile") {
		t.Errorf("after compile: called=%v %+v", called, b)
	}
}

func TestBuildRefusals(t *testing.T) {
	p, ctx := newTestProgram(t, FromSource)
	defer ctx.Release()
	defer p.Release()

	p.AttachKernel()
	if code := p.Build(nil, "", func() { t.Error("done ran for a refused build") }); code != icd.CL_INVALID_OPERATION {
		t.Errorf("Build with a kernel attached = %d", code)
	}
	p.DetachKernel()
	if p.RefCount() != 1 {
		t.Errorf("RefCount after detach = %d", p.RefCount())
	}

	p.mu.Lock()
	p.builds[0].Status = icd.CL_BUILD_IN_PROGRESS
	p.mu.Unlock()
	if code := p.Build(nil, "", nil); code != icd.CL_INVALID_OPERATION {
		t.Errorf("Build during a build = %d", code)
	}
	if code := p.Compile(nil, "", nil); code != icd.CL_INVALID_OPERATION {
		t.Errorf("Compile during a build = %d", code)
	}
	p.mu.Lock()
	p.builds[0].Status = icd.CL_BUILD_NONE
	p.mu.Unlock()

	bi := NewProgram(ctx, ctx.Devices, FromBuiltIn, "", nil)
	defer bi.Release()
	if code := bi.Build(nil, "", nil); code != icd.CL_INVALID_OPERATION {
		t.Errorf("Build of a built-in kernel program = %d", code)
	}

	bin := NewProgram(ctx, ctx.Devices, FromBinary, "", nil)
	defer bin.Release()
	if code := bin.Build(nil, "", nil); code != icd.CL_INVALID_BINARY {
		t.Errorf("Build of a program without binaries = %d", code)
	}
}

func TestExecutable(t *testing.T) {
	p, ctx := newTestProgram(t, FromSource)
	defer ctx.Release()
	defer p.Release()
	p.mu.Lock()
	p.builds[0] = DeviceBuild{Status: icd.CL_BUILD_SUCCESS, BinaryType: icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT}
	p.mu.Unlock()
	if p.Executable() != nil {
		t.Errorf("a compiled object is not an executable")
	}
	p.mu.Lock()
	p.builds[0] = DeviceBuild{Status: icd.CL_BUILD_SUCCESS, BinaryType: icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE, KernelNames: []string{"k"}}
	p.mu.Unlock()
	if e := p.Executable(); e == nil || len(e.KernelNames) != 1 {
		t.Errorf("Executable = %+v", e)
	}
}

func TestLink(t *testing.T) {
	a, ctx := newTestProgram(t, FromSource)
	defer ctx.Release()
	defer a.Release()
	b := NewProgram(ctx, ctx.Devices, FromSource, "", nil)
	defer b.Release()
	if p, code := Link(ctx, nil, "", []*Program{a, b}); p != nil || code != icd.CL_LINKER_NOT_AVAILABLE {
		t.Errorf("Link of uncompiled programs = %v, %d", p, code)
	}
	a.mu.Lock()
	a.builds[0] = DeviceBuild{Status: icd.CL_BUILD_SUCCESS, BinaryType: icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT, Binary: []byte{1}}
	a.mu.Unlock()
	if p, code := Link(ctx, nil, "", []*Program{a, b}); p != nil || code != icd.CL_INVALID_OPERATION {
		t.Errorf("Link of one compiled and one uncompiled program = %v, %d", p, code)
	}
}

func TestLoadBinaryAndBuiltIns(t *testing.T) {
	_, dev := device.Root()
	if _, code := LoadBinary(dev, []byte("\x7fELF")); code != icd.CL_INVALID_BINARY {
		t.Errorf("LoadBinary = %d", code)
	}
	if n := BuiltInKernels(dev); len(n) != 0 {
		t.Errorf("built-in kernels %v", n)
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

func TestConcurrentBuilds(t *testing.T) {
	p, ctx := newTestProgram(t, FromSource)
	defer ctx.Release()
	defer p.Release()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				code := p.Build(nil, "-O", nil)
				if code != icd.CL_COMPILER_NOT_AVAILABLE && code != icd.CL_INVALID_OPERATION {
					t.Errorf("Build = %d", code)
					return
				}
				_ = p.BuildInfo(0)
				_ = p.Builds()
				_ = p.Executable()
			}
		}()
	}
	wg.Wait()
}
