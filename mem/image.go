package mem

import (
	"math/bits"
	"unsafe"

	"gocl/device"
	"gocl/icd"
)

// Images are memory objects with a linear layout: pixels of ElemSize bytes,
// rows RowPitch bytes apart, slices (the 2D slices of a 3D image, or the
// layers of an array) SlicePitch bytes apart. The pitches are width × element
// size and row pitch × height unless the application gave its own with a
// host_ptr (CL_MEM_USE_HOST_PTR: the storage is host_ptr, zero-copy;
// CL_MEM_COPY_HOST_PTR: the storage copies host_ptr with its pitches, so
// that CL_IMAGE_ROW_PITCH — the application's pitch, says the specification —
// is also the pitch of the storage and of mappings). 1D image buffers, 2D
// images made from another 2D image (and from buffers, when enabled) share
// the storage of the object they are made from, so mappings of either are
// checked against each other, and Parent is that object.

// Image size limits of the device (CL_DEVICE_IMAGE*_MAX_*), which
// device/info.go reports: one definition, in device/limits.go.
const (
	Image2DMaxWidth   = device.Image2DMaxSize    // CL_DEVICE_IMAGE2D_MAX_WIDTH (also 1D images and 1D/2D arrays)
	Image2DMaxHeight  = device.Image2DMaxSize    // CL_DEVICE_IMAGE2D_MAX_HEIGHT
	Image3DMaxWidth   = device.Image3DMaxSize    // CL_DEVICE_IMAGE3D_MAX_WIDTH
	Image3DMaxHeight  = device.Image3DMaxSize    // CL_DEVICE_IMAGE3D_MAX_HEIGHT
	Image3DMaxDepth   = device.Image3DMaxSize    // CL_DEVICE_IMAGE3D_MAX_DEPTH
	ImageMaxArraySize = device.ImageMaxArraySize // CL_DEVICE_IMAGE_MAX_ARRAY_SIZE
)

// Image2DFromBuffer enables 2D images made from buffers (the optional
// OpenCL 3.0 feature of cl_khr_image2d_from_buffer), with the row pitch and
// base address alignments of device/limits.go; the device claims the
// extension. A variable so that tests can cover both sides.
var Image2DFromBuffer = true

// ImageDesc describes an image's layout, with the values clGetImageInfo
// reports: Height is 0 for 1D images, 1D image buffers and 1D arrays, Depth
// is 0 but for 3D images, ArraySize 0 but for arrays, SlicePitch 0 for 1D
// images, 1D image buffers and 2D images.
type ImageDesc struct {
	Type                 uint32 // CL_MEM_OBJECT_IMAGE*
	Order, DataType      uint32 // cl_image_format
	Width, Height, Depth uintptr
	ArraySize            uintptr
	RowPitch, SlicePitch uintptr
	ElemSize             uintptr
	NumMipLevels         uint32 // always 0
	NumSamples           uint32 // always 0
}

// Format is the image's cl_image_format.
func (d *ImageDesc) Format() Format { return Format{d.Order, d.DataType} }

// extent is the size of the image in its (x, y, z) coordinates: the layers
// of a 1D array are along y, those of a 2D array along z; unused coordinates
// have size 1.
func (d *ImageDesc) extent() [3]uintptr {
	switch d.Type {
	case icd.CL_MEM_OBJECT_IMAGE1D_ARRAY:
		return [3]uintptr{d.Width, d.ArraySize, 1}
	case icd.CL_MEM_OBJECT_IMAGE2D:
		return [3]uintptr{d.Width, d.Height, 1}
	case icd.CL_MEM_OBJECT_IMAGE2D_ARRAY:
		return [3]uintptr{d.Width, d.Height, d.ArraySize}
	case icd.CL_MEM_OBJECT_IMAGE3D:
		return [3]uintptr{d.Width, d.Height, d.Depth}
	}
	return [3]uintptr{d.Width, 1, 1}
}

// pitches are the byte distances between neighbours along y and z.
func (d *ImageDesc) pitches() (py, pz uintptr) {
	if d.Type == icd.CL_MEM_OBJECT_IMAGE1D_ARRAY {
		return d.SlicePitch, 0
	}
	return d.RowPitch, d.SlicePitch
}

