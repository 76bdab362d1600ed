/* gocl's kernel runtime: the state of the running work-item, the work-item
 * functions, and work-group execution — a plain loop over work-items for
 * kernels without barriers, one fiber per work-item for kernels that can
 * reach one. Compiled to bitcode (with the OpenCL C builtins) and linked
 * into every program, so each program is self-contained. x86-64 (the fiber
 * switch).
 *
 * Who runs what: the NDRange engine (device/ndrange.go) calls a kernel's
 * entry point __gocl_loop_K or __gocl_fibers_K with a launch, the worker
 * that runs it and a range of work-groups [g0, g1). All work-items of a
 * work-group run on one thread, one after another (loop) or interleaved at
 * barriers (fibers); so a work-group's memory ordering is program order on
 * that thread. */
#define _GNU_SOURCE /* pthread_getattr_np */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "subgroup_size.h"

/* The launch, written by the driver (device/ndrange.go mirrors it). */
typedef struct {
	uint32_t dim;
	uint32_t pad;
	uint64_t gsize[3];   /* global size; 1 for unused dimensions */
	uint64_t goff[3];    /* global offset */
	uint64_t lsize[3];   /* enqueued local size */
	uint64_t ngroups[3]; /* groups per dimension */
	void **args;         /* one pointer to each argument's value */
	uint64_t local_bytes;/* __local argument memory per work-group */
	void *body;          /* __gocl_body_<kernel>, for fibers */
	uint64_t fiber_stack;/* bytes of stack per work-item fiber (without its guard) */
	struct gocl_check *check; /* GOCL_CHECK: the launch's limits and first violation; NULL if unchecked */
} gocl_launch;

/* What checked kernels (build/stage_check.go) read and report, written by
 * the engine (device/check.go mirrors it). */
typedef struct gocl_check {
	uint64_t first;    /* smallest (work-item << 32 | offset + 2^31) that failed; ~0: none */
	uint64_t what;     /* its argument, or CHECK_WHAT_GLOBAL + variable */
	uint32_t lock;
	uint32_t pad;
	uint64_t nargs;
	uint64_t limits[]; /* bytes each argument may access */
} gocl_check;

/* The memory of the thread running work-groups, owned by the engine
 * (device/ndrange.go mirrors it): __local argument memory, and for fibers,
 * nstacks stack slots of slot bytes (a guard area of guard bytes at the
 * bottom, the stack above it) and as many fiber records. The engine makes
 * sure there are enough before it calls a fiber entry point. */
typedef struct {
	char *lmem;
	char *stacks;
	uint64_t slot;
	uint64_t nstacks;
	uint64_t guard;
	uint64_t guarded;
	char *fibers;
	char *bstack;     /* a big stack for loops with big frames, above a guard area */
	uint64_t bsize;
} gocl_worker;

/* Fiber stacks start this far below their slot's top, by fiber, so that
 * the stack tops the scheduler switches between do not all fall in the
 * same cache sets (the engine leaves room for it). */
#define GOCL_COLOR(i) (((i) % 1024) * 64)

/* The running work-item, as the work-item functions read it: one record
 * per thread. Fibers swap their local id in and out. */
typedef struct {
	const gocl_launch *L;
	uint64_t lid[3];
	uint64_t grp[3];
	uint64_t size[3];  /* this work-group's size (the last ones may be smaller) */
	uint64_t base[3];  /* global id of local id 0: grp * lsize + goff */
} gocl_state;

static __thread gocl_state gocl_wi;

/* ---- work-item functions (OpenCL C names, mangled) ---- */

uint32_t get_work_dim(void) __asm__("_Z12get_work_dimv");
uint32_t get_work_dim(void) { return gocl_wi.L->dim; }

size_t get_global_size(uint32_t d) __asm__("_Z15get_global_sizej");
size_t get_global_size(uint32_t d) { return d < 3 ? gocl_wi.L->gsize[d] : 1; }

size_t get_global_id(uint32_t d) __asm__("_Z13get_global_idj");
size_t get_global_id(uint32_t d) { return d < 3 ? gocl_wi.base[d] + gocl_wi.lid[d] : 0; }

size_t get_local_size(uint32_t d) __asm__("_Z14get_local_sizej");
size_t get_local_size(uint32_t d) { return d < 3 ? gocl_wi.size[d] : 1; }

