/* Kernels built to break the work-group transform (build/wgloops.go),
 * which runs uniform control flow once per work-group and the rest in
 * vectorized work-item loops: each result is checked against the host.
 *  - barriers in uniform loops, with a divergent loop between them;
 *    reductions of every local size 1-1024 (not only powers of two);
 *  - early returns and non-uniform last groups; break and continue in
 *    divergent loops; private arrays indexed by the work-item;
 *  - atomics and local memory in loops; 1D, 2D and 3D groups of every
 *    small shape, local sizes smaller than a vector;
 *  - a uniform loop whose trip count comes from memory (a load: treated as
 *    varying, still right);
 *  - vload_halfN and vstore_halfN in a loop (split into element accesses).
 * The same program built with GOCL_NO_WILOOPS=1 (another cache key) must
 * give the same results: the scalar path is the reference for the
 * floating-point kernel. */
#include "check.h"
#include <math.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *src =
	"kernel void reduce(global const int *in, global int *out, local int *s) {\n"
	"  size_t l = get_local_id(0), n = get_local_size(0);\n"
	"  s[l] = in[get_global_id(0)];\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  for (size_t k = 1; k < n; k <<= 1) {\n"
	"    if (l % (2 * k) == 0 && l + k < n) s[l] += s[l + k];\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  }\n"
	"  if (l == 0) out[get_group_id(0)] = s[0];\n"
	"}\n"
	/* A divergent loop between barriers of a uniform loop. */
	"kernel void rounds(global int *io, local int *s, int r) {\n"
	"  size_t l = get_local_id(0), n = get_local_size(0);\n"
	"  int v = io[get_global_id(0)];\n"
	"  for (int i = 0; i < r; i++) {\n"
	"    s[l] = v; barrier(CLK_LOCAL_MEM_FENCE);\n"
	"    int w = s[(l + 1) % n];\n"
	"    for (int j = 0; j < (int)(l % 5); j++) w += j;\n"
	"    barrier(CLK_LOCAL_MEM_FENCE); v = w;\n"
	"  }\n"
	"  io[get_global_id(0)] = v;\n"
	"}\n"
	/* An early return, then a uniform loop. */
	"kernel void guarded(global float *o, int n, int m) {\n"
	"  int g = get_global_id(0);\n"
	"  if (g >= n) return;\n"
	"  float acc = 0.0f;\n"
	"  for (int i = 0; i < m; i++) acc += (float)((g + i) % 7);\n"
	"  o[g] = acc;\n"
	"}\n"
	/* break and continue in a divergent loop, inside a uniform one. */
	"kernel void breaks(global int *o, int m) {\n"
	"  int g = get_global_id(0), acc = 0;\n"
	"  for (int k = 0; k < m; k++) {\n"
	"    for (int j = 0; j < 100; j++) {\n"
	"      if ((j + g) % 3 == 0) continue;\n"
	"      if (j > g % 17 + k) break;\n"
	"      acc += j;\n"
	"    }\n"
	"  }\n"
	"  o[g] = acc;\n"
	"}\n"
	/* A private array indexed by the work-item, live across a uniform loop. */
	"kernel void priv(global int *o, int m) {\n"
	"  int g = get_global_id(0), a[8];\n"
	"  for (int i = 0; i < 8; i++) a[i] = g * i;\n"
	"  int s = 0;\n"
	"  for (int i = 0; i < m; i++) { s += a[(g + i) & 7]; a[i & 7] += 1; }\n"
	"  o[g] = s;\n"
	"}\n"
	/* Atomics and local memory in a uniform loop. */
	"kernel void atomics(global int *o, local int *c, int m) {\n"
	"  if (get_local_id(0) == 0) *c = 0;\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  for (int i = 0; i < m; i++) atomic_add(c, (int)get_local_id(0) + i);\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  o[get_global_id(0)] = *c;\n"
	"}\n"
	/* Every id in 3 dimensions, through a uniform loop. */
	"kernel void ids(global int *o, int m) {\n"
	"  size_t x = get_global_id(0), y = get_global_id(1), z = get_global_id(2);\n"
	"  size_t i = (z * get_global_size(1) + y) * get_global_size(0) + x;\n"
	"  int v = 0;\n"
	"  for (int k = 0; k < m; k++)\n"
	"    v += (int)(get_local_id(0) + 10 * get_local_id(1) + 100 * get_local_id(2) + 1000 * get_group_id(0)\n"
	"               + 10000 * get_group_id(1) + 100000 * get_group_id(2) + get_local_linear_id() * k);\n"
	"  o[i] = v;\n"
	"}\n"
	/* A kernel calling another kernel (CTS basic kernel_call_kernel_function):
	 * the callee reads the work-item ids, and is launched by itself too. */
	"kernel void callee(global int *o, global const int *in, int where) {\n"
	"  if (where == 0) o[get_global_id(0)] = 0;\n"
	"  for (int b = 0; b < where; b++) o[get_global_id(0)] += in[b];\n"
	"}\n"
	"kernel void caller(global const int *in, global int *o, int times) {\n"
	"  int tid = get_global_id(0);\n"
	"  o[tid] = 1;\n"
	"  for (int a = 0; a < times; a++) callee(o, in, tid);\n"
	"}\n"
	/* The trip count from memory: the loop is not uniform to the analysis. */
	"kernel void loaded(global int *o, global const int *n) {\n"
	"  int acc = 0;\n"
	"  for (int i = 0; i < n[0]; i++) acc += i * (int)get_global_id(0);\n"
	"  o[get_global_id(0)] = acc;\n"
	"}\n"
	/* Reading back in the same iteration what a work-item wrote, at
	 * strided addresses (complex numbers): the loop must not be taken for
	 * one whose accesses can be reordered. */
	/* vload_halfN and vstore_halfN in a loop: split into element loads
	 * and stores with conversions, the loop vectorized. */
	"kernel void halves(global const half *in, global half *out, global float *sums, int m) {\n"
	"	size_t i = get_global_id(0), n = get_global_size(0);\n"
	"	float4 acc = 0.0f;\n"
	"	float3 acc3 = 0.0f;\n"
	"	for (int k = 0; k < m; k++) {\n"
	"		acc += vload_half4(i + k, in);\n"
	"		acc3 += vload_half3(i + k, in);\n"
	"	}\n"
	"	vstore_half4(acc / 3.0f, i, out);\n"
	"	vstore_half3(acc3 / 7.0f, i, out + 4 * n);\n"
	"	vstore4(acc, i, sums);\n"
	"}\n"
	"kernel void cplx(global float *x, int m) {\n"
	"  int g = get_global_id(0);\n"
	"  for (int i = 0; i < m; i++) {\n"
	"    float re = x[2 * g], im = x[2 * g + 1];\n"
	"    x[2 * g] = re * 0.5f - im * 0.25f;\n"
	"    x[2 * g + 1] = re * 0.25f + im * 0.5f + x[2 * g];\n"
	"  }\n"
	"}\n"
	/* A location every work-item reads at the same address, written in
	 * the kernel (it must not be read once for the group), and read-only
	 * data at uniform addresses (read once: float4 elements, a filter). */
	"kernel void written(global int *buf, global int *out, int m) {\n"
	"  int acc = 0;\n"
	"  for (int i = 0; i < m; i++) {\n"
	"    if (get_local_id(0) == 0) buf[get_group_id(0)] = i * (int)get_group_id(0);\n"
	"    barrier(CLK_GLOBAL_MEM_FENCE);\n"
	"    acc += buf[get_group_id(0)];\n"
	"    barrier(CLK_GLOBAL_MEM_FENCE);\n"
	"  }\n"
	"  out[get_global_id(0)] = acc;\n"
	"}\n"
	"kernel void readonly(global const float4 *c, global const float *in, global float *out, int m) {\n"
	"  int g = get_global_id(0); float4 p = (float4)(in[g], 1.0f, 2.0f, 3.0f);\n"
	"  float acc = 0.0f;\n"
	"  for (int k = 0; k < m; k++) { float4 q = c[k]; acc += q.x * p.x + q.y * p.y - q.z * p.z + q.w; }\n"
	"  out[g] = acc;\n"
	"}\n"
	/* Guards on the x id, which run over a run of x (build/guardrange.go):
	 * every predicate, both operand orders, local and global ids as size_t
	 * and as int; the host launches it at global offsets where int and
	 * uint ids wrap within a group. Counter b of a work-item counts the
	 * rounds guard b let it in. */
	/* Guards on the remainder of a local id by a power of two
	 * (build/guardrange.go: their loops step over x), with rows that are
	 * and rows that are not whole steps, one with a loop inside; the
	 * last output says whether the work-item is its sub-group's first. */
	"kernel void remainders(global int *out, global const int *in) {\n"
	"  size_t g = get_global_linear_id(); int x = in[g]; global int *o = out + g * 6;\n"
	"  if (get_local_linear_id() % 16 == 0) o[0] = x + 1;\n"
	"  if ((get_local_linear_id() & 3) == 0) o[1] = x * 2;\n"
	"  if (get_local_id(0) % 8 == 0) o[2] = x - 5;\n"
	"  if ((uint)get_local_linear_id() % 8u == 0) { int s = 0; for (int k = 0; k < x % 5; k++) s += k + 1; o[3] = s + 7; }\n"
	"#ifdef __opencl_c_subgroups\n" /* (the chains build this source as OpenCL C 1.2) */
	"  if (get_sub_group_local_id() == 0) o[4] = x + 1000;\n"
	"  o[5] = get_sub_group_local_id() == 0;\n"
	"#endif\n"
	"}\n"
	"#define IN(b) out[(g - get_global_offset(0)) * 12 + b] += 1\n"
	"kernel void ranges(global int *out, int k, uint uk, long lk, int reps) {\n"
	"  size_t l = get_local_id(0), g = get_global_id(0);\n"
	"  int il = get_local_id(0), ig = get_global_id(0); uint ug = get_global_id(0);\n"
	"  for (int r = 0; r < reps; r++) {\n"
	"    if (il < k) IN(0);\n"
	"    if (k > ig) IN(1);\n"
	"    if (l <= uk) IN(2);\n"
	"    if (ig >= k) IN(3);\n"
	"    if (ig > k) IN(4);\n"
	"    if (ug < uk) IN(5);\n"
	"    if (g == lk) IN(6);\n"
	"    if (il == k) IN(7);\n"
	"    if (lk > g) IN(8);\n"
	"    if (ug >= uk) IN(9);\n"
	"    if (uk <= ug) IN(10);\n"
	"    if (ig <= k) continue;\n"
	"    IN(11);\n"
	"  }\n"
	"}\n"
	/* Loops each work-item leaves at its own iteration, run in lockstep
	 * under a mask (build/uniformity.go, loopShaped): entered from a
	 * bounds check and from a varying test, with a uniform loop inside,
	 * between barriers of a uniform loop, and with a value used after the
	 * loop. Counts are exact (integers) and checked against the host. */
	"kernel void lockstep(global int *o, local int *s, int n, int m) {\n"
	"  int g = get_global_id(0), l = get_local_id(0), c = 0, steps = 0;\n"
	"  if (g < n) {\n"
	"    int x = g + 1;\n"
	"    while (x != 1) { x = (x & 1) ? 3 * x + 1 : x >> 1; c++; }\n"
	"    int v = g % 13;\n"
	"    while (v < 40 + g % 5) { for (int j = 0; j < 3; j++) v += j + 1; steps++; }\n"
	"  }\n"
	"  int acc = 0;\n"
	"  for (int r = 0; r < m; r++) {\n"
	"    s[l] = c + r; barrier(CLK_LOCAL_MEM_FENCE);\n"
	"    int w = s[(l + 1) % (int)get_local_size(0)], k = 0;\n"
	"    do { w -= 3; k++; } while (w > r);\n"
	"    acc += k;\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  }\n"
	"  if (g < n) o[g] = c * 1000000 + steps * 10000 + acc;\n"
	"}\n"
	/* Lockstep loops whose bodies run for every work-item, the slots of
	 * those that have left kept by a select (build/flatmask.go): state of
	 * every width (uchar, short, int, float4), divisions by constants,
	 * shifts; then a loop dividing by a varying value, which must stay
	 * behind its mask (a work-item that has left holds d == 0). */
	"kernel void flat(global int *o, global float4 *f, int n) {\n"
	"  int g = get_global_id(0), x = g + 1, c = 0;\n"
	"  uchar b = (uchar)g; short h = (short)(g * 3); float4 v = (float4)((float)g, 1.0f, 2.0f, 3.0f);\n"
	"  while (x > 1 && c < n) {\n"
	"    x = (x & 1) ? 3 * x + 1 : x / 2;\n"
	"    b = (uchar)(b * 5 + x % 7);\n"
	"    h ^= (short)((uint)x << (c & 15));\n"
	"    v = v * 0.5f + (float4)((float)(x & 3));\n"
	"    c++;\n"
	"  }\n"
	"  int d = g % 5, q = 0;\n"
	"  while (d != 0) { q += 1000 / d; d--; }\n"
	"  o[4 * g] = c; o[4 * g + 1] = b; o[4 * g + 2] = h; o[4 * g + 3] = q; f[g] = v;\n"
	"}\n"
	/* Floating point: a mad chain per work-item. */
	"kernel void chain(global float *o, float a) {\n"
	"  float x = a, y = (float)get_local_id(0) / 256.0f;\n"
	"  for (int i = 0; i < 64; i++) { x = mad(y, x, -0.5f); y = mad(x, y, 0.25f); }\n"
	"  o[get_global_id(0)] = x + y;\n"
	"}\n"
	/* Vector kernels, split into their elements before the work-item
	 * loops (build/scalarize.go): builtins called per element (mad, fmax,
	 * clamp with scalar bounds, sqrt, conversions), vector loads and
	 * stores, vloadn and vstoren, swizzles; float2 and uchar4, which the
	 * calling convention passes as scalars; a float8 (split only where it
	 * is narrower than a vector register). */
	"kernel void vchain4(global float *o, global const float4 *in, float a) {\n"
	"  size_t g = get_global_id(0);\n"
	"  float4 x = vload4(g, (global const float *)in) * a, y = (float4)(get_local_id(0) / 256.0f, 0.5f, -0.25f, 1.0f);\n"
	"  for (int i = 0; i < 48; i++) {\n"
	"    x = mad(y, x, (float4)(-0.5f, 0.25f, 0.125f, -0.75f));\n"
	"    y = clamp(fmax(x.wzyx, y) * 0.5f, -2.0f, 2.0f) + sqrt(fabs(x)) * 0.125f;\n"
	"    x += convert_float4(convert_int4(y * 8.0f)) * 0.0625f;\n"
	"  }\n"
	"  vstore4(x + y, g, o);\n"
	"}\n"
	"kernel void vchain2(global float *o, global const float *in, float a) {\n"
	"  size_t g = get_global_id(0);\n"
	"  float2 x = vload2(g, in) + a, y = (float2)(get_local_id(0) / 128.0f, 0.5f);\n"
	"  for (int i = 0; i < 64; i++) { x = mad(y, x, (float2)(-0.5f, 0.25f)); y = fmin(mad(x, y, 0.25f), (float2)(1.5f)); }\n"
	"  o[2 * g] = x.x + y.y, o[2 * g + 1] = x.y - y.x;\n"
	"}\n"
	"kernel void uchain(global float *o, global const uchar4 *in) {\n"
	"  size_t g = get_global_id(0);\n"
	"  uchar4 v = in[g % 64]; int2 w = (int2)((int)g, (int)g * 7 + 3);\n"
	"  for (int i = 0; i < 32; i++) {\n"
	"    v = add_sat(v, (uchar4)(3, 7, 11, 13)) ^ rotate(v, (uchar4)(1, 2, 3, 4));\n"
	"    v = abs_diff(v, (uchar4)(100)) + convert_uchar4_sat(w.xyxy);\n"
	"    w = mad_hi(w, (int2)(0x12345678, -0x2345678), w) + (int2)(i, -i);\n"
	"  }\n"
	"  o[2 * g] = (float)(v.x + v.y * 3 + v.z * 5 + v.w * 7), o[2 * g + 1] = (float)(w.x ^ w.y);\n"
	"}\n"
	"kernel void vchain8(global float *o, float a) {\n"
	"  size_t g = get_global_id(0);\n"
	"  float8 x = (float8)(a) + (float8)(0, 1, 2, 3, 4, 5, 6, 7) * 0.125f, y = (float8)(get_local_id(0) / 512.0f);\n"
	"  for (int i = 0; i < 32; i++) { x = mad(y, x, -0.5f); y = mad(x, y, (float8)(0.25f)); }\n"
	"  o[g] = x.s0 + x.s3 + y.s5 + y.s7;\n"
	"}\n"
	/* Branches around pure library calls become selects (pure_branches.go):
	 * a diamond with sqrt, a triangle with fabs; an arm with an atomic stays
	 * a branch. */
	/* A body of about 1,500 instructions and two memory accesses: its
	 * work-item loop runs the last work-items of a row under a mask
	 * (build/wgloops.go foldsTail), at local sizes that leave every
	 * remainder. */
	"#define MIX(k) x = rotate(x ^ y, (uint)((k) % 31 + 1)) + (uint)(k) * 0x9e3779b9u; y = y * 5u + (x >> 3);\n"
	"#define MIX4(k) MIX(k) MIX(k + 1) MIX(k + 2) MIX(k + 3)\n"
	"#define MIX16(k) MIX4(k) MIX4(k + 4) MIX4(k + 8) MIX4(k + 12)\n"
	"#define MIX64(k) MIX16(k) MIX16(k + 16) MIX16(k + 32) MIX16(k + 48)\n"
	"kernel void long_mix(global uint *out, global const uint *in) {\n"
	"  size_t i = get_global_linear_id(); uint x = in[i], y = (uint)i * 7u;\n"
	"  MIX64(0) MIX64(64) MIX64(128) MIX64(192)\n"
	"  out[i] = x ^ y;\n"
	"}\n"
	/* Vectors of small integers read and written whole, as one integer
	 * each (build/scalarize.go packNarrowAccesses): signed and unsigned
	 * lanes, a lane moved, one computed. */
	"kernel void pixels(global const uchar4 *in, global const short2 *s, global uchar4 *out, global float *g) {\n"
	"  size_t i = get_global_id(0); uchar4 c = in[i]; short2 d = s[i];\n"
	"  g[i] = 0.25f * c.x + 0.5f * c.y + 0.125f * c.z + d.x - 0.5f * d.y;\n"
	"  out[i] = (uchar4)(c.z, c.y, c.x, (uchar)(c.w + d.x));\n"
	"}\n"
	/* vload3/vstore3 of 3-element vectors (a uchar3 is passed as an i32,
	 * a short3 as an i64) under a bounds guard: split into element
	 * accesses, so the guard stays a guard (build/scalarize.go). */
	"kernel void pixels3(global const uchar *in, global const short *s, global uchar *out, global short *so, int n) {\n"
	"  int x = get_global_id(0);\n"
	"  if (x < n) { uchar3 p = vload3(x, in); short3 q = vload3(x, s);\n"
	"    vstore3(p.zyx, x, out); vstore3((short3)(q.x + p.x, q.y - q.z, q.z), x, so); }\n"
	"}\n"
	/* Small switches on values that vary by work-item become branches
	 * (build/lowerswitch.go), one with fall-throughs in a uniform loop,
	 * one whose cases merge into one value. */
	"kernel void switched(global const int *in, global int *out, int n) {\n"
	"  size_t i = get_global_id(0); int v = in[i], acc = 0;\n"
	"  for (int k = 0; k < n; k++) {\n"
	"    switch ((v + k) & 7) {\n"
	"    case 0: acc = (int)((uint)acc + 3u);\n"
	"    case 1: acc ^= v; break;\n"
	"    case 3: acc = (int)((uint)acc - (uint)k); break;\n"
	"    case 4: case 5: acc = (int)((uint)acc * 3u + 1u); break;\n"
	"    default: acc = (int)((uint)acc + (uint)i);\n"
	"    }\n"
	"  }\n"
	"  int r;\n"
	"  switch (v % 5) { case 0: r = acc; break; case 1: r = (int)(0u - (uint)acc); break; case 2: r = acc / 7; break; default: r = (int)((uint)acc * (uint)v); }\n"
	"  out[i] = r;\n"
	"}\n"
	/* A barrier in the block that ends with a divergent branch (the loop
	 * over the bins after the second barrier; build/split_barriers.go). */
	"kernel void histogram(global const int *in, global int *out, int w) {\n"
	"  local uint bins[64];\n"
	"  int l = get_local_id(0) + get_local_id(1) * get_local_size(0), ls = get_local_size(0) * get_local_size(1);\n"
	"  for (int b = l; b < 64; b += ls) bins[b] = 0;\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  atomic_inc(&bins[in[get_global_id(0) + get_global_id(1) * w] & 63]);\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  int g = get_group_id(0) + get_group_id(1) * get_num_groups(0);\n"
	"  for (int b = l; b < 64; b += ls) out[g * 64 + b] = bins[b];\n"
	"}\n"
	/* Guards on rows (build/rowguard.go): x and y bounds in one condition,
	 * a condition on y alone, a row guard with a guard on x inside it, and
	 * a row guard before a barrier; each writes its work-item's cell or
	 * leaves it. */
	"kernel void rows2d(global const float4 *in, global float4 *out, int w, int h, local float *t) {\n"
	"  int x = get_global_id(0), y = get_global_id(1), i = (y - (int)get_global_offset(1)) * (int)get_global_size(0) + x - (int)get_global_offset(0);\n"
	"  t[get_local_id(1) * get_local_size(0) + get_local_id(0)] = (float)x;\n"
	"  if (x >= w || y >= h) return;\n"
	"  float4 v = in[i]; out[i] = v * (v.x + v.y + v.z + v.w);\n"
	"}\n"
	"kernel void rowsonly(global int *out, int h) {\n"
	"  int y = get_global_id(1), i = (y - (int)get_global_offset(1)) * (int)get_global_size(0) + (int)(get_global_id(0) - get_global_offset(0));\n"
	"  if (y % 3 != 1 && y < h) out[i] = y * 1000 + (int)get_global_id(0);\n"
	"}\n"
	"kernel void rowsnested(global int *out, int w, int h) {\n"
	"  int x = get_global_id(0), y = get_global_id(1), i = (y - (int)get_global_offset(1)) * (int)get_global_size(0) + x - (int)get_global_offset(0);\n"
	"  if (y < h) { int v = y * 7; if (x % 5 == 2) v += x; out[i] = v; }\n"
	"}\n"
	"kernel void rowsbarrier(global int *out, int h, local int *t) {\n"
	"  size_t lx = get_local_id(0), ly = get_local_id(1), lw = get_local_size(0);\n"
	"  int y = get_global_id(1), i = (y - (int)get_global_offset(1)) * (int)get_global_size(0) + (int)(get_global_id(0) - get_global_offset(0));\n"
	"  t[ly * lw + lx] = 0;\n"
	"  if (y < h) t[ly * lw + lx] = y + 1;\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  out[i] = t[ly * lw + (lw - 1 - lx)];\n"
	"}\n"
	/* A sorting network over a private array: unrolled before small
	 * loops are marked (build/wgloops.go), the array becomes registers. */
	"kernel void median(global const int *in, global int *out, int w, int h) {\n"
	"  int x = get_global_id(0), y = get_global_id(1), v[9], n = 0;\n"
	"  for (int dy = -1; dy <= 1; dy++)\n"
	"    for (int dx = -1; dx <= 1; dx++) v[n++] = in[clamp(y + dy, 0, h - 1) * w + clamp(x + dx, 0, w - 1)];\n"
	"  for (int a = 0; a < 9; a++)\n"
	"    for (int b = a + 1; b < 9; b++)\n"
	"      if (v[b] < v[a]) { int t = v[a]; v[a] = v[b]; v[b] = t; }\n"
	"  out[y * w + x] = v[4];\n"
	"}\n"
	/* Taps over a constant table, unrolled before the work-group stage. */
	"constant float taps[16] = {1, 2, 3, 5, 7, 9, 11, 12, 12, 11, 9, 7, 5, 3, 2, 1};\n"
	"kernel void fir(global const float *in, global float *out, int n) {\n"
	"  int i = get_global_id(0); float s = 0.0f;\n"
	"  for (int k = 0; k < 16; k++) { int j = i + k; s += taps[k] * in[j < n ? j : n - 1]; }\n"
	"  out[i] = s;\n"
	"}\n"
	/* A loop of gathers runs work-item by work-item (build/gathers.go). */
	"kernel void csr(global const int *rows, global const int *cols, global const float *vals, global const float *x, global float *y) {\n"
	"  int r = get_global_id(0); float s = 0.0f;\n"
	"  for (int k = rows[r]; k < rows[r + 1]; k++) s += vals[k] * x[cols[k]];\n"
	"  y[r] = s;\n"
	"}\n"
	"kernel void pure(global const float *in, global float *out, global int *cnt) {\n"
	"  int i = get_global_id(0); float v = in[i];\n"
	"  float r = v > 4.0f ? sqrt(v) : v * 0.5f;\n"
	"  if (v < 2.0f) r += fabs(v - 1.0f) + (float)(i % 3);\n"
	"  if (v > 6.0f) atomic_inc(cnt);\n"
	"  out[i] = r;\n"
	"}\n";

