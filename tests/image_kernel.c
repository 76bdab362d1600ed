/* Images and samplers in kernels: read_image{f,i,ui} through samplers
 * (every addressing mode, nearest and linear filtering, normalized and
 * unnormalized coordinates) against a host reference of the
 * specification's addressing and filtering rules, for every image type;
 * sampler-less reads and writes of every supported format against host
 * conversions (rounding to nearest even, saturation, sRGB); get_image_*;
 * samplers as kernel arguments, program-scope constants and literals;
 * image arrays; 1D image buffers; read_write images; images with their own
 * pitches; clSetKernelArg's checks of image and sampler arguments and the
 * argument info. */
#include "check.h"
#include <math.h>

static test_env T;

/* ---- host reference: formats ---- */

typedef struct { cl_channel_order order; cl_channel_type type; } fmt;

static int chans(cl_channel_order o) { return o == CL_R ? 1 : o == CL_RG ? 2 : 4; }

static int tsize(cl_channel_type t) {
	switch (t) {
	case CL_UNORM_INT8: case CL_SNORM_INT8: case CL_SIGNED_INT8: case CL_UNSIGNED_INT8: return 1;
	case CL_UNORM_INT16: case CL_SNORM_INT16: case CL_SIGNED_INT16: case CL_UNSIGNED_INT16: case CL_HALF_FLOAT: return 2;
	}
	return 4;
}

static int esize(fmt f) { return chans(f.order) * tsize(f.type); }

/* 0: read as float, 1: int, 2: uint */
static int kind(cl_channel_type t) {
	switch (t) {
	case CL_SIGNED_INT8: case CL_SIGNED_INT16: case CL_SIGNED_INT32: return 1;
	case CL_UNSIGNED_INT8: case CL_UNSIGNED_INT16: case CL_UNSIGNED_INT32: return 2;
	}
	return 0;
}

