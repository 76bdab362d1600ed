package main

/*
#include "gocl.h"
*/
import "C"

import "unsafe"

var _ unsafe.Pointer

//export gocl_clWaitForEvents
func gocl_clWaitForEvents(num_events C.cl_uint, event_list *C.cl_event) (ret C.cl_int) {
	defer guard("clWaitForEvents", &ret)
	return unimplemented("clWaitForEvents")
}

//export gocl_clGetEventInfo
func gocl_clGetEventInfo(event C.cl_event, param_name C.cl_event_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetEventInfo", &ret)
	return unimplemented("clGetEventInfo")
}

//export gocl_clRetainEvent
func gocl_clRetainEvent(event C.cl_event) (ret C.cl_int) {
	defer guard("clRetainEvent", &ret)
	return unimplemented("clRetainEvent")
}

//export gocl_clReleaseEvent
func gocl_clReleaseEvent(event C.cl_event) (ret C.cl_int) {
	defer guard("clReleaseEvent", &ret)
	return unimplemented("clReleaseEvent")
}

//export gocl_clGetEventProfilingInfo
func gocl_clGetEventProfilingInfo(event C.cl_event, param_name C.cl_profiling_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetEventProfilingInfo", &ret)
	return unimplemented("clGetEventProfilingInfo")
}

//export gocl_clEnqueueMarker
func gocl_clEnqueueMarker(command_queue C.cl_command_queue, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueMarker", &ret)
	return unimplemented("clEnqueueMarker")
}

//export gocl_clEnqueueWaitForEvents
func gocl_clEnqueueWaitForEvents(command_queue C.cl_command_queue, num_events C.cl_uint, event_list *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueWaitForEvents", &ret)
	return unimplemented("clEnqueueWaitForEvents")
}

//export gocl_clEnqueueBarrier
func gocl_clEnqueueBarrier(command_queue C.cl_command_queue) (ret C.cl_int) {
	defer guard("clEnqueueBarrier", &ret)
	return unimplemented("clEnqueueBarrier")
}

//export gocl_clSetEventCallback
func gocl_clSetEventCallback(event C.cl_event, command_exec_callback_type C.cl_int, pfn_notify unsafe.Pointer, user_data unsafe.Pointer) (ret C.cl_int) {
	defer guard("clSetEventCallback", &ret)
	return unimplemented("clSetEventCallback")
}

//export gocl_clCreateUserEvent
func gocl_clCreateUserEvent(context C.cl_context, errcode_ret *C.cl_int) (ret C.cl_event) {
	defer guardErr("clCreateUserEvent", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateUserEvent"))
	return nil
}

//export gocl_clSetUserEventStatus
func gocl_clSetUserEventStatus(event C.cl_event, execution_status C.cl_int) (ret C.cl_int) {
	defer guard("clSetUserEventStatus", &ret)
	return unimplemented("clSetUserEventStatus")
}

//export gocl_clEnqueueMarkerWithWaitList
func gocl_clEnqueueMarkerWithWaitList(command_queue C.cl_command_queue, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueMarkerWithWaitList", &ret)
	return unimplemented("clEnqueueMarkerWithWaitList")
}

//export gocl_clEnqueueBarrierWithWaitList
func gocl_clEnqueueBarrierWithWaitList(command_queue C.cl_command_queue, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueBarrierWithWaitList", &ret)
	return unimplemented("clEnqueueBarrierWithWaitList")
}