/* The kernels whose vectorized and scalar builds must agree bit for bit,
 * and how many floats each writes per work-item. */
static const struct {
	const char *name;
	int per_item;
} chains[] = {{"chain", 1}, {"vchain4", 4}, {"vchain2", 2}, {"uchain", 2}, {"vchain8", 1}};
#define NCHAINS (sizeof chains / sizeof chains[0])
#define CHAIN_FLOATS 10 /* the sum of per_item */

static cl_kernel kern(cl_program p, const char *name) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, name, &err);
	REQUIRE_OK(err);
	return k;
}

static void read_back(test_env *t, cl_mem m, size_t size, void *out) {
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, size, out, 0, NULL, NULL));
}

static void test_reduce(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "reduce");
	int bad_sizes = 0;
	for (size_t l = 1; l <= 1024; l += (l < 70 ? 1 : l < 300 ? 23 : 97)) {
		size_t groups = 3, g = l * groups;
		int *in = malloc(g * sizeof(int));
		for (size_t i = 0; i < g; i++) in[i] = (int)(i * 7919 % 1001) - 500;
		cl_mem a = check_buffer(t, g * sizeof(int), in), o = check_buffer(t, groups * sizeof(int), NULL);
		clSetKernelArg(k, 0, sizeof a, &a);
		clSetKernelArg(k, 1, sizeof o, &o);
		clSetKernelArg(k, 2, l * sizeof(int), NULL);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
		int out[3];
		read_back(t, o, sizeof out, out);
		for (size_t grp = 0; grp < groups; grp++) {
			int want = 0;
			for (size_t i = 0; i < l; i++) want += in[grp * l + i];
			if (out[grp] != want) {
				if (bad_sizes++ < 5) fprintf(stderr, "reduce, local size %zu, group %zu: %d, want %d\n", l, grp, out[grp], want);
			}
		}
		free(in);
		clReleaseMemObject(a);
		clReleaseMemObject(o);
	}
	CHECK(bad_sizes == 0);
	clReleaseKernel(k);
}

