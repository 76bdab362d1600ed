/* cl_khr_depth_images: CL_DEPTH images (CL_UNORM_INT16 and CL_FLOAT, 2D
 * images and 2D image arrays). The formats listed by
 * clGetSupportedImageFormats for those types only; host writes read back by
 * read_imagef on image2d_depth_t and image2d_array_depth_t (with a nearest
 * sampler and unnormalized coordinates, float and int, and sampler-less),
 * compared with the specification's conversion (value / 65535); values
 * written by write_imagef read back by the host, compared with the
 * conversion to unorm16 (round to nearest even, clamped to [0, 1], NaN 0);
 * read_write depth images; linear filtering and the border (0); get_image_*; fill with a single float; copy and
 * map; the argument type names; images of the wrong kind refused; the
 * extension claimed. */
#include "check.h"
#include <math.h>

static test_env T;

enum { W = 7, H = 5, L = 3 };

static const char *src =
	"#ifndef cl_khr_depth_images\n"
	"#error cl_khr_depth_images is not defined\n"
	"#endif\n"
	"__kernel void read2d(read_only image2d_depth_t im, sampler_t s, __global float *out) {\n"
	"	int x = get_global_id(0), y = get_global_id(1), n = get_global_size(0) * get_global_size(1);\n"
	"	int i = y * get_global_size(0) + x;\n"
	"	out[i] = read_imagef(im, s, (float2)(x + 0.5f, y + 0.5f));\n"
	"	out[n + i] = read_imagef(im, s, (int2)(x, y));\n"
	"	out[2 * n + i] = read_imagef(im, (int2)(x, y));\n"
	"}\n"
	"__kernel void read2da(read_only image2d_array_depth_t im, sampler_t s, __global float *out) {\n"
	"	int x = get_global_id(0), y = get_global_id(1), z = get_global_id(2);\n"
	"	int n = get_global_size(0) * get_global_size(1) * get_global_size(2);\n"
	"	int i = (z * get_global_size(1) + y) * get_global_size(0) + x;\n"
	"	out[i] = read_imagef(im, s, (float4)(x + 0.5f, y + 0.5f, z, 0));\n"
	"	out[n + i] = read_imagef(im, s, (int4)(x, y, z, 0));\n"
	"	out[2 * n + i] = read_imagef(im, (int4)(x, y, z, 0));\n"
	"}\n"
	"__kernel void write2d(write_only image2d_depth_t im, __global const float *in) {\n"
	"	int x = get_global_id(0), y = get_global_id(1);\n"
	"	write_imagef(im, (int2)(x, y), in[y * get_global_size(0) + x]);\n"
	"}\n"
	"__kernel void write2da(write_only image2d_array_depth_t im, __global const float *in) {\n"
	"	int x = get_global_id(0), y = get_global_id(1), z = get_global_id(2);\n"
	"	write_imagef(im, (int4)(x, y, z, 0), in[(z * get_global_size(1) + y) * get_global_size(0) + x]);\n"
	"}\n"
	"__kernel void query2d(read_only image2d_depth_t a, write_only image2d_depth_t b, __global int *out) {\n"
	"	out[0] = get_image_width(a); out[1] = get_image_height(a); out[2] = get_image_dim(a).x; out[3] = get_image_dim(a).y;\n"
	"	out[4] = get_image_channel_data_type(a); out[5] = get_image_channel_order(a);\n"
	"	out[6] = get_image_width(b); out[7] = get_image_height(b); out[8] = get_image_channel_data_type(b);\n"
	"	out[9] = get_image_channel_order(b); out[10] = CLK_DEPTH; out[11] = CLK_UNORM_INT16;\n"
	"}\n"
	"__kernel void query2da(read_only image2d_array_depth_t a, write_only image2d_array_depth_t b, __global int *out) {\n"
	"	out[0] = get_image_width(a); out[1] = get_image_height(a); out[2] = get_image_dim(a).x; out[3] = get_image_dim(a).y;\n"
	"	out[4] = get_image_channel_data_type(a); out[5] = get_image_channel_order(a); out[6] = (int)get_image_array_size(a);\n"
	"	out[7] = get_image_width(b); out[8] = get_image_height(b); out[9] = (int)get_image_array_size(b);\n"
	"	out[10] = get_image_channel_data_type(b); out[11] = get_image_channel_order(b);\n"
	"}\n"
	"__kernel void sample2d(read_only image2d_depth_t im, sampler_t lin, sampler_t clamp, __global float *out) {\n"
	"	out[0] = read_imagef(im, lin, (float2)(2.0f, 1.5f));\n"
	"	out[1] = read_imagef(im, lin, (float2)(3.5f, 2.0f));\n"
	"	out[2] = read_imagef(im, clamp, (int2)(-1, 0));\n"
	"	out[3] = read_imagef(im, clamp, (float2)(0.5f, 100.0f));\n"
	"}\n"
	"__kernel void plain(read_only image2d_t im, __global float *out) { out[0] = read_imagef(im, (int2)(0, 0)).x; }\n";

