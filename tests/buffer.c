/* Buffers through the real loader: creation (every cl_mem_flags
 * combination, host pointers, sizes, properties), sub-buffers,
 * clGetMemObjectInfo, destructor callbacks, read/write/copy/fill and their
 * rect variants with checked contents and every error code, migration,
 * bad handles, and buffers used from many threads. Maps are in map.c. */
#include "check.h"
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

static test_env t;
static cl_context other;       /* a second context */
static size_t align;           /* CL_DEVICE_MEM_BASE_ADDR_ALIGN in bytes */
static cl_mem dead_mem;        /* a released buffer */
static cl_event dead_event;    /* a released event */
static cl_command_queue dead_q;

static int wait_for(atomic_int *v, int want) {
	double end = check_now() + 2;
	while (atomic_load(v) < want && check_now() < end) usleep(500);
	return atomic_load(v);
}

static cl_mem buffer(cl_mem_flags flags, size_t size, void *host) {
	cl_int err;
	cl_mem m = clCreateBuffer(t.context, flags, size, host, &err);
	REQUIRE_OK(err);
	return m;
}

static cl_mem sub_buffer(cl_mem parent, cl_mem_flags flags, size_t origin, size_t size, cl_int *err) {
	cl_buffer_region r = {origin, size};
	return clCreateSubBuffer(parent, flags, CL_BUFFER_CREATE_TYPE_REGION, &r, err);
}

static cl_mem_flags mem_flags(cl_mem m) {
	cl_mem_flags f = 0xdead;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_FLAGS, sizeof f, &f, NULL));
	return f;
}

static size_t mem_size_t(cl_mem m, cl_mem_info what) {
	size_t v = 0xdead;
	CHECK_OK(clGetMemObjectInfo(m, what, sizeof v, &v, NULL));
	return v;
}

static void *mem_ptr(cl_mem m, cl_mem_info what) {
	void *p = (void *)1;
	CHECK_OK(clGetMemObjectInfo(m, what, sizeof p, &p, NULL));
	return p;
}

static cl_int status_of(cl_event e) {
	cl_int s = 99;
	CHECK_OK(clGetEventInfo(e, CL_EVENT_COMMAND_EXECUTION_STATUS, sizeof s, &s, NULL));
	return s;
}

static cl_event user_event(void) {
	cl_int err;
	cl_event e = clCreateUserEvent(t.context, &err);
	REQUIRE_OK(err);
	return e;
}

static void fill_bytes(unsigned char *p, size_t n, int seed) {
	for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(i * 7 + seed * 13 + 3);
}

static int write_all(cl_mem m, const void *p, size_t n) {
	return clEnqueueWriteBuffer(t.queue, m, CL_TRUE, 0, n, p, 0, NULL, NULL);
}

static int read_all(cl_mem m, void *p, size_t n) {
	return clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, n, p, 0, NULL, NULL);
}

/* ---------------------------------------------------------------- creation */

#define ACCESS (CL_MEM_READ_WRITE | CL_MEM_WRITE_ONLY | CL_MEM_READ_ONLY)
#define HOSTACC (CL_MEM_HOST_WRITE_ONLY | CL_MEM_HOST_READ_ONLY | CL_MEM_HOST_NO_ACCESS)

static int at_most_one(cl_mem_flags f) { return (f & (f - 1)) == 0; }

/* Every combination of the nine buffer flags: valid ones make a buffer that
 * reports the flags as given and enforces its host access; each invalid
 * pair is CL_INVALID_VALUE. */
static void test_flag_combinations(void) {
	static const cl_mem_flags bits[9] = {CL_MEM_READ_WRITE, CL_MEM_WRITE_ONLY, CL_MEM_READ_ONLY,
		CL_MEM_USE_HOST_PTR, CL_MEM_ALLOC_HOST_PTR, CL_MEM_COPY_HOST_PTR,
		CL_MEM_HOST_WRITE_ONLY, CL_MEM_HOST_READ_ONLY, CL_MEM_HOST_NO_ACCESS};
	static int host[64] __attribute__((aligned(128)));
	int valid_count = 0, invalid_count = 0;
	for (int combo = 0; combo < 512; combo++) {
		cl_mem_flags f = 0;
		for (int b = 0; b < 9; b++)
			if (combo & (1 << b)) f |= bits[b];
		int valid = at_most_one(f & ACCESS) && at_most_one(f & HOSTACC) &&
			!((f & CL_MEM_USE_HOST_PTR) && (f & (CL_MEM_ALLOC_HOST_PTR | CL_MEM_COPY_HOST_PTR)));
		void *hp = (f & (CL_MEM_USE_HOST_PTR | CL_MEM_COPY_HOST_PTR)) ? host : NULL;
		cl_int err = 12345;
		cl_mem m = clCreateBuffer(t.context, f, sizeof host, hp, &err);
		if (!valid) {
			invalid_count++;
			CHECK_ERR(err, CL_INVALID_VALUE);
			CHECK(m == NULL);
			if (err != CL_INVALID_VALUE) fprintf(stderr, "  flags 0x%llx\n", (unsigned long long)f);
			continue;
		}
		valid_count++;
		CHECK_OK(err);
		if (!m) { fprintf(stderr, "  flags 0x%llx\n", (unsigned long long)f); continue; }
		CHECK(mem_flags(m) == f);
		int v[4] = {1, 2, 3, 4}, back[4];
		cl_int want_w = (f & (CL_MEM_HOST_READ_ONLY | CL_MEM_HOST_NO_ACCESS)) ? CL_INVALID_OPERATION : CL_SUCCESS;
		cl_int want_r = (f & (CL_MEM_HOST_WRITE_ONLY | CL_MEM_HOST_NO_ACCESS)) ? CL_INVALID_OPERATION : CL_SUCCESS;
		CHECK_ERR(clEnqueueWriteBuffer(t.queue, m, CL_TRUE, 0, sizeof v, v, 0, NULL, NULL), want_w);
		CHECK_ERR(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, sizeof back, back, 0, NULL, NULL), want_r);
		if (want_w == CL_SUCCESS && want_r == CL_SUCCESS) CHECK(memcmp(v, back, sizeof v) == 0);
		CHECK_OK(clReleaseMemObject(m));
	}
	/* 4 access choices x 4 host-access choices x 5 host-pointer choices
	 * (none, USE, ALLOC, COPY, ALLOC|COPY). */
	CHECK(valid_count == 4 * 4 * 5);
	CHECK(invalid_count == 512 - 4 * 4 * 5);

	/* Bits that are no buffer flag. */
	cl_mem_flags unknown[] = {(cl_mem_flags)1 << 20, (cl_mem_flags)1 << 40, CL_MEM_READ_WRITE | ((cl_mem_flags)1 << 31)};
	for (int i = 0; i < 3; i++) {
		cl_int err;
		cl_mem m = clCreateBuffer(t.context, unknown[i], 64, NULL, &err);
		CHECK_ERR(err, CL_INVALID_VALUE);
		CHECK(m == NULL);
	}
}

