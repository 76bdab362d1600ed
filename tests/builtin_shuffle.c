/* shuffle and shuffle2 against a host reference, for several element types
 * and widths, including mask bits above those that select. */
#include "check.h"

static const char *src =
"kernel void s1(global const int4 *x, global const uint8 *m, global int8 *o) { size_t i = get_global_id(0); o[i] = shuffle(x[i], m[i]); }\n"
"kernel void s2(global const float2 *x, global const float2 *y, global const uint4 *m, global float4 *o) { size_t i = get_global_id(0); o[i] = shuffle2(x[i], y[i], m[i]); }\n"
"kernel void s3(global const char16 *x, global const uchar2 *m, global char2 *o) { size_t i = get_global_id(0); o[i] = shuffle(x[i], m[i]); }\n"
"kernel void s4(global const double8 *x, global const double8 *y, global const ulong16 *m, global double16 *o) { size_t i = get_global_id(0); o[i] = shuffle2(x[i], y[i], m[i]); }\n";

#define N 256
static cl_mem buf(test_env *t, size_t size, void *data) {
	cl_int err;
	cl_mem m = clCreateBuffer(t->context, CL_MEM_READ_WRITE | (data ? CL_MEM_COPY_HOST_PTR : 0), size, data, &err);
	REQUIRE_OK(err);
	return m;
}
static void run(test_env *t, cl_program p, const char *name, cl_mem *args, int n) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, name, &err);
	REQUIRE_OK(err);
	for (int i = 0; i < n; i++) CHECK_OK(clSetKernelArg(k, i, sizeof(cl_mem), &args[i]));
	size_t g = N;
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, NULL, 0, NULL, NULL));
	CHECK_OK(clFinish(t->queue));
	clReleaseKernel(k);
}

int main(void) {
	test_env t = test_setup();
	cl_int err;
	cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	REQUIRE_OK(clBuildProgram(p, 0, NULL, "", NULL, NULL));
	srand(7);
	static int x1[N][4], o1[N][8];
	static unsigned m1[N][8];
	static float x2[N][2], y2[N][2], o2[N][4];
	static unsigned m2[N][4];
	static signed char x3[N][16], o3[N][2];
	static unsigned char m3[N][2];
	static double x4[N][8], y4[N][8], o4[N][16];
	static cl_ulong m4[N][16];
	for (int i = 0; i < N; i++) {
		for (int j = 0; j < 4; j++) x1[i][j] = rand();
		for (int j = 0; j < 8; j++) m1[i][j] = (unsigned)rand(); /* high bits must be ignored */
		for (int j = 0; j < 2; j++) x2[i][j] = rand() / 7.0f, y2[i][j] = -rand() / 3.0f;
		for (int j = 0; j < 4; j++) m2[i][j] = (unsigned)rand();
		for (int j = 0; j < 16; j++) x3[i][j] = (signed char)rand();
		for (int j = 0; j < 2; j++) m3[i][j] = (unsigned char)rand();
		for (int j = 0; j < 8; j++) x4[i][j] = rand() * 1.5, y4[i][j] = -rand() * 0.25;
		for (int j = 0; j < 16; j++) m4[i][j] = ((cl_ulong)rand() << 32) | (unsigned)rand();
	}
	cl_mem a1[] = {buf(&t, sizeof x1, x1), buf(&t, sizeof m1, m1), buf(&t, sizeof o1, NULL)};
	cl_mem a2[] = {buf(&t, sizeof x2, x2), buf(&t, sizeof y2, y2), buf(&t, sizeof m2, m2), buf(&t, sizeof o2, NULL)};
	cl_mem a3[] = {buf(&t, sizeof x3, x3), buf(&t, sizeof m3, m3), buf(&t, sizeof o3, NULL)};
	cl_mem a4[] = {buf(&t, sizeof x4, x4), buf(&t, sizeof y4, y4), buf(&t, sizeof m4, m4), buf(&t, sizeof o4, NULL)};
	run(&t, p, "s1", a1, 3);
	run(&t, p, "s2", a2, 4);
	run(&t, p, "s3", a3, 3);
	run(&t, p, "s4", a4, 4);
	CHECK_OK(clEnqueueReadBuffer(t.queue, a1[2], CL_TRUE, 0, sizeof o1, o1, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, a2[3], CL_TRUE, 0, sizeof o2, o2, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, a3[2], CL_TRUE, 0, sizeof o3, o3, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, a4[3], CL_TRUE, 0, sizeof o4, o4, 0, NULL, NULL));
	int bad1 = 0, bad2 = 0, bad3 = 0, bad4 = 0;
	for (int i = 0; i < N; i++) {
		for (int j = 0; j < 8; j++) bad1 += o1[i][j] != x1[i][m1[i][j] & 3];
		for (int j = 0; j < 4; j++) {
			unsigned k = m2[i][j] & 3;
			bad2 += o2[i][j] != (k < 2 ? x2[i][k] : y2[i][k - 2]);
		}
		for (int j = 0; j < 2; j++) bad3 += o3[i][j] != x3[i][m3[i][j] & 15];
		for (int j = 0; j < 16; j++) {
			cl_ulong k = m4[i][j] & 15;
			bad4 += o4[i][j] != (k < 8 ? x4[i][k] : y4[i][k - 8]);
		}
	}
	CHECK(bad1 == 0);
	CHECK(bad2 == 0);
	CHECK(bad3 == 0);
	CHECK(bad4 == 0);
	test_teardown(&t);
	return check_done();
}
