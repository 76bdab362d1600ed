package build

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gocl/device"
)

// Stage "front end": OpenCL C source (with embedded headers and options) →
// a compiled object: unoptimized bitcode of the kernels and of their entry
// points (entryPoints, generated OpenCL C), and the kernels' metadata.
//
// The entry points are generated from the kernels' metadata, which only
// the front end knows, yet they must be compiled with the source (they name
// its types). Clang runs once where the source shows its kernels plainly:
// the kernels' signatures are read from the text (guessKernels), the entry
// points compiled with the source, and the result kept only if the entry
// points generated from the front end's metadata are exactly the ones that
// were compiled and no diagnostic comes from them. Otherwise (kernels made
// by macros, spellings the guess does not know, a failed compile), clang
// runs twice as before: once for the diagnostics and the metadata, once
// with the entry points. A clang process costs ~0.1 s of start-up, a third
// of a small program's build.

// CompileSource compiles source (with embedded headers: include name → source)
// into a compiled object. The log holds clang's diagnostics.
func CompileSource(source string, headers map[string]string, o *Options) (*CompiledObject, string, error) {
	go loadLLVM() // (reading the metadata needs it: load it while clang runs)
	// A spare compiler for the code generation that follows (spare.go):
	// started beside the front end when libLLVM is loaded already, else
	// once the front end's clang is done with the cores (libLLVM loads
	// beside it).
	if llvmLoaded() {
		prepareCompilers(2)
	} else {
		defer prepareCompilers(1)
	}
	dir, err := tempDir("build-")
	if err != nil {
		return nil, "", err
	}
	defer os.RemoveAll(dir)
	for name, text := range headers {
		if !filepath.IsLocal(name) {
			return nil, "", fmt.Errorf("header include name %q leaves the include directory", name)
		}
		p := filepath.Join(dir, "headers", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, "", err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return nil, "", err
		}
	}
	fe := &frontEnd{dir: dir, flags: append(frontEndFlags(o), "-I", filepath.Join(dir, "headers")), src: filepath.Join(dir, "program.cl")}
	if err := checkIncludes(source, dir, fe.flags); err != nil {
		return nil, "gocl: " + err.Error() + "\n", fmt.Errorf("an included file cannot be read: %v", err)
	}
	std := o.Std
	if std == "" {
		std = "CL1.2"
	}
	if guess, guards, ok := guessKernels(source); ok {
		bc, kernels, log, err := fe.onePass(source, guess, guards)
		switch {
		case err == errGuess:
		case err != nil:
			return nil, log, err
		default:
			return compiledObject(bc, kernels, std, log)
		}
	}
	bc, kernels, log, err := fe.twoPasses(source)
	if err != nil {
		return nil, log, err
	}
	return compiledObject(bc, kernels, std, log)
}

// compiledObject is the front end's result, unless a kernel asks for a
// sub-group size the device does not have.
func compiledObject(bc []byte, kernels []KernelInfo, std, log string) (*CompiledObject, string, error) {
	if l, err := checkSubGroupSizes(kernels); err != nil {
		return nil, log + l, err
	}
	return &CompiledObject{Bitcode: stableBitcode(bc), Kernels: kernels, Std: std}, log, nil
}

// checkSubGroupSizes fails a compile whose kernel requires a sub-group size
// other than the device's one (cl_intel_required_subgroup_size), with a
// line for the build log.
func checkSubGroupSizes(kernels []KernelInfo) (string, error) {
	_, d := device.Root()
	for _, k := range kernels {
		if s := k.ReqdSubGroupSize; s != 0 && s != d.SubGroupSize() {
			return fmt.Sprintf("gocl: kernel %s: intel_reqd_sub_group_size(%d): this device's sub-groups have %d work-items (CL_DEVICE_SUB_GROUP_SIZES_INTEL)\n",
				k.Name, s, d.SubGroupSize()), fmt.Errorf("kernel %s requires a sub-group size the device does not have", k.Name)
		}
	}
	return "", nil
}

