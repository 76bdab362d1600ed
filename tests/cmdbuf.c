/* cl_khr_command_buffer and cl_khr_command_buffer_mutable_dispatch through
 * the loader: the extension claims and device queries, recording fills,
 * kernels, copies and barriers with sync points, replays checked each time,
 * kernel arguments captured at recording, runs behind events and behind a
 * pending run, every error case, reference counts and queries, and mutable
 * dispatch (arguments, scalar and buffer, global size, deferred arguments),
 * and recording and enqueuing from many threads at once. */
#include "check.h"
#include "cmdbuf.h"
#include <pthread.h>

#define N 64

static const char *src =
	"kernel void add(global int *a, int v) { a[get_global_id(0)] += v; }\n"
	"kernel void scale(global const int *s, global int *d, int k) {\n"
	"	size_t i = get_global_id(0); d[i] = s[i] * k; }\n"
	"kernel void atomic_inc(global int *a) { atomic_add(&a[get_global_id(0)], 1); }\n";

static cb_api cb;
static test_env t;

static void fill(cl_mem m, int v, size_t n) {
	REQUIRE_OK(clEnqueueFillBuffer(t.queue, m, &v, sizeof v, 0, n * sizeof v, 0, NULL, NULL));
	REQUIRE_OK(clFinish(t.queue));
}

/* all reports whether the first n ints of m are v. */
static int all(cl_mem m, int v, size_t n) {
	int *h = malloc(n * sizeof *h);
	REQUIRE_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, n * sizeof *h, h, 0, NULL, NULL));
	int good = 1;
	for (size_t i = 0; i < n; i++)
		if (h[i] != v) {
			fprintf(stderr, "element %zu is %d, want %d\n", i, h[i], v);
			good = 0;
			break;
		}
	free(h);
	return good;
}

static cl_kernel kernel(cl_program p, const char *name) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, name, &err);
	REQUIRE_OK(err);
	return k;
}

static cb_buffer create(cb_props flags) {
	cl_int err;
	cb_props props[] = {CB_FLAGS, flags, 0};
	cb_buffer b = cb.create(1, &t.queue, flags ? props : NULL, &err);
	REQUIRE_OK(err);
	return b;
}

static cl_uint state(cb_buffer b) {
	cl_uint s = 99;
	CHECK_OK(cb.info(b, CB_STATE, sizeof s, &s, NULL));
	return s;
}

static void test_claims(void) {
	char exts[8192] = "";
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_EXTENSIONS, sizeof exts, exts, NULL));
	CHECK(strstr(exts, "cl_khr_command_buffer ") != NULL || strstr(exts, "cl_khr_command_buffer") != NULL);
	CHECK(strstr(exts, "cl_khr_command_buffer_mutable_dispatch") != NULL);
	cl_name_version nv[64];
	size_t size = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_EXTENSIONS_WITH_VERSION, sizeof nv, nv, &size));
	int found = 0;
	for (size_t i = 0; i < size / sizeof nv[0]; i++) {
		if (strcmp(nv[i].name, "cl_khr_command_buffer") == 0) {
			CHECK(nv[i].version == CL_MAKE_VERSION(0, 9, 8));
			found++;
		}
		if (strcmp(nv[i].name, "cl_khr_command_buffer_mutable_dispatch") == 0) {
			CHECK(nv[i].version == CL_MAKE_VERSION(0, 9, 5));
			found++;
		}
	}
	CHECK(found == 2);
	cl_bitfield caps = 0, supported = 0, required = 99, mutable_caps = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CB_DEVICE_CAPABILITIES, sizeof caps, &caps, NULL));
	CHECK(caps == (CB_CAPABILITY_KERNEL_PRINTF | CB_CAPABILITY_SIMULTANEOUS_USE));
	CHECK_OK(clGetDeviceInfo(t.device, CB_DEVICE_SUPPORTED_QUEUE_PROPERTIES, sizeof supported, &supported, NULL));
	CHECK(supported == (CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE | CL_QUEUE_PROFILING_ENABLE));
	CHECK_OK(clGetDeviceInfo(t.device, CB_DEVICE_REQUIRED_QUEUE_PROPERTIES, sizeof required, &required, NULL));
	CHECK(required == 0);
	CHECK_OK(clGetDeviceInfo(t.device, CB_DEVICE_MUTABLE_DISPATCH_CAPABILITIES, sizeof mutable_caps, &mutable_caps, NULL));
	CHECK(mutable_caps == 0x1f);
	CHECK(clGetExtensionFunctionAddressForPlatform(t.platform, "clCommandNoSuchThingKHR") == NULL);
	CHECK(clGetExtensionFunctionAddressForPlatform(t.platform, "clCreateCommandBufferKHR") == (void *)cb.create);
}

/* fill + kernel + copy + barrier + kernel with sync points, replayed three
 * times; clSetKernelArg after recording changes nothing. */
