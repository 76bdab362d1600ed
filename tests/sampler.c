/* Sampler objects: creation (1.x and 2.0 APIs), properties, queries,
 * reference counts, handle validation, and concurrent use. */
#include "check.h"
#include <pthread.h>

static cl_context g_context;

static cl_uint ref_count(cl_sampler s) {
	cl_uint n = 0;
	clGetSamplerInfo(s, CL_SAMPLER_REFERENCE_COUNT, sizeof n, &n, NULL);
	return n;
}

/* check_sampler: the three values of s. */
static void check_sampler(cl_sampler s, cl_bool norm, cl_addressing_mode addr, cl_filter_mode filt, int line) {
	cl_bool b = 99;
	cl_addressing_mode a = 0;
	cl_filter_mode f = 0;
	size_t sz = 0;
	CHECK_OK(clGetSamplerInfo(s, CL_SAMPLER_NORMALIZED_COORDS, sizeof b, &b, &sz));
	CHECK(sz == sizeof(cl_bool));
	CHECK_OK(clGetSamplerInfo(s, CL_SAMPLER_ADDRESSING_MODE, sizeof a, &a, &sz));
	CHECK(sz == sizeof(cl_addressing_mode));
	CHECK_OK(clGetSamplerInfo(s, CL_SAMPLER_FILTER_MODE, sizeof f, &f, &sz));
	CHECK(sz == sizeof(cl_filter_mode));
	if (b != norm || a != addr || f != filt) {
		check_failed++;
		fprintf(stderr, "%s:%d: FAILED: sampler is (%u, 0x%x, 0x%x), want (%u, 0x%x, 0x%x)\n",
			__FILE__, line, b, a, f, norm, addr, filt);
	} else {
		check_passed++;
	}
}

