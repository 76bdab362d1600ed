/* Contexts through the real loader: clCreateContext and
 * clCreateContextFromType with and without properties, every error code of
 * the context entry points, clGetContextInfo, reference counts, destructor
 * callbacks, and contexts made, used and released from many threads. */
#include "check.h"
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

static cl_platform_id plat;
static cl_device_id dev;

/* Polls until *v reaches want or a second passes: callbacks may come from
 * another thread. */
static int wait_for(atomic_int *v, int want) {
	double end = check_now() + 1;
	while (atomic_load(v) < want && check_now() < end) usleep(1000);
	return atomic_load(v);
}

static cl_uint ctx_refs(cl_context c) {
	cl_uint n = 999;
	CHECK_OK(clGetContextInfo(c, CL_CONTEXT_REFERENCE_COUNT, sizeof n, &n, NULL));
	return n;
}

static void CL_CALLBACK notify(const char *info, const void *priv, size_t cb, void *user) {
	(void)info; (void)priv; (void)cb; (void)user;
}

/* The properties a context reports are exactly those it was given. */
static void check_props(cl_context c, const cl_context_properties *want, size_t want_size) {
	cl_context_properties got[16];
	size_t size = 12345;
	memset(got, 0x5a, sizeof got);
	CHECK_OK(clGetContextInfo(c, CL_CONTEXT_PROPERTIES, sizeof got, want_size ? got : NULL, &size));
	CHECK(size == want_size);
	if (want_size) CHECK(memcmp(got, want, want_size) == 0);
}

static void test_create(void) {
	cl_int err;
	cl_context c;

	/* No properties: none reported. */
	c = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK(c != NULL);
	check_props(c, NULL, 0);
	CHECK(ctx_refs(c) == 1);
	CHECK_OK(clReleaseContext(c));
	/* errcode_ret may be NULL. */
	c = clCreateContext(NULL, 1, &dev, NULL, NULL, NULL);
	CHECK(c != NULL);
	CHECK_OK(clReleaseContext(c));
	/* A notify function, with and without user_data. */
	int user;
	c = clCreateContext(NULL, 1, &dev, notify, &user, &err);
	CHECK_OK(err);
	CHECK_OK(clReleaseContext(c));
	c = clCreateContext(NULL, 1, &dev, notify, NULL, &err);
	CHECK_OK(err);
	CHECK_OK(clReleaseContext(c));

	/* CL_CONTEXT_PLATFORM: reported as given, terminator included. */
	cl_context_properties p1[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)plat, 0};
	c = clCreateContext(p1, 1, &dev, NULL, NULL, &err);
	CHECK_OK(err);
	check_props(c, p1, sizeof p1);
	CHECK_OK(clReleaseContext(c));
	/* Two properties, in the order given. */
	cl_context_properties p2[] = {CL_CONTEXT_INTEROP_USER_SYNC, CL_TRUE, CL_CONTEXT_PLATFORM, (cl_context_properties)plat, 0};
	c = clCreateContext(p2, 1, &dev, NULL, NULL, &err);
	CHECK_OK(err);
	check_props(c, p2, sizeof p2);
	CHECK_OK(clReleaseContext(c));
	cl_context_properties p3[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)plat, CL_CONTEXT_INTEROP_USER_SYNC, CL_FALSE, 0};
	c = clCreateContext(p3, 1, &dev, NULL, NULL, &err);
	CHECK_OK(err);
	check_props(c, p3, sizeof p3);
	/* Too small a buffer for the answer. */
	cl_context_properties small[2];
	CHECK_ERR(clGetContextInfo(c, CL_CONTEXT_PROPERTIES, sizeof small, small, NULL), CL_INVALID_VALUE);
	CHECK_OK(clReleaseContext(c));
	/* An empty list (just the terminator) is a list. */
	cl_context_properties p0[] = {0};
	c = clCreateContext(p0, 1, &dev, NULL, NULL, &err);
	CHECK_OK(err);
	if (c) {
		check_props(c, p0, sizeof p0);
		CHECK_OK(clReleaseContext(c));
	}

	/* Duplicate devices are ignored. */
	cl_device_id twice[] = {dev, dev};
	c = clCreateContext(NULL, 2, twice, NULL, NULL, &err);
	CHECK_OK(err);
	cl_uint nd = 0;
	CHECK_OK(clGetContextInfo(c, CL_CONTEXT_NUM_DEVICES, sizeof nd, &nd, NULL));
	CHECK(nd == 1);
	CHECK_OK(clReleaseContext(c));
}

