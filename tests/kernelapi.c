/* Kernel objects with real kernels: clCreateKernel and
 * clCreateKernelsInProgram, clSetKernelArg with every kind of argument
 * (buffers and sub-buffers, NULL buffers, __local sizes, scalars, vectors,
 * structs by value) and every error, clSetKernelArgSVMPointer,
 * clSetKernelExecInfo, clCloneKernel (arguments copied), clGetKernelInfo
 * (attributes), clGetKernelArgInfo (with and without -cl-kernel-arg-info),
 * clGetKernelWorkGroupInfo (compile work-group size, local and private
 * memory, preferred multiple), clGetKernelSubGroupInfo, and the lifetimes of
 * kernels and their programs. Kernels run; results are checked on the host. */
#include "check.h"
#include <pthread.h>
#include <unistd.h>

static test_env t;

static const char *src =
	"typedef struct { char c; int i; float4 v; double d; short s; } S;\n"
	"typedef float4 myvec;\n"
	"kernel void args(global int *out, global const float *in, constant int *cst, local int *scratch,\n"
	"                 char c, uchar uc, short sh, ushort us, int i, uint ui, long l, ulong ul,\n"
	"                 float f, double d, float4 v4, int3 i3, double2 d2, S s, myvec mv) {\n"
	"  if (get_global_id(0) != 0) return;\n"
	"  scratch[get_local_size(0) - 1] = 9;\n"
	"  out[0] = c; out[1] = uc; out[2] = sh; out[3] = us; out[4] = i; out[5] = (int)(ui >> 1);\n"
	"  out[6] = (int)(l >> 32); out[7] = (int)(l & 0xffff); out[8] = (int)(ul >> 40);\n"
	"  out[9] = (int)(f * 100); out[10] = (int)(d * 1000);\n"
	"  out[11] = (int)v4.x; out[12] = (int)v4.y; out[13] = (int)v4.z; out[14] = (int)v4.w;\n"
	"  out[15] = i3.x; out[16] = i3.y; out[17] = i3.z;\n"
	"  out[18] = (int)(d2.x * 10); out[19] = (int)(d2.y * 10);\n"
	"  out[20] = s.c; out[21] = s.i; out[22] = (int)s.v.w; out[23] = (int)(s.d * 10); out[24] = s.s;\n"
	"  out[25] = (int)mv.y;\n"
	"  out[26] = in ? (int)in[1] : -7;\n"
	"  out[27] = cst ? cst[2] : -8;\n"
	"  out[28] = scratch[get_local_size(0) - 1];\n"
	"}\n"
	"kernel void quals(global volatile int *a, global int *restrict b, global const volatile int *restrict c,\n"
	"                  global uint *d, global unsigned int *e, local float4 *f, constant S *g) { }\n"
	"__attribute__((reqd_work_group_size(4, 1, 1))) __attribute__((vec_type_hint(uint4)))\n"
	"kernel void attr(global int *o) { o[get_global_id(0)] = (int)get_local_size(0); }\n"
	"kernel __attribute__((work_group_size_hint(8, 2, 1))) __attribute__((vec_type_hint(double)))\n"
	"void hint(global int *o) {\n"
	"  local int tile[10];\n"
	"  size_t l = get_local_id(0);\n"
	"  tile[l % 10] = (int)l;\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  o[get_global_id(0)] = tile[(l + 1) % get_local_size(0) % 10];\n"
	"}\n"
	"kernel void priv(global int *o, int n) {\n"
	"  volatile int buf[256];\n"
	"  for (int i = 0; i < 256; i++) buf[i] = i * n;\n"
	"  o[get_global_id(0)] = buf[(get_global_id(0) * 7) % 256];\n"
	"}\n"
	"kernel void inc(global int *p, int by) { p[get_global_id(0)] += by; }\n";

enum { NARGS = 19 };

/* Host mirror of S: the same layout (float4 and double aligned). */
typedef struct {
	cl_char c;
	cl_int i;
	cl_float4 v;
	cl_double d;
	cl_short s;
} S;

static cl_program build(const char *options) {
	cl_int err;
	cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	err = clBuildProgram(p, 0, NULL, options, NULL, NULL);
	if (err != CL_SUCCESS) {
		char log[16384] = "";
		clGetProgramBuildInfo(p, t.device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
		fprintf(stderr, "build log:\n%s\n", log);
		REQUIRE_OK(err);
	}
	return p;
}

static cl_kernel kernel(cl_program p, const char *name) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, name, &err);
	REQUIRE_OK(err);
	return k;
}

static cl_mem buffer(size_t size, void *host) {
	cl_int err;
	cl_mem m = clCreateBuffer(t.context, host ? CL_MEM_COPY_HOST_PTR : CL_MEM_READ_WRITE, size, host, &err);
	REQUIRE_OK(err);
	return m;
}

static char *kinfo_str(cl_kernel k, cl_kernel_info what) {
	static char s[1024];
	s[0] = 0;
	if (clGetKernelInfo(k, what, sizeof s, s, NULL) != CL_SUCCESS) return NULL;
	return s;
}

static char *arg_str(cl_kernel k, cl_uint i, cl_kernel_arg_info what) {
	static char s[256];
	s[0] = 0;
	if (clGetKernelArgInfo(k, i, what, sizeof s, s, NULL) != CL_SUCCESS) return NULL;
	return s;
}

static cl_ulong wg_ulong(cl_kernel k, cl_kernel_work_group_info what) {
	cl_ulong v = 12345;
	CHECK_OK(clGetKernelWorkGroupInfo(k, t.device, what, sizeof v, &v, NULL));
	return v;
}

