package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"
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
	err = c.Run()
	return out.Bytes(), errb.String(), err
}
