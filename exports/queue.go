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

const hostQueueProps = device.HostQueueProperties

// checkQueueProps validates a cl_command_queue_properties bit-field. The
// table of clCreateCommandQueue (legacy) has no device-queue bits, so there
// they are unknown bits like any other (CL_INVALID_VALUE).
func checkQueueProps(props uint64, legacy bool) int32 {
	known := uint64(hostQueueProps | icd.CL_QUEUE_ON_DEVICE | icd.CL_QUEUE_ON_DEVICE_DEFAULT)
	if legacy {
		known = hostQueueProps
	}
	switch {
	case props&^known != 0:
		return icd.Fail(icd.CL_INVALID_VALUE, "unknown bits 0x%x in the queue properties", props&^known)
	case props&icd.CL_QUEUE_ON_DEVICE_DEFAULT != 0 && props&icd.CL_QUEUE_ON_DEVICE == 0:
		return icd.Fail(icd.CL_INVALID_VALUE, "CL_QUEUE_ON_DEVICE_DEFAULT without CL_QUEUE_ON_DEVICE")
	case props&icd.CL_QUEUE_ON_DEVICE != 0 && props&icd.CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE == 0:
		return icd.Fail(icd.CL_INVALID_VALUE, "CL_QUEUE_ON_DEVICE without CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE")
	case props&icd.CL_QUEUE_ON_DEVICE != 0:
		return icd.Fail(icd.CL_INVALID_QUEUE_PROPERTIES, "the device has no device-side queues (CL_DEVICE_DEVICE_ENQUEUE_CAPABILITIES is 0)")
	}
	return icd.CL_SUCCESS
}

// newQueue validates what both queue constructors share, in the order of
// the specification's error list (context, device, then the properties,
// which readProps returns), and makes the queue.
func newQueue(context C.cl_context, dev C.cl_device_id, readProps func() (uint64, []int64, int32), legacy bool, errcode_ret *C.cl_int) C.cl_command_queue {
	ctx, code := contextOf(context)
	if !ok(code) {
		setErr(errcode_ret, status(code))
		return nil
	}
	d, code := deviceOf(dev)
	if ok(code) && !ctx.HasDevice(d) {
		code = icd.Fail(icd.CL_INVALID_DEVICE, "the device is not in the context")
	}
	var props uint64
	var list []int64
	if ok(code) {
		props, list, code = readProps()
	}
	if ok(code) {
		code = checkQueueProps(props, legacy)
	}
	if !ok(code) {
		setErr(errcode_ret, status(code))
		return nil
	}
	q := device.NewQueue(ctx, d, props, list)
	setErr(errcode_ret, C.CL_SUCCESS)
	return C.cl_command_queue(q.Handle())
}

//export gocl_clCreateCommandQueue
func gocl_clCreateCommandQueue(context C.cl_context, device C.cl_device_id, properties C.cl_command_queue_properties, errcode_ret *C.cl_int) (ret C.cl_command_queue) {
	defer guardErr("clCreateCommandQueue", errcode_ret)
	read := func() (uint64, []int64, int32) { return uint64(properties), nil, icd.CL_SUCCESS }
	return newQueue(context, device, read, true, errcode_ret)
}

// queuePropList reads a cl_queue_properties list: the CL_QUEUE_PROPERTIES
// bits, the list as given (terminator included), and CL_INVALID_VALUE for
// an unknown or repeated name. It stops at the first error.
func queuePropList(properties *C.cl_queue_properties) (uint64, []int64, int32) {
	var props uint64
	var list []int64
	if properties == nil {
		return 0, nil, icd.CL_SUCCESS
	}
	seen := map[int64]bool{}
	for p := unsafe.Pointer(properties); ; p = unsafe.Add(p, 16) {
		name := *(*int64)(p)
		list = append(list, name)
		if name == 0 {
			break
		}
		value := *(*int64)(unsafe.Add(p, 8))
		list = append(list, value)
		switch {
		case seen[name]:
			return 0, nil, icd.Fail(icd.CL_INVALID_VALUE, "queue property 0x%x is given twice", name)
		case name == icd.CL_QUEUE_PROPERTIES:
			props = uint64(value)
		case name == icd.CL_QUEUE_SIZE:
			// Only meaningful for device queues, checked below.
		default:
			return 0, nil, icd.Fail(icd.CL_INVALID_VALUE, "unknown queue property 0x%x", name)
		}
		seen[name] = true
	}
	if seen[icd.CL_QUEUE_SIZE] && props&icd.CL_QUEUE_ON_DEVICE == 0 {
		return 0, nil, icd.Fail(icd.CL_INVALID_VALUE, "CL_QUEUE_SIZE for a host queue")
	}
	return props, list, icd.CL_SUCCESS
}

