/* The OpenCL C math builtins (OpenCL C 3.0 "Math Functions"), float and
 * double: each function is applied on the device to arrays of inputs (the
 * special values — ±0, ±inf, NaN, denormals, extremes, integers and
 * half-integers, large trigonometric arguments — and random values of
 * every magnitude), as a scalar and as one vector width (every width, 2 to
 * 16, is used by many functions), and compared with the host's libm:
 * long double references measured in ulps against the bounds of the
 * specification's table, same-precision glibc results where the function
 * is exact or correctly rounded, and the specification's edge cases
 * (sinpi(-n) = -0, tanpi(n + 0.5) = ±inf, powr, pown, rootn, fract, remquo's
 * 7 quotient bits, ilogb's constants …) exactly. The functions that return
 * a second result through a pointer are run with generic pointers
 * (-cl-std=CL3.0) and with __global, __local and __private pointers
 * (-cl-std=CL1.2), which are differently named builtins. */
#define _GNU_SOURCE
#include "check.h"
#include <float.h>
#include <limits.h>
#include <math.h>

enum { N = 4096, NSPECIAL_MAX = 256 };

/* ---- the functions ---- */

enum kind {
	U,    /* T f(T) */
	B,    /* T f(T, T) */
	TER,  /* T f(T, T, T) */
	BS,   /* vector form f(Tn, T) (the scalar path is f(T, T)) */
	I,    /* int f(T) */
	BI,   /* T f(T, int) */
	BIS,  /* vector form f(Tn, int) (scalar: f(T, int)) */
	NANK, /* T nan(uint / ulong) */
	PT,   /* T f(T, T *) */
	PI,   /* T f(T, int *) */
	RQ,   /* T remquo(T, T, int *) */
};

/* How a result is judged. */
enum {
	EXACT = -1,     /* equal to the reference computed by the host in the same precision */
	F_NOSZ = 1,     /* either zero for a zero result (fmax(-0, +0) …) */
	F_DOM16 = 2,    /* only |x| ≤ 2^16 (half_ and native_ trigonometry) */
	F_ABS = 4,      /* lgamma: an absolute error of 16 ulp of 1.0 is also accepted (zeros of lgamma) */
	F_NOVEC = 8,    /* no vector test */
};

typedef long double LD;

typedef struct {
	const char *name;
	enum kind kind;
	double uf, ud; /* bounds in ulp for float and double: EXACT, a bound, or 0 = not tested */
	int flags;
	int wf, wd;    /* vector widths tested */
	LD (*l1)(LD);
	LD (*l2)(LD, LD);
	LD (*li)(LD, int);
} fn;

#include "mathref.h"

/* ---- inputs ---- */

static double unit(void) { return (next() >> 11) * 0x1p-53; } /* [0, 1) */

static const double specials[] = {
	0.0, -0.0, INFINITY, -INFINITY, NAN, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 1.5, -1.5, 2.5, -2.5, 0.25, -0.25,
	0.75, -0.75, 4, -4, 5, 7, -7, 10, 0.1, -0.1, 1e-6, -1e-6, 1e-3, 100, -100, 1e10, -1e10, 1e30, -1e30,
	0x1p23, 0x1p23 + 1, 0x1p24, -0x1p24 + 2, 0x1p52, 0x1p52 + 1, 0x1p53, 1e6, -1e6, 1e20, -1e20,
	3.14159265358979, 1.5707963267949, -1.5707963267949, 6.2831853071796, 0.6931471805599453, 2.718281828459045,
	1e-30, -1e-30, 1e-40, -1e-40, 0x1p-149, -0x1p-149, 0x1p-126, -0x1p-126, 0x1.fffffcp-127, 0x1p-130,
	0x1p-1074, -0x1p-1074, 0x1p-1022, 0x1.ffffffffffffep-1023, 1e-310, -1e-310, 1e-300, 1e300, -1e300,
	0x1.fffffep127, -0x1.fffffep127, 0x1.fffffffffffffp1023, -0x1.fffffffffffffp1023, 88.7, 89, -87.3, -104,
	709.7, 710, -745, 127, 128, -126, -149, 1023, 1024, -1022, -1075, 0.9999999, 1.0000001, -0.9999999, 64, 0.125,
	-2.4570247, -3.5, 170.5, 171.7, -170.5, 35, 40, 9, 27, 8, 1024.5, 33554432.5, 0x1.8p-1, 1e-8, 15.5, -15.5,
	-0x1.31000000000d0p-6, /* glibc's vector exp (libmvec) is 3.008 ulp off here (the CTS's full mode) */
};
#define NSPEC ((int)(sizeof specials / sizeof specials[0]))

static const int nspecials[] = {0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 7, -7, 8, 16, -16, 31, 100, -100, 127,
	-127, 128, 1000, -1000, 1 << 20, INT_MAX, INT_MIN, INT_MIN + 1, 149, -149, 1074, -1074, 300, -300};
#define NNSPEC ((int)(sizeof nspecials / sizeof nspecials[0]))

/* Random values in the format: all exponents, unit intervals, small
 * integers and half-integers, moderate ranges. */
