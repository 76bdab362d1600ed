/* -cl-fast-relaxed-math keeps x / y within the relaxed bound of 2.5 ulp
 * (OpenCL C 3.0, "Relative Error as ULPs", relaxed): the x86 back end would
 * otherwise divide float vectors (the work-item loops' and float8's) by a
 * reciprocal estimate (vrcpps) and one Newton-Raphson step, up to 3 ulp
 * (the CTS's math_brute_force divide failed at -0x1.18ab7p+30 /
 * 0x1.31efd6p-48). Scalar and vector kernels, random operands whose
 * quotient and reciprocal are in the bound's domain, plus that case. */
#include "check.h"
#include <math.h>

enum { N = 1 << 16 };

static double ulps(float got, double want) {
	int e;
	frexp(want, &e);
	return fabs((double)got - want) / ldexp(1.0, e - 24);
}

int main(void) {
	test_env t = test_setup();
	const char *src =
		"kernel void d1(global float *o, global const float *a, global const float *b) {\n"
		"  size_t i = get_global_id(0); o[i] = a[i] / b[i]; }\n"
		"kernel void d8(global float8 *o, global const float8 *a, global const float8 *b) {\n"
		"  size_t i = get_global_id(0); o[i] = a[i] / b[i]; }\n";
	cl_program p = check_build(&t, src, "-cl-fast-relaxed-math");
	static float a[N], b[N], o[N];
	uint32_t s = 1;
	for (int i = 0; i < N; i++) {
		s = s * 1664525u + 1013904223u;
		a[i] = ldexpf(1.0f + (s >> 9) / 8388608.0f, (int)(s % 60) - 30) * (s & 1 ? -1 : 1);
		s = s * 1664525u + 1013904223u;
		b[i] = ldexpf(1.0f + (s >> 9) / 8388608.0f, (int)(s % 60) - 30);
	}
	a[0] = -0x1.18ab7p+30f, b[0] = 0x1.31efd6p-48f;
	cl_mem A = check_buffer(&t, sizeof a, a), B = check_buffer(&t, sizeof b, b), O = check_buffer(&t, sizeof o, NULL);
	const char *names[] = {"d1", "d8"};
	size_t global[] = {N, N / 8};
	for (int k = 0; k < 2; k++) {
		cl_int err;
		cl_kernel K = clCreateKernel(p, names[k], &err);
		REQUIRE_OK(err);
		CHECK_OK(clSetKernelArg(K, 0, sizeof O, &O));
		CHECK_OK(clSetKernelArg(K, 1, sizeof A, &A));
		CHECK_OK(clSetKernelArg(K, 2, sizeof B, &B));
		REQUIRE_OK(clEnqueueNDRangeKernel(t.queue, K, 1, NULL, &global[k], NULL, 0, NULL, NULL));
		REQUIRE_OK(clEnqueueReadBuffer(t.queue, O, CL_TRUE, 0, sizeof o, o, 0, NULL, NULL));
		double worst = 0;
		int at = 0;
		for (int i = 0; i < N; i++) {
			double u = ulps(o[i], (double)a[i] / b[i]);
			if (u > worst) worst = u, at = i;
		}
		printf("%s: worst %.3f ulp at %a / %a = %a\n", names[k], worst, a[at], b[at], o[at]);
		CHECK(worst <= 2.5);
		clReleaseKernel(K);
	}
	clReleaseMemObject(A), clReleaseMemObject(B), clReleaseMemObject(O);
	clReleaseProgram(p);
	test_teardown(&t);
	return check_done();
}
