package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
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

func findClang() (path, version string, err error) {
	clangOnce.Do(func() {
		candidates := []string{"clang-19", "clang"}
		if p := getenv("GOCL_CLANG"); p != "" {
			candidates = []string{p}
		}
		for _, c := range candidates {
			p, err := exec.LookPath(c)
			if err != nil {
				clangErr = err
				continue
			}
			out, err := exec.Command(p, "--version").Output()
			if err != nil {
				clangErr = err
				continue
			}
			clangPath, clangVersion, clangErr = p, strings.SplitN(string(out), "\n", 2)[0], nil
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
	ctx, cancel := context.WithTimeout(context.Background(), clangTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	// The child dies with this thread (childAttr), so the thread stays
	// this goroutine's until the child ends; the exit handler kills it
	// too (scratch.go).
	cmd.SysProcAttr = childAttr()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err = cmd.Start(); err != nil {
		return nil, "", err
	}
	childStarted(cmd.Process)
	// Off the exit handler's list before it is reaped (WNOWAIT), so that
	// the handler never kills a process that reused its id.
	var info unix.Siginfo
	for unix.Waitid(unix.P_PID, cmd.Process.Pid, &info, unix.WEXITED|unix.WNOWAIT, nil) == unix.EINTR {
	}
	childEnded(cmd.Process)
	err = cmd.Wait()
	return out.Bytes(), errb.String(), err
}
