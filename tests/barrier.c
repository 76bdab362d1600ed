/* Barriers wherever OpenCL C allows them: in loops, in called functions
 * that are not inlined, in uniform branches, several in a row,
 * work_group_barrier with scopes, in work-groups of 1 to 4096 work-items in
 * 1-3 dimensions (non-uniform ones too), with kilobytes of private memory
 * live across them. A kernel without barriers does not run on fibers; a
 * work-item that overflows its fiber stack stops the process, and
 * GOCL_FIBER_STACK_KB gives it more. */
#include "check.h"
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *src =
	/* A tree reduction: a barrier in a loop. */
	"kernel void reduce(global const int *in, global int *out, local int *s) {\n"
	"  size_t l = get_local_id(0), n = get_local_size(0);\n"
	"  s[l] = in[get_global_id(0)];\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  for (size_t step = n / 2; step > 0; step >>= 1) {\n"
	"    if (l < step) s[l] += s[l + step];\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  }\n"
	"  if (l == 0) out[get_group_id(0)] = s[0];\n"
	"}\n"
	/* Barriers in a function that is not inlined, called in a loop. */
	"__attribute__((noinline)) void rotate_once(local int *s, size_t l, size_t n, private int *v) {\n"
	"  s[l] = *v;\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  *v = s[(l + 1) % n];\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"}\n"
	"__attribute__((noinline)) void rotate(local int *s, size_t l, size_t n, private int *v, int times) {\n"
	"  for (int t = 0; t < times; t++) rotate_once(s, l, n, v);\n"
	"}\n"
	"kernel void rotator(global int *io, local int *s, int times) {\n"
	"  int v = io[get_global_id(0)];\n"
	"  rotate(s, get_local_id(0), get_local_size(0), &v, times);\n"
	"  io[get_global_id(0)] = v;\n"
	"}\n"
	/* Barriers in branches that are uniform across the work-group: on an
	 * argument, and on the group id. */
	"kernel void branches(global int *io, local int *s, int flag) {\n"
	"  size_t l = get_local_id(0), n = get_local_size(0), g = get_global_id(0);\n"
	"  int v = io[g];\n"
	"  if (flag) {\n"
	"    s[l] = v; barrier(CLK_LOCAL_MEM_FENCE); v = s[n - 1 - l]; barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  }\n"
	"  if (get_group_id(0) % 2 == 1) {\n"
	"    s[l] = v * 10; barrier(CLK_LOCAL_MEM_FENCE); v = s[(l + 1) % n];\n"
	"  } else {\n"
	"    v = -v;\n"
	"  }\n"
	"  io[g] = v;\n"
	"}\n"
	/* Private memory live across a barrier: 8 KiB per work-item. */
	"kernel void priv(global int *io, local int *s) {\n"
	"  int a[2048];\n"
	"  size_t l = get_local_id(0), n = get_local_size(0), g = get_global_id(0);\n"
	"  int v = io[g];\n"
	"  for (int i = 0; i < 2048; i++) a[(i * 7 + v) & 2047] = i ^ v;\n"
	"  s[l] = v;\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  int sum = s[(l + 1) % n];\n"
	"  for (int i = 0; i < 2048; i++) sum += a[i] * (i & 3);\n"
	"  io[g] = sum;\n"
	"}\n"
	/* Groups of any shape: each work-item reads the one mirrored in its
	 * group, and tells the group's size. */
	"kernel void shape(global int *out, local int *s) {\n"
	"  size_t lx = get_local_id(0), ly = get_local_id(1), lz = get_local_id(2);\n"
	"  size_t nx = get_local_size(0), ny = get_local_size(1), nz = get_local_size(2);\n"
	"  size_t lin = (lz * ny + ly) * nx + lx, items = nx * ny * nz;\n"
	"  s[lin] = (int)(get_global_id(0) + 100 * get_global_id(1) + 10000 * get_global_id(2));\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  size_t gx = get_global_id(0), gy = get_global_id(1), gz = get_global_id(2);\n"
	"  out[(gz * get_global_size(1) + gy) * get_global_size(0) + gx] = s[items - 1 - lin] + 1000000 * (int)items;\n"
	"}\n"
	/* The address of a private variable: one per work-item on fibers, one
	 * for the whole group in a loop. */
	"kernel void addr_loop(global ulong *out) {\n"
	"  volatile int x = (int)get_global_id(0);\n"
	"  out[get_global_id(0)] = (ulong)(uintptr_t)&x;\n"
	"}\n"
	"kernel void addr_fiber(global ulong *out) {\n"
	"  volatile int x = (int)get_global_id(0);\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  out[get_global_id(0)] = (ulong)(uintptr_t)&x + (x != (int)get_global_id(0));\n"
	"}\n"
	/* Many barriers. */
	"kernel void many(global int *io, local int *s, int rounds) {\n"
	"  size_t l = get_local_id(0), n = get_local_size(0);\n"
	"  int v = io[get_global_id(0)];\n"
	"  for (int r = 0; r < rounds; r++) { s[l] = v; barrier(CLK_LOCAL_MEM_FENCE); v = s[(l + 1) % n] + 1; barrier(CLK_LOCAL_MEM_FENCE); }\n"
	"  io[get_global_id(0)] = v;\n"
	"}\n"
	/* Private arrays of N ints: in the kernel's own frame (the engine
	 * sizes the fiber stacks for it), and in a function that is not
	 * inlined (whose frame the engine does not know). */
	"#ifndef N\n"
	"#define N 1\n"
	"#endif\n"
	"kernel void frame(global int *io, int n) {\n"
	"  volatile int a[N];\n"
	"  for (int i = 0; i < n; i++) a[i] = i;\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  int sum = 0; for (int i = 0; i < n; i++) sum += a[i];\n"
	"  io[get_global_id(0)] = sum;\n"
	"}\n"
	"__attribute__((noinline)) int deep_sum(int n) {\n"
	"  volatile int a[N];\n"
	"  for (int i = 0; i < n; i++) a[i] = i;\n"
	"  int sum = 0; for (int i = 0; i < n; i++) sum += a[i];\n"
	"  return sum;\n"
	"}\n"
	"kernel void deep(global int *io, int n) {\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  io[get_global_id(0)] = deep_sum(n);\n"
	"}\n";

