package device

import (
	"testing"
	"unsafe"
)

// A kernel's launches are brief up to the largest one that ran in under
// BriefRun, until one no larger runs longer; nothing is brief before a run,
// nor an empty range.
func TestBrevity(t *testing.T) {
	var b Brevity
	r := func(items uint64) *NDRange { return &NDRange{Global: [3]uint64{items, 1, 1}} }
	steps := []struct {
		items uint64
		ns    int64
		brief map[uint64]bool // after the run: Brief of these sizes
	}{
		{64, BriefRun - 1, map[uint64]bool{1: true, 64: true, 65: false}},
		{1024, BriefRun * 100, map[uint64]bool{64: true, 65: false}}, // larger and long: nothing learned
		{256, BriefRun / 2, map[uint64]bool{256: true, 257: false}},
		{100, BriefRun, map[uint64]bool{99: true, 100: false, 256: false}}, // no larger, long: shrinks
		{1, BriefRun * 2, map[uint64]bool{1: false}},
	}
	if b.Brief(r(1)) {
		t.Error("brief before any run")
	}
	for i, s := range steps {
		b.record(r(s.items), s.ns)
		for items, want := range s.brief {
			if got := b.Brief(r(items)); got != want {
				t.Errorf("after run %d (%d items, %d ns): Brief(%d) = %v, want %v", i, s.items, s.ns, items, got, want)
			}
		}
	}
	b.record(r(8), 0)
	if b.Brief(&NDRange{Global: [3]uint64{0, 1, 1}}) {
		t.Error("an empty range is brief")
	}
	var none *Brevity
	if none.Brief(r(1)) {
		t.Error("a nil Brevity says brief")
	}
}

// A kernel's launches are long from the smallest one that ran LongRun or
// longer, until one no smaller runs shorter; nothing is long before a run.
func TestBrevityLong(t *testing.T) {
	var b Brevity
	r := func(items uint64) *NDRange { return &NDRange{Global: [3]uint64{items, 1, 1}} }
	steps := []struct {
		items uint64
		ns    int64
		long  map[uint64]bool // after the run: Long of these sizes
	}{
		{1 << 20, LongRun / 2, map[uint64]bool{1 << 20: false, 1 << 30: false}}, // short: nothing learned
		{1 << 20, LongRun, map[uint64]bool{1<<20 - 1: false, 1 << 20: true, 1 << 30: true}},
		{1 << 16, LongRun * 3, map[uint64]bool{1<<16 - 1: false, 1 << 16: true}},                 // smaller and long: grows
		{1 << 18, LongRun - 1, map[uint64]bool{1 << 18: false, 1<<18 + 1: true, 1 << 16: false}}, // no smaller, short: shrinks
		{1 << 10, LongRun - 1, map[uint64]bool{1 << 18: false, 1<<18 + 1: true}},                 // smaller and short: nothing learned
	}
	if b.Long(r(1 << 30)) {
		t.Error("long before any run")
	}
	for i, s := range steps {
		b.record(r(s.items), s.ns)
		for items, want := range s.long {
			if got := b.Long(r(items)); got != want {
				t.Errorf("after run %d (%d items, %d ns): Long(%d) = %v, want %v", i, s.items, s.ns, items, got, want)
			}
		}
	}
	var none *Brevity
	if none.Long(r(1)) {
		t.Error("a nil Brevity says long")
	}
}

// C blocks are aligned, of the size asked, and recycled within a size
// class; a block too large for any class still works.
func TestCBlocks(t *testing.T) {
	for _, size := range []uintptr{1, 200, 256, 257, 5000, cBlockMax, cBlockMax + 1} {
		p := CAlloc(size)
		if p == nil || uintptr(p)%CBlockAlign != 0 {
			t.Fatalf("CAlloc(%d) = %p", size, p)
		}
		b := unsafe.Slice((*byte)(p), size)
		b[0], b[size-1] = 1, 2 // the whole size is usable
		CFree(p, size)
		if cBlockClass(size) >= 0 {
			if q := CAlloc(size); q != p {
				t.Errorf("size %d: a freed block was not reused (%p, then %p)", size, p, q)
			} else {
				CFree(q, size)
			}
		}
	}
	if z := cZeroed(300); *(*byte)(z) != 0 || *(*byte)(unsafe.Add(z, 299)) != 0 {
		t.Error("cZeroed is not cleared")
	}
}
