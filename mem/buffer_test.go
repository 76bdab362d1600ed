package mem

import (
	"testing"
	"unsafe"

	"gocl/device"
	"gocl/icd"
)

func bufferTestContext(t *testing.T) *device.Context {
	t.Helper()
	_, dev := device.Root()
	ctx := device.NewContext([]*device.Device{dev}, nil, nil)
	t.Cleanup(ctx.Release)
	return ctx
}

func TestCheckFlags(t *testing.T) {
	bits := []uint64{icd.CL_MEM_READ_WRITE, icd.CL_MEM_WRITE_ONLY, icd.CL_MEM_READ_ONLY,
		icd.CL_MEM_USE_HOST_PTR, icd.CL_MEM_ALLOC_HOST_PTR, icd.CL_MEM_COPY_HOST_PTR,
		icd.CL_MEM_HOST_WRITE_ONLY, icd.CL_MEM_HOST_READ_ONLY, icd.CL_MEM_HOST_NO_ACCESS}
	valid := 0
	for combo := 0; combo < 1<<len(bits); combo++ {
		var f uint64
		for i, b := range bits {
			if combo&(1<<i) != 0 {
				f |= b
			}
		}
		if CheckFlags(f, bufferFlags) == icd.CL_SUCCESS {
			valid++
		}
	}
	// 4 access × 4 host access × 5 host-pointer choices.
	if valid != 80 {
		t.Errorf("%d valid flag combinations, want 80", valid)
	}
	if CheckFlags(1<<20, bufferFlags) != icd.CL_INVALID_VALUE {
		t.Error("an unknown bit is accepted")
	}
}

func TestBufferFlagsAndSubBuffers(t *testing.T) {
	ctx := bufferTestContext(t)
	align := ctx.MemBaseAlign()
	b, code := NewBuffer(ctx, 0, 4*align, nil, nil)
	if code != icd.CL_SUCCESS {
		t.Fatal(code)
	}
	defer b.Release()
	if b.Flags != 0 {
		t.Errorf("CL_MEM_FLAGS of a buffer made with 0 is 0x%x", b.Flags)
	}
	s, code := b.NewSubBuffer(icd.CL_MEM_READ_ONLY, align, align)
	if code != icd.CL_SUCCESS || s.Flags != icd.CL_MEM_READ_ONLY || s.Offset != align || s.Parent != b {
		t.Fatalf("sub-buffer: code %d", code)
	}
	defer s.Release()
	if _, code := s.NewSubBuffer(0, 0, 8); code != icd.CL_INVALID_MEM_OBJECT {
		t.Errorf("sub-buffer of a sub-buffer: %d", code)
	}
	for _, c := range []struct {
		origin, size uintptr
		want         int32
	}{
		{0, 0, icd.CL_INVALID_BUFFER_SIZE},
		{0, 4*align + 1, icd.CL_INVALID_VALUE},
		{4 * align, 1, icd.CL_INVALID_VALUE},
		{align, ^uintptr(0) - align + 1, icd.CL_INVALID_VALUE},
		{1, 8, icd.CL_MISALIGNED_SUB_BUFFER_OFFSET},
		{3 * align, align, icd.CL_SUCCESS},
	} {
		sub, code := b.NewSubBuffer(0, c.origin, c.size)
		if code != c.want {
			t.Errorf("region (%d, %d): %d, want %d", c.origin, c.size, code, c.want)
		}
		if sub != nil {
			sub.Release()
		}
	}
	// Data is shared.
	p, _ := b.Ptr()
	q, _ := s.Ptr()
	if uintptr(q)-uintptr(p) != align || !SameStorage(b, s) {
		t.Error("the sub-buffer does not point into its parent")
	}
}

func TestDestructorOrder(t *testing.T) {
	ctx := bufferTestContext(t)
	align := ctx.MemBaseAlign()
	host := make([]byte, 4*align)
	b, _ := NewBuffer(ctx, icd.CL_MEM_USE_HOST_PTR, 4*align, unsafe.Pointer(&host[0]), nil)
	var order []string
	b.AddDestructor(func() { order = append(order, "parent 1") })
	b.AddDestructor(func() { order = append(order, "parent 2") })
	s, _ := b.NewSubBuffer(0, align, align)
	s.AddDestructor(func() { order = append(order, "sub") })
	if s.HostPtr != unsafe.Pointer(&host[align]) {
		t.Error("the sub-buffer's CL_MEM_HOST_PTR is not host_ptr + origin")
	}
	b.Release()
	if len(order) != 0 {
		t.Fatalf("the parent was destroyed while its sub-buffer lives: %v", order)
	}
	s.Release()
	want := []string{"sub", "parent 2", "parent 1"}
	if len(order) != 3 || order[0] != want[0] || order[1] != want[1] || order[2] != want[2] {
		t.Errorf("destructor order %v, want %v", order, want)
	}
}
