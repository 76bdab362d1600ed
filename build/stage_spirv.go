package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/ebitengine/purego"
)

// Stage "SPIR-V front end": a SPIR-V module (clCreateProgramWithIL) and the
// specialization constants set on the program → a compiled object, as the
// OpenCL C front end makes one (stage_frontend.go): bitcode of the kernels
// and of their entry points, and the kernels' metadata.
//
//  1. The Khronos translator, llvm-spirv-15, run as clang is, turns the
//     module into LLVM bitcode (LLVM 15, which libLLVM 19 reads), with the
//     specialization constants given as --spec-const (translation happens
//     at clBuildProgram/clCompileProgram, with the values set by then).
//     --spirv-target-env=CL2.0 makes SPIR-V's builtins OpenCL C calls,
//     mangled as for the SPIR target (_Z13get_global_idj,
//     _Z5fractfPU3AS1f), and its kernels carry the kernel_arg_* metadata
//     the OpenCL C front end writes.
//  2. The module is made a module of the host, as text (libLLVM prints and
//     parses it): SPIR's address spaces are dropped (on a CPU all memory
//     is one; kernel-scope __local variables, address space 3, become
//     thread-local as the link stage makes OpenCL C's), the SPIR calling
//     conventions and -O0's noinline/optnone go, and calls of the builtin
//     library get its names (address spaces mangled as clang does for the
//     host: PU3AS1 → PU8CLglobal, an unqualified pointer → PU9CLprivate);
//     printf's float arguments are promoted to double, as C's are.
//  3. The entry points: __gocl_body_K is written in LLVM IR, from the
//     kernel's own signature (so by-value structs and vectors are passed
//     exactly as the kernel takes them, with no C ABI in between), and
//     the argument sizes from libLLVM's data layout; the work-group entry
//     points, which only call the body, are the OpenCL C ones
//     (groupEntries), compiled by clang.

// spirvInput is what the stage takes.
type spirvInput struct {
	Module *SPIRVModule
	Spec   map[uint32][]byte // specialization constants set, by SpecId
}

// hostDataLayout is the data layout of hostTriple (clang-19's).
const hostDataLayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"

// spirvTargetEnv is the form of the builtins the translator produces.
const spirvTargetEnv = "--spirv-target-env=CL2.0"

// compileSPIRV is the stage: the log holds the translator's and the
// compiler's diagnostics.
func compileSPIRV(in spirvInput) (*CompiledObject, string, error) {
	go loadLLVM()
	defer prepareCompilers(1) // (for the code generation that follows: spare.go)
	defer timeStage("SPIR-V front end")()
	tr, err := spirvTranslator()
	if err != nil {
		return nil, "gocl: no SPIR-V translator (llvm-spirv-15)\n", err
	}
	dir, err := tempDir("spirv-")
	if err != nil {
		return nil, "", err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "program.spv"), in.Module.Words, 0o644); err != nil {
		return nil, "", err
	}
	args := []string{tr, "-r", spirvTargetEnv}
	if a := in.Module.specConstArg(in.Spec); a != "" {
		args = append(args, a)
	}
	args = append(args, "program.spv", "-o", "program.bc")
	if _, diag, err := runIn(dir, args, nil); err != nil {
		return nil, "llvm-spirv: " + diag, fmt.Errorf("the SPIR-V module does not translate")
	}
	bc, err := os.ReadFile(filepath.Join(dir, "program.bc"))
	if err != nil {
		return nil, "", err
	}
	lib, err := openLibrary()
	if err != nil {
		return nil, "", err
	}
	defined := lib.defines
	ir, err := bitcodeText(bc)
	if err != nil {
		return nil, "", err
	}
	hostIR, sigs := hostModule(ir, defined)
	kernels, sizes, err := spirvKernels(hostIR, sigs)
	if err != nil {
		return nil, "gocl: " + err.Error() + "\n", err
	}
	if l, err := checkSubGroupSizes(kernels); err != nil {
		return nil, l, err
	}
	entries, log, err := compileGroupEntries(dir, kernels)
	if err != nil {
		return nil, log, err
	}
	m, err := parseIRModule(hostIR + bodyEntries(kernels, sigs, sizes))
	if err != nil {
		return nil, "gocl: " + err.Error() + "\n", err
	}
	defer m.dispose()
	em, err := m.api.parse(m.ctx, entries)
	if err != nil {
		return nil, log, err
	}
	if m.api.LinkModules2(m.mod, em) != 0 {
		return nil, log, fmt.Errorf("the entry points do not link with the SPIR-V module")
	}
	m.api.SetSourceFileName(m.mod, stableSourceName, uintptr(len(stableSourceName)))
	return &CompiledObject{Bitcode: m.bitcode(), Kernels: kernels, Std: "CL3.0"}, log, nil
}

