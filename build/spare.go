package build

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// Spare compilers. Of the ≈ 125 ms a clang process takes for a small
// compile, ≈ 90 ms are its start-up: the dynamic loader relocating
// libclang-cpp and libLLVM. A spare is a clang process started before it
// is needed, with the single argument @/dev/fd/3: it loads, then waits
// for its command line on that pipe. A compile that finds one ready writes
// its arguments (and stdin) and pays only the compile. A spare starts when
// a context is created or a program is created from source or IL (a front
// end is likely to follow) and when a front end is done (code generation
// follows, at the first launch, while the work-group stages leave a core
// free): a cold build's two clang runs each find one ready. None starts
// after code generation, when the application's kernels run: a start-up
// takes a core for 90 ms, which a benchmark would see. At most two wait at
// a time; one that waits for spareIdle is ended. A compile at idle
// priority (a background shape, inIdleTime) runs its own clang: a spare
// runs at normal priority.

// spareIdle is how long a spare waits for a compile before it is ended.
const spareIdle = 30 * time.Second

// maxSpares bounds the spares waiting at once.
const maxSpares = 2

type spareCompiler struct {
	path  string
	args  *os.File      // the write end of the pipe clang reads its arguments from
	stdin *os.File      // the write end of clang's standard input
	given chan struct{} // closed when a compile takes the spare
	ended chan struct{} // closed when the process has ended (err, out and errb are then final)
	err   error
	out   bytes.Buffer
	errb  bytes.Buffer
}

var spares struct {
	sync.Mutex
	waiting []*spareCompiler // oldest first
}

// PrepareCompiler starts a spare compiler unless one waits: when a context
// is created or a program is created from source or IL, a build is likely
// to follow, before the application runs kernels.
func PrepareCompiler() { prepareCompilers(1) }

// prepareCompilers starts spares until n wait (at most maxSpares).
func prepareCompilers(n int) {
	path, _, err := findClang()
	if err != nil || exiting() || getenv("GOCL_NO_SPARE") != "" {
		return
	}
	spares.Lock()
	defer spares.Unlock()
	live := spares.waiting[:0]
	for _, s := range spares.waiting {
		if !s.hasEnded() {
			live = append(live, s)
		}
	}
	spares.waiting = live
	for len(spares.waiting) < min(n, maxSpares) {
		s, err := startSpare(path)
		if err != nil {
			return
		}
		spares.waiting = append(spares.waiting, s)
	}
}

// takeSpare takes the oldest spare still waiting that runs path, if there
// is one and the calling thread is not at idle priority.
func takeSpare(path string) *spareCompiler {
	if attr, err := unix.SchedGetAttr(0, 0); err != nil || attr.Policy == unix.SCHED_IDLE {
		return nil
	}
	spares.Lock()
	defer spares.Unlock()
	for len(spares.waiting) > 0 {
		s := spares.waiting[0]
		spares.waiting = spares.waiting[1:]
		if s.path == path && !s.hasEnded() {
			close(s.given)
			return s
		}
	}
	return nil
}

func (s *spareCompiler) hasEnded() bool {
	select {
	case <-s.ended:
		return true
	default:
		return false
	}
}

// startSpare starts clang (path) waiting for its arguments.
func startSpare(path string) (*spareCompiler, error) {
	argsR, argsW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	stdinR, stdinW, err := os.Pipe()
	if err != nil {
		argsR.Close()
		argsW.Close()
		return nil, err
	}
	s := &spareCompiler{path: path, args: argsW, stdin: stdinW, given: make(chan struct{}), ended: make(chan struct{})}
	c := exec.Command(path, "@/dev/fd/3")
	c.ExtraFiles = []*os.File{argsR}
	c.Stdin, c.Stdout, c.Stderr = stdinR, &s.out, &s.errb
	c.SysProcAttr = childAttr()
	started := make(chan error, 1)
	go func() {
		// As in runIn: the child dies with this thread, which stays the
		// goroutine's until the child ends; the exit handler kills it too.
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		defer close(s.ended)
		err := c.Start()
		argsR.Close()
		stdinR.Close()
		started <- err
		if err != nil {
			s.err = err
			return
		}
		childStarted(c.Process)
		go s.watch(c.Process)
		var info unix.Siginfo
		for unix.Waitid(unix.P_PID, c.Process.Pid, &info, unix.WEXITED|unix.WNOWAIT, nil) == unix.EINTR {
		}
		childEnded(c.Process)
		s.err = c.Wait()
	}()
	if err := <-started; err != nil {
		argsW.Close()
		stdinW.Close()
		return nil, err
	}
	return s, nil
}

// watch ends the spare if no compile takes it within spareIdle, or if the
// compile it was given runs past clangTimeout.
func (s *spareCompiler) watch(p *os.Process) {
	idle := time.NewTimer(spareIdle)
	defer idle.Stop()
	select {
	case <-s.given:
	case <-s.ended:
		return
	case <-idle.C:
		// Under the lock that takeSpare takes it under: a spare is either
		// taken or ended, never both.
		spares.Lock()
		select {
		case <-s.given:
		default:
			for i, w := range spares.waiting {
				if w == s {
					spares.waiting = append(spares.waiting[:i], spares.waiting[i+1:]...)
					break
				}
			}
			p.Kill()
			s.args.Close()
			s.stdin.Close()
			spares.Unlock()
			return
		}
		spares.Unlock()
	}
	limit := time.NewTimer(clangTimeout)
	defer limit.Stop()
	select {
	case <-s.ended:
	case <-limit.C:
		p.Kill()
	}
}

// run is runIn for a spare that runs clang: it gives the spare its
// arguments and stdin, and waits for it.
func (s *spareCompiler) run(args []string, stdin []byte) (stdout []byte, diag string, err error) {
	go func() {
		s.stdin.Write(stdin) // (an error here is the compile's, reported below)
		s.stdin.Close()
	}()
	_, werr := s.args.Write(responseText(args))
	s.args.Close()
	<-s.ended
	diag, err = s.errb.String(), s.err
	if err == nil && werr != nil {
		err = fmt.Errorf("giving the compiler its arguments: %v", werr)
	}
	if ee, ok := err.(*exec.ExitError); ok && !ee.Exited() {
		diag += fmt.Sprintf("gocl: the compiler ended abnormally (%v)\n", ee.ProcessState)
	}
	return s.out.Bytes(), diag, err
}
