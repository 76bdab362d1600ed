/* cl_khr_subgroup_non_uniform_vote and cl_khr_subgroup_ballot (see
 * subgroups.h). */

#include "subgroups.h"

#ifdef __opencl_c_subgroups

#ifdef cl_khr_subgroup_non_uniform_vote
OVL int sub_group_elect(void) {
	uint lanes = active_lanes(gocl_sub_group_converge(0));
	return sg_local_id() == ctz(lanes);
}
#define NU_VOTE(NAME, COMBINE, IDENTITY) \
	OVL int sub_group_non_uniform_##NAME(int predicate) { \
		NU_BEGIN(int, predicate != 0) \
		NU_FOLD(int, COMBINE, IDENTITY, lanes) \
		NU_END(); \
		return acc; \
	}
NU_VOTE(all, LAND, 1)
NU_VOTE(any, LOR, 0)
#define NU_ALL_EQUAL(T) \
	OVL int sub_group_non_uniform_all_equal(T x) { \
		NU_BEGIN(T, x) \
		T first = s[ctz(lanes)]; \
		int same = 1; \
		for (uint j = 0; j < SG; j++) \
			same = lanes >> j & 1 && s[j] != first ? 0 : same; \
		NU_END(); \
		return same; \
	}
NU_SCALARS(NU_ALL_EQUAL)
#endif

#ifdef cl_khr_subgroup_ballot
/* Ballots are uint4 bit fields; a sub-group (at most 32 lanes here) fits
 * in the first word, but the functions read all four. */
static inline uint word(uint4 v, uint i) { return i == 0 ? v.x : i == 1 ? v.y : i == 2 ? v.z : v.w; }
/* The bits below n (n <= 128). */
static inline uint4 below(uint n) {
	return (uint4)(low_bits(n), low_bits(n > 32 ? n - 32 : 0), low_bits(n > 64 ? n - 64 : 0), low_bits(n > 96 ? n - 96 : 0));
}
static inline uint bit_count(uint4 v) { return popcount(v.x) + popcount(v.y) + popcount(v.z) + popcount(v.w); }

OVL uint4 sub_group_ballot(int predicate) {
	NU_BEGIN(int, predicate != 0)
	uint bits = 0;
	for (uint j = 0; j < SG; j++)
		bits |= lanes >> j & 1 && s[j] ? 1u << j : 0;
	NU_END();
	return (uint4)(bits, 0, 0, 0);
}
OVL int sub_group_inverse_ballot(uint4 value) { return word(value, sg_local_id() >> 5) >> (sg_local_id() & 31) & 1; }
OVL int sub_group_ballot_bit_extract(uint4 value, uint index) { return word(value, (index >> 5) & 3) >> (index & 31) & 1; }
OVL uint sub_group_ballot_bit_count(uint4 value) { return bit_count(value & below(sg_max_size())); }
OVL uint sub_group_ballot_inclusive_scan(uint4 value) { return bit_count(value & below(sg_local_id() + 1)); }
OVL uint sub_group_ballot_exclusive_scan(uint4 value) { return bit_count(value & below(sg_local_id())); }
OVL uint sub_group_ballot_find_lsb(uint4 value) {
	uint4 v = value & below(sg_max_size());
	return v.x ? ctz(v.x) : v.y ? 32 + ctz(v.y) : v.z ? 64 + ctz(v.z) : 96 + ctz(v.w);
}
OVL uint sub_group_ballot_find_msb(uint4 value) {
	uint4 v = value & below(sg_max_size());
	return v.w ? 127 - clz(v.w) : v.z ? 95 - clz(v.z) : v.y ? 63 - clz(v.y) : 31 - clz(v.x);
}
OVL uint4 get_sub_group_eq_mask(void) { return below(sg_local_id() + 1) & ~below(sg_local_id()); }
OVL uint4 get_sub_group_ge_mask(void) { return below(sg_max_size()) & ~below(sg_local_id()); }
OVL uint4 get_sub_group_gt_mask(void) { return below(sg_max_size()) & ~below(sg_local_id() + 1); }
OVL uint4 get_sub_group_le_mask(void) { return below(sg_local_id() + 1); }
OVL uint4 get_sub_group_lt_mask(void) { return below(sg_local_id()); }

#define NU_BROADCAST_FIRST(T) \
	OVL T sub_group_broadcast_first(T x) { NU_READ(T, ctz(lanes)) }
NU_SCALARS(NU_BROADCAST_FIRST)
/* Any scalar or vector, 8 bytes at a time. */
static inline ulong exchange(ulong x, uint index) { NU_READ(ulong, index) }
#define NU_BROADCAST(T) \
	OVL T sub_group_non_uniform_broadcast(T x, uint index) { \
		union { T v; ulong w[(sizeof(T) + 7) / 8]; } in, out; \
		in.v = x; \
		for (uint c = 0; c < (sizeof(T) + 7) / 8; c++) \
			out.w[c] = exchange(in.w[c], index); \
		return out.v; \
	}
#define NU_BROADCAST_VECTORS(T) NU_BROADCAST(T) NU_BROADCAST(T##2) NU_BROADCAST(T##3) NU_BROADCAST(T##4) NU_BROADCAST(T##8) NU_BROADCAST(T##16)
NU_BROADCAST_VECTORS(char) NU_BROADCAST_VECTORS(uchar) NU_BROADCAST_VECTORS(short) NU_BROADCAST_VECTORS(ushort)
NU_BROADCAST_VECTORS(int) NU_BROADCAST_VECTORS(uint) NU_BROADCAST_VECTORS(long) NU_BROADCAST_VECTORS(ulong)
NU_BROADCAST_VECTORS(float) NU_BROADCAST_VECTORS(double) NU_BROADCAST_VECTORS(half)
#endif

#endif /* __opencl_c_subgroups */
