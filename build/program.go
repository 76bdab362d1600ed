// Package build is programs and kernels: program objects, their sources and
// binaries, the per-device build state, the kernel compiler (compiler.go)
// that turns OpenCL C into shared objects of work-group functions, kernel
// objects and their arguments.
package build

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"gocl/device"
	"gocl/icd"
)

// CompilerAvailable is CL_DEVICE_COMPILER_AVAILABLE: clang and libLLVM can
// be found. Platform and device queries ask it (the ICD loader does when an
// application starts), so it only looks for the files: running clang or
// loading libLLVM costs tens of milliseconds, and waits for the first build
// that needs them. Where the library is not in a standard directory, it is
// loaded to find out.
var CompilerAvailable = sync.OnceValue(func() bool {
	if _, err := clangBinary(); err != nil {
		return false
	}
	if libLLVMPresent() {
		return true
	}
	_, err := loadLLVM()
	return err == nil
})

// clangCandidates are the front ends findClang tries, in order.
func clangCandidates() []string {
	if p := getenv("GOCL_CLANG"); p != "" {
		return []string{p}
	}
	return []string{"clang-19", "clang"}
}

// clangBinary is the file of the front end findClang would run.
func clangBinary() (string, error) {
	var err error
	for _, c := range clangCandidates() {
		var p string
		if p, err = exec.LookPath(c); err == nil {
			return filepath.EvalSymlinks(p)
		}
	}
	return "", err
}

// libLLVMPresent reports whether one of the libraries loadLLVM tries is in
// a standard library directory (or is the file GOCL_LIBLLVM names).
func libLLVMPresent() bool {
	libs := llvmLibs
	if p := getenv("GOCL_LIBLLVM"); p != "" {
		libs = []string{p}
	}
	dirs := append(filepath.SplitList(getenv("LD_LIBRARY_PATH")), "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
		"/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib", "/usr/lib/llvm-19/lib")
	for _, l := range libs {
		if strings.Contains(l, "/") {
			if _, err := os.Stat(l); err == nil {
				return true
			}
			continue
		}
		for _, d := range dirs {
			if _, err := os.Stat(filepath.Join(d, l)); err == nil {
				return true
			}
		}
	}
	return false
}

// LinkerAvailable is CL_DEVICE_LINKER_AVAILABLE: the same tools link.
func LinkerAvailable() bool { return CompilerAvailable() }

// ILSupported reports whether devices accept intermediate language
// programs (CL_DEVICE_IL_VERSION non-empty): not yet, no SPIR-V front end.
func ILSupported() bool { return false }

// GlobalCtorsSupported reports whether devices run constructors and
// destructors of program-scope variables (an OpenCL 2.2 feature, optional in
// 3.0): no.
func GlobalCtorsSupported() bool { return false }

// Origin is how a program object was created; what a build may do with it
// depends on it.
type Origin uint8

const (
	FromSource  Origin = iota + 1 // clCreateProgramWithSource
	FromIL                        // clCreateProgramWithIL
	FromBinary                    // clCreateProgramWithBinary
	FromBuiltIn                   // clCreateProgramWithBuiltInKernels
	FromLink                      // clLinkProgram
)

// DeviceBuild is the state of a program for one of its devices: the result
// of the last build, compile or link.
type DeviceBuild struct {
	Status      int32  // CL_PROGRAM_BUILD_STATUS: CL_BUILD_*
	Options     string // CL_PROGRAM_BUILD_OPTIONS
	Log         string // CL_PROGRAM_BUILD_LOG
	BinaryType  uint32 // CL_PROGRAM_BINARY_TYPE: CL_PROGRAM_BINARY_TYPE_*
	Binary      []byte // CL_PROGRAM_BINARIES; nil when there is none
	Meta        buildMeta
	KernelNames []string // kernels of an executable
	Kernels     []KernelInfo
	Exec        *Executable     // executables
	Object      *CompiledObject // compiled objects and libraries

	payload []byte // a loaded binary's payload (part of Binary)
}

// buildMeta is what a build knows beyond the kernels' metadata: the options
// that change what the API may answer about its kernels, and what was
// measured in the shared object. Program binaries carry it.
type buildMeta struct {
	ArgInfo       []string          `json:",omitempty"` // kernels compiled with -cl-kernel-arg-info
	NonUniform    bool              `json:",omitempty"` // OpenCL C 2.0+ without -cl-uniform-work-group-size
	GlobalVarSize uint64            `json:",omitempty"` // CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE
	LocalMem      map[string]uint64 `json:",omitempty"` // kernel-scope __local variables, per kernel
	PrivateMem    map[string]uint64 `json:",omitempty"` // stack of a work-item, per kernel
}

// Executable reports whether the build produced an executable.
func (b *DeviceBuild) Executable() bool {
	return b.Status == icd.CL_BUILD_SUCCESS && b.BinaryType == icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE
}

