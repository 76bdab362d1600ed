package build

// Arguments read once. A kernel's arguments reach it through the launch's
// argument block: __gocl_body_K (entrypoints.go) loads each argument's slot
// pointer from the block, then the value from the slot, and the loop entry
// calls the body once per work-item. Once the body is inlined into that
// loop, LLVM may take the loads out of the loop only if nothing in it can
// write the block, and a store of a char, or through the builtin library's
// may_alias types (vstore_half, vstoreN), may write anything: the buffer
// pointers were then loaded again for every work-item, their accesses had
// no loop-invariant base, and the loop was not vectorized ("cannot
// identify array bounds"): a kernel converting halves ran 0.64–0.82× PoCL
// 7.1. The engine writes the block before a launch and nothing writes it
// while the launch runs, so the loads are marked !invariant.load, which
// lets LICM hoist them past any store.

// invariantArguments marks the argument loads of every launchable kernel's
// __gocl_body_K: loads from the block (its first parameter, or an offset
// into it), and loads through a slot pointer loaded so.
func (m *module) invariantArguments(kernels []KernelInfo) {
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return
	}
	kind := m.api.GetMDKindIDInContext(m.ctx, "invariant.load", uint32(len("invariant.load")))
	empty := m.api.MetadataAsValue(m.ctx, a.MDNodeInContext2(m.ctx, nil, 0))
	for _, k := range kernels {
		if !k.Launchable {
			continue
		}
		fn := m.definedEntry("__gocl_body_", k.Name)
		if fn == 0 {
			continue
		}
		block := a.GetParam(fn, 0)
		// inBlock: p is the block or a constant offset into it.
		inBlock := func(p uintptr) bool {
			if p == block {
				return true
			}
			return a.GetInstructionOpcode(p) == opGetElementPtr && a.GetOperand(p, 0) == block
		}
		slots := map[uintptr]bool{} // slot pointers loaded from the block
		for _, in := range m.instructions(fn) {
			if a.GetInstructionOpcode(in) != opLoad {
				continue
			}
			switch p := a.GetOperand(in, 0); {
			case inBlock(p):
				slots[in] = true
			case !slots[p]:
				continue
			}
			a.SetMetadata(in, kind, empty)
		}
	}
}
