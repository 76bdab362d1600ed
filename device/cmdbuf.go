package device

import (
	"sync"
	"sync/atomic"

	"gocl/icd"
)

// CommandBuffer is a cl_khr_command_buffer object: commands recorded once and
// run, in recording order, as one command of a queue each time the buffer is
// enqueued. Running the commands in the order they were recorded honours
// every sync point (a command can only wait for commands recorded before
// it) and every barrier, so a replay needs no scheduling of its own.
type CommandBuffer struct {
	icd.Base
	Ctx      *Context
	Queues   []*Queue
	PropList []int64 // as given to clCreateCommandBufferKHR; nil if NULL
	Flags    uint64  // CL_COMMAND_BUFFER_FLAGS_KHR
	Asserts  uint64  // CL_COMMAND_BUFFER_MUTABLE_DISPATCH_ASSERTS_KHR

	// shadow is the queue commands are recorded through: the clEnqueue*
	// entry points validate and prepare a command on it as they would on a
	// real queue, and its capture hands the command to the buffer instead
	// of running it. rec serializes recordings (one capture at a time).
	shadow   *Queue
	rec      sync.Mutex
	captured *Command

	mu        sync.Mutex
	state     uint32 // CL_COMMAND_BUFFER_STATE_*
	steps     []*Launch
	holds     []Holder
	unset     map[int]bool // kernel commands whose arguments are not all set
	last      *Event       // the newest run (runs without simultaneous use are serialized)
	onDestroy []func()
}

// Launch is the work of one recorded command. A mutable kernel command
// gets a new Launch at each update; runs already enqueued keep the one
// they started with, which is freed when the last of them has ended.
type Launch struct {
	Run  func() int32 // nil: nothing to do (a barrier)
	free func()
	refs atomic.Int32
}

// NewLaunch makes a Launch; free (may be nil) runs when it is no longer used.
func NewLaunch(run func() int32, free func()) *Launch {
	l := &Launch{Run: run, free: free}
	l.refs.Store(1)
	return l
}

func (l *Launch) ref() { l.refs.Add(1) }

func (l *Launch) unref() {
	if l.refs.Add(-1) == 0 && l.free != nil {
		l.free()
	}
}

// Release drops the creator's reference of a Launch that was never added
// to a command-buffer.
func (l *Launch) Release() { l.unref() }

// NewCommandBuffer creates a command-buffer recording for queues (retained
// until the buffer is destroyed) and its handle.
func NewCommandBuffer(ctx *Context, queues []*Queue, propList []int64, flags, asserts uint64) *CommandBuffer {
	cb := &CommandBuffer{Ctx: ctx, Queues: queues, PropList: propList, Flags: flags, Asserts: asserts,
		state: icd.CL_COMMAND_BUFFER_STATE_RECORDING_KHR, unset: map[int]bool{}}
	for _, q := range queues {
		q.Retain()
	}
	cb.shadow = NewQueue(ctx, queues[0].Dev, queues[0].Props, nil)
	cb.shadow.capture = func(c Command) { cb.captured = &c }
	ctx.Ref()
	icd.Register(cb, icd.KindCommandBuffer, cb.destroy)
	return cb
}

func (cb *CommandBuffer) destroy() {
	for _, f := range cb.onDestroy {
		f()
	}
	for _, l := range cb.steps {
		l.unref()
	}
	for _, h := range cb.holds {
		h.Unref()
	}
	for _, q := range cb.Queues {
		q.Release()
	}
	cb.shadow.Release()
	cb.Ctx.Unref()
}

// OnDestroy runs f when the command-buffer is destroyed.
func (cb *CommandBuffer) OnDestroy(f func()) {
	cb.mu.Lock()
	cb.onDestroy = append(cb.onDestroy, f)
	cb.mu.Unlock()
}

// Capture calls enqueue with the buffer's recording queue and returns the
// command the call made instead of running it, or the call's error.
func (cb *CommandBuffer) Capture(enqueue func(shadow *Queue) int32) (Command, int32) {
	cb.rec.Lock()
	defer cb.rec.Unlock()
	cb.captured = nil
	code := enqueue(cb.shadow)
	c := cb.captured
	cb.captured = nil
	switch {
	case code != icd.CL_SUCCESS:
		return Command{}, code
	case c == nil:
		// A command with nothing to do, if any, is recorded as such.
		return Command{}, icd.CL_SUCCESS
	}
	return *c, icd.CL_SUCCESS
}

// Recording reports whether commands may still be recorded.
func (cb *CommandBuffer) Recording() bool {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	return cb.state == icd.CL_COMMAND_BUFFER_STATE_RECORDING_KHR
}

