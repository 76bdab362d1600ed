package main

/*
#include "gocl.h"
*/
import "C"

import "unsafe"

var _ unsafe.Pointer

//export gocl_clSVMAlloc
func gocl_clSVMAlloc(context C.cl_context, flags C.cl_svm_mem_flags, size C.size_t, alignment C.cl_uint) (ret unsafe.Pointer) {
	defer guard("clSVMAlloc", nil)
	return nil
}

//export gocl_clSVMFree
func gocl_clSVMFree(context C.cl_context, svm_pointer unsafe.Pointer) {
	defer guard("clSVMFree", nil)
}

//export gocl_clEnqueueSVMFree
func gocl_clEnqueueSVMFree(command_queue C.cl_command_queue, num_svm_pointers C.cl_uint, svm_pointers *unsafe.Pointer, pfn_free_func unsafe.Pointer, user_data unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueSVMFree", &ret)
	return unimplemented("clEnqueueSVMFree")
}

//export gocl_clEnqueueSVMMemcpy
func gocl_clEnqueueSVMMemcpy(command_queue C.cl_command_queue, blocking_copy C.cl_bool, dst_ptr unsafe.Pointer, src_ptr unsafe.Pointer, size C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueSVMMemcpy", &ret)
	return unimplemented("clEnqueueSVMMemcpy")
}

//export gocl_clEnqueueSVMMemFill
func gocl_clEnqueueSVMMemFill(command_queue C.cl_command_queue, svm_ptr unsafe.Pointer, pattern unsafe.Pointer, pattern_size C.size_t, size C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueSVMMemFill", &ret)
	return unimplemented("clEnqueueSVMMemFill")
}

//export gocl_clEnqueueSVMMap
func gocl_clEnqueueSVMMap(command_queue C.cl_command_queue, blocking_map C.cl_bool, flags C.cl_map_flags, svm_ptr unsafe.Pointer, size C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueSVMMap", &ret)
	return unimplemented("clEnqueueSVMMap")
}

//export gocl_clEnqueueSVMUnmap
func gocl_clEnqueueSVMUnmap(command_queue C.cl_command_queue, svm_ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueSVMUnmap", &ret)
	return unimplemented("clEnqueueSVMUnmap")
}

//export gocl_clEnqueueSVMMigrateMem
func gocl_clEnqueueSVMMigrateMem(command_queue C.cl_command_queue, num_svm_pointers C.cl_uint, svm_pointers *unsafe.Pointer, sizes *C.size_t, flags C.cl_mem_migration_flags, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueSVMMigrateMem", &ret)
	return unimplemented("clEnqueueSVMMigrateMem")
}
