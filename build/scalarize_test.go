package build

import (
	"strings"
	"testing"
)

// The scalar forms of builtin calls on vectors, read from their mangled
// names; calls that are not element by element have none.
func TestScalarBuiltin(t *testing.T) {
	cases := []struct{ mangled, scalar string }{
		{"_Z3madDv4_fS_S_", "_Z3madfff"},
		{"_Z5clampDv8_fff", "_Z5clampfff"},
		{"_Z4fmaxDv2_dS_", "_Z4fmaxdd"},
		{"_Z7add_satDv4_hS_", "_Z7add_sathh"},
		{"_Z5ldexpDv4_fDv4_i", "_Z5ldexpfi"},
		{"_Z3mixDv4_fS_S0_", ""}, // S0_ names a second vector type there is not
		{"_Z14convert_float4Dv4_i", "_Z13convert_floati"},
		{"_Z22convert_uchar4_sat_rteDv4_f", "_Z21convert_uchar_sat_rtef"},
		{"_Z4sqrtDv8_Dh", "_Z4sqrtDh"},
		{"_Z3maxDv4_iDv2_i", ""}, // two widths
		{"_Z3dotDv4_fS_", ""},    // not element by element
		{"_Z6selectDv4_fS_Dv4_i", ""},
		{"_Z5isnanDv4_f", ""},
		{"_Z3madfff", ""}, // no vector
		{"_Z5frexpDv4_fPU3AS0Dv4_i", ""},
	}
	for _, c := range cases {
		f, ok := scalarBuiltin(c.mangled)
		if got := f.scalar; !ok {
			got = ""
			if c.scalar != "" {
				t.Errorf("%s: no scalar form, want %s", c.mangled, c.scalar)
			}
		} else if got != c.scalar && c.scalar != "" {
			t.Errorf("%s: scalar form %s, want %s", c.mangled, got, c.scalar)
		} else if c.scalar == "" {
			t.Errorf("%s: scalar form %s, want none", c.mangled, got)
		}
	}
}

