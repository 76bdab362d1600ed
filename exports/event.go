package main

/*
#include "gocl.h"
*/
import "C"

import (
	"unsafe"

	"gocl/device"
	"gocl/icd"
)

//export gocl_clWaitForEvents
func gocl_clWaitForEvents(num_events C.cl_uint, event_list *C.cl_event) (ret C.cl_int) {
	defer guard("clWaitForEvents", &ret)
	if num_events == 0 || event_list == nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "num_events is 0 or event_list is NULL"))
	}
	evs := make([]*device.Event, num_events)
	for i, h := range unsafe.Slice(event_list, num_events) {
		e, code := eventOf(h)
		if !ok(code) {
			return status(icd.Fail(code, "event_list[%d] is not a valid event", i))
		}
		if i > 0 && e.Ctx != evs[0].Ctx {
			return status(icd.Fail(icd.CL_INVALID_CONTEXT, "event_list[%d] belongs to another context", i))
		}
		evs[i] = e
	}
	failed := false
	for _, e := range evs {
		failed = e.Wait() < 0 || failed
	}
	if failed {
		return status(icd.Fail(icd.CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST, "an event ended with an error"))
	}
	return C.CL_SUCCESS
}

//export gocl_clGetEventInfo
func gocl_clGetEventInfo(event C.cl_event, param_name C.cl_event_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetEventInfo", &ret)
	e, code := eventOf(event)
	var v []byte
	if ok(code) {
		switch param_name {
		case C.CL_EVENT_COMMAND_QUEUE:
			var h uintptr
			if e.Queue != nil {
				h = uintptr(e.Queue.Handle())
			}
			v = icd.Val(h)
		case C.CL_EVENT_CONTEXT:
			v = icd.Val(uintptr(e.Ctx.Handle()))
		case C.CL_EVENT_COMMAND_TYPE:
			v = icd.Val(e.Type)
		case C.CL_EVENT_COMMAND_EXECUTION_STATUS:
			v = icd.Val(e.Status())
		case C.CL_EVENT_REFERENCE_COUNT:
			v = icd.Val(e.RefCount())
		default:
			code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_event_info 0x%x", uint32(param_name))
		}
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

//export gocl_clRetainEvent
func gocl_clRetainEvent(event C.cl_event) (ret C.cl_int) {
	defer guard("clRetainEvent", &ret)
	e, code := eventOf(event)
	if ok(code) {
		e.Retain()
	}
	return status(code)
}

//export gocl_clReleaseEvent
func gocl_clReleaseEvent(event C.cl_event) (ret C.cl_int) {
	defer guard("clReleaseEvent", &ret)
	e, code := eventOf(event)
	if ok(code) {
		e.Release()
	}
	return status(code)
}

//export gocl_clGetEventProfilingInfo
func gocl_clGetEventProfilingInfo(event C.cl_event, param_name C.cl_profiling_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetEventProfilingInfo", &ret)
	e, code := eventOf(event)
	if !ok(code) {
		return status(code)
	}
	times, have := e.Times()
	if !have {
		return status(icd.Fail(icd.CL_PROFILING_INFO_NOT_AVAILABLE, "no profiling information: a user event, a queue without CL_QUEUE_PROFILING_ENABLE, or a command not complete"))
	}
	var v []byte
	switch param_name {
	case C.CL_PROFILING_COMMAND_QUEUED:
		v = icd.Val(times[0])
	case C.CL_PROFILING_COMMAND_SUBMIT:
		v = icd.Val(times[1])
	case C.CL_PROFILING_COMMAND_START:
		v = icd.Val(times[2])
	case C.CL_PROFILING_COMMAND_END:
		v = icd.Val(times[3])
	case C.CL_PROFILING_COMMAND_COMPLETE:
		v = icd.Val(times[4])
	default:
		code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_profiling_info 0x%x", uint32(param_name))
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

//export gocl_clSetEventCallback
func gocl_clSetEventCallback(event C.cl_event, command_exec_callback_type C.cl_int, pfn_notify unsafe.Pointer, user_data uintptr) (ret C.cl_int) {
	defer guard("clSetEventCallback", &ret)
	e, code := eventOf(event)
	if !ok(code) {
		return status(code)
	}
	if pfn_notify == nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "pfn_notify is NULL"))
	}
	switch command_exec_callback_type {
	case C.CL_SUBMITTED, C.CL_RUNNING, C.CL_COMPLETE:
	default:
		return status(icd.Fail(icd.CL_INVALID_VALUE, "command_exec_callback_type %d is not CL_SUBMITTED, CL_RUNNING or CL_COMPLETE", int32(command_exec_callback_type)))
	}
	h := e.Handle()
	// The event and its handle stay valid until the callback ran, even if
	// the application releases it right after registering the callback.
	e.Pin()
	e.OnStatus(int32(command_exec_callback_type), func(s int32) {
		C.gocl_call_event_callback(pfn_notify, C.cl_event(h), C.cl_int(s), C.uintptr_t(user_data))
		e.Unpin()
	})
	return C.CL_SUCCESS
}

//export gocl_clCreateUserEvent
func gocl_clCreateUserEvent(context C.cl_context, errcode_ret *C.cl_int) (ret C.cl_event) {
	defer guardErr("clCreateUserEvent", errcode_ret)
	ctx, code := contextOf(context)
	if !ok(code) {
		setErr(errcode_ret, status(code))
		return nil
	}
	e := device.NewUserEvent(ctx)
	setErr(errcode_ret, C.CL_SUCCESS)
	return C.cl_event(e.Handle())
}

//export gocl_clSetUserEventStatus
func gocl_clSetUserEventStatus(event C.cl_event, execution_status C.cl_int) (ret C.cl_int) {
	defer guard("clSetUserEventStatus", &ret)
	e, code := eventOf(event)
	if ok(code) && e.Type != icd.CL_COMMAND_USER {
		code = icd.Fail(icd.CL_INVALID_EVENT, "the event is not a user event")
	}
	if !ok(code) {
		return status(code)
	}
	if execution_status != C.CL_COMPLETE && execution_status >= 0 {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "execution_status %d is neither CL_COMPLETE nor negative", int32(execution_status)))
	}
	return status(e.SetUserStatus(int32(execution_status)))
}

