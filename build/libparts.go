package build

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gocl/icd"
)

// The builtin library's parts: one bitcode file per source file, with what
// it defines and needs, so that a program compiles and links only the parts
// it uses (clang processes every function of a library it links, and the
// conversions alone are 5,400 functions).
//
// Which part may define a function is known before any part is compiled,
// from an index kept with the sources (lib/parts.idx, which TestPartsIndex
// checks and writes): a program's needs are looked up there, those parts
// compiled (in parallel) or read from the cache, then the parts their own
// needs lead to, until nothing new is needed. The index names a function by
// its OpenCL name and whether it takes a half, so it is small; the parts'
// own lists then say exactly which part defines which overload.

type libPart struct {
	File    string   `json:"-"` // path of the bitcode
	Sum     string   // sha256 of the bitcode
	Defines []string // functions and variables it defines
	Needs   []string // functions it calls but does not define
}

// The partial library's index (lib/parts.idx).
//
//go:embed lib/parts.idx
var partsIndexText string

// partsIndex maps a function's partKey to the source files that may define it.
var partsIndex = sync.OnceValue(func() map[string][]string { return parsePartsIndex(partsIndexText) })

func parsePartsIndex(text string) map[string][]string {
	idx := map[string][]string{}
	for _, line := range strings.Split(text, "\n") {
		src, keys, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		for _, k := range strings.Fields(keys) {
			idx[k] = append(idx[k], strings.TrimSpace(src))
		}
	}
	return idx
}

var mangled = regexp.MustCompile(`^_Z(\d+)`)

// partKey is what the index knows a symbol by: a mangled OpenCL builtin by
// its name, with "/h" if it takes a half (the half overloads have files of
// their own); a C name whole.
func partKey(sym string) string {
	m := mangled.FindStringSubmatch(sym)
	if m == nil {
		return sym
	}
	n, err := strconv.Atoi(m[1])
	rest := sym[len(m[0]):]
	if err != nil || n > len(rest) {
		return sym
	}
	if strings.Contains(rest[n:], "Dh") {
		return rest[:n] + "/h"
	}
	return rest[:n]
}

// partSpace is the address space a part's compile needs here (its bitcode
// read to list what it defines; convert_float.cl's is among the largest).
const partSpace = 64 << 20

// part loads one part: from this process's memory, the cache, or compiled.
// A part whose file went away (the cache trimmed by another process after
// a long pause) is loaded again.
func (l *library) part(src string) (*libPart, error) {
	l.mu.Lock()
	e := l.parts[src]
	if e != nil {
		select {
		case <-e.done:
			if e.err == nil {
				if _, err := os.Stat(e.part.File); err != nil {
					e = nil
				}
			}
		default:
		}
	}
	if e != nil {
		l.mu.Unlock()
		<-e.done
		return e.part, e.err
	}
	e = &partEntry{done: make(chan struct{})}
	l.parts[src] = e
	l.mu.Unlock()
	p, err := l.loadPart(src)
	l.mu.Lock()
	e.part, e.err = p, err
	if err == nil {
		for _, d := range p.Defines {
			l.definer[d] = src
		}
	} else if errors.Is(err, errAddressSpace) {
		delete(l.parts, src) // (no verdict: a later build may have the room)
	}
	l.mu.Unlock()
	close(e.done)
	return p, err
}

// loadPart reads the part from the cache or compiles it (into the cache,
// or, where that cannot be written, the scratch directory). One process
// compiles a part at a time; the others wait for it.
func (l *library) loadPart(src string) (*libPart, error) {
	if l.dir != "" && os.MkdirAll(l.dir, 0o700) == nil {
		defer lockFile(filepath.Join(l.dir, src+".lock"))()
		if p, ok := readPart(l.dir, src); ok {
			return p, nil
		}
	}
	if err := needAddressSpace(partSpace, "building the builtin library"); err != nil {
		return nil, err
	}
	bc, err := l.compile(src)
	if err != nil {
		return nil, err
	}
	p, err := describePart(bc)
	if err != nil {
		return nil, err
	}
	if l.dir != "" {
		err := writePart(l.dir, src, bc, p)
		if err == nil {
			return p, nil
		}
		icd.Tracef("kernel cache: cannot write the builtin library: %v: keeping %s in the scratch directory", err, src)
	}
	scratch, err := scratchDir()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(scratch, "builtins-"+l.key)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	if err := writePart(dir, src, bc, p); err != nil {
		return nil, err
	}
	return p, nil
}

// describePart lists what a part's bitcode defines and needs.
func describePart(bc []byte) (*libPart, error) {
	m, err := parseBitcode(bc)
	if err != nil {
		return nil, err
	}
	defer m.dispose()
	sum := sha256.Sum256(bc)
	p := &libPart{Sum: hex.EncodeToString(sum[:])}
	for _, f := range m.functions() {
		name := m.name(f)
		switch {
		case strings.HasPrefix(name, "llvm."):
		case m.api.IsDeclaration(f) != 0:
			p.Needs = append(p.Needs, name)
		default:
			p.Defines = append(p.Defines, name)
		}
	}
	for g := m.api.GetFirstGlobal(m.mod); g != 0; g = m.api.GetNextGlobal(g) {
		if m.api.IsDeclaration(g) == 0 {
			p.Defines = append(p.Defines, m.name(g))
		}
	}
	for a := m.api.GetFirstGlobalAlias(m.mod); a != 0; a = m.api.GetNextGlobalAlias(a) {
		p.Defines = append(p.Defines, m.name(a))
	}
	return p, nil
}

