package device

/*
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/futex.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

// The launch as the kernel runtime (build/lib/rt.c) reads it.
typedef struct {
	uint32_t dim;
	uint32_t pad;
	uint64_t gsize[3];
	uint64_t goff[3];
	uint64_t lsize[3];
	uint64_t ngroups[3];
	void **args;
	uint64_t local_bytes;
	void *body;
	uint64_t fiber_stack;
	void *check; // GOCL_CHECK: a gocl_check (device/check.go)
} gocl_launch;

// A thread's memory for running work-groups, as rt.c reads it: __local
// argument memory, and for fibers nstacks stack slots of slot bytes (a
// guard area of guard bytes at the bottom, no access if guarded, then the
// stack, then room for rt.c's cache colouring of stack tops) and as many
// 64-byte fiber records.
typedef struct {
	char *lmem;
	char *stacks;
	uint64_t slot;
	uint64_t nstacks;
	uint64_t guard;
	uint64_t guarded;
	char *fibers;
	char *bstack;   // a big stack for kernels with big frames, above a guard area
	uint64_t bsize; // its size (without the guard)
	// (rt.c reads the fields above; it mirrors them.)
} gocl_worker;

// Entry points of compiled kernels run work-groups [g0, g1).
typedef void (*gocl_range_fn)(const void *launch, gocl_worker *w, size_t g0, size_t g1);

// A job: one launch, handed out in chunks of work-groups.
typedef struct gocl_job {
	gocl_range_fn fn;
	const void *launch;
	uint64_t total;             // work-groups
	uint64_t chunk;             // work-groups per hand-out, at most
	uint64_t least;             // work-groups per hand-out, at least (the end of a launch)
	uint64_t share;             // a hand-out is at most the groups left / share
	uint64_t fibers;            // work-items per group when on fibers; 0: a loop
	uint64_t stack;             // fiber stack bytes
	uint64_t bigstack;          // not 0: loops run on a stack of this size (gocl_job_call)
	_Atomic uint64_t next;      // first group not handed out yet
	_Atomic uint64_t done;      // groups finished
	_Atomic int32_t active;     // workers inside the job
	_Atomic int32_t joined;     // workers that took part
	_Atomic uint32_t finished;  // futex word: 1 once done == total
	_Atomic int32_t waiting;    // the caller sleeps on finished
	_Atomic int32_t error;      // a thread could not get its fiber stacks
	struct gocl_job *link;
	_Atomic uint64_t *counts;   // tests: groups run by each worker (the last slot: callers)
	const char *what;           // the kernel's name, for a fault report (gocl_on_fault), or NULL
	uint64_t seq;               // the launch's number
	uintptr_t queue;            // its command queue's handle
	int64_t *spans;             // GOCL_TRACE: each worker's first start and last end (the last pair: callers), or NULL
	int32_t flush;              // flush the standard output at the end if the kernel's printf left some
	int32_t alone;              // the caller leaves the work-groups to the workers (a long launch)
} gocl_job;

// A pool: the pinned worker threads of one set of cores.
typedef struct {
	pthread_mutex_t mu;
	gocl_job *jobs;             // jobs not ended, oldest first (under mu)
	_Atomic int32_t njobs;
	_Atomic uint32_t gen;       // futex word: bumped when a job arrives
	_Atomic int32_t sleeping;   // workers asleep on gen
	_Atomic int32_t spinning;   // workers looking for work before they sleep
	int n;
	int64_t spin_ns;
	int caller_runs;            // callers may run work-groups themselves
	gocl_worker *workers;
	gocl_worker **spare;        // contexts for callers (under mu)
	int nspare, capspare;
	int *cpus;
} gocl_pool;

typedef struct { gocl_pool *p; int i; } gocl_start;

static uint64_t gocl_local_mem_size;
static const uint64_t gocl_guard_bytes = 64 << 10;
static const uint64_t gocl_color_bytes = 64 << 10; // GOCL_COLOR in rt.c
static const uint64_t gocl_record_bytes = 64;
static _Atomic int64_t gocl_guard_budget; // fiber stacks that may still get a guard

static int64_t gocl_now(void) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static void gocl_futex_wait(_Atomic uint32_t *w, uint32_t v) {
	syscall(SYS_futex, (uint32_t *)w, FUTEX_WAIT_PRIVATE, v, NULL, NULL, 0);
}

static void gocl_futex_wake(_Atomic uint32_t *w, int n) {
	syscall(SYS_futex, (uint32_t *)w, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

static inline void gocl_pause(void) { __builtin_ia32_pause(); }

// Spins for up to ns while *w == v, yielding the core between short bursts
// of pause; returns whether *w changed.
static int gocl_spin_u32(_Atomic uint32_t *w, uint32_t v, int64_t ns) {
	if (ns <= 0) return atomic_load(w) != v;
	int64_t until = gocl_now() + ns;
	for (int k = 1;; k++) {
		if (atomic_load(w) != v) return 1;
		gocl_pause();
		if ((k & 15) == 0) {
			if (gocl_now() >= until) return atomic_load(w) != v;
			sched_yield();
		}
	}
}

// A worker context. Its __local memory is reserved address space,
// committed only as far as kernels touch it.
static gocl_worker *gocl_worker_new(void) {
	gocl_worker *w = calloc(1, sizeof *w);
	if (!w) return NULL;
	void *m = mmap(NULL, gocl_local_mem_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED) { free(w); return NULL; }
	w->lmem = m;
	return w;
}

static uint64_t gocl_records_size(uint64_t n) { return (n * gocl_record_bytes + 4095) & ~(uint64_t)4095; }

static void gocl_worker_free_stacks(gocl_worker *w) {
	if (w->stacks) {
		munmap(w->fibers, gocl_records_size(w->nstacks) + w->slot * w->nstacks);
		if (w->guarded) atomic_fetch_add(&gocl_guard_budget, (int64_t)w->nstacks);
	}
	w->stacks = NULL, w->fibers = NULL, w->nstacks = 0, w->slot = 0, w->guard = 0, w->guarded = 0;
}

// Makes sure w has n fiber stacks of stack bytes; 0, or -1 if memory is
// short. The guard area under each stack is made inaccessible (an overflow
// faults instead of running into the neighbour) while the budget of memory
// mappings allows: each costs two. Unguarded, it is slack that rt.c's
// canary check watches.
static int gocl_worker_stacks(gocl_worker *w, uint64_t n, uint64_t stack) {
	uint64_t slot = gocl_guard_bytes + ((stack + 4095) & ~(uint64_t)4095) + gocl_color_bytes;
	if (w->slot >= slot && w->nstacks >= n) return 0;
	// Grow to the larger of what was there and what is needed, so that
	// kernels of different needs in turn do not remap every time.
	if (w->slot > slot) slot = w->slot;
	if (w->nstacks > n) n = w->nstacks;
	gocl_worker_free_stacks(w);
	if (n == 0 || n > (UINT64_MAX / 2) / slot) return -1;
	uint64_t records = gocl_records_size(n);
	char *f = mmap(NULL, records + slot * n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
	if (f == MAP_FAILED) return -1;
	char *m = f + records;
	w->fibers = f, w->stacks = m, w->nstacks = n, w->slot = slot, w->guard = gocl_guard_bytes;
	if (atomic_fetch_sub(&gocl_guard_budget, (int64_t)n) >= (int64_t)n) {
		w->guarded = 1;
		for (uint64_t i = 0; i < n; i++)
			mprotect(m + i * slot, gocl_guard_bytes, PROT_NONE);
	} else {
		atomic_fetch_add(&gocl_guard_budget, (int64_t)n);
	}
	return 0;
}

// A kernel whose work-item frame does not fit a thread's stack (8 MiB for
// workers, unknown for callers) runs its work-group loop on a stack of the
// worker context's own, big enough: a guard area below it (kernels are
// compiled with stack clash protection, so the frame cannot jump over it),
// reserved address space that is committed as far as the kernel touches it,
// and kept for the next such launch. 0, or -1 if it cannot be had.
static int gocl_worker_bigstack(gocl_worker *w, uint64_t size) {
	size = (size + 4095) & ~(uint64_t)4095;
	if (w->bsize >= size) return 0;
	if (w->bstack) munmap(w->bstack, gocl_guard_bytes + w->bsize);
	w->bstack = NULL, w->bsize = 0;
	char *m = mmap(NULL, gocl_guard_bytes + size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
	if (m == MAP_FAILED) return -1;
	mprotect(m, gocl_guard_bytes, PROT_NONE);
	w->bstack = m, w->bsize = size;
	return 0;
}

typedef struct {
	gocl_job *j;
	gocl_worker *w;
	size_t g0, g1;
	ucontext_t back;
} gocl_bigcall;

static __thread gocl_bigcall *gocl_bigcall_cur;

static void gocl_bigcall_run(void) {
	gocl_bigcall *c = gocl_bigcall_cur;
	c->j->fn(c->j->launch, c->w, c->g0, c->g1);
} // (returns to c->back)

// What each thread runs, for gocl_on_fault.
typedef struct {
	const gocl_job *j;
	size_t g0, g1;
} gocl_running_t;

static __thread gocl_running_t gocl_running;

// Fault report. A kernel that faults (an access out of bounds) kills the
// process: nothing can be recovered, but the user learns which launch it
// was. gocl_on_fault is installed for the synchronous signals in front of
// the handlers already there (the Go runtime's, the application's) when
// the first pool starts; on a thread that runs a kernel it writes one line
// to stderr, then hands the signal on to the previous handler as if it had
// been called by the kernel (the default action kills the process). On
// other threads it only hands it on. An application that installs a
// handler later replaces it, as it expects.
static struct sigaction gocl_prev_sa[NSIG];
static const int gocl_fault_sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};

static char *gocl_put(char *p, char *end, const char *s) {
	while (*s && p < end) *p++ = *s++;
	return p;
}

static char *gocl_put_u(char *p, char *end, uint64_t v, int base) {
	char tmp[24];
	int n = 0;
	do tmp[n++] = "0123456789abcdef"[v % base]; while ((v /= base) && n < 24);
	while (n > 0 && p < end) *p++ = tmp[--n];
	return p;
}

static void gocl_on_fault(int sig, siginfo_t *si, void *uc) {
	gocl_running_t r = gocl_running;
	if (r.j && r.j->what) {
		gocl_running.j = NULL; // (once)
		char buf[1024], *p = buf, *end = buf + sizeof buf - 1;
		p = gocl_put(p, end, "gocl: ");
		p = gocl_put(p, end, sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" : sig == SIGFPE ? "SIGFPE" : "SIGILL");
		if (sig == SIGSEGV || sig == SIGBUS) {
			p = gocl_put(p, end, " (invalid access to address 0x");
			p = gocl_put_u(p, end, (uint64_t)(uintptr_t)si->si_addr, 16);
			p = gocl_put(p, end, ")");
		}
		const gocl_launch *L = r.j->launch;
		p = gocl_put(p, end, " in kernel ");
		p = gocl_put(p, end, r.j->what);
		p = gocl_put(p, end, " (launch #");
		p = gocl_put_u(p, end, r.j->seq, 10);
		p = gocl_put(p, end, " of this process, on command queue 0x");
		p = gocl_put_u(p, end, r.j->queue, 16);
		p = gocl_put(p, end, ", global size ");
		for (int d = 0; d < 3; d++) {
			if (d) p = gocl_put(p, end, "x");
			p = gocl_put_u(p, end, L->gsize[d], 10);
		}
		p = gocl_put(p, end, ", local size ");
		for (int d = 0; d < 3; d++) {
			if (d) p = gocl_put(p, end, "x");
			p = gocl_put_u(p, end, L->lsize[d], 10);
		}
		p = gocl_put(p, end, "), work-groups ");
		p = gocl_put_u(p, end, r.g0, 10);
		p = gocl_put(p, end, "..");
		p = gocl_put_u(p, end, r.g1 - 1, 10);
		p = gocl_put(p, end, " (linear); the process ends\n");
		ssize_t unused = write(2, buf, p - buf);
		(void)unused;
	}
	struct sigaction *prev = &gocl_prev_sa[sig];
	if (prev->sa_flags & SA_SIGINFO) {
		if (prev->sa_sigaction) prev->sa_sigaction(sig, si, uc);
		return;
	}
	if (prev->sa_handler == SIG_DFL || prev->sa_handler == SIG_IGN) {
		// The default action: return, fault again, die of the signal.
		struct sigaction dfl;
		memset(&dfl, 0, sizeof dfl);
		dfl.sa_handler = SIG_DFL;
		sigaction(sig, &dfl, NULL);
		return;
	}
	prev->sa_handler(sig);
}

static void gocl_install_fault_report(void) {
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	static int done;
	pthread_mutex_lock(&mu);
	if (!done) {
		done = 1;
		for (size_t i = 0; i < sizeof gocl_fault_sigs / sizeof gocl_fault_sigs[0]; i++) {
			int sig = gocl_fault_sigs[i];
			struct sigaction sa;
			memset(&sa, 0, sizeof sa);
			sa.sa_sigaction = gocl_on_fault;
			sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
			sigemptyset(&sa.sa_mask);
			if (sigaction(sig, NULL, &gocl_prev_sa[sig]) == 0)
				sigaction(sig, &sa, NULL);
		}
	}
	pthread_mutex_unlock(&mu);
}

// Runs groups g0..g1 of j on w: on the thread's stack, or on w's big stack
// (one context switch per chunk).
static void gocl_job_call(gocl_job *j, gocl_worker *w, size_t g0, size_t g1) {
	gocl_running_t saved = gocl_running;
	gocl_running = (gocl_running_t){j, g0, g1};
	if (!j->bigstack) {
		j->fn(j->launch, w, g0, g1);
		gocl_running = saved;
		return;
	}
	gocl_bigcall c = {j, w, g0, g1};
	ucontext_t ctx;
	getcontext(&ctx);
	ctx.uc_stack.ss_sp = w->bstack + gocl_guard_bytes;
	ctx.uc_stack.ss_size = w->bsize;
	ctx.uc_link = &c.back;
	makecontext(&ctx, gocl_bigcall_run, 0);
	gocl_bigcall_cur = &c;
	swapcontext(&c.back, &ctx);
	gocl_running = saved;
}

// Prepares w's stacks for j: fiber stacks, or the big stack; 0, or -1.
static int gocl_job_stacks(gocl_job *j, gocl_worker *w) {
	if (j->fibers) return gocl_worker_stacks(w, j->fibers, j->stack);
	if (j->bigstack) return gocl_worker_bigstack(w, j->bigstack);
	return 0;
}

// Counts groups g0..g1 as done; the last of the job ends it.
static void gocl_job_done(gocl_job *j, uint64_t n) {
	if (atomic_fetch_add(&j->done, n) + n == j->total) {
		atomic_store(&j->finished, 1);
		if (atomic_load(&j->waiting)) gocl_futex_wake(&j->finished, 1);
	}
}

// Takes the next groups of j, at most most of them: [*g0, *g1), or 0 if
// none is left. Hand-outs shrink towards the end of a launch (guided
// scheduling): the groups left divided by share, down to least, so that
// the threads end together instead of one running a whole chunk while
// the others wait.
static int gocl_grab(gocl_job *j, uint64_t most, uint64_t *g0, uint64_t *g1) {
	uint64_t next = atomic_load(&j->next);
	for (;;) {
		if (next >= j->total) return 0;
		uint64_t left = j->total - next;
		uint64_t n = left / j->share;
		if (n > most) n = most;
		if (n < j->least) n = j->least;
		if (n > left) n = left;
		if (atomic_compare_exchange_weak(&j->next, &next, next + n)) {
			*g0 = next, *g1 = next + n;
			return 1;
		}
	}
}

// Counts groups g0..g1 of j, run by who (which began at t0), as done.
static void gocl_job_ran(gocl_job *j, int who, uint64_t g0, uint64_t g1, int64_t t0) {
	if (j->counts) atomic_fetch_add(&j->counts[who], g1 - g0);
	// Before the groups count as done: the caller reads spans once all are.
	if (j->spans) {
		if (!j->spans[2 * who]) j->spans[2 * who] = t0;
		j->spans[2 * who + 1] = gocl_now();
	}
	gocl_job_done(j, g1 - g0);
}

// Runs chunks of j on w until none is left; who is the counts slot.
static void gocl_job_work(gocl_job *j, gocl_worker *w, int who) {
	int skip = 0;
	int64_t t0 = j->spans ? gocl_now() : 0;
	if (gocl_job_stacks(j, w) != 0) {
		atomic_store(&j->error, 1);
		skip = 1; // the groups still count as done, or nobody would wait for the end
	}
	for (;;) {
		uint64_t g0, g1;
		if (!gocl_grab(j, j->chunk, &g0, &g1)) break;
		if (!skip) gocl_job_call(j, w, g0, g1);
		gocl_job_ran(j, who, g0, g1, t0);
	}
}

// The first job with work-groups left, entered (active) under the lock.
static gocl_job *gocl_take(gocl_pool *p) {
	if (atomic_load(&p->njobs) == 0) return NULL;
	gocl_job *found = NULL;
	pthread_mutex_lock(&p->mu);
	for (gocl_job *j = p->jobs; j; j = j->link)
		if (atomic_load(&j->next) < j->total) {
			atomic_fetch_add(&j->active, 1);
			atomic_fetch_add(&j->joined, 1);
			found = j;
			break;
		}
	pthread_mutex_unlock(&p->mu);
	return found;
}

static void *gocl_worker_main(void *arg) {
	gocl_start s = *(gocl_start *)arg;
	free(arg);
	gocl_pool *p = s.p;
	gocl_worker *w = &p->workers[s.i];
	// A stack for signal handlers (the fault report), for a kernel that
	// overflows its own.
	stack_t alt = {.ss_sp = malloc(64 << 10), .ss_size = 64 << 10};
	if (alt.ss_sp) sigaltstack(&alt, NULL);
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(p->cpus[s.i], &set);
	pthread_setaffinity_np(pthread_self(), sizeof set, &set);
	for (;;) {
		uint32_t g = atomic_load(&p->gen);
		gocl_job *j = gocl_take(p);
		if (j) {
			gocl_job_work(j, w, s.i);
			atomic_fetch_sub(&j->active, 1);
			continue;
		}
		// Nothing to do: look for work a little longer (a launch that comes
		// soon finds this worker awake), then sleep until a job arrives.
		// While looking, the worker yields its core to any other thread
		// that wants it: it only uses time nobody else would.
		atomic_fetch_add(&p->spinning, 1);
		gocl_spin_u32(&p->gen, g, p->spin_ns);
		atomic_fetch_sub(&p->spinning, 1);
		if (atomic_load(&p->gen) != g) continue;
		atomic_fetch_add(&p->sleeping, 1);
		if (atomic_load(&p->gen) == g) gocl_futex_wait(&p->gen, g);
		atomic_fetch_sub(&p->sleeping, 1);
	}
	return NULL;
}

// gocl_pool_new starts a worker pinned to each of cpus[0..n). Workers block
// the asynchronous signals (those are for the application's threads and
// the Go runtime's) and have an 8 MiB stack, where a kernel without
// barriers keeps its private memory.
static gocl_pool *gocl_pool_new(int n, const int *cpus, int64_t spin_ns, int caller_runs, uint64_t local_mem) {
	gocl_local_mem_size = local_mem;
	gocl_install_fault_report();
	gocl_pool *p = calloc(1, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	p->spin_ns = spin_ns;
	p->caller_runs = caller_runs;
	p->cpus = malloc(n * sizeof(int));
	memcpy(p->cpus, cpus, n * sizeof(int));
	p->workers = calloc(n, sizeof(gocl_worker));
	for (int i = 0; i < n; i++) {
		gocl_worker *w = gocl_worker_new();
		if (!w) break;
		p->workers[i] = *w;
		free(w);
	}
	sigset_t all, old;
	sigfillset(&all);
	int sync[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT, SIGSYS};
	for (size_t i = 0; i < sizeof sync / sizeof sync[0]; i++) sigdelset(&all, sync[i]);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 8 << 20);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (int i = 0; i < n && p->workers[i].lmem; i++) {
		gocl_start *s = malloc(sizeof *s);
		s->p = p, s->i = i;
		pthread_t t;
		if (pthread_create(&t, &attr, gocl_worker_main, s) != 0) { free(s); break; }
		p->n = i + 1;
	}
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return p;
}

static int gocl_pool_size(gocl_pool *p) { return p->n; }

static gocl_worker *gocl_spare_get(gocl_pool *p) {
	gocl_worker *w = NULL;
	pthread_mutex_lock(&p->mu);
	if (p->nspare > 0) w = p->spare[--p->nspare];
	pthread_mutex_unlock(&p->mu);
	return w ? w : gocl_worker_new();
}

static void gocl_spare_put(gocl_pool *p, gocl_worker *w) {
	pthread_mutex_lock(&p->mu);
	if (p->nspare == p->capspare) {
		int cap = p->capspare ? 2 * p->capspare : 4;
		gocl_worker **s = realloc(p->spare, cap * sizeof *s);
		if (s) p->spare = s, p->capspare = cap;
	}
	if (p->nspare < p->capspare) p->spare[p->nspare++] = w, w = NULL;
	pthread_mutex_unlock(&p->mu);
	if (w) {
		gocl_worker_free_stacks(w);
		if (w->bstack) munmap(w->bstack, gocl_guard_bytes + w->bsize);
		munmap(w->lmem, gocl_local_mem_size);
		free(w);
	}
}

static int gocl_pool_run_job(gocl_pool *p, gocl_job *j);

// gocl_pool_run runs job j (gocl_pool_run_job) and then, if the job asks,
// makes what the kernel's printf wrote visible: here, inside the one call
// from Go a launch makes, and only when stdout holds something.
static int gocl_pool_run(gocl_pool *p, gocl_job *j) {
	int status = gocl_pool_run_job(p, j);
	if (j->flush && __fpending(stdout)) fflush(stdout);
	return status;
}

// gocl_pool_run_job runs job j and returns when it has ended: 0, or -1 if
// a thread could not get the fiber stacks it needed. A one-chunk job runs
// on the calling thread (nothing to share, no thread to wake). Otherwise
// the workers get it and, while those that slept wake up, the caller runs
// chunks itself, unless the launch is known to be long (j->alone); then it
// waits.
static int gocl_pool_run_job(gocl_pool *p, gocl_job *j) {
	int n = p->n;
	if (n == 0 || (p->caller_runs && j->chunk >= j->total)) {
		gocl_worker *w = gocl_spare_get(p);
		if (!w) return -1;
		gocl_job_work(j, w, n);
		gocl_spare_put(p, w);
		return atomic_load(&j->error) ? -1 : 0;
	}
	pthread_mutex_lock(&p->mu);
	gocl_job **tail = &p->jobs;
	while (*tail) tail = &(*tail)->link;
	j->link = NULL;
	*tail = j;
	atomic_fetch_add(&p->njobs, 1);
	pthread_mutex_unlock(&p->mu);
	atomic_fetch_add(&p->gen, 1);
	uint64_t chunks = (j->total + j->chunk - 1) / j->chunk;
	int want = chunks < (uint64_t)n ? (int)chunks : n;
	int awake = atomic_load(&p->spinning);
	if (atomic_load(&p->sleeping) > 0) gocl_futex_wake(&p->gen, want);
	if (p->caller_runs && !j->alone && awake < want) {
		// The caller takes the smallest hand-outs and steps aside for a
		// woken worker every 50 µs: with a worker pinned to every core, the
		// worker that wakes on the caller's core waits for it, and a caller
		// that held a big chunk once all workers ran would share a core
		// with one of them, ending the launch late.
		gocl_worker *w = NULL;
		int64_t turn = gocl_now() + 50000;
		while (atomic_load(&j->joined) < want) {
			int64_t t0 = gocl_now();
			if (t0 >= turn) {
				sched_yield();
				turn = t0 + 50000;
				continue;
			}
			if (!w && !(w = gocl_spare_get(p))) break;
			if (gocl_job_stacks(j, w) != 0) break;
			uint64_t g0, g1;
			if (!gocl_grab(j, j->least, &g0, &g1)) break;
			gocl_job_call(j, w, g0, g1);
			gocl_job_ran(j, n, g0, g1, t0);
		}
		if (w) gocl_spare_put(p, w);
	}
	// Wait: spin a little (short launches end soon), then sleep.
	if (!gocl_spin_u32(&j->finished, 0, 20000)) {
		atomic_store(&j->waiting, 1);
		while (!atomic_load(&j->finished)) gocl_futex_wait(&j->finished, 0);
	}
	pthread_mutex_lock(&p->mu);
	for (gocl_job **l = &p->jobs; *l; l = &(*l)->link)
		if (*l == j) { *l = j->link; break; }
	atomic_fetch_sub(&p->njobs, 1);
	pthread_mutex_unlock(&p->mu);
	while (atomic_load(&j->active) > 0) sched_yield();
	return atomic_load(&j->error) ? -1 : 0;
}

static void gocl_set_guard_budget(int64_t n) { atomic_store(&gocl_guard_budget, n); }

// For the tests: a range function that records the CPU each work-group ran
// on, after a little work (so that a launch lasts long enough to share).
static void gocl_test_range(const void *launch, gocl_worker *w, size_t g0, size_t g1) {
	int32_t *out = (int32_t *)launch;
	for (size_t g = g0; g < g1; g++) {
		volatile uint64_t x = 0;
		for (int i = 0; i < 20000; i++) x += i;
		out[g] = sched_getcpu();
	}
}
static uintptr_t gocl_test_range_addr(void) { return (uintptr_t)gocl_test_range; }

// For the tests: the sizes of the hand-outs one thread takes of a job of
// total groups, in order, into out (at most cap); how many there were.
static size_t gocl_test_grabs(uint64_t total, uint64_t chunk, uint64_t least, uint64_t share, uint64_t *out, size_t cap) {
	gocl_job j = {.total = total, .chunk = chunk, .least = least, .share = share};
	size_t n = 0;
	uint64_t g0, g1;
	while (n < cap && gocl_grab(&j, chunk, &g0, &g1)) out[n++] = g1 - g0;
	return n;
}
*/
import "C"

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"gocl/device/trace"
	"gocl/icd"
)

