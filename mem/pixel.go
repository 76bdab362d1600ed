package mem

import (
	"encoding/binary"
	"math"

	"gocl/icd"
)

// Image formats: which (channel order, channel data type) pairs are valid
// OpenCL formats, their element sizes, the formats this driver supports, and
// the conversions between pixel bytes and the four-component colors of the
// API (clEnqueueFillImage) and of the kernel image built-ins, following the
// OpenCL C specification's conversion rules.

// Format is a cl_image_format (same memory layout: two cl_uint).
type Format struct {
	Order, DataType uint32
}

// Access is what kernels may do with images of a format.
type Access uint8

const (
	// AccessRead: read_only images (CL_MEM_READ_ONLY).
	AccessRead Access = 1 << iota
	// AccessWrite: write_only images (CL_MEM_WRITE_ONLY).
	AccessWrite
	// AccessKernelReadWrite: read_write images, read and written by the
	// same kernel instance (CL_MEM_KERNEL_READ_AND_WRITE).
	AccessKernelReadWrite

	accessAll = AccessRead | AccessWrite | AccessKernelReadWrite
)

// supportedFormats is what clGetSupportedImageFormats reports, in this order,
// for every image type. It holds the OpenCL 3.0 minimum lists (for reading
// or writing, and for reading and writing in one kernel) and the OpenCL 2.x
// ones (CL_R, CL_RG, RGBA SNORM), plus sRGBA for reading: sRGB writes need
// cl_khr_srgb_image_writes, which the device does not claim. CL_DEPTH with
// CL_UNORM_INT16 and CL_FLOAT (cl_khr_depth_images) is for 2D images and 2D
// image arrays only, whose kernel types image2d_depth_t and
// image2d_array_depth_t read and write it.
//
// Kernel image built-ins must implement every format listed here; pixel
// conversion for all of them is Format.Pack and Format.Unpack.
var supportedFormats = func() []supportedFormat {
	types := []uint32{
		icd.CL_UNORM_INT8, icd.CL_UNORM_INT16, icd.CL_SNORM_INT8, icd.CL_SNORM_INT16,
		icd.CL_SIGNED_INT8, icd.CL_SIGNED_INT16, icd.CL_SIGNED_INT32,
		icd.CL_UNSIGNED_INT8, icd.CL_UNSIGNED_INT16, icd.CL_UNSIGNED_INT32,
		icd.CL_HALF_FLOAT, icd.CL_FLOAT,
	}
	var fs []supportedFormat
	for _, o := range []uint32{icd.CL_R, icd.CL_RG, icd.CL_RGBA} {
		for _, t := range types {
			fs = append(fs, supportedFormat{Format{o, t}, accessAll})
		}
	}
	fs = append(fs,
		supportedFormat{Format{icd.CL_BGRA, icd.CL_UNORM_INT8}, accessAll},
		supportedFormat{Format{icd.CL_sRGBA, icd.CL_UNORM_INT8}, AccessRead},
		supportedFormat{Format{icd.CL_DEPTH, icd.CL_UNORM_INT16}, accessAll},
		supportedFormat{Format{icd.CL_DEPTH, icd.CL_FLOAT}, accessAll},
	)
	return fs
}()

type supportedFormat struct {
	Format
	access Access
}

// forType reports whether the format is one of images of imageType: depth
// images are 2D images and 2D image arrays only.
func (s supportedFormat) forType(imageType uint32) bool {
	return s.Order != icd.CL_DEPTH || imageType == icd.CL_MEM_OBJECT_IMAGE2D || imageType == icd.CL_MEM_OBJECT_IMAGE2D_ARRAY
}

