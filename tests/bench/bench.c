/* gocl vs PoCL, side by side in one process: the loader offers both
 * platforms, each figure is measured on one then the other, and printed
 * with the ratio. Figures are medians over repeated samples. */
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>

#define SAMPLES 21

typedef struct {
	const char *name;
	cl_platform_id platform;
	cl_device_id device;
	cl_context ctx;
	cl_command_queue q;
	int svm;
	cl_program prog; /* the kernels below, built on first use */
	int prog_failed;
	int wrong; /* a kernel gave a wrong result: its figures are marked */
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

/* The kernels of the clpeak-like figures: the same source on both targets.
 * Where the result is exact (bandwidth sums, the integer mad chain, the
 * matrix product of small integers, the sum of 0s and 1s) it is checked
 * once per target, and a wrong one marks the row (WRONG). */
static const char *kernel_src =
	/* clpeak's global bandwidth: each work item reads 16 float4 a global
	 * size apart, so consecutive work items read consecutive elements */
	"kernel void bandwidth(global const float4 *in, global float *out) {\n"
	"  size_t i = get_global_id(0), n = get_global_size(0); float4 s = 0;\n"
	"  for (int k = 0; k < 16; k++) s += in[i + k * n];\n"
	"  out[i] = s.x + s.y + s.z + s.w; }\n"
	/* clpeak's compute kernels: two interleaved dependent mad chains */
	"#define MAD_4(x, y) x = mad(y, x, y); y = mad(x, y, x); x = mad(y, x, y); y = mad(x, y, x);\n"
	"#define MAD_16(x, y) MAD_4(x, y) MAD_4(x, y) MAD_4(x, y) MAD_4(x, y)\n"
	"#define IMAD_4(x, y) x = (y * x) + y; y = (x * y) + x; x = (y * x) + y; y = (x * y) + x;\n"
	"#define IMAD_16(x, y) IMAD_4(x, y) IMAD_4(x, y) IMAD_4(x, y) IMAD_4(x, y)\n"
	"#define COMPUTE(name, T, S, M, ITERS) \\\n"
	"kernel void name(global S *out, S a) { \\\n"
	"  T x = (T)(a); T y = (T)((S)get_local_id(0)); \\\n"
	"  for (int i = 0; i < ITERS; i++) { M(x, y) } \\\n"
	"  union { T v; S s[sizeof(T) / sizeof(S)]; } u; u.v = y; S r = 0; \\\n"
	"  for (int k = 0; k < (int)(sizeof(T) / sizeof(S)); k++) r += u.s[k]; \\\n"
	"  out[get_global_id(0)] = r; }\n"
	"COMPUTE(sp_v1, float, float, MAD_16, 256)\n"
	"COMPUTE(sp_v16, float16, float, MAD_16, 16)\n"
	"COMPUTE(dp_v16, double16, double, MAD_16, 16)\n"
	"COMPUTE(int_v16, int16, int, IMAD_16, 16)\n"
	"kernel void empty(global float *out) { }\n"
	/* C = A B, n x n, 16 x 16 tiles in __local memory */
	"kernel void matmul(global const float *A, global const float *B, global float *C, int n) {\n"
	"  local float As[16][16], Bs[16][16];\n"
	"  int tx = get_local_id(0), ty = get_local_id(1);\n"
	"  int col = get_global_id(0), row = get_global_id(1);\n"
	"  float acc = 0.0f;\n"
	"  for (int t = 0; t < n; t += 16) {\n"
	"    As[ty][tx] = A[row * n + t + tx];\n"
	"    Bs[ty][tx] = B[(t + ty) * n + col];\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"    for (int k = 0; k < 16; k++) acc += As[ty][k] * Bs[k][tx];\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  }\n"
	"  C[row * n + col] = acc; }\n"
	/* tree reduction in a work group: each work item adds two elements,
	 * then log2(local size) steps with barriers; one sum per group */
	"kernel void reduce(global const float *in, global float *out, local float *s) {\n"
	"  size_t l = get_local_id(0), n = get_local_size(0);\n"
	"  size_t i = get_group_id(0) * n * 2 + l;\n"
	"  s[l] = in[i] + in[i + n];\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  for (size_t k = n / 2; k > 0; k >>= 1) {\n"
	"    if (l < k) s[l] += s[l + k];\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  }\n"
	"  if (l == 0) out[get_group_id(0)] = s[0]; }\n";

