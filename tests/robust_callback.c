/* An event's callbacks may use the event while they run, even when the
 * application released it right after registering them (robustness,
 * issue 8, item 7): clGetEventInfo and clGetEventProfilingInfo on it used to
 * return CL_INVALID_EVENT. Once the callbacks have run, the released handle
 * is invalid again. */
#include "check.h"
#include <stdatomic.h>

static atomic_int calls, info_ok, prof_ok, done_cbs;


static void CL_CALLBACK cb(cl_event e, cl_int status, void *data) {
	int profiling = (int)(intptr_t)data;
	cl_int s = 99;
	if (clGetEventInfo(e, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof s, &s, NULL) == CL_SUCCESS && s <= status)
		atomic_fetch_add(&info_ok, 1);
	else
		fprintf(stderr, "clGetEventInfo in the callback for status %d: status %d\n", status, s);
	cl_command_type type = 0;
	if (clGetEventInfo(e, CL_EVENT_COMMAND_TYPE, sizeof type, &type, NULL) != CL_SUCCESS)
		fprintf(stderr, "CL_EVENT_COMMAND_TYPE failed\n");
	if (profiling && status == CL_COMPLETE) {
		cl_ulong start = 0, end = 0;
		cl_int a = clGetEventProfilingInfo(e, CL_PROFILING_COMMAND_START, sizeof start, &start, NULL);
		cl_int b = clGetEventProfilingInfo(e, CL_PROFILING_COMMAND_END, sizeof end, &end, NULL);
		if (a == CL_SUCCESS && b == CL_SUCCESS && end >= start)
			atomic_fetch_add(&prof_ok, 1);
		else
			fprintf(stderr, "clGetEventProfilingInfo in the callback: %d %d\n", a, b);
	}
	atomic_fetch_add(&calls, 1);
	atomic_fetch_add(&done_cbs, 1);
}

/* Waits (up to 10 s) until the released handle e is invalid. */
static cl_int invalid_eventually(cl_event e) {
	cl_int s, r = CL_SUCCESS;
	for (int i = 0; i < 10000 && (r = clGetEventInfo(e, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof s, &s, NULL)) == CL_SUCCESS; i++)
		usleep(1000);
	return r;
}

int main(void) {
	test_env t = test_setup();
	cl_int err;
	cl_command_queue pq = clCreateCommandQueue(t.context, t.device, CL_QUEUE_PROFILING_ENABLE, &err);
	REQUIRE_OK(err);
	cl_program p = check_build(&t, "kernel void k(global int *o) { o[get_global_id(0)] = 3; }", "");
	cl_kernel k = clCreateKernel(p, "k", &err);
	REQUIRE_OK(err);
	cl_mem m = check_buffer(&t, 1024 * sizeof(int), NULL);
	REQUIRE_OK(clSetKernelArg(k, 0, sizeof m, &m));

	/* A kernel behind a user event: callbacks for the three statuses,
	 * the event released before it even started. */
	cl_event gate = clCreateUserEvent(t.context, &err);
	REQUIRE_OK(err);
	cl_event e;
	size_t g = 1024;
	REQUIRE_OK(clEnqueueNDRangeKernel(pq, k, 1, NULL, &g, NULL, 1, &gate, &e));
	CHECK_OK(clSetEventCallback(e, CL_SUBMITTED, cb, (void *)1));
	CHECK_OK(clSetEventCallback(e, CL_RUNNING, cb, (void *)1));
	CHECK_OK(clSetEventCallback(e, CL_COMPLETE, cb, (void *)1));
	CHECK_OK(clReleaseEvent(e));
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	CHECK_OK(clFinish(pq));
	for (int i = 0; i < 10000 && atomic_load(&done_cbs) < 3; i++) usleep(1000);
	CHECK(atomic_load(&calls) == 3);
	CHECK(atomic_load(&info_ok) == 3);
	CHECK(atomic_load(&prof_ok) == 1);
	CHECK_ERR(invalid_eventually(e), CL_INVALID_EVENT);

	/* A callback registered for a status already reached (it runs on
	 * another thread), the event released at once. */
	atomic_store(&calls, 0); atomic_store(&info_ok, 0); atomic_store(&prof_ok, 0); atomic_store(&done_cbs, 0);
	REQUIRE_OK(clEnqueueNDRangeKernel(pq, k, 1, NULL, &g, NULL, 0, NULL, &e));
	CHECK_OK(clWaitForEvents(1, &e));
	CHECK_OK(clSetEventCallback(e, CL_COMPLETE, cb, (void *)1));
	CHECK_OK(clReleaseEvent(e));
	for (int i = 0; i < 10000 && atomic_load(&done_cbs) < 1; i++) usleep(1000);
	CHECK(atomic_load(&calls) == 1);
	CHECK(atomic_load(&info_ok) == 1);
	CHECK(atomic_load(&prof_ok) == 1);
	CHECK_ERR(invalid_eventually(e), CL_INVALID_EVENT);

	/* The handle is still valid with an application reference after
	 * the callbacks ran. */
	cl_event w = clCreateUserEvent(t.context, &err);
	REQUIRE_OK(err);
	atomic_store(&done_cbs, 0);
	CHECK_OK(clSetEventCallback(w, CL_COMPLETE, cb, (void *)0));
	CHECK_OK(clSetUserEventStatus(w, CL_COMPLETE));
	for (int i = 0; i < 10000 && atomic_load(&done_cbs) < 1; i++) usleep(1000);
	cl_uint refs = 0;
	CHECK_OK(clGetEventInfo(w, CL_EVENT_REFERENCE_COUNT, sizeof refs, &refs, NULL));
	CHECK(refs == 1);
	CHECK_OK(clReleaseEvent(w));
	CHECK_ERR(invalid_eventually(w), CL_INVALID_EVENT);

	clReleaseEvent(gate);
	clReleaseMemObject(m);
	clReleaseKernel(k);
	clReleaseProgram(p);
	clReleaseCommandQueue(pq);
	test_teardown(&t);
	return check_done();
}
