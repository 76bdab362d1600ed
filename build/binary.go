package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"gocl/icd"
)

// A program binary (CL_PROGRAM_BINARIES) is a small container: a magic, the
// length of a JSON header, the header (binary type, driver, CPU, the
// kernels' metadata, what the build measured, the payload's checksum), and
// the payload — the shared object of an executable, or the bitcode of a
// compiled object or library. A binary from another gocl or another CPU, or
// one whose payload does not match its checksum (truncated, garbled), is
// CL_INVALID_BINARY, never a crash.
var binMagic = []byte("GOCLBIN\x02")

type binHeader struct {
	Type    uint32 // CL_PROGRAM_BINARY_TYPE_*
	Driver  string
	CPU     string
	Std     string
	Options string
	Kernels []KernelInfo
	Meta    buildMeta
	Sum     string // SHA-256 of the payload
	// Lazy: the payload of an executable is the bitcode of its work-group
	// functions, compiled to code kernel by kernel when used (stage_load.go).
	Lazy bool `json:",omitempty"`
}

func encodeBinary(h binHeader, payload []byte) []byte {
	h.Driver, h.CPU = driverVersion(), hostCPU()
	sum := sha256.Sum256(payload)
	h.Sum = hex.EncodeToString(sum[:])
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
	if h.Driver != driverVersion() || h.CPU != hostCPU() {
		return h, nil, fmt.Errorf("program binary of %s for another CPU or driver", h.Driver)
	}
	switch h.Type {
	case icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE, icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT, icd.CL_PROGRAM_BINARY_TYPE_LIBRARY:
	default:
		return h, nil, fmt.Errorf("unknown program binary type %d", h.Type)
	}
	payload := rest[n:]
	if sum := sha256.Sum256(payload); hex.EncodeToString(sum[:]) != h.Sum {
		return h, nil, fmt.Errorf("the program binary's payload is damaged (checksum mismatch)")
	}
	return h, payload, nil
}
