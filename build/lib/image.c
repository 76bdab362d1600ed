/* Image built-ins (OpenCL C 3.0 s6.15.15) and samplers: read_image{f,i,ui}
 * with and without a sampler, write_image{f,i,ui}, get_image_*, and
 * __translate_sampler_initializer, which clang calls for sampler literals
 * and program-scope constant samplers.
 *
 * Values. On x86-64 clang lowers image and sampler values to plain
 * pointers. An image is a pointer to a gocl_image descriptor, which the
 * driver writes into the kernel's argument block at enqueue
 * (build/kernel.go mirrors the struct); the generated entry points pass it
 * with __builtin_astype (build/entrypoints.go). A sampler is its sampler_t
 * bits (CLK_NORMALIZED_COORDS_* | CLK_ADDRESS_* | CLK_FILTER_*, the values
 * of clang's opencl-c-base.h and of device.Sampler.Bits) held in the
 * pointer itself: no memory behind it.
 *
 * Semantics: the OpenCL 3.0 API specification's "Image Addressing and
 * Filtering" (coordinates to texels for each addressing mode, nearest,
 * bilinear and trilinear weights, border colors), and the OpenCL C
 * conversion rules for reads and writes (normalized integers, half floats
 * rounded to nearest even, saturation, sRGB decoding). What the
 * specification leaves undefined is made memory-safe here: coordinates out
 * of the image read the border color (a sampler-less read is one with
 * CLK_ADDRESS_NONE) and writes outside it are dropped; REPEAT and
 * MIRRORED_REPEAT with unnormalized coordinates clamp to the edge; NaN and
 * huge coordinates are clamped before they become integers; linear
 * filtering of integer images reads the nearest texel.
 *
 * The mangled entry points (one per overload of opencl-c.h) are generated
 * at the end of this file by gen/image.py; everything above the marker is
 * hand-written. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef float float2 __attribute__((ext_vector_type(2)));
typedef float float4 __attribute__((ext_vector_type(4)));
typedef int int2 __attribute__((ext_vector_type(2)));
typedef int int4 __attribute__((ext_vector_type(4)));
typedef unsigned uint4 __attribute__((ext_vector_type(4)));

/* The image descriptor (build/kernel.go imageDesc mirrors it). Texel
 * (x, y, z) is at data + x*pitch[0] + y*pitch[1] + z*pitch[2]: the layers
 * of a 1D array are along y, those of a 2D array along z; size[] is the
 * extent along each, 1 for the coordinates an image type does not use. */
typedef struct {
	char *data;
	int64_t pitch[3];   /* element size, row pitch, slice pitch (1D array: layer pitch in [1]) */
	int32_t size[3];
	int32_t width, height, depth; /* get_image_width/height/depth: 0 where undefined */
	int32_t array_size;
	int32_t order, type; /* CL_* channel order and data type (= CLK_*) */
	int32_t pad;
} gocl_image;
_Static_assert(sizeof(gocl_image) == 72, "build/kernel.go imageDesc has the same layout");

/* Channel orders and data types (cl.h values, = CLK_* of OpenCL C). */
enum {
	R = 0x10B0, A = 0x10B1, RG = 0x10B2, RA = 0x10B3, RGBA = 0x10B5, BGRA = 0x10B6, ARGB = 0x10B7,
	INTENSITY = 0x10B8, LUMINANCE = 0x10B9, DEPTH = 0x10BD, sRGBA = 0x10C1, sBGRA = 0x10C2, ABGR = 0x10C3,
};
enum {
	SNORM_INT8 = 0x10D0, SNORM_INT16, UNORM_INT8, UNORM_INT16,
	SIGNED_INT8 = 0x10D7, SIGNED_INT16, SIGNED_INT32, UNSIGNED_INT8, UNSIGNED_INT16, UNSIGNED_INT32,
	HALF_FLOAT, FLOAT,
};
/* Sampler bits. */
enum {
	NORMALIZED = 1, ADDRESS = 0xE,
	ADDRESS_NONE = 0, CLAMP_TO_EDGE = 2, CLAMP = 4, REPEAT = 6, MIRRORED_REPEAT = 8,
	FILTER_LINEAR = 0x20,
};
/* Image shapes: how coordinates map to (x, y, z) and which one is a layer. */
enum { S1D, S1DA, S2D, S2DA, S3D };

#define INLINE static inline __attribute__((always_inline))
#define BORDER INT32_MIN /* an index outside the image: the border color */

/* ---- pixels ---- */