// NDRange is one kernel launch, ready to run.
type NDRange struct {
	Dim        uint32
	Global     [3]uint64 // 1 in unused dimensions
	Offset     [3]uint64
	Local      [3]uint64      // 1 in unused dimensions
	Args       unsafe.Pointer // C memory: void *args[n] and the values they point to
	LocalBytes uint64         // __local argument memory per work-group
	Entry      uintptr        // __gocl_loop_K or __gocl_fibers_K
	Body       uintptr        // __gocl_body_K (fibers)
	Fibers     bool           // Entry runs the work-items on fibers
	Private    uint64         // the stack frame of a work-item (CL_KERNEL_PRIVATE_MEM_SIZE)
	What       string         // the kernel's name, for the report if it faults (with Seq and Queue)
	Check      *LaunchCheck   // GOCL_CHECK: the kernel checks its accesses (device/check.go)
	Seq        uint64         // the launch's number in the process
	Queue      uintptr        // the command queue's handle
	Ran        func(ns int64) // if not nil, told how long the work-groups ran
	Brevity    *Brevity       // if not nil, learns from the run (brevity.go)

	workers []trace.Worker // GOCL_TRACE: the threads that ran it (Run)
}

// Groups is the number of work-groups per dimension (the last one in a
// dimension may be partial: non-uniform work-groups).
func (r *NDRange) Groups() [3]uint64 {
	var g [3]uint64
	for d := 0; d < 3; d++ {
		g[d] = (r.Global[d] + r.Local[d] - 1) / r.Local[d]
	}
	return g
}

