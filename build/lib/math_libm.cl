/* Math builtins computed by glibc's libm (float: the *f functions, double:
 * the plain ones), which is within 1-2 ulp for these (cbrt double, at up to
 * 4 ulp in glibc, is refined in math_special.cl; float exp and log:
 * math_explog.cl). Vector forms call the scalar function per component. */
#include "math.h"

/* Vectorized loops call glibc's vector math, libmvec (-fveclib=libmvec,
 * stage_codegen.go), for the libm functions it has, unless the call is to a
 * function the vectorizer does not know. Some of libmvec's forms are less
 * accurate than OpenCL allows; their calls go through scalar_<c>, kept out
 * of line, so that loops call libm's scalar form. Measured against libm on
 * 400,000 arguments each (the AVX2 forms): exp is 3 ulp off (OpenCL allows
 * 3; the CTS's full mode found 3.008), log1p 2 (allows 2) and log1pf 1.5
 * (2), cbrtf 2.8 (2), tanh 4 (5, less libm's own error, which is not 0),
 * asinh 3 (4); the others keep a margin of at least 1 ulp. */
#define SCALAR(c, T) __attribute__((noinline)) static T scalar_##c(T x) { return __libm_##c(x); }

/* F(x), each form calling libm's function directly (DIRECT) or out of
 * line (VIA_SCALAR) */
#define DIRECT(c) __libm_##c
#define VIA_SCALAR(c) scalar_##c
#define UNARY_BY(F, CF, CD, CALLF, CALLD) \
	OVL float F(float x) { return CALLF(CF)(x); } \
	OVL double F(double x) { return CALLD(CD)(x); } \
	VEC1(F, float, float) VEC1(F, double, double)
#define UNARY(F, CF, CD) LIBM1F(CF) LIBM1D(CD) UNARY_BY(F, CF, CD, DIRECT, DIRECT)
/* ... with the double form scalar (see SCALAR) */
#define UNARY_SCALAR_D(F, CF, CD) LIBM1F(CF) LIBM1D(CD) SCALAR(CD, double) UNARY_BY(F, CF, CD, DIRECT, VIA_SCALAR)
/* ... with both forms scalar */
#define UNARY_SCALAR(F, CF, CD) \
	LIBM1F(CF) LIBM1D(CD) SCALAR(CF, float) SCALAR(CD, double) UNARY_BY(F, CF, CD, VIA_SCALAR, VIA_SCALAR)

UNARY(acos, acosf, acos)
UNARY(acosh, acoshf, acosh)
UNARY(asin, asinf, asin)
UNARY_SCALAR_D(asinh, asinhf, asinh)
UNARY(atan, atanf, atan)
UNARY(atanh, atanhf, atanh)
UNARY(cos, cosf, cos)
UNARY(cosh, coshf, cosh)
UNARY(erf, erff, erf)
UNARY(erfc, erfcf, erfc)
UNARY(expm1, expm1f, expm1)
UNARY_SCALAR(log1p, log1pf, log1p)
UNARY(sin, sinf, sin)
UNARY(sinh, sinhf, sinh)
UNARY(tan, tanf, tan)
UNARY_SCALAR_D(tanh, tanhf, tanh)
UNARY(tgamma, tgammaf, tgamma)

/* double only: the float forms are in math_explog.cl */
#define UNARY_D(F, CD) \
	LIBM1D(CD) \
	OVL double F(double x) { return __libm_##CD(x); } \
	VEC1(F, double, double)

LIBM1D(exp) SCALAR(exp, double)
OVL double exp(double x) { return scalar_exp(x); }
VEC1(exp, double, double)
UNARY_D(exp2, exp2)
UNARY_D(exp10, exp10)
UNARY_D(log, log)
UNARY_D(log2, log2)
UNARY_D(log10, log10)

/* cbrt float (double: math_special.cl) */
LIBM1F(cbrtf) SCALAR(cbrtf, float)
OVL float cbrt(float x) { return scalar_cbrtf(x); }
VEC1(cbrt, float, float)

/* F(x, y) */
#define BINARY(F, CF, CD) \
	LIBM2F(CF) LIBM2D(CD) \
	OVL float F(float x, float y) { return __libm_##CF(x, y); } \
	OVL double F(double x, double y) { return __libm_##CD(x, y); } \
	VEC2(F, float, float, float) VEC2(F, double, double, double)

BINARY(atan2, atan2f, atan2)
BINARY(fmod, fmodf, fmod)
BINARY(hypot, hypotf, hypot)
BINARY(pow, powf, pow)
BINARY(remainder, remainderf, remainder)

/* sincos: the sine, and the cosine through the pointer */
void __libm_sincosf(float, float *, float *) __asm__("sincosf");
void __libm_sincos(double, double *, double *) __asm__("sincos");
OVL float sincos(float x, float *cp) { float s, c; __libm_sincosf(x, &s, &c); *cp = c; return s; }
OVL double sincos(double x, double *cp) { double s, c; __libm_sincos(x, &s, &c); *cp = c; return s; }
VECP1(sincos, float, float, float)
VECP1(sincos, double, double, double)
ASP1(sincos, float, float, float)
ASP1(sincos, double, double, double)

/* lgamma_r: the sign of gamma(x) through the pointer, 0 where x is zero or
 * a negative integer (the poles). */
float __libm_lgammaf_r(float, int *) __asm__("lgammaf_r");
double __libm_lgamma_r(double, int *) __asm__("lgamma_r");
OVL float lgamma_r(float x, int *sp) {
	int s;
	float r = __libm_lgammaf_r(x, &s);
	*sp = (x == 0 || (x < 0 && x == __builtin_floorf(x))) ? 0 : s;
	return r;
}
OVL double lgamma_r(double x, int *sp) {
	int s;
	double r = __libm_lgamma_r(x, &s);
	*sp = (x == 0 || (x < 0 && x == __builtin_floor(x))) ? 0 : s;
	return r;
}

/* lgamma through the reentrant functions: glibc's lgamma writes the global
 * signgam, which the worker threads would race on. */
OVL float lgamma(float x) { int s; return __libm_lgammaf_r(x, &s); }
OVL double lgamma(double x) { int s; return __libm_lgamma_r(x, &s); }
VEC1(lgamma, float, float) VEC1(lgamma, double, double)
VECP1(lgamma_r, float, float, int)
VECP1(lgamma_r, double, double, int)
ASP1(lgamma_r, float, float, int)
ASP1(lgamma_r, double, double, int)

/* ---- half_ and native_ forms (float only): the full-precision functions,
 * which meet half_'s 8192 ulp and native_'s implementation-defined bounds
 * (exp and log: math_explog.cl) ---- */
#define HN1(F, n) \
	OVL float##n half_##F(float##n x) { return F(x); } \
	OVL float##n native_##F(float##n x) { return F(x); }
#define HN_ALL(n) HN1(cos, n) HN1(sin, n) HN1(tan, n) \
	OVL float##n half_powr(float##n x, float##n y) { return powr(x, y); } \
	OVL float##n native_powr(float##n x, float##n y) { return powr(x, y); }
HN_ALL() HN_ALL(2) HN_ALL(3) HN_ALL(4) HN_ALL(8) HN_ALL(16)
