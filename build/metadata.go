package build

import (
	"fmt"
	"sort"
	"strings"

	"gocl/device"
	"gocl/icd"
)

// Kernels' metadata: what the front end says about each kernel and its
// arguments (readKernels), which the API answers from and the entry
// points are generated from.

// ArgInfo describes one kernel argument (clGetKernelArgInfo).
type ArgInfo struct {
	AddrSpace uint32 // CL_KERNEL_ARG_ADDRESS_*
	Access    uint32 // CL_KERNEL_ARG_ACCESS_*
	Type      string // type name as written (typedef names kept)
	TypeQual  uint64 // CL_KERNEL_ARG_TYPE_*
	Name      string
	Size      uint64 // by-value size, pointer size, or 0 for __local
	Kind      ArgKind
	// Image is the type of an image argument with typedefs resolved
	// ("image2d_t" …), from which the entry points and clSetKernelArg
	// know what it takes.
	Image string `json:",omitempty"`
}

// ArgKind is how an argument is passed.
type ArgKind uint8

const (
	ArgValue   ArgKind = iota // by value (scalars, vectors, structs)
	ArgBuffer                 // __global or __constant pointer: a cl_mem (or SVM pointer)
	ArgLocal                  // __local pointer: a size
	ArgImage                  // image types: a cl_mem image, passed as a descriptor (build/lib/image.c)
	ArgSampler                // sampler_t: a cl_sampler, passed as its bits
	ArgOther                  // pipes, queues: not supported
)

// KernelInfo is what the compiler knows about a kernel.
type KernelInfo struct {
	Name       string
	Args       []ArgInfo
	ReqdWGSize [3]uint64 // zeros if none
	// ReqdSubGroupSize is intel_reqd_sub_group_size's (cl_intel_required_subgroup_size), 0 if none.
	ReqdSubGroupSize uint64 `json:",omitempty"`
	WGSizeHint       [3]uint64
	VecTypeHint      string
	Attributes       string
	UsesBarrier      bool // reaches a barrier: runs a work-group per call (Regions) or on fibers
	Regions          bool // transformed into a work-group function (regions.go, wgloops.go)
	// SpinWaits: the kernel reaches a loop that waits for another
	// work-item (spinwait.go); it runs on fibers.
	SpinWaits bool `json:",omitempty"`
	// PrivateBytes is the private memory of a work-item that a work-group
	// function keeps in its context memory rather than on the stack.
	PrivateBytes uint64 `json:",omitempty"`
	// Loops is what loops a work-group function runs (the automatic local
	// size follows them).
	Loops      device.KernelLoops `json:",omitempty"`
	Launchable bool               // has entry points (no unsupported argument types)
	// ShapeFree: the kernel observes nothing of its work-group (shape_free.go),
	// so the engine may run it in work-groups of a shape of its own.
	ShapeFree bool `json:",omitempty"`
	// CheckGlobals are the variables (__local, program-scope) a checked
	// kernel's accesses are checked against (GOCL_CHECK, stage_check.go).
	CheckGlobals []CheckedVariable `json:",omitempty"`
}

// CheckedVariable is a variable whose accesses a checked kernel checks.
type CheckedVariable struct {
	Name string
	Size uint64
}

// CompiledObject is the result of compiling one source.
type CompiledObject struct {
	Bitcode []byte
	Kernels []KernelInfo
	Std     string // -cl-std of the compile
}

