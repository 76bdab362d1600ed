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

// cl_khr_command_buffer: the entry points. A command is recorded by the
// clEnqueue* entry point of the same command, called on the command-buffer's
// recording queue (device.CommandBuffer.Capture): the same checks, in the
// same order, and the same prepared work, kept instead of run. Kernel
// commands have their own path (cmdbuf_kernel.go): their arguments are
// snapshotted and may be changed later (mutable dispatch).

func cmdbufOf(h C.cl_command_buffer_khr) (*device.CommandBuffer, int32) {
	return get[*device.CommandBuffer](unsafe.Pointer(h), icd.KindCommandBuffer, icd.CL_INVALID_COMMAND_BUFFER_KHR)
}

// propList reads a 0-terminated list of (name, value) pairs: the list as
// given (terminator included; nil for NULL) and the values by name.
// accept validates one pair; a repeated name is CL_INVALID_VALUE.
func propList(p *C.cl_ulong, what string, accept func(name, value uint64) int32) ([]int64, map[uint64]uint64, int32) {
	values := map[uint64]uint64{}
	if p == nil {
		return nil, values, icd.CL_SUCCESS
	}
	var list []int64
	for at := unsafe.Pointer(p); ; at = unsafe.Add(at, 16) {
		name := *(*uint64)(at)
		list = append(list, int64(name))
		if name == 0 {
			break
		}
		value := *(*uint64)(unsafe.Add(at, 8))
		list = append(list, int64(value))
		if _, seen := values[name]; seen {
			return nil, nil, icd.Fail(icd.CL_INVALID_VALUE, "%s property 0x%x is given twice", what, name)
		}
		if code := accept(name, value); !ok(code) {
			return nil, nil, code
		}
		values[name] = value
	}
	return list, values, icd.CL_SUCCESS
}

// onlyBits is CL_INVALID_VALUE for a bit-field property with bits outside known.
func onlyBits(value, known uint64, what string) int32 {
	if bad := value &^ known; bad != 0 {
		return icd.Fail(icd.CL_INVALID_VALUE, "unknown bits 0x%x in %s", bad, what)
	}
	return icd.CL_SUCCESS
}

//export gocl_clCreateCommandBufferKHR
func gocl_clCreateCommandBufferKHR(num_queues C.cl_uint, queues *C.cl_command_queue, properties *C.cl_ulong, errcode_ret *C.cl_int) (ret C.cl_command_buffer_khr) {
	defer guardErr("clCreateCommandBufferKHR", errcode_ret)
	fail := func(code int32) C.cl_command_buffer_khr {
		setErr(errcode_ret, status(code))
		return nil
	}
	if queues == nil {
		return fail(icd.Fail(icd.CL_INVALID_VALUE, "queues is NULL"))
	}
	if num_queues != 1 {
		return fail(icd.Fail(icd.CL_INVALID_VALUE, "num_queues is %d: a command-buffer has one queue (cl_khr_command_buffer_multi_device is not supported)", num_queues))
	}
	q, code := hostQueueOf(*queues)
	if !ok(code) {
		return fail(code)
	}
	list, values, code := propList(properties, "command-buffer", func(name, value uint64) int32 {
		switch name {
		case icd.CL_COMMAND_BUFFER_FLAGS_KHR:
			return onlyBits(value, icd.CL_COMMAND_BUFFER_SIMULTANEOUS_USE_KHR|icd.CL_COMMAND_BUFFER_MUTABLE_KHR, "CL_COMMAND_BUFFER_FLAGS_KHR")
		case icd.CL_COMMAND_BUFFER_MUTABLE_DISPATCH_ASSERTS_KHR:
			return onlyBits(value, icd.CL_MUTABLE_DISPATCH_ASSERT_NO_ADDITIONAL_WORK_GROUPS_KHR, "CL_COMMAND_BUFFER_MUTABLE_DISPATCH_ASSERTS_KHR")
		}
		return icd.Fail(icd.CL_INVALID_VALUE, "unknown command-buffer property 0x%x", name)
	})
	if !ok(code) {
		return fail(code)
	}
	cb := device.NewCommandBuffer(q.Ctx, []*device.Queue{q}, list, values[icd.CL_COMMAND_BUFFER_FLAGS_KHR], values[icd.CL_COMMAND_BUFFER_MUTABLE_DISPATCH_ASSERTS_KHR])
	setErr(errcode_ret, C.CL_SUCCESS)
	return C.cl_command_buffer_khr(cb.Handle())
}

