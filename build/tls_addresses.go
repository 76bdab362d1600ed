package build

import "strings"

// Thread-local addresses, computed once per function. The collective
// functions' buffers are declared in the library as ordinary globals and
// made thread-local at link time (defineThreadLocal), so their uses are
// plain constants (a constant GEP a few bytes into the buffer). Code
// generation materializes a thread-local constant's address at each use,
// and in a dynamically loaded object that is a call of the TLS
// descriptor's resolver: one in every iteration of a sub-group scan's
// loops over work-items. Clang's own code reaches such variables through
// llvm.threadlocal.address, whose result is an ordinary value the
// optimizer hoists. hoistThreadLocalAddresses gives each function one such
// call per variable, at its entry, and makes the direct uses (and those of
// constant GEPs over the variable) use it.

// hoistThreadLocalAddresses: see above. Uses it does not know (in other
// constants, in nested constant expressions) stay as they are, which is
// only slower.
func (m *module) hoistThreadLocalAddresses() error {
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		return err
	}
	// site is an operand to replace: operand i of instruction in, which is
	// the variable g or, if gep is not 0, the constant GEP gep over g.
	type site struct {
		in     uintptr
		i      uint32
		g, gep uintptr
	}
	var sites []site
	operands := func(user, v, g, gep uintptr) {
		for i := uint32(0); i < uint32(a.GetNumOperands(user)); i++ {
			if a.GetOperand(user, i) == v {
				sites = append(sites, site{user, i, g, gep})
			}
		}
	}
	for g := m.api.GetFirstGlobal(m.mod); g != 0; g = m.api.GetNextGlobal(g) {
		if a.IsThreadLocal(g) == 0 {
			continue
		}
		for u := m.api.GetFirstUse(g); u != 0; u = m.api.GetNextUse(u) {
			user := m.api.GetUser(u)
			switch {
			case a.IsAInstruction(user) != 0:
				if !isThreadLocalAddressCall(m, user) {
					operands(user, g, g, 0)
				}
			case a.IsAConstantExpr(user) != 0 && a.GetConstOpcode(user) == opGetElementPtr && a.GetOperand(user, 0) == g:
				for u2 := m.api.GetFirstUse(user); u2 != 0; u2 = m.api.GetNextUse(u2) {
					if in := m.api.GetUser(u2); a.IsAInstruction(in) != 0 {
						operands(in, user, g, user)
					}
				}
			}
		}
	}
	if len(sites) == 0 {
		return nil
	}
	ptr := a.PointerType(m.ctx, 0)
	fnty := a.FunctionType(ptr, &ptr, 1, 0)
	const intrinsic = "llvm.threadlocal.address.p0"
	callee := m.api.GetNamedFunction(m.mod, intrinsic)
	if callee == 0 {
		callee = a.AddFunction(m.mod, intrinsic, fnty)
	}
	b := a.CreateBuilder(m.ctx)
	defer a.DisposeBuilder(b)
	// The address of g (or of gep over it) in fn, made once at its entry.
	type key struct{ fn, v uintptr }
	made := map[key]uintptr{}
	var addressIn func(fn, g, gep uintptr) uintptr
	addressIn = func(fn, g, gep uintptr) uintptr {
		v := g
		if gep != 0 {
			v = gep
		}
		if x, ok := made[key{fn, v}]; ok {
			return x
		}
		var x uintptr
		if gep == 0 {
			a.PositionBefore(b, m.api.GetFirstInstruction(a.GetEntryBasicBlock(fn)))
			x = a.BuildCall2(b, fnty, callee, &g, 1, "tls.addr")
		} else {
			base := addressIn(fn, g, 0)
			a.PositionBefore(b, m.api.GetNextInstruction(base))
			n := uint32(a.GetNumOperands(gep))
			idx := make([]uintptr, n-1)
			for i := range idx {
				idx[i] = a.GetOperand(gep, uint32(i+1))
			}
			x = a.BuildGEP2(b, a.GetGEPSourceElementType(gep), base, &idx[0], n-1, "tls.gep")
			a.SetIsInBounds(x, a.IsInBounds(gep))
		}
		made[key{fn, v}] = x
		return x
	}
	for _, s := range sites {
		fn := a.GetBasicBlockParent(a.GetInstructionParent(s.in))
		a.SetOperand(s.in, s.i, addressIn(fn, s.g, s.gep))
	}
	return nil
}

// isThreadLocalAddressCall reports whether in is a call of
// llvm.threadlocal.address (whose operand must stay the variable itself).
func isThreadLocalAddressCall(m *module, in uintptr) bool {
	if m.api.IsACallInst(in) == 0 {
		return false
	}
	return strings.HasPrefix(m.name(m.api.GetCalledValue(in)), "llvm.threadlocal.address")
}
