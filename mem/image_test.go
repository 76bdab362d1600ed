package mem

import (
	"bytes"
	"math"
	"math/rand"
	"slices"
	"sort"
	"testing"
	"unsafe"

	"gocl/device"
	"gocl/icd"
)

func imageTestContext(t *testing.T) *device.Context {
	t.Helper()
	_, dev := device.Root()
	ctx := device.NewContext([]*device.Device{dev}, nil, nil)
	t.Cleanup(ctx.Release)
	return ctx
}

func TestF32ToF16(t *testing.T) {
	cases := []struct {
		f    float32
		want uint16
	}{
		{0, 0}, {float32(math.Copysign(0, -1)), 0x8000},
		{1, 0x3c00}, {-2, 0xc000}, {0.5, 0x3800},
		{65504, 0x7bff}, {65519, 0x7bff}, {65520, 0x7c00}, {1e10, 0x7c00}, {-1e10, 0xfc00},
		{float32(math.Inf(1)), 0x7c00}, {float32(math.Inf(-1)), 0xfc00},
		{1 + 1.0/2048, 0x3c00},    // tie: to even (1.0)
		{1 + 3.0/2048, 0x3c02},    // tie: to even (up)
		{1 + 1.5/2048, 0x3c01},    // above the tie
		{1.0 / (1 << 14), 0x0400}, // smallest normal
		{1.0 / (1 << 24), 0x0001}, // smallest subnormal
		{1.0 / (1 << 25), 0x0000}, // tie with 0: to even
		{3.0 / (1 << 25), 0x0002}, // 1.5 ulp: to even (2)
		{1.5 / (1 << 25), 0x0001},
		{1023.5 / (1 << 24), 0x0400}, // largest subnormal tie rounds up into the normals
		{1e-30, 0}, {-1e-30, 0x8000}, {math.SmallestNonzeroFloat32, 0},
	}
	for _, c := range cases {
		if got := F32ToF16(c.f); got != c.want {
			t.Errorf("F32ToF16(%g) = 0x%04x, want 0x%04x", c.f, got, c.want)
		}
	}
	if h := F32ToF16(float32(math.NaN())); h&0x7c00 != 0x7c00 || h&0x3ff == 0 {
		t.Errorf("F32ToF16(NaN) = 0x%04x, not a NaN", h)
	}
}

func TestF16RoundTrip(t *testing.T) {
	for h := 0; h < 1<<16; h++ {
		if h&0x7c00 == 0x7c00 && h&0x3ff != 0 {
			continue // NaN
		}
		if got := F32ToF16(F16ToF32(uint16(h))); got != uint16(h) {
			t.Fatalf("0x%04x -> %g -> 0x%04x", h, F16ToF32(uint16(h)), got)
		}
	}
}