// UniformGroups reports whether every work-group has the local size (no
// partial group at the end of a dimension).
func (r *NDRange) UniformGroups() bool {
	return r.Global[0]%r.Local[0] == 0 && r.Global[1]%r.Local[1] == 0 && r.Global[2]%r.Local[2] == 0
}

// SmallIDs reports whether every global id of the launch is below 2^31:
// then an id truncated to a 32-bit int never wraps within a work-group's
// row, which code compiled for a launch shape assumes (build/specialize.go).
func (r *NDRange) SmallIDs() bool {
	for d := 0; d < 3; d++ {
		if r.Offset[d] > 1<<31 || r.Global[d] > 1<<31-r.Offset[d] {
			return false
		}
	}
	return true
}

// Empty reports whether the launch has no work-item: a global size of 0,
// which OpenCL 2.1 and later allow (the command does nothing).
func (r *NDRange) Empty() bool { return r.Global[0] == 0 || r.Global[1] == 0 || r.Global[2] == 0 }

// Run executes the launch on the device's cores and returns when every
// work-group has run: CL_COMPLETE, or CL_OUT_OF_RESOURCES if the memory for
// the work-items' fiber stacks could not be had.
func (d *Device) Run(r *NDRange) int32 {
	if r.Empty() {
		return icd.CL_COMPLETE
	}
	groups := r.Groups()
	L := (*C.gocl_launch)(cZeroed(C.sizeof_gocl_launch))
	if L == nil {
		return icd.Fail(icd.CL_OUT_OF_HOST_MEMORY, "no memory for a launch record")
	}
	defer CFree(unsafe.Pointer(L), C.sizeof_gocl_launch)
	L.dim = C.uint32_t(r.Dim)
	for i := 0; i < 3; i++ {
		L.gsize[i] = C.uint64_t(r.Global[i])
		L.goff[i] = C.uint64_t(r.Offset[i])
		L.lsize[i] = C.uint64_t(r.Local[i])
		L.ngroups[i] = C.uint64_t(groups[i])
	}
	L.args = (*unsafe.Pointer)(r.Args)
	L.local_bytes = C.uint64_t(r.LocalBytes)
	L.body = addrToPointer(r.Body)
	if r.Check != nil {
		rec := r.Check.newCheckRecord()
		defer C.free(rec)
		L.check = rec
	}
	var fibers, stack, bigstack uint64
	if r.Fibers {
		fibers = r.Local[0] * r.Local[1] * r.Local[2]
		stack = r.FiberStack()
		L.fiber_stack = C.uint64_t(stack)
	} else if r.Private > BigFrame {
		bigstack = r.Private + fiberHeadroom
	}
	start := time.Now()
	if !d.pool().run(r.Entry, unsafe.Pointer(L), groups[0]*groups[1]*groups[2], fibers, stack, bigstack, cName(r.What), r, nil, trace.On()) {
		if bigstack != 0 {
			return icd.Fail(icd.CL_OUT_OF_RESOURCES, "no memory for the %d MiB stacks of a kernel's %d-byte work-item frame", bigstack>>20, r.Private)
		}
		return icd.Fail(icd.CL_OUT_OF_RESOURCES, "no memory for the fiber stacks of %d work-items (%d KiB each)", fibers, stack>>10)
	}
	if r.Ran != nil || r.Brevity != nil {
		ns := int64(time.Since(start))
		if r.Ran != nil {
			r.Ran(ns)
		}
		if r.Brevity != nil {
			r.Brevity.record(r, ns)
		}
	}
	if r.Check != nil {
		return r.Check.verdict(r, L.check)
	}
	return icd.CL_COMPLETE
}

