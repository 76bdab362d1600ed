package device

import (
	"crypto/sha256"
	"strings"
	"sync"
	"unsafe"

	"gocl/icd"
)

// The OpenCL version the platform and its devices implement.
var apiVersion = icd.Version(3, 0, 0)

// extension is one entry of an extension list with its version
// (CL_*_EXTENSIONS_WITH_VERSION).
type extension struct {
	name    string
	version uint32
}

// The extensions gocl claims. These lists must only grow with the
// implementation: an extension is listed once every entry point and query it
// defines works (and, for OpenCL C extensions such as cl_khr_fp64 or
// cl_khr_byte_addressable_store, once the kernel compiler implements them),
// never before. Extension function lookup (ExtensionFunction) follows them.
var (
	// platformOnlyExtensions are the platform's own extensions.
	platformOnlyExtensions = []extension{
		// cl_khr_icd 1.0: the loader entry points. Version 2.0.0 would also
		// need the CL_ICD2_TAG_KHR in the dispatch table, which gocl does not set.
		{"cl_khr_icd", icd.Version(1, 0, 0)},
	}
	// deviceExtensions are supported by every gocl device; the platform
	// reports them too (CL_PLATFORM_EXTENSIONS lists the extensions that all
	// devices of the platform support).
	deviceExtensions = []extension{
		{"cl_khr_device_uuid", icd.Version(1, 0, 0)},
		// 2D images whose storage is a buffer's (mem.Image2DFromBuffer).
		{"cl_khr_image2d_from_buffer", icd.Version(1, 0, 0)},
		// Provisional extensions: the versions are those of the registry
		// whose entry points and structures gocl implements (an
		// application built against another revision must check them).
		{"cl_khr_command_buffer", icd.Version(0, 9, 8)},
		{"cl_khr_command_buffer_mutable_dispatch", icd.Version(0, 9, 5)},
		// clGetKernelSuggestedLocalWorkSizeKHR (exports/kernel.go): the
		// local size clEnqueueNDRangeKernel chooses for a NULL one.
		{"cl_khr_suggested_local_work_size", icd.Version(1, 0, 0)},
	}
	// extensionFunctions maps each extension function gocl hands out through
	// clGetExtensionFunctionAddress* to the extension that defines it.
	extensionFunctions = map[string]string{
		"clIcdGetPlatformIDsKHR": "cl_khr_icd",
		// cl_khr_icd 2.0's functions work (the loader calls them only for
		// a dispatch table carrying the ICD2 tag).
		"clIcdGetFunctionAddressForPlatformKHR": "cl_khr_icd",
		"clIcdSetPlatformDispatchDataKHR":       "cl_khr_icd",

		"clCreateCommandBufferKHR":             "cl_khr_command_buffer",
		"clFinalizeCommandBufferKHR":           "cl_khr_command_buffer",
		"clRetainCommandBufferKHR":             "cl_khr_command_buffer",
		"clReleaseCommandBufferKHR":            "cl_khr_command_buffer",
		"clEnqueueCommandBufferKHR":            "cl_khr_command_buffer",
		"clCommandBarrierWithWaitListKHR":      "cl_khr_command_buffer",
		"clCommandCopyBufferKHR":               "cl_khr_command_buffer",
		"clCommandCopyBufferRectKHR":           "cl_khr_command_buffer",
		"clCommandCopyBufferToImageKHR":        "cl_khr_command_buffer",
		"clCommandCopyImageKHR":                "cl_khr_command_buffer",
		"clCommandCopyImageToBufferKHR":        "cl_khr_command_buffer",
		"clCommandFillBufferKHR":               "cl_khr_command_buffer",
		"clCommandFillImageKHR":                "cl_khr_command_buffer",
		"clCommandNDRangeKernelKHR":            "cl_khr_command_buffer",
		"clCommandSVMMemcpyKHR":                "cl_khr_command_buffer",
		"clCommandSVMMemFillKHR":               "cl_khr_command_buffer",
		"clGetCommandBufferInfoKHR":            "cl_khr_command_buffer",
		"clUpdateMutableCommandsKHR":           "cl_khr_command_buffer_mutable_dispatch",
		"clGetMutableCommandInfoKHR":           "cl_khr_command_buffer_mutable_dispatch",
		"clCreateProgramWithILKHR":             "cl_khr_il_program",
		"clGetKernelSuggestedLocalWorkSizeKHR": "cl_khr_suggested_local_work_size",
		"clGetKernelSubGroupInfoKHR":           "cl_khr_subgroups",
	}
	// ilExtensions are claimed with intermediate language support (SetIL).
	ilExtensions = []extension{{"cl_khr_il_program", icd.Version(1, 0, 0)}}
)

// ilVersions is CL_DEVICE_ILS_WITH_VERSION, installed by package build
// (the SPIR-V versions its translator reads; none without it).
var ilVersions = func() []icd.NameVersion { return nil }

// SetIL installs the intermediate languages the kernel compiler takes.
func SetIL(versions func() []icd.NameVersion) { ilVersions = versions }

// ilExtensionsIf are ilExtensions when some intermediate language is
// supported.
func ilExtensionsIf() []extension {
	if len(ilVersions()) == 0 {
		return nil
	}
	return ilExtensions
}

// ilVersionString is CL_DEVICE_IL_VERSION: the supported versions,
// space-separated ("SPIR-V_1.0 SPIR-V_1.1 …").
func ilVersionString() string {
	s := ""
	for _, nv := range ilVersions() {
		if s != "" {
			s += " "
		}
		s += nvName(nv) + "_" + itoa(nv.Version>>22) + "." + itoa(nv.Version>>12&0x3ff)
	}
	return s
}

// compilerAvailable is CL_DEVICE_COMPILER_AVAILABLE and
// CL_DEVICE_LINKER_AVAILABLE. Package build installs the check (can clang and
// libLLVM be found?) and what its compiler implements: the OpenCL C versions,
// the optional __opencl_c_* features and the OpenCL C extensions it defines
// for kernels (its -cl-ext list). Every answer about OpenCL C (versions,
// features, fp64, generic address space, program-scope globals, atomics
// beyond the mandated minimum, the kernel-language extensions) follows these
// lists, and without a compiler reports the minimum or nothing, as the
// specification allows for a device without a compiler.
var (
	compilerOnce  sync.Once
	compilerCheck = func() bool { return false }
	compilerFound bool
	compilerCVers []icd.NameVersion
	compilerFeats []icd.NameVersion
	compilerExts  []icd.NameVersion
)