/* OpenCL C 2.0 and later: work_group_barrier with scopes. */
static const char *src3 =
	/* Several barriers, with scopes and through global memory. */
	"kernel void scopes(global int *io, global int *tmp, local int *s) {\n"
	"  size_t l = get_local_id(0), n = get_local_size(0), g = get_global_id(0), base = g - l;\n"
	"  s[l] = io[g];\n"
	"  work_group_barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  int a = s[n - 1 - l];\n"
	"  work_group_barrier(CLK_LOCAL_MEM_FENCE, memory_scope_work_group);\n"
	"  s[l] = a * 2;\n"
	"  work_group_barrier(CLK_GLOBAL_MEM_FENCE | CLK_LOCAL_MEM_FENCE, memory_scope_device);\n"
	"  tmp[g] = s[(l + 1) % n] + 1;\n"
	"  work_group_barrier(CLK_GLOBAL_MEM_FENCE, memory_scope_work_group);\n"
	"  int b = tmp[base + (l + 2) % n];\n"
	"  barrier(CLK_GLOBAL_MEM_FENCE);\n"
	"  io[g] = b;\n"
	"}\n"
;

static cl_program build_src(test_env *t, const char *text, const char *opts) {
	cl_int err;
	cl_program p = clCreateProgramWithSource(t->context, 1, &text, NULL, &err);
	REQUIRE_OK(err);
	if (clBuildProgram(p, 1, &t->device, opts, NULL, NULL) != CL_SUCCESS) {
		char log[16384] = "";
		clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
		fprintf(stderr, "FATAL: build (%s) failed:\n%s\n", opts, log);
		exit(2);
	}
	return p;
}

