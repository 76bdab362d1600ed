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

//export gocl_clGetPlatformIDs
func gocl_clGetPlatformIDs(num_entries C.cl_uint, platforms *C.cl_platform_id, num_platforms *C.cl_uint) (ret C.cl_int) {
	defer guard("clGetPlatformIDs", &ret)
	if (platforms == nil && num_platforms == nil) || (platforms != nil && num_entries == 0) {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "num_entries is 0 with platforms, or both platforms and num_platforms are NULL"))
	}
	p, _ := device.Root()
	if platforms != nil {
		*platforms = C.cl_platform_id(p.Handle())
	}
	if num_platforms != nil {
		*num_platforms = 1
	}
	return C.CL_SUCCESS
}

//export gocl_clGetPlatformInfo
func gocl_clGetPlatformInfo(platform C.cl_platform_id, param_name C.cl_platform_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetPlatformInfo", &ret)
	return unimplemented("clGetPlatformInfo")
}

//export gocl_clGetDeviceIDs
func gocl_clGetDeviceIDs(platform C.cl_platform_id, device_type C.cl_device_type, num_entries C.cl_uint, devices *C.cl_device_id, num_devices *C.cl_uint) (ret C.cl_int) {
	defer guard("clGetDeviceIDs", &ret)
	if _, code := platformOf(platform); !ok(code) {
		return status(code)
	}
	const known = C.CL_DEVICE_TYPE_DEFAULT | C.CL_DEVICE_TYPE_CPU | C.CL_DEVICE_TYPE_GPU | C.CL_DEVICE_TYPE_ACCELERATOR | C.CL_DEVICE_TYPE_CUSTOM
	if device_type != C.CL_DEVICE_TYPE_ALL && device_type&^known != 0 {
		return status(icd.Fail(icd.CL_INVALID_DEVICE_TYPE, "device_type 0x%x is not a valid device type", uint64(device_type)))
	}
	if (devices == nil && num_devices == nil) || (devices != nil && num_entries == 0) {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "num_entries is 0 with devices, or both devices and num_devices are NULL"))
	}
	if device_type != C.CL_DEVICE_TYPE_ALL && device_type&(C.CL_DEVICE_TYPE_DEFAULT|C.CL_DEVICE_TYPE_CPU) == 0 {
		if num_devices != nil {
			*num_devices = 0
		}
		return status(icd.Fail(icd.CL_DEVICE_NOT_FOUND, "the only device is a CPU"))
	}
	_, d := device.Root()
	if devices != nil {
		*devices = C.cl_device_id(d.Handle())
	}
	if num_devices != nil {
		*num_devices = 1
	}
	return C.CL_SUCCESS
}

//export gocl_clGetDeviceInfo
func gocl_clGetDeviceInfo(device C.cl_device_id, param_name C.cl_device_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetDeviceInfo", &ret)
	return unimplemented("clGetDeviceInfo")
}

//export gocl_clUnloadCompiler
func gocl_clUnloadCompiler() (ret C.cl_int) {
	defer guard("clUnloadCompiler", &ret)
	return unimplemented("clUnloadCompiler")
}

//export gocl_clGetExtensionFunctionAddress
func gocl_clGetExtensionFunctionAddress(func_name *C.char) (ret unsafe.Pointer) {
	defer guard("clGetExtensionFunctionAddress", nil)
	return nil
}

//export gocl_clCreateSubDevices
func gocl_clCreateSubDevices(in_device C.cl_device_id, properties *C.cl_device_partition_property, num_devices C.cl_uint, out_devices *C.cl_device_id, num_devices_ret *C.cl_uint) (ret C.cl_int) {
	defer guard("clCreateSubDevices", &ret)
	return unimplemented("clCreateSubDevices")
}

//export gocl_clRetainDevice
func gocl_clRetainDevice(device C.cl_device_id) (ret C.cl_int) {
	defer guard("clRetainDevice", &ret)
	return unimplemented("clRetainDevice")
}

//export gocl_clReleaseDevice
func gocl_clReleaseDevice(device C.cl_device_id) (ret C.cl_int) {
	defer guard("clReleaseDevice", &ret)
	return unimplemented("clReleaseDevice")
}

//export gocl_clUnloadPlatformCompiler
func gocl_clUnloadPlatformCompiler(platform C.cl_platform_id) (ret C.cl_int) {
	defer guard("clUnloadPlatformCompiler", &ret)
	return unimplemented("clUnloadPlatformCompiler")
}

//export gocl_clGetExtensionFunctionAddressForPlatform
func gocl_clGetExtensionFunctionAddressForPlatform(platform C.cl_platform_id, func_name *C.char) (ret unsafe.Pointer) {
	defer guard("clGetExtensionFunctionAddressForPlatform", nil)
	return nil
}

//export gocl_clGetDeviceAndHostTimer
func gocl_clGetDeviceAndHostTimer(device C.cl_device_id, device_timestamp *C.cl_ulong, host_timestamp *C.cl_ulong) (ret C.cl_int) {
	defer guard("clGetDeviceAndHostTimer", &ret)
	return unimplemented("clGetDeviceAndHostTimer")
}

//export gocl_clGetHostTimer
func gocl_clGetHostTimer(device C.cl_device_id, host_timestamp *C.cl_ulong) (ret C.cl_int) {
	defer guard("clGetHostTimer", &ret)
	return unimplemented("clGetHostTimer")
}

//export gocl_clIcdGetPlatformIDsKHR
func gocl_clIcdGetPlatformIDsKHR(num_entries C.cl_uint, platforms *C.cl_platform_id, num_platforms *C.cl_uint) (ret C.cl_int) {
	defer guard("clIcdGetPlatformIDsKHR", &ret)
	return gocl_clGetPlatformIDs(num_entries, platforms, num_platforms)
}

//export gocl_clIcdGetFunctionAddressForPlatformKHR
func gocl_clIcdGetFunctionAddressForPlatformKHR(platform C.cl_platform_id, name *C.char) (ret unsafe.Pointer) {
	defer guard("clIcdGetFunctionAddressForPlatformKHR", nil)
	if name == nil {
		return nil
	}
	return C.gocl_function_address(name)
}

//export gocl_clIcdSetPlatformDispatchDataKHR
func gocl_clIcdSetPlatformDispatchDataKHR(platform C.cl_platform_id, data unsafe.Pointer) (ret C.cl_int) {
	defer guard("clIcdSetPlatformDispatchDataKHR", &ret)
	return unimplemented("clIcdSetPlatformDispatchDataKHR")
}