size_t get_enqueued_local_size(uint32_t d) __asm__("_Z23get_enqueued_local_sizej");
size_t get_enqueued_local_size(uint32_t d) { return d < 3 ? gocl_wi.L->lsize[d] : 1; }

size_t get_local_id(uint32_t d) __asm__("_Z12get_local_idj");
size_t get_local_id(uint32_t d) { return d < 3 ? gocl_wi.lid[d] : 0; }

size_t get_num_groups(uint32_t d) __asm__("_Z14get_num_groupsj");
size_t get_num_groups(uint32_t d) { return d < 3 ? gocl_wi.L->ngroups[d] : 1; }

size_t get_group_id(uint32_t d) __asm__("_Z12get_group_idj");
size_t get_group_id(uint32_t d) { return d < 3 ? gocl_wi.grp[d] : 0; }

size_t get_global_offset(uint32_t d) __asm__("_Z17get_global_offsetj");
size_t get_global_offset(uint32_t d) { return d < 3 ? gocl_wi.L->goff[d] : 0; }

size_t get_global_linear_id(void) __asm__("_Z20get_global_linear_idv");
size_t get_global_linear_id(void) {
	const gocl_launch *L = gocl_wi.L;
	size_t x = gocl_wi.base[0] + gocl_wi.lid[0] - L->goff[0];
	size_t y = gocl_wi.base[1] + gocl_wi.lid[1] - L->goff[1];
	size_t z = gocl_wi.base[2] + gocl_wi.lid[2] - L->goff[2];
	return (z * L->gsize[1] + y) * L->gsize[0] + x;
}

size_t get_local_linear_id(void) __asm__("_Z19get_local_linear_idv");
size_t get_local_linear_id(void) {
	return (gocl_wi.lid[2] * gocl_wi.size[1] + gocl_wi.lid[1]) * gocl_wi.size[0] + gocl_wi.lid[0];
}

/* cl_khr_kernel_clock's clocks (clock.cl): CLOCK_MONOTONIC in nanoseconds,
 * one clock for all the device's threads (the vDSO reads it without a
 * system call). */
