/* OpenCL C conversions (OpenCL C 3.0 "Explicit Conversions",
 * "Reinterpreting Data As Another Type"): every
 * convert_<dst>[_sat][_rte|_rtz|_rtp|_rtn](<src>) for the ten types char …
 * double, as a scalar and as one vector width per type pair (every width
 * from 2 to 16 is used), over each source type's extremes, the values
 * around the destination's limits and its rounding boundaries (x.5, values
 * just below and above), NaN, infinities and random values, compared
 * exactly with the host: integer sources exactly in 128 bits, rounding to
 * integers with rint / floor / ceil / trunc, rounding to float and double
 * with the host's conversion instructions in the requested rounding mode.
 * Unsaturated conversions of out-of-range values are implementation-defined
 * and not checked. Then as_<type> (including 3-component vectors, which
 * have the size of 4) and implicit conversions, which need no library. */
#include "check.h"
#include <fenv.h>
#include <float.h>
#include <math.h>

enum { GROUP = 48, ITEMS = 64, E = GROUP * ITEMS };
typedef long double LD;
typedef __int128 i128;

enum { CHAR, UCHAR, SHORT, USHORT, INT, UINT, LONG, ULONG, FLOAT, DOUBLE, NT };
static const char *tname[NT] = { "char", "uchar", "short", "ushort", "int", "uint", "long", "ulong", "float", "double" };
static const int tsize[NT] = { 1, 1, 2, 2, 4, 4, 8, 8, 4, 8 };
static const char *rname[5] = { "", "_rte", "_rtz", "_rtp", "_rtn" };
static const int vwidths[5] = { 2, 3, 4, 8, 16 };
static int isfp(int t) { return t >= FLOAT; }
static int nvariants(int dst) { return isfp(dst) ? 5 : 10; } /* [_sat] × 5 roundings */

/* One kernel per type pair: variant v of the scalar conversion to
 * o[v·E …], of the vector one (width W) to o[(nv + v)·E …]. */
static char *make_source(void) {
	size_t cap = 1 << 20, len = 0;
	char *s = malloc(cap);
	len += sprintf(s + len, "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n");
	for (int d = 0; d < NT; d++)
		for (int t = 0; t < NT; t++) {
			int w = vwidths[(d * NT + t) % 5], nv = nvariants(d);
			len += sprintf(s + len, "kernel void conv_%s_%s(global const %s *a, global %s *o) {\n"
				"  size_t g = get_global_id(0) * 48;\n  for (int i = 0; i < 48; i++) {\n",
				tname[d], tname[t], tname[t], tname[d]);
			for (int v = 0; v < nv; v++)
				len += sprintf(s + len, "    o[%d * %d + g + i] = convert_%s%s%s(a[g + i]);\n", v, E, tname[d],
					v >= 5 ? "_sat" : "", rname[v % 5]);
			len += sprintf(s + len, "  }\n  for (int i = 0; i < 48; i += %d) {\n", w);
			for (int v = 0; v < nv; v++)
				len += sprintf(s + len, "    vstore%d(convert_%s%d%s%s(vload%d(0, a + g + i)), 0, o + %d * %d + g + i);\n",
					w, tname[d], w, v >= 5 ? "_sat" : "", rname[v % 5], w, nv + v, E);
			len += sprintf(s + len, "  }\n}\n");
		}
	return s;
}

/* ---- values ---- */
static uint64_t rng = 0x853c49e6748fea9bull;
static uint64_t next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

