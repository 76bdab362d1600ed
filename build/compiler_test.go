package build

import (
	"os/exec"
	"strings"
	"testing"

	"gocl/icd"
)

func needClang(t *testing.T) {
	t.Helper()
	if _, _, err := findClang(); err != nil {
		t.Skip("no clang:", err)
	}
	if _, err := loadLLVM(); err != nil {
		t.Skip("no libLLVM:", err)
	}
	if _, err := exec.LookPath("ld"); err != nil {
		t.Skip("no linker")
	}
}

func TestParseOptions(t *testing.T) {
	o, err := ParseOptions(`-D N=4 -DM -I "/a b" -cl-std=CL3.0 -cl-mad-enable -cl-kernel-arg-info -w`, false)
	if err != nil {
		t.Fatal(err)
	}
	if o.Std != "CL3.0" || !o.KernelArgInfo || strings.Join(o.Clang, " ") != "-DN=4 -DM -I/a b -cl-mad-enable -w" {
		t.Fatalf("parsed %+v", o)
	}
	for _, bad := range []string{"-foo", "-cl-std=CL9.9", "-D", `"unterminated`} {
		if _, err := ParseOptions(bad, false); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := ParseOptions("-create-library -enable-link-options -cl-fast-relaxed-math", true); err != nil {
		t.Fatal(err)
	}
	if _, err := ParseOptions("-D X", true); err == nil {
		t.Errorf("-D accepted as a link option")
	}
}

func TestCompileAndLoad(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `
typedef struct { int a; float b; } S;
kernel void add(global float *a, const global float *b, float s, S st, local int *scratch) {
	size_t i = get_global_id(0);
	a[i] = b[i] + s + st.b;
}
kernel __attribute__((reqd_work_group_size(4, 1, 1))) void tile(global int *o) {
	local int t[4];
	t[get_local_id(0)] = (int)get_global_id(0);
	barrier(CLK_LOCAL_MEM_FENCE);
	o[get_global_id(0)] = t[3 - get_local_id(0)];
}
kernel void img(read_only image2d_t i) {}
`
	obj, log, err := CompileSource(src, nil, &Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	if len(obj.Kernels) != 3 {
		t.Fatalf("kernels: %+v", obj.Kernels)
	}
	add, tile, img := obj.Kernels[0], obj.Kernels[2], obj.Kernels[1]
	if add.Name != "add" || len(add.Args) != 5 || add.Args[1].TypeQual&0x1 == 0 || add.Args[4].Kind != ArgLocal || add.UsesBarrier {
		t.Errorf("add: %+v", add)
	}
	if tile.Name != "tile" || !tile.UsesBarrier || tile.ReqdWGSize != [3]uint64{4, 1, 1} {
		t.Errorf("tile: %+v", tile)
	}
	if !img.Launchable || img.Args[0].Kind != ArgImage {
		t.Errorf("img: %+v", img)
	}
	b, code := linkObjects([]*CompiledObject{obj}, []buildMeta{{}}, &Options{}, "")
	if code != icd.CL_SUCCESS {
		t.Fatalf("link: %d\n%s", code, b.Log)
	}
	before := kernelsCompiled.get()
	e, err := b.Exec.Code("add")
	if err != nil {
		t.Fatal(err)
	}
	if e.Loop == 0 && e.Groups == 0 || len(e.ArgSizes) != 5 || e.ArgSizes[2] != 4 || e.ArgSizes[3] != 8 || e.ArgSizes[0] != 8 {
		t.Errorf("add entry: %+v", e)
	}
	if n := kernelsCompiled.get() - before; n != 1 {
		t.Errorf("%d kernels compiled for one", n)
	}
}

// A type of the program's own whose name begins with "image" is not a
// multi-sample image: the CTS's kernel_image_methods passes a pointer to
// image_kernel_data, and its kernels were not launchable
// (CL_INVALID_KERNEL_DEFINITION).
func TestImageNamedTypesAreLaunchable(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `
typedef struct { int width; } image_kernel_data;
kernel void k(read_only image1d_t input, global image_kernel_data *out, image_kernel_data v) {
	out->width = get_image_width(input) + v.width;
}
`
	obj, log, err := CompileSource(src, nil, &Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, log)
	}
	if len(obj.Kernels) != 1 || !obj.Kernels[0].Launchable || len(obj.Kernels[0].Args) != 3 ||
		obj.Kernels[0].Args[0].Kind != ArgImage || obj.Kernels[0].Args[1].Kind != ArgBuffer || obj.Kernels[0].Args[2].Kind != ArgValue {
		t.Errorf("metadata: %+v", obj.Kernels)
	}
	ks, _, ok := guessKernels(src)
	if !ok || len(ks) != 1 || !ks[0].Launchable || len(ks[0].Args) != 3 || ks[0].Args[2].Kind != ArgValue {
		t.Errorf("guess: %v %+v", ok, ks)
	}
}

func TestCompileErrorsGoToTheLog(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	_, log, err := CompileSource("kernel void k(global int *a) { a[0] = undefined_thing; }", nil, &Options{})
	if err == nil || !strings.Contains(log, "undefined_thing") {
		t.Fatalf("err %v, log %q", err, log)
	}
}