static size_t wg_size(cl_kernel k, cl_kernel_work_group_info what) {
	size_t v = 12345;
	CHECK_OK(clGetKernelWorkGroupInfo(k, t.device, what, sizeof v, &v, NULL));
	return v;
}

/* The values set_all gives the args kernel, and what it must write. */
static cl_mem g_out, g_in, g_cst;
static const int expected[29] = { -5, 250, -300, 60000, 123456, 2000000000, -2, 0x1234, 0x7f, 314, 2718,
	1, 2, 3, 4, 7, 8, 9, 15, -25, 'x', 77, 44, 55, -9, 66, 21, 32, 9 };

static void set_all(cl_kernel k, size_t local_bytes) {
	cl_char c = -5;
	cl_uchar uc = 250;
	cl_short sh = -300;
	cl_ushort us = 60000;
	cl_int i = 123456;
	cl_uint ui = 4000000000u;
	cl_long l = ((cl_long)-2 << 32) | 0x1234;
	cl_ulong ul = (cl_ulong)0x7f << 40;
	cl_float f = 3.14f;
	cl_double d = 2.7185;
	cl_float4 v4 = { { 1, 2, 3, 4 } };
	cl_int3 i3 = { { 7, 8, 9, 0 } };
	cl_double2 d2 = { { 1.5, -2.5 } };
	S s;
	memset(&s, 0, sizeof s);
	s.c = 'x';
	s.i = 77;
	s.v.s[3] = 44;
	s.d = 5.5;
	s.s = -9;
	cl_float4 mv = { { 0, 66, 0, 0 } };
	CHECK_OK(clSetKernelArg(k, 0, sizeof g_out, &g_out));
	CHECK_OK(clSetKernelArg(k, 1, sizeof g_in, &g_in));
	CHECK_OK(clSetKernelArg(k, 2, sizeof g_cst, &g_cst));
	CHECK_OK(clSetKernelArg(k, 3, local_bytes, NULL));
	CHECK_OK(clSetKernelArg(k, 4, sizeof c, &c));
	CHECK_OK(clSetKernelArg(k, 5, sizeof uc, &uc));
	CHECK_OK(clSetKernelArg(k, 6, sizeof sh, &sh));
	CHECK_OK(clSetKernelArg(k, 7, sizeof us, &us));
	CHECK_OK(clSetKernelArg(k, 8, sizeof i, &i));
	CHECK_OK(clSetKernelArg(k, 9, sizeof ui, &ui));
	CHECK_OK(clSetKernelArg(k, 10, sizeof l, &l));
	CHECK_OK(clSetKernelArg(k, 11, sizeof ul, &ul));
	CHECK_OK(clSetKernelArg(k, 12, sizeof f, &f));
	CHECK_OK(clSetKernelArg(k, 13, sizeof d, &d));
	CHECK_OK(clSetKernelArg(k, 14, sizeof v4, &v4));
	CHECK_OK(clSetKernelArg(k, 15, sizeof i3, &i3));
	CHECK_OK(clSetKernelArg(k, 16, sizeof d2, &d2));
	CHECK_OK(clSetKernelArg(k, 17, sizeof s, &s));
	CHECK_OK(clSetKernelArg(k, 18, sizeof mv, &mv));
}

/* run_args runs the args kernel (8 work-items in groups of 8) and returns
 * how many of its 29 outputs are as expected (printing the others when
 * g_report is set); out gets them. */
static int g_report = 1;

static int run_args(cl_kernel k, int *out) {
	int fill = -1;
	CHECK_OK(clEnqueueFillBuffer(t.queue, g_out, &fill, sizeof fill, 0, 29 * sizeof(int), 0, NULL, NULL));
	size_t g = 8, l = 8;
	cl_int err = clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, &l, 0, NULL, NULL);
	CHECK_OK(err);
	CHECK_OK(clEnqueueReadBuffer(t.queue, g_out, CL_TRUE, 0, 29 * sizeof(int), out, 0, NULL, NULL));
	int good = 0;
	for (int i = 0; i < 29; i++) {
		if (out[i] == expected[i]) good++;
		else if (g_report) fprintf(stderr, "out[%d] = %d, want %d\n", i, out[i], expected[i]);
	}
	return good;
}

