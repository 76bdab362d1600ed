package device

import "testing"

// A reported key decodes to the work-item's global id (the global offset
// added back) and its signed offset; a saturated offset is unknown.
func TestDecodeViolation(t *testing.T) {
	global, offset := [3]uint64{10, 4, 2}, [3]uint64{0, 100, 0}
	key := func(lin uint64, off int64) uint64 { return lin<<32 | uint64(off+1<<31) }
	v := decodeViolation(key(10*4+2*10+3, 256), 1, global, offset)
	if v.Item != [3]uint64{3, 102, 1} || v.Offset != 256 || !v.OffsetKnown || v.What != 1 {
		t.Errorf("decoded %+v", v)
	}
	v = decodeViolation(key(0, -4), 0, global, offset)
	if v.Item != [3]uint64{0, 100, 0} || v.Offset != -4 || !v.OffsetKnown {
		t.Errorf("decoded %+v", v)
	}
	v = decodeViolation(5<<32|(1<<32-1), 0, global, offset)
	if v.OffsetKnown {
		t.Errorf("a saturated offset decoded as %d", v.Offset)
	}
	if s := v.Describe("k", "argument 0 (a, buffer)", 64); s != "kernel k: work-item (5, 100, 0) accessed argument 0 (a, buffer) at an offset beyond ±2 GiB, outside its 64 bytes; the access was skipped and the command fails" {
		t.Errorf("described as %q", s)
	}
}
