// Package icd owns the C side of every OpenCL object: the handle memory that
// the ICD loaders dereference, the registry that validates handles before they
// are used, reference counts, and the clGet*Info size/value protocol.
package icd

/*
#include <stdlib.h>
#include <stdint.h>

// The layout the ICD loaders rely on: the dispatch table first, then
// cl_khr_icd 2.0's dispatch data. The rest is ours.
typedef struct {
	void *dispatch;
	void *dispatch_data;
	uint32_t kind;
	uint32_t magic;
	uint64_t id;
} gocl_handle;

static gocl_handle *gocl_handle_new(void) { return calloc(1, sizeof(gocl_handle)); }
*/
import "C"

import (
	"sync"
	"sync/atomic"
	"unsafe"
)

// Kind is the OpenCL object type a handle stands for.
type Kind uint32

const (
	KindPlatform Kind = iota + 1
	KindDevice
	KindContext
	KindQueue
	KindMem
	KindSampler
	KindProgram
	KindKernel
	KindEvent
	KindCommandBuffer  // cl_khr_command_buffer
	KindMutableCommand // cl_khr_command_buffer_mutable_dispatch
)

var kindNames = [...]string{"", "platform", "device", "context", "command-queue", "memory object", "sampler", "program", "kernel", "event", "command-buffer", "mutable command"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// magic marks live gocl handles in C memory; it is informative only (debug
// dumps), validation never reads handle memory.
const magic = 0x676f636c

// Object is any Go object that has an OpenCL handle.
type Object interface{ base() *Base }

// Base is embedded in every object with a handle. It carries the handle and
// two counts: ext, the application's references (clRetain*/clRelease*), which
// keeps the handle valid, and refs, which adds the runtime's own references
// (a queue holds its context, a command its buffers) and keeps the object alive.
type Base struct {
	handle  unsafe.Pointer
	kind    Kind
	ext     atomic.Int32
	refs    atomic.Int32
	pins    atomic.Int32 // callbacks to come that get the handle (Pin)
	destroy func()
}

func (b *Base) base() *Base { return b }

// Handle is the C handle of the object.
func (b *Base) Handle() unsafe.Pointer { return b.handle }

// RefCount is the application's reference count (CL_*_REFERENCE_COUNT).
func (b *Base) RefCount() uint32 { return uint32(b.ext.Load()) }

// Retain adds an application reference.
func (b *Base) Retain() { b.ext.Add(1); b.refs.Add(1) }

// Release drops an application reference. The handle becomes invalid at the
// last one; the object is destroyed when no internal reference remains either.
func (b *Base) Release() {
	if b.ext.Add(-1) == 0 && b.pins.Load() == 0 {
		unregister(b)
	}
	b.Unref()
}

// Pin keeps the handle valid, even after the application's last release,
// until Unpin: a callback that gets the handle (clSetEventCallback) may
// use it while it runs, whenever the application released it. It keeps the
// object alive too.
func (b *Base) Pin() { b.pins.Add(1); b.refs.Add(1) }

// Unpin drops a Pin; the handle becomes invalid if the application holds no
// reference either.
func (b *Base) Unpin() {
	if b.pins.Add(-1) == 0 && b.ext.Load() == 0 {
		unregister(b) // (Release may do it too: unregister is idempotent)
	}
	b.Unref()
}

// Ref adds an internal reference: the object stays alive (not necessarily its handle).
func (b *Base) Ref() { b.refs.Add(1) }

// Unref drops an internal reference, destroying the object at the last one.
func (b *Base) Unref() {
	if b.refs.Add(-1) == 0 && b.destroy != nil {
		b.destroy()
	}
}

// registry maps live handle addresses to their objects. Validation is a map
// lookup of the pointer value: garbage and freed handles are never dereferenced.
var registry = struct {
	sync.RWMutex
	objs   map[uintptr]Object
	nextID uint64
	// Freed handle memory is reused only after quarantineLen later frees, so
	// a released handle keeps being reported invalid instead of aliasing a
	// new object at once.
	quarantine []unsafe.Pointer
	dispatch   unsafe.Pointer
}{objs: make(map[uintptr]Object)}

const quarantineLen = 1 << 16

// SetDispatch installs the ICD dispatch table that every new handle points to.
func SetDispatch(table unsafe.Pointer) {
	registry.Lock()
	registry.dispatch = table
	registry.Unlock()
}

// Register gives obj a new handle of the given kind with one application
// reference. destroy runs when the last reference of any sort is dropped.
func Register(obj Object, kind Kind, destroy func()) unsafe.Pointer {
	b := obj.base()
	b.kind = kind
	b.destroy = destroy
	b.ext.Store(1)
	b.refs.Store(1)
	registry.Lock()
	var h *C.gocl_handle
	if len(registry.quarantine) > quarantineLen {
		h = (*C.gocl_handle)(registry.quarantine[0])
		registry.quarantine = registry.quarantine[1:]
	} else {
		h = C.gocl_handle_new()
	}
	if h == nil {
		registry.Unlock()
		return nil
	}
	registry.nextID++
	*h = C.gocl_handle{dispatch: registry.dispatch, dispatch_data: DispatchData(), kind: C.uint32_t(kind), magic: magic, id: C.uint64_t(registry.nextID)}
	b.handle = unsafe.Pointer(h)
	registry.objs[uintptr(b.handle)] = obj
	registry.Unlock()
	return b.handle
}

func unregister(b *Base) {
	registry.Lock()
	if obj := registry.objs[uintptr(b.handle)]; obj != nil && obj.base() == b {
		delete(registry.objs, uintptr(b.handle))
		h := (*C.gocl_handle)(b.handle)
		h.magic = 0
		registry.quarantine = append(registry.quarantine, b.handle)
	}
	registry.Unlock()
}

// Lookup returns the live object behind handle h if it is of kind k.
func Lookup(h unsafe.Pointer, k Kind) (Object, bool) {
	if h == nil {
		return nil, false
	}
	registry.RLock()
	obj := registry.objs[uintptr(h)]
	registry.RUnlock()
	if obj == nil || obj.base().kind != k {
		return nil, false
	}
	return obj, true
}

// KindOf names what h is, for error messages: a live handle's kind, or 0.
func KindOf(h unsafe.Pointer) Kind {
	registry.RLock()
	obj := registry.objs[uintptr(h)]
	registry.RUnlock()
	if obj == nil {
		return 0
	}
	return obj.base().kind
}

// Get returns the object behind h as a T, or ok=false when h is NULL,
// garbage, released, or a handle of another type.
func Get[T Object](h unsafe.Pointer, k Kind) (T, bool) {
	obj, ok := Lookup(h, k)
	if !ok {
		var zero T
		return zero, false
	}
	t, ok := obj.(T)
	return t, ok
}
