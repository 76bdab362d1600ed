// Package main is libgocl.so: every OpenCL entry point as a C symbol. Each
// one decodes its arguments, validates handles and lists, calls into icd,
// device and mem, and encodes the result. No Go panic leaves this package.
package main

/*
#cgo CFLAGS: -O2 -Wno-deprecated-declarations
#include "gocl.h"
*/
import "C"

import (
	"fmt"
	"os"
	"runtime/debug"
	"unsafe"

	"gocl/device"
	"gocl/icd"
	"gocl/mem"
)

func main() {}

func init() {
	icd.SetDispatch(unsafe.Pointer(C.gocl_dispatch_table()))
}

// guard is deferred by every entry point: a panic becomes
// CL_OUT_OF_HOST_MEMORY (stored in *ret) and a report on stderr, never a
// crash of the application.
func guard(name string, ret *C.cl_int) {
	if r := recover(); r != nil {
		fmt.Fprintf(os.Stderr, "gocl: internal error in %s: %v\n%s", name, r, debug.Stack())
		if ret != nil {
			*ret = C.CL_OUT_OF_HOST_MEMORY
		}
	}
}

// guardErr is guard for entry points that report through errcode_ret.
func guardErr(name string, errcodeRet *C.cl_int) {
	if r := recover(); r != nil {
		fmt.Fprintf(os.Stderr, "gocl: internal error in %s: %v\n%s", name, r, debug.Stack())
		setErr(errcodeRet, icd.CL_OUT_OF_HOST_MEMORY)
	}
}

func setErr(errcodeRet *C.cl_int, code C.cl_int) {
	if errcodeRet != nil {
		*errcodeRet = code
	}
}

func unimplemented(name string) C.cl_int {
	return C.cl_int(icd.Fail(icd.CL_INVALID_OPERATION, "%s is not implemented", name))
}

func ok(code int32) bool { return code == icd.CL_SUCCESS }

// get validates handle h as a kind k object; code is the specification's
// error for an invalid one.
func get[T icd.Object](h unsafe.Pointer, k icd.Kind, code int32) (T, int32) {
	obj, found := icd.Get[T](h, k)
	if found {
		return obj, icd.CL_SUCCESS
	}
	switch other := icd.KindOf(h); {
	case h == nil:
		return obj, icd.Fail(code, "the %s is NULL", k)
	case other != 0:
		return obj, icd.Fail(code, "%p is a %s, not a %s", h, other, k)
	default:
		return obj, icd.Fail(code, "%p is not a live %s (released, or never one)", h, k)
	}
}

func platformOf(h C.cl_platform_id) (*device.Platform, int32) {
	if h == nil {
		p, _ := device.Root()
		return p, icd.CL_SUCCESS
	}
	device.Root()
	return get[*device.Platform](unsafe.Pointer(h), icd.KindPlatform, icd.CL_INVALID_PLATFORM)
}

func deviceOf(h C.cl_device_id) (*device.Device, int32) {
	device.Root()
	return get[*device.Device](unsafe.Pointer(h), icd.KindDevice, icd.CL_INVALID_DEVICE)
}

func contextOf(h C.cl_context) (*device.Context, int32) {
	return get[*device.Context](unsafe.Pointer(h), icd.KindContext, icd.CL_INVALID_CONTEXT)
}

func queueOf(h C.cl_command_queue) (*device.Queue, int32) {
	return get[*device.Queue](unsafe.Pointer(h), icd.KindQueue, icd.CL_INVALID_COMMAND_QUEUE)
}

func memOf(h C.cl_mem) (*mem.Mem, int32) {
	return get[*mem.Mem](unsafe.Pointer(h), icd.KindMem, icd.CL_INVALID_MEM_OBJECT)
}

func eventOf(h C.cl_event) (*device.Event, int32) {
	return get[*device.Event](unsafe.Pointer(h), icd.KindEvent, icd.CL_INVALID_EVENT)
}

// waitList validates an event wait list for a command of ctx.
func waitList(ctx *device.Context, n C.cl_uint, list *C.cl_event) ([]*device.Event, int32) {
	if (list == nil) != (n == 0) {
		return nil, icd.Fail(icd.CL_INVALID_EVENT_WAIT_LIST, "event_wait_list and num_events_in_wait_list (%d) disagree", n)
	}
	if n == 0 {
		return nil, icd.CL_SUCCESS
	}
	hs := unsafe.Slice(list, n)
	evs := make([]*device.Event, n)
	for i, h := range hs {
		e, code := eventOf(h)
		if !ok(code) {
			return nil, icd.Fail(icd.CL_INVALID_EVENT_WAIT_LIST, "event_wait_list[%d] is not a valid event", i)
		}
		if ctx != nil && e.Ctx != ctx {
			return nil, icd.Fail(icd.CL_INVALID_CONTEXT, "event_wait_list[%d] belongs to another context", i)
		}
		evs[i] = e
	}
	return evs, icd.CL_SUCCESS
}

// waitListContext is the CL_INVALID_CONTEXT check of a wait list on its own:
// the specification lists it before the argument checks (CL_INVALID_VALUE),
// while the validity of the list (CL_INVALID_EVENT_WAIT_LIST, waitList) comes
// after them. Entries that are not events are left to waitList.
func waitListContext(ctx *device.Context, n C.cl_uint, list *C.cl_event) int32 {
	if list == nil || n == 0 {
		return icd.CL_SUCCESS
	}
	for i, h := range unsafe.Slice(list, n) {
		if e, found := icd.Get[*device.Event](unsafe.Pointer(h), icd.KindEvent); found && e.Ctx != ctx {
			return icd.Fail(icd.CL_INVALID_CONTEXT, "event_wait_list[%d] belongs to another context than the command-queue", i)
		}
	}
	return icd.CL_SUCCESS
}

// submit enqueues cmd on q, hands out its event if asked, and waits for it
// if blocking: a command that ends in error returns that error
// (CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST when a wait-list event failed).
func submit(q *device.Queue, cmd device.Command, event *C.cl_event) C.cl_int {
	cmd.NoEvent = event == nil
	e, s := q.Enqueue(cmd)
	return submitted(e, s, cmd.Blocking, event)
}

// submitted is the end of submit: the event e (nil for a command that ran
// at once, with status s) handed out if asked, and waited for if blocking.
func submitted(e *device.Event, s int32, blocking bool, event *C.cl_event) C.cl_int {
	if e == nil {
		if s < 0 {
			return C.cl_int(icd.Fail(s, "the command failed"))
		}
		return C.CL_SUCCESS
	}
	if event != nil {
		e.Publish()
		*event = C.cl_event(e.Handle())
	}
	if blocking {
		if s := e.Wait(); s < 0 {
			return C.cl_int(icd.Fail(s, "the command failed"))
		}
	}
	return C.CL_SUCCESS
}

// answer finishes a clGet*Info call: the answer bytes, or the error code of
// looking it up.
func answer(value []byte, code int32, size C.size_t, dst unsafe.Pointer, sizeRet *C.size_t) C.cl_int {
	if !ok(code) {
		return C.cl_int(code)
	}
	return C.cl_int(icd.Answer(value, uintptr(size), dst, unsafe.Pointer(sizeRet)))
}

// status converts an icd code for return.
func status(code int32) C.cl_int { return C.cl_int(code) }

func isTrue(b C.cl_bool) bool { return b != C.CL_FALSE }

// sizes reads an array of three size_t (origins, regions).
func sizes3(p *C.size_t) [3]uintptr {
	s := unsafe.Slice(p, 3)
	return [3]uintptr{uintptr(s[0]), uintptr(s[1]), uintptr(s[2])}
}
