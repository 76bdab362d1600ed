/* The sub-group functions of cl_khr_subgroups (__opencl_c_subgroups) and
 * cl_khr_subgroup_extended_types: ids, reduce, scans, all, any and
 * broadcast, linked into a program before the work-group functions are
 * made, as collectives.cl is (see there and subgroups.h). */

#include "subgroups.h"

#ifdef __opencl_c_subgroups

OVL uint get_sub_group_local_id(void) { return sg_local_id(); }
OVL uint get_sub_group_id(void) { return sg_id(); }
OVL uint get_max_sub_group_size(void) { return sg_max_size(); }
OVL uint get_num_sub_groups(void) { return (items() + SG - 1) / SG; }
OVL uint get_enqueued_num_sub_groups(void) { return (enqueued_items() + SG - 1) / SG; }
OVL uint get_sub_group_size(void) { return sg_size(); }

#define SG_COLLECTIVES(T, OP, COMBINE, IDENTITY) \
	SG_SCAN(T, OP, COMBINE) \
	SG_TREE(T, OP, COMBINE) \
	OVL T sub_group_reduce_##OP(T x) { \
		T r = gocl_sg_tree_##OP##_##T(x)[sg_id() * SG]; \
		SG_BARRIER(); \
		return r; \
	} \
	OVL T sub_group_scan_inclusive_##OP(T x) { \
		T r = gocl_sg_scan_##OP##_##T(x)[linear_id()]; \
		SG_BARRIER(); \
		return r; \
	} \
	OVL T sub_group_scan_exclusive_##OP(T x) { \
		int i = (int)linear_id(); \
		__global T *s = gocl_sg_scan_##OP##_##T(x); \
		T r = i % SG ? s[i - 1] : (T)(IDENTITY); \
		SG_BARRIER(); \
		return r; \
	}
FOR_ALL(SG_COLLECTIVES)
FOR_HALF(SG_COLLECTIVES) /* half is a sub-group type where cl_khr_fp16 is */

OVL int sub_group_all(int predicate) { return sub_group_reduce_min(predicate ? 1 : 0); }
OVL int sub_group_any(int predicate) { return sub_group_reduce_max(predicate ? 1 : 0); }

/* Broadcast: the work-item named stores its value (up to a double16) in
 * the sub-group's result area, the others read it there. An id outside
 * the sub-group is undefined behaviour: it reads whatever is there. */
#define SG_BROADCAST(T) \
	OVL T sub_group_broadcast(T x, uint id) { \
		__global T *r = (__global T *)(__gocl_collective_scratch + SG_RESULT_AT + sg_id() * SG_RESULT_SIZE); \
		if (sg_local_id() == id) \
			*r = x; \
		SG_BARRIER(); \
		T v = *r; \
		SG_BARRIER(); \
		return v; \
	}
SG_BROADCAST(int) SG_BROADCAST(uint) SG_BROADCAST(long) SG_BROADCAST(ulong) SG_BROADCAST(float) SG_BROADCAST(double)
SG_BROADCAST(half)

#ifdef cl_khr_subgroup_extended_types
FOR_SMALL(SG_COLLECTIVES)
#define SG_BROADCAST_VECTORS(T) SG_BROADCAST(T##2) SG_BROADCAST(T##3) SG_BROADCAST(T##4) SG_BROADCAST(T##8) SG_BROADCAST(T##16)
SG_BROADCAST(char) SG_BROADCAST(uchar) SG_BROADCAST(short) SG_BROADCAST(ushort)
SG_BROADCAST_VECTORS(char) SG_BROADCAST_VECTORS(uchar) SG_BROADCAST_VECTORS(short) SG_BROADCAST_VECTORS(ushort)
SG_BROADCAST_VECTORS(int) SG_BROADCAST_VECTORS(uint) SG_BROADCAST_VECTORS(long) SG_BROADCAST_VECTORS(ulong)
SG_BROADCAST_VECTORS(float) SG_BROADCAST_VECTORS(double) SG_BROADCAST_VECTORS(half)
#endif

#endif /* __opencl_c_subgroups */
