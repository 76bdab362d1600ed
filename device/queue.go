package device

import (
	"sync"

	"gocl/device/trace"
	"gocl/icd"
)

// Queue is a command-queue. Commands are submitted as soon as they are
// enqueued (so clFlush has nothing to do) and run as soon as what they wait
// for has ended: in order, or as their wait lists allow for out-of-order queues.
type Queue struct {
	icd.Base
	Ctx        *Context
	Dev        *Device
	Props      uint64  // CL_QUEUE_PROPERTIES
	PropList   []int64 // as given to clCreateCommandQueueWithProperties; nil if none
	Profiling  bool
	OutOfOrder bool
	Size       uint32 // CL_QUEUE_SIZE (device queues only; 0 here)

	mu      sync.Mutex
	last    *Event          // in-order: the newest command
	barrier *Event          // out-of-order: the newest barrier
	active  map[*Event]bool // out-of-order: commands not yet ended
	// Out-of-order: the newest command that waits for all before it
	// (WaitAll), and the commands not yet ended enqueued after it. A
	// WaitAll command waits for these only (the newest WaitAll command
	// covers the rest), so a run of markers costs linear time, not
	// quadratic.
	lastAll  *Event
	sinceAll map[*Event]bool

	// capture, for the hidden queue a command-buffer records through
	// (NewCaptureQueue), takes every command instead of running it.
	capture func(Command)

	traceID uint64 // GOCL_TRACE: the queue's number (queue N)
}

// NewQueue creates a host command-queue and its handle.
func NewQueue(ctx *Context, dev *Device, props uint64, propList []int64) *Queue {
	q := &Queue{Ctx: ctx, Dev: dev, Props: props, PropList: propList,
		Profiling:  props&icd.CL_QUEUE_PROFILING_ENABLE != 0,
		OutOfOrder: props&icd.CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE != 0,
		active:     map[*Event]bool{}, sinceAll: map[*Event]bool{}}
	if trace.On() {
		q.traceID = trace.NewQueue()
	}
	ctx.Ref()
	dev.Base.Ref()
	icd.Register(q, icd.KindQueue, func() { ctx.Unref(); dev.Base.Unref() })
	return q
}

// Command describes one command for Enqueue.
type Command struct {
	Type     uint32       // CL_COMMAND_*
	WaitList []*Event     // validated by the caller
	Run      func() int32 // the work: CL_COMPLETE or a negative error; nil for none
	// Cheap commands (maps, markers …) run on whichever thread makes them
	// ready; others get a goroutine of their own unless the caller blocks.
	Cheap bool
	// Blocking: the caller will wait, so the command may run on its thread.
	Blocking bool
	// WaitAll: in an out-of-order queue, wait for every command enqueued
	// before (markers and barriers with an empty wait list).
	WaitAll bool
	// Barrier: in an out-of-order queue, every later command waits for this one.
	Barrier bool
	// Holds are kept alive until the command ends.
	Holds []Holder
	// NoEvent: nobody will see the command's event, so a command that can
	// end at once (see Enqueue) needs none.
	NoEvent bool
	// After are events the command waits for without taking their failure
	// (a command-buffer's previous run).
	After []*Event
	// For GOCL_TRACE: the bytes a read, write, copy, fill or map moves, and
	// a kernel's launch (its name, sizes, and the threads that ran it).
	Bytes  uint64
	Launch *NDRange
}

// Enqueue submits a command and returns its event. A command that waits
// for nothing on an idle queue, whose event nobody sees and whose caller
// would wait for it anyway (blocking or cheap), runs at once on the caller's
// thread without an event: then Enqueue returns nil and the command's status.
func (q *Queue) Enqueue(c Command) (*Event, int32) {
	if q.capture != nil {
		q.capture(c)
		return nil, icd.CL_COMPLETE
	}
	tracing := trace.On() // a traced command needs its event, for its times
	if c.NoEvent && (c.Blocking || c.Cheap) && len(c.WaitList) == 0 && !q.Profiling && !tracing {
		q.mu.Lock()
		if q.last == nil && q.barrier == nil && len(q.active) == 0 {
			// Holding q.mu makes commands enqueued meanwhile wait for this one.
			status := int32(icd.CL_COMPLETE)
			if c.Run != nil {
				status = c.Run()
			}
			q.mu.Unlock()
			return nil, status
		}
		q.mu.Unlock()
	}
	e := &Event{Ctx: q.Ctx, Queue: q, Type: c.Type, status: icd.CL_QUEUED,
		run: c.Run, cheap: c.Cheap, holds: c.Holds}
	if tracing {
		e.traceEnqueue(&c)
	}
	if q.Profiling || tracing {
		e.times[0] = Now()
	}
	for _, h := range c.Holds {
		h.Ref()
	}
	q.Ref() // released when the command ends (retire)

	// pending starts at 1 so that no dependency can start the command before
	// all of them are counted.
	e.pending = 1
	for _, w := range c.WaitList {
		e.waitFor(w, true)
	}
	for _, w := range c.After {
		e.waitFor(w, false)
	}
	q.mu.Lock()
	if q.OutOfOrder {
		if c.WaitAll {
			if q.lastAll != nil {
				e.waitFor(q.lastAll, false)
			}
			for a := range q.sinceAll {
				e.waitFor(a, false)
			}
			q.lastAll = e
			clear(q.sinceAll)
		} else {
			q.sinceAll[e] = true
		}
		if q.barrier != nil {
			e.waitFor(q.barrier, false)
		}
		if c.Barrier {
			q.barrier = e
		}
		q.active[e] = true
	} else {
		if q.last != nil {
			e.waitFor(q.last, false)
		}
		q.last = e
	}
	q.mu.Unlock()
	e.depDone(false, c.Blocking)
	return e, icd.CL_QUEUED
}

func (e *Event) waitFor(w *Event, propagate bool) {
	e.mu.Lock()
	e.pending++
	e.mu.Unlock()
	if added, status := w.addDependent(e, propagate); !added {
		e.depDone(propagate && status < 0, false)
	}
}

// retire forgets an ended command.
func (q *Queue) retire(e *Event) {
	q.mu.Lock()
	if q.OutOfOrder {
		delete(q.active, e)
		delete(q.sinceAll, e)
		if q.lastAll == e {
			q.lastAll = nil
		}
		if q.barrier == e {
			q.barrier = nil
		}
	} else if q.last == e {
		q.last = nil
	}
	q.mu.Unlock()
	q.Unref()
}

// Finish waits until every command enqueued so far has ended.
func (q *Queue) Finish() {
	q.mu.Lock()
	var wait []*Event
	if q.OutOfOrder {
		for a := range q.active {
			wait = append(wait, a)
		}
	} else if q.last != nil {
		wait = append(wait, q.last)
	}
	q.mu.Unlock()
	for _, e := range wait {
		e.Wait()
	}
}