// TestF32ToF16Nearest checks rounding against the nearest half found by
// search over all finite positive halves, ties to even.
func TestF32ToF16Nearest(t *testing.T) {
	var halves []float64 // index = half bits for 0 … 0x7bff, increasing
	for h := 0; h <= 0x7bff; h++ {
		halves = append(halves, float64(F16ToF32(uint16(h))))
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 200000; i++ {
		var f float32
		switch i % 3 {
		case 0:
			f = float32(rng.Float64() * 65504)
		case 1:
			f = float32(math.Ldexp(rng.Float64(), -rng.Intn(26)))
		default:
			// Exact ties between two neighbours.
			h := rng.Intn(0x7bff)
			f = float32((halves[h] + halves[h+1]) / 2)
		}
		x := float64(f)
		j := sort.SearchFloat64s(halves, x) // first >= x
		var want uint16
		switch {
		case j < len(halves) && halves[j] == x:
			want = uint16(j)
		case j == 0:
			want = 0
		default:
			lo, hi := halves[j-1], halves[j]
			switch {
			case x-lo < hi-x:
				want = uint16(j - 1)
			case x-lo > hi-x:
				want = uint16(j)
			case (j-1)%2 == 0:
				want = uint16(j - 1)
			default:
				want = uint16(j)
			}
		}
		if got := F32ToF16(f); got != want {
			t.Fatalf("F32ToF16(%.10g) = 0x%04x, want 0x%04x", f, got, want)
		}
	}
}

func TestFormatValid(t *testing.T) {
	cases := []struct {
		f    Format
		size uintptr
	}{
		{Format{icd.CL_RGBA, icd.CL_FLOAT}, 16},
		{Format{icd.CL_RGBA, icd.CL_UNORM_INT8}, 4},
		{Format{icd.CL_R, icd.CL_UNORM_INT8}, 1},
		{Format{icd.CL_RG, icd.CL_HALF_FLOAT}, 4},
		{Format{icd.CL_BGRA, icd.CL_UNORM_INT8}, 4},
		{Format{icd.CL_sRGBA, icd.CL_UNORM_INT8}, 4},
		{Format{icd.CL_RGB, icd.CL_UNORM_SHORT_565}, 2},
		{Format{icd.CL_RGBx, icd.CL_UNORM_INT_101010}, 4},
		{Format{icd.CL_RGBA, icd.CL_UNORM_INT_101010_2}, 4},
		{Format{icd.CL_INTENSITY, icd.CL_FLOAT}, 4},
		{Format{icd.CL_DEPTH, icd.CL_UNORM_INT16}, 2},
		{Format{icd.CL_RGB, icd.CL_UNORM_INT8}, 0},        // 24 bits
		{Format{icd.CL_BGRA, icd.CL_FLOAT}, 0},            // 8-bit types only
		{Format{icd.CL_INTENSITY, icd.CL_SIGNED_INT8}, 0}, // normalized or float only
		{Format{icd.CL_RGBA, icd.CL_UNORM_SHORT_565}, 0},
		{Format{icd.CL_sRGBA, icd.CL_FLOAT}, 0},
		{Format{0x1234, icd.CL_FLOAT}, 0},
		{Format{icd.CL_RGBA, 0x1234}, 0},
	}
	for _, c := range cases {
		if got := c.f.ElemSize(); got != c.size || c.f.Valid() != (c.size != 0) {
			t.Errorf("%+v: size %d valid %v, want %d", c.f, got, c.f.Valid(), c.size)
		}
	}
}

func TestSupportedFormats(t *testing.T) {
	counts := map[uint64]int{
		0:                                39,
		icd.CL_MEM_READ_WRITE:            39,
		icd.CL_MEM_READ_ONLY:             40,
		icd.CL_MEM_WRITE_ONLY:            39,
		icd.CL_MEM_KERNEL_READ_AND_WRITE: 39,
		icd.CL_MEM_READ_ONLY | icd.CL_MEM_USE_HOST_PTR: 40,
	}
	for flags, n := range counts {
		fs := SupportedFormats(icd.CL_MEM_OBJECT_IMAGE2D, flags)
		if len(fs) != n {
			t.Errorf("flags 0x%x: %d formats, want %d", flags, len(fs), n)
		}
		for _, f := range fs {
			if !f.Valid() || !f.Supported(icd.CL_MEM_OBJECT_IMAGE2D, flags) {
				t.Errorf("flags 0x%x: %+v listed but not valid and supported", flags, f)
			}
		}
	}
	// The OpenCL 3.0 minimum list.
	for _, t2 := range []uint32{icd.CL_UNORM_INT8, icd.CL_UNORM_INT16, icd.CL_SIGNED_INT8, icd.CL_SIGNED_INT16, icd.CL_SIGNED_INT32,
		icd.CL_UNSIGNED_INT8, icd.CL_UNSIGNED_INT16, icd.CL_UNSIGNED_INT32, icd.CL_HALF_FLOAT, icd.CL_FLOAT} {
		if !(Format{icd.CL_RGBA, t2}).Supported(icd.CL_MEM_OBJECT_IMAGE3D, icd.CL_MEM_KERNEL_READ_AND_WRITE) {
			t.Errorf("RGBA 0x%x is not supported", t2)
		}
	}
	if (Format{icd.CL_sRGBA, icd.CL_UNORM_INT8}).Supported(icd.CL_MEM_OBJECT_IMAGE2D, icd.CL_MEM_WRITE_ONLY) {
		t.Error("sRGBA is supported for writing")
	}
	// Depth images (cl_khr_depth_images) are 2D images and 2D image arrays.
	for _, ty := range []uint32{icd.CL_MEM_OBJECT_IMAGE1D, icd.CL_MEM_OBJECT_IMAGE1D_ARRAY, icd.CL_MEM_OBJECT_IMAGE1D_BUFFER,
		icd.CL_MEM_OBJECT_IMAGE2D, icd.CL_MEM_OBJECT_IMAGE2D_ARRAY, icd.CL_MEM_OBJECT_IMAGE3D} {
		want := ty == icd.CL_MEM_OBJECT_IMAGE2D || ty == icd.CL_MEM_OBJECT_IMAGE2D_ARRAY
		for _, dt := range []uint32{icd.CL_UNORM_INT16, icd.CL_FLOAT} {
			f := Format{icd.CL_DEPTH, dt}
			if f.Supported(ty, icd.CL_MEM_READ_WRITE) != want || slices.Contains(SupportedFormats(ty, 0), f) != want {
				t.Errorf("depth 0x%x for image type 0x%x: supported %v, want %v", dt, ty, !want, want)
			}
		}
	}
}

func packF(f Format, r, g, b, a float32) []byte { return f.Pack(FloatColor(r, g, b, a)) }

func TestPack(t *testing.T) {
	nan := float32(math.NaN())
	cases := []struct {
		name string
		got  []byte
		want []byte
	}{
		{"unorm8", packF(Format{icd.CL_RGBA, icd.CL_UNORM_INT8}, 0.5, 1, 2, -1), []byte{128, 255, 255, 0}},
		{"unorm8 rounding", packF(Format{icd.CL_RGBA, icd.CL_UNORM_INT8}, 0.2, 0.7, nan, 1.0/255), []byte{51, 178, 0, 1}},
		{"unorm8 tie", packF(Format{icd.CL_RGBA, icd.CL_UNORM_INT8}, 2.5/255, 3.5/255, 0, 0), []byte{2, 4, 0, 0}},
		{"bgra", packF(Format{icd.CL_BGRA, icd.CL_UNORM_INT8}, 1, 0.5, 0, 0.2), []byte{0, 128, 255, 51}},
		{"r", packF(Format{icd.CL_R, icd.CL_UNORM_INT8}, 1, 0.5, 0, 0.2), []byte{255}},
		{"rg", packF(Format{icd.CL_RG, icd.CL_UNORM_INT8}, 1, 0.5, 0, 0.2), []byte{255, 128}},
		{"unorm16", packF(Format{icd.CL_R, icd.CL_UNORM_INT16}, 0.5, 0, 0, 0), []byte{0x00, 0x80}},
		{"snorm8", packF(Format{icd.CL_RGBA, icd.CL_SNORM_INT8}, -1, -2, 0.5, nan), []byte{0x81, 0x80, 64, 0}},
		{"snorm16", packF(Format{icd.CL_RG, icd.CL_SNORM_INT16}, 1, -1, 0, 0), []byte{0xff, 0x7f, 0x01, 0x80}},
		{"half", packF(Format{icd.CL_RG, icd.CL_HALF_FLOAT}, 1, -2, 0, 0), []byte{0x00, 0x3c, 0x00, 0xc0}},
		{"float", packF(Format{icd.CL_R, icd.CL_FLOAT}, 1.5, 0, 0, 0), []byte{0, 0, 0xc0, 0x3f}},
		{"depth unorm16", packF(Format{icd.CL_DEPTH, icd.CL_UNORM_INT16}, 0.25, 1, 1, 1), []byte{0x00, 0x40}},
		{"depth float", packF(Format{icd.CL_DEPTH, icd.CL_FLOAT}, -1.5, 0, 0, 0), []byte{0, 0, 0xc0, 0xbf}},
		{"srgba", packF(Format{icd.CL_sRGBA, icd.CL_UNORM_INT8}, 0.5, 0, 1, 0.5), []byte{188, 0, 255, 128}},
		{"srgba small", packF(Format{icd.CL_sRGBA, icd.CL_UNORM_INT8}, 0.001, 2, -1, 1), []byte{3, 255, 0, 255}},
		{"int8", Format{icd.CL_RGBA, icd.CL_SIGNED_INT8}.Pack(IntColor(300, -300, -5, 127)), []byte{127, 0x80, 0xfb, 127}},
		{"int16", Format{icd.CL_RG, icd.CL_SIGNED_INT16}.Pack(IntColor(40000, -40000, 0, 0)), []byte{0xff, 0x7f, 0x00, 0x80}},
		{"int32", Format{icd.CL_R, icd.CL_SIGNED_INT32}.Pack(IntColor(-2, 0, 0, 0)), []byte{0xfe, 0xff, 0xff, 0xff}},
		{"uint8", Format{icd.CL_RGBA, icd.CL_UNSIGNED_INT8}.Pack(UintColor(300, 255, 1, 0xffffffff)), []byte{255, 255, 1, 255}},
		{"uint16", Format{icd.CL_R, icd.CL_UNSIGNED_INT16}.Pack(UintColor(70000, 0, 0, 0)), []byte{0xff, 0xff}},
		{"uint32", Format{icd.CL_R, icd.CL_UNSIGNED_INT32}.Pack(UintColor(0xdeadbeef, 0, 0, 0)), []byte{0xef, 0xbe, 0xad, 0xde}},
		{"565", packF(Format{icd.CL_RGB, icd.CL_UNORM_SHORT_565}, 1, 0, 1, 0), []byte{0x1f, 0xf8}},
		{"101010_2", packF(Format{icd.CL_RGBA, icd.CL_UNORM_INT_101010_2}, 0, 0, 0, 1), []byte{3, 0, 0, 0}},
		{"rgbx", packF(Format{icd.CL_RGBx, icd.CL_UNORM_INT_101010}, 1, 0, 0, 1), []byte{0, 0, 0xf0, 0x3f}},
	}
	for _, c := range cases {
		if !bytes.Equal(c.got, c.want) {
			t.Errorf("%s: got % x, want % x", c.name, c.got, c.want)
		}
	}
}

// TestPackUnpack round-trips exactly representable colors through every
// supported format.
func TestPackUnpack(t *testing.T) {
	for _, sf := range supportedFormats {
		f := sf.Format
		var c Color
		switch f.Kind() {
		case KindInt:
			c = IntColor(-3, 7, 100, -100)
		case KindUint:
			c = UintColor(3, 7, 100, 200)
		default:
			c = FloatColor(0, 1, 0, 1) // exact in every float format, sRGB included
			if f.DataType == icd.CL_FLOAT || f.DataType == icd.CL_HALF_FLOAT {
				c = FloatColor(-0.5, 2, 0.25, 1)
			}
		}
		got := f.Unpack(f.Pack(c))
		chans, _ := layout(f.Order)
		want := c
		one := uint32(1)
		if f.Kind() == KindFloat {
			one = math.Float32bits(1)
		}
		if len(chans) < 4 {
			want[3] = one
			for i := len(chans); i < 3; i++ {
				want[i] = 0
			}
		}
		if got != want {
			t.Errorf("%+v: %v -> % x -> %v, want %v", f, c, f.Pack(c), got, want)
		}
	}
	// Unpack of normalized values.
	if c := (Format{icd.CL_RGBA, icd.CL_SNORM_INT8}).Unpack([]byte{0x80, 0x81, 127, 0}); c.F(0) != -1 || c.F(1) != -1 || c.F(2) != 1 || c.F(3) != 0 {
		t.Errorf("snorm8 unpack: %v %v %v %v", c.F(0), c.F(1), c.F(2), c.F(3))
	}
	if c := (Format{icd.CL_BGRA, icd.CL_UNORM_INT8}).Unpack([]byte{0, 51, 255, 255}); c.F(0) != 1 || c.F(1) != 0.2 || c.F(2) != 0 || c.F(3) != 1 {
		t.Errorf("bgra unpack: %v %v %v %v", c.F(0), c.F(1), c.F(2), c.F(3))
	}
	if c := (Format{icd.CL_sRGBA, icd.CL_UNORM_INT8}).Unpack([]byte{188, 0, 255, 128}); math.Abs(float64(c.F(0))-0.5) > 0.003 {
		t.Errorf("srgb unpack of 188: %v", c.F(0))
	}
}

func spec2D(w, h uintptr) *ImageSpec {
	return &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: w, Height: h}
}

