package device

import (
	"sync"
	"testing"
)

func TestAutoLocalSize(t *testing.T) {
	for _, c := range []struct {
		global     [3]uint64
		dim        int
		barriers   bool
		nonUniform bool
		cores      int
		want       [3]uint64
		loops      KernelLoops // (LoopsUnknown: as uniform loops)
		width      int         // fp32 lanes (0: 16)
	}{
		{[3]uint64{1 << 20, 1, 1}, 1, false, false, 2, [3]uint64{1024, 1, 1}, "", 0},
		{[3]uint64{1 << 20, 1, 1}, 1, true, false, 2, [3]uint64{64, 1, 1}, "", 0},
		{[3]uint64{1, 1, 1}, 1, false, false, 2, [3]uint64{1, 1, 1}, "", 0},
		// A tiny range is one group.
		{[3]uint64{10, 1, 1}, 1, false, false, 2, [3]uint64{10, 1, 1}, "", 0},
		// At least 4 groups per core when the range allows.
		{[3]uint64{1024, 1, 1}, 1, false, false, 2, [3]uint64{128, 1, 1}, "", 0},
		// Divisors: 1000 = 2^3 5^3; whole vectors of 16 when one at least
		// half as big divides the range (800), else the best divisor.
		{[3]uint64{1000 * 64, 1, 1}, 1, false, false, 2, [3]uint64{800, 1, 1}, "", 0},
		{[3]uint64{1000 * 3, 1, 1}, 1, false, false, 1, [3]uint64{750, 1, 1}, "", 0},
		// A prime: uniform groups must be 1 work-item; non-uniform ones are big.
		{[3]uint64{1000003, 1, 1}, 1, false, false, 2, [3]uint64{1, 1, 1}, "", 0},
		{[3]uint64{1000003, 1, 1}, 1, false, true, 2, [3]uint64{1024, 1, 1}, "", 0},
		// 2D: dimension 0 first, 4 vectors of it when dimension 1 can
		// take the rest (1080 = 2^3 3^3 5: 15 rows).
		{[3]uint64{1920, 1080, 1}, 2, false, false, 2, [3]uint64{64, 15, 1}, "", 0},
		{[3]uint64{512, 512, 1}, 2, false, false, 2, [3]uint64{64, 16, 1}, "", 0},
		{[3]uint64{4096, 2, 1}, 2, false, false, 2, [3]uint64{512, 2, 1}, "", 0},
		{[3]uint64{64, 64, 1}, 2, false, false, 2, [3]uint64{64, 8, 1}, "", 0},
		{[3]uint64{4, 2, 2}, 3, false, false, 2, [3]uint64{4, 2, 2}, "", 0},
		{[3]uint64{7, 5, 3}, 3, false, false, 2, [3]uint64{7, 1, 1}, "", 0},
		{[3]uint64{7, 5, 3}, 3, false, false, 1, [3]uint64{7, 1, 3}, "", 0},
		// Straight code: rows of 8 vectors; a divergent loop: groups of
		// 256, rows of 1 vector.
		{[3]uint64{4096, 4096, 1}, 2, false, false, 2, [3]uint64{128, 8, 1}, LoopsNone, 0},
		{[3]uint64{4096, 4096, 1}, 2, false, false, 2, [3]uint64{64, 16, 1}, LoopsUniform, 0},
		{[3]uint64{1024, 1024, 1}, 2, false, false, 2, [3]uint64{16, 16, 1}, LoopsDivergent, 0},
		{[3]uint64{1 << 20, 1, 1}, 1, false, false, 2, [3]uint64{256, 1, 1}, LoopsDivergent, 0},
		{[3]uint64{1 << 20, 1, 1}, 1, false, false, 2, [3]uint64{1024, 1, 1}, LoopsNone, 0},
		{[3]uint64{1920, 1080, 1}, 2, false, false, 2, [3]uint64{128, 8, 1}, LoopsNone, 0},
		// With 8 lanes: straight code still in rows of 128 work-items
		// (16 vectors), the others in rows of 4 vectors and 1.
		{[3]uint64{4096, 4096, 1}, 2, false, false, 2, [3]uint64{128, 8, 1}, LoopsNone, 8},
		{[3]uint64{4096, 4096, 1}, 2, false, false, 2, [3]uint64{32, 32, 1}, LoopsUniform, 8},
		{[3]uint64{1024, 1024, 1}, 2, false, false, 2, [3]uint64{8, 32, 1}, LoopsDivergent, 8},
		// With 32 lanes: straight code in rows of 8 vectors.
		{[3]uint64{4096, 4096, 1}, 2, false, false, 2, [3]uint64{256, 4, 1}, LoopsNone, 32},
	} {
		width := c.width
		if width == 0 {
			width = 16
		}
		got := AutoLocalSize(c.global, c.dim, c.barriers, c.loops, c.nonUniform, c.cores, width)
		if got != c.want {
			t.Errorf("AutoLocalSize(%v, %d, barriers %v, loops %q, non-uniform %v, %d cores) = %v, want %v",
				c.global, c.dim, c.barriers, c.loops, c.nonUniform, c.cores, got, c.want)
		}
	}
}

