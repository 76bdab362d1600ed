package build

import (
	"fmt"
	"os"
	"sync/atomic"
	"time"
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
