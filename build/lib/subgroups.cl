/* The sub-group functions (cl_khr_subgroups, __opencl_c_subgroups and the
 * cl_khr_subgroup_* extensions), linked into a program before the
 * work-group functions are made, as collectives.cl is (see there). */

#include "collectives.h"

/* ---- sub-groups ---- */

#ifdef __opencl_c_subgroups

/* Runs of SG work-items in local linear order; the last one of a group
 * may be shorter (device/subgroups.go answers the API from the same
 * layout). */
OVL uint get_sub_group_local_id(void) { return linear_id() % SG; }
OVL uint get_sub_group_id(void) { return linear_id() / SG; }
OVL uint get_max_sub_group_size(void) { return min((uint)SG, enqueued_items()); }
OVL uint get_num_sub_groups(void) { return (items() + SG - 1) / SG; }
OVL uint get_enqueued_num_sub_groups(void) { return (enqueued_items() + SG - 1) / SG; }
OVL uint get_sub_group_size(void) { return min((uint)SG, items() - get_sub_group_id() * SG); }

/* Every collective below must be reached by all work-items of the
 * sub-group (OpenCL C 3.0, 6.15.16): their sub_group_barrier waits for
 * the sub-group's other work-items alone (rt.c), so sub-groups that take
 * different paths do not wait for each other. */
#define SG_BARRIER() sub_group_barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE)

/* Reduce and scans in steps between two buffers, each step combining
 * every slot with the three k, 2k and 3k before it (a scan) or after it
 * (a tree, for a reduction) within the sub-group, k = 1, 4, 16: two steps
 * for 16 lanes, half the loops and barriers of a binary tree or a
 * Hillis-Steele scan (sub-group reduce 8.4-8.6 → 9.8-10.4 GB/s side by
 * side). The steps select between plain values: a branch would be
 * divergent control flow around the next barrier. In uniform code every
 * step is one work-item loop of contiguous loads and stores, which the
 * loop vectorizer makes a few vector instructions per sub-group: no
 * gathers, no calls, no per-sub-group leader. Every path (work-item loops,
 * regions, fibers) runs the same steps, so results are the same on all. */
#define SG_BUFFERS(T) \
	__global T *a = (__global T *)__gocl_collective_scan_a + SCAN_ROOM, *b = (__global T *)__gocl_collective_scan_b + SCAN_ROOM; \
	int i = (int)linear_id(), l = i % SG, n = (int)get_sub_group_size(); \
	a[i] = x; \
	SG_BARRIER();
#define SG_NEXT_STEP(T) \
	SG_BARRIER(); \
	__global T *t = a; \
	a = b, b = t;
/* The inclusive scan, in the buffer returned until the next barrier (slot
 * j ends with slots (j - 4k, j] of the sub-group). */
#define SG_SCAN(T, OP, COMBINE) \
	static inline __global T *gocl_sg_scan_##OP##_##T(T x) { \
		SG_BUFFERS(T) \
		(void)n; \
		for (int k = 1; k < SG; k <<= 2) { \
			T s = a[i], s1 = a[i - k], s2 = a[i - 2 * k], s3 = a[i - 3 * k]; /* within the room */ \
			T c1 = COMBINE(s1, s); \
			s = l >= k ? c1 : s; \
			T c2 = COMBINE(s2, s); \
			s = l >= 2 * k ? c2 : s; \
			T c3 = COMBINE(s3, s); \
			b[i] = l >= 3 * k ? c3 : s; \
			SG_NEXT_STEP(T) \
		} \
		return a; \
	}
/* The reduction, in the sub-group's first slot of the buffer returned
 * (slot j ends with slots [j, j + 4k) of the sub-group). */
#define SG_TREE(T, OP, COMBINE) \
	static inline __global T *gocl_sg_tree_##OP##_##T(T x) { \
		SG_BUFFERS(T) \
		for (int k = 1; k < SG; k <<= 2) { \
			T s = a[i], s1 = a[i + k], s2 = a[i + 2 * k], s3 = a[i + 3 * k]; /* within the room */ \
			T c1 = COMBINE(s, s1); \
			s = l + k < n ? c1 : s; \
			T c2 = COMBINE(s, s2); \
			s = l + 2 * k < n ? c2 : s; \
			T c3 = COMBINE(s, s3); \
			b[i] = l + 3 * k < n ? c3 : s; \
			SG_NEXT_STEP(T) \
		} \
		return a; \
	}
#define SG_COLLECTIVES(T, OP, COMBINE, IDENTITY) \
	SG_SCAN(T, OP, COMBINE) \
	SG_TREE(T, OP, COMBINE) \
	OVL T sub_group_reduce_##OP(T x) { \
		T r = gocl_sg_tree_##OP##_##T(x)[get_sub_group_id() * SG]; \
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
		__global T *r = (__global T *)(__gocl_collective_scratch + SG_RESULT_AT + get_sub_group_id() * SG_RESULT_SIZE); \
		if (get_sub_group_local_id() == id) \
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

