/* gocl's kernel runtime: the state of the running work-item, the work-item
 * functions, and work-group execution — a plain loop over work-items for
 * kernels without barriers, one fiber per work-item for kernels with them.
 * Compiled to bitcode (with the OpenCL C builtins) and linked into every
 * program, so each program is self-contained. x86-64 (the fiber switch). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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
	uint64_t fiber_stack;/* bytes of stack per work-item fiber */
} gocl_launch;

typedef struct gocl_wi {
	const gocl_launch *L;
	uint64_t grp[3];
	uint64_t lid[3];
	uint64_t gl_size[3]; /* this group's size (the last may be smaller) */
	/* fibers */
	void *sp;
	int done;
} gocl_wi;

static __thread gocl_wi gocl_main;     /* the thread's work-item in loop mode */
static __thread gocl_wi *gocl_cur;     /* the running work-item */
static __thread char *gocl_lmem;       /* __local argument memory of this thread */
static __thread size_t gocl_lmem_cap;

/* ---- work-item functions (OpenCL C names, mangled) ---- */
#define WI __attribute__((always_inline)) static inline

uint32_t get_work_dim(void) __asm__("_Z12get_work_dimv");
uint32_t get_work_dim(void) { return gocl_cur->L->dim; }

size_t get_global_size(uint32_t d) __asm__("_Z15get_global_sizej");
size_t get_global_size(uint32_t d) { return d < 3 ? gocl_cur->L->gsize[d] : 1; }

size_t get_global_id(uint32_t d) __asm__("_Z13get_global_idj");
size_t get_global_id(uint32_t d) {
	const gocl_wi *w = gocl_cur;
	return d < 3 ? w->grp[d] * w->L->lsize[d] + w->lid[d] + w->L->goff[d] : 0;
}

size_t get_local_size(uint32_t d) __asm__("_Z14get_local_sizej");
size_t get_local_size(uint32_t d) { return d < 3 ? gocl_cur->gl_size[d] : 1; }

size_t get_enqueued_local_size(uint32_t d) __asm__("_Z23get_enqueued_local_sizej");
size_t get_enqueued_local_size(uint32_t d) { return d < 3 ? gocl_cur->L->lsize[d] : 1; }

size_t get_local_id(uint32_t d) __asm__("_Z12get_local_idj");
size_t get_local_id(uint32_t d) { return d < 3 ? gocl_cur->lid[d] : 0; }

size_t get_num_groups(uint32_t d) __asm__("_Z14get_num_groupsj");
size_t get_num_groups(uint32_t d) { return d < 3 ? gocl_cur->L->ngroups[d] : 1; }

size_t get_group_id(uint32_t d) __asm__("_Z12get_group_idj");
size_t get_group_id(uint32_t d) { return d < 3 ? gocl_cur->grp[d] : 0; }

size_t get_global_offset(uint32_t d) __asm__("_Z17get_global_offsetj");
size_t get_global_offset(uint32_t d) { return d < 3 ? gocl_cur->L->goff[d] : 0; }

size_t get_global_linear_id(void) __asm__("_Z20get_global_linear_idv");
size_t get_global_linear_id(void) {
	const gocl_wi *w = gocl_cur;
	const gocl_launch *L = w->L;
	size_t id[3];
	for (int d = 0; d < 3; d++) id[d] = w->grp[d] * L->lsize[d] + w->lid[d];
	return (id[2] * L->gsize[1] + id[1]) * L->gsize[0] + id[0];
}

size_t get_local_linear_id(void) __asm__("_Z19get_local_linear_idv");
size_t get_local_linear_id(void) {
	const gocl_wi *w = gocl_cur;
	return (w->lid[2] * w->gl_size[1] + w->lid[1]) * w->gl_size[0] + w->lid[0];
}

/* ---- work-group execution, called by the generated per-kernel code ---- */

void **__gocl_args(const gocl_launch *L) { return L->args; }

/* __local argument memory for this thread's work-groups. */
char *__gocl_lmem(const gocl_launch *L) {
	if (L->local_bytes > gocl_lmem_cap) {
		free(gocl_lmem);
		gocl_lmem_cap = (L->local_bytes + 4095) & ~(size_t)4095;
		gocl_lmem = aligned_alloc(128, gocl_lmem_cap);
	}
	return gocl_lmem;
}

/* Sets up linear work-group g (x fastest) for loop mode; returns nothing,
 * the sizes are read with __gocl_group_size. */
void __gocl_group_begin(const gocl_launch *L, size_t g) {
	gocl_wi *w = &gocl_main;
	w->L = L;
	w->grp[0] = g % L->ngroups[0];
	w->grp[1] = (g / L->ngroups[0]) % L->ngroups[1];
	w->grp[2] = g / (L->ngroups[0] * L->ngroups[1]);
	for (int d = 0; d < 3; d++) {
		uint64_t start = w->grp[d] * L->lsize[d];
		uint64_t rest = L->gsize[d] - start;
		w->gl_size[d] = rest < L->lsize[d] ? rest : L->lsize[d];
		w->lid[d] = 0;
	}
	gocl_cur = w;
}

size_t __gocl_group_size(uint32_t d) { return gocl_main.gl_size[d]; }