// spirvAPI is what the stage needs of libLLVM beyond the other stages.
type spirvAPI struct {
	PrintModuleToString func(mod uintptr) unsafe.Pointer
}

var loadSPIRVAPI = sync.OnceValues(func() (*spirvAPI, error) {
	api, err := loadLLVM()
	if err != nil {
		return nil, err
	}
	a := &spirvAPI{}
	purego.RegisterLibFunc(&a.PrintModuleToString, api.lib, "LLVMPrintModuleToString")
	return a, nil
})

// bitcodeText is bitcode as LLVM IR text.
func bitcodeText(bc []byte) (string, error) {
	sa, err := loadSPIRVAPI()
	if err != nil {
		return "", err
	}
	m, err := parseBitcode(bc)
	if err != nil {
		return "", err
	}
	defer m.dispose()
	p := sa.PrintModuleToString(m.mod)
	defer m.api.DisposeMessage(p)
	return cString(p), nil
}

// parseIRModule parses LLVM IR text into a module of its own context.
func parseIRModule(ir string) (*module, error) {
	api, err := loadLLVM()
	if err != nil {
		return nil, err
	}
	wg, err := loadWGAPI(api.lib)
	if err != nil {
		return nil, err
	}
	ctx := api.newContext()
	buf := api.CreateMemoryBufferCopy(unsafe.Pointer(unsafe.StringData(ir)), uintptr(len(ir)), "spirv")
	var mod uintptr
	var msg unsafe.Pointer
	if wg.ParseIRInContext(ctx, buf, &mod, &msg) != 0 { // (takes the buffer)
		defer api.DisposeMessage(msg)
		api.disposeContext(ctx)
		return nil, fmt.Errorf("the translated SPIR-V module does not parse: %s", cString(msg))
	}
	return &module{api: api, ctx: ctx, mod: mod}, nil
}

var (
	reAddrSpace   = regexp.MustCompile(` addrspace\([1-9][0-9]*\)`)
	reLocalGlobal = regexp.MustCompile(`^(@\S+ = .*?)((?:local_)?unnamed_addr )?addrspace\(3\) (global|constant) `)
	reMangled     = regexp.MustCompile(`@_Z[A-Za-z0-9_.$]+`)
	reIntrinsic   = regexp.MustCompile(`@llvm\.[A-Za-z0-9_.]+`)
	reIntrinsicAS = regexp.MustCompile(`\.p[1-9][0-9]*(\.|$)`)
	reDefine      = regexp.MustCompile(`^define [^@]*@([A-Za-z0-9_.$]+)\(`)
	reDeclared    = regexp.MustCompile(`^declare [^@]*@(_Z[A-Za-z0-9_.$]+)\(`)
)

