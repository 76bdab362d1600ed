package main

// The clEnqueueSVMFree callback, called with the application's values as
// integers: user_data is often a small integer cast to a pointer, and Go must
// never hold such a value as a pointer on a goroutine stack (a stack copy
// throws "invalid pointer found on stack" for pointers below 4096). This file
// has no //export, so its preamble may define C functions.

/*
#include <stdint.h>
#include "gocl.h"

static void gocl_svm_free_uintptr(uintptr_t fn, cl_command_queue q, cl_uint n, void **ptrs, uintptr_t user_data) {
	gocl_call_svm_free((void *)fn, q, n, ptrs, (void *)user_data);
}
*/
import "C"

import "unsafe"

// callSVMFree calls the application's pfn_free_func(queue, n, ptrs, user_data)
// with ptrs copied to C memory, freed after the call.
func callSVMFree(fn uintptr, q unsafe.Pointer, ptrs []uintptr, userData uintptr) {
	var list *C.uintptr_t
	if len(ptrs) > 0 {
		list = (*C.uintptr_t)(C.malloc(C.size_t(len(ptrs)) * C.size_t(unsafe.Sizeof(uintptr(0)))))
		defer C.free(unsafe.Pointer(list))
		for i, p := range ptrs {
			unsafe.Slice(list, len(ptrs))[i] = C.uintptr_t(p)
		}
	}
	C.gocl_svm_free_uintptr(C.uintptr_t(fn), C.cl_command_queue(q), C.cl_uint(len(ptrs)), (*unsafe.Pointer)(unsafe.Pointer(list)), C.uintptr_t(userData))
}
