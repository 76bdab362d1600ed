package main

/*
#include "gocl.h"
*/
import "C"

import "unsafe"

var _ unsafe.Pointer

//export gocl_clCreateFromGLBuffer
func gocl_clCreateFromGLBuffer(context C.cl_context, flags C.cl_mem_flags, bufobj C.cl_GLuint, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateFromGLBuffer", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateFromGLBuffer"))
	return nil
}

//export gocl_clCreateFromGLTexture2D
func gocl_clCreateFromGLTexture2D(context C.cl_context, flags C.cl_mem_flags, target C.cl_GLenum, miplevel C.cl_GLint, texture C.cl_GLuint, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateFromGLTexture2D", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateFromGLTexture2D"))
	return nil
}

//export gocl_clCreateFromGLTexture3D
func gocl_clCreateFromGLTexture3D(context C.cl_context, flags C.cl_mem_flags, target C.cl_GLenum, miplevel C.cl_GLint, texture C.cl_GLuint, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateFromGLTexture3D", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateFromGLTexture3D"))
	return nil
}

//export gocl_clCreateFromGLRenderbuffer
func gocl_clCreateFromGLRenderbuffer(context C.cl_context, flags C.cl_mem_flags, renderbuffer C.cl_GLuint, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateFromGLRenderbuffer", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateFromGLRenderbuffer"))
	return nil
}

//export gocl_clGetGLObjectInfo
func gocl_clGetGLObjectInfo(memobj C.cl_mem, gl_object_type *C.cl_gl_object_type, gl_object_name *C.cl_GLuint) (ret C.cl_int) {
	defer guard("clGetGLObjectInfo", &ret)
	return unimplemented("clGetGLObjectInfo")
}

//export gocl_clGetGLTextureInfo
func gocl_clGetGLTextureInfo(memobj C.cl_mem, param_name C.cl_gl_texture_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetGLTextureInfo", &ret)
	return unimplemented("clGetGLTextureInfo")
}

//export gocl_clEnqueueAcquireGLObjects
func gocl_clEnqueueAcquireGLObjects(command_queue C.cl_command_queue, num_objects C.cl_uint, mem_objects *C.cl_mem, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueAcquireGLObjects", &ret)
	return unimplemented("clEnqueueAcquireGLObjects")
}

//export gocl_clEnqueueReleaseGLObjects
func gocl_clEnqueueReleaseGLObjects(command_queue C.cl_command_queue, num_objects C.cl_uint, mem_objects *C.cl_mem, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueReleaseGLObjects", &ret)
	return unimplemented("clEnqueueReleaseGLObjects")
}

//export gocl_clGetGLContextInfoKHR
func gocl_clGetGLContextInfoKHR(properties *C.cl_context_properties, param_name C.cl_gl_context_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetGLContextInfoKHR", &ret)
	return unimplemented("clGetGLContextInfoKHR")
}

//export gocl_clCreateEventFromGLsyncKHR
func gocl_clCreateEventFromGLsyncKHR(context C.cl_context, sync C.cl_GLsync, errcode_ret *C.cl_int) (ret C.cl_event) {
	defer guardErr("clCreateEventFromGLsyncKHR", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateEventFromGLsyncKHR"))
	return nil
}

//export gocl_clCreateFromGLTexture
func gocl_clCreateFromGLTexture(context C.cl_context, flags C.cl_mem_flags, target C.cl_GLenum, miplevel C.cl_GLint, texture C.cl_GLuint, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateFromGLTexture", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateFromGLTexture"))
	return nil
}
