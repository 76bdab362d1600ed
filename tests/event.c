/* Events through the real loader: user events, status callbacks,
 * clWaitForEvents, profiling, clGetEventInfo, markers and barriers on
 * in-order and out-of-order queues (with and without wait lists, and the
 * deprecated forms), failure propagation, bad handles, and events used
 * from many threads. */
#include "check.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

static test_env t;
static cl_command_queue ooo; /* out-of-order */
static cl_command_queue prof; /* in-order with profiling */

static cl_int status_of(cl_event e) {
	cl_int s = 99;
	CHECK_OK(clGetEventInfo(e, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof s, &s, NULL));
	return s;
}

static cl_command_type type_of(cl_event e) {
	cl_command_type ct = 0;
	CHECK_OK(clGetEventInfo(e, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	return ct;
}

static cl_event user_event(void) {
	cl_int err;
	cl_event e = clCreateUserEvent(t.context, &err);
	REQUIRE_OK(err);
	return e;
}

static cl_mem buffer(size_t size) {
	cl_int err;
	cl_mem m = clCreateBuffer(t.context, CL_MEM_READ_WRITE, size, NULL, &err);
	REQUIRE_OK(err);
	return m;
}

/* Polls until *v reaches want or two seconds pass: callbacks may come
 * from another thread, after the call that caused them returned. */
static int wait_for(atomic_int *v, int want) {
	double end = check_now() + 2;
	while (atomic_load(v) < want && check_now() < end) usleep(500);
	return atomic_load(v);
}

struct delayed { cl_event ev; int usec; cl_int status; };
static void *set_later(void *arg) {
	struct delayed *d = arg;
	usleep(d->usec);
	clSetUserEventStatus(d->ev, d->status);
	return NULL;
}

static void test_user_events(void) {
	cl_int err;
	cl_event u = clCreateUserEvent(t.context, &err);
	CHECK_OK(err);
	CHECK(u != NULL);
	CHECK(status_of(u) == CL_SUBMITTED);
	CHECK(type_of(u) == CL_COMMAND_USER);
	cl_command_queue q = GARBAGE;
	size_t size = 0;
	CHECK_OK(clGetEventInfo(u, CL_EVENT_COMMAND_QUEUE, sizeof q, &q, &size));
	CHECK(q == NULL && size == sizeof q);
	cl_context c = NULL;
	CHECK_OK(clGetEventInfo(u, CL_EVENT_CONTEXT, sizeof c, &c, &size));
	CHECK(c == t.context && size == sizeof c);
	/* Only CL_COMPLETE or a negative value. */
	CHECK_ERR(clSetUserEventStatus(u, CL_SUBMITTED), CL_INVALID_VALUE);
	CHECK_ERR(clSetUserEventStatus(u, CL_RUNNING), CL_INVALID_VALUE);
	CHECK_ERR(clSetUserEventStatus(u, CL_QUEUED), CL_INVALID_VALUE);
	CHECK_ERR(clSetUserEventStatus(u, 17), CL_INVALID_VALUE);
	CHECK(status_of(u) == CL_SUBMITTED);
	/* Set once. */
	CHECK_OK(clSetUserEventStatus(u, CL_COMPLETE));
	CHECK(status_of(u) == CL_COMPLETE);
	CHECK_ERR(clSetUserEventStatus(u, CL_COMPLETE), CL_INVALID_OPERATION);
	CHECK_ERR(clSetUserEventStatus(u, -1), CL_INVALID_OPERATION);
	CHECK(status_of(u) == CL_COMPLETE);
	CHECK_OK(clWaitForEvents(1, &u));
	CHECK_OK(clReleaseEvent(u));

	/* A negative status is kept as given. */
	u = user_event();
	CHECK_OK(clSetUserEventStatus(u, -1234));
	CHECK(status_of(u) == -1234);
	CHECK_ERR(clSetUserEventStatus(u, CL_COMPLETE), CL_INVALID_OPERATION);
	CHECK_ERR(clSetUserEventStatus(u, -1), CL_INVALID_OPERATION);
	CHECK(status_of(u) == -1234);
	CHECK_ERR(clWaitForEvents(1, &u), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK_OK(clReleaseEvent(u));

	/* Not a user event: CL_INVALID_EVENT. */
	cl_event m;
	CHECK_OK(clEnqueueMarkerWithWaitList(t.queue, 0, NULL, &m));
	CHECK_ERR(clSetUserEventStatus(m, CL_COMPLETE), CL_INVALID_EVENT);
	CHECK_ERR(clSetUserEventStatus(m, -1), CL_INVALID_EVENT);
	CHECK_OK(clWaitForEvents(1, &m));
	CHECK(status_of(m) == CL_COMPLETE);
	clReleaseEvent(m);

	/* Bad contexts. */
	cl_context dead = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	clReleaseContext(dead);
	cl_context bad[] = {NULL, GARBAGE, dead, (cl_context)t.queue};
	for (int i = 0; i < 4; i++) {
		err = 0;
		cl_event e = clCreateUserEvent(bad[i], &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		CHECK(e == NULL);
	}

	/* Set from another thread while this one waits. */
	u = user_event();
	struct delayed d = {u, 100000, CL_COMPLETE};
	pthread_t th;
	double start = check_now();
	pthread_create(&th, NULL, set_later, &d);
	CHECK_OK(clWaitForEvents(1, &u));
	CHECK(check_now() - start > 0.08);
	pthread_join(th, NULL);
	clReleaseEvent(u);
}

/* Callback records: who was called, how often, with what. */
struct record {
	atomic_int calls;
	cl_event ev;
	cl_int status;
};
static void CL_CALLBACK record_cb(cl_event ev, cl_int status, void *user) {
	struct record *r = user;
	r->ev = ev;
	r->status = status;
	atomic_fetch_add(&r->calls, 1);
}

static void reset(struct record *r, int n) {
	for (int i = 0; i < n; i++) {
		atomic_store(&r[i].calls, 0);
		r[i].ev = NULL;
		r[i].status = 99;
	}
}

static const cl_int kinds[3] = {CL_SUBMITTED, CL_RUNNING, CL_COMPLETE};

/* A callback that releases its own event (a common pattern), and one that
 * enqueues more work (allowed, with a flush, non-blocking). */
static atomic_int released_in_cb, enqueued_in_cb;
static cl_mem cb_buffer;
static int cb_value = 1234;
static void CL_CALLBACK release_cb(cl_event ev, cl_int status, void *user) {
	(void)user;
	if (status == CL_COMPLETE && clReleaseEvent(ev) == CL_SUCCESS) atomic_fetch_add(&released_in_cb, 1);
}
static void CL_CALLBACK enqueue_cb(cl_event ev, cl_int status, void *user) {
	(void)ev; (void)status;
	cl_command_queue q = user;
	if (clEnqueueWriteBuffer(q, cb_buffer, CL_FALSE, 0, sizeof cb_value, &cb_value, 0, NULL, NULL) == CL_SUCCESS &&
		clFlush(q) == CL_SUCCESS)
		atomic_fetch_add(&enqueued_in_cb, 1);
}

static void test_callbacks(void) {
	struct record r[3];
	cl_int err;

	/* A user event: CL_SUBMITTED is reached already; the others when it
	 * completes, each with the status it was registered for. */
	reset(r, 3);
	cl_event u = user_event();
	for (int i = 0; i < 3; i++) CHECK_OK(clSetEventCallback(u, kinds[i], record_cb, &r[i]));
	CHECK(wait_for(&r[0].calls, 1) == 1);
	CHECK(r[0].status == CL_SUBMITTED && r[0].ev == u);
	usleep(10000);
	CHECK(atomic_load(&r[1].calls) == 0 && atomic_load(&r[2].calls) == 0);
	CHECK_OK(clSetUserEventStatus(u, CL_COMPLETE));
	CHECK(wait_for(&r[1].calls, 1) == 1);
	CHECK(wait_for(&r[2].calls, 1) == 1);
	CHECK(r[1].status == CL_RUNNING && r[1].ev == u);
	CHECK(r[2].status == CL_COMPLETE && r[2].ev == u);
	/* Registered after completion: still called, once. */
	struct record late[3];
	reset(late, 3);
	for (int i = 0; i < 3; i++) CHECK_OK(clSetEventCallback(u, kinds[i], record_cb, &late[i]));
	for (int i = 0; i < 3; i++) {
		CHECK(wait_for(&late[i].calls, 1) == 1);
		CHECK(late[i].status == kinds[i] && late[i].ev == u);
	}
	usleep(10000);
	for (int i = 0; i < 3; i++) CHECK(atomic_load(&r[i].calls) == 1 && atomic_load(&late[i].calls) == 1);
	/* A released event keeps its callbacks. */
	clReleaseEvent(u);

	/* A command's event: every status, in time. */
	reset(r, 3);
	cl_mem b = buffer(4096);
	cl_event gate = user_event();
	int data[256] = {5};
	cl_event w;
	CHECK_OK(clEnqueueWriteBuffer(t.queue, b, CL_FALSE, 0, sizeof data, data, 1, &gate, &w));
	for (int i = 0; i < 3; i++) CHECK_OK(clSetEventCallback(w, kinds[i], record_cb, &r[i]));
	usleep(10000);
	CHECK(status_of(w) == CL_QUEUED);
	for (int i = 0; i < 3; i++) CHECK(atomic_load(&r[i].calls) == 0);
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &w));
	for (int i = 0; i < 3; i++) {
		CHECK(wait_for(&r[i].calls, 1) == 1);
		CHECK(r[i].status == kinds[i] && r[i].ev == w);
	}
	reset(late, 3);
	for (int i = 0; i < 3; i++) CHECK_OK(clSetEventCallback(w, kinds[i], record_cb, &late[i]));
	for (int i = 0; i < 3; i++) {
		CHECK(wait_for(&late[i].calls, 1) == 1);
		CHECK(late[i].status == kinds[i]);
	}
	clReleaseEvent(w);
	clReleaseEvent(gate);

	/* A failed command: its CL_COMPLETE callback gets the negative status. */
	reset(r, 3);
	gate = user_event();
	CHECK_OK(clEnqueueWriteBuffer(ooo, b, CL_FALSE, 0, sizeof data, data, 1, &gate, &w));
	CHECK_OK(clSetEventCallback(w, CL_COMPLETE, record_cb, &r[2]));
	CHECK_OK(clSetEventCallback(w, CL_RUNNING, record_cb, &r[1]));
	CHECK_OK(clSetUserEventStatus(gate, -55));
	CHECK_ERR(clWaitForEvents(1, &w), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	cl_int final = status_of(w);
	CHECK(final < 0);
	CHECK(wait_for(&r[2].calls, 1) == 1);
	CHECK(r[2].status == final && r[2].ev == w);
	/* The command never ran, so a CL_RUNNING callback can only report the error. */
	CHECK(wait_for(&r[1].calls, 1) == 1);
	CHECK(r[1].status == final);
	reset(late, 3);
	CHECK_OK(clSetEventCallback(w, CL_COMPLETE, record_cb, &late[2]));
	CHECK(wait_for(&late[2].calls, 1) == 1);
	CHECK(late[2].status == final);
	clReleaseEvent(w);
	/* A failed user event. */
	reset(r, 3);
	CHECK_OK(clSetEventCallback(gate, CL_COMPLETE, record_cb, &r[2]));
	CHECK(wait_for(&r[2].calls, 1) == 1);
	CHECK(r[2].status == -55);
	cl_event u2 = user_event();
	CHECK_OK(clSetEventCallback(u2, CL_COMPLETE, record_cb, &r[0]));
	CHECK_OK(clSetUserEventStatus(u2, -9));
	CHECK(wait_for(&r[0].calls, 1) == 1);
	CHECK(r[0].status == -9);
	clReleaseEvent(u2);
	clReleaseEvent(gate);

	/* Callbacks that call back into OpenCL. */
	atomic_store(&released_in_cb, 0);
	atomic_store(&enqueued_in_cb, 0);
	cb_buffer = b;
	gate = user_event();
	for (int i = 0; i < 20; i++) {
		cl_event e;
		CHECK_OK(clEnqueueWriteBuffer(i % 2 ? ooo : t.queue, b, CL_FALSE, 0, sizeof data, data, i < 10 ? 1 : 0, i < 10 ? &gate : NULL, &e));
		CHECK_OK(clSetEventCallback(e, CL_COMPLETE, release_cb, NULL)); /* the only release of e */
	}
	cl_event user_cb = user_event();
	CHECK_OK(clSetEventCallback(user_cb, CL_COMPLETE, enqueue_cb, ooo));
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	CHECK_OK(clSetUserEventStatus(user_cb, CL_COMPLETE));
	CHECK(wait_for(&released_in_cb, 20) == 20);
	CHECK(wait_for(&enqueued_in_cb, 1) == 1);
	CHECK_OK(clFinish(ooo));
	CHECK_OK(clFinish(t.queue));
	int back = 0;
	CHECK_OK(clEnqueueReadBuffer(t.queue, b, CL_TRUE, 0, sizeof back, &back, 0, NULL, NULL));
	CHECK(back == cb_value);
	clReleaseEvent(user_cb);
	clReleaseEvent(gate);

	/* Errors. */
	u = user_event();
	CHECK_ERR(clSetEventCallback(u, CL_COMPLETE, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clSetEventCallback(u, CL_QUEUED, record_cb, &r[0]), CL_INVALID_VALUE);
	CHECK_ERR(clSetEventCallback(u, 7, record_cb, &r[0]), CL_INVALID_VALUE);
	CHECK_ERR(clSetEventCallback(u, -1, record_cb, &r[0]), CL_INVALID_VALUE);
	cl_event dead = user_event();
	clReleaseEvent(dead);
	cl_event bad[] = {NULL, GARBAGE, dead, (cl_event)t.queue, (cl_event)b};
	for (int i = 0; i < 5; i++) {
		CHECK_ERR(clSetEventCallback(bad[i], CL_COMPLETE, record_cb, &r[0]), CL_INVALID_EVENT);
		CHECK_ERR(clSetEventCallback(bad[i], CL_COMPLETE, NULL, NULL), CL_INVALID_EVENT);
	}
	clSetUserEventStatus(u, CL_COMPLETE);
	clReleaseEvent(u);
	(void)err;
	clReleaseMemObject(b);
}

static void test_wait(void) {
	cl_int err;
	cl_event u = user_event(), done = user_event(), failed = user_event();
	CHECK_OK(clSetUserEventStatus(done, CL_COMPLETE));
	CHECK_OK(clSetUserEventStatus(failed, -3));
	CHECK_ERR(clWaitForEvents(0, &done), CL_INVALID_VALUE);
	CHECK_ERR(clWaitForEvents(1, NULL), CL_INVALID_VALUE);
	cl_event dead = user_event();
	clReleaseEvent(dead);
	cl_event bad[] = {GARBAGE, dead, (cl_event)t.queue, (cl_event)t.context};
	for (int i = 0; i < 4; i++) {
		CHECK_ERR(clWaitForEvents(1, &bad[i]), CL_INVALID_EVENT);
		cl_event two[] = {done, bad[i]};
		CHECK_ERR(clWaitForEvents(2, two), CL_INVALID_EVENT);
	}
	cl_event with_null[] = {done, NULL};
	CHECK_ERR(clWaitForEvents(2, with_null), CL_INVALID_EVENT);
	/* Events of two contexts. */
	cl_context other = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	cl_event oe = clCreateUserEvent(other, &err);
	clSetUserEventStatus(oe, CL_COMPLETE);
	cl_event mixed[] = {done, oe};
	CHECK_ERR(clWaitForEvents(2, mixed), CL_INVALID_CONTEXT);
	/* Nothing was waited for in the error cases above: u is still pending. */
	CHECK(status_of(u) == CL_SUBMITTED);
	/* A failed event. */
	CHECK_ERR(clWaitForEvents(1, &failed), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	cl_event both[] = {done, failed};
	CHECK_ERR(clWaitForEvents(2, both), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	cl_event same[] = {done, done, done};
	CHECK_OK(clWaitForEvents(3, same));
	/* Waiting on several events, the last set from another thread. */
	cl_event w;
	cl_mem b = buffer(64);
	int v = 3;
	CHECK_OK(clEnqueueWriteBuffer(ooo, b, CL_FALSE, 0, sizeof v, &v, 1, &u, &w));
	struct delayed d = {u, 100000, CL_COMPLETE};
	pthread_t th;
	double start = check_now();
	pthread_create(&th, NULL, set_later, &d);
	cl_event list[] = {done, w, u};
	CHECK_OK(clWaitForEvents(3, list));
	CHECK(check_now() - start > 0.08);
	CHECK(status_of(w) == CL_COMPLETE);
	pthread_join(th, NULL);
	clReleaseEvent(w);
	clReleaseMemObject(b);
	clReleaseEvent(oe);
	clReleaseContext(other);
	clReleaseEvent(u);
	clReleaseEvent(done);
	clReleaseEvent(failed);
}

static int profile(cl_event e, cl_ulong p[5]) {
	cl_profiling_info names[] = {CL_PROFILING_COMMAND_QUEUED, CL_PROFILING_COMMAND_SUBMIT,
		CL_PROFILING_COMMAND_START, CL_PROFILING_COMMAND_END, CL_PROFILING_COMMAND_COMPLETE};
	for (int i = 0; i < 5; i++) {
		size_t size = 0;
		cl_int err = clGetEventProfilingInfo(e, names[i], sizeof p[i], &p[i], &size);
		if (err != CL_SUCCESS) return err;
		CHECK(size == sizeof(cl_ulong));
	}
	return CL_SUCCESS;
}

static int monotonic(const cl_ulong p[5]) {
	return p[0] > 0 && p[0] <= p[1] && p[1] <= p[2] && p[2] <= p[3] && p[3] <= p[4];
}

static void test_profiling(void) {
	cl_ulong p[5];
	cl_mem b = buffer(1 << 20);
	static char data[1 << 20];
	cl_event w, r, m, gate;
	/* Blocking, non-blocking and marker commands. */
	CHECK_OK(clEnqueueWriteBuffer(prof, b, CL_TRUE, 0, sizeof data, data, 0, NULL, &w));
	CHECK_OK(profile(w, p));
	CHECK(monotonic(p));
	CHECK_OK(clEnqueueReadBuffer(prof, b, CL_FALSE, 0, sizeof data, data, 1, &w, &r));
	CHECK_OK(clWaitForEvents(1, &r));
	cl_ulong q[5];
	CHECK_OK(profile(r, q));
	CHECK(monotonic(q));
	CHECK(q[0] >= p[0] && q[2] >= p[3]); /* the read started after the write ended */
	CHECK_OK(clEnqueueMarkerWithWaitList(prof, 0, NULL, &m));
	CHECK_OK(clWaitForEvents(1, &m));
	CHECK_OK(profile(m, p));
	CHECK(monotonic(p));
	clReleaseEvent(w);
	clReleaseEvent(r);
	clReleaseEvent(m);

	/* Not available before completion; the wait counts between QUEUED and START. */
	gate = user_event();
	CHECK_OK(clEnqueueWriteBuffer(prof, b, CL_FALSE, 0, 4096, data, 1, &gate, &w));
	cl_ulong x;
	CHECK_ERR(clGetEventProfilingInfo(w, CL_PROFILING_COMMAND_QUEUED, sizeof x, &x, NULL), CL_PROFILING_INFO_NOT_AVAILABLE);
	CHECK_ERR(clGetEventProfilingInfo(w, CL_PROFILING_COMMAND_END, sizeof x, &x, NULL), CL_PROFILING_INFO_NOT_AVAILABLE);
	usleep(50000);
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &w));
	CHECK_OK(profile(w, p));
	CHECK(monotonic(p));
	CHECK(p[2] - p[0] >= 40000000ull);
	/* A user event: never. */
	CHECK_ERR(clGetEventProfilingInfo(gate, CL_PROFILING_COMMAND_QUEUED, sizeof x, &x, NULL), CL_PROFILING_INFO_NOT_AVAILABLE);
	CHECK_ERR(clGetEventProfilingInfo(gate, CL_PROFILING_COMMAND_END, sizeof x, &x, NULL), CL_PROFILING_INFO_NOT_AVAILABLE);
	/* Size and name errors. */
	CHECK_ERR(clGetEventProfilingInfo(w, CL_PROFILING_COMMAND_START, 4, &x, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetEventProfilingInfo(w, 0x7777, sizeof x, &x, NULL), CL_INVALID_VALUE);
	CHECK_OK(clGetEventProfilingInfo(w, CL_PROFILING_COMMAND_START, 0, NULL, NULL));
	clReleaseEvent(w);
	clReleaseEvent(gate);

	/* A queue without profiling: never. */
	CHECK_OK(clEnqueueWriteBuffer(t.queue, b, CL_TRUE, 0, 64, data, 0, NULL, &w));
	CHECK(status_of(w) == CL_COMPLETE);
	CHECK_ERR(clGetEventProfilingInfo(w, CL_PROFILING_COMMAND_QUEUED, sizeof x, &x, NULL), CL_PROFILING_INFO_NOT_AVAILABLE);
	CHECK_ERR(clGetEventProfilingInfo(w, CL_PROFILING_COMMAND_COMPLETE, sizeof x, &x, NULL), CL_PROFILING_INFO_NOT_AVAILABLE);
	clReleaseEvent(w);

	/* A failed command has no times. */
	gate = user_event();
	CHECK_OK(clEnqueueWriteBuffer(prof, b, CL_FALSE, 0, 4096, data, 1, &gate, &w));
	CHECK_OK(clSetUserEventStatus(gate, -1));
	clWaitForEvents(1, &w);
	CHECK_ERR(clGetEventProfilingInfo(w, CL_PROFILING_COMMAND_END, sizeof x, &x, NULL), CL_PROFILING_INFO_NOT_AVAILABLE);
	clReleaseEvent(w);
	clReleaseEvent(gate);
	CHECK_OK(clFinish(prof));

	/* Bad handles. */
	cl_event dead = user_event();
	clReleaseEvent(dead);
	cl_event bad[] = {NULL, GARBAGE, dead, (cl_event)t.queue};
	for (int i = 0; i < 4; i++)
		CHECK_ERR(clGetEventProfilingInfo(bad[i], CL_PROFILING_COMMAND_QUEUED, sizeof x, &x, NULL), CL_INVALID_EVENT);
	clReleaseMemObject(b);
}

static void test_event_info(void) {
	cl_int err;
	cl_mem a = buffer(4096), b = buffer(4096);
	char host[4096] = {0};
	int pat = 1;
	cl_event e[8];
	CHECK_OK(clEnqueueWriteBuffer(t.queue, a, CL_FALSE, 0, 64, host, 0, NULL, &e[0]));
	CHECK_OK(clEnqueueReadBuffer(t.queue, a, CL_FALSE, 0, 64, host, 0, NULL, &e[1]));
	CHECK_OK(clEnqueueCopyBuffer(t.queue, a, b, 0, 0, 64, 0, NULL, &e[2]));
	CHECK_OK(clEnqueueFillBuffer(t.queue, a, &pat, sizeof pat, 0, 64, 0, NULL, &e[3]));
	CHECK_OK(clEnqueueMarkerWithWaitList(t.queue, 0, NULL, &e[4]));
	CHECK_OK(clEnqueueBarrierWithWaitList(t.queue, 0, NULL, &e[5]));
	CHECK_OK(clEnqueueMigrateMemObjects(t.queue, 1, &a, 0, 0, NULL, &e[6]));
	size_t origin[3] = {0, 0, 0}, region[3] = {8, 2, 1};
	CHECK_OK(clEnqueueWriteBufferRect(t.queue, a, CL_FALSE, origin, origin, region, 0, 0, 0, 0, host, 0, NULL, &e[7]));
	cl_command_type want[] = {CL_COMMAND_WRITE_BUFFER, CL_COMMAND_READ_BUFFER, CL_COMMAND_COPY_BUFFER,
		CL_COMMAND_FILL_BUFFER, CL_COMMAND_MARKER, CL_COMMAND_BARRIER, CL_COMMAND_MIGRATE_MEM_OBJECTS,
		CL_COMMAND_WRITE_BUFFER_RECT};
	CHECK_OK(clWaitForEvents(8, e));
	for (int i = 0; i < 8; i++) {
		CHECK(type_of(e[i]) == want[i]);
		CHECK(status_of(e[i]) == CL_COMPLETE);
		cl_command_queue q = NULL;
		size_t size = 0;
		CHECK_OK(clGetEventInfo(e[i], CL_EVENT_COMMAND_QUEUE, sizeof q, &q, &size));
		CHECK(q == t.queue && size == sizeof q);
		cl_context c = NULL;
		CHECK_OK(clGetEventInfo(e[i], CL_EVENT_CONTEXT, sizeof c, &c, &size));
		CHECK(c == t.context && size == sizeof c);
		cl_uint refs = 0;
		CHECK_OK(clGetEventInfo(e[i], CL_EVENT_REFERENCE_COUNT, sizeof refs, &refs, &size));
		CHECK(refs == 1 && size == sizeof refs);
		CHECK_OK(clGetEventInfo(e[i], CL_EVENT_COMMAND_TYPE, 0, NULL, &size));
		CHECK(size == sizeof(cl_command_type));
		CHECK_OK(clGetEventInfo(e[i], CL_EVENT_COMMAND_EXECUTION_STATUS, 0, NULL, &size));
		CHECK(size == sizeof(cl_int));
	}
	/* Reference counts. */
	cl_uint refs = 0;
	CHECK_OK(clRetainEvent(e[0]));
	CHECK_OK(clRetainEvent(e[0]));
	CHECK_OK(clGetEventInfo(e[0], CL_EVENT_REFERENCE_COUNT, sizeof refs, &refs, NULL));
	CHECK(refs == 3);
	CHECK_OK(clReleaseEvent(e[0]));
	CHECK_OK(clReleaseEvent(e[0]));
	CHECK_OK(clGetEventInfo(e[0], CL_EVENT_REFERENCE_COUNT, sizeof refs, &refs, NULL));
	CHECK(refs == 1);
	/* Size protocol and unknown names. */
	cl_int s;
	CHECK_ERR(clGetEventInfo(e[0], CL_EVENT_COMMAND_EXECUTION_STATUS, 2, &s, NULL), CL_INVALID_VALUE);
	cl_command_queue q;
	CHECK_ERR(clGetEventInfo(e[0], CL_EVENT_COMMAND_QUEUE, 4, &q, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetEventInfo(e[0], 0x7777, sizeof s, &s, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetEventInfo(e[0], CL_PROFILING_COMMAND_END, sizeof s, &s, NULL), CL_INVALID_VALUE);
	for (int i = 0; i < 8; i++) CHECK_OK(clReleaseEvent(e[i]));

	/* Bad handles. */
	cl_event dead = user_event();
	CHECK_OK(clReleaseEvent(dead));
	cl_event bad[] = {NULL, GARBAGE, dead, (cl_event)t.queue, (cl_event)a, (cl_event)t.context};
	for (int i = 0; i < 6; i++) {
		CHECK_ERR(clGetEventInfo(bad[i], CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof s, &s, NULL), CL_INVALID_EVENT);
		CHECK_ERR(clRetainEvent(bad[i]), CL_INVALID_EVENT);
		CHECK_ERR(clReleaseEvent(bad[i]), CL_INVALID_EVENT);
		CHECK_ERR(clSetUserEventStatus(bad[i], CL_COMPLETE), CL_INVALID_EVENT);
	}
	(void)err;
	clReleaseMemObject(a);
	clReleaseMemObject(b);
}

/* Markers and barriers, on an in-order or an out-of-order queue q. */
static void test_markers_barriers(cl_command_queue q, int out_of_order) {
	cl_mem b = buffer(4096);
	int v1 = 1, v2 = 2, got = 0;
	cl_event g1, g2, w1, w2, m, bar;

	/* A marker without a wait list waits for everything enqueued before it. */
	g1 = user_event();
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 0, sizeof v1, &v1, 1, &g1, &w1));
	CHECK_OK(clEnqueueMarkerWithWaitList(q, 0, NULL, &m));
	CHECK(type_of(m) == CL_COMMAND_MARKER);
	usleep(10000);
	CHECK(status_of(m) > CL_COMPLETE);
	CHECK_OK(clSetUserEventStatus(g1, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &m));
	CHECK(status_of(w1) == CL_COMPLETE);
	clReleaseEvent(g1); clReleaseEvent(w1); clReleaseEvent(m);

	/* A marker with a wait list waits for that list (and, in order, for what
	 * came before). */
	g1 = user_event();
	g2 = user_event();
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 0, sizeof v1, &v1, 1, &g1, &w1));
	CHECK_OK(clEnqueueMarkerWithWaitList(q, 1, &g2, &m));
	usleep(10000);
	CHECK(status_of(m) > CL_COMPLETE);
	CHECK_OK(clSetUserEventStatus(g2, CL_COMPLETE));
	if (out_of_order) {
		CHECK(check_timed_status(m, 2) == CL_COMPLETE);
		CHECK(status_of(w1) > CL_COMPLETE);
	} else {
		usleep(10000);
		CHECK(status_of(m) > CL_COMPLETE);
	}
	CHECK_OK(clSetUserEventStatus(g1, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &m));
	CHECK_OK(clWaitForEvents(1, &w1));
	clReleaseEvent(g1); clReleaseEvent(g2); clReleaseEvent(w1); clReleaseEvent(m);

	/* A barrier without a wait list: later commands wait until everything
	 * before it ended. The later write has no wait list of its own. */
	g1 = user_event();
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 0, sizeof v1, &v1, 1, &g1, &w1));
	CHECK_OK(clEnqueueBarrierWithWaitList(q, 0, NULL, &bar));
	CHECK(type_of(bar) == CL_COMMAND_BARRIER);
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 0, sizeof v2, &v2, 0, NULL, &w2));
	CHECK_OK(clFlush(q));
	usleep(20000);
	CHECK(status_of(bar) > CL_COMPLETE);
	CHECK(status_of(w2) > CL_COMPLETE);
	CHECK_OK(clSetUserEventStatus(g1, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &w2));
	CHECK(status_of(w1) == CL_COMPLETE && status_of(bar) == CL_COMPLETE);
	CHECK_OK(clEnqueueReadBuffer(q, b, CL_TRUE, 0, sizeof got, &got, 1, &w2, NULL));
	CHECK(got == 2); /* the second write came last */
	clReleaseEvent(g1); clReleaseEvent(w1); clReleaseEvent(w2); clReleaseEvent(bar);

	/* A barrier with a wait list: it waits for its list (out of order: only
	 * that), and later commands wait for it. */
	g1 = user_event();
	g2 = user_event();
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 0, sizeof v1, &v1, 1, &g1, &w1));
	CHECK_OK(clEnqueueBarrierWithWaitList(q, 1, &g2, &bar));
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 4, sizeof v2, &v2, 0, NULL, &w2));
	usleep(10000);
	CHECK(status_of(bar) > CL_COMPLETE);
	CHECK(status_of(w2) > CL_COMPLETE);
	CHECK_OK(clSetUserEventStatus(g2, CL_COMPLETE));
	if (out_of_order) {
		CHECK(check_timed_status(w2, 2) == CL_COMPLETE);
		CHECK(status_of(w1) > CL_COMPLETE);
	} else {
		usleep(10000);
		CHECK(status_of(bar) > CL_COMPLETE);
		CHECK(status_of(w2) > CL_COMPLETE);
	}
	CHECK_OK(clSetUserEventStatus(g1, CL_COMPLETE));
	cl_event all[] = {w1, bar, w2};
	CHECK_OK(clWaitForEvents(3, all));
	clReleaseEvent(g1); clReleaseEvent(g2); clReleaseEvent(w1); clReleaseEvent(w2); clReleaseEvent(bar);

	/* Markers and barriers need no event. */
	CHECK_OK(clEnqueueMarkerWithWaitList(q, 0, NULL, NULL));
	CHECK_OK(clEnqueueBarrierWithWaitList(q, 0, NULL, NULL));
	CHECK_OK(clFinish(q));

	/* Wait-list errors. */
	cl_int err;
	cl_event dead = user_event();
	clReleaseEvent(dead);
	cl_event ok_ev = user_event();
	clSetUserEventStatus(ok_ev, CL_COMPLETE);
	cl_event bad[] = {GARBAGE, dead, (cl_event)q, NULL};
	for (int i = 0; i < 4; i++) {
		CHECK_ERR(clEnqueueMarkerWithWaitList(q, 1, &bad[i], NULL), CL_INVALID_EVENT_WAIT_LIST);
		CHECK_ERR(clEnqueueBarrierWithWaitList(q, 1, &bad[i], NULL), CL_INVALID_EVENT_WAIT_LIST);
		cl_event two[] = {ok_ev, bad[i]};
		CHECK_ERR(clEnqueueMarkerWithWaitList(q, 2, two, NULL), CL_INVALID_EVENT_WAIT_LIST);
	}
	CHECK_ERR(clEnqueueMarkerWithWaitList(q, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueBarrierWithWaitList(q, 0, &ok_ev, NULL), CL_INVALID_EVENT_WAIT_LIST);
	cl_context other = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	cl_event oe = clCreateUserEvent(other, &err);
	clSetUserEventStatus(oe, CL_COMPLETE);
	CHECK_ERR(clEnqueueMarkerWithWaitList(q, 1, &oe, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueBarrierWithWaitList(q, 1, &oe, NULL), CL_INVALID_CONTEXT);
	clReleaseEvent(oe);
	clReleaseContext(other);
	clReleaseEvent(ok_ev);
	clReleaseMemObject(b);
}

/* clEnqueueMarker, clEnqueueBarrier, clEnqueueWaitForEvents. */
static void test_deprecated(cl_command_queue q) {
	cl_int err;
	cl_mem b = buffer(64);
	int v1 = 1, v2 = 2;
	cl_event g, w1, w2, m;

	g = user_event();
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 0, sizeof v1, &v1, 1, &g, &w1));
	CHECK_OK(clEnqueueMarker(q, &m));
	CHECK(type_of(m) == CL_COMMAND_MARKER);
	usleep(10000);
	CHECK(status_of(m) > CL_COMPLETE);
	CHECK_OK(clSetUserEventStatus(g, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &m));
	CHECK(status_of(w1) == CL_COMPLETE);
	clReleaseEvent(g); clReleaseEvent(w1); clReleaseEvent(m);

	g = user_event();
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 0, sizeof v1, &v1, 1, &g, &w1));
	CHECK_OK(clEnqueueBarrier(q));
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 0, sizeof v2, &v2, 0, NULL, &w2));
	usleep(10000);
	CHECK(status_of(w2) > CL_COMPLETE);
	CHECK_OK(clSetUserEventStatus(g, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &w2));
	CHECK(status_of(w1) == CL_COMPLETE);
	clReleaseEvent(g); clReleaseEvent(w1); clReleaseEvent(w2);

	g = user_event();
	CHECK_OK(clEnqueueWaitForEvents(q, 1, &g));
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 0, sizeof v2, &v2, 0, NULL, &w2));
	usleep(10000);
	CHECK(status_of(w2) > CL_COMPLETE);
	CHECK_OK(clSetUserEventStatus(g, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &w2));
	clReleaseEvent(g); clReleaseEvent(w2);

	/* Errors. */
	CHECK_ERR(clEnqueueMarker(q, NULL), CL_INVALID_VALUE);
	cl_event ok_ev = user_event();
	clSetUserEventStatus(ok_ev, CL_COMPLETE);
	CHECK_ERR(clEnqueueWaitForEvents(q, 0, &ok_ev), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueWaitForEvents(q, 1, NULL), CL_INVALID_VALUE);
	cl_event dead = user_event();
	clReleaseEvent(dead);
	cl_event bad[] = {GARBAGE, dead, (cl_event)q};
	for (int i = 0; i < 3; i++) CHECK_ERR(clEnqueueWaitForEvents(q, 1, &bad[i]), CL_INVALID_EVENT);
	cl_context other = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	cl_event oe = clCreateUserEvent(other, &err);
	clSetUserEventStatus(oe, CL_COMPLETE);
	CHECK_ERR(clEnqueueWaitForEvents(q, 1, &oe), CL_INVALID_CONTEXT);
	cl_command_queue dq = clCreateCommandQueueWithProperties(t.context, t.device, NULL, &err);
	clReleaseCommandQueue(dq);
	cl_command_queue badq[] = {NULL, GARBAGE, dq, (cl_command_queue)t.context};
	for (int i = 0; i < 4; i++) {
		CHECK_ERR(clEnqueueMarker(badq[i], &m), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueBarrier(badq[i]), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueWaitForEvents(badq[i], 1, &ok_ev), CL_INVALID_COMMAND_QUEUE);
	}
	clReleaseEvent(oe);
	clReleaseContext(other);
	clReleaseEvent(ok_ev);
	clFinish(q);
	clReleaseMemObject(b);
}

