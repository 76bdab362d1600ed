/* OpenCL C printf: scalar and vector conversions, flags, width and
 * precision, %s with literals, return values, output of many concurrent
 * work-items (whole lines, never torn), output flushed when the command
 * completes. The kernels run in a child process (this program run with
 * "child") whose stdout is a pipe; the parent compares what came through
 * with the text computed here with the C library's printf. */
#include "check.h"
#include <stdarg.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *src =
"kernel void basic(global const int *iv, global const float *fv, global const long *lv, global int *rc) {\n"
"  int r = 0;\n"
"  r |= printf(\"ints: %d %i %u %x %X %o|%5d|%-5d|%05d|%+d|% d|%#x|%#o\\n\", iv[0], iv[1], (uint)iv[2], iv[3], iv[3], iv[4], iv[5], iv[5], iv[5], iv[5], iv[5], iv[3], iv[4]);\n"
"  r |= printf(\"small: %hhd %hhu %hd %hu %c%c\\n\", (char)iv[6], (uchar)iv[6], (short)iv[7], (ushort)iv[7], (char)iv[8], (char)(iv[8] + 1));\n"
"  r |= printf(\"longs: %ld %lu %lx %li\\n\", lv[0], (ulong)lv[1], lv[2], lv[0]);\n"
"  r |= printf(\"floats: %f %.3f %10.2f %-10.1e| %E %g %G %a %A %5.0f %+.2f\\n\", fv[0], fv[1], fv[2], fv[3], fv[3], fv[4], fv[5], fv[0], fv[0], fv[1], fv[1]);\n"
"  r |= printf(\"double: %.10f %f %g\\n\", (double)fv[0] / 3.0, (double)fv[1], 1.0 / (double)fv[2]);\n"
"  r |= printf(\"strings: [%s] [%10s] [%-6s] [%.3s] %%\\n\", \"hello\", \"right\", \"left\", \"truncate\");\n"
"  r |= printf(\"star: [%*d] [%-*d] [%.*f]\\n\", 6, iv[0], 6, iv[0], 2, fv[0]);\n"
"  r |= printf(\"plain line without conversions\\n\");\n"
"  r |= printf(\"%s\\n\", \"only a string\");\n"
"  rc[0] = r;\n"
"}\n"
"kernel void vec(global const float *f, global const int *i, global const double *d, global const long *l,\n"
"                global const char *c, global const short *s, global int *rc) {\n"
"  int r = 0;\n"
"  r |= printf(\"f2 = %2.2v2hlf\\n\", *(global const float2 *)f);\n"
"  r |= printf(\"f3 = %v3hle\\n\", *(global const float3 *)f);\n"
"  r |= printf(\"f4 = %v4hlf\\n\", *(global const float4 *)f);\n"
"  r |= printf(\"f8 = %v8hlg\\n\", *(global const float8 *)f);\n"
"  r |= printf(\"f16 = %.1v16hlf\\n\", *(global const float16 *)f);\n"
"  r |= printf(\"i2 = %v2hld\\n\", *(global const int2 *)i);\n"
"  r |= printf(\"i3 = %v3hli\\n\", *(global const int3 *)i);\n"
"  r |= printf(\"u4 = %#v4hlx\\n\", as_uint4(*(global const int4 *)i));\n"
"  r |= printf(\"i8 = %5v8hld\\n\", *(global const int8 *)i);\n"
"  r |= printf(\"u16 = %v16hlu\\n\", as_uint16(*(global const int16 *)i));\n"
"  r |= printf(\"d2 = %v2lf\\n\", *(global const double2 *)d);\n"
"  r |= printf(\"d3 = %v3lg\\n\", *(global const double3 *)d);\n"
"  r |= printf(\"d4 = %.3v4le\\n\", *(global const double4 *)d);\n"
"  r |= printf(\"d8 = %v8lf\\n\", *(global const double8 *)d);\n"
"  r |= printf(\"d16 = %v16lg\\n\", *(global const double16 *)d);\n"
"  r |= printf(\"l2 = %v2ld\\n\", *(global const long2 *)l);\n"
"  r |= printf(\"l3 = %+v3ld\\n\", *(global const long3 *)l);\n"
"  r |= printf(\"l4 = %v4lx\\n\", as_ulong4(*(global const long4 *)l));\n"
"  r |= printf(\"l8 = %v8ld\\n\", *(global const long8 *)l);\n"
"  r |= printf(\"l16 = %v16lu\\n\", as_ulong16(*(global const long16 *)l));\n"
"  r |= printf(\"c2 = %v2hhd\\n\", *(global const char2 *)c);\n"
"  r |= printf(\"c3 = %v3hhd\\n\", *(global const char3 *)c);\n"
"  r |= printf(\"c4 = %v4hhd\\n\", *(global const char4 *)c);\n"
"  r |= printf(\"c8 = %v8hhd\\n\", *(global const char8 *)c);\n"
"  r |= printf(\"c16 = %#v16hhx\\n\", as_uchar16(*(global const char16 *)c));\n"
"  r |= printf(\"s2 = %v2hd\\n\", *(global const short2 *)s);\n"
"  r |= printf(\"s3 = %v3hd\\n\", *(global const short3 *)s);\n"
"  r |= printf(\"s4 = %v4hu\\n\", as_ushort4(*(global const short4 *)s));\n"
"  r |= printf(\"s8 = %v8hd\\n\", *(global const short8 *)s);\n"
"  r |= printf(\"s16 = %-7v16hdend\\n\", *(global const short16 *)s);\n"
"  r |= printf(\"mixed %d %v2hlf %s %v3hhd %ld\\n\", i[0], *(global const float2 *)f, \"lit\", *(global const char3 *)c, l[0]);\n"
"  rc[1] = r;\n"
"}\n"
"kernel void bad(global int *rc) { rc[2] = printf(\"bad %v5hld\\n\", (int4)(1)); }\n"
"kernel void many(global int *rc) {\n"
"  int g = get_global_id(0);\n"
"  int r = printf(\"line %d: %s %v4hld end\\n\", g, \"abcdefghijklmnopqrstuvwxyz0123456789\", (int4)(g, g + 1, g + 2, g + 3));\n"
"  if (r != 0) atomic_inc(rc + 3);\n"
"}\n"
"kernel void fib(global int *rc, local int *tmp) {\n"
"  int l = get_local_id(0), n = get_local_size(0), g = get_group_id(0);\n"
"  tmp[l] = l * l;\n"
"  if (printf(\"before %d.%d\\n\", g, l)) atomic_inc(rc + 4);\n"
"  barrier(CLK_LOCAL_MEM_FENCE);\n"
"  if (printf(\"after %d.%d %d\\n\", g, l, tmp[n - 1 - l])) atomic_inc(rc + 4);\n"
"}\n";