func TestCheckSpec(t *testing.T) {
	rgba8 := Format{icd.CL_RGBA, icd.CL_UNORM_INT8}
	host := unsafe.Pointer(new(byte))
	type want struct {
		code                int32
		row, slice, h, d, a uintptr
	}
	cases := []struct {
		name   string
		s      ImageSpec
		host   bool
		legacy bool
		want   want
	}{
		{"1D", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE1D, Width: 10, Height: 5, Depth: 3, ArraySize: 9}, false, false, want{0, 40, 0, 0, 0, 0}},
		{"1D array", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE1D_ARRAY, Width: 10, Height: 5, ArraySize: 3}, false, false, want{0, 40, 40, 0, 0, 3}},
		{"1D array pitches", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE1D_ARRAY, Width: 10, ArraySize: 3, RowPitch: 48, SlicePitch: 96}, true, false, want{0, 48, 96, 0, 0, 3}},
		{"2D", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 10, Height: 5, Depth: 7}, false, false, want{0, 40, 0, 5, 0, 0}},
		{"2D pitch", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 10, Height: 5, RowPitch: 64, SlicePitch: 3}, true, false, want{0, 64, 0, 5, 0, 0}},
		{"2D array", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D_ARRAY, Width: 10, Height: 5, ArraySize: 2}, false, false, want{0, 40, 200, 5, 0, 2}},
		{"3D", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE3D, Width: 10, Height: 5, Depth: 2}, false, false, want{0, 40, 200, 5, 2, 0}},
		{"3D pitches", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE3D, Width: 10, Height: 5, Depth: 2, RowPitch: 44, SlicePitch: 440}, true, false, want{0, 44, 440, 5, 2, 0}},
		{"3D host, no pitches", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE3D, Width: 10, Height: 5, Depth: 2}, true, false, want{0, 40, 200, 5, 2, 0}},
		{"bad type", ImageSpec{Type: icd.CL_MEM_OBJECT_BUFFER, Width: 10}, false, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"width 0", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE1D}, false, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"height 0", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 1}, false, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"legacy height 0", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 1}, false, true, want{code: icd.CL_INVALID_IMAGE_SIZE}},
		{"depth 0", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE3D, Width: 1, Height: 1}, false, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"depth 1", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE3D, Width: 1, Height: 1, Depth: 1}, false, false, want{0, 4, 4, 1, 1, 0}},
		{"legacy depth 1", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE3D, Width: 1, Height: 1, Depth: 1}, false, true, want{code: icd.CL_INVALID_IMAGE_SIZE}},
		{"array 0", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D_ARRAY, Width: 1, Height: 1}, false, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"mip", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 1, Height: 1, NumMipLevels: 2}, false, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"samples", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 1, Height: 1, NumSamples: 1}, false, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"pitch without host_ptr", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 1, Height: 1, RowPitch: 4}, false, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"legacy pitch without host_ptr", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 1, Height: 1, RowPitch: 4}, false, true, want{code: icd.CL_INVALID_IMAGE_SIZE}},
		{"slice pitch without host_ptr", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE3D, Width: 1, Height: 1, Depth: 2, SlicePitch: 4}, false, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"row pitch too small", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 10, Height: 1, RowPitch: 36}, true, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"row pitch not a multiple", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 10, Height: 1, RowPitch: 42}, true, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"slice pitch too small", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE3D, Width: 10, Height: 5, Depth: 2, SlicePitch: 160}, true, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"slice pitch not a multiple", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE3D, Width: 10, Height: 5, Depth: 2, SlicePitch: 204}, true, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"1D buffer without buffer", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE1D_BUFFER, Width: 10}, false, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
		{"bad mem_object", ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE1D_BUFFER, Width: 10, BadMemObject: true}, false, false, want{code: icd.CL_INVALID_IMAGE_DESCRIPTOR}},
	}
	for _, c := range cases {
		var hp unsafe.Pointer
		if c.host {
			hp = host
		}
		d, code := checkSpec(&c.s, rgba8, 4, hp, c.legacy)
		if code != c.want.code {
			t.Errorf("%s: code %d, want %d", c.name, code, c.want.code)
			continue
		}
		if code != icd.CL_SUCCESS {
			continue
		}
		got := want{0, d.RowPitch, d.SlicePitch, d.Height, d.Depth, d.ArraySize}
		if got != c.want || d.Width != c.s.Width {
			t.Errorf("%s: layout %+v, want %+v", c.name, got, c.want)
		}
	}
}

