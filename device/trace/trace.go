// Package trace is GOCL_TRACE: a timeline of every command and every
// program build, written as Chrome/Perfetto trace-event JSON (the "Trace
// Event Format") that ui.perfetto.dev and chrome://tracing open.
//
// Collecting is an append under a mutex (no I/O per record); the file is
// written whole, to a temporary file renamed over the target, at each Flush:
// when a context is released and when the library is unloaded (a C
// destructor in exports), so that a program that just returns from main
// gets a complete file. The package knows nothing of devices or queues:
// device and build hand it finished records.
package trace

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
)

// path is $GOCL_TRACE, read once at load: tracing is on for the whole
// process or not at all, so a plain bool read costs nothing when it is off.
var path = os.Getenv("GOCL_TRACE")

var on = path != ""

// On reports whether GOCL_TRACE is set.
func On() bool { return on }

// Worker is one thread's share of a kernel launch: the pool worker Index
// (-1: the enqueuing or waiting thread that ran work-groups itself) and
// when it ran its first and ended its last work-group (ns, device clock).
type Worker struct {
	Index      int
	Start, End uint64
}

// Command is one ended command. Times are ns on the device clock
// (device.Now, the clock of profiling): queued, submit, start, end.
type Command struct {
	ID      uint64
	Queue   uint64 // the queue's number in the process (queue N)
	Type    string // CL_COMMAND_* without the prefix
	Kernel  string // kernels only
	Dim     uint32
	Global  [3]uint64
	Local   [3]uint64
	Bytes   uint64 // reads, writes, copies, fills, maps; 0 otherwise
	Times   [4]uint64
	Deps    []uint64 // IDs of the events it waited for (its wait list)
	Status  int32    // CL_COMPLETE or the error that ended it
	Workers []Worker
}

// Build is one program build, compile or link.
type Build struct {
	Kind       string // build, compile, link
	Program    string // its kernels' names
	Options    string
	Cache      string // hit, miss, or off (not cached)
	Status     int32
	Start, End uint64 // ns, device clock
}

// blockSize is the commands per block of the record: a full block is
// never copied, where a growing slice would copy every record (with the
// garbage collector's write barriers) each time it doubled.
const blockSize = 1024

var (
	mu      sync.Mutex
	blocks  []*[blockSize]Command
	ncmd    int // commands recorded
	builds  []Build
	dirty   bool // records since the last Flush
	flushMu sync.Mutex

	ids    atomic.Uint64 // event IDs
	queues atomic.Uint64 // queue numbers
)

// NewID numbers an event (commands and user events) for dependencies.
func NewID() uint64 { return ids.Add(1) }

// NewQueue numbers a queue.
func NewQueue() uint64 { return queues.Add(1) }

// AddCommand records an ended command.
func AddCommand(c Command) {
	mu.Lock()
	if ncmd%blockSize == 0 {
		blocks = append(blocks, new([blockSize]Command))
	}
	blocks[ncmd/blockSize][ncmd%blockSize] = c
	ncmd++
	dirty = true
	mu.Unlock()
}

// AddBuild records a build.
func AddBuild(b Build) {
	mu.Lock()
	builds = append(builds, b)
	dirty = true
	mu.Unlock()
}

// Flush writes the trace file whole if anything was recorded since the
// last Flush (a context release with nothing new costs nothing).
func Flush() {
	if !on {
		return
	}
	flushMu.Lock() // one writer at a time: each renames a complete file
	defer flushMu.Unlock()
	mu.Lock()
	if !dirty {
		mu.Unlock()
		return
	}
	cs := make([]Command, 0, ncmd)
	for i, b := range blocks {
		cs = append(cs, b[:min(blockSize, ncmd-i*blockSize)]...)
	}
	bs := append([]Build(nil), builds...)
	dirty = false
	mu.Unlock()
	data := Encode(cs, bs)
	tmp := path + ".tmp" + strconv.Itoa(os.Getpid())
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "gocl: GOCL_TRACE: %v\n", err)
		return
	}
	if err := os.Rename(tmp, path); err != nil {
		fmt.Fprintf(os.Stderr, "gocl: GOCL_TRACE: %v\n", err)
		os.Remove(tmp)
	}
}

// Thread ids of the tracks: one process "gocl"; the compiler, the threads
// that run work-groups themselves, each pool worker, and each queue.
const (
	pid         = 1
	tidCompiler = 1
	tidCallers  = 2
	tidWorker0  = 100
	tidQueue0   = 10000
)

