/* Half precision (cl_khr_fp16): the device claims it (extension, feature,
 * CL_DEVICE_HALF_FP_CONFIG, vector widths), and kernels compute with half:
 * arithmetic (correctly rounded), every math builtin over all 65,536 halves
 * (one-argument functions) or 65,536 pairs (two and three arguments) within
 * the OpenCL C specification's half bounds in ulp (exact where it says
 * correctly rounded or 0 ulp), each also in vector widths 2, 3, 4, 8 and 16;
 * the functions with a second result through a pointer with generic
 * (CL3.0) and private (CL1.2) pointers; conversions from every half to every
 * integer type with each rounding mode and _sat, and to half from float,
 * double and integers (values on and around every rounding boundary,
 * including doubles that a detour through float would round wrongly) with
 * each rounding mode; relational functions, select and bitselect; common
 * and geometric functions; half and half8 kernel arguments and __local
 * half. References are computed on the host in long
 * double (mathref.h) and rounded to half by ref_half below, which finds the
 * neighbouring halves itself. */
#define _GNU_SOURCE
#include "check.h"
#include <CL/cl_ext.h> /* CL_DEVICE_HALF_FP_CONFIG */
#include <limits.h>
#include <math.h>
#include "mathref.h"

enum { N = 65536, NV = 4800, WIDTHS = 5 };
static const int widths[WIDTHS] = { 2, 3, 4, 8, 16 };
typedef uint16_t hbits;

/* ---- half on the host, on the bits ---- */

static LD hval(hbits b) {
	int e = (b >> 10) & 0x1f, m = b & 0x3ff;
	LD v = e == 0 ? ldexpl(m, -24) : e == 31 ? (m ? NAN : INFINITY) : ldexpl(m | 0x400, e - 25);
	return (b & 0x8000) ? -v : v;
}

enum { RTE, RTZ, RTP, RTN };
static const char *rnames[] = { "_rte", "_rtz", "_rtp", "_rtn" };

/* v rounded to half in mode: the two halves around |v| found by binary
 * search on the ordered bits, then chosen (65536 stands for infinity, as
 * IEEE 754's overflow rule has it). */
static hbits ref_half(LD v, int mode) {
	if (isnan(v)) return 0x7e00;
	hbits sign = signbit(v) ? 0x8000 : 0;
	LD a = fabsl(v);
	unsigned lo = 0, hi = 0x7c00; /* val(lo) <= a, find the largest */
	if (a >= INFINITY) return sign | 0x7c00;
	while (lo < hi) {
		unsigned mid = (lo + hi + 1) / 2;
		if (hval(mid) <= a) lo = mid; else hi = mid - 1;
	}
	if (hval(lo) == a) return sign | lo;
	unsigned up = lo + 1;
	LD vup = up == 0x7c00 ? 65536 : hval(up);
	unsigned r;
	switch (mode) {
	case RTZ: r = lo; break;
	case RTP: r = sign ? lo : up; break;
	case RTN: r = sign ? up : lo; break;
	default: {
		LD mid = (hval(lo) + vup) / 2;
		r = a < mid ? lo : a > mid ? up : (lo & 1) ? up : lo;
	}
	}
	return sign | r;
}

/* The error of got in half ulps at ref (CTS style: the ulp of the
 * reference, denormals in the smallest ulp, infinity as 2^16). */
static double ulp_err(hbits got, LD ref) {
	LD g = hval(got);
	if (isnan(ref)) return isnan(g) ? 0 : INFINITY;
	if (isnan(g)) return INFINITY;
	if (got == ref_half(ref, RTE)) return 0;
	if (isinf(g)) g = copysignl(65536, g);
	if (isinf(ref)) ref = copysignl(65536, ref);
	LD a = fabsl(ref);
	int e = a < 0x1p-14L ? -14 : ilogbl(a);
	if (e > 15) e = 15;
	return (double)(fabsl(g - ref) / ldexpl(1, e - 10));
}

/* ---- inputs ---- */


static const hbits special[] = { 0x0000, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0x3c00, 0xbc00, 0x3800, 0x4000, 0xc000,
	0x0001, 0x8001, 0x03ff, 0x0400, 0x7bff, 0xfbff, 0x4200, 0x3e00, 0xc200, 0x4900 };
#define NSPECIAL ((int)(sizeof special / sizeof special[0]))

/* pairs: special × special first, then random bits (half of them with a
 * second operand near the first) */
static void make_pairs(hbits *a, hbits *b, hbits *c, int *k) {
	for (int i = 0; i < N; i++) {
		if (i < NSPECIAL * NSPECIAL) {
			a[i] = special[i % NSPECIAL];
			b[i] = special[i / NSPECIAL];
		} else {
			a[i] = (hbits)next();
			b[i] = (i & 1) ? (hbits)next() : (hbits)(a[i] + (next() % 64) - 32);
		}
		c[i] = (hbits)next();
		k[i] = i < 64 ? (int[]){0, 1, -1, 2, -2, 3, -3, 5, -7, 16, -16, 24, -25, 40, -40, INT_MAX, INT_MIN}[i % 17]
			: (int)(next() % 61) - 30;
	}
}

/* ---- device ---- */

static test_env env;
static cl_program prog12, prog30;

static cl_mem buf(size_t size, const void *init) { return check_buffer(&env, size, init); }

/* runs kernel name of program p over global work-items, with buffer arguments */
static void run(cl_program p, const char *name, size_t global, int nargs, cl_mem *args) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, name, &err);
	REQUIRE_OK(err);
	for (int i = 0; i < nargs; i++) REQUIRE_OK(clSetKernelArg(k, i, sizeof(cl_mem), &args[i]));
	REQUIRE_OK(clEnqueueNDRangeKernel(env.queue, k, 1, NULL, &global, NULL, 0, NULL, NULL));
	REQUIRE_OK(clFinish(env.queue));
	clReleaseKernel(k);
}

static void *readback(cl_mem m, size_t size) {
	void *p = malloc(size);
	REQUIRE_OK(clEnqueueReadBuffer(env.queue, m, CL_TRUE, 0, size, p, 0, NULL, NULL));
	clReleaseMemObject(m);
	return p;
}

/* ---- judging ---- */

typedef struct {
	const char *name;
	int width; /* 1: scalar */
	double maxerr;
	int bad;
	int either_zero; /* ±0 both right for a zero result (fmax(-0, +0) …) */
} tally;