// accessFor is what image flags ask of a format (the image format mapping of
// the specification): CL_MEM_READ_ONLY reading, CL_MEM_WRITE_ONLY writing,
// CL_MEM_READ_WRITE (or no access flag) both by different kernels,
// CL_MEM_KERNEL_READ_AND_WRITE both by the same kernel.
func accessFor(flags uint64) Access {
	var a Access
	switch {
	case flags&icd.CL_MEM_READ_ONLY != 0:
		a = AccessRead
	case flags&icd.CL_MEM_WRITE_ONLY != 0:
		a = AccessWrite
	default:
		a = AccessRead | AccessWrite
	}
	if flags&icd.CL_MEM_KERNEL_READ_AND_WRITE != 0 {
		a |= AccessRead | AccessWrite | AccessKernelReadWrite
	}
	return a
}

// SupportedFormats lists the formats of images of imageType (a valid
// CL_MEM_OBJECT_IMAGE* type) whose use flags allows.
func SupportedFormats(imageType uint32, flags uint64) []Format {
	want := accessFor(flags)
	var out []Format
	for _, f := range supportedFormats {
		if f.access&want == want && f.forType(imageType) {
			out = append(out, f.Format)
		}
	}
	return out
}

// Supported reports whether images of imageType in format f can be created
// with flags.
func (f Format) Supported(imageType uint32, flags uint64) bool {
	want := accessFor(flags)
	for _, s := range supportedFormats {
		if s.Format == f {
			return s.access&want == want && s.forType(imageType)
		}
	}
	return false
}

// ValidImageType reports whether t is one of the CL_MEM_OBJECT_IMAGE* types.
func ValidImageType(t uint32) bool {
	switch t {
	case icd.CL_MEM_OBJECT_IMAGE1D, icd.CL_MEM_OBJECT_IMAGE1D_BUFFER, icd.CL_MEM_OBJECT_IMAGE1D_ARRAY,
		icd.CL_MEM_OBJECT_IMAGE2D, icd.CL_MEM_OBJECT_IMAGE2D_ARRAY, icd.CL_MEM_OBJECT_IMAGE3D:
		return true
	}
	return false
}

// Channel selectors: where a stored channel comes from in an RGBA color.
const (
	chR = iota
	chG
	chB
	chA
	chPad // ignored channel (the x of CL_RGBx …): stored as 0
)

// layout returns the stored channels of an order, in memory order, and
// whether its color channels are sRGB-encoded; nil for an unknown order.
func layout(order uint32) (chans []int, srgb bool) {
	switch order {
	case icd.CL_R, icd.CL_INTENSITY, icd.CL_LUMINANCE, icd.CL_DEPTH:
		return []int{chR}, false
	case icd.CL_A:
		return []int{chA}, false
	case icd.CL_RG:
		return []int{chR, chG}, false
	case icd.CL_RA:
		return []int{chR, chA}, false
	case icd.CL_Rx:
		return []int{chR, chPad}, false
	case icd.CL_DEPTH_STENCIL:
		return []int{chR, chG}, false
	case icd.CL_RGB:
		return []int{chR, chG, chB}, false
	case icd.CL_RGx:
		return []int{chR, chG, chPad}, false
	case icd.CL_RGBA:
		return []int{chR, chG, chB, chA}, false
	case icd.CL_BGRA:
		return []int{chB, chG, chR, chA}, false
	case icd.CL_ARGB:
		return []int{chA, chR, chG, chB}, false
	case icd.CL_ABGR:
		return []int{chA, chB, chG, chR}, false
	case icd.CL_RGBx:
		return []int{chR, chG, chB, chPad}, false
	case icd.CL_sRGB:
		return []int{chR, chG, chB}, true
	case icd.CL_sRGBA:
		return []int{chR, chG, chB, chA}, true
	case icd.CL_sBGRA:
		return []int{chB, chG, chR, chA}, true
	case icd.CL_sRGBx:
		return []int{chR, chG, chB, chPad}, true
	}
	return nil, false
}

