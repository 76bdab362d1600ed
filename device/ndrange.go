package device

/*
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>

typedef void (*gocl_range_fn)(const void *launch, size_t g0, size_t g1);

// Runs work-groups [g0, g1) of a launch through a kernel's entry point.
static void gocl_call_range(uintptr_t fn, const void *launch, size_t g0, size_t g1) {
	((gocl_range_fn)fn)(launch, g0, g1);
}

// The launch as the kernel runtime (build/lib/rt.c) reads it.
typedef struct {
	uint32_t dim;
	uint32_t pad;
	uint64_t gsize[3];
	uint64_t goff[3];
	uint64_t lsize[3];
	uint64_t ngroups[3];
	void **args;
	uint64_t local_bytes;
	void *body;
	uint64_t fiber_stack;
} gocl_launch;
*/
import "C"

import (
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

// NDRange is one kernel launch, ready to run.
type NDRange struct {
	Dim        uint32
	Global     [3]uint64 // 1 in unused dimensions
	Offset     [3]uint64
	Local      [3]uint64      // 1 in unused dimensions
	Args       unsafe.Pointer // C memory: void *args[n] and the values they point to
	LocalBytes uint64         // __local argument memory per work-group
	Entry      uintptr        // __gocl_loop_K or __gocl_fibers_K
	Body       uintptr        // __gocl_body_K (fibers)
	FiberStack uint64
}

// Groups is the number of work-groups per dimension (the last one in a
// dimension may be partial: non-uniform work-groups).
func (r *NDRange) Groups() [3]uint64 {
	var g [3]uint64
	for d := 0; d < 3; d++ {
		g[d] = (r.Global[d] + r.Local[d] - 1) / r.Local[d]
	}
	return g
}

// Run executes the launch on the device's worker threads and returns when
// every work-group has run.
func (d *Device) Run(r *NDRange) {
	groups := r.Groups()
	total := groups[0] * groups[1] * groups[2]
	if total == 0 {
		return
	}
	L := (*C.gocl_launch)(C.calloc(1, C.sizeof_gocl_launch))
	defer C.free(unsafe.Pointer(L))
	L.dim = C.uint32_t(r.Dim)
	for i := 0; i < 3; i++ {
		L.gsize[i] = C.uint64_t(r.Global[i])
		L.goff[i] = C.uint64_t(r.Offset[i])
		L.lsize[i] = C.uint64_t(r.Local[i])
		L.ngroups[i] = C.uint64_t(groups[i])
	}
	L.args = (*unsafe.Pointer)(r.Args)
	L.local_bytes = C.uint64_t(r.LocalBytes)
	L.body = addrToPointer(r.Body)
	L.fiber_stack = C.uint64_t(r.FiberStack)
	d.pool().run(r.Entry, unsafe.Pointer(L), total)
}

func addrToPointer(addr uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&addr)) }

// pool is a device's worker threads: one per core, each locked to its OS
// thread and pinned to its core.
type pool struct {
	workers []chan *job
}

type job struct {
	fn     uintptr
	launch unsafe.Pointer
	total  uint64
	chunk  uint64
	next   atomic.Uint64
	wg     sync.WaitGroup
}

var pools sync.Map // *Device → *pool

func (d *Device) pool() *pool {
	if p, ok := pools.Load(d); ok {
		return p.(*pool)
	}
	p := &pool{}
	for _, cpu := range d.Cores {
		ch := make(chan *job, 1)
		p.workers = append(p.workers, ch)
		go worker(cpu, ch)
	}
	actual, _ := pools.LoadOrStore(d, p)
	return actual.(*pool)
}

func worker(cpu int, jobs chan *job) {
	runtime.LockOSThread()
	var set unix.CPUSet
	set.Set(cpu)
	_ = unix.SchedSetaffinity(0, &set)
	for j := range jobs {
		j.work()
	}
}

func (j *job) work() {
	defer j.wg.Done()
	for {
		g0 := j.next.Add(j.chunk) - j.chunk
		if g0 >= j.total {
			return
		}
		g1 := min(g0+j.chunk, j.total)
		C.gocl_call_range(C.uintptr_t(j.fn), j.launch, C.size_t(g0), C.size_t(g1))
	}
}

// run hands total work-groups to the workers in chunks and waits for them.
func (p *pool) run(fn uintptr, launch unsafe.Pointer, total uint64) {
	n := uint64(len(p.workers))
	j := &job{fn: fn, launch: launch, total: total}
	// Several chunks per worker balance uneven work-groups; not so many that
	// handing them out costs more than running them.
	j.chunk = max(1, total/(n*8))
	workers := min(n, (total+j.chunk-1)/j.chunk)
	j.wg.Add(int(workers))
	for i := uint64(0); i < workers; i++ {
		p.workers[i] <- j
	}
	j.wg.Wait()
}
