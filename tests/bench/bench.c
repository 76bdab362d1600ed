/* gocl vs PoCL, side by side in one process: the loader offers both
 * platforms (and a second PoCL, when make bench is given BENCH_EXTRA_ICD),
 * each figure is measured on one then the other, and printed with the
 * ratio. Figures are medians over repeated samples, and each is also set
 * against the machine's ceiling (ceiling.c), measured in the same run. */
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
#include <errno.h>
#include <unistd.h>
#include <math.h>
#include "ceiling.h"
#include "../cmdbuf.h"

#define SAMPLES 21

/* kernel_for's programs: the main kernels, sub-group, half precision and
 * int8 dot product kernels */
enum { PROG_MAIN, PROG_SG, PROG_HALF, PROG_DOT8, NPROG };

typedef struct {
	const char *name; /* "gocl", or "pocl" and the version from CL_PLATFORM_VERSION */
	char label[32];
	cl_platform_id platform;
	cl_device_id device;
	cl_context ctx;
	cl_command_queue q;
	int svm_caps;
	cl_program progs[NPROG]; /* the kernels below, built on first use */
	int prog_failed[NPROG];
	int wrong; /* a kernel gave a wrong result: its figures are marked */
	uint64_t checked; /* the results already checked (bits: enum check) */
	void *svm; /* the SVM allocation of svm_latency */
	cl_version cb_version; /* cl_khr_command_buffer's, 0 if not offered */
	cb_api cb;
	cb_buffer cb_batch; /* BATCH empty kernels, recorded once */
} target;

/* gocl first, then each PoCL platform the loader offers. */
#define MAXT 4
static target targets[MAXT];
static int ntargets;
static ceilings ceil_;

/* A result is checked against the host's on the first call of a figure on
 * each target (a call that is not counted in the samples). */
enum check { CK_BW, CK_MATMUL, CK_NAIVE, CK_STENCIL, CK_RGBA8, CK_MANDEL, CK_NBODY, CK_FMA, CK_HGEMM, CK_DOT8, CK_SEGMENTS, CK_COMPUTE = CK_SEGMENTS + 3 };
static int first_call(target *t, int check) {
	if (t->checked & (1ull << check)) return 0;
	t->checked |= 1ull << check;
	return 1;
}

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

static int open_target(target *t, cl_platform_id pid) {
	cl_int err;
	t->platform = pid;
	if (clGetDeviceIDs(pid, CL_DEVICE_TYPE_ALL, 1, &t->device, NULL) != CL_SUCCESS) return 0;
	t->ctx = clCreateContext(NULL, 1, &t->device, NULL, NULL, &err);
	if (err) return 0;
	t->q = clCreateCommandQueueWithProperties(t->ctx, t->device, NULL, &err);
	if (err) return 0;
	cl_device_svm_capabilities caps = 0;
	clGetDeviceInfo(t->device, CL_DEVICE_SVM_CAPABILITIES, sizeof caps, &caps, NULL);
	t->svm_caps = caps != 0;
	return 1;
}

/* gocl, then the PoCL platforms, told apart by the version in
 * CL_PLATFORM_VERSION ("OpenCL 3.0 PoCL 3.1+debian ..." gives pocl3.1). */
static void find_targets(void) {
	cl_platform_id ps[16];
	cl_uint n = 0;
	clGetPlatformIDs(16, ps, &n);
	for (int pass = 0; pass < 2; pass++)
		for (cl_uint i = 0; i < n && ntargets < MAXT; i++) {
			char name[256] = "", version[256] = "";
			clGetPlatformInfo(ps[i], CL_PLATFORM_NAME, sizeof name, name, NULL);
			clGetPlatformInfo(ps[i], CL_PLATFORM_VERSION, sizeof version, version, NULL);
			target *t = &targets[ntargets];
			if (pass == 0 && strstr(name, "gocl")) {
				snprintf(t->label, sizeof t->label, "gocl");
			} else if (pass == 1 && strstr(name, "Portable Computing Language")) {
				const char *v = strstr(version, "PoCL ");
				char ver[16] = "";
				if (v) sscanf(v + 5, "%15[0-9.]", ver);
				snprintf(t->label, sizeof t->label, "pocl%s", ver);
				for (int k = 1; k < ntargets; k++) /* the same version twice */
					if (!strcmp(targets[k].label, t->label)) {
						snprintf(t->label, sizeof t->label, "pocl%s#%d", ver, ntargets);
						break;
					}
			} else {
				continue;
			}
			t->name = t->label;
			if (!open_target(t, ps[i])) {
				fprintf(stderr, "%s (%s): no device, context or queue\n", t->label, version);
				memset(t, 0, sizeof *t);
				continue;
			}
			fprintf(stderr, "%s: %s\n", t->label, version);
			ntargets++;
		}
}

/* The kernels of the figures: the same source on every target. Every
 * result is checked against the host's, once per target (first_call): a
 * wrong one marks that target's figure WRONG. Where the result is exact
 * (bandwidth sums, the integer mad chain, the matrix products of small
 * integers, the stencil of small integers, the sum of 0s and 1s) it must be
 * equal; elsewhere within a tolerance stated at the check. */
