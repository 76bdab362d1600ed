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
	"math"
	"os"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"gocl/icd"

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
// never fatal. The builtin library's parts are cached beside, in a
// directory of their own, each with its checksum (libparts.go).

// The compiler's own source is part of every key, so that a driver whose
// pipeline changed never reuses what an older one built (the measurements
// and metadata of program.go and binary.go are part of every entry too).
// All of the package's Go files: a stage added later cannot be left out.
//
//go:embed *.go
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
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00", kind, driverVersion(), clang, libSourcesSum(), clExt, hostCPU(), options, compilerModes())
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

func cachePath(key string) string {
	dir, _ := cacheDir()
	return filepath.Join(dir, "build-"+key+".bin")
}

// cacheDisabled reports whether builds go without the cache: GOCL_NO_CACHE
// is set, or the cache directory cannot be used (cacheDir).
func cacheDisabled() bool {
	_, err := cacheDir()
	return err != nil
}

// The cache directory: $GOCL_CACHE_DIR, or $XDG_CACHE_HOME/gocl, or
// ~/.cache/gocl, where ~ is $HOME or else the user's home directory from
// the password database; never a shared directory (there is no fallback to
// /tmp). It is created with mode 0700 and used only if it is a directory
// of this user that no other user can write, reached through directories
// no other user can rename it in, and a file can be created in it. A cache
// is an optimization: when any of this fails, builds go without it at once
// (GOCL_DEBUG says why), and whatever must be on disk (the builtin library,
// shared objects being loaded) goes to the private scratch directory.

type cacheDirState struct {
	dir string
	err error
}

var cacheDirs sync.Map // configured path (or why there is none) → *cacheDirState

// cacheDir is the usable cache directory, or why there is none.
func cacheDir() (string, error) {
	if getenv("GOCL_NO_CACHE") != "" {
		return "", fmt.Errorf("GOCL_NO_CACHE is set")
	}
	path, err := configuredCacheDir()
	key := path
	if err != nil {
		key = "\x00" + err.Error()
	}
	if v, ok := cacheDirs.Load(key); ok {
		st := v.(*cacheDirState)
		return st.dir, st.err
	}
	st := &cacheDirState{err: err}
	if err == nil {
		st.dir, st.err = prepareCacheDir(path)
	}
	if v, raced := cacheDirs.LoadOrStore(key, st); raced {
		st = v.(*cacheDirState)
	} else if st.err != nil {
		icd.Tracef("kernel cache: %v: building without a cache", st.err)
	} else {
		trimCache(0) // (once per process: the bound may have been lowered)
	}
	return st.dir, st.err
}

// configuredCacheDir is the cache directory the environment asks for.
func configuredCacheDir() (string, error) {
	if d := getenv("GOCL_CACHE_DIR"); d != "" {
		return filepath.Abs(d)
	}
	if x := getenv("XDG_CACHE_HOME"); filepath.IsAbs(x) { // (relative: ignored, as the XDG specification says)
		return filepath.Join(x, "gocl"), nil
	}
	home := getenv("HOME")
	if home == "" {
		if u, err := user.Current(); err == nil {
			home = u.HomeDir
		}
	}
	if !filepath.IsAbs(home) {
		return "", fmt.Errorf("no home directory (HOME is not set and the user has none)")
	}
	return filepath.Join(home, ".cache", "gocl"), nil
}