static cl_program build(test_env *t, const char *opts) { return build_src(t, src, opts); }

static cl_kernel kern(cl_program p, const char *name) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, name, &err);
	REQUIRE_OK(err);
	return k;
}

static cl_mem buf_from(test_env *t, size_t size, const void *data) {
	cl_int err;
	cl_mem m = clCreateBuffer(t->context, CL_MEM_READ_WRITE | (data ? CL_MEM_COPY_HOST_PTR : 0), size, (void *)data, &err);
	REQUIRE_OK(err);
	return m;
}

static void read_back(test_env *t, cl_mem m, size_t size, void *out) {
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, size, out, 0, NULL, NULL));
}

static int *iota(size_t n, int mul) {
	int *v = malloc(n * sizeof(int));
	for (size_t i = 0; i < n; i++) v[i] = (int)(i * mul % 1000) - 300;
	return v;
}

static void test_reduce(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "reduce");
	size_t locals[] = {2, 64, 256, 1024, 4096};
	for (int c = 0; c < 5; c++) {
		size_t l = locals[c], g = l * 8;
		int *in = iota(g, 7);
		cl_mem a = buf_from(t, g * sizeof(int), in), o = buf_from(t, 8 * sizeof(int), NULL);
		CHECK_OK(clSetKernelArg(k, 0, sizeof a, &a));
		CHECK_OK(clSetKernelArg(k, 1, sizeof o, &o));
		CHECK_OK(clSetKernelArg(k, 2, l * sizeof(int), NULL));
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
		int out[8], bad = 0;
		read_back(t, o, sizeof out, out);
		for (int grp = 0; grp < 8; grp++) {
			int want = 0;
			for (size_t i = 0; i < l; i++) want += in[grp * l + i];
			bad += out[grp] != want;
		}
		if (bad) fprintf(stderr, "reduce, groups of %zu: %d wrong\n", l, bad);
		CHECK(bad == 0);
		free(in);
		clReleaseMemObject(a);
		clReleaseMemObject(o);
	}
	clReleaseKernel(k);
}

static void test_rotate(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "rotator");
	size_t l = 100, g = 1000;
	int times = 37;
	int *in = iota(g, 13);
	cl_mem m = buf_from(t, g * sizeof(int), in);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clSetKernelArg(k, 1, l * sizeof(int), NULL));
	CHECK_OK(clSetKernelArg(k, 2, sizeof times, &times));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	int *out = malloc(g * sizeof(int)), bad = 0;
	read_back(t, m, g * sizeof(int), out);
	for (size_t i = 0; i < g; i++) {
		size_t base = i - i % l;
		bad += out[i] != in[base + (i % l + times) % l];
	}
	CHECK(bad == 0);
	free(in);
	free(out);
	clReleaseMemObject(m);
	clReleaseKernel(k);
}

static void test_branches(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "branches");
	size_t l = 16, g = 64;
	for (int flag = 0; flag < 2; flag++) {
		int *in = iota(g, 3);
		cl_mem m = buf_from(t, g * sizeof(int), in);
		CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
		CHECK_OK(clSetKernelArg(k, 1, l * sizeof(int), NULL));
		CHECK_OK(clSetKernelArg(k, 2, sizeof flag, &flag));
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
		int out[64], v[64], bad = 0;
		read_back(t, m, sizeof out, out);
		for (size_t i = 0; i < g; i++) {
			size_t base = i - i % l, li = i % l;
			v[i] = flag ? in[base + l - 1 - li] : in[i];
		}
		for (size_t i = 0; i < g; i++) {
			size_t base = i - i % l, li = i % l;
			int want = (i / l) % 2 == 1 ? v[base + (li + 1) % l] * 10 : -v[i];
			bad += out[i] != want;
		}
		CHECK(bad == 0);
		free(in);
		clReleaseMemObject(m);
	}
	clReleaseKernel(k);
}

