package device

import "gocl/icd"

// Sampler is a sampler object: how a kernel reads an image.
//
// It lives in package device rather than mem because it owns no memory: like
// a command-queue it is a small object of a context, and what a kernel needs
// from it (Bits) is a device matter. build (kernel arguments) and mem
// (images) can both use it without mem growing a dependency it does not need.
type Sampler struct {
	icd.Base
	Ctx        *Context
	Normalized bool   // CL_SAMPLER_NORMALIZED_COORDS
	Addressing uint32 // CL_SAMPLER_ADDRESSING_MODE: CL_ADDRESS_*
	Filter     uint32 // CL_SAMPLER_FILTER_MODE: CL_FILTER_*
	// Props is the property list given to clCreateSamplerWithProperties,
	// terminator included; nil when none was given (or clCreateSampler).
	Props []uint64
}

// Sampler defaults (clCreateSamplerWithProperties without the property).
const (
	DefaultSamplerNormalized = true
	DefaultSamplerAddressing = icd.CL_ADDRESS_CLAMP
	DefaultSamplerFilter     = icd.CL_FILTER_NEAREST
)

// NewSampler creates a sampler and its handle; it holds its context. The
// caller has validated the values (CheckSampler).
func NewSampler(ctx *Context, normalized bool, addressing, filter uint32, props []uint64) *Sampler {
	s := &Sampler{Ctx: ctx, Normalized: normalized, Addressing: addressing, Filter: filter, Props: props}
	ctx.Ref()
	icd.Register(s, icd.KindSampler, func() { ctx.Unref() })
	return s
}

// CheckSampler validates the three sampler values (CL_INVALID_VALUE).
//
// CL_ADDRESS_REPEAT and CL_ADDRESS_MIRRORED_REPEAT with unnormalized
// coordinates are accepted: the OpenCL C specification makes the result of
// reading an image through such a sampler undefined, which is no reason to
// refuse the sampler (samplers are also declared in kernel source, where no
// API call could refuse them).
func CheckSampler(normalized uint64, addressing, filter uint64) int32 {
	if normalized != icd.CL_TRUE && normalized != icd.CL_FALSE {
		return icd.Fail(icd.CL_INVALID_VALUE, "normalized coordinates %d is neither CL_TRUE nor CL_FALSE", normalized)
	}
	switch addressing {
	case icd.CL_ADDRESS_NONE, icd.CL_ADDRESS_CLAMP_TO_EDGE, icd.CL_ADDRESS_CLAMP,
		icd.CL_ADDRESS_REPEAT, icd.CL_ADDRESS_MIRRORED_REPEAT:
	default:
		return icd.Fail(icd.CL_INVALID_VALUE, "0x%x is not a cl_addressing_mode", addressing)
	}
	switch filter {
	case icd.CL_FILTER_NEAREST, icd.CL_FILTER_LINEAR:
	default:
		return icd.Fail(icd.CL_INVALID_VALUE, "0x%x is not a cl_filter_mode", filter)
	}
	return icd.CL_SUCCESS
}

// ParseSamplerProps reads a clCreateSamplerWithProperties list (nil for
// none): CL_INVALID_VALUE for an unknown or repeated name or a bad value.
// The mipmap properties of cl_khr_mipmap_image are unknown here: gocl does
// not claim the extension.
func ParseSamplerProps(props []uint64) (normalized bool, addressing, filter uint32, code int32) {
	norm, addr, filt := uint64(icd.CL_TRUE), uint64(DefaultSamplerAddressing), uint64(DefaultSamplerFilter)
	seen := map[uint64]bool{}
	for i := 0; i+1 < len(props); i += 2 {
		name, value := props[i], props[i+1]
		if seen[name] {
			return false, 0, 0, icd.Fail(icd.CL_INVALID_VALUE, "sampler property 0x%x is given twice", name)
		}
		seen[name] = true
		switch name {
		case icd.CL_SAMPLER_NORMALIZED_COORDS:
			norm = value
		case icd.CL_SAMPLER_ADDRESSING_MODE:
			addr = value
		case icd.CL_SAMPLER_FILTER_MODE:
			filt = value
		default:
			return false, 0, 0, icd.Fail(icd.CL_INVALID_VALUE, "0x%x is not a supported sampler property", name)
		}
		if code := CheckSampler(norm, addr, filt); code != icd.CL_SUCCESS {
			return false, 0, 0, code
		}
	}
	return norm == icd.CL_TRUE, uint32(addr), uint32(filt), icd.CL_SUCCESS
}

// SamplerContextOK is CL_INVALID_OPERATION unless some device of ctx
// supports images. Every gocl device does (CL_DEVICE_IMAGE_SUPPORT is
// CL_TRUE: images are host memory with a linear layout).
func SamplerContextOK(ctx *Context) int32 {
	if len(ctx.Devices) == 0 {
		return icd.Fail(icd.CL_INVALID_OPERATION, "no device of the context supports images")
	}
	return icd.CL_SUCCESS
}

// Bits is the sampler as the OpenCL C sampler_t value of clang's
// opencl-c-base.h: CLK_NORMALIZED_COORDS_* | CLK_ADDRESS_* | CLK_FILTER_*.
// Kernels receive sampler arguments in this form.
func (s *Sampler) Bits() uint32 {
	var b uint32
	if s.Normalized {
		b |= 1 // CLK_NORMALIZED_COORDS_TRUE
	}
	b |= (s.Addressing - icd.CL_ADDRESS_NONE) << 1 // CLK_ADDRESS_NONE 0, CLAMP_TO_EDGE 2, CLAMP 4, REPEAT 6, MIRRORED_REPEAT 8
	if s.Filter == icd.CL_FILTER_LINEAR {
		b |= 0x20 // CLK_FILTER_LINEAR
	} else {
		b |= 0x10 // CLK_FILTER_NEAREST
	}
	return b
}