static const char *kernel_src =
	/* clpeak's global bandwidth: each work item reads 16 float4 a global
	 * size apart, so consecutive work items read consecutive elements */
	"kernel void bandwidth(global const float4 *in, global float *out) {\n"
	"  size_t i = get_global_id(0), n = get_global_size(0); float4 s = 0;\n"
	"  for (int k = 0; k < 16; k++) s += in[i + k * n];\n"
	"  out[i] = s.x + s.y + s.z + s.w; }\n"
	/* clpeak's compute kernels (compute_sp_v1 .. v16, compute_dp_v1 ..
	 * v16): two interleaved dependent mad chains, 16 mads per MAD_16, the
	 * loop count falling with the width so that every work item does 2048
	 * lane mads: 128 iterations for the scalar, 8 for the 16-wide. The start values differ from clpeak's (a, a+1, ... and
	 * the local id): x = -(a + 0.03 k) in lane k, y = -lid / 512 keep both
	 * in (-1, 0], where the chain contracts towards 0 and a result can be
	 * checked within a relative 1e-4 whatever the rounding of mad. */
	"#define MAD_4(x, y) x = mad(y, x, y); y = mad(x, y, x); x = mad(y, x, y); y = mad(x, y, x);\n"
	"#define MAD_16(x, y) MAD_4(x, y) MAD_4(x, y) MAD_4(x, y) MAD_4(x, y)\n"
	"#define IMAD_4(x, y) x = (y * x) + y; y = (x * y) + x; x = (y * x) + y; y = (x * y) + x;\n"
	"#define IMAD_16(x, y) IMAD_4(x, y) IMAD_4(x, y) IMAD_4(x, y) IMAD_4(x, y)\n"
	/* lane k of a vector of n: k, as clpeak's vector literals; the sum of
	 * the lanes by halves, as clpeak's y.S0 + y.S1 + ... (no union, no
	 * private array: the kernels are what clpeak gives a compiler) */
	"#define LANES1(S) ((S)0)\n"
	"#define LANES2(S) ((S##2)(0, 1))\n"
	"#define LANES4(S) ((S##4)(0, 1, 2, 3))\n"
	"#define LANES8(S) ((S##8)(0, 1, 2, 3, 4, 5, 6, 7))\n"
	"#define LANES16(S) ((S##16)(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15))\n"
	"#define SUM1(v) (v)\n"
	"#define SUM2(v) ((v).s0 + (v).s1)\n"
	"#define SUM4(v) (SUM2((v).lo) + SUM2((v).hi))\n"
	"#define SUM8(v) (SUM4((v).lo) + SUM4((v).hi))\n"
	"#define SUM16(v) (SUM8((v).lo) + SUM8((v).hi))\n"
	"#define FCOMPUTE(name, T, S, N, ITERS) \\\n"
	"kernel void name(global S *out, S a) { \\\n"
	"  T x = -((T)(a) + (S)0.03 * LANES##N(S)); T y = (T)(-(S)get_local_id(0) / (S)512); \\\n"
	"  for (int i = 0; i < ITERS; i++) { MAD_16(x, y) } \\\n"
	"  out[get_global_id(0)] = SUM##N(y); }\n"
	"FCOMPUTE(sp_v1, float, float, 1, 128)\n"
	"FCOMPUTE(sp_v2, float2, float, 2, 64)\n"
	"FCOMPUTE(sp_v4, float4, float, 4, 32)\n"
	"FCOMPUTE(sp_v8, float8, float, 8, 16)\n"
	"FCOMPUTE(sp_v16, float16, float, 16, 8)\n"
	"FCOMPUTE(dp_v1, double, double, 1, 128)\n"
	"FCOMPUTE(dp_v2, double2, double, 2, 64)\n"
	"FCOMPUTE(dp_v4, double4, double, 4, 32)\n"
	"FCOMPUTE(dp_v8, double8, double, 8, 16)\n"
	"FCOMPUTE(dp_v16, double16, double, 16, 8)\n"
	/* the integer chain: exact, mod 2^32 */
	"kernel void int_v16(global int *out, int a) {\n"
	"  int16 x = (int16)(a); int16 y = (int16)((int)get_local_id(0));\n"
	"  for (int i = 0; i < 16; i++) { IMAD_16(x, y) }\n"
	"  out[get_global_id(0)] = SUM16(y); }\n"
	/* a scalar FMA loop: 8 independent accumulators, 256 iterations of
	 * acc = fma(acc, a, b), 4096 flops per work item; fma is correctly
	 * rounded, so the result is checked nearly exactly */
	"#define FMA8 c0 = fma(c0, a, b); c1 = fma(c1, a, b); c2 = fma(c2, a, b); c3 = fma(c3, a, b); \\\n"
	"  c4 = fma(c4, a, b); c5 = fma(c5, a, b); c6 = fma(c6, a, b); c7 = fma(c7, a, b);\n"
	"kernel void fma_loop(global float *out, float a, float b) {\n"
	"  float s = (float)get_global_id(0) * 0x1p-20f;\n"
	"  float c0 = s, c1 = s + 0.125f, c2 = s + 0.25f, c3 = s + 0.375f;\n"
	"  float c4 = s + 0.5f, c5 = s + 0.625f, c6 = s + 0.75f, c7 = s + 0.875f;\n"
	"  for (int i = 0; i < 256; i++) { FMA8 }\n"
	"  out[get_global_id(0)] = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)); }\n"
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
	/* C = A B untiled: each work item one element of C, a loop over k */
	"kernel void matmul_naive(global const float *A, global const float *B, global float *C, int n) {\n"
	"  int col = get_global_id(0), row = get_global_id(1);\n"
	"  float acc = 0.0f;\n"
	"  for (int k = 0; k < n; k++) acc += A[row * n + k] * B[k * n + col];\n"
	"  C[row * n + col] = acc; }\n"
	/* 5-point stencil on an n x n grid; the border is copied */
	"kernel void stencil5(global const float *in, global float *out, int n) {\n"
	"  int x = get_global_id(0), y = get_global_id(1), i = y * n + x;\n"
	"  if (x == 0 || y == 0 || x == n - 1 || y == n - 1) { out[i] = in[i]; return; }\n"
	"  out[i] = 0.5f * in[i] + 0.125f * (((in[i - n] + in[i + n]) + in[i - 1]) + in[i + 1]); }\n"
	/* float4 pixels to saturated uchar4, launched in 16x16 groups: short
	 * rows in many rows (design notes: "Shape-free kernels") */
	"kernel void to_rgba8(global const float4 *in, global uchar4 *out) {\n"
	"  size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);\n"
	"  out[i] = convert_uchar4_sat(in[i] * 16.0f); }\n"
	/* Mandelbrot: a divergent while loop per pixel; no contraction into
	 * fma, so that the host's float arithmetic gives the same counts */
	"#pragma OPENCL FP_CONTRACT OFF\n"
	"kernel void mandel(global int *out, int w, float x0, float y0, float step, int maxit) {\n"
	"  int px = get_global_id(0), py = get_global_id(1);\n"
	"  float cx = x0 + px * step, cy = y0 + py * step, x = 0.0f, y = 0.0f;\n"
	"  int i = 0;\n"
	"  while (i < maxit && x * x + y * y <= 4.0f) {\n"
	"    float t = x * x - y * y + cx; y = 2.0f * x * y + cy; x = t; i++; }\n"
	"  out[py * w + px] = i; }\n"
	"#pragma OPENCL FP_CONTRACT ON\n"
	/* n-body: each work item loops over all bodies (float4: position,
	 * mass), 20 flops per interaction by the usual count */
	"kernel void nbody(global const float4 *pos, global float4 *acc, int n, float eps2) {\n"
	"  int i = get_global_id(0); float4 p = pos[i];\n"
	"  float ax = 0.0f, ay = 0.0f, az = 0.0f;\n"
	"  for (int j = 0; j < n; j++) {\n"
	"    float4 q = pos[j];\n"
	"    float dx = q.x - p.x, dy = q.y - p.y, dz = q.z - p.z;\n"
	"    float inv = rsqrt(dx * dx + dy * dy + dz * dz + eps2);\n"
	"    float s = q.w * inv * inv * inv;\n"
	"    ax += dx * s; ay += dy * s; az += dz * s; }\n"
	"  acc[i] = (float4)(ax, ay, az, 0.0f); }\n"
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
	"  if (l == 0) out[get_group_id(0)] = s[0]; }\n"
	/* the same tree in local memory over segments of w work-items (the
	 * sub-group reduction's size): one sum per segment */
	"kernel void local_reduce(global const float *in, global float *out, local float *s, uint w) {\n"
	"  size_t l = get_local_id(0), i = get_global_id(0), j = l % w;\n"
	"  s[l] = in[i];\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  for (uint k = w / 2; k > 0; k >>= 1) {\n"
	"    if (j < k) s[l] += s[l + k];\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  }\n"
	"  if (j == 0) out[i / w] = s[l]; }\n";

/* Sub-group kernels (OpenCL C 3.0, __opencl_c_subgroups): one sum per
 * sub-group, and each work-item's prefix sum within its sub-group. */
static const char *sg_kernel_src =
	"kernel void sg_reduce(global const float *in, global float *out) {\n"
	"  size_t i = get_global_id(0);\n"
	"  float s = sub_group_reduce_add(in[i]);\n"
	"  if (get_sub_group_local_id() == 0) out[get_group_id(0) * get_num_sub_groups() + get_sub_group_id()] = s; }\n"
	"kernel void sg_scan(global const float *in, global float *out) {\n"
	"  size_t i = get_global_id(0);\n"
	"  out[i] = sub_group_scan_inclusive_add(in[i]); }\n";

/* Half precision kernels (cl_khr_fp16): C = A B untiled in half, each
 * work-item one element of C, a loop of fma over k. */
