// Package mem is device memory, which on a CPU is host memory: buffers,
// sub-buffers, images and SVM allocations, and the table of active mappings
// that makes map and unmap zero-copy bookkeeping.
package mem

import (
	"sync"
	"unsafe"

	"gocl/device"
	"gocl/icd"
)

// Mem is a memory object: a buffer, a sub-buffer or an image.
type Mem struct {
	icd.Base
	Ctx     *device.Context
	Type    uint32 // CL_MEM_OBJECT_*
	Flags   uint64 // CL_MEM_FLAGS, inherited ones included
	Size    uintptr
	HostPtr unsafe.Pointer // CL_MEM_HOST_PTR: the application's host_ptr, for USE_HOST_PTR
	Props   []uint64       // as given to clCreate*WithProperties; nil if none
	Parent  *Mem           // a sub-buffer's buffer, or an image's buffer
	Offset  uintptr        // where this object starts in the storage of its root
	Image   *ImageDesc     // images only
	UsesSVM bool           // CL_MEM_USES_SVM_POINTER

	store *storage // shared by a root object and every object made from it

	mu          sync.Mutex
	mapCount    int32
	destructors []func()
}

// storage is one host allocation (or the application's host_ptr) and the
// active mappings of every object that lives in it.
type storage struct {
	mu    sync.Mutex
	ptr   unsafe.Pointer
	size  uintptr
	owned bool // allocated here, freed here
	maps  []mapping
}

type mapping struct {
	owner      *Mem
	ptr        unsafe.Pointer
	start, end uintptr // byte range in the storage
	write      bool
}

// Flag sets.
const (
	accessFlags  = icd.CL_MEM_READ_WRITE | icd.CL_MEM_WRITE_ONLY | icd.CL_MEM_READ_ONLY
	hostPtrFlags = icd.CL_MEM_USE_HOST_PTR | icd.CL_MEM_ALLOC_HOST_PTR | icd.CL_MEM_COPY_HOST_PTR
	hostAccess   = icd.CL_MEM_HOST_WRITE_ONLY | icd.CL_MEM_HOST_READ_ONLY | icd.CL_MEM_HOST_NO_ACCESS
	bufferFlags  = accessFlags | hostPtrFlags | hostAccess
	mapFlags     = icd.CL_MAP_READ | icd.CL_MAP_WRITE | icd.CL_MAP_WRITE_INVALIDATE_REGION
)

func onlyOne(flags, set uint64) bool { v := flags & set; return v&(v-1) == 0 }

// CheckFlags validates cl_mem_flags for a new memory object; allowed lists
// the bits that the object kind accepts.
func CheckFlags(flags, allowed uint64) int32 {
	if flags&^allowed != 0 {
		return icd.Fail(icd.CL_INVALID_VALUE, "unknown bits 0x%x in cl_mem_flags", flags&^allowed)
	}
	if !onlyOne(flags, accessFlags) {
		return icd.Fail(icd.CL_INVALID_VALUE, "more than one of CL_MEM_READ_WRITE, CL_MEM_WRITE_ONLY, CL_MEM_READ_ONLY")
	}
	if !onlyOne(flags, hostAccess) {
		return icd.Fail(icd.CL_INVALID_VALUE, "more than one of CL_MEM_HOST_WRITE_ONLY, CL_MEM_HOST_READ_ONLY, CL_MEM_HOST_NO_ACCESS")
	}
	if flags&icd.CL_MEM_USE_HOST_PTR != 0 && flags&(icd.CL_MEM_ALLOC_HOST_PTR|icd.CL_MEM_COPY_HOST_PTR) != 0 {
		return icd.Fail(icd.CL_INVALID_VALUE, "CL_MEM_USE_HOST_PTR with CL_MEM_ALLOC_HOST_PTR or CL_MEM_COPY_HOST_PTR")
	}
	return icd.CL_SUCCESS
}

// CheckHostPtr validates host_ptr against the flags.
func CheckHostPtr(flags uint64, hostPtr unsafe.Pointer) int32 {
	needs := flags&(icd.CL_MEM_USE_HOST_PTR|icd.CL_MEM_COPY_HOST_PTR) != 0
	if needs && hostPtr == nil {
		return icd.Fail(icd.CL_INVALID_HOST_PTR, "host_ptr is NULL with CL_MEM_USE_HOST_PTR or CL_MEM_COPY_HOST_PTR")
	}
	if !needs && hostPtr != nil {
		return icd.Fail(icd.CL_INVALID_HOST_PTR, "host_ptr is not NULL without CL_MEM_USE_HOST_PTR or CL_MEM_COPY_HOST_PTR")
	}
	return icd.CL_SUCCESS
}

