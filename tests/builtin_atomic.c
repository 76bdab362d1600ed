/* Atomic functions under real contention: work-groups run on both cores at
 * once, so every global counter below is hammered by two threads. Covers
 * the OpenCL 1.x atomic_* (int, uint, float xchg), the atom_* of the 32-
 * and 64-bit extensions, local atomics, the C11-style atomics of OpenCL C
 * 2.0/3.0 (generic and named address spaces, explicit orders and scopes),
 * and spin-locks built from atomics guarding non-atomic updates. Every
 * expectation is computed on the host. */
#include "check.h"
#include <limits.h>
#include <stdarg.h>
#include <time.h>

#define N (1 << 20)

static const char *src12 =
"uint hash(uint g) { return g * 2654435761u; }\n"
"kernel void count(global int *c) { atomic_inc(c); }\n"
"kernel void old32(global int *s, global uint *u, global int *tick, global int *xo, global float *fx, global float *fo) {\n"
"  int g = get_global_id(0);\n"
"  uint h = hash(g);\n"
"  atomic_add(&s[0], g % 7);\n"
"  atomic_sub(&s[1], g % 5);\n"
"  atomic_min(&s[2], (int)h);\n"
"  atomic_max(&s[3], (int)h);\n"
"  atomic_min(&u[0], h);\n"
"  atomic_max(&u[1], h);\n"
"  if ((g % 32) % 3 == 0) atomic_or(&u[2], 1u << (g % 32));\n"
"  if ((g % 32) % 3 == 1) atomic_and(&u[3], ~(1u << (g % 32)));\n"
"  atomic_xor(&u[4], h);\n"
"  tick[g] = atomic_inc(&s[4]);\n"
"  xo[g] = atomic_xchg(&s[5], g);\n"
"  atomic_dec(&u[5]);\n"
"  int old = s[6], prev;\n"
"  while ((prev = atomic_cmpxchg(&s[6], old, old + 1)) != old) old = prev;\n"
"  fo[g] = atomic_xchg(&fx[0], (float)g);\n"
"  atom_add(&s[7], 3);\n"
"  atom_inc(&s[8]);\n"
"  atom_max(&u[6], h >> 3);\n"
"}\n"
"#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable\n"
"#pragma OPENCL EXTENSION cl_khr_int64_extended_atomics : enable\n"
"kernel void old64(global long *l, global ulong *ul, global long *tick) {\n"
"  long g = get_global_id(0);\n"
"  ulong h = (ulong)g * 0x9E3779B97F4A7C15ul;\n"
"  atom_add(&l[0], g * 1000003L);\n"
"  atom_sub(&l[1], g);\n"
"  atom_min(&l[2], (long)h);\n"
"  atom_max(&l[3], (long)h);\n"
"  atom_min(&ul[0], h);\n"
"  atom_max(&ul[1], h);\n"
"  if ((g % 64) % 5 == 0) atom_or(&ul[2], 1ul << (g % 64));\n"
"  if ((g % 64) % 5 == 1) atom_and(&ul[3], ~(1ul << (g % 64)));\n"
"  atom_xor(&ul[4], h);\n"
"  tick[g] = atom_inc(&l[4]);\n"
"  atom_dec(&l[5]);\n"
"  long old = l[6], prev;\n"
"  while ((prev = atom_cmpxchg(&l[6], old, old + (1L << 33))) != old) old = prev;\n"
"  atom_xchg(&l[7], g);\n"
"}\n"
/* local atomics: each group its own counters */
"kernel void loc(global int *out, global long *out64, global int *tick, global int *xl) {\n"
"  local int li[8]; local uint lu[2]; local long ll[2];\n"
"  int l = get_local_id(0), g = get_group_id(0);\n"
"  if (l == 0) { li[0] = 0; li[1] = INT_MAX; li[2] = INT_MIN; li[3] = 0; li[4] = 0; li[5] = 1000; li[6] = 0; li[7] = -1;\n"
"    lu[0] = 0; lu[1] = 0xffffffffu; ll[0] = 0; ll[1] = LONG_MAX; }\n"
"  barrier(CLK_LOCAL_MEM_FENCE);\n"
"  int v = (l * 37 + g * 11) % 101 - 50;\n"
"  atomic_add(&li[0], v);\n"
"  atomic_min(&li[1], v);\n"
"  atomic_max(&li[2], v);\n"
"  tick[get_global_id(0)] = atomic_inc(&li[3]);\n"
"  int old = li[4], prev;\n"
"  while ((prev = atomic_cmpxchg(&li[4], old, old + l)) != old) old = prev;\n"
"  atomic_sub(&li[5], 2); atomic_dec(&li[5]);\n"
"  atomic_xor(&li[6], l * l + 1);\n"
"  xl[get_global_id(0)] = atomic_xchg(&li[7], l);\n"
"  atomic_or(&lu[0], 1u << (l % 32)); atomic_and(&lu[1], ~(1u << ((l + 5) % 32)));\n"
"  atom_add(&ll[0], (long)v << 35); atom_min(&ll[1], (long)v << 35);\n"
"  barrier(CLK_LOCAL_MEM_FENCE);\n"
"  if (l == 0) { for (int i = 0; i < 8; i++) out[g * 10 + i] = li[i]; out[g * 10 + 8] = (int)lu[0]; out[g * 10 + 9] = (int)lu[1];\n"
"    out64[g * 2] = ll[0]; out64[g * 2 + 1] = ll[1]; }\n"
"}\n"
"kernel void lock_old(global int *lk, global int *data) {\n"
"  int g = get_global_id(0);\n"
"  while (atomic_cmpxchg(lk, 0, 1) != 0) ;\n"
"  data[0] = data[0] + 1; data[1] = data[1] + g % 13; data[2] = data[2] ^ g;\n"
"  atomic_xchg(lk, 0);\n"
"}\n";

