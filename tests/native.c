/* clEnqueueNativeKernel: the device runs C functions (CL_EXEC_NATIVE_KERNEL);
 * the function gets a copy of args with the memory objects' handles
 * replaced by their storage addresses; errors in the order of the
 * specification; events, wait lists and failures. */
#include "check.h"
#include <pthread.h>

typedef struct {
	cl_mem in, out; /* replaced by addresses */
	int n;
	int mul;
} job;

static void CL_CALLBACK scale(void *p) {
	job *j = p;
	const int *in = (const int *)j->in;
	int *out = (int *)j->out;
	for (int i = 0; i < j->n; i++) out[i] = in[i] * j->mul;
}

static int ran;
static void *seen_args;
static void CL_CALLBACK count(void *p) {
	__atomic_fetch_add(&ran, 1, __ATOMIC_SEQ_CST);
	seen_args = p;
}

/* Records the argument's first int. */
static int first_int;
static void CL_CALLBACK record(void *p) { first_int = *(int *)p; }

/* Runs on which thread? (not the caller's necessarily; it must be able to
 * call OpenCL) */
static cl_mem probe_mem;
static cl_int probe_err = 1;
static void CL_CALLBACK calls_opencl(void *p) {
	size_t size = 0;
	probe_err = clGetMemObjectInfo(probe_mem, CL_MEM_SIZE, sizeof size, &size, NULL);
	*(size_t *)p = size; /* the copy: nobody sees it */
}

