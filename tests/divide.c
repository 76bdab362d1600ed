/* Integer division by a divisor that is the same for every work-item
 * (build/uniform_div.go: a run of work-items whose dividends and divisor
 * are in [0, 2^30) divides in double precision, others with the division
 * instruction): every quotient and remainder is compared with the host's,
 * for divisors from 1 to the type's maximum, dividends from 0 to past
 * 2^30 and 2^32 (through the global offset), negative ones and negative
 * divisors, affine dividends, divisions inside a kernel's own loop and in
 * a work-group function with a barrier. A divisor of 0 must not crash. */
#include "check.h"

static test_env t;

static const char *src =
	"kernel void u64(global ulong *q, global ulong *r, ulong base, uint w) {\n"
	"  size_t i = get_global_id(0), k = i - base;\n"
	"  q[k] = i / w; r[k] = i % w; }\n"
	"kernel void s32(global int *q, global int *r, int base, int w) {\n"
	"  int k = get_global_id(0), i = k + base;\n"
	"  q[k] = i / w; r[k] = i % w; }\n"
	"kernel void affine(global long *q, global long *r, long w) {\n"
	"  long i = get_global_id(0), n = i * 3 + 5;\n"
	"  q[i] = n / w; r[i] = n % w; }\n"
	"kernel void looped(global uint *q, uint w, uint steps) {\n"
	"  uint i = get_global_id(0), acc = 0;\n"
	"  for (uint s = 0; s < steps; s++) acc += (i + s * 1000u) / w + (i + s) % w;\n"
	"  q[i] = acc; }\n"
	"kernel void grouped(global uint *q, local uint *tmp, uint w) {\n"
	"  uint l = get_local_id(0), g = get_global_id(0);\n"
	"  tmp[l] = g % w;\n"
	"  barrier(CLK_LOCAL_MEM_FENCE);\n"
	"  q[g] = tmp[get_local_size(0) - 1 - l] + l / w; }\n";

#define N 4096

static cl_program prog;
static cl_mem qbuf, rbuf;

static void run(const char *name, size_t offset, size_t n, size_t local, int nargs, const void **args, const size_t *sizes) {
	cl_int err;
	cl_kernel k = clCreateKernel(prog, name, &err);
	REQUIRE_OK(err);
	int a = 0;
	CHECK_OK(clSetKernelArg(k, a++, sizeof qbuf, &qbuf));
	if (strcmp(name, "looped") != 0 && strcmp(name, "grouped") != 0) CHECK_OK(clSetKernelArg(k, a++, sizeof rbuf, &rbuf));
	if (strcmp(name, "grouped") == 0) CHECK_OK(clSetKernelArg(k, a++, local * 4, NULL));
	for (int i = 0; i < nargs; i++) CHECK_OK(clSetKernelArg(k, a++, sizes[i], args[i]));
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, &offset, &n, local ? &local : NULL, 0, NULL, NULL));
	CHECK_OK(clFinish(t.queue));
	clReleaseKernel(k);
}

static void read_back(cl_mem m, void *out, size_t bytes) {
	CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, bytes, out, 0, NULL, NULL));
}

static void test_u64(void) {
	static const cl_uint ws[] = {1, 2, 3, 7, 1000, 65537, (1u << 29) + 1, (1u << 30) - 1, 1u << 30, 0x7fffffffu, 0xffffffffu};
	static const cl_ulong bases[] = {0, (1ul << 30) - N / 2, (1ul << 32) - N / 2, 1ul << 40};
	static cl_ulong q[N], r[N];
	for (size_t b = 0; b < sizeof bases / sizeof *bases; b++)
		for (size_t j = 0; j < sizeof ws / sizeof *ws; j++) {
			cl_ulong base = bases[b];
			cl_uint w = ws[j];
			const void *args[] = {&base, &w};
			const size_t sizes[] = {sizeof base, sizeof w};
			run("u64", base, N, 0, 2, args, sizes);
			read_back(qbuf, q, sizeof q);
			read_back(rbuf, r, sizeof r);
			int bad = 0;
			for (size_t k = 0; k < N; k++) {
				cl_ulong i = base + k;
				if (q[k] != i / w || r[k] != i % w) {
					if (!bad++) fprintf(stderr, "u64: %llu / %u: got %llu r %llu\n", (unsigned long long)i, w, (unsigned long long)q[k], (unsigned long long)r[k]);
				}
			}
			CHECK(bad == 0);
		}
}

