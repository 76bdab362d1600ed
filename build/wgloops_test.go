package build

import (
	"fmt"
	"strings"
	"testing"

	"gocl/device"
)

// Which kernels become work-group functions with work-item loops: all
// but those whose barriers sit in divergent code and those that
// synchronize through memory with neither a barrier nor a uniform loop (a
// spin lock), which keep their other paths. tests/vectorize.c checks the
// results of such kernels through the loader.
func TestWorkGroupLoopsChoice(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `
kernel void uniform_loop(global float *o, int n) {
	float acc = get_global_id(0);
	for (int i = 0; i < n; i++) acc = acc * 0.5f + 1.0f;
	o[get_global_id(0)] = acc;
}
kernel void straight(global float *o) { o[get_global_id(0)] *= 2.0f; }
kernel void spin(global int *lk, global int *o) {
	while (atomic_cmpxchg(lk, 0, 1) != 0) ;
	o[0] += 1;
	atomic_xchg(lk, 0);
}
kernel void divergent_loop(global int *o) {
	int x = get_global_id(0), c = 0;
	while (x > 1) { x = (x & 1) ? 3 * x + 1 : x / 2; c++; }
	o[get_global_id(0)] = c;
}
kernel void two_exits(global int *o) {
	int x = get_global_id(0), c = 0;
	while (x > 1) { o[x & 63] += 1; if (o[x & 31] == 7) break; x = (x & 1) ? 3 * x + 1 : x / 2; c++; }
	o[get_global_id(0)] = c;
}
kernel void reduce(global float *o, local float *s) {
	size_t l = get_local_id(0);
	s[l] = o[get_global_id(0)];
	barrier(CLK_LOCAL_MEM_FENCE);
	for (size_t k = get_local_size(0) / 2; k > 0; k >>= 1) {
		if (l < k) s[l] += s[l + k];
		barrier(CLK_LOCAL_MEM_FENCE);
	}
	if (l == 0) o[get_group_id(0)] = s[0];
}
kernel void divergent_barrier(global float *o, local float *s) {
	if (o[0] > 0.0f) { s[get_local_id(0)] = 1.0f; barrier(CLK_LOCAL_MEM_FENCE); }
	else { s[get_local_id(0)] = 2.0f; barrier(CLK_LOCAL_MEM_FENCE); }
	o[get_global_id(0)] = s[0];
}
kernel void guarded(global float *o, int n, int m) {
	int g = get_global_id(0);
	if (g >= n) return;
	float acc = 0.0f;
	for (int i = 0; i < m; i++) acc = acc * 0.5f + g;
	o[g] = acc;
}
kernel void guarded_barrier(global float *o, local float *s) {
	if (o[0] > 0.0f) { s[get_local_id(0)] = 1.0f; barrier(CLK_LOCAL_MEM_FENCE); }
	o[get_global_id(0)] = s[0];
}
kernel void histogram(global const float *in, global float *out, int w) {
	local uint bins[64];
	int l = get_local_id(0) + get_local_id(1) * get_local_size(0);
	int ls = get_local_size(0) * get_local_size(1);
	for (int b = l; b < 64; b += ls) bins[b] = 0;
	barrier(CLK_LOCAL_MEM_FENCE);
	int i = get_global_id(0) + get_global_id(1) * w;
	atomic_inc(&bins[((int)in[i]) & 63]);
	barrier(CLK_LOCAL_MEM_FENCE);
	int g = get_group_id(0) + get_group_id(1) * get_num_groups(0);
	for (int b = l; b < 64; b += ls) out[g * 64 + b] = bins[b];
}
kernel void vloads(global const uchar *s, global uchar *d, int cols) {
	int x = get_global_id(0);
	if (x < cols) { uchar3 p = vload3(x, s); vstore3(p.zyx, x, d); }
}
`
	_, b := builtProgram(t, src, "")
	// A guard (a branch that skips or enters a region) runs its body
	// under a mask: the body's loops and barriers stay uniform.
	// A loop each work-item leaves at its own iteration runs in lockstep
	// under a mask (and its entry test is a guard); one with two such
	// exits runs work-item by work-item (a divergent region); a spin lock
	// keeps the plain work-item loop. A barrier in the block that ends
	// with a divergent branch (histogram's second) is not in the region.
	want := map[string]bool{"uniform_loop": true, "straight": true, "divergent_loop": true, "two_exits": true, "spin": false,
		"reduce": true, "guarded": true, "guarded_barrier": true, "vloads": true, "histogram": true}
	for _, k := range b.Kernels {
		if w, ok := want[k.Name]; ok && k.Regions != w {
			t.Errorf("%s: work-group function %v, want %v", k.Name, k.Regions, w)
		}
		if k.Name == "uniform_loop" && k.PrivateBytes == 0 {
			t.Errorf("uniform_loop keeps nothing per work-item (acc must be)")
		}
	}
	// The loops each runs (the automatic local size follows them).
	loops := map[string]device.KernelLoops{"uniform_loop": device.LoopsUniform, "straight": device.LoopsNone,
		"divergent_loop": device.LoopsDivergent, "two_exits": device.LoopsDivergent, "spin": device.LoopsUnknown,
		"reduce": device.LoopsUniform, "guarded": device.LoopsUniform, "guarded_barrier": device.LoopsNone}
	for _, k := range b.Kernels {
		if w, ok := loops[k.Name]; ok && k.Loops != w {
			t.Errorf("%s: loops %q, want %q", k.Name, k.Loops, w)
		}
	}
	// Divergent barriers: the region transform or fibers, never the loops.
	t.Setenv("GOCL_NO_REGIONS", "1")
	_, b = builtProgram(t, src, "")
	for _, k := range b.Kernels {
		if k.Name == "divergent_barrier" && k.Regions {
			t.Errorf("divergent_barrier became a work-group function")
		}
	}
	// GOCL_NO_WILOOPS turns the transform off.
	t.Setenv("GOCL_NO_REGIONS", "")
	t.Setenv("GOCL_NO_WILOOPS", "1")
	_, b = builtProgram(t, src, "")
	for _, k := range b.Kernels {
		if k.Name == "uniform_loop" && k.Regions {
			t.Errorf("GOCL_NO_WILOOPS=1: uniform_loop still transformed")
		}
	}
}

