package build

import (
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strconv"
)

// What gocl reads from a SPIR-V binary itself (clCreateProgramWithIL,
// clSetProgramSpecializationConstant): that it is a well-formed module of
// a version the translator takes, and its specialization constants. The
// rest is the translator's (stage_spirv.go).

// SPIR-V versions the translator (llvm-spirv-15) reads: 1.0 to 1.4. The
// device claims 1.0 to 1.3 (spirvClaimedVersion): llvm-spirv-15 aborts on
// some of 1.4's additions (OpPtrEqual and the other pointer operations,
// OpCopyLogical, the memory operands of OpCopyMemory, UserSemantic
// decorations: five CTS spirv_new tests), so 1.4 is not all there; a 1.4
// module is still taken, and most build.
const (
	spirvMinVersion     = 0x00010000
	spirvClaimedVersion = 0x00010300
	spirvMaxVersion     = 0x00010400
)

// SPIRVModule is a SPIR-V binary, in little-endian words, and what it
// declares.
type SPIRVModule struct {
	Words   []byte // the module with little-endian words (what the translator reads)
	Version uint32 // 0x00MMmm00
	Spec    map[uint32]SpecConstant
}

// SpecConstant is a scalar specialization constant: its type as
// llvm-spirv's --spec-const names it (i1, i8 … i64, f16, f32, f64) and the
// size clSetProgramSpecializationConstant takes (1 for booleans).
type SpecConstant struct {
	Type string
	Size int
}

// SPIR-V opcodes and decorations the reader needs.
const (
	opTypeBool          = 20
	opTypeInt           = 21
	opTypeFloat         = 22
	opSpecConstantTrue  = 48
	opSpecConstantFalse = 49
	opSpecConstant      = 50
	opDecorate          = 71
	decorationSpecID    = 1
)

// ParseSPIRV checks that il is a SPIR-V module of a supported version, with
// well-formed instruction boundaries, and finds its specialization constants.
func ParseSPIRV(il []byte) (*SPIRVModule, error) {
	if len(il) < 20 || len(il)%4 != 0 {
		return nil, fmt.Errorf("%d bytes are not a SPIR-V module (a header of 5 words, then whole words)", len(il))
	}
	var order binary.ByteOrder = binary.LittleEndian
	switch binary.LittleEndian.Uint32(il) {
	case 0x07230203:
	case 0x03022307:
		order = binary.BigEndian
	default:
		return nil, fmt.Errorf("no SPIR-V magic number")
	}
	words := make([]uint32, len(il)/4)
	le := make([]byte, len(il))
	for i := range words {
		words[i] = order.Uint32(il[4*i:])
		binary.LittleEndian.PutUint32(le[4*i:], words[i])
	}
	m := &SPIRVModule{Words: le, Version: words[1], Spec: map[uint32]SpecConstant{}}
	if m.Version < spirvMinVersion || m.Version > spirvMaxVersion || m.Version&0xff0000ff != 0 {
		return nil, fmt.Errorf("SPIR-V version 0x%08x is not one of 1.0 to 1.4", m.Version)
	}
	types := map[uint32]SpecConstant{}
	consts := map[uint32]uint32{}  // spec constant result id → type id
	specIDs := map[uint32]uint32{} // target id → SpecId
	for i := 5; i < len(words); {
		n, op := int(words[i]>>16), words[i]&0xffff
		if n == 0 || i+n > len(words) {
			return nil, fmt.Errorf("malformed SPIR-V instruction at word %d", i)
		}
		ops := words[i+1 : i+n]
		switch {
		case op == opTypeBool && len(ops) >= 1:
			types[ops[0]] = SpecConstant{"i1", 1}
		case op == opTypeInt && len(ops) >= 2 && ops[1]%8 == 0 && ops[1] <= 64:
			types[ops[0]] = SpecConstant{"i" + strconv.Itoa(int(ops[1])), int(ops[1] / 8)}
		case op == opTypeFloat && len(ops) >= 2 && (ops[1] == 16 || ops[1] == 32 || ops[1] == 64):
			types[ops[0]] = SpecConstant{"f" + strconv.Itoa(int(ops[1])), int(ops[1] / 8)}
		case (op == opSpecConstantTrue || op == opSpecConstantFalse || op == opSpecConstant) && len(ops) >= 2:
			consts[ops[1]] = ops[0]
		case op == opDecorate && len(ops) >= 3 && ops[1] == decorationSpecID:
			specIDs[ops[0]] = ops[2]
		}
		i += n
	}
	for target, id := range specIDs {
		if t, ok := consts[target]; ok {
			if sc, ok := types[t]; ok {
				m.Spec[id] = sc
			}
		}
	}
	return m, nil
}

// specConstArg is llvm-spirv's --spec-const option for the values set (by
// SpecId; each of the constant's size), or "" for none.
func (m *SPIRVModule) specConstArg(values map[uint32][]byte) string {
	ids := make([]uint32, 0, len(values))
	for id := range values {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	arg := ""
	for _, id := range ids {
		sc, ok := m.Spec[id]
		if !ok {
			continue
		}
		if arg != "" {
			arg += " "
		}
		arg += fmt.Sprintf("%d:%s:%s", id, sc.Type, specValue(sc.Type, values[id]))
	}
	if arg == "" {
		return ""
	}
	return "--spec-const=" + arg
}

// specValue spells a value for --spec-const: integers in decimal, floats
// in hexadecimal (exact).
func specValue(typ string, v []byte) string {
	var u uint64
	for i := len(v) - 1; i >= 0; i-- {
		u = u<<8 | uint64(v[i])
	}
	switch typ {
	case "i1":
		if u != 0 {
			return "1"
		}
		return "0"
	case "f16":
		return strconv.FormatFloat(halfToFloat(uint16(u)), 'x', -1, 64)
	case "f32":
		return strconv.FormatFloat(float64(math.Float32frombits(uint32(u))), 'x', -1, 32)
	case "f64":
		return strconv.FormatFloat(math.Float64frombits(u), 'x', -1, 64)
	}
	return strconv.FormatUint(u, 10)
}

func halfToFloat(h uint16) float64 {
	sign, exp, frac := float64(1), int(h>>10&0x1f), float64(h&0x3ff)
	if h&0x8000 != 0 {
		sign = -1
	}
	switch exp {
	case 0:
		return sign * math.Ldexp(frac, -24)
	case 0x1f:
		if frac != 0 {
			return math.NaN()
		}
		return sign * math.Inf(1)
	}
	return sign * math.Ldexp(1024+frac, exp-25)
}