// writePart writes a part's bitcode, then what it defines and needs with
// the bitcode's checksum: readPart trusts the bitcode only if both agree.
func writePart(dir, src string, bc []byte, p *libPart) error {
	p.File = filepath.Join(dir, src+".bc")
	if err := writeAtomic(p.File, bc); err != nil {
		return err
	}
	js, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, src+".json"), js)
}

// readPart reads a part from dir, if it is there and whole: a truncated or
// garbled part is compiled again.
func readPart(dir, src string) (*libPart, bool) {
	js, err := os.ReadFile(filepath.Join(dir, src+".json"))
	if err != nil {
		return nil, false
	}
	var p libPart
	if json.Unmarshal(js, &p) != nil {
		return nil, false
	}
	p.File = filepath.Join(dir, src+".bc")
	if fileSum(p.File) != p.Sum {
		return nil, false
	}
	return &p, true
}

// need loads the parts that may define names (the index says which) and,
// transitively, the parts that those need.
func (l *library) need(names []string) error {
	seen := map[string]bool{}
	todo := l.candidates(names, seen)
	for len(todo) > 0 {
		parts, err := l.loadParts(todo)
		if err != nil {
			return err
		}
		todo = nil
		for _, p := range parts {
			todo = append(todo, l.candidates(p.Needs, seen)...)
		}
	}
	return nil
}

// candidates are the parts not seen yet that may define names: the one
// known to define it, or else those the index lists.
func (l *library) candidates(names []string, seen map[string]bool) []string {
	idx := partsIndex()
	var out []string
	add := func(src string) {
		if !seen[src] {
			seen[src] = true
			out = append(out, src)
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, n := range names {
		if src, ok := l.definer[n]; ok {
			add(src)
			continue
		}
		for _, src := range idx[partKey(n)] {
			if _, ok := l.srcs[src]; ok {
				add(src)
			}
		}
	}
	return out
}

// loadParts loads parts in parallel (one compile per CPU).
func (l *library) loadParts(srcs []string) ([]*libPart, error) {
	parts := make([]*libPart, len(srcs))
	errs := make([]error, len(srcs))
	sem := make(chan struct{}, runtime.NumCPU())
	var wg sync.WaitGroup
	for i, src := range srcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			parts[i], errs[i] = l.part(src)
		}()
	}
	wg.Wait()
	return parts, errors.Join(errs...)
}

// runtimePart is the part every kernel needs: the work-group functions'
// runtime.
const runtimePart = "rt.c"

// beside runs load beside the caller's work: a cold library's parts
// compile while the front end or the work-group stage runs. wait waits for
// it, so that nothing of a build outlives its API call.
func beside(load func()) (wait func()) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		load()
	}()
	return func() { <-done }
}

// defines reports whether the library defines a symbol (loading the parts
// that may; false if they cannot be).
func (l *library) defines(name string) bool {
	return l.definerOf(name) != ""
}

// definerOf is the source file whose part defines a symbol ("" if none).
// A name already known answers at once; otherwise only the parts that may
// define it are loaded, not the parts they need (filesFor's closure): the
// scalarizer asks for every call of a module.
func (l *library) definerOf(name string) string {
	l.mu.Lock()
	src, known := l.definer[name]
	l.mu.Unlock()
	if known {
		return src
	}
	if _, err := l.loadParts(l.candidates([]string{name}, map[string]bool{})); err != nil {
		return ""
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.definer[name]
}

// partFile is the path of a part's bitcode.
func (l *library) partFile(src string) (string, error) {
	p, err := l.part(src)
	if err != nil {
		return "", err
	}
	return p.File, nil
}

// filesFor lists the parts' files a module needs (it declares needed), in
// an order clang's -mlink-builtin-bitcode can use: a part before the parts
// it needs, since each link takes only what is needed so far.
func (l *library) filesFor(needed []string) ([]string, error) {
	if err := l.need(needed); err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var roots []string
	for _, n := range needed {
		if src, ok := l.definer[n]; ok {
			roots = append(roots, src)
		}
	}
	return l.ordered(roots), nil
}

// allFiles lists every part's file (all compiled), in filesFor's order.
func (l *library) allFiles() ([]string, error) {
	srcs := l.sourceNames()
	if _, err := l.loadParts(srcs); err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.ordered(srcs), nil
}

// ordered lists the files of the parts roots lead to (loaded, l.mu held),
// each before the parts it needs.
func (l *library) ordered(roots []string) []string {
	sort.Strings(roots)
	state := map[string]int{} // 1: visiting, 2: done
	var post []string
	var visit func(src string)
	visit = func(src string) {
		e := l.parts[src]
		if state[src] != 0 || e == nil || e.part == nil {
			return
		}
		state[src] = 1
		for _, n := range e.part.Needs {
			if d, ok := l.definer[n]; ok && d != src {
				visit(d)
			}
		}
		state[src] = 2
		post = append(post, e.part.File)
	}
	for _, src := range roots {
		visit(src)
	}
	slices.Reverse(post) // dependencies first in post
	return post
}

// declared lists the functions a module uses but does not define.
func (m *module) declared() []string {
	var out []string
	for _, f := range m.functions() {
		if m.api.IsDeclaration(f) != 0 {
			if name := m.name(f); !strings.HasPrefix(name, "llvm.") {
				out = append(out, name)
			}
		}
	}
	return out
}
