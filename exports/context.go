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

// contextProps validates a context property list and returns it as given
// (terminator included), or nil for none.
func contextProps(props *C.cl_context_properties) ([]int64, int32) {
	if props == nil {
		return nil, icd.CL_SUCCESS
	}
	var list []int64
	seen := map[int64]bool{}
	for p := unsafe.Pointer(props); ; p = unsafe.Add(p, 16) {
		name := *(*int64)(p)
		list = append(list, name)
		if name == 0 {
			return list, icd.CL_SUCCESS
		}
		value := *(*int64)(unsafe.Add(p, 8))
		list = append(list, value)
		if seen[name] {
			return nil, icd.Fail(icd.CL_INVALID_PROPERTY, "context property 0x%x is given twice", name)
		}
		seen[name] = true
		switch name {
		case icd.CL_CONTEXT_PLATFORM:
			if _, code := get[*device.Platform](*(*unsafe.Pointer)(unsafe.Add(p, 8)), icd.KindPlatform, icd.CL_INVALID_PLATFORM); !ok(code) {
				return nil, code
			}
		case icd.CL_CONTEXT_INTEROP_USER_SYNC:
			if value != 0 && value != 1 {
				return nil, icd.Fail(icd.CL_INVALID_PROPERTY, "CL_CONTEXT_INTEROP_USER_SYNC must be CL_TRUE or CL_FALSE")
			}
		default:
			return nil, icd.Fail(icd.CL_INVALID_PROPERTY, "unknown context property 0x%x", name)
		}
	}
}

// contextNotify wraps the application's pfn_notify.
func contextNotify(fn unsafe.Pointer, user uintptr) func(string) {
	if fn == nil {
		return nil
	}
	return func(msg string) {
		cs := C.CString(msg)
		C.gocl_call_context_notify(fn, cs, nil, 0, C.uintptr_t(user))
		C.free(unsafe.Pointer(cs))
	}
}

func newContext(props *C.cl_context_properties, devs []*device.Device, fn unsafe.Pointer, user uintptr, errcode_ret *C.cl_int) C.cl_context {
	list, code := contextProps(props)
	if !ok(code) {
		setErr(errcode_ret, status(code))
		return nil
	}
	ctx := device.NewContext(devs, list, contextNotify(fn, user))
	build.PrepareCompiler()
	setErr(errcode_ret, C.CL_SUCCESS)
	return C.cl_context(ctx.Handle())
}

//export gocl_clCreateContext
func gocl_clCreateContext(properties *C.cl_context_properties, num_devices C.cl_uint, devices *C.cl_device_id, pfn_notify unsafe.Pointer, user_data uintptr, errcode_ret *C.cl_int) (ret C.cl_context) {
	defer guardErr("clCreateContext", errcode_ret)
	if _, code := contextProps(properties); !ok(code) {
		setErr(errcode_ret, status(code))
		return nil
	}
	if devices == nil || num_devices == 0 {
		setErr(errcode_ret, status(icd.Fail(icd.CL_INVALID_VALUE, "devices is NULL or num_devices is 0")))
		return nil
	}
	if pfn_notify == nil && user_data != 0 {
		setErr(errcode_ret, status(icd.Fail(icd.CL_INVALID_VALUE, "user_data without pfn_notify")))
		return nil
	}
	var devs []*device.Device
	for i, h := range unsafe.Slice(devices, num_devices) {
		d, code := deviceOf(h)
		if !ok(code) {
			setErr(errcode_ret, status(icd.Fail(code, "devices[%d] is not a valid device", i)))
			return nil
		}
		dup := false
		for _, x := range devs {
			dup = dup || x == d
		}
		if !dup {
			devs = append(devs, d)
		}
	}
	return newContext(properties, devs, pfn_notify, user_data, errcode_ret)
}

//export gocl_clCreateContextFromType
func gocl_clCreateContextFromType(properties *C.cl_context_properties, device_type C.cl_device_type, pfn_notify unsafe.Pointer, user_data uintptr, errcode_ret *C.cl_int) (ret C.cl_context) {
	defer guardErr("clCreateContextFromType", errcode_ret)
	if _, code := contextProps(properties); !ok(code) {
		setErr(errcode_ret, status(code))
		return nil
	}
	if pfn_notify == nil && user_data != 0 {
		setErr(errcode_ret, status(icd.Fail(icd.CL_INVALID_VALUE, "user_data without pfn_notify")))
		return nil
	}
	var d C.cl_device_id
	if code := gocl_clGetDeviceIDs(nil, device_type, 1, &d, nil); code != C.CL_SUCCESS {
		setErr(errcode_ret, code)
		return nil
	}
	dev, _ := deviceOf(d)
	return newContext(properties, []*device.Device{dev}, pfn_notify, user_data, errcode_ret)
}

//export gocl_clRetainContext
func gocl_clRetainContext(context C.cl_context) (ret C.cl_int) {
	defer guard("clRetainContext", &ret)
	ctx, code := contextOf(context)
	if ok(code) {
		ctx.Retain()
	}
	return status(code)
}

//export gocl_clReleaseContext
func gocl_clReleaseContext(context C.cl_context) (ret C.cl_int) {
	defer guard("clReleaseContext", &ret)
	ctx, code := contextOf(context)
	if ok(code) {
		ctx.Release()
	}
	return status(code)
}

//export gocl_clGetContextInfo
func gocl_clGetContextInfo(context C.cl_context, param_name C.cl_context_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetContextInfo", &ret)
	ctx, code := contextOf(context)
	var v []byte
	if ok(code) {
		switch param_name {
		case C.CL_CONTEXT_REFERENCE_COUNT:
			v = icd.Val(ctx.RefCount())
		case C.CL_CONTEXT_NUM_DEVICES:
			v = icd.Val(uint32(len(ctx.Devices)))
		case C.CL_CONTEXT_DEVICES:
			hs := make([]uintptr, len(ctx.Devices))
			for i, d := range ctx.Devices {
				hs[i] = uintptr(d.Handle())
			}
			v = icd.Slice(hs)
		case C.CL_CONTEXT_PROPERTIES:
			v = icd.Slice(ctx.Props)
		default:
			code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_context_info 0x%x", uint32(param_name))
		}
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

//export gocl_clSetContextDestructorCallback
func gocl_clSetContextDestructorCallback(context C.cl_context, pfn_notify unsafe.Pointer, user_data uintptr) (ret C.cl_int) {
	defer guard("clSetContextDestructorCallback", &ret)
	ctx, code := contextOf(context)
	if !ok(code) {
		return status(code)
	}
	if pfn_notify == nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "pfn_notify is NULL"))
	}
	h := ctx.Handle()
	ctx.AddDestructor(func() { C.gocl_call_context_destructor(pfn_notify, C.cl_context(h), C.uintptr_t(user_data)) })
	return C.CL_SUCCESS
}
