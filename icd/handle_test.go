package icd

import (
	"sync"
	"testing"
	"unsafe"
)

type thing struct{ Base }

func TestRegistryValidates(t *testing.T) {
	a := &thing{}
	h := Register(a, KindMem, nil)
	if got, ok := Get[*thing](h, KindMem); !ok || got != a {
		t.Fatalf("live handle not found")
	}
	if _, ok := Get[*thing](h, KindEvent); ok {
		t.Fatalf("a memory handle passed as an event")
	}
	if _, ok := Get[*thing](nil, KindMem); ok {
		t.Fatalf("NULL accepted")
	}
	var junk [64]byte
	if _, ok := Get[*thing](unsafe.Pointer(&junk[8]), KindMem); ok {
		t.Fatalf("garbage accepted")
	}
	a.Release()
	if _, ok := Get[*thing](h, KindMem); ok {
		t.Fatalf("released handle accepted")
	}
	if KindOf(h) != 0 {
		t.Fatalf("released handle still has a kind")
	}
}

func TestTwoCounts(t *testing.T) {
	destroyed := 0
	a := &thing{}
	h := Register(a, KindContext, func() { destroyed++ })
	a.Ref() // the runtime's own reference
	a.Retain()
	if a.RefCount() != 2 {
		t.Fatalf("RefCount = %d, want 2", a.RefCount())
	}
	a.Release()
	a.Release()
	if _, ok := Lookup(h, KindContext); ok {
		t.Fatalf("handle valid after the last application release")
	}
	if destroyed != 0 {
		t.Fatalf("destroyed while the runtime holds it")
	}
	a.Unref()
	if destroyed != 1 {
		t.Fatalf("destroy ran %d times, want 1", destroyed)
	}
}

func TestQuarantineDelaysReuse(t *testing.T) {
	a := &thing{}
	h := Register(a, KindEvent, nil)
	a.Release()
	for i := 0; i < 1000; i++ {
		b := &thing{}
		if Register(b, KindEvent, nil) == h {
			t.Fatalf("released handle memory reused after %d registrations", i)
		}
	}
}

func TestConcurrentRegistry(t *testing.T) {
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				x := &thing{}
				h := Register(x, KindSampler, nil)
				if got, ok := Get[*thing](h, KindSampler); !ok || got != x {
					t.Errorf("lookup of a fresh handle failed")
					return
				}
				x.Release()
			}
		}()
	}
	wg.Wait()
}

func TestAnswer(t *testing.T) {
	v := Val(uint32(7))
	var out uint32
	var size uintptr
	if code := Answer(v, 4, unsafe.Pointer(&out), unsafe.Pointer(&size)); code != CL_SUCCESS || out != 7 || size != 4 {
		t.Fatalf("Answer: code %d, out %d, size %d", code, out, size)
	}
	if code := Answer(v, 3, unsafe.Pointer(&out), nil); code != CL_INVALID_VALUE {
		t.Fatalf("short buffer: code %d, want CL_INVALID_VALUE", code)
	}
	if code := Answer(Str("gocl"), 0, nil, unsafe.Pointer(&size)); code != CL_SUCCESS || size != 5 {
		t.Fatalf("size query: code %d, size %d", code, size)
	}
	if Version(3, 0, 0) != 3<<22 {
		t.Fatalf("Version(3,0,0) = %#x", Version(3, 0, 0))
	}
	if ErrorName(CL_INVALID_MEM_OBJECT) != "CL_INVALID_MEM_OBJECT" {
		t.Fatalf("ErrorName = %s", ErrorName(CL_INVALID_MEM_OBJECT))
	}
}