//export gocl_clRetainCommandBufferKHR
func gocl_clRetainCommandBufferKHR(command_buffer C.cl_command_buffer_khr) (ret C.cl_int) {
	defer guard("clRetainCommandBufferKHR", &ret)
	cb, code := cmdbufOf(command_buffer)
	if ok(code) {
		cb.Retain()
	}
	return status(code)
}

//export gocl_clReleaseCommandBufferKHR
func gocl_clReleaseCommandBufferKHR(command_buffer C.cl_command_buffer_khr) (ret C.cl_int) {
	defer guard("clReleaseCommandBufferKHR", &ret)
	cb, code := cmdbufOf(command_buffer)
	if ok(code) {
		// Runs not yet ended keep the buffer alive (their holds).
		cb.Release()
	}
	return status(code)
}

//export gocl_clFinalizeCommandBufferKHR
func gocl_clFinalizeCommandBufferKHR(command_buffer C.cl_command_buffer_khr) (ret C.cl_int) {
	defer guard("clFinalizeCommandBufferKHR", &ret)
	cb, code := cmdbufOf(command_buffer)
	if ok(code) {
		code = cb.Finalize()
	}
	return status(code)
}

//export gocl_clGetCommandBufferInfoKHR
func gocl_clGetCommandBufferInfoKHR(command_buffer C.cl_command_buffer_khr, param_name C.cl_uint, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetCommandBufferInfoKHR", &ret)
	cb, code := cmdbufOf(command_buffer)
	var v []byte
	if ok(code) {
		switch param_name {
		case icd.CL_COMMAND_BUFFER_QUEUES_KHR:
			hs := make([]uintptr, len(cb.Queues))
			for i, q := range cb.Queues {
				hs[i] = uintptr(q.Handle())
			}
			v = icd.Slice(hs)
		case icd.CL_COMMAND_BUFFER_NUM_QUEUES_KHR:
			v = icd.Val(uint32(len(cb.Queues)))
		case icd.CL_COMMAND_BUFFER_REFERENCE_COUNT_KHR:
			v = icd.Val(cb.RefCount())
		case icd.CL_COMMAND_BUFFER_STATE_KHR:
			v = icd.Val(cb.State())
		case icd.CL_COMMAND_BUFFER_PROPERTIES_ARRAY_KHR:
			v = icd.Slice(cb.PropList) // nothing for NULL properties
		case icd.CL_COMMAND_BUFFER_CONTEXT_KHR:
			v = icd.Val(uintptr(cb.Ctx.Handle()))
		default:
			code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_command_buffer_info_khr 0x%x", uint32(param_name))
		}
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

//export gocl_clEnqueueCommandBufferKHR
func gocl_clEnqueueCommandBufferKHR(num_queues C.cl_uint, queues *C.cl_command_queue, command_buffer C.cl_command_buffer_khr, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueCommandBufferKHR", &ret)
	cb, code := cmdbufOf(command_buffer)
	if !ok(code) {
		return status(code)
	}
	if s := cb.State(); s != icd.CL_COMMAND_BUFFER_STATE_EXECUTABLE_KHR {
		return status(icd.Fail(icd.CL_INVALID_OPERATION, "the command-buffer is not executable (state %d: not finalized, or kernel arguments not set)", s))
	}
	if (queues == nil) != (num_queues == 0) {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "queues and num_queues (%d) disagree", num_queues))
	}
	q := cb.Queues[0]
	if num_queues > 0 {
		if int(num_queues) != len(cb.Queues) {
			return status(icd.Fail(icd.CL_INVALID_VALUE, "num_queues is %d; the command-buffer was created with %d", num_queues, len(cb.Queues)))
		}
		if q, code = hostQueueOf(*queues); !ok(code) {
			return status(code)
		}
		// Every host queue property is supported and none is required
		// (CL_DEVICE_COMMAND_BUFFER_*_QUEUE_PROPERTIES_KHR): no
		// CL_INCOMPATIBLE_COMMAND_QUEUE_KHR.
		if q.Dev != cb.Queues[0].Dev {
			return status(icd.Fail(icd.CL_INVALID_DEVICE, "queues[0] is not of the device of the command-buffer's queue"))
		}
		if q.Ctx != cb.Ctx {
			return status(icd.Fail(icd.CL_INVALID_CONTEXT, "queues[0] is not of the command-buffer's context"))
		}
	}
	if code := waitListContext(cb.Ctx, num_events_in_wait_list, event_wait_list); !ok(code) {
		return status(code)
	}
	evs, code := waitList(cb.Ctx, num_events_in_wait_list, event_wait_list)
	if !ok(code) {
		return status(code)
	}
	e, s := cb.Enqueue(q, evs, event == nil)
	if e == nil && s < 0 {
		return status(s)
	}
	return submitted(e, s, false, event)
}

