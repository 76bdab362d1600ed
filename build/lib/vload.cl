/* Vector data load and store (OpenCL C 3.0 "Vector Data Load and Store Functions"): vloadn / vstoren for
 * char … double, and the half conversions vload_half, vloada_half,
 * vstore_half[_rte|_rtz|_rtp|_rtn], vstorea_half…, for the generic address
 * space (OpenCL C 2.0/3.0), the named ones (1.x) and __constant for loads.
 *
 * Pointers need only element alignment, so accesses go through
 * element-aligned may_alias vector types; three-component forms touch only
 * three elements (a vec3 access would touch four). */

#pragma OPENCL EXTENSION cl_khr_fp16 : enable
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#define OVL __attribute__((overloadable))

/* Element types and their letters in mangled names. */
#define TYPES(M) M(char, c) M(uchar, h) M(short, s) M(ushort, t) M(int, i) M(uint, j) M(long, l) M(ulong, m) \
	M(float, f) M(double, d) M(half, Dh)

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

#include "half.h"

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
