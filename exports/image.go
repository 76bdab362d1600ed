package main

/*
#include "gocl.h"
*/
import "C"

import "unsafe"

var _ unsafe.Pointer

//export gocl_clCreateImage2D
func gocl_clCreateImage2D(context C.cl_context, flags C.cl_mem_flags, image_format *C.cl_image_format, image_width C.size_t, image_height C.size_t, image_row_pitch C.size_t, host_ptr unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateImage2D", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateImage2D"))
	return nil
}

//export gocl_clCreateImage3D
func gocl_clCreateImage3D(context C.cl_context, flags C.cl_mem_flags, image_format *C.cl_image_format, image_width C.size_t, image_height C.size_t, image_depth C.size_t, image_row_pitch C.size_t, image_slice_pitch C.size_t, host_ptr unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateImage3D", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateImage3D"))
	return nil
}

//export gocl_clGetSupportedImageFormats
func gocl_clGetSupportedImageFormats(context C.cl_context, flags C.cl_mem_flags, image_type C.cl_mem_object_type, num_entries C.cl_uint, image_formats *C.cl_image_format, num_image_formats *C.cl_uint) (ret C.cl_int) {
	defer guard("clGetSupportedImageFormats", &ret)
	return unimplemented("clGetSupportedImageFormats")
}

//export gocl_clGetImageInfo
func gocl_clGetImageInfo(image C.cl_mem, param_name C.cl_image_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetImageInfo", &ret)
	return unimplemented("clGetImageInfo")
}

//export gocl_clEnqueueReadImage
func gocl_clEnqueueReadImage(command_queue C.cl_command_queue, image C.cl_mem, blocking_read C.cl_bool, origin *C.size_t, region *C.size_t, row_pitch C.size_t, slice_pitch C.size_t, ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueReadImage", &ret)
	return unimplemented("clEnqueueReadImage")
}

//export gocl_clEnqueueWriteImage
func gocl_clEnqueueWriteImage(command_queue C.cl_command_queue, image C.cl_mem, blocking_write C.cl_bool, origin *C.size_t, region *C.size_t, input_row_pitch C.size_t, input_slice_pitch C.size_t, ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueWriteImage", &ret)
	return unimplemented("clEnqueueWriteImage")
}

//export gocl_clEnqueueCopyImage
func gocl_clEnqueueCopyImage(command_queue C.cl_command_queue, src_image C.cl_mem, dst_image C.cl_mem, src_origin *C.size_t, dst_origin *C.size_t, region *C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueCopyImage", &ret)
	return unimplemented("clEnqueueCopyImage")
}

//export gocl_clEnqueueCopyImageToBuffer
func gocl_clEnqueueCopyImageToBuffer(command_queue C.cl_command_queue, src_image C.cl_mem, dst_buffer C.cl_mem, src_origin *C.size_t, region *C.size_t, dst_offset C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueCopyImageToBuffer", &ret)
	return unimplemented("clEnqueueCopyImageToBuffer")
}

//export gocl_clEnqueueCopyBufferToImage
func gocl_clEnqueueCopyBufferToImage(command_queue C.cl_command_queue, src_buffer C.cl_mem, dst_image C.cl_mem, src_offset C.size_t, dst_origin *C.size_t, region *C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueCopyBufferToImage", &ret)
	return unimplemented("clEnqueueCopyBufferToImage")
}

//export gocl_clCreateImage
func gocl_clCreateImage(context C.cl_context, flags C.cl_mem_flags, image_format *C.cl_image_format, image_desc *C.cl_image_desc, host_ptr unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateImage", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateImage"))
	return nil
}

//export gocl_clEnqueueFillImage
func gocl_clEnqueueFillImage(command_queue C.cl_command_queue, image C.cl_mem, fill_color unsafe.Pointer, origin *C.size_t, region *C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueFillImage", &ret)
	return unimplemented("clEnqueueFillImage")
}

//export gocl_clCreateImageWithProperties
func gocl_clCreateImageWithProperties(context C.cl_context, properties *C.cl_mem_properties, flags C.cl_mem_flags, image_format *C.cl_image_format, image_desc *C.cl_image_desc, host_ptr unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateImageWithProperties", errcode_ret)
	setErr(errcode_ret, unimplemented("clCreateImageWithProperties"))
	return nil
}
