package build

import (
	"fmt"
	"strings"

	"gocl/icd"
)

// The entry points the engine calls, generated as OpenCL C from the
// kernels' metadata and compiled with the source (stage_frontend.go).

// entryPoints generates, for each launchable kernel K, the OpenCL C entry
// points the engine calls (device/ndrange.go, with the launch, the worker
// that runs it and a range of work-groups): __gocl_loop_K runs work-groups
// as a loop over their work-items, __gocl_fibers_K runs them on fibers (one
// per work-item, for kernels that can reach a barrier); __gocl_body_K runs
// one work-item; __gocl_argsizes_K holds the argument sizes. The work-item
// functions read the state rt.c keeps per thread.
func entryPoints(kernels []KernelInfo) string { return guardedEntryPoints(kernels, nil) }

// guardedEntryPoints is entryPoints with each kernel's in its guard's
// conditional directives (frontend_guess.go).
func guardedEntryPoints(kernels []KernelInfo, guards map[string]guard) string {
	var b strings.Builder
	b.WriteString(entryRuntime)
	for _, k := range kernels {
		if !k.Launchable {
			continue
		}
		var e strings.Builder
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
		fmt.Fprintf(&e, "\nvoid __gocl_body_%[1]s(void **__gocl_a, __local char *__gocl_l) { %[1]s(%[2]s); }\n", k.Name, strings.Join(args, ", "))
		e.WriteString(groupEntries(k.Name))
		fmt.Fprintf(&e, "__constant ulong __gocl_argsizes_%s[] = {%s};\n", k.Name, strings.Join(sizes, ", "))
		b.WriteString(guards[k.Name].wrap(e.String()))
	}
	return b.String()
}

// entryRuntime declares the run-time functions (build/lib/rt.c) the entry
// points call.
const entryRuntime = `
void **__gocl_args(const void *__gocl_L);
__local char *__gocl_lmem(const void *__gocl_W);
void __gocl_group_first(const void *__gocl_L, size_t __gocl_g);
void __gocl_group_next(void);
size_t __gocl_group_size(uint __gocl_d);
void __gocl_set_lid(size_t __gocl_x, size_t __gocl_y, size_t __gocl_z);
void __gocl_run_fibers(const void *__gocl_L, const void *__gocl_W, size_t __gocl_g0, size_t __gocl_g1);
`

// groupEntries are kernel name's entry points that run work-groups
// (__gocl_loop_, __gocl_fibers_, __gocl_groups_), which call its
// __gocl_body_.
func groupEntries(name string) string {
	return fmt.Sprintf(`void __gocl_loop_%[1]s(const void *__gocl_L, const void *__gocl_W, size_t __gocl_g0, size_t __gocl_g1) {
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
`, name)
}
