package main

/*
#include "gocl.h"
*/
import "C"

import "unsafe"

var _ unsafe.Pointer

//export gocl_clCreateBuffer
func gocl_clCreateBuffer(context C.cl_context, flags C.cl_mem_flags, size C.size_t, host_ptr unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateBuffer", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateBuffer"))
	return nil
}

//export gocl_clRetainMemObject
func gocl_clRetainMemObject(memobj C.cl_mem) (ret C.cl_int) {
	defer guard("clRetainMemObject", &ret)
	return unimplemented("clRetainMemObject")
}

//export gocl_clReleaseMemObject
func gocl_clReleaseMemObject(memobj C.cl_mem) (ret C.cl_int) {
	defer guard("clReleaseMemObject", &ret)
	return unimplemented("clReleaseMemObject")
}

//export gocl_clGetMemObjectInfo
func gocl_clGetMemObjectInfo(memobj C.cl_mem, param_name C.cl_mem_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetMemObjectInfo", &ret)
	return unimplemented("clGetMemObjectInfo")
}

//export gocl_clEnqueueReadBuffer
func gocl_clEnqueueReadBuffer(command_queue C.cl_command_queue, buffer C.cl_mem, blocking_read C.cl_bool, offset C.size_t, size C.size_t, ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueReadBuffer", &ret)
	return unimplemented("clEnqueueReadBuffer")
}

//export gocl_clEnqueueWriteBuffer
func gocl_clEnqueueWriteBuffer(command_queue C.cl_command_queue, buffer C.cl_mem, blocking_write C.cl_bool, offset C.size_t, size C.size_t, ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueWriteBuffer", &ret)
	return unimplemented("clEnqueueWriteBuffer")
}

//export gocl_clEnqueueCopyBuffer
func gocl_clEnqueueCopyBuffer(command_queue C.cl_command_queue, src_buffer C.cl_mem, dst_buffer C.cl_mem, src_offset C.size_t, dst_offset C.size_t, size C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueCopyBuffer", &ret)
	return unimplemented("clEnqueueCopyBuffer")
}

//export gocl_clCreateSubBuffer
func gocl_clCreateSubBuffer(buffer C.cl_mem, flags C.cl_mem_flags, buffer_create_type C.cl_buffer_create_type, buffer_create_info unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateSubBuffer", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateSubBuffer"))
	return nil
}

//export gocl_clSetMemObjectDestructorCallback
func gocl_clSetMemObjectDestructorCallback(memobj C.cl_mem, pfn_notify unsafe.Pointer, user_data unsafe.Pointer) (ret C.cl_int) {
	defer guard("clSetMemObjectDestructorCallback", &ret)
	return unimplemented("clSetMemObjectDestructorCallback")
}

//export gocl_clEnqueueReadBufferRect
func gocl_clEnqueueReadBufferRect(command_queue C.cl_command_queue, buffer C.cl_mem, blocking_read C.cl_bool, buffer_origin *C.size_t, host_origin *C.size_t, region *C.size_t, buffer_row_pitch C.size_t, buffer_slice_pitch C.size_t, host_row_pitch C.size_t, host_slice_pitch C.size_t, ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueReadBufferRect", &ret)
	return unimplemented("clEnqueueReadBufferRect")
}

//export gocl_clEnqueueWriteBufferRect
func gocl_clEnqueueWriteBufferRect(command_queue C.cl_command_queue, buffer C.cl_mem, blocking_write C.cl_bool, buffer_origin *C.size_t, host_origin *C.size_t, region *C.size_t, buffer_row_pitch C.size_t, buffer_slice_pitch C.size_t, host_row_pitch C.size_t, host_slice_pitch C.size_t, ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueWriteBufferRect", &ret)
	return unimplemented("clEnqueueWriteBufferRect")
}

//export gocl_clEnqueueCopyBufferRect
func gocl_clEnqueueCopyBufferRect(command_queue C.cl_command_queue, src_buffer C.cl_mem, dst_buffer C.cl_mem, src_origin *C.size_t, dst_origin *C.size_t, region *C.size_t, src_row_pitch C.size_t, src_slice_pitch C.size_t, dst_row_pitch C.size_t, dst_slice_pitch C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueCopyBufferRect", &ret)
	return unimplemented("clEnqueueCopyBufferRect")
}

//export gocl_clEnqueueFillBuffer
func gocl_clEnqueueFillBuffer(command_queue C.cl_command_queue, buffer C.cl_mem, pattern unsafe.Pointer, pattern_size C.size_t, offset C.size_t, size C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueFillBuffer", &ret)
	return unimplemented("clEnqueueFillBuffer")
}

//export gocl_clEnqueueMigrateMemObjects
func gocl_clEnqueueMigrateMemObjects(command_queue C.cl_command_queue, num_mem_objects C.cl_uint, mem_objects *C.cl_mem, flags C.cl_mem_migration_flags, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueMigrateMemObjects", &ret)
	return unimplemented("clEnqueueMigrateMemObjects")
}

//export gocl_clCreateBufferWithProperties
func gocl_clCreateBufferWithProperties(context C.cl_context, properties *C.cl_mem_properties, flags C.cl_mem_flags, size C.size_t, host_ptr unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateBufferWithProperties", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateBufferWithProperties"))
	return nil
}
