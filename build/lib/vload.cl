/* Vector data load and store (OpenCL C 3.0 "Vector Data Load and Store Functions"): vloadn / vstoren for
 * char … double, and the half conversions vload_half, vloada_half,
 * vstore_half[_rte|_rtz|_rtp|_rtn], vstorea_half…, for the generic address
 * space (OpenCL C 2.0/3.0), the named ones (1.x) and __constant for loads.
 *
 * Pointers need only element alignment, so accesses go through
 * element-aligned may_alias vector types; three-component forms touch only
 * three elements (a vec3 access would touch four). */

#define OVL __attribute__((overloadable))

/* Element types and their letters in mangled names. */
#define TYPES(M) M(char, c) M(uchar, h) M(short, s) M(ushort, t) M(int, i) M(uint, j) M(long, l) M(ulong, m) \
	M(float, f) M(double, d)

#define UNALIGNED(T, C) \
	typedef T T##2_u __attribute__((ext_vector_type(2), aligned(sizeof(T)), may_alias)); \
	typedef T T##4_u __attribute__((ext_vector_type(4), aligned(sizeof(T)), may_alias)); \
	typedef T T##8_u __attribute__((ext_vector_type(8), aligned(sizeof(T)), may_alias)); \
	typedef T T##16_u __attribute__((ext_vector_type(16), aligned(sizeof(T)), may_alias));
TYPES(UNALIGNED)
typedef ushort ushort_u __attribute__((aligned(2), may_alias));

/* The functions are defined for the generic address space; those for the
 * named address spaces (OpenCL C 1.x, and __constant) are aliases of them:
 * on the host target every OpenCL address space is LLVM address space 0, so
 * the code is the same. Fewer functions make a smaller library, which is
 * linked into every program. */
#define ALIAS(target) __attribute__((alias(target)))
#define LOAD_SPACES(M, ...) M(__global, __VA_ARGS__) M(__local, __VA_ARGS__) M(__private, __VA_ARGS__) \
	M(__constant, __VA_ARGS__)
#define STORE_SPACES(M, ...) M(__global, __VA_ARGS__) M(__local, __VA_ARGS__) M(__private, __VA_ARGS__)

#define VLOAD(T, C) \
	OVL T##2 vload2(size_t i, const T *p) { return *(const T##2_u *)(p + i * 2); } \
	OVL T##3 vload3(size_t i, const T *p) { const T *q = p + i * 3; return (T##3)(q[0], q[1], q[2]); } \
	OVL T##4 vload4(size_t i, const T *p) { return *(const T##4_u *)(p + i * 4); } \
	OVL T##8 vload8(size_t i, const T *p) { return *(const T##8_u *)(p + i * 8); } \
	OVL T##16 vload16(size_t i, const T *p) { return *(const T##16_u *)(p + i * 16); }
