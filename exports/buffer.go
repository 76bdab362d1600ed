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

const bufferFlags = icd.CL_MEM_READ_WRITE | icd.CL_MEM_WRITE_ONLY | icd.CL_MEM_READ_ONLY |
	icd.CL_MEM_USE_HOST_PTR | icd.CL_MEM_ALLOC_HOST_PTR | icd.CL_MEM_COPY_HOST_PTR |
	icd.CL_MEM_HOST_WRITE_ONLY | icd.CL_MEM_HOST_READ_ONLY | icd.CL_MEM_HOST_NO_ACCESS

// memProps validates a cl_mem_properties list: OpenCL 3.0 defines no
// property that this device supports, so any name is CL_INVALID_PROPERTY.
func memProps(props *C.cl_mem_properties) ([]uint64, int32) {
	if props == nil {
		return nil, icd.CL_SUCCESS
	}
	if name := *(*uint64)(unsafe.Pointer(props)); name != 0 {
		return nil, icd.Fail(icd.CL_INVALID_PROPERTY, "unsupported memory property 0x%x", name)
	}
	return []uint64{0}, icd.CL_SUCCESS
}

func createBuffer(context C.cl_context, properties *C.cl_mem_properties, flags C.cl_mem_flags, size C.size_t, host_ptr unsafe.Pointer, errcode_ret *C.cl_int) C.cl_mem {
	ctx, code := contextOf(context)
	var props []uint64
	if ok(code) {
		props, code = memProps(properties)
	}
	if ok(code) {
		code = mem.CheckFlags(uint64(flags), bufferFlags)
	}
	if ok(code) {
		max := uint64(0)
		for _, d := range ctx.Devices {
			if m := d.MaxAllocSize(); max == 0 || m < max {
				max = m
			}
		}
		if size == 0 || uint64(size) > max {
			code = icd.Fail(icd.CL_INVALID_BUFFER_SIZE, "size %d is 0 or above CL_DEVICE_MAX_MEM_ALLOC_SIZE (%d)", uint64(size), max)
		}
	}
	if ok(code) {
		code = mem.CheckHostPtr(uint64(flags), host_ptr)
	}
	if ok(code) && flags&C.CL_MEM_USE_HOST_PTR != 0 {
		// "CL_INVALID_BUFFER_SIZE if CL_MEM_USE_HOST_PTR is set in flags
		// and host_ptr is a pointer returned by clSVMAlloc and size is
		// greater than the size passed to clSVMAlloc": a pointer into an
		// allocation, likewise, may not reach past its end.
		if a, found := mem.SVMLookup(host_ptr); found && !a.Contains(host_ptr, uintptr(size)) {
			code = icd.Fail(icd.CL_INVALID_BUFFER_SIZE, "size %d reaches past the end of the SVM allocation (%d bytes at %p) host_ptr %p is in", uint64(size), uint64(a.Size), a.Base, host_ptr)
		}
	}
	var m *mem.Mem
	if ok(code) {
		m, code = mem.NewBuffer(ctx, uint64(flags), uintptr(size), host_ptr, props)
	}
	setErr(errcode_ret, status(code))
	if !ok(code) {
		return nil
	}
	return C.cl_mem(m.Handle())
}

//export gocl_clCreateBuffer
func gocl_clCreateBuffer(context C.cl_context, flags C.cl_mem_flags, size C.size_t, host_ptr unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateBuffer", errcode_ret)
	return createBuffer(context, nil, flags, size, host_ptr, errcode_ret)
}

//export gocl_clCreateBufferWithProperties
func gocl_clCreateBufferWithProperties(context C.cl_context, properties *C.cl_mem_properties, flags C.cl_mem_flags, size C.size_t, host_ptr unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateBufferWithProperties", errcode_ret)
	return createBuffer(context, properties, flags, size, host_ptr, errcode_ret)
}

