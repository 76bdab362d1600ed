/* The program API with gocl's kernel compiler: creation from source and
 * binaries, builds (status, options, logs with clang's diagnostics, every
 * build option of the OpenCL C specification, OpenCL C 1.x and 3.0),
 * asynchronous builds with callbacks, separate compilation with embedded
 * headers, linking of objects and libraries, program queries, binaries that
 * load back and run, program-scope global variables, every argument error in
 * the specification's order, handle validation for programs and kernels,
 * pipes and GL sharing (not offered), and concurrent use. Kernel objects are
 * in kernelapi.c. Kernels run and their results are checked on the host. */
#include "check.h"
#include <CL/cl_gl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
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


/* run_tag makes sources new to the build cache (a comment on the last
 * line, so line numbers in logs stay), for builds that must compile. */
static unsigned run_tag;

static char *fresh(const char *src) {
	static int n;
	char *s = malloc(strlen(src) + 64);
	sprintf(s, "%s\n// %u.%d\n", src, run_tag, n++);
	return s;
}

static int contains(const char *s, const char *what) { return s && strstr(s, what) != NULL; }

static void print_log(test_env *t, cl_program p) {
	char *log = build_string(t, p, CL_PROGRAM_BUILD_LOG);
	fprintf(stderr, "build log:\n%s\n", log ? log : "(none)");
	free(log);
}

/* built: a program built from src with options; the test cannot go on
 * without it. */
static cl_program built(test_env *t, const char *src, const char *options) {
	cl_program p = make_program(t, src);
	cl_int err = clBuildProgram(p, 0, NULL, options, NULL, NULL);
	if (err != CL_SUCCESS) {
		print_log(t, p);
		REQUIRE_OK(err);
	}
	return p;
}

/* run: kernel name of p on n work-items, its first argument a buffer of n
 * ints (set to -1 before), read back into out. */
static cl_int run(test_env *t, cl_program p, const char *name, size_t n, int *out) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, name, &err);
	if (err != CL_SUCCESS) return err;
	for (size_t i = 0; i < n; i++) out[i] = -1;
	cl_mem b = clCreateBuffer(t->context, CL_MEM_COPY_HOST_PTR, n * sizeof(int), out, &err);
	if (err == CL_SUCCESS) err = clSetKernelArg(k, 0, sizeof b, &b);
	if (err == CL_SUCCESS) err = clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &n, NULL, 0, NULL, NULL);
	if (err == CL_SUCCESS) err = clEnqueueReadBuffer(t->queue, b, CL_TRUE, 0, n * sizeof(int), out, 0, NULL, NULL);
	clReleaseMemObject(b);
	clReleaseKernel(k);
	return err;
}

/* run1: the first int a one-work-item run of kernel name writes (-99 on
 * error). */
static int run1(test_env *t, cl_program p, const char *name) {
	int v;
	cl_int err = run(t, p, name, 1, &v);
	if (err != CL_SUCCESS) {
		fprintf(stderr, "run %s: error %d\n", name, err);
		return -99;
	}
	return v;
}

static size_t num_kernels(cl_program p) {
	size_t n = 0;
	if (clGetProgramInfo(p, CL_PROGRAM_NUM_KERNELS, sizeof n, &n, NULL) != CL_SUCCESS) return (size_t)-1;
	return n;
}

static char *kernel_names(cl_program p) {
	static char names[1024];
	names[0] = 0;
	if (clGetProgramInfo(p, CL_PROGRAM_KERNEL_NAMES, sizeof names, names, NULL) != CL_SUCCESS) return NULL;
	return names;
}

static cl_program_binary_type binary_type(test_env *t, cl_program p) {
	cl_program_binary_type bt = 99;
	clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BINARY_TYPE, sizeof bt, &bt, NULL);
	return bt;
}

/* binary_of: the program's binary for the (single) device. */
static unsigned char *binary_of(cl_program p, size_t *len) {
	*len = 0;
	if (clGetProgramInfo(p, CL_PROGRAM_BINARY_SIZES, sizeof *len, len, NULL) != CL_SUCCESS || *len == 0) return NULL;
	unsigned char *bin = malloc(*len);
	unsigned char *bins[1] = { bin };
	if (clGetProgramInfo(p, CL_PROGRAM_BINARIES, sizeof bins, bins, NULL) != CL_SUCCESS) {
		free(bin);
		return NULL;
	}
	return bin;
}

static double now_ms(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
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
/* wait_cb waits for n callbacks: builds side by side on a loaded 2-core
 * machine can take minutes, so the bound is generous (a hang still fails,
 * and run.sh's timeout stops it). */
static int wait_cb(int n) {
	for (int i = 0; i < 300000 && __atomic_load_n(&g_cb_calls, __ATOMIC_SEQ_CST) < n; i++)
		usleep(1000);
	return __atomic_load_n(&g_cb_calls, __ATOMIC_SEQ_CST);
}


static cl_device_id g_dev;
static cl_build_status g_cb_status = 99;

/* status_cb records the build status the callback sees: the final one. */
static void CL_CALLBACK status_cb(cl_program p, void *user) {
	cl_build_status s = 98;
	clGetProgramBuildInfo(p, g_dev, CL_PROGRAM_BUILD_STATUS, sizeof s, &s, NULL);
	g_cb_status = s;
	build_cb(p, user);
}

static void test_compiler_available(test_env *t) {
	cl_bool b = CL_FALSE;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_COMPILER_AVAILABLE, sizeof b, &b, NULL));
	CHECK(b == CL_TRUE);
	b = CL_FALSE;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_LINKER_AVAILABLE, sizeof b, &b, NULL));
	CHECK(b == CL_TRUE);
}

