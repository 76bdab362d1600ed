/* Host-side images through the real loader: formats, creation of every
 * image type and every creation error, clGetImageInfo, read / write / copy /
 * fill / image<->buffer copies with checked pixels, 1D image buffers sharing
 * their buffer's storage, image maps, and bad handles. */
#include "check.h"
#include <limits.h>
#include <math.h>

static test_env t;

#define NTYPES 6
static const cl_mem_object_type types[NTYPES] = {
	CL_MEM_OBJECT_IMAGE1D, CL_MEM_OBJECT_IMAGE1D_BUFFER, CL_MEM_OBJECT_IMAGE1D_ARRAY,
	CL_MEM_OBJECT_IMAGE2D, CL_MEM_OBJECT_IMAGE2D_ARRAY, CL_MEM_OBJECT_IMAGE3D,
};

static cl_image_desc desc_of(cl_mem_object_type type, size_t w, size_t h, size_t d, size_t layers) {
	cl_image_desc desc;
	memset(&desc, 0, sizeof desc);
	desc.image_type = type;
	desc.image_width = w;
	desc.image_height = h;
	desc.image_depth = d;
	desc.image_array_size = layers;
	return desc;
}

static cl_mem make(cl_mem_flags flags, cl_channel_order o, cl_channel_type ty, const cl_image_desc *desc, void *host, cl_int *err) {
	cl_image_format f = {o, ty};
	return clCreateImage(t.context, flags, &f, desc, host, err);
}

/* A 2D image of w x h pixels, required to work. */
static cl_mem image2d(cl_mem_flags flags, cl_channel_order o, cl_channel_type ty, size_t w, size_t h) {
	cl_int err;
	cl_image_desc d = desc_of(CL_MEM_OBJECT_IMAGE2D, w, h, 0, 0);
	cl_mem m = make(flags, o, ty, &d, NULL, &err);
	REQUIRE_OK(err);
	return m;
}

static cl_mem buffer(cl_mem_flags flags, size_t size, void *host) {
	cl_int err;
	cl_mem m = clCreateBuffer(t.context, flags, size, host, &err);
	REQUIRE_OK(err);
	return m;
}

static size_t isize(cl_mem m, cl_image_info p) {
	size_t v = 12345, n = 0;
	CHECK_OK(clGetImageInfo(m, p, sizeof v, &v, &n));
	CHECK(n == sizeof v);
	return v;
}

static int has_format(const cl_image_format *fs, cl_uint n, cl_channel_order o, cl_channel_type ty) {
	for (cl_uint i = 0; i < n; i++)
		if (fs[i].image_channel_order == o && fs[i].image_channel_data_type == ty) return 1;
	return 0;
}

/* ---- formats ---- */

static void test_formats(void) {
	static const cl_channel_type min_rgba[] = {CL_UNORM_INT8, CL_UNORM_INT16, CL_SIGNED_INT8, CL_SIGNED_INT16, CL_SIGNED_INT32,
		CL_UNSIGNED_INT8, CL_UNSIGNED_INT16, CL_UNSIGNED_INT32, CL_HALF_FLOAT, CL_FLOAT};
	static const cl_channel_type min_rw[] = {CL_UNORM_INT8, CL_SIGNED_INT8, CL_SIGNED_INT16, CL_SIGNED_INT32,
		CL_UNSIGNED_INT8, CL_UNSIGNED_INT16, CL_UNSIGNED_INT32, CL_HALF_FLOAT, CL_FLOAT};
	cl_mem_flags flagsets[] = {0, CL_MEM_READ_WRITE, CL_MEM_READ_ONLY, CL_MEM_WRITE_ONLY, CL_MEM_KERNEL_READ_AND_WRITE,
		CL_MEM_READ_WRITE | CL_MEM_KERNEL_READ_AND_WRITE, CL_MEM_READ_ONLY | CL_MEM_USE_HOST_PTR | CL_MEM_HOST_NO_ACCESS};
	for (int ti = 0; ti < NTYPES; ti++) {
		for (size_t fi = 0; fi < sizeof flagsets / sizeof *flagsets; fi++) {
			cl_uint n = 0;
			CHECK_OK(clGetSupportedImageFormats(t.context, flagsets[fi], types[ti], 0, NULL, &n));
			CHECK(n >= 11);
			cl_image_format fs[256];
			cl_uint m = 0;
			CHECK_OK(clGetSupportedImageFormats(t.context, flagsets[fi], types[ti], 256, fs, &m));
			CHECK(m == n);
			for (size_t k = 0; k < sizeof min_rgba / sizeof *min_rgba; k++)
				CHECK(has_format(fs, n, CL_RGBA, min_rgba[k]));
			CHECK(has_format(fs, n, CL_BGRA, CL_UNORM_INT8));
			if (flagsets[fi] & CL_MEM_KERNEL_READ_AND_WRITE)
				for (size_t k = 0; k < sizeof min_rw / sizeof *min_rw; k++) {
					CHECK(has_format(fs, n, CL_R, min_rw[k]));
					CHECK(has_format(fs, n, CL_RGBA, min_rw[k]));
				}
			/* sRGBA is for reading only. */
			CHECK(has_format(fs, n, CL_sRGBA, CL_UNORM_INT8) == (flagsets[fi] == CL_MEM_READ_ONLY ||
				flagsets[fi] == (CL_MEM_READ_ONLY | CL_MEM_USE_HOST_PTR | CL_MEM_HOST_NO_ACCESS)));
		}
	}
	/* A short list: only num_entries entries are written. */
	cl_image_format fs[4];
	memset(fs, 0xab, sizeof fs);
	cl_uint n = 0;
	CHECK_OK(clGetSupportedImageFormats(t.context, CL_MEM_READ_WRITE, CL_MEM_OBJECT_IMAGE2D, 2, fs, &n));
	CHECK(n > 2);
	CHECK(fs[1].image_channel_order != 0xabababab && fs[2].image_channel_order == 0xabababab);
	CHECK_OK(clGetSupportedImageFormats(t.context, CL_MEM_READ_WRITE, CL_MEM_OBJECT_IMAGE2D, 2, fs, NULL));
	CHECK_OK(clGetSupportedImageFormats(t.context, CL_MEM_READ_WRITE, CL_MEM_OBJECT_IMAGE2D, 0, NULL, NULL));

	/* Errors. */
	cl_int err;
	cl_context dead = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	REQUIRE_OK(err);
	CHECK_OK(clReleaseContext(dead));
	cl_context bad[] = {NULL, GARBAGE, dead, (cl_context)t.queue};
	for (int i = 0; i < 4; i++)
		CHECK_ERR(clGetSupportedImageFormats(bad[i], CL_MEM_READ_WRITE, CL_MEM_OBJECT_IMAGE2D, 0, NULL, &n), CL_INVALID_CONTEXT);
	CHECK_ERR(clGetSupportedImageFormats(t.context, (cl_mem_flags)1 << 40, CL_MEM_OBJECT_IMAGE2D, 0, NULL, &n), CL_INVALID_VALUE);
	CHECK_ERR(clGetSupportedImageFormats(t.context, CL_MEM_READ_WRITE | CL_MEM_READ_ONLY, CL_MEM_OBJECT_IMAGE2D, 0, NULL, &n), CL_INVALID_VALUE);
	CHECK_ERR(clGetSupportedImageFormats(t.context, CL_MEM_USE_HOST_PTR | CL_MEM_COPY_HOST_PTR, CL_MEM_OBJECT_IMAGE2D, 0, NULL, &n), CL_INVALID_VALUE);
	CHECK_ERR(clGetSupportedImageFormats(t.context, CL_MEM_READ_WRITE, CL_MEM_OBJECT_BUFFER, 0, NULL, &n), CL_INVALID_VALUE);
	CHECK_ERR(clGetSupportedImageFormats(t.context, CL_MEM_READ_WRITE, 0, 0, NULL, &n), CL_INVALID_VALUE);
	CHECK_ERR(clGetSupportedImageFormats(t.context, CL_MEM_READ_WRITE, CL_MEM_OBJECT_IMAGE2D, 0, fs, &n), CL_INVALID_VALUE);
}

/* ---- creation and clGetImageInfo ---- */

struct expect {
	size_t elem, row, slice, w, h, d, layers, size;
};

static void check_info(cl_mem m, cl_mem_object_type type, cl_image_format f, struct expect e, cl_mem buf) {
	cl_image_format got;
	size_t n = 0;
	CHECK_OK(clGetImageInfo(m, CL_IMAGE_FORMAT, sizeof got, &got, &n));
	CHECK(n == sizeof got);
	CHECK(got.image_channel_order == f.image_channel_order && got.image_channel_data_type == f.image_channel_data_type);
	CHECK(isize(m, CL_IMAGE_ELEMENT_SIZE) == e.elem);
	CHECK(isize(m, CL_IMAGE_ROW_PITCH) == e.row);
	CHECK(isize(m, CL_IMAGE_SLICE_PITCH) == e.slice);
	CHECK(isize(m, CL_IMAGE_WIDTH) == e.w);
	CHECK(isize(m, CL_IMAGE_HEIGHT) == e.h);
	CHECK(isize(m, CL_IMAGE_DEPTH) == e.d);
	CHECK(isize(m, CL_IMAGE_ARRAY_SIZE) == e.layers);
	cl_mem b = GARBAGE;
	CHECK_OK(clGetImageInfo(m, CL_IMAGE_BUFFER, sizeof b, &b, &n));
	CHECK(n == sizeof b && b == buf);
	cl_uint u = 99;
	CHECK_OK(clGetImageInfo(m, CL_IMAGE_NUM_MIP_LEVELS, sizeof u, &u, &n));
	CHECK(n == sizeof u && u == 0);
	u = 99;
	CHECK_OK(clGetImageInfo(m, CL_IMAGE_NUM_SAMPLES, sizeof u, &u, &n));
	CHECK(n == sizeof u && u == 0);
	/* Size only. */
	n = 0;
	CHECK_OK(clGetImageInfo(m, CL_IMAGE_WIDTH, 0, NULL, &n));
	CHECK(n == sizeof(size_t));
	/* Errors of the info protocol. */
	size_t small;
	CHECK_ERR(clGetImageInfo(m, CL_IMAGE_FORMAT, sizeof got - 1, &got, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetImageInfo(m, CL_IMAGE_WIDTH, 4, &small, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetImageInfo(m, CL_MEM_SIZE, sizeof small, &small, NULL), CL_INVALID_VALUE);
	/* Memory object queries of images. */
	cl_mem_object_type mt = 0;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_TYPE, sizeof mt, &mt, NULL));
	CHECK(mt == type);
	size_t size = 0;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_SIZE, sizeof size, &size, NULL));
	CHECK(size == e.size);
}

