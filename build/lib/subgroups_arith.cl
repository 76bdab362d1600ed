/* cl_khr_subgroup_non_uniform_arithmetic (see subgroups.h). */

#include "subgroups.h"

#ifdef __opencl_c_subgroups

#ifdef cl_khr_subgroup_non_uniform_arithmetic
/* Where the whole sub-group is there (the first point answers 0: uniform
 * code), the reduce and scans are the sub-group collectives' steps. */
#define NU_STEPS(T, OP, COMBINE, IDENTITY) SG_SCAN(T, OP, COMBINE) SG_TREE(T, OP, COMBINE)
NU_ALL(NU_STEPS)
#define NU_ARITHMETIC(T, OP, COMBINE, IDENTITY) \
	OVL T sub_group_non_uniform_reduce_##OP(T x) { \
		uint met = gocl_sub_group_converge(0); \
		if (!met) { \
			T r = gocl_sg_tree_##OP##_##T(x)[sg_id() * SG]; \
			SG_BARRIER(); \
			return r; \
		} \
		NU_BEGIN(T, x) \
		NU_FOLD(T, COMBINE, IDENTITY, met) \
		NU_END(); \
		return acc; \
	} \
	OVL T sub_group_non_uniform_scan_inclusive_##OP(T x) { \
		uint met = gocl_sub_group_converge(0); \
		if (!met) { \
			T r = gocl_sg_scan_##OP##_##T(x)[linear_id()]; \
			SG_BARRIER(); \
			return r; \
		} \
		NU_BEGIN(T, x) \
		NU_FOLD(T, COMBINE, IDENTITY, met & low_bits(l + 1)) \
		NU_END(); \
		return acc; \
	} \
	OVL T sub_group_non_uniform_scan_exclusive_##OP(T x) { \
		uint met = gocl_sub_group_converge(0); \
		if (!met) { \
			int i = (int)linear_id(); \
			__global T *t = gocl_sg_scan_##OP##_##T(x); \
			T r = i % SG ? t[i - 1] : (T)(IDENTITY); \
			SG_BARRIER(); \
			return r; \
		} \
		NU_BEGIN(T, x) \
		NU_FOLD(T, COMBINE, IDENTITY, met & low_bits(l)) \
		NU_END(); \
		return acc; \
	}
NU_ALL(NU_ARITHMETIC)
#endif

#endif /* __opencl_c_subgroups */