// IsImage reports whether m is an image.
func (m *Mem) IsImage() bool { return m.Image != nil }

// ImageSpec is what the application asks for in a cl_image_desc.
type ImageSpec struct {
	Type                            uint32
	Width, Height, Depth, ArraySize uintptr
	RowPitch, SlicePitch            uintptr
	NumMipLevels, NumSamples        uint32
	// MemObject is image_desc->mem_object (buffer), resolved; BadMemObject
	// says one was given that is no live memory object.
	MemObject    *Mem
	BadMemObject bool
}

// compatibleOrders are the channel orders of an image view (a 2D image made
// from a 2D image) allowed for each order of the image it is made from.
var compatibleOrders = map[uint32]uint32{
	icd.CL_sBGRA: icd.CL_BGRA, icd.CL_BGRA: icd.CL_sBGRA,
	icd.CL_sRGBA: icd.CL_RGBA, icd.CL_RGBA: icd.CL_sRGBA,
	icd.CL_sRGB: icd.CL_RGB, icd.CL_RGB: icd.CL_sRGB,
	icd.CL_sRGBx: icd.CL_RGBx, icd.CL_RGBx: icd.CL_sRGBx,
	icd.CL_DEPTH: icd.CL_R,
}

// mulSat multiplies, saturating at the largest uintptr.
func mulSat(a, b uintptr) uintptr {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi != 0 {
		return ^uintptr(0)
	}
	return uintptr(lo)
}

// NewImage creates an image (clCreateImage, clCreateImageWithProperties,
// clCreateImage2D/3D) after validating everything but the context and the
// properties, in the order of the specification's error list. format and
// spec are nil when the application passed NULL. legacy selects the error
// codes of clCreateImage2D/3D, which report bad sizes and pitches as
// CL_INVALID_IMAGE_SIZE (and a 3D depth of 1 as bad).
func NewImage(ctx *device.Context, flags uint64, format *Format, spec *ImageSpec, hostPtr unsafe.Pointer, props []uint64, legacy bool) (*Mem, int32) {
	if code := CheckFlags(flags, bufferFlags); code != icd.CL_SUCCESS {
		return nil, code
	}
	if format == nil {
		return nil, icd.Fail(icd.CL_INVALID_IMAGE_FORMAT_DESCRIPTOR, "image_format is NULL")
	}
	if !format.Valid() {
		return nil, icd.Fail(icd.CL_INVALID_IMAGE_FORMAT_DESCRIPTOR, "image format (order 0x%x, data type 0x%x) is not a valid format", format.Order, format.DataType)
	}
	if spec == nil {
		return nil, icd.Fail(icd.CL_INVALID_IMAGE_DESCRIPTOR, "image_desc is NULL")
	}
	elem := format.ElemSize()
	parent := spec.MemObject
	if parent != nil && parent.Ctx != ctx {
		return nil, icd.Fail(icd.CL_INVALID_IMAGE_DESCRIPTOR, "image_desc->mem_object belongs to another context")
	}
	view := parent != nil && parent.IsImage() // a 2D image made from a 2D image
	if view && spec.Type == icd.CL_MEM_OBJECT_IMAGE2D && parent.Type == icd.CL_MEM_OBJECT_IMAGE2D {
		pf := parent.Image.Format()
		if format.DataType != pf.DataType {
			return nil, icd.Fail(icd.CL_INVALID_IMAGE_FORMAT_DESCRIPTOR, "the channel data type differs from that of the image in mem_object")
		}
		if format.Order != pf.Order && compatibleOrders[format.Order] != pf.Order {
			return nil, icd.Fail(icd.CL_INVALID_IMAGE_FORMAT_DESCRIPTOR, "channel order 0x%x is not compatible with 0x%x of the image in mem_object", format.Order, pf.Order)
		}
	}

	desc, code := checkSpec(spec, *format, elem, hostPtr, legacy)
	if code != icd.CL_SUCCESS {
		return nil, code
	}
	size, code := checkLimits(ctx, desc)
	if code != icd.CL_SUCCESS {
		return nil, code
	}
	if code := CheckHostPtr(flags, hostPtr); code != icd.CL_SUCCESS {
		return nil, code
	}
	if parent != nil {
		if flags, code = inheritFlags(parent, flags); code != icd.CL_SUCCESS {
			return nil, code
		}
	} else if flags&accessFlags == 0 {
		flags |= icd.CL_MEM_READ_WRITE
	}
	if !format.Supported(desc.Type, flags) {
		return nil, icd.Fail(icd.CL_IMAGE_FORMAT_NOT_SUPPORTED, "image format (order 0x%x, data type 0x%x) is not supported for these flags", format.Order, format.DataType)
	}

	var m *Mem
	if parent != nil {
		m = &Mem{Ctx: ctx, Type: desc.Type, Flags: flags, Size: size, Props: props, Parent: parent,
			Offset: parent.Offset, store: parent.store, HostPtr: parent.HostPtr, UsesSVM: parent.UsesSVM}
	} else {
		m, code = newRoot(ctx, desc.Type, flags, size, hostPtr, props)
		if code != icd.CL_SUCCESS {
			return nil, code
		}
	}
	m.Image = desc
	m.publish()
	return m, icd.CL_SUCCESS
}