// Program is a program object.
type Program struct {
	icd.Base
	Ctx     *device.Context
	Devices []*device.Device // CL_PROGRAM_DEVICES
	Origin  Origin
	Source  string // CL_PROGRAM_SOURCE, FromSource only
	IL      []byte // CL_PROGRAM_IL, FromIL only

	mu        sync.Mutex
	builds    []DeviceBuild // one per device, in the order of Devices
	kernels   int           // kernel objects attached
	onRelease []func()      // clSetProgramReleaseCallback, in registration order
}

// NewProgram creates a program object and its handle for devs (which belong
// to ctx). The program holds its context and devices.
func NewProgram(ctx *device.Context, devs []*device.Device, origin Origin, source string, il []byte) *Program {
	p := &Program{Ctx: ctx, Devices: append([]*device.Device(nil), devs...), Origin: origin, Source: source, IL: il,
		builds: make([]DeviceBuild, len(devs))}
	for i := range p.builds {
		p.builds[i] = DeviceBuild{Status: icd.CL_BUILD_NONE, BinaryType: icd.CL_PROGRAM_BINARY_TYPE_NONE}
	}
	ctx.Ref()
	for _, d := range p.Devices {
		d.Base.Ref()
	}
	icd.Register(p, icd.KindProgram, p.destroy)
	return p
}

func (p *Program) destroy() {
	p.mu.Lock()
	fns := p.onRelease
	p.onRelease = nil
	p.mu.Unlock()
	// Program-scope destructors would run here, then the callbacks, last
	// registered first.
	for i := len(fns) - 1; i >= 0; i-- {
		fns[i]()
	}
	for _, d := range p.Devices {
		d.Base.Unref()
	}
	p.Ctx.Unref()
}

// AddReleaseCallback registers fn to run when the program is destroyed.
func (p *Program) AddReleaseCallback(fn func()) {
	p.mu.Lock()
	p.onRelease = append(p.onRelease, fn)
	p.mu.Unlock()
}

// DeviceIndex is the position of d in the program's devices, or -1.
func (p *Program) DeviceIndex(d *device.Device) int {
	for i, x := range p.Devices {
		if x == d {
			return i
		}
	}
	return -1
}

// BuildInfo is a copy of the build state for device i.
func (p *Program) BuildInfo(i int) DeviceBuild {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.builds[i]
}

// Builds is a copy of the build state of every device.
func (p *Program) Builds() []DeviceBuild {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]DeviceBuild(nil), p.builds...)
}

// Executable is the build of the first device with a program executable,
// or nil when none has one (CL_INVALID_PROGRAM_EXECUTABLE).
func (p *Program) Executable() *DeviceBuild {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range p.builds {
		if p.builds[i].Executable() {
			b := p.builds[i]
			return &b
		}
	}
	return nil
}

// AttachKernel counts a kernel object created from the program; the kernel
// holds an application reference to the program (CL_KERNEL_PROGRAM stays a
// valid handle while the kernel lives, as with other implementations), and no
// build may replace its executable until DetachKernel.
func (p *Program) AttachKernel() {
	p.mu.Lock()
	p.kernels++
	p.mu.Unlock()
	p.Retain()
}

// DetachKernel undoes AttachKernel when the kernel object is destroyed.
func (p *Program) DetachKernel() {
	p.mu.Lock()
	p.kernels--
	p.mu.Unlock()
	p.Release()
}

// GlobalVarSize is CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE of a build.
func (b *DeviceBuild) GlobalVarSize() uintptr { return uintptr(b.Meta.GlobalVarSize) }

// KernelLocalMem is the size of kernel's kernel-scope __local variables in
// the program's executable (part of CL_KERNEL_LOCAL_MEM_SIZE).
func (p *Program) KernelLocalMem(kernel string) uint64 {
	if b := p.Executable(); b != nil {
		return b.Meta.LocalMem[kernel]
	}
	return 0
}

// KernelPrivateMem is CL_KERNEL_PRIVATE_MEM_SIZE: the stack frame a
// work-item of kernel uses (measured from the shared object's stack-size
// section; calls to functions that were not inlined come on top).
func (p *Program) KernelPrivateMem(kernel string) uint64 {
	if b := p.Executable(); b != nil {
		return b.Meta.PrivateMem[kernel]
	}
	return 0
}