// recording validates what every clCommand*KHR function checks before the
// command's own arguments: the buffer (first, as the OpenCL CTS expects of
// a NULL buffer with a queue), the queue (NULL: there is one queue), the
// buffer's state, the properties (none are defined but for kernel commands:
// props reads those), mutable_handle (only kernel commands have one) and
// the sync-point wait list.
func recording(command_buffer C.cl_command_buffer_khr, command_queue C.cl_command_queue, properties *C.cl_ulong, props func(name, value uint64) int32,
	mutable_handle unsafe.Pointer, mutable bool, n C.cl_uint, list *C.cl_sync_point_khr) (*device.CommandBuffer, []int64, map[uint64]uint64, int32) {
	cb, code := cmdbufOf(command_buffer)
	if !ok(code) {
		return nil, nil, nil, code
	}
	if command_queue != nil {
		return nil, nil, nil, icd.Fail(icd.CL_INVALID_COMMAND_QUEUE, "command_queue must be NULL (cl_khr_command_buffer_multi_device is not supported)")
	}
	if !cb.Recording() {
		return nil, nil, nil, icd.Fail(icd.CL_INVALID_OPERATION, "the command-buffer is finalized")
	}
	if props == nil {
		props = func(name, _ uint64) int32 {
			return icd.Fail(icd.CL_INVALID_VALUE, "unknown command property 0x%x (this command has none)", name)
		}
	}
	plist, values, code := propList(properties, "command", props)
	if !ok(code) {
		return nil, nil, nil, code
	}
	if mutable_handle != nil && !mutable {
		return nil, nil, nil, icd.Fail(icd.CL_INVALID_VALUE, "mutable_handle must be NULL: only kernel commands are mutable")
	}
	if (list == nil) != (n == 0) {
		return nil, nil, nil, icd.Fail(icd.CL_INVALID_SYNC_POINT_WAIT_LIST_KHR, "sync_point_wait_list and num_sync_points_in_wait_list (%d) disagree", n)
	}
	if n > 0 {
		sps := make([]uint32, n)
		for i, s := range unsafe.Slice(list, n) {
			sps[i] = uint32(s)
		}
		if !cb.SyncPointsValid(sps) {
			return nil, nil, nil, icd.Fail(icd.CL_INVALID_SYNC_POINT_WAIT_LIST_KHR, "sync_point_wait_list %v names a sync point this command-buffer has not returned", sps)
		}
	}
	return cb, plist, values, icd.CL_SUCCESS
}

// record is a clCommand*KHR function for a command an enqueue entry point
// prepares: the common checks, then enqueue on the buffer's recording
// queue, and the command it made appended to the buffer.
func record(command_buffer C.cl_command_buffer_khr, command_queue C.cl_command_queue, properties *C.cl_ulong, n C.cl_uint, list *C.cl_sync_point_khr, sync_point *C.cl_sync_point_khr, mutable_handle unsafe.Pointer,
	enqueue func(q C.cl_command_queue) C.cl_int) C.cl_int {
	cb, _, _, code := recording(command_buffer, command_queue, properties, nil, mutable_handle, false, n, list)
	if !ok(code) {
		return status(code)
	}
	var l *device.Launch
	var holds []device.Holder
	if enqueue != nil {
		cmd, code := cb.Capture(func(q *device.Queue) int32 { return int32(enqueue(C.cl_command_queue(q.Handle()))) })
		if !ok(code) {
			return status(code)
		}
		l, holds = device.NewLaunch(cmd.Run, nil), cmd.Holds
	} else {
		l = device.NewLaunch(nil, nil) // a barrier: commands run in order anyway
	}
	_, sp, code := cb.Append(l, holds)
	if !ok(code) {
		return status(code)
	}
	if sync_point != nil {
		*sync_point = C.cl_sync_point_khr(sp)
	}
	return C.CL_SUCCESS
}