/* ---- the non-uniform sub-group functions ----
 *
 * cl_khr_subgroup_shuffle, _shuffle_relative, _rotate, _clustered_reduce,
 * _ballot, _non_uniform_vote and _non_uniform_arithmetic: these need not be
 * reached by all the work-items of a sub-group, and act among those that
 * do, the active ones. Each work-item stores its value in its own slot and
 * calls the convergence point (rt.c), which answers the active lanes (bit
 * l: sub-group local id l), or 0 for "the whole sub-group" where every
 * work-item is there (work-group functions, which the transform makes only
 * where the call is in uniform code; there the point is a sub-group
 * barrier). It reads what it needs from the active lanes' slots, and a
 * second point keeps the slots until every active work-item has read them.
 * A work-item writes only its own slot, so sub-groups split into several
 * active sets, each waiting at a different call, never see each other's
 * values. Every combination is a select over plain values (no branch), so
 * in uniform code each step stays a vector loop. */
uint gocl_sub_group_converge(uint site); /* site: numbered per call (stage_collectives.go) */

static inline uint low_bits(uint n) { return n >= 32 ? ~0u : (1u << n) - 1; }
static inline uint active_lanes(uint met) { return met ? met : low_bits(get_sub_group_size()); }
/* Stores x in this work-item's slot (me: the slots of its sub-group are s,
 * its lane l), then names the active lanes. In uniform code each slot is
 * at the work-item's local linear id, so relative reads (me[d]) are
 * contiguous vector loads. */
#define NU_BEGIN(T, x) \
	__global T *me = (__global T *)__gocl_collective_lanes + LANES_ROOM + linear_id(); \
	uint l = get_sub_group_local_id(); \
	__global T *s = me - l; \
	*me = (x); \
	uint lanes = active_lanes(gocl_sub_group_converge(0));
#define NU_END() (void)gocl_sub_group_converge(0)

#define MUL(a, b) ((a) * (b))
#define AND(a, b) ((a) & (b))
#define OR(a, b) ((a) | (b))
#define XOR(a, b) ((a) ^ (b))
#define LAND(a, b) ((a) && (b))
#define LOR(a, b) ((a) || (b))
#define LXOR(a, b) (!(a) != !(b))
/* F(T, OP, COMBINE, IDENTITY) for every type and operation of the
 * non-uniform and clustered reductions and scans. */
#define NU_INT_OPS(F, T, TMIN, TMAX) \
	F(T, add, ADD, (T)0) F(T, mul, MUL, (T)1) F(T, min, IMIN, TMAX) F(T, max, IMAX, TMIN) \
	F(T, and, AND, (T)~(T)0) F(T, or, OR, (T)0) F(T, xor, XOR, (T)0)
#define NU_FP_OPS(F, T) \
	F(T, add, ADD, (T)0) F(T, mul, MUL, (T)1) F(T, min, fmin, (T)INFINITY) F(T, max, fmax, (T)-INFINITY)
#define NU_ALL(F) \
	NU_INT_OPS(F, char, CHAR_MIN, CHAR_MAX) NU_INT_OPS(F, uchar, 0, UCHAR_MAX) \
	NU_INT_OPS(F, short, SHRT_MIN, SHRT_MAX) NU_INT_OPS(F, ushort, 0, USHRT_MAX) \
	NU_INT_OPS(F, int, INT_MIN, INT_MAX) NU_INT_OPS(F, uint, 0, UINT_MAX) \
	NU_INT_OPS(F, long, LONG_MIN, LONG_MAX) NU_INT_OPS(F, ulong, 0, ULONG_MAX) \
	NU_FP_OPS(F, float) NU_FP_OPS(F, double) NU_FP_OPS(F, half) \
	F(int, logical_and, LAND, 1) F(int, logical_or, LOR, 0) F(int, logical_xor, LXOR, 0)
/* G(T) for every scalar type. */
#define NU_SCALARS(G) G(char) G(uchar) G(short) G(ushort) G(int) G(uint) G(long) G(ulong) G(float) G(double) G(half)

/* The combination of the slots of the lanes in set, in lane order. */
#define NU_FOLD(T, COMBINE, IDENTITY, set) \
	T acc = (T)(IDENTITY); \
	for (uint j = 0; j < SG; j++) { \
		T c = COMBINE(acc, s[j]); \
		acc = (set) >> j & 1 ? c : acc; \
	}

