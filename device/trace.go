package device

import (
	"strconv"
	"sync"

	"gocl/device/trace"
	"gocl/icd"
)

// The device side of GOCL_TRACE (package trace): what a command records
// while it runs, handed to trace when it ends. Nothing here runs unless
// trace.On(): a command then costs one bool test.

// eventTrace is an event's trace state, made at enqueue when tracing.
type eventTrace struct {
	id     uint64
	bytes  uint64
	launch *NDRange
	deps   []uint64
}

// traceEnqueue numbers a command and records what it waits for.
func (e *Event) traceEnqueue(c *Command) {
	t := &eventTrace{id: trace.NewID(), bytes: c.Bytes, launch: c.Launch}
	for _, w := range c.WaitList {
		if w.trace != nil {
			t.deps = append(t.deps, w.trace.id)
		}
	}
	for _, w := range c.After {
		if w.trace != nil {
			t.deps = append(t.deps, w.trace.id)
		}
	}
	e.trace = t
}

// traceEnd records an ended command. The times are final: nothing writes
// them after the end.
func (e *Event) traceEnd(status int32) {
	t := e.trace
	c := trace.Command{ID: t.id, Queue: e.Queue.traceID, Type: CommandName(e.Type), Bytes: t.bytes,
		Times: [4]uint64{e.times[0], e.times[1], e.times[2], e.times[3]}, Deps: t.deps, Status: status}
	if r := t.launch; r != nil {
		c.Kernel, c.Dim, c.Global, c.Local, c.Workers = r.What, r.Dim, r.Global, r.Local, r.workers
	}
	trace.AddCommand(c)
}

// CommandName is a CL_COMMAND_* type without its prefix, for the trace.
func CommandName(t uint32) string {
	if n, ok := commandNames[t]; ok {
		return n
	}
	return "COMMAND_0x" + strconv.FormatUint(uint64(t), 16)
}

var commandNames = map[uint32]string{
	icd.CL_COMMAND_NDRANGE_KERNEL: "NDRANGE_KERNEL", icd.CL_COMMAND_TASK: "TASK",
	icd.CL_COMMAND_NATIVE_KERNEL: "NATIVE_KERNEL", icd.CL_COMMAND_READ_BUFFER: "READ_BUFFER",
	icd.CL_COMMAND_WRITE_BUFFER: "WRITE_BUFFER", icd.CL_COMMAND_COPY_BUFFER: "COPY_BUFFER",
	icd.CL_COMMAND_READ_IMAGE: "READ_IMAGE", icd.CL_COMMAND_WRITE_IMAGE: "WRITE_IMAGE",
	icd.CL_COMMAND_COPY_IMAGE: "COPY_IMAGE", icd.CL_COMMAND_COPY_IMAGE_TO_BUFFER: "COPY_IMAGE_TO_BUFFER",
	icd.CL_COMMAND_COPY_BUFFER_TO_IMAGE: "COPY_BUFFER_TO_IMAGE", icd.CL_COMMAND_MAP_BUFFER: "MAP_BUFFER",
	icd.CL_COMMAND_MAP_IMAGE: "MAP_IMAGE", icd.CL_COMMAND_UNMAP_MEM_OBJECT: "UNMAP_MEM_OBJECT",
	icd.CL_COMMAND_MARKER: "MARKER", icd.CL_COMMAND_ACQUIRE_GL_OBJECTS: "ACQUIRE_GL_OBJECTS",
	icd.CL_COMMAND_RELEASE_GL_OBJECTS: "RELEASE_GL_OBJECTS", icd.CL_COMMAND_READ_BUFFER_RECT: "READ_BUFFER_RECT",
	icd.CL_COMMAND_WRITE_BUFFER_RECT: "WRITE_BUFFER_RECT", icd.CL_COMMAND_COPY_BUFFER_RECT: "COPY_BUFFER_RECT",
	icd.CL_COMMAND_USER: "USER", icd.CL_COMMAND_BARRIER: "BARRIER",
	icd.CL_COMMAND_MIGRATE_MEM_OBJECTS: "MIGRATE_MEM_OBJECTS", icd.CL_COMMAND_FILL_BUFFER: "FILL_BUFFER",
	icd.CL_COMMAND_FILL_IMAGE: "FILL_IMAGE", icd.CL_COMMAND_SVM_FREE: "SVM_FREE",
	icd.CL_COMMAND_SVM_MEMCPY: "SVM_MEMCPY", icd.CL_COMMAND_SVM_MEMFILL: "SVM_MEMFILL",
	icd.CL_COMMAND_SVM_MAP: "SVM_MAP", icd.CL_COMMAND_SVM_UNMAP: "SVM_UNMAP",
	icd.CL_COMMAND_SVM_MIGRATE_MEM: "SVM_MIGRATE_MEM", icd.CL_COMMAND_COMMAND_BUFFER_KHR: "COMMAND_BUFFER",
}

// traceClock is the C clock (CLOCK_MONOTONIC, which the workers read)
// minus Now (Go's monotonic clock, the same clock from another origin).
var traceClock = sync.OnceValue(func() int64 { return cNow() - int64(Now()) })
