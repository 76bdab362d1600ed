/* Math builtins that are exact operations (OpenCL C 3.0 "Math Functions":
 * 0 ulp or correctly rounded): rounding, sign, min/max, fma, sqrt, the
 * exponent and mantissa functions, nan, nextafter, fract, modf, and the
 * division-like rsqrt, half_ and native_ forms of division and sqrt.
 * Written with vector operations (or LLVM's elementwise builtins, which
 * become single instructions), so every width is vector code. */
#include "math.h"

/* ---- elementwise builtins: one instruction (or a few) per vector ---- */

#define EW1(T, F, B, n) OVL T##n F(T##n x) { return B(x); }
#define EW2(T, F, B, n) OVL T##n F(T##n x, T##n y) { return B(x, y); }
#define EW3(T, F, B, n) OVL T##n F(T##n x, T##n y, T##n z) { return B(x, y, z); }

#define BOTH(M, ...) ALLW(M, float, __VA_ARGS__) ALLW(M, double, __VA_ARGS__)

BOTH(EW1, fabs, __builtin_elementwise_abs)
BOTH(EW1, ceil, __builtin_elementwise_ceil)
BOTH(EW1, floor, __builtin_elementwise_floor)
BOTH(EW1, trunc, __builtin_elementwise_trunc)
BOTH(EW1, round, __builtin_elementwise_round)
BOTH(EW1, rint, __builtin_elementwise_roundeven) /* the kernel rounding mode is always to nearest even */
BOTH(EW1, sqrt, __builtin_elementwise_sqrt)
BOTH(EW2, copysign, __builtin_elementwise_copysign)
BOTH(EW2, fmax, __builtin_elementwise_max) /* maxNum: a NaN operand yields the other */
BOTH(EW2, fmin, __builtin_elementwise_min)
BOTH(EW3, fma, __builtin_elementwise_fma)
BOTH(EW3, mad, __builtin_elementwise_fma) /* mad may be a correctly rounded fma */

/* fmax/fmin(vector, scalar) */
#define EWS(T, F, B, n) OVL T##n F(T##n x, T y) { return B(x, (T##n)y); }
#define VONLY(M, ...) M(__VA_ARGS__, 2) M(__VA_ARGS__, 3) M(__VA_ARGS__, 4) M(__VA_ARGS__, 8) M(__VA_ARGS__, 16)
VONLY(EWS, float, fmax, __builtin_elementwise_max)
VONLY(EWS, float, fmin, __builtin_elementwise_min)
VONLY(EWS, double, fmax, __builtin_elementwise_max)
VONLY(EWS, double, fmin, __builtin_elementwise_min)

/* ---- float and double as one template: T the type, I the integer of its
 * width (comparison results, bits), U unsigned, and the format's constants ---- */

#define F_ARGS float, int, uint, 0x7fffffff, 0x7f800000, 0x00800000, 23, 127
#define D_ARGS double, long, ulong, 0x7fffffffffffffffL, 0x7ff0000000000000L, 0x0010000000000000L, 52, 1023

/* fdim: x - y if x > y, +0 otherwise, NaN if either is. */
#define FDIM(T, I, U, ABS, INF, MINN, MB, BIAS, n) \
	OVL T##n fdim(T##n x, T##n y) { return (x > y || x != x || y != y) ? x - y : (T##n)0; }

/* maxmag/minmag: the operand of larger (smaller) magnitude, else fmax (fmin). */
#define MAXMAG(T, I, U, ABS, INF, MINN, MB, BIAS, n) \
	OVL T##n maxmag(T##n x, T##n y) { \
		T##n ax = fabs(x), ay = fabs(y); \
		return ax > ay ? x : ay > ax ? y : fmax(x, y); } \
	OVL T##n minmag(T##n x, T##n y) { \
		T##n ax = fabs(x), ay = fabs(y); \
		return ax < ay ? x : ay < ax ? y : fmin(x, y); }

