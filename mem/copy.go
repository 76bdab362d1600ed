package mem

import (
	"math/bits"
	"runtime"
	"sync"
	"unsafe"
)

// parallelCopyMin is the size from which a copy is split across cores: one
// core cannot saturate memory bandwidth.
const parallelCopyMin = 4 << 20

// Copy copies n bytes from src to dst (regions that do not overlap, or
// overlap like memmove when small enough to copy on one core).
func Copy(dst, src unsafe.Pointer, n uintptr) {
	if n == 0 || dst == src {
		return
	}
	parts := int(n / (parallelCopyMin / 2))
	if cpus := runtime.GOMAXPROCS(0); parts > cpus {
		parts = cpus
	}
	overlap := uintptr(dst) < uintptr(src)+n && uintptr(src) < uintptr(dst)+n
	if parts < 2 || overlap {
		copy(unsafe.Slice((*byte)(dst), n), unsafe.Slice((*byte)(src), n))
		return
	}
	chunk := (n/uintptr(parts) + 4095) &^ 4095
	var wg sync.WaitGroup
	for off := uintptr(0); off < n; off += chunk {
		size := min(chunk, n-off)
		wg.Add(1)
		go func(off, size uintptr) {
			defer wg.Done()
			copy(unsafe.Slice((*byte)(unsafe.Add(dst, off)), size), unsafe.Slice((*byte)(unsafe.Add(src, off)), size))
		}(off, size)
	}
	wg.Wait()
}

// Fill repeats pattern over n bytes at dst (n is a multiple of its length).
func Fill(dst unsafe.Pointer, pattern []byte, n uintptr) {
	if n == 0 {
		return
	}
	d := unsafe.Slice((*byte)(dst), n)
	if len(pattern) == 1 {
		for i := range d {
			d[i] = pattern[0]
		}
		return
	}
	// Doubling copies: the pattern, then ever larger runs of it.
	done := copy(d, pattern)
	for done < len(d) {
		done += copy(d[done:], d[:done])
	}
}

// Rect is a 3D box in a linear memory layout: origin (in bytes for x, rows
// and slices for y and z) and pitches.
type Rect struct {
	Origin     [3]uintptr
	RowPitch   uintptr
	SlicePitch uintptr
}

func (r Rect) offset(y, z uintptr) uintptr {
	return r.Origin[0] + (r.Origin[1]+y)*r.RowPitch + (r.Origin[2]+z)*r.SlicePitch
}

// CopyRect copies region (width in bytes, rows, slices) from src to dst.
func CopyRect(dst unsafe.Pointer, d Rect, src unsafe.Pointer, s Rect, region [3]uintptr) {
	for z := uintptr(0); z < region[2]; z++ {
		for y := uintptr(0); y < region[1]; y++ {
			Copy(unsafe.Add(dst, d.offset(y, z)), unsafe.Add(src, s.offset(y, z)), region[0])
		}
	}
}

// End is one past the last byte that region touches in r's layout.
func (r Rect) End(region [3]uintptr) uintptr {
	return r.offset(region[1]-1, region[2]-1) + region[0]
}

// CheckedEnd is End, and false if the region is empty or any step of the
// computation wraps around (origins and pitches come from the application:
// a wrapped end would pass a bounds check and point before the buffer).
func (r Rect) CheckedEnd(region [3]uintptr) (uintptr, bool) {
	if region[0] == 0 || region[1] == 0 || region[2] == 0 {
		return 0, false
	}
	ok := true
	add := func(a, b uintptr) uintptr {
		s, c := bits.Add64(uint64(a), uint64(b), 0)
		ok = ok && c == 0
		return uintptr(s)
	}
	mul := func(a, b uintptr) uintptr {
		hi, lo := bits.Mul64(uint64(a), uint64(b))
		ok = ok && hi == 0
		return uintptr(lo)
	}
	y := mul(add(r.Origin[1], region[1]-1), r.RowPitch)
	z := mul(add(r.Origin[2], region[2]-1), r.SlicePitch)
	end := add(add(add(r.Origin[0], y), z), region[0])
	return end, ok
}

// MulOK is a*b, and false if it wraps around.
func MulOK(a, b uintptr) (uintptr, bool) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	return uintptr(lo), hi == 0
}
