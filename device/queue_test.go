package device

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gocl/icd"
)

func testQueue(t testing.TB, props uint64) *Queue {
	t.Helper()
	_, dev := Root()
	ctx := NewContext([]*Device{dev}, nil, nil)
	q := NewQueue(ctx, dev, props, nil)
	t.Cleanup(func() {
		q.Finish()
		q.Release()
		ctx.Release()
	})
	return q
}

// recorder collects the order in which commands ran.
type recorder struct {
	mu  sync.Mutex
	ran []int
}

func (r *recorder) cmd(i int) func() int32 {
	return func() int32 {
		r.mu.Lock()
		r.ran = append(r.ran, i)
		r.mu.Unlock()
		return icd.CL_COMPLETE
	}
}

func (r *recorder) order() []int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]int(nil), r.ran...)
}

// waitStatus polls an event until it ends or d passes.
func waitStatus(e *Event, d time.Duration) int32 {
	end := time.Now().Add(d)
	for e.Status() > icd.CL_COMPLETE && time.Now().Before(end) {
		time.Sleep(100 * time.Microsecond)
	}
	return e.Status()
}

func TestInOrder(t *testing.T) {
	q := testQueue(t, 0)
	gate := NewUserEvent(q.Ctx)
	defer gate.Release()
	var r recorder
	q.Enqueue(Command{Type: icd.CL_COMMAND_MARKER, WaitList: []*Event{gate}, Cheap: true})
	var evs []*Event
	for i := 0; i < 100; i++ {
		// Alternate cheap and goroutine commands: the order must hold either way.
		e, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_WRITE_BUFFER, Run: r.cmd(i), Cheap: i%2 == 0})
		evs = append(evs, e)
	}
	time.Sleep(5 * time.Millisecond)
	if n := len(r.order()); n != 0 {
		t.Fatalf("%d commands ran before the gate opened", n)
	}
	for _, e := range evs {
		if s := e.Status(); s != icd.CL_QUEUED {
			t.Fatalf("a gated command has status %d, want CL_QUEUED", s)
		}
	}
	gate.SetUserStatus(icd.CL_COMPLETE)
	q.Finish()
	got := r.order()
	if len(got) != 100 {
		t.Fatalf("%d commands ran, want 100", len(got))
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("command %d ran in position %d", v, i)
		}
	}
	for _, e := range evs {
		if e.Status() != icd.CL_COMPLETE {
			t.Fatalf("status %d after Finish", e.Status())
		}
	}
}

func TestOutOfOrderAndBarrier(t *testing.T) {
	q := testQueue(t, icd.CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE)
	gate := NewUserEvent(q.Ctx)
	defer gate.Release()
	var r recorder
	gated, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_WRITE_BUFFER, WaitList: []*Event{gate}, Run: r.cmd(1)})
	free, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_WRITE_BUFFER, Run: r.cmd(2)})
	if s := waitStatus(free, time.Second); s != icd.CL_COMPLETE {
		t.Fatalf("an independent command behind a gated one: status %d", s)
	}
	// A barrier: later commands wait for everything before it.
	bar, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_BARRIER, Cheap: true, WaitAll: true, Barrier: true})
	later, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_WRITE_BUFFER, Run: r.cmd(3)})
	time.Sleep(5 * time.Millisecond)
	if later.Status() <= icd.CL_COMPLETE || bar.Status() <= icd.CL_COMPLETE {
		t.Fatal("a command behind a barrier ran before the gate opened")
	}
	gate.SetUserStatus(icd.CL_COMPLETE)
	q.Finish()
	want := []int{2, 1, 3}
	got := r.order()
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("order %v, want %v", got, want)
	}
	for _, e := range []*Event{gated, free, bar, later} {
		if e.Status() != icd.CL_COMPLETE {
			t.Fatalf("status %d after Finish", e.Status())
		}
	}
}

func TestBarrierWithWaitList(t *testing.T) {
	q := testQueue(t, icd.CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE)
	g1, g2 := NewUserEvent(q.Ctx), NewUserEvent(q.Ctx)
	defer g1.Release()
	defer g2.Release()
	w1, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_WRITE_BUFFER, WaitList: []*Event{g1}, Run: func() int32 { return icd.CL_COMPLETE }})
	bar, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_BARRIER, WaitList: []*Event{g2}, Cheap: true, Barrier: true})
	w2, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_WRITE_BUFFER, Run: func() int32 { return icd.CL_COMPLETE }})
	time.Sleep(2 * time.Millisecond)
	if w2.Status() <= icd.CL_COMPLETE {
		t.Fatal("a command behind a barrier ran before the barrier's wait list ended")
	}
	g2.SetUserStatus(icd.CL_COMPLETE)
	if s := waitStatus(w2, time.Second); s != icd.CL_COMPLETE {
		t.Fatalf("after the barrier's list ended: status %d", s)
	}
	if bar.Status() != icd.CL_COMPLETE || w1.Status() <= icd.CL_COMPLETE {
		t.Fatalf("barrier %d (want complete), gated write %d (want pending)", bar.Status(), w1.Status())
	}
	g1.SetUserStatus(icd.CL_COMPLETE)
	q.Finish()
}

