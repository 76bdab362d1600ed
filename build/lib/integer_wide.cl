/* Integer products: mul_hi, mad_sat, upsample, mul24, mad24. */
#include "integer.h"

/* mul_hi and mad_sat: through the type of twice the width (WT), or 128-bit
 * scalars for 64-bit types (x86-64 has a 64×64→128 multiply). */
#define WIDE_OPS(K, N, NUM, T, WT) \
	OVL T##N mul_hi(T##N x, T##N y) { \
		return CVT_##K((CVT_##K(x, WT##N) * CVT_##K(y, WT##N)) >> (WT##N)(sizeof(T) * 8), T##N); } \
	OVL T##N mad_sat(T##N x, T##N y, T##N z) { \
		WT##N p = CVT_##K(x, WT##N) * CVT_##K(y, WT##N) + CVT_##K(z, WT##N); \
		return CVT_##K(EMIN(EMAX(p, (WT##N)((T)(-1) < 0 ? (WT)1 << (sizeof(T) * 8 - 1) : 0) * (WT##N)(-1)), \
			(WT##N)((T)(-1) < 0 ? ((WT)1 << (sizeof(T) * 8 - 1)) - 1 : ((WT)1 << (sizeof(T) * 8)) - 1)), T##N); }
ALL_WIDTHS(WIDE_OPS, char, short)
ALL_WIDTHS(WIDE_OPS, uchar, ushort)
ALL_WIDTHS(WIDE_OPS, short, int)
ALL_WIDTHS(WIDE_OPS, ushort, uint)
ALL_WIDTHS(WIDE_OPS, int, long)
ALL_WIDTHS(WIDE_OPS, uint, ulong)

OVL long mul_hi(long x, long y) { return (long)(((__int128)x * (__int128)y) >> 64); }
OVL ulong mul_hi(ulong x, ulong y) { return (ulong)(((unsigned __int128)x * (unsigned __int128)y) >> 64); }
OVL long mad_sat(long x, long y, long z) {
	__int128 p = (__int128)x * (__int128)y + (__int128)z;
	return p > (__int128)LONG_MAX ? LONG_MAX : p < (__int128)LONG_MIN ? LONG_MIN : (long)p;
}
OVL ulong mad_sat(ulong x, ulong y, ulong z) {
	unsigned __int128 p = (unsigned __int128)x * (unsigned __int128)y + (unsigned __int128)z;
	return p > (unsigned __int128)ULONG_MAX ? ULONG_MAX : (ulong)p;
}
#define WIDE64_V(K, N, NUM, T) \
	OVL T##N mul_hi(T##N x, T##N y) LANES2(T##N, NUM, mul_hi, x, y) \
	OVL T##N mad_sat(T##N x, T##N y, T##N z) LANES3(T##N, NUM, mad_sat, x, y, z)
VEC_WIDTHS(WIDE64_V, long)
VEC_WIDTHS(WIDE64_V, ulong)

/* upsample(hi, lo) = hi << bits | lo, in the type of twice the width. */
#define UPSAMPLE(K, N, NUM, T, UT, WT, UWT, BITS) \
	OVL WT##N upsample(T##N hi, UT##N lo) { \
		return AS_##K((UWT##N)((CVT_##K(AS_##K(hi, UT##N), UWT##N) << (UWT##N)BITS) | CVT_##K(lo, UWT##N)), WT##N); }
ALL_WIDTHS(UPSAMPLE, char, uchar, short, ushort, 8)
ALL_WIDTHS(UPSAMPLE, uchar, uchar, ushort, ushort, 8)
ALL_WIDTHS(UPSAMPLE, short, ushort, int, uint, 16)
ALL_WIDTHS(UPSAMPLE, ushort, ushort, uint, uint, 16)
ALL_WIDTHS(UPSAMPLE, int, uint, long, ulong, 32)
ALL_WIDTHS(UPSAMPLE, uint, uint, ulong, ulong, 32)

/* mul24, mad24: the product's low 32 bits (operands outside 24 bits give an
 * implementation-defined result; this one wraps). */
#define MUL24(K, N, NUM, T) \
	OVL T##N mul24(T##N x, T##N y) { return AS_##K(AS_##K(x, uint##N) * AS_##K(y, uint##N), T##N); } \
	OVL T##N mad24(T##N x, T##N y, T##N z) { return AS_##K(AS_##K(x, uint##N) * AS_##K(y, uint##N) + AS_##K(z, uint##N), T##N); }
ALL_WIDTHS(MUL24, int)
ALL_WIDTHS(MUL24, uint)
