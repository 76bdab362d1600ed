package build

import (
	"strings"
)

// The second step of the checked kernels (stage_check.go): after the
// work-group transform, every access through a marker gets its bounds
// check, and the markers go.

// LLVM's integer predicates (LLVMIntPredicate).
const (
	llvmIntUGT = 34
	llvmIntUGE = 35
	llvmIntULE = 37
	llvmIntSGT = 38
	llvmIntSGE = 39
	llvmIntSLT = 40
)

// checkedAccess is one pointer operand of one access that a marker
// reaches: the access, the pointer it uses, and the marker.
type checkedAccess struct {
	in, ptr, marker uintptr
}

// expandChecks turns the markers of markChecks into checks. The kernels
// that run work-item by work-item are first inlined into their loop entry
// (and the others into their groups entry), so that the per-argument
// minima live across the whole loop over work-items and work-groups and
// are reported once per chunk, not once per work-item: a report inside the
// work-item loop would be a call there, which the loop vectorizer refuses.
func (m *module) expandChecks(kernels []KernelInfo) error {
	if !m.hasCheckMarkers() {
		return nil
	}
	c, err := newChecker(m)
	if err != nil {
		return err
	}
	defer c.dispose()
	if err := c.inlineIntoEntries(kernels); err != nil {
		return err
	}
	byFunction := map[uintptr][]checkedAccess{}
	var order []uintptr
	for _, mk := range c.markers() {
		for _, acc := range c.accessesThrough(mk) {
			fn := c.a.GetBasicBlockParent(c.a.GetInstructionParent(acc.in))
			if byFunction[fn] == nil {
				order = append(order, fn)
			}
			byFunction[fn] = append(byFunction[fn], acc)
		}
	}
	for _, fn := range order {
		c.expandFunction(fn, byFunction[fn])
	}
	c.dropMarkers()
	return nil
}

// hasCheckMarkers reports whether markChecks marked anything.
func (m *module) hasCheckMarkers() bool {
	for as := uint32(0); as <= maxAddressSpace; as++ {
		if fn := m.api.GetNamedFunction(m.mod, checkMarker(as)); fn != 0 && m.api.GetFirstUse(fn) != 0 {
			return true
		}
	}
	return false
}

// inlineIntoEntries inlines each checked kernel into its body entry, and
// the body into the entries that call it.
func (c *checker) inlineIntoEntries(kernels []KernelInfo) error {
	m := c.m
	always := c.a.CreateEnumAttribute(m.ctx, m.api.EnumAttributeKindByName("alwaysinline", uintptr(len("alwaysinline"))), 0)
	for _, k := range kernels {
		if !k.Launchable {
			continue
		}
		for _, name := range []string{k.Name, "__gocl_body_" + k.Name} {
			fn := m.api.GetNamedFunction(m.mod, name)
			if fn == 0 || m.api.IsDeclaration(fn) != 0 {
				continue
			}
			for _, attr := range []string{"noinline", "optnone"} {
				m.api.RemoveEnumAttribute(fn, functionIndex, m.api.EnumAttributeKindByName(attr, uintptr(len(attr))))
			}
			c.a.AddAttributeAtIndex(fn, functionIndex, always)
		}
	}
	return m.runPasses(c.a.regionAPI, "always-inline")
}

// markers are the marker calls of the module.
func (c *checker) markers() []uintptr {
	var out []uintptr
	for as := uint32(0); as <= maxAddressSpace; as++ {
		fn := c.m.api.GetNamedFunction(c.m.mod, checkMarker(as))
		if fn == 0 {
			continue
		}
		for u := c.m.api.GetFirstUse(fn); u != 0; u = c.m.api.GetNextUse(u) {
			if user := c.m.api.GetUser(u); c.m.api.IsACallInst(user) != 0 {
				out = append(out, user)
			}
		}
	}
	return out
}

