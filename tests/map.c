/* Map and unmap of buffers: zero-copy, the mapping table, and every error
 * code of clEnqueueMapBuffer and clEnqueueUnmapMemObject (shared/spec/),
 * through the real loader. SVM maps are in svm.c, image maps in image.c. */
#include "check.h"
#include <pthread.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static test_env t;

static cl_mem buffer(cl_mem_flags flags, size_t size, void *host) {
	cl_int err;
	cl_mem m = clCreateBuffer(t.context, flags, size, host, &err);
	REQUIRE_OK(err);
	return m;
}

static void *map(cl_mem b, cl_map_flags flags, size_t off, size_t size, cl_int *err) {
	return clEnqueueMapBuffer(t.queue, b, CL_TRUE, flags, off, size, 0, NULL, NULL, err);
}

static cl_uint map_count(cl_mem m) {
	cl_uint n = 999;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_MAP_COUNT, sizeof n, &n, NULL));
	return n;
}

static void test_zero_copy(void) {
	cl_int err;
	/* USE_HOST_PTR: the pointer is derived from host_ptr, at every size. */
	size_t sizes[] = {1, 4096, 1 << 20, 256u << 20};
	for (int i = 0; i < 4; i++) {
		char *host = aligned_alloc(4096, sizes[i] < 4096 ? 4096 : sizes[i]);
		memset(host, 7, sizes[i]);
		cl_mem b = buffer(CL_MEM_USE_HOST_PTR, sizes[i], host);
		char *p = map(b, CL_MAP_READ | CL_MAP_WRITE, 0, sizes[i], &err);
		CHECK_OK(err);
		CHECK(p == host);
		CHECK_OK(clEnqueueUnmapMemObject(t.queue, b, p, 0, NULL, NULL));
		if (sizes[i] > 1) {
			p = map(b, CL_MAP_READ, 1, sizes[i] - 1, &err);
			CHECK_OK(err);
			CHECK(p == host + 1);
			CHECK_OK(clEnqueueUnmapMemObject(t.queue, b, p, 0, NULL, NULL));
		}
		CHECK_OK(clReleaseMemObject(b));
		free(host);
	}
	/* Device-allocated storage: the same address every time, writes through
	 * a mapping seen by reads, and reads see writes. */
	size_t n = 64u << 20;
	cl_mem b = buffer(CL_MEM_READ_WRITE, n, NULL);
	unsigned *p = map(b, CL_MAP_WRITE_INVALIDATE_REGION, 0, n, &err);
	CHECK_OK(err);
	CHECK(((uintptr_t)p % 128) == 0);
	for (size_t i = 0; i < n / 4; i++) p[i] = (unsigned)i * 2654435761u;
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, b, p, 0, NULL, NULL));
	unsigned *q = map(b, CL_MAP_READ, 4096, 4096, &err);
	CHECK_OK(err);
	CHECK(q == p + 1024);
	CHECK(q[5] == (unsigned)(1029u * 2654435761u));
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, b, q, 0, NULL, NULL));
	unsigned back[16];
	CHECK_OK(clEnqueueReadBuffer(t.queue, b, CL_TRUE, 4 * 100, sizeof back, back, 0, NULL, NULL));
	CHECK(back[3] == (unsigned)(103u * 2654435761u));
	CHECK_OK(clReleaseMemObject(b));

	/* COPY_HOST_PTR and ALLOC_HOST_PTR. */
	int src[256];
	for (int i = 0; i < 256; i++) src[i] = i * 3;
	b = buffer(CL_MEM_COPY_HOST_PTR | CL_MEM_ALLOC_HOST_PTR, sizeof src, src);
	int *ip = map(b, CL_MAP_READ, 0, sizeof src, &err);
	CHECK_OK(err);
	CHECK(ip != src && ip[255] == 765);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, b, ip, 0, NULL, NULL));
	CHECK_OK(clReleaseMemObject(b));
}

