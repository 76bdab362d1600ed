/* The OpenCL C common, relational and geometric builtins (OpenCL C 3.0
 * "Common Functions", "Relational Functions", "Geometric Functions") for
 * float and double (and every integer type for any, all, bitselect and
 * select): each function runs on the device over arrays of inputs (±0,
 * ±inf, NaN, denormals, extremes and random values of every magnitude) as a
 * scalar and as vectors of 2, 3, 4, 8 and 16 (geometric: 1 to 4), and is
 * compared with the host: exactly where the specification defines the
 * result (relational: 1 / -1 / 0, step, sign, max, min, clamp, select),
 * within the specification's ulp bounds for degrees and radians and within
 * the CTS's bounds for the geometric functions (reference in long double;
 * length, distance and normalize over the whole range: huge and tiny
 * vectors, where the sum of squares overflows or underflows). */
#include "check.h"
#include <float.h>
#include <math.h>

enum { GROUP = 48, ITEMS = 64, E = GROUP * ITEMS, NW = 6 };
static const int widths[NW] = { 1, 2, 3, 4, 8, 16 };
typedef long double LD;

static const char *src =
	/* common: F(x, y, z, xs, ys, zs); results of width widths[w] at o[w·n …] */
	"#define VL(W, WI, F) for (int i = 0; i < 48; i += W) vstore##W(F(vload##W(0, a + g + i), vload##W(0, b + g + i),"
	"  vload##W(0, c + g + i), a[g + i], b[g + i], c[g + i]), 0, o + WI * n + g + i);\n"
	"#define K(NAME, T, F) kernel void NAME(global const T *a, global const T *b, global const T *c, global T *o) {"
	"  size_t g = get_global_id(0) * 48, n = get_global_size(0) * 48;"
	"  for (int i = 0; i < 48; i++) o[g + i] = F(a[g + i], b[g + i], c[g + i], a[g + i], b[g + i], c[g + i]);"
	"  VL(2, 1, F) VL(3, 2, F) VL(4, 3, F) VL(8, 4, F) VL(16, 5, F) }\n"
	"#define F_clamp(x, y, z, xs, ys, zs) clamp(x, y, z)\n"
	"#define F_clamps(x, y, z, xs, ys, zs) clamp(x, ys, zs)\n"
	"#define F_degrees(x, y, z, xs, ys, zs) degrees(x)\n"
	"#define F_radians(x, y, z, xs, ys, zs) radians(x)\n"
	"#define F_max(x, y, z, xs, ys, zs) max(x, y)\n"
	"#define F_maxs(x, y, z, xs, ys, zs) max(x, ys)\n"
	"#define F_min(x, y, z, xs, ys, zs) min(x, y)\n"
	"#define F_mins(x, y, z, xs, ys, zs) min(x, ys)\n"
	"#define F_mix(x, y, z, xs, ys, zs) mix(x, y, z)\n"
	"#define F_mixs(x, y, z, xs, ys, zs) mix(x, y, zs)\n"
	"#define F_step(x, y, z, xs, ys, zs) step(x, y)\n"
	"#define F_steps(x, y, z, xs, ys, zs) step(xs, y)\n"
	"#define F_smoothstep(x, y, z, xs, ys, zs) smoothstep(x, y, z)\n"
	"#define F_smoothsteps(x, y, z, xs, ys, zs) smoothstep(xs, ys, z)\n"
	"#define F_sign(x, y, z, xs, ys, zs) sign(x)\n"
	"#define COMMON(T) K(clamp_##T, T, F_clamp) K(clamps_##T, T, F_clamps) K(degrees_##T, T, F_degrees)"
	"  K(radians_##T, T, F_radians) K(max_##T, T, F_max) K(maxs_##T, T, F_maxs) K(min_##T, T, F_min) K(mins_##T, T, F_mins)"
	"  K(mix_##T, T, F_mix) K(mixs_##T, T, F_mixs) K(step_##T, T, F_step) K(steps_##T, T, F_steps)"
	"  K(smoothstep_##T, T, F_smoothstep) K(smoothsteps_##T, T, F_smoothsteps) K(sign_##T, T, F_sign)\n"
	"COMMON(float) COMMON(double)\n"
	/* relational: scalars to o1 (int), vectors to ov (RT: int or long) */
	"#define VR(W, WI, F) for (int i = 0; i < 48; i += W) vstore##W(F(vload##W(0, a + g + i), vload##W(0, b + g + i)),"
	"  0, ov + WI * n + g + i);\n"
	"#define KR(NAME, T, RT, F) kernel void NAME(global const T *a, global const T *b, global int *o1, global RT *ov) {"
	"  size_t g = get_global_id(0) * 48, n = get_global_size(0) * 48;"
	"  for (int i = 0; i < 48; i++) o1[g + i] = F(a[g + i], b[g + i]);"
	"  VR(2, 0, F) VR(3, 1, F) VR(4, 2, F) VR(8, 3, F) VR(16, 4, F) }\n"
	"#define F_isequal(x, y) isequal(x, y)\n#define F_isnotequal(x, y) isnotequal(x, y)\n"
	"#define F_isgreater(x, y) isgreater(x, y)\n#define F_isgreaterequal(x, y) isgreaterequal(x, y)\n"
	"#define F_isless(x, y) isless(x, y)\n#define F_islessequal(x, y) islessequal(x, y)\n"
	"#define F_islessgreater(x, y) islessgreater(x, y)\n#define F_isfinite(x, y) isfinite(x)\n"
	"#define F_isinf(x, y) isinf(x)\n#define F_isnan(x, y) isnan(x)\n#define F_isnormal(x, y) isnormal(x)\n"
	"#define F_isordered(x, y) isordered(x, y)\n#define F_isunordered(x, y) isunordered(x, y)\n"
	"#define F_signbit(x, y) signbit(x)\n"
	"#define REL(T, RT) KR(isequal_##T, T, RT, F_isequal) KR(isnotequal_##T, T, RT, F_isnotequal)"
	"  KR(isgreater_##T, T, RT, F_isgreater) KR(isgreaterequal_##T, T, RT, F_isgreaterequal) KR(isless_##T, T, RT, F_isless)"
	"  KR(islessequal_##T, T, RT, F_islessequal) KR(islessgreater_##T, T, RT, F_islessgreater)"
	"  KR(isfinite_##T, T, RT, F_isfinite) KR(isinf_##T, T, RT, F_isinf) KR(isnan_##T, T, RT, F_isnan)"
	"  KR(isnormal_##T, T, RT, F_isnormal) KR(isordered_##T, T, RT, F_isordered) KR(isunordered_##T, T, RT, F_isunordered)"
	"  KR(signbit_##T, T, RT, F_signbit)\n"
	"REL(float, int) REL(double, long)\n"
	/* any, all: one int per vector, at the position of its first lane */
	"#define VA(W, WI, F) for (int i = 0; i < 48; i += W) o[WI * n + g + i] = F(vload##W(0, a + g + i));\n"
	"#define KA(T) kernel void anyall_##T(global const T *a, global int *o) {"
	"  size_t g = get_global_id(0) * 48, n = get_global_size(0) * 48;"
	"  for (int i = 0; i < 48; i++) { o[g + i] = any(a[g + i]); o[6 * n + g + i] = all(a[g + i]); }"
	"  VA(2, 1, any) VA(3, 2, any) VA(4, 3, any) VA(8, 4, any) VA(16, 5, any)"
	"  VA(2, 7, all) VA(3, 8, all) VA(4, 9, all) VA(8, 10, all) VA(16, 11, all) }\n"
	"KA(char) KA(short) KA(int) KA(long)\n"
	/* bitselect(a, b, c) and select(a, b, c) with c signed (s) and unsigned (u): o[0..6n), o[6n..12n), o[12n..18n) */
	"#define VS(W, WI, F, off) for (int i = 0; i < 48; i += W) vstore##W(F(vload##W(0, a + g + i), vload##W(0, b + g + i),"
	"  vload##W(0, off + g + i)), 0, o + WI * n + g + i);\n"
	"#define KS(T, IT, UT) kernel void sel_##T(global const T *a, global const T *b, global const T *c, global const IT *cs,"
	"  global const UT *cu, global T *o) {"
	"  size_t g = get_global_id(0) * 48, n = get_global_size(0) * 48;"
	"  for (int i = 0; i < 48; i++) { o[g + i] = bitselect(a[g + i], b[g + i], c[g + i]);"
	"    o[6 * n + g + i] = select(a[g + i], b[g + i], cs[g + i]); o[12 * n + g + i] = select(a[g + i], b[g + i], cu[g + i]); }"
	"  VS(2, 1, bitselect, c) VS(3, 2, bitselect, c) VS(4, 3, bitselect, c) VS(8, 4, bitselect, c) VS(16, 5, bitselect, c)"
	"  VS(2, 7, select, cs) VS(3, 8, select, cs) VS(4, 9, select, cs) VS(8, 10, select, cs) VS(16, 11, select, cs)"
	"  VS(2, 13, select, cu) VS(3, 14, select, cu) VS(4, 15, select, cu) VS(8, 16, select, cu) VS(16, 17, select, cu) }\n"
	"KS(char, char, uchar) KS(uchar, char, uchar) KS(short, short, ushort) KS(ushort, short, ushort)"
	"KS(int, int, uint) KS(uint, int, uint) KS(long, long, ulong) KS(ulong, long, ulong)"
	"KS(float, int, uint) KS(double, long, ulong)\n"
	/* geometric, width N (1 to 4): scalar results to os, vector results to ov */
	"#define LD1(p, i) p[i]\n#define LD2(p, i) vload2(i, p)\n#define LD3(p, i) vload3(i, p)\n#define LD4(p, i) vload4(i, p)\n"
	"#define ST1(v, p, i) p[i] = v\n#define ST2(v, p, i) vstore2(v, i, p)\n#define ST3(v, p, i) vstore3(v, i, p)\n"
	"#define ST4(v, p, i) vstore4(v, i, p)\n"
	"#define KG(T, N) kernel void geom_##T##N(global const T *a, global const T *b, global T *os, global T *ov) {"
	"  size_t i = get_global_id(0), n = get_global_size(0);"
	"  os[i] = dot(LD##N(a, i), LD##N(b, i)); os[n + i] = length(LD##N(a, i)); os[2 * n + i] = distance(LD##N(a, i), LD##N(b, i));"
	"  ST##N(normalize(LD##N(a, i)), ov, i); }\n"
	"#define KF(N) kernel void fast_##N(global const float *a, global const float *b, global float *os, global float *ov) {"
	"  size_t i = get_global_id(0), n = get_global_size(0);"
	"  os[i] = fast_length(LD##N(a, i)); os[n + i] = fast_distance(LD##N(a, i), LD##N(b, i));"
	"  ST##N(fast_normalize(LD##N(a, i)), ov, i); }\n"
	"#define KC(T, N) kernel void cross_##T##N(global const T *a, global const T *b, global T *ov) {"
	"  size_t i = get_global_id(0); ST##N(cross(LD##N(a, i), LD##N(b, i)), ov, i); }\n"
	"KG(float, 1) KG(float, 2) KG(float, 3) KG(float, 4) KG(double, 1) KG(double, 2) KG(double, 3) KG(double, 4)\n"
	"KF(1) KF(2) KF(3) KF(4) KC(float, 3) KC(float, 4) KC(double, 3) KC(double, 4)\n";

