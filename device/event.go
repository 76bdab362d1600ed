package device

import (
	"sync"
	"sync/atomic"
	"time"

	"gocl/device/trace"
	"gocl/icd"
)

// Event is the state of one command (or a user event): its execution status,
// profiling times, status callbacks, and the commands waiting for it.
type Event struct {
	icd.Base
	Ctx   *Context
	Queue *Queue // nil for user events
	Type  uint32 // CL_COMMAND_*

	mu         sync.Mutex
	status     int32
	done       chan struct{} // made on demand, closed when status <= CL_COMPLETE
	callbacks  []callback
	dependents []dependent
	times      [5]uint64 // queued, submit, start, end, complete (ns)

	// Command state, set by Enqueue.
	run     func() int32
	cheap   bool // short enough to run on whatever thread makes it ready
	pending int32
	failed  bool // a wait-list event ended with an error
	userSet bool // a user event's status was set (clSetUserEventStatus)
	holds   []Holder
	claimed atomic.Bool
	trace   *eventTrace // GOCL_TRACE only (trace.go)
}

// Holder is what a command keeps alive until it completes (memory objects).
type Holder interface {
	Ref()
	Unref()
}

type callback struct {
	when int32 // CL_SUBMITTED, CL_RUNNING or CL_COMPLETE
	fn   func(status int32)
}

type dependent struct {
	ev        *Event
	propagate bool // failure of this event fails the dependent (wait lists)
}

var epoch = time.Now()

// Now is the device and host timer in nanoseconds (clGetDeviceAndHostTimer):
// the monotonic clock, shared by profiling.
func Now() uint64 { return uint64(time.Since(epoch).Nanoseconds()) + 1 }

// NewUserEvent creates a user event (CL_SUBMITTED until the application sets it).
func NewUserEvent(ctx *Context) *Event {
	e := &Event{Ctx: ctx, Type: icd.CL_COMMAND_USER, status: icd.CL_SUBMITTED}
	if trace.On() {
		// Numbered, so the commands that wait for it list it.
		e.trace = &eventTrace{id: trace.NewID()}
	}
	ctx.Ref()
	icd.Register(e, icd.KindEvent, ctx.Unref)
	return e
}

// Publish gives a command's event a handle for the application.
func (e *Event) Publish() {
	e.Queue.Ref()
	icd.Register(e, icd.KindEvent, e.Queue.Unref)
}

// Status is the execution status (CL_EVENT_COMMAND_EXECUTION_STATUS).
func (e *Event) Status() int32 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.status
}

// Wait blocks until the event completes and returns its final status.
func (e *Event) Wait() int32 {
	// A command that is ready and not started yet runs on the waiting
	// thread, which would only wait for it otherwise.
	e.mu.Lock()
	ready := e.status == icd.CL_SUBMITTED && !e.failed && e.run != nil && e.Queue != nil && e.pending == 0
	e.mu.Unlock()
	if ready {
		e.tryExecute()
	}
	e.mu.Lock()
	if e.status <= icd.CL_COMPLETE {
		s := e.status
		e.mu.Unlock()
		return s
	}
	if e.done == nil {
		e.done = make(chan struct{})
	}
	ch := e.done
	e.mu.Unlock()
	<-ch
	return e.Status()
}

// Times returns the profiling times, and false if the event has none: a user
// event, a queue without profiling, or a command not yet complete.
func (e *Event) Times() ([5]uint64, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.Queue == nil || !e.Queue.Profiling || e.status != icd.CL_COMPLETE {
		return e.times, false
	}
	return e.times, true
}

// OnStatus registers fn to run when the event reaches status when
// (CL_SUBMITTED, CL_RUNNING or CL_COMPLETE) or ends in an error. If it is
// already there, fn runs at once on another goroutine.
func (e *Event) OnStatus(when int32, fn func(status int32)) {
	e.mu.Lock()
	if e.status <= when || e.status < 0 {
		s := e.status
		if s >= 0 {
			s = when
		}
		e.mu.Unlock()
		go fn(s)
		return
	}
	e.callbacks = append(e.callbacks, callback{when, fn})
	e.mu.Unlock()
}

// SetUserStatus sets a user event's final status, once.
func (e *Event) SetUserStatus(status int32) int32 {
	e.mu.Lock()
	// Claimed under the lock: of two threads setting the status at once,
	// exactly one succeeds.
	if e.userSet || e.status <= icd.CL_COMPLETE {
		e.mu.Unlock()
		return icd.Fail(icd.CL_INVALID_OPERATION, "the user event's status was already set")
	}
	e.userSet = true
	e.mu.Unlock()
	e.setStatus(status)
	return icd.CL_SUCCESS
}

// setStatus moves the event to status, running the callbacks it reaches and,
// when it ends, starting the commands that were waiting for it.
func (e *Event) setStatus(status int32) {
	var ready []*Event
	e.advance(status, &ready)
	startAll(ready)
}