// enqueueSync enqueues a marker or barrier: a command with no work.
func enqueueSync(command_queue C.cl_command_queue, typ uint32, barrier bool, n C.cl_uint, list *C.cl_event, event *C.cl_event) C.cl_int {
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	evs, code := waitList(q.Ctx, n, list)
	if !ok(code) {
		return status(code)
	}
	return submit(q, device.Command{Type: typ, WaitList: evs, Cheap: true, WaitAll: len(evs) == 0, Barrier: barrier}, event)
}

//export gocl_clEnqueueMarker
func gocl_clEnqueueMarker(command_queue C.cl_command_queue, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueMarker", &ret)
	if _, code := queueOf(command_queue); !ok(code) {
		return status(code)
	}
	if event == nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "event is NULL"))
	}
	return enqueueSync(command_queue, icd.CL_COMMAND_MARKER, false, 0, nil, event)
}

//export gocl_clEnqueueWaitForEvents
func gocl_clEnqueueWaitForEvents(command_queue C.cl_command_queue, num_events C.cl_uint, event_list *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueWaitForEvents", &ret)
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	if num_events == 0 || event_list == nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "num_events is 0 or event_list is NULL"))
	}
	for i, h := range unsafe.Slice(event_list, num_events) {
		e, code := eventOf(h)
		if !ok(code) {
			return status(icd.Fail(code, "event_list[%d] is not a valid event", i))
		}
		if e.Ctx != q.Ctx {
			return status(icd.Fail(icd.CL_INVALID_CONTEXT, "event_list[%d] belongs to another context", i))
		}
	}
	// A barrier on the listed events: later commands wait for them.
	return enqueueSync(command_queue, icd.CL_COMMAND_BARRIER, true, num_events, event_list, nil)
}

//export gocl_clEnqueueBarrier
func gocl_clEnqueueBarrier(command_queue C.cl_command_queue) (ret C.cl_int) {
	defer guard("clEnqueueBarrier", &ret)
	return enqueueSync(command_queue, icd.CL_COMMAND_BARRIER, true, 0, nil, nil)
}

//export gocl_clEnqueueMarkerWithWaitList
func gocl_clEnqueueMarkerWithWaitList(command_queue C.cl_command_queue, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueMarkerWithWaitList", &ret)
	return enqueueSync(command_queue, icd.CL_COMMAND_MARKER, false, num_events_in_wait_list, event_wait_list, event)
}

//export gocl_clEnqueueBarrierWithWaitList
func gocl_clEnqueueBarrierWithWaitList(command_queue C.cl_command_queue, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueBarrierWithWaitList", &ret)
	return enqueueSync(command_queue, icd.CL_COMMAND_BARRIER, true, num_events_in_wait_list, event_wait_list, event)
}
