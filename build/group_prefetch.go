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
//
// A load whose address also depends on the y local id (a 2D group reading
// a tile: a transpose, a filter) is a stream per row, and a group of
// short rows in many rows is more streams than the prefetchers follow
// (16×16 groups of a float4 image: one to four lines a row; see "Shape-free
// kernels" in the design notes). For those the address is computed for
// rows 0 and 1 too, and the rows of the span are prefetched at that stride
// (__gocl_prefetch_rows: an address that is not affine in y only makes
// useless prefetches).

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
		onY bool
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
			if traced, onX, onY := t.groupAddress(ptr, seg, spaces, &budget); traced && onX {
				streams = append(streams, stream{ptr, seg, onY})
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
	// (y is row 0, or row 1 for second.)
	first, final, second := map[uintptr]uintptr{}, map[uintptr]uintptr{}, map[uintptr]uintptr{}
	zero := t.c64(0)
	for _, s := range streams {
		lo := t.cloneAddress(s.ptr, s.seg, zero, zero, ahead, first)
		hi := t.cloneAddress(s.ptr, s.seg, last, zero, ahead, final)
		if !s.onY {
			t.call("__gocl_prefetch_span", a.VoidType(t.m.ctx), []uintptr{t.ptr, t.ptr}, lo, hi)
			continue
		}
		next := t.cloneAddress(s.ptr, s.seg, zero, t.c64(1), ahead, second)
		t.call("__gocl_prefetch_rows", a.VoidType(t.m.ctx), []uintptr{t.ptr, t.ptr, t.ptr, a.TypeOf(t.ny)}, lo, hi, next, t.ny)
	}
}

// groupAddress reports whether v can be computed at the group function's
// entry from the x and y local ids of seg (traced), and whether it depends
// on each (onX, onY). A pointer argument must point to global or constant
// memory.
func (t *wgTransform) groupAddress(v uintptr, seg *wiSegment, spaces []uint64, budget *int) (traced, onX, onY bool) {
	a, api := t.a, t.m.api
	if *budget--; *budget < 0 {
		return false, false, false
	}
	switch {
	case v == seg.x:
		return true, true, false
	case seg.y != 0 && v == seg.y:
		return true, false, true
	case v == t.gbase[0] || v == t.gbase[1] || v == t.gbase[2] || v == t.nx || v == t.ny:
		return true, false, false
	case api.IsAConstantInt(v) != 0:
		return true, false, false
	case a.IsAArgument(v) != 0:
		for i := range spaces {
			if a.GetParam(t.fn, uint32(i)) == v {
				kind := a.GetTypeKind(a.TypeOf(v))
				return kind != typeKindPointer || spaces[i] == 1 || spaces[i] == 2, false, false
			}
		}
		return false, false, false
	}
	if a.IsAInstruction(v) == 0 {
		return false, false, false
	}
	op := a.GetInstructionOpcode(v)
	if op == opCall {
		callee := api.GetCalledValue(v)
		return prefetchLeaves[t.m.name(callee)] && api.IsAConstantInt(a.GetOperand(v, 0)) != 0, false, false
	}
	if !prefetchOpcodes[op] {
		return false, false, false
	}
	for i := int32(0); i < a.GetNumOperands(v); i++ {
		tr, x, y := t.groupAddress(a.GetOperand(v, uint32(i)), seg, spaces, budget)
		if !tr {
			return false, false, false
		}
		onX, onY = onX || x, onY || y
	}
	return true, onX, onY
}

// cloneAddress computes v again at the builder's position, with x and y
// for the local ids and the group id (and first global id)
// prefetchGroupsAhead groups further.
func (t *wgTransform) cloneAddress(v uintptr, seg *wiSegment, x, y, ahead uintptr, done map[uintptr]uintptr) uintptr {
	a, api := t.a, t.m.api
	if c, ok := done[v]; ok {
		return c
	}
	var c uintptr
	switch {
	case v == seg.x:
		c = x
	case seg.y != 0 && v == seg.y:
		c = y
	case v == t.gbase[0]:
		c = ahead
	case a.IsAInstruction(v) == 0 || v == t.gbase[1] || v == t.gbase[2] || v == t.nx || v == t.ny:
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
			a.SetOperand(c, uint32(i), t.cloneAddress(a.GetOperand(v, uint32(i)), seg, x, y, ahead, done))
		}
		a.InsertIntoBuilder(t.b, c)
	}
	done[v] = c
	return c
}