// BigFrame is the largest work-item frame run on a thread's own stack
// (workers have 8 MiB, threads of the application that run work-groups
// themselves may have less): a kernel with a larger one runs on a stack
// of its size (gocl_job_call).
const BigFrame = 256 << 10

// MaxPrivateMem is the largest work-item frame (CL_KERNEL_PRIVATE_MEM_SIZE)
// a launch may have: each thread that runs the kernel commits as much of
// it as the kernel touches, so a quarter of the device's memory shared by
// the threads; a larger one is CL_OUT_OF_RESOURCES at enqueue.
func (d *Device) MaxPrivateMem() uint64 {
	return d.GlobalMemSize() / 4 / uint64(len(d.Host.Cores)+1)
}

// FiberStack is the stack each work-item of the launch gets on a fiber:
// FiberStack, or the kernel's own frame and fiberHeadroom for what it
// calls if that is more.
func (r *NDRange) FiberStack() uint64 {
	return max(FiberStack, (r.Private+fiberHeadroom+4095)&^4095)
}

// fiberHeadroom is the stack a fiber keeps, beyond its kernel's frame, for
// the functions the kernel calls (builtins, functions not inlined).
const fiberHeadroom = 64 << 10

// cNow is the workers' clock, CLOCK_MONOTONIC in ns.
func cNow() int64 { return int64(C.gocl_now()) }

