package build

// Prefetching a later work-group's memory (a step of the work-group
// transform, after the work-item loops are built).
//
// A work-group function that reads a block of global memory per group and
// then works on it (a tree reduction: 2 KiB of loads, then eight barrier
// steps) issues its loads in bursts, and the CPU's stream prefetchers,
// which stop at page boundaries, lose the stream between bursts: the
// reduction read at ~40% of the triad, as did the same work written in C.
// Prefetched two groups ahead, the C version went from 30–34 to 48 GB/s.
// So each work-group function asks, once per group, for the memory that
// the group two ahead will read: for every load in a work-item loop whose
// address is computed from the x local id, the group id and values the
// same for the whole group (arguments, constants, sizes), the address is
// computed again at the group function's entry for x = 0 and for the last
// x, with the group id two further, and the lines between are prefetched
// (__gocl_prefetch_span, rt.c: at most 64 KiB). A prefetch never faults,
// so a group past the last one costs nothing but the instructions.

// prefetchGroupsAhead is how far ahead (in x groups) memory is asked for.
const prefetchGroupsAhead = 2

// prefetchStreams bounds the loads prefetched per kernel.
const prefetchStreams = 8

// prefetchOpcodes are the instructions an address may be computed with:
// integer arithmetic and logic, getelementptr, integer casts.
var prefetchOpcodes = map[int32]bool{8: true, 10: true, 12: true, 20: true, 21: true, 22: true, 23: true, 24: true, 25: true,
	opGetElementPtr: true, 30: true, 31: true, 32: true}

// prefetchLeaves are the work-item functions whose value is the same for
// the whole group (with a constant dimension), cloned as they are, but
// get_group_id(0), which moves ahead.
var prefetchLeaves = map[string]bool{"_Z12get_group_idj": true, "_Z14get_local_sizej": true,
	"_Z23get_enqueued_local_sizej": true, "_Z14get_num_groupsj": true, "_Z15get_global_sizej": true,
	"_Z17get_global_offsetj": true}

// prefetchLaterGroups adds the prefetches to the transformed function.
func (t *wgTransform) prefetchLaterGroups() {
	a, api := t.a, t.m.api
	spaces, ok := t.m.mdInts(t.fn, "kernel_arg_addr_space")
	if !ok {
		return
	}
	type stream struct {
		ptr uintptr
		seg *wiSegment
	}
	var streams []stream
	seen := map[uintptr]bool{}
	for bb := api.GetFirstBasicBlock(t.fn); bb != 0 && len(streams) < prefetchStreams; bb = api.GetNextBasicBlock(bb) {
		for in := api.GetFirstInstruction(bb); in != 0 && len(streams) < prefetchStreams; in = api.GetNextInstruction(in) {
			seg := t.segOf[in]
			if seg == nil || seg.x == 0 || a.GetInstructionOpcode(in) != opLoad {
				continue
			}
			ptr := a.GetOperand(in, 0)
			if seen[ptr] {
				continue
			}
			seen[ptr] = true
			budget := 32
			if traced, onX := t.groupAddress(ptr, seg, spaces, &budget); traced && onX {
				streams = append(streams, stream{ptr, seg})
			}
		}
	}
	if len(streams) == 0 {
		return
	}
	entry := a.GetEntryBasicBlock(t.fn)
	a.PositionBefore(t.b, a.GetBasicBlockTerminator(entry))
	ahead := a.BuildAdd(t.b, t.gbase[0], a.BuildMul(t.b, t.nx, t.c64(prefetchGroupsAhead), ""), "")
	last := a.BuildSub(t.b, t.nx, t.c64(1), "")
	// One clone of each value for x = 0 and one for the last x, whichever
	// streams share it (a value on one segment's x is in no other's chain).
	first, final := map[uintptr]uintptr{}, map[uintptr]uintptr{}
	for _, s := range streams {
		lo := t.cloneAddress(s.ptr, s.seg, t.c64(0), ahead, first)
		hi := t.cloneAddress(s.ptr, s.seg, last, ahead, final)
		t.call("__gocl_prefetch_span", a.VoidType(t.m.ctx), []uintptr{t.ptr, t.ptr}, lo, hi)
	}
}

// groupAddress reports whether v can be computed at the group function's
// entry from the x local id of seg (traced), and whether it depends on it
// (onX). A pointer argument must point to global or constant memory.
func (t *wgTransform) groupAddress(v uintptr, seg *wiSegment, spaces []uint64, budget *int) (traced, onX bool) {
	a, api := t.a, t.m.api
	if *budget--; *budget < 0 {
		return false, false
	}
	switch {
	case v == seg.x:
		return true, true
	case v == t.gbase[0] || v == t.gbase[1] || v == t.gbase[2] || v == t.nx:
		return true, false
	case api.IsAConstantInt(v) != 0:
		return true, false
	case a.IsAArgument(v) != 0:
		for i := range spaces {
			if a.GetParam(t.fn, uint32(i)) == v {
				kind := a.GetTypeKind(a.TypeOf(v))
				return kind != typeKindPointer || spaces[i] == 1 || spaces[i] == 2, false
			}
		}
		return false, false
	}
	if a.IsAInstruction(v) == 0 {
		return false, false
	}
	op := a.GetInstructionOpcode(v)
	if op == opCall {
		callee := api.GetCalledValue(v)
		return prefetchLeaves[t.m.name(callee)] && api.IsAConstantInt(a.GetOperand(v, 0)) != 0, false
	}
	if !prefetchOpcodes[op] {
		return false, false
	}
	for i := int32(0); i < a.GetNumOperands(v); i++ {
		tr, x := t.groupAddress(a.GetOperand(v, uint32(i)), seg, spaces, budget)
		if !tr {
			return false, false
		}
		onX = onX || x
	}
	return true, onX
}

// cloneAddress computes v again at the builder's position, with x for the
// x local id and the group id (and first global id) prefetchGroupsAhead
// groups further.
func (t *wgTransform) cloneAddress(v uintptr, seg *wiSegment, x, ahead uintptr, done map[uintptr]uintptr) uintptr {
	a, api := t.a, t.m.api
	if c, ok := done[v]; ok {
		return c
	}
	var c uintptr
	switch {
	case v == seg.x:
		c = x
	case v == t.gbase[0]:
		c = ahead
	case a.IsAInstruction(v) == 0 || v == t.gbase[1] || v == t.gbase[2] || v == t.nx:
		c = v
	case a.GetInstructionOpcode(v) == opCall:
		c = a.InstructionClone(v)
		a.InsertIntoBuilder(t.b, c)
		d := a.GetOperand(v, 0)
		if t.m.name(api.GetCalledValue(v)) == "_Z12get_group_idj" && api.ConstIntGetZExtValue(d) == 0 {
			c = a.BuildAdd(t.b, c, a.ConstInt(a.TypeOf(c), prefetchGroupsAhead, 0), "")
		}
	default:
		c = a.InstructionClone(v)
		for i := int32(0); i < a.GetNumOperands(v); i++ {
			a.SetOperand(c, uint32(i), t.cloneAddress(a.GetOperand(v, uint32(i)), seg, x, ahead, done))
		}
		a.InsertIntoBuilder(t.b, c)
	}
	done[v] = c
	return c
}