static i128 geti(const void *p, int t, size_t i) {
	const char *q = (const char *)p + i * tsize[t];
	switch (t) {
	case CHAR: return *(const int8_t *)q;
	case UCHAR: return *(const uint8_t *)q;
	case SHORT: return *(const int16_t *)q;
	case USHORT: return *(const uint16_t *)q;
	case INT: return *(const int32_t *)q;
	case UINT: return *(const uint32_t *)q;
	case LONG: return *(const int64_t *)q;
	default: return *(const uint64_t *)q;
	}
}
static LD getf(const void *p, int t, size_t i) {
	return t == FLOAT ? ((const float *)p)[i] : ((const double *)p)[i];
}
static i128 tmin(int t) { return t % 2 ? 0 : -((i128)1 << (tsize[t] * 8 - 1)); }
static i128 tmax(int t) { return t % 2 ? ((i128)1 << (tsize[t] * 8)) - 1 : ((i128)1 << (tsize[t] * 8 - 1)) - 1; }

/* Source values: for integers the extremes, ±1, 0, the limits of every
 * narrower type and values needing more than 24 / 53 bits; for floating
 * point also halves, NaN, infinities, and values next to the limits. */
static void fill(void *buf, int t) {
	for (size_t i = 0; i < E; i++) {
		if (!isfp(t)) {
			i128 v;
			if (i < 64) {
				static const int64_t s[] = { 0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769,
					65535, 65536, 2147483647, 2147483648LL, -2147483648LL, -2147483649LL, 4294967295LL, 4294967296LL,
					INT64_MAX, INT64_MIN, 16777217, 16777216, -16777217, 16777219, 9007199254740993LL,
					-9007199254740993LL, 0x7fffff8000000000LL, (int64_t)0xffffff8000000000ULL,
					0x7ffffffffffffc00LL, (int64_t)0xfffffffffffff800ULL, 0x20000020000001LL };
				v = s[i % (sizeof s / sizeof s[0])];
				if (i >= sizeof s / sizeof s[0]) v = (i128)(uint64_t)v + (i & 1 ? 1 : -1);
			} else {
				uint64_t r = next();
				v = (i128)(r >> (r % 64));
				if (r & 1) v = -v;
			}
			memcpy((char *)buf + i * tsize[t], &v, tsize[t]);
			continue;
		}
		double x;
		if (i < 128) {
			static const double s[] = { 0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999997, -0.49999997, 127.5,
				128.5, -128.5, -129.5, 255.5, 256.0, 32767.5, 32768.5, -32768.5, 65535.5, 65536.0, 2147483647.0,
				2147483648.0, -2147483648.0, -2147483649.0, 4294967295.0, 4294967296.0, 9223372036854775807.0,
				-9223372036854775808.0, 18446744073709551615.0, 1e30, -1e30, INFINITY, -INFINITY, NAN, -NAN, FLT_MAX,
				-FLT_MAX, DBL_MAX, 1e-40, -1e-40, 4.9e-324, FLT_MIN, 0x1.fffffefffffffp+127, 0x1.ffffff0000001p+127,
				0x1.fffffep30, 0x1.fffffep31, 0x1.fffffep62, 0x1.fffffep63, 0x1.fffffffffffffp62, 0x1.fffffffffffffp63,
				2147483647.5, 4294967295.5, -2147483648.5, 0x1.000001p0, 0x1.0000018p0, 0x1.0000008p0 };
			int ns = sizeof s / sizeof s[0];
			x = s[i % ns];
			if (i >= (size_t)ns) x = nextafter(x, (i & 1) ? INFINITY : -INFINITY);
		} else {
			uint64_t r = next();
			switch (i & 3) {
			case 0: /* any bits */
				if (t == FLOAT) { uint32_t b = (uint32_t)r; float f; memcpy(&f, &b, 4); x = f; }
				else memcpy(&x, &r, 8);
				break;
			case 1: { /* integers and halves of every size */
				double v = floor(ldexp(1.0 + (r >> 12 & 0xffff) / 65536.0, (int)(r % 70) - 3));
				static const double fr[] = { 0, 0.5, 0.25, 0.75, -0.5 };
				v += fr[(r >> 30) % 5];
				x = (r >> 40 & 1) ? -v : v;
				break;
			}
			case 2: x = (double)(int64_t)next() / ldexp(1.0, (int)(r % 64)); break;
			default: x = ldexp((double)(r >> 11), (int)(r % 140) - 100); if (r & 1) x = -x; break;
			}
		}
		if (t == FLOAT) ((float *)buf)[i] = (float)x; else ((double *)buf)[i] = x;
	}
}

