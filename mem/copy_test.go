package mem

import (
	"bytes"
	"math"
	"math/rand"
	"testing"
	"unsafe"
)

func ptr(b []byte) unsafe.Pointer { return unsafe.Pointer(&b[0]) }

func TestFill(t *testing.T) {
	for ps := 1; ps <= 128; ps *= 2 {
		for _, reps := range []int{1, 2, 3, 7, 64, 1000} {
			pat := make([]byte, ps)
			for i := range pat {
				pat[i] = byte(i*31 + ps)
			}
			n := ps * reps
			buf := make([]byte, n+2*ps)
			for i := range buf {
				buf[i] = 0xee
			}
			Fill(unsafe.Pointer(&buf[ps]), pat, uintptr(n))
			for i := 0; i < ps; i++ {
				if buf[i] != 0xee || buf[ps+n+i] != 0xee {
					t.Fatalf("pattern %d × %d: wrote outside the range", ps, reps)
				}
			}
			for i := 0; i < n; i++ {
				if buf[ps+i] != pat[i%ps] {
					t.Fatalf("pattern %d × %d: byte %d is %d, want %d", ps, reps, i, buf[ps+i], pat[i%ps])
				}
			}
		}
	}
	Fill(nil, []byte{1}, 0) // nothing to do, no access
}

func TestCopy(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	// Sizes on both sides of the parallel threshold.
	for _, n := range []int{1, 7, 4096, parallelCopyMin - 1, parallelCopyMin, 3*parallelCopyMin + 12345} {
		src := make([]byte, n)
		rng.Read(src)
		dst := make([]byte, n+2)
		Copy(unsafe.Pointer(&dst[1]), ptr(src), uintptr(n))
		if dst[0] != 0 || dst[n+1] != 0 || !bytes.Equal(dst[1:n+1], src) {
			t.Fatalf("copy of %d bytes is wrong", n)
		}
	}
	// Overlapping ranges copy like memmove, both directions.
	for _, n := range []int{100, 3 * parallelCopyMin} {
		for _, shift := range []int{-5, 5, -4096, 4096} {
			buf := make([]byte, n+8192)
			rng.Read(buf)
			want := append([]byte(nil), buf...)
			src, dst := 4096, 4096+shift
			copy(want[dst:dst+n], want[src:src+n])
			Copy(unsafe.Pointer(&buf[dst]), unsafe.Pointer(&buf[src]), uintptr(n))
			if !bytes.Equal(buf, want) {
				t.Fatalf("overlapping copy of %d bytes shifted %d is wrong", n, shift)
			}
		}
	}
	Copy(nil, nil, 0)
}

// copyRectModel is CopyRect one byte at a time.
func copyRectModel(dst []byte, d Rect, src []byte, s Rect, region [3]uintptr) {
	for z := uintptr(0); z < region[2]; z++ {
		for y := uintptr(0); y < region[1]; y++ {
			for x := uintptr(0); x < region[0]; x++ {
				dst[d.offset(y, z)+x] = src[s.offset(y, z)+x]
			}
		}
	}
}

func TestCopyRect(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 300; i++ {
		region := [3]uintptr{uintptr(1 + rng.Intn(20)), uintptr(1 + rng.Intn(6)), uintptr(1 + rng.Intn(4))}
		layout := func() Rect {
			r := Rect{RowPitch: region[0] + uintptr(rng.Intn(8))}
			r.SlicePitch = r.RowPitch * (region[1] + uintptr(rng.Intn(3)))
			r.Origin = [3]uintptr{uintptr(rng.Intn(5)), uintptr(rng.Intn(3)), uintptr(rng.Intn(2))}
			return r
		}
		s, d := layout(), layout()
		src := make([]byte, s.End(region)+3)
		rng.Read(src)
		got := make([]byte, d.End(region)+3)
		rng.Read(got)
		want := append([]byte(nil), got...)
		copyRectModel(want, d, src, s, region)
		CopyRect(ptr(got), d, ptr(src), s, region)
		if !bytes.Equal(got, want) {
			t.Fatalf("region %v, src %+v, dst %+v: wrong bytes", region, s, d)
		}
		if end, ok := d.CheckedEnd(region); !ok || end != d.End(region) {
			t.Fatalf("CheckedEnd %d %v, End %d", end, ok, d.End(region))
		}
	}
}

func TestCheckedEnd(t *testing.T) {
	const max = uintptr(math.MaxUint64)
	cases := []struct {
		r      Rect
		region [3]uintptr
		end    uintptr
		ok     bool
	}{
		{Rect{[3]uintptr{0, 0, 0}, 16, 64}, [3]uintptr{16, 4, 1}, 64, true},
		{Rect{[3]uintptr{5, 2, 1}, 32, 256}, [3]uintptr{10, 3, 2}, 5 + 4*32 + 2*256 + 10, true},
		{Rect{[3]uintptr{0, 0, 0}, 16, 64}, [3]uintptr{0, 4, 1}, 0, false},
		{Rect{[3]uintptr{max, 0, 0}, 16, 64}, [3]uintptr{2, 1, 1}, 0, false},
		{Rect{[3]uintptr{0, max/16 + 1, 0}, 16, 0}, [3]uintptr{16, 1, 1}, 0, false},
		{Rect{[3]uintptr{0, 0, max/64 + 1}, 16, 64}, [3]uintptr{16, 1, 1}, 0, false},
		{Rect{[3]uintptr{0, max, 0}, 1, 1}, [3]uintptr{1, 2, 1}, 0, false},
		{Rect{[3]uintptr{0, 1, 0}, max - 14, 0}, [3]uintptr{16, 1, 1}, 0, false},
		{Rect{[3]uintptr{0, 0, 0}, 1, 1}, [3]uintptr{max, 1, 1}, max, true},
	}
	for i, c := range cases {
		end, ok := c.r.CheckedEnd(c.region)
		if ok != c.ok || (ok && end != c.end) {
			t.Errorf("case %d: CheckedEnd = %d, %v; want %d, %v", i, end, ok, c.end, c.ok)
		}
	}
	if p, ok := MulOK(1<<32, 1<<31); !ok || p != 1<<63 {
		t.Error("MulOK(2^32, 2^31) overflowed")
	}
	if _, ok := MulOK(1<<33, 1<<31); ok {
		t.Error("MulOK(2^33, 2^31) did not overflow")
	}
}