static void test_replay(cl_program p) {
	cl_mem a = check_buffer(&t, N * 4, NULL), b = check_buffer(&t, N * 4, NULL), c = check_buffer(&t, N * 4, NULL);
	cl_kernel add = kernel(p, "add"), scale = kernel(p, "scale");
	int five = 5, three = 3, one = 1;
	REQUIRE_OK(clSetKernelArg(add, 0, sizeof a, &a));
	REQUIRE_OK(clSetKernelArg(add, 1, sizeof five, &five));
	REQUIRE_OK(clSetKernelArg(scale, 0, sizeof b, &b));
	REQUIRE_OK(clSetKernelArg(scale, 1, sizeof c, &c));
	REQUIRE_OK(clSetKernelArg(scale, 2, sizeof three, &three));
	cb_buffer buf = create(0);
	CHECK(state(buf) == CB_STATE_RECORDING);
	size_t n = N;
	cb_sync_point s[5] = {0};
	CHECK_OK(cb.fill(buf, NULL, NULL, a, &one, sizeof one, 0, N * 4, 0, NULL, &s[0], NULL));
	CHECK_OK(cb.ndrange(buf, NULL, NULL, add, 1, NULL, &n, NULL, 1, &s[0], &s[1], NULL));
	CHECK_OK(cb.copy(buf, NULL, NULL, a, b, 0, 0, N * 4, 1, &s[1], &s[2], NULL));
	CHECK_OK(cb.barrier(buf, NULL, NULL, 0, NULL, &s[3], NULL));
	cb_sync_point both[2] = {s[2], s[3]};
	CHECK_OK(cb.ndrange(buf, NULL, NULL, scale, 1, NULL, &n, NULL, 2, both, &s[4], NULL));
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < i; j++)
			CHECK(s[i] != s[j]);
	/* The recorded commands keep the arguments of the moment of recording. */
	int hundred = 100;
	REQUIRE_OK(clSetKernelArg(add, 1, sizeof hundred, &hundred));
	REQUIRE_OK(clSetKernelArg(scale, 1, sizeof a, &a));
	CHECK_OK(cb.finalize(buf));
	CHECK(state(buf) == CB_STATE_EXECUTABLE);
	for (int round = 0; round < 3; round++) {
		fill(a, -1, N), fill(b, -2, N), fill(c, -3, N);
		CHECK_OK(cb.enqueue(0, NULL, buf, 0, NULL, NULL));
		CHECK_OK(clFinish(t.queue));
		CHECK(all(a, 6, N));
		CHECK(all(b, 6, N));
		CHECK(all(c, 18, N));
	}
	CHECK_OK(cb.release(buf));
	clReleaseKernel(add), clReleaseKernel(scale);
	clReleaseMemObject(a), clReleaseMemObject(b), clReleaseMemObject(c);
}

/* Runs behind a user event, returned events, a run enqueued while another
 * is pending (serialized without simultaneous use, on an out-of-order queue
 * too), simultaneous use, and a buffer released while it runs. */
