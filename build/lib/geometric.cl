/* Geometric functions (OpenCL C 3.0 "Geometric Functions") for float and
 * double, scalars and vectors of 2, 3 and 4, rounding to nearest.
 *
 * Linked before the work-group functions are made (build/stage_collectives.go's
 * early parts), not at code generation: their vector arithmetic must be
 * split into lanes by the scalarizer like the program's own, or a kernel
 * that calls dot(float4, float4) keeps its vectors whole and its work-item
 * loop scalar. So they are plain arithmetic, without branches or calls
 * (a call in a work-item loop keeps it scalar too). An n-body step written
 * with float4 and dot: 10.9 -> 92.7 GFLOPS (the same written with scalars:
 * 118-151); with length: 11.0 -> 45.1.
 *
 * length, distance and normalize compute the sum of squares directly, and
 * scale the vector by a power of two where it overflows or is small enough
 * to have lost precision, so they are accurate over the whole range (the
 * reference the CTS uses is the sum computed in double). The scale is
 * chosen by selects (1 in the plain range), so each computes one square
 * root and one division: computing the plain and the scaled result and
 * selecting one took three of each in normalize, and a work-item loop that
 * called it was not worth vectorizing. The fast_ forms skip the scaling,
 * which their specification allows. */

#define OVL __attribute__((overloadable))
#define SQRT __builtin_elementwise_sqrt
#define FABS __builtin_elementwise_abs

OVL float dot(float a, float b) { return a * b; }
OVL float dot(float2 a, float2 b) { float2 m = a * b; return m.x + m.y; }
OVL float dot(float3 a, float3 b) { float3 m = a * b; return m.x + m.y + m.z; }
OVL float dot(float4 a, float4 b) { float4 m = a * b; return m.x + m.y + m.z + m.w; }
OVL double dot(double a, double b) { return a * b; }
OVL double dot(double2 a, double2 b) { double2 m = a * b; return m.x + m.y; }
OVL double dot(double3 a, double3 b) { double3 m = a * b; return m.x + m.y + m.z; }
OVL double dot(double4 a, double4 b) { double4 m = a * b; return m.x + m.y + m.z + m.w; }

OVL float3 cross(float3 a, float3 b) { return a.yzx * b.zxy - a.zxy * b.yzx; }
OVL double3 cross(double3 a, double3 b) { return a.yzx * b.zxy - a.zxy * b.yzx; }
OVL float4 cross(float4 a, float4 b) { return (float4)(cross(a.xyz, b.xyz), 0.0f); }
OVL double4 cross(double4 a, double4 b) { return (double4)(cross(a.xyz, b.xyz), 0.0); }

/* Per type: the range where the plain sum of squares is accurate
 * [LO, inf), the scale for an overflowing sum (DOWN), and the scales for a
 * small one: TINY_UP when the sum is 0 (every square underflowed: each
 * component is below 2^-75, or 2^-538 for double), SMALL_UP otherwise
 * (the largest component is at most the root of LO). Every scaled square
 * then lies well inside the normal range, and only the zero vector has a
 * scaled sum of 0. (No largest component is needed: its maximum took
 * four fabs and three maxnum, and the vectorizer found a work-item loop
 * that called length not worth vectorizing.) */
#define GEOM(N, T, LO, DOWN, TINY_UP, SMALL_UP) \
	/* s: 1 where the plain sum is accurate, else the scale. */ \
	OVL T length(T##N p) { \
		T l2 = dot(p, p); \
		T s = l2 >= LO && l2 < (T)INFINITY ? 1 : l2 == (T)INFINITY ? DOWN : l2 == 0 ? TINY_UP : SMALL_UP; \
		T##N q = p * s; \
		T len = SQRT(dot(q, q)) * (1 / s); /* inf if a component is */ \
		return l2 != l2 ? l2 : len; } \
	OVL T distance(T##N a, T##N b) { return length(a - b); } \
	OVL T##N normalize(T##N p) { \
		T l2 = dot(p, p); \
		T s = l2 >= LO && l2 < (T)INFINITY ? 1 : l2 == (T)INFINITY ? DOWN : l2 == 0 ? TINY_UP : SMALL_UP; \
		T##N q = p * s; \
		T l2s = dot(q, q); \
		/* Infinite components: ±1 each, the others ±0, normalized. */ \
		T##N unit = __builtin_elementwise_copysign(FABS(p) == (T)INFINITY ? (T##N)1 : (T##N)0, p); \
		int infinite = l2s == (T)INFINITY; \
		T r = 1 / SQRT(infinite ? dot(unit, unit) : l2s); \
		/* Scaled down: divide first, so that small components (whose \
		 * quotients may be denormal) keep their bits; then scale. */ \
		T##N n = infinite ? unit * r : s < 1 ? p * r * s : q * r; \
		n = l2s == 0 ? p : n; \
		return l2 != l2 ? (T##N)l2 : n; }
GEOM(2, float, 0x1p-100f, 0x1p-70f, 0x1p126f, 0x1p64f)
GEOM(3, float, 0x1p-100f, 0x1p-70f, 0x1p126f, 0x1p64f)
GEOM(4, float, 0x1p-100f, 0x1p-70f, 0x1p126f, 0x1p64f)
GEOM(2, double, 0x1p-900, 0x1p-600, 0x1p1022, 0x1p600)
GEOM(3, double, 0x1p-900, 0x1p-600, 0x1p1022, 0x1p600)
GEOM(4, double, 0x1p-900, 0x1p-600, 0x1p1022, 0x1p600)

#define GEOM1(T) \
	OVL T length(T p) { return FABS(p); } \
	OVL T distance(T a, T b) { return FABS(a - b); } \
	OVL T normalize(T p) { return p != p || p == 0 ? p : __builtin_elementwise_copysign((T)1, p); }
GEOM1(float)
GEOM1(double)

/* fast_*: float only. */
#define FAST(N) \
	OVL float fast_length(float##N p) { return SQRT(dot(p, p)); } \
	OVL float fast_distance(float##N a, float##N b) { return fast_length(a - b); } \
	OVL float##N fast_normalize(float##N p) { \
		float l2 = dot(p, p); \
		return l2 == 0 ? p : p * (1 / SQRT(l2)); }
FAST()
FAST(2)
FAST(3)
FAST(4)
