package build

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"gocl/icd"
)

// The compiler. A program's source goes through three clang runs:
//
//  1. source → bitcode at -O0, for the diagnostics (the build log) and the
//     kernels' metadata, read with libLLVM;
//  2. source + generated per-kernel entry points → unoptimized bitcode: a
//     "compiled object";
//  3. (link) compiled objects are linked with libLLVM, kernel-scope __local
//     variables become thread-local (one copy per worker thread, which runs
//     a whole work-group at a time), and clang optimizes for the host CPU,
//     links the builtin library in and makes a shared object, which purego
//     loads.
//
// Clang does the ABI lowering of kernel arguments: the entry points are
// OpenCL C, generated from the metadata, compiled with the kernels.

//go:embed lib
var libFS embed.FS

// hostTriple is the only target: the machine gocl runs on.
const hostTriple = "x86_64-unknown-linux-gnu"

// DriverVersion is part of every cache key.
const DriverVersion = "gocl-0.2.0"

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
	Name        string
	Args        []ArgInfo
	ReqdWGSize  [3]uint64 // zeros if none
	WGSizeHint  [3]uint64
	VecTypeHint string
	Attributes  string
	UsesBarrier bool // reaches a barrier: runs a work-group per call (Regions) or on fibers
	Regions     bool // transformed into a work-group function (regions.go, wgloops.go)
	// PrivateBytes is the private memory of a work-item that a work-group
	// function keeps in its context memory rather than on the stack.
	PrivateBytes uint64 `json:",omitempty"`
	Launchable   bool   // has entry points (no unsupported argument types)
}

// CompiledObject is the result of compiling one source.
type CompiledObject struct {
	Bitcode []byte
	Kernels []KernelInfo
	Std     string // -cl-std of the compile
}

// Options is a parsed build, compile or link options string.
type Options struct {
	Clang          []string // flags for the front end
	Std            string   // "CL1.2", "CL3.0" …
	OptDisable     bool
	KernelArgInfo  bool
	CreateLibrary  bool
	UniformWGSize  bool
	EnableLinkOpts bool
	Raw            string
}

// ParseOptions validates a build options string (CL_INVALID_BUILD_OPTIONS /
// CL_INVALID_LINKER_OPTIONS for what is not an OpenCL C option).
func ParseOptions(s string, link bool) (*Options, error) {
	o := &Options{Raw: s, Std: ""}
	words, err := splitArgs(s)
	if err != nil {
		return nil, err
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		next := func() (string, error) {
			if i+1 >= len(words) {
				return "", fmt.Errorf("option %s needs a value", w)
			}
			i++
			return words[i], nil
		}
		switch {
		case !link && (w == "-D" || w == "-I"):
			v, err := next()
			if err != nil {
				return nil, err
			}
			o.Clang = append(o.Clang, w+v)
		case !link && (strings.HasPrefix(w, "-D") || strings.HasPrefix(w, "-I")):
			o.Clang = append(o.Clang, w)
		case !link && strings.HasPrefix(w, "-cl-std="):
			v := strings.TrimPrefix(w, "-cl-std=")
			switch v {
			case "CL1.0", "CL1.1", "CL1.2", "CL2.0", "CL3.0":
			default:
				return nil, fmt.Errorf("unsupported %s", w)
			}
			o.Std = v
		case w == "-cl-opt-disable":
			o.OptDisable = true
		case w == "-cl-kernel-arg-info" && !link:
			o.KernelArgInfo = true
		case w == "-cl-uniform-work-group-size" && !link:
			o.UniformWGSize = true
			o.Clang = append(o.Clang, w)
		case !link && w == "-cl-fp32-correctly-rounded-divide-sqrt":
			o.Clang = append(o.Clang, w)
		case w == "-cl-mad-enable", w == "-cl-no-signed-zeros", w == "-cl-unsafe-math-optimizations",
			w == "-cl-finite-math-only", w == "-cl-fast-relaxed-math":
			o.Clang = append(o.Clang, w)
		case w == "-cl-denorms-are-zero":
			// Denormals "may be flushed": gocl keeps them (clang ignores
			// the flag on x86 and would warn that it is unused).
		case !link && (w == "-cl-single-precision-constant" || w == "-cl-strict-aliasing" || w == "-cl-no-subgroup-ifp"):
			if w == "-cl-single-precision-constant" {
				o.Clang = append(o.Clang, w)
			}
		case !link && (w == "-w" || w == "-Werror"):
			o.Clang = append(o.Clang, w)
		case link && w == "-create-library":
			o.CreateLibrary = true
		case link && w == "-enable-link-options":
			o.EnableLinkOpts = true
		case w == "-g" || strings.HasPrefix(w, "-cl-intel") || strings.HasPrefix(w, "-cl-nv"):
			// Vendor and debug options some applications pass: harmless to ignore.
		default:
			return nil, fmt.Errorf("unknown option %q", w)
		}
	}
	return o, nil
}