/* The guards of kernel ranges, as the host computes them. */
static void ranges_want(size_t g, size_t l, int k, unsigned uk, long lk, int *in) {
	int il = (int)l, ig = (int)(unsigned)g; /* (OpenCL C compares long with size_t as ulong) */
	unsigned ug = (unsigned)g;
	int c[12] = {il < k, k > ig, l <= uk, ig >= k, ig > k, ug < uk, (long)g == lk, il == k, (size_t)lk > g, ug >= uk, uk <= ug, !(ig <= k)};
	memcpy(in, c, sizeof c);
}

static void test_ranges(test_env *t, cl_program p) {
	cl_kernel kr = kern(p, "ranges");
	const size_t two31 = (size_t)1 << 31, two32 = (size_t)1 << 32;
	struct { size_t off, global, local; int k; unsigned uk; long lk; } cases[] = {
		{0, 1000, 64, 37, 37, 500},
		{0, 1000, 100, 0, 0, 0},
		{0, 256, 256, -1, 300, -1},
		{0, 48, 3, 1, 1, 20},
		{two31 - 300, 600, 256, -2147483600, 2147483700u, (long)two31 - 50},
		{two31 - 300, 600, 200, 2147483600, 2147483640u, (long)two31 + 10},
		{two32 - 200, 512, 256, 100, 100, (long)two32},
		{two32 - 200, 512, 128, -100, 4294967200u, (long)two32 - 1},
	};
	int bad = 0;
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		size_t n = cases[c].global;
		int *out = calloc(n * 12, sizeof(int));
		cl_mem o = check_buffer(t, n * 12 * sizeof(int), out);
		int reps = 2;
		clSetKernelArg(kr, 0, sizeof o, &o);
		clSetKernelArg(kr, 1, sizeof(int), &cases[c].k);
		clSetKernelArg(kr, 2, sizeof(unsigned), &cases[c].uk);
		clSetKernelArg(kr, 3, sizeof(long), &cases[c].lk);
		clSetKernelArg(kr, 4, sizeof(int), &reps);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, kr, 1, &cases[c].off, &n, &cases[c].local, 0, NULL, NULL));
		read_back(t, o, n * 12 * sizeof(int), out);
		for (size_t i = 0; i < n; i++) {
			int want[12];
			ranges_want(cases[c].off + i, i % cases[c].local, cases[c].k, cases[c].uk, cases[c].lk, want);
			for (int b = 0; b < 12; b++) {
				if (out[i * 12 + b] != reps * want[b] && bad++ < 8)
					fprintf(stderr, "ranges case %zu, global id %#zx, guard %d: %d rounds, want %d\n", c, cases[c].off + i, b, out[i * 12 + b], reps * want[b]);
			}
		}
		free(out);
		clReleaseMemObject(o);
	}
	CHECK(bad == 0);
	clReleaseKernel(kr);
}