static void test_host_ptr_modes(void) {
	cl_int err;
	/* USE_HOST_PTR: the buffer is the host memory. */
	static int host[1024] __attribute__((aligned(128)));
	for (int i = 0; i < 1024; i++) host[i] = i;
	cl_mem m = buffer(CL_MEM_USE_HOST_PTR, sizeof host, host);
	CHECK(mem_ptr(m, CL_MEM_HOST_PTR) == host);
	int back[1024];
	CHECK_OK(read_all(m, back, sizeof back));
	CHECK(back[0] == 0 && back[1023] == 1023);
	int v[4] = {-1, -2, -3, -4};
	CHECK_OK(clEnqueueWriteBuffer(t.queue, m, CL_TRUE, 400, sizeof v, v, 0, NULL, NULL));
	CHECK(host[100] == -1 && host[103] == -4 && host[99] == 99 && host[104] == 104);
	int pat = 77;
	CHECK_OK(clEnqueueFillBuffer(t.queue, m, &pat, sizeof pat, 0, 16, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	CHECK(host[0] == 77 && host[3] == 77 && host[4] == 4);
	host[500] = 5000;
	CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 2000, sizeof v[0], v, 0, NULL, NULL));
	CHECK(v[0] == 5000);
	CHECK_OK(clReleaseMemObject(m));

	/* COPY_HOST_PTR: copied at creation, the host memory is free afterwards. */
	int src[256];
	for (int i = 0; i < 256; i++) src[i] = i * 3;
	cl_mem_flags copies[] = {CL_MEM_COPY_HOST_PTR, CL_MEM_COPY_HOST_PTR | CL_MEM_ALLOC_HOST_PTR,
		CL_MEM_COPY_HOST_PTR | CL_MEM_READ_ONLY, CL_MEM_COPY_HOST_PTR | CL_MEM_HOST_READ_ONLY};
	for (int k = 0; k < 4; k++) {
		for (int i = 0; i < 256; i++) src[i] = i * 3 + k;
		m = buffer(copies[k], sizeof src, src);
		for (int i = 0; i < 256; i++) src[i] = -1;
		CHECK(mem_ptr(m, CL_MEM_HOST_PTR) == NULL);
		int b2[256];
		CHECK_OK(read_all(m, b2, sizeof b2));
		CHECK(b2[0] == k && b2[255] == 765 + k);
		CHECK_OK(clReleaseMemObject(m));
	}
	/* ALLOC_HOST_PTR and no flag: usable storage, no host pointer. */
	m = buffer(CL_MEM_ALLOC_HOST_PTR, 4096, NULL);
	CHECK(mem_ptr(m, CL_MEM_HOST_PTR) == NULL);
	CHECK_OK(write_all(m, src, sizeof src));
	CHECK_OK(clReleaseMemObject(m));
	m = clCreateBuffer(t.context, 0, 4096, NULL, &err);
	CHECK_OK(err);
	CHECK(mem_flags(m) == 0);
	CHECK_OK(clReleaseMemObject(m));

	/* CL_INVALID_HOST_PTR. */
	struct { cl_mem_flags f; void *p; } bad[] = {
		{CL_MEM_USE_HOST_PTR, NULL}, {CL_MEM_COPY_HOST_PTR, NULL}, {CL_MEM_COPY_HOST_PTR | CL_MEM_ALLOC_HOST_PTR, NULL},
		{0, src}, {CL_MEM_READ_WRITE, src}, {CL_MEM_ALLOC_HOST_PTR, src}, {CL_MEM_HOST_READ_ONLY, src},
	};
	for (int i = 0; i < 7; i++) {
		m = clCreateBuffer(t.context, bad[i].f, 64, bad[i].p, &err);
		CHECK_ERR(err, CL_INVALID_HOST_PTR);
		CHECK(m == NULL);
	}

	/* CL_INVALID_BUFFER_SIZE: 0, and above CL_DEVICE_MAX_MEM_ALLOC_SIZE. */
	cl_ulong max = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_MAX_MEM_ALLOC_SIZE, sizeof max, &max, NULL));
	m = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 0, NULL, &err);
	CHECK_ERR(err, CL_INVALID_BUFFER_SIZE);
	CHECK(m == NULL);
	m = clCreateBuffer(t.context, CL_MEM_USE_HOST_PTR, 0, src, &err);
	CHECK_ERR(err, CL_INVALID_BUFFER_SIZE);
	m = clCreateBuffer(t.context, CL_MEM_READ_WRITE, (size_t)max + 1, NULL, &err);
	CHECK_ERR(err, CL_INVALID_BUFFER_SIZE);
	CHECK(m == NULL);
	m = clCreateBuffer(t.context, CL_MEM_READ_WRITE, SIZE_MAX, NULL, &err);
	CHECK_ERR(err, CL_INVALID_BUFFER_SIZE);
	/* Flags come before the size, the size before the host pointer. */
	m = clCreateBuffer(t.context, CL_MEM_READ_ONLY | CL_MEM_WRITE_ONLY, 0, NULL, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	m = clCreateBuffer(t.context, CL_MEM_USE_HOST_PTR, 0, NULL, &err);
	CHECK_ERR(err, CL_INVALID_BUFFER_SIZE);

	/* CL_INVALID_CONTEXT. */
	cl_context bad_ctx[] = {NULL, GARBAGE, (cl_context)t.queue, (cl_context)t.device};
	for (int i = 0; i < 4; i++) {
		m = clCreateBuffer(bad_ctx[i], CL_MEM_READ_WRITE, 64, NULL, &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		CHECK(m == NULL);
		m = clCreateBufferWithProperties(bad_ctx[i], NULL, CL_MEM_READ_WRITE, 64, NULL, &err);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
	}
	cl_context dead_ctx = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	clReleaseContext(dead_ctx);
	m = clCreateBuffer(dead_ctx, CL_MEM_READ_WRITE, 64, NULL, &err);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
}

static void test_with_properties(void) {
	cl_int err;
	size_t size = 1234;
	cl_mem m = clCreateBufferWithProperties(t.context, NULL, CL_MEM_READ_WRITE, 256, NULL, &err);
	CHECK_OK(err);
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_PROPERTIES, 0, NULL, &size));
	CHECK(size == 0);
	CHECK_OK(clReleaseMemObject(m));
	cl_mem_properties empty[] = {0};
	m = clCreateBufferWithProperties(t.context, empty, CL_MEM_READ_ONLY, 256, NULL, &err);
	CHECK_OK(err);
	cl_mem_properties got[4] = {99, 99};
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_PROPERTIES, sizeof got, got, &size));
	CHECK(size == sizeof empty && got[0] == 0);
	CHECK(mem_flags(m) == CL_MEM_READ_ONLY);
	CHECK_OK(clReleaseMemObject(m));
	/* clCreateBuffer: no properties. */
	m = buffer(CL_MEM_READ_WRITE, 64, NULL);
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_PROPERTIES, 0, NULL, &size));
	CHECK(size == 0);
	CHECK_OK(clReleaseMemObject(m));
	/* With a host pointer. */
	int src[16] = {7};
	m = clCreateBufferWithProperties(t.context, empty, CL_MEM_COPY_HOST_PTR, sizeof src, src, &err);
	CHECK_OK(err);
	int back[16];
	CHECK_OK(read_all(m, back, sizeof back));
	CHECK(back[0] == 7);
	CHECK_OK(clReleaseMemObject(m));
	/* Unknown property names. */
	cl_mem_properties unknown[] = {0x7777, 1, 0};
	m = clCreateBufferWithProperties(t.context, unknown, CL_MEM_READ_WRITE, 64, NULL, &err);
	CHECK_ERR(err, CL_INVALID_PROPERTY);
	CHECK(m == NULL);
	/* Properties are checked before flags, size and host pointer. */
	m = clCreateBufferWithProperties(t.context, unknown, CL_MEM_READ_ONLY | CL_MEM_WRITE_ONLY, 0, src, &err);
	CHECK_ERR(err, CL_INVALID_PROPERTY);
	m = clCreateBufferWithProperties(t.context, empty, CL_MEM_READ_ONLY | CL_MEM_WRITE_ONLY, 64, NULL, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	m = clCreateBufferWithProperties(t.context, empty, CL_MEM_READ_WRITE, 0, NULL, &err);
	CHECK_ERR(err, CL_INVALID_BUFFER_SIZE);
	m = clCreateBufferWithProperties(t.context, empty, CL_MEM_USE_HOST_PTR, 64, NULL, &err);
	CHECK_ERR(err, CL_INVALID_HOST_PTR);
}

/* -------------------------------------------------------------- sub-buffers */

