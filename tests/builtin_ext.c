/* The kernel-language extensions beyond OpenCL C 3.0 that gocl offers, each
 * checked on the device against a host reference, and their device queries:
 * cl_khr_extended_bit_ops (bitfield_insert, bitfield_extract_signed and
 * _unsigned, bit_reverse for every integer type as scalar and vectors of 2,
 * 3, 4, 8 and 16, at offsets and counts 0 and the full width),
 * cl_khr_integer_dot_product (dot and dot_acc_sat, vector and packed, every
 * signedness, saturation edges), cl_ext_float_atomics (add, sub, min, max
 * on float, double and half in global and local memory with many
 * work-items on one location, and the extension's -0/+0 and NaN rules for
 * min and max on float and double), cl_khr_kernel_clock (device,
 * work-group and sub-group scopes: monotonic, and between the host's
 * readings of the same clock), cl_khr_suggested_local_work_size (the local size an enqueue
 * with a NULL one uses, and its errors) and cl_khr_device_uuid. One OpenCL
 * C 3.0 program holds every kernel; a small 1.2 one checks the macros. */
#include "check.h"
#include <CL/cl_ext.h>
#include <math.h>

#ifndef CL_DEVICE_SINGLE_FP_ATOMIC_CAPABILITIES_EXT
#define CL_DEVICE_GLOBAL_FP_ATOMIC_LOAD_STORE_EXT (1 << 0)
#define CL_DEVICE_GLOBAL_FP_ATOMIC_ADD_EXT (1 << 1)
#define CL_DEVICE_GLOBAL_FP_ATOMIC_MIN_MAX_EXT (1 << 2)
#define CL_DEVICE_LOCAL_FP_ATOMIC_LOAD_STORE_EXT (1 << 16)
#define CL_DEVICE_LOCAL_FP_ATOMIC_ADD_EXT (1 << 17)
#define CL_DEVICE_LOCAL_FP_ATOMIC_MIN_MAX_EXT (1 << 18)
#define CL_DEVICE_SINGLE_FP_ATOMIC_CAPABILITIES_EXT 0x4231
#define CL_DEVICE_DOUBLE_FP_ATOMIC_CAPABILITIES_EXT 0x4232
#define CL_DEVICE_HALF_FP_ATOMIC_CAPABILITIES_EXT 0x4233
#endif
#ifndef CL_DEVICE_KERNEL_CLOCK_CAPABILITIES_KHR
#define CL_DEVICE_KERNEL_CLOCK_CAPABILITIES_KHR 0x1076
#define CL_DEVICE_KERNEL_CLOCK_SCOPE_DEVICE_KHR (1 << 0)
#define CL_DEVICE_KERNEL_CLOCK_SCOPE_WORK_GROUP_KHR (1 << 1)
#define CL_DEVICE_KERNEL_CLOCK_SCOPE_SUB_GROUP_KHR (1 << 2)
#endif

typedef cl_int (*suggest_fn)(cl_command_queue, cl_kernel, cl_uint, const size_t *, const size_t *, size_t *);

