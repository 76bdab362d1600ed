package build

import (
	"strings"
	"testing"

	"gocl/device"
)

// On a CPU with 512-bit vectors, a constant added to a uint16 (directly, or
// through a function that adds its argument) reaches code generation
// through an empty inline assembly statement; constants used otherwise,
// and additions of narrower vectors, stay constants.
func TestOpaqueVectorConstants(t *testing.T) {
	needClang(t)
	if _, dev := device.Root(); dev == nil || dev.FloatVectorBits() < 512 {
		t.Skip("no 512-bit vectors here: the pass does nothing")
	}
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `
uint16 add3(uint16 a, uint16 b, uint16 c) { return a + b + c; }
kernel void steps(global uint16 *io, global uint8 *narrow, int n) {
	size_t g = get_global_id(0);
	uint16 a = io[2 * g], b = io[2 * g + 1];
	uint8 c = narrow[g];
	for (int i = 0; i < n; i++) {
		a = rotate(a + (uint16)0xd76aa478 + (b ^ (a & (uint16)0x0f0f0f0f)), (uint16)7) + b;
		b = rotate(add3(b, (uint16)0xe8c7b756, a), (uint16)12) + a;
		c += (uint8)0x242070db;
	}
	io[2 * g] = a, io[2 * g + 1] = b, narrow[g] = c;
}
`
	_, b := builtProgram(t, src, "")
	h, payload, err := decodeBinary(b.Binary)
	if err != nil || !h.Lazy {
		t.Fatalf("binary: lazy %v, %v", h.Lazy, err)
	}
	ir, err := bitcodeText(payload)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"-680876936", "-389564586"} { // 0xd76aa478, 0xe8c7b756
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