static void test_remainders(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "remainders");
	struct { cl_uint dim; size_t global[3], local[3]; } cases[] = {
		{1, {1000, 1, 1}, {100, 1, 1}}, {1, {1024, 1, 1}, {256, 1, 1}}, {1, {96, 1, 1}, {24, 1, 1}},
		{2, {40, 30, 1}, {20, 6, 1}}, {2, {64, 16, 1}, {32, 4, 1}}, {3, {8, 6, 4}, {8, 3, 2}},
		{2, {21, 9, 1}, {7, 3, 1}}, {1, {1000, 1, 1}, {1000, 1, 1}},
	};
	int bad = 0;
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		size_t *gs = cases[c].global, *ls = cases[c].local, n = gs[0] * gs[1] * gs[2];
		int *in = malloc(n * sizeof *in), *out = calloc(n * 6, sizeof *out);
		for (size_t i = 0; i < n; i++) in[i] = (int)((i * 37) % 101) - 20;
		cl_mem ib = check_buffer(t, n * sizeof *in, in), ob = check_buffer(t, n * 6 * sizeof *out, out);
		clSetKernelArg(k, 0, sizeof ob, &ob), clSetKernelArg(k, 1, sizeof ib, &ib);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, cases[c].dim, NULL, gs, ls, 0, NULL, NULL));
		read_back(t, ob, n * 6 * sizeof *out, out);
		for (size_t z = 0; z < gs[2]; z++)
			for (size_t y = 0; y < gs[1]; y++)
				for (size_t x = 0; x < gs[0]; x++) {
					size_t g = (z * gs[1] + y) * gs[0] + x;
					size_t lin = ((z % ls[2]) * ls[1] + y % ls[1]) * ls[0] + x % ls[0];
					int v = in[g], s = 0, *o = out + g * 6;
					for (int j = 0; j < v % 5; j++) s += j + 1;
					int want[5] = {lin % 16 ? 0 : v + 1, lin % 4 ? 0 : v * 2, x % ls[0] % 8 ? 0 : v - 5,
						lin % 8 ? 0 : s + 7, o[5] ? v + 1000 : 0};
					for (int j = 0; j < 5; j++)
						if (o[j] != want[j] && bad++ < 8)
							fprintf(stderr, "remainders case %zu, work-item (%zu, %zu, %zu), guard %d: %d, want %d\n", c, x, y, z, j, o[j], want[j]);
				}
		free(in), free(out);
		clReleaseMemObject(ib), clReleaseMemObject(ob);
	}
	CHECK(bad == 0);
	clReleaseKernel(k);
}

static int collatz(int x) {
	int c = 0;
	while (x != 1) x = (x & 1) ? 3 * x + 1 : x >> 1, c++;
	return c;
}

static void test_lockstep(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "lockstep");
	size_t ls[] = {1, 7, 16, 64, 256};
	int m = 3, bad = 0;
	for (int c = 0; c < 5; c++) {
		size_t l = ls[c], g = l * 4;
		int n = (int)g - (int)l / 2; /* the last group is partly outside the bounds check */
		int *out = calloc(g, sizeof(int));
		cl_mem o = check_buffer(t, g * sizeof(int), out);
		clSetKernelArg(k, 0, sizeof o, &o);
		clSetKernelArg(k, 1, l * sizeof(int), NULL);
		clSetKernelArg(k, 2, sizeof n, &n);
		clSetKernelArg(k, 3, sizeof m, &m);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
		read_back(t, o, g * sizeof(int), out);
		for (int i = 0; i < n; i++) {
			int v = i % 13, steps = 0;
			while (v < 40 + i % 5) v += 6, steps++;
			/* the neighbour in the group (past the bounds check, c is 0) */
			size_t grp = (size_t)i / l, nb = grp * l + ((size_t)i % l + 1) % l;
			int acc = 0;
			for (int r = 0; r < m; r++) {
				int w = (nb < (size_t)n ? collatz((int)nb + 1) : 0) + r, kk = 0;
				do w -= 3, kk++; while (w > r);
				acc += kk;
			}
			int want = collatz(i + 1) * 1000000 + steps * 10000 + acc;
			if (out[i] != want && bad++ < 5) fprintf(stderr, "lockstep, local size %zu, work-item %d: %d, want %d\n", l, i, out[i], want);
		}
		CHECK(out[g - 1] == 0 || n == (int)g); /* past the bounds check: untouched */
		free(out);
		clReleaseMemObject(o);
	}
	CHECK(bad == 0);
	clReleaseKernel(k);
}

static void test_flat(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "flat");
	size_t ls[] = {1, 7, 8, 13, 64, 100};
	int n = 60, bad = 0;
	for (int c = 0; c < 6; c++) {
		size_t l = ls[c], g = l * 10;
		int *out = calloc(4 * g, sizeof(int));
		float *fo = calloc(4 * g, sizeof(float));
		cl_mem o = check_buffer(t, 4 * g * sizeof(int), NULL), f = check_buffer(t, 4 * g * sizeof(float), NULL);
		clSetKernelArg(k, 0, sizeof o, &o);
		clSetKernelArg(k, 1, sizeof f, &f);
		clSetKernelArg(k, 2, sizeof n, &n);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
		read_back(t, o, 4 * g * sizeof(int), out);
		read_back(t, f, 4 * g * sizeof(float), fo);
		for (int i = 0; i < (int)g; i++) {
			int x = i + 1, cnt = 0;
			unsigned char b = (unsigned char)i;
			short h = (short)(i * 3);
			float v[4] = {(float)i, 1.0f, 2.0f, 3.0f};
			while (x > 1 && cnt < n) {
				x = (x & 1) ? 3 * x + 1 : x / 2;
				b = (unsigned char)(b * 5 + x % 7);
				h ^= (short)((unsigned)x << (cnt & 15));
				for (int e = 0; e < 4; e++) v[e] = v[e] * 0.5f + (float)(x & 3);
				cnt++;
			}
			int q = 0;
			for (int d = i % 5; d != 0; d--) q += 1000 / d;
			int want[4] = {cnt, b, h, q};
			if ((memcmp(&out[4 * i], want, sizeof want) != 0 || memcmp(&fo[4 * i], v, sizeof v) != 0) && bad++ < 5)
				fprintf(stderr, "flat, local size %zu, work-item %d: %d %d %d %d %g, want %d %d %d %d %g\n", l, i, out[4 * i], out[4 * i + 1],
					out[4 * i + 2], out[4 * i + 3], fo[4 * i], cnt, b, h, q, v[0]);
		}
		free(out), free(fo);
		clReleaseMemObject(o), clReleaseMemObject(f);
	}
	CHECK(bad == 0);
	clReleaseKernel(k);
}

static void test_pure(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "pure");
	size_t ls[] = {1, 7, 64, 256};
	for (int c = 0; c < 4; c++) {
		size_t l = ls[c], g = l * 12;
		float *in = malloc(g * sizeof(float)), *out = malloc(g * sizeof(float));
		int cnt = 0, want_cnt = 0, bad = 0;
		for (size_t i = 0; i < g; i++) in[i] = (float)((i * 37) % 97) / 10.0f;
		cl_mem a = check_buffer(t, g * sizeof(float), in), o = check_buffer(t, g * sizeof(float), NULL), n = check_buffer(t, sizeof cnt, &cnt);
		clSetKernelArg(k, 0, sizeof a, &a);
		clSetKernelArg(k, 1, sizeof o, &o);
		clSetKernelArg(k, 2, sizeof n, &n);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
		read_back(t, o, g * sizeof(float), out);
		read_back(t, n, sizeof cnt, &cnt);
		for (size_t i = 0; i < g; i++) {
			float v = in[i], r = v > 4.0f ? sqrtf(v) : v * 0.5f;
			if (v < 2.0f) r += fabsf(v - 1.0f) + (float)(i % 3);
			want_cnt += v > 6.0f;
			if (fabsf(out[i] - r) > 1e-5f * fabsf(r) && bad++ < 3)
				fprintf(stderr, "pure (local %zu): out[%zu] = %g, want %g\n", l, i, out[i], r);
		}
		CHECK(bad == 0);
		CHECK(cnt == want_cnt);
		clReleaseMemObject(a);
		clReleaseMemObject(o);
		clReleaseMemObject(n);
		free(in);
		free(out);
	}
	clReleaseKernel(k);
}

static void test_long_mix(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "long_mix");
	/* (get_global_linear_id leaves out the global offset) */
	struct { cl_uint dim; size_t global[2], local[2], offset[2]; } cases[] = {
		{1, {1000, 1}, {100, 1}, {0, 0}}, {1, {999, 1}, {37, 1}, {0, 0}}, {1, {5, 1}, {5, 1}, {0, 0}},
		{1, {3, 1}, {1, 1}, {0, 0}}, {1, {512, 1}, {64, 1}, {0, 0}}, {2, {21, 9}, {7, 3}, {0, 0}},
		{1, {777, 1}, {0, 0}, {0, 0}}, {2, {21, 9}, {7, 3}, {5, 2}}, {1, {100, 1}, {20, 1}, {3, 0}},
	};
	int bad = 0;
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		size_t *gs = cases[c].global, n = gs[0] * gs[1];
		cl_uint *in = malloc(n * sizeof *in), *out = calloc(n, sizeof *out);
		for (size_t i = 0; i < n; i++) in[i] = (cl_uint)(i * 2654435761u) ^ 0x5bd1e995u;
		cl_mem ib = check_buffer(t, n * sizeof *in, in), ob = check_buffer(t, n * sizeof *out, out);
		clSetKernelArg(k, 0, sizeof ob, &ob), clSetKernelArg(k, 1, sizeof ib, &ib);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, cases[c].dim, cases[c].offset, gs, cases[c].local[0] ? cases[c].local : NULL, 0, NULL, NULL));
		read_back(t, ob, n * sizeof *out, out);
		for (size_t i = 0; i < n; i++) {
			cl_uint x = in[i], y = (cl_uint)i * 7u;
			for (cl_uint j = 0; j < 256; j++) {
				cl_uint v = x ^ y, r = j % 31 + 1;
				x = ((v << r) | (v >> (32 - r))) + j * 0x9e3779b9u;
				y = y * 5u + (x >> 3);
			}
			if (out[i] != (x ^ y) && bad++ < 8)
				fprintf(stderr, "long_mix case %zu: out[%zu] = %#x, want %#x\n", c, i, out[i], x ^ y);
		}
		free(in), free(out);
		clReleaseMemObject(ib), clReleaseMemObject(ob);
	}
	CHECK(bad == 0);
	clReleaseKernel(k);
}