// splitArgs splits an options string like a shell would (quotes, backslashes).
func splitArgs(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == '\\' && quote == '"' && i+1 < len(s) {
				i++
				cur.WriteByte(s[i])
			} else {
				cur.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote, in = c, true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			in = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unterminated quote in options")
	}
	if in {
		out = append(out, cur.String())
	}
	return out, nil
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
	"+__opencl_c_images,+__opencl_c_read_write_images"

// frontEndFlags are the flags of every OpenCL C compile.
func frontEndFlags(o *Options) []string {
	std := o.Std
	if std == "" {
		std = "CL1.2"
	}
	flags := []string{"-x", "cl", "-cl-std=" + std, "-target", hostTriple, "-march=native", "-Xclang", "-finclude-default-header",
		"-Xclang", clExt, "-fPIC", "-fstack-clash-protection", "-emit-llvm", "-c", "-cl-kernel-arg-info", "-Wno-override-module",
		"-Wno-invalid-feature-combination"} // clang 19's -march=native warns about AVX10 on some CPUs: not the user's concern
	if std == "CL3.0" {
		// The device has these features (device.go), but clang's headers
		// define them for SPIR targets only, and -cl-ext does not know
		// them: without them opencl-c.h hides atomic_fetch_add & co.
		flags = append(flags, "-D__opencl_c_atomic_scope_device=1", "-D__opencl_c_atomic_scope_all_devices=1")
	}
	return append(flags, o.Clang...)
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
			case strings.HasPrefix(base, "image"):
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
	return name == "_Z7barrierj" || strings.HasPrefix(name, "_Z18work_group_barrier") ||
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

// entryPoints generates, for each launchable kernel K, the OpenCL C entry
// points the engine calls (device/ndrange.go, with the launch, the worker
// that runs it and a range of work-groups): __gocl_loop_K runs work-groups
// as a loop over their work-items, __gocl_fibers_K runs them on fibers (one
// per work-item, for kernels that can reach a barrier); __gocl_body_K runs
// one work-item; __gocl_argsizes_K holds the argument sizes. The work-item
// functions read the state rt.c keeps per thread.
func entryPoints(kernels []KernelInfo) string {
	var b strings.Builder
	b.WriteString(`
void **__gocl_args(const void *__gocl_L);
__local char *__gocl_lmem(const void *__gocl_W);
void __gocl_group_first(const void *__gocl_L, size_t __gocl_g);
void __gocl_group_next(void);
size_t __gocl_group_size(uint __gocl_d);
void __gocl_set_lid(size_t __gocl_x, size_t __gocl_y, size_t __gocl_z);
void __gocl_run_fibers(const void *__gocl_L, const void *__gocl_W, size_t __gocl_g0, size_t __gocl_g1);
`)
	for _, k := range kernels {
		if !k.Launchable {
			continue
		}
		var args, sizes []string
		for i, a := range k.Args {
			switch a.Kind {
			case ArgBuffer:
				as := "__global"
				if a.AddrSpace == icd.CL_KERNEL_ARG_ADDRESS_CONSTANT {
					as = "__constant"
				}
				t := strings.TrimSuffix(a.Type, "*")
				args = append(args, fmt.Sprintf("*(%s %s **)__gocl_a[%d]", as, t, i))
				sizes = append(sizes, "sizeof(void *)")
			case ArgLocal:
				t := strings.TrimSuffix(a.Type, "*")
				args = append(args, fmt.Sprintf("(__local %s *)(__gocl_l + *(size_t *)__gocl_a[%d])", t, i))
				sizes = append(sizes, "0")
			case ArgImage:
				// The argument's slot holds the image's descriptor; the
				// image value is a pointer to it (build/lib/image.c).
				acc := map[uint32]string{icd.CL_KERNEL_ARG_ACCESS_WRITE_ONLY: "__write_only ",
					icd.CL_KERNEL_ARG_ACCESS_READ_WRITE: "__read_write "}[a.Access]
				if acc == "" {
					acc = "__read_only "
				}
				args = append(args, fmt.Sprintf("__builtin_astype(__gocl_a[%d], %s%s)", i, acc, a.Image))
				sizes = append(sizes, "sizeof(void *)")
			case ArgSampler:
				// The slot holds the sampler's bits, which are the value.
				args = append(args, fmt.Sprintf("__builtin_astype(*(void **)__gocl_a[%d], sampler_t)", i))
				sizes = append(sizes, "sizeof(void *)")
			default:
				args = append(args, fmt.Sprintf("*(%s *)__gocl_a[%d]", a.Type, i))
				sizes = append(sizes, fmt.Sprintf("sizeof(%s)", a.Type))
			}
		}
		if len(sizes) == 0 {
			sizes = []string{"0"}
		}
		fmt.Fprintf(&b, `
void __gocl_body_%[1]s(void **__gocl_a, __local char *__gocl_l) { %[1]s(%[2]s); }
void __gocl_loop_%[1]s(const void *__gocl_L, const void *__gocl_W, size_t __gocl_g0, size_t __gocl_g1) {
	void **__gocl_a = __gocl_args(__gocl_L);
	__local char *__gocl_l = __gocl_lmem(__gocl_W);
	__gocl_group_first(__gocl_L, __gocl_g0);
	for (size_t __gocl_g = __gocl_g0; __gocl_g < __gocl_g1; __gocl_g++) {
		size_t __gocl_nx = __gocl_group_size(0), __gocl_ny = __gocl_group_size(1), __gocl_nz = __gocl_group_size(2);
		for (size_t __gocl_z = 0; __gocl_z < __gocl_nz; __gocl_z++)
			for (size_t __gocl_y = 0; __gocl_y < __gocl_ny; __gocl_y++)
				for (size_t __gocl_x = 0; __gocl_x < __gocl_nx; __gocl_x++) {
					__gocl_set_lid(__gocl_x, __gocl_y, __gocl_z);
					__gocl_body_%[1]s(__gocl_a, __gocl_l);
				}
		__gocl_group_next();
	}
}
void __gocl_fibers_%[1]s(const void *__gocl_L, const void *__gocl_W, size_t __gocl_g0, size_t __gocl_g1) {
	__gocl_run_fibers(__gocl_L, __gocl_W, __gocl_g0, __gocl_g1);
}
void __gocl_groups_%[1]s(const void *__gocl_L, const void *__gocl_W, size_t __gocl_g0, size_t __gocl_g1) {
	void **__gocl_a = __gocl_args(__gocl_L);
	__local char *__gocl_l = __gocl_lmem(__gocl_W);
	__gocl_group_first(__gocl_L, __gocl_g0);
	for (size_t __gocl_g = __gocl_g0; __gocl_g < __gocl_g1; __gocl_g++) {
		__gocl_body_%[1]s(__gocl_a, __gocl_l);
		__gocl_group_next();
	}
}
__constant ulong __gocl_argsizes_%[1]s[] = {%[3]s};
`, k.Name, strings.Join(args, ", "), strings.Join(sizes, ", "))
	}
	return b.String()
}

// LinkObjects links compiled objects into a shared object (an executable), or
// into a library's bitcode when library is set.
//
// It also sets each kernel's UsesBarrier from the linked module: a kernel
// may reach a barrier through a function of another object.
func LinkObjects(objs []*CompiledObject, kernels []KernelInfo, o *Options) (bc []byte, so []byte, log string, err error) {
	bcs := make([][]byte, len(objs))
	for i, ob := range objs {
		bcs[i] = ob.Bitcode
	}
	end := timeStage("link objects")
	m, err := linkBitcode(bcs)
	if err != nil {
		return nil, nil, "", err
	}
	end()
	defer func() { m.dispose() }() // m may be replaced by regionKernels
	calls := map[string][]string{}
	for _, f := range m.functions() {
		if m.api.IsDeclaration(f) == 0 {
			calls[m.name(f)] = m.callees(f)
		}
	}
	for i := range kernels {
		kernels[i].UsesBarrier = reaches(calls, kernels[i].Name, isBarrier)
	}
	if o.CreateLibrary {
		return m.bitcode(), nil, "", nil
	}
	// Kernel-scope __local variables: module globals named <kernel>.<name>;
	// one copy per worker thread.
	kernelNames := map[string]bool{}
	for _, ob := range objs {
		for _, k := range ob.Kernels {
			kernelNames[k.Name] = true
		}
	}
	// The front end declares the work-item functions const: true within a
	// work-item, false across the work-item loop they are inlined into.
	for _, name := range perWorkItem {
		m.dropMemoryAttribute(name)
	}
	for g := m.api.GetFirstGlobal(m.mod); g != 0; g = m.api.GetNextGlobal(g) {
		name := m.name(g)
		// (A kernel's static __global variable is named the same way but
		// is initialized; __local variables cannot be: theirs is undef.)
		if dot := strings.IndexByte(name, '.'); dot > 0 && kernelNames[name[:dot]] && m.api.IsGlobalConstant(g) == 0 &&
			m.undefInitializer(g) {
			m.api.SetThreadLocal(g, 1)
		}
	}
	if m, err = workGroupFunctions(m, kernels, calls); err != nil {
		return nil, nil, "", err
	}
	so, log, err = generateCode(codegenInput{Bitcode: m.bitcode(), Needed: m.declared(), Opts: o})
	return nil, so, log, err
}

// perWorkItem are the work-item functions whose value changes from one
// work-item (or work-group) to the next.
var perWorkItem = []string{"_Z13get_global_idj", "_Z12get_local_idj", "_Z12get_group_idj", "_Z14get_local_sizej",
	"_Z20get_global_linear_idv", "_Z19get_local_linear_idv"}

// builtinLibrary compiles the builtin library (embedded sources) to one
// bitcode file in the cache, once per library version, compiler and CPU.
var (
	libOnce sync.Once
	libPath string
	libErr  error
)

func builtinLibrary() (string, error) {
	libOnce.Do(func() {
		libPath, libErr = buildLibrary()
	})
	return libPath, libErr
}

func libSources() (map[string][]byte, error) {
	entries, err := libFS.ReadDir("lib")
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".c") || strings.HasSuffix(n, ".cl") || strings.HasSuffix(n, ".h") {
			b, err := libFS.ReadFile("lib/" + n)
			if err != nil {
				return nil, err
			}
			out[n] = b
		}
	}
	return out, nil
}