enum { NMANY = 4000, NFIB_G = 4, NFIB_L = 16 };

static int iv[16] = {42, -17, 3000000000u, 0xbeef, 0755, 123, -5, -1234, 'O'};
static float fv[16] = {3.14159f, -2.5f, 12345.678f, 6.02e23f, 0.0001234f, 1e-10f};
static long lv[16] = {-9000000000l, -1, 0x123456789abl};
static double dv[16];
static char cv[16];
static short sv[16];

static int child(void) {
	test_env t = test_setup();
	cl_int err;
	for (int k = 0; k < 16; k++) {
		if (k >= 9) iv[k] = k * 1000 - 7777;
		if (k >= 6) fv[k] = (k - 8) * 1.375f;
		if (k >= 3) lv[k] = (long)(k - 9) * 100000000007l;
		dv[k] = (k - 5) / 7.0;
		cv[k] = (char)(k * 37 - 120);
		sv[k] = (short)(k * 4001 - 30000);
	}
	cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	err = clBuildProgram(p, 1, &t.device, "", NULL, NULL);
	if (err) {
		char log[16384] = "";
		clGetProgramBuildInfo(p, t.device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
		fprintf(stderr, "build failed (%d):\n%s\n", err, log);
		return 1;
	}
	cl_mem I = clCreateBuffer(t.context, CL_MEM_COPY_HOST_PTR, sizeof iv, iv, &err);
	cl_mem F = clCreateBuffer(t.context, CL_MEM_COPY_HOST_PTR, sizeof fv, fv, &err);
	cl_mem L = clCreateBuffer(t.context, CL_MEM_COPY_HOST_PTR, sizeof lv, lv, &err);
	cl_mem D = clCreateBuffer(t.context, CL_MEM_COPY_HOST_PTR, sizeof dv, dv, &err);
	cl_mem Cc = clCreateBuffer(t.context, CL_MEM_COPY_HOST_PTR, sizeof cv, cv, &err);
	cl_mem S = clCreateBuffer(t.context, CL_MEM_COPY_HOST_PTR, sizeof sv, sv, &err);
	int rc[8] = {7, 7, 7, 0, 0};
	cl_mem R = clCreateBuffer(t.context, CL_MEM_COPY_HOST_PTR, sizeof rc, rc, &err);
	REQUIRE_OK(err);
	/* Host output before the kernels: must come first. */
	printf("host before\n");
	size_t one = 1;
	cl_kernel kb = clCreateKernel(p, "basic", &err);
	REQUIRE_OK(err);
	clSetKernelArg(kb, 0, sizeof I, &I), clSetKernelArg(kb, 1, sizeof F, &F);
	clSetKernelArg(kb, 2, sizeof L, &L), clSetKernelArg(kb, 3, sizeof R, &R);
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, kb, 1, NULL, &one, NULL, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	cl_kernel kv = clCreateKernel(p, "vec", &err);
	REQUIRE_OK(err);
	clSetKernelArg(kv, 0, sizeof F, &F), clSetKernelArg(kv, 1, sizeof I, &I), clSetKernelArg(kv, 2, sizeof D, &D);
	clSetKernelArg(kv, 3, sizeof L, &L), clSetKernelArg(kv, 4, sizeof Cc, &Cc), clSetKernelArg(kv, 5, sizeof S, &S);
	clSetKernelArg(kv, 6, sizeof R, &R);
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, kv, 1, NULL, &one, NULL, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	cl_kernel kbad = clCreateKernel(p, "bad", &err);
	REQUIRE_OK(err);
	clSetKernelArg(kbad, 0, sizeof R, &R);
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, kbad, 1, NULL, &one, NULL, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	printf("--- many\n");
	cl_kernel km = clCreateKernel(p, "many", &err);
	REQUIRE_OK(err);
	clSetKernelArg(km, 0, sizeof R, &R);
	size_t gm = NMANY, lm = 50;
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, km, 1, NULL, &gm, &lm, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	printf("--- fib\n");
	cl_kernel kf = clCreateKernel(p, "fib", &err);
	REQUIRE_OK(err);
	clSetKernelArg(kf, 0, sizeof R, &R), clSetKernelArg(kf, 1, NFIB_L * sizeof(int), NULL);
	size_t gf = NFIB_G * NFIB_L, lf = NFIB_L;
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, kf, 1, NULL, &gf, &lf, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	CHECK_OK(clEnqueueReadBuffer(t.queue, R, CL_TRUE, 0, sizeof rc, rc, 0, NULL, NULL));
	CHECK(rc[0] == 0);  /* every printf returned 0 */
	CHECK(rc[1] == 0);
	CHECK(rc[2] == -1); /* a malformed conversion */
	CHECK(rc[3] == 0);
	CHECK(rc[4] == 0);
	if (check_failed) fprintf(stderr, "rc = %d %d %d %d %d\n", rc[0], rc[1], rc[2], rc[3], rc[4]);
	/* The kernel output must be out without the process flushing stdout:
	 * _exit skips stdio's exit-time flush. */
	fflush(stderr);
	_exit(check_failed ? 1 : 0);
}

/* ---- parent ---- */

static char *exp_buf;
static size_t exp_len, exp_cap;

__attribute__((format(printf, 1, 2)))
static void ap(const char *fmt, ...) {
	va_list a;
	va_start(a, fmt);
	char tmp[4096];
	int n = vsnprintf(tmp, sizeof tmp, fmt, a);
	va_end(a);
	if (exp_len + n + 1 > exp_cap) {
		exp_cap = (exp_len + n + 1) * 2;
		exp_buf = realloc(exp_buf, exp_cap);
	}
	memcpy(exp_buf + exp_len, tmp, n + 1);
	exp_len += n;
}

/* Vector lines: each element through the C format spec, commas between. */
#define VEC(label, spec, n, expr) do { \
	ap("%s = ", label); \
	for (int k = 0; k < (n); k++) { if (k) ap(","); ap(spec, expr); } \
	ap("\n"); \
} while (0)

