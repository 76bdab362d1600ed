/* OpenCL C 2.0 work-item and barrier builtins in programs built without
 * -cl-std (OpenCL C 1.2): work_group_barrier, get_local_linear_id and
 * get_global_linear_id build and work, a 1.x program that defines its own
 * function of such a name keeps it, and __OPENCL_C_VERSION__ stays what
 * the chosen -cl-std says. */
#include "check.h"

static test_env t;

/* Builds src with opts; returns the program, or NULL with the log in log. */
static cl_program try_build(const char *src, const char *opts, char *log, size_t logsize) {
	cl_int err;
	cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	err = clBuildProgram(p, 1, &t.device, opts, NULL, NULL);
	log[0] = 0;
	clGetProgramBuildInfo(p, t.device, CL_PROGRAM_BUILD_LOG, logsize, log, NULL);
	if (err != CL_SUCCESS) {
		clReleaseProgram(p);
		return NULL;
	}
	return p;
}

/* Runs kernel "k" of p (one int buffer of n ints) over a 2D range of
 * global (8, 6) with local (4, 3) and offset (1, 2); returns the buffer. */
static int *run2d(cl_program p, size_t n) {
	static int out[1024];
	memset(out, 0xff, sizeof out);
	cl_int err;
	cl_kernel k = clCreateKernel(p, "k", &err);
	REQUIRE_OK(err);
	cl_mem m = check_buffer(&t, n * sizeof(int), out);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	size_t off[2] = {1, 2}, g[2] = {8, 6}, l[2] = {4, 3};
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 2, off, g, l, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, n * sizeof(int), out, 0, NULL, NULL));
	clReleaseMemObject(m);
	clReleaseKernel(k);
	return out;
}

static const char *uses_src =
	"kernel void k(global int *out) {\n"
	"  local int tile[12];\n"
	"  size_t l = get_local_linear_id(), g = get_global_linear_id();\n"
	"  tile[l] = (int)g;\n"
	"  work_group_barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  out[3 * g] = (int)l;\n"
	"  out[3 * g + 1] = tile[11 - l];\n"
	"  out[3 * g + 2] = __OPENCL_C_VERSION__;\n"
	"}\n";

/* The builtins without -cl-std (and with a 1.x one), and with 3.0. */
static void test_uses(const char *opts, int version) {
	char log[16384];
	cl_program p = try_build(uses_src, opts, log, sizeof log);
	if (!p) fprintf(stderr, "build (%s) failed:\n%s\n", opts, log);
	CHECK(p != NULL);
	if (!p) return;
	int *out = run2d(p, 3 * 48);
	int good = 1;
	for (int y = 0; y < 6; y++)
		for (int x = 0; x < 8; x++) {
			int g = y * 8 + x, lx = x % 4, ly = y % 3, l = ly * 4 + lx;
			/* The work-item with local linear id 11 - l in the same group. */
			int ol = 11 - l, ox = x - lx + ol % 4, oy = y - ly + ol / 4;
			int *o = out + 3 * g;
			if (o[0] != l || o[1] != oy * 8 + ox || o[2] != version) {
				if (good) fprintf(stderr, "(%s) item (%d,%d): local linear %d (want %d), neighbour %d (want %d), version %d (want %d)\n",
					opts, x, y, o[0], l, o[1], oy * 8 + ox, o[2], version);
				good = 0;
			}
		}
	CHECK(good);
	clReleaseProgram(p);
}

/* A 1.x program with functions of its own of those names (they are not
 * reserved before OpenCL C 2.0), with the same and with other signatures. */
static void test_own_functions(void) {
	static const char *srcs[] = {
		"size_t get_local_linear_id(void) { return 40; }\n"
		"int work_group_barrier(int x) { return x + 1; }\n"
		"kernel void k(global int *out) {\n"
		"  size_t g = (get_global_id(1) - get_global_offset(1)) * get_global_size(0) + get_global_id(0) - get_global_offset(0);\n"
		"  out[g] = (int)get_local_linear_id() + work_group_barrier(1);\n"
		"}\n",
		"int get_global_linear_id(int a, int b) { return a + b; }\n"
		"kernel void k(global int *out) {\n"
		"  size_t g = (get_global_id(1) - get_global_offset(1)) * get_global_size(0) + get_global_id(0) - get_global_offset(0);\n"
		"  out[g] = get_global_linear_id(40, 2);\n"
		"}\n",
		/* One of its own, and a builtin it did not define. */
		"size_t get_local_linear_id(void) { return 42; }\n"
		"kernel void k(global int *out) {\n"
		"  local int t[1];\n"
		"  if (get_local_id(0) == 0 && get_local_id(1) == 0) t[0] = (int)get_local_linear_id();\n"
		"  work_group_barrier(CLK_LOCAL_MEM_FENCE);\n"
		"  out[get_global_linear_id()] = t[0];\n"
		"}\n",
	};
	for (int i = 0; i < 3; i++) {
		char log[16384];
		cl_program p = try_build(srcs[i], "", log, sizeof log);
		if (!p) fprintf(stderr, "program %d with its own functions failed:\n%s\n", i, log);
		CHECK(p != NULL);
		if (!p) continue;
		int *out = run2d(p, 48);
		int good = 1;
		for (int j = 0; j < 48; j++) good &= out[j] == 42;
		if (!good) fprintf(stderr, "program %d: out[0] = %d, want 42\n", i, out[0]);
		CHECK(good);
		clReleaseProgram(p);
	}
}

