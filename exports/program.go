package main

// Programs, kernels and pipes.
//
// Programs are built by the kernel compiler of package build (clang and
// libLLVM): from source, from the binaries CL_PROGRAM_BINARIES hands out,
// and by separate compilation (clCompileProgram with embedded headers,
// clLinkProgram of compiled objects and -create-library libraries). With a
// pfn_notify, builds, compiles and links run on a goroutine and return as
// soon as they have started. Where clang or libLLVM is missing,
// CL_DEVICE_COMPILER_AVAILABLE is CL_FALSE and builds from source fail with
// CL_COMPILER_NOT_AVAILABLE.
//
// Pipes: CL_DEVICE_PIPE_SUPPORT is CL_FALSE, so clCreatePipe is
// CL_INVALID_OPERATION and no memory object is a pipe. Native kernels:
// CL_DEVICE_EXECUTION_CAPABILITIES lacks CL_EXEC_NATIVE_KERNEL.

/*
#include <string.h>
#include "gocl.h"
*/
import "C"

import (
	"unsafe"

	"gocl/build"
	"gocl/device"
	"gocl/icd"
)

func programOf(h C.cl_program) (*build.Program, int32) {
	return get[*build.Program](unsafe.Pointer(h), icd.KindProgram, icd.CL_INVALID_PROGRAM)
}

// deviceListArgs checks that device_list and num_devices agree (both
// absent or both present).
func deviceListArgs(n C.cl_uint, list *C.cl_device_id) int32 {
	if (list == nil) != (n == 0) {
		return icd.Fail(icd.CL_INVALID_VALUE, "device_list and num_devices (%d) disagree", n)
	}
	return icd.CL_SUCCESS
}

// devicesIn validates the devices of a list against member (a program's or
// a context's devices): CL_INVALID_DEVICE for an invalid handle or a device
// that is not a member.
func devicesIn(n C.cl_uint, list *C.cl_device_id, member func(*device.Device) bool, what string) ([]*device.Device, int32) {
	if n == 0 || list == nil {
		return nil, icd.CL_SUCCESS
	}
	devs := make([]*device.Device, 0, n)
	for i, h := range unsafe.Slice(list, n) {
		d, code := deviceOf(h)
		if !ok(code) {
			return nil, icd.Fail(icd.CL_INVALID_DEVICE, "device_list[%d] is not a valid device", i)
		}
		if !member(d) {
			return nil, icd.Fail(icd.CL_INVALID_DEVICE, "device_list[%d] is not a device of the %s", i, what)
		}
		devs = append(devs, d)
	}
	return devs, icd.CL_SUCCESS
}

func notifyArgs(fn unsafe.Pointer, user uintptr) int32 {
	if fn == nil && user != 0 {
		return icd.Fail(icd.CL_INVALID_VALUE, "user_data without pfn_notify")
	}
	return icd.CL_SUCCESS
}

// programNotify wraps a build, compile or link pfn_notify; nil for none.
func programNotify(fn unsafe.Pointer, user uintptr, p *build.Program) func() {
	if fn == nil {
		return nil
	}
	return func() {
		p.Ref()
		defer p.Unref()
		C.gocl_call_program_callback(fn, C.cl_program(p.Handle()), C.uintptr_t(user))
	}
}

func optString(s *C.char) string {
	if s == nil {
		return ""
	}
	return C.GoString(s)
}

