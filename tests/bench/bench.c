/* gocl vs PoCL, side by side in one process: the loader offers both
 * platforms, each figure is measured on one then the other, and printed
 * with the ratio. Figures are medians over repeated samples. */
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SAMPLES 15

typedef struct {
	const char *name;
	cl_platform_id platform;
	cl_device_id device;
	cl_context ctx;
	cl_command_queue q;
	int svm;
} target;

static double now_ns(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
	qsort(v, n, sizeof *v, cmp);
	return v[n / 2];
}

#define DIE(...) do { fprintf(stderr, __VA_ARGS__); exit(1); } while (0)

static int find(target *t, const char *want) {
	cl_platform_id ps[16];
	cl_uint n = 0;
	clGetPlatformIDs(16, ps, &n);
	for (cl_uint i = 0; i < n; i++) {
		char name[256] = "";
		clGetPlatformInfo(ps[i], CL_PLATFORM_NAME, sizeof name, name, NULL);
		if (strstr(name, want)) {
			cl_int err;
			t->platform = ps[i];
			if (clGetDeviceIDs(ps[i], CL_DEVICE_TYPE_ALL, 1, &t->device, NULL) != CL_SUCCESS) return 0;
			t->ctx = clCreateContext(NULL, 1, &t->device, NULL, NULL, &err);
			if (err) return 0;
			t->q = clCreateCommandQueueWithProperties(t->ctx, t->device, NULL, &err);
			if (err) return 0;
			cl_device_svm_capabilities caps = 0;
			clGetDeviceInfo(t->device, CL_DEVICE_SVM_CAPABILITIES, sizeof caps, &caps, NULL);
			t->svm = caps != 0;
			return 1;
		}
	}
	return 0;
}

/* ns per blocking map+unmap of size bytes. */
static double map_latency(target *t, size_t size) {
	cl_int err;
	cl_mem b = clCreateBuffer(t->ctx, CL_MEM_READ_WRITE, size, NULL, &err);
	if (err) DIE("%s: clCreateBuffer(%zu): %d\n", t->name, size, err);
	int iters = size >= (64u << 20) ? 200 : 2000;
	double s[SAMPLES];
	for (int k = -1; k < SAMPLES; k++) {
		double t0 = now_ns();
		for (int i = 0; i < iters; i++) {
			void *p = clEnqueueMapBuffer(t->q, b, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE, 0, size, 0, NULL, NULL, &err);
			if (err) DIE("%s: map: %d\n", t->name, err);
			clEnqueueUnmapMemObject(t->q, b, p, 0, NULL, NULL);
		}
		clFinish(t->q);
		if (k >= 0) s[k] = (now_ns() - t0) / iters;
	}
	clReleaseMemObject(b);
	return median(s, SAMPLES);
}

static double svm_latency(target *t, size_t size) {
	if (!t->svm) return 0;
	void *p = clSVMAlloc(t->ctx, CL_MEM_READ_WRITE, size, 0);
	if (!p) return 0;
	double s[SAMPLES];
	for (int k = -1; k < SAMPLES; k++) {
		double t0 = now_ns();
		for (int i = 0; i < 2000; i++) {
			clEnqueueSVMMap(t->q, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE, p, size, 0, NULL, NULL);
			clEnqueueSVMUnmap(t->q, p, 0, NULL, NULL);
		}
		clFinish(t->q);
		if (k >= 0) s[k] = (now_ns() - t0) / 2000;
	}
	clSVMFree(t->ctx, p);
	return median(s, SAMPLES);
}

/* GB/s of blocking read, write or copy of size bytes. */
enum { READ, WRITE, COPY };
static double bandwidth(target *t, int op, size_t size) {
	cl_int err;
	cl_mem a = clCreateBuffer(t->ctx, CL_MEM_READ_WRITE, size, NULL, &err);
	cl_mem b = clCreateBuffer(t->ctx, CL_MEM_READ_WRITE, size, NULL, &err);
	char *host = malloc(size);
	memset(host, 1, size);
	clEnqueueWriteBuffer(t->q, a, CL_TRUE, 0, size, host, 0, NULL, NULL);
	clEnqueueWriteBuffer(t->q, b, CL_TRUE, 0, size, host, 0, NULL, NULL);
	double s[SAMPLES];
	for (int k = -1; k < SAMPLES; k++) {
		double t0 = now_ns();
		switch (op) {
		case READ: err = clEnqueueReadBuffer(t->q, a, CL_TRUE, 0, size, host, 0, NULL, NULL); break;
		case WRITE: err = clEnqueueWriteBuffer(t->q, a, CL_TRUE, 0, size, host, 0, NULL, NULL); break;
		case COPY: err = clEnqueueCopyBuffer(t->q, a, b, 0, 0, size, 0, NULL, NULL); clFinish(t->q); break;
		}
		if (err) DIE("%s: transfer: %d\n", t->name, err);
		if (k >= 0) s[k] = size / (now_ns() - t0);
	}
	clReleaseMemObject(a);
	clReleaseMemObject(b);
	free(host);
	return median(s, SAMPLES);
}

static void row(const char *what, const char *unit, double g, double p, int lower_is_better) {
	double ratio = 0;
	if (g > 0 && p > 0) ratio = lower_is_better ? p / g : g / p;
	printf("%-34s %12.3f %12.3f  %-6s %8.2fx\n", what, g, p, unit, ratio);
}

int main(void) {
	target g = {"gocl"}, p = {"pocl"};
	if (!find(&g, "gocl")) DIE("gocl platform not found\n");
	int have_pocl = find(&p, "Portable Computing Language");
	if (!have_pocl) fprintf(stderr, "PoCL not found: its column stays 0\n");
	printf("gocl vs PoCL, medians of %d samples; ratio > 1 means gocl is better\n\n", SAMPLES);
	printf("%-34s %12s %12s  %-6s %9s\n", "figure", "gocl", "pocl", "unit", "ratio");
	size_t sizes[] = {4096, 1 << 20, 256u << 20};
	const char *names[] = {"map+unmap 4 KiB", "map+unmap 1 MiB", "map+unmap 256 MiB"};
	for (int i = 0; i < 3; i++)
		row(names[i], "ns", map_latency(&g, sizes[i]), have_pocl ? map_latency(&p, sizes[i]) : 0, 1);
	row("SVM map+unmap 1 MiB", "ns", svm_latency(&g, 1 << 20), have_pocl ? svm_latency(&p, 1 << 20) : 0, 1);
	size_t bw = 64u << 20;
	row("read 64 MiB", "GB/s", bandwidth(&g, READ, bw), have_pocl ? bandwidth(&p, READ, bw) : 0, 0);
	row("write 64 MiB", "GB/s", bandwidth(&g, WRITE, bw), have_pocl ? bandwidth(&p, WRITE, bw) : 0, 0);
	row("copy 64 MiB", "GB/s", bandwidth(&g, COPY, bw), have_pocl ? bandwidth(&p, COPY, bw) : 0, 0);
	return 0;
}