// deviceIndexes maps devs (validated members of the program, or empty for
// all of them) to positions in p.Devices.
func (p *Program) deviceIndexes(devs []*device.Device) []int {
	if len(devs) == 0 {
		idx := make([]int, len(p.Devices))
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	var idx []int
	for _, d := range devs {
		if i := p.DeviceIndex(d); i >= 0 {
			idx = append(idx, i)
		}
	}
	return idx
}

// Build builds the program executable for devs (all of the program's
// devices if empty), which the caller has checked belong to the program.
// The error checks follow clBuildProgram's list after the argument checks.
// done, if not nil, runs once the build has ended (failed or not), after the
// build state is recorded; it does not run when Build refuses to start. With
// done, the build runs on a goroutine and Build returns CL_SUCCESS as soon as
// it has started (CL_PROGRAM_BUILD_STATUS is CL_BUILD_IN_PROGRESS meanwhile).
func (p *Program) Build(devs []*device.Device, options string, done func()) int32 {
	idx := p.deviceIndexes(devs)
	o, optErr := ParseOptions(options, false)
	p.mu.Lock()
	if p.Origin == FromBinary {
		for _, i := range idx {
			if !p.builds[i].hasBinary() {
				p.mu.Unlock()
				return icd.Fail(icd.CL_INVALID_BINARY, "no valid program binary was loaded for device %d of the program", i)
			}
		}
	}
	if optErr != nil {
		p.mu.Unlock()
		return icd.Fail(icd.CL_INVALID_BUILD_OPTIONS, "%v", optErr)
	}
	if (p.Origin == FromSource || p.Origin == FromIL) && !CompilerAvailable() {
		p.mu.Unlock()
		return icd.Fail(icd.CL_COMPILER_NOT_AVAILABLE, "no OpenCL C compiler: clang and libLLVM 19 must be installed")
	}
	for _, i := range idx {
		if p.builds[i].Status == icd.CL_BUILD_IN_PROGRESS {
			p.mu.Unlock()
			return icd.Fail(icd.CL_INVALID_OPERATION, "a build of the program is still in progress")
		}
	}
	if p.kernels > 0 {
		p.mu.Unlock()
		return icd.Fail(icd.CL_INVALID_OPERATION, "%d kernel objects are attached to the program", p.kernels)
	}
	switch p.Origin {
	case FromSource, FromIL, FromBinary:
	default:
		p.mu.Unlock()
		return icd.Fail(icd.CL_INVALID_OPERATION, "the program was not created from source, IL or a binary")
	}
	inputs := make([]DeviceBuild, len(idx))
	for n, i := range idx {
		inputs[n] = p.builds[i]
		p.builds[i].Status, p.builds[i].Options = icd.CL_BUILD_IN_PROGRESS, options
	}
	source, origin := p.Source, p.Origin
	p.mu.Unlock()

	work := func() int32 {
		results := make([]DeviceBuild, len(idx))
		code := int32(icd.CL_SUCCESS)
		for n := range idx {
			var c int32
			switch {
			case origin == FromBinary:
				results[n], c = buildFromBinary(inputs[n], o, options)
				if c != icd.CL_SUCCESS {
					// The loaded binary stays, for another try.
					failed := inputs[n]
					failed.Status, failed.Options, failed.Log = icd.CL_BUILD_ERROR, options, results[n].Log
					failed.Exec = nil
					results[n] = failed
				}
			case origin == FromIL:
				results[n], c = DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options,
					Log: "gocl: no intermediate language is supported\n"}, icd.CL_BUILD_PROGRAM_FAILURE
			case n > 0:
				// Every device runs the same code: one build serves all.
				results[n], c = results[0], code
			default:
				results[n], c = buildSource(source, o, options)
			}
			if code == icd.CL_SUCCESS {
				code = c
			}
		}
		p.mu.Lock()
		for n, i := range idx {
			p.builds[i] = results[n]
		}
		p.mu.Unlock()
		return code
	}
	return p.run(work, done)
}

// buildSlots bounds the builds, compiles and links that run at once (each
// runs clang processes): one per core; the others wait, in progress.
var buildSlots = make(chan struct{}, runtime.NumCPU())

// run runs a build's work in a build slot, then done (if any) outside it
// (the callback may build too): now, or, when the caller is notified by a
// callback, on a goroutine that keeps the program alive. A panic in the
// work (a bug) ends the build in progress with CL_BUILD_ERROR and the panic
// in its log, and never takes the application down.
func (p *Program) run(work func() int32, done func()) int32 {
	slotted := func() int32 {
		code := func() (code int32) {
			buildSlots <- struct{}{}
			defer func() {
				<-buildSlots
				if r := recover(); r != nil {
					fmt.Fprintf(os.Stderr, "gocl: internal error in a build: %v\n%s", r, debug.Stack())
					p.abortInProgress(fmt.Sprint(r))
					code = icd.CL_OUT_OF_HOST_MEMORY
				}
			}()
			return work()
		}()
		if done != nil {
			done()
		}
		return code
	}
	if done == nil {
		return slotted()
	}
	p.Ref()
	go func() {
		defer p.Unref()
		slotted()
	}()
	return icd.CL_SUCCESS
}

// abortInProgress ends the build in progress (there is one at most) with an
// internal error.
func (p *Program) abortInProgress(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range p.builds {
		if p.builds[i].Status == icd.CL_BUILD_IN_PROGRESS {
			p.builds[i] = DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: p.builds[i].Options, BinaryType: icd.CL_PROGRAM_BINARY_TYPE_NONE,
				Log: "gocl: internal error: " + msg + "\n"}
		}
	}
}

