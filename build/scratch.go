package build

/*
#define _GNU_SOURCE
#include <ftw.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

// What the process leaves behind if it exits while it builds: the compilers
// it runs (they also get SIGKILL from the kernel when the thread that
// started them ends, through PR_SET_PDEATHSIG) and its scratch directory.
// exit() runs gocl_at_exit, which needs no Go: it kills the children that
// still run, then removes the directory.
// Work gocl started on its own threads (a background compilation, an
// asynchronous build) is counted: exit() waits for it, up to a few seconds,
// once the children are killed, because the process's exit unloads
// libLLVM and runs its destructors under a thread still in it (a shape
// compiled in the background as pyopencl exited died of SIGSEGV in
// dlopen). No such work starts once exit has begun.
static pthread_mutex_t gocl_exit_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gocl_work_cv = PTHREAD_COND_INITIALIZER;
static int gocl_work, gocl_exiting;
static char *gocl_scratch_dir;
static pid_t *gocl_children;
static int gocl_nchildren, gocl_capchildren;
static int gocl_exit_registered;
// The threads that run background work at idle priority (inIdleTime):
// exit puts them back at normal priority, so that the work it waits for
// ends while the machine is busy with other processes (at SCHED_IDLE they
// would get no CPU, and exit would stop waiting after 5 s).
#define GOCL_MAX_IDLE 64
static pid_t gocl_idle[GOCL_MAX_IDLE];
static int gocl_nidle;

static int gocl_remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
	(void)st; (void)flag; (void)ftw;
	remove(path);
	return 0;
}

// gocl_stop_work: no background work starts any more, the children are
// killed, and the work under way has ended (or 5 s have passed). Mutex held.
static void gocl_stop_work(void) {
	gocl_exiting = 1;
	for (int i = 0; i < gocl_nchildren; i++)
		kill(gocl_children[i], SIGKILL);
	gocl_nchildren = 0;
	struct sched_param normal = {0};
	for (int i = 0; i < gocl_nidle; i++)
		sched_setscheduler(gocl_idle[i], SCHED_OTHER, &normal);
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	while (gocl_work > 0 && pthread_cond_timedwait(&gocl_work_cv, &gocl_exit_mu, &until) == 0)
		;
}

// Registered again once libLLVM is loaded: exit runs handlers in the reverse
// order of their registration, and libLLVM's static destructors (registered
// as it loads) must not run under background work still in libLLVM.
static void gocl_at_exit_stop_work(void) {
	pthread_mutex_lock(&gocl_exit_mu);
	gocl_stop_work();
	pthread_mutex_unlock(&gocl_exit_mu);
}

// Set once libLLVM is loaded; mutex held. libLLVM also registers
// destructors later, as it first uses a function-local static (exit runs
// those before the handler registered at its load): so each piece of
// background work that starts after the load registers the handler again,
// and exit reaches it before any destructor registered until then (at most
// GOCL_MAX_REREGISTER times: a tuner builds thousands of programs, and the
// statics are all in use long before).
#define GOCL_MAX_REREGISTER 256
static int gocl_llvm_loaded, gocl_reregistered;

static void gocl_register_stop_work(void) {
	pthread_mutex_lock(&gocl_exit_mu);
	gocl_llvm_loaded = 1;
	atexit(gocl_at_exit_stop_work);
	pthread_mutex_unlock(&gocl_exit_mu);
}

static void gocl_at_exit(void) {
	pthread_mutex_lock(&gocl_exit_mu);
	gocl_stop_work();
	if (gocl_scratch_dir) {
		nftw(gocl_scratch_dir, gocl_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
		free(gocl_scratch_dir);
		gocl_scratch_dir = NULL;
	}
	pthread_mutex_unlock(&gocl_exit_mu);
}

static void gocl_register_exit(void) {
	if (!gocl_exit_registered) {
		gocl_exit_registered = 1;
		atexit(gocl_at_exit);
	}
}

// Registered when the library is loaded: background work that starts while
// the process exits must find gocl_exiting set, not register the handler
// once exit has already passed it.
__attribute__((constructor)) static void gocl_exit_at_load(void) {
	pthread_mutex_lock(&gocl_exit_mu);
	gocl_register_exit();
	pthread_mutex_unlock(&gocl_exit_mu);
}

static void gocl_set_scratch(const char *dir) {
	pthread_mutex_lock(&gocl_exit_mu);
	gocl_register_exit();
	free(gocl_scratch_dir);
	gocl_scratch_dir = strdup(dir);
	pthread_mutex_unlock(&gocl_exit_mu);
}

// gocl_work_begin counts a piece of background work in, unless the process
// is exiting (0: do not start it).
static int gocl_work_begin(void) {
	pthread_mutex_lock(&gocl_exit_mu);
	gocl_register_exit();
	int ok = !gocl_exiting;
	gocl_work += ok;
	if (ok && gocl_llvm_loaded && gocl_reregistered < GOCL_MAX_REREGISTER && atexit(gocl_at_exit_stop_work) == 0)
		gocl_reregistered++;
	pthread_mutex_unlock(&gocl_exit_mu);
	return ok;
}

static int gocl_is_exiting(void) {
	pthread_mutex_lock(&gocl_exit_mu);
	int e = gocl_exiting;
	pthread_mutex_unlock(&gocl_exit_mu);
	return e;
}

static void gocl_work_end(void) {
	pthread_mutex_lock(&gocl_exit_mu);
	gocl_work--;
	pthread_cond_broadcast(&gocl_work_cv);
	pthread_mutex_unlock(&gocl_exit_mu);
}

// gocl_idle_raise puts the background work at idle priority, its threads
// and the processes they started, at normal priority.
static void gocl_idle_raise(void) {
	pthread_mutex_lock(&gocl_exit_mu);
	struct sched_param normal = {0};
	for (int i = 0; i < gocl_nidle; i++)
		sched_setscheduler(gocl_idle[i], SCHED_OTHER, &normal);
	for (int i = 0; i < gocl_nchildren; i++)
		sched_setscheduler(gocl_children[i], SCHED_OTHER, &normal);
	pthread_mutex_unlock(&gocl_exit_mu);
}

// gocl_idle_begin records thread tid as running at idle priority, unless
// the process is exiting or too many are (0: let it run at normal
// priority).
static int gocl_idle_begin(pid_t tid) {
	pthread_mutex_lock(&gocl_exit_mu);
	int ok = !gocl_exiting && gocl_nidle < GOCL_MAX_IDLE;
	if (ok)
		gocl_idle[gocl_nidle++] = tid;
	pthread_mutex_unlock(&gocl_exit_mu);
	return ok;
}

// gocl_remove_id removes id from the n ids of a (order is not kept).
// Mutex held.
static void gocl_remove_id(pid_t *a, int *n, pid_t id) {
	for (int i = 0; i < *n; i++)
		if (a[i] == id) {
			a[i] = a[--*n];
			return;
		}
}

static void gocl_idle_end(pid_t tid) {
	pthread_mutex_lock(&gocl_exit_mu);
	gocl_remove_id(gocl_idle, &gocl_nidle, tid);
	pthread_mutex_unlock(&gocl_exit_mu);
}

static void gocl_child_started(pid_t pid) {
	pthread_mutex_lock(&gocl_exit_mu);
	gocl_register_exit();
	if (gocl_exiting)
		kill(pid, SIGKILL); // (its waiter returns at once)
	if (gocl_nchildren == gocl_capchildren) {
		int cap = gocl_capchildren ? 2 * gocl_capchildren : 16;
		pid_t *p = realloc(gocl_children, cap * sizeof *p);
		if (p) {
			gocl_children = p;
			gocl_capchildren = cap;
		}
	}
	if (gocl_nchildren < gocl_capchildren)
		gocl_children[gocl_nchildren++] = pid;
	pthread_mutex_unlock(&gocl_exit_mu);
}

static void gocl_child_ended(pid_t pid) {
	pthread_mutex_lock(&gocl_exit_mu);
	gocl_remove_id(gocl_children, &gocl_nchildren, pid);
	pthread_mutex_unlock(&gocl_exit_mu);
}
*/
import "C"

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"gocl/icd"

	"golang.org/x/sys/unix"
)