// checkSpec validates the image descriptor (CL_INVALID_IMAGE_DESCRIPTOR)
// and computes the layout.
func checkSpec(s *ImageSpec, f Format, elem uintptr, hostPtr unsafe.Pointer, legacy bool) (*ImageDesc, int32) {
	const bad = icd.CL_INVALID_IMAGE_DESCRIPTOR
	// Sizes and pitches: clCreateImage2D/3D report them as CL_INVALID_IMAGE_SIZE.
	badSize := int32(bad)
	if legacy {
		badSize = icd.CL_INVALID_IMAGE_SIZE
	}
	if !ValidImageType(s.Type) {
		return nil, icd.Fail(bad, "image_type 0x%x is not an image type", s.Type)
	}
	d := &ImageDesc{Type: s.Type, Order: f.Order, DataType: f.DataType, Width: s.Width, ElemSize: elem}
	twoD := s.Type == icd.CL_MEM_OBJECT_IMAGE2D || s.Type == icd.CL_MEM_OBJECT_IMAGE2D_ARRAY || s.Type == icd.CL_MEM_OBJECT_IMAGE3D
	array := s.Type == icd.CL_MEM_OBJECT_IMAGE1D_ARRAY || s.Type == icd.CL_MEM_OBJECT_IMAGE2D_ARRAY
	switch {
	case s.Width == 0:
		return nil, icd.Fail(badSize, "image_width is 0")
	case twoD && s.Height == 0:
		return nil, icd.Fail(badSize, "image_height is 0")
	case s.Type == icd.CL_MEM_OBJECT_IMAGE3D && s.Depth == 0:
		return nil, icd.Fail(badSize, "image_depth is 0")
	case legacy && s.Type == icd.CL_MEM_OBJECT_IMAGE3D && s.Depth == 1:
		return nil, icd.Fail(badSize, "image_depth must be greater than 1 for clCreateImage3D")
	case array && s.ArraySize == 0:
		return nil, icd.Fail(badSize, "image_array_size is 0")
	}
	if twoD {
		d.Height = s.Height
	}
	if s.Type == icd.CL_MEM_OBJECT_IMAGE3D {
		d.Depth = s.Depth
	}
	if array {
		d.ArraySize = s.ArraySize
	}
	if s.NumMipLevels != 0 {
		return nil, icd.Fail(bad, "num_mip_levels is %d: mipmapped images (cl_khr_mipmap_image) are not supported", s.NumMipLevels)
	}
	if s.NumSamples != 0 {
		return nil, icd.Fail(bad, "num_samples is %d: multi-sampled images are not supported", s.NumSamples)
	}

	rowMin := mulSat(s.Width, elem)
	// The layer pitch a slice pitch is measured against: one row for a 1D
	// array, a whole 2D image for 2D arrays and 3D images.
	rows := uintptr(1)
	if twoD {
		rows = s.Height
	}
	p := s.MemObject
	switch {
	case s.BadMemObject:
		return nil, icd.Fail(bad, "image_desc->mem_object is not a valid memory object")
	case p != nil && !p.IsImage():
		if p.Type != icd.CL_MEM_OBJECT_BUFFER {
			return nil, icd.Fail(bad, "image_desc->mem_object is not a buffer")
		}
		if s.Type == icd.CL_MEM_OBJECT_IMAGE2D {
			return checkFromBuffer(d, s, elem, rowMin)
		}
		if s.Type != icd.CL_MEM_OBJECT_IMAGE1D_BUFFER {
			return nil, icd.Fail(bad, "image_desc->mem_object is a buffer, but image_type is not CL_MEM_OBJECT_IMAGE1D_BUFFER")
		}
		if s.RowPitch != 0 && s.RowPitch != rowMin || s.SlicePitch != 0 {
			return nil, icd.Fail(badSize, "image_row_pitch and image_slice_pitch of a 1D image buffer must be 0")
		}
		if rowMin > p.Size {
			return nil, icd.Fail(bad, "image_width × element size (%d bytes) exceeds the buffer's %d bytes", rowMin, p.Size)
		}
		d.RowPitch = rowMin
		return d, icd.CL_SUCCESS
	case p != nil: // an image: only 2D views of 2D images
		if s.Type != icd.CL_MEM_OBJECT_IMAGE2D || p.Type != icd.CL_MEM_OBJECT_IMAGE2D {
			return nil, icd.Fail(bad, "image_desc->mem_object is an image: only 2D images can be made from 2D images")
		}
		pd := p.Image
		if s.Width != pd.Width || s.Height != pd.Height ||
			s.RowPitch != 0 && s.RowPitch != pd.RowPitch || s.SlicePitch != 0 && s.SlicePitch != pd.SlicePitch {
			return nil, icd.Fail(bad, "image_desc does not match that of the image in mem_object")
		}
		d.RowPitch = pd.RowPitch
		return d, icd.CL_SUCCESS
	case s.Type == icd.CL_MEM_OBJECT_IMAGE1D_BUFFER:
		return nil, icd.Fail(bad, "a 1D image buffer needs a buffer in image_desc->mem_object")
	}

	if hostPtr == nil {
		if s.RowPitch != 0 || s.SlicePitch != 0 {
			return nil, icd.Fail(badSize, "image_row_pitch and image_slice_pitch must be 0 when host_ptr is NULL")
		}
		d.RowPitch = rowMin
	} else {
		switch {
		case s.RowPitch == 0:
			d.RowPitch = rowMin
		case s.RowPitch < rowMin:
			return nil, icd.Fail(badSize, "image_row_pitch %d is less than image_width × element size (%d)", s.RowPitch, rowMin)
		case s.RowPitch%elem != 0:
			return nil, icd.Fail(badSize, "image_row_pitch %d is not a multiple of the element size %d", s.RowPitch, elem)
		default:
			d.RowPitch = s.RowPitch
		}
	}
	if array || s.Type == icd.CL_MEM_OBJECT_IMAGE3D {
		sliceMin := mulSat(d.RowPitch, rows)
		switch {
		case s.SlicePitch == 0:
			d.SlicePitch = sliceMin
		case s.SlicePitch < sliceMin:
			return nil, icd.Fail(badSize, "image_slice_pitch %d is less than %d", s.SlicePitch, sliceMin)
		case s.SlicePitch%d.RowPitch != 0:
			return nil, icd.Fail(badSize, "image_slice_pitch %d is not a multiple of the row pitch %d", s.SlicePitch, d.RowPitch)
		default:
			d.SlicePitch = s.SlicePitch
		}
	}
	return d, icd.CL_SUCCESS
}

