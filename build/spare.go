package build

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// Spare compilers. Of the ≈ 125 ms a clang process takes for a small
// compile, ≈ 90 ms are its start-up: the dynamic loader relocating
// libclang-cpp and libLLVM. A spare is a clang process started before it
// is needed, with a single argument, @fifo (a named pipe in the scratch
// directory): it loads, then waits for its command line there. A compile
// that finds one ready opens the pipe, writes its arguments and pays only
// the compile. The pipe is opened for writing only then: a process that
// the application forked in between holds no end of it, so clang sees the
// end of its arguments when this process closes its end (an anonymous
// pipe made with the spare would be inherited by such a child, and clang
// would wait for ever). Spares take no standard input: a compile that
// gives one runs its own clang.
//
// A spare starts when a context is created or a program is created from
// source or IL (a front end is likely to follow), and for the code
// generation that follows a front end (at the first launch): beside the
// front end if libLLVM is loaded already, else once it is done, while the
// work-group stages leave a core free. So a cold build's two clang runs
// each find one ready. After code generation, when the application's
// kernels run, a spare starts only at idle priority (SCHED_IDLE: a start-up
// at normal priority takes a core for 90 ms, which a benchmark would see),
// for the next program (a tuner builds one configuration after another);
// the compile that takes it raises it to normal priority first, which
// needs CAP_SYS_NICE or RLIMIT_NICE: where that fails once, no idle spare
// starts again. At most two wait at a time; one that waits for spareIdle
// is ended. A compile at idle priority (a background shape, inIdleTime)
// runs its own clang.

// spareIdle is how long a spare waits for a compile before it is ended.
const spareIdle = 30 * time.Second

// maxSpares bounds the spares waiting at once.
const maxSpares = 2

type spareCompiler struct {
	path  string
	fifo  string // the named pipe clang reads its arguments from
	pid   int
	idle  bool          // started at SCHED_IDLE (PrepareIdleCompiler)
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
func prepareCompilers(n int) { startSpares(n, false) }

// prepareIdleCompiler starts a spare at idle priority unless one waits:
// after code generation, for the next program.
func prepareIdleCompiler() {
	if idleSparesFail.Load() {
		return
	}
	startSpares(1, true)
}

// idleSparesFail is set once an idle spare could not be raised to normal
// priority (no CAP_SYS_NICE, RLIMIT_NICE too low).
var idleSparesFail atomic.Bool

func startSpares(n int, idle bool) {
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
		s, err := startSpare(path, idle)
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
		if s.path != path || s.hasEnded() {
			continue
		}
		if s.idle && unix.SchedSetAttr(s.pid, &unix.SchedAttr{Size: unix.SizeofSchedAttr, Policy: unix.SCHED_NORMAL}, 0) != nil {
			idleSparesFail.Store(true)
			unix.Kill(s.pid, unix.SIGKILL) // (not reaped before it ended: the pid is still its)
			continue
		}
		close(s.given)
		return s
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

// startSpare starts clang (path) waiting for its arguments, at idle
// priority if idle.
func startSpare(path string, idle bool) (*spareCompiler, error) {
	dir, err := scratchDir()
	if err != nil {
		return nil, err
	}
	fifo := filepath.Join(dir, fmt.Sprintf("spare-%d.args", spareSeq.Add(1)))
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		return nil, err
	}
	s := &spareCompiler{path: path, fifo: fifo, idle: idle, given: make(chan struct{}), ended: make(chan struct{})}
	c := exec.Command(path, "@"+fifo)
	c.Stdout, c.Stderr = &s.out, &s.errb
	c.SysProcAttr = childAttr()
	running := make(chan bool, 1)
	go func() {
		defer close(s.ended)
		defer os.Remove(fifo)
		started, err := superviseChild(c, func(p *os.Process) {
			s.pid = p.Pid
			if idle && unix.SchedSetAttr(p.Pid, &unix.SchedAttr{Size: unix.SizeofSchedAttr, Policy: unix.SCHED_IDLE}, 0) != nil {
				idleSparesFail.Store(true)
				p.Kill() // (a spare at normal priority now is what idle ones avoid)
			}
			running <- true
			go s.watch(p)
		})
		s.err = err
		if !started {
			running <- false
		}
	}()
	if !<-running {
		<-s.ended
		return nil, s.err
	}
	return s, nil
}

var spareSeq atomic.Int64

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
// arguments and waits for it. given is false if the spare could not take
// them (it ended first): the caller then runs clang itself.
func (s *spareCompiler) run(args []string) (stdout []byte, diag string, given bool, err error) {
	if s.give(responseText(args)) != nil {
		return nil, "", false, nil
	}
	<-s.ended
	return s.out.Bytes(), s.errb.String() + abnormalEnd(s.err), true, s.err
}

// give writes the arguments into the spare's pipe. Opening it for writing
// succeeds once clang has opened it for reading (a spare still loading has
// not); a spare that ends meanwhile is not waited for.
func (s *spareCompiler) give(text []byte) error {
	for {
		fd, err := unix.Open(s.fifo, unix.O_WRONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
		if err == nil {
			f := os.NewFile(uintptr(fd), s.fifo)
			if err := unix.SetNonblock(fd, false); err != nil {
				f.Close()
				return err
			}
			_, err = f.Write(text)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			return err
		}
		if err != unix.ENXIO {
			return err
		}
		select {
		case <-s.ended:
			return fmt.Errorf("the compiler ended before it read its arguments")
		case <-time.After(time.Millisecond):
		}
	}
}
