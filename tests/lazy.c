/* Kernels compiled on use (build/stage_load.go): a program of many kernels
 * builds, one kernel runs, then all of them; a program binary of it builds
 * and runs too. Results are checked, not times. */
#include "check.h"

#define NK 120
#define N 256

static char *source(void) {
	static char buf[NK * 200];
	size_t len = 0;
	for (int k = 0; k < NK; k++)
		len += snprintf(buf + len, sizeof buf - len,
		                "kernel void k%d(global float *o, global const float *a, int n) {\n"
		                "  size_t i = get_global_id(0); float s = 0; for (int j = 0; j < n; j++) s += a[i] * %d; o[i] = s; }\n",
		                k, k);
	return buf;
}

static int run(cl_command_queue q, cl_kernel k, cl_mem o, cl_mem a, int kn) {
	int n = 3;
	size_t g = N;
	float out[N];
	clSetKernelArg(k, 0, sizeof o, &o);
	clSetKernelArg(k, 1, sizeof a, &a);
	clSetKernelArg(k, 2, sizeof n, &n);
	if (clEnqueueNDRangeKernel(q, k, 1, NULL, &g, NULL, 0, NULL, NULL) != CL_SUCCESS) return 0;
	if (clEnqueueReadBuffer(q, o, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL) != CL_SUCCESS) return 0;
	for (int i = 0; i < N; i++)
		if (out[i] != (float)i * kn * 3) return 0;
	return 1;
}

int main(void) {
	test_env t = test_setup();
	cl_context ctx = t.context;
	cl_device_id d = t.device;
	cl_command_queue q = t.queue;
	cl_int err;
	float in[N];
	for (int i = 0; i < N; i++) in[i] = i;
	cl_mem a = check_buffer(&t, sizeof in, in);
	cl_mem o = check_buffer(&t, sizeof in, NULL);
	cl_program prog = check_build(&t, source(), "");
	cl_uint nk = 0;
	size_t numk = 0;
	CHECK_OK(clGetProgramInfo(prog, CL_PROGRAM_NUM_KERNELS, sizeof numk, &numk, NULL));
	CHECK(numk == NK);
	/* One kernel, then another, then all. */
	cl_kernel k = clCreateKernel(prog, "k77", &err);
	CHECK_OK(err);
	CHECK(run(q, k, o, a, 77));
	size_t priv = 1;
	cl_kernel k2 = clCreateKernel(prog, "k5", &err);
	CHECK_OK(clGetKernelWorkGroupInfo(k2, d, CL_KERNEL_PRIVATE_MEM_SIZE, sizeof priv, &priv, NULL));
	CHECK(run(q, k2, o, a, 5));
	clReleaseKernel(k);
	clReleaseKernel(k2);
	cl_kernel all[NK];
	CHECK_OK(clCreateKernelsInProgram(prog, NK, all, &nk));
	CHECK(nk == NK);
	int good = 0;
	for (cl_uint i = 0; i < nk; i++) {
		char name[64];
		clGetKernelInfo(all[i], CL_KERNEL_FUNCTION_NAME, sizeof name, name, NULL);
		good += run(q, all[i], o, a, atoi(name + 1));
		clReleaseKernel(all[i]);
	}
	CHECK(good == NK);
	/* The program's binary builds and runs. */
	size_t size = 0;
	CHECK_OK(clGetProgramInfo(prog, CL_PROGRAM_BINARY_SIZES, sizeof size, &size, NULL));
	unsigned char *bin = malloc(size);
	CHECK_OK(clGetProgramInfo(prog, CL_PROGRAM_BINARIES, sizeof bin, &bin, NULL));
	cl_int st;
	cl_program prog2 = clCreateProgramWithBinary(ctx, 1, &d, &size, (const unsigned char **)&bin, &st, &err);
	CHECK_OK(err);
	CHECK_OK(clBuildProgram(prog2, 1, &d, "", NULL, NULL));
	k = clCreateKernel(prog2, "k119", &err);
	CHECK_OK(err);
	CHECK(run(q, k, o, a, 119));
	clReleaseKernel(k);
	clReleaseProgram(prog2);
	clReleaseProgram(prog);
	free(bin);
	clReleaseMemObject(a);
	clReleaseMemObject(o);
	test_teardown(&t);
	return check_done();
}
