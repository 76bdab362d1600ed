/* Integer division by zero and INT_MIN / -1 in kernels: the results are
 * undefined in OpenCL C, but there is no exception, and the application
 * goes on (they used to kill it with SIGFPE). Every integer type, signed and
 * unsigned, scalar and vector, with the divisor loaded from memory, passed
 * as a kernel argument, or a literal 0; the quotients and remainders of the
 * defined cases beside them stay right. */
#include "check.h"
#include <limits.h>

static test_env t;

struct type { const char *name; int size, is_signed; long long min; };
static const struct type types[] = {
	{"char", 1, 1, SCHAR_MIN}, {"uchar", 1, 0, 0}, {"short", 2, 1, SHRT_MIN}, {"ushort", 2, 0, 0},
	{"int", 4, 1, INT_MIN}, {"uint", 4, 0, 0}, {"long", 8, 1, LLONG_MIN}, {"ulong", 8, 0, 0},
};
#define NT (int)(sizeof types / sizeof *types)
static const int widths[] = {1, 2, 3, 4, 8, 16};
#define NW (int)(sizeof widths / sizeof *widths)
enum { N = 64 }; /* work-items; each handles one vector */

static long long get(const void *p, const struct type *ty, int i) {
	switch (ty->size * (ty->is_signed ? -1 : 1)) {
	case -1: return ((const int8_t *)p)[i];
	case 1: return ((const uint8_t *)p)[i];
	case -2: return ((const int16_t *)p)[i];
	case 2: return ((const uint16_t *)p)[i];
	case -4: return ((const int32_t *)p)[i];
	case 4: return ((const uint32_t *)p)[i];
	default: return ((const int64_t *)p)[i];
	}
}
static void put(void *p, const struct type *ty, int i, long long v) {
	memcpy((char *)p + (size_t)i * ty->size, &v, ty->size); /* little-endian */
}
static long long wrap(const struct type *ty, long long v) {
	char tmp[8];
	put(tmp, ty, 0, v);
	return get(tmp, ty, 0);
}

static void kernel_name(char *buf, size_t n, int ti, int wi) {
	if (widths[wi] == 1) snprintf(buf, n, "d_%s", types[ti].name);
	else snprintf(buf, n, "d_%s%d", types[ti].name, widths[wi]);
}