// SetCompiler installs the kernel compiler's check (package build: can
// clang and libLLVM be found?), asked on the first query that needs it, and
// the OpenCL C versions, features and extensions the compiler implements.
func SetCompiler(check func() bool, versions, features, extensions []icd.NameVersion) {
	compilerCheck, compilerCVers, compilerFeats, compilerExts = check, versions, features, extensions
}

func compilerAvailable() bool {
	compilerOnce.Do(func() {
		compilerFound = compilerCheck()
		if compilerFound {
			openCLCVersions, openCLCFeatures = compilerCVers, compilerFeats
			for _, e := range compilerExts {
				compilerExtensions = append(compilerExtensions, extension{nvName(e), e.Version})
			}
		}
	})
	return compilerFound
}

// openCLCVersions is CL_DEVICE_OPENCL_C_ALL_VERSIONS; the last entry is
// the CL_DEVICE_OPENCL_C_VERSION. Empty without a compiler ("for devices that
// do not support compilation from OpenCL C source, this query may return an
// empty array"), and CL_DEVICE_OPENCL_C_VERSION is then the empty string,
// which the specification allows too.
var openCLCVersions []icd.NameVersion

// backwardsCompatibleCVersion is CL_DEVICE_OPENCL_C_VERSION: "the highest
// fully backwards compatible OpenCL C version", the highest listed version
// every listed earlier one holds a subset of. OpenCL C 3.0 contains 2.0 only
// with all of 2.0's features (which are optional in 3.0), so a compiler
// offering 1.0 to 1.2 and 3.0 without listing 2.0 answers 1.2 (as PoCL does;
// the CTS then requires 1.0 to 1.2 in CL_DEVICE_OPENCL_C_ALL_VERSIONS, and
// every 2.0 feature from a device claiming 2.0 or later).
func backwardsCompatibleCVersion() uint32 {
	best, has20 := uint32(0), false
	for _, nv := range openCLCVersions {
		if nv.Version>>22 == 2 {
			has20 = true
		}
	}
	for _, nv := range openCLCVersions {
		if nv.Version>>22 >= 3 && !has20 {
			continue
		}
		best = max(best, nv.Version)
	}
	return best
}

// openCLCFeatures is CL_DEVICE_OPENCL_C_FEATURES: the __opencl_c_* feature
// macros the compiler defines. It must stay consistent with the queries that
// mirror the features (atomic capabilities,
// CL_DEVICE_GENERIC_ADDRESS_SPACE_SUPPORT, CL_DEVICE_MAX_NUM_SUB_GROUPS …):
// see hasFeature.
var openCLCFeatures []icd.NameVersion

// compilerExtensions are the OpenCL C extensions the compiler offers kernels
// (cl_khr_fp64, the 32- and 64-bit atomics, byte-addressable stores): device
// (and platform) extensions only with the compiler.
var compilerExtensions []extension

// hasFeature reports whether the compiler defines the OpenCL C feature.
func hasFeature(name string) bool {
	compilerAvailable()
	for _, f := range openCLCFeatures {
		if nvName(f) == name {
			return true
		}
	}
	return false
}

// hasCompilerExtension reports whether the compiler offers the OpenCL C
// extension.
func hasCompilerExtension(name string) bool {
	compilerAvailable()
	for _, e := range compilerExtensions {
		if e.name == name {
			return true
		}
	}
	return false
}

// Half and double precision (cl_khr_fp16, cl_khr_fp64) follow the
// compiler's features (__opencl_c_fp16, __opencl_c_fp64).
func supportsFP16() bool { return hasFeature("__opencl_c_fp16") }

func supportsFP64() bool { return hasFeature("__opencl_c_fp64") }

// nvName is the name of a cl_name_version, up to its NUL.
func nvName(nv icd.NameVersion) string {
	n := 0
	for n < len(nv.Name) && nv.Name[n] != 0 {
		n++
	}
	return string(nv.Name[:n])
}

// allDeviceExtensions are the extensions of every gocl device: the
// runtime's own and, with the compiler, the kernel language's.
func allDeviceExtensions() []extension {
	compilerAvailable()
	return append(append(append([]extension(nil), deviceExtensions...), compilerExtensions...), ilExtensionsIf()...)
}

// ExtensionString is the space-separated CL_*_EXTENSIONS answer.
func extensionString(lists ...[]extension) string {
	var names []string
	for _, l := range lists {
		for _, e := range l {
			names = append(names, e.name)
		}
	}
	return strings.Join(names, " ")
}

func extensionVersions(lists ...[]extension) []icd.NameVersion {
	nvs := []icd.NameVersion{}
	for _, l := range lists {
		for _, e := range l {
			nvs = append(nvs, icd.NV(e.name, e.version))
		}
	}
	return nvs
}

// HostQueueProperties are the properties a host queue may have
// (CL_DEVICE_QUEUE_ON_HOST_PROPERTIES), all of which a command-buffer can
// be enqueued on (CL_DEVICE_COMMAND_BUFFER_SUPPORTED_QUEUE_PROPERTIES_KHR).
const HostQueueProperties = icd.CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE | icd.CL_QUEUE_PROFILING_ENABLE

// MutableDispatchFields are the fields of a recorded kernel command that
// clUpdateMutableCommandsKHR can change (CL_DEVICE_MUTABLE_DISPATCH_CAPABILITIES_KHR).
const MutableDispatchFields = icd.CL_MUTABLE_DISPATCH_GLOBAL_OFFSET_KHR | icd.CL_MUTABLE_DISPATCH_GLOBAL_SIZE_KHR |
	icd.CL_MUTABLE_DISPATCH_LOCAL_SIZE_KHR | icd.CL_MUTABLE_DISPATCH_ARGUMENTS_KHR | icd.CL_MUTABLE_DISPATCH_EXEC_INFO_KHR

// ExtensionFunction reports whether name is an extension function of an
// extension gocl claims (and may therefore be handed out by
// clGetExtensionFunctionAddress). Core functions are not extension functions.
func ExtensionFunction(name string) bool {
	ext, ok := extensionFunctions[name]
	if !ok {
		return false
	}
	for _, l := range [][]extension{platformOnlyExtensions, allDeviceExtensions()} {
		for _, e := range l {
			if e.name == ext {
				return true
			}
		}
	}
	return false
}