static const char *rw_src =
	"__kernel void rw2d(read_write image2d_depth_t im) {\n"
	"	int2 c = (int2)(get_global_id(0), get_global_id(1));\n"
	"	write_imagef(im, c, 1.0f - read_imagef(im, c));\n"
	"	if (get_image_width(im) != get_global_size(0)) write_imagef(im, c, -100.0f);\n"
	"}\n"
	"__kernel void rw2da(read_write image2d_array_depth_t im) {\n"
	"	int4 c = (int4)(get_global_id(0), get_global_id(1), get_global_id(2), 0);\n"
	"	write_imagef(im, c, 1.0f - read_imagef(im, c));\n"
	"	if (get_image_array_size(im) != get_global_size(2)) write_imagef(im, c, -100.0f);\n"
	"}\n";

static uint32_t fb(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

/* write_imagef's conversion to CL_UNORM_INT16: round to nearest even,
 * saturate, NaN 0. */
static uint16_t to_unorm16(float f) {
	float x = f * 65535.0f;
	if (isnan(x) || x <= 0) return 0;
	if (x >= 65535.0f) return 65535;
	return (uint16_t)rintf(x);
}

static int has_format(const cl_image_format *fs, cl_uint n, cl_channel_order o, cl_channel_type ty) {
	for (cl_uint i = 0; i < n; i++)
		if (fs[i].image_channel_order == o && fs[i].image_channel_data_type == ty) return 1;
	return 0;
}

static void test_extension(void) {
	char exts[8192] = "";
	REQUIRE_OK(clGetDeviceInfo(T.device, CL_DEVICE_EXTENSIONS, sizeof exts, exts, NULL));
	CHECK(check_has_word(exts, "cl_khr_depth_images"));
	cl_name_version nv[128];
	size_t size = 0;
	REQUIRE_OK(clGetDeviceInfo(T.device, CL_DEVICE_EXTENSIONS_WITH_VERSION, sizeof nv, nv, &size));
	int found = 0;
	for (size_t i = 0; i < size / sizeof nv[0]; i++)
		if (strcmp(nv[i].name, "cl_khr_depth_images") == 0) found = nv[i].version == CL_MAKE_VERSION(1, 0, 0);
	CHECK(found);
	cl_bool images = CL_FALSE;
	CHECK_OK(clGetDeviceInfo(T.device, CL_DEVICE_IMAGE_SUPPORT, sizeof images, &images, NULL));
	CHECK(images == CL_TRUE);
}

static void test_formats(void) {
	const cl_mem_object_type with[] = {CL_MEM_OBJECT_IMAGE2D, CL_MEM_OBJECT_IMAGE2D_ARRAY};
	const cl_mem_object_type without[] = {CL_MEM_OBJECT_IMAGE1D, CL_MEM_OBJECT_IMAGE1D_ARRAY, CL_MEM_OBJECT_IMAGE1D_BUFFER,
		CL_MEM_OBJECT_IMAGE3D};
	const cl_mem_flags flagsets[] = {0, CL_MEM_READ_WRITE, CL_MEM_READ_ONLY, CL_MEM_WRITE_ONLY, CL_MEM_KERNEL_READ_AND_WRITE};
	for (size_t fi = 0; fi < sizeof flagsets / sizeof *flagsets; fi++) {
		cl_image_format fs[256];
		cl_uint n = 0;
		for (size_t i = 0; i < 2; i++) {
			CHECK_OK(clGetSupportedImageFormats(T.context, flagsets[fi], with[i], 256, fs, &n));
			CHECK(has_format(fs, n, CL_DEPTH, CL_UNORM_INT16) && has_format(fs, n, CL_DEPTH, CL_FLOAT));
			CHECK(!has_format(fs, n, CL_DEPTH, CL_UNORM_INT24) && !has_format(fs, n, CL_DEPTH_STENCIL, CL_FLOAT));
		}
		for (size_t i = 0; i < 4; i++) {
			CHECK_OK(clGetSupportedImageFormats(T.context, flagsets[fi], without[i], 256, fs, &n));
			CHECK(!has_format(fs, n, CL_DEPTH, CL_UNORM_INT16) && !has_format(fs, n, CL_DEPTH, CL_FLOAT));
			CHECK(has_format(fs, n, CL_R, CL_FLOAT));
		}
	}
	/* Depth images of other types cannot be made. */
	cl_image_format f = {CL_DEPTH, CL_FLOAT};
	cl_image_desc d = {.image_type = CL_MEM_OBJECT_IMAGE3D, .image_width = 4, .image_height = 4, .image_depth = 4};
	cl_int err;
	cl_mem m = clCreateImage(T.context, CL_MEM_READ_WRITE, &f, &d, NULL, &err);
	CHECK_ERR(err, CL_IMAGE_FORMAT_NOT_SUPPORTED);
	CHECK(m == NULL);
	d = (cl_image_desc){.image_type = CL_MEM_OBJECT_IMAGE1D, .image_width = 4};
	m = clCreateImage(T.context, CL_MEM_READ_WRITE, &f, &d, NULL, &err);
	CHECK_ERR(err, CL_IMAGE_FORMAT_NOT_SUPPORTED);
	/* Nor with other data types. */
	cl_image_format f24 = {CL_DEPTH, CL_UNORM_INT24};
	d = (cl_image_desc){.image_type = CL_MEM_OBJECT_IMAGE2D, .image_width = 4, .image_height = 4};
	m = clCreateImage(T.context, CL_MEM_READ_WRITE, &f24, &d, NULL, &err);
	CHECK_ERR(err, CL_IMAGE_FORMAT_NOT_SUPPORTED);
}

/* The host's pixel values of a depth image of n pixels: UNORM_INT16 values
 * including 0 and 65535, floats including negative and above 1. */
static void host_pixels(cl_channel_type ty, int n, void *px, float *want) {
	for (int i = 0; i < n; i++) {
		if (ty == CL_UNORM_INT16) {
			uint16_t v = i == 0 ? 0 : i == 1 ? 65535 : (uint16_t)(i * 2311 + 7);
			((uint16_t *)px)[i] = v;
			want[i] = (float)v / 65535.0f;
		} else {
			float v = (i - 11) * 0.37f + (i == 5 ? 1e-30f : 0);
			((float *)px)[i] = v;
			want[i] = v;
		}
	}
}

static cl_mem make_image(cl_mem_flags flags, cl_channel_type ty, int array) {
	cl_image_format f = {CL_DEPTH, ty};
	cl_image_desc d = {.image_type = array ? CL_MEM_OBJECT_IMAGE2D_ARRAY : CL_MEM_OBJECT_IMAGE2D,
		.image_width = W, .image_height = H, .image_array_size = array ? L : 0};
	cl_int err;
	cl_mem m = clCreateImage(T.context, flags, &f, &d, NULL, &err);
	REQUIRE_OK(err);
	return m;
}

static void run(cl_kernel k, int array) {
	size_t g[3] = {W, H, L};
	REQUIRE_OK(clEnqueueNDRangeKernel(T.queue, k, array ? 3 : 2, NULL, g, NULL, 0, NULL, NULL));
}

/* Runs kernel name of p once with handles (cl_mem, cl_sampler) as its
 * arguments, the last a buffer whose first size bytes it reads to result. */
static void run_once(cl_program p, const char *name, void *const *args, int nargs, void *result, size_t size) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, name, &err);
	REQUIRE_OK(err);
	for (int i = 0; i < nargs; i++) CHECK_OK(clSetKernelArg(k, i, sizeof args[i], &args[i]));
	size_t one = 1;
	CHECK_OK(clEnqueueNDRangeKernel(T.queue, k, 1, NULL, &one, NULL, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(T.queue, args[nargs - 1], CL_TRUE, 0, size, result, 0, NULL, NULL));
	clReleaseKernel(k);
}

