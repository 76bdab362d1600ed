/* Handle validation for every object type: NULL, a handle-shaped fake
 * (GARBAGE), a released handle and a handle of another type each get the
 * specification's CL_INVALID_* code, through the loader, and never crash. */
#include "check.h"

static test_env t;

enum { NUL, FAKE, RELEASED, WRONG, NBAD };
static const char *bad_name[] = {"NULL", "garbage", "released", "wrong kind"};

#define EACH_BAD(arr) for (int b_ = 0; b_ < NBAD; b_++) if ((arr)[b_] || b_ == NUL)
#define EXPECT(expr, code) do { cl_int got_ = (expr); if (got_ == (code)) check_passed++; else { \
	check_failed++; fprintf(stderr, "%s:%d: %s with a %s handle: got %d, want %s\n", \
	__FILE__, __LINE__, #expr, bad_name[b_], got_, #code); } } while (0)

static void platforms_and_devices(void) {
	char buf[64];
	cl_device_id d;
	cl_uint n;
	cl_platform_id bad_p[NBAD] = {NULL, GARBAGE, NULL, (cl_platform_id)t.context};
	/* A NULL platform selects the default one (implementation-defined), so
	 * only the others are errors. */
	for (int b_ = FAKE; b_ < NBAD; b_++) {
		if (!bad_p[b_]) continue;
		EXPECT(clGetPlatformInfo(bad_p[b_], CL_PLATFORM_NAME, sizeof buf, buf, NULL), CL_INVALID_PLATFORM);
		EXPECT(clGetDeviceIDs(bad_p[b_], CL_DEVICE_TYPE_ALL, 1, &d, &n), CL_INVALID_PLATFORM);
		EXPECT(clUnloadPlatformCompiler(bad_p[b_]), CL_INVALID_PLATFORM);
	}
	/* Devices: a released sub-device is a released handle. */
	cl_device_id sub = NULL;
	cl_uint cus = 0;
	clGetDeviceInfo(t.device, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof cus, &cus, NULL);
	if (cus >= 2) {
		cl_device_partition_property props[] = {CL_DEVICE_PARTITION_EQUALLY, 1, 0};
		cl_device_id subs[64];
		cl_uint ns = 0;
		CHECK_OK(clCreateSubDevices(t.device, props, 64, subs, &ns));
		for (cl_uint i = 1; i < ns; i++) clReleaseDevice(subs[i]);
		sub = subs[0];
		CHECK_OK(clReleaseDevice(sub));
	}
	cl_device_id bad_d[NBAD] = {NULL, GARBAGE, sub, (cl_device_id)t.queue};
	EACH_BAD(bad_d) {
		cl_int err;
		EXPECT(clGetDeviceInfo(bad_d[b_], CL_DEVICE_NAME, sizeof buf, buf, NULL), CL_INVALID_DEVICE);
		EXPECT(clRetainDevice(bad_d[b_]), CL_INVALID_DEVICE);
		EXPECT(clReleaseDevice(bad_d[b_]), CL_INVALID_DEVICE);
		cl_device_id list[] = {bad_d[b_]};
		if (bad_d[b_]) {
			cl_context c = clCreateContext(NULL, 1, list, NULL, NULL, &err);
			EXPECT(err, CL_INVALID_DEVICE);
			CHECK(c == NULL);
		}
		cl_command_queue q = clCreateCommandQueueWithProperties(t.context, bad_d[b_], NULL, &err);
		EXPECT(err, CL_INVALID_DEVICE);
		CHECK(q == NULL);
		cl_ulong dt, ht;
		EXPECT(clGetDeviceAndHostTimer(bad_d[b_], &dt, &ht), CL_INVALID_DEVICE);
	}
}

static void contexts(void) {
	cl_int err;
	cl_context dead = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	CHECK_OK(clReleaseContext(dead));
	cl_context bad[NBAD] = {NULL, GARBAGE, dead, (cl_context)t.queue};
	EACH_BAD(bad) {
		cl_uint n;
		EXPECT(clGetContextInfo(bad[b_], CL_CONTEXT_NUM_DEVICES, sizeof n, &n, NULL), CL_INVALID_CONTEXT);
		EXPECT(clRetainContext(bad[b_]), CL_INVALID_CONTEXT);
		EXPECT(clReleaseContext(bad[b_]), CL_INVALID_CONTEXT);
		cl_mem m = clCreateBuffer(bad[b_], CL_MEM_READ_WRITE, 64, NULL, &err);
		EXPECT(err, CL_INVALID_CONTEXT);
		CHECK(m == NULL);
		cl_command_queue q = clCreateCommandQueueWithProperties(bad[b_], t.device, NULL, &err);
		EXPECT(err, CL_INVALID_CONTEXT);
		CHECK(q == NULL);
		q = clCreateCommandQueue(bad[b_], t.device, 0, &err);
		EXPECT(err, CL_INVALID_CONTEXT);
		cl_event e = clCreateUserEvent(bad[b_], &err);
		EXPECT(err, CL_INVALID_CONTEXT);
		CHECK(e == NULL);
		cl_sampler s = clCreateSamplerWithProperties(bad[b_], NULL, &err);
		EXPECT(err, CL_INVALID_CONTEXT);
		CHECK(s == NULL);
		const char *src = "kernel void k(void) {}";
		cl_program p = clCreateProgramWithSource(bad[b_], 1, &src, NULL, &err);
		EXPECT(err, CL_INVALID_CONTEXT);
		CHECK(p == NULL);
		cl_image_format fmt = {CL_RGBA, CL_UNORM_INT8};
		cl_image_desc desc = {CL_MEM_OBJECT_IMAGE2D, 4, 4};
		m = clCreateImage(bad[b_], CL_MEM_READ_WRITE, &fmt, &desc, NULL, &err);
		EXPECT(err, CL_INVALID_CONTEXT);
		cl_uint nf;
		EXPECT(clGetSupportedImageFormats(bad[b_], CL_MEM_READ_WRITE, CL_MEM_OBJECT_IMAGE2D, 0, NULL, &nf), CL_INVALID_CONTEXT);
		CHECK(clSVMAlloc(bad[b_], CL_MEM_READ_WRITE, 64, 0) == NULL);
		clSVMFree(bad[b_], NULL); /* must not crash */
	}
}

static void queues(void) {
	cl_int err;
	cl_command_queue dead = clCreateCommandQueueWithProperties(t.context, t.device, NULL, &err);
	CHECK_OK(clReleaseCommandQueue(dead));
	cl_mem m = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 64, NULL, &err);
	char buf[64];
	cl_command_queue bad[NBAD] = {NULL, GARBAGE, dead, (cl_command_queue)m};
	EACH_BAD(bad) {
		cl_uint n;
		EXPECT(clGetCommandQueueInfo(bad[b_], CL_QUEUE_REFERENCE_COUNT, sizeof n, &n, NULL), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clRetainCommandQueue(bad[b_]), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clReleaseCommandQueue(bad[b_]), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clFlush(bad[b_]), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clFinish(bad[b_]), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clEnqueueReadBuffer(bad[b_], m, CL_TRUE, 0, 64, buf, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clEnqueueWriteBuffer(bad[b_], m, CL_TRUE, 0, 64, buf, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clEnqueueCopyBuffer(bad[b_], m, m, 0, 32, 16, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clEnqueueFillBuffer(bad[b_], m, buf, 4, 0, 64, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clEnqueueMarkerWithWaitList(bad[b_], 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clEnqueueBarrierWithWaitList(bad[b_], 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clEnqueueMigrateMemObjects(bad[b_], 1, &m, 0, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clEnqueueSVMMap(bad[b_], CL_TRUE, CL_MAP_READ, buf, 64, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clEnqueueSVMUnmap(bad[b_], buf, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		EXPECT(clEnqueueSVMMemcpy(bad[b_], CL_TRUE, buf, buf + 32, 16, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		size_t gws = 1;
		EXPECT(clEnqueueNDRangeKernel(bad[b_], NULL, 1, NULL, &gws, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	}
	clReleaseMemObject(m);
}

static void mems(void) {
	cl_int err;
	cl_mem dead = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 64, NULL, &err);
	CHECK_OK(clReleaseMemObject(dead));
	cl_mem good = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 64, NULL, &err);
	char buf[64];
	cl_mem bad[NBAD] = {NULL, GARBAGE, dead, (cl_mem)t.context};
	EACH_BAD(bad) {
		size_t n;
		EXPECT(clGetMemObjectInfo(bad[b_], CL_MEM_SIZE, sizeof n, &n, NULL), CL_INVALID_MEM_OBJECT);
		EXPECT(clRetainMemObject(bad[b_]), CL_INVALID_MEM_OBJECT);
		EXPECT(clReleaseMemObject(bad[b_]), CL_INVALID_MEM_OBJECT);
		EXPECT(clEnqueueReadBuffer(t.queue, bad[b_], CL_TRUE, 0, 64, buf, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		EXPECT(clEnqueueWriteBuffer(t.queue, bad[b_], CL_TRUE, 0, 64, buf, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		EXPECT(clEnqueueCopyBuffer(t.queue, bad[b_], good, 0, 0, 16, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		EXPECT(clEnqueueCopyBuffer(t.queue, good, bad[b_], 0, 0, 16, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		EXPECT(clEnqueueFillBuffer(t.queue, bad[b_], buf, 4, 0, 64, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		EXPECT(clEnqueueUnmapMemObject(t.queue, bad[b_], buf, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		EXPECT(clSetMemObjectDestructorCallback(bad[b_], (void (*)(cl_mem, void *))1, NULL), CL_INVALID_MEM_OBJECT);
		cl_buffer_region r = {0, 16};
		cl_mem s = clCreateSubBuffer(bad[b_], 0, CL_BUFFER_CREATE_TYPE_REGION, &r, &err);
		EXPECT(err, CL_INVALID_MEM_OBJECT);
		CHECK(s == NULL);
		void *p = clEnqueueMapBuffer(t.queue, bad[b_], CL_TRUE, CL_MAP_READ, 0, 16, 0, NULL, NULL, &err);
		EXPECT(err, CL_INVALID_MEM_OBJECT);
		CHECK(p == NULL);
		size_t w;
		EXPECT(clGetImageInfo(bad[b_], CL_IMAGE_WIDTH, sizeof w, &w, NULL), CL_INVALID_MEM_OBJECT);
		EXPECT(clEnqueueMigrateMemObjects(t.queue, 1, &bad[b_], 0, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	}
	clReleaseMemObject(good);
}

static void samplers(void) {
	cl_int err;
	cl_sampler dead = clCreateSamplerWithProperties(t.context, NULL, &err);
	CHECK_OK(err);
	CHECK_OK(clReleaseSampler(dead));
	cl_sampler bad[NBAD] = {NULL, GARBAGE, dead, (cl_sampler)t.queue};
	EACH_BAD(bad) {
		cl_uint n;
		EXPECT(clGetSamplerInfo(bad[b_], CL_SAMPLER_REFERENCE_COUNT, sizeof n, &n, NULL), CL_INVALID_SAMPLER);
		EXPECT(clRetainSampler(bad[b_]), CL_INVALID_SAMPLER);
		EXPECT(clReleaseSampler(bad[b_]), CL_INVALID_SAMPLER);
	}
}

static void programs_and_kernels(void) {
	cl_int err;
	const char *src = "kernel void k(global int *a) { a[0] = 1; }";
	cl_program dead = clCreateProgramWithSource(t.context, 1, &src, NULL, &err);
	CHECK_OK(err);
	CHECK_OK(clReleaseProgram(dead));
	cl_program bad[NBAD] = {NULL, GARBAGE, dead, (cl_program)t.context};
	EACH_BAD(bad) {
		cl_uint n;
		EXPECT(clGetProgramInfo(bad[b_], CL_PROGRAM_REFERENCE_COUNT, sizeof n, &n, NULL), CL_INVALID_PROGRAM);
		EXPECT(clRetainProgram(bad[b_]), CL_INVALID_PROGRAM);
		EXPECT(clReleaseProgram(bad[b_]), CL_INVALID_PROGRAM);
		EXPECT(clBuildProgram(bad[b_], 0, NULL, NULL, NULL, NULL), CL_INVALID_PROGRAM);
		cl_build_status st;
		EXPECT(clGetProgramBuildInfo(bad[b_], t.device, CL_PROGRAM_BUILD_STATUS, sizeof st, &st, NULL), CL_INVALID_PROGRAM);
		cl_kernel k = clCreateKernel(bad[b_], "k", &err);
		EXPECT(err, CL_INVALID_PROGRAM);
		CHECK(k == NULL);
		EXPECT(clCreateKernelsInProgram(bad[b_], 0, NULL, &n), CL_INVALID_PROGRAM);
	}
	/* No kernel can be created yet (no compiler), so every kernel handle
	 * is invalid: NULL, garbage, or another object's handle. */
	cl_program prog = clCreateProgramWithSource(t.context, 1, &src, NULL, &err);
	cl_kernel bad_k[NBAD] = {NULL, GARBAGE, NULL, (cl_kernel)prog};
	EACH_BAD(bad_k) {
		char name[64];
		int v = 0;
		size_t gws = 1;
		EXPECT(clGetKernelInfo(bad_k[b_], CL_KERNEL_FUNCTION_NAME, sizeof name, name, NULL), CL_INVALID_KERNEL);
		EXPECT(clRetainKernel(bad_k[b_]), CL_INVALID_KERNEL);
		EXPECT(clReleaseKernel(bad_k[b_]), CL_INVALID_KERNEL);
		EXPECT(clSetKernelArg(bad_k[b_], 0, sizeof v, &v), CL_INVALID_KERNEL);
		EXPECT(clEnqueueNDRangeKernel(t.queue, bad_k[b_], 1, NULL, &gws, NULL, 0, NULL, NULL), CL_INVALID_KERNEL);
		EXPECT(clEnqueueTask(t.queue, bad_k[b_], 0, NULL, NULL), CL_INVALID_KERNEL);
		size_t wg;
		EXPECT(clGetKernelWorkGroupInfo(bad_k[b_], t.device, CL_KERNEL_WORK_GROUP_SIZE, sizeof wg, &wg, NULL), CL_INVALID_KERNEL);
		cl_kernel c = clCloneKernel(bad_k[b_], &err);
		EXPECT(err, CL_INVALID_KERNEL);
		CHECK(c == NULL);
	}
	clReleaseProgram(prog);
}

static void events(void) {
	cl_int err;
	cl_event dead = clCreateUserEvent(t.context, &err);
	CHECK_OK(clReleaseEvent(dead));
	cl_event bad[NBAD] = {NULL, GARBAGE, dead, (cl_event)t.context};
	EACH_BAD(bad) {
		cl_int st;
		cl_ulong tm;
		EXPECT(clGetEventInfo(bad[b_], CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL), CL_INVALID_EVENT);
		EXPECT(clGetEventProfilingInfo(bad[b_], CL_PROFILING_COMMAND_END, sizeof tm, &tm, NULL), CL_INVALID_EVENT);
		EXPECT(clRetainEvent(bad[b_]), CL_INVALID_EVENT);
		EXPECT(clReleaseEvent(bad[b_]), CL_INVALID_EVENT);
		EXPECT(clSetUserEventStatus(bad[b_], CL_COMPLETE), CL_INVALID_EVENT);
		EXPECT(clSetEventCallback(bad[b_], CL_COMPLETE, (void (*)(cl_event, cl_int, void *))1, NULL), CL_INVALID_EVENT);
		if (bad[b_]) {
			EXPECT(clWaitForEvents(1, &bad[b_]), CL_INVALID_EVENT);
			EXPECT(clEnqueueMarkerWithWaitList(t.queue, 1, &bad[b_], NULL), CL_INVALID_EVENT_WAIT_LIST);
			EXPECT(clEnqueueBarrierWithWaitList(t.queue, 1, &bad[b_], NULL), CL_INVALID_EVENT_WAIT_LIST);
		}
	}
}

int main(void) {
	t = test_setup();
	platforms_and_devices();
	contexts();
	queues();
	mems();
	samplers();
	programs_and_kernels();
	events();
	/* The objects used above still work. */
	cl_int err;
	cl_mem m = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 64, NULL, &err);
	CHECK_OK(err);
	CHECK_OK(clReleaseMemObject(m));
	test_teardown(&t);
	return check_done();
}
