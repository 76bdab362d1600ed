package build

import (
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"gocl/device"
	"gocl/device/trace"
)

// stageTimes is set by GOCL_TIMING: the compiler prints each stage's wall
// time on stderr (GOCL_DEBUG prints only why calls fail).
var stageTimes = os.Getenv("GOCL_TIMING") != ""

// timeStage starts timing a compiler stage; the function it returns prints
// the stage's wall time if GOCL_TIMING is set.
func timeStage(name string) func() {
	if !stageTimes {
		return func() {}
	}
	start := time.Now()
	return func() {
		fmt.Fprintf(os.Stderr, "gocl: stage %s: %.1f ms\n", name, float64(time.Since(start).Microseconds())/1000)
	}
}

// countingStat is a counter of compiler work that tests read (how many
// front-end passes ran, how many kernels were compiled).
type countingStat struct{ n atomic.Int64 }

func (c *countingStat) add(n int64) { c.n.Add(n) }
func (c *countingStat) get() int64  { return c.n.Load() }

// buildTrace is one build, compile or link being recorded for GOCL_TRACE
// (package trace); nil when tracing is off, and then its methods do nothing.
type buildTrace struct {
	kind, options, cache string
	start                uint64
}

func startTrace(kind, options string) *buildTrace {
	if !trace.On() {
		return nil
	}
	return &buildTrace{kind: kind, options: options, cache: "off", start: device.Now()}
}

// cached notes whether the cache had the result (hit), or was looked up
// and had not (looked: a miss); neither is a build without the cache.
func (t *buildTrace) cached(hit, looked bool) {
	switch {
	case t == nil:
	case hit:
		t.cache = "hit"
	case looked:
		t.cache = "miss"
	}
}

// end records the build with its result: its kernels name the program.
func (t *buildTrace) end(b DeviceBuild, code int32) {
	if t == nil {
		return
	}
	name := strings.Join(b.KernelNames, ",")
	if name == "" {
		name = "(no kernels)"
	}
	trace.AddBuild(trace.Build{Kind: t.kind, Program: name, Options: t.options, Cache: t.cache,
		Status: code, Start: t.start, End: device.Now()})
}
