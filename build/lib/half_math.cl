/* Math builtins for half and halfn (cl_khr_fp16): the float builtin on the
 * exact float value, rounded once to half. The float results are within a
 * few float ulp, which after rounding to half is within about half a half
 * ulp: inside every bound of the specification's half column, and correctly
 * rounded where the float function is exact or correctly rounded (sqrt:
 * float's 24 bits are more than 2 · 11 + 2, so rounding twice is
 * harmless). Thin wrappers keep the library small and quick to compile.
 *
 * Written apart: fma (exact in double), nextafter and nan (half's own
 * encoding), fract (its largest result below 1 is half's).
 *
 * The float builtins are called through helpers defined before any half
 * overload of their name: once a file defines sin(half2), clang 19 no
 * longer finds the header's sin(float2) for calls that follow. */
#pragma OPENCL EXTENSION cl_khr_fp16 : enable
#include "math.h"

#define TOF(x, n) CONV(x, float, n)
#define TOH(x, n) CONV(x, half, n)
#define FLT INL OVL
#define WIDTHS(M) M() M(2) M(3) M(4) M(8) M(16)

/* F(x), F(x, y), F(x, y, z): half in, half out */
#define F1(F, n) FLT float##n F##_f(float##n x) { return F(x); }
#define H1(F, n) OVL half##n F(half##n x) { return TOH(F##_f(TOF(x, n)), n); }
#define F2(F, n) FLT float##n F##_f(float##n x, float##n y) { return F(x, y); }
#define H2(F, n) OVL half##n F(half##n x, half##n y) { return TOH(F##_f(TOF(x, n), TOF(y, n)), n); }
#define F3(F, n) FLT float##n F##_f(float##n x, float##n y, float##n z) { return F(x, y, z); }
#define H3(F, n) OVL half##n F(half##n x, half##n y, half##n z) { return TOH(F##_f(TOF(x, n), TOF(y, n), TOF(z, n)), n); }
/* F(x, int k) */
#define FI(F, n) FLT float##n F##_f(float##n x, int##n k) { return F(x, k); }
#define HI(F, n) OVL half##n F(half##n x, int##n k) { return TOH(F##_f(TOF(x, n), k), n); }
/* F(x, P *p): a second result through a pointer, of type P##n (half or int) */
#define FP(F, P, n) FLT float##n F##_f(float##n x, P##n *p) { return F(x, p); }
#define HP_half(F, n) OVL half##n F(half##n x, half##n *p) { \
		float##n q; half##n r = TOH(F##_f(TOF(x, n), &q), n); *p = TOH(q, n); return r; }
#define HP_int(F, n) OVL half##n F(half##n x, int##n *p) { return TOH(F##_f(TOF(x, n), p), n); }

#define UNARY(M) M(acos) M(acosh) M(acospi) M(asin) M(asinh) M(asinpi) M(atan) M(atanh) M(atanpi) \
	M(cbrt) M(ceil) M(cos) M(cosh) M(cospi) M(erf) M(erfc) M(exp) M(exp2) M(exp10) M(expm1) M(fabs) \
	M(floor) M(lgamma) M(log) M(log2) M(log10) M(log1p) M(logb) M(rint) M(round) M(rsqrt) M(sin) \
	M(sinh) M(sinpi) M(sqrt) M(tan) M(tanh) M(tanpi) M(tgamma) M(trunc)
#define BINARY(M) M(atan2) M(atan2pi) M(copysign) M(fdim) M(fmax) M(fmin) M(fmod) M(hypot) M(maxmag) \
	M(minmag) M(pow) M(powr) M(remainder)
#define WITH_INT(M) M(pown) M(rootn) M(ldexp)

#define EACH_W(F, M) ALLW(M, F)
#define U_F(F) EACH_W(F, F1)
#define U_H(F) EACH_W(F, H1)
#define B_F(F) EACH_W(F, F2)
#define B_H(F) EACH_W(F, H2)
#define I_F(F) EACH_W(F, FI)
#define I_H(F) EACH_W(F, HI)

/* ---- the float helpers first ---- */
UNARY(U_F)
BINARY(B_F)
WITH_INT(I_F)
ALLW(F3, mad)
ALLW(FP, frexp, int) ALLW(FP, lgamma_r, int) ALLW(FP, modf, float) ALLW(FP, sincos, float)
#define FILOGB(n) FLT int##n ilogb_f(float##n x) { return ilogb(x); }
#define FREMQUO(n) FLT float##n remquo_f(float##n x, float##n y, int##n *q) { return remquo(x, y, q); }
WIDTHS(FILOGB) WIDTHS(FREMQUO)