static void test_pixels(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "pixels");
	size_t ls[] = {1, 7, 64, 256};
	for (int c = 0; c < 4; c++) {
		size_t l = ls[c], n = l * 13;
		cl_uchar *in = malloc(n * 4), *out = calloc(n, 4);
		cl_short *sv = malloc(n * 2 * sizeof(cl_short));
		float *g = calloc(n, sizeof(float));
		for (size_t i = 0; i < n * 4; i++) in[i] = (cl_uchar)(i * 37 + 11);
		for (size_t i = 0; i < n * 2; i++) sv[i] = (cl_short)((int)(i * 977 % 65536) - 32768);
		cl_mem ib = check_buffer(t, n * 4, in), sb = check_buffer(t, n * 2 * sizeof(cl_short), sv);
		cl_mem ob = check_buffer(t, n * 4, out), gb = check_buffer(t, n * sizeof(float), g);
		clSetKernelArg(k, 0, sizeof ib, &ib), clSetKernelArg(k, 1, sizeof sb, &sb);
		clSetKernelArg(k, 2, sizeof ob, &ob), clSetKernelArg(k, 3, sizeof gb, &gb);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &n, &l, 0, NULL, NULL));
		read_back(t, ob, n * 4, out);
		read_back(t, gb, n * sizeof(float), g);
		int bad = 0;
		for (size_t i = 0; i < n; i++) {
			const cl_uchar *px = in + i * 4;
			const cl_short *d = sv + i * 2;
			float want = 0.25f * px[0] + 0.5f * px[1] + 0.125f * px[2] + d[0] - 0.5f * d[1];
			cl_uchar w[4] = {px[2], px[1], px[0], (cl_uchar)(px[3] + d[0])};
			if ((memcmp(out + i * 4, w, 4) != 0 || g[i] != want) && bad++ < 4)
				fprintf(stderr, "pixels (local %zu) [%zu]: %u %u %u %u, %g; want %u %u %u %u, %g\n", l, i,
					out[i * 4], out[i * 4 + 1], out[i * 4 + 2], out[i * 4 + 3], g[i], w[0], w[1], w[2], w[3], want);
		}
		CHECK(bad == 0);
		clReleaseMemObject(ib), clReleaseMemObject(sb), clReleaseMemObject(ob), clReleaseMemObject(gb);
		free(in), free(out), free(sv), free(g);
	}
	clReleaseKernel(k);
}

static void test_pixels3(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "pixels3");
	size_t ls[] = {1, 7, 64, 256};
	for (int c = 0; c < 4; c++) {
		size_t l = ls[c], g = l * 13;
		int n = (int)g - 5; /* the last work-items skip: nothing of theirs may be written */
		cl_uchar *in = malloc(g * 3), *out = malloc(g * 3);
		cl_short *s = malloc(g * 3 * sizeof(cl_short)), *so = malloc(g * 3 * sizeof(cl_short));
		for (size_t i = 0; i < g * 3; i++) in[i] = (cl_uchar)(i * 29 + 3), s[i] = (cl_short)((int)(i * 1231 % 60000) - 30000);
		memset(out, 0xAB, g * 3), memset(so, 0xCD, g * 3 * sizeof(cl_short));
		cl_mem ib = check_buffer(t, g * 3, in), sb = check_buffer(t, g * 3 * sizeof(cl_short), s);
		cl_mem ob = check_buffer(t, g * 3, out), sob = check_buffer(t, g * 3 * sizeof(cl_short), so);
		clSetKernelArg(k, 0, sizeof ib, &ib), clSetKernelArg(k, 1, sizeof sb, &sb), clSetKernelArg(k, 2, sizeof ob, &ob);
		clSetKernelArg(k, 3, sizeof sob, &sob), clSetKernelArg(k, 4, sizeof n, &n);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
		read_back(t, ob, g * 3, out);
		read_back(t, sob, g * 3 * sizeof(cl_short), so);
		int bad = 0;
		for (size_t x = 0; x < g; x++) {
			cl_uchar wu[3] = {0xAB, 0xAB, 0xAB};
			cl_short ws[3];
			memset(ws, 0xCD, sizeof ws);
			if ((int)x < n) {
				const cl_uchar *p = in + x * 3;
				const cl_short *q = s + x * 3;
				wu[0] = p[2], wu[1] = p[1], wu[2] = p[0];
				ws[0] = (cl_short)(q[0] + p[0]), ws[1] = (cl_short)(q[1] - q[2]), ws[2] = q[2];
			}
			if ((memcmp(out + x * 3, wu, 3) != 0 || memcmp(so + x * 3, ws, sizeof ws) != 0) && bad++ < 4)
				fprintf(stderr, "pixels3 (local %zu) [%zu]: %u %u %u, %d %d %d; want %u %u %u, %d %d %d\n", l, x,
					out[x * 3], out[x * 3 + 1], out[x * 3 + 2], so[x * 3], so[x * 3 + 1], so[x * 3 + 2],
					wu[0], wu[1], wu[2], ws[0], ws[1], ws[2]);
		}
		CHECK(bad == 0);
		clReleaseMemObject(ib), clReleaseMemObject(sb), clReleaseMemObject(ob), clReleaseMemObject(sob);
		free(in), free(out), free(s), free(so);
	}
	clReleaseKernel(k);
}

static void test_switched(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "switched");
	size_t ls[] = {1, 7, 64, 256};
	for (int c = 0; c < 4; c++) {
		size_t l = ls[c], g = l * 11;
		cl_int n = 9 + c, *in = malloc(g * sizeof *in), *out = calloc(g, sizeof *out);
		for (size_t i = 0; i < g; i++) in[i] = (cl_int)((i * 2654435761u) >> 7) - 1000000;
		cl_mem ib = check_buffer(t, g * sizeof *in, in), ob = check_buffer(t, g * sizeof *out, out);
		clSetKernelArg(k, 0, sizeof ib, &ib), clSetKernelArg(k, 1, sizeof ob, &ob), clSetKernelArg(k, 2, sizeof n, &n);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
		read_back(t, ob, g * sizeof *out, out);
		int bad = 0;
		for (size_t i = 0; i < g; i++) {
			int v = in[i], acc = 0, r;
			for (int j = 0; j < n; j++) {
				switch ((v + j) & 7) {
				case 0: acc = (int)((unsigned)acc + 3u); /* fall through */
				case 1: acc ^= v; break;
				case 3: acc = (int)((unsigned)acc - (unsigned)j); break;
				case 4: case 5: acc = (int)((unsigned)acc * 3u + 1u); break;
				default: acc = (int)((unsigned)acc + (unsigned)i);
				}
			}
			switch (v % 5) {
			case 0: r = acc; break;
			case 1: r = (int)(0u - (unsigned)acc); break;
			case 2: r = acc / 7; break;
			default: r = (int)((unsigned)acc * (unsigned)v);
			}
			if (out[i] != r && bad++ < 4) fprintf(stderr, "switched (local %zu) [%zu]: %d, want %d\n", l, i, out[i], r);
		}
		CHECK(bad == 0);
		clReleaseMemObject(ib), clReleaseMemObject(ob);
		free(in), free(out);
	}
	clReleaseKernel(k);
}

static void test_histogram(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "histogram");
	struct { size_t g[2], l[2]; } cases[] = {
		{{256, 4}, {128, 2}}, {{60, 6}, {5, 3}}, {{96, 2}, {96, 1}}, {{16, 16}, {16, 16}}, {{7, 3}, {1, 1}}, {{300, 2}, {100, 1}},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		size_t *g = cases[c].g, *l = cases[c].l, n = g[0] * g[1];
		size_t groups = (g[0] / l[0]) * (g[1] / l[1]);
		cl_int w = (cl_int)g[0], *in = malloc(n * sizeof *in), *out = calloc(groups * 64, sizeof *out);
		for (size_t i = 0; i < n; i++) in[i] = (cl_int)((i * 2654435761u) >> 9);
		cl_mem ib = check_buffer(t, n * sizeof *in, in), ob = check_buffer(t, groups * 64 * sizeof *out, out);
		clSetKernelArg(k, 0, sizeof ib, &ib), clSetKernelArg(k, 1, sizeof ob, &ob), clSetKernelArg(k, 2, sizeof w, &w);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 2, NULL, g, l, 0, NULL, NULL));
		read_back(t, ob, groups * 64 * sizeof *out, out);
		int bad = 0;
		size_t gx = g[0] / l[0];
		for (size_t gy = 0; gy < g[1] / l[1]; gy++)
			for (size_t gi = 0; gi < gx; gi++) {
				int want[64] = {0};
				for (size_t y = gy * l[1]; y < (gy + 1) * l[1]; y++)
					for (size_t x = gi * l[0]; x < (gi + 1) * l[0]; x++) want[in[y * g[0] + x] & 63]++;
				const cl_int *o = out + (gy * gx + gi) * 64;
				if (memcmp(o, want, sizeof want) != 0 && bad++ < 3)
					fprintf(stderr, "histogram case %zu group (%zu,%zu): bins differ (first: %d, want %d)\n", c, gi, gy, o[0], want[0]);
			}
		CHECK(bad == 0);
		clReleaseMemObject(ib), clReleaseMemObject(ob);
		free(in), free(out);
	}
	clReleaseKernel(k);
}

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

static void test_median(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "median");
	struct { size_t g[2], l[2]; } cases[] = {{{37, 5}, {0, 0}}, {{64, 4}, {16, 4}}, {{9, 9}, {3, 3}}, {{100, 3}, {1, 1}}};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		size_t *g = cases[c].g, *l = cases[c].l, n = g[0] * g[1];
		cl_int w = (cl_int)g[0], h = (cl_int)g[1], *in = malloc(n * sizeof *in), *out = calloc(n, sizeof *out);
		for (size_t i = 0; i < n; i++) in[i] = (cl_int)((i * 2654435761u) >> 20) % 50 - 20; /* ties and negatives */
		cl_mem ib = check_buffer(t, n * sizeof *in, in), ob = check_buffer(t, n * sizeof *out, NULL);
		clSetKernelArg(k, 0, sizeof ib, &ib), clSetKernelArg(k, 1, sizeof ob, &ob);
		clSetKernelArg(k, 2, sizeof w, &w), clSetKernelArg(k, 3, sizeof h, &h);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 2, NULL, g, l[0] ? l : NULL, 0, NULL, NULL));
		read_back(t, ob, n * sizeof *out, out);
		int bad = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				int v[9], m = 0;
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						int yy = y + dy < 0 ? 0 : y + dy >= h ? h - 1 : y + dy, xx = x + dx < 0 ? 0 : x + dx >= w ? w - 1 : x + dx;
						v[m++] = in[yy * w + xx];
					}
				qsort(v, 9, sizeof v[0], cmp_int);
				if (out[y * w + x] != v[4] && bad++ < 3)
					fprintf(stderr, "median case %zu: out(%d,%d) = %d, want %d\n", c, x, y, out[y * w + x], v[4]);
			}
		CHECK(bad == 0);
		clReleaseMemObject(ib), clReleaseMemObject(ob);
		free(in), free(out);
	}
	clReleaseKernel(k);
}