// Compile compiles the program's source for devs (all of the program's
// devices if empty) into a compiled object; the caller has validated the
// arguments and the embedded headers. done is as for Build.
func (p *Program) Compile(devs []*device.Device, options string, headers map[string]string, done func()) int32 {
	idx := p.deviceIndexes(devs)
	o, optErr := ParseOptions(options, false)
	if optErr != nil {
		return icd.Fail(icd.CL_INVALID_COMPILER_OPTIONS, "%v", optErr)
	}
	p.mu.Lock()
	for _, i := range idx {
		if p.builds[i].Status == icd.CL_BUILD_IN_PROGRESS {
			p.mu.Unlock()
			return icd.Fail(icd.CL_INVALID_OPERATION, "a build of the program is still in progress")
		}
	}
	if !CompilerAvailable() {
		p.mu.Unlock()
		return icd.Fail(icd.CL_COMPILER_NOT_AVAILABLE, "no OpenCL C compiler: clang and libLLVM 19 must be installed")
	}
	if p.kernels > 0 {
		p.mu.Unlock()
		return icd.Fail(icd.CL_INVALID_OPERATION, "%d kernel objects are attached to the program", p.kernels)
	}
	if p.Origin != FromSource {
		p.mu.Unlock()
		return icd.Fail(icd.CL_INVALID_OPERATION, "the program was not created from source")
	}
	for _, i := range idx {
		p.builds[i].Status, p.builds[i].Options = icd.CL_BUILD_IN_PROGRESS, options
	}
	source := p.Source
	p.mu.Unlock()

	work := func() int32 {
		result, code := compileSource(source, headers, o, options)
		p.mu.Lock()
		for _, i := range idx {
			p.builds[i] = result
		}
		p.mu.Unlock()
		return code
	}
	return p.run(work, done)
}

// hasBinary reports whether a binary (compiled object, library or
// executable) is loaded for the device.
func (b *DeviceBuild) hasBinary() bool {
	return b.BinaryType != icd.CL_PROGRAM_BINARY_TYPE_NONE && len(b.Binary) > 0
}

// Link links compiled programs into a new program for devs (all of ctx's
// devices if empty); the caller has validated the arguments. When the link
// can begin, it returns the new program: with CL_SUCCESS, or
// CL_LINK_PROGRAM_FAILURE and the program (its log says why), as the
// specification says ("if the linking operation can begin, clLinkProgram
// returns a valid non-zero program object"). With notify, the link runs on a
// goroutine, Link returns at once, and notify runs when the link has ended.
// Otherwise it returns nil and the error.
func Link(ctx *device.Context, devs []*device.Device, options string, inputs []*Program, notify func(*Program)) (*Program, int32) {
	if len(devs) == 0 {
		devs = ctx.Devices
	}
	o, err := ParseOptions(options, true)
	if err != nil {
		return nil, icd.Fail(icd.CL_INVALID_LINKER_OPTIONS, "%v", err)
	}
	// For each device, either every input has a compiled object or library
	// for it (it is linked), or none has (no executable for that device).
	var linked []int
	var objs []*CompiledObject
	var metas []buildMeta
	for di, d := range devs {
		var dobjs []*CompiledObject
		var dmetas []buildMeta
		for _, in := range inputs {
			i := in.DeviceIndex(d)
			if i < 0 {
				continue
			}
			b := in.BuildInfo(i)
			if b.Status == icd.CL_BUILD_IN_PROGRESS {
				return nil, icd.Fail(icd.CL_INVALID_OPERATION, "a build of an input program is still in progress")
			}
			// A compiled object or library: compiled, linked with
			// -create-library, or loaded with clCreateProgramWithBinary
			// (and kept if building it into an executable failed).
			if b.Object != nil &&
				(b.BinaryType == icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT || b.BinaryType == icd.CL_PROGRAM_BINARY_TYPE_LIBRARY) {
				dobjs, dmetas = append(dobjs, b.Object), append(dmetas, b.Meta)
			}
		}
		if len(dobjs) == 0 {
			continue
		}
		if len(dobjs) != len(inputs) {
			return nil, icd.Fail(icd.CL_INVALID_OPERATION, "only %d of %d input programs have a compiled object or library for a device", len(dobjs), len(inputs))
		}
		linked = append(linked, di)
		if objs == nil {
			objs, metas = dobjs, dmetas
		}
	}
	if !CompilerAvailable() {
		return nil, icd.Fail(icd.CL_LINKER_NOT_AVAILABLE, "no linker: clang and libLLVM 19 must be installed")
	}
	p := NewProgram(ctx, devs, FromLink, "", nil)
	for _, i := range linked {
		p.builds[i].Status, p.builds[i].Options = icd.CL_BUILD_IN_PROGRESS, options
	}
	work := func() int32 {
		code := int32(icd.CL_SUCCESS)
		if len(linked) > 0 {
			var result DeviceBuild
			result, code = linkCached(objs, metas, o, options)
			p.mu.Lock()
			for _, i := range linked {
				p.builds[i] = result
			}
			p.mu.Unlock()
		}
		return code
	}
	var done func()
	if notify != nil {
		done = func() { notify(p) }
	}
	return p, p.run(work, done)
}

