package build

import (
	"gocl/device"
	"gocl/icd"
)

// The device's OpenCL C, as the compiler implements it: versions, the
// optional features it defines and the extensions it offers kernels. The
// features and extensions are exactly clExt in stage_frontend.go (the front end's
// -cl-ext list, with which the builtin library is compiled too) and the
// macros clang's -cl-ext does not know (extDefines, fpAtomicDefines, collectiveDefines); a unit test
// keeps the three in step. The device queries that mirror a feature
// (CL_DEVICE_GENERIC_ADDRESS_SPACE_SUPPORT, the atomic capabilities,
// CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE, CL_DEVICE_DOUBLE_FP_CONFIG …) follow
// these lists in package device.
var (
	openCLCVersions = []icd.NameVersion{
		icd.NV("OpenCL C", icd.Version(1, 0, 0)), icd.NV("OpenCL C", icd.Version(1, 1, 0)),
		icd.NV("OpenCL C", icd.Version(1, 2, 0)), icd.NV("OpenCL C", icd.Version(3, 0, 0)),
	}
	openCLCFeatures = []icd.NameVersion{
		icd.NV("__opencl_c_fp64", icd.Version(3, 0, 0)),
		// cl_khr_fp16: half arithmetic and every half builtin (half_*.cl).
		icd.NV("__opencl_c_fp16", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_int64", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_generic_address_space", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_program_scope_global_variables", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_atomic_order_acq_rel", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_atomic_order_seq_cst", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_atomic_scope_device", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_atomic_scope_all_devices", icd.Version(3, 0, 0)),
		// Required with CL_DEVICE_IMAGE_SUPPORT and
		// CL_DEVICE_MAX_READ_WRITE_IMAGE_ARGS (both claimed).
		icd.NV("__opencl_c_images", icd.Version(3, 0, 0)),
		icd.NV("__opencl_c_read_write_images", icd.Version(3, 0, 0)),
		// The builtin library writes every image type (gen/image.py).
		icd.NV("__opencl_c_3d_image_writes", icd.Version(3, 0, 0)),
		// Work-group reduce, scan, broadcast, all, any (collectives.cl,
		// stage_collectives.go).
		icd.NV("__opencl_c_work_group_collective_functions", icd.Version(3, 0, 0)),
		// Sub-groups (subgroups.cl, device/subgroups.go).
		icd.NV("__opencl_c_subgroups", icd.Version(3, 0, 0)),
		// cl_khr_integer_dot_product (dot.cl).
		icd.NV("__opencl_c_integer_dot_product_input_4x8bit", icd.Version(2, 0, 0)),
		icd.NV("__opencl_c_integer_dot_product_input_4x8bit_packed", icd.Version(2, 0, 0)),
		// cl_khr_kernel_clock (clock.cl): device, work-group and sub-group.
		icd.NV("__opencl_c_kernel_clock_scope_device", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_kernel_clock_scope_work_group", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_kernel_clock_scope_sub_group", icd.Version(1, 0, 0)),
		// cl_ext_float_atomics (atomic.cl), for OpenCL C 2.0 and later: float,
		// double and half.
		icd.NV("__opencl_c_ext_fp32_global_atomic_add", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_ext_fp32_local_atomic_add", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_ext_fp32_global_atomic_min_max", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_ext_fp32_local_atomic_min_max", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_ext_fp64_global_atomic_add", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_ext_fp64_local_atomic_add", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_ext_fp64_global_atomic_min_max", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_ext_fp64_local_atomic_min_max", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_ext_fp16_global_atomic_load_store", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_ext_fp16_local_atomic_load_store", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_ext_fp16_global_atomic_add", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_ext_fp16_local_atomic_add", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_ext_fp16_global_atomic_min_max", icd.Version(1, 0, 0)),
		icd.NV("__opencl_c_ext_fp16_local_atomic_min_max", icd.Version(1, 0, 0)),
	}
	// openCLCExtensions are device extensions only because the compiler
	// (and its builtin library) implements them.
	openCLCExtensions = []icd.NameVersion{
		icd.NV("cl_khr_fp64", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_fp16", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_int64_base_atomics", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_int64_extended_atomics", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_global_int32_base_atomics", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_global_int32_extended_atomics", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_local_int32_base_atomics", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_local_int32_extended_atomics", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_byte_addressable_store", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_3d_image_writes", icd.Version(1, 0, 0)),
		// image2d_depth_t and image2d_array_depth_t (gen/image.py), on
		// CL_DEPTH images (mem/pixel.go); clang declares their built-ins
		// only with the extension enabled.
		icd.NV("cl_khr_depth_images", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_extended_bit_ops", icd.Version(1, 0, 0)),
		// 2.0.0: both input forms, and the acceleration queries.
		icd.NV("cl_khr_integer_dot_product", icd.Version(2, 0, 0)),
		icd.NV("cl_khr_kernel_clock", icd.Version(1, 0, 0)),
		icd.NV("cl_ext_float_atomics", icd.Version(1, 0, 0)),
		// Sub-groups as an extension (OpenCL 2.0's), with independent
		// forward progress: a kernel that spin-waits runs on fibers that
		// yield in its waiting loops (spinwait.go, rt.c).
		icd.NV("cl_khr_subgroups", icd.Version(1, 0, 0)),
		// char, uchar, short, ushort and vectors for the sub-group
		// functions (collectives.cl).
		icd.NV("cl_khr_subgroup_extended_types", icd.Version(1, 0, 0)),
		// The non-uniform sub-group functions (subgroups_*.cl), among the
		// active work-items of a sub-group (rt.c's convergence point).
		icd.NV("cl_khr_subgroup_shuffle", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_subgroup_shuffle_relative", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_subgroup_rotate", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_subgroup_clustered_reduce", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_subgroup_ballot", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_subgroup_non_uniform_vote", icd.Version(1, 0, 0)),
		icd.NV("cl_khr_subgroup_non_uniform_arithmetic", icd.Version(1, 0, 0)),
		// One size (CL_DEVICE_SUB_GROUP_SIZES_INTEL): kernels that ask for
		// another do not compile.
		icd.NV("cl_intel_required_subgroup_size", icd.Version(1, 0, 0)),
	}
)

func init() {
	device.SetCompiler(CompilerAvailable, openCLCVersions, openCLCFeatures, openCLCExtensions)
	device.SetIL(ILVersions)
}

// ArgInfoAvailable reports whether clGetKernelArgInfo may answer for
// kernel name: the source it came from was compiled with -cl-kernel-arg-info.
func (p *Program) ArgInfoAvailable(name ...string) bool {
	b := p.Executable()
	if b == nil {
		return false
	}
	if len(name) == 0 {
		return len(b.Meta.ArgInfo) > 0
	}
	for _, k := range b.Meta.ArgInfo {
		if k == name[0] {
			return true
		}
	}
	return false
}

// NonUniformWorkGroups reports whether the program's kernels accept a
// global size that is not a multiple of the local size: compiled as OpenCL C
// 2.0 or later, without -cl-uniform-work-group-size.
func (p *Program) NonUniformWorkGroups() bool {
	b := p.Executable()
	return b != nil && b.Meta.NonUniform
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