static test_env env;
static cl_program prog;
static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }
static double urand(void) { return (next() >> 11) * 0x1p-53; }

/* ---- device helpers ---- */
static cl_mem buffer(size_t size, const void *data) {
	cl_int err;
	cl_mem m = clCreateBuffer(env.context, data ? CL_MEM_COPY_HOST_PTR : CL_MEM_READ_WRITE, size, (void *)data, &err);
	REQUIRE_OK(err);
	return m;
}
/* Runs kernel name on nargs buffers (given as host arrays with sizes; the
 * outputs are read back into theirs) with gs work-items. */
static int run(const char *name, size_t gs, int nargs, void **host, const size_t *sizes, int nout) {
	cl_int err;
	cl_kernel k = clCreateKernel(prog, name, &err);
	CHECK_OK(err);
	if (err) return 0;
	cl_mem m[8];
	for (int i = 0; i < nargs; i++) {
		m[i] = buffer(sizes[i], i < nargs - nout ? host[i] : NULL);
		CHECK_OK(clSetKernelArg(k, i, sizeof m[i], &m[i]));
	}
	CHECK_OK(clEnqueueNDRangeKernel(env.queue, k, 1, NULL, &gs, NULL, 0, NULL, NULL));
	for (int i = nargs - nout; i < nargs; i++)
		CHECK_OK(clEnqueueReadBuffer(env.queue, m[i], CL_TRUE, 0, sizes[i], host[i], 0, NULL, NULL));
	for (int i = 0; i < nargs; i++) clReleaseMemObject(m[i]);
	clReleaseKernel(k);
	return 1;
}

