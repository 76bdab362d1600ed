package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"gocl/icd"
)

// Stage "cache": builds, compiles and links are looked up by key before
// the other stages run and stored after them; a kernel batch's code
// (stage_load.go) too. cache.go keeps the entries (format, locks, checks).

// buildEntry is the cache entry a build will fill: its key, and the lock
// that makes other processes building the same program wait for it.
type buildEntry struct {
	key  string
	lock func()
}

// lookupBuild finds the result of a build (kind "build") or compile
// ("compile") in the cache. On a miss it returns the entry to store the
// result in (nil if there is no cache); with lock, the entry's lock is
// held until release, and the cache is looked up again under it (another
// process may just have built the program).
func lookupBuild(kind, source, options string, lock bool) (DeviceBuild, bool, *buildEntry) {
	key, err := cacheKey(kind, source, options)
	if err != nil || cacheDisabled() {
		return DeviceBuild{}, false, nil
	}
	want := uint32(icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE)
	if kind == "compile" {
		want = icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT
	}
	if b, ok := fromCache(key, options, want); ok {
		return b, true, nil
	}
	e := &buildEntry{key: key}
	if lock {
		e.lock = lockCache("build-" + key[:2])
		if b, ok := fromCache(key, options, want); ok {
			e.release()
			return b, true, nil
		}
	}
	return DeviceBuild{}, false, e
}

// release lets other processes at the entry.
func (e *buildEntry) release() {
	if e != nil && e.lock != nil {
		e.lock()
		e.lock = nil
	}
}

// store records a successful build of source, with the files it includes.
func (e *buildEntry) store(b DeviceBuild, source string, o *Options) {
	if e == nil {
		return
	}
	var deps []fileDep
	var err error
	if includes(source) {
		deps, err = sourceDeps(source, o)
	}
	if err == nil {
		cachePut(e.key, b.Binary, b.Log, deps)
	}
}

// fromCache is the build cached under key: an executable, loaded, or a
// compiled object.
func fromCache(key, options string, want uint32) (DeviceBuild, bool) {
	if want == icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE {
		return buildFromCache(key, options)
	}
	bin, log, ok := cacheGet(key)
	if !ok {
		return DeviceBuild{}, false
	}
	b, code := LoadBinary(nil, bin)
	if code != icd.CL_SUCCESS || b.BinaryType != want {
		return DeviceBuild{}, false
	}
	b.Status, b.Options, b.Log = icd.CL_BUILD_SUCCESS, options, log
	return b, true
}

// buildFromCache is a build of the executable cached under key.
func buildFromCache(key, options string) (DeviceBuild, bool) {
	bin, log, ok := cacheGet(key)
	if !ok {
		return DeviceBuild{}, false
	}
	b, code := LoadBinary(nil, bin)
	if code != icd.CL_SUCCESS || b.BinaryType != icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE {
		return DeviceBuild{}, false
	}
	b, code = buildFromBinary(b, nil, options)
	if code != icd.CL_SUCCESS {
		return DeviceBuild{}, false
	}
	b.Log = log
	return b, true
}

// linkCached is linkObjects with the executables it makes kept in the
// cache, under the compiled objects they come from: applications that
// compile and link (hashcat) get the cache's help too.
func linkCached(objs []*CompiledObject, metas []buildMeta, o *Options, options string) (res DeviceBuild, code int32) {
	t := startTrace("link", options)
	defer func() { t.end(res, code) }()
	if o.CreateLibrary || cacheDisabled() {
		return linkObjects(objs, metas, o, options)
	}
	h := sha256.New()
	for i, ob := range objs {
		fmt.Fprintf(h, "%d %s %d\n", i, ob.Std, len(ob.Bitcode))
		h.Write(ob.Bitcode)
		if i < len(metas) {
			fmt.Fprintf(h, "%v\n", metas[i])
		}
	}
	key, err := cacheKey("link", hex.EncodeToString(h.Sum(nil)), options)
	if err != nil {
		return linkObjects(objs, metas, o, options)
	}
	b, ok := buildFromCache(key, options)
	t.cached(ok, true)
	if ok {
		return b, icd.CL_SUCCESS
	}
	b, code = linkObjects(objs, metas, o, options)
	if code == icd.CL_SUCCESS {
		cachePut(key, b.Binary, b.Log, nil)
	}
	return b, code
}
