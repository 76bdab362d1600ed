// Synchronization. Barriers yield to the other work-items of the group (rt.c
// runs kernels that can reach one on fibers). All work-items of a work-group
// run on one thread, so ordering memory for the work-group (or one
// work-item) needs only a compiler barrier; a fence with device scope or
// wider orders memory for the other threads as well.
void gocl_barrier(void);
void gocl_sub_group_barrier(void);

#define OVL __attribute__((overloadable))

// Scopes that only this thread observes.
static inline bool gocl_thread_scope(memory_scope scope) {
	return scope == memory_scope_work_item || scope == memory_scope_work_group
#ifdef __opencl_c_subgroups
		|| scope == memory_scope_sub_group
#endif
		;
}

static inline void gocl_fence(memory_scope scope) {
	if (gocl_thread_scope(scope))
		__c11_atomic_signal_fence(__ATOMIC_SEQ_CST);
	else
		__c11_atomic_thread_fence(__ATOMIC_SEQ_CST);
}

OVL void barrier(cl_mem_fence_flags flags) { gocl_barrier(); }
OVL void work_group_barrier(cl_mem_fence_flags flags) { gocl_barrier(); }
// A wait (of the group or the sub-group) between fences of scope.
#define GOCL_FENCED(flags, scope, wait) \
	do { \
		if (flags) \
			gocl_fence(scope); \
		wait(); \
		if (flags) \
			gocl_fence(scope); \
	} while (0)
OVL void work_group_barrier(cl_mem_fence_flags flags, memory_scope scope) { GOCL_FENCED(flags, scope, gocl_barrier); }

#ifdef __opencl_c_subgroups
// Waits for the other work-items of the sub-group only (rt.c); in uniform
// code the work-group transform treats it as a barrier (stage_collectives.go).
OVL void sub_group_barrier(cl_mem_fence_flags flags) { gocl_sub_group_barrier(); }
OVL void sub_group_barrier(cl_mem_fence_flags flags, memory_scope scope) { GOCL_FENCED(flags, scope, gocl_sub_group_barrier); }
#endif

// mem_fence and friends order a work-item's accesses as other work-items
// see them; with no scope given, other work-groups may be looking (global
// memory), so they are real fences.
OVL void mem_fence(cl_mem_fence_flags flags) { __c11_atomic_thread_fence(__ATOMIC_SEQ_CST); }
OVL void read_mem_fence(cl_mem_fence_flags flags) { __c11_atomic_thread_fence(__ATOMIC_ACQUIRE); }
OVL void write_mem_fence(cl_mem_fence_flags flags) { __c11_atomic_thread_fence(__ATOMIC_RELEASE); }

OVL void atomic_work_item_fence(cl_mem_fence_flags flags, memory_order order, memory_scope scope) {
	if (order != memory_order_relaxed && flags)
		gocl_fence(scope);
}