// frontEndPasses counts the clang runs of the front end (tests).
var frontEndPasses countingStat

// frontEnd is one compile's temporary directory, flags and source file.
type frontEnd struct {
	dir, src string
	flags    []string
}

// run compiles text with the extra flags; the log names the source
// "<source>" and embedded headers by their include names.
func (fe *frontEnd) run(text string, extra ...string) ([]byte, string, error) {
	frontEndPasses.add(1)
	if err := os.WriteFile(fe.src, []byte(text), 0o644); err != nil {
		return nil, "", err
	}
	bc, log, err := runClang(append(append(append([]string{}, fe.flags...), extra...), "-o", "-", fe.src), nil)
	log = strings.ReplaceAll(log, fe.src, "<source>")
	log = strings.ReplaceAll(log, filepath.Join(fe.dir, "headers")+"/", "") // embedded headers by their include names
	return bc, log, err
}

// finalFlags are those of the compile whose bitcode is kept.
var finalFlags = []string{"-O3", "-Xclang", "-disable-llvm-passes"}

// errGuess is onePass's failure when the guess was wrong.
var errGuess = errors.New("the kernels were not guessed right")

// onePass compiles the source with the entry points of the guessed
// kernels: errGuess if the guess was wrong (see above); the front end's
// failure if the source has errors and the entry points none.
func (fe *frontEnd) onePass(source string, guess []KernelInfo, guards map[string]guard) (bc []byte, kernels []KernelInfo, log string, err error) {
	defer timeStage("front end (one pass)")()
	entries := guardedEntryPoints(guess, guards)
	bc, log, err = fe.run(source+"\n"+entries, finalFlags...)
	switch {
	case diagnosesAfter(log, strings.Count(source, "\n")+1):
		return nil, nil, "", errGuess
	case err != nil:
		return nil, nil, log, fmt.Errorf("the front end failed")
	}
	kernels, err = readKernels(bc)
	if err != nil || entryPoints(kernels) != entries && !sameKernels(guess, guards, kernels, bc) {
		return nil, nil, "", errGuess
	}
	return bc, kernels, log, nil
}

// sameKernels reports whether entry points made from the guess are those
// of the kernels the front end found, though some types are spelled
// otherwise (a macro: CLBlast's "realM *", "real_arg") and some guessed
// kernels are left out by the preprocessor (with their entry points: they
// have the same guard): the same kernels with the same kinds of
// arguments, where a pointer's spelling does not matter (the entry passes
// it on) and a value is passed as it was loaded, with no conversion (the
// spelling meant the parameter's own type).
func sameKernels(guess []KernelInfo, guards map[string]guard, found []KernelInfo, bc []byte) bool {
	byName := map[string]*KernelInfo{}
	for i := range found {
		byName[found[i].Name] = &found[i]
	}
	matched := 0
	type argRef struct {
		kernel string
		arg    int
	}
	var respelled []argRef // values spelled otherwise
	for _, g := range guess {
		f := byName[g.Name]
		if _, guarded := guards[g.Name]; f == nil && guarded {
			continue
		}
		if f == nil || g.Launchable != f.Launchable || len(g.Args) != len(f.Args) {
			return false
		}
		matched++
		for j, ga := range g.Args {
			fa := f.Args[j]
			if ga.Kind != fa.Kind || ga.AddrSpace != fa.AddrSpace || ga.Access != fa.Access || ga.Image != fa.Image {
				return false
			}
			if ga.Type != fa.Type && fa.Kind != ArgBuffer && fa.Kind != ArgLocal {
				respelled = append(respelled, argRef{g.Name, j})
			}
		}
	}
	if matched != len(found) {
		return false
	}
	if len(respelled) == 0 {
		return true
	}
	m, err := parseBitcode(bc)
	if err != nil {
		return false
	}
	defer m.dispose()
	for _, r := range respelled {
		if !m.passesLoaded("__gocl_body_"+r.kernel, r.kernel, r.arg) {
			return false
		}
	}
	return true
}

