/* Kernels compiled for their launch's local size (build/specialize.go).
 * With GOCL_SPECIALIZE=1 every launch whose work-groups all have one size
 * runs code in which that size is a constant; this test runs work-group
 * functions that depend on the local size in every way (tiles and
 * barriers, a tree reduction whose steps come from get_local_size, 3D ids,
 * loops bounded by the local size), in several shapes of one kernel and in
 * a launch with a partial last group (which keeps the generic code), and
 * checks every result against the host. A child process with GOCL_DEBUG
 * shows that the specialized code is what ran; the same launches with
 * GOCL_SPECIALIZE=0 must give the same bits. */
#include "check.h"
#include <sys/wait.h>

static const char *src =
	"kernel void matmul(global const int *A, global const int *B, global int *C, int n) {\n"
	"  local int As[8][8], Bs[8][8];\n"
	"  int tx = get_local_id(0), ty = get_local_id(1);\n"
	"  int col = get_global_id(0), row = get_global_id(1);\n"
	"  int acc = 0;\n"
	"  for (int t = 0; t < n; t += 8) {\n"
	"    As[ty][tx] = A[row * n + t + tx];\n"
	"    Bs[ty][tx] = B[(t + ty) * n + col];\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"    for (int k = 0; k < 8; k++) acc += As[ty][k] * Bs[k][tx];\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  }\n"
	"  C[row * n + col] = acc; }\n"
	"kernel void reduce(global const int *in, global int *out, local int *s) {\n"
	"  size_t l = get_local_id(0), n = get_local_size(0);\n"
	"  s[l] = in[get_global_id(0)];\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  for (size_t k = 1; k < n; k <<= 1) {\n"
	"    int v = (l % (2 * k) == 0 && l + k < n) ? s[l + k] : 0;\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"    s[l] += v;\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  }\n"
	"  if (l == 0) out[get_group_id(0)] = s[0]; }\n"
	"kernel void shape(global int *out) {\n"
	"  size_t i = get_global_id(0) + get_global_size(0) * (get_global_id(1) + get_global_size(1) * get_global_id(2));\n"
	"  int s = 0;\n"
	"  for (size_t d = 0; d < get_local_size(1); d++) { s += (int)get_local_size(0); barrier(CLK_GLOBAL_MEM_FENCE); }\n"
	"  out[4 * i] = s;\n"
	"  out[4 * i + 1] = (int)(get_local_size(0) * 100 + get_local_size(1) * 10 + get_local_size(2));\n"
	"  out[4 * i + 2] = (int)get_local_linear_id();\n"
	"  out[4 * i + 3] = (int)(get_enqueued_local_size(0) * 100 + get_enqueued_local_size(1) * 10 + get_enqueued_local_size(2)); }\n"
	/* A guard on the global id as a 32-bit int: shaped code assumes it
	 * does not wrap (ids below 2^31); a launch past 2^31 keeps the
	 * generic code, which tests each work-item where it does. */
	/* A guard on every 16th work-item by linear id, in rows of 24: the rows
	 * are not whole steps of 16, so every x is tried. */
	"kernel void steps(global int *out) {\n"
	"  size_t l = get_local_linear_id();\n"
	"  if (l % 16 == 0) out[get_group_id(0) * 4 + l / 16] = (int)l + 1; }\n"
	"kernel void wide(global int *out) {\n"
	"  int x = get_global_id(0);\n"
	"  if (x > 2147483600) out[get_global_id(0) - get_global_offset(0)] = x; }\n";

/* Results of every launch, in order, for the comparison between modes. */
#define MAXOUT (1 << 16)
static int results[MAXOUT];
static size_t nresults;

static void keep(const int *v, size_t n) {
	for (size_t i = 0; i < n && nresults < MAXOUT; i++) results[nresults++] = v[i];
}

static void test_matmul(test_env *t, cl_program p) {
	enum { n = 32 };
	static int A[n * n], B[n * n], C[n * n];
	for (int i = 0; i < n * n; i++) A[i] = i % 7 - 3, B[i] = i % 5 - 2;
	cl_mem a = check_buffer(t, sizeof A, A), b = check_buffer(t, sizeof B, B), c = check_buffer(t, sizeof C, NULL);
	cl_int err, ni = n;
	cl_kernel k = clCreateKernel(p, "matmul", &err);
	REQUIRE_OK(err);
	clSetKernelArg(k, 0, sizeof a, &a), clSetKernelArg(k, 1, sizeof b, &b);
	clSetKernelArg(k, 2, sizeof c, &c), clSetKernelArg(k, 3, sizeof ni, &ni);
	size_t g[2] = {n, n}, l[2] = {8, 8};
	for (int rep = 0; rep < 2; rep++) {
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 2, NULL, g, l, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadBuffer(t->queue, c, CL_TRUE, 0, sizeof C, C, 0, NULL, NULL));
		int bad = 0;
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) {
				int want = 0;
				for (int j = 0; j < n; j++) want += A[y * n + j] * B[j * n + x];
				bad += C[y * n + x] != want;
			}
		CHECK(bad == 0);
		keep(C, n * n);
	}
	clReleaseKernel(k);
	clReleaseMemObject(a), clReleaseMemObject(b), clReleaseMemObject(c);
}