// NewProgramWithBinaries creates a program object for devs with the builds
// LoadBinary made of their binaries (clCreateProgramWithBinary).
func NewProgramWithBinaries(ctx *device.Context, devs []*device.Device, builds []DeviceBuild) *Program {
	p := NewProgram(ctx, devs, FromBinary, "", nil)
	p.mu.Lock()
	copy(p.builds, builds)
	p.mu.Unlock()
	return p
}

// LoadBinary recognises a program binary that CL_PROGRAM_BINARIES handed
// out (by this driver, for this CPU, whole) and returns the build state it
// carries: status CL_BUILD_NONE until clBuildProgram, which loads an
// executable's code or links a compiled object or library.
func LoadBinary(dev *device.Device, bin []byte) (DeviceBuild, int32) {
	_ = dev
	h, payload, err := decodeBinary(bin)
	if err != nil {
		return DeviceBuild{}, icd.Fail(icd.CL_INVALID_BINARY, "%d-byte binary: %v", len(bin), err)
	}
	bin = append([]byte(nil), bin...)
	payload = bin[len(bin)-len(payload):]
	b := DeviceBuild{Status: icd.CL_BUILD_NONE, BinaryType: h.Type, Binary: bin, Options: h.Options,
		Kernels: h.Kernels, KernelNames: kernelNames(h.Kernels), Meta: h.Meta, payload: payload}
	if h.Type != icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE {
		b.Object = &CompiledObject{Bitcode: payload, Kernels: h.Kernels, Std: h.Std}
	}
	return b, icd.CL_SUCCESS
}

func kernelNames(ks []KernelInfo) []string {
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = k.Name
	}
	return names
}

// cloneKernels deep-copies kernel metadata (loading an executable fills in
// argument sizes).
func cloneKernels(ks []KernelInfo) []KernelInfo {
	out := make([]KernelInfo, len(ks))
	for i, k := range ks {
		k.Args = append([]ArgInfo(nil), k.Args...)
		out[i] = k
	}
	return out
}

// buildSource compiles and links source: the whole of clBuildProgram. The
// result comes from the cache when the same source was built with the same
// options, compiler, builtin library and CPU before (and the files it
// includes are unchanged). Builds of one program by several processes or
// threads at once compile it once: the others wait for the cache entry.
func buildSource(source string, o *Options, options string) (DeviceBuild, int32) {
	key, keyErr := cacheKey("build", source, options)
	if keyErr == nil && !cacheDisabled() {
		if b, ok := buildFromCache(key, options); ok {
			return b, icd.CL_SUCCESS
		}
		defer lockCache("build-" + key[:2])()
		if b, ok := buildFromCache(key, options); ok {
			return b, icd.CL_SUCCESS
		}
	}
	defer timeStage("build")()
	obj, log, err := compileWithPrelude(source, nil, o)
	if err != nil {
		return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: log},
			icd.Fail(icd.CL_BUILD_PROGRAM_FAILURE, "build failed: %v", err)
	}
	b, code := linkObjects([]*CompiledObject{obj}, []buildMeta{objectMeta(obj, o)}, o, options)
	b.Log = log + b.Log
	if code != icd.CL_SUCCESS {
		return b, icd.CL_BUILD_PROGRAM_FAILURE
	}
	if keyErr == nil && !cacheDisabled() {
		var deps []fileDep
		var err error
		if includes(source) {
			deps, err = sourceDeps(source, o)
		}
		if err == nil {
			cachePut(key, b.Binary, b.Log, deps)
		}
	}
	return b, code
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

// objectMeta is what the compile options of obj say about its kernels.
func objectMeta(obj *CompiledObject, o *Options) buildMeta {
	var m buildMeta
	if o.KernelArgInfo {
		m.ArgInfo = kernelNames(obj.Kernels)
	}
	m.NonUniform = (obj.Std == "CL2.0" || obj.Std == "CL3.0") && !o.UniformWGSize
	return m
}

// compileSource is clCompileProgram's work.
func compileSource(source string, headers map[string]string, o *Options, options string) (DeviceBuild, int32) {
	// Cached like builds when no embedded headers are involved (files on
	// disk that the source includes are checked by their checksums).
	if len(headers) == 0 && !cacheDisabled() {
		if key, err := cacheKey("compile", source, options); err == nil {
			if bin, log, ok := cacheGet(key); ok {
				if b, code := LoadBinary(nil, bin); code == icd.CL_SUCCESS && b.BinaryType == icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT {
					b.Status, b.Options, b.Log = icd.CL_BUILD_SUCCESS, options, log
					return b, icd.CL_SUCCESS
				}
			}
			b, code := compileUncached(source, nil, o, options)
			if code == icd.CL_SUCCESS {
				var deps []fileDep
				var err error
				if includes(source) {
					deps, err = sourceDeps(source, o)
				}
				if err == nil {
					cachePut(key, b.Binary, b.Log, deps)
				}
			}
			return b, code
		}
	}
	return compileUncached(source, headers, o, options)
}

