/* SPIR-V programs (cl_khr_il_program, clCreateProgramWithIL): modules made
 * here from OpenCL C with clang-15 -target spir64 and llvm-spirv-15 give the
 * same results as the OpenCL C; specialization constants change what a
 * build makes; CL_PROGRAM_IL, the argument errors, and the cache.
 * Without llvm-spirv-15 the device claims no IL and clCreateProgramWithIL
 * is CL_INVALID_OPERATION. */
#include "check.h"
#include <sys/stat.h>
#include <unistd.h>

typedef cl_program(CL_API_CALL *il_khr_fn)(cl_context, const void *, size_t, cl_int *);

static char dir[] = "/tmp/gocl-spirv-XXXXXX";

/* SPIR-V of an OpenCL C source, made with the Khronos tools. */
static unsigned char *spirv_of(const char *name, const char *src, size_t *len) {
	char path[256], cmd[1024];
	snprintf(path, sizeof path, "%s/%s.cl", dir, name);
	FILE *f = fopen(path, "w");
	REQUIRE_OK(f ? CL_SUCCESS : -1);
	fputs(src, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "clang-15 -c -target spir64 -O0 -emit-llvm -cl-std=CL1.2 -o %s/%s.bc %s && llvm-spirv-15 %s/%s.bc -o %s/%s.spv",
		dir, name, path, dir, name, dir, name);
	REQUIRE_OK(system(cmd) == 0 ? CL_SUCCESS : -1);
	snprintf(path, sizeof path, "%s/%s.spv", dir, name);
	f = fopen(path, "rb");
	REQUIRE_OK(f ? CL_SUCCESS : -1);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	unsigned char *b = malloc(*len);
	REQUIRE_OK(fread(b, 1, *len, f) == *len ? CL_SUCCESS : -1);
	fclose(f);
	return b;
}

static cl_program build_il(test_env *t, const unsigned char *il, size_t len, const char *opts) {
	cl_int err;
	cl_program p = clCreateProgramWithIL(t->context, il, len, &err);
	REQUIRE_OK(err);
	err = clBuildProgram(p, 1, &t->device, opts, NULL, NULL);
	if (err != CL_SUCCESS) {
		char log[8192] = "";
		clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
		fprintf(stderr, "IL build failed (%d):\n%s\n", err, log);
		exit(2);
	}
	return p;
}

static int translator_runs(void) {
	char path[256];
	snprintf(path, sizeof path, "%s/runs", dir);
	FILE *f = fopen(path, "r");
	if (!f) return 0;
	int n = 0, c;
	while ((c = fgetc(f)) != EOF) n += c == '\n';
	fclose(f);
	return n;
}

static const char *vadd_src =
	"kernel void vadd(global const float *a, global const float *b, global float *c, int n) {\n"
	"  size_t i = get_global_id(0);\n"
	"  if (i < n) c[i] = a[i] * 2.0f + b[i];\n"
	"}\n";

/* Local memory, barriers, a loop; a by-value struct, a vector, a
 * __constant pointer and a builtin taking a private pointer. */
static const char *reduce_src =
	"typedef struct { int scale; float bias; } params;\n"
	"kernel __attribute__((reqd_work_group_size(16, 1, 1)))\n"
	"void reduce(global const int *in, global int *out, local int *tmp) {\n"
	"  size_t l = get_local_id(0);\n"
	"  tmp[l] = in[get_global_id(0)];\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  for (size_t s = get_local_size(0) / 2; s > 0; s >>= 1) {\n"
	"    if (l < s) tmp[l] += tmp[l + s];\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  }\n"
	"  if (l == 0) out[get_group_id(0)] = tmp[0];\n"
	"}\n"
	"kernel void mixed(global float *out, params p, float4 v, constant float *c) {\n"
	"  local int scratch[8];\n"
	"  size_t i = get_global_id(0), l = get_local_id(0);\n"
	"  scratch[l] = (int)i * p.scale;\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  float whole, f = fract(v.y + 0.25f, &whole);\n"
	"  out[i] = scratch[7 - l] + p.bias + v.x + c[i % 4] + f + whole + vload4(0, c).w;\n"
	"}\n";

