package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// The builtin library is also kept as one bitcode file per source file,
// with an index of what each defines and needs, so that a program links
// only the parts it uses: clang processes every function of a library it
// links, and the whole library (conversions alone are 5,400 functions)
// costs far more than a small kernel.

type libPart struct {
	File    string   // bitcode file name, in the parts directory
	Defines []string // functions and variables it defines
	Needs   []string // functions it calls but does not define
}

func partsDir(lib string) string   { return strings.TrimSuffix(lib, ".bc") + ".parts" }
func partsIndex(lib string) string { return filepath.Join(partsDir(lib), "index.json") }

// writeLibraryParts writes the per-file bitcode and the index next to the
// merged library (before it, so that an intact library has its parts).
func writeLibraryParts(lib string, names []string, bcs [][]byte) error {
	dir := partsDir(lib)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var index []libPart
	for i, n := range names {
		m, err := parseBitcode(bcs[i])
		if err != nil {
			return err
		}
		p := libPart{File: n + ".bc"}
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
		m.dispose()
		if err := writeAtomic(filepath.Join(dir, p.File), bcs[i]); err != nil {
			return err
		}
		index = append(index, p)
	}
	js, err := json.Marshal(index)
	if err != nil {
		return err
	}
	return writeAtomic(partsIndex(lib), js)
}

type partsTable struct {
	parts   []libPart
	definer map[string]int // symbol → part
}

var partsCache sync.Map // library path → *partsTable (nil: no parts)

func loadParts(lib string) *partsTable {
	if t, ok := partsCache.Load(lib); ok {
		return t.(*partsTable)
	}
	var t *partsTable
	if js, err := os.ReadFile(partsIndex(lib)); err == nil {
		var parts []libPart
		if json.Unmarshal(js, &parts) == nil {
			t = &partsTable{parts: parts, definer: map[string]int{}}
			for i, p := range parts {
				for _, d := range p.Defines {
					t.definer[d] = i
				}
				if _, err := os.Stat(filepath.Join(partsDir(lib), p.File)); err != nil {
					t = nil
					break
				}
			}
		}
	}
	partsCache.Store(lib, t)
	return t
}

// libraryParts is the index of the builtin library's parts (nil if the
// library or its parts are unavailable).
func libraryParts() *partsTable {
	lib, err := builtinLibrary()
	if err != nil {
		return nil
	}
	return loadParts(lib)
}

// libraryFor lists the builtin bitcode files a module needs (it declares
// needed), in an order clang's -mlink-builtin-bitcode can use: a part before
// the parts it needs, since each link takes only what is needed so far. The
// merged library if the parts are missing.
func libraryFor(lib string, needed []string) []string {
	t := loadParts(lib)
	if t == nil {
		return []string{lib}
	}
	state := map[int]int{} // 1: visiting, 2: done
	var post []int
	var visit func(i int)
	visit = func(i int) {
		if state[i] != 0 {
			return
		}
		state[i] = 1
		for _, n := range t.parts[i].Needs {
			if j, ok := t.definer[n]; ok && j != i {
				visit(j)
			}
		}
		state[i] = 2
		post = append(post, i)
	}
	var roots []int
	for _, n := range needed {
		if i, ok := t.definer[n]; ok {
			roots = append(roots, i)
		}
	}
	sort.Ints(roots)
	for _, i := range roots {
		visit(i)
	}
	// post has dependencies first: reverse it.
	files := make([]string, len(post))
	for k, i := range post {
		files[len(post)-1-k] = filepath.Join(partsDir(lib), t.parts[i].File)
	}
	return files
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
