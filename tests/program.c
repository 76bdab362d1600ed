/* Programs, kernels, pipes and GL sharing on a device without a compiler
 * (CL_DEVICE_COMPILER_AVAILABLE = CL_FALSE): program creation and queries,
 * builds that fail with CL_COMPILER_NOT_AVAILABLE and say so in the log,
 * every argument error in the specification's order, handle validation for
 * programs and kernels, and concurrent use. */
#include "check.h"
#include <CL/cl_gl.h>
#include <pthread.h>
#include <unistd.h>

static const char *src_a = "kernel void k(global int *p) { p[get_global_id(0)] = 1; }\n";
static const char *src_b = "kernel void other(void) {}\n";

static cl_program released_program; /* a program handle released earlier */

static cl_program make_program(test_env *t, const char *src) {
	cl_int err;
	cl_program p = clCreateProgramWithSource(t->context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	return p;
}

static cl_uint prog_refs(cl_program p) {
	cl_uint n = 0;
	clGetProgramInfo(p, CL_PROGRAM_REFERENCE_COUNT, sizeof n, &n, NULL);
	return n;
}

/* build_string: a clGetProgramBuildInfo string for the device. */
static char *build_string(test_env *t, cl_program p, cl_program_build_info what) {
	size_t sz = 0;
	if (clGetProgramBuildInfo(p, t->device, what, 0, NULL, &sz) != CL_SUCCESS || sz == 0)
		return NULL;
	char *s = calloc(1, sz + 1);
	if (clGetProgramBuildInfo(p, t->device, what, sz, s, NULL) != CL_SUCCESS) {
		free(s);
		return NULL;
	}
	return s;
}

static cl_build_status build_status(test_env *t, cl_program p) {
	cl_build_status s = 99;
	clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BUILD_STATUS, sizeof s, &s, NULL);
	return s;
}

static void test_compiler_not_available(test_env *t) {
	cl_bool b = CL_TRUE;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_COMPILER_AVAILABLE, sizeof b, &b, NULL));
	CHECK(b == CL_FALSE);
	b = CL_TRUE;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_LINKER_AVAILABLE, sizeof b, &b, NULL));
	CHECK(b == CL_FALSE);
}