func TestNewImage(t *testing.T) {
	ctx := imageTestContext(t)
	rgba8 := &Format{icd.CL_RGBA, icd.CL_UNORM_INT8}
	srgba := &Format{icd.CL_sRGBA, icd.CL_UNORM_INT8}
	check := func(name string, code, want int32) {
		t.Helper()
		if code != want {
			t.Errorf("%s: code %s, want %s", name, icd.ErrorName(code), icd.ErrorName(want))
		}
	}
	_, code := NewImage(ctx, icd.CL_MEM_KERNEL_READ_AND_WRITE, rgba8, spec2D(4, 4), nil, nil, false)
	check("KERNEL_READ_AND_WRITE", code, icd.CL_INVALID_VALUE)
	_, code = NewImage(ctx, icd.CL_MEM_READ_ONLY|icd.CL_MEM_WRITE_ONLY, rgba8, spec2D(4, 4), nil, nil, false)
	check("two access flags", code, icd.CL_INVALID_VALUE)
	_, code = NewImage(ctx, 0, nil, spec2D(4, 4), nil, nil, false)
	check("NULL format", code, icd.CL_INVALID_IMAGE_FORMAT_DESCRIPTOR)
	_, code = NewImage(ctx, 0, &Format{icd.CL_RGB, icd.CL_UNORM_INT8}, spec2D(4, 4), nil, nil, false)
	check("bad format", code, icd.CL_INVALID_IMAGE_FORMAT_DESCRIPTOR)
	_, code = NewImage(ctx, 0, rgba8, nil, nil, nil, false)
	check("NULL desc", code, icd.CL_INVALID_IMAGE_DESCRIPTOR)
	_, code = NewImage(ctx, 0, rgba8, spec2D(Image2DMaxWidth+1, 1), nil, nil, false)
	check("too wide", code, icd.CL_INVALID_IMAGE_SIZE)
	_, code = NewImage(ctx, 0, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE3D, Width: 1, Height: 1, Depth: Image3DMaxDepth + 1}, nil, nil, false)
	check("too deep", code, icd.CL_INVALID_IMAGE_SIZE)
	_, code = NewImage(ctx, 0, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE1D_ARRAY, Width: 1, ArraySize: ImageMaxArraySize + 1}, nil, nil, false)
	check("too many layers", code, icd.CL_INVALID_IMAGE_SIZE)
	_, code = NewImage(ctx, icd.CL_MEM_USE_HOST_PTR, rgba8, spec2D(4, 4), nil, nil, false)
	check("USE_HOST_PTR without host_ptr", code, icd.CL_INVALID_HOST_PTR)
	_, code = NewImage(ctx, 0, srgba, spec2D(4, 4), nil, nil, false)
	check("sRGBA read-write", code, icd.CL_IMAGE_FORMAT_NOT_SUPPORTED)
	_, code = NewImage(ctx, 0, &Format{icd.CL_A, icd.CL_UNORM_INT8}, spec2D(4, 4), nil, nil, false)
	check("CL_A", code, icd.CL_IMAGE_FORMAT_NOT_SUPPORTED)

	// COPY_HOST_PTR with a row pitch: the storage keeps the pitch.
	src := make([]byte, 3*24)
	for i := range src {
		src[i] = byte(i)
	}
	s := spec2D(5, 3)
	s.RowPitch = 24
	img, code := NewImage(ctx, icd.CL_MEM_COPY_HOST_PTR, rgba8, s, unsafe.Pointer(&src[0]), nil, false)
	check("copy host ptr", code, icd.CL_SUCCESS)
	if code == icd.CL_SUCCESS {
		if img.Image.RowPitch != 24 || img.Size != 72 || img.Flags&icd.CL_MEM_READ_WRITE == 0 {
			t.Errorf("copy host ptr: row pitch %d size %d flags 0x%x", img.Image.RowPitch, img.Size, img.Flags)
		}
		out := make([]byte, 2*8)
		img.ReadImage(unsafe.Pointer(&out[0]), Rect{RowPitch: 8}, [3]uintptr{1, 1, 0}, [3]uintptr{2, 2, 1})
		want := []byte{28, 29, 30, 31, 32, 33, 34, 35, 52, 53, 54, 55, 56, 57, 58, 59}
		if !bytes.Equal(out, want) {
			t.Errorf("read back % x, want % x", out, want)
		}

		// A 2D view of it, and 1D image buffers of a buffer.
		view, code := NewImage(ctx, 0, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 5, Height: 3, MemObject: img}, nil, nil, false)
		check("view", code, icd.CL_SUCCESS)
		if code == icd.CL_SUCCESS {
			if !SameStorage(view, img) || view.Image.RowPitch != 24 {
				t.Errorf("view does not share the image's storage")
			}
			view.Release()
		}
		_, code = NewImage(ctx, 0, &Format{icd.CL_RGBA, icd.CL_UNORM_INT16}, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 5, Height: 3, MemObject: img}, nil, nil, false)
		check("view of another data type", code, icd.CL_INVALID_IMAGE_FORMAT_DESCRIPTOR)
		_, code = NewImage(ctx, 0, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 4, Height: 3, MemObject: img}, nil, nil, false)
		check("view of another size", code, icd.CL_INVALID_IMAGE_DESCRIPTOR)
		img.Release()
	}

	buf, code := NewBuffer(ctx, icd.CL_MEM_READ_ONLY|icd.CL_MEM_HOST_NO_ACCESS, 256, nil, nil)
	check("buffer", code, icd.CL_SUCCESS)
	defer buf.Release()
	ib, code := NewImage(ctx, 0, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE1D_BUFFER, Width: 64, MemObject: buf}, nil, nil, false)
	check("1D image buffer", code, icd.CL_SUCCESS)
	if code == icd.CL_SUCCESS {
		if !SameStorage(ib, buf) || ib.Flags != icd.CL_MEM_READ_ONLY|icd.CL_MEM_HOST_NO_ACCESS || ib.Parent != buf || ib.Size != 256 {
			t.Errorf("1D image buffer: flags 0x%x size %d", ib.Flags, ib.Size)
		}
		ib.Release()
	}
	_, code = NewImage(ctx, 0, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE1D_BUFFER, Width: 65, MemObject: buf}, nil, nil, false)
	check("1D image buffer too wide", code, icd.CL_INVALID_IMAGE_DESCRIPTOR)
	_, code = NewImage(ctx, icd.CL_MEM_READ_WRITE, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE1D_BUFFER, Width: 4, MemObject: buf}, nil, nil, false)
	check("1D image buffer widening access", code, icd.CL_INVALID_VALUE)
	_, code = NewImage(ctx, icd.CL_MEM_HOST_READ_ONLY, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE1D_BUFFER, Width: 4, MemObject: buf}, nil, nil, false)
	check("1D image buffer widening host access", code, icd.CL_INVALID_VALUE)
	_, code = NewImage(ctx, icd.CL_MEM_ALLOC_HOST_PTR, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE1D_BUFFER, Width: 4, MemObject: buf}, nil, nil, false)
	check("1D image buffer with a host pointer flag", code, icd.CL_INVALID_VALUE)
	Image2DFromBuffer = false
	_, code = NewImage(ctx, 0, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 4, Height: 4, MemObject: buf}, nil, nil, false)
	check("2D image from a buffer, disabled", code, icd.CL_INVALID_IMAGE_DESCRIPTOR)
	_, code = NewImage(ctx, 0, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE3D, Width: 4, Height: 4, Depth: 2, MemObject: buf}, nil, nil, false)
	check("3D image from a buffer", code, icd.CL_INVALID_IMAGE_DESCRIPTOR)

	// 2D images from buffers, when enabled.
	Image2DFromBuffer = true
	defer func() { Image2DFromBuffer = true }()
	i2, code := NewImage(ctx, 0, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 4, Height: 4, RowPitch: 32, MemObject: buf}, nil, nil, false)
	check("2D image from a buffer, enabled", code, icd.CL_SUCCESS)
	if code == icd.CL_SUCCESS {
		if !SameStorage(i2, buf) || i2.Image.RowPitch != 32 || i2.Image.Height != 4 || i2.Size != 128 {
			t.Errorf("2D image from a buffer: %+v", i2.Image)
		}
		i2.Release()
	}
	_, code = NewImage(ctx, 0, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 4, Height: 9, RowPitch: 32, MemObject: buf}, nil, nil, false)
	check("2D image from a buffer too small", code, icd.CL_INVALID_IMAGE_DESCRIPTOR)
	_, code = NewImage(ctx, 0, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 4, Height: 4, RowPitch: 18, MemObject: buf}, nil, nil, false)
	check("2D image from a buffer, bad pitch", code, icd.CL_INVALID_IMAGE_DESCRIPTOR)
	hostMem := make([]byte, 300)
	ub, code := NewBuffer(ctx, icd.CL_MEM_USE_HOST_PTR, 256, unsafe.Pointer(&hostMem[1]), nil)
	check("misaligned host buffer", code, icd.CL_SUCCESS)
	if code == icd.CL_SUCCESS {
		_, code = NewImage(ctx, 0, rgba8, &ImageSpec{Type: icd.CL_MEM_OBJECT_IMAGE2D, Width: 4, Height: 4, MemObject: ub}, nil, nil, false)
		check("2D image from a misaligned host buffer", code, icd.CL_INVALID_IMAGE_FORMAT_DESCRIPTOR)
		ub.Release()
	}
}