static void test_fir(test_env *t, cl_program p) {
	static const float taps[16] = {1, 2, 3, 5, 7, 9, 11, 12, 12, 11, 9, 7, 5, 3, 2, 1};
	cl_kernel k = kern(p, "fir");
	size_t ls[] = {1, 16, 100, 0};
	cl_int n = 1000;
	float *in = malloc(n * sizeof *in), *out = malloc(n * sizeof *out);
	for (int i = 0; i < n; i++) in[i] = (float)((i * 37) % 101) * 0.25f;
	cl_mem bi = check_buffer(t, n * sizeof *in, in), bo = check_buffer(t, n * sizeof *out, NULL);
	clSetKernelArg(k, 0, sizeof bi, &bi), clSetKernelArg(k, 1, sizeof bo, &bo), clSetKernelArg(k, 2, sizeof n, &n);
	for (int c = 0; c < 4; c++) {
		size_t g = (size_t)n;
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, ls[c] ? &ls[c] : NULL, 0, NULL, NULL));
		read_back(t, bo, n * sizeof *out, out);
		int bad = 0;
		for (int i = 0; i < n; i++) {
			float s = 0.0f;
			for (int q = 0; q < 16; q++) s += taps[q] * in[i + q < n ? i + q : n - 1];
			if (fabsf(out[i] - s) > 1e-5f * fabsf(s) && bad++ < 3)
				fprintf(stderr, "fir (local %zu): out[%d] = %g, want %g\n", ls[c], i, out[i], s);
		}
		CHECK(bad == 0);
	}
	clReleaseMemObject(bi), clReleaseMemObject(bo);
	free(in), free(out);
	clReleaseKernel(k);
}

static void test_csr(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "csr");
	enum { N = 1000 };
	size_t ls[] = {1, 8, 40, 0};
	int *rows = malloc((N + 1) * sizeof *rows), *cols = malloc(16 * N * sizeof *cols);
	float *vals = malloc(16 * N * sizeof *vals), *x = malloc(N * sizeof *x), *y = malloc(N * sizeof *y);
	rows[0] = 0;
	for (int r = 0; r < N; r++) rows[r + 1] = rows[r] + (r * 7) % 16; /* 0..15 a row */
	for (int e = 0; e < rows[N]; e++) cols[e] = (int)((e * 2654435761u) % N), vals[e] = (float)(e % 9) - 4.0f;
	for (int i = 0; i < N; i++) x[i] = (float)(i % 13) * 0.5f;
	cl_mem b[5] = {check_buffer(t, (N + 1) * sizeof *rows, rows), check_buffer(t, rows[N] * sizeof *cols, cols),
		check_buffer(t, rows[N] * sizeof *vals, vals), check_buffer(t, N * sizeof *x, x), check_buffer(t, N * sizeof *y, NULL)};
	for (int i = 0; i < 5; i++) clSetKernelArg(k, i, sizeof b[i], &b[i]);
	for (int c = 0; c < 4; c++) {
		size_t g = N;
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, ls[c] ? &ls[c] : NULL, 0, NULL, NULL));
		read_back(t, b[4], N * sizeof *y, y);
		int bad = 0;
		for (int r = 0; r < N; r++) {
			float s = 0.0f;
			for (int e = rows[r]; e < rows[r + 1]; e++) s += vals[e] * x[cols[e]];
			if (fabsf(y[r] - s) > 1e-4f * (1.0f + fabsf(s)) && bad++ < 3)
				fprintf(stderr, "csr (local %zu): y[%d] = %g, want %g\n", ls[c], r, y[r], s);
		}
		CHECK(bad == 0);
	}
	for (int i = 0; i < 5; i++) clReleaseMemObject(b[i]);
	free(rows), free(cols), free(vals), free(x), free(y);
	clReleaseKernel(k);
}

static void test_rows(test_env *t, cl_program p) {
	cl_kernel k1 = kern(p, "rows2d"), k2 = kern(p, "rowsonly"), k3 = kern(p, "rowsnested"), k4 = kern(p, "rowsbarrier");
	struct { size_t g[2], l[2], off[2]; int w, h; } cases[] = {
		{{64, 16}, {16, 4}, {0, 0}, 50, 11}, {{24, 12}, {8, 3}, {0, 0}, 24, 12}, {{32, 8}, {32, 8}, {0, 0}, 0, 8},
		{{40, 9}, {5, 3}, {0, 0}, 37, 1}, {{16, 16}, {1, 1}, {0, 0}, 9, 13}, {{64, 6}, {64, 2}, {3, 2}, 40, 5},
		{{128, 8}, {128, 8}, {0, 0}, 128, 0}, {{48, 10}, {16, 5}, {0, 0}, 48, 7},
	};
	int bad = 0;
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		size_t *g = cases[c].g, *l = cases[c].l, *off = cases[c].off, n = g[0] * g[1];
		int w = cases[c].w, h = cases[c].h;
		float *in = malloc(n * 16), *out = malloc(n * 16);
		int *io = malloc(n * sizeof(int));
		for (size_t i = 0; i < n * 4; i++) in[i] = (float)((i * 37) % 19) - 9.0f;
		cl_mem ib = check_buffer(t, n * 16, in), ob = check_buffer(t, n * 16, NULL), iob = check_buffer(t, n * sizeof(int), NULL);
		/* rows2d */
		for (size_t i = 0; i < n * 4; i++) out[i] = -1.0f;
		CHECK_OK(clEnqueueWriteBuffer(t->queue, ob, CL_TRUE, 0, n * 16, out, 0, NULL, NULL));
		clSetKernelArg(k1, 0, sizeof ib, &ib), clSetKernelArg(k1, 1, sizeof ob, &ob), clSetKernelArg(k1, 2, sizeof w, &w);
		clSetKernelArg(k1, 3, sizeof h, &h), clSetKernelArg(k1, 4, l[0] * l[1] * sizeof(float), NULL);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k1, 2, off, g, l, 0, NULL, NULL));
		read_back(t, ob, n * 16, out);
		for (size_t yy = 0; yy < g[1]; yy++)
			for (size_t xx = 0; xx < g[0]; xx++) {
				int x = (int)(xx + off[0]), y = (int)(yy + off[1]);
				size_t i = yy * g[0] + xx;
				const float *v = in + 4 * i, *o = out + 4 * i;
				float s = v[0] + v[1] + v[2] + v[3];
				int in_range = x < w && y < h;
				for (int e = 0; e < 4; e++) {
					float want = in_range ? v[e] * s : -1.0f;
					if (o[e] != want && bad++ < 6)
						fprintf(stderr, "rows2d case %zu (%d,%d)[%d]: %g, want %g\n", c, x, y, e, o[e], want);
				}
			}
		/* rowsonly, rowsnested, rowsbarrier: int results */
		for (int kk = 0; kk < 3; kk++) {
			cl_kernel k = kk == 0 ? k2 : kk == 1 ? k3 : k4;
			for (size_t i = 0; i < n; i++) io[i] = -7;
			CHECK_OK(clEnqueueWriteBuffer(t->queue, iob, CL_TRUE, 0, n * sizeof(int), io, 0, NULL, NULL));
			clSetKernelArg(k, 0, sizeof iob, &iob);
			if (kk == 0) clSetKernelArg(k, 1, sizeof h, &h);
			if (kk == 1) clSetKernelArg(k, 1, sizeof w, &w), clSetKernelArg(k, 2, sizeof h, &h);
			if (kk == 2) clSetKernelArg(k, 1, sizeof h, &h), clSetKernelArg(k, 2, l[0] * l[1] * sizeof(int), NULL);
			CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 2, off, g, l, 0, NULL, NULL));
			read_back(t, iob, n * sizeof(int), io);
			for (size_t yy = 0; yy < g[1]; yy++)
				for (size_t xx = 0; xx < g[0]; xx++) {
					int x = (int)(xx + off[0]), y = (int)(yy + off[1]);
					size_t i = yy * g[0] + xx;
					int want = -7;
					if (kk == 0 && y % 3 != 1 && y < h) want = y * 1000 + x;
					if (kk == 1 && y < h) want = y * 7 + (x % 5 == 2 ? x : 0);
					if (kk == 2) {
						/* the mirror work-item of its row in the group: the same y */
						want = y < h ? y + 1 : 0;
					}
					if (io[i] != want && bad++ < 6)
						fprintf(stderr, "%s case %zu (%d,%d): %d, want %d\n", kk == 0 ? "rowsonly" : kk == 1 ? "rowsnested" : "rowsbarrier",
							c, x, y, io[i], want);
				}
		}
		clReleaseMemObject(ib), clReleaseMemObject(ob), clReleaseMemObject(iob);
		free(in), free(out), free(io);
	}
	CHECK(bad == 0);
	clReleaseKernel(k1), clReleaseKernel(k2), clReleaseKernel(k3), clReleaseKernel(k4);
}

static void test_rounds(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "rounds");
	size_t ls[] = {1, 3, 16, 17, 64, 250};
	for (int c = 0; c < 6; c++) {
		size_t l = ls[c], g = l * 4;
		int r = 5, *in = malloc(g * sizeof(int)), *out = malloc(g * sizeof(int)), *v = malloc(g * sizeof(int)), *w = malloc(g * sizeof(int));
		for (size_t i = 0; i < g; i++) in[i] = v[i] = (int)(i * 31 % 97);
		cl_mem m = check_buffer(t, g * sizeof(int), in);
		clSetKernelArg(k, 0, sizeof m, &m);
		clSetKernelArg(k, 1, l * sizeof(int), NULL);
		clSetKernelArg(k, 2, sizeof r, &r);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
		read_back(t, m, g * sizeof(int), out);
		for (int i = 0; i < r; i++) {
			for (size_t j = 0; j < g; j++) {
				size_t base = j - j % l, li = j % l;
				w[j] = v[base + (li + 1) % l];
				for (int q = 0; q < (int)(li % 5); q++) w[j] += q;
			}
			memcpy(v, w, g * sizeof(int));
		}
		int bad = 0;
		for (size_t j = 0; j < g; j++) bad += out[j] != v[j];
		if (bad) fprintf(stderr, "rounds, local size %zu: %d wrong\n", l, bad);
		CHECK(bad == 0);
		free(in), free(out), free(v), free(w);
		clReleaseMemObject(m);
	}
	clReleaseKernel(k);
}