// prepareCacheDir creates the cache directory dir if needed and checks that
// it is private to this user and writable; it returns its real path (no
// symbolic links, which another user might later point elsewhere).
func prepareCacheDir(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("cannot create %s: %v", dir, err)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", fmt.Errorf("cannot resolve %s: %v", dir, err)
	}
	var st unix.Stat_t
	if err := unix.Stat(real, &st); err != nil {
		return "", fmt.Errorf("%s: %v", real, err)
	}
	uid := uint32(os.Geteuid())
	switch {
	case st.Mode&unix.S_IFMT != unix.S_IFDIR:
		return "", fmt.Errorf("%s is not a directory", real)
	case st.Uid != uid:
		return "", fmt.Errorf("%s belongs to user %d, not to this user (%d)", real, st.Uid, uid)
	case st.Mode&0o022 != 0:
		return "", fmt.Errorf("%s can be written by other users (mode %04o)", real, st.Mode&0o7777)
	}
	if st.Mode&0o077 != 0 { // (older versions made it 0755)
		_ = unix.Chmod(real, 0o700)
	}
	// Every directory above it: this user's or root's, and if others may
	// write in it, sticky (so they cannot rename the cache away).
	for p := filepath.Dir(real); ; p = filepath.Dir(p) {
		if err := unix.Stat(p, &st); err != nil {
			return "", fmt.Errorf("%s: %v", p, err)
		}
		if st.Uid != uid && st.Uid != 0 {
			return "", fmt.Errorf("%s (above the cache) belongs to user %d", p, st.Uid)
		}
		if st.Mode&0o022 != 0 && st.Mode&unix.S_ISVTX == 0 {
			return "", fmt.Errorf("%s (above the cache) can be written by other users (mode %04o)", p, st.Mode&0o7777)
		}
		if p == "/" || p == "." {
			break
		}
	}
	f, err := os.CreateTemp(real, ".probe-*")
	if err != nil {
		return "", fmt.Errorf("cannot write in %s: %v", real, err)
	}
	f.Close()
	os.Remove(f.Name())
	return real, nil
}

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
	touch(cachePath(key)) // recently used (trimCache)
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
	if max := cacheMax(); int64(b.Len()) > max/4 {
		icd.Tracef("kernel cache: not keeping a %d-byte build (more than a quarter of GOCL_CACHE_MAX=%d)", b.Len(), max)
		return
	}
	if writeAtomic(cachePath(key), b.Bytes()) == nil {
		trimCache(int64(b.Len()))
	}
}

// The cache's size is bounded (cacheMax): at a process's first use of the
// cache and after each new entry, if the builds in it add up to more
// (trimCache keeps count), the least recently used ones (by their
// modification time, which every use updates) are removed until they are
// 10% under the bound. Removing is safe while other processes use the
// cache: entries are read whole with one open (a removed file stays
// readable through it) and replaced by rename, a missing entry is just
// built again, and lock files are never removed. The builtin library
// (a directory of up to 4 MB per driver version and CPU, its parts' locks
// inside) is not counted: it is removed when it was not used for 30 days
// (a process whose part disappears compiles it again). Temporary files that processes killed in the middle
// of a write left behind are removed after an hour. One process trims at
// a time.