/* ---- references ---- */
static int fmode(int r) { return r == 2 ? FE_TOWARDZERO : r == 3 ? FE_UPWARD : r == 4 ? FE_DOWNWARD : FE_TONEAREST; }
/* v rounded to float / double in rounding r, by the host's conversion
 * (volatile keeps it between the fesetround calls) */
static float to_float(LD v, int r) {
	volatile LD in = v;
	volatile float out;
	fesetround(fmode(r)); out = (float)in; fesetround(FE_TONEAREST);
	return out;
}
static double to_double(LD v, int r) {
	volatile LD in = v;
	volatile double out;
	fesetround(fmode(r)); out = (double)in; fesetround(FE_TONEAREST);
	return out;
}
/* Expected result bytes of variant (sat, r) of src value i; 0: not checked. */
static int expect(int d, int t, const void *in, size_t i, int sat, int r, unsigned char *want) {
	if (isfp(d)) {
		LD v = isfp(t) ? getf(in, t, i) : (LD)geti(in, t, i);
		if (d == FLOAT) { float f = to_float(v, r); memcpy(want, &f, 4); }
		else { double f = to_double(v, r); memcpy(want, &f, 8); }
		return 1;
	}
	i128 res;
	if (isfp(t)) {
		LD x = getf(in, t, i);
		if (isnan(x)) { if (!sat) return 0; res = 0; }
		else {
			LD y = r == 1 ? nearbyintl(x) : r == 3 ? ceill(x) : r == 4 ? floorl(x) : truncl(x);
			if (y < (LD)tmin(d)) { if (!sat) return 0; res = tmin(d); }
			else if (y > (LD)tmax(d)) { if (!sat) return 0; res = tmax(d); }
			else res = (i128)y;
		}
	} else {
		res = geti(in, t, i);
		if (sat) res = res < tmin(d) ? tmin(d) : res > tmax(d) ? tmax(d) : res;
	}
	memcpy(want, &res, tsize[d]); /* the low bytes: wraps unsaturated ones */
	return 1;
}

static int samebytes(const unsigned char *got, const unsigned char *want, int d) {
	if (isfp(d)) { /* any NaN is a NaN */
		if (d == FLOAT) { float a, b; memcpy(&a, got, 4); memcpy(&b, want, 4); if (isnan(a) && isnan(b)) return 1; }
		else { double a, b; memcpy(&a, got, 8); memcpy(&b, want, 8); if (isnan(a) && isnan(b)) return 1; }
	}
	return !memcmp(got, want, tsize[d]);
}

/* as_type and implicit conversions */
static const char *misc_src =
	"kernel void astype(global const int4 *i4, global const double *d, global float3 *f3, global int4 *o4,"
	"  global char16 *c16, global uint2 *u2, global ulong *ul, global float *f) {"
	"  f3[0] = as_float3(i4[0]);"           /* 4 → 3 components: the bits unchanged */
	"  o4[0] = as_int4(f3[0]);"             /* 3 → 4 */
	"  c16[0] = as_char16(as_float4(i4[0]));"
	"  u2[0] = as_uint2(d[0]); ul[0] = as_ulong(d[0]); f[0] = as_float(i4[0].y); }\n"
	"kernel void implicit(global const float *x, global const int *n, global const long *l, global double *d,"
	"  global int *i, global char *c, global float4 *v, global short *s) {"
	"  float f = n[0]; d[0] = f; d[1] = x[0]; d[2] = l[0]; int k = x[1]; i[0] = k; i[1] = l[0];"
	"  c[0] = n[1]; c[1] = x[2]; v[0] = (float4)(n[0]); v[1] = (float4)(1, 2.5f, n[1], x[0]); s[0] = l[0] + 1; }\n";

static test_env env;

