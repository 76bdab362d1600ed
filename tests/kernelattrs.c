/* Kernel attributes as the API reports and honours them: programs that
 * differ only in an attribute (the same machine code) keep their own
 * attributes in one process even without the cache, reqd_work_group_size
 * is reported and used for a NULL local size, and vec_type_hint is
 * reported with its element type and length. */
#include "check.h"

static test_env t;

static size_t *compile_wg(cl_kernel k) {
	static size_t cwg[3];
	cwg[0] = cwg[1] = cwg[2] = 12345;
	CHECK_OK(clGetKernelWorkGroupInfo(k, t.device, CL_KERNEL_COMPILE_WORK_GROUP_SIZE, sizeof cwg, cwg, NULL));
	return cwg;
}

static const char *attributes(cl_kernel k) {
	static char s[1024];
	s[0] = 0;
	CHECK_OK(clGetKernelInfo(k, CL_KERNEL_ATTRIBUTES, sizeof s, s, NULL));
	return s;
}

/* Runs k (one int buffer argument of n ints) over global with a NULL local
 * size and returns the buffer; checks first that bad_local (if not NULL), a
 * local size other than the required one, is refused. */
static int *run(cl_kernel k, cl_uint dim, const size_t *global, size_t n, const size_t *bad_local) {
	static int out[4096];
	memset(out, 0xff, sizeof out);
	cl_mem m = check_buffer(&t, n * sizeof(int), out);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	if (bad_local)
		CHECK_ERR(clEnqueueNDRangeKernel(t.queue, k, dim, NULL, global, bad_local, 0, NULL, NULL), CL_INVALID_WORK_GROUP_SIZE);
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, dim, NULL, global, NULL, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, n * sizeof(int), out, 0, NULL, NULL));
	clReleaseMemObject(m);
	return out;
}

/* Two programs identical but for reqd_work_group_size compile to the same
 * code: each must still report, and run with, its own size. */
static void test_same_code_different_reqd(void) {
	static const char *fmt =
		"kernel __attribute__((reqd_work_group_size(%d, 1, 1)))\n"
		"void ls(global int *out) { out[get_global_id(0)] = (int)get_local_size(0); }\n";
	char src[2][512];
	cl_program p[2];
	cl_kernel k[2];
	int sizes[2] = {64, 128};
	for (int i = 0; i < 2; i++) {
		snprintf(src[i], sizeof src[i], fmt, sizes[i]);
		p[i] = check_build(&t, src[i], "");
		cl_int err;
		k[i] = clCreateKernel(p[i], "ls", &err);
		REQUIRE_OK(err);
	}
	for (int i = 0; i < 2; i++) {
		size_t *cwg = compile_wg(k[i]);
		if (cwg[0] != (size_t)sizes[i]) fprintf(stderr, "program %d: compile work-group size %zu, want %d\n", i, cwg[0], sizes[i]);
		CHECK(cwg[0] == (size_t)sizes[i] && cwg[1] == 1 && cwg[2] == 1);
		size_t wg = 0;
		CHECK_OK(clGetKernelWorkGroupInfo(k[i], t.device, CL_KERNEL_WORK_GROUP_SIZE, sizeof wg, &wg, NULL));
		CHECK(wg == (size_t)sizes[i]);
		char want[64];
		snprintf(want, sizeof want, "reqd_work_group_size(%d,1,1)", sizes[i]);
		CHECK(strstr(attributes(k[i]), want) != NULL);
		/* A NULL local size runs work-groups of the required size. */
		size_t g = 256, other = (size_t)sizes[1 - i];
		int *out = run(k[i], 1, &g, 256, &other);
		int good = 1;
		for (int j = 0; j < 256; j++) good &= out[j] == sizes[i];
		if (!good) fprintf(stderr, "program %d: get_local_size(0) = %d, want %d\n", i, out[0], sizes[i]);
		CHECK(good);
	}
	for (int i = 0; i < 2; i++) {
		clReleaseKernel(k[i]);
		clReleaseProgram(p[i]);
	}
}

/* CL_KERNEL_COMPILE_WORK_GROUP_SIZE of a 3D size, and a 2D kernel with a
 * required size launched with a NULL local size. */
