/* gocl vs PoCL, side by side in one process: the loader offers both
 * platforms, each figure is measured on one then the other, and printed
 * with the ratio. Figures are medians over repeated samples. */
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SAMPLES 21

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

/* Buffers are made once per target and size, and reused by every sample. */
static cl_mem buffer_for(target *t, size_t size, int which) {
	static struct { target *t; size_t size; int which; cl_mem m; } cache[32];
	static int n;
	for (int i = 0; i < n; i++)
		if (cache[i].t == t && cache[i].size == size && cache[i].which == which) return cache[i].m;
	cl_int err;
	cl_mem m = clCreateBuffer(t->ctx, CL_MEM_READ_WRITE, size, NULL, &err);
	if (err) DIE("%s: clCreateBuffer(%zu): %d\n", t->name, size, err);
	void *host = calloc(1, size);
	clEnqueueWriteBuffer(t->q, m, CL_TRUE, 0, size, host, 0, NULL, NULL); /* first touch */
	free(host);
	cache[n].t = t, cache[n].size = size, cache[n].which = which, cache[n].m = m;
	n++;
	return m;
}

/* ns per blocking map+unmap of size bytes. */
static double map_latency(target *t, size_t size) {
	cl_int err;
	cl_mem b = buffer_for(t, size, 0);
	int iters = 1000;
	double t0 = now_ns();
	for (int i = 0; i < iters; i++) {
		void *p = clEnqueueMapBuffer(t->q, b, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE, 0, size, 0, NULL, NULL, &err);
		if (err) DIE("%s: map: %d\n", t->name, err);
		clEnqueueUnmapMemObject(t->q, b, p, 0, NULL, NULL);
	}
	clFinish(t->q);
	return (now_ns() - t0) / iters;
}

/* ns per blocking SVM map+unmap of size bytes. */
static double svm_latency(target *t, size_t size) {
	static void *ptrs[2];
	static target *owners[2];
	int slot = owners[0] == t ? 0 : owners[1] == t ? 1 : !owners[0] ? 0 : 1;
	if (!t->svm) return 0;
	if (!ptrs[slot]) {
		owners[slot] = t;
		ptrs[slot] = clSVMAlloc(t->ctx, CL_MEM_READ_WRITE, size, 0);
		if (!ptrs[slot]) return 0;
	}
	void *p = ptrs[slot];
	double t0 = now_ns();
	for (int i = 0; i < 1000; i++) {
		clEnqueueSVMMap(t->q, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE, p, size, 0, NULL, NULL);
		clEnqueueSVMUnmap(t->q, p, 0, NULL, NULL);
	}
	clFinish(t->q);
	return (now_ns() - t0) / 1000;
}

/* GB/s of one blocking read, write or copy of size bytes. */
enum { READ, WRITE, COPY };
static double transfer(target *t, int op, size_t size) {
	static char *host;
	if (!host) {
		host = malloc(size);
		memset(host, 1, size);
	}
	cl_mem a = buffer_for(t, size, 1), b = buffer_for(t, size, 2);
	cl_int err = 0;
	double t0 = now_ns();
	switch (op) {
	case READ: err = clEnqueueReadBuffer(t->q, a, CL_TRUE, 0, size, host, 0, NULL, NULL); break;
	case WRITE: err = clEnqueueWriteBuffer(t->q, a, CL_TRUE, 0, size, host, 0, NULL, NULL); break;
	case COPY: err = clEnqueueCopyBuffer(t->q, a, b, 0, 0, size, 0, NULL, NULL); clFinish(t->q); break;
	}
	if (err) DIE("%s: transfer: %d\n", t->name, err);
	return size / (now_ns() - t0);
}
static double read_bw(target *t, size_t size) { return transfer(t, READ, size); }
static double write_bw(target *t, size_t size) { return transfer(t, WRITE, size); }
static double copy_bw(target *t, size_t size) { return transfer(t, COPY, size); }

/* One sample of a figure for a target. */
typedef double (*sampler)(target *t, size_t arg);

static void row(const char *what, const char *unit, double g, double p, int lower_is_better);

/* Samples gocl and PoCL alternately, so that the machine's noise falls on
 * both, and prints the medians. */
static void compare(const char *what, const char *unit, sampler f, size_t arg, target *g, target *p, int lower_is_better) {
	double gs[SAMPLES], ps[SAMPLES];
	f(g, arg);
	if (p) f(p, arg);
	for (int k = 0; k < SAMPLES; k++) {
		gs[k] = f(g, arg);
		ps[k] = p ? f(p, arg) : 0;
	}
	row(what, unit, median(gs, SAMPLES), p ? median(ps, SAMPLES) : 0, lower_is_better);
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
	target *pp = have_pocl ? &p : NULL;
	compare("map+unmap 4 KiB", "ns", map_latency, 4096, &g, pp, 1);
	compare("map+unmap 1 MiB", "ns", map_latency, 1 << 20, &g, pp, 1);
	compare("map+unmap 256 MiB", "ns", map_latency, 256u << 20, &g, pp, 1);
	compare("SVM map+unmap 1 MiB", "ns", svm_latency, 1 << 20, &g, pp && p.svm ? pp : NULL, 1);
	compare("read 64 MiB", "GB/s", read_bw, 64u << 20, &g, pp, 0);
	compare("write 64 MiB", "GB/s", write_bw, 64u << 20, &g, pp, 0);
	compare("copy 64 MiB", "GB/s", copy_bw, 64u << 20, &g, pp, 0);
	return 0;
}
