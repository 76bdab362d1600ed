/* Many host threads at once on shared contexts and queues: create, write,
 * copy, map, read back and release, repeatedly, with every result checked. */
#include "check.h"
#include <pthread.h>

#define THREADS 8
#define ROUNDS 300

static test_env t;
static cl_command_queue ooo; /* a shared out-of-order queue */
static cl_mem shared;        /* retained and released by every thread */

static void *worker(void *arg) {
	int id = (int)(intptr_t)arg;
	cl_int err;
	for (int r = 0; r < ROUNDS; r++) {
		cl_command_queue q = (r & 1) ? ooo : t.queue;
		size_t n = 1024 + 64 * (size_t)((id + r) % 16);
		int *src = malloc(n * sizeof(int));
		for (size_t i = 0; i < n; i++) src[i] = id * 100000 + r * 10 + (int)i;
		cl_mem a = clCreateBuffer(t.context, CL_MEM_COPY_HOST_PTR, n * sizeof(int), src, &err);
		if (err) return "create a";
		cl_mem b = clCreateBuffer(t.context, CL_MEM_READ_WRITE, n * sizeof(int), NULL, &err);
		if (err) return "create b";
		if (clRetainMemObject(shared) != CL_SUCCESS) return "retain shared";
		cl_event copied;
		if (clEnqueueCopyBuffer(q, a, b, 0, 0, n * sizeof(int), 0, NULL, &copied)) return "copy";
		int *p = clEnqueueMapBuffer(q, b, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE, 0, n * sizeof(int), 1, &copied, NULL, &err);
		if (err || !p) return "map";
		for (size_t i = 0; i < n; i++)
			if (p[i] != src[i]) return "copied data";
		p[0] = -id;
		cl_event unmapped;
		if (clEnqueueUnmapMemObject(q, b, p, 0, NULL, &unmapped)) return "unmap";
		int first = 0;
		if (clEnqueueReadBuffer(q, b, CL_TRUE, 0, sizeof first, &first, 1, &unmapped, NULL)) return "read";
		if (first != -id) return "write through map";
		/* A user event from this thread gates a fill; release it from here. */
		cl_event gate = clCreateUserEvent(t.context, &err);
		cl_event filled;
		int pat = r;
		if (clEnqueueFillBuffer(q, a, &pat, sizeof pat, 0, n * sizeof(int), 1, &gate, &filled)) return "fill";
		if (clSetUserEventStatus(gate, CL_COMPLETE)) return "gate";
		if (clWaitForEvents(1, &filled)) return "wait fill";
		int last = 0;
		if (clEnqueueReadBuffer(q, a, CL_TRUE, (n - 1) * sizeof(int), sizeof last, &last, 0, NULL, NULL)) return "read fill";
		if (last != r) return "filled data";
		clReleaseEvent(copied);
		clReleaseEvent(unmapped);
		clReleaseEvent(gate);
		clReleaseEvent(filled);
		clReleaseMemObject(a);
		clReleaseMemObject(b);
		if (clReleaseMemObject(shared) != CL_SUCCESS) return "release shared";
		free(src);
	}
	return NULL;
}

/* Threads creating and dropping whole contexts and queues. */
static void *churn(void *arg) {
	(void)arg;
	for (int r = 0; r < 100; r++) {
		cl_int err;
		cl_context c = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
		if (err) return "context";
		cl_command_queue q = clCreateCommandQueueWithProperties(c, t.device, NULL, &err);
		if (err) return "queue";
		cl_mem m = clCreateBuffer(c, CL_MEM_READ_WRITE, 4096, NULL, &err);
		if (err) return "buffer";
		char x[16] = "abcdefghijklmno";
		if (clEnqueueWriteBuffer(q, m, CL_FALSE, 0, sizeof x, x, 0, NULL, NULL)) return "write";
		/* Released while the write may still be pending. */
		clReleaseMemObject(m);
		clReleaseCommandQueue(q);
		clReleaseContext(c);
	}
	return NULL;
}

int main(void) {
	t = test_setup();
	cl_int err;
	cl_queue_properties props[] = {CL_QUEUE_PROPERTIES, CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, 0};
	ooo = clCreateCommandQueueWithProperties(t.context, t.device, props, &err);
	REQUIRE_OK(err);
	shared = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 64, NULL, &err);
	REQUIRE_OK(err);
	pthread_t th[THREADS + 2];
	for (int i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
	for (int i = THREADS; i < THREADS + 2; i++) pthread_create(&th[i], NULL, churn, NULL);
	for (int i = 0; i < THREADS + 2; i++) {
		void *res;
		pthread_join(th[i], &res);
		if (res) fprintf(stderr, "thread %d failed at: %s\n", i, (char *)res);
		CHECK(res == NULL);
	}
	cl_uint refs = 0;
	CHECK_OK(clGetMemObjectInfo(shared, CL_MEM_REFERENCE_COUNT, sizeof refs, &refs, NULL));
	CHECK(refs == 1);
	CHECK_OK(clFinish(ooo));
	CHECK_OK(clReleaseMemObject(shared));
	CHECK_OK(clReleaseCommandQueue(ooo));
	test_teardown(&t);
	return check_done();
}
