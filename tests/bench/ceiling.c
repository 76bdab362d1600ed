/* The machine's ceilings, measured in the bench's own run: fp32 and fp64
 * FMA peak and a STREAM-like triad, on all the CPUs the process may use.
 * Compiled on its own with -O2 -march=native -ffp-contract=fast, so that
 * the widest vectors of the host are used.
 *
 * Checked with objdump -d (GCC 12, AVX-512 host): the inner loop of
 * fma_f32 is 12 `vfmadd132ps %zmm..,%zmm..,%zmm..` (register operands
 * only, no loads or stores: the 12 accumulators, the multiplier and the
 * addend stay in zmm registers), then the loop counter; fma_f64 is the
 * same with vfmadd132pd. The triad loop is a zmm load, a vfmadd with a
 * memory operand and a zmm store per 8 doubles. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "ceiling.h"

#if defined(__AVX512F__)
#define VBYTES 64
#define VNAME "AVX-512"
#elif defined(__AVX__)
#define VBYTES 32
#define VNAME "AVX"
#else
#define VBYTES 16
#define VNAME "SSE"
#endif

typedef float vf __attribute__((vector_size(VBYTES)));
typedef double vd __attribute__((vector_size(VBYTES)));

static double now_ns(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The CPUs this process may run on: one thread on each. */
static int cpus[1024], ncpus;
static void find_cpus(void) {
	cpu_set_t set;
	if (ncpus) return;
	if (sched_getaffinity(0, sizeof set, &set) == 0) {
		for (int c = 0; c < CPU_SETSIZE && ncpus < 1024; c++)
			if (CPU_ISSET(c, &set)) cpus[ncpus++] = c;
	}
	if (!ncpus) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		for (int c = 0; c < n && c < 1024; c++) cpus[ncpus++] = c;
	}
}

/* One parallel region: ncpus threads, each pinned to its CPU, start
 * together behind a barrier; the main thread times from the start
 * barrier to the end barrier. */
typedef void (*work_fn)(int id, int n, void *arg);
static pthread_barrier_t start, end;
struct job { work_fn f; void *arg; int id; };
static void *worker(void *p) {
	struct job *j = p;
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpus[j->id], &set);
	pthread_setaffinity_np(pthread_self(), sizeof set, &set);
	pthread_barrier_wait(&start);
	j->f(j->id, ncpus, j->arg);
	pthread_barrier_wait(&end);
	return NULL;
}
static double parallel_ns(work_fn f, void *arg) {
	pthread_t th[1024];
	struct job jobs[1024];
	pthread_barrier_init(&start, NULL, ncpus + 1);
	pthread_barrier_init(&end, NULL, ncpus + 1);
	for (int i = 0; i < ncpus; i++) {
		jobs[i] = (struct job){f, arg, i};
		pthread_create(&th[i], NULL, worker, &jobs[i]);
	}
	pthread_barrier_wait(&start);
	double t0 = now_ns();
	pthread_barrier_wait(&end);
	double ns = now_ns() - t0;
	for (int i = 0; i < ncpus; i++) pthread_join(th[i], NULL);
	pthread_barrier_destroy(&start);
	pthread_barrier_destroy(&end);
	return ns;
}

/* 12 independent accumulators: enough to cover the FMA latency (4 cycles)
 * times the FMA pipes (2) of current x86 cores, with room. acc = acc*m + c
 * with m < 1 converges to c / (1 - m) = 1: no overflow, no denormals. */
#define ACCS(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11)
#define NACC 12
struct fma_arg { long iters; double sink[1024]; };

