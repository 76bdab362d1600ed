package mem

import (
	"math/rand"
	"sync"
	"testing"
	"unsafe"

	"gocl/device"
	"gocl/icd"
)

func testContext(t *testing.T) *device.Context {
	t.Helper()
	_, dev := device.Root()
	ctx := device.NewContext([]*device.Device{dev}, nil, nil)
	t.Cleanup(ctx.Release)
	return ctx
}

func TestCheckSVMAlloc(t *testing.T) {
	ctx := testContext(t)
	const (
		rw   = icd.CL_MEM_READ_WRITE
		wo   = icd.CL_MEM_WRITE_ONLY
		ro   = icd.CL_MEM_READ_ONLY
		fine = icd.CL_MEM_SVM_FINE_GRAIN_BUFFER
		atom = icd.CL_MEM_SVM_ATOMICS
	)
	max := uintptr(ctx.Devices[0].MaxAllocSize())
	cases := []struct {
		flags uint64
		size  uintptr
		align uint32
		want  bool
	}{
		{0, 1, 0, true},
		{rw, 64, 0, true},
		{wo, 64, 0, true},
		{ro, 64, 0, true},
		{rw | fine, 64, 0, true},
		{ro | fine | atom, 64, 0, true},
		{fine | atom, 64, 0, true},
		{atom, 64, 0, false},
		{rw | atom, 64, 0, false},
		{rw | wo, 64, 0, false},
		{ro | wo, 64, 0, false},
		{rw | ro, 64, 0, false},
		{icd.CL_MEM_USE_HOST_PTR, 64, 0, false},
		{1 << 40, 64, 0, false},
		{rw, 0, 0, false},
		{rw, max, 0, true},
		{rw, max + 1, 0, false},
		{rw, 64, 1, true},
		{rw, 64, 2, true},
		{rw, 64, 128, true},
		{rw, 64, 3, false},
		{rw, 64, 96, false},
		{rw, 64, 256, false},
		{rw, 64, 1 << 31, false},
	}
	for _, c := range cases {
		got := CheckSVMAlloc(ctx, c.flags, c.size, c.align) == icd.CL_SUCCESS
		if got != c.want {
			t.Errorf("CheckSVMAlloc(flags 0x%x, size %d, align %d) = %v, want %v", c.flags, c.size, c.align, got, c.want)
		}
	}
}

func TestSVMAllocLookupFree(t *testing.T) {
	ctx := testContext(t)
	n0 := SVMCount()
	sizes := []uintptr{1, 7, 128, 4096, 1 << 20, 3<<20 + 5}
	var ptrs []unsafe.Pointer
	for _, size := range sizes {
		p, code := SVMAllocate(ctx, icd.CL_MEM_SVM_FINE_GRAIN_BUFFER, size)
		if code != icd.CL_SUCCESS || p == nil {
			t.Fatalf("SVMAllocate(%d) = %p, %d", size, p, code)
		}
		if uintptr(p)%SVMAlignDefault != 0 {
			t.Errorf("allocation of %d bytes at %p is not %d-aligned", size, p, SVMAlignDefault)
		}
		b := unsafe.Slice((*byte)(p), size)
		for i := range b {
			if b[i] != 0 {
				t.Fatalf("allocation of %d bytes not zeroed at %d", size, i)
			}
			b[i] = 0xa5
		}
		ptrs = append(ptrs, p)
	}
	if SVMCount() != n0+len(sizes) {
		t.Fatalf("SVMCount = %d, want %d", SVMCount(), n0+len(sizes))
	}
	for i, p := range ptrs {
		size := sizes[i]
		for _, off := range []uintptr{0, size / 2, size - 1} {
			a, ok := SVMLookup(unsafe.Add(p, off))
			if !ok || a.Base != p || a.Size != size || a.Ctx != ctx {
				t.Errorf("SVMLookup(%p+%d) = %+v, %v", p, off, a, ok)
			}
			if a.Flags != icd.CL_MEM_SVM_FINE_GRAIN_BUFFER|icd.CL_MEM_READ_WRITE {
				t.Errorf("flags 0x%x", a.Flags)
			}
		}
		// One past the end belongs to nobody (or to the allocation right after).
		if a, ok := SVMLookup(unsafe.Add(p, size)); ok && a.Base == p {
			t.Errorf("SVMLookup(end of %p) found it", p)
		}
		if a, ok := SVMLookup(unsafe.Add(p, -1)); ok && a.Base == p {
			t.Errorf("SVMLookup(%p-1) found it", p)
		}
		a, _ := SVMLookup(p)
		if !a.Contains(p, size) || a.Contains(p, size+1) || !a.Contains(unsafe.Add(p, size-1), 1) ||
			a.Contains(unsafe.Add(p, size-1), 2) || a.Contains(unsafe.Add(p, size), 0) {
			t.Errorf("Contains is wrong for %p (%d bytes)", p, size)
		}
	}
	if SVMContains(nil) {
		t.Error("SVMContains(nil)")
	}
	var local [16]byte
	if SVMContains(unsafe.Pointer(&local[0])) {
		t.Error("SVMContains(a Go array)")
	}

	// Only the start of a live allocation, for its own context, is freed.
	other := testContext(t)
	if SVMFree(other, ptrs[0]) {
		t.Error("freed with another context")
	}
	if size := sizes[2]; SVMFree(ctx, unsafe.Add(ptrs[2], size/2)) {
		t.Error("freed an inner pointer")
	}
	if SVMFree(ctx, nil) || SVMFree(ctx, unsafe.Pointer(&local[0])) {
		t.Error("freed NULL or a foreign pointer")
	}
	if SVMFree(nil, ptrs[0]) {
		t.Error("freed with an invalid context while the allocation's context is live")
	}
	for _, p := range ptrs {
		if !SVMFree(ctx, p) {
			t.Errorf("SVMFree(%p) failed", p)
		}
		if SVMContains(p) {
			t.Errorf("%p still registered", p)
		}
		if SVMFree(ctx, p) {
			t.Errorf("double SVMFree(%p) freed", p)
		}
	}
	if SVMCount() != n0 {
		t.Errorf("SVMCount = %d, want %d", SVMCount(), n0)
	}
}