static const char *src30 =
"kernel void c11(global atomic_int *ai, global atomic_uint *au, global atomic_long *al, global atomic_ulong *aul,\n"
"                global atomic_float *af, global int *tick, global float *fo, global atomic_uintptr_t *ap) {\n"
"  int g = get_global_id(0);\n"
"  uint h = g * 2654435761u;\n"
"  ulong hh = (ulong)g * 0x9E3779B97F4A7C15ul;\n"
"  atomic_fetch_add(&ai[0], 1);\n"
"  atomic_fetch_add_explicit(&ai[1], g % 3, memory_order_relaxed);\n"
"  atomic_fetch_sub_explicit(&ai[2], g % 5, memory_order_acq_rel, memory_scope_device);\n"
"  atomic_fetch_min(&ai[3], (int)h);\n"
"  atomic_fetch_max_explicit(&ai[4], (int)h, memory_order_seq_cst, memory_scope_all_devices);\n"
"  tick[g] = atomic_fetch_add_explicit(&ai[5], 1, memory_order_relaxed, memory_scope_device);\n"
"  volatile atomic_int *gp = &ai[6];\n" /* generic */
"  atomic_fetch_add(gp, 2);\n"
"  volatile atomic_int *gp2 = &ai[7];\n"
"  int e = atomic_load(gp2);\n"
"  while (!atomic_compare_exchange_weak(gp2, &e, e + 3)) ;\n"
"  int e2 = atomic_load_explicit(&ai[8], memory_order_relaxed);\n"
"  while (!atomic_compare_exchange_strong_explicit(&ai[8], &e2, e2 + 1, memory_order_acq_rel, memory_order_relaxed)) ;\n"
"  atomic_fetch_min(&au[0], h);\n"
"  atomic_fetch_max(&au[1], h);\n"
"  if ((g % 32) % 3 == 0) atomic_fetch_or(&au[2], 1u << (g % 32));\n"
"  atomic_fetch_xor_explicit(&au[3], h, memory_order_relaxed);\n"
"  if ((g % 32) % 3 == 1) atomic_fetch_and(&au[4], ~(1u << (g % 32)));\n"
"  atomic_fetch_add(&al[0], (long)g << 20);\n"
"  atomic_fetch_min(&al[1], (long)hh);\n"
"  atomic_fetch_max(&aul[0], hh);\n"
"  atomic_fetch_xor(&aul[1], hh);\n"
"  ulong e3 = atomic_load_explicit(&aul[2], memory_order_acquire, memory_scope_device);\n"
"  while (!atomic_compare_exchange_weak_explicit(&aul[2], &e3, e3 + 5, memory_order_seq_cst, memory_order_relaxed, memory_scope_device)) ;\n"
"  fo[g] = atomic_exchange(&af[0], (float)g);\n"
"  atomic_fetch_add(&ap[0], (ptrdiff_t)-2);\n"
"}\n"
/* single work-item semantics: init/store/load/exchange/CAS results, flags */
"kernel void c11_one(global int *r, global atomic_int *x, global atomic_float *xf, global atomic_double *xd, global atomic_flag *fl) {\n"
"  local atomic_int lx; local int lexp;\n"
"  atomic_init(x, 5); r[0] = atomic_load(x);\n"
"  atomic_store_explicit(x, 6, memory_order_release); r[1] = atomic_load_explicit(x, memory_order_acquire);\n"
"  atomic_store_explicit(x, 7, memory_order_relaxed, memory_scope_work_group); r[2] = atomic_exchange(x, 8);\n"
"  int e = 1; r[3] = atomic_compare_exchange_strong(x, &e, 9); r[4] = e; r[5] = atomic_load(x);\n"
"  e = 8; r[6] = atomic_compare_exchange_strong(x, &e, 9); r[7] = e; r[8] = atomic_load(x);\n"
"  atomic_store(&lx, 20); lexp = 3;\n"
"  r[9] = atomic_compare_exchange_strong(&lx, &lexp, 21); r[10] = lexp;\n"  /* local object, local expected */
"  r[11] = atomic_compare_exchange_strong((volatile atomic_int *)&lx, (int *)&lexp, 22); r[12] = atomic_load(&lx);\n" /* generic */
"  atomic_store(xf, 1.5f); float fe = 2.0f; r[13] = atomic_compare_exchange_strong(xf, &fe, 3.0f); r[14] = (int)(fe * 10);\n"
"  r[15] = (int)(atomic_exchange(xf, 4.25f) * 100); r[16] = (int)(atomic_load(xf) * 100);\n"
"  atomic_init(xd, 0.5); double de = 0.5; r[17] = atomic_compare_exchange_weak(xd, &de, 2.75); r[18] = (int)(atomic_load(xd) * 100);\n"
"  atomic_flag_clear(fl); r[19] = atomic_flag_test_and_set(fl); r[20] = atomic_flag_test_and_set_explicit(fl, memory_order_acq_rel);\n"
"  atomic_flag_clear_explicit(fl, memory_order_release, memory_scope_device); r[21] = atomic_flag_test_and_set_explicit(fl, memory_order_seq_cst, memory_scope_device);\n"
"  r[22] = atomic_fetch_and(x, 12) ; r[23] = atomic_fetch_or_explicit(x, 3, memory_order_relaxed); r[24] = atomic_load(x);\n"
"}\n"
"kernel void lock_flag(global atomic_flag *lk, global int *data) {\n"
"  int g = get_global_id(0);\n"
"  while (atomic_flag_test_and_set_explicit(lk, memory_order_acquire, memory_scope_device)) ;\n"
"  data[0] = data[0] + 1; data[1] = data[1] + g % 13; data[2] = data[2] ^ g;\n"
"  atomic_flag_clear_explicit(lk, memory_order_release, memory_scope_device);\n"
"}\n";