// scratchDir is this process's private directory for temporary files
// (clang's inputs and outputs, the builtin library and loadable shared
// objects when there is no cache): created once, mode 0700, named
// gocl-<pid>-*, and removed when the process exits. Directories of earlier
// processes of this user that died without exiting (killed) are removed
// when the next one creates its own.
var scratchDir = sync.OnceValues(func() (string, error) {
	removeStaleScratch()
	dir, err := os.MkdirTemp("", fmt.Sprintf("gocl-%d-", os.Getpid()))
	if err != nil {
		return "", fmt.Errorf("cannot create a temporary directory: %v", err)
	}
	cs := C.CString(dir)
	C.gocl_set_scratch(cs)
	C.free(unsafe.Pointer(cs))
	return dir, nil
})

// stopWorkBeforeLLVMExits has the process's exit stop background work before libLLVM's
// destructors run (see gocl_at_exit_stop_work).
func stopWorkBeforeLLVMExits() { C.gocl_register_stop_work() }

// beginWork counts work that exit must wait for (see gocl_at_exit) in, or
// says (false) that the process is exiting and it must not start; endWork
// counts it out.
func beginWork() bool { return C.gocl_work_begin() != 0 }
func endWork()        { C.gocl_work_end() }

// exiting reports whether the process's exit has begun: background work
// that waited its turn then gives up (each piece of it in libLLVM would
// keep exit waiting, and past exit's patience libLLVM's destructors ran
// under it: clpeak, with a queue of shapes to compile, died of SIGSEGV in
// WriteBitcodeToMemBuffer as it exited).
func exiting() bool { return C.gocl_is_exiting() != 0 }

