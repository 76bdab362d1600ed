/* Checked kernels (GOCL_CHECK=1): an access outside the buffer or
 * allocation it came from is skipped, fails its command with
 * CL_OUT_OF_RESOURCES (dependents fail too) and is named on stderr; the
 * process goes on. Correct kernels give bit-identical results checked and
 * unchecked: the unchecked results come from a child process (this program
 * run with "reference" and without GOCL_CHECK), since the library reads the
 * variable once, from the environment the process started with (so this
 * program runs itself again with GOCL_CHECK=1 set). */
#include "check.h"
#include <fcntl.h>
#include <sys/wait.h>

static test_env t;
static cl_program prog;

enum { N = 256, WG = 64 };

static const char *src =
	/* wrong kernels */
	"kernel void write_over(global int *a) { size_t i = get_global_id(0); a[i + 1] = (int)i; }\n"
	"kernel void read_over(global const int *in, global int *out) { size_t i = get_global_id(0); out[i] = in[i + 1] + 1; }\n"
	"kernel void write_before(global int *a) { int i = get_global_id(0); a[i - 1] = 5; }\n"
	"kernel void local_var_over(global int *out) {\n"
	"  local int tmp[64]; size_t l = get_local_id(0);\n"
	"  tmp[l] = (int)l; barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  out[get_global_id(0)] = tmp[l + 1] + 1; }\n"
	"kernel void local_arg_over(global int *out, local int *tmp) {\n"
	"  size_t l = get_local_id(0);\n"
	"  tmp[l + 1] = (int)l; barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  out[get_global_id(0)] = tmp[l]; }\n"
	"kernel void atomic_over(global int *c) { atomic_add(&c[get_global_id(0)], 1); }\n"
	"kernel void vload_over(global const float *a, global float *b) {\n"
	"  size_t i = get_global_id(0); b[i] = vload4(i + 1, a).x; }\n"
	/* work-group functions (a loop), whose checks are made once per run
	 * of work-items (build/check_hoist.go): a run that fails at an end
	 * is checked access by access */
	"kernel void loop_over(global const float *w, global float *y, int iters) {\n"
	"  int i = get_global_id(0); float acc = 0.0f;\n"
	"  for (int k = 0; k < iters; k++) acc += w[k];\n"
	"  y[i + 3] = acc + (float)i; }\n"
	"kernel void column_over(global const float *m, global float *out, int rows) {\n"
	"  int c = get_global_id(0); float acc = 0.0f;\n"
	"  for (int k = 0; k < rows; k++) acc += m[k * (int)get_global_size(0) + c];\n"
	"  out[c] = acc; }\n"
	/* correct kernels */
	"kernel void vadd(global const float *a, global const float *b, global float *c) {\n"
	"  size_t i = get_global_id(0); c[i] = a[i] * 1.5f + b[i]; }\n"
	"kernel void fma_loop(global const float *x, global const float *w, global float *y, int n, int iters) {\n"
	"  int i = get_global_id(0);\n"
	"  if (i < n) { float acc = x[i]; for (int k = 0; k < iters; k++) acc = fma(acc, w[k], x[i]); y[i] = acc; } }\n"
	"kernel void reduce(global const float *in, global float *out, local float *tmp) {\n"
	"  size_t l = get_local_id(0); tmp[l] = in[get_global_id(0)]; barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  for (size_t s = get_local_size(0) / 2; s > 0; s >>= 1) { if (l < s) tmp[l] += tmp[l + s]; barrier(CLK_LOCAL_MEM_FENCE); }\n"
	"  if (l == 0) out[get_group_id(0)] = tmp[0]; }\n"
	"kernel void shift(global const int *in, global int *out) {\n"
	"  local int tmp[64]; size_t l = get_local_id(0);\n"
	"  tmp[l] = in[get_global_id(0)]; barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  out[get_global_id(0)] = tmp[(l + 1) % 64] - tmp[l]; }\n"
	"kernel void vec4(global const float *a, global float *b) {\n"
	"  size_t i = get_global_id(0); vstore4(vload4(i, a) * 2.0f + (float4)(1, 2, 3, 4), i, b); }\n"
	"kernel void count(global int *counter, global const int *v) { atomic_add(counter, v[get_global_id(0)]); }\n";

