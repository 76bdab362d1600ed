package device

import (
	"bufio"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Release is gocl's release number: the vendor part of the platform and
// device version strings.
const Release = "0.1.0"

// DriverVersion is CL_DRIVER_VERSION: the release and this build's
// identity, "0.1.0+1a2b3c4d5e6f". Applications key their caches of program
// binaries on it (hashcat's kernel cache file names hold a checksum of the
// device's name and driver version), and gocl keys its own cache and its
// binaries on it: with the release alone, a rebuilt gocl — new compiler
// stages, a changed kernel ABI — ran the code an older build had compiled
// and an application had kept.
var DriverVersion = sync.OnceValue(func() string {
	if id := buildID(); id != "" {
		return Release + "+" + id
	}
	return Release
})

// buildID is a short digest of the Go build ID of the binary this code is
// linked into (libgocl.so, or a test executable): the Go tool derives it
// from every input of the build, so it changes whenever the code does and
// only then. "" if it cannot be read.
func buildID() string {
	path := ownFile()
	if path == "" {
		return ""
	}
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return ""
	}
	note, err := s.Data()
	if err != nil || len(note) == 0 {
		return ""
	}
	sum := sha256.Sum256(note)
	return hex.EncodeToString(sum[:6])
}

// ownFile is the path of the mapped file that holds this function's code,
// read from /proc/self/maps.
func ownFile() string {
	pc := uint64(reflect.ValueOf(ownFile).Pointer())
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// start-end perms offset dev inode path (which may hold spaces)
		line := sc.Text()
		lo, rest, ok := strings.Cut(line, "-")
		hi, _, ok2 := strings.Cut(rest, " ")
		slash := strings.Index(line, " /")
		if !ok || !ok2 || slash < 0 {
			continue
		}
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 == nil && err2 == nil && start <= pc && pc < end {
			return line[slash+1:]
		}
	}
	return ""
}
