/* What collectives.cl (the work-group collectives) and subgroups.cl (the
 * sub-group functions) share: the slots, the work-group's sizes, the
 * operations and the types they are made for. Two files, so that a
 * program that uses one kind compiles only its part of the builtin
 * library (all of it took 2.2 s). */
#ifndef GOCL_COLLECTIVES_H
#define GOCL_COLLECTIVES_H

#include "subgroup_size.h"

#define OVL __attribute__((overloadable))
#define HELPER __attribute__((noinline))

#define MAX_ITEMS 4096 /* device.MaxWorkGroupSize */
#define MAX_SUB_GROUPS (MAX_ITEMS / GOCL_SUB_GROUP_SIZE)
#define SG GOCL_SUB_GROUP_SIZE

/* Layout, in 8-byte units: the group's slots (one per work-item), its
 * result and done flag, then the sub-groups' broadcast areas. */
#define WG_RESULT_AT MAX_ITEMS
#define WG_DONE_AT (WG_RESULT_AT + 1)
#define SG_RESULT_SIZE 16 /* 8-byte units: a double16, aligned as one */
#define SG_RESULT_AT ((WG_DONE_AT + 1 + SG_RESULT_SIZE - 1) / SG_RESULT_SIZE * SG_RESULT_SIZE)
#define SCRATCH_SIZE (SG_RESULT_AT + MAX_SUB_GROUPS * SG_RESULT_SIZE)

/* The sub-group steps' two buffers, each a slot per work-item after
 * SCAN_ROOM slots of room for reads before the first (stage_collectives.go
 * defines every __gocl_collective_ array, thread-local), and as much after
 * the last (the steps read up to 3 k away, k < SG). Arrays of their own, apart
 * from the group's slots: sub-groups in divergent code run their scans
 * while others wait in a work-group collective. */
#define SCAN_ROOM (3 * SG)
#define SCAN_SIZE (SCAN_ROOM + MAX_ITEMS + SCAN_ROOM)
extern __global ulong __gocl_collective_scratch[SCRATCH_SIZE] __attribute__((aligned(128)));
extern __global ulong __gocl_collective_scan_a[SCAN_SIZE] __attribute__((aligned(128)));
extern __global ulong __gocl_collective_scan_b[SCAN_SIZE] __attribute__((aligned(128)));
/* The non-uniform sub-group functions' slots, one per work-item, after a
 * sub-group of room for reads before the first, and as much after the
 * last (relative shuffles read up to a sub-group away). */
#define LANES_ROOM SG
extern __global ulong __gocl_collective_lanes[LANES_ROOM + MAX_ITEMS + LANES_ROOM] __attribute__((aligned(128)));

static inline uint items(void) { return (uint)(get_local_size(0) * get_local_size(1) * get_local_size(2)); }
static inline uint enqueued_items(void) {
	return (uint)(get_enqueued_local_size(0) * get_enqueued_local_size(1) * get_enqueued_local_size(2));
}
static inline uint linear_id(void) { return (uint)get_local_linear_id(); }

/* ---- the operations, and the work-groups' combining steps ---- */

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
/* The types cl_khr_subgroup_extended_types adds to the sub-group ones. */
#define FOR_SMALL(F) \
	FOR_INT_OPS(F, char, CHAR_MIN, CHAR_MAX) FOR_INT_OPS(F, uchar, 0, UCHAR_MAX) \
	FOR_INT_OPS(F, short, SHRT_MIN, SHRT_MAX) FOR_INT_OPS(F, ushort, 0, USHRT_MAX)

#pragma OPENCL EXTENSION cl_khr_fp16 : enable
#define FOR_HALF(F) FOR_FP_OPS(F, half)

#endif