static void test_scopes(test_env *t) {
	cl_program p = build_src(t, src3, "-cl-std=CL3.0");
	cl_kernel k = kern(p, "scopes");
	size_t l = 32, g = 256;
	int *in = iota(g, 11);
	cl_mem m = buf_from(t, g * sizeof(int), in), tmp = buf_from(t, g * sizeof(int), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clSetKernelArg(k, 1, sizeof tmp, &tmp));
	CHECK_OK(clSetKernelArg(k, 2, l * sizeof(int), NULL));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	int out[256], bad = 0;
	read_back(t, m, sizeof out, out);
	for (size_t i = 0; i < g; i++) {
		size_t base = i - i % l;
		/* s2[j] = 2 * in[base + l-1-j]; tmp[j] = s2[(j+1)%l] + 1; out = tmp[(li+2)%l] */
		size_t j = (i % l + 2) % l, jj = (j + 1) % l;
		int want = 2 * in[base + l - 1 - jj] + 1;
		bad += out[i] != want;
	}
	CHECK(bad == 0);
	free(in);
	clReleaseMemObject(m);
	clReleaseMemObject(tmp);
	clReleaseKernel(k);
	clReleaseProgram(p);
}

static void test_private(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "priv");
	size_t l = 1024, g = 2048;
	int *in = iota(g, 17);
	cl_mem m = buf_from(t, g * sizeof(int), in);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clSetKernelArg(k, 1, l * sizeof(int), NULL));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	int *out = malloc(g * sizeof(int)), bad = 0;
	read_back(t, m, g * sizeof(int), out);
	static int a[2048];
	for (size_t i = 0; i < g; i++) {
		int v = in[i];
		for (int j = 0; j < 2048; j++) a[(j * 7 + v) & 2047] = j ^ v;
		size_t base = i - i % l;
		int sum = in[base + (i % l + 1) % l];
		for (int j = 0; j < 2048; j++) sum += a[j] * (j & 3);
		bad += out[i] != sum;
	}
	CHECK(bad == 0);
	free(in);
	free(out);
	clReleaseMemObject(m);
	clReleaseKernel(k);
}

static void check_shape(test_env *t, cl_kernel k, cl_uint dim, const size_t *gs, const size_t *ls) {
	size_t G[3] = {1, 1, 1}, L[3] = {1, 1, 1};
	for (cl_uint d = 0; d < dim; d++) G[d] = gs[d], L[d] = ls[d];
	size_t n = G[0] * G[1] * G[2];
	cl_mem m = buf_from(t, n * sizeof(int), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clSetKernelArg(k, 1, L[0] * L[1] * L[2] * sizeof(int), NULL));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, dim, NULL, gs, ls, 0, NULL, NULL));
	int *out = malloc(n * sizeof(int)), bad = 0;
	read_back(t, m, n * sizeof(int), out);
	for (size_t z = 0; z < G[2]; z++)
		for (size_t y = 0; y < G[1]; y++)
			for (size_t x = 0; x < G[0]; x++) {
				size_t pos[3] = {x, y, z}, sz[3], lid[3], start[3];
				for (int d = 0; d < 3; d++) {
					start[d] = pos[d] / L[d] * L[d];
					sz[d] = G[d] - start[d] < L[d] ? G[d] - start[d] : L[d];
					lid[d] = pos[d] - start[d];
				}
				size_t items = sz[0] * sz[1] * sz[2], lin = (lid[2] * sz[1] + lid[1]) * sz[0] + lid[0];
				size_t m = items - 1 - lin; /* the mirrored work-item */
				size_t mx = m % sz[0], my = m / sz[0] % sz[1], mz = m / (sz[0] * sz[1]);
				int want = (int)((start[0] + mx) + 100 * (start[1] + my) + 10000 * (start[2] + mz)) + 1000000 * (int)items;
				int got = out[(z * G[1] + y) * G[0] + x];
				if (got != want && bad++ < 3)
					fprintf(stderr, "shape %zux%zux%zu / %zux%zux%zu: (%zu,%zu,%zu) = %d, want %d\n", G[0], G[1], G[2], L[0], L[1], L[2], x, y, z, got, want);
			}
	CHECK(bad == 0);
	free(out);
	clReleaseMemObject(m);
}