// accessesThrough are the accesses whose pointer is the marker's result,
// or address arithmetic on it.
func (c *checker) accessesThrough(mk uintptr) []checkedAccess {
	const gep, bitcast, addrspacecast = 29, 41, 60
	a, api := c.a, c.m.api
	var out []checkedAccess
	var walk func(p uintptr, depth int)
	walk = func(p uintptr, depth int) {
		if depth > 16 {
			return
		}
		for u := api.GetFirstUse(p); u != 0; u = api.GetNextUse(u) {
			user := api.GetUser(u)
			if a.IsAInstruction(user) == 0 {
				continue
			}
			switch a.GetInstructionOpcode(user) {
			case gep, bitcast, addrspacecast:
				if a.GetOperand(user, 0) == p {
					walk(user, depth+1)
				}
				continue
			}
			slots, sized := c.accessSlots(user)
			if !sized {
				continue
			}
			for _, s := range slots {
				if a.GetOperand(user, s) == p {
					out = append(out, checkedAccess{in: user, ptr: p, marker: mk})
				}
			}
		}
	}
	walk(mk, 0)
	return out
}

// expandFunction checks the accesses of fn: the limits and the minima at
// its entry, a check before each access, a report at each return.
func (c *checker) expandFunction(fn uintptr, accs []checkedAccess) {
	a, m := c.a, c.m
	entry := a.GetEntryBasicBlock(fn)
	a.PositionBefore(c.b, m.api.GetFirstInstruction(entry))
	ptr0 := a.PointerType(m.ctx, 0)
	launch := a.ConstNull(ptr0) // the running work-item's launch
	if name := m.name(fn); strings.HasPrefix(name, "__gocl_loop_") || strings.HasPrefix(name, "__gocl_groups_") {
		launch = a.GetParam(fn, 0) // called before the work-item state is set
		defer c.hoistArgumentLoads(fn)
	}
	limits, keys := map[uint64]uintptr{}, map[uint64]uintptr{}
	var whats []uint64
	for _, acc := range accs {
		what := c.accessWhat(acc)
		if _, ok := keys[what]; ok {
			continue
		}
		whats = append(whats, what)
		if what >= checkWhatGlobal {
			limits[what] = a.GetOperand(acc.marker, 5) // the variable's size
		} else {
			limits[what] = c.call("__gocl_check_limit", c.i64, []uintptr{ptr0, c.i64}, launch, c.c64(what))
		}
		keys[what] = a.BuildAlloca(c.b, c.i64, "check.first")
		a.BuildStore(c.b, a.ConstAllOnes(c.i64), keys[what])
	}
	// The checks that can be made once per work-item loop (check_hoist.go)
	// first, all of them, so that each loop's condition is whole when the
	// accesses are guarded.
	loops := c.workItemLoops(fn)
	hoisted := make([]*wiLoop, len(accs))
	for i, acc := range accs {
		hoisted[i] = c.hoistCheck(loops, acc, limits[c.accessWhat(acc)])
	}
	for i, acc := range accs {
		var inBounds uintptr
		if l := hoisted[i]; l != nil {
			inBounds = l.ok
		}
		what := c.accessWhat(acc)
		c.guard(acc, limits[what], keys[what], inBounds)
	}
	for _, ret := range c.returns(fn) {
		a.PositionBefore(c.b, ret)
		for _, what := range whats {
			first := a.BuildLoad2(c.b, c.i64, keys[what], "")
			c.call("__gocl_check_report", a.VoidType(m.ctx), []uintptr{ptr0, c.i64, c.i64}, launch, c.c64(what), first)
		}
	}
}

// accessWhat is what acc's marker checks against: an argument's index, or
// checkWhatGlobal plus a variable's.
func (c *checker) accessWhat(acc checkedAccess) uint64 {
	return c.m.api.ConstIntGetZExtValue(c.a.GetOperand(acc.marker, 2))
}

// returns are fn's return instructions.
func (c *checker) returns(fn uintptr) []uintptr {
	var out []uintptr
	for bb := c.m.api.GetFirstBasicBlock(fn); bb != 0; bb = c.m.api.GetNextBasicBlock(bb) {
		if t := c.a.GetBasicBlockTerminator(bb); t != 0 && c.a.IsAReturnInst(t) != 0 {
			out = append(out, t)
		}
	}
	return out
}

