package build

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/ebitengine/purego"
)

// Stage "optimize and generate code": the linked program's module (after
// the work-group functions) → the bytes of a shared object.
//
// One clang process optimizes the module, links the parts of the builtin
// library it needs (-mlink-builtin-bitcode) and emits an object file (a
// single job, which clang runs in its own process: `clang -shared` would
// start three, the driver, cc1 and the linker's driver); the system linker
// then makes the shared object, with the command line clang would give it
// (asked once per compiler and kept in the cache directory), less the C
// runtime's start files and libraries (linker.fast).

// codegenInput is what code generation needs.
type codegenInput struct {
	Bitcode []byte   // the program's module
	Needed  []string // symbols it declares but does not define (filesFor)
	// OpaqueConstants: the optimized module's constants added to 512-bit
	// integer vectors go through opaqueVectorConstants (constadds.go).
	OpaqueConstants bool
	Opts            *Options
}

// generateCode turns the module into a shared object; the log holds the
// diagnostics of a failure.
func generateCode(in codegenInput) (so []byte, log string, err error) {
	defer timeStage("optimize and generate code")()
	defer prepareIdleCompiler() // (for the next program: spare.go)
	lib, err := openLibrary()
	if err != nil {
		return nil, "", err
	}
	ld, err := linkerCommand()
	if err != nil {
		return nil, "", err
	}
	fast := globalLibraries() == nil
	if fast {
		ld = ld.fast()
	}
	dir, err := tempDir("link-")
	if err != nil {
		return nil, "", err
	}
	defer os.RemoveAll(dir)
	bc, obj, out := filepath.Join(dir, "program.bc"), filepath.Join(dir, "program.o"), filepath.Join(dir, "program.so")
	if dump := getenv("GOCL_DUMP_BITCODE"); dump != "" {
		// A developer's view of what code generation gets (docs: README).
		_ = os.WriteFile(dump, in.Bitcode, 0o644)
	}
	if err := os.WriteFile(bc, in.Bitcode, 0o644); err != nil {
		return nil, "", err
	}
	opt := "-O3"
	if in.Opts.OptDisable {
		opt = "-O1" // -O0 would leave the entry points' calls unresolved for inlining; O1 is still debuggable
	}
	args := []string{"-c", opt, "-march=native", "-fPIC", "-mtls-dialect=gnu2", "-target", hostTriple, "-Wno-override-module",
		"-fstack-size-section", // CL_KERNEL_PRIVATE_MEM_SIZE (stage_load.go)
		"-Wno-invalid-feature-combination",
		"-fveclib=libmvec", // vectorized loops call glibc's vector math (libm.so pulls libmvec in)
		// X86DomainReassignment (scalar mask logic moved into AVX-512
		// mask registers) took half of the code generation of hcxkeys'
		// SHA-1 kernel and a third of clFFT's (0.4 s of each).
		"-mllvm", "-disable-x86-domain-reassignment",
		bc, "-o", obj}
	build := func(parts []string) (string, error) {
		a := append([]string(nil), args...)
		for _, part := range parts {
			a = append(a, "-Xclang", "-mlink-builtin-bitcode", "-Xclang", part)
		}
		if variants := callsVectorVariants(in.Needed); variants || in.OpaqueConstants {
			// Optimized bitcode first, finished here (the vector
			// variants that its vectorizer called inlined, the constants
			// made opaque), then code from it without optimizing again.
			optimized := filepath.Join(dir, "optimized.bc")
			a = append(a, "-emit-llvm")
			a[slices.Index(a, obj)] = optimized
			if _, diag, err := runClang(a, nil); err != nil {
				return diag, err
			}
			prepareCompilers(1) // (for the second clang run, while the module is finished)
			if finished := filepath.Join(dir, "finished.bc"); finishOptimized(optimized, finished, variants, in.OpaqueConstants) == nil {
				optimized = finished // (otherwise as optimized: slower, still right)
			}
			a = append([]string(nil), args...)
			a[slices.Index(a, bc)] = optimized
			a = append(a, "-Xclang", "-disable-llvm-optzns")
		}
		if _, diag, err := runClang(a, nil); err != nil {
			return diag, err
		}
		// -z defs, or undefinedSymbols: a symbol the parts missed fails
		// the link, not the load.
		_, diag, err := runTool(ld.command(obj, out))
		if err == nil && fast {
			if missing := undefinedSymbols(out); len(missing) > 0 {
				return fmt.Sprintf("error: undefined symbols: %s\n", strings.Join(missing, ", ")), fmt.Errorf("undefined symbols")
			}
		}
		return diag, err
	}
	parts, err := lib.filesFor(in.Needed)
	if err != nil {
		return nil, "", err
	}
	diag, err := build(parts)
	if err == nil {
		so, err = os.ReadFile(out)
		return so, "", err
	}
	if exiting() {
		// (The compiler was ended with the process: no second try, which
		// would compile every part of the library only to be ended too.)
		return nil, diag, fmt.Errorf("the process is exiting")
	}
	// Again with every part (if the index missed a part: slower, still right).
	if parts, err = lib.allFiles(); err != nil {
		return nil, "", err
	}
	if diag, err := build(parts); err != nil {
		return nil, diag, fmt.Errorf("code generation failed")
	}
	so, err = os.ReadFile(out)
	return so, "", err
}

// The placeholders of the linker's command line.
const (
	linkObject = "GOCL_OBJECT.o"
	linkOutput = "GOCL_OUTPUT.so"
)

