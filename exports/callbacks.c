// Trampolines: Go cannot call a C function pointer directly.
#include "gocl.h"

void gocl_call_context_notify(void *fn, const char *errinfo, const void *private_info, size_t cb, uintptr_t user_data) {
	((void (CL_CALLBACK *)(const char *, const void *, size_t, void *))fn)(errinfo, private_info, cb, (void *)user_data);
}
void gocl_call_context_destructor(void *fn, cl_context ctx, uintptr_t user_data) {
	((void (CL_CALLBACK *)(cl_context, void *))fn)(ctx, (void *)user_data);
}
void gocl_call_mem_destructor(void *fn, cl_mem mem, uintptr_t user_data) {
	((void (CL_CALLBACK *)(cl_mem, void *))fn)(mem, (void *)user_data);
}
void gocl_call_event_callback(void *fn, cl_event ev, cl_int status, uintptr_t user_data) {
	((void (CL_CALLBACK *)(cl_event, cl_int, void *))fn)(ev, status, (void *)user_data);
}
void gocl_call_program_callback(void *fn, cl_program prog, uintptr_t user_data) {
	((void (CL_CALLBACK *)(cl_program, void *))fn)(prog, (void *)user_data);
}
void gocl_call_svm_free(void *fn, cl_command_queue q, cl_uint n, void **ptrs, void *user_data) {
	((void (CL_CALLBACK *)(cl_command_queue, cl_uint, void **, void *))fn)(q, n, ptrs, user_data);
}
void gocl_call_native_kernel(void *fn, void *args) {
	((void (CL_CALLBACK *)(void *))fn)(args);
}