static void judge(tally *t, int idx, hbits x, hbits y, hbits got, LD ref, double bound) {
	double err;
	if (t->either_zero && ref == 0 && hval(got) == 0) {
		err = 0;
	} else if (bound == 0) { /* exact: the correctly rounded value (any NaN for NaN) */
		hbits want = ref_half(ref, RTE);
		err = (got == want || (isnan(ref) && isnan(hval(got)))) ? 0 : INFINITY;
	} else {
		err = ulp_err(got, ref);
	}
	if (err > t->maxerr) t->maxerr = err;
	if (!(err <= bound) && t->bad++ < 4)
		fprintf(stderr, "%s (width %d) [%d]: x=0x%04x y=0x%04x got 0x%04x (%Lg), want %Lg (%.2f ulp, bound %g)\n",
			t->name, t->width, idx, x, y, got, hval(got), ref, err, bound);
}

static void close_tally(tally *t) {
	CHECK(t->bad == 0);
	if (getenv("GOCL_TEST_VERBOSE")) printf("%-12s width %2d: max %.3f ulp\n", t->name, t->width, t->maxerr);
}

/* ---- the functions ---- */

static LD r_maxmag(LD x, LD y) { return fabsl(x) > fabsl(y) ? x : fabsl(y) > fabsl(x) ? y : fmaxl(x, y); }
static LD r_minmag(LD x, LD y) { return fabsl(x) < fabsl(y) ? x : fabsl(y) < fabsl(x) ? y : fminl(x, y); }
/* nextafter on the half grid */
static LD r_nextafter(LD x, LD y) {
	if (isnan(x) || isnan(y)) return NAN;
	if (x == y) return y;
	hbits b = ref_half(x, RTE);
	if (x == 0) b = signbit(y) ? 0x8001 : 0x0001;
	else b = ((x < y) == (x > 0)) ? b + 1 : b - 1;
	return hval(b);
}
static LD r_lgamma_pos(LD x) { return lgammal(x); }

typedef struct {
	const char *name;
	double ulps; /* 0: exact */
	int either_zero;
	LD (*f1)(LD);
	LD (*f2)(LD, LD);
	LD (*fi)(LD, int);
} fn;

static const fn unary[] = {
	{"acos", 2, .f1 = acosl}, {"acosh", 2, .f1 = acoshl}, {"acospi", 2, .f1 = r_acospi}, {"asin", 2, .f1 = asinl}, {"asinh", 2, .f1 = asinhl},
	{"asinpi", 2, .f1 = r_asinpi}, {"atan", 2, .f1 = atanl}, {"atanh", 2, .f1 = atanhl}, {"atanpi", 2, .f1 = r_atanpi},
	{"cbrt", 2, .f1 = cbrtl}, {"ceil", 0, .f1 = ceill}, {"cos", 2, .f1 = cosl}, {"cosh", 2, .f1 = coshl}, {"cospi", 2, .f1 = r_cospi},
	{"erf", 4, .f1 = erfl}, {"erfc", 4, .f1 = erfcl}, {"exp", 2, .f1 = expl}, {"exp2", 2, .f1 = exp2l}, {"exp10", 2, .f1 = r_exp10},
	{"expm1", 2, .f1 = expm1l}, {"fabs", 0, .f1 = fabsl}, {"floor", 0, .f1 = floorl}, {"log", 2, .f1 = logl}, {"log2", 2, .f1 = log2l},
	{"log10", 2, .f1 = log10l}, {"log1p", 2, .f1 = log1pl}, {"logb", 0, .f1 = logbl}, {"rint", 0, .f1 = rintl}, {"round", 0, .f1 = roundl},
	{"rsqrt", 1, .f1 = r_rsqrt}, {"sin", 2, .f1 = sinl}, {"sinh", 2, .f1 = sinhl}, {"sinpi", 2, .f1 = r_sinpi}, {"sqrt", 0, .f1 = sqrtl},
	{"tan", 2, .f1 = tanl}, {"tanh", 2, .f1 = tanhl}, {"tanpi", 2, .f1 = r_tanpi}, {"tgamma", 4, .f1 = tgammal}, {"trunc", 0, .f1 = truncl},
	{"lgamma", 4, .f1 = r_lgamma_pos},
};
#define NUNARY ((int)(sizeof unary / sizeof unary[0]))

static const fn binary[] = {
	{"atan2", 2, .f2 = atan2l}, {"atan2pi", 2, .f2 = r_atan2pi}, {"copysign", 0, .f2 = copysignl},
	{"fdim", 0, .f2 = fdiml}, {"fmax", 0, 1, .f2 = fmaxl}, {"fmin", 0, 1, .f2 = fminl}, {"fmod", 0, .f2 = fmodl},
	{"hypot", 2, .f2 = hypotl}, {"maxmag", 0, 1, .f2 = r_maxmag}, {"minmag", 0, 1, .f2 = r_minmag},
	{"pow", 4, .f2 = powl}, {"powr", 4, .f2 = r_powr}, {"remainder", 0, .f2 = remainderl},
	{"nextafter", 0, .f2 = r_nextafter},
	{"pown", 4, .fi = r_pown}, {"rootn", 4, .fi = r_rootn}, {"ldexp", 0, .fi = ldexpl},
};
#define NBINARY ((int)(sizeof binary / sizeof binary[0]))

/* lgamma's zeros (near 1 and 2, and between the poles below 0) have no
 * relative bound worth the name: there an absolute error of 2^-10 is also
 * accepted (the specification leaves lgamma's half error undefined). */
static int lgamma_absolute_ok(hbits got, LD ref) { return fabsl(hval(got) - ref) <= 0x1p-10L; }

static LD ref1(const fn *f, hbits x) { return f->f1(hval(x)); }
static LD ref2(const fn *f, hbits x, hbits y, int k) { return f->f2 ? f->f2(hval(x), hval(y)) : f->fi(hval(x), k); }

/* ---- the program ---- */

