package build

/*
#include <stdlib.h>
*/
import "C"

import (
	"encoding/binary"
	"sync"
	"unsafe"

	"gocl/device"
	"gocl/icd"
	"gocl/mem"
)

// Kernel is a kernel object: a kernel of a program executable and the
// argument values set so far.
type Kernel struct {
	icd.Base
	Program *Program
	Info    *KernelInfo
	Entry   *Entry // its code: see Code
	exec    *Executable
	Brevity device.Brevity // which of its launches run briefly

	mu      sync.Mutex
	args    []argValue
	svmPtrs []uintptr // clSetKernelExecInfo(CL_KERNEL_EXEC_INFO_SVM_PTRS)
}

type argValue struct {
	set   bool
	value []byte         // by-value bytes
	mem   unsafe.Pointer // buffer arguments: the cl_mem handle (nil: NULL)
	svm   uintptr        // clSetKernelArgSVMPointer
	local uint64         // __local arguments: the size
}

// NewKernel creates kernel name of the program's executable.
func NewKernel(p *Program, name string) (*Kernel, int32) {
	b := p.Executable()
	if b == nil || b.Exec == nil {
		return nil, icd.Fail(icd.CL_INVALID_PROGRAM_EXECUTABLE, "the program has no executable")
	}
	e, found := b.Exec.Kernels[name]
	if !found {
		return nil, icd.Fail(icd.CL_INVALID_KERNEL_NAME, "the program has no kernel %q", name)
	}
	if !e.Info.Launchable {
		return nil, icd.Fail(icd.CL_INVALID_KERNEL_DEFINITION, "kernel %q takes pipe, queue or multi-sample image arguments, which gocl kernels cannot use", name)
	}
	b.Exec.Created(name)
	k := &Kernel{Program: p, Info: e.Info, Entry: e, exec: b.Exec, args: make([]argValue, len(e.Info.Args))}
	p.AttachKernel()
	icd.Register(k, icd.KindKernel, p.DetachKernel)
	return k, icd.CL_SUCCESS
}

// Code is the kernel's entry points, compiled (by code generation) if they
// were not yet.
func (k *Kernel) Code() (*Entry, int32) {
	e, err := k.exec.Code(k.Info.Name)
	if err != nil {
		return nil, icd.Fail(icd.CL_OUT_OF_RESOURCES, "compiling kernel %s: %v", k.Info.Name, err)
	}
	return e, icd.CL_SUCCESS
}

// ShapedGroups is the kernel's work-group entry compiled for work-groups
// of exactly local, if there is one yet (specialize.go).
func (k *Kernel) ShapedGroups(local [3]uint64) (entry uintptr, ran func(ns int64)) {
	return k.exec.ShapedGroups(k.Info.Name, local)
}

// Clone is clCloneKernel: a new kernel object with the same arguments.
func (k *Kernel) Clone() *Kernel {
	c := k.Snapshot()
	k.Program.AttachKernel()
	icd.Register(c, icd.KindKernel, k.Program.DetachKernel)
	return c
}

// Snapshot is a copy of the kernel and its arguments as they are now,
// without a handle: a command-buffer keeps one per recorded kernel command
// (clSetKernelArg on the kernel no longer changes the command).
func (k *Kernel) Snapshot() *Kernel {
	k.mu.Lock()
	defer k.mu.Unlock()
	c := &Kernel{Program: k.Program, Info: k.Info, Entry: k.Entry, exec: k.exec, args: make([]argValue, len(k.args)),
		svmPtrs: append([]uintptr(nil), k.svmPtrs...)}
	for i, a := range k.args {
		a.value = append([]byte(nil), a.value...)
		c.args[i] = a
	}
	return c
}

// ArgsSet reports whether every argument has a value.
func (k *Kernel) ArgsSet() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, a := range k.args {
		if !a.set {
			return false
		}
	}
	return true
}

