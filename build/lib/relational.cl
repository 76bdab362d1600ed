/* Relational functions (OpenCL C 3.0 "Relational Functions"). Scalar forms return int 1 for
 * true, vector forms -1 (all bits set) in the signed integer type of the
 * element size: exactly what the C comparison operators give in OpenCL C. */

#pragma OPENCL EXTENSION cl_khr_fp16 : enable
#define OVL __attribute__((overloadable))

#define ALL_WIDTHS(M, ...) M(, __VA_ARGS__) VEC_WIDTHS(M, __VA_ARGS__)
#define VEC_WIDTHS(M, ...) M(2, __VA_ARGS__) M(3, __VA_ARGS__) M(4, __VA_ARGS__) M(8, __VA_ARGS__) M(16, __VA_ARGS__)

/* R: the result type (int for scalars, intn / longn for vectors); IT the
 * same-size signed integer type. */
#define FREL(N, T, R, IT, FMIN) \
	OVL R isequal(T##N x, T##N y) { return x == y; } \
	OVL R isnotequal(T##N x, T##N y) { return x != y; } \
	OVL R isgreater(T##N x, T##N y) { return x > y; } \
	OVL R isgreaterequal(T##N x, T##N y) { return x >= y; } \
	OVL R isless(T##N x, T##N y) { return x < y; } \
	OVL R islessequal(T##N x, T##N y) { return x <= y; } \
	OVL R islessgreater(T##N x, T##N y) { return (x < y) | (x > y); } \
	OVL R isfinite(T##N x) { return __builtin_elementwise_abs(x) < (T##N)INFINITY; } \
	OVL R isinf(T##N x) { return __builtin_elementwise_abs(x) == (T##N)INFINITY; } \
	OVL R isnan(T##N x) { return x != x; } \
	OVL R isnormal(T##N x) { \
		T##N a = __builtin_elementwise_abs(x); \
		return (a >= (T##N)FMIN) & (a < (T##N)INFINITY); } \
	OVL R isordered(T##N x, T##N y) { return (x == x) & (y == y); } \
	OVL R isunordered(T##N x, T##N y) { return (x != x) | (y != y); } \
	OVL R signbit(T##N x) { return __builtin_astype(x, IT##N) < (IT##N)0; }
FREL(, float, int, int, FLT_MIN)
FREL(, double, int, long, DBL_MIN)
FREL(, half, int, short, HALF_MIN)
#define FREL_V(N, T, IT, FMIN) FREL(N, T, IT##N, IT, FMIN)
VEC_WIDTHS(FREL_V, float, int, FLT_MIN)
VEC_WIDTHS(FREL_V, double, long, DBL_MIN)
VEC_WIDTHS(FREL_V, half, short, HALF_MIN)

/* any, all: the most significant bit of any / all components. */
#define ANYALL(N, T) \
	OVL int any(T##N x) { return __builtin_reduce_or(x) < (T)0; } \
	OVL int all(T##N x) { return __builtin_reduce_and(x) < (T)0; }
VEC_WIDTHS(ANYALL, char)
VEC_WIDTHS(ANYALL, short)
VEC_WIDTHS(ANYALL, int)
VEC_WIDTHS(ANYALL, long)
#define ANYALL_S(T) OVL int any(T x) { return x < 0; } OVL int all(T x) { return x < 0; }
ANYALL_S(char)
ANYALL_S(short)
ANYALL_S(int)
ANYALL_S(long)

/* bitselect(a, b, c): each bit from b where c has it set, else from a.
 * select(a, b, c): b where c (scalar: c != 0; vector: the most significant
 * bit of each component of c) else a. UT: the same-size unsigned type. */
#define SELECTS(N, T, UT, IT) \
	OVL T##N bitselect(T##N a, T##N b, T##N c) { \
		UT##N ua = __builtin_astype(a, UT##N), ub = __builtin_astype(b, UT##N), uc = __builtin_astype(c, UT##N); \
		return __builtin_astype((UT##N)((ua & ~uc) | (ub & uc)), T##N); } \
	OVL T##N select(T##N a, T##N b, IT##N c) { return SEL_##N(a, b, c, IT); } \
	OVL T##N select(T##N a, T##N b, UT##N c) { return SEL_##N(a, b, __builtin_astype(c, IT##N), IT); }
#define SEL_(a, b, c, IT) ((c) ? (b) : (a))
#define SEL_V(a, b, c, IT, N) ((c) < (IT##N)0 ? (b) : (a))
#define SEL_2(a, b, c, IT) SEL_V(a, b, c, IT, 2)
#define SEL_3(a, b, c, IT) SEL_V(a, b, c, IT, 3)
#define SEL_4(a, b, c, IT) SEL_V(a, b, c, IT, 4)
#define SEL_8(a, b, c, IT) SEL_V(a, b, c, IT, 8)
#define SEL_16(a, b, c, IT) SEL_V(a, b, c, IT, 16)
ALL_WIDTHS(SELECTS, char, uchar, char)
ALL_WIDTHS(SELECTS, uchar, uchar, char)
ALL_WIDTHS(SELECTS, short, ushort, short)
ALL_WIDTHS(SELECTS, ushort, ushort, short)
ALL_WIDTHS(SELECTS, int, uint, int)
ALL_WIDTHS(SELECTS, uint, uint, int)
ALL_WIDTHS(SELECTS, long, ulong, long)
ALL_WIDTHS(SELECTS, ulong, ulong, long)
ALL_WIDTHS(SELECTS, float, uint, int)
ALL_WIDTHS(SELECTS, double, ulong, long)
ALL_WIDTHS(SELECTS, half, ushort, short)