static char *source(void) {
	static char s[1 << 16];
	int o = 0;
#define OUT(...) o += snprintf(s + o, sizeof s - o, __VA_ARGS__)
	OUT("#pragma OPENCL EXTENSION cl_khr_fp16 : enable\n#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n");
	OUT("#define UNARY(M)");
	for (int i = 0; i < NUNARY; i++) OUT(" M(%d, %s, %d)", i, unary[i].name, widths[i % WIDTHS]);
	OUT("\n#define BINARY(M)");
	for (int i = 0; i < NBINARY; i++)
		OUT(" M(%d, %s, %s, %d)", i, binary[i].name, binary[i].f2 ? "y" : "k", widths[i % WIDTHS]);
	OUT("\n#define CVT_INT(M)");
	static const char *ints[] = { "char", "uchar", "short", "ushort", "int", "uint", "long", "ulong" };
	int c = 0;
	for (int t = 0; t < 8; t++)
		for (int sat = 0; sat < 2; sat++)
			for (int r = -1; r < 4; r++)
				OUT(" M(%d, %s, %s%s)", c++, ints[t], sat ? "_sat" : "", r < 0 ? "" : rnames[r]);
	OUT("\n");
#undef OUT
	strcat(s,
		/* one-argument functions: scalars over all halves, and one vector
		 * width each (every width in several functions) over NV of them */
		"kernel void unary(global const half *x, global half *o) {"
		"  size_t i = get_global_id(0), n = get_global_size(0); half v = x[i];\n"
		"#define S1(k, F, W) o[k * n + i] = F(v);\n"
		"  UNARY(S1) }\n"
		"#define VW(k, F, W, ARGS) for (int j = 0; j < 48; j += W) vstore##W(F ARGS(W), 0, o + k * n + g + j);\n"
		"kernel void unary_vec(global const half *x, global half *o) {"
		"  size_t g = get_global_id(0) * 48, n = get_global_size(0) * 48;\n"
		"#define A1(W) (vload##W(0, x + g + j))\n"
		"#define V1(k, F, W) VW(k, F, W, A1)\n"
		"  UNARY(V1) }\n"
		/* two arguments (or a half and an int) */
		"kernel void binary(global const half *x, global const half *y, global const int *k, global half *o) {"
		"  size_t i = get_global_id(0), n = get_global_size(0);\n"
		"#define S2(j, F, B, W) o[j * n + i] = F(x[i], B[i]);\n"
		"  BINARY(S2) }\n"
		"kernel void binary_vec(global const half *x, global const half *y, global const int *k, global half *o) {"
		"  size_t g = get_global_id(0) * 48, n = get_global_size(0) * 48;\n"
		"#define A2y(W) (vload##W(0, x + g + j), vload##W(0, y + g + j))\n"
		"#define A2k(W) (vload##W(0, x + g + j), vload##W(0, k + g + j))\n"
		"#define V2(i, F, B, W) VW(i, F, W, A2##B)\n"
		"  BINARY(V2) }\n"
		/* fma, mad, arithmetic: 0 fma, 1 mad, 2 +, 3 -, 4 *, 5 / */
		"#define ARITH(T, a, b, c, o) o[0] = fma(a, b, c); o[1] = mad(a, b, c); o[2] = a + b; o[3] = a - b; o[4] = a * b; o[5] = a / b;\n"
		"kernel void arith(global const half *x, global const half *y, global const half *z, global half *o) {"
		"  size_t i = get_global_id(0), n = get_global_size(0); half r[6];"
		"  ARITH(half, x[i], y[i], z[i], r) for (int j = 0; j < 6; j++) o[j * n + i] = r[j]; }\n"
		"kernel void arith_vec(global const half *x, global const half *y, global const half *z, global half *o) {"
		"  size_t i = get_global_id(0), n = get_global_size(0) * 16; half16 r[6];"
		"  ARITH(half16, vload16(i, x), vload16(i, y), vload16(i, z), r)"
		"  for (int j = 0; j < 6; j++) vstore16(r[j], i, o + j * n);"
		"  half3 r3[6]; ARITH(half3, vload3(i, x), vload3(i, y), vload3(i, z), r3)"
		"  for (int j = 0; j < 6; j++) vstore3(r3[j], i, o + (6 + j) * n); }\n"
		/* second results through pointers (private in CL1.2, generic in CL3.0):
		 * o: frexp, modf, modf's integral part, fract, fract's floor, sincos,
		 * its cosine, remquo, lgamma_r; oi: frexp's exponent, remquo's
		 * quotient, lgamma_r's sign, ilogb */
		"kernel void pointers(global const half *x, global const half *y, global half *o, global int *oi) {"
		"  size_t i = get_global_id(0), n = get_global_size(0); half a = x[i], b = y[i], h; int e;"
		"  o[i] = frexp(a, &e); oi[i] = e;"
		"  o[n + i] = modf(a, &h); o[2 * n + i] = h;"
		"  o[3 * n + i] = fract(a, &h); o[4 * n + i] = h;"
		"  o[5 * n + i] = sincos(a, &h); o[6 * n + i] = h;"
		"  o[7 * n + i] = remquo(a, b, &e); oi[n + i] = e;"
		"  o[8 * n + i] = lgamma_r(a, &e); oi[2 * n + i] = e;"
		"  oi[3 * n + i] = ilogb(a);"
		"  half4 h4; int4 e4; vstore4(fract(vload4(0, x + (i & ~3)), &h4), 0, o + 9 * n + (i & ~3));"
		"  vstore4(frexp(vload4(0, x + (i & ~3)), &e4), 0, o + 10 * n + (i & ~3));"
		"  o[11 * n + i] = nan((ushort)i); }\n"
		/* conversions from half to integers, every rounding and _sat; vector forms of a few */
		"kernel void from_half(global const half *x, global long *o, global long *ov) {"
		"  size_t i = get_global_id(0), n = get_global_size(0);\n"
		"#define C1(j, T, S) o[j * n + i] = convert_##T##S(x[i]);\n"
		"  CVT_INT(C1)"
		"  if (i % 16 == 0) {"
		"    int16 a = convert_int16_sat_rte(vload16(0, x + i)); uchar8 b = convert_uchar8_sat_rtn(vload8(0, x + i));"
		"    long3 c = convert_long3_rtp(vload3(0, x + i)); short2 d = convert_short2_sat(vload2(0, x + i));"
		"    for (int j = 0; j < 16; j++) ov[i + j] = a[j];"
		"    for (int j = 0; j < 8; j++) ov[n + i + j] = b[j];"
		"    for (int j = 0; j < 3; j++) ov[2 * n + i + j] = c[j];"
		"    for (int j = 0; j < 2; j++) ov[3 * n + i + j] = d[j]; } }\n"
		/* conversions to half: from float, double, int, uint, long, ulong, short, char
		 * with the default rounding and each mode (5 each); vector forms at 40 … */
		"#define TO(j, S, V) o[(j) * n + i] = as_ushort(convert_half(V)); o[(j + 1) * n + i] = as_ushort(convert_half_rte(V));"
		"  o[(j + 2) * n + i] = as_ushort(convert_half_rtz(V)); o[(j + 3) * n + i] = as_ushort(convert_half_rtp(V));"
		"  o[(j + 4) * n + i] = as_ushort(convert_half_rtn(V));\n"
		"kernel void to_half(global const float *f, global const double *d, global const long *l, global ushort *o) {"
		"  size_t i = get_global_id(0), n = get_global_size(0); long v = l[i];"
		"  TO(0, float, f[i]) TO(5, double, d[i]) TO(10, int, (int)v) TO(15, uint, (uint)v) TO(20, long, v)"
		"  TO(25, ulong, (ulong)v) TO(30, short, (short)v) TO(35, char, (char)v)"
		"  if (i % 16 == 0) {"
		"    ushort16 a = as_ushort16(convert_half16_rtz(vload16(0, f + i)));"
		"    ushort8 b = as_ushort8(convert_half8_rtp(vload8(0, d + i)));"
		"    ushort3 c = as_ushort3(convert_half3_rtn(vload3(0, l + i)));"
		"    ushort4 e = as_ushort4(convert_half4(convert_uint4(vload4(0, l + i))));"
		"    for (int j = 0; j < 16; j++) o[40 * n + i + j] = a[j];"
		"    for (int j = 0; j < 8; j++) o[41 * n + i + j] = b[j];"
		"    for (int j = 0; j < 3; j++) o[42 * n + i + j] = c[j];"
		"    for (int j = 0; j < 4; j++) o[43 * n + i + j] = e[j]; } }\n"
		/* relational: scalars (int 1/0) and half8 (short -1/0), select and bitselect */
		"#define REL(M) M(0, isequal(a, b)) M(1, isnotequal(a, b)) M(2, isgreater(a, b)) M(3, isgreaterequal(a, b))"
		"  M(4, isless(a, b)) M(5, islessequal(a, b)) M(6, islessgreater(a, b)) M(7, isordered(a, b))"
		"  M(8, isunordered(a, b)) M(9, isfinite(a)) M(10, isinf(a)) M(11, isnan(a)) M(12, isnormal(a)) M(13, signbit(a))\n"
		"kernel void relational(global const half *x, global const half *y, global int *o, global short *ov, global half *os) {"
		"  size_t i = get_global_id(0), n = get_global_size(0);"
		"  { half a = x[i], b = y[i];\n"
		"#define R1(j, E) o[j * n + i] = E;\n"
		"    REL(R1) }"
		"  if (i % 8 == 0) { half8 a = vload8(0, x + i), b = vload8(0, y + i); short8 r;\n"
		"#define R8(j, E) r = E; vstore8(r, 0, ov + j * n + i);\n"
		"    REL(R8)"
		"    vstore8(select(a, b, isless(a, b)), 0, os + i);"
		"    vstore8(bitselect(a, b, as_half8((ushort8)0x8000)), 0, os + n + i); }"
		"  os[2 * n + i] = select(x[i], y[i], (short)(i & 1)); }\n"
		/* common and geometric, on inputs of moderate size */
		"kernel void common(global const half *x, global const half *y, global const half *z, global half *o) {"
		"  size_t i = get_global_id(0), n = get_global_size(0); half a = x[i], b = y[i], c = z[i];"
		"  o[i] = clamp(a, fmin(b, c), fmax(b, c)); o[n + i] = degrees(a); o[2 * n + i] = radians(a);"
		"  o[3 * n + i] = max(a, b); o[4 * n + i] = min(a, b); o[5 * n + i] = mix(a, b, fabs(c) / (half)16);"
		"  o[6 * n + i] = step(a, b); o[7 * n + i] = smoothstep(fmin(b, c), fmax(b, c), a); o[8 * n + i] = sign(a);"
		"  if (i % 4 == 0) {"
		"    half4 p = vload4(0, x + i), q = vload4(0, y + i);"
		"    o[9 * n + i] = dot(p, q); o[9 * n + i + 1] = dot(p.xyz, q.xyz); o[9 * n + i + 2] = dot(p.xy, q.xy);"
		"    o[9 * n + i + 3] = dot(p.x, q.x);"
		"    o[10 * n + i] = length(p); o[10 * n + i + 1] = length(p.xyz); o[10 * n + i + 2] = distance(p.xy, q.xy);"
		"    o[10 * n + i + 3] = distance(p, q);"
		"    vstore4(normalize(p), 0, o + 11 * n + i); vstore3(cross(p.xyz, q.xyz), 0, o + 12 * n + i);"
		"    vstore4(clamp(p, (half)-1, (half)1), 0, o + 13 * n + i); } }\n"
		/* half and half8 arguments by value, __local half */
		"kernel void args(half a, half8 v, global half *o, local half *l) {"
		"  size_t i = get_global_id(0), li = get_local_id(0); l[li] = a * (half)i; barrier(CLK_LOCAL_MEM_FENCE);"
		"  o[i] = l[(li + 1) % get_local_size(0)] + v[i % 8]; }\n");
	return s;
}

