package build

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// An idle spare (after code generation) waits at SCHED_IDLE, and the
// compile that takes it runs it at normal priority: or, where this process
// may not raise it, the spare is ended and no idle spare starts again.
func TestIdleSpare(t *testing.T) {
	needClang(t)
	path, _, _ := findClang()
	for old := takeSpare(path); old != nil; old = takeSpare(path) { // (earlier tests' spares)
		old.run([]string{"--version"})
	}
	prepareIdleCompiler()
	spares.Lock()
	var s *spareCompiler
	if len(spares.waiting) == 1 {
		s = spares.waiting[0]
	}
	spares.Unlock()
	if s == nil {
		t.Fatalf("no idle spare waits (idle spares failed before: %v)", idleSparesFail.Load())
	}
	attr, err := unix.SchedGetAttr(s.pid, 0)
	if err != nil || attr.Policy != unix.SCHED_IDLE || !s.idle {
		t.Fatalf("the idle spare's policy: %+v, %v", attr, err)
	}
	taken := takeSpare(path)
	if idleSparesFail.Load() {
		if taken != nil {
			t.Fatal("a spare that could not be raised was taken")
		}
		select {
		case <-s.ended:
		case <-time.After(10 * time.Second):
			t.Fatal("the spare that could not be raised was not ended")
		}
		t.Skip("this process may not raise a spare from SCHED_IDLE: checked that it is ended")
	}
	if taken != s {
		t.Fatalf("took %p, not the idle spare %p", taken, s)
	}
	if attr, err := unix.SchedGetAttr(s.pid, 0); err != nil || attr.Policy != unix.SCHED_NORMAL {
		t.Fatalf("the taken spare's policy: %+v, %v", attr, err)
	}
	out, diag, given, err := s.run([]string{"--version"})
	if !given || err != nil || !strings.Contains(string(out), "clang version") {
		t.Fatalf("the raised spare's compile: %q %q %v %v", out, diag, given, err)
	}
}