static void test_set_arg(cl_program p) {
	cl_kernel k = kernel(p, "args");
	int out[29];
	float in[4] = { 0, 21, 0, 0 };
	int cst[4] = { 0, 0, 32, 0 };
	g_out = buffer(64 * sizeof(int), NULL);
	g_in = buffer(sizeof in, in);
	g_cst = buffer(sizeof cst, cst);
	cl_uint nargs = 0;
	CHECK_OK(clGetKernelInfo(k, CL_KERNEL_NUM_ARGS, sizeof nargs, &nargs, NULL));
	CHECK(nargs == NARGS);

	/* Launching with arguments missing. */
	size_t g = 8;
	CHECK_ERR(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL), CL_INVALID_KERNEL_ARGS);
	CHECK_OK(clSetKernelArg(k, 0, sizeof g_out, &g_out));
	CHECK_ERR(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL), CL_INVALID_KERNEL_ARGS);

	/* Every kind of argument. */
	set_all(k, 8 * sizeof(int));
	CHECK(run_args(k, out) == 29);

	/* NULL buffers: a NULL arg_value, or a pointer to a NULL cl_mem. */
	cl_mem null_mem = NULL;
	CHECK_OK(clSetKernelArg(k, 1, sizeof(cl_mem), NULL));
	CHECK_OK(clSetKernelArg(k, 2, sizeof(cl_mem), &null_mem));
	g_report = 0;
	run_args(k, out);
	g_report = 1;
	CHECK(out[26] == -7 && out[27] == -8 && out[0] == -5);
	/* A sub-buffer: the kernel sees its origin. */
	cl_buffer_region r = { 128, 16 };
	cl_int err;
	float big[64] = { 0 };
	big[33] = 21;
	cl_mem parent = buffer(sizeof big, big);
	cl_mem sub = clCreateSubBuffer(parent, CL_MEM_READ_ONLY, CL_BUFFER_CREATE_TYPE_REGION, &r, &err);
	CHECK_OK(err);
	CHECK_OK(clSetKernelArg(k, 1, sizeof sub, &sub));
	CHECK_OK(clSetKernelArg(k, 2, sizeof g_cst, &g_cst));
	CHECK(run_args(k, out) == 29);

	/* Errors. */
	int v = 0;
	cl_long lv = 0;
	S s;
	memset(&s, 0, sizeof s);
	CHECK_ERR(clSetKernelArg(k, NARGS, sizeof v, &v), CL_INVALID_ARG_INDEX);
	CHECK_ERR(clSetKernelArg(k, 1000, sizeof v, &v), CL_INVALID_ARG_INDEX);
	/* Buffers: the size of a cl_mem, a valid buffer of the kernel's context. */
	CHECK_ERR(clSetKernelArg(k, 0, 4, &g_out), CL_INVALID_ARG_SIZE);
	CHECK_ERR(clSetKernelArg(k, 0, sizeof(cl_mem) + 1, &g_out), CL_INVALID_ARG_SIZE);
	cl_mem garbage = (cl_mem)GARBAGE;
	CHECK_ERR(clSetKernelArg(k, 0, sizeof garbage, &garbage), CL_INVALID_MEM_OBJECT);
	cl_mem not_mem = (cl_mem)t.queue;
	CHECK_ERR(clSetKernelArg(k, 0, sizeof not_mem, &not_mem), CL_INVALID_MEM_OBJECT);
	cl_context other = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	REQUIRE_OK(err);
	cl_mem foreign = clCreateBuffer(other, CL_MEM_READ_WRITE, 64, NULL, &err);
	CHECK_ERR(clSetKernelArg(k, 0, sizeof foreign, &foreign), CL_INVALID_MEM_OBJECT);
	cl_image_format fmt = { CL_RGBA, CL_UNORM_INT8 };
	cl_image_desc desc = { CL_MEM_OBJECT_IMAGE2D, 4, 4, 1, 1, 0, 0, 0, 0, { NULL } };
	cl_mem img = clCreateImage(t.context, CL_MEM_READ_WRITE, &fmt, &desc, NULL, &err);
	if (err == CL_SUCCESS) {
		CHECK_ERR(clSetKernelArg(k, 0, sizeof img, &img), CL_INVALID_MEM_OBJECT);
		clReleaseMemObject(img);
	}
	cl_mem released = buffer(64, NULL);
	clReleaseMemObject(released);
	CHECK_ERR(clSetKernelArg(k, 0, sizeof released, &released), CL_INVALID_MEM_OBJECT);
	/* __local: a size and no value. */
	CHECK_ERR(clSetKernelArg(k, 3, 0, NULL), CL_INVALID_ARG_SIZE);
	CHECK_ERR(clSetKernelArg(k, 3, 16, &v), CL_INVALID_ARG_VALUE);
	/* By value: the argument's size, and a value. */
	CHECK_ERR(clSetKernelArg(k, 8, sizeof lv, &lv), CL_INVALID_ARG_SIZE);
	CHECK_ERR(clSetKernelArg(k, 8, 2, &v), CL_INVALID_ARG_SIZE);
	CHECK_ERR(clSetKernelArg(k, 8, 0, &v), CL_INVALID_ARG_SIZE);
	CHECK_ERR(clSetKernelArg(k, 8, sizeof v, NULL), CL_INVALID_ARG_VALUE);
	CHECK_ERR(clSetKernelArg(k, 4, 2, &v), CL_INVALID_ARG_SIZE);
	CHECK_ERR(clSetKernelArg(k, 15, 12, &v), CL_INVALID_ARG_SIZE); /* int3 is 16 bytes */
	CHECK_ERR(clSetKernelArg(k, 17, sizeof s - 8, &s), CL_INVALID_ARG_SIZE);
	CHECK_ERR(clSetKernelArg(k, 17, sizeof s, NULL), CL_INVALID_ARG_VALUE);
	/* The refused calls changed nothing. */
	CHECK(run_args(k, out) == 29);
	/* Arguments are copied when set: changing the host value after
	 * clSetKernelArg changes nothing. */
	cl_int i = 1;
	CHECK_OK(clSetKernelArg(k, 8, sizeof i, &i));
	i = 123456;
	g_report = 0;
	run_args(k, out);
	g_report = 1;
	CHECK(out[4] == 1);
	CHECK_OK(clSetKernelArg(k, 8, sizeof i, &i));

	/* clCloneKernel: the arguments come along; later changes to either
	 * stay their own. */
	cl_kernel c = clCloneKernel(k, &err);
	CHECK_OK(err);
	CHECK(c != NULL && c != k);
	if (c) {
		cl_uint refs = 0;
		CHECK_OK(clGetKernelInfo(c, CL_KERNEL_REFERENCE_COUNT, sizeof refs, &refs, NULL));
		CHECK(refs == 1);
		CHECK(strcmp(kinfo_str(c, CL_KERNEL_FUNCTION_NAME), "args") == 0);
		CHECK(wg_ulong(c, CL_KERNEL_LOCAL_MEM_SIZE) == wg_ulong(k, CL_KERNEL_LOCAL_MEM_SIZE));
		CHECK(run_args(c, out) == 29);
		i = 5;
		CHECK_OK(clSetKernelArg(k, 8, sizeof i, &i));
		CHECK(run_args(c, out) == 29);
		g_report = 0;
		run_args(k, out);
		CHECK(out[4] == 5);
		i = 6;
		CHECK_OK(clSetKernelArg(c, 8, sizeof i, &i));
		run_args(k, out);
		CHECK(out[4] == 5);
		run_args(c, out);
		CHECK(out[4] == 6);
		g_report = 1;
		/* The clone outlives the original. */
		clReleaseKernel(k);
		k = NULL;
		i = 123456;
		CHECK_OK(clSetKernelArg(c, 8, sizeof i, &i));
		CHECK(run_args(c, out) == 29);
		clReleaseKernel(c);
	}
	if (k) clReleaseKernel(k);
	/* A clone of a kernel without arguments set has none set. */
	k = kernel(p, "args");
	c = clCloneKernel(k, &err);
	CHECK_OK(err);
	CHECK_ERR(clEnqueueNDRangeKernel(t.queue, c, 1, NULL, &g, NULL, 0, NULL, NULL), CL_INVALID_KERNEL_ARGS);
	clReleaseKernel(c);
	clReleaseKernel(k);

	clReleaseMemObject(foreign);
	clReleaseContext(other);
	clReleaseMemObject(sub);
	clReleaseMemObject(parent);
}