/* One kernel in several shapes, each twice (the second launch runs the
 * code the first one compiled), and a launch with a partial group. */
static void test_reduce(test_env *t, cl_program p) {
	enum { n = 4096 };
	static int in[n], out[n];
	for (int i = 0; i < n; i++) in[i] = (i * 37) % 101 - 50;
	cl_mem a = check_buffer(t, sizeof in, in), o = check_buffer(t, sizeof out, NULL);
	cl_int err;
	cl_kernel k = clCreateKernel(p, "reduce", &err);
	REQUIRE_OK(err);
	clSetKernelArg(k, 0, sizeof a, &a), clSetKernelArg(k, 1, sizeof o, &o);
	size_t locals[] = {1, 7, 64, 256, 1024, 64};
	size_t globals[] = {n, 7 * 500, n, n, n, 1000}; /* the last: a partial group */
	for (size_t c = 0; c < sizeof locals / sizeof *locals; c++) {
		size_t l = locals[c], g = globals[c], groups = (g + l - 1) / l;
		clSetKernelArg(k, 2, l * sizeof(int), NULL);
		for (int rep = 0; rep < 2; rep++) {
			CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
			CHECK_OK(clEnqueueReadBuffer(t->queue, o, CL_TRUE, 0, groups * sizeof(int), out, 0, NULL, NULL));
			int bad = 0;
			for (size_t gr = 0; gr < groups; gr++) {
				int want = 0;
				for (size_t i = gr * l; i < (gr + 1) * l && i < g; i++) want += in[i];
				bad += out[gr] != want;
			}
			if (bad) fprintf(stderr, "reduce, local size %zu: %d groups wrong\n", l, bad);
			CHECK(bad == 0);
			keep(out, groups);
		}
	}
	clReleaseKernel(k);
	clReleaseMemObject(a), clReleaseMemObject(o);
}

static void test_shape(test_env *t, cl_program p) {
	size_t g[3] = {8, 6, 4}, shapes[][3] = {{4, 3, 2}, {8, 1, 1}, {2, 6, 4}};
	size_t items = g[0] * g[1] * g[2];
	int *out = calloc(4 * items, sizeof(int));
	cl_mem o = check_buffer(t, 4 * items * sizeof(int), NULL);
	cl_int err;
	cl_kernel k = clCreateKernel(p, "shape", &err);
	REQUIRE_OK(err);
	clSetKernelArg(k, 0, sizeof o, &o);
	for (size_t s = 0; s < 3; s++) {
		size_t *l = shapes[s];
		for (int rep = 0; rep < 2; rep++) {
			CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 3, NULL, g, l, 0, NULL, NULL));
			CHECK_OK(clEnqueueReadBuffer(t->queue, o, CL_TRUE, 0, 4 * items * sizeof(int), out, 0, NULL, NULL));
			int bad = 0, code = (int)(l[0] * 100 + l[1] * 10 + l[2]);
			for (size_t z = 0; z < g[2]; z++)
				for (size_t y = 0; y < g[1]; y++)
					for (size_t x = 0; x < g[0]; x++) {
						int *r = out + 4 * (x + g[0] * (y + g[1] * z));
						int lin = (int)(x % l[0] + l[0] * (y % l[1] + l[1] * (z % l[2])));
						bad += r[0] != (int)(l[0] * l[1]) || r[1] != code || r[2] != lin || r[3] != code;
					}
			if (bad) fprintf(stderr, "shape %zux%zux%zu: %d work-items wrong\n", l[0], l[1], l[2], bad);
			CHECK(bad == 0);
			keep(out, 4 * items);
		}
	}
	clReleaseKernel(k);
	clReleaseMemObject(o);
	free(out);
}