/* ---- the checks ---- */

static hbits *hx, *hy, *hz;
static int *hk;

/* results got[i] of F at x[i], i < count, in vector width w (1: scalar) */
static void judge_unary(const fn *F, int w, const hbits *x, const hbits *got, int count) {
	int lg = !strcmp(F->name, "lgamma");
	tally t = { F->name, w, 0, 0 };
	for (int i = 0; i < count; i++) {
		LD ref = ref1(F, x[i]);
		if (!(lg && lgamma_absolute_ok(got[i], ref)))
			judge(&t, i, x[i], 0, got[i], ref, F->ulps);
	}
	close_tally(&t);
}

static void check_unary(void) {
	cl_mem x = buf(N * 2, hx), o = buf((size_t)NUNARY * N * 2, NULL);
	run(prog12, "unary", N, 2, (cl_mem[]){x, o});
	hbits *r = readback(o, (size_t)NUNARY * N * 2);
	/* vector forms: NV inputs spread over all halves */
	hbits *xv = malloc(NV * 2);
	for (int i = 0; i < NV; i++) xv[i] = hx[(i * 13 + 7) % N];
	cl_mem xvm = buf(NV * 2, xv), ovm = buf((size_t)NUNARY * NV * 2, NULL);
	run(prog12, "unary_vec", NV / 48, 2, (cl_mem[]){xvm, ovm});
	hbits *rv = readback(ovm, (size_t)NUNARY * NV * 2);
	clReleaseMemObject(x);
	clReleaseMemObject(xvm);
	for (int f = 0; f < NUNARY; f++) {
		judge_unary(&unary[f], 1, hx, r + (size_t)f * N, N);
		judge_unary(&unary[f], widths[f % WIDTHS], xv, rv + (size_t)f * NV, NV);
	}
	free(r), free(rv), free(xv);
}