//export gocl_clCommandBarrierWithWaitListKHR
func gocl_clCommandBarrierWithWaitListKHR(command_buffer C.cl_command_buffer_khr, command_queue C.cl_command_queue, properties *C.cl_ulong, num_sync_points_in_wait_list C.cl_uint, sync_point_wait_list *C.cl_sync_point_khr, sync_point *C.cl_sync_point_khr, mutable_handle unsafe.Pointer) (ret C.cl_int) {
	defer guard("clCommandBarrierWithWaitListKHR", &ret)
	return record(command_buffer, command_queue, properties, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle, nil)
}

//export gocl_clCommandCopyBufferKHR
func gocl_clCommandCopyBufferKHR(command_buffer C.cl_command_buffer_khr, command_queue C.cl_command_queue, properties *C.cl_ulong, src_buffer C.cl_mem, dst_buffer C.cl_mem, src_offset C.size_t, dst_offset C.size_t, size C.size_t, num_sync_points_in_wait_list C.cl_uint, sync_point_wait_list *C.cl_sync_point_khr, sync_point *C.cl_sync_point_khr, mutable_handle unsafe.Pointer) (ret C.cl_int) {
	defer guard("clCommandCopyBufferKHR", &ret)
	return record(command_buffer, command_queue, properties, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle, func(q C.cl_command_queue) C.cl_int {
		return gocl_clEnqueueCopyBuffer(q, src_buffer, dst_buffer, src_offset, dst_offset, size, 0, nil, nil)
	})
}

//export gocl_clCommandCopyBufferRectKHR
func gocl_clCommandCopyBufferRectKHR(command_buffer C.cl_command_buffer_khr, command_queue C.cl_command_queue, properties *C.cl_ulong, src_buffer C.cl_mem, dst_buffer C.cl_mem, src_origin *C.size_t, dst_origin *C.size_t, region *C.size_t, src_row_pitch C.size_t, src_slice_pitch C.size_t, dst_row_pitch C.size_t, dst_slice_pitch C.size_t, num_sync_points_in_wait_list C.cl_uint, sync_point_wait_list *C.cl_sync_point_khr, sync_point *C.cl_sync_point_khr, mutable_handle unsafe.Pointer) (ret C.cl_int) {
	defer guard("clCommandCopyBufferRectKHR", &ret)
	return record(command_buffer, command_queue, properties, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle, func(q C.cl_command_queue) C.cl_int {
		return gocl_clEnqueueCopyBufferRect(q, src_buffer, dst_buffer, src_origin, dst_origin, region, src_row_pitch, src_slice_pitch, dst_row_pitch, dst_slice_pitch, 0, nil, nil)
	})
}

//export gocl_clCommandCopyBufferToImageKHR
func gocl_clCommandCopyBufferToImageKHR(command_buffer C.cl_command_buffer_khr, command_queue C.cl_command_queue, properties *C.cl_ulong, src_buffer C.cl_mem, dst_image C.cl_mem, src_offset C.size_t, dst_origin *C.size_t, region *C.size_t, num_sync_points_in_wait_list C.cl_uint, sync_point_wait_list *C.cl_sync_point_khr, sync_point *C.cl_sync_point_khr, mutable_handle unsafe.Pointer) (ret C.cl_int) {
	defer guard("clCommandCopyBufferToImageKHR", &ret)
	return record(command_buffer, command_queue, properties, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle, func(q C.cl_command_queue) C.cl_int {
		return gocl_clEnqueueCopyBufferToImage(q, src_buffer, dst_image, src_offset, dst_origin, region, 0, nil, nil)
	})
}

//export gocl_clCommandCopyImageKHR
func gocl_clCommandCopyImageKHR(command_buffer C.cl_command_buffer_khr, command_queue C.cl_command_queue, properties *C.cl_ulong, src_image C.cl_mem, dst_image C.cl_mem, src_origin *C.size_t, dst_origin *C.size_t, region *C.size_t, num_sync_points_in_wait_list C.cl_uint, sync_point_wait_list *C.cl_sync_point_khr, sync_point *C.cl_sync_point_khr, mutable_handle unsafe.Pointer) (ret C.cl_int) {
	defer guard("clCommandCopyImageKHR", &ret)
	return record(command_buffer, command_queue, properties, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle, func(q C.cl_command_queue) C.cl_int {
		return gocl_clEnqueueCopyImage(q, src_image, dst_image, src_origin, dst_origin, region, 0, nil, nil)
	})
}