//export gocl_clCreateSubBuffer
func gocl_clCreateSubBuffer(buffer C.cl_mem, flags C.cl_mem_flags, buffer_create_type C.cl_buffer_create_type, buffer_create_info unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateSubBuffer", errcode_ret)
	m, code := memOf(buffer)
	if ok(code) && (m.Type != icd.CL_MEM_OBJECT_BUFFER || m.Parent != nil) {
		code = icd.Fail(icd.CL_INVALID_MEM_OBJECT, "not a buffer, or a sub-buffer")
	}
	if ok(code) && buffer_create_type != C.CL_BUFFER_CREATE_TYPE_REGION {
		code = icd.Fail(icd.CL_INVALID_VALUE, "buffer_create_type 0x%x is not CL_BUFFER_CREATE_TYPE_REGION", uint32(buffer_create_type))
	}
	if ok(code) && buffer_create_info == nil {
		code = icd.Fail(icd.CL_INVALID_VALUE, "buffer_create_info is NULL")
	}
	var sub *mem.Mem
	if ok(code) {
		region := (*C.cl_buffer_region)(buffer_create_info)
		sub, code = m.NewSubBuffer(uint64(flags), uintptr(region.origin), uintptr(region.size))
	}
	setErr(errcode_ret, status(code))
	if !ok(code) {
		return nil
	}
	return C.cl_mem(sub.Handle())
}

//export gocl_clRetainMemObject
func gocl_clRetainMemObject(memobj C.cl_mem) (ret C.cl_int) {
	defer guard("clRetainMemObject", &ret)
	m, code := memOf(memobj)
	if ok(code) {
		m.Retain()
	}
	return status(code)
}

//export gocl_clReleaseMemObject
func gocl_clReleaseMemObject(memobj C.cl_mem) (ret C.cl_int) {
	defer guard("clReleaseMemObject", &ret)
	m, code := memOf(memobj)
	if ok(code) {
		m.Release()
	}
	return status(code)
}

//export gocl_clGetMemObjectInfo
func gocl_clGetMemObjectInfo(memobj C.cl_mem, param_name C.cl_mem_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetMemObjectInfo", &ret)
	m, code := memOf(memobj)
	var v []byte
	if ok(code) {
		switch param_name {
		case C.CL_MEM_TYPE:
			v = icd.Val(m.Type)
		case C.CL_MEM_FLAGS:
			v = icd.Val(m.Flags)
		case C.CL_MEM_SIZE:
			v = icd.Val(m.Size)
		case C.CL_MEM_HOST_PTR:
			v = icd.Val(uintptr(m.HostPtr))
		case C.CL_MEM_MAP_COUNT:
			v = icd.Val(m.MapCount())
		case C.CL_MEM_REFERENCE_COUNT:
			v = icd.Val(m.RefCount())
		case C.CL_MEM_CONTEXT:
			v = icd.Val(uintptr(m.Ctx.Handle()))
		case C.CL_MEM_ASSOCIATED_MEMOBJECT:
			var h uintptr
			if m.Parent != nil {
				h = uintptr(m.Parent.Handle())
			}
			v = icd.Val(h)
		case C.CL_MEM_OFFSET:
			var off uintptr
			if m.Parent != nil && m.Type == icd.CL_MEM_OBJECT_BUFFER {
				off = m.Offset - m.Parent.Offset
			}
			v = icd.Val(off)
		case C.CL_MEM_USES_SVM_POINTER:
			v = icd.Bool(m.UsesSVM)
		case C.CL_MEM_PROPERTIES:
			v = icd.Slice(m.Props)
		default:
			code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_mem_info 0x%x", uint32(param_name))
		}
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

//export gocl_clSetMemObjectDestructorCallback
func gocl_clSetMemObjectDestructorCallback(memobj C.cl_mem, pfn_notify unsafe.Pointer, user_data uintptr) (ret C.cl_int) {
	defer guard("clSetMemObjectDestructorCallback", &ret)
	m, code := memOf(memobj)
	if !ok(code) {
		return status(code)
	}
	if pfn_notify == nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "pfn_notify is NULL"))
	}
	h := m.Handle()
	m.AddDestructor(func() { C.gocl_call_mem_destructor(pfn_notify, C.cl_mem(h), C.uintptr_t(user_data)) })
	return C.CL_SUCCESS
}

