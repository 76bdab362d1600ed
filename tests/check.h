/* A tiny test harness for the C tests: every test program includes this,
 * checks through the real ICD loader (OCL_ICD_VENDORS names the built
 * library), and ends with "N passed, N failed". */
#ifndef GOCL_CHECK_H
#define GOCL_CHECK_H

#define _GNU_SOURCE
#include <errno.h>
#define CL_TARGET_OPENCL_VERSION 300
#define CL_USE_DEPRECATED_OPENCL_1_2_APIS
#define CL_USE_DEPRECATED_OPENCL_2_0_APIS
#include <CL/cl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

static int check_passed, check_failed;

#define CHECK(cond) do { \
	if (cond) check_passed++; \
	else { check_failed++; fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

/* CHECK_ERR(expr, code): expr (a cl_int) equals code. */
#define CHECK_ERR(expr, code) do { \
	cl_int check_got_ = (expr); \
	if (check_got_ == (code)) check_passed++; \
	else { check_failed++; fprintf(stderr, "%s:%d: FAILED: %s returned %d, want %s (%d)\n", \
		__FILE__, __LINE__, #expr, check_got_, #code, (int)(code)); } \
} while (0)

/* CHECK_OK(expr): expr returns CL_SUCCESS. */
#define CHECK_OK(expr) CHECK_ERR(expr, CL_SUCCESS)

/* REQUIRE: like CHECK_OK, but the test cannot go on without it. */
#define REQUIRE_OK(expr) do { \
	cl_int require_got_ = (expr); \
	if (require_got_ != CL_SUCCESS) { \
		fprintf(stderr, "%s:%d: FATAL: %s returned %d\n", __FILE__, __LINE__, #expr, require_got_); \
		exit(2); } \
} while (0)

static int check_done(void) {
	printf("%s: %d passed, %d failed\n", program_invocation_short_name, check_passed, check_failed);
	return check_failed ? 1 : 0;
}

/* The platform under test: the first one the loader offers whose name
 * contains $GOCL_TEST_PLATFORM (default "gocl"), so the same test can run
 * on PoCL side by side. */
static cl_platform_id test_platform(void) {
	cl_platform_id ps[16];
	cl_uint n = 0;
	const char *want = getenv("GOCL_TEST_PLATFORM");
	if (!want) want = "gocl";
	if (clGetPlatformIDs(16, ps, &n) != CL_SUCCESS || n == 0) {
		fprintf(stderr, "FATAL: no OpenCL platform (is OCL_ICD_VENDORS set?)\n");
		exit(2);
	}
	for (cl_uint i = 0; i < n; i++) {
		char name[256] = "";
		clGetPlatformInfo(ps[i], CL_PLATFORM_NAME, sizeof name, name, NULL);
		if (strstr(name, want)) return ps[i];
	}
	fprintf(stderr, "FATAL: no platform named like '%s'\n", want);
	exit(2);
}

typedef struct {
	cl_platform_id platform;
	cl_device_id device;
	cl_context context;
	cl_command_queue queue;
} test_env;

static test_env test_setup(void) {
	test_env t;
	cl_int err;
	t.platform = test_platform();
	REQUIRE_OK(clGetDeviceIDs(t.platform, CL_DEVICE_TYPE_ALL, 1, &t.device, NULL));
	t.context = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	REQUIRE_OK(err);
	t.queue = clCreateCommandQueueWithProperties(t.context, t.device, NULL, &err);
	REQUIRE_OK(err);
	return t;
}

static void test_teardown(test_env *t) {
	clReleaseCommandQueue(t->queue);
	clReleaseContext(t->context);
}

/* Builds src for the test device with opts, or stops the test (exit 2)
 * with the build log. */
static __attribute__((unused)) cl_program check_build(test_env *t, const char *src, const char *opts) {
	cl_int err;
	cl_program p = clCreateProgramWithSource(t->context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	err = clBuildProgram(p, 1, &t->device, opts, NULL, NULL);
	if (err != CL_SUCCESS) {
		size_t size = 0;
		clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BUILD_LOG, 0, NULL, &size);
		char *log = calloc(1, size + 1);
		clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BUILD_LOG, size, log, NULL);
		fprintf(stderr, "build (%s) failed (%d):\n%.8000s\n", opts, err, log);
		exit(2);
	}
	return p;
}

/* A read-write buffer of size bytes, with a copy of init if not NULL. */
static __attribute__((unused)) cl_mem check_buffer(test_env *t, size_t size, const void *init) {
	cl_int err;
	cl_mem m = clCreateBuffer(t->context, init ? CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR : CL_MEM_READ_WRITE,
		size, (void *)init, &err);
	REQUIRE_OK(err);
	return m;
}

/* Whether the space-separated list (CL_DEVICE_EXTENSIONS …) has word w. */
static __attribute__((unused)) int check_has_word(const char *list, const char *w) {
	size_t n = strlen(w);
	for (const char *p = list; (p = strstr(p, w)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0)) return 1;
	return 0;
}

/* Seconds on the monotonic clock. */
static __attribute__((unused)) double check_now(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The status of e once it ended, or what it is after seconds: a check that
 * fails instead of hanging when an event that should end does not. */
static __attribute__((unused)) cl_int check_timed_status(cl_event e, double seconds) {
	double end = check_now() + seconds;
	cl_int s = 99;
	while (clGetEventInfo(e, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof s, &s, NULL) == CL_SUCCESS &&
		s > CL_COMPLETE && check_now() < end)
		usleep(200);
	return s;
}

/* GARBAGE is a handle-shaped fake: its first word is the platform's
 * dispatch table (so the ICD loader passes it on to the driver instead of
 * crashing on it itself), the rest is junk. It is no live object of any kind. */
static __attribute__((unused)) void *check_garbage(void) {
	static void *fake[16];
	if (!fake[0]) {
		cl_platform_id p = test_platform();
		memcpy(fake, p, 2 * sizeof(void *));
		for (int i = 2; i < 16; i++) fake[i] = (void *)(uintptr_t)0xdeadbeefcafef00dull;
	}
	return fake;
}
#define GARBAGE (check_garbage())

#endif
