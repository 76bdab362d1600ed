/* Command-queues through the real loader: clCreateCommandQueue and
 * clCreateCommandQueueWithProperties (in-order, out-of-order, profiling,
 * property lists, every error code), clGetCommandQueueInfo, retain and
 * release, clFlush and clFinish, and queues made and used from many threads. */
#include "check.h"
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

static test_env t;

static cl_command_queue_properties qprops(cl_command_queue q) {
	cl_command_queue_properties p = 999;
	size_t size = 0;
	CHECK_OK(clGetCommandQueueInfo(q, CL_QUEUE_PROPERTIES, sizeof p, &p, &size));
	CHECK(size == sizeof p);
	return p;
}

static size_t prop_array(cl_command_queue q, cl_queue_properties *out, size_t n) {
	size_t size = 12345;
	CHECK_OK(clGetCommandQueueInfo(q, CL_QUEUE_PROPERTIES_ARRAY, n * sizeof *out, out, &size));
	return size;
}

static cl_uint qrefs(cl_command_queue q) {
	cl_uint n = 999;
	CHECK_OK(clGetCommandQueueInfo(q, CL_QUEUE_REFERENCE_COUNT, sizeof n, &n, NULL));
	return n;
}

static cl_int status_of(cl_event e) {
	cl_int s = 99;
	CHECK_OK(clGetEventInfo(e, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof s, &s, NULL));
	return s;
}

static void test_create_legacy(void) {
	cl_int err;
	cl_command_queue_properties ok_props[] = {0, CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, CL_QUEUE_PROFILING_ENABLE,
		CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE | CL_QUEUE_PROFILING_ENABLE};
	for (int i = 0; i < 4; i++) {
		cl_command_queue q = clCreateCommandQueue(t.context, t.device, ok_props[i], &err);
		CHECK_OK(err);
		CHECK(q != NULL);
		if (!q) continue;
		CHECK(qprops(q) == ok_props[i]);
		cl_queue_properties arr[4];
		CHECK(prop_array(q, arr, 4) == 0); /* made without a property list */
		CHECK(qrefs(q) == 1);
		CHECK_OK(clReleaseCommandQueue(q));
	}
	/* errcode_ret may be NULL. */
	cl_command_queue q = clCreateCommandQueue(t.context, t.device, 0, NULL);
	CHECK(q != NULL);
	clReleaseCommandQueue(q);
	/* Bits outside the table of clCreateCommandQueue are not valid: the
	 * device-queue bits included. */
	cl_command_queue_properties bad[] = {1 << 10, CL_QUEUE_ON_DEVICE | CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE,
		CL_QUEUE_ON_DEVICE_DEFAULT, (cl_command_queue_properties)1 << 40};
	for (int i = 0; i < 4; i++) {
		q = clCreateCommandQueue(t.context, t.device, bad[i], &err);
		CHECK_ERR(err, CL_INVALID_VALUE);
		CHECK(q == NULL);
	}
}