/* Floating-point values of both types, held as double. */
static void store(void *p, int dbl, size_t i, double v) {
	if (dbl) ((double *)p)[i] = v; else ((float *)p)[i] = (float)v;
}
static double load(const void *p, int dbl, size_t i) { return dbl ? ((const double *)p)[i] : ((const float *)p)[i]; }
static double special(int dbl, int k) {
	const double s[] = { 0.0, -0.0, 1.0, -1.0, 0.5, -2.5, INFINITY, -INFINITY, NAN, 3.0, -3.0, 1e-3, 100.0, -100.0 };
	int ns = sizeof s / sizeof s[0];
	if (k < ns) return s[k];
	switch (k - ns) {
	case 0: return dbl ? DBL_MAX : FLT_MAX;
	case 1: return dbl ? -DBL_MIN : -FLT_MIN;
	case 2: return dbl ? DBL_TRUE_MIN : FLT_TRUE_MIN;
	case 3: return dbl ? -0x1p-1030 : -0x1p-130;
	default: return 0;
	}
}
enum { NSPECIAL = 18 };
/* A random value of any magnitude (and sign). */
static double anyval(int dbl) {
	uint64_t r = next();
	int e = dbl ? (int)(r % 2100) - 1075 : (int)(r % 300) - 150;
	double v = ldexp(1 + urand(), e);
	if (!dbl) v = (float)v;
	return (r >> 40) & 1 ? -v : v;
}
/* ulp of the type at |v|'s binade */
static LD ulp(int dbl, LD v) {
	v = fabsl(v);
	int e;
	if (v == 0 || !isfinite(v)) return dbl ? DBL_TRUE_MIN : FLT_TRUE_MIN;
	frexpl(v, &e);
	LD u = ldexpl(1, e - (dbl ? 53 : 24));
	LD m = dbl ? DBL_TRUE_MIN : FLT_TRUE_MIN;
	return u < m ? m : u;
}
static int same(double a, double b) { return (isnan(a) && isnan(b)) || (a == b && signbit(a) == signbit(b)); }

