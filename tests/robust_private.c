/* A kernel whose work-item frame (private memory) is larger than a thread's
 * stack (robustness, issue 8, item 3) used to be accepted and crash the
 * process: it now runs on a stack of its size, on the workers and on the
 * application's thread (which runs one-group launches itself, whatever its
 * own stack); a frame larger than the device can give each thread is
 * CL_OUT_OF_RESOURCES at enqueue. (The __local sum wrap and the 16 MiB
 * by-value argument are tests/robust_args.c.) */
#include "check.h"
#include <pthread.h>

static test_env t;
static cl_kernel big, huge;
static cl_mem out;

enum { N = 4 << 20 }; /* ints: a 16 MiB frame */

/* Runs big over n work-items in groups of l, checks o[g] == 3g. */
static void run_big(size_t n, size_t l) {
	int i0 = 0, i1 = N - 1; /* both ends of the frame */
	CHECK_OK(clSetKernelArg(big, 0, sizeof out, &out));
	CHECK_OK(clSetKernelArg(big, 1, sizeof i0, &i0));
	CHECK_OK(clSetKernelArg(big, 2, sizeof i1, &i1));
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, big, 1, NULL, &n, l ? &l : NULL, 0, NULL, NULL));
	int *o = calloc(n, sizeof *o);
	CHECK_OK(clEnqueueReadBuffer(t.queue, out, CL_TRUE, 0, n * sizeof *o, o, 0, NULL, NULL));
	int bad = 0;
	for (size_t g = 0; g < n; g++) bad += o[g] != (int)g * 3;
	CHECK(bad == 0);
	free(o);
}

static void *small_thread(void *arg) {
	(void)arg;
	run_big(1, 1); /* one group: runs on this thread */
	run_big(64, 64);
	return NULL;
}

int main(void) {
	t = test_setup();
	cl_program p = check_build(&t,
		"kernel void big(global int *o, int i0, int i1) {\n"
		"	int a[4194304];\n"
		"	volatile int *v = a; /* (so that the array stays) */\n"
		"	size_t g = get_global_id(0);\n"
		"	v[i0] = (int)g; v[i1] = (int)g * 2;\n"
		"	o[g] = v[i0] + v[i1];\n"
		"}\n"
		"kernel void huge(global char *o, long i) {\n"
		"	char a[1L << 42];\n"
		"	volatile char *v = a;\n"
		"	v[i] = 1; o[0] = v[i];\n"
		"}\n", "");
	cl_int err;
	big = clCreateKernel(p, "big", &err);
	REQUIRE_OK(err);
	huge = clCreateKernel(p, "huge", &err);
	REQUIRE_OK(err);
	cl_ulong pm = 0;
	CHECK_OK(clGetKernelWorkGroupInfo(big, t.device, CL_KERNEL_PRIVATE_MEM_SIZE, sizeof pm, &pm, NULL));
	printf("CL_KERNEL_PRIVATE_MEM_SIZE: %llu\n", (unsigned long long)pm);
	CHECK(pm >= (cl_ulong)N * 4);
	out = check_buffer(&t, 4096 * sizeof(int), NULL);
	run_big(1, 1);       /* one group, on this thread */
	run_big(4096, 64);   /* many, on the workers too */
	run_big(4096, 0);
	/* From a thread of the application with a 128 KiB stack. */
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 128 << 10);
	pthread_t th;
	CHECK(pthread_create(&th, &a, small_thread, NULL) == 0);
	pthread_join(th, NULL);
	/* A 4 TiB frame: more than the device has. */
	long i = 5;
	CHECK_OK(clSetKernelArg(huge, 0, sizeof out, &out));
	CHECK_OK(clSetKernelArg(huge, 1, sizeof i, &i));
	size_t g = 1;
	CHECK_ERR(clEnqueueNDRangeKernel(t.queue, huge, 1, NULL, &g, NULL, 0, NULL, NULL), CL_OUT_OF_RESOURCES);
	CHECK_OK(clFinish(t.queue));
	clReleaseMemObject(out);
	clReleaseKernel(big);
	clReleaseKernel(huge);
	clReleaseProgram(p);
	test_teardown(&t);
	return check_done();
}
