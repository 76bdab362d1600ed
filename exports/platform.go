package main

/*
#include "gocl.h"

// cl_khr_icd's entry points (entry.c), handed out by extension function lookup.
extern CL_API_ENTRY cl_int CL_API_CALL clIcdGetPlatformIDsKHR(cl_uint num_entries, cl_platform_id *platforms, cl_uint *num_platforms);
extern CL_API_ENTRY void *CL_API_CALL clIcdGetFunctionAddressForPlatformKHR(cl_platform_id platform, const char *func_name);
extern CL_API_ENTRY cl_int CL_API_CALL clIcdSetPlatformDispatchDataKHR(cl_platform_id platform, void *dispatch_data);

// cl_khr_suggested_local_work_size's function (entry.c).
extern cl_int CL_API_CALL gocl_ext_clGetKernelSuggestedLocalWorkSizeKHR(cl_command_queue command_queue, cl_kernel kernel, cl_uint work_dim, const size_t *global_work_offset, const size_t *global_work_size, size_t *suggested_local_work_size);
*/
import "C"

import (
	"strings"
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
	p, code := platformOf(platform)
	if !ok(code) {
		return status(code)
	}
	v, code := p.Info(uint32(param_name))
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

//export gocl_clGetDeviceIDs
func gocl_clGetDeviceIDs(platform C.cl_platform_id, device_type C.cl_device_type, num_entries C.cl_uint, devices *C.cl_device_id, num_devices *C.cl_uint) (ret C.cl_int) {
	defer guard("clGetDeviceIDs", &ret)
	if _, code := platformOf(platform); !ok(code) {
		return status(code)
	}
	const known = C.CL_DEVICE_TYPE_DEFAULT | C.CL_DEVICE_TYPE_CPU | C.CL_DEVICE_TYPE_GPU | C.CL_DEVICE_TYPE_ACCELERATOR | C.CL_DEVICE_TYPE_CUSTOM
	// Any value holding every bit of CL_DEVICE_TYPE_ALL is ALL: OpenCV (and
	// others) pass it sign-extended to 64 bits.
	all := device_type&C.CL_DEVICE_TYPE_ALL == C.CL_DEVICE_TYPE_ALL
	if !all && (device_type&^known != 0 || device_type&known == 0) {
		return status(icd.Fail(icd.CL_INVALID_DEVICE_TYPE, "device_type 0x%x is not a valid device type", uint64(device_type)))
	}
	if (devices == nil && num_devices == nil) || (devices != nil && num_entries == 0) {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "num_entries is 0 with devices, or both devices and num_devices are NULL"))
	}
	if !all && device_type&(C.CL_DEVICE_TYPE_DEFAULT|C.CL_DEVICE_TYPE_CPU) == 0 {
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
	d, code := deviceOf(device)
	if !ok(code) {
		return status(code)
	}
	v, code := d.Info(uint32(param_name))
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

//export gocl_clUnloadCompiler
func gocl_clUnloadCompiler() (ret C.cl_int) {
	defer guard("clUnloadCompiler", &ret)
	// A hint: nothing to unload (there is no compiler resident to free).
	return C.CL_SUCCESS
}

//export gocl_clGetExtensionFunctionAddress
func gocl_clGetExtensionFunctionAddress(func_name *C.char) (ret unsafe.Pointer) {
	defer guard("clGetExtensionFunctionAddress", nil)
	return extensionFunction(func_name)
}

//export gocl_clCreateSubDevices
func gocl_clCreateSubDevices(in_device C.cl_device_id, properties *C.cl_device_partition_property, num_devices C.cl_uint, out_devices *C.cl_device_id, num_devices_ret *C.cl_uint) (ret C.cl_int) {
	defer guard("clCreateSubDevices", &ret)
	d, code := deviceOf(in_device)
	if !ok(code) {
		return status(code)
	}
	if properties == nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "properties is NULL"))
	}
	// The list is read lazily: Partition never asks past its terminator.
	props := unsafe.Pointer(properties)
	at := func(i int) int64 {
		return int64(*(*C.cl_device_partition_property)(unsafe.Add(props, uintptr(i)*unsafe.Sizeof(*properties))))
	}
	counts, partitionType, code := d.Partition(at)
	if !ok(code) {
		return status(code)
	}
	if out_devices != nil && int(num_devices) < len(counts) {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "num_devices %d is less than the %d sub-devices of the partition", num_devices, len(counts)))
	}
	if num_devices_ret != nil {
		*num_devices_ret = C.cl_uint(len(counts))
	}
	if out_devices == nil {
		return C.CL_SUCCESS
	}
	subs := d.CreateSubDevices(counts, partitionType)
	out := unsafe.Slice(out_devices, len(subs))
	for i, sub := range subs {
		out[i] = C.cl_device_id(sub.Handle())
	}
	return C.CL_SUCCESS
}

//export gocl_clRetainDevice
func gocl_clRetainDevice(device C.cl_device_id) (ret C.cl_int) {
	defer guard("clRetainDevice", &ret)
	d, code := deviceOf(device)
	if !ok(code) {
		return status(code)
	}
	d.Retain()
	return C.CL_SUCCESS
}