// Info answers clGetPlatformInfo.
func (p *Platform) Info(param uint32) ([]byte, int32) {
	switch param {
	case icd.CL_PLATFORM_PROFILE:
		return icd.Str("FULL_PROFILE"), icd.CL_SUCCESS
	case icd.CL_PLATFORM_VERSION:
		return icd.Str("OpenCL 3.0 gocl " + Release), icd.CL_SUCCESS
	case icd.CL_PLATFORM_NUMERIC_VERSION:
		return icd.Val(apiVersion), icd.CL_SUCCESS
	case icd.CL_PLATFORM_NAME:
		return icd.Str("gocl"), icd.CL_SUCCESS
	case icd.CL_PLATFORM_VENDOR:
		return icd.Str("gocl"), icd.CL_SUCCESS
	case icd.CL_PLATFORM_EXTENSIONS:
		return icd.Str(extensionString(platformOnlyExtensions, allDeviceExtensions())), icd.CL_SUCCESS
	case icd.CL_PLATFORM_EXTENSIONS_WITH_VERSION:
		return icd.Slice(extensionVersions(platformOnlyExtensions, allDeviceExtensions())), icd.CL_SUCCESS
	case icd.CL_PLATFORM_HOST_TIMER_RESOLUTION:
		// Now() counts nanoseconds of the monotonic clock.
		return icd.Val(uint64(1)), icd.CL_SUCCESS
	case icd.CL_PLATFORM_ICD_SUFFIX_KHR:
		return icd.Str("gocl"), icd.CL_SUCCESS
	}
	return nil, icd.Fail(icd.CL_INVALID_VALUE, "0x%x is not a platform query gocl knows", param)
}

// Vector widths (CL_DEVICE_PREFERRED_VECTOR_WIDTH_* and
// CL_DEVICE_NATIVE_VECTOR_WIDTH_*), in elements, in the order
// char, short, int, long, half, float, double.
type vectorWidths [7]uint32

// widthsFor derives vector widths from the CPU's vector registers: the widest
// register the instruction set can do that type's arithmetic in, divided by
// the element size. Integer lanes of 8 and 16 bits need AVX-512BW at 512
// bits and AVX2 at 256; 32/64-bit integers need AVX-512F or AVX2; floats need
// AVX-512F or AVX. Otherwise 128-bit (SSE2, NEON, any other CPU's minimum).
// Half and double are 0 when the device does not support them. Every width
// is capped at 16.
func widthsFor(flags map[string]bool, fp16, fp64 bool) vectorWidths {
	smallInt, bigInt, fp := 16, 16, 16
	switch {
	case flags["avx512bw"]:
		smallInt = 64
	case flags["avx2"]:
		smallInt = 32
	}
	switch {
	case flags["avx512f"]:
		bigInt = 64
	case flags["avx2"]:
		bigInt = 32
	}
	switch {
	case flags["avx512f"]:
		fp = 64
	case flags["avx"]:
		fp = 32
	}
	w := vectorWidths{uint32(smallInt), uint32(smallInt / 2), uint32(bigInt / 4), uint32(bigInt / 8), 0, uint32(fp / 4), 0}
	if fp16 {
		// Half arithmetic is done in float lanes (F16C converts); with
		// AVX512-FP16 it is native at 16 bits.
		w[4] = uint32(fp / 4)
		if flags["avx512_fp16"] {
			w[4] = uint32(fp / 2)
		}
	}
	if fp64 {
		w[6] = uint32(fp / 8)
	}
	// No width above 16, the widest OpenCL C vector: applications (OpenCV)
	// take a larger one for a broken device and decline it.
	for i := range w {
		w[i] = min(w[i], 16)
	}
	return w
}

// fpConfig is CL_DEVICE_SINGLE_FP_CONFIG: IEEE 754 binary32 arithmetic with
// denormals, infinities and NaNs, round to nearest, correctly rounded divide
// and sqrt (divss/sqrtss, and the equivalent on other CPUs); fused
// multiply-add when the CPU has it in hardware.
func fpConfig(flags map[string]bool) uint64 {
	c := uint64(icd.CL_FP_DENORM | icd.CL_FP_INF_NAN | icd.CL_FP_ROUND_TO_NEAREST | icd.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT)
	if flags["fma"] || flags["asimd"] {
		c |= icd.CL_FP_FMA
	}
	return c
}

// doubleFPConfig is CL_DEVICE_DOUBLE_FP_CONFIG: the full profile's
// minimum for double precision (fused multiply-add, round to nearest,
// infinities and NaNs, denormals), which x86-64 and AArch64 do in hardware
// (fma() is correctly rounded in software where the CPU lacks FMA), and
// the directed roundings (to zero, to +/- infinity), which the hardware
// has too and which applications (OpenCV) expect of a CPU's doubles.
// Correctly rounded divide and sqrt is a single-precision flag only.
func doubleFPConfig(flags map[string]bool) uint64 {
	return fpConfig(flags)&^icd.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT |
		icd.CL_FP_FMA | icd.CL_FP_ROUND_TO_ZERO | icd.CL_FP_ROUND_TO_INF
}

// halfFPConfig is CL_DEVICE_HALF_FP_CONFIG. Half arithmetic is done in
// float (or AVX512-FP16) and rounded once to half, which is correctly
// rounded for +, -, *, / and sqrt and keeps half denormals (every half is
// a normal float); fma(half) is computed exactly in double and rounded
// once (build/lib/half_math.cl). Round to nearest only: the kernel's
// rounding mode is always to nearest even.
const halfFPConfig = uint64(icd.CL_FP_DENORM | icd.CL_FP_INF_NAN | icd.CL_FP_ROUND_TO_NEAREST | icd.CL_FP_FMA)

// atomicCapabilities is CL_DEVICE_ATOMIC_MEMORY_CAPABILITIES (fence false)
// or CL_DEVICE_ATOMIC_FENCE_CAPABILITIES: the mandated minimum plus what the
// compiler's __opencl_c_atomic_* features claim. Fences also have the
// work-item scope (ordering within one work-item, always true on a CPU).
func atomicCapabilities(fence bool) uint64 {
	c := uint64(icd.CL_DEVICE_ATOMIC_ORDER_RELAXED | icd.CL_DEVICE_ATOMIC_SCOPE_WORK_GROUP)
	if fence {
		c |= icd.CL_DEVICE_ATOMIC_ORDER_ACQ_REL
		if compilerAvailable() {
			c |= icd.CL_DEVICE_ATOMIC_SCOPE_WORK_ITEM
		}
	}
	for _, f := range []struct {
		name string
		bit  uint64
	}{
		{"__opencl_c_atomic_order_acq_rel", icd.CL_DEVICE_ATOMIC_ORDER_ACQ_REL},
		{"__opencl_c_atomic_order_seq_cst", icd.CL_DEVICE_ATOMIC_ORDER_SEQ_CST},
		{"__opencl_c_atomic_scope_device", icd.CL_DEVICE_ATOMIC_SCOPE_DEVICE},
		{"__opencl_c_atomic_scope_all_devices", icd.CL_DEVICE_ATOMIC_SCOPE_ALL_DEVICES},
	} {
		if hasFeature(f.name) {
			c |= f.bit
		}
	}
	return c
}

