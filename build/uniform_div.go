package build

// Divisions by a uniform divisor, without a division instruction.
//
// x86-64 has no vector integer division: the vectorizer makes a work-item
// loop's `gid % w` or `i / width` (w a kernel argument) one scalar div per
// lane, 64-bit where the operand is a size_t, and that alone can be a
// kernel's whole cost (a local-memory tree over segments, l % w: ≈ 600 ns
// a group of 256, nearly all of it in divq). Where the divisor is the same
// for the whole work-item loop and the dividend is an affine function of
// the loop's x (check_hoist.go's affine: ids, rows times a width plus a
// column, …), both are checked once before the loop: when the dividend at
// the loop's two ends and the divisor are in [0, 2^30) (the divisor at
// least 1), every division of the run is done in double precision with
// the reciprocal computed before the loop, then corrected by one step:
//
//	q = (int)(n * (1.0 / d)); r = n - q * d; q += r >= d
//
// n and d are exact in a double and the product's relative error is at
// most 2^-52, so the estimate is below n / d by less than 2^-22 and never
// above it by as much as 1/d (that would take n ≥ 2^52): truncated, it is
// the quotient, or one less where n / d is a whole number that the
// product misses from below, which the step corrects. With operands
// below 2^30 nothing wraps in 32 bits. The division
// itself stays, for runs outside those bounds, behind the loop-invariant
// condition: LLVM's loop unswitching copies the loop on it (as it does
// for the hoisted checks), and the copy for the usual case vectorizes to
// conversions, multiplies and compares. Signed divisions get the same
// (with both operands in [0, 2^30), sdiv is udiv). Divisions by constants
// are left to LLVM, which already multiplies by an inverse.

// fastDivLimit bounds the dividends and divisors of the fast path.
const fastDivLimit = 1 << 30

// uniformDivision is a division of a work-item loop that can take the
// fast path, with what the loop's preheader computes for it.
type uniformDivision struct {
	in   uintptr // the udiv, urem, sdiv or srem (i32 or i64)
	slow uintptr // an i1: the run is outside the fast path's bounds
	d32  uintptr // the divisor, as an i32
	rcp  uintptr // 1.0 / d, a double
}

// fastUniformDivisions gives every division of a work-item loop by a
// divisor invariant in the loop, of a dividend affine in its x, the fast
// path (the file's comment).
func (m *module) fastUniformDivisions() error {
	c, err := newChecker(m)
	if err != nil {
		return err
	}
	defer c.dispose()
	a, api := c.a, m.api
	for _, fn := range m.functions() {
		if api.IsDeclaration(fn) != 0 {
			continue
		}
		loops := c.workItemLoops(fn)
		if len(loops) == 0 {
			continue
		}
		// First every division's bounds (affine follows the loops'
		// blocks as they are), then the splits.
		var divs []uniformDivision
		for bb := api.GetFirstBasicBlock(fn); bb != 0; bb = api.GetNextBasicBlock(bb) {
			for in := api.GetFirstInstruction(bb); in != 0; in = api.GetNextInstruction(in) {
				switch a.GetInstructionOpcode(in) {
				case opUDiv, opURem, opSDiv, opSRem:
					if d, ok := c.uniformDivision(loops, in); ok {
						divs = append(divs, d)
					}
				}
			}
		}
		for _, d := range divs {
			c.divideFast(d)
		}
	}
	return nil
}