static double rand_value(int dbl, int i) {
	switch (i % 6) {
	case 0:
	case 1: { /* random bits */
		uint64_t b = next();
		if (dbl) { double d; memcpy(&d, &b, 8); return d; }
		uint32_t u = (uint32_t)b; float f; memcpy(&f, &u, 4); return f;
	}
	case 2: return 2 * unit() - 1;
	case 3: return (int)(next() % 129) * 0.5 - 32;
	case 4: return 32 * unit() - 16;
	default: return ldexp(2 * unit() - 1, (int)(next() % 40) - 10);
	}
}

/* ---- host data of one kernel run ---- */

typedef struct {
	int dbl;
	LD a[N], b[N], c[N]; /* inputs (exact values of the format) */
	int n[N];            /* integer inputs */
	uint64_t u[N];       /* nan codes */
	/* outputs: scalar path, vector path */
	LD o[N], ov[N], o2[N], ov2[N];
	int oi[N], ovi[N];
} run;

static double fmt(int dbl, double v) { return dbl ? v : (float)v; }

static void make_inputs(run *r, enum kind k) {
	int dbl = r->dbl;
	int ns = NSPEC;
	for (int i = 0; i < N; i++) {
		double x, y, z;
		if (k == B || k == BS || k == RQ || k == TER) {
			if (i < ns * ns && i < N / 2) { /* pairs of special values */
				x = specials[i % ns];
				y = specials[i / ns];
			} else {
				x = rand_value(dbl, i);
				y = (i & 1) ? rand_value(dbl, i + 1) : x * (1 + 0.25 * unit());
			}
		} else {
			x = i < ns ? specials[i] : rand_value(dbl, i);
			y = rand_value(dbl, i + 3);
		}
		z = rand_value(dbl, i + 1);
		r->a[i] = fmt(dbl, x);
		r->b[i] = fmt(dbl, y);
		r->c[i] = fmt(dbl, z);
		r->n[i] = i < NNSPEC * 8 ? nspecials[(i / 8) % NNSPEC] : (int)(next() % 41) - 20;
		if (i >= NNSPEC * 8 && (i & 7) == 0)
			r->n[i] = (int)next();
		r->u[i] = next();
	}
}

/* ---- judging ---- */

/* The error of got in ulps of the format at the reference (CTS style: the
 * ulp of the reference value, denormals counted in the smallest ulp;
 * infinity taken as the next power of two past the largest finite). */
static double ulp_error(int dbl, LD got, LD ref) {
	int mant = dbl ? 52 : 23, emin = dbl ? -1022 : -126, emax = dbl ? 1024 : 128;
	if (isnan(ref)) return isnan(got) ? 0 : INFINITY;
	if (isnan(got)) return INFINITY;
	LD rf = dbl ? (LD)(double)ref : (LD)(float)ref;
	if (isinf(rf)) ref = rf; /* past the largest finite value, rounded */
	if (isinf(got)) {
		if (isinf(ref)) return got == ref ? 0 : INFINITY;
		got = copysignl(ldexpl(1, emax), got);
	}
	if (isinf(ref)) ref = copysignl(ldexpl(1, emax), ref);
	LD a = fabsl(ref);
	int e = a < ldexpl(1, emin) ? emin : ilogbl(a);
	if (e > emax - 1) e = emax - 1;
	return (double)((got - ref) / ldexpl(1, e - mant));
}

/* The same-precision value the host rounds ref to. */
static LD to_fmt(int dbl, LD v) { return dbl ? (LD)(double)v : (LD)(float)v; }

/* identical values: NaN for NaN, zeros of the same sign (unless nosz) */
static int same(LD got, LD want, int nosz) {
	if (isnan(want)) return isnan(got);
	if (got != want) return 0;
	return nosz || got != 0 || signbit(got) == signbit(want);
}

typedef struct {
	const char *name;
	int dbl, w;
	double maxerr;
	int bad;
} tally;

static void report(tally *t, int idx, const char *what, LD x, LD y, LD got, LD want, double err) {
	if (t->bad++ < 4)
		fprintf(stderr, "%s (width %d) [%d] %s: x=%La y=%La got %La want %La (%.2f ulp)\n", t->name, t->w,
			idx, what, x, y, got, want, err);
}

/* judge one value: against an exact same-precision reference (bound EXACT)
 * or a long double reference within bound ulp */
static void judge(tally *t, int idx, LD x, LD y, LD got, LD ref, double bound, int flags, int exact) {
	if (bound == EXACT || exact) {
		LD want = bound == EXACT ? ref : to_fmt(t->dbl, ref);
		if (!same(got, want, flags & F_NOSZ))
			report(t, idx, "not exact", x, y, got, want, 0);
		return;
	}
	double err = fabs(ulp_error(t->dbl, got, ref));
	if ((flags & F_ABS) && fabsl(got - ref) <= ldexpl(16, t->dbl ? -52 : -23))
		err = 0;
	if (ref == 0 && got == 0 && !(flags & F_NOSZ) && signbit(got) != signbit(ref))
		err = INFINITY;
	if (err > t->maxerr) t->maxerr = err;
	if (!(err <= bound))
		report(t, idx, "ulp", x, y, got, ref, err);
}

/* ---- the device side ---- */

static char *src_main, *src_as; /* CL3.0 program: every function; CL1.2: address spaces */
static size_t src_len[2], src_cap[2];