INLINE uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
INLINE float bitsf(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

INLINE int is_int_type(int t) { return t >= SIGNED_INT8 && t <= UNSIGNED_INT32; }

/* The color of a border texel: 0 with alpha 0 for orders with an alpha
 * channel, 1 (1.0f for float-read formats) otherwise. */
INLINE uint4 border(const gocl_image *im) {
	int o = im->order;
	int alpha = o == A || o == RA || o == RGBA || o == BGRA || o == ARGB || o == ABGR ||
		o == INTENSITY || o == sRGBA || o == sBGRA;
	uint32_t one = is_int_type(im->type) ? 1 : fbits(1.0f);
	return (uint4){0, 0, 0, alpha ? 0 : one};
}

INLINE float srgb_to_linear(float c) {
	if (c <= 0.04045f) return c / 12.92f;
	return (float)__builtin_pow((c + 0.055) / 1.055, 2.4);
}

INLINE float linear_to_srgb(float c) {
	if (!(c > 0.0f)) return 0.0f; /* NaN too */
	if (c >= 1.0f) return 1.0f;
	if (c < 0.0031308f) return 12.92f * c;
	return (float)(1.055 * __builtin_pow(c, 1.0 / 2.4) - 0.055);
}

/* Channel i of the stored pixel p, as the 32 bits of read_image{f,i,ui}. */
INLINE uint32_t load_channel(int type, const char *p, int i) {
	switch (type) {
	case UNORM_INT8: return fbits((float)((const uint8_t *)p)[i] / 255.0f);
	case UNORM_INT16: { uint16_t v; memcpy(&v, p + 2 * i, 2); return fbits((float)v / 65535.0f); }
	case SNORM_INT8: { float f = (float)((const int8_t *)p)[i] / 127.0f; return fbits(f < -1.0f ? -1.0f : f); }
	case SNORM_INT16: { int16_t v; memcpy(&v, p + 2 * i, 2); float f = (float)v / 32767.0f; return fbits(f < -1.0f ? -1.0f : f); }
	case SIGNED_INT8: return (uint32_t)(int32_t)((const int8_t *)p)[i];
	case SIGNED_INT16: { int16_t v; memcpy(&v, p + 2 * i, 2); return (uint32_t)(int32_t)v; }
	case UNSIGNED_INT8: return ((const uint8_t *)p)[i];
	case UNSIGNED_INT16: { uint16_t v; memcpy(&v, p + 2 * i, 2); return v; }
	case HALF_FLOAT: { _Float16 v; memcpy(&v, p + 2 * i, 2); return fbits((float)v); }
	default: /* 32-bit types */ { uint32_t v; memcpy(&v, p + 4 * i, 4); return v; }
	}
}

/* Channel i (in memory order) of a color being written, converted to the
 * data type with the OpenCL C rules, stored at p. */
INLINE void store_channel(int type, char *p, int i, uint32_t bits) {
	float f = bitsf(bits);
	switch (type) {
	case UNORM_INT8: case UNORM_INT16: {
		float scale = type == UNORM_INT8 ? 255.0f : 65535.0f;
		float x = f * scale;
		uint32_t v = !(x > 0.0f) ? 0 : x >= scale ? (uint32_t)scale : (uint32_t)__builtin_rintf(x);
		if (type == UNORM_INT8) ((uint8_t *)p)[i] = (uint8_t)v;
		else { uint16_t s = (uint16_t)v; memcpy(p + 2 * i, &s, 2); }
		return;
	}
	case SNORM_INT8: case SNORM_INT16: {
		float scale = type == SNORM_INT8 ? 127.0f : 32767.0f;
		float x = __builtin_rintf(f * scale);
		int32_t v = x != x ? 0 : x <= -scale - 1.0f ? (int32_t)(-scale - 1.0f) : x >= scale ? (int32_t)scale : (int32_t)x;
		if (type == SNORM_INT8) ((int8_t *)p)[i] = (int8_t)v;
		else { int16_t s = (int16_t)v; memcpy(p + 2 * i, &s, 2); }
		return;
	}
	case SIGNED_INT8: { int32_t v = (int32_t)bits; ((int8_t *)p)[i] = (int8_t)(v < -128 ? -128 : v > 127 ? 127 : v); return; }
	case SIGNED_INT16: { int32_t v = (int32_t)bits; int16_t s = (int16_t)(v < -32768 ? -32768 : v > 32767 ? 32767 : v); memcpy(p + 2 * i, &s, 2); return; }
	case UNSIGNED_INT8: ((uint8_t *)p)[i] = (uint8_t)(bits > 255 ? 255 : bits); return;
	case UNSIGNED_INT16: { uint16_t s = (uint16_t)(bits > 65535 ? 65535 : bits); memcpy(p + 2 * i, &s, 2); return; }
	case HALF_FLOAT: { _Float16 h = (_Float16)f; memcpy(p + 2 * i, &h, 2); return; }
	default: memcpy(p + 4 * i, &bits, 4); return;
	}
}

/* The stored channels of an order, in memory order: which of R, G, B, A
 * (0-3) each one is, and how many. */
INLINE int channels(int order, int map[4]) {
	switch (order) {
	case RG: map[0] = 0; map[1] = 1; return 2;
	case RA: map[0] = 0; map[1] = 3; return 2;
	case A: map[0] = 3; return 1;
	case RGBA: case sRGBA: map[0] = 0; map[1] = 1; map[2] = 2; map[3] = 3; return 4;
	case BGRA: case sBGRA: map[0] = 2; map[1] = 1; map[2] = 0; map[3] = 3; return 4;
	case ARGB: map[0] = 3; map[1] = 0; map[2] = 1; map[3] = 2; return 4;
	case ABGR: map[0] = 3; map[1] = 2; map[2] = 1; map[3] = 0; return 4;
	default: /* R, INTENSITY, LUMINANCE, DEPTH */ map[0] = 0; return 1;
	}
}

/* The texel at p as read_image{f,i,ui} return it: missing channels 0, alpha
 * 1 (1.0f); INTENSITY replicated to all four, LUMINANCE to R, G, B; sRGB
 * decoded to linear. With constant order and type it folds to a few loads
 * and conversions. */
INLINE uint4 unpack_as(int order, int type, const char *p) {
	uint32_t c[4] = {0, 0, 0, is_int_type(type) ? 1 : fbits(1.0f)};
	int map[4];
	int n = channels(order, map);
	for (int i = 0; i < n; i++) c[map[i]] = load_channel(type, p, i);
	if (order == INTENSITY) c[1] = c[2] = c[3] = c[0];
	else if (order == LUMINANCE) c[1] = c[2] = c[0];
	else if (order == sRGBA || order == sBGRA)
		for (int i = 0; i < 3; i++) c[i] = fbits(srgb_to_linear(bitsf(c[i])));
	return (uint4){c[0], c[1], c[2], c[3]};
}

/* Writes color c (bits of a float4, int4 or uint4 as the format wants). */
INLINE void pack_as(int order, int type, char *p, uint4 c) {
	uint32_t v[4] = {c.x, c.y, c.z, c.w};
	if (order == sRGBA || order == sBGRA)
		for (int i = 0; i < 3; i++) v[i] = fbits(linear_to_srgb(bitsf(v[i])));
	int map[4];
	int n = channels(order, map);
	for (int i = 0; i < n; i++) store_channel(type, p, i, v[map[i]]);
}

/* unpack and pack dispatch once on the format (a jump table) to code
 * specialized for it: the supported formats (mem/pixel.go), and a generic
 * path for any other. unpack is kept out of line: texel tests the most
 * common formats itself, so that a read stays small enough to be inlined
 * into the kernel, where its sampler is a constant. */
#define FMT(o, t) (((o) - R) * 16 + ((t) - SNORM_INT8))
#define FORMATS(X, o) X(o, UNORM_INT8) X(o, UNORM_INT16) X(o, SNORM_INT8) X(o, SNORM_INT16) \
	X(o, SIGNED_INT8) X(o, SIGNED_INT16) X(o, SIGNED_INT32) X(o, UNSIGNED_INT8) X(o, UNSIGNED_INT16) \
	X(o, UNSIGNED_INT32) X(o, HALF_FLOAT) X(o, FLOAT)
/* The formats texel reads inline (a subset of ALL_FORMATS). */
#define INLINE_FORMATS(X) X(R, UNORM_INT8) X(RG, UNORM_INT8) X(RGBA, UNORM_INT8) X(RGBA, FLOAT)
#define ALL_FORMATS(X) FORMATS(X, R) FORMATS(X, RG) FORMATS(X, RGBA) X(BGRA, UNORM_INT8) X(sRGBA, UNORM_INT8) \
	X(DEPTH, UNORM_INT16) X(DEPTH, FLOAT)

__attribute__((noinline)) static uint4 unpack(const gocl_image *im, const char *p) {
	switch (FMT(im->order, im->type)) {
#define UNPACK(o, t) case FMT(o, t): return unpack_as(o, t, p);
	ALL_FORMATS(UNPACK)
	default: return unpack_as(im->order, im->type, p);
	}
}

static void pack(const gocl_image *im, char *p, uint4 c) {
	switch (FMT(im->order, im->type)) {
#define PACK(o, t) case FMT(o, t): pack_as(o, t, p, c); return;
	ALL_FORMATS(PACK)
	default: pack_as(im->order, im->type, p, c);
	}
}

/* The texel at (x, y, z). One byte per channel (video planes, 8-bit
 * pictures) and four floats are tested inline: a call to unpack for every
 * texel, through its jump table, cost a blur kernel twice its time. */
INLINE uint4 texel(const gocl_image *im, int x, int y, int z) {
	if (x == BORDER || y == BORDER || z == BORDER) return border(im);
	const char *p = im->data + x * im->pitch[0] + y * im->pitch[1] + z * im->pitch[2];
	switch (FMT(im->order, im->type)) {
	INLINE_FORMATS(UNPACK)
	default: return unpack(im, p);
	}
}

/* ---- coordinates ---- */

/* floor(f) as an int, NaN and huge values clamped (the result of reading
 * with them is undefined; the address must not be). */
INLINE int ifloor(float f) {
	f = __builtin_fminf(__builtin_fmaxf(f, -0x1p30f), 0x1p30f);
	return (int)__builtin_floorf(f);
}

INLINE int clampi(int i, int lo, int hi) { return i < lo ? lo : i > hi ? hi : i; }

/* An index outside [0, n) under an addressing mode that does not wrap:
 * the edge (CLAMP_TO_EDGE, and the wrapping modes with unnormalized
 * coordinates, where they are undefined) or the border. */
INLINE int edge(int i, int n, int mode) {
	if (mode == CLAMP || mode == ADDRESS_NONE) return i < 0 || i >= n ? BORDER : i;
	return clampi(i, 0, n - 1);
}

/* Nearest filtering along one axis of n texels: the texel index for
 * coordinate s. */
INLINE int nearest(float s, int n, unsigned smp) {
	int mode = smp & ADDRESS;
	if (smp & NORMALIZED) {
		if (mode == REPEAT) {
			int i = ifloor((s - __builtin_floorf(s)) * (float)n);
			if (i > n - 1) i -= n;
			return clampi(i, 0, n - 1);
		}
		if (mode == MIRRORED_REPEAT) {
			float t = __builtin_fabsf(s - 2.0f * __builtin_rintf(0.5f * s));
			return clampi(ifloor(t * (float)n), 0, n - 1);
		}
		s *= (float)n;
	}
	return edge(ifloor(s), n, mode);
}

/* Linear filtering along one axis: the two texels i0, i1 and the weight a
 * of i1. */
INLINE void linear(float s, int n, unsigned smp, int *i0, int *i1, float *a) {
	int mode = smp & ADDRESS;
	if (smp & NORMALIZED) {
		if (mode == REPEAT) {
			float u = (s - __builtin_floorf(s)) * (float)n - 0.5f;
			int j = ifloor(u);
			*a = u - __builtin_floorf(u);
			int k = j + 1;
			if (j < 0) j += n;
			if (k > n - 1) k -= n;
			*i0 = clampi(j, 0, n - 1), *i1 = clampi(k, 0, n - 1);
			return;
		}
		if (mode == MIRRORED_REPEAT) {
			float t = __builtin_fabsf(s - 2.0f * __builtin_rintf(0.5f * s));
			float u = t * (float)n - 0.5f;
			int j = ifloor(u);
			*a = u - __builtin_floorf(u);
			*i0 = clampi(j, 0, n - 1), *i1 = clampi(j + 1, 0, n - 1);
			return;
		}
		s *= (float)n;
	}
	float u = s - 0.5f;
	int j = ifloor(u);
	*a = u - __builtin_floorf(u);
	*i0 = edge(j, n, mode), *i1 = edge(j + 1, n, mode);
}

INLINE int dims(int shape) { return shape == S3D ? 3 : shape == S2D || shape == S2DA ? 2 : 1; }
INLINE int layer_axis(int shape) { return shape == S1DA ? 1 : shape == S2DA ? 2 : -1; }

/* The layer of an array from a float coordinate: rint, clamped. */
INLINE int layer_f(float c, int n) {
	return clampi((int)__builtin_rintf(__builtin_fminf(__builtin_fmaxf(c, -1.0f), (float)n)), 0, n - 1);
}

/* Read with a sampler and float coordinates, nearest filtering. */
INLINE uint4 read_nearest(const gocl_image *im, unsigned smp, float4 c, int shape) {
	float cc[3] = {c.x, c.y, c.z};
	int idx[3] = {0, 0, 0};
	int d = dims(shape), l = layer_axis(shape);
	for (int i = 0; i < d; i++) idx[i] = nearest(cc[i], im->size[i], smp);
	if (l >= 0) idx[l] = layer_f(cc[l], im->size[l]);
	return texel(im, idx[0], idx[1], idx[2]);
}

INLINE float4 as_f4(uint4 u) { float4 f; memcpy(&f, &u, 16); return f; }
INLINE uint4 as_u4(float4 f) { uint4 u; memcpy(&u, &f, 16); return u; }
INLINE int4 as_i4(uint4 u) { int4 i; memcpy(&i, &u, 16); return i; }

/* read_imagef with a sampler and float coordinates: nearest, or the
 * bilinear/trilinear blend of the 2^dims texels around the sample. */
INLINE float4 read_float(const gocl_image *im, unsigned smp, float4 c, int shape) {
	if (!(smp & FILTER_LINEAR) || is_int_type(im->type)) return as_f4(read_nearest(im, smp, c, shape));
	float cc[3] = {c.x, c.y, c.z};
	int i0[3] = {0, 0, 0}, i1[3] = {0, 0, 0};
	float a[3] = {0, 0, 0};
	int d = dims(shape), l = layer_axis(shape);
	for (int i = 0; i < d; i++) linear(cc[i], im->size[i], smp, &i0[i], &i1[i], &a[i]);
	if (l >= 0) i0[l] = i1[l] = layer_f(cc[l], im->size[l]);
	float4 sum = 0;
	for (int k = 0; k < (1 << d); k++) {
		float w = 1.0f;
		int idx[3];
		for (int i = 0; i < 3; i++) {
			int hi = i < d && (k >> i & 1);
			idx[i] = hi ? i1[i] : i0[i];
			if (i < d) w *= hi ? a[i] : 1.0f - a[i];
		}
		sum += w * as_f4(texel(im, idx[0], idx[1], idx[2]));
	}
	return sum;
}

/* Reads with integer coordinates: with a sampler (smp, whose coordinates
 * must be unnormalized and filter nearest) or without (smp 0: as
 * CLK_ADDRESS_NONE). Layers are clamped. */
INLINE uint4 read_int(const gocl_image *im, unsigned smp, int4 c, int shape) {
	int cc[3] = {c.x, c.y, c.z};
	int idx[3] = {0, 0, 0};
	int d = dims(shape), l = layer_axis(shape);
	for (int i = 0; i < d; i++) idx[i] = edge(cc[i], im->size[i], smp & ADDRESS);
	if (l >= 0) idx[l] = clampi(cc[l], 0, im->size[l] - 1);
	return texel(im, idx[0], idx[1], idx[2]);
}

/* Writes: coordinates outside the image (layers included) write nothing. */
INLINE void write_px(const gocl_image *im, int4 c, int shape, uint4 color) {
	int cc[3] = {c.x, c.y, c.z};
	int n = shape == S3D || shape == S2DA ? 3 : shape == S2D || shape == S1DA ? 2 : 1;
	int64_t off = 0;
	for (int i = 0; i < n; i++) {
		if ((unsigned)cc[i] >= (unsigned)im->size[i]) return;
		off += cc[i] * im->pitch[i];
	}
	pack(im, im->data + off, color);
}

/* ---- samplers ---- */

void *__translate_sampler_initializer(int bits) { return (void *)(uintptr_t)(unsigned)bits; }

INLINE unsigned sbits(void *s) { return (unsigned)(uintptr_t)s; }

/* ---- generated by gen/image.py: do not edit below ---- */

int gocl_Z15get_image_width14ocl_image1d_ro(const gocl_image *im) __asm__("_Z15get_image_width14ocl_image1d_ro");
int gocl_Z15get_image_width14ocl_image1d_ro(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type14ocl_image1d_ro(const gocl_image *im) __asm__("_Z27get_image_channel_data_type14ocl_image1d_ro");
int gocl_Z27get_image_channel_data_type14ocl_image1d_ro(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order14ocl_image1d_ro(const gocl_image *im) __asm__("_Z23get_image_channel_order14ocl_image1d_ro");
int gocl_Z23get_image_channel_order14ocl_image1d_ro(const gocl_image *im) { return im->order; }
float4 gocl_Z11read_imagef14ocl_image1d_ro11ocl_samplerf(const gocl_image *im, void *s, float c) __asm__("_Z11read_imagef14ocl_image1d_ro11ocl_samplerf");
float4 gocl_Z11read_imagef14ocl_image1d_ro11ocl_samplerf(const gocl_image *im, void *s, float c) { return read_float(im, sbits(s), (float4){c, 0, 0, 0}, S1D); }
float4 gocl_Z11read_imagef14ocl_image1d_ro11ocl_sampleri(const gocl_image *im, void *s, int c) __asm__("_Z11read_imagef14ocl_image1d_ro11ocl_sampleri");
float4 gocl_Z11read_imagef14ocl_image1d_ro11ocl_sampleri(const gocl_image *im, void *s, int c) { return as_f4(read_int(im, sbits(s), (int4){c, 0, 0, 0}, S1D)); }
float4 gocl_Z11read_imagef14ocl_image1d_roi(const gocl_image *im, int c) __asm__("_Z11read_imagef14ocl_image1d_roi");
float4 gocl_Z11read_imagef14ocl_image1d_roi(const gocl_image *im, int c) { return as_f4(read_int(im, 0, (int4){c, 0, 0, 0}, S1D)); }
int4 gocl_Z11read_imagei14ocl_image1d_ro11ocl_samplerf(const gocl_image *im, void *s, float c) __asm__("_Z11read_imagei14ocl_image1d_ro11ocl_samplerf");
int4 gocl_Z11read_imagei14ocl_image1d_ro11ocl_samplerf(const gocl_image *im, void *s, float c) { return as_i4(read_nearest(im, sbits(s), (float4){c, 0, 0, 0}, S1D)); }
int4 gocl_Z11read_imagei14ocl_image1d_ro11ocl_sampleri(const gocl_image *im, void *s, int c) __asm__("_Z11read_imagei14ocl_image1d_ro11ocl_sampleri");
int4 gocl_Z11read_imagei14ocl_image1d_ro11ocl_sampleri(const gocl_image *im, void *s, int c) { return as_i4(read_int(im, sbits(s), (int4){c, 0, 0, 0}, S1D)); }
int4 gocl_Z11read_imagei14ocl_image1d_roi(const gocl_image *im, int c) __asm__("_Z11read_imagei14ocl_image1d_roi");
int4 gocl_Z11read_imagei14ocl_image1d_roi(const gocl_image *im, int c) { return as_i4(read_int(im, 0, (int4){c, 0, 0, 0}, S1D)); }
uint4 gocl_Z12read_imageui14ocl_image1d_ro11ocl_samplerf(const gocl_image *im, void *s, float c) __asm__("_Z12read_imageui14ocl_image1d_ro11ocl_samplerf");
uint4 gocl_Z12read_imageui14ocl_image1d_ro11ocl_samplerf(const gocl_image *im, void *s, float c) { return (read_nearest(im, sbits(s), (float4){c, 0, 0, 0}, S1D)); }
uint4 gocl_Z12read_imageui14ocl_image1d_ro11ocl_sampleri(const gocl_image *im, void *s, int c) __asm__("_Z12read_imageui14ocl_image1d_ro11ocl_sampleri");
uint4 gocl_Z12read_imageui14ocl_image1d_ro11ocl_sampleri(const gocl_image *im, void *s, int c) { return (read_int(im, sbits(s), (int4){c, 0, 0, 0}, S1D)); }
uint4 gocl_Z12read_imageui14ocl_image1d_roi(const gocl_image *im, int c) __asm__("_Z12read_imageui14ocl_image1d_roi");
uint4 gocl_Z12read_imageui14ocl_image1d_roi(const gocl_image *im, int c) { return (read_int(im, 0, (int4){c, 0, 0, 0}, S1D)); }
int gocl_Z15get_image_width14ocl_image1d_wo(const gocl_image *im) __asm__("_Z15get_image_width14ocl_image1d_wo");
int gocl_Z15get_image_width14ocl_image1d_wo(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type14ocl_image1d_wo(const gocl_image *im) __asm__("_Z27get_image_channel_data_type14ocl_image1d_wo");
int gocl_Z27get_image_channel_data_type14ocl_image1d_wo(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order14ocl_image1d_wo(const gocl_image *im) __asm__("_Z23get_image_channel_order14ocl_image1d_wo");
int gocl_Z23get_image_channel_order14ocl_image1d_wo(const gocl_image *im) { return im->order; }
void gocl_Z12write_imagef14ocl_image1d_woiDv4_f(const gocl_image *im, int c, float4 v) __asm__("_Z12write_imagef14ocl_image1d_woiDv4_f");
void gocl_Z12write_imagef14ocl_image1d_woiDv4_f(const gocl_image *im, int c, float4 v) { write_px(im, (int4){c, 0, 0, 0}, S1D, as_u4(v)); }
void gocl_Z12write_imagei14ocl_image1d_woiDv4_i(const gocl_image *im, int c, int4 v) __asm__("_Z12write_imagei14ocl_image1d_woiDv4_i");
void gocl_Z12write_imagei14ocl_image1d_woiDv4_i(const gocl_image *im, int c, int4 v) { write_px(im, (int4){c, 0, 0, 0}, S1D, (uint4)v); }
void gocl_Z13write_imageui14ocl_image1d_woiDv4_j(const gocl_image *im, int c, uint4 v) __asm__("_Z13write_imageui14ocl_image1d_woiDv4_j");
void gocl_Z13write_imageui14ocl_image1d_woiDv4_j(const gocl_image *im, int c, uint4 v) { write_px(im, (int4){c, 0, 0, 0}, S1D, v); }
int gocl_Z15get_image_width14ocl_image1d_rw(const gocl_image *im) __asm__("_Z15get_image_width14ocl_image1d_rw");
int gocl_Z15get_image_width14ocl_image1d_rw(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type14ocl_image1d_rw(const gocl_image *im) __asm__("_Z27get_image_channel_data_type14ocl_image1d_rw");
int gocl_Z27get_image_channel_data_type14ocl_image1d_rw(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order14ocl_image1d_rw(const gocl_image *im) __asm__("_Z23get_image_channel_order14ocl_image1d_rw");
int gocl_Z23get_image_channel_order14ocl_image1d_rw(const gocl_image *im) { return im->order; }
float4 gocl_Z11read_imagef14ocl_image1d_rwi(const gocl_image *im, int c) __asm__("_Z11read_imagef14ocl_image1d_rwi");
float4 gocl_Z11read_imagef14ocl_image1d_rwi(const gocl_image *im, int c) { return as_f4(read_int(im, 0, (int4){c, 0, 0, 0}, S1D)); }
int4 gocl_Z11read_imagei14ocl_image1d_rwi(const gocl_image *im, int c) __asm__("_Z11read_imagei14ocl_image1d_rwi");
int4 gocl_Z11read_imagei14ocl_image1d_rwi(const gocl_image *im, int c) { return as_i4(read_int(im, 0, (int4){c, 0, 0, 0}, S1D)); }
uint4 gocl_Z12read_imageui14ocl_image1d_rwi(const gocl_image *im, int c) __asm__("_Z12read_imageui14ocl_image1d_rwi");
uint4 gocl_Z12read_imageui14ocl_image1d_rwi(const gocl_image *im, int c) { return (read_int(im, 0, (int4){c, 0, 0, 0}, S1D)); }
void gocl_Z12write_imagef14ocl_image1d_rwiDv4_f(const gocl_image *im, int c, float4 v) __asm__("_Z12write_imagef14ocl_image1d_rwiDv4_f");
void gocl_Z12write_imagef14ocl_image1d_rwiDv4_f(const gocl_image *im, int c, float4 v) { write_px(im, (int4){c, 0, 0, 0}, S1D, as_u4(v)); }
void gocl_Z12write_imagei14ocl_image1d_rwiDv4_i(const gocl_image *im, int c, int4 v) __asm__("_Z12write_imagei14ocl_image1d_rwiDv4_i");
void gocl_Z12write_imagei14ocl_image1d_rwiDv4_i(const gocl_image *im, int c, int4 v) { write_px(im, (int4){c, 0, 0, 0}, S1D, (uint4)v); }
void gocl_Z13write_imageui14ocl_image1d_rwiDv4_j(const gocl_image *im, int c, uint4 v) __asm__("_Z13write_imageui14ocl_image1d_rwiDv4_j");
void gocl_Z13write_imageui14ocl_image1d_rwiDv4_j(const gocl_image *im, int c, uint4 v) { write_px(im, (int4){c, 0, 0, 0}, S1D, v); }
int gocl_Z15get_image_width20ocl_image1d_array_ro(const gocl_image *im) __asm__("_Z15get_image_width20ocl_image1d_array_ro");
int gocl_Z15get_image_width20ocl_image1d_array_ro(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type20ocl_image1d_array_ro(const gocl_image *im) __asm__("_Z27get_image_channel_data_type20ocl_image1d_array_ro");
int gocl_Z27get_image_channel_data_type20ocl_image1d_array_ro(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order20ocl_image1d_array_ro(const gocl_image *im) __asm__("_Z23get_image_channel_order20ocl_image1d_array_ro");
int gocl_Z23get_image_channel_order20ocl_image1d_array_ro(const gocl_image *im) { return im->order; }
size_t gocl_Z20get_image_array_size20ocl_image1d_array_ro(const gocl_image *im) __asm__("_Z20get_image_array_size20ocl_image1d_array_ro");
size_t gocl_Z20get_image_array_size20ocl_image1d_array_ro(const gocl_image *im) { return (size_t)im->array_size; }
float4 gocl_Z11read_imagef20ocl_image1d_array_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) __asm__("_Z11read_imagef20ocl_image1d_array_ro11ocl_samplerDv2_f");
float4 gocl_Z11read_imagef20ocl_image1d_array_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) { return read_float(im, sbits(s), (float4){c.x, c.y, 0, 0}, S1DA); }
float4 gocl_Z11read_imagef20ocl_image1d_array_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) __asm__("_Z11read_imagef20ocl_image1d_array_ro11ocl_samplerDv2_i");
float4 gocl_Z11read_imagef20ocl_image1d_array_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) { return as_f4(read_int(im, sbits(s), (int4){c.x, c.y, 0, 0}, S1DA)); }
float4 gocl_Z11read_imagef20ocl_image1d_array_roDv2_i(const gocl_image *im, int2 c) __asm__("_Z11read_imagef20ocl_image1d_array_roDv2_i");
float4 gocl_Z11read_imagef20ocl_image1d_array_roDv2_i(const gocl_image *im, int2 c) { return as_f4(read_int(im, 0, (int4){c.x, c.y, 0, 0}, S1DA)); }
int4 gocl_Z11read_imagei20ocl_image1d_array_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) __asm__("_Z11read_imagei20ocl_image1d_array_ro11ocl_samplerDv2_f");
int4 gocl_Z11read_imagei20ocl_image1d_array_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) { return as_i4(read_nearest(im, sbits(s), (float4){c.x, c.y, 0, 0}, S1DA)); }
int4 gocl_Z11read_imagei20ocl_image1d_array_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) __asm__("_Z11read_imagei20ocl_image1d_array_ro11ocl_samplerDv2_i");
int4 gocl_Z11read_imagei20ocl_image1d_array_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) { return as_i4(read_int(im, sbits(s), (int4){c.x, c.y, 0, 0}, S1DA)); }
int4 gocl_Z11read_imagei20ocl_image1d_array_roDv2_i(const gocl_image *im, int2 c) __asm__("_Z11read_imagei20ocl_image1d_array_roDv2_i");
int4 gocl_Z11read_imagei20ocl_image1d_array_roDv2_i(const gocl_image *im, int2 c) { return as_i4(read_int(im, 0, (int4){c.x, c.y, 0, 0}, S1DA)); }
uint4 gocl_Z12read_imageui20ocl_image1d_array_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) __asm__("_Z12read_imageui20ocl_image1d_array_ro11ocl_samplerDv2_f");
uint4 gocl_Z12read_imageui20ocl_image1d_array_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) { return (read_nearest(im, sbits(s), (float4){c.x, c.y, 0, 0}, S1DA)); }
uint4 gocl_Z12read_imageui20ocl_image1d_array_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) __asm__("_Z12read_imageui20ocl_image1d_array_ro11ocl_samplerDv2_i");
uint4 gocl_Z12read_imageui20ocl_image1d_array_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) { return (read_int(im, sbits(s), (int4){c.x, c.y, 0, 0}, S1DA)); }
uint4 gocl_Z12read_imageui20ocl_image1d_array_roDv2_i(const gocl_image *im, int2 c) __asm__("_Z12read_imageui20ocl_image1d_array_roDv2_i");
uint4 gocl_Z12read_imageui20ocl_image1d_array_roDv2_i(const gocl_image *im, int2 c) { return (read_int(im, 0, (int4){c.x, c.y, 0, 0}, S1DA)); }
int gocl_Z15get_image_width20ocl_image1d_array_wo(const gocl_image *im) __asm__("_Z15get_image_width20ocl_image1d_array_wo");
int gocl_Z15get_image_width20ocl_image1d_array_wo(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type20ocl_image1d_array_wo(const gocl_image *im) __asm__("_Z27get_image_channel_data_type20ocl_image1d_array_wo");
int gocl_Z27get_image_channel_data_type20ocl_image1d_array_wo(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order20ocl_image1d_array_wo(const gocl_image *im) __asm__("_Z23get_image_channel_order20ocl_image1d_array_wo");
int gocl_Z23get_image_channel_order20ocl_image1d_array_wo(const gocl_image *im) { return im->order; }
size_t gocl_Z20get_image_array_size20ocl_image1d_array_wo(const gocl_image *im) __asm__("_Z20get_image_array_size20ocl_image1d_array_wo");
size_t gocl_Z20get_image_array_size20ocl_image1d_array_wo(const gocl_image *im) { return (size_t)im->array_size; }
void gocl_Z12write_imagef20ocl_image1d_array_woDv2_iDv4_f(const gocl_image *im, int2 c, float4 v) __asm__("_Z12write_imagef20ocl_image1d_array_woDv2_iDv4_f");
void gocl_Z12write_imagef20ocl_image1d_array_woDv2_iDv4_f(const gocl_image *im, int2 c, float4 v) { write_px(im, (int4){c.x, c.y, 0, 0}, S1DA, as_u4(v)); }
void gocl_Z12write_imagei20ocl_image1d_array_woDv2_iDv4_i(const gocl_image *im, int2 c, int4 v) __asm__("_Z12write_imagei20ocl_image1d_array_woDv2_iDv4_i");
void gocl_Z12write_imagei20ocl_image1d_array_woDv2_iDv4_i(const gocl_image *im, int2 c, int4 v) { write_px(im, (int4){c.x, c.y, 0, 0}, S1DA, (uint4)v); }
void gocl_Z13write_imageui20ocl_image1d_array_woDv2_iDv4_j(const gocl_image *im, int2 c, uint4 v) __asm__("_Z13write_imageui20ocl_image1d_array_woDv2_iDv4_j");
void gocl_Z13write_imageui20ocl_image1d_array_woDv2_iDv4_j(const gocl_image *im, int2 c, uint4 v) { write_px(im, (int4){c.x, c.y, 0, 0}, S1DA, v); }
int gocl_Z15get_image_width20ocl_image1d_array_rw(const gocl_image *im) __asm__("_Z15get_image_width20ocl_image1d_array_rw");
int gocl_Z15get_image_width20ocl_image1d_array_rw(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type20ocl_image1d_array_rw(const gocl_image *im) __asm__("_Z27get_image_channel_data_type20ocl_image1d_array_rw");
int gocl_Z27get_image_channel_data_type20ocl_image1d_array_rw(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order20ocl_image1d_array_rw(const gocl_image *im) __asm__("_Z23get_image_channel_order20ocl_image1d_array_rw");
int gocl_Z23get_image_channel_order20ocl_image1d_array_rw(const gocl_image *im) { return im->order; }
size_t gocl_Z20get_image_array_size20ocl_image1d_array_rw(const gocl_image *im) __asm__("_Z20get_image_array_size20ocl_image1d_array_rw");
size_t gocl_Z20get_image_array_size20ocl_image1d_array_rw(const gocl_image *im) { return (size_t)im->array_size; }
float4 gocl_Z11read_imagef20ocl_image1d_array_rwDv2_i(const gocl_image *im, int2 c) __asm__("_Z11read_imagef20ocl_image1d_array_rwDv2_i");
float4 gocl_Z11read_imagef20ocl_image1d_array_rwDv2_i(const gocl_image *im, int2 c) { return as_f4(read_int(im, 0, (int4){c.x, c.y, 0, 0}, S1DA)); }
int4 gocl_Z11read_imagei20ocl_image1d_array_rwDv2_i(const gocl_image *im, int2 c) __asm__("_Z11read_imagei20ocl_image1d_array_rwDv2_i");
int4 gocl_Z11read_imagei20ocl_image1d_array_rwDv2_i(const gocl_image *im, int2 c) { return as_i4(read_int(im, 0, (int4){c.x, c.y, 0, 0}, S1DA)); }
uint4 gocl_Z12read_imageui20ocl_image1d_array_rwDv2_i(const gocl_image *im, int2 c) __asm__("_Z12read_imageui20ocl_image1d_array_rwDv2_i");
uint4 gocl_Z12read_imageui20ocl_image1d_array_rwDv2_i(const gocl_image *im, int2 c) { return (read_int(im, 0, (int4){c.x, c.y, 0, 0}, S1DA)); }
void gocl_Z12write_imagef20ocl_image1d_array_rwDv2_iDv4_f(const gocl_image *im, int2 c, float4 v) __asm__("_Z12write_imagef20ocl_image1d_array_rwDv2_iDv4_f");
void gocl_Z12write_imagef20ocl_image1d_array_rwDv2_iDv4_f(const gocl_image *im, int2 c, float4 v) { write_px(im, (int4){c.x, c.y, 0, 0}, S1DA, as_u4(v)); }
void gocl_Z12write_imagei20ocl_image1d_array_rwDv2_iDv4_i(const gocl_image *im, int2 c, int4 v) __asm__("_Z12write_imagei20ocl_image1d_array_rwDv2_iDv4_i");
void gocl_Z12write_imagei20ocl_image1d_array_rwDv2_iDv4_i(const gocl_image *im, int2 c, int4 v) { write_px(im, (int4){c.x, c.y, 0, 0}, S1DA, (uint4)v); }
void gocl_Z13write_imageui20ocl_image1d_array_rwDv2_iDv4_j(const gocl_image *im, int2 c, uint4 v) __asm__("_Z13write_imageui20ocl_image1d_array_rwDv2_iDv4_j");
void gocl_Z13write_imageui20ocl_image1d_array_rwDv2_iDv4_j(const gocl_image *im, int2 c, uint4 v) { write_px(im, (int4){c.x, c.y, 0, 0}, S1DA, v); }
int gocl_Z15get_image_width21ocl_image1d_buffer_ro(const gocl_image *im) __asm__("_Z15get_image_width21ocl_image1d_buffer_ro");
int gocl_Z15get_image_width21ocl_image1d_buffer_ro(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type21ocl_image1d_buffer_ro(const gocl_image *im) __asm__("_Z27get_image_channel_data_type21ocl_image1d_buffer_ro");
int gocl_Z27get_image_channel_data_type21ocl_image1d_buffer_ro(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order21ocl_image1d_buffer_ro(const gocl_image *im) __asm__("_Z23get_image_channel_order21ocl_image1d_buffer_ro");
int gocl_Z23get_image_channel_order21ocl_image1d_buffer_ro(const gocl_image *im) { return im->order; }
float4 gocl_Z11read_imagef21ocl_image1d_buffer_roi(const gocl_image *im, int c) __asm__("_Z11read_imagef21ocl_image1d_buffer_roi");
float4 gocl_Z11read_imagef21ocl_image1d_buffer_roi(const gocl_image *im, int c) { return as_f4(read_int(im, 0, (int4){c, 0, 0, 0}, S1D)); }
int4 gocl_Z11read_imagei21ocl_image1d_buffer_roi(const gocl_image *im, int c) __asm__("_Z11read_imagei21ocl_image1d_buffer_roi");
int4 gocl_Z11read_imagei21ocl_image1d_buffer_roi(const gocl_image *im, int c) { return as_i4(read_int(im, 0, (int4){c, 0, 0, 0}, S1D)); }
uint4 gocl_Z12read_imageui21ocl_image1d_buffer_roi(const gocl_image *im, int c) __asm__("_Z12read_imageui21ocl_image1d_buffer_roi");
uint4 gocl_Z12read_imageui21ocl_image1d_buffer_roi(const gocl_image *im, int c) { return (read_int(im, 0, (int4){c, 0, 0, 0}, S1D)); }
int gocl_Z15get_image_width21ocl_image1d_buffer_wo(const gocl_image *im) __asm__("_Z15get_image_width21ocl_image1d_buffer_wo");
int gocl_Z15get_image_width21ocl_image1d_buffer_wo(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type21ocl_image1d_buffer_wo(const gocl_image *im) __asm__("_Z27get_image_channel_data_type21ocl_image1d_buffer_wo");
int gocl_Z27get_image_channel_data_type21ocl_image1d_buffer_wo(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order21ocl_image1d_buffer_wo(const gocl_image *im) __asm__("_Z23get_image_channel_order21ocl_image1d_buffer_wo");
int gocl_Z23get_image_channel_order21ocl_image1d_buffer_wo(const gocl_image *im) { return im->order; }
void gocl_Z12write_imagef21ocl_image1d_buffer_woiDv4_f(const gocl_image *im, int c, float4 v) __asm__("_Z12write_imagef21ocl_image1d_buffer_woiDv4_f");
void gocl_Z12write_imagef21ocl_image1d_buffer_woiDv4_f(const gocl_image *im, int c, float4 v) { write_px(im, (int4){c, 0, 0, 0}, S1D, as_u4(v)); }
void gocl_Z12write_imagei21ocl_image1d_buffer_woiDv4_i(const gocl_image *im, int c, int4 v) __asm__("_Z12write_imagei21ocl_image1d_buffer_woiDv4_i");
void gocl_Z12write_imagei21ocl_image1d_buffer_woiDv4_i(const gocl_image *im, int c, int4 v) { write_px(im, (int4){c, 0, 0, 0}, S1D, (uint4)v); }
void gocl_Z13write_imageui21ocl_image1d_buffer_woiDv4_j(const gocl_image *im, int c, uint4 v) __asm__("_Z13write_imageui21ocl_image1d_buffer_woiDv4_j");
void gocl_Z13write_imageui21ocl_image1d_buffer_woiDv4_j(const gocl_image *im, int c, uint4 v) { write_px(im, (int4){c, 0, 0, 0}, S1D, v); }
int gocl_Z15get_image_width21ocl_image1d_buffer_rw(const gocl_image *im) __asm__("_Z15get_image_width21ocl_image1d_buffer_rw");
int gocl_Z15get_image_width21ocl_image1d_buffer_rw(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type21ocl_image1d_buffer_rw(const gocl_image *im) __asm__("_Z27get_image_channel_data_type21ocl_image1d_buffer_rw");
int gocl_Z27get_image_channel_data_type21ocl_image1d_buffer_rw(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order21ocl_image1d_buffer_rw(const gocl_image *im) __asm__("_Z23get_image_channel_order21ocl_image1d_buffer_rw");
int gocl_Z23get_image_channel_order21ocl_image1d_buffer_rw(const gocl_image *im) { return im->order; }
float4 gocl_Z11read_imagef21ocl_image1d_buffer_rwi(const gocl_image *im, int c) __asm__("_Z11read_imagef21ocl_image1d_buffer_rwi");
float4 gocl_Z11read_imagef21ocl_image1d_buffer_rwi(const gocl_image *im, int c) { return as_f4(read_int(im, 0, (int4){c, 0, 0, 0}, S1D)); }
int4 gocl_Z11read_imagei21ocl_image1d_buffer_rwi(const gocl_image *im, int c) __asm__("_Z11read_imagei21ocl_image1d_buffer_rwi");
int4 gocl_Z11read_imagei21ocl_image1d_buffer_rwi(const gocl_image *im, int c) { return as_i4(read_int(im, 0, (int4){c, 0, 0, 0}, S1D)); }
uint4 gocl_Z12read_imageui21ocl_image1d_buffer_rwi(const gocl_image *im, int c) __asm__("_Z12read_imageui21ocl_image1d_buffer_rwi");
uint4 gocl_Z12read_imageui21ocl_image1d_buffer_rwi(const gocl_image *im, int c) { return (read_int(im, 0, (int4){c, 0, 0, 0}, S1D)); }
void gocl_Z12write_imagef21ocl_image1d_buffer_rwiDv4_f(const gocl_image *im, int c, float4 v) __asm__("_Z12write_imagef21ocl_image1d_buffer_rwiDv4_f");
void gocl_Z12write_imagef21ocl_image1d_buffer_rwiDv4_f(const gocl_image *im, int c, float4 v) { write_px(im, (int4){c, 0, 0, 0}, S1D, as_u4(v)); }
void gocl_Z12write_imagei21ocl_image1d_buffer_rwiDv4_i(const gocl_image *im, int c, int4 v) __asm__("_Z12write_imagei21ocl_image1d_buffer_rwiDv4_i");
void gocl_Z12write_imagei21ocl_image1d_buffer_rwiDv4_i(const gocl_image *im, int c, int4 v) { write_px(im, (int4){c, 0, 0, 0}, S1D, (uint4)v); }
void gocl_Z13write_imageui21ocl_image1d_buffer_rwiDv4_j(const gocl_image *im, int c, uint4 v) __asm__("_Z13write_imageui21ocl_image1d_buffer_rwiDv4_j");
void gocl_Z13write_imageui21ocl_image1d_buffer_rwiDv4_j(const gocl_image *im, int c, uint4 v) { write_px(im, (int4){c, 0, 0, 0}, S1D, v); }
int gocl_Z15get_image_width14ocl_image2d_ro(const gocl_image *im) __asm__("_Z15get_image_width14ocl_image2d_ro");
int gocl_Z15get_image_width14ocl_image2d_ro(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type14ocl_image2d_ro(const gocl_image *im) __asm__("_Z27get_image_channel_data_type14ocl_image2d_ro");
int gocl_Z27get_image_channel_data_type14ocl_image2d_ro(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order14ocl_image2d_ro(const gocl_image *im) __asm__("_Z23get_image_channel_order14ocl_image2d_ro");
int gocl_Z23get_image_channel_order14ocl_image2d_ro(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height14ocl_image2d_ro(const gocl_image *im) __asm__("_Z16get_image_height14ocl_image2d_ro");
int gocl_Z16get_image_height14ocl_image2d_ro(const gocl_image *im) { return im->height; }
int2 gocl_Z13get_image_dim14ocl_image2d_ro(const gocl_image *im) __asm__("_Z13get_image_dim14ocl_image2d_ro");
int2 gocl_Z13get_image_dim14ocl_image2d_ro(const gocl_image *im) { return (int2){im->width, im->height}; }
float4 gocl_Z11read_imagef14ocl_image2d_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) __asm__("_Z11read_imagef14ocl_image2d_ro11ocl_samplerDv2_f");
float4 gocl_Z11read_imagef14ocl_image2d_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) { return read_float(im, sbits(s), (float4){c.x, c.y, 0, 0}, S2D); }
float4 gocl_Z11read_imagef14ocl_image2d_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) __asm__("_Z11read_imagef14ocl_image2d_ro11ocl_samplerDv2_i");
float4 gocl_Z11read_imagef14ocl_image2d_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) { return as_f4(read_int(im, sbits(s), (int4){c.x, c.y, 0, 0}, S2D)); }
float4 gocl_Z11read_imagef14ocl_image2d_roDv2_i(const gocl_image *im, int2 c) __asm__("_Z11read_imagef14ocl_image2d_roDv2_i");
float4 gocl_Z11read_imagef14ocl_image2d_roDv2_i(const gocl_image *im, int2 c) { return as_f4(read_int(im, 0, (int4){c.x, c.y, 0, 0}, S2D)); }
int4 gocl_Z11read_imagei14ocl_image2d_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) __asm__("_Z11read_imagei14ocl_image2d_ro11ocl_samplerDv2_f");
int4 gocl_Z11read_imagei14ocl_image2d_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) { return as_i4(read_nearest(im, sbits(s), (float4){c.x, c.y, 0, 0}, S2D)); }
int4 gocl_Z11read_imagei14ocl_image2d_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) __asm__("_Z11read_imagei14ocl_image2d_ro11ocl_samplerDv2_i");
int4 gocl_Z11read_imagei14ocl_image2d_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) { return as_i4(read_int(im, sbits(s), (int4){c.x, c.y, 0, 0}, S2D)); }
int4 gocl_Z11read_imagei14ocl_image2d_roDv2_i(const gocl_image *im, int2 c) __asm__("_Z11read_imagei14ocl_image2d_roDv2_i");
int4 gocl_Z11read_imagei14ocl_image2d_roDv2_i(const gocl_image *im, int2 c) { return as_i4(read_int(im, 0, (int4){c.x, c.y, 0, 0}, S2D)); }
uint4 gocl_Z12read_imageui14ocl_image2d_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) __asm__("_Z12read_imageui14ocl_image2d_ro11ocl_samplerDv2_f");
uint4 gocl_Z12read_imageui14ocl_image2d_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) { return (read_nearest(im, sbits(s), (float4){c.x, c.y, 0, 0}, S2D)); }
uint4 gocl_Z12read_imageui14ocl_image2d_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) __asm__("_Z12read_imageui14ocl_image2d_ro11ocl_samplerDv2_i");
uint4 gocl_Z12read_imageui14ocl_image2d_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) { return (read_int(im, sbits(s), (int4){c.x, c.y, 0, 0}, S2D)); }
uint4 gocl_Z12read_imageui14ocl_image2d_roDv2_i(const gocl_image *im, int2 c) __asm__("_Z12read_imageui14ocl_image2d_roDv2_i");
uint4 gocl_Z12read_imageui14ocl_image2d_roDv2_i(const gocl_image *im, int2 c) { return (read_int(im, 0, (int4){c.x, c.y, 0, 0}, S2D)); }
int gocl_Z15get_image_width14ocl_image2d_wo(const gocl_image *im) __asm__("_Z15get_image_width14ocl_image2d_wo");
int gocl_Z15get_image_width14ocl_image2d_wo(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type14ocl_image2d_wo(const gocl_image *im) __asm__("_Z27get_image_channel_data_type14ocl_image2d_wo");
int gocl_Z27get_image_channel_data_type14ocl_image2d_wo(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order14ocl_image2d_wo(const gocl_image *im) __asm__("_Z23get_image_channel_order14ocl_image2d_wo");
int gocl_Z23get_image_channel_order14ocl_image2d_wo(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height14ocl_image2d_wo(const gocl_image *im) __asm__("_Z16get_image_height14ocl_image2d_wo");
int gocl_Z16get_image_height14ocl_image2d_wo(const gocl_image *im) { return im->height; }
int2 gocl_Z13get_image_dim14ocl_image2d_wo(const gocl_image *im) __asm__("_Z13get_image_dim14ocl_image2d_wo");
int2 gocl_Z13get_image_dim14ocl_image2d_wo(const gocl_image *im) { return (int2){im->width, im->height}; }
void gocl_Z12write_imagef14ocl_image2d_woDv2_iDv4_f(const gocl_image *im, int2 c, float4 v) __asm__("_Z12write_imagef14ocl_image2d_woDv2_iDv4_f");
void gocl_Z12write_imagef14ocl_image2d_woDv2_iDv4_f(const gocl_image *im, int2 c, float4 v) { write_px(im, (int4){c.x, c.y, 0, 0}, S2D, as_u4(v)); }
void gocl_Z12write_imagei14ocl_image2d_woDv2_iDv4_i(const gocl_image *im, int2 c, int4 v) __asm__("_Z12write_imagei14ocl_image2d_woDv2_iDv4_i");
void gocl_Z12write_imagei14ocl_image2d_woDv2_iDv4_i(const gocl_image *im, int2 c, int4 v) { write_px(im, (int4){c.x, c.y, 0, 0}, S2D, (uint4)v); }
void gocl_Z13write_imageui14ocl_image2d_woDv2_iDv4_j(const gocl_image *im, int2 c, uint4 v) __asm__("_Z13write_imageui14ocl_image2d_woDv2_iDv4_j");
void gocl_Z13write_imageui14ocl_image2d_woDv2_iDv4_j(const gocl_image *im, int2 c, uint4 v) { write_px(im, (int4){c.x, c.y, 0, 0}, S2D, v); }
int gocl_Z15get_image_width14ocl_image2d_rw(const gocl_image *im) __asm__("_Z15get_image_width14ocl_image2d_rw");
int gocl_Z15get_image_width14ocl_image2d_rw(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type14ocl_image2d_rw(const gocl_image *im) __asm__("_Z27get_image_channel_data_type14ocl_image2d_rw");
int gocl_Z27get_image_channel_data_type14ocl_image2d_rw(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order14ocl_image2d_rw(const gocl_image *im) __asm__("_Z23get_image_channel_order14ocl_image2d_rw");
int gocl_Z23get_image_channel_order14ocl_image2d_rw(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height14ocl_image2d_rw(const gocl_image *im) __asm__("_Z16get_image_height14ocl_image2d_rw");
int gocl_Z16get_image_height14ocl_image2d_rw(const gocl_image *im) { return im->height; }
int2 gocl_Z13get_image_dim14ocl_image2d_rw(const gocl_image *im) __asm__("_Z13get_image_dim14ocl_image2d_rw");
int2 gocl_Z13get_image_dim14ocl_image2d_rw(const gocl_image *im) { return (int2){im->width, im->height}; }
float4 gocl_Z11read_imagef14ocl_image2d_rwDv2_i(const gocl_image *im, int2 c) __asm__("_Z11read_imagef14ocl_image2d_rwDv2_i");
float4 gocl_Z11read_imagef14ocl_image2d_rwDv2_i(const gocl_image *im, int2 c) { return as_f4(read_int(im, 0, (int4){c.x, c.y, 0, 0}, S2D)); }
int4 gocl_Z11read_imagei14ocl_image2d_rwDv2_i(const gocl_image *im, int2 c) __asm__("_Z11read_imagei14ocl_image2d_rwDv2_i");
int4 gocl_Z11read_imagei14ocl_image2d_rwDv2_i(const gocl_image *im, int2 c) { return as_i4(read_int(im, 0, (int4){c.x, c.y, 0, 0}, S2D)); }
uint4 gocl_Z12read_imageui14ocl_image2d_rwDv2_i(const gocl_image *im, int2 c) __asm__("_Z12read_imageui14ocl_image2d_rwDv2_i");
uint4 gocl_Z12read_imageui14ocl_image2d_rwDv2_i(const gocl_image *im, int2 c) { return (read_int(im, 0, (int4){c.x, c.y, 0, 0}, S2D)); }
void gocl_Z12write_imagef14ocl_image2d_rwDv2_iDv4_f(const gocl_image *im, int2 c, float4 v) __asm__("_Z12write_imagef14ocl_image2d_rwDv2_iDv4_f");
void gocl_Z12write_imagef14ocl_image2d_rwDv2_iDv4_f(const gocl_image *im, int2 c, float4 v) { write_px(im, (int4){c.x, c.y, 0, 0}, S2D, as_u4(v)); }
void gocl_Z12write_imagei14ocl_image2d_rwDv2_iDv4_i(const gocl_image *im, int2 c, int4 v) __asm__("_Z12write_imagei14ocl_image2d_rwDv2_iDv4_i");
void gocl_Z12write_imagei14ocl_image2d_rwDv2_iDv4_i(const gocl_image *im, int2 c, int4 v) { write_px(im, (int4){c.x, c.y, 0, 0}, S2D, (uint4)v); }
void gocl_Z13write_imageui14ocl_image2d_rwDv2_iDv4_j(const gocl_image *im, int2 c, uint4 v) __asm__("_Z13write_imageui14ocl_image2d_rwDv2_iDv4_j");
void gocl_Z13write_imageui14ocl_image2d_rwDv2_iDv4_j(const gocl_image *im, int2 c, uint4 v) { write_px(im, (int4){c.x, c.y, 0, 0}, S2D, v); }
int gocl_Z15get_image_width20ocl_image2d_array_ro(const gocl_image *im) __asm__("_Z15get_image_width20ocl_image2d_array_ro");
int gocl_Z15get_image_width20ocl_image2d_array_ro(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type20ocl_image2d_array_ro(const gocl_image *im) __asm__("_Z27get_image_channel_data_type20ocl_image2d_array_ro");
int gocl_Z27get_image_channel_data_type20ocl_image2d_array_ro(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order20ocl_image2d_array_ro(const gocl_image *im) __asm__("_Z23get_image_channel_order20ocl_image2d_array_ro");
int gocl_Z23get_image_channel_order20ocl_image2d_array_ro(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height20ocl_image2d_array_ro(const gocl_image *im) __asm__("_Z16get_image_height20ocl_image2d_array_ro");
int gocl_Z16get_image_height20ocl_image2d_array_ro(const gocl_image *im) { return im->height; }
int2 gocl_Z13get_image_dim20ocl_image2d_array_ro(const gocl_image *im) __asm__("_Z13get_image_dim20ocl_image2d_array_ro");
int2 gocl_Z13get_image_dim20ocl_image2d_array_ro(const gocl_image *im) { return (int2){im->width, im->height}; }
size_t gocl_Z20get_image_array_size20ocl_image2d_array_ro(const gocl_image *im) __asm__("_Z20get_image_array_size20ocl_image2d_array_ro");
size_t gocl_Z20get_image_array_size20ocl_image2d_array_ro(const gocl_image *im) { return (size_t)im->array_size; }
float4 gocl_Z11read_imagef20ocl_image2d_array_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) __asm__("_Z11read_imagef20ocl_image2d_array_ro11ocl_samplerDv4_f");
float4 gocl_Z11read_imagef20ocl_image2d_array_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) { return read_float(im, sbits(s), c, S2DA); }
float4 gocl_Z11read_imagef20ocl_image2d_array_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) __asm__("_Z11read_imagef20ocl_image2d_array_ro11ocl_samplerDv4_i");
float4 gocl_Z11read_imagef20ocl_image2d_array_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) { return as_f4(read_int(im, sbits(s), c, S2DA)); }
float4 gocl_Z11read_imagef20ocl_image2d_array_roDv4_i(const gocl_image *im, int4 c) __asm__("_Z11read_imagef20ocl_image2d_array_roDv4_i");
float4 gocl_Z11read_imagef20ocl_image2d_array_roDv4_i(const gocl_image *im, int4 c) { return as_f4(read_int(im, 0, c, S2DA)); }
int4 gocl_Z11read_imagei20ocl_image2d_array_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) __asm__("_Z11read_imagei20ocl_image2d_array_ro11ocl_samplerDv4_f");
int4 gocl_Z11read_imagei20ocl_image2d_array_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) { return as_i4(read_nearest(im, sbits(s), c, S2DA)); }
int4 gocl_Z11read_imagei20ocl_image2d_array_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) __asm__("_Z11read_imagei20ocl_image2d_array_ro11ocl_samplerDv4_i");
int4 gocl_Z11read_imagei20ocl_image2d_array_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) { return as_i4(read_int(im, sbits(s), c, S2DA)); }
int4 gocl_Z11read_imagei20ocl_image2d_array_roDv4_i(const gocl_image *im, int4 c) __asm__("_Z11read_imagei20ocl_image2d_array_roDv4_i");
int4 gocl_Z11read_imagei20ocl_image2d_array_roDv4_i(const gocl_image *im, int4 c) { return as_i4(read_int(im, 0, c, S2DA)); }
uint4 gocl_Z12read_imageui20ocl_image2d_array_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) __asm__("_Z12read_imageui20ocl_image2d_array_ro11ocl_samplerDv4_f");
uint4 gocl_Z12read_imageui20ocl_image2d_array_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) { return (read_nearest(im, sbits(s), c, S2DA)); }
uint4 gocl_Z12read_imageui20ocl_image2d_array_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) __asm__("_Z12read_imageui20ocl_image2d_array_ro11ocl_samplerDv4_i");
uint4 gocl_Z12read_imageui20ocl_image2d_array_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) { return (read_int(im, sbits(s), c, S2DA)); }
uint4 gocl_Z12read_imageui20ocl_image2d_array_roDv4_i(const gocl_image *im, int4 c) __asm__("_Z12read_imageui20ocl_image2d_array_roDv4_i");
uint4 gocl_Z12read_imageui20ocl_image2d_array_roDv4_i(const gocl_image *im, int4 c) { return (read_int(im, 0, c, S2DA)); }
int gocl_Z15get_image_width20ocl_image2d_array_wo(const gocl_image *im) __asm__("_Z15get_image_width20ocl_image2d_array_wo");
int gocl_Z15get_image_width20ocl_image2d_array_wo(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type20ocl_image2d_array_wo(const gocl_image *im) __asm__("_Z27get_image_channel_data_type20ocl_image2d_array_wo");
int gocl_Z27get_image_channel_data_type20ocl_image2d_array_wo(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order20ocl_image2d_array_wo(const gocl_image *im) __asm__("_Z23get_image_channel_order20ocl_image2d_array_wo");
int gocl_Z23get_image_channel_order20ocl_image2d_array_wo(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height20ocl_image2d_array_wo(const gocl_image *im) __asm__("_Z16get_image_height20ocl_image2d_array_wo");
int gocl_Z16get_image_height20ocl_image2d_array_wo(const gocl_image *im) { return im->height; }
int2 gocl_Z13get_image_dim20ocl_image2d_array_wo(const gocl_image *im) __asm__("_Z13get_image_dim20ocl_image2d_array_wo");
int2 gocl_Z13get_image_dim20ocl_image2d_array_wo(const gocl_image *im) { return (int2){im->width, im->height}; }
size_t gocl_Z20get_image_array_size20ocl_image2d_array_wo(const gocl_image *im) __asm__("_Z20get_image_array_size20ocl_image2d_array_wo");
size_t gocl_Z20get_image_array_size20ocl_image2d_array_wo(const gocl_image *im) { return (size_t)im->array_size; }
void gocl_Z12write_imagef20ocl_image2d_array_woDv4_iDv4_f(const gocl_image *im, int4 c, float4 v) __asm__("_Z12write_imagef20ocl_image2d_array_woDv4_iDv4_f");
void gocl_Z12write_imagef20ocl_image2d_array_woDv4_iDv4_f(const gocl_image *im, int4 c, float4 v) { write_px(im, c, S2DA, as_u4(v)); }
void gocl_Z12write_imagei20ocl_image2d_array_woDv4_iS0_(const gocl_image *im, int4 c, int4 v) __asm__("_Z12write_imagei20ocl_image2d_array_woDv4_iS0_");
void gocl_Z12write_imagei20ocl_image2d_array_woDv4_iS0_(const gocl_image *im, int4 c, int4 v) { write_px(im, c, S2DA, (uint4)v); }
void gocl_Z13write_imageui20ocl_image2d_array_woDv4_iDv4_j(const gocl_image *im, int4 c, uint4 v) __asm__("_Z13write_imageui20ocl_image2d_array_woDv4_iDv4_j");
void gocl_Z13write_imageui20ocl_image2d_array_woDv4_iDv4_j(const gocl_image *im, int4 c, uint4 v) { write_px(im, c, S2DA, v); }
int gocl_Z15get_image_width20ocl_image2d_array_rw(const gocl_image *im) __asm__("_Z15get_image_width20ocl_image2d_array_rw");
int gocl_Z15get_image_width20ocl_image2d_array_rw(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type20ocl_image2d_array_rw(const gocl_image *im) __asm__("_Z27get_image_channel_data_type20ocl_image2d_array_rw");
int gocl_Z27get_image_channel_data_type20ocl_image2d_array_rw(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order20ocl_image2d_array_rw(const gocl_image *im) __asm__("_Z23get_image_channel_order20ocl_image2d_array_rw");
int gocl_Z23get_image_channel_order20ocl_image2d_array_rw(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height20ocl_image2d_array_rw(const gocl_image *im) __asm__("_Z16get_image_height20ocl_image2d_array_rw");
int gocl_Z16get_image_height20ocl_image2d_array_rw(const gocl_image *im) { return im->height; }
int2 gocl_Z13get_image_dim20ocl_image2d_array_rw(const gocl_image *im) __asm__("_Z13get_image_dim20ocl_image2d_array_rw");
int2 gocl_Z13get_image_dim20ocl_image2d_array_rw(const gocl_image *im) { return (int2){im->width, im->height}; }
size_t gocl_Z20get_image_array_size20ocl_image2d_array_rw(const gocl_image *im) __asm__("_Z20get_image_array_size20ocl_image2d_array_rw");
size_t gocl_Z20get_image_array_size20ocl_image2d_array_rw(const gocl_image *im) { return (size_t)im->array_size; }
float4 gocl_Z11read_imagef20ocl_image2d_array_rwDv4_i(const gocl_image *im, int4 c) __asm__("_Z11read_imagef20ocl_image2d_array_rwDv4_i");
float4 gocl_Z11read_imagef20ocl_image2d_array_rwDv4_i(const gocl_image *im, int4 c) { return as_f4(read_int(im, 0, c, S2DA)); }
int4 gocl_Z11read_imagei20ocl_image2d_array_rwDv4_i(const gocl_image *im, int4 c) __asm__("_Z11read_imagei20ocl_image2d_array_rwDv4_i");
int4 gocl_Z11read_imagei20ocl_image2d_array_rwDv4_i(const gocl_image *im, int4 c) { return as_i4(read_int(im, 0, c, S2DA)); }
uint4 gocl_Z12read_imageui20ocl_image2d_array_rwDv4_i(const gocl_image *im, int4 c) __asm__("_Z12read_imageui20ocl_image2d_array_rwDv4_i");
uint4 gocl_Z12read_imageui20ocl_image2d_array_rwDv4_i(const gocl_image *im, int4 c) { return (read_int(im, 0, c, S2DA)); }
void gocl_Z12write_imagef20ocl_image2d_array_rwDv4_iDv4_f(const gocl_image *im, int4 c, float4 v) __asm__("_Z12write_imagef20ocl_image2d_array_rwDv4_iDv4_f");
void gocl_Z12write_imagef20ocl_image2d_array_rwDv4_iDv4_f(const gocl_image *im, int4 c, float4 v) { write_px(im, c, S2DA, as_u4(v)); }
void gocl_Z12write_imagei20ocl_image2d_array_rwDv4_iS0_(const gocl_image *im, int4 c, int4 v) __asm__("_Z12write_imagei20ocl_image2d_array_rwDv4_iS0_");
void gocl_Z12write_imagei20ocl_image2d_array_rwDv4_iS0_(const gocl_image *im, int4 c, int4 v) { write_px(im, c, S2DA, (uint4)v); }
void gocl_Z13write_imageui20ocl_image2d_array_rwDv4_iDv4_j(const gocl_image *im, int4 c, uint4 v) __asm__("_Z13write_imageui20ocl_image2d_array_rwDv4_iDv4_j");
void gocl_Z13write_imageui20ocl_image2d_array_rwDv4_iDv4_j(const gocl_image *im, int4 c, uint4 v) { write_px(im, c, S2DA, v); }
int gocl_Z15get_image_width14ocl_image3d_ro(const gocl_image *im) __asm__("_Z15get_image_width14ocl_image3d_ro");
int gocl_Z15get_image_width14ocl_image3d_ro(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type14ocl_image3d_ro(const gocl_image *im) __asm__("_Z27get_image_channel_data_type14ocl_image3d_ro");
int gocl_Z27get_image_channel_data_type14ocl_image3d_ro(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order14ocl_image3d_ro(const gocl_image *im) __asm__("_Z23get_image_channel_order14ocl_image3d_ro");
int gocl_Z23get_image_channel_order14ocl_image3d_ro(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height14ocl_image3d_ro(const gocl_image *im) __asm__("_Z16get_image_height14ocl_image3d_ro");
int gocl_Z16get_image_height14ocl_image3d_ro(const gocl_image *im) { return im->height; }
int gocl_Z15get_image_depth14ocl_image3d_ro(const gocl_image *im) __asm__("_Z15get_image_depth14ocl_image3d_ro");
int gocl_Z15get_image_depth14ocl_image3d_ro(const gocl_image *im) { return im->depth; }
int4 gocl_Z13get_image_dim14ocl_image3d_ro(const gocl_image *im) __asm__("_Z13get_image_dim14ocl_image3d_ro");
int4 gocl_Z13get_image_dim14ocl_image3d_ro(const gocl_image *im) { return (int4){im->width, im->height, im->depth, 0}; }
float4 gocl_Z11read_imagef14ocl_image3d_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) __asm__("_Z11read_imagef14ocl_image3d_ro11ocl_samplerDv4_f");
float4 gocl_Z11read_imagef14ocl_image3d_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) { return read_float(im, sbits(s), c, S3D); }
float4 gocl_Z11read_imagef14ocl_image3d_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) __asm__("_Z11read_imagef14ocl_image3d_ro11ocl_samplerDv4_i");
float4 gocl_Z11read_imagef14ocl_image3d_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) { return as_f4(read_int(im, sbits(s), c, S3D)); }
float4 gocl_Z11read_imagef14ocl_image3d_roDv4_i(const gocl_image *im, int4 c) __asm__("_Z11read_imagef14ocl_image3d_roDv4_i");
float4 gocl_Z11read_imagef14ocl_image3d_roDv4_i(const gocl_image *im, int4 c) { return as_f4(read_int(im, 0, c, S3D)); }
int4 gocl_Z11read_imagei14ocl_image3d_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) __asm__("_Z11read_imagei14ocl_image3d_ro11ocl_samplerDv4_f");
int4 gocl_Z11read_imagei14ocl_image3d_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) { return as_i4(read_nearest(im, sbits(s), c, S3D)); }
int4 gocl_Z11read_imagei14ocl_image3d_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) __asm__("_Z11read_imagei14ocl_image3d_ro11ocl_samplerDv4_i");
int4 gocl_Z11read_imagei14ocl_image3d_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) { return as_i4(read_int(im, sbits(s), c, S3D)); }
int4 gocl_Z11read_imagei14ocl_image3d_roDv4_i(const gocl_image *im, int4 c) __asm__("_Z11read_imagei14ocl_image3d_roDv4_i");
int4 gocl_Z11read_imagei14ocl_image3d_roDv4_i(const gocl_image *im, int4 c) { return as_i4(read_int(im, 0, c, S3D)); }
uint4 gocl_Z12read_imageui14ocl_image3d_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) __asm__("_Z12read_imageui14ocl_image3d_ro11ocl_samplerDv4_f");
uint4 gocl_Z12read_imageui14ocl_image3d_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) { return (read_nearest(im, sbits(s), c, S3D)); }
uint4 gocl_Z12read_imageui14ocl_image3d_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) __asm__("_Z12read_imageui14ocl_image3d_ro11ocl_samplerDv4_i");
uint4 gocl_Z12read_imageui14ocl_image3d_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) { return (read_int(im, sbits(s), c, S3D)); }
uint4 gocl_Z12read_imageui14ocl_image3d_roDv4_i(const gocl_image *im, int4 c) __asm__("_Z12read_imageui14ocl_image3d_roDv4_i");
uint4 gocl_Z12read_imageui14ocl_image3d_roDv4_i(const gocl_image *im, int4 c) { return (read_int(im, 0, c, S3D)); }
int gocl_Z15get_image_width14ocl_image3d_wo(const gocl_image *im) __asm__("_Z15get_image_width14ocl_image3d_wo");
int gocl_Z15get_image_width14ocl_image3d_wo(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type14ocl_image3d_wo(const gocl_image *im) __asm__("_Z27get_image_channel_data_type14ocl_image3d_wo");
int gocl_Z27get_image_channel_data_type14ocl_image3d_wo(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order14ocl_image3d_wo(const gocl_image *im) __asm__("_Z23get_image_channel_order14ocl_image3d_wo");
int gocl_Z23get_image_channel_order14ocl_image3d_wo(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height14ocl_image3d_wo(const gocl_image *im) __asm__("_Z16get_image_height14ocl_image3d_wo");
int gocl_Z16get_image_height14ocl_image3d_wo(const gocl_image *im) { return im->height; }
int gocl_Z15get_image_depth14ocl_image3d_wo(const gocl_image *im) __asm__("_Z15get_image_depth14ocl_image3d_wo");
int gocl_Z15get_image_depth14ocl_image3d_wo(const gocl_image *im) { return im->depth; }
int4 gocl_Z13get_image_dim14ocl_image3d_wo(const gocl_image *im) __asm__("_Z13get_image_dim14ocl_image3d_wo");
int4 gocl_Z13get_image_dim14ocl_image3d_wo(const gocl_image *im) { return (int4){im->width, im->height, im->depth, 0}; }
void gocl_Z12write_imagef14ocl_image3d_woDv4_iDv4_f(const gocl_image *im, int4 c, float4 v) __asm__("_Z12write_imagef14ocl_image3d_woDv4_iDv4_f");
void gocl_Z12write_imagef14ocl_image3d_woDv4_iDv4_f(const gocl_image *im, int4 c, float4 v) { write_px(im, c, S3D, as_u4(v)); }
void gocl_Z12write_imagei14ocl_image3d_woDv4_iS0_(const gocl_image *im, int4 c, int4 v) __asm__("_Z12write_imagei14ocl_image3d_woDv4_iS0_");
void gocl_Z12write_imagei14ocl_image3d_woDv4_iS0_(const gocl_image *im, int4 c, int4 v) { write_px(im, c, S3D, (uint4)v); }
void gocl_Z13write_imageui14ocl_image3d_woDv4_iDv4_j(const gocl_image *im, int4 c, uint4 v) __asm__("_Z13write_imageui14ocl_image3d_woDv4_iDv4_j");
void gocl_Z13write_imageui14ocl_image3d_woDv4_iDv4_j(const gocl_image *im, int4 c, uint4 v) { write_px(im, c, S3D, v); }
int gocl_Z15get_image_width14ocl_image3d_rw(const gocl_image *im) __asm__("_Z15get_image_width14ocl_image3d_rw");
int gocl_Z15get_image_width14ocl_image3d_rw(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type14ocl_image3d_rw(const gocl_image *im) __asm__("_Z27get_image_channel_data_type14ocl_image3d_rw");
int gocl_Z27get_image_channel_data_type14ocl_image3d_rw(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order14ocl_image3d_rw(const gocl_image *im) __asm__("_Z23get_image_channel_order14ocl_image3d_rw");
int gocl_Z23get_image_channel_order14ocl_image3d_rw(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height14ocl_image3d_rw(const gocl_image *im) __asm__("_Z16get_image_height14ocl_image3d_rw");
int gocl_Z16get_image_height14ocl_image3d_rw(const gocl_image *im) { return im->height; }
int gocl_Z15get_image_depth14ocl_image3d_rw(const gocl_image *im) __asm__("_Z15get_image_depth14ocl_image3d_rw");
int gocl_Z15get_image_depth14ocl_image3d_rw(const gocl_image *im) { return im->depth; }
int4 gocl_Z13get_image_dim14ocl_image3d_rw(const gocl_image *im) __asm__("_Z13get_image_dim14ocl_image3d_rw");
int4 gocl_Z13get_image_dim14ocl_image3d_rw(const gocl_image *im) { return (int4){im->width, im->height, im->depth, 0}; }
float4 gocl_Z11read_imagef14ocl_image3d_rwDv4_i(const gocl_image *im, int4 c) __asm__("_Z11read_imagef14ocl_image3d_rwDv4_i");
float4 gocl_Z11read_imagef14ocl_image3d_rwDv4_i(const gocl_image *im, int4 c) { return as_f4(read_int(im, 0, c, S3D)); }
int4 gocl_Z11read_imagei14ocl_image3d_rwDv4_i(const gocl_image *im, int4 c) __asm__("_Z11read_imagei14ocl_image3d_rwDv4_i");
int4 gocl_Z11read_imagei14ocl_image3d_rwDv4_i(const gocl_image *im, int4 c) { return as_i4(read_int(im, 0, c, S3D)); }
uint4 gocl_Z12read_imageui14ocl_image3d_rwDv4_i(const gocl_image *im, int4 c) __asm__("_Z12read_imageui14ocl_image3d_rwDv4_i");
uint4 gocl_Z12read_imageui14ocl_image3d_rwDv4_i(const gocl_image *im, int4 c) { return (read_int(im, 0, c, S3D)); }
void gocl_Z12write_imagef14ocl_image3d_rwDv4_iDv4_f(const gocl_image *im, int4 c, float4 v) __asm__("_Z12write_imagef14ocl_image3d_rwDv4_iDv4_f");
void gocl_Z12write_imagef14ocl_image3d_rwDv4_iDv4_f(const gocl_image *im, int4 c, float4 v) { write_px(im, c, S3D, as_u4(v)); }
void gocl_Z12write_imagei14ocl_image3d_rwDv4_iS0_(const gocl_image *im, int4 c, int4 v) __asm__("_Z12write_imagei14ocl_image3d_rwDv4_iS0_");
void gocl_Z12write_imagei14ocl_image3d_rwDv4_iS0_(const gocl_image *im, int4 c, int4 v) { write_px(im, c, S3D, (uint4)v); }
void gocl_Z13write_imageui14ocl_image3d_rwDv4_iDv4_j(const gocl_image *im, int4 c, uint4 v) __asm__("_Z13write_imageui14ocl_image3d_rwDv4_iDv4_j");
void gocl_Z13write_imageui14ocl_image3d_rwDv4_iDv4_j(const gocl_image *im, int4 c, uint4 v) { write_px(im, c, S3D, v); }
int gocl_Z15get_image_width20ocl_image2d_depth_ro(const gocl_image *im) __asm__("_Z15get_image_width20ocl_image2d_depth_ro");
int gocl_Z15get_image_width20ocl_image2d_depth_ro(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type20ocl_image2d_depth_ro(const gocl_image *im) __asm__("_Z27get_image_channel_data_type20ocl_image2d_depth_ro");
int gocl_Z27get_image_channel_data_type20ocl_image2d_depth_ro(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order20ocl_image2d_depth_ro(const gocl_image *im) __asm__("_Z23get_image_channel_order20ocl_image2d_depth_ro");
int gocl_Z23get_image_channel_order20ocl_image2d_depth_ro(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height20ocl_image2d_depth_ro(const gocl_image *im) __asm__("_Z16get_image_height20ocl_image2d_depth_ro");
int gocl_Z16get_image_height20ocl_image2d_depth_ro(const gocl_image *im) { return im->height; }
int2 gocl_Z13get_image_dim20ocl_image2d_depth_ro(const gocl_image *im) __asm__("_Z13get_image_dim20ocl_image2d_depth_ro");
int2 gocl_Z13get_image_dim20ocl_image2d_depth_ro(const gocl_image *im) { return (int2){im->width, im->height}; }
float gocl_Z11read_imagef20ocl_image2d_depth_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) __asm__("_Z11read_imagef20ocl_image2d_depth_ro11ocl_samplerDv2_f");
float gocl_Z11read_imagef20ocl_image2d_depth_ro11ocl_samplerDv2_f(const gocl_image *im, void *s, float2 c) { return read_float(im, sbits(s), (float4){c.x, c.y, 0, 0}, S2D).x; }
float gocl_Z11read_imagef20ocl_image2d_depth_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) __asm__("_Z11read_imagef20ocl_image2d_depth_ro11ocl_samplerDv2_i");
float gocl_Z11read_imagef20ocl_image2d_depth_ro11ocl_samplerDv2_i(const gocl_image *im, void *s, int2 c) { return as_f4(read_int(im, sbits(s), (int4){c.x, c.y, 0, 0}, S2D)).x; }
float gocl_Z11read_imagef20ocl_image2d_depth_roDv2_i(const gocl_image *im, int2 c) __asm__("_Z11read_imagef20ocl_image2d_depth_roDv2_i");
float gocl_Z11read_imagef20ocl_image2d_depth_roDv2_i(const gocl_image *im, int2 c) { return as_f4(read_int(im, 0, (int4){c.x, c.y, 0, 0}, S2D)).x; }
int gocl_Z15get_image_width20ocl_image2d_depth_wo(const gocl_image *im) __asm__("_Z15get_image_width20ocl_image2d_depth_wo");
int gocl_Z15get_image_width20ocl_image2d_depth_wo(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type20ocl_image2d_depth_wo(const gocl_image *im) __asm__("_Z27get_image_channel_data_type20ocl_image2d_depth_wo");
int gocl_Z27get_image_channel_data_type20ocl_image2d_depth_wo(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order20ocl_image2d_depth_wo(const gocl_image *im) __asm__("_Z23get_image_channel_order20ocl_image2d_depth_wo");
int gocl_Z23get_image_channel_order20ocl_image2d_depth_wo(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height20ocl_image2d_depth_wo(const gocl_image *im) __asm__("_Z16get_image_height20ocl_image2d_depth_wo");
int gocl_Z16get_image_height20ocl_image2d_depth_wo(const gocl_image *im) { return im->height; }
int2 gocl_Z13get_image_dim20ocl_image2d_depth_wo(const gocl_image *im) __asm__("_Z13get_image_dim20ocl_image2d_depth_wo");
int2 gocl_Z13get_image_dim20ocl_image2d_depth_wo(const gocl_image *im) { return (int2){im->width, im->height}; }
void gocl_Z12write_imagef20ocl_image2d_depth_woDv2_if(const gocl_image *im, int2 c, float v) __asm__("_Z12write_imagef20ocl_image2d_depth_woDv2_if");
void gocl_Z12write_imagef20ocl_image2d_depth_woDv2_if(const gocl_image *im, int2 c, float v) { write_px(im, (int4){c.x, c.y, 0, 0}, S2D, as_u4((float4){v, 0, 0, 0})); }
int gocl_Z15get_image_width20ocl_image2d_depth_rw(const gocl_image *im) __asm__("_Z15get_image_width20ocl_image2d_depth_rw");
int gocl_Z15get_image_width20ocl_image2d_depth_rw(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type20ocl_image2d_depth_rw(const gocl_image *im) __asm__("_Z27get_image_channel_data_type20ocl_image2d_depth_rw");
int gocl_Z27get_image_channel_data_type20ocl_image2d_depth_rw(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order20ocl_image2d_depth_rw(const gocl_image *im) __asm__("_Z23get_image_channel_order20ocl_image2d_depth_rw");
int gocl_Z23get_image_channel_order20ocl_image2d_depth_rw(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height20ocl_image2d_depth_rw(const gocl_image *im) __asm__("_Z16get_image_height20ocl_image2d_depth_rw");
int gocl_Z16get_image_height20ocl_image2d_depth_rw(const gocl_image *im) { return im->height; }
int2 gocl_Z13get_image_dim20ocl_image2d_depth_rw(const gocl_image *im) __asm__("_Z13get_image_dim20ocl_image2d_depth_rw");
int2 gocl_Z13get_image_dim20ocl_image2d_depth_rw(const gocl_image *im) { return (int2){im->width, im->height}; }
float gocl_Z11read_imagef20ocl_image2d_depth_rwDv2_i(const gocl_image *im, int2 c) __asm__("_Z11read_imagef20ocl_image2d_depth_rwDv2_i");
float gocl_Z11read_imagef20ocl_image2d_depth_rwDv2_i(const gocl_image *im, int2 c) { return as_f4(read_int(im, 0, (int4){c.x, c.y, 0, 0}, S2D)).x; }
void gocl_Z12write_imagef20ocl_image2d_depth_rwDv2_if(const gocl_image *im, int2 c, float v) __asm__("_Z12write_imagef20ocl_image2d_depth_rwDv2_if");
void gocl_Z12write_imagef20ocl_image2d_depth_rwDv2_if(const gocl_image *im, int2 c, float v) { write_px(im, (int4){c.x, c.y, 0, 0}, S2D, as_u4((float4){v, 0, 0, 0})); }
int gocl_Z15get_image_width26ocl_image2d_array_depth_ro(const gocl_image *im) __asm__("_Z15get_image_width26ocl_image2d_array_depth_ro");
int gocl_Z15get_image_width26ocl_image2d_array_depth_ro(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type26ocl_image2d_array_depth_ro(const gocl_image *im) __asm__("_Z27get_image_channel_data_type26ocl_image2d_array_depth_ro");
int gocl_Z27get_image_channel_data_type26ocl_image2d_array_depth_ro(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order26ocl_image2d_array_depth_ro(const gocl_image *im) __asm__("_Z23get_image_channel_order26ocl_image2d_array_depth_ro");
int gocl_Z23get_image_channel_order26ocl_image2d_array_depth_ro(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height26ocl_image2d_array_depth_ro(const gocl_image *im) __asm__("_Z16get_image_height26ocl_image2d_array_depth_ro");
int gocl_Z16get_image_height26ocl_image2d_array_depth_ro(const gocl_image *im) { return im->height; }
int2 gocl_Z13get_image_dim26ocl_image2d_array_depth_ro(const gocl_image *im) __asm__("_Z13get_image_dim26ocl_image2d_array_depth_ro");
int2 gocl_Z13get_image_dim26ocl_image2d_array_depth_ro(const gocl_image *im) { return (int2){im->width, im->height}; }
size_t gocl_Z20get_image_array_size26ocl_image2d_array_depth_ro(const gocl_image *im) __asm__("_Z20get_image_array_size26ocl_image2d_array_depth_ro");
size_t gocl_Z20get_image_array_size26ocl_image2d_array_depth_ro(const gocl_image *im) { return (size_t)im->array_size; }
float gocl_Z11read_imagef26ocl_image2d_array_depth_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) __asm__("_Z11read_imagef26ocl_image2d_array_depth_ro11ocl_samplerDv4_f");
float gocl_Z11read_imagef26ocl_image2d_array_depth_ro11ocl_samplerDv4_f(const gocl_image *im, void *s, float4 c) { return read_float(im, sbits(s), c, S2DA).x; }
float gocl_Z11read_imagef26ocl_image2d_array_depth_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) __asm__("_Z11read_imagef26ocl_image2d_array_depth_ro11ocl_samplerDv4_i");
float gocl_Z11read_imagef26ocl_image2d_array_depth_ro11ocl_samplerDv4_i(const gocl_image *im, void *s, int4 c) { return as_f4(read_int(im, sbits(s), c, S2DA)).x; }
float gocl_Z11read_imagef26ocl_image2d_array_depth_roDv4_i(const gocl_image *im, int4 c) __asm__("_Z11read_imagef26ocl_image2d_array_depth_roDv4_i");
float gocl_Z11read_imagef26ocl_image2d_array_depth_roDv4_i(const gocl_image *im, int4 c) { return as_f4(read_int(im, 0, c, S2DA)).x; }
int gocl_Z15get_image_width26ocl_image2d_array_depth_wo(const gocl_image *im) __asm__("_Z15get_image_width26ocl_image2d_array_depth_wo");
int gocl_Z15get_image_width26ocl_image2d_array_depth_wo(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type26ocl_image2d_array_depth_wo(const gocl_image *im) __asm__("_Z27get_image_channel_data_type26ocl_image2d_array_depth_wo");
int gocl_Z27get_image_channel_data_type26ocl_image2d_array_depth_wo(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order26ocl_image2d_array_depth_wo(const gocl_image *im) __asm__("_Z23get_image_channel_order26ocl_image2d_array_depth_wo");
int gocl_Z23get_image_channel_order26ocl_image2d_array_depth_wo(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height26ocl_image2d_array_depth_wo(const gocl_image *im) __asm__("_Z16get_image_height26ocl_image2d_array_depth_wo");
int gocl_Z16get_image_height26ocl_image2d_array_depth_wo(const gocl_image *im) { return im->height; }
int2 gocl_Z13get_image_dim26ocl_image2d_array_depth_wo(const gocl_image *im) __asm__("_Z13get_image_dim26ocl_image2d_array_depth_wo");
int2 gocl_Z13get_image_dim26ocl_image2d_array_depth_wo(const gocl_image *im) { return (int2){im->width, im->height}; }
size_t gocl_Z20get_image_array_size26ocl_image2d_array_depth_wo(const gocl_image *im) __asm__("_Z20get_image_array_size26ocl_image2d_array_depth_wo");
size_t gocl_Z20get_image_array_size26ocl_image2d_array_depth_wo(const gocl_image *im) { return (size_t)im->array_size; }
void gocl_Z12write_imagef26ocl_image2d_array_depth_woDv4_if(const gocl_image *im, int4 c, float v) __asm__("_Z12write_imagef26ocl_image2d_array_depth_woDv4_if");
void gocl_Z12write_imagef26ocl_image2d_array_depth_woDv4_if(const gocl_image *im, int4 c, float v) { write_px(im, c, S2DA, as_u4((float4){v, 0, 0, 0})); }
int gocl_Z15get_image_width26ocl_image2d_array_depth_rw(const gocl_image *im) __asm__("_Z15get_image_width26ocl_image2d_array_depth_rw");
int gocl_Z15get_image_width26ocl_image2d_array_depth_rw(const gocl_image *im) { return im->width; }
int gocl_Z27get_image_channel_data_type26ocl_image2d_array_depth_rw(const gocl_image *im) __asm__("_Z27get_image_channel_data_type26ocl_image2d_array_depth_rw");
int gocl_Z27get_image_channel_data_type26ocl_image2d_array_depth_rw(const gocl_image *im) { return im->type; }
int gocl_Z23get_image_channel_order26ocl_image2d_array_depth_rw(const gocl_image *im) __asm__("_Z23get_image_channel_order26ocl_image2d_array_depth_rw");
int gocl_Z23get_image_channel_order26ocl_image2d_array_depth_rw(const gocl_image *im) { return im->order; }
int gocl_Z16get_image_height26ocl_image2d_array_depth_rw(const gocl_image *im) __asm__("_Z16get_image_height26ocl_image2d_array_depth_rw");
int gocl_Z16get_image_height26ocl_image2d_array_depth_rw(const gocl_image *im) { return im->height; }
int2 gocl_Z13get_image_dim26ocl_image2d_array_depth_rw(const gocl_image *im) __asm__("_Z13get_image_dim26ocl_image2d_array_depth_rw");
int2 gocl_Z13get_image_dim26ocl_image2d_array_depth_rw(const gocl_image *im) { return (int2){im->width, im->height}; }
size_t gocl_Z20get_image_array_size26ocl_image2d_array_depth_rw(const gocl_image *im) __asm__("_Z20get_image_array_size26ocl_image2d_array_depth_rw");
size_t gocl_Z20get_image_array_size26ocl_image2d_array_depth_rw(const gocl_image *im) { return (size_t)im->array_size; }
float gocl_Z11read_imagef26ocl_image2d_array_depth_rwDv4_i(const gocl_image *im, int4 c) __asm__("_Z11read_imagef26ocl_image2d_array_depth_rwDv4_i");
float gocl_Z11read_imagef26ocl_image2d_array_depth_rwDv4_i(const gocl_image *im, int4 c) { return as_f4(read_int(im, 0, c, S2DA)).x; }
void gocl_Z12write_imagef26ocl_image2d_array_depth_rwDv4_if(const gocl_image *im, int4 c, float v) __asm__("_Z12write_imagef26ocl_image2d_array_depth_rwDv4_if");
void gocl_Z12write_imagef26ocl_image2d_array_depth_rwDv4_if(const gocl_image *im, int4 c, float v) { write_px(im, c, S2DA, as_u4((float4){v, 0, 0, 0})); }