static const char *h_kernel_src =
	"#pragma OPENCL EXTENSION cl_khr_fp16 : enable\n"
	"kernel void h_gemm(global const half *A, global const half *B, global half *C, int n) {\n"
	"  int col = get_global_id(0), row = get_global_id(1);\n"
	"  half acc = 0.0h;\n"
	"  for (int k = 0; k < n; k++) acc = fma(A[row * n + k], B[k * n + col], acc);\n"
	"  C[row * n + col] = acc; }\n";

/* An int8 dot product loop: each work-item the dot product of its column
 * of packed signed bytes with a shared vector, 4 products a word; with
 * cl_khr_integer_dot_product's builtin where the device has it, the same
 * arithmetic spelled out where it does not (Debian's PoCL). */
static const char *dot8_kernel_src =
	"#ifdef __opencl_c_integer_dot_product_input_4x8bit_packed\n"
	"#define DOT(a, b) dot_4x8packed_ss_int(a, b)\n"
	"#else\n"
	"int dot4(uint a, uint b) {\n"
	"  char4 x = as_char4(a), y = as_char4(b);\n"
	"  return (int)x.s0 * y.s0 + (int)x.s1 * y.s1 + (int)x.s2 * y.s2 + (int)x.s3 * y.s3; }\n"
	"#define DOT(a, b) dot4(a, b)\n"
	"#endif\n"
	"kernel void dot8(global const uint *a, global const uint *v, global int *out, int words) {\n"
	"  size_t i = get_global_id(0), n = get_global_size(0);\n"
	"  int acc = 0;\n"
	"  for (int k = 0; k < words; k++) acc += DOT(a[k * n + i], v[k]);\n"
	"  out[i] = acc; }\n";

/* The programs of kernel_for: kernels whose name starts with prefix are in
 * src, built with options, on devices that have ext (an extension, or
 * "subgroups" for CL_DEVICE_MAX_NUM_SUB_GROUPS > 0). */
static const struct { const char *prefix, **src, *options, *ext; } programs[NPROG] = {
	{"", &kernel_src, "", NULL},
	{"sg_", &sg_kernel_src, "-cl-std=CL3.0", "subgroups"},
	{"h_", &h_kernel_src, "", "cl_khr_fp16"},
	{"dot8", &dot8_kernel_src, "-cl-std=CL3.0", NULL},
};

static int has_extension(target *t, const char *ext) {
	if (!strcmp(ext, "subgroups")) {
		cl_uint nsg = 0;
		clGetDeviceInfo(t->device, CL_DEVICE_MAX_NUM_SUB_GROUPS, sizeof nsg, &nsg, NULL);
		return nsg > 0;
	}
	static char exts[1 << 16];
	exts[0] = 0;
	clGetDeviceInfo(t->device, CL_DEVICE_EXTENSIONS, sizeof exts, exts, NULL);
	size_t len = strlen(ext);
	for (const char *p = exts; (p = strstr(p, ext)); p += len)
		if ((p == exts || p[-1] == ' ') && (p[len] == ' ' || p[len] == 0)) return 1;
	return 0;
}