func TestFailurePropagation(t *testing.T) {
	for _, props := range []uint64{0, icd.CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE} {
		q := testQueue(t, props)
		gate := NewUserEvent(q.Ctx)
		var ran atomic.Int32
		run := func() int32 { ran.Add(1); return icd.CL_COMPLETE }
		a, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_WRITE_BUFFER, WaitList: []*Event{gate}, Run: run})
		b, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_COPY_BUFFER, WaitList: []*Event{a}, Run: run})
		c, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_MARKER, WaitList: []*Event{b}, Cheap: true})
		// Not waiting for them explicitly: no failure (only an implicit order).
		d, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_MARKER, WaitAll: true, Cheap: true})
		gate.SetUserStatus(-5)
		for _, e := range []*Event{a, b, c} {
			if s := e.Wait(); s != icd.CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST {
				t.Errorf("props %d: status %d, want CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST", props, s)
			}
		}
		if s := d.Wait(); s != icd.CL_COMPLETE {
			t.Errorf("props %d: a marker without a wait list: status %d", props, s)
		}
		if ran.Load() != 0 {
			t.Errorf("props %d: %d failed commands ran", props, ran.Load())
		}
		// A command that fails by itself fails its dependents too.
		bad, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_WRITE_BUFFER, Run: func() int32 { return icd.CL_OUT_OF_RESOURCES }})
		dep, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_READ_BUFFER, WaitList: []*Event{bad}, Run: run})
		if s := bad.Wait(); s != icd.CL_OUT_OF_RESOURCES {
			t.Errorf("props %d: failing command: status %d", props, s)
		}
		if s := dep.Wait(); s != icd.CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST {
			t.Errorf("props %d: dependent of a failed command: status %d", props, s)
		}
		gate.Release()
	}
}

func TestFinishWaitsForGatedWork(t *testing.T) {
	for _, props := range []uint64{0, icd.CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE} {
		q := testQueue(t, props)
		gate := NewUserEvent(q.Ctx)
		var done atomic.Bool
		e, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_WRITE_BUFFER, WaitList: []*Event{gate},
			Run: func() int32 { done.Store(true); return icd.CL_COMPLETE }})
		go func() {
			time.Sleep(30 * time.Millisecond)
			gate.SetUserStatus(icd.CL_COMPLETE)
		}()
		start := time.Now()
		q.Finish()
		if time.Since(start) < 20*time.Millisecond || !done.Load() || e.Status() != icd.CL_COMPLETE {
			t.Errorf("props %d: Finish returned after %v, done %v, status %d", props, time.Since(start), done.Load(), e.Status())
		}
		gate.Release()
	}
}

func TestCallbackStatus(t *testing.T) {
	_, dev := Root()
	ctx := NewContext([]*Device{dev}, nil, nil)
	defer ctx.Release()
	u := NewUserEvent(ctx)
	defer u.Release()
	var got [3]atomic.Int32
	var wg sync.WaitGroup
	for i, when := range []int32{icd.CL_SUBMITTED, icd.CL_RUNNING, icd.CL_COMPLETE} {
		wg.Add(1)
		u.OnStatus(when, func(s int32) { got[i].Store(s); wg.Done() })
	}
	u.SetUserStatus(icd.CL_COMPLETE)
	wg.Wait()
	for i, want := range []int32{icd.CL_SUBMITTED, icd.CL_RUNNING, icd.CL_COMPLETE} {
		if got[i].Load() != want {
			t.Errorf("callback for %d got status %d", want, got[i].Load())
		}
	}
	// On failure every pending callback gets the error.
	f := NewUserEvent(ctx)
	defer f.Release()
	var fs atomic.Int32
	wg.Add(1)
	f.OnStatus(icd.CL_RUNNING, func(s int32) { fs.Store(s); wg.Done() })
	f.SetUserStatus(-7)
	wg.Wait()
	if fs.Load() != -7 {
		t.Errorf("callback of a failed event got %d", fs.Load())
	}
}

func TestSetUserStatusOnce(t *testing.T) {
	_, dev := Root()
	ctx := NewContext([]*Device{dev}, nil, nil)
	defer ctx.Release()
	for round := 0; round < 200; round++ {
		u := NewUserEvent(ctx)
		var wins atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				<-start
				if u.SetUserStatus(-int32(i)) == icd.CL_SUCCESS {
					wins.Add(1)
				}
			}(i)
		}
		close(start)
		wg.Wait()
		if wins.Load() != 1 {
			t.Fatalf("round %d: %d winners", round, wins.Load())
		}
		u.Release()
	}
}