func compileUncached(source string, headers map[string]string, o *Options, options string) (DeviceBuild, int32) {
	obj, log, err := compileWithPrelude(source, headers, o)
	if err != nil {
		return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: log},
			icd.Fail(icd.CL_COMPILE_PROGRAM_FAILURE, "compile failed: %v", err)
	}
	meta := objectMeta(obj, o)
	bin := encodeBinary(binHeader{Type: icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT, Std: obj.Std, Options: options,
		Kernels: obj.Kernels, Meta: meta}, obj.Bitcode)
	return DeviceBuild{Status: icd.CL_BUILD_SUCCESS, Options: options, Log: log,
		BinaryType: icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT, Binary: bin, Object: obj, Meta: meta,
		Kernels: obj.Kernels, KernelNames: kernelNames(obj.Kernels)}, icd.CL_SUCCESS
}

// mergeMeta combines what the compile options of linked objects say: the
// kernels with argument information, and non-uniform work-groups only if
// every object allows them.
func mergeMeta(metas []buildMeta) buildMeta {
	m := buildMeta{NonUniform: len(metas) > 0}
	for _, x := range metas {
		m.ArgInfo = append(m.ArgInfo, x.ArgInfo...)
		m.NonUniform = m.NonUniform && x.NonUniform
	}
	sort.Strings(m.ArgInfo)
	return m
}

// linkCached is linkObjects with the executables it makes kept in the
// cache, under the compiled objects they come from: applications that
// compile and link (hashcat) get the cache's help too.
func linkCached(objs []*CompiledObject, metas []buildMeta, o *Options, options string) (DeviceBuild, int32) {
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
	if b, ok := buildFromCache(key, options); ok {
		return b, icd.CL_SUCCESS
	}
	b, code := linkObjects(objs, metas, o, options)
	if code == icd.CL_SUCCESS {
		cachePut(key, b.Binary, b.Log, nil)
	}
	return b, code
}

// linkObjects links compiled objects into an executable, or a library.
func linkObjects(objs []*CompiledObject, metas []buildMeta, o *Options, options string) (DeviceBuild, int32) {
	fail := func(log string, format string, args ...any) (DeviceBuild, int32) {
		return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: log},
			icd.Fail(icd.CL_LINK_PROGRAM_FAILURE, format, args...)
	}
	var kernels []KernelInfo
	seen := map[string]bool{}
	for _, ob := range objs {
		for _, k := range ob.Kernels {
			if seen[k.Name] {
				return fail("error: kernel "+k.Name+" is defined twice\n", "kernel %s is defined twice", k.Name)
			}
			seen[k.Name] = true
			kernels = append(kernels, k)
		}
	}
	kernels = cloneKernels(kernels)
	sort.Slice(kernels, func(i, j int) bool { return kernels[i].Name < kernels[j].Name })
	bc, so, log, err := LinkObjects(objs, kernels, o)
	if err != nil {
		return fail(log+"error: "+err.Error()+"\n", "link failed: %v", err)
	}
	std := "CL1.2"
	if len(objs) > 0 {
		std = objs[0].Std
	}
	meta := mergeMeta(metas)
	if o.CreateLibrary {
		obj := &CompiledObject{Bitcode: bc, Kernels: kernels, Std: std}
		bin := encodeBinary(binHeader{Type: icd.CL_PROGRAM_BINARY_TYPE_LIBRARY, Std: std, Options: options, Kernels: kernels, Meta: meta}, bc)
		return DeviceBuild{Status: icd.CL_BUILD_SUCCESS, Options: options, Log: log, BinaryType: icd.CL_PROGRAM_BINARY_TYPE_LIBRARY,
			Binary: bin, Object: obj, Meta: meta, Kernels: kernels, KernelNames: kernelNames(kernels)}, icd.CL_SUCCESS
	}
	end := timeStage("measure and load")
	measureExecutable(so, objs, kernels, &meta)
	ex, err := loadExecutable(so, kernels, meta)
	end()
	if err != nil {
		return fail(log+"error: "+err.Error()+"\n", "%v", err)
	}
	bin := encodeBinary(binHeader{Type: icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE, Std: std, Options: options, Kernels: kernels, Meta: meta}, so)
	return DeviceBuild{Status: icd.CL_BUILD_SUCCESS, Options: options, Log: log, BinaryType: icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE,
		Binary: bin, Exec: ex, Meta: meta, Kernels: kernels, KernelNames: kernelNames(kernels)}, icd.CL_SUCCESS
}