// newRoot makes a memory object with storage of its own. Storage is
// allocated here only if host data must be copied in; otherwise on first use.
// Flags are kept as given (CL_MEM_FLAGS returns "the flags argument value
// specified"): no access flag means CL_MEM_READ_WRITE without saying so.
func newRoot(ctx *device.Context, typ uint32, flags uint64, size uintptr, hostPtr unsafe.Pointer, props []uint64) (*Mem, int32) {
	m := &Mem{Ctx: ctx, Type: typ, Flags: flags, Size: size, Props: props, store: &storage{size: size}}
	switch {
	case flags&icd.CL_MEM_USE_HOST_PTR != 0:
		m.HostPtr = hostPtr
		m.store.ptr = hostPtr
		m.UsesSVM = SVMContains(hostPtr)
	case flags&icd.CL_MEM_COPY_HOST_PTR != 0:
		p, code := m.Ptr()
		if code != icd.CL_SUCCESS {
			return nil, code
		}
		Copy(p, hostPtr, size)
	}
	return m, icd.CL_SUCCESS
}

// publish gives m its handle; parent, if any, is held until m is destroyed.
func (m *Mem) publish() {
	ctx := m.Ctx
	ctx.Ref()
	if m.Parent != nil {
		m.Parent.Ref()
	}
	icd.Register(m, icd.KindMem, m.destroy)
}

// destroy runs the destructor callbacks, then frees what m holds: "the
// user callback functions are called and then the memory object's
// resources are freed". A sub-buffer's callbacks thus come before those of
// the parent it kept alive, and a USE_HOST_PTR callback may free host_ptr.
func (m *Mem) destroy() {
	m.mu.Lock()
	fns := m.destructors
	m.destructors = nil
	m.mu.Unlock()
	for i := len(fns) - 1; i >= 0; i-- {
		fns[i]()
	}
	if m.Parent != nil {
		m.Parent.Unref()
	} else if m.store.owned {
		hostFree(m.store.ptr, m.store.size)
		m.store.ptr = nil
	}
	m.Ctx.Unref()
}

// NewBuffer creates a buffer (clCreateBuffer); arguments are validated.
func NewBuffer(ctx *device.Context, flags uint64, size uintptr, hostPtr unsafe.Pointer, props []uint64) (*Mem, int32) {
	m, code := newRoot(ctx, icd.CL_MEM_OBJECT_BUFFER, flags, size, hostPtr, props)
	if code != icd.CL_SUCCESS {
		return nil, code
	}
	m.publish()
	return m, icd.CL_SUCCESS
}