/* guarded, breaks, priv and loaded: one int or float per work-item, with
 * non-uniform last groups (global sizes that are no multiple of the local
 * size) and local sizes below a vector's width. */
static void test_per_item(test_env *t, cl_program p) {
	size_t globals[] = {1, 7, 100, 1000, 4099}, locals[] = {1, 3, 5, 16, 64};
	cl_kernel kg = kern(p, "guarded"), kb = kern(p, "breaks"), kp = kern(p, "priv"), kl = kern(p, "loaded");
	int nval = 13;
	cl_mem nbuf = check_buffer(t, sizeof nval, &nval);
	for (int gi = 0; gi < 5; gi++) {
		for (int li = 0; li < 5; li++) {
			size_t g = globals[gi], l = locals[li];
			if (l > g) continue;
			cl_mem o = check_buffer(t, g * sizeof(int), NULL);
			int n = (int)(g * 3 / 4), m = 9, bad = 0;
			int *out = malloc(g * sizeof(int));
			float *fout = (float *)out;
			/* guarded: items past n write nothing (the buffer's zeros stay) */
			int zero = 0;
			CHECK_OK(clEnqueueFillBuffer(t->queue, o, &zero, sizeof zero, 0, g * sizeof(int), 0, NULL, NULL));
			clSetKernelArg(kg, 0, sizeof o, &o), clSetKernelArg(kg, 1, sizeof n, &n), clSetKernelArg(kg, 2, sizeof m, &m);
			CHECK_OK(clEnqueueNDRangeKernel(t->queue, kg, 1, NULL, &g, &l, 0, NULL, NULL));
			read_back(t, o, g * sizeof(int), out);
			for (int i = 0; i < (int)g; i++) {
				float want = 0;
				if (i < n)
					for (int j = 0; j < m; j++) want += (float)((i + j) % 7);
				bad += fout[i] != want;
			}
			/* breaks */
			clSetKernelArg(kb, 0, sizeof o, &o), clSetKernelArg(kb, 1, sizeof m, &m);
			CHECK_OK(clEnqueueNDRangeKernel(t->queue, kb, 1, NULL, &g, &l, 0, NULL, NULL));
			read_back(t, o, g * sizeof(int), out);
			for (int i = 0; i < (int)g; i++) {
				int want = 0;
				for (int k = 0; k < m; k++)
					for (int j = 0; j < 100; j++) {
						if ((j + i) % 3 == 0) continue;
						if (j > i % 17 + k) break;
						want += j;
					}
				bad += out[i] != want;
			}
			/* priv */
			clSetKernelArg(kp, 0, sizeof o, &o), clSetKernelArg(kp, 1, sizeof m, &m);
			CHECK_OK(clEnqueueNDRangeKernel(t->queue, kp, 1, NULL, &g, &l, 0, NULL, NULL));
			read_back(t, o, g * sizeof(int), out);
			for (int i = 0; i < (int)g; i++) {
				int a[8], s = 0;
				for (int j = 0; j < 8; j++) a[j] = i * j;
				for (int j = 0; j < m; j++) s += a[(i + j) & 7], a[j & 7] += 1;
				bad += out[i] != s;
			}
			/* loaded */
			clSetKernelArg(kl, 0, sizeof o, &o), clSetKernelArg(kl, 1, sizeof nbuf, &nbuf);
			CHECK_OK(clEnqueueNDRangeKernel(t->queue, kl, 1, NULL, &g, &l, 0, NULL, NULL));
			read_back(t, o, g * sizeof(int), out);
			for (int i = 0; i < (int)g; i++) bad += out[i] != i * (nval * (nval - 1) / 2);
			if (bad) fprintf(stderr, "per-item kernels, global %zu, local %zu: %d wrong\n", g, l, bad);
			CHECK(bad == 0);
			free(out);
			clReleaseMemObject(o);
		}
	}
	clReleaseMemObject(nbuf);
	clReleaseKernel(kg), clReleaseKernel(kb), clReleaseKernel(kp), clReleaseKernel(kl);
}

static void test_atomics(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "atomics");
	size_t ls[] = {1, 7, 64, 256};
	for (int c = 0; c < 4; c++) {
		size_t l = ls[c], g = l * 3;
		int m = 6, bad = 0, *out = malloc(g * sizeof(int));
		cl_mem o = check_buffer(t, g * sizeof(int), NULL);
		clSetKernelArg(k, 0, sizeof o, &o), clSetKernelArg(k, 1, sizeof(int), NULL), clSetKernelArg(k, 2, sizeof m, &m);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
		read_back(t, o, g * sizeof(int), out);
		int want = 0;
		for (size_t i = 0; i < l; i++)
			for (int j = 0; j < m; j++) want += (int)i + j;
		for (size_t i = 0; i < g; i++) bad += out[i] != want;
		CHECK(bad == 0);
		free(out);
		clReleaseMemObject(o);
	}
	clReleaseKernel(k);
}

static void test_cplx(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "cplx");
	size_t g = 1024, l = 64;
	int m = 10, bad = 0;
	float *x = malloc(2 * g * sizeof(float)), *out = malloc(2 * g * sizeof(float));
	for (size_t i = 0; i < 2 * g; i++) x[i] = (float)(i % 13) * 0.25f;
	cl_mem b = check_buffer(t, 2 * g * sizeof(float), x);
	clSetKernelArg(k, 0, sizeof b, &b), clSetKernelArg(k, 1, sizeof m, &m);
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	read_back(t, b, 2 * g * sizeof(float), out);
	for (size_t i = 0; i < g; i++) {
		float re = x[2 * i], im = x[2 * i + 1];
		for (int j = 0; j < m; j++) {
			float r2 = re * 0.5f - im * 0.25f;
			im = re * 0.25f + im * 0.5f + r2;
			re = r2;
		}
		/* (the kernel may contract to fma: allow an ulp or so) */
		bad += fabsf(out[2 * i] - re) > 1e-4f * (1 + fabsf(re)) || fabsf(out[2 * i + 1] - im) > 1e-4f * (1 + fabsf(im));
	}
	if (bad) fprintf(stderr, "cplx: %d wrong\n", bad);
	CHECK(bad == 0);
	free(x), free(out);
	clReleaseMemObject(b);
	clReleaseKernel(k);
}

static void test_uniform_loads(test_env *t, cl_program p) {
	size_t g = 512, l = 64, groups = g / l;
	int m = 7, bad = 0;
	cl_kernel k = kern(p, "written");
	cl_mem buf = check_buffer(t, groups * sizeof(int), NULL), out = check_buffer(t, g * sizeof(float), NULL);
	clSetKernelArg(k, 0, sizeof buf, &buf), clSetKernelArg(k, 1, sizeof out, &out), clSetKernelArg(k, 2, sizeof m, &m);
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	int *io = malloc(g * sizeof(int));
	read_back(t, out, g * sizeof(int), io);
	for (size_t i = 0; i < g; i++) bad += io[i] != (int)(i / l) * (m * (m - 1) / 2);
	if (bad) fprintf(stderr, "written: %d wrong (e.g. %d)\n", bad, io[l]);
	CHECK(bad == 0);
	clReleaseKernel(k);
	k = kern(p, "readonly");
	float c[4 * 7], *in = malloc(g * sizeof(float)), *fo = (float *)io;
	for (int i = 0; i < 4 * 7; i++) c[i] = (float)(i % 5) - 1.5f;
	for (size_t i = 0; i < g; i++) in[i] = (float)(i % 9) * 0.5f;
	cl_mem cb = check_buffer(t, sizeof c, c), ib = check_buffer(t, g * sizeof(float), in);
	clSetKernelArg(k, 0, sizeof cb, &cb), clSetKernelArg(k, 1, sizeof ib, &ib), clSetKernelArg(k, 2, sizeof out, &out), clSetKernelArg(k, 3, sizeof m, &m);
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	read_back(t, out, g * sizeof(float), fo);
	bad = 0;
	for (size_t i = 0; i < g; i++) {
		float acc = 0;
		for (int j = 0; j < m; j++) acc += c[4 * j] * in[i] + c[4 * j + 1] * 1.0f - c[4 * j + 2] * 2.0f + c[4 * j + 3];
		bad += fabsf(fo[i] - acc) > 1e-4f * (1 + fabsf(acc));
	}
	if (bad) fprintf(stderr, "readonly: %d wrong\n", bad);
	CHECK(bad == 0);
	free(io), free(in);
	clReleaseMemObject(buf), clReleaseMemObject(out), clReleaseMemObject(cb), clReleaseMemObject(ib);
	clReleaseKernel(k);
}

static void test_ids(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "ids");
	size_t shapes[][6] = {
		{16, 1, 1, 4, 1, 1}, {12, 6, 1, 3, 2, 1}, {8, 4, 6, 2, 2, 3}, {5, 5, 5, 5, 1, 5}, {32, 2, 2, 16, 2, 1},
		{7, 3, 2, 7, 3, 2}, {9, 10, 3, 3, 5, 1},
	};
	for (int s = 0; s < 7; s++) {
		size_t *G = shapes[s], *L = shapes[s] + 3, n = G[0] * G[1] * G[2];
		int m = 3, bad = 0, *out = malloc(n * sizeof(int));
		cl_mem o = check_buffer(t, n * sizeof(int), NULL);
		clSetKernelArg(k, 0, sizeof o, &o), clSetKernelArg(k, 1, sizeof m, &m);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 3, NULL, G, L, 0, NULL, NULL));
		read_back(t, o, n * sizeof(int), out);
		for (size_t z = 0; z < G[2]; z++)
			for (size_t y = 0; y < G[1]; y++)
				for (size_t x = 0; x < G[0]; x++) {
					size_t lx = x % L[0], ly = y % L[1], lz = z % L[2], lin = (lz * L[1] + ly) * L[0] + lx;
					int want = 0;
					for (int q = 0; q < m; q++)
						want += (int)(lx + 10 * ly + 100 * lz + 1000 * (x / L[0]) + 10000 * (y / L[1]) + 100000 * (z / L[2]) + lin * q);
					bad += out[(z * G[1] + y) * G[0] + x] != want;
				}
		if (bad) fprintf(stderr, "ids, global %zux%zux%zu local %zux%zux%zu: %d wrong\n", G[0], G[1], G[2], L[0], L[1], L[2], bad);
		CHECK(bad == 0);
		free(out);
		clReleaseMemObject(o);
	}
	clReleaseKernel(k);
}

