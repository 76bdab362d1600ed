/* The geometric functions that are plain arithmetic: dot, cross and the
 * fast_ forms (OpenCL C 3.0 "Geometric Functions"; length, distance and
 * normalize are in geometric.cl).
 *
 * Linked before the work-group functions are made (build/stage_collectives.go's
 * early parts), not at code generation: their vector arithmetic must be
 * split into lanes by the scalarizer like the program's own, or a kernel
 * that calls dot(float4, float4) keeps its vectors whole and its work-item
 * loop scalar. An n-body step written with float4 and dot: 10.9 -> xx
 * GFLOPS (the same written with scalars: 151). */

#define OVL __attribute__((overloadable))
#define SQRT __builtin_elementwise_sqrt

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