static void test_build(test_env *t) {
	cl_program p = make_program(t, src_a);
	int user, out[64];
	cl_int err;

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
	/* Invalid options: nothing is built, nothing changes. */
	static const char *const bad_options[] = { "-cl-no-such-option", "-cl-std=CL9.9", "-D", "-I", "-DX \"unterminated",
		"-create-library", "-enable-link-options", "--help", "-o /tmp/x" };
	for (size_t i = 0; i < sizeof bad_options / sizeof bad_options[0]; i++)
		CHECK_ERR(clBuildProgram(p, 0, NULL, bad_options[i], NULL, NULL), CL_INVALID_BUILD_OPTIONS);
	/* Refused builds change nothing. */
	CHECK(build_status(t, p) == CL_BUILD_NONE);
	char *s = build_string(t, p, CL_PROGRAM_BUILD_OPTIONS);
	CHECK(s && s[0] == 0);
	free(s);

	/* A build: status, options, binary type, kernels, and they run. */
	CHECK_OK(clBuildProgram(p, 0, NULL, "-cl-std=CL3.0 -DN=4", NULL, NULL));
	CHECK(build_status(t, p) == CL_BUILD_SUCCESS);
	s = build_string(t, p, CL_PROGRAM_BUILD_OPTIONS);
	CHECK(s && strcmp(s, "-cl-std=CL3.0 -DN=4") == 0);
	free(s);
	s = build_string(t, p, CL_PROGRAM_BUILD_LOG);
	CHECK(s != NULL);
	free(s);
	CHECK(binary_type(t, p) == CL_PROGRAM_BINARY_TYPE_EXECUTABLE);
	CHECK(num_kernels(p) == 1);
	CHECK(contains(kernel_names(p), "k") && strlen(kernel_names(p)) == 1);
	CHECK_OK(run(t, p, "k", 64, out));
	int ones = 0;
	for (int i = 0; i < 64; i++) ones += out[i] == 1;
	CHECK(ones == 64);
	cl_bool ctors = CL_TRUE, dtors = CL_TRUE;
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_SCOPE_GLOBAL_CTORS_PRESENT, sizeof ctors, &ctors, NULL));
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_SCOPE_GLOBAL_DTORS_PRESENT, sizeof dtors, &dtors, NULL));
	CHECK(ctors == CL_FALSE && dtors == CL_FALSE);
	/* An invalid options string leaves the executable alone. */
	CHECK_ERR(clBuildProgram(p, 0, NULL, "-cl-nope", NULL, NULL), CL_INVALID_BUILD_OPTIONS);
	CHECK(build_status(t, p) == CL_BUILD_SUCCESS && num_kernels(p) == 1);

	/* Rebuilt with an explicit device list and NULL options (the empty
	 * string). */
	CHECK_OK(clBuildProgram(p, 1, &t->device, NULL, NULL, NULL));
	s = build_string(t, p, CL_PROGRAM_BUILD_OPTIONS);
	CHECK(s && s[0] == 0);
	free(s);
	CHECK(run1(t, p, "k") == 1);
	CHECK(prog_refs(p) == 1);
	CHECK_OK(clReleaseProgram(p));

	/* A build that fails: CL_BUILD_PROGRAM_FAILURE, clang's diagnostics in
	 * the log under the name <source>, no executable. */
	const char *bad_src = "kernel void k(global int *p) {\n  p[0] = undefined_thing;\n}\n";
	p = make_program(t, bad_src);
	CHECK_ERR(clBuildProgram(p, 0, NULL, NULL, NULL, NULL), CL_BUILD_PROGRAM_FAILURE);
	CHECK(build_status(t, p) == CL_BUILD_ERROR);
	s = build_string(t, p, CL_PROGRAM_BUILD_LOG);
	CHECK(contains(s, "<source>:2:10: error:") && contains(s, "undefined_thing"));
	CHECK(!contains(s, "/tmp/"));
	free(s);
	CHECK(binary_type(t, p) == CL_PROGRAM_BINARY_TYPE_NONE);
	size_t n, sizes[1] = { 7 };
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_NUM_KERNELS, sizeof n, &n, NULL), CL_INVALID_PROGRAM_EXECUTABLE);
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_BINARY_SIZES, sizeof sizes, sizes, NULL));
	CHECK(sizes[0] == 0);
	CHECK(clCreateKernel(p, "k", &err) == NULL);
	CHECK_ERR(err, CL_INVALID_PROGRAM_EXECUTABLE);
	clReleaseProgram(p);

	/* A program that built once and then fails loses its executable; it
	 * builds again after. */
	p = make_program(t, "#ifdef BAD\n#error bad build\n#endif\nkernel void k(global int *p) { p[get_global_id(0)] = 2; }\n");
	CHECK_OK(clBuildProgram(p, 0, NULL, NULL, NULL, NULL));
	CHECK(run1(t, p, "k") == 2);
	CHECK_ERR(clBuildProgram(p, 0, NULL, "-DBAD", NULL, NULL), CL_BUILD_PROGRAM_FAILURE);
	s = build_string(t, p, CL_PROGRAM_BUILD_LOG);
	CHECK(contains(s, "<source>:2:2: error: bad build"));
	free(s);
	CHECK(clCreateKernel(p, "k", &err) == NULL);
	CHECK_ERR(err, CL_INVALID_PROGRAM_EXECUTABLE);
	CHECK_OK(clBuildProgram(p, 0, NULL, "-DGOOD", NULL, NULL));
	CHECK(run1(t, p, "k") == 2);
	clReleaseProgram(p);

	/* Warnings: in the log of a successful build (the cached one's too),
	 * silenced by -w, errors with -Werror. */
	const char *warn_src = "#warning look-at-this\nkernel void k(global int *p) { p[0] = 3; }\n";
	for (int round = 0; round < 2; round++) {
		p = make_program(t, warn_src);
		CHECK_OK(clBuildProgram(p, 0, NULL, NULL, NULL, NULL));
		s = build_string(t, p, CL_PROGRAM_BUILD_LOG);
		CHECK(contains(s, "<source>:1:2: warning: look-at-this"));
		free(s);
		clReleaseProgram(p);
	}
	p = make_program(t, warn_src);
	CHECK_OK(clBuildProgram(p, 0, NULL, "-w", NULL, NULL));
	s = build_string(t, p, CL_PROGRAM_BUILD_LOG);
	CHECK(s && !contains(s, "look-at-this"));
	free(s);
	CHECK(run1(t, p, "k") == 3);
	CHECK_ERR(clBuildProgram(p, 0, NULL, "-Werror", NULL, NULL), CL_BUILD_PROGRAM_FAILURE);
	s = build_string(t, p, CL_PROGRAM_BUILD_LOG);
	CHECK(contains(s, "error: look-at-this"));
	free(s);
	clReleaseProgram(p);

	/* Asynchronous builds: with a callback clBuildProgram returns as soon
	 * as the build has started; the callback sees the final status. */
	g_dev = t->device;
	char *src = fresh("kernel void k(global int *p) { p[get_global_id(0)] = 7; }\n");
	p = make_program(t, src);
	g_cb_calls = 0;
	double t0 = now_ms();
	CHECK_OK(clBuildProgram(p, 0, NULL, NULL, status_cb, &user));
	double returned = now_ms() - t0;
	cl_build_status st = build_status(t, p);
	int early = __atomic_load_n(&g_cb_calls, __ATOMIC_SEQ_CST);
	CHECK(st == CL_BUILD_IN_PROGRESS && early == 0);
	if (st == CL_BUILD_IN_PROGRESS) {
		/* Meanwhile: no executable, no second build. */
		CHECK(clCreateKernel(p, "k", &err) == NULL);
		CHECK_ERR(err, CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_NUM_KERNELS, sizeof n, &n, NULL), CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK_ERR(clBuildProgram(p, 0, NULL, NULL, NULL, NULL), CL_INVALID_OPERATION);
		CHECK_ERR(clCompileProgram(p, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL), CL_INVALID_OPERATION);
		CHECK(clLinkProgram(t->context, 0, NULL, NULL, 1, &p, NULL, NULL, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_OPERATION);
	}
	CHECK(wait_cb(1) == 1);
	double finished = now_ms() - t0;
	printf("asynchronous build: returned after %.2f ms, built after %.1f ms\n", returned, finished);
	CHECK(g_cb_program == p && g_cb_user == &user);
	CHECK(g_cb_status == CL_BUILD_SUCCESS);
	CHECK(build_status(t, p) == CL_BUILD_SUCCESS);
	CHECK(run1(t, p, "k") == 7);
	usleep(10000);
	CHECK(g_cb_calls == 1);
	free(src);
	/* A failing asynchronous build: CL_SUCCESS, then the callback, then
	 * the error in the status and log. */
	CHECK_OK(clBuildProgram(p, 1, &t->device, "-Dp=", status_cb, NULL));
	CHECK(wait_cb(2) == 2);
	CHECK(g_cb_program == p && g_cb_user == NULL);
	CHECK(g_cb_status == CL_BUILD_ERROR && build_status(t, p) == CL_BUILD_ERROR);
	CHECK(clCreateKernel(p, "k", &err) == NULL);
	clReleaseProgram(p);
	src = fresh("kernel void k(global int *p) { p[0] = nope; }\n");
	p = make_program(t, src);
	CHECK_OK(clBuildProgram(p, 1, &t->device, NULL, status_cb, NULL));
	CHECK(wait_cb(3) == 3);
	CHECK(g_cb_status == CL_BUILD_ERROR && build_status(t, p) == CL_BUILD_ERROR);
	s = build_string(t, p, CL_PROGRAM_BUILD_LOG);
	CHECK(contains(s, "<source>:1:39: error:") && contains(s, "nope"));
	free(s);
	free(src);
	/* Not for refused builds. */
	CHECK_ERR(clBuildProgram(p, 1, NULL, NULL, status_cb, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clBuildProgram(p, 0, NULL, "-cl-nope", status_cb, NULL), CL_INVALID_BUILD_OPTIONS);
	usleep(10000);
	CHECK(g_cb_calls == 3);
	CHECK(prog_refs(p) == 1);
	clReleaseProgram(p);
	/* The application may release the program while it builds: the build
	 * ends and the callback still comes. */
	src = fresh("kernel void k(global int *p) { p[0] = 8; }\n");
	p = make_program(t, src);
	CHECK_OK(clBuildProgram(p, 0, NULL, NULL, build_cb, NULL));
	CHECK_OK(clReleaseProgram(p));
	CHECK(wait_cb(4) == 4);
	free(src);
}

/* A callback that builds: callbacks run outside the build that called them. */
static test_env *g_nest_env;
static int g_nested_ok;

static void CL_CALLBACK nesting_cb(cl_program p, void *user) {
	(void)user;
	cl_int err;
	cl_program q = clCreateProgramWithSource(g_nest_env->context, 1, &src_a, NULL, &err);
	if (err == CL_SUCCESS && clBuildProgram(q, 0, NULL, NULL, NULL, NULL) == CL_SUCCESS)
		__atomic_add_fetch(&g_nested_ok, 1, __ATOMIC_SEQ_CST);
	clReleaseProgram(q);
	build_cb(p, user);
}

static void test_nested_builds(test_env *t) {
	enum { N = 4 };
	cl_program ps[N];
	g_nest_env = t;
	g_cb_calls = 0;
	for (int i = 0; i < N; i++) {
		char *src = fresh("kernel void k(global int *p) { p[0] = 1; }\n");
		ps[i] = make_program(t, src);
		free(src);
		CHECK_OK(clBuildProgram(ps[i], 0, NULL, NULL, nesting_cb, NULL));
	}
	CHECK(wait_cb(N) == N);
	CHECK(g_nested_ok == N);
	for (int i = 0; i < N; i++) {
		CHECK(build_status(t, ps[i]) == CL_BUILD_SUCCESS);
		clReleaseProgram(ps[i]);
	}
}

/* Every build option of the OpenCL C specification is accepted, reaches
 * the compiler where it changes the program, and the program runs. */
static const char *opt_src =
	"#ifndef N\n#define N -1\n#endif\n"
	"kernel void opts(global int *o) {\n"
	"  o[0] = N;\n"
	"  o[1] = __OPENCL_C_VERSION__;\n"
	"#ifdef __FAST_RELAXED_MATH__\n  o[2] = 1;\n#else\n  o[2] = 0;\n#endif\n"
	"  o[3] = __FINITE_MATH_ONLY__;\n"
	"#if __OPENCL_C_VERSION__ >= 120\n  o[4] = sizeof(1.0);\n#else\n  o[4] = 0;\n#endif\n"
	"#ifdef FLAG\n  o[5] = FLAG;\n#else\n  o[5] = 0;\n#endif\n"
	"#ifdef __opencl_c_generic_address_space\n  o[6] = 1;\n#else\n  o[6] = 0;\n#endif\n"
	"#ifdef STR\n  o[7] = sizeof(STR);\n#else\n  o[7] = 0;\n#endif\n"
	"#ifdef __opencl_c_program_scope_global_variables\n  o[8] = 1;\n#else\n  o[8] = 0;\n#endif\n"
	"#ifdef cl_khr_fp64\n  o[9] = 1;\n#else\n  o[9] = 0;\n#endif\n"
	"#ifdef cl_khr_fp16\n  o[10] = 1;\n#else\n  o[10] = 0;\n#endif\n"
	"  o[11] = (int)(1.5f * 4.0f);\n"
	"#ifdef __IMAGE_SUPPORT__\n  o[12] = __IMAGE_SUPPORT__;\n#else\n  o[12] = 0;\n#endif\n"
	"#ifdef __OPENCL_VERSION__\n  o[13] = __OPENCL_VERSION__;\n#else\n  o[13] = 0;\n#endif\n"
	"}\n";

static void test_build_options(test_env *t) {
	struct { const char *options; int want[14]; } cases[] = {
		/*                                             N  ver fast fin dbl FLAG gen STR psgv fp64 fp16 calc img ver */
		{ "",                                       { -1, 120, 0, 0, 8, 0, 0, 0, 0, 1, 1, 6, 1, 300 } },
		{ "-D N=5 -DFLAG",                          {  5, 120, 0, 0, 8, 1, 0, 0, 0, 1, 1, 6, 1, 300 } },
		{ "-DN=6 -D FLAG=3 -D N",                   {  1, 120, 0, 0, 8, 3, 0, 0, 0, 1, 1, 6, 1, 300 } },
		{ "-D 'STR=\"a b\"' -D\"FLAG=4\"",          { -1, 120, 0, 0, 8, 4, 0, 4, 0, 1, 1, 6, 1, 300 } },
		{ "-cl-std=CL1.1",                          { -1, 110, 0, 0, 0, 0, 0, 0, 0, 1, 1, 6, 1, 300 } },
		{ "-cl-std=CL1.2 -cl-std=CL1.0",            { -1, 100, 0, 0, 0, 0, 0, 0, 0, 1, 1, 6, 1, 300 } },
		{ "-cl-std=CL3.0",                          { -1, 300, 0, 0, 8, 0, 1, 0, 1, 1, 1, 6, 1, 300 } },
		{ "-cl-fast-relaxed-math",                  { -1, 120, 1, 1, 8, 0, 0, 0, 0, 1, 1, 6, 1, 300 } },
		{ "-cl-finite-math-only",                   { -1, 120, 0, 1, 8, 0, 0, 0, 0, 1, 1, 6, 1, 300 } },
		{ "-cl-single-precision-constant",          { -1, 120, 0, 0, 4, 0, 0, 0, 0, 1, 1, 6, 1, 300 } },
		{ "-cl-opt-disable",                        { -1, 120, 0, 0, 8, 0, 0, 0, 0, 1, 1, 6, 1, 300 } },
		{ "-cl-mad-enable -cl-no-signed-zeros -cl-unsafe-math-optimizations -cl-fp32-correctly-rounded-divide-sqrt",
		                                            { -1, 120, 0, 0, 8, 0, 0, 0, 0, 1, 1, 6, 1, 300 } },
		{ "-cl-denorms-are-zero -cl-kernel-arg-info -cl-strict-aliasing -cl-no-subgroup-ifp -w -Werror",
		                                            { -1, 120, 0, 0, 8, 0, 0, 0, 0, 1, 1, 6, 1, 300 } },
		{ "-cl-std=CL3.0 -cl-uniform-work-group-size", { -1, 300, 0, 0, 8, 0, 1, 0, 1, 1, 1, 6, 1, 300 } },
		{ "  -DN=9\t-cl-mad-enable  ",              {  9, 120, 0, 0, 8, 0, 0, 0, 0, 1, 1, 6, 1, 300 } },
	};
	/* All at once, asynchronously: the builds run side by side. */
	enum { NC = sizeof cases / sizeof cases[0] };
	cl_program ps[NC];
	g_cb_calls = 0;
	for (size_t c = 0; c < NC; c++) {
		ps[c] = make_program(t, opt_src);
		CHECK_OK(clBuildProgram(ps[c], 0, NULL, cases[c].options, build_cb, NULL));
	}
	CHECK(wait_cb(NC) == NC);
	for (size_t c = 0; c < NC; c++) {
		cl_program p = ps[c];
		cl_int err;
		CHECK(build_status(t, p) == CL_BUILD_SUCCESS);
		if (build_status(t, p) != CL_BUILD_SUCCESS) {
			fprintf(stderr, "options \"%s\":\n", cases[c].options);
			print_log(t, p);
			clReleaseProgram(p);
			continue;
		}
		char *s = build_string(t, p, CL_PROGRAM_BUILD_OPTIONS);
		CHECK(s && strcmp(s, cases[c].options) == 0);
		free(s);
		int out[14];
		cl_kernel k = clCreateKernel(p, "opts", &err);
		cl_mem b = clCreateBuffer(t->context, CL_MEM_READ_WRITE, sizeof out, NULL, &err);
		size_t one = 1;
		CHECK_OK(clSetKernelArg(k, 0, sizeof b, &b));
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &one, NULL, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadBuffer(t->queue, b, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
		int same = memcmp(out, cases[c].want, sizeof out) == 0;
		CHECK(same);
		if (!same) {
			fprintf(stderr, "options \"%s\": got", cases[c].options);
			for (int i = 0; i < 14; i++) fprintf(stderr, " %d", out[i]);
			fprintf(stderr, "\n");
		}
		clReleaseMemObject(b);
		clReleaseKernel(k);
		clReleaseProgram(p);
	}

	/* -I: include directories, in both spellings; a changed header is
	 * seen by the next build (the build cache checks included files). */
	char dir[] = "/tmp/gocl-program-test-XXXXXX";
	REQUIRE_OK(mkdtemp(dir) ? CL_SUCCESS : CL_OUT_OF_HOST_MEMORY);
	char path[256], opts[300];
	snprintf(path, sizeof path, "%s/inc_value.h", dir);
	const char *inc_src = "#include \"inc_value.h\"\nkernel void inc(global int *o) { o[0] = INC_VALUE; }\n";
	for (int v = 42; v <= 43; v++) {
		FILE *f = fopen(path, "w");
		fprintf(f, "#define INC_VALUE %d\n", v);
		fclose(f);
		for (int spelling = 0; spelling < 2; spelling++) {
			snprintf(opts, sizeof opts, spelling ? "-I%s" : "-I %s", dir);
			cl_program p = built(t, inc_src, opts);
			CHECK(run1(t, p, "inc") == v);
			clReleaseProgram(p);
		}
	}
	/* Without the directory, the include fails and the log says so. */
	cl_program p = make_program(t, inc_src);
	CHECK_ERR(clBuildProgram(p, 0, NULL, NULL, NULL, NULL), CL_BUILD_PROGRAM_FAILURE);
	char *s = build_string(t, p, CL_PROGRAM_BUILD_LOG);
	CHECK(contains(s, "<source>:1:10: fatal error: 'inc_value.h' file not found"));
	free(s);
	clReleaseProgram(p);
	unlink(path);
	rmdir(dir);

	/* OpenCL C 1.2 has no program-scope variables outside __constant; 3.0
	 * with the feature has them. */
	const char *gv = "global int g = 4;\nkernel void gv(global int *o) { o[0] = g; }\n";
	p = make_program(t, gv);
	CHECK_ERR(clBuildProgram(p, 0, NULL, "-cl-std=CL1.2", NULL, NULL), CL_BUILD_PROGRAM_FAILURE);
	CHECK_OK(clBuildProgram(p, 0, NULL, "-cl-std=CL3.0", NULL, NULL));
	CHECK(run1(t, p, "gv") == 4);
	clReleaseProgram(p);
}

/* compiled: src compiled with options (and embedded headers). */
static cl_program compiled(test_env *t, const char *src, const char *options, cl_uint nh, cl_program *hs, const char **names) {
	cl_program p = make_program(t, src);
	cl_int err = clCompileProgram(p, 0, NULL, options, nh, nh ? hs : NULL, nh ? names : NULL, NULL, NULL);
	if (err != CL_SUCCESS) {
		print_log(t, p);
		REQUIRE_OK(err);
	}
	return p;
}

static const char *obj_a = "int helper(int x);\nkernel void ka(global int *o) { o[get_global_id(0)] = helper(3); }\n";
static const char *obj_b = "int helper(int x) { return x * 11; }\nkernel void kb(global int *o) { o[get_global_id(0)] = 5; }\n";

static void test_compile_and_link(test_env *t) {
	cl_program p = make_program(t, "#include \"h.h\"\nkernel void k(global int *o) { o[0] = F; }\n");
	cl_program h = make_program(t, "#define F 40\n");
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
	/* Compiler options: -create-library is a linker option. */
	CHECK_ERR(clCompileProgram(p, 0, NULL, "-create-library", 1, &h, &name, NULL, NULL), CL_INVALID_COMPILER_OPTIONS);
	CHECK_ERR(clCompileProgram(p, 0, NULL, "-cl-nope", 1, &h, &name, NULL, NULL), CL_INVALID_COMPILER_OPTIONS);
	CHECK(build_status(t, p) == CL_BUILD_NONE);

	/* A compile with an embedded header: a compiled object, no kernels to
	 * create yet. */
	CHECK_OK(clCompileProgram(p, 0, NULL, "-DX", 1, &h, &name, NULL, NULL));
	CHECK(build_status(t, p) == CL_BUILD_SUCCESS);
	CHECK(binary_type(t, p) == CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT);
	char *s = build_string(t, p, CL_PROGRAM_BUILD_OPTIONS);
	CHECK(s && strcmp(s, "-DX") == 0);
	free(s);
	size_t n, len;
	CHECK_ERR(clGetProgramInfo(p, CL_PROGRAM_NUM_KERNELS, sizeof n, &n, NULL), CL_INVALID_PROGRAM_EXECUTABLE);
	CHECK(clCreateKernel(p, "k", &err) == NULL);
	CHECK_ERR(err, CL_INVALID_PROGRAM_EXECUTABLE);
	unsigned char *obj_bin = binary_of(p, &len);
	CHECK(obj_bin != NULL && len > 0);
	/* A compiled program is not built: clBuildProgram builds its source. */
	/* Linked alone, it makes an executable. */
	cl_program e = clLinkProgram(t->context, 0, NULL, NULL, 1, &p, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK(e != NULL);
	if (e) {
		CHECK(build_status(t, e) == CL_BUILD_SUCCESS);
		CHECK(binary_type(t, e) == CL_PROGRAM_BINARY_TYPE_EXECUTABLE);
		CHECK(num_kernels(e) == 1);
		CHECK(run1(t, e, "k") == 40);
		/* A linked program is not built or compiled again. */
		CHECK_ERR(clBuildProgram(e, 0, NULL, NULL, NULL, NULL), CL_INVALID_OPERATION);
		CHECK_ERR(clCompileProgram(e, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL), CL_INVALID_OPERATION);
		char src[8] = "x";
		size_t sz = 9;
		CHECK_OK(clGetProgramInfo(e, CL_PROGRAM_SOURCE, sizeof src, src, &sz));
		CHECK(sz == 1 && src[0] == 0);
		clReleaseProgram(e);
	}
	/* The compiled object's binary loads back and links. */
	if (obj_bin) {
		const unsigned char *bins[1] = { obj_bin };
		cl_int bst = 1;
		cl_program pb = clCreateProgramWithBinary(t->context, 1, &t->device, &len, bins, &bst, &err);
		CHECK_OK(err);
		CHECK_OK(bst);
		CHECK(binary_type(t, pb) == CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT);
		e = clLinkProgram(t->context, 1, &t->device, NULL, 1, &pb, NULL, NULL, &err);
		CHECK_OK(err);
		if (e) CHECK(run1(t, e, "k") == 40);
		clReleaseProgram(e);
		/* ... and builds into an executable. */
		CHECK_OK(clBuildProgram(pb, 0, NULL, NULL, NULL, NULL));
		CHECK(binary_type(t, pb) == CL_PROGRAM_BINARY_TYPE_EXECUTABLE);
		CHECK(run1(t, pb, "k") == 40);
		clReleaseProgram(pb);
		free(obj_bin);
	}
	/* An asynchronous compile. */
	g_cb_calls = 0;
	CHECK_OK(clCompileProgram(p, 1, &t->device, "-DY", 1, &h, &name, build_cb, &user));
	CHECK(wait_cb(1) == 1);
	CHECK(g_cb_program == p && g_cb_user == &user);
	CHECK(build_status(t, p) == CL_BUILD_SUCCESS);
	/* A compile that fails: the log names the source and the header. */
	cl_program bad_hdr = make_program(t, "#define F 1\n#error in-the-header\n");
	CHECK_ERR(clCompileProgram(p, 0, NULL, NULL, 1, &bad_hdr, &name, NULL, NULL), CL_COMPILE_PROGRAM_FAILURE);
	CHECK(build_status(t, p) == CL_BUILD_ERROR);
	CHECK(binary_type(t, p) == CL_PROGRAM_BINARY_TYPE_NONE);
	s = build_string(t, p, CL_PROGRAM_BUILD_LOG);
	CHECK(contains(s, "h.h:2:2: error: in-the-header") && contains(s, "<source>:1:"));
	CHECK(!contains(s, "/tmp/"));
	free(s);
	clReleaseProgram(bad_hdr);
	/* A compile with missing header. */
	CHECK_ERR(clCompileProgram(p, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL), CL_COMPILE_PROGRAM_FAILURE);
	s = build_string(t, p, CL_PROGRAM_BUILD_LOG);
	CHECK(contains(s, "'h.h' file not found"));
	free(s);

	/* Header names with directories, headers including headers. */
	cl_program hs[3] = { make_program(t, "#include \"inner.h\"\n#define A (INNER + 1)\n"),
		make_program(t, "#define INNER 10\n"), make_program(t, "#define B 100\n") };
	const char *hnames[3] = { "sub/dir/a.h", "sub/dir/inner.h", "b.h" };
	cl_program q = compiled(t, "#include \"sub/dir/a.h\"\n#include <b.h>\nkernel void q(global int *o) { o[0] = A + B; }\n",
		NULL, 3, hs, hnames);
	e = clLinkProgram(t->context, 0, NULL, NULL, 1, &q, NULL, NULL, &err);
	CHECK_OK(err);
	if (e) CHECK(run1(t, e, "q") == 111);
	clReleaseProgram(e);
	for (int i = 0; i < 3; i++) clReleaseProgram(hs[i]);
	clReleaseProgram(q);

	/* clLinkProgram: argument errors in order. */
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
	/* Linker options: compile options are not. */
	static const char *const bad_link[] = { "-DX", "-I/tmp", "-cl-std=CL3.0", "-cl-kernel-arg-info", "-nope" };
	for (size_t i = 0; i < sizeof bad_link / sizeof bad_link[0]; i++) {
		CHECK(clLinkProgram(t->context, 0, NULL, bad_link[i], 1, in, NULL, NULL, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_LINKER_OPTIONS);
	}
	/* A compiled program (p failed its last compile) with a program that
	 * has none: CL_INVALID_OPERATION. */
	cl_program a = compiled(t, obj_a, NULL, 0, NULL, NULL);
	cl_program mixed[2] = { a, h };
	CHECK(clLinkProgram(t->context, 0, NULL, NULL, 2, mixed, NULL, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	/* None has a compiled object: a program without an executable. */
	e = clLinkProgram(t->context, 0, NULL, NULL, 1, &h, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK(e != NULL);
	if (e) {
		CHECK(binary_type(t, e) == CL_PROGRAM_BINARY_TYPE_NONE);
		CHECK(clCreateKernel(e, "k", &err) == NULL);
		CHECK_ERR(err, CL_INVALID_PROGRAM_EXECUTABLE);
		clReleaseProgram(e);
	}

	/* Two objects, one calling the other's function. */
	cl_program b = compiled(t, obj_b, "-cl-std=CL1.2", 0, NULL, NULL);
	cl_program ab[2] = { a, b };
	e = clLinkProgram(t->context, 0, NULL, NULL, 2, ab, NULL, NULL, &err);
	CHECK_OK(err);
	if (e) {
		CHECK(num_kernels(e) == 2);
		char *names = kernel_names(e);
		CHECK(names && (strcmp(names, "ka;kb") == 0 || strcmp(names, "kb;ka") == 0));
		CHECK(run1(t, e, "ka") == 33);
		CHECK(run1(t, e, "kb") == 5);
		clReleaseProgram(e);
	}
	/* A library made of b (-create-library), linked with a. */
	cl_program lib = clLinkProgram(t->context, 0, NULL, "-create-library", 1, &b, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK(lib != NULL);
	if (lib) {
		CHECK(build_status(t, lib) == CL_BUILD_SUCCESS);
		CHECK(binary_type(t, lib) == CL_PROGRAM_BINARY_TYPE_LIBRARY);
		CHECK(clCreateKernel(lib, "kb", &err) == NULL);
		CHECK_ERR(err, CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK_ERR(clGetProgramInfo(lib, CL_PROGRAM_NUM_KERNELS, sizeof n, &n, NULL), CL_INVALID_PROGRAM_EXECUTABLE);
		cl_program al[2] = { a, lib };
		e = clLinkProgram(t->context, 0, NULL, "-enable-link-options -cl-fast-relaxed-math", 2, al, NULL, NULL, &err);
		CHECK_OK(err);
		if (e) {
			CHECK(run1(t, e, "ka") == 33);
			CHECK(run1(t, e, "kb") == 5);
			clReleaseProgram(e);
		}
		/* A library of a library and an object, then its binary. */
		cl_program lib2 = clLinkProgram(t->context, 0, NULL, "-create-library -enable-link-options", 2, al, NULL, NULL, &err);
		CHECK_OK(err);
		size_t llen;
		unsigned char *lbin = lib2 ? binary_of(lib2, &llen) : NULL;
		CHECK(lbin != NULL);
		if (lbin) {
			const unsigned char *bins[1] = { lbin };
			cl_program lp = clCreateProgramWithBinary(t->context, 1, &t->device, &llen, bins, NULL, &err);
			CHECK_OK(err);
			CHECK(binary_type(t, lp) == CL_PROGRAM_BINARY_TYPE_LIBRARY);
			e = clLinkProgram(t->context, 0, NULL, NULL, 1, &lp, NULL, NULL, &err);
			CHECK_OK(err);
			if (e) CHECK(run1(t, e, "ka") == 33);
			clReleaseProgram(e);
			clReleaseProgram(lp);
			free(lbin);
		}
		clReleaseProgram(lib2);
		clReleaseProgram(lib);
	}

	/* Links that fail return the program (its log says why) with
	 * CL_LINK_PROGRAM_FAILURE: an undefined function, a kernel defined
	 * twice. */
	e = clLinkProgram(t->context, 0, NULL, NULL, 1, &a, NULL, NULL, &err);
	CHECK_ERR(err, CL_LINK_PROGRAM_FAILURE);
	CHECK(e != NULL);
	if (e) {
		CHECK(build_status(t, e) == CL_BUILD_ERROR);
		s = build_string(t, e, CL_PROGRAM_BUILD_LOG);
		CHECK(contains(s, "helper"));
		free(s);
		CHECK(clCreateKernel(e, "ka", &err) == NULL);
		CHECK_ERR(err, CL_INVALID_PROGRAM_EXECUTABLE);
		clReleaseProgram(e);
	}
	cl_program bb[2] = { b, b };
	e = clLinkProgram(t->context, 0, NULL, NULL, 2, bb, NULL, NULL, &err);
	CHECK_ERR(err, CL_LINK_PROGRAM_FAILURE);
	if (e) {
		s = build_string(t, e, CL_PROGRAM_BUILD_LOG);
		CHECK(contains(s, "kb"));
		free(s);
		clReleaseProgram(e);
	}

	/* A compiled object loaded from its binary that does not build alone
	 * (helper is missing) keeps its binary: it still links with b. */
	size_t alen;
	unsigned char *abin = binary_of(a, &alen);
	if (abin) {
		const unsigned char *bins[1] = { abin };
		cl_program pa = clCreateProgramWithBinary(t->context, 1, &t->device, &alen, bins, NULL, &err);
		CHECK_OK(err);
		CHECK_ERR(clBuildProgram(pa, 0, NULL, NULL, NULL, NULL), CL_BUILD_PROGRAM_FAILURE);
		CHECK(build_status(t, pa) == CL_BUILD_ERROR);
		CHECK(binary_type(t, pa) == CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT);
		s = build_string(t, pa, CL_PROGRAM_BUILD_LOG);
		CHECK(contains(s, "helper"));
		free(s);
		cl_program pab[2] = { pa, b };
		e = clLinkProgram(t->context, 0, NULL, NULL, 2, pab, NULL, NULL, &err);
		CHECK_OK(err);
		if (e) CHECK(run1(t, e, "ka") == 33);
		clReleaseProgram(e);
		clReleaseProgram(pa);
		free(abin);
	}

	/* An asynchronous link: the program comes back at once, the callback
	 * gets it when the link is done. */
	g_cb_calls = 0;
	g_dev = t->device;
	g_cb_status = 99;
	e = clLinkProgram(t->context, 1, &t->device, NULL, 2, ab, status_cb, &user, &err);
	CHECK_OK(err);
	CHECK(e != NULL);
	CHECK(wait_cb(1) == 1);
	CHECK(g_cb_program == e && g_cb_user == &user && g_cb_status == CL_BUILD_SUCCESS);
	if (e) CHECK(run1(t, e, "ka") == 33);
	clReleaseProgram(e);
	/* ... and one that fails: CL_SUCCESS, then the error in the status. */
	e = clLinkProgram(t->context, 0, NULL, NULL, 1, &a, status_cb, NULL, &err);
	CHECK_OK(err);
	CHECK(wait_cb(2) == 2);
	CHECK(g_cb_program == e && g_cb_status == CL_BUILD_ERROR);
	clReleaseProgram(e);
	CHECK(prog_refs(a) == 1 && prog_refs(b) == 1 && prog_refs(p) == 1 && prog_refs(h) == 1);
	clReleaseProgram(a);
	clReleaseProgram(b);
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

	/* clCreateProgramWithBinary: errors in order; a binary gocl did not
	 * make is CL_INVALID_BINARY. */
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

	/* clCreateProgramWithIL: the context comes first; without IL support
	 * (no llvm-spirv-15) CL_INVALID_OPERATION even for a NULL il, with it
	 * a 4-byte or NULL il is CL_INVALID_VALUE (tests/spirv.c has more). */
	char ilv[256] = "x";
	size_t sz = 99;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_IL_VERSION, sizeof ilv, ilv, &sz));
	cl_int no_il = ilv[0] == 0 ? CL_INVALID_OPERATION : CL_INVALID_VALUE;
	CHECK(ilv[0] == 0 || strncmp(ilv, "SPIR-V_1.0", 10) == 0);
	unsigned int spirv_magic = 0x07230203;
	CHECK(clCreateProgramWithIL(NULL, &spirv_magic, 4, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK(clCreateProgramWithIL((cl_context)GARBAGE, &spirv_magic, 4, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK(clCreateProgramWithIL(t->context, &spirv_magic, 4, &err) == NULL);
	CHECK_ERR(err, no_il);
	CHECK(clCreateProgramWithIL(t->context, NULL, 0, &err) == NULL);
	CHECK_ERR(err, no_il);

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


static const char *two_kernels =
	"kernel void twice(global int *o) { o[get_global_id(0)] = 2 * (int)get_global_id(0); }\n"
	"kernel void plus(global int *o) { o[get_global_id(0)] += 100; }\n";

/* CL_PROGRAM_BINARIES of a built program load back with
 * clCreateProgramWithBinary, build, and run; a damaged binary is refused. */
static void test_binaries(test_env *t) {
	cl_int err;
	cl_program p = built(t, two_kernels, "-cl-kernel-arg-info");
	size_t len = 0;
	unsigned char *bin = binary_of(p, &len);
	CHECK(bin != NULL && len > 64);
	size_t sz = 0;
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_BINARIES, 0, NULL, &sz));
	CHECK(sz == sizeof(unsigned char *));
	if (!bin) {
		clReleaseProgram(p);
		return;
	}
	const unsigned char *bins[1] = { bin };
	cl_int bst = 1;
	cl_program q = clCreateProgramWithBinary(t->context, 1, &t->device, &len, bins, &bst, &err);
	CHECK_OK(err);
	CHECK_OK(bst);
	CHECK(q != NULL);
	/* Loaded, not built: the binary type is known, no kernels yet. */
	CHECK(build_status(t, q) == CL_BUILD_NONE);
	CHECK(binary_type(t, q) == CL_PROGRAM_BINARY_TYPE_EXECUTABLE);
	CHECK(clCreateKernel(q, "twice", &err) == NULL);
	CHECK_ERR(err, CL_INVALID_PROGRAM_EXECUTABLE);
	char src[4] = "x";
	CHECK_OK(clGetProgramInfo(q, CL_PROGRAM_SOURCE, sizeof src, src, &sz));
	CHECK(sz == 1 && src[0] == 0);
	/* Its binary is the one it was made from. */
	size_t qlen;
	unsigned char *qbin = binary_of(q, &qlen);
	CHECK(qbin && qlen == len && memcmp(qbin, bin, len) == 0);
	free(qbin);
	/* clCompileProgram needs source. */
	CHECK_ERR(clCompileProgram(q, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL), CL_INVALID_OPERATION);
	CHECK_OK(clBuildProgram(q, 0, NULL, NULL, NULL, NULL));
	CHECK(build_status(t, q) == CL_BUILD_SUCCESS);
	CHECK(num_kernels(q) == 2);
	char *names = kernel_names(q);
	CHECK(names && (strcmp(names, "plus;twice") == 0 || strcmp(names, "twice;plus") == 0));
	int out[16];
	CHECK_OK(run(t, q, "twice", 16, out));
	int good = 0;
	for (int i = 0; i < 16; i++) good += out[i] == 2 * i;
	CHECK(good == 16);
	/* Kernels of both programs at once. */
	cl_kernel k1 = clCreateKernel(p, "plus", &err);
	CHECK_OK(err);
	cl_kernel k2 = clCreateKernel(q, "plus", &err);
	CHECK_OK(err);
	cl_mem m = clCreateBuffer(t->context, CL_MEM_COPY_HOST_PTR, sizeof out, out, &err);
	size_t g = 16;
	CHECK_OK(clSetKernelArg(k1, 0, sizeof m, &m));
	CHECK_OK(clSetKernelArg(k2, 0, sizeof m, &m));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k1, 1, NULL, &g, NULL, 0, NULL, NULL));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k2, 1, NULL, &g, NULL, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	good = 0;
	for (int i = 0; i < 16; i++) good += out[i] == 2 * i + 200;
	CHECK(good == 16);
	/* A kernel holds its program: no rebuild meanwhile. */
	CHECK_ERR(clBuildProgram(q, 0, NULL, NULL, NULL, NULL), CL_INVALID_OPERATION);
	clReleaseKernel(k1);
	clReleaseKernel(k2);
	clReleaseMemObject(m);
	CHECK_OK(clBuildProgram(q, 0, NULL, NULL, NULL, NULL));
	clReleaseProgram(q);

	/* Damaged binaries: a byte changed in the code, in the header, the
	 * binary cut short. */
	size_t where[] = { len - 100, 20, len / 2 };
	for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
		unsigned char *d = malloc(len);
		memcpy(d, bin, len);
		d[where[i]] ^= 0x55;
		const unsigned char *db[1] = { d };
		bst = 1;
		CHECK(clCreateProgramWithBinary(t->context, 1, &t->device, &len, db, &bst, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_BINARY);
		CHECK_ERR(bst, CL_INVALID_BINARY);
		free(d);
	}
	size_t shorter[] = { len - 1, len / 2, 12, 1 };
	for (size_t i = 0; i < sizeof shorter / sizeof shorter[0]; i++) {
		bst = 1;
		CHECK(clCreateProgramWithBinary(t->context, 1, &t->device, &shorter[i], bins, &bst, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_BINARY);
		CHECK_ERR(bst, CL_INVALID_BINARY);
	}
	free(bin);
	clReleaseProgram(p);
}
static void test_callbacks_and_spec_constants(test_env *t) {
	cl_program p = make_program(t, src_a);
	int user;
	cl_uint v = 42;
	/* No device supports program-scope global destructors. */
	CHECK_ERR(clSetProgramReleaseCallback(p, release_cb, &user), CL_INVALID_OPERATION);
	CHECK_ERR(clSetProgramReleaseCallback(p, release_cb, NULL), CL_INVALID_OPERATION);
	CHECK_ERR(clSetProgramReleaseCallback(p, NULL, NULL), CL_INVALID_OPERATION);
	/* A source program: CL_INVALID_PROGRAM, or, where no device supports
	 * IL programs, CL_INVALID_OPERATION (3.0 CTS consistency_il_programs). */
	char ilv[256] = "";
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_IL_VERSION, sizeof ilv, ilv, NULL));
	cl_int want = ilv[0] == 0 ? CL_INVALID_OPERATION : CL_INVALID_PROGRAM;
	CHECK_ERR(clSetProgramSpecializationConstant(p, 0, sizeof v, &v), want);
	CHECK_ERR(clSetProgramSpecializationConstant(p, 7, 0, NULL), want);
	CHECK(prog_refs(p) == 1);
	clReleaseProgram(p);
}

static void test_kernels(test_env *t) {
	cl_int err;
	cl_program p = make_program(t, src_a);
	cl_kernel ks[4];
	cl_uint n = 77;

	/* No executable: before and after a failed build. */
	cl_program broken = make_program(t, "kernel void k(global int *p) { p[0] = ; }\n");
	for (int round = 0; round < 2; round++) {
		err = 0;
		CHECK(clCreateKernel(broken, "k", &err) == NULL);
		CHECK_ERR(err, CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK(clCreateKernel(broken, NULL, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK(clCreateKernel(broken, "nope", NULL) == NULL);
		CHECK_ERR(clCreateKernelsInProgram(broken, 4, ks, &n), CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK_ERR(clCreateKernelsInProgram(broken, 0, NULL, &n), CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK_ERR(clCreateKernelsInProgram(broken, 0, NULL, NULL), CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK(n == 77);
		CHECK_ERR(clBuildProgram(broken, 0, NULL, NULL, NULL, NULL), CL_BUILD_PROGRAM_FAILURE);
	}
	clReleaseProgram(broken);

	/* With an executable: names, counts, errors. */
	CHECK_OK(clBuildProgram(p, 0, NULL, NULL, NULL, NULL));
	CHECK(clCreateKernel(p, "nope", &err) == NULL);
	CHECK_ERR(err, CL_INVALID_KERNEL_NAME);
	CHECK(clCreateKernel(p, "", &err) == NULL);
	CHECK_ERR(err, CL_INVALID_KERNEL_NAME);
	CHECK(clCreateKernel(p, "K", NULL) == NULL);
	CHECK(clCreateKernel(p, NULL, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	cl_program two = built(t, two_kernels, NULL);
	CHECK_OK(clCreateKernelsInProgram(two, 0, NULL, &n));
	CHECK(n == 2);
	CHECK_ERR(clCreateKernelsInProgram(two, 1, ks, &n), CL_INVALID_VALUE);
	n = 0;
	CHECK_OK(clCreateKernelsInProgram(two, 4, ks, &n));
	CHECK(n == 2);
	char name0[32] = "", name1[32] = "";
	CHECK_OK(clGetKernelInfo(ks[0], CL_KERNEL_FUNCTION_NAME, sizeof name0, name0, NULL));
	CHECK_OK(clGetKernelInfo(ks[1], CL_KERNEL_FUNCTION_NAME, sizeof name1, name1, NULL));
	CHECK((!strcmp(name0, "plus") && !strcmp(name1, "twice")) || (!strcmp(name0, "twice") && !strcmp(name1, "plus")));
	CHECK_OK(clCreateKernelsInProgram(two, 2, ks + 2, NULL));
	/* Kernels keep their program: no build or compile meanwhile, and its
	 * handle stays valid after the application's last release. */
	CHECK_ERR(clBuildProgram(two, 0, NULL, NULL, NULL, NULL), CL_INVALID_OPERATION);
	CHECK_ERR(clCompileProgram(two, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL), CL_INVALID_OPERATION);
	CHECK_OK(clReleaseProgram(two));
	cl_program got = NULL;
	CHECK_OK(clGetKernelInfo(ks[0], CL_KERNEL_PROGRAM, sizeof got, &got, NULL));
	CHECK(got == two);
	cl_uint u;
	CHECK_OK(clGetProgramInfo(two, CL_PROGRAM_NUM_DEVICES, sizeof u, &u, NULL));
	for (int i = 0; i < 3; i++) CHECK_OK(clReleaseKernel(ks[i]));
	/* The last kernel runs, then takes the program with it. */
	int out[8];
	cl_mem m = clCreateBuffer(t->context, CL_MEM_READ_WRITE, sizeof out, NULL, &err);
	size_t g = 8;
	cl_kernel last = ks[3];
	CHECK_OK(clGetKernelInfo(last, CL_KERNEL_FUNCTION_NAME, sizeof name0, name0, NULL));
	CHECK_OK(clSetKernelArg(last, 0, sizeof m, &m));
	int zero = 0;
	CHECK_OK(clEnqueueFillBuffer(t->queue, m, &zero, sizeof zero, 0, sizeof out, 0, NULL, NULL));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, last, 1, NULL, &g, NULL, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	CHECK(out[7] == (strcmp(name0, "plus") == 0 ? 100 : 14));
	CHECK_OK(clReleaseKernel(last));
	CHECK_ERR(clGetProgramInfo(two, CL_PROGRAM_NUM_DEVICES, sizeof u, &u, NULL), CL_INVALID_PROGRAM);
	clReleaseMemObject(m);

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


/* Program-scope global variables (OpenCL C 3.0): shared by the kernels of
 * a program, kept between launches, one set per program object; and the
 * generic address space. */
static const char *globals_src =
	"global int counter = 5;\n"
	"global int table[100];\n"
	"static global long hidden;\n"
	"constant int k4[4] = { 1, 2, 3, 4 };\n"
	"kernel void bump(global int *o) { o[0] = counter; counter += 1; hidden += 2; }\n"
	"kernel void fill(global int *o) { size_t i = get_global_id(0); table[i] = (int)i * k4[i % 4]; o[i] = counter; }\n"
	"kernel void sum(global int *o) { int s = 0; for (int i = 0; i < 100; i++) s += table[i]; o[0] = s + (int)hidden; }\n";

static void test_program_globals(test_env *t) {
	cl_program p = built(t, globals_src, "-cl-std=CL3.0");
	size_t gsize = 0;
	CHECK_OK(clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE, sizeof gsize, &gsize, NULL));
	CHECK(gsize >= 4 + 400 + 8);
	printf("program-scope globals: %zu bytes\n", gsize);
	CHECK(run1(t, p, "bump") == 5);
	CHECK(run1(t, p, "bump") == 6);
	int out[100];
	CHECK_OK(run(t, p, "fill", 100, out));
	CHECK(out[99] == 7);
	int want = 0;
	for (int i = 0; i < 100; i++) want += i * (i % 4 + 1);
	CHECK(run1(t, p, "sum") == want + 4);
	/* Another program object from the same source: its own variables. */
	cl_program q = built(t, globals_src, "-cl-std=CL3.0");
	CHECK(run1(t, q, "bump") == 5);
	CHECK(run1(t, p, "bump") == 7);
	CHECK(run1(t, q, "sum") == 2);
	/* Rebuilt: the variables start again. */
	CHECK_OK(clBuildProgram(q, 0, NULL, "-cl-std=CL3.0", NULL, NULL));
	CHECK(run1(t, q, "bump") == 5);
	/* From the binary: the same again, its own. */
	size_t len;
	unsigned char *bin = binary_of(p, &len);
	if (bin) {
		const unsigned char *bins[1] = { bin };
		cl_int err;
		cl_program r = clCreateProgramWithBinary(t->context, 1, &t->device, &len, bins, NULL, &err);
		CHECK_OK(err);
		CHECK_OK(clBuildProgram(r, 0, NULL, NULL, NULL, NULL));
		CHECK_OK(clGetProgramBuildInfo(r, t->device, CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE, sizeof gsize, &gsize, NULL));
		CHECK(gsize >= 412);
		CHECK(run1(t, r, "bump") == 5);
		clReleaseProgram(r);
		free(bin);
	}
	clReleaseProgram(q);
	clReleaseProgram(p);
	/* No globals: 0. */
	p = built(t, src_a, "-cl-std=CL3.0");
	gsize = 99;
	CHECK_OK(clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE, sizeof gsize, &gsize, NULL));
	CHECK(gsize == 0);
	clReleaseProgram(p);

	/* Globals defined in one compiled object, used from another. */
	cl_int err;
	cl_program a = compiled(t, "extern global int shared_var;\nkernel void get(global int *o) { o[0] = shared_var; }\n", "-cl-std=CL3.0", 0, NULL, NULL);
	cl_program b = compiled(t, "global int shared_var = 77;\nkernel void set(global int *o) { shared_var = o[0]; }\n", "-cl-std=CL3.0", 0, NULL, NULL);
	cl_program ab[2] = { a, b };
	cl_program e = clLinkProgram(t->context, 0, NULL, NULL, 2, ab, NULL, NULL, &err);
	CHECK_OK(err);
	if (e) {
		CHECK(run1(t, e, "get") == 77);
		CHECK_OK(clGetProgramBuildInfo(e, t->device, CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE, sizeof gsize, &gsize, NULL));
		CHECK(gsize >= 4);
		clReleaseProgram(e);
	}
	clReleaseProgram(a);
	clReleaseProgram(b);

	/* A kernel's static __global variable is one variable, kept between
	 * launches (not per work-group like __local ones). */
	p = built(t, "kernel void st(global int *o) {\n"
		"  static global int calls = 10;\n  local int l[2];\n"
		"  if (get_global_id(0) == 0) { l[0] = calls; calls += 1; o[0] = l[0]; }\n}\n", "-cl-std=CL3.0");
	int seq = 0;
	for (int i = 0; i < 6; i++) seq += run1(t, p, "st") == 10 + i;
	CHECK(seq == 6);
	CHECK_OK(clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE, sizeof gsize, &gsize, NULL));
	CHECK(gsize == 4);
	clReleaseProgram(p);

	/* The generic address space: one function for private, local and
	 * global pointers. */
	p = built(t,
		"int twice(int *p) { return 2 * *p; }\n"
		"kernel void gen(global int *o) {\n"
		"  local int l; int q = 3;\n"
		"  if (get_local_id(0) == 0) l = 5;\n"
		"  barrier(CLK_LOCAL_MEM_FENCE);\n"
		"  size_t i = get_global_id(0);\n"
		"  o[i] = twice(&q) + twice(&l) + twice(&o[i]);\n"
		"}\n", "-cl-std=CL3.0");
	int gen[8];
	cl_mem m = clCreateBuffer(t->context, CL_MEM_READ_WRITE, sizeof gen, NULL, &err);
	for (int i = 0; i < 8; i++) gen[i] = i;
	CHECK_OK(clEnqueueWriteBuffer(t->queue, m, CL_TRUE, 0, sizeof gen, gen, 0, NULL, NULL));
	cl_kernel k = clCreateKernel(p, "gen", &err);
	CHECK_OK(err);
	size_t g = 8, l = 4;
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, sizeof gen, gen, 0, NULL, NULL));
	int good = 0;
	for (int i = 0; i < 8; i++) good += gen[i] == 6 + 10 + 2 * i;
	CHECK(good == 8);
	clReleaseKernel(k);
	clReleaseMemObject(m);
	clReleaseProgram(p);
}
/* Native kernels are covered by native.c; here only that the device offers them. */
static void test_native_kernels(test_env *t) {
	cl_device_exec_capabilities caps = 0;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_EXECUTION_CAPABILITIES, sizeof caps, &caps, NULL));
	CHECK(caps & CL_EXEC_KERNEL);
	CHECK(caps & CL_EXEC_NATIVE_KERNEL);
	CHECK_ERR(clEnqueueNativeKernel(NULL, NULL, NULL, 0, 0, NULL, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(clEnqueueNativeKernel((cl_command_queue)GARBAGE, NULL, NULL, 0, 0, NULL, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(clEnqueueNativeKernel((cl_command_queue)t->context, NULL, NULL, 0, 0, NULL, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
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


/* Threads create, build, run and release programs of one source (the
 * build cache serves most), and share one program that they build, query
 * and make kernels of concurrently. */
#define THREADS 4
#define ROUNDS 6
static test_env *g_env;
static cl_program g_shared;
static int g_failures;
static const char *thread_src = "kernel void tk(global int *o) { o[get_global_id(0)] = N * 2; }\n";

static void *worker(void *arg) {
	long id = (long)arg;
	int bad = 0;
	for (int i = 0; i < ROUNDS; i++) {
		cl_int err;
		const char *s = thread_src;
		cl_program p = clCreateProgramWithSource(g_env->context, 1, &s, NULL, &err);
		if (err != CL_SUCCESS || !p) { bad++; continue; }
		char opts[32];
		snprintf(opts, sizeof opts, "-DN=%d", (int)(id + i) % 3);
		if (clBuildProgram(p, 0, NULL, opts, NULL, NULL) != CL_SUCCESS) bad++;
		else if (run1(g_env, p, "tk") != (int)((id + i) % 3) * 2) bad++;
		if (clRetainProgram(p) != CL_SUCCESS) bad++;
		if (clReleaseProgram(p) != CL_SUCCESS) bad++;
		if (clReleaseProgram(p) != CL_SUCCESS) bad++;
		/* The shared program: build (refused while another thread builds
		 * it or holds a kernel of it), query, kernels, retain, release. */
		cl_int r = clBuildProgram(g_shared, 0, NULL, i & 1 ? "-DN=1" : "-DN=2", NULL, NULL);
		if (r != CL_SUCCESS && r != CL_INVALID_OPERATION) bad++;
		cl_build_status st = 0;
		if (clGetProgramBuildInfo(g_shared, g_env->device, CL_PROGRAM_BUILD_STATUS, sizeof st, &st, NULL) != CL_SUCCESS ||
		    (st != CL_BUILD_SUCCESS && st != CL_BUILD_IN_PROGRESS)) bad++;
		if (clRetainProgram(g_shared) != CL_SUCCESS) bad++;
		cl_kernel k = clCreateKernel(g_shared, "tk", &err);
		if (k) {
			if (err != CL_SUCCESS) bad++;
			clReleaseKernel(k);
		} else if (err != CL_INVALID_PROGRAM_EXECUTABLE) {
			bad++;
		}
		if (clReleaseProgram(g_shared) != CL_SUCCESS) bad++;
	}
	__atomic_add_fetch(&g_failures, bad, __ATOMIC_SEQ_CST);
	return NULL;
}

static void test_threads(test_env *t) {
	g_env = t;
	g_shared = built(t, thread_src, "-DN=2");
	pthread_t th[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&th[i], NULL, worker, (void *)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	CHECK(g_failures == 0);
	CHECK(prog_refs(g_shared) == 1);
	char *opts = build_string(t, g_shared, CL_PROGRAM_BUILD_OPTIONS);
	CHECK(opts && (strcmp(opts, "-DN=1") == 0 || strcmp(opts, "-DN=2") == 0));
	CHECK(build_status(t, g_shared) == CL_BUILD_SUCCESS);
	CHECK(opts && run1(t, g_shared, "tk") == (opts[4] - '0') * 2);
	free(opts);
	CHECK_OK(clReleaseProgram(g_shared));
}

int main(void) {
	test_env t = test_setup();
	run_tag = (unsigned)time(NULL) ^ (unsigned)getpid() << 16;
	released_program = make_program(&t, src_b);
	clReleaseProgram(released_program);

	test_compiler_available(&t);
	test_create_with_source(&t);
	test_program_info(&t);
	test_bad_program_handles(&t);
	test_build(&t);
	test_nested_builds(&t);
	test_build_options(&t);
	test_compile_and_link(&t);
	test_other_creators(&t);
	test_binaries(&t);
	test_callbacks_and_spec_constants(&t);
	test_kernels(&t);
	test_program_globals(&t);
	test_native_kernels(&t);
	test_pipes(&t);
	test_gl(&t);
	test_threads(&t);
	test_teardown(&t);
	return check_done();
}
