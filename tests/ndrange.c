/* clEnqueueNDRangeKernel and clEnqueueTask: the error list in order, the
 * work-item functions in 1-3 dimensions with offsets and non-uniform
 * work-groups against host-computed values, the automatic local size,
 * __local memory private to each work-group (arguments and kernel scope),
 * every core at work on a large launch, events, profiling, failure
 * propagation and out-of-order execution of kernels. */
#include "check.h"
#include <pthread.h>

static const char *src =
	/* OpenCL C 1.2 has no get_enqueued_local_size nor linear ids: its
	 * groups are uniform, and the ids are worked out by hand. */
	"#if __OPENCL_C_VERSION__ >= 200\n"
	"#define ENQ(d) get_enqueued_local_size(d)\n"
	"#define GLIN() get_global_linear_id()\n"
	"#define LLIN() get_local_linear_id()\n"
	"#else\n"
	"#define ENQ(d) get_local_size(d)\n"
	"#define GLIN() (((get_global_id(2) - get_global_offset(2)) * get_global_size(1) + get_global_id(1) - get_global_offset(1)) * get_global_size(0) + get_global_id(0) - get_global_offset(0))\n"
	"#define LLIN() ((get_local_id(2) * get_local_size(1) + get_local_id(1)) * get_local_size(0) + get_local_id(0))\n"
	"#endif\n"
	"typedef struct { ulong v[48]; } rec;\n"
	"kernel void items(global rec *out) {\n"
	"  size_t x = get_global_id(0) - get_global_offset(0), y = get_global_id(1) - get_global_offset(1),\n"
	"         z = get_global_id(2) - get_global_offset(2);\n"
	"  global rec *r = &out[(z * get_global_size(1) + y) * get_global_size(0) + x];\n"
	"  int k = 0;\n"
	"  for (uint d = 0; d < 4; d++) {\n"
	"    r->v[k++] = get_global_id(d); r->v[k++] = get_local_id(d); r->v[k++] = get_group_id(d);\n"
	"    r->v[k++] = get_local_size(d); r->v[k++] = ENQ(d); r->v[k++] = get_num_groups(d);\n"
	"    r->v[k++] = get_global_size(d); r->v[k++] = get_global_offset(d);\n"
	"  }\n"
	"  r->v[k++] = get_work_dim(); r->v[k++] = GLIN(); r->v[k++] = LLIN();\n"
	"  r->v[47] += 1;\n"
	"}\n"
	"kernel void add(global int *p, int v) { p[get_global_id(0)] += v; }\n"
	"kernel void two(global int *p, int v) { p[get_global_id(0)] = v; }\n"
	"__attribute__((reqd_work_group_size(4, 2, 1))) kernel void reqd(global int *p) {\n"
	"  p[get_global_id(1) * get_global_size(0) + get_global_id(0)] = (int)(get_local_size(0) * 10 + get_local_size(1)); }\n"
	"__attribute__((reqd_work_group_size(2, 1, 1))) kernel void reqd2(global int *p) { p[0] = 1; }\n"
	"kernel void task(global ulong *p) {\n"
	"  p[0] = get_work_dim(); p[1] = get_global_size(0); p[2] = get_local_size(0); p[3] = get_global_id(0);\n"
	"  p[4] = get_num_groups(0); p[5] = get_global_size(1); p[6] += 1; }\n"
	/* __local memory: every work-item writes its group's id into the
	 * group's memory, then checks, after a barrier, that the memory holds
	 * its group's id only: a work-group sharing it with another one running
	 * at the same time sees the other's. */
	"kernel void lmem_arg(global int *bad, local int *a, local char *odd, local long16 *aligned, int rounds) {\n"
	"  size_t l = get_local_id(0), n = get_local_size(0); int g = (int)get_group_id(0);\n"
	"  if (l == 0 && (((ulong)aligned) % 128 != 0 || ((ulong)a) % 128 != 0)) bad[get_global_id(0)] += 1000000;\n"
	"  for (int r = 0; r < rounds; r++) {\n"
	"    a[l] = g; barrier(CLK_LOCAL_MEM_FENCE);\n"
	"    for (size_t i = 0; i < n; i++) if (a[i] != g) { bad[get_global_id(0)]++; break; }\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  }\n"
	"}\n"
	"kernel void lmem_scope(global int *bad, int rounds) {\n"
	"  local int a[64];\n"
	"  size_t l = get_local_id(0), n = get_local_size(0); int g = (int)get_group_id(0);\n"
	"  for (int r = 0; r < rounds; r++) {\n"
	"    a[l] = g; barrier(CLK_LOCAL_MEM_FENCE);\n"
	"    for (size_t i = 0; i < n; i++) if (a[i] != g) { bad[get_global_id(0)]++; break; }\n"
	"    barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  }\n"
	"}\n"
	/* Without barriers a group's work-items run one after another: the
	 * memory still belongs to the group alone. */
	"kernel void lmem_loop(global int *bad, local int *a, int rounds) {\n"
	"  int g = (int)get_group_id(0);\n"
	"  for (int r = 0; r < rounds; r++) { a[0] = g; for (volatile int i = 0; i < 20; i++) {} if (a[0] != g) bad[get_global_id(0)]++; }\n"
	"}\n"
	/* Which thread ran each group: kernel-scope __local memory is one copy
	 * per thread, so its address tells the threads apart. */
	"kernel void who(global ulong *out, int spin) {\n"
	"  local int tag[4];\n"
	"  if (get_local_id(0) == 0) { tag[0] = 1; out[get_group_id(0)] = (ulong)(uintptr_t)tag; }\n"
	"  volatile int x = 0; for (int i = 0; i < spin; i++) x += i;\n"
	"}\n"
	"kernel void args2(global int *p, local int *a, int v, local int *b) { a[0] = v; b[0] = v + 1; p[get_global_id(0)] = a[0] * 10 + b[0]; }\n";

