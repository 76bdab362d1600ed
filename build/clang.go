package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

var getenv = os.Getenv

// The front end: clang (clang-19 preferred) as a subprocess. $GOCL_CLANG
// names another.
var (
	clangOnce    sync.Once
	clangPath    string
	clangVersion string
	clangErr     error
)

// findClang finds the front end; its version is the identity of its file
// (clangIdentity: path, size, time; the candidates are clangBinary's), which changes whenever the compiler
// does, without running it (a clang process costs ~0.1 s of start-up).
func findClang() (path, version string, err error) {
	clangOnce.Do(func() {
		candidates := clangCandidates()
		for _, c := range candidates {
			p, err := exec.LookPath(c)
			if err != nil {
				clangErr = err
				continue
			}
			id, err := clangIdentity()
			if err != nil {
				clangErr = err
				continue
			}
			clangPath, clangVersion, clangErr = p, id, nil
			return
		}
		clangErr = fmt.Errorf("no clang found (tried %v): %v", candidates, clangErr)
	})
	return clangPath, clangVersion, clangErr
}

// clangTimeout bounds one front-end run: a pathological source must not hang
// the application forever.
const clangTimeout = 10 * time.Minute

// runClang runs clang with args and stdin, returning stdout and the
// diagnostics (stderr), and an error if clang failed.
func runClang(args []string, stdin []byte) (stdout []byte, diag string, err error) {
	return runClangIn("", args, stdin)
}

// runClangIn is runClang in the working directory dir ("": this process's).
func runClangIn(dir string, args []string, stdin []byte) (stdout []byte, diag string, err error) {
	path, _, err := findClang()
	if err != nil {
		return nil, "", err
	}
	if dir == "" && len(stdin) == 0 {
		if s := takeSpare(path); s != nil {
			if stdout, diag, given, err := s.run(args); given {
				return stdout, diag, err
			}
		}
	}
	if long(args) {
		// Past the kernel's limits on a command line (128 KiB an argument,
		// 2 MiB in all: 100,000 -D options), clang reads its arguments from
		// a response file.
		rsp, err := responseFile(args)
		if err != nil {
			return nil, "", err
		}
		defer os.Remove(rsp)
		args = []string{"@" + rsp}
	}
	return runIn(dir, append([]string{path}, args...), stdin)
}

// runTool runs a command (the linker) as runClang runs clang.
func runTool(cmd []string) (stdout []byte, diag string, err error) { return runIn("", cmd, nil) }

func runIn(dir string, cmd []string, stdin []byte) (stdout []byte, diag string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), clangTimeout)
	defer cancel()
	c := exec.CommandContext(ctx, cmd[0], cmd[1:]...)
	c.Dir = dir
	c.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	c.Stdout, c.Stderr = &out, &errb
	c.SysProcAttr = childAttr()
	started, err := superviseChild(c, nil)
	if !started {
		return nil, fmt.Sprintf("gocl: cannot run the compiler %s: %v\n", cmd[0], err), err
	}
	return out.Bytes(), errb.String() + abnormalEnd(err), err
}

// superviseChild starts c (made with childAttr) and waits for it to end.
// The child dies with the thread that started it, so the thread stays
// this goroutine's until the child ends; the exit handler kills it too,
// and it is off the handler's list before it is reaped (WNOWAIT), so that
// the handler never kills a process that reused its id (scratch.go).
// onStart, if not nil, is told the process once it runs. started is false
// if it could not start (err says why); otherwise err is c.Wait's.
func superviseChild(c *exec.Cmd, onStart func(*os.Process)) (started bool, err error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := c.Start(); err != nil {
		return false, err
	}
	childStarted(c.Process)
	if onStart != nil {
		onStart(c.Process)
	}
	var info unix.Siginfo
	for unix.Waitid(unix.P_PID, c.Process.Pid, &info, unix.WEXITED|unix.WNOWAIT, nil) == unix.EINTR {
	}
	childEnded(c.Process)
	return true, c.Wait()
}

// abnormalEnd is what the diagnostics add for a compiler that did not
// exit by itself (a crash, a timeout): clang may have said nothing.
func abnormalEnd(err error) string {
	if ee, ok := err.(*exec.ExitError); ok && !ee.Exited() {
		return fmt.Sprintf("gocl: the compiler ended abnormally (%v)\n", ee.ProcessState)
	}
	return ""
}

// long reports whether args are too long for a command line (with room to
// spare for the environment).
func long(args []string) bool {
	total := 0
	for _, a := range args {
		if len(a) > 64<<10 {
			return true
		}
		total += len(a) + 1
	}
	return total > 512<<10
}

// responseFile writes args to a private file in clang's response-file
// syntax (GNU: a backslash makes the next character literal) and returns
// its path.
func responseFile(args []string) (string, error) {
	dir, err := scratchDir()
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, "args-*.rsp")
	if err != nil {
		return "", err
	}
	_, err = f.Write(responseText(args))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// responseText is args in clang's response-file syntax (GNU: a backslash
// makes the next character literal), one a line.
func responseText(args []string) []byte {
	var b bytes.Buffer
	for _, a := range args {
		for i := 0; i < len(a); i++ {
			c := a[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '=' || c == '/' || c == '.') {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}
