package build

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// The parts' index (lib/parts.idx) lists, for every part, at least the
// keys of all it defines on this machine: a program's needs find their parts before
// they are compiled. GOCL_WRITE_PARTS_INDEX=1 writes it anew (after a
// change of the library's sources).
func TestPartsIndex(t *testing.T) {
	if _, _, err := findClang(); err != nil {
		t.Skip(err)
	}
	lib, err := openLibrary()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lib.allFiles(); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{} // source → keys
	for _, src := range lib.sourceNames() {
		p, err := lib.part(src)
		if err != nil {
			t.Fatal(err)
		}
		keys := map[string]bool{}
		for _, d := range p.Defines {
			keys[partKey(d)] = true
		}
		for k := range keys {
			want[src] = append(want[src], k)
		}
		sort.Strings(want[src])
	}
	if os.Getenv("GOCL_WRITE_PARTS_INDEX") != "" {
		var b strings.Builder
		b.WriteString("# The builtin library's parts and the keys (partKey) of what each defines:\n" +
			"# written by GOCL_WRITE_PARTS_INDEX=1 go test ./build -run TestPartsIndex.\n")
		for _, src := range lib.sourceNames() {
			fmt.Fprintf(&b, "%s: %s\n", src, strings.Join(want[src], " "))
		}
		if err := os.WriteFile(filepath.Join("lib", "parts.idx"), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	idx := partsIndex()
	for src, keys := range want {
		for _, k := range keys {
			if !slices.Contains(idx[k], src) {
				t.Errorf("lib/parts.idx does not say that %s defines %q: write it anew (GOCL_WRITE_PARTS_INDEX=1 go test ./build -run TestPartsIndex)", src, k)
			}
		}
	}
	// (A key of a part that does not define it here is no error: the
	// library defines less on a CPU without some features, and an extra
	// key costs a compile, never a wrong link.)
	for _, srcs := range idx {
		for _, src := range srcs {
			if _, ok := lib.srcs[src]; !ok {
				t.Errorf("lib/parts.idx names %s, which is no source of the library: write it anew", src)
			}
		}
	}
}

func TestPartKey(t *testing.T) {
	for sym, want := range map[string]string{
		"_Z3minff":                   "min",
		"_Z3minDhDh":                 "min/h",
		"_Z16convert_int4_rteDv4_f":  "convert_int4_rte",
		"_Z16convert_int4_rteDv4_Dh": "convert_int4_rte/h",
		"__gocl_wg_ctx":              "__gocl_wg_ctx",
		"_Z99x":                      "_Z99x",
	} {
		if got := partKey(sym); got != want {
			t.Errorf("partKey(%q) = %q, want %q", sym, got, want)
		}
	}
}
