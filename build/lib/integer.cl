/* Integer built-in functions (OpenCL C 3.0 "Integer Functions") for char … ulong,
 * scalars and vectors of 2, 3, 4, 8 and 16. Vector code is written on whole
 * vectors (or lane by lane, which the SLP vectorizer turns back into vector
 * instructions: ctlz, cttz, ctpop), so most functions are one instruction. */

#define OVL __attribute__((overloadable))
/* Same-size reinterpretation: a cast for (promoted) scalars, astype for vectors. */
#define AS_S(x, T) ((T)(x))
#define AS_V(x, T) __builtin_astype((x), T)
#define EMAX __builtin_elementwise_max
#define EMIN __builtin_elementwise_min
#define CVT_S(x, T) ((T)(x))
#define CVT_V(x, T) __builtin_convertvector((x), T)

/* M(K, N, NUM, …): K is S (scalar) or V (vector), N the type-name suffix,
 * NUM the number of lanes. */
#define ALL_WIDTHS(M, ...) M(S, , 1, __VA_ARGS__) VEC_WIDTHS(M, __VA_ARGS__)
#define VEC_WIDTHS(M, ...) M(V, 2, 2, __VA_ARGS__) M(V, 3, 3, __VA_ARGS__) M(V, 4, 4, __VA_ARGS__) \
	M(V, 8, 8, __VA_ARGS__) M(V, 16, 16, __VA_ARGS__)

/* The integer types: W(F, T, UT, BITS, SGN) with T's unsigned type, its
 * bits and signedness (1/0); W iterates over widths (ONE: scalars only). */
#define ONE(F, ...) F(__VA_ARGS__)
#define INT_TYPES(W, F) \
	W(F, char, uchar, 8, 1) W(F, uchar, uchar, 8, 0) \
	W(F, short, ushort, 16, 1) W(F, ushort, ushort, 16, 0) \
	W(F, int, uint, 32, 1) W(F, uint, uint, 32, 0) \
	W(F, long, ulong, 64, 1) W(F, ulong, ulong, 64, 0)

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

/* Functions written once for every width. Signed arithmetic that may wrap
 * is done on the unsigned type (signed overflow is undefined in C). */
#define GENERIC(K, N, NUM, T, UT, BITS, SGN) \
	OVL UT##N abs(T##N x) { return ABS_##SGN(K, x, UT##N); } \
	OVL UT##N abs_diff(T##N x, T##N y) { return AS_##K(EMAX(x, y), UT##N) - AS_##K(EMIN(x, y), UT##N); } \
	OVL T##N add_sat(T##N x, T##N y) { return SAT_##K(add, T, x, y); } \
	OVL T##N sub_sat(T##N x, T##N y) { return SAT_##K(sub, T, x, y); } \
	OVL T##N hadd(T##N x, T##N y) { return (x >> (T##N)1) + (y >> (T##N)1) + (x & y & (T##N)1); } \
	OVL T##N rhadd(T##N x, T##N y) { return (x >> (T##N)1) + (y >> (T##N)1) + ((x | y) & (T##N)1); } \
	OVL T##N clamp(T##N x, T##N lo, T##N hi) { return EMIN(EMAX(x, lo), hi); } \
	OVL T##N max(T##N x, T##N y) { return EMAX(x, y); } \
	OVL T##N min(T##N x, T##N y) { return EMIN(x, y); } \
	OVL T##N mad_hi(T##N a, T##N b, T##N c) { return AS_##K((UT##N)(AS_##K(mul_hi(a, b), UT##N) + AS_##K(c, UT##N)), T##N); } \
	OVL T##N rotate(T##N v, T##N i) { \
		UT##N u = AS_##K(v, UT##N), m = AS_##K(i, UT##N) & (UT##N)(BITS - 1); \
		return AS_##K((UT##N)((u << m) | (u >> ((UT##N)(-m) & (UT##N)(BITS - 1)))), T##N); }
INT_TYPES(ALL_WIDTHS, GENERIC)

/* Vector forms with scalar bounds. */
#define VEC_SCALAR(K, N, NUM, T, UT, BITS, SGN) \
	OVL T##N clamp(T##N x, T lo, T hi) { return EMIN(EMAX(x, (T##N)lo), (T##N)hi); } \
	OVL T##N max(T##N x, T y) { return EMAX(x, (T##N)y); } \
	OVL T##N min(T##N x, T y) { return EMIN(x, (T##N)y); }
INT_TYPES(VEC_WIDTHS, VEC_SCALAR)

/* Bit counts: scalar builtins; vectors lane by lane (vectorized again). */
#define BITCOUNT_S(T, UT, BITS, SGN) \
	OVL T clz(T x) { return (T)__builtin_clzg((UT)x, BITS); } \
	OVL T ctz(T x) { return (T)__builtin_ctzg((UT)x, BITS); } \
	OVL T popcount(T x) { return (T)__builtin_popcountg((UT)x); }
INT_TYPES(ONE, BITCOUNT_S)

#define LANES1(RT, NUM, f, x) { RT r_; for (int i_ = 0; i_ < NUM; i_++) r_[i_] = f(x[i_]); return r_; }
#define LANES2(RT, NUM, f, x, y) { RT r_; for (int i_ = 0; i_ < NUM; i_++) r_[i_] = f(x[i_], y[i_]); return r_; }
#define LANES3(RT, NUM, f, x, y, z) { RT r_; for (int i_ = 0; i_ < NUM; i_++) r_[i_] = f(x[i_], y[i_], z[i_]); return r_; }

#define BITCOUNT_V(K, N, NUM, T, UT, BITS, SGN) \
	OVL T##N clz(T##N x) LANES1(T##N, NUM, clz, x) \
	OVL T##N ctz(T##N x) LANES1(T##N, NUM, ctz, x) \
	OVL T##N popcount(T##N x) LANES1(T##N, NUM, popcount, x)
INT_TYPES(VEC_WIDTHS, BITCOUNT_V)

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

/* cl_khr_extended_bit_ops. A bitfield is count bits from bit offset (the
 * extension leaves offset + count > bits undefined); count 0 is the empty
 * field (insert returns base, extract 0), and shifts stay below the width
 * (OpenCL C would reduce a shift by the width to a shift by 0). Scalar char
 * and short are promoted to int by C's shifts: the casts cut them back. */
#define SIGNED_8(N) char##N
#define SIGNED_16(N) short##N
#define SIGNED_32(N) int##N
#define SIGNED_64(N) long##N
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

/* cl_khr_integer_dot_product: dot.cl. */