static void test_s32(void) {
	/* 1072693404 / 16371 = 65524 exactly, which the double product
	 * misses from below (65523.99…): the fast path's correction step. */
	static const cl_int ws[] = {1, 3, 7, 1000, 16371, (1 << 30) - 1, 1 << 30, 0x7fffffff, -1, -7, -(1 << 30), (cl_int)0x80000000};
	static const cl_int bases[] = {0, (1 << 30) - N / 2, 1072693404 - N / 2, -N / 2, -(1 << 30), 0x7fffffff - N + 1};
	static cl_int q[N], r[N];
	for (size_t b = 0; b < sizeof bases / sizeof *bases; b++)
		for (size_t j = 0; j < sizeof ws / sizeof *ws; j++) {
			cl_int base = bases[b], w = ws[j];
			const void *args[] = {&base, &w};
			const size_t sizes[] = {sizeof base, sizeof w};
			run("s32", 0, N, 0, 2, args, sizes);
			read_back(qbuf, q, sizeof q);
			read_back(rbuf, r, sizeof r);
			int bad = 0;
			for (int k = 0; k < N; k++) {
				int i = base + k;
				if (w == -1) { /* INT_MIN / -1 is undefined: only the others */
					if (i == (cl_int)0x80000000) continue;
				}
				if (q[k] != i / w || r[k] != i % w) {
					if (!bad++) fprintf(stderr, "s32: %d / %d: got %d r %d\n", i, w, q[k], r[k]);
				}
			}
			CHECK(bad == 0);
		}
}

static void test_affine(void) {
	static const cl_long ws[] = {1, 5, 12289, (1l << 30) - 1, 1l << 30, 1l << 40, -9};
	static cl_long q[N], r[N];
	for (size_t j = 0; j < sizeof ws / sizeof *ws; j++) {
		cl_long w = ws[j];
		const void *args[] = {&w};
		const size_t sizes[] = {sizeof w};
		run("affine", 0, N, 0, 1, args, sizes);
		read_back(qbuf, q, sizeof q);
		read_back(rbuf, r, sizeof r);
		int bad = 0;
		for (cl_long i = 0; i < N; i++)
			if (q[i] != (i * 3 + 5) / w || r[i] != (i * 3 + 5) % w) bad++;
		CHECK(bad == 0);
	}
}

static void test_looped(void) {
	static const cl_uint ws[] = {1, 6, 999, (1u << 30) - 1, 1u << 31};
	static cl_uint q[N];
	for (size_t j = 0; j < sizeof ws / sizeof *ws; j++) {
		cl_uint w = ws[j], steps = 37;
		const void *args[] = {&w, &steps};
		const size_t sizes[] = {sizeof w, sizeof steps};
		run("looped", 0, N, 0, 2, args, sizes);
		read_back(qbuf, q, sizeof q);
		int bad = 0;
		for (cl_uint i = 0; i < N; i++) {
			cl_uint acc = 0;
			for (cl_uint s = 0; s < steps; s++) acc += (i + s * 1000u) / w + (i + s) % w;
			if (q[i] != acc) bad++;
		}
		CHECK(bad == 0);
	}
}

static void test_grouped(void) {
	static const cl_uint ws[] = {1, 4, 5, 33, 1u << 30};
	static const size_t locals[] = {1, 7, 64, 256};
	static cl_uint q[N];
	for (size_t j = 0; j < sizeof ws / sizeof *ws; j++)
		for (size_t li = 0; li < sizeof locals / sizeof *locals; li++) {
			cl_uint w = ws[j];
			size_t local = locals[li], n = N / local * local;
			const void *args[] = {&w};
			const size_t sizes[] = {sizeof w};
			run("grouped", 0, n, local, 1, args, sizes);
			read_back(qbuf, q, n * 4);
			int bad = 0;
			for (size_t g = 0; g < n; g++) {
				size_t l = g % local, mirror = g - l + (local - 1 - l);
				if (q[g] != (cl_uint)(mirror % w + l / w)) bad++;
			}
			CHECK(bad == 0);
		}
}

/* A divisor of 0 is undefined behaviour in OpenCL C, but must not kill
 * the application (build/safediv.go). */
static void test_zero(void) {
	cl_uint w = 0;
	cl_ulong base = 0;
	const void *args[] = {&base, &w};
	const size_t sizes[] = {sizeof base, sizeof w};
	run("u64", 0, N, 0, 2, args, sizes);
}

int main(void) {
	t = test_setup();
	prog = check_build(&t, src, "");
	qbuf = check_buffer(&t, N * 8, NULL);
	rbuf = check_buffer(&t, N * 8, NULL);
	test_u64();
	test_s32();
	test_affine();
	test_looped();
	test_grouped();
	test_zero();
	clReleaseMemObject(qbuf);
	clReleaseMemObject(rbuf);
	clReleaseProgram(prog);
	test_teardown(&t);
	return check_done();
}