static cl_kernel kernel_for(target *t, const char *name) {
	static struct { target *t; const char *name; cl_kernel k; } cache[32 * MAXT];
	static int n;
	for (int i = 0; i < n; i++)
		if (cache[i].t == t && !strcmp(cache[i].name, name)) return cache[i].k;
	int which = PROG_MAIN;
	for (int i = 1; i < NPROG; i++)
		if (!strncmp(name, programs[i].prefix, strlen(programs[i].prefix))) which = i;
	cl_program *prog = &t->progs[which];
	int *failed = &t->prog_failed[which];
	if (*failed) return NULL;
	cl_int err;
	if (!*prog) {
		if (programs[which].ext && !has_extension(t, programs[which].ext)) {
			fprintf(stderr, "%s: no %s\n", t->name, programs[which].ext);
			*failed = 1;
			return NULL;
		}
		double t0 = now_ns();
		*prog = clCreateProgramWithSource(t->ctx, 1, programs[which].src, NULL, &err);
		err = clBuildProgram(*prog, 1, &t->device, programs[which].options, NULL, NULL);
		if (err) {
			static char log[65536];
			log[0] = 0;
			clGetProgramBuildInfo(*prog, t->device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
			fprintf(stderr, "%s: clBuildProgram: %d\n%s\n", t->name, err, log);
			*failed = 1;
			return NULL;
		}
		fprintf(stderr, "%s: bench kernels built in %.0f ms\n", t->name, (now_ns() - t0) / 1e6);
	}
	cl_kernel k = clCreateKernel(*prog, name, &err);
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

/* a within a relative tol of b (or both tiny) */
static int near(double a, double b, double tol) {
	return fabs(a - b) <= tol * fabs(b) + 1e-30 && a == a;
}

/* Buffers are made once per target and size, and reused by every sample. */
/* Contents of input buffers (which >= 10); the others start zeroed. */
enum { ONES = 10, MAT_A, MAT_B, BITS, GRID, BODIES };
static float mat_value(int which, size_t i) {
	/* small integers: every product and sum in the 1024 x 1024 product is
	 * exact in float, whatever the order of the additions */
	return (float)((i * (which == MAT_A ? 7 : 13) + (i >> 10) * 3) % 5);
}
static uint32_t lcg(uint32_t *s) { return *s = *s * 1664525u + 1013904223u; }
static void fill(int which, void *host, size_t size) {
	float *f = host;
	uint32_t seed = 1;
	for (size_t i = 0; i < size / sizeof(float); i++)
		switch (which) {
		case ONES: f[i] = 1.0f; break;
		case MAT_A: case MAT_B: f[i] = mat_value(which, i); break;
		case BITS: f[i] = (float)(((i * 2654435761u) >> 7) & 1); break; /* sum <= 2^24: exact */
		case GRID: f[i] = (float)(((i * 2654435761u) >> 11) & 15); break; /* the stencil is exact */
		case BODIES: /* x, y, z in [-1, 1), mass in [0.5, 1) */
			f[i] = i % 4 == 3 ? 0.5f + (lcg(&seed) >> 8) * 0x1p-25f : (float)((int32_t)lcg(&seed) * 0x1p-31);
			break;
		}
}

static cl_mem buffer_for(target *t, size_t size, int which) {
	static struct { target *t; size_t size; int which; cl_mem m; } cache[32 * MAXT];
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

/* Reads a buffer back into a new host allocation. */
static void *read_back(target *t, cl_mem m, size_t size) {
	void *h = malloc(size);
	cl_int err = clEnqueueReadBuffer(t->q, m, CL_TRUE, 0, size, h, 0, NULL, NULL);
	if (err) DIE("%s: clEnqueueReadBuffer: %d\n", t->name, err);
	return h;
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

/* ns per blocking SVM map+unmap of size bytes (0: no SVM). */
static double svm_latency(target *t, size_t size) {
	if (!t->svm_caps) return 0;
	if (!t->svm) t->svm = clSVMAlloc(t->ctx, CL_MEM_READ_WRITE, size, 0);
	if (!t->svm) return 0;
	void *p = t->svm;
	double t0 = now_ns();
	for (int i = 0; i < 1000; i++) {
		clEnqueueSVMMap(t->q, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE, p, size, 0, NULL, NULL);
		clEnqueueSVMUnmap(t->q, p, 0, NULL, NULL);
	}
	clFinish(t->q);
	return (now_ns() - t0) / 1000;
}

/* GB/s of one blocking read, write or copy of size bytes (size bytes
 * counted, also for the copy, which reads and writes them). */
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

/* ns per launch of k over global (x local) work items, reps launches
 * enqueued back to back, then clFinish. */
static double run_reps_ns(target *t, cl_kernel k, cl_uint dims, const size_t *global, const size_t *local, int reps) {
	double t0 = now_ns();
	for (int i = 0; i < reps; i++) {
		cl_int err = clEnqueueNDRangeKernel(t->q, k, dims, NULL, global, local, 0, NULL, NULL);
		if (err) DIE("%s: clEnqueueNDRangeKernel: %d\n", t->name, err);
	}
	clFinish(t->q);
	return (now_ns() - t0) / reps;
}

/* ns of one launch of k over global (x local) work items, with clFinish. */
static double run_ns(target *t, cl_kernel k, cl_uint dims, const size_t *global, const size_t *local) {
	return run_reps_ns(t, k, dims, global, local, 1);
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
	if (first_call(t, CK_BW)) {
		float *o = read_back(t, out, global * sizeof(float));
		for (size_t i = 0; i < global; i++)
			if (o[i] != 64.0f) { wrong(t, "bandwidth kernel sum"); break; }
		free(o);
	}
	return size / ns;
}

/* G operations per second of a mad chain kernel: arg is the index into
 * compute_kernels. 2048 lane mads per work item; COMPUTE_ITEMS work
 * items in groups of 256, COMPUTE_REPS launches a sample. */
#define COMPUTE_ITEMS (64 * 1024)
#define COMPUTE_REPS 4
enum { SP, DP, INT };
static const struct { const char *name; int lanes, iters, type; } compute_kernels[] = {
	{"sp_v1", 1, 128, SP}, {"sp_v2", 2, 64, SP}, {"sp_v4", 4, 32, SP}, {"sp_v8", 8, 16, SP}, {"sp_v16", 16, 8, SP},
	{"dp_v1", 1, 128, DP}, {"dp_v2", 2, 64, DP}, {"dp_v4", 4, 32, DP}, {"dp_v8", 8, 16, DP}, {"dp_v16", 16, 8, DP},
	{"int_v16", 16, 16, INT},
};
#define SP_A 0.3
static double compute(target *t, size_t which) {
	cl_kernel k = kernel_for(t, compute_kernels[which].name);
	if (!k) return 0;
	int type = compute_kernels[which].type, lanes = compute_kernels[which].lanes;
	size_t global = COMPUTE_ITEMS, local = 256;
	cl_mem out = buffer_for(t, global * 8, 4);
	union { float f; double d; int i; } a;
	size_t asize = type == DP ? 8 : 4;
	if (type == DP) a.d = SP_A; else if (type == INT) a.i = 3; else a.f = (float)SP_A;
	clSetKernelArg(k, 0, sizeof out, &out);
	clSetKernelArg(k, 1, asize, &a);
	/* several launches back to back, as clpeak times its kernels (a
	 * launch after an idle gap also pays the workers' wake-up) */
	double ns = run_reps_ns(t, k, 1, &global, &local, COMPUTE_REPS);
	if (first_call(t, CK_COMPUTE + which)) {
		int o[512];
		double *od = (double *)o;
		float *of = (float *)o;
		size_t n = type == DP ? 256 : 512;
		clEnqueueReadBuffer(t->q, out, CL_TRUE, 0, sizeof o, o, 0, NULL, NULL);
		for (size_t i = 0; i < n; i++) {
			if (type == INT) {
				uint32_t x = 3, y = (uint32_t)(i % local);
				for (int it = 0; it < 16 * 16 / 4; it++) {
					x = y * x + y; y = x * y + x; x = y * x + y; y = x * y + x;
				}
				if ((uint32_t)o[i] != 16 * y) { wrong(t, "integer mad chain"); break; }
				continue;
			}
			/* the chain in double, lane by lane: float and double
			 * results are within 1e-4 of it (the chain contracts) */
			double want = 0;
			for (int l = 0; l < lanes; l++) {
				double x = type == SP ? (double)-((float)SP_A + 0.03f * l) : -(SP_A + 0.03 * l);
				double y = type == SP ? (double)(-(float)(i % local) / 512.0f) : -(double)(i % local) / 512;
				for (int it = 0; it < compute_kernels[which].iters * 16 / 2; it++) x = y * x + y, y = x * y + x;
				want += y;
			}
			double got = type == DP ? od[i] : of[i];
			if (!near(got, want, 1e-4)) {
				fprintf(stderr, "%s: %s out[%zu] = %.9g, want %.9g\n", t->name, compute_kernels[which].name, i, got, want);
				wrong(t, "mad chain");
				break;
			}
		}
	}
	/* 16 mads per MAD_16, 2 operations per mad */
	double ops = (double)global * compute_kernels[which].iters * 16 * 2 * lanes;
	return ops / ns;
}

/* GFLOPS of the scalar FMA loop: global work items of 4096 flops. */
static double fma_loop(target *t, size_t global) {
	cl_kernel k = kernel_for(t, "fma_loop");
	if (!k) return 0;
	cl_mem out = buffer_for(t, global * 4, 4);
	float a = 0.999f, b = 0.001f; /* the accumulators go towards 1 */
	clSetKernelArg(k, 0, sizeof out, &out);
	clSetKernelArg(k, 1, sizeof a, &a);
	clSetKernelArg(k, 2, sizeof b, &b);
	double ns = run_ns(t, k, 1, &global, NULL);
	if (first_call(t, CK_FMA)) {
		float *o = read_back(t, out, 4096 * sizeof(float));
		for (size_t i = 0; i < 4096; i += 7) {
			float s = (float)i * 0x1p-20f, c[8];
			for (int j = 0; j < 8; j++) c[j] = s + 0.125f * j;
			for (int it = 0; it < 256; it++)
				for (int j = 0; j < 8; j++) c[j] = fmaf(c[j], a, b);
			float want = ((c[0] + c[1]) + (c[2] + c[3])) + ((c[4] + c[5]) + (c[6] + c[7]));
			if (!near(o[i], want, 1e-6)) {
				fprintf(stderr, "%s: fma_loop out[%zu] = %.9g, want %.9g\n", t->name, i, o[i], want);
				wrong(t, "fma loop");
				break;
			}
		}
		free(o);
	}
	return (double)global * 256 * 8 * 2 / ns;
}

/* The empty kernel with its argument set, or NULL. */
static cl_kernel empty_kernel(target *t) {
	cl_kernel k = kernel_for(t, "empty");
	if (!k) return NULL;
	cl_mem out = buffer_for(t, 4096, 4);
	clSetKernelArg(k, 0, sizeof out, &out);
	return k;
}

/* ns per launch of an empty kernel (one work item), each waited for. */
static double launch_latency(target *t, size_t iters) {
	cl_kernel k = empty_kernel(t);
	if (!k) return 0;
	size_t global = 1;
	double t0 = now_ns();
	for (size_t i = 0; i < iters; i++) {
		clEnqueueNDRangeKernel(t->q, k, 1, NULL, &global, NULL, 0, NULL, NULL);
		clFinish(t->q);
	}
	return (now_ns() - t0) / iters;
}

static double launch_latency_us(target *t, size_t iters) { return launch_latency(t, iters) / 1000; }

/* Command-buffers: us per command of a batch of n empty kernels (one work
 * item each), enqueued one by one then waited for (batch_separate), or
 * recorded once in a command-buffer and replayed (batch_replay). The entry
 * points a kernel-only replay uses (create, NDRange, finalize, enqueue)
 * have the same signatures from cl_khr_command_buffer 0.9.0 (PoCL 3.1) to
 * 0.9.8 (gocl), so PoCL's can be measured too. */
#define BATCH 100
static double batch_separate(target *t, size_t n) {
	cl_kernel k = empty_kernel(t);
	if (!k) return 0;
	size_t global = 1;
	double t0 = now_ns();
	for (size_t i = 0; i < n; i++) clEnqueueNDRangeKernel(t->q, k, 1, NULL, &global, NULL, 0, NULL, NULL);
	clFinish(t->q);
	return (now_ns() - t0) / n / 1000;
}

/* cmdbuf_version is cl_khr_command_buffer's version on t's device, 0 if
 * it is not offered. */
static cl_version cmdbuf_version(target *t) {
	cl_name_version nv[128];
	size_t size = 0;
	if (clGetDeviceInfo(t->device, CL_DEVICE_EXTENSIONS_WITH_VERSION, sizeof nv, nv, &size) != CL_SUCCESS) return 0;
	for (size_t i = 0; i < size / sizeof nv[0]; i++)
		if (!strcmp(nv[i].name, "cl_khr_command_buffer")) return nv[i].version;
	return 0;
}

static double batch_replay(target *t, size_t n) {
	if (!t->cb_batch) {
		cl_kernel k = empty_kernel(t);
		if (!k || !t->cb_version) return 0;
		void **f[] = {(void **)&t->cb.create, (void **)&t->cb.ndrange, (void **)&t->cb.finalize, (void **)&t->cb.enqueue};
		const char *names[] = {"clCreateCommandBufferKHR", "clCommandNDRangeKernelKHR", "clFinalizeCommandBufferKHR", "clEnqueueCommandBufferKHR"};
		for (int i = 0; i < 4; i++)
			if (!(*f[i] = clGetExtensionFunctionAddressForPlatform(t->platform, names[i]))) return 0;
		cl_int err;
		t->cb_batch = t->cb.create(1, &t->q, NULL, &err);
		if (err) return 0;
		size_t global = 1;
		for (size_t i = 0; i < n; i++)
			if (t->cb.ndrange(t->cb_batch, NULL, NULL, k, 1, NULL, &global, NULL, 0, NULL, NULL, NULL)) return 0;
		if (t->cb.finalize(t->cb_batch)) return 0;
	}
	double t0 = now_ns();
	if (t->cb.enqueue(0, NULL, t->cb_batch, 0, NULL, NULL)) return 0;
	clFinish(t->q);
	return (now_ns() - t0) / n / 1000;
}

/* GFLOPS of an n x n matrix product: 16 x 16 tiles in local memory
 * (tiled), or one element of C per work item, local size left to the
 * implementation (untiled). */
static double matmul_kernel(target *t, size_t n, int tiled) {
	cl_kernel k = kernel_for(t, tiled ? "matmul" : "matmul_naive");
	if (!k) return 0;
	size_t bytes = n * n * sizeof(float);
	cl_mem A = buffer_for(t, bytes, MAT_A), B = buffer_for(t, bytes, MAT_B), C = buffer_for(t, bytes, 5);
	cl_int ni = (cl_int)n;
	clSetKernelArg(k, 0, sizeof A, &A);
	clSetKernelArg(k, 1, sizeof B, &B);
	clSetKernelArg(k, 2, sizeof C, &C);
	clSetKernelArg(k, 3, sizeof ni, &ni);
	size_t global[2] = {n, n}, local[2] = {16, 16};
	double ns = run_ns(t, k, 2, global, tiled ? local : NULL);
	if (first_call(t, tiled ? CK_MATMUL : CK_NAIVE)) {
		float *c = read_back(t, C, bytes);
		for (size_t s = 0; s < 4096; s++) { /* 4096 entries spread over C */
			size_t r = (s * 769) % n, col = (s * 131 + s / n) % n;
			double want = 0;
			for (size_t j = 0; j < n; j++) want += (double)mat_value(MAT_A, r * n + j) * mat_value(MAT_B, j * n + col);
			if (c[r * n + col] != (float)want) {
				fprintf(stderr, "%s: C[%zu][%zu] = %g, want %g\n", t->name, r, col, c[r * n + col], want);
				wrong(t, tiled ? "matmul" : "matmul untiled");
				break;
			}
		}
		free(c);
	}
	return 2.0 * n * n * n / ns;
}
static double matmul(target *t, size_t n) { return matmul_kernel(t, n, 1); }
static double matmul_naive(target *t, size_t n) { return matmul_kernel(t, n, 0); }

/* GFLOPS of the half precision GEMM loop on n x n matrices of 0s and 1s
 * (every sum a small integer: exact in half, so checked exactly). */
static uint16_t half_of(int v) { /* 0 <= v <= 2048, exact */
	if (v == 0) return 0;
	int e = 0;
	while ((v >> e) > 1) e++;
	return (uint16_t)((e + 15) << 10 | ((v << (10 - e)) & 0x3ff));
}
static double hgemm(target *t, size_t n) {
	cl_kernel k = kernel_for(t, "h_gemm");
	if (!k) return 0;
	static uint16_t *a, *b;
	static size_t an;
	if (an != n) {
		free(a), free(b);
		a = malloc(n * n * 2), b = malloc(n * n * 2), an = n;
		for (size_t i = 0; i < n * n; i++) {
			a[i] = half_of((i * 2654435761u >> 7) & 1);
			b[i] = half_of((i * 40503u >> 5) & 1);
		}
	}
	cl_int err;
	cl_mem A = clCreateBuffer(t->ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, n * n * 2, a, &err);
	cl_mem B = clCreateBuffer(t->ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, n * n * 2, b, &err);
	cl_mem C = clCreateBuffer(t->ctx, CL_MEM_READ_WRITE, n * n * 2, NULL, &err);
	cl_int ni = (cl_int)n;
	clSetKernelArg(k, 0, sizeof A, &A);
	clSetKernelArg(k, 1, sizeof B, &B);
	clSetKernelArg(k, 2, sizeof C, &C);
	clSetKernelArg(k, 3, sizeof ni, &ni);
	size_t global[2] = {n, n};
	double ns = run_ns(t, k, 2, global, NULL);
	if (first_call(t, CK_HGEMM)) {
		uint16_t *c = malloc(n * n * 2);
		clEnqueueReadBuffer(t->q, C, CL_TRUE, 0, n * n * 2, c, 0, NULL, NULL);
		for (size_t r = 0; r < n && !t->wrong; r++)
			for (size_t col = 0; col < n; col++) {
				int want = 0;
				for (size_t j = 0; j < n; j++) want += (a[r * n + j] != 0) * (b[j * n + col] != 0);
				if (c[r * n + col] != half_of(want)) {
					fprintf(stderr, "%s: h_gemm C[%zu][%zu] = 0x%04x, want %d\n", t->name, r, col, c[r * n + col], want);
					wrong(t, "half GEMM");
					break;
				}
			}
		free(c);
	}
	clReleaseMemObject(A), clReleaseMemObject(B), clReleaseMemObject(C);
	return 2.0 * n * n * n / ns;
}

/* G integer operations per second (a multiply and an add per byte pair)
 * of the int8 dot product loop: items work-items, words packed words each. */
static double dot8(target *t, size_t items) {
	cl_kernel k = kernel_for(t, "dot8");
	if (!k) return 0;
	const int words = 1024;
	static uint32_t *a, *v;
	static size_t ai;
	if (ai != items) {
		free(a), free(v);
		a = malloc(items * words * 4), v = malloc(words * 4), ai = items;
		for (size_t i = 0; i < items * words; i++) a[i] = (uint32_t)(i * 2654435761u);
		for (int i = 0; i < words; i++) v[i] = (uint32_t)(i * 40503u + 12345u) * 2246822519u;
	}
	cl_int err;
	cl_mem A = clCreateBuffer(t->ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, items * words * 4, a, &err);
	cl_mem V = clCreateBuffer(t->ctx, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, words * 4, v, &err);
	cl_mem O = clCreateBuffer(t->ctx, CL_MEM_READ_WRITE, items * 4, NULL, &err);
	clSetKernelArg(k, 0, sizeof A, &A);
	clSetKernelArg(k, 1, sizeof V, &V);
	clSetKernelArg(k, 2, sizeof O, &O);
	clSetKernelArg(k, 3, sizeof words, &words);
	double ns = run_ns(t, k, 1, &items, NULL);
	if (first_call(t, CK_DOT8)) {
		int32_t *o = malloc(items * 4);
		clEnqueueReadBuffer(t->q, O, CL_TRUE, 0, items * 4, o, 0, NULL, NULL);
		for (size_t i = 0; i < items; i++) {
			int32_t want = 0;
			for (int w = 0; w < words; w++)
				for (int j = 0; j < 4; j++)
					want += (int8_t)(a[w * items + i] >> 8 * j) * (int8_t)(v[w] >> 8 * j);
			if (o[i] != want) {
				fprintf(stderr, "%s: dot8 out[%zu] = %d, want %d\n", t->name, i, o[i], want);
				wrong(t, "int8 dot product");
				break;
			}
		}
		free(o);
	}
	clReleaseMemObject(A), clReleaseMemObject(V), clReleaseMemObject(O);
	return 8.0 * words * items / ns;
}

/* GB/s of one 5-point stencil sweep over an n x n float grid, counting
 * each point read once and written once (8 bytes a point). */
static double stencil(target *t, size_t n) {
	cl_kernel k = kernel_for(t, "stencil5");
	if (!k) return 0;
	size_t bytes = n * n * sizeof(float);
	cl_mem in = buffer_for(t, bytes, GRID), out = buffer_for(t, bytes, 8);
	cl_int ni = (cl_int)n;
	clSetKernelArg(k, 0, sizeof in, &in);
	clSetKernelArg(k, 1, sizeof out, &out);
	clSetKernelArg(k, 2, sizeof ni, &ni);
	size_t global[2] = {n, n};
	double ns = run_ns(t, k, 2, global, NULL);
	if (first_call(t, CK_STENCIL)) {
		float *g = malloc(bytes), *o = read_back(t, out, bytes);
		fill(GRID, g, bytes);
		for (size_t y = 0; y < n; y++)
			for (size_t x = 0; x < n; x++) {
				size_t i = y * n + x;
				float want = x == 0 || y == 0 || x == n - 1 || y == n - 1 ? g[i] :
					0.5f * g[i] + 0.125f * (((g[i - n] + g[i + n]) + g[i - 1]) + g[i + 1]);
				if (o[i] != want) { /* small integers and halves: exact */
					fprintf(stderr, "%s: stencil out[%zu][%zu] = %g, want %g\n", t->name, y, x, o[i], want);
					wrong(t, "stencil");
					y = n;
					break;
				}
			}
		free(g);
		free(o);
	}
	return 2.0 * bytes / ns;
}

/* GB/s of a float4 to uchar4 conversion of an n x n image in 16x16
 * groups, counting 16 bytes read and 4 written a pixel. */
static double rgba8(target *t, size_t n) {
	cl_kernel k = kernel_for(t, "to_rgba8");
	if (!k) return 0;
	size_t px = n * n;
	cl_mem in = buffer_for(t, px * 16, GRID), out = buffer_for(t, px * 4, 8);
	clSetKernelArg(k, 0, sizeof in, &in);
	clSetKernelArg(k, 1, sizeof out, &out);
	size_t global[2] = {n, n}, local[2] = {16, 16};
	double ns = run_ns(t, k, 2, global, local);
	if (first_call(t, CK_RGBA8)) {
		float *g = malloc(px * 16);
		unsigned char *o = read_back(t, out, px * 4);
		fill(GRID, g, px * 16);
		for (size_t i = 0; i < px * 4; i++)
			if (o[i] != (unsigned char)(g[i] * 16.0f)) { /* 0..240: exact */
				fprintf(stderr, "%s: rgba8 byte %zu = %d, want %g\n", t->name, i, o[i], g[i] * 16.0f);
				wrong(t, "rgba8");
				break;
			}
		free(g);
		free(o);
	}
	return 20.0 * px / ns;
}

/* Mpixels/s of a w x w Mandelbrot image of [-2, 1] x [-1.5, 1.5], at most
 * 256 iterations a pixel. */
static double mandelbrot(target *t, size_t w) {
	cl_kernel k = kernel_for(t, "mandel");
	if (!k) return 0;
	size_t bytes = w * w * sizeof(int);
	cl_mem out = buffer_for(t, bytes, 9);
	cl_int wi = (cl_int)w, maxit = 256;
	float x0 = -2.0f, y0 = -1.5f, step = 3.0f / w;
	clSetKernelArg(k, 0, sizeof out, &out);
	clSetKernelArg(k, 1, sizeof wi, &wi);
	clSetKernelArg(k, 2, sizeof x0, &x0);
	clSetKernelArg(k, 3, sizeof y0, &y0);
	clSetKernelArg(k, 4, sizeof step, &step);
	clSetKernelArg(k, 5, sizeof maxit, &maxit);
	size_t global[2] = {w, w};
	double ns = run_ns(t, k, 2, global, NULL);
	if (first_call(t, CK_MANDEL)) {
		int *o = read_back(t, out, bytes);
		size_t bad = 0;
		for (size_t py = 0; py < w; py++)
			for (size_t px = 0; px < w; px++) {
				/* volatile: the host's float operations one by one,
				 * rounded as the kernel's (no contraction there) */
				volatile float cx = x0 + px * step, cy = y0 + py * step, x = 0, y = 0;
				int i = 0;
				while (i < maxit && x * x + y * y <= 4.0f) {
					volatile float xx = x * x, yy = y * y, tt = xx - yy, tn = tt + cx, xy = 2.0f * x * y;
					y = xy + cy;
					x = tn;
					i++;
				}
				bad += o[py * w + px] != i;
			}
		/* a pixel on the set's edge may still differ, if an
		 * implementation contracts; a few in a thousand are tolerated */
		if (bad) fprintf(stderr, "%s: mandelbrot: %zu of %zu pixels differ from the host's\n", t->name, bad, w * w);
		if (bad > w * w / 256) wrong(t, "mandelbrot");
		free(o);
	}
	return w * w / ns * 1e3;
}

/* GFLOPS of n-body forces over n bodies: n^2 interactions of 20 flops. */
#define EPS2 0.01f
static double nbody(target *t, size_t n) {
	cl_kernel k = kernel_for(t, "nbody");
	if (!k) return 0;
	cl_mem pos = buffer_for(t, n * 16, BODIES), acc = buffer_for(t, n * 16, 8);
	cl_int ni = (cl_int)n;
	float eps2 = EPS2;
	clSetKernelArg(k, 0, sizeof pos, &pos);
	clSetKernelArg(k, 1, sizeof acc, &acc);
	clSetKernelArg(k, 2, sizeof ni, &ni);
	clSetKernelArg(k, 3, sizeof eps2, &eps2);
	double ns = run_ns(t, k, 1, &n, NULL);
	if (first_call(t, CK_NBODY)) {
		float *p = malloc(n * 16), *a = read_back(t, acc, n * 16);
		fill(BODIES, p, n * 16);
		for (size_t s = 0; s < 64; s++) {
			size_t i = s * 997 % n;
			double ax = 0, ay = 0, az = 0;
			for (size_t j = 0; j < n; j++) {
				double dx = p[4 * j] - p[4 * i], dy = p[4 * j + 1] - p[4 * i + 1], dz = p[4 * j + 2] - p[4 * i + 2];
				double inv = 1 / sqrt(dx * dx + dy * dy + dz * dz + EPS2), f = p[4 * j + 3] * inv * inv * inv;
				ax += dx * f, ay += dy * f, az += dz * f;
			}
			/* rsqrt is not correctly rounded, and n terms add up: each
			 * component within 1e-3 of the force's magnitude */
			double mag = sqrt(ax * ax + ay * ay + az * az);
			if (!(fabs(a[4 * i] - ax) <= 1e-3 * mag && fabs(a[4 * i + 1] - ay) <= 1e-3 * mag && fabs(a[4 * i + 2] - az) <= 1e-3 * mag)) {
				fprintf(stderr, "%s: nbody acc[%zu] = (%g, %g, %g), want (%g, %g, %g)\n", t->name, i,
					a[4 * i], a[4 * i + 1], a[4 * i + 2], ax, ay, az);
				wrong(t, "nbody");
				break;
			}
		}
		free(p);
		free(a);
	}
	return 20.0 * n * n / ns;
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

/* Segments of SEGMENT floats (gocl's sub-group size: 16 with AVX-512)
 * summed or scanned one segment at a time, 256 work-items a group: a
 * sub-group reduction, a sub-group scan, and the same reduction as a tree
 * in local memory. GB/s of input read. */
static size_t segment = 16;
enum { SEG_SG_REDUCE, SEG_SG_SCAN, SEG_LOCAL_REDUCE };
static double segments(target *t, size_t n, int which) {
	static const char *names[] = {"sg_reduce", "sg_scan", "local_reduce"};
	cl_kernel k = kernel_for(t, names[which]);
	if (!k) return 0;
	size_t w = segment, local = 256;
	if (which != SEG_LOCAL_REDUCE) {
		/* the kernel's sub-groups must be segments of w */
		size_t sgs = 0;
		clGetKernelSubGroupInfo(k, t->device, CL_KERNEL_MAX_SUB_GROUP_SIZE_FOR_NDRANGE, sizeof local, &local, sizeof sgs, &sgs, NULL);
		if (sgs != w) {
			if (first_call(t, CK_SEGMENTS + which)) fprintf(stderr, "%s: %s: sub-groups of %zu, not %zu\n", t->name, names[which], sgs, w);
			return 0;
		}
	}
	size_t outn = which == SEG_SG_SCAN ? n : n / w;
	cl_mem in = buffer_for(t, n * sizeof(float), BITS), out = buffer_for(t, outn * sizeof(float), 5);
	cl_uint wu = (cl_uint)w;
	clSetKernelArg(k, 0, sizeof in, &in);
	clSetKernelArg(k, 1, sizeof out, &out);
	if (which == SEG_LOCAL_REDUCE) {
		clSetKernelArg(k, 2, local * sizeof(float), NULL);
		clSetKernelArg(k, 3, sizeof wu, &wu);
	}
	double ns = run_ns(t, k, 1, &n, &local);
	if (first_call(t, CK_SEGMENTS + which)) {
		float *h = malloc(n * sizeof(float)), *o = read_back(t, out, outn * sizeof(float));
		fill(BITS, h, n * sizeof(float));
		float acc = 0;
		for (size_t i = 0; i < n; i++) {
			acc = i % w ? acc + h[i] : h[i];
			int last = i % w == w - 1;
			if ((which == SEG_SG_SCAN && o[i] != acc) || (which != SEG_SG_SCAN && last && o[i / w] != acc)) {
				fprintf(stderr, "%s: %s: element %zu: %g, want %g\n", t->name, names[which], i,
					which == SEG_SG_SCAN ? o[i] : o[i / w], acc);
				wrong(t, names[which]);
				break;
			}
		}
		free(h);
		free(o);
	}
	return n * sizeof(float) / ns;
}
static double sg_reduce(target *t, size_t n) { return segments(t, n, SEG_SG_REDUCE); }
static double sg_scan(target *t, size_t n) { return segments(t, n, SEG_SG_SCAN); }
static double local_reduce(target *t, size_t n) { return segments(t, n, SEG_LOCAL_REDUCE); }

/* One sample of a figure for a target. */
typedef double (*sampler)(target *t, size_t arg);

/* The ceiling a figure is set against. */
enum ceiling { NONE, FP32, FP64, BW };
static double ceiling_of(int c) {
	return c == FP32 ? ceil_.fp32_gflops : c == FP64 ? ceil_.fp64_gflops : c == BW ? ceil_.triad_gbs : 0;
}

static void row(const char *what, const char *unit, int ceil, const double *v, const int *bad, int lower_is_better, int samples);

/* Samples the targets in turn, so that the machine's noise falls on all,
 * and prints the medians. */
/* The number of samples adapts to the figure's cost, so that make bench
 * stays within minutes: about BUDGET_NS per figure for all targets
 * together, at least 3 samples (1 if one round takes half the budget), at
 * most max_samples. A first round (building kernels, first touches,
 * checking results) is not counted; the second, which sets the number of
 * samples, is the first sample. */
#define BUDGET_NS 4e9
/* BENCH_ONLY=text: only the figures whose name contains it (to study one). */
static int skipped(const char *what) {
	const char *only = getenv("BENCH_ONLY");
	return only && *only && !strstr(what, only);
}

static void compare_n(int max_samples, const char *what, const char *unit, int ceil, sampler f, size_t arg, int lower_is_better) {
	if (skipped(what)) return;
	static double s[MAXT][SAMPLES];
	double v[MAXT];
	int bad[MAXT];
	double round = 0;
	for (int i = 0; i < ntargets; i++) f(&targets[i], arg);
	for (int i = 0; i < ntargets; i++) {
		double t0 = now_ns();
		s[i][0] = f(&targets[i], arg);
		round += now_ns() - t0;
	}
	int samples = (int)(BUDGET_NS / (round + 1));
	if (samples > max_samples) samples = max_samples;
	if (samples < 3) samples = round > BUDGET_NS / 2 ? 1 : 3;
	samples |= 1;
	for (int k = 1; k < samples; k++)
		for (int i = 0; i < ntargets; i++) s[i][k] = f(&targets[i], arg);
	for (int i = 0; i < ntargets; i++) {
		v[i] = median(s[i], samples);
		bad[i] = targets[i].wrong;
		targets[i].wrong = 0;
	}
	row(what, unit, ceil, v, bad, lower_is_better, samples);
}

static void compare(const char *what, const char *unit, int ceil, sampler f, size_t arg, int lower_is_better) {
	compare_n(SAMPLES, what, unit, ceil, f, arg, lower_is_better);
}

/* figure, unit, then for each target its median and the median's share of
 * the ceiling, and for each PoCL the ratio gocl / it; n samples. */
#define FIG_W 36
static void header(void) {
	printf("%-*s %-6s %10s %6s", FIG_W, "figure", "unit", targets[0].label, "%ceil");
	for (int i = 1; i < ntargets; i++) printf(" %10s %6s %7s", targets[i].label, "%ceil", "ratio");
	printf(" %3s\n", "n");
}

static void row(const char *what, const char *unit, int ceil, const double *v, const int *bad, int lower_is_better, int samples) {
	double c = ceiling_of(ceil);
	printf("%-*s %-6s", FIG_W, what, unit);
	for (int i = 0; i < ntargets; i++) {
		if (bad[i]) printf(" %10s %6s", "WRONG", "");
		else if (v[i] <= 0) printf(" %10s %6s", "-", "");
		else if (c > 0) printf(" %10.3f %5.1f%%", v[i], 100 * v[i] / c);
		else printf(" %10.3f %6s", v[i], "n/a");
		if (i > 0) {
			if (bad[0] || bad[i] || v[0] <= 0 || v[i] <= 0) printf(" %7s", "-");
			else printf(" %6.2fx", lower_is_better ? v[i] / v[0] : v[0] / v[i]);
		}
	}
	printf(" %3d\n", samples);
	fflush(stdout);
}

int main(int argc, char **argv) {
	/* gocl's work-group functions in the code compiled for their launch's
	 * shape from the first launch, as PoCL compiles them: what a program
	 * gets from its second run on (the code is cached), or from the third
	 * launch in a shape (GOCL_SPECIALIZE's default, in the background, which
	 * a handful of samples would mostly miss). Set in the environment the
	 * process starts with: a Go library reads the environment it was
	 * started with, not one setenv changed (the benches before session 6
	 * ran the default, with the compilations beside the samples). */
	if (argc > 0 && !getenv("GOCL_SPECIALIZE")) {
		setenv("GOCL_SPECIALIZE", "1", 1);
		execv("/proc/self/exe", argv);
		DIE("execv /proc/self/exe: %s\n", strerror(errno));
	}
	/* the ceilings first, while no platform is loaded */
	if (!skipped("ceilings")) measure_ceilings(&ceil_);
	printf("machine ceilings, measured now (%d threads, one per CPU; %s, %d-bit vectors; medians):\n",
		ceil_.cpus, ceil_.vector_name, ceil_.vector_bits);
	printf("  fp32 FMA peak  %9.1f GFLOPS   (12 independent vector FMA chains per thread)\n", ceil_.fp32_gflops);
	printf("  fp64 FMA peak  %9.1f GFLOPS\n", ceil_.fp64_gflops);
	printf("  triad          %9.1f GB/s     (a = b + s*c, 3 x %zu MiB of double, 3 arrays counted, no write-allocate)\n",
		ceil_.triad_gbs, ceil_.triad_bytes >> 20);
	printf("gocl: GOCL_SPECIALIZE=%s (work-group functions compiled for their launch's local size%s)\n\n", getenv("GOCL_SPECIALIZE"),
		strcmp(getenv("GOCL_SPECIALIZE"), "1") ? "" : " from the first launch");

	find_targets();
	if (ntargets == 0 || strcmp(targets[0].label, "gocl")) DIE("gocl platform not found\n");
	if (ntargets == 1) fprintf(stderr, "PoCL not found: gocl alone\n");
	printf("gocl");
	for (int i = 1; i < ntargets; i++) printf(" vs %s", targets[i].label);
	printf(", medians of n samples (at most %d); ratio > 1 means gocl is better;\n", SAMPLES);
	printf("%%ceil: share of the ceiling above (GFLOPS: FMA peak of that precision; GB/s: triad, bytes as the figure\n"
	       "counts them; a read-only stream, or data left in the caches, can pass 100%%); n/a: no ceiling\n\n");
	header();
	compare("map+unmap 4 KiB", "ns", NONE, map_latency, 4096, 1);
	compare("map+unmap 1 MiB", "ns", NONE, map_latency, 1 << 20, 1);
	compare("map+unmap 256 MiB", "ns", NONE, map_latency, 256u << 20, 1);
	compare("SVM map+unmap 1 MiB", "ns", NONE, svm_latency, 1 << 20, 1);
	compare("read 64 MiB", "GB/s", BW, read_bw, 64u << 20, 0);
	compare("write 64 MiB", "GB/s", BW, write_bw, 64u << 20, 0);
	compare("copy 64 MiB (bytes copied)", "GB/s", BW, copy_bw, 64u << 20, 0);
	printf("\nkernels (results checked against the host's)\n");
	fflush(stdout);
	for (int i = 0; i < ntargets; i++) kernel_for(&targets[i], "empty"); /* builds the program, outside the timings */
	compare("global memory bandwidth float4", "GB/s", BW, kernel_bw, 64u << 20, 0);
	static const char *sp_names[] = {"float", "float2", "float4", "float8", "float16"};
	static const char *dp_names[] = {"double", "double2", "double4", "double8", "double16"};
	char name[64];
	for (size_t w = 0; w < 5; w++) {
		snprintf(name, sizeof name, "single precision mad %s", sp_names[w]);
		compare(name, "GFLOPS", FP32, compute, w, 0);
	}
	for (size_t w = 0; w < 5; w++) {
		snprintf(name, sizeof name, "double precision mad %s", dp_names[w]);
		compare(name, "GFLOPS", FP64, compute, 5 + w, 0);
	}
	compare("integer mad int16", "GIOPS", NONE, compute, 10, 0);
	compare("fma loop, 8 accumulators, 256 iters", "GFLOPS", FP32, fma_loop, 64 * 1024, 0);
	compare("kernel launch latency (empty)", "us", NONE, launch_latency_us, 200, 1);
	for (int i = 0; i < ntargets; i++) {
		cl_version v = targets[i].cb_version = cmdbuf_version(&targets[i]);
		if (v) printf("  %s: cl_khr_command_buffer %u.%u.%u\n", targets[i].label, CL_VERSION_MAJOR(v), CL_VERSION_MINOR(v), CL_VERSION_PATCH(v));
		else printf("  %s: cl_khr_command_buffer unavailable\n", targets[i].label);
	}
	compare("100 kernels, enqueued one by one", "us/cmd", NONE, batch_separate, BATCH, 1);
	compare("100 kernels, command-buffer replay", "us/cmd", NONE, batch_replay, BATCH, 1);
	compare("sgemm 512, 16x16 tiles", "GFLOPS", FP32, matmul, 512, 0);
	compare("sgemm 512, untiled", "GFLOPS", FP32, matmul_naive, 512, 0);
	compare("5-point stencil 4096x4096", "GB/s", BW, stencil, 4096, 0);
	compare("float4 to uchar4 2048x2048, 16x16 groups", "GB/s", BW, rgba8, 2048, 0);
	compare("mandelbrot 1024x1024, 256 iters", "Mpix/s", NONE, mandelbrot, 1024, 0);
	compare("n-body 8192 bodies", "GFLOPS", FP32, nbody, 8192, 0);
	compare("reduction sum of 16M floats", "GB/s", BW, reduction, 16u << 20, 0);
	compare("half GEMM 512, untiled (cl_khr_fp16)", "GFLOPS", NONE, hgemm, 512, 0);
	compare("int8 dot product loop, 64K x 4 KiB", "GIOPS", NONE, dot8, 64 * 1024, 0);
	/* sub-groups: segments of gocl's sub-group size */
	cl_kernel sk = kernel_for(&targets[0], "sg_reduce");
	size_t big = 256;
	if (sk) clGetKernelSubGroupInfo(sk, targets[0].device, CL_KERNEL_MAX_SUB_GROUP_SIZE_FOR_NDRANGE, sizeof big, &big, sizeof segment, &segment, NULL);
	snprintf(name, sizeof name, "sub-group reduce, %zu-float segments of 16M", segment);
	compare(name, "GB/s", BW, sg_reduce, 16u << 20, 0);
	snprintf(name, sizeof name, "local-memory tree, %zu-float segments of 16M", segment);
	compare(name, "GB/s", BW, local_reduce, 16u << 20, 0);
	snprintf(name, sizeof name, "sub-group scan, %zu-float segments of 16M", segment);
	compare(name, "GB/s", BW, sg_scan, 16u << 20, 0);
	return 0;
}
