package main

/*
#include <string.h>
#include "gocl.h"
*/
import "C"

import (
	"math"
	"sync"
	"sync/atomic"
	"unsafe"

	"gocl/build"
	"gocl/device"
	"gocl/icd"
	"gocl/mem"
)

func kernelOf(h C.cl_kernel) (*build.Kernel, int32) {
	return get[*build.Kernel](unsafe.Pointer(h), icd.KindKernel, icd.CL_INVALID_KERNEL)
}

//export gocl_clCreateKernel
func gocl_clCreateKernel(program C.cl_program, kernel_name *C.char, errcode_ret *C.cl_int) (ret C.cl_kernel) {
	defer guardErr("clCreateKernel", errcode_ret)
	p, code := programOf(program)
	if ok(code) && p.Executable() == nil {
		code = icd.Fail(icd.CL_INVALID_PROGRAM_EXECUTABLE, "the program has no executable (no successful build)")
	}
	if ok(code) && kernel_name == nil {
		code = icd.Fail(icd.CL_INVALID_VALUE, "kernel_name is NULL")
	}
	var k *build.Kernel
	if ok(code) {
		k, code = build.NewKernel(p, C.GoString(kernel_name))
	}
	setErr(errcode_ret, status(code))
	if !ok(code) {
		return nil
	}
	return C.cl_kernel(k.Handle())
}

//export gocl_clCreateKernelsInProgram
func gocl_clCreateKernelsInProgram(program C.cl_program, num_kernels C.cl_uint, kernels *C.cl_kernel, num_kernels_ret *C.cl_uint) (ret C.cl_int) {
	defer guard("clCreateKernelsInProgram", &ret)
	p, code := programOf(program)
	var exe *build.DeviceBuild
	if ok(code) {
		if exe = p.Executable(); exe == nil {
			code = icd.Fail(icd.CL_INVALID_PROGRAM_EXECUTABLE, "the program has no executable (no successful build)")
		}
	}
	if !ok(code) {
		return status(code)
	}
	var names []string
	for _, k := range exe.Kernels {
		if k.Launchable {
			names = append(names, k.Name)
		}
	}
	if kernels != nil && int(num_kernels) < len(names) {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "num_kernels %d is less than the %d kernels of the program", num_kernels, len(names)))
	}
	if kernels != nil {
		out := unsafe.Slice(kernels, len(names))
		for i, n := range names {
			k, code := build.NewKernel(p, n)
			if !ok(code) {
				for _, made := range out[:i] {
					gocl_clReleaseKernel(made)
				}
				return status(code)
			}
			out[i] = C.cl_kernel(k.Handle())
		}
	}
	if num_kernels_ret != nil {
		*num_kernels_ret = C.cl_uint(len(names))
	}
	return C.CL_SUCCESS
}

//export gocl_clCloneKernel
func gocl_clCloneKernel(source_kernel C.cl_kernel, errcode_ret *C.cl_int) (ret C.cl_kernel) {
	defer guardErr("clCloneKernel", errcode_ret)
	k, code := kernelOf(source_kernel)
	setErr(errcode_ret, status(code))
	if !ok(code) {
		return nil
	}
	return C.cl_kernel(k.Clone().Handle())
}

//export gocl_clRetainKernel
func gocl_clRetainKernel(kernel C.cl_kernel) (ret C.cl_int) {
	defer guard("clRetainKernel", &ret)
	k, code := kernelOf(kernel)
	if ok(code) {
		k.Retain()
	}
	return status(code)
}

//export gocl_clReleaseKernel
func gocl_clReleaseKernel(kernel C.cl_kernel) (ret C.cl_int) {
	defer guard("clReleaseKernel", &ret)
	k, code := kernelOf(kernel)
	if ok(code) {
		k.Release()
	}
	return status(code)
}

//export gocl_clSetKernelArg
func gocl_clSetKernelArg(kernel C.cl_kernel, arg_index C.cl_uint, arg_size C.size_t, arg_value unsafe.Pointer) (ret C.cl_int) {
	defer guard("clSetKernelArg", &ret)
	k, code := kernelOf(kernel)
	if ok(code) {
		code = k.SetArg(uint32(arg_index), uintptr(arg_size), arg_value)
	}
	return status(code)
}

//export gocl_clSetKernelArgSVMPointer
func gocl_clSetKernelArgSVMPointer(kernel C.cl_kernel, arg_index C.cl_uint, arg_value unsafe.Pointer) (ret C.cl_int) {
	defer guard("clSetKernelArgSVMPointer", &ret)
	k, code := kernelOf(kernel)
	if ok(code) {
		code = k.SetArgSVM(uint32(arg_index), uintptr(arg_value))
	}
	return status(code)
}

