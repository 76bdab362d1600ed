package main

// Shared virtual memory. On a CPU, SVM is host memory: clSVMAlloc is a host
// allocation recorded in mem's SVM registry, clEnqueueSVMMap and
// clEnqueueSVMUnmap are synchronization commands (wait lists, events,
// blocking) without any copy, and migration is a no-op command. The device
// offers fine-grain *system* SVM, so memcpy, fill, map and unmap take any host
// pointer, not only clSVMAlloc ones.

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

// hostQueueOf validates a host command-queue (CL_INVALID_COMMAND_QUEUE for
// anything else, a device queue included).
func hostQueueOf(h C.cl_command_queue) (*device.Queue, int32) {
	q, code := queueOf(h)
	if ok(code) && q.Props&icd.CL_QUEUE_ON_DEVICE != 0 {
		return nil, icd.Fail(icd.CL_INVALID_COMMAND_QUEUE, "%p is a device command-queue, not a host one", unsafe.Pointer(h))
	}
	return q, code
}

//export gocl_clSVMAlloc
func gocl_clSVMAlloc(context C.cl_context, flags C.cl_svm_mem_flags, size C.size_t, alignment C.cl_uint) (ret unsafe.Pointer) {
	defer guard("clSVMAlloc", nil)
	ctx, code := contextOf(context)
	if !ok(code) {
		icd.Tracef("clSVMAlloc returns NULL: the context is not valid")
		return nil
	}
	if code := mem.CheckSVMAlloc(ctx, uint64(flags), uintptr(size), uint32(alignment)); !ok(code) {
		icd.Tracef("clSVMAlloc returns NULL (flags 0x%x, size %d, alignment %d)", uint64(flags), uint64(size), uint32(alignment))
		return nil
	}
	p, code := mem.SVMAllocate(ctx, uint64(flags), uintptr(size))
	if !ok(code) {
		return nil
	}
	return p
}

//export gocl_clSVMFree
func gocl_clSVMFree(context C.cl_context, svm_pointer unsafe.Pointer) {
	defer guard("clSVMFree", nil)
	if svm_pointer == nil {
		return
	}
	ctx, code := contextOf(context)
	if !ok(code) {
		// mem.SVMFree explains what it does with a pointer whose context
		// handle the application released already.
		ctx = nil
	}
	mem.SVMFree(ctx, svm_pointer)
}

