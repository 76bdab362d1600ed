package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The fast link drops the C runtime's start files, its libraries and
// -z defs, and keeps the rest of the driver's command.
func TestFastLinkCommand(t *testing.T) {
	l := linker{"/usr/bin/ld", "--build-id", "-shared", "-o", linkOutput, "/lib/crti.o", "/gcc/crtbeginS.o", "-L/gcc",
		linkObject, "-z", "defs", "-lm", "-lgcc", "--as-needed", "-lgcc_s", "--no-as-needed", "-lc", "-lgcc",
		"/gcc/crtendS.o", "/lib/crtn.o", "-z", "now"}
	got := strings.Join(l.fast(), " ")
	want := "/usr/bin/ld --build-id -shared -o " + linkOutput + " -L/gcc " + linkObject + " -lgcc -lgcc -z now"
	if got != want {
		t.Errorf("fast link:\n got %s\nwant %s", got, want)
	}
}

// Linked fast, a shared object that calls libm and a function nobody
// defines: undefinedSymbols names the latter alone.
func TestUndefinedSymbols(t *testing.T) {
	needClang(t)
	if err := globalLibraries(); err != nil {
		t.Skip(err)
	}
	ld, err := linkerCommand()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src, obj, so := filepath.Join(dir, "t.c"), filepath.Join(dir, "t.o"), filepath.Join(dir, "t.so")
	os.WriteFile(src, []byte("double sin(double); void nowhere(void);\n"+
		"void f(double *a) { a[0] = sin(a[0]); nowhere(); }\n"), 0o644)
	if _, diag, err := runClang([]string{"-c", "-O1", "-fPIC", "-target", hostTriple, src, "-o", obj}, nil); err != nil {
		t.Fatalf("%v\n%s", err, diag)
	}
	if _, diag, err := runTool(ld.fast().command(obj, so)); err != nil {
		t.Fatalf("fast link: %v\n%s", err, diag)
	}
	if got := undefinedSymbols(so); !slices.Equal(got, []string{"nowhere"}) {
		t.Errorf("undefined symbols: %q, want [nowhere]", got)
	}
}
