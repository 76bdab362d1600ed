package main

/*
#include "gocl.h"
*/
import "C"

import "unsafe"

var _ unsafe.Pointer

//export gocl_clCreateContext
func gocl_clCreateContext(properties *C.cl_context_properties, num_devices C.cl_uint, devices *C.cl_device_id, pfn_notify unsafe.Pointer, user_data unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_context) {
	defer guardErr("clCreateContext", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateContext"))
	return nil
}

//export gocl_clCreateContextFromType
func gocl_clCreateContextFromType(properties *C.cl_context_properties, device_type C.cl_device_type, pfn_notify unsafe.Pointer, user_data unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_context) {
	defer guardErr("clCreateContextFromType", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateContextFromType"))
	return nil
}

//export gocl_clRetainContext
func gocl_clRetainContext(context C.cl_context) (ret C.cl_int) {
	defer guard("clRetainContext", &ret)
	return unimplemented("clRetainContext")
}

//export gocl_clReleaseContext
func gocl_clReleaseContext(context C.cl_context) (ret C.cl_int) {
	defer guard("clReleaseContext", &ret)
	return unimplemented("clReleaseContext")
}

//export gocl_clGetContextInfo
func gocl_clGetContextInfo(context C.cl_context, param_name C.cl_context_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetContextInfo", &ret)
	return unimplemented("clGetContextInfo")
}

//export gocl_clSetContextDestructorCallback
func gocl_clSetContextDestructorCallback(context C.cl_context, pfn_notify unsafe.Pointer, user_data unsafe.Pointer) (ret C.cl_int) {
	defer guard("clSetContextDestructorCallback", &ret)
	return unimplemented("clSetContextDestructorCallback")
}