//export gocl_clCommandCopyImageToBufferKHR
func gocl_clCommandCopyImageToBufferKHR(command_buffer C.cl_command_buffer_khr, command_queue C.cl_command_queue, properties *C.cl_ulong, src_image C.cl_mem, dst_buffer C.cl_mem, src_origin *C.size_t, region *C.size_t, dst_offset C.size_t, num_sync_points_in_wait_list C.cl_uint, sync_point_wait_list *C.cl_sync_point_khr, sync_point *C.cl_sync_point_khr, mutable_handle unsafe.Pointer) (ret C.cl_int) {
	defer guard("clCommandCopyImageToBufferKHR", &ret)
	return record(command_buffer, command_queue, properties, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle, func(q C.cl_command_queue) C.cl_int {
		return gocl_clEnqueueCopyImageToBuffer(q, src_image, dst_buffer, src_origin, region, dst_offset, 0, nil, nil)
	})
}

//export gocl_clCommandFillBufferKHR
func gocl_clCommandFillBufferKHR(command_buffer C.cl_command_buffer_khr, command_queue C.cl_command_queue, properties *C.cl_ulong, buffer C.cl_mem, pattern unsafe.Pointer, pattern_size C.size_t, offset C.size_t, size C.size_t, num_sync_points_in_wait_list C.cl_uint, sync_point_wait_list *C.cl_sync_point_khr, sync_point *C.cl_sync_point_khr, mutable_handle unsafe.Pointer) (ret C.cl_int) {
	defer guard("clCommandFillBufferKHR", &ret)
	return record(command_buffer, command_queue, properties, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle, func(q C.cl_command_queue) C.cl_int {
		return gocl_clEnqueueFillBuffer(q, buffer, pattern, pattern_size, offset, size, 0, nil, nil)
	})
}

//export gocl_clCommandFillImageKHR
func gocl_clCommandFillImageKHR(command_buffer C.cl_command_buffer_khr, command_queue C.cl_command_queue, properties *C.cl_ulong, image C.cl_mem, fill_color unsafe.Pointer, origin *C.size_t, region *C.size_t, num_sync_points_in_wait_list C.cl_uint, sync_point_wait_list *C.cl_sync_point_khr, sync_point *C.cl_sync_point_khr, mutable_handle unsafe.Pointer) (ret C.cl_int) {
	defer guard("clCommandFillImageKHR", &ret)
	return record(command_buffer, command_queue, properties, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle, func(q C.cl_command_queue) C.cl_int {
		return gocl_clEnqueueFillImage(q, image, fill_color, origin, region, 0, nil, nil)
	})
}

//export gocl_clCommandSVMMemcpyKHR
func gocl_clCommandSVMMemcpyKHR(command_buffer C.cl_command_buffer_khr, command_queue C.cl_command_queue, properties *C.cl_ulong, dst_ptr unsafe.Pointer, src_ptr unsafe.Pointer, size C.size_t, num_sync_points_in_wait_list C.cl_uint, sync_point_wait_list *C.cl_sync_point_khr, sync_point *C.cl_sync_point_khr, mutable_handle unsafe.Pointer) (ret C.cl_int) {
	defer guard("clCommandSVMMemcpyKHR", &ret)
	return record(command_buffer, command_queue, properties, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle, func(q C.cl_command_queue) C.cl_int {
		return gocl_clEnqueueSVMMemcpy(q, C.CL_FALSE, dst_ptr, src_ptr, size, 0, nil, nil)
	})
}

//export gocl_clCommandSVMMemFillKHR
func gocl_clCommandSVMMemFillKHR(command_buffer C.cl_command_buffer_khr, command_queue C.cl_command_queue, properties *C.cl_ulong, svm_ptr unsafe.Pointer, pattern unsafe.Pointer, pattern_size C.size_t, size C.size_t, num_sync_points_in_wait_list C.cl_uint, sync_point_wait_list *C.cl_sync_point_khr, sync_point *C.cl_sync_point_khr, mutable_handle unsafe.Pointer) (ret C.cl_int) {
	defer guard("clCommandSVMMemFillKHR", &ret)
	return record(command_buffer, command_queue, properties, num_sync_points_in_wait_list, sync_point_wait_list, sync_point, mutable_handle, func(q C.cl_command_queue) C.cl_int {
		return gocl_clEnqueueSVMMemFill(q, svm_ptr, pattern, pattern_size, size, 0, nil, nil)
	})
}