func addrToPointer(addr uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&addr)) }

// FiberStack is the least stack of each work-item of a kernel that can
// reach a barrier (such kernels run a fiber per work-item): the work-item's
// private memory and calls must fit in it. $GOCL_FIBER_STACK_KB sets it;
// the default, 128 KiB, holds tens of KiB of private arrays (hashcat's
// kernels use a few). A kernel whose own frame is bigger gets that and
// fiberHeadroom (NDRange.FiberStack); what functions that were not inlined
// put on top is not known in advance. Below each stack lies a 64 KiB guard
// area, inaccessible while the budget of memory mappings allows (an
// overflow then faults at once); otherwise a canary at the stack's end
// stops the process with a message.
var FiberStack = func() uint64 {
	if v, err := strconv.ParseUint(os.Getenv("GOCL_FIBER_STACK_KB"), 10, 32); err == nil && v >= 16 {
		return v << 10
	}
	return 128 << 10
}()

// SpinMicroseconds is how long an idle worker keeps looking for work before
// it sleeps ($GOCL_SPIN_US, default 50): a launch that comes within that
// time starts in well under a microsecond instead of waiting for threads to
// wake.
var SpinMicroseconds = func() int64 {
	if v, err := strconv.ParseInt(os.Getenv("GOCL_SPIN_US"), 10, 32); err == nil && v >= 0 {
		return v
	}
	return 50
}()