static void test_kernel_calls(test_env *t, cl_program p) {
	enum { N = 256, TIMES = 4 };
	int in[N], out[N], bad = 0;
	for (int i = 0; i < N; i++) in[i] = i;
	cl_mem ib = check_buffer(t, sizeof in, in), ob = check_buffer(t, sizeof out, NULL);
	int times = TIMES;
	cl_kernel caller = kern(p, "caller"), callee = kern(p, "callee");
	clSetKernelArg(caller, 0, sizeof ib, &ib), clSetKernelArg(caller, 1, sizeof ob, &ob), clSetKernelArg(caller, 2, sizeof times, &times);
	size_t g = N;
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, caller, 1, NULL, &g, NULL, 0, NULL, NULL));
	read_back(t, ob, sizeof out, out);
	for (int i = 0; i < N; i++) {
		int want = i == 0 ? 0 : 1 + TIMES * (i * (i - 1) / 2);
		if (out[i] != want && bad++ == 0) fprintf(stderr, "caller: o[%d] = %d, want %d\n", i, out[i], want);
	}
	CHECK(bad == 0);
	/* The callee launched on its own: o[i] = i, then 0 + 1 + 2 + 3 added. */
	for (int i = 0; i < N; i++) out[i] = i;
	CHECK_OK(clEnqueueWriteBuffer(t->queue, ob, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	clSetKernelArg(callee, 0, sizeof ob, &ob), clSetKernelArg(callee, 1, sizeof ib, &ib), clSetKernelArg(callee, 2, sizeof times, &times);
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, callee, 1, NULL, &g, NULL, 0, NULL, NULL));
	read_back(t, ob, sizeof out, out);
	bad = 0;
	for (int i = 0; i < N; i++)
		if (out[i] != i + 6 && bad++ == 0) fprintf(stderr, "callee: o[%d] = %d, want %d\n", i, out[i], i + 6);
	CHECK(bad == 0);
	clReleaseMemObject(ib), clReleaseMemObject(ob);
	clReleaseKernel(caller), clReleaseKernel(callee);
}

/* The chains: vectorized and scalar builds agree exactly (mad is one
 * rounding or two either way, the same in both: both call the same
 * builtin, per element or on the vector). out has CHAIN_FLOATS * g floats. */
static void chain_result(test_env *t, float *out, size_t g) {
	cl_program p = check_build(t, src, "");
	float a = 0.75f, in[4 * 64];
	unsigned char bytes[4 * 64];
	for (int i = 0; i < 4 * 64; i++) in[i] = (float)(i % 7) * 0.25f - 0.5f, bytes[i] = (unsigned char)(i * 37);
	cl_mem fin = check_buffer(t, g * 4 * sizeof(float), NULL), bin = check_buffer(t, sizeof bytes, bytes);
	for (size_t off = 0; off < g * 4; off += 4 * 64) CHECK_OK(clEnqueueWriteBuffer(t->queue, fin, CL_TRUE, off * sizeof(float), sizeof in, in, 0, NULL, NULL));
	for (size_t c = 0; c < NCHAINS; c++) {
		cl_kernel k = kern(p, chains[c].name);
		size_t l = 64, n = g * chains[c].per_item;
		cl_mem o = check_buffer(t, n * sizeof(float), NULL);
		clSetKernelArg(k, 0, sizeof o, &o);
		if (strncmp(chains[c].name, "vchain", 6) == 0 && chains[c].per_item > 1) clSetKernelArg(k, 1, sizeof fin, &fin), clSetKernelArg(k, 2, sizeof a, &a);
		else if (strcmp(chains[c].name, "uchain") == 0) clSetKernelArg(k, 1, sizeof bin, &bin);
		else clSetKernelArg(k, 1, sizeof a, &a);
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
		read_back(t, o, n * sizeof(float), out);
		out += n;
		clReleaseMemObject(o);
		clReleaseKernel(k);
	}
	clReleaseMemObject(fin), clReleaseMemObject(bin);
	clReleaseProgram(p);
}

/* Child mode: the chain's results in a file (the environment the driver
 * sees is the one at exec: GOCL_NO_WILOOPS must be set before it starts). */
static int chain_child(const char *path) {
	test_env t = test_setup();
	size_t g = 4096;
	float *out = malloc(CHAIN_FLOATS * g * sizeof(float));
	chain_result(&t, out, g);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(out, sizeof(float), CHAIN_FLOATS * g, f) != CHAIN_FLOATS * g) return 3;
	fclose(f);
	return check_done();
}

static int chain_scalar(float *out, size_t g) {
	char path[] = "/tmp/gocl-vectorize-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) return 0;
	close(fd);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		setenv("GOCL_NO_WILOOPS", "1", 1);
		execl("/proc/self/exe", "vectorize", "chain", path, (char *)NULL);
		_exit(127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(out, sizeof(float), CHAIN_FLOATS * g, f) : 0;
	if (f) fclose(f);
	unlink(path);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 && n == CHAIN_FLOATS * g;
}

static void test_halves(test_env *t, cl_program p) {
	cl_kernel k = kern(p, "halves");
	size_t g = 1000, l = 100;
	int m = 9, bad = 0;
	size_t nin = 4 * (g + m);
	_Float16 *in = malloc(nin * sizeof(_Float16)), *out = malloc(7 * g * sizeof(_Float16));
	float *sums = malloc(4 * g * sizeof(float));
	for (size_t i = 0; i < nin; i++) in[i] = (_Float16)((float)((int)(i * 37 % 61) - 30) * 0.125f);
	cl_mem bi = check_buffer(t, nin * sizeof(_Float16), in), bo = check_buffer(t, 7 * g * sizeof(_Float16), NULL),
	       bs = check_buffer(t, 4 * g * sizeof(float), NULL);
	clSetKernelArg(k, 0, sizeof bi, &bi), clSetKernelArg(k, 1, sizeof bo, &bo);
	clSetKernelArg(k, 2, sizeof bs, &bs), clSetKernelArg(k, 3, sizeof m, &m);
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	read_back(t, bo, 7 * g * sizeof(_Float16), out);
	read_back(t, bs, 4 * g * sizeof(float), sums);
	for (size_t i = 0; i < g; i++) {
		float acc[4] = {0}, acc3[3] = {0};
		for (int j = 0; j < m; j++)
			for (int e = 0; e < 4; e++) acc[e] += (float)in[4 * (i + j) + e], acc3[e % 3] += e < 3 ? (float)in[3 * (i + j) + e] : 0;
		for (int e = 0; e < 4; e++) {
			_Float16 h = (_Float16)(acc[e] / 3.0f); /* round to nearest even */
			if ((sums[4 * i + e] != acc[e] || memcmp(&out[4 * i + e], &h, 2) != 0) && bad++ < 3)
				fprintf(stderr, "halves: work-item %zu lane %d: sum %g (want %g), half %g (want %g)\n", i, e, sums[4 * i + e], acc[e],
					(float)out[4 * i + e], (float)h);
		}
		for (int e = 0; e < 3; e++) {
			_Float16 h = (_Float16)(acc3[e] / 7.0f);
			if (memcmp(&out[4 * g + 3 * i + e], &h, 2) != 0 && bad++ < 3)
				fprintf(stderr, "halves: work-item %zu lane %d of 3: %g (want %g)\n", i, e, (float)out[4 * g + 3 * i + e], (float)h);
		}
	}
	CHECK(bad == 0);
	free(in), free(out), free(sums);
	clReleaseMemObject(bi), clReleaseMemObject(bo), clReleaseMemObject(bs);
	clReleaseKernel(k);
}

int main(int argc, char **argv) {
	if (argc == 3 && strcmp(argv[1], "chain") == 0) return chain_child(argv[2]);
	test_env t = test_setup();
	cl_program p = check_build(&t, src, "-cl-std=CL3.0");
	test_reduce(&t, p);
	test_ranges(&t, p);
	test_remainders(&t, p);
	test_lockstep(&t, p);
	test_flat(&t, p);
	test_pure(&t, p);
	test_long_mix(&t, p);
	test_pixels(&t, p);
	test_pixels3(&t, p);
	test_switched(&t, p);
	test_histogram(&t, p);
	test_median(&t, p);
	test_csr(&t, p);
	test_fir(&t, p);
	test_rows(&t, p);
	test_rounds(&t, p);
	test_per_item(&t, p);
	test_atomics(&t, p);
	test_ids(&t, p);
	test_cplx(&t, p);
	test_halves(&t, p);
	test_uniform_loads(&t, p);
	test_kernel_calls(&t, p);
	clReleaseProgram(p);

	size_t g = 4096;
	float *vec = malloc(CHAIN_FLOATS * g * sizeof(float)), *scalar = malloc(CHAIN_FLOATS * g * sizeof(float));
	chain_result(&t, vec, g);
	CHECK(chain_scalar(scalar, g));
	float *v = vec, *sc = scalar;
	for (size_t c = 0; c < NCHAINS; c++) {
		size_t n = g * chains[c].per_item;
		int bad = 0, first = -1;
		for (size_t i = 0; i < n; i++)
			if (memcmp(&v[i], &sc[i], sizeof(float)) != 0 && bad++ == 0) first = (int)i;
		if (bad) fprintf(stderr, "%s: %d of %zu differ between the vectorized and the scalar build (e.g. [%d] %a vs %a)\n", chains[c].name, bad, n, first, v[first], sc[first]);
		CHECK(bad == 0);
		v += n, sc += n;
	}
	free(vec), free(scalar);
	test_teardown(&t);
	return check_done();
}