int main(void) {
	test_env t = test_setup();
	cl_int err;

	cl_device_exec_capabilities caps = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_EXECUTION_CAPABILITIES, sizeof caps, &caps, NULL));
	CHECK(caps & CL_EXEC_KERNEL);
	CHECK(caps & CL_EXEC_NATIVE_KERNEL);

	enum { N = 1000 };
	int host[N];
	for (int i = 0; i < N; i++) host[i] = i - 17;
	cl_mem in = clCreateBuffer(t.context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof host, host, &err);
	REQUIRE_OK(err);
	cl_mem out = clCreateBuffer(t.context, CL_MEM_READ_WRITE, sizeof host, NULL, &err);
	REQUIRE_OK(err);

	/* The function reads and writes the buffers through their addresses. */
	job j = {in, out, N, 3};
	cl_mem mems[2] = {in, out};
	const void *locs[2] = {&j.in, &j.out};
	cl_event ev;
	CHECK_OK(clEnqueueNativeKernel(t.queue, scale, &j, sizeof j, 2, mems, locs, 0, NULL, &ev));
	/* args was copied: changing it now changes nothing. */
	j.mul = 1000;
	CHECK_OK(clWaitForEvents(1, &ev));
	cl_command_type type = 0;
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_TYPE, sizeof type, &type, NULL));
	CHECK(type == CL_COMMAND_NATIVE_KERNEL);
	clReleaseEvent(ev);
	int res[N], bad = 0;
	CHECK_OK(clEnqueueReadBuffer(t.queue, out, CL_TRUE, 0, sizeof res, res, 0, NULL, NULL));
	for (int i = 0; i < N; i++) bad += res[i] != host[i] * 3;
	CHECK(bad == 0);
	/* The caller's args keep their handles. */
	CHECK(j.in == in && j.out == out);

	/* A sub-buffer's address is its parent's plus the origin. */
	cl_uint align = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_MEM_BASE_ADDR_ALIGN, sizeof align, &align, NULL));
	cl_buffer_region region = {align / 8, 100 * sizeof(int)};
	cl_mem sub = clCreateSubBuffer(out, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &region, &err);
	REQUIRE_OK(err);
	job j2 = {in, sub, 100, -1};
	cl_mem mems2[2] = {in, sub};
	const void *locs2[2] = {&j2.in, &j2.out};
	CHECK_OK(clEnqueueNativeKernel(t.queue, scale, &j2, sizeof j2, 2, mems2, locs2, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, out, CL_TRUE, 0, sizeof res, res, 0, NULL, NULL));
	size_t first = region.origin / sizeof(int);
	bad = 0;
	for (int i = 0; i < N; i++) {
		int want = i >= (int)first && i < (int)first + 100 ? -host[i - first] : host[i] * 3;
		bad += res[i] != want;
	}
	CHECK(bad == 0);

	/* No arguments: the function gets NULL. */
	seen_args = (void *)1;
	CHECK_OK(clEnqueueNativeKernel(t.queue, count, NULL, 0, 0, NULL, NULL, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	CHECK(ran == 1 && seen_args == NULL);

	/* The function may call OpenCL. */
	probe_mem = in;
	size_t scratch = 0;
	CHECK_OK(clEnqueueNativeKernel(t.queue, calls_opencl, &scratch, sizeof scratch, 0, NULL, NULL, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	CHECK(probe_err == CL_SUCCESS && scratch == 0);

	/* Wait lists: the function runs after the event, or not at all if it fails. */
	cl_event gate = clCreateUserEvent(t.context, &err);
	REQUIRE_OK(err);
	int arg = 41;
	CHECK_OK(clEnqueueNativeKernel(t.queue, record, &arg, sizeof arg, 0, NULL, NULL, 1, &gate, &ev));
	arg = 0;
	cl_int st = 0;
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL));
	CHECK(st == CL_QUEUED || st == CL_SUBMITTED);
	CHECK(first_int == 0);
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &ev));
	CHECK(first_int == 41);
	clReleaseEvent(ev);
	clReleaseEvent(gate);

	gate = clCreateUserEvent(t.context, &err);
	ran = 0;
	CHECK_OK(clEnqueueNativeKernel(t.queue, count, NULL, 0, 0, NULL, NULL, 1, &gate, &ev));
	CHECK_OK(clSetUserEventStatus(gate, -7));
	CHECK_ERR(clWaitForEvents(1, &ev), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK_OK(clFinish(t.queue));
	CHECK(ran == 0);
	clReleaseEvent(ev);
	clReleaseEvent(gate);

	/* ---- errors, in the order of the specification ---- */
	CHECK_ERR(clEnqueueNativeKernel(NULL, count, NULL, 0, 0, NULL, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(clEnqueueNativeKernel((cl_command_queue)GARBAGE, count, NULL, 0, 0, NULL, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	/* CL_INVALID_CONTEXT: a wait-list event of another context comes before CL_INVALID_VALUE. */
	cl_context c2 = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	REQUIRE_OK(err);
	cl_event other = clCreateUserEvent(c2, &err);
	REQUIRE_OK(err);
	CHECK_ERR(clEnqueueNativeKernel(t.queue, count, NULL, 0, 0, NULL, NULL, 1, &other, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueNativeKernel(t.queue, NULL, NULL, 0, 0, NULL, NULL, 1, &other, NULL), CL_INVALID_CONTEXT);
	/* CL_INVALID_VALUE */
	CHECK_ERR(clEnqueueNativeKernel(t.queue, NULL, NULL, 0, 0, NULL, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueNativeKernel(t.queue, count, NULL, 8, 0, NULL, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueNativeKernel(t.queue, count, NULL, 0, 1, mems, locs, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueNativeKernel(t.queue, count, &j, 0, 0, NULL, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueNativeKernel(t.queue, scale, &j, sizeof j, 2, NULL, locs, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueNativeKernel(t.queue, scale, &j, sizeof j, 2, mems, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueNativeKernel(t.queue, scale, &j, sizeof j, 0, mems, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueNativeKernel(t.queue, scale, &j, sizeof j, 0, NULL, locs, 0, NULL, NULL), CL_INVALID_VALUE);
	/* args_mem_loc outside args: there is no handle to replace. */
	cl_mem elsewhere = in;
	const void *badlocs[2] = {&j.in, &elsewhere};
	CHECK_ERR(clEnqueueNativeKernel(t.queue, scale, &j, sizeof j, 2, mems, badlocs, 0, NULL, NULL), CL_INVALID_VALUE);
	const void *lastloc[1] = {(char *)&j + sizeof j - 4};
	CHECK_ERR(clEnqueueNativeKernel(t.queue, scale, &j, sizeof j, 1, mems, lastloc, 0, NULL, NULL), CL_INVALID_VALUE);
	/* CL_INVALID_MEM_OBJECT: not memory objects, of another context, not buffers. */
	cl_mem junk[2] = {in, (cl_mem)GARBAGE};
	CHECK_ERR(clEnqueueNativeKernel(t.queue, scale, &j, sizeof j, 2, junk, locs, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	cl_mem nulls[2] = {in, NULL};
	CHECK_ERR(clEnqueueNativeKernel(t.queue, scale, &j, sizeof j, 2, nulls, locs, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	cl_mem foreign = clCreateBuffer(c2, CL_MEM_READ_WRITE, 64, NULL, &err);
	REQUIRE_OK(err);
	cl_mem mixed[2] = {in, foreign};
	CHECK_ERR(clEnqueueNativeKernel(t.queue, scale, &j, sizeof j, 2, mixed, locs, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	cl_bool images = CL_FALSE;
	clGetDeviceInfo(t.device, CL_DEVICE_IMAGE_SUPPORT, sizeof images, &images, NULL);
	if (images) {
		cl_image_format fmt = {CL_RGBA, CL_UNORM_INT8};
		cl_image_desc desc = {CL_MEM_OBJECT_IMAGE2D, 4, 4};
		cl_mem img = clCreateImage(t.context, CL_MEM_READ_WRITE, &fmt, &desc, NULL, &err);
		if (err == CL_SUCCESS) {
			cl_mem withimg[2] = {in, img};
			CHECK_ERR(clEnqueueNativeKernel(t.queue, scale, &j, sizeof j, 2, withimg, locs, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
			clReleaseMemObject(img);
		}
	}
	/* CL_INVALID_EVENT_WAIT_LIST */
	CHECK_ERR(clEnqueueNativeKernel(t.queue, count, NULL, 0, 0, NULL, NULL, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	cl_event none = NULL;
	CHECK_ERR(clEnqueueNativeKernel(t.queue, count, NULL, 0, 0, NULL, NULL, 0, &none, NULL), CL_INVALID_EVENT_WAIT_LIST);
	cl_event junkev = (cl_event)GARBAGE;
	CHECK_ERR(clEnqueueNativeKernel(t.queue, count, NULL, 0, 0, NULL, NULL, 1, &junkev, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_OK(clFinish(t.queue));
	CHECK(ran == 0); /* none of the failed calls ran anything */

	clSetUserEventStatus(other, CL_COMPLETE);
	clReleaseEvent(other);
	clReleaseMemObject(foreign);
	clReleaseContext(c2);
	clReleaseMemObject(sub);
	clReleaseMemObject(in);
	clReleaseMemObject(out);
	test_teardown(&t);
	return check_done();
}