static void test_with_properties(test_env *t) {
	cl_int err = 1;
	size_t sz = 99;

	/* NULL properties: defaults, no properties to report. */
	cl_sampler s = clCreateSamplerWithProperties(t->context, NULL, &err);
	CHECK_OK(err);
	CHECK(s != NULL);
	check_sampler(s, CL_TRUE, CL_ADDRESS_CLAMP, CL_FILTER_NEAREST, __LINE__);
	CHECK_OK(clGetSamplerInfo(s, CL_SAMPLER_PROPERTIES, 0, NULL, &sz));
	CHECK(sz == 0);
	CHECK_OK(clReleaseSampler(s));

	/* Every property: values, and the list as given. */
	cl_sampler_properties all[] = {
		CL_SAMPLER_NORMALIZED_COORDS, CL_FALSE,
		CL_SAMPLER_ADDRESSING_MODE, CL_ADDRESS_CLAMP_TO_EDGE,
		CL_SAMPLER_FILTER_MODE, CL_FILTER_LINEAR, 0 };
	s = clCreateSamplerWithProperties(t->context, all, &err);
	CHECK_OK(err);
	check_sampler(s, CL_FALSE, CL_ADDRESS_CLAMP_TO_EDGE, CL_FILTER_LINEAR, __LINE__);
	cl_sampler_properties got[16];
	memset(got, 0xab, sizeof got);
	CHECK_OK(clGetSamplerInfo(s, CL_SAMPLER_PROPERTIES, sizeof got, got, &sz));
	CHECK(sz == sizeof all);
	CHECK(memcmp(got, all, sizeof all) == 0);
	CHECK_ERR(clGetSamplerInfo(s, CL_SAMPLER_PROPERTIES, sizeof all - 1, got, NULL), CL_INVALID_VALUE);
	CHECK_OK(clReleaseSampler(s));

	/* Another order, a partial list: the rest keeps its default. */
	cl_sampler_properties part[] = { CL_SAMPLER_FILTER_MODE, CL_FILTER_LINEAR, CL_SAMPLER_NORMALIZED_COORDS, CL_TRUE, 0 };
	s = clCreateSamplerWithProperties(t->context, part, &err);
	CHECK_OK(err);
	check_sampler(s, CL_TRUE, CL_ADDRESS_CLAMP, CL_FILTER_LINEAR, __LINE__);
	CHECK_OK(clGetSamplerInfo(s, CL_SAMPLER_PROPERTIES, sizeof got, got, &sz));
	CHECK(sz == sizeof part && memcmp(got, part, sizeof part) == 0);
	CHECK_OK(clReleaseSampler(s));

	/* An empty list (just the terminator) is reported as given. */
	cl_sampler_properties empty[] = { 0 };
	s = clCreateSamplerWithProperties(t->context, empty, &err);
	CHECK_OK(err);
	check_sampler(s, CL_TRUE, CL_ADDRESS_CLAMP, CL_FILTER_NEAREST, __LINE__);
	CHECK_OK(clGetSamplerInfo(s, CL_SAMPLER_PROPERTIES, 0, NULL, &sz));
	CHECK(sz == sizeof empty);
	CHECK_OK(clReleaseSampler(s));

	/* Every addressing mode and filter, including repeat modes with
	 * unnormalized coordinates (undefined reads, not an invalid sampler). */
	cl_addressing_mode modes[] = { CL_ADDRESS_NONE, CL_ADDRESS_CLAMP_TO_EDGE, CL_ADDRESS_CLAMP,
		CL_ADDRESS_REPEAT, CL_ADDRESS_MIRRORED_REPEAT };
	cl_filter_mode filters[] = { CL_FILTER_NEAREST, CL_FILTER_LINEAR };
	for (int n = 0; n < 2; n++)
		for (int m = 0; m < 5; m++)
			for (int f = 0; f < 2; f++) {
				cl_sampler_properties p[] = { CL_SAMPLER_NORMALIZED_COORDS, n,
					CL_SAMPLER_ADDRESSING_MODE, modes[m], CL_SAMPLER_FILTER_MODE, filters[f], 0 };
				s = clCreateSamplerWithProperties(t->context, p, &err);
				CHECK_OK(err);
				if (s) {
					check_sampler(s, n, modes[m], filters[f], __LINE__);
					clReleaseSampler(s);
				}
			}

	/* errcode_ret may be NULL. */
	s = clCreateSamplerWithProperties(t->context, NULL, NULL);
	CHECK(s != NULL);
	clReleaseSampler(s);

	/* Errors. */
	cl_context released = clCreateContext(NULL, 1, &t->device, NULL, NULL, &err);
	REQUIRE_OK(err);
	CHECK_OK(clReleaseContext(released));
	cl_context bad_contexts[] = { NULL, (cl_context)GARBAGE, released, (cl_context)t->queue, (cl_context)t->device };
	for (size_t i = 0; i < sizeof bad_contexts / sizeof bad_contexts[0]; i++) {
		err = 0;
		CHECK(clCreateSamplerWithProperties(bad_contexts[i], NULL, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
		/* The context is checked before the properties. */
		cl_sampler_properties bad[] = { 0x9999, 1, 0 };
		CHECK(clCreateSamplerWithProperties(bad_contexts[i], bad, &err) == NULL);
		CHECK_ERR(err, CL_INVALID_CONTEXT);
	}
	cl_sampler_properties invalid[][7] = {
		{ 0x9999, 1, 0 },                                                  /* unknown name */
		{ CL_SAMPLER_MIP_FILTER_MODE, CL_FILTER_NEAREST, 0 },          /* cl_khr_mipmap_image not claimed */
		{ CL_SAMPLER_LOD_MIN, 0, 0 },
		{ CL_SAMPLER_REFERENCE_COUNT, 1, 0 },                               /* a query, not a property */
		{ CL_SAMPLER_FILTER_MODE, CL_FILTER_NEAREST, CL_SAMPLER_FILTER_MODE, CL_FILTER_NEAREST, 0 }, /* repeated */
		{ CL_SAMPLER_NORMALIZED_COORDS, CL_TRUE, CL_SAMPLER_NORMALIZED_COORDS, CL_FALSE, 0 },
		{ CL_SAMPLER_NORMALIZED_COORDS, 2, 0 },                             /* bad values */
		{ CL_SAMPLER_ADDRESSING_MODE, CL_ADDRESS_MIRRORED_REPEAT + 1, 0 },
		{ CL_SAMPLER_ADDRESSING_MODE, CL_ADDRESS_NONE - 1, 0 },
		{ CL_SAMPLER_ADDRESSING_MODE, 0, 0 },
		{ CL_SAMPLER_FILTER_MODE, CL_FILTER_LINEAR + 1, 0 },
		{ CL_SAMPLER_FILTER_MODE, CL_ADDRESS_CLAMP, 0 },
		{ CL_SAMPLER_FILTER_MODE, CL_FILTER_LINEAR, CL_SAMPLER_ADDRESSING_MODE, 7, 0 },
	};
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
		err = 0;
		s = clCreateSamplerWithProperties(t->context, invalid[i], &err);
		CHECK(s == NULL);
		if (err != CL_INVALID_VALUE)
			fprintf(stderr, "invalid property list %zu\n", i);
		CHECK_ERR(err, CL_INVALID_VALUE);
	}
}

static void test_create_sampler(test_env *t) {
	cl_int err = 1;
	size_t sz = 99;
	cl_sampler s = clCreateSampler(t->context, CL_FALSE, CL_ADDRESS_REPEAT, CL_FILTER_LINEAR, &err);
	CHECK_OK(err);
	check_sampler(s, CL_FALSE, CL_ADDRESS_REPEAT, CL_FILTER_LINEAR, __LINE__);
	/* Created with clCreateSampler: no properties. */
	CHECK_OK(clGetSamplerInfo(s, CL_SAMPLER_PROPERTIES, 0, NULL, &sz));
	CHECK(sz == 0);
	cl_context c = NULL;
	CHECK_OK(clGetSamplerInfo(s, CL_SAMPLER_CONTEXT, sizeof c, &c, &sz));
	CHECK(c == t->context && sz == sizeof(cl_context));
	CHECK_OK(clReleaseSampler(s));

	s = clCreateSampler(t->context, CL_TRUE, CL_ADDRESS_NONE, CL_FILTER_NEAREST, NULL);
	CHECK(s != NULL);
	check_sampler(s, CL_TRUE, CL_ADDRESS_NONE, CL_FILTER_NEAREST, __LINE__);
	clReleaseSampler(s);

	CHECK(clCreateSampler(NULL, CL_TRUE, CL_ADDRESS_CLAMP, CL_FILTER_NEAREST, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK(clCreateSampler((cl_context)GARBAGE, CL_TRUE, 0, 0, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK(clCreateSampler((cl_context)t->queue, CL_TRUE, CL_ADDRESS_CLAMP, CL_FILTER_NEAREST, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_CONTEXT);
	CHECK(clCreateSampler(t->context, 2, CL_ADDRESS_CLAMP, CL_FILTER_NEAREST, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clCreateSampler(t->context, CL_TRUE, 0x1135, CL_FILTER_NEAREST, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clCreateSampler(t->context, CL_TRUE, CL_ADDRESS_CLAMP, 0x1142, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
	CHECK(clCreateSampler(t->context, CL_TRUE, CL_FILTER_LINEAR, CL_ADDRESS_CLAMP, &err) == NULL);
	CHECK_ERR(err, CL_INVALID_VALUE);
}

static void test_info_and_refs(test_env *t) {
	cl_int err;
	cl_sampler s = clCreateSamplerWithProperties(t->context, NULL, &err);
	REQUIRE_OK(err);
	CHECK(ref_count(s) == 1);
	CHECK_OK(clRetainSampler(s));
	CHECK(ref_count(s) == 2);
	CHECK_OK(clRetainSampler(s));
	CHECK(ref_count(s) == 3);
	CHECK_OK(clReleaseSampler(s));
	CHECK_OK(clReleaseSampler(s));
	CHECK(ref_count(s) == 1);

	cl_uint u;
	size_t sz = 0;
	CHECK_OK(clGetSamplerInfo(s, CL_SAMPLER_REFERENCE_COUNT, 0, NULL, &sz));
	CHECK(sz == sizeof(cl_uint));
	CHECK_OK(clGetSamplerInfo(s, CL_SAMPLER_REFERENCE_COUNT, sizeof u, &u, NULL));
	CHECK_OK(clGetSamplerInfo(s, CL_SAMPLER_REFERENCE_COUNT, 0, NULL, NULL));
	CHECK_ERR(clGetSamplerInfo(s, CL_SAMPLER_REFERENCE_COUNT, sizeof u - 1, &u, NULL), CL_INVALID_VALUE);
	cl_context c;
	CHECK_ERR(clGetSamplerInfo(s, CL_SAMPLER_CONTEXT, sizeof c - 1, &c, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetSamplerInfo(s, 0x1159, sizeof u, &u, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetSamplerInfo(s, CL_SAMPLER_MIP_FILTER_MODE, sizeof u, &u, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetSamplerInfo(s, 0, sizeof u, &u, NULL), CL_INVALID_VALUE);

	/* Bad handles: NULL, garbage, released, and objects of other kinds. */
	cl_sampler released = clCreateSampler(t->context, CL_TRUE, CL_ADDRESS_CLAMP, CL_FILTER_NEAREST, &err);
	REQUIRE_OK(err);
	CHECK_OK(clReleaseSampler(released));
	cl_sampler bad[] = { NULL, (cl_sampler)GARBAGE, released, (cl_sampler)t->context,
		(cl_sampler)t->queue, (cl_sampler)t->device, (cl_sampler)t->platform };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_ERR(clRetainSampler(bad[i]), CL_INVALID_SAMPLER);
		CHECK_ERR(clReleaseSampler(bad[i]), CL_INVALID_SAMPLER);
		CHECK_ERR(clGetSamplerInfo(bad[i], CL_SAMPLER_REFERENCE_COUNT, sizeof u, &u, NULL), CL_INVALID_SAMPLER);
		CHECK_ERR(clGetSamplerInfo(bad[i], 0x9999, sizeof u, &u, NULL), CL_INVALID_SAMPLER);
	}
	/* A sampler is not another kind of object either. */
	CHECK_ERR(clRetainContext((cl_context)s), CL_INVALID_CONTEXT);
	CHECK_ERR(clReleaseMemObject((cl_mem)s), CL_INVALID_MEM_OBJECT);
	CHECK(ref_count(s) == 1);
	CHECK_OK(clReleaseSampler(s));
	CHECK_ERR(clReleaseSampler(s), CL_INVALID_SAMPLER);
}

/* A sampler holds its context: it stays usable after the application
 * releases the context. */
static void test_holds_context(test_env *t) {
	cl_int err;
	cl_context ctx = clCreateContext(NULL, 1, &t->device, NULL, NULL, &err);
	REQUIRE_OK(err);
	cl_sampler s = clCreateSampler(ctx, CL_TRUE, CL_ADDRESS_CLAMP, CL_FILTER_LINEAR, &err);
	REQUIRE_OK(err);
	CHECK_OK(clReleaseContext(ctx));
	cl_context c = NULL;
	CHECK_OK(clGetSamplerInfo(s, CL_SAMPLER_CONTEXT, sizeof c, &c, NULL));
	CHECK(c == ctx);
	check_sampler(s, CL_TRUE, CL_ADDRESS_CLAMP, CL_FILTER_LINEAR, __LINE__);
	CHECK_OK(clReleaseSampler(s));
}

#define THREADS 8
#define ROUNDS 500

static cl_sampler g_shared;
static int g_thread_failures;

static void *worker(void *arg) {
	long id = (long)arg;
	int bad = 0;
	for (int i = 0; i < ROUNDS; i++) {
		cl_int err;
		cl_sampler_properties p[] = { CL_SAMPLER_NORMALIZED_COORDS, (i + id) & 1,
			CL_SAMPLER_ADDRESSING_MODE, CL_ADDRESS_NONE + (i % 5),
			CL_SAMPLER_FILTER_MODE, CL_FILTER_NEAREST + (id & 1), 0 };
		cl_sampler s = i & 1 ? clCreateSamplerWithProperties(g_context, p, &err)
			: clCreateSampler(g_context, (i + id) & 1, CL_ADDRESS_NONE + (i % 5), CL_FILTER_NEAREST + (id & 1), &err);
		if (err != CL_SUCCESS || s == NULL) { bad++; continue; }
		cl_addressing_mode a = 0;
		cl_bool n = 9;
		if (clGetSamplerInfo(s, CL_SAMPLER_ADDRESSING_MODE, sizeof a, &a, NULL) != CL_SUCCESS ||
		    a != (cl_addressing_mode)(CL_ADDRESS_NONE + (i % 5))) bad++;
		if (clGetSamplerInfo(s, CL_SAMPLER_NORMALIZED_COORDS, sizeof n, &n, NULL) != CL_SUCCESS ||
		    n != (cl_bool)((i + id) & 1)) bad++;
		if (clRetainSampler(s) != CL_SUCCESS) bad++;
		if (clReleaseSampler(s) != CL_SUCCESS) bad++;
		if (clReleaseSampler(s) != CL_SUCCESS) bad++;
		/* The shared sampler: retain, query, release from every thread. */
		if (clRetainSampler(g_shared) != CL_SUCCESS) bad++;
		cl_filter_mode f = 0;
		if (clGetSamplerInfo(g_shared, CL_SAMPLER_FILTER_MODE, sizeof f, &f, NULL) != CL_SUCCESS || f != CL_FILTER_LINEAR) bad++;
		if (clReleaseSampler(g_shared) != CL_SUCCESS) bad++;
	}
	__atomic_add_fetch(&g_thread_failures, bad, __ATOMIC_SEQ_CST);
	return NULL;
}

static void test_threads(test_env *t) {
	cl_int err;
	g_context = t->context;
	g_shared = clCreateSampler(t->context, CL_TRUE, CL_ADDRESS_REPEAT, CL_FILTER_LINEAR, &err);
	REQUIRE_OK(err);
	pthread_t th[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&th[i], NULL, worker, (void *)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	CHECK(g_thread_failures == 0);
	CHECK(ref_count(g_shared) == 1);
	CHECK_OK(clReleaseSampler(g_shared));
}

int main(void) {
	test_env t = test_setup();
	test_with_properties(&t);
	test_create_sampler(&t);
	test_info_and_refs(&t);
	test_holds_context(&t);
	test_threads(&t);
	test_teardown(&t);
	return check_done();
}
