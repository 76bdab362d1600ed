package build

import (
	"testing"

	"gocl/icd"
)

func TestGuessKernels(t *testing.T) {
	src := `// a comment: kernel void not_this(int x) {}
#define N 4
typedef struct { int a; } S;
/* kernel void nor_this() {} */
__kernel __attribute__((reqd_work_group_size(N, 1, 1))) void b(__global const float * restrict in, local int *t, S s, uint4 v) { }
kernel void a(read_only image2d_t img, sampler_t smp, __constant float *c, write_only image1d_t out) {
	const char *s = "kernel void in_a_string(int x) {}";
}
kernel void decl(global int *p);
kernel void none(void) {}
typedef union { uint u; int i; } cb_t;
__kernel __attribute__((reqd_work_group_size (128,1,1)))
void fft(__constant cb_t *cb __attribute__((max_constant_size(32))), __global float2 * restrict gb) {}
`
	ks, guards, ok := guessKernels(src)
	if len(guards) != 0 {
		t.Errorf("guards: %+v", guards)
	}
	if !ok || len(ks) != 4 || ks[0].Name != "a" || ks[1].Name != "b" || ks[2].Name != "fft" || ks[3].Name != "none" || len(ks[3].Args) != 0 {
		t.Fatalf("guess: %v %+v", ok, ks)
	}
	if f := ks[2].Args; len(f) != 2 || f[0].Name != "cb" || f[0].Type != "cb_t*" || f[0].Kind != ArgBuffer ||
		f[0].AddrSpace != icd.CL_KERNEL_ARG_ADDRESS_CONSTANT || f[1].Type != "float2*" {
		t.Errorf("fft (an attribute after a parameter's name): %+v", f)
	}
	a, b := ks[0].Args, ks[1].Args
	if len(a) != 4 || a[0].Kind != ArgImage || a[0].Image != "image2d_t" || a[1].Kind != ArgSampler ||
		a[2].Kind != ArgBuffer || a[2].Type != "float*" || a[3].Kind != ArgImage || a[3].Access == a[0].Access {
		t.Errorf("a: %+v", a)
	}
	if len(b) != 4 || b[0].Kind != ArgBuffer || b[0].Type != "float*" || b[1].Kind != ArgLocal || b[1].Type != "int*" ||
		b[2].Kind != ArgValue || b[2].Type != "S" || b[3].Type != "uint4" {
		t.Errorf("b: %+v", b)
	}
	// What the metadata spells differently, or the text does not show, is
	// not guessed: the front end then runs twice.
	for _, bad := range []string{
		"kernel void k(global unsigned int *p) {}",
		"kernel void k(struct S s) {}",
		"#define K kernel void k\nK(int x) {}\nkernel void j(float *p) {}",
		"kernel void k(int x) {} kernel void k(int y) {}",
	} {
		if ks, _, ok := guessKernels(bad); ok {
			t.Errorf("%q guessed: %+v", bad, ks)
		}
	}
}

// Kernels inside conditional directives have their guards: the
// directives that open each level, and the #elif and #else before.
func TestGuessGuards(t *testing.T) {
	src := "#if A\nkernel void a(int x) {}\n#elif defined(B) \\\n  || C\nkernel void b(int x) {}\n#else\n#ifdef D\n#endif\n" +
		"kernel void c(int x) {}\n#ifndef E\nkernel void d(int x) {}\n#endif\n#endif\nkernel void e(int x) {}\n"
	ks, guards, ok := guessKernels(src)
	if !ok || len(ks) != 5 {
		t.Fatalf("guess: %v %+v", ok, ks)
	}
	want := map[string]guard{
		"a": {"#if A\n", 1},
		"b": {"#if A\n#elif defined(B) \\\n  || C\n", 1},
		"c": {"#if A\n#elif defined(B) \\\n  || C\n#else\n", 1},
		"d": {"#if A\n#elif defined(B) \\\n  || C\n#else\n#ifndef E\n", 2},
	}
	if len(guards) != len(want) {
		t.Errorf("guards: %+v", guards)
	}
	for k, g := range want {
		if guards[k] != g {
			t.Errorf("%s: guard %+v, want %+v", k, guards[k], g)
		}
	}
}

// A plain source takes one front-end pass, also with types spelled by
// macros; a kernel made by a macro is found by the second; a wrong guess
// costs a third.
func TestFrontEndPasses(t *testing.T) {
	needClang(t)
	for _, c := range []struct {
		src    string
		passes int64
	}{
		{"kernel void k(global float *a, float s) { a[get_global_id(0)] *= s; }", 1},
		{"#define KERNEL(n) kernel void n(global float *a) { a[0] = 1; }\nKERNEL(k)", 2},
		// Kernels the preprocessor leaves out (CLBlast's): their entry
		// points go with them.
		{"#ifdef SYRK\nkernel void upper(global float *a) { a[0] = 1; }\n#else\nkernel void k(global float *a) { a[0] = 2; }\n#endif\n", 1},
		// Types spelled by macros (CLBlast's): the guess holds.
		{"#define real float\n#define realV float4\nkernel void k(global realV *a, const real s, local real *t) { a[0] *= s; }", 1},
		// A macro that means another type at the end of the source than
		// where the kernel is declared: the value would be converted, so
		// the guess is dropped after its pass.
		{"#define real float\nkernel void k(global float *a, const real s) { a[0] *= s; }\n#undef real\n#define real int", 3},
	} {
		before := frontEndPasses.get()
		obj, log, err := CompileSource(c.src, nil, &Options{})
		if err != nil {
			t.Fatalf("%v\n%s", err, log)
		}
		if n := frontEndPasses.get() - before; n != c.passes || len(obj.Kernels) != 1 || obj.Kernels[0].Name != "k" {
			t.Errorf("%q: %d passes, kernels %+v", c.src, n, obj.Kernels)
		}
	}
}
