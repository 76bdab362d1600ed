package device

import (
	"testing"

	"gocl/icd"
)

// BenchmarkTraceMarker is the cost of a command with GOCL_TRACE off and on
// (run it twice, with and without GOCL_TRACE=/tmp/x.json in the
// environment): a marker with a wait list of one ended event, in an
// in-order queue, whose event is dropped at once.
func BenchmarkTraceMarker(b *testing.B) {
	q := testQueue(b, 0)
	done, _ := q.Enqueue(Command{Type: icd.CL_COMMAND_MARKER, Cheap: true})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q.Enqueue(Command{Type: icd.CL_COMMAND_MARKER, WaitList: []*Event{done}, Cheap: true})
	}
	q.Finish()
	b.StopTimer() // the trace file is written at the context's release, not per command
}