static cl_kernel kernel(const char *name) {
	cl_int err;
	cl_kernel k = clCreateKernel(prog, name, &err);
	REQUIRE_OK(err);
	return k;
}

static void arg_mem(cl_kernel k, int i, cl_mem m) { REQUIRE_OK(clSetKernelArg(k, i, sizeof m, &m)); }

static cl_event launch(cl_kernel k, size_t global, size_t local) {
	cl_event e;
	REQUIRE_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &global, local ? &local : NULL, 0, NULL, &e));
	return e;
}

static void read_buffer(cl_mem m, void *dst, size_t size) {
	REQUIRE_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, size, dst, 0, NULL, NULL));
}

/* ---- correct kernels: their outputs, concatenated into out ---- */

enum { OUT_BYTES = N * 4 * 6 + 4 };

static void correct_kernels(unsigned char *out) {
	float a[N * 4], b[N], w[64];
	int iv[N];
	for (int i = 0; i < N * 4; i++) a[i] = (float)(i % 97) * 0.37f - 11.0f;
	for (int i = 0; i < N; i++) b[i] = 1.0f / (float)(i + 1), iv[i] = (i * 7919) % 1000 - 500;
	for (int i = 0; i < 64; i++) w[i] = 0.98f + (float)i * 0.001f;
	cl_mem ma = check_buffer(&t, sizeof a, a), mb = check_buffer(&t, sizeof b, b), mw = check_buffer(&t, sizeof w, w);
	cl_mem mi = check_buffer(&t, sizeof iv, iv), mo = check_buffer(&t, N * 4 * 4, NULL);
	size_t at = 0;

	cl_kernel k = kernel("vadd");
	arg_mem(k, 0, ma), arg_mem(k, 1, mb), arg_mem(k, 2, mo);
	clReleaseEvent(launch(k, N, 0));
	read_buffer(mo, out + at, N * 4), at += N * 4;
	clReleaseKernel(k);

	k = kernel("fma_loop");
	int n = N - 3, iters = 50; /* the guard leaves the last work-items out */
	arg_mem(k, 0, ma), arg_mem(k, 1, mw), arg_mem(k, 2, mo);
	REQUIRE_OK(clSetKernelArg(k, 3, sizeof n, &n));
	REQUIRE_OK(clSetKernelArg(k, 4, sizeof iters, &iters));
	clReleaseEvent(launch(k, N, WG));
	read_buffer(mo, out + at, N * 4), at += N * 4;
	clReleaseKernel(k);

	k = kernel("reduce");
	arg_mem(k, 0, ma), arg_mem(k, 1, mo);
	REQUIRE_OK(clSetKernelArg(k, 2, WG * sizeof(float), NULL));
	clReleaseEvent(launch(k, N, WG));
	read_buffer(mo, out + at, N * 4), at += N * 4; /* N / WG sums and what the kernels before left */
	clReleaseKernel(k);

	k = kernel("shift");
	arg_mem(k, 0, mi), arg_mem(k, 1, mo);
	clReleaseEvent(launch(k, N, WG));
	read_buffer(mo, out + at, N * 4), at += N * 4;
	clReleaseKernel(k);

	k = kernel("vec4");
	arg_mem(k, 0, ma), arg_mem(k, 1, mo);
	clReleaseEvent(launch(k, N, 0));
	read_buffer(mo, out + at, N * 4 * 2), at += N * 4 * 2; /* the first half of the N float4 */
	clReleaseKernel(k);

	k = kernel("count");
	int zero = 0;
	cl_mem mc = check_buffer(&t, sizeof zero, &zero);
	arg_mem(k, 0, mc), arg_mem(k, 1, mi);
	clReleaseEvent(launch(k, N, 0));
	read_buffer(mc, out + at, 4), at += 4;
	clReleaseKernel(k);

	if (at != OUT_BYTES) {
		fprintf(stderr, "FATAL: %zu bytes of results, %d expected\n", at, OUT_BYTES);
		exit(2);
	}
	cl_mem all[] = {ma, mb, mw, mi, mo, mc};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++) clReleaseMemObject(all[i]);
}

/* ---- stderr of one command ---- */

static char captured[4096];