/* nextafter on the integer images of the values, ordered like the values. */
#define NEXTAFTER(T, I, U, ABS, INF, MINN, MB, BIAS, n) \
	OVL T##n nextafter(T##n x, T##n y) { \
		I##n ix = as_##I##n(x), iy = as_##I##n(y); \
		I##n mx = ix < 0 ? -(ix & ABS) : (ix & ABS); \
		I##n my = iy < 0 ? -(iy & ABS) : (iy & ABS); \
		I##n mr = mx < my ? mx + 1 : mx - 1; \
		I##n ir = mr < 0 ? (-mr) | ~(I##n)ABS : mr; \
		ir = mr == 0 ? ix & ~(I##n)ABS : ir; \
		T##n r = as_##T##n(ir); \
		r = mx == my ? y : r; \
		return (x != x || y != y) ? x + y : r; }

/* ilogb as an I##n: the unbiased exponent; denormals through an exact
 * integer-to-floating conversion of their mantissa. */
#define ILOGB_BODY(T, I, U, ABS, INF, MINN, MB, BIAS, n) \
	I##n ax = as_##I##n(x) & ABS; \
	I##n e = (ax >> MB) - BIAS; \
	T##n dm = CONV(ax, T, n); /* exact: the mantissa of a denormal fits */ \
	I##n de = (as_##I##n(dm) >> MB) - BIAS - (BIAS - 1 + MB); \
	e = ax < MINN ? de : e;

