package device

/*
#include <stdlib.h>
*/
import "C"

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

// C memory blocks for launches, recycled: a launch's argument block and its
// launch and job records were three allocations and frees in C per launch,
// each a cgo call (≈ 0.1 µs from Go, most of a small kernel's enqueue).
// Blocks come in powers of two from cBlockMin to cBlockMax bytes, aligned to
// CBlockAlign; a size class keeps at most cBlocksKept free blocks.
const (
	CBlockAlign = 128
	cBlockMin   = 256
	cBlockMax   = 64 << 10
	cBlocksKept = 64
	cBlockSizes = 9 // 256 B … 64 KiB
)

var cBlocks struct {
	sync.Mutex
	free [cBlockSizes][]unsafe.Pointer
}

// cBlockClass is the size class of a block of size bytes, or -1 for a
// block too large to keep.
func cBlockClass(size uintptr) int {
	for c, s := 0, uintptr(cBlockMin); c < cBlockSizes; c, s = c+1, s*2 {
		if size <= s {
			return c
		}
	}
	return -1
}

// CAlloc returns a block of at least size bytes of C memory, aligned to
// CBlockAlign and not cleared, or nil if there is no memory. CFree with
// the same size gives it back.
func CAlloc(size uintptr) unsafe.Pointer {
	c := cBlockClass(size)
	if c >= 0 {
		cBlocks.Lock()
		if n := len(cBlocks.free[c]); n > 0 {
			p := cBlocks.free[c][n-1]
			cBlocks.free[c] = cBlocks.free[c][:n-1]
			cBlocks.Unlock()
			return p
		}
		cBlocks.Unlock()
		size = cBlockMin << c
	}
	var p unsafe.Pointer
	if C.posix_memalign(&p, CBlockAlign, C.size_t(max(size, 8))) != 0 {
		return nil
	}
	return p
}

// CFree gives back a block CAlloc returned for size.
func CFree(p unsafe.Pointer, size uintptr) {
	if c := cBlockClass(size); c >= 0 {
		cBlocks.Lock()
		if len(cBlocks.free[c]) < cBlocksKept {
			cBlocks.free[c] = append(cBlocks.free[c], p)
			cBlocks.Unlock()
			return
		}
		cBlocks.Unlock()
	}
	C.free(p)
}

// cZeroed is CAlloc(size) cleared.
func cZeroed(size uintptr) unsafe.Pointer {
	p := CAlloc(size)
	if p != nil {
		clear(unsafe.Slice((*byte)(p), size))
	}
	return p
}

// cNames are kernels' names in C memory, for fault reports: made once per
// name rather than per launch. At most maxCNames are kept (a program
// generator could make names without end); further names get nil (the
// report then has no name).
var cNames sync.Map // string → *C.char

const maxCNames = 4096

var cNameCount atomic.Int32

func cName(name string) *C.char {
	if name == "" {
		return nil
	}
	if p, ok := cNames.Load(name); ok {
		return p.(*C.char)
	}
	if cNameCount.Add(1) > maxCNames {
		return nil
	}
	s := C.CString(name)
	p, loaded := cNames.LoadOrStore(name, s)
	if loaded { // made meanwhile by another launch
		C.free(unsafe.Pointer(s))
		cNameCount.Add(-1)
	}
	return p.(*C.char)
}