/* ---- common ---- */
enum cf { CLAMP, CLAMPS, DEGREES, RADIANS, MAX, MAXS, MIN, MINS, MIX, MIXS, STEP, STEPS, SMOOTH, SMOOTHS, SIGN, NCF };
static const char *cnames[NCF] = { "clamp", "clamps", "degrees", "radians", "max", "maxs", "min", "mins", "mix", "mixs",
	"step", "steps", "smoothstep", "smoothsteps", "sign" };

static void test_common(int dbl) {
	const char *tn = dbl ? "double" : "float";
	size_t es = dbl ? 8 : 4;
	void *a = malloc(E * es), *b = malloc(E * es), *c = malloc(E * es), *o = malloc(E * es * NW);
	for (int f = 0; f < NCF; f++) {
		for (size_t i = 0; i < E; i++) {
			double x, y, z;
			int k = (int)i;
			x = k < NSPECIAL * NSPECIAL ? special(dbl, k % NSPECIAL) : anyval(dbl);
			y = k < NSPECIAL * NSPECIAL ? special(dbl, k / NSPECIAL) : anyval(dbl);
			z = anyval(dbl);
			switch (f) {
			case CLAMP: case CLAMPS: case SMOOTH: case SMOOTHS: /* finite bounds, lo < hi */
				if (!isfinite(y) || !isfinite(z) || y == z) y = -1, z = 2.5;
				if (f == SMOOTH || f == SMOOTHS) { /* edges of moderate size, x around them */
					y = ldexp(urand() - 0.5, (int)(next() % 20)); z = y + ldexp(urand() + 0.01, (int)(next() % 20));
					if (!dbl) y = (float)y, z = (float)z;
					if (!(y < z)) z = y + 1;
					x = y + (z - y) * (urand() * 1.4 - 0.2);
					if (k < NSPECIAL && !isnan(special(dbl, k))) x = special(dbl, k); /* NaN: undefined */
					if (!dbl) x = (float)x;
					double t = x; x = y; y = z; z = t; /* smoothstep(edge0 = x, edge1 = y, v = z) */
				} else if (y > z) { double t = y; y = z; z = t; }
				break;
			case MAX: case MAXS: case MIN: case MINS: /* NaN and infinities: undefined */
				if (!isfinite(x)) x = 1.25;
				if (!isfinite(y)) y = -7.5;
				break;
			case MIX: case MIXS:
				if (!isfinite(x)) x = 2;
				if (!isfinite(y)) y = -3;
				x = ldexp(x, -(int)(next() % 8)); /* avoid (y - x) overflowing */
				if (!isfinite(y - x) || fabs(x) > 1e30 || fabs(y) > 1e30) x = 1e3 * urand(), y = -1e3 * urand();
				z = urand();
				break;
			case DEGREES: case RADIANS:
				if (f == DEGREES && isfinite(x) && fabs(x) > (dbl ? 1e300 : 1e36)) x /= 1e10;
				break;
			}
			store(a, dbl, i, x); store(b, dbl, i, y); store(c, dbl, i, z);
		}
		char name[64];
		snprintf(name, sizeof name, "%s_%s", cnames[f], tn);
		void *host[] = { a, b, c, o };
		size_t sizes[] = { E * es, E * es, E * es, E * es * NW };
		if (!run(name, ITEMS, 4, host, sizes, 1)) continue;
		long bad = 0;
		for (int w = 0; w < NW; w++)
			for (size_t i = 0; i < E; i++) {
				size_t i0 = i - i % widths[w];
				double x = load(a, dbl, i), y = load(b, dbl, i), z = load(c, dbl, i);
				double xs = load(a, dbl, i0), ys = load(b, dbl, i0), zs = load(c, dbl, i0);
				double got = load(o, dbl, (size_t)w * E + i), want = 0;
				LD tol = 0; /* in ulp; 0: exact */
				switch (f) {
				case CLAMPS: y = ys, z = zs; /* fall through */
				case CLAMP: want = x > y ? x : y; want = want < z ? want : z; if (isnan(x)) want = y; break;
				case DEGREES: want = (double)(x * (180.0L / M_PIl)); tol = 2; break;
				case RADIANS: want = (double)(x * (M_PIl / 180.0L)); tol = 2; break;
				case MAXS: y = ys; /* fall through */
				case MAX: want = x < y ? y : x; break;
				case MINS: y = ys; /* fall through */
				case MIN: want = y < x ? y : x; break;
				case MIXS: z = zs; /* fall through */
				case MIX: want = (double)(x + (y - (LD)x) * z); tol = -1; break;
				case STEPS: x = xs; /* fall through */
				case STEP: want = y < x ? 0.0 : 1.0; break;
				case SMOOTHS: x = xs, y = ys; /* fall through */
				case SMOOTH: {
					LD t = (z - (LD)x) / (y - (LD)x);
					t = t < 0 ? 0 : t > 1 ? 1 : t;
					want = (double)(t * t * (3 - 2 * t)); tol = -2;
					break;
				}
				case SIGN: want = isnan(x) ? 0.0 : x > 0 ? 1.0 : x < 0 ? -1.0 : x; break;
				}
				int ok;
				if (tol == 0) ok = same(got, want) || (f >= MAX && f <= MINS && got == want); /* max(-0, +0): either zero */
				else if (!isfinite(want) || isnan(got)) ok = same(got, want) || (isnan(got) && isnan(want));
				else if (tol > 0) ok = fabsl((LD)got - want) <= tol * ulp(dbl, want);
				else if (tol == -1) /* mix: a few ulp of the operands' magnitude */
					ok = fabsl((LD)got - want) <= 4 * ulp(dbl, fmax(fabs(x), fabs(y)));
				else ok = fabsl((LD)got - want) <= 16 * ulp(dbl, 1); /* smoothstep: values in [0, 1] */
				if (!ok && bad++ < 3)
					fprintf(stderr, "%s width %d: (%a, %a, %a): got %a, want %a\n", name, widths[w], x, y, z, got, want);
			}
		CHECK(bad == 0);
	}
	free(a); free(b); free(c); free(o);
}