// checkFromBuffer validates a 2D image made from the buffer s.MemObject.
func checkFromBuffer(d *ImageDesc, s *ImageSpec, elem, rowMin uintptr) (*ImageDesc, int32) {
	const bad = icd.CL_INVALID_IMAGE_DESCRIPTOR
	if !Image2DFromBuffer {
		return nil, icd.Fail(bad, "2D images from buffers (cl_khr_image2d_from_buffer) are not supported")
	}
	p := s.MemObject
	d.Height = s.Height
	switch {
	case s.RowPitch == 0:
		d.RowPitch = rowMin
	case s.RowPitch < rowMin:
		return nil, icd.Fail(bad, "image_row_pitch %d is less than image_width × element size (%d)", s.RowPitch, rowMin)
	case s.RowPitch%elem != 0:
		return nil, icd.Fail(bad, "image_row_pitch %d is not a multiple of the element size %d", s.RowPitch, elem)
	default:
		d.RowPitch = s.RowPitch
	}
	if s.SlicePitch != 0 {
		return nil, icd.Fail(bad, "image_slice_pitch must be 0 for a 2D image")
	}
	// The alignments are in pixels; the specification's error for them is
	// CL_INVALID_IMAGE_FORMAT_DESCRIPTOR.
	if a := device.ImagePitchAlignment * elem; d.RowPitch%a != 0 {
		return nil, icd.Fail(icd.CL_INVALID_IMAGE_FORMAT_DESCRIPTOR, "image_row_pitch %d is not a multiple of CL_DEVICE_IMAGE_PITCH_ALIGNMENT (%d bytes)", d.RowPitch, a)
	}
	if a := device.ImageBaseAddressAlignment * elem; p.Flags&icd.CL_MEM_USE_HOST_PTR != 0 && uintptr(p.HostPtr)%a != 0 {
		return nil, icd.Fail(icd.CL_INVALID_IMAGE_FORMAT_DESCRIPTOR, "the buffer's host_ptr %p is not aligned to CL_DEVICE_IMAGE_BASE_ADDRESS_ALIGNMENT (%d bytes)", p.HostPtr, a)
	}
	if mulSat(d.RowPitch, s.Height) > p.Size {
		return nil, icd.Fail(bad, "image_row_pitch × image_height (%d) exceeds the buffer's %d bytes", mulSat(d.RowPitch, s.Height), p.Size)
	}
	return d, icd.CL_SUCCESS
}