static const char *src =
	/* ---- bit ops: case i has offset off[i] and count cnt[i], 16 lanes ---- */
	"#define BV(W, WI) { size_t e = i * 16;"
	"  vstore##W(bitfield_insert(vload##W(0, a + e), vload##W(0, b + e), o, c), 0, oi + WI * n + e);"
	"  vstore##W(bitfield_extract_unsigned(vload##W(0, a + e), o, c), 0, ou + WI * n + e);"
	"  vstore##W(bitfield_extract_signed(vload##W(0, a + e), o, c), 0, os + WI * n + e);"
	"  vstore##W(bit_reverse(vload##W(0, a + e)), 0, orv + WI * n + e); }\n"
	"#define BK(T, UT, ST) kernel void bits_##T(global const T *a, global const T *b, global const uint *off,"
	"  global const uint *cnt, global T *oi, global UT *ou, global ST *os, global T *orv) {"
	"  size_t i = get_global_id(0), n = get_global_size(0) * 16; uint o = off[i], c = cnt[i];"
	"  for (int j = 0; j < 16; j++) { size_t e = i * 16 + j; oi[e] = bitfield_insert(a[e], b[e], o, c);"
	"    ou[e] = bitfield_extract_unsigned(a[e], o, c); os[e] = bitfield_extract_signed(a[e], o, c);"
	"    orv[e] = bit_reverse(a[e]); }"
	"  BV(2, 1) BV(3, 2) BV(4, 3) BV(8, 4) BV(16, 5) }\n"
	"BK(char, uchar, char) BK(uchar, uchar, char) BK(short, ushort, short) BK(ushort, ushort, short)\n"
	"BK(int, uint, int) BK(uint, uint, int) BK(long, ulong, long) BK(ulong, ulong, long)\n"
	/* ---- dot products: 16 results per case ---- */
	"kernel void dots(global const uint *a, global const uint *b, global const uint *ua, global const int *sa, global uint *o) {"
	"  size_t i = get_global_id(0); uint x = a[i], y = b[i]; global uint *r = o + 16 * i;"
	"  r[0] = dot(as_uchar4(x), as_uchar4(y)); r[1] = as_uint(dot(as_char4(x), as_char4(y)));"
	"  r[2] = as_uint(dot(as_uchar4(x), as_char4(y))); r[3] = as_uint(dot(as_char4(x), as_uchar4(y)));"
	"  r[4] = dot_acc_sat(as_uchar4(x), as_uchar4(y), ua[i]); r[5] = as_uint(dot_acc_sat(as_char4(x), as_char4(y), sa[i]));"
	"  r[6] = as_uint(dot_acc_sat(as_uchar4(x), as_char4(y), sa[i])); r[7] = as_uint(dot_acc_sat(as_char4(x), as_uchar4(y), sa[i]));"
	"  r[8] = dot_4x8packed_uu_uint(x, y); r[9] = as_uint(dot_4x8packed_ss_int(x, y));"
	"  r[10] = as_uint(dot_4x8packed_us_int(x, y)); r[11] = as_uint(dot_4x8packed_su_int(x, y));"
	"  r[12] = dot_acc_sat_4x8packed_uu_uint(x, y, ua[i]); r[13] = as_uint(dot_acc_sat_4x8packed_ss_int(x, y, sa[i]));"
	"  r[14] = as_uint(dot_acc_sat_4x8packed_us_int(x, y, sa[i])); r[15] = as_uint(dot_acc_sat_4x8packed_su_int(x, y, sa[i])); }\n"
	/* the packed forms in a loop, as int8 inference code has them (with
	 * VNNI, the vectorized loop's calls are vpdpbusd) */
	"kernel void dotloop(global const uint *a, global const uint *v, global uint *o, int words) {"
	"  size_t i = get_global_id(0), n = get_global_size(0); uint uu = 0; int ss = 0, us = 0, su = 0;"
	"  for (int k = 0; k < words; k++) { uint x = a[k * n + i], y = v[k];"
	"    uu += dot_4x8packed_uu_uint(x, y); ss += dot_4x8packed_ss_int(x, y);"
	"    us += dot(as_uchar4(x), as_char4(y)); su = dot_acc_sat_4x8packed_su_int(x, y, su); }"
	"  o[4 * i] = uu; o[4 * i + 1] = as_uint(ss); o[4 * i + 2] = as_uint(us); o[4 * i + 3] = as_uint(su); }\n"
	/* ---- float atomics: s = {sum, difference, min, max, count}; each
	 * work-item's count ticket goes to t ---- */
	"#define FA(T) kernel void fatom_global_##T(global atomic_##T *s, global const T *v, global T *t) {"
	"  size_t i = get_global_id(0);"
	"  atomic_fetch_add(&s[0], v[i]); atomic_fetch_sub_explicit(&s[1], v[i], memory_order_relaxed);"
	"  atomic_fetch_min(&s[2], v[i]); atomic_fetch_max_explicit(&s[3], v[i], memory_order_relaxed, memory_scope_device);"
	"  t[i] = atomic_fetch_add_explicit(&s[4], (T)1, memory_order_seq_cst, memory_scope_device); }\n"
	"#define FL(T) kernel void fatom_local_##T(global T *s, global const T *v, global T *t) {"
	"  local atomic_##T l[5]; size_t i = get_global_id(0), g = get_group_id(0);"
	"  if (get_local_id(0) == 0) for (int k = 0; k < 5; k++) atomic_store(&l[k], k == 2 ? (T)INFINITY : k == 3 ? -(T)INFINITY : (T)0);"
	"  barrier(CLK_LOCAL_MEM_FENCE);"
	"  atomic_fetch_add_explicit(&l[0], v[i], memory_order_relaxed, memory_scope_work_group); atomic_fetch_sub(&l[1], v[i]);"
	"  atomic_fetch_min_explicit(&l[2], v[i], memory_order_relaxed); atomic_fetch_max(&l[3], v[i]);"
	"  t[i] = atomic_fetch_add(&l[4], (T)1);"
	"  barrier(CLK_LOCAL_MEM_FENCE);"
	"  if (get_local_id(0) == 0) for (int k = 0; k < 5; k++) s[5 * g + k] = atomic_load(&l[k]); }\n"
	/* min and max of init[i] and w[i]: old values to o[0..], new to o[n..];
	 * l != 0: on a __local copy (64 cases per group at most) */
	"#define FMM(T) kernel void fminmax_##T(global const T *init, global const T *w, global T *o, int local_mem) {"
	"  local atomic_##T l[2 * 64]; size_t i = get_global_id(0), n = get_global_size(0), li = get_local_id(0);"
	"  global atomic_##T *g = (global atomic_##T *)(o + 2 * n);"
	"  atomic_store(&g[2 * i], init[i]); atomic_store(&g[2 * i + 1], init[i]);"
	"  atomic_init(&l[2 * li], init[i]); atomic_init(&l[2 * li + 1], init[i]);"
	"  if (local_mem) { o[i] = atomic_fetch_min(&l[2 * li], w[i]); o[n + i] = atomic_fetch_max(&l[2 * li + 1], w[i]);"
	"    atomic_store(&g[2 * i], atomic_load(&l[2 * li])); atomic_store(&g[2 * i + 1], atomic_load(&l[2 * li + 1])); }"
	"  else { o[i] = atomic_fetch_min(&g[2 * i], w[i]); o[n + i] = atomic_fetch_max(&g[2 * i + 1], w[i]); } }\n"
	"FA(float) FA(double) FL(float) FL(double) FMM(float) FMM(double)\n"
	"#pragma OPENCL EXTENSION cl_khr_fp16 : enable\n"
	"FA(half) FL(half)\n"
	/* ---- clocks: before, after (a short spin), and the hi/lo forms ---- */
	"kernel void clocks(global ulong *o) {"
	"  size_t i = get_global_id(0); global ulong *r = o + 9 * i;"
	"  ulong d0 = clock_read_device(); ulong w0 = clock_read_work_group(); ulong s0 = clock_read_sub_group();"
	"  uint2 h = clock_read_hilo_device(); uint2 hw = clock_read_hilo_work_group(); uint2 hs = clock_read_hilo_sub_group();"
	"  ulong d1 = clock_read_device(); ulong w1 = clock_read_work_group(); ulong s1 = clock_read_sub_group();"
	"  r[0] = d0; r[1] = upsample(h.hi, h.lo); r[2] = d1; r[3] = w0; r[4] = upsample(hw.hi, hw.lo); r[5] = w1;"
	"  r[6] = s0; r[7] = upsample(hs.hi, hs.lo); r[8] = s1; }\n"
	/* ---- the local size of an enqueue ---- */
	"kernel void lsize(global uint *o, local int *scratch) {"
	"  if (get_global_id(0) == get_global_offset(0) && get_global_id(1) == get_global_offset(1) && get_global_id(2) == get_global_offset(2)) {"
	"    o[0] = get_local_size(0); o[1] = get_local_size(1); o[2] = get_local_size(2); } }\n";