// An allocation outlives its context; once the context is gone, clSVMFree
// with the dead handle still frees it.
func TestSVMOutlivesContext(t *testing.T) {
	_, dev := device.Root()
	ctx := device.NewContext([]*device.Device{dev}, nil, nil)
	p, code := SVMAllocate(ctx, 0, 256)
	if code != icd.CL_SUCCESS {
		t.Fatal(code)
	}
	ctx.Release()
	if !SVMContains(p) {
		t.Fatal("allocation dropped with its context")
	}
	unsafe.Slice((*byte)(p), 256)[255] = 1
	if !SVMFree(nil, p) {
		t.Fatal("not freed after its context died")
	}
}

// The registry against a model, under the race detector: many goroutines
// allocate, look up (inside, at the edges, outside) and free at once.
func TestSVMConcurrent(t *testing.T) {
	ctx := testContext(t)
	n0 := SVMCount()
	const workers, rounds = 8, 400
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(seed int64) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(seed))
			type live struct {
				p    unsafe.Pointer
				size uintptr
			}
			var mine []live
			for r := 0; r < rounds; r++ {
				if len(mine) < 16 && rng.Intn(3) > 0 {
					size := uintptr(1 + rng.Intn(8192))
					p, code := SVMAllocate(ctx, 0, size)
					if code != icd.CL_SUCCESS {
						errs <- "allocation failed"
						return
					}
					*(*byte)(unsafe.Add(p, size-1)) = byte(seed)
					mine = append(mine, live{p, size})
				}
				for _, l := range mine {
					off := uintptr(rng.Intn(int(l.size)))
					a, ok := SVMLookup(unsafe.Add(l.p, off))
					if !ok || a.Base != l.p || a.Size != l.size {
						errs <- "lookup inside a live allocation failed"
						return
					}
					if a, ok := SVMLookup(unsafe.Add(l.p, l.size)); ok && a.Base == l.p {
						errs <- "lookup past the end found the allocation"
						return
					}
				}
				if len(mine) > 0 && rng.Intn(2) == 0 {
					i := rng.Intn(len(mine))
					if *(*byte)(unsafe.Add(mine[i].p, mine[i].size-1)) != byte(seed) {
						errs <- "allocation overwritten"
						return
					}
					if !SVMFree(ctx, mine[i].p) {
						errs <- "free failed"
						return
					}
					mine = append(mine[:i], mine[i+1:]...)
				}
			}
			for _, l := range mine {
				SVMFree(ctx, l.p)
			}
		}(int64(w + 1))
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if SVMCount() != n0 {
		t.Errorf("SVMCount = %d after all frees, want %d", SVMCount(), n0)
	}
}

func BenchmarkSVMLookup(b *testing.B) {
	_, dev := device.Root()
	ctx := device.NewContext([]*device.Device{dev}, nil, nil)
	defer ctx.Release()
	var ptrs []unsafe.Pointer
	for i := 0; i < 1000; i++ {
		p, _ := SVMAllocate(ctx, 0, 256)
		ptrs = append(ptrs, p)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !SVMContains(unsafe.Add(ptrs[i%len(ptrs)], 100)) {
			b.Fatal("not found")
		}
	}
	b.StopTimer()
	for _, p := range ptrs {
		SVMFree(ctx, p)
	}
}