typedef struct { cl_ulong v[48]; } rec;

static cl_program build(test_env *t, const char *opts) {
	cl_int err;
	cl_program p = clCreateProgramWithSource(t->context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	if (clBuildProgram(p, 1, &t->device, opts, NULL, NULL) != CL_SUCCESS) {
		char log[16384] = "";
		clGetProgramBuildInfo(p, t->device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
		fprintf(stderr, "FATAL: build (%s) failed:\n%s\n", opts, log);
		exit(2);
	}
	return p;
}

static cl_kernel kern(cl_program p, const char *name) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, name, &err);
	REQUIRE_OK(err);
	return k;
}

static cl_mem buf(test_env *t, size_t size) {
	cl_int err;
	cl_mem m = clCreateBuffer(t->context, CL_MEM_READ_WRITE, size, NULL, &err);
	REQUIRE_OK(err);
	int zero = 0;
	REQUIRE_OK(clEnqueueFillBuffer(t->queue, m, &zero, sizeof zero, 0, size, 0, NULL, NULL));
	REQUIRE_OK(clFinish(t->queue));
	return m;
}

/* ---- the error list ---- */

static void test_errors(test_env *t) {
	cl_int err;
	cl_program p = build(t, "");
	cl_kernel k = kern(p, "add");
	cl_mem m = buf(t, 4096);
	size_t g = 16, l = 4, zero = 0;
	int v = 1;

	/* CL_INVALID_COMMAND_QUEUE, CL_INVALID_KERNEL */
	CHECK_ERR(clEnqueueNDRangeKernel(NULL, k, 1, NULL, &g, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(clEnqueueNDRangeKernel((cl_command_queue)GARBAGE, k, 1, NULL, &g, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, NULL, 1, NULL, &g, NULL, 0, NULL, NULL), CL_INVALID_KERNEL);
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, (cl_kernel)GARBAGE, 1, NULL, &g, NULL, 0, NULL, NULL), CL_INVALID_KERNEL);
	CHECK_ERR(clEnqueueTask(t->queue, NULL, 0, NULL, NULL), CL_INVALID_KERNEL);
	CHECK_ERR(clEnqueueTask(NULL, k, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);

	/* CL_INVALID_KERNEL_ARGS comes before the work sizes. */
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 0, NULL, &g, NULL, 0, NULL, NULL), CL_INVALID_KERNEL_ARGS);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, NULL, 0, NULL, NULL), CL_INVALID_KERNEL_ARGS);
	CHECK_ERR(clEnqueueTask(t->queue, k, 0, NULL, NULL), CL_INVALID_KERNEL_ARGS);
	CHECK_OK(clSetKernelArg(k, 1, sizeof v, &v));

	/* CL_INVALID_CONTEXT: the queue of another context, and a wait-list
	 * event of another context (before CL_INVALID_KERNEL_ARGS). */
	cl_context ctx2 = clCreateContext(NULL, 1, &t->device, NULL, NULL, &err);
	REQUIRE_OK(err);
	cl_command_queue q2 = clCreateCommandQueueWithProperties(ctx2, t->device, NULL, &err);
	REQUIRE_OK(err);
	CHECK_ERR(clEnqueueNDRangeKernel(q2, k, 1, NULL, &g, NULL, 0, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueTask(q2, k, 0, NULL, NULL), CL_INVALID_CONTEXT);
	cl_event other = clCreateUserEvent(ctx2, &err);
	REQUIRE_OK(err);
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, NULL, 1, &other, NULL), CL_INVALID_CONTEXT);
	cl_kernel unset = kern(p, "add");
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, unset, 1, NULL, &g, NULL, 1, &other, NULL), CL_INVALID_CONTEXT);
	clReleaseKernel(unset);
	clSetUserEventStatus(other, CL_COMPLETE);
	clReleaseEvent(other);

	/* CL_INVALID_WORK_DIMENSION */
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 0, NULL, &g, NULL, 0, NULL, NULL), CL_INVALID_WORK_DIMENSION);
	size_t g4[4] = {1, 1, 1, 1};
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 4, NULL, g4, NULL, 0, NULL, NULL), CL_INVALID_WORK_DIMENSION);

	/* CL_INVALID_GLOBAL_WORK_SIZE: more work-items than a size_t counts. */
	size_t huge[3] = {(size_t)1 << 32, (size_t)1 << 32, 2};
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 3, NULL, huge, NULL, 0, NULL, NULL), CL_INVALID_GLOBAL_WORK_SIZE);

	/* CL_INVALID_GLOBAL_OFFSET */
	size_t off = SIZE_MAX - 8;
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 1, &off, &g, NULL, 0, NULL, NULL), CL_INVALID_GLOBAL_OFFSET);
	size_t off3[3] = {0, SIZE_MAX, 0}, g3[3] = {1, 2, 1};
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 3, off3, g3, NULL, 0, NULL, NULL), CL_INVALID_GLOBAL_OFFSET);

	/* CL_INVALID_WORK_GROUP_SIZE: a 0, more work-items than
	 * CL_KERNEL_WORK_GROUP_SIZE, a global size not a multiple of the local
	 * one (the default OpenCL C 1.2 requires uniform work-groups). */
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &zero, 0, NULL, NULL), CL_INVALID_WORK_GROUP_SIZE);
	size_t kwg = 0, maxitems[3] = {0};
	CHECK_OK(clGetKernelWorkGroupInfo(k, t->device, CL_KERNEL_WORK_GROUP_SIZE, sizeof kwg, &kwg, NULL));
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_MAX_WORK_ITEM_SIZES, sizeof maxitems, maxitems, NULL));
	size_t big[2] = {kwg, 2}, gbig[2] = {kwg, 2};
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 2, NULL, gbig, big, 0, NULL, NULL), CL_INVALID_WORK_GROUP_SIZE);
	size_t g7 = 7, l2 = 2;
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g7, &l2, 0, NULL, NULL), CL_INVALID_WORK_GROUP_SIZE);
	/* More than CL_DEVICE_MAX_WORK_ITEM_SIZES[0] in one dimension also
	 * makes more than CL_KERNEL_WORK_GROUP_SIZE here: that error is first. */
	size_t over = maxitems[0] * 2, gover = maxitems[0] * 2;
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &gover, &over, 0, NULL, NULL), CL_INVALID_WORK_GROUP_SIZE);

	/* reqd_work_group_size(4, 2, 1) */
	cl_kernel r = kern(p, "reqd");
	CHECK_OK(clSetKernelArg(r, 0, sizeof m, &m));
	size_t rg[2] = {8, 4}, rl[2] = {4, 2}, rbad[2] = {2, 4}, rl1 = 4;
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, r, 2, NULL, rg, rbad, 0, NULL, NULL), CL_INVALID_WORK_GROUP_SIZE);
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, r, 1, NULL, rg, &rl1, 0, NULL, NULL), CL_INVALID_WORK_GROUP_SIZE);
	CHECK_ERR(clEnqueueTask(t->queue, r, 0, NULL, NULL), CL_INVALID_WORK_GROUP_SIZE);
	size_t rodd[2] = {6, 4};
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, r, 2, NULL, rodd, NULL, 0, NULL, NULL), CL_INVALID_WORK_GROUP_SIZE);
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, r, 2, NULL, rg, rl, 0, NULL, NULL));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, r, 2, NULL, rg, NULL, 0, NULL, NULL));
	int out[32];
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	int bad = 0;
	for (int i = 0; i < 32; i++) bad += out[i] != 42;
	CHECK(bad == 0);
	clReleaseKernel(r);

	/* CL_INVALID_EVENT_WAIT_LIST */
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, NULL, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	cl_event ev = NULL;
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, NULL, 0, &ev, NULL), CL_INVALID_EVENT_WAIT_LIST);
	cl_event junk = (cl_event)GARBAGE;
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, NULL, 1, &junk, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueTask(t->queue, k, 1, &junk, NULL), CL_INVALID_EVENT_WAIT_LIST);

	/* CL_OUT_OF_RESOURCES: __local arguments beyond CL_DEVICE_LOCAL_MEM_SIZE. */
	cl_ulong lmem = 0;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_LOCAL_MEM_SIZE, sizeof lmem, &lmem, NULL));
	cl_kernel a2 = kern(p, "args2");
	CHECK_OK(clSetKernelArg(a2, 0, sizeof m, &m));
	CHECK_OK(clSetKernelArg(a2, 1, (size_t)lmem / 2 + 64, NULL));
	CHECK_OK(clSetKernelArg(a2, 2, sizeof v, &v));
	CHECK_OK(clSetKernelArg(a2, 3, (size_t)lmem / 2 + 64, NULL));
	CHECK_ERR(clEnqueueNDRangeKernel(t->queue, a2, 1, NULL, &g, NULL, 0, NULL, NULL), CL_OUT_OF_RESOURCES);
	/* Exactly CL_DEVICE_LOCAL_MEM_SIZE is fine. */
	CHECK_OK(clSetKernelArg(a2, 1, (size_t)lmem / 2, NULL));
	CHECK_OK(clSetKernelArg(a2, 3, (size_t)lmem / 2, NULL));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, a2, 1, NULL, &g, NULL, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	CHECK(out[0] == 12 && out[15] == 12 && out[16] == 42);
	clReleaseKernel(a2);

	/* Nothing above ran the kernel "add": the buffer is as "reqd" left it. */
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	CHECK(out[16] == 42 && out[31] == 42);

	/* A global size of 0, or none, is an empty range (OpenCL 2.1 and
	 * later): success, and nothing runs; its event completes. */
	size_t g0[2] = {16, 0};
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 2, NULL, g0, NULL, 0, NULL, &ev));
	CHECK_OK(clWaitForEvents(1, &ev));
	cl_command_type type = 0;
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_TYPE, sizeof type, &type, NULL));
	CHECK(type == CL_COMMAND_NDRANGE_KERNEL);
	clReleaseEvent(ev);
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, NULL, NULL, 0, NULL, NULL));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &zero, &l, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	CHECK(out[0] == 12 && out[16] == 42);

	/* A kernel runs on a queue of a device its program was not built for:
	 * CL_INVALID_PROGRAM_EXECUTABLE (a context of the device and one of its
	 * sub-devices; the program built for the sub-device only). */
	cl_uint cu = 0;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof cu, &cu, NULL));
	if (cu >= 2) {
		cl_device_partition_property props[] = {CL_DEVICE_PARTITION_EQUALLY, 1, 0};
		cl_device_id sub[64];
		cl_uint nsub = 0;
		CHECK_OK(clCreateSubDevices(t->device, props, 64, sub, &nsub));
		cl_device_id both[2] = {t->device, sub[0]};
		cl_context c3 = clCreateContext(NULL, 2, both, NULL, NULL, &err);
		REQUIRE_OK(err);
		cl_program ps = clCreateProgramWithSource(c3, 1, &src, NULL, &err);
		REQUIRE_OK(err);
		CHECK_OK(clBuildProgram(ps, 1, &sub[0], "", NULL, NULL));
		cl_kernel ks = kern(ps, "add");
		cl_mem ms = clCreateBuffer(c3, CL_MEM_READ_WRITE, 64, NULL, &err);
		CHECK_OK(clSetKernelArg(ks, 0, sizeof ms, &ms));
		CHECK_OK(clSetKernelArg(ks, 1, sizeof v, &v));
		cl_command_queue qr = clCreateCommandQueueWithProperties(c3, t->device, NULL, &err);
		cl_command_queue qs = clCreateCommandQueueWithProperties(c3, sub[0], NULL, &err);
		size_t n16 = 16;
		CHECK_ERR(clEnqueueNDRangeKernel(qr, ks, 1, NULL, &n16, NULL, 0, NULL, NULL), CL_INVALID_PROGRAM_EXECUTABLE);
		CHECK_ERR(clEnqueueTask(qr, ks, 0, NULL, NULL), CL_INVALID_PROGRAM_EXECUTABLE);
		int zeros[16] = {0}, got[16];
		CHECK_OK(clEnqueueWriteBuffer(qs, ms, CL_TRUE, 0, sizeof zeros, zeros, 0, NULL, NULL));
		CHECK_OK(clEnqueueNDRangeKernel(qs, ks, 1, NULL, &n16, NULL, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadBuffer(qs, ms, CL_TRUE, 0, sizeof got, got, 0, NULL, NULL));
		CHECK(got[0] == 1 && got[15] == 1);
		clReleaseKernel(ks);
		clReleaseProgram(ps);

		/* Built for the parent, the program is built for its sub-device
		 * too (as with PoCL; the CTS device_partition expects it). */
		ps = clCreateProgramWithSource(c3, 1, &src, NULL, &err);
		REQUIRE_OK(err);
		CHECK_OK(clBuildProgram(ps, 1, &t->device, "", NULL, NULL));
		cl_build_status st = CL_BUILD_NONE;
		CHECK_OK(clGetProgramBuildInfo(ps, sub[0], CL_PROGRAM_BUILD_STATUS, sizeof st, &st, NULL));
		CHECK(st == CL_BUILD_SUCCESS);
		ks = kern(ps, "add");
		CHECK_OK(clSetKernelArg(ks, 0, sizeof ms, &ms));
		CHECK_OK(clSetKernelArg(ks, 1, sizeof v, &v));
		CHECK_OK(clEnqueueWriteBuffer(qs, ms, CL_TRUE, 0, sizeof zeros, zeros, 0, NULL, NULL));
		CHECK_OK(clEnqueueNDRangeKernel(qs, ks, 1, NULL, &n16, NULL, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadBuffer(qs, ms, CL_TRUE, 0, sizeof got, got, 0, NULL, NULL));
		CHECK(got[0] == 1 && got[15] == 1);
		clReleaseCommandQueue(qr);
		clReleaseCommandQueue(qs);
		clReleaseMemObject(ms);
		clReleaseKernel(ks);
		clReleaseProgram(ps);
		clReleaseContext(c3);
		for (cl_uint i = 0; i < nsub; i++) clReleaseDevice(sub[i]);
	}

	clReleaseCommandQueue(q2);
	clReleaseContext(ctx2);
	clReleaseMemObject(m);
	clReleaseKernel(k);
	clReleaseProgram(p);
}

/* Non-uniform work-groups: only for OpenCL C 2.0 and later, without
 * -cl-uniform-work-group-size. */
static void test_non_uniform_rules(test_env *t) {
	const char *opts[] = {"", "-cl-std=CL1.2", "-cl-std=CL3.0", "-cl-std=CL3.0 -cl-uniform-work-group-size", "-cl-std=CL2.0"};
	int allowed[] = {0, 0, 1, 0, 1};
	cl_mem m = buf(t, 4096);
	for (int i = 0; i < 5; i++) {
		cl_program p = build(t, opts[i]);
		cl_kernel k = kern(p, "add");
		cl_kernel r = kern(p, "reqd");
		int v = 1;
		CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
		CHECK_OK(clSetKernelArg(k, 1, sizeof v, &v));
		CHECK_OK(clSetKernelArg(r, 0, sizeof m, &m));
		size_t g = 7, l = 2, rg[2] = {6, 3};
		cl_int want = allowed[i] ? CL_SUCCESS : CL_INVALID_WORK_GROUP_SIZE;
		cl_int got = clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL);
		if (got != want) fprintf(stderr, "options '%s': ", opts[i]);
		CHECK_ERR(got, want);
		got = clEnqueueNDRangeKernel(t->queue, r, 2, NULL, rg, NULL, 0, NULL, NULL);
		if (got != want) fprintf(stderr, "options '%s' (reqd): ", opts[i]);
		CHECK_ERR(got, want);
		CHECK_OK(clFinish(t->queue));
		if (allowed[i]) {
			/* reqd (4, 2) over 6 x 3: groups of 4x2, 2x2, 4x1 and 2x1. */
			int out[18];
			CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
			int bad = 0;
			for (int y = 0; y < 3; y++)
				for (int x = 0; x < 6; x++) {
					int lx = x < 4 ? 4 : 2, ly = y < 2 ? 2 : 1;
					bad += out[y * 6 + x] != lx * 10 + ly;
				}
			CHECK(bad == 0);
		}
		clReleaseKernel(k);
		clReleaseKernel(r);
		clReleaseProgram(p);
	}
	clReleaseMemObject(m);
}