/* The macros of an OpenCL C 1.2 and a 3.0 compile. */
static const char *macros_src =
	"kernel void macros(global int *o) { int m = 0;\n"
	"#ifdef cl_khr_extended_bit_ops\n m |= 1;\n#endif\n"
	"#ifdef cl_khr_integer_dot_product\n m |= 2;\n#endif\n"
	"#ifdef __opencl_c_integer_dot_product_input_4x8bit\n m |= 4;\n#endif\n"
	"#ifdef __opencl_c_integer_dot_product_input_4x8bit_packed\n m |= 8;\n#endif\n"
	"#ifdef cl_khr_kernel_clock\n m |= 16;\n#endif\n"
	"#ifdef __opencl_c_kernel_clock_scope_device\n m |= 32;\n#endif\n"
	"#ifdef __opencl_c_kernel_clock_scope_work_group\n m |= 64;\n#endif\n"
	"#ifdef __opencl_c_kernel_clock_scope_sub_group\n m |= 128;\n#endif\n"
	"#ifdef cl_ext_float_atomics\n m |= 256;\n#endif\n"
	"#if defined(__opencl_c_ext_fp32_global_atomic_add) && defined(__opencl_c_ext_fp32_local_atomic_add) && "
	"defined(__opencl_c_ext_fp32_global_atomic_min_max) && defined(__opencl_c_ext_fp32_local_atomic_min_max)\n m |= 512;\n#endif\n"
	"#if defined(__opencl_c_ext_fp64_global_atomic_add) && defined(__opencl_c_ext_fp64_local_atomic_add) && "
	"defined(__opencl_c_ext_fp64_global_atomic_min_max) && defined(__opencl_c_ext_fp64_local_atomic_min_max)\n m |= 1024;\n#endif\n"
	"#if defined(__opencl_c_ext_fp16_global_atomic_add) || defined(__opencl_c_ext_fp16_local_atomic_load_store)\n m |= 2048;\n#endif\n"
	" o[0] = m; }\n";

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

static void run1(test_env *t, cl_kernel k, size_t global, size_t local) {
	REQUIRE_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &global, local ? &local : NULL, 0, NULL, NULL));
	REQUIRE_OK(clFinish(t->queue));
}

static void read_buf(test_env *t, cl_mem m, size_t size, void *to) {
	REQUIRE_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, size, to, 0, NULL, NULL));
}

static void set_args(cl_kernel k, int n, cl_mem *m) {
	for (int i = 0; i < n; i++) REQUIRE_OK(clSetKernelArg(k, i, sizeof(cl_mem), &m[i]));
}

/* ---- cl_khr_extended_bit_ops ---- */

enum { CASES = 64, LANES = 16, BE = CASES * LANES, NW = 6 };
static const int widths[NW] = { 1, 2, 3, 4, 8, 16 };

static uint64_t field_mask(int bits, unsigned o, unsigned c) {
	if (c == 0) return 0;
	uint64_t m = c == 64 ? ~0ull : (1ull << c) - 1;
	(void)bits;
	return m << o;
}

static void test_bits(test_env *t, cl_program p, const char *type, int bits) {
	int size = bits / 8;
	uint64_t tmask = bits == 64 ? ~0ull : (1ull << bits) - 1;
	uint8_t *a = malloc(BE * size), *b = malloc(BE * size);
	cl_uint off[CASES], cnt[CASES];
	/* Offsets and counts at the edges, then random fields. */
	const unsigned edge[][2] = { { 0, 0 }, { 0, 64 }, { 0, 1 }, { 63, 1 }, { 1, 63 }, { 64, 0 }, { 5, 0 }, { 3, 5 }, { 0, 32 }, { 32, 32 } };
	for (int i = 0; i < CASES; i++) {
		if (i < 10) {
			off[i] = edge[i][0] * bits / 64;
			cnt[i] = edge[i][1] * bits / 64;
			if (i == 3) off[i] = bits - 1;
			if (i == 4) { off[i] = 1; cnt[i] = bits - 1; }
			if (i == 6) off[i] = bits / 2;
			if (i == 7 && bits == 8) { off[i] = 3; cnt[i] = 5; }
		} else {
			cnt[i] = rnd() % (bits + 1);
			off[i] = rnd() % (bits - cnt[i] + 1);
		}
	}
	for (int e = 0; e < BE; e++) {
		uint64_t x = rnd(), y = rnd();
		if (e % 16 == 0) x = 0;
		if (e % 16 == 1) x = ~0ull;
		if (e % 16 == 2) { x = 1ull << (bits - 1); y = ~0ull; }
		memcpy(a + e * size, &x, size);
		memcpy(b + e * size, &y, size);
	}
	cl_mem m[8] = { check_buffer(t, BE * size, a), check_buffer(t, BE * size, b), check_buffer(t, sizeof off, off),
		check_buffer(t, sizeof cnt, cnt) };
	for (int i = 4; i < 8; i++) m[i] = check_buffer(t, NW * BE * size, NULL);
	char name[64];
	snprintf(name, sizeof name, "bits_%s", type);
	cl_int err;
	cl_kernel k = clCreateKernel(p, name, &err);
	REQUIRE_OK(err);
	set_args(k, 8, m);
	run1(t, k, CASES, 0);
	uint8_t *out[4];
	for (int f = 0; f < 4; f++) {
		out[f] = malloc(NW * BE * size);
		read_buf(t, m[4 + f], NW * BE * size, out[f]);
	}
	int bad = 0;
	for (int w = 0; w < NW; w++)
		for (int i = 0; i < CASES; i++)
			for (int j = 0; j < widths[w]; j++) {
				int e = i * LANES + j;
				uint64_t x = 0, y = 0, got[4] = { 0 };
				memcpy(&x, a + e * size, size);
				memcpy(&y, b + e * size, size);
				for (int f = 0; f < 4; f++) memcpy(&got[f], out[f] + (w * BE + e) * size, size);
				unsigned o = off[i], c = cnt[i];
				uint64_t fm = field_mask(bits, o, c);
				uint64_t ins = ((x & ~fm) | ((y << (o & 63)) & fm)) & tmask;
				uint64_t ex = c == 0 ? 0 : ((x & fm) >> o);
				uint64_t exs = ex;
				if (c > 0 && c < 64 && (ex >> (c - 1) & 1)) exs |= ~0ull << c;
				exs &= tmask;
				uint64_t rev = 0;
				for (int k2 = 0; k2 < bits; k2++) rev |= (x >> k2 & 1) << (bits - 1 - k2);
				uint64_t want[4] = { ins, ex, exs, rev };
				for (int f = 0; f < 4; f++)
					if (got[f] != want[f] && bad++ < 8)
						fprintf(stderr, "%s width %d fn %d: x=%#llx y=%#llx offset %u count %u: got %#llx want %#llx\n", type,
							widths[w], f, (unsigned long long)x, (unsigned long long)y, o, c,
							(unsigned long long)got[f], (unsigned long long)want[f]);
			}
	if (bad) fprintf(stderr, "bits_%s: %d wrong\n", type, bad);
	CHECK(bad == 0);
	for (int i = 0; i < 8; i++) clReleaseMemObject(m[i]);
	for (int f = 0; f < 4; f++) free(out[f]);
	clReleaseKernel(k);
	free(a);
	free(b);
}

/* ---- cl_khr_integer_dot_product ---- */

