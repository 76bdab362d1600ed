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

// Images: creation, queries, and the host-side image commands. The layout,
// formats and pixel conversion are mem's (mem/image.go, mem/pixel.go).

// imageFormat reads a cl_image_format (nil for NULL).
func imageFormat(f *C.cl_image_format) *mem.Format {
	if f == nil {
		return nil
	}
	return &mem.Format{Order: uint32(f.image_channel_order), DataType: uint32(f.image_channel_data_type)}
}

// imageSpec reads a cl_image_desc (nil for NULL), resolving its mem_object.
func imageSpec(d *C.cl_image_desc) *mem.ImageSpec {
	if d == nil {
		return nil
	}
	s := &mem.ImageSpec{Type: uint32(d.image_type),
		Width: uintptr(d.image_width), Height: uintptr(d.image_height), Depth: uintptr(d.image_depth),
		ArraySize: uintptr(d.image_array_size), RowPitch: uintptr(d.image_row_pitch), SlicePitch: uintptr(d.image_slice_pitch),
		NumMipLevels: uint32(d.num_mip_levels), NumSamples: uint32(d.num_samples)}
	// The anonymous union { buffer; mem_object; } that ends the struct.
	h := *(*unsafe.Pointer)(unsafe.Pointer(&d.anon0[0]))
	if h != nil {
		if m, found := icd.Get[*mem.Mem](h, icd.KindMem); found {
			s.MemObject = m
		} else {
			s.BadMemObject = true
		}
	}
	return s
}

func createImage(context C.cl_context, properties *C.cl_mem_properties, flags C.cl_mem_flags, format *mem.Format, spec *mem.ImageSpec, host_ptr unsafe.Pointer, legacy bool, errcode_ret *C.cl_int) C.cl_mem {
	ctx, code := contextOf(context)
	var props []uint64
	if ok(code) {
		props, code = memProps(properties)
	}
	var m *mem.Mem
	if ok(code) {
		m, code = mem.NewImage(ctx, uint64(flags), format, spec, host_ptr, props, legacy)
	}
	setErr(errcode_ret, status(code))
	if !ok(code) {
		return nil
	}
	return C.cl_mem(m.Handle())
}

//export gocl_clCreateImage
func gocl_clCreateImage(context C.cl_context, flags C.cl_mem_flags, image_format *C.cl_image_format, image_desc *C.cl_image_desc, host_ptr unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateImage", errcode_ret)
	return createImage(context, nil, flags, imageFormat(image_format), imageSpec(image_desc), host_ptr, false, errcode_ret)
}

//export gocl_clCreateImageWithProperties
func gocl_clCreateImageWithProperties(context C.cl_context, properties *C.cl_mem_properties, flags C.cl_mem_flags, image_format *C.cl_image_format, image_desc *C.cl_image_desc, host_ptr unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateImageWithProperties", errcode_ret)
	return createImage(context, properties, flags, imageFormat(image_format), imageSpec(image_desc), host_ptr, false, errcode_ret)
}

//export gocl_clCreateImage2D
func gocl_clCreateImage2D(context C.cl_context, flags C.cl_mem_flags, image_format *C.cl_image_format, image_width C.size_t, image_height C.size_t, image_row_pitch C.size_t, host_ptr unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateImage2D", errcode_ret)
	spec := &mem.ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: uintptr(image_width), Height: uintptr(image_height), RowPitch: uintptr(image_row_pitch)}
	return createImage(context, nil, flags, imageFormat(image_format), spec, host_ptr, true, errcode_ret)
}

//export gocl_clCreateImage3D
func gocl_clCreateImage3D(context C.cl_context, flags C.cl_mem_flags, image_format *C.cl_image_format, image_width C.size_t, image_height C.size_t, image_depth C.size_t, image_row_pitch C.size_t, image_slice_pitch C.size_t, host_ptr unsafe.Pointer, errcode_ret *C.cl_int) (ret C.cl_mem) {
	defer guardErr("clCreateImage3D", errcode_ret)
	spec := &mem.ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE3D, Width: uintptr(image_width), Height: uintptr(image_height), Depth: uintptr(image_depth),
		RowPitch: uintptr(image_row_pitch), SlicePitch: uintptr(image_slice_pitch)}
	return createImage(context, nil, flags, imageFormat(image_format), spec, host_ptr, true, errcode_ret)
}