static void test_create_with_source(test_env *t) {
	cl_int err = 1;
	char buf[512];
	size_t sz = 0;

	/* One string, NUL-terminated. */
	cl_program p = clCreateProgramWithSource(t->context, 1, &src_a, NULL, &err);
	CHECK_OK(err);
	CHECK(p != NULL);
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_SOURCE, sizeof buf, buf, &sz));
	CHECK(sz == strlen(src_a) + 1 && strcmp(buf, src_a) == 0);
	CHECK_OK(clReleaseProgram(p));

	/* Several strings, concatenated; lengths: 0 means NUL-terminated, a
	 * length cuts a string short, and NUL bytes inside a length are dropped. */
	const char *parts[] = { "abc", "defXYZ", "g\0h", "ijk" };
	size_t lens[] = { 0, 3, 3, 0 };
	p = clCreateProgramWithSource(t->context, 4, parts, lens, &err);
	CHECK_OK(err);
	memset(buf, 'x', sizeof buf);
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_SOURCE, sizeof buf, buf, &sz));
	CHECK(sz == strlen("abcdefghijk") + 1);
	CHECK(strcmp(buf, "abcdefghijk") == 0);
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_SOURCE, 5, buf, NULL), CL_INVALID_VALUE);
	CHECK_OK(clReleaseProgram(p));

	/* An empty source is a valid program. */
	const char *empty = "";
	p = clCreateProgramWithSource(t->context, 1, &empty, NULL, NULL);
	CHECK(p != NULL);
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_SOURCE, sizeof buf, buf, &sz));
	CHECK(sz == 1 && buf[0] == 0);
	CHECK_OK(clReleaseProgram(p));

	/* Errors: the context first, then count and strings. */
	cl_context bad_contexts[] = { NULL, (cl_context)GARBAGE, (cl_context)t->queue, (cl_context)t->device };
	for (size_t i = 0; i < sizeof bad_contexts / sizeof bad_contexts[0]; i++) {
		err = 0;
		CHECK(clCreateProgramWithSource(bad_contexts[i], 1, &src_a, NULL, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		CHECK(clCreateProgramWithSource(bad_contexts[i], 0, NULL, NULL, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
	}
	CHECK(clCreateProgramWithSource(t->context, 0, &src_a, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clCreateProgramWithSource(t->context, 1, NULL, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	const char *with_null[] = { src_a, NULL };
	CHECK(clCreateProgramWithSource(t->context, 2, with_null, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
}

static void test_program_info(test_env *t) {
	cl_program p = make_program(t, src_a);
	size_t sz = 0;
	cl_uint u = 0;
	cl_context c = NULL;
	cl_device_id devs[4] = { 0 };

	CHECK(prog_refs(p) == 1);
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_CONTEXT, sizeof c, &c, &sz));
	CHECK(c == t->context && sz == sizeof c);
	cl_uint ndev = 0;
	CHECK_OK(clGetContextInfo(t->context, CL_CONTEXT_NUM_DEVICES, sizeof ndev, &ndev, NULL));
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_NUM_DEVICES, sizeof u, &u, &sz));
	CHECK(u == ndev && sz == sizeof(cl_uint));
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_DEVICES, sizeof devs, devs, &sz));
	CHECK(sz == ndev * sizeof(cl_device_id) && devs[0] == t->device);

	/* No IL: size 0 and param_value untouched. */
	char il[8] = "abcdefg";
	sz = 99;
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_IL, sizeof il, il, &sz));
	CHECK(sz == 0 && strcmp(il, "abcdefg") == 0);
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_IL, 0, NULL, &sz));
	CHECK(sz == 0);

	/* No binaries: sizes are zeros, and nothing is written. */
	size_t sizes[4] = { 7, 7, 7, 7 };
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_BINARY_SIZES, sizeof sizes, sizes, &sz));
	CHECK(sz == ndev * sizeof(size_t) && sizes[0] == 0);
	unsigned char bin[16];
	memset(bin, 0x5a, sizeof bin);
	unsigned char *bins[4] = { bin, bin, bin, bin };
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_BINARIES, sizeof bins, bins, &sz));
	CHECK(sz == ndev * sizeof(unsigned char *) && bin[0] == 0x5a && bin[15] == 0x5a);
	unsigned char *null_bins[4] = { NULL, NULL, NULL, NULL };
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_BINARIES, sizeof null_bins, null_bins, NULL));
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_BINARIES, 0, NULL, &sz));
	CHECK(sz == ndev * sizeof(unsigned char *));
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_BINARIES, ndev * sizeof(unsigned char *) - 1, bins, NULL), CL_INVALID_VALUE);

	/* Only available after a successful build. */
	size_t n;
	char names[64];
	cl_bool b;
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_NUM_KERNELS, sizeof n, &n, NULL), CL_INVALID_PROGRAM_EXECUTABLE);
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_KERNEL_NAMES, sizeof names, names, NULL), CL_INVALID_PROGRAM_EXECUTABLE);
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_SCOPE_GLOBAL_CTORS_PRESENT, sizeof b, &b, NULL), CL_INVALID_PROGRAM_EXECUTABLE);
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_SCOPE_GLOBAL_DTORS_PRESENT, sizeof b, &b, NULL), CL_INVALID_PROGRAM_EXECUTABLE);

	/* The size/value protocol. */
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_REFERENCE_COUNT, sizeof u - 1, &u, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_CONTEXT, sizeof c - 1, &c, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_DEVICES, sizeof(cl_device_id) * ndev - 1, devs, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetProgramInfo(p, 0x116F, sizeof u, &u, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_BUILD_STATUS, sizeof u, &u, NULL), CL_INVALID_VALUE);
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_REFERENCE_COUNT, 0, NULL, NULL));

	/* Build info before any build. */
	CHECK(build_status(t, p) == CL_BUILD_NONE);
	char *s = build_string(t, p, CL_PROGRAM_BUILD_OPTIONS);
	CHECK(s && s[0] == 0);
	free(s);
	s = build_string(t, p, CL_PROGRAM_BUILD_LOG);
	CHECK(s && s[0] == 0);
	free(s);
	cl_program_binary_type bt = 99;
	CHECK_OK(clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BINARY_TYPE, sizeof bt, &bt, &sz));
	CHECK(bt == CL_PROGRAM_BINARY_TYPE_NONE && sz == sizeof bt);
	size_t gsize = 99;
	CHECK_OK(clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE, sizeof gsize, &gsize, &sz));
	CHECK(gsize == 0 && sz == sizeof(size_t));
	cl_build_status st;
	CHECK_ERR(clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BUILD_STATUS, sizeof st - 1, &st, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetProgramBuildInfo(p, t->device, 0x1186, sizeof st, &st, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetProgramBuildInfo(p, t->device, CL_PROGRAM_SOURCE, sizeof st, &st, NULL), CL_INVALID_VALUE);
	/* The device must be one of the program's. */
	cl_device_id bad_devs[] = { NULL, (cl_device_id)GARBAGE, (cl_device_id)t->context, (cl_device_id)t->platform };
	for (size_t i = 0; i < sizeof bad_devs / sizeof bad_devs[0]; i++)
		CHECK_ERR(clGetProgramBuildInfo(p, bad_devs[i], CL_PROGRAM_BUILD_STATUS, sizeof st, &st, NULL), CL_INVALID_DEVICE);
	/* The program is checked before the device. */
	CHECK_ERR(clGetProgramBuildInfo(NULL, NULL, CL_PROGRAM_BUILD_STATUS, sizeof st, &st, NULL), CL_INVALID_PROGRAM);

	/* Reference counts. */
	CHECK_OK(clRetainProgram(p));
	CHECK(prog_refs(p) == 2);
	CHECK_OK(clReleaseProgram(p));
	CHECK(prog_refs(p) == 1);
	CHECK_OK(clReleaseProgram(p));
	CHECK_ERR(clReleaseProgram(p), CL_INVALID_PROGRAM);
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_REFERENCE_COUNT, sizeof u, &u, NULL), CL_INVALID_PROGRAM);
}

