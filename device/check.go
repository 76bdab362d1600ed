package device

/*
#include <stdint.h>
#include <stdlib.h>

// A checked launch's limits and first violation, as build/lib/rt.c reads
// and writes them.
typedef struct {
	uint64_t first;
	uint64_t what;
	uint32_t lock;
	uint32_t pad;
	uint64_t nargs;
	uint64_t limits[];
} gocl_check;
*/
import "C"

import (
	"fmt"
	"math"
	"os"
	"unsafe"

	"gocl/icd"
)

// Checked kernels (GOCL_CHECK, build/stage_check.go) skip every access
// outside the buffer or allocation it came from, and report the first:
// the launch then fails with CL_OUT_OF_RESOURCES, as on a GPU, and says
// what happened on stderr.

// LaunchCheck is what a checked launch needs: the bytes each argument may
// access (a buffer's size, a __local argument's; ^0 where unknown), and
// how to name what a violation touched.
type LaunchCheck struct {
	Limits   []uint64
	Describe func(v Violation) string
}

// Violation is the first out-of-bounds access of a launch: the lowest
// work-item that made one, and its lowest offset there.
type Violation struct {
	What        uint64    // the argument, or CheckWhatGlobal + the variable
	Item        [3]uint64 // the work-item's global id
	Offset      int64     // from the start of the argument or variable
	OffsetKnown bool      // false: the offset is beyond ±2 GiB
}

// CheckWhatGlobal: Violation.What at or above it names a variable
// (KernelInfo.CheckGlobals), below it an argument.
const CheckWhatGlobal = 1 << 16

// newCheckRecord is the C record the kernel reads the limits from and
// reports into.
func (c *LaunchCheck) newCheckRecord() unsafe.Pointer {
	n := len(c.Limits)
	rec := (*C.gocl_check)(C.calloc(1, C.size_t(C.sizeof_gocl_check+8*max(n, 1))))
	rec.first, rec.nargs = C.uint64_t(math.MaxUint64), C.uint64_t(n)
	limits := unsafe.Slice((*uint64)(unsafe.Add(unsafe.Pointer(rec), C.sizeof_gocl_check)), n)
	copy(limits, c.Limits)
	return unsafe.Pointer(rec)
}

// verdict is the launch's status after it ran with record rec: complete,
// or CL_OUT_OF_RESOURCES with the first violation on stderr.
func (c *LaunchCheck) verdict(r *NDRange, rec unsafe.Pointer) int32 {
	cr := (*C.gocl_check)(rec)
	if uint64(cr.first) == math.MaxUint64 {
		return icd.CL_COMPLETE
	}
	v := decodeViolation(uint64(cr.first), uint64(cr.what), r.Global, r.Offset)
	msg := c.Describe(v)
	fmt.Fprintf(os.Stderr, "gocl: GOCL_CHECK: %s\n", msg)
	return icd.Fail(icd.CL_OUT_OF_RESOURCES, "%s", msg)
}

// decodeViolation reads a reported key: the work-item's global linear id
// (32 bits) above its offset plus 2^31 (saturated at 2^32 - 1).
func decodeViolation(first, what uint64, global, offset [3]uint64) Violation {
	lin, enc := first>>32, first&(1<<32-1)
	v := Violation{What: what, Offset: int64(enc) - 1<<31, OffsetKnown: enc != 1<<32-1}
	v.Item[0] = lin%global[0] + offset[0]
	v.Item[1] = lin/global[0]%global[1] + offset[1]
	v.Item[2] = lin/(global[0]*global[1]) + offset[2]
	return v
}

// Describe words a violation: what was accessed, by which work-item, where.
func (v Violation) Describe(kernel, object string, size uint64) string {
	where := fmt.Sprintf("offset %d", v.Offset)
	if !v.OffsetKnown {
		where = "an offset beyond ±2 GiB"
	}
	return fmt.Sprintf("kernel %s: work-item (%d, %d, %d) accessed %s at %s, outside its %d bytes; the access was skipped and the command fails",
		kernel, v.Item[0], v.Item[1], v.Item[2], object, where, size)
}