static void append(int which, const char *tmpl, const char *K, const char *F, const char *T, const char *P, int W) {
	char **s = which ? &src_as : &src_main;
	char w[8];
	snprintf(w, sizeof w, "%d", W);
	for (const char *p = tmpl; *p; p++) {
		const char *rep = NULL;
		char c[2] = {*p, 0};
		if (*p == '$') {
			switch (*++p) {
			case 'K': rep = K; break;
			case 'F': rep = F; break;
			case 'T': rep = T; break;
			case 'P': rep = P; break;
			case 'W': rep = w; break;
			}
		}
		if (!rep) rep = c;
		size_t l = strlen(rep);
		if (src_len[which] + l + 1 > src_cap[which]) {
			src_cap[which] = (src_cap[which] + l + 1) * 2;
			*s = realloc(*s, src_cap[which]);
		}
		memcpy(*s + src_len[which], rep, l + 1);
		src_len[which] += l;
	}
}

static const char *prelude =
	"#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n"
	"#define LD1(T,p,i) ((p)[i])\n"
	"#define LD2(T,p,i) (((global const T##2 *)(p))[i])\n"
	"#define LD3(T,p,i) ((T##3)((p)[3*(i)], (p)[3*(i)+1], (p)[3*(i)+2]))\n"
	"#define LD4(T,p,i) (((global const T##4 *)(p))[i])\n"
	"#define LD8(T,p,i) (((global const T##8 *)(p))[i])\n"
	"#define LD16(T,p,i) (((global const T##16 *)(p))[i])\n"
	"#define ST2(T,p,i,v) (((global T##2 *)(p))[i] = (v))\n"
	"#define ST3(T,p,i,v) do { T##3 t_ = (v); (p)[3*(i)] = t_.s0; (p)[3*(i)+1] = t_.s1; (p)[3*(i)+2] = t_.s2; } while (0)\n"
	"#define ST4(T,p,i,v) (((global T##4 *)(p))[i] = (v))\n"
	"#define ST8(T,p,i,v) (((global T##8 *)(p))[i] = (v))\n"
	"#define ST16(T,p,i,v) (((global T##16 *)(p))[i] = (v))\n"
	"#define VL(T,W,p,i) LD##W(T,p,i)\n"
	"#define VS(T,W,p,i,v) ST##W(T,p,i,v)\n"
	"#define VT(T,W) T##W\n"
	"#define ID size_t i = get_global_id(0); int vec = i < get_global_size(0) / $W;\n";

/* Kernel templates: $K kernel, $F function, $T type, $P second type, $W width. */
static const char *tmpl[] = {
	[U] = "kernel void $K(global $T *o, global $T *ov, global const $T *a) { ID\n"
	      " o[i] = $F(a[i]); if (vec) VS($T, $W, ov, i, $F(VL($T, $W, a, i))); }\n",
	[B] = "kernel void $K(global $T *o, global $T *ov, global const $T *a, global const $T *b) { ID\n"
	      " o[i] = $F(a[i], b[i]); if (vec) VS($T, $W, ov, i, $F(VL($T, $W, a, i), VL($T, $W, b, i))); }\n",
	[TER] = "kernel void $K(global $T *o, global $T *ov, global const $T *a, global const $T *b, global const $T *c) { ID\n"
	      " o[i] = $F(a[i], b[i], c[i]); if (vec) VS($T, $W, ov, i, $F(VL($T, $W, a, i), VL($T, $W, b, i), VL($T, $W, c, i))); }\n",
	[BS] = "kernel void $K(global $T *o, global $T *ov, global const $T *a, global const $T *b) { ID\n"
	      " o[i] = $F(a[i], b[i]); if (vec) VS($T, $W, ov, i, $F(VL($T, $W, a, i), b[i])); }\n",
	[I] = "kernel void $K(global int *o, global int *ov, global const $T *a) { ID\n"
	      " o[i] = $F(a[i]); if (vec) VS(int, $W, ov, i, $F(VL($T, $W, a, i))); }\n",
	[BI] = "kernel void $K(global $T *o, global $T *ov, global const $T *a, global const int *n) { ID\n"
	      " o[i] = $F(a[i], n[i]); if (vec) VS($T, $W, ov, i, $F(VL($T, $W, a, i), VL(int, $W, n, i))); }\n",
	[BIS] = "kernel void $K(global $T *o, global $T *ov, global const $T *a, global const int *n) { ID\n"
	      " o[i] = $F(a[i], n[i]); if (vec) VS($T, $W, ov, i, $F(VL($T, $W, a, i), n[i])); }\n",
	[NANK] = "kernel void $K(global $T *o, global $T *ov, global const $P *a) { ID\n"
	      " o[i] = $F(a[i]); if (vec) VS($T, $W, ov, i, $F(VL($P, $W, a, i))); }\n",
	[PT] = "kernel void $K(global $T *o, global $P *o2, global $T *ov, global $P *ov2, global const $T *a) { ID\n"
	      " $P t; o[i] = $F(a[i], &t); o2[i] = t;\n"
	      " if (vec) { VT($P, $W) tv; VS($T, $W, ov, i, $F(VL($T, $W, a, i), &tv)); VS($P, $W, ov2, i, tv); } }\n",
	[RQ] = "kernel void $K(global $T *o, global $P *o2, global $T *ov, global $P *ov2, global const $T *a, global const $T *b) { ID\n"
	      " $P t; o[i] = $F(a[i], b[i], &t); o2[i] = t;\n"
	      " if (vec) { VT($P, $W) tv; VS($T, $W, ov, i, $F(VL($T, $W, a, i), VL($T, $W, b, i), &tv)); VS($P, $W, ov2, i, tv); } }\n",
};
/* The named address spaces (CL1.2 program, width 4): the second result
 * through a __global, __local or __private pointer. */