/* ---- the work-item functions ---- */

static size_t min_sz(size_t a, size_t b) { return a < b ? a : b; }

/* Runs "items" over a range and checks every value against the host's. */
static void check_items(test_env *t, cl_kernel k, cl_uint dim, const size_t *gsz, const size_t *offset, const size_t *lsz, const char *what) {
	size_t G[3] = {1, 1, 1}, O[3] = {0, 0, 0}, L[3] = {1, 1, 1};
	for (cl_uint d = 0; d < dim; d++) {
		G[d] = gsz[d];
		if (offset) O[d] = offset[d];
	}
	size_t n = G[0] * G[1] * G[2];
	cl_int err;
	cl_mem m = clCreateBuffer(t->context, CL_MEM_READ_WRITE, n * sizeof(rec), NULL, &err);
	REQUIRE_OK(err);
	cl_uchar zero = 0;
	CHECK_OK(clEnqueueFillBuffer(t->queue, m, &zero, 1, 0, n * sizeof(rec), 0, NULL, NULL));
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, dim, offset, gsz, lsz, 0, NULL, NULL));
	rec *r = malloc(n * sizeof(rec));
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, n * sizeof(rec), r, 0, NULL, NULL));
	if (lsz) {
		for (cl_uint d = 0; d < dim; d++) L[d] = lsz[d];
	} else {
		/* The automatic local size, as the kernel saw it. */
		for (int d = 0; d < 3; d++) L[d] = r[0].v[d * 8 + 4];
		for (cl_uint d = 0; d < dim; d++) CHECK(L[d] >= 1 && L[d] <= G[d]);
	}
	int bad = 0;
	for (size_t z = 0; z < G[2]; z++)
		for (size_t y = 0; y < G[1]; y++)
			for (size_t x = 0; x < G[0]; x++) {
				size_t pos[3] = {x, y, z};
				const cl_ulong *v = r[(z * G[1] + y) * G[0] + x].v;
				cl_ulong want[48] = {0};
				int k = 0;
				size_t lsize[3];
				for (int d = 0; d < 4; d++) {
					if (d < 3) {
						size_t grp = pos[d] / L[d];
						lsize[d] = min_sz(L[d], G[d] - grp * L[d]);
						want[k++] = pos[d] + O[d];
						want[k++] = pos[d] % L[d];
						want[k++] = grp;
						want[k++] = lsize[d];
						want[k++] = L[d];
						want[k++] = (G[d] + L[d] - 1) / L[d];
						want[k++] = G[d];
						want[k++] = O[d];
					} else {
						/* Dimension 3: out of range, the defaults. */
						want[k++] = 0, want[k++] = 0, want[k++] = 0, want[k++] = 1;
						want[k++] = 1, want[k++] = 1, want[k++] = 1, want[k++] = 0;
					}
				}
				want[k++] = dim;
				want[k++] = (z * G[1] + y) * G[0] + x;
				want[k++] = ((pos[2] % L[2]) * lsize[1] + pos[1] % L[1]) * lsize[0] + pos[0] % L[0];
				want[47] = 1; /* each work-item ran once */
				for (int i = 0; i < 48; i++)
					if (v[i] != want[i]) {
						if (bad++ < 5)
							fprintf(stderr, "%s: item (%zu,%zu,%zu) value %d = %llu, want %llu\n", what, x, y, z, i,
							        (unsigned long long)v[i], (unsigned long long)want[i]);
					}
			}
	if (bad) fprintf(stderr, "%s: %d wrong values\n", what, bad);
	CHECK(bad == 0);
	free(r);
	clReleaseMemObject(m);
}