#define ILOGB_F(T, I, U, ABS, INF, MINN, MB, BIAS, n) \
	OVL int##n ilogb(T##n x) { \
		ILOGB_BODY(T, I, U, ABS, INF, MINN, MB, BIAS, n) \
		e = ax == 0 ? (I##n)FP_ILOGB0 : e; \
		e = ax >= INF ? (I##n)FP_ILOGBNAN : e; /* and ilogb(±inf) = INT_MAX */ \
		return CONV(e, int, n); } \
	OVL T##n logb(T##n x) { \
		ILOGB_BODY(T, I, U, ABS, INF, MINN, MB, BIAS, n) \
		T##n r = CONV(e, T, n); \
		r = ax == 0 ? (T##n)(-INFINITY) : r; \
		return ax >= INF ? x * x : r; /* +inf for ±inf, NaN for NaN */ }

/* frexp: mantissa in [0.5, 1) and exponent; denormals scaled into the normal range first. */
#define FREXP(T, I, U, ABS, INF, MINN, MB, BIAS, n) \
	OVL T##n frexp(T##n x, int##n *ep) { \
		I##n ax = as_##I##n(x) & ABS; \
		I##n den = ax < MINN; \
		T##n xs = den ? x * (T##n)(MB == 23 ? 0x1p25 : 0x1p54) : x; \
		I##n is = as_##I##n(xs); \
		I##n e = ((is & ABS) >> MB) - (BIAS - 1) - (den ? (I##n)(MB == 23 ? 25 : 54) : (I##n)0); \
		T##n m = as_##T##n((is & ~((I##n)INF)) | as_##I##n((T##n)0.5)); \
		I##n special = ax == 0 || ax >= INF; \
		*ep = CONV(special ? (I##n)0 : e, int, n); \
		return special ? x + x : m; }

/* ldexp: x * 2^k correctly rounded: large scales in exact steps, so that
 * only the last multiplication rounds (as musl's scalbn). */
#define LDEXP(T, I, U, ABS, INF, MINN, MB, BIAS, n) \
	OVL T##n ldexp(T##n x, int##n k) { \
		I##n e = CONV(k, I, n); \
		const I##n lim = (I##n)(3 * BIAS); \
		e = e > lim ? lim : e; \
		e = e < -lim ? -lim : e; \
		const T##n up = as_##T##n((I##n)(2 * BIAS) << MB); /* 2^BIAS */ \
		const T##n down = as_##T##n((I##n)(MB + 2) << MB); /* 2^(1 - BIAS + MB + 1): stays normal */ \
		const I##n dstep = (I##n)(BIAS - 2 - MB); \
		for (int s = 0; s < 2; s++) { \
			I##n hi = e > BIAS, lo = e < 1 - BIAS; \
			x = hi ? x * up : lo ? x * down : x; \
			e = hi ? e - BIAS : lo ? e + dstep : e; \
		} \
		e = e > BIAS ? (I##n)BIAS : e; \
		e = e < 1 - BIAS ? (I##n)(1 - BIAS) : e; \
		return x * as_##T##n((e + BIAS) << MB); }

/* nan: a quiet NaN carrying the code in its mantissa. */
#define NAN_F(T, I, U, ABS, INF, MINN, MB, BIAS, n) \
	OVL T##n nan(U##n code) { \
		U##n m = ((U)1 << MB) - 1; \
		return as_##T##n((code & m) | (U##n)(INF | ((I)1 << (MB - 1)))); }

/* fract: x - floor(x), never 1.0; ±0, ±inf and NaN as the specification says. */
#define FRACT(T, I, U, ABS, INF, MINN, MB, BIAS, n) \
	OVL T##n fract(T##n x, T##n *ip) { \
		T##n fl = floor(x); \
		T##n r = fmin(x - fl, (T##n)(MB == 23 ? 0x1.fffffep-1 : 0x1.fffffffffffffp-1)); \
		*ip = fl; \
		r = fabs(x) == (T##n)INFINITY ? copysign((T##n)0, x) : r; \
		r = x == 0 ? x : r; \
		return x != x ? x : r; }

/* modf as the specification defines it: copysign(isinf(x) ? 0 : x - trunc(x), x). */
#define MODF(T, I, U, ABS, INF, MINN, MB, BIAS, n) \
	OVL T##n modf(T##n x, T##n *ip) { \
		T##n i = trunc(x); \
		*ip = i; \
		return copysign(fabs(x) == (T##n)INFINITY ? (T##n)0 : x - i, x); }

/* rsqrt: correctly rounded sqrt, then a correctly rounded division (≤ 1.5 ulp). */
#define RSQRT(T, I, U, ABS, INF, MINN, MB, BIAS, n) \
	OVL T##n rsqrt(T##n x) { return (T)1 / sqrt(x); }

#define ALL_T(M) ALLW(M, F_ARGS) ALLW(M, D_ARGS)

ALL_T(FDIM)
ALL_T(MAXMAG)
ALL_T(NEXTAFTER)
ALL_T(ILOGB_F)
ALL_T(FREXP)
ALL_T(LDEXP)
ALL_T(NAN_F)
ALL_T(FRACT)
ALL_T(MODF)
ALL_T(RSQRT)

ASP1(frexp, float, float, int)
ASP1(frexp, double, double, int)
ASP1(fract, float, float, float)
ASP1(fract, double, double, double)
ASP1(modf, float, float, float)
ASP1(modf, double, double, double)

/* ldexp(vector, int) */
#define LDEXPS(T, n) OVL T##n ldexp(T##n x, int k) { return ldexp(x, (int##n)k); }
VONLY(LDEXPS, float)
VONLY(LDEXPS, double)

/* ---- half_ and native_ forms that are divisions and square roots ---- */
#define HN(T, n) \
	OVL T##n half_divide(T##n x, T##n y) { return x / y; } \
	OVL T##n half_recip(T##n x) { return (T)1 / x; } \
	OVL T##n half_rsqrt(T##n x) { return rsqrt(x); } \
	OVL T##n half_sqrt(T##n x) { return sqrt(x); } \
	OVL T##n native_divide(T##n x, T##n y) { return x / y; } \
	OVL T##n native_recip(T##n x) { return (T)1 / x; } \
	OVL T##n native_rsqrt(T##n x) { return rsqrt(x); } \
	OVL T##n native_sqrt(T##n x) { return sqrt(x); }
ALLW(HN, float)