static void test_bad_program_handles(test_env *t) {
	cl_program bad[] = { NULL, (cl_program)GARBAGE, released_program, (cl_program)t->context,
		(cl_program)t->queue, (cl_program)t->device };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cl_program p = bad[i];
		cl_uint u;
		cl_int err = 0;
		CHECK_ERR(clRetainProgram(p), CL_INVALID_PROGRAM);
		CHECK_ERR(clReleaseProgram(p), CL_INVALID_PROGRAM);
		CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_REFERENCE_COUNT, sizeof u, &u, NULL), CL_INVALID_PROGRAM);
		CHECK_ERR(clGetProgramInfo(p, 0x9999, sizeof u, &u, NULL), CL_INVALID_PROGRAM);
		CHECK_ERR(clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BUILD_STATUS, sizeof u, &u, NULL), CL_INVALID_PROGRAM);
		CHECK_ERR(clBuildProgram(p, 0, NULL, NULL, NULL, NULL), CL_INVALID_PROGRAM);
		/* The program comes before every other argument. */
		CHECK_ERR(clBuildProgram(p, 1, NULL, NULL, NULL, &err), CL_INVALID_PROGRAM);
		CHECK_ERR(clCompileProgram(p, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL), CL_INVALID_PROGRAM);
		CHECK_ERR(clCompileProgram(p, 1, NULL, NULL, 1, NULL, NULL, NULL, &err), CL_INVALID_PROGRAM);
		CHECK_ERR(clSetProgramReleaseCallback(p, NULL, NULL), CL_INVALID_PROGRAM);
		CHECK_ERR(clSetProgramSpecializationConstant(p, 0, sizeof u, &u), CL_INVALID_PROGRAM);
		CHECK(clCreateKernel(p, "k", &err) == NULL);
		CHECK_ERR(err, CL_INVALID_PROGRAM);
		CHECK(clCreateKernel(p, NULL, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_PROGRAM);
		cl_kernel ks[2];
		CHECK_ERR(clCreateKernelsInProgram(p, 2, ks, &u), CL_INVALID_PROGRAM);
		/* A bad input program of clLinkProgram. */
		CHECK(clLinkProgram(t->context, 0, NULL, NULL, 1, &p, NULL, NULL, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_PROGRAM);
	}
}

static int g_cb_calls;
static cl_program g_cb_program;
static void *g_cb_user;

static void CL_CALLBACK build_cb(cl_program p, void *user) {
	g_cb_program = p;
	g_cb_user = user;
	__atomic_add_fetch(&g_cb_calls, 1, __ATOMIC_SEQ_CST);
}

/* wait_cb waits (up to 10 s) for n callbacks: they may be asynchronous. */
static int wait_cb(int n) {
	for (int i = 0; i < 10000 && __atomic_load_n(&g_cb_calls, __ATOMIC_SEQ_CST) < n; i++)
		usleep(1000);
	return __atomic_load_n(&g_cb_calls, __ATOMIC_SEQ_CST);
}

static void test_build(test_env *t) {
	cl_program p = make_program(t, src_a);
	int user;

	/* Argument errors, in the specification's order. */
	CHECK_ERR(clBuildProgram(p, 1, NULL, NULL, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clBuildProgram(p, 0, &t->device, NULL, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clBuildProgram(p, 0, NULL, NULL, NULL, &user), CL_INVALID_VALUE);
	cl_device_id bad_dev = (cl_device_id)GARBAGE;
	CHECK_ERR(clBuildProgram(p, 1, &bad_dev, NULL, NULL, NULL), CL_INVALID_DEVICE);
	bad_dev = (cl_device_id)t->context;
	CHECK_ERR(clBuildProgram(p, 1, &bad_dev, NULL, NULL, NULL), CL_INVALID_DEVICE);
	cl_device_id two[2] = { t->device, NULL };
	CHECK_ERR(clBuildProgram(p, 2, two, NULL, NULL, NULL), CL_INVALID_DEVICE);
	/* CL_INVALID_VALUE (user_data) comes before CL_INVALID_DEVICE. */
	CHECK_ERR(clBuildProgram(p, 1, &bad_dev, NULL, NULL, &user), CL_INVALID_VALUE);
	/* Refused builds change nothing. */
	CHECK(build_status(t, p) == CL_BUILD_NONE);

	/* A build without a compiler. */
	CHECK_ERR(clBuildProgram(p, 0, NULL, "-cl-std=CL3.0 -DN=4", NULL, NULL), CL_COMPILER_NOT_AVAILABLE);
	CHECK(build_status(t, p) == CL_BUILD_ERROR);
	char *s = build_string(t, p, CL_PROGRAM_BUILD_OPTIONS);
	CHECK(s && strcmp(s, "-cl-std=CL3.0 -DN=4") == 0);
	free(s);
	s = build_string(t, p, CL_PROGRAM_BUILD_LOG);
	CHECK(s && strstr(s, "compiler") != NULL);
	if (s) printf("build log: %s", s);
	free(s);
	cl_program_binary_type bt = 99;
	CHECK_OK(clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BINARY_TYPE, sizeof bt, &bt, NULL));
	CHECK(bt == CL_PROGRAM_BINARY_TYPE_NONE);
	size_t n;
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_NUM_KERNELS, sizeof n, &n, NULL), CL_INVALID_PROGRAM_EXECUTABLE);
	cl_int err;
	CHECK(clCreateKernel(p, "k", &err) == NULL);
	CHECK_ERR(err, CL_INVALID_PROGRAM_EXECUTABLE);

	/* With an explicit device list and NULL options (the empty string). */
	CHECK_ERR(clBuildProgram(p, 1, &t->device, NULL, NULL, NULL), CL_COMPILER_NOT_AVAILABLE);
	s = build_string(t, p, CL_PROGRAM_BUILD_OPTIONS);
	CHECK(s && s[0] == 0);
	free(s);

	/* The callback is called with the program and user_data. */
	g_cb_calls = 0;
	CHECK_ERR(clBuildProgram(p, 0, NULL, "-w", build_cb, &user), CL_COMPILER_NOT_AVAILABLE);
	CHECK(wait_cb(1) == 1);
	CHECK(g_cb_program == p && g_cb_user == &user);
	CHECK(build_status(t, p) == CL_BUILD_ERROR);
	/* ... and with NULL user_data. */
	CHECK_ERR(clBuildProgram(p, 1, &t->device, NULL, build_cb, NULL), CL_COMPILER_NOT_AVAILABLE);
	CHECK(wait_cb(2) == 2);
	CHECK(g_cb_program == p && g_cb_user == NULL);
	/* Not for refused builds. */
	CHECK_ERR(clBuildProgram(p, 1, NULL, NULL, build_cb, NULL), CL_INVALID_VALUE);
	usleep(10000);
	CHECK(g_cb_calls == 2);
	CHECK(prog_refs(p) == 1);
	CHECK_OK(clReleaseProgram(p));
}