static int64_t lane(uint32_t x, int i, int sgn) { return sgn ? (int64_t)(int8_t)(x >> (8 * i)) : (int64_t)(uint8_t)(x >> (8 * i)); }

static void test_dots(test_env *t, cl_program p) {
	enum { N = 512 };
	static cl_uint a[N], b[N], ua[N], out[16 * N];
	static cl_int sa[N];
	const uint8_t edge[] = { 0x00, 0x01, 0x7f, 0x80, 0x81, 0xff };
	const uint32_t uacc[] = { 0, 1, 0xffffffffu, 0xffffffffu - 100, 0xfffc0000u, 0x7fffffff };
	const int32_t sacc[] = { 0, -1, INT32_MAX, INT32_MIN, INT32_MAX - 100, INT32_MIN + 100 };
	for (int i = 0; i < N; i++) {
		if (i < 36) {
			a[i] = edge[i / 6] * 0x01010101u;
			b[i] = edge[i % 6] * 0x01010101u;
		} else {
			a[i] = (uint32_t)rnd();
			b[i] = (uint32_t)rnd();
		}
		ua[i] = i < 36 ? uacc[i % 6] : i % 2 ? (uint32_t)rnd() : 0xffffffffu - (uint32_t)(rnd() % 300000);
		sa[i] = i < 36 ? sacc[(i / 6 + i) % 6] : i % 3 == 0 ? INT32_MAX - (int32_t)(rnd() % 100000) :
			i % 3 == 1 ? INT32_MIN + (int32_t)(rnd() % 100000) : (int32_t)rnd();
	}
	cl_mem m[5] = { check_buffer(t, sizeof a, a), check_buffer(t, sizeof b, b), check_buffer(t, sizeof ua, ua),
		check_buffer(t, sizeof sa, sa), check_buffer(t, sizeof out, NULL) };
	cl_int err;
	cl_kernel k = clCreateKernel(p, "dots", &err);
	REQUIRE_OK(err);
	set_args(k, 5, m);
	run1(t, k, N, 0);
	read_buf(t, m[4], sizeof out, out);
	int bad = 0;
	for (int i = 0; i < N; i++) {
		/* signedness of a and b: uu, ss, us, su */
		const int sg[4][2] = { { 0, 0 }, { 1, 1 }, { 0, 1 }, { 1, 0 } };
		for (int f = 0; f < 4; f++) {
			int64_t d = 0;
			for (int l = 0; l < 4; l++) d += lane(a[i], l, sg[f][0]) * lane(b[i], l, sg[f][1]);
			int64_t acc = f == 0 ? (int64_t)d + ua[i] : (int64_t)d + sa[i];
			int64_t lo = f == 0 ? 0 : INT32_MIN, hi = f == 0 ? UINT32_MAX : INT32_MAX;
			acc = acc < lo ? lo : acc > hi ? hi : acc;
			uint32_t want[2] = { (uint32_t)d, (uint32_t)acc };
			for (int packed = 0; packed < 2; packed++)
				for (int s = 0; s < 2; s++) {
					uint32_t got = out[16 * i + 8 * packed + 4 * s + f];
					if (got != want[s] && bad++ < 8)
						fprintf(stderr, "dot%s%s form %d: a=%#x b=%#x acc=%u/%d: got %#x want %#x\n", s ? "_acc_sat" : "",
							packed ? " packed" : "", f, a[i], b[i], ua[i], sa[i], got, want[s]);
				}
		}
	}
	CHECK(bad == 0);
	for (int i = 0; i < 5; i++) clReleaseMemObject(m[i]);
	clReleaseKernel(k);
}

/* The packed forms (and one vector form) accumulated over words in a loop (the vectorized
 * work-item loop's remainder runs them one work-item at a time: n is not
 * a multiple of a vector). */
static void test_dot_loop(test_env *t, cl_program p) {
	enum { N = 1000, W = 37 };
	static cl_uint a[N * W], v[W], out[4 * N];
	for (int i = 0; i < N * W; i++) a[i] = i < 64 ? 0x80808080u : (uint32_t)rnd();
	for (int k = 0; k < W; k++) v[k] = k == 0 ? 0x7f7f7f7fu : k == 1 ? 0x80808080u : (uint32_t)rnd();
	cl_mem m[3] = { check_buffer(t, sizeof a, a), check_buffer(t, sizeof v, v), check_buffer(t, sizeof out, NULL) };
	cl_int err, words = W;
	cl_kernel k = clCreateKernel(p, "dotloop", &err);
	REQUIRE_OK(err);
	set_args(k, 3, m);
	CHECK_OK(clSetKernelArg(k, 3, sizeof words, &words));
	run1(t, k, N, 0);
	read_buf(t, m[2], sizeof out, out);
	int bad = 0;
	for (int i = 0; i < N; i++) {
		int64_t sum[4] = { 0, 0, 0, 0 };
		for (int kk = 0; kk < W; kk++) {
			uint32_t x = a[kk * N + i], y = v[kk];
			int64_t d[4] = { 0, 0, 0, 0 };
			for (int l = 0; l < 4; l++) {
				d[0] += lane(x, l, 0) * lane(y, l, 0), d[1] += lane(x, l, 1) * lane(y, l, 1);
				d[2] += lane(x, l, 0) * lane(y, l, 1), d[3] += lane(x, l, 1) * lane(y, l, 0);
			}
			for (int f = 0; f < 3; f++) sum[f] += d[f];
			sum[3] += d[3];
			sum[3] = sum[3] > INT32_MAX ? INT32_MAX : sum[3] < INT32_MIN ? INT32_MIN : sum[3];
		}
		uint32_t want[4] = { (uint32_t)sum[0], (uint32_t)(int32_t)sum[1], (uint32_t)(int32_t)sum[2], (uint32_t)(int32_t)sum[3] };
		for (int f = 0; f < 4; f++)
			if (out[4 * i + f] != want[f] && bad++ < 8)
				fprintf(stderr, "dot loop, work-item %d, form %d: got %#x want %#x\n", i, f, out[4 * i + f], want[f]);
	}
	CHECK(bad == 0);
	for (int i = 0; i < 3; i++) clReleaseMemObject(m[i]);
	clReleaseKernel(k);
}

/* Whether the CPU has VNNI at the width the device's work-item loops take
 * (CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT lanes): then the packed dot
 * products are accelerated. Read from /proc/cpuinfo, as the device does. */