static void test_create_with_properties(void) {
	cl_int err;
	cl_command_queue q;
	cl_queue_properties arr[8];

	/* NULL: an in-order queue without profiling, no property list. */
	q = clCreateCommandQueueWithProperties(t.context, t.device, NULL, &err);
	CHECK_OK(err);
	CHECK(qprops(q) == 0);
	CHECK(prop_array(q, arr, 8) == 0);
	clReleaseCommandQueue(q);
	/* {0}: the same queue, and the list as given. */
	cl_queue_properties empty[] = {0};
	q = clCreateCommandQueueWithProperties(t.context, t.device, empty, &err);
	CHECK_OK(err);
	CHECK(qprops(q) == 0);
	memset(arr, 0x5a, sizeof arr);
	CHECK(prop_array(q, arr, 8) == sizeof empty && arr[0] == 0);
	clReleaseCommandQueue(q);
	/* Each host mode. */
	cl_command_queue_properties modes[] = {0, CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, CL_QUEUE_PROFILING_ENABLE,
		CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE | CL_QUEUE_PROFILING_ENABLE};
	for (int i = 0; i < 4; i++) {
		cl_queue_properties p[] = {CL_QUEUE_PROPERTIES, modes[i], 0};
		q = clCreateCommandQueueWithProperties(t.context, t.device, p, &err);
		CHECK_OK(err);
		if (!q) continue;
		CHECK(qprops(q) == modes[i]);
		memset(arr, 0x5a, sizeof arr);
		CHECK(prop_array(q, arr, 8) == sizeof p);
		CHECK(memcmp(arr, p, sizeof p) == 0);
		/* Too small for the array. */
		CHECK_ERR(clGetCommandQueueInfo(q, CL_QUEUE_PROPERTIES_ARRAY, sizeof p - 1, arr, NULL), CL_INVALID_VALUE);
		clReleaseCommandQueue(q);
	}

	/* Device queues: valid values the device does not support. */
	cl_queue_properties on_dev[] = {CL_QUEUE_PROPERTIES, CL_QUEUE_ON_DEVICE | CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, 0};
	q = clCreateCommandQueueWithProperties(t.context, t.device, on_dev, &err);
	CHECK_ERR(err, CL_INVALID_QUEUE_PROPERTIES);
	CHECK(q == NULL);
	cl_queue_properties on_dev_def[] = {CL_QUEUE_PROPERTIES,
		CL_QUEUE_ON_DEVICE | CL_QUEUE_ON_DEVICE_DEFAULT | CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, 0};
	q = clCreateCommandQueueWithProperties(t.context, t.device, on_dev_def, &err);
	CHECK_ERR(err, CL_INVALID_QUEUE_PROPERTIES);
	cl_queue_properties on_dev_size[] = {CL_QUEUE_PROPERTIES, CL_QUEUE_ON_DEVICE | CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE,
		CL_QUEUE_SIZE, 4096, 0};
	q = clCreateCommandQueueWithProperties(t.context, t.device, on_dev_size, &err);
	CHECK_ERR(err, CL_INVALID_QUEUE_PROPERTIES);

	/* Values that are not valid: CL_INVALID_VALUE. */
	cl_queue_properties bad[][6] = {
		{CL_QUEUE_PROPERTIES, 1 << 10, 0},                                      /* unknown bit */
		{CL_QUEUE_PROPERTIES, (cl_queue_properties)1 << 40, 0},                 /* unknown bit */
		{CL_QUEUE_PROPERTIES, CL_QUEUE_ON_DEVICE, 0},                            /* device queues are out-of-order */
		{CL_QUEUE_PROPERTIES, CL_QUEUE_ON_DEVICE_DEFAULT | CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, 0}, /* default without on-device */
		{0x7777, 0, 0},                                                          /* unknown name */
		{CL_QUEUE_PROPERTIES, 0, 0x7777, 0, 0},                                  /* unknown name after a good one */
		{CL_QUEUE_SIZE, 4096, 0},                                                /* a size for a host queue */
		{CL_QUEUE_PROPERTIES, 0, CL_QUEUE_PROPERTIES, 0, 0},                     /* a name twice */
		{CL_QUEUE_PROPERTIES, CL_QUEUE_PROFILING_ENABLE, CL_QUEUE_SIZE, 16, 0},  /* a size for a host queue */
	};
	for (int i = 0; i < 9; i++) {
		q = clCreateCommandQueueWithProperties(t.context, t.device, bad[i], &err);
		CHECK_ERR(err, CL_INVALID_VALUE);
		CHECK(q == NULL);
		if (err != CL_INVALID_VALUE) fprintf(stderr, "  (bad property list %d)\n", i);
	}
}