/* Real errors are still reported, with the program's own diagnostics. */
static void test_errors(void) {
	char log[16384];
	cl_program p = try_build(
		"kernel void k(global int *out) { work_group_barrier(CLK_LOCAL_MEM_FENCE); out[0] = no_such_thing; }\n",
		"", log, sizeof log);
	CHECK(p == NULL);
	CHECK(strstr(log, "no_such_thing") != NULL);
	CHECK(strstr(log, "identifier 'work_group_barrier'") == NULL);
	/* A work-group collective is OpenCL C 2.0 and later: with an explicit
	 * 1.x -cl-std it is undeclared, an error as before ... */
	p = try_build("kernel void k(global int *out) { out[0] = work_group_reduce_add(1); }\n", "-cl-std=CL1.2", log, sizeof log);
	CHECK(p == NULL);
	CHECK(strstr(log, "work_group_reduce_add") != NULL);
	/* ... and a builtin in 3.0 (__opencl_c_work_group_collective_functions;
	 * tests/collectives.c checks them all). */
	p = try_build("kernel void k(global int *out) { out[get_global_linear_id()] = work_group_reduce_add(1); }\n",
		"-cl-std=CL3.0", log, sizeof log);
	if (!p) fprintf(stderr, "work_group_reduce_add in OpenCL C 3.0 failed:\n%s\n", log);
	CHECK(p != NULL);
	if (p) {
		int *out = run2d(p, 48);
		int good = 1;
		for (int j = 0; j < 48; j++) good &= out[j] == 12; /* groups of 4x3 */
		CHECK(good);
		clReleaseProgram(p);
	}
}

/* Without -cl-std, a program that needs OpenCL C 2.0 and later functions
 * and types builds as PoCL 7 builds it (as OpenCL C 3.0) and runs, while
 * __OPENCL_C_VERSION__ stays 1.2; one that defines a function of such a
 * name keeps its own. */
static void test_later_functions(void) {
	static const struct {
		const char *src;
		int want; /* every out[j] of the 4x3 groups */
	} cases[] = {
		{"kernel void k(global int *out) {\n"
		 "  out[get_global_linear_id()] = work_group_reduce_add(1) * 1000 + __OPENCL_C_VERSION__;\n"
		 "}\n",
			12 * 1000 + 120},
		{"kernel void k(global int *out) {\n"
		 "  local atomic_int n;\n"
		 "  if (get_local_linear_id() == 0) atomic_init(&n, 0);\n"
		 "  work_group_barrier(CLK_LOCAL_MEM_FENCE);\n"
		 "  atomic_fetch_add_explicit(&n, 2, memory_order_relaxed, memory_scope_work_group);\n"
		 "  work_group_barrier(CLK_LOCAL_MEM_FENCE);\n"
		 "  out[get_global_linear_id()] = atomic_load_explicit(&n, memory_order_relaxed, memory_scope_work_group);\n"
		 "}\n",
			24},
		{"int work_group_reduce_add(int x) { return x + 41; }\n"
		 "kernel void k(global int *out) {\n"
		 "  size_t g = (get_global_id(1) - get_global_offset(1)) * get_global_size(0) + get_global_id(0) - get_global_offset(0);\n"
		 "  out[g] = work_group_reduce_add(1);\n"
		 "}\n",
			42},
	};
	for (int i = 0; i < 3; i++) {
		char log[16384];
		cl_program p = try_build(cases[i].src, "", log, sizeof log);
		if (!p) fprintf(stderr, "later functions, program %d failed:\n%s\n", i, log);
		CHECK(p != NULL);
		if (!p) continue;
		int *out = run2d(p, 48);
		int good = 1;
		for (int j = 0; j < 48; j++) good &= out[j] == cases[i].want;
		if (!good) fprintf(stderr, "later functions, program %d: out[0] = %d, want %d\n", i, out[0], cases[i].want);
		CHECK(good);
		clReleaseProgram(p);
	}
}

int main(void) {
	t = test_setup();
	test_uses("", 120);
	test_uses("-cl-std=CL1.2", 120);
	test_uses("-cl-std=CL1.1", 110);
	test_uses("-cl-std=CL3.0", 300);
	test_own_functions();
	test_later_functions();
	test_errors();
	test_teardown(&t);
	return check_done();
}
