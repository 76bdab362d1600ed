package build

/*
#include <stdlib.h>
#include <stdio.h>
static void gocl_flush_stdout(void) { fflush(stdout); }
*/
import "C"

import (
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
	Entry   *Entry

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
		return nil, icd.Fail(icd.CL_INVALID_KERNEL_DEFINITION, "kernel %q takes image, sampler or pipe arguments, which kernels cannot use yet", name)
	}
	k := &Kernel{Program: p, Info: e.Info, Entry: e, args: make([]argValue, len(e.Info.Args))}
	p.AttachKernel()
	icd.Register(k, icd.KindKernel, p.DetachKernel)
	return k, icd.CL_SUCCESS
}

// Clone is clCloneKernel: a new kernel object with the same arguments.
func (k *Kernel) Clone() *Kernel {
	k.mu.Lock()
	c := &Kernel{Program: k.Program, Info: k.Info, Entry: k.Entry, args: make([]argValue, len(k.args)),
		svmPtrs: append([]uintptr(nil), k.svmPtrs...)}
	for i, a := range k.args {
		a.value = append([]byte(nil), a.value...)
		c.args[i] = a
	}
	k.mu.Unlock()
	k.Program.AttachKernel()
	icd.Register(c, icd.KindKernel, k.Program.DetachKernel)
	return c
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
	default:
		if value == nil {
			return icd.Fail(icd.CL_INVALID_ARG_VALUE, "argument %d is passed by value: arg_value must not be NULL", i)
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
		n += a.local
	}
	return n
}

// slotAlign is the alignment of every argument value: enough for double16.
const slotAlign = 128

// Prepare snapshots the arguments for a launch on q: the argument block
// (C memory, freed by the returned function), the __local memory each
// work-group needs, and the memory objects the launch uses.
func (k *Kernel) Prepare(q *device.Queue) (args unsafe.Pointer, localBytes uint64, holds []device.Holder, free func(), code int32) {
	k.mu.Lock()
	defer k.mu.Unlock()
	n := len(k.args)
	size := uintptr(n*8+slotAlign-1) &^ (slotAlign - 1)
	for _, a := range k.args {
		size += (uintptr(max(len(a.value), 8)) + slotAlign - 1) &^ (slotAlign - 1)
	}
	var block unsafe.Pointer
	if C.posix_memalign(&block, slotAlign, C.size_t(max(size, 8))) != 0 {
		return nil, 0, nil, nil, icd.Fail(icd.CL_OUT_OF_HOST_MEMORY, "cannot allocate the argument block")
	}
	ptrs := unsafe.Slice((*unsafe.Pointer)(block), n)
	slot := uintptr(n*8+slotAlign-1) &^ (slotAlign - 1)
	for i, a := range k.args {
		if !a.set {
			C.free(block)
			return nil, 0, nil, nil, icd.Fail(icd.CL_INVALID_KERNEL_ARGS, "argument %d (%s) of kernel %s is not set", i, k.Info.Args[i].Name, k.Info.Name)
		}
		p := unsafe.Add(block, slot)
		ptrs[i] = p
		switch {
		case a.local != 0:
			*(*uint64)(p) = localBytes
			localBytes += (a.local + slotAlign - 1) &^ (slotAlign - 1)
		case k.Info.Args[i].Kind == ArgBuffer:
			var addr unsafe.Pointer
			if a.mem != nil {
				m, found := icd.Get[*mem.Mem](a.mem, icd.KindMem)
				if !found {
					C.free(block)
					return nil, 0, nil, nil, icd.Fail(icd.CL_INVALID_KERNEL_ARGS, "argument %d: the buffer was released", i)
				}
				if m.Ctx != q.Ctx {
					C.free(block)
					return nil, 0, nil, nil, icd.Fail(icd.CL_INVALID_CONTEXT, "argument %d: the buffer belongs to another context", i)
				}
				var c int32
				if addr, c = m.Ptr(); c != icd.CL_SUCCESS {
					C.free(block)
					return nil, 0, nil, nil, c
				}
				holds = append(holds, m)
			} else if a.svm != 0 {
				*(*uintptr)(p) = a.svm
				break
			}
			*(*unsafe.Pointer)(p) = addr
		default:
			copy(unsafe.Slice((*byte)(p), len(a.value)), a.value)
		}
		slot += (uintptr(max(len(a.value), 8)) + slotAlign - 1) &^ (slotAlign - 1)
	}
	return block, localBytes, holds, func() { C.free(block) }, icd.CL_SUCCESS
}

// FlushPrintf makes printf output of a finished command visible.
func FlushPrintf() { C.gocl_flush_stdout() }