// Every shape AutoLocalSize picks is valid: each size at least 1, at most
// the device limits, dividing the global size unless non-uniform groups are
// allowed, and the groups small enough to share a large range among cores.
func TestAutoLocalSizeValid(t *testing.T) {
	sizes := []uint64{1, 2, 3, 7, 16, 17, 100, 255, 256, 1000, 4096, 65521, 1 << 20, 3 * 5 * 7 * 11 * 13}
	for _, nonUniform := range []bool{false, true} {
		for _, barriers := range []bool{false, true} {
			for _, x := range sizes {
				for _, y := range sizes[:6] {
					g := [3]uint64{x, y, 3}
					l := AutoLocalSize(g, 3, barriers, LoopsUnknown, nonUniform, 4, 16)
					items := l[0] * l[1] * l[2]
					if items < 1 || items > MaxWorkGroupSize {
						t.Fatalf("%v: %v has %d work-items", g, l, items)
					}
					for d := 0; d < 3; d++ {
						if l[d] < 1 || l[d] > g[d] || (!nonUniform && g[d]%l[d] != 0) {
							t.Fatalf("%v (non-uniform %v): local %v", g, nonUniform, l)
						}
					}
					if barriers && items > 64 || !barriers && items > 1024 {
						t.Fatalf("%v (barriers %v): local %v too big", g, barriers, l)
					}
				}
			}
		}
	}
}

func TestLargestDivisor(t *testing.T) {
	for _, c := range []struct{ n, limit, want uint64 }{
		{12, 5, 4}, {12, 12, 12}, {12, 100, 12}, {13, 12, 1}, {1 << 40, 1000, 512}, {1000003 * 2, 1024, 2},
		{999983 * 999979, 1024, 1}, {360, 50, 45},
	} {
		if got := largestDivisor(c.n, c.limit); got != c.want {
			t.Errorf("largestDivisor(%d, %d) = %d, want %d", c.n, c.limit, got, c.want)
		}
	}
}

// A large launch runs every work-group exactly once, on every core of the
// device: each worker (one pinned to each core) ran some of them.
func TestPoolEveryCore(t *testing.T) {
	_, dev := Root()
	const total = 4000
	cpus, counts := dev.testRun(total)
	seen := map[int32]int{}
	for g, c := range cpus {
		if c < 0 {
			t.Fatalf("group %d did not run", g)
		}
		seen[c]++
	}
	var sum uint64
	for _, n := range counts {
		sum += n
	}
	if sum != total {
		t.Fatalf("the workers counted %d groups, want %d", sum, total)
	}
	n := len(dev.Cores)
	for i := 0; i < n; i++ {
		if counts[i] == 0 {
			t.Errorf("worker %d (core %d) ran no work-group: %v", i, dev.Cores[i], counts)
		}
	}
	for _, c := range dev.Cores {
		if seen[int32(c)] == 0 {
			t.Errorf("no work-group ran on core %d: %v", c, seen)
		}
	}
	t.Logf("groups per worker (last: callers): %v; per CPU: %v", counts, seen)
}