// passesLoaded reports whether function from calls kernel with argument i
// straight from a load (no conversion in between).
func (m *module) passesLoaded(from, kernel string, i int) bool {
	a, err := loadWGAPI(m.api.lib)
	f, k := m.api.GetNamedFunction(m.mod, from), m.api.GetNamedFunction(m.mod, kernel)
	if err != nil || f == 0 || k == 0 {
		return false
	}
	for bb := m.api.GetFirstBasicBlock(f); bb != 0; bb = m.api.GetNextBasicBlock(bb) {
		for in := m.api.GetFirstInstruction(bb); in != 0; in = m.api.GetNextInstruction(in) {
			if m.api.IsACallInst(in) != 0 && m.api.GetCalledValue(in) == k {
				return i < int(a.GetNumOperands(in)) && a.GetInstructionOpcode(a.GetOperand(in, uint32(i))) == opLoad
			}
		}
	}
	return false
}

// twoPasses compiles the source alone (diagnostics, metadata), then with
// the entry points generated from the metadata.
func (fe *frontEnd) twoPasses(source string) (bc []byte, kernels []KernelInfo, log string, err error) {
	defer timeStage("front end (two passes)")()
	bc, log, err = fe.run(source, "-O0")
	if err != nil {
		return nil, nil, log, fmt.Errorf("the front end failed")
	}
	if kernels, err = readKernels(bc); err != nil {
		return nil, nil, log, err
	}
	bc, log2, err := fe.run(source+"\n"+entryPoints(kernels), finalFlags...)
	if err != nil {
		return nil, nil, log + log2, fmt.Errorf("the generated entry points do not compile")
	}
	return bc, kernels, log, nil
}

var diagLine = regexp.MustCompile(`<source>:(\d+):`)

// diagnosesAfter reports whether the log has a diagnostic of the source
// file after line n (in the generated entry points).
func diagnosesAfter(log string, n int) bool {
	for _, m := range diagLine.FindAllStringSubmatch(log, -1) {
		if l, err := strconv.Atoi(m[1]); err != nil || l > n {
			return true
		}
	}
	return false
}

// extensionMacros are the OpenCL C extensions and features the device
// offers kernels, for the front end's -cl-ext.
var clExt = "-cl-ext=-all,+cl_khr_fp64,+cl_khr_int64_base_atomics,+cl_khr_int64_extended_atomics," +
	"+cl_khr_global_int32_base_atomics,+cl_khr_global_int32_extended_atomics," +
	"+cl_khr_local_int32_base_atomics,+cl_khr_local_int32_extended_atomics," +
	"+cl_khr_byte_addressable_store,+__opencl_c_fp64,+__opencl_c_int64," +
	"+__opencl_c_generic_address_space,+__opencl_c_program_scope_global_variables," +
	"+__opencl_c_atomic_order_acq_rel,+__opencl_c_atomic_order_seq_cst," +
	"+__opencl_c_atomic_scope_device,+__opencl_c_atomic_scope_all_devices," +
	"+__opencl_c_images,+__opencl_c_read_write_images,+cl_khr_3d_image_writes,+__opencl_c_3d_image_writes,+cl_khr_depth_images,+cl_khr_fp16," +
	"+__opencl_c_subgroups,+cl_khr_subgroups"

// extDefines are the device's OpenCL C extensions and features that
// clang's -cl-ext does not know (its headers declare their builtins, for
// targets other than SPIR, only when the macro is defined): defined with -D,
// for every OpenCL C version (a 1.x program's own bit_reverse or dot still
// compiles: clang lets it stand beside the header's overloads).
var extDefines = []string{
	"__opencl_c_fp16", // cl_khr_fp16's OpenCL C 3.0 feature (half.cl, convert_half.cl)
	"cl_khr_extended_bit_ops",
	"cl_khr_integer_dot_product",
	"__opencl_c_integer_dot_product_input_4x8bit",
	"__opencl_c_integer_dot_product_input_4x8bit_packed",
	"cl_khr_kernel_clock",
	"__opencl_c_kernel_clock_scope_device",
	"__opencl_c_kernel_clock_scope_work_group",
}