//export gocl_clEnqueueSVMFree
func gocl_clEnqueueSVMFree(command_queue C.cl_command_queue, num_svm_pointers C.cl_uint, svm_pointers *unsafe.Pointer, pfn_free_func unsafe.Pointer, user_data unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueSVMFree", &ret)
	// user_data (and the pointers) are held as integers from here on: they
	// may be anything, a small integer cast to a pointer included.
	fn, userData := uintptr(pfn_free_func), uintptr(user_data)
	q, code := hostQueueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	code = waitListContext(q.Ctx, num_events_in_wait_list, event_wait_list)
	n := int(num_svm_pointers)
	if ok(code) {
		switch {
		case n == 0 && svm_pointers != nil:
			code = icd.Fail(icd.CL_INVALID_VALUE, "num_svm_pointers is 0 but svm_pointers is not NULL")
		case n != 0 && svm_pointers == nil:
			code = icd.Fail(icd.CL_INVALID_VALUE, "svm_pointers is NULL but num_svm_pointers is %d", n)
		}
	}
	// The list is copied: the application may reuse its memory at once.
	var ptrs []uintptr
	if ok(code) && n > 0 {
		ptrs = append(ptrs, unsafe.Slice((*uintptr)(unsafe.Pointer(svm_pointers)), n)...)
		for i, p := range ptrs {
			if p == 0 {
				code = icd.Fail(icd.CL_INVALID_VALUE, "svm_pointers[%d] is NULL", i)
				break
			}
		}
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if !ok(code) {
		return status(code)
	}
	ctx, qh := q.Ctx, q.Handle()
	run := func() int32 {
		if fn == 0 {
			for _, p := range ptrs {
				if !mem.SVMFreeAddr(ctx, p) {
					icd.Tracef("clEnqueueSVMFree without pfn_free_func: 0x%x was not freed (not a clSVMAlloc allocation of this context)", p)
				}
			}
			return icd.CL_COMPLETE
		}
		callSVMFree(fn, qh, ptrs, userData)
		return icd.CL_COMPLETE
	}
	return submit(q, device.Command{Type: icd.CL_COMMAND_SVM_FREE, WaitList: evs, Run: run}, event)
}

//export gocl_clEnqueueSVMMemcpy
func gocl_clEnqueueSVMMemcpy(command_queue C.cl_command_queue, blocking_copy C.cl_bool, dst_ptr unsafe.Pointer, src_ptr unsafe.Pointer, size C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueSVMMemcpy", &ret)
	q, code := hostQueueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	code = waitListContext(q.Ctx, num_events_in_wait_list, event_wait_list)
	n := uintptr(size)
	if ok(code) {
		d, s := uintptr(dst_ptr), uintptr(src_ptr)
		switch {
		case dst_ptr == nil || src_ptr == nil:
			code = icd.Fail(icd.CL_INVALID_VALUE, "dst_ptr (%p) or src_ptr (%p) is NULL", dst_ptr, src_ptr)
		case n > 0 && d < s+n && s < d+n:
			code = icd.Fail(icd.CL_MEM_COPY_OVERLAP, "the %d bytes at %p and at %p overlap", n, dst_ptr, src_ptr)
		}
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if !ok(code) {
		return status(code)
	}
	run := func() int32 { mem.Copy(dst_ptr, src_ptr, n); return icd.CL_COMPLETE }
	return submit(q, device.Command{Type: icd.CL_COMMAND_SVM_MEMCPY, WaitList: evs, Run: run,
		Blocking: isTrue(blocking_copy), Cheap: n <= cheapCopy, Bytes: uint64(n)}, event)
}

//export gocl_clEnqueueSVMMemFill
func gocl_clEnqueueSVMMemFill(command_queue C.cl_command_queue, svm_ptr unsafe.Pointer, pattern unsafe.Pointer, pattern_size C.size_t, size C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueSVMMemFill", &ret)
	q, code := hostQueueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	code = waitListContext(q.Ctx, num_events_in_wait_list, event_wait_list)
	ps, n := uintptr(pattern_size), uintptr(size)
	if ok(code) {
		validSize := ps != 0 && ps <= 128 && ps&(ps-1) == 0
		switch {
		case svm_ptr == nil:
			code = icd.Fail(icd.CL_INVALID_VALUE, "svm_ptr is NULL")
		case validSize && uintptr(svm_ptr)%ps != 0:
			code = icd.Fail(icd.CL_INVALID_VALUE, "svm_ptr %p is not aligned to pattern_size (%d bytes)", svm_ptr, ps)
		case pattern == nil:
			code = icd.Fail(icd.CL_INVALID_VALUE, "pattern is NULL")
		case !validSize:
			code = icd.Fail(icd.CL_INVALID_VALUE, "pattern_size %d is not 1, 2, 4, 8, 16, 32, 64 or 128", ps)
		case n%ps != 0:
			code = icd.Fail(icd.CL_INVALID_VALUE, "size %d is not a multiple of pattern_size %d", n, ps)
		}
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if !ok(code) {
		return status(code)
	}
	pat := C.GoBytes(pattern, C.int(ps)) // the application may reuse pattern at once
	run := func() int32 { mem.Fill(svm_ptr, pat, n); return icd.CL_COMPLETE }
	return submit(q, device.Command{Type: icd.CL_COMMAND_SVM_MEMFILL, WaitList: evs, Run: run,
		Cheap: n <= cheapCopy, Bytes: uint64(n)}, event)
}

//export gocl_clEnqueueSVMMap
func gocl_clEnqueueSVMMap(command_queue C.cl_command_queue, blocking_map C.cl_bool, flags C.cl_map_flags, svm_ptr unsafe.Pointer, size C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueSVMMap", &ret)
	q, code := hostQueueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	code = waitListContext(q.Ctx, num_events_in_wait_list, event_wait_list)
	if ok(code) {
		switch {
		case svm_ptr == nil:
			code = icd.Fail(icd.CL_INVALID_VALUE, "svm_ptr is NULL")
		case size == 0:
			code = icd.Fail(icd.CL_INVALID_VALUE, "size is 0")
		default:
			code = mem.CheckSVMMapFlags(uint64(flags))
		}
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if !ok(code) {
		return status(code)
	}
	// The region is host memory already: the command only synchronizes.
	return submit(q, device.Command{Type: icd.CL_COMMAND_SVM_MAP, WaitList: evs,
		Blocking: isTrue(blocking_map), Cheap: true}, event)
}

//export gocl_clEnqueueSVMUnmap
func gocl_clEnqueueSVMUnmap(command_queue C.cl_command_queue, svm_ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueSVMUnmap", &ret)
	q, code := hostQueueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	code = waitListContext(q.Ctx, num_events_in_wait_list, event_wait_list)
	if ok(code) && svm_ptr == nil {
		code = icd.Fail(icd.CL_INVALID_VALUE, "svm_ptr is NULL")
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if !ok(code) {
		return status(code)
	}
	return submit(q, device.Command{Type: icd.CL_COMMAND_SVM_UNMAP, WaitList: evs, Cheap: true}, event)
}

// Migration flags clEnqueueSVMMigrateMem accepts.
const svmMigrateFlags = icd.CL_MIGRATE_MEM_OBJECT_HOST | icd.CL_MIGRATE_MEM_OBJECT_CONTENT_UNDEFINED

//export gocl_clEnqueueSVMMigrateMem
func gocl_clEnqueueSVMMigrateMem(command_queue C.cl_command_queue, num_svm_pointers C.cl_uint, svm_pointers *unsafe.Pointer, sizes *C.size_t, flags C.cl_mem_migration_flags, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueSVMMigrateMem", &ret)
	q, code := hostQueueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	code = waitListContext(q.Ctx, num_events_in_wait_list, event_wait_list)
	n := int(num_svm_pointers)
	if ok(code) && (n == 0 || svm_pointers == nil) {
		code = icd.Fail(icd.CL_INVALID_VALUE, "num_svm_pointers is 0 or svm_pointers is NULL")
	}
	if ok(code) {
		// Each pointer must lie in a clSVMAlloc allocation, and a non-zero
		// size keep the range inside it; a zero size (or NULL sizes) means
		// the whole allocation.
		ptrs := unsafe.Slice((*uintptr)(unsafe.Pointer(svm_pointers)), n)
		for i, p := range ptrs {
			var sz uintptr
			if sizes != nil {
				sz = uintptr(unsafe.Slice(sizes, n)[i])
			}
			a, found := mem.SVMLookupAddr(p)
			switch {
			case p == 0:
				code = icd.Fail(icd.CL_INVALID_VALUE, "svm_pointers[%d] is NULL", i)
			case !found:
				code = icd.Fail(icd.CL_INVALID_VALUE, "svm_pointers[%d] (0x%x) is not within a clSVMAlloc allocation", i, p)
			case sz != 0 && !a.ContainsAddr(p, sz):
				code = icd.Fail(icd.CL_INVALID_VALUE, "the %d bytes at svm_pointers[%d] (0x%x) are not within one clSVMAlloc allocation", sz, i, p)
			}
			if !ok(code) {
				break
			}
		}
	}
	if ok(code) && uint64(flags)&^svmMigrateFlags != 0 {
		code = icd.Fail(icd.CL_INVALID_VALUE, "unknown bits 0x%x in flags", uint64(flags)&^svmMigrateFlags)
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if !ok(code) {
		return status(code)
	}
	// Device memory is host memory: there is nothing to move.
	return submit(q, device.Command{Type: icd.CL_COMMAND_SVM_MIGRATE_MEM, WaitList: evs, Cheap: true}, event)
}
