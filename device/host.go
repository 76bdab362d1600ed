package device

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// HostInfo is what the device reports about the machine, read once from
// the kernel: nothing here is a constant.
type HostInfo struct {
	Cores      []int  // CPUs this process may run on (its affinity mask)
	Model      string // /proc/cpuinfo "model name"
	Vendor     string // /proc/cpuinfo "vendor_id"
	VendorID   uint32 // PCI vendor id of the CPU maker, as other CPU drivers report it
	Flags      map[string]bool
	MHz        uint32
	MemBytes   uint64 // MemTotal, or less under RLIMIT_AS (addrspace.go)
	L1DBytes   uint64
	L2Bytes    uint64
	LastCache  uint64 // largest cache level's size (global memory cache)
	CacheLine  uint32
	KernelName string
	MachineID  string // /etc/machine-id (or D-Bus's copy): this machine, across reboots

	floatLanes atomic.Uint32 // FloatLanes, once known
}

// FloatLanes is the fp32 lanes of the widest vector register
// (CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT). Launches ask for it (sub-group
// and work-group sizes), so it is derived from the flags once.
func (h *HostInfo) FloatLanes() uint32 {
	if n := h.floatLanes.Load(); n != 0 {
		return n
	}
	n := widthsFor(h.Flags, false, false)[5]
	h.floatLanes.Store(n)
	return n
}

func readHost() *HostInfo {
	h := &HostInfo{Flags: map[string]bool{}, CacheLine: 64}
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err == nil {
		for cpu := 0; cpu < 8192 && len(h.Cores) < set.Count(); cpu++ {
			if set.IsSet(cpu) {
				h.Cores = append(h.Cores, cpu)
			}
		}
	}
	if len(h.Cores) == 0 {
		h.Cores = []int{0}
	}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			k, v, ok := strings.Cut(sc.Text(), ":")
			if !ok {
				continue
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			switch k {
			case "model name":
				if h.Model == "" {
					h.Model = v
				}
			case "vendor_id":
				if h.Vendor == "" {
					h.Vendor = v
				}
			case "flags", "Features": // x86, arm64
				if len(h.Flags) == 0 {
					for _, fl := range strings.Fields(v) {
						h.Flags[fl] = true
					}
				}
			case "cpu MHz":
				if h.MHz == 0 {
					mhz, _ := strconv.ParseFloat(v, 64)
					h.MHz = uint32(mhz + 0.5)
				}
			}
		}
		f.Close()
	}
	if khz := readUint("/sys/devices/system/cpu/cpu" + strconv.Itoa(h.Cores[0]) + "/cpufreq/cpuinfo_max_freq"); khz > 0 {
		h.MHz = uint32(khz / 1000)
	}
	switch h.Vendor {
	case "GenuineIntel":
		h.VendorID = 0x8086
	case "AuthenticAMD":
		h.VendorID = 0x1022
	}
	if h.Model == "" {
		h.Model = "CPU"
	}
	h.MemBytes = min(memTotal(), addressSpaceLeft(len(h.Cores)))
	h.readCaches()
	var uts unix.Utsname
	if unix.Uname(&uts) == nil {
		h.KernelName = unix.ByteSliceToString(uts.Sysname[:]) + " " + unix.ByteSliceToString(uts.Release[:])
	}
	if h.MachineID = readString("/etc/machine-id"); h.MachineID == "" {
		h.MachineID = readString("/var/lib/dbus/machine-id")
	}
	return h
}

func memTotal() uint64 {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 1 << 30
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "MemTotal:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 1 << 30
}

func (h *HostInfo) readCaches() {
	dirs, _ := filepath.Glob("/sys/devices/system/cpu/cpu" + strconv.Itoa(h.Cores[0]) + "/cache/index*")
	for _, dir := range dirs {
		level := readUint(dir + "/level")
		kind := readString(dir + "/type")
		size := parseSize(readString(dir + "/size"))
		if line := readUint(dir + "/coherency_line_size"); line > 0 {
			h.CacheLine = uint32(line)
		}
		switch {
		case level == 1 && kind == "Data":
			h.L1DBytes = size
		case level == 2:
			h.L2Bytes = size
		}
		if kind != "Instruction" && size > h.LastCache {
			h.LastCache = size
		}
	}
	if h.L1DBytes == 0 {
		h.L1DBytes = 32 << 10
	}
	if h.LastCache == 0 {
		h.LastCache = 1 << 20
	}
}

func readString(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

func readUint(path string) uint64 {
	v, _ := strconv.ParseUint(readString(path), 10, 64)
	return v
}

// parseSize reads sysfs cache sizes such as "48K" or "2048K" or "32M".
func parseSize(s string) uint64 {
	mult := uint64(1)
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, strings.TrimSuffix(s, "K")
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, strings.TrimSuffix(s, "M")
	}
	v, _ := strconv.ParseUint(s, 10, 64)
	return v * mult
}
