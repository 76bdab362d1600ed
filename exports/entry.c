// The symbols the ICD loaders look up with dlsym. Everything else is reached
// through the dispatch table (dispatch.c) or clGetExtensionFunctionAddress.
#include <string.h>
#include "gocl.h"
#include "_cgo_export.h"

CL_API_ENTRY cl_int CL_API_CALL clIcdGetPlatformIDsKHR(cl_uint num_entries, cl_platform_id *platforms, cl_uint *num_platforms) {
	return gocl_clIcdGetPlatformIDsKHR(num_entries, platforms, num_platforms);
}

CL_API_ENTRY cl_int CL_API_CALL clGetPlatformInfo(cl_platform_id platform, cl_platform_info param_name, size_t param_value_size, void *param_value, size_t *param_value_size_ret) {
	return gocl_clGetPlatformInfo(platform, param_name, param_value_size, param_value, param_value_size_ret);
}

CL_API_ENTRY void *CL_API_CALL clGetExtensionFunctionAddress(const char *func_name) {
	return gocl_clGetExtensionFunctionAddress((char *)func_name);
}

CL_API_ENTRY void *CL_API_CALL clGetExtensionFunctionAddressForPlatform(cl_platform_id platform, const char *func_name) {
	return gocl_clGetExtensionFunctionAddressForPlatform(platform, (char *)func_name);
}

// cl_khr_icd 2.0: the loader asks for any function of the platform by name,
// and gives the platform a dispatch data pointer for every object.
CL_API_ENTRY void *CL_API_CALL clIcdGetFunctionAddressForPlatformKHR(cl_platform_id platform, const char *func_name) {
	return gocl_clIcdGetFunctionAddressForPlatformKHR(platform, (char *)func_name);
}

CL_API_ENTRY cl_int CL_API_CALL clIcdSetPlatformDispatchDataKHR(cl_platform_id platform, void *dispatch_data) {
	return gocl_clIcdSetPlatformDispatchDataKHR(platform, dispatch_data);
}

// cl_khr_suggested_local_work_size, handed out by clGetExtensionFunctionAddress*
// only (not a symbol the loader looks for: no cl* name of ours to interpose).
cl_int CL_API_CALL gocl_ext_clGetKernelSuggestedLocalWorkSizeKHR(cl_command_queue command_queue, cl_kernel kernel, cl_uint work_dim, const size_t *global_work_offset, const size_t *global_work_size, size_t *suggested_local_work_size) {
	return gocl_clGetKernelSuggestedLocalWorkSizeKHR(command_queue, kernel, work_dim, (size_t *)global_work_offset, (size_t *)global_work_size, suggested_local_work_size);
}
