/* Shared by the math builtins (math_*.cl): helpers that generate the vector
 * forms, and glibc's libm under private names.
 *
 * build/lib is on the include path of every library file, so a C file that
 * includes <math.h> finds this file first: hand it the system header. */
#ifndef __OPENCL_C_VERSION__
#include_next <math.h>
#else
#ifndef GOCL_MATH_H
#define GOCL_MATH_H

#pragma OPENCL EXTENSION cl_khr_fp64 : enable

#define OVL __attribute__((overloadable))
#define INL static inline __attribute__((always_inline))

/* glibc's libm (every program is linked with -lm; glibc is within 1-2 ulp
 * for these). The OpenCL C names are overloaded builtins, so the C functions
 * are reached through asm labels. errno is invisible to kernels: const. */
#define LIBM1F(c) __attribute__((const)) float __libm_##c(float) __asm__(#c);
#define LIBM1D(c) __attribute__((const)) double __libm_##c(double) __asm__(#c);
#define LIBM2F(c) __attribute__((const)) float __libm_##c(float, float) __asm__(#c);
#define LIBM2D(c) __attribute__((const)) double __libm_##c(double, double) __asm__(#c);

/* ---- generating the widths ---- */

/* ALLW(M, a...) expands M(a..., n) for n = (scalar), 2, 3, 4, 8, 16; within
 * M, T##n names the type (float##n: float, float2 …). */
#define ALLW(M, ...) M(__VA_ARGS__, ) M(__VA_ARGS__, 2) M(__VA_ARGS__, 3) \
	M(__VA_ARGS__, 4) M(__VA_ARGS__, 8) M(__VA_ARGS__, 16)

/* CONV(v, T, n): v converted to T##n (a cast for scalars; OpenCL C has no
 * vector casts). */
#define CONV(v, T, n) CONV_##n(v, T, n)
#define CONV_(v, T, n) ((T)(v))
#define CONV_2(v, T, n) __builtin_convertvector(v, T##n)
#define CONV_3(v, T, n) __builtin_convertvector(v, T##n)
#define CONV_4(v, T, n) __builtin_convertvector(v, T##n)
#define CONV_8(v, T, n) __builtin_convertvector(v, T##n)
#define CONV_16(v, T, n) __builtin_convertvector(v, T##n)

/* Vector forms of a scalar function, one component (or half) at a time:
 * 2, 4, 8, 16 split into halves (.lo/.hi), 3 into components. */
#define VEC1(F, R, A) \
	OVL R##2 F(A##2 x) { return (R##2)(F(x.lo), F(x.hi)); } \
	OVL R##3 F(A##3 x) { return (R##3)(F(x.s0), F(x.s1), F(x.s2)); } \
	OVL R##4 F(A##4 x) { return (R##4)(F(x.lo), F(x.hi)); } \
	OVL R##8 F(A##8 x) { return (R##8)(F(x.lo), F(x.hi)); } \
	OVL R##16 F(A##16 x) { return (R##16)(F(x.lo), F(x.hi)); }

#define VEC2(F, R, A, B) \
	OVL R##2 F(A##2 x, B##2 y) { return (R##2)(F(x.lo, y.lo), F(x.hi, y.hi)); } \
	OVL R##3 F(A##3 x, B##3 y) { return (R##3)(F(x.s0, y.s0), F(x.s1, y.s1), F(x.s2, y.s2)); } \
	OVL R##4 F(A##4 x, B##4 y) { return (R##4)(F(x.lo, y.lo), F(x.hi, y.hi)); } \
	OVL R##8 F(A##8 x, B##8 y) { return (R##8)(F(x.lo, y.lo), F(x.hi, y.hi)); } \
	OVL R##16 F(A##16 x, B##16 y) { return (R##16)(F(x.lo, y.lo), F(x.hi, y.hi)); }

/* F(x, P *p): a second result through a pointer (generic address space). */
#define VECP1_H(F, R, A, P, n, h) \
	OVL R##n F(A##n x, P##n *p) { \
		P##h a, b; R##n r = (R##n)(F(x.lo, &a), F(x.hi, &b)); \
		*p = (P##n)(a, b); return r; }
#define VECP1(F, R, A, P) \
	VECP1_H(F, R, A, P, 2, ) VECP1_H(F, R, A, P, 4, 2) VECP1_H(F, R, A, P, 8, 4) VECP1_H(F, R, A, P, 16, 8) \
	OVL R##3 F(A##3 x, P##3 *p) { \
		P a, b, c; R##3 r = (R##3)(F(x.s0, &a), F(x.s1, &b), F(x.s2, &c)); \
		*p = (P##3)(a, b, c); return r; }

/* F(x, y, P *p) */
#define VECP2_H(F, R, A, P, n, h) \
	OVL R##n F(A##n x, A##n y, P##n *p) { \
		P##h a, b; R##n r = (R##n)(F(x.lo, y.lo, &a), F(x.hi, y.hi, &b)); \
		*p = (P##n)(a, b); return r; }
#define VECP2(F, R, A, P) \
	VECP2_H(F, R, A, P, 2, ) VECP2_H(F, R, A, P, 4, 2) VECP2_H(F, R, A, P, 8, 4) VECP2_H(F, R, A, P, 16, 8) \
	OVL R##3 F(A##3 x, A##3 y, P##3 *p) { \
		P a, b, c; R##3 r = (R##3)(F(x.s0, y.s0, &a), F(x.s1, y.s1, &b), F(x.s2, y.s2, &c)); \
		*p = (P##3)(a, b, c); return r; }

/* The named address spaces (what OpenCL C 1.x code calls) forward to the
 * generic pointer form: every address space is one address space here. */
#define ASP1_N(F, R, A, P, n) \
	OVL R##n F(A##n x, __global P##n *p) { return F(x, (P##n *)p); } \
	OVL R##n F(A##n x, __local P##n *p) { return F(x, (P##n *)p); } \
	OVL R##n F(A##n x, __private P##n *p) { return F(x, (P##n *)p); }
#define ASP1(F, R, A, P) ALLW(ASP1_N, F, R, A, P)

#define ASP2_N(F, R, A, P, n) \
	OVL R##n F(A##n x, A##n y, __global P##n *p) { return F(x, y, (P##n *)p); } \
	OVL R##n F(A##n x, A##n y, __local P##n *p) { return F(x, y, (P##n *)p); } \
	OVL R##n F(A##n x, A##n y, __private P##n *p) { return F(x, y, (P##n *)p); }
#define ASP2(F, R, A, P) ALLW(ASP2_N, F, R, A, P)

/* Double-double helpers (exact products with fma). */
typedef struct { double hi, lo; } gocl_dd;

INL gocl_dd gocl_dd_mul(gocl_dd a, gocl_dd b) {
	double p = a.hi * b.hi;
	double e = __builtin_fma(a.hi, b.hi, -p) + (a.hi * b.lo + a.lo * b.hi);
	gocl_dd r;
	r.hi = p + e;
	r.lo = e - (r.hi - p);
	return r;
}

#endif
#endif
