/* cl_khr_subgroup_clustered_reduce (see subgroups.h). */

#include "subgroups.h"

#ifdef __opencl_c_subgroups

#ifdef cl_khr_subgroup_clustered_reduce
/* Clusters are runs of clustersize lanes (a power of two, at most the
 * maximum sub-group size). */
#define NU_CLUSTERED(T, OP, COMBINE, IDENTITY) \
	OVL T sub_group_clustered_reduce_##OP(T x, uint clustersize) { \
		NU_BEGIN(T, x) \
		uint first = l & ~(clustersize - 1); \
		NU_FOLD(T, COMBINE, IDENTITY, lanes & low_bits(clustersize) << first) \
		NU_END(); \
		return acc; \
	}
NU_ALL(NU_CLUSTERED)
#endif

#endif /* __opencl_c_subgroups */