// checkLimits applies the device's image size limits (CL_INVALID_IMAGE_SIZE)
// and returns the storage size.
func checkLimits(ctx *device.Context, d *ImageDesc) (uintptr, int32) {
	var maxW, maxH, maxD uintptr
	switch d.Type {
	case icd.CL_MEM_OBJECT_IMAGE3D:
		maxW, maxH, maxD = Image3DMaxWidth, Image3DMaxHeight, Image3DMaxDepth
	case icd.CL_MEM_OBJECT_IMAGE1D_BUFFER:
		maxW = ^uintptr(0)
		for _, dev := range ctx.Devices {
			maxW = min(maxW, dev.ImageMaxBufferSize())
		}
	default:
		maxW, maxH = Image2DMaxWidth, Image2DMaxHeight
	}
	switch {
	case d.Width > maxW:
		return 0, icd.Fail(icd.CL_INVALID_IMAGE_SIZE, "image_width %d exceeds the device's maximum %d", d.Width, maxW)
	case d.Height > maxH:
		return 0, icd.Fail(icd.CL_INVALID_IMAGE_SIZE, "image_height %d exceeds the device's maximum %d", d.Height, maxH)
	case d.Depth > maxD:
		return 0, icd.Fail(icd.CL_INVALID_IMAGE_SIZE, "image_depth %d exceeds the device's maximum %d", d.Depth, maxD)
	case d.ArraySize > ImageMaxArraySize:
		return 0, icd.Fail(icd.CL_INVALID_IMAGE_SIZE, "image_array_size %d exceeds the device's maximum %d", d.ArraySize, ImageMaxArraySize)
	}
	var size uintptr
	switch d.Type {
	case icd.CL_MEM_OBJECT_IMAGE1D, icd.CL_MEM_OBJECT_IMAGE1D_BUFFER:
		size = d.RowPitch
	case icd.CL_MEM_OBJECT_IMAGE2D:
		size = mulSat(d.RowPitch, d.Height)
	case icd.CL_MEM_OBJECT_IMAGE3D:
		size = mulSat(d.SlicePitch, d.Depth)
	default:
		size = mulSat(d.SlicePitch, d.ArraySize)
	}
	for _, dev := range ctx.Devices {
		if max := dev.MaxAllocSize(); uint64(size) > max {
			return 0, icd.Fail(icd.CL_INVALID_IMAGE_SIZE, "the image needs %d bytes, more than CL_DEVICE_MAX_MEM_ALLOC_SIZE (%d)", size, max)
		}
	}
	return size, icd.CL_SUCCESS
}

