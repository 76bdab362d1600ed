package main

// OpenGL sharing (cl_khr_gl_sharing, cl_khr_gl_event). gocl does not claim
// these extensions: no context is ever created from a GL context, so no
// memory object is ever a GL object. Each entry point validates its handles
// and then returns the specification's error for that situation:
//
//   - clCreateFromGL*: CL_INVALID_CONTEXT ("not a valid context or was not
//     created from a GL context"), before any other argument is looked at;
//   - clGetGLObjectInfo, clGetGLTextureInfo: CL_INVALID_MEM_OBJECT for a bad
//     handle, else CL_INVALID_GL_OBJECT ("no GL object associated");
//   - clEnqueueAcquire/ReleaseGLObjects: the list's order (CL_INVALID_VALUE,
//     CL_INVALID_MEM_OBJECT, CL_INVALID_COMMAND_QUEUE), then
//     CL_INVALID_CONTEXT (the queue's context was not created from GL);
//   - clGetGLContextInfoKHR: CL_INVALID_VALUE for an unknown attribute or
//     param_name, CL_INVALID_PLATFORM for a bad CL_CONTEXT_PLATFORM, else
//     CL_INVALID_OPERATION: whatever GL context the list names, its
//     window-system binding is not one this implementation supports;
//   - clCreateEventFromGLsyncKHR: CL_INVALID_CONTEXT.

/*
#include "gocl.h"
*/
import "C"

import (
	"unsafe"

	"gocl/device"
	"gocl/icd"
)

// notGLContext validates a context handle: CL_INVALID_CONTEXT either way.
func notGLContext(context C.cl_context) int32 {
	if _, code := contextOf(context); !ok(code) {
		return code
	}
	return icd.Fail(icd.CL_INVALID_CONTEXT, "the context was not created from a GL context (gocl has no GL sharing)")
}

// notGLObject validates a memory object handle: CL_INVALID_MEM_OBJECT, or
// CL_INVALID_GL_OBJECT since no memory object comes from GL.
func notGLObject(memobj C.cl_mem) int32 {
	if _, code := memOf(memobj); !ok(code) {
		return code
	}
	return icd.Fail(icd.CL_INVALID_GL_OBJECT, "the memory object was not created from a GL object")
}

//export gocl_clCreateFromGLBuffer
func gocl_clCreateFromGLBuffer(context C.cl_context, flags C.cl_mem_flags, bufobj C.cl_GLuint, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateFromGLBuffer", errcode_ret)
	setErr(errcode_ret, status(notGLContext(context)))
	return nil
}

//export gocl_clCreateFromGLTexture
func gocl_clCreateFromGLTexture(context C.cl_context, flags C.cl_mem_flags, target C.cl_GLenum, miplevel C.cl_GLint, texture C.cl_GLuint, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateFromGLTexture", errcode_ret)
	setErr(errcode_ret, status(notGLContext(context)))
	return nil
}

//export gocl_clCreateFromGLTexture2D
func gocl_clCreateFromGLTexture2D(context C.cl_context, flags C.cl_mem_flags, target C.cl_GLenum, miplevel C.cl_GLint, texture C.cl_GLuint, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateFromGLTexture2D", errcode_ret)
	setErr(errcode_ret, status(notGLContext(context)))
	return nil
}

//export gocl_clCreateFromGLTexture3D
func gocl_clCreateFromGLTexture3D(context C.cl_context, flags C.cl_mem_flags, target C.cl_GLenum, miplevel C.cl_GLint, texture C.cl_GLuint, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateFromGLTexture3D", errcode_ret)
	setErr(errcode_ret, status(notGLContext(context)))
	return nil
}

//export gocl_clCreateFromGLRenderbuffer
func gocl_clCreateFromGLRenderbuffer(context C.cl_context, flags C.cl_mem_flags, renderbuffer C.cl_GLuint, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateFromGLRenderbuffer", errcode_ret)
	setErr(errcode_ret, status(notGLContext(context)))
	return nil
}