// testImage makes an unpublished image with its own storage.
func testImage(t *testing.T, typ uint32, f Format, w, h, d, layers, rowPitch, slicePitch uintptr) *Mem {
	t.Helper()
	var hostPtr unsafe.Pointer
	if rowPitch != 0 || slicePitch != 0 {
		hostPtr = unsafe.Pointer(new(byte))
	}
	desc, code := checkSpec(&ImageSpec{Type: typ, Width: w, Height: h, Depth: d, ArraySize: layers, RowPitch: rowPitch, SlicePitch: slicePitch}, f, f.ElemSize(), hostPtr, false)
	if code != icd.CL_SUCCESS {
		t.Fatalf("checkSpec: %d", code)
	}
	size, code := checkLimits(imageTestContext(t), desc)
	if code != icd.CL_SUCCESS {
		t.Fatalf("checkLimits: %d", code)
	}
	m := &Mem{Type: typ, Size: size, Image: desc, store: &storage{size: size}}
	t.Cleanup(func() { hostFree(m.store.ptr, m.store.size) })
	return m
}

func TestRegions(t *testing.T) {
	f := Format{icd.CL_R, icd.CL_UNSIGNED_INT16}
	img1 := testImage(t, icd.CL_MEM_OBJECT_IMAGE1D, f, 16, 0, 0, 0, 0, 0)
	arr1 := testImage(t, icd.CL_MEM_OBJECT_IMAGE1D_ARRAY, f, 16, 0, 0, 4, 0, 0)
	img2 := testImage(t, icd.CL_MEM_OBJECT_IMAGE2D, f, 16, 8, 0, 0, 0, 0)
	arr2 := testImage(t, icd.CL_MEM_OBJECT_IMAGE2D_ARRAY, f, 16, 8, 0, 3, 0, 0)
	img3 := testImage(t, icd.CL_MEM_OBJECT_IMAGE3D, f, 16, 8, 4, 0, 64, 1024)
	cases := []struct {
		m              *Mem
		origin, region [3]uintptr
		ok             bool
		start, end     uintptr
		row, slice     uintptr
	}{
		{img1, [3]uintptr{2, 0, 0}, [3]uintptr{14, 1, 1}, true, 4, 32, 32, 0},
		{img1, [3]uintptr{2, 0, 0}, [3]uintptr{15, 1, 1}, false, 0, 0, 0, 0},
		{img1, [3]uintptr{0, 1, 0}, [3]uintptr{1, 1, 1}, false, 0, 0, 0, 0},
		{img1, [3]uintptr{0, 0, 0}, [3]uintptr{1, 2, 1}, false, 0, 0, 0, 0},
		{img1, [3]uintptr{0, 0, 0}, [3]uintptr{0, 1, 1}, false, 0, 0, 0, 0},
		{arr1, [3]uintptr{1, 2, 0}, [3]uintptr{3, 2, 1}, true, 2 + 64, 2 + 96 + 6, 32, 32},
		{arr1, [3]uintptr{1, 2, 0}, [3]uintptr{3, 3, 1}, false, 0, 0, 0, 0},
		{arr1, [3]uintptr{1, 0, 1}, [3]uintptr{3, 1, 1}, false, 0, 0, 0, 0},
		{img2, [3]uintptr{1, 2, 0}, [3]uintptr{3, 2, 1}, true, 2 + 64, 2 + 96 + 6, 32, 0},
		{img2, [3]uintptr{1, 2, 0}, [3]uintptr{3, 2, 2}, false, 0, 0, 0, 0},
		{img2, [3]uintptr{0, 0, 0}, [3]uintptr{16, 8, 1}, true, 0, 256, 32, 0},
		{arr2, [3]uintptr{0, 0, 1}, [3]uintptr{16, 8, 2}, true, 256, 768, 32, 256},
		{arr2, [3]uintptr{0, 0, 3}, [3]uintptr{1, 1, 1}, false, 0, 0, 0, 0},
		{img3, [3]uintptr{1, 1, 1}, [3]uintptr{2, 2, 2}, true, 1024 + 64 + 2, 2048 + 128 + 2 + 4, 64, 1024},
		{img3, [3]uintptr{^uintptr(0), 0, 0}, [3]uintptr{2, 1, 1}, false, 0, 0, 0, 0},
	}
	for i, c := range cases {
		start, end, ptrOff, row, slice, code := c.m.ImageRegion(c.origin, c.region)
		if (code == icd.CL_SUCCESS) != c.ok {
			t.Errorf("case %d: code %d, want ok=%v", i, code, c.ok)
			continue
		}
		if c.ok && (start != c.start || end != c.end || ptrOff != start || row != c.row || slice != c.slice) {
			t.Errorf("case %d: [%d, %d) row %d slice %d, want [%d, %d) row %d slice %d", i, start, end, row, slice, c.start, c.end, c.row, c.slice)
		}
	}
}

