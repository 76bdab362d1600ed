package icd

import "unsafe"

// Answer writes the answer to a clGet*Info query following the protocol all
// of them share: with a non-NULL dst, size must hold the whole answer
// (CL_INVALID_VALUE otherwise) and the answer is copied there; a non-NULL
// sizeRet receives the answer's size either way.
func Answer(answer []byte, size uintptr, dst unsafe.Pointer, sizeRet unsafe.Pointer) int32 {
	if dst != nil {
		if size < uintptr(len(answer)) {
			return Fail(CL_INVALID_VALUE, "param_value_size %d is smaller than the answer's %d bytes", size, len(answer))
		}
		copy(unsafe.Slice((*byte)(dst), len(answer)), answer)
	}
	if sizeRet != nil {
		*(*uintptr)(sizeRet) = uintptr(len(answer))
	}
	return CL_SUCCESS
}

// Val is the bytes of one fixed-size value (cl_uint, size_t, a handle …).
func Val[T any](v T) []byte {
	b := make([]byte, unsafe.Sizeof(v))
	*(*T)(unsafe.Pointer(&b[0])) = v
	return b
}

// Slice is the bytes of an array of fixed-size values; an empty slice is an
// empty answer.
func Slice[T any](v []T) []byte {
	if len(v) == 0 {
		return []byte{}
	}
	n := len(v) * int(unsafe.Sizeof(v[0]))
	b := make([]byte, n)
	copy(b, unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), n))
	return b
}

// Str is a string answer: its bytes and the terminating NUL.
func Str(s string) []byte { return append([]byte(s), 0) }

// Bool is a cl_bool answer.
func Bool(v bool) []byte {
	if v {
		return Val(uint32(1))
	}
	return Val(uint32(0))
}

// NameVersion is cl_name_version: a version and a name of at most 63 bytes.
type NameVersion struct {
	Version uint32
	Name    [64]byte
}

// NV makes a NameVersion.
func NV(name string, version uint32) NameVersion {
	var nv NameVersion
	nv.Version = version
	copy(nv.Name[:63], name)
	return nv
}

// Version packs a CL_MAKE_VERSION number.
func Version(major, minor, patch uint32) uint32 { return major<<22 | minor<<12 | patch }