static void test_items(test_env *t) {
	cl_program p3 = build(t, "-cl-std=CL3.0");
	cl_program p12 = build(t, "");
	cl_kernel k3 = kern(p3, "items"), k12 = kern(p12, "items");
	size_t g1[1] = {37}, o1[1] = {5}, l1[1] = {4};
	size_t g2[2] = {7, 5}, o2[2] = {3, 100}, l2[2] = {3, 2};
	size_t g3[3] = {7, 5, 3}, o3[3] = {1, 2, 3}, l3[3] = {2, 2, 2};
	size_t u3[3] = {7, 5, 3}, u3b[3] = {7, 1, 3}, u3c[3] = {1, 5, 1};
	/* Non-uniform groups in every dimension, with offsets. */
	check_items(t, k3, 1, g1, o1, l1, "1D 37+5 local 4");
	check_items(t, k3, 2, g2, o2, l2, "2D 7x5 local 3x2");
	check_items(t, k3, 3, g3, o3, l3, "3D 7x5x3 local 2x2x2");
	check_items(t, k3, 3, g3, NULL, l3, "3D 7x5x3 local 2x2x2 no offset");
	/* Uniform groups. */
	check_items(t, k12, 3, g3, o3, u3, "3D 7x5x3 one group");
	check_items(t, k12, 3, g3, o3, u3b, "3D 7x5x3 local 7x1x3");
	check_items(t, k12, 3, g3, o3, u3c, "3D 7x5x3 local 1x5x1");
	/* The automatic local size: uniform for OpenCL C 1.2, any for 3.0. */
	check_items(t, k12, 3, g3, o3, NULL, "3D 7x5x3 automatic (1.2)");
	check_items(t, k3, 3, g3, o3, NULL, "3D 7x5x3 automatic (3.0)");
	size_t gp[1] = {1009}, g2p[2] = {61, 67};
	check_items(t, k12, 1, gp, NULL, NULL, "1D 1009 (prime) automatic (1.2)");
	check_items(t, k3, 1, gp, o1, NULL, "1D 1009 (prime) automatic (3.0)");
	check_items(t, k3, 2, g2p, NULL, NULL, "2D 61x67 automatic (3.0)");
	size_t gbig[1] = {100000};
	check_items(t, k12, 1, gbig, o1, NULL, "1D 100000 automatic");
	clReleaseKernel(k3);
	clReleaseKernel(k12);
	clReleaseProgram(p3);
	clReleaseProgram(p12);
}