// linker is the system linker's command line for a shared object, as
// clang's driver makes it, with placeholders for the object and the output.
type linker []string

// command is the linker's command line for obj → out.
func (l linker) command(obj, out string) []string {
	c := make([]string, len(l))
	for i, a := range l {
		switch a {
		case linkObject:
			c[i] = obj
		case linkOutput:
			c[i] = out
		default:
			c[i] = a
		}
	}
	return c
}

// linkerCommand asks clang's driver (once per compiler: the answer is kept
// in the cache directory) how it links a shared object with -z defs and
// the math library.
var linkerCommand = sync.OnceValues(findLinker)

func findLinker() (linker, error) {
	_, id, err := findClang()
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256([]byte(driverVersion() + "\x00" + id))
	// (No cache directory: clang is asked by every process.)
	cache, cacheErr := cacheDir()
	path := filepath.Join(cache, "linker-"+hex.EncodeToString(sum[:12])+".json")
	var l linker
	if cacheErr == nil {
		if js, err := os.ReadFile(path); err == nil && json.Unmarshal(js, &l) == nil && len(l) > 0 {
			return l, nil
		}
	}
	dir, err := tempDir("ld-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	// The driver drops inputs that do not exist: give it one.
	if err := os.WriteFile(filepath.Join(dir, linkObject), nil, 0o644); err != nil {
		return nil, err
	}
	_, diag, err := runClangIn(dir, []string{"-###", "-shared", "-fPIC", "-target", hostTriple, linkObject,
		"-Wl,-z,defs", "-o", linkOutput, "-lm"}, nil)
	if err != nil {
		return nil, fmt.Errorf("asking clang for the linker's command: %v: %s", err, diag)
	}
	l, err = parseLinkJob(diag)
	if err != nil {
		return nil, err
	}
	if js, err := json.Marshal(l); err == nil && cacheErr == nil {
		_ = writeAtomic(path, js)
	}
	return l, nil
}

// fast is the linker's command without the C runtime's start files and
// libraries, and without -z defs: with them, bfd read libc's and libm's
// symbol tables for each link (47 ms of a small kernel's code generation;
// 12 ms without). A kernel's calls into libc, libm and libmvec are bound
// when it is loaded, from the process's global scope, where
// globalLibraries puts libm and libmvec; undefinedSymbols stands in for
// -z defs. (The start files register C++ destructors and transactional
// memory clones: kernels have none.)
func (l linker) fast() linker {
	var out linker
	for i := 0; i < len(l); i++ {
		a := l[i]
		switch {
		case a == "-z" && i+1 < len(l) && l[i+1] == "defs":
			i++
		case a == "-lm", a == "-lc", a == "-lgcc_s", a == "--as-needed", a == "--no-as-needed":
		case strings.HasSuffix(a, ".o") && a != linkObject: // crti.o, crtbeginS.o, crtendS.o, crtn.o
		default:
			out = append(out, a)
		}
	}
	return out
}

// globalLibraries loads libm and libmvec into the process's global scope
// (once), where a loaded kernel finds them: a process need not have them
// there (an application that does not link libm; the ICD loader loads
// gocl, and gocl's own libraries, locally).
var globalLibraries = sync.OnceValue(func() error {
	for _, name := range []string{"libm.so.6", "libmvec.so.1"} {
		if _, err := purego.Dlopen(name, purego.RTLD_NOW|purego.RTLD_GLOBAL); err != nil {
			return err
		}
	}
	return nil
})

// undefinedSymbols are the symbols the shared object at path needs that
// the process's global scope does not define (weak ones are not needed).
func undefinedSymbols(path string) []string {
	f, err := elf.Open(path)
	if err != nil {
		return []string{err.Error()}
	}
	defer f.Close()
	syms, err := f.DynamicSymbols()
	if err != nil {
		return []string{err.Error()}
	}
	var missing []string
	for _, sym := range syms {
		if sym.Section != elf.SHN_UNDEF || sym.Name == "" || elf.ST_BIND(sym.Info) == elf.STB_WEAK {
			continue
		}
		if _, err := purego.Dlsym(purego.RTLD_DEFAULT, sym.Name); err != nil {
			missing = append(missing, sym.Name)
		}
	}
	return missing
}

// parseLinkJob finds the linker's command in the output of clang -###: the
// line of quoted words that names both placeholders.
func parseLinkJob(out string) (linker, error) {
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, `"`) {
			continue
		}
		words, err := splitArgs(line)
		if err != nil || len(words) == 0 {
			continue
		}
		var obj, out bool
		for _, w := range words {
			obj = obj || w == linkObject
			out = out || w == linkOutput
		}
		if obj && out {
			return linker(words), nil
		}
	}
	return nil, fmt.Errorf("clang -### named no linker:\n%s", out)
}

// finishOptimized is the step between optimization and code generation
// for the modules that need one: it inlines the vector variants of the
// dot products (dot_variants.go) and makes the constants added to 512-bit
// integer vectors opaque (constadds.go).
func finishOptimized(from, to string, variants, opaque bool) error {
	bc, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	m, err := parseBitcode(bc)
	if err != nil {
		return err
	}
	defer m.dispose()
	if variants {
		ra, err := loadRegionAPI(m.api.lib)
		if err != nil {
			return err
		}
		if err := m.runPasses(ra, "always-inline"); err != nil {
			return err
		}
	}
	if opaque {
		m.opaqueVectorConstants()
	}
	return os.WriteFile(to, m.bitcode(), 0o644)
}
