package build

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"gocl/icd"
)

// The builtin library: compiled from the embedded sources (build/lib) on
// first use, with -march=native, and kept in the cache directory as one
// bitcode file and per-file parts (libparts.go) that code generation links.

//go:embed lib
var libFS embed.FS

// builtinLibrary compiles the builtin library (embedded sources) to one
// bitcode file in the cache, once per library version, compiler and CPU.
// A library that disappeared (the cache trimmed by another process after
// a long pause) is built again.
var (
	libMu   sync.Mutex
	libDone bool
	libPath string
	libErr  error
)

func builtinLibrary() (string, error) {
	libMu.Lock()
	defer libMu.Unlock()
	if libDone && libErr != nil {
		return libPath, libErr
	}
	if libDone && libraryPresent(libPath) {
		touch(libPath) // recently used (trimCache)
		return libPath, libErr
	}
	libPath, libErr = buildLibrary()
	// (Wanting address space is no verdict: a later build may have it.)
	libDone = !errors.Is(libErr, errAddressSpace)
	return libPath, libErr
}

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

func buildLibrary() (string, error) {
	srcs, err := libSources()
	if err != nil {
		return "", err
	}
	_, version, err := findClang()
	if err != nil {
		return "", err
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
	key := hex.EncodeToString(h.Sum(nil))[:24]
	name := "builtins-" + key + ".bc"
	cache, cacheErr := cacheDir()
	if cacheErr == nil {
		defer lockCache("builtins-" + key)() // one process builds it, the others wait (cache.go)
		if path := filepath.Join(cache, name); libraryIntact(path) {
			touch(path)
			return path, nil
		}
	}
	if err := needAddressSpace(librarySpace, "building the builtin library"); err != nil {
		return "", err
	}
	compiled, bcs, lib, err := compileLibrary(srcs, names)
	if err != nil {
		return "", err
	}
	// Into the cache, or else (no cache, or it cannot be written: a full
	// disk) into the scratch directory, for this process alone.
	if cacheErr == nil {
		path := filepath.Join(cache, name)
		err := writeLibraryParts(path, compiled, bcs)
		if err == nil {
			err = writeLibrary(path, lib) // with its checksum (cache.go)
		}
		if err == nil {
			return path, nil
		}
		icd.Tracef("kernel cache: cannot write the builtin library: %v: keeping it in the scratch directory", err)
	}
	scratch, err := scratchDir()
	if err != nil {
		return "", err
	}
	path := filepath.Join(scratch, name)
	if err := writeLibraryParts(path, compiled, bcs); err != nil {
		return "", fmt.Errorf("builtin library parts: %v", err)
	}
	if err := writeLibrary(path, lib); err != nil {
		return "", err
	}
	return path, nil
}

// compileLibrary compiles the builtin library's sources: the bitcode of
// each compiled file, and of all of them linked.
func compileLibrary(srcs map[string][]byte, names []string) (compiled []string, bcs [][]byte, lib []byte, err error) {
	dir, err := tempDir("lib-")
	if err != nil {
		return nil, nil, nil, err
	}
	defer os.RemoveAll(dir)
	for n, b := range srcs {
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			return nil, nil, nil, err
		}
	}
	// Compile the files in parallel, one bitcode each.
	type result struct {
		bc  []byte
		err error
	}
	for _, n := range names {
		if !strings.HasSuffix(n, ".h") {
			compiled = append(compiled, n)
		}
	}
	results := make([]result, len(compiled))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for i, n := range compiled {
		wg.Add(1)
		go func(i int, n string) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var args []string
			if strings.HasSuffix(n, ".c") {
				args = []string{"-x", "c", "-std=gnu11"}
			} else {
				args = append([]string{"-x", "cl", "-cl-std=CL3.0", "-Xclang", "-finclude-default-header", "-Xclang", clExt},
					defineFlags(extDefines, fpAtomicDefines, collectiveDefines)...)
			}
			// Run in dir, on the file's bare name: the bitcode records its
			// source file's name (source_filename), and the temporary
			// directory's random name (of varying length) must not make
			// the library's bitcode, and its size, differ from one build
			// to the next.
			args = append(args, "-target", hostTriple, "-march=native", "-O2", "-fPIC", "-emit-llvm", "-c",
				"-ffp-contract=off", "-I", dir, "-o", "-", n)
			bc, diag, err := runClangIn(dir, args, nil)
			if err != nil {
				err = fmt.Errorf("builtin library %s: %v\n%s", n, err, diag)
			}
			results[i] = result{bc, err}
		}(i, n)
	}
	wg.Wait()
	bcs = make([][]byte, len(results))
	for i, r := range results {
		if r.err != nil {
			return nil, nil, nil, r.err
		}
		bcs[i] = r.bc
	}
	m, err := linkBitcode(bcs)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("builtin library: %v", err)
	}
	defer m.dispose()
	return compiled, bcs, m.bitcode(), nil
}