//export gocl_clCreateProgramWithSource
func gocl_clCreateProgramWithSource(context C.cl_context, count C.cl_uint, strings **C.char, lengths *C.size_t, errcode_ret *C.cl_int) (ret C.cl_program) {
	defer guardErr("clCreateProgramWithSource", errcode_ret)
	ctx, code := contextOf(context)
	if ok(code) && (count == 0 || strings == nil) {
		code = icd.Fail(icd.CL_INVALID_VALUE, "count is 0 or strings is NULL")
	}
	var parts [][]byte
	if ok(code) {
		strs := unsafe.Slice(strings, count)
		var lens []C.size_t
		if lengths != nil {
			lens = unsafe.Slice(lengths, count)
		}
		for i, s := range strs {
			if s == nil {
				code = icd.Fail(icd.CL_INVALID_VALUE, "strings[%d] is NULL", i)
				break
			}
			n := uintptr(0)
			if lens != nil {
				n = uintptr(lens[i])
			}
			if n == 0 {
				n = uintptr(C.strlen(s))
			}
			parts = append(parts, unsafe.Slice((*byte)(unsafe.Pointer(s)), n))
		}
	}
	if !ok(code) {
		setErr(errcode_ret, status(code))
		return nil
	}
	p := build.NewProgram(ctx, ctx.Devices, build.FromSource, build.JoinSource(parts), nil)
	setErr(errcode_ret, C.CL_SUCCESS)
	return C.cl_program(p.Handle())
}

//export gocl_clCreateProgramWithBinary
func gocl_clCreateProgramWithBinary(context C.cl_context, num_devices C.cl_uint, device_list *C.cl_device_id, lengths *C.size_t, binaries **C.uchar, binary_status *C.cl_int, errcode_ret *C.cl_int) (ret C.cl_program) {
	defer guardErr("clCreateProgramWithBinary", errcode_ret)
	ctx, code := contextOf(context)
	if ok(code) && (device_list == nil || num_devices == 0) {
		code = icd.Fail(icd.CL_INVALID_VALUE, "device_list is NULL or num_devices is 0")
	}
	var devs []*device.Device
	if ok(code) {
		devs, code = devicesIn(num_devices, device_list, ctx.HasDevice, "context")
	}
	if ok(code) && (lengths == nil || binaries == nil) {
		code = icd.Fail(icd.CL_INVALID_VALUE, "lengths or binaries is NULL")
	}
	if !ok(code) {
		setErr(errcode_ret, status(code))
		return nil
	}
	lens := unsafe.Slice(lengths, num_devices)
	bins := unsafe.Slice(binaries, num_devices)
	var st []C.cl_int
	if binary_status != nil {
		st = unsafe.Slice(binary_status, num_devices)
	}
	missing, invalid := false, false
	builds := make([]build.DeviceBuild, len(devs))
	for i, d := range devs {
		var c int32
		if lens[i] == 0 || bins[i] == nil {
			c = icd.Fail(icd.CL_INVALID_VALUE, "lengths[%d] is 0 or binaries[%d] is NULL", i, i)
			missing = true
		} else {
			builds[i], c = build.LoadBinary(d, unsafe.Slice((*byte)(unsafe.Pointer(bins[i])), uintptr(lens[i])))
			invalid = invalid || !ok(c)
		}
		if st != nil {
			st[i] = C.cl_int(c)
		}
	}
	switch {
	case missing:
		code = icd.CL_INVALID_VALUE
	case invalid:
		code = icd.CL_INVALID_BINARY
	}
	if !ok(code) {
		setErr(errcode_ret, status(code))
		return nil
	}
	p := build.NewProgramWithBinaries(ctx, devs, builds)
	setErr(errcode_ret, C.CL_SUCCESS)
	return C.cl_program(p.Handle())
}

//export gocl_clCreateProgramWithIL
func gocl_clCreateProgramWithIL(context C.cl_context, il unsafe.Pointer, length C.size_t, errcode_ret *C.cl_int) (ret C.cl_program) {
	defer guardErr("clCreateProgramWithIL", errcode_ret)
	ctx, code := contextOf(context)
	if ok(code) && !build.ILSupported() {
		code = icd.Fail(icd.CL_INVALID_OPERATION, "no device of the context supports intermediate language programs (llvm-spirv-15 is not installed)")
	}
	if ok(code) && (il == nil || length == 0) {
		code = icd.Fail(icd.CL_INVALID_VALUE, "il is NULL or length is 0")
	}
	if !ok(code) {
		setErr(errcode_ret, status(code))
		return nil
	}
	p, code := build.NewProgramWithIL(ctx, unsafe.Slice((*byte)(il), uintptr(length)))
	setErr(errcode_ret, status(code))
	if !ok(code) {
		return nil
	}
	return C.cl_program(p.Handle())
}