static void test_svm(cl_program p) {
	cl_device_svm_capabilities caps = 0;
	clGetDeviceInfo(t.device, CL_DEVICE_SVM_CAPABILITIES, sizeof caps, &caps, NULL);
	if (!(caps & CL_DEVICE_SVM_FINE_GRAIN_BUFFER)) {
		printf("no fine-grain SVM buffers: SVM arguments not tested\n");
		return;
	}
	cl_kernel k = kernel(p, "inc");
	int *svm = clSVMAlloc(t.context, CL_MEM_READ_WRITE | CL_MEM_SVM_FINE_GRAIN_BUFFER, 64 * sizeof(int), 0);
	REQUIRE_OK(svm ? CL_SUCCESS : CL_OUT_OF_RESOURCES);
	for (int i = 0; i < 64; i++) svm[i] = i;
	int by = 10;
	CHECK_OK(clSetKernelArgSVMPointer(k, 0, svm + 8));
	CHECK_OK(clSetKernelArg(k, 1, sizeof by, &by));
	size_t g = 16;
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	int good = 0;
	for (int i = 0; i < 64; i++) good += svm[i] == (i >= 8 && i < 24 ? i + 10 : i);
	CHECK(good == 64);
	/* A host pointer: system SVM (all host memory is device memory). */
	if (caps & CL_DEVICE_SVM_FINE_GRAIN_SYSTEM) {
		int host[16] = { 0 };
		CHECK_OK(clSetKernelArgSVMPointer(k, 0, host));
		CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL));
		CHECK_OK(clFinish(t.queue));
		CHECK(host[0] == 10 && host[15] == 10);
	}
	/* Errors: the index, and a pointer for an argument that is not one. */
	CHECK_ERR(clSetKernelArgSVMPointer(k, 2, svm), CL_INVALID_ARG_INDEX);
	CHECK_ERR(clSetKernelArgSVMPointer(k, 1, svm), CL_INVALID_ARG_VALUE);
	/* clSetKernelExecInfo. */
	void *ptrs[2] = { svm, svm + 32 };
	CHECK_OK(clSetKernelExecInfo(k, CL_KERNEL_EXEC_INFO_SVM_PTRS, sizeof ptrs, ptrs));
	cl_bool yes = CL_TRUE;
	CHECK_OK(clSetKernelExecInfo(k, CL_KERNEL_EXEC_INFO_SVM_FINE_GRAIN_SYSTEM, sizeof yes, &yes));
	CHECK_ERR(clSetKernelExecInfo(k, CL_KERNEL_EXEC_INFO_SVM_PTRS, sizeof ptrs, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clSetKernelExecInfo(k, CL_KERNEL_EXEC_INFO_SVM_PTRS, 3, ptrs), CL_INVALID_VALUE);
	CHECK_ERR(clSetKernelExecInfo(k, CL_KERNEL_EXEC_INFO_SVM_FINE_GRAIN_SYSTEM, 1, &yes), CL_INVALID_VALUE);
	CHECK_ERR(clSetKernelExecInfo(k, 0x9999, sizeof yes, &yes), CL_INVALID_VALUE);
	CHECK_ERR(clSetKernelExecInfo(k, CL_KERNEL_EXEC_INFO_SVM_FINE_GRAIN_SYSTEM, 0, NULL), CL_INVALID_VALUE);
	/* No pointers (size 0, NULL) unsets the list. */
	CHECK_OK(clSetKernelExecInfo(k, CL_KERNEL_EXEC_INFO_SVM_PTRS, 0, NULL));
	CHECK_OK(clSetKernelExecInfo(k, CL_KERNEL_EXEC_INFO_SVM_PTRS, sizeof ptrs, ptrs));
	/* Still runs with them. */
	CHECK_OK(clSetKernelArgSVMPointer(k, 0, svm));
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	CHECK(svm[0] == 10 && svm[8] == 28);
	clReleaseKernel(k);
	clSVMFree(t.context, svm);
}