// buildFromBinary makes an executable from a loaded binary (clBuildProgram
// on a program created with clCreateProgramWithBinary, or a cache entry):
// an executable's code is loaded, a compiled object or library linked.
func buildFromBinary(b DeviceBuild, o *Options, options string) (DeviceBuild, int32) {
	switch b.BinaryType {
	case icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE:
		kernels := cloneKernels(b.Kernels)
		ex, err := loadExecutable(b.payload, kernels, b.Meta)
		if err != nil {
			return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: "error: " + err.Error() + "\n"},
				icd.Fail(icd.CL_BUILD_PROGRAM_FAILURE, "%v", err)
		}
		b.Status, b.Options, b.Log, b.Exec, b.Kernels = icd.CL_BUILD_SUCCESS, options, "", ex, kernels
		return b, icd.CL_SUCCESS
	case icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT, icd.CL_PROGRAM_BINARY_TYPE_LIBRARY:
		lo := &Options{}
		if o != nil {
			lo.OptDisable = o.OptDisable
		}
		r, code := linkObjects([]*CompiledObject{b.Object}, []buildMeta{b.Meta}, lo, options)
		if code != icd.CL_SUCCESS {
			code = icd.CL_BUILD_PROGRAM_FAILURE
		}
		return r, code
	}
	return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: "error: no program binary\n"},
		icd.Fail(icd.CL_INVALID_BINARY, "no program binary")
}

// loadExecutable loads a program's shared object. Programs with
// program-scope global variables get a copy of their own (each program
// object has its own variables); others share one per shared object.
func loadExecutable(so []byte, kernels []KernelInfo, meta buildMeta) (*Executable, error) {
	if meta.GlobalVarSize == 0 {
		return Load(so, kernels)
	}
	f, err := os.CreateTemp(CacheDir(), ".private-*.so")
	if err != nil {
		if f, err = os.CreateTemp("", "gocl-private-*.so"); err != nil { // a read-only cache
			return nil, err
		}
	}
	path := f.Name()
	defer os.Remove(path) // the loaded mapping stays
	_, err = f.Write(so)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	return openExecutable(path, so, kernels)
}

// measureExecutable records what the shared object of an executable holds
// for its kernels: the program-scope global variables of the sources
// (writable data), each kernel's kernel-scope __local variables (the
// thread-local copies LinkObjects makes of them), and each work-item's stack
// frame (the stack-size section: the body function, or the kernel function
// if it was not inlined into it).
func measureExecutable(so []byte, objs []*CompiledObject, kernels []KernelInfo, meta *buildMeta) {
	user := map[string]bool{} // defined, writable globals of the sources
	for _, ob := range objs {
		m, err := parseBitcode(ob.Bitcode)
		if err != nil {
			continue
		}
		for g := m.api.GetFirstGlobal(m.mod); g != 0; g = m.api.GetNextGlobal(g) {
			if m.api.IsDeclaration(g) == 0 && m.api.IsGlobalConstant(g) == 0 {
				user[m.name(g)] = true
			}
		}
		m.dispose()
	}
	isKernel := map[string]bool{}
	for _, k := range kernels {
		isKernel[k.Name] = true
	}
	f, err := elf.NewFile(bytes.NewReader(so))
	if err != nil {
		return
	}
	syms, _ := f.Symbols()
	stack := stackSizes(f)
	meta.LocalMem, meta.PrivateMem, meta.GlobalVarSize = map[string]uint64{}, map[string]uint64{}, 0
	for _, s := range syms {
		switch elf.ST_TYPE(s.Info) {
		case elf.STT_TLS:
			if dot := strings.IndexByte(s.Name, '.'); dot > 0 && user[s.Name] && isKernel[s.Name[:dot]] {
				meta.LocalMem[s.Name[:dot]] += s.Size
			}
		case elf.STT_OBJECT:
			if user[s.Name] && int(s.Section) < len(f.Sections) && f.Sections[s.Section].Flags&elf.SHF_WRITE != 0 {
				meta.GlobalVarSize += s.Size
			}
		case elf.STT_FUNC:
			name := strings.TrimPrefix(s.Name, "__gocl_body_")
			if size, ok := stack[s.Value]; ok && isKernel[name] && size > meta.PrivateMem[name] {
				meta.PrivateMem[name] = size
			}
		}
	}
	for _, k := range kernels {
		meta.PrivateMem[k.Name] = max(meta.PrivateMem[k.Name], k.PrivateBytes)
	}
	for k, v := range meta.LocalMem {
		if v == 0 {
			delete(meta.LocalMem, k)
		}
	}
}

// stackSizes reads the .stack_sizes sections (clang -fstack-size-section):
// function address → stack frame size.
func stackSizes(f *elf.File) map[uint64]uint64 {
	out := map[uint64]uint64{}
	for _, sec := range f.Sections {
		if sec.Name != ".stack_sizes" {
			continue
		}
		data, err := sec.Data()
		if err != nil {
			continue
		}
		for len(data) >= 9 {
			addr := binary.LittleEndian.Uint64(data)
			size, n := binary.Uvarint(data[8:])
			if n <= 0 {
				break
			}
			out[addr] = size
			data = data[8+n:]
		}
	}
	return out
}