// Hand-outs cover a launch exactly once, never grow, start at a chunk (an
// eighth of a worker's share) and shrink towards the end to an eighth of
// that, so that no thread is left running a whole chunk alone.
func TestPoolHandOutsShrink(t *testing.T) {
	for _, c := range []struct {
		total uint64
		n     int
	}{{2048, 2}, {2048, 16}, {100000, 2}, {100000, 64}, {7, 2}, {1, 1}, {1 << 20, 3}} {
		chunk, least, _ := handOuts(c.total, c.n)
		sizes := testGrabs(c.total, c.n)
		var sum uint64
		for i, s := range sizes {
			sum += s
			if s == 0 || s > chunk {
				t.Errorf("%d groups on %d workers: hand-out %d is %d groups, want 1..%d", c.total, c.n, i, s, chunk)
			}
			if i > 0 && s > sizes[i-1] {
				t.Errorf("%d groups on %d workers: hand-outs grow: %v", c.total, c.n, sizes)
				break
			}
		}
		if sum != c.total {
			t.Errorf("%d groups on %d workers: hand-outs cover %d: %v", c.total, c.n, sum, sizes)
		}
		if sizes[0] != min(chunk, c.total) {
			t.Errorf("%d groups on %d workers: first hand-out %d, want a chunk of %d", c.total, c.n, sizes[0], chunk)
		}
		if last := sizes[len(sizes)-1]; last > least {
			t.Errorf("%d groups on %d workers: last hand-out %d, want at most %d: %v", c.total, c.n, last, least, sizes)
		}
		if chunk >= 8 && least > chunk/8+1 {
			t.Errorf("%d groups on %d workers: hand-outs end at %d, chunks are %d", c.total, c.n, least, chunk)
		}
	}
}

// A sub-device's work stays on its cores.
func TestPoolSubDevice(t *testing.T) {
	_, root := Root()
	if len(root.Cores) < 2 {
		t.Skip("one core")
	}
	subs := root.CreateSubDevices([]int{1, len(root.Cores) - 1}, nil)
	defer func() {
		for _, s := range subs {
			s.Release()
		}
	}()
	for _, s := range subs {
		cpus, counts := s.testRun(200)
		if counts[len(counts)-1] != 0 {
			t.Errorf("sub-device %v: a caller ran %d groups", s.Cores, counts[len(counts)-1])
		}
		for g, c := range cpus {
			ok := false
			for _, sc := range s.Cores {
				ok = ok || int32(sc) == c
			}
			if !ok {
				t.Fatalf("sub-device %v: group %d ran on CPU %d", s.Cores, g, c)
			}
		}
	}
	// Sub-devices of the same cores share their workers.
	again := root.CreateSubDevices([]int{1}, nil)
	defer again[0].Release()
	if again[0].pool() != subs[0].pool() {
		t.Errorf("two sub-devices of core %v have two pools", subs[0].Cores)
	}
}

// Small launches and concurrent launches: each ends with all its groups run.
func TestPoolConcurrent(t *testing.T) {
	_, dev := Root()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				total := uint64(1 + (i*7+k*13)%40)
				cpus, counts := dev.testRun(total)
				var sum uint64
				for _, n := range counts {
					sum += n
				}
				if sum != total {
					t.Errorf("launch of %d groups: %d counted", total, sum)
					return
				}
				for g, c := range cpus {
					if c < 0 {
						t.Errorf("launch of %d groups: group %d did not run", total, g)
						return
					}
				}
			}
		}(i)
	}
	wg.Wait()
}

// A one-group launch runs on the caller's thread, without waking a worker.
func TestPoolOneGroupOnCaller(t *testing.T) {
	_, dev := Root()
	_, counts := dev.testRun(1)
	if counts[len(counts)-1] != 1 {
		t.Errorf("one group: counts %v, want it on the caller", counts)
	}
}