// readKernels reads the kernels and their arguments from bitcode metadata,
// and which of them can reach a barrier.
func readKernels(bc []byte) ([]KernelInfo, error) {
	m, err := parseBitcode(bc)
	if err != nil {
		return nil, err
	}
	defer m.dispose()
	calls := map[string][]string{}
	var kernels []KernelInfo
	for _, f := range m.functions() {
		name := m.name(f)
		if m.api.IsDeclaration(f) == 0 {
			calls[name] = m.callees(f)
		}
		spaces, ok := m.mdInts(f, "kernel_arg_addr_space")
		if !ok || m.api.IsDeclaration(f) != 0 {
			continue
		}
		k := KernelInfo{Name: name, Launchable: true}
		access := m.mdStrings(f, "kernel_arg_access_qual")
		types := m.mdStrings(f, "kernel_arg_type")
		bases := m.mdStrings(f, "kernel_arg_base_type") // typedefs resolved
		quals := m.mdStrings(f, "kernel_arg_type_qual")
		names := m.mdStrings(f, "kernel_arg_name")
		for i := range spaces {
			a := ArgInfo{Type: at(types, i), Name: at(names, i)}
			switch spaces[i] {
			case 1:
				a.AddrSpace, a.Kind = icd.CL_KERNEL_ARG_ADDRESS_GLOBAL, ArgBuffer
			case 2:
				a.AddrSpace, a.Kind = icd.CL_KERNEL_ARG_ADDRESS_CONSTANT, ArgBuffer
			case 3:
				a.AddrSpace, a.Kind = icd.CL_KERNEL_ARG_ADDRESS_LOCAL, ArgLocal
			default:
				a.AddrSpace, a.Kind = icd.CL_KERNEL_ARG_ADDRESS_PRIVATE, ArgValue
			}
			switch at(access, i) {
			case "read_only":
				a.Access = icd.CL_KERNEL_ARG_ACCESS_READ_ONLY
			case "write_only":
				a.Access = icd.CL_KERNEL_ARG_ACCESS_WRITE_ONLY
			case "read_write":
				a.Access = icd.CL_KERNEL_ARG_ACCESS_READ_WRITE
			default:
				a.Access = icd.CL_KERNEL_ARG_ACCESS_NONE
			}
			for _, q := range strings.Fields(at(quals, i)) {
				switch q {
				case "const":
					a.TypeQual |= icd.CL_KERNEL_ARG_TYPE_CONST
				case "restrict":
					a.TypeQual |= icd.CL_KERNEL_ARG_TYPE_RESTRICT
				case "volatile":
					a.TypeQual |= icd.CL_KERNEL_ARG_TYPE_VOLATILE
				case "pipe":
					a.TypeQual |= icd.CL_KERNEL_ARG_TYPE_PIPE
				}
			}
			base := at(bases, i)
			if base == "" {
				base = a.Type
			}
			switch {
			case a.TypeQual&icd.CL_KERNEL_ARG_TYPE_PIPE != 0:
				a.Kind = ArgOther
				k.Launchable = false
			case imageTypes[base] != 0:
				// Images are global memory objects (clang's address space
				// 1: CL_KERNEL_ARG_ADDRESS_GLOBAL) with an access qualifier.
				a.Kind, a.Image = ArgImage, base
			case msaaImageTypes[base]:
				a.Kind = ArgOther // multi-sample images (cl_khr_gl_msaa_sharing): not supported
				k.Launchable = false
			case base == "sampler_t":
				a.Kind = ArgSampler
			case base == "queue_t" || base == "clk_event_t":
				a.Kind = ArgOther
				k.Launchable = false
			}
			k.Args = append(k.Args, a)
		}
		if v, ok := m.mdInts(f, "reqd_work_group_size"); ok && len(v) == 3 {
			copy(k.ReqdWGSize[:], v)
		}
		if v, ok := m.mdInts(f, "intel_reqd_sub_group_size"); ok && len(v) == 1 {
			k.ReqdSubGroupSize = v[0]
		}
		if v, ok := m.mdInts(f, "work_group_size_hint"); ok && len(v) == 3 {
			copy(k.WGSizeHint[:], v)
		}
		k.Attributes = kernelAttributes(m, f) // CL_KERNEL_ATTRIBUTES (program.go)
		kernels = append(kernels, k)
	}
	// A kernel runs on fibers if it can reach a barrier.
	for i := range kernels {
		kernels[i].UsesBarrier = reaches(calls, kernels[i].Name, isBarrier)
	}
	sort.Slice(kernels, func(i, j int) bool { return kernels[i].Name < kernels[j].Name })
	return kernels, nil
}

