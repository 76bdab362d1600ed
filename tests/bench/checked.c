/* The cost of checked kernels (GOCL_CHECK=1): the median time of a few
 * kernels, run once with and once without checks (this program runs
 * itself again with GOCL_CHECK=1: the library reads the variable as the
 * process started). Build and run:
 *   cc -O2 -o checked tests/bench/checked.c -lOpenCL -lm
 *   OCL_ICD_VENDORS=out/vendors ./checked */
#define _GNU_SOURCE
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static const char *src =
	"kernel void vadd(global const float *a, global const float *b, global float *c) {\n"
	"  size_t i = get_global_id(0); c[i] = a[i] + b[i]; }\n"
	"kernel void fma_loop(global const float *x, global const float *w, global float *y, int n, int iters) {\n"
	"  int i = get_global_id(0);\n"
	"  if (i < n) { float acc = x[i]; for (int k = 0; k < iters; k++) acc = fma(acc, w[k], x[i]); y[i] = acc; } }\n"
	"kernel void dot_rows(global const float *m, global const float *v, global float *out, int n) {\n"
	"  int r = get_global_id(0); float acc = 0.0f;\n"
	"  for (int k = 0; k < n; k++) acc += m[k * get_global_size(0) + r] * v[k];\n"
	"  out[r] = acc; }\n"
	"kernel void reduce(global const float *in, global float *out, local float *tmp) {\n"
	"  size_t l = get_local_id(0); tmp[l] = in[get_global_id(0)]; barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  for (size_t s = get_local_size(0) / 2; s > 0; s >>= 1) { if (l < s) tmp[l] += tmp[l + s]; barrier(CLK_LOCAL_MEM_FENCE); }\n"
	"  if (l == 0) out[get_group_id(0)] = tmp[0]; }\n";

static double now(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static cl_command_queue q;

/* $ONLY names the one kernel to run (to look at its code alone). */
static int want(const char *name) {
	const char *only = getenv("ONLY");
	return !only || !strcmp(only, name);
}

/* The median wall time of reps launches of k. */
static double median(cl_kernel k, size_t global, size_t local, int reps) {
	double t[64];
	for (int i = 0; i < reps + 1; i++) {
		double t0 = now();
		clEnqueueNDRangeKernel(q, k, 1, NULL, &global, local ? &local : NULL, 0, NULL, NULL);
		clFinish(q);
		if (i > 0) t[i - 1] = now() - t0; /* the first launch compiles */
	}
	qsort(t, reps, sizeof *t, cmp);
	return t[reps / 2];
}

int main(int argc, char **argv) {
	int checked = getenv("GOCL_CHECK") != NULL;
	if (!checked && argc < 2) {
		/* The unchecked run here, then the checked one in a new process. */
		pid_t pid = fork();
		if (pid == 0) {
			setenv("GOCL_CHECK", "1", 1);
			execl("/proc/self/exe", argv[0], (char *)NULL);
			_exit(127);
		}
		int st;
		waitpid(pid, &st, 0);
	}
	cl_platform_id ps[8];
	cl_uint np = 0;
	clGetPlatformIDs(8, ps, &np);
	cl_platform_id p = 0;
	for (cl_uint i = 0; i < np; i++) {
		char name[64] = "";
		clGetPlatformInfo(ps[i], CL_PLATFORM_NAME, sizeof name, name, NULL);
		if (strstr(name, "gocl")) p = ps[i];
	}
	cl_device_id d;
	clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 1, &d, NULL);
	cl_context ctx = clCreateContext(NULL, 1, &d, NULL, NULL, NULL);
	q = clCreateCommandQueueWithProperties(ctx, d, NULL, NULL);
	cl_program prog = clCreateProgramWithSource(ctx, 1, &src, NULL, NULL);
	if (clBuildProgram(prog, 1, &d, "", NULL, NULL) != CL_SUCCESS) {
		fprintf(stderr, "build failed\n");
		return 1;
	}
	const size_t big = 16 << 20, small = 64 << 10;
	float *host = malloc(big * sizeof(float));
	for (size_t i = 0; i < big; i++) host[i] = (float)(i % 1000) * 0.001f;
	cl_mem a = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, big * 4, host, NULL);
	cl_mem b = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, big * 4, host, NULL);
	cl_mem c = clCreateBuffer(ctx, CL_MEM_READ_WRITE, big * 4, NULL, NULL);
	const char *mode = checked ? "checked  " : "unchecked";

	cl_kernel k;
	if (want("vadd")) {
	k = clCreateKernel(prog, "vadd", NULL);
	clSetKernelArg(k, 0, sizeof a, &a), clSetKernelArg(k, 1, sizeof b, &b), clSetKernelArg(k, 2, sizeof c, &c);
	printf("%s vadd 16M floats (memory)  %8.3f ms\n", mode, 1e3 * median(k, big, 0, 11));
	printf("%s vadd 64K floats (cache)   %8.3f ms\n", mode, 1e3 * median(k, small, 0, 41));
	}

	if (want("fma_loop")) {
	k = clCreateKernel(prog, "fma_loop", NULL);
	int n = 1 << 20, iters = 64;
	clSetKernelArg(k, 0, sizeof a, &a), clSetKernelArg(k, 1, sizeof b, &b), clSetKernelArg(k, 2, sizeof c, &c);
	clSetKernelArg(k, 3, sizeof n, &n), clSetKernelArg(k, 4, sizeof iters, &iters);
	printf("%s fma loop 1M x 64          %8.3f ms\n", mode, 1e3 * median(k, n, 256, 11));
	}

	if (want("dot_rows")) {
	k = clCreateKernel(prog, "dot_rows", NULL);
	int rows = 512;
	clSetKernelArg(k, 0, sizeof a, &a), clSetKernelArg(k, 1, sizeof b, &b), clSetKernelArg(k, 2, sizeof c, &c);
	clSetKernelArg(k, 3, sizeof rows, &rows);
	printf("%s matrix-vector 8192 x 512  %8.3f ms\n", mode, 1e3 * median(k, 8192, 256, 11));
	}

	if (want("reduce")) {
	k = clCreateKernel(prog, "reduce", NULL);
	clSetKernelArg(k, 0, sizeof a, &a), clSetKernelArg(k, 1, sizeof c, &c), clSetKernelArg(k, 2, 256 * 4, NULL);
	printf("%s local reduction 16M       %8.3f ms\n", mode, 1e3 * median(k, big, 256, 11));
	}
	return 0;
}