// typeSize is the size of one channel of a data type, or for the packed
// types (whose channels share one integer) of the whole element; packed
// reports the latter. 0 for an unknown type.
func typeSize(t uint32) (size uintptr, packed bool) {
	switch t {
	case icd.CL_SNORM_INT8, icd.CL_UNORM_INT8, icd.CL_SIGNED_INT8, icd.CL_UNSIGNED_INT8:
		return 1, false
	case icd.CL_SNORM_INT16, icd.CL_UNORM_INT16, icd.CL_SIGNED_INT16, icd.CL_UNSIGNED_INT16, icd.CL_HALF_FLOAT:
		return 2, false
	case icd.CL_SIGNED_INT32, icd.CL_UNSIGNED_INT32, icd.CL_FLOAT:
		return 4, false
	case icd.CL_UNORM_SHORT_565, icd.CL_UNORM_SHORT_555:
		return 2, true
	case icd.CL_UNORM_INT_101010, icd.CL_UNORM_INT_101010_2, icd.CL_UNORM_INT24:
		return 4, true
	}
	return 0, false
}

func oneOf(v uint32, set ...uint32) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}

// Valid reports whether f is a valid image format descriptor: a known order
// and data type that go together, with a power-of-two element size
// (CL_INVALID_IMAGE_FORMAT_DESCRIPTOR otherwise). Valid formats need not be
// supported (CL_IMAGE_FORMAT_NOT_SUPPORTED).
func (f Format) Valid() bool {
	chans, srgb := layout(f.Order)
	size, _ := typeSize(f.DataType)
	if chans == nil || size == 0 {
		return false
	}
	t := f.DataType
	switch {
	case oneOf(t, icd.CL_UNORM_SHORT_565, icd.CL_UNORM_SHORT_555, icd.CL_UNORM_INT_101010):
		return oneOf(f.Order, icd.CL_RGB, icd.CL_RGBx)
	case t == icd.CL_UNORM_INT_101010_2:
		return f.Order == icd.CL_RGBA
	case t == icd.CL_UNORM_INT24:
		return oneOf(f.Order, icd.CL_DEPTH, icd.CL_DEPTH_STENCIL)
	case f.Order == icd.CL_DEPTH_STENCIL:
		return t == icd.CL_FLOAT
	case f.Order == icd.CL_DEPTH:
		return oneOf(t, icd.CL_UNORM_INT16, icd.CL_FLOAT)
	case srgb:
		return t == icd.CL_UNORM_INT8 && f.Order != icd.CL_sRGB // 24-bit sRGB is not a power of two
	case oneOf(f.Order, icd.CL_INTENSITY, icd.CL_LUMINANCE):
		return oneOf(t, icd.CL_UNORM_INT8, icd.CL_UNORM_INT16, icd.CL_SNORM_INT8, icd.CL_SNORM_INT16, icd.CL_HALF_FLOAT, icd.CL_FLOAT)
	case oneOf(f.Order, icd.CL_BGRA, icd.CL_ARGB, icd.CL_ABGR):
		return oneOf(t, icd.CL_UNORM_INT8, icd.CL_SNORM_INT8, icd.CL_SIGNED_INT8, icd.CL_UNSIGNED_INT8)
	}
	n := uintptr(len(chans)) * size
	return n&(n-1) == 0
}

// ElemSize is the size of one pixel in bytes (0 for an invalid format).
func (f Format) ElemSize() uintptr {
	if !f.Valid() {
		return 0
	}
	size, packed := typeSize(f.DataType)
	if f.Order == icd.CL_DEPTH_STENCIL {
		if f.DataType == icd.CL_FLOAT {
			return 8 // 32-bit depth, 8-bit stencil, 24 bits unused
		}
		return 4
	}
	if packed {
		return size
	}
	chans, _ := layout(f.Order)
	return uintptr(len(chans)) * size
}

// ColorKind says how a format's pixels are read and written by the API and
// by kernels: as float4, int4 or uint4.
type ColorKind int

const (
	KindFloat ColorKind = iota // normalized and floating-point types
	KindInt                    // CL_SIGNED_INT*
	KindUint                   // CL_UNSIGNED_INT*
)

