package build

import (
	"encoding/binary"
	"reflect"
	"strings"
	"testing"
)

func TestSPIRVParams(t *testing.T) {
	got := params(`ptr align 4 %0, ptr byval(%struct.S) align 4 %1, <4 x float> %2, { i32, <2 x i8> } %3, i8 signext %4) #0 {`)
	want := []string{"ptr align 4", "ptr byval(%struct.S) align 4", "<4 x float>", "{ i32, <2 x i8> }", "i8 signext"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("params: %q, want %q", got, want)
	}
	if v := valueType(want[1]); v != "%struct.S" {
		t.Errorf("valueType: %q", v)
	}
	if v := paramType(want[3]); v != "{ i32, <2 x i8> }" {
		t.Errorf("paramType: %q", v)
	}
}

func TestSPIRVBuiltinNames(t *testing.T) {
	lib := map[string]bool{"_Z5fractfPU9CLprivatef": true, "_Z6vload4mPU10CLconstantKf": true}
	for in, want := range map[string]string{
		"_Z5fractfPf":          "_Z5fractfPU9CLprivatef",
		"_Z6vload4mPU3AS2Kf":   "_Z6vload4mPU10CLconstantKf",
		"_Z13get_global_idj":   "_Z13get_global_idj",
		"_Z5fractDv2_fPS_":     "_Z5fractDv2_fPS_", // not in the library: unchanged
		"_Z7barrierj":          "_Z7barrierj",
		"_Z4sqrtPU3AS1Dv4_fPf": "_Z4sqrtPU3AS1Dv4_fPf",
	} {
		if got := hostBuiltinName(in, func(n string) bool { return lib[n] }); got != want {
			t.Errorf("hostBuiltinName(%s) = %s, want %s", in, got, want)
		}
	}
	if got := privatePointers("_Z5fractDv2_fPS_"); got != "_Z5fractDv2_fPU9CLprivateS_" {
		t.Errorf("privatePointers: %s", got)
	}
}

func TestSPIRVHostModule(t *testing.T) {
	ir := `target datalayout = "e-p:64:64"
target triple = "spir64-unknown-unknown"
@k.tmp = internal addrspace(3) global [8 x i32] undef, align 4
define spir_kernel void @k(ptr addrspace(1) align 4 %0) #0 {
  %2 = addrspacecast ptr addrspace(1) %0 to ptr addrspace(4)
  call spir_func void @_Z5fractfPU3AS4f(float 0.0, ptr addrspace(4) %2)
  call void @llvm.memcpy.p0.p1.i64(ptr undef, ptr addrspace(1) %0, i64 4, i1 false)
  ret void
}
declare spir_func void @_Z5fractfPU3AS4f(float, ptr addrspace(4))
declare void @llvm.memcpy.p0.p1.i64(ptr, ptr addrspace(1), i64, i1)
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
attributes #0 = { noinline nounwind optnone }`
	out, sigs := hostModule(ir, func(n string) bool { return n == "_Z5fractfPU9CLgenericf" })
	for _, s := range []string{"addrspace", "spir_", "noinline", "optnone", "spir64", "PU3AS4", ".p1."} {
		if strings.Contains(out, s) {
			t.Errorf("%q left in:\n%s", s, out)
		}
	}
	for _, s := range []string{"@k.tmp = internal thread_local global", "= bitcast ptr %0 to ptr", "@_Z5fractfPU9CLgenericf(float 0.0", hostTriple} {
		if !strings.Contains(out, s) {
			t.Errorf("%q not in:\n%s", s, out)
		}
	}
	if strings.Count(out, "declare void @llvm.memcpy.p0.p0.i64") != 1 {
		t.Errorf("intrinsic declarations not merged:\n%s", out)
	}
	if !reflect.DeepEqual(sigs["k"], []string{"ptr align 4"}) {
		t.Errorf("signature: %q", sigs["k"])
	}
}

func TestParseSPIRV(t *testing.T) {
	words := []uint32{0x07230203, 0x00010200, 0, 20, 0,
		3<<16 | opTypeInt, 1, 32, 4<<16 | opTypeInt, 2, 64, 0, 2<<16 | opTypeBool, 3, 3<<16 | opTypeFloat, 4, 32,
		4<<16 | opSpecConstant, 1, 10, 7, 3<<16 | opSpecConstantTrue, 3, 11, 4<<16 | opSpecConstant, 4, 12, 0x3fc00000,
		4<<16 | opDecorate, 10, decorationSpecID, 5, 4<<16 | opDecorate, 11, decorationSpecID, 6, 4<<16 | opDecorate, 12, decorationSpecID, 9}
	b := make([]byte, 4*len(words))
	for i, w := range words {
		binary.BigEndian.PutUint32(b[4*i:], w) // either byte order is SPIR-V
	}
	m, err := ParseSPIRV(b)
	if err != nil {
		t.Fatal(err)
	}
	want := map[uint32]SpecConstant{5: {"i32", 4}, 6: {"i1", 1}, 9: {"f32", 4}}
	if !reflect.DeepEqual(m.Spec, want) || m.Version != 0x00010200 || binary.LittleEndian.Uint32(m.Words) != 0x07230203 {
		t.Errorf("module: %+v", m)
	}
	arg := m.specConstArg(map[uint32][]byte{5: {0xff, 0xff, 0xff, 0xff}, 6: {1}, 9: {0, 0, 0x10, 0x40}, 99: {1}})
	if arg != "--spec-const=5:i32:4294967295 6:i1:1 9:f32:0x1.2p+01" {
		t.Errorf("spec constants: %s", arg)
	}
	for _, bad := range [][]byte{b[:16], b[:len(b)-2], append([]byte{1, 2, 3, 4}, b[4:]...)} {
		if _, err := ParseSPIRV(bad); err == nil {
			t.Errorf("%d bytes accepted", len(bad))
		}
	}
	words[1] = 0x00010500
	binary.BigEndian.PutUint32(b[4:], words[1])
	if _, err := ParseSPIRV(b); err == nil {
		t.Errorf("SPIR-V 1.5 accepted")
	}
}

func TestSPIRVPrintf(t *testing.T) {
	n := 0
	got := promotePrintf(`  %5 = call i32 (ptr, ...) @printf(ptr @fmt, float %3, i32 7, float 1.500000e+00) #1`, &n)
	want := []string{"  %gocl.promoted1 = fpext float %3 to double", "  %gocl.promoted2 = fpext float 1.500000e+00 to double",
		"  %5 = call i32 (ptr, ...) @printf(ptr @fmt, double %gocl.promoted1, i32 7, double %gocl.promoted2) #1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("promotePrintf:\n%q\nwant\n%q", got, want)
	}
}