//export gocl_clGetSupportedImageFormats
func gocl_clGetSupportedImageFormats(context C.cl_context, flags C.cl_mem_flags, image_type C.cl_mem_object_type, num_entries C.cl_uint, image_formats *C.cl_image_format, num_image_formats *C.cl_uint) (ret C.cl_int) {
	defer guard("clGetSupportedImageFormats", &ret)
	_, code := contextOf(context)
	if !ok(code) {
		return status(code)
	}
	f := uint64(flags)
	if code := mem.CheckFlags(f&^icd.CL_MEM_KERNEL_READ_AND_WRITE, bufferFlags); !ok(code) {
		return status(code)
	}
	if !mem.ValidImageType(uint32(image_type)) {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "image_type 0x%x is not an image type", uint32(image_type)))
	}
	if num_entries == 0 && image_formats != nil {
		return status(icd.Fail(icd.CL_INVALID_VALUE, "num_entries is 0 and image_formats is not NULL"))
	}
	formats := mem.SupportedFormats(uint32(image_type), f)
	if image_formats != nil {
		out := unsafe.Slice(image_formats, num_entries)
		for i := 0; i < len(formats) && i < len(out); i++ {
			out[i] = C.cl_image_format{image_channel_order: C.cl_channel_order(formats[i].Order),
				image_channel_data_type: C.cl_channel_type(formats[i].DataType)}
		}
	}
	if num_image_formats != nil {
		*num_image_formats = C.cl_uint(len(formats))
	}
	return C.CL_SUCCESS
}

// imageOf validates an image argument (CL_INVALID_MEM_OBJECT for any other
// memory object).
func imageOf(h C.cl_mem) (*mem.Mem, int32) {
	m, code := memOf(h)
	if ok(code) && !m.IsImage() {
		code = icd.Fail(icd.CL_INVALID_MEM_OBJECT, "the memory object is not an image")
	}
	return m, code
}

//export gocl_clGetImageInfo
func gocl_clGetImageInfo(image C.cl_mem, param_name C.cl_image_info, param_value_size C.size_t, param_value unsafe.Pointer, param_value_size_ret *C.size_t) (ret C.cl_int) {
	defer guard("clGetImageInfo", &ret)
	m, code := imageOf(image)
	var v []byte
	if ok(code) {
		d := m.Image
		switch param_name {
		case C.CL_IMAGE_FORMAT:
			v = icd.Val(d.Format())
		case C.CL_IMAGE_ELEMENT_SIZE:
			v = icd.Val(d.ElemSize)
		case C.CL_IMAGE_ROW_PITCH:
			v = icd.Val(d.RowPitch)
		case C.CL_IMAGE_SLICE_PITCH:
			v = icd.Val(d.SlicePitch)
		case C.CL_IMAGE_WIDTH:
			v = icd.Val(d.Width)
		case C.CL_IMAGE_HEIGHT:
			v = icd.Val(d.Height)
		case C.CL_IMAGE_DEPTH:
			v = icd.Val(d.Depth)
		case C.CL_IMAGE_ARRAY_SIZE:
			v = icd.Val(d.ArraySize)
		case C.CL_IMAGE_BUFFER:
			var h uintptr
			if m.Parent != nil && !m.Parent.IsImage() {
				h = uintptr(m.Parent.Handle())
			}
			v = icd.Val(h)
		case C.CL_IMAGE_NUM_MIP_LEVELS:
			v = icd.Val(d.NumMipLevels)
		case C.CL_IMAGE_NUM_SAMPLES:
			v = icd.Val(d.NumSamples)
		default:
			code = icd.Fail(icd.CL_INVALID_VALUE, "unknown cl_image_info 0x%x", uint32(param_name))
		}
	}
	return answer(v, code, param_value_size, param_value, param_value_size_ret)
}

// imageForQueue validates an image argument of a command on q.
func imageForQueue(q *device.Queue, h C.cl_mem) (*mem.Mem, int32) {
	m, code := memForQueue(q, h)
	if ok(code) && !m.IsImage() {
		code = icd.Fail(icd.CL_INVALID_MEM_OBJECT, "the memory object is not an image")
	}
	return m, code
}

// imageBox reads and validates origin and region for image m.
func imageBox(m *mem.Mem, origin, region *C.size_t, what string) (o, r [3]uintptr, code int32) {
	if origin == nil || region == nil {
		return o, r, icd.Fail(icd.CL_INVALID_VALUE, "%s or region is NULL", what)
	}
	o, r = sizes3(origin), sizes3(region)
	return o, r, m.CheckRegion(o, r)
}

// cheapBytes says whether a command moving n bytes is cheap enough to run on
// whatever thread makes it ready.
func cheapBytes(elem uintptr, region [3]uintptr) bool {
	return elem*region[0]*region[1]*region[2] <= cheapCopy
}