// pool is the worker threads of one set of cores: C threads, one pinned to
// each core, that never enter Go. Devices with the same cores (a device and
// a sub-device of all its cores, sub-devices made again and again) share one.
type pool struct {
	c *C.gocl_pool
	n int
}

var (
	poolsMu  sync.Mutex
	pools    = map[string]*pool{} // by cores
	rootPool atomic.Pointer[pool]
)

func (d *Device) pool() *pool {
	if d.Parent != nil {
		return poolFor(d)
	}
	if p := rootPool.Load(); p != nil {
		return p
	}
	p := poolFor(d)
	rootPool.Store(p)
	return p
}

// poolFor finds or starts the pool of d's cores.
func poolFor(d *Device) *pool {
	key := fmt.Sprint(d.Cores)
	poolsMu.Lock()
	defer poolsMu.Unlock()
	if p, ok := pools[key]; ok {
		return p
	}
	if len(pools) == 0 {
		C.gocl_set_guard_budget(C.int64_t(guardBudget()))
	}
	cpus := make([]C.int, len(d.Cores))
	for i, c := range d.Cores {
		cpus[i] = C.int(c)
	}
	// Callers run work-groups themselves only for the root device, whose
	// cores are all the process's: a sub-device's work stays on its cores.
	callerRuns := 0
	if d.Parent == nil {
		callerRuns = 1
	}
	c := C.gocl_pool_new(C.int(len(cpus)), &cpus[0], C.int64_t(SpinMicroseconds*1000), C.int(callerRuns), C.uint64_t(LocalMemSize))
	p := &pool{c: c, n: int(C.gocl_pool_size(c))}
	pools[key] = p
	return p
}