//export gocl_clCreateProgramWithBuiltInKernels
func gocl_clCreateProgramWithBuiltInKernels(context C.cl_context, num_devices C.cl_uint, device_list *C.cl_device_id, kernel_names *C.char, errcode_ret *C.cl_int) (ret C.cl_program) {
	defer guardErr("clCreateProgramWithBuiltInKernels", errcode_ret)
	ctx, code := contextOf(context)
	if ok(code) && (device_list == nil || num_devices == 0) {
		code = icd.Fail(icd.CL_INVALID_VALUE, "device_list is NULL or num_devices is 0")
	}
	if ok(code) && kernel_names == nil {
		code = icd.Fail(icd.CL_INVALID_VALUE, "kernel_names is NULL")
	}
	if ok(code) {
		// Every name must be a built-in kernel of some device in the list
		// (the list order puts this before CL_INVALID_DEVICE; invalid
		// handles support nothing).
		for _, name := range build.SplitNames(C.GoString(kernel_names)) {
			found := false
			for _, h := range unsafe.Slice(device_list, num_devices) {
				if d, c := deviceOf(h); ok(c) {
					for _, k := range build.BuiltInKernels(d) {
						found = found || k == name
					}
				}
			}
			if !found {
				code = icd.Fail(icd.CL_INVALID_VALUE, "%q is not a built-in kernel of any device in device_list (gocl devices have none)", name)
				break
			}
		}
	}
	var devs []*device.Device
	if ok(code) {
		devs, code = devicesIn(num_devices, device_list, ctx.HasDevice, "context")
	}
	if !ok(code) {
		setErr(errcode_ret, status(code))
		return nil
	}
	p := build.NewProgram(ctx, devs, build.FromBuiltIn, "", nil)
	setErr(errcode_ret, C.CL_SUCCESS)
	return C.cl_program(p.Handle())
}

//export gocl_clRetainProgram
func gocl_clRetainProgram(program C.cl_program) (ret C.cl_int) {
	defer guard("clRetainProgram", &ret)
	p, code := programOf(program)
	if ok(code) {
		p.Retain()
	}
	return status(code)
}

//export gocl_clReleaseProgram
func gocl_clReleaseProgram(program C.cl_program) (ret C.cl_int) {
	defer guard("clReleaseProgram", &ret)
	p, code := programOf(program)
	if ok(code) {
		p.Release()
	}
	return status(code)
}

//export gocl_clSetProgramReleaseCallback
func gocl_clSetProgramReleaseCallback(program C.cl_program, pfn_notify unsafe.Pointer, user_data uintptr) (ret C.cl_int) {
	defer guard("clSetProgramReleaseCallback", &ret)
	p, code := programOf(program)
	if ok(code) && !build.GlobalCtorsSupported() {
		code = icd.Fail(icd.CL_INVALID_OPERATION, "no device supports destructors for program scope global variables")
	}
	if ok(code) && pfn_notify == nil {
		code = icd.Fail(icd.CL_INVALID_VALUE, "pfn_notify is NULL")
	}
	if ok(code) {
		h := C.cl_program(p.Handle())
		p.AddReleaseCallback(func() { C.gocl_call_program_callback(pfn_notify, h, C.uintptr_t(user_data)) })
	}
	return status(code)
}