static int capture_begin(void) {
	fflush(stderr);
	int saved = dup(2);
	char path[] = "/tmp/gocl-check-XXXXXX";
	int fd = mkstemp(path);
	unlink(path);
	dup2(fd, 2);
	close(fd);
	return saved;
}

static void capture_end(int saved) {
	fflush(stderr);
	lseek(2, 0, SEEK_SET);
	ssize_t n = read(2, captured, sizeof captured - 1);
	captured[n > 0 ? n : 0] = 0;
	dup2(saved, 2);
	close(saved);
}

/* Runs k and returns its event once ended; what it said on stderr is in
 * captured. */
static cl_event run_captured(cl_kernel k, size_t global, size_t local) {
	int saved = capture_begin();
	cl_event e = launch(k, global, local);
	clWaitForEvents(1, &e);
	capture_end(saved);
	return e;
}

static cl_int status_of(cl_event e) {
	cl_int s = 1;
	clGetEventInfo(e, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof s, &s, NULL);
	return s;
}

#define CHECK_SAYS(text) do { \
	if (strstr(captured, text)) check_passed++; \
	else { check_failed++; fprintf(stderr, "%s:%d: FAILED: stderr lacks \"%s\": %s\n", __FILE__, __LINE__, text, captured); } \
} while (0)

/* Runs k, which must fail as checked kernels do: CL_OUT_OF_RESOURCES, and
 * stderr saying says. Returns its event. */
static cl_event expect_violation(cl_kernel k, size_t global, size_t local, const char *says) {
	cl_event e = run_captured(k, global, local);
	CHECK_ERR(status_of(e), CL_OUT_OF_RESOURCES);
	CHECK_SAYS(says);
	return e;
}

/* ---- wrong kernels ---- */