/* ---- relational ---- */
enum rf { ISEQ, ISNE, ISGT, ISGE, ISLT, ISLE, ISLG, ISFIN, ISINF, ISNAN, ISNORM, ISORD, ISUNORD, SIGNBIT, NRF };
static const char *rnames[NRF] = { "isequal", "isnotequal", "isgreater", "isgreaterequal", "isless", "islessequal",
	"islessgreater", "isfinite", "isinf", "isnan", "isnormal", "isordered", "isunordered", "signbit" };
static int rel(int f, double x, double y, int dbl) {
	double mn = dbl ? DBL_MIN : FLT_MIN;
	switch (f) {
	case ISEQ: return x == y;
	case ISNE: return x != y;
	case ISGT: return x > y;
	case ISGE: return x >= y;
	case ISLT: return x < y;
	case ISLE: return x <= y;
	case ISLG: return x < y || x > y;
	case ISFIN: return isfinite(x);
	case ISINF: return isinf(x) != 0;
	case ISNAN: return isnan(x);
	case ISNORM: return isfinite(x) && fabs(x) >= mn;
	case ISORD: return !isnan(x) && !isnan(y);
	case ISUNORD: return isnan(x) || isnan(y);
	case SIGNBIT: return signbit(x) != 0;
	}
	return 0;
}

static void test_relational(int dbl) {
	size_t es = dbl ? 8 : 4;
	void *a = malloc(E * es), *b = malloc(E * es), *ov = malloc(E * es * (NW - 1));
	int *o1 = malloc(E * sizeof(int));
	for (size_t i = 0; i < E; i++) {
		int k = (int)i;
		double x = k < NSPECIAL * NSPECIAL ? special(dbl, k % NSPECIAL) : anyval(dbl);
		double y = k < NSPECIAL * NSPECIAL ? special(dbl, k / NSPECIAL) : (next() & 3) ? anyval(dbl) : x;
		store(a, dbl, i, x); store(b, dbl, i, y);
	}
	for (int f = 0; f < NRF; f++) {
		char name[64];
		snprintf(name, sizeof name, "%s_%s", rnames[f], dbl ? "double" : "float");
		void *host[] = { a, b, o1, ov };
		size_t sizes[] = { E * es, E * es, E * sizeof(int), E * es * (NW - 1) };
		if (!run(name, ITEMS, 4, host, sizes, 2)) continue;
		long bad = 0;
		for (int w = 0; w < NW; w++)
			for (size_t i = 0; i < E; i++) {
				double x = load(a, dbl, i), y = load(b, dbl, i);
				int r = rel(f, x, y, dbl);
				long long got, want = w == 0 ? r : -r; /* scalars 1, vectors -1 */
				if (w == 0) got = o1[i];
				else if (dbl) got = ((int64_t *)ov)[(size_t)(w - 1) * E + i];
				else got = ((int32_t *)ov)[(size_t)(w - 1) * E + i];
				if (got != want && bad++ < 3)
					fprintf(stderr, "%s width %d: (%a, %a): got %lld, want %lld\n", name, widths[w], x, y, got, want);
			}
		CHECK(bad == 0);
	}
	free(a); free(b); free(ov); free(o1);
}