static const char *tmpl_as[3][2] = {
	{"kernel void $K(global $T *o, global $P *o2, global $T *ov, global $P *ov2, global const $T *a) { ID\n"
	 " o[i] = $F(a[i], &o2[i]); if (vec) VS($T, 4, ov, i, $F(VL($T, 4, a, i), &((global $P4 *)ov2)[i])); }\n",
	 "kernel void $K(global $T *o, global $P *o2, global $T *ov, global $P *ov2, global const $T *a, global const $T *b) { ID\n"
	 " o[i] = $F(a[i], b[i], &o2[i]); if (vec) VS($T, 4, ov, i, $F(VL($T, 4, a, i), VL($T, 4, b, i), &((global $P4 *)ov2)[i])); }\n"},
	{"kernel void $K(global $T *o, global $P *o2, global $T *ov, global $P *ov2, global const $T *a) { ID\n"
	 " local $P l[64]; local $P4 lv[64]; size_t li = get_local_id(0);\n"
	 " o[i] = $F(a[i], &l[li]); o2[i] = l[li];\n"
	 " if (vec) { VS($T, 4, ov, i, $F(VL($T, 4, a, i), &lv[li])); VS($P, 4, ov2, i, lv[li]); } }\n",
	 "kernel void $K(global $T *o, global $P *o2, global $T *ov, global $P *ov2, global const $T *a, global const $T *b) { ID\n"
	 " local $P l[64]; local $P4 lv[64]; size_t li = get_local_id(0);\n"
	 " o[i] = $F(a[i], b[i], &l[li]); o2[i] = l[li];\n"
	 " if (vec) { VS($T, 4, ov, i, $F(VL($T, 4, a, i), VL($T, 4, b, i), &lv[li])); VS($P, 4, ov2, i, lv[li]); } }\n"},
	{"kernel void $K(global $T *o, global $P *o2, global $T *ov, global $P *ov2, global const $T *a) { ID\n"
	 " private $P t; o[i] = $F(a[i], &t); o2[i] = t;\n"
	 " if (vec) { private $P4 tv; VS($T, 4, ov, i, $F(VL($T, 4, a, i), &tv)); VS($P, 4, ov2, i, tv); } }\n",
	 "kernel void $K(global $T *o, global $P *o2, global $T *ov, global $P *ov2, global const $T *a, global const $T *b) { ID\n"
	 " private $P t; o[i] = $F(a[i], b[i], &t); o2[i] = t;\n"
	 " if (vec) { private $P4 tv; VS($T, 4, ov, i, $F(VL($T, 4, a, i), VL($T, 4, b, i), &tv)); VS($P, 4, ov2, i, tv); } }\n"},
};
static const char *as_names[3] = {"global", "local", "private"};

/* ---- the table ---- */