static void test_kernel_info(cl_program p) {
	cl_kernel k = kernel(p, "args");
	cl_uint u = 0;
	size_t sz = 0;
	CHECK(strcmp(kinfo_str(k, CL_KERNEL_FUNCTION_NAME), "args") == 0);
	CHECK_OK(clGetKernelInfo(k, CL_KERNEL_FUNCTION_NAME, 0, NULL, &sz));
	CHECK(sz == 5);
	CHECK_OK(clGetKernelInfo(k, CL_KERNEL_NUM_ARGS, sizeof u, &u, &sz));
	CHECK(u == NARGS && sz == sizeof u);
	CHECK_OK(clGetKernelInfo(k, CL_KERNEL_REFERENCE_COUNT, sizeof u, &u, NULL));
	CHECK(u == 1);
	CHECK_OK(clRetainKernel(k));
	CHECK_OK(clGetKernelInfo(k, CL_KERNEL_REFERENCE_COUNT, sizeof u, &u, NULL));
	CHECK(u == 2);
	CHECK_OK(clReleaseKernel(k));
	cl_context c = NULL;
	CHECK_OK(clGetKernelInfo(k, CL_KERNEL_CONTEXT, sizeof c, &c, NULL));
	CHECK(c == t.context);
	cl_program pp = NULL;
	CHECK_OK(clGetKernelInfo(k, CL_KERNEL_PROGRAM, sizeof pp, &pp, NULL));
	CHECK(pp == p);
	CHECK(strcmp(kinfo_str(k, CL_KERNEL_ATTRIBUTES), "") == 0);
	CHECK_ERR(clGetKernelInfo(k, CL_KERNEL_NUM_ARGS, sizeof u - 1, &u, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetKernelInfo(k, CL_KERNEL_FUNCTION_NAME, 3, kinfo_str(k, CL_KERNEL_FUNCTION_NAME), NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetKernelInfo(k, 0x9999, sizeof u, &u, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetKernelInfo(k, CL_KERNEL_ARG_NAME, sizeof u, &u, NULL), CL_INVALID_VALUE);
	clReleaseKernel(k);

	/* CL_KERNEL_ATTRIBUTES: as written, without spaces. */
	k = kernel(p, "attr");
	char *a = kinfo_str(k, CL_KERNEL_ATTRIBUTES);
	CHECK(a && strstr(a, "reqd_work_group_size(4,1,1)") && strstr(a, "vec_type_hint(uint4)"));
	printf("attr's attributes: \"%s\"\n", a ? a : "?");
	clReleaseKernel(k);
	k = kernel(p, "hint");
	a = kinfo_str(k, CL_KERNEL_ATTRIBUTES);
	CHECK(a && strstr(a, "work_group_size_hint(8,2,1)") && strstr(a, "vec_type_hint(double)") && !strstr(a, "reqd"));
	clReleaseKernel(k);
}

static void test_arg_info(cl_program with, cl_program without) {
	struct { cl_kernel_arg_address_qualifier as; const char *type; cl_kernel_arg_type_qualifier q; const char *name; } want[NARGS] = {
		{ CL_KERNEL_ARG_ADDRESS_GLOBAL, "int*", 0, "out" },
		{ CL_KERNEL_ARG_ADDRESS_GLOBAL, "float*", CL_KERNEL_ARG_TYPE_CONST, "in" },
		{ CL_KERNEL_ARG_ADDRESS_CONSTANT, "int*", CL_KERNEL_ARG_TYPE_CONST, "cst" },
		{ CL_KERNEL_ARG_ADDRESS_LOCAL, "int*", 0, "scratch" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "char", 0, "c" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "uchar", 0, "uc" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "short", 0, "sh" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "ushort", 0, "us" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "int", 0, "i" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "uint", 0, "ui" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "long", 0, "l" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "ulong", 0, "ul" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "float", 0, "f" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "double", 0, "d" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "float4", 0, "v4" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "int3", 0, "i3" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "double2", 0, "d2" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "S", 0, "s" },
		{ CL_KERNEL_ARG_ADDRESS_PRIVATE, "myvec", 0, "mv" },
	};
	cl_kernel k = kernel(with, "args");
	for (cl_uint i = 0; i < NARGS; i++) {
		cl_kernel_arg_address_qualifier as = 0;
		cl_kernel_arg_access_qualifier ac = 0;
		cl_kernel_arg_type_qualifier q = 99;
		size_t sz = 0;
		CHECK_OK(clGetKernelArgInfo(k, i, CL_KERNEL_ARG_ADDRESS_QUALIFIER, sizeof as, &as, &sz));
		CHECK(as == want[i].as && sz == sizeof as);
		CHECK_OK(clGetKernelArgInfo(k, i, CL_KERNEL_ARG_ACCESS_QUALIFIER, sizeof ac, &ac, NULL));
		CHECK(ac == CL_KERNEL_ARG_ACCESS_NONE);
		CHECK_OK(clGetKernelArgInfo(k, i, CL_KERNEL_ARG_TYPE_QUALIFIER, sizeof q, &q, NULL));
		CHECK(q == want[i].q);
		char *s = arg_str(k, i, CL_KERNEL_ARG_TYPE_NAME);
		CHECK(s && strcmp(s, want[i].type) == 0);
		if (s && strcmp(s, want[i].type)) fprintf(stderr, "arg %u type %s, want %s\n", i, s, want[i].type);
		s = arg_str(k, i, CL_KERNEL_ARG_NAME);
		CHECK(s && strcmp(s, want[i].name) == 0);
	}
	size_t sz = 0;
	CHECK_OK(clGetKernelArgInfo(k, 3, CL_KERNEL_ARG_NAME, 0, NULL, &sz));
	CHECK(sz == strlen("scratch") + 1);
	char small[3];
	CHECK_ERR(clGetKernelArgInfo(k, 3, CL_KERNEL_ARG_NAME, sizeof small, small, NULL), CL_INVALID_VALUE);
	cl_uint u;
	CHECK_ERR(clGetKernelArgInfo(k, NARGS, CL_KERNEL_ARG_NAME, sizeof small, small, NULL), CL_INVALID_ARG_INDEX);
	CHECK_ERR(clGetKernelArgInfo(k, 0, 0x9999, sizeof u, &u, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetKernelArgInfo(k, 0, CL_KERNEL_ARG_ADDRESS_QUALIFIER, sizeof u - 1, &u, NULL), CL_INVALID_VALUE);
	clReleaseKernel(k);

	/* Qualifiers: volatile, restrict, const; unsigned spelled out. */
	k = kernel(with, "quals");
	static const struct { cl_kernel_arg_type_qualifier q; const char *type; cl_kernel_arg_address_qualifier as; } qw[7] = {
		{ CL_KERNEL_ARG_TYPE_VOLATILE, "int*", CL_KERNEL_ARG_ADDRESS_GLOBAL },
		{ CL_KERNEL_ARG_TYPE_RESTRICT, "int*", CL_KERNEL_ARG_ADDRESS_GLOBAL },
		{ CL_KERNEL_ARG_TYPE_CONST | CL_KERNEL_ARG_TYPE_VOLATILE | CL_KERNEL_ARG_TYPE_RESTRICT, "int*", CL_KERNEL_ARG_ADDRESS_GLOBAL },
		{ 0, "uint*", CL_KERNEL_ARG_ADDRESS_GLOBAL },
		{ 0, "uint*", CL_KERNEL_ARG_ADDRESS_GLOBAL },
		{ 0, "float4*", CL_KERNEL_ARG_ADDRESS_LOCAL },
		{ CL_KERNEL_ARG_TYPE_CONST, "S*", CL_KERNEL_ARG_ADDRESS_CONSTANT },
	};
	for (cl_uint i = 0; i < 7; i++) {
		cl_kernel_arg_type_qualifier q = 99;
		cl_kernel_arg_address_qualifier as = 0;
		CHECK_OK(clGetKernelArgInfo(k, i, CL_KERNEL_ARG_TYPE_QUALIFIER, sizeof q, &q, NULL));
		CHECK(q == qw[i].q);
		if (q != qw[i].q) fprintf(stderr, "quals arg %u: qualifier 0x%llx, want 0x%llx\n", i, (unsigned long long)q, (unsigned long long)qw[i].q);
		CHECK_OK(clGetKernelArgInfo(k, i, CL_KERNEL_ARG_ADDRESS_QUALIFIER, sizeof as, &as, NULL));
		CHECK(as == qw[i].as);
		char *s = arg_str(k, i, CL_KERNEL_ARG_TYPE_NAME);
		CHECK(s && strcmp(s, qw[i].type) == 0);
		if (s && strcmp(s, qw[i].type)) fprintf(stderr, "quals arg %u type %s, want %s\n", i, s, qw[i].type);
	}
	clReleaseKernel(k);

	/* Without -cl-kernel-arg-info: not available (the index is still
	 * checked first). */
	k = kernel(without, "args");
	cl_kernel_arg_address_qualifier as;
	CHECK_ERR(clGetKernelArgInfo(k, 0, CL_KERNEL_ARG_ADDRESS_QUALIFIER, sizeof as, &as, NULL), CL_KERNEL_ARG_INFO_NOT_AVAILABLE);
	CHECK_ERR(clGetKernelArgInfo(k, 3, CL_KERNEL_ARG_NAME, sizeof small, small, NULL), CL_KERNEL_ARG_INFO_NOT_AVAILABLE);
	CHECK_ERR(clGetKernelArgInfo(k, NARGS, CL_KERNEL_ARG_NAME, sizeof small, small, NULL), CL_INVALID_ARG_INDEX);
	clReleaseKernel(k);

	/* Kept by separate compilation with the option. */
	cl_int err;
	cl_program o = clCreateProgramWithSource(t.context, 1, &src, NULL, &err);
	CHECK_OK(clCompileProgram(o, 0, NULL, "-cl-kernel-arg-info", 0, NULL, NULL, NULL, NULL));
	cl_program e = clLinkProgram(t.context, 0, NULL, NULL, 1, &o, NULL, NULL, &err);
	CHECK_OK(err);
	if (e) {
		k = kernel(e, "inc");
		char *s = arg_str(k, 1, CL_KERNEL_ARG_NAME);
		CHECK(s && strcmp(s, "by") == 0);
		clReleaseKernel(k);
		clReleaseProgram(e);
	}
	clReleaseProgram(o);
}

static void test_work_group_info(cl_program p) {
	cl_int err;
	size_t dev_max = 0, dev_mult = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_MAX_WORK_GROUP_SIZE, sizeof dev_max, &dev_max, NULL));
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_PREFERRED_WORK_GROUP_SIZE_MULTIPLE, sizeof dev_mult, &dev_mult, NULL));
	cl_kernel plain = kernel(p, "inc"), attr = kernel(p, "attr"), hint = kernel(p, "hint"), priv = kernel(p, "priv"),
		args = kernel(p, "args");

	/* CL_KERNEL_COMPILE_WORK_GROUP_SIZE and CL_KERNEL_WORK_GROUP_SIZE. */
	size_t cwg[3] = { 9, 9, 9 }, sz = 0;
	CHECK_OK(clGetKernelWorkGroupInfo(attr, t.device, CL_KERNEL_COMPILE_WORK_GROUP_SIZE, sizeof cwg, cwg, &sz));
	CHECK(cwg[0] == 4 && cwg[1] == 1 && cwg[2] == 1 && sz == sizeof cwg);
	CHECK_OK(clGetKernelWorkGroupInfo(plain, t.device, CL_KERNEL_COMPILE_WORK_GROUP_SIZE, sizeof cwg, cwg, NULL));
	CHECK(cwg[0] == 0 && cwg[1] == 0 && cwg[2] == 0);
	CHECK_OK(clGetKernelWorkGroupInfo(hint, t.device, CL_KERNEL_COMPILE_WORK_GROUP_SIZE, sizeof cwg, cwg, NULL));
	CHECK(cwg[0] == 0);
	size_t wg = wg_size(plain, CL_KERNEL_WORK_GROUP_SIZE);
	CHECK(wg >= 1 && wg <= dev_max);
	CHECK(wg_size(attr, CL_KERNEL_WORK_GROUP_SIZE) == 4);
	/* The required size is the one that runs. */
	int out[16];
	cl_mem m = buffer(sizeof out, NULL);
	CHECK_OK(clSetKernelArg(attr, 0, sizeof m, &m));
	size_t g = 16, l = 4;
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, attr, 1, NULL, &g, &l, 0, NULL, NULL));
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, attr, 1, NULL, &g, NULL, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	CHECK(out[0] == 4 && out[15] == 4);
	l = 8;
	CHECK_ERR(clEnqueueNDRangeKernel(t.queue, attr, 1, NULL, &g, &l, 0, NULL, NULL), CL_INVALID_WORK_GROUP_SIZE);

	/* CL_KERNEL_LOCAL_MEM_SIZE: kernel-scope __local variables and the
	 * __local arguments set so far. */
	CHECK(wg_ulong(plain, CL_KERNEL_LOCAL_MEM_SIZE) == 0);
	cl_ulong hl = wg_ulong(hint, CL_KERNEL_LOCAL_MEM_SIZE);
	CHECK(hl >= 10 * sizeof(int));
	printf("local memory of hint (local int tile[10]): %llu bytes\n", (unsigned long long)hl);
	cl_ulong before = wg_ulong(args, CL_KERNEL_LOCAL_MEM_SIZE);
	CHECK_OK(clSetKernelArg(args, 3, 1000, NULL));
	CHECK(wg_ulong(args, CL_KERNEL_LOCAL_MEM_SIZE) >= before + 1000);
	/* hint runs with its local array. */
	CHECK_OK(clSetKernelArg(hint, 0, sizeof m, &m));
	l = 8;
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, hint, 1, NULL, &g, &l, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	int good = 0;
	for (int i = 0; i < 16; i++) good += out[i] == (i % 8 + 1) % 8;
	CHECK(good == 16);

	/* CL_KERNEL_PRIVATE_MEM_SIZE: priv keeps 256 ints in private memory. */
	cl_ulong pm = wg_ulong(priv, CL_KERNEL_PRIVATE_MEM_SIZE);
	CHECK(pm >= 256 * sizeof(int));
	printf("private memory of priv (volatile int buf[256]): %llu bytes\n", (unsigned long long)pm);
	CHECK(wg_ulong(plain, CL_KERNEL_PRIVATE_MEM_SIZE) < 256);
	int n = 3;
	CHECK_OK(clSetKernelArg(priv, 0, sizeof m, &m));
	CHECK_OK(clSetKernelArg(priv, 1, sizeof n, &n));
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, priv, 1, NULL, &g, NULL, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	good = 0;
	for (int i = 0; i < 16; i++) good += out[i] == (i * 7 % 256) * 3;
	CHECK(good == 16);

	/* CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE: the device's. */
	CHECK(wg_size(plain, CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE) == dev_mult);
	CHECK(dev_mult >= 1);

	/* Errors: the device (NULL is fine with one device), the query, the
	 * size. */
	size_t v;
	CHECK_OK(clGetKernelWorkGroupInfo(plain, NULL, CL_KERNEL_WORK_GROUP_SIZE, sizeof v, &v, NULL));
	CHECK(v == wg);
	CHECK_ERR(clGetKernelWorkGroupInfo(plain, (cl_device_id)GARBAGE, CL_KERNEL_WORK_GROUP_SIZE, sizeof v, &v, NULL), CL_INVALID_DEVICE);
	CHECK_ERR(clGetKernelWorkGroupInfo(plain, (cl_device_id)t.context, CL_KERNEL_WORK_GROUP_SIZE, sizeof v, &v, NULL), CL_INVALID_DEVICE);
	CHECK_ERR(clGetKernelWorkGroupInfo(plain, t.device, CL_KERNEL_GLOBAL_WORK_SIZE, sizeof cwg, cwg, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetKernelWorkGroupInfo(plain, t.device, 0x9999, sizeof v, &v, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetKernelWorkGroupInfo(plain, t.device, CL_KERNEL_COMPILE_WORK_GROUP_SIZE, sizeof v, cwg, NULL), CL_INVALID_VALUE);
	cl_ulong small;
	CHECK_ERR(clGetKernelWorkGroupInfo(plain, t.device, CL_KERNEL_LOCAL_MEM_SIZE, sizeof small - 1, &small, NULL), CL_INVALID_VALUE);

	/* Sub-groups: a device without them (CL_DEVICE_MAX_NUM_SUB_GROUPS 0)
	 * refuses the queries; tests/subgroups.c checks them on one with. */
	cl_uint nsg = 99;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_MAX_NUM_SUB_GROUPS, sizeof nsg, &nsg, NULL));
	if (nsg == 0) {
		size_t local[1] = { 4 }, r;
		CHECK_ERR(clGetKernelSubGroupInfo(plain, t.device, CL_KERNEL_MAX_SUB_GROUP_SIZE_FOR_NDRANGE, sizeof local, local, sizeof r, &r, NULL), CL_INVALID_OPERATION);
		CHECK_ERR(clGetKernelSubGroupInfo(plain, NULL, CL_KERNEL_MAX_NUM_SUB_GROUPS, 0, NULL, sizeof r, &r, NULL), CL_INVALID_OPERATION);
	}
	CHECK_ERR(clGetKernelSubGroupInfo(plain, (cl_device_id)GARBAGE, CL_KERNEL_MAX_NUM_SUB_GROUPS, 0, NULL, sizeof v, &v, NULL), CL_INVALID_DEVICE);

	clReleaseMemObject(m);
	clReleaseKernel(plain);
	clReleaseKernel(attr);
	clReleaseKernel(hint);
	clReleaseKernel(priv);
	clReleaseKernel(args);
	(void)err;
}

