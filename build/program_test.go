package build

import (
	"strings"
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