static void write_past_end(void) {
	/* Two buffers side by side: the store past a's end must not reach b. */
	int ones[N];
	for (int i = 0; i < N; i++) ones[i] = 1;
	cl_mem a = check_buffer(&t, sizeof ones, ones), b = check_buffer(&t, sizeof ones, ones);
	cl_kernel k = kernel("write_over");
	arg_mem(k, 0, a);
	cl_event e = expect_violation(k, N, WG, "kernel write_over");
	CHECK_SAYS("argument 0 (a, buffer)");
	CHECK_SAYS("work-item (255, 0, 0)");
	CHECK_SAYS("offset 1024");
	CHECK_SAYS("its 1024 bytes");
	CHECK_ERR(clWaitForEvents(1, &e), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);

	/* A command that waits for it fails, and so does a wait for that. */
	cl_int got[N], err;
	cl_command_queue q2 = clCreateCommandQueueWithProperties(t.context, t.device, NULL, &err);
	REQUIRE_OK(err);
	cl_event r;
	CHECK_OK(clEnqueueReadBuffer(q2, a, CL_FALSE, 0, sizeof got, got, 1, &e, &r));
	CHECK_ERR(clWaitForEvents(1, &r), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK(status_of(r) < 0);
	CHECK_ERR(clEnqueueReadBuffer(q2, a, CL_TRUE, 0, sizeof got, got, 1, &e, NULL), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK_OK(clFinish(q2));
	clReleaseEvent(r);
	clReleaseCommandQueue(q2);

	/* The accesses in bounds were done; the neighbour is intact. */
	read_buffer(a, got, sizeof got);
	int in_bounds = got[0] == 1;
	for (int i = 1; i < N; i++) in_bounds &= got[i] == i - 1;
	CHECK(in_bounds);
	read_buffer(b, got, sizeof got);
	int intact = 1;
	for (int i = 0; i < N; i++) intact &= got[i] == 1;
	CHECK(intact);
	clReleaseEvent(e);
	clReleaseKernel(k);
	clReleaseMemObject(a);
	clReleaseMemObject(b);
}

static void read_past_end(void) {
	int in[N], got[N];
	for (int i = 0; i < N; i++) in[i] = i;
	cl_mem a = check_buffer(&t, sizeof in, in), o = check_buffer(&t, sizeof got, NULL);
	cl_kernel k = kernel("read_over");
	arg_mem(k, 0, a), arg_mem(k, 1, o);
	cl_event e = expect_violation(k, N, 0, "kernel read_over: work-item (255, 0, 0) accessed argument 0 (in, buffer) at offset 1024, outside its 1024 bytes");
	read_buffer(o, got, sizeof got);
	int right = got[N - 1] == 1; /* the skipped load yields 0 */
	for (int i = 0; i < N - 1; i++) right &= got[i] == i + 2;
	CHECK(right);
	clReleaseEvent(e);
	clReleaseKernel(k);
	clReleaseMemObject(a);
	clReleaseMemObject(o);
}

static void write_before_start(void) {
	cl_mem a = check_buffer(&t, N * 4, NULL);
	cl_kernel k = kernel("write_before");
	arg_mem(k, 0, a);
	cl_event e = expect_violation(k, N, 0, "work-item (0, 0, 0) accessed argument 0 (a, buffer) at offset -4");
	clReleaseEvent(e);
	clReleaseKernel(k);
	clReleaseMemObject(a);
}

static void local_past_end(void) {
	int got[N];
	cl_mem o = check_buffer(&t, sizeof got, NULL);
	cl_kernel k = kernel("local_var_over");
	arg_mem(k, 0, o);
	cl_event e = expect_violation(k, N, WG, "kernel local_var_over: work-item (63, 0, 0) accessed variable tmp at offset 256, outside its 256 bytes");
	read_buffer(o, got, sizeof got);
	CHECK(got[62] == 64 && got[63] == 1 && got[127] == 1);
	clReleaseEvent(e);
	clReleaseKernel(k);

	k = kernel("local_arg_over");
	arg_mem(k, 0, o);
	REQUIRE_OK(clSetKernelArg(k, 1, WG * sizeof(int), NULL));
	e = expect_violation(k, N, WG, "kernel local_arg_over: work-item (63, 0, 0) accessed argument 1 (tmp, __local) at offset 256, outside its 256 bytes");
	clReleaseEvent(e);
	clReleaseKernel(k);
	clReleaseMemObject(o);
}

static void builtins_past_end(void) {
	/* An atomic builtin's object, a vload4's four floats. */
	int one = 5;
	cl_mem c = check_buffer(&t, sizeof one, &one);
	cl_kernel k = kernel("atomic_over");
	arg_mem(k, 0, c);
	cl_event e = expect_violation(k, 2, 0, "kernel atomic_over: work-item (1, 0, 0) accessed argument 0 (c, buffer) at offset 4, outside its 4 bytes");
	read_buffer(c, &one, sizeof one);
	CHECK(one == 6);
	clReleaseEvent(e);
	clReleaseKernel(k);
	clReleaseMemObject(c);

	cl_mem a = check_buffer(&t, 16 * sizeof(float), NULL), b = check_buffer(&t, 4 * sizeof(float), NULL);
	k = kernel("vload_over");
	arg_mem(k, 0, a), arg_mem(k, 1, b);
	e = expect_violation(k, 4, 0, "kernel vload_over: work-item (3, 0, 0) accessed argument 0 (a, buffer) at offset 64, outside its 64 bytes");
	clReleaseEvent(e);
	clReleaseKernel(k);
	clReleaseMemObject(a);
	clReleaseMemObject(b);
}

static void loops_past_end(void) {
	/* loop_over: the last three work-items write past y's end. */
	float w[4] = {1, 2, 3, 4}, y[N], m[4 * N];
	for (int i = 0; i < N; i++) y[i] = -1;
	cl_mem wb = check_buffer(&t, sizeof w, w), yb = check_buffer(&t, sizeof y, y);
	cl_kernel k = kernel("loop_over");
	int iters = 4;
	arg_mem(k, 0, wb), arg_mem(k, 1, yb);
	REQUIRE_OK(clSetKernelArg(k, 2, sizeof iters, &iters));
	cl_event e = expect_violation(k, N, WG, "kernel loop_over: work-item (253, 0, 0) accessed argument 1 (y, buffer) at offset 1024, outside its 1024 bytes");
	read_buffer(yb, y, sizeof y);
	int right = y[0] == -1 && y[1] == -1 && y[2] == -1;
	for (int i = 3; i < N; i++) right &= y[i] == 10.0f + (float)(i - 3);
	CHECK(right);
	clReleaseEvent(e);
	clReleaseKernel(k);

	/* column_over: m lacks its last element, which only the last
	 * work-item reads, in its last iteration. */
	for (int i = 0; i < 4 * N; i++) m[i] = (float)(i % 7);
	cl_mem mb = check_buffer(&t, (4 * N - 1) * sizeof(float), m);
	k = kernel("column_over");
	int rows = 4;
	arg_mem(k, 0, mb), arg_mem(k, 1, yb);
	REQUIRE_OK(clSetKernelArg(k, 2, sizeof rows, &rows));
	e = expect_violation(k, N, WG, "kernel column_over: work-item (255, 0, 0) accessed argument 0 (m, buffer) at offset 4092, outside its 4092 bytes");
	read_buffer(yb, y, sizeof y);
	right = 1;
	for (int c = 0; c < N; c++) {
		float want = 0;
		for (int r = 0; r < rows; r++) want += r * N + c < 4 * N - 1 ? m[r * N + c] : 0.0f; /* the skipped load yields 0 */
		right &= y[c] == want;
	}
	CHECK(right);
	clReleaseEvent(e);
	clReleaseKernel(k);
	clReleaseMemObject(wb), clReleaseMemObject(yb), clReleaseMemObject(mb);
}

static void sub_buffer_overrun(void) {
	/* The kernel gets the first half of a buffer; the second half is the
	 * neighbour it must not reach. */
	int init[2 * N], got[2 * N];
	for (int i = 0; i < 2 * N; i++) init[i] = -7;
	cl_mem parent = check_buffer(&t, sizeof init, init);
	cl_buffer_region half = {0, N * sizeof(int)};
	cl_int err;
	cl_mem sub = clCreateSubBuffer(parent, 0, CL_BUFFER_CREATE_TYPE_REGION, &half, &err);
	REQUIRE_OK(err);
	cl_kernel k = kernel("write_over");
	arg_mem(k, 0, sub);
	cl_event e = expect_violation(k, N, WG, "work-item (255, 0, 0) accessed argument 0 (a, buffer) at offset 1024, outside its 1024 bytes");
	read_buffer(parent, got, sizeof got);
	CHECK(got[N - 1] == N - 2 && got[N] == -7);
	clReleaseEvent(e);
	clReleaseKernel(k);
	clReleaseMemObject(sub);
	clReleaseMemObject(parent);
}

/* ---- the two processes ---- */

/* The unchecked results, from this program run as "reference" in a child
 * without GOCL_CHECK. */
static int reference(unsigned char *out) {
	char path[] = "/tmp/gocl-check-ref-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) return 0;
	close(fd);
	pid_t pid = fork();
	if (pid == 0) {
		unsetenv("GOCL_CHECK");
		execl("/proc/self/exe", "check", "reference", path, (char *)NULL);
		_exit(127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(out, 1, OUT_BYTES, f) : 0;
	if (f) fclose(f);
	unlink(path);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 && n == OUT_BYTES;
}

int main(int argc, char **argv) {
	static unsigned char want[OUT_BYTES], got[OUT_BYTES];
	if (argc == 3 && !strcmp(argv[1], "reference")) {
		t = test_setup();
		prog = check_build(&t, src, "");
		correct_kernels(got);
		FILE *f = fopen(argv[2], "wb");
		return !f || fwrite(got, 1, OUT_BYTES, f) != OUT_BYTES || fclose(f) != 0;
	}
	/* The library reads its environment as the process started it. */
	if (!getenv("GOCL_CHECK")) {
		setenv("GOCL_CHECK", "1", 1);
		execv("/proc/self/exe", argv);
		perror("exec");
		return 2;
	}
	int have_reference = reference(want);
	CHECK(have_reference);
	t = test_setup();
	prog = check_build(&t, src, "");

	correct_kernels(got);
	CHECK(memcmp(got, want, OUT_BYTES) == 0);
	write_past_end();
	read_past_end();
	write_before_start();
	local_past_end();
	builtins_past_end();
	loops_past_end();
	sub_buffer_overrun();
	/* The process goes on: the correct kernels still run, with the same
	 * results. */
	memset(got, 0, sizeof got);
	correct_kernels(got);
	CHECK(memcmp(got, want, OUT_BYTES) == 0);

	clReleaseProgram(prog);
	test_teardown(&t);
	return check_done();
}