/* A program from a binary: its kernels' attributes are not known (no
 * source); everything else is. */
static void test_from_binary(cl_program p) {
	size_t len = 0;
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_BINARY_SIZES, sizeof len, &len, NULL));
	unsigned char *bin = malloc(len);
	unsigned char *bins[1] = { bin };
	CHECK_OK(clGetProgramInfo(p, CL_PROGRAM_BINARIES, sizeof bins, bins, NULL));
	cl_int err;
	cl_program q = clCreateProgramWithBinary(t.context, 1, &t.device, &len, (const unsigned char **)bins, NULL, &err);
	CHECK_OK(err);
	CHECK_OK(clBuildProgram(q, 0, NULL, NULL, NULL, NULL));
	cl_kernel k = kernel(q, "attr");
	CHECK(strcmp(kinfo_str(k, CL_KERNEL_ATTRIBUTES), "") == 0);
	size_t cwg[3];
	CHECK_OK(clGetKernelWorkGroupInfo(k, t.device, CL_KERNEL_COMPILE_WORK_GROUP_SIZE, sizeof cwg, cwg, NULL));
	CHECK(cwg[0] == 4 && cwg[1] == 1 && cwg[2] == 1);
	clReleaseKernel(k);
	k = kernel(q, "hint");
	CHECK(wg_ulong(k, CL_KERNEL_LOCAL_MEM_SIZE) >= 40);
	clReleaseKernel(k);
	k = kernel(q, "args");
	int out[29];
	set_all(k, 32);
	CHECK(run_args(k, out) == 29);
	clReleaseKernel(k);
	clReleaseProgram(q);
	free(bin);
}

