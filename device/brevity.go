package device

import "sync/atomic"

// BriefRun is how long a launch may run and still be brief: about what
// handing a command to a goroutine costs when that has to wake a thread
// (a futex wake on the enqueuing thread, the thread's start-up on the other
// core, and its return to sleep after).
const BriefRun = 5000 // ns

// Brevity learns which launches of one kernel run briefly: those of at
// most as many work-items as the largest launch that ran in under BriefRun
// and none since that, being no larger, ran longer. A brief launch is
// cheaper run at once on the thread that makes it ready (usually the one
// that enqueues it) than handed to a goroutine of its own: a stream of
// small kernels enqueued one by one then wakes no thread per command. A
// kernel whose run time depends on its arguments more than on its size may
// be mistaken for brief once; its next run corrects the guess.
type Brevity struct {
	items atomic.Uint64 // work-items of the largest brief launch (0: none yet)
	long  atomic.Uint64 // work-items of the smallest long launch (0: none yet)
}

// LongRun is how long a launch must run to be long: long enough that the
// workers' wake-up (tens of µs) is a small part of it, so that the thread
// that runs it need not run work-groups itself meanwhile (it would be one
// thread more than cores, and one preempted while it holds work-groups
// ends the launch a scheduler's time slice late).
const LongRun = 2e6 // ns

// Long reports whether r is expected to run LongRun or longer: it has at
// least the work-items of the smallest launch that did, and none since
// that, being no smaller, ran shorter.
func (b *Brevity) Long(r *NDRange) bool {
	if b == nil {
		return false
	}
	n := b.long.Load()
	return n != 0 && r.Items() >= n
}

// Brief reports whether r is expected to run in under BriefRun.
func (b *Brevity) Brief(r *NDRange) bool {
	return b != nil && !r.Empty() && r.Items() <= b.items.Load()
}

// record learns from a run of r that took ns.
func (b *Brevity) record(r *NDRange, ns int64) {
	b.recordLong(r.Items(), ns)
	n := r.Items()
	for {
		old, learned := b.items.Load(), uint64(0)
		switch {
		case ns < BriefRun && n > old:
			learned = n
		case ns >= BriefRun && n <= old:
			learned = n - 1
		default:
			return
		}
		if b.items.CompareAndSwap(old, learned) {
			return
		}
	}
}

// Items is the number of work-items of r.
func (r *NDRange) Items() uint64 { return r.Global[0] * r.Global[1] * r.Global[2] }

// recordLong learns from a run of n work-items that took ns whether such
// launches are long.
func (b *Brevity) recordLong(n uint64, ns int64) {
	for {
		old, learned := b.long.Load(), uint64(0)
		switch {
		case ns >= LongRun && (old == 0 || n < old):
			learned = n
		case ns < LongRun && old != 0 && n >= old:
			learned = n + 1
		default:
			return
		}
		if b.long.CompareAndSwap(old, learned) {
			return
		}
	}
}