/* The automatic local size is large for a big range (few groups), not 1. */
static void test_auto_size(test_env *t) {
	cl_program p = build(t, "-cl-std=CL3.0");
	cl_kernel k = kern(p, "task");
	cl_mem m = buf(t, 64);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	size_t sizes[] = {1 << 20, 1000003, 1920};
	for (int i = 0; i < 3; i++) {
		/* "task" writes from every work-item: the values are the same. */
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &sizes[i], NULL, 0, NULL, NULL));
		cl_ulong v[7];
		CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, sizeof v, v, 0, NULL, NULL));
		cl_ulong groups = v[4], local = (sizes[i] + groups - 1) / groups;
		if (!(local >= 64 && groups >= 2)) fprintf(stderr, "global %zu: %llu groups\n", sizes[i], (unsigned long long)groups);
		CHECK(local >= 64 && groups >= 2);
	}
	clReleaseMemObject(m);
	clReleaseKernel(k);
	clReleaseProgram(p);
}

static void test_task(test_env *t) {
	cl_program p = build(t, "");
	cl_kernel k = kern(p, "task");
	cl_mem m = buf(t, 64);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	cl_event ev;
	CHECK_OK(clEnqueueTask(t->queue, k, 0, NULL, &ev));
	CHECK_OK(clWaitForEvents(1, &ev));
	cl_command_type type = 0;
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_TYPE, sizeof type, &type, NULL));
	CHECK(type == CL_COMMAND_TASK);
	clReleaseEvent(ev);
	cl_ulong v[7];
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, sizeof v, v, 0, NULL, NULL));
	CHECK(v[0] == 1 && v[1] == 1 && v[2] == 1 && v[3] == 0 && v[4] == 1 && v[5] == 1 && v[6] == 1);
	/* reqd_work_group_size(2, 1, 1) is not a task. */
	cl_kernel r = kern(p, "reqd2");
	CHECK_OK(clSetKernelArg(r, 0, sizeof m, &m));
	CHECK_ERR(clEnqueueTask(t->queue, r, 0, NULL, NULL), CL_INVALID_WORK_GROUP_SIZE);
	clReleaseKernel(r);
	clReleaseMemObject(m);
	clReleaseKernel(k);
	clReleaseProgram(p);
}

