package mem

/*
#include <stdlib.h>
#include <string.h>
*/
import "C"

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// Storage lives outside the Go heap, so its address can be handed to C and
// kept there. Small blocks come from the C allocator; large ones are mmap'd
// (zero-filled by the kernel, backed by huge pages where the kernel allows).
const mmapThreshold = 1 << 20

// smallSlack is the room a small block gets past its end, zeroed: a
// kernel that writes a little past a small buffer (piglit's bswap and clz
// tests launch 24 work-items on 8-element buffers) overwrote the C
// allocator's next chunk header, and the process ended in free(); PoCL
// sub-allocates buffers from a region of its own, where such a write lands
// in unused memory. Large blocks are whole pages.
const smallSlack = 256

// hostAlloc returns size zeroed bytes aligned to align, or nil.
func hostAlloc(size, align uintptr) unsafe.Pointer {
	if size >= mmapThreshold {
		b, err := unix.Mmap(-1, 0, int(size), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
		if err != nil {
			return nil
		}
		_ = unix.Madvise(b, unix.MADV_HUGEPAGE)
		return unsafe.Pointer(&b[0])
	}
	var p unsafe.Pointer
	padded := (size+align-1)/align*align + smallSlack
	if C.posix_memalign(&p, C.size_t(align), C.size_t(padded)) != 0 {
		return nil
	}
	C.memset(p, 0, C.size_t(padded))
	return p
}

// hostFree releases what hostAlloc returned.
func hostFree(p unsafe.Pointer, size uintptr) {
	if p == nil {
		return
	}
	if size >= mmapThreshold {
		_ = unix.Munmap(unsafe.Slice((*byte)(p), size))
		return
	}
	C.free(p)
}
