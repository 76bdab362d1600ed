/* What the parts of the sub-group functions share: subgroups.cl (the ids,
 * reduce, scans and broadcast of cl_khr_subgroups and
 * cl_khr_subgroup_extended_types) and one part for each group of the
 * cl_khr_subgroup_* extensions (subgroups_arith.cl, _clustered.cl,
 * _shuffle.cl, _vote.cl). Each part is compiled, and linked into a program
 * before its work-group functions are made (stage_collectives.go), only
 * where the program calls one of its functions: in one file they took
 * 2.7 s to compile, on a program's first build on a machine. The ids are
 * static helpers here rather than calls of the id functions, so that no
 * part calls another. */
#ifndef GOCL_SUBGROUPS_H
#define GOCL_SUBGROUPS_H

#include "collectives.h"

#ifdef __opencl_c_subgroups

/* Runs of SG work-items in local linear order; the last one of a group
 * may be shorter (device/subgroups.go answers the API from the same
 * layout). */
static inline uint sg_local_id(void) { return linear_id() % SG; }
static inline uint sg_id(void) { return linear_id() / SG; }
static inline uint sg_max_size(void) { return min((uint)SG, enqueued_items()); }
static inline uint sg_size(void) { return min((uint)SG, items() - sg_id() * SG); }

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
	int i = (int)linear_id(), l = i % SG, n = (int)sg_size(); \
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
static inline uint active_lanes(uint met) { return met ? met : low_bits(sg_size()); }
/* Stores x in this work-item's slot (me: the slots of its sub-group are s,
 * its lane l), then names the active lanes. In uniform code each slot is
 * at the work-item's local linear id, so relative reads (me[d]) are
 * contiguous vector loads. */
#define NU_BEGIN(T, x) \
	__global T *me = (__global T *)__gocl_collective_lanes + LANES_ROOM + linear_id(); \
	uint l = sg_local_id(); \
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

/* The value of lane from (taken within the slots: a lane outside the
 * sub-group, or inactive, is undefined behaviour, never a stray access). */
#define NU_READ(T, from) NU_READ_AT(T, s[(from) & (SG - 1)])
#define NU_READ_AT(T, slot) \
	NU_BEGIN(T, x) \
	(void)lanes; \
	T r = slot; \
	NU_END(); \
	return r;

#endif /* __opencl_c_subgroups */

#endif