// A work-item loop over half values asks for a vectorization width of one
// fp32 vector (LLVM's cost model otherwise picks 4 lanes); one over floats
// leaves the width to the vectorizer.
func TestHalfLoopsWide(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	for _, c := range []struct {
		src  string
		wide bool
	}{
		{"#pragma OPENCL EXTENSION cl_khr_fp16 : enable\n" +
			"kernel void k(global const half *a, global half *c, int n) {\n" +
			"	half acc = 0.0h;\n" +
			"	for (int i = 0; i < n; i++) acc = fma(a[i * n + get_global_id(0)], a[i], acc);\n" +
			"	c[get_global_id(0)] = acc;\n}\n", true},
		{"kernel void k(global const float *a, global float *c, int n) {\n" +
			"	float acc = 0.0f;\n" +
			"	for (int i = 0; i < n; i++) acc = fma(a[i * n + get_global_id(0)], a[i], acc);\n" +
			"	c[get_global_id(0)] = acc;\n}\n", false},
	} {
		ir := builtIR(t, c.src)
		if got := strings.Contains(ir, "llvm.loop.vectorize.width"); got != c.wide {
			t.Errorf("wide %v, want %v, for\n%s", got, c.wide, c.src)
		}
	}
}

// A work-item loop over a large body with few stores runs its last
// work-items under a mask (no scalar copy of the body); one with many
// stores, or a small one, keeps the copy.
func TestFoldTail(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	mix := func(name string, steps int, store bool) string {
		var b strings.Builder
		fmt.Fprintf(&b, "kernel void %s(global uint *out) {\n  size_t i = get_global_id(0); uint x = (uint)i, y = x * 7u;\n", name)
		for k := 0; k < steps; k++ {
			fmt.Fprintf(&b, "  x = rotate(x ^ y, %du) + %du; y = y * 5u + (x >> 3);\n", k%31+1, k*0x9e3779b9&0xffffffff)
			if store {
				fmt.Fprintf(&b, "  out[i * %d + %d] = y;\n", steps, k)
			}
		}
		b.WriteString("  out[i] = x ^ y;\n}\n")
		return b.String()
	}
	ir := builtIR(t, mix("large", 250, false)+mix("stores", 250, true)+mix("small", 20, false))
	for kernel, want := range map[string]bool{"large": true, "stores": false, "small": false} {
		hints := loopHints(ir, functionIR(t, ir, "@"+kernel+"("), "llvm.loop.vectorize.predicate.enable")
		if got := len(hints) > 0; got != want {
			t.Errorf("%s: tail folded %v (%q), want %v", kernel, got, hints, want)
		}
	}
}

