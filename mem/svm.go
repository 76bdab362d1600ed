package mem

import (
	"sort"
	"sync"
	"unsafe"

	"gocl/device"
	"gocl/icd"
)

// Shared virtual memory. On a CPU, SVM is host memory: a clSVMAlloc
// allocation is a host allocation whose address the host and the kernels
// share, and fine-grain *system* SVM makes every host pointer an SVM pointer.
// What this file keeps is the registry of clSVMAlloc allocations: which
// context made them, their size and flags, and which allocation contains a
// given address (clSetKernelArgSVMPointer, CL_MEM_USES_SVM_POINTER,
// clEnqueueSVMMigrateMem, clSVMFree).
//
// Lifetime: clSVMFree takes "a valid OpenCL context used to create the SVM
// buffer", so an application frees its SVM allocations before it releases
// their context; the specification does not say that releasing a context
// frees them. An allocation therefore holds no reference to its context and
// stays valid after the context is destroyed (freeing memory that the
// application may still touch is the crash-prone choice). clSVMFree with a
// context that is no longer live frees the allocation if its own context is
// gone too, so the common "release the context, then free" order does not
// leak; any other mismatch is ignored (and explained under GOCL_DEBUG).

// SVMAlloc describes one clSVMAlloc allocation.
type SVMAlloc struct {
	Ctx   *device.Context
	Base  unsafe.Pointer // the address clSVMAlloc returned
	Size  uintptr        // the size asked for
	Flags uint64         // cl_svm_mem_flags, CL_MEM_READ_WRITE added if no access flag was given
}

func (a *SVMAlloc) start() uintptr { return uintptr(a.Base) }

// Contains reports whether the n bytes at p (n may be 0) lie inside the allocation.
func (a *SVMAlloc) Contains(p unsafe.Pointer, n uintptr) bool { return a.ContainsAddr(uintptr(p), n) }

// ContainsAddr is Contains for an address held as an integer.
func (a *SVMAlloc) ContainsAddr(p, n uintptr) bool {
	off := p - a.start()
	return p >= a.start() && off < a.Size && n <= a.Size-off
}

// svmRegistry is the set of live allocations, ordered by address: lookups
// (kernel arguments, buffers, every SVM command) are a binary search under a
// read lock.
type svmRegistry struct {
	mu     sync.RWMutex
	allocs []*SVMAlloc // sorted by Base; the ranges never overlap
}

var svm svmRegistry

// SVMAlignDefault is the alignment used when clSVMAlloc is given 0, and the
// largest one it accepts: the size of the largest data type, long16.
const SVMAlignDefault = device.MemBaseAddrAlignBits / 8

// SVM memory flags clSVMAlloc accepts.
const svmFlags = accessFlags | icd.CL_MEM_SVM_FINE_GRAIN_BUFFER | icd.CL_MEM_SVM_ATOMICS

// CheckSVMAlloc validates clSVMAlloc's flags, size and alignment for ctx.
// The device offers coarse- and fine-grain buffer SVM with atomics, so every
// valid combination of flags is supported.
func CheckSVMAlloc(ctx *device.Context, flags uint64, size uintptr, alignment uint32) int32 {
	if flags&^svmFlags != 0 {
		return icd.Fail(icd.CL_INVALID_VALUE, "unknown bits 0x%x in cl_svm_mem_flags", flags&^svmFlags)
	}
	if !onlyOne(flags, accessFlags) {
		return icd.Fail(icd.CL_INVALID_VALUE, "more than one of CL_MEM_READ_WRITE, CL_MEM_WRITE_ONLY, CL_MEM_READ_ONLY")
	}
	if flags&icd.CL_MEM_SVM_ATOMICS != 0 && flags&icd.CL_MEM_SVM_FINE_GRAIN_BUFFER == 0 {
		return icd.Fail(icd.CL_INVALID_VALUE, "CL_MEM_SVM_ATOMICS without CL_MEM_SVM_FINE_GRAIN_BUFFER")
	}
	if size == 0 {
		return icd.Fail(icd.CL_INVALID_BUFFER_SIZE, "size is 0")
	}
	for _, d := range ctx.Devices {
		if uint64(size) > d.MaxAllocSize() {
			return icd.Fail(icd.CL_INVALID_BUFFER_SIZE, "size %d is larger than CL_DEVICE_MAX_MEM_ALLOC_SIZE (%d)", size, d.MaxAllocSize())
		}
	}
	if alignment&(alignment-1) != 0 {
		return icd.Fail(icd.CL_INVALID_VALUE, "alignment %d is not a power of two", alignment)
	}
	if alignment > SVMAlignDefault {
		return icd.Fail(icd.CL_INVALID_VALUE, "alignment %d is larger than the largest data type (long16, %d bytes)", alignment, SVMAlignDefault)
	}
	return icd.CL_SUCCESS
}

// SVMAllocate is clSVMAlloc with validated arguments: size zeroed bytes,
// aligned to at least SVMAlignDefault (which satisfies every accepted
// alignment), registered for ctx.
func SVMAllocate(ctx *device.Context, flags uint64, size uintptr) (unsafe.Pointer, int32) {
	p := hostAlloc(size, SVMAlignDefault)
	if p == nil {
		return nil, icd.Fail(icd.CL_OUT_OF_HOST_MEMORY, "cannot allocate %d bytes of host memory", size)
	}
	if flags&accessFlags == 0 {
		flags |= icd.CL_MEM_READ_WRITE
	}
	svm.insert(&SVMAlloc{Ctx: ctx, Base: p, Size: size, Flags: flags})
	return p, icd.CL_SUCCESS
}