// inBackground runs work on a new goroutine, counted as background work
// that the process's exit waits for (see gocl_at_exit); once exit has
// begun, work does not run.
func inBackground(work func()) {
	go func() {
		if !beginWork() {
			return
		}
		defer endWork()
		work()
	}()
}

// inIdleTime runs work in the background (inBackground) on a thread of its
// own that runs, with the processes it starts (the compilers), only when a
// core would otherwise be idle (SCHED_IDLE): code the application did not
// ask for must not take a core from its kernels. (A benchmark such as
// clpeak measured half its figures while a shape compiled beside it.) The
// thread ends with the work: an unprivileged thread may not return to
// normal priority. (Exit tries to put it back, see gocl_idle.)
func inIdleTime(work func()) {
	inBackground(func() {
		runtime.LockOSThread() // never unlocked: the thread exits with the goroutine
		// Idle first, then recorded (exit puts recorded threads back):
		// a thread exit would not see is put back here.
		attr := unix.SchedAttr{Size: unix.SizeofSchedAttr, Policy: unix.SCHED_IDLE}
		if err := unix.SchedSetAttr(0, &attr, 0); err != nil {
			icd.Tracef("background work at normal priority: %v", err)
		} else if tid := C.pid_t(unix.Gettid()); C.gocl_idle_begin(tid) != 0 {
			defer C.gocl_idle_end(tid)
		} else {
			attr.Policy = unix.SCHED_NORMAL
			_ = unix.SchedSetAttr(0, &attr, 0)
		}
		work()
	})
}

// raiseIdleWork gives the work inIdleTime runs, and the compilers it
// started, normal priority (the tests replace it).
var raiseIdleWork = func() { C.gocl_idle_raise() }

// tempDir makes a new private temporary directory (in the scratch
// directory) for one step; the caller removes it.
func tempDir(pattern string) (string, error) {
	s, err := scratchDir()
	if err != nil {
		return "", err
	}
	return os.MkdirTemp(s, pattern)
}

// removeStaleScratch removes the scratch directories that processes of this
// user left behind when they were killed: gocl-<pid>-* directories owned by
// this user whose process no longer exists, unchanged for an hour.
func removeStaleScratch() {
	tmp := os.TempDir()
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	uid := os.Geteuid()
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), "gocl-")
		if !ok || !e.IsDir() {
			continue
		}
		pidStr, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidStr)
		if !ok || err != nil || pid <= 0 || pid == os.Getpid() {
			continue
		}
		path := filepath.Join(tmp, e.Name())
		var st unix.Stat_t
		if unix.Lstat(path, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR || int(st.Uid) != uid {
			continue
		}
		// Not touched for an hour either: a process in another PID
		// namespace sharing this directory looks dead from here.
		if time.Since(time.Unix(st.Mtim.Unix())) < time.Hour {
			continue
		}
		if err := unix.Kill(pid, 0); err != unix.ESRCH {
			continue // alive (or not ours to ask): keep
		}
		os.RemoveAll(path)
	}
}

// childStarted and childEnded keep the list of running compilers that the
// exit handler kills.
func childStarted(p *os.Process) { C.gocl_child_started(C.pid_t(p.Pid)) }
func childEnded(p *os.Process)   { C.gocl_child_ended(C.pid_t(p.Pid)) }

// childAttr makes a child die with the thread that starts it (the caller
// keeps that thread locked until the child ends), so that a process that
// ends, however it ends, leaves no compiler running.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// writeLoadable writes a shared object to be loaded into a new file of a
// private directory (the cache directory, which is checked to be this
// user's alone, or else the scratch directory): nothing is ever loaded
// from a directory another user can write. The name holds tag (the
// content's hash, or a name never used before), because the dynamic
// loader takes a name it loaded before for the object loaded then. The
// caller removes the file once it is loaded.
func writeLoadable(tag string, so []byte) (string, error) {
	var dirs []string
	if d, err := cacheDir(); err == nil {
		dirs = append(dirs, d)
	}
	s, serr := scratchDir()
	if serr == nil {
		dirs = append(dirs, s)
	}
	err := serr
	for _, d := range dirs {
		var f *os.File
		if f, err = os.CreateTemp(d, ".load-"+tag+"-*.so"); err != nil {
			continue
		}
		_, err = f.Write(so)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			return f.Name(), nil
		}
		os.Remove(f.Name())
	}
	return "", fmt.Errorf("cannot write the program to load it: %v", err)
}