//export gocl_clReleaseDevice
func gocl_clReleaseDevice(device C.cl_device_id) (ret C.cl_int) {
	defer guard("clReleaseDevice", &ret)
	d, code := deviceOf(device)
	if !ok(code) {
		return status(code)
	}
	d.Release()
	return C.CL_SUCCESS
}

//export gocl_clUnloadPlatformCompiler
func gocl_clUnloadPlatformCompiler(platform C.cl_platform_id) (ret C.cl_int) {
	defer guard("clUnloadPlatformCompiler", &ret)
	if _, code := platformStrict(platform); !ok(code) {
		return status(code)
	}
	return C.CL_SUCCESS
}

//export gocl_clGetExtensionFunctionAddressForPlatform
func gocl_clGetExtensionFunctionAddressForPlatform(platform C.cl_platform_id, func_name *C.char) (ret unsafe.Pointer) {
	defer guard("clGetExtensionFunctionAddressForPlatform", nil)
	if _, code := platformStrict(platform); !ok(code) {
		return nil
	}
	return extensionFunction(func_name)
}

//export gocl_clGetDeviceAndHostTimer
func gocl_clGetDeviceAndHostTimer(device C.cl_device_id, device_timestamp *C.cl_ulong, host_timestamp *C.cl_ulong) (ret C.cl_int) {
	defer guard("clGetDeviceAndHostTimer", &ret)
	if _, code := deviceOf(device); !ok(code) {
		return status(code)
	}
	if device_timestamp == nil || host_timestamp == nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "device_timestamp or host_timestamp is NULL"))
	}
	// The device runs on the host: one clock (the profiling clock) serves
	// both, so one reading is a perfectly synchronized pair.
	now := hostNow()
	*device_timestamp = C.cl_ulong(now)
	*host_timestamp = C.cl_ulong(now)
	return C.CL_SUCCESS
}

//export gocl_clGetHostTimer
func gocl_clGetHostTimer(device C.cl_device_id, host_timestamp *C.cl_ulong) (ret C.cl_int) {
	defer guard("clGetHostTimer", &ret)
	if _, code := deviceOf(device); !ok(code) {
		return status(code)
	}
	if host_timestamp == nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "host_timestamp is NULL"))
	}
	*host_timestamp = C.cl_ulong(hostNow())
	return C.CL_SUCCESS
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
	if _, code := platformStrict(platform); !ok(code) {
		return status(code)
	}
	icd.SetDispatchData(data)
	return C.CL_SUCCESS
}

// platformStrict validates a platform argument that may not be NULL
// (platformOf lets NULL mean the gocl platform where the specification makes
// NULL implementation-defined).
func platformStrict(h C.cl_platform_id) (*device.Platform, int32) {
	if h == nil {
		return nil, icd.Fail(icd.CL_INVALID_PLATFORM, "the platform is NULL")
	}
	return platformOf(h)
}

// extensionFunction is clGetExtensionFunctionAddress*: the address of an
// extension function of an extension gocl claims, NULL for anything else
// (unknown names and core functions alike).
func extensionFunction(name *C.char) unsafe.Pointer {
	if name == nil {
		return nil
	}
	fn := C.GoString(name)
	addr := extensionAddrs[fn]
	if addr == nil {
		addr = C.gocl_cmdbuf_function(name)
	}
	if addr == nil || !device.ExtensionFunction(fn) {
		// The loader probes core names (clGetPlatformInfo) routinely, and
		// so do applications: NULL, silently, for those.
		if !coreFunction(name, fn) {
			icd.Tracef("clGetExtensionFunctionAddress: %q is not an extension function gocl offers", fn)
		}
		return nil
	}
	return addr
}

// coreFunction reports whether fn (name as a C string) is a core OpenCL
// function: one of the dispatch table's, not of an extension (the suffix
// KHR, or the GL sharing functions).
func coreFunction(name *C.char, fn string) bool {
	return C.gocl_function_address(name) != nil && !strings.HasSuffix(fn, "KHR") && !strings.Contains(fn, "GL")
}

// extensionAddrs are the addresses of the extension functions; which of them
// are offered is device.ExtensionFunction's decision (the claimed extensions).
var extensionAddrs = map[string]unsafe.Pointer{
	"clIcdGetPlatformIDsKHR":                unsafe.Pointer(C.clIcdGetPlatformIDsKHR),
	"clIcdGetFunctionAddressForPlatformKHR": unsafe.Pointer(C.clIcdGetFunctionAddressForPlatformKHR),
	"clIcdSetPlatformDispatchDataKHR":       unsafe.Pointer(C.clIcdSetPlatformDispatchDataKHR),
	// cl_khr_il_program's function is the core clCreateProgramWithIL.
	"clCreateProgramWithILKHR":             C.gocl_function_address(C.CString("clCreateProgramWithIL")),
	"clGetKernelSuggestedLocalWorkSizeKHR": unsafe.Pointer(C.gocl_ext_clGetKernelSuggestedLocalWorkSizeKHR),
	// cl_khr_subgroups' function is the core clGetKernelSubGroupInfo.
	"clGetKernelSubGroupInfoKHR": C.gocl_function_address(C.CString("clGetKernelSubGroupInfo")),
}

// hostNow is device.Now for functions whose parameter is named device.
func hostNow() uint64 { return device.Now() }