/* ---- __local memory ---- */

/* The sum of a buffer of n ints. */
static long sum_ints(test_env *t, cl_mem m, size_t n) {
	int *v = malloc(n * sizeof(int));
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, n * sizeof(int), v, 0, NULL, NULL));
	long s = 0;
	for (size_t i = 0; i < n; i++) s += v[i];
	free(v);
	return s;
}

static void test_local_memory(test_env *t) {
	cl_program p = build(t, "");
	int rounds = 200;
	size_t g = 64 * 64, l = 64;
	cl_mem bad = buf(t, g * sizeof(int));
	long sum;

	cl_kernel a = kern(p, "lmem_arg");
	CHECK_OK(clSetKernelArg(a, 0, sizeof bad, &bad));
	CHECK_OK(clSetKernelArg(a, 1, 64 * sizeof(int), NULL));
	CHECK_OK(clSetKernelArg(a, 2, 3, NULL));
	CHECK_OK(clSetKernelArg(a, 3, 16 * 8, NULL));
	CHECK_OK(clSetKernelArg(a, 4, sizeof rounds, &rounds));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, a, 1, NULL, &g, &l, 0, NULL, NULL));
	sum = sum_ints(t, bad, g);
	CHECK(sum < 1000000); /* aligned to 128 bytes */
	CHECK(sum == 0);      /* no group saw another's __local argument memory */

	/* Two queues launching at once: each launch's groups have their own. */
	cl_int err;
	cl_command_queue q2 = clCreateCommandQueueWithProperties(t->context, t->device, NULL, &err);
	REQUIRE_OK(err);
	cl_kernel a2 = clCloneKernel(a, &err);
	REQUIRE_OK(err);
	for (int i = 0; i < 4; i++) {
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, a, 1, NULL, &g, &l, 0, NULL, NULL));
		CHECK_OK(clEnqueueNDRangeKernel(q2, a2, 1, NULL, &g, &l, 0, NULL, NULL));
	}
	CHECK_OK(clFinish(q2));
	CHECK(sum_ints(t, bad, g) == 0);

	/* Kernel-scope __local arrays. */
	cl_kernel s = kern(p, "lmem_scope");
	CHECK_OK(clSetKernelArg(s, 0, sizeof bad, &bad));
	CHECK_OK(clSetKernelArg(s, 1, sizeof rounds, &rounds));
	cl_kernel s2 = clCloneKernel(s, &err);
	for (int i = 0; i < 4; i++) {
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, s, 1, NULL, &g, &l, 0, NULL, NULL));
		CHECK_OK(clEnqueueNDRangeKernel(q2, s2, 1, NULL, &g, &l, 0, NULL, NULL));
	}
	CHECK_OK(clFinish(q2));
	CHECK(sum_ints(t, bad, g) == 0);

	/* Without barriers (a loop over the work-items). */
	cl_kernel lp = kern(p, "lmem_loop");
	CHECK_OK(clSetKernelArg(lp, 0, sizeof bad, &bad));
	CHECK_OK(clSetKernelArg(lp, 1, sizeof(int), NULL));
	CHECK_OK(clSetKernelArg(lp, 2, sizeof rounds, &rounds));
	size_t gl = 4096, ll = 4;
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, lp, 1, NULL, &gl, &ll, 0, NULL, NULL));
	CHECK_OK(clEnqueueNDRangeKernel(q2, lp, 1, NULL, &gl, &ll, 0, NULL, NULL));
	CHECK_OK(clFinish(q2));
	CHECK(sum_ints(t, bad, g) == 0);

	/* __local arguments among others, in any order. */
	cl_kernel a3 = kern(p, "args2");
	cl_mem o = buf(t, 64 * sizeof(int));
	int v = 7;
	CHECK_OK(clSetKernelArg(a3, 0, sizeof o, &o));
	CHECK_OK(clSetKernelArg(a3, 1, 4, NULL));
	CHECK_OK(clSetKernelArg(a3, 2, sizeof v, &v));
	CHECK_OK(clSetKernelArg(a3, 3, 4, NULL));
	size_t g64 = 64;
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, a3, 1, NULL, &g64, NULL, 0, NULL, NULL));
	int res[64];
	CHECK_OK(clEnqueueReadBuffer(t->queue, o, CL_TRUE, 0, sizeof res, res, 0, NULL, NULL));
	int wrong = 0;
	for (int i = 0; i < 64; i++) wrong += res[i] != 78;
	CHECK(wrong == 0);

	clReleaseMemObject(o);
	clReleaseKernel(a3);
	clReleaseKernel(lp);
	clReleaseKernel(s);
	clReleaseKernel(s2);
	clReleaseKernel(a);
	clReleaseKernel(a2);
	clReleaseCommandQueue(q2);
	clReleaseMemObject(bad);
	clReleaseProgram(p);
}