static float bf(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint32_t fb(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

static float half_to_float(uint16_t h) {
	int s = h >> 15, e = h >> 10 & 31, m = h & 1023;
	float v;
	if (e == 0) v = ldexpf((float)m, -24);
	else if (e == 31) v = m ? NAN : INFINITY;
	else v = ldexpf((float)(m | 1024), e - 25);
	return s ? -v : v;
}

/* float → half, round to nearest even (by way of double, exact). */
static uint16_t float_to_half(float f) {
	uint16_t s = signbit(f) ? 0x8000 : 0;
	if (isnan(f)) return s | 0x7e00;
	double a = fabs((double)f);
	if (a >= 65520.0) return s | 0x7c00; /* rounds to infinity */
	if (a < ldexp(1, -14)) { /* subnormal: multiples of 2^-24 */
		double q = nearbyint(a * ldexp(1, 24));
		return s | (uint16_t)q; /* q = 1024 is the smallest normal: right bits too */
	}
	int e;
	frexp(a, &e); /* a = x * 2^e, x in [0.5, 1) */
	double q = nearbyint(a * ldexp(1, 11 - e)); /* 11 significant bits */
	int he = e - 1 + 15;
	if (q >= 2048) { q /= 2; he++; }
	if (he >= 31) return s | 0x7c00;
	return s | (uint16_t)(he << 10 | ((int)q & 1023));
}

static float srgb_to_linear(float c) {
	return c <= 0.04045f ? c / 12.92f : (float)pow((c + 0.055) / 1.055, 2.4);
}

/* A pixel as read_image{f,i,ui} returns it (bits). */
static void unpack(fmt f, const uint8_t *p, uint32_t out[4]) {
	uint32_t c[4] = {0, 0, 0, kind(f.type) ? 1 : fb(1.0f)};
	int n = chans(f.order);
	for (int i = 0; i < n; i++) {
		const uint8_t *q = p + i * tsize(f.type);
		uint16_t u16; int16_t s16; uint32_t u32;
		memcpy(&u16, q, 2); memcpy(&s16, q, 2); memcpy(&u32, q, 4);
		uint32_t v;
		switch (f.type) {
		case CL_UNORM_INT8: v = fb(q[0] / 255.0f); break;
		case CL_UNORM_INT16: v = fb(u16 / 65535.0f); break;
		case CL_SNORM_INT8: v = fb(fmaxf(-1.0f, (int8_t)q[0] / 127.0f)); break;
		case CL_SNORM_INT16: v = fb(fmaxf(-1.0f, s16 / 32767.0f)); break;
		case CL_SIGNED_INT8: v = (uint32_t)(int32_t)(int8_t)q[0]; break;
		case CL_SIGNED_INT16: v = (uint32_t)(int32_t)s16; break;
		case CL_UNSIGNED_INT8: v = q[0]; break;
		case CL_UNSIGNED_INT16: v = u16; break;
		case CL_HALF_FLOAT: v = fb(half_to_float(u16)); break;
		default: v = u32;
		}
		c[i] = v;
	}
	if (f.order == CL_BGRA) { uint32_t t = c[0]; c[0] = c[2]; c[2] = t; }
	if (f.order == CL_sRGBA)
		for (int i = 0; i < 3; i++) c[i] = fb(srgb_to_linear(bf(c[i])));
	memcpy(out, c, 16);
}

/* A color written by write_image{f,i,ui}, as the pixel's bytes. */
static void pack(fmt f, const uint32_t in[4], uint8_t *p) {
	uint32_t c[4];
	memcpy(c, in, 16);
	if (f.order == CL_BGRA) { uint32_t t = c[0]; c[0] = c[2]; c[2] = t; }
	for (int i = 0; i < chans(f.order); i++) {
		uint8_t *q = p + i * tsize(f.type);
		float x = bf(c[i]);
		int32_t s = (int32_t)c[i];
		uint32_t u = c[i];
		uint16_t u16; int16_t s16;
		switch (f.type) {
		case CL_UNORM_INT8: x *= 255.0f; q[0] = isnan(x) || x <= 0 ? 0 : x >= 255 ? 255 : (uint8_t)rintf(x); break;
		case CL_UNORM_INT16: x *= 65535.0f; u16 = isnan(x) || x <= 0 ? 0 : x >= 65535 ? 65535 : (uint16_t)rintf(x); memcpy(q, &u16, 2); break;
		case CL_SNORM_INT8: x = rintf(x * 127.0f); q[0] = (uint8_t)(int8_t)(isnan(x) ? 0 : x < -128 ? -128 : x > 127 ? 127 : x); break;
		case CL_SNORM_INT16: x = rintf(x * 32767.0f); s16 = isnan(x) ? 0 : x < -32768 ? -32768 : x > 32767 ? 32767 : (int16_t)x; memcpy(q, &s16, 2); break;
		case CL_SIGNED_INT8: q[0] = (uint8_t)(int8_t)(s < -128 ? -128 : s > 127 ? 127 : s); break;
		case CL_SIGNED_INT16: s16 = s < -32768 ? -32768 : s > 32767 ? 32767 : s; memcpy(q, &s16, 2); break;
		case CL_UNSIGNED_INT8: q[0] = u > 255 ? 255 : u; break;
		case CL_UNSIGNED_INT16: u16 = u > 65535 ? 65535 : u; memcpy(q, &u16, 2); break;
		case CL_HALF_FLOAT: u16 = float_to_half(x); memcpy(q, &u16, 2); break;
		default: memcpy(q, &u, 4);
		}
	}
}

/* ---- host reference: addressing and filtering ---- */

/* An image on the host: texel (x, y, z) at data + x*elem + y*py + z*pz, the
 * layers of a 1D array along y, those of a 2D array along z. */
typedef struct {
	cl_mem_object_type type;
	fmt f;
	int ext[3];  /* extent along x, y, z */
	int dims;    /* coordinates that are filtered */
	int layer;   /* axis of the array layer, or -1 */
	size_t py, pz;
	uint8_t *data;
} himg;

static void texel(const himg *im, const int idx[3], float out[4]) {
	for (int i = 0; i < 3; i++) {
		if (idx[i] < 0 || idx[i] >= im->ext[i]) { /* border color */
			int alpha = im->f.order == CL_RGBA || im->f.order == CL_BGRA || im->f.order == CL_sRGBA;
			out[0] = out[1] = out[2] = 0;
			out[3] = alpha ? 0.0f : 1.0f;
			if (kind(im->f.type)) memcpy(&out[3], &(uint32_t){alpha ? 0 : 1}, 4);
			return;
		}
	}
	uint32_t c[4];
	unpack(im->f, im->data + idx[0] * esize(im->f) + idx[1] * im->py + idx[2] * im->pz, c);
	memcpy(out, c, 16);
}

static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/* read_imagef / read_imagei with a sampler and float coordinates: the rules
 * of the API specification's "Image Addressing and Filtering". */
static void ref_sample(const himg *im, int norm, cl_addressing_mode addr, cl_filter_mode filt, const float c[4], float out[4]) {
	int i0[3] = {0, 0, 0}, i1[3] = {0, 0, 0};
	float a[3] = {0, 0, 0};
	int linear = filt == CL_FILTER_LINEAR && !kind(im->f.type);
	for (int d = 0; d < im->dims; d++) {
		float s = c[d];
		int n = im->ext[d];
		if (norm && addr == CL_ADDRESS_REPEAT) {
			float u = (s - floorf(s)) * n;
			if (!linear) {
				int i = (int)floorf(u);
				if (i > n - 1) i = i - n;
				i0[d] = i;
			} else {
				i0[d] = (int)floorf(u - 0.5f);
				i1[d] = i0[d] + 1;
				if (i0[d] < 0) i0[d] = n + i0[d];
				if (i1[d] > n - 1) i1[d] = i1[d] - n;
				a[d] = (u - 0.5f) - floorf(u - 0.5f);
			}
		} else if (norm && addr == CL_ADDRESS_MIRRORED_REPEAT) {
			float s2 = 2.0f * rintf(0.5f * s);
			s2 = fabsf(s - s2);
			float u = s2 * n;
			if (!linear) {
				i0[d] = clampi((int)floorf(u), 0, n - 1);
			} else {
				i0[d] = (int)floorf(u - 0.5f);
				i1[d] = i0[d] + 1;
				i0[d] = i0[d] < 0 ? 0 : i0[d];
				i1[d] = i1[d] > n - 1 ? n - 1 : i1[d];
				a[d] = (u - 0.5f) - floorf(u - 0.5f);
			}
		} else {
			float u = norm ? s * n : s;
			int lo = addr == CL_ADDRESS_CLAMP_TO_EDGE ? 0 : -1, hi = addr == CL_ADDRESS_CLAMP_TO_EDGE ? n - 1 : n;
			if (!linear) {
				i0[d] = (int)floorf(u);
				if (addr != CL_ADDRESS_NONE) i0[d] = clampi(i0[d], lo, hi);
			} else {
				i0[d] = (int)floorf(u - 0.5f);
				i1[d] = i0[d] + 1;
				if (addr != CL_ADDRESS_NONE) i0[d] = clampi(i0[d], lo, hi), i1[d] = clampi(i1[d], lo, hi);
				a[d] = (u - 0.5f) - floorf(u - 0.5f);
			}
		}
	}
	if (im->layer >= 0) {
		int l = im->layer;
		i0[l] = i1[l] = clampi((int)rintf(c[l]), 0, im->ext[l] - 1);
	}
	if (!linear) {
		texel(im, i0, out);
		return;
	}
	double sum[4] = {0, 0, 0, 0};
	for (int k = 0; k < 1 << im->dims; k++) {
		int idx[3];
		double w = 1;
		for (int d = 0; d < 3; d++) {
			int hi = d < im->dims && (k >> d & 1);
			idx[d] = hi ? i1[d] : i0[d];
			if (d < im->dims) w *= hi ? a[d] : 1 - a[d];
		}
		float t[4];
		texel(im, idx, t);
		for (int j = 0; j < 4; j++) sum[j] += w * t[j];
	}
	for (int j = 0; j < 4; j++) out[j] = (float)sum[j];
}

/* ---- helpers ---- */

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t rnd(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return (uint32_t)(rng >> 11); }
static float frand(float lo, float hi) { return lo + (hi - lo) * (rnd() & 0xffffff) / (float)0x1000000; }

static cl_program build(const char *src, const char *opts) {
	cl_int err;
	cl_program p = clCreateProgramWithSource(T.context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	err = clBuildProgram(p, 1, &T.device, opts, NULL, NULL);
	if (err != CL_SUCCESS) {
		char log[16384] = "";
		clGetProgramBuildInfo(p, T.device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
		fprintf(stderr, "FATAL: build failed (%d):\n%s\n", err, log);
		exit(2);
	}
	return p;
}

static cl_kernel kernel(cl_program p, const char *name) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, name, &err);
	if (err != CL_SUCCESS) {
		fprintf(stderr, "FATAL: clCreateKernel(%s) = %d\n", name, err);
		exit(2);
	}
	return k;
}

static cl_mem buffer(size_t size, void *host) {
	cl_int err;
	cl_mem b = clCreateBuffer(T.context, host ? CL_MEM_COPY_HOST_PTR : CL_MEM_READ_WRITE, size, host, &err);
	REQUIRE_OK(err);
	return b;
}

static cl_mem image(cl_mem_flags flags, fmt f, cl_mem_object_type type, int w, int h, int d, int layers, size_t rowp, void *host, cl_mem buf) {
	cl_image_format cf = {f.order, f.type};
	cl_image_desc desc;
	memset(&desc, 0, sizeof desc);
	desc.image_type = type;
	desc.image_width = w;
	desc.image_height = h;
	desc.image_depth = d;
	desc.image_array_size = layers;
	desc.image_row_pitch = rowp;
	desc.buffer = buf;
	cl_int err;
	cl_mem m = clCreateImage(T.context, flags, &cf, &desc, host, &err);
	if (err != CL_SUCCESS) {
		fprintf(stderr, "FATAL: clCreateImage(order 0x%x, type 0x%x, image type 0x%x) = %d\n", f.order, f.type, type, err);
		exit(2);
	}
	return m;
}

static void run1(cl_kernel k, size_t n) {
	REQUIRE_OK(clEnqueueNDRangeKernel(T.queue, k, 1, NULL, &n, NULL, 0, NULL, NULL));
}

static void set(cl_kernel k, cl_uint i, size_t size, const void *v) {
	cl_int err = clSetKernelArg(k, i, size, v);
	if (err != CL_SUCCESS) {
		fprintf(stderr, "FATAL: clSetKernelArg(%u) = %d\n", i, err);
		exit(2);
	}
}

static void fill_random(fmt f, uint8_t *p, size_t n) {
	for (size_t i = 0; i < n; i += tsize(f.type)) {
		switch (f.type) {
		case CL_FLOAT: { float v = frand(-1, 1); memcpy(p + i, &v, 4); break; }
		case CL_HALF_FLOAT: { uint16_t h = float_to_half(frand(-2, 2)); memcpy(p + i, &h, 2); break; }
		default: for (int j = 0; j < tsize(f.type); j++) p[i + j] = (uint8_t)rnd();
		}
	}
}

/* Formats the device supports for kernels that read and write. */
static const cl_channel_type all_types[] = {
	CL_UNORM_INT8, CL_UNORM_INT16, CL_SNORM_INT8, CL_SNORM_INT16, CL_SIGNED_INT8, CL_SIGNED_INT16,
	CL_SIGNED_INT32, CL_UNSIGNED_INT8, CL_UNSIGNED_INT16, CL_UNSIGNED_INT32, CL_HALF_FLOAT, CL_FLOAT};

static int same_bits(uint32_t a, uint32_t b, int k) {
	if (k == 0 && isnan(bf(a)) && isnan(bf(b))) return 1;
	return a == b;
}

/* ---- sampled reads of every image type ---- */

static const char *sample_src =
	"#define K(name, T, C, sel) \\\n"
	"kernel void name##_f(read_only T im, sampler_t s, global const float4 *c, global float4 *o) {\\\n"
	"	size_t i = get_global_id(0); o[i] = read_imagef(im, s, c[i]sel); }\\\n"
	"kernel void name##_i(read_only T im, sampler_t s, global const float4 *c, global int4 *o) {\\\n"
	"	size_t i = get_global_id(0); o[i] = read_imagei(im, s, c[i]sel); }\\\n"
	"kernel void name##_ic(read_only T im, sampler_t s, global const float4 *c, global float4 *o) {\\\n"
	"	size_t i = get_global_id(0); o[i] = read_imagef(im, s, convert_##C(c[i]sel)); }\\\n"
	"kernel void name##_n(read_only T im, global const float4 *c, global uint4 *o) {\\\n"
	"	size_t i = get_global_id(0); o[i] = read_imageui(im, convert_##C(c[i]sel)); }\n"
	"K(s1d, image1d_t, int, .x)\n"
	"K(s1da, image1d_array_t, int2, .xy)\n"
	"K(s2d, image2d_t, int2, .xy)\n"
	"K(s2da, image2d_array_t, int4, )\n"
	"K(s3d, image3d_t, int4, )\n";

typedef struct {
	const char *name;
	cl_mem_object_type type;
	int w, h, d, layers;
} shape;

static const shape shapes[] = {
	{"s1d", CL_MEM_OBJECT_IMAGE1D, 13, 0, 0, 0},
	{"s1da", CL_MEM_OBJECT_IMAGE1D_ARRAY, 11, 0, 0, 4},
	{"s2d", CL_MEM_OBJECT_IMAGE2D, 9, 7, 0, 0},
	{"s2da", CL_MEM_OBJECT_IMAGE2D_ARRAY, 7, 5, 0, 3},
	{"s3d", CL_MEM_OBJECT_IMAGE3D, 5, 4, 3, 0},
};

static himg host_image(const shape *s, fmt f) {
	himg im;
	memset(&im, 0, sizeof im);
	im.type = s->type;
	im.f = f;
	im.layer = -1;
	im.ext[0] = s->w, im.ext[1] = im.ext[2] = 1;
	im.dims = 1;
	switch (s->type) {
	case CL_MEM_OBJECT_IMAGE1D_ARRAY: im.ext[1] = s->layers, im.layer = 1; break;
	case CL_MEM_OBJECT_IMAGE2D: im.ext[1] = s->h, im.dims = 2; break;
	case CL_MEM_OBJECT_IMAGE2D_ARRAY: im.ext[1] = s->h, im.ext[2] = s->layers, im.dims = 2, im.layer = 2; break;
	case CL_MEM_OBJECT_IMAGE3D: im.ext[1] = s->h, im.ext[2] = s->d, im.dims = 3; break;
	}
	im.py = (size_t)esize(f) * im.ext[0];
	im.pz = im.py * im.ext[1];
	im.data = malloc(im.pz * im.ext[2]);
	fill_random(f, im.data, im.pz * im.ext[2]);
	return im;
}

static cl_mem device_image(const shape *s, const himg *im, cl_mem_flags flags) {
	return image(flags | CL_MEM_COPY_HOST_PTR, im->f, s->type, s->w, s->h, s->d, s->layers, 0, im->data, NULL);
}

enum { NC = 96 };

/* Coordinates for a sampler: spread over and around the image, plus the
 * texel centres and edges; for CLK_ADDRESS_NONE (undefined outside) only
 * where every texel the filter reads is inside. */
static void coords(const himg *im, int norm, cl_addressing_mode addr, cl_filter_mode filt, float c[NC][4]) {
	for (int i = 0; i < NC; i++) {
		for (int d = 0; d < 4; d++) {
			float n = d < 3 ? im->ext[d] : 1;
			float lo = -0.6f * n, hi = 1.6f * n;
			if (d == im->layer) { c[i][d] = frand(-1.5f, n + 0.5f); if (i % 8 == 0) c[i][d] = (i / 8 % 5) + 0.5f; continue; }
			if (d >= im->dims) { c[i][d] = frand(-3, 3); continue; }
			if (addr == CL_ADDRESS_NONE) lo = filt == CL_FILTER_LINEAR ? 0.5f : 0, hi = filt == CL_FILTER_LINEAR ? n - 0.5f : n * 0.9999f;
			float u = frand(lo, hi);
			if (i % 4 == 1) u = floorf(u) + 0.5f; /* texel centre */
			if (i % 4 == 2 && addr != CL_ADDRESS_NONE) u = floorf(u); /* texel edge */
			c[i][d] = norm ? u / n : u;
		}
	}
}

static int close_enough(float got, float want, float tol) {
	if (isnan(want)) return isnan(got);
	return fabsf(got - want) <= tol;
}

static void test_sampling(void) {
	cl_program p = build(sample_src, "");
	fmt fmts[] = {{CL_RGBA, CL_FLOAT}, {CL_BGRA, CL_UNORM_INT8}, {CL_sRGBA, CL_UNORM_INT8}, {CL_RG, CL_SIGNED_INT16}};
	cl_addressing_mode addrs[] = {CL_ADDRESS_NONE, CL_ADDRESS_CLAMP_TO_EDGE, CL_ADDRESS_CLAMP, CL_ADDRESS_REPEAT, CL_ADDRESS_MIRRORED_REPEAT};
	cl_mem cbuf = buffer(sizeof(float) * 4 * NC, NULL), obuf = buffer(16 * NC, NULL);
	int cases = 0, bad_cases = 0;
	for (size_t si = 0; si < sizeof shapes / sizeof *shapes; si++) {
		const shape *s = &shapes[si];
		char name[64];
		snprintf(name, sizeof name, "%s_f", s->name);
		cl_kernel kf = kernel(p, name);
		snprintf(name, sizeof name, "%s_i", s->name);
		cl_kernel ki = kernel(p, name);
		for (size_t fi = 0; fi < sizeof fmts / sizeof *fmts; fi++) {
			himg im = host_image(s, fmts[fi]);
			cl_mem m = device_image(s, &im, CL_MEM_READ_ONLY);
			int isint = kind(im.f.type) != 0;
			cl_kernel k = isint ? ki : kf;
			for (int norm = 0; norm < 2; norm++)
				for (int ai = 0; ai < 5; ai++)
					for (int filt = CL_FILTER_NEAREST; filt <= CL_FILTER_LINEAR; filt++) {
						cl_addressing_mode addr = addrs[ai];
						if (!norm && (addr == CL_ADDRESS_REPEAT || addr == CL_ADDRESS_MIRRORED_REPEAT)) continue; /* undefined */
						cl_int err;
						cl_sampler smp = clCreateSampler(T.context, norm, addr, filt, &err);
						REQUIRE_OK(err);
						float c[NC][4], out[NC][4];
						coords(&im, norm, addr, filt, c);
						REQUIRE_OK(clEnqueueWriteBuffer(T.queue, cbuf, CL_TRUE, 0, sizeof c, c, 0, NULL, NULL));
						set(k, 0, sizeof m, &m);
						set(k, 1, sizeof smp, &smp);
						set(k, 2, sizeof cbuf, &cbuf);
						set(k, 3, sizeof obuf, &obuf);
						run1(k, NC);
						REQUIRE_OK(clEnqueueReadBuffer(T.queue, obuf, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
						int bad = 0;
						for (int i = 0; i < NC; i++) {
							float want[4];
							ref_sample(&im, norm, addr, filt, c[i], want);
							/* Linear filtering: the specification allows
							 * weights of limited precision; gocl computes
							 * them in float as the reference does, so this
							 * allows only the rounding of the blend (the
							 * host blends in double). Nearest: exact, the
							 * normalized conversions included (gocl divides
							 * correctly rounded; the specification allows
							 * 1.5 ulp). */
							float tol = filt == CL_FILTER_LINEAR && !isint ? 2e-6f * 8 : 0;
							for (int j = 0; j < 4; j++) {
								int ok = isint ? memcmp(&out[i][j], &want[j], 4) == 0 : close_enough(out[i][j], want[j], tol);
								if (!ok && bad++ < 3)
									fprintf(stderr, "%s fmt 0x%x/0x%x norm %d addr 0x%x filter 0x%x: coord (%g %g %g) [%d]: got %g (0x%08x), want %g (0x%08x)\n",
										s->name, im.f.order, im.f.type, norm, addr, filt, c[i][0], c[i][1], c[i][2], j,
										out[i][j], fb(out[i][j]), want[j], fb(want[j]));
							}
						}
						cases++;
						bad_cases += bad != 0;
						CHECK(bad == 0);
						clReleaseSampler(smp);
					}
			clReleaseMemObject(m);
			free(im.data);
		}
		clReleaseKernel(kf);
		clReleaseKernel(ki);
	}
	printf("sampled reads: %d sampler/format/image cases, %d with mismatches\n", cases, bad_cases);
	clReleaseMemObject(cbuf);
	clReleaseMemObject(obuf);
	clReleaseProgram(p);
}

/* Integer coordinates with a sampler (unnormalized, nearest: the only
 * defined case) and without one, every image type; out-of-range
 * coordinates clamp (CLAMP_TO_EDGE) or read the border (CLAMP). */
static void test_int_coords(void) {
	cl_program p = build(sample_src, "");
	cl_mem cbuf = buffer(sizeof(float) * 4 * NC, NULL), obuf = buffer(16 * NC, NULL);
	fmt f = {CL_RGBA, CL_UNSIGNED_INT8}, ff = {CL_RG, CL_UNORM_INT16};
	for (size_t si = 0; si < sizeof shapes / sizeof *shapes; si++) {
		const shape *s = &shapes[si];
		char name[64];
		/* Sampler-less reads: every texel, read_imageui. */
		himg im = host_image(s, f);
		cl_mem m = device_image(s, &im, CL_MEM_READ_ONLY);
		snprintf(name, sizeof name, "%s_n", s->name);
		cl_kernel k = kernel(p, name);
		float c[NC][4];
		uint32_t out[NC][4];
		int bad = 0;
		for (int i = 0; i < NC; i++) {
			for (int d = 0; d < 4; d++) c[i][d] = d < 3 ? (float)(rnd() % im.ext[d]) : 0;
		}
		REQUIRE_OK(clEnqueueWriteBuffer(T.queue, cbuf, CL_TRUE, 0, sizeof c, c, 0, NULL, NULL));
		set(k, 0, sizeof m, &m);
		set(k, 1, sizeof cbuf, &cbuf);
		set(k, 2, sizeof obuf, &obuf);
		run1(k, NC);
		REQUIRE_OK(clEnqueueReadBuffer(T.queue, obuf, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
		for (int i = 0; i < NC; i++) {
			int idx[3] = {(int)c[i][0], (int)c[i][1], (int)c[i][2]};
			float want[4];
			texel(&im, idx, want);
			if (memcmp(out[i], want, 16) != 0 && bad++ < 3)
				fprintf(stderr, "%s sampler-less read at (%d %d %d): got (%u %u %u %u)\n", s->name, idx[0], idx[1], idx[2], out[i][0], out[i][1], out[i][2], out[i][3]);
		}
		CHECK(bad == 0);
		clReleaseKernel(k);
		clReleaseMemObject(m);
		free(im.data);

		/* With a sampler: read_imagef with int coordinates. */
		im = host_image(s, ff);
		m = device_image(s, &im, CL_MEM_READ_ONLY);
		snprintf(name, sizeof name, "%s_ic", s->name);
		k = kernel(p, name);
		cl_addressing_mode addrs[] = {CL_ADDRESS_CLAMP_TO_EDGE, CL_ADDRESS_CLAMP, CL_ADDRESS_NONE};
		for (int ai = 0; ai < 3; ai++) {
			cl_int err;
			cl_sampler smp = clCreateSampler(T.context, CL_FALSE, addrs[ai], CL_FILTER_NEAREST, &err);
			REQUIRE_OK(err);
			for (int i = 0; i < NC; i++)
				for (int d = 0; d < 4; d++) {
					int n = d < 3 ? im.ext[d] : 1;
					int v = (int)(rnd() % (unsigned)(3 * n)) - n; /* [-n, 2n) */
					if (addrs[ai] == CL_ADDRESS_NONE || d == im.layer) v = clampi(v, 0, n - 1);
					c[i][d] = (float)v;
				}
			REQUIRE_OK(clEnqueueWriteBuffer(T.queue, cbuf, CL_TRUE, 0, sizeof c, c, 0, NULL, NULL));
			set(k, 0, sizeof m, &m);
			set(k, 1, sizeof smp, &smp);
			set(k, 2, sizeof cbuf, &cbuf);
			set(k, 3, sizeof obuf, &obuf);
			run1(k, NC);
			float fo[NC][4];
			REQUIRE_OK(clEnqueueReadBuffer(T.queue, obuf, CL_TRUE, 0, sizeof fo, fo, 0, NULL, NULL));
			bad = 0;
			for (int i = 0; i < NC; i++) {
				int idx[3];
				for (int d = 0; d < 3; d++) {
					idx[d] = (int)c[i][d];
					if (addrs[ai] == CL_ADDRESS_CLAMP_TO_EDGE) idx[d] = clampi(idx[d], 0, im.ext[d] - 1);
					if (d >= im.dims && d != im.layer) idx[d] = 0;
				}
				float want[4];
				texel(&im, idx, want);
				if (memcmp(fo[i], want, 16) != 0 && bad++ < 3)
					fprintf(stderr, "%s int-coordinate read, addressing 0x%x, at (%d %d %d): got (%g %g %g %g) want (%g %g %g %g)\n",
						s->name, addrs[ai], (int)c[i][0], (int)c[i][1], (int)c[i][2], fo[i][0], fo[i][1], fo[i][2], fo[i][3], want[0], want[1], want[2], want[3]);
			}
			CHECK(bad == 0);
			clReleaseSampler(smp);
		}
		clReleaseKernel(k);
		clReleaseMemObject(m);
		free(im.data);
	}
	clReleaseMemObject(cbuf);
	clReleaseMemObject(obuf);
	clReleaseProgram(p);
}

/* ---- every format: sampler-less reads and writes ---- */

static const char *format_src =
	"kernel void rd_f(read_only image2d_t im, global float4 *o) {\n"
	"	int x = get_global_id(0), y = get_global_id(1); o[y * get_image_width(im) + x] = read_imagef(im, (int2)(x, y)); }\n"
	"kernel void rd_i(read_only image2d_t im, global int4 *o) {\n"
	"	int x = get_global_id(0), y = get_global_id(1); o[y * get_image_width(im) + x] = read_imagei(im, (int2)(x, y)); }\n"
	"kernel void rd_u(read_only image2d_t im, global uint4 *o) {\n"
	"	int x = get_global_id(0), y = get_global_id(1); o[y * get_image_width(im) + x] = read_imageui(im, (int2)(x, y)); }\n"
	"kernel void wr_f(write_only image2d_t im, global const float4 *c) {\n"
	"	int x = get_global_id(0), y = get_global_id(1); write_imagef(im, (int2)(x, y), c[y * get_image_width(im) + x]); }\n"
	"kernel void wr_i(write_only image2d_t im, global const int4 *c) {\n"
	"	int x = get_global_id(0), y = get_global_id(1); write_imagei(im, (int2)(x, y), c[y * get_image_width(im) + x]); }\n"
	"kernel void wr_u(write_only image2d_t im, global const uint4 *c) {\n"
	"	int x = get_global_id(0), y = get_global_id(1); write_imageui(im, (int2)(x, y), c[y * get_image_width(im) + x]); }\n";

enum { FW = 16, FH = 6 };

/* Colors that exercise the conversions: exact values, ties of the
 * normalized and half roundings, saturation both ways, NaN, infinities. */
static void test_colors(int k, uint32_t c[FW * FH][4]) {
	static const float fs[] = {0.0f, 1.0f, -1.0f, 0.5f, 2.0f, -2.0f, 1e-8f, -0.0f, 65504.0f, 65520.0f, 1e9f, -1e9f,
		0.33333334f, 0.1f, 1.0f / 3.0f, 6.1035156e-05f, 2.9802322e-08f, 5.9604645e-08f};
	static const int32_t is[] = {0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769, 65535, 65536,
		2147483647, -2147483647 - 1, 1000000};
	for (int i = 0; i < FW * FH; i++)
		for (int j = 0; j < 4; j++) {
			int n = i * 4 + j;
			if (k == 0) {
				float v;
				switch (n % 5) {
				case 0: v = fs[n / 5 % (sizeof fs / sizeof *fs)]; break;
				case 1: v = ((float)(rnd() % 256) + 0.5f) / 255.0f; break;      /* UNORM_INT8 ties */
				case 2: v = ((float)(rnd() % 256) - 128.5f) / 127.0f; break;    /* SNORM_INT8 ties */
				case 3: v = n % 7 == 0 ? NAN : n % 11 == 0 ? -INFINITY : frand(-1.2f, 1.2f); break;
				default: v = ((float)(rnd() % 65536) + 0.5f) / 65535.0f;        /* UNORM_INT16 ties */
				}
				c[i][j] = fb(v);
			} else {
				c[i][j] = n % 3 ? (uint32_t)is[n / 3 % (sizeof is / sizeof *is)] : rnd() ^ (rnd() << 16);
			}
		}
}

static void test_formats(void) {
	cl_program p = build(format_src, "");
	cl_kernel rd[3] = {kernel(p, "rd_f"), kernel(p, "rd_i"), kernel(p, "rd_u")};
	cl_kernel wr[3] = {kernel(p, "wr_f"), kernel(p, "wr_i"), kernel(p, "wr_u")};
	cl_mem buf = buffer(16 * FW * FH, NULL);
	size_t g[2] = {FW, FH}, origin[3] = {0, 0, 0}, region[3] = {FW, FH, 1};
	fmt fmts[40];
	int nf = 0;
	cl_channel_order orders[] = {CL_R, CL_RG, CL_RGBA};
	for (int o = 0; o < 3; o++)
		for (int t = 0; t < 12; t++) fmts[nf++] = (fmt){orders[o], all_types[t]};
	fmts[nf++] = (fmt){CL_BGRA, CL_UNORM_INT8};
	fmts[nf++] = (fmt){CL_sRGBA, CL_UNORM_INT8};
	int rd_ok = 0, wr_ok = 0, wr_n = 0;
	for (int i = 0; i < nf; i++) {
		fmt f = fmts[i];
		int k = kind(f.type);
		/* Read: random pixels. */
		uint8_t px[FW * FH * 16];
		fill_random(f, px, (size_t)FW * FH * esize(f));
		cl_mem m = image(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, f, CL_MEM_OBJECT_IMAGE2D, FW, FH, 0, 0, 0, px, NULL);
		set(rd[k], 0, sizeof m, &m);
		set(rd[k], 1, sizeof buf, &buf);
		REQUIRE_OK(clEnqueueNDRangeKernel(T.queue, rd[k], 2, NULL, g, NULL, 0, NULL, NULL));
		uint32_t got[FW * FH][4];
		REQUIRE_OK(clEnqueueReadBuffer(T.queue, buf, CL_TRUE, 0, sizeof got, got, 0, NULL, NULL));
		int bad = 0;
		for (int j = 0; j < FW * FH; j++) {
			uint32_t want[4];
			unpack(f, px + j * esize(f), want);
			for (int c = 0; c < 4; c++) {
				int ok = f.order == CL_sRGBA ? fabsf(bf(got[j][c]) - bf(want[c])) <= 1e-6f : same_bits(got[j][c], want[c], k);
				if (!ok && bad++ < 3)
					fprintf(stderr, "read of format 0x%x/0x%x, pixel %d [%d]: got 0x%08x want 0x%08x\n", f.order, f.type, j, c, got[j][c], want[c]);
			}
		}
		CHECK(bad == 0);
		rd_ok += bad == 0;
		clReleaseMemObject(m);
		if (f.order == CL_sRGBA) continue; /* read-only format (no cl_khr_srgb_image_writes) */

		/* Write: colors through the conversions, read back on the host. */
		uint32_t col[FW * FH][4];
		test_colors(k, col);
		REQUIRE_OK(clEnqueueWriteBuffer(T.queue, buf, CL_TRUE, 0, sizeof col, col, 0, NULL, NULL));
		m = image(CL_MEM_WRITE_ONLY, f, CL_MEM_OBJECT_IMAGE2D, FW, FH, 0, 0, 0, NULL, NULL);
		set(wr[k], 0, sizeof m, &m);
		set(wr[k], 1, sizeof buf, &buf);
		REQUIRE_OK(clEnqueueNDRangeKernel(T.queue, wr[k], 2, NULL, g, NULL, 0, NULL, NULL));
		uint8_t back[FW * FH * 16];
		REQUIRE_OK(clEnqueueReadImage(T.queue, m, CL_TRUE, origin, region, 0, 0, back, 0, NULL, NULL));
		bad = 0;
		for (int j = 0; j < FW * FH; j++) {
			uint8_t want[16];
			pack(f, col[j], want);
			if (memcmp(back + j * esize(f), want, esize(f)) != 0 && bad++ < 3) {
				fprintf(stderr, "write of format 0x%x/0x%x, pixel %d, color (0x%08x 0x%08x 0x%08x 0x%08x = %g %g %g %g): got", f.order, f.type, j,
					col[j][0], col[j][1], col[j][2], col[j][3], bf(col[j][0]), bf(col[j][1]), bf(col[j][2]), bf(col[j][3]));
				for (int b = 0; b < esize(f); b++) fprintf(stderr, " %02x", back[j * esize(f) + b]);
				fprintf(stderr, ", want");
				for (int b = 0; b < esize(f); b++) fprintf(stderr, " %02x", want[b]);
				fprintf(stderr, "\n");
			}
		}
		CHECK(bad == 0);
		wr_ok += bad == 0;
		wr_n++;
		clReleaseMemObject(m);
	}
	printf("formats: %d of %d read correctly, %d of %d written correctly\n", rd_ok, nf, wr_ok, wr_n);
	for (int i = 0; i < 3; i++) clReleaseKernel(rd[i]), clReleaseKernel(wr[i]);
	clReleaseMemObject(buf);
	clReleaseProgram(p);
}

/* ---- writes of every image type, image arrays, 1D image buffers ---- */

static const char *write_src =
	"#pragma OPENCL EXTENSION cl_khr_3d_image_writes : enable\n"
	"kernel void w3d(write_only image3d_t im, global const float4 *c) { int x = get_global_id(0), y = get_global_id(1), z = get_global_id(2);\n"
	"	write_imagef(im, (int4)(x, y, z, 0), c[(z * get_image_height(im) + y) * get_image_width(im) + x]); }\n"
	"kernel void w1d(write_only image1d_t im, global const float4 *c) { int x = get_global_id(0);\n"
	"	write_imagef(im, x, c[x]); }\n"
	"kernel void w1da(write_only image1d_array_t im, global const float4 *c) { int x = get_global_id(0), l = get_global_id(1);\n"
	"	write_imagef(im, (int2)(x, l), c[l * get_image_width(im) + x]); }\n"
	"kernel void w2da(write_only image2d_array_t im, global const float4 *c) { int x = get_global_id(0), y = get_global_id(1), l = get_global_id(2);\n"
	"	write_imagef(im, (int4)(x, y, l, 0), c[(l * get_image_height(im) + y) * get_image_width(im) + x]); }\n"
	"kernel void w1db(write_only image1d_buffer_t im, global const uint4 *c) { int x = get_global_id(0);\n"
	"	write_imageui(im, x, c[x]); }\n"
	"kernel void r1db(read_only image1d_buffer_t im, global uint4 *o) { int x = get_global_id(0);\n"
	"	o[x] = read_imageui(im, x); }\n"
	/* out of range: writes nothing (undefined by the specification; gocl drops them) */
	"kernel void wout(write_only image2d_t im) { write_imagef(im, (int2)(-1, 0), 1.0f); write_imagef(im, (int2)(0, get_image_height(im)), 1.0f);\n"
	"	write_imagef(im, (int2)(get_image_width(im), 1), 1.0f); }\n"
	"kernel void wouta(write_only image2d_array_t im) { write_imagef(im, (int4)(0, 0, get_image_array_size(im), 0), 1.0f);\n"
	"	write_imagef(im, (int4)(0, 0, -1, 0), 1.0f); }\n";

static void check_image_bytes(cl_mem m, const uint8_t *want, size_t n, size_t region0, size_t region1, size_t region2, const char *what) {
	uint8_t *got = malloc(n);
	size_t origin[3] = {0, 0, 0}, region[3] = {region0, region1, region2};
	REQUIRE_OK(clEnqueueReadImage(T.queue, m, CL_TRUE, origin, region, 0, 0, got, 0, NULL, NULL));
	size_t bad = 0, first = 0;
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i] && bad++ == 0) first = i;
	if (bad) fprintf(stderr, "%s: %zu bytes differ, first at %zu (got %02x want %02x)\n", what, bad, first, got[first], want[first]);
	CHECK(bad == 0);
	free(got);
}

static void test_writes(void) {
	cl_program p = build(write_src, "");
	fmt f = {CL_RGBA, CL_UNORM_INT16};
	enum { W = 10, H = 3, L = 4 };
	float col[W * H * L][4];
	uint8_t want[W * H * L * 8];
	for (int i = 0; i < W * H * L; i++) {
		for (int j = 0; j < 4; j++) col[i][j] = frand(-0.2f, 1.2f);
		uint32_t b[4];
		memcpy(b, col[i], 16);
		pack(f, b, want + i * 8);
	}
	cl_mem cbuf = buffer(sizeof col, col);
	struct { const char *k; cl_mem_object_type t; size_t g[3]; int w, h, d, layers; } cases[] = {
		{"w1d", CL_MEM_OBJECT_IMAGE1D, {W, 1, 1}, W, 0, 0, 0},
		{"w1da", CL_MEM_OBJECT_IMAGE1D_ARRAY, {W, L, 1}, W, 0, 0, L},
		{"w2da", CL_MEM_OBJECT_IMAGE2D_ARRAY, {W, H, L}, W, H, 0, L},
		{"w3d", CL_MEM_OBJECT_IMAGE3D, {W, H, L}, W, H, L, 0}, /* cl_khr_3d_image_writes */
	};
	for (int c = 0; c < 4; c++) {
		cl_mem m = image(CL_MEM_WRITE_ONLY, f, cases[c].t, cases[c].w, cases[c].h, cases[c].d, cases[c].layers, 0, NULL, NULL);
		cl_kernel k = kernel(p, cases[c].k);
		set(k, 0, sizeof m, &m);
		set(k, 1, sizeof cbuf, &cbuf);
		REQUIRE_OK(clEnqueueNDRangeKernel(T.queue, k, 3, NULL, cases[c].g, NULL, 0, NULL, NULL));
		check_image_bytes(m, want, cases[c].g[0] * cases[c].g[1] * cases[c].g[2] * 8, cases[c].g[0], cases[c].g[1], cases[c].g[2], cases[c].k);
		clReleaseKernel(k);
		clReleaseMemObject(m);
	}

	/* Out-of-range writes leave the image alone. */
	uint8_t zero[W * H * L * 8];
	memset(zero, 0x5a, sizeof zero);
	cl_mem m = image(CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, f, CL_MEM_OBJECT_IMAGE2D, W, H, 0, 0, 0, zero, NULL);
	cl_kernel k = kernel(p, "wout");
	set(k, 0, sizeof m, &m);
	run1(k, 1);
	check_image_bytes(m, zero, W * H * 8, W, H, 1, "out-of-range 2D writes");
	clReleaseKernel(k);
	clReleaseMemObject(m);
	m = image(CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, f, CL_MEM_OBJECT_IMAGE2D_ARRAY, W, H, 0, L, 0, zero, NULL);
	k = kernel(p, "wouta");
	set(k, 0, sizeof m, &m);
	run1(k, 1);
	check_image_bytes(m, zero, W * H * L * 8, W, H, L, "out-of-range layer writes");
	clReleaseKernel(k);
	clReleaseMemObject(m);

	/* 1D image buffers: the kernel's writes are the buffer's bytes, and
	 * reads see the buffer's. */
	enum { N = 300 };
	fmt fu = {CL_RGBA, CL_UNSIGNED_INT8};
	uint32_t ucol[N][4];
	uint8_t init[N * 4], expect[N * 4];
	for (int i = 0; i < N; i++) {
		for (int j = 0; j < 4; j++) ucol[i][j] = rnd() % 300; /* some saturate */
		pack(fu, ucol[i], expect + i * 4);
		init[i * 4] = (uint8_t)i, init[i * 4 + 1] = (uint8_t)(i >> 8), init[i * 4 + 2] = 7, init[i * 4 + 3] = 200;
	}
	cl_mem ub = buffer(sizeof ucol, ucol);
	cl_mem back = buffer(N * 4 + 64, NULL);
	REQUIRE_OK(clEnqueueWriteBuffer(T.queue, back, CL_TRUE, 0, sizeof init, init, 0, NULL, NULL));
	cl_mem ib = image(CL_MEM_READ_WRITE, fu, CL_MEM_OBJECT_IMAGE1D_BUFFER, N, 0, 0, 0, 0, NULL, back);
	cl_mem obuf = buffer(sizeof ucol, NULL);
	k = kernel(p, "r1db");
	set(k, 0, sizeof ib, &ib);
	set(k, 1, sizeof obuf, &obuf);
	run1(k, N);
	uint32_t rb[N][4];
	REQUIRE_OK(clEnqueueReadBuffer(T.queue, obuf, CL_TRUE, 0, sizeof rb, rb, 0, NULL, NULL));
	int bad = 0;
	for (int i = 0; i < N; i++)
		for (int j = 0; j < 4; j++) bad += rb[i][j] != init[i * 4 + j];
	CHECK(bad == 0);
	clReleaseKernel(k);
	k = kernel(p, "w1db");
	set(k, 0, sizeof ib, &ib);
	set(k, 1, sizeof ub, &ub);
	run1(k, N);
	uint8_t got[N * 4];
	REQUIRE_OK(clEnqueueReadBuffer(T.queue, back, CL_TRUE, 0, sizeof got, got, 0, NULL, NULL));
	CHECK(memcmp(got, expect, sizeof got) == 0);
	clReleaseKernel(k);
	clReleaseMemObject(ib);
	clReleaseMemObject(back);
	clReleaseMemObject(ub);
	clReleaseMemObject(obuf);
	clReleaseMemObject(cbuf);
	clReleaseProgram(p);
}

/* ---- get_image_* ---- */

static const char *query_src =
	"#define Q2(T, acc) kernel void q_##T##_##acc(acc T im, global int *o) { \\\n"
	"	o[0] = get_image_width(im); o[1] = get_image_height(im); o[2] = get_image_channel_order(im);\\\n"
	"	o[3] = get_image_channel_data_type(im); int2 d = get_image_dim(im); o[4] = d.x; o[5] = d.y; }\n"
	"#define Q1(T, acc) kernel void q_##T##_##acc(acc T im, global int *o) { \\\n"
	"	o[0] = get_image_width(im); o[2] = get_image_channel_order(im); o[3] = get_image_channel_data_type(im); }\n"
	"Q1(image1d_t, read_only) Q1(image1d_t, write_only) Q1(image1d_t, read_write)\n"
	"Q1(image1d_buffer_t, read_only) Q1(image1d_buffer_t, write_only) Q1(image1d_buffer_t, read_write)\n"
	"Q1(image1d_array_t, read_only) Q1(image1d_array_t, write_only) Q1(image1d_array_t, read_write)\n"
	"Q2(image2d_t, read_only) Q2(image2d_t, write_only) Q2(image2d_t, read_write)\n"
	"Q2(image2d_array_t, read_only) Q2(image2d_array_t, write_only) Q2(image2d_array_t, read_write)\n"
	"#define Q3(acc) kernel void q_image3d_t_##acc(acc image3d_t im, global int *o) {\\\n"
	"	o[0] = get_image_width(im); o[1] = get_image_height(im); o[2] = get_image_channel_order(im);\\\n"
	"	o[3] = get_image_channel_data_type(im); int4 d = get_image_dim(im); o[4] = d.x; o[5] = d.y; o[6] = d.z; o[7] = d.w;\\\n"
	"	o[8] = get_image_depth(im); }\n"
	"Q3(read_only) Q3(write_only) Q3(read_write)\n"
	"kernel void qa1(read_only image1d_array_t im, global size_t *o) { o[0] = get_image_array_size(im); }\n"
	"kernel void qa2(write_only image2d_array_t im, global size_t *o) { o[0] = get_image_array_size(im); }\n"
	"kernel void qa2rw(read_write image2d_array_t im, global size_t *o) { o[0] = get_image_array_size(im); }\n"
	"kernel void consts(global int *o) { o[0] = CLK_RGBA; o[1] = CLK_UNORM_INT8; o[2] = CLK_sRGBA; o[3] = CLK_HALF_FLOAT; }\n";

static void test_queries(void) {
	cl_program p = build(query_src, "-cl-std=CL3.0");
	cl_mem out = buffer(64, NULL);
	cl_mem backing = buffer(4096, NULL);
	struct { const char *t; cl_mem_object_type type; int w, h, d, l; fmt f; } cases[] = {
		{"image1d_t", CL_MEM_OBJECT_IMAGE1D, 37, 0, 0, 0, {CL_R, CL_FLOAT}},
		{"image1d_buffer_t", CL_MEM_OBJECT_IMAGE1D_BUFFER, 100, 0, 0, 0, {CL_RG, CL_SIGNED_INT16}},
		{"image1d_array_t", CL_MEM_OBJECT_IMAGE1D_ARRAY, 17, 0, 0, 5, {CL_RGBA, CL_HALF_FLOAT}},
		{"image2d_t", CL_MEM_OBJECT_IMAGE2D, 31, 9, 0, 0, {CL_BGRA, CL_UNORM_INT8}},
		{"image2d_array_t", CL_MEM_OBJECT_IMAGE2D_ARRAY, 6, 11, 0, 7, {CL_RG, CL_UNSIGNED_INT32}},
		{"image3d_t", CL_MEM_OBJECT_IMAGE3D, 4, 5, 6, 0, {CL_sRGBA, CL_UNORM_INT8}},
	};
	const char *accs[] = {"read_only", "write_only", "read_write"};
	for (int c = 0; c < 6; c++) {
		for (int a = 0; a < 3; a++) {
			cl_mem_flags flags = a == 0 ? CL_MEM_READ_ONLY : a == 1 ? CL_MEM_WRITE_ONLY : CL_MEM_READ_WRITE;
			fmt f = cases[c].f;
			if (f.order == CL_sRGBA && a > 0) f.order = CL_RGBA; /* sRGBA images are read-only */
			cl_mem m = image(flags, f, cases[c].type, cases[c].w, cases[c].h, cases[c].d, cases[c].l, 0, NULL,
				cases[c].type == CL_MEM_OBJECT_IMAGE1D_BUFFER ? backing : NULL);
			char name[64];
			snprintf(name, sizeof name, "q_%s_%s", cases[c].t, accs[a]);
			cl_kernel k = kernel(p, name);
			int o[16];
			memset(o, 0xff, sizeof o);
			REQUIRE_OK(clEnqueueWriteBuffer(T.queue, out, CL_TRUE, 0, sizeof o, o, 0, NULL, NULL));
			set(k, 0, sizeof m, &m);
			set(k, 1, sizeof out, &out);
			run1(k, 1);
			REQUIRE_OK(clEnqueueReadBuffer(T.queue, out, CL_TRUE, 0, sizeof o, o, 0, NULL, NULL));
			int ok = o[0] == cases[c].w && o[2] == (int)f.order && o[3] == (int)f.type;
			if (cases[c].h) ok = ok && o[1] == cases[c].h && o[4] == cases[c].w && o[5] == cases[c].h;
			if (cases[c].d) ok = ok && o[6] == cases[c].d && o[7] == 0 && o[8] == cases[c].d;
			if (!ok) fprintf(stderr, "%s: got width %d height %d order 0x%x type 0x%x dim (%d %d %d %d) depth %d\n",
				name, o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8]);
			CHECK(ok);
			clReleaseKernel(k);
			clReleaseMemObject(m);
		}
	}
	/* Array sizes. */
	const char *qa[] = {"qa1", "qa2", "qa2rw"};
	for (int i = 0; i < 3; i++) {
		cl_mem m = i == 0 ? image(CL_MEM_READ_ONLY, (fmt){CL_R, CL_UNORM_INT8}, CL_MEM_OBJECT_IMAGE1D_ARRAY, 8, 0, 0, 13, 0, NULL, NULL)
		                  : image(CL_MEM_READ_WRITE, (fmt){CL_R, CL_UNORM_INT8}, CL_MEM_OBJECT_IMAGE2D_ARRAY, 8, 2, 0, 9, 0, NULL, NULL);
		cl_kernel k = kernel(p, qa[i]);
		set(k, 0, sizeof m, &m);
		set(k, 1, sizeof out, &out);
		run1(k, 1);
		size_t n = 0;
		REQUIRE_OK(clEnqueueReadBuffer(T.queue, out, CL_TRUE, 0, sizeof n, &n, 0, NULL, NULL));
		CHECK(n == (i == 0 ? 13u : 9u));
		clReleaseKernel(k);
		clReleaseMemObject(m);
	}
	/* CLK_* constants are the API's values. */
	cl_kernel k = kernel(p, "consts");
	set(k, 0, sizeof out, &out);
	run1(k, 1);
	int o[4];
	REQUIRE_OK(clEnqueueReadBuffer(T.queue, out, CL_TRUE, 0, sizeof o, o, 0, NULL, NULL));
	CHECK(o[0] == CL_RGBA && o[1] == CL_UNORM_INT8 && o[2] == CL_sRGBA && o[3] == CL_HALF_FLOAT);
	clReleaseKernel(k);
	clReleaseMemObject(backing);
	clReleaseMemObject(out);
	clReleaseProgram(p);
}

/* ---- samplers in the source; read_write images; pitches; OpenCL C 1.1 ---- */

static const char *misc_src =
	"constant sampler_t gs = CLK_NORMALIZED_COORDS_TRUE | CLK_ADDRESS_MIRRORED_REPEAT | CLK_FILTER_LINEAR;\n"
	"float4 helper(read_only image2d_t im, sampler_t s, float2 c) { return read_imagef(im, s, c); }\n"
	"kernel void prog_sampler(read_only image2d_t im, global const float4 *c, global float4 *o) {\n"
	"	size_t i = get_global_id(0); o[i] = read_imagef(im, gs, c[i].xy); }\n"
	"kernel void lit_sampler(read_only image2d_t im, global const float4 *c, global float4 *o) {\n"
	"	const sampler_t ls = CLK_NORMALIZED_COORDS_FALSE | CLK_ADDRESS_CLAMP | CLK_FILTER_NEAREST;\n"
	"	size_t i = get_global_id(0); o[i] = helper(im, ls, c[i].xy); }\n"
	"kernel void arg_sampler(read_only image2d_t im, sampler_t s, global const float4 *c, global float4 *o) {\n"
	"	size_t i = get_global_id(0); o[i] = helper(im, s, c[i].xy); }\n"
	"kernel void rw(read_write image2d_t im, global float4 *o) {\n"
	"	int2 p = (int2)(get_global_id(0), get_global_id(1));\n"
	"	float4 v = read_imagef(im, p);\n"
	"	write_imagef(im, p, v * 0.5f + 0.25f);\n"
	"	atomic_work_item_fence(CLK_IMAGE_MEM_FENCE, memory_order_acq_rel, memory_scope_work_item);\n"
	"	o[p.y * get_image_width(im) + p.x] = read_imagef(im, p); }\n"
	"kernel void copy(read_only image2d_t src, write_only image2d_t dst) {\n"
	"	int2 p = (int2)(get_global_id(0), get_global_id(1)); write_imageui(dst, p, read_imageui(src, p) + 1); }\n";

static const char *cl11_src =
	"__kernel void old(__read_only image2d_t im, sampler_t s, __global float4 *o) {\n"
	"	o[get_global_id(0)] = read_imagef(im, s, (int2)(get_global_id(0), 1)); }\n";

/* Runs k (image, [sampler,] coordinates, results) and compares with the
 * host. clone: run a clone of k instead, made after the arguments were set
 * (and with the sampler released: the kernel keeps what it needs). */
static void compare_sampled(cl_kernel k, cl_mem m, const himg *im, cl_sampler smp, int norm, cl_addressing_mode addr, cl_filter_mode filt, int clone, const char *what) {
	cl_mem cbuf = buffer(sizeof(float) * 4 * NC, NULL), obuf = buffer(16 * NC, NULL);
	float c[NC][4], out[NC][4];
	coords(im, norm, addr, filt, c);
	REQUIRE_OK(clEnqueueWriteBuffer(T.queue, cbuf, CL_TRUE, 0, sizeof c, c, 0, NULL, NULL));
	cl_uint a = 0;
	set(k, a++, sizeof m, &m);
	if (smp) set(k, a++, sizeof smp, &smp);
	set(k, a++, sizeof cbuf, &cbuf);
	set(k, a++, sizeof obuf, &obuf);
	if (clone) {
		cl_int err;
		cl_kernel kc = clCloneKernel(k, &err);
		REQUIRE_OK(err);
		if (smp) clReleaseSampler(smp);
		run1(kc, NC);
		clReleaseKernel(kc);
	} else {
		run1(k, NC);
	}
	REQUIRE_OK(clEnqueueReadBuffer(T.queue, obuf, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	int bad = 0;
	for (int i = 0; i < NC; i++) {
		float want[4];
		ref_sample(im, norm, addr, filt, c[i], want);
		for (int j = 0; j < 4; j++)
			if (!close_enough(out[i][j], want[j], filt == CL_FILTER_LINEAR ? 1.6e-5f : 0) && bad++ < 3)
				fprintf(stderr, "%s: coord (%g %g) [%d]: got %g want %g\n", what, c[i][0], c[i][1], j, out[i][j], want[j]);
	}
	CHECK(bad == 0);
	clReleaseMemObject(cbuf);
	clReleaseMemObject(obuf);
}

static void test_misc(void) {
	cl_program p = build(misc_src, "-cl-std=CL3.0");
	const shape s2 = {"s2d", CL_MEM_OBJECT_IMAGE2D, 9, 7, 0, 0};
	himg im = host_image(&s2, (fmt){CL_RGBA, CL_FLOAT});
	cl_mem m = device_image(&s2, &im, CL_MEM_READ_ONLY);

	/* Program-scope constant sampler, sampler literal passed to a
	 * function, sampler argument passed to a function. */
	cl_kernel k = kernel(p, "prog_sampler");
	compare_sampled(k, m, &im, NULL, 1, CL_ADDRESS_MIRRORED_REPEAT, CL_FILTER_LINEAR, 0, "program-scope sampler");
	clReleaseKernel(k);
	k = kernel(p, "lit_sampler");
	compare_sampled(k, m, &im, NULL, 0, CL_ADDRESS_CLAMP, CL_FILTER_NEAREST, 0, "sampler literal");
	clReleaseKernel(k);
	cl_int err;
	cl_sampler_properties props[] = {CL_SAMPLER_NORMALIZED_COORDS, CL_TRUE, CL_SAMPLER_ADDRESSING_MODE, CL_ADDRESS_REPEAT,
		CL_SAMPLER_FILTER_MODE, CL_FILTER_LINEAR, 0};
	cl_sampler smp = clCreateSamplerWithProperties(T.context, props, &err);
	REQUIRE_OK(err);
	k = kernel(p, "arg_sampler");
	compare_sampled(k, m, &im, smp, 1, CL_ADDRESS_REPEAT, CL_FILTER_LINEAR, 0, "sampler argument through a function");
	/* clCloneKernel keeps image and sampler arguments. */
	compare_sampled(k, m, &im, smp, 1, CL_ADDRESS_REPEAT, CL_FILTER_LINEAR, 1, "cloned kernel");
	clReleaseKernel(k);
	clReleaseMemObject(m);
	cl_mem obuf;

	/* read_write: a work-item reads its write after an image fence. */
	enum { W = 12, H = 5 };
	float px[W * H][4];
	for (int i = 0; i < W * H; i++)
		for (int j = 0; j < 4; j++) px[i][j] = frand(0, 1);
	m = image(CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, (fmt){CL_RGBA, CL_FLOAT}, CL_MEM_OBJECT_IMAGE2D, W, H, 0, 0, 0, px, NULL);
	obuf = buffer(sizeof px, NULL);
	k = kernel(p, "rw");
	set(k, 0, sizeof m, &m);
	set(k, 1, sizeof obuf, &obuf);
	size_t g[2] = {W, H};
	REQUIRE_OK(clEnqueueNDRangeKernel(T.queue, k, 2, NULL, g, NULL, 0, NULL, NULL));
	float got[W * H][4], img[W * H][4];
	REQUIRE_OK(clEnqueueReadBuffer(T.queue, obuf, CL_TRUE, 0, sizeof got, got, 0, NULL, NULL));
	size_t origin[3] = {0, 0, 0}, region[3] = {W, H, 1};
	REQUIRE_OK(clEnqueueReadImage(T.queue, m, CL_TRUE, origin, region, 0, 0, img, 0, NULL, NULL));
	int bad = 0;
	for (int i = 0; i < W * H; i++)
		for (int j = 0; j < 4; j++) {
			float want = px[i][j] * 0.5f + 0.25f;
			bad += got[i][j] != want || img[i][j] != want;
		}
	CHECK(bad == 0);
	clReleaseKernel(k);
	clReleaseMemObject(obuf);
	clReleaseMemObject(m);

	/* Images with their own row pitch (CL_MEM_USE_HOST_PTR), and a 2D image
	 * made from a buffer with a padded pitch. */
	enum { PW = 5, PH = 4, PITCH = 64 };
	uint8_t host[PITCH * PH], expect[PITCH * PH];
	for (int i = 0; i < PITCH * PH; i++) host[i] = (uint8_t)rnd(), expect[i] = host[i];
	cl_mem src = image(CL_MEM_READ_ONLY | CL_MEM_USE_HOST_PTR, (fmt){CL_RG, CL_UNSIGNED_INT16}, CL_MEM_OBJECT_IMAGE2D, PW, PH, 0, 0, PITCH, host, NULL);
	cl_uint align = 1;
	clGetDeviceInfo(T.device, CL_DEVICE_IMAGE_PITCH_ALIGNMENT, sizeof align, &align, NULL);
	size_t bpitch = ((PW * 4 + align * 4 - 1) / (align * 4)) * align * 4 + align * 4; /* padded */
	cl_mem bb = buffer(bpitch * PH, NULL);
	cl_mem dst = image(CL_MEM_WRITE_ONLY, (fmt){CL_RG, CL_UNSIGNED_INT16}, CL_MEM_OBJECT_IMAGE2D, PW, PH, 0, 0, bpitch, NULL, bb);
	k = kernel(p, "copy");
	set(k, 0, sizeof src, &src);
	set(k, 1, sizeof dst, &dst);
	size_t g2[2] = {PW, PH};
	REQUIRE_OK(clEnqueueNDRangeKernel(T.queue, k, 2, NULL, g2, NULL, 0, NULL, NULL));
	uint8_t *braw = malloc(bpitch * PH);
	REQUIRE_OK(clEnqueueReadBuffer(T.queue, bb, CL_TRUE, 0, bpitch * PH, braw, 0, NULL, NULL));
	bad = 0;
	for (int y = 0; y < PH; y++)
		for (int x = 0; x < PW; x++)
			for (int c = 0; c < 2; c++) {
				uint16_t s, d;
				memcpy(&s, host + y * PITCH + x * 4 + c * 2, 2);
				memcpy(&d, braw + y * bpitch + x * 4 + c * 2, 2);
				bad += d != (uint16_t)(s == 65535 ? 65535 : s + 1);
			}
	CHECK(bad == 0);
	CHECK(memcmp(host, expect, sizeof host) == 0); /* the source is untouched */
	free(braw);
	clReleaseKernel(k);
	clReleaseMemObject(src);
	clReleaseMemObject(dst);
	clReleaseMemObject(bb);
	clReleaseProgram(p);
	free(im.data);

	/* OpenCL C 1.1 kernels take images and samplers too. */
	p = build(cl11_src, "-cl-std=CL1.1");
	im = host_image(&s2, (fmt){CL_R, CL_UNORM_INT8});
	m = device_image(&s2, &im, CL_MEM_READ_ONLY);
	smp = clCreateSampler(T.context, CL_FALSE, CL_ADDRESS_CLAMP_TO_EDGE, CL_FILTER_NEAREST, &err);
	REQUIRE_OK(err);
	obuf = buffer(16 * 12, NULL);
	k = kernel(p, "old");
	set(k, 0, sizeof m, &m);
	set(k, 1, sizeof smp, &smp);
	set(k, 2, sizeof obuf, &obuf);
	run1(k, 12);
	float o11[12][4];
	REQUIRE_OK(clEnqueueReadBuffer(T.queue, obuf, CL_TRUE, 0, sizeof o11, o11, 0, NULL, NULL));
	bad = 0;
	for (int i = 0; i < 12; i++) {
		int idx[3] = {i < 9 ? i : 8, 1, 0};
		float want[4];
		texel(&im, idx, want);
		bad += memcmp(o11[i], want, 16) != 0;
	}
	CHECK(bad == 0);
	clReleaseKernel(k);
	clReleaseSampler(smp);
	clReleaseMemObject(obuf);
	clReleaseMemObject(m);
	clReleaseProgram(p);
	free(im.data);
}

/* ---- clSetKernelArg and the argument info ---- */

static const char *arg_src =
	"typedef image2d_t my_image;\n"
	"typedef sampler_t my_sampler;\n"
	"kernel void args(read_only image2d_t a, write_only image2d_t b, read_write image2d_t c, sampler_t s,\n"
	"	read_only my_image d, my_sampler t, image3d_t e, global int *o) {\n"
	"	o[0] = get_image_width(a) + get_image_width(b) + get_image_width(c) + read_imagei(d, t, (int2)(0, 0)).x\n"
	"		+ read_imagei(a, s, (int2)(0, 0)).x + get_image_depth(e); }\n";

static void test_args(void) {
	cl_program p = build(arg_src, "-cl-std=CL3.0 -cl-kernel-arg-info");
	cl_kernel k = kernel(p, "args");
	cl_int err;
	fmt f = {CL_R, CL_SIGNED_INT32};
	int32_t one = 5;
	cl_mem ro = image(CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, f, CL_MEM_OBJECT_IMAGE2D, 1, 1, 0, 0, 0, &one, NULL);
	cl_mem wo = image(CL_MEM_WRITE_ONLY, f, CL_MEM_OBJECT_IMAGE2D, 2, 1, 0, 0, 0, NULL, NULL);
	cl_mem rw = image(CL_MEM_READ_WRITE, f, CL_MEM_OBJECT_IMAGE2D, 3, 1, 0, 0, 0, NULL, NULL);
	cl_mem i3 = image(CL_MEM_READ_ONLY, f, CL_MEM_OBJECT_IMAGE3D, 2, 2, 7, 0, 0, NULL, NULL);
	cl_mem i2a = image(CL_MEM_READ_ONLY, f, CL_MEM_OBJECT_IMAGE2D_ARRAY, 2, 2, 0, 2, 0, NULL, NULL);
	cl_mem buf = buffer(64, NULL);
	cl_sampler smp = clCreateSampler(T.context, CL_FALSE, CL_ADDRESS_CLAMP, CL_FILTER_NEAREST, &err);
	REQUIRE_OK(err);
	cl_context other = clCreateContext(NULL, 1, &T.device, NULL, NULL, &err);
	REQUIRE_OK(err);
	cl_image_format cf = {CL_R, CL_SIGNED_INT32};
	cl_image_desc desc = {CL_MEM_OBJECT_IMAGE2D, 1, 1, 0, 0, 0, 0, 0, 0, {NULL}};
	cl_mem foreign = clCreateImage(other, CL_MEM_READ_WRITE, &cf, &desc, NULL, &err);
	REQUIRE_OK(err);
	cl_sampler foreign_smp = clCreateSampler(other, CL_FALSE, CL_ADDRESS_CLAMP, CL_FILTER_NEAREST, &err);
	REQUIRE_OK(err);
	void *garbage = GARBAGE;

	/* Images. */
	CHECK_ERR(clSetKernelArg(k, 0, sizeof ro, NULL), CL_INVALID_ARG_VALUE);
	CHECK_ERR(clSetKernelArg(k, 0, 4, &ro), CL_INVALID_ARG_SIZE);
	CHECK_ERR(clSetKernelArg(k, 0, sizeof buf, &buf), CL_INVALID_MEM_OBJECT);      /* a buffer */
	CHECK_ERR(clSetKernelArg(k, 0, sizeof i3, &i3), CL_INVALID_MEM_OBJECT);        /* another image type */
	CHECK_ERR(clSetKernelArg(k, 0, sizeof i2a, &i2a), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clSetKernelArg(k, 6, sizeof ro, &ro), CL_INVALID_MEM_OBJECT);        /* 2D for image3d_t */
	CHECK_ERR(clSetKernelArg(k, 0, sizeof garbage, &garbage), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clSetKernelArg(k, 0, sizeof foreign, &foreign), CL_INVALID_MEM_OBJECT);
	cl_mem null_mem = NULL;
	CHECK_ERR(clSetKernelArg(k, 0, sizeof null_mem, &null_mem), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clSetKernelArg(k, 0, sizeof wo, &wo), CL_INVALID_ARG_VALUE);         /* read_only ← CL_MEM_WRITE_ONLY */
	CHECK_ERR(clSetKernelArg(k, 1, sizeof ro, &ro), CL_INVALID_ARG_VALUE);         /* write_only ← CL_MEM_READ_ONLY */
	CHECK_ERR(clSetKernelArg(k, 4, sizeof wo, &wo), CL_INVALID_ARG_VALUE);         /* through a typedef */
	CHECK_OK(clSetKernelArg(k, 0, sizeof ro, &ro));
	CHECK_OK(clSetKernelArg(k, 0, sizeof rw, &rw));                                /* READ_WRITE images go anywhere */
	CHECK_OK(clSetKernelArg(k, 1, sizeof rw, &rw));
	CHECK_OK(clSetKernelArg(k, 1, sizeof wo, &wo));
	/* Samplers. */
	/* Anything but a sampler of the context is CL_INVALID_SAMPLER (the
	 * specification's error for "not a valid sampler object"). */
	CHECK_ERR(clSetKernelArg(k, 3, sizeof smp, NULL), CL_INVALID_SAMPLER);
	CHECK_ERR(clSetKernelArg(k, 5, sizeof smp, NULL), CL_INVALID_SAMPLER);        /* through a typedef */
	CHECK_ERR(clSetKernelArg(k, 3, 4, &smp), CL_INVALID_ARG_SIZE);
	cl_sampler null_smp = NULL;
	CHECK_ERR(clSetKernelArg(k, 3, sizeof null_smp, &null_smp), CL_INVALID_SAMPLER);
	CHECK_ERR(clSetKernelArg(k, 3, sizeof ro, &ro), CL_INVALID_SAMPLER);
	CHECK_ERR(clSetKernelArg(k, 3, sizeof buf, &buf), CL_INVALID_SAMPLER);        /* a buffer */
	CHECK_ERR(clSetKernelArg(k, 3, sizeof garbage, &garbage), CL_INVALID_SAMPLER);
	CHECK_ERR(clSetKernelArg(k, 3, sizeof foreign_smp, &foreign_smp), CL_INVALID_SAMPLER);
	CHECK_ERR(clSetKernelArg(k, 5, sizeof ro, &ro), CL_INVALID_SAMPLER);           /* through a typedef */

	/* A launch with every argument. */
	set(k, 0, sizeof ro, &ro);
	set(k, 2, sizeof rw, &rw);
	set(k, 3, sizeof smp, &smp);
	set(k, 4, sizeof ro, &ro);
	set(k, 5, sizeof smp, &smp);
	set(k, 6, sizeof i3, &i3);
	set(k, 7, sizeof buf, &buf);
	run1(k, 1);
	int got = 0;
	REQUIRE_OK(clEnqueueReadBuffer(T.queue, buf, CL_TRUE, 0, sizeof got, &got, 0, NULL, NULL));
	CHECK(got == 1 + 2 + 3 + 5 + 5 + 7);

	/* A released image argument fails the launch, not the process. */
	cl_mem tmp = image(CL_MEM_READ_ONLY, f, CL_MEM_OBJECT_IMAGE2D, 1, 1, 0, 0, 0, NULL, NULL);
	set(k, 4, sizeof tmp, &tmp);
	clReleaseMemObject(tmp);
	size_t one_item = 1;
	CHECK(clEnqueueNDRangeKernel(T.queue, k, 1, NULL, &one_item, NULL, 0, NULL, NULL) != CL_SUCCESS);

	/* Argument info. */
	struct { cl_kernel_arg_access_qualifier acc; cl_kernel_arg_address_qualifier as; const char *type; } want[] = {
		{CL_KERNEL_ARG_ACCESS_READ_ONLY, CL_KERNEL_ARG_ADDRESS_GLOBAL, "image2d_t"},
		{CL_KERNEL_ARG_ACCESS_WRITE_ONLY, CL_KERNEL_ARG_ADDRESS_GLOBAL, "image2d_t"},
		{CL_KERNEL_ARG_ACCESS_READ_WRITE, CL_KERNEL_ARG_ADDRESS_GLOBAL, "image2d_t"},
		{CL_KERNEL_ARG_ACCESS_NONE, CL_KERNEL_ARG_ADDRESS_PRIVATE, "sampler_t"},
		{CL_KERNEL_ARG_ACCESS_READ_ONLY, CL_KERNEL_ARG_ADDRESS_GLOBAL, "my_image"},
		{CL_KERNEL_ARG_ACCESS_NONE, CL_KERNEL_ARG_ADDRESS_PRIVATE, "my_sampler"},
		{CL_KERNEL_ARG_ACCESS_READ_ONLY, CL_KERNEL_ARG_ADDRESS_GLOBAL, "image3d_t"},
	};
	for (cl_uint i = 0; i < 7; i++) {
		cl_kernel_arg_access_qualifier acc = 0;
		cl_kernel_arg_address_qualifier as = 0;
		char type[64] = "";
		CHECK_OK(clGetKernelArgInfo(k, i, CL_KERNEL_ARG_ACCESS_QUALIFIER, sizeof acc, &acc, NULL));
		CHECK_OK(clGetKernelArgInfo(k, i, CL_KERNEL_ARG_ADDRESS_QUALIFIER, sizeof as, &as, NULL));
		CHECK_OK(clGetKernelArgInfo(k, i, CL_KERNEL_ARG_TYPE_NAME, sizeof type, type, NULL));
		if (acc != want[i].acc || as != want[i].as || strcmp(type, want[i].type) != 0) {
			fprintf(stderr, "arg %u: access 0x%x address 0x%x type %s\n", i, acc, as, type);
			CHECK(0);
		} else {
			CHECK(1);
		}
	}

	/* clCreateKernelsInProgram includes image kernels. */
	cl_uint n = 0;
	CHECK_OK(clCreateKernelsInProgram(p, 0, NULL, &n));
	CHECK(n == 1);

	clReleaseKernel(k);
	clReleaseSampler(smp);
	clReleaseSampler(foreign_smp);
	clReleaseMemObject(foreign);
	clReleaseContext(other);
	clReleaseMemObject(ro);
	clReleaseMemObject(wo);
	clReleaseMemObject(rw);
	clReleaseMemObject(i3);
	clReleaseMemObject(i2a);
	clReleaseMemObject(buf);
	clReleaseProgram(p);
}

int main(void) {
	T = test_setup();
	test_args();
	test_queries();
	test_formats();
	test_writes();
	test_int_coords();
	test_sampling();
	test_misc();
	test_teardown(&T);
	return check_done();
}
