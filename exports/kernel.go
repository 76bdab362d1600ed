package main

/*
#include "gocl.h"
*/
import "C"

import (
	"unsafe"

	"gocl/build"
	"gocl/device"
	"gocl/icd"
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
	if param_value == nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "param_value is NULL"))
	}
	switch param_name {
	case C.CL_KERNEL_EXEC_INFO_SVM_PTRS:
		if param_value_size%C.size_t(unsafe.Sizeof(uintptr(0))) != 0 {
			return status(icd.Fail(icd.CL_INVALID_VALUE, "param_value_size is not a multiple of a pointer's size"))
		}
		n := int(param_value_size) / int(unsafe.Sizeof(uintptr(0)))
		k.SetSVMPointers(append([]uintptr(nil), unsafe.Slice((*uintptr)(param_value), n)...))
	case C.CL_KERNEL_EXEC_INFO_SVM_FINE_GRAIN_SYSTEM:
		if param_value_size != C.size_t(unsafe.Sizeof(C.cl_bool(0))) {
			return status(icd.Fail(icd.CL_INVALID_VALUE, "param_value_size must be sizeof(cl_bool)"))
		}
	default:
		return status(icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_kernel_exec_info 0x%x", uint32(param_name)))
	}
	return C.CL_SUCCESS
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
			// A kernel with reqd_work_group_size runs work-groups of that
			// size only; others any size up to the device's maximum.
			n := uint64(device.MaxWorkGroupSize)
			if r := k.Info.ReqdWGSize; r[0] != 0 {
				n = r[0] * r[1] * r[2]
			}
			v = icd.Val(uintptr(n))
		case C.CL_KERNEL_COMPILE_WORK_GROUP_SIZE:
			v = icd.Slice([]uintptr{uintptr(k.Info.ReqdWGSize[0]), uintptr(k.Info.ReqdWGSize[1]), uintptr(k.Info.ReqdWGSize[2])})
		case C.CL_KERNEL_LOCAL_MEM_SIZE:
			// __local arguments set so far and kernel-scope __local
			// variables.
			v = icd.Val(k.LocalMemSize() + k.Program.KernelLocalMem(k.Info.Name))
		case C.CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE:
			v = icd.Val(d.WorkGroupSizeMultiple())
		case C.CL_KERNEL_PRIVATE_MEM_SIZE:
			v = icd.Val(k.Program.KernelPrivateMem(k.Info.Name))
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
	if ok(code) {
		_, code = kernelDevice(k, dev)
	}
	if !ok(code) {
		return status(code)
	}
	// CL_DEVICE_MAX_NUM_SUB_GROUPS is 0: the device has no sub-groups.
	return status(icd.Fail(icd.CL_INVALID_OPERATION, "the device does not support sub-groups"))
}

// workSizes reads and validates the NDRange sizes of clEnqueueNDRangeKernel.
func workSizes(k *build.Kernel, dim C.cl_uint, offset, global, local *C.size_t) (r device.NDRange, code int32) {
	if dim < 1 || dim > 3 {
		return r, icd.Fail(icd.CL_INVALID_WORK_DIMENSION, "work_dim %d is not 1, 2 or 3", dim)
	}
	if global == nil {
		return r, icd.Fail(icd.CL_INVALID_GLOBAL_WORK_SIZE, "global_work_size is NULL")
	}
	r.Dim = uint32(dim)
	r.Global, r.Local = [3]uint64{1, 1, 1}, [3]uint64{1, 1, 1}
	gs := unsafe.Slice(global, dim)
	for i := range gs {
		r.Global[i] = uint64(gs[i])
	}
	if offset != nil {
		for i, o := range unsafe.Slice(offset, dim) {
			r.Offset[i] = uint64(o)
			if r.Global[i]+r.Offset[i] < r.Global[i] {
				return r, icd.Fail(icd.CL_INVALID_GLOBAL_OFFSET, "global_work_offset[%d] + global_work_size[%d] overflows", i, i)
			}
		}
	}
	reqd := k.Info.ReqdWGSize
	if local != nil {
		total := uint64(1)
		for i, l := range unsafe.Slice(local, dim) {
			r.Local[i] = uint64(l)
			total *= uint64(l)
			if l == 0 || uint64(l) > device.MaxWorkItemSize {
				return r, icd.Fail(icd.CL_INVALID_WORK_ITEM_SIZE, "local_work_size[%d] = %d", i, l)
			}
		}
		if reqd[0] != 0 && (r.Local[0] != reqd[0] || r.Local[1] != reqd[1] || r.Local[2] != reqd[2]) {
			return r, icd.Fail(icd.CL_INVALID_WORK_GROUP_SIZE, "local size %v differs from reqd_work_group_size %v", r.Local, reqd)
		}
		if total > device.MaxWorkGroupSize {
			return r, icd.Fail(icd.CL_INVALID_WORK_GROUP_SIZE, "work-group of %d work-items exceeds %d", total, device.MaxWorkGroupSize)
		}
		if !k.Program.NonUniformWorkGroups() {
			for i := 0; i < int(dim); i++ {
				if r.Global[i]%r.Local[i] != 0 {
					return r, icd.Fail(icd.CL_INVALID_WORK_GROUP_SIZE, "global_work_size[%d] = %d is not a multiple of local_work_size[%d] = %d (non-uniform work-groups need OpenCL C 2.0 or later)", i, r.Global[i], i, r.Local[i])
				}
			}
		}
	} else if reqd[0] != 0 {
		r.Local = reqd
		for i := 0; i < int(dim); i++ {
			if r.Global[i]%r.Local[i] != 0 && !k.Program.NonUniformWorkGroups() {
				return r, icd.Fail(icd.CL_INVALID_WORK_GROUP_SIZE, "global_work_size[%d] is not a multiple of reqd_work_group_size", i)
			}
		}
	} else {
		r.Local = device.AutoLocalSize(r.Global, int(dim), k.Info.UsesBarrier)
	}
	return r, icd.CL_SUCCESS
}