/* any / all on char … long */
static void test_anyall(void) {
	const char *names[] = { "char", "short", "int", "long" };
	for (int t = 0; t < 4; t++) {
		int es = 1 << t;
		unsigned char *a = malloc(E * es);
		int *o = malloc(E * sizeof(int) * 12);
		/* mostly non-negative, so that all() and any() both see true and false */
		for (size_t i = 0; i < E; i++) {
			uint64_t v = next() & ~(1ull << (es * 8 - 1));
			if (next() % 5 == 0 || (i / 16) % 3 == 0) v |= 1ull << (es * 8 - 1);
			memcpy(a + i * es, &v, es);
		}
		char name[32];
		snprintf(name, sizeof name, "anyall_%s", names[t]);
		void *host[] = { a, o };
		size_t sizes[] = { (size_t)E * es, E * sizeof(int) * 12 };
		if (!run(name, ITEMS, 2, host, sizes, 1)) continue;
		long bad = 0;
		for (int all = 0; all < 2; all++)
			for (int w = 0; w < NW; w++)
				for (size_t i = 0; i < E; i += widths[w]) {
					int want = all;
					for (int l = 0; l < widths[w]; l++) {
						int msb = (a[(i + l) * es + es - 1] & 0x80) != 0;
						if (all) want &= msb; else want |= msb;
					}
					int got = o[(size_t)(all * 6 + w) * E + i];
					if (got != want && bad++ < 3)
						fprintf(stderr, "%s %s width %d at %zu: got %d, want %d\n", all ? "all" : "any", names[t],
							widths[w], i, got, want);
				}
		CHECK(bad == 0);
		free(a); free(o);
	}
}

/* bitselect and select on every type */
static void test_select(void) {
	const char *names[] = { "char", "uchar", "short", "ushort", "int", "uint", "long", "ulong", "float", "double" };
	const int sizes_[] = { 1, 1, 2, 2, 4, 4, 8, 8, 4, 8 };
	for (int t = 0; t < 10; t++) {
		int es = sizes_[t];
		unsigned char *a = malloc(E * es), *b = malloc(E * es), *c = malloc(E * es), *cs = malloc(E * es),
			*cu = malloc(E * es), *o = malloc((size_t)E * es * 18);
		for (size_t i = 0; i < (size_t)E * es; i++) {
			a[i] = next(); b[i] = next(); c[i] = next();
		}
		for (size_t i = 0; i < E; i++) { /* conditions: 0, 1, MSB set or not, random */
			uint64_t v = next();
			switch (i % 5) { case 0: v = 0; break; case 1: v = 1; break; case 2: v = ~0ull; break; default: break; }
			memcpy(cs + i * es, &v, es);
			v = next();
			if (i % 7 == 0) v = 0;
			memcpy(cu + i * es, &v, es);
		}
		char name[32];
		snprintf(name, sizeof name, "sel_%s", names[t]);
		void *host[] = { a, b, c, cs, cu, o };
		size_t sizes[] = { (size_t)E * es, (size_t)E * es, (size_t)E * es, (size_t)E * es, (size_t)E * es, (size_t)E * es * 18 };
		if (!run(name, ITEMS, 6, host, sizes, 1)) continue;
		long bad = 0;
		for (int which = 0; which < 3; which++)
			for (int w = 0; w < NW; w++)
				for (size_t i = 0; i < E; i++) {
					unsigned char want[8];
					const unsigned char *cond = which == 1 ? cs + i * es : cu + i * es;
					int nonzero = 0;
					for (int j = 0; j < es; j++) nonzero |= cond[j];
					int pick = widths[w] == 1 ? nonzero != 0 : (cond[es - 1] & 0x80) != 0;
					for (int j = 0; j < es; j++) {
						if (which == 0) want[j] = (a[i * es + j] & ~c[i * es + j]) | (b[i * es + j] & c[i * es + j]);
						else want[j] = pick ? b[i * es + j] : a[i * es + j];
					}
					if (memcmp(o + ((size_t)(which * 6 + w) * E + i) * es, want, es) && bad++ < 3)
						fprintf(stderr, "%s %s width %d at %zu: wrong\n", which ? "select" : "bitselect", names[t], widths[w], i);
				}
		CHECK(bad == 0);
		free(a); free(b); free(c); free(cs); free(cu); free(o);
	}
}

/* ---- geometric ---- */
enum { G = 4096 }; /* vectors per kernel */
/* An element for geometric inputs: the CTS's tricky values, or random ones
 * of a random scale (shared by the vector, so that its elements combine). */