// featureBits is a capability bit-field: each bit whose OpenCL C feature
// the compiler defines (pairs of a feature name and its bit).
func featureBits(pairs ...any) uint64 {
	var c uint64
	for i := 0; i+1 < len(pairs); i += 2 {
		if hasFeature(pairs[i].(string)) {
			c |= uint64(pairs[i+1].(int))
		}
	}
	return c
}

// fpAtomicCapabilities is CL_DEVICE_{SINGLE,DOUBLE,HALF}_FP_ATOMIC_CAPABILITIES_EXT
// for p "fp32", "fp64" or "fp16": add and min/max follow
// cl_ext_float_atomics's features; atomic load, store and exchange are
// OpenCL C 2.0's own for float and double (so they come with the
// extension, and for double with fp64), and features of their own for
// half.
func fpAtomicCapabilities(p string) uint64 {
	f := "__opencl_c_ext_" + p + "_"
	c := featureBits(f+"global_atomic_add", icd.CL_DEVICE_GLOBAL_FP_ATOMIC_ADD_EXT,
		f+"global_atomic_min_max", icd.CL_DEVICE_GLOBAL_FP_ATOMIC_MIN_MAX_EXT,
		f+"local_atomic_add", icd.CL_DEVICE_LOCAL_FP_ATOMIC_ADD_EXT,
		f+"local_atomic_min_max", icd.CL_DEVICE_LOCAL_FP_ATOMIC_MIN_MAX_EXT,
		f+"global_atomic_load_store", icd.CL_DEVICE_GLOBAL_FP_ATOMIC_LOAD_STORE_EXT,
		f+"local_atomic_load_store", icd.CL_DEVICE_LOCAL_FP_ATOMIC_LOAD_STORE_EXT)
	if c != 0 && (p == "fp32" || p == "fp64" && supportsFP64()) {
		c |= icd.CL_DEVICE_GLOBAL_FP_ATOMIC_LOAD_STORE_EXT | icd.CL_DEVICE_LOCAL_FP_ATOMIC_LOAD_STORE_EXT
	}
	return c
}