#ifdef cl_khr_subgroup_non_uniform_arithmetic
/* Where the whole sub-group is there (the first point answers 0: uniform
 * code), the reduce and scans are the sub-group collectives' steps. */
#define NU_EXTRA_OPS(F, T) F(T, mul, MUL, (T)1) F(T, and, AND, (T)~(T)0) F(T, or, OR, (T)0) F(T, xor, XOR, (T)0)
#define NU_EXTRA_FP_OPS(F, T) F(T, mul, MUL, (T)1)
#define NU_EXTRA(F) \
	NU_EXTRA_OPS(F, char) NU_EXTRA_OPS(F, uchar) NU_EXTRA_OPS(F, short) NU_EXTRA_OPS(F, ushort) \
	NU_EXTRA_OPS(F, int) NU_EXTRA_OPS(F, uint) NU_EXTRA_OPS(F, long) NU_EXTRA_OPS(F, ulong) \
	NU_EXTRA_FP_OPS(F, float) NU_EXTRA_FP_OPS(F, double) NU_EXTRA_FP_OPS(F, half) \
	F(int, logical_and, LAND, 1) F(int, logical_or, LOR, 0) F(int, logical_xor, LXOR, 0)
#define NU_STEPS(T, OP, COMBINE, IDENTITY) SG_SCAN(T, OP, COMBINE) SG_TREE(T, OP, COMBINE)
NU_EXTRA(NU_STEPS)
#define NU_ARITHMETIC(T, OP, COMBINE, IDENTITY) \
	OVL T sub_group_non_uniform_reduce_##OP(T x) { \
		uint met = gocl_sub_group_converge(0); \
		if (!met) { \
			T r = gocl_sg_tree_##OP##_##T(x)[get_sub_group_id() * SG]; \
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

/* The value of lane from (taken within the slots: a lane outside the
 * sub-group, or inactive, is undefined behaviour, never a stray access). */
#define NU_READ(T, from) NU_READ_AT(T, s[(from) & (SG - 1)])
#define NU_READ_AT(T, slot) \
	NU_BEGIN(T, x) \
	(void)lanes; \
	T r = slot; \
	NU_END(); \
	return r;

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
	OVL T sub_group_rotate(T x, int delta) { NU_READ(T, rotated(l, delta, get_max_sub_group_size())) } \
	OVL T sub_group_clustered_rotate(T x, int delta, uint clustersize) { \
		NU_READ(T, (l & ~(clustersize - 1)) + rotated(l & (clustersize - 1), delta, clustersize)) \
	}
NU_SCALARS(NU_ROTATE)
#endif

#ifdef cl_khr_subgroup_non_uniform_vote
OVL int sub_group_elect(void) {
	uint lanes = active_lanes(gocl_sub_group_converge(0));
	return get_sub_group_local_id() == ctz(lanes);
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
OVL int sub_group_inverse_ballot(uint4 value) { return word(value, get_sub_group_local_id() >> 5) >> (get_sub_group_local_id() & 31) & 1; }
OVL int sub_group_ballot_bit_extract(uint4 value, uint index) { return word(value, (index >> 5) & 3) >> (index & 31) & 1; }
OVL uint sub_group_ballot_bit_count(uint4 value) { return bit_count(value & below(get_max_sub_group_size())); }
OVL uint sub_group_ballot_inclusive_scan(uint4 value) { return bit_count(value & below(get_sub_group_local_id() + 1)); }
OVL uint sub_group_ballot_exclusive_scan(uint4 value) { return bit_count(value & below(get_sub_group_local_id())); }
OVL uint sub_group_ballot_find_lsb(uint4 value) {
	uint4 v = value & below(get_max_sub_group_size());
	return v.x ? ctz(v.x) : v.y ? 32 + ctz(v.y) : v.z ? 64 + ctz(v.z) : 96 + ctz(v.w);
}
OVL uint sub_group_ballot_find_msb(uint4 value) {
	uint4 v = value & below(get_max_sub_group_size());
	return v.w ? 127 - clz(v.w) : v.z ? 95 - clz(v.z) : v.y ? 63 - clz(v.y) : 31 - clz(v.x);
}
OVL uint4 get_sub_group_eq_mask(void) { return below(get_sub_group_local_id() + 1) & ~below(get_sub_group_local_id()); }
OVL uint4 get_sub_group_ge_mask(void) { return below(get_max_sub_group_size()) & ~below(get_sub_group_local_id()); }
OVL uint4 get_sub_group_gt_mask(void) { return below(get_max_sub_group_size()) & ~below(get_sub_group_local_id() + 1); }
OVL uint4 get_sub_group_le_mask(void) { return below(get_sub_group_local_id() + 1); }
OVL uint4 get_sub_group_lt_mask(void) { return below(get_sub_group_local_id()); }

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