static const char *src20 =
"kernel void c20(global atomic_int *c, global atomic_long *cl) {\n"
"  volatile atomic_int *p = c;\n"
"  atomic_fetch_add(p, 1);\n"
"  atomic_fetch_add_explicit(&c[1], 2, memory_order_relaxed, memory_scope_device);\n"
"  atomic_fetch_max(cl, (long)get_global_id(0) << 33);\n"
"}\n";

static void run(test_env *t, cl_program p, const char *name, size_t gsize, size_t lsize, int nargs, ...) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, name, &err);
	REQUIRE_OK(err);
	va_list ap;
	va_start(ap, nargs);
	for (int i = 0; i < nargs; i++) {
		cl_mem m = va_arg(ap, cl_mem);
		CHECK_OK(clSetKernelArg(k, i, sizeof m, &m));
	}
	va_end(ap);
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &gsize, lsize ? &lsize : NULL, 0, NULL, NULL));
	CHECK_OK(clFinish(t->queue));
	clReleaseKernel(k);
}

static void get(test_env *t, cl_mem m, size_t size, void *out) {
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, size, out, 0, NULL, NULL));
}

/* values[0..n) plus extra: exactly the integers lo..lo+n (each once). */
static int is_perm(const int *v, size_t n, int extra, int lo) {
	char *seen = calloc(n + 1, 1);
	int ok = 1;
	for (size_t i = 0; i <= n && ok; i++) {
		long x = (i < n ? v[i] : extra) - (long)lo;
		if (x < 0 || x > (long)n || seen[x]++) ok = 0;
	}
	free(seen);
	return ok;
}

