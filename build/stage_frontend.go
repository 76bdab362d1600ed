package build

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
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
	dir, err := os.MkdirTemp("", "gocl-build-")
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
	if guess, ok := guessKernels(source); ok {
		if bc, kernels, log, ok := fe.onePass(source, guess); ok {
			return &CompiledObject{Bitcode: bc, Kernels: kernels, Std: std}, log, nil
		}
	}
	bc, kernels, log, err := fe.twoPasses(source)
	if err != nil {
		return nil, log, err
	}
	return &CompiledObject{Bitcode: bc, Kernels: kernels, Std: std}, log, nil
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

// onePass compiles the source with the entry points of the guessed
// kernels; ok if the guess was right (see above).
func (fe *frontEnd) onePass(source string, guess []KernelInfo) (bc []byte, kernels []KernelInfo, log string, ok bool) {
	defer timeStage("front end (one pass)")()
	entries := entryPoints(guess)
	bc, log, err := fe.run(source+"\n"+entries, finalFlags...)
	if err != nil || diagnosesAfter(log, strings.Count(source, "\n")+1) {
		return nil, nil, "", false
	}
	kernels, err = readKernels(bc)
	if err != nil || entryPoints(kernels) != entries {
		return nil, nil, "", false
	}
	return bc, kernels, log, true
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