// SetArg is clSetKernelArg.
func (k *Kernel) SetArg(i uint32, size uintptr, value unsafe.Pointer) int32 {
	if int(i) >= len(k.Info.Args) {
		return icd.Fail(icd.CL_INVALID_ARG_INDEX, "argument %d of a kernel with %d", i, len(k.Info.Args))
	}
	info := &k.Info.Args[i]
	var v argValue
	switch info.Kind {
	case ArgLocal:
		if value != nil {
			return icd.Fail(icd.CL_INVALID_ARG_VALUE, "argument %d is a __local pointer: its value must be NULL", i)
		}
		if size == 0 {
			return icd.Fail(icd.CL_INVALID_ARG_SIZE, "argument %d is a __local pointer: its size must not be 0", i)
		}
		v.local = uint64(size)
	case ArgBuffer:
		if size != unsafe.Sizeof(uintptr(0)) {
			return icd.Fail(icd.CL_INVALID_ARG_SIZE, "argument %d is a buffer: arg_size must be sizeof(cl_mem), not %d", i, size)
		}
		if value != nil {
			h := *(*unsafe.Pointer)(value)
			if h != nil {
				m, found := icd.Get[*mem.Mem](h, icd.KindMem)
				if !found || m.Type != icd.CL_MEM_OBJECT_BUFFER {
					return icd.Fail(icd.CL_INVALID_MEM_OBJECT, "argument %d: not a valid buffer", i)
				}
				if m.Ctx != k.Program.Ctx {
					return icd.Fail(icd.CL_INVALID_MEM_OBJECT, "argument %d: the buffer belongs to another context", i)
				}
				v.mem = h
			}
		}
	case ArgImage:
		if code := k.checkImageArg(i, info, size, value); code != icd.CL_SUCCESS {
			return code
		}
		v.mem = *(*unsafe.Pointer)(value)
	case ArgSampler:
		if size != unsafe.Sizeof(uintptr(0)) {
			return icd.Fail(icd.CL_INVALID_ARG_SIZE, "argument %d is a sampler: arg_size must be sizeof(cl_sampler), not %d", i, size)
		}
		if value == nil {
			// "CL_INVALID_SAMPLER for an argument declared to be of type
			// sampler_t when the specified arg_value is not a valid
			// sampler object."
			return icd.Fail(icd.CL_INVALID_SAMPLER, "argument %d is a sampler: arg_value must point to a cl_sampler, not be NULL", i)
		}
		s, found := icd.Get[*device.Sampler](*(*unsafe.Pointer)(value), icd.KindSampler)
		if !found {
			return icd.Fail(icd.CL_INVALID_SAMPLER, "argument %d: not a valid sampler", i)
		}
		if s.Ctx != k.Program.Ctx {
			return icd.Fail(icd.CL_INVALID_SAMPLER, "argument %d: the sampler belongs to another context", i)
		}
		// The kernel receives the sampler_t bits (build/lib/image.c), in a
		// pointer-sized slot.
		v.value = binary.NativeEndian.AppendUint64(nil, uint64(s.Bits()))
	default:
		if value == nil {
			return icd.Fail(icd.CL_INVALID_ARG_VALUE, "argument %d is passed by value: arg_value must not be NULL", i)
		}
		if size > device.MaxParameterSize {
			return icd.Fail(icd.CL_INVALID_ARG_SIZE, "argument %d (%s): %d bytes by value exceed CL_DEVICE_MAX_PARAMETER_SIZE (%d)", i, info.Type, size, device.MaxParameterSize)
		}
		if info.Size != 0 && uint64(size) != info.Size {
			return icd.Fail(icd.CL_INVALID_ARG_SIZE, "argument %d (%s) has %d bytes, not %d", i, info.Type, info.Size, size)
		}
		v.value = C.GoBytes(value, C.int(size))
	}
	v.set = true
	k.mu.Lock()
	k.args[i] = v
	k.mu.Unlock()
	return icd.CL_SUCCESS
}

// checkImageArg validates an image argument (clSetKernelArg): a valid image
// of the context, of the argument's image type, whose memory flags allow
// the argument's access qualifier.
func (k *Kernel) checkImageArg(i uint32, info *ArgInfo, size uintptr, value unsafe.Pointer) int32 {
	if size != unsafe.Sizeof(uintptr(0)) {
		return icd.Fail(icd.CL_INVALID_ARG_SIZE, "argument %d is an image: arg_size must be sizeof(cl_mem), not %d", i, size)
	}
	if value == nil {
		return icd.Fail(icd.CL_INVALID_ARG_VALUE, "argument %d is an image: arg_value must point to a cl_mem", i)
	}
	m, found := icd.Get[*mem.Mem](*(*unsafe.Pointer)(value), icd.KindMem)
	if !found || !m.IsImage() {
		return icd.Fail(icd.CL_INVALID_MEM_OBJECT, "argument %d (%s): not a valid image", i, info.Image)
	}
	if m.Ctx != k.Program.Ctx {
		return icd.Fail(icd.CL_INVALID_MEM_OBJECT, "argument %d: the image belongs to another context", i)
	}
	want, depth := info.ImageArgType()
	if m.Type != want || depth != (m.Image.Order == icd.CL_DEPTH) {
		return icd.Fail(icd.CL_INVALID_MEM_OBJECT, "argument %d is a %s: the image (type 0x%x, channel order 0x%x) is not one", i, info.Image, m.Type, m.Image.Order)
	}
	switch {
	case info.Access == icd.CL_KERNEL_ARG_ACCESS_READ_ONLY && m.Flags&icd.CL_MEM_WRITE_ONLY != 0:
		return icd.Fail(icd.CL_INVALID_ARG_VALUE, "argument %d is a read_only image: the image was created with CL_MEM_WRITE_ONLY", i)
	case info.Access == icd.CL_KERNEL_ARG_ACCESS_WRITE_ONLY && m.Flags&icd.CL_MEM_READ_ONLY != 0:
		return icd.Fail(icd.CL_INVALID_ARG_VALUE, "argument %d is a write_only image: the image was created with CL_MEM_READ_ONLY", i)
	}
	return icd.CL_SUCCESS
}