/* Kernels of one program on several threads: each sets and runs its own. */
static cl_program g_prog;
static int g_bad;

static void *worker(void *arg) {
	long id = (long)arg;
	cl_int err;
	cl_kernel k = clCreateKernel(g_prog, "inc", &err);
	if (err != CL_SUCCESS) { __atomic_add_fetch(&g_bad, 1, __ATOMIC_SEQ_CST); return NULL; }
	int data[32] = { 0 };
	cl_mem m = clCreateBuffer(t.context, CL_MEM_COPY_HOST_PTR, sizeof data, data, &err);
	cl_command_queue q = clCreateCommandQueueWithProperties(t.context, t.device, NULL, &err);
	size_t g = 32;
	for (int i = 0; i < 50; i++) {
		int by = (int)id + 1;
		cl_kernel use = k;
		if (i % 10 == 0) use = clCloneKernel(k, &err);
		if (clSetKernelArg(use, 0, sizeof m, &m) || clSetKernelArg(use, 1, sizeof by, &by) ||
		    clEnqueueNDRangeKernel(q, use, 1, NULL, &g, NULL, 0, NULL, NULL))
			__atomic_add_fetch(&g_bad, 1, __ATOMIC_SEQ_CST);
		if (use != k) clReleaseKernel(use);
	}
	clEnqueueReadBuffer(q, m, CL_TRUE, 0, sizeof data, data, 0, NULL, NULL);
	for (int i = 0; i < 32; i++)
		if (data[i] != 50 * ((int)id + 1)) { __atomic_add_fetch(&g_bad, 1, __ATOMIC_SEQ_CST); break; }
	clReleaseCommandQueue(q);
	clReleaseMemObject(m);
	clReleaseKernel(k);
	return NULL;
}

