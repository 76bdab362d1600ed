/* Integer arithmetic (OpenCL C 3.0 "Integer Functions"): abs, abs_diff,
 * add_sat, sub_sat, hadd, rhadd, mad_hi. The other integer functions are in
 * integer_*.cl (integer.h says why). */
#include "integer.h"

/* Saturating add and subtract. Scalar char and short are computed in int
 * and clamped (the builtins would promote them to int and not saturate);
 * every scalar stays scalar code, which the loop vectorizer widens (a
 * 2-vector detour kept any loop calling add_sat scalar). */
#define SAT_S(op, T, x, y) SAT_##T(op, x, y)
#define SAT_V(op, T, x, y) __builtin_elementwise_##op##_sat(x, y)
#define SATOP_add +
#define SATOP_sub -
#define SAT_NARROW(op, x, y, LO, HI) \
	__builtin_elementwise_min(__builtin_elementwise_max((int)(x) SATOP_##op (int)(y), (int)(LO)), (int)(HI))
#define SAT_char(op, x, y) (char)SAT_NARROW(op, x, y, CHAR_MIN, CHAR_MAX)
#define SAT_uchar(op, x, y) (uchar)SAT_NARROW(op, x, y, 0, UCHAR_MAX)
#define SAT_short(op, x, y) (short)SAT_NARROW(op, x, y, SHRT_MIN, SHRT_MAX)
#define SAT_ushort(op, x, y) (ushort)SAT_NARROW(op, x, y, 0, USHRT_MAX)
#define SAT_int(op, x, y) __builtin_elementwise_##op##_sat(x, y)
#define SAT_uint(op, x, y) __builtin_elementwise_##op##_sat(x, y)
#define SAT_long(op, x, y) __builtin_elementwise_##op##_sat(x, y)
#define SAT_ulong(op, x, y) __builtin_elementwise_##op##_sat(x, y)

#define ABS_1(K, x, UTN) AS_##K(__builtin_elementwise_abs(x), UTN)
#define ABS_0(K, x, UTN) (x)

/* Signed arithmetic that may wrap is done on the unsigned type (signed
 * overflow is undefined in C). */
#define ARITH(K, N, NUM, T, UT, BITS, SGN) \
	OVL UT##N abs(T##N x) { return ABS_##SGN(K, x, UT##N); } \
	OVL UT##N abs_diff(T##N x, T##N y) { return AS_##K(EMAX(x, y), UT##N) - AS_##K(EMIN(x, y), UT##N); } \
	OVL T##N add_sat(T##N x, T##N y) { return SAT_##K(add, T, x, y); } \
	OVL T##N sub_sat(T##N x, T##N y) { return SAT_##K(sub, T, x, y); } \
	OVL T##N hadd(T##N x, T##N y) { return (x >> (T##N)1) + (y >> (T##N)1) + (x & y & (T##N)1); } \
	OVL T##N rhadd(T##N x, T##N y) { return (x >> (T##N)1) + (y >> (T##N)1) + ((x | y) & (T##N)1); } \
	OVL T##N mad_hi(T##N a, T##N b, T##N c) { return AS_##K((UT##N)(AS_##K(mul_hi(a, b), UT##N) + AS_##K(c, UT##N)), T##N); }
INT_TYPES(ALL_WIDTHS, ARITH)