// NewSubBuffer creates a sub-buffer of m (clCreateSubBuffer), validating
// everything but the handle.
func (m *Mem) NewSubBuffer(flags uint64, origin, size uintptr) (*Mem, int32) {
	if m.Type != icd.CL_MEM_OBJECT_BUFFER || m.Parent != nil {
		return nil, icd.Fail(icd.CL_INVALID_MEM_OBJECT, "the buffer is a sub-buffer or not a buffer")
	}
	if code := CheckFlags(flags, bufferFlags); code != icd.CL_SUCCESS {
		return nil, code
	}
	p := m.Flags
	switch {
	case flags&hostPtrFlags != 0:
		return nil, icd.Fail(icd.CL_INVALID_VALUE, "a sub-buffer cannot take CL_MEM_USE_HOST_PTR, CL_MEM_ALLOC_HOST_PTR or CL_MEM_COPY_HOST_PTR")
	case p&icd.CL_MEM_WRITE_ONLY != 0 && flags&(icd.CL_MEM_READ_WRITE|icd.CL_MEM_READ_ONLY) != 0,
		p&icd.CL_MEM_READ_ONLY != 0 && flags&(icd.CL_MEM_READ_WRITE|icd.CL_MEM_WRITE_ONLY) != 0:
		return nil, icd.Fail(icd.CL_INVALID_VALUE, "the sub-buffer's access flags 0x%x widen the buffer's 0x%x", flags&accessFlags, p&accessFlags)
	case p&icd.CL_MEM_HOST_WRITE_ONLY != 0 && flags&icd.CL_MEM_HOST_READ_ONLY != 0,
		p&icd.CL_MEM_HOST_READ_ONLY != 0 && flags&icd.CL_MEM_HOST_WRITE_ONLY != 0,
		p&icd.CL_MEM_HOST_NO_ACCESS != 0 && flags&(icd.CL_MEM_HOST_READ_ONLY|icd.CL_MEM_HOST_WRITE_ONLY) != 0:
		return nil, icd.Fail(icd.CL_INVALID_VALUE, "the sub-buffer's host access flags 0x%x widen the buffer's 0x%x", flags&hostAccess, p&hostAccess)
	}
	if size == 0 {
		return nil, icd.Fail(icd.CL_INVALID_BUFFER_SIZE, "the region's size is 0")
	}
	if origin > m.Size || size > m.Size-origin {
		return nil, icd.Fail(icd.CL_INVALID_VALUE, "region (origin %d, size %d) is outside the buffer of %d bytes", origin, size, m.Size)
	}
	if origin%m.Ctx.MemBaseAlign() != 0 {
		return nil, icd.Fail(icd.CL_MISALIGNED_SUB_BUFFER_OFFSET, "origin %d is not a multiple of CL_DEVICE_MEM_BASE_ADDR_ALIGN (%d bytes)", origin, m.Ctx.MemBaseAlign())
	}
	if flags&accessFlags == 0 {
		flags |= p & accessFlags
	}
	if flags&hostAccess == 0 {
		flags |= p & hostAccess
	}
	flags |= p & hostPtrFlags
	sub := &Mem{Ctx: m.Ctx, Type: icd.CL_MEM_OBJECT_BUFFER, Flags: flags, Size: size, Parent: m,
		Offset: m.Offset + origin, store: m.store, UsesSVM: m.UsesSVM}
	if m.HostPtr != nil {
		sub.HostPtr = unsafe.Add(m.HostPtr, origin)
	}
	sub.publish()
	return sub, icd.CL_SUCCESS
}

// Ptr is the address of the object's first byte, allocating the storage on
// first use.
func (m *Mem) Ptr() (unsafe.Pointer, int32) {
	s := m.store
	s.mu.Lock()
	if s.ptr == nil {
		s.ptr = hostAlloc(s.size, device.MemBaseAddrAlignBits/8)
		if s.ptr == nil {
			s.mu.Unlock()
			return nil, icd.Fail(icd.CL_MEM_OBJECT_ALLOCATION_FAILURE, "cannot allocate %d bytes of host memory", s.size)
		}
		s.owned = true
	}
	p := unsafe.Add(s.ptr, m.Offset)
	s.mu.Unlock()
	return p, icd.CL_SUCCESS
}

// SameStorage reports whether a and b live in one allocation (a buffer and
// its sub-buffers, an image and its buffer), for CL_MEM_COPY_OVERLAP checks.
func SameStorage(a, b *Mem) bool { return a.store == b.store }

// MapCount is CL_MEM_MAP_COUNT.
func (m *Mem) MapCount() uint32 {
	m.store.mu.Lock()
	defer m.store.mu.Unlock()
	return uint32(m.mapCount)
}

// AddDestructor registers a clSetMemObjectDestructorCallback callback.
func (m *Mem) AddDestructor(fn func()) {
	m.mu.Lock()
	m.destructors = append(m.destructors, fn)
	m.mu.Unlock()
}

// HostCanRead and HostCanWrite apply the CL_MEM_HOST_* flags.
func (m *Mem) HostCanRead() bool {
	return m.Flags&(icd.CL_MEM_HOST_WRITE_ONLY|icd.CL_MEM_HOST_NO_ACCESS) == 0
}

func (m *Mem) HostCanWrite() bool {
	return m.Flags&(icd.CL_MEM_HOST_READ_ONLY|icd.CL_MEM_HOST_NO_ACCESS) == 0
}