static void test_threads(cl_program p) {
	g_prog = p;
	pthread_t th[4];
	for (long i = 0; i < 4; i++) pthread_create(&th[i], NULL, worker, (void *)i);
	for (int i = 0; i < 4; i++) pthread_join(th[i], NULL);
	CHECK(g_bad == 0);
}

int main(void) {
	t = test_setup();
	cl_program with = build("-cl-kernel-arg-info");
	cl_program without = build(NULL);
	test_set_arg(without);
	test_svm(without);
	test_kernel_info(without);
	test_arg_info(with, without);
	test_work_group_info(without);
	test_from_binary(without);
	test_threads(with);
	/* The programs are released with kernels alive: the kernels keep
	 * working. */
	cl_kernel k = kernel(with, "inc");
	clReleaseProgram(with);
	int data[4] = { 1, 2, 3, 4 }, by = 10;
	cl_mem m = buffer(sizeof data, data);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clSetKernelArg(k, 1, sizeof by, &by));
	size_t g = 4;
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, sizeof data, data, 0, NULL, NULL));
	CHECK(data[0] == 11 && data[3] == 14);
	cl_program pp = NULL;
	CHECK_OK(clGetKernelInfo(k, CL_KERNEL_PROGRAM, sizeof pp, &pp, NULL));
	CHECK(pp == with);
	clReleaseKernel(k);
	clReleaseMemObject(m);
	clReleaseMemObject(g_out);
	clReleaseMemObject(g_in);
	clReleaseMemObject(g_cst);
	clReleaseProgram(without);
	test_teardown(&t);
	return check_done();
}