static void test_reqd_sizes(void) {
	const char *src =
		"kernel __attribute__((reqd_work_group_size(64, 14, 2)))\n"
		"void three(global int *out) { out[0] = 1; }\n"
		"kernel __attribute__((reqd_work_group_size(2, 3, 1)))\n"
		"void two(global int *out) {\n"
		"  size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);\n"
		"  out[4 * i] = (int)get_local_size(0); out[4 * i + 1] = (int)get_local_size(1);\n"
		"  out[4 * i + 2] = (int)get_local_size(2);\n"
		"  out[4 * i + 3] = (int)(get_local_id(1) * 10 + get_local_id(0));\n"
		"}\n"
		"kernel void none(global int *out) { out[0] = 1; }\n";
	cl_program p = check_build(&t, src, "");
	cl_int err;
	cl_kernel three = clCreateKernel(p, "three", &err);
	REQUIRE_OK(err);
	cl_kernel two = clCreateKernel(p, "two", &err);
	REQUIRE_OK(err);
	cl_kernel none = clCreateKernel(p, "none", &err);
	REQUIRE_OK(err);
	size_t *cwg = compile_wg(three);
	CHECK(cwg[0] == 64 && cwg[1] == 14 && cwg[2] == 2);
	CHECK(strstr(attributes(three), "reqd_work_group_size(64,14,2)") != NULL);
	cwg = compile_wg(two);
	CHECK(cwg[0] == 2 && cwg[1] == 3 && cwg[2] == 1);
	cwg = compile_wg(none);
	CHECK(cwg[0] == 0 && cwg[1] == 0 && cwg[2] == 0);

	size_t g[2] = {8, 9};
	size_t bad[2] = {3, 2};
	int *out = run(two, 2, g, 4 * 8 * 9, bad);
	int good = 1;
	for (size_t y = 0; y < 9; y++)
		for (size_t x = 0; x < 8; x++) {
			int *o = out + 4 * (y * 8 + x);
			good &= o[0] == 2 && o[1] == 3 && o[2] == 1 && o[3] == (int)((y % 3) * 10 + x % 2);
		}
	if (!good) fprintf(stderr, "2D reqd (2,3,1): local size (%d,%d,%d)\n", out[0], out[1], out[2]);
	CHECK(good);
	clReleaseKernel(three);
	clReleaseKernel(two);
	clReleaseKernel(none);
	clReleaseProgram(p);
}

/* Programs identical but for vec_type_hint: each reports its own. */
static void test_same_code_different_hint(void) {
	static const char *types[] = {"uchar2", "double16", "float4"};
	for (int i = 0; i < 3; i++) {
		char src[256], want[64];
		snprintf(src, sizeof src, "kernel __attribute__((vec_type_hint(%s))) void h(global int *o) { o[0] = 7; }\n", types[i]);
		snprintf(want, sizeof want, "vec_type_hint(%s)", types[i]);
		cl_program p = check_build(&t, src, "");
		cl_int err;
		cl_kernel k = clCreateKernel(p, "h", &err);
		REQUIRE_OK(err);
		const char *a = attributes(k);
		if (strcmp(a, want) != 0) fprintf(stderr, "CL_KERNEL_ATTRIBUTES \"%s\", want \"%s\"\n", a, want);
		CHECK(strcmp(a, want) == 0);
		clReleaseKernel(k);
		clReleaseProgram(p);
	}
}

/* vec_type_hint: the element type and the vector length, as in source,
 * built with options (or compiled and linked when link is set). */
static void test_vec_type_hint(const char *options, int link) {
	static const char *types[] = {"double16", "double", "float4", "float8", "char2", "uchar16", "short3",
		"ushort8", "int", "uint4", "long2", "ulong16", "uchar2"};
	int n = sizeof types / sizeof types[0];
	char src[8192] = "";
	for (int i = 0; i < n; i++) {
		char line[256];
		snprintf(line, sizeof line, "kernel __attribute__((vec_type_hint(%s))) void k%d(global int *o) { o[0] = %d; }\n",
			types[i], i, i);
		strcat(src, line);
	}
	cl_program p;
	if (link) {
		cl_int err;
		const char *srcp = src;
		cl_program o = clCreateProgramWithSource(t.context, 1, &srcp, NULL, &err);
		REQUIRE_OK(err);
		REQUIRE_OK(clCompileProgram(o, 1, &t.device, options, 0, NULL, NULL, NULL, NULL));
		p = clLinkProgram(t.context, 1, &t.device, "", 1, &o, NULL, NULL, &err);
		REQUIRE_OK(err);
		clReleaseProgram(o);
	} else {
		p = check_build(&t, src, options);
	}
	for (int i = 0; i < n; i++) {
		char name[16], want[64];
		snprintf(name, sizeof name, "k%d", i);
		snprintf(want, sizeof want, "vec_type_hint(%s)", types[i]);
		cl_int err;
		cl_kernel k = clCreateKernel(p, name, &err);
		REQUIRE_OK(err);
		const char *a = attributes(k);
		if (strcmp(a, want) != 0) fprintf(stderr, "%s (%s%s): CL_KERNEL_ATTRIBUTES \"%s\", want \"%s\"\n", name, options, link ? ", linked" : "", a, want);
		CHECK(strcmp(a, want) == 0);
		clReleaseKernel(k);
	}
	clReleaseProgram(p);
}

int main(void) {
	/* The in-process reuse of compiled code is what is tested, not the
	 * cache on disk. */
	setenv("GOCL_NO_CACHE", "1", 1);
	t = test_setup();
	test_same_code_different_reqd();
	test_reqd_sizes();
	test_vec_type_hint("", 0);
	test_vec_type_hint("-cl-std=CL3.0", 0);
	test_vec_type_hint("-cl-std=CL1.2", 1);
	test_vec_type_hint("-cl-std=CL3.0", 1);
	test_same_code_different_hint();
	test_teardown(&t);
	return check_done();
}
