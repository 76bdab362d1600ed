package main

/*
#include "gocl.h"
*/
import "C"

import "unsafe"

var _ unsafe.Pointer

//export gocl_clCreateSampler
func gocl_clCreateSampler(context C.cl_context, normalized_coords C.cl_bool, addressing_mode C.cl_addressing_mode, filter_mode C.cl_filter_mode, errcode_ret *C.cl_int) (ret C.cl_sampler) {
	defer guardErr("clCreateSampler", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateSampler"))
	return nil
}

//export gocl_clRetainSampler
func gocl_clRetainSampler(sampler C.cl_sampler) (ret C.cl_int) {
	defer guard("clRetainSampler", &ret)
	return unimplemented("clRetainSampler")
}

//export gocl_clReleaseSampler
func gocl_clReleaseSampler(sampler C.cl_sampler) (ret C.cl_int) {
	defer guard("clReleaseSampler", &ret)
	return unimplemented("clReleaseSampler")
}

//export gocl_clGetSamplerInfo
func gocl_clGetSamplerInfo(sampler C.cl_sampler, param_name C.cl_sampler_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetSamplerInfo", &ret)
	return unimplemented("clGetSamplerInfo")
}

//export gocl_clCreateSamplerWithProperties
func gocl_clCreateSamplerWithProperties(context C.cl_context, sampler_properties *C.cl_sampler_properties, errcode_ret *C.cl_int) (ret C.cl_sampler) {
	defer guardErr("clCreateSamplerWithProperties", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateSamplerWithProperties"))
	return nil
}
