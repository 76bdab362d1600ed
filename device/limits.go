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