// guard puts acc under its check: offset = ptr - base; the access runs if
// offset < limit (unless it accesses 0 bytes) and offset + size <= limit
// (offsets below the base are huge unsigned), else it is skipped (a load yields 0) and the smallest
// (item << 32 | offset + 2^31, saturated) is kept in key. The key is
// computed on the failing path only, so where a range check pass (irce)
// proves the accesses of a run of work-items in bounds, nothing of the
// check is left in that run's loop. inBounds, if not 0, is the i1 that
// says the access's whole work-item loop is in bounds (check_hoist.go):
// then the access runs without its own check.
func (c *checker) guard(acc checkedAccess, limit, key, inBounds uintptr) {
	a := c.a
	a.PositionBefore(c.b, acc.in)
	base := a.GetOperand(acc.marker, 1)
	off := a.BuildSub(c.b, a.BuildPtrToInt(c.b, acc.ptr, c.i64, ""), a.BuildPtrToInt(c.b, base, c.i64, ""), "")
	size := c.accessSize(acc, &off)
	// off < limit and off + size <= limit: an offset below the base is
	// huge, and fails the first even where off + size wraps. (Written
	// with limit - size, the test would have a loop-invariant half,
	// limit >= size, on which LLVM's unswitching would copy the loop,
	// once per argument: the hoisted checks' one copy is enough.)
	below := a.BuildICmp(c.b, llvmIntULT, off, limit, "")
	if c.m.api.IsAConstantInt(size) == 0 {
		// A memcpy or memset of n bytes: none touches nothing, anywhere.
		below = a.BuildOr(c.b, below, a.BuildICmp(c.b, llvmIntEQ, size, c.c64(0), ""), "")
	}
	ok := a.BuildAnd(c.b, below, a.BuildICmp(c.b, llvmIntULE, a.BuildAdd(c.b, off, size, ""), limit, ""), "check.ok")
	if inBounds != 0 {
		ok = a.BuildOr(c.b, inBounds, ok, "check.hoisted")
	}
	item := a.GetOperand(acc.marker, 3)
	c.runIf(acc.in, ok, "check", func() uintptr {
		enc := a.BuildAdd(c.b, off, c.c64(1<<31), "")
		enc = a.BuildSelect(c.b, a.BuildICmp(c.b, llvmIntULT, enc, c.c64(1<<32-1), ""), enc, c.c64(1<<32-1), "")
		cand := a.BuildOr(c.b, a.BuildShl(c.b, item, c.c64(32), ""), enc, "")
		old := a.BuildLoad2(c.b, c.i64, key, "")
		a.BuildStore(c.b, a.BuildSelect(c.b, a.BuildICmp(c.b, llvmIntULT, cand, old, ""), cand, old, ""), key)
		return 0
	})
}

// accessSize is the bytes acc accesses (an i64 value); for vloadn and
// vstoren, whose pointer is the array's, it adds the element's offset to
// *off.
func (c *checker) accessSize(acc checkedAccess, off *uintptr) uintptr {
	a := c.a
	in := acc.in
	if n, fixed := c.fixedAccessSize(acc); fixed {
		return c.c64(n)
	}
	name := c.m.name(c.m.api.GetCalledValue(in))
	if strings.HasPrefix(name, "llvm.mem") {
		n := a.GetOperand(in, 2)
		if a.GetIntTypeWidth(a.TypeOf(n)) < 64 {
			n = a.BuildZExt(c.b, n, c.i64, "")
		}
		return n
	}
	size := c.c64(builtinAccessSize(name))
	if strings.Contains(name, "vload") || strings.Contains(name, "vstore") {
		idx := a.GetOperand(in, 0) // vloadn(offset, p)
		if strings.Contains(name, "vstore") {
			idx = a.GetOperand(in, 1) // vstoren(data, offset, p)
		}
		if a.GetIntTypeWidth(a.TypeOf(idx)) < 64 {
			idx = a.BuildZExt(c.b, idx, c.i64, "")
		}
		*off = a.BuildAdd(c.b, *off, a.BuildMul(c.b, idx, size, ""), "")
	}
	return size
}