static void test_create_info(void) {
	cl_int err;
	cl_image_format f = {CL_RGBA, CL_UNORM_INT8};
	const size_t W = 13, H = 7, D = 3, L = 5;
	cl_mem buf = buffer(CL_MEM_READ_WRITE, 4096, NULL);
	for (int i = 0; i < NTYPES; i++) {
		cl_image_desc d = desc_of(types[i], W, H, D, L);
		struct expect e = {4, W * 4, 0, W, 0, 0, 0, W * 4};
		cl_mem assoc = NULL;
		switch (types[i]) {
		case CL_MEM_OBJECT_IMAGE1D_BUFFER:
			d.buffer = buf;
			assoc = buf;
			break;
		case CL_MEM_OBJECT_IMAGE1D_ARRAY:
			e.slice = W * 4, e.layers = L, e.size = W * 4 * L;
			break;
		case CL_MEM_OBJECT_IMAGE2D:
			e.h = H, e.size = W * 4 * H;
			break;
		case CL_MEM_OBJECT_IMAGE2D_ARRAY:
			e.h = H, e.slice = W * 4 * H, e.layers = L, e.size = W * 4 * H * L;
			break;
		case CL_MEM_OBJECT_IMAGE3D:
			e.h = H, e.d = D, e.slice = W * 4 * H, e.size = W * 4 * H * D;
			break;
		}
		cl_mem m = make(0, CL_RGBA, CL_UNORM_INT8, &d, NULL, &err);
		CHECK_OK(err);
		if (!m) continue;
		check_info(m, types[i], f, e, assoc);
		cl_mem_flags flags = 0;
		CHECK_OK(clGetMemObjectInfo(m, CL_MEM_FLAGS, sizeof flags, &flags, NULL));
		CHECK(flags == CL_MEM_READ_WRITE);
		if (assoc) {
			cl_mem a = NULL;
			CHECK_OK(clGetMemObjectInfo(m, CL_MEM_ASSOCIATED_MEMOBJECT, sizeof a, &a, NULL));
			CHECK(a == buf);
		}
		CHECK_OK(clReleaseMemObject(m));
	}

	/* Application pitches with USE_HOST_PTR (zero-copy) and COPY_HOST_PTR:
	 * CL_IMAGE_ROW_PITCH / SLICE_PITCH are the application's. */
	static char host[1 << 16];
	cl_image_desc d = desc_of(CL_MEM_OBJECT_IMAGE2D, W, H, 0, 0);
	d.image_row_pitch = 64;
	cl_mem m = make(CL_MEM_USE_HOST_PTR, CL_RGBA, CL_UNORM_INT8, &d, host, &err);
	CHECK_OK(err);
	check_info(m, CL_MEM_OBJECT_IMAGE2D, f, (struct expect){4, 64, 0, W, H, 0, 0, 64 * H}, NULL);
	void *hp = NULL;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_HOST_PTR, sizeof hp, &hp, NULL));
	CHECK(hp == host);
	clReleaseMemObject(m);
	d = desc_of(CL_MEM_OBJECT_IMAGE3D, W, H, D, 0);
	d.image_row_pitch = 56, d.image_slice_pitch = 56 * 8;
	m = make(CL_MEM_COPY_HOST_PTR, CL_RGBA, CL_UNORM_INT8, &d, host, &err);
	CHECK_OK(err);
	check_info(m, CL_MEM_OBJECT_IMAGE3D, f, (struct expect){4, 56, 56 * 8, W, H, D, 0, 56 * 8 * D}, NULL);
	clReleaseMemObject(m);
	d = desc_of(CL_MEM_OBJECT_IMAGE1D_ARRAY, W, 0, 0, L);
	d.image_slice_pitch = 2 * W * 4;
	m = make(CL_MEM_USE_HOST_PTR, CL_RGBA, CL_UNORM_INT8, &d, host, &err);
	CHECK_OK(err);
	check_info(m, CL_MEM_OBJECT_IMAGE1D_ARRAY, f, (struct expect){4, W * 4, 2 * W * 4, W, 0, 0, L, 2 * W * 4 * L}, NULL);
	clReleaseMemObject(m);
	d = desc_of(CL_MEM_OBJECT_IMAGE2D_ARRAY, W, H, 0, L);
	d.image_row_pitch = 128, d.image_slice_pitch = 128 * H * 2;
	m = make(CL_MEM_USE_HOST_PTR, CL_RGBA, CL_UNORM_INT8, &d, host, &err);
	CHECK_OK(err);
	check_info(m, CL_MEM_OBJECT_IMAGE2D_ARRAY, f, (struct expect){4, 128, 128 * H * 2, W, H, 0, L, 128 * H * 2 * L}, NULL);
	clReleaseMemObject(m);

	/* Other element sizes. */
	struct { cl_channel_order o; cl_channel_type ty; size_t elem; } sizes[] = {
		{CL_R, CL_UNORM_INT8, 1}, {CL_R, CL_HALF_FLOAT, 2}, {CL_RG, CL_SIGNED_INT16, 4}, {CL_RG, CL_FLOAT, 8},
		{CL_RGBA, CL_FLOAT, 16}, {CL_RGBA, CL_UNSIGNED_INT16, 8}, {CL_BGRA, CL_UNORM_INT8, 4},
	};
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		m = image2d(0, sizes[i].o, sizes[i].ty, 3, 2);
		CHECK(isize(m, CL_IMAGE_ELEMENT_SIZE) == sizes[i].elem);
		CHECK(isize(m, CL_IMAGE_ROW_PITCH) == sizes[i].elem * 3);
		clReleaseMemObject(m);
	}

	/* clCreateImageWithProperties: NULL and an empty list. */
	d = desc_of(CL_MEM_OBJECT_IMAGE2D, 4, 4, 0, 0);
	m = clCreateImageWithProperties(t.context, NULL, CL_MEM_READ_ONLY, &f, &d, NULL, &err);
	CHECK_OK(err);
	size_t n = 99;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_PROPERTIES, 0, NULL, &n));
	CHECK(n == 0);
	clReleaseMemObject(m);
	cl_mem_properties empty[] = {0};
	m = clCreateImageWithProperties(t.context, empty, CL_MEM_READ_ONLY, &f, &d, NULL, &err);
	CHECK_OK(err);
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_PROPERTIES, 0, NULL, &n));
	CHECK(n == sizeof(cl_mem_properties));
	clReleaseMemObject(m);

	/* The deprecated entry points. */
	m = clCreateImage2D(t.context, CL_MEM_READ_WRITE, &f, W, H, 0, NULL, &err);
	CHECK_OK(err);
	check_info(m, CL_MEM_OBJECT_IMAGE2D, f, (struct expect){4, W * 4, 0, W, H, 0, 0, W * 4 * H}, NULL);
	clReleaseMemObject(m);
	m = clCreateImage3D(t.context, CL_MEM_READ_WRITE, &f, W, H, D, 0, 0, NULL, &err);
	CHECK_OK(err);
	check_info(m, CL_MEM_OBJECT_IMAGE3D, f, (struct expect){4, W * 4, W * 4 * H, W, H, D, 0, W * 4 * H * D}, NULL);
	clReleaseMemObject(m);
	m = clCreateImage2D(t.context, CL_MEM_USE_HOST_PTR, &f, W, H, 80, host, &err);
	CHECK_OK(err);
	CHECK(isize(m, CL_IMAGE_ROW_PITCH) == 80);
	clReleaseMemObject(m);
	m = clCreateImage3D(t.context, CL_MEM_COPY_HOST_PTR, &f, W, H, D, 0, 0, host, &err);
	CHECK_OK(err);
	CHECK(isize(m, CL_IMAGE_SLICE_PITCH) == W * 4 * H);
	clReleaseMemObject(m);

	/* Images as big as the limits allow. */
	d = desc_of(CL_MEM_OBJECT_IMAGE2D, 16384, 16384, 0, 0);
	m = make(0, CL_R, CL_UNORM_INT8, &d, NULL, &err);
	CHECK_OK(err);
	clReleaseMemObject(m);
	d = desc_of(CL_MEM_OBJECT_IMAGE1D_ARRAY, 16384, 0, 0, 2048);
	m = make(0, CL_R, CL_UNORM_INT8, &d, NULL, &err);
	CHECK_OK(err);
	clReleaseMemObject(m);
	clReleaseMemObject(buf);
}