static void test_create_errors(void) {
	cl_int err;
	cl_context c;
	cl_context live = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
	REQUIRE_OK(err);

	/* CL_INVALID_PLATFORM: the platform property's value. */
	cl_context_properties null_plat[] = {CL_CONTEXT_PLATFORM, 0, 0};
	c = clCreateContext(null_plat, 1, &dev, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PLATFORM);
	CHECK(c == NULL);
	cl_context_properties bad_plat[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)GARBAGE, 0};
	c = clCreateContext(bad_plat, 1, &dev, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PLATFORM);
	CHECK(c == NULL);
	cl_context_properties dev_plat[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)dev, 0};
	c = clCreateContext(dev_plat, 1, &dev, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PLATFORM);
	CHECK(c == NULL);

	/* CL_INVALID_PROPERTY: unknown name, bad value, a name twice. */
	cl_context_properties unknown[] = {0x7777, 1, 0};
	c = clCreateContext(unknown, 1, &dev, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PROPERTY);
	CHECK(c == NULL);
	cl_context_properties unknown2[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)plat, 0x7777, 1, 0};
	c = clCreateContext(unknown2, 1, &dev, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PROPERTY);
	cl_context_properties bad_sync[] = {CL_CONTEXT_INTEROP_USER_SYNC, 7, 0};
	c = clCreateContext(bad_sync, 1, &dev, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PROPERTY);
	cl_context_properties twice[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)plat, CL_CONTEXT_PLATFORM, (cl_context_properties)plat, 0};
	c = clCreateContext(twice, 1, &dev, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PROPERTY);
	CHECK(c == NULL);
	cl_context_properties twice2[] = {CL_CONTEXT_INTEROP_USER_SYNC, CL_TRUE, CL_CONTEXT_INTEROP_USER_SYNC, CL_FALSE, 0};
	c = clCreateContext(twice2, 1, &dev, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PROPERTY);

	/* CL_INVALID_VALUE: devices NULL, num_devices 0, user_data without pfn_notify. */
	c = clCreateContext(NULL, 1, NULL, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(c == NULL);
	c = clCreateContext(NULL, 0, &dev, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(c == NULL);
	int user;
	c = clCreateContext(NULL, 1, &dev, NULL, &user, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(c == NULL);
	c = clCreateContextFromType(NULL, CL_DEVICE_TYPE_CPU, NULL, &user, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(c == NULL);

	/* CL_INVALID_DEVICE: NULL, garbage, another kind of object, in any position. */
	cl_device_id bad[][2] = {
		{(cl_device_id)GARBAGE, dev}, {dev, (cl_device_id)GARBAGE}, {dev, NULL},
		{(cl_device_id)live, dev}, {dev, (cl_device_id)live}, {NULL, dev},
	};
	for (int i = 0; i < 6; i++) {
		c = clCreateContext(NULL, 2, bad[i], NULL, NULL, &err);
		CHECK_ERR(err, CL_INVALID_DEVICE);
		CHECK(c == NULL);
	}

	/* Errors in the order of the specification: properties first (with the
	 * platform named, so that the loader has no need of the devices). */
	c = clCreateContext(unknown2, 0, NULL, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PROPERTY);
	c = clCreateContext(NULL, 1, bad[0], NULL, &user, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK_OK(clReleaseContext(live));
}

static void test_from_type(void) {
	cl_int err;
	cl_context c;
	cl_device_type ok_types[] = {CL_DEVICE_TYPE_CPU, CL_DEVICE_TYPE_ALL, CL_DEVICE_TYPE_DEFAULT,
		CL_DEVICE_TYPE_CPU | CL_DEVICE_TYPE_GPU};
	for (int i = 0; i < 4; i++) {
		c = clCreateContextFromType(NULL, ok_types[i], NULL, NULL, &err);
		CHECK_OK(err);
		if (!c) continue;
		cl_device_id d[4] = {0};
		size_t size = 0;
		CHECK_OK(clGetContextInfo(c, CL_CONTEXT_DEVICES, sizeof d, d, &size));
		CHECK(size == sizeof(cl_device_id) && d[0] == dev);
		check_props(c, NULL, 0);
		CHECK_OK(clReleaseContext(c));
	}
	cl_context_properties p[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)plat, 0};
	c = clCreateContextFromType(p, CL_DEVICE_TYPE_CPU, notify, NULL, &err);
	CHECK_OK(err);
	check_props(c, p, sizeof p);
	CHECK_OK(clReleaseContext(c));

	/* No such device: CL_DEVICE_NOT_FOUND. */
	cl_device_type none[] = {CL_DEVICE_TYPE_GPU, CL_DEVICE_TYPE_ACCELERATOR, CL_DEVICE_TYPE_CUSTOM};
	for (int i = 0; i < 3; i++) {
		c = clCreateContextFromType(p, none[i], NULL, NULL, &err);
		CHECK_ERR(err, CL_DEVICE_NOT_FOUND);
		CHECK(c == NULL);
	}
	/* Not a device type: CL_INVALID_DEVICE_TYPE. */
	c = clCreateContextFromType(p, (cl_device_type)1 << 20, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_DEVICE_TYPE);
	CHECK(c == NULL);
	c = clCreateContextFromType(p, CL_DEVICE_TYPE_CPU | ((cl_device_type)1 << 40), NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_DEVICE_TYPE);
	/* No device-type bit at all is not a device type either (not "not found"). */
	c = clCreateContextFromType(p, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_DEVICE_TYPE);
	CHECK(c == NULL);

	/* CL_DEVICE_TYPE_ALL sign-extended to 64 bits (OpenCV passes it so) is ALL. */
	cl_device_type all64 = (cl_device_type)(int64_t)(int32_t)CL_DEVICE_TYPE_ALL;
	CHECK(all64 == 0xffffffffffffffffull);
	c = clCreateContextFromType(p, all64, NULL, NULL, &err);
	CHECK_OK(err);
	if (c) {
		cl_device_id d[4] = {0};
		size_t size = 0;
		CHECK_OK(clGetContextInfo(c, CL_CONTEXT_DEVICES, sizeof d, d, &size));
		CHECK(size == sizeof(cl_device_id) && d[0] == dev);
		CHECK_OK(clReleaseContext(c));
	}
	cl_device_id got = NULL;
	cl_uint n = 0;
	CHECK_OK(clGetDeviceIDs(plat, all64, 1, &got, &n));
	CHECK(n == 1 && got == dev);
	CHECK_ERR(clGetDeviceIDs(plat, 0, 1, &got, &n), CL_INVALID_DEVICE_TYPE);
	CHECK_ERR(clGetDeviceIDs(plat, (cl_device_type)1 << 20, 1, &got, &n), CL_INVALID_DEVICE_TYPE);
	n = 7;
	CHECK_ERR(clGetDeviceIDs(plat, CL_DEVICE_TYPE_GPU, 1, &got, &n), CL_DEVICE_NOT_FOUND);
	CHECK(n == 0);

	/* Property errors as for clCreateContext. */
	cl_context_properties unknown[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)plat, 0x7777, 0, 0};
	c = clCreateContextFromType(unknown, CL_DEVICE_TYPE_CPU, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PROPERTY);
	CHECK(c == NULL);
	cl_context_properties twice[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)plat, CL_CONTEXT_PLATFORM, (cl_context_properties)plat, 0};
	c = clCreateContextFromType(twice, CL_DEVICE_TYPE_CPU, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PROPERTY);
	cl_context_properties bad_plat[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)GARBAGE, 0};
	c = clCreateContextFromType(bad_plat, CL_DEVICE_TYPE_CPU, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PLATFORM);
}