// advance moves the event to status, running the callbacks it reaches; when
// it ends, the commands whose last dependency it was are appended to ready
// for the caller to start. Completion never recurses into the commands it
// makes ready: a chain of millions of commands behind one event runs in a
// loop (startAll), not millions of nested calls.
func (e *Event) advance(status int32, ready *[]*Event) {
	e.mu.Lock()
	if e.status <= icd.CL_COMPLETE {
		e.mu.Unlock()
		return
	}
	e.status = status
	now := uint64(0)
	if e.Queue != nil && (e.Queue.Profiling || e.trace != nil) {
		now = Now()
	}
	switch {
	case status == icd.CL_SUBMITTED:
		e.times[1] = now
	case status == icd.CL_RUNNING:
		e.times[2] = now
	default:
		if e.times[2] == 0 {
			e.times[2] = now
		}
		e.times[3], e.times[4] = now, now
	}
	var due []callback
	kept := e.callbacks[:0]
	for _, cb := range e.callbacks {
		if status <= cb.when || status < 0 {
			due = append(due, cb)
		} else {
			kept = append(kept, cb)
		}
	}
	e.callbacks = kept
	var deps []dependent
	if status <= icd.CL_COMPLETE {
		deps = e.dependents
		e.dependents = nil
		if e.done != nil {
			close(e.done)
		}
	}
	e.mu.Unlock()

	for _, cb := range due {
		// The callback gets the status it was registered for, even when the
		// event went past it at once (a user event: CL_SUBMITTED straight to
		// CL_COMPLETE), or the error that ended the command.
		s := cb.when
		if status < 0 {
			s = status
		}
		cb.fn(s)
	}
	if status > icd.CL_COMPLETE {
		return
	}
	if e.trace != nil && e.Queue != nil {
		e.traceEnd(status)
	}
	if e.Queue != nil {
		e.Queue.retire(e)
	}
	for _, h := range e.holds {
		h.Unref()
	}
	e.holds = nil
	for _, d := range deps {
		if d.ev.countDone(d.propagate && status < 0) {
			*ready = append(*ready, d.ev)
		}
	}
}

// startAll starts the commands in ready, and those their ending makes
// ready in turn, breadth first, until none is left.
func startAll(ready []*Event) { startAllKeeping(ready, nil) }

// startAllKeeping is startAll for a goroutine that ran a command: the
// first command that would get a goroutine of its own is left in *keep
// instead, for this one to run next. An in-order queue's commands then
// run one after another on one goroutine, not each on a new one (whose
// start wakes another thread: half the cost of an empty kernel).
func startAllKeeping(ready []*Event, keep **Event) {
	var next []*Event
	for len(ready) > 0 {
		for i, r := range ready {
			ready[i] = nil
			r.start(false, &next, keep)
		}
		ready, next = next, ready[:0]
	}
}

// addDependent makes d wait for e; it returns false (and adds nothing) if e
// has already ended, with e's final status.
func (e *Event) addDependent(d *Event, propagate bool) (bool, int32) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.status <= icd.CL_COMPLETE {
		return false, e.status
	}
	e.dependents = append(e.dependents, dependent{d, propagate})
	return true, 0
}

// depDone counts one finished dependency; at the last one the command starts.
// onCaller says the caller is the enqueuing thread of a blocking command.
func (e *Event) depDone(failed bool, onCaller bool) {
	if !e.countDone(failed) {
		return
	}
	var ready []*Event
	e.start(onCaller, &ready, nil)
	startAll(ready)
}

// countDone counts one finished dependency and reports whether it was the
// last one.
func (e *Event) countDone(failed bool) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if failed {
		e.failed = true
	}
	e.pending--
	return e.pending == 0
}

// start submits a command whose dependencies have all ended and runs it
// (on this thread if it is cheap or onCaller, else on a goroutine of its
// own, or, with keep not nil and empty, left in *keep for the caller's
// goroutine to run next); the commands its end makes ready are appended
// to ready.
func (e *Event) start(onCaller bool, ready *[]*Event, keep **Event) {
	e.advance(icd.CL_SUBMITTED, ready)
	if e.failed {
		e.advance(icd.CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST, ready)
		return
	}
	switch {
	case onCaller || e.cheap:
		if e.claimed.CompareAndSwap(false, true) {
			e.execute(ready)
		}
	case keep != nil && *keep == nil:
		*keep = e
	default:
		go e.runChain()
	}
}

// tryExecute runs the command unless a waiting thread took it first.
func (e *Event) tryExecute() {
	if e.claimed.CompareAndSwap(false, true) {
		var ready []*Event
		e.execute(&ready)
		startAll(ready)
	}
}

// runChain is a command's goroutine: it runs the command (unless a
// waiting thread took it first), then one of the commands that its end
// makes ready, and so on.
func (e *Event) runChain() {
	for e != nil && e.claimed.CompareAndSwap(false, true) {
		var ready []*Event
		e.execute(&ready)
		e = nil
		startAllKeeping(ready, &e)
	}
}

func (e *Event) execute(ready *[]*Event) {
	e.advance(icd.CL_RUNNING, ready)
	status := int32(icd.CL_COMPLETE)
	if e.run != nil {
		status = e.run()
	}
	e.advance(status, ready)
}