static void test_create_errors(void) {
	cl_int err;
	cl_image_format f = {CL_RGBA, CL_UNORM_INT8};
	cl_image_desc d2 = desc_of(CL_MEM_OBJECT_IMAGE2D, 8, 8, 0, 0);
	static char host[1 << 16];
	cl_mem m;
#define CREATE_ERR(flags, fmt, desc, hostp, code) do { \
		err = 1; m = clCreateImage(t.context, flags, fmt, desc, hostp, &err); \
		CHECK_ERR(err, code); CHECK(m == NULL); if (m) clReleaseMemObject(m); \
	} while (0)

	/* CL_INVALID_CONTEXT. */
	cl_context dead = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	REQUIRE_OK(err);
	CHECK_OK(clReleaseContext(dead));
	cl_context bad[] = {NULL, GARBAGE, dead, (cl_context)t.queue};
	for (int i = 0; i < 4; i++) {
		m = clCreateImage(bad[i], 0, &f, &d2, NULL, &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		m = clCreateImageWithProperties(bad[i], NULL, 0, &f, &d2, NULL, &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		m = clCreateImage2D(bad[i], 0, &f, 8, 8, 0, NULL, &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		m = clCreateImage3D(bad[i], 0, &f, 8, 8, 8, 0, 0, NULL, &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
	}
	/* Context before everything else. */
	m = clCreateImage(NULL, (cl_mem_flags)1 << 40, NULL, NULL, host, &err);
	CHECK_ERR(err, CL_INVALID_CONTEXT);

	/* CL_INVALID_PROPERTY. */
	cl_mem_properties props[] = {0x4242, 0, 0};
	m = clCreateImageWithProperties(t.context, props, 0, &f, &d2, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PROPERTY);
	CHECK(m == NULL);

	/* CL_INVALID_VALUE: flags. */
	CREATE_ERR((cl_mem_flags)1 << 40, &f, &d2, NULL, CL_INVALID_VALUE);
	CREATE_ERR(CL_MEM_READ_WRITE | CL_MEM_READ_ONLY, &f, &d2, NULL, CL_INVALID_VALUE);
	CREATE_ERR(CL_MEM_WRITE_ONLY | CL_MEM_READ_ONLY, &f, &d2, NULL, CL_INVALID_VALUE);
	CREATE_ERR(CL_MEM_HOST_READ_ONLY | CL_MEM_HOST_WRITE_ONLY, &f, &d2, NULL, CL_INVALID_VALUE);
	CREATE_ERR(CL_MEM_USE_HOST_PTR | CL_MEM_COPY_HOST_PTR, &f, &d2, host, CL_INVALID_VALUE);
	CREATE_ERR(CL_MEM_USE_HOST_PTR | CL_MEM_ALLOC_HOST_PTR, &f, &d2, host, CL_INVALID_VALUE);
	CREATE_ERR(CL_MEM_KERNEL_READ_AND_WRITE, &f, &d2, NULL, CL_INVALID_VALUE);
	CREATE_ERR(CL_MEM_SVM_FINE_GRAIN_BUFFER, &f, &d2, NULL, CL_INVALID_VALUE);
	/* Flags before the format. */
	CREATE_ERR((cl_mem_flags)1 << 40, NULL, NULL, NULL, CL_INVALID_VALUE);

	/* CL_INVALID_IMAGE_FORMAT_DESCRIPTOR. */
	CREATE_ERR(0, NULL, &d2, NULL, CL_INVALID_IMAGE_FORMAT_DESCRIPTOR);
	CREATE_ERR(0, NULL, NULL, NULL, CL_INVALID_IMAGE_FORMAT_DESCRIPTOR);
	cl_image_format badf[] = {
		{0x4242, CL_UNORM_INT8}, {CL_RGBA, 0x4242}, {CL_RGB, CL_UNORM_INT8}, {CL_RGBA, CL_UNORM_SHORT_565},
		{CL_BGRA, CL_FLOAT}, {CL_INTENSITY, CL_UNSIGNED_INT8}, {CL_sRGBA, CL_FLOAT}, {0, 0},
	};
	for (size_t i = 0; i < sizeof badf / sizeof *badf; i++)
		CREATE_ERR(0, &badf[i], &d2, NULL, CL_INVALID_IMAGE_FORMAT_DESCRIPTOR);
	m = clCreateImage2D(t.context, 0, NULL, 8, 8, 0, NULL, &err);
	CHECK_ERR(err, CL_INVALID_IMAGE_FORMAT_DESCRIPTOR);
	m = clCreateImage3D(t.context, 0, &badf[2], 8, 8, 8, 0, 0, NULL, &err);
	CHECK_ERR(err, CL_INVALID_IMAGE_FORMAT_DESCRIPTOR);
	/* The format before the descriptor. */
	CREATE_ERR(0, &badf[0], NULL, NULL, CL_INVALID_IMAGE_FORMAT_DESCRIPTOR);

	/* CL_INVALID_IMAGE_DESCRIPTOR. */
	CREATE_ERR(0, &f, NULL, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	cl_image_desc d = desc_of(CL_MEM_OBJECT_BUFFER, 8, 8, 0, 0);
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	d = desc_of(0x4242, 8, 8, 0, 0);
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	for (int i = 0; i < NTYPES; i++) {
		d = desc_of(types[i], 0, 8, 8, 8);
		CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	}
	d = desc_of(CL_MEM_OBJECT_IMAGE2D, 8, 0, 8, 8);
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	d = desc_of(CL_MEM_OBJECT_IMAGE2D_ARRAY, 8, 0, 8, 8);
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	d = desc_of(CL_MEM_OBJECT_IMAGE2D_ARRAY, 8, 8, 8, 0);
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	d = desc_of(CL_MEM_OBJECT_IMAGE1D_ARRAY, 8, 8, 8, 0);
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	d = desc_of(CL_MEM_OBJECT_IMAGE3D, 8, 8, 0, 8);
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	d = desc_of(CL_MEM_OBJECT_IMAGE3D, 8, 0, 8, 8);
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	/* Sizes that the type does not use are ignored. */
	d = desc_of(CL_MEM_OBJECT_IMAGE1D, 8, 0, 0, 0);
	m = make(0, CL_RGBA, CL_UNORM_INT8, &d, NULL, &err);
	CHECK_OK(err);
	clReleaseMemObject(m);
	d = desc_of(CL_MEM_OBJECT_IMAGE2D, 8, 8, 0, 0);
	d.image_depth = 99, d.image_array_size = 99;
	m = make(0, CL_RGBA, CL_UNORM_INT8, &d, NULL, &err);
	CHECK_OK(err);
	CHECK(isize(m, CL_IMAGE_DEPTH) == 0 && isize(m, CL_IMAGE_ARRAY_SIZE) == 0);
	clReleaseMemObject(m);
	/* Mipmaps and multi-sampling. */
	d = d2, d.num_mip_levels = 2;
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	d = d2, d.num_mip_levels = 1;
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	d = d2, d.num_samples = 4;
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	/* Pitches. */
	d = d2, d.image_row_pitch = 32;
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	d = d2, d.image_slice_pitch = 256;
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	d = d2, d.image_row_pitch = 28; /* < 8 x 4 */
	CREATE_ERR(CL_MEM_USE_HOST_PTR, &f, &d, host, CL_INVALID_IMAGE_DESCRIPTOR);
	d = d2, d.image_row_pitch = 34; /* not a multiple of 4 */
	CREATE_ERR(CL_MEM_COPY_HOST_PTR, &f, &d, host, CL_INVALID_IMAGE_DESCRIPTOR);
	d = desc_of(CL_MEM_OBJECT_IMAGE3D, 8, 8, 2, 0);
	d.image_slice_pitch = 32 * 7;
	CREATE_ERR(CL_MEM_USE_HOST_PTR, &f, &d, host, CL_INVALID_IMAGE_DESCRIPTOR);
	d.image_row_pitch = 64, d.image_slice_pitch = 64 * 8 + 32; /* not a multiple of the row pitch */
	CREATE_ERR(CL_MEM_USE_HOST_PTR, &f, &d, host, CL_INVALID_IMAGE_DESCRIPTOR);
	d = desc_of(CL_MEM_OBJECT_IMAGE1D_ARRAY, 8, 0, 0, 4);
	d.image_slice_pitch = 16;
	CREATE_ERR(CL_MEM_USE_HOST_PTR, &f, &d, host, CL_INVALID_IMAGE_DESCRIPTOR);
	/* 1D image buffers need a buffer, a valid one, big enough. */
	cl_mem buf = buffer(CL_MEM_READ_ONLY | CL_MEM_HOST_WRITE_ONLY, 256, NULL);
	cl_mem dead_buf = buffer(CL_MEM_READ_WRITE, 256, NULL);
	CHECK_OK(clReleaseMemObject(dead_buf));
	cl_mem img = image2d(0, CL_RGBA, CL_UNORM_INT8, 8, 8);
	d = desc_of(CL_MEM_OBJECT_IMAGE1D_BUFFER, 8, 0, 0, 0);
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	cl_mem badbufs[] = {GARBAGE, dead_buf, (cl_mem)t.queue, img};
	for (int i = 0; i < 4; i++) {
		d.buffer = badbufs[i];
		CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	}
	d.buffer = buf, d.image_width = 65;
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	/* A buffer for other image types than 1D image buffers and 2D images
	 * (cl_khr_image2d_from_buffer) is an invalid descriptor. */
	for (int i = 0; i < NTYPES; i++) {
		if (types[i] == CL_MEM_OBJECT_IMAGE1D_BUFFER || types[i] == CL_MEM_OBJECT_IMAGE2D) continue;
		d = desc_of(types[i], 4, 4, 2, 2);
		d.buffer = buf;
		CREATE_ERR(CL_MEM_READ_ONLY, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
	}
	/* A 2D image from a buffer shares the buffer's storage, with its pitch. */
	{
		cl_uint pitch_align = 0;
		CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_IMAGE_PITCH_ALIGNMENT, sizeof pitch_align, &pitch_align, NULL));
		CHECK(pitch_align >= 1);
		d = desc_of(CL_MEM_OBJECT_IMAGE2D, 4, 4, 1, 1);
		d.image_row_pitch = 8 * 4; /* 8 pixels of RGBA8 per row */
		cl_mem b2d = buffer(CL_MEM_READ_WRITE, 256, NULL);
		d.buffer = b2d;
		cl_int e2;
		cl_mem img2 = clCreateImage(t.context, 0, &f, &d, NULL, &e2);
		CHECK_OK(e2);
		if (img2) {
			unsigned char row1[16];
			for (int k = 0; k < 16; k++) row1[k] = (unsigned char)(0x40 + k);
			CHECK_OK(clEnqueueWriteBuffer(t.queue, b2d, CL_TRUE, 32, 16, row1, 0, NULL, NULL));
			size_t o[3] = {1, 1, 0}, r[3] = {1, 1, 1};
			unsigned char px[4] = {0};
			CHECK_OK(clEnqueueReadImage(t.queue, img2, CL_TRUE, o, r, 0, 0, px, 0, NULL, NULL));
			CHECK(px[0] == 0x44 && px[3] == 0x47);
			size_t rp = 0;
			CHECK_OK(clGetImageInfo(img2, CL_IMAGE_ROW_PITCH, sizeof rp, &rp, NULL));
			CHECK(rp == 32);
			cl_mem assoc = NULL;
			CHECK_OK(clGetMemObjectInfo(img2, CL_MEM_ASSOCIATED_MEMOBJECT, sizeof assoc, &assoc, NULL));
			CHECK(assoc == b2d);
			clReleaseMemObject(img2);
		}
		d.image_row_pitch = 8 * 4 + 1; /* not a multiple of the pitch alignment */
		CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);
		clReleaseMemObject(b2d);
	}

	/* CL_INVALID_IMAGE_SIZE. */
	struct { cl_mem_object_type ty; size_t w, h, d, l; } big[] = {
		{CL_MEM_OBJECT_IMAGE1D, 16385, 1, 1, 1},
		{CL_MEM_OBJECT_IMAGE1D_ARRAY, 16385, 1, 1, 1},
		{CL_MEM_OBJECT_IMAGE1D_ARRAY, 16, 1, 1, 2049},
		{CL_MEM_OBJECT_IMAGE2D, 16385, 1, 1, 1},
		{CL_MEM_OBJECT_IMAGE2D, 1, 16385, 1, 1},
		{CL_MEM_OBJECT_IMAGE2D_ARRAY, 1, 16385, 1, 1},
		{CL_MEM_OBJECT_IMAGE2D_ARRAY, 1, 1, 1, 2049},
		{CL_MEM_OBJECT_IMAGE3D, 2049, 1, 1, 1},
		{CL_MEM_OBJECT_IMAGE3D, 1, 2049, 1, 1},
		{CL_MEM_OBJECT_IMAGE3D, 1, 1, 2049, 1},
		{CL_MEM_OBJECT_IMAGE2D, SIZE_MAX, SIZE_MAX, 1, 1},
	};
	for (size_t i = 0; i < sizeof big / sizeof *big; i++) {
		d = desc_of(big[i].ty, big[i].w, big[i].h, big[i].d, big[i].l);
		CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_SIZE);
	}
	size_t maxbuf = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_IMAGE_MAX_BUFFER_SIZE, sizeof maxbuf, &maxbuf, NULL));
	/* (A buffer big enough: storage is allocated on first use.) */
	cl_mem huge = buffer(CL_MEM_READ_WRITE, maxbuf + 1, NULL);
	cl_image_desc dh = desc_of(CL_MEM_OBJECT_IMAGE1D_BUFFER, maxbuf + 1, 0, 0, 0);
	dh.buffer = huge;
	cl_image_format r8 = {CL_R, CL_UNORM_INT8};
	CREATE_ERR(0, &r8, &dh, NULL, CL_INVALID_IMAGE_SIZE);
	dh.image_width = maxbuf;
	m = clCreateImage(t.context, 0, &r8, &dh, NULL, &err);
	CHECK_OK(err);
	clReleaseMemObject(m);
	clReleaseMemObject(huge);
	/* The size limit before the host pointer. */
	d = desc_of(CL_MEM_OBJECT_IMAGE2D, 16385, 1, 0, 0);
	CREATE_ERR(CL_MEM_USE_HOST_PTR, &f, &d, NULL, CL_INVALID_IMAGE_SIZE);
	/* The deprecated entry points report bad sizes and pitches as CL_INVALID_IMAGE_SIZE. */
	m = clCreateImage2D(t.context, 0, &f, 0, 8, 0, NULL, &err);
	CHECK_ERR(err, CL_INVALID_IMAGE_SIZE);
	m = clCreateImage2D(t.context, 0, &f, 8, 0, 0, NULL, &err);
	CHECK_ERR(err, CL_INVALID_IMAGE_SIZE);
	m = clCreateImage2D(t.context, 0, &f, 16385, 8, 0, NULL, &err);
	CHECK_ERR(err, CL_INVALID_IMAGE_SIZE);
	m = clCreateImage2D(t.context, 0, &f, 8, 8, 32, NULL, &err);
	CHECK_ERR(err, CL_INVALID_IMAGE_SIZE);
	m = clCreateImage2D(t.context, CL_MEM_USE_HOST_PTR, &f, 8, 8, 30, host, &err);
	CHECK_ERR(err, CL_INVALID_IMAGE_SIZE);
	m = clCreateImage3D(t.context, 0, &f, 8, 8, 1, 0, 0, NULL, &err);
	CHECK_ERR(err, CL_INVALID_IMAGE_SIZE);
	m = clCreateImage3D(t.context, 0, &f, 8, 8, 0, 0, 0, NULL, &err);
	CHECK_ERR(err, CL_INVALID_IMAGE_SIZE);
	m = clCreateImage3D(t.context, 0, &f, 8, 8, 2049, 0, 0, NULL, &err);
	CHECK_ERR(err, CL_INVALID_IMAGE_SIZE);
	m = clCreateImage3D(t.context, CL_MEM_USE_HOST_PTR, &f, 8, 8, 2, 32, 100, host, &err);
	CHECK_ERR(err, CL_INVALID_IMAGE_SIZE);
	m = clCreateImage3D(t.context, 0, &f, 8, 8, 2, 0, 256, NULL, &err);
	CHECK_ERR(err, CL_INVALID_IMAGE_SIZE);

	/* CL_INVALID_HOST_PTR. */
	CREATE_ERR(CL_MEM_USE_HOST_PTR, &f, &d2, NULL, CL_INVALID_HOST_PTR);
	CREATE_ERR(CL_MEM_COPY_HOST_PTR, &f, &d2, NULL, CL_INVALID_HOST_PTR);
	CREATE_ERR(0, &f, &d2, host, CL_INVALID_HOST_PTR);
	CREATE_ERR(CL_MEM_ALLOC_HOST_PTR, &f, &d2, host, CL_INVALID_HOST_PTR);
	m = clCreateImage2D(t.context, CL_MEM_USE_HOST_PTR, &f, 8, 8, 0, NULL, &err);
	CHECK_ERR(err, CL_INVALID_HOST_PTR);
	d = desc_of(CL_MEM_OBJECT_IMAGE1D_BUFFER, 8, 0, 0, 0);
	d.buffer = buf;
	CREATE_ERR(0, &f, &d, host, CL_INVALID_HOST_PTR);

	/* CL_INVALID_VALUE: a 1D image buffer's flags against its buffer's. */
	cl_mem_flags badflags[] = {CL_MEM_READ_WRITE, CL_MEM_WRITE_ONLY, CL_MEM_HOST_READ_ONLY, CL_MEM_HOST_NO_ACCESS | CL_MEM_HOST_READ_ONLY,
		CL_MEM_ALLOC_HOST_PTR};
	for (size_t i = 0; i < sizeof badflags / sizeof *badflags; i++)
		CREATE_ERR(badflags[i], &f, &d, NULL, CL_INVALID_VALUE);
	CREATE_ERR(CL_MEM_USE_HOST_PTR, &f, &d, host, CL_INVALID_VALUE);
	/* Narrower flags are fine, and the others are inherited. */
	m = make(CL_MEM_HOST_NO_ACCESS, CL_RGBA, CL_UNORM_INT8, &d, NULL, &err);
	CHECK_OK(err);
	cl_mem_flags mf = 0;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_FLAGS, sizeof mf, &mf, NULL));
	CHECK(mf == (CL_MEM_READ_ONLY | CL_MEM_HOST_NO_ACCESS));
	clReleaseMemObject(m);
	m = make(0, CL_RGBA, CL_UNORM_INT8, &d, NULL, &err);
	CHECK_OK(err);
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_FLAGS, sizeof mf, &mf, NULL));
	CHECK(mf == (CL_MEM_READ_ONLY | CL_MEM_HOST_WRITE_ONLY));
	clReleaseMemObject(m);

	/* CL_IMAGE_FORMAT_NOT_SUPPORTED: valid formats the device lacks, and
	 * sRGBA for writing. */
	cl_image_format unsup[] = {{CL_A, CL_UNORM_INT8}, {CL_RGB, CL_UNORM_SHORT_565}, {CL_ARGB, CL_UNORM_INT8},
		{CL_INTENSITY, CL_FLOAT}, {CL_RGBA, CL_UNORM_INT_101010_2}, {CL_DEPTH, CL_UNORM_INT24}};
	for (size_t i = 0; i < sizeof unsup / sizeof *unsup; i++)
		CREATE_ERR(0, &unsup[i], &d2, NULL, CL_IMAGE_FORMAT_NOT_SUPPORTED);
	cl_image_format srgba = {CL_sRGBA, CL_UNORM_INT8};
	CREATE_ERR(0, &srgba, &d2, NULL, CL_IMAGE_FORMAT_NOT_SUPPORTED);
	CREATE_ERR(CL_MEM_WRITE_ONLY, &srgba, &d2, NULL, CL_IMAGE_FORMAT_NOT_SUPPORTED);
	m = clCreateImage(t.context, CL_MEM_READ_ONLY, &srgba, &d2, NULL, &err);
	CHECK_OK(err);
	clReleaseMemObject(m);
	m = clCreateImage2D(t.context, 0, &unsup[0], 8, 8, 0, NULL, &err);
	CHECK_ERR(err, CL_IMAGE_FORMAT_NOT_SUPPORTED);

	/* A 2D image made from a 2D image: a view of the same pixels. */
	d = d2;
	d.mem_object = img;
	m = make(0, CL_RGBA, CL_UNORM_INT8, &d, NULL, &err);
	CHECK_OK(err);
	if (m) {
		cl_mem a = NULL;
		CHECK_OK(clGetMemObjectInfo(m, CL_MEM_ASSOCIATED_MEMOBJECT, sizeof a, &a, NULL));
		CHECK(a == img);
		unsigned px = 0x11223344, got = 0;
		size_t o[3] = {2, 3, 0}, r[3] = {1, 1, 1};
		CHECK_OK(clEnqueueWriteImage(t.queue, img, CL_TRUE, o, r, 0, 0, &px, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadImage(t.queue, m, CL_TRUE, o, r, 0, 0, &got, 0, NULL, NULL));
		CHECK(got == px);
		clReleaseMemObject(m);
	}
	cl_image_format f16 = {CL_RGBA, CL_UNORM_INT16}, fr = {CL_R, CL_UNORM_INT8};
	CREATE_ERR(0, &f16, &d, NULL, CL_INVALID_IMAGE_FORMAT_DESCRIPTOR);
	CREATE_ERR(0, &fr, &d, NULL, CL_INVALID_IMAGE_FORMAT_DESCRIPTOR);
	d.image_width = 4;
	CREATE_ERR(0, &f, &d, NULL, CL_INVALID_IMAGE_DESCRIPTOR);

	clReleaseMemObject(img);
	clReleaseMemObject(buf);
#undef CREATE_ERR
}