//export gocl_clSetKernelExecInfo
func gocl_clSetKernelExecInfo(kernel C.cl_kernel, param_name C.cl_kernel_exec_info, param_value_size C.size_t, param_value unsafe.Pointer) (ret C.cl_int) {
	defer guard("clSetKernelExecInfo", &ret)
	k, code := kernelOf(kernel)
	if !ok(code) {
		return status(code)
	}
	return status(setExecInfo(k, uint32(param_name), param_value_size, param_value))
}

// setExecInfo is clSetKernelExecInfo on a valid kernel (or on a mutable
// command's copy of one).
func setExecInfo(k *build.Kernel, param_name uint32, param_value_size C.size_t, param_value unsafe.Pointer) int32 {
	switch param_name {
	case C.CL_KERNEL_EXEC_INFO_SVM_PTRS:
		// Size 0 (param_value may then be NULL) unsets the list.
		if param_value == nil && param_value_size != 0 {
			return icd.Fail(icd.CL_INVALID_VALUE, "param_value is NULL, param_value_size %d", uint64(param_value_size))
		}
		if param_value_size%C.size_t(unsafe.Sizeof(uintptr(0))) != 0 {
			return icd.Fail(icd.CL_INVALID_VALUE, "param_value_size is not a multiple of a pointer's size")
		}
		n := int(param_value_size) / int(unsafe.Sizeof(uintptr(0)))
		var ptrs []uintptr
		if n > 0 {
			ptrs = append(ptrs, unsafe.Slice((*uintptr)(param_value), n)...)
		}
		k.SetSVMPointers(ptrs)
	case C.CL_KERNEL_EXEC_INFO_SVM_FINE_GRAIN_SYSTEM:
		if param_value == nil {
			return icd.Fail(icd.CL_INVALID_VALUE, "param_value is NULL")
		}
		if param_value_size != C.size_t(unsafe.Sizeof(C.cl_bool(0))) {
			return icd.Fail(icd.CL_INVALID_VALUE, "param_value_size must be sizeof(cl_bool)")
		}
	default:
		return icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_kernel_exec_info 0x%x", param_name)
	}
	return icd.CL_SUCCESS
}

