package device

// Limits that are choices of this driver rather than facts of the host.
const (
	// MemBaseAddrAlignBits is CL_DEVICE_MEM_BASE_ADDR_ALIGN: 128 bytes, two
	// cache lines and a whole AVX-512 vector, so every buffer and aligned
	// sub-buffer can be used with aligned vector loads.
	MemBaseAddrAlignBits = 1024
	// MaxAllocFraction: CL_DEVICE_MAX_MEM_ALLOC_SIZE is this fraction of
	// global memory (the whole of it would be honest on a CPU, but leaves the
	// host nothing).
	MaxAllocDivisor = 2
)

// GlobalMemSize is CL_DEVICE_GLOBAL_MEM_SIZE: the host's memory.
func (d *Device) GlobalMemSize() uint64 { return d.Host.MemBytes }

// MaxAllocSize is CL_DEVICE_MAX_MEM_ALLOC_SIZE.
func (d *Device) MaxAllocSize() uint64 { return d.Host.MemBytes / MaxAllocDivisor }

// Execution and memory limits of the OpenCL C side. They are promises the
// kernel compiler and the NDRange engine keep; grow them only with those.
const (
	// MaxWorkGroupSize is CL_DEVICE_MAX_WORK_GROUP_SIZE and each of
	// CL_DEVICE_MAX_WORK_ITEM_SIZES: a work-group is a loop on one core, so
	// the limit only bounds the per-work-item state kept across barriers.
	MaxWorkGroupSize = 4096
	// LocalMemSize is CL_DEVICE_LOCAL_MEM_SIZE. __local memory on a CPU is
	// an ordinary per-worker buffer (CL_DEVICE_LOCAL_MEM_TYPE CL_GLOBAL); it
	// pays only while it stays in the core's cache. 512 KiB is the size of a
	// typical per-core L2 (256 KiB–2 MiB), eight times what GPUs offer (so no
	// kernel tuned for a GPU is refused), and small enough to reserve once
	// per worker thread.
	LocalMemSize = 512 << 10
	// MaxParameterSize is CL_DEVICE_MAX_PARAMETER_SIZE: the full-profile
	// minimum; kernel arguments are packed into one block per launch.
	MaxParameterSize = 1024
	// MaxConstantArgs is CL_DEVICE_MAX_CONSTANT_ARGS: __constant arguments
	// are plain pointers, so as many as the parameter block holds.
	MaxConstantArgs = MaxParameterSize / 8
	// MaxConstantBufferSize caps CL_DEVICE_MAX_CONSTANT_BUFFER_SIZE (info.go).
	MaxConstantBufferSize = 64 << 20
	// PrintfBufferSize is CL_DEVICE_PRINTF_BUFFER_SIZE.
	PrintfBufferSize = 1 << 20
)

// Image limits (CL_DEVICE_IMAGE_*): images are linear host memory, so these
// are the OpenCL 2.0+ full-profile minimums, which the image code validates
// against.
const (
	Image2DMaxSize        = 16384 // CL_DEVICE_IMAGE2D_MAX_WIDTH and _HEIGHT
	Image3DMaxSize        = 2048  // CL_DEVICE_IMAGE3D_MAX_WIDTH, _HEIGHT and _DEPTH
	ImageMaxArraySize     = 2048  // CL_DEVICE_IMAGE_MAX_ARRAY_SIZE
	MaxReadImageArgs      = 128
	MaxWriteImageArgs     = 64
	MaxReadWriteImageArgs = 64
	MaxSamplers           = 16
	// ImageMaxCoordinate caps CL_DEVICE_IMAGE_MAX_BUFFER_SIZE (pixels):
	// kernels address image pixels with int coordinates.
	ImageMaxCoordinate = 1<<31 - 1
	// ImagePitchAlignment is CL_DEVICE_IMAGE_PITCH_ALIGNMENT, in pixels, for
	// 2D images made from buffers: any row pitch that is a whole number of
	// pixels works for linear images.
	ImagePitchAlignment = 1
	// ImageBaseAddressAlignment is CL_DEVICE_IMAGE_BASE_ADDRESS_ALIGNMENT, in
	// pixels (not bytes), for a 2D image made from a CL_MEM_USE_HOST_PTR
	// buffer: a pixel's natural alignment is all a CPU needs.
	ImageBaseAddressAlignment = 1
)

// Program-scope global variables (OpenCL C 3.0's
// __opencl_c_program_scope_global_variables) are data of the program's shared
// object, each program object with its own copy.
const (
	// MaxGlobalVariableSize is CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE: a
	// variable is zero-filled or initialized data of a position-independent
	// shared object, whose data must stay within the small code model's
	// 2 GiB; 64 MiB (a thousand times the 64 KiB minimum) leaves room for
	// many of them.
	MaxGlobalVariableSize = 64 << 20
	// GlobalVariablePreferredTotalSize is
	// CL_DEVICE_GLOBAL_VARIABLE_PREFERRED_TOTAL_SIZE, a performance hint: as
	// much as one variable may take, no penalty below it.
	GlobalVariablePreferredTotalSize = MaxGlobalVariableSize
)

// MaxWorkItemSize is each of CL_DEVICE_MAX_WORK_ITEM_SIZES.
const MaxWorkItemSize = MaxWorkGroupSize

// WorkGroupSizeMultiple is CL_DEVICE_PREFERRED_WORK_GROUP_SIZE_MULTIPLE
// and every kernel's CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE: a
// work-group that fills whole float vectors.
func (d *Device) WorkGroupSizeMultiple() uintptr {
	return uintptr(d.Host.FloatLanes())
}