static cl_program build(const char *source, const char *options) {
	cl_int err;
	cl_program p = clCreateProgramWithSource(env.context, 1, &source, NULL, &err);
	REQUIRE_OK(err);
	err = clBuildProgram(p, 1, &env.device, options, NULL, NULL);
	if (err != CL_SUCCESS) {
		static char log[1 << 16];
		clGetProgramBuildInfo(p, env.device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
		fprintf(stderr, "build failed (%d):\n%s\n", err, log);
		exit(1);
	}
	return p;
}

static cl_mem buf(size_t size, const void *data) {
	cl_int err;
	cl_mem m = clCreateBuffer(env.context, data ? CL_MEM_COPY_HOST_PTR : CL_MEM_READ_WRITE, size, (void *)data, &err);
	REQUIRE_OK(err);
	return m;
}

static void test_misc(void) {
	cl_program p = build(misc_src, "");
	cl_int err;
	/* as_type */
	int32_t i4[4] = { 0x3f800000, 0x40490fdb, (int32_t)0xc0000000, 0x7f7fffff };
	double d = -0x1.123456789abcdp-3;
	float f3[4], f;
	int32_t o4[4];
	int8_t c16[16];
	uint32_t u2[2];
	uint64_t ul;
	cl_mem m[8] = { buf(16, i4), buf(8, &d), buf(16, NULL), buf(16, NULL), buf(16, NULL), buf(8, NULL), buf(8, NULL), buf(4, NULL) };
	cl_kernel k = clCreateKernel(p, "astype", &err);
	CHECK_OK(err);
	for (int i = 0; i < 8; i++) CHECK_OK(clSetKernelArg(k, i, sizeof m[i], &m[i]));
	size_t one = 1;
	CHECK_OK(clEnqueueNDRangeKernel(env.queue, k, 1, NULL, &one, NULL, 0, NULL, NULL));
	void *outs[] = { f3, o4, c16, u2, &ul, &f };
	size_t osz[] = { 16, 16, 16, 8, 8, 4 };
	for (int i = 0; i < 6; i++) CHECK_OK(clEnqueueReadBuffer(env.queue, m[i + 2], CL_TRUE, 0, osz[i], outs[i], 0, NULL, NULL));
	CHECK(!memcmp(f3, i4, 12));      /* as_float3(int4): the first three lanes' bits */
	CHECK(!memcmp(o4, i4, 12));      /* as_int4(float3): the three lanes back (the fourth is undefined) */
	CHECK(!memcmp(c16, i4, 16));
	CHECK(!memcmp(u2, &d, 8) && !memcmp(&ul, &d, 8));
	CHECK(!memcmp(&f, &i4[1], 4) && f == 0x1.921fb6p1f);
	for (int i = 0; i < 8; i++) clReleaseMemObject(m[i]);
	clReleaseKernel(k);
	/* implicit conversions: C's rules (round to nearest to floating point, toward zero to integers) */
	float x[3] = { 16777217.5f, -2.75f, 300.9f };
	int32_t n[2] = { 16777217, 0x1234 };
	int64_t l = 9007199254740993LL;
	double dd[3];
	int32_t ii[2];
	int8_t cc[2];
	float v[8];
	int16_t ss;
	cl_mem q[8] = { buf(12, x), buf(8, n), buf(8, &l), buf(24, NULL), buf(8, NULL), buf(2, NULL), buf(32, NULL), buf(2, NULL) };
	k = clCreateKernel(p, "implicit", &err);
	CHECK_OK(err);
	for (int i = 0; i < 8; i++) CHECK_OK(clSetKernelArg(k, i, sizeof q[i], &q[i]));
	CHECK_OK(clEnqueueNDRangeKernel(env.queue, k, 1, NULL, &one, NULL, 0, NULL, NULL));
	void *o2[] = { dd, ii, cc, v, &ss };
	size_t s2[] = { 24, 8, 2, 32, 2 };
	for (int i = 0; i < 5; i++) CHECK_OK(clEnqueueReadBuffer(env.queue, q[i + 3], CL_TRUE, 0, s2[i], o2[i], 0, NULL, NULL));
	CHECK(dd[0] == 16777216.0 && dd[1] == (double)x[0] && dd[2] == 9007199254740992.0);
	CHECK(ii[0] == -2 && ii[1] == (int32_t)(uint32_t)(uint64_t)l);
	CHECK(cc[0] == 0x34 && cc[1] == (int8_t)300);
	CHECK(v[0] == 16777216.0f && v[3] == 16777216.0f && v[4] == 1 && v[5] == 2.5f && v[6] == 0x1234 && v[7] == x[0]);
	CHECK(ss == (int16_t)(l + 1));
	for (int i = 0; i < 8; i++) clReleaseMemObject(q[i]);
	clReleaseKernel(k);
	clReleaseProgram(p);
}

int main(void) {
	env = test_setup();
	char *source = make_source();
	cl_program p = build(source, "");
	free(source);
	cl_int err;
	unsigned char *in = malloc(E * 8), *out = malloc((size_t)E * 8 * 20);
	cl_mem A = buf(E * 8, NULL), O = buf((size_t)E * 8 * 20, NULL);
	long total = 0, wrong = 0;
	int kernels = 0;
	for (int d = 0; d < NT; d++)
		for (int t = 0; t < NT; t++) {
			int nv = nvariants(d), w = vwidths[(d * NT + t) % 5];
			char name[48];
			snprintf(name, sizeof name, "conv_%s_%s", tname[d], tname[t]);
			fill(in, t);
			cl_kernel k = clCreateKernel(p, name, &err);
			CHECK_OK(err);
			if (err) continue;
			kernels++;
			CHECK_OK(clEnqueueWriteBuffer(env.queue, A, CL_FALSE, 0, (size_t)E * tsize[t], in, 0, NULL, NULL));
			CHECK_OK(clSetKernelArg(k, 0, sizeof A, &A));
			CHECK_OK(clSetKernelArg(k, 1, sizeof O, &O));
			size_t gs = ITEMS;
			CHECK_OK(clEnqueueNDRangeKernel(env.queue, k, 1, NULL, &gs, NULL, 0, NULL, NULL));
			CHECK_OK(clEnqueueReadBuffer(env.queue, O, CL_TRUE, 0, (size_t)E * tsize[d] * nv * 2, out, 0, NULL, NULL));
			clReleaseKernel(k);
			long bad = 0;
			for (int v = 0; v < 2 * nv; v++) {
				int var = v % nv, sat = var >= 5, r = var % 5;
				for (size_t i = 0; i < E; i++) {
					unsigned char want[8];
					if (!expect(d, t, in, i, sat, r, want)) continue;
					const unsigned char *got = out + ((size_t)v * E + i) * tsize[d];
					total++;
					if (!samebytes(got, want, d)) {
						if (bad++ < 3) {
							LD x = isfp(t) ? getf(in, t, i) : (LD)geti(in, t, i);
							uint64_t g = 0, wv = 0;
							memcpy(&g, got, tsize[d]); memcpy(&wv, want, tsize[d]);
							fprintf(stderr, "convert_%s%s%s%s(%s %La): got %#llx, want %#llx\n", tname[d],
								v >= nv ? (char[4]){ '0' + (w > 9 ? 1 : w), w > 9 ? '6' : 0, 0 } : "",
								sat ? "_sat" : "", rname[r], tname[t], x, (unsigned long long)g, (unsigned long long)wv);
						}
					}
				}
			}
			wrong += bad;
			CHECK(bad == 0);
		}
	CHECK(kernels == NT * NT);
	printf("%d kernels, %ld results checked, %ld wrong\n", kernels, total, wrong);
	clReleaseMemObject(A); clReleaseMemObject(O);
	clReleaseProgram(p);
	free(in); free(out);
	test_misc();
	test_teardown(&env);
	return check_done();
}