// inheritFlags applies the rules for an image made from another memory
// object: no host pointer flags, no access wider than the object's, and the
// flags not given inherited (CL_INVALID_VALUE).
func inheritFlags(p *Mem, flags uint64) (uint64, int32) {
	pf := p.Flags
	switch {
	case flags&hostPtrFlags != 0:
		return 0, icd.Fail(icd.CL_INVALID_VALUE, "an image made from a memory object cannot take CL_MEM_USE_HOST_PTR, CL_MEM_ALLOC_HOST_PTR or CL_MEM_COPY_HOST_PTR")
	case pf&icd.CL_MEM_WRITE_ONLY != 0 && flags&(icd.CL_MEM_READ_WRITE|icd.CL_MEM_READ_ONLY) != 0,
		pf&icd.CL_MEM_READ_ONLY != 0 && flags&(icd.CL_MEM_READ_WRITE|icd.CL_MEM_WRITE_ONLY) != 0:
		return 0, icd.Fail(icd.CL_INVALID_VALUE, "the image's access flags 0x%x widen those of mem_object (0x%x)", flags&accessFlags, pf&accessFlags)
	case pf&icd.CL_MEM_HOST_WRITE_ONLY != 0 && flags&icd.CL_MEM_HOST_READ_ONLY != 0,
		pf&icd.CL_MEM_HOST_READ_ONLY != 0 && flags&icd.CL_MEM_HOST_WRITE_ONLY != 0,
		pf&icd.CL_MEM_HOST_NO_ACCESS != 0 && flags&(icd.CL_MEM_HOST_READ_ONLY|icd.CL_MEM_HOST_WRITE_ONLY) != 0:
		return 0, icd.Fail(icd.CL_INVALID_VALUE, "the image's host access flags 0x%x widen those of mem_object (0x%x)", flags&hostAccess, pf&hostAccess)
	}
	if flags&accessFlags == 0 {
		flags |= pf & accessFlags
	}
	if flags&hostAccess == 0 {
		flags |= pf & hostAccess
	}
	return flags | pf&hostPtrFlags, icd.CL_SUCCESS
}

// CheckRegion validates an origin and region of m (CL_INVALID_VALUE): no
// zero region, and the box inside the image, which for the coordinates an
// image type does not use means origin 0 and region 1.
func (m *Mem) CheckRegion(origin, region [3]uintptr) int32 {
	ext := m.Image.extent()
	names := [3]string{"x", "y", "z"}
	for i := range 3 {
		if region[i] == 0 {
			return icd.Fail(icd.CL_INVALID_VALUE, "region[%d] is 0", i)
		}
		if origin[i] > ext[i] || region[i] > ext[i]-origin[i] {
			if ext[i] == 1 {
				return icd.Fail(icd.CL_INVALID_VALUE, "this image type needs origin[%d] = 0 and region[%d] = 1 (got %d, %d)", i, i, origin[i], region[i])
			}
			return icd.Fail(icd.CL_INVALID_VALUE, "%s range [%d, %d+%d) is outside the image (size %d)", names[i], origin[i], origin[i], region[i], ext[i])
		}
	}
	return icd.CL_SUCCESS
}

// rect is the layout of m's storage with the given origin (in pixels).
func (m *Mem) rect(origin [3]uintptr) Rect {
	py, pz := m.Image.pitches()
	return Rect{Origin: [3]uintptr{origin[0] * m.Image.ElemSize, origin[1], origin[2]}, RowPitch: py, SlicePitch: pz}
}