// fpAtomicDefines are cl_ext_float_atomics and its features, defined from
// OpenCL C 2.0 on only: the extension is written in 2.0's atomic types
// (clang's header would not compile its declarations in 1.x).
var fpAtomicDefines = []string{
	"cl_ext_float_atomics",
	"__opencl_c_ext_fp32_global_atomic_add",
	"__opencl_c_ext_fp32_local_atomic_add",
	"__opencl_c_ext_fp32_global_atomic_min_max",
	"__opencl_c_ext_fp32_local_atomic_min_max",
	"__opencl_c_ext_fp64_global_atomic_add",
	"__opencl_c_ext_fp64_local_atomic_add",
	"__opencl_c_ext_fp64_global_atomic_min_max",
	"__opencl_c_ext_fp64_local_atomic_min_max",
	"__opencl_c_ext_fp16_global_atomic_load_store",
	"__opencl_c_ext_fp16_local_atomic_load_store",
	"__opencl_c_ext_fp16_global_atomic_add",
	"__opencl_c_ext_fp16_local_atomic_add",
	"__opencl_c_ext_fp16_global_atomic_min_max",
	"__opencl_c_ext_fp16_local_atomic_min_max",
}

// collectiveDefines are the OpenCL C 2.0 and 3.0 features and extensions
// of collectives.cl and subgroups.cl (and the sub-group clock, clock.cl) that clang's
// -cl-ext does not know, defined from 2.0 on only: a 1.x program may name
// its own work_group_reduce_add, and has no sub-groups.
var collectiveDefines = []string{
	"__opencl_c_kernel_clock_scope_sub_group",
	"__opencl_c_work_group_collective_functions",
	"cl_khr_subgroup_extended_types",
	"cl_khr_subgroup_shuffle",
	"cl_khr_subgroup_shuffle_relative",
	"cl_khr_subgroup_rotate",
	"cl_khr_subgroup_clustered_reduce",
	"cl_khr_subgroup_ballot",
	"cl_khr_subgroup_non_uniform_vote",
	"cl_khr_subgroup_non_uniform_arithmetic",
	"cl_intel_required_subgroup_size",
}

// defineFlags are -D flags defining each macro to 1.
func defineFlags(names ...[]string) []string {
	var flags []string
	for _, l := range names {
		for _, n := range l {
			flags = append(flags, "-D"+n+"=1")
		}
	}
	return flags
}