static void check_binary(void) {
	cl_mem x = buf(N * 2, hx), y = buf(N * 2, hy), k = buf(N * 4, hk);
	cl_mem o = buf((size_t)NBINARY * N * 2, NULL), ov = buf((size_t)NBINARY * NV * 2, NULL);
	run(prog12, "binary", N, 4, (cl_mem[]){x, y, k, o});
	run(prog12, "binary_vec", NV / 48, 4, (cl_mem[]){x, y, k, ov});
	hbits *r = readback(o, (size_t)NBINARY * N * 2), *rv = readback(ov, (size_t)NBINARY * NV * 2);
	clReleaseMemObject(x), clReleaseMemObject(y), clReleaseMemObject(k);
	for (int f = 0; f < NBINARY; f++) {
		const fn *F = &binary[f];
		tally t = { F->name, 1, 0, 0, F->either_zero };
		for (int i = 0; i < N; i++)
			judge(&t, i, hx[i], hy[i], r[(size_t)f * N + i], ref2(F, hx[i], hy[i], hk[i]), F->ulps);
		close_tally(&t);
		tally tv = { F->name, widths[f % WIDTHS], 0, 0, F->either_zero };
		for (int i = 0; i < NV; i++)
			judge(&tv, i, hx[i], hy[i], rv[(size_t)f * NV + i], ref2(F, hx[i], hy[i], hk[i]), F->ulps);
		close_tally(&tv);
	}
	free(r), free(rv);
}

/* fma exactly: a·b is exact in long double and a·b + c has at most one
 * rounding there, which cannot move it across a half rounding boundary. */
static LD ref_arith(int op, hbits a, hbits b, hbits c) {
	LD x = hval(a), y = hval(b), z = hval(c);
	switch (op) {
	case 0: case 1: return x * y + z;
	case 2: return x + y;
	case 3: return x - y;
	case 4: return x * y;
	default: return x / y;
	}
}

static void check_arith(void) {
	static const char *names[] = { "fma", "mad", "+", "-", "*", "/" };
	cl_mem x = buf(N * 2, hx), y = buf(N * 2, hy), z = buf(N * 2, hz);
	cl_mem o = buf(6 * N * 2, NULL), ov = buf(12 * N * 2, NULL);
	run(prog12, "arith", N, 4, (cl_mem[]){x, y, z, o});
	run(prog12, "arith_vec", N / 16, 4, (cl_mem[]){x, y, z, ov});
	hbits *r = readback(o, 6 * N * 2), *rv = readback(ov, 12 * N * 2);
	clReleaseMemObject(x), clReleaseMemObject(y), clReleaseMemObject(z);
	for (int op = 0; op < 6; op++) {
		/* mad may be computed any way: within 1 ulp of fma here */
		double bound = op == 1 ? 1 : 0;
		tally t = { names[op], 1, 0, 0 }, t16 = { names[op], 16, 0, 0 }, t3 = { names[op], 3, 0, 0 };
		for (int i = 0; i < N; i++) {
			LD ref = ref_arith(op, hx[i], hy[i], hz[i]);
			judge(&t, i, hx[i], hy[i], r[op * N + i], ref, bound);
			judge(&t16, i, hx[i], hy[i], rv[op * N + i], ref, bound);
			if (i < N / 16 * 3)
				judge(&t3, i, hx[i], hy[i], rv[(6 + op) * N + i], ref, bound);
		}
		close_tally(&t), close_tally(&t16), close_tally(&t3);
	}
	free(r), free(rv);
}