/* ---- every core at work ---- */

static int cmp_ulong(const void *a, const void *b) {
	cl_ulong x = *(const cl_ulong *)a, y = *(const cl_ulong *)b;
	return x < y ? -1 : x > y;
}

static void test_every_core(test_env *t) {
	cl_uint cu = 0;
	CHECK_OK(clGetDeviceInfo(t->device, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof cu, &cu, NULL));
	cl_program p = build(t, "");
	cl_kernel k = kern(p, "who");
	enum { GROUPS = 2048 };
	cl_mem m = buf(t, GROUPS * sizeof(cl_ulong));
	int spin = 20000;
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clSetKernelArg(k, 1, sizeof spin, &spin));
	size_t g = GROUPS * 16, l = 16;
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	cl_ulong *who = malloc(GROUPS * sizeof(cl_ulong));
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, GROUPS * sizeof(cl_ulong), who, 0, NULL, NULL));
	qsort(who, GROUPS, sizeof *who, cmp_ulong);
	/* Threads, and the groups each ran. */
	int threads = 0, busy = 0, missing = who[0] == 0;
	for (int i = 0, run = 1; i < GROUPS; i++, run++)
		if (i == GROUPS - 1 || who[i + 1] != who[i]) {
			threads++;
			if (run >= GROUPS / 20) busy++;
			run = 0;
		}
	printf("%d groups ran on %d threads (%d with 5%% or more of them), %u compute units\n", GROUPS, threads, busy, cu);
	CHECK(!missing);
	CHECK(busy >= (int)cu);
	free(who);
	clReleaseMemObject(m);
	clReleaseKernel(k);
	clReleaseProgram(p);
}

/* ---- events, profiling, failures, out-of-order queues ---- */