// uuid derives a stable RFC 4122 (version 5 style, name-based) UUID from s.
func uuid(s string) [16]byte {
	sum := sha256.Sum256([]byte(s))
	var u [16]byte
	copy(u[:], sum[:16])
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

// DeviceUUID is CL_DEVICE_UUID_KHR: the CPUs of this machine (its
// machine-id, stable across reboots, and the CPU model), whatever the
// driver version and process; sub-devices are parts of the same physical
// device and share it. Two machines differ by their machine-id.
func (h *HostInfo) DeviceUUID() [16]byte {
	return uuid("gocl device\x00" + h.MachineID + "\x00" + h.Vendor + "\x00" + h.Model)
}

// DriverUUID is CL_DRIVER_UUID_KHR: identifies this driver build.
func DriverUUID() [16]byte { return uuid("gocl driver\x00" + DriverVersion()) }

func littleEndian() bool {
	x := uint16(1)
	return *(*byte)(unsafe.Pointer(&x)) == 1
}

// partitionable reports whether some partition scheme gives d at least two
// sub-devices.
func (d *Device) partitionable() bool { return d.ComputeUnits() >= 2 }

// ImageMaxBufferSize is CL_DEVICE_IMAGE_MAX_BUFFER_SIZE in pixels: as many
// of the largest pixels (16 bytes, RGBA float) as the largest allocation
// holds, capped at what an int image coordinate in a kernel can address.
func (d *Device) ImageMaxBufferSize() uintptr {
	n := d.MaxAllocSize() / 16
	if n > ImageMaxCoordinate {
		n = ImageMaxCoordinate
	}
	if n < 65536 {
		n = 65536
	}
	return uintptr(n)
}

// Info answers clGetDeviceInfo.
func (d *Device) Info(param uint32) ([]byte, int32) {
	h := d.Host
	widths := widthsFor(h.Flags, supportsFP16(), supportsFP64())
	switch param {
	// Identity.
	case icd.CL_DEVICE_TYPE:
		return icd.Val(uint64(icd.CL_DEVICE_TYPE_CPU)), icd.CL_SUCCESS
	case icd.CL_DEVICE_VENDOR_ID:
		return icd.Val(h.VendorID), icd.CL_SUCCESS
	case icd.CL_DEVICE_NAME:
		return icd.Str(h.Model), icd.CL_SUCCESS
	case icd.CL_DEVICE_VENDOR:
		return icd.Str(h.Vendor), icd.CL_SUCCESS
	case icd.CL_DRIVER_VERSION:
		return icd.Str(DriverVersion()), icd.CL_SUCCESS
	case icd.CL_DEVICE_PROFILE:
		// FULL_PROFILE (also when clang or libLLVM is missing): the full
		// profile is what gocl implements, and EMBEDDED_PROFILE would be a
		// different set of promises (no 64-bit integers in kernels …).
		return icd.Str("FULL_PROFILE"), icd.CL_SUCCESS
	case icd.CL_DEVICE_VERSION:
		return icd.Str("OpenCL 3.0 gocl " + Release), icd.CL_SUCCESS
	case icd.CL_DEVICE_NUMERIC_VERSION:
		return icd.Val(apiVersion), icd.CL_SUCCESS
	case icd.CL_DEVICE_EXTENSIONS:
		return icd.Str(extensionString(allDeviceExtensions())), icd.CL_SUCCESS
	case icd.CL_DEVICE_EXTENSIONS_WITH_VERSION:
		return icd.Slice(extensionVersions(allDeviceExtensions())), icd.CL_SUCCESS
	case icd.CL_DEVICE_COMMAND_BUFFER_CAPABILITIES_KHR:
		// Kernels with printf can be recorded; runs may overlap when the
		// buffer allows simultaneous use. No device-side enqueue.
		return icd.Val(uint64(icd.CL_COMMAND_BUFFER_CAPABILITY_KERNEL_PRINTF_KHR | icd.CL_COMMAND_BUFFER_CAPABILITY_SIMULTANEOUS_USE_KHR)), icd.CL_SUCCESS
	case icd.CL_DEVICE_COMMAND_BUFFER_SUPPORTED_QUEUE_PROPERTIES_KHR:
		return icd.Val(uint64(HostQueueProperties)), icd.CL_SUCCESS
	case icd.CL_DEVICE_COMMAND_BUFFER_REQUIRED_QUEUE_PROPERTIES_KHR:
		return icd.Val(uint64(0)), icd.CL_SUCCESS
	case icd.CL_DEVICE_MUTABLE_DISPATCH_CAPABILITIES_KHR:
		return icd.Val(uint64(MutableDispatchFields)), icd.CL_SUCCESS
	case icd.CL_DEVICE_PLATFORM:
		p, _ := Root()
		return icd.Val(uintptr(p.Handle())), icd.CL_SUCCESS
	case icd.CL_DEVICE_AVAILABLE:
		return icd.Bool(true), icd.CL_SUCCESS
	case icd.CL_DEVICE_LATEST_CONFORMANCE_VERSION_PASSED:
		// No conformance run has been passed: the "no version" value.
		return icd.Str("v0000-01-01-00"), icd.CL_SUCCESS

	// Compiler and OpenCL C.
	case icd.CL_DEVICE_COMPILER_AVAILABLE, icd.CL_DEVICE_LINKER_AVAILABLE:
		return icd.Bool(compilerAvailable()), icd.CL_SUCCESS
	case icd.CL_DEVICE_OPENCL_C_VERSION:
		if !compilerAvailable() || len(openCLCVersions) == 0 {
			return icd.Str(""), icd.CL_SUCCESS
		}
		v := backwardsCompatibleCVersion()
		return icd.Str("OpenCL C " + itoa(v>>22) + "." + itoa(v>>12&0x3ff) + " gocl"), icd.CL_SUCCESS
	case icd.CL_DEVICE_OPENCL_C_ALL_VERSIONS:
		compilerAvailable()
		return icd.Slice(openCLCVersions), icd.CL_SUCCESS
	case icd.CL_DEVICE_OPENCL_C_FEATURES:
		compilerAvailable()
		return icd.Slice(openCLCFeatures), icd.CL_SUCCESS
	case icd.CL_DEVICE_IL_VERSION:
		return icd.Str(ilVersionString()), icd.CL_SUCCESS
	case icd.CL_DEVICE_ILS_WITH_VERSION:
		return icd.Slice(append([]icd.NameVersion{}, ilVersions()...)), icd.CL_SUCCESS
	case icd.CL_DEVICE_BUILT_IN_KERNELS_WITH_VERSION:
		return icd.Slice([]icd.NameVersion{}), icd.CL_SUCCESS
	case icd.CL_DEVICE_BUILT_IN_KERNELS:
		return icd.Str(""), icd.CL_SUCCESS

	// Execution.
	case icd.CL_DEVICE_MAX_COMPUTE_UNITS:
		return icd.Val(uint32(d.ComputeUnits())), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_CLOCK_FREQUENCY:
		return icd.Val(h.MHz), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_WORK_ITEM_DIMENSIONS:
		return icd.Val(uint32(3)), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_WORK_GROUP_SIZE:
		return icd.Val(uintptr(MaxWorkGroupSize)), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_WORK_ITEM_SIZES:
		return icd.Slice([]uintptr{MaxWorkGroupSize, MaxWorkGroupSize, MaxWorkGroupSize}), icd.CL_SUCCESS
	case icd.CL_DEVICE_PREFERRED_WORK_GROUP_SIZE_MULTIPLE:
		return icd.Val(d.WorkGroupSizeMultiple()), icd.CL_SUCCESS
	case icd.CL_DEVICE_NON_UNIFORM_WORK_GROUP_SUPPORT:
		// The NDRange engine runs any work-group shape; the last,
		// smaller work-groups cost nothing special on a CPU.
		return icd.Bool(true), icd.CL_SUCCESS
	case icd.CL_DEVICE_GENERIC_ADDRESS_SPACE_SUPPORT:
		// Every address space is host memory: generic pointers are plain
		// pointers.
		return icd.Bool(hasFeature("__opencl_c_generic_address_space")), icd.CL_SUCCESS
	case icd.CL_DEVICE_WORK_GROUP_COLLECTIVE_FUNCTIONS_SUPPORT:
		return icd.Bool(hasFeature("__opencl_c_work_group_collective_functions")), icd.CL_SUCCESS
	case icd.CL_DEVICE_SUB_GROUP_INDEPENDENT_FORWARD_PROGRESS:
		// The sub-groups of a work-group take turns on one thread; a
		// kernel whose work-items wait for each other in a loop runs on
		// fibers that yield there (build/spinwait.go).
		return icd.Bool(hasCompilerExtension("cl_khr_subgroups")), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_NUM_SUB_GROUPS:
		if !d.HasSubGroups() {
			return icd.Val(uint32(0)), icd.CL_SUCCESS
		}
		return icd.Val(uint32(d.SubGroupCount(MaxWorkGroupSize))), icd.CL_SUCCESS
	case icd.CL_DEVICE_SUB_GROUP_SIZES_INTEL:
		// cl_intel_required_subgroup_size: the one size there is.
		if !d.HasSubGroups() {
			return nil, icd.Fail(icd.CL_INVALID_VALUE, "the device has no sub-groups")
		}
		return icd.Slice([]uintptr{uintptr(d.SubGroupSize())}), icd.CL_SUCCESS
	case icd.CL_DEVICE_EXECUTION_CAPABILITIES:
		return icd.Val(uint64(icd.CL_EXEC_KERNEL | icd.CL_EXEC_NATIVE_KERNEL)), icd.CL_SUCCESS
	case icd.CL_DEVICE_QUEUE_ON_HOST_PROPERTIES:
		return icd.Val(uint64(HostQueueProperties)), icd.CL_SUCCESS
	case icd.CL_DEVICE_PROFILING_TIMER_RESOLUTION:
		return icd.Val(uintptr(1)), icd.CL_SUCCESS
	case icd.CL_DEVICE_PRINTF_BUFFER_SIZE:
		return icd.Val(uintptr(PrintfBufferSize)), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_PARAMETER_SIZE:
		return icd.Val(uintptr(MaxParameterSize)), icd.CL_SUCCESS
	case icd.CL_DEVICE_PREFERRED_INTEROP_USER_SYNC:
		return icd.Bool(true), icd.CL_SUCCESS

	// Device-side enqueue and pipes: not offered.
	case icd.CL_DEVICE_DEVICE_ENQUEUE_CAPABILITIES, icd.CL_DEVICE_QUEUE_ON_DEVICE_PROPERTIES:
		return icd.Val(uint64(0)), icd.CL_SUCCESS
	case icd.CL_DEVICE_QUEUE_ON_DEVICE_PREFERRED_SIZE, icd.CL_DEVICE_QUEUE_ON_DEVICE_MAX_SIZE,
		icd.CL_DEVICE_MAX_ON_DEVICE_QUEUES, icd.CL_DEVICE_MAX_ON_DEVICE_EVENTS,
		icd.CL_DEVICE_MAX_PIPE_ARGS, icd.CL_DEVICE_PIPE_MAX_ACTIVE_RESERVATIONS, icd.CL_DEVICE_PIPE_MAX_PACKET_SIZE:
		return icd.Val(uint32(0)), icd.CL_SUCCESS
	case icd.CL_DEVICE_PIPE_SUPPORT:
		return icd.Bool(false), icd.CL_SUCCESS

	// Arithmetic.
	case icd.CL_DEVICE_ADDRESS_BITS:
		return icd.Val(uint32(unsafe.Sizeof(uintptr(0)) * 8)), icd.CL_SUCCESS
	case icd.CL_DEVICE_ENDIAN_LITTLE:
		return icd.Bool(littleEndian()), icd.CL_SUCCESS
	case icd.CL_DEVICE_SINGLE_FP_CONFIG:
		return icd.Val(fpConfig(h.Flags)), icd.CL_SUCCESS
	case icd.CL_DEVICE_DOUBLE_FP_CONFIG:
		if !supportsFP64() {
			return icd.Val(uint64(0)), icd.CL_SUCCESS
		}
		return icd.Val(doubleFPConfig(h.Flags)), icd.CL_SUCCESS
	case icd.CL_DEVICE_HALF_FP_CONFIG:
		if !supportsFP16() {
			return icd.Val(uint64(0)), icd.CL_SUCCESS
		}
		return icd.Val(halfFPConfig), icd.CL_SUCCESS
	case icd.CL_DEVICE_PREFERRED_VECTOR_WIDTH_CHAR, icd.CL_DEVICE_NATIVE_VECTOR_WIDTH_CHAR:
		return icd.Val(widths[0]), icd.CL_SUCCESS
	case icd.CL_DEVICE_PREFERRED_VECTOR_WIDTH_SHORT, icd.CL_DEVICE_NATIVE_VECTOR_WIDTH_SHORT:
		return icd.Val(widths[1]), icd.CL_SUCCESS
	case icd.CL_DEVICE_PREFERRED_VECTOR_WIDTH_INT, icd.CL_DEVICE_NATIVE_VECTOR_WIDTH_INT:
		return icd.Val(widths[2]), icd.CL_SUCCESS
	case icd.CL_DEVICE_PREFERRED_VECTOR_WIDTH_LONG, icd.CL_DEVICE_NATIVE_VECTOR_WIDTH_LONG:
		return icd.Val(widths[3]), icd.CL_SUCCESS
	case icd.CL_DEVICE_PREFERRED_VECTOR_WIDTH_HALF, icd.CL_DEVICE_NATIVE_VECTOR_WIDTH_HALF:
		return icd.Val(widths[4]), icd.CL_SUCCESS
	case icd.CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT, icd.CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT:
		return icd.Val(widths[5]), icd.CL_SUCCESS
	case icd.CL_DEVICE_PREFERRED_VECTOR_WIDTH_DOUBLE, icd.CL_DEVICE_NATIVE_VECTOR_WIDTH_DOUBLE:
		return icd.Val(widths[6]), icd.CL_SUCCESS
	case icd.CL_DEVICE_ATOMIC_MEMORY_CAPABILITIES:
		return icd.Val(atomicCapabilities(false)), icd.CL_SUCCESS
	case icd.CL_DEVICE_ATOMIC_FENCE_CAPABILITIES:
		return icd.Val(atomicCapabilities(true)), icd.CL_SUCCESS
	case icd.CL_DEVICE_PREFERRED_PLATFORM_ATOMIC_ALIGNMENT, icd.CL_DEVICE_PREFERRED_GLOBAL_ATOMIC_ALIGNMENT,
		icd.CL_DEVICE_PREFERRED_LOCAL_ATOMIC_ALIGNMENT:
		// 0: natural alignment is all a CPU wants.
		return icd.Val(uint32(0)), icd.CL_SUCCESS

	// Memory.
	case icd.CL_DEVICE_GLOBAL_MEM_SIZE:
		return icd.Val(d.GlobalMemSize()), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_MEM_ALLOC_SIZE:
		return icd.Val(d.MaxAllocSize()), icd.CL_SUCCESS
	case icd.CL_DEVICE_MEM_BASE_ADDR_ALIGN:
		return icd.Val(uint32(MemBaseAddrAlignBits)), icd.CL_SUCCESS
	case icd.CL_DEVICE_MIN_DATA_TYPE_ALIGN_SIZE:
		// The largest built-in type, long16/double16.
		return icd.Val(uint32(128)), icd.CL_SUCCESS
	case icd.CL_DEVICE_GLOBAL_MEM_CACHE_TYPE:
		return icd.Val(uint32(icd.CL_READ_WRITE_CACHE)), icd.CL_SUCCESS
	case icd.CL_DEVICE_GLOBAL_MEM_CACHELINE_SIZE:
		return icd.Val(h.CacheLine), icd.CL_SUCCESS
	case icd.CL_DEVICE_GLOBAL_MEM_CACHE_SIZE:
		return icd.Val(h.LastCache), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_CONSTANT_BUFFER_SIZE:
		// __constant is ordinary memory on a CPU, so any size would do;
		// but applications and the CTS size constant buffers from this
		// (min_max_constant_buffer_size fills and checks one of this size
		// with one work-item per group: 160 s and 50 GB of memory at the
		// allocation limit). 64 MiB is far above the 64 KiB minimum and
		// PoCL's 512 KiB.
		return icd.Val(min(d.MaxAllocSize(), MaxConstantBufferSize)), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_CONSTANT_ARGS:
		return icd.Val(uint32(MaxConstantArgs)), icd.CL_SUCCESS
	case icd.CL_DEVICE_LOCAL_MEM_TYPE:
		return icd.Val(uint32(icd.CL_GLOBAL)), icd.CL_SUCCESS
	case icd.CL_DEVICE_LOCAL_MEM_SIZE:
		return icd.Val(uint64(LocalMemSize)), icd.CL_SUCCESS
	case icd.CL_DEVICE_ERROR_CORRECTION_SUPPORT:
		return icd.Bool(false), icd.CL_SUCCESS
	case icd.CL_DEVICE_HOST_UNIFIED_MEMORY:
		return icd.Bool(true), icd.CL_SUCCESS
	case icd.CL_DEVICE_SVM_CAPABILITIES:
		return icd.Val(uint64(icd.CL_DEVICE_SVM_COARSE_GRAIN_BUFFER | icd.CL_DEVICE_SVM_FINE_GRAIN_BUFFER |
			icd.CL_DEVICE_SVM_FINE_GRAIN_SYSTEM | icd.CL_DEVICE_SVM_ATOMICS)), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE, icd.CL_DEVICE_GLOBAL_VARIABLE_PREFERRED_TOTAL_SIZE:
		// Program-scope global variables (an OpenCL C feature) are data of
		// the program's shared object.
		if !hasFeature("__opencl_c_program_scope_global_variables") {
			return icd.Val(uintptr(0)), icd.CL_SUCCESS
		}
		if param == icd.CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE {
			return icd.Val(uintptr(MaxGlobalVariableSize)), icd.CL_SUCCESS
		}
		return icd.Val(uintptr(GlobalVariablePreferredTotalSize)), icd.CL_SUCCESS

	// Images.
	case icd.CL_DEVICE_IMAGE_SUPPORT:
		return icd.Bool(true), icd.CL_SUCCESS
	case icd.CL_DEVICE_IMAGE2D_MAX_WIDTH, icd.CL_DEVICE_IMAGE2D_MAX_HEIGHT:
		return icd.Val(uintptr(Image2DMaxSize)), icd.CL_SUCCESS
	case icd.CL_DEVICE_IMAGE3D_MAX_WIDTH, icd.CL_DEVICE_IMAGE3D_MAX_HEIGHT, icd.CL_DEVICE_IMAGE3D_MAX_DEPTH:
		return icd.Val(uintptr(Image3DMaxSize)), icd.CL_SUCCESS
	case icd.CL_DEVICE_IMAGE_MAX_BUFFER_SIZE:
		return icd.Val(d.ImageMaxBufferSize()), icd.CL_SUCCESS
	case icd.CL_DEVICE_IMAGE_MAX_ARRAY_SIZE:
		return icd.Val(uintptr(ImageMaxArraySize)), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_READ_IMAGE_ARGS:
		return icd.Val(uint32(MaxReadImageArgs)), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_WRITE_IMAGE_ARGS:
		return icd.Val(uint32(MaxWriteImageArgs)), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_READ_WRITE_IMAGE_ARGS:
		return icd.Val(uint32(MaxReadWriteImageArgs)), icd.CL_SUCCESS
	case icd.CL_DEVICE_MAX_SAMPLERS:
		return icd.Val(uint32(MaxSamplers)), icd.CL_SUCCESS
	case icd.CL_DEVICE_IMAGE_PITCH_ALIGNMENT:
		return icd.Val(uint32(ImagePitchAlignment)), icd.CL_SUCCESS
	case icd.CL_DEVICE_IMAGE_BASE_ADDRESS_ALIGNMENT:
		return icd.Val(uint32(ImageBaseAddressAlignment)), icd.CL_SUCCESS

	// Sub-devices.
	case icd.CL_DEVICE_PARENT_DEVICE:
		if d.Parent == nil {
			return icd.Val(uintptr(0)), icd.CL_SUCCESS
		}
		return icd.Val(uintptr(d.Parent.Handle())), icd.CL_SUCCESS
	case icd.CL_DEVICE_PARTITION_MAX_SUB_DEVICES:
		if !d.partitionable() {
			return icd.Val(uint32(0)), icd.CL_SUCCESS
		}
		return icd.Val(uint32(d.ComputeUnits())), icd.CL_SUCCESS
	case icd.CL_DEVICE_PARTITION_PROPERTIES:
		if !d.partitionable() {
			// "If the device cannot be partitioned … a value of 0".
			return icd.Slice([]int64{0}), icd.CL_SUCCESS
		}
		return icd.Slice([]int64{icd.CL_DEVICE_PARTITION_EQUALLY, icd.CL_DEVICE_PARTITION_BY_COUNTS}), icd.CL_SUCCESS
	case icd.CL_DEVICE_PARTITION_AFFINITY_DOMAIN:
		return icd.Val(uint64(0)), icd.CL_SUCCESS
	case icd.CL_DEVICE_PARTITION_TYPE:
		// The properties the sub-device was made with, terminator
		// included; nothing (size 0) for the root device.
		return icd.Slice(d.PartitionType), icd.CL_SUCCESS
	case icd.CL_DEVICE_REFERENCE_COUNT:
		return icd.Val(d.RefCount()), icd.CL_SUCCESS

	// cl_ext_float_atomics: float, double (with fp64) and half.
	case icd.CL_DEVICE_SINGLE_FP_ATOMIC_CAPABILITIES_EXT:
		return icd.Val(fpAtomicCapabilities("fp32")), icd.CL_SUCCESS
	case icd.CL_DEVICE_DOUBLE_FP_ATOMIC_CAPABILITIES_EXT:
		return icd.Val(fpAtomicCapabilities("fp64")), icd.CL_SUCCESS
	case icd.CL_DEVICE_HALF_FP_ATOMIC_CAPABILITIES_EXT:
		return icd.Val(fpAtomicCapabilities("fp16")), icd.CL_SUCCESS

	// cl_khr_integer_dot_product 2.0.
	case icd.CL_DEVICE_INTEGER_DOT_PRODUCT_CAPABILITIES_KHR:
		return icd.Val(featureBits(
			"__opencl_c_integer_dot_product_input_4x8bit_packed", icd.CL_DEVICE_INTEGER_DOT_PRODUCT_INPUT_4x8BIT_PACKED_KHR,
			"__opencl_c_integer_dot_product_input_4x8bit", icd.CL_DEVICE_INTEGER_DOT_PRODUCT_INPUT_4x8BIT_KHR)), icd.CL_SUCCESS
	case icd.CL_DEVICE_INTEGER_DOT_PRODUCT_ACCELERATION_PROPERTIES_8BIT_KHR,
		icd.CL_DEVICE_INTEGER_DOT_PRODUCT_ACCELERATION_PROPERTIES_4x8BIT_PACKED_KHR:
		// The six cl_bool of cl_device_integer_dot_product_acceleration_
		// properties_khr (signed, unsigned, mixed; then the same with a
		// saturating accumulation). Every form runs on VNNI (vpdpbusd)
		// where the CPU has it at the work-item loops' width (dot.cl,
		// dot_simd.c): all six, for vectors and packed alike.
		props := make([]uint32, 6)
		if d.DotProductAccelerated() {
			for i := range props {
				props[i] = 1
			}
		}
		return icd.Slice(props), icd.CL_SUCCESS

	// cl_khr_kernel_clock: the device, work-group and sub-group clocks (clock.cl).
	case icd.CL_DEVICE_KERNEL_CLOCK_CAPABILITIES_KHR:
		return icd.Val(featureBits(
			"__opencl_c_kernel_clock_scope_device", icd.CL_DEVICE_KERNEL_CLOCK_SCOPE_DEVICE_KHR,
			"__opencl_c_kernel_clock_scope_work_group", icd.CL_DEVICE_KERNEL_CLOCK_SCOPE_WORK_GROUP_KHR,
			"__opencl_c_kernel_clock_scope_sub_group", icd.CL_DEVICE_KERNEL_CLOCK_SCOPE_SUB_GROUP_KHR)), icd.CL_SUCCESS

	// cl_khr_device_uuid.
	case icd.CL_DEVICE_UUID_KHR:
		u := h.DeviceUUID()
		return u[:], icd.CL_SUCCESS
	case icd.CL_DRIVER_UUID_KHR:
		u := DriverUUID()
		return u[:], icd.CL_SUCCESS
	case icd.CL_DEVICE_LUID_VALID_KHR:
		return icd.Bool(false), icd.CL_SUCCESS
	case icd.CL_DEVICE_LUID_KHR:
		return make([]byte, icd.CL_LUID_SIZE_KHR), icd.CL_SUCCESS
	case icd.CL_DEVICE_NODE_MASK_KHR:
		return icd.Val(uint32(0)), icd.CL_SUCCESS
	}
	return nil, icd.Fail(icd.CL_INVALID_VALUE, "0x%x is not a device query gocl knows", param)
}

func itoa(v uint32) string {
	var b [10]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			return string(b[i:])
		}
	}
}