// memForQueue validates a memory object argument of a command on q.
func memForQueue(q *device.Queue, h C.cl_mem) (*mem.Mem, int32) {
	m, code := memOf(h)
	if ok(code) && m.Ctx != q.Ctx {
		code = icd.Fail(icd.CL_INVALID_CONTEXT, "the memory object and the command-queue belong to different contexts")
	}
	return m, code
}

// bufferForQueue validates a buffer argument of a command on q.
func bufferForQueue(q *device.Queue, h C.cl_mem) (*mem.Mem, int32) {
	m, code := memForQueue(q, h)
	if ok(code) && m.Type != icd.CL_MEM_OBJECT_BUFFER {
		code = icd.Fail(icd.CL_INVALID_MEM_OBJECT, "the memory object is not a buffer")
	}
	return m, code
}

// inBounds checks [offset, offset+size) against a buffer: size 0 is invalid too.
func inBounds(m *mem.Mem, offset, size C.size_t) int32 {
	if size == 0 || uintptr(offset) > m.Size || uintptr(size) > m.Size-uintptr(offset) {
		return icd.Fail(icd.CL_INVALID_VALUE, "region (offset %d, size %d) is empty or outside the %d bytes of the buffer", uint64(offset), uint64(size), m.Size)
	}
	return icd.CL_SUCCESS
}

// bufferTransfer implements clEnqueueReadBuffer and clEnqueueWriteBuffer.
func bufferTransfer(write bool, command_queue C.cl_command_queue, buffer C.cl_mem, blocking C.cl_bool, offset, size C.size_t, ptr unsafe.Pointer, n C.cl_uint, list *C.cl_event, event *C.cl_event) C.cl_int {
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	m, code := bufferForQueue(q, buffer)
	if ok(code) {
		code = inBounds(m, offset, size)
	}
	var evs []*device.Event
	var base unsafe.Pointer
	if ok(code) {
		evs, base, code = hostTransferChecks(q, m, write, ptr, n, list)
	}
	if !ok(code) {
		return status(code)
	}
	dev := unsafe.Add(base, offset)
	typ, src, dst := uint32(icd.CL_COMMAND_READ_BUFFER), dev, ptr
	if write {
		typ, src, dst = icd.CL_COMMAND_WRITE_BUFFER, ptr, dev
	}
	run := func() int32 { mem.Copy(dst, src, uintptr(size)); return icd.CL_COMPLETE }
	return submit(q, device.Command{Type: typ, WaitList: evs, Run: run, Blocking: isTrue(blocking),
		Cheap: size <= cheapCopy, Holds: []device.Holder{m}, Bytes: uint64(size)}, event)
}

// hostTransferChecks ends the validation of a read or write between host
// memory at ptr and m, in the order of the error lists: ptr, the wait list,
// the host access flags; then it makes sure m has storage (an allocation
// failure is the call's error, not the command's) and returns its address.
func hostTransferChecks(q *device.Queue, m *mem.Mem, write bool, ptr unsafe.Pointer, n C.cl_uint, list *C.cl_event) ([]*device.Event, unsafe.Pointer, int32) {
	if ptr == nil {
		return nil, nil, icd.Fail(icd.CL_INVALID_VALUE, "ptr is NULL")
	}
	evs, code := waitList(q.Ctx, n, list)
	if ok(code) {
		code = m.CheckHostAccess(write)
	}
	var base unsafe.Pointer
	if ok(code) {
		base, code = m.Ptr()
	}
	return evs, base, code
}

// cheapCopy is the largest copy that runs on whatever thread starts it.
const cheapCopy = 64 << 10

//export gocl_clEnqueueReadBuffer
func gocl_clEnqueueReadBuffer(command_queue C.cl_command_queue, buffer C.cl_mem, blocking_read C.cl_bool, offset C.size_t, size C.size_t, ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueReadBuffer", &ret)
	return bufferTransfer(false, command_queue, buffer, blocking_read, offset, size, ptr, num_events_in_wait_list, event_wait_list, event)
}