#define H 8192.0 /* half_ and native_ */
static const fn fns[] = {
	{"acos", U, 4, 4, 0, 2, 3, acosl},
	{"acosh", U, 4, 4, 0, 3, 4, acoshl},
	{"acospi", U, 5, 5, 0, 4, 8, r_acospi},
	{"asin", U, 4, 4, 0, 8, 16, asinl},
	{"asinh", U, 4, 4, 0, 16, 2, asinhl},
	{"asinpi", U, 5, 5, 0, 2, 3, r_asinpi},
	{"atan", U, 5, 5, 0, 3, 4, atanl},
	{"atanh", U, 5, 5, 0, 4, 8, atanhl},
	{"atanpi", U, 5, 5, 0, 8, 16, r_atanpi},
	{"cbrt", U, 2, 2, 0, 16, 2, cbrtl},
	{"ceil", U, EXACT, EXACT, 0, 2, 3, ceill},
	{"cos", U, 4, 4, 0, 3, 4, cosl},
	{"cosh", U, 4, 4, 0, 4, 8, coshl},
	{"cospi", U, 4, 4, 0, 8, 16, r_cospi},
	{"erf", U, 16, 16, 0, 16, 2, erfl},
	{"erfc", U, 16, 16, 0, 2, 3, erfcl},
	{"exp", U, 3, 3, 0, 3, 4, expl},
	{"exp2", U, 3, 3, 0, 4, 8, exp2l},
	{"exp10", U, 3, 3, 0, 8, 16, r_exp10},
	{"expm1", U, 3, 3, 0, 16, 2, expm1l},
	{"fabs", U, EXACT, EXACT, 0, 2, 3, fabsl},
	{"floor", U, EXACT, EXACT, 0, 3, 4, floorl},
	{"lgamma", U, 16, 16, F_ABS, 4, 8, r_lgamma},
	{"log", U, 3, 3, 0, 8, 16, logl},
	{"log2", U, 3, 3, 0, 16, 2, log2l},
	{"log10", U, 3, 3, 0, 2, 3, log10l},
	{"log1p", U, 2, 2, 0, 3, 4, log1pl},
	{"logb", U, EXACT, EXACT, 0, 4, 8, logbl},
	{"rint", U, EXACT, EXACT, 0, 8, 16, rintl},
	{"round", U, EXACT, EXACT, 0, 16, 2, roundl},
	{"rsqrt", U, 2, 2, 0, 2, 3, r_rsqrt},
	{"sin", U, 4, 4, 0, 3, 4, sinl},
	{"sinh", U, 4, 4, 0, 4, 8, sinhl},
	{"sinpi", U, 4, 4, 0, 8, 16, r_sinpi},
	{"sqrt", U, 3, EXACT, 0, 16, 2, sqrtl},
	{"tan", U, 5, 5, 0, 2, 3, tanl},
	{"tanh", U, 5, 5, 0, 3, 4, tanhl},
	{"tanpi", U, 6, 6, 0, 4, 8, r_tanpi},
	{"tgamma", U, 16, 16, 0, 8, 16, tgammal},
	{"trunc", U, EXACT, EXACT, 0, 16, 2, truncl},
	{"half_cos", U, H, 0, F_DOM16, 2, 0, cosl},
	{"half_exp", U, H, 0, 0, 3, 0, expl},
	{"half_exp2", U, H, 0, 0, 4, 0, exp2l},
	{"half_exp10", U, H, 0, 0, 8, 0, r_exp10},
	{"half_log", U, H, 0, 0, 16, 0, logl},
	{"half_log2", U, H, 0, 0, 2, 0, log2l},
	{"half_log10", U, H, 0, 0, 3, 0, log10l},
	{"half_recip", U, H, 0, 0, 4, 0, r_recip},
	{"half_rsqrt", U, H, 0, 0, 8, 0, r_rsqrt},
	{"half_sin", U, H, 0, F_DOM16, 16, 0, sinl},
	{"half_sqrt", U, H, 0, 0, 2, 0, sqrtl},
	{"half_tan", U, H, 0, F_DOM16, 3, 0, tanl},
	{"native_cos", U, H, 0, F_DOM16, 4, 0, cosl},
	{"native_exp", U, H, 0, 0, 8, 0, expl},
	{"native_exp2", U, H, 0, 0, 16, 0, exp2l},
	{"native_exp10", U, H, 0, 0, 2, 0, r_exp10},
	{"native_log", U, H, 0, 0, 3, 0, logl},
	{"native_log2", U, H, 0, 0, 4, 0, log2l},
	{"native_log10", U, H, 0, 0, 8, 0, log10l},
	{"native_recip", U, H, 0, 0, 16, 0, r_recip},
	{"native_rsqrt", U, H, 0, 0, 2, 0, r_rsqrt},
	{"native_sin", U, H, 0, F_DOM16, 3, 0, sinl},
	{"native_sqrt", U, H, 0, 0, 4, 0, sqrtl},
	{"native_tan", U, H, 0, F_DOM16, 8, 0, tanl},
	{"atan2", B, 6, 6, 0, 16, 2, NULL, atan2l},
	{"atan2pi", B, 6, 6, 0, 2, 3, NULL, r_atan2pi},
	{"copysign", B, EXACT, EXACT, 0, 3, 4, NULL, copysignl},
	{"fdim", B, EXACT, EXACT, 0, 4, 8},
	{"fmax", B, EXACT, EXACT, F_NOSZ, 8, 16, NULL, fmaxl},
	{"fmin", B, EXACT, EXACT, F_NOSZ, 16, 2, NULL, fminl},
	{"fmod", B, EXACT, EXACT, 0, 2, 3, NULL, fmodl},
	{"hypot", B, 4, 4, 0, 3, 4, NULL, hypotl},
	{"maxmag", B, EXACT, EXACT, F_NOSZ, 4, 8},
	{"minmag", B, EXACT, EXACT, F_NOSZ, 8, 16},
	{"nextafter", B, EXACT, EXACT, 0, 16, 2},
	{"pow", B, 16, 16, 0, 2, 3, NULL, r_pow},
	{"powr", B, 16, 16, 0, 3, 4, NULL, r_powr},
	{"remainder", B, EXACT, EXACT, 0, 4, 8, NULL, remainderl},
	{"half_divide", B, H, 0, 0, 8, 0, NULL, r_divide},
	{"half_powr", B, H, 0, 0, 16, 0, NULL, r_powr},
	{"native_divide", B, H, 0, 0, 2, 0, NULL, r_divide},
	{"native_powr", B, H, 0, 0, 3, 0, NULL, r_powr},
	{"fmax", BS, EXACT, EXACT, F_NOSZ, 4, 2, NULL, fmaxl},
	{"fmin", BS, EXACT, EXACT, F_NOSZ, 16, 3, NULL, fminl},
	{"fma", TER, EXACT, EXACT, 0, 8, 16},
	{"mad", TER, EXACT, EXACT, 0, 3, 4},
	{"ilogb", I, EXACT, EXACT, 0, 2, 3},
	{"ldexp", BI, EXACT, EXACT, 0, 3, 4},
	{"ldexp", BIS, EXACT, EXACT, 0, 16, 8},
	{"pown", BI, 16, 16, 0, 4, 8, NULL, NULL, r_pown},
	{"rootn", BI, 16, 16, 0, 8, 16, NULL, NULL, r_rootn},
	{"nan", NANK, EXACT, EXACT, 0, 16, 2},
	{"fract", PT, EXACT, EXACT, 0, 2, 3},
	{"modf", PT, EXACT, EXACT, 0, 3, 4},
	{"sincos", PT, 4, 4, 0, 4, 8},
	{"frexp", PI, EXACT, EXACT, 0, 8, 16},
	{"lgamma_r", PI, 16, 16, F_ABS, 16, 2},
	{"remquo", RQ, EXACT, EXACT, 0, 2, 3},
};
#define NFNS ((int)(sizeof fns / sizeof fns[0]))

