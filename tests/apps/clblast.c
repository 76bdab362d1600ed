/* CLBlast (Debian's libclblast) on the first OpenCL device: a few routines
 * of every BLAS level, with offsets, strides, transposes and sizes that are
 * no multiple of CLBlast's tile sizes, each checked against a plain host
 * computation. Built and run by tests/clblast.sh. */
#define CL_TARGET_OPENCL_VERSION 300
#include <clblast_c.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
static cl_context ctx;
static cl_command_queue queue;

#define REQUIRE(c)                                                                  \
	do {                                                                            \
		if (!(c)) {                                                                 \
			fprintf(stderr, "%s:%d: FATAL: %s\n", __FILE__, __LINE__, #c);            \
			exit(1);                                                                \
		}                                                                           \
	} while (0)

static unsigned seed = 12345;
static double rnd(void) { /* in [-1, 1) */
	seed = seed * 1103515245u + 12345u;
	return ((seed >> 8) & 0xffff) / 32768.0 - 1.0;
}

static cl_mem upload(const void *p, size_t n) {
	cl_int err;
	cl_mem m = clCreateBuffer(ctx, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, n, (void *)p, &err);
	REQUIRE(err == CL_SUCCESS);
	return m;
}

static void download(cl_mem m, void *p, size_t n) {
	REQUIRE(clEnqueueReadBuffer(queue, m, CL_TRUE, 0, n, p, 0, NULL, NULL) == CL_SUCCESS);
}

/* Compares got with want (n values) to a relative tolerance scaled by the
 * magnitude of the terms (sum of |a*b| per result, in scale). */
static void compare(const char *what, const double *got, const double *want, const double *scale, size_t n, double eps) {
	size_t bad = 0, first = 0;
	for (size_t i = 0; i < n; i++) {
		double tol = eps * (scale ? scale[i] : fabs(want[i])) + 1e-30;
		if (!(fabs(got[i] - want[i]) <= tol) && bad++ == 0) first = i;
	}
	if (bad) {
		fprintf(stderr, "FAILED: %s: %zu of %zu values wrong, first [%zu]: got %.9g want %.9g\n", what, bad, n, first,
			got[first], want[first]);
		failures++;
	} else {
		printf("ok: %s (%zu values)\n", what, n);
	}
}

#define CHECK_CLBLAST(call)                                                          \
	do {                                                                             \
		CLBlastStatusCode s_ = (call);                                               \
		if (s_ != CLBlastSuccess) {                                                  \
			fprintf(stderr, "FAILED: %s returned %d\n", #call, (int)s_);             \
			failures++;                                                              \
			return;                                                                  \
		}                                                                            \
	} while (0)

static void test_saxpy(void) {
	enum { N = 1000, INC = 3, OFF = 5 };
	float x[OFF + N * INC], y[OFF + N * INC];
	for (size_t i = 0; i < OFF + N * INC; i++) x[i] = (float)rnd(), y[i] = (float)rnd();
	cl_mem bx = upload(x, sizeof x), by = upload(y, sizeof y);
	CHECK_CLBLAST(CLBlastSaxpy(N, 1.5f, bx, OFF, INC, by, OFF, INC, &queue, NULL));
	float out[OFF + N * INC];
	download(by, out, sizeof out);
	double got[OFF + N * INC], want[OFF + N * INC], scale[OFF + N * INC];
	for (size_t i = 0; i < OFF + N * INC; i++) {
		int touched = i >= OFF && (i - OFF) % INC == 0;
		got[i] = out[i];
		want[i] = touched ? (double)1.5f * x[i] + y[i] : y[i];
		scale[i] = fabs(1.5 * x[i]) + fabs(y[i]);
	}
	compare("SAXPY n=1000 inc=3 offset=5 (untouched elements kept)", got, want, scale, OFF + N * INC, 1e-6);
	clReleaseMemObject(bx);
	clReleaseMemObject(by);
}

static void test_sdot(void) {
	enum { N = 4099 };
	float x[N], y[N];
	double want = 0, scale = 0;
	for (int i = 0; i < N; i++) {
		x[i] = (float)rnd(), y[i] = (float)rnd();
		want += (double)x[i] * y[i];
		scale += fabs((double)x[i] * y[i]);
	}
	cl_mem bx = upload(x, sizeof x), by = upload(y, sizeof y);
	float zero = 0;
	cl_mem bd = upload(&zero, sizeof zero);
	CHECK_CLBLAST(CLBlastSdot(N, bd, 0, bx, 0, 1, by, 0, 1, &queue, NULL));
	float d;
	download(bd, &d, sizeof d);
	double got = d;
	compare("SDOT n=4099", &got, &want, &scale, 1, 1e-5);
	clReleaseMemObject(bx);
	clReleaseMemObject(by);
	clReleaseMemObject(bd);
}

static void test_sgemv(int trans) {
	enum { M = 123, N = 77, LDA = 130 };
	float *a = malloc(sizeof(float) * M * LDA), x[M + N], y[M + N];
	for (int i = 0; i < M * LDA; i++) a[i] = (float)rnd();
	for (int i = 0; i < M + N; i++) x[i] = (float)rnd(), y[i] = (float)rnd();
	/* Row-major A (M x N, leading dimension LDA); y = 2 op(A) x - 0.5 y. */
	int rows = trans ? N : M, cols = trans ? M : N;
	cl_mem ba = upload(a, sizeof(float) * M * LDA), bx = upload(x, sizeof x), by = upload(y, sizeof y);
	CHECK_CLBLAST(CLBlastSgemv(CLBlastLayoutRowMajor, trans ? CLBlastTransposeYes : CLBlastTransposeNo, M, N, 2.0f, ba, 0, LDA,
		bx, 0, 1, -0.5f, by, 0, 1, &queue, NULL));
	float out[M + N];
	download(by, out, sizeof out);
	double got[M + N], want[M + N], scale[M + N];
	for (int r = 0; r < rows; r++) {
		double s = 0, sc = 0;
		for (int c = 0; c < cols; c++) {
			double av = trans ? a[c * LDA + r] : a[r * LDA + c];
			s += av * x[c];
			sc += fabs(av * x[c]);
		}
		got[r] = out[r];
		want[r] = 2.0 * s - 0.5 * y[r];
		scale[r] = 2.0 * sc + 0.5 * fabs(y[r]);
	}
	compare(trans ? "SGEMV row-major transposed 123x77 lda=130" : "SGEMV row-major 123x77 lda=130", got, want, scale, rows, 1e-5);
	free(a);
	clReleaseMemObject(ba);
	clReleaseMemObject(bx);
	clReleaseMemObject(by);
}

/* C = alpha op(A) op(B) + beta C, column-major, in double on the host. */
static void test_gemm(int dbl, int ta, int tb, size_t m, size_t n, size_t k) {
	size_t lda = (ta ? k : m) + 3, ldb = (tb ? n : k) + 1, ldc = m + 2;
	size_t na = lda * (ta ? m : k), nb = ldb * (tb ? k : n), nc = ldc * n;
	double *a = malloc(na * sizeof(double)), *b = malloc(nb * sizeof(double)), *c = malloc(nc * sizeof(double));
	for (size_t i = 0; i < na; i++) a[i] = rnd();
	for (size_t i = 0; i < nb; i++) b[i] = rnd();
	for (size_t i = 0; i < nc; i++) c[i] = rnd();
	double alpha = 0.75, beta = -1.25;
	size_t es = dbl ? sizeof(double) : sizeof(float);
	void *ha = malloc(na * es), *hb = malloc(nb * es), *hc = malloc(nc * es);
	for (size_t i = 0; i < na; i++) dbl ? (((double *)ha)[i] = a[i]) : (((float *)ha)[i] = (float)(a[i] = (float)a[i]));
	for (size_t i = 0; i < nb; i++) dbl ? (((double *)hb)[i] = b[i]) : (((float *)hb)[i] = (float)(b[i] = (float)b[i]));
	for (size_t i = 0; i < nc; i++) dbl ? (((double *)hc)[i] = c[i]) : (((float *)hc)[i] = (float)(c[i] = (float)c[i]));
	cl_mem ba = upload(ha, na * es), bb = upload(hb, nb * es), bc = upload(hc, nc * es);
	CLBlastTranspose tA = ta ? CLBlastTransposeYes : CLBlastTransposeNo, tB = tb ? CLBlastTransposeYes : CLBlastTransposeNo;
	char what[128];
	snprintf(what, sizeof what, "%cGEMM column-major %s%s %zux%zux%zu", dbl ? 'D' : 'S', ta ? "A^T" : "A", tb ? "B^T" : "B", m, n, k);
	if (dbl)
		CHECK_CLBLAST(CLBlastDgemm(CLBlastLayoutColMajor, tA, tB, m, n, k, alpha, ba, 0, lda, bb, 0, ldb, beta, bc, 0, ldc, &queue, NULL));
	else
		CHECK_CLBLAST(CLBlastSgemm(CLBlastLayoutColMajor, tA, tB, m, n, k, (float)alpha, ba, 0, lda, bb, 0, ldb, (float)beta, bc, 0, ldc,
			&queue, NULL));
	download(bc, hc, nc * es);
	double *got = malloc(nc * sizeof(double)), *want = malloc(nc * sizeof(double)), *scale = malloc(nc * sizeof(double));
	for (size_t j = 0; j < n; j++)
		for (size_t i = 0; i < ldc; i++) {
			size_t at = j * ldc + i;
			got[at] = dbl ? ((double *)hc)[at] : ((float *)hc)[at];
			if (i >= m) { /* padding rows: untouched */
				want[at] = c[at], scale[at] = fabs(c[at]);
				continue;
			}
			double s = 0, sc = 0;
			for (size_t p = 0; p < k; p++) {
				double av = ta ? a[i * lda + p] : a[p * lda + i];
				double bv = tb ? b[p * ldb + j] : b[j * ldb + p];
				s += av * bv;
				sc += fabs(av * bv);
			}
			want[at] = alpha * s + beta * c[at];
			scale[at] = fabs(alpha) * sc + fabs(beta * c[at]);
		}
	compare(what, got, want, scale, nc, dbl ? 1e-12 : 1e-5);
	free(a), free(b), free(c), free(ha), free(hb), free(hc), free(got), free(want), free(scale);
	clReleaseMemObject(ba);
	clReleaseMemObject(bb);
	clReleaseMemObject(bc);
}

int main(void) {
	cl_platform_id platform;
	cl_device_id device;
	REQUIRE(clGetPlatformIDs(1, &platform, NULL) == CL_SUCCESS);
	REQUIRE(clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 1, &device, NULL) == CL_SUCCESS);
	char name[256];
	REQUIRE(clGetPlatformInfo(platform, CL_PLATFORM_NAME, sizeof name, name, NULL) == CL_SUCCESS);
	printf("platform: %s\n", name);
	cl_int err;
	ctx = clCreateContext(NULL, 1, &device, NULL, NULL, &err);
	REQUIRE(err == CL_SUCCESS);
	queue = clCreateCommandQueueWithProperties(ctx, device, NULL, &err);
	REQUIRE(err == CL_SUCCESS);
	test_saxpy();
	test_sdot();
	test_sgemv(0);
	test_sgemv(1);
	test_gemm(0, 0, 0, 64, 64, 64);  /* CLBlast's direct kernel (small) */
	test_gemm(0, 1, 0, 300, 257, 190); /* the indirect kernel with pad/transpose helpers */
	test_gemm(0, 0, 1, 97, 33, 513);
	test_gemm(1, 0, 0, 129, 130, 131);
	clReleaseCommandQueue(queue);
	clReleaseContext(ctx);
	printf("%s\n", failures ? "FAILED" : "all routines agree with the host");
	return failures != 0;
}
