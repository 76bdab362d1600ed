/* Integer clamp, max and min, with vector and with scalar bounds. */
#include "integer.h"

#define MINMAX(K, N, NUM, T, UT, BITS, SGN) \
	OVL T##N clamp(T##N x, T##N lo, T##N hi) { return EMIN(EMAX(x, lo), hi); } \
	OVL T##N max(T##N x, T##N y) { return EMAX(x, y); } \
	OVL T##N min(T##N x, T##N y) { return EMIN(x, y); }
INT_TYPES(ALL_WIDTHS, MINMAX)

/* Vector forms with scalar bounds. */
#define VEC_SCALAR(K, N, NUM, T, UT, BITS, SGN) \
	OVL T##N clamp(T##N x, T lo, T hi) { return EMIN(EMAX(x, (T##N)lo), (T##N)hi); } \
	OVL T##N max(T##N x, T y) { return EMAX(x, (T##N)y); } \
	OVL T##N min(T##N x, T y) { return EMIN(x, (T##N)y); }
INT_TYPES(VEC_WIDTHS, VEC_SCALAR)
