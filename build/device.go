package build

import (
	"gocl/device"
	"gocl/icd"
)

// The device's OpenCL C, as the compiler implements it: versions and the
// optional features it defines (they match clExt in compiler.go).
var (
	openCLCVersions = []icd.NameVersion{
		icd.NV("OpenCL C", icd.Version(1, 0, 0)), icd.NV("OpenCL C", icd.Version(1, 1, 0)),
		icd.NV("OpenCL C", icd.Version(1, 2, 0)), icd.NV("OpenCL C", icd.Version(3, 0, 0)),
	}
	openCLCFeatures = []icd.NameVersion{
		icd.NV("__opencl_c_fp64", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_int64", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_generic_address_space", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_program_scope_global_variables", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_atomic_order_acq_rel", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_atomic_order_seq_cst", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_atomic_scope_device", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_atomic_scope_all_devices", icd.Version(3, 0, 0)),
	}
)

func init() {
	device.SetCompiler(CompilerAvailable, openCLCVersions, openCLCFeatures)
}

// ArgInfoAvailable reports whether clGetKernelArgInfo may answer: the
// program was built (or compiled) with -cl-kernel-arg-info.
func (p *Program) ArgInfoAvailable() bool {
	b := p.Executable()
	return b != nil && containsWord(b.Options, "-cl-kernel-arg-info")
}

// NonUniformWorkGroups reports whether the program's kernels accept a
// global size that is not a multiple of the local size: OpenCL C 2.0 or
// later, without -cl-uniform-work-group-size.
func (p *Program) NonUniformWorkGroups() bool {
	b := p.Executable()
	if b == nil || containsWord(b.Options, "-cl-uniform-work-group-size") {
		return false
	}
	return containsWord(b.Options, "-cl-std=CL2.0") || containsWord(b.Options, "-cl-std=CL3.0")
}

func containsWord(s, w string) bool {
	words, _ := splitArgs(s)
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}
