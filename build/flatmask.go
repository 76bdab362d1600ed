package build

// Masked segments without memory of their own: run every work-item,
// keep the stores of the active ones.
//
// The varying code of a guard's body runs, in its work-item loop, under
// the guard's mask: `if (mask[wi]) body`. LLVM's vectorizer then turns
// the body's loads and stores of per-work-item slots into masked loads
// and stores. AVX-512 has them for every width; AVX2 has them only for
// 32- and 64-bit elements (vmaskmov, slow to store on Zen 3), and a byte
// store (a loop guard's "goes around again" flag) becomes a scalar store
// per lane behind a test of its mask bit. A lockstep loop such as
// Mandelbrot's ran at 0.8× PoCL 3.1 on Zen 3 for that reason.
//
// When the body touches no memory but the work-item's own slots (always
// there, whatever the mask) and computes nothing that can trap, every
// work-item may run it: each slot store keeps the stored value for an
// active work-item and the slot's old value for the others (a select),
// and the vectorizer sees plain vector loads, blends and stores.

// flatMasks: unless GOCL_NO_FLAT_MASKS is set (to compare the two), masked
// bodies that speculatable admits run for every work-item.
func flatMasks() bool { return getenv("GOCL_NO_FLAT_MASKS") == "" }

// speculatable reports whether the instructions insts, moved out from
// under a mask, can run for every work-item: loads and stores of slots
// only (their address is the slot itself), and no instruction that can
// trap, wait or have effects beyond its value.
func (t *wgTransform) speculatable(insts []uintptr) bool {
	a, api := t.a, t.m.api
	for _, in := range insts {
		switch op := a.GetInstructionOpcode(in); op {
		case opLoad:
			if !t.slots[a.GetOperand(in, 0)] {
				return false
			}
		case opStore:
			if !t.slots[a.GetOperand(in, 1)] {
				return false
			}
		case opUDiv, opSDiv, opURem, opSRem:
			if !divisionCannotTrap(a, api, in) {
				return false
			}
		case opCall:
			name := t.m.name(api.GetCalledValue(in))
			if !workItemCalls[name] && !splittableIntrinsics[intrinsicBase(name)] {
				return false
			}
		case opAlloca, opPHI, opFence, opAtomicCmpXchg, opAtomicRMW, opRet, opBr, opSwitch, opUnreachable:
			return false
		default:
			if op < opFirstBinary || op > opLastValueOp {
				return false
			}
		}
	}
	return true
}

// divisionCannotTrap: the division in is by a constant that is neither 0
// nor (signed) -1.
func divisionCannotTrap(a *wgAPI, api *llvmAPI, in uintptr) bool {
	op, d := a.GetInstructionOpcode(in), a.GetOperand(in, 1)
	if api.IsAConstantInt(d) == 0 {
		return false
	}
	w := a.GetIntTypeWidth(a.TypeOf(d))
	if w > 64 {
		return false
	}
	v := api.ConstIntGetZExtValue(d)
	return v != 0 && !(v == ^uint64(0)>>(64-w) && (op == opSDiv || op == opSRem))
}

// The instructions speculatable lets through by opcode: LLVM's binary
// operators, casts, compares, selects, vector element operations,
// address arithmetic, fneg and freeze (LLVMOpcode numbering).
const (
	opFirstBinary = 8  // LLVMAdd
	opLastValueOp = 68 // LLVMFreeze
)

// keepInactive makes the slot stores among insts (already moved into an
// unmasked work-item loop) store the old value for the work-items that
// active (an i1 of that loop) leaves out.
func (t *wgTransform) keepInactive(seg *wiSegment, insts []uintptr, active uintptr) {
	a := t.a
	for _, in := range insts {
		if a.GetInstructionOpcode(in) != opStore {
			continue
		}
		v, slot := a.GetOperand(in, 0), a.GetOperand(in, 1)
		a.PositionBefore(t.b, in)
		old := a.BuildLoad2(t.b, a.TypeOf(v), slot, "wi.kept")
		keep := a.BuildSelect(t.b, active, v, old, "")
		t.segOf[old] = seg
		t.varying[old], t.varying[keep] = true, true
		a.SetOperand(in, 0, keep)
	}
}