static void test_shapes(test_env *t) {
	cl_program p = build(t, "-cl-std=CL3.0");
	cl_kernel k = kern(p, "shape");
	size_t g1[] = {37}, l1[] = {8};
	size_t g2[] = {7, 5}, l2[] = {3, 2};
	size_t g3[] = {7, 5, 3}, l3[] = {2, 2, 2}, u3[] = {7, 5, 3};
	size_t g4[] = {64, 64}, l4[] = {64, 16};
	check_shape(t, k, 1, g1, l1);
	check_shape(t, k, 2, g2, l2);
	check_shape(t, k, 3, g3, l3);
	check_shape(t, k, 3, g3, u3);
	check_shape(t, k, 2, g4, l4);
	clReleaseKernel(k);
	clReleaseProgram(p);
}

static int cmp_ulong(const void *a, const void *b) {
	cl_ulong x = *(const cl_ulong *)a, y = *(const cl_ulong *)b;
	return x < y ? -1 : x > y;
}

/* Distinct values in each group of l of v[0..n). */
static int min_max_distinct(cl_ulong *v, size_t n, size_t l, int *maxd) {
	int mind = 1 << 30;
	*maxd = 0;
	for (size_t g = 0; g < n; g += l) {
		qsort(v + g, l, sizeof *v, cmp_ulong);
		int d = 1;
		for (size_t i = 1; i < l; i++) d += v[g + i] != v[g + i - 1];
		if (d < mind) mind = d;
		if (d > *maxd) *maxd = d;
	}
	return mind;
}

static void test_paths(test_env *t, cl_program p) {
	size_t l = 64, g = 64 * 32;
	cl_mem m = buf_from(t, g * sizeof(cl_ulong), NULL);
	cl_ulong *v = malloc(g * sizeof(cl_ulong));
	int maxd, mind;
	cl_kernel k = kern(p, "addr_loop");
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	read_back(t, m, g * sizeof(cl_ulong), v);
	mind = min_max_distinct(v, g, l, &maxd);
	printf("without barrier: %d-%d private addresses per group of %zu\n", mind, maxd, l);
	CHECK(maxd == 1); /* a loop: every work-item of a group in the same frame */
	clReleaseKernel(k);
	k = kern(p, "addr_fiber");
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	read_back(t, m, g * sizeof(cl_ulong), v);
	mind = min_max_distinct(v, g, l, &maxd);
	printf("with barrier: %d-%d private addresses per group of %zu\n", mind, maxd, l);
	CHECK(mind == (int)l); /* fibers: a stack each */
	clReleaseKernel(k);
	free(v);
	clReleaseMemObject(m);
}

static void test_many(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "many");
	size_t l = 1024, g = 4096;
	int rounds = 100;
	int *in = iota(g, 5);
	cl_mem m = buf_from(t, g * sizeof(int), in);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clSetKernelArg(k, 1, l * sizeof(int), NULL));
	/* A launch of no rounds first (leaves the data as it is): the timed one
	 * must not pay for the kernel's code generation (done on first use). */
	int none = 0;
	CHECK_OK(clSetKernelArg(k, 2, sizeof none, &none));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	CHECK_OK(clFinish(t->queue));
	CHECK_OK(clSetKernelArg(k, 2, sizeof rounds, &rounds));
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	CHECK_OK(clFinish(t->queue));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ns = ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / ((double)g * rounds * 2);
	printf("%d barriers x %zu work-items: %.1f ns per work-item per barrier\n", 2 * rounds, g, ns);
	int *out = malloc(g * sizeof(int)), bad = 0;
	read_back(t, m, g * sizeof(int), out);
	for (size_t i = 0; i < g; i++) {
		size_t base = i - i % l;
		bad += out[i] != in[base + (i % l + rounds) % l] + rounds;
	}
	CHECK(bad == 0);
	free(in);
	free(out);
	clReleaseMemObject(m);
	clReleaseKernel(k);
}