static void test_map_count_and_overlap(void) {
	cl_int err;
	cl_mem b = buffer(CL_MEM_READ_WRITE, 1 << 16, NULL);
	CHECK(map_count(b) == 0);
	void *r1 = map(b, CL_MAP_READ, 0, 1024, &err);
	CHECK_OK(err);
	void *r2 = map(b, CL_MAP_READ, 512, 1024, &err); /* overlapping reads are fine */
	CHECK_OK(err);
	void *r3 = map(b, CL_MAP_READ, 0, 1024, &err); /* the same region twice too */
	CHECK_OK(err);
	CHECK(r3 == r1);
	CHECK(map_count(b) == 3);
	void *w1 = map(b, CL_MAP_WRITE, 2048, 1024, &err);
	CHECK_OK(err);
	CHECK(map_count(b) == 4);
	/* Overlapping mappings for writing: CL_INVALID_OPERATION, NULL. */
	void *w2 = map(b, CL_MAP_WRITE, 2560, 1024, &err);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	CHECK(w2 == NULL);
	w2 = map(b, CL_MAP_WRITE_INVALIDATE_REGION, 3000, 10, &err);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	CHECK(map_count(b) == 4);
	/* Adjacent (not overlapping) write mappings are fine. */
	void *w3 = map(b, CL_MAP_WRITE, 3072, 1024, &err);
	CHECK_OK(err);

	/* Across sub-buffers and their parent. */
	cl_buffer_region reg = {2048, 4096};
	cl_mem sub = clCreateSubBuffer(b, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &reg, &err);
	CHECK_OK(err);
	void *s1 = map(sub, CL_MAP_WRITE, 0, 16, &err); /* parent bytes 2048.. are mapped for writing */
	CHECK_ERR(err, CL_INVALID_OPERATION);
	CHECK(s1 == NULL);
	s1 = map(sub, CL_MAP_WRITE, 2048, 128, &err); /* parent bytes 4096..4224 are free */
	CHECK_OK(err);
	CHECK((char *)s1 == (char *)r1 + 4096);
	CHECK(map_count(sub) == 1 && map_count(b) == 5);
	void *p2 = map(b, CL_MAP_WRITE, 4100, 8, &err);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	cl_buffer_region reg2 = {4096, 256};
	cl_mem sub2 = clCreateSubBuffer(b, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &reg2, &err);
	CHECK_OK(err);
	p2 = map(sub2, CL_MAP_WRITE_INVALIDATE_REGION, 0, 4, &err);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	p2 = map(sub2, CL_MAP_READ, 0, 4, &err); /* reading is allowed */
	CHECK_OK(err);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, sub2, p2, 0, NULL, NULL));

	/* Unmapping a pointer of the parent through the sub-buffer: not its mapping. */
	CHECK_ERR(clEnqueueUnmapMemObject(t.queue, sub, w1, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, sub, s1, 0, NULL, NULL));
	CHECK_ERR(clEnqueueUnmapMemObject(t.queue, sub, s1, 0, NULL, NULL), CL_INVALID_VALUE); /* twice */
	/* After unmapping, the region can be mapped for writing again. */
	s1 = map(sub2, CL_MAP_WRITE, 0, 256, &err);
	CHECK_OK(err);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, sub2, s1, 0, NULL, NULL));

	CHECK_OK(clEnqueueUnmapMemObject(t.queue, b, w1, 0, NULL, NULL));
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, b, w3, 0, NULL, NULL));
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, b, r1, 0, NULL, NULL));
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, b, r2, 0, NULL, NULL));
	CHECK(map_count(b) == 1);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, b, r3, 0, NULL, NULL));
	CHECK(map_count(b) == 0);
	CHECK_ERR(clEnqueueUnmapMemObject(t.queue, b, r3, 0, NULL, NULL), CL_INVALID_VALUE);
	clReleaseMemObject(sub2);
	clReleaseMemObject(sub);
	clReleaseMemObject(b);
}

