/* Common and geometric functions for half and halfn (cl_khr_fp16): the
 * float function on the exact float values, rounded once to half (as
 * half_math.cl, whose note on helpers applies: the float functions are
 * reached through helpers defined before any half overload of their name).
 * The vector forms with scalar arguments come from common.h. */
#pragma OPENCL EXTENSION cl_khr_fp16 : enable
#include "math.h"
#include "common.h"

#define TOF(x, n) CONV(x, float, n)
#define TOH(x, n) CONV(x, half, n)
#define FLT INL OVL
#define WIDTHS(M) M() M(2) M(3) M(4) M(8) M(16)
#define GWIDTHS(M) M() M(2) M(3) M(4)

/* ---- common: clamp degrees max min mix radians sign smoothstep step ---- */
#define COMMON_F(n) \
	FLT float##n clamp_f(float##n x, float##n lo, float##n hi) { return clamp(x, lo, hi); } \
	FLT float##n degrees_f(float##n x) { return degrees(x); } \
	FLT float##n radians_f(float##n x) { return radians(x); } \
	FLT float##n max_f(float##n x, float##n y) { return max(x, y); } \
	FLT float##n min_f(float##n x, float##n y) { return min(x, y); } \
	FLT float##n mix_f(float##n x, float##n y, float##n a) { return mix(x, y, a); } \
	FLT float##n sign_f(float##n x) { return sign(x); } \
	FLT float##n smoothstep_f(float##n e0, float##n e1, float##n x) { return smoothstep(e0, e1, x); } \
	FLT float##n step_f(float##n e, float##n x) { return step(e, x); }
#define COMMON_H(n) \
	OVL half##n clamp(half##n x, half##n lo, half##n hi) { return TOH(clamp_f(TOF(x, n), TOF(lo, n), TOF(hi, n)), n); } \
	OVL half##n degrees(half##n x) { return TOH(degrees_f(TOF(x, n)), n); } \
	OVL half##n radians(half##n x) { return TOH(radians_f(TOF(x, n)), n); } \
	OVL half##n max(half##n x, half##n y) { return TOH(max_f(TOF(x, n), TOF(y, n)), n); } \
	OVL half##n min(half##n x, half##n y) { return TOH(min_f(TOF(x, n), TOF(y, n)), n); } \
	OVL half##n mix(half##n x, half##n y, half##n a) { return TOH(mix_f(TOF(x, n), TOF(y, n), TOF(a, n)), n); } \
	OVL half##n sign(half##n x) { return TOH(sign_f(TOF(x, n)), n); } \
	OVL half##n smoothstep(half##n e0, half##n e1, half##n x) { \
		return TOH(smoothstep_f(TOF(e0, n), TOF(e1, n), TOF(x, n)), n); } \
	OVL half##n step(half##n e, half##n x) { return TOH(step_f(TOF(e, n), TOF(x, n)), n); }
/* ---- geometric: dot distance length normalize (n ≤ 4), cross ---- */
#define GEOM_F(n) \
	FLT float dot_f(float##n a, float##n b) { return dot(a, b); } \
	FLT float distance_f(float##n a, float##n b) { return distance(a, b); } \
	FLT float length_f(float##n a) { return length(a); } \
	FLT float##n normalize_f(float##n a) { return normalize(a); }
#define GEOM_H(n) \
	OVL half dot(half##n a, half##n b) { return (half)dot_f(TOF(a, n), TOF(b, n)); } \
	OVL half distance(half##n a, half##n b) { return (half)distance_f(TOF(a, n), TOF(b, n)); } \
	OVL half length(half##n a) { return (half)length_f(TOF(a, n)); } \
	OVL half##n normalize(half##n a) { return TOH(normalize_f(TOF(a, n)), n); }
#define CROSS_F(n) FLT float##n cross_f(float##n a, float##n b) { return cross(a, b); }
#define CROSS_H(n) OVL half##n cross(half##n a, half##n b) { return TOH(cross_f(TOF(a, n), TOF(b, n)), n); }

/* the float helpers first, then the half forms */
WIDTHS(COMMON_F)
GWIDTHS(GEOM_F)
CROSS_F(3) CROSS_F(4)
WIDTHS(COMMON_H)
#define HALF_SCALAR(n) COMMON_SCALAR(n, half)
HALF_SCALAR(2) HALF_SCALAR(3) HALF_SCALAR(4) HALF_SCALAR(8) HALF_SCALAR(16)
GWIDTHS(GEOM_H)
CROSS_H(3) CROSS_H(4)