/* ---- read and write ---- */

/* The coordinate extent of an image: layers of a 1D array along y, of a 2D
 * array along z. */
static void extent(cl_mem_object_type ty, size_t w, size_t h, size_t dd, size_t l, size_t ex[3]) {
	ex[0] = w, ex[1] = 1, ex[2] = 1;
	switch (ty) {
	case CL_MEM_OBJECT_IMAGE1D_ARRAY: ex[1] = l; break;
	case CL_MEM_OBJECT_IMAGE2D: ex[1] = h; break;
	case CL_MEM_OBJECT_IMAGE2D_ARRAY: ex[1] = h, ex[2] = l; break;
	case CL_MEM_OBJECT_IMAGE3D: ex[1] = h, ex[2] = dd; break;
	}
}

static unsigned pixel_value(size_t x, size_t y, size_t z) { return (unsigned)(x + 100 * y + 10000 * z + 7); }

static int has_slices(cl_mem_object_type ty) {
	return ty == CL_MEM_OBJECT_IMAGE1D_ARRAY || ty == CL_MEM_OBJECT_IMAGE2D_ARRAY || ty == CL_MEM_OBJECT_IMAGE3D;
}

/* Writes a whole image of CL_R / CL_UNSIGNED_INT32 pixels from host memory
 * with padded pitches, then reads boxes back with other pitches. */
static void roundtrip(cl_mem_object_type ty) {
	const size_t W = 11, H = 6, D = 4, L = 3;
	size_t ex[3];
	extent(ty, W, H, D, L, ex);
	cl_int err;
	cl_image_desc d = desc_of(ty, W, H, D, L);
	cl_mem buf = NULL;
	if (ty == CL_MEM_OBJECT_IMAGE1D_BUFFER) {
		buf = buffer(CL_MEM_READ_WRITE, W * 4, NULL);
		d.buffer = buf;
	}
	cl_mem m = make(0, CL_R, CL_UNSIGNED_INT32, &d, NULL, &err);
	CHECK_OK(err);
	if (!m) return;
	/* Host layout: rows of (W + 3) pixels; "slices" (layers of a 1D array
	 * too) of (ex[1] + 1) rows. */
	size_t row = (W + 3) * 4, slice = row * (ex[1] + 1);
	if (ty == CL_MEM_OBJECT_IMAGE1D_ARRAY) slice = row + 8;
	unsigned *host = calloc(1, slice * ex[2] * (ty == CL_MEM_OBJECT_IMAGE1D_ARRAY ? ex[1] : 1) + slice * 4);
	for (size_t z = 0; z < ex[2]; z++)
		for (size_t y = 0; y < ex[1]; y++)
			for (size_t x = 0; x < ex[0]; x++) {
				size_t off = ty == CL_MEM_OBJECT_IMAGE1D_ARRAY ? y * slice + x * 4 : z * slice + y * row + x * 4;
				*(unsigned *)((char *)host + off) = pixel_value(x, y, z);
			}
	size_t origin[3] = {0, 0, 0};
	CHECK_OK(clEnqueueWriteImage(t.queue, m, CL_TRUE, origin, ex, row, has_slices(ty) ? slice : 0, host, 0, NULL, NULL));
	/* A box at an offset, tightly packed. */
	size_t o[3] = {2, ex[1] > 1 ? 1 : 0, ex[2] > 1 ? 1 : 0};
	size_t r[3] = {ex[0] - 3, ex[1] > 1 ? ex[1] - 1 : 1, ex[2] > 1 ? ex[2] - 1 : 1};
	unsigned *out = calloc(r[0] * r[1] * r[2], 4);
	CHECK_OK(clEnqueueReadImage(t.queue, m, CL_TRUE, o, r, 0, 0, out, 0, NULL, NULL));
	int bad = 0;
	for (size_t z = 0; z < r[2]; z++)
		for (size_t y = 0; y < r[1]; y++)
			for (size_t x = 0; x < r[0]; x++)
				bad += out[(z * r[1] + y) * r[0] + x] != pixel_value(o[0] + x, o[1] + y, o[2] + z);
	CHECK(bad == 0);
	/* The same box with padded pitches. */
	size_t orow = r[0] * 4 + 12, oslice = has_slices(ty) ? (ty == CL_MEM_OBJECT_IMAGE1D_ARRAY ? orow + 4 : orow * r[1] + 20) : 0;
	size_t osize = has_slices(ty) ? oslice * (ty == CL_MEM_OBJECT_IMAGE1D_ARRAY ? r[1] : r[2]) : orow * r[1];
	unsigned char *out2 = malloc(osize);
	memset(out2, 0xee, osize);
	CHECK_OK(clEnqueueReadImage(t.queue, m, CL_TRUE, o, r, orow, oslice, out2, 0, NULL, NULL));
	bad = 0;
	for (size_t z = 0; z < r[2]; z++)
		for (size_t y = 0; y < r[1]; y++)
			for (size_t x = 0; x < r[0]; x++) {
				size_t off = ty == CL_MEM_OBJECT_IMAGE1D_ARRAY ? y * oslice + x * 4 : z * oslice + y * orow + x * 4;
				bad += *(unsigned *)(out2 + off) != pixel_value(o[0] + x, o[1] + y, o[2] + z);
			}
	CHECK(bad == 0);
	CHECK(out2[r[0] * 4] == 0xee); /* padding untouched */
	/* Write one pixel in the middle, non-blocking, then read everything. */
	unsigned one = 0xdeadbeef;
	size_t po[3] = {ex[0] - 1, ex[1] - 1, ex[2] - 1}, pr[3] = {1, 1, 1};
	cl_event ev;
	CHECK_OK(clEnqueueWriteImage(t.queue, m, CL_FALSE, po, pr, 0, 0, &one, 0, NULL, &ev));
	cl_command_type ct = 0;
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_WRITE_IMAGE);
	CHECK_OK(clWaitForEvents(1, &ev));
	clReleaseEvent(ev);
	unsigned *all = calloc(ex[0] * ex[1] * ex[2], 4);
	CHECK_OK(clEnqueueReadImage(t.queue, m, CL_FALSE, origin, ex, 0, 0, all, 0, NULL, &ev));
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_READ_IMAGE);
	CHECK_OK(clWaitForEvents(1, &ev));
	clReleaseEvent(ev);
	bad = 0;
	for (size_t z = 0; z < ex[2]; z++)
		for (size_t y = 0; y < ex[1]; y++)
			for (size_t x = 0; x < ex[0]; x++) {
				unsigned want = (x == po[0] && y == po[1] && z == po[2]) ? one : pixel_value(x, y, z);
				bad += all[(z * ex[1] + y) * ex[0] + x] != want;
			}
	CHECK(bad == 0);
	if (buf) {
		/* The 1D image buffer's pixels are the buffer's bytes. */
		unsigned b[W];
		CHECK_OK(clEnqueueReadBuffer(t.queue, buf, CL_TRUE, 0, sizeof b, b, 0, NULL, NULL));
		CHECK(b[0] == pixel_value(0, 0, 0) && b[W - 1] == one);
		clReleaseMemObject(buf);
	}
	free(host), free(out), free(out2), free(all);
	clReleaseMemObject(m);
}

static void test_read_write(void) {
	for (int i = 0; i < NTYPES; i++) roundtrip(types[i]);

	/* USE_HOST_PTR with a row pitch: the image is the application's memory. */
	cl_int err;
	enum { W = 5, H = 4, ROW = 32 };
	unsigned char host[ROW * H];
	for (size_t i = 0; i < sizeof host; i++) host[i] = (unsigned char)i;
	cl_image_desc d = desc_of(CL_MEM_OBJECT_IMAGE2D, W, H, 0, 0);
	d.image_row_pitch = ROW;
	cl_mem m = make(CL_MEM_USE_HOST_PTR, CL_RGBA, CL_UNSIGNED_INT8, &d, host, &err);
	CHECK_OK(err);
	size_t o[3] = {1, 2, 0}, r[3] = {2, 2, 1};
	unsigned char out[16];
	CHECK_OK(clEnqueueReadImage(t.queue, m, CL_TRUE, o, r, 0, 0, out, 0, NULL, NULL));
	unsigned char want[16];
	for (int y = 0; y < 2; y++)
		for (int b = 0; b < 8; b++) want[y * 8 + b] = (unsigned char)((2 + y) * ROW + 4 + b);
	CHECK(memcmp(out, want, 16) == 0);
	unsigned char px[4] = {0xa1, 0xa2, 0xa3, 0xa4};
	size_t po[3] = {4, 3, 0}, pr[3] = {1, 1, 1};
	CHECK_OK(clEnqueueWriteImage(t.queue, m, CL_TRUE, po, pr, 0, 0, px, 0, NULL, NULL));
	CHECK(memcmp(host + 3 * ROW + 16, px, 4) == 0);
	CHECK(host[3 * ROW + 20] == (unsigned char)(3 * ROW + 20)); /* the padding is untouched */
	/* Reading into host_ptr itself at the origin's address, with the image's pitches. */
	CHECK_OK(clEnqueueReadImage(t.queue, m, CL_TRUE, o, r, ROW, 0, host + 2 * ROW + 4, 0, NULL, NULL));
	CHECK(host[2 * ROW + 4] == (unsigned char)(2 * ROW + 4));
	clReleaseMemObject(m);

	/* COPY_HOST_PTR with pitches: a copy, the host memory is not used again. */
	enum { W3 = 3, H3 = 2, D3 = 2, ROW3 = 16, SLICE3 = 48 };
	unsigned char h3[SLICE3 * D3];
	for (size_t i = 0; i < sizeof h3; i++) h3[i] = (unsigned char)(i * 3);
	d = desc_of(CL_MEM_OBJECT_IMAGE3D, W3, H3, D3, 0);
	d.image_row_pitch = ROW3, d.image_slice_pitch = SLICE3;
	m = make(CL_MEM_COPY_HOST_PTR, CL_RG, CL_UNSIGNED_INT16, &d, h3, &err);
	CHECK_OK(err);
	memset(h3, 0, sizeof h3);
	size_t all[3] = {W3, H3, D3}, zero[3] = {0, 0, 0};
	unsigned char o3[W3 * 4 * H3 * D3];
	CHECK_OK(clEnqueueReadImage(t.queue, m, CL_TRUE, zero, all, 0, 0, o3, 0, NULL, NULL));
	int bad = 0;
	for (int z = 0; z < D3; z++)
		for (int y = 0; y < H3; y++)
			for (int b = 0; b < W3 * 4; b++)
				bad += o3[(z * H3 + y) * W3 * 4 + b] != (unsigned char)((z * SLICE3 + y * ROW3 + b) * 3);
	CHECK(bad == 0);
	clReleaseMemObject(m);
}