#define VSTORE(T, C) \
	OVL void vstore2(T##2 v, size_t i, T *p) { *(T##2_u *)(p + i * 2) = v; } \
	OVL void vstore3(T##3 v, size_t i, T *p) { T *q = p + i * 3; q[0] = v.x; q[1] = v.y; q[2] = v.z; } \
	OVL void vstore4(T##4 v, size_t i, T *p) { *(T##4_u *)(p + i * 4) = v; } \
	OVL void vstore8(T##8 v, size_t i, T *p) { *(T##8_u *)(p + i * 8) = v; } \
	OVL void vstore16(T##16 v, size_t i, T *p) { *(T##16_u *)(p + i * 16) = v; }
#define VLOAD_NAMED(AS, T, C) \
	OVL T##2 vload2(size_t i, const AS T *p) ALIAS("_Z6vload2mPU9CLgenericK" #C); \
	OVL T##3 vload3(size_t i, const AS T *p) ALIAS("_Z6vload3mPU9CLgenericK" #C); \
	OVL T##4 vload4(size_t i, const AS T *p) ALIAS("_Z6vload4mPU9CLgenericK" #C); \
	OVL T##8 vload8(size_t i, const AS T *p) ALIAS("_Z6vload8mPU9CLgenericK" #C); \
	OVL T##16 vload16(size_t i, const AS T *p) ALIAS("_Z7vload16mPU9CLgenericK" #C);
#define VSTORE_NAMED(AS, T, C) \
	OVL void vstore2(T##2 v, size_t i, AS T *p) ALIAS("_Z7vstore2Dv2_" #C "mPU9CLgeneric" #C); \
	OVL void vstore3(T##3 v, size_t i, AS T *p) ALIAS("_Z7vstore3Dv3_" #C "mPU9CLgeneric" #C); \
	OVL void vstore4(T##4 v, size_t i, AS T *p) ALIAS("_Z7vstore4Dv4_" #C "mPU9CLgeneric" #C); \
	OVL void vstore8(T##8 v, size_t i, AS T *p) ALIAS("_Z7vstore8Dv8_" #C "mPU9CLgeneric" #C); \
	OVL void vstore16(T##16 v, size_t i, AS T *p) ALIAS("_Z8vstore16Dv16_" #C "mPU9CLgeneric" #C);
#define VLOAD_NAMED_T(T, C) LOAD_SPACES(VLOAD_NAMED, T, C)
#define VSTORE_NAMED_T(T, C) STORE_SPACES(VSTORE_NAMED, T, C)
TYPES(VLOAD)
TYPES(VSTORE)
TYPES(VLOAD_NAMED_T)
TYPES(VSTORE_NAMED_T)

/* ---- half ↔ float / double, on the bits (ushort) ----
 * K is S (scalar) or V (vector); N the width suffix. */
#define ALL_WIDTHS(M, ...) M(S, , __VA_ARGS__) M(V, 2, __VA_ARGS__) M(V, 3, __VA_ARGS__) \
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
ALL_WIDTHS(D2H)

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
ALL_WIDTHS(H2F)

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
ALL_WIDTHS(DIRECTED, float)
ALL_WIDTHS(DIRECTED, double)

/* ---- vload_half, vloada_half ---- */
#define US const ushort
OVL float vload_half(size_t i, const half *p) { return h2f(((const ushort_u *)p)[i]); }
OVL float2 vload_half2(size_t i, const half *p) { return h2f(*(const ushort2_u *)((US *)p + i * 2)); }
OVL float3 vload_half3(size_t i, const half *p) { US *q = (US *)p + i * 3; return h2f((ushort3)(q[0], q[1], q[2])); }
OVL float4 vload_half4(size_t i, const half *p) { return h2f(*(const ushort4_u *)((US *)p + i * 4)); }
OVL float8 vload_half8(size_t i, const half *p) { return h2f(*(const ushort8_u *)((US *)p + i * 8)); }
OVL float16 vload_half16(size_t i, const half *p) { return h2f(*(const ushort16_u *)((US *)p + i * 16)); }
OVL float2 vloada_half2(size_t i, const half *p) { return h2f(((const ushort2 *)p)[i]); }
OVL float3 vloada_half3(size_t i, const half *p) { US *q = (US *)p + i * 4; return h2f((ushort3)(q[0], q[1], q[2])); }
OVL float4 vloada_half4(size_t i, const half *p) { return h2f(((const ushort4 *)p)[i]); }
OVL float8 vloada_half8(size_t i, const half *p) { return h2f(((const ushort8 *)p)[i]); }
OVL float16 vloada_half16(size_t i, const half *p) { return h2f(((const ushort16 *)p)[i]); }
#define HALF_LOADS_NAMED(AS, ...) \
	OVL float vload_half(size_t i, const AS half *p) ALIAS("_Z10vload_halfmPU9CLgenericKDh"); \
	OVL float2 vload_half2(size_t i, const AS half *p) ALIAS("_Z11vload_half2mPU9CLgenericKDh"); \
	OVL float3 vload_half3(size_t i, const AS half *p) ALIAS("_Z11vload_half3mPU9CLgenericKDh"); \
	OVL float4 vload_half4(size_t i, const AS half *p) ALIAS("_Z11vload_half4mPU9CLgenericKDh"); \
	OVL float8 vload_half8(size_t i, const AS half *p) ALIAS("_Z11vload_half8mPU9CLgenericKDh"); \
	OVL float16 vload_half16(size_t i, const AS half *p) ALIAS("_Z12vload_half16mPU9CLgenericKDh"); \
	OVL float2 vloada_half2(size_t i, const AS half *p) ALIAS("_Z12vloada_half2mPU9CLgenericKDh"); \
	OVL float3 vloada_half3(size_t i, const AS half *p) ALIAS("_Z12vloada_half3mPU9CLgenericKDh"); \
	OVL float4 vloada_half4(size_t i, const AS half *p) ALIAS("_Z12vloada_half4mPU9CLgenericKDh"); \
	OVL float8 vloada_half8(size_t i, const AS half *p) ALIAS("_Z12vloada_half8mPU9CLgenericKDh"); \
	OVL float16 vloada_half16(size_t i, const AS half *p) ALIAS("_Z13vloada_half16mPU9CLgenericKDh");
LOAD_SPACES(HALF_LOADS_NAMED)

/* ---- vstore_half, vstorea_half ---- R: the rounding suffix (none: _rte). */
#define HALF_STORES(F, R) \
	OVL void vstore_half##R(F x, size_t i, half *p) { ((ushort_u *)p)[i] = to_half##R(x); } \
	OVL void vstore_half2##R(F##2 x, size_t i, half *p) { *(ushort2_u *)((ushort *)p + i * 2) = to_half##R(x); } \
	OVL void vstore_half3##R(F##3 x, size_t i, half *p) { \
		ushort3 h = to_half##R(x); ushort *q = (ushort *)p + i * 3; q[0] = h.x; q[1] = h.y; q[2] = h.z; } \
	OVL void vstore_half4##R(F##4 x, size_t i, half *p) { *(ushort4_u *)((ushort *)p + i * 4) = to_half##R(x); } \
	OVL void vstore_half8##R(F##8 x, size_t i, half *p) { *(ushort8_u *)((ushort *)p + i * 8) = to_half##R(x); } \
	OVL void vstore_half16##R(F##16 x, size_t i, half *p) { *(ushort16_u *)((ushort *)p + i * 16) = to_half##R(x); } \
	OVL void vstorea_half2##R(F##2 x, size_t i, half *p) { ((ushort2 *)p)[i] = to_half##R(x); } \
	OVL void vstorea_half3##R(F##3 x, size_t i, half *p) { \
		ushort3 h = to_half##R(x); ushort *q = (ushort *)p + i * 4; q[0] = h.x; q[1] = h.y; q[2] = h.z; } \
	OVL void vstorea_half4##R(F##4 x, size_t i, half *p) { ((ushort4 *)p)[i] = to_half##R(x); } \
	OVL void vstorea_half8##R(F##8 x, size_t i, half *p) { ((ushort8 *)p)[i] = to_half##R(x); } \
	OVL void vstorea_half16##R(F##16 x, size_t i, half *p) { ((ushort16 *)p)[i] = to_half##R(x); }
/* Aliases: AS the address space, C the letter of F, R the suffix of the
 * functions declared, RT the suffix of the target (_rte for none) and L… the
 * lengths of the targets' names in their mangling. */
#define HALF_STORES_NAMED(AS, F, C, R, RT, L1, LN, L16, LA, LA16) \
	OVL void vstore_half##R(F x, size_t i, AS half *p) ALIAS("_Z" #L1 "vstore_half" #RT #C "mPU9CLgenericDh"); \
	OVL void vstore_half2##R(F##2 x, size_t i, AS half *p) ALIAS("_Z" #LN "vstore_half2" #RT "Dv2_" #C "mPU9CLgenericDh"); \
	OVL void vstore_half3##R(F##3 x, size_t i, AS half *p) ALIAS("_Z" #LN "vstore_half3" #RT "Dv3_" #C "mPU9CLgenericDh"); \
	OVL void vstore_half4##R(F##4 x, size_t i, AS half *p) ALIAS("_Z" #LN "vstore_half4" #RT "Dv4_" #C "mPU9CLgenericDh"); \
	OVL void vstore_half8##R(F##8 x, size_t i, AS half *p) ALIAS("_Z" #LN "vstore_half8" #RT "Dv8_" #C "mPU9CLgenericDh"); \
	OVL void vstore_half16##R(F##16 x, size_t i, AS half *p) ALIAS("_Z" #L16 "vstore_half16" #RT "Dv16_" #C "mPU9CLgenericDh"); \
	OVL void vstorea_half2##R(F##2 x, size_t i, AS half *p) ALIAS("_Z" #LA "vstorea_half2" #RT "Dv2_" #C "mPU9CLgenericDh"); \
	OVL void vstorea_half3##R(F##3 x, size_t i, AS half *p) ALIAS("_Z" #LA "vstorea_half3" #RT "Dv3_" #C "mPU9CLgenericDh"); \
	OVL void vstorea_half4##R(F##4 x, size_t i, AS half *p) ALIAS("_Z" #LA "vstorea_half4" #RT "Dv4_" #C "mPU9CLgenericDh"); \
	OVL void vstorea_half8##R(F##8 x, size_t i, AS half *p) ALIAS("_Z" #LA "vstorea_half8" #RT "Dv8_" #C "mPU9CLgenericDh"); \
	OVL void vstorea_half16##R(F##16 x, size_t i, AS half *p) ALIAS("_Z" #LA16 "vstorea_half16" #RT "Dv16_" #C "mPU9CLgenericDh");
#define GENERIC_SPACE(M, ...) M(, __VA_ARGS__)
#define HALF_STORES_ALL(SPACES, F, C) \
	SPACES(HALF_STORES_NAMED, F, C, , _rte, 15, 16, 17, 17, 18) \
	SPACES(HALF_STORES_NAMED, F, C, _rte, _rte, 15, 16, 17, 17, 18) \
	SPACES(HALF_STORES_NAMED, F, C, _rtz, _rtz, 15, 16, 17, 17, 18) \
	SPACES(HALF_STORES_NAMED, F, C, _rtp, _rtp, 15, 16, 17, 17, 18) \
	SPACES(HALF_STORES_NAMED, F, C, _rtn, _rtn, 15, 16, 17, 17, 18)
HALF_STORES(float, _rte)
HALF_STORES(float, _rtz)
HALF_STORES(float, _rtp)
HALF_STORES(float, _rtn)
HALF_STORES(double, _rte)
HALF_STORES(double, _rtz)
HALF_STORES(double, _rtp)
HALF_STORES(double, _rtn)
/* vstore_half…(generic) without a suffix, then every named space. */
#define NO_SUFFIX_GENERIC(F, C) GENERIC_SPACE(HALF_STORES_NAMED, F, C, , _rte, 15, 16, 17, 17, 18)
NO_SUFFIX_GENERIC(float, f)
NO_SUFFIX_GENERIC(double, d)
HALF_STORES_ALL(STORE_SPACES, float, f)
HALF_STORES_ALL(STORE_SPACES, double, d)