// guardBudget is how many fiber stacks get a guard area: each costs two
// memory mappings, of the vm.max_map_count (65530 by default) the process
// may have; the guards may use a quarter.
func guardBudget() int64 {
	limit := int64(65530)
	if b, err := os.ReadFile("/proc/sys/vm/max_map_count"); err == nil {
		if v, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && v > 0 {
			limit = v
		}
	}
	return limit / 8
}

// handOuts sizes the chunks of work-groups that threads take of a launch
// of total groups on n workers (gocl_grab). Several chunks per worker
// balance uneven work-groups; not so many that handing them out costs more
// than running them. Towards the end a hand-out is the groups left divided
// by share, down to an eighth of a chunk, so that the threads finish
// within a small hand-out of each other (with chunks of an eighth of a
// worker's share, the last chunk alone made a hashcat launch of 2,048
// groups end 1–2 ms after its other thread, out of 16 ms).
func handOuts(total uint64, n int) (chunk, least, share uint64) {
	threads := uint64(max(n, 1))
	return max(1, total/(threads*8)), max(1, total/(threads*64)), 2 * (threads + 1)
}

// testGrabs is the sizes of the hand-outs one thread takes of a launch of
// total groups on n workers, in order (for the tests).
func testGrabs(total uint64, n int) []uint64 {
	chunk, least, share := handOuts(total, n)
	out := make([]uint64, total)
	got := C.gocl_test_grabs(C.uint64_t(total), C.uint64_t(chunk), C.uint64_t(least), C.uint64_t(share), (*C.uint64_t)(unsafe.Pointer(&out[0])), C.size_t(total))
	return out[:got]
}