// imageDesc is the descriptor of an image that image built-ins read
// (gocl_image in build/lib/image.c: same layout). The kernel's image value
// points to it, in the argument's slot of the argument block.
type imageDesc struct {
	data                            unsafe.Pointer
	pitch                           [3]int64 // element size, then the distances along y and z
	size                            [3]int32 // extent along x, y, z (1 if unused)
	width, height, depth, arraySize int32    // what get_image_* return
	order, dataType                 int32
	_                               int32
}

// The descriptor's size is that of gocl_image (build/lib/image.c asserts it too).
var _ [72]byte = [unsafe.Sizeof(imageDesc{})]byte{}

// describe fills the descriptor of image m, whose storage is at base.
func describe(d *imageDesc, m *mem.Mem, base unsafe.Pointer) {
	im := m.Image
	*d = imageDesc{data: base, width: int32(im.Width), height: int32(im.Height), depth: int32(im.Depth),
		arraySize: int32(im.ArraySize), order: int32(im.Order), dataType: int32(im.DataType)}
	d.pitch = [3]int64{int64(im.ElemSize), int64(im.RowPitch), int64(im.SlicePitch)}
	d.size = [3]int32{int32(im.Width), 1, 1}
	switch m.Type {
	case icd.CL_MEM_OBJECT_IMAGE1D_ARRAY: // layers along y
		d.size[1], d.pitch[1] = int32(im.ArraySize), int64(im.SlicePitch)
	case icd.CL_MEM_OBJECT_IMAGE2D:
		d.size[1] = int32(im.Height)
	case icd.CL_MEM_OBJECT_IMAGE2D_ARRAY:
		d.size[1], d.size[2] = int32(im.Height), int32(im.ArraySize)
	case icd.CL_MEM_OBJECT_IMAGE3D:
		d.size[1], d.size[2] = int32(im.Height), int32(im.Depth)
	}
}

// SetArgSVM is clSetKernelArgSVMPointer.
func (k *Kernel) SetArgSVM(i uint32, ptr uintptr) int32 {
	if int(i) >= len(k.Info.Args) {
		return icd.Fail(icd.CL_INVALID_ARG_INDEX, "argument %d of a kernel with %d", i, len(k.Info.Args))
	}
	if k.Info.Args[i].Kind != ArgBuffer {
		return icd.Fail(icd.CL_INVALID_ARG_VALUE, "argument %d is not a __global or __constant pointer", i)
	}
	k.mu.Lock()
	k.args[i] = argValue{set: true, svm: ptr}
	k.mu.Unlock()
	return icd.CL_SUCCESS
}

// SetSVMPointers records clSetKernelExecInfo's SVM pointers (all host
// memory is device memory here: nothing more to do with them).
func (k *Kernel) SetSVMPointers(ptrs []uintptr) {
	k.mu.Lock()
	k.svmPtrs = ptrs
	k.mu.Unlock()
}

// ArgSet reports whether argument i has a value (for error reports).
func (k *Kernel) ArgSet(i int) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.args[i].set
}

// LocalMemSize is CL_KERNEL_LOCAL_MEM_SIZE: the __local arguments set so far.
func (k *Kernel) LocalMemSize() uint64 {
	k.mu.Lock()
	defer k.mu.Unlock()
	var n uint64
	for _, a := range k.args {
		n = SatAdd(n, a.local)
	}
	return n
}

// SatAdd is a + b, or the largest uint64 where that wraps: sums of sizes
// the application chose must not wrap into small ones.
func SatAdd(a, b uint64) uint64 {
	if a+b < a {
		return ^uint64(0)
	}
	return a + b
}

// slotAlign is the alignment of every argument value: enough for double16
// (and the argument block's own, device.CAlloc's).
const slotAlign = device.CBlockAlign