static void kernel_name(char *buf, size_t sz, const fn *f, int dbl, int as) {
	snprintf(buf, sz, "k_%s%s_%c%s%s", f->name, f->kind == BS ? "_vs" : f->kind == BIS ? "_vi" : "",
		dbl ? 'd' : 'f', as >= 0 ? "_" : "", as >= 0 ? as_names[as] : "");
}

static void gen_sources(void) {
	append(0, prelude, "", "", "", "", 1);
	append(1, prelude, "", "", "", "", 4);
	for (int i = 0; i < NFNS; i++) {
		const fn *f = &fns[i];
		for (int dbl = 0; dbl < 2; dbl++) {
			double bound = dbl ? f->ud : f->uf;
			if (bound == 0) continue;
			const char *T = dbl ? "double" : "float";
			const char *P = f->kind == NANK ? (dbl ? "ulong" : "uint") : f->kind == PT ? T : "int";
			char K[64];
			kernel_name(K, sizeof K, f, dbl, -1);
			/* ID's width: re-expand the prelude macro per kernel */
			char id[96];
			snprintf(id, sizeof id, "#undef ID\n#define ID size_t i = get_global_id(0); int vec = i < get_global_size(0) / %d;\n",
				dbl ? f->wd : f->wf);
			append(0, id, "", "", "", "", 1);
			append(0, tmpl[f->kind == PI ? PT : f->kind], K, f->name, T, P, dbl ? f->wd : f->wf);
			if (f->kind == PT || f->kind == PI || f->kind == RQ) {
				append(1, "#undef ID\n#define ID size_t i = get_global_id(0); int vec = i < get_global_size(0) / 4;\n", "", "", "", "", 4);
				for (int as = 0; as < 3; as++) {
					kernel_name(K, sizeof K, f, dbl, as);
					append(1, tmpl_as[as][f->kind == RQ], K, f->name, T, P, 4);
				}
			}
		}
	}
}

/* ---- exact references in the format ---- */

static LD ex_maxmag(LD x, LD y, int min) {
	LD ax = fabsl(x), ay = fabsl(y);
	if (min) return ax < ay ? x : ay < ax ? y : fminl(x, y);
	return ax > ay ? x : ay > ax ? y : fmaxl(x, y);
}

/* The low 7 bits of the quotient |x/y| rounded to nearest even, exactly:
 * the 64-bit mantissas as integers, |x| mod 256|y| by doubling. */
static int quo_bits(LD x, LD y) {
	int ex, ey;
	LD fx = frexpl(fabsl(x), &ex), fy = frexpl(fabsl(y), &ey);
	unsigned __int128 mx = (uint64_t)ldexpl(fx, 64), my = (uint64_t)ldexpl(fy, 64);
	int d = ex - ey;
	if (d < -1) return 0;
	if (d == -1) return mx > my ? 1 : 0; /* |x/y| = mx / 2my < 1 */
	unsigned __int128 m = my << 8, rem = mx % m;
	for (int k = 0; k < d; k++) rem = (rem << 1) % m;
	unsigned q = (unsigned)(rem / my);
	unsigned __int128 f = rem % my;
	if (2 * f > my || (2 * f == my && (q & 1))) q++;
	return q & 127;
}

/* Computes the expected result of f at element j (inputs x, y, z, n, u) as
 * ref (and ref2, refi for second results); returns the bound to use. */
typedef struct {
	LD v, v2;
	int vi, exact;
} expect;

static double expected(const fn *f, int dbl, LD x, LD y, LD z, int n, uint64_t u, expect *e) {
	double bound = dbl ? f->ud : f->uf;
	const char *nm = f->name;
	memset(e, 0, sizeof *e);
	g_exact = 0;
	switch (f->kind) {
	case U:
		if (bound == EXACT && !strcmp(nm, "sqrt")) e->v = sqrt((double)x);
		else e->v = f->l1(x);
		break;
	case B:
	case BS:
		if (!strcmp(nm, "fdim")) e->v = dbl ? fdim((double)x, (double)y) : fdimf((float)x, (float)y);
		else if (!strcmp(nm, "maxmag")) e->v = ex_maxmag(x, y, 0);
		else if (!strcmp(nm, "minmag")) e->v = ex_maxmag(x, y, 1);
		else if (!strcmp(nm, "nextafter")) e->v = dbl ? nextafter((double)x, (double)y) : nextafterf((float)x, (float)y);
		else e->v = f->l2(x, y);
		break;
	case TER:
		e->v = dbl ? fma((double)x, (double)y, (double)z) : fmaf((float)x, (float)y, (float)z);
		break;
	case I:
		e->vi = x == 0 ? INT_MIN : (isnan(x) || isinf(x)) ? INT_MAX : ilogbl(x);
		break;
	case BI:
	case BIS:
		if (!strcmp(nm, "ldexp")) e->v = dbl ? ldexp((double)x, n) : ldexpf((float)x, n);
		else e->v = f->li(x, n);
		break;
	case NANK:
		e->v = NAN;
		break;
	case PT:
		if (!strcmp(nm, "fract")) {
			LD fl = floorl(x);
			e->v2 = fl;
			if (isnan(x)) e->v = x;
			else if (isinf(x)) e->v = copysignl(0, x);
			else if (x == 0) e->v = x;
			else {
				LD d = dbl ? (LD)((double)x - (double)fl) : (LD)((float)x - (float)fl);
				LD top = dbl ? 0x1.fffffffffffffp-1L : 0x1.fffffep-1L;
				e->v = d < top ? d : top;
			}
		} else if (!strcmp(nm, "modf")) {
			e->v2 = truncl(x);
			e->v = copysignl(isinf(x) ? 0 : x - truncl(x), x);
		} else { /* sincos */
			e->v = sinl(x);
			e->v2 = cosl(x);
		}
		break;
	case PI:
		if (!strcmp(nm, "frexp")) {
			if (isnan(x) || isinf(x) || x == 0) { e->v = x; e->vi = 0; }
			else e->v = frexpl(x, &e->vi);
		} else { /* lgamma_r */
			e->v = lgammal(x);
			if (x == 0 || (x < 0 && x == floorl(x))) e->vi = 0;
			else if (isnan(x)) e->vi = INT_MIN; /* unspecified */
			else e->vi = (x > 0 || fmodl(floorl(x), 2) == 0) ? 1 : -1; /* Γ < 0 on (-2k-1, -2k) */
		}
		break;
	case RQ:
		if (isnan(x) || isnan(y) || isinf(x) || y == 0) {
			e->v = NAN;
			e->vi = 0;
		} else {
			e->v = remainderl(x, y);
			int q = isinf(y) ? 0 : quo_bits(x, y);
			e->vi = (signbit(x) != signbit(y)) ? -q : q;
		}
		break;
	}
	e->exact = g_exact;
	return bound;
}

