/* Work-group collective functions (OpenCL C 3.0
 * __opencl_c_work_group_collective_functions) and the sub-group functions
 * (cl_khr_subgroups, __opencl_c_subgroups).
 *
 * This file is not linked at code generation like the rest of the library:
 * build/stage_collectives.go links it into a program before the work-group
 * functions are made, because every collective is "each work-item stores
 * its value in its slot; barrier; the values are combined; barrier", and
 * the work-group transform must see those barriers. In uniform code they
 * are only splits between work-item loops; on fibers they are yields.
 *
 * The combining is done once per group (or sub-group) by whichever
 * work-item comes first after the barrier (a done flag, cleared by every
 * work-item before the barrier): the work-items of a group all run on one
 * thread, one after another, so the first caller sees every slot written,
 * and the others read its result. A helper that is not inlined (noinline)
 * keeps that work a call the uniformity analysis leaves alone.
 *
 * The slots are one thread-local array (stage_collectives.go defines
 * __gocl_collective_scratch with this size, thread-local): each worker
 * thread runs one work-group at a time, so it is work-group memory. */

#include "subgroup_size.h"

#define OVL __attribute__((overloadable))
#define HELPER __attribute__((noinline))

#define MAX_ITEMS 4096 /* device.MaxWorkGroupSize */
#define MAX_SUB_GROUPS (MAX_ITEMS / GOCL_SUB_GROUP_SIZE)
#define SG GOCL_SUB_GROUP_SIZE

/* Layout, in 8-byte units. */
#define WG_RESULT MAX_ITEMS
#define WG_DONE (WG_RESULT + 1)
#define SG_DONE (WG_DONE + 1)
#define SG_RESULT (SG_DONE + MAX_SUB_GROUPS)
#define SCRATCH_SIZE (SG_RESULT + MAX_SUB_GROUPS)

extern __global ulong __gocl_collective_scratch[SCRATCH_SIZE];

static inline uint items(void) { return (uint)(get_local_size(0) * get_local_size(1) * get_local_size(2)); }
static inline uint enqueued_items(void) {
	return (uint)(get_enqueued_local_size(0) * get_enqueued_local_size(1) * get_enqueued_local_size(2));
}
static inline uint linear_id(void) { return (uint)get_local_linear_id(); }

/* ---- the combining steps, shared by work-groups and sub-groups ---- */

#define ADD(a, b) ((a) + (b))
#define IMIN(a, b) min(a, b)
#define IMAX(a, b) max(a, b)

/* F(T, OP, COMBINE, IDENTITY) for every type and operation. */
#define FOR_INT_OPS(F, T, TMIN, TMAX) F(T, add, ADD, (T)0) F(T, min, IMIN, TMAX) F(T, max, IMAX, TMIN)
#define FOR_FP_OPS(F, T) F(T, add, ADD, (T)0) F(T, min, fmin, (T)INFINITY) F(T, max, fmax, (T)-INFINITY)
#define FOR_ALL(F) \
	FOR_INT_OPS(F, int, INT_MIN, INT_MAX) FOR_INT_OPS(F, uint, 0, UINT_MAX) \
	FOR_INT_OPS(F, long, LONG_MIN, LONG_MAX) FOR_INT_OPS(F, ulong, 0, ULONG_MAX) \
	FOR_FP_OPS(F, float) FOR_FP_OPS(F, double)

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

/* ---- work-group collectives ---- */

#ifdef __opencl_c_work_group_collective_functions

#define WG_BARRIER() barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE)

#define WG_REDUCE(T, OP, COMBINE, IDENTITY) \
	OVL T work_group_reduce_##OP(T x) { \
		__global ulong *s = __gocl_collective_scratch; \
		((__global T *)s)[linear_id()] = x; \
		s[WG_DONE] = 0; \
		WG_BARRIER(); \
		T r = gocl_reduce_##OP##_##T((__global T *)s, (__global T *)(s + WG_RESULT), s + WG_DONE, items()); \
		WG_BARRIER(); \
		return r; \
	}
/* The group's values, scanned inclusively in place, until the next barrier. */
#define WG_SCAN(T, OP, COMBINE, IDENTITY) \
	static inline __global T *wg_scan_##OP##_##T(T x) { \
		__global ulong *s = __gocl_collective_scratch; \
		((__global T *)s)[linear_id()] = x; \
		s[WG_DONE] = 0; \
		WG_BARRIER(); \
		gocl_scan_##OP##_##T((__global T *)s, s + WG_DONE, items()); \
		return (__global T *)s; \
	} \
	OVL T work_group_scan_inclusive_##OP(T x) { \
		T r = wg_scan_##OP##_##T(x)[linear_id()]; \
		WG_BARRIER(); \
		return r; \
	} \
	OVL T work_group_scan_exclusive_##OP(T x) { \
		uint i = linear_id(); \
		__global T *s = wg_scan_##OP##_##T(x); \
		T r = i ? s[i - 1] : IDENTITY; \
		WG_BARRIER(); \
		return r; \
	}
FOR_ALL(WG_REDUCE)
FOR_ALL(WG_SCAN)

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