/* Child mode: run kernel name on n ints of private memory; exit 0 if the
 * result is right. */
static int child(const char *name, int n) {
	test_env t = test_setup();
	char opts[64];
	snprintf(opts, sizeof opts, "-DN=%d", n);
	cl_program p = build(&t, opts);
	cl_kernel k = kern(p, name);
	size_t g = 64, l = 16;
	cl_mem m = buf_from(&t, g * sizeof(int), NULL);
	clSetKernelArg(k, 0, sizeof m, &m);
	clSetKernelArg(k, 1, sizeof n, &n);
	if (clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, &l, 0, NULL, NULL) != CL_SUCCESS) return 3;
	int out[64];
	if (clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL) != CL_SUCCESS) return 4;
	int want = 0;
	for (int i = 0; i < n; i++) want += i;
	for (int i = 0; i < 64; i++)
		if (out[i] != want) return 5;
	printf("child: %s with %d KiB of private memory survived\n", name, n / 256);
	return 0;
}

/* Runs this program in child mode with GOCL_FIBER_STACK_KB=kb (NULL: the
 * default); its wait status. */
static int run_child_env(const char *name, int n, const char *kb, int fibers) {
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		char arg[32];
		snprintf(arg, sizeof arg, "%d", n);
		if (fibers) setenv("GOCL_NO_REGIONS", "1", 1), setenv("GOCL_NO_WILOOPS", "1", 1), setenv("GOCL_NO_CACHE", "1", 1);
		if (kb) setenv("GOCL_FIBER_STACK_KB", kb, 1);
		else unsetenv("GOCL_FIBER_STACK_KB");
		execl("/proc/self/exe", "barrier", "child", name, arg, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	return status;
}

/* Barrier kernels run as work-group functions (private memory on the heap)
 * unless GOCL_NO_REGIONS and GOCL_NO_WILOOPS make them run on fibers (private memory on a
 * fiber stack); the stack limits below are the fibers'. */
static int run_child(const char *name, int n, const char *kb) { return run_child_env(name, n, kb, 1); }

static void test_stack(void) {
	/* 256 KiB of private memory in a function called on a 128 KiB stack:
	 * the process stops, by a signal (the guard area), or, when the fault
	 * is on a Go thread, with the Go runtime's crash report (exit status
	 * 2); neither a result (0, or 5 if wrong) nor a failed command (3, 4). */
	int st = run_child("deep", 65536, "128");
	printf("overflow: %s %d\n", WIFSIGNALED(st) ? "signal" : "exit", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	CHECK(WIFSIGNALED(st) || (WIFEXITED(st) && WEXITSTATUS(st) == 2));
	/* With 1 MiB stacks it fits. */
	st = run_child("deep", 65536, "1024");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* 64 KiB fits the default. */
	st = run_child("deep", 16384, NULL);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* 1 MiB in the kernel's own frame: its stacks are made big enough. */
	st = run_child("frame", 262144, "128");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* As a work-group function, 256 KiB per work-item needs no big stack. */
	st = run_child_env("deep", 65536, "128", 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int main(int argc, char **argv) {
	if (argc == 4 && strcmp(argv[1], "child") == 0) return child(argv[2], atoi(argv[3]));
	test_stack();
	test_env t = test_setup();
	cl_program p = build(&t, "");
	test_reduce(&t, p);
	test_rotate(&t, p);
	test_branches(&t, p);
	test_scopes(&t);
	test_private(&t, p);
	test_shapes(&t);
	test_paths(&t, p);
	test_many(&t, p);
	clReleaseProgram(p);
	test_teardown(&t);
	return check_done();
}