// bytes converts a region in pixels to one in bytes along x.
func (m *Mem) bytes(region [3]uintptr) [3]uintptr {
	return [3]uintptr{region[0] * m.Image.ElemSize, region[1], region[2]}
}

// ImageRegion validates origin and region (CL_INVALID_VALUE) and returns the
// bytes [start, end) of m that the box touches, the offset of its origin
// pixel, and the pitches a mapping reports: the row pitch, and the slice
// pitch (the size of a layer for arrays) or 0 for 1D and 2D images.
func (m *Mem) ImageRegion(origin, region [3]uintptr) (start, end, ptrOff uintptr, rowPitch, slicePitch uintptr, code int32) {
	if code := m.CheckRegion(origin, region); code != icd.CL_SUCCESS {
		return 0, 0, 0, 0, 0, code
	}
	r := m.rect(origin)
	start = r.End([3]uintptr{0, 1, 1}) // the origin pixel's offset
	end = r.End(m.bytes(region))
	return start, end, start, m.Image.RowPitch, m.Image.SlicePitch, icd.CL_SUCCESS
}

// HostRect validates the host pitches of clEnqueueReadImage and
// clEnqueueWriteImage (CL_INVALID_VALUE) for region of m, 0 meaning tightly
// packed, and returns the layout of the host memory.
func (m *Mem) HostRect(region [3]uintptr, rowPitch, slicePitch uintptr) (Rect, int32) {
	d := m.Image
	rowMin := region[0] * d.ElemSize
	if rowPitch == 0 {
		rowPitch = rowMin
	} else if rowPitch < rowMin {
		return Rect{}, icd.Fail(icd.CL_INVALID_VALUE, "row pitch %d is less than region[0] × element size (%d)", rowPitch, rowMin)
	}
	switch d.Type {
	case icd.CL_MEM_OBJECT_IMAGE1D, icd.CL_MEM_OBJECT_IMAGE1D_BUFFER, icd.CL_MEM_OBJECT_IMAGE2D:
		if slicePitch != 0 {
			return Rect{}, icd.Fail(icd.CL_INVALID_VALUE, "slice pitch must be 0 for a 1D or 2D image (got %d)", slicePitch)
		}
		return Rect{RowPitch: rowPitch}, icd.CL_SUCCESS
	case icd.CL_MEM_OBJECT_IMAGE1D_ARRAY:
		if slicePitch == 0 {
			slicePitch = rowPitch
		} else if slicePitch < rowPitch {
			return Rect{}, icd.Fail(icd.CL_INVALID_VALUE, "slice pitch %d is less than the row pitch %d", slicePitch, rowPitch)
		}
		return Rect{RowPitch: slicePitch}, icd.CL_SUCCESS // layers are along y
	}
	sliceMin := mulSat(rowPitch, region[1])
	if slicePitch == 0 {
		slicePitch = sliceMin
	} else if slicePitch < sliceMin {
		return Rect{}, icd.Fail(icd.CL_INVALID_VALUE, "slice pitch %d is less than row pitch × region[1] (%d)", slicePitch, sliceMin)
	}
	return Rect{RowPitch: rowPitch, SlicePitch: slicePitch}, icd.CL_SUCCESS
}

// PackedRect is the tightly packed layout of region of m, as in a buffer of
// clEnqueueCopyImageToBuffer, and its size in bytes.
func (m *Mem) PackedRect(region [3]uintptr, offset uintptr) (Rect, uintptr) {
	r, _ := m.HostRect(region, 0, 0)
	r.Origin[0] = offset
	size := region[0] * m.Image.ElemSize
	for _, n := range region[1:] {
		size = mulSat(size, n)
	}
	return r, size
}

// Overlap reports whether two boxes of one image overlap.
func Overlap(a, b, region [3]uintptr) bool {
	for i := range 3 {
		if a[i]+region[i] <= b[i] || b[i]+region[i] <= a[i] {
			return false
		}
	}
	return true
}