// State is CL_COMMAND_BUFFER_STATE_KHR.
func (cb *CommandBuffer) State() uint32 {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	return cb.state
}

// SyncPointsValid reports whether every sync point of list names a command
// recorded so far.
func (cb *CommandBuffer) SyncPointsValid(list []uint32) bool {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	for _, s := range list {
		if s == 0 || int(s) > len(cb.steps) {
			return false
		}
	}
	return true
}

// Append records a command: its work (nil for a command whose arguments are
// not all set yet: see SetLaunch) and what it keeps alive. It returns the
// command's index and sync point (index + 1), or CL_INVALID_OPERATION if the
// buffer was finalized meanwhile (the caller frees l then).
func (cb *CommandBuffer) Append(l *Launch, holds []Holder) (int, uint32, int32) {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	if cb.state != icd.CL_COMMAND_BUFFER_STATE_RECORDING_KHR {
		return 0, 0, icd.Fail(icd.CL_INVALID_OPERATION, "the command-buffer is finalized")
	}
	i := len(cb.steps)
	if l == nil {
		l = NewLaunch(nil, nil)
		cb.unset[i] = true
	}
	cb.steps = append(cb.steps, l)
	for _, h := range holds {
		h.Ref()
		cb.holds = append(cb.holds, h)
	}
	return i, uint32(i + 1), icd.CL_SUCCESS
}

// Finalize is clFinalizeCommandBufferKHR.
func (cb *CommandBuffer) Finalize() int32 {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	if cb.state != icd.CL_COMMAND_BUFFER_STATE_RECORDING_KHR {
		return icd.Fail(icd.CL_INVALID_OPERATION, "the command-buffer is already finalized")
	}
	cb.state = icd.CL_COMMAND_BUFFER_STATE_EXECUTABLE_KHR
	if len(cb.unset) > 0 {
		cb.state = icd.CL_COMMAND_BUFFER_STATE_FINALIZED_KHR
	}
	return icd.CL_SUCCESS
}

// SetLaunches replaces the work of commands (mutable dispatch): runs
// enqueued before keep the work they started with.
func (cb *CommandBuffer) SetLaunches(index []int, ls []*Launch) {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	for j, i := range index {
		cb.steps[i].unref()
		cb.steps[i] = ls[j]
		delete(cb.unset, i)
	}
	if cb.state == icd.CL_COMMAND_BUFFER_STATE_FINALIZED_KHR && len(cb.unset) == 0 {
		cb.state = icd.CL_COMMAND_BUFFER_STATE_EXECUTABLE_KHR
	}
}

// run is what one enqueue of the buffer runs: the commands' work as it was
// at the enqueue. It is a Holder of the enqueued command, so that its
// Launches are released when the command ends, run or not.
type run struct {
	once  sync.Once
	steps []*Launch
}

func (r *run) Ref() {}
func (r *run) Unref() {
	r.once.Do(func() {
		for _, l := range r.steps {
			l.unref()
		}
	})
}

func (r *run) exec() int32 {
	for _, l := range r.steps {
		if l.Run == nil {
			continue
		}
		if s := l.Run(); s < 0 {
			return s
		}
	}
	return icd.CL_COMPLETE
}

// Enqueue is clEnqueueCommandBufferKHR on q once the arguments are checked:
// one command of q that runs every recorded command in order. Without
// CL_COMMAND_BUFFER_SIMULTANEOUS_USE_KHR, a run also waits for the previous
// run to end (simultaneous use is then undefined behaviour; this makes it safe).
func (cb *CommandBuffer) Enqueue(q *Queue, waitList []*Event, noEvent bool) (*Event, int32) {
	cb.mu.Lock()
	defer cb.mu.Unlock()
	switch cb.state {
	case icd.CL_COMMAND_BUFFER_STATE_RECORDING_KHR:
		return nil, icd.Fail(icd.CL_INVALID_OPERATION, "the command-buffer is not finalized")
	case icd.CL_COMMAND_BUFFER_STATE_FINALIZED_KHR:
		return nil, icd.Fail(icd.CL_INVALID_OPERATION, "the command-buffer has kernel commands whose arguments are not all set")
	}
	r := &run{steps: append([]*Launch(nil), cb.steps...)}
	for _, l := range r.steps {
		l.ref()
	}
	c := Command{Type: icd.CL_COMMAND_COMMAND_BUFFER_KHR, WaitList: waitList, Run: r.exec,
		Holds: []Holder{r, cb}, NoEvent: noEvent}
	if cb.Flags&icd.CL_COMMAND_BUFFER_SIMULTANEOUS_USE_KHR == 0 && cb.last != nil {
		c.After = []*Event{cb.last}
	}
	e, s := q.Enqueue(c)
	if e != nil {
		cb.last = e
	}
	return e, s
}