static cl_kernel kernel_for(target *t, const char *name) {
	static struct { target *t; const char *name; cl_kernel k; } cache[32];
	static int n;
	for (int i = 0; i < n; i++)
		if (cache[i].t == t && !strcmp(cache[i].name, name)) return cache[i].k;
	if (t->prog_failed) return NULL;
	cl_int err;
	if (!t->prog) {
		double t0 = now_ns();
		t->prog = clCreateProgramWithSource(t->ctx, 1, &kernel_src, NULL, &err);
		err = clBuildProgram(t->prog, 1, &t->device, "", NULL, NULL);
		if (err) {
			static char log[65536];
			log[0] = 0;
			clGetProgramBuildInfo(t->prog, t->device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
			fprintf(stderr, "%s: clBuildProgram: %d\n%s\n", t->name, err, log);
			t->prog_failed = 1;
			return NULL;
		}
		fprintf(stderr, "%s: bench kernels built in %.0f ms\n", t->name, (now_ns() - t0) / 1e6);
	}
	cl_kernel k = clCreateKernel(t->prog, name, &err);
	if (err) {
		fprintf(stderr, "%s: clCreateKernel(%s): %d\n", t->name, name, err);
		return NULL;
	}
	cache[n].t = t, cache[n].name = name, cache[n].k = k;
	n++;
	return k;
}

static void wrong(target *t, const char *what) {
	fprintf(stderr, "%s: WRONG RESULT: %s\n", t->name, what);
	t->wrong = 1;
}

/* Buffers are made once per target and size, and reused by every sample. */
/* Contents of input buffers (which >= 10); the others start zeroed. */
enum { ONES = 10, MAT_A, MAT_B, BITS };
static float mat_value(int which, size_t i) {
	/* small integers: every product and sum in the 1024 x 1024 product is
	 * exact in float, whatever the order of the additions */
	return (float)((i * (which == MAT_A ? 7 : 13) + (i >> 10) * 3) % 5);
}
static void fill(int which, void *host, size_t size) {
	float *f = host;
	for (size_t i = 0; i < size / sizeof(float); i++)
		switch (which) {
		case ONES: f[i] = 1.0f; break;
		case MAT_A: case MAT_B: f[i] = mat_value(which, i); break;
		case BITS: f[i] = (float)(((i * 2654435761u) >> 7) & 1); break; /* sum <= 2^24: exact */
		}
}

static cl_mem buffer_for(target *t, size_t size, int which) {
	static struct { target *t; size_t size; int which; cl_mem m; } cache[32];
	static int n;
	for (int i = 0; i < n; i++)
		if (cache[i].t == t && cache[i].size == size && cache[i].which == which) return cache[i].m;
	cl_int err;
	cl_mem m = clCreateBuffer(t->ctx, CL_MEM_READ_WRITE, size, NULL, &err);
	if (err) DIE("%s: clCreateBuffer(%zu): %d\n", t->name, size, err);
	void *host = calloc(1, size);
	if (which >= 10) fill(which, host, size);
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

/* ns of one launch of k over global (x local) work items, with clFinish. */
static double run_ns(target *t, cl_kernel k, cl_uint dims, const size_t *global, const size_t *local) {
	double t0 = now_ns();
	cl_int err = clEnqueueNDRangeKernel(t->q, k, dims, NULL, global, local, 0, NULL, NULL);
	if (err) DIE("%s: clEnqueueNDRangeKernel: %d\n", t->name, err);
	clFinish(t->q);
	return now_ns() - t0;
}

/* GB/s read by the bandwidth kernel from a buffer of size bytes. */
static double kernel_bw(target *t, size_t size) {
	cl_kernel k = kernel_for(t, "bandwidth");
	if (!k) return 0;
	cl_mem in = buffer_for(t, size, ONES), out = buffer_for(t, size / 16, 3);
	size_t global = size / 16 / 16; /* 16 float4 per work item */
	clSetKernelArg(k, 0, sizeof in, &in);
	clSetKernelArg(k, 1, sizeof out, &out);
	double ns = run_ns(t, k, 1, &global, NULL);
	static target *checked[2];
	if (checked[0] != t && checked[1] != t) {
		checked[checked[0] ? 1 : 0] = t;
		float *o = malloc(global * sizeof(float));
		clEnqueueReadBuffer(t->q, out, CL_TRUE, 0, global * sizeof(float), o, 0, NULL, NULL);
		for (size_t i = 0; i < global; i++)
			if (o[i] != 64.0f) { wrong(t, "bandwidth kernel sum"); break; }
		free(o);
	}
	return size / ns;
}

/* G operations per second of a mad chain kernel: arg is the index into
 * compute_kernels. 16384 work items in groups of 256. */
static const struct { const char *name; int lanes, iters; size_t elem; } compute_kernels[] = {
	{"sp_v1", 1, 256, 4}, {"sp_v16", 16, 16, 4}, {"dp_v16", 16, 16, 8}, {"int_v16", 16, 16, 4},
};
static double compute(target *t, size_t which) {
	cl_kernel k = kernel_for(t, compute_kernels[which].name);
	if (!k) return 0;
	size_t global = 16384, local = 256;
	cl_mem out = buffer_for(t, global * 8, 4);
	union { float f; double d; int i; } a;
	size_t asize = compute_kernels[which].elem;
	if (which == 2) a.d = 1.3; else if (which == 3) a.i = 3; else a.f = 1.3f;
	clSetKernelArg(k, 0, sizeof out, &out);
	clSetKernelArg(k, 1, asize, &a);
	double ns = run_ns(t, k, 1, &global, &local);
	static target *checked[2];
	if (which == 3 && checked[0] != t && checked[1] != t) { /* integers: exact, mod 2^32 */
		checked[checked[0] ? 1 : 0] = t;
		int o[512];
		clEnqueueReadBuffer(t->q, out, CL_TRUE, 0, sizeof o, o, 0, NULL, NULL);
		for (size_t i = 0; i < 512; i++) {
			uint32_t x = 3, y = (uint32_t)(i % local);
			for (int it = 0; it < 16 * 16 / 4; it++) {
				x = y * x + y; y = x * y + x; x = y * x + y; y = x * y + x;
			}
			if ((uint32_t)o[i] != 16 * y) { wrong(t, "integer mad chain"); break; }
		}
	}
	/* 16 mads per MAD_16, 2 operations per mad */
	double ops = (double)global * compute_kernels[which].iters * 16 * 2 * compute_kernels[which].lanes;
	return ops / ns;
}

/* ns per launch of an empty kernel (one work item), each waited for. */
static double launch_latency(target *t, size_t iters) {
	cl_kernel k = kernel_for(t, "empty");
	if (!k) return 0;
	cl_mem out = buffer_for(t, 4096, 4);
	clSetKernelArg(k, 0, sizeof out, &out);
	size_t global = 1;
	double t0 = now_ns();
	for (size_t i = 0; i < iters; i++) {
		clEnqueueNDRangeKernel(t->q, k, 1, NULL, &global, NULL, 0, NULL, NULL);
		clFinish(t->q);
	}
	return (now_ns() - t0) / iters;
}

static double launch_latency_us(target *t, size_t iters) { return launch_latency(t, iters) / 1000; }

/* GFLOPS of the tiled n x n matrix product. */
static double matmul(target *t, size_t n) {
	cl_kernel k = kernel_for(t, "matmul");
	if (!k) return 0;
	size_t bytes = n * n * sizeof(float);
	cl_mem A = buffer_for(t, bytes, MAT_A), B = buffer_for(t, bytes, MAT_B), C = buffer_for(t, bytes, 5);
	cl_int ni = (cl_int)n;
	clSetKernelArg(k, 0, sizeof A, &A);
	clSetKernelArg(k, 1, sizeof B, &B);
	clSetKernelArg(k, 2, sizeof C, &C);
	clSetKernelArg(k, 3, sizeof ni, &ni);
	size_t global[2] = {n, n}, local[2] = {16, 16};
	double ns = run_ns(t, k, 2, global, local);
	static target *checked[2];
	if (checked[0] != t && checked[1] != t) {
		checked[checked[0] ? 1 : 0] = t;
		float *c = malloc(bytes);
		clEnqueueReadBuffer(t->q, C, CL_TRUE, 0, bytes, c, 0, NULL, NULL);
		for (size_t s = 0; s < 4096; s++) { /* 4096 entries spread over C */
			size_t r = (s * 769) % n, col = (s * 131 + s / n) % n;
			double want = 0;
			for (size_t j = 0; j < n; j++) want += (double)mat_value(MAT_A, r * n + j) * mat_value(MAT_B, j * n + col);
			if (c[r * n + col] != (float)want) {
				fprintf(stderr, "%s: C[%zu][%zu] = %g, want %g\n", t->name, r, col, c[r * n + col], want);
				wrong(t, "matmul");
				break;
			}
		}
		free(c);
	}
	return 2.0 * n * n * n / ns;
}

/* GB/s of the sum of n floats: two launches of the tree reduction (n ->
 * n/512 -> n/262144 partial sums), then the host adds the last few. */
static double reduction(target *t, size_t n) {
	cl_kernel k = kernel_for(t, "reduce");
	if (!k) return 0;
	size_t local = 256, per_group = 2 * local;
	size_t n1 = n / per_group, n2 = n1 / per_group;
	cl_mem in = buffer_for(t, n * sizeof(float), BITS);
	cl_mem p1 = buffer_for(t, n1 * sizeof(float), 6), p2 = buffer_for(t, n2 * sizeof(float), 7);
	double t0 = now_ns();
	clSetKernelArg(k, 0, sizeof in, &in);
	clSetKernelArg(k, 1, sizeof p1, &p1);
	clSetKernelArg(k, 2, local * sizeof(float), NULL);
	size_t g1 = n1 * local, g2 = n2 * local;
	cl_int err = clEnqueueNDRangeKernel(t->q, k, 1, NULL, &g1, &local, 0, NULL, NULL);
	clSetKernelArg(k, 0, sizeof p1, &p1);
	clSetKernelArg(k, 1, sizeof p2, &p2);
	err |= clEnqueueNDRangeKernel(t->q, k, 1, NULL, &g2, &local, 0, NULL, NULL);
	float part[64];
	err |= clEnqueueReadBuffer(t->q, p2, CL_TRUE, 0, n2 * sizeof(float), part, 0, NULL, NULL);
	if (err) DIE("%s: reduction: %d\n", t->name, err);
	double sum = 0;
	for (size_t i = 0; i < n2; i++) sum += part[i];
	double ns = now_ns() - t0;
	static double want = -1;
	if (want < 0) {
		float *h = malloc(n * sizeof(float));
		fill(BITS, h, n * sizeof(float));
		want = 0;
		for (size_t i = 0; i < n; i++) want += h[i];
		free(h);
	}
	if (sum != want && !t->wrong) {
		fprintf(stderr, "%s: reduction sum %.0f, want %.0f\n", t->name, sum, want);
		wrong(t, "reduction");
	}
	return n * sizeof(float) / ns;
}

/* One sample of a figure for a target. */
typedef double (*sampler)(target *t, size_t arg);

static void row(const char *what, const char *unit, double g, double p, int lower_is_better, int samples);

/* Samples gocl and PoCL alternately, so that the machine's noise falls on
 * both, and prints the medians. */
/* The number of samples adapts to the figure's cost, so that make bench
 * stays within minutes: about BUDGET_NS per figure for both targets
 * together, at least 3 samples (1 if one takes half the budget), at most
 * SAMPLES. The first call of each target (building kernels, first
 * touches, checking results) is not counted. */
#define BUDGET_NS 8e9
static void compare_n(int max_samples, const char *what, const char *unit, sampler f, size_t arg, target *g, target *p, int lower_is_better) {
	double gs[SAMPLES], ps[SAMPLES];
	double t0 = now_ns();
	gs[0] = f(g, arg);
	double tg = now_ns() - t0;
	double tp = 0;
	if (p) {
		t0 = now_ns();
		ps[0] = f(p, arg);
		tp = now_ns() - t0;
	}
	int samples = (int)(BUDGET_NS / (tg + tp + 1));
	if (samples > max_samples) samples = max_samples;
	if (samples < 3) samples = tg + tp > BUDGET_NS / 2 ? 1 : 3;
	samples |= 1;
	if (samples > 1)
		for (int k = 0; k < samples; k++) {
			gs[k] = f(g, arg);
			ps[k] = p ? f(p, arg) : 0;
		}
	char name[64];
	snprintf(name, sizeof name, "%s%s", what, g->wrong || (p && p->wrong) ? " (WRONG)" : "");
	row(name, unit, median(gs, samples), p ? median(ps, samples) : 0, lower_is_better, samples);
	g->wrong = 0;
	if (p) p->wrong = 0;
}

static void compare(const char *what, const char *unit, sampler f, size_t arg, target *g, target *p, int lower_is_better) {
	compare_n(SAMPLES, what, unit, f, arg, g, p, lower_is_better);
}

static void row(const char *what, const char *unit, double g, double p, int lower_is_better, int samples) {
	double ratio = 0;
	if (g > 0 && p > 0) ratio = lower_is_better ? p / g : g / p;
	printf("%-40s %12.3f %12.3f  %-6s %8.2fx %4d\n", what, g, p, unit, ratio, samples);
}

int main(void) {
	target g = {"gocl"}, p = {"pocl"};
	if (!find(&g, "gocl")) DIE("gocl platform not found\n");
	int have_pocl = find(&p, "Portable Computing Language");
	if (!have_pocl) fprintf(stderr, "PoCL not found: its column stays 0\n");
	printf("gocl vs PoCL, medians of n samples (at most %d); ratio > 1 means gocl is better\n\n", SAMPLES);
	printf("%-40s %12s %12s  %-6s %9s %4s\n", "figure", "gocl", "pocl", "unit", "ratio", "n");
	target *pp = have_pocl ? &p : NULL;
	compare("map+unmap 4 KiB", "ns", map_latency, 4096, &g, pp, 1);
	compare("map+unmap 1 MiB", "ns", map_latency, 1 << 20, &g, pp, 1);
	compare("map+unmap 256 MiB", "ns", map_latency, 256u << 20, &g, pp, 1);
	compare("SVM map+unmap 1 MiB", "ns", svm_latency, 1 << 20, &g, pp && p.svm ? pp : NULL, 1);
	compare("read 64 MiB", "GB/s", read_bw, 64u << 20, &g, pp, 0);
	compare("write 64 MiB", "GB/s", write_bw, 64u << 20, &g, pp, 0);
	compare("copy 64 MiB", "GB/s", copy_bw, 64u << 20, &g, pp, 0);
	printf("\nkernels (clpeak-like; results checked)\n");
	fflush(stdout);
	kernel_for(&g, "empty"); /* builds the program, outside the timings */
	if (pp) kernel_for(pp, "empty");
	compare("global memory bandwidth float4", "GB/s", kernel_bw, 64u << 20, &g, pp, 0);
	compare("single precision mad float", "GFLOPS", compute, 0, &g, pp, 0);
	compare("single precision mad float16", "GFLOPS", compute, 1, &g, pp, 0);
	compare("double precision mad double16", "GFLOPS", compute, 2, &g, pp, 0);
	compare("integer mad int16", "GIOPS", compute, 3, &g, pp, 0);
	compare("kernel launch latency (empty)", "us", launch_latency_us, 200, &g, pp, 1);
	compare_n(SAMPLES, "matmul 1024x1024, 16x16 tiles", "GFLOPS", matmul, 1024, &g, pp, 0);
	compare_n(SAMPLES, "reduction sum of 16M floats", "GB/s", reduction, 16u << 20, &g, pp, 0);
	return 0;
}
