/* Integer rotate: a part of its own, as hash kernels (MD5, SHA-1, SHA-2)
 * call it and nothing else of the integer functions. */
#include "integer.h"

#define ROTATE(K, N, NUM, T, UT, BITS, SGN) \
	OVL T##N rotate(T##N v, T##N i) { \
		UT##N u = AS_##K(v, UT##N), m = AS_##K(i, UT##N) & (UT##N)(BITS - 1); \
		return AS_##K((UT##N)((u << m) | (u >> ((UT##N)(-m) & (UT##N)(BITS - 1)))), T##N); }
INT_TYPES(ALL_WIDTHS, ROTATE)
