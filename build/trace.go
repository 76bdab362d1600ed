package build

import (
	"sync/atomic"
	"time"

	"gocl/icd"
)

// timeStage starts timing a compiler stage; the function it returns prints
// the stage's wall time when debugging (GOCL_DEBUG).
func timeStage(name string) func() {
	if !icd.Debug {
		return func() {}
	}
	start := time.Now()
	return func() { icd.Tracef("stage %s: %.1f ms", name, float64(time.Since(start).Microseconds())/1000) }
}

// countingStat is a counter of compiler work that tests read (how many
// front-end passes ran, how many kernels were compiled).
type countingStat struct{ n atomic.Int64 }

func (c *countingStat) add(n int64) { c.n.Add(n) }
func (c *countingStat) get() int64  { return c.n.Load() }