// cacheMax is the bound: GOCL_CACHE_MAX, a number of bytes with an
// optional K, M or G suffix (0: keep no new builds), or 512 MiB. A build
// larger than a quarter of it is not kept.
func cacheMax() int64 {
	const def = 512 << 20
	v := strings.TrimSpace(getenv("GOCL_CACHE_MAX"))
	if v == "" {
		return def
	}
	shift := 0
	switch v[len(v)-1] {
	case 'k', 'K':
		shift = 10
	case 'm', 'M':
		shift = 20
	case 'g', 'G':
		shift = 30
	}
	if shift != 0 {
		v = v[:len(v)-1]
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64>>shift {
		icd.Tracef("kernel cache: GOCL_CACHE_MAX=%q is not a size: using %d", getenv("GOCL_CACHE_MAX"), def)
		return def
	}
	return n << shift
}

// touch marks a cache file as used now.
func touch(path string) {
	now := time.Now()
	_ = os.Chtimes(path, now, now)
}

// trimCache accounts for added bytes of new builds and trims the cache if
// that takes it over the bound. Scanning a cache of thousands of entries
// takes a while (150 ms for 10,000 on a loaded machine), so the builds'
// total is kept in the file cache-size, updated under a lock by every
// process that adds an entry: the cache is scanned only when the total
// passes the bound, or the file is missing or unreadable, or the last scan
// was ten minutes ago (entries that other programs added or removed make
// the count drift).
func trimCache(added int64) {
	dir, err := cacheDir()
	if err != nil {
		return
	}
	max := cacheMax()
	// One process at a time (the others wait: it takes milliseconds, and
	// then each sees the others' entries).
	defer lockCache("trim")()
	path := filepath.Join(dir, "cache-size")
	total, scanned := int64(-1), int64(0) // (the file: "total time-of-the-last-scan")
	if b, err := os.ReadFile(path); err == nil {
		if f := strings.Fields(string(b)); len(f) == 2 {
			n, err1 := strconv.ParseInt(f[0], 10, 64)
			t, err2 := strconv.ParseInt(f[1], 10, 64)
			if err1 == nil && err2 == nil && n >= 0 && time.Since(time.Unix(t, 0)).Abs() < 10*time.Minute {
				total, scanned = n+added, t
			}
		}
	}
	if total < 0 || total > max {
		total, scanned = trimScan(dir, max), time.Now().Unix()
	}
	_ = writeAtomic(path, []byte(fmt.Sprintf("%d %d\n", total, scanned)))
}

// trimScan trims the cache dir to the bound max: the builds' total after.
func trimScan(dir string, max int64) int64 {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	type entry struct {
		paths []string
		size  int64
		used  time.Time
	}
	var list []entry
	var total int64
	now := time.Now()
	for _, e := range entries {
		n := e.Name()
		path := filepath.Join(dir, n)
		info, err := e.Info()
		if err != nil {
			continue
		}
		size, used := info.Size(), info.ModTime()
		switch {
		case strings.HasPrefix(n, "build-") && strings.HasSuffix(n, ".bin"):
			list = append(list, entry{[]string{path}, size, used})
		case strings.HasPrefix(n, "builtins-"): // (and older versions' merged library files)
			if now.Sub(used) > 30*24*time.Hour {
				os.RemoveAll(path)
			}
			continue
		case strings.HasPrefix(n, ".tmp-"), strings.HasPrefix(n, ".load-"), strings.HasPrefix(n, ".probe-"),
			strings.HasPrefix(n, ".private-"), strings.HasPrefix(n, "program-") && strings.HasSuffix(n, ".so"): // (older versions' loaded copies)
			if now.Sub(used) > time.Hour {
				os.Remove(path)
			}
			continue
		default:
			continue
		}
		total += size
	}
	if total <= max {
		return total
	}
	sort.Slice(list, func(i, j int) bool { return list[i].used.Before(list[j].used) })
	target := max - max/10
	for _, x := range list {
		if total <= target {
			break
		}
		for _, p := range x.paths {
			os.RemoveAll(p)
		}
		total -= x.size
	}
	return total
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
	dir, err := tempDir("deps-")
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
// lock files at most), the builtin library's parts a lock file each in
// the library's directory (lockFile), never one inside the other. A lock held longer than lockWait (a build that
// takes that long, or a stuck process) is not waited for any longer: the
// caller goes on without it (builds then may compile twice, never wrong:
// entries are written atomically).
func lockCache(name string) func() {
	dir, err := cacheDir()
	if err != nil {
		return func() {}
	}
	return lockFile(filepath.Join(dir, "lock-"+name))
}

// lockFile is lockCache's lock on the file at path.
func lockFile(path string) func() {
	noop := func() {}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return noop // a read-only cache: build without the lock
	}
	deadline := time.Now().Add(lockWait)
	delay := time.Millisecond
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			break
		}
		if (err != unix.EWOULDBLOCK && err != unix.EINTR) || time.Now().After(deadline) {
			icd.Tracef("kernel cache: lock %s: %v (waited %v): going on without it", path, err, lockWait)
			f.Close()
			return noop
		}
		time.Sleep(delay)
		delay = min(2*delay, 50*time.Millisecond)
	}
	return func() {
		unix.Flock(int(f.Fd()), unix.LOCK_UN)
		f.Close()
	}
}

// lockWait bounds the wait for a cache lock.
var lockWait = 2 * time.Minute

// compilerModes are the environment variables that change what the
// compiler makes of a program (so they are part of every cache key).
func compilerModes() string {
	return fmt.Sprintf("regions=%q wiloops=%q check=%v flatmasks=%v", getenv("GOCL_NO_REGIONS"), getenv("GOCL_NO_WILOOPS"), checkedBuild(), flatMasks())
}