static double gval(int dbl, int scale) {
	static const double tricky[] = { 0x1p63, 0x1.8p63, 0x1p64, -0x1p63, -0x1.8p-63, -0x1p64, 0x1p-63, 0x1.8p-63,
		0x1p-64, -0x1p-64, 0.0, -0.0, 1.0, -1.0 };
	uint64_t r = next();
	if (r % 9 == 0) return tricky[(r >> 8) % (sizeof tricky / sizeof tricky[0])];
	double v = ldexp(2 * urand() - 1, scale + (int)((r >> 20) % 5));
	if ((r >> 30) % 17 == 0) v = 0;
	return dbl ? v : (float)v;
}
static void test_geometric(int dbl) {
	size_t es = dbl ? 8 : 4;
	double max = dbl ? DBL_MAX : FLT_MAX;
	for (int n = 1; n <= 4; n++) {
		void *a = malloc(G * 4 * es), *b = malloc(G * 4 * es), *os = malloc(G * 3 * es), *ov = malloc(G * 4 * es);
		for (size_t v = 0; v < G; v++) {
			int scale;
			switch (v % 6) { /* ordinary, huge (the sum of squares overflows), tiny (it underflows), denormal */
			case 0: case 1: scale = (int)(next() % 40) - 20; break;
			case 2: scale = dbl ? 1010 + (int)(next() % 13) : 115 + (int)(next() % 12); break;
			case 3: scale = dbl ? -1000 - (int)(next() % 20) : -115 - (int)(next() % 10); break;
			case 4: scale = dbl ? -1070 : -146; break;
			default: scale = (int)(next() % (dbl ? 2000 : 250)) - (dbl ? 1000 : 125); break;
			}
			for (int j = 0; j < n; j++) {
				store(a, dbl, v * n + j, gval(dbl, scale));
				store(b, dbl, v * n + j, v % 6 == 5 ? gval(dbl, scale) : load(a, dbl, v * n + j) * 0.75 + gval(dbl, scale - 3));
			}
			if (v == 7) for (int j = 0; j < n; j++) store(a, dbl, v * n + j, 0.0); /* zero vector */
			if (v == 13) store(a, dbl, v * n, -INFINITY);
			if (v == 19) store(a, dbl, v * n + n - 1, NAN);
			if (v == 25) store(a, dbl, v * n, max / 2), store(b, dbl, v * n, -max / 2);
		}
		char name[32];
		snprintf(name, sizeof name, "geom_%s%d", dbl ? "double" : "float", n);
		void *host[] = { a, b, os, ov };
		size_t sizes[] = { G * n * es, G * n * es, G * 3 * es, G * n * es };
		if (!run(name, G, 4, host, sizes, 2)) continue;
		long bad[4] = { 0 };
		for (size_t v = 0; v < G; v++) {
			LD dot = 0, sa = 0, sd = 0, maxab = 0;
			int has_inf = 0, has_nan = 0, prod_ovf = 0;
			for (int j = 0; j < n; j++) {
				LD x = load(a, dbl, v * n + j), y = load(b, dbl, v * n + j);
				dot += x * y; sa += x * x; sd += (x - y) * (x - y);
				prod_ovf |= fabsl(x * y) > max; /* a product overflows: dot has no bound */
				if (fabsl(x) > maxab) maxab = fabsl(x);
				if (fabsl(y) > maxab) maxab = fabsl(y);
				has_inf += isinf(x) != 0; has_nan |= isnan(x);
			}
			/* dot: the CTS's bound, max² · (2n − 1) · ε (plus the rounding of a result below the denormals) */
			double got = load(os, dbl, v);
			LD eps = dbl ? DBL_EPSILON : FLT_EPSILON;
			if (isfinite(dot) && fabsl(dot) < max && !prod_ovf) {
				if (!(fabsl(got - dot) <= maxab * maxab * (2 * n - 1) * eps + n * (dbl ? DBL_TRUE_MIN : FLT_TRUE_MIN)) && bad[0]++ < 3)
					fprintf(stderr, "%s dot #%zu: got %a, want %La\n", name, v, got, dot);
			}
			/* length and distance: 3 + (n + n − 1) / 4 ulp (length), 3 + 1.5n + (n − 1)/2 (distance) */
			LD want = sqrtl(sa);
			got = load(os, dbl, G + v);
			LD lim = 3 + 0.5L * (0.5L * n + 0.5L * (n - 1));
			if (has_nan ? !isnan(got) : !(want > max ? isinf(got) : fabsl(got - want) <= lim * ulp(dbl, want))) {
				if (bad[1]++ < 3) fprintf(stderr, "%s length #%zu: got %a, want %La\n", name, v, got, want);
			}
			want = sqrtl(sd);
			got = load(os, dbl, 2 * G + v);
			lim = 3 + 1.5L * n + 0.5L * (n - 1);
			int dist_inf = 0; /* a - b overflowing in the type: inf is right */
			for (int j = 0; j < n; j++) {
				double d = load(a, dbl, v * n + j) - load(b, dbl, v * n + j);
				if (!dbl) d = (float)d;
				dist_inf |= isinf(d);
			}
			if (!has_nan && !(isnan(want) ? isnan(got) : dist_inf || want > max ? isinf(got)
					: fabsl(got - want) <= lim * ulp(dbl, want))) {
				if (bad[2]++ < 3) fprintf(stderr, "%s distance #%zu: got %a, want %La\n", name, v, got, want);
			}
			/* normalize: 2.5 + (n + n − 1) / 2 ulp per element; zero → p, infinities → ±1 */
			lim = 2.5L + 0.5L * n + 0.5L * (n - 1);
			for (int j = 0; j < n; j++) {
				LD x = load(a, dbl, v * n + j), w;
				got = load(ov, dbl, v * n + j);
				if (has_nan) w = NAN;
				else if (sa == 0) w = x;
				else if (has_inf) w = isinf(x) ? copysignl(1 / sqrtl(has_inf), x) : copysignl(0, x);
				else w = x / sqrtl(sa);
				int ok = isnan(w) ? isnan(got) : w == 0 ? (got == w && !signbit(got) == !signbitl(w))
					: fabsl(got - w) <= lim * ulp(dbl, w);
				if (!ok && bad[3]++ < 3)
					fprintf(stderr, "%s normalize #%zu[%d] (%La): got %a, want %La\n", name, v, j, x, got, w);
			}
		}
		for (int k = 0; k < 4; k++) CHECK(bad[k] == 0);
		free(a); free(b); free(os); free(ov);
	}
}

