/* buildtime: wall time of a cold program build through the ICD loader.
 *
 *   buildtime small|large|many [N]
 *
 * small: a vector add; large: N (default 40) kernels of varied shapes
 * (loops, barriers, __local memory, math builtins, helpers); many: N
 * (default 500) small kernels with a loop. Prints the times of
 * clBuildProgram, of creating every kernel, and of one launch of each (an
 * implementation that compiles work-group functions lazily pays there).
 * The platform is the first whose name contains $GOCL_TEST_PLATFORM
 * (default "gocl"); point the cache (GOCL_CACHE_DIR, POCL_CACHE_DIR) at an
 * empty directory for a cold build. Not a test: run it by hand. */
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

static double now(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* cpu is the processor time of this process and its waited-for children
 * (clang, the linker): on a loaded machine, a steadier figure than wall
 * time. */
static double cpu(void) {
	struct rusage s, c;
	getrusage(RUSAGE_SELF, &s);
	getrusage(RUSAGE_CHILDREN, &c);
	return s.ru_utime.tv_sec + s.ru_stime.tv_sec + c.ru_utime.tv_sec + c.ru_stime.tv_sec +
	       (s.ru_utime.tv_usec + s.ru_stime.tv_usec + c.ru_utime.tv_usec + c.ru_stime.tv_usec) * 1e-6;
}

#define OK(x) do { cl_int e_ = (x); if (e_) { fprintf(stderr, "%s: %d\n", #x, e_); exit(1); } } while (0)

static char *src;
static size_t len, cap;

/* add appends fmt to the source, every %d in it replaced by k. */
static void add(const char *fmt, int k) {
	char line[4096];
	int n = snprintf(line, sizeof line, fmt, k, k, k, k, k, k, k, k);
	if (len + n + 1 > cap) {
		cap = (len + n + 1) * 2;
		src = realloc(src, cap);
	}
	memcpy(src + len, line, n + 1);
	len += n;
}

/* Every kernel takes (global float *out, global const float *a, global
 * const float *b, int n). */
static const char *shapes[] = {
	"float h%d(float x, float y) { return sqrt(x * x + y * y) + %d; }\n"
	"kernel void k%d(global float *out, global const float *a, global const float *b, int n) {\n"
	"  size_t i = get_global_id(0); out[i] = h%d(a[i], b[i]) + sin(a[i]) * exp(b[i] * 0.01f); }\n",

	"kernel void k%d(global float *out, global const float *a, global const float *b, int n) {\n"
	"  size_t i = get_global_id(0); float s = %d; for (int j = 0; j < n; j++) s = fma(a[(i + j) %% 64], b[j %% 64], s);\n"
	"  if (i < 64) out[i] = s; }\n",

	"kernel void k%d(global float *out, global const float *a, global const float *b, int n) {\n"
	"  local float t[64]; size_t l = get_local_id(0), i = get_global_id(0);\n"
	"  t[l] = a[i] + %d; barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  for (size_t s = get_local_size(0) / 2; s > 0; s /= 2) { if (l < s) t[l] += t[l + s]; barrier(CLK_LOCAL_MEM_FENCE); }\n"
	"  if (l == 0) out[get_group_id(0)] = t[0]; }\n",

	"typedef struct { float4 p; int c; } S%d;\n"
	"int cnt%d(float4 v) { return (v.x > 0) + (v.y > 0) + (v.z > 0) + (v.w > 0); }\n"
	"kernel void k%d(global float *out, global const float *a, global const float *b, int n) {\n"
	"  size_t i = get_global_id(0); S%d s; s.p = (float4)(a[i], b[i], a[i] - b[i], n); s.c = cnt%d(s.p);\n"
	"  float4 r = normalize(s.p) * (float)s.c; out[i] = dot(r, (float4)(1.0f, 2.0f, 3.0f, 4.0f)) + pow(fabs(a[i]), 1.5f); }\n",

	"kernel void k%d(global float *out, global const float *a, global const float *b, int n) {\n"
	"  size_t i = get_global_id(0); int it = 0; float x = a[i], y = b[i];\n"
	"  while (x * x + y * y < 4.0f && it < n + %d) { float t = x * x - y * y + a[i]; y = 2 * x * y + b[i]; x = t; it++; }\n"
	"  out[i] = it + log1p(fabs(x)) + atan2(y, x); }\n",
};

int main(int argc, char **argv) {
	const char *mode = argc > 1 ? argv[1] : "small";
	int n = argc > 2 ? atoi(argv[2]) : (strcmp(mode, "many") == 0 ? 500 : 40);
	if (strcmp(mode, "small") == 0) {
		add("kernel void k0(global float *out, global const float *a, global const float *b, int n) {\n"
		    "  size_t i = get_global_id(0); out[i] = a[i] + b[i]; }\n", 0);
		n = 1;
	} else if (strcmp(mode, "many") == 0) {
		for (int k = 0; k < n; k++)
			add("kernel void k%d(global float *out, global const float *a, global const float *b, int n) {\n"
			    "  size_t i = get_global_id(0); float s = 0; for (int j = 0; j < n; j++) s += a[i + j] * b[j] + %d; out[i] = s; }\n", k);
	} else {
		for (int k = 0; k < n; k++)
			add(shapes[k % (sizeof shapes / sizeof *shapes)], k);
	}
	const char *want = getenv("GOCL_TEST_PLATFORM");
	if (!want) want = "gocl";
	cl_platform_id ps[16], p = 0;
	cl_uint np = 0;
	OK(clGetPlatformIDs(16, ps, &np));
	for (cl_uint i = 0; i < np && !p; i++) {
		char name[256];
		clGetPlatformInfo(ps[i], CL_PLATFORM_NAME, sizeof name, name, NULL);
		if (strstr(name, want) || (strstr(name, "Portable") && strcmp(want, "pocl") == 0)) p = ps[i];
	}
	if (!p) { fprintf(stderr, "no platform %s\n", want); return 1; }
	cl_device_id d;
	OK(clGetDeviceIDs(p, CL_DEVICE_TYPE_ALL, 1, &d, NULL));
	cl_int err;
	cl_context ctx = clCreateContext(NULL, 1, &d, NULL, NULL, &err);
	OK(err);
	cl_command_queue q = clCreateCommandQueueWithProperties(ctx, d, NULL, &err);
	OK(err);
	const char *s = src;
	double c0 = cpu(), t0 = now();
	cl_program prog = clCreateProgramWithSource(ctx, 1, &s, NULL, &err);
	OK(err);
	err = clBuildProgram(prog, 1, &d, "", NULL, NULL);
	double t1 = now(), c1 = cpu();
	if (err) {
		char log[16384];
		clGetProgramBuildInfo(prog, d, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
		fprintf(stderr, "build: %d\n%s\n", err, log);
		return 1;
	}
	cl_kernel *ks = calloc(n, sizeof *ks);
	cl_uint nk = 0;
	OK(clCreateKernelsInProgram(prog, n, ks, &nk));
	double t2 = now();
	float zeros[4096] = {0};
	cl_mem out = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof zeros, zeros, &err);
	cl_mem a = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof zeros, zeros, &err);
	cl_mem b = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof zeros, zeros, &err);
	int four = 4;
	for (cl_uint k = 0; k < nk; k++) {
		OK(clSetKernelArg(ks[k], 0, sizeof out, &out));
		OK(clSetKernelArg(ks[k], 1, sizeof a, &a));
		OK(clSetKernelArg(ks[k], 2, sizeof b, &b));
		OK(clSetKernelArg(ks[k], 3, sizeof four, &four));
		size_t g = 64, l = 64;
		OK(clEnqueueNDRangeKernel(q, ks[k], 1, NULL, &g, &l, 0, NULL, NULL));
	}
	OK(clFinish(q));
	double t3 = now(), c3 = cpu();
	printf("%s %d kernels (%zu bytes of source): build %.3f s (cpu %.3f s), create kernels %.3f s, first launches %.3f s, total %.3f s (cpu %.3f s)\n",
	       mode, nk, len, t1 - t0, c1 - c0, t2 - t1, t3 - t2, t3 - t0, c3 - c0);
	return 0;
}
