package main

/*
#include "gocl.h"
*/
import "C"

import "unsafe"

var _ unsafe.Pointer

//export gocl_clCreateCommandQueue
func gocl_clCreateCommandQueue(context C.cl_context, device C.cl_device_id, properties C.cl_command_queue_properties, errcode_ret *C.cl_int) (ret C.cl_command_queue) {
	defer guardErr("clCreateCommandQueue", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateCommandQueue"))
	return nil
}

//export gocl_clRetainCommandQueue
func gocl_clRetainCommandQueue(command_queue C.cl_command_queue) (ret C.cl_int) {
	defer guard("clRetainCommandQueue", &ret)
	return unimplemented("clRetainCommandQueue")
}

//export gocl_clReleaseCommandQueue
func gocl_clReleaseCommandQueue(command_queue C.cl_command_queue) (ret C.cl_int) {
	defer guard("clReleaseCommandQueue", &ret)
	return unimplemented("clReleaseCommandQueue")
}

//export gocl_clGetCommandQueueInfo
func gocl_clGetCommandQueueInfo(command_queue C.cl_command_queue, param_name C.cl_command_queue_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetCommandQueueInfo", &ret)
	return unimplemented("clGetCommandQueueInfo")
}

//export gocl_clSetCommandQueueProperty
func gocl_clSetCommandQueueProperty(command_queue C.cl_command_queue, properties C.cl_command_queue_properties, enable C.cl_bool, old_properties *C.cl_command_queue_properties) (ret C.cl_int) {
	defer guard("clSetCommandQueueProperty", &ret)
	return unimplemented("clSetCommandQueueProperty")
}

//export gocl_clFlush
func gocl_clFlush(command_queue C.cl_command_queue) (ret C.cl_int) {
	defer guard("clFlush", &ret)
	return unimplemented("clFlush")
}

//export gocl_clFinish
func gocl_clFinish(command_queue C.cl_command_queue) (ret C.cl_int) {
	defer guard("clFinish", &ret)
	return unimplemented("clFinish")
}

//export gocl_clCreateCommandQueueWithProperties
func gocl_clCreateCommandQueueWithProperties(context C.cl_context, device C.cl_device_id, properties *C.cl_queue_properties, errcode_ret *C.cl_int) (ret C.cl_command_queue) {
	defer guardErr("clCreateCommandQueueWithProperties", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateCommandQueueWithProperties"))
	return nil
}

//export gocl_clSetDefaultDeviceCommandQueue
func gocl_clSetDefaultDeviceCommandQueue(context C.cl_context, device C.cl_device_id, command_queue C.cl_command_queue) (ret C.cl_int) {
	defer guard("clSetDefaultDeviceCommandQueue", &ret)
	return unimplemented("clSetDefaultDeviceCommandQueue")
}