//export gocl_clEnqueueWriteBuffer
func gocl_clEnqueueWriteBuffer(command_queue C.cl_command_queue, buffer C.cl_mem, blocking_write C.cl_bool, offset C.size_t, size C.size_t, ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueWriteBuffer", &ret)
	return bufferTransfer(true, command_queue, buffer, blocking_write, offset, size, ptr, num_events_in_wait_list, event_wait_list, event)
}

// overlap reports whether two byte ranges of objects that may share storage overlap.
func overlap(a *mem.Mem, aOff, aEnd uintptr, b *mem.Mem, bOff, bEnd uintptr) bool {
	if !mem.SameStorage(a, b) {
		return false
	}
	return a.Offset+aOff < b.Offset+bEnd && b.Offset+bOff < a.Offset+aEnd
}

//export gocl_clEnqueueCopyBuffer
func gocl_clEnqueueCopyBuffer(command_queue C.cl_command_queue, src_buffer C.cl_mem, dst_buffer C.cl_mem, src_offset C.size_t, dst_offset C.size_t, size C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueCopyBuffer", &ret)
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	src, code := bufferForQueue(q, src_buffer)
	var dst *mem.Mem
	if ok(code) {
		dst, code = bufferForQueue(q, dst_buffer)
	}
	if ok(code) {
		code = inBounds(src, src_offset, size)
	}
	if ok(code) {
		code = inBounds(dst, dst_offset, size)
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if ok(code) && overlap(src, uintptr(src_offset), uintptr(src_offset+size), dst, uintptr(dst_offset), uintptr(dst_offset+size)) {
		code = icd.Fail(icd.CL_MEM_COPY_OVERLAP, "the source and destination regions overlap")
	}
	var s, d unsafe.Pointer
	if ok(code) {
		s, code = src.Ptr()
	}
	if ok(code) {
		d, code = dst.Ptr()
	}
	if !ok(code) {
		return status(code)
	}
	s, d = unsafe.Add(s, src_offset), unsafe.Add(d, dst_offset)
	run := func() int32 { mem.Copy(d, s, uintptr(size)); return icd.CL_COMPLETE }
	return submit(q, device.Command{Type: icd.CL_COMMAND_COPY_BUFFER, WaitList: evs, Run: run,
		Cheap: size <= cheapCopy, Holds: []device.Holder{src, dst}, Bytes: uint64(size)}, event)
}

//export gocl_clEnqueueFillBuffer
func gocl_clEnqueueFillBuffer(command_queue C.cl_command_queue, buffer C.cl_mem, pattern unsafe.Pointer, pattern_size C.size_t, offset C.size_t, size C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueFillBuffer", &ret)
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	m, code := bufferForQueue(q, buffer)
	if ok(code) {
		code = inBounds(m, offset, size)
	}
	if ok(code) {
		ps := uintptr(pattern_size)
		switch {
		case pattern == nil:
			code = icd.Fail(icd.CL_INVALID_VALUE, "pattern is NULL")
		case ps == 0 || ps > 128 || ps&(ps-1) != 0:
			code = icd.Fail(icd.CL_INVALID_VALUE, "pattern_size %d is not 1, 2, 4, 8, 16, 32, 64 or 128", ps)
		case uintptr(offset)%ps != 0 || uintptr(size)%ps != 0:
			code = icd.Fail(icd.CL_INVALID_VALUE, "offset %d or size %d is not a multiple of pattern_size %d", uint64(offset), uint64(size), ps)
		}
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	var base unsafe.Pointer
	if ok(code) {
		base, code = m.Ptr()
	}
	if !ok(code) {
		return status(code)
	}
	pat := C.GoBytes(pattern, C.int(pattern_size))
	dst := unsafe.Add(base, offset)
	run := func() int32 { mem.Fill(dst, pat, uintptr(size)); return icd.CL_COMPLETE }
	return submit(q, device.Command{Type: icd.CL_COMMAND_FILL_BUFFER, WaitList: evs, Run: run,
		Cheap: size <= cheapCopy, Holds: []device.Holder{m}, Bytes: uint64(size)}, event)
}

// rectLayout validates one side of a rect copy and returns its layout; size
// is the byte size of that side's memory (0: unbounded host memory). All
// arithmetic is checked: a box whose end wraps around is out of bounds.
func rectLayout(origin, region [3]uintptr, rowPitch, slicePitch C.size_t, size uintptr, what string) (mem.Rect, int32) {
	r := mem.Rect{Origin: origin, RowPitch: uintptr(rowPitch), SlicePitch: uintptr(slicePitch)}
	if r.RowPitch == 0 {
		r.RowPitch = region[0]
	}
	rows, rowsOK := mem.MulOK(region[1], r.RowPitch)
	if r.SlicePitch == 0 {
		r.SlicePitch = rows
	}
	if r.RowPitch < region[0] {
		return r, icd.Fail(icd.CL_INVALID_VALUE, "%s row pitch %d is smaller than region[0] %d", what, r.RowPitch, region[0])
	}
	if !rowsOK || r.SlicePitch < rows || r.SlicePitch%r.RowPitch != 0 {
		return r, icd.Fail(icd.CL_INVALID_VALUE, "%s slice pitch %d is smaller than region[1] × row pitch or not a multiple of the row pitch", what, r.SlicePitch)
	}
	end, ok := r.CheckedEnd(region)
	if !ok || (size != 0 && end > size) {
		return r, icd.Fail(icd.CL_INVALID_VALUE, "the %s region (origin %v, region %v, pitches %d, %d) ends beyond the %d bytes of the buffer", what, origin, region, r.RowPitch, r.SlicePitch, size)
	}
	return r, icd.CL_SUCCESS
}

// rectSide is one side of a rect command: its origin, pitches, and the
// size of its memory (0: host memory, unbounded).
type rectSide struct {
	origin               *C.size_t
	rowPitch, slicePitch C.size_t
	size                 uintptr
	name                 string
}

// rectPair validates the two sides and the region of a rect command, in
// the order of the error lists: origins, region, then each side's layout.
func rectPair(regionP *C.size_t, a, b rectSide) (ar, br mem.Rect, region [3]uintptr, code int32) {
	ao, code := origin3(a.origin, a.name+" origin")
	var bo [3]uintptr
	if ok(code) {
		bo, code = origin3(b.origin, b.name+" origin")
	}
	if ok(code) {
		region, code = validRegion(regionP)
	}
	if ok(code) {
		ar, code = rectLayout(ao, region, a.rowPitch, a.slicePitch, a.size, a.name)
	}
	if ok(code) {
		br, code = rectLayout(bo, region, b.rowPitch, b.slicePitch, b.size, b.name)
	}
	return ar, br, region, code
}

func validRegion(p *C.size_t) ([3]uintptr, int32) {
	if p == nil {
		return [3]uintptr{}, icd.Fail(icd.CL_INVALID_VALUE, "region is NULL")
	}
	region := sizes3(p)
	if region[0] == 0 || region[1] == 0 || region[2] == 0 {
		return region, icd.Fail(icd.CL_INVALID_VALUE, "a region dimension is 0")
	}
	return region, icd.CL_SUCCESS
}

func origin3(p *C.size_t, what string) ([3]uintptr, int32) {
	if p == nil {
		return [3]uintptr{}, icd.Fail(icd.CL_INVALID_VALUE, "%s is NULL", what)
	}
	return sizes3(p), icd.CL_SUCCESS
}

// bufferRectTransfer implements clEnqueueReadBufferRect and clEnqueueWriteBufferRect.
func bufferRectTransfer(write bool, command_queue C.cl_command_queue, buffer C.cl_mem, blocking C.cl_bool, buffer_origin, host_origin, region_p *C.size_t, buffer_row_pitch, buffer_slice_pitch, host_row_pitch, host_slice_pitch C.size_t, ptr unsafe.Pointer, n C.cl_uint, list *C.cl_event, event *C.cl_event) C.cl_int {
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	m, code := bufferForQueue(q, buffer)
	var br, hr mem.Rect
	var region [3]uintptr
	if ok(code) {
		br, hr, region, code = rectPair(region_p,
			rectSide{buffer_origin, buffer_row_pitch, buffer_slice_pitch, m.Size, "buffer"},
			rectSide{host_origin, host_row_pitch, host_slice_pitch, 0, "host"})
	}
	var evs []*device.Event
	var base unsafe.Pointer
	if ok(code) {
		evs, base, code = hostTransferChecks(q, m, write, ptr, n, list)
	}
	if !ok(code) {
		return status(code)
	}
	typ := uint32(icd.CL_COMMAND_READ_BUFFER_RECT)
	run := func() int32 { mem.CopyRect(ptr, hr, base, br, region); return icd.CL_COMPLETE }
	if write {
		typ = icd.CL_COMMAND_WRITE_BUFFER_RECT
		run = func() int32 { mem.CopyRect(base, br, ptr, hr, region); return icd.CL_COMPLETE }
	}
	return submit(q, device.Command{Type: typ, WaitList: evs, Run: run, Blocking: isTrue(blocking),
		Cheap: region[0]*region[1]*region[2] <= cheapCopy, Holds: []device.Holder{m}, Bytes: uint64(region[0] * region[1] * region[2])}, event)
}

//export gocl_clEnqueueReadBufferRect
func gocl_clEnqueueReadBufferRect(command_queue C.cl_command_queue, buffer C.cl_mem, blocking_read C.cl_bool, buffer_origin *C.size_t, host_origin *C.size_t, region *C.size_t, buffer_row_pitch C.size_t, buffer_slice_pitch C.size_t, host_row_pitch C.size_t, host_slice_pitch C.size_t, ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueReadBufferRect", &ret)
	return bufferRectTransfer(false, command_queue, buffer, blocking_read, buffer_origin, host_origin, region, buffer_row_pitch, buffer_slice_pitch, host_row_pitch, host_slice_pitch, ptr, num_events_in_wait_list, event_wait_list, event)
}

//export gocl_clEnqueueWriteBufferRect
func gocl_clEnqueueWriteBufferRect(command_queue C.cl_command_queue, buffer C.cl_mem, blocking_write C.cl_bool, buffer_origin *C.size_t, host_origin *C.size_t, region *C.size_t, buffer_row_pitch C.size_t, buffer_slice_pitch C.size_t, host_row_pitch C.size_t, host_slice_pitch C.size_t, ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueWriteBufferRect", &ret)
	return bufferRectTransfer(true, command_queue, buffer, blocking_write, buffer_origin, host_origin, region, buffer_row_pitch, buffer_slice_pitch, host_row_pitch, host_slice_pitch, ptr, num_events_in_wait_list, event_wait_list, event)
}

//export gocl_clEnqueueCopyBufferRect
func gocl_clEnqueueCopyBufferRect(command_queue C.cl_command_queue, src_buffer C.cl_mem, dst_buffer C.cl_mem, src_origin *C.size_t, dst_origin *C.size_t, region_p *C.size_t, src_row_pitch C.size_t, src_slice_pitch C.size_t, dst_row_pitch C.size_t, dst_slice_pitch C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueCopyBufferRect", &ret)
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	src, code := bufferForQueue(q, src_buffer)
	var dst *mem.Mem
	if ok(code) {
		dst, code = bufferForQueue(q, dst_buffer)
	}
	var sr, dr mem.Rect
	var region [3]uintptr
	if ok(code) {
		sr, dr, region, code = rectPair(region_p,
			rectSide{src_origin, src_row_pitch, src_slice_pitch, src.Size, "source"},
			rectSide{dst_origin, dst_row_pitch, dst_slice_pitch, dst.Size, "destination"})
	}
	if ok(code) && src == dst && (sr.RowPitch != dr.RowPitch || sr.SlicePitch != dr.SlicePitch) {
		code = icd.Fail(icd.CL_INVALID_VALUE, "copying within one buffer needs equal source and destination pitches")
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if ok(code) && rectsOverlap(src, sr, dst, dr, region) {
		code = icd.Fail(icd.CL_MEM_COPY_OVERLAP, "the source and destination regions overlap")
	}
	var s, d unsafe.Pointer
	if ok(code) {
		s, code = src.Ptr()
	}
	if ok(code) {
		d, code = dst.Ptr()
	}
	if !ok(code) {
		return status(code)
	}
	run := func() int32 { mem.CopyRect(d, dr, s, sr, region); return icd.CL_COMPLETE }
	return submit(q, device.Command{Type: icd.CL_COMMAND_COPY_BUFFER_RECT, WaitList: evs, Run: run,
		Cheap: region[0]*region[1]*region[2] <= cheapCopy, Holds: []device.Holder{src, dst}, Bytes: uint64(region[0] * region[1] * region[2])}, event)
}

// rectsOverlap tells whether two rect regions in objects that may share
// storage touch a common byte.
func rectsOverlap(a *mem.Mem, ar mem.Rect, b *mem.Mem, br mem.Rect, region [3]uintptr) bool {
	if !mem.SameStorage(a, b) {
		return false
	}
	aStart := int64(a.Offset + ar.Origin[0] + ar.Origin[1]*ar.RowPitch + ar.Origin[2]*ar.SlicePitch)
	bStart := int64(b.Offset + br.Origin[0] + br.Origin[1]*br.RowPitch + br.Origin[2]*br.SlicePitch)
	if !overlap(a, uintptr(aStart)-a.Offset, ar.End(region), b, uintptr(bStart)-b.Offset, br.End(region)) {
		return false
	}
	w, h, d := int64(region[0]), int64(region[1]), int64(region[2])
	if ar.RowPitch != br.RowPitch || ar.SlicePitch != br.SlicePitch {
		// Different layouts in one storage (two sub-buffers): the bounding
		// ranges overlap, which is as far as the check goes.
		return true
	}
	// Rows of a start at aStart + y*rp + z*sp, rows of b at bStart + y'*rp +
	// z'*sp: they overlap if some dz, dy in range put two starts less than w apart.
	rp, sp := int64(ar.RowPitch), int64(ar.SlicePitch)
	for dz := -(d - 1); dz <= d-1; dz++ {
		t := bStart - aStart + dz*sp // distance of the row starts for dy = 0
		// want |t + dy*rp| < w for some dy in [-(h-1), h-1]
		lo := ceilDiv(-w-t+1, rp)
		hi := floorDiv(w-t-1, rp)
		if max(lo, -(h-1)) <= min(hi, h-1) {
			return true
		}
	}
	return false
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }

//export gocl_clEnqueueMigrateMemObjects
func gocl_clEnqueueMigrateMemObjects(command_queue C.cl_command_queue, num_mem_objects C.cl_uint, mem_objects *C.cl_mem, flags C.cl_mem_migration_flags, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueMigrateMemObjects", &ret)
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	if num_mem_objects == 0 || mem_objects == nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "num_mem_objects is 0 or mem_objects is NULL"))
	}
	var holds []device.Holder
	for i, h := range unsafe.Slice(mem_objects, num_mem_objects) {
		m, code := memForQueue(q, h)
		if !ok(code) {
			return status(icd.Fail(code, "mem_objects[%d] is not valid here", i))
		}
		holds = append(holds, m)
	}
	if flags&^(C.CL_MIGRATE_MEM_OBJECT_HOST|C.CL_MIGRATE_MEM_OBJECT_CONTENT_UNDEFINED) != 0 {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "unknown bits in flags 0x%x", uint64(flags)))
	}
	evs, code := waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	if !ok(code) {
		return status(code)
	}
	// Host and device share memory: there is nothing to move.
	return submit(q, device.Command{Type: icd.CL_COMMAND_MIGRATE_MEM_OBJECTS, WaitList: evs, Cheap: true, Holds: holds}, event)
}
