/* Integer bit functions: clz, ctz, popcount, bit_reverse, and
 * cl_khr_extended_bit_ops's bitfields. */
#include "integer.h"

/* Bit counts: scalar builtins; vectors lane by lane (vectorized again). */
#define BITCOUNT_S(T, UT, BITS, SGN) \
	OVL T clz(T x) { return (T)__builtin_clzg((UT)x, BITS); } \
	OVL T ctz(T x) { return (T)__builtin_ctzg((UT)x, BITS); } \
	OVL T popcount(T x) { return (T)__builtin_popcountg((UT)x); }
INT_TYPES(ONE, BITCOUNT_S)

#define BITCOUNT_V(K, N, NUM, T, UT, BITS, SGN) \
	OVL T##N clz(T##N x) LANES1(T##N, NUM, clz, x) \
	OVL T##N ctz(T##N x) LANES1(T##N, NUM, ctz, x) \
	OVL T##N popcount(T##N x) LANES1(T##N, NUM, popcount, x)
INT_TYPES(VEC_WIDTHS, BITCOUNT_V)

/* cl_khr_extended_bit_ops. A bitfield is count bits from bit offset (the
 * extension leaves offset + count > bits undefined); count 0 is the empty
 * field (insert returns base, extract 0), and shifts stay below the width
 * (OpenCL C would reduce a shift by the width to a shift by 0). Scalar char
 * and short are promoted to int by C's shifts: the casts cut them back. */
#define BITFIELD(K, N, NUM, T, UT, BITS, SGN) \
	OVL T##N bitfield_insert(T##N base, T##N insert, uint offset, uint count) { \
		UT##N m = count == 0 ? (UT##N)0 : (UT##N)((UT##N)((UT##N)(UT)~(UT)0 >> (BITS - count)) << offset); \
		return AS_##K((UT##N)((AS_##K(base, UT##N) & (UT##N)~m) | ((UT##N)(AS_##K(insert, UT##N) << offset) & m)), T##N); } \
	OVL UT##N bitfield_extract_unsigned(T##N base, uint offset, uint count) { \
		return count == 0 ? (UT##N)0 : (UT##N)((UT##N)(AS_##K(base, UT##N) << (BITS - offset - count)) >> (BITS - count)); } \
	OVL SIGNED_##BITS(N) bitfield_extract_signed(T##N base, uint offset, uint count) { \
		return count == 0 ? (SIGNED_##BITS(N))0 : (SIGNED_##BITS(N))(AS_##K((UT##N)(AS_##K(base, UT##N) << (BITS - offset - count)), SIGNED_##BITS(N)) >> (BITS - count)); }
INT_TYPES(ALL_WIDTHS, BITFIELD)

/* bit_reverse: llvm.bitreverse. Scalars by their width's builtin (the
 * elementwise builtin would reverse a char promoted to int). */
#define BITREV_S(T, UT, BITS, SGN) OVL T bit_reverse(T x) { return (T)__builtin_bitreverse##BITS((UT)x); }
INT_TYPES(ONE, BITREV_S)
#define BITREV_V(K, N, NUM, T, UT, BITS, SGN) OVL T##N bit_reverse(T##N x) { return __builtin_elementwise_bitreverse(x); }
INT_TYPES(VEC_WIDTHS, BITREV_V)