//export gocl_clSetProgramSpecializationConstant
func gocl_clSetProgramSpecializationConstant(program C.cl_program, spec_id C.cl_uint, spec_size C.size_t, spec_value unsafe.Pointer) (ret C.cl_int) {
	defer guard("clSetProgramSpecializationConstant", &ret)
	p, code := programOf(program)
	// The OpenCL 3.0 CTS (consistency_il_programs) expects
	// CL_INVALID_OPERATION for a source program on devices without IL
	// support, so the IL check comes before "not created from IL".
	if ok(code) && !build.ILSupported() {
		code = icd.Fail(icd.CL_INVALID_OPERATION, "no device of the program supports intermediate language programs")
	}
	if ok(code) {
		var v []byte
		if spec_value != nil {
			v = unsafe.Slice((*byte)(spec_value), uintptr(spec_size))
		}
		code = p.SetSpecConstant(uint32(spec_id), uintptr(spec_size), v)
	}
	return status(code)
}

//export gocl_clBuildProgram
func gocl_clBuildProgram(program C.cl_program, num_devices C.cl_uint, device_list *C.cl_device_id, options *C.char, pfn_notify unsafe.Pointer, user_data uintptr) (ret C.cl_int) {
	defer guard("clBuildProgram", &ret)
	p, code := programOf(program)
	if ok(code) {
		code = deviceListArgs(num_devices, device_list)
	}
	if ok(code) {
		code = notifyArgs(pfn_notify, user_data)
	}
	var devs []*device.Device
	if ok(code) {
		devs, code = devicesIn(num_devices, device_list, func(d *device.Device) bool { return p.DeviceIndex(d) >= 0 }, "program")
	}
	if !ok(code) {
		return status(code)
	}
	return status(p.Build(devs, optString(options), programNotify(pfn_notify, user_data, p)))
}

//export gocl_clCompileProgram
func gocl_clCompileProgram(program C.cl_program, num_devices C.cl_uint, device_list *C.cl_device_id, options *C.char, num_input_headers C.cl_uint, input_headers *C.cl_program, header_include_names **C.char, pfn_notify unsafe.Pointer, user_data uintptr) (ret C.cl_int) {
	defer guard("clCompileProgram", &ret)
	p, code := programOf(program)
	if ok(code) {
		code = deviceListArgs(num_devices, device_list)
	}
	if ok(code) {
		if num_input_headers == 0 && (input_headers != nil || header_include_names != nil) {
			code = icd.Fail(icd.CL_INVALID_VALUE, "num_input_headers is 0 but input_headers or header_include_names is not NULL")
		} else if num_input_headers != 0 && (input_headers == nil || header_include_names == nil) {
			code = icd.Fail(icd.CL_INVALID_VALUE, "num_input_headers is %d but input_headers or header_include_names is NULL", num_input_headers)
		}
	}
	if ok(code) {
		code = notifyArgs(pfn_notify, user_data)
	}
	var devs []*device.Device
	if ok(code) {
		devs, code = devicesIn(num_devices, device_list, func(d *device.Device) bool { return p.DeviceIndex(d) >= 0 }, "program")
	}
	headers := map[string]string{}
	if ok(code) && num_input_headers != 0 {
		names := unsafe.Slice(header_include_names, num_input_headers)
		for i, h := range unsafe.Slice(input_headers, num_input_headers) {
			hp, c := programOf(h)
			if !ok(c) {
				code = icd.Fail(icd.CL_INVALID_PROGRAM, "input_headers[%d] is not a valid program", i)
				break
			}
			if names[i] == nil {
				code = icd.Fail(icd.CL_INVALID_VALUE, "header_include_names[%d] is NULL", i)
				break
			}
			headers[C.GoString(names[i])] = hp.Source
		}
	}
	if !ok(code) {
		return status(code)
	}
	return status(p.Compile(devs, optString(options), headers, programNotify(pfn_notify, user_data, p)))
}

