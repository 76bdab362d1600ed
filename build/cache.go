package build

import (
	_ "embed"

	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
)

// The on-disk cache of built programs: one file per (source, options,
// compiler, builtin library, driver, CPU), holding the program binary.
// Files are written atomically (several processes may build at once), and an
// entry that does not load — corrupt, truncated, from another driver — is
// rebuilt and overwritten, never fatal.

// The compiler's own source is part of every key, so that a driver whose
// pipeline changed never reuses what an older one built.
//
//go:embed compiler.go
var compilerSource []byte

//go:embed llvm.go
var llvmSource []byte

func cacheKey(kind, source, options string) (string, error) {
	lib, err := builtinLibrary()
	if err != nil {
		return "", err
	}
	_, version, err := findClang()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00", kind, DriverVersion, version, filepath.Base(lib), hostCPU(), options)
	h.Write(compilerSource)
	h.Write(llvmSource)
	h.Write([]byte(source))
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

func cachePath(key string) string { return filepath.Join(CacheDir(), "build-"+key+".bin") }

func cacheGet(key string) ([]byte, bool) {
	if getenv("GOCL_NO_CACHE") != "" {
		return nil, false
	}
	b, err := os.ReadFile(cachePath(key))
	return b, err == nil
}

func cachePut(key string, bin []byte) {
	if getenv("GOCL_NO_CACHE") != "" {
		return
	}
	_ = writeAtomic(cachePath(key), bin)
}
