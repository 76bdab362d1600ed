// Synchronization: barriers yield to the other work-items of the group
// (rt.c runs kernels that reach them on fibers); fences are memory fences.
void gocl_barrier(void);

#define OVL __attribute__((overloadable))

OVL void barrier(cl_mem_fence_flags flags) {
	atomic_work_item_fence(CLK_GLOBAL_MEM_FENCE | CLK_LOCAL_MEM_FENCE, memory_order_seq_cst, memory_scope_work_group);
	gocl_barrier();
	atomic_work_item_fence(CLK_GLOBAL_MEM_FENCE | CLK_LOCAL_MEM_FENCE, memory_order_seq_cst, memory_scope_work_group);
}
OVL void work_group_barrier(cl_mem_fence_flags flags) { barrier(flags); }
OVL void work_group_barrier(cl_mem_fence_flags flags, memory_scope scope) { barrier(flags); }

void mem_fence(cl_mem_fence_flags flags) { __c11_atomic_thread_fence(__ATOMIC_SEQ_CST); }
void read_mem_fence(cl_mem_fence_flags flags) { __c11_atomic_thread_fence(__ATOMIC_ACQUIRE); }
void write_mem_fence(cl_mem_fence_flags flags) { __c11_atomic_thread_fence(__ATOMIC_RELEASE); }

OVL void atomic_work_item_fence(cl_mem_fence_flags flags, memory_order order, memory_scope scope) {
	if (order != memory_order_relaxed)
		__c11_atomic_thread_fence(__ATOMIC_SEQ_CST);
}