/* One format and image type: host write → kernel read; kernel write →
 * host read; fill; copy; map; read_write. */
static void test_image(cl_program p, cl_program prw, cl_channel_type ty, int array) {
	const int n = W * H * (array ? L : 1);
	const size_t es = ty == CL_UNORM_INT16 ? 2 : 4;
	const size_t origin[3] = {0, 0, 0}, region[3] = {W, H, array ? L : 1};
	cl_int err;
	uint8_t px[W * H * L * 4], back[W * H * L * 4];
	float want[W * H * L], got[3 * W * H * L];
	host_pixels(ty, n, px, want);

	/* Host write, kernel read (three forms). */
	cl_mem im = make_image(CL_MEM_READ_WRITE, ty, array);
	CHECK_OK(clEnqueueWriteImage(T.queue, im, CL_TRUE, origin, region, 0, 0, px, 0, NULL, NULL));
	cl_sampler s = clCreateSampler(T.context, CL_FALSE, CL_ADDRESS_CLAMP_TO_EDGE, CL_FILTER_NEAREST, &err);
	REQUIRE_OK(err);
	cl_mem out = check_buffer(&T, sizeof got, NULL);
	cl_kernel k = clCreateKernel(p, array ? "read2da" : "read2d", &err);
	REQUIRE_OK(err);
	CHECK_OK(clSetKernelArg(k, 0, sizeof im, &im));
	CHECK_OK(clSetKernelArg(k, 1, sizeof s, &s));
	CHECK_OK(clSetKernelArg(k, 2, sizeof out, &out));
	run(k, array);
	REQUIRE_OK(clEnqueueReadBuffer(T.queue, out, CL_TRUE, 0, 3 * n * sizeof(float), got, 0, NULL, NULL));
	int bad = 0;
	for (int form = 0; form < 3; form++)
		for (int i = 0; i < n; i++)
			if (fb(got[form * n + i]) != fb(want[i])) {
				if (bad++ < 5) fprintf(stderr, "type 0x%x array %d form %d pixel %d: read %.9g, want %.9g\n",
					ty, array, form, i, got[form * n + i], want[i]);
			}
	CHECK(bad == 0);
	clReleaseKernel(k);

	/* Map: the host's bytes. */
	size_t rp = 0, sp = 0;
	uint8_t *mp = clEnqueueMapImage(T.queue, im, CL_TRUE, CL_MAP_READ, origin, region, &rp, &sp, 0, NULL, NULL, &err);
	CHECK_OK(err);
	if (mp) {
		bad = 0;
		for (int z = 0; z < (int)region[2]; z++)
			for (int y = 0; y < H; y++)
				bad += memcmp(mp + z * sp + y * rp, px + ((size_t)z * H + y) * W * es, W * es) != 0;
		CHECK(bad == 0);
		CHECK_OK(clEnqueueUnmapMemObject(T.queue, im, mp, 0, NULL, NULL));
	}

	/* Copy to another depth image, read back. */
	cl_mem cp = make_image(CL_MEM_READ_WRITE, ty, array);
	CHECK_OK(clEnqueueCopyImage(T.queue, im, cp, origin, origin, region, 0, NULL, NULL));
	memset(back, 0xcd, sizeof back);
	CHECK_OK(clEnqueueReadImage(T.queue, cp, CL_TRUE, origin, region, 0, 0, back, 0, NULL, NULL));
	CHECK(memcmp(back, px, n * es) == 0);

	/* Fill a part with a single float (the first component of the color). */
	float color[4] = {0.75f, 0.1f, 0.2f, 0.3f};
	size_t fo[3] = {1, 2, array ? 1 : 0}, fr[3] = {3, 2, 1};
	CHECK_OK(clEnqueueFillImage(T.queue, cp, color, fo, fr, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadImage(T.queue, cp, CL_TRUE, origin, region, 0, 0, back, 0, NULL, NULL));
	bad = 0;
	for (int z = 0; z < (int)region[2]; z++)
		for (int y = 0; y < H; y++)
			for (int x = 0; x < W; x++) {
				size_t i = ((size_t)z * H + y) * W + x;
				int in = x >= 1 && x < 4 && y >= 2 && y < 4 && z == (int)fo[2];
				uint8_t w[4];
				if (!in) memcpy(w, px + i * es, es);
				else if (ty == CL_UNORM_INT16) { uint16_t v = 49151; memcpy(w, &v, 2); } /* 0.75 * 65535 = 49151.25 */
				else memcpy(w, &color[0], 4);
				bad += memcmp(back + i * es, w, es) != 0;
			}
	CHECK(bad == 0);
	clReleaseMemObject(cp);

	/* Kernel write, host read. */
	float in[W * H * L];
	for (int i = 0; i < n; i++) in[i] = ty == CL_UNORM_INT16 ? (i - 3) * 0.0371f + 1.0f / 131070.0f : (i - 9) * 0.61f;
	in[0] = 0.5f;      /* 32767.5: a tie, to even (32768) */
	in[1] = 2.0f;      /* clamped to 1 */
	in[2] = -0.25f;    /* clamped to 0 */
	in[3] = NAN;       /* 0 */
	in[4] = 1.0f;
	in[5] = 2.5f / 65535.0f; /* about 2.5: to the nearest */
	cl_mem ib = check_buffer(&T, sizeof in, in);
	cl_mem wo = make_image(CL_MEM_WRITE_ONLY, ty, array);
	k = clCreateKernel(p, array ? "write2da" : "write2d", &err);
	REQUIRE_OK(err);
	CHECK_OK(clSetKernelArg(k, 0, sizeof wo, &wo));
	CHECK_OK(clSetKernelArg(k, 1, sizeof ib, &ib));
	run(k, array);
	memset(back, 0xcd, sizeof back);
	CHECK_OK(clEnqueueReadImage(T.queue, wo, CL_TRUE, origin, region, 0, 0, back, 0, NULL, NULL));
	bad = 0;
	for (int i = 0; i < n; i++) {
		if (ty == CL_UNORM_INT16) {
			uint16_t v;
			memcpy(&v, back + 2 * i, 2);
			if (v != to_unorm16(in[i]) && bad++ < 5)
				fprintf(stderr, "array %d pixel %d: wrote %.9g, stored %u, want %u\n", array, i, in[i], v, to_unorm16(in[i]));
		} else if (memcmp(back + 4 * i, &in[i], 4) != 0) {
			bad++;
		}
	}
	CHECK(bad == 0);
	if (ty == CL_UNORM_INT16) {
		uint16_t v[4];
		memcpy(v, back, 8);
		CHECK(v[0] == 32768 && v[1] == 65535 && v[2] == 0 && v[3] == 0);
	}
	clReleaseKernel(k);

	/* get_image_*. */
	int q[12];
	cl_mem qb = check_buffer(&T, sizeof q, NULL);
	run_once(p, array ? "query2da" : "query2d", (void *[]){im, wo, qb}, 3, q, sizeof q);
	if (array) {
		CHECK(q[0] == W && q[1] == H && q[2] == W && q[3] == H && q[4] == (int)ty && q[5] == CL_DEPTH && q[6] == L);
		CHECK(q[7] == W && q[8] == H && q[9] == L && q[10] == (int)ty && q[11] == CL_DEPTH);
	} else {
		CHECK(q[0] == W && q[1] == H && q[2] == W && q[3] == H && q[4] == (int)ty && q[5] == CL_DEPTH);
		CHECK(q[6] == W && q[7] == H && q[8] == (int)ty && q[9] == CL_DEPTH && q[10] == CL_DEPTH && q[11] == CL_UNORM_INT16);
	}
	clReleaseMemObject(qb);

	/* read_write: 1 - d in place. */
	if (prw) {
		cl_mem rw = make_image(CL_MEM_READ_WRITE, ty, array);
		CHECK_OK(clEnqueueWriteImage(T.queue, rw, CL_TRUE, origin, region, 0, 0, px, 0, NULL, NULL));
		k = clCreateKernel(prw, array ? "rw2da" : "rw2d", &err);
		REQUIRE_OK(err);
		CHECK_OK(clSetKernelArg(k, 0, sizeof rw, &rw));
		run(k, array);
		CHECK_OK(clEnqueueReadImage(T.queue, rw, CL_TRUE, origin, region, 0, 0, back, 0, NULL, NULL));
		bad = 0;
		for (int i = 0; i < n; i++) {
			float w = 1.0f - want[i];
			if (ty == CL_UNORM_INT16) {
				uint16_t v;
				memcpy(&v, back + 2 * i, 2);
				bad += v != to_unorm16(w);
			} else {
				bad += memcmp(back + 4 * i, &w, 4) != 0;
			}
		}
		CHECK(bad == 0);
		clReleaseKernel(k);
		clReleaseMemObject(rw);
	}

	clReleaseMemObject(ib);
	clReleaseMemObject(wo);
	clReleaseMemObject(out);
	clReleaseSampler(s);
	clReleaseMemObject(im);
}

/* Linear filtering (unnormalized coordinates: the weights are halves)
 * and the border of CL_ADDRESS_CLAMP, 0 for depth images. */
static void test_sampling(cl_program p) {
	float px[W * H];
	for (int i = 0; i < W * H; i++) px[i] = (float)(i * 7 % 17) * 0.125f + 0.5f; /* no zeros: the border is */
	cl_mem im = make_image(CL_MEM_READ_ONLY, CL_FLOAT, 0);
	const size_t origin[3] = {0, 0, 0}, region[3] = {W, H, 1};
	CHECK_OK(clEnqueueWriteImage(T.queue, im, CL_TRUE, origin, region, 0, 0, px, 0, NULL, NULL));
	cl_int err;
	cl_sampler lin = clCreateSampler(T.context, CL_FALSE, CL_ADDRESS_CLAMP_TO_EDGE, CL_FILTER_LINEAR, &err);
	REQUIRE_OK(err);
	cl_sampler clamp = clCreateSampler(T.context, CL_FALSE, CL_ADDRESS_CLAMP, CL_FILTER_NEAREST, &err);
	REQUIRE_OK(err);
	float got[4] = {-1, -1, -1, -1};
	cl_mem out = check_buffer(&T, sizeof got, got);
	run_once(p, "sample2d", (void *[]){im, lin, clamp, out}, 4, got, sizeof got);
	/* (2, 1.5): between texels (1, 1) and (2, 1); (3.5, 2): between (3, 1) and (3, 2). */
	float w0 = (px[1 * W + 1] + px[1 * W + 2]) / 2, w1 = (px[1 * W + 3] + px[2 * W + 3]) / 2;
	CHECK(fabsf(got[0] - w0) <= 1e-6f && fabsf(got[1] - w1) <= 1e-6f);
	CHECK(got[2] == 0.0f && got[3] == 0.0f);
	clReleaseMemObject(out);
	clReleaseSampler(lin);
	clReleaseSampler(clamp);
	clReleaseMemObject(im);
}

/* The argument info names the depth types; depth and other images are
 * not interchangeable. */
static void test_args(cl_program p) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, "read2d", &err);
	REQUIRE_OK(err);
	char name[64] = "";
	CHECK_OK(clGetKernelArgInfo(k, 0, CL_KERNEL_ARG_TYPE_NAME, sizeof name, name, NULL));
	CHECK(strcmp(name, "image2d_depth_t") == 0);
	cl_kernel_arg_access_qualifier aq = 0;
	CHECK_OK(clGetKernelArgInfo(k, 0, CL_KERNEL_ARG_ACCESS_QUALIFIER, sizeof aq, &aq, NULL));
	CHECK(aq == CL_KERNEL_ARG_ACCESS_READ_ONLY);
	cl_image_format rf = {CL_R, CL_FLOAT};
	cl_image_desc d = {.image_type = CL_MEM_OBJECT_IMAGE2D, .image_width = 2, .image_height = 2};
	cl_mem r = clCreateImage(T.context, CL_MEM_READ_WRITE, &rf, &d, NULL, &err);
	REQUIRE_OK(err);
	CHECK_ERR(clSetKernelArg(k, 0, sizeof r, &r), CL_INVALID_MEM_OBJECT);
	cl_mem da = make_image(CL_MEM_READ_WRITE, CL_FLOAT, 1);
	CHECK_ERR(clSetKernelArg(k, 0, sizeof da, &da), CL_INVALID_MEM_OBJECT);
	clReleaseKernel(k);

	k = clCreateKernel(p, "write2da", &err);
	REQUIRE_OK(err);
	CHECK_OK(clGetKernelArgInfo(k, 0, CL_KERNEL_ARG_TYPE_NAME, sizeof name, name, NULL));
	CHECK(strcmp(name, "image2d_array_depth_t") == 0);
	CHECK_OK(clGetKernelArgInfo(k, 0, CL_KERNEL_ARG_ACCESS_QUALIFIER, sizeof aq, &aq, NULL));
	CHECK(aq == CL_KERNEL_ARG_ACCESS_WRITE_ONLY);
	clReleaseKernel(k);

	k = clCreateKernel(p, "plain", &err);
	REQUIRE_OK(err);
	cl_mem dm = make_image(CL_MEM_READ_WRITE, CL_FLOAT, 0);
	CHECK_ERR(clSetKernelArg(k, 0, sizeof dm, &dm), CL_INVALID_MEM_OBJECT);
	CHECK_OK(clSetKernelArg(k, 0, sizeof r, &r));
	clReleaseKernel(k);
	clReleaseMemObject(dm);
	clReleaseMemObject(da);
	clReleaseMemObject(r);
}

int main(void) {
	T = test_setup();
	test_extension();
	test_formats();
	const char *stds[] = {"-cl-kernel-arg-info", "-cl-std=CL3.0 -cl-kernel-arg-info"};
	for (int si = 0; si < 2; si++) {
		cl_program p = check_build(&T, src, stds[si]);
		cl_program prw = si == 1 ? check_build(&T, rw_src, "-cl-std=CL3.0") : NULL;
		const cl_channel_type types[] = {CL_UNORM_INT16, CL_FLOAT};
		for (int ti = 0; ti < 2; ti++)
			for (int array = 0; array < 2; array++)
				test_image(p, prw, types[ti], array);
		test_args(p);
		test_sampling(p);
		clReleaseProgram(p);
		if (prw) clReleaseProgram(prw);
	}
	test_teardown(&T);
	return check_done();
}