static uint32_t h32(uint32_t g) { return g * 2654435761u; }
static uint64_t h64(uint64_t g) { return g * 0x9E3779B97F4A7C15ull; }

int main(void) {
	test_env t = test_setup();
	cl_program p12 = check_build(&t, src12, "");
	cl_program p30 = check_build(&t, src30, "-cl-std=CL3.0");
	cl_program p20 = check_build(&t, src20, "-cl-std=CL2.0");
	int *tick = malloc(N * sizeof(int)), *xo = malloc(N * sizeof(int));
	float *fo = malloc(N * sizeof(float));

	/* A plain counter: 4M increments from both cores. */
	{
		int zero = 0, c = -1;
		cl_mem C = check_buffer(&t, sizeof zero, &zero);
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		run(&t, p12, "count", 4 * N, 0, 1, C);
		clock_gettime(CLOCK_MONOTONIC, &b);
		get(&t, C, sizeof c, &c);
		CHECK(c == 4 * N);
		printf("count: %d increments in %.1f ms\n", c, (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6);
		clReleaseMemObject(C);
	}

	/* OpenCL 1.x 32-bit functions. */
	{
		int s[9] = {0, 0, INT_MAX, INT_MIN, 0, -1, 0, 0, 0};
		uint32_t u[7] = {UINT_MAX, 0, 0, UINT_MAX, 0, N + 5, 0};
		float fx = -1.0f;
		cl_mem S = check_buffer(&t, sizeof s, s), U = check_buffer(&t, sizeof u, u), T = check_buffer(&t, N * 4, NULL), X = check_buffer(&t, N * 4, NULL);
		cl_mem FX = check_buffer(&t, sizeof fx, &fx), FO = check_buffer(&t, N * 4, NULL);
		run(&t, p12, "old32", N, 0, 6, S, U, T, X, FX, FO);
		get(&t, S, sizeof s, s), get(&t, U, sizeof u, u), get(&t, T, N * 4, tick), get(&t, X, N * 4, xo);
		get(&t, FX, sizeof fx, &fx), get(&t, FO, N * 4, fo);
		long sum7 = 0, sum5 = 0;
		int smin = INT_MAX, smax = INT_MIN;
		uint32_t umin = UINT_MAX, umax = 0, ux = 0, umax3 = 0;
		for (uint32_t g = 0; g < N; g++) {
			uint32_t h = h32(g);
			sum7 += g % 7, sum5 += g % 5;
			if ((int)h < smin) smin = (int)h;
			if ((int)h > smax) smax = (int)h;
			if (h < umin) umin = h;
			if (h > umax) umax = h;
			if (h >> 3 > umax3) umax3 = h >> 3;
			ux ^= h;
		}
		CHECK(s[0] == (int)sum7);
		CHECK(s[1] == (int)-sum5);
		CHECK(s[2] == smin && s[3] == smax);
		CHECK(u[0] == umin && u[1] == umax);
		CHECK(u[2] == 0x49249249u);  /* bits 0,3,...,30 */
		CHECK(u[3] == ~0x92492492u); /* bits 1,4,...,31 cleared */
		CHECK(u[4] == ux);
		CHECK(s[4] == N && is_perm(tick, N, s[4], 0)); /* atomic_inc tickets: each once */
		CHECK(is_perm(xo, N, s[5], -1));       /* exchanged values: each once */
		CHECK(u[5] == 5);
		CHECK(s[6] == N);                      /* cmpxchg loop */
		CHECK(s[7] == 3 * N && s[8] == N && u[6] == umax3);
		int *fi = malloc(N * sizeof(int)), ok = 1;
		for (int g = 0; g < N; g++) {
			fi[g] = (int)fo[g];
			if (fo[g] != (float)fi[g]) ok = 0;
		}
		CHECK(ok && (float)(int)fx == fx && is_perm(fi, N, (int)fx, -1));
		free(fi);
		clReleaseMemObject(S), clReleaseMemObject(U), clReleaseMemObject(T), clReleaseMemObject(X);
		clReleaseMemObject(FX), clReleaseMemObject(FO);
	}

	/* 64-bit atom_*. */
	{
		int64_t l[8] = {0, 0, LLONG_MAX, LLONG_MIN, 0, N + 11, 0, -1};
		uint64_t ul[5] = {ULLONG_MAX, 0, 0, ULLONG_MAX, 0};
		cl_mem L = check_buffer(&t, sizeof l, l), UL = check_buffer(&t, sizeof ul, ul), T = check_buffer(&t, N * 8, NULL);
		run(&t, p12, "old64", N, 0, 3, L, UL, T);
		int64_t *t64 = malloc(N * 8);
		get(&t, L, sizeof l, l), get(&t, UL, sizeof ul, ul), get(&t, T, N * 8, t64);
		int64_t sum = 0, sub = 0, lmin = LLONG_MAX, lmax = LLONG_MIN;
		uint64_t umin = ULLONG_MAX, umax = 0, ux = 0, uor = 0, uand = ULLONG_MAX;
		for (uint64_t g = 0; g < N; g++) {
			uint64_t h = h64(g);
			sum += (int64_t)g * 1000003, sub -= (int64_t)g;
			if ((int64_t)h < lmin) lmin = (int64_t)h;
			if ((int64_t)h > lmax) lmax = (int64_t)h;
			if (h < umin) umin = h;
			if (h > umax) umax = h;
			ux ^= h;
			if ((g % 64) % 5 == 0) uor |= 1ull << (g % 64);
			if ((g % 64) % 5 == 1) uand &= ~(1ull << (g % 64));
		}
		CHECK(l[0] == sum && l[1] == sub && sum > (1ll << 40));
		CHECK(l[2] == lmin && l[3] == lmax);
		CHECK(ul[0] == umin && ul[1] == umax);
		CHECK(ul[2] == uor && ul[3] == uand && ul[4] == ux);
		CHECK(l[4] == N && l[5] == 11 && l[6] == (int64_t)N << 33);
		CHECK(l[7] >= 0 && l[7] < N);
		char *seen = calloc(N, 1);
		int ok = 1;
		for (int g = 0; g < N; g++) {
			if (t64[g] < 0 || t64[g] >= N || seen[t64[g]]++) ok = 0;
		}
		CHECK(ok); /* atom_inc tickets: each once */
		free(seen), free(t64);
		clReleaseMemObject(L), clReleaseMemObject(UL), clReleaseMemObject(T);
	}

	/* __local atomics. */
	{
		enum { G = 64, LS = 64 };
		int out[G * 10];
		int64_t out64[G * 2];
		cl_mem O = check_buffer(&t, sizeof out, NULL), O64 = check_buffer(&t, sizeof out64, NULL), T = check_buffer(&t, G * LS * 4, NULL), XL = check_buffer(&t, G * LS * 4, NULL);
		run(&t, p12, "loc", G * LS, LS, 4, O, O64, T, XL);
		get(&t, O, sizeof out, out), get(&t, O64, sizeof out64, out64), get(&t, T, G * LS * 4, tick), get(&t, XL, G * LS * 4, xo);
		int ok = 1;
		for (int g = 0; g < G; g++) {
			int sum = 0, mn = INT_MAX, mx = INT_MIN, x = 0;
			int64_t lsum = 0, lmn = LLONG_MAX;
			for (int l = 0; l < LS; l++) {
				int v = (l * 37 + g * 11) % 101 - 50;
				sum += v, mn = v < mn ? v : mn, mx = v > mx ? v : mx, x ^= l * l + 1;
				lsum += (int64_t)v << 35;
				if (((int64_t)v << 35) < lmn) lmn = (int64_t)v << 35;
			}
			const int *o = out + g * 10;
			if (o[0] != sum || o[1] != mn || o[2] != mx || o[3] != LS || o[4] != LS * (LS - 1) / 2 ||
			    o[5] != 1000 - 3 * LS || o[6] != x || (uint32_t)o[8] != 0xffffffffu || o[9] != 0 ||
			    out64[g * 2] != lsum || out64[g * 2 + 1] != lmn) {
				if (ok) fprintf(stderr, "loc group %d: %d %d %d %d %d %d %d %d %x %x\n", g, o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8], o[9]);
				ok = 0;
			}
			if (!is_perm(tick + g * LS, LS, LS, 0) || !is_perm(xo + g * LS, LS, o[7], -1)) ok = 0;
		}
		CHECK(ok);
		clReleaseMemObject(O), clReleaseMemObject(O64), clReleaseMemObject(T), clReleaseMemObject(XL);
	}

	/* C11-style atomics, OpenCL C 3.0. */
	{
		int ai[9] = {0, 0, 0, INT_MAX, INT_MIN, 0, 0, 0, 0};
		uint32_t au[5] = {UINT_MAX, 0, 0, 0, UINT_MAX};
		int64_t al[2] = {0, LLONG_MAX};
		uint64_t aul[3] = {0, 0, 0}, ap = 1ull << 40;
		float af = -1.0f;
		cl_mem AI = check_buffer(&t, sizeof ai, ai), AU = check_buffer(&t, sizeof au, au), AL = check_buffer(&t, sizeof al, al);
		cl_mem AUL = check_buffer(&t, sizeof aul, aul), AF = check_buffer(&t, sizeof af, &af), T = check_buffer(&t, N * 4, NULL);
		cl_mem FO = check_buffer(&t, N * 4, NULL), AP = check_buffer(&t, sizeof ap, &ap);
		run(&t, p30, "c11", N, 0, 8, AI, AU, AL, AUL, AF, T, FO, AP);
		get(&t, AI, sizeof ai, ai), get(&t, AU, sizeof au, au), get(&t, AL, sizeof al, al), get(&t, AUL, sizeof aul, aul);
		get(&t, AF, sizeof af, &af), get(&t, T, N * 4, tick), get(&t, FO, N * 4, fo), get(&t, AP, sizeof ap, &ap);
		long sum3 = 0, sum5 = 0;
		int smin = INT_MAX, smax = INT_MIN;
		uint32_t umin = UINT_MAX, umax = 0, ux = 0;
		int64_t lsum = 0, lmin = LLONG_MAX;
		uint64_t ulmax = 0, ulx = 0;
		for (uint32_t g = 0; g < N; g++) {
			uint32_t h = h32(g);
			uint64_t hh = h64(g);
			sum3 += g % 3, sum5 += g % 5;
			if ((int)h < smin) smin = (int)h;
			if ((int)h > smax) smax = (int)h;
			if (h < umin) umin = h;
			if (h > umax) umax = h;
			ux ^= h;
			lsum += (int64_t)g << 20;
			if ((int64_t)hh < lmin) lmin = (int64_t)hh;
			if (hh > ulmax) ulmax = hh;
			ulx ^= hh;
		}
		CHECK(ai[0] == N && ai[1] == (int)sum3 && ai[2] == (int)-sum5);
		CHECK(ai[3] == smin && ai[4] == smax);
		CHECK(ai[5] == N && is_perm(tick, N, ai[5], 0));
		CHECK(ai[6] == 2 * N && ai[7] == 3 * N && ai[8] == N);
		CHECK(au[0] == umin && au[1] == umax && au[2] == 0x49249249u && au[3] == ux && au[4] == ~0x92492492u);
		CHECK(al[0] == lsum && al[1] == lmin);
		CHECK(aul[0] == ulmax && aul[1] == ulx && aul[2] == 5ull * N);
		CHECK(ap == (1ull << 40) - 2ull * N);
		int *fi = malloc(N * sizeof(int));
		for (int g = 0; g < N; g++) fi[g] = (int)fo[g];
		CHECK(is_perm(fi, N, (int)af, -1));
		free(fi);
		clReleaseMemObject(AI), clReleaseMemObject(AU), clReleaseMemObject(AL), clReleaseMemObject(AUL);
		clReleaseMemObject(AF), clReleaseMemObject(T), clReleaseMemObject(FO), clReleaseMemObject(AP);
	}
	{
		int r[25];
		memset(r, 0x55, sizeof r);
		cl_mem R = check_buffer(&t, sizeof r, r), X = check_buffer(&t, 4, NULL), XF = check_buffer(&t, 4, NULL), XD = check_buffer(&t, 8, NULL), FL = check_buffer(&t, 4, NULL);
		run(&t, p30, "c11_one", 1, 1, 5, R, X, XF, XD, FL);
		get(&t, R, sizeof r, r);
		const int want[25] = {5, 6, 7, 0, 8, 8, 1, 8, 9, 0, 20, 1, 22, 0, 15, 150, 425, 1, 275, 0, 1, 0, 9, 8, 11};
		int ok = 1;
		for (int i = 0; i < 25; i++)
			if (r[i] != want[i]) { fprintf(stderr, "c11_one: r[%d] = %d, want %d\n", i, r[i], want[i]); ok = 0; }
		CHECK(ok);
		clReleaseMemObject(R), clReleaseMemObject(X), clReleaseMemObject(XF), clReleaseMemObject(XD), clReleaseMemObject(FL);
	}

	/* OpenCL C 2.0 (generic address space only). */
	{
		int c[2] = {0, 0};
		int64_t cl = -5;
		cl_mem Cm = check_buffer(&t, sizeof c, c), CL = check_buffer(&t, sizeof cl, &cl);
		run(&t, p20, "c20", N / 4, 0, 2, Cm, CL);
		get(&t, Cm, sizeof c, c), get(&t, CL, sizeof cl, &cl);
		CHECK(c[0] == N / 4 && c[1] == N / 2 && cl == (int64_t)(N / 4 - 1) << 33);
		clReleaseMemObject(Cm), clReleaseMemObject(CL);
	}

	/* Spin-locks in __global memory guarding non-atomic updates. */
	for (int which = 0; which < 2; which++) {
		int lk = 0, data[3] = {0, 0, 0};
		cl_mem LK = check_buffer(&t, sizeof lk, &lk), D = check_buffer(&t, sizeof data, data);
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		run(&t, which ? p30 : p12, which ? "lock_flag" : "lock_old", N, 0, 2, LK, D);
		clock_gettime(CLOCK_MONOTONIC, &b);
		get(&t, D, sizeof data, data), get(&t, LK, sizeof lk, &lk);
		long sum13 = 0;
		int x = 0;
		for (int g = 0; g < N; g++) sum13 += g % 13, x ^= g;
		CHECK(data[0] == N && data[1] == (int)sum13 && data[2] == x && lk == 0);
		printf("%s: %d lock round trips in %.1f ms\n", which ? "lock_flag" : "lock_old", data[0],
		       (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6);
		clReleaseMemObject(LK), clReleaseMemObject(D);
	}

	free(tick), free(xo), free(fo);
	clReleaseProgram(p12), clReleaseProgram(p30), clReleaseProgram(p20);
	test_teardown(&t);
	return check_done();
}
