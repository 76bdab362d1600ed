package build

// Small switches become branches before the work-item loops are made:
// LLVM 19's loop vectorizer gives up on a loop that contains a switch
// ("loop contains a switch statement"), so a kernel with a `switch` on a
// value that varies by work-item stayed scalar. LowerSwitch turns each
// switch into a binary tree of compares, which the vectorizer if-converts
// like any branch, and which clang's -O3 does not turn back.
//
// The price is the jump table: a lowered switch of many cases is a tree of
// compares wherever it stays scalar (an interpreter's dispatch, hashcat's
// 16-way word shifts), so a module is lowered only when none of its
// switches has more than maxLoweredCases cases.

// maxLoweredCases is the largest switch that lowering turns into
// branches: a tree of at most four compares on any path.
const maxLoweredCases = 8

// lowerSwitchPass is the pass that lowers the module's switches when
// lowerSmallSwitches says so, to end a function pipeline (a simplifycfg
// after it makes the switch again).
const lowerSwitchPass = ",lower-switch"

// lowerSmallSwitches says whether the module's switches should become
// branches: it has at least one, and none with more than maxLoweredCases
// cases.
func (m *module) lowerSmallSwitches(a *wgAPI) bool {
	api := m.api
	found := false
	for fn := api.GetFirstFunction(m.mod); fn != 0; fn = api.GetNextFunction(fn) {
		for bb := api.GetFirstBasicBlock(fn); bb != 0; bb = api.GetNextBasicBlock(bb) {
			term := a.GetBasicBlockTerminator(bb)
			if term == 0 || a.GetInstructionOpcode(term) != opSwitch {
				continue
			}
			if a.GetNumSuccessors(term)-1 > maxLoweredCases { // (the default is a successor)
				return false
			}
			found = true
		}
	}
	return found
}