// imageTransfer implements clEnqueueReadImage and clEnqueueWriteImage.
func imageTransfer(write bool, command_queue C.cl_command_queue, image C.cl_mem, blocking C.cl_bool, origin, region *C.size_t, rowPitch, slicePitch C.size_t, ptr unsafe.Pointer, n C.cl_uint, list *C.cl_event, event *C.cl_event) C.cl_int {
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	m, code := imageForQueue(q, image)
	if ok(code) {
		code = waitListContext(q.Ctx, n, list)
	}
	var o, r [3]uintptr
	if ok(code) {
		o, r, code = imageBox(m, origin, region, "origin")
	}
	var host mem.Rect
	if ok(code) {
		host, code = m.HostRect(r, uintptr(rowPitch), uintptr(slicePitch))
	}
	var evs []*device.Event
	if ok(code) {
		evs, _, code = hostTransferChecks(q, m, write, ptr, n, list)
	}
	if !ok(code) {
		return status(code)
	}
	typ := uint32(icd.CL_COMMAND_READ_IMAGE)
	run := func() int32 { return done(m.ReadImage(ptr, host, o, r)) }
	if write {
		typ = icd.CL_COMMAND_WRITE_IMAGE
		run = func() int32 { return done(m.WriteImage(ptr, host, o, r)) }
	}
	return submit(q, device.Command{Type: typ, WaitList: evs, Run: run, Blocking: isTrue(blocking),
		Cheap: cheapBytes(m.Image.ElemSize, r), Holds: []device.Holder{m}}, event)
}

// done turns a success code into the final status of a command.
func done(code int32) int32 {
	if ok(code) {
		return icd.CL_COMPLETE
	}
	return code
}

//export gocl_clEnqueueReadImage
func gocl_clEnqueueReadImage(command_queue C.cl_command_queue, image C.cl_mem, blocking_read C.cl_bool, origin *C.size_t, region *C.size_t, row_pitch C.size_t, slice_pitch C.size_t, ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueReadImage", &ret)
	return imageTransfer(false, command_queue, image, blocking_read, origin, region, row_pitch, slice_pitch, ptr, num_events_in_wait_list, event_wait_list, event)
}

//export gocl_clEnqueueWriteImage
func gocl_clEnqueueWriteImage(command_queue C.cl_command_queue, image C.cl_mem, blocking_write C.cl_bool, origin *C.size_t, region *C.size_t, input_row_pitch C.size_t, input_slice_pitch C.size_t, ptr unsafe.Pointer, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueWriteImage", &ret)
	return imageTransfer(true, command_queue, image, blocking_write, origin, region, input_row_pitch, input_slice_pitch, ptr, num_events_in_wait_list, event_wait_list, event)
}