static int host_vnni(test_env *t) {
	cl_uint lanes = 0;
	REQUIRE_OK(clGetDeviceInfo(t->device, CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT, sizeof lanes, &lanes, NULL));
	FILE *f = fopen("/proc/cpuinfo", "r");
	if (!f) return 0;
	char line[8192];
	int vnni512 = 0, vnni = 0, vl = 0;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "flags", 5) == 0) {
			vnni512 = strstr(line, " avx512_vnni") != NULL;
			vnni = strstr(line, " avx_vnni") != NULL;
			vl = strstr(line, " avx512vl") != NULL;
			break;
		}
	fclose(f);
	return lanes == 16 ? vnni512 : lanes == 8 ? vnni || (vnni512 && vl) : 0;
}

/* ---- cl_ext_float_atomics ---- */

static int cmp_double(const void *x, const void *y) {
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

/* A value of buffer b as type fp (0 float, 1 double, 2 half). */
static void put_fp(int fp, void *b, int i, double v) {
	if (fp == 1) ((double *)b)[i] = v;
	else if (fp == 0) ((float *)b)[i] = (float)v;
	else ((_Float16 *)b)[i] = (_Float16)v;
}
static double get_fp(int fp, const void *b, int i) {
	return fp == 1 ? ((const double *)b)[i] : fp == 0 ? ((const float *)b)[i] : (double)((const _Float16 *)b)[i];
}

/* fp: 0 float, 1 double, 2 half. Global: every work-item on the same five
 * locations; local: each group on its own. The values are quarters of
 * small integers (small integers for half, fewer of them), so every sum
 * and partial sum is exact in any order. */
static void test_fp_atomics(test_env *t, cl_program p, int fp) {
	enum { N = 4096, G = 64 };
	static const char *const tnames[] = { "float", "double", "half" };
	const int n = fp == 2 ? 256 : N; /* |partial sums| < 2048 in half */
	size_t es = fp == 1 ? sizeof(double) : fp == 0 ? sizeof(float) : sizeof(_Float16);
	double v[N], s[5 * (N / G)], tk[N];
	char *vb = malloc(N * es), *sb = calloc(5 * (N / G), es), *tb = malloc(N * es);
	double sum = 0, mn = INFINITY, mx = -INFINITY;
	for (int i = 0; i < n; i++) {
		v[i] = fp == 2 ? (double)((int)(rnd() % 9) - 4) : (double)((int)(rnd() % 2001) - 1000) * 0.25;
		if (i == 17) v[i] = fp == 2 ? -300 : -1e6;
		if (i == n - 96) v[i] = fp == 2 ? 500 : 2e6;
		sum += v[i];
		mn = fmin(mn, v[i]);
		mx = fmax(mx, v[i]);
	}
	for (int i = 0; i < n; i++) put_fp(fp, vb, i, v[i]);
	double init[5] = { 0, 0, INFINITY, -INFINITY, 0 };
	for (int k = 0; k < 5; k++) put_fp(fp, sb, k, init[k]);
	for (int local = 0; local < 2; local++) {
		cl_mem m[3] = { check_buffer(t, 5 * (n / G) * es, sb), check_buffer(t, n * es, vb), check_buffer(t, n * es, NULL) };
		char name[64];
		snprintf(name, sizeof name, "fatom_%s_%s", local ? "local" : "global", tnames[fp]);
		cl_int err;
		cl_kernel k = clCreateKernel(p, name, &err);
		REQUIRE_OK(err);
		set_args(k, 3, m);
		run1(t, k, n, G);
		read_buf(t, m[0], 5 * (n / G) * es, sb);
		read_buf(t, m[2], n * es, tb);
		for (int i = 0; i < 5 * (n / G); i++) s[i] = get_fp(fp, sb, i);
		for (int i = 0; i < n; i++) tk[i] = get_fp(fp, tb, i);
		if (!local) {
			if (s[0] != sum || s[1] != -sum || s[2] != mn || s[3] != mx || s[4] != n)
				fprintf(stderr, "%s: got sum %g diff %g min %g max %g count %g, want %g %g %g %g %d\n", name, s[0], s[1],
					s[2], s[3], s[4], sum, -sum, mn, mx, n);
			CHECK(s[0] == sum && s[1] == -sum && s[2] == mn && s[3] == mx && s[4] == n);
			/* The tickets: each of 0 … n-1 exactly once. */
			qsort(tk, n, sizeof tk[0], cmp_double);
			int perm = 1;
			for (int i = 0; i < n; i++) perm &= tk[i] == i;
			CHECK(perm);
		} else {
			int bad = 0;
			for (int g = 0; g < n / G; g++) {
				double gs = 0, gmn = INFINITY, gmx = -INFINITY;
				for (int i = g * G; i < (g + 1) * G; i++) {
					gs += v[i];
					gmn = fmin(gmn, v[i]);
					gmx = fmax(gmx, v[i]);
				}
				const double *r = s + 5 * g;
				if ((r[0] != gs || r[1] != -gs || r[2] != gmn || r[3] != gmx || r[4] != G) && bad++ < 4)
					fprintf(stderr, "%s group %d: got %g %g %g %g %g, want %g %g %g %g %d\n", name, g, r[0], r[1], r[2],
						r[3], r[4], gs, -gs, gmn, gmx, G);
				qsort(tk + g * G, G, sizeof tk[0], cmp_double);
				for (int i = 0; i < G; i++)
					if (tk[g * G + i] != i && bad++ < 4) fprintf(stderr, "%s group %d: ticket %g missing\n", name, g, (double)i);
			}
			CHECK(bad == 0);
		}
		for (int k2 = 0; k2 < 5; k2++) put_fp(fp, sb, k2, init[k2]);
		for (int i = 0; i < 3; i++) clReleaseMemObject(m[i]);
		clReleaseKernel(k);
	}
	free(vb);
	free(sb);
	free(tb);
}

/* min and max per the extension: min(x, y) = x if x < y else y; either
 * zero for -0 and +0; a quiet NaN loses to a number; two NaNs give a NaN. */
static int minmax_ok(double x, double y, double got, int is_max) {
	if (isnan(x) && isnan(y)) return isnan(got);
	if (isnan(x)) return got == y && !isnan(got);
	if (isnan(y)) return got == x && !isnan(got);
	if (x == 0 && y == 0) return got == 0;
	return got == (is_max ? (x > y ? x : y) : (x < y ? x : y));
}

static void test_fp_minmax(test_env *t, cl_program p, int fp) {
	const double vals[] = { 0.0, -0.0, 1.0, -1.0, NAN, INFINITY, -INFINITY, 1e-310, -2.5 };
	enum { NV = sizeof vals / sizeof vals[0], N = NV * NV };
	size_t es = fp ? sizeof(double) : sizeof(float);
	char *ib = malloc(N * es), *wb = malloc(N * es), *ob = malloc(4 * N * es);
	double x[N], y[N];
	for (int i = 0; i < N; i++) {
		x[i] = vals[i / NV];
		y[i] = vals[i % NV];
		if (!fp) { /* a float denormal instead, and the float values */
			x[i] = (float)(x[i] == 1e-310 ? 1e-40 : x[i]);
			y[i] = (float)(y[i] == 1e-310 ? 1e-40 : y[i]);
		}
		if (fp) { ((double *)ib)[i] = x[i]; ((double *)wb)[i] = y[i]; }
		else { ((float *)ib)[i] = (float)x[i]; ((float *)wb)[i] = (float)y[i]; }
	}
	char name[32];
	snprintf(name, sizeof name, "fminmax_%s", fp ? "double" : "float");
	cl_int err;
	cl_kernel k = clCreateKernel(p, name, &err);
	REQUIRE_OK(err);
	for (int local = 0; local < 2; local++) {
		cl_mem m[3] = { check_buffer(t, N * es, ib), check_buffer(t, N * es, wb), check_buffer(t, 4 * N * es, NULL) };
		set_args(k, 3, m);
		REQUIRE_OK(clSetKernelArg(k, 3, sizeof(int), &local));
		run1(t, k, N, NV);
		read_buf(t, m[2], 4 * N * es, ob);
		int bad = 0;
		for (int i = 0; i < N; i++) {
			double o[2];
			for (int j = 0; j < 2; j++) o[j] = fp ? ((double *)ob)[j * N + i] : ((float *)ob)[j * N + i];
			/* The locations themselves: after the old values, two per case. */
			double newmin = fp ? ((double *)ob)[2 * N + 2 * i] : ((float *)ob)[2 * N + 2 * i];
			double newmax = fp ? ((double *)ob)[2 * N + 2 * i + 1] : ((float *)ob)[2 * N + 2 * i + 1];
			int okold = (isnan(x[i]) ? isnan(o[0]) && isnan(o[1]) : o[0] == x[i] && o[1] == x[i] && signbit(o[0]) == signbit(x[i]));
			if ((!okold || !minmax_ok(x[i], y[i], newmin, 0) || !minmax_ok(x[i], y[i], newmax, 1)) && bad++ < 8)
				fprintf(stderr, "%s %s: x=%g y=%g: old %g %g, min %g, max %g\n", name, local ? "local" : "global", x[i], y[i],
					o[0], o[1], newmin, newmax);
		}
		CHECK(bad == 0);
		for (int i = 0; i < 3; i++) clReleaseMemObject(m[i]);
	}
	clReleaseKernel(k);
	free(ib);
	free(wb);
	free(ob);
}

/* ---- cl_khr_kernel_clock ---- */

static uint64_t host_ns(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

static void test_clocks(test_env *t, cl_program p) {
	enum { N = 1024 };
	static cl_ulong o[9 * N];
	cl_mem m = check_buffer(t, sizeof o, NULL);
	cl_int err;
	cl_kernel k = clCreateKernel(p, "clocks", &err);
	REQUIRE_OK(err);
	set_args(k, 1, &m);
	uint64_t before = host_ns();
	run1(t, k, N, 64);
	uint64_t after = host_ns();
	read_buf(t, m, sizeof o, o);
	int bad = 0;
	for (int i = 0; i < N; i++) {
		/* Each sequence (device, work-group, sub-group) is monotonic, and
		 * within the host's readings of the same clock (CLOCK_MONOTONIC)
		 * around the launch. */
		for (int c = 0; c < 3; c++) {
			const cl_ulong *r = o + 9 * i + 3 * c;
			if (!(before <= r[0] && r[0] <= r[1] && r[1] <= r[2] && r[2] <= after) && bad++ < 4)
				fprintf(stderr, "clocks %d, scope %d: %llu %llu %llu outside [%llu, %llu]\n", i, c, (unsigned long long)r[0],
					(unsigned long long)r[1], (unsigned long long)r[2], (unsigned long long)before, (unsigned long long)after);
		}
	}
	CHECK(bad == 0);
	clReleaseMemObject(m);
	clReleaseKernel(k);
}

/* ---- cl_khr_suggested_local_work_size ---- */

static void test_suggested(test_env *t, cl_program p) {
	suggest_fn suggest = (suggest_fn)clGetExtensionFunctionAddressForPlatform(t->platform, "clGetKernelSuggestedLocalWorkSizeKHR");
	CHECK(suggest != NULL);
	if (!suggest) return;
	cl_int err;
	cl_kernel k = clCreateKernel(p, "lsize", &err);
	REQUIRE_OK(err);
	size_t g[3] = { 1000, 1, 1 }, l[3] = { 0 }, off[3] = { 0, 0, 0 };
	/* Before the arguments are set. */
	CHECK_ERR(suggest(t->queue, k, 1, NULL, g, l), CL_INVALID_KERNEL_ARGS);
	cl_mem m = check_buffer(t, 3 * sizeof(cl_uint), NULL);
	REQUIRE_OK(clSetKernelArg(k, 0, sizeof m, &m));
	REQUIRE_OK(clSetKernelArg(k, 1, 256, NULL));
	const size_t shapes[][4] = { { 1, 1000, 1, 1 }, { 1, 4096, 1, 1 }, { 1, 113, 1, 1 }, { 1, 1, 1, 1 }, { 2, 64, 12, 1 },
		{ 2, 3, 113, 1 }, { 3, 12, 64, 3 }, { 3, 113, 1, 64 }, { 1, 1 << 20, 1, 1 } };
	for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
		cl_uint dim = (cl_uint)shapes[s][0];
		for (int withoff = 0; withoff < 2; withoff++) {
			size_t gs[3] = { shapes[s][1], shapes[s][2], shapes[s][3] }, o3[3] = { 7, 5, 3 }, ls[3] = { 0, 0, 0 };
			CHECK_OK(suggest(t->queue, k, dim, withoff ? o3 : NULL, gs, ls));
			REQUIRE_OK(clEnqueueNDRangeKernel(t->queue, k, dim, withoff ? o3 : NULL, gs, NULL, 0, NULL, NULL));
			cl_uint used[3];
			read_buf(t, m, sizeof used, used);
			int same = 1;
			size_t total = 1;
			for (cl_uint d = 0; d < dim; d++) {
				same &= used[d] == ls[d];
				total *= ls[d];
			}
			if (!same)
				fprintf(stderr, "suggested %zu %zu %zu for %zu %zu %zu, the enqueue used %u %u %u\n", ls[0], ls[1], ls[2],
					gs[0], gs[1], gs[2], used[0], used[1], used[2]);
			CHECK(same);
			size_t wg = 0;
			REQUIRE_OK(clGetKernelWorkGroupInfo(k, t->device, CL_KERNEL_WORK_GROUP_SIZE, sizeof wg, &wg, NULL));
			CHECK(total >= 1 && total <= wg);
		}
	}
	/* The errors, in the extension's order. */
	CHECK_ERR(suggest(NULL, k, 1, NULL, g, l), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(suggest((cl_command_queue)GARBAGE, k, 1, NULL, g, l), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(suggest(t->queue, NULL, 1, NULL, g, l), CL_INVALID_KERNEL);
	CHECK_ERR(suggest(t->queue, (cl_kernel)GARBAGE, 1, NULL, g, l), CL_INVALID_KERNEL);
	cl_context other = clCreateContext(NULL, 1, &t->device, NULL, NULL, &err);
	REQUIRE_OK(err);
	cl_command_queue oq = clCreateCommandQueueWithProperties(other, t->device, NULL, &err);
	REQUIRE_OK(err);
	CHECK_ERR(suggest(oq, k, 1, NULL, g, l), CL_INVALID_CONTEXT);
	clReleaseCommandQueue(oq);
	clReleaseContext(other);
	CHECK_ERR(suggest(t->queue, k, 0, NULL, g, l), CL_INVALID_WORK_DIMENSION);
	CHECK_ERR(suggest(t->queue, k, 4, NULL, g, l), CL_INVALID_WORK_DIMENSION);
	CHECK_ERR(suggest(t->queue, k, 1, NULL, NULL, l), CL_INVALID_GLOBAL_WORK_SIZE);
	size_t zero[3] = { 16, 0, 1 };
	CHECK_ERR(suggest(t->queue, k, 2, NULL, zero, l), CL_INVALID_GLOBAL_WORK_SIZE);
	size_t huge[3] = { SIZE_MAX / 2, 4, 1 };
	CHECK_ERR(suggest(t->queue, k, 2, NULL, huge, l), CL_INVALID_GLOBAL_WORK_SIZE);
	size_t bigoff[3] = { SIZE_MAX - 10, 0, 0 };
	CHECK_ERR(suggest(t->queue, k, 1, bigoff, g, l), CL_INVALID_GLOBAL_OFFSET);
	CHECK_ERR(suggest(t->queue, k, 1, off, g, NULL), CL_INVALID_VALUE);
	clReleaseMemObject(m);
	clReleaseKernel(k);
}

/* ---- queries ---- */

static int has_ext(const char *list, const char *name) {
	size_t n = strlen(name);
	for (const char *s = strstr(list, name); s; s = strstr(s + 1, name))
		if ((s == list || s[-1] == ' ') && (s[n] == ' ' || s[n] == 0)) return 1;
	return 0;
}

static void test_queries(test_env *t) {
	char exts[8192] = "", pexts[8192] = "";
	REQUIRE_OK(clGetDeviceInfo(t->device, CL_DEVICE_EXTENSIONS, sizeof exts, exts, NULL));
	REQUIRE_OK(clGetPlatformInfo(t->platform, CL_PLATFORM_EXTENSIONS, sizeof pexts, pexts, NULL));
	const struct { const char *name; cl_version v; } want[] = {
		{ "cl_ext_float_atomics", CL_MAKE_VERSION(1, 0, 0) }, { "cl_khr_extended_bit_ops", CL_MAKE_VERSION(1, 0, 0) },
		{ "cl_khr_integer_dot_product", CL_MAKE_VERSION(2, 0, 0) }, { "cl_khr_kernel_clock", CL_MAKE_VERSION(1, 0, 0) },
		{ "cl_khr_device_uuid", CL_MAKE_VERSION(1, 0, 0) }, { "cl_khr_suggested_local_work_size", CL_MAKE_VERSION(1, 0, 0) },
		{ "cl_khr_3d_image_writes", CL_MAKE_VERSION(1, 0, 0) },
	};
	cl_name_version nv[128];
	size_t size = 0;
	REQUIRE_OK(clGetDeviceInfo(t->device, CL_DEVICE_EXTENSIONS_WITH_VERSION, sizeof nv, nv, &size));
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		int found = 0;
		for (size_t j = 0; j < size / sizeof nv[0]; j++)
			if (strcmp(nv[j].name, want[i].name) == 0) found = nv[j].version == want[i].v;
		if (!found || !has_ext(exts, want[i].name) || !has_ext(pexts, want[i].name))
			fprintf(stderr, "extension %s missing or at the wrong version\n", want[i].name);
		CHECK(found && has_ext(exts, want[i].name) && has_ext(pexts, want[i].name));
	}
	/* Claimed too, and tested elsewhere: cl_khr_depth_images
	 * (tests/image_depth.c), cl_khr_fp16 (tests/builtin_half.c). */
	CHECK(has_ext(exts, "cl_khr_fp16"));

	cl_ulong caps = 0;
	const cl_ulong all = CL_DEVICE_GLOBAL_FP_ATOMIC_LOAD_STORE_EXT | CL_DEVICE_GLOBAL_FP_ATOMIC_ADD_EXT |
		CL_DEVICE_GLOBAL_FP_ATOMIC_MIN_MAX_EXT | CL_DEVICE_LOCAL_FP_ATOMIC_LOAD_STORE_EXT | CL_DEVICE_LOCAL_FP_ATOMIC_ADD_EXT |
		CL_DEVICE_LOCAL_FP_ATOMIC_MIN_MAX_EXT;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_SINGLE_FP_ATOMIC_CAPABILITIES_EXT, sizeof caps, &caps, &size));
	CHECK(caps == all && size == sizeof caps);
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_DOUBLE_FP_ATOMIC_CAPABILITIES_EXT, sizeof caps, &caps, NULL));
	CHECK(caps == all);
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_HALF_FP_ATOMIC_CAPABILITIES_EXT, sizeof caps, &caps, NULL));
	CHECK(caps == all);

	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_INTEGER_DOT_PRODUCT_CAPABILITIES_KHR, sizeof caps, &caps, &size));
	CHECK(size == sizeof(cl_device_integer_dot_product_capabilities_khr) &&
		caps == (CL_DEVICE_INTEGER_DOT_PRODUCT_INPUT_4x8BIT_PACKED_KHR | CL_DEVICE_INTEGER_DOT_PRODUCT_INPUT_4x8BIT_KHR));
	cl_uint props[6] = { 9, 9, 9, 9, 9, 9 };
	cl_uint vnni = host_vnni(t) ? CL_TRUE : CL_FALSE;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_INTEGER_DOT_PRODUCT_ACCELERATION_PROPERTIES_8BIT_KHR, sizeof props, props, &size));
	CHECK(size == sizeof(cl_device_integer_dot_product_acceleration_properties_khr) && size == sizeof props);
	for (int i = 0; i < 6; i++) CHECK(props[i] == vnni);
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_INTEGER_DOT_PRODUCT_ACCELERATION_PROPERTIES_4x8BIT_PACKED_KHR, sizeof props, props, &size));
	CHECK(size == sizeof props);
	for (int i = 0; i < 6; i++) CHECK(props[i] == vnni);

	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_KERNEL_CLOCK_CAPABILITIES_KHR, sizeof caps, &caps, &size));
	CHECK(size == sizeof caps &&
		caps == (CL_DEVICE_KERNEL_CLOCK_SCOPE_DEVICE_KHR | CL_DEVICE_KERNEL_CLOCK_SCOPE_WORK_GROUP_KHR | CL_DEVICE_KERNEL_CLOCK_SCOPE_SUB_GROUP_KHR));

	/* The features: every one the compiler defines for the extensions. */
	cl_name_version feats[128];
	REQUIRE_OK(clGetDeviceInfo(t->device, CL_DEVICE_OPENCL_C_FEATURES, sizeof feats, feats, &size));
	const char *wantf[] = { "__opencl_c_integer_dot_product_input_4x8bit", "__opencl_c_integer_dot_product_input_4x8bit_packed",
		"__opencl_c_kernel_clock_scope_device", "__opencl_c_kernel_clock_scope_work_group", "__opencl_c_kernel_clock_scope_sub_group",
		"__opencl_c_ext_fp16_global_atomic_load_store", "__opencl_c_ext_fp16_local_atomic_load_store",
		"__opencl_c_ext_fp16_global_atomic_add", "__opencl_c_ext_fp16_local_atomic_add",
		"__opencl_c_ext_fp16_global_atomic_min_max", "__opencl_c_ext_fp16_local_atomic_min_max",
		"__opencl_c_ext_fp32_global_atomic_add", "__opencl_c_ext_fp32_local_atomic_add",
		"__opencl_c_ext_fp32_global_atomic_min_max", "__opencl_c_ext_fp32_local_atomic_min_max",
		"__opencl_c_ext_fp64_global_atomic_add", "__opencl_c_ext_fp64_local_atomic_add",
		"__opencl_c_ext_fp64_global_atomic_min_max", "__opencl_c_ext_fp64_local_atomic_min_max" };
	for (size_t i = 0; i < sizeof wantf / sizeof wantf[0]; i++) {
		int found = 0;
		for (size_t j = 0; j < size / sizeof feats[0]; j++) found |= strcmp(feats[j].name, wantf[i]) == 0;
		if (!found) fprintf(stderr, "feature %s missing\n", wantf[i]);
		CHECK(found);
	}

	/* cl_khr_device_uuid. */
	cl_uchar uuid[CL_UUID_SIZE_KHR], uuid2[CL_UUID_SIZE_KHR], duuid[CL_UUID_SIZE_KHR];
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_UUID_KHR, sizeof uuid, uuid, &size));
	CHECK(size == CL_UUID_SIZE_KHR);
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_UUID_KHR, sizeof uuid2, uuid2, NULL));
	CHECK(memcmp(uuid, uuid2, sizeof uuid) == 0);
	CHECK_OK(clGetDeviceInfo(t->device, CL_DRIVER_UUID_KHR, sizeof duuid, duuid, &size));
	CHECK(size == CL_UUID_SIZE_KHR && memcmp(uuid, duuid, sizeof uuid) != 0);
	cl_bool luid_valid = CL_TRUE;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_LUID_VALID_KHR, sizeof luid_valid, &luid_valid, NULL));
	CHECK(luid_valid == CL_FALSE);
	cl_uchar luid[CL_LUID_SIZE_KHR];
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_LUID_KHR, sizeof luid, luid, &size));
	CHECK(size == CL_LUID_SIZE_KHR);
	cl_uint mask = 1;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_NODE_MASK_KHR, sizeof mask, &mask, &size));
	CHECK(size == sizeof mask);
}