//export gocl_clLinkProgram
func gocl_clLinkProgram(context C.cl_context, num_devices C.cl_uint, device_list *C.cl_device_id, options *C.char, num_input_programs C.cl_uint, input_programs *C.cl_program, pfn_notify unsafe.Pointer, user_data uintptr, errcode_ret *C.cl_int) (ret C.cl_program) {
	defer guardErr("clLinkProgram", errcode_ret)
	ctx, code := contextOf(context)
	if ok(code) {
		code = deviceListArgs(num_devices, device_list)
	}
	if ok(code) && (num_input_programs == 0 || input_programs == nil) {
		code = icd.Fail(icd.CL_INVALID_VALUE, "num_input_programs is 0 or input_programs is NULL")
	}
	var inputs []*build.Program
	if ok(code) {
		for i, h := range unsafe.Slice(input_programs, num_input_programs) {
			in, c := programOf(h)
			if !ok(c) {
				code = icd.Fail(icd.CL_INVALID_PROGRAM, "input_programs[%d] is not a valid program", i)
				break
			}
			inputs = append(inputs, in)
		}
	}
	if ok(code) {
		code = notifyArgs(pfn_notify, user_data)
	}
	var devs []*device.Device
	if ok(code) {
		devs, code = devicesIn(num_devices, device_list, ctx.HasDevice, "context")
	}
	if ok(code) {
		var notify func(*build.Program)
		if pfn_notify != nil {
			notify = func(p *build.Program) { programNotify(pfn_notify, user_data, p)() }
		}
		var p *build.Program
		p, code = build.Link(ctx, devs, optString(options), inputs, notify)
		if p != nil {
			// The link began: the program exists, failed or not
			// (CL_LINK_PROGRAM_FAILURE), and its log says why.
			setErr(errcode_ret, status(code))
			return C.cl_program(p.Handle())
		}
	}
	setErr(errcode_ret, status(code))
	return nil
}