//export gocl_clEnqueueCopyImage
func gocl_clEnqueueCopyImage(command_queue C.cl_command_queue, src_image C.cl_mem, dst_image C.cl_mem, src_origin *C.size_t, dst_origin *C.size_t, region *C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueCopyImage", &ret)
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	src, code := imageForQueue(q, src_image)
	var dst *mem.Mem
	if ok(code) {
		dst, code = imageForQueue(q, dst_image)
	}
	if ok(code) {
		code = waitListContext(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if ok(code) && src.Image.Format() != dst.Image.Format() {
		code = icd.Fail(icd.CL_IMAGE_FORMAT_MISMATCH, "the source and destination images have different formats")
	}
	if ok(code) && (src_origin == nil || dst_origin == nil || region == nil) {
		code = icd.Fail(icd.CL_INVALID_VALUE, "src_origin, dst_origin or region is NULL")
	}
	var so, do, r [3]uintptr
	if ok(code) {
		so, do, r = sizes3(src_origin), sizes3(dst_origin), sizes3(region)
		code = src.CheckRegion(so, r)
	}
	if ok(code) {
		code = dst.CheckRegion(do, r)
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if ok(code) && src == dst && mem.Overlap(so, do, r) {
		code = icd.Fail(icd.CL_MEM_COPY_OVERLAP, "the source and destination regions of the image overlap")
	}
	if ok(code) {
		_, code = src.Ptr()
	}
	if ok(code) {
		_, code = dst.Ptr()
	}
	if !ok(code) {
		return status(code)
	}
	run := func() int32 { return done(mem.CopyImage(dst, do, src, so, r)) }
	return submit(q, device.Command{Type: icd.CL_COMMAND_COPY_IMAGE, WaitList: evs, Run: run,
		Cheap: cheapBytes(src.Image.ElemSize, r), Holds: []device.Holder{src, dst}}, event)
}

//export gocl_clEnqueueFillImage
func gocl_clEnqueueFillImage(command_queue C.cl_command_queue, image C.cl_mem, fill_color unsafe.Pointer, origin *C.size_t, region *C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueFillImage", &ret)
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	m, code := imageForQueue(q, image)
	if ok(code) {
		code = waitListContext(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if ok(code) && fill_color == nil {
		code = icd.Fail(icd.CL_INVALID_VALUE, "fill_color is NULL")
	}
	var o, r [3]uintptr
	if ok(code) {
		o, r, code = imageBox(m, origin, region, "origin")
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, num_events_in_wait_list, event_wait_list)
	}
	if ok(code) {
		_, code = m.Ptr()
	}
	if !ok(code) {
		return status(code)
	}
	// The color is read now: the application may reuse its memory at once.
	f := m.Image.Format()
	var c mem.Color
	if f.Order == icd.CL_DEPTH {
		c[0] = *(*uint32)(fill_color) // a single float
	} else {
		c = *(*mem.Color)(fill_color)
	}
	pixel := f.Pack(c)
	run := func() int32 { return done(m.FillImage(pixel, o, r)) }
	return submit(q, device.Command{Type: icd.CL_COMMAND_FILL_IMAGE, WaitList: evs, Run: run,
		Cheap: cheapBytes(m.Image.ElemSize, r), Holds: []device.Holder{m}}, event)
}

// imageBufferCopy implements clEnqueueCopyImageToBuffer and clEnqueueCopyBufferToImage.
func imageBufferCopy(toBuffer bool, command_queue C.cl_command_queue, image, buffer C.cl_mem, offset C.size_t, origin, region *C.size_t, n C.cl_uint, list *C.cl_event, event *C.cl_event) C.cl_int {
	q, code := queueOf(command_queue)
	if !ok(code) {
		return status(code)
	}
	var img, buf *mem.Mem
	// Arguments in the order of the entry point: the source first.
	if toBuffer {
		img, code = imageForQueue(q, image)
		if ok(code) {
			buf, code = bufferForQueue(q, buffer)
		}
	} else {
		buf, code = bufferForQueue(q, buffer)
		if ok(code) {
			img, code = imageForQueue(q, image)
		}
	}
	if ok(code) {
		code = waitListContext(q.Ctx, n, list)
	}
	if ok(code) && img.Parent == buf {
		code = icd.Fail(icd.CL_INVALID_MEM_OBJECT, "the image is a 1D image buffer made from the buffer")
	}
	var o, r [3]uintptr
	if ok(code) {
		what := "src_origin"
		if !toBuffer {
			what = "dst_origin"
		}
		o, r, code = imageBox(img, origin, region, what)
	}
	if ok(code) {
		if _, size := img.PackedRect(r, 0); uintptr(offset) > buf.Size || size > buf.Size-uintptr(offset) {
			code = icd.Fail(icd.CL_INVALID_VALUE, "%d bytes at offset %d are outside the %d bytes of the buffer", size, uint64(offset), buf.Size)
		}
	}
	var evs []*device.Event
	if ok(code) {
		evs, code = waitList(q.Ctx, n, list)
	}
	if ok(code) {
		_, code = img.Ptr()
	}
	if ok(code) {
		_, code = buf.Ptr()
	}
	if !ok(code) {
		return status(code)
	}
	off := uintptr(offset)
	typ := uint32(icd.CL_COMMAND_COPY_BUFFER_TO_IMAGE)
	run := func() int32 { return done(img.CopyBufferToImage(buf, off, o, r)) }
	if toBuffer {
		typ = icd.CL_COMMAND_COPY_IMAGE_TO_BUFFER
		run = func() int32 { return done(img.CopyImageToBuffer(buf, off, o, r)) }
	}
	return submit(q, device.Command{Type: typ, WaitList: evs, Run: run,
		Cheap: cheapBytes(img.Image.ElemSize, r), Holds: []device.Holder{img, buf}}, event)
}

//export gocl_clEnqueueCopyImageToBuffer
func gocl_clEnqueueCopyImageToBuffer(command_queue C.cl_command_queue, src_image C.cl_mem, dst_buffer C.cl_mem, src_origin *C.size_t, region *C.size_t, dst_offset C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueCopyImageToBuffer", &ret)
	return imageBufferCopy(true, command_queue, src_image, dst_buffer, dst_offset, src_origin, region, num_events_in_wait_list, event_wait_list, event)
}

//export gocl_clEnqueueCopyBufferToImage
func gocl_clEnqueueCopyBufferToImage(command_queue C.cl_command_queue, src_buffer C.cl_mem, dst_image C.cl_mem, src_offset C.size_t, dst_origin *C.size_t, region *C.size_t, num_events_in_wait_list C.cl_uint, event_wait_list *C.cl_event, event *C.cl_event) (ret C.cl_int) {
	defer guard("clEnqueueCopyBufferToImage", &ret)
	return imageBufferCopy(false, command_queue, dst_image, src_buffer, src_offset, dst_origin, region, num_events_in_wait_list, event_wait_list, event)
}
