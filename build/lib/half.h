/* Float and double to half bits (ushort) with every rounding, and half bits
 * to float: shared by vload.cl (vstore_half…) and convert_half.cl
 * (convert_half…). F16C's vcvtps2ph/vcvtph2ps where the host has them
 * (-march=native defines __F16C__), AVX512-FP16's vcvtpd2ph for doubles
 * where it has that; otherwise on the bits. Static: each file that includes
 * this gets only what it uses. */
#ifndef GOCL_HALF_H
#define GOCL_HALF_H

/* ---- half ↔ float / double, on the bits (ushort) ----
 * K is S (scalar) or V (vector); N the width suffix. */
#define HALF_WIDTHS(M, ...) M(S, , __VA_ARGS__) M(V, 2, __VA_ARGS__) M(V, 3, __VA_ARGS__) \
	M(V, 4, __VA_ARGS__) M(V, 8, __VA_ARGS__) M(V, 16, __VA_ARGS__)
#define CVT_S(x, T) ((T)(x))
#define CVT_V(x, T) __builtin_convertvector((x), T)
#define AS_(x, T) __builtin_astype((x), T)
/* A comparison result as a 16-bit mask (vectors: -1/0 shorts; scalars: 1/0),
 * and such a mask as an amount to add: 0 or 0xffff (that is, -1). */
#define SM_S(c, N) (c)
#define SM_V(c, N) CVT_V((c), short##N)
#define MINUS1_S(m, N) ((ushort)-(m))
#define MINUS1_V(m, N) AS_((m), ushort##N)

typedef _Float16 gocl_half2 __attribute__((ext_vector_type(2)));
typedef _Float16 gocl_half3 __attribute__((ext_vector_type(3)));
typedef _Float16 gocl_half4 __attribute__((ext_vector_type(4)));
typedef _Float16 gocl_half8 __attribute__((ext_vector_type(8)));
typedef _Float16 gocl_half16 __attribute__((ext_vector_type(16)));
typedef _Float16 gocl_half;

/* to_half_rte(double): round to nearest even. */
#if defined(__AVX512FP16__)
#define D2H(K, N, ...) /* vcvtpd2ph */ \
	OVL static ushort##N to_half_rte(double##N x) { return AS_(CVT_##K(x, gocl_half##N), ushort##N); }
#else
/* On the bits: the 10 fraction bits, with the implicit bit (which adds one
 * to the exponent field), are the significand shifted right by 42, or more
 * for subnormal halves; the bits shifted out decide the rounding, whose
 * carry may reach the exponent field or infinity. */
#define D2H(K, N, ...) \
	OVL static ushort##N to_half_rte(double##N x) { \
		ulong##N b = AS_(x, ulong##N); \
		ulong##N a = b & (ulong##N)0x7fffffffffffffffUL; \
		long##N e = AS_(a >> (ulong##N)52, long##N) - (long##N)1023; \
		ulong##N mant = (a & (ulong##N)0xfffffffffffffUL) | (ulong##N)0x10000000000000UL; \
		ulong##N sh = AS_(__builtin_elementwise_min(__builtin_elementwise_max((long##N)28 - e, (long##N)42), (long##N)63), ulong##N); \
		ulong##N h = (e >= (long##N)-14 ? AS_((e + (long##N)14) << (long##N)10, ulong##N) : (ulong##N)0) + (mant >> sh); \
		ulong##N rem = mant & (((ulong##N)1 << sh) - (ulong##N)1), halfway = (ulong##N)1 << (sh - (ulong##N)1); \
		h += (rem > halfway) | ((rem == halfway) & ((h & (ulong##N)1) != (ulong##N)0)) ? (ulong##N)1 : (ulong##N)0; \
		h = e > (long##N)15 ? (ulong##N)0x7c00 : h; \
		h = a >= (ulong##N)0x7ff0000000000000UL ? (a > (ulong##N)0x7ff0000000000000UL ? \
			(ulong##N)0x7e00 | ((a >> (ulong##N)42) & (ulong##N)0x3ff) : (ulong##N)0x7c00) : h; \
		return CVT_##K(h | ((b >> (ulong##N)48) & (ulong##N)0x8000), ushort##N); }
#endif
HALF_WIDTHS(D2H)

/* h2f: half bits to float (exact); to_half_rte(float). */
#if defined(__F16C__) || defined(__AVX512FP16__)
#define H2F(K, N, ...) /* vcvtph2ps, vcvtps2ph */ \
	OVL static float##N h2f(ushort##N u) { return CVT_##K(AS_(u, gocl_half##N), float##N); } \
	OVL static ushort##N to_half_rte(float##N x) { return AS_(CVT_##K(x, gocl_half##N), ushort##N); }
#else
#define H2F(K, N, ...) \
	OVL static float##N h2f(ushort##N u) { \
		uint##N h = CVT_##K(u, uint##N); \
		uint##N em = h & (uint##N)0x7fff; \
		uint##N r = em >= (uint##N)0x7c00 ? (em << (uint##N)13) | (uint##N)0x7f800000 /* inf, NaN */ \
			: (em << (uint##N)13) + (uint##N)0x38000000; /* normal: rebias 15 → 127 */ \
		r = em < (uint##N)0x400 ? AS_(CVT_##K(em, float##N) * (float##N)0x1p-24f, uint##N) : r; /* subnormal */ \
		return AS_(r | ((h & (uint##N)0x8000) << (uint##N)16), float##N); } \
	OVL static ushort##N to_half_rte(float##N x) { return to_half_rte(CVT_##K(x, double##N)); }
#endif
HALF_WIDTHS(H2F)

/* Directed rounding from the round-to-nearest result r: where r lies on the
 * wrong side of x, step to the neighbouring half toward the rounding
 * direction (±1 on the sign-magnitude bits). x is never 0 there. */
#define DIRECTED(K, N, F) \
	OVL static ushort##N to_half_rtz(F##N x) { \
		ushort##N r = to_half_rte(x); \
		F##N b = CVT_##K(h2f(r), F##N); \
		return r + MINUS1_##K(SM_##K(__builtin_elementwise_abs(b) > __builtin_elementwise_abs(x), N), N); } \
	OVL static ushort##N to_half_rtp(F##N x) { \
		ushort##N r = to_half_rte(x); \
		F##N b = CVT_##K(h2f(r), F##N); \
		short##N lt = SM_##K(b < x, N), neg = AS_(r, short##N) < (short##N)0; \
		return r + MINUS1_##K(lt & neg, N) - MINUS1_##K(lt & !neg, N); } \
	OVL static ushort##N to_half_rtn(F##N x) { \
		ushort##N r = to_half_rte(x); \
		F##N b = CVT_##K(h2f(r), F##N); \
		short##N gt = SM_##K(b > x, N), neg = AS_(r, short##N) < (short##N)0; \
		return r + MINUS1_##K(gt & !neg, N) - MINUS1_##K(gt & neg, N); }
HALF_WIDTHS(DIRECTED, float)
HALF_WIDTHS(DIRECTED, double)

#endif