uint64_t __gocl_clock(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* ---- checked kernels (GOCL_CHECK) ---- */

/* The bytes argument what may access; L is NULL where the work-item state
 * holds the launch. */
uint64_t __gocl_check_limit(const gocl_launch *L, uint64_t what) {
	if (!L) L = gocl_wi.L;
	const gocl_check *c = L ? L->check : NULL;
	return c && what < c->nargs ? c->limits[what] : UINT64_MAX;
}

/* A function's smallest failed access of what (~0: none): the launch keeps
 * the smallest of all (the lowest work-item first). Rare: a lock does. */
void __gocl_check_report(const gocl_launch *L, uint64_t what, uint64_t first) {
	if (first == UINT64_MAX)
		return;
	if (!L) L = gocl_wi.L;
	gocl_check *c = L ? L->check : NULL;
	if (!c)
		return;
	while (__atomic_exchange_n(&c->lock, 1, __ATOMIC_ACQUIRE))
		;
	if (first < c->first || (first == c->first && what < c->what)) {
		c->first = first;
		c->what = what;
	}
	__atomic_store_n(&c->lock, 0, __ATOMIC_RELEASE);
}

/* ---- work-groups, called by the generated per-kernel entry points ---- */

void **__gocl_args(const gocl_launch *L) { return L->args; }

/* The worker running this thread's work-groups, for to_local and
 * to_private (below). Every entry point asks for its __local memory. */
static __thread const gocl_worker *gocl_worker_now;
static void gocl_note_spaces(void);

char *__gocl_lmem(const gocl_worker *W) {
	gocl_worker_now = W;
	return W->lmem;
}

static void gocl_group_sizes(void) {
	const gocl_launch *L = gocl_wi.L;
	for (int d = 0; d < 3; d++) {
		uint64_t start = gocl_wi.grp[d] * L->lsize[d];
		uint64_t rest = L->gsize[d] - start;
		gocl_wi.size[d] = rest < L->lsize[d] ? rest : L->lsize[d];
		gocl_wi.base[d] = start + L->goff[d];
	}
}

/* Makes linear work-group g (x fastest) the current one. */
void __gocl_group_first(const gocl_launch *L, size_t g) {
	gocl_wi.L = L;
	gocl_note_spaces();
	gocl_wi.grp[0] = g % L->ngroups[0];
	g /= L->ngroups[0];
	gocl_wi.grp[1] = g % L->ngroups[1];
	gocl_wi.grp[2] = g / L->ngroups[1];
	gocl_wi.lid[0] = gocl_wi.lid[1] = gocl_wi.lid[2] = 0;
	gocl_group_sizes();
}

/* Moves to the next work-group in linear order, without a division. */
void __gocl_group_next(void) {
	const gocl_launch *L = gocl_wi.L;
	if (++gocl_wi.grp[0] == L->ngroups[0]) {
		gocl_wi.grp[0] = 0;
		if (++gocl_wi.grp[1] == L->ngroups[1]) {
			gocl_wi.grp[1] = 0;
			gocl_wi.grp[2]++;
		}
	}
	gocl_group_sizes();
}

size_t __gocl_group_size(uint32_t d) { return gocl_wi.size[d]; }

void __gocl_set_lid(size_t x, size_t y, size_t z) {
	gocl_wi.lid[0] = x;
	gocl_wi.lid[1] = y;
	gocl_wi.lid[2] = z;
}

/* ---- fibers ---- */

/* A context switch saves the callee-saved registers on the current stack,
 * stores the stack pointer in *save and resumes the context whose stack
 * pointer is to. It ends with an indirect jump rather than a return: the
 * return would never match the call (another context's), and a mispredicted
 * return costs several times the rest of the switch. There are two copies,
 * to a fiber and back to the scheduler, so that each jump has the target
 * the branch predictor expects (a group's fibers usually wait at the same
 * barrier). The floating-point control words stay as they are: the
 * work-items of a group share the thread's, and kernels do not change them. */
#define GOCL_SWAP(name)                                              \
	__attribute__((naked, noinline)) static void name(void **save, void *to) { \
		__asm__ volatile(                                            \
			"pushq %rbp\n\t"                                         \
			"pushq %rbx\n\t"                                         \
			"pushq %r12\n\t"                                         \
			"pushq %r13\n\t"                                         \
			"pushq %r14\n\t"                                         \
			"pushq %r15\n\t"                                         \
			"movq %rsp, (%rdi)\n\t"                                  \
			"movq %rsi, %rsp\n\t"                                    \
			"popq %r15\n\t"                                          \
			"popq %r14\n\t"                                          \
			"popq %r13\n\t"                                          \
			"popq %r12\n\t"                                          \
			"popq %rbx\n\t"                                          \
			"popq %rbp\n\t"                                          \
			"popq %rcx\n\t"                                          \
			"jmpq *%rcx\n\t");                                       \
	}
GOCL_SWAP(gocl_to_fiber)
GOCL_SWAP(gocl_to_sched)

/* A fiber's record (64 bytes, in an array apart from the stacks, which the
 * scheduler goes through in order). */
typedef struct {
	void *sp;          /* saved stack pointer while suspended */
	uint64_t lid[3];
	uint64_t state;    /* GOCL_READY … GOCL_DONE */
	uint64_t key;      /* GOCL_AT_CONVERGE: where (the call's site number) */
	uint64_t mask;     /* after a convergence point: its sub-group's lanes that met there */
	uint64_t pad;
} gocl_fiber;

/* What a fiber is doing: ready to run (or running), waiting at a
 * work-group barrier, at a sub-group barrier, at a convergence point of the
 * non-uniform sub-group functions, or finished with its group. */
enum { GOCL_READY, GOCL_AT_BARRIER, GOCL_AT_SG_BARRIER, GOCL_AT_CONVERGE, GOCL_DONE };

/* Written at the lowest usable bytes of every fiber stack when the engine
 * could not afford guard pages for them: a fiber that ran past it has
 * overflowed its stack (into the unprotected guard area, slack that keeps
 * the neighbour safe for 64 KiB). */
#define GOCL_CANARY 0x676f636c2d737461ull

static __thread void *gocl_sched_sp;    /* the scheduler's saved stack */
static __thread gocl_fiber *gocl_fcur;  /* the running fiber; NULL in loop mode */
static __thread gocl_fiber *gocl_ffirst; /* the group's fibers, gocl_fcount of them */
static __thread size_t gocl_fcount;
static __thread size_t gocl_fparked; /* fibers at the work-group barrier or finished */
static __thread size_t gocl_fdone;   /* fibers finished */
static __thread void **gocl_fargs;
static __thread char *gocl_flmem;

typedef void (*gocl_body)(void **, char *);

/* The scheduler. A fiber that waits records why and passes the thread to
 * the next fiber that can run: first one of its own sub-group (round robin,
 * so a group whose fibers all reach the same barriers runs them in order,
 * one switch per work-item per barrier), then one of the sub-groups after
 * it. A sub-group none of whose fibers can run is released where it can be
 * (gocl_release_sub_group). When every fiber waits at the work-group
 * barrier or has finished (a count, so that the usual barrier costs one
 * switch per work-item and one pass per group), the barrier releases them
 * all; when every fiber has finished, the thread returns to the scheduler. */
static void gocl_switch(gocl_fiber *f, gocl_fiber *g) {
	gocl_wi.lid[0] = g->lid[0];
	gocl_wi.lid[1] = g->lid[1];
	gocl_wi.lid[2] = g->lid[2];
	gocl_fcur = g;
	gocl_to_fiber(&f->sp, g->sp);
}

/* The first ready fiber of the n from base, after fiber i (i itself last). */
static gocl_fiber *gocl_ready_in(size_t base, size_t n, size_t i) {
	for (size_t k = 1; k <= n; k++) {
		gocl_fiber *g = gocl_ffirst + base + (i - base + k) % n;
		if (g->state == GOCL_READY) return g;
	}
	return 0;
}

/* A sub-group none of whose fibers can run goes on: the fibers waiting at
 * the convergence point first in program order (the lowest site number:
 * sites are numbered in the order of the code, so fibers that are behind,
 * in an arm of a branch or a loop the others have left, catch up before
 * those ahead go on) are released together, the active work-items there,
 * each told who they are; failing that, the fibers at a sub-group barrier.
 * Reports whether any fiber is released. */
static int gocl_release_sub_group(size_t base, size_t n) {
	gocl_fiber *s = gocl_ffirst + base;
	uint64_t key = UINT64_MAX, mask = 0;
	for (size_t k = 0; k < n; k++)
		if (s[k].state == GOCL_AT_CONVERGE && s[k].key <= key) {
			if (s[k].key < key) key = s[k].key, mask = 0;
			mask |= 1ull << k;
		}
	if (mask) {
		for (size_t k = 0; k < n; k++)
			if (mask >> k & 1) s[k].state = GOCL_READY, s[k].mask = mask;
		return 1;
	}
	int released = 0;
	for (size_t k = 0; k < n; k++)
		if (s[k].state == GOCL_AT_SG_BARRIER) s[k].state = GOCL_READY, released = 1;
	return released;
}

static void gocl_run_next(gocl_fiber *f, size_t first);

static void gocl_wait(gocl_fiber *f, uint64_t state) {
	f->state = state;
	const size_t sg = GOCL_SUB_GROUP_SIZE, n = gocl_fcount, i = (size_t)(f - gocl_ffirst);
	gocl_fiber *next = i + 1 < n ? f + 1 : 0;
	if (state == GOCL_AT_BARRIER || state == GOCL_DONE) {
		gocl_fdone += state == GOCL_DONE;
		if (++gocl_fparked == n) {
			/* Every fiber is at the work-group barrier or has finished. */
			if (gocl_fdone == n) {
				gocl_to_sched(&f->sp, gocl_sched_sp);
				return;
			}
			gocl_fiber *g = 0;
			for (size_t k = n; k-- > 0;)
				if (gocl_ffirst[k].state == GOCL_AT_BARRIER) gocl_ffirst[k].state = GOCL_READY, g = gocl_ffirst + k;
			gocl_fparked = gocl_fdone;
			if (g != f) gocl_switch(f, g); /* from the first one again */
			return;
		}
	} else if (next && (i + 1) % sg == 0) {
		next = 0; /* (a sub-group's own wait looks within it first) */
	}
	if (next && next->state == GOCL_READY) { /* the usual case: the next work-item's turn */
		gocl_switch(f, next);
		return;
	}
	/* Some fiber is ready, or waits for its sub-group only: one of f's
	 * sub-group first, then the sub-groups after it. */
	gocl_run_next(f, 0);
}

/* Passes the thread from fiber f to the first fiber that can run, looking
 * through the sub-groups from the first-th after f's (f's own is the 0th,
 * and the last when first is 1; within it, the fibers after f first), and
 * releasing a sub-group none of whose fibers can run. */
static void gocl_run_next(gocl_fiber *f, size_t first) {
	const size_t sg = GOCL_SUB_GROUP_SIZE, n = gocl_fcount, i = (size_t)(f - gocl_ffirst);
	const size_t groups = (n + sg - 1) / sg;
	for (size_t t = first; t < first + groups; t++) {
		size_t base = (i / sg + t) % groups * sg, m = n - base < sg ? n - base : sg;
		size_t after = base == i / sg * sg ? i : base + m - 1;
		gocl_fiber *g = gocl_ready_in(base, m, after);
		if (!g && gocl_release_sub_group(base, m)) g = gocl_ready_in(base, m, after);
		if (g) {
			if (g != f) gocl_switch(f, g);
			return;
		}
	}
}

/* A fiber runs the kernel's body for one work-item of each group the
 * scheduler gives it, from the first group of a call to the last: between
 * groups it waits here, done, and starts over when resumed. */
static void gocl_fiber_entry(void) {
	for (;;) {
		((gocl_body)gocl_wi.L->body)(gocl_fargs, gocl_flmem);
		gocl_wait(gocl_fcur, GOCL_DONE);
	}
}

static gocl_fiber *gocl_fiber_at(const gocl_worker *W, size_t i) {
	return (gocl_fiber *)W->fibers + i;
}

static uint64_t *gocl_canary_at(const gocl_worker *W, size_t i) {
	return (uint64_t *)(W->stacks + i * W->slot + W->guard);
}

/* A fresh context for fiber i, at the top of its stack. */
static void gocl_fiber_init(const gocl_worker *W, gocl_fiber *f, size_t i) {
	uint64_t *top = (uint64_t *)(W->stacks + (i + 1) * W->slot - GOCL_COLOR(i));
	top[-1] = 0;                               /* entry's (never used) return address */
	top[-2] = (uint64_t)(uintptr_t)gocl_fiber_entry; /* where the switch jumps */
	for (int k = 3; k <= 8; k++) top[-k] = 0; /* rbp rbx r12 r13 r14 r15 */
	f->sp = &top[-8];
	f->state = GOCL_READY;
}

/* barrier: in fiber mode, yield to the scheduler, which runs every other
 * work-item of the group up to this barrier before resuming this one. In
 * loop mode (kernels that cannot reach a barrier, or one-item groups) there
 * is nobody to wait for. Memory: the work-group is on this thread, so a
 * compiler barrier orders its accesses. */
void gocl_barrier(void) {
	__asm__ volatile("" ::: "memory");
	gocl_fiber *f = gocl_fcur;
	if (f) gocl_wait(f, GOCL_AT_BARRIER);
	__asm__ volatile("" ::: "memory");
}

/* sub_group_barrier: in fiber mode, wait for the fibers of this sub-group
 * only (sub-groups are runs of GOCL_SUB_GROUP_SIZE work-items in fiber
 * order, which is local linear order): the other sub-groups stay where they
 * are, so a sub-group can synchronize inside code that only some
 * sub-groups run, and the group's own barriers still pair up. */
void gocl_sub_group_barrier(void) {
	__asm__ volatile("" ::: "memory");
	gocl_fiber *f = gocl_fcur;
	if (f) gocl_wait(f, GOCL_AT_SG_BARRIER);
	__asm__ volatile("" ::: "memory");
}

/* The head of a spin-wait loop (a loop that waits for a value another
 * work-item writes: build/spinwait.go): in fiber mode, the fibers of the
 * other sub-groups run first, each until it waits (a sub-group none of
 * whose fibers can run is released where it can be, as gocl_wait does),
 * then the others of this sub-group; this fiber stays ready and runs again
 * when its turn comes. So a sub-group that waits for another lets it make
 * progress: independent forward progress. Outside fiber mode (one-item
 * groups) there is nobody to wait for. */
void gocl_spin_yield(void) {
	__asm__ volatile("" ::: "memory");
	gocl_fiber *f = gocl_fcur;
	if (f) gocl_run_next(f, 1); /* (f is ready: its own sub-group is never released) */
	__asm__ volatile("" ::: "memory");
}

/* The convergence point of the non-uniform sub-group functions
 * (collectives.cl), which need not be reached by all the work-items of a
 * sub-group: in fiber mode, the fiber waits until no other fiber of its
 * sub-group can run, and returns the lanes (bit l: sub-group local id l)
 * that reached this same call then: the active work-items. Each call of
 * a program has its own site number (stage_collectives.go). Outside fiber
 * mode every work-item of the sub-group is there (the work-group transform
 * takes a kernel only where its calls are in uniform code, and then erases
 * them; a loop runs one-item groups), and 0 says so. */
uint32_t gocl_sub_group_converge(uint32_t site) {
	__asm__ volatile("" ::: "memory");
	gocl_fiber *f = gocl_fcur;
	if (!f) return 0;
	f->key = site;
	gocl_wait(f, GOCL_AT_CONVERGE);
	__asm__ volatile("" ::: "memory");
	return (uint32_t)f->mask;
}

/* Reports a fiber stack overflow and stops the process: the kernel's
 * private memory does not fit in a fiber stack (GOCL_FIBER_STACK_KB). */
__attribute__((noinline, noreturn, cold)) static void gocl_fiber_overflow(void) {
	static const char msg[] = "gocl: a work-item overflowed its fiber stack (its private memory and calls "
		"need more than GOCL_FIBER_STACK_KB, default 128); aborting\n";
	write(2, msg, sizeof msg - 1);
	abort();
}

/* Runs work-groups [g0, g1) of L with one fiber per work-item, on W's
 * stacks. The fibers are made once and serve every group of the call. */
void __gocl_run_fibers(const gocl_launch *L, const gocl_worker *W, size_t g0, size_t g1) {
	gocl_fargs = L->args;
	gocl_flmem = W->lmem;
	gocl_worker_now = W;
	size_t most = L->lsize[0] * L->lsize[1] * L->lsize[2];
	for (size_t i = 0; i < most; i++) {
		gocl_fiber_init(W, gocl_fiber_at(W, i), i);
		if (!W->guarded) *gocl_canary_at(W, i) = GOCL_CANARY;
	}
	__gocl_group_first(L, g0);
	for (size_t g = g0; g < g1; g++) {
		size_t nx = gocl_wi.size[0], ny = gocl_wi.size[1], nz = gocl_wi.size[2];
		size_t count = 0;
		for (size_t z = 0; z < nz; z++)
			for (size_t y = 0; y < ny; y++)
				for (size_t x = 0; x < nx; x++) {
					gocl_fiber *f = gocl_fiber_at(W, count++);
					f->lid[0] = x, f->lid[1] = y, f->lid[2] = z;
					f->state = GOCL_READY;
				}
		/* Fiber 0 starts; each fiber hands over to the next at barriers and
		 * when it finishes; the last one to finish comes back here. */
		gocl_ffirst = gocl_fiber_at(W, 0);
		gocl_fcount = count;
		gocl_fparked = gocl_fdone = 0;
		gocl_fiber *f = gocl_ffirst;
		gocl_wi.lid[0] = f->lid[0];
		gocl_wi.lid[1] = f->lid[1];
		gocl_wi.lid[2] = f->lid[2];
		gocl_fcur = f;
		gocl_to_fiber(&gocl_sched_sp, f->sp);
		gocl_fcur = 0;
		/* Without guard pages, a canary tells an overflow, late but before
		 * anything else runs on the stacks. */
		if (!W->guarded)
			for (size_t i = 0; i < count; i++)
				if (*gocl_canary_at(W, i) != GOCL_CANARY) gocl_fiber_overflow();
		__gocl_group_next();
	}
}

/* ---- work-groups of region kernels (build/regions.go) ---- */

/* The number of work-items of the current group. */
uint64_t __gocl_wg_items(void) { return gocl_wi.size[0] * gocl_wi.size[1] * gocl_wi.size[2]; }

/* The per-work-item records of a region kernel: bytes of this thread's
 * context memory, kept and grown from call to call. Never inlined: the
 * work-group function's call is marked noalias (wgloops.go), which makes
 * the records an object of their own for alias analysis, and that holds
 * only while the call stays a call (inlined, the records were a load of
 * gocl_ctx, which might point anywhere: the tiled matrix product reloaded
 * its tile of B after every store of a row's sum). */
static __thread char *gocl_ctx;
static __thread size_t gocl_ctx_cap;
__attribute__((noinline)) void *__gocl_wg_ctx(uint64_t bytes) {
	if (bytes > gocl_ctx_cap) {
		free(gocl_ctx);
		gocl_ctx_cap = (bytes + 4095) & ~(size_t)4095;
		/* Page-aligned: a work-item's private variables are placed at
		 * multiples of their alignment from here (wgloops.go's layout), up
		 * to a page (ulong16 needs 128 bytes). */
		gocl_ctx = aligned_alloc(4096, gocl_ctx_cap);
		if (!gocl_ctx) {
			static const char msg[] = "gocl: out of memory for a work-group's private memory\n";
			write(2, msg, sizeof msg - 1);
			abort();
		}
		gocl_note_spaces();
	}
	return gocl_ctx;
}

/* Prefetches the cache lines from a to b (either may be the lower): the
 * memory a work-group function's loads will read in a later group
 * (build/group_prefetch.go). A span past 64 KiB is not a stream. */
void __gocl_prefetch_span(const char *a, const char *b) {
	uintptr_t lo = (uintptr_t)(a < b ? a : b) & ~(uintptr_t)63, hi = (uintptr_t)(a < b ? b : a);
	if (hi - lo > 65536) return;
	for (uintptr_t p = lo; p <= hi; p += 64) __builtin_prefetch((const void *)p);
}

/* Rows of a span: [a, b] and its copies at the stride next - a, rows in
 * all (group_prefetch.go), 64 KiB at most. Only short rows: the hardware
 * follows long ones, and asking for them again cost a float4 → uchar4
 * kernel in 128×8 groups 10% (8.3 → 9.2 ms). */
void __gocl_prefetch_rows(const char *a, const char *b, const char *next, uint64_t rows) {
	intptr_t stride = next - a, span = (b > a ? b - a : a - b) + 64;
	if (rows == 0 || rows > 256 || span > 512 || (uint64_t)span * rows > 65536) return;
	for (uint64_t r = 0; r < rows; r++) __gocl_prefetch_span(a + (intptr_t)r * stride, b + (intptr_t)r * stride);
}

/* The first work-item of the group, and the next one (x fastest). */
void __gocl_wi_first(void) { gocl_wi.lid[0] = gocl_wi.lid[1] = gocl_wi.lid[2] = 0; }
void __gocl_wi_next(void) {
	if (++gocl_wi.lid[0] == gocl_wi.size[0]) {
		gocl_wi.lid[0] = 0;
		if (++gocl_wi.lid[1] == gocl_wi.size[1]) {
			gocl_wi.lid[1] = 0;
			gocl_wi.lid[2]++;
		}
	}
}

/* ---- a generic pointer's named address space (to_global, to_local,
 * to_private: OpenCL C 2.0) ----
 * Every address space is the one host address space, so a generic
 * pointer's space is told by where it points. __local memory is the
 * launches' __local argument memory and the program's kernel-scope __local
 * variables (thread-local: one copy per worker thread; only the program
 * knows where they are, and it says so in __gocl_kernel_locals, which
 * stage_link.go's definePointerSpaces writes for a program that calls
 * these builtins). Private memory is the threads' stacks, the fibers'
 * stacks, the big stacks and the work-group context memory (variables
 * that live across work-item loops). Everything else is __global.
 *
 * A pointer may be stored by one work-item and read by another on another
 * thread (the CTS stores __local and private pointers in a __global
 * struct), so the places are kept for every thread that ran a kernel of
 * this program, not only the caller's: each thread publishes its own in a
 * record, at each entry into a kernel, before any work-item can make a
 * pointer. __local is tested first: glibc may place a loaded module's
 * thread-local block inside the thread's stack mapping. */
void __gocl_kernel_locals(char **lo, char **hi) __attribute__((weak));

enum { GOCL_STACK, GOCL_FIBERS, GOCL_BIG, GOCL_CTX, GOCL_LMEM, GOCL_LOCALS, GOCL_PLACES };
typedef struct {
	uintptr_t at[GOCL_PLACES][2]; /* [start, end) of each place */
} gocl_places;

#define GOCL_MAX_THREADS 4096
static gocl_places *gocl_all_places[GOCL_MAX_THREADS];
static uint32_t gocl_nplaces;
static __thread gocl_places *gocl_my_places;

static void gocl_set_place(gocl_places *s, int k, const void *start, uint64_t bytes) {
	uintptr_t a = start ? (uintptr_t)start : 0;
	__atomic_store_n(&s->at[k][0], a, __ATOMIC_RELAXED);
	__atomic_store_n(&s->at[k][1], a ? a + bytes : 0, __ATOMIC_RELEASE);
}

/* This thread's record, made and published on first use. */
static gocl_places *gocl_places_of_thread(void) {
	gocl_places *s = gocl_my_places;
	if (s) return s;
	s = calloc(1, sizeof *s); /* never freed: other threads may read it at any time */
	if (!s) return 0;
	pthread_attr_t attr;
	void *base;
	size_t size;
	if (pthread_getattr_np(pthread_self(), &attr) == 0) {
		if (pthread_attr_getstack(&attr, &base, &size) == 0) gocl_set_place(s, GOCL_STACK, base, size);
		pthread_attr_destroy(&attr);
	}
	char *lo = (char *)UINTPTR_MAX, *hi = 0;
	if (__gocl_kernel_locals) __gocl_kernel_locals(&lo, &hi);
	if (hi) gocl_set_place(s, GOCL_LOCALS, lo, (uint64_t)(hi - lo));
	gocl_my_places = s;
	uint32_t i = __atomic_fetch_add(&gocl_nplaces, 1, __ATOMIC_RELAXED);
	if (i < GOCL_MAX_THREADS) __atomic_store_n(&gocl_all_places[i], s, __ATOMIC_RELEASE);
	return s;
}

/* Publishes the places this thread's work-items use now (at each entry
 * into a kernel, and when the context memory moves). */
static void gocl_note_spaces(void) {
	if (!__gocl_kernel_locals) return; /* the program never asks */
	gocl_places *s = gocl_places_of_thread();
	if (!s) return;
	const gocl_worker *W = gocl_worker_now;
	if (W) {
		gocl_set_place(s, GOCL_LMEM, W->lmem, gocl_wi.L ? gocl_wi.L->local_bytes : 0);
		gocl_set_place(s, GOCL_FIBERS, W->stacks, W->nstacks * W->slot);
		gocl_set_place(s, GOCL_BIG, W->bstack, W->bsize);
	}
	gocl_set_place(s, GOCL_CTX, gocl_ctx, gocl_ctx_cap);
}

static int gocl_at(const gocl_places *s, int k, uintptr_t a) {
	uintptr_t end = __atomic_load_n(&s->at[k][1], __ATOMIC_ACQUIRE);
	return a >= __atomic_load_n(&s->at[k][0], __ATOMIC_RELAXED) && a < end;
}

/* Whether a is in one of places [k0, k1) of any thread (this one first). */
static int gocl_in_places(uintptr_t a, int k0, int k1) {
	const gocl_places *mine = gocl_places_of_thread();
	if (mine)
		for (int k = k0; k < k1; k++)
			if (gocl_at(mine, k, a)) return 1;
	uint32_t n = __atomic_load_n(&gocl_nplaces, __ATOMIC_ACQUIRE);
	if (n > GOCL_MAX_THREADS) n = GOCL_MAX_THREADS;
	for (uint32_t i = 0; i < n; i++) {
		const gocl_places *s = __atomic_load_n(&gocl_all_places[i], __ATOMIC_ACQUIRE);
		if (!s || s == mine) continue;
		for (int k = k0; k < k1; k++)
			if (gocl_at(s, k, a)) return 1;
	}
	return 0;
}

static int gocl_is_local(const void *p) { return gocl_in_places((uintptr_t)p, GOCL_LMEM, GOCL_PLACES); }
static int gocl_is_private(const void *p) { return gocl_in_places((uintptr_t)p, GOCL_STACK, GOCL_LMEM); }

void *__to_local(const void *p) { return p && gocl_is_local(p) ? (void *)p : 0; }
void *__to_private(const void *p) { return p && !gocl_is_local(p) && gocl_is_private(p) ? (void *)p : 0; }
void *__to_global(const void *p) { return p && !gocl_is_local(p) && !gocl_is_private(p) ? (void *)p : 0; }