static void test_transfer_errors(void) {
	cl_int err;
	cl_mem img = image2d(0, CL_RGBA, CL_UNORM_INT8, 8, 8);
	cl_image_desc d1 = desc_of(CL_MEM_OBJECT_IMAGE1D, 8, 0, 0, 0);
	cl_mem img1 = make(0, CL_RGBA, CL_UNORM_INT8, &d1, NULL, &err);
	REQUIRE_OK(err);
	cl_image_desc da = desc_of(CL_MEM_OBJECT_IMAGE1D_ARRAY, 8, 0, 0, 4);
	cl_mem arr1 = make(0, CL_RGBA, CL_UNORM_INT8, &da, NULL, &err);
	REQUIRE_OK(err);
	cl_image_desc d3 = desc_of(CL_MEM_OBJECT_IMAGE3D, 8, 8, 4, 0);
	cl_mem img3 = make(0, CL_RGBA, CL_UNORM_INT8, &d3, NULL, &err);
	REQUIRE_OK(err);
	cl_mem buf = buffer(CL_MEM_READ_WRITE, 1024, NULL);
	static unsigned char host[8 * 8 * 4 * 4 * 2];
	size_t o[3] = {0, 0, 0}, r[3] = {8, 8, 1};
	/* Both directions. */
	for (int w = 0; w < 2; w++) {
#define XFER(q, m, org, reg, rp, sp, p, n, l, e) \
	(w ? clEnqueueWriteImage(q, m, CL_TRUE, org, reg, rp, sp, p, n, l, e) : clEnqueueReadImage(q, m, CL_TRUE, org, reg, rp, sp, p, n, l, e))
		cl_command_queue dead_q = clCreateCommandQueueWithProperties(t.context, t.device, NULL, &err);
		clReleaseCommandQueue(dead_q);
		cl_command_queue badq[] = {NULL, GARBAGE, dead_q, (cl_command_queue)img};
		for (int i = 0; i < 4; i++)
			CHECK_ERR(XFER(badq[i], img, o, r, 0, 0, host, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		cl_mem dead = image2d(0, CL_RGBA, CL_UNORM_INT8, 8, 8);
		clReleaseMemObject(dead);
		cl_mem badm[] = {NULL, GARBAGE, dead, (cl_mem)t.queue, buf};
		for (int i = 0; i < 5; i++)
			CHECK_ERR(XFER(t.queue, badm[i], o, r, 0, 0, host, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(XFER(t.queue, img, NULL, r, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(XFER(t.queue, img, o, NULL, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		size_t rz[3] = {0, 8, 1}, r9[3] = {9, 8, 1}, r2[3] = {8, 8, 2}, o1[3] = {1, 0, 0}, oz[3] = {0, 0, 1}, oy[3] = {0, 1, 0};
		size_t ry[3] = {8, 2, 1}, rbig[3] = {SIZE_MAX, 1, 1}, obig[3] = {SIZE_MAX, 0, 0};
		CHECK_ERR(XFER(t.queue, img, o, rz, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(XFER(t.queue, img, o, r9, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(XFER(t.queue, img, o1, r, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(XFER(t.queue, img, o, r2, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(XFER(t.queue, img, oz, r, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(XFER(t.queue, img, o, rbig, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(XFER(t.queue, img, obig, rbig, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		size_t r1[3] = {8, 1, 1};
		CHECK_ERR(XFER(t.queue, img1, oy, r1, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(XFER(t.queue, img1, o, ry, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(XFER(t.queue, arr1, oz, r1, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		size_t r5[3] = {8, 5, 1};
		CHECK_ERR(XFER(t.queue, arr1, o, r5, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		size_t r35[3] = {8, 8, 5};
		CHECK_ERR(XFER(t.queue, img3, o, r35, 0, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		/* Pitches: a slice pitch for 1D and 2D images, pitches too small. */
		CHECK_ERR(XFER(t.queue, img, o, r, 0, 256, host, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(XFER(t.queue, img1, o, r1, 0, 32, host, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(XFER(t.queue, img, o, r, 31, 0, host, 0, NULL, NULL), CL_INVALID_VALUE);
		size_t r3[3] = {8, 8, 2};
		CHECK_ERR(XFER(t.queue, img3, o, r3, 0, 255, host, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(XFER(t.queue, img3, o, r3, 40, 319, host, 0, NULL, NULL), CL_INVALID_VALUE);
		size_t ra[3] = {8, 2, 1};
		CHECK_ERR(XFER(t.queue, arr1, o, ra, 0, 31, host, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_OK(XFER(t.queue, arr1, o, ra, 0, 40, host, 0, NULL, NULL));
		CHECK_OK(XFER(t.queue, img3, o, r3, 40, 320, host, 0, NULL, NULL));
		CHECK_ERR(XFER(t.queue, img, o, r, 0, 0, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
		/* Wait lists. */
		cl_event dead_ev = clCreateUserEvent(t.context, &err);
		clSetUserEventStatus(dead_ev, CL_COMPLETE);
		clReleaseEvent(dead_ev);
		CHECK_ERR(XFER(t.queue, img, o, r, 0, 0, host, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
		cl_event evs[] = {GARBAGE};
		CHECK_ERR(XFER(t.queue, img, o, r, 0, 0, host, 0, evs, NULL), CL_INVALID_EVENT_WAIT_LIST);
		CHECK_ERR(XFER(t.queue, img, o, r, 0, 0, host, 1, evs, NULL), CL_INVALID_EVENT_WAIT_LIST);
		evs[0] = dead_ev;
		CHECK_ERR(XFER(t.queue, img, o, r, 0, 0, host, 1, evs, NULL), CL_INVALID_EVENT_WAIT_LIST);
		/* A blocking transfer after a failed event. */
		cl_event ue = clCreateUserEvent(t.context, &err);
		CHECK_OK(clSetUserEventStatus(ue, -42));
		CHECK_ERR(XFER(t.queue, img, o, r, 0, 0, host, 1, &ue, NULL), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
		clReleaseEvent(ue);
#undef XFER
	}
	/* Host access flags. */
	cl_mem ro = image2d(CL_MEM_HOST_READ_ONLY, CL_RGBA, CL_UNORM_INT8, 8, 8);
	cl_mem wo = image2d(CL_MEM_HOST_WRITE_ONLY, CL_RGBA, CL_UNORM_INT8, 8, 8);
	cl_mem na = image2d(CL_MEM_HOST_NO_ACCESS, CL_RGBA, CL_UNORM_INT8, 8, 8);
	CHECK_OK(clEnqueueReadImage(t.queue, ro, CL_TRUE, o, r, 0, 0, host, 0, NULL, NULL));
	CHECK_ERR(clEnqueueWriteImage(t.queue, ro, CL_TRUE, o, r, 0, 0, host, 0, NULL, NULL), CL_INVALID_OPERATION);
	CHECK_OK(clEnqueueWriteImage(t.queue, wo, CL_TRUE, o, r, 0, 0, host, 0, NULL, NULL));
	CHECK_ERR(clEnqueueReadImage(t.queue, wo, CL_TRUE, o, r, 0, 0, host, 0, NULL, NULL), CL_INVALID_OPERATION);
	CHECK_ERR(clEnqueueReadImage(t.queue, na, CL_TRUE, o, r, 0, 0, host, 0, NULL, NULL), CL_INVALID_OPERATION);
	CHECK_ERR(clEnqueueWriteImage(t.queue, na, CL_TRUE, o, r, 0, 0, host, 0, NULL, NULL), CL_INVALID_OPERATION);
	/* Fill and copies ignore the host access flags. */
	float color[4] = {1, 0, 0, 1};
	CHECK_OK(clEnqueueFillImage(t.queue, na, color, o, r, 0, NULL, NULL));
	CHECK_OK(clEnqueueCopyImage(t.queue, na, ro, o, o, r, 0, NULL, NULL));
	/* Another context. */
	cl_context c2 = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	cl_command_queue q2 = clCreateCommandQueueWithProperties(c2, t.device, NULL, &err);
	CHECK_ERR(clEnqueueReadImage(q2, img, CL_TRUE, o, r, 0, 0, host, 0, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueWriteImage(q2, img, CL_TRUE, o, r, 0, 0, host, 0, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueFillImage(q2, img, color, o, r, 0, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueCopyImage(q2, img, img, o, o, r, 0, NULL, NULL), CL_INVALID_CONTEXT);
	cl_event e2 = clCreateUserEvent(c2, &err);
	CHECK_ERR(clEnqueueReadImage(t.queue, img, CL_TRUE, o, r, 0, 0, host, 1, &e2, NULL), CL_INVALID_CONTEXT);
	/* The wait list's context is checked before the other arguments. */
	size_t rbad[3] = {9, 9, 9};
	CHECK_ERR(clEnqueueWriteImage(t.queue, img, CL_TRUE, o, rbad, 0, 0, NULL, 1, &e2, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueFillImage(t.queue, img, NULL, o, rbad, 1, &e2, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueCopyImage(t.queue, img, img, o, o, rbad, 1, &e2, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueCopyImageToBuffer(t.queue, img, buf, o, rbad, 0, 1, &e2, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueCopyBufferToImage(t.queue, buf, img, 0, o, rbad, 1, &e2, NULL), CL_INVALID_CONTEXT);
	clSetUserEventStatus(e2, CL_COMPLETE);
	clReleaseEvent(e2);
	clReleaseCommandQueue(q2);
	clReleaseContext(c2);
	/* A read waiting for a user event completes after it. */
	cl_event ue = clCreateUserEvent(t.context, &err);
	unsigned px = 0x01020304, got = 0;
	size_t pr[3] = {1, 1, 1};
	CHECK_OK(clEnqueueWriteImage(t.queue, img, CL_TRUE, o, pr, 0, 0, &px, 0, NULL, NULL));
	cl_event rd;
	CHECK_OK(clEnqueueReadImage(t.queue, img, CL_FALSE, o, pr, 0, 0, &got, 1, &ue, &rd));
	cl_int st = 0;
	CHECK_OK(clGetEventInfo(rd, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL));
	CHECK(st > CL_COMPLETE && got == 0);
	CHECK_OK(clSetUserEventStatus(ue, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &rd));
	CHECK(got == px);
	clReleaseEvent(rd);
	clReleaseEvent(ue);
	clReleaseMemObject(ro), clReleaseMemObject(wo), clReleaseMemObject(na);
	clReleaseMemObject(img), clReleaseMemObject(img1), clReleaseMemObject(arr1), clReleaseMemObject(img3);
	clReleaseMemObject(buf);
}

/* ---- copies between images ---- */

static void test_copy(void) {
	cl_int err;
	/* A 2D image into a slice of a 3D image, and back out of it. */
	enum { W = 9, H = 7, D = 3 };
	unsigned src[W * H];
	for (int i = 0; i < W * H; i++) src[i] = pixel_value(i % W, i / W, 0);
	cl_image_desc d = desc_of(CL_MEM_OBJECT_IMAGE2D, W, H, 0, 0);
	cl_mem a = make(CL_MEM_COPY_HOST_PTR, CL_R, CL_UNSIGNED_INT32, &d, src, &err);
	CHECK_OK(err);
	d = desc_of(CL_MEM_OBJECT_IMAGE3D, W, H, D, 0);
	cl_mem b = make(0, CL_R, CL_UNSIGNED_INT32, &d, NULL, &err);
	CHECK_OK(err);
	unsigned zeros[W * H * D];
	memset(zeros, 0, sizeof zeros);
	size_t o0[3] = {0, 0, 0}, all3[3] = {W, H, D};
	CHECK_OK(clEnqueueWriteImage(t.queue, b, CL_TRUE, o0, all3, 0, 0, zeros, 0, NULL, NULL));
	size_t so[3] = {1, 2, 0}, dst[3] = {3, 1, 2}, r[3] = {5, 4, 1};
	cl_event ev;
	CHECK_OK(clEnqueueCopyImage(t.queue, a, b, so, dst, r, 0, NULL, &ev));
	cl_command_type ct = 0;
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_COPY_IMAGE);
	clReleaseEvent(ev);
	unsigned out[W * H * D];
	CHECK_OK(clEnqueueReadImage(t.queue, b, CL_TRUE, o0, all3, 0, 0, out, 0, NULL, NULL));
	int bad = 0;
	for (size_t z = 0; z < D; z++)
		for (size_t y = 0; y < H; y++)
			for (size_t x = 0; x < W; x++) {
				int in = z == 2 && x >= 3 && x < 8 && y >= 1 && y < 5;
				unsigned want = in ? pixel_value(x - 3 + 1, y - 1 + 2, 0) : 0;
				bad += out[(z * H + y) * W + x] != want;
			}
	CHECK(bad == 0);
	/* Within one image, regions that do not overlap. */
	size_t s2[3] = {0, 0, 0}, d2[3] = {4, 3, 0}, r2[3] = {4, 3, 1};
	CHECK_OK(clEnqueueCopyImage(t.queue, a, a, s2, d2, r2, 0, NULL, NULL));
	unsigned out2[W * H];
	size_t all2[3] = {W, H, 1};
	CHECK_OK(clEnqueueReadImage(t.queue, a, CL_TRUE, o0, all2, 0, 0, out2, 0, NULL, NULL));
	bad = 0;
	for (size_t y = 0; y < H; y++)
		for (size_t x = 0; x < W; x++) {
			int in = x >= 4 && x < 8 && y >= 3 && y < 6;
			bad += out2[y * W + x] != (in ? pixel_value(x - 4, y - 3, 0) : pixel_value(x, y, 0));
		}
	CHECK(bad == 0);
	/* A 1D array's layers to a 2D image's rows. */
	d = desc_of(CL_MEM_OBJECT_IMAGE1D_ARRAY, W, 0, 0, H);
	cl_mem arr = make(CL_MEM_COPY_HOST_PTR, CL_R, CL_UNSIGNED_INT32, &d, src, &err);
	CHECK_OK(err);
	size_t ra[3] = {W, H, 1};
	CHECK_OK(clEnqueueCopyImage(t.queue, arr, a, o0, o0, ra, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadImage(t.queue, a, CL_TRUE, o0, all2, 0, 0, out2, 0, NULL, NULL));
	CHECK(memcmp(out2, src, sizeof src) == 0);

	/* Errors. */
	size_t ov[3] = {1, 1, 0};
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, a, s2, ov, r2, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, a, s2, s2, r2, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	cl_mem other = image2d(0, CL_RGBA, CL_UNORM_INT8, W, H);
	cl_mem other2 = image2d(0, CL_R, CL_SIGNED_INT32, W, H);
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, other, o0, o0, r2, 0, NULL, NULL), CL_IMAGE_FORMAT_MISMATCH);
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, other2, o0, o0, r2, 0, NULL, NULL), CL_IMAGE_FORMAT_MISMATCH);
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, b, NULL, o0, r2, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, b, o0, NULL, r2, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, b, o0, o0, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	size_t rbig[3] = {W, H, 2}, r0[3] = {0, 1, 1}, oo[3] = {W - 1, 0, 0};
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, b, o0, o0, rbig, 0, NULL, NULL), CL_INVALID_VALUE); /* region[2] must be 1 with a 2D image */
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, b, o0, o0, r0, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, b, oo, o0, r2, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, b, o0, oo, r2, 0, NULL, NULL), CL_INVALID_VALUE);
	size_t oz[3] = {0, 0, 3};
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, b, o0, oz, r2, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, b, oz, o0, r2, 0, NULL, NULL), CL_INVALID_VALUE);
	cl_mem buf = buffer(CL_MEM_READ_WRITE, 4096, NULL);
	CHECK_ERR(clEnqueueCopyImage(t.queue, buf, b, o0, o0, r2, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, buf, o0, o0, r2, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueCopyImage(t.queue, NULL, b, o0, o0, r2, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, GARBAGE, o0, o0, r2, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueCopyImage(NULL, a, b, o0, o0, r2, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(clEnqueueCopyImage(t.queue, a, b, o0, o0, r2, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	clReleaseMemObject(buf), clReleaseMemObject(other), clReleaseMemObject(other2), clReleaseMemObject(arr);
	clReleaseMemObject(a), clReleaseMemObject(b);
}

/* ---- fill ---- */

struct fillcase {
	cl_channel_order o;
	cl_channel_type ty;
	cl_mem_flags flags;
	union { float f[4]; int i[4]; unsigned u[4]; } color;
	unsigned char want[16];
	size_t elem;
};

static void fill_one(const struct fillcase *c, cl_mem_object_type ty) {
	cl_int err;
	const size_t W = 6, H = 5, D = 3;
	cl_image_desc d = desc_of(ty, W, H, D, 0);
	cl_mem m = make(c->flags, c->o, c->ty, &d, NULL, &err);
	CHECK_OK(err);
	if (!m) return;
	size_t ex[3];
	extent(ty, W, H, D, 0, ex);
	size_t n = ex[0] * ex[1] * ex[2] * c->elem;
	unsigned char *bg = malloc(n), *out = malloc(n);
	for (size_t i = 0; i < n; i++) bg[i] = (unsigned char)(i * 7 + 1);
	size_t o0[3] = {0, 0, 0};
	int host_rw = !(c->flags & CL_MEM_HOST_NO_ACCESS);
	if (host_rw) CHECK_OK(clEnqueueWriteImage(t.queue, m, CL_TRUE, o0, ex, 0, 0, bg, 0, NULL, NULL));
	size_t o[3] = {1, ex[1] > 1 ? 1 : 0, ex[2] > 1 ? 1 : 0}, r[3] = {ex[0] - 2, ex[1] > 1 ? ex[1] - 2 : 1, ex[2] > 1 ? ex[2] - 1 : 1};
	cl_event ev;
	CHECK_OK(clEnqueueFillImage(t.queue, m, c->color.f, o, r, 0, NULL, &ev));
	cl_command_type ct = 0;
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_FILL_IMAGE);
	CHECK_OK(clWaitForEvents(1, &ev));
	clReleaseEvent(ev);
	if (host_rw) {
		CHECK_OK(clEnqueueReadImage(t.queue, m, CL_TRUE, o0, ex, 0, 0, out, 0, NULL, NULL));
		int bad = 0;
		for (size_t z = 0; z < ex[2]; z++)
			for (size_t y = 0; y < ex[1]; y++)
				for (size_t x = 0; x < ex[0]; x++) {
					size_t off = ((z * ex[1] + y) * ex[0] + x) * c->elem;
					int in = x >= o[0] && x < o[0] + r[0] && y >= o[1] && y < o[1] + r[1] && z >= o[2] && z < o[2] + r[2];
					bad += memcmp(out + off, in ? c->want : bg + off, c->elem) != 0;
				}
		if (bad) fprintf(stderr, "fill of format 0x%x/0x%x, image type 0x%x: %d bad pixels; first: %02x %02x %02x %02x\n",
			c->o, c->ty, ty, bad, out[((o[2] * ex[1] + o[1]) * ex[0] + o[0]) * c->elem], out[((o[2] * ex[1] + o[1]) * ex[0] + o[0]) * c->elem + 1],
			out[((o[2] * ex[1] + o[1]) * ex[0] + o[0]) * c->elem + 2], out[((o[2] * ex[1] + o[1]) * ex[0] + o[0]) * c->elem + 3]);
		CHECK(bad == 0);
	}
	free(bg), free(out);
	clReleaseMemObject(m);
}

#define LE16(v) (unsigned char)((v) & 0xff), (unsigned char)(((v) >> 8) & 0xff)
#define LE32(v) LE16((unsigned)(v) & 0xffff), LE16((unsigned)(v) >> 16)

static void test_fill(void) {
	/* Expected pixels follow the OpenCL C conversion rules: normalized
	 * types round to nearest even after scaling and saturate (NaN is 0),
	 * half floats round to nearest even, integers saturate. */
	struct fillcase cs[] = {
		{CL_RGBA, CL_UNORM_INT8, 0, {.f = {0.5f, 1.5f, -0.2f, 0.2f}}, {128, 255, 0, 51}, 4},
		{CL_RGBA, CL_UNORM_INT8, 0, {.f = {NAN, 0.7f, 2.5f / 255, 1.0f / 255}}, {0, 178, 2, 1}, 4},
		{CL_BGRA, CL_UNORM_INT8, 0, {.f = {1, 0.5f, 0, 0.2f}}, {0, 128, 255, 51}, 4},
		{CL_R, CL_UNORM_INT8, 0, {.f = {0.25f, 9, 9, 9}}, {64}, 1},
		{CL_RG, CL_UNORM_INT8, 0, {.f = {0.25f, 0.75f, 9, 9}}, {64, 191}, 2},
		{CL_RGBA, CL_SNORM_INT8, 0, {.f = {-1, -2, 0.5f, 1}}, {0x81, 0x80, 64, 127}, 4},
		{CL_RGBA, CL_UNORM_INT16, 0, {.f = {0.5f, 1, 0, 0.25f}}, {LE16(32768), LE16(65535), LE16(0), LE16(16384)}, 8},
		{CL_RGBA, CL_SNORM_INT16, 0, {.f = {-1, 0.5f, 2, 0}}, {LE16(0x8001), LE16(16384), LE16(32767), LE16(0)}, 8},
		{CL_RGBA, CL_HALF_FLOAT, 0, {.f = {1, 0.5f, -2, 65520}}, {LE16(0x3c00), LE16(0x3800), LE16(0xc000), LE16(0x7c00)}, 8},
		{CL_RGBA, CL_HALF_FLOAT, 0, {.f = {1 + 1.0f / 2048, 1 + 3.0f / 2048, 65519, 1.0f / (1 << 24)}}, {LE16(0x3c00), LE16(0x3c02), LE16(0x7bff), LE16(0x0001)}, 8},
		{CL_R, CL_HALF_FLOAT, 0, {.f = {-0.0f, 0, 0, 0}}, {LE16(0x8000)}, 2},
		{CL_RGBA, CL_FLOAT, 0, {.f = {1.5f, -2, 3.25f, 0}}, {LE32(0x3fc00000), LE32(0xc0000000), LE32(0x40500000), LE32(0)}, 16},
		{CL_RG, CL_FLOAT, 0, {.f = {1.5f, -2, 3.25f, 0}}, {LE32(0x3fc00000), LE32(0xc0000000)}, 8},
		{CL_RGBA, CL_SIGNED_INT8, 0, {.i = {300, -300, -5, 127}}, {127, 0x80, 0xfb, 127}, 4},
		{CL_RGBA, CL_SIGNED_INT16, 0, {.i = {40000, -40000, 1, -1}}, {LE16(32767), LE16(0x8000), LE16(1), LE16(0xffff)}, 8},
		{CL_RGBA, CL_SIGNED_INT32, 0, {.i = {INT_MIN, -1, 0, INT_MAX}}, {LE32(0x80000000), LE32(0xffffffff), LE32(0), LE32(0x7fffffff)}, 16},
		{CL_R, CL_SIGNED_INT16, 0, {.i = {-7, 0, 0, 0}}, {LE16(0xfff9)}, 2},
		{CL_RGBA, CL_UNSIGNED_INT8, 0, {.u = {300, 255, 1, 0xffffffffu}}, {255, 255, 1, 255}, 4},
		{CL_RGBA, CL_UNSIGNED_INT16, 0, {.u = {70000, 65535, 2, 0}}, {LE16(65535), LE16(65535), LE16(2), LE16(0)}, 8},
		{CL_RGBA, CL_UNSIGNED_INT32, 0, {.u = {0xdeadbeef, 0, 1, 0xffffffffu}}, {LE32(0xdeadbeef), LE32(0), LE32(1), LE32(0xffffffff)}, 16},
		{CL_RG, CL_UNSIGNED_INT8, 0, {.u = {3, 256, 0, 0}}, {3, 255}, 2},
		/* sRGBA (readable images only): the color channels are encoded. */
		{CL_sRGBA, CL_UNORM_INT8, CL_MEM_READ_ONLY, {.f = {0.5f, 0, 1, 0.5f}}, {188, 0, 255, 128}, 4},
		{CL_sRGBA, CL_UNORM_INT8, CL_MEM_READ_ONLY, {.f = {0.001f, 2, -1, 1}}, {3, 255, 0, 255}, 4},
		/* The host access flags do not matter. */
		{CL_RGBA, CL_FLOAT, CL_MEM_HOST_NO_ACCESS, {.f = {1, 2, 3, 4}}, {0}, 16},
	};
	cl_mem_object_type tys[] = {CL_MEM_OBJECT_IMAGE1D, CL_MEM_OBJECT_IMAGE2D, CL_MEM_OBJECT_IMAGE3D};
	for (size_t i = 0; i < sizeof cs / sizeof *cs; i++)
		for (int k = 0; k < 3; k++) fill_one(&cs[i], tys[k]);

	/* Fill of the arrays and of a 1D image buffer. */
	cl_int err;
	cl_mem buf = buffer(CL_MEM_READ_WRITE, 64, NULL);
	cl_image_desc d = desc_of(CL_MEM_OBJECT_IMAGE1D_BUFFER, 16, 0, 0, 0);
	d.buffer = buf;
	cl_mem ib = make(0, CL_R, CL_UNSIGNED_INT32, &d, NULL, &err);
	CHECK_OK(err);
	unsigned zero[16] = {0}, got[16];
	CHECK_OK(clEnqueueWriteBuffer(t.queue, buf, CL_TRUE, 0, 64, zero, 0, NULL, NULL));
	unsigned color[4] = {77, 1, 2, 3};
	size_t o[3] = {3, 0, 0}, r[3] = {10, 1, 1};
	CHECK_OK(clEnqueueFillImage(t.queue, ib, color, o, r, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, buf, CL_TRUE, 0, 64, got, 0, NULL, NULL));
	int bad = 0;
	for (int i = 0; i < 16; i++) bad += got[i] != (i >= 3 && i < 13 ? 77u : 0u);
	CHECK(bad == 0);
	d = desc_of(CL_MEM_OBJECT_IMAGE2D_ARRAY, 4, 3, 0, 5);
	cl_mem arr = make(0, CL_R, CL_UNSIGNED_INT8, &d, NULL, &err);
	CHECK_OK(err);
	unsigned char bytes[60];
	memset(bytes, 9, sizeof bytes);
	size_t o0[3] = {0, 0, 0}, all[3] = {4, 3, 5}, fo[3] = {1, 1, 2}, fr[3] = {2, 2, 2};
	CHECK_OK(clEnqueueWriteImage(t.queue, arr, CL_TRUE, o0, all, 0, 0, bytes, 0, NULL, NULL));
	CHECK_OK(clEnqueueFillImage(t.queue, arr, color, fo, fr, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadImage(t.queue, arr, CL_TRUE, o0, all, 0, 0, bytes, 0, NULL, NULL));
	bad = 0;
	for (int z = 0; z < 5; z++)
		for (int y = 0; y < 3; y++)
			for (int x = 0; x < 4; x++)
				bad += bytes[(z * 3 + y) * 4 + x] != ((x >= 1 && x < 3 && y >= 1 && y < 3 && z >= 2 && z < 4) ? 77 : 9);
	CHECK(bad == 0);

	/* Errors. */
	CHECK_ERR(clEnqueueFillImage(t.queue, arr, NULL, fo, fr, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueFillImage(t.queue, arr, color, NULL, fr, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueFillImage(t.queue, arr, color, fo, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	size_t fbig[3] = {2, 2, 4};
	CHECK_ERR(clEnqueueFillImage(t.queue, arr, color, fo, fbig, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueFillImage(t.queue, buf, color, fo, fr, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueFillImage(t.queue, GARBAGE, color, fo, fr, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueFillImage(t.queue, NULL, color, fo, fr, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueFillImage(GARBAGE, arr, color, fo, fr, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	cl_event bad_ev = GARBAGE;
	CHECK_ERR(clEnqueueFillImage(t.queue, arr, color, fo, fr, 1, &bad_ev, NULL), CL_INVALID_EVENT_WAIT_LIST);
	clReleaseMemObject(arr), clReleaseMemObject(ib), clReleaseMemObject(buf);
}

/* ---- image <-> buffer ---- */

static void test_image_buffer_copies(void) {
	cl_int err;
	enum { W = 8, H = 6, D = 3 };
	unsigned src[W * H * D];
	for (size_t z = 0; z < D; z++)
		for (size_t y = 0; y < H; y++)
			for (size_t x = 0; x < W; x++) src[(z * H + y) * W + x] = pixel_value(x, y, z);
	cl_image_desc d = desc_of(CL_MEM_OBJECT_IMAGE3D, W, H, D, 0);
	cl_mem img = make(CL_MEM_COPY_HOST_PTR | CL_MEM_HOST_NO_ACCESS, CL_R, CL_UNSIGNED_INT32, &d, src, &err);
	CHECK_OK(err);
	cl_mem buf = buffer(CL_MEM_READ_WRITE, 4096, NULL);
	unsigned zeros[1024] = {0};
	CHECK_OK(clEnqueueWriteBuffer(t.queue, buf, CL_TRUE, 0, sizeof zeros, zeros, 0, NULL, NULL));
	size_t o[3] = {2, 1, 1}, r[3] = {5, 4, 2};
	cl_event ev;
	CHECK_OK(clEnqueueCopyImageToBuffer(t.queue, img, buf, o, r, 12, 0, NULL, &ev));
	cl_command_type ct = 0;
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_COPY_IMAGE_TO_BUFFER);
	clReleaseEvent(ev);
	unsigned out[1024];
	CHECK_OK(clEnqueueReadBuffer(t.queue, buf, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	int bad = 0;
	for (size_t i = 0; i < 1024; i++) {
		unsigned want = 0;
		if (i >= 3 && i < 3 + 40) {
			size_t k = i - 3, x = k % 5, y = k / 5 % 4, z = k / 20;
			want = pixel_value(o[0] + x, o[1] + y, o[2] + z);
		}
		bad += out[i] != want;
	}
	CHECK(bad == 0);
	/* And back into another image, at another origin. */
	cl_mem img2 = make(0, CL_R, CL_UNSIGNED_INT32, &d, NULL, &err);
	CHECK_OK(err);
	size_t o0[3] = {0, 0, 0}, all[3] = {W, H, D};
	unsigned zimg[W * H * D] = {0};
	CHECK_OK(clEnqueueWriteImage(t.queue, img2, CL_TRUE, o0, all, 0, 0, zimg, 0, NULL, NULL));
	size_t o2[3] = {3, 2, 0};
	CHECK_OK(clEnqueueCopyBufferToImage(t.queue, buf, img2, 12, o2, r, 0, NULL, &ev));
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_COPY_BUFFER_TO_IMAGE);
	clReleaseEvent(ev);
	unsigned back[W * H * D];
	CHECK_OK(clEnqueueReadImage(t.queue, img2, CL_TRUE, o0, all, 0, 0, back, 0, NULL, NULL));
	bad = 0;
	for (size_t z = 0; z < D; z++)
		for (size_t y = 0; y < H; y++)
			for (size_t x = 0; x < W; x++) {
				int in = x >= 3 && x < 8 && y >= 2 && y < 6 && z < 2;
				unsigned want = in ? pixel_value(x - 3 + o[0], y - 2 + o[1], z + o[2]) : 0;
				bad += back[(z * H + y) * W + x] != want;
			}
	CHECK(bad == 0);
	/* 2D and 1D array sources. */
	cl_mem i2d = image2d(0, CL_RGBA, CL_UNSIGNED_INT8, 4, 4);
	unsigned px[16];
	for (int i = 0; i < 16; i++) px[i] = 0x01010101u * (unsigned)i;
	size_t r2[3] = {4, 4, 1};
	CHECK_OK(clEnqueueWriteImage(t.queue, i2d, CL_TRUE, o0, r2, 0, 0, px, 0, NULL, NULL));
	size_t o22[3] = {1, 2, 0}, r22[3] = {3, 2, 1};
	CHECK_OK(clEnqueueCopyImageToBuffer(t.queue, i2d, buf, o22, r22, 0, 0, NULL, NULL));
	unsigned b6[6];
	CHECK_OK(clEnqueueReadBuffer(t.queue, buf, CL_TRUE, 0, sizeof b6, b6, 0, NULL, NULL));
	CHECK(b6[0] == px[9] && b6[2] == px[11] && b6[3] == px[13] && b6[5] == px[15]);

	/* Errors. */
	CHECK_ERR(clEnqueueCopyImageToBuffer(t.queue, img, buf, o, r, 4096 - 159, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_OK(clEnqueueCopyImageToBuffer(t.queue, img, buf, o, r, 4096 - 160, 0, NULL, NULL));
	CHECK_ERR(clEnqueueCopyImageToBuffer(t.queue, img, buf, o, r, 8192, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueCopyImageToBuffer(t.queue, img, buf, o, r, SIZE_MAX, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueCopyBufferToImage(t.queue, buf, img2, 4096 - 159, o2, r, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueCopyImageToBuffer(t.queue, img, buf, NULL, r, 0, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueCopyImageToBuffer(t.queue, img, buf, o, NULL, 0, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueCopyBufferToImage(t.queue, buf, img2, 0, NULL, r, 0, NULL, NULL), CL_INVALID_VALUE);
	size_t rout[3] = {W, H, D + 1}, r0[3] = {1, 0, 1};
	CHECK_ERR(clEnqueueCopyImageToBuffer(t.queue, img, buf, o0, rout, 0, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueCopyBufferToImage(t.queue, buf, img2, 0, o0, r0, 0, NULL, NULL), CL_INVALID_VALUE);
	size_t r2z[3] = {1, 1, 2};
	CHECK_ERR(clEnqueueCopyImageToBuffer(t.queue, i2d, buf, o0, r2z, 0, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueCopyImageToBuffer(t.queue, buf, buf, o, r, 0, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueCopyImageToBuffer(t.queue, img, img2, o, r, 0, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueCopyBufferToImage(t.queue, img, img2, 0, o, r, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueCopyBufferToImage(t.queue, buf, buf, 0, o, r, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueCopyBufferToImage(t.queue, GARBAGE, img2, 0, o, r, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueCopyImageToBuffer(t.queue, img, NULL, o, r, 0, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueCopyImageToBuffer(NULL, img, buf, o, r, 0, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(clEnqueueCopyBufferToImage(t.queue, buf, img2, 0, o, r, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	/* A 1D image buffer and the buffer it was made from. */
	cl_image_desc db = desc_of(CL_MEM_OBJECT_IMAGE1D_BUFFER, 64, 0, 0, 0);
	db.buffer = buf;
	cl_mem ib = make(0, CL_R, CL_UNSIGNED_INT32, &db, NULL, &err);
	CHECK_OK(err);
	size_t r1[3] = {4, 1, 1};
	CHECK_ERR(clEnqueueCopyImageToBuffer(t.queue, ib, buf, o0, r1, 1024, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clEnqueueCopyBufferToImage(t.queue, buf, ib, 1024, o0, r1, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	/* Another buffer is fine. */
	cl_mem other = buffer(CL_MEM_READ_WRITE, 64, NULL);
	CHECK_OK(clEnqueueCopyImageToBuffer(t.queue, ib, other, o0, r1, 0, 0, NULL, NULL));
	clReleaseMemObject(other), clReleaseMemObject(ib);
	clReleaseMemObject(i2d), clReleaseMemObject(img), clReleaseMemObject(img2), clReleaseMemObject(buf);
}

/* ---- 1D image buffers ---- */

static void test_image1d_buffer(void) {
	cl_int err;
	enum { N = 256 };
	cl_mem buf = buffer(CL_MEM_READ_WRITE, N * 4 + 512, NULL);
	unsigned data[N + 128];
	for (unsigned i = 0; i < N + 128; i++) data[i] = i * 2654435761u;
	CHECK_OK(clEnqueueWriteBuffer(t.queue, buf, CL_TRUE, 0, sizeof data, data, 0, NULL, NULL));
	cl_image_desc d = desc_of(CL_MEM_OBJECT_IMAGE1D_BUFFER, N, 0, 0, 0);
	d.buffer = buf;
	cl_mem ib = make(0, CL_RGBA, CL_UNORM_INT8, &d, NULL, &err);
	CHECK_OK(err);
	/* Write the buffer, read the image. */
	unsigned got[N];
	size_t o[3] = {0, 0, 0}, r[3] = {N, 1, 1};
	CHECK_OK(clEnqueueReadImage(t.queue, ib, CL_TRUE, o, r, 0, 0, got, 0, NULL, NULL));
	CHECK(memcmp(got, data, sizeof got) == 0);
	/* Write the image, read the buffer. */
	unsigned px[3] = {1, 2, 3};
	size_t o2[3] = {100, 0, 0}, r2[3] = {3, 1, 1};
	CHECK_OK(clEnqueueWriteImage(t.queue, ib, CL_TRUE, o2, r2, 0, 0, px, 0, NULL, NULL));
	unsigned b[N];
	CHECK_OK(clEnqueueReadBuffer(t.queue, buf, CL_TRUE, 0, sizeof b, b, 0, NULL, NULL));
	CHECK(b[99] == data[99] && b[100] == 1 && b[102] == 3 && b[103] == data[103]);
	/* Releasing the buffer keeps the storage alive for the image. */
	cl_mem buf2 = buffer(CL_MEM_READ_WRITE, 64, NULL);
	cl_image_desc d2 = desc_of(CL_MEM_OBJECT_IMAGE1D_BUFFER, 16, 0, 0, 0);
	d2.buffer = buf2;
	cl_mem ib2 = make(0, CL_R, CL_UNSIGNED_INT32, &d2, NULL, &err);
	CHECK_OK(err);
	unsigned v16[16];
	for (int i = 0; i < 16; i++) v16[i] = (unsigned)i + 1000;
	CHECK_OK(clEnqueueWriteBuffer(t.queue, buf2, CL_TRUE, 0, 64, v16, 0, NULL, NULL));
	CHECK_OK(clReleaseMemObject(buf2));
	unsigned g16[16] = {0};
	size_t r16[3] = {16, 1, 1};
	CHECK_OK(clEnqueueReadImage(t.queue, ib2, CL_TRUE, o, r16, 0, 0, g16, 0, NULL, NULL));
	CHECK(memcmp(g16, v16, 64) == 0);
	clReleaseMemObject(ib2);
	/* From a sub-buffer: the image starts at the sub-buffer's origin. */
	cl_uint align_bits = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_MEM_BASE_ADDR_ALIGN, sizeof align_bits, &align_bits, NULL));
	cl_buffer_region reg = {align_bits / 8, 512};
	cl_mem sub = clCreateSubBuffer(buf, CL_MEM_READ_ONLY, CL_BUFFER_CREATE_TYPE_REGION, &reg, &err);
	CHECK_OK(err);
	if (sub) {
		cl_image_desc ds = desc_of(CL_MEM_OBJECT_IMAGE1D_BUFFER, 128, 0, 0, 0);
		ds.buffer = sub;
		cl_mem is = make(0, CL_R, CL_UNSIGNED_INT32, &ds, NULL, &err);
		CHECK_OK(err);
		cl_mem_flags mf = 0;
		CHECK_OK(clGetMemObjectInfo(is, CL_MEM_FLAGS, sizeof mf, &mf, NULL));
		CHECK(mf == CL_MEM_READ_ONLY);
		unsigned g[4];
		size_t rr[3] = {4, 1, 1};
		CHECK_OK(clEnqueueReadImage(t.queue, is, CL_TRUE, o, rr, 0, 0, g, 0, NULL, NULL));
		CHECK(g[0] == data[align_bits / 32] && g[3] == data[align_bits / 32 + 3]);
		/* Too wide for the sub-buffer. */
		ds.image_width = 129;
		cl_mem bad = make(0, CL_R, CL_UNSIGNED_INT32, &ds, NULL, &err);
		CHECK_ERR(err, CL_INVALID_IMAGE_DESCRIPTOR);
		CHECK(bad == NULL);
		clReleaseMemObject(is);
		clReleaseMemObject(sub);
	}
	clReleaseMemObject(ib);
	clReleaseMemObject(buf);
}

/* ---- maps of images ---- */

static void test_map(void) {
	cl_int err;
	enum { W = 10, H = 6, D = 3 };
	/* A 3D image: the pointer is the storage at the origin, with its pitches. */
	cl_image_desc d = desc_of(CL_MEM_OBJECT_IMAGE3D, W, H, D, 0);
	cl_mem m = make(0, CL_R, CL_UNSIGNED_INT32, &d, NULL, &err);
	CHECK_OK(err);
	size_t o0[3] = {0, 0, 0}, all[3] = {W, H, D}, row = 0, slice = 0;
	unsigned *base = clEnqueueMapImage(t.queue, m, CL_TRUE, CL_MAP_WRITE_INVALIDATE_REGION, o0, all, &row, &slice, 0, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK(row == W * 4 && slice == W * 4 * H);
	if (base) {
		for (size_t z = 0; z < D; z++)
			for (size_t y = 0; y < H; y++)
				for (size_t x = 0; x < W; x++) base[(z * slice + y * row) / 4 + x] = pixel_value(x, y, z);
		CHECK_OK(clEnqueueUnmapMemObject(t.queue, m, base, 0, NULL, NULL));
	}
	size_t o[3] = {2, 3, 1}, r[3] = {4, 2, 2};
	unsigned *p = clEnqueueMapImage(t.queue, m, CL_TRUE, CL_MAP_READ, o, r, &row, &slice, 0, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK(p == base + (1 * W * H + 3 * W + 2));
	if (p) {
		CHECK(p[0] == pixel_value(2, 3, 1) && p[slice / 4 + row / 4 + 3] == pixel_value(5, 4, 2));
		CHECK_OK(clEnqueueUnmapMemObject(t.queue, m, p, 0, NULL, NULL));
	}
	/* Reads see what the mapping wrote. */
	unsigned got[16];
	CHECK_OK(clEnqueueReadImage(t.queue, m, CL_TRUE, o, r, 0, 0, got, 0, NULL, NULL));
	CHECK(got[0] == pixel_value(2, 3, 1) && got[15] == pixel_value(5, 4, 2));
	/* 3D images and arrays need image_slice_pitch. */
	p = clEnqueueMapImage(t.queue, m, CL_TRUE, CL_MAP_READ, o, r, &row, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(p == NULL);
	size_t rbad[3] = {W, H, D + 1};
	p = clEnqueueMapImage(t.queue, m, CL_TRUE, CL_MAP_READ, o0, rbad, &row, &slice, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	clReleaseMemObject(m);

	/* A 2D USE_HOST_PTR image: the pointer is derived from host_ptr. */
	static unsigned char host[64 * 8];
	d = desc_of(CL_MEM_OBJECT_IMAGE2D, W, 8, 0, 0);
	d.image_row_pitch = 64;
	m = make(CL_MEM_USE_HOST_PTR, CL_RGBA, CL_UNORM_INT8, &d, host, &err);
	CHECK_OK(err);
	size_t o2[3] = {3, 2, 0}, r2[3] = {2, 2, 1};
	slice = 99;
	unsigned char *q = clEnqueueMapImage(t.queue, m, CL_TRUE, CL_MAP_WRITE, o2, r2, &row, &slice, 0, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK(q == host + 2 * 64 + 12 && row == 64 && slice == 0);
	cl_uint count = 0;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_MAP_COUNT, sizeof count, &count, NULL));
	CHECK(count == 1);
	/* An overlapping mapping for writing is refused, a disjoint one allowed. */
	size_t o3[3] = {4, 3, 0};
	unsigned char *q2 = clEnqueueMapImage(t.queue, m, CL_TRUE, CL_MAP_WRITE, o3, r2, &row, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	CHECK(q2 == NULL);
	size_t o4[3] = {0, 5, 0};
	q2 = clEnqueueMapImage(t.queue, m, CL_TRUE, CL_MAP_WRITE, o4, r2, &row, NULL, 0, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, m, q2, 0, NULL, NULL));
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, m, q, 0, NULL, NULL));
	clReleaseMemObject(m);

	/* 1D image buffer: write mappings overlap-check against the buffer's. */
	cl_mem buf = buffer(CL_MEM_READ_WRITE, 1024, NULL);
	d = desc_of(CL_MEM_OBJECT_IMAGE1D_BUFFER, 256, 0, 0, 0);
	d.buffer = buf;
	cl_mem ib = make(0, CL_R, CL_UNSIGNED_INT32, &d, NULL, &err);
	CHECK_OK(err);
	void *bp = clEnqueueMapBuffer(t.queue, buf, CL_TRUE, CL_MAP_WRITE, 400, 100, 0, NULL, NULL, &err);
	CHECK_OK(err);
	size_t oi[3] = {110, 0, 0}, ri[3] = {10, 1, 1};
	void *ip = clEnqueueMapImage(t.queue, ib, CL_TRUE, CL_MAP_WRITE, oi, ri, &row, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	CHECK(ip == NULL);
	size_t oj[3] = {125, 0, 0};
	ip = clEnqueueMapImage(t.queue, ib, CL_TRUE, CL_MAP_WRITE, oj, ri, &row, NULL, 0, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK(ip == (char *)bp + 100);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, ib, ip, 0, NULL, NULL));
	ip = clEnqueueMapImage(t.queue, ib, CL_TRUE, CL_MAP_READ, oi, ri, &row, NULL, 0, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK(ip == (char *)bp + 40);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, ib, ip, 0, NULL, NULL));
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, buf, bp, 0, NULL, NULL));
	/* A buffer is not an image. */
	ip = clEnqueueMapImage(t.queue, buf, CL_TRUE, CL_MAP_READ, oi, ri, &row, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_MEM_OBJECT);
	clReleaseMemObject(ib), clReleaseMemObject(buf);
	CHECK_OK(clFinish(t.queue));
}

/* ---- bad handles for clGetImageInfo ---- */

static void test_info_errors(void) {
	cl_mem dead = image2d(0, CL_RGBA, CL_UNORM_INT8, 4, 4);
	CHECK_OK(clReleaseMemObject(dead));
	cl_mem buf = buffer(CL_MEM_READ_WRITE, 64, NULL);
	cl_mem bad[] = {NULL, GARBAGE, dead, (cl_mem)t.queue, (cl_mem)t.context, buf};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		size_t v, n;
		CHECK_ERR(clGetImageInfo(bad[i], CL_IMAGE_WIDTH, sizeof v, &v, &n), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clGetImageInfo(bad[i], CL_IMAGE_WIDTH, 0, NULL, &n), CL_INVALID_MEM_OBJECT);
	}
	cl_mem img = image2d(0, CL_RGBA, CL_UNORM_INT8, 4, 4);
	size_t v;
	CHECK_ERR(clGetImageInfo(img, 0x4242, sizeof v, &v, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetImageInfo(img, CL_MEM_TYPE, sizeof v, &v, NULL), CL_INVALID_VALUE);
	/* Retain and release work on images. */
	cl_uint rc = 0;
	CHECK_OK(clRetainMemObject(img));
	CHECK_OK(clGetMemObjectInfo(img, CL_MEM_REFERENCE_COUNT, sizeof rc, &rc, NULL));
	CHECK(rc == 2);
	CHECK_OK(clReleaseMemObject(img));
	CHECK_OK(clReleaseMemObject(img));
	CHECK_ERR(clGetImageInfo(img, CL_IMAGE_WIDTH, sizeof v, &v, NULL), CL_INVALID_MEM_OBJECT);
	clReleaseMemObject(buf);
}

int main(void) {
	t = test_setup();
	cl_bool images = CL_FALSE;
	REQUIRE_OK(clGetDeviceInfo(t.device, CL_DEVICE_IMAGE_SUPPORT, sizeof images, &images, NULL));
	CHECK(images == CL_TRUE);
	test_formats();
	test_create_info();
	test_create_errors();
	test_read_write();
	test_transfer_errors();
	test_copy();
	test_fill();
	test_image_buffer_copies();
	test_image1d_buffer();
	test_map();
	test_info_errors();
	CHECK_OK(clFinish(t.queue));
	test_teardown(&t);
	return check_done();
}