// Partition reads the properties of clCreateSubDevices through at (the i-th
// cl_device_partition_property; at is never asked past the list's
// terminator) and returns the compute units of each sub-device to create and
// the property list to record as their CL_DEVICE_PARTITION_TYPE.
func (d *Device) Partition(at func(i int) int64) (counts []int, props []int64, code int32) {
	cus := d.ComputeUnits()
	switch name := at(0); name {
	case icd.CL_DEVICE_PARTITION_EQUALLY:
		n := at(1)
		if end := at(2); end != 0 {
			return nil, nil, icd.Fail(icd.CL_INVALID_VALUE, "CL_DEVICE_PARTITION_EQUALLY takes one value, then the list ends: found 0x%x", end)
		}
		if n <= 0 {
			return nil, nil, icd.Fail(icd.CL_INVALID_VALUE, "CL_DEVICE_PARTITION_EQUALLY %d: the compute units per sub-device must be positive", n)
		}
		if !d.partitionable() {
			return nil, nil, icd.Fail(icd.CL_DEVICE_PARTITION_FAILED, "a device of %d compute unit cannot be partitioned", cus)
		}
		if n > int64(cus) {
			return nil, nil, icd.Fail(icd.CL_INVALID_DEVICE_PARTITION_COUNT, "CL_DEVICE_PARTITION_EQUALLY %d: the device has only %d compute units", n, cus)
		}
		if n == int64(cus) {
			// All the units would make one sub-device as big as the
			// device: that is no partition (the CTS's
			// negative_create_sub_devices wants these two errors).
			return nil, nil, icd.Fail(icd.CL_DEVICE_PARTITION_FAILED, "CL_DEVICE_PARTITION_EQUALLY %d: the device has %d compute units, so it cannot be split into parts of %d", n, cus, n)
		}
		for i := 0; i < cus/int(n); i++ {
			counts = append(counts, int(n))
		}
		return counts, []int64{name, n, 0}, icd.CL_SUCCESS
	case icd.CL_DEVICE_PARTITION_BY_COUNTS:
		props = []int64{name}
		total := 0
		for i := 1; ; i++ {
			c := at(i)
			props = append(props, c)
			if c == icd.CL_DEVICE_PARTITION_BY_COUNTS_LIST_END {
				break
			}
			if c < 0 {
				return nil, nil, icd.Fail(icd.CL_INVALID_DEVICE_PARTITION_COUNT, "CL_DEVICE_PARTITION_BY_COUNTS: count %d is negative", c)
			}
			if !d.partitionable() {
				// Whatever the counts: in_device "could not be further
				// partitioned" (one compute unit), so no count can fit.
				return nil, nil, icd.Fail(icd.CL_DEVICE_PARTITION_FAILED, "a device of %d compute unit cannot be partitioned", cus)
			}
			if len(counts) == cus {
				// Stop reading: the list is longer than the device can take.
				return nil, nil, icd.Fail(icd.CL_INVALID_DEVICE_PARTITION_COUNT, "CL_DEVICE_PARTITION_BY_COUNTS asks for more than %d sub-devices", cus)
			}
			if c > int64(cus) {
				return nil, nil, icd.Fail(icd.CL_INVALID_DEVICE_PARTITION_COUNT, "CL_DEVICE_PARTITION_BY_COUNTS: count %d exceeds the device's %d compute units", c, cus)
			}
			counts = append(counts, int(c))
			total += int(c)
		}
		if end := at(len(props)); end != 0 {
			return nil, nil, icd.Fail(icd.CL_INVALID_VALUE, "CL_DEVICE_PARTITION_BY_COUNTS list must be followed by 0: found 0x%x", end)
		}
		props = append(props, 0)
		if len(counts) == 0 {
			return nil, nil, icd.Fail(icd.CL_INVALID_DEVICE_PARTITION_COUNT, "CL_DEVICE_PARTITION_BY_COUNTS: the list is empty")
		}
		if !d.partitionable() {
			return nil, nil, icd.Fail(icd.CL_DEVICE_PARTITION_FAILED, "a device of %d compute unit cannot be partitioned", cus)
		}
		if total > cus {
			return nil, nil, icd.Fail(icd.CL_INVALID_DEVICE_PARTITION_COUNT, "CL_DEVICE_PARTITION_BY_COUNTS asks for %d compute units, the device has %d", total, cus)
		}
		return counts, props, icd.CL_SUCCESS
	case icd.CL_DEVICE_PARTITION_BY_AFFINITY_DOMAIN:
		return nil, nil, icd.Fail(icd.CL_INVALID_VALUE, "CL_DEVICE_PARTITION_BY_AFFINITY_DOMAIN is not supported (CL_DEVICE_PARTITION_AFFINITY_DOMAIN is 0)")
	case 0:
		return nil, nil, icd.Fail(icd.CL_INVALID_VALUE, "properties is empty: no partition scheme")
	default:
		return nil, nil, icd.Fail(icd.CL_INVALID_VALUE, "0x%x is not a partition scheme", name)
	}
}
