package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"unsafe"

	"github.com/ebitengine/purego"
)

// Executable is a loaded program: its shared object, opened with purego,
// and each kernel's entry points.
type Executable struct {
	SO      []byte // the shared object (part of the program binary)
	handle  uintptr
	Kernels map[string]*Entry
	lazy    *lazyCode // kernels compiled when used (stage_load.go); nil: all compiled
}

// Entry is a kernel's compiled code.
type Entry struct {
	Info     *KernelInfo
	Loop     uintptr // void __gocl_loop_K(const gocl_launch *, size_t g0, size_t g1)
	Fibers   uintptr // void __gocl_fibers_K(...)
	Body     uintptr // void __gocl_body_K(void **args, char *local)
	Groups   uintptr // void __gocl_groups_K(...): one call per work-group (region kernels)
	ArgSizes []uint64
}

var loaded sync.Map // sha of the shared object → dlopen handle (uintptr)

// Load opens a shared object made by Link (from a private file that is
// removed once it is loaded: writeLoadable) and finds the kernels' entry points. A
// shared object already loaded in this process is not loaded again, but
// the Executable is always new: programs that compile to the same code
// can differ in what only the metadata says (reqd_work_group_size,
// vec_type_hint), so each keeps its own kernels' information.
func Load(so []byte, kernels []KernelInfo) (*Executable, error) {
	sum := sha256.Sum256(so)
	key := hex.EncodeToString(sum[:16])
	if h, ok := loaded.Load(key); ok {
		return findEntries(h.(uintptr), so, kernels)
	}
	path, err := writeLoadable(key, so)
	if err != nil {
		return nil, err
	}
	ex, err := openExecutable(path, so, kernels)
	os.Remove(path) // (the mapping stays)
	if err != nil {
		return nil, err
	}
	if h, raced := loaded.LoadOrStore(key, ex.handle); raced {
		return findEntries(h.(uintptr), so, kernels)
	}
	return ex, nil
}

// openExecutable dlopens the shared object at path (a copy of so) and finds
// the kernels' entry points.
func openExecutable(path string, so []byte, kernels []KernelInfo) (*Executable, error) {
	_ = globalLibraries() // (where they are not, the object was linked with them)
	h, err := purego.Dlopen(path, purego.RTLD_NOW|purego.RTLD_LOCAL)
	if err != nil {
		return nil, fmt.Errorf("cannot load the compiled program: %v", err)
	}
	return findEntries(h, so, kernels)
}

// findEntries finds the kernels' entry points in the loaded shared object
// h (of so); kernels' argument sizes are filled in from it.
func findEntries(h uintptr, so []byte, kernels []KernelInfo) (*Executable, error) {
	ex := &Executable{SO: so, handle: h, Kernels: map[string]*Entry{}}
	for i := range kernels {
		k := &kernels[i]
		e := &Entry{Info: k}
		if k.Launchable {
			sym := func(prefix string) uintptr {
				p, err := purego.Dlsym(h, prefix+k.Name)
				if err != nil {
					return 0
				}
				return p
			}
			e.Loop, e.Fibers, e.Body = sym("__gocl_loop_"), sym("__gocl_fibers_"), sym("__gocl_body_")
			e.Groups = sym("__gocl_groups_")
			if sizes := sym("__gocl_argsizes_"); sizes != 0 && len(k.Args) > 0 {
				e.ArgSizes = append([]uint64(nil), unsafe.Slice((*uint64)(addrToPointer(sizes)), len(k.Args))...)
			}
			for _, name := range usedEntries(k) {
				if sym(name) == 0 {
					return nil, fmt.Errorf("kernel %s: entry point %s missing from the compiled program", k.Name, name)
				}
			}
			for j := range k.Args {
				if j < len(e.ArgSizes) {
					k.Args[j].Size = e.ArgSizes[j]
				}
			}
		}
		ex.Kernels[k.Name] = e
	}
	return ex, nil
}

// addrToPointer turns an address from dlsym (C memory, never moved) into a
// pointer.
func addrToPointer(addr uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&addr)) }
