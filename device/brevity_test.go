package device

import (
	"testing"
	"unsafe"
)

// brevityStep is a run of a kernel (work-items, ns) and what a Brevity
// should answer after it for some sizes.
type brevityStep struct {
	items uint64
	ns    int64
	want  map[uint64]bool
}

func launchOf(items uint64) *NDRange { return &NDRange{Global: [3]uint64{items, 1, 1}} }

// checkBrevity records each step's run in b and checks what ask (Brief or
// Long, named what) answers after it.
func checkBrevity(t *testing.T, b *Brevity, what string, ask func(*Brevity, *NDRange) bool, steps []brevityStep) {
	t.Helper()
	for i, s := range steps {
		b.record(launchOf(s.items), s.ns)
		for items, want := range s.want {
			if got := ask(b, launchOf(items)); got != want {
				t.Errorf("after run %d (%d items, %d ns): %s(%d) = %v, want %v", i, s.items, s.ns, what, items, got, want)
			}
		}
	}
}

// A kernel's launches are brief up to the largest one that ran in under
// BriefRun, until one no larger runs longer; nothing is brief before a run,
// nor an empty range.
func TestBrevity(t *testing.T) {
	var b Brevity
	if b.Brief(launchOf(1)) {
		t.Error("brief before any run")
	}
	checkBrevity(t, &b, "Brief", (*Brevity).Brief, []brevityStep{
		{64, BriefRun - 1, map[uint64]bool{1: true, 64: true, 65: false}},
		{1024, BriefRun * 100, map[uint64]bool{64: true, 65: false}}, // larger and long: nothing learned
		{256, BriefRun / 2, map[uint64]bool{256: true, 257: false}},
		{100, BriefRun, map[uint64]bool{99: true, 100: false, 256: false}}, // no larger, long: shrinks
		{1, BriefRun * 2, map[uint64]bool{1: false}},
	})
	b.record(launchOf(8), 0)
	if b.Brief(&NDRange{Global: [3]uint64{0, 1, 1}}) {
		t.Error("an empty range is brief")
	}
	var none *Brevity
	if none.Brief(launchOf(1)) {
		t.Error("a nil Brevity says brief")
	}
}

// A kernel's launches are long from the smallest one that ran LongRun or
// longer, until one no smaller runs shorter; nothing is long before a run.
func TestBrevityLong(t *testing.T) {
	var b Brevity
	if b.Long(launchOf(1 << 30)) {
		t.Error("long before any run")
	}
	checkBrevity(t, &b, "Long", (*Brevity).Long, []brevityStep{
		{1 << 20, LongRun / 2, map[uint64]bool{1 << 20: false, 1 << 30: false}}, // short: nothing learned
		{1 << 20, LongRun, map[uint64]bool{1<<20 - 1: false, 1 << 20: true, 1 << 30: true}},
		{1 << 16, LongRun * 3, map[uint64]bool{1<<16 - 1: false, 1 << 16: true}},                 // smaller and long: grows
		{1 << 18, LongRun - 1, map[uint64]bool{1 << 18: false, 1<<18 + 1: true, 1 << 16: false}}, // no smaller, short: shrinks
		{1 << 10, LongRun - 1, map[uint64]bool{1 << 18: false, 1<<18 + 1: true}},                 // smaller and short: nothing learned
	})
	var none *Brevity
	if none.Long(launchOf(1)) {
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