static void test_create_errors(void) {
	cl_int err;
	cl_command_queue q;
	cl_context dead = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	CHECK_OK(clReleaseContext(dead));
	cl_context bad_ctx[] = {NULL, GARBAGE, dead, (cl_context)t.queue, (cl_context)t.device};
	cl_queue_properties unknown[] = {0x7777, 0, 0};
	for (int i = 0; i < 5; i++) {
		q = clCreateCommandQueue(bad_ctx[i], t.device, 0, &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		CHECK(q == NULL);
		q = clCreateCommandQueueWithProperties(bad_ctx[i], t.device, NULL, &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		CHECK(q == NULL);
		/* The context is checked before the device and the properties. */
		q = clCreateCommandQueueWithProperties(bad_ctx[i], GARBAGE, unknown, &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		q = clCreateCommandQueue(bad_ctx[i], GARBAGE, 1 << 10, &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
	}
	cl_device_id bad_dev[] = {NULL, GARBAGE, (cl_device_id)t.context, (cl_device_id)t.queue};
	for (int i = 0; i < 4; i++) {
		q = clCreateCommandQueue(t.context, bad_dev[i], 0, &err);
		CHECK_ERR(err, CL_INVALID_DEVICE);
		CHECK(q == NULL);
		q = clCreateCommandQueueWithProperties(t.context, bad_dev[i], NULL, &err);
		CHECK_ERR(err, CL_INVALID_DEVICE);
		CHECK(q == NULL);
		/* The device is checked before the properties. */
		q = clCreateCommandQueueWithProperties(t.context, bad_dev[i], unknown, &err);
		CHECK_ERR(err, CL_INVALID_DEVICE);
		q = clCreateCommandQueue(t.context, bad_dev[i], 1 << 10, &err);
		CHECK_ERR(err, CL_INVALID_DEVICE);
	}

	/* A device that is not in the context: a sub-device, if the device can
	 * be partitioned. */
	cl_device_partition_property part[] = {CL_DEVICE_PARTITION_EQUALLY, 1, 0};
	cl_device_id subs[64];
	cl_uint nsub = 0;
	if (clCreateSubDevices(t.device, part, 64, subs, &nsub) == CL_SUCCESS && nsub > 0) {
		q = clCreateCommandQueueWithProperties(t.context, subs[0], NULL, &err);
		CHECK_ERR(err, CL_INVALID_DEVICE);
		CHECK(q == NULL);
		q = clCreateCommandQueue(t.context, subs[0], 0, &err);
		CHECK_ERR(err, CL_INVALID_DEVICE);
		cl_context sc = clCreateContext(NULL, 1, &subs[0], NULL, NULL, &err);
		CHECK_OK(err);
		q = clCreateCommandQueueWithProperties(sc, t.device, NULL, &err);
		CHECK_ERR(err, CL_INVALID_DEVICE);
		q = clCreateCommandQueueWithProperties(sc, subs[0], NULL, &err);
		CHECK_OK(err);
		cl_device_id qd = NULL;
		CHECK_OK(clGetCommandQueueInfo(q, CL_QUEUE_DEVICE, sizeof qd, &qd, NULL));
		CHECK(qd == subs[0]);
		clReleaseCommandQueue(q);
		clReleaseContext(sc);
		for (cl_uint i = 0; i < nsub; i++) clReleaseDevice(subs[i]);
	} else {
		printf("no sub-devices: the device-not-in-context case is skipped\n");
	}
}

static void test_info(void) {
	cl_int err;
	cl_queue_properties p[] = {CL_QUEUE_PROPERTIES, CL_QUEUE_PROFILING_ENABLE, 0};
	cl_command_queue q = clCreateCommandQueueWithProperties(t.context, t.device, p, &err);
	REQUIRE_OK(err);
	size_t size = 0;
	cl_context c = NULL;
	CHECK_OK(clGetCommandQueueInfo(q, CL_QUEUE_CONTEXT, sizeof c, &c, &size));
	CHECK(c == t.context && size == sizeof c);
	cl_device_id d = NULL;
	CHECK_OK(clGetCommandQueueInfo(q, CL_QUEUE_DEVICE, sizeof d, &d, &size));
	CHECK(d == t.device && size == sizeof d);
	CHECK_OK(clGetCommandQueueInfo(q, CL_QUEUE_REFERENCE_COUNT, 0, NULL, &size));
	CHECK(size == sizeof(cl_uint));
	CHECK(qprops(q) == CL_QUEUE_PROFILING_ENABLE);
	/* A host queue has no size: not a valid queue for that query. */
	cl_uint qsize;
	CHECK_ERR(clGetCommandQueueInfo(q, CL_QUEUE_SIZE, sizeof qsize, &qsize, NULL), CL_INVALID_COMMAND_QUEUE);
	/* No default device queue. */
	cl_command_queue def = GARBAGE;
	CHECK_OK(clGetCommandQueueInfo(q, CL_QUEUE_DEVICE_DEFAULT, sizeof def, &def, &size));
	CHECK(def == NULL && size == sizeof def);
	/* Size protocol and unknown names. */
	CHECK_ERR(clGetCommandQueueInfo(q, CL_QUEUE_CONTEXT, sizeof c - 1, &c, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetCommandQueueInfo(q, CL_QUEUE_PROPERTIES, 4, &c, NULL), CL_INVALID_VALUE);
	CHECK_OK(clGetCommandQueueInfo(q, CL_QUEUE_CONTEXT, 0, NULL, NULL));
	CHECK_ERR(clGetCommandQueueInfo(q, 0x7777, sizeof c, &c, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetCommandQueueInfo(q, CL_CONTEXT_DEVICES, sizeof c, &c, NULL), CL_INVALID_VALUE);

	/* Reference counts. */
	CHECK(qrefs(q) == 1);
	CHECK_OK(clRetainCommandQueue(q));
	CHECK(qrefs(q) == 2);
	/* Events of its commands are no application references. */
	cl_event m;
	CHECK_OK(clEnqueueMarkerWithWaitList(q, 0, NULL, &m));
	CHECK(qrefs(q) == 2);
	CHECK_OK(clReleaseCommandQueue(q));
	CHECK(qrefs(q) == 1);
	CHECK_OK(clReleaseCommandQueue(q));
	CHECK_ERR(clGetCommandQueueInfo(q, CL_QUEUE_REFERENCE_COUNT, sizeof size, &size, NULL), CL_INVALID_COMMAND_QUEUE);
	/* The marker's event still names its queue. */
	cl_command_queue eq = NULL;
	CHECK_OK(clGetEventInfo(m, CL_EVENT_COMMAND_QUEUE, sizeof eq, &eq, NULL));
	CHECK(eq == q);
	CHECK_OK(clWaitForEvents(1, &m));
	clReleaseEvent(m);
}

/* A device without device-side queues has no replaceable default queue. */
static void test_default_device_queue(void) {
	CHECK_ERR(clSetDefaultDeviceCommandQueue(t.context, t.device, t.queue), CL_INVALID_OPERATION);
	CHECK_ERR(clSetDefaultDeviceCommandQueue(GARBAGE, t.device, t.queue), CL_INVALID_CONTEXT);
	CHECK_ERR(clSetDefaultDeviceCommandQueue((cl_context)t.queue, t.device, t.queue), CL_INVALID_CONTEXT);
	CHECK_ERR(clSetDefaultDeviceCommandQueue(t.context, GARBAGE, t.queue), CL_INVALID_DEVICE);
	CHECK_ERR(clSetDefaultDeviceCommandQueue(t.context, NULL, t.queue), CL_INVALID_DEVICE);
}

static void test_bad_handles(void) {
	cl_int err;
	cl_command_queue dead = clCreateCommandQueueWithProperties(t.context, t.device, NULL, &err);
	CHECK_OK(clReleaseCommandQueue(dead));
	cl_mem b = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 64, NULL, &err);
	cl_event u = clCreateUserEvent(t.context, &err);
	cl_command_queue bad[] = {NULL, GARBAGE, dead, (cl_command_queue)t.context, (cl_command_queue)b, (cl_command_queue)u};
	for (int i = 0; i < 6; i++) {
		cl_uint n;
		CHECK_ERR(clGetCommandQueueInfo(bad[i], CL_QUEUE_REFERENCE_COUNT, sizeof n, &n, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clRetainCommandQueue(bad[i]), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clReleaseCommandQueue(bad[i]), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clFlush(bad[i]), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clFinish(bad[i]), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueBarrierWithWaitList(bad[i], 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueMarkerWithWaitList(bad[i], 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		int x;
		CHECK_ERR(clEnqueueWriteBuffer(bad[i], b, CL_TRUE, 0, 4, &x, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	}
	clReleaseEvent(u);
	clReleaseMemObject(b);
}

/* Sets a user event from another thread after a delay. */
struct delayed { cl_event ev; int usec; cl_int status; };
static void *set_later(void *arg) {
	struct delayed *d = arg;
	usleep(d->usec);
	clSetUserEventStatus(d->ev, d->status);
	return NULL;
}

/* clFinish waits for every command, those gated by a user event that
 * another thread sets later included; clFlush returns at once. */
static void test_finish(cl_command_queue_properties mode) {
	cl_int err;
	cl_queue_properties p[] = {CL_QUEUE_PROPERTIES, mode, 0};
	cl_command_queue q = clCreateCommandQueueWithProperties(t.context, t.device, p, &err);
	REQUIRE_OK(err);
	cl_mem b = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 1 << 20, NULL, &err);
	CHECK_OK(err);
	cl_event gate = clCreateUserEvent(t.context, &err);
	static int data[1 << 18];
	for (int i = 0; i < 1 << 18; i++) data[i] = i;
	cl_event w, f;
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 0, sizeof data, data, 1, &gate, &w));
	int pat = 7;
	/* A fill after the gated write: ordered behind it in-order, free out-of-order. */
	CHECK_OK(clEnqueueFillBuffer(q, b, &pat, sizeof pat, 4096, 4096, 0, NULL, &f));
	int first = -1;
	cl_event r;
	CHECK_OK(clEnqueueReadBuffer(q, b, CL_FALSE, 0, sizeof first, &first, 1, &w, &r));
	CHECK_OK(clFlush(q));
	usleep(20000);
	CHECK(status_of(w) > CL_COMPLETE);
	CHECK(status_of(r) > CL_COMPLETE);
	if (mode & CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE) {
		CHECK(check_timed_status(f, 2) == CL_COMPLETE); /* not held back by the gate */
	} else {
		CHECK(status_of(f) > CL_COMPLETE);
	}
	struct delayed d = {gate, 200000, CL_COMPLETE};
	pthread_t th;
	double start = check_now();
	pthread_create(&th, NULL, set_later, &d);
	CHECK_OK(clFinish(q));
	double waited = check_now() - start;
	CHECK(waited > 0.15);
	CHECK(status_of(w) == CL_COMPLETE);
	CHECK(status_of(f) == CL_COMPLETE);
	CHECK(status_of(r) == CL_COMPLETE);
	CHECK(first == 0);
	int back[2048];
	CHECK_OK(clEnqueueReadBuffer(q, b, CL_TRUE, 4096, sizeof back, back, 0, NULL, NULL));
	if (mode & CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE) {
		/* The fill ran before the write, which overwrote it. */
		CHECK(back[0] == 1024 && back[1023] == 2047);
	} else {
		CHECK(back[0] == 7 && back[1023] == 7 && back[1024] == 2048);
	}
	pthread_join(th, NULL);
	/* Finish on an idle queue returns at once. */
	start = check_now();
	CHECK_OK(clFinish(q));
	CHECK_OK(clFlush(q));
	CHECK(check_now() - start < 0.5);
	clReleaseEvent(w);
	clReleaseEvent(f);
	clReleaseEvent(r);
	clReleaseEvent(gate);

	/* A queue released with work still pending: the work still runs. */
	gate = clCreateUserEvent(t.context, &err);
	int v = 42;
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 0, sizeof v, &v, 1, &gate, &w));
	CHECK_OK(clReleaseCommandQueue(q));
	CHECK(status_of(w) > CL_COMPLETE);
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &w));
	int got = 0;
	CHECK_OK(clEnqueueReadBuffer(t.queue, b, CL_TRUE, 0, sizeof got, &got, 0, NULL, NULL));
	CHECK(got == 42);
	clReleaseEvent(w);
	clReleaseEvent(gate);
	clReleaseMemObject(b);
}

/* In-order: commands run in the order enqueued, each after the previous
 * one ended, without wait lists. */
static void test_in_order(void) {
	cl_int err;
	cl_mem b = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 4096, NULL, &err);
	cl_event gate = clCreateUserEvent(t.context, &err);
	int vals[64];
	cl_event ev[64];
	CHECK_OK(clEnqueueMarkerWithWaitList(t.queue, 1, &gate, NULL));
	for (int i = 0; i < 64; i++) {
		vals[i] = i + 1;
		CHECK_OK(clEnqueueWriteBuffer(t.queue, b, CL_FALSE, 0, sizeof vals[i], &vals[i], 0, NULL, &ev[i]));
	}
	usleep(10000);
	for (int i = 0; i < 64; i++) CHECK(status_of(ev[i]) > CL_COMPLETE);
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	int got = 0;
	CHECK_OK(clEnqueueReadBuffer(t.queue, b, CL_TRUE, 0, sizeof got, &got, 0, NULL, NULL));
	CHECK(got == 64);
	for (int i = 0; i < 64; i++) {
		CHECK(status_of(ev[i]) == CL_COMPLETE);
		clReleaseEvent(ev[i]);
	}
	clReleaseEvent(gate);
	clReleaseMemObject(b);
}

/* Many threads: queues of their own (in-order, out-of-order, profiling),
 * created, used, queried and released over and over, and commands from all
 * threads on one shared out-of-order queue, with clFinish from several. */
#define THREADS 8
static cl_command_queue shared_q;
static cl_mem shared_b;

static void *worker(void *arg) {
	int id = (int)(intptr_t)arg;
	double end = check_now() + 1.0;
	int rounds = 0;
	while (check_now() < end) {
		cl_int err;
		cl_queue_properties p[] = {CL_QUEUE_PROPERTIES, (cl_queue_properties)(rounds % 4), 0};
		cl_command_queue q = (rounds & 4)
			? clCreateCommandQueue(t.context, t.device, (cl_command_queue_properties)(rounds % 4), &err)
			: clCreateCommandQueueWithProperties(t.context, t.device, p, &err);
		if (err != CL_SUCCESS) return (void *)1;
		cl_command_queue_properties got;
		if (clGetCommandQueueInfo(q, CL_QUEUE_PROPERTIES, sizeof got, &got, NULL) != CL_SUCCESS || got != (cl_command_queue_properties)(rounds % 4)) return (void *)2;
		int v[16], back[16];
		for (int i = 0; i < 16; i++) v[i] = id * 100000 + rounds * 16 + i;
		cl_event w;
		if (clEnqueueWriteBuffer(q, shared_b, CL_FALSE, id * sizeof v, sizeof v, v, 0, NULL, &w) != CL_SUCCESS) return (void *)3;
		if (clEnqueueReadBuffer(q, shared_b, CL_FALSE, id * sizeof v, sizeof back, back, 1, &w, NULL) != CL_SUCCESS) return (void *)4;
		if (clFinish(q) != CL_SUCCESS) return (void *)5;
		if (memcmp(v, back, sizeof v) != 0) return (void *)6;
		clReleaseEvent(w);
		if (clRetainCommandQueue(q) != CL_SUCCESS || clReleaseCommandQueue(q) != CL_SUCCESS) return (void *)7;
		if (clReleaseCommandQueue(q) != CL_SUCCESS) return (void *)8;

		/* The shared queue: a fill and a read behind it, then finish. */
		int pat = id + rounds, back2[4] = {0};
		size_t off = (THREADS + id) * sizeof v;
		cl_event fe;
		if (clEnqueueFillBuffer(shared_q, shared_b, &pat, sizeof pat, off, sizeof back2, 0, NULL, &fe) != CL_SUCCESS) return (void *)9;
		if (clEnqueueReadBuffer(shared_q, shared_b, CL_FALSE, off, sizeof back2, back2, 1, &fe, NULL) != CL_SUCCESS) return (void *)10;
		if (clFinish(shared_q) != CL_SUCCESS) return (void *)11;
		if (back2[0] != pat || back2[3] != pat) return (void *)12;
		clReleaseEvent(fe);
		rounds++;
	}
	return (void *)(intptr_t)-rounds;
}

static void test_threads(void) {
	cl_int err;
	cl_queue_properties p[] = {CL_QUEUE_PROPERTIES, CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, 0};
	shared_q = clCreateCommandQueueWithProperties(t.context, t.device, p, &err);
	REQUIRE_OK(err);
	shared_b = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 2 * THREADS * 64, NULL, &err);
	REQUIRE_OK(err);
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
	CHECK(qrefs(shared_q) == 1);
	CHECK_OK(clFinish(shared_q));
	clReleaseMemObject(shared_b);
	clReleaseCommandQueue(shared_q);
	printf("threads: %d rounds\n", total);
}

/* Brief kernels (a launch that ran in a few microseconds before runs on
 * the thread that makes it ready, device/brevity.go) keep the queue's
 * order: behind a user event, behind a long kernel, with and without
 * events, on in-order and out-of-order queues and from several threads at
 * once. Each launch computes a = a * 3 + k, so any reordering changes the
 * result. */
static const char *brief_src =
	"kernel void step(global uint *a, uint k) { a[0] = a[0] * 3u + k; }\n"
	"kernel void slow(global uint *a, uint n) {\n"
	"  uint x = a[0];\n"
	"  for (uint i = 0; i < n; i++) x = x * 1664525u + 1013904223u;\n"
	"  a[0] = x; }\n";

static cl_uint lcg(cl_uint x, cl_uint n) {
	for (cl_uint i = 0; i < n; i++) x = x * 1664525u + 1013904223u;
	return x;
}

static void step_on(cl_command_queue q, cl_kernel k, cl_uint arg, cl_uint nwait, const cl_event *wait, cl_event *ev) {
	size_t one = 1;
	CHECK_OK(clSetKernelArg(k, 1, sizeof arg, &arg));
	CHECK_OK(clEnqueueNDRangeKernel(q, k, 1, NULL, &one, NULL, nwait, wait, ev));
}

static atomic_int brief_callbacks;
static void CL_CALLBACK brief_callback(cl_event e, cl_int status, void *data) {
	(void)e, (void)data;
	if (status == CL_COMPLETE) atomic_fetch_add(&brief_callbacks, 1);
}

static void test_brief_order(cl_command_queue_properties mode) {
	cl_int err;
	cl_command_queue q = clCreateCommandQueue(t.context, t.device, mode, &err);
	REQUIRE_OK(err);
	cl_program p = check_build(&t, brief_src, "");
	cl_kernel step = clCreateKernel(p, "step", &err), slow = clCreateKernel(p, "slow", &err);
	REQUIRE_OK(err);
	cl_uint v = 7, want = 7;
	cl_mem b = check_buffer(&t, sizeof v, &v);
	CHECK_OK(clSetKernelArg(step, 0, sizeof b, &b));
	CHECK_OK(clSetKernelArg(slow, 0, sizeof b, &b));
	/* Warm up: the launches become brief. */
	for (cl_uint i = 0; i < 20; i++) {
		step_on(q, step, i, 0, NULL, NULL);
		CHECK_OK(clFinish(q));
		want = want * 3 + i;
	}
	/* Behind a closed gate nothing runs; in an out-of-order queue each
	 * command waits for the one before through its wait list. */
	int ooo = (mode & CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE) != 0;
	cl_event gate = clCreateUserEvent(t.context, &err), ev[30];
	REQUIRE_OK(err);
	atomic_store(&brief_callbacks, 0);
	for (cl_uint i = 0; i < 30; i++) {
		const cl_event *prev = i == 0 ? &gate : &ev[i - 1];
		step_on(q, step, 100 + i, i == 0 || ooo ? 1 : 0, i == 0 || ooo ? prev : NULL, &ev[i]);
		CHECK_OK(clSetEventCallback(ev[i], CL_COMPLETE, brief_callback, NULL));
		want = want * 3 + 100 + i;
	}
	usleep(5000);
	for (int i = 0; i < 30; i++) CHECK(status_of(ev[i]) > CL_COMPLETE);
	CHECK(atomic_load(&brief_callbacks) == 0);
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	/* Behind a long kernel, brief ones with no event wait their turn. */
	cl_uint n = 3000000, slow_arg = n;
	CHECK_OK(clSetKernelArg(slow, 1, sizeof slow_arg, &slow_arg));
	size_t one = 1;
	cl_event slow_done;
	CHECK_OK(clEnqueueNDRangeKernel(q, slow, 1, NULL, &one, NULL, 1, &ev[29], &slow_done));
	want = lcg(want, n);
	cl_event last = slow_done;
	for (cl_uint i = 0; i < 10; i++) {
		cl_event next;
		step_on(q, step, 200 + i, ooo ? 1 : 0, ooo ? &last : NULL, ooo ? &next : NULL);
		if (ooo) {
			if (last != slow_done) clReleaseEvent(last);
			last = next;
		}
		want = want * 3 + 200 + i;
	}
	CHECK_OK(clFinish(q));
	if (ooo && last != slow_done) clReleaseEvent(last);
	CHECK_OK(clEnqueueReadBuffer(q, b, CL_TRUE, 0, sizeof v, &v, 0, NULL, NULL));
	CHECK(v == want);
	if (v != want) fprintf(stderr, "brief kernels (mode %d): got %u, want %u\n", (int)mode, v, want);
	for (int i = 0; i < 30; i++) {
		CHECK(status_of(ev[i]) == CL_COMPLETE);
		clReleaseEvent(ev[i]);
	}
	for (int i = 0; i < 1000 && atomic_load(&brief_callbacks) < 30; i++) usleep(1000);
	CHECK(atomic_load(&brief_callbacks) == 30);
	clReleaseEvent(slow_done);
	clReleaseEvent(gate);
	clReleaseMemObject(b);
	clReleaseKernel(step);
	clReleaseKernel(slow);
	clReleaseProgram(p);
	clReleaseCommandQueue(q);
}

/* Several threads, each with its own queue and kernel object, enqueue brief
 * kernels one by one on one buffer each, without events. */
#define BRIEF_THREADS 4
#define BRIEF_STEPS 2000
static cl_program brief_prog;

static void *brief_worker(void *arg) {
	int id = (int)(intptr_t)arg;
	cl_int err;
	cl_command_queue q = clCreateCommandQueue(t.context, t.device, 0, &err);
	cl_kernel k = clCreateKernel(brief_prog, "step", &err);
	cl_uint v = (cl_uint)id, want = v;
	cl_mem b = clCreateBuffer(t.context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, sizeof v, &v, &err);
	if (err != CL_SUCCESS || clSetKernelArg(k, 0, sizeof b, &b) != CL_SUCCESS) return (void *)1;
	size_t one = 1;
	for (cl_uint i = 0; i < BRIEF_STEPS; i++) {
		cl_uint arg = i ^ (cl_uint)id;
		if (clSetKernelArg(k, 1, sizeof arg, &arg) != CL_SUCCESS) return (void *)2;
		if (clEnqueueNDRangeKernel(q, k, 1, NULL, &one, NULL, 0, NULL, NULL) != CL_SUCCESS) return (void *)3;
		want = want * 3 + arg;
	}
	if (clEnqueueReadBuffer(q, b, CL_TRUE, 0, sizeof v, &v, 0, NULL, NULL) != CL_SUCCESS) return (void *)4;
	clReleaseMemObject(b);
	clReleaseKernel(k);
	clReleaseCommandQueue(q);
	return (void *)(intptr_t)(v == want ? 0 : 5);
}

static void test_brief_threads(void) {
	brief_prog = check_build(&t, brief_src, "");
	pthread_t th[BRIEF_THREADS];
	for (int i = 0; i < BRIEF_THREADS; i++) pthread_create(&th[i], NULL, brief_worker, (void *)(intptr_t)i);
	for (int i = 0; i < BRIEF_THREADS; i++) {
		void *r;
		pthread_join(th[i], &r);
		CHECK(r == NULL);
		if (r) fprintf(stderr, "brief thread %d failed at step %d\n", i, (int)(intptr_t)r);
	}
	clReleaseProgram(brief_prog);
}

int main(void) {
	t = test_setup();
	test_create_legacy();
	test_create_with_properties();
	test_create_errors();
	test_info();
	test_default_device_queue();
	test_bad_handles();
	test_finish(0);
	test_finish(CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE);
	test_finish(CL_QUEUE_PROFILING_ENABLE);
	test_in_order();
	test_brief_order(0);
	test_brief_order(CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE);
	test_brief_threads();
	test_threads();
	test_teardown(&t);
	return check_done();
}
