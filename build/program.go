// Package build is programs and kernels: program objects, their sources and
// binaries, the per-device build state, the kernel compiler (compiler.go)
// that turns OpenCL C into shared objects of work-group functions, kernel
// objects and their arguments.
package build

import (
	"bytes"
	"strings"
	"sync"

	"gocl/device"
	"gocl/icd"
)

// CompilerAvailable is CL_DEVICE_COMPILER_AVAILABLE: clang and libLLVM
// can be found.
func CompilerAvailable() bool {
	if _, _, err := findClang(); err != nil {
		return false
	}
	_, err := loadLLVM()
	return err == nil
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
	Status        int32  // CL_PROGRAM_BUILD_STATUS: CL_BUILD_*
	Options       string // CL_PROGRAM_BUILD_OPTIONS
	Log           string // CL_PROGRAM_BUILD_LOG
	BinaryType    uint32 // CL_PROGRAM_BINARY_TYPE: CL_PROGRAM_BINARY_TYPE_*
	Binary        []byte // CL_PROGRAM_BINARIES; nil when there is none
	GlobalVarSize uintptr
	KernelNames   []string // kernels of an executable
	Kernels       []KernelInfo
	Exec          *Executable     // executables
	Object        *CompiledObject // compiled objects and libraries
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
// keeps the program alive and no build may replace its executable until
// DetachKernel.
func (p *Program) AttachKernel() {
	p.mu.Lock()
	p.kernels++
	p.mu.Unlock()
	p.Ref()
}

// DetachKernel undoes AttachKernel when the kernel object is destroyed.
func (p *Program) DetachKernel() {
	p.mu.Lock()
	p.kernels--
	p.mu.Unlock()
	p.Unref()
}

// NoCompilerLog is the build log of a build, compile or link that could not
// run because gocl has no compiler yet.
func NoCompilerLog(what string) string {
	return "gocl: cannot " + what + " the program: no OpenCL C compiler is available yet " +
		"(CL_DEVICE_COMPILER_AVAILABLE and CL_DEVICE_LINKER_AVAILABLE are CL_FALSE).\n"
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
// build state is recorded; it does not run when Build refuses to start.
func (p *Program) Build(devs []*device.Device, options string, done func()) int32 {
	idx := p.deviceIndexes(devs)
	p.mu.Lock()
	if p.Origin == FromBinary {
		for _, i := range idx {
			if !p.builds[i].hasBinary() {
				p.mu.Unlock()
				return icd.Fail(icd.CL_INVALID_BINARY, "no valid program binary was loaded for device %d of the program", i)
			}
		}
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
	for _, i := range idx {
		p.builds[i].Status = icd.CL_BUILD_IN_PROGRESS
	}
	source, binaries := p.Source, make([]DeviceBuild, len(idx))
	for n, i := range idx {
		binaries[n] = p.builds[i]
	}
	origin := p.Origin
	p.mu.Unlock()

	var result DeviceBuild
	var code int32
	switch origin {
	case FromBinary:
		// Every device got the same kind of binary; one link serves them all.
		result, code = buildFromBinary(binaries[0], options)
	case FromIL:
		result, code = DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: "gocl: no intermediate language is supported\n"}, icd.CL_BUILD_PROGRAM_FAILURE
	default:
		result, code = buildSource(source, options)
	}
	p.mu.Lock()
	for _, i := range idx {
		p.builds[i] = result
	}
	p.mu.Unlock()
	if done != nil {
		done()
	}
	return code
}

// Compile compiles the program's source for devs (all of the program's
// devices if empty) into a compiled object; the caller has validated the
// arguments and the embedded headers. done is as for Build.
func (p *Program) Compile(devs []*device.Device, options string, headers map[string]string, done func()) int32 {
	idx := p.deviceIndexes(devs)
	p.mu.Lock()
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
	if p.Origin != FromSource {
		p.mu.Unlock()
		return icd.Fail(icd.CL_INVALID_OPERATION, "the program was not created from source")
	}
	for _, i := range idx {
		p.builds[i].Status = icd.CL_BUILD_IN_PROGRESS
	}
	source := p.Source
	p.mu.Unlock()

	result, code := compileSource(source, headers, options)
	p.mu.Lock()
	for _, i := range idx {
		p.builds[i] = result
	}
	p.mu.Unlock()
	if done != nil {
		done()
	}
	return code
}

// hasBinary reports whether a binary (compiled object, library or
// executable) is loaded for the device.
func (b *DeviceBuild) hasBinary() bool {
	return b.BinaryType != icd.CL_PROGRAM_BINARY_TYPE_NONE && len(b.Binary) > 0
}

// Link links compiled programs into a new program for devs (all of ctx's
// devices if empty); the caller has validated the arguments. Without a
// linker it returns CL_LINKER_NOT_AVAILABLE once the inputs are checked.
func Link(ctx *device.Context, devs []*device.Device, options string, inputs []*Program) (*Program, int32) {
	if len(devs) == 0 {
		devs = ctx.Devices
	}
	// For each device, either every input has a compiled object or library
	// for it, or none has (no executable for that device).
	for _, d := range devs {
		with := 0
		for _, in := range inputs {
			if i := in.DeviceIndex(d); i >= 0 {
				b := in.BuildInfo(i)
				if b.Status == icd.CL_BUILD_IN_PROGRESS {
					return nil, icd.Fail(icd.CL_INVALID_OPERATION, "a build of an input program is still in progress")
				}
				if b.Status == icd.CL_BUILD_SUCCESS && (b.BinaryType == icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT ||
					b.BinaryType == icd.CL_PROGRAM_BINARY_TYPE_LIBRARY) {
					with++
				}
			}
		}
		if with != 0 && with != len(inputs) {
			return nil, icd.Fail(icd.CL_INVALID_OPERATION, "only %d of %d input programs have a compiled object for a device", with, len(inputs))
		}
	}
	o, err := ParseOptions(options, true)
	if err != nil {
		return nil, icd.Fail(icd.CL_INVALID_LINKER_OPTIONS, "%v", err)
	}
	var objs []*CompiledObject
	for _, in := range inputs {
		for i := range in.Devices {
			if b := in.BuildInfo(i); b.Object != nil {
				objs = append(objs, b.Object)
				break
			}
		}
	}
	p := NewProgram(ctx, devs, FromLink, "", nil)
	result, code := linkObjects(objs, o, options)
	p.mu.Lock()
	for i := range p.builds {
		p.builds[i] = result
	}
	p.mu.Unlock()
	if code != icd.CL_SUCCESS {
		// The program object exists (its build log says why), but the
		// specification returns NULL with CL_LINK_PROGRAM_FAILURE.
		return p, code
	}
	return p, icd.CL_SUCCESS
}

// LoadBinary recognises a program binary that CL_PROGRAM_BINARIES handed
// out (by this driver, for this CPU) and returns the build state it carries.
func LoadBinary(dev *device.Device, bin []byte) (DeviceBuild, int32) {
	_ = dev
	h, payload, err := decodeBinary(bin)
	if err != nil {
		return DeviceBuild{}, icd.Fail(icd.CL_INVALID_BINARY, "%d-byte binary: %v", len(bin), err)
	}
	b := DeviceBuild{Status: icd.CL_BUILD_NONE, BinaryType: h.Type, Binary: append([]byte(nil), bin...),
		Options: h.Options, Kernels: h.Kernels, KernelNames: kernelNames(h.Kernels)}
	switch h.Type {
	case icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE:
		ex, err := Load(payload, h.Kernels)
		if err != nil {
			return DeviceBuild{}, icd.Fail(icd.CL_INVALID_BINARY, "%v", err)
		}
		b.Exec = ex
	default:
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

// buildSource compiles and links source: the whole of clBuildProgram. The
// result comes from the cache when the same source was built with the same
// options, compiler, builtin library and CPU before.
func buildSource(source, options string) (DeviceBuild, int32) {
	fail := func(code int32, log string, err error) (DeviceBuild, int32) {
		return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: log}, icd.Fail(code, "build failed: %v", err)
	}
	o, err := ParseOptions(options, false)
	if err != nil {
		return fail(icd.CL_INVALID_BUILD_OPTIONS, err.Error()+"\n", err)
	}
	key, keyErr := cacheKey("build", source, options)
	if keyErr == nil {
		if bin, ok := cacheGet(key); ok {
			if b, code := LoadBinary(nil, bin); code == icd.CL_SUCCESS {
				b.Status, b.Options = icd.CL_BUILD_SUCCESS, options
				return b, icd.CL_SUCCESS
			}
		}
	}
	obj, log, err := CompileSource(source, nil, o)
	if err != nil {
		return fail(icd.CL_BUILD_PROGRAM_FAILURE, log, err)
	}
	b, code := linkObjects([]*CompiledObject{obj}, o, options)
	b.Log = log + b.Log
	if code == icd.CL_BUILD_PROGRAM_FAILURE || code == icd.CL_LINK_PROGRAM_FAILURE {
		return b, icd.CL_BUILD_PROGRAM_FAILURE
	}
	if code == icd.CL_SUCCESS && keyErr == nil {
		cachePut(key, b.Binary)
	}
	return b, code
}

// compileSource is clCompileProgram's work.
func compileSource(source string, headers map[string]string, options string) (DeviceBuild, int32) {
	o, err := ParseOptions(options, false)
	if err != nil {
		return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: err.Error() + "\n"},
			icd.Fail(icd.CL_INVALID_COMPILER_OPTIONS, "%v", err)
	}
	obj, log, err := CompileSource(source, headers, o)
	if err != nil {
		return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: log},
			icd.Fail(icd.CL_COMPILE_PROGRAM_FAILURE, "compile failed: %v", err)
	}
	bin := encodeBinary(binHeader{Type: icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT, Std: obj.Std, Options: options, Kernels: obj.Kernels}, obj.Bitcode)
	return DeviceBuild{Status: icd.CL_BUILD_SUCCESS, Options: options, Log: log,
		BinaryType: icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT, Binary: bin, Object: obj,
		Kernels: obj.Kernels, KernelNames: kernelNames(obj.Kernels)}, icd.CL_SUCCESS
}

// linkObjects links compiled objects into an executable, or a library.
func linkObjects(objs []*CompiledObject, o *Options, options string) (DeviceBuild, int32) {
	var kernels []KernelInfo
	seen := map[string]bool{}
	for _, ob := range objs {
		for _, k := range ob.Kernels {
			if seen[k.Name] {
				return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: "kernel " + k.Name + " is defined twice\n"},
					icd.Fail(icd.CL_LINK_PROGRAM_FAILURE, "kernel %s is defined twice", k.Name)
			}
			seen[k.Name] = true
			kernels = append(kernels, k)
		}
	}
	bc, so, log, err := LinkObjects(objs, o)
	if err != nil {
		return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: log + err.Error() + "\n"},
			icd.Fail(icd.CL_LINK_PROGRAM_FAILURE, "link failed: %v", err)
	}
	std := "CL1.2"
	if len(objs) > 0 {
		std = objs[0].Std
	}
	if o.CreateLibrary {
		obj := &CompiledObject{Bitcode: bc, Kernels: kernels, Std: std}
		bin := encodeBinary(binHeader{Type: icd.CL_PROGRAM_BINARY_TYPE_LIBRARY, Std: std, Options: options, Kernels: kernels}, bc)
		return DeviceBuild{Status: icd.CL_BUILD_SUCCESS, Options: options, Log: log, BinaryType: icd.CL_PROGRAM_BINARY_TYPE_LIBRARY,
			Binary: bin, Object: obj, Kernels: kernels, KernelNames: kernelNames(kernels)}, icd.CL_SUCCESS
	}
	ex, err := Load(so, kernels)
	if err != nil {
		return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: log + err.Error() + "\n"},
			icd.Fail(icd.CL_LINK_PROGRAM_FAILURE, "%v", err)
	}
	bin := encodeBinary(binHeader{Type: icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE, Std: std, Options: options, Kernels: kernels}, so)
	return DeviceBuild{Status: icd.CL_BUILD_SUCCESS, Options: options, Log: log, BinaryType: icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE,
		Binary: bin, Exec: ex, Kernels: kernels, KernelNames: kernelNames(kernels)}, icd.CL_SUCCESS
}

// buildFromBinary makes an executable from a loaded binary (clBuildProgram
// on a program created with clCreateProgramWithBinary).
func buildFromBinary(b DeviceBuild, options string) (DeviceBuild, int32) {
	switch b.BinaryType {
	case icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE:
		b.Status = icd.CL_BUILD_SUCCESS
		return b, icd.CL_SUCCESS
	case icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT:
		o, err := ParseOptions(options, false)
		if err != nil {
			return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options}, icd.Fail(icd.CL_INVALID_BUILD_OPTIONS, "%v", err)
		}
		return linkObjects([]*CompiledObject{b.Object}, &Options{OptDisable: o.OptDisable}, options)
	}
	return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: "a library cannot be built into an executable; link it\n"},
		icd.Fail(icd.CL_INVALID_BINARY, "the binary is a library")
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