// Kind is how colors of format f are given (fill_color of clEnqueueFillImage).
func (f Format) Kind() ColorKind {
	switch f.DataType {
	case icd.CL_SIGNED_INT8, icd.CL_SIGNED_INT16, icd.CL_SIGNED_INT32:
		return KindInt
	case icd.CL_UNSIGNED_INT8, icd.CL_UNSIGNED_INT16, icd.CL_UNSIGNED_INT32:
		return KindUint
	}
	return KindFloat
}

// Color is a four-component (R, G, B, A) color: the bits of a float4, int4 or
// uint4, as the format's Kind says.
type Color [4]uint32

// FloatColor, IntColor and UintColor make colors from components.
func FloatColor(r, g, b, a float32) Color {
	return Color{math.Float32bits(r), math.Float32bits(g), math.Float32bits(b), math.Float32bits(a)}
}

func IntColor(r, g, b, a int32) Color { return Color{uint32(r), uint32(g), uint32(b), uint32(a)} }

func UintColor(r, g, b, a uint32) Color { return Color{r, g, b, a} }

// F is component i as a float, I as an int.
func (c Color) F(i int) float32 { return math.Float32frombits(c[i]) }
func (c Color) I(i int) int32   { return int32(c[i]) }

// Pack converts color c to one pixel of format f (a valid format), with the
// OpenCL C conversion rules of write_image{f,i,ui}: normalized types round
// to nearest even and saturate (NaN becomes 0), half floats round to nearest
// even, integers saturate, sRGB orders encode the color channels. For
// CL_DEPTH only the first component is used.
func (f Format) Pack(c Color) []byte {
	out := make([]byte, f.ElemSize())
	chans, srgb := layout(f.Order)
	if srgb {
		for i := 0; i < 3; i++ {
			c[i] = math.Float32bits(linearToSRGB(c.F(i)))
		}
	}
	get := func(ch int) uint32 {
		if ch == chPad {
			return 0
		}
		return c[ch]
	}
	ne := binary.NativeEndian
	switch f.DataType {
	case icd.CL_UNORM_SHORT_565:
		v := unorm(c.F(0), 31)<<11 | unorm(c.F(1), 63)<<5 | unorm(c.F(2), 31)
		ne.PutUint16(out, uint16(v))
		return out
	case icd.CL_UNORM_SHORT_555:
		v := unorm(c.F(0), 31)<<10 | unorm(c.F(1), 31)<<5 | unorm(c.F(2), 31)
		ne.PutUint16(out, uint16(v))
		return out
	case icd.CL_UNORM_INT_101010:
		ne.PutUint32(out, unorm(c.F(0), 1023)<<20|unorm(c.F(1), 1023)<<10|unorm(c.F(2), 1023))
		return out
	case icd.CL_UNORM_INT_101010_2:
		ne.PutUint32(out, unorm(c.F(0), 1023)<<22|unorm(c.F(1), 1023)<<12|unorm(c.F(2), 1023)<<2|unorm(c.F(3), 3))
		return out
	case icd.CL_UNORM_INT24:
		ne.PutUint32(out, unorm(c.F(0), 1<<24-1)) // depth; stencil (high byte) 0
		return out
	}
	size, _ := typeSize(f.DataType)
	for i, ch := range chans {
		p := out[uintptr(i)*size:]
		v := get(ch)
		fv := math.Float32frombits(v)
		if ch == chPad {
			fv = 0
		}
		switch f.DataType {
		case icd.CL_UNORM_INT8:
			p[0] = byte(unorm(fv, 255))
		case icd.CL_UNORM_INT16:
			ne.PutUint16(p, uint16(unorm(fv, 65535)))
		case icd.CL_SNORM_INT8:
			p[0] = byte(int8(snorm(fv, 127, -128, 127)))
		case icd.CL_SNORM_INT16:
			ne.PutUint16(p, uint16(int16(snorm(fv, 32767, -32768, 32767))))
		case icd.CL_HALF_FLOAT:
			ne.PutUint16(p, F32ToF16(fv))
		case icd.CL_FLOAT:
			ne.PutUint32(p, v)
		case icd.CL_SIGNED_INT8:
			p[0] = byte(int8(clampInt(int32(v), math.MinInt8, math.MaxInt8)))
		case icd.CL_SIGNED_INT16:
			ne.PutUint16(p, uint16(int16(clampInt(int32(v), math.MinInt16, math.MaxInt16))))
		case icd.CL_SIGNED_INT32:
			ne.PutUint32(p, v)
		case icd.CL_UNSIGNED_INT8:
			p[0] = byte(min(v, math.MaxUint8))
		case icd.CL_UNSIGNED_INT16:
			ne.PutUint16(p, uint16(min(v, math.MaxUint16)))
		case icd.CL_UNSIGNED_INT32:
			ne.PutUint32(p, v)
		}
	}
	return out
}