/* ---- running ---- */

typedef struct {
	test_env *t;
	cl_program prog[2];
	cl_mem in[4], out[4];
} device;

static void to_buf(int dbl, void *dst, const LD *src) {
	for (int i = 0; i < N; i++) {
		if (dbl) ((double *)dst)[i] = (double)src[i];
		else ((float *)dst)[i] = (float)src[i];
	}
}
static void from_buf(int dbl, LD *dst, const void *src) {
	for (int i = 0; i < N; i++) dst[i] = dbl ? ((const double *)src)[i] : ((const float *)src)[i];
}

static void *scratch;

static void set_in(device *d, int k, const void *data, size_t size) {
	CHECK_OK(clEnqueueWriteBuffer(d->t->queue, d->in[k], CL_TRUE, 0, size, data, 0, NULL, NULL));
}

static int enqueue(device *d, int which, const char *kname, int nout, int nin, size_t local) {
	cl_int err;
	cl_kernel k = clCreateKernel(d->prog[which], kname, &err);
	if (err != CL_SUCCESS) {
		fprintf(stderr, "kernel %s: %d\n", kname, err);
		CHECK_OK(err);
		return 0;
	}
	int a = 0;
	for (int i = 0; i < nout; i++) clSetKernelArg(k, a++, sizeof(cl_mem), &d->out[i]);
	for (int i = 0; i < nin; i++) clSetKernelArg(k, a++, sizeof(cl_mem), &d->in[i]);
	size_t gs = N;
	err = clEnqueueNDRangeKernel(d->t->queue, k, 1, NULL, &gs, local ? &local : NULL, 0, NULL, NULL);
	CHECK_OK(err);
	clReleaseKernel(k);
	return err == CL_SUCCESS;
}

static void read_out(device *d, int k, int dbl, int isint, LD *dst, int *idst) {
	CHECK_OK(clEnqueueReadBuffer(d->t->queue, d->out[k], CL_TRUE, 0, (size_t)N * 8, scratch, 0, NULL, NULL));
	if (isint) memcpy(idst, scratch, N * sizeof(int));
	else from_buf(dbl, dst, scratch);
}

static run R;
static int total_bad;