// copyBox copies region (bytes, rows, slices) between two layouts, as one
// copy when both are contiguous over the region.
func copyBox(dst unsafe.Pointer, d Rect, src unsafe.Pointer, s Rect, region [3]uintptr) {
	if contiguous(d, region) && contiguous(s, region) {
		Copy(unsafe.Add(dst, d.offset(0, 0)), unsafe.Add(src, s.offset(0, 0)), region[0]*region[1]*region[2])
		return
	}
	CopyRect(dst, d, src, s, region)
}

func contiguous(r Rect, region [3]uintptr) bool {
	return (region[1] == 1 || r.RowPitch == region[0]) &&
		(region[2] == 1 || r.SlicePitch == region[0]*region[1])
}

// ReadImage copies region of m at origin to host memory of layout host
// (validated: HostRect).
func (m *Mem) ReadImage(dst unsafe.Pointer, host Rect, origin, region [3]uintptr) int32 {
	base, code := m.Ptr()
	if code != icd.CL_SUCCESS {
		return code
	}
	copyBox(dst, host, base, m.rect(origin), m.bytes(region))
	return icd.CL_SUCCESS
}

// WriteImage copies host memory of layout host into region of m at origin.
func (m *Mem) WriteImage(src unsafe.Pointer, host Rect, origin, region [3]uintptr) int32 {
	base, code := m.Ptr()
	if code != icd.CL_SUCCESS {
		return code
	}
	copyBox(base, m.rect(origin), src, host, m.bytes(region))
	return icd.CL_SUCCESS
}

// CopyImage copies region from src at srcOrigin to dst at dstOrigin (images
// of the same format, validated).
func CopyImage(dst *Mem, dstOrigin [3]uintptr, src *Mem, srcOrigin, region [3]uintptr) int32 {
	sp, code := src.Ptr()
	if code != icd.CL_SUCCESS {
		return code
	}
	dp, code := dst.Ptr()
	if code != icd.CL_SUCCESS {
		return code
	}
	copyBox(dp, dst.rect(dstOrigin), sp, src.rect(srcOrigin), src.bytes(region))
	return icd.CL_SUCCESS
}

// CopyImageToBuffer copies region of image m at origin, tightly packed, to
// buf at offset.
func (m *Mem) CopyImageToBuffer(buf *Mem, offset uintptr, origin, region [3]uintptr) int32 {
	ip, code := m.Ptr()
	if code != icd.CL_SUCCESS {
		return code
	}
	bp, code := buf.Ptr()
	if code != icd.CL_SUCCESS {
		return code
	}
	br, _ := m.PackedRect(region, offset)
	copyBox(bp, br, ip, m.rect(origin), m.bytes(region))
	return icd.CL_SUCCESS
}

// CopyBufferToImage copies tightly packed pixels from buf at offset to region
// of image m at origin.
func (m *Mem) CopyBufferToImage(buf *Mem, offset uintptr, origin, region [3]uintptr) int32 {
	ip, code := m.Ptr()
	if code != icd.CL_SUCCESS {
		return code
	}
	bp, code := buf.Ptr()
	if code != icd.CL_SUCCESS {
		return code
	}
	br, _ := m.PackedRect(region, offset)
	copyBox(ip, m.rect(origin), bp, br, m.bytes(region))
	return icd.CL_SUCCESS
}

// FillImage fills region of m at origin with pixel (one element).
func (m *Mem) FillImage(pixel []byte, origin, region [3]uintptr) int32 {
	base, code := m.Ptr()
	if code != icd.CL_SUCCESS {
		return code
	}
	r := m.rect(origin)
	rowBytes := region[0] * m.Image.ElemSize
	if contiguous(r, m.bytes(region)) {
		Fill(unsafe.Add(base, r.offset(0, 0)), pixel, rowBytes*region[1]*region[2])
		return icd.CL_SUCCESS
	}
	// One row, then copies of it.
	first := unsafe.Add(base, r.offset(0, 0))
	Fill(first, pixel, rowBytes)
	for z := uintptr(0); z < region[2]; z++ {
		for y := uintptr(0); y < region[1]; y++ {
			if y|z != 0 {
				Copy(unsafe.Add(base, r.offset(y, z)), first, rowBytes)
			}
		}
	}
	return icd.CL_SUCCESS
}
