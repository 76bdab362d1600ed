package main

/*
#include "gocl.h"
*/
import "C"

import "unsafe"

var _ unsafe.Pointer

//export gocl_clGetPlatformIDs
func gocl_clGetPlatformIDs(num_entries C.cl_uint, platforms *C.cl_platform_id, num_platforms *C.cl_uint) (ret C.cl_int) {
	defer guard("clGetPlatformIDs", &ret)
	return unimplemented("clGetPlatformIDs")
}

//export gocl_clGetPlatformInfo
func gocl_clGetPlatformInfo(platform C.cl_platform_id, param_name C.cl_platform_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetPlatformInfo", &ret)
	return unimplemented("clGetPlatformInfo")
}

//export gocl_clGetDeviceIDs
func gocl_clGetDeviceIDs(platform C.cl_platform_id, device_type C.cl_device_type, num_entries C.cl_uint, devices *C.cl_device_id, num_devices *C.cl_uint) (ret C.cl_int) {
	defer guard("clGetDeviceIDs", &ret)
	return unimplemented("clGetDeviceIDs")
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