/* Specialization constants as SYCL declares them: llvm-spirv turns the
 * calls into OpSpecConstant with SpecIds 7, 8 and 9. */
static const char *spec_src =
	"__attribute__((overloadable)) int __spirv_SpecConstant(int, int);\n"
	"__attribute__((overloadable)) float __spirv_SpecConstant(int, float);\n"
	"__attribute__((overloadable)) bool __spirv_SpecConstant(int, bool);\n"
	"kernel void spec(global int *out, global float *fout) {\n"
	"  size_t i = get_global_id(0);\n"
	"  out[i] = (int)i * __spirv_SpecConstant(7, 3) + (__spirv_SpecConstant(9, false) ? 1000 : 0);\n"
	"  fout[i] = __spirv_SpecConstant(8, 1.5f);\n"
	"}\n";

static void run_vadd(test_env *t, cl_program p, float *c, int n) {
	cl_int err;
	float a[64], b[64];
	for (int i = 0; i < 64; i++) a[i] = i * 0.5f, b[i] = 100.0f - i;
	cl_kernel k = clCreateKernel(p, "vadd", &err);
	CHECK_OK(err);
	cl_mem ma = check_buffer(t, sizeof a, a), mb = check_buffer(t, sizeof b, b), mc = check_buffer(t, sizeof a, NULL);
	float z[64] = {0};
	CHECK_OK(clEnqueueWriteBuffer(t->queue, mc, CL_TRUE, 0, sizeof z, z, 0, NULL, NULL));
	CHECK_OK(clSetKernelArg(k, 0, sizeof ma, &ma));
	CHECK_OK(clSetKernelArg(k, 1, sizeof mb, &mb));
	CHECK_OK(clSetKernelArg(k, 2, sizeof mc, &mc));
	CHECK_OK(clSetKernelArg(k, 3, sizeof n, &n));
	size_t g = 64;
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, NULL, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, mc, CL_TRUE, 0, 64 * sizeof(float), c, 0, NULL, NULL));
	clReleaseMemObject(ma), clReleaseMemObject(mb), clReleaseMemObject(mc), clReleaseKernel(k);
}

static void run_reduce(test_env *t, cl_program p, int *out, float *mixed) {
	cl_int err;
	int in[64];
	for (int i = 0; i < 64; i++) in[i] = i * i - 7 * i;
	cl_kernel k = clCreateKernel(p, "reduce", &err);
	CHECK_OK(err);
	size_t wg[3];
	CHECK_OK(clGetKernelWorkGroupInfo(k, t->device, CL_KERNEL_COMPILE_WORK_GROUP_SIZE, sizeof wg, wg, NULL));
	CHECK(wg[0] == 16 && wg[1] == 1 && wg[2] == 1);
	cl_mem mi = check_buffer(t, sizeof in, in), mo = check_buffer(t, 4 * sizeof(int), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof mi, &mi));
	CHECK_OK(clSetKernelArg(k, 1, sizeof mo, &mo));
	CHECK_OK(clSetKernelArg(k, 2, 16 * sizeof(int), NULL));
	size_t g = 64, l = 16;
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, mo, CL_TRUE, 0, 4 * sizeof(int), out, 0, NULL, NULL));
	clReleaseMemObject(mi), clReleaseMemObject(mo), clReleaseKernel(k);

	k = clCreateKernel(p, "mixed", &err);
	CHECK_OK(err);
	struct { int scale; float bias; } pr = {3, 0.5f};
	cl_float4 v = {{10.0f, 2.5f, 0, 0}};
	float c[4] = {1, 2, 3, 4};
	cl_mem mc = check_buffer(t, sizeof c, c), mm = check_buffer(t, 16 * sizeof(float), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof mm, &mm));
	CHECK_OK(clSetKernelArg(k, 1, sizeof pr, &pr));
	CHECK_OK(clSetKernelArg(k, 2, sizeof v, &v));
	CHECK_OK(clSetKernelArg(k, 3, sizeof mc, &mc));
	CHECK_ERR(clSetKernelArg(k, 1, sizeof pr + 4, &pr), CL_INVALID_ARG_SIZE);
	g = 16, l = 8;
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, mm, CL_TRUE, 0, 16 * sizeof(float), mixed, 0, NULL, NULL));
	clReleaseMemObject(mc), clReleaseMemObject(mm), clReleaseKernel(k);
}