// A kernel that reads a y or z id is likely launched in short rows: its
// generic work-item loops are not interleaved (4 vectors an iteration left
// a row of 16 to the scalar remainder); a 1D kernel's are left to LLVM.
// Shaped for 16×16 groups, a row loop of two vectors is not unrolled
// either: LLVM unrolled the 16 iterations completely and vectorized the
// loop over rows instead, with gathers (the transpose ran at a third of
// its speed).
func TestShortRows(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := "kernel void transpose(global const float *in, global float *out, int w, int h) {\n" +
		"  local float tile[16][17];\n" +
		"  int x = get_global_id(0), y = get_global_id(1), lx = get_local_id(0), ly = get_local_id(1);\n" +
		"  tile[ly][lx] = in[y * w + x];\n  barrier(CLK_LOCAL_MEM_FENCE);\n" +
		"  out[(get_group_id(0) * 16 + ly) * h + get_group_id(1) * 16 + lx] = tile[lx][ly]; }\n" +
		"kernel void flat(global float *a) { size_t i = get_global_id(0); a[i] = a[i] * 2.0f + 1.0f; }\n"
	ir := builtIR(t, src)
	for kernel, want := range map[string]string{"transpose": "i32 1 i32 1", "flat": ""} {
		got := strings.Join(loopHints(ir, functionIR(t, ir, "@"+kernel+"("), "llvm.loop.interleave.count"), " ")
		if got != want {
			t.Errorf("generic %s: work-item loops interleaved %q, want %q", kernel, got, want)
		}
	}
	shaped := shapedIR(t, src, [3]uint64{16, 16, 1})
	fn := functionIR(t, shaped, "@transpose(")
	if n, loops := len(loopHints(shaped, fn, "llvm.loop.unroll.disable")), len(loopHints(shaped, fn, "llvm.loop.parallel_accesses")); n != 2 || loops != 2 {
		t.Errorf("shaped transpose: %d of %d parallel work-item loops not unrolled, want 2 of 2", n, loops)
	}
}

// A work-group function computes the address of each kernel-scope __local
// array once, in its entry: referred to directly, the thread-local arrays
// cost a TLS descriptor call in every block that uses them (a tiled
// matrix multiply made 11 such calls, some in its loops).
func TestThreadLocalsHoisted(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := "kernel void k(global const float *a, global float *c, int n) {\n" +
		"	local float ta[64], tb[64];\n" +
		"	size_t l = get_local_id(0);\n" +
		"	float acc = 0.0f;\n" +
		"	for (int i = 0; i < n; i += 64) {\n" +
		"		ta[l] = a[i + l]; tb[l] = a[i + l + n];\n" +
		"		barrier(CLK_LOCAL_MEM_FENCE);\n" +
		"		for (int j = 0; j < 64; j++) acc += ta[j] * tb[(j + l) % 64];\n" +
		"		barrier(CLK_LOCAL_MEM_FENCE);\n" +
		"	}\n" +
		"	c[get_global_id(0)] = acc;\n}\n"
	body := functionIR(t, builtIR(t, src), " @k(")
	entry, _, _ := strings.Cut(body, "\n\n")
	calls := strings.Count(body, "@llvm.threadlocal.address")
	if calls != 2 || strings.Count(entry, "@llvm.threadlocal.address") != 2 {
		t.Errorf("%d TLS address calls (want 2, both in the entry block) in\n%s", calls, body)
	}
	for _, g := range []string{"@k.ta", "@k.tb"} {
		if n := strings.Count(body, g); n != 1 {
			t.Errorf("%s named %d times (want once, by its address call) in\n%s", g, n, body)
		}
	}
}

// builtIR is the text of the program src builds to (its work-group
// functions, before code generation).
func builtIR(t *testing.T, src string) string {
	t.Helper()
	_, b := builtProgram(t, src, "")
	_, payload, err := decodeBinary(b.Binary)
	if err != nil {
		t.Fatal(err)
	}
	ir, err := bitcodeText(payload)
	if err != nil {
		t.Fatal(err)
	}
	return ir
}