//export gocl_clGetGLObjectInfo
func gocl_clGetGLObjectInfo(memobj C.cl_mem, gl_object_type *C.cl_gl_object_type, gl_object_name *C.cl_GLuint) (ret C.cl_int) {
	defer guard("clGetGLObjectInfo", &ret)
	return status(notGLObject(memobj))
}

//export gocl_clGetGLTextureInfo
func gocl_clGetGLTextureInfo(memobj C.cl_mem, param_name C.cl_gl_texture_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetGLTextureInfo", &ret)
	return status(notGLObject(memobj))
}

// glObjects is clEnqueueAcquireGLObjects and clEnqueueReleaseGLObjects.
func glObjects(command_queue C.cl_command_queue, num_objects C.cl_uint, mem_objects *C.cl_mem) int32 {
	if (num_objects == 0) != (mem_objects == nil) {
		return icd.Fail(icd.CL_INVALID_VALUE, "num_objects (%d) and mem_objects disagree", num_objects)
	}
	if num_objects > 0 {
		for i, h := range unsafe.Slice(mem_objects, num_objects) {
			if _, code := memOf(h); !ok(code) {
				return icd.Fail(code, "mem_objects[%d] is not a valid memory object", i)
			}
		}
	}
	if _, code := queueOf(command_queue); !ok(code) {
		return code
	}
	return icd.Fail(icd.CL_INVALID_CONTEXT, "the queue's context was not created from a GL context (gocl has no GL sharing)")
}

//export gocl_clEnqueueAcquireGLObjects
func gocl_clEnqueueAcquireGLObjects(command_queue C.cl_command_queue, num_objects C.cl_uint, mem_objects *C.cl_mem, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueAcquireGLObjects", &ret)
	return status(glObjects(command_queue, num_objects, mem_objects))
}

//export gocl_clEnqueueReleaseGLObjects
func gocl_clEnqueueReleaseGLObjects(command_queue C.cl_command_queue, num_objects C.cl_uint, mem_objects *C.cl_mem, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueReleaseGLObjects", &ret)
	return status(glObjects(command_queue, num_objects, mem_objects))
}

//export gocl_clGetGLContextInfoKHR
func gocl_clGetGLContextInfoKHR(properties *C.cl_context_properties, param_name C.cl_gl_context_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetGLContextInfoKHR", &ret)
	if properties != nil {
		for p := unsafe.Pointer(properties); ; p = unsafe.Add(p, 16) {
			name := *(*C.cl_context_properties)(p)
			if name == 0 {
				break
			}
			switch name {
			case C.CL_CONTEXT_PLATFORM:
				if _, code := get[*device.Platform](*(*unsafe.Pointer)(unsafe.Add(p, 8)), icd.KindPlatform, icd.CL_INVALID_PLATFORM); !ok(code) {
					return status(code)
				}
			case C.CL_CONTEXT_INTEROP_USER_SYNC, C.CL_GL_CONTEXT_KHR, C.CL_EGL_DISPLAY_KHR,
				C.CL_GLX_DISPLAY_KHR, C.CL_WGL_HDC_KHR, C.CL_CGL_SHAREGROUP_KHR:
			default:
				return status(icd.Fail(icd.CL_INVALID_VALUE, "unknown context property 0x%x", int64(name)))
			}
		}
	}
	switch param_name {
	case C.CL_CURRENT_DEVICE_FOR_GL_CONTEXT_KHR, C.CL_DEVICES_FOR_GL_CONTEXT_KHR:
	default:
		return status(icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_gl_context_info 0x%x", uint32(param_name)))
	}
	return status(icd.Fail(icd.CL_INVALID_OPERATION, "gocl supports no OpenGL window-system binding (cl_khr_gl_sharing is not supported)"))
}

//export gocl_clCreateEventFromGLsyncKHR
func gocl_clCreateEventFromGLsyncKHR(context C.cl_context, sync C.cl_GLsync, errcode_ret *C.cl_int) (ret C.cl_event) {
	defer guardErr("clCreateEventFromGLsyncKHR", errcode_ret)
	setErr(errcode_ret, status(notGLContext(context)))
	return nil
}
