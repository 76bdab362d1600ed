package device

/*
#define _GNU_SOURCE
#include <malloc.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

// Under an address-space limit (ulimit -v), glibc's per-thread malloc
// arenas are what a process with many threads runs out of first: each
// reserves 64 MiB of address space, and the Go runtime's threads that call
// C (and the workers) would make up to 8 per core of them — under a 1 GiB
// limit, a quarter of it before the application allocates anything. So when
// RLIMIT_AS is finite and the user did not choose (MALLOC_ARENA_MAX,
// GLIBC_TUNABLES), the number of arenas is limited to one per GiB of the
// limit (at least one, at most glibc's default). This runs when the library
// is loaded, before any other thread exists.
__attribute__((constructor(101))) static void gocl_limit_arenas(void) {
	struct rlimit r;
	if (getrlimit(RLIMIT_AS, &r) != 0 || r.rlim_cur == RLIM_INFINITY) return;
	if (getenv("MALLOC_ARENA_MAX") || getenv("GLIBC_TUNABLES")) return;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned long long n = r.rlim_cur >> 30, most = (cpus > 0 ? (unsigned long long)cpus : 1) * 8;
	if (n < 1) n = 1;
	if (n > most) n = most;
	mallopt(M_ARENA_MAX, (int)n);
}
*/
import "C"

import (
	"math"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// addressSpaceLeft is how much address space the process may still map
// under RLIMIT_AS (math.MaxUint64 without a limit), less what gocl will
// reserve itself for its worker threads' stacks: CL_DEVICE_GLOBAL_MEM_SIZE
// and CL_DEVICE_MAX_MEM_ALLOC_SIZE stay within it, so that an application
// that sizes its buffers by them can allocate them. It is measured when the
// device is first described (the Go runtime's own reservations, some
// 600-700 MiB that no setting changes, are then made). The compiler library
// (libLLVM, about 130 MiB), loaded at the first build that is not cached,
// is not counted.
func addressSpaceLeft(workers int) uint64 {
	var r unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_AS, &r) != nil || r.Cur == unix.RLIM_INFINITY {
		return math.MaxUint64
	}
	used := vmSize()
	used += uint64(workers+1) * (8 << 20) // worker stacks (ndrange.go), and slack
	if used >= r.Cur {
		return 1 << 20
	}
	return max(r.Cur-used, 1<<20)
}

// vmSize is the process's mapped address space (/proc/self/statm), in bytes.
func vmSize() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	pages, _ := strconv.ParseUint(f[0], 10, 64)
	return pages * uint64(os.Getpagesize())
}

// CanMap reports whether n more bytes of address space can be mapped now.
// Without RLIMIT_AS it is true; under one, a mapping of n bytes that no
// page backs is made and undone: the exact test of what the limit leaves.
// The compiler asks it before working in libLLVM and the Go heap, where
// running out of address space ends the process (the Go runtime's "out of
// memory" and LLVM's bad_alloc are fatal), so that a build under a tight
// `ulimit -v` fails with an error instead.
func CanMap(n uint64) bool {
	var r unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_AS, &r) != nil || r.Cur == unix.RLIM_INFINITY {
		return true
	}
	b, err := unix.Mmap(-1, 0, int(n), unix.PROT_NONE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS|unix.MAP_NORESERVE)
	if err != nil {
		return false
	}
	unix.Munmap(b)
	return true
}