func TestHostRect(t *testing.T) {
	f := Format{icd.CL_RGBA, icd.CL_FLOAT}
	img2 := testImage(t, icd.CL_MEM_OBJECT_IMAGE2D, f, 16, 8, 0, 0, 0, 0)
	arr1 := testImage(t, icd.CL_MEM_OBJECT_IMAGE1D_ARRAY, f, 16, 0, 0, 4, 0, 0)
	img3 := testImage(t, icd.CL_MEM_OBJECT_IMAGE3D, f, 16, 8, 4, 0, 0, 0)
	cases := []struct {
		m          *Mem
		region     [3]uintptr
		row, slice uintptr
		ok         bool
		want       Rect
	}{
		{img2, [3]uintptr{4, 2, 1}, 0, 0, true, Rect{RowPitch: 64}},
		{img2, [3]uintptr{4, 2, 1}, 100, 0, true, Rect{RowPitch: 100}},
		{img2, [3]uintptr{4, 2, 1}, 63, 0, false, Rect{}},
		{img2, [3]uintptr{4, 2, 1}, 0, 128, false, Rect{}},
		{arr1, [3]uintptr{4, 2, 1}, 0, 0, true, Rect{RowPitch: 64}},
		{arr1, [3]uintptr{4, 2, 1}, 80, 0, true, Rect{RowPitch: 80}},
		{arr1, [3]uintptr{4, 2, 1}, 0, 96, true, Rect{RowPitch: 96}},
		{arr1, [3]uintptr{4, 2, 1}, 80, 64, false, Rect{}},
		{img3, [3]uintptr{4, 2, 3}, 0, 0, true, Rect{RowPitch: 64, SlicePitch: 128}},
		{img3, [3]uintptr{4, 2, 3}, 80, 0, true, Rect{RowPitch: 80, SlicePitch: 160}},
		{img3, [3]uintptr{4, 2, 3}, 0, 127, false, Rect{}},
	}
	for i, c := range cases {
		r, code := c.m.HostRect(c.region, c.row, c.slice)
		if (code == icd.CL_SUCCESS) != c.ok || c.ok && r != c.want {
			t.Errorf("case %d: %+v code %d, want %+v ok=%v", i, r, code, c.want, c.ok)
		}
	}
}

