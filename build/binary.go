package build

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"gocl/icd"
)

// A program binary (CL_PROGRAM_BINARIES) is a small container: a magic, the
// binary type, the kernels' metadata as JSON, and the payload — the shared
// object of an executable, or the bitcode of a compiled object or library.
// The driver version and host CPU are part of it: a binary from another
// gocl or another CPU is CL_INVALID_BINARY, not a crash.
var binMagic = []byte("GOCLBIN\x01")

type binHeader struct {
	Type    uint32 // CL_PROGRAM_BINARY_TYPE_*
	Driver  string
	CPU     string
	Std     string
	Options string
	Kernels []KernelInfo
}

func encodeBinary(h binHeader, payload []byte) []byte {
	h.Driver, h.CPU = DriverVersion, hostCPU()
	js, _ := json.Marshal(h)
	var b bytes.Buffer
	b.Write(binMagic)
	binary.Write(&b, binary.LittleEndian, uint32(len(js)))
	b.Write(js)
	b.Write(payload)
	return b.Bytes()
}

func decodeBinary(bin []byte) (binHeader, []byte, error) {
	var h binHeader
	if len(bin) < len(binMagic)+4 || !bytes.Equal(bin[:len(binMagic)], binMagic) {
		return h, nil, fmt.Errorf("not a gocl program binary")
	}
	n := binary.LittleEndian.Uint32(bin[len(binMagic):])
	rest := bin[len(binMagic)+4:]
	if uint64(n) > uint64(len(rest)) {
		return h, nil, fmt.Errorf("truncated program binary")
	}
	if err := json.Unmarshal(rest[:n], &h); err != nil {
		return h, nil, fmt.Errorf("corrupt program binary: %v", err)
	}
	if h.Driver != DriverVersion || h.CPU != hostCPU() {
		return h, nil, fmt.Errorf("program binary of %s for another CPU or driver", h.Driver)
	}
	switch h.Type {
	case icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE, icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT, icd.CL_PROGRAM_BINARY_TYPE_LIBRARY:
	default:
		return h, nil, fmt.Errorf("unknown program binary type %d", h.Type)
	}
	return h, rest[n:], nil
}