void __gocl_set_lid(size_t x, size_t y, size_t z) {
	gocl_main.lid[0] = x;
	gocl_main.lid[1] = y;
	gocl_main.lid[2] = z;
}

/* ---- fibers ---- */

/* gocl_swap saves the callee-saved registers and the floating-point control
 * words on the current stack, stores the stack pointer in *save and resumes
 * the context whose stack pointer is to. */
__attribute__((naked, noinline)) static void gocl_swap(void **save, void *to) {
	__asm__ volatile(
		"pushq %rbp\n\t"
		"pushq %rbx\n\t"
		"pushq %r12\n\t"
		"pushq %r13\n\t"
		"pushq %r14\n\t"
		"pushq %r15\n\t"
		"subq $8, %rsp\n\t"
		"stmxcsr (%rsp)\n\t"
		"fnstcw 4(%rsp)\n\t"
		"movq %rsp, (%rdi)\n\t"
		"movq %rsi, %rsp\n\t"
		"ldmxcsr (%rsp)\n\t"
		"fldcw 4(%rsp)\n\t"
		"addq $8, %rsp\n\t"
		"popq %r15\n\t"
		"popq %r14\n\t"
		"popq %r13\n\t"
		"popq %r12\n\t"
		"popq %rbx\n\t"
		"popq %rbp\n\t"
		"ret\n\t");
}

static __thread void *gocl_sched_sp;   /* the scheduler's saved stack */
static __thread char *gocl_stacks;     /* fiber stacks of this thread */
static __thread size_t gocl_stacks_len;
static __thread gocl_wi *gocl_fibers;
static __thread size_t gocl_fibers_cap;
static __thread void **gocl_fiber_args;
static __thread char *gocl_fiber_lmem;

typedef void (*gocl_body)(void **, char *);

static void gocl_fiber_entry(void) {
	gocl_wi *w = gocl_cur;
	((gocl_body)w->L->body)(gocl_fiber_args, gocl_fiber_lmem);
	w->done = 1;
	gocl_swap(&w->sp, gocl_sched_sp);
	__builtin_unreachable();
}

/* A fresh fiber context at the top of stack [base, base+size). */
static void *gocl_fiber_init(char *base, size_t size) {
	uint64_t *top = (uint64_t *)(((uintptr_t)(base + size)) & ~(uintptr_t)15);
	top[-1] = 0;                               /* entry's (never used) return address */
	top[-2] = (uint64_t)(uintptr_t)gocl_fiber_entry;
	for (int i = 3; i <= 8; i++) top[-i] = 0; /* rbp rbx r12 r13 r14 r15 */
	uint32_t *fp = (uint32_t *)&top[-9];
	fp[0] = 0x1F80;                            /* MXCSR default */
	fp[1] = 0x037F;                            /* x87 control word default */
	return &top[-9];
}

/* barrier: in fiber mode, yield to the scheduler, which runs every other
 * work-item of the group up to this barrier before resuming this one. In
 * loop mode (kernels without barriers) there is nobody to wait for. */
void gocl_barrier(void) {
	gocl_wi *w = gocl_cur;
	if (w != &gocl_main) gocl_swap(&w->sp, gocl_sched_sp);
}

/* Runs work-groups [g0, g1) of L with one fiber per work-item. */
void __gocl_run_fibers(const gocl_launch *L, size_t g0, size_t g1) {
	size_t n = L->lsize[0] * L->lsize[1] * L->lsize[2];
	size_t stack = L->fiber_stack ? L->fiber_stack : (128u << 10);
	if (n * stack > gocl_stacks_len) {
		if (gocl_stacks) munmap(gocl_stacks, gocl_stacks_len);
		gocl_stacks_len = n * stack;
		gocl_stacks = mmap(NULL, gocl_stacks_len, PROT_READ | PROT_WRITE,
		                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (gocl_stacks == MAP_FAILED) { gocl_stacks = NULL; gocl_stacks_len = 0; return; }
	}
	if (n > gocl_fibers_cap) {
		free(gocl_fibers);
		gocl_fibers = calloc(n, sizeof(gocl_wi));
		gocl_fibers_cap = n;
	}
	gocl_fiber_args = L->args;
	gocl_fiber_lmem = __gocl_lmem(L);
	for (size_t g = g0; g < g1; g++) {
		__gocl_group_begin(L, g);
		const gocl_wi *grp = &gocl_main;
		size_t count = 0;
		for (size_t z = 0; z < grp->gl_size[2]; z++)
			for (size_t y = 0; y < grp->gl_size[1]; y++)
				for (size_t x = 0; x < grp->gl_size[0]; x++) {
					gocl_wi *w = &gocl_fibers[count];
					*w = *grp;
					w->lid[0] = x, w->lid[1] = y, w->lid[2] = z;
					w->done = 0;
					w->sp = gocl_fiber_init(gocl_stacks + count * stack, stack);
					count++;
				}
		size_t left = count;
		while (left > 0) {
			for (size_t i = 0; i < count; i++) {
				gocl_wi *w = &gocl_fibers[i];
				if (w->done) continue;
				gocl_cur = w;
				gocl_swap(&gocl_sched_sp, w->sp);
				if (w->done) left--;
			}
		}
		gocl_cur = &gocl_main;
	}
}
