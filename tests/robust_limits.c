/* Builds past limits say which limit (robustness, issue 8, item 9): 100,000
 * -D options used to fail with an empty build log (the compiler's command
 * line was too long: they now go through a response file and build), and a
 * 4 GiB kernel-scope __local array with a linker message about relocations:
 * the log now names the kernel, its size and CL_DEVICE_LOCAL_MEM_SIZE. */
#include "check.h"

static test_env t;

/* Builds src with opts: the status, and the log in a new string. */
static cl_int build(const char *src, const char *opts, cl_program *pp, char **log) {
	cl_int err;
	cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	err = clBuildProgram(p, 1, &t.device, opts, NULL, NULL);
	size_t n = 0;
	CHECK_OK(clGetProgramBuildInfo(p, t.device, CL_PROGRAM_BUILD_LOG, 0, NULL, &n));
	*log = calloc(1, n + 1);
	CHECK_OK(clGetProgramBuildInfo(p, t.device, CL_PROGRAM_BUILD_LOG, n, *log, NULL));
	*pp = p;
	return err;
}

/* Runs kernel k of p on one work-item: o[0]. */
static int run1(cl_program p) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, "k", &err);
	REQUIRE_OK(err);
	cl_mem m = check_buffer(&t, sizeof(int), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	size_t g = 1;
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL));
	int v = -1;
	CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, sizeof v, &v, 0, NULL, NULL));
	clReleaseMemObject(m);
	clReleaseKernel(k);
	return v;
}

int main(void) {
	t = test_setup();
	cl_program p;
	char *log;
	/* 100,000 -D options (1.3 MB). */
	enum { NDEF = 100000 };
	char *opts = malloc(NDEF * 24), *q = opts;
	for (int i = 0; i < NDEF; i++) q += sprintf(q, "-DM%d=%d ", i, i);
	cl_int err = build("kernel void k(global int *o) { o[0] = M0 + M1 + M99999; }", opts, &p, &log);
	CHECK_OK(err);
	if (err != CL_SUCCESS) fprintf(stderr, "100,000 -D options: log: %.500s\n", log);
	else CHECK(run1(p) == 100000);
	free(log);
	clReleaseProgram(p);
	/* One -D option longer than a command-line argument may be (128 KiB),
	 * with characters a response file must escape. */
	enum { TERMS = 100000 };
	q = opts;
	q += sprintf(q, "-DLONG=\"{0");
	for (int i = 1; i < TERMS; i++) q += sprintf(q, ", %d", i & 1);
	sprintf(q, "}\" -DQ=\"(2 * 3)\"");
	err = build("constant int tab[] = LONG;\n"
		"kernel void k(global int *o) { o[0] = (int)(sizeof tab / sizeof tab[0]) + (Q == 6); }", opts, &p, &log);
	CHECK_OK(err);
	if (err != CL_SUCCESS) fprintf(stderr, "a 300 KB -D option: log: %.500s\n", log);
	else CHECK(run1(p) == TERMS + 1);
	free(log);
	clReleaseProgram(p);
	/* An expression nested 100,000 deep crashes clang 19's parser (on an
	 * 8 MiB stack): if the build fails, the log says so. */
	q = opts;
	q += sprintf(q, "kernel void k(global int *o) { o[0] = (0");
	for (int i = 0; i < TERMS; i++) q += sprintf(q, " + 1");
	sprintf(q, "); }\n");
	err = build(opts, "", &p, &log);
	printf("a 100,000-deep expression: %d, log: %.300s\n", err, log);
	CHECK(err == CL_SUCCESS || (err == CL_BUILD_PROGRAM_FAILURE && strlen(log) > 10));
	free(log);
	clReleaseProgram(p);
	free(opts);
	/* Kernel-scope __local arrays past CL_DEVICE_LOCAL_MEM_SIZE: 4 GiB and 1 MiB. */
	cl_ulong lms = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_LOCAL_MEM_SIZE, sizeof lms, &lms, NULL));
	const char *sizes[] = {"1073741824", "262144"}, *bytes[] = {"4294967296", "1048576"};
	for (int i = 0; i < 2; i++) {
		char src[512], want[64];
		snprintf(src, sizeof src,
			"kernel void k(global int *o) { local int a[%s]; a[get_local_id(0)] = 1;\n"
			"	barrier(CLK_LOCAL_MEM_FENCE); o[get_global_id(0)] = a[get_local_size(0) - 1 - get_local_id(0)]; }\n", sizes[i]);
		CHECK_ERR(build(src, "", &p, &log), CL_BUILD_PROGRAM_FAILURE);
		snprintf(want, sizeof want, "%llu", (unsigned long long)lms);
		CHECK(strstr(log, "kernel k") && strstr(log, bytes[i]) && strstr(log, "CL_DEVICE_LOCAL_MEM_SIZE") && strstr(log, want));
		CHECK(!strstr(log, "relocation"));
		printf("log: %s", log);
		free(log);
		clReleaseProgram(p);
	}
	test_teardown(&t);
	return check_done();
}