static void test_events(cl_program p) {
	cl_int err;
	cl_mem a = check_buffer(&t, N * 4, NULL);
	cl_kernel add = kernel(p, "add"), inc = kernel(p, "atomic_inc");
	int one = 1;
	REQUIRE_OK(clSetKernelArg(add, 0, sizeof a, &a));
	REQUIRE_OK(clSetKernelArg(add, 1, sizeof one, &one));
	REQUIRE_OK(clSetKernelArg(inc, 0, sizeof a, &a));
	size_t n = N;
	cb_buffer buf = create(0);
	CHECK_OK(cb.ndrange(buf, NULL, NULL, add, 1, NULL, &n, NULL, 0, NULL, NULL, NULL));
	CHECK_OK(cb.finalize(buf));

	fill(a, 0, N);
	cl_event gate = clCreateUserEvent(t.context, &err);
	REQUIRE_OK(err);
	cl_command_queue ooo = clCreateCommandQueueWithProperties(t.context, t.device,
		(cl_queue_properties[]){CL_QUEUE_PROPERTIES, CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, 0}, &err);
	REQUIRE_OK(err);
	cl_event first = NULL, second = NULL;
	CHECK_OK(cb.enqueue(1, &ooo, buf, 1, &gate, &first));
	/* The buffer is pending: without simultaneous use the next run waits
	 * for it, even on an out-of-order queue with no wait list. */
	CHECK_OK(cb.enqueue(1, &ooo, buf, 0, NULL, &second));
	cl_int s1 = 0, s2 = 0;
	CHECK_OK(clGetEventInfo(first, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof s1, &s1, NULL));
	CHECK_OK(clGetEventInfo(second, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof s2, &s2, NULL));
	CHECK(s1 > CL_COMPLETE && s2 > CL_COMPLETE);
	cl_command_type type = 0;
	CHECK_OK(clGetEventInfo(first, CL_EVENT_COMMAND_TYPE, sizeof type, &type, NULL));
	CHECK(type == CB_COMMAND_COMMAND_BUFFER);
	cl_command_queue eq = NULL;
	CHECK_OK(clGetEventInfo(first, CL_EVENT_COMMAND_QUEUE, sizeof eq, &eq, NULL));
	CHECK(eq == ooo);
	/* Released while pending: the runs keep it. */
	CHECK_OK(cb.release(buf));
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &second));
	CHECK(check_timed_status(first, 30) == CL_COMPLETE);
	CHECK(all(a, 2, N));
	clReleaseEvent(first), clReleaseEvent(second), clReleaseEvent(gate);

	/* A failed wait list fails the run, which then does nothing. */
	buf = create(0);
	CHECK_OK(cb.ndrange(buf, NULL, NULL, add, 1, NULL, &n, NULL, 0, NULL, NULL, NULL));
	CHECK_OK(cb.finalize(buf));
	gate = clCreateUserEvent(t.context, &err);
	CHECK_OK(cb.enqueue(0, NULL, buf, 1, &gate, &first));
	CHECK_OK(clSetUserEventStatus(gate, -42));
	CHECK(check_timed_status(first, 30) < 0);
	CHECK(all(a, 2, N));
	clReleaseEvent(first), clReleaseEvent(gate);
	/* The next run does not inherit the failure. */
	CHECK_OK(cb.enqueue(0, NULL, buf, 0, NULL, &first));
	CHECK_OK(clWaitForEvents(1, &first));
	CHECK(all(a, 3, N));
	clReleaseEvent(first);
	CHECK_OK(cb.release(buf));

	/* Simultaneous use: runs may overlap; atomics keep the sum exact. */
	buf = create(CB_SIMULTANEOUS_USE);
	CHECK_OK(cb.ndrange(buf, NULL, NULL, inc, 1, NULL, &n, NULL, 0, NULL, NULL, NULL));
	CHECK_OK(cb.finalize(buf));
	fill(a, 0, N);
	for (int i = 0; i < 4; i++)
		CHECK_OK(cb.enqueue(1, &ooo, buf, 0, NULL, NULL));
	CHECK_OK(clFinish(ooo));
	CHECK(all(a, 4, N));
	CHECK_OK(cb.release(buf));

	clReleaseCommandQueue(ooo);
	clReleaseKernel(add), clReleaseKernel(inc);
	clReleaseMemObject(a);
}