// run hands total work-groups to the workers in chunks and waits for them;
// false if fiber stacks (or big stacks) were short. counts, if not nil, receives the groups
// each worker ran (n+1 entries: the last for callers).
//
// spans (GOCL_TRACE) records in r.workers which threads ran work-groups, and when.
func (p *pool) run(fn uintptr, launch unsafe.Pointer, total, fibers, stack, bigstack uint64, what *C.char, r *NDRange, counts []uint64, spans bool) bool {
	j := (*C.gocl_job)(cZeroed(C.sizeof_gocl_job))
	if j == nil {
		return false
	}
	defer CFree(unsafe.Pointer(j), C.sizeof_gocl_job)
	j.flush = 1 // kernels' printf (build/lib/printf.c)
	j.fn = C.gocl_range_fn(addrToPointer(fn))
	j.launch = launch
	j.total = C.uint64_t(total)
	chunk, least, share := handOuts(total, p.n)
	j.chunk, j.least, j.share = C.uint64_t(chunk), C.uint64_t(least), C.uint64_t(share)
	j.fibers = C.uint64_t(fibers)
	j.stack = C.uint64_t(stack)
	j.bigstack = C.uint64_t(bigstack)
	j.what = what
	if r != nil {
		j.seq, j.queue = C.uint64_t(r.Seq), C.uintptr_t(r.Queue)
		if r.Brevity.Long(r) {
			j.alone = 1
		}
	}
	if counts != nil {
		j.counts = (*C.uint64_t)(C.calloc(C.size_t(p.n+1), 8))
		defer C.free(unsafe.Pointer(j.counts))
	}
	if spans {
		j.spans = (*C.int64_t)(C.calloc(C.size_t(2*(p.n+1)), 8))
		defer C.free(unsafe.Pointer(j.spans))
	}
	ok := C.gocl_pool_run(p.c, j) == 0
	if spans && r != nil {
		r.workers = r.workers[:0]
		off := traceClock()
		sp := unsafe.Slice((*int64)(unsafe.Pointer(j.spans)), 2*(p.n+1))
		for who := 0; who <= p.n; who++ {
			if sp[2*who+1] == 0 {
				continue // ran no work-group
			}
			index := who
			if who == p.n {
				index = -1 // the callers' slot
			}
			r.workers = append(r.workers, trace.Worker{Index: index, Start: uint64(sp[2*who] - off), End: uint64(sp[2*who+1] - off)})
		}
	}
	if counts != nil {
		copy(counts, unsafe.Slice((*uint64)(unsafe.Pointer(j.counts)), p.n+1))
	}
	return ok
}

// testRun runs a job of total work-groups whose range function records the
// CPU each group ran on (for the tests): the CPUs, and the groups each
// worker ran (the last entry: callers).
func (d *Device) testRun(total uint64) (cpus []int32, counts []uint64) {
	p := d.pool()
	out := unsafe.Slice((*int32)(C.calloc(C.size_t(total), 4)), total)
	defer C.free(unsafe.Pointer(&out[0]))
	for i := range out {
		out[i] = -1
	}
	counts = make([]uint64, p.n+1)
	p.run(uintptr(C.gocl_test_range_addr()), unsafe.Pointer(&out[0]), total, 0, 0, 0, nil, nil, counts, false)
	return append([]int32(nil), out...), counts
}