// imageTypes are the image types kernels can take, by the memory object
// type of the images they accept.
var imageTypes = map[string]uint32{
	"image1d_t":             icd.CL_MEM_OBJECT_IMAGE1D,
	"image1d_buffer_t":      icd.CL_MEM_OBJECT_IMAGE1D_BUFFER,
	"image1d_array_t":       icd.CL_MEM_OBJECT_IMAGE1D_ARRAY,
	"image2d_t":             icd.CL_MEM_OBJECT_IMAGE2D,
	"image2d_array_t":       icd.CL_MEM_OBJECT_IMAGE2D_ARRAY,
	"image3d_t":             icd.CL_MEM_OBJECT_IMAGE3D,
	"image2d_depth_t":       icd.CL_MEM_OBJECT_IMAGE2D,
	"image2d_array_depth_t": icd.CL_MEM_OBJECT_IMAGE2D_ARRAY,
}

// msaaImageTypes are the multi-sample image types (cl_khr_gl_msaa_sharing),
// which gocl kernels cannot take. Only these: other types whose names begin
// with "image" are the program's own (the CTS's image_kernel_data*).
var msaaImageTypes = map[string]bool{
	"image2d_msaa_t":             true,
	"image2d_array_msaa_t":       true,
	"image2d_msaa_depth_t":       true,
	"image2d_array_msaa_depth_t": true,
}

// ImageArgType is the memory object type an image argument takes and
// whether it is a depth image type (images of order CL_DEPTH).
func (a *ArgInfo) ImageArgType() (memType uint32, depth bool) {
	return imageTypes[a.Image], strings.Contains(a.Image, "_depth")
}

func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return ""
}

// isBarrier names the functions that make work-items wait for each other.
func isBarrier(name string) bool {
	return name == "_Z7barrierj" || name == convergePoint || strings.HasPrefix(name, "_Z18work_group_barrier") ||
		strings.HasPrefix(name, "_Z17sub_group_barrier") ||
		strings.Contains(name, "work_group_") || strings.Contains(name, "async_work_group") ||
		strings.Contains(name, "wait_group_events")
}

func reaches(calls map[string][]string, from string, target func(string) bool) bool {
	seen := map[string]bool{}
	var walk func(string) bool
	walk = func(f string) bool {
		if target(f) {
			return true
		}
		if seen[f] {
			return false
		}
		seen[f] = true
		for _, c := range calls[f] {
			if walk(c) {
				return true
			}
		}
		return false
	}
	return walk(from)
}

// kernelAttributes is CL_KERNEL_ATTRIBUTES: the kernel's attributes from
// the front end's metadata, spelled as in source without spaces
// ("reqd_work_group_size(4,1,1) vec_type_hint(float4)"). Called by
// readKernels.
func kernelAttributes(m *module, f uintptr) string {
	var attrs []string
	if ops := m.metadata(f, "vec_type_hint"); len(ops) == 2 && m.api.IsAConstantInt(ops[1]) != 0 {
		if t := vecTypeName(m.typeString(ops[0]), m.api.ConstIntGetZExtValue(ops[1]) != 0); t != "" {
			attrs = append(attrs, "vec_type_hint("+t+")")
		}
	}
	for _, a := range []string{"work_group_size_hint", "reqd_work_group_size"} {
		if v, ok := m.mdInts(f, a); ok && len(v) == 3 {
			attrs = append(attrs, fmt.Sprintf("%s(%d,%d,%d)", a, v[0], v[1], v[2]))
		}
	}
	return strings.Join(attrs, " ")
}

// vecTypeName turns an LLVM type ("<4 x i32>", "float") and the signedness
// flag of vec_type_hint metadata into the OpenCL C type name ("int4",
// "float"); "" for anything else.
func vecTypeName(llvmType string, signed bool) string {
	n, elem := "", llvmType
	if strings.HasPrefix(llvmType, "<") {
		f := strings.Fields(strings.Trim(llvmType, "<>"))
		if len(f) != 3 || f[1] != "x" {
			return ""
		}
		n, elem = f[0], f[2]
	}
	var base string
	switch elem {
	case "i8":
		base = "char"
	case "i16":
		base = "short"
	case "i32":
		base = "int"
	case "i64":
		base = "long"
	case "half", "float", "double":
		return elem + n
	default:
		return ""
	}
	if !signed {
		base = "u" + base
	}
	return base + n
}