static int macros_of(test_env *t, const char *opts) {
	cl_program p = check_build(t, macros_src, opts);
	cl_int err, got = -1;
	cl_kernel k = clCreateKernel(p, "macros", &err);
	REQUIRE_OK(err);
	cl_mem m = check_buffer(t, sizeof got, NULL);
	set_args(k, 1, &m);
	run1(t, k, 1, 0);
	read_buf(t, m, sizeof got, &got);
	clReleaseMemObject(m);
	clReleaseKernel(k);
	clReleaseProgram(p);
	return got;
}

int main(void) {
	test_env t = test_setup();
	test_queries(&t);
	/* Every macro in 3.0; 1.2 has all but the sub-group clock (no
	 * sub-groups) and the float atomics, which need 2.0's atomic types. */
	int m30 = macros_of(&t, "-cl-std=CL3.0"), m12 = macros_of(&t, "");
	if (m30 != 0xfff || m12 != 0x7f) fprintf(stderr, "macros: 3.0 %#x, 1.2 %#x\n", m30, m12);
	CHECK(m30 == 0xfff);
	CHECK(m12 == 0x7f);

	cl_program p = check_build(&t, src, "-cl-std=CL3.0");
	const char *types[] = { "char", "uchar", "short", "ushort", "int", "uint", "long", "ulong" };
	for (int i = 0; i < 8; i++) test_bits(&t, p, types[i], 8 << (i / 2));
	test_dots(&t, p);
	test_dot_loop(&t, p);
	for (int fp = 0; fp < 2; fp++) {
		test_fp_atomics(&t, p, fp);
		test_fp_minmax(&t, p, fp);
	}
	test_fp_atomics(&t, p, 2);
	test_clocks(&t, p);
	test_suggested(&t, p);
	clReleaseProgram(p);
	test_teardown(&t);
	return check_done();
}