static void test_info_and_refs(void) {
	cl_int err;
	cl_context c = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
	REQUIRE_OK(err);
	size_t size = 0;
	cl_uint n = 0;
	CHECK_OK(clGetContextInfo(c, CL_CONTEXT_REFERENCE_COUNT, 0, NULL, &size));
	CHECK(size == sizeof(cl_uint));
	CHECK_OK(clGetContextInfo(c, CL_CONTEXT_NUM_DEVICES, sizeof n, &n, &size));
	CHECK(n == 1 && size == sizeof(cl_uint));
	cl_device_id d = NULL;
	CHECK_OK(clGetContextInfo(c, CL_CONTEXT_DEVICES, sizeof d, &d, &size));
	CHECK(d == dev && size == sizeof d);
	/* Size protocol: too small, NULL value, no size_ret. */
	cl_uchar tiny;
	CHECK_ERR(clGetContextInfo(c, CL_CONTEXT_NUM_DEVICES, 1, &tiny, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetContextInfo(c, CL_CONTEXT_DEVICES, sizeof d - 1, &d, NULL), CL_INVALID_VALUE);
	CHECK_OK(clGetContextInfo(c, CL_CONTEXT_NUM_DEVICES, 0, NULL, NULL));
	CHECK_OK(clGetContextInfo(c, CL_CONTEXT_NUM_DEVICES, sizeof n, &n, NULL));
	/* Unknown names. */
	CHECK_ERR(clGetContextInfo(c, 0x7777, sizeof n, &n, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetContextInfo(c, CL_QUEUE_CONTEXT, sizeof n, &n, NULL), CL_INVALID_VALUE);

	/* Reference counts. */
	CHECK(ctx_refs(c) == 1);
	CHECK_OK(clRetainContext(c));
	CHECK_OK(clRetainContext(c));
	CHECK(ctx_refs(c) == 3);
	CHECK_OK(clReleaseContext(c));
	CHECK(ctx_refs(c) == 2);
	/* Objects made in the context do not count as application references. */
	cl_command_queue q = clCreateCommandQueueWithProperties(c, dev, NULL, &err);
	CHECK_OK(err);
	CHECK(ctx_refs(c) == 2);
	CHECK_OK(clReleaseContext(c));
	CHECK_OK(clReleaseContext(c));
	/* The handle is dead once the application released it, even though the
	 * queue keeps the context alive. */
	CHECK_ERR(clGetContextInfo(c, CL_CONTEXT_REFERENCE_COUNT, sizeof n, &n, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clRetainContext(c), CL_INVALID_CONTEXT);
	cl_context qc = NULL;
	CHECK_OK(clGetCommandQueueInfo(q, CL_QUEUE_CONTEXT, sizeof qc, &qc, NULL));
	CHECK(qc == c);
	CHECK_OK(clReleaseCommandQueue(q));
}

static void CL_CALLBACK noop_destructor(cl_context c, void *user) { (void)c; (void)user; }

static void test_bad_handles(void) {
	cl_int err;
	cl_context dead = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
	CHECK_OK(clReleaseContext(dead));
	cl_context live = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
	cl_command_queue q = clCreateCommandQueueWithProperties(live, dev, NULL, &err);
	CHECK_OK(err);
	cl_context bad[] = {NULL, GARBAGE, dead, (cl_context)q, (cl_context)dev, (cl_context)plat};
	for (int i = 0; i < 6; i++) {
		cl_uint n;
		CHECK_ERR(clGetContextInfo(bad[i], CL_CONTEXT_REFERENCE_COUNT, sizeof n, &n, NULL), CL_INVALID_CONTEXT);
		CHECK_ERR(clRetainContext(bad[i]), CL_INVALID_CONTEXT);
		CHECK_ERR(clReleaseContext(bad[i]), CL_INVALID_CONTEXT);
		CHECK_ERR(clSetContextDestructorCallback(bad[i], noop_destructor, NULL), CL_INVALID_CONTEXT);
		/* Handles are checked before anything else. */
		CHECK_ERR(clSetContextDestructorCallback(bad[i], NULL, NULL), CL_INVALID_CONTEXT);
		cl_command_queue bq = clCreateCommandQueueWithProperties(bad[i], dev, NULL, &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		CHECK(bq == NULL);
		cl_mem bm = clCreateBuffer(bad[i], CL_MEM_READ_WRITE, 16, NULL, &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		CHECK(bm == NULL);
		cl_event be = clCreateUserEvent(bad[i], &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		CHECK(be == NULL);
	}
	CHECK_ERR(clSetContextDestructorCallback(live, NULL, NULL), CL_INVALID_VALUE);
	/* The failed calls did not touch the live context. */
	CHECK(ctx_refs(live) == 1);
	clReleaseCommandQueue(q);
	clReleaseContext(live);
}

/* Destructor callbacks record their order. */
static atomic_int dtor_calls;
static int dtor_order[16];
static cl_context dtor_ctx[16];
static void CL_CALLBACK record_destructor(cl_context c, void *user) {
	int i = atomic_fetch_add(&dtor_calls, 1);
	if (i < 16) {
		dtor_order[i] = (int)(intptr_t)user;
		dtor_ctx[i] = c;
	}
}

static void test_destructors(void) {
	cl_int err;
	/* Reverse order of registration, once, after the last release. */
	atomic_store(&dtor_calls, 0);
	cl_context c = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
	REQUIRE_OK(err);
	for (intptr_t i = 1; i <= 3; i++) CHECK_OK(clSetContextDestructorCallback(c, record_destructor, (void *)i));
	CHECK_OK(clRetainContext(c));
	CHECK_OK(clReleaseContext(c));
	CHECK(atomic_load(&dtor_calls) == 0);
	CHECK_OK(clReleaseContext(c));
	CHECK(wait_for(&dtor_calls, 3) == 3);
	CHECK(dtor_order[0] == 3 && dtor_order[1] == 2 && dtor_order[2] == 1);
	CHECK(dtor_ctx[0] == c && dtor_ctx[1] == c && dtor_ctx[2] == c);
	usleep(20000);
	CHECK(atomic_load(&dtor_calls) == 3);

	/* Not before the objects that hold the context are gone: a queue, a
	 * buffer, a sub-buffer, a user event, and a command's event. */
	atomic_store(&dtor_calls, 0);
	c = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
	REQUIRE_OK(err);
	CHECK_OK(clSetContextDestructorCallback(c, record_destructor, (void *)10));
	cl_command_queue q = clCreateCommandQueueWithProperties(c, dev, NULL, &err);
	CHECK_OK(err);
	cl_mem b = clCreateBuffer(c, CL_MEM_READ_WRITE, 4096, NULL, &err);
	CHECK_OK(err);
	cl_buffer_region r = {0, 1024};
	cl_mem sub = clCreateSubBuffer(b, 0, CL_BUFFER_CREATE_TYPE_REGION, &r, &err);
	CHECK_OK(err);
	cl_event u = clCreateUserEvent(c, &err);
	CHECK_OK(err);
	int data[16] = {1, 2, 3};
	cl_event w;
	CHECK_OK(clEnqueueWriteBuffer(q, b, CL_FALSE, 0, sizeof data, data, 1, &u, &w));
	CHECK_OK(clReleaseContext(c));
	CHECK_OK(clReleaseCommandQueue(q)); /* its write is still pending */
	CHECK_OK(clReleaseMemObject(b));
	usleep(10000);
	CHECK(atomic_load(&dtor_calls) == 0);
	CHECK_OK(clReleaseMemObject(sub));
	CHECK(atomic_load(&dtor_calls) == 0);
	CHECK_OK(clSetUserEventStatus(u, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &w));
	CHECK_OK(clReleaseEvent(u));
	usleep(10000);
	CHECK(atomic_load(&dtor_calls) == 0); /* w still holds its queue */
	CHECK_OK(clReleaseEvent(w));
	CHECK(wait_for(&dtor_calls, 1) == 1);
	CHECK(dtor_order[0] == 10 && dtor_ctx[0] == c);
	usleep(20000);
	CHECK(atomic_load(&dtor_calls) == 1);
}

/* Many threads: contexts of their own (created, queried, retained, used,
 * released, each with a destructor callback), and retain/release of one
 * shared context. */
#define THREADS 8
static cl_context shared_ctx;
static atomic_int thread_dtors;
static void CL_CALLBACK count_destructor(cl_context c, void *user) {
	(void)c;
	if (user == (void *)&thread_dtors) atomic_fetch_add(&thread_dtors, 1);
}

static void *worker(void *arg) {
	int id = (int)(intptr_t)arg;
	double end = check_now() + 1.0;
	intptr_t made = 0;
	while (check_now() < end) {
		cl_int err;
		cl_context c = (made & 1)
			? clCreateContextFromType(NULL, CL_DEVICE_TYPE_CPU, NULL, NULL, &err)
			: clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
		if (err != CL_SUCCESS || !c) return (void *)1;
		if (clSetContextDestructorCallback(c, count_destructor, &thread_dtors) != CL_SUCCESS) return (void *)2;
		cl_uint n = 0;
		if (clGetContextInfo(c, CL_CONTEXT_NUM_DEVICES, sizeof n, &n, NULL) != CL_SUCCESS || n != 1) return (void *)3;
		cl_command_queue q = clCreateCommandQueueWithProperties(c, dev, NULL, &err);
		if (err != CL_SUCCESS) return (void *)4;
		int v = id * 1000 + (int)made, back = -1;
		cl_mem b = clCreateBuffer(c, CL_MEM_COPY_HOST_PTR, sizeof v, &v, &err);
		if (err != CL_SUCCESS) return (void *)5;
		if (clEnqueueReadBuffer(q, b, CL_TRUE, 0, sizeof back, &back, 0, NULL, NULL) != CL_SUCCESS || back != v) return (void *)6;
		if (clRetainContext(c) != CL_SUCCESS || clReleaseContext(c) != CL_SUCCESS) return (void *)7;
		clReleaseMemObject(b);
		if (clReleaseContext(c) != CL_SUCCESS) return (void *)8;
		clReleaseCommandQueue(q);
		for (int i = 0; i < 10; i++) {
			if (clRetainContext(shared_ctx) != CL_SUCCESS) return (void *)9;
			if (clGetContextInfo(shared_ctx, CL_CONTEXT_REFERENCE_COUNT, sizeof n, &n, NULL) != CL_SUCCESS || n < 2) return (void *)10;
			if (clReleaseContext(shared_ctx) != CL_SUCCESS) return (void *)11;
		}
		made++;
	}
	return (void *)(-made); /* <= 0: the number of contexts made */
}

static void test_threads(void) {
	cl_int err;
	shared_ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
	REQUIRE_OK(err);
	atomic_store(&thread_dtors, 0);
	pthread_t th[THREADS];
	for (int i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
	int total = 0;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(th[i], &r);
		CHECK((intptr_t)r <= 0);
		if ((intptr_t)r > 0) fprintf(stderr, "thread %d failed at step %d\n", i, (int)(intptr_t)r);
		else total += (int)-(intptr_t)r;
	}
	CHECK(total > THREADS);
	CHECK(wait_for(&thread_dtors, total) == total);
	CHECK(ctx_refs(shared_ctx) == 1);
	CHECK_OK(clReleaseContext(shared_ctx));
	printf("threads: %d contexts made and destroyed\n", total);
}

int main(void) {
	test_env t = test_setup();
	plat = t.platform;
	dev = t.device;
	test_create();
	test_create_errors();
	test_from_type();
	test_info_and_refs();
	test_bad_handles();
	test_destructors();
	test_threads();
	test_teardown(&t);
	return check_done();
}