// hostModule rewrites the translator's module (LLVM IR text) into a module
// of the host (step 2 above), and returns the parameters of each function
// it defines, as text ("ptr align 4", "ptr byval(%struct.S) align 4").
func hostModule(ir string, defined func(string) bool) (string, map[string][]string) {
	lines := strings.Split(ir, "\n")
	rename := map[string]string{}
	for _, l := range lines {
		if m := reDeclared.FindStringSubmatch(l); m != nil {
			if n := hostBuiltinName(m[1], defined); n != m[1] {
				rename["@"+m[1]] = "@" + n
			}
		}
	}
	var out []string
	declared := map[string]bool{}
	sigs := map[string][]string{}
	promoted := 0
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "target datalayout"):
			l = fmt.Sprintf("target datalayout = %q", hostDataLayout)
		case strings.HasPrefix(l, "target triple"):
			l = fmt.Sprintf("target triple = %q", hostTriple)
		case strings.HasPrefix(l, "attributes #"):
			var kept []string
			for _, w := range strings.Fields(l) {
				if w != "noinline" && w != "optnone" {
					kept = append(kept, w)
				}
			}
			l = strings.Join(kept, " ")
		case strings.HasPrefix(l, "@"):
			l = reLocalGlobal.ReplaceAllString(l, "${1}thread_local $2$3 ")
		}
		l = reAddrSpace.ReplaceAllString(l, "")
		l = strings.ReplaceAll(strings.ReplaceAll(l, "= addrspacecast ", "= bitcast "), "addrspacecast (", "bitcast (")
		l = strings.ReplaceAll(strings.ReplaceAll(l, "spir_kernel ", ""), "spir_func ", "")
		l = reIntrinsic.ReplaceAllStringFunc(l, func(s string) string {
			for reIntrinsicAS.MatchString(s) {
				s = reIntrinsicAS.ReplaceAllString(s, ".p0$1")
			}
			return s
		})
		l = reMangled.ReplaceAllStringFunc(l, func(s string) string {
			if n, ok := rename[s]; ok {
				return n
			}
			return s
		})
		if strings.HasPrefix(l, "declare ") {
			if declared[l] {
				continue // (two intrinsics of address spaces now the same)
			}
			declared[l] = true
		}
		if m := reDefine.FindStringSubmatch(l); m != nil {
			sigs[m[1]] = params(l[len(m[0]):])
		}
		if strings.HasPrefix(l, "  ") {
			out = append(out, promotePrintf(l, &promoted)...)
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n"), sigs
}

// params splits a definition's parameter list (the text after its "(")
// into the parameters' types and attributes, without their names.
func params(s string) []string {
	ps := splitIRArgs(s)
	for i, p := range ps {
		if k := strings.LastIndexByte(p, ' '); k > 0 && strings.HasPrefix(p[k+1:], "%") {
			ps[i] = p[:k] // the parameter's name
		}
	}
	return ps
}

// splitIRArgs splits a parameter or argument list (the text after its "(")
// at its commas.
func splitIRArgs(s string) []string {
	list := s[:closing(s)]
	var ps []string
	for start, i := 0, 0; i <= len(list); i++ {
		if i < len(list) && strings.IndexByte("(<{[", list[i]) >= 0 {
			i += closing(list[i+1:]) + 1 // (on the closing bracket)
			continue
		}
		if i == len(list) || list[i] == ',' {
			if p := strings.TrimSpace(list[start:i]); p != "" {
				ps = append(ps, p)
			}
			start = i + 1
		}
	}
	return ps
}

// promotePrintf gives a printf call its float arguments as doubles (C's
// promotion of variadic arguments, which SPIR-V's printf does not make):
// the lines to put before the call, and the call.
func promotePrintf(l string, n *int) []string {
	i := strings.Index(l, "@printf(")
	if i < 0 {
		return []string{l}
	}
	args := splitIRArgs(l[i+len("@printf("):])
	var out []string
	for j, a := range args {
		if v, ok := strings.CutPrefix(a, "float "); ok {
			*n++
			out = append(out, fmt.Sprintf("  %%gocl.promoted%d = fpext float %s to double", *n, v))
			args[j] = fmt.Sprintf("double %%gocl.promoted%d", *n)
		}
	}
	if len(out) == 0 {
		return []string{l}
	}
	end := i + len("@printf(") + closing(l[i+len("@printf("):])
	return append(out, l[:i]+"@printf("+strings.Join(args, ", ")+l[end:])
}