static void run_spec(test_env *t, cl_program p, int *out, float *fout) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, "spec", &err);
	CHECK_OK(err);
	cl_mem mo = check_buffer(t, 8 * sizeof(int), NULL), mf = check_buffer(t, 8 * sizeof(float), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof mo, &mo));
	CHECK_OK(clSetKernelArg(k, 1, sizeof mf, &mf));
	size_t g = 8;
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, NULL, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, mo, CL_TRUE, 0, 8 * sizeof(int), out, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, mf, CL_TRUE, 0, 8 * sizeof(float), fout, 0, NULL, NULL));
	clReleaseMemObject(mo), clReleaseMemObject(mf), clReleaseKernel(k);
}

int main(int argc, char **argv) {
	(void)argc;
	/* The translator through a wrapper that counts its runs, named in the
	 * environment the driver starts with (the Go runtime copies it when
	 * the library is loaded): the test runs itself again. */
	int have_translator = system("command -v llvm-spirv-15 >/dev/null 2>&1") == 0;
	const char *d = getenv("GOCL_SPIRV_TEST_DIR");
	if (!d) {
		REQUIRE_OK(mkdtemp(dir) ? CL_SUCCESS : -1);
		char wrapper[300];
		snprintf(wrapper, sizeof wrapper, "%s/llvm-spirv", dir);
		FILE *w = fopen(wrapper, "w");
		REQUIRE_OK(w ? CL_SUCCESS : -1);
		fprintf(w, "#!/bin/sh\necho run >> '%s/runs'\nexec llvm-spirv-15 \"$@\"\n", dir);
		fclose(w);
		chmod(wrapper, 0755);
		setenv("GOCL_SPIRV_TEST_DIR", dir, 1);
		if (have_translator) setenv("GOCL_LLVM_SPIRV", wrapper, 1);
		execv("/proc/self/exe", argv);
		perror("execv");
		return 1;
	}
	snprintf(dir, sizeof dir, "%s", d);
	test_env t = test_setup();
	cl_int err;
	char ilv[256] = "";
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_IL_VERSION, sizeof ilv, ilv, NULL));
	size_t nv = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_ILS_WITH_VERSION, 0, NULL, &nv));
	char exts[8192] = "";
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_EXTENSIONS, sizeof exts, exts, NULL));
	unsigned magic[5] = {0x07230203, 0x00010000, 0, 1, 0};
	if (!have_translator) {
		printf("no llvm-spirv-15: checking that no IL is claimed\n");
		CHECK(ilv[0] == 0 && nv == 0 && !strstr(exts, "cl_khr_il_program"));
		CHECK(clCreateProgramWithIL(t.context, magic, sizeof magic, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_OPERATION);
		return check_done();
	}
	/* 1.0 to 1.3: llvm-spirv-15 lacks some of 1.4 (build/spirv_module.go). */
	CHECK(strcmp(ilv, "SPIR-V_1.0 SPIR-V_1.1 SPIR-V_1.2 SPIR-V_1.3") == 0);
	CHECK(nv == 4 * sizeof(cl_name_version));
	cl_name_version ils[4];
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_ILS_WITH_VERSION, sizeof ils, ils, NULL));
	CHECK(strcmp(ils[0].name, "SPIR-V") == 0 && ils[0].version == CL_MAKE_VERSION(1, 0, 0) &&
	      ils[3].version == CL_MAKE_VERSION(1, 3, 0));
	CHECK(strstr(exts, "cl_khr_il_program") != NULL);
	il_khr_fn ilkhr = (il_khr_fn)clGetExtensionFunctionAddressForPlatform(t.platform, "clCreateProgramWithILKHR");
	CHECK(ilkhr != NULL);

	/* Invalid IL. */
	CHECK(clCreateProgramWithIL(t.context, NULL, 20, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clCreateProgramWithIL(t.context, magic, 0, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	unsigned junk[5] = {0x12345678, 0x00010000, 0, 1, 0};
	CHECK(clCreateProgramWithIL(t.context, junk, sizeof junk, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clCreateProgramWithIL(t.context, magic, sizeof magic - 2, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	magic[1] = 0x00010500; /* SPIR-V 1.5: not claimed */
	CHECK(clCreateProgramWithIL(t.context, magic, sizeof magic, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	magic[1] = 0x00010000;
	CHECK(clCreateProgramWithIL(NULL, magic, sizeof magic, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);

	/* A vector add: SPIR-V and OpenCL C agree. */
	size_t vlen;
	unsigned char *vil = spirv_of("vadd", vadd_src, &vlen);
	cl_program ps = check_build(&t, vadd_src, "");
	cl_program pv = build_il(&t, vil, vlen, "");
	float cs[64], cv[64];
	run_vadd(&t, ps, cs, 60);
	run_vadd(&t, pv, cv, 60);
	int bad = 0;
	for (int i = 0; i < 64; i++) bad += cs[i] != cv[i] || cv[i] != (i < 60 ? i * 0.5f * 2.0f + (100.0f - i) : 0.0f);
	CHECK(bad == 0);
	char names[256] = "";
	CHECK_OK(clGetProgramInfo(pv, CL_PROGRAM_KERNEL_NAMES, sizeof names, names, NULL));
	CHECK(strcmp(names, "vadd") == 0);
	cl_kernel kv = clCreateKernel(pv, "vadd", &err);
	CHECK_OK(err);
	cl_uint nargs = 0;
	CHECK_OK(clGetKernelInfo(kv, CL_KERNEL_NUM_ARGS, sizeof nargs, &nargs, NULL));
	CHECK(nargs == 4);
	clReleaseKernel(kv);

	/* CL_PROGRAM_IL: the bytes given; a source program has none. */
	size_t sz = 0;
	CHECK_OK(clGetProgramInfo(pv, CL_PROGRAM_IL, 0, NULL, &sz));
	CHECK(sz == vlen);
	unsigned char *back = malloc(vlen);
	CHECK_OK(clGetProgramInfo(pv, CL_PROGRAM_IL, vlen, back, NULL));
	CHECK(memcmp(back, vil, vlen) == 0);
	CHECK_OK(clGetProgramInfo(ps, CL_PROGRAM_IL, 0, NULL, &sz));
	CHECK(sz == 0);

	/* The same module through clCreateProgramWithILKHR, compiled and
	 * linked. */
	cl_program pk = ilkhr(t.context, vil, vlen, &err);
	CHECK_OK(err);
	CHECK_OK(clCompileProgram(pk, 1, &t.device, "", 0, NULL, NULL, NULL, NULL));
	cl_program pl = clLinkProgram(t.context, 1, &t.device, "", 1, &pk, NULL, NULL, &err);
	CHECK_OK(err);
	float cl_[64];
	run_vadd(&t, pl, cl_, 64);
	CHECK(cl_[63] == 63 * 0.5f * 2.0f + 37.0f);

	/* Local memory, barrier and a loop; struct, vector, constant. */
	size_t rlen;
	unsigned char *ril = spirv_of("reduce", reduce_src, &rlen);
	cl_program rs = check_build(&t, reduce_src, ""), rv = build_il(&t, ril, rlen, "");
	int os[4], ov[4];
	float ms[16], mv[16];
	run_reduce(&t, rs, os, ms);
	run_reduce(&t, rv, ov, mv);
	for (int g = 0; g < 4; g++) {
		int want = 0;
		for (int i = 16 * g; i < 16 * g + 16; i++) want += i * i - 7 * i;
		CHECK(os[g] == want && ov[g] == want);
	}
	bad = 0;
	for (int i = 0; i < 16; i++) {
		int j = (i / 8) * 8 + 7 - i % 8;
		float want = j * 3 + 0.5f + 10.0f + (float)(i % 4 + 1) + 0.75f + 2.0f + 4.0f;
		bad += ms[i] != want || mv[i] != want;
		if (mv[i] != want) printf("mixed[%d] = %g, want %g (source %g)\n", i, mv[i], want, ms[i]);
	}
	CHECK(bad == 0);

	/* Specialization constants. */
	size_t slen;
	unsigned char *sil = spirv_of("spec", spec_src, &slen);
	cl_program sp = clCreateProgramWithIL(t.context, sil, slen, &err);
	CHECK_OK(err);
	cl_int five = 5;
	cl_long five64 = 5;
	CHECK_ERR(clSetProgramSpecializationConstant(sp, 77, sizeof five, &five), CL_INVALID_SPEC_ID);
	CHECK_ERR(clSetProgramSpecializationConstant(sp, 7, sizeof five64, &five64), CL_INVALID_VALUE);
	CHECK_ERR(clSetProgramSpecializationConstant(sp, 7, sizeof five, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clSetProgramSpecializationConstant(sp, 9, sizeof five, &five), CL_INVALID_VALUE); /* a boolean takes 1 byte */
	CHECK_ERR(clSetProgramSpecializationConstant(ps, 7, sizeof five, &five), CL_INVALID_PROGRAM);
	CHECK_ERR(clSetProgramSpecializationConstant((cl_program)GARBAGE, 7, sizeof five, &five), CL_INVALID_PROGRAM);
	int so[8];
	float sf[8];
	CHECK_OK(clBuildProgram(sp, 1, &t.device, "", NULL, NULL));
	run_spec(&t, sp, so, sf);
	CHECK(so[5] == 15 && sf[3] == 1.5f); /* the defaults */
	cl_float f = 2.25f;
	cl_uchar yes = 1;
	CHECK_OK(clSetProgramSpecializationConstant(sp, 7, sizeof five, &five));
	CHECK_OK(clSetProgramSpecializationConstant(sp, 8, sizeof f, &f));
	CHECK_OK(clBuildProgram(sp, 1, &t.device, "", NULL, NULL));
	run_spec(&t, sp, so, sf);
	CHECK(so[5] == 25 && so[7] == 35 && sf[3] == 2.25f);
	CHECK_OK(clSetProgramSpecializationConstant(sp, 9, sizeof yes, &yes));
	CHECK_OK(clBuildProgram(sp, 1, &t.device, "", NULL, NULL));
	run_spec(&t, sp, so, sf);
	CHECK(so[5] == 1025);

	/* The cache: a module built again (a new program object) does not run
	 * the translator; new specialization constants do. A salt makes the
	 * module new to the cache. */
	char salted[512];
	snprintf(salted, sizeof salted, "%skernel void salt(global int *o) { o[0] = %d; }\n", vadd_src, (int)getpid());
	size_t xlen;
	unsigned char *xil = spirv_of("salted", salted, &xlen);
	int before = translator_runs();
	cl_program x1 = build_il(&t, xil, xlen, "");
	int first = translator_runs() - before;
	cl_program x2 = build_il(&t, xil, xlen, "");
	int second = translator_runs() - before - first;
	float cx[64];
	run_vadd(&t, x2, cx, 64);
	CHECK(cx[10] == 10 * 0.5f * 2.0f + 90.0f);
	printf("translator runs: first build %d, second %d\n", first, second);
	const char *cache_off = getenv("GOCL_NO_CACHE");
	if (!cache_off || !*cache_off) CHECK(first == 1 && second == 0);

	clReleaseProgram(x1), clReleaseProgram(x2), clReleaseProgram(sp), clReleaseProgram(rs), clReleaseProgram(rv);
	clReleaseProgram(pk), clReleaseProgram(pl), clReleaseProgram(ps), clReleaseProgram(pv);
	test_teardown(&t);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	system(cmd);
	return check_done();
}
