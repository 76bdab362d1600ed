/* The common functions' vector forms with scalar arguments, for common.cl
 * (float, double) and half_common.cl (half): each calls the full vector
 * form, which must be defined in the same file (clang 19 loses the
 * header's overloads of a name once a file defines one). */
#ifndef GOCL_COMMON_H
#define GOCL_COMMON_H

#define COMMON_SCALAR(N, T) \
	OVL T##N clamp(T##N x, T lo, T hi) { return clamp(x, (T##N)lo, (T##N)hi); } \
	OVL T##N max(T##N x, T y) { return max(x, (T##N)y); } \
	OVL T##N min(T##N x, T y) { return min(x, (T##N)y); } \
	OVL T##N mix(T##N x, T##N y, T a) { return mix(x, y, (T##N)a); } \
	OVL T##N step(T edge, T##N x) { return step((T##N)edge, x); } \
	OVL T##N smoothstep(T e0, T e1, T##N x) { return smoothstep((T##N)e0, (T##N)e1, x); }
#endif
