package build

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gocl/icd"
)

// TestMain gives the package's tests a cache directory of their own for
// the whole run: the builtin library is built once per process (its path is
// remembered), so it must not live in one test's temporary directory.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gocl-build-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("GOCL_CACHE_DIR", dir)
	if _, _, err := findClang(); err == nil {
		openLibrary() // here, not in the directory of the first test that links
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func TestMakeDeps(t *testing.T) {
	got := makeDeps("t: /tmp/x/program.cl /a/b.h \\\n  /c/with\\ space.h\t/d.h\n")
	want := []string{"/tmp/x/program.cl", "/a/b.h", "/c/with space.h", "/d.h"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("makeDeps = %q, want %q", got, want)
	}
	if got := makeDeps("t:\n"); len(got) != 0 {
		t.Errorf("no prerequisites: %q", got)
	}
}

func TestBinaryChecksum(t *testing.T) {
	payload := []byte("the shared object of a program, more or less")
	bin := encodeBinary(binHeader{Type: icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE, Options: "-DX", Std: "CL3.0",
		Kernels: []KernelInfo{{Name: "k", Attributes: "reqd_work_group_size(1,1,1)"}},
		Meta:    buildMeta{ArgInfo: []string{"k"}, GlobalVarSize: 12, LocalMem: map[string]uint64{"k": 40}}}, payload)
	h, p, err := decodeBinary(bin)
	if err != nil || string(p) != string(payload) || h.Options != "-DX" || h.Meta.GlobalVarSize != 12 ||
		h.Meta.LocalMem["k"] != 40 || len(h.Kernels) != 1 || h.Kernels[0].Attributes != "reqd_work_group_size(1,1,1)" {
		t.Fatalf("round trip: %+v %q %v", h, p, err)
	}
	damaged := append([]byte(nil), bin...)
	damaged[len(damaged)-3] ^= 1
	if _, _, err := decodeBinary(damaged); err == nil {
		t.Error("a damaged payload decodes")
	}
	for _, n := range []int{0, 5, len(binMagic) + 4, len(bin) / 2, len(bin) - 1} {
		if _, _, err := decodeBinary(bin[:n]); err == nil {
			t.Errorf("a binary cut to %d bytes decodes", n)
		}
	}
	bad := append([]byte(nil), bin...)
	bad[3] = 'X'
	if _, _, err := decodeBinary(bad); err == nil {
		t.Error("a wrong magic decodes")
	}
	if _, _, err := decodeBinary(encodeBinary(binHeader{Type: 77}, payload)); err == nil {
		t.Error("an unknown binary type decodes")
	}
}

func TestCacheEntries(t *testing.T) {
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	dep := filepath.Join(t.TempDir(), "inc.h")
	if err := os.WriteFile(dep, []byte("#define A 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := encodeBinary(binHeader{Type: icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE}, []byte("code"))
	cachePut("k1", bin, "a warning\n", []fileDep{{Path: dep, Sum: fileSum(dep)}})
	got, log, ok := cacheGet("k1")
	if !ok || string(got) != string(bin) || log != "a warning\n" {
		t.Fatalf("cacheGet = %q, %q, %v", got, log, ok)
	}
	if _, _, ok := cacheGet("k2"); ok {
		t.Error("a missing entry is found")
	}
	// A changed included file makes the entry stale.
	if err := os.WriteFile(dep, []byte("#define A 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := cacheGet("k1"); ok {
		t.Error("an entry whose included file changed is used")
	}
	// Damaged entries are misses.
	cachePut("k3", bin, "", nil)
	path := cachePath("k3")
	whole, _ := os.ReadFile(path)
	for _, damage := range []func([]byte) []byte{
		func(b []byte) []byte { return b[:len(b)/2] },
		func(b []byte) []byte { return b[:len(b)-1] },
		func(b []byte) []byte { c := append([]byte(nil), b...); c[len(c)-2] ^= 0x40; return c },
		func(b []byte) []byte { c := append([]byte(nil), b...); c[len(cacheMagic)+6] = '!'; return c },
		func(b []byte) []byte { return nil },
	} {
		if err := os.WriteFile(path, damage(whole), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, ok := cacheGet("k3"); ok {
			t.Errorf("a damaged entry is used")
		}
	}
	// GOCL_NO_CACHE: nothing read or written.
	os.WriteFile(path, whole, 0o644)
	t.Setenv("GOCL_NO_CACHE", "1")
	if _, _, ok := cacheGet("k3"); ok {
		t.Error("GOCL_NO_CACHE reads the cache")
	}
	cachePut("k4", bin, "", nil)
	if _, err := os.Stat(cachePath("k4")); err == nil {
		t.Error("GOCL_NO_CACHE writes the cache")
	}
}

func TestLockCacheExcludes(t *testing.T) {
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	var inside, overlaps atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				unlock := lockCache("build-ab")
				if inside.Add(1) != 1 {
					overlaps.Add(1)
				}
				time.Sleep(200 * time.Microsecond)
				inside.Add(-1)
				unlock()
			}
		}()
	}
	wg.Wait()
	if overlaps.Load() != 0 {
		t.Errorf("%d times two holders of one lock", overlaps.Load())
	}
	// Other names do not wait for it.
	unlock := lockCache("build-ab")
	done := make(chan bool)
	go func() { lockCache("build-cd")(); done <- true }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Error("a lock of another name waits")
	}
	unlock()
}

// A part whose bitcode is truncated, garbled or without its description is
// not read: it is compiled again.
func TestPartIntact(t *testing.T) {
	dir := t.TempDir()
	if _, ok := readPart(dir, "x.cl"); ok {
		t.Error("a missing part is read")
	}
	bc := []byte("BC\xc0\xde some bitcode")
	sum := sha256.Sum256(bc)
	p := &libPart{Sum: hex.EncodeToString(sum[:]), Defines: []string{"f"}, Needs: []string{"g"}}
	if err := writePart(dir, "x.cl", bc, p); err != nil {
		t.Fatal(err)
	}
	if q, ok := readPart(dir, "x.cl"); !ok || q.File != p.File || len(q.Defines) != 1 || q.Needs[0] != "g" {
		t.Errorf("a part just written reads as %+v, %v", q, ok)
	}
	os.WriteFile(p.File, bc[:5], 0o644)
	if _, ok := readPart(dir, "x.cl"); ok {
		t.Error("a truncated part is read")
	}
	garbled := append([]byte(nil), bc...)
	garbled[7] ^= 1
	os.WriteFile(p.File, garbled, 0o644)
	if _, ok := readPart(dir, "x.cl"); ok {
		t.Error("a garbled part is read")
	}
	writePart(dir, "x.cl", bc, p)
	os.Remove(filepath.Join(dir, "x.cl.json"))
	if _, ok := readPart(dir, "x.cl"); ok {
		t.Error("a part without its description is read")
	}
}

// The builtin library is the same, byte for byte, each time it is built:
// nothing of the temporary directory a part is compiled in (whose random
// name varies in length) goes into its bitcode, so a part compiled again
// is the part it replaces (tests/cache.sh compares them).
func TestLibraryIsReproducible(t *testing.T) {
	if _, _, err := findClang(); err != nil {
		t.Skip(err)
	}
	first, err := openLibrary()
	if err != nil {
		t.Fatal(err)
	}
	a, err := first.allFiles()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	second, err := newLibrary()
	if err != nil {
		t.Fatal(err)
	}
	b, err := second.allFiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(a) < 20 || len(a) != len(b) {
		t.Fatalf("%d and %d parts", len(a), len(b))
	}
	for i := range a {
		if filepath.Base(a[i]) != filepath.Base(b[i]) {
			t.Fatalf("the parts are listed in different orders: %s, %s", a[i], b[i])
		}
		x, err := os.ReadFile(a[i])
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(b[i])
		if err != nil {
			t.Fatal(err)
		}
		if string(x) != string(y) {
			t.Errorf("%s and %s differ (%d and %d bytes)", a[i], b[i], len(x), len(y))
		}
		if strings.Contains(string(x), "gocl-lib-") {
			t.Errorf("%s names the temporary directory it was compiled in", a[i])
		}
	}
}

// The device's OpenCL C features and extensions are exactly what the
// front end is told to define (clExt).
func TestExtensionListsMatchClExt(t *testing.T) {
	list, ok := strings.CutPrefix(clExt, "-cl-ext=-all,")
	if !ok {
		t.Fatalf("clExt %q does not start by disabling everything", clExt)
	}
	var fromClExt []string
	for _, e := range strings.Split(list, ",") {
		name, ok := strings.CutPrefix(e, "+")
		if !ok {
			t.Errorf("clExt entry %q does not enable", e)
		}
		fromClExt = append(fromClExt, name)
	}
	fromClExt = append(append(append(fromClExt, extDefines...), fpAtomicDefines...), collectiveDefines...)
	var claimed []string
	for _, l := range [][]icd.NameVersion{openCLCFeatures, openCLCExtensions} {
		for _, nv := range l {
			claimed = append(claimed, strings.TrimRight(string(nv.Name[:]), "\x00"))
		}
	}
	sort.Strings(fromClExt)
	sort.Strings(claimed)
	if strings.Join(fromClExt, " ") != strings.Join(claimed, " ") {
		t.Errorf("clExt defines\n  %v\nthe device claims\n  %v", fromClExt, claimed)
	}
}

func TestVecTypeName(t *testing.T) {
	for _, c := range []struct {
		llvm   string
		signed bool
		want   string
	}{
		{"<4 x i32>", false, "uint4"}, {"<4 x i32>", true, "int4"}, {"<3 x i8>", true, "char3"},
		{"<16 x i16>", false, "ushort16"}, {"<2 x i64>", true, "long2"}, {"float", false, "float"},
		{"<8 x double>", false, "double8"}, {"half", false, "half"}, {"i64", false, "ulong"},
		{"ptr", false, ""}, {"<4 x ptr>", false, ""}, {"<4 i32>", true, ""},
	} {
		if got := vecTypeName(c.llvm, c.signed); got != c.want {
			t.Errorf("vecTypeName(%q, %v) = %q, want %q", c.llvm, c.signed, got, c.want)
		}
	}
}

// A cache lock held by someone else for ever (another user's process on a
// shared cache, a stuck process) is waited for only lockWait: the caller
// goes on without it.
func TestCacheLockWaitIsBounded(t *testing.T) {
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	defer func(w time.Duration) { lockWait = w }(lockWait)
	lockWait = 50 * time.Millisecond
	release := lockCache("build-00")
	defer release()
	done := make(chan struct{})
	go func() {
		lockCache("build-00")()
		close(done)
	}()
	<-done // (a test timeout if it waited for ever)
}

// A cache directory that is not private, or cannot be written, is not used.
func TestCacheDirRefused(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "file"), nil, 0o600)
	os.Mkdir(filepath.Join(dir, "open"), 0o777)
	os.Chmod(filepath.Join(dir, "open"), 0o777)
	for _, c := range []string{"file/gocl", "open"} {
		t.Setenv("GOCL_CACHE_DIR", filepath.Join(dir, c))
		if d, err := cacheDir(); err == nil {
			t.Errorf("cache dir %s: used (%s)", c, d)
		}
		if !cacheDisabled() {
			t.Errorf("cache dir %s: cache not disabled", c)
		}
	}
	t.Setenv("GOCL_CACHE_DIR", filepath.Join(dir, "new", "gocl"))
	d, err := cacheDir()
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(d); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("new cache dir %s: %v %v", d, st.Mode(), err)
	}
}

func TestCacheMax(t *testing.T) {
	for v, want := range map[string]int64{"": 512 << 20, "0": 0, "100": 100, "3K": 3 << 10, "2m": 2 << 20, "1G": 1 << 30, "junk": 512 << 20} {
		t.Setenv("GOCL_CACHE_MAX", v)
		if got := cacheMax(); got != want {
			t.Errorf("GOCL_CACHE_MAX=%q: %d, want %d", v, got, want)
		}
	}
}