static void test_events(void) {
	cl_int err;
	cl_mem b = buffer(CL_MEM_READ_WRITE, 4096, NULL);
	cl_event u = clCreateUserEvent(t.context, &err);
	CHECK_OK(err);
	cl_event ev, uev;
	/* A non-blocking map waits for its wait list. */
	int *p = clEnqueueMapBuffer(t.queue, b, CL_FALSE, CL_MAP_WRITE, 0, 4096, 1, &u, &ev, &err);
	CHECK_OK(err);
	CHECK(p != NULL);
	cl_int st = 99;
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL));
	CHECK(st > CL_COMPLETE);
	cl_command_type ct = 0;
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_MAP_BUFFER);
	CHECK_OK(clSetUserEventStatus(u, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &ev));
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL));
	CHECK(st == CL_COMPLETE);
	p[0] = 42;
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, b, p, 0, NULL, &uev));
	CHECK_OK(clGetEventInfo(uev, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_UNMAP_MEM_OBJECT);
	CHECK_OK(clWaitForEvents(1, &uev));
	clReleaseEvent(ev);
	clReleaseEvent(uev);
	clReleaseEvent(u);

	/* A blocking map whose wait list failed: NULL and
	 * CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST; nothing stays mapped. */
	u = clCreateUserEvent(t.context, &err);
	CHECK_OK(clSetUserEventStatus(u, -1));
	p = map(b, CL_MAP_READ, 0, 16, &err);
	CHECK_OK(err);
	clEnqueueUnmapMemObject(t.queue, b, p, 0, NULL, NULL);
	p = clEnqueueMapBuffer(t.queue, b, CL_TRUE, CL_MAP_READ, 0, 16, 1, &u, NULL, &err);
	CHECK_ERR(err, CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK(p == NULL);
	CHECK(map_count(b) == 0);
	/* A non-blocking one returns the pointer; its event fails. */
	p = clEnqueueMapBuffer(t.queue, b, CL_FALSE, CL_MAP_READ, 0, 16, 1, &u, &ev, &err);
	CHECK_OK(err);
	CHECK_ERR(clWaitForEvents(1, &ev), CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	CHECK_OK(clGetEventInfo(ev, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof st, &st, NULL));
	CHECK(st < 0);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, b, p, 0, NULL, NULL));
	clReleaseEvent(ev);
	clReleaseEvent(u);
	CHECK_OK(clFinish(t.queue));
	CHECK(map_count(b) == 0);
	clReleaseMemObject(b);
}

