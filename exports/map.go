package main

/*
#include "gocl.h"
*/
import "C"

import "unsafe"

var _ unsafe.Pointer

//export gocl_clEnqueueMapBuffer
func gocl_clEnqueueMapBuffer(command_queue C.cl_command_queue, buffer C.cl_mem, blocking_map C.cl_bool, map_flags C.cl_map_flags, offset C.size_t, size C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event, errcode_ret *C.cl_int) (ret unsafe.Pointer) {
	defer guardErr("clEnqueueMapBuffer", errcode_ret)
	setErr(errcode_ret, unimplemented("clEnqueueMapBuffer"))
	return nil
}

//export gocl_clEnqueueMapImage
func gocl_clEnqueueMapImage(command_queue C.cl_command_queue, image C.cl_mem, blocking_map C.cl_bool, map_flags C.cl_map_flags, origin *C.size_t, region *C.size_t, image_row_pitch *C.size_t, image_slice_pitch *C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event, errcode_ret *C.cl_int) (ret unsafe.Pointer) {
	defer guardErr("clEnqueueMapImage", errcode_ret)
	setErr(errcode_ret, unimplemented("clEnqueueMapImage"))
	return nil
}

//export gocl_clEnqueueUnmapMemObject
func gocl_clEnqueueUnmapMemObject(command_queue C.cl_command_queue, memobj C.cl_mem, mapped_ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueUnmapMemObject", &ret)
	return unimplemented("clEnqueueUnmapMemObject")
}
