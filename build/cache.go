package build

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// The on-disk cache of built programs: one file per (source, options,
// compiler, builtin library, driver, CPU), holding the program binary (whose
// payload checksum is verified on every read), the build log, and, for
// sources that #include files, those files' checksums. Files are written
// atomically (a temporary file renamed into place), a build holds a lock
// file so that several processes building the same program at once compile
// it once, and an entry that does not load — corrupt, truncated, from
// another driver, an included file changed — is rebuilt and overwritten,
// never fatal. The builtin library's bitcode is cached beside, with a
// checksum file.

// The compiler's own source is part of every key, so that a driver whose
// pipeline changed never reuses what an older one built (the measurements
// and metadata of program.go and binary.go are part of every entry too).
//
//go:embed pipeline.go stage_frontend.go frontend_guess.go entrypoints.go metadata.go options.go builtins.go stage_link.go stage_workgroup.go stage_codegen.go stage_load.go stage_cache.go llvm.go regions.go uniformity.go wgloops.go safediv.go libparts.go program.go binary.go executable.go
var compilerSources embed.FS

// cacheKey names a build of source with options. It is cheap (no process
// is started, nothing large is read): the front end by its file's identity,
// the builtin library by its sources, the compiler by its Go source. A
// source that includes files depends on where relative include paths lead:
// the working directory is part of its key (the files' contents are checked
// at lookup).
func cacheKey(kind, source, options string) (string, error) {
	clang, err := clangIdentity()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00", kind, DriverVersion, clang, libSourcesSum(), clExt, hostCPU(), options, compilerModes())
	if includes(source) {
		wd, _ := os.Getwd()
		fmt.Fprintf(h, "cwd %s\x00", wd)
	}
	h.Write([]byte(driverSourcesSum()))
	h.Write([]byte(source))
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// driverSourcesSum is a checksum of the Go sources that decide what a
// cache entry holds.
var driverSourcesSum = sync.OnceValue(func() string {
	h := sha256.New()
	entries, _ := compilerSources.ReadDir(".")
	for _, e := range entries { // (sorted by name)
		b, _ := compilerSources.ReadFile(e.Name())
		fmt.Fprintf(h, "%s %d\n", e.Name(), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
})

// clangIdentity identifies the front end's file (path, size, time): a
// changed compiler changes every key, without running it.
func clangIdentity() (string, error) {
	p, err := clangBinary()
	if err != nil {
		return "", err
	}
	st, err := os.Stat(p)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s %d %d", p, st.Size(), st.ModTime().UnixNano()), nil
}

// libSourcesSum is a checksum of the builtin library's sources.
var libSourcesSum = sync.OnceValue(func() string {
	srcs, _ := libSources()
	names := make([]string, 0, len(srcs))
	for n := range srcs {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s %d\n", n, len(srcs[n]))
		h.Write(srcs[n])
	}
	return hex.EncodeToString(h.Sum(nil))
})

// includes reports whether a source may read other files.
func includes(source string) bool { return strings.Contains(source, "#include") }

func cachePath(key string) string { return filepath.Join(CacheDir(), "build-"+key+".bin") }

func cacheDisabled() bool { return getenv("GOCL_NO_CACHE") != "" }

// A cache entry: cacheMagic, the length of a JSON cacheMeta, the JSON, then
// the program binary.
var cacheMagic = []byte("GOCLCACHE\x01")

type cacheMeta struct {
	Log  string    `json:",omitempty"`
	Deps []fileDep `json:",omitempty"`
}

// fileDep is a file a build read (an #include), by absolute path and
// content checksum.
type fileDep struct {
	Path string
	Sum  string
}

// cacheGet returns the program binary and build log cached under key, if
// the entry is whole and every file it depends on is unchanged.
func cacheGet(key string) (bin []byte, log string, ok bool) {
	if cacheDisabled() {
		return nil, "", false
	}
	b, err := os.ReadFile(cachePath(key))
	if err != nil {
		return nil, "", false
	}
	meta, bin, err := decodeCacheEntry(b)
	if err != nil {
		return nil, "", false
	}
	if _, _, err := decodeBinary(bin); err != nil {
		return nil, "", false
	}
	for _, d := range meta.Deps {
		if depSum(d.Path) != d.Sum {
			return nil, "", false
		}
	}
	return bin, meta.Log, true
}

func decodeCacheEntry(b []byte) (cacheMeta, []byte, error) {
	var meta cacheMeta
	if len(b) < len(cacheMagic)+4 || !bytes.Equal(b[:len(cacheMagic)], cacheMagic) {
		return meta, nil, fmt.Errorf("not a cache entry")
	}
	n := binary.LittleEndian.Uint32(b[len(cacheMagic):])
	rest := b[len(cacheMagic)+4:]
	if uint64(n) > uint64(len(rest)) {
		return meta, nil, fmt.Errorf("truncated cache entry")
	}
	if err := json.Unmarshal(rest[:n], &meta); err != nil {
		return meta, nil, err
	}
	return meta, rest[n:], nil
}

// cachePut records a successful build.
func cachePut(key string, bin []byte, log string, deps []fileDep) {
	if cacheDisabled() {
		return
	}
	js, _ := json.Marshal(cacheMeta{Log: log, Deps: deps})
	var b bytes.Buffer
	b.Write(cacheMagic)
	binary.Write(&b, binary.LittleEndian, uint32(len(js)))
	b.Write(js)
	b.Write(bin)
	_ = writeAtomic(cachePath(key), b.Bytes())
}

// fileSum is the checksum of a file's content ("" if it cannot be read).
func fileSum(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// depSum is the checksum of an included file's content: "" if it cannot be
// read, is not a regular file or is larger than maxIncludeSize (a device or
// a FIFO is never read).
func depSum(path string) string {
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() || st.Size() > maxIncludeSize {
		return ""
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxIncludeSize+1))
	if err != nil || len(b) > maxIncludeSize {
		return ""
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// sourceDeps lists the files a build of source with o reads through
// #include (clang's -M), except clang's own headers, with their checksums.
func sourceDeps(source string, o *Options) ([]fileDep, error) {
	dir, err := os.MkdirTemp("", "gocl-deps-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "program.cl")
	if err := os.WriteFile(src, []byte(source), 0o644); err != nil {
		return nil, err
	}
	std := o.Std
	if std == "" {
		std = "CL1.2"
	}
	args := []string{"-x", "cl", "-cl-std=" + std, "-target", hostTriple, "-Xclang", "-finclude-default-header", "-Xclang", clExt}
	args = append(append(args, o.Clang...), "-M", "-MT", "t", src)
	out, diag, err := runClang(args, nil)
	if err != nil {
		return nil, fmt.Errorf("listing the included files: %v: %s", err, diag)
	}
	var deps []fileDep
	for _, p := range makeDeps(string(out)) {
		if p == src || strings.Contains(p, "/lib/clang/") {
			continue
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		sum := depSum(abs)
		if sum == "" {
			return nil, fmt.Errorf("included file %s is not a readable regular file of at most %d MiB", abs, maxIncludeSize>>20)
		}
		deps = append(deps, fileDep{Path: abs, Sum: sum})
	}
	return deps, nil
}

// makeDeps reads the prerequisites of a make rule "t: a b \<newline> c"
// (spaces in names escaped with a backslash).
func makeDeps(rule string) []string {
	if i := strings.Index(rule, ":"); i >= 0 {
		rule = rule[i+1:]
	}
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for i := 0; i < len(rule); i++ {
		c := rule[i]
		switch {
		case c == '\\' && i+1 < len(rule) && (rule[i+1] == '\n' || rule[i+1] == '\r'):
			flush()
			i++
		case c == '\\' && i+1 < len(rule) && rule[i+1] == ' ':
			cur.WriteByte(' ')
			i++
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			flush()
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return out
}

// lockCache takes an exclusive lock named name in the cache directory (a
// flock on the file lock-<name>: it is released if the process dies) and
// returns its release. Locks exclude other processes and other threads of
// this one (each call opens the file anew), so a thread must not take a
// lock it holds: builds take "build-" and two hex digits of their key (256
// lock files at most), the builtin library "builtins-" and its key, never
// one inside the other.
func lockCache(name string) func() {
	path := filepath.Join(CacheDir(), "lock-"+name)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return func() {} // a read-only cache: build without the lock
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return func() {}
	}
	return func() {
		unix.Flock(int(f.Fd()), unix.LOCK_UN)
		f.Close()
	}
}

// writeLibrary writes the builtin library's bitcode and, after it, its
// checksum file: libraryIntact trusts the bitcode only if both agree.
func writeLibrary(path string, bc []byte) error {
	if err := writeAtomic(path, bc); err != nil {
		return err
	}
	sum := sha256.Sum256(bc)
	return writeAtomic(path+".sha256", []byte(hex.EncodeToString(sum[:])+"\n"))
}

// libraryIntact reports whether the builtin library at path is whole: a
// truncated or garbled file is compiled again.
func libraryIntact(path string) bool {
	want, err := os.ReadFile(path + ".sha256")
	if err != nil {
		return false
	}
	return fileSum(path) == strings.TrimSpace(string(want))
}

// compilerModes are the environment variables that change what the
// compiler makes of a program (so they are part of every cache key).
func compilerModes() string {
	return fmt.Sprintf("regions=%q wiloops=%q", getenv("GOCL_NO_REGIONS"), getenv("GOCL_NO_WILOOPS"))
}