// FloatVectorBits is the width of the widest vector register the CPU
// computes floats in.
func (d *Device) FloatVectorBits() int {
	return 32 * int(d.Host.FloatLanes())
}

// DotProductAccelerated reports whether cl_khr_integer_dot_product's packed
// 8-bit builtins run on the CPU's dot-product instructions in work-item
// loops: VNNI at the width those loops take (build/lib/dot_simd.c defines
// its vector variants under the same conditions, from -march=native).
func (d *Device) DotProductAccelerated() bool {
	f := d.Host.Flags
	switch d.FloatVectorBits() {
	case 512:
		return f["avx512_vnni"]
	case 256:
		return f["avx_vnni"] || f["avx512_vnni"] && f["avx512vl"]
	}
	return false
}

// KernelLoops is what loops a kernel's work-group function runs, as the
// compiler found them: the automatic local size is shaped by it.
type KernelLoops string

const (
	LoopsUnknown   KernelLoops = ""          // not a work-group function
	LoopsNone      KernelLoops = "none"      // straight code (a stencil, an element-wise operation)
	LoopsUniform   KernelLoops = "uniform"   // loops with the same trip count for every work-item
	LoopsDivergent KernelLoops = "divergent" // a loop whose trip count varies by work-item
)

// AutoLocalSize picks a work-group shape when the application gives none.
// A work-group is a loop on one core, so a big one spreads the per-group
// cost (up to autoGroupItems work-items); kernels that run on fibers (a
// fiber per work-item, whose stacks want few) get autoFiberItems, and
// kernels with a divergent loop autoDivergentItems: a work-group runs such
// a loop in lockstep until its last work-item is done, so small groups
// waste fewer lanes (Mandelbrot, 1D: 84 → 117 Mpixel/s at 256 against
// 1,024). The groups are small enough that there are at least
// autoGroupsPerCore per core to share out when the range allows, and not
// smaller than autoMinItems (a tiny range is one group: it runs at once on
// the calling thread). Dimension 0 (contiguous in memory for the usual
// kernel, and the dimension whose work-items share SIMD lanes) comes
// first, in whole vectors of width lanes when a multiple of width at least
// half as big divides it; of several dimensions, it gets a row of a few
// vectors, and the others the rest. How many depends on the loops: with
// uniform loops 4 (an untiled matrix product reads each row of B once for
// a group's 16 rows instead of 2: 100 → 135 GFLOPS, 512×512); straight
// code 8 and at least straightRow work-items, longer runs of each row for
// the prefetchers (5-point stencil 34 → 41 GB/s with 16 lanes; with 8,
// rows of 8 vectors read 6.8–10.5 GB/s, of 128 work-items 11.8–22.4); a
// divergent loop 1, the most compact block (Mandelbrot
// 16×16 against 64×16: +8%). Each size divides the global size; when
// non-uniform work-groups are allowed and the best divisor is less than
// half the wanted size, the last group of the dimension is partial
// instead.
func AutoLocalSize(global [3]uint64, dim int, fibers bool, loops KernelLoops, nonUniform bool, cores, width int) [3]uint64 {
	const (
		autoGroupItems     = 1024
		autoFiberItems     = 64
		autoDivergentItems = 256
		autoGroupsPerCore  = 4
		autoMinItems       = 16
		straightRow        = 128
	)
	row := uint64(4 * width)
	switch loops {
	case LoopsNone:
		row = uint64(max(8*width, straightRow))
	case LoopsDivergent:
		row = uint64(width)
	}
	total := uint64(1)
	for d := 0; d < dim; d++ {
		total *= max(global[d], 1)
	}
	target := uint64(autoGroupItems)
	switch {
	case fibers:
		target = autoFiberItems
	case loops == LoopsDivergent:
		target = autoDivergentItems
	}
	target = min(target, max(total/uint64(max(cores, 1)*autoGroupsPerCore), autoMinItems))
	local := [3]uint64{1, 1, 1}
	left := target
	for d := 0; d < dim && left > 1; d++ {
		g := max(global[d], 1)
		want := min(left, g)
		if d == 0 && dim > 1 && width > 0 {
			// Rows of a few vectors, and the rest in more rows, when the
			// other dimensions can take them: a kernel reading a
			// neighbourhood or a matrix column then finds in the caches
			// what the rows before it loaded.
			others := uint64(1)
			for e := 1; e < dim; e++ {
				others *= max(global[e], 1)
			}
			want = min(want, max(row, target/others))
		}
		best := largestDivisor(g, want)
		if w := uint64(max(width, 1)); d == 0 && best%w != 0 && want >= w {
			if v := largestMultipleDivisor(g, want, w); v*2 >= best {
				best = v
			}
		}
		if nonUniform && best*2 <= want {
			best = want
		}
		local[d] = best
		left /= best
	}
	return local
}

// largestMultipleDivisor is the largest divisor of n that is a multiple of
// w and at most limit; 0 if there is none.
func largestMultipleDivisor(n, limit, w uint64) uint64 {
	for v := limit / w * w; v > 0; v -= w {
		if n%v == 0 {
			return v
		}
	}
	return 0
}

// largestDivisor is the largest divisor of n that is at most limit (limit ≥ 1).
func largestDivisor(n, limit uint64) uint64 {
	if n%limit == 0 {
		return limit
	}
	best := uint64(1)
	for i := uint64(1); i*i <= n && i <= limit; i++ {
		if n%i == 0 {
			if i > best {
				best = i
			}
			if q := n / i; q <= limit && q > best {
				best = q
			}
		}
	}
	return best
}