//export gocl_clGetKernelInfo
func gocl_clGetKernelInfo(kernel C.cl_kernel, param_name C.cl_kernel_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetKernelInfo", &ret)
	k, code := kernelOf(kernel)
	var v []byte
	if ok(code) {
		switch param_name {
		case C.CL_KERNEL_FUNCTION_NAME:
			v = icd.Str(k.Info.Name)
		case C.CL_KERNEL_NUM_ARGS:
			v = icd.Val(uint32(len(k.Info.Args)))
		case C.CL_KERNEL_REFERENCE_COUNT:
			v = icd.Val(k.RefCount())
		case C.CL_KERNEL_CONTEXT:
			v = icd.Val(uintptr(k.Program.Ctx.Handle()))
		case C.CL_KERNEL_PROGRAM:
			v = icd.Val(uintptr(k.Program.Handle()))
		case C.CL_KERNEL_ATTRIBUTES:
			// Attributes of the kernel's declaration in the program
			// source: none for a program created from a binary (as the
			// OpenCL CTS expects of offline compilation).
			attrs := k.Info.Attributes
			if k.Program.Origin == build.FromBinary {
				attrs = ""
			}
			v = icd.Str(attrs)
		default:
			code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_kernel_info 0x%x", uint32(param_name))
		}
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

//export gocl_clGetKernelArgInfo
func gocl_clGetKernelArgInfo(kernel C.cl_kernel, arg_indx C.cl_uint, param_name C.cl_kernel_arg_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetKernelArgInfo", &ret)
	k, code := kernelOf(kernel)
	if ok(code) && int(arg_indx) >= len(k.Info.Args) {
		code = icd.Fail(icd.CL_INVALID_ARG_INDEX, "argument %d of a kernel with %d", arg_indx, len(k.Info.Args))
	}
	var v []byte
	if ok(code) {
		a := k.Info.Args[arg_indx]
		switch param_name {
		case C.CL_KERNEL_ARG_ADDRESS_QUALIFIER:
			v = icd.Val(a.AddrSpace)
		case C.CL_KERNEL_ARG_ACCESS_QUALIFIER:
			v = icd.Val(a.Access)
		case C.CL_KERNEL_ARG_TYPE_NAME:
			v = icd.Str(a.Type)
		case C.CL_KERNEL_ARG_TYPE_QUALIFIER:
			v = icd.Val(a.TypeQual)
		case C.CL_KERNEL_ARG_NAME:
			v = icd.Str(a.Name)
		default:
			code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_kernel_arg_info 0x%x", uint32(param_name))
		}
	}
	// Available when the kernel's source was compiled with
	// -cl-kernel-arg-info; separate compilation and program binaries keep
	// that (the specification only promises it for source programs).
	if ok(code) && !k.Program.ArgInfoAvailable(k.Info.Name) {
		code = icd.Fail(icd.CL_KERNEL_ARG_INFO_NOT_AVAILABLE, "kernel %s was not compiled with -cl-kernel-arg-info", k.Info.Name)
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

// kernelDevice validates the device argument of the kernel work-group
// queries: NULL is fine when the program has a single device.
func kernelDevice(k *build.Kernel, h C.cl_device_id) (*device.Device, int32) {
	if h == nil {
		if len(k.Program.Devices) != 1 {
			return nil, icd.Fail(icd.CL_INVALID_DEVICE, "device is NULL and the program has %d devices", len(k.Program.Devices))
		}
		return k.Program.Devices[0], icd.CL_SUCCESS
	}
	d, code := deviceOf(h)
	if ok(code) && k.Program.DeviceIndex(d) < 0 {
		code = icd.Fail(icd.CL_INVALID_DEVICE, "the device is not one of the program's")
	}
	return d, code
}

//export gocl_clGetKernelWorkGroupInfo
func gocl_clGetKernelWorkGroupInfo(kernel C.cl_kernel, dev C.cl_device_id, param_name C.cl_kernel_work_group_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetKernelWorkGroupInfo", &ret)
	k, code := kernelOf(kernel)
	var d *device.Device
	if ok(code) {
		d, code = kernelDevice(k, dev)
	}
	var v []byte
	if ok(code) {
		switch param_name {
		case C.CL_KERNEL_WORK_GROUP_SIZE:
			v = icd.Val(uintptr(kernelMaxItems(k)))
		case C.CL_KERNEL_COMPILE_WORK_GROUP_SIZE:
			v = icd.Slice([]uintptr{uintptr(k.Info.ReqdWGSize[0]), uintptr(k.Info.ReqdWGSize[1]), uintptr(k.Info.ReqdWGSize[2])})
		case C.CL_KERNEL_LOCAL_MEM_SIZE:
			// __local arguments set so far and kernel-scope __local
			// variables.
			v = icd.Val(build.SatAdd(k.LocalMemSize(), k.Program.KernelLocalMem(k.Info.Name)))
		case C.CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE:
			v = icd.Val(d.WorkGroupSizeMultiple())
		case C.CL_KERNEL_PRIVATE_MEM_SIZE:
			v = icd.Val(k.Program.KernelPrivateMem(k.Info.Name))
		case icd.CL_KERNEL_SPILL_MEM_SIZE_INTEL:
			v = icd.Val(uint64(0)) // (registers spill to the work-item's stack, part of its private memory)
		case C.CL_KERNEL_GLOBAL_WORK_SIZE:
			code = icd.Fail(icd.CL_INVALID_VALUE, "CL_KERNEL_GLOBAL_WORK_SIZE is for custom devices and built-in kernels")
		default:
			code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_kernel_work_group_info 0x%x", uint32(param_name))
		}
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

//export gocl_clGetKernelSubGroupInfo
func gocl_clGetKernelSubGroupInfo(kernel C.cl_kernel, dev C.cl_device_id, param_name C.cl_kernel_sub_group_info, input_value_size C.size_t, input_value unsafe.Pointer, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetKernelSubGroupInfo", &ret)
	k, code := kernelOf(kernel)
	var d *device.Device
	if ok(code) {
		d, code = kernelDevice(k, dev)
	}
	if ok(code) && !d.HasSubGroups() {
		code = icd.Fail(icd.CL_INVALID_OPERATION, "the device does not support sub-groups")
	}
	if !ok(code) {
		return status(code)
	}
	var v []byte
	switch param_name {
	case C.CL_KERNEL_MAX_SUB_GROUP_SIZE_FOR_NDRANGE, C.CL_KERNEL_SUB_GROUP_COUNT_FOR_NDRANGE:
		items, code := localSizeInput(input_value_size, input_value)
		if !ok(code) {
			return status(code)
		}
		if param_name == C.CL_KERNEL_MAX_SUB_GROUP_SIZE_FOR_NDRANGE {
			v = icd.Val(uintptr(d.MaxSubGroupSize(items)))
		} else {
			v = icd.Val(uintptr(d.SubGroupCount(items)))
		}
	case C.CL_KERNEL_LOCAL_SIZE_FOR_SUB_GROUP_COUNT:
		if input_value == nil || input_value_size != C.size_t(unsafe.Sizeof(C.size_t(0))) {
			return status(icd.Fail(icd.CL_INVALID_VALUE, "input_value must be one size_t, the sub-group count"))
		}
		// As many dimensions as param_value has room for (a size query: 3).
		dims := uintptr(param_value_size) / unsafe.Sizeof(C.size_t(0))
		if dims < 1 || dims > 3 {
			dims = 3
		}
		local := make([]uintptr, dims)
		if x := d.LocalSizeForSubGroupCount(uint64(*(*C.size_t)(input_value)), kernelMaxItems(k)); x != 0 {
			for i := range local {
				local[i] = 1
			}
			local[0] = uintptr(x)
		}
		v = icd.Slice(local)
	case C.CL_KERNEL_MAX_NUM_SUB_GROUPS:
		v = icd.Val(uintptr(d.SubGroupCount(kernelMaxItems(k))))
	case C.CL_KERNEL_COMPILE_NUM_SUB_GROUPS:
		v = icd.Val(uintptr(0)) // no kernel attribute asks for a number of sub-groups
	case icd.CL_KERNEL_COMPILE_SUB_GROUP_SIZE_INTEL:
		v = icd.Val(uintptr(k.Info.ReqdSubGroupSize))
	default:
		return status(icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_kernel_sub_group_info 0x%x", uint32(param_name)))
	}
	return answer(v, icd.CL_SUCCESS, param_value_size, param_value, param_value_size_ret)
}

// localSizeInput decodes the input of the sub-group queries that take a
// local size (1 to 3 size_t): its number of work-items (saturated).
func localSizeInput(size C.size_t, p unsafe.Pointer) (uint64, int32) {
	w := unsafe.Sizeof(C.size_t(0))
	n := uintptr(size) / w
	if p == nil || n < 1 || n > 3 || uintptr(size)%w != 0 {
		return 0, icd.Fail(icd.CL_INVALID_VALUE, "input_value must be a local size of 1, 2 or 3 size_t (%d bytes given)", size)
	}
	items := uint64(1)
	for _, l := range unsafe.Slice((*C.size_t)(p), n) {
		if l != 0 && items > math.MaxUint64/uint64(l) {
			return math.MaxUint64, icd.CL_SUCCESS
		}
		items *= uint64(l)
	}
	return items, icd.CL_SUCCESS
}

// kernelMaxItems is CL_KERNEL_WORK_GROUP_SIZE: a kernel with
// reqd_work_group_size runs work-groups of that size only; others any size
// up to the device's maximum.
func kernelMaxItems(k *build.Kernel) uint64 {
	if r := k.Info.ReqdWGSize; r[0] != 0 {
		return r[0] * r[1] * r[2]
	}
	return device.MaxWorkGroupSize
}

// workSizes reads and validates the NDRange of clEnqueueNDRangeKernel, in
// the order of the specification's error list. A NULL global size, or a 0
// in it, is an empty range (OpenCL 2.1 and later): the command does nothing.
func workSizes(k *build.Kernel, dev *device.Device, dim C.cl_uint, offset, global, local *C.size_t) (r device.NDRange, code int32) {
	if dim < 1 || dim > 3 {
		return r, icd.Fail(icd.CL_INVALID_WORK_DIMENSION, "work_dim %d is not 1, 2 or 3", dim)
	}
	r.Dim = uint32(dim)
	r.Global, r.Local = [3]uint64{1, 1, 1}, [3]uint64{1, 1, 1}
	if global == nil {
		r.Global[0] = 0
	} else {
		items := uint64(1)
		for i, g := range unsafe.Slice(global, dim) {
			r.Global[i] = uint64(g)
			if g != 0 && items > math.MaxUint64/uint64(g) {
				return r, icd.Fail(icd.CL_INVALID_GLOBAL_WORK_SIZE, "the global work size %v has more than 2^64 work-items", unsafe.Slice(global, dim))
			}
			items *= uint64(g)
		}
	}
	if offset != nil {
		for i, o := range unsafe.Slice(offset, dim) {
			r.Offset[i] = uint64(o)
			if r.Global[i]+r.Offset[i] < r.Global[i] {
				return r, icd.Fail(icd.CL_INVALID_GLOBAL_OFFSET, "global_work_offset[%d] + global_work_size[%d] overflows a size_t", i, i)
			}
		}
	}
	uniform := !k.Program.NonUniformWorkGroups()
	why := " (non-uniform work-groups need a program built with -cl-std=CL2.0 or CL3.0, without -cl-uniform-work-group-size)"
	reqd := k.Info.ReqdWGSize
	switch {
	case local != nil:
		ls := unsafe.Slice(local, dim)
		items := uint64(1)
		for i, l := range ls {
			if l == 0 {
				return r, icd.Fail(icd.CL_INVALID_WORK_GROUP_SIZE, "local_work_size[%d] is 0", i)
			}
			r.Local[i] = uint64(l)
			items = min(items*uint64(l), device.MaxWorkGroupSize+1) // saturates: both are at most 2^13
		}
		if reqd[0] != 0 && r.Local != reqd {
			return r, icd.Fail(icd.CL_INVALID_WORK_GROUP_SIZE, "local_work_size %v differs from the kernel's reqd_work_group_size %v", r.Local, reqd)
		}
		if items > device.MaxWorkGroupSize {
			return r, icd.Fail(icd.CL_INVALID_WORK_GROUP_SIZE, "local_work_size %v has more than CL_KERNEL_WORK_GROUP_SIZE (%d) work-items", ls, device.MaxWorkGroupSize)
		}
		if uniform && !r.Empty() {
			for i := 0; i < int(dim); i++ {
				if r.Global[i]%r.Local[i] != 0 {
					return r, icd.Fail(icd.CL_INVALID_WORK_GROUP_SIZE, "global_work_size[%d] = %d is not a multiple of local_work_size[%d] = %d%s", i, r.Global[i], i, r.Local[i], why)
				}
			}
		}
		for i, l := range ls {
			if l > device.MaxWorkItemSize {
				return r, icd.Fail(icd.CL_INVALID_WORK_ITEM_SIZE, "local_work_size[%d] = %d is more than CL_DEVICE_MAX_WORK_ITEM_SIZES[%d] = %d", i, l, i, device.MaxWorkItemSize)
			}
		}
	case reqd[0] != 0:
		r.Local = reqd
		for i := int(dim); i < 3; i++ {
			if reqd[i] != 1 {
				return r, icd.Fail(icd.CL_INVALID_WORK_GROUP_SIZE, "reqd_work_group_size %v does not fit a %d-dimensional range", reqd, dim)
			}
		}
		if uniform && !r.Empty() {
			for i := 0; i < int(dim); i++ {
				if r.Global[i]%r.Local[i] != 0 {
					return r, icd.Fail(icd.CL_INVALID_WORK_GROUP_SIZE, "global_work_size[%d] = %d is not a multiple of reqd_work_group_size[%d] = %d%s", i, r.Global[i], i, reqd[i], why)
				}
			}
		}
	case !r.Empty():
		r.Local = autoLocalSize(k, dev, r, uniform)
	}
	if k.Info.OwnShape(r.Dim) && !r.Empty() {
		r.Local = autoLocalSize(k, dev, r, uniform)
	}
	return r, icd.CL_SUCCESS
}

// autoLocalSize is the work-group shape gocl picks for a launch of k.
func autoLocalSize(k *build.Kernel, dev *device.Device, r device.NDRange, uniform bool) [3]uint64 {
	fibers := k.Info.UsesBarrier && !k.Info.Regions // a work-group function takes big groups
	return device.AutoLocalSize(r.Global, int(r.Dim), fibers, k.Info.Loops, !uniform, dev.ComputeUnits(), int(dev.WorkGroupSizeMultiple()))
}

//export gocl_clGetKernelSuggestedLocalWorkSizeKHR
func gocl_clGetKernelSuggestedLocalWorkSizeKHR(command_queue C.cl_command_queue, kernel C.cl_kernel, work_dim C.cl_uint, global_work_offset *C.size_t, global_work_size *C.size_t, suggested_local_work_size *C.size_t) (ret C.cl_int) {
	defer guard("clGetKernelSuggestedLocalWorkSizeKHR", &ret)
	// The checks of clEnqueueNDRangeKernel, and the local size it would
	// choose for a NULL local_work_size.
	q, k, code := queueAndKernelOf(command_queue, kernel)
	if !ok(code) {
		return status(code)
	}
	if global_work_size == nil {
		return status(icd.Fail(icd.CL_INVALID_GLOBAL_WORK_SIZE, "global_work_size is NULL"))
	}
	if work_dim >= 1 && work_dim <= 3 {
		// (The extension refuses an empty range, which an enqueue runs.)
		for i, g := range unsafe.Slice(global_work_size, work_dim) {
			if g == 0 {
				return status(icd.Fail(icd.CL_INVALID_GLOBAL_WORK_SIZE, "global_work_size[%d] is 0", i))
			}
		}
	}
	r, code := kernelRange(q, k, nil, true, work_dim, global_work_offset, global_work_size, nil)
	if !ok(code) {
		return status(code)
	}
	if suggested_local_work_size == nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "suggested_local_work_size is NULL"))
	}
	for i, l := range r.Local[:work_dim] {
		*(*C.size_t)(unsafe.Add(unsafe.Pointer(suggested_local_work_size), uintptr(i)*unsafe.Sizeof(C.size_t(0)))) = C.size_t(l)
	}
	return C.CL_SUCCESS
}

//export gocl_clEnqueueNDRangeKernel
func gocl_clEnqueueNDRangeKernel(command_queue C.cl_command_queue, kernel C.cl_kernel, work_dim C.cl_uint, global_work_offset *C.size_t, global_work_size *C.size_t, local_work_size *C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueNDRangeKernel", &ret)
	return enqueueKernel(command_queue, kernel, icd.CL_COMMAND_NDRANGE_KERNEL, work_dim, global_work_offset, global_work_size, local_work_size, num_events_in_wait_list, event_wait_list, event)
}

// queueAndKernelOf decodes a launch's command-queue and kernel.
func queueAndKernelOf(command_queue C.cl_command_queue, kernel C.cl_kernel) (*device.Queue, *build.Kernel, int32) {
	q, code := queueOf(command_queue)
	if !ok(code) {
		return nil, nil, code
	}
	k, code := kernelOf(kernel)
	return q, k, code
}

// enqueueKernel is clEnqueueNDRangeKernel and clEnqueueTask: the checks in
// the order of the specification's error list, then a command that runs the
// kernel on the queue device's cores. The arguments are those of the moment
// of the call (clSetKernelArg may change them afterwards).
func enqueueKernel(command_queue C.cl_command_queue, kernel C.cl_kernel, typ uint32, work_dim C.cl_uint, offset, global, local *C.size_t, n C.cl_uint, list *C.cl_event, event *C.cl_event) C.cl_int {
	q, k, code := queueAndKernelOf(command_queue, kernel)
	if !ok(code) {
		return status(code)
	}
	waitCtx := func() int32 { return waitListContext(q.Ctx, n, list) }
	r, code := kernelRange(q, k, waitCtx, true, work_dim, offset, global, local)
	if !ok(code) {
		return status(code)
	}
	evs, code := waitList(q.Ctx, n, list)
	if !ok(code) {
		return status(code)
	}
	holds, free, code := kernelLaunch(q, k, &r, uintptr(unsafe.Pointer(command_queue)))
	if !ok(code) {
		return status(code)
	}
	dev := q.Dev
	release := &atEnd{fn: free} // the argument block, also when the kernel never runs
	holds = append(holds, release)
	run := func() int32 {
		s := dev.Run(&r)
		release.Unref()
		return s
	}
	// An empty range does nothing: it ends as soon as what it waits for
	// has; a brief one runs on the thread that makes it ready.
	cheap := r.Empty() || r.Check == nil && k.Brevity.Brief(&r)
	return submit(q, device.Command{Type: typ, WaitList: evs, Run: run, Holds: holds, Cheap: cheap, Launch: &r}, event)
}

// kernelRange is the validation a kernel launch on q shares with a kernel
// command of a command-buffer, in the order of clEnqueueNDRangeKernel's
// error list: the program and contexts, then waitCtx (the wait list's
// context; nil for none), the arguments (unless argsNeeded is false: a
// mutable command may get them later), the NDRange and the __local memory.
func kernelRange(q *device.Queue, k *build.Kernel, waitCtx func() int32, argsNeeded bool, work_dim C.cl_uint, offset, global, local *C.size_t) (device.NDRange, int32) {
	if !programRunsOn(k.Program, q.Dev) {
		return device.NDRange{}, icd.Fail(icd.CL_INVALID_PROGRAM_EXECUTABLE, "the program has no executable for the queue's device")
	}
	if k.Program.Ctx != q.Ctx {
		return device.NDRange{}, icd.Fail(icd.CL_INVALID_CONTEXT, "the kernel and the command-queue belong to different contexts")
	}
	if waitCtx != nil {
		if code := waitCtx(); !ok(code) {
			return device.NDRange{}, code
		}
	}
	for i, a := range k.Info.Args {
		if argsNeeded && !k.ArgSet(i) {
			return device.NDRange{}, icd.Fail(icd.CL_INVALID_KERNEL_ARGS, "argument %d (%s) of kernel %s is not set", i, a.Name, k.Info.Name)
		}
	}
	r, code := workSizes(k, q.Dev, work_dim, offset, global, local)
	if !ok(code) {
		return r, code
	}
	if lm := build.SatAdd(k.LocalMemSize(), k.Program.KernelLocalMem(k.Info.Name)); lm > device.LocalMemSize {
		return r, icd.Fail(icd.CL_OUT_OF_RESOURCES, "the kernel's __local memory (arguments and kernel-scope variables) takes %d bytes; CL_DEVICE_LOCAL_MEM_SIZE is %d", lm, device.LocalMemSize)
	}
	return r, icd.CL_SUCCESS
}

// kernelLaunch completes r, checked by kernelRange, for a launch of k's
// arguments as they are now: the argument block (free releases it), the
// code, and the memory objects the launch uses. queue names the launch's
// queue in fault reports.
func kernelLaunch(q *device.Queue, k *build.Kernel, r *device.NDRange, queue uintptr) (holds []device.Holder, free func(), code int32) {
	args, localBytes, holds, free, check, code := k.Prepare(q)
	if !ok(code) {
		return nil, nil, code
	}
	r.Args, r.LocalBytes, r.Check = args, localBytes, check
	e, code := k.Code()
	if !ok(code) {
		free()
		return nil, nil, code
	}
	r.Entry, r.Body = e.Loop, e.Body
	r.Private = k.Program.KernelPrivateMem(k.Info.Name)
	r.What, r.Seq, r.Queue, r.Brevity = k.Info.Name, launches.Add(1), queue, &k.Brevity
	switch {
	case k.Info.Regions && e.Groups != 0:
		// The kernel runs a whole work-group per call (build/regions.go),
		// compiled for this local size once that pays (build/specialize.go).
		r.Entry = e.Groups
		if r.UniformGroups() && r.SmallIDs() {
			if shaped, ran := k.ShapedGroups(r.Local); shaped != 0 {
				r.Entry = shaped
			} else {
				r.Ran = ran
			}
		}
	case k.Info.UsesBarrier && r.Local[0]*r.Local[1]*r.Local[2] > 1:
		r.Entry, r.Fibers = e.Fibers, true
	}
	if max := q.Dev.MaxPrivateMem(); r.Private > max {
		free()
		return nil, nil, icd.Fail(icd.CL_OUT_OF_RESOURCES, "kernel %s: a work-item's private memory (%d bytes) is more than the device can give each thread (%d)", k.Info.Name, r.Private, max)
	}
	return holds, free, icd.CL_SUCCESS
}

// launches counts kernel launches, to name them in a fault report.
var launches atomic.Uint64

// atEnd is a command's hold that runs fn once, when the command ends (run
// or not: a failed wait list ends it without running) or earlier.
type atEnd struct {
	once sync.Once
	fn   func()
}

func (a *atEnd) Ref()   {}
func (a *atEnd) Unref() { a.once.Do(a.fn) }

// programRunsOn reports whether the program has an executable for d, or for
// a parent of d (a sub-device runs its parent's code: it is the same CPU).
func programRunsOn(p *build.Program, d *device.Device) bool {
	if i := p.DeviceIndex(d); i >= 0 {
		return p.BuildInfo(i).Exec != nil
	}
	return d.Parent != nil && programHasAncestor(p, d)
}

// programHasAncestor reports whether the program has an executable for a
// parent of the sub-device d.
func programHasAncestor(p *build.Program, d *device.Device) bool {
	for i, pd := range p.Devices {
		if d != pd && d.Ancestor(pd) && p.BuildInfo(i).Exec != nil {
			return true
		}
	}
	return false
}

//export gocl_clEnqueueTask
func gocl_clEnqueueTask(command_queue C.cl_command_queue, kernel C.cl_kernel, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueTask", &ret)
	one := [3]C.size_t{1, 1, 1}
	return enqueueKernel(command_queue, kernel, icd.CL_COMMAND_TASK, 1, nil, &one[0], &one[0], num_events_in_wait_list, event_wait_list, event)
}

//export gocl_clEnqueueNativeKernel
func gocl_clEnqueueNativeKernel(command_queue C.cl_command_queue, user_func unsafe.Pointer, args unsafe.Pointer, cb_args C.size_t, num_mem_objects C.cl_uint, mem_list *C.cl_mem, args_mem_loc *unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueNativeKernel", &ret)
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	if code := waitListContext(q.Ctx, num_events_in_wait_list, event_wait_list); !ok(code) {
		return status(code)
	}
	switch {
	case user_func == nil:
		return status(icd.Fail(icd.CL_INVALID_VALUE, "user_func is NULL"))
	case args == nil && cb_args > 0:
		return status(icd.Fail(icd.CL_INVALID_VALUE, "args is NULL and cb_args is %d", cb_args))
	case args == nil && num_mem_objects > 0:
		return status(icd.Fail(icd.CL_INVALID_VALUE, "args is NULL and num_mem_objects is %d", num_mem_objects))
	case args != nil && cb_args == 0:
		return status(icd.Fail(icd.CL_INVALID_VALUE, "args is not NULL and cb_args is 0"))
	case num_mem_objects > 0 && (mem_list == nil || args_mem_loc == nil):
		return status(icd.Fail(icd.CL_INVALID_VALUE, "num_mem_objects is %d and mem_list or args_mem_loc is NULL", num_mem_objects))
	case num_mem_objects == 0 && (mem_list != nil || args_mem_loc != nil):
		return status(icd.Fail(icd.CL_INVALID_VALUE, "num_mem_objects is 0 and mem_list or args_mem_loc is not NULL"))
	}
	// Where each memory object's address goes in the copy of args: its
	// handle's place in args, which must hold a whole pointer.
	var mems []*mem.Mem
	var at []uintptr
	if num_mem_objects > 0 {
		locs := unsafe.Slice(args_mem_loc, num_mem_objects)
		for i, h := range unsafe.Slice(mem_list, num_mem_objects) {
			m, code := memOf(h)
			if !ok(code) {
				return status(icd.Fail(icd.CL_INVALID_MEM_OBJECT, "mem_list[%d] is not a valid memory object", i))
			}
			if m.Type != icd.CL_MEM_OBJECT_BUFFER {
				return status(icd.Fail(icd.CL_INVALID_MEM_OBJECT, "mem_list[%d] is not a buffer", i))
			}
			if m.Ctx != q.Ctx {
				return status(icd.Fail(icd.CL_INVALID_MEM_OBJECT, "mem_list[%d] belongs to another context than the command-queue", i))
			}
			off := uintptr(locs[i]) - uintptr(args)
			if uintptr(locs[i]) < uintptr(args) || off > uintptr(cb_args) || uintptr(cb_args)-off < unsafe.Sizeof(uintptr(0)) {
				return status(icd.Fail(icd.CL_INVALID_VALUE, "args_mem_loc[%d] does not point to a pointer inside args", i))
			}
			mems = append(mems, m)
			at = append(at, off)
		}
	}
	ptrs := make([]unsafe.Pointer, len(mems))
	for i, m := range mems {
		p, code := m.Ptr()
		if !ok(code) {
			return status(code)
		}
		ptrs[i] = p
	}
	evs, code := waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	if !ok(code) {
		return status(code)
	}
	// The copy of args the function gets, with the buffers' addresses in
	// place of their handles (C memory: the function may keep pointers into
	// it while it runs).
	var block unsafe.Pointer
	if cb_args > 0 {
		if block = C.malloc(cb_args); block == nil {
			return status(icd.Fail(icd.CL_OUT_OF_HOST_MEMORY, "cannot copy %d bytes of args", cb_args))
		}
		C.memcpy(block, args, cb_args)
		for i, off := range at {
			*(*unsafe.Pointer)(unsafe.Add(block, off)) = ptrs[i]
		}
	}
	release := &atEnd{fn: func() { C.free(block) }}
	holds := []device.Holder{release}
	for _, m := range mems {
		holds = append(holds, m)
	}
	run := func() int32 {
		C.gocl_call_native_kernel(user_func, block)
		release.Unref()
		return icd.CL_COMPLETE
	}
	return submit(q, device.Command{Type: icd.CL_COMMAND_NATIVE_KERNEL, WaitList: evs, Run: run, Holds: holds}, event)
}