static void test_sub_buffers(void) {
	cl_int err;
	cl_mem s;
	/* Access flags: a sub-buffer may narrow, never widen. */
	struct { cl_mem_flags parent, sub; cl_int want; cl_mem_flags got; } cases[] = {
		{CL_MEM_READ_WRITE, 0, CL_SUCCESS, CL_MEM_READ_WRITE},
		{CL_MEM_READ_WRITE, CL_MEM_READ_ONLY, CL_SUCCESS, CL_MEM_READ_ONLY},
		{CL_MEM_READ_WRITE, CL_MEM_WRITE_ONLY, CL_SUCCESS, CL_MEM_WRITE_ONLY},
		{CL_MEM_WRITE_ONLY, 0, CL_SUCCESS, CL_MEM_WRITE_ONLY},
		{CL_MEM_WRITE_ONLY, CL_MEM_WRITE_ONLY, CL_SUCCESS, CL_MEM_WRITE_ONLY},
		{CL_MEM_WRITE_ONLY, CL_MEM_READ_WRITE, CL_INVALID_VALUE, 0},
		{CL_MEM_WRITE_ONLY, CL_MEM_READ_ONLY, CL_INVALID_VALUE, 0},
		{CL_MEM_READ_ONLY, 0, CL_SUCCESS, CL_MEM_READ_ONLY},
		{CL_MEM_READ_ONLY, CL_MEM_READ_WRITE, CL_INVALID_VALUE, 0},
		{CL_MEM_READ_ONLY, CL_MEM_WRITE_ONLY, CL_INVALID_VALUE, 0},
		{0, 0, CL_SUCCESS, 0},
		{0, CL_MEM_READ_ONLY, CL_SUCCESS, CL_MEM_READ_ONLY},
		/* Host access. */
		{CL_MEM_HOST_WRITE_ONLY, 0, CL_SUCCESS, CL_MEM_HOST_WRITE_ONLY},
		{CL_MEM_HOST_WRITE_ONLY, CL_MEM_HOST_READ_ONLY, CL_INVALID_VALUE, 0},
		{CL_MEM_HOST_WRITE_ONLY, CL_MEM_HOST_NO_ACCESS, CL_SUCCESS, CL_MEM_HOST_NO_ACCESS},
		{CL_MEM_HOST_READ_ONLY, CL_MEM_HOST_WRITE_ONLY, CL_INVALID_VALUE, 0},
		{CL_MEM_HOST_READ_ONLY, CL_MEM_HOST_READ_ONLY, CL_SUCCESS, CL_MEM_HOST_READ_ONLY},
		{CL_MEM_HOST_NO_ACCESS, CL_MEM_HOST_READ_ONLY, CL_INVALID_VALUE, 0},
		{CL_MEM_HOST_NO_ACCESS, CL_MEM_HOST_WRITE_ONLY, CL_INVALID_VALUE, 0},
		{CL_MEM_HOST_NO_ACCESS, 0, CL_SUCCESS, CL_MEM_HOST_NO_ACCESS},
		{CL_MEM_READ_WRITE, CL_MEM_HOST_READ_ONLY, CL_SUCCESS, CL_MEM_READ_WRITE | CL_MEM_HOST_READ_ONLY},
		{CL_MEM_READ_ONLY | CL_MEM_HOST_READ_ONLY, CL_MEM_HOST_NO_ACCESS, CL_SUCCESS, CL_MEM_READ_ONLY | CL_MEM_HOST_NO_ACCESS},
		/* Host pointer flags are never given, only inherited. */
		{CL_MEM_READ_WRITE, CL_MEM_USE_HOST_PTR, CL_INVALID_VALUE, 0},
		{CL_MEM_READ_WRITE, CL_MEM_ALLOC_HOST_PTR, CL_INVALID_VALUE, 0},
		{CL_MEM_READ_WRITE, CL_MEM_COPY_HOST_PTR, CL_INVALID_VALUE, 0},
		{CL_MEM_ALLOC_HOST_PTR, CL_MEM_ALLOC_HOST_PTR, CL_INVALID_VALUE, 0},
		{CL_MEM_ALLOC_HOST_PTR, 0, CL_SUCCESS, CL_MEM_ALLOC_HOST_PTR},
		/* Flags that are invalid in themselves. */
		{CL_MEM_READ_WRITE, CL_MEM_READ_ONLY | CL_MEM_WRITE_ONLY, CL_INVALID_VALUE, 0},
		{CL_MEM_READ_WRITE, CL_MEM_HOST_READ_ONLY | CL_MEM_HOST_WRITE_ONLY, CL_INVALID_VALUE, 0},
		{CL_MEM_READ_WRITE, (cl_mem_flags)1 << 20, CL_INVALID_VALUE, 0},
	};
	int n = (int)(sizeof cases / sizeof cases[0]);
	for (int i = 0; i < n; i++) {
		cl_mem p = buffer(cases[i].parent, 4 * align, NULL);
		s = sub_buffer(p, cases[i].sub, align, align, &err);
		CHECK_ERR(err, cases[i].want);
		if (err != cases[i].want) fprintf(stderr, "  case %d\n", i);
		if (cases[i].want == CL_SUCCESS && s) {
			CHECK(mem_flags(s) == cases[i].got);
			if (mem_flags(s) != cases[i].got) fprintf(stderr, "  case %d: flags 0x%llx\n", i, (unsigned long long)mem_flags(s));
			CHECK_OK(clReleaseMemObject(s));
		} else {
			CHECK(s == NULL);
		}
		CHECK_OK(clReleaseMemObject(p));
	}

	/* Inheritance of the host pointer flags, and CL_MEM_HOST_PTR. */
	static char host[8192] __attribute__((aligned(4096)));
	cl_mem p = buffer(CL_MEM_USE_HOST_PTR | CL_MEM_READ_ONLY | CL_MEM_HOST_READ_ONLY, sizeof host, host);
	s = sub_buffer(p, 0, 2 * align, align, &err);
	CHECK_OK(err);
	CHECK(mem_flags(s) == (CL_MEM_USE_HOST_PTR | CL_MEM_READ_ONLY | CL_MEM_HOST_READ_ONLY));
	CHECK(mem_ptr(s, CL_MEM_HOST_PTR) == host + 2 * align);
	host[2 * align + 5] = 42;
	char c = 0;
	CHECK_OK(clEnqueueReadBuffer(t.queue, s, CL_TRUE, 5, 1, &c, 0, NULL, NULL));
	CHECK(c == 42);
	/* ... and the inherited host access. */
	CHECK_ERR(clEnqueueWriteBuffer(t.queue, s, CL_TRUE, 0, 1, &c, 0, NULL, NULL), CL_INVALID_OPERATION);
	clReleaseMemObject(s);
	clReleaseMemObject(p);
	p = buffer(CL_MEM_COPY_HOST_PTR | CL_MEM_ALLOC_HOST_PTR, sizeof host, host);
	s = sub_buffer(p, CL_MEM_WRITE_ONLY, 0, align, &err);
	CHECK_OK(err);
	CHECK(mem_flags(s) == (CL_MEM_COPY_HOST_PTR | CL_MEM_ALLOC_HOST_PTR | CL_MEM_WRITE_ONLY));
	CHECK(mem_ptr(s, CL_MEM_HOST_PTR) == NULL);
	clReleaseMemObject(s);
	clReleaseMemObject(p);

	/* Queries. */
	p = buffer(CL_MEM_READ_WRITE, 4 * align, NULL);
	s = sub_buffer(p, 0, align, 2 * align, &err);
	CHECK_OK(err);
	CHECK(mem_ptr(s, CL_MEM_ASSOCIATED_MEMOBJECT) == p);
	CHECK(mem_size_t(s, CL_MEM_OFFSET) == align);
	CHECK(mem_size_t(s, CL_MEM_SIZE) == 2 * align);
	CHECK(mem_ptr(s, CL_MEM_CONTEXT) == t.context);
	cl_mem_object_type ty = 0;
	CHECK_OK(clGetMemObjectInfo(s, CL_MEM_TYPE, sizeof ty, &ty, NULL));
	CHECK(ty == CL_MEM_OBJECT_BUFFER);
	CHECK(mem_ptr(p, CL_MEM_ASSOCIATED_MEMOBJECT) == NULL);
	CHECK(mem_size_t(p, CL_MEM_OFFSET) == 0);
	/* A whole-buffer sub-buffer and the last byte. */
	cl_mem whole = sub_buffer(p, 0, 0, 4 * align, &err);
	CHECK_OK(err);
	cl_mem last = sub_buffer(p, 0, 3 * align, align, &err);
	CHECK_OK(err);

	/* Data is shared with the parent, both ways. */
	unsigned char pd[512], sd[256];
	fill_bytes(pd, sizeof pd, 1);
	CHECK_OK(clEnqueueWriteBuffer(t.queue, p, CL_TRUE, align, align, pd, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, s, CL_TRUE, 0, align, sd, 0, NULL, NULL));
	CHECK(memcmp(pd, sd, align) == 0);
	fill_bytes(sd, sizeof sd, 2);
	CHECK_OK(clEnqueueWriteBuffer(t.queue, s, CL_TRUE, align, align, sd, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, p, CL_TRUE, 2 * align, align, pd, 0, NULL, NULL));
	CHECK(memcmp(pd, sd, align) == 0);
	CHECK_OK(clEnqueueReadBuffer(t.queue, whole, CL_TRUE, 2 * align, align, pd, 0, NULL, NULL));
	CHECK(memcmp(pd, sd, align) == 0);

	/* A sub-buffer of a sub-buffer: CL_INVALID_MEM_OBJECT. */
	cl_mem ss = sub_buffer(s, 0, 0, align, &err);
	CHECK_ERR(err, CL_INVALID_MEM_OBJECT);
	CHECK(ss == NULL);
	/* Bounds: CL_INVALID_VALUE; size 0: CL_INVALID_BUFFER_SIZE. */
	size_t oob[][2] = {{0, 4 * align + 1}, {align, 3 * align + 1}, {4 * align, align}, {8 * align, align},
		{align, SIZE_MAX - align + 1}, {SIZE_MAX - align + 1, align}};
	for (int i = 0; i < 6; i++) {
		ss = sub_buffer(p, 0, oob[i][0], oob[i][1], &err);
		CHECK_ERR(err, CL_INVALID_VALUE);
		CHECK(ss == NULL);
	}
	ss = sub_buffer(p, 0, 0, 0, &err);
	CHECK_ERR(err, CL_INVALID_BUFFER_SIZE);
	CHECK(ss == NULL);
	ss = sub_buffer(p, 0, align, 0, &err);
	CHECK_ERR(err, CL_INVALID_BUFFER_SIZE);
	/* Misaligned origins. */
	size_t mis[] = {1, align / 2, align + 4, 3 * align - 1};
	for (int i = 0; i < 4; i++) {
		ss = sub_buffer(p, 0, mis[i], 8, &err);
		CHECK_ERR(err, CL_MISALIGNED_SUB_BUFFER_OFFSET);
		CHECK(ss == NULL);
	}
	/* Create type and info. */
	cl_buffer_region r = {0, align};
	ss = clCreateSubBuffer(p, 0, 0x7777, &r, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(ss == NULL);
	ss = clCreateSubBuffer(p, 0, CL_BUFFER_CREATE_TYPE_REGION, NULL, &err);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(ss == NULL);
	/* errcode_ret may be NULL. */
	ss = clCreateSubBuffer(p, 0, CL_BUFFER_CREATE_TYPE_REGION, &r, NULL);
	CHECK(ss != NULL);
	clReleaseMemObject(ss);
	/* Bad buffers. */
	cl_mem bad[] = {NULL, GARBAGE, dead_mem, (cl_mem)t.queue, (cl_mem)t.context};
	for (int i = 0; i < 5; i++) {
		ss = clCreateSubBuffer(bad[i], 0, CL_BUFFER_CREATE_TYPE_REGION, &r, &err);
		CHECK_ERR(err, CL_INVALID_MEM_OBJECT);
		CHECK(ss == NULL);
	}
	/* An image is no buffer. */
	cl_image_format fmt = {CL_RGBA, CL_UNORM_INT8};
	cl_image_desc desc = {CL_MEM_OBJECT_IMAGE2D, 16, 16};
	cl_mem img = clCreateImage(t.context, CL_MEM_READ_WRITE, &fmt, &desc, NULL, &err);
	if (err == CL_SUCCESS) {
		ss = clCreateSubBuffer(img, 0, CL_BUFFER_CREATE_TYPE_REGION, &r, &err);
		CHECK_ERR(err, CL_INVALID_MEM_OBJECT);
		clReleaseMemObject(img);
	}
	clReleaseMemObject(whole);
	clReleaseMemObject(last);
	clReleaseMemObject(s);
	clReleaseMemObject(p);
}

/* ------------------------------------------------------------------ queries */

static void test_info(void) {
	cl_int err;
	static char host[4096] __attribute__((aligned(4096)));
	cl_mem m = buffer(CL_MEM_USE_HOST_PTR | CL_MEM_HOST_READ_ONLY, 1000, host);
	size_t size = 0;
	cl_mem_object_type ty = 0;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_TYPE, sizeof ty, &ty, &size));
	CHECK(ty == CL_MEM_OBJECT_BUFFER && size == sizeof ty);
	cl_mem_flags f = 0;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_FLAGS, sizeof f, &f, &size));
	CHECK(f == (CL_MEM_USE_HOST_PTR | CL_MEM_HOST_READ_ONLY) && size == sizeof f);
	size_t sz = 0;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_SIZE, sizeof sz, &sz, &size));
	CHECK(sz == 1000 && size == sizeof sz);
	void *hp = NULL;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_HOST_PTR, sizeof hp, &hp, &size));
	CHECK(hp == host && size == sizeof hp);
	cl_uint u = 99;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_MAP_COUNT, sizeof u, &u, &size));
	CHECK(u == 0 && size == sizeof u);
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_REFERENCE_COUNT, sizeof u, &u, &size));
	CHECK(u == 1 && size == sizeof u);
	CHECK_OK(clRetainMemObject(m));
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_REFERENCE_COUNT, sizeof u, &u, &size));
	CHECK(u == 2);
	CHECK_OK(clReleaseMemObject(m));
	cl_context c = NULL;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_CONTEXT, sizeof c, &c, &size));
	CHECK(c == t.context && size == sizeof c);
	cl_mem a = GARBAGE;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_ASSOCIATED_MEMOBJECT, sizeof a, &a, &size));
	CHECK(a == NULL && size == sizeof a);
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_OFFSET, sizeof sz, &sz, &size));
	CHECK(sz == 0 && size == sizeof sz);
	cl_bool b = CL_TRUE;
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_USES_SVM_POINTER, sizeof b, &b, &size));
	CHECK(b == CL_FALSE && size == sizeof b);
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_PROPERTIES, 0, NULL, &size));
	CHECK(size == 0);
	/* Size protocol and unknown names. */
	CHECK_ERR(clGetMemObjectInfo(m, CL_MEM_SIZE, sizeof sz - 1, &sz, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetMemObjectInfo(m, CL_MEM_FLAGS, 4, &f, NULL), CL_INVALID_VALUE);
	CHECK_OK(clGetMemObjectInfo(m, CL_MEM_SIZE, 0, NULL, NULL));
	CHECK_ERR(clGetMemObjectInfo(m, 0x7777, sizeof sz, &sz, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetMemObjectInfo(m, CL_IMAGE_WIDTH, sizeof sz, &sz, NULL), CL_INVALID_VALUE);
	/* USE_HOST_PTR of SVM memory, if the device has SVM. */
	void *svm = clSVMAlloc(t.context, CL_MEM_READ_WRITE, 4096, 0);
	if (svm) {
		cl_mem sb = buffer(CL_MEM_USE_HOST_PTR, 4096, svm);
		CHECK_OK(clGetMemObjectInfo(sb, CL_MEM_USES_SVM_POINTER, sizeof b, &b, NULL));
		CHECK(b == CL_TRUE);
		cl_mem ssb = sub_buffer(sb, 0, align, align, &err);
		CHECK_OK(err);
		b = CL_FALSE;
		CHECK_OK(clGetMemObjectInfo(ssb, CL_MEM_USES_SVM_POINTER, sizeof b, &b, NULL));
		CHECK(b == CL_TRUE);
		clReleaseMemObject(ssb);
		clReleaseMemObject(sb);
		clSVMFree(t.context, svm);
	}
	CHECK_OK(clReleaseMemObject(m));

	/* Bad handles. */
	cl_mem bad[] = {NULL, GARBAGE, dead_mem, (cl_mem)t.queue, (cl_mem)t.context};
	for (int i = 0; i < 5; i++) {
		CHECK_ERR(clGetMemObjectInfo(bad[i], CL_MEM_SIZE, sizeof sz, &sz, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clRetainMemObject(bad[i]), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clReleaseMemObject(bad[i]), CL_INVALID_MEM_OBJECT);
	}
}

/* ------------------------------------------------------- destructor callbacks */

static atomic_int dtor_calls;
static intptr_t dtor_order[16];
static cl_mem dtor_mem[16];
static void CL_CALLBACK record_destructor(cl_mem m, void *user) {
	int i = atomic_fetch_add(&dtor_calls, 1);
	if (i < 16) {
		dtor_order[i] = (intptr_t)user;
		dtor_mem[i] = m;
	}
}
static void CL_CALLBACK noop_destructor(cl_mem m, void *user) { (void)m; (void)user; }

static void test_destructors(void) {
	cl_int err;
	/* Reverse order of registration, once, at the last release. */
	atomic_store(&dtor_calls, 0);
	cl_mem m = buffer(CL_MEM_READ_WRITE, 256, NULL);
	for (intptr_t i = 1; i <= 3; i++) CHECK_OK(clSetMemObjectDestructorCallback(m, record_destructor, (void *)i));
	CHECK_OK(clRetainMemObject(m));
	CHECK_OK(clReleaseMemObject(m));
	CHECK(atomic_load(&dtor_calls) == 0);
	CHECK_OK(clReleaseMemObject(m));
	CHECK(wait_for(&dtor_calls, 3) == 3);
	CHECK(dtor_order[0] == 3 && dtor_order[1] == 2 && dtor_order[2] == 1);
	CHECK(dtor_mem[0] == m && dtor_mem[2] == m);
	usleep(10000);
	CHECK(atomic_load(&dtor_calls) == 3);

	/* After the commands that use it have ended. */
	atomic_store(&dtor_calls, 0);
	m = buffer(CL_MEM_READ_WRITE, 4096, NULL);
	CHECK_OK(clSetMemObjectDestructorCallback(m, record_destructor, (void *)7));
	cl_event gate = user_event(), w;
	static int data[1024];
	CHECK_OK(clEnqueueWriteBuffer(t.queue, m, CL_FALSE, 0, sizeof data, data, 1, &gate, &w));
	CHECK_OK(clReleaseMemObject(m));
	usleep(20000);
	CHECK(atomic_load(&dtor_calls) == 0);
	CHECK(status_of(w) > CL_COMPLETE);
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &w));
	CHECK(wait_for(&dtor_calls, 1) == 1);
	CHECK(dtor_order[0] == 7 && dtor_mem[0] == m);
	clReleaseEvent(w);
	clReleaseEvent(gate);

	/* A sub-buffer keeps its parent alive after the application released it. */
	atomic_store(&dtor_calls, 0);
	cl_mem p = buffer(CL_MEM_READ_WRITE, 4 * align, NULL);
	CHECK_OK(clSetMemObjectDestructorCallback(p, record_destructor, (void *)100));
	cl_mem s = sub_buffer(p, 0, align, align, &err);
	CHECK_OK(err);
	CHECK_OK(clSetMemObjectDestructorCallback(s, record_destructor, (void *)200));
	unsigned char in[256], out[256];
	fill_bytes(in, sizeof in, 5);
	CHECK_OK(clEnqueueWriteBuffer(t.queue, p, CL_TRUE, align, align, in, 0, NULL, NULL));
	CHECK_OK(clReleaseMemObject(p));
	usleep(10000);
	CHECK(atomic_load(&dtor_calls) == 0);
	CHECK_ERR(clGetMemObjectInfo(p, CL_MEM_SIZE, sizeof(size_t), out, NULL), CL_INVALID_MEM_OBJECT);
	CHECK(mem_ptr(s, CL_MEM_ASSOCIATED_MEMOBJECT) == p);
	CHECK_OK(clEnqueueReadBuffer(t.queue, s, CL_TRUE, 0, align, out, 0, NULL, NULL));
	CHECK(memcmp(in, out, align) == 0);
	fill_bytes(in, sizeof in, 6);
	CHECK_OK(clEnqueueWriteBuffer(t.queue, s, CL_TRUE, 0, align, in, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, s, CL_TRUE, 0, align, out, 0, NULL, NULL));
	CHECK(memcmp(in, out, align) == 0);
	CHECK_OK(clReleaseMemObject(s));
	CHECK(wait_for(&dtor_calls, 2) == 2);
	/* The sub-buffer goes first: it held the parent. */
	CHECK(dtor_order[0] == 200 && dtor_order[1] == 100);
	CHECK(dtor_mem[0] == s && dtor_mem[1] == p);

	/* Errors. */
	m = buffer(CL_MEM_READ_WRITE, 64, NULL);
	CHECK_ERR(clSetMemObjectDestructorCallback(m, NULL, NULL), CL_INVALID_VALUE);
	cl_mem bad[] = {NULL, GARBAGE, dead_mem, (cl_mem)t.queue};
	for (int i = 0; i < 4; i++) {
		CHECK_ERR(clSetMemObjectDestructorCallback(bad[i], noop_destructor, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clSetMemObjectDestructorCallback(bad[i], NULL, NULL), CL_INVALID_MEM_OBJECT);
	}
	clReleaseMemObject(m);
}

/* ---------------------------------------------------------- read and write */

static void test_read_write(void) {
	cl_int err;
	enum { N = 1024 };
	cl_mem m = buffer(CL_MEM_READ_WRITE, N, NULL);
	unsigned char model[N], in[N], out[N];
	memset(model, 0, N);
	CHECK_OK(write_all(m, model, N));
	/* Pieces at odd offsets. */
	size_t pieces[][2] = {{0, 1}, {1, 100}, {101, 3}, {500, 524}, {1023, 1}, {0, N}, {777, 33}};
	for (int i = 0; i < 7; i++) {
		fill_bytes(in, pieces[i][1], i + 1);
		CHECK_OK(clEnqueueWriteBuffer(t.queue, m, CL_TRUE, pieces[i][0], pieces[i][1], in, 0, NULL, NULL));
		memcpy(model + pieces[i][0], in, pieces[i][1]);
		memset(out, 0xee, N);
		CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, pieces[i][0], pieces[i][1], out, 0, NULL, NULL));
		CHECK(memcmp(out, in, pieces[i][1]) == 0);
		CHECK(pieces[i][1] == N || out[pieces[i][1]] == 0xee);
	}
	CHECK_OK(read_all(m, out, N));
	CHECK(memcmp(out, model, N) == 0);

	/* Non-blocking, with events and wait lists. */
	cl_event gate = user_event(), w, r;
	fill_bytes(in, N, 9);
	CHECK_OK(clEnqueueWriteBuffer(t.queue, m, CL_FALSE, 0, N, in, 1, &gate, &w));
	memset(out, 0, N);
	CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_FALSE, 0, N, out, 1, &w, &r));
	usleep(10000);
	CHECK(status_of(w) > CL_COMPLETE && status_of(r) > CL_COMPLETE);
	CHECK(out[5] == 0);
	cl_command_type ct;
	CHECK_OK(clGetEventInfo(w, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_WRITE_BUFFER);
	CHECK_OK(clGetEventInfo(r, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_READ_BUFFER);
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &r));
	CHECK(status_of(w) == CL_COMPLETE);
	CHECK(memcmp(in, out, N) == 0);
	/* A blocking read behind a non-blocking write on an out-of-order queue,
	 * ordered by its wait list. */
	cl_queue_properties po[] = {CL_QUEUE_PROPERTIES, CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE, 0};
	cl_command_queue ooo = clCreateCommandQueueWithProperties(t.context, t.device, po, &err);
	CHECK_OK(err);
	cl_event g2 = user_event(), w2;
	fill_bytes(in, N, 10);
	CHECK_OK(clEnqueueWriteBuffer(ooo, m, CL_FALSE, 0, N, in, 1, &g2, &w2));
	CHECK_OK(clSetUserEventStatus(g2, CL_COMPLETE));
	CHECK_OK(clEnqueueReadBuffer(ooo, m, CL_TRUE, 0, N, out, 1, &w2, NULL));
	CHECK(memcmp(in, out, N) == 0);
	clReleaseEvent(w2); clReleaseEvent(g2);
	clReleaseCommandQueue(ooo);
	clReleaseEvent(gate); clReleaseEvent(w); clReleaseEvent(r);

	/* CL_INVALID_VALUE: bounds and NULL pointers. */
	size_t bad_ranges[][2] = {{0, N + 1}, {1, N}, {N, 1}, {N + 1, 1}, {SIZE_MAX, 2}, {2, SIZE_MAX}};
	for (int i = 0; i < 6; i++) {
		CHECK_ERR(clEnqueueReadBuffer(t.queue, m, CL_TRUE, bad_ranges[i][0], bad_ranges[i][1], out, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(clEnqueueWriteBuffer(t.queue, m, CL_TRUE, bad_ranges[i][0], bad_ranges[i][1], in, 0, NULL, NULL), CL_INVALID_VALUE);
	}
	CHECK_ERR(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, 4, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueWriteBuffer(t.queue, m, CL_TRUE, 0, 4, NULL, 0, NULL, NULL), CL_INVALID_VALUE);

	/* CL_INVALID_OPERATION: host access flags, also through a sub-buffer. */
	struct { cl_mem_flags f; cl_int r, w; } acc[] = {
		{CL_MEM_HOST_WRITE_ONLY, CL_INVALID_OPERATION, CL_SUCCESS},
		{CL_MEM_HOST_READ_ONLY, CL_SUCCESS, CL_INVALID_OPERATION},
		{CL_MEM_HOST_NO_ACCESS, CL_INVALID_OPERATION, CL_INVALID_OPERATION},
	};
	size_t o[3] = {0, 0, 0}, reg[3] = {4, 2, 1};
	for (int i = 0; i < 3; i++) {
		cl_mem h = buffer(acc[i].f, 4 * align, NULL);
		cl_mem hs = sub_buffer(h, 0, align, align, &err);
		CHECK_OK(err);
		cl_mem both[] = {h, hs};
		for (int k = 0; k < 2; k++) {
			CHECK_ERR(clEnqueueReadBuffer(t.queue, both[k], CL_TRUE, 0, 8, out, 0, NULL, NULL), acc[i].r);
			CHECK_ERR(clEnqueueWriteBuffer(t.queue, both[k], CL_TRUE, 0, 8, in, 0, NULL, NULL), acc[i].w);
			CHECK_ERR(clEnqueueReadBufferRect(t.queue, both[k], CL_TRUE, o, o, reg, 0, 0, 0, 0, out, 0, NULL, NULL), acc[i].r);
			CHECK_ERR(clEnqueueWriteBufferRect(t.queue, both[k], CL_TRUE, o, o, reg, 0, 0, 0, 0, in, 0, NULL, NULL), acc[i].w);
			/* Device-side commands are not host access. */
			int pat = 1;
			CHECK_OK(clEnqueueFillBuffer(t.queue, both[k], &pat, sizeof pat, 0, 8, 0, NULL, NULL));
			CHECK_OK(clEnqueueCopyBuffer(t.queue, m, both[k], 0, 0, 8, 0, NULL, NULL));
		}
		clReleaseMemObject(hs);
		clReleaseMemObject(h);
	}
	CHECK_OK(clFinish(t.queue));
	clReleaseMemObject(m);
}

/* ---------------------------------------------------------------- copy/fill */

static void test_copy(void) {
	enum { N = 2048 };
	cl_mem a = buffer(CL_MEM_READ_WRITE, N, NULL), b = buffer(CL_MEM_READ_WRITE, N, NULL);
	unsigned char ma[N], mb[N], out[N];
	fill_bytes(ma, N, 1);
	fill_bytes(mb, N, 2);
	CHECK_OK(write_all(a, ma, N));
	CHECK_OK(write_all(b, mb, N));
	/* Between buffers. */
	size_t cases[][3] = {{0, 0, N}, {1, 3, 100}, {1000, 17, 999}, {N - 1, 0, 1}, {5, N - 5, 5}};
	for (int i = 0; i < 5; i++) {
		cl_event e;
		CHECK_OK(clEnqueueCopyBuffer(t.queue, a, b, cases[i][0], cases[i][1], cases[i][2], 0, NULL, &e));
		memcpy(mb + cases[i][1], ma + cases[i][0], cases[i][2]);
		CHECK_OK(clWaitForEvents(1, &e));
		cl_command_type ct;
		CHECK_OK(clGetEventInfo(e, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
		CHECK(ct == CL_COMMAND_COPY_BUFFER);
		clReleaseEvent(e);
		CHECK_OK(read_all(b, out, N));
		CHECK(memcmp(out, mb, N) == 0);
	}
	/* Within one buffer: disjoint and adjacent ranges are fine ... */
	CHECK_OK(clEnqueueCopyBuffer(t.queue, a, a, 0, 1024, 1024, 0, NULL, NULL));
	memcpy(ma + 1024, ma, 1024);
	CHECK_OK(clEnqueueCopyBuffer(t.queue, a, a, 1500, 100, 200, 0, NULL, NULL));
	memcpy(ma + 100, ma + 1500, 200);
	CHECK_OK(read_all(a, out, N));
	CHECK(memcmp(out, ma, N) == 0);
	/* ... overlapping ones are CL_MEM_COPY_OVERLAP. */
	size_t ov[][3] = {{0, 0, 1}, {0, 1, 100}, {100, 0, 101}, {0, 1023, 1024}, {1023, 0, 1024}, {10, 10, 10}};
	for (int i = 0; i < 6; i++)
		CHECK_ERR(clEnqueueCopyBuffer(t.queue, a, a, ov[i][0], ov[i][1], ov[i][2], 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	/* Overlapping sub-buffers of one buffer. */
	cl_int err;
	cl_mem p = buffer(CL_MEM_READ_WRITE, 4 * align, NULL);
	cl_mem s1 = sub_buffer(p, 0, 0, 2 * align, &err);
	cl_mem s2 = sub_buffer(p, 0, align, 2 * align, &err);
	CHECK_OK(err);
	CHECK_ERR(clEnqueueCopyBuffer(t.queue, s1, s2, align, 0, 16, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	CHECK_ERR(clEnqueueCopyBuffer(t.queue, s2, s1, 0, align + 8, 16, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	CHECK_ERR(clEnqueueCopyBuffer(t.queue, s1, s2, align + 8, 0, 16, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	/* Same sub-buffers, disjoint bytes: parent [0, 16) to parent [2A, 2A+16). */
	unsigned char pm[512];
	fill_bytes(pm, 4 * align, 3);
	CHECK_OK(write_all(p, pm, 4 * align));
	CHECK_OK(clEnqueueCopyBuffer(t.queue, s1, s2, 0, align, 16, 0, NULL, NULL));
	memcpy(pm + 2 * align, pm, 16);
	CHECK_OK(read_all(p, out, 4 * align));
	CHECK(memcmp(out, pm, 4 * align) == 0);
	/* Sub-buffers of different buffers never overlap. */
	cl_mem q1 = buffer(CL_MEM_READ_WRITE, 2 * align, NULL);
	cl_mem qs = sub_buffer(q1, 0, 0, align, &err);
	CHECK_OK(clEnqueueCopyBuffer(t.queue, s1, qs, 0, 0, align, 0, NULL, NULL));
	clReleaseMemObject(qs);
	clReleaseMemObject(q1);

	/* CL_INVALID_VALUE: bounds. */
	size_t oob[][3] = {{0, 0, N + 1}, {1, 0, N}, {0, 1, N}, {N, 0, 1}, {0, N, 1}, {SIZE_MAX, 0, 2}, {0, 2, SIZE_MAX}};
	for (int i = 0; i < 7; i++)
		CHECK_ERR(clEnqueueCopyBuffer(t.queue, a, b, oob[i][0], oob[i][1], oob[i][2], 0, NULL, NULL), CL_INVALID_VALUE);
	/* CL_INVALID_CONTEXT: a buffer of another context. */
	cl_mem ob = clCreateBuffer(other, CL_MEM_READ_WRITE, N, NULL, &err);
	CHECK_OK(err);
	CHECK_ERR(clEnqueueCopyBuffer(t.queue, ob, b, 0, 0, 4, 0, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueCopyBuffer(t.queue, a, ob, 0, 0, 4, 0, NULL, NULL), CL_INVALID_CONTEXT);
	clReleaseMemObject(ob);
	clReleaseMemObject(s1);
	clReleaseMemObject(s2);
	clReleaseMemObject(p);
	clReleaseMemObject(a);
	clReleaseMemObject(b);
}

static void test_fill(void) {
	enum { N = 4096 };
	cl_mem m = buffer(CL_MEM_READ_WRITE, N, NULL);
	unsigned char model[N], out[N], pat[128];
	memset(model, 0, N);
	CHECK_OK(write_all(m, model, N));
	for (size_t ps = 1; ps <= 128; ps *= 2) {
		fill_bytes(pat, ps, (int)ps);
		size_t off = ps * 3, size = ps * 5;
		cl_event e;
		CHECK_OK(clEnqueueFillBuffer(t.queue, m, pat, ps, off, size, 0, NULL, &e));
		for (size_t i = 0; i < size; i++) model[off + i] = pat[i % ps];
		CHECK_OK(clWaitForEvents(1, &e));
		cl_command_type ct;
		CHECK_OK(clGetEventInfo(e, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
		CHECK(ct == CL_COMMAND_FILL_BUFFER);
		clReleaseEvent(e);
		CHECK_OK(read_all(m, out, N));
		CHECK(memcmp(out, model, N) == 0);
		if (memcmp(out, model, N) != 0) fprintf(stderr, "  pattern size %zu\n", ps);
	}
	/* The whole buffer, the pattern copied at enqueue time. */
	unsigned int v = 0x01020304;
	cl_event gate = user_event(), e;
	CHECK_OK(clEnqueueFillBuffer(t.queue, m, &v, sizeof v, 0, N, 1, &gate, &e));
	v = 0;
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &e));
	unsigned int back[N / 4];
	CHECK_OK(read_all(m, back, N));
	CHECK(back[0] == 0x01020304 && back[N / 4 - 1] == 0x01020304);
	clReleaseEvent(e);
	clReleaseEvent(gate);

	/* CL_INVALID_VALUE. */
	CHECK_ERR(clEnqueueFillBuffer(t.queue, m, NULL, 4, 0, 16, 0, NULL, NULL), CL_INVALID_VALUE);
	size_t bad_ps[] = {0, 3, 5, 6, 12, 256, 129};
	for (int i = 0; i < 7; i++)
		CHECK_ERR(clEnqueueFillBuffer(t.queue, m, pat, bad_ps[i], 0, 768, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueFillBuffer(t.queue, m, pat, 4, 2, 16, 0, NULL, NULL), CL_INVALID_VALUE);  /* offset */
	CHECK_ERR(clEnqueueFillBuffer(t.queue, m, pat, 4, 0, 18, 0, NULL, NULL), CL_INVALID_VALUE);  /* size */
	CHECK_ERR(clEnqueueFillBuffer(t.queue, m, pat, 4, 0, N + 4, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueFillBuffer(t.queue, m, pat, 4, N, 4, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueFillBuffer(t.queue, m, pat, 4, 4, SIZE_MAX - 3, 0, NULL, NULL), CL_INVALID_VALUE);
	/* Nothing changed. */
	CHECK_OK(read_all(m, back, N));
	CHECK(back[0] == 0x01020304 && back[N / 4 - 1] == 0x01020304);
	clReleaseMemObject(m);
}

/* -------------------------------------------------------------------- rects */

/* Offset of (x, y, z) in a layout. */
static size_t at(const size_t o[3], size_t x, size_t y, size_t z, size_t rp, size_t sp) {
	return (o[0] + x) + (o[1] + y) * rp + (o[2] + z) * sp;
}

static void test_rect(void) {
	cl_int err;
	/* The buffer: 4 slices of 8 rows of 32 bytes. */
	enum { BRP = 32, BSP = 256, BN = 1024 };
	cl_mem m = buffer(CL_MEM_READ_WRITE, BN, NULL);
	unsigned char model[BN], out[BN];
	fill_bytes(model, BN, 4);
	CHECK_OK(write_all(m, model, BN));

	/* Read a 10x3x2 box at (5, 2, 1) into a host layout of 16-byte rows,
	 * 5-row slices, at (1, 1, 1). */
	enum { HRP = 16, HSP = 80, HN = 320 };
	unsigned char host[HN];
	size_t bo[3] = {5, 2, 1}, ho[3] = {1, 1, 1}, region[3] = {10, 3, 2};
	memset(host, 0xee, HN);
	cl_event e;
	CHECK_OK(clEnqueueReadBufferRect(t.queue, m, CL_FALSE, bo, ho, region, BRP, BSP, HRP, HSP, host, 0, NULL, &e));
	CHECK_OK(clWaitForEvents(1, &e));
	cl_command_type ct;
	CHECK_OK(clGetEventInfo(e, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_READ_BUFFER_RECT);
	clReleaseEvent(e);
	unsigned char want[HN];
	memset(want, 0xee, HN);
	for (size_t z = 0; z < region[2]; z++)
		for (size_t y = 0; y < region[1]; y++)
			for (size_t x = 0; x < region[0]; x++)
				want[at(ho, x, y, z, HRP, HSP)] = model[at(bo, x, y, z, BRP, BSP)];
	CHECK(memcmp(host, want, HN) == 0);

	/* Write it back elsewhere: (20, 4, 2). */
	size_t bo2[3] = {20, 4, 2};
	CHECK_OK(clEnqueueWriteBufferRect(t.queue, m, CL_TRUE, bo2, ho, region, BRP, BSP, HRP, HSP, host, 0, NULL, &e));
	CHECK_OK(clGetEventInfo(e, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_WRITE_BUFFER_RECT);
	clReleaseEvent(e);
	for (size_t z = 0; z < region[2]; z++)
		for (size_t y = 0; y < region[1]; y++)
			for (size_t x = 0; x < region[0]; x++)
				model[at(bo2, x, y, z, BRP, BSP)] = host[at(ho, x, y, z, HRP, HSP)];
	CHECK_OK(read_all(m, out, BN));
	CHECK(memcmp(out, model, BN) == 0);

	/* Zero pitches: region[0] and region[0] * region[1]. A 2D box. */
	size_t z3[3] = {0, 0, 0}, reg2[3] = {6, 4, 1};
	unsigned char packed[24];
	CHECK_OK(clEnqueueReadBufferRect(t.queue, m, CL_TRUE, z3, z3, reg2, 0, 0, 0, 0, packed, 0, NULL, NULL));
	CHECK(memcmp(packed, model, 24) == 0);
	size_t reg3[3] = {4, 2, 3};
	unsigned char packed3[24];
	fill_bytes(packed3, 24, 8);
	size_t bo3[3] = {8, 0, 0};
	CHECK_OK(clEnqueueWriteBufferRect(t.queue, m, CL_TRUE, bo3, z3, reg3, 0, 0, 0, 0, packed3, 0, NULL, NULL));
	/* Buffer row pitch 4, slice pitch 8: a packed 24 bytes at offset 8. */
	memcpy(model + 8, packed3, 24);
	CHECK_OK(read_all(m, out, BN));
	CHECK(memcmp(out, model, BN) == 0);

	/* Copy rect between buffers, pitches differing. */
	cl_mem d = buffer(CL_MEM_READ_WRITE, BN, NULL);
	unsigned char dmodel[BN];
	memset(dmodel, 0, BN);
	CHECK_OK(write_all(d, dmodel, BN));
	size_t so[3] = {3, 1, 1}, dor[3] = {2, 3, 0}, creg[3] = {7, 4, 3};
	CHECK_OK(clEnqueueCopyBufferRect(t.queue, m, d, so, dor, creg, BRP, BSP, 16, 128, 0, NULL, &e));
	CHECK_OK(clWaitForEvents(1, &e));
	CHECK_OK(clGetEventInfo(e, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
	CHECK(ct == CL_COMMAND_COPY_BUFFER_RECT);
	clReleaseEvent(e);
	for (size_t z = 0; z < creg[2]; z++)
		for (size_t y = 0; y < creg[1]; y++)
			for (size_t x = 0; x < creg[0]; x++)
				dmodel[at(dor, x, y, z, 16, 128)] = model[at(so, x, y, z, BRP, BSP)];
	CHECK_OK(read_all(d, out, BN));
	CHECK(memcmp(out, dmodel, BN) == 0);

	/* Within one buffer: interleaved but disjoint boxes are no overlap. */
	size_t l[3] = {0, 0, 0}, r8[3] = {8, 0, 0}, reg84[3] = {8, 4, 1};
	CHECK_OK(clEnqueueCopyBufferRect(t.queue, d, d, l, r8, reg84, 16, 0, 16, 0, 0, NULL, NULL));
	for (size_t y = 0; y < 4; y++) memcpy(dmodel + 8 + y * 16, dmodel + y * 16, 8);
	size_t r81[3] = {8, 1, 0};
	CHECK_OK(clEnqueueCopyBufferRect(t.queue, d, d, l, r81, reg84, 16, 0, 16, 0, 0, NULL, NULL));
	for (size_t y = 0; y < 4; y++) memcpy(dmodel + 8 + (y + 1) * 16, dmodel + y * 16, 8);
	/* 3D: rows 0-1 of slices 0-1 to rows 2-3 of the same slices. */
	size_t rows2[3] = {0, 2, 0}, reg3d[3] = {16, 2, 2};
	CHECK_OK(clEnqueueCopyBufferRect(t.queue, d, d, l, rows2, reg3d, 16, 64, 16, 64, 0, NULL, NULL));
	for (size_t z = 0; z < 2; z++)
		for (size_t y = 0; y < 2; y++) memcpy(dmodel + z * 64 + (y + 2) * 16, dmodel + z * 64 + y * 16, 16);
	CHECK_OK(read_all(d, out, BN));
	CHECK(memcmp(out, dmodel, BN) == 0);
	/* Overlapping boxes. */
	size_t r41[3] = {4, 1, 0}, rows1[3] = {0, 1, 0}, sl1[3] = {0, 0, 1};
	CHECK_ERR(clEnqueueCopyBufferRect(t.queue, d, d, l, r41, reg84, 16, 0, 16, 0, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	CHECK_ERR(clEnqueueCopyBufferRect(t.queue, d, d, r41, l, reg84, 16, 0, 16, 0, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	CHECK_ERR(clEnqueueCopyBufferRect(t.queue, d, d, l, rows1, reg3d, 16, 64, 16, 64, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	CHECK_ERR(clEnqueueCopyBufferRect(t.queue, d, d, l, sl1, reg3d, 16, 64, 16, 64, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	CHECK_ERR(clEnqueueCopyBufferRect(t.queue, d, d, l, l, reg84, 16, 0, 16, 0, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	/* Between overlapping sub-buffers. */
	cl_mem p = buffer(CL_MEM_READ_WRITE, 4 * align, NULL);
	cl_mem s1 = sub_buffer(p, 0, 0, 2 * align, &err);
	cl_mem s2 = sub_buffer(p, 0, align, 2 * align, &err);
	CHECK_OK(err);
	size_t at_a[3] = {0, align / 16, 0}, reg162[3] = {16, 2, 1};
	CHECK_ERR(clEnqueueCopyBufferRect(t.queue, s1, s2, at_a, l, reg162, 16, 0, 16, 0, 0, NULL, NULL), CL_MEM_COPY_OVERLAP);
	CHECK_OK(clEnqueueCopyBufferRect(t.queue, s1, s2, l, at_a, reg162, 16, 0, 16, 0, 0, NULL, NULL));
	clReleaseMemObject(s1);
	clReleaseMemObject(s2);
	clReleaseMemObject(p);

	/* CL_INVALID_VALUE for read/write rect. */
	unsigned char big[4096];
	struct { size_t bo[3], ho[3], reg[3], brp, bsp, hrp, hsp; } bad[] = {
		{{0, 0, 0}, {0, 0, 0}, {0, 1, 1}, 0, 0, 0, 0},          /* region[0] = 0 */
		{{0, 0, 0}, {0, 0, 0}, {4, 0, 1}, 0, 0, 0, 0},          /* region[1] = 0 */
		{{0, 0, 0}, {0, 0, 0}, {4, 1, 0}, 0, 0, 0, 0},          /* region[2] = 0 */
		{{0, 0, 0}, {0, 0, 0}, {10, 2, 1}, 5, 0, 0, 0},         /* buffer row pitch < region[0] */
		{{0, 0, 0}, {0, 0, 0}, {10, 2, 1}, 0, 0, 5, 0},         /* host row pitch < region[0] */
		{{0, 0, 0}, {0, 0, 0}, {10, 3, 2}, 32, 40, 0, 0},       /* buffer slice pitch < 3 rows, no multiple */
		{{0, 0, 0}, {0, 0, 0}, {10, 3, 2}, 0, 0, 16, 20},       /* host slice pitch < 3 rows, no multiple */
		{{0, 0, 4}, {0, 0, 0}, {1, 1, 1}, 32, 256, 0, 0},       /* past the end: z */
		{{0, 8, 3}, {0, 0, 0}, {1, 1, 1}, 32, 256, 0, 0},       /* past the end: y */
		{{30, 7, 3}, {0, 0, 0}, {3, 1, 1}, 32, 256, 0, 0},      /* past the end: x */
		{{0, 0, 0}, {0, 0, 0}, {33, 1, 1}, 32, 0, 0, 0},        /* row longer than pitch */
		{{0, 0, 0}, {0, 0, 0}, {BN + 1, 1, 1}, 0, 0, 0, 0},     /* longer than the buffer */
	};
	int nbad = (int)(sizeof bad / sizeof bad[0]);
	for (int i = 0; i < nbad; i++) {
		CHECK_ERR(clEnqueueReadBufferRect(t.queue, m, CL_TRUE, bad[i].bo, bad[i].ho, bad[i].reg,
			bad[i].brp, bad[i].bsp, bad[i].hrp, bad[i].hsp, big, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(clEnqueueWriteBufferRect(t.queue, m, CL_TRUE, bad[i].bo, bad[i].ho, bad[i].reg,
			bad[i].brp, bad[i].bsp, bad[i].hrp, bad[i].hsp, big, 0, NULL, NULL), CL_INVALID_VALUE);
	}
	/* Origins and pitches so large that the end of the box wraps around:
	 * out of bounds, never a write before the buffer. */
	struct { size_t bo[3], reg[3], brp, bsp; } wrap[] = {
		{{SIZE_MAX, 0, 0}, {2, 1, 1}, 0, 0},
		{{SIZE_MAX - 7, 0, 0}, {16, 1, 1}, 0, 0},
		{{0, SIZE_MAX / 16 + 1, 0}, {16, 1, 1}, 16, 0},
		{{0, 0, SIZE_MAX / 64 + 1}, {16, 1, 1}, 16, 64},
		{{0, 0, 0}, {16, (SIZE_MAX / 16) + 2, 1}, 16, 0},
		{{0, 0, 0}, {16, 1, SIZE_MAX / 16 + 2}, 16, 16},
		{{0, 1, 0}, {16, 1, 1}, SIZE_MAX - 14, 0},
		{{0, 0, 1}, {16, 2, 1}, 16, SIZE_MAX - 31},
		{{0, 0, 0}, {16, SIZE_MAX / 8, 2}, 16, 32},
	};
	int nwrap = (int)(sizeof wrap / sizeof wrap[0]);
	for (int i = 0; i < nwrap; i++) {
		CHECK_ERR(clEnqueueReadBufferRect(t.queue, m, CL_TRUE, wrap[i].bo, z3, wrap[i].reg,
			wrap[i].brp, wrap[i].bsp, 0, 0, big, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(clEnqueueWriteBufferRect(t.queue, m, CL_TRUE, wrap[i].bo, z3, wrap[i].reg,
			wrap[i].brp, wrap[i].bsp, 0, 0, big, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(clEnqueueCopyBufferRect(t.queue, m, d, wrap[i].bo, z3, wrap[i].reg,
			wrap[i].brp, wrap[i].bsp, 0, 0, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(clEnqueueCopyBufferRect(t.queue, d, m, z3, wrap[i].bo, wrap[i].reg,
			0, 0, wrap[i].brp, wrap[i].bsp, 0, NULL, NULL), CL_INVALID_VALUE);
	}
	CHECK_ERR(clEnqueueReadBufferRect(t.queue, m, CL_TRUE, z3, z3, reg2, 0, 0, 0, 0, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueWriteBufferRect(t.queue, m, CL_TRUE, z3, z3, reg2, 0, 0, 0, 0, NULL, 0, NULL, NULL), CL_INVALID_VALUE);
	/* CL_INVALID_VALUE for copy rect. */
	for (int i = 0; i < nbad; i++) {
		CHECK_ERR(clEnqueueCopyBufferRect(t.queue, m, d, bad[i].bo, bad[i].ho, bad[i].reg,
			bad[i].brp, bad[i].bsp, bad[i].hrp, bad[i].hsp, 0, NULL, NULL), CL_INVALID_VALUE);
		CHECK_ERR(clEnqueueCopyBufferRect(t.queue, d, m, bad[i].ho, bad[i].bo, bad[i].reg,
			bad[i].hrp, bad[i].hsp, bad[i].brp, bad[i].bsp, 0, NULL, NULL), CL_INVALID_VALUE);
	}
	/* One buffer, different row and slice pitches. */
	size_t far[3] = {0, 0, 2};
	CHECK_ERR(clEnqueueCopyBufferRect(t.queue, d, d, l, far, reg84, 16, 64, 32, 128, 0, NULL, NULL), CL_INVALID_VALUE);
	/* Nothing changed by the failed calls. */
	CHECK_OK(read_all(m, out, BN));
	CHECK(memcmp(out, model, BN) == 0);
	CHECK_OK(read_all(d, out, BN));
	CHECK(memcmp(out, dmodel, BN) == 0);
	clReleaseMemObject(d);
	clReleaseMemObject(m);
}

/* ---------------------------------------------------------------- migration */

static void test_migrate(void) {
	cl_int err;
	cl_mem a = buffer(CL_MEM_READ_WRITE, 256, NULL), b = buffer(CL_MEM_READ_WRITE, 4 * align, NULL);
	cl_mem s = sub_buffer(b, 0, align, align, &err);
	CHECK_OK(err);
	int v[4] = {1, 2, 3, 4}, back[4];
	CHECK_OK(clEnqueueWriteBuffer(t.queue, a, CL_TRUE, 0, sizeof v, v, 0, NULL, NULL));
	cl_mem objs[] = {a, b, s};
	cl_mem_migration_flags ok_flags[] = {0, CL_MIGRATE_MEM_OBJECT_HOST, CL_MIGRATE_MEM_OBJECT_CONTENT_UNDEFINED,
		CL_MIGRATE_MEM_OBJECT_HOST | CL_MIGRATE_MEM_OBJECT_CONTENT_UNDEFINED};
	for (int i = 0; i < 4; i++) {
		cl_event e;
		CHECK_OK(clEnqueueMigrateMemObjects(t.queue, 3, objs, ok_flags[i], 0, NULL, &e));
		CHECK_OK(clWaitForEvents(1, &e));
		cl_command_type ct;
		CHECK_OK(clGetEventInfo(e, CL_EVENT_COMMAND_TYPE, sizeof ct, &ct, NULL));
		CHECK(ct == CL_COMMAND_MIGRATE_MEM_OBJECTS);
		clReleaseEvent(e);
	}
	/* Content is kept (without CONTENT_UNDEFINED). */
	CHECK_OK(clEnqueueMigrateMemObjects(t.queue, 1, &a, CL_MIGRATE_MEM_OBJECT_HOST, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, a, CL_TRUE, 0, sizeof back, back, 0, NULL, NULL));
	CHECK(memcmp(v, back, sizeof v) == 0);
	/* With a wait list. */
	cl_event gate = user_event(), e;
	CHECK_OK(clEnqueueMigrateMemObjects(t.queue, 1, &a, 0, 1, &gate, &e));
	usleep(5000);
	CHECK(status_of(e) > CL_COMPLETE);
	CHECK_OK(clSetUserEventStatus(gate, CL_COMPLETE));
	CHECK_OK(clWaitForEvents(1, &e));
	clReleaseEvent(e);
	clReleaseEvent(gate);

	/* Errors. */
	CHECK_ERR(clEnqueueMigrateMemObjects(t.queue, 0, objs, 0, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueMigrateMemObjects(t.queue, 1, NULL, 0, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueMigrateMemObjects(t.queue, 1, &a, 4, 0, NULL, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clEnqueueMigrateMemObjects(t.queue, 1, &a, (cl_mem_migration_flags)1 << 40, 0, NULL, NULL), CL_INVALID_VALUE);
	cl_mem bad[] = {NULL, GARBAGE, dead_mem, (cl_mem)t.queue};
	for (int i = 0; i < 4; i++) {
		CHECK_ERR(clEnqueueMigrateMemObjects(t.queue, 1, &bad[i], 0, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		cl_mem two[] = {a, bad[i]};
		CHECK_ERR(clEnqueueMigrateMemObjects(t.queue, 2, two, 0, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	}
	cl_mem ob = clCreateBuffer(other, CL_MEM_READ_WRITE, 64, NULL, &err);
	cl_mem mixed[] = {a, ob};
	CHECK_ERR(clEnqueueMigrateMemObjects(t.queue, 2, mixed, 0, 0, NULL, NULL), CL_INVALID_CONTEXT);
	cl_event oe = clCreateUserEvent(other, &err);
	clSetUserEventStatus(oe, CL_COMPLETE);
	CHECK_ERR(clEnqueueMigrateMemObjects(t.queue, 1, &a, 0, 1, &oe, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueMigrateMemObjects(t.queue, 1, &a, 0, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueMigrateMemObjects(t.queue, 1, &a, 0, 0, &oe, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueMigrateMemObjects(t.queue, 1, &a, 0, 1, &dead_event, NULL), CL_INVALID_EVENT_WAIT_LIST);
	cl_command_queue badq[] = {NULL, GARBAGE, dead_q, (cl_command_queue)a};
	for (int i = 0; i < 4; i++)
		CHECK_ERR(clEnqueueMigrateMemObjects(badq[i], 1, &a, 0, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	clReleaseEvent(oe);
	clReleaseMemObject(ob);
	clReleaseMemObject(s);
	clReleaseMemObject(a);
	clReleaseMemObject(b);
}

/* -------------------------------------------------------------- bad handles */

static void test_bad_handles(void) {
	cl_int err;
	cl_mem m = buffer(CL_MEM_READ_WRITE, 1024, NULL);
	char host[1024];
	int pat = 0;
	size_t o[3] = {0, 0, 0}, r[3] = {4, 1, 1};
	cl_event ok_ev = user_event();
	clSetUserEventStatus(ok_ev, CL_COMPLETE);

	cl_command_queue badq[] = {NULL, GARBAGE, dead_q, (cl_command_queue)t.context, (cl_command_queue)m};
	for (int i = 0; i < 5; i++) {
		cl_command_queue q = badq[i];
		CHECK_ERR(clEnqueueReadBuffer(q, m, CL_TRUE, 0, 4, host, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueWriteBuffer(q, m, CL_TRUE, 0, 4, host, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueCopyBuffer(q, m, m, 0, 8, 4, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueFillBuffer(q, m, &pat, 4, 0, 4, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueReadBufferRect(q, m, CL_TRUE, o, o, r, 0, 0, 0, 0, host, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueWriteBufferRect(q, m, CL_TRUE, o, o, r, 0, 0, 0, 0, host, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
		CHECK_ERR(clEnqueueCopyBufferRect(q, m, m, o, o, r, 0, 0, 0, 0, 0, NULL, NULL), CL_INVALID_COMMAND_QUEUE);
	}
	/* A queue is checked first: even with everything else wrong. */
	CHECK_ERR(clEnqueueReadBuffer(GARBAGE, GARBAGE, CL_TRUE, 0, 0, NULL, 1, NULL, NULL), CL_INVALID_COMMAND_QUEUE);

	cl_mem badm[] = {NULL, GARBAGE, dead_mem, (cl_mem)t.queue, (cl_mem)t.context, (cl_mem)ok_ev};
	for (int i = 0; i < 6; i++) {
		cl_mem b = badm[i];
		CHECK_ERR(clEnqueueReadBuffer(t.queue, b, CL_TRUE, 0, 4, host, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueWriteBuffer(t.queue, b, CL_TRUE, 0, 4, host, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueCopyBuffer(t.queue, b, m, 0, 0, 4, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueCopyBuffer(t.queue, m, b, 0, 0, 4, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueFillBuffer(t.queue, b, &pat, 4, 0, 4, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueReadBufferRect(t.queue, b, CL_TRUE, o, o, r, 0, 0, 0, 0, host, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueWriteBufferRect(t.queue, b, CL_TRUE, o, o, r, 0, 0, 0, 0, host, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueCopyBufferRect(t.queue, b, m, o, o, r, 0, 0, 0, 0, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueCopyBufferRect(t.queue, m, b, o, o, r, 0, 0, 0, 0, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
	}
	/* An image is not a buffer. */
	cl_image_format fmt = {CL_RGBA, CL_UNORM_INT8};
	cl_image_desc desc = {CL_MEM_OBJECT_IMAGE2D, 16, 16};
	cl_mem img = clCreateImage(t.context, CL_MEM_READ_WRITE, &fmt, &desc, NULL, &err);
	if (err == CL_SUCCESS) {
		CHECK_ERR(clEnqueueReadBuffer(t.queue, img, CL_TRUE, 0, 4, host, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueWriteBuffer(t.queue, img, CL_TRUE, 0, 4, host, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueCopyBuffer(t.queue, img, m, 0, 0, 4, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueFillBuffer(t.queue, img, &pat, 4, 0, 4, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueReadBufferRect(t.queue, img, CL_TRUE, o, o, r, 0, 0, 0, 0, host, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		CHECK_ERR(clEnqueueCopyBufferRect(t.queue, m, img, o, o, r, 0, 0, 0, 0, 0, NULL, NULL), CL_INVALID_MEM_OBJECT);
		/* Migration takes any memory object. */
		CHECK_OK(clEnqueueMigrateMemObjects(t.queue, 1, &img, 0, 0, NULL, NULL));
		clReleaseMemObject(img);
	}
	/* CL_INVALID_CONTEXT: a buffer of another context. */
	cl_mem ob = clCreateBuffer(other, CL_MEM_READ_WRITE, 1024, NULL, &err);
	CHECK_ERR(clEnqueueReadBuffer(t.queue, ob, CL_TRUE, 0, 4, host, 0, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueWriteBuffer(t.queue, ob, CL_TRUE, 0, 4, host, 0, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueFillBuffer(t.queue, ob, &pat, 4, 0, 4, 0, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueReadBufferRect(t.queue, ob, CL_TRUE, o, o, r, 0, 0, 0, 0, host, 0, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueWriteBufferRect(t.queue, ob, CL_TRUE, o, o, r, 0, 0, 0, 0, host, 0, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueCopyBufferRect(t.queue, ob, m, o, o, r, 0, 0, 0, 0, 0, NULL, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueCopyBufferRect(t.queue, m, ob, o, o, r, 0, 0, 0, 0, 0, NULL, NULL), CL_INVALID_CONTEXT);

	/* Wait lists: CL_INVALID_EVENT_WAIT_LIST, and CL_INVALID_CONTEXT for an
	 * event of another context. */
	cl_event oe = clCreateUserEvent(other, &err);
	clSetUserEventStatus(oe, CL_COMPLETE);
	cl_event badl[][2] = {{GARBAGE, NULL}, {dead_event, NULL}, {(cl_event)t.queue, NULL}, {ok_ev, GARBAGE}, {ok_ev, NULL}};
	for (int i = 0; i < 5; i++) {
		cl_uint n = (i < 3) ? 1 : 2;
		cl_event *l = badl[i];
		CHECK_ERR(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, 4, host, n, l, NULL), CL_INVALID_EVENT_WAIT_LIST);
		CHECK_ERR(clEnqueueWriteBuffer(t.queue, m, CL_TRUE, 0, 4, host, n, l, NULL), CL_INVALID_EVENT_WAIT_LIST);
		CHECK_ERR(clEnqueueCopyBuffer(t.queue, m, m, 0, 8, 4, n, l, NULL), CL_INVALID_EVENT_WAIT_LIST);
		CHECK_ERR(clEnqueueFillBuffer(t.queue, m, &pat, 4, 0, 4, n, l, NULL), CL_INVALID_EVENT_WAIT_LIST);
		CHECK_ERR(clEnqueueReadBufferRect(t.queue, m, CL_TRUE, o, o, r, 0, 0, 0, 0, host, n, l, NULL), CL_INVALID_EVENT_WAIT_LIST);
		CHECK_ERR(clEnqueueWriteBufferRect(t.queue, m, CL_TRUE, o, o, r, 0, 0, 0, 0, host, n, l, NULL), CL_INVALID_EVENT_WAIT_LIST);
		CHECK_ERR(clEnqueueCopyBufferRect(t.queue, m, m, o, r, r, 0, 0, 0, 0, n, l, NULL), CL_INVALID_EVENT_WAIT_LIST);
	}
	CHECK_ERR(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, 4, host, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueWriteBuffer(t.queue, m, CL_TRUE, 0, 4, host, 0, &ok_ev, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueFillBuffer(t.queue, m, &pat, 4, 0, 4, 1, NULL, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueCopyBuffer(t.queue, m, m, 0, 8, 4, 0, &ok_ev, NULL), CL_INVALID_EVENT_WAIT_LIST);
	CHECK_ERR(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, 4, host, 1, &oe, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueWriteBuffer(t.queue, m, CL_TRUE, 0, 4, host, 1, &oe, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueCopyBuffer(t.queue, m, m, 0, 8, 4, 1, &oe, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueFillBuffer(t.queue, m, &pat, 4, 0, 4, 1, &oe, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueReadBufferRect(t.queue, m, CL_TRUE, o, o, r, 0, 0, 0, 0, host, 1, &oe, NULL), CL_INVALID_CONTEXT);
	CHECK_ERR(clEnqueueCopyBufferRect(t.queue, m, m, o, r, r, 0, 0, 0, 0, 1, &oe, NULL), CL_INVALID_CONTEXT);
	/* No failed call made an event or left a command behind. */
	CHECK_OK(clFinish(t.queue));
	clReleaseEvent(oe);
	clReleaseMemObject(ob);
	clReleaseEvent(ok_ev);
	clReleaseMemObject(m);
}

/* ---------------------------------------------------------------- threads */

#define THREADS 8
static cl_mem shared_parent;
static atomic_int thread_dtors;
static void CL_CALLBACK count_destructor(cl_mem m, void *user) {
	(void)m;
	if (user == &thread_dtors) atomic_fetch_add(&thread_dtors, 1);
}

static void *worker(void *arg) {
	int id = (int)(intptr_t)arg;
	double end = check_now() + 1.0;
	int made = 0;
	unsigned char in[512], out[512];
	static char hosts[THREADS][512] __attribute__((aligned(128)));
	while (check_now() < end) {
		cl_int err;
		cl_mem_flags modes[] = {CL_MEM_READ_WRITE, CL_MEM_COPY_HOST_PTR, CL_MEM_USE_HOST_PTR, CL_MEM_ALLOC_HOST_PTR};
		cl_mem_flags f = modes[made % 4];
		fill_bytes(in, sizeof in, id * 31 + made);
		void *hp = (f == CL_MEM_USE_HOST_PTR) ? (void *)hosts[id] : (f == CL_MEM_COPY_HOST_PTR) ? (void *)in : NULL;
		if (f == CL_MEM_USE_HOST_PTR) memcpy(hosts[id], in, sizeof in);
		cl_mem m = clCreateBuffer(t.context, f, sizeof in, hp, &err);
		if (err != CL_SUCCESS) return (void *)1;
		if (clSetMemObjectDestructorCallback(m, count_destructor, &thread_dtors) != CL_SUCCESS) return (void *)2;
		if (hp == NULL && clEnqueueWriteBuffer(t.queue, m, CL_FALSE, 0, sizeof in, in, 0, NULL, NULL) != CL_SUCCESS) return (void *)3;
		cl_mem s = sub_buffer(m, 0, align, align, &err);
		if (err != CL_SUCCESS) return (void *)4;
		/* Copy the sub-buffer into this thread's slice of the shared buffer
		 * (through a sub-buffer of it), fill the sub-buffer, read both. */
		cl_mem mine = sub_buffer(shared_parent, 0, id * align, align, &err);
		if (err != CL_SUCCESS) return (void *)5;
		if (clEnqueueCopyBuffer(t.queue, s, mine, 0, 0, align, 0, NULL, NULL) != CL_SUCCESS) return (void *)6;
		unsigned char pat = (unsigned char)id;
		cl_event fe;
		if (clEnqueueFillBuffer(t.queue, s, &pat, 1, 0, align, 0, NULL, &fe) != CL_SUCCESS) return (void *)7;
		if (clEnqueueReadBuffer(t.queue, shared_parent, CL_TRUE, id * align, align, out, 0, NULL, NULL) != CL_SUCCESS) return (void *)8;
		if (memcmp(out, in + align, align) != 0) return (void *)9;
		if (clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, 2 * align, out, 1, &fe, NULL) != CL_SUCCESS) return (void *)10;
		if (memcmp(out, in, align) != 0 || out[align] != pat || out[2 * align - 1] != pat) return (void *)11;
		clReleaseEvent(fe);
		clReleaseMemObject(mine);
		clReleaseMemObject(m); /* the sub-buffer keeps it */
		if (clReleaseMemObject(s) != CL_SUCCESS) return (void *)12;
		made++;
	}
	return (void *)(intptr_t)-made;
}

static void test_threads(void) {
	cl_int err;
	shared_parent = clCreateBuffer(t.context, CL_MEM_READ_WRITE, THREADS * align, NULL, &err);
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
		else total -= (int)(intptr_t)r;
	}
	CHECK(total >= THREADS);
	CHECK_OK(clFinish(t.queue));
	CHECK(wait_for(&thread_dtors, total) == total);
	clReleaseMemObject(shared_parent);
	printf("threads: %d buffers\n", total);
}

int main(void) {
	cl_int err;
	t = test_setup();
	other = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	REQUIRE_OK(err);
	cl_uint bits = 0;
	REQUIRE_OK(clGetDeviceInfo(t.device, CL_DEVICE_MEM_BASE_ADDR_ALIGN, sizeof bits, &bits, NULL));
	align = bits / 8;
	if (align < 16 || align > 128) {
		fprintf(stderr, "FATAL: these tests assume an alignment of 16 to 128 bytes (got %zu)\n", align);
		return 2;
	}
	dead_mem = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 64, NULL, &err);
	clReleaseMemObject(dead_mem);
	dead_event = clCreateUserEvent(t.context, &err);
	clReleaseEvent(dead_event);
	dead_q = clCreateCommandQueueWithProperties(t.context, t.device, NULL, &err);
	clReleaseCommandQueue(dead_q);

	test_flag_combinations();
	test_host_ptr_modes();
	test_with_properties();
	test_sub_buffers();
	test_info();
	test_destructors();
	test_read_write();
	test_copy();
	test_fill();
	test_rect();
	test_migrate();
	test_bad_handles();
	test_threads();
	clReleaseContext(other);
	test_teardown(&t);
	return check_done();
}
