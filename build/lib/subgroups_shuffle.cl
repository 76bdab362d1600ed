/* cl_khr_subgroup_shuffle, _shuffle_relative and _rotate (see
 * subgroups.h). */

#include "subgroups.h"

#ifdef __opencl_c_subgroups

#ifdef cl_khr_subgroup_shuffle
#define NU_SHUFFLE(T) \
	OVL T sub_group_shuffle(T x, uint index) { NU_READ(T, index) } \
	OVL T sub_group_shuffle_xor(T x, uint mask) { NU_READ(T, l ^ mask) }
NU_SCALARS(NU_SHUFFLE)
#endif

#ifdef cl_khr_subgroup_shuffle_relative
#define NU_SHUFFLE_RELATIVE(T) \
	OVL T sub_group_shuffle_up(T x, uint delta) { NU_READ_AT(T, me[-(int)min(delta, (uint)SG)]) } \
	OVL T sub_group_shuffle_down(T x, uint delta) { NU_READ_AT(T, me[min(delta, (uint)SG)]) }
NU_SCALARS(NU_SHUFFLE_RELATIVE)
#endif

#ifdef cl_khr_subgroup_rotate
/* (a + b) mod n, in [0, n), for a negative b too. */
static inline uint rotated(uint a, int b, uint n) {
	int r = ((int)a + b) % (int)n;
	return (uint)(r < 0 ? r + (int)n : r);
}
#define NU_ROTATE(T) \
	OVL T sub_group_rotate(T x, int delta) { NU_READ(T, rotated(l, delta, sg_max_size())) } \
	OVL T sub_group_clustered_rotate(T x, int delta, uint clustersize) { \
		NU_READ(T, (l & ~(clustersize - 1)) + rotated(l & (clustersize - 1), delta, clustersize)) \
	}
NU_SCALARS(NU_ROTATE)
#endif

#endif /* __opencl_c_subgroups */
