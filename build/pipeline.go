package build

import (
	"errors"
	"fmt"
	"sort"

	"gocl/device"
	"gocl/icd"
)

// The kernel compiler is a pipeline of stages, one file each, each with its
// own input and output:
//
//	front end              stage_frontend.go   source, headers, options → CompiledObject (bitcode, kernels' metadata)
//	SPIR-V front end       stage_spirv.go      SPIR-V module, specialization constants → CompiledObject
//	link                   stage_link.go       CompiledObjects → linkedProgram (one module)
//	collectives            stage_collectives.go linkedProgram → linkedProgram (the collective functions linked in)
//	work-group functions   stage_workgroup.go  linkedProgram → linkedProgram (uniformity.go, wgloops.go, regions.go, safediv.go)
//	optimize and generate  stage_codegen.go    codegenInput (a module's bitcode) → shared object
//	load                   stage_load.go       shared object → Executable; or the bitcode, compiled kernel by kernel on use
//	cache                  stage_cache.go      builds, compiles, links and kernels' code by key (cache.go keeps the entries)
//
// The functions below are the API's operations as lists of those stages;
// program.go holds the program objects and calls them.

// The address space a stage needs in this process, beyond what it has: the
// heaps of LLVM and Go, and libLLVM itself where it is not loaded yet
// (llvmSpace), measured under ulimit -v: loading libLLVM took 147 MiB, a
// small program's front end 45, its link, work-group functions and
// kernels' code under 20, the builtin library 280. Out of address space,
// both heaps end the process; with less than this left, the stage fails
// with an error instead (with margins: a bigger program needs more).
const (
	llvmSpace    = 160 << 20
	buildSpace   = 64 << 20  // the front end
	linkSpace    = 32 << 20  // link, work-group functions
	codegenSpace = 32 << 20  // a lazy kernel's code generation
	librarySpace = 320 << 20 // the builtin library
)

// errAddressSpace: a stage was not started for want of address space.
var errAddressSpace = errors.New("not enough address space")

// needAddressSpace checks that n bytes of address space are left for what.
func needAddressSpace(n uint64, what string) error {
	if !llvmLoaded() {
		n += llvmSpace
	}
	if device.CanMap(n) {
		return nil
	}
	return fmt.Errorf("%w: %s needs about %d MiB of address space that the process's limit (ulimit -v, RLIMIT_AS) does not leave", errAddressSpace, what, n>>20)
}

// failCode is the error code of a failed stage: CL_OUT_OF_HOST_MEMORY for
// want of address space, otherwise code.
func failCode(err error, code int32) int32 {
	if errors.Is(err, errAddressSpace) {
		return icd.CL_OUT_OF_HOST_MEMORY
	}
	return code
}

// frontEndStage is a front end: the OpenCL C one (compileWithPrelude) or
// the SPIR-V one (compileSPIRV), with its input bound.
type frontEndStage func() (*CompiledObject, string, error)

// run runs the front end if the address space it needs is left.
func (fe frontEndStage) run() (*CompiledObject, string, error) {
	if err := needAddressSpace(buildSpace, "the front end"); err != nil {
		return nil, "error: " + err.Error() + "\n", err
	}
	return fe()
}

// buildSource is clBuildProgram of a source: cache, or front end then
// linkObjects, and the result into the cache.
func buildSource(source string, o *Options, options string) (DeviceBuild, int32) {
	return buildWith(source, o, options, func() (*CompiledObject, string, error) { return compileWithPrelude(source, nil, o) })
}

// buildIL is clBuildProgram of a SPIR-V module, with the specialization
// constants set: as buildSource, with the SPIR-V front end.
func buildIL(in spirvInput, o *Options, options string) (DeviceBuild, int32) {
	return buildWith(in.key(), o, options, func() (*CompiledObject, string, error) { return compileSPIRV(in) })
}