func buildLibrary() (string, error) {
	srcs, err := libSources()
	if err != nil {
		return "", err
	}
	_, version, err := findClang()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n%s\n", DriverVersion, version, hostCPU(), clExt)
	names := make([]string, 0, len(srcs))
	for n := range srcs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(h, "%s %d\n", n, len(srcs[n]))
		h.Write(srcs[n])
	}
	key := hex.EncodeToString(h.Sum(nil))[:24]
	cache := CacheDir()
	path := filepath.Join(cache, "builtins-"+key+".bc")
	defer lockCache("builtins-" + key)() // one process builds it, the others wait (cache.go)
	if libraryIntact(path) {
		return path, nil
	}
	dir, err := os.MkdirTemp("", "gocl-lib-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	for n, b := range srcs {
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			return "", err
		}
	}
	// Compile the files in parallel, one bitcode each.
	type result struct {
		bc  []byte
		err error
	}
	var compiled []string
	for _, n := range names {
		if !strings.HasSuffix(n, ".h") {
			compiled = append(compiled, n)
		}
	}
	results := make([]result, len(compiled))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for i, n := range compiled {
		wg.Add(1)
		go func(i int, n string) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			var args []string
			if strings.HasSuffix(n, ".c") {
				args = []string{"-x", "c", "-std=gnu11"}
			} else {
				args = []string{"-x", "cl", "-cl-std=CL3.0", "-Xclang", "-finclude-default-header", "-Xclang", clExt}
			}
			// Run in dir, on the file's bare name: the bitcode records its
			// source file's name (source_filename), and the temporary
			// directory's random name (of varying length) must not make
			// the library's bitcode, and its size, differ from one build
			// to the next.
			args = append(args, "-target", hostTriple, "-march=native", "-O2", "-fPIC", "-emit-llvm", "-c",
				"-ffp-contract=off", "-I", dir, "-o", "-", n)
			bc, diag, err := runClangIn(dir, args, nil)
			if err != nil {
				err = fmt.Errorf("builtin library %s: %v\n%s", n, err, diag)
			}
			results[i] = result{bc, err}
		}(i, n)
	}
	wg.Wait()
	bcs := make([][]byte, len(results))
	for i, r := range results {
		if r.err != nil {
			return "", r.err
		}
		bcs[i] = r.bc
	}
	m, err := linkBitcode(bcs)
	if err != nil {
		return "", fmt.Errorf("builtin library: %v", err)
	}
	defer m.dispose()
	if err := writeLibraryParts(path, compiled, bcs); err != nil {
		return "", fmt.Errorf("builtin library parts: %v", err)
	}
	if err := writeLibrary(path, m.bitcode()); err != nil { // with its checksum (cache.go)
		return "", err
	}
	return path, nil
}

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

