/* Argument sizes the device cannot take get their specification error: a
 * sum of __local argument sizes past 2^64 (it used to wrap to a small one,
 * be accepted and crash the launch) and beyond CL_DEVICE_LOCAL_MEM_SIZE are
 * CL_OUT_OF_RESOURCES at enqueue; a by-value argument larger than
 * CL_DEVICE_MAX_PARAMETER_SIZE is CL_INVALID_ARG_SIZE. */
#include "check.h"

static test_env t;

int main(void) {
	t = test_setup();
	cl_program p = check_build(&t,
		"__kernel void loc(__global int *o, __local int *a, __local int *b, __local int *c) {\n"
		"	a[0] = 1; b[0] = 2; c[0] = 3; o[get_global_id(0)] = a[0] + b[0] + c[0]; }\n"
		"typedef struct { int v[4194304]; } big;\n"
		"__kernel void byval(__global int *o, big s) { o[0] = s.v[1]; }\n", "");
	cl_int err;
	cl_kernel k = clCreateKernel(p, "loc", &err);
	REQUIRE_OK(err);
	cl_mem m = check_buffer(&t, 64 * sizeof(int), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	size_t g = 64, l = 16;
	/* 2^63 + 2^63 + 64 wraps to 64. */
	CHECK_OK(clSetKernelArg(k, 1, (size_t)1 << 63, NULL));
	CHECK_OK(clSetKernelArg(k, 2, (size_t)1 << 63, NULL));
	CHECK_OK(clSetKernelArg(k, 3, 64, NULL));
	CHECK_ERR(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, &l, 0, NULL, NULL), CL_OUT_OF_RESOURCES);
	/* SIZE_MAX - 63 + 128 + 64 wraps too, also after rounding to the slot alignment. */
	CHECK_OK(clSetKernelArg(k, 1, SIZE_MAX - 63, NULL));
	CHECK_OK(clSetKernelArg(k, 2, 128, NULL));
	CHECK_ERR(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, &l, 0, NULL, NULL), CL_OUT_OF_RESOURCES);
	cl_ulong lms = 0, klm = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_LOCAL_MEM_SIZE, sizeof lms, &lms, NULL));
	CHECK_OK(clGetKernelWorkGroupInfo(k, t.device, CL_KERNEL_LOCAL_MEM_SIZE, sizeof klm, &klm, NULL));
	CHECK(klm >= lms); /* saturates, no wrap */
	/* Just over the device's local memory. */
	CHECK_OK(clSetKernelArg(k, 1, lms - 128, NULL));
	CHECK_OK(clSetKernelArg(k, 2, 128, NULL));
	CHECK_OK(clSetKernelArg(k, 3, 4, NULL));
	CHECK_ERR(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, &l, 0, NULL, NULL), CL_OUT_OF_RESOURCES);
	/* Small sizes run. */
	CHECK_OK(clSetKernelArg(k, 1, 64, NULL));
	CHECK_OK(clSetKernelArg(k, 2, 64, NULL));
	CHECK_OK(clSetKernelArg(k, 3, 64, NULL));
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	int out[64];
	CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	CHECK(out[0] == 6 && out[63] == 6);
	/* A 16 MiB argument by value. */
	cl_kernel kb = clCreateKernel(p, "byval", &err);
	REQUIRE_OK(err);
	size_t maxp = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_MAX_PARAMETER_SIZE, sizeof maxp, &maxp, NULL));
	size_t bigsz = (size_t)16 << 20;
	void *big = calloc(1, bigsz);
	CHECK(bigsz > maxp);
	CHECK_ERR(clSetKernelArg(kb, 1, bigsz, big), CL_INVALID_ARG_SIZE);
	free(big);
	clReleaseKernel(kb);
	clReleaseKernel(k);
	clReleaseMemObject(m);
	clReleaseProgram(p);
	test_teardown(&t);
	return check_done();
}
