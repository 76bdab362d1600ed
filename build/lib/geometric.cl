/* Geometric functions (OpenCL C 3.0 "Geometric Functions") for float and double, scalars
 * and vectors of 2, 3 and 4, rounding to nearest.
 *
 * length, distance and normalize compute the sum of squares directly and
 * fall back to a scaled computation when it overflows or is small enough to
 * have lost precision, so they are accurate over the whole range (the
 * reference the CTS uses is the sum computed in double). The fast_ forms
 * skip the scaling, which their specification allows (geometric_arith.cl). */

#define OVL __attribute__((overloadable))
#define FABS __builtin_elementwise_abs
#define SQRT __builtin_elementwise_sqrt

/* dot, cross and the fast_ forms: geometric_arith.cl. */

/* Per type: the range where the plain sum of squares is accurate
 * [LO, inf), the scale for an overflowing sum (DOWN), and the scales for a
 * small one: TINY_UP when the largest component is below TINY, SMALL_UP
 * otherwise. Every scaled square then lies well inside the normal range. */
#define GEOM(N, T, LO, DOWN, TINY, TINY_UP, SMALL_UP) \
	__attribute__((noinline)) static T scale_##T##N(T##N p, T l2) { \
		if (l2 == (T)INFINITY) return DOWN; \
		return __builtin_reduce_max(FABS(p)) < TINY ? TINY_UP : SMALL_UP; } \
	OVL T length(T##N p) { \
		T l2 = dot(p, p); \
		if (l2 >= LO && l2 < (T)INFINITY) return SQRT(l2); \
		if (l2 != l2) return l2; \
		T s = scale_##T##N(p, l2); \
		T##N q = p * s; \
		return SQRT(dot(q, q)) * (1 / s); /* inf if a component is */ } \
	OVL T distance(T##N a, T##N b) { return length(a - b); } \
	OVL T##N normalize(T##N p) { \
		T l2 = dot(p, p); \
		if (l2 >= LO && l2 < (T)INFINITY) return p * (1 / SQRT(l2)); \
		if (l2 != l2) return (T##N)l2; \
		if (all(p == (T##N)0)) return p; \
		T s = scale_##T##N(p, l2); \
		T##N q = p * s; \
		l2 = dot(q, q); \
		if (l2 == (T)INFINITY) { /* infinite components → ±1, the others ±0 */ \
			q = __builtin_elementwise_copysign(isinf(p) ? (T##N)1 : (T##N)0, p); \
			return q * (1 / SQRT(dot(q, q))); } \
		/* Scaled down: divide first, so that small components (whose \
		 * quotients may be denormal) keep their bits; then scale. */ \
		return s < 1 ? p * (1 / SQRT(l2)) * s : q * (1 / SQRT(l2)); }
GEOM(2, float, 0x1p-100f, 0x1p-70f, 0x1p-100f, 0x1p126f, 0x1p64f)
GEOM(3, float, 0x1p-100f, 0x1p-70f, 0x1p-100f, 0x1p126f, 0x1p64f)
GEOM(4, float, 0x1p-100f, 0x1p-70f, 0x1p-100f, 0x1p126f, 0x1p64f)
GEOM(2, double, 0x1p-900, 0x1p-600, 0x1p-900, 0x1p1022, 0x1p600)
GEOM(3, double, 0x1p-900, 0x1p-600, 0x1p-900, 0x1p1022, 0x1p600)
GEOM(4, double, 0x1p-900, 0x1p-600, 0x1p-900, 0x1p1022, 0x1p600)

#define GEOM1(T) \
	OVL T length(T p) { return FABS(p); } \
	OVL T distance(T a, T b) { return FABS(a - b); } \
	OVL T normalize(T p) { return p != p || p == 0 ? p : __builtin_elementwise_copysign((T)1, p); }
GEOM1(float)
GEOM1(double)
