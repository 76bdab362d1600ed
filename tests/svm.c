/* Shared virtual memory through the real loader: clSVMAlloc/clSVMFree with
 * every flag combination and their failures, memcpy and fill with checked
 * contents (blocking, events, wait lists, user events, failure propagation),
 * map and unmap for every flag and every error code of clEnqueueSVMMap
 * (shared/spec/) that can be provoked, SVM free with and without a callback,
 * migration, and several threads sharing a context and a queue. */
#include "check.h"
#include <pthread.h>
#include <unistd.h>

static test_env t;
static cl_ulong max_alloc;

static cl_event user_event(cl_context ctx) {
	cl_int err;
	cl_event e = clCreateUserEvent(ctx, &err);
	REQUIRE_OK(err);
	return e;
}

static cl_int event_status(cl_event e) {
	cl_int s = 12345;
	CHECK_OK(clGetEventInfo(e, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof s, &s, NULL));
	return s;
}

static cl_command_type event_type(cl_event e) {
	cl_command_type ty = 0;
	CHECK_OK(clGetEventInfo(e, CL_EVENT_COMMAND_TYPE, sizeof ty, &ty, NULL));
	return ty;
}

/* Waits for e, checks its type and status, and releases it. */
static void finish_event(cl_event e, cl_command_type type, cl_int want) {
	CHECK_ERR(clWaitForEvents(1, &e), want == CL_COMPLETE ? CL_SUCCESS : CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK(event_type(e) == type);
	if (want == CL_COMPLETE)
		CHECK_ERR(event_status(e), CL_COMPLETE);
	else
		CHECK(event_status(e) < 0);
	CHECK_OK(clReleaseEvent(e));
}

static void *svm_alloc(cl_svm_mem_flags flags, size_t size) {
	void *p = clSVMAlloc(t.context, flags, size, 0);
	if (!p) {
		fprintf(stderr, "FATAL: clSVMAlloc(flags 0x%llx, %zu) returned NULL\n", (unsigned long long)flags, size);
		exit(2);
	}
	return p;
}

static int all_bytes(const void *p, int v, size_t n) {
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i] != (unsigned char)v) return 0;
	return 1;
}

/* ---- clSVMAlloc and clSVMFree ---- */

