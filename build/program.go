// Package build is programs and kernels: program objects, their sources and
// binaries, the per-device build state, the kernel compiler (a pipeline of
// stages, pipeline.go) that turns OpenCL C into shared objects of
// work-group functions, kernel objects and their arguments.
package build

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"gocl/device"
	"gocl/icd"
)

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
	lazy    bool   // the payload is bitcode compiled when used (binHeader.Lazy)
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
	spirv     *SPIRVModule      // FromIL: the module
	spec      map[uint32][]byte // FromIL: specialization constants set, by SpecId
	builds    []DeviceBuild     // one per device, in the order of Devices
	kernels   int               // kernel objects attached
	onRelease []func()          // clSetProgramReleaseCallback, in registration order
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
	if origin == FromSource || origin == FromIL {
		PrepareCompiler() // (for its build's front end)
	}
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

// NewProgramWithIL creates a program object from a SPIR-V module
// (clCreateProgramWithIL): CL_INVALID_VALUE if il is not a module the
// devices take.
func NewProgramWithIL(ctx *device.Context, il []byte) (*Program, int32) {
	m, err := ParseSPIRV(il)
	if err != nil {
		return nil, icd.Fail(icd.CL_INVALID_VALUE, "%v", err)
	}
	p := NewProgram(ctx, ctx.Devices, FromIL, "", append([]byte(nil), il...))
	p.spirv, p.spec = m, map[uint32][]byte{}
	return p, icd.CL_SUCCESS
}

// SetSpecConstant is clSetProgramSpecializationConstant on a program
// created from IL: the value is used by the builds that follow.
// value is nil when spec_value is NULL.
func (p *Program) SetSpecConstant(id uint32, size uintptr, value []byte) int32 {
	if p.Origin != FromIL || p.spirv == nil {
		return icd.Fail(icd.CL_INVALID_PROGRAM, "the program was not created from an intermediate language")
	}
	sc, ok := p.spirv.Spec[id]
	if !ok {
		return icd.Fail(icd.CL_INVALID_SPEC_ID, "the module has no specialization constant %d", id)
	}
	if size != uintptr(sc.Size) {
		return icd.Fail(icd.CL_INVALID_VALUE, "specialization constant %d takes %d bytes, not %d", id, sc.Size, size)
	}
	if value == nil {
		return icd.Fail(icd.CL_INVALID_VALUE, "spec_value is NULL")
	}
	p.mu.Lock()
	p.spec[id] = append([]byte(nil), value...)
	p.mu.Unlock()
	return icd.CL_SUCCESS
}

// spirvInput is the SPIR-V front end's input for a build now (the caller
// holds p.mu).
func (p *Program) spirvInput() spirvInput {
	spec := make(map[uint32][]byte, len(p.spec))
	for id, v := range p.spec {
		spec[id] = v
	}
	return spirvInput{Module: p.spirv, Spec: spec}
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
	if b := p.executable(); b != nil {
		c := *b
		return &c
	}
	return nil
}

// executable is the build Executable copies, in place (p.mu held).
func (p *Program) executable() *DeviceBuild {
	for i := range p.builds {
		if p.builds[i].Executable() {
			return &p.builds[i]
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
func (p *Program) KernelLocalMem(kernel string) uint64 { return p.kernelMem(kernel, true) }

// KernelPrivateMem is CL_KERNEL_PRIVATE_MEM_SIZE: the stack frame a
// work-item of kernel uses (measured from the shared object's stack-size
// section; calls to functions that were not inlined come on top).
func (p *Program) KernelPrivateMem(kernel string) uint64 { return p.kernelMem(kernel, false) }

// kernelMem is KernelLocalMem (local) or KernelPrivateMem. Every launch
// asks for both: it looks at the executable's build in place, not at a
// copy of it (Executable).
func (p *Program) kernelMem(kernel string, local bool) uint64 {
	p.mu.Lock()
	b := p.executable()
	if b == nil {
		p.mu.Unlock()
		return 0
	}
	exec, recorded := b.Exec, b.Meta.PrivateMem
	if local {
		recorded = b.Meta.LocalMem
	}
	p.mu.Unlock()
	if v, ok := exec.measured(kernel, local); ok {
		return v
	}
	return recorded[kernel]
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

// withSubDevices is idx with the program's devices that are sub-devices
// (at any depth) of those at idx: a sub-device runs its parent's code, so
// a build for the parent is theirs too, as with PoCL (the CTS
// device_partition builds for the parent of a context's sub-devices and
// expects every device of the program built).
func (p *Program) withSubDevices(idx []int) []int {
	in := map[*device.Device]bool{}
	for _, i := range idx {
		in[p.Devices[i]] = true
	}
	for j, d := range p.Devices {
		if in[d] {
			continue
		}
		for up := d.Parent; up != nil; up = up.Parent {
			if in[up] {
				idx = append(idx, j)
				break
			}
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
	if p.Origin != FromBinary {
		idx = p.withSubDevices(idx)
	}
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
	var il spirvInput
	if origin == FromIL {
		il = p.spirvInput()
	}
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
			case n > 0:
				// Every device runs the same code: one build serves all.
				results[n], c = results[0], code
			case origin == FromIL:
				results[n], c = buildIL(il, o, options)
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
	// libLLVM is loaded here, on the application's thread, never in the
	// background. Its static constructors register exit handlers as they
	// run, and exit runs the newest handlers first: an application that
	// exited while libLLVM loaded on a build's goroutine had exit run those
	// destructors under constructors still running, before gocl's own exit
	// handler could wait for the load (SIGSEGV in dlopen, one exit in
	// twenty in robust_cache). Loading costs ~50 ms, once per process.
	loadLLVM()
	p.Ref()
	inBackground(func() {
		defer p.Unref()
		slotted()
	})
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
	if p.Origin != FromSource && p.Origin != FromIL {
		p.mu.Unlock()
		return icd.Fail(icd.CL_INVALID_OPERATION, "the program was not created from source or IL")
	}
	for _, i := range idx {
		p.builds[i].Status, p.builds[i].Options = icd.CL_BUILD_IN_PROGRESS, options
	}
	source, origin := p.Source, p.Origin
	var il spirvInput
	if origin == FromIL {
		il = p.spirvInput()
	}
	p.mu.Unlock()

	work := func() int32 {
		var result DeviceBuild
		var code int32
		if origin == FromIL {
			result, code = compileIL(il, o, options)
		} else {
			result, code = compileSource(source, headers, o, options)
		}
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
		Kernels: h.Kernels, KernelNames: kernelNames(h.Kernels), Meta: h.Meta, payload: payload, lazy: h.Lazy}
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
