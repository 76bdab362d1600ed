package build

import (
	"strings"
	"testing"

	"gocl/device"
)

// On a CPU with 512-bit vectors, a module that adds uint16 values is
// marked for the step (addsWideVectors), and in its optimized form a
// constant added to a uint16 (directly, through a function that adds its
// argument, or as hashcat's x + K where x is a zero of a private array,
// a constant only once optimized) reaches code generation through an
// empty inline assembly statement; constants used otherwise, and
// additions of narrower vectors, stay constants.
func TestOpaqueVectorConstants(t *testing.T) {
	needClang(t)
	if _, dev := device.Root(); dev == nil || dev.FloatVectorBits() < 512 {
		t.Skip("no 512-bit vectors here: the pass does nothing")
	}
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `
__attribute__((noinline)) uint16 add3(uint16 a, uint16 b, uint16 c) { return a + b + c; }
kernel void steps(global uint16 *io, global uint8 *narrow, int n) {
	size_t g = get_global_id(0);
	uint16 a = io[2 * g], b = io[2 * g + 1];
	uint8 c = narrow[g];
	uint16 w[4] = { io[0], 0, 0, 0 };
	for (int i = 0; i < n; i++) {
		a = rotate(a + (uint16)0xd76aa478 + (b ^ (a & (uint16)0x0f0f0f0f)), (uint16)7) + b;
		b = rotate(add3(b, (uint16)0xe8c7b756, a), (uint16)12) + a;
		a = rotate(a + (w[1 + (i & 1)] + (uint16)0x242070db) + b, (uint16)17) + b;
		c += (uint8)0xc1bdceee;
	}
	io[2 * g] = a, io[2 * g + 1] = b, narrow[g] = c;
}
`
	_, b := builtProgram(t, src, "")
	h, payload, err := decodeBinary(b.Binary)
	if err != nil || !h.Lazy {
		t.Fatalf("binary: lazy %v, %v", h.Lazy, err)
	}
	m, err := parseBitcode(payload)
	if err != nil {
		t.Fatal(err)
	}
	defer m.dispose()
	if !m.addsWideVectors() {
		t.Fatalf("a module that adds uint16 values is not marked for opaque constants")
	}
	ra, err := loadRegionAPI(m.api.lib)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.runPasses(ra, "default<O3>"); err != nil {
		t.Fatal(err)
	}
	m.opaqueVectorConstants()
	ir, err := bitcodeText(m.bitcode())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"-680876936", "-389564586", "606105819"} { // 0xd76aa478, 0xe8c7b756, 0x242070db
		if !strings.Contains(ir, `asm "", "=v,0"(<16 x i32> <i32 `+k) {
			t.Errorf("the constant %s is not passed through inline assembly", k)
		}
	}
	if strings.Contains(ir, `"=v,0"(<16 x i32> <i32 252645135`) { // 0x0f0f0f0f: and, not add
		t.Errorf("a constant that is not added was made opaque")
	}
	if strings.Contains(ir, `"=v,0"(<8 x i32>`) {
		t.Errorf("a 256-bit vector's constant was made opaque")
	}
}

// A module whose additions are of narrower vectors is not marked.
func TestNarrowAddsNotMarked(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	_, b := builtProgram(t, `kernel void k(global uint8 *io) { io[get_global_id(0)] += (uint8)3; }`, "")
	_, payload, err := decodeBinary(b.Binary)
	if err != nil {
		t.Fatal(err)
	}
	m, err := parseBitcode(payload)
	if err != nil {
		t.Fatal(err)
	}
	defer m.dispose()
	if m.addsWideVectors() {
		t.Errorf("a module that adds only uint8 values is marked for opaque constants")
	}
}