static void test_alloc(void) {
	const cl_svm_mem_flags rw = CL_MEM_READ_WRITE, wo = CL_MEM_WRITE_ONLY, ro = CL_MEM_READ_ONLY;
	const cl_svm_mem_flags fine = CL_MEM_SVM_FINE_GRAIN_BUFFER, atom = CL_MEM_SVM_ATOMICS;
	cl_svm_mem_flags good[] = {0, rw, wo, ro, fine, rw | fine, wo | fine, ro | fine,
		fine | atom, rw | fine | atom, wo | fine | atom, ro | fine | atom};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		size_t sizes[] = {1, 100, 4096, 3u << 20};
		for (int s = 0; s < 4; s++) {
			unsigned char *p = clSVMAlloc(t.context, good[i], sizes[s], 0);
			CHECK(p != NULL);
			if (!p) continue;
			CHECK((uintptr_t)p % 128 == 0); /* the default: the size of long16 */
			memset(p, 0x5a, sizes[s]);
			CHECK(p[0] == 0x5a && p[sizes[s] - 1] == 0x5a);
			clSVMFree(t.context, p);
		}
	}

	/* Every power-of-two alignment up to long16 is honoured, at odd sizes. */
	for (cl_uint align = 1; align <= 128; align *= 2) {
		void *ps[8];
		for (int i = 0; i < 8; i++) {
			ps[i] = clSVMAlloc(t.context, CL_MEM_READ_WRITE, 1 + 37 * i, align);
			CHECK(ps[i] != NULL && (uintptr_t)ps[i] % align == 0);
		}
		for (int i = 0; i < 8; i++) clSVMFree(t.context, ps[i]);
	}

	/* Invalid flags. */
	cl_svm_mem_flags bad[] = {atom, rw | atom, ro | atom, rw | wo, rw | ro, wo | ro, rw | wo | ro,
		CL_MEM_USE_HOST_PTR, CL_MEM_ALLOC_HOST_PTR, CL_MEM_COPY_HOST_PTR, CL_MEM_HOST_READ_ONLY,
		(cl_svm_mem_flags)1 << 20, (cl_svm_mem_flags)1 << 40};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(clSVMAlloc(t.context, bad[i], 64, 0) == NULL);
	/* Invalid sizes. */
	CHECK(clSVMAlloc(t.context, rw, 0, 0) == NULL);
	CHECK(clSVMAlloc(t.context, rw, (size_t)max_alloc + 1, 0) == NULL);
	CHECK(clSVMAlloc(t.context, rw, SIZE_MAX, 0) == NULL);
	/* Invalid alignments: not a power of two, or larger than long16. */
	cl_uint bad_align[] = {3, 6, 96, 100, 256, 4096, 1u << 31, 0xffffffffu};
	for (size_t i = 0; i < sizeof bad_align / sizeof bad_align[0]; i++)
		CHECK(clSVMAlloc(t.context, rw, 64, bad_align[i]) == NULL);
	/* Invalid contexts: NULL, garbage, released, a queue. */
	cl_int err;
	cl_context dead = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	REQUIRE_OK(err);
	CHECK_OK(clReleaseContext(dead));
	CHECK(clSVMAlloc(NULL, rw, 64, 0) == NULL);
	CHECK(clSVMAlloc(GARBAGE, rw, 64, 0) == NULL);
	CHECK(clSVMAlloc(dead, rw, 64, 0) == NULL);
	CHECK(clSVMAlloc((cl_context)t.queue, rw, 64, 0) == NULL);

	/* clSVMFree: NULL is a no-op; what clSVMAlloc did not return is left
	 * alone (never freed, never a crash). */
	clSVMFree(t.context, NULL);
	char *host = malloc(64);
	strcpy(host, "still mine");
	clSVMFree(t.context, host);
	CHECK(strcmp(host, "still mine") == 0);
	free(host);
	char *p = svm_alloc(0, 256);
	clSVMFree(t.context, p + 16);   /* inside, not the start */
	cl_context other = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	REQUIRE_OK(err);
	clSVMFree(other, p);            /* another context's */
	memset(p, 1, 256);              /* still allocated */
	CHECK(all_bytes(p, 1, 256));
	clSVMFree(t.context, p);
	clSVMFree(t.context, p);        /* twice: ignored */

	/* A context released while it has allocations: they stay usable, and
	 * clSVMFree afterwards does not crash. */
	char *q = clSVMAlloc(other, 0, 1000, 0);
	CHECK(q != NULL);
	CHECK_OK(clReleaseContext(other));
	if (q) {
		memset(q, 2, 1000);
		CHECK(all_bytes(q, 2, 1000));
		clSVMFree(other, q);
	}

	/* A buffer made on an SVM allocation reports CL_MEM_USES_SVM_POINTER. */
	char *s = svm_alloc(0, 4096);
	cl_mem b = clCreateBuffer(t.context, CL_MEM_USE_HOST_PTR, 4096, s, &err);
	CHECK_OK(err);
	if (b) {
		cl_bool uses = CL_FALSE;
		CHECK_OK(clGetMemObjectInfo(b, CL_MEM_USES_SVM_POINTER, sizeof uses, &uses, NULL));
		CHECK(uses == CL_TRUE);
		CHECK_OK(clReleaseMemObject(b));
	}
	/* Not larger than the SVM allocation (nor reaching past its end). */
	b = clCreateBuffer(t.context, CL_MEM_USE_HOST_PTR, 4097, s, &err);
	CHECK_ERR(err, CL_INVALID_BUFFER_SIZE);
	CHECK(b == NULL);
	b = clCreateBuffer(t.context, CL_MEM_USE_HOST_PTR, 8192, s, &err);
	CHECK_ERR(err, CL_INVALID_BUFFER_SIZE);
	b = clCreateBuffer(t.context, CL_MEM_USE_HOST_PTR, 2049, s + 2048, &err);
	CHECK_ERR(err, CL_INVALID_BUFFER_SIZE);
	b = clCreateBuffer(t.context, CL_MEM_USE_HOST_PTR, 2048, s + 2048, &err);
	CHECK_OK(err);
	if (b) CHECK_OK(clReleaseMemObject(b));
	char *h = malloc(4096);
	b = clCreateBuffer(t.context, CL_MEM_USE_HOST_PTR, 4096, h, &err);
	CHECK_OK(err);
	if (b) {
		cl_bool uses = CL_TRUE;
		CHECK_OK(clGetMemObjectInfo(b, CL_MEM_USES_SVM_POINTER, sizeof uses, &uses, NULL));
		CHECK(uses == CL_FALSE);
		CHECK_OK(clReleaseMemObject(b));
	}
	free(h);
	clSVMFree(t.context, s);
}

/* ---- memcpy and fill ---- */