static void test_errors(cl_program p) {
	cl_int err;
	cl_mem a = check_buffer(&t, N * 4, NULL), b = check_buffer(&t, N * 4, NULL);
	cl_kernel add = kernel(p, "add");
	size_t n = N;
	int one = 1;

	/* Creation. */
	CHECK(cb.create(1, NULL, NULL, &err) == NULL);
	CHECK(err == CL_INVALID_VALUE);
	CHECK(cb.create(0, &t.queue, NULL, &err) == NULL);
	CHECK(err == CL_INVALID_VALUE);
	cl_command_queue two[2] = {t.queue, t.queue};
	CHECK(cb.create(2, two, NULL, &err) == NULL);
	CHECK(err == CL_INVALID_VALUE);
	cl_command_queue bad[3] = {NULL, GARBAGE, (cl_command_queue)t.context};
	for (int i = 0; i < 3; i++) {
		CHECK(cb.create(1, &bad[i], NULL, &err) == NULL);
		CHECK(err == CL_INVALID_COMMAND_QUEUE);
	}
	cb_props unknown[] = {0x4242, 1, 0}, badflags[] = {CB_FLAGS, 1 << 7, 0}, twice[] = {CB_FLAGS, 0, CB_FLAGS, 0, 0};
	CHECK(cb.create(1, &t.queue, unknown, &err) == NULL);
	CHECK(err == CL_INVALID_VALUE);
	CHECK(cb.create(1, &t.queue, badflags, &err) == NULL);
	CHECK(err == CL_INVALID_VALUE);
	CHECK(cb.create(1, &t.queue, twice, &err) == NULL);
	CHECK(err == CL_INVALID_VALUE);

	/* Invalid command-buffers: NULL, garbage, another kind, released. */
	cb_buffer gone = create(0);
	CHECK_OK(cb.release(gone));
	cb_buffer invalid[4] = {NULL, GARBAGE, (cb_buffer)t.queue, gone};
	for (int i = 0; i < 4; i++) {
		cb_buffer x = invalid[i];
		cl_uint v;
		CHECK_ERR(cb.retain(x), CB_INVALID_COMMAND_BUFFER);
		CHECK_ERR(cb.release(x), CB_INVALID_COMMAND_BUFFER);
		CHECK_ERR(cb.finalize(x), CB_INVALID_COMMAND_BUFFER);
		CHECK_ERR(cb.info(x, CB_STATE, sizeof v, &v, NULL), CB_INVALID_COMMAND_BUFFER);
		CHECK_ERR(cb.enqueue(0, NULL, x, 0, NULL, NULL), CB_INVALID_COMMAND_BUFFER);
		CHECK_ERR(cb.copy(x, NULL, NULL, a, b, 0, 0, 4, 0, NULL, NULL, NULL), CB_INVALID_COMMAND_BUFFER);
		CHECK_ERR(cb.ndrange(x, NULL, NULL, add, 1, NULL, &n, NULL, 0, NULL, NULL, NULL), CB_INVALID_COMMAND_BUFFER);
		CHECK_ERR(cb.barrier(x, NULL, NULL, 0, NULL, NULL, NULL), CB_INVALID_COMMAND_BUFFER);
		CHECK_ERR(cb.update(x, 0, NULL, NULL), CB_INVALID_COMMAND_BUFFER);
	}
	cl_uint v;
	CHECK_ERR(cb.mutable_info(NULL, CB_MUTABLE_DISPATCH_DIMENSIONS, sizeof v, &v, NULL), CB_INVALID_MUTABLE_COMMAND);
	CHECK_ERR(cb.mutable_info(GARBAGE, CB_MUTABLE_DISPATCH_DIMENSIONS, sizeof v, &v, NULL), CB_INVALID_MUTABLE_COMMAND);

	/* Recording. */
	cb_buffer buf = create(0);
	CHECK_ERR(cb.enqueue(0, NULL, buf, 0, NULL, NULL), CL_INVALID_OPERATION); /* not finalized */
	CHECK_ERR(cb.copy(buf, t.queue, NULL, a, b, 0, 0, 4, 0, NULL, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(cb.barrier(buf, t.queue, NULL, 0, NULL, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	cb_sync_point sp = 0, missing = 99;
	CHECK_OK(cb.copy(buf, NULL, NULL, a, b, 0, 0, 4, 0, NULL, &sp, NULL));
	CHECK_ERR(cb.copy(buf, NULL, NULL, a, b, 0, 0, 4, 1, &missing, NULL, NULL), CB_INVALID_SYNC_POINT_WAIT_LIST);
	CHECK_ERR(cb.copy(buf, NULL, NULL, a, b, 0, 0, 4, 1, NULL, NULL, NULL), CB_INVALID_SYNC_POINT_WAIT_LIST);
	CHECK_ERR(cb.copy(buf, NULL, NULL, a, b, 0, 0, 4, 0, &sp, NULL, NULL), CB_INVALID_SYNC_POINT_WAIT_LIST);
	CHECK_ERR(cb.barrier(buf, NULL, NULL, 1, &missing, NULL, NULL), CB_INVALID_SYNC_POINT_WAIT_LIST);
	cb_mutable handle = NULL;
	CHECK_ERR(cb.copy(buf, NULL, NULL, a, b, 0, 0, 4, 0, NULL, NULL, &handle), CL_INVALID_VALUE);
	cb_props some[] = {0x4242, 1, 0};
	CHECK_ERR(cb.copy(buf, NULL, some, a, b, 0, 0, 4, 0, NULL, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(cb.ndrange(buf, NULL, some, add, 1, NULL, &n, NULL, 0, NULL, NULL, NULL), CL_INVALID_VALUE);
	/* The errors of the enqueue functions. */
	CHECK_ERR(cb.copy(buf, NULL, NULL, a, b, 0, 0, N * 4 + 4, 0, NULL, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(cb.copy(buf, NULL, NULL, GARBAGE, b, 0, 0, 4, 0, NULL, NULL, NULL), CL_INVALID_MEM_OBJECT);
	CHECK_ERR(cb.copy(buf, NULL, NULL, a, a, 0, 2, 4, 0, NULL, NULL, NULL), CL_MEM_COPY_OVERLAP);
	CHECK_ERR(cb.fill(buf, NULL, NULL, a, &one, 3, 0, 12, 0, NULL, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(cb.ndrange(buf, NULL, NULL, add, 1, NULL, &n, NULL, 0, NULL, NULL, NULL), CL_INVALID_KERNEL_ARGS);
	REQUIRE_OK(clSetKernelArg(add, 0, sizeof a, &a));
	REQUIRE_OK(clSetKernelArg(add, 1, sizeof one, &one));
	CHECK_ERR(cb.ndrange(buf, NULL, NULL, add, 4, NULL, &n, NULL, 0, NULL, NULL, NULL), CL_INVALID_WORK_DIMENSION);
	CHECK_ERR(cb.ndrange(buf, NULL, NULL, GARBAGE, 1, NULL, &n, NULL, 0, NULL, NULL, NULL), CL_INVALID_KERNEL);
	CHECK_ERR(cb.svm_memcpy(buf, NULL, NULL, NULL, a, 4, 0, NULL, NULL, NULL), CL_INVALID_VALUE);
	/* A kernel of another context. */
	cl_context other = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	REQUIRE_OK(err);
	cl_program op = clCreateProgramWithSource(other, 1, &src, NULL, &err);
	REQUIRE_OK(clBuildProgram(op, 1, &t.device, NULL, NULL, NULL));
	cl_kernel oadd = kernel(op, "add");
	cl_mem ob = clCreateBuffer(other, CL_MEM_READ_WRITE, N * 4, NULL, &err);
	REQUIRE_OK(clSetKernelArg(oadd, 0, sizeof ob, &ob));
	REQUIRE_OK(clSetKernelArg(oadd, 1, sizeof one, &one));
	CHECK_ERR(cb.ndrange(buf, NULL, NULL, oadd, 1, NULL, &n, NULL, 0, NULL, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(cb.copy(buf, NULL, NULL, a, ob, 0, 0, 4, 0, NULL, NULL, NULL), CL_INVALID_CONTEXT);

	CHECK_OK(cb.finalize(buf));
	CHECK_ERR(cb.finalize(buf), CL_INVALID_OPERATION);
	/* Recording after finalization. */
	CHECK_ERR(cb.copy(buf, NULL, NULL, a, b, 0, 0, 4, 0, NULL, NULL, NULL), CL_INVALID_OPERATION);
	CHECK_ERR(cb.fill(buf, NULL, NULL, a, &one, 4, 0, 4, 0, NULL, NULL, NULL), CL_INVALID_OPERATION);
	CHECK_ERR(cb.ndrange(buf, NULL, NULL, add, 1, NULL, &n, NULL, 0, NULL, NULL, NULL), CL_INVALID_OPERATION);
	CHECK_ERR(cb.barrier(buf, NULL, NULL, 0, NULL, NULL, NULL), CL_INVALID_OPERATION);

	/* Enqueue. */
	cl_command_queue oq = clCreateCommandQueueWithProperties(other, t.device, NULL, &err);
	REQUIRE_OK(err);
	CHECK_ERR(cb.enqueue(1, NULL, buf, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(cb.enqueue(0, &t.queue, buf, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(cb.enqueue(2, two, buf, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(cb.enqueue(1, &bad[1], buf, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(cb.enqueue(1, &oq, buf, 0, NULL, NULL), CL_INVALID_CONTEXT);
	cl_event foreign = clCreateUserEvent(other, &err);
	CHECK_ERR(cb.enqueue(0, NULL, buf, 1, &foreign, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(cb.enqueue(0, NULL, buf, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	cl_event garbage_ev = GARBAGE;
	CHECK_ERR(cb.enqueue(0, NULL, buf, 1, &garbage_ev, NULL), CL_INVALID_EVENT_WAIT_LIST);
	/* A queue of another device (a sub-device) cannot stand in for the
	 * buffer's. */
	cl_device_id subs[1];
	cl_uint nsub = 0;
	cl_device_partition_property one_cu[] = {CL_DEVICE_PARTITION_BY_COUNTS, 1, CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, 0};
	if (clCreateSubDevices(t.device, one_cu, 1, subs, &nsub) == CL_SUCCESS && nsub == 1) {
		cl_device_id both[2] = {t.device, subs[0]};
		cl_context pair = clCreateContext(NULL, 2, both, NULL, NULL, &err);
		REQUIRE_OK(err);
		cl_command_queue rootq = clCreateCommandQueueWithProperties(pair, t.device, NULL, &err);
		REQUIRE_OK(err);
		cl_command_queue subq = clCreateCommandQueueWithProperties(pair, subs[0], NULL, &err);
		REQUIRE_OK(err);
		cb_buffer rb = cb.create(1, &rootq, NULL, &err);
		REQUIRE_OK(err);
		CHECK_OK(cb.finalize(rb));
		CHECK_ERR(cb.enqueue(1, &subq, rb, 0, NULL, NULL), CL_INVALID_DEVICE);
		CHECK_OK(cb.enqueue(1, &rootq, rb, 0, NULL, NULL)); /* empty: does nothing */
		CHECK_OK(clFinish(rootq));
		CHECK_OK(cb.release(rb));
		clReleaseCommandQueue(rootq), clReleaseCommandQueue(subq), clReleaseContext(pair);
		clReleaseDevice(subs[0]);
	}
	/* Updates need a mutable buffer. */
	cl_uint type = CB_STRUCTURE_TYPE_MUTABLE_DISPATCH_CONFIG;
	cb_dispatch_config cfg = {0};
	const void *cfgs[] = {&cfg};
	CHECK_ERR(cb.update(buf, 1, &type, cfgs), CL_INVALID_OPERATION);

	/* Queries. */
	cl_uint refs = 0, nq = 0;
	CHECK_OK(cb.info(buf, CB_REFERENCE_COUNT, sizeof refs, &refs, NULL));
	CHECK(refs == 1);
	CHECK_OK(cb.retain(buf));
	CHECK_OK(cb.info(buf, CB_REFERENCE_COUNT, sizeof refs, &refs, NULL));
	CHECK(refs == 2);
	CHECK_OK(cb.release(buf));
	CHECK_OK(cb.info(buf, CB_NUM_QUEUES, sizeof nq, &nq, NULL));
	CHECK(nq == 1);
	cl_command_queue q = NULL;
	CHECK_OK(cb.info(buf, CB_QUEUES, sizeof q, &q, NULL));
	CHECK(q == t.queue);
	cl_context ctx = NULL;
	CHECK_OK(cb.info(buf, CB_CONTEXT, sizeof ctx, &ctx, NULL));
	CHECK(ctx == t.context);
	size_t size = 99;
	CHECK_OK(cb.info(buf, CB_PROPERTIES_ARRAY, 0, NULL, &size));
	CHECK(size == 0);
	CHECK_ERR(cb.info(buf, CB_STATE, 1, &v, NULL), CL_INVALID_VALUE);
	CHECK_ERR(cb.info(buf, 0x4242, sizeof v, &v, NULL), CL_INVALID_VALUE);
	cl_uint qrefs = 0;
	CHECK_OK(clGetCommandQueueInfo(t.queue, CL_QUEUE_REFERENCE_COUNT, sizeof qrefs, &qrefs, NULL));
	CHECK(qrefs == 2); /* the buffer retains its queue */
	CHECK_OK(cb.release(buf));
	CHECK_OK(clGetCommandQueueInfo(t.queue, CL_QUEUE_REFERENCE_COUNT, sizeof qrefs, &qrefs, NULL));
	CHECK(qrefs == 1);
	cb_props flags[] = {CB_FLAGS, CB_SIMULTANEOUS_USE, 0}, got[3] = {0};
	buf = cb.create(1, &t.queue, flags, &err);
	CHECK_OK(err);
	CHECK_OK(cb.info(buf, CB_PROPERTIES_ARRAY, sizeof got, got, &size));
	CHECK(size == sizeof flags && got[0] == CB_FLAGS && got[1] == CB_SIMULTANEOUS_USE && got[2] == 0);
	CHECK_OK(cb.release(buf));

	clReleaseEvent(foreign);
	clReleaseCommandQueue(oq);
	clReleaseKernel(oadd), clReleaseProgram(op), clReleaseMemObject(ob), clReleaseContext(other);
	clReleaseKernel(add);
	clReleaseMemObject(a), clReleaseMemObject(b);
}

/* Mutable dispatch: a buffer argument, a scalar argument and the global
 * size changed between runs; deferred arguments; atomic updates. */
static void test_mutable(cl_program p) {
	cl_int err;
	cl_mem s = check_buffer(&t, 2 * N * 4, NULL), d1 = check_buffer(&t, 2 * N * 4, NULL), d2 = check_buffer(&t, 2 * N * 4, NULL);
	cl_kernel scale = kernel(p, "scale");
	int two = 2;
	REQUIRE_OK(clSetKernelArg(scale, 0, sizeof s, &s));
	REQUIRE_OK(clSetKernelArg(scale, 1, sizeof d1, &d1));
	REQUIRE_OK(clSetKernelArg(scale, 2, sizeof two, &two));
	cb_buffer buf = create(CB_MUTABLE);
	size_t n = N;
	cb_mutable cmd = NULL;
	CHECK_OK(cb.ndrange(buf, NULL, NULL, scale, 1, NULL, &n, NULL, 0, NULL, NULL, &cmd));
	CHECK(cmd != NULL);
	CHECK_OK(cb.finalize(buf));
	fill(s, 5, 2 * N), fill(d1, 0, 2 * N), fill(d2, 0, 2 * N);
	CHECK_OK(cb.enqueue(0, NULL, buf, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	CHECK(all(d1, 10, N));

	/* The destination, the factor and the size change. */
	int seven = 7;
	size_t n2 = 2 * N;
	cb_dispatch_arg args[] = {{1, sizeof d2, &d2}, {2, sizeof seven, &seven}};
	cb_dispatch_config cfg = {cmd, 2, 0, 0, 1, args, NULL, NULL, NULL, &n2, NULL};
	cl_uint type = CB_STRUCTURE_TYPE_MUTABLE_DISPATCH_CONFIG;
	const void *cfgs[] = {&cfg};
	CHECK_OK(cb.update(buf, 1, &type, cfgs));
	fill(d1, 0, 2 * N);
	CHECK_OK(cb.enqueue(0, NULL, buf, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	CHECK(all(d2, 35, 2 * N));
	CHECK(all(d1, 0, 2 * N));

	/* Queries. */
	size_t gs[3] = {0}, size = 0;
	CHECK_OK(cb.mutable_info(cmd, CB_MUTABLE_DISPATCH_GLOBAL_WORK_SIZE, sizeof gs, gs, &size));
	CHECK(size == sizeof(size_t) && gs[0] == 2 * N);
	cl_uint dims = 0;
	CHECK_OK(cb.mutable_info(cmd, CB_MUTABLE_DISPATCH_DIMENSIONS, sizeof dims, &dims, NULL));
	CHECK(dims == 1);
	cl_kernel k = NULL;
	CHECK_OK(cb.mutable_info(cmd, CB_MUTABLE_DISPATCH_KERNEL, sizeof k, &k, NULL));
	CHECK(k == scale);
	cb_buffer owner = NULL;
	CHECK_OK(cb.mutable_info(cmd, CB_MUTABLE_COMMAND_COMMAND_BUFFER, sizeof owner, &owner, NULL));
	CHECK(owner == buf);
	cl_command_queue q = NULL;
	CHECK_OK(cb.mutable_info(cmd, CB_MUTABLE_COMMAND_COMMAND_QUEUE, sizeof q, &q, NULL));
	CHECK(q == t.queue);
	cl_command_type ct = 0;
	CHECK_OK(cb.mutable_info(cmd, CB_MUTABLE_COMMAND_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_NDRANGE_KERNEL);
	CHECK_OK(cb.mutable_info(cmd, CB_MUTABLE_COMMAND_PROPERTIES_ARRAY, 0, NULL, &size));
	CHECK(size == 0);

	/* An update that fails changes nothing, not even its valid part. */
	int nine = 9;
	cb_dispatch_arg good[] = {{2, sizeof nine, &nine}}, badidx[] = {{7, sizeof nine, &nine}};
	cb_dispatch_config c1 = {cmd, 1, 0, 0, 0, good, NULL, NULL, NULL, NULL, NULL};
	cb_dispatch_config c2 = {cmd, 1, 0, 0, 0, badidx, NULL, NULL, NULL, NULL, NULL};
	const void *pair[] = {&c1, &c2};
	cl_uint types[] = {type, type};
	CHECK_ERR(cb.update(buf, 2, types, pair), CL_INVALID_ARG_INDEX);
	cb_dispatch_config wrongdim = {cmd, 0, 0, 0, 2, NULL, NULL, NULL, NULL, NULL, NULL};
	cfgs[0] = &wrongdim;
	CHECK_ERR(cb.update(buf, 1, &type, cfgs), CL_INVALID_OPERATION);
	cb_dispatch_config nullcmd = {NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL};
	cfgs[0] = &nullcmd;
	CHECK_ERR(cb.update(buf, 1, &type, cfgs), CB_INVALID_MUTABLE_COMMAND);
	cb_dispatch_config listless = {cmd, 1, 0, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL};
	cfgs[0] = &listless;
	CHECK_ERR(cb.update(buf, 1, &type, cfgs), CL_INVALID_VALUE);
	cl_uint badtype = 42;
	cfgs[0] = &c1;
	CHECK_ERR(cb.update(buf, 1, &badtype, cfgs), CL_INVALID_VALUE);
	CHECK_ERR(cb.update(buf, 1, NULL, cfgs), CL_INVALID_VALUE);
	const void *nullcfg[] = {NULL};
	CHECK_ERR(cb.update(buf, 1, &type, nullcfg), CL_INVALID_VALUE);
	fill(d2, 0, 2 * N);
	CHECK_OK(cb.enqueue(0, NULL, buf, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	CHECK(all(d2, 35, 2 * N));
	CHECK_OK(cb.release(buf));

	/* Fields not declared updatable cannot change; arguments may be left
	 * unset until an update (the buffer is Finalized, not Executable). */
	buf = create(CB_MUTABLE);
	cb_props only_args[] = {CB_MUTABLE_DISPATCH_UPDATABLE_FIELDS, CB_MUTABLE_ARGUMENTS, 0};
	cl_kernel fresh = kernel(p, "scale");
	cmd = NULL;
	CHECK_OK(cb.ndrange(buf, NULL, only_args, fresh, 1, NULL, &n, NULL, 0, NULL, NULL, &cmd));
	CHECK_OK(cb.finalize(buf));
	CHECK(state(buf) == CB_STATE_FINALIZED);
	CHECK_ERR(cb.enqueue(0, NULL, buf, 0, NULL, NULL), CL_INVALID_OPERATION);
	cfg = (cb_dispatch_config){cmd, 0, 0, 0, 1, NULL, NULL, NULL, NULL, &n2, NULL};
	cfgs[0] = &cfg;
	CHECK_ERR(cb.update(buf, 1, &type, cfgs), CL_INVALID_OPERATION);
	cb_dispatch_arg all3[] = {{0, sizeof s, &s}, {1, sizeof d1, &d1}, {2, sizeof two, &two}};
	cfg = (cb_dispatch_config){cmd, 3, 0, 0, 0, all3, NULL, NULL, NULL, NULL, NULL};
	CHECK_OK(cb.update(buf, 1, &type, cfgs));
	CHECK(state(buf) == CB_STATE_EXECUTABLE);
	CHECK_OK(cb.mutable_info(cmd, CB_MUTABLE_COMMAND_PROPERTIES_ARRAY, 0, NULL, &size));
	CHECK(size == sizeof only_args);
	fill(d1, 0, 2 * N);
	CHECK_OK(cb.enqueue(0, NULL, buf, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	CHECK(all(d1, 10, N));
	/* A handle of another buffer is not this buffer's command. */
	cb_buffer other = create(CB_MUTABLE);
	CHECK_OK(cb.finalize(other));
	CHECK_ERR(cb.update(other, 1, &type, cfgs), CB_INVALID_MUTABLE_COMMAND);
	CHECK_OK(cb.release(other));
	CHECK_OK(cb.release(buf));
	/* The handle dies with its buffer. */
	CHECK_ERR(cb.mutable_info(cmd, CB_MUTABLE_DISPATCH_DIMENSIONS, sizeof dims, &dims, NULL), CB_INVALID_MUTABLE_COMMAND);
	(void)err;
	clReleaseKernel(scale), clReleaseKernel(fresh);
	clReleaseMemObject(s), clReleaseMemObject(d1), clReleaseMemObject(d2);
}

/* An SVM copy recorded and replayed. */
static void test_svm(void) {
	int *x = clSVMAlloc(t.context, CL_MEM_READ_WRITE, N * 4, 0), *y = clSVMAlloc(t.context, CL_MEM_READ_WRITE, N * 4, 0);
	REQUIRE_OK(x && y ? CL_SUCCESS : CL_OUT_OF_HOST_MEMORY);
	cb_buffer buf = create(0);
	CHECK_OK(cb.svm_memcpy(buf, NULL, NULL, y, x, N * 4, 0, NULL, NULL, NULL));
	CHECK_OK(cb.finalize(buf));
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < N; i++)
			x[i] = i * (round + 1), y[i] = -1;
		CHECK_OK(cb.enqueue(0, NULL, buf, 0, NULL, NULL));
		CHECK_OK(clFinish(t.queue));
		int good = 1;
		for (int i = 0; i < N; i++)
			good &= y[i] == i * (round + 1);
		CHECK(good);
	}
	CHECK_OK(cb.release(buf));
	clSVMFree(t.context, x), clSVMFree(t.context, y);
}

/* Many threads at once: recording into one buffer, then enqueuing one
 * buffer (simultaneous use) on queues of their own. */
#define THREADS 4
#define PER_THREAD 16
static cb_buffer shared;
static cl_mem shared_mem;
static cl_kernel shared_inc;

static void *record_fills(void *arg) {
	int id = (int)(intptr_t)arg;
	for (int i = 0; i < PER_THREAD; i++) {
		int v = id * 1000 + i, slot = id * PER_THREAD + i;
		CHECK_OK(cb.fill(shared, NULL, NULL, shared_mem, &v, sizeof v, slot * sizeof v, sizeof v, 0, NULL, NULL, NULL));
	}
	return NULL;
}

static void *enqueue_runs(void *arg) {
	(void)arg;
	cl_int err;
	cl_command_queue q = clCreateCommandQueueWithProperties(t.context, t.device, NULL, &err);
	CHECK_OK(err);
	for (int i = 0; i < PER_THREAD; i++)
		CHECK_OK(cb.enqueue(1, &q, shared, 0, NULL, NULL));
	CHECK_OK(clFinish(q));
	clReleaseCommandQueue(q);
	return NULL;
}

static void test_threads(cl_program p) {
	pthread_t th[THREADS];
	shared_mem = check_buffer(&t, THREADS * PER_THREAD * 4, NULL);
	fill(shared_mem, -1, THREADS * PER_THREAD);
	shared = create(0);
	for (int i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, record_fills, (void *)(intptr_t)i);
	for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
	CHECK_OK(cb.finalize(shared));
	CHECK_OK(cb.enqueue(0, NULL, shared, 0, NULL, NULL));
	int h[THREADS * PER_THREAD];
	REQUIRE_OK(clEnqueueReadBuffer(t.queue, shared_mem, CL_TRUE, 0, sizeof h, h, 0, NULL, NULL));
	int good = 1;
	for (int id = 0; id < THREADS; id++)
		for (int i = 0; i < PER_THREAD; i++) good &= h[id * PER_THREAD + i] == id * 1000 + i;
	CHECK(good);
	CHECK_OK(cb.release(shared));

	shared_inc = kernel(p, "atomic_inc");
	REQUIRE_OK(clSetKernelArg(shared_inc, 0, sizeof shared_mem, &shared_mem));
	size_t n = THREADS * PER_THREAD;
	shared = create(CB_SIMULTANEOUS_USE);
	CHECK_OK(cb.ndrange(shared, NULL, NULL, shared_inc, 1, NULL, &n, NULL, 0, NULL, NULL, NULL));
	CHECK_OK(cb.finalize(shared));
	fill(shared_mem, 0, n);
	for (int i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, enqueue_runs, NULL);
	for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
	CHECK(all(shared_mem, THREADS * PER_THREAD, n));
	CHECK_OK(cb.release(shared));
	clReleaseKernel(shared_inc);
	clReleaseMemObject(shared_mem);
}

int main(void) {
	t = test_setup();
	if (!cb_load(t.platform, &cb)) {
		fprintf(stderr, "FATAL: the command-buffer functions are not offered\n");
		return 2;
	}
	cl_program p = check_build(&t, src, "-cl-std=CL1.2");
	test_claims();
	test_replay(p);
	test_events(p);
	test_errors(p);
	test_mutable(p);
	test_svm();
	test_threads(p);
	clReleaseProgram(p);
	test_teardown(&t);
	return check_done();
}