// slotSize is the room argument i takes in the argument block: its value,
// or an image's descriptor.
func (k *Kernel) slotSize(i int, a argValue) uintptr {
	n := uintptr(max(len(a.value), 8))
	if k.Info.Args[i].Kind == ArgImage {
		n = unsafe.Sizeof(imageDesc{})
	}
	return (n + slotAlign - 1) &^ (slotAlign - 1)
}

// Prepare snapshots the arguments for a launch on q: the argument block
// (C memory, freed by the returned function), the __local memory each
// work-group needs, and the memory objects the launch uses.
func (k *Kernel) Prepare(q *device.Queue) (args unsafe.Pointer, localBytes uint64, holds []device.Holder, free func(), check *device.LaunchCheck, code int32) {
	k.mu.Lock()
	defer k.mu.Unlock()
	n := len(k.args)
	size := uintptr(n*8+slotAlign-1) &^ (slotAlign - 1)
	for i, a := range k.args {
		size += k.slotSize(i, a)
	}
	block := device.CAlloc(size)
	if block == nil {
		return nil, 0, nil, nil, nil, icd.Fail(icd.CL_OUT_OF_HOST_MEMORY, "cannot allocate the argument block")
	}
	ptrs := unsafe.Slice((*unsafe.Pointer)(block), n)
	limits := make([]uint64, n) // GOCL_CHECK: the bytes each argument may access
	slot := uintptr(n*8+slotAlign-1) &^ (slotAlign - 1)
	for i, a := range k.args {
		if !a.set {
			device.CFree(block, size)
			return nil, 0, nil, nil, nil, icd.Fail(icd.CL_INVALID_KERNEL_ARGS, "argument %d (%s) of kernel %s is not set", i, k.Info.Args[i].Name, k.Info.Name)
		}
		p := unsafe.Add(block, slot)
		ptrs[i] = p
		switch {
		case a.local != 0:
			*(*uint64)(p) = localBytes
			limits[i] = a.local
			localBytes = SatAdd(localBytes, SatAdd(a.local, slotAlign-1)&^(slotAlign-1))
			if localBytes > device.LocalMemSize {
				device.CFree(block, size)
				return nil, 0, nil, nil, nil, icd.Fail(icd.CL_OUT_OF_RESOURCES, "the __local arguments take %d bytes or more (aligned); CL_DEVICE_LOCAL_MEM_SIZE is %d", localBytes, device.LocalMemSize)
			}
		case k.Info.Args[i].Kind == ArgBuffer:
			var addr unsafe.Pointer
			if a.mem != nil {
				m, found := icd.Get[*mem.Mem](a.mem, icd.KindMem)
				if !found {
					device.CFree(block, size)
					return nil, 0, nil, nil, nil, icd.Fail(icd.CL_INVALID_KERNEL_ARGS, "argument %d: the buffer was released", i)
				}
				if m.Ctx != q.Ctx {
					device.CFree(block, size)
					return nil, 0, nil, nil, nil, icd.Fail(icd.CL_INVALID_CONTEXT, "argument %d: the buffer belongs to another context", i)
				}
				var c int32
				if addr, c = m.Ptr(); c != icd.CL_SUCCESS {
					device.CFree(block, size)
					return nil, 0, nil, nil, nil, c
				}
				holds = append(holds, m)
				limits[i] = uint64(m.Size)
			} else if a.svm != 0 {
				*(*uintptr)(p) = a.svm
				limits[i] = ^uint64(0) // an SVM pointer: its allocation is not known
				break
			}
			*(*unsafe.Pointer)(p) = addr
		case k.Info.Args[i].Kind == ArgImage:
			m, found := icd.Get[*mem.Mem](a.mem, icd.KindMem)
			if !found {
				device.CFree(block, size)
				return nil, 0, nil, nil, nil, icd.Fail(icd.CL_INVALID_KERNEL_ARGS, "argument %d: the image was released", i)
			}
			if m.Ctx != q.Ctx {
				device.CFree(block, size)
				return nil, 0, nil, nil, nil, icd.Fail(icd.CL_INVALID_CONTEXT, "argument %d: the image belongs to another context", i)
			}
			base, c := m.Ptr()
			if c != icd.CL_SUCCESS {
				device.CFree(block, size)
				return nil, 0, nil, nil, nil, c
			}
			describe((*imageDesc)(p), m, base)
			holds = append(holds, m)
		default:
			copy(unsafe.Slice((*byte)(p), len(a.value)), a.value)
		}
		slot += k.slotSize(i, a)
	}
	return block, localBytes, holds, func() { device.CFree(block, size) }, k.launchCheck(limits), icd.CL_SUCCESS
}