static void test_wide(test_env *t, cl_program p) {
	/* Below 2^31 in groups of 64 (shaped), across it in groups of 32. */
	struct { size_t offset, local; } cases[] = {{2147483648u - 512, 64}, {2147483648u - 200, 32}, {2147483648u - 512, 64}};
	size_t g = 256;
	int out[256];
	cl_mem o = check_buffer(t, sizeof out, NULL);
	cl_int err;
	cl_kernel k = clCreateKernel(p, "wide", &err);
	REQUIRE_OK(err);
	clSetKernelArg(k, 0, sizeof o, &o);
	for (size_t c = 0; c < 3; c++) {
		memset(out, 0, sizeof out);
		CHECK_OK(clEnqueueWriteBuffer(t->queue, o, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, &cases[c].offset, &g, &cases[c].local, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadBuffer(t->queue, o, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
		int bad = 0;
		for (size_t i = 0; i < g; i++) {
			int x = (int)(unsigned)(cases[c].offset + i), want = x > 2147483600 ? x : 0;
			if (out[i] != want && bad++ < 3) fprintf(stderr, "wide case %zu [%zu]: %d, want %d\n", c, i, out[i], want);
		}
		CHECK(bad == 0);
		keep(out, g);
	}
	clReleaseKernel(k);
	clReleaseMemObject(o);
}

static void test_steps(test_env *t, cl_program p) {
	size_t g[2] = {96, 2}, l[2] = {24, 2};
	int out[16];
	memset(out, 0, sizeof out);
	cl_mem o = check_buffer(t, sizeof out, out);
	cl_int err;
	cl_kernel k = clCreateKernel(p, "steps", &err);
	REQUIRE_OK(err);
	clSetKernelArg(k, 0, sizeof o, &o);
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 2, NULL, g, l, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, o, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	/* Each group of 48 work-items: linear ids 0, 16 and 32 write 1, 17, 33. */
	int bad = 0;
	for (int grp = 0; grp < 4; grp++)
		for (int j = 0; j < 4; j++) {
			int want = j < 3 ? 16 * j + 1 : 0;
			if (out[grp * 4 + j] != want && bad++ < 3) fprintf(stderr, "steps group %d [%d]: %d, want %d\n", grp, j, out[grp * 4 + j], want);
		}
	CHECK(bad == 0);
	keep(out, 16);
	clReleaseKernel(k);
	clReleaseMemObject(o);
}

static void run_all(void) {
	test_env t = test_setup();
	cl_program p = check_build(&t, src, "-cl-std=CL3.0");
	test_matmul(&t, p);
	test_reduce(&t, p);
	test_shape(&t, p);
	test_steps(&t, p);
	test_wide(&t, p);
	clReleaseProgram(p);
	test_teardown(&t);
}

/* The child: all the launches in one mode, their results to a file. */
static int child(const char *path) {
	run_all();
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(results, sizeof(int), nresults, f) != nresults) return 3;
	fclose(f);
	return check_done();
}

/* Runs the child with GOCL_SPECIALIZE=mode (and its stderr to errpath):
 * its results, or 0 if it failed. */
static size_t run_child(const char *mode, const char *errpath, int *out) {
	char path[] = "/tmp/gocl-specialize-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) return 0;
	close(fd);
	fflush(stdout), fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		setenv("GOCL_SPECIALIZE", mode, 1);
		setenv("GOCL_DEBUG", "1", 1);
		if (!freopen(errpath, "w", stderr)) _exit(126);
		execl("/proc/self/exe", "specialize", "child", path, (char *)NULL);
		_exit(127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(out, sizeof(int), MAXOUT, f) : 0;
	if (f) fclose(f);
	unlink(path);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? n : 0;
}

static int log_has(const char *path, const char *what) {
	FILE *f = fopen(path, "r");
	char line[1024];
	int found = 0;
	while (f && fgets(line, sizeof line, f))
		found |= strstr(line, what) != NULL;
	if (f) fclose(f);
	return found;
}

int main(int argc, char **argv) {
	if (argc == 3 && strcmp(argv[1], "child") == 0) return child(argv[2]);
	static int shaped[MAXOUT], generic[MAXOUT];
	char err1[] = "/tmp/gocl-specialize-err-XXXXXX", err0[] = "/tmp/gocl-specialize-err-XXXXXX";
	int fd1 = mkstemp(err1), fd0 = mkstemp(err0);
	CHECK(fd1 >= 0 && fd0 >= 0);
	close(fd1), close(fd0);
	size_t n1 = run_child("1", err1, shaped), n0 = run_child("0", err0, generic);
	if (!n1 || !n0) {
		fprintf(stderr, "a child failed; its messages:\n");
		FILE *f = fopen(n1 ? err0 : err1, "r");
		char line[1024];
		while (f && fgets(line, sizeof line, f)) fputs(line, stderr);
		if (f) fclose(f);
	}
	CHECK(n1 > 0 && n1 == n0);
	CHECK(n1 == n0 && memcmp(shaped, generic, n1 * sizeof(int)) == 0);
	/* The specialized code ran: in its shapes, and never for the launch
	 * with a partial group (1000 work-items in groups of 64 is the only
	 * partial one, and 64 has a uniform launch of its own). */
	CHECK(log_has(err1, "kernel matmul runs code compiled for local size 8x8x1"));
	CHECK(log_has(err1, "kernel reduce runs code compiled for local size 1024x1x1"));
	CHECK(log_has(err1, "kernel reduce runs code compiled for local size 7x1x1"));
	CHECK(log_has(err1, "kernel shape runs code compiled for local size 4x3x2"));
	CHECK(log_has(err1, "kernel shape runs code compiled for local size 2x6x4"));
	CHECK(log_has(err1, "kernel wide runs code compiled for local size 64x1x1"));
	CHECK(log_has(err1, "kernel steps runs code compiled for local size 24x2x1"));
	CHECK(!log_has(err1, "kernel wide runs code compiled for local size 32x1x1"));
	CHECK(!log_has(err0, "runs code compiled for local size"));
	unlink(err1), unlink(err0);
	return check_done();
}