// buildWith is a build of what key names, by the front end fe.
func buildWith(key string, o *Options, options string, fe frontEndStage) (res DeviceBuild, code int32) {
	t := startTrace("build", options)
	defer func() { t.end(res, code) }()
	b, hit, entry := lookupBuild("build", key, options, true)
	t.cached(hit, entry != nil)
	if hit {
		return b, icd.CL_SUCCESS
	}
	defer entry.release()
	defer timeStage("build")()
	if lib, err := openLibrary(); err == nil {
		defer beside(func() { lib.part(runtimePart) })() // (its error is the build's to report where it needs it)
	}
	// The linker's command line, which the first code generation on a
	// machine asks clang's driver for (a process, ≈ 90 ms), is asked
	// beside the front end too (its error is code generation's to report).
	defer beside(func() { linkerCommand() })()
	obj, log, err := fe.run()
	if err != nil {
		return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: log},
			icd.Fail(failCode(err, icd.CL_BUILD_PROGRAM_FAILURE), "build failed: %v", err)
	}
	b, code = linkObjects([]*CompiledObject{obj}, []buildMeta{objectMeta(obj, o)}, o, options)
	b.Log = log + b.Log
	if code != icd.CL_SUCCESS && code != icd.CL_OUT_OF_HOST_MEMORY {
		code = icd.CL_BUILD_PROGRAM_FAILURE
	}
	if code != icd.CL_SUCCESS {
		return b, code
	}
	entry.store(b, key, o)
	return b, code
}

// compileSource is clCompileProgram: cache (without embedded headers), or
// the front end alone.
func compileSource(source string, headers map[string]string, o *Options, options string) (DeviceBuild, int32) {
	return compileWith(source, len(headers) == 0, o, options, func() (*CompiledObject, string, error) {
		return compileWithPrelude(source, headers, o)
	})
}

// compileIL is clCompileProgram of a SPIR-V module.
func compileIL(in spirvInput, o *Options, options string) (DeviceBuild, int32) {
	return compileWith(in.key(), true, o, options, func() (*CompiledObject, string, error) { return compileSPIRV(in) })
}

// compileWith is a compile of what key names (cached if cached is true),
// by the front end fe.
func compileWith(key string, cached bool, o *Options, options string, fe frontEndStage) (res DeviceBuild, code int32) {
	t := startTrace("compile", options)
	defer func() { t.end(res, code) }()
	var entry *buildEntry
	if cached {
		var b DeviceBuild
		var hit bool
		b, hit, entry = lookupBuild("compile", key, options, false)
		t.cached(hit, entry != nil)
		if hit {
			return b, icd.CL_SUCCESS
		}
	}
	obj, log, err := fe.run()
	if err != nil {
		return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: log},
			icd.Fail(failCode(err, icd.CL_COMPILE_PROGRAM_FAILURE), "compile failed: %v", err)
	}
	meta := objectMeta(obj, o)
	bin := encodeBinary(binHeader{Type: icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT, Std: obj.Std, Options: options,
		Kernels: obj.Kernels, Meta: meta}, obj.Bitcode)
	b := DeviceBuild{Status: icd.CL_BUILD_SUCCESS, Options: options, Log: log,
		BinaryType: icd.CL_PROGRAM_BINARY_TYPE_COMPILED_OBJECT, Binary: bin, Object: obj, Meta: meta,
		Kernels: obj.Kernels, KernelNames: kernelNames(obj.Kernels)}
	entry.store(b, key, o)
	return b, icd.CL_SUCCESS
}

