package build

import (
	"unsafe"

	"github.com/ebitengine/purego"
)

// bindLLVM sets *fptr (a pointer to a func variable) to call the C function
// name of lib. The signatures that the compiler's stages call in their
// loops over instructions and operands become a direct purego.SyscallN
// call, about 0.2 µs; purego.RegisterLibFunc, which any other signature
// gets, goes through reflection at every call (0.5–0.7 µs measured here),
// and it was a quarter of the work-group stage's time on hcxkeys' kernels.
// A missing function panics, as RegisterLibFunc does (the loaders recover).
//
// Pointers and strings are converted to uintptr inside the call's argument
// list: SyscallN is go:uintptrescapes, so what they point to is on the heap
// and alive until the call returns. An int32 or uint32 result is the low
// half of the register (C leaves the rest undefined).
func bindLLVM(fptr any, lib uintptr, name string) {
	sym, err := purego.Dlsym(lib, name)
	if err != nil {
		panic(err)
	}
	call := func(args ...uintptr) uintptr {
		r, _, _ := purego.SyscallN(sym, args...)
		return r
	}
	switch f := fptr.(type) {
	case *func() uintptr:
		*f = func() uintptr { return call() }
	case *func(uintptr):
		*f = func(a uintptr) { call(a) }
	case *func(uintptr) uintptr:
		*f = func(a uintptr) uintptr { return call(a) }
	case *func(uintptr) int32:
		*f = func(a uintptr) int32 { return int32(call(a)) }
	case *func(uintptr) uint32:
		*f = func(a uintptr) uint32 { return uint32(call(a)) }
	case *func(uintptr) uint64:
		*f = func(a uintptr) uint64 { return uint64(call(a)) }
	case *func(uintptr) unsafe.Pointer:
		*f = func(a uintptr) unsafe.Pointer { return pointerResult(call(a)) }
	case *func(uintptr, uintptr):
		*f = func(a, b uintptr) { call(a, b) }
	case *func(uintptr, uintptr) uintptr:
		*f = func(a, b uintptr) uintptr { return call(a, b) }
	case *func(uintptr, uintptr) int32:
		*f = func(a, b uintptr) int32 { return int32(call(a, b)) }
	case *func(uintptr, uintptr) uint32:
		*f = func(a, b uintptr) uint32 { return uint32(call(a, b)) }
	case *func(uintptr, uintptr) uint64:
		*f = func(a, b uintptr) uint64 { return uint64(call(a, b)) }
	case *func(uintptr, int32):
		*f = func(a uintptr, b int32) { call(a, uintptr(b)) }
	case *func(uintptr, int32) int32:
		*f = func(a uintptr, b int32) int32 { return int32(call(a, uintptr(b))) }
	case *func(uintptr, uint32) uintptr:
		*f = func(a uintptr, b uint32) uintptr { return call(a, uintptr(b)) }
	case *func(uintptr, uint32) uint32:
		*f = func(a uintptr, b uint32) uint32 { return uint32(call(a, uintptr(b))) }
	case *func(uintptr, uint32, uintptr):
		*f = func(a uintptr, b uint32, c uintptr) { call(a, uintptr(b), c) }
	case *func(uintptr, uint32, uint32):
		*f = func(a uintptr, b, c uint32) { call(a, uintptr(b), uintptr(c)) }
	case *func(uintptr, uint32, uint32) uintptr:
		*f = func(a uintptr, b, c uint32) uintptr { return call(a, uintptr(b), uintptr(c)) }
	case *func(uintptr, uintptr, uintptr):
		*f = func(a, b, c uintptr) { call(a, b, c) }
	case *func(uintptr, uintptr, uintptr) uintptr:
		*f = func(a, b, c uintptr) uintptr { return call(a, b, c) }
	case *func(uintptr, uintptr, uintptr, uintptr) uintptr:
		*f = func(a, b, c, d uintptr) uintptr { return call(a, b, c, d) }
	case *func(uintptr, uintptr, uintptr, uint32) uintptr:
		*f = func(a, b, c uintptr, d uint32) uintptr { return call(a, b, c, uintptr(d)) }
	case *func(uintptr) int64:
		*f = func(a uintptr) int64 { return int64(call(a)) }
	case *func(uintptr, uint64, int32) uintptr:
		*f = func(a uintptr, b uint64, c int32) uintptr { return call(a, uintptr(b), uintptr(c)) }
	case *func(uintptr, uint32, uint64) uintptr:
		*f = func(a uintptr, b uint32, c uint64) uintptr { return call(a, uintptr(b), uintptr(c)) }
	// Functions that write through pointers (names, lengths, operands).
	case *func(uintptr, *uintptr) unsafe.Pointer:
		*f = func(a uintptr, n *uintptr) unsafe.Pointer {
			r, _, _ := purego.SyscallN(sym, a, uintptr(unsafe.Pointer(n)))
			return pointerResult(r)
		}
	case *func(uintptr, *uint32) unsafe.Pointer:
		*f = func(a uintptr, n *uint32) unsafe.Pointer {
			r, _, _ := purego.SyscallN(sym, a, uintptr(unsafe.Pointer(n)))
			return pointerResult(r)
		}
	case *func(uintptr, *uintptr):
		*f = func(a uintptr, dst *uintptr) { purego.SyscallN(sym, a, uintptr(unsafe.Pointer(dst))) }
	case *func(uintptr, *uintptr, *uintptr, uint32):
		*f = func(a uintptr, vals, blocks *uintptr, n uint32) {
			purego.SyscallN(sym, a, uintptr(unsafe.Pointer(vals)), uintptr(unsafe.Pointer(blocks)), uintptr(n))
		}
	case *func(string, uintptr) uint32:
		*f = func(s string, n uintptr) uint32 {
			r, _, _ := purego.SyscallN(sym, uintptr(unsafe.Pointer(cStringOf(s))), n)
			return uint32(r)
		}
	// The IR builder's instructions, whose last argument is the value's name.
	case *func(uintptr, string) uintptr:
		*f = func(a uintptr, s string) uintptr {
			r, _, _ := purego.SyscallN(sym, a, uintptr(unsafe.Pointer(cStringOf(s))))
			return r
		}
	case *func(uintptr, uintptr, string) uintptr:
		*f = func(a, b uintptr, s string) uintptr {
			r, _, _ := purego.SyscallN(sym, a, b, uintptr(unsafe.Pointer(cStringOf(s))))
			return r
		}
	case *func(uintptr, uintptr, uintptr, string) uintptr:
		*f = func(a, b, c uintptr, s string) uintptr {
			r, _, _ := purego.SyscallN(sym, a, b, c, uintptr(unsafe.Pointer(cStringOf(s))))
			return r
		}
	case *func(uintptr, uintptr, uintptr, uintptr, string) uintptr:
		*f = func(a, b, c, d uintptr, s string) uintptr {
			r, _, _ := purego.SyscallN(sym, a, b, c, d, uintptr(unsafe.Pointer(cStringOf(s))))
			return r
		}
	case *func(uintptr, int32, uintptr, uintptr, string) uintptr:
		*f = func(a uintptr, p int32, b, c uintptr, s string) uintptr {
			r, _, _ := purego.SyscallN(sym, a, uintptr(p), b, c, uintptr(unsafe.Pointer(cStringOf(s))))
			return r
		}
	case *func(uintptr, uintptr, uintptr, *uintptr, uint32, string) uintptr:
		*f = func(a, b, c uintptr, args *uintptr, n uint32, s string) uintptr {
			r, _, _ := purego.SyscallN(sym, a, b, c, uintptr(unsafe.Pointer(args)), uintptr(n), uintptr(unsafe.Pointer(cStringOf(s))))
			return r
		}
	default:
		purego.RegisterLibFunc(fptr, lib, name)
	}
}

// cStringOf is s as a C string: a copy with a NUL at its end.
func cStringOf(s string) *byte {
	if s == "" {
		return &emptyCString[0]
	}
	b := make([]byte, len(s)+1)
	copy(b, s)
	return &b[0]
}

var emptyCString [1]byte

// pointerResult is a C function's pointer result (memory C owns: a string
// LLVM made, a buffer's start).
func pointerResult(r uintptr) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Pointer(&r))
}
