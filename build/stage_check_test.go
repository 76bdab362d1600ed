package build

import (
	"strings"
	"testing"
)

// The bytes a builtin accesses through its pointer, from its mangled name
// (the front end's spellings of the address spaces included).
func TestBuiltinAccessSize(t *testing.T) {
	for name, want := range map[string]uint64{
		"_Z10atomic_addPU8CLglobalVii":                                       4,
		"_Z10atomic_addPU3AS1Vll":                                            8,
		"_Z10atomic_incPU7CLlocalVj":                                         4,
		"_Z25atomic_fetch_add_explicitPU8CLglobalVU7_Atomicii12memory_order": 4,
		"_Z6vload4mPU9CLconstantKf":                                          16,
		"_Z6vload3mPKd":                                                      24,
		"_Z7vstore8Dv8_smPU8CLglobals":                                       16,
		"_Z11vload_halfmPKDh":                                                0, // half conversions: unchecked
		"_Z5fractfPU8CLglobalf":                                              0, // other builtins: unchecked
		"memcpy":                                                             0,
	} {
		if got := builtinAccessSize(name); got != want {
			t.Errorf("%s: %d bytes, want %d", name, got, want)
		}
	}
}

// A checked build: every access of the kernels is checked (the pass
// counts none it could not follow), the checks are in the code generation
// gets and the markers are gone, the kernels keep their shapes (work-group
// functions stay such), and the __local variables are recorded with their
// sizes for the report.
func TestCheckedBuild(t *testing.T) {
	needClang(t)
	t.Setenv("GOCL_CACHE_DIR", t.TempDir())
	src := `
kernel void copy(global const float *a, global float *b) { b[get_global_id(0)] = a[get_global_id(0)]; }
kernel void loop(global float *o, global const float *w, int n) {
	int g = get_global_id(0);
	float acc = 0.0f;
	for (int i = 0; i < n; i++) acc = acc * w[i] + g;
	o[g] = acc;
}
kernel void tile(global int *o) {
	local int t[32];
	t[get_local_id(0)] = get_global_id(0);
	barrier(CLK_LOCAL_MEM_FENCE);
	o[get_global_id(0)] = t[31 - get_local_id(0)];
}
kernel void indirect(global long *p) { *(global int *)p[0] = 1; }
`
	_, plain := builtProgram(t, src, "")
	t.Setenv("GOCL_CHECK", "1")
	_, checked := builtProgram(t, src, "")
	shape := map[string]bool{}
	for _, k := range plain.Kernels {
		shape[k.Name] = k.Regions
	}
	for _, k := range checked.Kernels {
		if k.Regions != shape[k.Name] {
			t.Errorf("%s: work-group function %v checked, %v unchecked", k.Name, k.Regions, shape[k.Name])
		}
		if k.Name == "tile" && (len(k.CheckGlobals) != 1 || k.CheckGlobals[0].Size != 32*4 || !strings.HasSuffix(k.CheckGlobals[0].Name, ".t")) {
			t.Errorf("tile's checked variables: %+v", k.CheckGlobals)
		}
	}
	if checked.Exec == nil || checked.Exec.lazy == nil {
		t.Skip("not a lazily compiled program: no bitcode to look at")
	}
	m, err := parseBitcode(checked.Exec.lazy.bitcode)
	if err != nil {
		t.Fatal(err)
	}
	defer m.dispose()
	if m.hasCheckMarkers() {
		t.Errorf("markers left in the module")
	}
	calls := strings.Join(m.declared(), " ")
	for _, fn := range []string{"__gocl_check_limit", "__gocl_check_report"} {
		if !strings.Contains(calls, fn) {
			t.Errorf("the checked module does not call %s", fn)
		}
	}
}