// functionIR is the text of the function whose definition line holds
// head (" @k(") in ir, to its closing brace.
func functionIR(t *testing.T, ir, head string) string {
	t.Helper()
	start := strings.Index(ir, head)
	if start < 0 {
		t.Fatalf("no function %q in\n%s", head, ir)
	}
	body := ir[start:]
	return body[:strings.Index(body, "\n}\n")]
}

// A small switch on a value that varies by work-item becomes branches (LLVM
// 19's vectorizer gives up on a loop that holds a switch); a module with a
// switch of many cases keeps its switches, and so its jump tables. In
// shaped code, the value the branches merge is stored once after them, not
// in every branch (a masked store per branch once vectorized).
func TestSmallSwitches(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	small := "kernel void k(global const float *in, global float *out) {\n" +
		"  size_t i = get_global_id(0); float x = in[i], r;\n" +
		"  switch (((int)x) & 3) { case 0: r = x * 2.0f; break; case 1: r = sqrt(x); break;\n" +
		"    case 2: r = x - 7.0f; break; default: r = 1.0f / (x + 1.0f); }\n" +
		"  out[i] = r;\n}\n"
	fn := functionIR(t, builtIR(t, small), "@k(")
	if strings.Contains(fn, "switch ") {
		t.Errorf("small switch kept:\n%s", fn)
	}
	shaped := functionIR(t, shapedIR(t, small, [3]uint64{64, 4, 1}), "@k(")
	if n := strings.Count(shaped, "store float"); n != 3 {
		t.Errorf("shaped: %d float stores (want 3: x kept for the branches, the merged value once, out[i]) in\n%s", n, shaped)
	}
	var big strings.Builder
	big.WriteString("kernel void b(global const int *in, global int *out) {\n  size_t i = get_global_id(0); int r;\n  switch (in[i]) {\n")
	for c := 0; c <= maxLoweredCases; c++ {
		fmt.Fprintf(&big, "  case %d: r = in[i + %d] * %d; break;\n", c, c+1, c+3)
	}
	big.WriteString("  default: r = 0; }\n  out[i] = r;\n}\n")
	ir := builtIR(t, small+big.String())
	for _, k := range []string{"@k(", "@b("} {
		if fn := functionIR(t, ir, k); !strings.Contains(fn, "switch ") {
			t.Errorf("%s: a module with a switch of %d cases lowered its switches", k, maxLoweredCases+1)
		}
	}
}

// Loops of a constant trip count are unrolled before small loops are
// marked for 8 copies, but for loops that are one block of arithmetic.
// A sorting network over a private array (a 3x3 median) is a nest: with
// its inner loop marked first, the nest stayed a loop over a private array
// kept per work-item (296 bytes), and the kernel ran 24x slower; unrolled,
// the array becomes registers and no loop is left. A filter's taps over a
// constant table unroll too (its sum stays in a register: 3x faster),
// while a Horner polynomial stays a uniform loop with the work-item loop
// inside it (unrolled, it was one dependent chain per work-item: 2x
// slower).
func TestCompleteUnrolling(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `
kernel void median(global const float *in, global float *out, int w, int h) {
	int x = get_global_id(0), y = get_global_id(1);
	float v[9]; int n = 0;
	for (int dy = -1; dy <= 1; dy++)
		for (int dx = -1; dx <= 1; dx++)
			v[n++] = in[clamp(y + dy, 0, h - 1) * w + clamp(x + dx, 0, w - 1)];
	for (int a = 0; a < 9; a++)
		for (int b = a + 1; b < 9; b++)
			if (v[b] < v[a]) { float t = v[a]; v[a] = v[b]; v[b] = t; }
	out[y * w + x] = v[4];
}
constant float coef[16] = {1, 2, 3, 5, 7, 9, 11, 12, 12, 11, 9, 7, 5, 3, 2, 1};
kernel void fir(global const float *in, global float *out, int n) {
	int i = get_global_id(0); float s = 0.0f;
	for (int k = 0; k < 16; k++) { int j = i + k; s += coef[k] * in[j < n ? j : n - 1]; }
	out[i] = s;
}
kernel void horner(global const float *in, global float *out) {
	int i = get_global_id(0); float x = in[i] * 0.01f, acc = 0.0f;
	for (int k = 0; k < 32; k++) acc = acc * x + (float)(k + 1) * 1e-3f;
	out[i] = acc;
}
`
	_, b := builtProgram(t, src, "")
	want := map[string]device.KernelLoops{"median": device.LoopsNone, "fir": device.LoopsNone, "horner": device.LoopsUniform}
	for _, k := range b.Kernels {
		if !k.Regions || k.Loops != want[k.Name] || k.Name == "median" && k.PrivateBytes != 0 {
			t.Errorf("%s: work-group function %v, %d bytes per work-item, loops %q; want true, loops %q (median: no bytes)",
				k.Name, k.Regions, k.PrivateBytes, k.Loops, want[k.Name])
		}
	}
}