//export gocl_clCreateCommandQueueWithProperties
func gocl_clCreateCommandQueueWithProperties(context C.cl_context, device C.cl_device_id, properties *C.cl_queue_properties, errcode_ret *C.cl_int) (ret C.cl_command_queue) {
	defer guardErr("clCreateCommandQueueWithProperties", errcode_ret)
	read := func() (uint64, []int64, int32) { return queuePropList(properties) }
	return newQueue(context, device, read, false, errcode_ret)
}

//export gocl_clRetainCommandQueue
func gocl_clRetainCommandQueue(command_queue C.cl_command_queue) (ret C.cl_int) {
	defer guard("clRetainCommandQueue", &ret)
	q, code := queueOf(command_queue)
	if ok(code) {
		q.Retain()
	}
	return status(code)
}

//export gocl_clReleaseCommandQueue
func gocl_clReleaseCommandQueue(command_queue C.cl_command_queue) (ret C.cl_int) {
	defer guard("clReleaseCommandQueue", &ret)
	q, code := queueOf(command_queue)
	if ok(code) {
		// Commands are submitted when enqueued, so the implicit flush is done;
		// the queue lives on until its last command ends.
		q.Release()
	}
	return status(code)
}

//export gocl_clGetCommandQueueInfo
func gocl_clGetCommandQueueInfo(command_queue C.cl_command_queue, param_name C.cl_command_queue_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetCommandQueueInfo", &ret)
	q, code := queueOf(command_queue)
	var v []byte
	if ok(code) {
		switch param_name {
		case C.CL_QUEUE_CONTEXT:
			v = icd.Val(uintptr(q.Ctx.Handle()))
		case C.CL_QUEUE_DEVICE:
			v = icd.Val(uintptr(q.Dev.Handle()))
		case C.CL_QUEUE_REFERENCE_COUNT:
			v = icd.Val(q.RefCount())
		case C.CL_QUEUE_PROPERTIES:
			v = icd.Val(q.Props)
		case C.CL_QUEUE_PROPERTIES_ARRAY:
			v = icd.Slice(q.PropList)
		case C.CL_QUEUE_SIZE:
			code = icd.Fail(icd.CL_INVALID_COMMAND_QUEUE, "CL_QUEUE_SIZE of a host queue")
		case C.CL_QUEUE_DEVICE_DEFAULT:
			v = icd.Val(uintptr(0))
		default:
			code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_command_queue_info 0x%x", uint32(param_name))
		}
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

//export gocl_clSetCommandQueueProperty
func gocl_clSetCommandQueueProperty(command_queue C.cl_command_queue, properties C.cl_command_queue_properties, enable C.cl_bool, old_properties *C.cl_command_queue_properties) (ret C.cl_int) {
	defer guard("clSetCommandQueueProperty", &ret)
	if _, code := queueOf(command_queue); !ok(code) {
		return status(code)
	}
	// Removed in OpenCL 1.1: queue properties are fixed at creation.
	return status(icd.Fail(icd.CL_INVALID_OPERATION, "clSetCommandQueueProperty is not supported since OpenCL 1.1"))
}

//export gocl_clFlush
func gocl_clFlush(command_queue C.cl_command_queue) (ret C.cl_int) {
	defer guard("clFlush", &ret)
	_, code := queueOf(command_queue)
	// Nothing to do: commands are submitted as they are enqueued.
	return status(code)
}

//export gocl_clFinish
func gocl_clFinish(command_queue C.cl_command_queue) (ret C.cl_int) {
	defer guard("clFinish", &ret)
	q, code := queueOf(command_queue)
	if ok(code) {
		q.Finish()
	}
	return status(code)
}

//export gocl_clSetDefaultDeviceCommandQueue
func gocl_clSetDefaultDeviceCommandQueue(context C.cl_context, device C.cl_device_id, command_queue C.cl_command_queue) (ret C.cl_int) {
	defer guard("clSetDefaultDeviceCommandQueue", &ret)
	ctx, code := contextOf(context)
	if !ok(code) {
		return status(code)
	}
	d, code := deviceOf(device)
	if ok(code) && !ctx.HasDevice(d) {
		code = icd.Fail(icd.CL_INVALID_DEVICE, "the device is not in the context")
	}
	if !ok(code) {
		return status(code)
	}
	return status(icd.Fail(icd.CL_INVALID_OPERATION, "the device has no device-side queues"))
}