static void expected_static(void) {
	ap("host before\n");
	ap("ints: %d %i %u %x %X %o|%5d|%-5d|%05d|%+d|% d|%#x|%#o\n", iv[0], iv[1], (unsigned)iv[2], iv[3], iv[3], iv[4],
	   iv[5], iv[5], iv[5], iv[5], iv[5], iv[3], iv[4]);
	ap("small: %hhd %hhu %hd %hu %c%c\n", (signed char)iv[6], (unsigned char)iv[6], (short)iv[7], (unsigned short)iv[7],
	   (char)iv[8], (char)(iv[8] + 1));
	ap("longs: %ld %lu %lx %li\n", lv[0], (unsigned long)lv[1], lv[2], lv[0]);
	ap("floats: %f %.3f %10.2f %-10.1e| %E %g %G %a %A %5.0f %+.2f\n", fv[0], fv[1], fv[2], fv[3], fv[3], fv[4], fv[5],
	   fv[0], fv[0], fv[1], fv[1]);
	ap("double: %.10f %f %g\n", (double)fv[0] / 3.0, (double)fv[1], 1.0 / (double)fv[2]);
	ap("strings: [%s] [%10s] [%-6s] [%.3s] %%\n", "hello", "right", "left", "truncate");
	ap("star: [%*d] [%-*d] [%.*f]\n", 6, iv[0], 6, iv[0], 2, fv[0]);
	ap("plain line without conversions\n");
	ap("%s\n", "only a string");
	VEC("f2", "%2.2f", 2, fv[k]);
	VEC("f3", "%e", 3, fv[k]);
	VEC("f4", "%f", 4, fv[k]);
	VEC("f8", "%g", 8, fv[k]);
	VEC("f16", "%.1f", 16, fv[k]);
	VEC("i2", "%d", 2, iv[k]);
	VEC("i3", "%i", 3, iv[k]);
	VEC("u4", "%#x", 4, (unsigned)iv[k]);
	VEC("i8", "%5d", 8, iv[k]);
	VEC("u16", "%u", 16, (unsigned)iv[k]);
	VEC("d2", "%f", 2, dv[k]);
	VEC("d3", "%g", 3, dv[k]);
	VEC("d4", "%.3e", 4, dv[k]);
	VEC("d8", "%f", 8, dv[k]);
	VEC("d16", "%g", 16, dv[k]);
	VEC("l2", "%ld", 2, lv[k]);
	VEC("l3", "%+ld", 3, lv[k]);
	VEC("l4", "%lx", 4, lv[k]);
	VEC("l8", "%ld", 8, lv[k]);
	VEC("l16", "%lu", 16, (unsigned long)lv[k]);
	VEC("c2", "%hhd", 2, cv[k]);
	VEC("c3", "%hhd", 3, cv[k]);
	VEC("c4", "%hhd", 4, cv[k]);
	VEC("c8", "%hhd", 8, cv[k]);
	VEC("c16", "%#hhx", 16, (unsigned char)cv[k]);
	VEC("s2", "%hd", 2, sv[k]);
	VEC("s3", "%hd", 3, sv[k]);
	VEC("s4", "%hu", 4, (unsigned short)sv[k]);
	VEC("s8", "%hd", 8, sv[k]);
	ap("s16 = ");
	for (int k = 0; k < 16; k++) ap("%s%-7hd", k ? "," : "", sv[k]);
	ap("end\n");
	ap("mixed %d %f,%f %s %hhd,%hhd,%hhd %ld\n", iv[0], fv[0], fv[1], "lit", cv[0], cv[1], cv[2], lv[0]);
	ap("bad %%v5hld\n");
	ap("--- many\n");
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
	if (argc > 1 && strcmp(argv[1], "child") == 0) return child();
	/* the same inputs as the child */
	for (int k = 0; k < 16; k++) {
		if (k >= 9) iv[k] = k * 1000 - 7777;
		if (k >= 6) fv[k] = (k - 8) * 1.375f;
		if (k >= 3) lv[k] = (long)(k - 9) * 100000000007l;
		dv[k] = (k - 5) / 7.0;
		cv[k] = (char)(k * 37 - 120);
		sv[k] = (short)(k * 4001 - 30000);
	}
	int fd[2];
	if (pipe(fd) != 0) return 2;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]), close(fd[1]);
		execl("/proc/self/exe", argv[0], "child", (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	size_t cap = 1 << 20, len = 0;
	char *out = malloc(cap);
	for (;;) {
		if (len + 65536 > cap) out = realloc(out, cap *= 2);
		ssize_t n = read(fd[0], out + len, cap - len - 1);
		if (n <= 0) break;
		len += (size_t)n;
	}
	out[len] = 0;
	int status = 0;
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* The deterministic part: byte for byte. */
	expected_static();
	int same = len >= exp_len && memcmp(out, exp_buf, exp_len) == 0;
	CHECK(same);
	if (!same) {
		size_t i = 0;
		while (i < len && i < exp_len && out[i] == exp_buf[i]) i++;
		size_t ls = i;
		while (ls > 0 && out[ls - 1] != '\n') ls--;
		fprintf(stderr, "output differs at byte %zu:\n got: %.200s\nwant: %.200s\n", i, out + ls, exp_buf + ls);
	}
	/* "many": NMANY whole lines in any order, then the fibers' lines. */
	char *rest = same ? out + exp_len : out + len;
	char **lines = calloc(NMANY + 2 * NFIB_G * NFIB_L + 8, sizeof *lines);
	int nl = 0;
	char *fibpart = strstr(rest, "--- fib\n");
	CHECK(fibpart != NULL);
	if (fibpart) {
		*fibpart = 0;
		for (char *s = strtok(rest, "\n"); s && nl < NMANY + 1; s = strtok(NULL, "\n")) lines[nl++] = s;
		CHECK(nl == NMANY);
		qsort(lines, nl, sizeof *lines, cmp_str);
		char **want = calloc(NMANY, sizeof *want);
		for (int g = 0; g < NMANY; g++) {
			want[g] = malloc(128);
			snprintf(want[g], 128, "line %d: %s %d,%d,%d,%d end", g, "abcdefghijklmnopqrstuvwxyz0123456789", g, g + 1, g + 2, g + 3);
		}
		qsort(want, NMANY, sizeof *want, cmp_str);
		int bad = 0;
		for (int g = 0; g < NMANY && g < nl; g++)
			if (strcmp(lines[g], want[g]) != 0 && bad++ < 3) fprintf(stderr, "many: got '%s' want '%s'\n", lines[g], want[g]);
		CHECK(bad == 0);
		/* Fibers: each group prints all its "before" lines, then its "after" lines. */
		char *f = fibpart + strlen("--- fib\n");
		int ok = 1, count = 0;
		int seen_before[NFIB_G][NFIB_L] = {{0}}, seen_after[NFIB_G][NFIB_L] = {{0}};
		for (char *s = strtok(f, "\n"); s; s = strtok(NULL, "\n")) {
			int g, l, v;
			count++;
			if (sscanf(s, "before %d.%d", &g, &l) == 2 && g >= 0 && g < NFIB_G && l >= 0 && l < NFIB_L) {
				seen_before[g][l]++;
			} else if (sscanf(s, "after %d.%d %d", &g, &l, &v) == 3 && g >= 0 && g < NFIB_G && l >= 0 && l < NFIB_L) {
				for (int m = 0; m < NFIB_L; m++) if (!seen_before[g][m]) ok = 0; /* barrier order */
				if (v != (NFIB_L - 1 - l) * (NFIB_L - 1 - l)) ok = 0;
				seen_after[g][l]++;
			} else {
				ok = 0;
			}
		}
		for (int g = 0; g < NFIB_G; g++)
			for (int l = 0; l < NFIB_L; l++)
				if (seen_before[g][l] != 1 || seen_after[g][l] != 1) ok = 0;
		CHECK(ok);
		CHECK(count == 2 * NFIB_G * NFIB_L);
	}
	return check_done();
}