// Unpack converts one pixel of format f to a color, with the rules of
// read_image{f,i,ui} (sampler-less reads): normalized types scale to [0, 1]
// or [-1, 1], sRGB orders decode the color channels, and missing channels are
// 0 for R, G, B and 1 (or 1.0) for A; CL_INTENSITY replicates into all four,
// CL_LUMINANCE into R, G and B.
func (f Format) Unpack(p []byte) Color {
	ne := binary.NativeEndian
	one := uint32(1)
	if f.Kind() == KindFloat {
		one = math.Float32bits(1)
	}
	c := Color{0, 0, 0, one}
	switch f.DataType {
	case icd.CL_UNORM_SHORT_565:
		v := uint32(ne.Uint16(p))
		return FloatColor(float32(v>>11&31)/31, float32(v>>5&63)/63, float32(v&31)/31, 1)
	case icd.CL_UNORM_SHORT_555:
		v := uint32(ne.Uint16(p))
		return FloatColor(float32(v>>10&31)/31, float32(v>>5&31)/31, float32(v&31)/31, 1)
	case icd.CL_UNORM_INT_101010:
		v := ne.Uint32(p)
		return FloatColor(float32(v>>20&1023)/1023, float32(v>>10&1023)/1023, float32(v&1023)/1023, 1)
	case icd.CL_UNORM_INT_101010_2:
		v := ne.Uint32(p)
		return FloatColor(float32(v>>22&1023)/1023, float32(v>>12&1023)/1023, float32(v>>2&1023)/1023, float32(v&3)/3)
	case icd.CL_UNORM_INT24:
		v := ne.Uint32(p) & (1<<24 - 1)
		return FloatColor(float32(float64(v)/float64(1<<24-1)), 0, 0, 1)
	}
	chans, srgb := layout(f.Order)
	size, _ := typeSize(f.DataType)
	for i, ch := range chans {
		if ch == chPad {
			continue
		}
		q := p[uintptr(i)*size:]
		var v uint32
		switch f.DataType {
		case icd.CL_UNORM_INT8:
			v = math.Float32bits(float32(q[0]) / 255)
		case icd.CL_UNORM_INT16:
			v = math.Float32bits(float32(ne.Uint16(q)) / 65535)
		case icd.CL_SNORM_INT8:
			v = math.Float32bits(max(-1, float32(int8(q[0]))/127))
		case icd.CL_SNORM_INT16:
			v = math.Float32bits(max(-1, float32(int16(ne.Uint16(q)))/32767))
		case icd.CL_HALF_FLOAT:
			v = math.Float32bits(F16ToF32(ne.Uint16(q)))
		case icd.CL_FLOAT, icd.CL_SIGNED_INT32, icd.CL_UNSIGNED_INT32:
			v = ne.Uint32(q)
		case icd.CL_SIGNED_INT8:
			v = uint32(int32(int8(q[0])))
		case icd.CL_SIGNED_INT16:
			v = uint32(int32(int16(ne.Uint16(q))))
		case icd.CL_UNSIGNED_INT8:
			v = uint32(q[0])
		case icd.CL_UNSIGNED_INT16:
			v = uint32(ne.Uint16(q))
		}
		c[ch] = v
	}
	switch f.Order {
	case icd.CL_INTENSITY:
		c = Color{c[0], c[0], c[0], c[0]}
	case icd.CL_LUMINANCE:
		c = Color{c[0], c[0], c[0], one}
	}
	if srgb {
		for i := 0; i < 3; i++ {
			c[i] = math.Float32bits(SRGBToLinear(c.F(i)))
		}
	}
	return c
}

