/* Explicit conversions to and from half (OpenCL C 3.0 "Explicit
 * Conversions", cl_khr_fp16), every rounding mode and _sat, n = 1 … 16.
 *
 * Thin wrappers, so that the library grows little and compiles fast:
 * - from half: half → float is exact (F16C's vcvtph2ps), so every
 *   conversion of a half is the float conversion of the same value;
 * - to half from float and double: half.h's to_half_rte/rtz/rtp/rtn,
 *   one correct rounding (never float → half after double → float);
 * - to half from integers: every integer of magnitude up to 2^17 is exact
 *   in float, and any integer beyond ±2^17 gives the same half as ±2^17
 *   in every rounding mode (past 65504: ±inf or ±65504), so wide integers
 *   are clamped to ±2^17 and converted as floats. */
#pragma OPENCL EXTENSION cl_khr_fp16 : enable
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define OVL __attribute__((overloadable))
#include "half.h"

/* R: the suffix of the function (none is the default rounding), RH: the
 * rounding of the half.h helper that does it. */
#define ROUNDINGS(M, ...) M(, _rte, __VA_ARGS__) M(_rte, _rte, __VA_ARGS__) M(_rtz, _rtz, __VA_ARGS__) \
	M(_rtp, _rtp, __VA_ARGS__) M(_rtn, _rtn, __VA_ARGS__)

/* ---- to half ---- */
#define FP_TO_HALF(R, RH, K, N, F) \
	OVL half##N convert_half##N##R(F##N x) { return AS_(to_half##RH(x), half##N); }
#define HALF_TO_HALF(R, RH, K, N) OVL half##N convert_half##N##R(half##N x) { return x; }

/* LIM: the integer brought into ±2^17 (exact in float) */
#define LIM_NONE(x, T, N) (x)
#define LIM_SIGNED(x, T, N) __builtin_elementwise_min(__builtin_elementwise_max(x, (T##N)-131072), (T##N)131072)
#define LIM_UNSIGNED(x, T, N) __builtin_elementwise_min(x, (T##N)131072)
#define INT_TO_HALF(R, RH, K, N, T, LIM) \
	OVL half##N convert_half##N##R(T##N x) { return AS_(to_half##RH(CVT_##K(LIM(x, T, N), float##N)), half##N); }

#define TO_HALF(K, N, ...) \
	ROUNDINGS(FP_TO_HALF, K, N, float) ROUNDINGS(FP_TO_HALF, K, N, double) ROUNDINGS(HALF_TO_HALF, K, N) \
	ROUNDINGS(INT_TO_HALF, K, N, char, LIM_NONE) ROUNDINGS(INT_TO_HALF, K, N, uchar, LIM_NONE) \
	ROUNDINGS(INT_TO_HALF, K, N, short, LIM_NONE) ROUNDINGS(INT_TO_HALF, K, N, ushort, LIM_NONE) \
	ROUNDINGS(INT_TO_HALF, K, N, int, LIM_SIGNED) ROUNDINGS(INT_TO_HALF, K, N, uint, LIM_UNSIGNED) \
	ROUNDINGS(INT_TO_HALF, K, N, long, LIM_SIGNED) ROUNDINGS(INT_TO_HALF, K, N, ulong, LIM_UNSIGNED)
HALF_WIDTHS(TO_HALF)

/* ---- from half: the float conversion of the exact float value ----
 * The float conversions are called through helpers defined before any
 * half overload of their name: once a file defines convert_char2(half2),
 * clang 19 no longer finds the header's convert_char2(float2) for calls
 * that follow. */
#define FLOAT_CONV(R, RH, K, N, T, S) \
	static inline __attribute__((overloadable, always_inline)) T##N float_##T##N##S##R(float##N x) { return convert_##T##N##S##R(x); }
#define HALF_TO(R, RH, K, N, T, S) \
	OVL T##N convert_##T##N##S##R(half##N x) { return float_##T##N##S##R(CVT_##K(x, float##N)); }
#define HALF_TO_FP(R, RH, K, N, F) \
	OVL F##N convert_##F##N##R(half##N x) { return CVT_##K(x, F##N); }
#define INT_FROM(M, K, N, T) ROUNDINGS(M, K, N, T, ) ROUNDINGS(M, K, N, T, _sat)
#define ALL_INT_FROM(M, K, N) INT_FROM(M, K, N, char) INT_FROM(M, K, N, uchar) INT_FROM(M, K, N, short) \
	INT_FROM(M, K, N, ushort) INT_FROM(M, K, N, int) INT_FROM(M, K, N, uint) INT_FROM(M, K, N, long) \
	INT_FROM(M, K, N, ulong)
#define FLOAT_CONVS(K, N, ...) ALL_INT_FROM(FLOAT_CONV, K, N)
#define FROM_HALF(K, N, ...) \
	ROUNDINGS(HALF_TO_FP, K, N, float) ROUNDINGS(HALF_TO_FP, K, N, double) ALL_INT_FROM(HALF_TO, K, N)
HALF_WIDTHS(FLOAT_CONVS)
HALF_WIDTHS(FROM_HALF)
