package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	"gocl/device"
	"gocl/icd"
)

// The tools the compiler runs and where it keeps its files: clang and
// libLLVM (found, not run, to answer the API), the target, the cache
// directory.

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
// programs (CL_DEVICE_IL_VERSION non-empty): SPIR-V, where the compiler and
// the SPIR-V translator (stage_spirv.go) can be found.
var ILSupported = sync.OnceValue(func() bool {
	_, err := spirvTranslator()
	return err == nil && CompilerAvailable()
})

// spirvTranslator is the file of the SPIR-V to LLVM translator:
// $GOCL_LLVM_SPIRV, or llvm-spirv-15 (Debian's package llvm-spirv-15),
// whose SPIR-V versions (1.0 to 1.4) are the ones the device claims.
func spirvTranslator() (string, error) {
	name := "llvm-spirv-15"
	if p := getenv("GOCL_LLVM_SPIRV"); p != "" {
		name = p
	}
	p, err := exec.LookPath(name)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(p)
}

// ILVersions are CL_DEVICE_ILS_WITH_VERSION: the SPIR-V versions the
// translator reads in full (spirv_module.go), or none without it.
func ILVersions() []icd.NameVersion {
	if !ILSupported() {
		return nil
	}
	var nvs []icd.NameVersion
	for v := uint32(spirvMinVersion); v <= spirvClaimedVersion; v += 0x100 {
		nvs = append(nvs, icd.NV("SPIR-V", icd.Version(v>>16, v>>8&0xff, 0)))
	}
	return nvs
}

// GlobalCtorsSupported reports whether devices run constructors and
// destructors of program-scope variables (an OpenCL 2.2 feature, optional in
// 3.0): no.
func GlobalCtorsSupported() bool { return false }

// hostTriple is the only target: the machine gocl runs on.
const hostTriple = "x86_64-unknown-linux-gnu"

// driverVersion is part of every cache key and program binary: the build's
// identity (device.DriverVersion), so that code compiled by another build of
// gocl — other compiler stages, another kernel ABI — is never loaded.
func driverVersion() string { return "gocl-" + device.DriverVersion() }

// hostCPU identifies the code the host can run (-march=native), for cache keys.
var hostCPU = sync.OnceValue(func() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	var model, flags string
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "model name":
			if model == "" {
				model = strings.TrimSpace(v)
			}
		case "flags":
			if flags == "" {
				flags = strings.TrimSpace(v)
			}
		}
	}
	return model + "|" + flags
})

// writeAtomic writes a file so that readers see all of it or none: a
// temporary file renamed into place (safe with several processes at once).
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