/* A failed map must not leave the buffer looking mapped or crash. */
static void test_errors_map(void) {
	cl_int err;
	void *p;
	cl_mem b = buffer(CL_MEM_READ_WRITE, 4096, NULL);
	cl_context other = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	CHECK_OK(err);
	cl_command_queue dead_q = clCreateCommandQueueWithProperties(t.context, t.device, NULL, &err);
	CHECK_OK(clReleaseCommandQueue(dead_q));
	cl_mem dead_b = buffer(CL_MEM_READ_WRITE, 64, NULL);
	CHECK_OK(clReleaseMemObject(dead_b));
	cl_event dead_e = clCreateUserEvent(t.context, &err);
	CHECK_OK(clReleaseEvent(dead_e));

	/* CL_INVALID_COMMAND_QUEUE */
	cl_command_queue bad_q[] = {NULL, GARBAGE, dead_q, (cl_command_queue)t.context};
	for (int i = 0; i < 4; i++) {
		p = clEnqueueMapBuffer(bad_q[i], b, CL_TRUE, CL_MAP_READ, 0, 16, 0, NULL, NULL, &err);
		CHECK_ERR(err, CL_INVALID_COMMAND_QUEUE);
		CHECK(p == NULL);
		CHECK_ERR(clEnqueueUnmapMemObject(bad_q[i], b, p, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	}
	/* CL_INVALID_MEM_OBJECT */
	cl_mem bad_m[] = {NULL, GARBAGE, dead_b, (cl_mem)t.queue};
	for (int i = 0; i < 4; i++) {
		p = clEnqueueMapBuffer(t.queue, bad_m[i], CL_TRUE, CL_MAP_READ, 0, 16, 0, NULL, NULL, &err);
		CHECK_ERR(err, CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueUnmapMemObject(t.queue, bad_m[i], GARBAGE, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	}
	/* An image is not a buffer. */
	cl_image_format fmt = {CL_RGBA, CL_UNORM_INT8};
	cl_image_desc desc = {CL_MEM_OBJECT_IMAGE2D, 16, 16};
	cl_mem img = clCreateImage(t.context, CL_MEM_READ_WRITE, &fmt, &desc, NULL, &err);
	if (err == CL_SUCCESS) {
		p = clEnqueueMapBuffer(t.queue, img, CL_TRUE, CL_MAP_READ, 0, 16, 0, NULL, NULL, &err);
		CHECK_ERR(err, CL_INVALID_MEM_OBJECT);
		clReleaseMemObject(img);
	}
	/* CL_INVALID_CONTEXT: buffer or events of another context. */
	cl_mem ob;
	ob = clCreateBuffer(other, CL_MEM_READ_WRITE, 64, NULL, &err);
	CHECK_OK(err);
	p = clEnqueueMapBuffer(t.queue, ob, CL_TRUE, CL_MAP_READ, 0, 16, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueUnmapMemObject(t.queue, ob, GARBAGE, 0, NULL, NULL), CL_INVALID_CONTEXT);
	cl_event oe = clCreateUserEvent(other, &err);
	CHECK_OK(err);
	p = clEnqueueMapBuffer(t.queue, b, CL_TRUE, CL_MAP_READ, 0, 16, 1, &oe, NULL, &err);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	void *good = map(b, CL_MAP_READ, 0, 16, &err);
	CHECK_OK(err);
	CHECK_ERR(clEnqueueUnmapMemObject(t.queue, b, good, 1, &oe, NULL), CL_INVALID_CONTEXT);
	/* CL_INVALID_VALUE: bounds, size 0, flags. */
	p = map(b, CL_MAP_READ, 0, 4097, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	p = map(b, CL_MAP_READ, 4096, 1, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	p = map(b, CL_MAP_READ, 1, SIZE_MAX, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	p = map(b, CL_MAP_READ, 0, 0, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	p = map(b, CL_MAP_READ | CL_MAP_WRITE_INVALIDATE_REGION, 0, 16, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	p = map(b, CL_MAP_WRITE | CL_MAP_WRITE_INVALIDATE_REGION, 0, 16, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	p = map(b, 1 << 7, 0, 16, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(p == NULL);
	/* Unmap: a pointer never mapped, NULL, another object's pointer. */
	CHECK_ERR(clEnqueueUnmapMemObject(t.queue, b, (char *)good + 1, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueUnmapMemObject(t.queue, b, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	cl_mem b2 = buffer(CL_MEM_READ_WRITE, 64, NULL);
	CHECK_ERR(clEnqueueUnmapMemObject(t.queue, b2, good, 0, NULL, NULL), CL_INVALID_VALUE);
	/* CL_INVALID_EVENT_WAIT_LIST */
	cl_event ue = clCreateUserEvent(t.context, &err);
	cl_event bad_list[] = {GARBAGE};
	cl_event dead_list[] = {dead_e};
	cl_event wrong_kind[] = {(cl_event)t.queue};
	p = clEnqueueMapBuffer(t.queue, b, CL_TRUE, CL_MAP_READ, 0, 16, 1, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_EVENT_WAIT_LIST);
	p = clEnqueueMapBuffer(t.queue, b, CL_TRUE, CL_MAP_READ, 0, 16, 0, &ue, NULL, &err);
	CHECK_ERR(err, CL_INVALID_EVENT_WAIT_LIST);
	p = clEnqueueMapBuffer(t.queue, b, CL_TRUE, CL_MAP_READ, 0, 16, 1, bad_list, NULL, &err);
	CHECK_ERR(err, CL_INVALID_EVENT_WAIT_LIST);
	p = clEnqueueMapBuffer(t.queue, b, CL_TRUE, CL_MAP_READ, 0, 16, 1, dead_list, NULL, &err);
	CHECK_ERR(err, CL_INVALID_EVENT_WAIT_LIST);
	p = clEnqueueMapBuffer(t.queue, b, CL_TRUE, CL_MAP_READ, 0, 16, 1, wrong_kind, NULL, &err);
	CHECK_ERR(err, CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueUnmapMemObject(t.queue, b, good, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueUnmapMemObject(t.queue, b, good, 0, &ue, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueUnmapMemObject(t.queue, b, good, 1, bad_list, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueUnmapMemObject(t.queue, b, good, 1, dead_list, NULL), CL_INVALID_EVENT_WAIT_LIST);
	/* None of the failed calls left a mapping behind. */
	CHECK(map_count(b) == 1);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, b, good, 0, NULL, NULL));
	CHECK(map_count(b) == 0);

	/* CL_INVALID_OPERATION: CL_MEM_HOST_* flags. */
	struct { cl_mem_flags mf; cl_map_flags map; cl_int want; } host[] = {
		{CL_MEM_HOST_WRITE_ONLY, CL_MAP_READ, CL_INVALID_OPERATION},
		{CL_MEM_HOST_WRITE_ONLY, CL_MAP_WRITE, CL_SUCCESS},
		{CL_MEM_HOST_WRITE_ONLY, CL_MAP_WRITE_INVALIDATE_REGION, CL_SUCCESS},
		{CL_MEM_HOST_READ_ONLY, CL_MAP_READ, CL_SUCCESS},
		{CL_MEM_HOST_READ_ONLY, CL_MAP_WRITE, CL_INVALID_OPERATION},
		{CL_MEM_HOST_READ_ONLY, CL_MAP_WRITE_INVALIDATE_REGION, CL_INVALID_OPERATION},
		{CL_MEM_HOST_NO_ACCESS, CL_MAP_READ, CL_INVALID_OPERATION},
		{CL_MEM_HOST_NO_ACCESS, CL_MAP_WRITE, CL_INVALID_OPERATION},
		{CL_MEM_HOST_NO_ACCESS, CL_MAP_WRITE_INVALIDATE_REGION, CL_INVALID_OPERATION},
	};
	for (int i = 0; i < 9; i++) {
		cl_mem h = buffer(host[i].mf, 64, NULL);
		p = map(h, host[i].map, 0, 64, &err);
		CHECK_ERR(err, host[i].want);
		CHECK((p != NULL) == (host[i].want == CL_SUCCESS));
		if (p) CHECK_OK(clEnqueueUnmapMemObject(t.queue, h, p, 0, NULL, NULL));
		/* A sub-buffer inherits the host access flags. */
		cl_buffer_region r = {0, 64};
		cl_mem s = clCreateSubBuffer(h, 0, CL_BUFFER_CREATE_TYPE_REGION, &r, &err);
		CHECK_OK(err);
		p = map(s, host[i].map, 0, 64, &err);
		CHECK_ERR(err, host[i].want);
		if (p) CHECK_OK(clEnqueueUnmapMemObject(t.queue, s, p, 0, NULL, NULL));
		clReleaseMemObject(s);
		clReleaseMemObject(h);
	}

	/* CL_MISALIGNED_SUB_BUFFER_OFFSET: a misaligned sub-buffer is refused
	 * when it is made, so no map can meet one. */
	cl_uint align_bits = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_MEM_BASE_ADDR_ALIGN, sizeof align_bits, &align_bits, NULL));
	CHECK(align_bits >= 8);
	cl_buffer_region mis = {align_bits / 8 / 2, 64};
	cl_mem ms = clCreateSubBuffer(b, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &mis, &err);
	CHECK_ERR(err, CL_MISALIGNED_SUB_BUFFER_OFFSET);
	CHECK(ms == NULL);
	cl_buffer_region al = {align_bits / 8, 64};
	ms = clCreateSubBuffer(b, CL_MEM_READ_WRITE, CL_BUFFER_CREATE_TYPE_REGION, &al, &err);
	CHECK_OK(err);
	p = map(ms, CL_MAP_READ, 0, 64, &err);
	CHECK_OK(err);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, ms, p, 0, NULL, NULL));
	clReleaseMemObject(ms);

	/* CL_MAP_FAILURE cannot occur for USE_HOST_PTR or ALLOC_HOST_PTR
	 * buffers, nor here for any buffer: the storage is the mapping. */
	cl_mem ah = buffer(CL_MEM_ALLOC_HOST_PTR, 1 << 20, NULL);
	p = map(ah, CL_MAP_READ, 0, 1 << 20, &err);
	CHECK_OK(err);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, ah, p, 0, NULL, NULL));
	clReleaseMemObject(ah);

	clReleaseEvent(ue);
	clReleaseEvent(oe);
	clReleaseMemObject(ob);
	clReleaseMemObject(b2);
	clReleaseMemObject(b);
	clReleaseContext(other);
}

/* CL_MEM_OBJECT_ALLOCATION_FAILURE: storage is allocated on first use, so
 * a map can be the use that fails. Run in a child process whose address
 * space is limited (the library is loaded after the fork). */
static void test_allocation_failure(void) {
	pid_t pid = fork();
	if (pid == 0) {
		test_env c = test_setup();
		cl_int err;
		cl_ulong max = 0;
		clGetDeviceInfo(c.device, CL_DEVICE_MAX_MEM_ALLOC_SIZE, sizeof max, &max, NULL);
		size_t size = max > (8ull << 30) ? (8ull << 30) : (size_t)max;
		cl_mem big = clCreateBuffer(c.context, CL_MEM_READ_WRITE, size, NULL, &err);
		if (err != CL_SUCCESS) _exit(10);
		struct rlimit rl;
		getrlimit(RLIMIT_AS, &rl);
		FILE *f = fopen("/proc/self/statm", "r");
		unsigned long pages = 0;
		if (!f || fscanf(f, "%lu", &pages) != 1) _exit(11);
		fclose(f);
		rl.rlim_cur = pages * 4096 + (size / 2);
		if (setrlimit(RLIMIT_AS, &rl) != 0) _exit(12);
		void *p = clEnqueueMapBuffer(c.queue, big, CL_TRUE, CL_MAP_READ, 0, 4096, 0, NULL, NULL, &err);
		_exit(p == NULL && err == CL_MEM_OBJECT_ALLOCATION_FAILURE ? 0 : 13);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fprintf(stderr, "allocation failure child: status %d\n", st);
}

/* Several threads map, write, unmap and read back disjoint parts of one
 * buffer through one queue, and map the same part for reading. */
#define THREADS 8
#define ROUNDS 2000
static cl_mem shared_buf;
static void *worker(void *arg) {
	int id = (int)(intptr_t)arg;
	cl_int err;
	size_t off = (size_t)id * 4096;
	for (int r = 0; r < ROUNDS; r++) {
		int *p = clEnqueueMapBuffer(t.queue, shared_buf, CL_TRUE, CL_MAP_WRITE, off, 4096, 0, NULL, NULL, &err);
		if (err != CL_SUCCESS || !p) return (void *)1;
		for (int i = 0; i < 1024; i++) p[i] = id * 1000000 + r;
		if (clEnqueueUnmapMemObject(t.queue, shared_buf, p, 0, NULL, NULL) != CL_SUCCESS) return (void *)2;
		int back[1024];
		if (clEnqueueReadBuffer(t.queue, shared_buf, CL_TRUE, off, 4096, back, 0, NULL, NULL) != CL_SUCCESS) return (void *)3;
		if (back[0] != id * 1000000 + r || back[1023] != back[0]) return (void *)4;
		int *q = clEnqueueMapBuffer(t.queue, shared_buf, CL_TRUE, CL_MAP_READ, THREADS * 4096, 64, 0, NULL, NULL, &err);
		if (err != CL_SUCCESS) return (void *)5;
		if (clEnqueueUnmapMemObject(t.queue, shared_buf, q, 0, NULL, NULL) != CL_SUCCESS) return (void *)6;
	}
	return NULL;
}

static void test_threads(void) {
	cl_int err;
	shared_buf = clCreateBuffer(t.context, CL_MEM_READ_WRITE, (THREADS + 1) * 4096, NULL, &err);
	CHECK_OK(err);
	pthread_t th[THREADS];
	for (int i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(th[i], &r);
		CHECK(r == NULL);
	}
	CHECK(map_count(shared_buf) == 0);
	clReleaseMemObject(shared_buf);
}


/* Image maps: zero-copy with the row and slice pitch of the storage. */
static void test_image_maps(void) {
	cl_int err;
	size_t rp = 99, sp = 99;
	cl_image_format fmt = {CL_RGBA, CL_UNSIGNED_INT8};
	cl_image_desc d2 = {CL_MEM_OBJECT_IMAGE2D, 64, 32};
	cl_mem img = clCreateImage(t.context, CL_MEM_READ_WRITE, &fmt, &d2, NULL, &err);
	REQUIRE_OK(err);
	size_t origin[3] = {0, 0, 0}, whole[3] = {64, 32, 1};
	unsigned char *base = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_WRITE_INVALIDATE_REGION, origin, whole, &rp, &sp, 0, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK(rp >= 64 * 4 && sp == 0);
	for (int y = 0; y < 32; y++)
		for (int x = 0; x < 64 * 4; x++) base[y * rp + x] = (unsigned char)(x + y);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, img, base, 0, NULL, NULL));
	/* A sub-region maps to base + origin, with the same pitch. */
	size_t o2[3] = {3, 5, 0}, r2[3] = {4, 2, 1};
	unsigned char *p = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_READ, o2, r2, &rp, NULL, 0, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK(p == base + 5 * rp + 3 * 4);
	CHECK(p[0] == (unsigned char)(12 + 5) && p[rp + 1] == (unsigned char)(13 + 6));
	/* Overlapping image mappings for writing. */
	unsigned char *w = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_WRITE, origin, whole, &rp, NULL, 0, NULL, NULL, &err);
	CHECK_OK(err); /* a read mapping does not block a write mapping */
	void *w2 = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_WRITE, o2, r2, &rp, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	CHECK(w2 == NULL);
	cl_uint mc = 0;
	CHECK_OK(clGetMemObjectInfo(img, CL_MEM_MAP_COUNT, sizeof mc, &mc, NULL));
	CHECK(mc == 2);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, img, w, 0, NULL, NULL));
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, img, p, 0, NULL, NULL));
	/* The data written through the mapping is the image's. */
	unsigned char px[4];
	size_t o3[3] = {10, 20, 0}, one[3] = {1, 1, 1};
	CHECK_OK(clEnqueueReadImage(t.queue, img, CL_TRUE, o3, one, 0, 0, px, 0, NULL, NULL));
	CHECK(px[0] == 40 + 20 && px[3] == 43 + 20);
	/* Errors. */
	p = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_READ, o2, r2, NULL, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_VALUE); /* image_row_pitch NULL */
	size_t big[3] = {65, 1, 1};
	p = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_READ, origin, big, &rp, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	size_t zero[3] = {0, 1, 1};
	p = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_READ, origin, zero, &rp, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	p = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_READ, NULL, whole, &rp, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	p = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE_INVALIDATE_REGION, origin, whole, &rp, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	cl_mem buf = buffer(CL_MEM_READ_WRITE, 4096, NULL);
	p = clEnqueueMapImage(t.queue, buf, CL_TRUE, CL_MAP_READ, origin, one, &rp, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_MEM_OBJECT);
	CHECK(p == NULL);
	cl_event u = clCreateUserEvent(t.context, &err);
	clSetUserEventStatus(u, -5);
	p = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_READ, origin, one, &rp, NULL, 1, &u, NULL, &err);
	CHECK_ERR(err, CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST);
	clReleaseEvent(u);
	CHECK_OK(clGetMemObjectInfo(img, CL_MEM_MAP_COUNT, sizeof mc, &mc, NULL));
	CHECK(mc == 0);
	clReleaseMemObject(img);

	/* 3D: the slice pitch is reported and required. */
	cl_image_desc d3 = {CL_MEM_OBJECT_IMAGE3D, 8, 8, 4};
	img = clCreateImage(t.context, CL_MEM_READ_WRITE, &fmt, &d3, NULL, &err);
	REQUIRE_OK(err);
	size_t r3[3] = {8, 8, 4};
	p = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_READ, origin, r3, &rp, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	p = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_READ, origin, r3, &rp, &sp, 0, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK(rp >= 32 && sp >= rp * 8);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, img, p, 0, NULL, NULL));
	clReleaseMemObject(img);

	/* A 1D image buffer shares its buffer's storage: write mappings of the
	 * two overlap. */
	cl_image_desc d1 = {CL_MEM_OBJECT_IMAGE1D_BUFFER, 1024};
	d1.buffer = buf;
	img = clCreateImage(t.context, CL_MEM_READ_WRITE, &fmt, &d1, NULL, &err);
	REQUIRE_OK(err);
	void *bw = map(buf, CL_MAP_WRITE, 400, 8, &err);
	CHECK_OK(err);
	size_t o1[3] = {100, 0, 0}, r1[3] = {1, 1, 1};
	p = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_WRITE, o1, r1, &rp, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	o1[0] = 200;
	p = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_WRITE, o1, r1, &rp, NULL, 0, NULL, NULL, &err);
	CHECK_OK(err);
	CHECK(p == (unsigned char *)bw + 400);
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, img, p, 0, NULL, NULL));
	CHECK_OK(clEnqueueUnmapMemObject(t.queue, buf, bw, 0, NULL, NULL));
	clReleaseMemObject(img);

	/* Host access flags. */
	img = clCreateImage(t.context, CL_MEM_HOST_READ_ONLY, &fmt, &d2, NULL, &err);
	REQUIRE_OK(err);
	p = clEnqueueMapImage(t.queue, img, CL_TRUE, CL_MAP_WRITE, origin, whole, &rp, NULL, 0, NULL, NULL, &err);
	CHECK_ERR(err, CL_INVALID_OPERATION);
	clReleaseMemObject(img);
	clReleaseMemObject(buf);
}

int main(void) {
	test_allocation_failure();
	t = test_setup();
	test_zero_copy();
	test_map_count_and_overlap();
	test_events();
	test_errors_map();
	test_image_maps();
	test_threads();
	test_teardown(&t);
	return check_done();
}