// frontEndFlags are the flags of every OpenCL C compile.
func frontEndFlags(o *Options) []string {
	std := o.Std
	if std == "" {
		std = "CL1.2"
	}
	flags := []string{"-x", "cl", "-cl-std=" + std, "-target", hostTriple, "-march=native", "-Xclang", "-finclude-default-header",
		"-Xclang", clExt, "-fPIC", "-fstack-clash-protection", "-emit-llvm", "-c", "-cl-kernel-arg-info", "-Wno-override-module",
		"-Wno-invalid-feature-combination", // clang 19's -march=native warns about AVX10 on some CPUs: not the user's concern
		// No reciprocal estimates: with -cl-fast-relaxed-math (arcp) the
		// x86 back end divides float vectors by vrcpps and one
		// Newton-Raphson step, up to 3 ulp; the relaxed bound for x / y
		// is 2.5 ulp (the CTS's math_brute_force divide, -w).
		"-mrecip=none"}
	if std == "CL3.0" {
		// The device has these features (device.go), but clang's headers
		// define them for SPIR targets only, and -cl-ext does not know
		// them: without them opencl-c.h hides atomic_fetch_add & co.
		flags = append(flags, "-D__opencl_c_atomic_scope_device=1", "-D__opencl_c_atomic_scope_all_devices=1")
	}
	// OpenCL C defines __IMAGE_SUPPORT__ (as 1) on devices with images,
	// which gocl's are, and __OPENCL_VERSION__ as the device's OpenCL
	// version (3.0); clang leaves both to the implementation (it defines
	// the first for SPIR targets only).
	flags = append(flags, "-D__IMAGE_SUPPORT__=1", "-D__OPENCL_VERSION__=300")
	flags = append(flags, defineFlags(extDefines)...)
	if std == "CL2.0" || std == "CL3.0" {
		flags = append(flags, defineFlags(fpAtomicDefines, collectiveDefines)...)
	}
	return append(flags, o.Clang...)
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

// compileWithPrelude is CompileSource, with two retries for programs
// built without -cl-std that call OpenCL C 2.0 and later functions (PoCL 7
// compiles every such program as OpenCL C 3.0, PoCL 3.1 declares the work-item
// functions in every mode, and real code relies on both):
//
//   - a 1.x compile that fails because it calls some of cl20Builtins
//     undeclared is compiled again with just those declared (in a header
//     given to clang with -include);
//   - a compile with no -cl-std that still fails on an undeclared name is
//     compiled again as OpenCL C 3.0 (work-group collectives, C11 atomics,
//     generic pointers), with __OPENCL_C_VERSION__ set back to 1.2 after
//     clang's header and the object still OpenCL C 1.2 (uniform
//     work-groups).
//
// Only then: a 1.x program may define a function of such a name itself (the
// names are not reserved before OpenCL C 2.0), and a declaration of ours
// would conflict with its definition. A program that fails every way gets
// the log of the compile with the prelude, or else of the first.
func compileWithPrelude(source string, headers map[string]string, o *Options) (*CompiledObject, string, error) {
	obj, log, err := CompileSource(source, headers, o)
	if err == nil || !(o.Std == "" || strings.HasPrefix(o.Std, "CL1.")) || !undeclaredNames(log) {
		return obj, log, err
	}
	var decls []string
	for _, name := range slices.Sorted(maps.Keys(cl20Builtins)) {
		if strings.Contains(log, "use of undeclared identifier '"+name+"'") {
			decls = append(decls, cl20Builtins[name])
		}
	}
	if len(decls) > 0 && headers[preludeHeader] == "" {
		obj, log, err = compileWithHeader(source, headers, o, preludeHeader, strings.Join(decls, "\n")+"\n")
		if err == nil {
			return obj, log, nil
		}
	}
	if o.Std != "" || headers[cl12VersionHeader] != "" {
		return obj, log, err
	}
	po := *o
	po.Std = "CL3.0"
	nobj, nlog, nerr := compileWithHeader(source, headers, &po, cl12VersionHeader,
		"#undef __OPENCL_C_VERSION__\n#define __OPENCL_C_VERSION__ 120\n")
	if nerr != nil {
		return obj, log, err
	}
	nobj.Std = "CL1.2"
	return nobj, nlog, nil
}

// cl12VersionHeader is the include name of the header that gives an
// OpenCL C 3.0 compile of a program without -cl-std the version 1.2.
const cl12VersionHeader = "__gocl_cl12_version.h"

// undeclaredNames says whether a failed compile's log blames a name the
// program uses but nothing declares (a function or a type of a later
// OpenCL C).
func undeclaredNames(log string) bool {
	return strings.Contains(log, "use of undeclared identifier") || strings.Contains(log, "implicit declaration of function") ||
		strings.Contains(log, "unknown type name")
}

// compileWithHeader is CompileSource with one more header, text, given to
// clang with -include before the program.
func compileWithHeader(source string, headers map[string]string, o *Options, name, text string) (*CompiledObject, string, error) {
	h := maps.Clone(headers)
	if h == nil {
		h = map[string]string{}
	}
	h[name] = text
	po := *o
	po.Clang = append(append([]string(nil), o.Clang...), "-include", name)
	return CompileSource(source, h, &po)
}