static void check_args(void) {
	cl_int err;
	cl_kernel k = clCreateKernel(prog12, "args", &err);
	REQUIRE_OK(err);
	hbits a = 0x3e00, v[8], out[64]; /* 1.5; 1 … 8 */
	for (int j = 0; j < 8; j++) v[j] = ref_half(j + 1, RTE);
	cl_mem o = buf(sizeof out, NULL);
	CHECK_OK(clSetKernelArg(k, 0, 2, &a));
	CHECK_OK(clSetKernelArg(k, 1, 16, v));
	CHECK_OK(clSetKernelArg(k, 2, sizeof o, &o));
	CHECK_OK(clSetKernelArg(k, 3, 16 * 2, NULL));
	size_t global = 64, local = 16;
	REQUIRE_OK(clEnqueueNDRangeKernel(env.queue, k, 1, NULL, &global, &local, 0, NULL, NULL));
	REQUIRE_OK(clEnqueueReadBuffer(env.queue, o, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	int bad = 0;
	for (int i = 0; i < 64; i++) {
		int next_item = i / 16 * 16 + (i % 16 + 1) % 16;
		bad += out[i] != ref_half(1.5L * next_item + (i % 8 + 1), RTE);
	}
	CHECK(bad == 0);
	clReleaseMemObject(o);
	clReleaseKernel(k);
}

static int same_half(hbits got, LD want) {
	return isnan(want) ? isnan(hval(got)) : got == ref_half(want, RTE);
}

static void check_pointers(cl_program p, const char *std) {
	cl_mem x = buf(N * 2, hx), y = buf(N * 2, hy), o = buf(12 * N * 2, NULL), oi = buf(4 * N * 4, NULL);
	run(p, "pointers", N, 4, (cl_mem[]){x, y, o, oi});
	hbits *r = readback(o, 12 * N * 2);
	int *ri = readback(oi, 4 * N * 4);
	clReleaseMemObject(x), clReleaseMemObject(y);
	int bad[12] = {0};
	const char *what[12] = { "frexp", "modf", "fract", "sincos", "remquo", "lgamma_r sign", "ilogb", "fract (half4)",
		"frexp (half4)", "nan", "lgamma_r", "sincos cos" };
	for (int i = 0; i < N; i++) {
		LD a = hval(hx[i]), b = hval(hy[i]);
		int e = 0;
		LD m = frexpl(a, &e);
		if (isinf(a) || isnan(a) || a == 0) e = 0;
		bad[0] += !same_half(r[i], m) || (!isnan(a) && !isinf(a) && ri[i] != e);
		bad[8] += !same_half(r[10 * N + i], m);
		LD ip, fr = modfl(a, &ip);
		bad[1] += !same_half(r[N + i], fr) || !same_half(r[2 * N + i], ip);
		/* fract: min(x - floor(x), the largest half below 1), ±0 for ±inf */
		LD fl = floorl(a), want = isinf(a) ? copysignl(0, a) : fminl(a - fl, 0x1.ffcp-1L);
		if (a == 0 || isnan(a)) want = a;
		bad[2] += !same_half(r[3 * N + i], want) || !same_half(r[4 * N + i], fl);
		bad[7] += !same_half(r[9 * N + i], want);
		bad[3] += !(ulp_err(r[5 * N + i], sinl(a)) <= 2);
		bad[11] += !(ulp_err(r[6 * N + i], cosl(a)) <= 2);
		/* remquo: the remainder exactly, and 7 quotient bits with the quotient's sign */
		LD rem = remainderl(a, b);
		bad[4] += !same_half(r[7 * N + i], rem);
		if (!isnan(rem) && !isinf(b) && b != 0) {
			LD q = rintl((a - rem) / b);
			int qb = (int)fmodl(fabsl(q), 128);
			if ((ri[N + i] & 0x7f) != ((signbit(q) ? -qb : qb) & 0x7f) || (qb && (ri[N + i] < 0) != (q < 0)))
				bad[4]++;
		}
		/* lgamma_r: the value as lgamma, the sign of gamma (0 at the poles) */
		LD lg = lgammal(a);
		if (!(ulp_err(r[8 * N + i], lg) <= 4 || lgamma_absolute_ok(r[8 * N + i], lg))) bad[10]++;
		if (a > 0 && !isinf(a) && ri[2 * N + i] != 1) bad[5]++;
		if (a < 0 && a != floorl(a) && !isinf(a) && ri[2 * N + i] != (fmodl(floorl(a), 2) == 0 ? 1 : -1)) bad[5]++;
		int il = a == 0 ? INT_MIN : (isnan(a) || isinf(a)) ? INT_MAX : ilogbl(a); /* OpenCL C's FP_ILOGB0, FP_ILOGBNAN */
		bad[6] += ri[3 * N + i] != il;
		hbits nb = r[11 * N + i];
		bad[9] += !isnan(hval(nb));
	}
	for (int j = 0; j < 12; j++) {
		if (bad[j]) fprintf(stderr, "%s (%s): %d wrong\n", what[j], std, bad[j]);
		CHECK(bad[j] == 0);
	}
	free(r), free(ri);
}

/* integer reference of a conversion from half: NaN and out-of-range
 * results are implementation-defined without _sat (skipped: returns 0) */
static int ref_from_half(LD v, int type, int sat, int r, long double *out) {
	static const LD lo[] = { -128, 0, -32768, 0, -2147483648.0L, 0, -9223372036854775808.0L, 0 };
	static const LD hi[] = { 127, 255, 32767, 65535, 2147483647.0L, 4294967295.0L, 9223372036854775807.0L,
		18446744073709551615.0L };
	if (isnan(v)) { *out = 0; return sat; }
	LD y = r == RTE ? rintl(v) : r == RTP ? ceill(v) : r == RTN ? floorl(v) : truncl(v);
	if (y < lo[type] || y > hi[type]) {
		if (!sat) return 0;
		y = y < lo[type] ? lo[type] : hi[type];
	}
	*out = y;
	return 1;
}

static LD as_type(int64_t bits, int type) {
	return type == 7 ? (LD)(uint64_t)bits : (LD)bits;
}

static void check_from_half(void) {
	enum { NC = 80 };
	cl_mem x = buf(N * 2, hx), o = buf((size_t)NC * N * 8, NULL), ov = buf(4 * N * 8, NULL);
	run(prog12, "from_half", N, 3, (cl_mem[]){x, o, ov});
	int64_t *r = readback(o, (size_t)NC * N * 8), *rv = readback(ov, 4 * N * 8);
	clReleaseMemObject(x);
	int bad = 0, c = 0;
	for (int t = 0; t < 8; t++)
		for (int sat = 0; sat < 2; sat++)
			for (int rm = -1; rm < 4; rm++, c++)
				for (int i = 0; i < N; i++) {
					LD want;
					if (ref_from_half(hval(hx[i]), t, sat, rm < 0 ? RTZ : rm, &want) &&
						as_type(r[(size_t)c * N + i], t) != want && bad++ < 4)
						fprintf(stderr, "conversion %d of 0x%04x: got %Lg want %Lg\n", c, hx[i],
							as_type(r[(size_t)c * N + i], t), want);
				}
	/* the vector forms: int16 sat rte, uchar8 sat rtn, long3 rtp, short2 sat (rtz) */
	static const int vt[4] = { 4, 1, 6, 2 }, vsat[4] = { 1, 1, 0, 1 }, vr[4] = { RTE, RTN, RTP, RTZ }, vw[4] = { 16, 8, 3, 2 };
	for (int v = 0; v < 4; v++)
		for (int i = 0; i < N; i++) {
			LD want;
			if (i % 16 < vw[v] && ref_from_half(hval(hx[i]), vt[v], vsat[v], vr[v], &want) &&
				as_type(rv[(size_t)v * N + i], vt[v]) != want && bad++ < 8)
				fprintf(stderr, "vector conversion %d of 0x%04x: got %Lg want %Lg\n", v, hx[i],
					as_type(rv[(size_t)v * N + i], vt[v]), want);
		}
	CHECK(bad == 0);
	free(r), free(rv);
}

/* Inputs to half conversions: values on, between and around the halves
 * (exact midpoints, and doubles just off a midpoint that round to the
 * midpoint in float), beyond the range, tiny, NaN and infinities. */
static void check_to_half(void) {
	float *f = malloc(N * sizeof *f);
	double *d = malloc(N * sizeof *d);
	int64_t *l = malloc(N * sizeof *l);
	for (int i = 0; i < N; i++) {
		hbits h = (hbits)(i & 0x7bff) | ((i & 1) << 15);
		LD v = hval(h), up = hval(h + 1), mid = (v + up) / 2;
		switch (i % 8) {
		case 0: f[i] = (float)v, d[i] = (double)v; break;
		case 1: f[i] = (float)mid, d[i] = (double)mid; break;
		case 2: f[i] = nextafterf((float)mid, 0), d[i] = (double)mid * (1 + 0x1p-40); break;
		case 3: f[i] = nextafterf((float)mid, INFINITY), d[i] = (double)mid * (1 - 0x1p-40); break;
		case 4: { uint32_t u = (uint32_t)next(); memcpy(&f[i], &u, 4); uint64_t b = next(); memcpy(&d[i], &b, 8); break; }
		case 5: f[i] = (float)(v + (up - v) * (next() % 1000) / 1000), d[i] = ldexp((double)(next() % 100000), (int)(next() % 60) - 40); break;
		case 6: f[i] = (float[]){NAN, INFINITY, -INFINITY, 65504, 65519.99f, 65520, 1e10f, 1e-30f}[i / 8 % 8];
			d[i] = (double[]){NAN, INFINITY, -INFINITY, 65520, -65519.999999, 65536, 1e300, 0x1p-25}[i / 8 % 8]; break;
		default: f[i] = -(float)mid, d[i] = -(double)mid * (1 - 0x1p-45); break;
		}
		if (i & 2) d[i] = -d[i];
		switch (i % 4) {
		case 0: l[i] = (int64_t)next(); break;
		case 1: l[i] = (int64_t)(next() % 300000) - 150000; break;
		case 2: l[i] = (int64_t)(next() % 4096) - 2048; break;
		default: l[i] = (int64_t)(next() >> (next() % 64)); break;
		}
	}
	cl_mem fm = buf(N * 4, f), dm = buf(N * 8, d), lm = buf(N * 8, l), o = buf(44 * N * 2, NULL);
	run(prog12, "to_half", N, 4, (cl_mem[]){fm, dm, lm, o});
	hbits *r = readback(o, 44 * N * 2);
	clReleaseMemObject(fm), clReleaseMemObject(dm), clReleaseMemObject(lm);
	int bad = 0;
	for (int i = 0; i < N; i++) {
		int64_t v = l[i];
		LD src[8] = { f[i], d[i], (int32_t)v, (uint32_t)v, v, (LD)(uint64_t)v, (int16_t)v, (int8_t)v };
		for (int s = 0; s < 8; s++)
			for (int m = 0; m < 5; m++) {
				hbits want = ref_half(src[s], m == 0 ? RTE : m - 1), got = r[(s * 5 + m) * N + i];
				if (got != want && !(isnan(src[s]) && isnan(hval(got))) && bad++ < 8)
					fprintf(stderr, "to half: source %d mode %d: %La: got 0x%04x want 0x%04x\n", s, m, src[s], got, want);
			}
		/* vectors: float16 rtz, double8 rtp, long3 rtn, uint4 */
		LD vsrc[4] = { f[i], d[i], v, (uint32_t)v };
		static const int vm[4] = { RTZ, RTP, RTN, RTE }, vw[4] = { 16, 8, 3, 4 };
		for (int k = 0; k < 4; k++) {
			hbits want = ref_half(vsrc[k], vm[k]), got = r[(40 + k) * N + i];
			if (i % 16 < vw[k] && got != want && !(isnan(vsrc[k]) && isnan(hval(got))) && bad++ < 8)
				fprintf(stderr, "to half (vector %d): %La: got 0x%04x want 0x%04x\n", k, vsrc[k], got, want);
		}
	}
	CHECK(bad == 0);
	free(r), free(f), free(d), free(l);
}

static void check_relational(void) {
	cl_mem x = buf(N * 2, hx), y = buf(N * 2, hy), o = buf(14 * N * 4, NULL), ov = buf(14 * N * 2, NULL);
	cl_mem os = buf(3 * N * 2, NULL);
	run(prog12, "relational", N, 5, (cl_mem[]){x, y, o, ov, os});
	int *r = readback(o, 14 * N * 4);
	int16_t *rv = readback(ov, 14 * N * 2);
	hbits *rs = readback(os, 3 * N * 2);
	clReleaseMemObject(x), clReleaseMemObject(y);
	int bad = 0;
	for (int i = 0; i < N; i++) {
		LD a = hval(hx[i]), b = hval(hy[i]);
		int want[14] = { a == b, a != b, a > b, a >= b, a < b, a <= b, a < b || a > b, !isnan(a) && !isnan(b),
			isnan(a) || isnan(b), isfinite(a), isinf(a) != 0, isnan(a) != 0, isnormal((float)a) && fabsl(a) >= 0x1p-14L,
			(hx[i] & 0x8000) != 0 };
		for (int j = 0; j < 14; j++) {
			if (r[j * N + i] != want[j] && bad++ < 8)
				fprintf(stderr, "relational %d (scalar) of 0x%04x 0x%04x: got %d\n", j, hx[i], hy[i], r[j * N + i]);
			if (rv[j * N + i] != -want[j] && bad++ < 8)
				fprintf(stderr, "relational %d (half8) of 0x%04x 0x%04x: got %d\n", j, hx[i], hy[i], rv[j * N + i]);
		}
		hbits sel = a < b ? hy[i] : hx[i], bsel = (hbits)((hx[i] & 0x7fff) | (hy[i] & 0x8000));
		hbits sels = (i & 1) ? hy[i] : hx[i];
		if ((rs[i] != sel || rs[N + i] != bsel || rs[2 * N + i] != sels) && bad++ < 8)
			fprintf(stderr, "select/bitselect of 0x%04x 0x%04x: got 0x%04x 0x%04x 0x%04x\n", hx[i], hy[i], rs[i],
				rs[N + i], rs[2 * N + i]);
	}
	CHECK(bad == 0);
	free(r), free(rv), free(rs);
}

/* common and geometric functions on moderate inputs (|x| < 16) */
static void check_common(void) {
	hbits *a = malloc(N * 2), *b = malloc(N * 2), *c = malloc(N * 2);
	for (int i = 0; i < N; i++) {
		a[i] = ref_half(((LD)(next() % 32768) - 16384) / 1024, RTE);
		b[i] = ref_half(((LD)(next() % 32768) - 16384) / 1024, RTE);
		c[i] = i < NSPECIAL ? special[i] : ref_half(((LD)(next() % 32768) - 16384) / 1024, RTE);
	}
	cl_mem x = buf(N * 2, a), y = buf(N * 2, b), z = buf(N * 2, c), o = buf(14 * N * 2, NULL);
	run(prog12, "common", N, 4, (cl_mem[]){x, y, z, o});
	hbits *r = readback(o, 14 * N * 2);
	clReleaseMemObject(x), clReleaseMemObject(y), clReleaseMemObject(z);
	tally t[14] = { {"clamp", 1}, {"degrees", 1}, {"radians", 1}, {"max", 1}, {"min", 1}, {"mix", 1}, {"step", 1},
		{"smoothstep", 1}, {"sign", 1}, {"dot", 1}, {"length", 1}, {"normalize", 4}, {"cross", 3}, {"clamp", 4} };
	for (int i = 0; i < N; i++) {
		LD x = hval(a[i]), y = hval(b[i]), z = hval(c[i]);
		LD lo = fminl(y, z), hi = fmaxl(y, z);
		if (!isnan(z)) judge(&t[0], i, a[i], b[i], r[i], fminl(fmaxl(x, lo), hi), 0);
		judge(&t[1], i, a[i], 0, r[N + i], x * (180 / M_PIl), 2);
		judge(&t[2], i, a[i], 0, r[2 * N + i], x * (M_PIl / 180), 2);
		judge(&t[3], i, a[i], b[i], r[3 * N + i], fmaxl(x, y), 0);
		judge(&t[4], i, a[i], b[i], r[4 * N + i], fminl(x, y), 0);
		/* mix and smoothstep are not bounded by the specification: within 2 ulp or 2^-10 here */
		LD w = fabsl(z) / 16, m = x + (y - x) * hval(ref_half(w, RTE));
		if (!isnan(z) && !isinf(z) && !(fabsl(hval(r[5 * N + i]) - m) <= 0x1p-10L)) judge(&t[5], i, a[i], b[i], r[5 * N + i], m, 2);
		judge(&t[6], i, a[i], b[i], r[6 * N + i], y < x ? 0 : 1, 0);
		if (!isnan(z) && !isinf(z) && lo < hi) {
			LD s = fminl(fmaxl((x - lo) / (hi - lo), 0), 1), ss = s * s * (3 - 2 * s);
			if (!(fabsl(hval(r[7 * N + i]) - ss) <= 0x1p-10L)) judge(&t[7], i, a[i], b[i], r[7 * N + i], ss, 2);
		}
		judge(&t[8], i, a[i], 0, r[8 * N + i], x > 0 ? 1 : x < 0 ? -1 : x, 0);
		if (i % 4 == 0) {
			LD p[4], q[4];
			for (int j = 0; j < 4; j++) p[j] = hval(a[i + j]), q[j] = hval(b[i + j]);
			/* dot over 4, 3, 2, 1 components; within 1 ulp plus what cancellation in float may cost */
			for (int n = 4, j = 0; n >= 1; n--, j++) {
				LD s = 0, sa = 0;
				for (int k = 0; k < n; k++) s += p[k] * q[k], sa += fabsl(p[k] * q[k]);
				if (!(fabsl(hval(r[9 * N + i + j]) - s) <= sa * 0x1p-20L)) judge(&t[9], i, a[i], b[i], r[9 * N + i + j], s, 1);
			}
			LD l4 = 0, l3 = 0, d2 = 0, d4 = 0;
			for (int k = 0; k < 4; k++) {
				l4 += p[k] * p[k], d4 += (p[k] - q[k]) * (p[k] - q[k]);
				if (k < 3) l3 += p[k] * p[k];
				if (k < 2) d2 += (p[k] - q[k]) * (p[k] - q[k]);
			}
			judge(&t[10], i, a[i], 0, r[10 * N + i], sqrtl(l4), 1);
			judge(&t[10], i, a[i], 0, r[10 * N + i + 1], sqrtl(l3), 1);
			judge(&t[10], i, a[i], b[i], r[10 * N + i + 2], sqrtl(d2), 1);
			judge(&t[10], i, a[i], b[i], r[10 * N + i + 3], sqrtl(d4), 1);
			for (int k = 0; k < 4 && l4 > 0; k++)
				judge(&t[11], i, a[i], 0, r[11 * N + i + k], p[k] / sqrtl(l4), 2);
			LD cr[3] = { p[1] * q[2] - p[2] * q[1], p[2] * q[0] - p[0] * q[2], p[0] * q[1] - p[1] * q[0] };
			for (int k = 0; k < 3; k++)
				if (!(fabsl(hval(r[12 * N + i + k]) - cr[k]) <= 0x1p-18L * 512))
					judge(&t[12], i, a[i], b[i], r[12 * N + i + k], cr[k], 1);
			for (int k = 0; k < 4; k++)
				judge(&t[13], i, a[i + k], 0, r[13 * N + i + k], fminl(fmaxl(p[k], -1), 1), 0);
		}
	}
	for (int j = 0; j < 14; j++) close_tally(&t[j]);
	free(r), free(a), free(b), free(c);
}

static void check_device(void) {
	char ext[8192] = "";
	CHECK_OK(clGetDeviceInfo(env.device, CL_DEVICE_EXTENSIONS, sizeof ext, ext, NULL));
	CHECK(check_has_word(ext, "cl_khr_fp16"));
	size_t size = 0;
	CHECK_OK(clGetDeviceInfo(env.device, CL_DEVICE_EXTENSIONS_WITH_VERSION, 0, NULL, &size));
	cl_name_version *nv = malloc(size);
	CHECK_OK(clGetDeviceInfo(env.device, CL_DEVICE_EXTENSIONS_WITH_VERSION, size, nv, NULL));
	int found = 0;
	for (size_t i = 0; i < size / sizeof *nv; i++) found |= !strcmp(nv[i].name, "cl_khr_fp16");
	CHECK(found);
	free(nv);
	CHECK_OK(clGetDeviceInfo(env.device, CL_DEVICE_OPENCL_C_FEATURES, 0, NULL, &size));
	nv = malloc(size);
	CHECK_OK(clGetDeviceInfo(env.device, CL_DEVICE_OPENCL_C_FEATURES, size, nv, NULL));
	found = 0;
	for (size_t i = 0; i < size / sizeof *nv; i++) found |= !strcmp(nv[i].name, "__opencl_c_fp16");
	CHECK(found);
	free(nv);
	cl_device_fp_config cfg = 0;
	CHECK_OK(clGetDeviceInfo(env.device, CL_DEVICE_HALF_FP_CONFIG, sizeof cfg, &cfg, NULL));
	/* the minimum of cl_khr_fp16, and what the test shows: denormals, fma */
	CHECK((cfg & (CL_FP_INF_NAN | CL_FP_ROUND_TO_NEAREST | CL_FP_DENORM | CL_FP_FMA)) ==
		(CL_FP_INF_NAN | CL_FP_ROUND_TO_NEAREST | CL_FP_DENORM | CL_FP_FMA));
	cl_uint w = 0;
	CHECK_OK(clGetDeviceInfo(env.device, CL_DEVICE_PREFERRED_VECTOR_WIDTH_HALF, sizeof w, &w, NULL));
	CHECK(w >= 1 && w <= 16);
	CHECK_OK(clGetDeviceInfo(env.device, CL_DEVICE_NATIVE_VECTOR_WIDTH_HALF, sizeof w, &w, NULL));
	CHECK(w >= 1 && w <= 16);
}

int main(void) {
	env = test_setup();
	check_device();
	/* the extension and feature macros in OpenCL C 3.0 */
	clReleaseProgram(check_build(&env,
		"#if !defined(cl_khr_fp16) || !defined(__opencl_c_fp16)\n#error no fp16\n#endif\n"
		"#pragma OPENCL EXTENSION cl_khr_fp16 : enable\n"
		"kernel void k(global half *p) { p[0] = p[1] * p[2]; }", "-cl-std=CL3.0"));
	const char *src = source();
	prog12 = check_build(&env, src, "");
	prog30 = check_build(&env, src, "-cl-std=CL3.0");
	hx = malloc(N * 2), hy = malloc(N * 2), hz = malloc(N * 2), hk = malloc(N * 4);
	make_pairs(hy, hz, hx, hk); /* hz: random; then x = every half, in order */
	for (int i = 0; i < N; i++) hx[i] = (hbits)i;
	check_unary();
	make_pairs(hx, hy, hz, hk);
	check_binary();
	check_arith();
	for (int i = 0; i < N; i++) hx[i] = (hbits)i;
	check_pointers(prog12, "CL1.2");
	check_pointers(prog30, "CL3.0");
	check_from_half();
	check_to_half();
	make_pairs(hx, hy, hz, hk);
	check_relational();
	check_common();
	check_args();
	clReleaseProgram(prog12);
	clReleaseProgram(prog30);
	test_teardown(&env);
	return check_done();
}