// A guard on x and y in one condition (`if (x >= w || y >= h) return;`)
// is a run of x and a test per row: no mask per work-item. Shaped code
// passes each row's y through an opaque copy (opaqueRowIDs).
func TestRowGuards(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := "kernel void k(global const float4 *in, global float4 *out, int w, int h) {\n" +
		"  int x = get_global_id(0), y = get_global_id(1), i = y * w + x;\n" +
		"  if (x >= w || y >= h) return;\n" +
		"  float4 v = in[i]; out[i] = v * (v.x + v.y + v.z + v.w);\n}\n" +
		"kernel void m(global int *out, int n) {\n" +
		"  int x = get_global_id(0); if (out[x] > n) out[x] = n; }\n"
	_, b := builtProgram(t, src, "")
	for _, k := range b.Kernels {
		if k.Name == "k" && (!k.Regions || k.PrivateBytes != 0) {
			t.Errorf("k: work-group function %v with %d bytes per work-item, want one with none (no mask)", k.Regions, k.PrivateBytes)
		}
		if k.Name == "m" && (!k.Regions || k.PrivateBytes == 0) {
			t.Errorf("m: work-group function %v with %d bytes per work-item, want a mask (its guard reads memory)", k.Regions, k.PrivateBytes)
		}
	}
	ir := builtIR(t, src)
	if fn := functionIR(t, ir, "@k("); !strings.Contains(fn, "wi.anyrow") {
		t.Errorf("k: no loop over the rows' conditions:\n%s", fn)
	}
	if fn := functionIR(t, shapedIR(t, src, [3]uint64{64, 4, 1}), "@k("); !strings.Contains(fn, "wi.yopaque") {
		t.Errorf("shaped k: the rows' y is not opaque:\n%s", fn)
	}
}

// A loop each work-item leaves at its own iteration runs in lockstep
// unless it is mostly gathers (gathers.go): a sparse row's products run
// work-item by work-item (a divergent region), while a loop that does
// enough arithmetic for its gather, and one whose loads are consecutive
// across work-items (a grid-stride loop), stay in lockstep (wi.any: the
// test that some lane is still in the loop).
func TestGatherLoops(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `
kernel void csr(global const int *rows, global const int *cols, global const float *vals, global const float *x, global float *y) {
	int r = get_global_id(0);
	float s = 0.0f;
	for (int k = rows[r]; k < rows[r + 1]; k++) s += vals[k] * x[cols[k]];
	y[r] = s;
}
kernel void poly(global const float *tbl, global float *out) {
	int r = get_global_id(0), cnt = 1 + (r * 13) % 15;
	uint idx = r * 2654435761u;
	float acc = 0.5f;
	for (int k = 0; k < cnt; k++) {
		idx = idx * 1664525u + 1013904223u;
		float v = tbl[idx & 1023];
		acc = ((((((acc * v + 0.25f) * v + 0.5f) * v + 0.75f) * v + 1.0f) * v + 1.25f) * v + 1.5f) * v + 1.75f;
	}
	out[r] = acc;
}
kernel void strided(global const float *in, global float *out, int n) {
	int i = get_global_id(0);
	float s = 0.0f;
	for (int k = i; k < n; k += 64) s += in[k];
	out[i] = s;
}
`
	ir := builtIR(t, src)
	for kernel, lockstep := range map[string]bool{"csr": false, "poly": true, "strided": true} {
		fn := functionIR(t, ir, "@"+kernel+"(")
		if got := strings.Contains(fn, "wi.any"); got != lockstep || strings.Contains(fn, "wg.region") == lockstep {
			t.Errorf("%s: in lockstep %v (a divergent region %v), want %v", kernel, got, strings.Contains(fn, "wg.region"), lockstep)
		}
	}
}
