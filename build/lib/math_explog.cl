/* exp, exp2, exp10, log, log2 and log10 for float (and so their half_ and
 * native_ forms): computed in double without branches or calls, so that
 * LLVM vectorizes them (and the work-item loops that call them), and
 * rounded once to float: within about half an ulp (the bound is 3). The
 * double forms are glibc's (math_libm.cl). */
#include "math.h"

#define LOG2E 0x1.71547652b82fep+0
#define LOG2_10 0x1.a934f0979a371p+1
#define LN2 0x1.62e42fefa39efp-1
#define LOG10E 0x1.bcb7b1526e50ep-2
#define LOG10_2 0x1.34413509f79ffp-2
#define SQRT2 0x1.6a09e667f3bcdp+0

/* 2^t rounded to float, for t in double (NaN stays NaN; beyond ±200 the
 * result is inf or 0 anyway). 2^t = 2^k · 2^f, f in [-1/2, 1/2], 2^f from
 * its Taylor series to degree 10 (error below 1e-12). */
#define EXP2F(n) \
	INL OVL float##n exp2_to_float(double##n t) { \
		t = t > 200.0 ? (double##n)200.0 : t; \
		t = t < -200.0 ? (double##n)-200.0 : t; \
		double##n k = __builtin_elementwise_roundeven(t); \
		double##n f = t - k; \
		double##n p = 0x1.e4cf5158b8ecap-28; \
		p = p * f + 0x1.b5253d395e7c4p-24; \
		p = p * f + 0x1.62c0223a5c824p-20; \
		p = p * f + 0x1.ffcbfc588b0c7p-17; \
		p = p * f + 0x1.430912f86c787p-13; \
		p = p * f + 0x1.5d87fe78a6731p-10; \
		p = p * f + 0x1.3b2ab6fba4e77p-7; \
		p = p * f + 0x1.c6b08d704a0c0p-5; \
		p = p * f + 0x1.ebfbdff82c58fp-3; \
		p = p * f + 0x1.62e42fefa39efp-1; \
		p = p * f + 1.0; \
		long##n ki = CONV(t == t ? k : (double##n)0, long, n); /* no conversion of NaN */ \
		double##n s = as_double##n((ki + 1023) << 52); \
		return CONV(p * s, float, n); \
	} \
	OVL float##n exp2(float##n x) { return exp2_to_float(CONV(x, double, n)); } \
	OVL float##n exp(float##n x) { return exp2_to_float(CONV(x, double, n) * LOG2E); } \
	OVL float##n exp10(float##n x) { return exp2_to_float(CONV(x, double, n) * LOG2_10); }

/* x = 2^e · m, m in [√2/2, √2); ln(m) = 2 atanh(s), s = (m - 1)/(m + 1),
 * |s| ≤ 0.172, from its series to s^15 (error below 1e-13). For a
 * positive finite double x (a float: never a denormal here). */
#define LOGF(n) \
	INL OVL void log_parts(double##n x, double##n *e, double##n *lm) { \
		long##n b = as_long##n(x); \
		long##n ex = (b >> 52) - 1023; \
		double##n m = as_double##n((b & 0xfffffffffffffL) | 0x3ff0000000000000L); \
		long##n big = m > SQRT2; \
		m = big ? m * 0.5 : m; \
		ex = big ? ex + 1 : ex; \
		double##n s = (m - 1) / (m + 1), s2 = s * s; \
		double##n p = 2.0 / 15; \
		p = p * s2 + 2.0 / 13; \
		p = p * s2 + 2.0 / 11; \
		p = p * s2 + 2.0 / 9; \
		p = p * s2 + 2.0 / 7; \
		p = p * s2 + 2.0 / 5; \
		p = p * s2 + 2.0 / 3; \
		p = p * s2 + 2.0; \
		*e = CONV(ex, double, n); \
		*lm = s * p; \
	} \
	/* the special values: -inf at ±0, +inf at +inf, NaN below 0 and at NaN */ \
	INL OVL float##n log_special(float##n x, double##n r) { \
		float##n v = CONV(r, float, n); \
		v = x == 0 ? (float##n)(-INFINITY) : v; \
		v = x == INFINITY ? x : v; \
		return (x < 0 || x != x) ? (float##n)NAN : v; \
	} \
	OVL float##n log2(float##n x) { \
		double##n e, lm; log_parts(CONV(x, double, n), &e, &lm); \
		return log_special(x, e + lm * LOG2E); } \
	OVL float##n log(float##n x) { \
		double##n e, lm; log_parts(CONV(x, double, n), &e, &lm); \
		return log_special(x, e * LN2 + lm); } \
	OVL float##n log10(float##n x) { \
		double##n e, lm; log_parts(CONV(x, double, n), &e, &lm); \
		return log_special(x, e * LOG10_2 + lm * LOG10E); }

#define HN(F, n) \
	OVL float##n half_##F(float##n x) { return F(x); } \
	OVL float##n native_##F(float##n x) { return F(x); }
#define HN_ALL(n) HN(exp, n) HN(exp2, n) HN(exp10, n) HN(log, n) HN(log2, n) HN(log10, n)

#define ALLN(M) M() M(2) M(3) M(4) M(8) M(16)
ALLN(EXP2F)
ALLN(LOGF)
ALLN(HN_ALL)