static void test_events(test_env *t) {
	cl_int err;
	cl_program p = build(t, "");
	cl_kernel k = kern(p, "add");
	cl_mem m = buf(t, 1024 * sizeof(int));
	int one = 1;
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clSetKernelArg(k, 1, sizeof one, &one));
	size_t g = 1024;

	/* Profiling times in order. */
	cl_queue_properties props[] = {CL_QUEUE_PROPERTIES, CL_QUEUE_PROFILING_ENABLE, 0};
	cl_command_queue pq = clCreateCommandQueueWithProperties(t->context, t->device, props, &err);
	REQUIRE_OK(err);
	cl_event ev;
	CHECK_OK(clEnqueueNDRangeKernel(pq, k, 1, NULL, &g, NULL, 0, NULL, &ev));
	CHECK_OK(clWaitForEvents(1, &ev));
	cl_ulong ts[5] = {0};
	cl_profiling_info names[5] = {CL_PROFILING_COMMAND_QUEUED, CL_PROFILING_COMMAND_SUBMIT, CL_PROFILING_COMMAND_START,
	                              CL_PROFILING_COMMAND_END, CL_PROFILING_COMMAND_COMPLETE};
	for (int i = 0; i < 5; i++) CHECK_OK(clGetEventProfilingInfo(ev, names[i], sizeof ts[i], &ts[i], NULL));
	CHECK(ts[0] > 0 && ts[0] <= ts[1] && ts[1] <= ts[2] && ts[2] <= ts[3] && ts[3] <= ts[4]);
	cl_int st = 0;
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL));
	CHECK(st == CL_COMPLETE);
	clReleaseEvent(ev);
	clReleaseCommandQueue(pq);

	/* The arguments are those of the enqueue: a later clSetKernelArg does
	 * not change a launch that has not run yet. */
	cl_event gate = clCreateUserEvent(t->context, &err);
	REQUIRE_OK(err);
	int five = 5;
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, NULL, 1, &gate, &ev));
	CHECK_OK(clSetKernelArg(k, 1, sizeof five, &five));
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL));
	CHECK(st == CL_QUEUED || st == CL_SUBMITTED);
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &ev));
	clReleaseEvent(ev);
	clReleaseEvent(gate);
	int out[1024];
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	CHECK(out[0] == 2 && out[1023] == 2); /* two launches adding 1 */

	/* A failed wait-list event fails the kernel, which does not run. */
	gate = clCreateUserEvent(t->context, &err);
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, NULL, 1, &gate, &ev));
	cl_event tev;
	CHECK_OK(clEnqueueTask(t->queue, k, 1, &gate, &tev));
	CHECK_OK(clSetUserEventStatus(gate, -42));
	CHECK_ERR(clWaitForEvents(1, &ev), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL));
	CHECK(st < 0);
	CHECK_OK(clGetEventInfo(tev, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL));
	CHECK(st < 0);
	clReleaseEvent(ev);
	clReleaseEvent(tev);
	clReleaseEvent(gate);
	CHECK_OK(clFinish(t->queue));
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	CHECK(out[0] == 2 && out[1023] == 2);

	/* Out of order: a kernel that waits does not hold up one that need not. */
	cl_queue_properties oprops[] = {CL_QUEUE_PROPERTIES, CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, 0};
	cl_command_queue oq = clCreateCommandQueueWithProperties(t->context, t->device, oprops, &err);
	REQUIRE_OK(err);
	cl_mem m2 = buf(t, 1024 * sizeof(int));
	cl_kernel k2 = kern(p, "two");
	int seven = 7;
	CHECK_OK(clSetKernelArg(k2, 0, sizeof m2, &m2));
	CHECK_OK(clSetKernelArg(k2, 1, sizeof seven, &seven));
	gate = clCreateUserEvent(t->context, &err);
	cl_event first, second;
	CHECK_OK(clEnqueueNDRangeKernel(oq, k, 1, NULL, &g, NULL, 1, &gate, &first));
	CHECK_OK(clEnqueueNDRangeKernel(oq, k2, 1, NULL, &g, NULL, 0, NULL, &second));
	CHECK_OK(clWaitForEvents(1, &second));
	CHECK_OK(clGetEventInfo(first, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL));
	CHECK(st == CL_QUEUED || st == CL_SUBMITTED);
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &first));
	CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	CHECK(out[0] == 7 && out[1023] == 7); /* 2, and 5 */
	CHECK_OK(clEnqueueReadBuffer(t->queue, m2, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	CHECK(out[0] == 7 && out[1023] == 7);
	clReleaseEvent(first);
	clReleaseEvent(second);
	clReleaseEvent(gate);

	/* Many kernels at once on an out-of-order queue, each on its own part
	 * of a buffer: all run, each once. */
	enum { PARTS = 16, PART = 4096 };
	cl_mem big = buf(t, PARTS * PART * sizeof(int));
	cl_event evs[PARTS];
	for (int i = 0; i < PARTS; i++) {
		size_t off = (size_t)i * PART, n = PART;
		int val = i + 1;
		CHECK_OK(clSetKernelArg(k2, 0, sizeof big, &big));
		CHECK_OK(clSetKernelArg(k2, 1, sizeof val, &val));
		CHECK_OK(clEnqueueNDRangeKernel(oq, k2, 1, &off, &n, NULL, 0, NULL, &evs[i]));
	}
	CHECK_OK(clWaitForEvents(PARTS, evs));
	int *all = malloc(PARTS * PART * sizeof(int));
	CHECK_OK(clEnqueueReadBuffer(t->queue, big, CL_TRUE, 0, PARTS * PART * sizeof(int), all, 0, NULL, NULL));
	int wrong = 0;
	for (int i = 0; i < PARTS * PART; i++) wrong += all[i] != i / PART + 1;
	CHECK(wrong == 0);
	for (int i = 0; i < PARTS; i++) clReleaseEvent(evs[i]);
	free(all);
	clReleaseMemObject(big);
	clReleaseCommandQueue(oq);
	clReleaseKernel(k2);
	clReleaseMemObject(m2);
	clReleaseMemObject(m);
	clReleaseKernel(k);
	clReleaseProgram(p);
}

/* Many threads launching small kernels at once. */
typedef struct { test_env *t; cl_kernel k; int bad; } launcher;

static void *launch_many(void *arg) {
	launcher *l = arg;
	cl_int err;
	cl_command_queue q = clCreateCommandQueueWithProperties(l->t->context, l->t->device, NULL, &err);
	cl_mem m = clCreateBuffer(l->t->context, CL_MEM_READ_WRITE, 64 * sizeof(int), NULL, &err);
	int zero = 0, out[64];
	clEnqueueFillBuffer(q, m, &zero, sizeof zero, 0, sizeof out, 0, NULL, NULL);
	cl_kernel k = clCloneKernel(l->k, &err);
	int one = 1;
	clSetKernelArg(k, 0, sizeof m, &m);
	clSetKernelArg(k, 1, sizeof one, &one);
	for (int i = 0; i < 200; i++) {
		size_t g = 1 + i % 64;
		if (clEnqueueNDRangeKernel(q, k, 1, NULL, &g, NULL, 0, NULL, NULL) != CL_SUCCESS) l->bad++;
	}
	clEnqueueReadBuffer(q, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL);
	for (int j = 0; j < 64; j++) {
		int want = 0;
		for (int i = 0; i < 200; i++) want += j < 1 + i % 64;
		l->bad += out[j] != want;
	}
	clReleaseKernel(k);
	clReleaseMemObject(m);
	clReleaseCommandQueue(q);
	return NULL;
}

static void test_threads(test_env *t) {
	cl_program p = build(t, "");
	cl_kernel k = kern(p, "add");
	enum { N = 4 };
	launcher l[N];
	pthread_t th[N];
	for (int i = 0; i < N; i++) {
		l[i] = (launcher){t, k, 0};
		pthread_create(&th[i], NULL, launch_many, &l[i]);
	}
	int bad = 0;
	for (int i = 0; i < N; i++) {
		pthread_join(th[i], NULL);
		bad += l[i].bad;
	}
	CHECK(bad == 0);
	clReleaseKernel(k);
	clReleaseProgram(p);
}

int main(void) {
	test_env t = test_setup();
	test_errors(&t);
	test_non_uniform_rules(&t);
	test_items(&t);
	test_auto_size(&t);
	test_task(&t);
	test_local_memory(&t);
	test_every_core(&t);
	test_events(&t);
	test_threads(&t);
	test_teardown(&t);
	return check_done();
}