// TestCopies writes, copies, fills and reads back boxes of 3D images with
// padded pitches, checking every pixel against a model.
func TestCopies(t *testing.T) {
	f := Format{icd.CL_R, icd.CL_UNSIGNED_INT32}
	const w, h, d = 7, 5, 3
	a := testImage(t, icd.CL_MEM_OBJECT_IMAGE3D, f, w, h, d, 0, 32, 32*6)
	b := testImage(t, icd.CL_MEM_OBJECT_IMAGE2D_ARRAY, f, w, h, 0, d, 0, 0)
	var model [2][d][h][w]uint32
	px := func(m *Mem, x, y, z uintptr) uint32 {
		p, _ := m.Ptr()
		r := m.rect([3]uintptr{x, y, z})
		return *(*uint32)(unsafe.Add(p, r.offset(0, 0)))
	}
	verify := func(step string) {
		t.Helper()
		for i, m := range []*Mem{a, b} {
			for z := uintptr(0); z < d; z++ {
				for y := uintptr(0); y < h; y++ {
					for x := uintptr(0); x < w; x++ {
						if got, want := px(m, x, y, z), model[i][z][y][x]; got != want {
							t.Fatalf("%s: image %d (%d,%d,%d) = %d, want %d", step, i, x, y, z, got, want)
						}
					}
				}
			}
		}
	}
	// Write the whole of a from a host buffer with padded pitches.
	host := make([]uint32, 8*6*d)
	for i := range host {
		host[i] = uint32(i)
	}
	hr, code := a.HostRect([3]uintptr{w, h, d}, 32, 32*6)
	if code != icd.CL_SUCCESS {
		t.Fatal(code)
	}
	a.WriteImage(unsafe.Pointer(&host[0]), hr, [3]uintptr{}, [3]uintptr{w, h, d})
	for z := 0; z < d; z++ {
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				model[0][z][y][x] = uint32(z*48 + y*8 + x)
			}
		}
	}
	verify("write")
	// Copy a box from a to b at another origin.
	so, do, r := [3]uintptr{1, 2, 0}, [3]uintptr{3, 0, 1}, [3]uintptr{4, 3, 2}
	CopyImage(b, do, a, so, r)
	for z := uintptr(0); z < r[2]; z++ {
		for y := uintptr(0); y < r[1]; y++ {
			for x := uintptr(0); x < r[0]; x++ {
				model[1][do[2]+z][do[1]+y][do[0]+x] = model[0][so[2]+z][so[1]+y][so[0]+x]
			}
		}
	}
	verify("copy")
	// Fill a box of b.
	pixel := f.Pack(UintColor(0xabcdef, 0, 0, 0))
	fo, fr := [3]uintptr{2, 1, 0}, [3]uintptr{5, 4, 3}
	b.FillImage(pixel, fo, fr)
	for z := uintptr(0); z < fr[2]; z++ {
		for y := uintptr(0); y < fr[1]; y++ {
			for x := uintptr(0); x < fr[0]; x++ {
				model[1][fo[2]+z][fo[1]+y][fo[0]+x] = 0xabcdef
			}
		}
	}
	verify("fill")
	// Read a box of b, tightly packed.
	ro, rr := [3]uintptr{1, 1, 1}, [3]uintptr{5, 3, 2}
	out := make([]uint32, 5*3*2)
	hr, _ = b.HostRect(rr, 0, 0)
	b.ReadImage(unsafe.Pointer(&out[0]), hr, ro, rr)
	for z := uintptr(0); z < rr[2]; z++ {
		for y := uintptr(0); y < rr[1]; y++ {
			for x := uintptr(0); x < rr[0]; x++ {
				if got, want := out[(z*rr[1]+y)*rr[0]+x], model[1][ro[2]+z][ro[1]+y][ro[0]+x]; got != want {
					t.Fatalf("read (%d,%d,%d) = %d, want %d", x, y, z, got, want)
				}
			}
		}
	}
}

func TestOverlap(t *testing.T) {
	r := [3]uintptr{2, 2, 1}
	if !Overlap([3]uintptr{0, 0, 0}, [3]uintptr{1, 1, 0}, r) {
		t.Error("overlapping boxes")
	}
	if Overlap([3]uintptr{0, 0, 0}, [3]uintptr{2, 0, 0}, r) || Overlap([3]uintptr{0, 0, 0}, [3]uintptr{0, 0, 1}, r) {
		t.Error("disjoint boxes")
	}
}