// cl20Builtins are OpenCL C 2.0 work-item and synchronization functions
// that programs call without -cl-std (OpenCL C 1.2, where clang's header
// does not declare them): the builtin library has them, so they can be
// declared for a 1.x compile. Name → the declaration.
var cl20Builtins = map[string]string{
	"get_local_linear_id":  "size_t __attribute__((overloadable, const)) get_local_linear_id(void);",
	"get_global_linear_id": "size_t __attribute__((overloadable, const)) get_global_linear_id(void);",
	"work_group_barrier":   "void __attribute__((overloadable, convergent)) work_group_barrier(cl_mem_fence_flags);",
}

// preludeHeader is the include name of the header of those declarations.
const preludeHeader = "__gocl_cl20_prelude.h"

// compileWithPrelude is CompileSource; a 1.x compile that fails because
// it calls some of cl20Builtins undeclared is compiled again with just
// those declared (in a header given to clang with -include). Only then: a
// 1.x program may define a function of the same name itself (the names are
// not reserved before OpenCL C 2.0), and a declaration of ours would
// conflict with its definition. -cl-std, and so __OPENCL_C_VERSION__, stay
// as the options say.
func compileWithPrelude(source string, headers map[string]string, o *Options) (*CompiledObject, string, error) {
	obj, log, err := CompileSource(source, headers, o)
	if err == nil || !(o.Std == "" || strings.HasPrefix(o.Std, "CL1.")) {
		return obj, log, err
	}
	var decls []string
	for _, name := range slices.Sorted(maps.Keys(cl20Builtins)) {
		if strings.Contains(log, "use of undeclared identifier '"+name+"'") {
			decls = append(decls, cl20Builtins[name])
		}
	}
	if len(decls) == 0 || headers[preludeHeader] != "" {
		return obj, log, err
	}
	h := maps.Clone(headers)
	if h == nil {
		h = map[string]string{}
	}
	h[preludeHeader] = strings.Join(decls, "\n") + "\n"
	po := *o
	po.Clang = append(append([]string(nil), o.Clang...), "-include", preludeHeader)
	return CompileSource(source, h, &po)
}

// kernelAttributes is CL_KERNEL_ATTRIBUTES: the kernel's attributes from
// the front end's metadata, spelled as in source without spaces
// ("reqd_work_group_size(4,1,1) vec_type_hint(float4)"). Called by
// readKernels.
func kernelAttributes(m *module, f uintptr) string {
	var attrs []string
	if ops := m.metadata(f, "vec_type_hint"); len(ops) == 2 && m.api.IsAConstantInt(ops[1]) != 0 {
		if t := vecTypeName(m.typeString(ops[0]), m.api.ConstIntGetZExtValue(ops[1]) != 0); t != "" {
			attrs = append(attrs, "vec_type_hint("+t+")")
		}
	}
	for _, a := range []string{"work_group_size_hint", "reqd_work_group_size"} {
		if v, ok := m.mdInts(f, a); ok && len(v) == 3 {
			attrs = append(attrs, fmt.Sprintf("%s(%d,%d,%d)", a, v[0], v[1], v[2]))
		}
	}
	return strings.Join(attrs, " ")
}

// vecTypeName turns an LLVM type ("<4 x i32>", "float") and the signedness
// flag of vec_type_hint metadata into the OpenCL C type name ("int4",
// "float"); "" for anything else.
func vecTypeName(llvmType string, signed bool) string {
	n, elem := "", llvmType
	if strings.HasPrefix(llvmType, "<") {
		f := strings.Fields(strings.Trim(llvmType, "<>"))
		if len(f) != 3 || f[1] != "x" {
			return ""
		}
		n, elem = f[0], f[2]
	}
	var base string
	switch elem {
	case "i8":
		base = "char"
	case "i16":
		base = "short"
	case "i32":
		base = "int"
	case "i64":
		base = "long"
	case "half", "float", "double":
		return elem + n
	default:
		return ""
	}
	if !signed {
		base = "u" + base
	}
	return base + n
}

// BuiltInKernels is CL_DEVICE_BUILT_IN_KERNELS of gocl devices: none.
func BuiltInKernels(dev *device.Device) []string {
	_ = dev
	return nil
}

// JoinSource concatenates the strings given to clCreateProgramWithSource
// into CL_PROGRAM_SOURCE: the concatenation strips NUL bytes (a string with a
// length may contain some), and a string without a length ends at its first
// NUL (the caller cut it there).
func JoinSource(parts [][]byte) string {
	var sb strings.Builder
	for _, s := range parts {
		for len(s) > 0 {
			i := bytes.IndexByte(s, 0)
			if i < 0 {
				sb.Write(s)
				break
			}
			sb.Write(s[:i])
			s = s[i+1:]
		}
	}
	return sb.String()
}

// SplitNames splits a semicolon-separated list of kernel names
// (clCreateProgramWithBuiltInKernels, CL_PROGRAM_KERNEL_NAMES), trimming
// spaces around each name; empty names are kept, so that "" and "a;;b"
// name a kernel that no device has.
func SplitNames(list string) []string {
	names := strings.Split(list, ";")
	for i := range names {
		names[i] = strings.TrimSpace(names[i])
	}
	return names
}