// unorm is convert_u{char,short}_sat_rte(v * scale) for an unsigned
// normalized channel of maximum scale: NaN gives 0.
func unorm(v float32, scale float32) uint32 {
	x := float32(v * scale)
	if x != x || x <= 0 {
		return 0
	}
	if x >= scale {
		return uint32(scale)
	}
	return uint32(math.RoundToEven(float64(x)))
}

// snorm is convert_{char,short}_sat_rte(v * scale), saturating to [lo, hi].
func snorm(v, scale float32, lo, hi int32) int32 {
	x := float32(v * scale)
	if x != x {
		return 0
	}
	r := math.RoundToEven(float64(x))
	if r <= float64(lo) {
		return lo
	}
	if r >= float64(hi) {
		return hi
	}
	return int32(r)
}

func clampInt(v, lo, hi int32) int32 { return max(lo, min(v, hi)) }

// linearToSRGB encodes a linear color channel (OpenCL C: writes to sRGB
// images): clamped to [0, 1], NaN as 0.
func linearToSRGB(c float32) float32 {
	switch {
	case c != c || c <= 0:
		return 0
	case c >= 1:
		return 1
	case c < 0.0031308:
		return 12.92 * c
	}
	return float32(1.055*math.Pow(float64(c), 1/2.4) - 0.055)
}

// SRGBToLinear decodes an sRGB-encoded channel in [0, 1] (reads of sRGB images).
func SRGBToLinear(c float32) float32 {
	if c <= 0.04045 {
		return c / 12.92
	}
	return float32(math.Pow((float64(c)+0.055)/1.055, 2.4))
}

// rshiftRTE shifts v right by s bits, rounding to nearest even.
func rshiftRTE(v uint32, s uint) uint32 {
	if s == 0 {
		return v
	}
	if s > 31 {
		return 0
	}
	q := v >> s
	r := v & (1<<s - 1)
	half := uint32(1) << (s - 1)
	if r > half || r == half && q&1 == 1 {
		q++
	}
	return q
}

// F32ToF16 converts a float to a half float, rounding to nearest even:
// overflow gives infinity, tiny values subnormals or zero, NaN stays NaN.
func F32ToF16(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	exp := int(b >> 23 & 0xff)
	mant := b & 0x7fffff
	if exp == 0xff {
		if mant != 0 {
			return sign | 0x7e00 | uint16(mant>>13)
		}
		return sign | 0x7c00
	}
	e := exp - 127 + 15
	if e >= 31 {
		return sign | 0x7c00
	}
	if e <= 0 {
		if exp == 0 { // float subnormals are far below the half range
			return sign
		}
		// Subnormal half: value = m × 2^-24 with m = significand >> (14 - e).
		return sign | uint16(rshiftRTE(mant|0x800000, uint(14-e)))
	}
	// A carry out of the mantissa correctly bumps the exponent (up to infinity).
	return sign | uint16(uint32(e)<<10+rshiftRTE(mant, 13))
}

// F16ToF32 converts a half float to a float (exactly).
func F16ToF32(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h >> 10 & 0x1f)
	mant := uint32(h & 0x3ff)
	switch {
	case exp == 0x1f:
		return math.Float32frombits(sign | 0x7f800000 | mant<<13)
	case exp == 0:
		if mant == 0 {
			return math.Float32frombits(sign)
		}
		v := float32(mant) / (1 << 24)
		if sign != 0 {
			v = -v
		}
		return v
	}
	return math.Float32frombits(sign | (exp+127-15)<<23 | mant<<13)
}
