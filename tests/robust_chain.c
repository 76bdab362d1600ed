/* Long chains of commands queued behind one unfinished event: completing
 * the head must run the chain without deep recursion (it used to end in
 * "fatal error: stack overflow" around 1M commands), in linear time. */
#include "check.h"

static test_env t;

static double chain(cl_command_queue q, long n, int writes, cl_mem b) {
	cl_int err;
	cl_event u = clCreateUserEvent(t.context, &err);
	REQUIRE_OK(err);
	static int v = 7;
	if (writes)
		REQUIRE_OK(clEnqueueBarrierWithWaitList(q, 1, &u, NULL));
	else
		REQUIRE_OK(clEnqueueMarkerWithWaitList(q, 1, &u, NULL));
	int bad = 0;
	double te = check_now();
	for (long i = writes ? 0 : 1; i < n; i++) {
		cl_int e = writes ? clEnqueueWriteBuffer(q, b, CL_FALSE, (i % 16) * sizeof v, sizeof v, &v, 0, NULL, NULL)
		                  : clEnqueueMarkerWithWaitList(q, 0, NULL, NULL);
		if (e != CL_SUCCESS) bad++;
	}
	CHECK(bad == 0);
	printf("enqueue %ld: %.2f s; ", n, check_now() - te);
	cl_event last;
	REQUIRE_OK(clEnqueueMarkerWithWaitList(q, 0, NULL, &last));
	cl_int s = 99;
	clGetEventInfo(last, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof s, &s, NULL);
	CHECK(s > CL_COMPLETE); /* still waiting for the user event */
	double t0 = check_now();
	CHECK_OK(clSetUserEventStatus(u, CL_COMPLETE));
	CHECK_OK(clFinish(q));
	double dt = check_now() - t0;
	CHECK_ERR(check_timed_status(last, 5), CL_COMPLETE);
	clReleaseEvent(last);
	clReleaseEvent(u);
	return dt;
}

int main(void) {
	t = test_setup();
	cl_int err;
	cl_command_queue ooo = clCreateCommandQueue(t.context, t.device, CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, &err);
	REQUIRE_OK(err);
	cl_mem b = check_buffer(&t, 64, NULL);
	double dt;
	dt = chain(t.queue, 10000000, 0, b);
	printf("in-order, 10M markers behind a user event: %.2f s after the event completes\n", dt);
	dt = chain(t.queue, 1000000, 1, b);
	printf("in-order, 1M writes behind a user event: %.2f s\n", dt);
	dt = chain(ooo, 1000000, 0, b);
	printf("out-of-order, 1M markers (each waits for all before) behind a user event: %.2f s\n", dt);
	dt = chain(ooo, 1000000, 1, b);
	printf("out-of-order, 1M writes behind a barrier behind a user event: %.2f s\n", dt);
	int got[16];
	CHECK_OK(clEnqueueReadBuffer(t.queue, b, CL_TRUE, 0, sizeof got, got, 0, NULL, NULL));
	CHECK(got[0] == 7 && got[15] == 7);
	clReleaseMemObject(b);
	clReleaseCommandQueue(ooo);
	test_teardown(&t);
	return check_done();
}