// linkObjects links compiled objects into a library, or an executable:
// link, work-group functions, then either the executable's bitcode, whose
// kernels are compiled to code when used (a program without program-scope
// variables: its kernels need not share one shared object), or code
// generation and load of all kernels at once.
func linkObjects(objs []*CompiledObject, metas []buildMeta, o *Options, options string) (DeviceBuild, int32) {
	fail := func(log string, format string, args ...any) (DeviceBuild, int32) {
		return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: log},
			icd.Fail(icd.CL_LINK_PROGRAM_FAILURE, format, args...)
	}
	if err := needAddressSpace(linkSpace, "linking a program"); err != nil {
		return DeviceBuild{Status: icd.CL_BUILD_ERROR, Options: options, Log: "error: " + err.Error() + "\n"},
			icd.Fail(icd.CL_OUT_OF_HOST_MEMORY, "link failed: %v", err)
	}
	kernels, err := objectKernels(objs)
	if err != nil {
		return fail("error: "+err.Error()+"\n", "%v", err)
	}
	lp, err := linkModules(linkInput{Objects: objs, Kernels: kernels})
	if err != nil {
		return fail("error: "+err.Error()+"\n", "link failed: %v", err)
	}
	defer func() { lp.dispose() }()
	std := "CL1.2"
	if len(objs) > 0 {
		std = objs[0].Std
	}
	meta := mergeMeta(metas)
	h := binHeader{Type: icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE, Std: std, Options: options, Kernels: kernels, Meta: meta}
	result := DeviceBuild{Status: icd.CL_BUILD_SUCCESS, Options: options, BinaryType: h.Type, Meta: meta,
		Kernels: kernels, KernelNames: kernelNames(kernels)}
	if o.CreateLibrary {
		bc := lp.m.bitcode()
		h.Type = icd.CL_PROGRAM_BINARY_TYPE_LIBRARY
		result.BinaryType, result.Binary = h.Type, encodeBinary(h, bc)
		result.Object = &CompiledObject{Bitcode: bc, Kernels: kernels, Std: std}
		return result, icd.CL_SUCCESS
	}
	if lib, err := openLibrary(); err == nil {
		names := lp.m.declared()
		defer beside(func() { lib.need(names) })()
	}
	if err := linkCollectives(lp); err != nil {
		return fail("error: "+err.Error()+"\n", "link failed: %v", err)
	}
	if err := lp.prepareExecutable(); err != nil {
		return fail("error: "+err.Error()+"\n", "link failed: %v", err)
	}
	if err := workGroupFunctions(lp); err != nil {
		return fail("error: "+err.Error()+"\n", "link failed: %v", err)
	}
	bc := lp.m.bitcode()
	if lp.m.lazyCodegen() {
		lp.m.readArgSizes(kernels)
		result.Exec, result.Binary = lazyExecutable(bc, kernels, o.OptDisable), encodeBinary(withLazy(h), bc)
		return result, icd.CL_SUCCESS
	}
	so, log, err := generateCode(codegenInput{Bitcode: bc, Needed: lp.m.declared(), Opts: o})
	if err != nil {
		b, code := fail(log+"error: "+err.Error()+"\n", "link failed: %v", err)
		return b, failCode(err, code)
	}
	kernelsCompiled.add(int64(len(kernels)))
	measureExecutable(so, objs, kernels, &h.Meta)
	ex, err := loadExecutable(so, kernels, h.Meta)
	if err != nil {
		return fail("error: "+err.Error()+"\n", "%v", err)
	}
	result.Exec, result.Meta, result.Binary = ex, h.Meta, encodeBinary(h, so)
	return result, icd.CL_SUCCESS
}

func withLazy(h binHeader) binHeader {
	h.Lazy = true
	return h
}

// objectKernels are the kernels of the objects, by name (each defined once).
func objectKernels(objs []*CompiledObject) ([]KernelInfo, error) {
	var kernels []KernelInfo
	seen := map[string]bool{}
	for _, ob := range objs {
		for _, k := range ob.Kernels {
			if seen[k.Name] {
				return nil, fmt.Errorf("kernel %s is defined twice", k.Name)
			}
			seen[k.Name] = true
			kernels = append(kernels, k)
		}
	}
	kernels = cloneKernels(kernels)
	sort.Slice(kernels, func(i, j int) bool { return kernels[i].Name < kernels[j].Name })
	return kernels, nil
}

// buildFromBinary makes an executable from a loaded binary (clBuildProgram
// on a program created with clCreateProgramWithBinary, or a cache entry):
// an executable is loaded, a compiled object or library linked.
func buildFromBinary(b DeviceBuild, o *Options, options string) (DeviceBuild, int32) {
	switch b.BinaryType {
	case icd.CL_PROGRAM_BINARY_TYPE_EXECUTABLE:
		kernels := cloneKernels(b.Kernels)
		var ex *Executable
		var err error
		if b.lazy {
			bo, _ := ParseOptions(b.Options, false)
			ex = lazyExecutable(b.payload, kernels, bo != nil && bo.OptDisable)
		} else {
			ex, err = loadExecutable(b.payload, kernels, b.Meta)
		}
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

// objectMeta is what the compile options of obj say about its kernels.
func objectMeta(obj *CompiledObject, o *Options) buildMeta {
	var m buildMeta
	if o.KernelArgInfo {
		m.ArgInfo = kernelNames(obj.Kernels)
	}
	m.NonUniform = (obj.Std == "CL2.0" || obj.Std == "CL3.0") && !o.UniformWGSize
	return m
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
