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

#endif