type holder struct{ refs atomic.Int32 }

func (h *holder) Ref()   { h.refs.Add(1) }
func (h *holder) Unref() { h.refs.Add(-1) }

func TestHoldsAndProfiling(t *testing.T) {
	q := testQueue(t, icd.CL_QUEUE_PROFILING_ENABLE)
	gate := NewUserEvent(q.Ctx)
	defer gate.Release()
	var h holder
	e, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_WRITE_BUFFER, WaitList: []*Event{gate},
		Run: func() int32 { time.Sleep(time.Millisecond); return icd.CL_COMPLETE }, Holds: []Holder{&h}})
	if h.refs.Load() != 1 {
		t.Fatalf("a pending command holds %d references", h.refs.Load())
	}
	if _, ok := e.Times(); ok {
		t.Fatal("profiling times before completion")
	}
	time.Sleep(2 * time.Millisecond)
	gate.SetUserStatus(icd.CL_COMPLETE)
	e.Wait()
	q.Finish()
	ts, ok := e.Times()
	if !ok {
		t.Fatal("no profiling times after completion")
	}
	for i := 1; i < 5; i++ {
		if ts[i] < ts[i-1] || ts[0] == 0 {
			t.Fatalf("times not monotonic: %v", ts)
		}
	}
	if ts[2]-ts[0] < uint64(time.Millisecond) || ts[3]-ts[2] < uint64(time.Millisecond) {
		t.Errorf("times %v: queued→start should include the gate, start→end the work", ts)
	}
	deadline := time.Now().Add(time.Second)
	for h.refs.Load() != 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Microsecond)
	}
	if h.refs.Load() != 0 {
		t.Errorf("a finished command still holds %d references", h.refs.Load())
	}
	if _, ok := gate.Times(); ok {
		t.Error("a user event has profiling times")
	}
}

func TestImmediateOnIdleQueue(t *testing.T) {
	q := testQueue(t, 0)
	ran := false
	e, s := q.Enqueue(Command{Type: icd.CL_COMMAND_WRITE_BUFFER, Blocking: true, NoEvent: true,
		Run: func() int32 { ran = true; return icd.CL_COMPLETE }})
	if e != nil || s != icd.CL_COMPLETE || !ran {
		t.Fatalf("idle queue: event %v, status %d, ran %v", e, s, ran)
	}
	gate := NewUserEvent(q.Ctx)
	defer gate.Release()
	q.Enqueue(Command{Type: icd.CL_COMMAND_MARKER, WaitList: []*Event{gate}, Cheap: true})
	ran = false
	e, _ = q.Enqueue(Command{Type: icd.CL_COMMAND_WRITE_BUFFER, Cheap: true, NoEvent: true,
		Run: func() int32 { ran = true; return icd.CL_COMPLETE }})
	if e == nil || ran {
		t.Fatal("a command behind a pending one ran at once")
	}
	gate.SetUserStatus(icd.CL_COMPLETE)
	if s := e.Wait(); s != icd.CL_COMPLETE {
		t.Fatalf("status %d", s)
	}
}

// Many goroutines enqueue on shared queues, with wait lists across them
// (run with -race).
func TestConcurrentEnqueue(t *testing.T) {
	inOrder := testQueue(t, 0)
	ooo := testQueue(t, icd.CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE)
	var wg sync.WaitGroup
	var total atomic.Int64
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				var n atomic.Int32
				run := func() int32 { n.Add(1); total.Add(1); return icd.CL_COMPLETE }
				gate := NewUserEvent(inOrder.Ctx)
				a, _ := ooo.Enqueue(Command{Type: icd.CL_COMMAND_WRITE_BUFFER, WaitList: []*Event{gate}, Run: run, Cheap: i%2 == 0})
				b, _ := inOrder.Enqueue(Command{Type: icd.CL_COMMAND_READ_BUFFER, WaitList: []*Event{a}, Run: run})
				c, _ := ooo.Enqueue(Command{Type: icd.CL_COMMAND_MARKER, WaitList: []*Event{a, b}, Cheap: true})
				if i%10 == 0 {
					ooo.Enqueue(Command{Type: icd.CL_COMMAND_BARRIER, WaitAll: true, Barrier: true, Cheap: true})
				}
				gate.SetUserStatus(icd.CL_COMPLETE)
				if s := c.Wait(); s != icd.CL_COMPLETE || n.Load() != 2 {
					t.Errorf("goroutine %d round %d: status %d, %d ran", g, i, s, n.Load())
					return
				}
				gate.Release()
			}
		}(g)
	}
	wg.Wait()
	inOrder.Finish()
	ooo.Finish()
	if total.Load() != 8*300*2 {
		t.Errorf("%d commands ran", total.Load())
	}
}
