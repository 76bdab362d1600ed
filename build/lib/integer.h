/* Integer built-in functions (OpenCL C 3.0 "Integer Functions") for char … ulong,
 * scalars and vectors of 2, 3, 4, 8 and 16: what their parts share. The
 * functions are in several parts (integer*.cl), so that a program compiles
 * only the group it calls: the whole set is about 1,700 functions, and as
 * one part it took 0.6–1.2 s to compile on a program's first build, where
 * a hash kernel needs only rotate. Vector code is written on whole vectors
 * (or lane by lane, which the SLP vectorizer turns back into vector
 * instructions: ctlz, cttz, ctpop), so most functions are one instruction. */
#ifndef GOCL_INTEGER_H
#define GOCL_INTEGER_H

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

#define LANES1(RT, NUM, f, x) { RT r_; for (int i_ = 0; i_ < NUM; i_++) r_[i_] = f(x[i_]); return r_; }
#define LANES2(RT, NUM, f, x, y) { RT r_; for (int i_ = 0; i_ < NUM; i_++) r_[i_] = f(x[i_], y[i_]); return r_; }
#define LANES3(RT, NUM, f, x, y, z) { RT r_; for (int i_ = 0; i_ < NUM; i_++) r_[i_] = f(x[i_], y[i_], z[i_]); return r_; }

#define SIGNED_8(N) char##N
#define SIGNED_16(N) short##N
#define SIGNED_32(N) int##N
#define SIGNED_64(N) long##N

#endif