// runIf makes in run only if ok, and what fail builds run otherwise: the
// block is split around in (the new blocks' names start with prefix), and
// a value it yields is, where it did not run, the value fail returns (0
// if that is 0).
func (c *checker) runIf(in, ok uintptr, prefix string, fail func() uintptr) {
	a, m := c.a, c.m
	orig := a.GetInstructionParent(in)
	fn := a.GetBasicBlockParent(orig)
	next := a.GetNextBasicBlock(orig)
	block := func(name string) uintptr {
		if next != 0 {
			return a.InsertBasicBlockInContext(m.ctx, next, name)
		}
		return a.AppendBasicBlock(m.ctx, fn, name)
	}
	do, failed, cont := block(prefix+".do"), block(prefix+".fail"), block(prefix+".cont")
	m.moveTail(c.a.wgAPI, c.b, in, cont)
	a.InstructionRemove(in)
	a.PositionAtEnd(c.b, do)
	a.InsertIntoBuilder(c.b, in)
	a.BuildBr(c.b, cont)
	a.PositionAtEnd(c.b, failed)
	instead := fail()
	a.BuildBr(c.b, cont)
	a.PositionAtEnd(c.b, orig)
	a.BuildCondBr(c.b, ok, do, failed)
	ty := a.TypeOf(in)
	if a.GetTypeKind(ty) == llvmVoidTypeKind || m.api.GetFirstUse(in) == 0 {
		return
	}
	a.PositionBefore(c.b, m.api.GetFirstInstruction(cont))
	phi := a.BuildPhi(c.b, ty, "")
	a.ReplaceAllUsesWith(in, phi)
	if instead == 0 {
		instead = a.ConstNull(ty)
	}
	vals, blocks := []uintptr{in, instead}, []uintptr{do, failed}
	a.AddIncoming(phi, &vals[0], &blocks[0], 2)
}

// retargetPhis makes the phis of block s take from block to what they took
// from block from (the C API cannot change a phi's block, so each such phi
// is rebuilt, with builder b).
func (m *module) retargetPhis(a *wgAPI, b, s, from, to uintptr) {
	api := m.api
	for x := api.GetFirstInstruction(s); x != 0 && a.IsAPHINode(x) != 0; {
		following := api.GetNextInstruction(x)
		n := a.CountIncoming(x)
		vals, blocks := make([]uintptr, n), make([]uintptr, n)
		changed := false
		for i := uint32(0); i < n; i++ {
			vals[i], blocks[i] = a.GetIncomingValue(x, i), a.GetIncomingBlock(x, i)
			if blocks[i] == from {
				blocks[i], changed = to, true
			}
		}
		if changed {
			a.PositionBefore(b, x)
			phi := a.BuildPhi(b, a.TypeOf(x), "")
			a.AddIncoming(phi, &vals[0], &blocks[0], n)
			a.ReplaceAllUsesWith(x, phi)
			a.InstructionErase(x)
		}
		x = following
	}
}

// dropMarkers replaces every marker by the pointer it wraps.
func (c *checker) dropMarkers() {
	for _, mk := range c.markers() {
		c.a.ReplaceAllUsesWith(mk, c.a.GetOperand(mk, 0))
		c.a.InstructionErase(mk)
	}
	for as := uint32(0); as <= maxAddressSpace; as++ {
		if fn := c.m.api.GetNamedFunction(c.m.mod, checkMarker(as)); fn != 0 {
			c.a.DeleteFunction(fn)
		}
	}
}

// hoistArgumentLoads moves the loads of the kernel's arguments from the
// argument block (the generated entry loads *(T **)args[i] per work-item)
// to the start of fn, an entry point, right after args is had: the block
// does not change during a launch, and a checked access that only runs
// under its check otherwise drags its argument's loads into the checked
// block, where LLVM may not hoist them (the block is not known to be
// dereferenceable), which leaves the pointer varying per work-item and
// the work-item loop unvectorized.
func (c *checker) hoistArgumentLoads(fn uintptr) {
	const gep = 29
	a, api := c.a, c.m.api
	var args uintptr
	for _, in := range c.m.instructions(fn) {
		if api.IsACallInst(in) != 0 && c.m.name(api.GetCalledValue(in)) == "__gocl_args" {
			args = in
			break
		}
	}
	if args == 0 {
		return
	}
	fromArgs := map[uintptr]bool{args: true}
	var chain []uintptr
	for _, in := range c.m.instructions(fn) {
		switch a.GetInstructionOpcode(in) {
		case gep:
			ok := fromArgs[a.GetOperand(in, 0)]
			for i := int32(1); ok && i < a.GetNumOperands(in); i++ {
				ok = api.IsAConstantInt(a.GetOperand(in, uint32(i))) != 0
			}
			if ok {
				fromArgs[in] = true
				chain = append(chain, in)
			}
		case opLoad:
			if fromArgs[a.GetOperand(in, 0)] && a.GetVolatile(in) == 0 {
				fromArgs[in] = true
				chain = append(chain, in)
			}
		}
	}
	at := api.GetNextInstruction(args)
	for _, in := range chain {
		if in == at {
			at = api.GetNextInstruction(at)
			continue
		}
		a.InstructionRemove(in)
		a.PositionBefore(c.b, at)
		a.InsertIntoBuilder(c.b, in)
	}
}