#define FMA_KERNEL(name, V, S)                                              \
	static void name(int id, int n, void *p) {                              \
		struct fma_arg *a = p;                                              \
		V m = (V){} + (S)0.999, c = (V){} + (S)0.001;                       \
		ACCS(DECL_##V)                                                      \
		for (long i = 0; i < a->iters; i++) {                               \
			ACCS(STEP)                                                      \
			__asm__("" : "+v"(m), "+v"(c)); /* not loop invariant */       \
		}                                                                   \
		V s = (V){};                                                        \
		ACCS(SUM)                                                           \
		S t = 0;                                                            \
		for (int k = 0; k < (int)(sizeof(V) / sizeof(S)); k++) t += s[k];   \
		a->sink[id] = t;                                                    \
		(void)n;                                                            \
	}
#define DECL_vf(i) vf a##i = (vf){} + (float)(i) / NACC;
#define DECL_vd(i) vd a##i = (vd){} + (double)(i) / NACC;
#define STEP(i) a##i = a##i * m + c;
#define SUM(i) s += a##i;
FMA_KERNEL(fma_f32, vf, float)
FMA_KERNEL(fma_f64, vd, double)

static double fma_peak(work_fn f, int lanes) {
	struct fma_arg a = {.iters = 1 << 16};
	/* calibrate: about 150 ms per run */
	for (;;) {
		double ns = parallel_ns(f, &a);
		if (ns > 20e6 || a.iters > (1L << 36)) {
			a.iters = (long)(a.iters * 150e6 / ns) + 1;
			break;
		}
		a.iters *= 4;
	}
	double v[5];
	for (int r = 0; r < 5; r++) {
		double ns = parallel_ns(f, &a);
		v[r] = (double)a.iters * NACC * lanes * 2 * ncpus / ns;
	}
	qsort(v, 5, sizeof *v, cmp);
	return v[2];
}

/* STREAM-like triad a[i] = b[i] + s * c[i] in double, each thread on its
 * own contiguous part (which it also first-touched). */
struct triad_arg { double *a, *b, *c; size_t n; int init; };
static void triad(int id, int n, void *p) {
	struct triad_arg *t = p;
	const size_t w = sizeof(vd) / sizeof(double); /* the parts are whole vectors */
	size_t lo = t->n / w * id / n * w, hi = t->n / w * (id + 1) / n * w;
	if (t->init) {
		for (size_t i = lo; i < hi; i++) t->a[i] = 0, t->b[i] = 1, t->c[i] = 2;
		return;
	}
	/* in vectors: -O2 (GCC 12) leaves the plain loop scalar */
	vd *restrict a = (vd *)(t->a + lo), *restrict b = (vd *)(t->b + lo), *restrict c = (vd *)(t->c + lo);
	const vd s = (vd){} + 3.0;
	for (size_t i = 0; i < (hi - lo) / w; i++) a[i] = b[i] + s * c[i];
}

void measure_ceilings(ceilings *c) {
	find_cpus();
	c->cpus = ncpus;
	c->vector_bits = VBYTES * 8;
	c->vector_name = VNAME;
	c->fp32_gflops = fma_peak(fma_f32, VBYTES / 4);
	c->fp64_gflops = fma_peak(fma_f64, VBYTES / 8);

	c->triad_bytes = 256u << 20;
	size_t n = c->triad_bytes / sizeof(double);
	struct triad_arg t = {NULL, NULL, NULL, n, 1};
	if (posix_memalign((void **)&t.a, 4096, n * 8) || posix_memalign((void **)&t.b, 4096, n * 8) ||
	    posix_memalign((void **)&t.c, 4096, n * 8)) {
		c->triad_gbs = 0;
		return;
	}
	parallel_ns(triad, &t); /* first touch, by the thread that uses it */
	t.init = 0;
	double v[9];
	for (int r = 0; r < 9; r++) v[r] = 3.0 * n * sizeof(double) / parallel_ns(triad, &t);
	qsort(v, 9, sizeof *v, cmp);
	c->triad_gbs = v[4];
	for (size_t i = 0; i < n; i += 4099)
		if (t.a[i] != 7.0) { c->triad_gbs = 0; break; } /* 1 + 3 * 2 */
	free(t.a);
	free(t.b);
	free(t.c);
}