/* ---- then the half forms ---- */
UNARY(U_H)
BINARY(B_H)
WITH_INT(I_H)
ALLW(H3, mad)
ALLW(HP_int, frexp) ALLW(HP_int, lgamma_r) ALLW(HP_half, modf) ALLW(HP_half, sincos)
#define HILOGB(n) OVL int##n ilogb(half##n x) { return ilogb_f(TOF(x, n)); }
#define HREMQUO(n) OVL half##n remquo(half##n x, half##n y, int##n *q) { \
		return TOH(remquo_f(TOF(x, n), TOF(y, n), q), n); }
WIDTHS(HILOGB) WIDTHS(HREMQUO)

/* fmax, fmin, ldexp with a scalar second operand */
#define HVS(n) \
	OVL half##n fmax(half##n x, half y) { return fmax(x, (half##n)y); } \
	OVL half##n fmin(half##n x, half y) { return fmin(x, (half##n)y); } \
	OVL half##n ldexp(half##n x, int k) { return ldexp(x, (int##n)k); }
HVS(2) HVS(3) HVS(4) HVS(8) HVS(16)

/* fma in float, rounded to odd, then to half: a·b is exact in float (22
 * significant bits), a·b + c is rounded once in float (s), and TwoSum gives
 * that rounding's exact error. An inexact s becomes the exact sum
 * truncated toward zero with its last bit set (rounding to odd): with 13
 * more bits than half, its rounding to half is the correct rounding of the
 * exact sum, with no double rounding. All of it is float and integer
 * arithmetic on vectors (it used to go through double and half's bits in
 * 64-bit lanes: a half GEMM loop 4× slower). Infinities and NaNs (s not
 * finite) pass through. */
#define HFMA(n) \
	OVL half##n fma(half##n a, half##n b, half##n c) { \
		float##n p = TOF(a, n) * TOF(b, n), fc = TOF(c, n); \
		float##n sum = p + fc, bb = sum - p; \
		float##n err = (p - (sum - bb)) + (fc - bb); \
		int##n bits = as_int##n(sum); \
		int##n t = ((err < (float##n)0) != (sum < (float##n)0)) ? bits - (int##n)1 : bits; \
		int##n inexact = err != (float##n)0 && (bits & (int##n)0x7fffffff) < (int##n)0x7f800000; \
		return TOH(as_float##n(inexact ? t | (int##n)1 : bits), n); }
WIDTHS(HFMA)

/* nextafter on the sign-magnitude bits, ordered like the values */
#define HNEXT(n) \
	OVL half##n nextafter(half##n x, half##n y) { \
		short##n ix = as_short##n(x), iy = as_short##n(y); \
		short##n mx = ix < (short##n)0 ? -(ix & (short##n)0x7fff) : ix; \
		short##n my = iy < (short##n)0 ? -(iy & (short##n)0x7fff) : iy; \
		short##n mr = mx < my ? mx + (short##n)1 : mx - (short##n)1; \
		short##n ir = mr < (short##n)0 ? (short##n)((-mr) | (short##n)0x8000) : mr; \
		ir = mr == (short##n)0 ? (short##n)(ix & (short##n)0x8000) : ir; /* ±0 with the sign of x */ \
		half##n r = as_half##n(ir); \
		r = mx == my ? y : r; \
		return (x != x || y != y) ? x + y : r; }
WIDTHS(HNEXT)

/* nan: a quiet NaN carrying the code in its 9 low mantissa bits */
#define HNAN(n) OVL half##n nan(ushort##n code) { return as_half##n((ushort##n)((code & (ushort##n)0x1ff) | (ushort##n)0x7e00)); }
WIDTHS(HNAN)

/* fract: x - floor(x) (exact in float), below 1 by half's measure */
#define HFRACT(n) \
	OVL half##n fract(half##n x, half##n *ip) { \
		half##n fl = floor(x); \
		*ip = fl; \
		half##n r = TOH(__builtin_elementwise_min(TOF(x, n) - TOF(fl, n), (float##n)0x1.ffcp-1f), n); \
		r = __builtin_elementwise_abs(x) == (half##n)INFINITY ? copysign((half##n)0, x) : r; \
		r = x == (half##n)0 ? x : r; \
		return x != x ? x : r; }
WIDTHS(HFRACT)

/* The named address spaces (OpenCL C 1.x) */
ASP1(frexp, half, half, int)
ASP1(lgamma_r, half, half, int)
ASP1(modf, half, half, half)
ASP1(sincos, half, half, half)
ASP1(fract, half, half, half)
ASP2(remquo, half, half, int)
