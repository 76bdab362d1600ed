package main

/*
#include "gocl.h"
*/
import "C"

import (
	"unsafe"

	"gocl/device"
	"gocl/icd"
)

func samplerOf(h C.cl_sampler) (*device.Sampler, int32) {
	return get[*device.Sampler](unsafe.Pointer(h), icd.KindSampler, icd.CL_INVALID_SAMPLER)
}

// samplerProps reads a cl_sampler_properties list as given, terminator
// included; nil for none.
func samplerProps(props *C.cl_sampler_properties) []uint64 {
	if props == nil {
		return nil
	}
	var list []uint64
	for p := unsafe.Pointer(props); ; p = unsafe.Add(p, 16) {
		name := *(*uint64)(p)
		list = append(list, name)
		if name == 0 {
			return list
		}
		list = append(list, *(*uint64)(unsafe.Add(p, 8)))
	}
}

//export gocl_clCreateSampler
func gocl_clCreateSampler(context C.cl_context, normalized_coords C.cl_bool, addressing_mode C.cl_addressing_mode, filter_mode C.cl_filter_mode, errcode_ret *C.cl_int) (ret C.cl_sampler) {
	defer guardErr("clCreateSampler", errcode_ret)
	ctx, code := contextOf(context)
	if ok(code) {
		code = device.CheckSampler(uint64(normalized_coords), uint64(addressing_mode), uint64(filter_mode))
	}
	if ok(code) {
		code = device.SamplerContextOK(ctx)
	}
	if !ok(code) {
		setErr(errcode_ret, status(code))
		return nil
	}
	s := device.NewSampler(ctx, normalized_coords == C.CL_TRUE, uint32(addressing_mode), uint32(filter_mode), nil)
	setErr(errcode_ret, C.CL_SUCCESS)
	return C.cl_sampler(s.Handle())
}

//export gocl_clCreateSamplerWithProperties
func gocl_clCreateSamplerWithProperties(context C.cl_context, sampler_properties *C.cl_sampler_properties, errcode_ret *C.cl_int) (ret C.cl_sampler) {
	defer guardErr("clCreateSamplerWithProperties", errcode_ret)
	ctx, code := contextOf(context)
	var props []uint64
	var norm bool
	var addr, filt uint32
	if ok(code) {
		props = samplerProps(sampler_properties)
		norm, addr, filt, code = device.ParseSamplerProps(props)
	}
	if ok(code) {
		code = device.SamplerContextOK(ctx)
	}
	if !ok(code) {
		setErr(errcode_ret, status(code))
		return nil
	}
	s := device.NewSampler(ctx, norm, addr, filt, props)
	setErr(errcode_ret, C.CL_SUCCESS)
	return C.cl_sampler(s.Handle())
}

//export gocl_clRetainSampler
func gocl_clRetainSampler(sampler C.cl_sampler) (ret C.cl_int) {
	defer guard("clRetainSampler", &ret)
	s, code := samplerOf(sampler)
	if ok(code) {
		s.Retain()
	}
	return status(code)
}

//export gocl_clReleaseSampler
func gocl_clReleaseSampler(sampler C.cl_sampler) (ret C.cl_int) {
	defer guard("clReleaseSampler", &ret)
	s, code := samplerOf(sampler)
	if ok(code) {
		s.Release()
	}
	return status(code)
}

//export gocl_clGetSamplerInfo
func gocl_clGetSamplerInfo(sampler C.cl_sampler, param_name C.cl_sampler_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetSamplerInfo", &ret)
	s, code := samplerOf(sampler)
	var v []byte
	if ok(code) {
		switch param_name {
		case C.CL_SAMPLER_REFERENCE_COUNT:
			v = icd.Val(s.RefCount())
		case C.CL_SAMPLER_CONTEXT:
			v = icd.Val(uintptr(s.Ctx.Handle()))
		case C.CL_SAMPLER_NORMALIZED_COORDS:
			v = icd.Bool(s.Normalized)
		case C.CL_SAMPLER_ADDRESSING_MODE:
			v = icd.Val(s.Addressing)
		case C.CL_SAMPLER_FILTER_MODE:
			v = icd.Val(s.Filter)
		case C.CL_SAMPLER_PROPERTIES:
			v = icd.Slice(s.Props)
		default:
			code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_sampler_info 0x%x", uint32(param_name))
		}
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}
