package build

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// The builtin library: compiled on the machine from the embedded sources
// (build/lib), with -march=native, one bitcode file per source file (a
// part), each when a program first needs one of its functions, and kept in
// the cache directory (libparts.go). A small kernel needs the runtime
// (rt.c) and a few parts; compiling all 25 took 6–9 s at a process's first
// build on a machine.

//go:embed lib
var libFS embed.FS

// libSources are the library's source files and headers by name.
func libSources() (map[string][]byte, error) {
	entries, err := libFS.ReadDir("lib")
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".c") || strings.HasSuffix(n, ".cl") || strings.HasSuffix(n, ".h") {
			b, err := libFS.ReadFile("lib/" + n)
			if err != nil {
				return nil, err
			}
			out[n] = b
		}
	}
	return out, nil
}

// library is the builtin library of this driver, compiler and CPU.
type library struct {
	key  string            // of the driver, compiler, CPU, defines and sources
	dir  string            // in the cache directory ("" without a cache)
	srcs map[string][]byte // the sources and headers by name

	mu      sync.Mutex
	parts   map[string]*partEntry // by source file name
	definer map[string]string     // symbol → source file, of the parts loaded
}

// partEntry is a part being loaded (done open) or loaded.
type partEntry struct {
	done chan struct{}
	part *libPart
	err  error
}

var (
	libMu  sync.Mutex
	theLib *library
)

// openLibrary is the process's builtin library (its parts are loaded by
// need). Finding it marks it used (trimCache).
func openLibrary() (*library, error) {
	libMu.Lock()
	defer libMu.Unlock()
	if theLib == nil {
		l, err := newLibrary()
		if err != nil {
			return nil, err
		}
		theLib = l
	}
	if theLib.dir != "" {
		touch(theLib.dir)
	}
	return theLib, nil
}

// newLibrary is the library in the cache directory of the moment, its parts
// not loaded yet.
func newLibrary() (*library, error) {
	srcs, err := libSources()
	if err != nil {
		return nil, err
	}
	_, version, err := findClang()
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n%s\n%v\n", driverVersion(), version, hostCPU(), clExt, defineFlags(extDefines, fpAtomicDefines, collectiveDefines))
	names := make([]string, 0, len(srcs))
	for n := range srcs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s %d\n", n, len(srcs[n]))
		h.Write(srcs[n])
	}
	l := &library{key: hex.EncodeToString(h.Sum(nil))[:24], srcs: srcs, parts: map[string]*partEntry{}, definer: map[string]string{}}
	if cache, err := cacheDir(); err == nil {
		l.dir = filepath.Join(cache, "builtins-"+l.key)
	}
	return l, nil
}

// sourceNames are the library's compiled files (not its headers), sorted.
func (l *library) sourceNames() []string {
	var out []string
	for n := range l.srcs {
		if !strings.HasSuffix(n, ".h") {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// compile compiles one source file of the library to bitcode.
func (l *library) compile(src string) ([]byte, error) {
	dir, err := tempDir("lib-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	for n, b := range l.srcs {
		if n == src || strings.HasSuffix(n, ".h") {
			if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
				return nil, err
			}
		}
	}
	var args []string
	if strings.HasSuffix(src, ".c") {
		args = []string{"-x", "c", "-std=gnu11"}
	} else {
		args = append([]string{"-x", "cl", "-cl-std=CL3.0", "-Xclang", "-finclude-default-header", "-Xclang", clExt},
			defineFlags(extDefines, fpAtomicDefines, collectiveDefines)...)
	}
	// Run in dir, on the file's bare name: the bitcode records its source
	// file's name (source_filename), and the temporary directory's random
	// name (of varying length) must not make the part's bitcode, and its
	// size, differ from one build to the next.
	args = append(args, "-target", hostTriple, "-march=native", "-O2", "-fPIC", "-emit-llvm", "-c",
		"-ffp-contract=off", "-I", dir, "-o", "-", src)
	bc, diag, err := runClangIn(dir, args, nil)
	if err != nil {
		return nil, fmt.Errorf("builtin library %s: %v\n%s", src, err, diag)
	}
	return bc, nil
}
