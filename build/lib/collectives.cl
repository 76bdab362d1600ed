/* Work-group collective functions (OpenCL C 3.0
 * __opencl_c_work_group_collective_functions); the sub-group functions
 * (cl_khr_subgroups, __opencl_c_subgroups) are in subgroups.cl, what both
 * use in collectives.h.
 *
 * These files are not linked at code generation like the rest of the library:
 * build/stage_collectives.go links them into a program before the work-group
 * functions are made, because every collective is "each work-item stores
 * its value in its slot; barrier; the values are combined; barrier", and
 * the work-group transform must see those barriers. In uniform code they
 * are only splits between work-item loops; on fibers they are yields.
 *
 * A work-group's values are combined once per group by whichever
 * work-item comes first after the barrier (a done flag, cleared by every
 * work-item before the barrier): the work-items of a group all run on one
 * thread, one after another, so the first caller sees every slot written,
 * and the others read its result. A helper that is not inlined (noinline)
 * keeps that work a call the uniformity analysis leaves alone. A
 * sub-group's are combined by a scan in log2(size) barrier steps, which in
 * uniform code are vector loops (below).
 *
 * The slots are thread-local arrays (stage_collectives.go defines the
 * __gocl_collective_ arrays collectives.h declares): each worker thread runs one
 * work-group at a time, so they are work-group memory. */

#include "collectives.h"

/* The reduction of slots[0, n), into *result, once. */
#define REDUCE_HELPER(T, OP, COMBINE, IDENTITY) \
	HELPER T gocl_reduce_##OP##_##T(__global T *slots, __global T *result, __global ulong *done, uint n) { \
		if (!*done) { \
			T acc = slots[0]; \
			for (uint i = 1; i < n; i++) \
				acc = COMBINE(acc, slots[i]); \
			*result = acc; \
			*done = 1; \
		} \
		return *result; \
	}
/* The inclusive scan of slots[0, n), in place, once. */
#define SCAN_HELPER(T, OP, COMBINE, IDENTITY) \
	HELPER void gocl_scan_##OP##_##T(__global T *slots, __global ulong *done, uint n) { \
		if (!*done) { \
			for (uint i = 1; i < n; i++) \
				slots[i] = COMBINE(slots[i - 1], slots[i]); \
			*done = 1; \
		} \
	}
FOR_ALL(REDUCE_HELPER)
FOR_ALL(SCAN_HELPER)
/* half (cl_khr_fp16) */
FOR_HALF(REDUCE_HELPER)
FOR_HALF(SCAN_HELPER)

/* ---- work-group collectives ---- */

#ifdef __opencl_c_work_group_collective_functions

#define WG_SLOTS __gocl_collective_scratch
#define WG_INDEX linear_id()
#define WG_COUNT items()
#define WG_DONE (__gocl_collective_scratch + WG_DONE_AT)
#define WG_RESULT (__gocl_collective_scratch + WG_RESULT_AT)
#define WG_BARRIER() barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE)
/* Reduce and scans: every work-item stores its value in its slot; after
 * the barrier, the first work-item to come combines them all (once: the
 * done flag), the others read its result. */
#define WG_COLLECTIVES(T, OP, COMBINE, IDENTITY) \
	OVL T work_group_reduce_##OP(T x) { \
		__global T *slots = (__global T *)WG_SLOTS; \
		slots[WG_INDEX] = x; \
		*WG_DONE = 0; \
		WG_BARRIER(); \
		T r = gocl_reduce_##OP##_##T(slots, (__global T *)WG_RESULT, WG_DONE, WG_COUNT); \
		WG_BARRIER(); \
		return r; \
	} \
	/* The values, scanned inclusively in place, until the next barrier. */ \
	static inline __global T *gocl_wg_scan_##OP##_##T(T x) { \
		__global T *slots = (__global T *)WG_SLOTS; \
		slots[WG_INDEX] = x; \
		*WG_DONE = 0; \
		WG_BARRIER(); \
		gocl_scan_##OP##_##T(slots, WG_DONE, WG_COUNT); \
		return slots; \
	} \
	OVL T work_group_scan_inclusive_##OP(T x) { \
		T r = gocl_wg_scan_##OP##_##T(x)[WG_INDEX]; \
		WG_BARRIER(); \
		return r; \
	} \
	OVL T work_group_scan_exclusive_##OP(T x) { \
		uint i = WG_INDEX; \
		__global T *s = gocl_wg_scan_##OP##_##T(x); \
		T r = i ? s[i - 1] : IDENTITY; \
		WG_BARRIER(); \
		return r; \
	}

FOR_ALL(WG_COLLECTIVES)
FOR_HALF(WG_COLLECTIVES)

/* Broadcast: every work-item stores (a vector store), and reads the one
 * slot. A local id outside the group is undefined behaviour; it reads
 * work-item 0's value rather than outside the slots. */
static inline uint bounded(size_t id) { return id < items() ? (uint)id : 0; }
#define WG_BROADCAST(T) \
	static inline T wg_broadcast_##T(T x, uint id) { \
		__global T *s = (__global T *)__gocl_collective_scratch; \
		s[linear_id()] = x; \
		WG_BARRIER(); \
		T r = s[id]; \
		WG_BARRIER(); \
		return r; \
	} \
	OVL T work_group_broadcast(T x, size_t lx) { return wg_broadcast_##T(x, bounded(lx)); } \
	OVL T work_group_broadcast(T x, size_t lx, size_t ly) { \
		return wg_broadcast_##T(x, bounded(lx + get_local_size(0) * ly)); \
	} \
	OVL T work_group_broadcast(T x, size_t lx, size_t ly, size_t lz) { \
		return wg_broadcast_##T(x, bounded(lx + get_local_size(0) * (ly + get_local_size(1) * lz))); \
	}
WG_BROADCAST(int) WG_BROADCAST(uint) WG_BROADCAST(long) WG_BROADCAST(ulong) WG_BROADCAST(float) WG_BROADCAST(double)

OVL int work_group_all(int predicate) { return work_group_reduce_min(predicate ? 1 : 0); }
OVL int work_group_any(int predicate) { return work_group_reduce_max(predicate ? 1 : 0); }

#endif /* __opencl_c_work_group_collective_functions */