//export gocl_clGetProgramInfo
func gocl_clGetProgramInfo(program C.cl_program, param_name C.cl_program_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetProgramInfo", &ret)
	p, code := programOf(program)
	var v []byte
	if ok(code) {
		switch param_name {
		case C.CL_PROGRAM_REFERENCE_COUNT:
			v = icd.Val(p.RefCount())
		case C.CL_PROGRAM_CONTEXT:
			v = icd.Val(uintptr(p.Ctx.Handle()))
		case C.CL_PROGRAM_NUM_DEVICES:
			v = icd.Val(uint32(len(p.Devices)))
		case C.CL_PROGRAM_DEVICES:
			hs := make([]uintptr, len(p.Devices))
			for i, d := range p.Devices {
				hs[i] = uintptr(d.Handle())
			}
			v = icd.Slice(hs)
		case C.CL_PROGRAM_SOURCE:
			v = icd.Str(p.Source) // "" for programs not made from source
		case C.CL_PROGRAM_IL:
			v = []byte{}
			if p.Origin == build.FromIL {
				v = append(v, p.IL...)
			}
		case C.CL_PROGRAM_BINARY_SIZES:
			builds := p.Builds()
			sizes := make([]uintptr, len(builds))
			for i := range builds {
				sizes[i] = uintptr(len(builds[i].Binary))
			}
			v = icd.Slice(sizes)
		case C.CL_PROGRAM_BINARIES:
			return programBinaries(p, param_value_size, param_value, param_value_size_ret)
		case C.CL_PROGRAM_NUM_KERNELS, C.CL_PROGRAM_KERNEL_NAMES,
			C.CL_PROGRAM_SCOPE_GLOBAL_CTORS_PRESENT, C.CL_PROGRAM_SCOPE_GLOBAL_DTORS_PRESENT:
			exe := p.Executable()
			if exe == nil {
				code = icd.Fail(icd.CL_INVALID_PROGRAM_EXECUTABLE, "the program has no executable (no successful build)")
				break
			}
			switch param_name {
			case C.CL_PROGRAM_NUM_KERNELS:
				v = icd.Val(uintptr(len(exe.KernelNames)))
			case C.CL_PROGRAM_KERNEL_NAMES:
				names := ""
				for i, n := range exe.KernelNames {
					if i > 0 {
						names += ";"
					}
					names += n
				}
				v = icd.Str(names)
			default:
				v = icd.Bool(false) // no program-scope constructors or destructors
			}
		default:
			code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_program_info 0x%x", uint32(param_name))
		}
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

// programBinaries answers CL_PROGRAM_BINARIES: param_value is an array of
// one pointer per device, each to memory the size of that device's binary
// (CL_PROGRAM_BINARY_SIZES); nothing is written for an empty binary or a
// NULL entry.
func programBinaries(p *build.Program, size C.size_t, dst unsafe.Pointer, sizeRet *C.size_t) C.cl_int {
	builds := p.Builds()
	need := uintptr(len(builds)) * unsafe.Sizeof(uintptr(0))
	if dst != nil {
		if uintptr(size) < need {
			return status(icd.Fail(icd.CL_INVALID_VALUE, "param_value_size %d is smaller than %d pointers", size, len(builds)))
		}
		ptrs := unsafe.Slice((*unsafe.Pointer)(dst), len(builds))
		for i := range builds {
			if b := builds[i].Binary; len(b) > 0 && ptrs[i] != nil {
				copy(unsafe.Slice((*byte)(ptrs[i]), len(b)), b)
			}
		}
	}
	if sizeRet != nil {
		*sizeRet = C.size_t(need)
	}
	return C.CL_SUCCESS
}

// programDevice is the index of a device handle among the program's devices.
func programDevice(p *build.Program, h C.cl_device_id) (int, int32) {
	d, code := deviceOf(h)
	if !ok(code) {
		return -1, code
	}
	i := p.DeviceIndex(d)
	if i < 0 {
		return -1, icd.Fail(icd.CL_INVALID_DEVICE, "the device is not one of the program's devices")
	}
	return i, icd.CL_SUCCESS
}

//export gocl_clGetProgramBuildInfo
func gocl_clGetProgramBuildInfo(program C.cl_program, device C.cl_device_id, param_name C.cl_program_build_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetProgramBuildInfo", &ret)
	p, code := programOf(program)
	i := -1
	if ok(code) {
		i, code = programDevice(p, device)
	}
	var v []byte
	if ok(code) {
		b := p.BuildInfo(i)
		switch param_name {
		case C.CL_PROGRAM_BUILD_STATUS:
			v = icd.Val(b.Status)
		case C.CL_PROGRAM_BUILD_OPTIONS:
			v = icd.Str(b.Options)
		case C.CL_PROGRAM_BUILD_LOG:
			v = icd.Str(b.Log)
		case C.CL_PROGRAM_BINARY_TYPE:
			v = icd.Val(b.BinaryType)
		case C.CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE:
			v = icd.Val(b.GlobalVarSize())
		default:
			code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_program_build_info 0x%x", uint32(param_name))
		}
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

//export gocl_clCreatePipe
func gocl_clCreatePipe(context C.cl_context, flags C.cl_mem_flags, pipe_packet_size C.cl_uint, pipe_max_packets C.cl_uint, properties *C.cl_pipe_properties, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreatePipe", errcode_ret)
	_, code := contextOf(context)
	if ok(code) {
		code = icd.Fail(icd.CL_INVALID_OPERATION, "no device of the context supports pipes")
	}
	setErr(errcode_ret, status(code))
	return nil
}

//export gocl_clGetPipeInfo
func gocl_clGetPipeInfo(pipe C.cl_mem, param_name C.cl_pipe_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetPipeInfo", &ret)
	m, code := memOf(pipe)
	if ok(code) && m.Type != icd.CL_MEM_OBJECT_PIPE {
		code = icd.Fail(icd.CL_INVALID_MEM_OBJECT, "the memory object is not a pipe")
	}
	if ok(code) {
		code = icd.Fail(icd.CL_INVALID_MEM_OBJECT, "gocl has no pipes")
	}
	return status(code)
}