// CheckMapFlags validates cl_map_flags: known bits, and
// CL_MAP_WRITE_INVALIDATE_REGION alone.
func CheckMapFlags(flags uint64) int32 {
	if flags&^mapFlags != 0 {
		return icd.Fail(icd.CL_INVALID_VALUE, "unknown bits 0x%x in map_flags", flags&^mapFlags)
	}
	if flags&icd.CL_MAP_WRITE_INVALIDATE_REGION != 0 && flags&(icd.CL_MAP_READ|icd.CL_MAP_WRITE) != 0 {
		return icd.Fail(icd.CL_INVALID_VALUE, "CL_MAP_WRITE_INVALIDATE_REGION with CL_MAP_READ or CL_MAP_WRITE")
	}
	return icd.CL_SUCCESS
}

// CheckHostAccess applies the CL_MEM_HOST_* flags of m to a host read or
// write command (clEnqueueReadBuffer, clEnqueueWriteImage …).
func (m *Mem) CheckHostAccess(write bool) int32 {
	if write && !m.HostCanWrite() {
		return icd.Fail(icd.CL_INVALID_OPERATION, "writing from the host to a memory object created with CL_MEM_HOST_READ_ONLY or CL_MEM_HOST_NO_ACCESS")
	}
	if !write && !m.HostCanRead() {
		return icd.Fail(icd.CL_INVALID_OPERATION, "reading to the host from a memory object created with CL_MEM_HOST_WRITE_ONLY or CL_MEM_HOST_NO_ACCESS")
	}
	return icd.CL_SUCCESS
}

// CheckMapAccess applies the CL_MEM_HOST_* flags of m to a map.
func (m *Mem) CheckMapAccess(flags uint64) int32 {
	if flags&icd.CL_MAP_READ != 0 && !m.HostCanRead() {
		return icd.Fail(icd.CL_INVALID_OPERATION, "CL_MAP_READ on a memory object created with CL_MEM_HOST_WRITE_ONLY or CL_MEM_HOST_NO_ACCESS")
	}
	if flags&(icd.CL_MAP_WRITE|icd.CL_MAP_WRITE_INVALIDATE_REGION) != 0 && !m.HostCanWrite() {
		return icd.Fail(icd.CL_INVALID_OPERATION, "mapping for writing a memory object created with CL_MEM_HOST_READ_ONLY or CL_MEM_HOST_NO_ACCESS")
	}
	return icd.CL_SUCCESS
}

// Misaligned reports a sub-buffer whose offset in its buffer breaks
// CL_DEVICE_MEM_BASE_ADDR_ALIGN (creation refuses them; checked again at use).
func (m *Mem) Misaligned() bool {
	return m.Parent != nil && m.Type == icd.CL_MEM_OBJECT_BUFFER && (m.Offset-m.Parent.Offset)%m.Ctx.MemBaseAlign() != 0
}

// Map records a mapping of bytes [start, end) of m (relative to m), of which
// the host sees the address at offset ptrOff, and returns that address. Two
// overlapping mappings for writing, in m or any object sharing its storage,
// are CL_INVALID_OPERATION.
func (m *Mem) Map(flags uint64, start, end, ptrOff uintptr) (unsafe.Pointer, int32) {
	base, code := m.Ptr()
	if code != icd.CL_SUCCESS {
		return nil, code
	}
	write := flags&(icd.CL_MAP_WRITE|icd.CL_MAP_WRITE_INVALIDATE_REGION) != 0
	mp := mapping{owner: m, ptr: unsafe.Add(base, ptrOff), start: m.Offset + start, end: m.Offset + end, write: write}
	s := m.store
	s.mu.Lock()
	defer s.mu.Unlock()
	if write {
		for _, o := range s.maps {
			if o.write && o.start < mp.end && mp.start < o.end {
				return nil, icd.Fail(icd.CL_INVALID_OPERATION, "bytes [%d, %d) are already mapped for writing", o.start, o.end)
			}
		}
	}
	s.maps = append(s.maps, mp)
	m.mapCount++
	return mp.ptr, icd.CL_SUCCESS
}

// Unmap forgets one mapping of m at ptr.
func (m *Mem) Unmap(ptr unsafe.Pointer) int32 {
	s := m.store
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.maps) - 1; i >= 0; i-- {
		if s.maps[i].owner == m && s.maps[i].ptr == ptr {
			s.maps = append(s.maps[:i], s.maps[i+1:]...)
			m.mapCount--
			return icd.CL_SUCCESS
		}
	}
	return icd.Fail(icd.CL_INVALID_VALUE, "%p is not a pointer mapped from this memory object (or was unmapped already)", ptr)
}