// hostBuiltinName is the builtin library's name for a function the
// translator mangled for SPIR: address spaces by name, and, if the library
// has it so, unqualified (private) pointers as __private ones.
func hostBuiltinName(name string, defined func(string) bool) string {
	n := strings.NewReplacer("U3AS1", "U8CLglobal", "U3AS2", "U10CLconstant", "U3AS3", "U7CLlocal",
		"U3AS4", "U9CLgeneric").Replace(name)
	if defined(n) {
		return n
	}
	if p := privatePointers(n); defined(p) {
		return p
	}
	return name
}

// privatePointers qualifies the unqualified pointers of a mangled name
// with __private (PU9CLprivate), as clang mangles them for the host.
func privatePointers(name string) string {
	var b strings.Builder
	s := strings.TrimPrefix(name, "_Z")
	b.WriteString("_Z")
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9': // <length><identifier>
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			n, _ := strconv.Atoi(s[i:j])
			end := min(j+n, len(s))
			b.WriteString(s[i:end])
			i = end
		case c == 'D' && i+1 < len(s) && s[i+1] == 'v', c == 'S': // vector Dv<n>_, substitution S<seq>_
			j := strings.IndexByte(s[i:], '_')
			if j < 0 {
				j = len(s) - i - 1
			}
			b.WriteString(s[i : i+j+1])
			i += j + 1
		case c == 'P':
			b.WriteByte('P')
			if i+1 < len(s) && s[i+1] != 'U' {
				b.WriteString("U9CLprivate")
			}
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// spirvKernels reads the kernels of the host module and the sizes of
// their by-value arguments (from the data layout).
func spirvKernels(ir string, sigs map[string][]string) ([]KernelInfo, map[string]uint64, error) {
	m, err := parseIRModule(ir)
	if err != nil {
		return nil, nil, err
	}
	defer m.dispose()
	kernels, err := readKernels(m.bitcode())
	if err != nil {
		return nil, nil, err
	}
	// A module of one global per by-value argument type (and the
	// module's named types) tells the sizes.
	var types []string
	var text strings.Builder
	fmt.Fprintf(&text, "target datalayout = %q\n", hostDataLayout)
	for _, l := range strings.Split(ir, "\n") {
		if strings.HasPrefix(l, "%") && strings.Contains(l, " = type ") {
			text.WriteString(l + "\n")
		}
	}
	for n := range kernels {
		k := &kernels[n]
		if len(sigs[k.Name]) != len(k.Args) {
			k.Launchable = false // (not a signature hostModule could read)
		}
		for i, a := range k.Args {
			if a.Kind != ArgValue || !k.Launchable {
				continue
			}
			fmt.Fprintf(&text, "@t%d = external global %s\n", len(types), valueType(sigs[k.Name][i]))
			types = append(types, valueType(sigs[k.Name][i]))
		}
	}
	sizes := map[string]uint64{}
	if len(types) == 0 {
		return kernels, sizes, nil
	}
	ra, err := loadRegionAPI(m.api.lib)
	if err != nil {
		return nil, nil, err
	}
	tm, err := parseIRModule(text.String())
	if err != nil {
		return nil, nil, err
	}
	defer tm.dispose()
	td := ra.CreateTargetData(ra.GetModuleDataLayout(tm.mod))
	defer ra.DisposeTargetData(td)
	for i, t := range types {
		if g := tm.api.GetNamedGlobal(tm.mod, "t"+strconv.Itoa(i)); g != 0 {
			sizes[t] = ra.ABISizeOfType(td, ra.GlobalGetValueType(g))
		}
	}
	return kernels, sizes, nil
}

// valueType is the type of a by-value parameter: the type a byval pointer
// points to, or the parameter's own.
func valueType(param string) string {
	if i := strings.Index(param, "byval("); i >= 0 {
		return param[i+6 : i+6+closing(param[i+6:])]
	}
	return paramType(param)
}

// paramType is the type at the start of a parameter's text.
func paramType(param string) string {
	if param == "" {
		return ""
	}
	switch param[0] {
	case '<', '{', '[':
		return param[:closing(param[1:])+2]
	}
	if i := strings.IndexByte(param, ' '); i > 0 {
		return param[:i]
	}
	return param
}

// closing is the index in s of the bracket that closes one opened before s.
func closing(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '<', '{', '[':
			depth++
		case ')', '>', '}', ']':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return len(s)
}

// bodyEntries writes, in LLVM IR, each launchable kernel's __gocl_body_K
// (one work-item: the arguments loaded from their slots, as the OpenCL C
// entry points load them) and __gocl_argsizes_K.
func bodyEntries(kernels []KernelInfo, sigs map[string][]string, sizes map[string]uint64) string {
	var b strings.Builder
	for _, k := range kernels {
		sig := sigs[k.Name]
		if !k.Launchable {
			continue
		}
		fmt.Fprintf(&b, "\ndefine void @__gocl_body_%s(ptr %%a, ptr %%l) {\n", k.Name)
		var args, argSizes []string
		for i, a := range k.Args {
			fmt.Fprintf(&b, "  %%s%d = getelementptr inbounds ptr, ptr %%a, i64 %d\n  %%p%d = load ptr, ptr %%s%d, align 8\n", i, i, i, i)
			v := fmt.Sprintf("%%v%d", i)
			size := uint64(8)
			switch {
			case a.Kind == ArgBuffer || a.Kind == ArgSampler:
				fmt.Fprintf(&b, "  %s = load ptr, ptr %%p%d, align 8\n", v, i)
			case a.Kind == ArgLocal:
				fmt.Fprintf(&b, "  %%o%d = load i64, ptr %%p%d, align 8\n  %s = getelementptr i8, ptr %%l, i64 %%o%d\n", i, i, v, i)
				size = 0
			case a.Kind == ArgImage:
				v = fmt.Sprintf("%%p%d", i) // the slot holds the descriptor
			case strings.Contains(sig[i], "byval("):
				v = fmt.Sprintf("%%p%d", i) // the call copies it
				size = sizes[valueType(sig[i])]
			default:
				fmt.Fprintf(&b, "  %s = load %s, ptr %%p%d, align 1\n", v, paramType(sig[i]), i)
				size = sizes[valueType(sig[i])]
			}
			args = append(args, sig[i]+" "+v)
			argSizes = append(argSizes, fmt.Sprintf("i64 %d", size))
		}
		fmt.Fprintf(&b, "  call void @%s(%s)\n  ret void\n}\n", k.Name, strings.Join(args, ", "))
		if len(argSizes) == 0 {
			argSizes = []string{"i64 0"}
		}
		fmt.Fprintf(&b, "@__gocl_argsizes_%s = constant [%d x i64] [%s]\n", k.Name, len(argSizes), strings.Join(argSizes, ", "))
	}
	return b.String()
}

// compileGroupEntries compiles the work-group entry points of the
// launchable kernels (OpenCL C, calling the IR bodies).
func compileGroupEntries(dir string, kernels []KernelInfo) ([]byte, string, error) {
	var src strings.Builder
	src.WriteString(entryRuntime)
	for _, k := range kernels {
		if k.Launchable {
			fmt.Fprintf(&src, "void __gocl_body_%s(void **__gocl_a, __local char *__gocl_l);\n%s", k.Name, groupEntries(k.Name))
		}
	}
	fe := &frontEnd{dir: dir, flags: frontEndFlags(&Options{}), src: filepath.Join(dir, "entries.cl")}
	bc, log, err := fe.run(src.String(), finalFlags...)
	if err != nil {
		return nil, log, fmt.Errorf("the entry points do not compile")
	}
	return bc, "", nil
}

// key names the stage's result in the cache: the module, the constants
// set and the translator's file (path, size, time).
func (in spirvInput) key() string {
	h := sha256.New()
	if tr, err := spirvTranslator(); err == nil {
		if st, err := os.Stat(tr); err == nil {
			fmt.Fprintf(h, "%s %d %d\n", tr, st.Size(), st.ModTime().UnixNano())
		}
	}
	fmt.Fprintf(h, "%s\n", in.Module.specConstArg(in.Spec))
	h.Write(in.Module.Words)
	return "SPIR-V " + hex.EncodeToString(h.Sum(nil))
}