static void test_memcpy(void) {
	const size_t n = 1 << 16;
	unsigned char *a = svm_alloc(0, n), *b = svm_alloc(CL_MEM_SVM_FINE_GRAIN_BUFFER, n);
	for (size_t i = 0; i < n; i++) a[i] = (unsigned char)(i * 7);

	/* Blocking, between two allocations and to and from plain host memory
	 * (fine-grain system SVM). */
	CHECK_OK(clEnqueueSVMMemcpy(t.queue, CL_TRUE, b, a, n, 0, NULL, NULL));
	CHECK(memcmp(a, b, n) == 0);
	unsigned char *h = malloc(n);
	memset(h, 0, n);
	CHECK_OK(clEnqueueSVMMemcpy(t.queue, CL_TRUE, h, b + 100, n - 100, 0, NULL, NULL));
	CHECK(memcmp(h, a + 100, n - 100) == 0);
	memset(h, 0xee, n);
	CHECK_OK(clEnqueueSVMMemcpy(t.queue, CL_TRUE, b, h, 10, 0, NULL, NULL));
	CHECK(all_bytes(b, 0xee, 10) && b[10] == a[10]);
	/* Inside one allocation, adjacent but not overlapping. */
	CHECK_OK(clEnqueueSVMMemcpy(t.queue, CL_TRUE, a, a + n / 2, n / 2, 0, NULL, NULL));
	CHECK(memcmp(a, a + n / 2, n / 2) == 0);
	/* Size 0 is a no-op. */
	CHECK_OK(clEnqueueSVMMemcpy(t.queue, CL_TRUE, a, b, 0, 0, NULL, NULL));

	/* Non-blocking with an event, then a chain through a wait list. */
	cl_event e1, e2;
	for (size_t i = 0; i < n; i++) a[i] = (unsigned char)(i * 13);
	CHECK_OK(clEnqueueSVMMemcpy(t.queue, CL_FALSE, b, a, n, 0, NULL, &e1));
	CHECK_OK(clEnqueueSVMMemcpy(t.queue, CL_FALSE, h, b, n, 1, &e1, &e2));
	finish_event(e2, CL_COMMAND_SVM_MEMCPY, CL_COMPLETE);
	finish_event(e1, CL_COMMAND_SVM_MEMCPY, CL_COMPLETE);
	CHECK(memcmp(h, a, n) == 0);

	/* A large copy (split across cores). */
	size_t big = 64u << 20;
	unsigned char *x = svm_alloc(0, big), *y = svm_alloc(0, big);
	for (size_t i = 0; i < big; i += 4096) x[i] = (unsigned char)(i >> 12);
	x[big - 1] = 0x77;
	CHECK_OK(clEnqueueSVMMemcpy(t.queue, CL_FALSE, y, x, big, 0, NULL, &e1));
	finish_event(e1, CL_COMMAND_SVM_MEMCPY, CL_COMPLETE);
	CHECK(memcmp(x, y, big) == 0);
	clSVMFree(t.context, x);
	clSVMFree(t.context, y);

	/* Errors. */
	CHECK_ERR(clEnqueueSVMMemcpy(NULL, CL_TRUE, b, a, 4, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(clEnqueueSVMMemcpy(t.queue, CL_TRUE, NULL, a, 4, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMemcpy(t.queue, CL_TRUE, b, NULL, 4, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMemcpy(t.queue, CL_TRUE, a, a, 4, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	CHECK_ERR(clEnqueueSVMMemcpy(t.queue, CL_TRUE, a + 1, a, 4, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	CHECK_ERR(clEnqueueSVMMemcpy(t.queue, CL_TRUE, a, a + 3, 4, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	CHECK_OK(clEnqueueSVMMemcpy(t.queue, CL_TRUE, a, a + 4, 4, 0, NULL, NULL));
	CHECK_ERR(clEnqueueSVMMemcpy(t.queue, CL_TRUE, b, a, 4, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	cl_event garbage[] = {GARBAGE};
	CHECK_ERR(clEnqueueSVMMemcpy(t.queue, CL_TRUE, b, a, 4, 1, garbage, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueSVMMemcpy(t.queue, CL_TRUE, b, a, 4, 0, garbage, NULL), CL_INVALID_EVENT_WAIT_LIST);

	free(h);
	clSVMFree(t.context, a);
	clSVMFree(t.context, b);
}

static void test_fill(void) {
	const size_t n = 4096;
	unsigned char *p = svm_alloc(0, n + 256);
	unsigned char pat[128];
	for (int i = 0; i < 128; i++) pat[i] = (unsigned char)(i + 1);
	for (size_t ps = 1; ps <= 128; ps *= 2) {
		memset(p, 0, n + 256);
		cl_event e;
		CHECK_OK(clEnqueueSVMMemFill(t.queue, p + ps, pat, ps, n, 0, NULL, &e));
		finish_event(e, CL_COMMAND_SVM_MEMFILL, CL_COMPLETE);
		int good = p[ps - 1] == 0 && p[ps + n] == 0;
		for (size_t i = 0; i < n; i++)
			if (p[ps + i] != pat[i % ps]) good = 0;
		CHECK(good);
	}
	/* The pattern is copied at once: the caller may reuse it. */
	cl_event u = user_event(t.context), e;
	cl_uint word = 0xdeadbeef;
	CHECK_OK(clEnqueueSVMMemFill(t.queue, p, &word, 4, 64, 1, &u, &e));
	word = 0;
	CHECK_OK(clSetUserEventStatus(u, CL_COMPLETE));
	finish_event(e, CL_COMMAND_SVM_MEMFILL, CL_COMPLETE);
	CHECK(((cl_uint *)p)[0] == 0xdeadbeef && ((cl_uint *)p)[15] == 0xdeadbeef);
	CHECK_OK(clReleaseEvent(u));
	/* Plain host memory, and size 0. */
	unsigned char *h = malloc(100);
	CHECK_OK(clEnqueueSVMMemFill(t.queue, h, pat, 1, 100, 0, NULL, NULL));
	CHECK_OK(clEnqueueSVMMemFill(t.queue, h, pat, 4, 0, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	CHECK(all_bytes(h, 1, 100));
	free(h);

	/* Errors. */
	CHECK_ERR(clEnqueueSVMMemFill(NULL, p, pat, 4, 64, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	CHECK_ERR(clEnqueueSVMMemFill(t.queue, NULL, pat, 4, 64, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMemFill(t.queue, p + 2, pat, 4, 64, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMemFill(t.queue, p, NULL, 4, 64, 0, NULL, NULL), CL_INVALID_VALUE);
	size_t bad_ps[] = {0, 3, 12, 256, 1024};
	for (int i = 0; i < 5; i++)
		CHECK_ERR(clEnqueueSVMMemFill(t.queue, p, pat, bad_ps[i], 3072, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMemFill(t.queue, p, pat, 4, 63, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMemFill(t.queue, p, pat, 4, 64, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	clSVMFree(t.context, p);
}

/* A user event gates SVM commands; its failure fails them. */
static void *set_status_later(void *arg) {
	usleep(50000);
	clSetUserEventStatus((cl_event)arg, -5);
	return NULL;
}

static void test_user_events(void) {
	const size_t n = 1 << 12;
	unsigned char *a = svm_alloc(0, n), *b = svm_alloc(0, n);
	memset(a, 3, n);
	memset(b, 0, n);
	cl_event u = user_event(t.context), e;

	CHECK_OK(clEnqueueSVMMemcpy(t.queue, CL_FALSE, b, a, n, 1, &u, &e));
	usleep(20000);
	CHECK(event_status(e) > CL_COMPLETE);
	CHECK(all_bytes(b, 0, n));
	CHECK_OK(clSetUserEventStatus(u, CL_COMPLETE));
	finish_event(e, CL_COMMAND_SVM_MEMCPY, CL_COMPLETE);
	CHECK(all_bytes(b, 3, n));
	CHECK_OK(clReleaseEvent(u));

	/* Failure: the dependent commands end with a negative status and do
	 * nothing; a blocking map waiting for it returns the error. */
	cl_event f = user_event(t.context), em, ef, eu;
	memset(b, 0, n);
	CHECK_OK(clEnqueueSVMMemcpy(t.queue, CL_FALSE, b, a, n, 1, &f, &e));
	CHECK_OK(clEnqueueSVMMemFill(t.queue, b, a, 1, n, 1, &f, &ef));
	CHECK_OK(clEnqueueSVMMap(t.queue, CL_FALSE, CL_MAP_READ, b, n, 1, &f, &em));
	CHECK_OK(clEnqueueSVMUnmap(t.queue, b, 1, &f, &eu));
	CHECK_OK(clSetUserEventStatus(f, -1));
	finish_event(e, CL_COMMAND_SVM_MEMCPY, -1);
	finish_event(ef, CL_COMMAND_SVM_MEMFILL, -1);
	finish_event(em, CL_COMMAND_SVM_MAP, -1);
	finish_event(eu, CL_COMMAND_SVM_UNMAP, -1);
	CHECK(all_bytes(b, 0, n));
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, b, n, 1, &f, NULL), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_WRITE, b, n, 1, &f, &em), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK(event_status(em) < 0);
	CHECK_OK(clReleaseEvent(em));
	CHECK_ERR(clEnqueueSVMMemcpy(t.queue, CL_TRUE, b, a, n, 1, &f, NULL), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK(all_bytes(b, 0, n));
	/* The queue goes on. */
	CHECK_OK(clEnqueueSVMMemcpy(t.queue, CL_TRUE, b, a, n, 0, NULL, NULL));
	CHECK(all_bytes(b, 3, n));
	CHECK_OK(clReleaseEvent(f));

	/* A blocking map that is waiting when the event fails. */
	cl_event g = user_event(t.context);
	pthread_t th;
	pthread_create(&th, NULL, set_status_later, g);
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, b, n, 1, &g, NULL), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	pthread_join(th, NULL);
	CHECK_OK(clReleaseEvent(g));
	CHECK_OK(clFinish(t.queue));
	clSVMFree(t.context, a);
	clSVMFree(t.context, b);
}

/* ---- map and unmap ---- */

static void test_map(void) {
	const size_t n = 1 << 20;
	unsigned char *p = svm_alloc(0, n);
	unsigned char *h = malloc(n);
	cl_map_flags flags[] = {0, CL_MAP_READ, CL_MAP_WRITE, CL_MAP_READ | CL_MAP_WRITE, CL_MAP_WRITE_INVALIDATE_REGION};
	for (int i = 0; i < 5; i++) {
		void *bufs[] = {p, h};
		for (int k = 0; k < 2; k++) {
			unsigned char *m = bufs[k];
			cl_event em, eu;
			/* Blocking: usable at once. */
			CHECK_OK(clEnqueueSVMMap(t.queue, CL_TRUE, flags[i], m, n, 0, NULL, &em));
			CHECK_ERR(event_status(em), CL_COMPLETE);
			memset(m, i + 1, n);
			CHECK_OK(clEnqueueSVMUnmap(t.queue, m, 0, NULL, &eu));
			finish_event(em, CL_COMMAND_SVM_MAP, CL_COMPLETE);
			finish_event(eu, CL_COMMAND_SVM_UNMAP, CL_COMPLETE);
			/* Non-blocking, of a part. */
			CHECK_OK(clEnqueueSVMMap(t.queue, CL_FALSE, flags[i], m + 100, 10, 0, NULL, &em));
			CHECK_OK(clWaitForEvents(1, &em));
			CHECK(all_bytes(m, i + 1, n));
			CHECK_OK(clEnqueueSVMUnmap(t.queue, m + 100, 1, &em, &eu));
			finish_event(eu, CL_COMMAND_SVM_UNMAP, CL_COMPLETE);
			finish_event(em, CL_COMMAND_SVM_MAP, CL_COMPLETE);
		}
	}
	/* Maps and unmaps are synchronization points in the queue: the map
	 * waits for the fill before it. */
	cl_event u = user_event(t.context), ef, em;
	CHECK_OK(clEnqueueSVMMemFill(t.queue, p, "\x42", 1, n, 1, &u, &ef));
	CHECK_OK(clEnqueueSVMMap(t.queue, CL_FALSE, CL_MAP_READ, p, n, 0, NULL, &em));
	usleep(10000);
	CHECK(event_status(em) > CL_COMPLETE);
	CHECK_OK(clSetUserEventStatus(u, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &em));
	CHECK(all_bytes(p, 0x42, n));
	CHECK_OK(clEnqueueSVMUnmap(t.queue, p, 0, NULL, NULL));
	finish_event(em, CL_COMMAND_SVM_MAP, CL_COMPLETE);
	finish_event(ef, CL_COMMAND_SVM_MEMFILL, CL_COMPLETE);
	CHECK_OK(clReleaseEvent(u));
	free(h);
	clSVMFree(t.context, p);
}

/* Every error of clEnqueueSVMMap (shared/spec/clEnqueueSVMMap.md) that can
 * be provoked, and of clEnqueueSVMUnmap. */
static void test_map_errors(void) {
	const size_t n = 256;
	unsigned char *p = svm_alloc(0, n);
	cl_int err;

	/* CL_INVALID_COMMAND_QUEUE: NULL, garbage, released, a context. */
	cl_command_queue dead = clCreateCommandQueueWithProperties(t.context, t.device, NULL, &err);
	REQUIRE_OK(err);
	CHECK_OK(clReleaseCommandQueue(dead));
	cl_command_queue bad_q[] = {NULL, GARBAGE, dead, (cl_command_queue)t.context};
	for (int i = 0; i < 4; i++) {
		CHECK_ERR(clEnqueueSVMMap(bad_q[i], CL_TRUE, CL_MAP_READ, p, n, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueSVMMap(bad_q[i], CL_FALSE, CL_MAP_WRITE, p, n, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueSVMUnmap(bad_q[i], p, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueSVMMemcpy(bad_q[i], CL_TRUE, p, p + 128, 4, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueSVMMemFill(bad_q[i], p, p, 1, 4, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueSVMMigrateMem(bad_q[i], 1, (const void **)&p, NULL, 0, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		void *list[] = {p};
		CHECK_ERR(clEnqueueSVMFree(bad_q[i], 1, list, NULL, NULL, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	}
	/* A queue error comes before any other. */
	CHECK_ERR(clEnqueueSVMMap(NULL, CL_TRUE, 0xff, NULL, 0, 1, NULL, NULL), CL_INVALID_COMMAND_QUEUE);

	/* CL_INVALID_CONTEXT: a wait-list event of another context. */
	cl_context other = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	REQUIRE_OK(err);
	cl_event foreign = user_event(other);
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, p, n, 1, &foreign, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_FALSE, CL_MAP_READ, p, n, 1, &foreign, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueSVMUnmap(t.queue, p, 1, &foreign, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueSVMMemcpy(t.queue, CL_TRUE, p, p + 128, 4, 1, &foreign, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueSVMMemFill(t.queue, p, p, 1, 4, 1, &foreign, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueSVMMigrateMem(t.queue, 1, (const void **)&p, NULL, 0, 1, &foreign, NULL), CL_INVALID_CONTEXT);
	/* ... which the error list puts before CL_INVALID_VALUE. */
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, NULL, 0, 1, &foreign, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueSVMUnmap(t.queue, NULL, 1, &foreign, NULL), CL_INVALID_CONTEXT);
	cl_event mixed[] = {GARBAGE, foreign};
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, p, n, 2, mixed, NULL), CL_INVALID_CONTEXT);

	/* CL_INVALID_VALUE: NULL svm_ptr, size 0, invalid flags. */
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, NULL, n, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_FALSE, CL_MAP_READ, NULL, n, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, p, 0, 0, NULL, NULL), CL_INVALID_VALUE);
	cl_map_flags bad_flags[] = {CL_MAP_READ | CL_MAP_WRITE_INVALIDATE_REGION, CL_MAP_WRITE | CL_MAP_WRITE_INVALIDATE_REGION,
		CL_MAP_READ | CL_MAP_WRITE | CL_MAP_WRITE_INVALIDATE_REGION, 1 << 3, 1 << 10, (cl_map_flags)1 << 40, CL_MAP_READ | (1 << 5)};
	for (int i = 0; i < 7; i++)
		CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, bad_flags[i], p, n, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMUnmap(t.queue, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	/* ... which comes before CL_INVALID_EVENT_WAIT_LIST. */
	cl_event garbage[] = {GARBAGE};
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, NULL, n, 1, garbage, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, p, 0, 1, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMUnmap(t.queue, NULL, 1, garbage, NULL), CL_INVALID_VALUE);

	/* CL_INVALID_EVENT_WAIT_LIST: NULL list with a count, a list with count
	 * 0, events that are not valid (garbage, released, NULL, another kind). */
	cl_event done;
	CHECK_OK(clEnqueueMarkerWithWaitList(t.queue, 0, NULL, &done));
	CHECK_OK(clWaitForEvents(1, &done));
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, p, n, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, p, n, 0, &done, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, p, n, 1, garbage, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueSVMUnmap(t.queue, p, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueSVMUnmap(t.queue, p, 0, &done, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueSVMUnmap(t.queue, p, 1, garbage, NULL), CL_INVALID_EVENT_WAIT_LIST);
	cl_event released = user_event(t.context);
	CHECK_OK(clReleaseEvent(released));
	cl_event bad_lists[][2] = {{done, GARBAGE}, {done, released}, {done, NULL}, {done, (cl_event)t.queue}};
	for (int i = 0; i < 4; i++) {
		CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, p, n, 2, bad_lists[i], NULL), CL_INVALID_EVENT_WAIT_LIST);
		CHECK_ERR(clEnqueueSVMUnmap(t.queue, p, 2, bad_lists[i], NULL), CL_INVALID_EVENT_WAIT_LIST);
	}
	/* A failed command enqueued nothing: the event pointer is untouched. */
	cl_event untouched = (cl_event)GARBAGE;
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, p, 0, 0, NULL, &untouched), CL_INVALID_VALUE);
	CHECK(untouched == (cl_event)GARBAGE);

	/* CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST: blocking only. */
	cl_event failed = user_event(t.context), em;
	CHECK_OK(clSetUserEventStatus(failed, -3));
	cl_event with_failed[] = {done, failed};
	CHECK_ERR(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, p, n, 2, with_failed, NULL), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK_OK(clEnqueueSVMMap(t.queue, CL_FALSE, CL_MAP_READ, p, n, 2, with_failed, &em));
	finish_event(em, CL_COMMAND_SVM_MAP, -1);

	/* The queue still works after all that. */
	CHECK_OK(clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ, p, n, 1, &done, NULL));
	CHECK_OK(clEnqueueSVMUnmap(t.queue, p, 1, &done, NULL));
	CHECK_OK(clFinish(t.queue));

	CHECK_OK(clReleaseEvent(failed));
	CHECK_OK(clReleaseEvent(done));
	CHECK_OK(clReleaseEvent(foreign));
	CHECK_OK(clReleaseContext(other));
	clSVMFree(t.context, p);
}

/* ---- clEnqueueSVMFree ---- */

static struct {
	pthread_mutex_t mu;
	int calls;
	cl_command_queue queue;
	cl_uint n;
	void *ptrs[8];
	void *user_data;
} freed = {PTHREAD_MUTEX_INITIALIZER};

static void CL_CALLBACK free_cb(cl_command_queue q, cl_uint n, void *ptrs[], void *user_data) {
	pthread_mutex_lock(&freed.mu);
	freed.calls++;
	freed.queue = q;
	freed.n = n;
	for (cl_uint i = 0; i < n && i < 8; i++) freed.ptrs[i] = ptrs[i];
	freed.user_data = user_data;
	pthread_mutex_unlock(&freed.mu);
	/* The application frees them: here a clSVMAlloc pointer and a malloc one. */
	if (user_data == (void *)&freed) {
		clSVMFree(t.context, ptrs[0]);
		free(ptrs[1]);
	}
}

static void test_svm_free(void) {
	/* With a callback: called once, with the queue, a copy of the list
	 * (the application's array may change after the call) and user_data. */
	void *a = svm_alloc(0, 64), *m = malloc(64);
	void *list[2] = {a, m};
	cl_event u = user_event(t.context), e;
	CHECK_OK(clEnqueueSVMFree(t.queue, 2, list, free_cb, &freed, 1, &u, &e));
	list[0] = list[1] = NULL;
	usleep(10000);
	pthread_mutex_lock(&freed.mu);
	CHECK(freed.calls == 0);
	pthread_mutex_unlock(&freed.mu);
	CHECK_OK(clSetUserEventStatus(u, CL_COMPLETE));
	finish_event(e, CL_COMMAND_SVM_FREE, CL_COMPLETE);
	CHECK(freed.calls == 1 && freed.queue == t.queue && freed.n == 2);
	CHECK(freed.ptrs[0] == a && freed.ptrs[1] == m && freed.user_data == &freed);
	CHECK_OK(clReleaseEvent(u));

	/* Blocking wait through clFinish; NULL user_data. */
	void *b = svm_alloc(0, 64);
	CHECK_OK(clEnqueueSVMFree(t.queue, 1, &b, free_cb, NULL, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	CHECK(freed.calls == 2 && freed.n == 1 && freed.ptrs[0] == b && freed.user_data == NULL);
	clSVMFree(t.context, b);

	/* Without a callback the implementation frees them. */
	void *c[3] = {svm_alloc(0, 100), svm_alloc(CL_MEM_SVM_FINE_GRAIN_BUFFER, 1 << 20), svm_alloc(0, 5)};
	CHECK_OK(clEnqueueSVMFree(t.queue, 3, c, NULL, NULL, 0, NULL, &e));
	finish_event(e, CL_COMMAND_SVM_FREE, CL_COMPLETE);
	/* No pointers at all is valid too. */
	CHECK_OK(clEnqueueSVMFree(t.queue, 0, NULL, NULL, NULL, 0, NULL, &e));
	finish_event(e, CL_COMMAND_SVM_FREE, CL_COMPLETE);
	CHECK_OK(clEnqueueSVMFree(t.queue, 0, NULL, free_cb, (void *)1, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	CHECK(freed.calls == 3 && freed.n == 0 && freed.user_data == (void *)1);

	/* A failed dependency: the free does not happen. */
	void *d = svm_alloc(0, 64);
	cl_event f = user_event(t.context);
	CHECK_OK(clEnqueueSVMFree(t.queue, 1, &d, free_cb, NULL, 1, &f, &e));
	CHECK_OK(clSetUserEventStatus(f, -1));
	finish_event(e, CL_COMMAND_SVM_FREE, -1);
	CHECK(freed.calls == 3);
	memset(d, 0, 64);
	clSVMFree(t.context, d);
	CHECK_OK(clReleaseEvent(f));

	/* Errors. */
	void *x = svm_alloc(0, 64);
	void *nulls[2] = {x, NULL};
	CHECK_ERR(clEnqueueSVMFree(t.queue, 0, &x, NULL, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMFree(t.queue, 1, NULL, NULL, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMFree(t.queue, 2, nulls, NULL, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMFree(t.queue, 1, &x, NULL, NULL, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	cl_event garbage[] = {GARBAGE};
	CHECK_ERR(clEnqueueSVMFree(t.queue, 1, &x, NULL, NULL, 1, garbage, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueSVMFree(t.queue, 1, nulls + 1, NULL, NULL, 1, garbage, NULL), CL_INVALID_VALUE);
	CHECK_OK(clFinish(t.queue));
	memset(x, 0, 64); /* none of those freed it */
	clSVMFree(t.context, x);
}

/* ---- clEnqueueSVMMigrateMem ---- */

static void test_migrate(void) {
	unsigned char *a = svm_alloc(0, 4096), *b = svm_alloc(CL_MEM_SVM_FINE_GRAIN_BUFFER, 100);
	const void *ptrs[] = {a, b, a + 1000};
	size_t sizes[] = {4096, 0, 96};
	cl_event e;
	cl_mem_migration_flags flags[] = {0, CL_MIGRATE_MEM_OBJECT_HOST, CL_MIGRATE_MEM_OBJECT_CONTENT_UNDEFINED,
		CL_MIGRATE_MEM_OBJECT_HOST | CL_MIGRATE_MEM_OBJECT_CONTENT_UNDEFINED};
	for (int i = 0; i < 4; i++) {
		CHECK_OK(clEnqueueSVMMigrateMem(t.queue, 3, ptrs, NULL, flags[i], 0, NULL, &e));
		finish_event(e, CL_COMMAND_SVM_MIGRATE_MEM, CL_COMPLETE);
		CHECK_OK(clEnqueueSVMMigrateMem(t.queue, 3, ptrs, sizes, flags[i], 0, NULL, &e));
		finish_event(e, CL_COMMAND_SVM_MIGRATE_MEM, CL_COMPLETE);
	}
	size_t too_big[] = {4097}, past_end[] = {3097}, fits[] = {3096};
	const void *inner[] = {a + 1000}, *host[] = {&e}, *null[] = {NULL};
	CHECK_OK(clEnqueueSVMMigrateMem(t.queue, 1, inner, fits, 0, 0, NULL, NULL));
	CHECK_ERR(clEnqueueSVMMigrateMem(t.queue, 0, ptrs, NULL, 0, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMigrateMem(t.queue, 1, NULL, NULL, 0, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMigrateMem(t.queue, 1, ptrs, too_big, 0, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMigrateMem(t.queue, 1, inner, past_end, 0, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMigrateMem(t.queue, 1, host, NULL, 0, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMigrateMem(t.queue, 1, null, NULL, 0, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMigrateMem(t.queue, 1, ptrs, NULL, 1 << 2, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueSVMMigrateMem(t.queue, 1, ptrs, NULL, 0, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	cl_event garbage[] = {GARBAGE};
	CHECK_ERR(clEnqueueSVMMigrateMem(t.queue, 1, ptrs, NULL, 0, 1, garbage, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_OK(clFinish(t.queue));
	clSVMFree(t.context, a);
	clSVMFree(t.context, b);
}

/* ---- out-of-order queue ---- */

static void test_out_of_order(void) {
	cl_int err;
	cl_queue_properties props[] = {CL_QUEUE_PROPERTIES, CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, 0};
	cl_command_queue q = clCreateCommandQueueWithProperties(t.context, t.device, props, &err);
	REQUIRE_OK(err);
	const size_t n = 1 << 16;
	unsigned char *a = svm_alloc(0, n), *b = svm_alloc(0, n), *c = svm_alloc(0, n);
	cl_event e1, e2, e3, e4;
	CHECK_OK(clEnqueueSVMMemFill(q, a, "\x11", 1, n, 0, NULL, &e1));
	CHECK_OK(clEnqueueSVMMemcpy(q, CL_FALSE, b, a, n, 1, &e1, &e2));
	CHECK_OK(clEnqueueSVMMemcpy(q, CL_FALSE, c, b, n, 1, &e2, &e3));
	CHECK_OK(clEnqueueSVMMap(q, CL_TRUE, CL_MAP_READ, c, n, 1, &e3, &e4));
	CHECK(all_bytes(c, 0x11, n));
	CHECK_OK(clEnqueueSVMUnmap(q, c, 0, NULL, NULL));
	CHECK_OK(clFinish(q));
	finish_event(e1, CL_COMMAND_SVM_MEMFILL, CL_COMPLETE);
	finish_event(e2, CL_COMMAND_SVM_MEMCPY, CL_COMPLETE);
	finish_event(e3, CL_COMMAND_SVM_MEMCPY, CL_COMPLETE);
	finish_event(e4, CL_COMMAND_SVM_MAP, CL_COMPLETE);
	CHECK_OK(clReleaseCommandQueue(q));
	clSVMFree(t.context, a);
	clSVMFree(t.context, b);
	clSVMFree(t.context, c);
}

/* ---- threads ---- */

enum { THREADS = 8, ROUNDS = 200 };
static int thread_failures;
static pthread_mutex_t failures_mu = PTHREAD_MUTEX_INITIALIZER;

static void thread_fail(int id, int round, const char *what) {
	pthread_mutex_lock(&failures_mu);
	if (thread_failures++ < 10) fprintf(stderr, "thread %d, round %d: %s\n", id, round, what);
	pthread_mutex_unlock(&failures_mu);
}

static void *worker(void *arg) {
	int id = (int)(intptr_t)arg;
	unsigned seed = 1234u + id;
	for (int r = 0; r < ROUNDS; r++) {
		size_t n = 4 * (1 + rand_r(&seed) % 4096);
		cl_uint *a = clSVMAlloc(t.context, (r & 1) ? CL_MEM_SVM_FINE_GRAIN_BUFFER : 0, n, 0);
		cl_uint *b = clSVMAlloc(t.context, 0, n, 16);
		if (!a || !b) { thread_fail(id, r, "clSVMAlloc"); break; }
		cl_uint v = (cl_uint)(id << 24 | r);
		cl_event ef, ec, em;
		if (clEnqueueSVMMemFill(t.queue, a, &v, 4, n, 0, NULL, &ef) != CL_SUCCESS) thread_fail(id, r, "fill");
		if (clEnqueueSVMMemcpy(t.queue, CL_FALSE, b, a, n, 1, &ef, &ec) != CL_SUCCESS) thread_fail(id, r, "memcpy");
		if (clEnqueueSVMMap(t.queue, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE, b, n, 1, &ec, &em) != CL_SUCCESS) thread_fail(id, r, "map");
		for (size_t i = 0; i < n / 4; i++)
			if (b[i] != v) { thread_fail(id, r, "contents"); break; }
		b[0] = ~v;
		if (clEnqueueSVMUnmap(t.queue, b, 1, &em, NULL) != CL_SUCCESS) thread_fail(id, r, "unmap");
		cl_command_type ty = 0;
		clGetEventInfo(em, CL_EVENT_COMMAND_TYPE, sizeof ty, &ty, NULL);
		if (ty != CL_COMMAND_SVM_MAP) thread_fail(id, r, "event type");
		clReleaseEvent(ef);
		clReleaseEvent(ec);
		clReleaseEvent(em);
		if (r % 3 == 0) {
			void *list[] = {a, b};
			cl_event e;
			if (clEnqueueSVMFree(t.queue, 2, list, NULL, NULL, 0, NULL, &e) != CL_SUCCESS) thread_fail(id, r, "enqueue free");
			if (clWaitForEvents(1, &e) != CL_SUCCESS) thread_fail(id, r, "enqueue free wait");
			clReleaseEvent(e);
		} else {
			if (clFinish(t.queue) != CL_SUCCESS) thread_fail(id, r, "finish");
			if (b[0] != ~v) thread_fail(id, r, "host write lost");
			clSVMFree(t.context, a);
			clSVMFree(t.context, b);
		}
	}
	return NULL;
}

static void test_threads(void) {
	pthread_t th[THREADS];
	for (int i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
	for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
	CHECK(thread_failures == 0);
	CHECK_OK(clFinish(t.queue));
}

int main(void) {
	t = test_setup();
	cl_device_svm_capabilities caps = 0;
	if (clGetDeviceInfo(t.device, CL_DEVICE_SVM_CAPABILITIES, sizeof caps, &caps, NULL) == CL_SUCCESS)
		CHECK((caps & CL_DEVICE_SVM_FINE_GRAIN_SYSTEM) && (caps & CL_DEVICE_SVM_ATOMICS));
	if (clGetDeviceInfo(t.device, CL_DEVICE_MAX_MEM_ALLOC_SIZE, sizeof max_alloc, &max_alloc, NULL) != CL_SUCCESS)
		max_alloc = SIZE_MAX - 1;

	test_alloc();
	test_memcpy();
	test_fill();
	test_user_events();
	test_map();
	test_map_errors();
	test_svm_free();
	test_migrate();
	test_out_of_order();
	test_threads();

	test_teardown(&t);
	return check_done();
}