// CacheDir is where compiled programs and the builtin library are kept:
// $GOCL_CACHE_DIR, or $XDG_CACHE_HOME/gocl, or ~/.cache/gocl.
func CacheDir() string {
	dir := getenv("GOCL_CACHE_DIR")
	if dir == "" {
		base := getenv("XDG_CACHE_HOME")
		if base == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				home = os.TempDir()
			}
			base = filepath.Join(home, ".cache")
		}
		dir = filepath.Join(base, "gocl")
	}
	_ = os.MkdirAll(dir, 0o755)
	return dir
}

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

// internalizeUserCode gives the program's own functions internal linkage;
// only the generated entry points (__gocl_*) stay visible. A kernel or helper named like a C library function (a kernel
// called "write" or "memcpy") then cannot capture the calls the builtin
// library or the code generator make to that function.
func (m *module) internalizeUserCode() {
	const internal = 8 // LLVMInternalLinkage
	for _, f := range m.functions() {
		if m.api.IsDeclaration(f) == 0 && !strings.HasPrefix(m.name(f), "__gocl_") {
			m.api.SetLinkage(f, internal)
		}
	}
	// Program-scope variables stay visible: they are measured
	// (CL_PROGRAM_BUILD_GLOBAL_VARIABLE_TOTAL_SIZE) and make a program load
	// a copy of its own (program.go).
}