// SVMFree is clSVMFree: it frees p if it is the address clSVMAlloc returned
// for ctx, and reports whether it did. NULL is a no-op. Anything else (a
// pointer inside an allocation, one that is not an allocation, one of another
// context) is left alone: it is never freed, never an error, never a crash.
// ctx may be nil when the application's context handle is no longer valid:
// then p is freed only if its own context is gone as well.
func SVMFree(ctx *device.Context, p unsafe.Pointer) bool { return SVMFreeAddr(ctx, uintptr(p)) }

// SVMFreeAddr is SVMFree for an address held as an integer (application
// pointer lists, which may hold anything).
func SVMFreeAddr(ctx *device.Context, p uintptr) bool {
	if p == 0 {
		return false
	}
	a := svm.remove(p, func(a *SVMAlloc) bool {
		switch {
		case a.start() != p:
			icd.Tracef("clSVMFree: 0x%x is inside the SVM allocation at %p, not its start: ignored", p, a.Base)
			return false
		case ctx == nil && contextLive(a.Ctx):
			icd.Tracef("clSVMFree: the context is not valid but 0x%x's context is: ignored", p)
			return false
		case ctx != nil && a.Ctx != ctx:
			icd.Tracef("clSVMFree: 0x%x was allocated from another context: ignored", p)
			return false
		}
		return true
	})
	if a == nil {
		return false
	}
	hostFree(a.Base, a.Size)
	return true
}

// contextLive reports whether ctx's handle is still valid for the application.
func contextLive(ctx *device.Context) bool {
	c, ok := icd.Get[*device.Context](ctx.Handle(), icd.KindContext)
	return ok && c == ctx
}

// SVMLookup returns (a copy of) the allocation that contains address p.
func SVMLookup(p unsafe.Pointer) (SVMAlloc, bool) { return svm.lookup(uintptr(p)) }

// SVMLookupAddr is SVMLookup for an address held as an integer.
func SVMLookupAddr(p uintptr) (SVMAlloc, bool) { return svm.lookup(p) }

// SVMContains reports whether p lies in a live clSVMAlloc allocation.
func SVMContains(p unsafe.Pointer) bool {
	_, ok := svm.lookup(uintptr(p))
	return ok
}

// SVMCount is the number of live allocations (tests, leak reports).
func SVMCount() int {
	svm.mu.RLock()
	defer svm.mu.RUnlock()
	return len(svm.allocs)
}

// find returns the index of the allocation containing p, or -1.
// The caller holds r.mu.
func (r *svmRegistry) find(p uintptr) int {
	// The first allocation that starts after p; the one before it is the
	// only one that can contain p.
	i := sort.Search(len(r.allocs), func(i int) bool { return r.allocs[i].start() > p })
	if i == 0 {
		return -1
	}
	if a := r.allocs[i-1]; p-a.start() < a.Size {
		return i - 1
	}
	return -1
}

func (r *svmRegistry) lookup(p uintptr) (SVMAlloc, bool) {
	if p == 0 {
		return SVMAlloc{}, false
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	if i := r.find(p); i >= 0 {
		return *r.allocs[i], true
	}
	return SVMAlloc{}, false
}

// insert adds a; its range must not overlap a live allocation's (host
// allocations never do).
func (r *svmRegistry) insert(a *SVMAlloc) {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := sort.Search(len(r.allocs), func(i int) bool { return r.allocs[i].start() > a.start() })
	r.allocs = append(r.allocs, nil)
	copy(r.allocs[i+1:], r.allocs[i:])
	r.allocs[i] = a
}

// remove takes out the allocation containing p if accept agrees, and
// returns it (nil if none).
func (r *svmRegistry) remove(p uintptr, accept func(*SVMAlloc) bool) *SVMAlloc {
	r.mu.Lock()
	defer r.mu.Unlock()
	i := r.find(p)
	if i < 0 {
		icd.Tracef("clSVMFree: 0x%x is not an SVM allocation (or was freed already): ignored", p)
		return nil
	}
	a := r.allocs[i]
	if !accept(a) {
		return nil
	}
	copy(r.allocs[i:], r.allocs[i+1:])
	r.allocs[len(r.allocs)-1] = nil
	r.allocs = r.allocs[:len(r.allocs)-1]
	return a
}

// CheckSVMMapFlags validates clEnqueueSVMMap's map_flags: no unknown bits,
// and CL_MAP_WRITE_INVALIDATE_REGION alone. (SVM has no CL_MEM_HOST_* flags.)
func CheckSVMMapFlags(flags uint64) int32 {
	if flags&^mapFlags != 0 {
		return icd.Fail(icd.CL_INVALID_VALUE, "unknown bits 0x%x in map_flags", flags&^mapFlags)
	}
	if flags&icd.CL_MAP_WRITE_INVALIDATE_REGION != 0 && flags&(icd.CL_MAP_READ|icd.CL_MAP_WRITE) != 0 {
		return icd.Fail(icd.CL_INVALID_VALUE, "CL_MAP_WRITE_INVALIDATE_REGION with CL_MAP_READ or CL_MAP_WRITE")
	}
	return icd.CL_SUCCESS
}
