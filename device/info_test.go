package device

import (
	"encoding/binary"
	"strconv"
	"strings"
	"testing"

	"gocl/icd"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]uint64{
		"48K": 48 << 10, "2048K": 2 << 20, "32M": 32 << 20, "64": 64, "": 0, "junk": 0,
	} {
		if got := parseSize(in); got != want {
			t.Errorf("parseSize(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestVersionPacking(t *testing.T) {
	v := icd.Version(3, 0, 0)
	if v != 0xc00000 || apiVersion != v {
		t.Fatalf("Version(3,0,0) = %#x", v)
	}
	if v := icd.Version(1, 2, 3); v>>22 != 1 || v>>12&0x3ff != 2 || v&0xfff != 3 {
		t.Fatalf("Version(1,2,3) = %#x", v)
	}
	for _, n := range []uint32{0, 7, 10, 123, 4294967295} {
		if got, want := itoa(n), strconv.FormatUint(uint64(n), 10); got != want {
			t.Errorf("itoa(%d) = %q, want %q", n, got, want)
		}
	}
}

func flags(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

func TestVectorWidths(t *testing.T) {
	cases := []struct {
		name   string
		flags  map[string]bool
		fp16   bool
		fp64   bool
		widths vectorWidths // char short int long half float double
	}{
		{"none (other CPU)", flags(), false, false, vectorWidths{16, 8, 4, 2, 0, 4, 0}},
		{"sse2", flags("sse", "sse2"), false, false, vectorWidths{16, 8, 4, 2, 0, 4, 0}},
		{"avx", flags("sse2", "avx"), false, false, vectorWidths{16, 8, 4, 2, 0, 8, 0}},
		{"avx2", flags("sse2", "avx", "avx2", "fma"), false, false, vectorWidths{16, 16, 8, 4, 0, 8, 0}},
		{"avx512f", flags("avx", "avx2", "avx512f"), false, false, vectorWidths{16, 16, 16, 8, 0, 16, 0}},
		{"avx512bw", flags("avx", "avx2", "avx512f", "avx512bw"), false, false, vectorWidths{16, 16, 16, 8, 0, 16, 0}},
		{"avx512 fp64", flags("avx", "avx2", "avx512f", "avx512bw"), false, true, vectorWidths{16, 16, 16, 8, 0, 16, 8}},
		{"avx2 fp16", flags("avx", "avx2", "f16c"), true, true, vectorWidths{16, 16, 8, 4, 8, 8, 4}},
		{"avx512 fp16", flags("avx", "avx2", "avx512f", "avx512bw", "avx512_fp16"), true, false, vectorWidths{16, 16, 16, 8, 16, 16, 0}},
	}
	for _, c := range cases {
		if got := widthsFor(c.flags, c.fp16, c.fp64); got != c.widths {
			t.Errorf("%s: widths %v, want %v", c.name, got, c.widths)
		}
	}
}

func TestFPConfig(t *testing.T) {
	base := uint64(icd.CL_FP_DENORM | icd.CL_FP_INF_NAN | icd.CL_FP_ROUND_TO_NEAREST | icd.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT)
	if got := fpConfig(flags("sse2")); got != base {
		t.Errorf("no fma: %#x, want %#x", got, base)
	}
	if got := fpConfig(flags("fma")); got != base|icd.CL_FP_FMA {
		t.Errorf("fma: %#x", got)
	}
}

func TestUUID(t *testing.T) {
	a := &HostInfo{Vendor: "GenuineIntel", Model: "Xeon"}
	b := &HostInfo{Vendor: "GenuineIntel", Model: "Core"}
	if a.DeviceUUID() != a.DeviceUUID() {
		t.Fatal("device UUID not deterministic")
	}
	if a.DeviceUUID() == b.DeviceUUID() {
		t.Fatal("different CPUs share a UUID")
	}
	if c := (&HostInfo{Vendor: "GenuineIntel", Model: "Xeon", MachineID: "1234"}); c.DeviceUUID() == a.DeviceUUID() {
		t.Fatal("two machines with the same CPU share a UUID")
	}
	if a.DeviceUUID() == DriverUUID() {
		t.Fatal("device and driver UUIDs equal")
	}
	for _, u := range [][16]byte{a.DeviceUUID(), DriverUUID()} {
		if u[6]>>4 != 5 || u[8]&0xc0 != 0x80 {
			t.Errorf("UUID %x: not RFC 4122 version 5 / variant 1", u)
		}
	}
}

func TestExtensions(t *testing.T) {
	p := &Platform{}
	v, code := p.Info(icd.CL_PLATFORM_EXTENSIONS)
	if code != icd.CL_SUCCESS {
		t.Fatal(code)
	}
	exts := strings.Fields(strings.TrimSuffix(string(v), "\x00"))
	if len(exts) == 0 || exts[0] != "cl_khr_icd" {
		t.Fatalf("platform extensions %q", exts)
	}
	for _, e := range deviceExtensions {
		found := false
		for _, x := range exts {
			found = found || x == e.name
		}
		if !found {
			t.Errorf("device extension %s missing from the platform's", e.name)
		}
	}
	nv, _ := p.Info(icd.CL_PLATFORM_EXTENSIONS_WITH_VERSION)
	if len(nv) != len(exts)*68 {
		t.Errorf("extensions with version: %d bytes for %d extensions", len(nv), len(exts))
	}
	if !ExtensionFunction("clIcdGetPlatformIDsKHR") {
		t.Error("clIcdGetPlatformIDsKHR not offered")
	}
	for _, f := range []string{"clGetPlatformInfo", "clCreateCommandQueueWithPropertiesKHR", "clGetKernelSubGroupInfoKHR", ""} {
		if ExtensionFunction(f) {
			t.Errorf("%q offered as an extension function", f)
		}
	}
	if _, code := p.Info(0xffff); code != icd.CL_INVALID_VALUE {
		t.Errorf("unknown platform query: %d", code)
	}
}

func testDevice(cores int) *Device {
	h := &HostInfo{Flags: flags("avx", "avx2", "fma"), Model: "Test CPU", Vendor: "GenuineIntel", VendorID: 0x8086,
		MemBytes: 8 << 30, CacheLine: 64, LastCache: 8 << 20, L1DBytes: 32 << 10, MHz: 3000}
	for i := 0; i < cores; i++ {
		h.Cores = append(h.Cores, i)
	}
	return &Device{Cores: h.Cores, Host: h}
}

// props makes an at function over a property list; reading past its end
// is a test failure (Partition must stop at the terminator).
func props(t *testing.T, p ...int64) func(int) int64 {
	return func(i int) int64 {
		if i >= len(p) {
			t.Fatalf("Partition read property %d past the end of %v", i, p)
		}
		return p[i]
	}
}

func TestPartition(t *testing.T) {
	const (
		eq  = icd.CL_DEVICE_PARTITION_EQUALLY
		bc  = icd.CL_DEVICE_PARTITION_BY_COUNTS
		end = icd.CL_DEVICE_PARTITION_BY_COUNTS_LIST_END
		aff = icd.CL_DEVICE_PARTITION_BY_AFFINITY_DOMAIN
	)
	d := testDevice(8)
	good := []struct {
		props  []int64
		counts []int
	}{
		{[]int64{eq, 1, 0}, []int{1, 1, 1, 1, 1, 1, 1, 1}},
		{[]int64{eq, 3, 0}, []int{3, 3}},
		{[]int64{eq, 4, 0}, []int{4, 4}},
		{[]int64{bc, 8, end, 0}, []int{8}},
		{[]int64{bc, 2, 6, end, 0}, []int{2, 6}},
		{[]int64{bc, 1, end, 0}, []int{1}},
		{[]int64{bc, 1, 1, 1, 1, 1, 1, 1, 1, end, 0}, []int{1, 1, 1, 1, 1, 1, 1, 1}},
	}
	for _, g := range good {
		counts, pt, code := d.Partition(props(t, g.props...))
		if code != icd.CL_SUCCESS {
			t.Errorf("%v: %s", g.props, icd.ErrorName(code))
			continue
		}
		if len(counts) != len(g.counts) {
			t.Errorf("%v: counts %v, want %v", g.props, counts, g.counts)
			continue
		}
		for i := range counts {
			if counts[i] != g.counts[i] {
				t.Errorf("%v: counts %v, want %v", g.props, counts, g.counts)
			}
		}
		if len(pt) != len(g.props) {
			t.Errorf("%v: partition type %v", g.props, pt)
		}
		for i := range pt {
			if pt[i] != g.props[i] {
				t.Errorf("%v: partition type %v", g.props, pt)
			}
		}
	}
	bad := []struct {
		props []int64
		code  int32
	}{
		{[]int64{0}, icd.CL_INVALID_VALUE},
		{[]int64{0x1234}, icd.CL_INVALID_VALUE},
		{[]int64{aff, 1, 0}, icd.CL_INVALID_VALUE},
		{[]int64{eq, 0, 0}, icd.CL_INVALID_VALUE},
		{[]int64{eq, -2, 0}, icd.CL_INVALID_VALUE},
		{[]int64{eq, 1, eq}, icd.CL_INVALID_VALUE},
		{[]int64{eq, 9, 0}, icd.CL_INVALID_DEVICE_PARTITION_COUNT},
		{[]int64{eq, 8, 0}, icd.CL_DEVICE_PARTITION_FAILED}, // all 8 units: no partition
		{[]int64{bc, end, 0}, icd.CL_INVALID_DEVICE_PARTITION_COUNT},
		{[]int64{bc, -1}, icd.CL_INVALID_DEVICE_PARTITION_COUNT},
		{[]int64{bc, 9}, icd.CL_INVALID_DEVICE_PARTITION_COUNT},
		{[]int64{bc, 4, 5, end, 0}, icd.CL_INVALID_DEVICE_PARTITION_COUNT},
		{[]int64{bc, 1, 1, 1, 1, 1, 1, 1, 1, 1}, icd.CL_INVALID_DEVICE_PARTITION_COUNT},
		{[]int64{bc, 1, end, eq}, icd.CL_INVALID_VALUE},
	}
	for _, b := range bad {
		if _, _, code := d.Partition(props(t, b.props...)); code != b.code {
			t.Errorf("%v: %s, want %s", b.props, icd.ErrorName(code), icd.ErrorName(b.code))
		}
	}
	one := testDevice(1)
	for _, p := range [][]int64{{eq, 1, 0}, {eq, 2, 0}, {bc, 1, end, 0}, {bc, 2, end, 0}, {bc, 1, 1, end, 0}} {
		if _, _, code := one.Partition(props(t, p...)); code != icd.CL_DEVICE_PARTITION_FAILED {
			t.Errorf("1 core, %v: %s", p, icd.ErrorName(code))
		}
	}
}

func TestDeviceInfoAnswers(t *testing.T) {
	d := testDevice(4)
	sizes := map[uint32]int{
		icd.CL_DEVICE_TYPE: 8, icd.CL_DEVICE_MAX_COMPUTE_UNITS: 4, icd.CL_DEVICE_MAX_WORK_GROUP_SIZE: 8,
		icd.CL_DEVICE_MAX_WORK_ITEM_SIZES: 24, icd.CL_DEVICE_GLOBAL_MEM_SIZE: 8, icd.CL_DEVICE_IMAGE_SUPPORT: 4,
		icd.CL_DEVICE_UUID_KHR: 16, icd.CL_DEVICE_LUID_KHR: 8, icd.CL_DEVICE_PARTITION_TYPE: 0,
		icd.CL_DEVICE_PARTITION_PROPERTIES: 16, icd.CL_DEVICE_SVM_CAPABILITIES: 8, icd.CL_DEVICE_LOCAL_MEM_SIZE: 8,
		icd.CL_DEVICE_IMAGE_MAX_BUFFER_SIZE: 8, icd.CL_DEVICE_OPENCL_C_ALL_VERSIONS: 0,
	}
	for p, n := range sizes {
		v, code := d.Info(p)
		if code != icd.CL_SUCCESS || len(v) != n {
			t.Errorf("query %#x: %d bytes, code %d; want %d bytes", p, len(v), code, n)
		}
	}
	v, _ := d.Info(icd.CL_DEVICE_MAX_COMPUTE_UNITS)
	if v[0] != 4 {
		t.Errorf("compute units %v", v)
	}
	v, _ = d.Info(icd.CL_DEVICE_NAME)
	if string(v) != "Test CPU\x00" {
		t.Errorf("name %q", v)
	}
	v, _ = d.Info(icd.CL_DEVICE_COMPILER_AVAILABLE)
	if v[0] != 0 {
		t.Error("compiler claimed")
	}
	if _, code := d.Info(0xffff); code != icd.CL_INVALID_VALUE {
		t.Errorf("unknown device query: %d", code)
	}
	// The largest image buffer is capped at int coordinates.
	big := testDevice(1)
	big.Host.MemBytes = 1 << 40
	if n := big.ImageMaxBufferSize(); n != ImageMaxCoordinate {
		t.Errorf("image max buffer %d on a 1 TiB host", n)
	}
	small := testDevice(1)
	small.Host.MemBytes = 1 << 20
	if n := small.ImageMaxBufferSize(); n != 65536 {
		t.Errorf("image max buffer %d on a 1 MiB host", n)
	}
}

// Half precision is claimed exactly when the compiler defines
// __opencl_c_fp16: CL_DEVICE_HALF_FP_CONFIG and the half vector widths are
// 0 without it, and the configuration the builtin library provides with it.
func TestHalfFollowsCompilerFeature(t *testing.T) {
	d := testDevice(2)
	compilerAvailable() // settle the lists (no compiler in this package's tests)
	saved := openCLCFeatures
	defer func() { openCLCFeatures = saved }()
	for _, on := range []bool{false, true} {
		openCLCFeatures = nil
		if on {
			openCLCFeatures = []icd.NameVersion{icd.NV("__opencl_c_fp16", icd.Version(3, 0, 0))}
		}
		v, code := d.Info(icd.CL_DEVICE_HALF_FP_CONFIG)
		want := uint64(0)
		if on {
			want = icd.CL_FP_DENORM | icd.CL_FP_INF_NAN | icd.CL_FP_ROUND_TO_NEAREST | icd.CL_FP_FMA
		}
		if code != icd.CL_SUCCESS || len(v) != 8 || binary.LittleEndian.Uint64(v) != want {
			t.Errorf("fp16 %v: CL_DEVICE_HALF_FP_CONFIG %x (code %d), want %#x", on, v, code, want)
		}
		for _, q := range []uint32{icd.CL_DEVICE_PREFERRED_VECTOR_WIDTH_HALF, icd.CL_DEVICE_NATIVE_VECTOR_WIDTH_HALF} {
			v, _ := d.Info(q)
			if w := binary.LittleEndian.Uint32(v); (w != 0) != on {
				t.Errorf("fp16 %v: query %#x answers width %d", on, q, w)
			}
		}
	}
}