// A kernel whose vector values all split has none left after the
// work-group stage; one with a call that does not split keeps them all.
func TestScalarizeKernels(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `
kernel void split(global float4 *o, global const uchar4 *c, float a) {
	size_t g = get_global_id(0);
	float4 x = o[g];
	float2 y = vload2(g, (global const float *)c);
	for (int i = 0; i < 16; i++) {
		x = mad(x, (float4)(0.5f), convert_float4(c[i]));
		y = fmin(y * 2.0f, (float2)(3.0f));
	}
	o[g] = x + y.xyxy;
	vstore3(x.xyz, g, (global float *)c);
}
kernel void dots(global const uint *a, global const uint *v, global int *out, int words) {
	size_t i = get_global_id(0), n = get_global_size(0);
	int acc = 0;
	for (int k = 0; k < words; k++)
		acc += dot(as_uchar4(v[k]), as_char4(a[i])) + dot_acc_sat(as_char4(v[k]), as_char4(a[i]), k) +
			dot_4x8packed_su_int(v[k], a[i]) + (int)as_uint(as_uchar4(a[k * n + i]).wzyx);
	out[i] = acc;
}
kernel void packed(global const uint *a, global const uint *v, global int *out, int words) {
	size_t i = get_global_id(0), n = get_global_size(0);
	int acc = 0;
	for (int k = 0; k < words; k++)
		acc += dot_4x8packed_ss_int(a[k * n + i], v[k]) + dot_4x8packed_us_int(a[k * n + i], v[k]);
	out[i] = acc;
}
kernel void relational(global const float4 *in, global float4 *out, int n) {
	int i = get_global_id(0);
	float4 acc = 0.0f;
	for (int k = 0; k < n; k++) {
		float4 v = in[i + k];
		acc = select(acc + v, acc - v, isgreater(v, acc)) * length(v);
		if (any(isnan(v)) || all(v > acc)) acc = 0.0f;
	}
	out[i] = acc;
}
kernel void halves(global const half *in, global half *out, int n) {
	size_t i = get_global_id(0);
	float4 acc = 0.0f;
	for (int k = 0; k < n; k++) acc += vload_half4(i + k, in);
	vstore_half4(acc, i, out);
}
kernel void whole(global float4 *o, float a) {
	size_t g = get_global_id(0);
	float4 x = o[g];
	for (int i = 0; i < 16; i++) x = x * a + shuffle(x, (uint4)(3, 2, 1, 0));
	o[g] = x;
}
`
	_, b := builtProgram(t, src, "-cl-std=CL3.0")
	if !scalarizerReady() {
		t.Skip("this libLLVM's scalarizer does not split loads and stores")
	}
	h, payload, err := decodeBinary(b.Binary)
	if err != nil || !h.Lazy {
		t.Fatalf("binary: lazy %v, %v", h.Lazy, err)
	}
	m, err := parseBitcode(payload)
	if err != nil {
		t.Fatal(err)
	}
	defer m.dispose()
	a, err := loadWGAPI(m.api.lib)
	if err != nil {
		t.Fatal(err)
	}
	vectors := func(name string) int {
		fn := m.api.GetNamedFunction(m.mod, name)
		if fn == 0 {
			t.Fatalf("no function %s", name)
		}
		n := 0
		for bb := m.api.GetFirstBasicBlock(fn); bb != 0; bb = m.api.GetNextBasicBlock(bb) {
			for in := m.api.GetFirstInstruction(bb); in != 0; in = m.api.GetNextInstruction(in) {
				if a.GetTypeKind(a.TypeOf(in)) == typeKindVector {
					n++
				}
			}
		}
		return n
	}
	if n := vectors("split"); n != 0 {
		t.Errorf("split keeps %d vector values", n)
	}
	// The dot products (dot.cl, linked early) sum their lanes with
	// llvm.vector.reduce.add, which splitReduction splits.
	if n := vectors("dots"); n != 0 {
		t.Errorf("dots keeps %d vector values", n)
	}
	if n := vectors("packed"); n != 0 {
		t.Errorf("packed keeps %d vector values", n)
	}
	// The relational and geometric functions are linked early too, and
	// any and all, which instcombine makes bitcasts of a vector of
	// booleans to an integer, become ors and ands (splitMaskTests).
	if n := vectors("relational"); n != 0 {
		t.Errorf("relational keeps %d vector values", n)
	}
	if n := vectors("halves"); n != 0 {
		t.Errorf("halves keeps %d vector values (vload_half4, vstore_half4)", n)
	}
	if n := vectors("whole"); n == 0 {
		t.Errorf("whole was split, though shuffle (a call of a vector builtin, linked later) keeps its vectors whole")
	}
}

// A uchar4 or short2 read or written whole is one 32-bit access, its lanes
// shifts: not four byte loads, which LLVM gathered a byte at a time.
func TestPackNarrowAccesses(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	if !scalarizerReady() {
		t.Skip("this libLLVM's scalarizer does not split loads and stores")
	}
	ir := builtIR(t, "kernel void pixels(global const uchar4 *in, global const short2 *s, global uchar4 *out, global float *g) {\n"+
		"  size_t i = get_global_id(0); uchar4 c = in[i]; short2 d = s[i];\n"+
		"  g[i] = 0.25f * c.x + 0.5f * c.y + d.x - d.y;\n"+
		"  out[i] = (uchar4)(c.z, c.y, c.x, (uchar)(c.w + d.x));\n}\n")
	fn := functionIR(t, ir, "@pixels(")
	for what, want := range map[string]int{"load i32, ": 2, "store i32 ": 1, "load i8, ": 0, "store i8 ": 0, "load i16, ": 0, "load <": 0, "store <": 0} {
		if got := strings.Count(fn, what); got != want {
			t.Errorf("%q: %d in the kernel, want %d\n%s", what, got, want, fn)
		}
	}
}