/* A command whose wait list holds a failed event fails, and so does a
 * command waiting for that one; a blocking transfer reports it. */
static void test_failure_propagation(cl_command_queue q) {
	cl_mem b = buffer(4096);
	int zero[4] = {0}, ones[4] = {1, 1, 1, 1}, got[4] = {9, 9, 9, 9};
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_TRUE, 0, sizeof zero, zero, 0, NULL, NULL));
	cl_event g = user_event(), a, c, d, m;
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 0, sizeof ones, ones, 1, &g, &a));
	CHECK_OK(clEnqueueCopyBuffer(q, b, b, 0, 1024, sizeof ones, 1, &a, &c));
	CHECK_OK(clEnqueueReadBuffer(q, b, CL_FALSE, 0, sizeof got, got, 1, &c, &d));
	CHECK_OK(clEnqueueMarkerWithWaitList(q, 1, &d, &m));
	CHECK_OK(clSetUserEventStatus(g, -42));
	CHECK_ERR(clWaitForEvents(1, &m), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK(status_of(a) < 0);
	CHECK(status_of(c) < 0);
	CHECK(status_of(d) < 0);
	CHECK(status_of(m) < 0);
	CHECK(got[0] == 9); /* the read never ran */
	/* Blocking transfers with a failed wait list. */
	CHECK_ERR(clEnqueueReadBuffer(q, b, CL_TRUE, 0, sizeof got, got, 1, &a, NULL), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK(got[0] == 9);
	CHECK_ERR(clEnqueueWriteBuffer(q, b, CL_TRUE, 0, sizeof ones, ones, 1, &g, NULL), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	size_t o[3] = {0, 0, 0}, r[3] = {4, 1, 1};
	CHECK_ERR(clEnqueueReadBufferRect(q, b, CL_TRUE, o, o, r, 0, 0, 0, 0, got, 1, &c, NULL), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	/* The buffer was never written by a failed command. */
	CHECK_OK(clEnqueueReadBuffer(q, b, CL_TRUE, 0, sizeof got, got, 0, NULL, NULL));
	CHECK(got[0] == 0 && got[3] == 0);
	int far = -1;
	CHECK_OK(clEnqueueReadBuffer(q, b, CL_TRUE, 1024, sizeof far, &far, 0, NULL, NULL));
	CHECK(far == 0);
	/* A failure does not leak to commands that did not wait for it. */
	cl_event ok_ev;
	CHECK_OK(clEnqueueMarkerWithWaitList(q, 0, NULL, &ok_ev));
	CHECK_OK(clWaitForEvents(1, &ok_ev));
	clReleaseEvent(ok_ev);
	clReleaseEvent(g); clReleaseEvent(a); clReleaseEvent(c); clReleaseEvent(d); clReleaseEvent(m);
	clReleaseMemObject(b);
}

/* Many threads: user events made, gated commands with callbacks on the
 * shared out-of-order queue, the gates set by the other threads, waits. */
#define THREADS 8
static cl_event gates[THREADS];
static atomic_int gate_ready[THREADS];
static cl_mem shared_b;
static atomic_int cb_calls;
static void CL_CALLBACK count_cb(cl_event e, cl_int s, void *user) {
	(void)e;
	if (s == CL_COMPLETE && user == &cb_calls) atomic_fetch_add(&cb_calls, 1);
}

static void *worker(void *arg) {
	int id = (int)(intptr_t)arg;
	double end = check_now() + 1.0;
	int rounds = 0;
	int expected = 0;
	while (check_now() < end) {
		cl_int err;
		cl_event mine = clCreateUserEvent(t.context, &err);
		if (err != CL_SUCCESS) return (void *)1;
		int v[4] = {id, rounds, id, rounds}, back[4] = {0};
		cl_event w, r;
		if (clEnqueueWriteBuffer(ooo, shared_b, CL_FALSE, id * sizeof v, sizeof v, v, 1, &mine, &w) != CL_SUCCESS) return (void *)2;
		if (clSetEventCallback(w, CL_COMPLETE, count_cb, &cb_calls) != CL_SUCCESS) return (void *)3;
		if (clEnqueueReadBuffer(ooo, shared_b, CL_FALSE, id * sizeof v, sizeof back, back, 1, &w, &r) != CL_SUCCESS) return (void *)4;
		expected++;
		/* Every other round, a neighbour opens the gate. */
		if (rounds & 1) {
			if (clSetUserEventStatus(mine, CL_COMPLETE) != CL_SUCCESS) return (void *)5;
		} else {
			clRetainEvent(mine);
			gates[id] = mine;
			atomic_store(&gate_ready[id], 1);
			int n = (id + 1) % THREADS;
			double give_up = check_now() + 0.002;
			do {
				if (atomic_exchange(&gate_ready[n], 0)) {
					clSetUserEventStatus(gates[n], CL_COMPLETE);
					clReleaseEvent(gates[n]);
				}
				if (!atomic_load(&gate_ready[id])) break; /* ours was taken */
				sched_yield();
			} while (check_now() < give_up);
			/* If nobody took ours, open it ourselves. */
			if (atomic_exchange(&gate_ready[id], 0)) {
				clSetUserEventStatus(mine, CL_COMPLETE);
				clReleaseEvent(mine);
			}
		}
		if (clWaitForEvents(1, &r) != CL_SUCCESS) return (void *)6;
		if (memcmp(v, back, sizeof v) != 0) return (void *)7;
		cl_int s;
		if (clGetEventInfo(w, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof s, &s, NULL) != CL_SUCCESS || s != CL_COMPLETE) return (void *)8;
		clReleaseEvent(w);
		clReleaseEvent(r);
		clReleaseEvent(mine);
		rounds++;
	}
	return (void *)(intptr_t)-expected;
}

/* Several threads set one user event at once: exactly one of them succeeds. */
#define SETTERS 4
static pthread_barrier_t set_barrier;
static cl_event contested;
static cl_int set_results[SETTERS];
static void *setter(void *arg) {
	int id = (int)(intptr_t)arg;
	for (int round = 0; round < 300; round++) {
		pthread_barrier_wait(&set_barrier);
		set_results[id] = clSetUserEventStatus(contested, id == 0 ? CL_COMPLETE : -id);
		pthread_barrier_wait(&set_barrier);
		pthread_barrier_wait(&set_barrier); /* main checks */
	}
	return NULL;
}

static void test_set_race(void) {
	pthread_t th[SETTERS];
	pthread_barrier_init(&set_barrier, NULL, SETTERS + 1);
	for (int i = 0; i < SETTERS; i++) pthread_create(&th[i], NULL, setter, (void *)(intptr_t)i);
	int bad_rounds = 0;
	for (int round = 0; round < 300; round++) {
		contested = user_event();
		pthread_barrier_wait(&set_barrier);
		pthread_barrier_wait(&set_barrier);
		int ok = 0, refused = 0, winner = -1;
		for (int i = 0; i < SETTERS; i++) {
			if (set_results[i] == CL_SUCCESS) { ok++; winner = i; }
			else if (set_results[i] == CL_INVALID_OPERATION) refused++;
		}
		cl_int want = winner == 0 ? CL_COMPLETE : -winner;
		if (ok != 1 || refused != SETTERS - 1 || status_of(contested) != want) bad_rounds++;
		clReleaseEvent(contested);
		pthread_barrier_wait(&set_barrier);
	}
	for (int i = 0; i < SETTERS; i++) pthread_join(th[i], NULL);
	pthread_barrier_destroy(&set_barrier);
	CHECK(bad_rounds == 0);
	if (bad_rounds) fprintf(stderr, "  %d of 300 rounds had more or fewer than one winner\n", bad_rounds);
}

static void test_threads(void) {
	cl_int err;
	shared_b = clCreateBuffer(t.context, CL_MEM_READ_WRITE, THREADS * 16, NULL, &err);
	REQUIRE_OK(err);
	atomic_store(&cb_calls, 0);
	pthread_t th[THREADS];
	for (int i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
	int total = 0;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(th[i], &r);
		CHECK((intptr_t)r <= 0);
		if ((intptr_t)r > 0) fprintf(stderr, "thread %d failed at step %d\n", i, (int)(intptr_t)r);
		else total -= (int)(intptr_t)r;
	}
	CHECK(total >= THREADS);
	CHECK(wait_for(&cb_calls, total) == total);
	CHECK_OK(clFinish(ooo));
	clReleaseMemObject(shared_b);
	printf("threads: %d gated commands\n", total);
}

int main(void) {
	cl_int err;
	t = test_setup();
	cl_queue_properties po[] = {CL_QUEUE_PROPERTIES, CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, 0};
	ooo = clCreateCommandQueueWithProperties(t.context, t.device, po, &err);
	REQUIRE_OK(err);
	cl_queue_properties pp[] = {CL_QUEUE_PROPERTIES, CL_QUEUE_PROFILING_ENABLE, 0};
	prof = clCreateCommandQueueWithProperties(t.context, t.device, pp, &err);
	REQUIRE_OK(err);
	test_user_events();
	test_callbacks();
	test_wait();
	test_profiling();
	test_event_info();
	test_markers_barriers(t.queue, 0);
	test_markers_barriers(ooo, 1);
	test_deprecated(t.queue);
	test_deprecated(ooo);
	test_failure_propagation(t.queue);
	test_failure_propagation(ooo);
	test_set_race();
	test_threads();
	clReleaseCommandQueue(ooo);
	clReleaseCommandQueue(prof);
	test_teardown(&t);
	return check_done();
}