/* Runs f (float or double) through kernel kname and judges every result. */
static void test_fn(device *d, const fn *f, int dbl, int which, const char *kname, int w) {
	run *r = &R;
	double bound = dbl ? f->ud : f->uf;
	r->dbl = dbl;
	make_inputs(r, f->kind);
	int nin = 1, nout = 2;
	switch (f->kind) {
	case B: case BS: case RQ: nin = 2; break;
	case TER: nin = 3; break;
	case BI: case BIS: nin = 2; break;
	default: break;
	}
	if (f->kind == PT || f->kind == PI || f->kind == RQ) nout = 4;
	/* inputs */
	size_t tsz = dbl ? 8 : 4;
	if (f->kind == NANK) {
		if (dbl) set_in(d, 0, r->u, (size_t)N * 8);
		else { uint32_t *p = scratch; for (int i = 0; i < N; i++) p[i] = (uint32_t)r->u[i]; set_in(d, 0, p, (size_t)N * 4); }
	} else {
		to_buf(dbl, scratch, r->a); set_in(d, 0, scratch, N * tsz);
	}
	if (f->kind == B || f->kind == BS || f->kind == RQ || f->kind == TER) { to_buf(dbl, scratch, r->b); set_in(d, 1, scratch, N * tsz); }
	if (f->kind == TER) { to_buf(dbl, scratch, r->c); set_in(d, 2, scratch, N * tsz); }
	if (f->kind == BI || f->kind == BIS) set_in(d, 1, r->n, N * sizeof(int));
	if (!enqueue(d, which, kname, nout, nin, which ? 64 : 0)) { total_bad++; return; }
	/* outputs: o, ov; or o, o2, ov, ov2 (o2 and ov2 int for frexp, lgamma_r, remquo) */
	if (f->kind == I) {
		read_out(d, 0, dbl, 1, NULL, r->oi);
		read_out(d, 1, dbl, 1, NULL, r->ovi);
	} else if (nout == 2) {
		read_out(d, 0, dbl, 0, r->o, NULL);
		read_out(d, 1, dbl, 0, r->ov, NULL);
	} else {
		int int2 = f->kind != PT;
		read_out(d, 0, dbl, 0, r->o, NULL);
		read_out(d, 1, dbl, int2, r->o2, r->oi);
		read_out(d, 2, dbl, 0, r->ov, NULL);
		read_out(d, 3, dbl, int2, r->ov2, r->ovi);
	}
	tally ts = {kname, dbl, 1, 0, 0}, tv = {kname, dbl, w, 0, 0};
	int nvec = (N / w) * w;
	for (int path = 0; path < 2; path++) {
		tally *t = path ? &tv : &ts;
		int count = path ? nvec : N;
		for (int j = 0; j < count; j++) {
			LD x = r->a[j], y = r->b[j];
			int n = r->n[j];
			if (path && f->kind == BS) y = r->b[j / w];
			if (path && f->kind == BIS) n = r->n[j / w];
			if ((f->flags & F_DOM16) && !(fabsl(x) <= 0x1p16)) continue;
			expect e;
			expected(f, dbl, x, y, r->c[j], n, r->u[j], &e);
			LD got = path ? r->ov[j] : r->o[j];
			int goti = path ? r->ovi[j] : r->oi[j];
			if (f->kind == NANK) {
				if (!isnan(got)) report(t, j, "not a NaN", (LD)r->u[j], 0, got, NAN, 0);
				continue;
			}
			if (f->kind == I) {
				if (goti != e.vi) report(t, j, "ilogb", x, 0, goti, e.vi, 0);
				continue;
			}
			if (!strcmp(f->name, "mad")) { /* a correctly rounded fma, or a correctly rounded multiply then add */
				LD alt = dbl ? (LD)((double)x * (double)y + (double)r->c[j]) : (LD)((float)x * (float)y + (float)r->c[j]);
				if (same(got, alt, 0)) continue;
			}
			judge(t, j, x, y, got, e.v, bound, f->flags, e.exact);
			if (f->kind == PT) {
				LD got2 = path ? r->ov2[j] : r->o2[j];
				judge(t, j, x, y, got2, e.v2, bound, f->flags, 0);
			} else if (f->kind == PI || f->kind == RQ) {
				if (f->kind == PI && !strcmp(f->name, "lgamma_r") && isnan(x)) continue;
				int ok = goti == e.vi;
				if (f->kind == RQ && !ok && e.vi != 0) /* at least the 7 low bits, with the sign of x/y */
					ok = (goti < 0) == (e.vi < 0) && (abs(goti) & 127) == abs(e.vi);
				if (!ok) report(t, j, "second result", x, y, goti, e.vi, 0);
			}
		}
	}
	if (getenv("VERBOSE"))
		printf("%-28s max %.3f ulp (vector x%d: %.3f)\n", kname, ts.maxerr, w, tv.maxerr);
	if (ts.bad || tv.bad)
		fprintf(stderr, "%s: %d scalar and %d vector (x%d) results wrong\n", kname, ts.bad, tv.bad, w);
	CHECK(ts.bad == 0);
	CHECK(tv.bad == 0);
	total_bad += ts.bad + tv.bad;
}

int main(void) {
	test_env t = test_setup();
	cl_int err;
	device d = {&t};
	(void)check_garbage; /* (check.h) */
	scratch = malloc((size_t)N * 8);
	gen_sources();
	d.prog[0] = check_build(&t, src_main, "-cl-std=CL3.0");
	d.prog[1] = check_build(&t, src_as, "-cl-std=CL1.2");
	for (int i = 0; i < 4; i++) {
		d.in[i] = clCreateBuffer(t.context, CL_MEM_READ_ONLY, (size_t)N * 8, NULL, &err);
		REQUIRE_OK(err);
		d.out[i] = clCreateBuffer(t.context, CL_MEM_READ_WRITE, (size_t)N * 8, NULL, &err);
		REQUIRE_OK(err);
	}
	for (int i = 0; i < NFNS; i++) {
		const fn *f = &fns[i];
		for (int dbl = 0; dbl < 2; dbl++) {
			if ((dbl ? f->ud : f->uf) == 0) continue;
			char K[64];
			kernel_name(K, sizeof K, f, dbl, -1);
			test_fn(&d, f, dbl, 0, K, dbl ? f->wd : f->wf);
			if (f->kind == PT || f->kind == PI || f->kind == RQ)
				for (int as = 0; as < 3; as++) {
					kernel_name(K, sizeof K, f, dbl, as);
					test_fn(&d, f, dbl, 1, K, 4);
				}
		}
	}
	for (int i = 0; i < 4; i++) {
		clReleaseMemObject(d.in[i]);
		clReleaseMemObject(d.out[i]);
	}
	clReleaseProgram(d.prog[0]);
	clReleaseProgram(d.prog[1]);
	test_teardown(&t);
	return check_done();
}
