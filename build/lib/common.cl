/* Common functions (OpenCL C 3.0 "Common Functions") for float and double, scalars and
 * vectors of 2, 3, 4, 8 and 16. max, min and clamp are one x86 max/min
 * instruction each: max(x, y) = x < y ? y : x as the specification words it;
 * clamp sends a NaN x to minval, as fmin(fmax(x, minval), maxval) does. */

#define OVL __attribute__((overloadable))

#define ALL_WIDTHS(M, ...) M(, __VA_ARGS__) VEC_WIDTHS(M, __VA_ARGS__)
#define VEC_WIDTHS(M, ...) M(2, __VA_ARGS__) M(3, __VA_ARGS__) M(4, __VA_ARGS__) M(8, __VA_ARGS__) M(16, __VA_ARGS__)

#define COMMON(N, T) \
	OVL T##N clamp(T##N x, T##N lo, T##N hi) { T##N t = x > lo ? x : lo; return t < hi ? t : hi; } \
	OVL T##N degrees(T##N r) { return r * (T##N)(T)57.295779513082320876798154814105; } \
	OVL T##N radians(T##N d) { return d * (T##N)(T)0.017453292519943295769236907684886; } \
	OVL T##N max(T##N x, T##N y) { return x < y ? y : x; } \
	OVL T##N min(T##N x, T##N y) { return y < x ? y : x; } \
	OVL T##N mix(T##N x, T##N y, T##N a) { return x + (y - x) * a; } \
	OVL T##N step(T##N edge, T##N x) { return x < edge ? (T##N)0 : (T##N)1; } \
	OVL T##N smoothstep(T##N e0, T##N e1, T##N x) { \
		T##N t = clamp((x - e0) / (e1 - e0), (T##N)0, (T##N)1); \
		return t * t * ((T##N)3 - (T##N)2 * t); } \
	OVL T##N sign(T##N x) { \
		T##N r = x > (T##N)0 ? (T##N)1 : x; \
		r = x < (T##N)0 ? (T##N)-1 : r; \
		return x != x ? (T##N)0 : r; }
ALL_WIDTHS(COMMON, float)
ALL_WIDTHS(COMMON, double)

#include "common.h"
VEC_WIDTHS(COMMON_SCALAR, float)
VEC_WIDTHS(COMMON_SCALAR, double)
