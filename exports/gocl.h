/* The C side of the exports: the Khronos headers with every API version
 * visible, and the trampolines that call the application's callbacks. */
#ifndef GOCL_H
#define GOCL_H

#define CL_TARGET_OPENCL_VERSION 300
#define CL_USE_DEPRECATED_OPENCL_1_0_APIS
#define CL_USE_DEPRECATED_OPENCL_1_1_APIS
#define CL_USE_DEPRECATED_OPENCL_1_2_APIS
#define CL_USE_DEPRECATED_OPENCL_2_0_APIS
#define CL_USE_DEPRECATED_OPENCL_2_1_APIS
#define CL_USE_DEPRECATED_OPENCL_2_2_APIS
#include <CL/cl_icd.h>
#include <stdlib.h>
#include <stdint.h>

/* user_data travels as an integer: applications often pass small integers,
 * which Go must never hold as pointers (a goroutine stack copy throws on
 * pointer values below 4096). */

const void *gocl_dispatch_table(void);
void *gocl_function_address(const char *name);

void gocl_call_context_notify(void *fn, const char *errinfo, const void *private_info, size_t cb, uintptr_t user_data);
void gocl_call_context_destructor(void *fn, cl_context ctx, uintptr_t user_data);
void gocl_call_mem_destructor(void *fn, cl_mem mem, uintptr_t user_data);
void gocl_call_event_callback(void *fn, cl_event ev, cl_int status, uintptr_t user_data);
void gocl_call_program_callback(void *fn, cl_program prog, uintptr_t user_data);
void gocl_call_svm_free(void *fn, cl_command_queue q, cl_uint n, void **ptrs, void *user_data);
void gocl_call_native_kernel(void *fn, void *args);

/* cl_khr_command_buffer 0.9.8 and cl_khr_command_buffer_mutable_dispatch
 * 0.9.5, the revisions gocl implements. Debian's headers (opencl-headers
 * 2023.02.06) define older, incompatible revisions: the command functions
 * have no properties parameter there, and cl_mutable_dispatch_config_khr
 * starts with type and next fields. The handle types, cl_sync_point_khr and
 * cl_mutable_dispatch_arg_khr / _exec_info_khr are the same in both. */
typedef cl_properties gocl_command_properties;
typedef cl_uint gocl_command_buffer_update_type;
typedef struct {
	cl_mutable_command_khr command;
	cl_uint num_args;
	cl_uint num_svm_args;
	cl_uint num_exec_infos;
	cl_uint work_dim;
	const cl_mutable_dispatch_arg_khr *arg_list;
	const cl_mutable_dispatch_arg_khr *arg_svm_list;
	const cl_mutable_dispatch_exec_info_khr *exec_info_list;
	const size_t *global_work_offset;
	const size_t *global_work_size;
	const size_t *local_work_size;
} gocl_mutable_dispatch_config;

/* The command-buffer functions by name (cmdbuf.c), for
 * clGetExtensionFunctionAddress*. */
void *gocl_cmdbuf_function(const char *name);

#endif