// Encode is the trace-event JSON of the records: an "X" (complete) event
// per command on its queue's track and per worker's share of a kernel on
// the worker's track, one per build on the compiler's track, "M" events
// naming the tracks, and an "s"/"f" flow pair per dependency between
// recorded commands. Timestamps are µs.
func Encode(cs []Command, bs []Build) []byte {
	sort.Slice(cs, func(i, j int) bool { return cs[i].Times[2] < cs[j].Times[2] })
	var b bytes.Buffer
	b.Grow(400*len(cs) + 400*len(bs) + 4096) // about what an event takes
	b.WriteString("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n")
	first := true
	ev := func(format string, args ...any) {
		if !first {
			b.WriteString(",\n")
		}
		first = false
		fmt.Fprintf(&b, format, args...)
	}
	meta := func(tid int, name string, order int) {
		ev(`{"ph":"M","pid":%d,"tid":%d,"name":"thread_name","args":{"name":%s}}`, pid, tid, strconv.Quote(name))
		ev(`{"ph":"M","pid":%d,"tid":%d,"name":"thread_sort_index","args":{"sort_index":%d}}`, pid, tid, order)
	}
	ev(`{"ph":"M","pid":%d,"name":"process_name","args":{"name":"gocl"}}`, pid)
	named := map[int]bool{}
	name := func(tid int, n string) {
		if !named[tid] {
			named[tid] = true
			meta(tid, n, tid)
		}
	}
	if len(bs) > 0 {
		name(tidCompiler, "compiler")
	}
	for _, c := range cs {
		name(tidQueue0+int(c.Queue), "queue "+strconv.FormatUint(c.Queue, 10))
		for _, w := range c.Workers {
			if w.Index < 0 {
				name(tidCallers, "callers")
			} else {
				name(tidWorker0+w.Index, "worker "+strconv.Itoa(w.Index))
			}
		}
	}

	for _, x := range bs {
		ev(`{"ph":"X","pid":%d,"tid":%d,"cat":"build","name":%s,"ts":%s,"dur":%s,"args":{"program":%s,"options":%s,"cache":"%s","status":%d,"compile_ms":%s}}`,
			pid, tidCompiler, strconv.Quote(x.Kind+" "+x.Program), us(x.Start), us(x.End-x.Start),
			strconv.Quote(x.Program), strconv.Quote(x.Options), x.Cache, x.Status, strconv.FormatFloat(float64(x.End-x.Start)/1e6, 'f', 3, 64))
	}
	byID := map[uint64]*Command{}
	for i := range cs {
		byID[cs[i].ID] = &cs[i]
	}
	flow := 0
	for _, c := range cs {
		label := c.Type
		if c.Kernel != "" {
			label = c.Kernel
		}
		tid := tidQueue0 + int(c.Queue)
		var args bytes.Buffer
		fmt.Fprintf(&args, `"id":%d,"queue":%d,"type":"%s"`, c.ID, c.Queue, c.Type)
		if c.Kernel != "" {
			fmt.Fprintf(&args, `,"kernel":%s,"global":%s,"local":%s`, strconv.Quote(c.Kernel), dims(c.Dim, c.Global), dims(c.Dim, c.Local))
		}
		if c.Bytes != 0 {
			fmt.Fprintf(&args, `,"bytes":%d`, c.Bytes)
		}
		fmt.Fprintf(&args, `,"queued_us":%s,"submit_us":%s,"start_us":%s,"end_us":%s,"status":%d,"deps":[`,
			us(c.Times[0]), us(c.Times[1]), us(c.Times[2]), us(c.Times[3]), c.Status)
		for i, d := range c.Deps {
			if i > 0 {
				args.WriteByte(',')
			}
			args.WriteString(strconv.FormatUint(d, 10))
		}
		args.WriteString(`],"workers":[`)
		for i, w := range c.Workers {
			if i > 0 {
				args.WriteByte(',')
			}
			args.WriteString(strconv.Itoa(w.Index))
		}
		args.WriteString("]")
		ev(`{"ph":"X","pid":%d,"tid":%d,"cat":"command","name":%s,"ts":%s,"dur":%s,"args":{%s}}`,
			pid, tid, strconv.Quote(label), us(c.Times[2]), us(c.Times[3]-c.Times[2]), args.String())
		for _, w := range c.Workers {
			wt := tidWorker0 + w.Index
			if w.Index < 0 {
				wt = tidCallers
			}
			ev(`{"ph":"X","pid":%d,"tid":%d,"cat":"worker","name":%s,"ts":%s,"dur":%s,"args":{"id":%d,"queue":%d}}`,
				pid, wt, strconv.Quote(label), us(w.Start), us(w.End-w.Start), c.ID, c.Queue)
		}
		// A flow arrow from each recorded dependency to this command: it
		// leaves the dependency's slice and binds to this one's start.
		for _, d := range c.Deps {
			src, found := byID[d]
			if !found {
				continue
			}
			flow++
			ev(`{"ph":"s","pid":%d,"tid":%d,"cat":"dep","name":"dep","id":%d,"ts":%s}`,
				pid, tidQueue0+int(src.Queue), flow, us(src.Times[2]))
			ev(`{"ph":"f","bp":"e","pid":%d,"tid":%d,"cat":"dep","name":"dep","id":%d,"ts":%s}`,
				pid, tid, flow, us(c.Times[2]))
		}
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

// us formats ns as µs with ns precision.
func us(ns uint64) string { return strconv.FormatFloat(float64(ns)/1000, 'f', 3, 64) }

func dims(n uint32, v [3]uint64) string {
	s := "["
	for i := uint32(0); i < n && i < 3; i++ {
		if i > 0 {
			s += ","
		}
		s += strconv.FormatUint(v[i], 10)
	}
	return s + "]"
}