// uniformDivision builds, in in's loop's preheader, what the fast path of
// division in needs; false if in has none (not a scalar i32 or i64
// division in a work-item loop, a divisor that is a constant or varies
// in the loop, or a dividend that is not affine in x).
func (c *checker) uniformDivision(loops []*wiLoop, in uintptr) (uniformDivision, bool) {
	a := c.a
	ty := a.TypeOf(in)
	if a.GetTypeKind(ty) != typeKindInteger {
		return uniformDivision{}, false
	}
	width := a.GetIntTypeWidth(ty)
	n, d := a.GetOperand(in, 0), a.GetOperand(in, 1)
	l := loopOf(a, loops, in)
	if (width != 32 && width != 64) || c.m.api.IsAConstantInt(d) != 0 || l == nil || !c.freeOfX(l, d) || l.invariant(a, n) {
		return uniformDivision{}, false
	}
	a.PositionBefore(c.b, a.GetBasicBlockTerminator(l.pre))
	saved := l.ok
	defer func() { l.ok = saved }()
	l.ok = 0
	ends := c.loopEnds(l)
	for _, xv := range ends {
		v := c.affine(l, n, xv, map[uintptr]uintptr{})
		if v == 0 {
			return uniformDivision{}, false // (what was built is dead code)
		}
		l.and(a, c.b, a.BuildICmp(c.b, llvmIntULT, v, c.c64(fastDivLimit), ""))
	}
	// The divisor, as the preheader computes it (it may be made in the
	// loop from values made before it: a size_t of a uint argument).
	d64 := c.affine(l, d, ends[0], map[uintptr]uintptr{})
	if d64 == 0 {
		return uniformDivision{}, false
	}
	// 1 <= d < 2^30: d - 1 below 2^30 - 1, unsigned.
	l.and(a, c.b, a.BuildICmp(c.b, llvmIntULT, a.BuildSub(c.b, d64, c.c64(1), ""), c.c64(fastDivLimit-1), ""))
	d32 := a.BuildTrunc(c.b, d64, c.i32, "")
	f64 := a.DoubleTypeInContext(c.m.ctx)
	one := a.BuildSIToFP(c.b, a.ConstInt(c.i32, 1, 0), f64, "")
	rcp := a.BuildFDiv(c.b, one, a.BuildSIToFP(c.b, d32, f64, ""), "div.rcp")
	return uniformDivision{in: in, slow: a.BuildNot(c.b, l.ok, "div.slow"), d32: d32, rcp: rcp}, true
}

// loopEnds is x at the first and the last work-item of l's run.
func (c *checker) loopEnds(l *wiLoop) [2]uintptr {
	a := c.a
	if l.ends[0] == 0 {
		// x takes lo first and, the loop being entered at its head, runs
		// at least once: its last value is at most max(lo, hi - 1).
		last := a.BuildSub(c.b, l.hi, c.c64(1), "")
		l.ends = [2]uintptr{l.lo, a.BuildSelect(c.b, a.BuildICmp(c.b, llvmIntUGT, l.hi, l.lo, ""), last, l.lo, "")}
	}
	return l.ends
}

// divideFast makes d's division run only where its run is out of the fast
// path's bounds, and the fast path compute its value otherwise.
func (c *checker) divideFast(d uniformDivision) {
	a := c.a
	c.runIf(d.in, d.slow, "div", func() uintptr {
		op, ty := a.GetInstructionOpcode(d.in), a.TypeOf(d.in)
		n := a.GetOperand(d.in, 0)
		if a.GetIntTypeWidth(ty) > 32 {
			n = a.BuildTrunc(c.b, n, c.i32, "")
		}
		f64 := a.DoubleTypeInContext(c.m.ctx)
		q := a.BuildFPToSI(c.b, a.BuildFMul(c.b, a.BuildSIToFP(c.b, n, f64, ""), d.rcp, ""), c.i32, "div.q")
		r := a.BuildSub(c.b, n, a.BuildMul(c.b, q, d.d32, ""), "")
		up := a.BuildZExt(c.b, a.BuildICmp(c.b, llvmIntSGE, r, d.d32, ""), c.i32, "")
		v := a.BuildAdd(c.b, q, up, "div.quotient")
		if op == opURem || op == opSRem {
			// (the corrected remainder: one d less where the step added 1)
			v = a.BuildSub(c.b, r, a.BuildMul(c.b, up, d.d32, ""), "div.remainder")
		}
		if a.GetIntTypeWidth(ty) > 32 {
			v = a.BuildZExt(c.b, v, ty, "") // (non-negative)
		}
		return v
	})
}