//export gocl_clEnqueueNDRangeKernel
func gocl_clEnqueueNDRangeKernel(command_queue C.cl_command_queue, kernel C.cl_kernel, work_dim C.cl_uint, global_work_offset *C.size_t, global_work_size *C.size_t, local_work_size *C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueNDRangeKernel", &ret)
	return enqueueKernel(command_queue, kernel, icd.CL_COMMAND_NDRANGE_KERNEL, work_dim, global_work_offset, global_work_size, local_work_size, num_events_in_wait_list, event_wait_list, event)
}

func enqueueKernel(command_queue C.cl_command_queue, kernel C.cl_kernel, typ uint32, work_dim C.cl_uint, offset, global, local *C.size_t, n C.cl_uint, list *C.cl_event, event *C.cl_event) C.cl_int {
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	k, code := kernelOf(kernel)
	if !ok(code) {
		return status(code)
	}
	if k.Program.Ctx != q.Ctx {
		return status(icd.Fail(icd.CL_INVALID_CONTEXT, "the kernel and the command-queue belong to different contexts"))
	}
	if k.Program.DeviceIndex(q.Dev) < 0 && (q.Dev.Parent == nil || !programHasAncestor(k.Program, q.Dev)) {
		return status(icd.Fail(icd.CL_INVALID_PROGRAM_EXECUTABLE, "the program was not built for the queue's device"))
	}
	r, code := workSizes(k, work_dim, offset, global, local)
	if !ok(code) {
		return status(code)
	}
	evs, code := waitList(q.Ctx, n, list)
	if !ok(code) {
		return status(code)
	}
	args, localBytes, holds, free, code := k.Prepare(q)
	if !ok(code) {
		return status(code)
	}
	r.Args, r.LocalBytes = args, localBytes
	r.Entry, r.Body = k.Entry.Loop, k.Entry.Body
	if k.Info.UsesBarrier && r.Local[0]*r.Local[1]*r.Local[2] > 1 {
		r.Entry = k.Entry.Fibers
	}
	dev := q.Dev
	run := func() int32 {
		dev.Run(&r)
		free()
		build.FlushPrintf()
		return icd.CL_COMPLETE
	}
	return submit(q, device.Command{Type: typ, WaitList: evs, Run: run, Holds: holds}, event)
}

// programHasAncestor reports whether the program was built for a parent of
// the sub-device d (a sub-device runs its parent's code).
func programHasAncestor(p *build.Program, d *device.Device) bool {
	for _, pd := range p.Devices {
		if d.Ancestor(pd) {
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
	if _, code := queueOf(command_queue); !ok(code) {
		return status(code)
	}
	return status(icd.Fail(icd.CL_INVALID_OPERATION, "the device does not run native kernels (CL_EXEC_NATIVE_KERNEL is not in CL_DEVICE_EXECUTION_CAPABILITIES)"))
}
