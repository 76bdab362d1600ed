package main

/*
#include "gocl.h"
*/
import "C"

import (
	"unsafe"

	"gocl/device"
	"gocl/icd"
	"gocl/mem"
)

// mapCommand enqueues the synchronization part of a map: the mapping itself
// was recorded when it was enqueued (zero-copy: the pointer is the storage).
// A blocking map whose wait list failed is undone and reported.
// bytes is the mapped size (for GOCL_TRACE).
func mapCommand(q *device.Queue, m *mem.Mem, typ uint32, ptr unsafe.Pointer, bytes uint64, blocking C.cl_bool, evs []*device.Event, event *C.cl_event) C.cl_int {
	code := submit(q, device.Command{Type: typ, WaitList: evs, Cheap: true, Blocking: isTrue(blocking),
		Holds: []device.Holder{m}, Bytes: bytes}, event)
	if code != C.CL_SUCCESS {
		m.Unmap(ptr)
	}
	return code
}

//export gocl_clEnqueueMapBuffer
func gocl_clEnqueueMapBuffer(command_queue C.cl_command_queue, buffer C.cl_mem, blocking_map C.cl_bool, map_flags C.cl_map_flags, offset C.size_t, size C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event, errcode_ret *C.cl_int) (ret unsafe.Pointer) {
	defer guardErr("clEnqueueMapBuffer", errcode_ret)
	q, code := queueOf(command_queue)
	var m *mem.Mem
	if ok(code) {
		m, code = bufferForQueue(q, buffer)
	}
	if ok(code) {
		code = waitListContext(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if ok(code) {
		code = inBounds(m, offset, size)
	}
	if ok(code) {
		code = mem.CheckMapFlags(uint64(map_flags))
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if ok(code) && m.Misaligned() {
		code = icd.Fail(icd.CL_MISALIGNED_SUB_BUFFER_OFFSET, "the sub-buffer's offset is not aligned to CL_DEVICE_MEM_BASE_ADDR_ALIGN")
	}
	if ok(code) {
		code = m.CheckMapAccess(uint64(map_flags))
	}
	var ptr unsafe.Pointer
	if ok(code) {
		ptr, code = m.Map(uint64(map_flags), uintptr(offset), uintptr(offset+size), uintptr(offset))
	}
	if ok(code) {
		code = int32(mapCommand(q, m, icd.CL_COMMAND_MAP_BUFFER, ptr, uint64(size), blocking_map, evs, event))
	}
	setErr(errcode_ret, status(code))
	if !ok(code) {
		return nil
	}
	return ptr
}

//export gocl_clEnqueueUnmapMemObject
func gocl_clEnqueueUnmapMemObject(command_queue C.cl_command_queue, memobj C.cl_mem, mapped_ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueUnmapMemObject", &ret)
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	m, code := memForQueue(q, memobj)
	if !ok(code) {
		return status(code)
	}
	evs, code := waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	if !ok(code) {
		return status(code)
	}
	if code := m.Unmap(mapped_ptr); !ok(code) {
		return status(code)
	}
	return submit(q, device.Command{Type: icd.CL_COMMAND_UNMAP_MEM_OBJECT, WaitList: evs, Cheap: true,
		Holds: []device.Holder{m}}, event)
}

//export gocl_clEnqueueMapImage
func gocl_clEnqueueMapImage(command_queue C.cl_command_queue, image C.cl_mem, blocking_map C.cl_bool, map_flags C.cl_map_flags, origin *C.size_t, region *C.size_t, image_row_pitch *C.size_t, image_slice_pitch *C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event, errcode_ret *C.cl_int) (ret unsafe.Pointer) {
	defer guardErr("clEnqueueMapImage", errcode_ret)
	q, code := queueOf(command_queue)
	var m *mem.Mem
	if ok(code) {
		m, code = memForQueue(q, image)
	}
	if ok(code) {
		code = waitListContext(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if ok(code) && !m.IsImage() {
		code = icd.Fail(icd.CL_INVALID_MEM_OBJECT, "the memory object is not an image")
	}
	var o, r [3]uintptr
	if ok(code) {
		o, code = origin3(origin, "origin")
	}
	if ok(code) {
		r, code = origin3(region, "region")
	}
	var start, end, ptrOff, rowPitch, slicePitch uintptr
	if ok(code) {
		start, end, ptrOff, rowPitch, slicePitch, code = m.ImageRegion(o, r)
	}
	if ok(code) {
		code = mem.CheckMapFlags(uint64(map_flags))
	}
	if ok(code) && image_row_pitch == nil {
		code = icd.Fail(icd.CL_INVALID_VALUE, "image_row_pitch is NULL")
	}
	if ok(code) && image_slice_pitch == nil {
		switch m.Type {
		case icd.CL_MEM_OBJECT_IMAGE3D, icd.CL_MEM_OBJECT_IMAGE1D_ARRAY, icd.CL_MEM_OBJECT_IMAGE2D_ARRAY:
			code = icd.Fail(icd.CL_INVALID_VALUE, "image_slice_pitch is NULL for a 3D image or an image array")
		}
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if ok(code) {
		code = m.CheckMapAccess(uint64(map_flags))
	}
	var ptr unsafe.Pointer
	if ok(code) {
		ptr, code = m.Map(uint64(map_flags), start, end, ptrOff)
	}
	if ok(code) {
		code = int32(mapCommand(q, m, icd.CL_COMMAND_MAP_IMAGE, ptr, 0, blocking_map, evs, event))
	}
	setErr(errcode_ret, status(code))
	if !ok(code) {
		return nil
	}
	*image_row_pitch = C.size_t(rowPitch)
	if image_slice_pitch != nil {
		*image_slice_pitch = C.size_t(slicePitch)
	}
	return ptr
}