static void test_compile_and_link(test_env *t) {
	cl_program p = make_program(t, "#include \"h.h\"\nkernel void k(void) { F; }\n");
	cl_program h = make_program(t, "#define F\n");
	const char *name = "h.h";
	const char *null_name = NULL;
	int user;
	cl_int err;

	/* clCompileProgram: argument errors in order. */
	CHECK_ERR(clCompileProgram(p, 1, NULL, NULL, 0, NULL, NULL, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clCompileProgram(p, 0, &t->device, NULL, 0, NULL, NULL, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clCompileProgram(p, 0, NULL, NULL, 0, &h, NULL, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clCompileProgram(p, 0, NULL, NULL, 0, NULL, &name, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clCompileProgram(p, 0, NULL, NULL, 1, NULL, &name, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clCompileProgram(p, 0, NULL, NULL, 1, &h, NULL, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clCompileProgram(p, 0, NULL, NULL, 1, &h, &name, NULL, &user), CL_INVALID_VALUE);
	cl_device_id bad_dev = (cl_device_id)GARBAGE;
	CHECK_ERR(clCompileProgram(p, 1, &bad_dev, NULL, 1, &h, &name, NULL, NULL), CL_INVALID_DEVICE);
	cl_program bad_h = (cl_program)GARBAGE;
	CHECK_ERR(clCompileProgram(p, 0, NULL, NULL, 1, &bad_h, &name, NULL, NULL), CL_INVALID_PROGRAM);
	bad_h = (cl_program)t->context;
	CHECK_ERR(clCompileProgram(p, 0, NULL, NULL, 1, &bad_h, &name, NULL, NULL), CL_INVALID_PROGRAM);
	CHECK_ERR(clCompileProgram(p, 0, NULL, NULL, 1, &h, &null_name, NULL, NULL), CL_INVALID_VALUE);
	CHECK(build_status(t, p) == CL_BUILD_NONE);

	/* A compile without a compiler. */
	CHECK_ERR(clCompileProgram(p, 0, NULL, "-DX", 1, &h, &name, NULL, NULL), CL_COMPILER_NOT_AVAILABLE);
	CHECK(build_status(t, p) == CL_BUILD_ERROR);
	char *s = build_string(t, p, CL_PROGRAM_BUILD_LOG);
	CHECK(s && strstr(s, "compiler") != NULL);
	free(s);
	s = build_string(t, p, CL_PROGRAM_BUILD_OPTIONS);
	CHECK(s && strcmp(s, "-DX") == 0);
	free(s);
	g_cb_calls = 0;
	CHECK_ERR(clCompileProgram(p, 1, &t->device, NULL, 0, NULL, NULL, build_cb, &user), CL_COMPILER_NOT_AVAILABLE);
	CHECK(wait_cb(1) == 1);
	CHECK(g_cb_program == p && g_cb_user == &user);

	/* clLinkProgram: argument errors in order, then no linker. */
	cl_program in[2] = { p, h };
	err = 0;
	CHECK(clLinkProgram(NULL, 0, NULL, NULL, 1, in, NULL, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK(clLinkProgram((cl_context)p, 0, NULL, NULL, 1, in, NULL, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK(clLinkProgram(t->context, 1, NULL, NULL, 1, in, NULL, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clLinkProgram(t->context, 0, &t->device, NULL, 1, in, NULL, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clLinkProgram(t->context, 0, NULL, NULL, 0, NULL, NULL, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clLinkProgram(t->context, 0, NULL, NULL, 0, in, NULL, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clLinkProgram(t->context, 0, NULL, NULL, 2, NULL, NULL, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	cl_program with_bad[2] = { p, (cl_program)GARBAGE };
	CHECK(clLinkProgram(t->context, 0, NULL, NULL, 2, with_bad, NULL, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_PROGRAM);
	CHECK(clLinkProgram(t->context, 0, NULL, NULL, 2, in, NULL, &user, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clLinkProgram(t->context, 1, &bad_dev, NULL, 2, in, NULL, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_DEVICE);
	err = 0;
	CHECK(clLinkProgram(t->context, 0, NULL, "-create-library", 2, in, NULL, NULL, &err) == NULL);
	CHECK_ERR(err, CL_LINKER_NOT_AVAILABLE);
	g_cb_calls = 0;
	CHECK(clLinkProgram(t->context, 1, &t->device, NULL, 1, in, build_cb, &user, &err) == NULL);
	CHECK_ERR(err, CL_LINKER_NOT_AVAILABLE);
	CHECK(clLinkProgram(t->context, 0, NULL, NULL, 1, in, NULL, NULL, NULL) == NULL);
	CHECK(g_cb_calls == 0); /* no program, no callback */
	CHECK(prog_refs(p) == 1 && prog_refs(h) == 1);
	clReleaseProgram(p);
	clReleaseProgram(h);
}

static void test_other_creators(test_env *t) {
	cl_int err = 0;
	const unsigned char bytes[] = "\x7f" "ELF not a binary";
	const unsigned char *bins[2] = { bytes, bytes };
	size_t lens[2] = { sizeof bytes, sizeof bytes };
	cl_int bstatus[2] = { 1, 1 };
	cl_device_id bad_dev = (cl_device_id)GARBAGE;

	/* clCreateProgramWithBinary: errors in order; no binary is valid yet. */
	CHECK(clCreateProgramWithBinary(NULL, 1, &t->device, lens, bins, bstatus, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK(clCreateProgramWithBinary(t->context, 1, NULL, lens, bins, bstatus, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clCreateProgramWithBinary(t->context, 0, &t->device, lens, bins, bstatus, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clCreateProgramWithBinary(t->context, 1, &bad_dev, NULL, NULL, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_DEVICE);
	CHECK(clCreateProgramWithBinary(t->context, 1, &t->device, NULL, bins, bstatus, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clCreateProgramWithBinary(t->context, 1, &t->device, lens, NULL, bstatus, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	size_t zero = 0;
	CHECK(clCreateProgramWithBinary(t->context, 1, &t->device, &zero, bins, bstatus, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK_ERR(bstatus[0], CL_INVALID_VALUE);
	const unsigned char *null_bin = NULL;
	CHECK(clCreateProgramWithBinary(t->context, 1, &t->device, lens, &null_bin, bstatus, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK_ERR(bstatus[0], CL_INVALID_VALUE);
	bstatus[0] = 1;
	CHECK(clCreateProgramWithBinary(t->context, 1, &t->device, lens, bins, bstatus, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_BINARY);
	CHECK_ERR(bstatus[0], CL_INVALID_BINARY);
	CHECK(clCreateProgramWithBinary(t->context, 1, &t->device, lens, bins, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_BINARY);

	/* clCreateProgramWithIL: no IL support, even for a NULL il. */
	unsigned int spirv_magic = 0x07230203;
	CHECK(clCreateProgramWithIL(NULL, &spirv_magic, 4, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK(clCreateProgramWithIL((cl_context)GARBAGE, &spirv_magic, 4, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK(clCreateProgramWithIL(t->context, &spirv_magic, 4, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	CHECK(clCreateProgramWithIL(t->context, NULL, 0, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	char ilv[64] = "x";
	size_t sz = 99;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_IL_VERSION, sizeof ilv, ilv, &sz));
	CHECK(ilv[0] == 0);

	/* clCreateProgramWithBuiltInKernels: the device has none. */
	CHECK(clCreateProgramWithBuiltInKernels(NULL, 1, &t->device, "k", &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK(clCreateProgramWithBuiltInKernels(t->context, 1, NULL, "k", &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clCreateProgramWithBuiltInKernels(t->context, 0, &t->device, "k", &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clCreateProgramWithBuiltInKernels(t->context, 1, &t->device, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clCreateProgramWithBuiltInKernels(t->context, 1, &t->device, "k", &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clCreateProgramWithBuiltInKernels(t->context, 1, &t->device, "", &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	/* An unsupported name comes before an invalid device in the list. */
	CHECK(clCreateProgramWithBuiltInKernels(t->context, 1, &bad_dev, "k", &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	char bik[64] = "x";
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_BUILT_IN_KERNELS, sizeof bik, bik, NULL));
	CHECK(bik[0] == 0);
}

static void CL_CALLBACK release_cb(cl_program p, void *user) { (void)p; (void)user; }

static void test_callbacks_and_spec_constants(test_env *t) {
	cl_program p = make_program(t, src_a);
	int user;
	cl_uint v = 42;
	/* No device supports program-scope global destructors. */
	CHECK_ERR(clSetProgramReleaseCallback(p, release_cb, &user), CL_INVALID_OPERATION);
	CHECK_ERR(clSetProgramReleaseCallback(p, release_cb, NULL), CL_INVALID_OPERATION);
	CHECK_ERR(clSetProgramReleaseCallback(p, NULL, NULL), CL_INVALID_OPERATION);
	/* No device supports IL programs (3.0 CTS consistency_il_programs). */
	CHECK_ERR(clSetProgramSpecializationConstant(p, 0, sizeof v, &v), CL_INVALID_OPERATION);
	CHECK_ERR(clSetProgramSpecializationConstant(p, 7, 0, NULL), CL_INVALID_OPERATION);
	CHECK(prog_refs(p) == 1);
	clReleaseProgram(p);
}

static void test_kernels(test_env *t) {
	cl_int err;
	cl_program p = make_program(t, src_a);
	cl_kernel ks[4];
	cl_uint n = 77;

	/* No executable: before and after a failed build. */
	for (int round = 0; round < 2; round++) {
		err = 0;
		CHECK(clCreateKernel(p, "k", &err) == NULL);
		CHECK_ERR(err, CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK(clCreateKernel(p, NULL, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK(clCreateKernel(p, "nope", NULL) == NULL);
		CHECK_ERR(clCreateKernelsInProgram(p, 4, ks, &n), CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK_ERR(clCreateKernelsInProgram(p, 0, NULL, &n), CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK_ERR(clCreateKernelsInProgram(p, 0, NULL, NULL), CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK(n == 77);
		clBuildProgram(p, 0, NULL, NULL, NULL, NULL);
	}

	/* Every kernel entry point validates its kernel. */
	cl_kernel bad[] = { NULL, (cl_kernel)GARBAGE, (cl_kernel)p, (cl_kernel)t->context,
		(cl_kernel)t->queue, (cl_kernel)t->device, (cl_kernel)released_program };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cl_kernel k = bad[i];
		size_t sz, wg[3] = { 1, 1, 1 };
		cl_uint u;
		int arg = 0;
		CHECK_ERR(clRetainKernel(k), CL_INVALID_KERNEL);
		CHECK_ERR(clReleaseKernel(k), CL_INVALID_KERNEL);
		CHECK_ERR(clSetKernelArg(k, 0, sizeof arg, &arg), CL_INVALID_KERNEL);
		CHECK_ERR(clSetKernelArgSVMPointer(k, 0, &arg), CL_INVALID_KERNEL);
		CHECK_ERR(clSetKernelExecInfo(k, CL_KERNEL_EXEC_INFO_SVM_FINE_GRAIN_SYSTEM, sizeof u, &u), CL_INVALID_KERNEL);
		CHECK_ERR(clGetKernelInfo(k, CL_KERNEL_NUM_ARGS, sizeof u, &u, NULL), CL_INVALID_KERNEL);
		CHECK_ERR(clGetKernelInfo(k, 0x9999, sizeof u, &u, NULL), CL_INVALID_KERNEL);
		CHECK_ERR(clGetKernelArgInfo(k, 0, CL_KERNEL_ARG_NAME, sizeof u, &u, NULL), CL_INVALID_KERNEL);
		CHECK_ERR(clGetKernelWorkGroupInfo(k, t->device, CL_KERNEL_WORK_GROUP_SIZE, sizeof sz, &sz, NULL), CL_INVALID_KERNEL);
		CHECK_ERR(clGetKernelWorkGroupInfo(k, NULL, CL_KERNEL_WORK_GROUP_SIZE, sizeof sz, &sz, NULL), CL_INVALID_KERNEL);
		CHECK_ERR(clGetKernelSubGroupInfo(k, t->device, CL_KERNEL_MAX_NUM_SUB_GROUPS, 0, NULL, sizeof sz, &sz, NULL), CL_INVALID_KERNEL);
		err = 0;
		CHECK(clCloneKernel(k, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_KERNEL);
		CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, wg, NULL, 0, NULL, NULL), CL_INVALID_KERNEL);
		CHECK_ERR(clEnqueueTask(t->queue, k, 0, NULL, NULL), CL_INVALID_KERNEL);
		/* The queue comes first. */
		CHECK_ERR(clEnqueueNDRangeKernel(NULL, k, 1, NULL, wg, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueNDRangeKernel((cl_command_queue)GARBAGE, k, 0, NULL, NULL, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueTask((cl_command_queue)t->context, k, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	}
	CHECK(prog_refs(p) == 1);
	clReleaseProgram(p);
}

static void CL_CALLBACK native_fn(void *args) { (void)args; }

static void test_native_kernels(test_env *t) {
	cl_device_exec_capabilities caps = 0;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_EXECUTION_CAPABILITIES, sizeof caps, &caps, NULL));
	CHECK(caps & CL_EXEC_KERNEL);
	CHECK(!(caps & CL_EXEC_NATIVE_KERNEL));
	int args = 1;
	cl_event ev = NULL;
	CHECK_ERR(clEnqueueNativeKernel(t->queue, native_fn, &args, sizeof args, 0, NULL, NULL, 0, NULL, &ev), CL_INVALID_OPERATION);
	CHECK(ev == NULL);
	CHECK_ERR(clEnqueueNativeKernel(t->queue, NULL, NULL, 0, 0, NULL, NULL, 0, NULL, NULL), CL_INVALID_OPERATION);
	CHECK_ERR(clEnqueueNativeKernel(NULL, native_fn, &args, sizeof args, 0, NULL, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(clEnqueueNativeKernel((cl_command_queue)GARBAGE, native_fn, NULL, 0, 0, NULL, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(clEnqueueNativeKernel((cl_command_queue)t->context, native_fn, NULL, 0, 0, NULL, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
}

static void test_pipes(test_env *t) {
	cl_int err = 0;
	cl_bool b = CL_TRUE;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_PIPE_SUPPORT, sizeof b, &b, NULL));
	CHECK(b == CL_FALSE);
	CHECK(clCreatePipe(t->context, CL_MEM_HOST_NO_ACCESS, 4, 4, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	CHECK(clCreatePipe(t->context, 0xFFFF, 0, 0, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	CHECK(clCreatePipe(NULL, 0, 4, 4, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK(clCreatePipe((cl_context)GARBAGE, 0, 4, 4, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK(clCreatePipe((cl_context)t->queue, 0, 4, 4, NULL, NULL) == NULL);

	cl_uint u;
	cl_mem buf = clCreateBuffer(t->context, CL_MEM_READ_WRITE, 64, NULL, &err);
	REQUIRE_OK(err);
	CHECK_ERR(clGetPipeInfo(buf, CL_PIPE_PACKET_SIZE, sizeof u, &u, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clGetPipeInfo(buf, 0x9999, sizeof u, &u, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clGetPipeInfo(NULL, CL_PIPE_MAX_PACKETS, sizeof u, &u, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clGetPipeInfo((cl_mem)GARBAGE, CL_PIPE_MAX_PACKETS, sizeof u, &u, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clGetPipeInfo((cl_mem)t->context, CL_PIPE_PROPERTIES, sizeof u, &u, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_OK(clReleaseMemObject(buf));
	CHECK_ERR(clGetPipeInfo(buf, CL_PIPE_PACKET_SIZE, sizeof u, &u, NULL), CL_INVALID_MEM_OBJECT);
}

/* GL sharing is not claimed: no context comes from GL, no memory object
 * from a GL object. */
static void test_gl(test_env *t) {
	cl_int err = 0;
	cl_mem buf = clCreateBuffer(t->context, CL_MEM_READ_WRITE, 64, NULL, &err);
	REQUIRE_OK(err);
	cl_context ctxs[] = { NULL, (cl_context)GARBAGE, (cl_context)t->queue, t->context };
	for (size_t i = 0; i < sizeof ctxs / sizeof ctxs[0]; i++) {
		err = 0;
		CHECK(clCreateFromGLBuffer(ctxs[i], CL_MEM_READ_WRITE, 1, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		CHECK(clCreateFromGLTexture(ctxs[i], CL_MEM_READ_WRITE, 0x0DE1, 0, 1, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		CHECK(clCreateFromGLTexture2D(ctxs[i], 0xFFFF, 0x0DE1, 0, 1, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		CHECK(clCreateFromGLTexture3D(ctxs[i], CL_MEM_READ_ONLY, 0x806F, 0, 1, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		CHECK(clCreateFromGLRenderbuffer(ctxs[i], CL_MEM_WRITE_ONLY, 1, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		CHECK(clCreateEventFromGLsyncKHR(ctxs[i], (cl_GLsync)GARBAGE, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
	}
	CHECK(clCreateFromGLBuffer(t->context, CL_MEM_READ_WRITE, 1, NULL) == NULL);

	cl_gl_object_type type;
	cl_GLuint name;
	CHECK_ERR(clGetGLObjectInfo(buf, &type, &name), CL_INVALID_GL_OBJECT);
	CHECK_ERR(clGetGLObjectInfo(buf, NULL, NULL), CL_INVALID_GL_OBJECT);
	CHECK_ERR(clGetGLObjectInfo(NULL, &type, &name), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clGetGLObjectInfo((cl_mem)GARBAGE, &type, &name), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(clGetGLObjectInfo((cl_mem)t->context, &type, &name), CL_INVALID_MEM_OBJECT);
	cl_GLenum target;
	CHECK_ERR(clGetGLTextureInfo(buf, CL_GL_TEXTURE_TARGET, sizeof target, &target, NULL), CL_INVALID_GL_OBJECT);
	CHECK_ERR(clGetGLTextureInfo(buf, 0x9999, 0, NULL, NULL), CL_INVALID_GL_OBJECT);
	CHECK_ERR(clGetGLTextureInfo((cl_mem)GARBAGE, CL_GL_TEXTURE_TARGET, sizeof target, &target, NULL), CL_INVALID_MEM_OBJECT);

	/* Acquire/release: CL_INVALID_VALUE, CL_INVALID_MEM_OBJECT,
	 * CL_INVALID_COMMAND_QUEUE, then CL_INVALID_CONTEXT. */
	cl_mem bad_mem = (cl_mem)GARBAGE;
	cl_event ev = NULL;
	CHECK_ERR(clEnqueueAcquireGLObjects(t->queue, 1, &buf, 0, NULL, &ev), CL_INVALID_CONTEXT);
	CHECK(ev == NULL);
	CHECK_ERR(clEnqueueReleaseGLObjects(t->queue, 1, &buf, 0, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueAcquireGLObjects(t->queue, 0, NULL, 0, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueAcquireGLObjects(t->queue, 1, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueReleaseGLObjects(t->queue, 0, &buf, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueAcquireGLObjects(t->queue, 1, &bad_mem, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	/* (With a NULL or garbage queue the ICD loader answers
	 * CL_INVALID_COMMAND_QUEUE itself: it needs the queue to dispatch.) */
	CHECK_ERR(clEnqueueAcquireGLObjects(NULL, 1, &buf, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(clEnqueueReleaseGLObjects((cl_command_queue)GARBAGE, 1, &buf, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);

	/* clGetGLContextInfoKHR through the platform's extension address. */
	clGetGLContextInfoKHR_fn info = (clGetGLContextInfoKHR_fn)
		clGetExtensionFunctionAddressForPlatform(t->platform, "clGetGLContextInfoKHR");
	if (info) {
		cl_device_id d;
		cl_context_properties props[] = { CL_CONTEXT_PLATFORM, (cl_context_properties)t->platform,
			CL_GL_CONTEXT_KHR, 1, CL_GLX_DISPLAY_KHR, 1, 0 };
		CHECK_ERR(info(props, CL_CURRENT_DEVICE_FOR_GL_CONTEXT_KHR, sizeof d, &d, NULL), CL_INVALID_OPERATION);
		CHECK_ERR(info(props, CL_DEVICES_FOR_GL_CONTEXT_KHR, 0, NULL, NULL), CL_INVALID_OPERATION);
		CHECK_ERR(info(props, 0x9999, sizeof d, &d, NULL), CL_INVALID_VALUE);
		cl_context_properties unknown[] = { CL_CONTEXT_PLATFORM, (cl_context_properties)t->platform, 0x7777, 1, 0 };
		CHECK_ERR(info(unknown, CL_CURRENT_DEVICE_FOR_GL_CONTEXT_KHR, sizeof d, &d, NULL), CL_INVALID_VALUE);
	} else {
		printf("clGetGLContextInfoKHR: no address (the extension is not claimed)\n");
	}
	CHECK_OK(clReleaseMemObject(buf));
}

/* Threads create, build, query and release programs, and share one. */
#define THREADS 8
#define ROUNDS 200
static test_env *g_env;
static cl_program g_shared;
static int g_failures;

static void *worker(void *arg) {
	long id = (long)arg;
	int bad = 0;
	for (int i = 0; i < ROUNDS; i++) {
		cl_int err;
		char src[128];
		snprintf(src, sizeof src, "kernel void k%ld_%d(void) {}\n", id, i);
		const char *s = src;
		cl_program p = clCreateProgramWithSource(g_env->context, 1, &s, NULL, &err);
		if (err != CL_SUCCESS || !p) { bad++; continue; }
		char got[128];
		size_t sz = 0;
		if (clGetProgramInfo(p, CL_PROGRAM_SOURCE, sizeof got, got, &sz) != CL_SUCCESS || strcmp(got, src) != 0 || sz != strlen(src) + 1) bad++;
		if ((i & 3) == 0 && clBuildProgram(p, 0, NULL, "-w", NULL, NULL) != CL_COMPILER_NOT_AVAILABLE) bad++;
		if (clRetainProgram(p) != CL_SUCCESS) bad++;
		if (clReleaseProgram(p) != CL_SUCCESS) bad++;
		if (clReleaseProgram(p) != CL_SUCCESS) bad++;
		/* The shared program: build, query, retain and release concurrently. */
		cl_int r = clBuildProgram(g_shared, 0, NULL, i & 1 ? "-DA" : "-DB", NULL, NULL);
		if (r != CL_COMPILER_NOT_AVAILABLE && r != CL_INVALID_OPERATION) bad++;
		cl_build_status st = 0;
		if (clGetProgramBuildInfo(g_shared, g_env->device, CL_PROGRAM_BUILD_STATUS, sizeof st, &st, NULL) != CL_SUCCESS ||
		    (st != CL_BUILD_ERROR && st != CL_BUILD_IN_PROGRESS)) bad++;
		if (clRetainProgram(g_shared) != CL_SUCCESS) bad++;
		cl_kernel k = clCreateKernel(g_shared, "k", &err);
		if (k != NULL || err != CL_INVALID_PROGRAM_EXECUTABLE) bad++;
		if (clReleaseProgram(g_shared) != CL_SUCCESS) bad++;
	}
	__atomic_add_fetch(&g_failures, bad, __ATOMIC_SEQ_CST);
	return NULL;
}

static void test_threads(test_env *t) {
	g_env = t;
	g_shared = make_program(t, src_b);
	pthread_t th[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&th[i], NULL, worker, (void *)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	CHECK(g_failures == 0);
	CHECK(prog_refs(g_shared) == 1);
	char *opts = build_string(t, g_shared, CL_PROGRAM_BUILD_OPTIONS);
	CHECK(opts && (strcmp(opts, "-DA") == 0 || strcmp(opts, "-DB") == 0));
	free(opts);
	CHECK_OK(clReleaseProgram(g_shared));
}

int main(void) {
	test_env t = test_setup();
	released_program = make_program(&t, src_b);
	clReleaseProgram(released_program);

	test_compiler_not_available(&t);
	test_create_with_source(&t);
	test_program_info(&t);
	test_bad_program_handles(&t);
	test_build(&t);
	test_compile_and_link(&t);
	test_other_creators(&t);
	test_callbacks_and_spec_constants(&t);
	test_kernels(&t);
	test_native_kernels(&t);
	test_pipes(&t);
	test_gl(&t);
	test_threads(&t);
	test_teardown(&t);
	return check_done();
}
