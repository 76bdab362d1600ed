package main

/*
#include "gocl.h"
*/
import "C"

import "unsafe"

var _ unsafe.Pointer

//export gocl_clCreateProgramWithSource
func gocl_clCreateProgramWithSource(context C.cl_context, count C.cl_uint, strings **C.char, lengths *C.size_t, errcode_ret *C.cl_int) (ret C.cl_program) {
	defer guardErr("clCreateProgramWithSource", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateProgramWithSource"))
	return nil
}

//export gocl_clCreateProgramWithBinary
func gocl_clCreateProgramWithBinary(context C.cl_context, num_devices C.cl_uint, device_list *C.cl_device_id, lengths *C.size_t, binaries **C.uchar, binary_status *C.cl_int, errcode_ret *C.cl_int) (ret C.cl_program) {
	defer guardErr("clCreateProgramWithBinary", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateProgramWithBinary"))
	return nil
}

//export gocl_clRetainProgram
func gocl_clRetainProgram(program C.cl_program) (ret C.cl_int) {
	defer guard("clRetainProgram", &ret)
	return unimplemented("clRetainProgram")
}

//export gocl_clReleaseProgram
func gocl_clReleaseProgram(program C.cl_program) (ret C.cl_int) {
	defer guard("clReleaseProgram", &ret)
	return unimplemented("clReleaseProgram")
}

//export gocl_clBuildProgram
func gocl_clBuildProgram(program C.cl_program, num_devices C.cl_uint, device_list *C.cl_device_id, options *C.char, pfn_notify unsafe.Pointer, user_data unsafe.Pointer) (ret C.cl_int) {
	defer guard("clBuildProgram", &ret)
	return unimplemented("clBuildProgram")
}

//export gocl_clGetProgramInfo
func gocl_clGetProgramInfo(program C.cl_program, param_name C.cl_program_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetProgramInfo", &ret)
	return unimplemented("clGetProgramInfo")
}

//export gocl_clGetProgramBuildInfo
func gocl_clGetProgramBuildInfo(program C.cl_program, device C.cl_device_id, param_name C.cl_program_build_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetProgramBuildInfo", &ret)
	return unimplemented("clGetProgramBuildInfo")
}

//export gocl_clCreateKernel
func gocl_clCreateKernel(program C.cl_program, kernel_name *C.char, errcode_ret *C.cl_int) (ret C.cl_kernel) {
	defer guardErr("clCreateKernel", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateKernel"))
	return nil
}

//export gocl_clCreateKernelsInProgram
func gocl_clCreateKernelsInProgram(program C.cl_program, num_kernels C.cl_uint, kernels *C.cl_kernel, num_kernels_ret *C.cl_uint) (ret C.cl_int) {
	defer guard("clCreateKernelsInProgram", &ret)
	return unimplemented("clCreateKernelsInProgram")
}

//export gocl_clRetainKernel
func gocl_clRetainKernel(kernel C.cl_kernel) (ret C.cl_int) {
	defer guard("clRetainKernel", &ret)
	return unimplemented("clRetainKernel")
}

//export gocl_clReleaseKernel
func gocl_clReleaseKernel(kernel C.cl_kernel) (ret C.cl_int) {
	defer guard("clReleaseKernel", &ret)
	return unimplemented("clReleaseKernel")
}

//export gocl_clSetKernelArg
func gocl_clSetKernelArg(kernel C.cl_kernel, arg_index C.cl_uint, arg_size C.size_t, arg_value unsafe.Pointer) (ret C.cl_int) {
	defer guard("clSetKernelArg", &ret)
	return unimplemented("clSetKernelArg")
}

//export gocl_clGetKernelInfo
func gocl_clGetKernelInfo(kernel C.cl_kernel, param_name C.cl_kernel_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetKernelInfo", &ret)
	return unimplemented("clGetKernelInfo")
}

//export gocl_clGetKernelWorkGroupInfo
func gocl_clGetKernelWorkGroupInfo(kernel C.cl_kernel, device C.cl_device_id, param_name C.cl_kernel_work_group_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetKernelWorkGroupInfo", &ret)
	return unimplemented("clGetKernelWorkGroupInfo")
}

//export gocl_clEnqueueNDRangeKernel
func gocl_clEnqueueNDRangeKernel(command_queue C.cl_command_queue, kernel C.cl_kernel, work_dim C.cl_uint, global_work_offset *C.size_t, global_work_size *C.size_t, local_work_size *C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueNDRangeKernel", &ret)
	return unimplemented("clEnqueueNDRangeKernel")
}

//export gocl_clEnqueueTask
func gocl_clEnqueueTask(command_queue C.cl_command_queue, kernel C.cl_kernel, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueTask", &ret)
	return unimplemented("clEnqueueTask")
}

//export gocl_clEnqueueNativeKernel
func gocl_clEnqueueNativeKernel(command_queue C.cl_command_queue, user_func unsafe.Pointer, args unsafe.Pointer, cb_args C.size_t, num_mem_objects C.cl_uint, mem_list *C.cl_mem, args_mem_loc *unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueNativeKernel", &ret)
	return unimplemented("clEnqueueNativeKernel")
}

//export gocl_clCreateProgramWithBuiltInKernels
func gocl_clCreateProgramWithBuiltInKernels(context C.cl_context, num_devices C.cl_uint, device_list *C.cl_device_id, kernel_names *C.char, errcode_ret *C.cl_int) (ret C.cl_program) {
	defer guardErr("clCreateProgramWithBuiltInKernels", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateProgramWithBuiltInKernels"))
	return nil
}

//export gocl_clCompileProgram
func gocl_clCompileProgram(program C.cl_program, num_devices C.cl_uint, device_list *C.cl_device_id, options *C.char, num_input_headers C.cl_uint, input_headers *C.cl_program, header_include_names **C.char, pfn_notify unsafe.Pointer, user_data unsafe.Pointer) (ret C.cl_int) {
	defer guard("clCompileProgram", &ret)
	return unimplemented("clCompileProgram")
}

//export gocl_clLinkProgram
func gocl_clLinkProgram(context C.cl_context, num_devices C.cl_uint, device_list *C.cl_device_id, options *C.char, num_input_programs C.cl_uint, input_programs *C.cl_program, pfn_notify unsafe.Pointer, user_data unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_program) {
	defer guardErr("clLinkProgram", errcode_ret)
	setErr(errcode_ret, unimplemented("clLinkProgram"))
	return nil
}

//export gocl_clGetKernelArgInfo
func gocl_clGetKernelArgInfo(kernel C.cl_kernel, arg_indx C.cl_uint, param_name C.cl_kernel_arg_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetKernelArgInfo", &ret)
	return unimplemented("clGetKernelArgInfo")
}

//export gocl_clCreatePipe
func gocl_clCreatePipe(context C.cl_context, flags C.cl_mem_flags, pipe_packet_size C.cl_uint, pipe_max_packets C.cl_uint, properties *C.cl_pipe_properties, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreatePipe", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreatePipe"))
	return nil
}

//export gocl_clGetPipeInfo
func gocl_clGetPipeInfo(pipe C.cl_mem, param_name C.cl_pipe_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetPipeInfo", &ret)
	return unimplemented("clGetPipeInfo")
}

//export gocl_clSetKernelArgSVMPointer
func gocl_clSetKernelArgSVMPointer(kernel C.cl_kernel, arg_index C.cl_uint, arg_value unsafe.Pointer) (ret C.cl_int) {
	defer guard("clSetKernelArgSVMPointer", &ret)
	return unimplemented("clSetKernelArgSVMPointer")
}

//export gocl_clSetKernelExecInfo
func gocl_clSetKernelExecInfo(kernel C.cl_kernel, param_name C.cl_kernel_exec_info, param_value_size C.size_t, param_value unsafe.Pointer) (ret C.cl_int) {
	defer guard("clSetKernelExecInfo", &ret)
	return unimplemented("clSetKernelExecInfo")
}

//export gocl_clCloneKernel
func gocl_clCloneKernel(source_kernel C.cl_kernel, errcode_ret *C.cl_int) (ret C.cl_kernel) {
	defer guardErr("clCloneKernel", errcode_ret)
	setErr(errcode_ret, unimplemented("clCloneKernel"))
	return nil
}

//export gocl_clCreateProgramWithIL
func gocl_clCreateProgramWithIL(context C.cl_context, il unsafe.Pointer, length C.size_t, errcode_ret *C.cl_int) (ret C.cl_program) {
	defer guardErr("clCreateProgramWithIL", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateProgramWithIL"))
	return nil
}

//export gocl_clGetKernelSubGroupInfo
func gocl_clGetKernelSubGroupInfo(kernel C.cl_kernel, device C.cl_device_id, param_name C.cl_kernel_sub_group_info, input_value_size C.size_t, input_value unsafe.Pointer, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetKernelSubGroupInfo", &ret)
	return unimplemented("clGetKernelSubGroupInfo")
}

//export gocl_clSetProgramReleaseCallback
func gocl_clSetProgramReleaseCallback(program C.cl_program, pfn_notify unsafe.Pointer, user_data unsafe.Pointer) (ret C.cl_int) {
	defer guard("clSetProgramReleaseCallback", &ret)
	return unimplemented("clSetProgramReleaseCallback")
}

//export gocl_clSetProgramSpecializationConstant
func gocl_clSetProgramSpecializationConstant(program C.cl_program, spec_id C.cl_uint, spec_size C.size_t, spec_value unsafe.Pointer) (ret C.cl_int) {
	defer guard("clSetProgramSpecializationConstant", &ret)
	return unimplemented("clSetProgramSpecializationConstant")
}