/* fast_length, fast_distance, fast_normalize: 8192 ulp, inputs within 2^±62 */
static void test_fast(void) {
	for (int n = 1; n <= 4; n++) {
		float *a = malloc(G * 4 * 4), *b = malloc(G * 4 * 4), *os = malloc(G * 2 * 4), *ov = malloc(G * 4 * 4);
		for (size_t i = 0; i < (size_t)G * n; i++) {
			int scale = (int)(next() % 100) - 50;
			a[i] = (float)ldexp(2 * urand() - 1, scale);
			b[i] = (float)ldexp(2 * urand() - 1, scale);
		}
		for (int j = 0; j < n; j++) a[3 * n + j] = 0;
		char name[32];
		snprintf(name, sizeof name, "fast_%d", n);
		void *host[] = { a, b, os, ov };
		size_t sizes[] = { G * n * 4, G * n * 4, G * 2 * 4, G * n * 4 };
		if (!run(name, G, 4, host, sizes, 2)) continue;
		long bad = 0;
		for (size_t v = 0; v < G; v++) {
			LD sa = 0, sd = 0;
			for (int j = 0; j < n; j++) {
				sa += (LD)a[v * n + j] * a[v * n + j];
				sd += ((LD)a[v * n + j] - b[v * n + j]) * ((LD)a[v * n + j] - b[v * n + j]);
			}
			if (fabsl(os[v] - sqrtl(sa)) > 8192 * ulp(0, sqrtl(sa)) + (sa == 0 ? 0 : 0)) bad++;
			if (fabsl(os[G + v] - sqrtl(sd)) > 8193 * ulp(0, sqrtl(sd))) bad++;
			for (int j = 0; j < n; j++) {
				LD w = sa == 0 ? a[v * n + j] : a[v * n + j] / sqrtl(sa);
				if (fabsl(ov[v * n + j] - w) > 8193 * ulp(0, w)) bad++;
			}
		}
		if (bad) fprintf(stderr, "%s: %ld wrong\n", name, bad);
		CHECK(bad == 0);
		free(a); free(b); free(os); free(ov);
	}
}

/* cross: the CTS's bound per element, max² · 3ε over the four products' operands */
static void test_cross(int dbl) {
	size_t es = dbl ? 8 : 4;
	for (int n = 3; n <= 4; n++) {
		void *a = malloc(G * 4 * es), *b = malloc(G * 4 * es), *ov = malloc(G * 4 * es);
		for (size_t i = 0; i < (size_t)G * n; i++) {
			store(a, dbl, i, ldexp(2 * urand() - 1, (int)(next() % 20) - 10));
			store(b, dbl, i, ldexp(2 * urand() - 1, (int)(next() % 20) - 10));
		}
		char name[32];
		snprintf(name, sizeof name, "cross_%s%d", dbl ? "double" : "float", n);
		void *host[] = { a, b, ov };
		size_t sizes[] = { G * n * es, G * n * es, G * n * es };
		if (!run(name, G, 3, host, sizes, 1)) continue;
		long bad = 0;
		LD eps = dbl ? DBL_EPSILON : FLT_EPSILON;
		for (size_t v = 0; v < G; v++) {
			LD x[3], y[3];
			for (int j = 0; j < 3; j++) x[j] = load(a, dbl, v * n + j), y[j] = load(b, dbl, v * n + j);
			for (int j = 0; j < 3; j++) {
				int p = (j + 1) % 3, q = (j + 2) % 3;
				LD want = x[p] * y[q] - x[q] * y[p];
				LD m = fmaxl(fmaxl(fabsl(x[p]), fabsl(y[q])), fmaxl(fabsl(x[q]), fabsl(y[p])));
				if (fabsl(load(ov, dbl, v * n + j) - want) > m * m * 3 * eps) bad++;
			}
			if (n == 4 && load(ov, dbl, v * n + 3) != 0) bad++;
		}
		if (bad) fprintf(stderr, "%s: %ld wrong\n", name, bad);
		CHECK(bad == 0);
		free(a); free(b); free(ov);
	}
}

int main(void) {
	env = test_setup();
	cl_int err;
	prog = clCreateProgramWithSource(env.context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	err = clBuildProgram(prog, 1, &env.device, "", NULL, NULL);
	if (err != CL_SUCCESS) {
		static char log[1 << 16];
		clGetProgramBuildInfo(prog, env.device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
		fprintf(stderr, "build failed (%d):\n%s\n", err, log);
		return 1;
	}
	for (int dbl = 0; dbl < 2; dbl++) {
		test_common(dbl);
		test_relational(dbl);
		test_geometric(dbl);
		test_cross(dbl);
	}
	test_anyall();
	test_select();
	test_fast();
	clReleaseProgram(prog);
	test_teardown(&env);
	return check_done();
}
