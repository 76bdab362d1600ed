/* Programs that define ordinary macros (W, L, x, g, nx, a, l …), in the
 * source or with -D, build and run: the entry points gocl compiles after
 * the program's source use reserved (__gocl_) names only. */
#include "check.h"

static test_env t;

static const char *kernel_src =
	"__kernel void scale(__global const int *in, __global int *out, int k, __local int *tmp) {\n"
	"	size_t i = get_global_id(0), li = get_local_id(0);\n"
	"	tmp[li] = in[i] * M;\n"
	"	barrier(CLK_LOCAL_MEM_FENCE);\n"
	"	out[i] = tmp[get_local_size(0) - 1 - li] + k;\n"
	"}\n"
	"__kernel void plain(__global int *out) { out[get_global_id(0)] += M; }\n";

/* Builds kernel_src with prefix (macro definitions) and opts, runs both
 * kernels and checks the results; mval is M's value. */
static void run_case(const char *name, const char *prefix, const char *opts, int mval) {
	char src[4096];
	snprintf(src, sizeof src, "%s\n%s", prefix, kernel_src);
	const char *s = src;
	cl_int err;
	cl_program p = clCreateProgramWithSource(t.context, 1, &s, NULL, &err);
	REQUIRE_OK(err);
	err = clBuildProgram(p, 1, &t.device, opts, NULL, NULL);
	if (err != CL_SUCCESS) {
		char log[8192] = "";
		clGetProgramBuildInfo(p, t.device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
		fprintf(stderr, "case %s: build failed (%d):\n%.3000s\n", name, err, log);
		check_failed++;
		clReleaseProgram(p);
		return;
	}
	check_passed++;
	enum { N = 64, LS = 16 };
	int in[N], out[N];
	for (int i = 0; i < N; i++) in[i] = i;
	cl_mem bin = check_buffer(&t, sizeof in, in), bout = check_buffer(&t, sizeof out, NULL);
	cl_kernel k = clCreateKernel(p, "scale", &err);
	REQUIRE_OK(err);
	int kk = 1000;
	CHECK_OK(clSetKernelArg(k, 0, sizeof bin, &bin));
	CHECK_OK(clSetKernelArg(k, 1, sizeof bout, &bout));
	CHECK_OK(clSetKernelArg(k, 2, sizeof kk, &kk));
	CHECK_OK(clSetKernelArg(k, 3, LS * sizeof(int), NULL));
	size_t g = N, l = LS;
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	cl_kernel k2 = clCreateKernel(p, "plain", &err);
	REQUIRE_OK(err);
	CHECK_OK(clSetKernelArg(k2, 0, sizeof bout, &bout));
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, k2, 1, NULL, &g, NULL, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, bout, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	int bad = 0;
	for (int i = 0; i < N; i++) {
		int j = (i / LS) * LS + (LS - 1 - i % LS);
		if (out[i] != j * mval + kk + mval) bad++;
	}
	if (bad) fprintf(stderr, "case %s: %d wrong results (out[0]=%d)\n", name, bad, out[0]);
	CHECK(bad == 0);
	clReleaseKernel(k);
	clReleaseKernel(k2);
	clReleaseMemObject(bin);
	clReleaseMemObject(bout);
	clReleaseProgram(p);
}

int main(void) {
	t = test_setup();
	/* Macros the source defines. */
	const char *names[] = {"W", "L", "x", "g", "nx", "a", "l", "y", "z", "g0", "g1", "d"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char prefix[128];
		snprintf(prefix, sizeof prefix, "#define %s 16\n#define M (%s / 8)", names[i], names[i]);
		run_case(names[i], prefix, "", 2);
	}
	/* Macros from build options. */
	run_case("-DW=16", "#define M (W / 4)", "-DW=16", 4);
	run_case("-DL=64", "#define M (L / 16)", "-DL=64", 4);
	run_case("-D x=2", "#define M x", "-D x=2", 2);
	test_teardown(&t);
	return check_done();
}