int main(void) {
	t = test_setup();
	static char src[1 << 16];
	int len = snprintf(src, sizeof src,
		"#define LD1(i, p) ((p)[i])\n#define ST1(v, i, p) ((p)[i] = (v))\n"
		"#define LD2 vload2\n#define ST2 vstore2\n#define LD3 vload3\n#define ST3 vstore3\n"
		"#define LD4 vload4\n#define ST4 vstore4\n#define LD8 vload8\n#define ST8 vstore8\n"
		"#define LD16 vload16\n#define ST16 vstore16\n");
	for (int ti = 0; ti < NT; ti++)
		for (int wi = 0; wi < NW; wi++) {
			const char *tn = types[ti].name;
			int w = widths[wi];
			char vt[16], kn[32];
			if (w == 1) snprintf(vt, sizeof vt, "%s", tn); else snprintf(vt, sizeof vt, "%s%d", tn, w);
			kernel_name(kn, sizeof kn, ti, wi);
			len += snprintf(src + len, sizeof src - len,
				"__kernel void %s(__global const %s *a, __global const %s *b, __global %s *q, __global %s *r,\n"
				"		%s k, __global %s *qk, __global %s *z) {\n"
				"	size_t i = get_global_id(0);\n"
				"	%s x = LD%d(i, a), y = LD%d(i, b);\n"
				"	ST%d(x / y, i, q); ST%d(x %% y, i, r);\n"
				"	ST%d(x / k + x %% k, i, qk);\n"
				"	ST%d(x / (%s)0 + x %% (%s)0, i, z);\n"
				"}\n",
				kn, tn, tn, tn, tn, vt, tn, tn, vt, w, w, w, w, w, w, vt, vt);
		}
	/* The literal divisions by 0 are meant: no warning about them in the log. */
	cl_program p = check_build(&t, src, "-w");
	enum { MAXE = N * 16 * 8 };
	static char a[MAXE], b[MAXE], q[MAXE], r[MAXE];
	cl_mem ba = check_buffer(&t, MAXE, NULL), bb = check_buffer(&t, MAXE, NULL), bq = check_buffer(&t, MAXE, NULL),
	       br = check_buffer(&t, MAXE, NULL), bqk = check_buffer(&t, MAXE, NULL), bz = check_buffer(&t, MAXE, NULL);
	int launched = 0, wrong = 0;
	for (int ti = 0; ti < NT; ti++)
		for (int wi = 0; wi < NW; wi++) {
			const struct type *ty = &types[ti];
			int w = widths[wi], n = N * w;
			for (int j = 0; j < n; j++) {
				put(a, ty, j, j % 7 == 0 ? (ty->is_signed ? ty->min : -1) : (long long)j * 37 - 500);
				put(b, ty, j, j % 5 == 0 ? 0 : j % 5 == 1 ? -1 : (j % 5) * 3 - 7);
			}
			CHECK_OK(clEnqueueWriteBuffer(t.queue, ba, CL_FALSE, 0, n * ty->size, a, 0, NULL, NULL));
			CHECK_OK(clEnqueueWriteBuffer(t.queue, bb, CL_FALSE, 0, n * ty->size, b, 0, NULL, NULL));
			char kn[32];
			kernel_name(kn, sizeof kn, ti, wi);
			cl_int err;
			cl_kernel k = clCreateKernel(p, kn, &err);
			REQUIRE_OK(err);
			/* k: zero in every element, then -1 in every element. */
			char kv[16 * 8];
			size_t ksz = (size_t)(w == 3 ? 4 : w) * ty->size;
			cl_mem bufs[] = {ba, bb, bq, br};
			for (int i = 0; i < 4; i++) CHECK_OK(clSetKernelArg(k, i, sizeof(cl_mem), &bufs[i]));
			CHECK_OK(clSetKernelArg(k, 5, sizeof bqk, &bqk));
			CHECK_OK(clSetKernelArg(k, 6, sizeof bz, &bz));
			size_t g = N;
			for (int pass = 0; pass < 2; pass++) {
				memset(kv, pass ? 0xff : 0, sizeof kv);
				CHECK_OK(clSetKernelArg(k, 4, ksz, kv));
				if (clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL) == CL_SUCCESS) launched++;
				CHECK_OK(clFinish(t.queue));
			}
			CHECK_OK(clEnqueueReadBuffer(t.queue, bq, CL_TRUE, 0, n * ty->size, q, 0, NULL, NULL));
			CHECK_OK(clEnqueueReadBuffer(t.queue, br, CL_TRUE, 0, n * ty->size, r, 0, NULL, NULL));
			for (int j = 0; j < n; j++) {
				long long av = get(a, ty, j), bv = get(b, ty, j), wq, wr;
				if (bv == 0 || (ty->is_signed && bv == -1 && av == ty->min)) continue; /* undefined */
				if (ty->is_signed) wq = av / bv, wr = av % bv;
				else wq = (long long)((unsigned long long)av / (unsigned long long)bv),
				     wr = (long long)((unsigned long long)av % (unsigned long long)bv);
				if (get(q, ty, j) != wrap(ty, wq) || get(r, ty, j) != wrap(ty, wr)) {
					if (wrong++ < 5)
						fprintf(stderr, "%s [%d]: %lld / %lld gave %lld rem %lld, want %lld rem %lld\n", kn, j, av, bv,
							get(q, ty, j), get(r, ty, j), wrap(ty, wq), wrap(ty, wr));
				}
			}
			clReleaseKernel(k);
		}
	CHECK(launched == NT * NW * 2);
	CHECK(wrong == 0);
	/* The device still works. */
	int v = 42, back = 0;
	CHECK_OK(clEnqueueWriteBuffer(t.queue, ba, CL_TRUE, 0, sizeof v, &v, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, ba, CL_TRUE, 0, sizeof back, &back, 0, NULL, NULL));
	CHECK(back == 42);
	cl_mem all[] = {ba, bb, bq, br, bqk, bz};
	for (int i = 0; i < 6; i++) clReleaseMemObject(all[i]);
	clReleaseProgram(p);
	test_teardown(&t);
	return check_done();
}
