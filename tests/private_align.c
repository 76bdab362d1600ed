/* Private variables keep their alignment (OpenCL C: a vector type is
 * aligned to its size, ulong16 to 128 bytes; aligned(N) asks for more):
 * the CTS vectors suite's vec_align_struct found a ulong16 in a private
 * struct at an address that was a multiple of 64 only, when a work-group
 * function kept it in its per-work-item context memory (page-aligned now).
 * Checked on every path (work-group functions, regions, fibers), with
 * automatic and explicit local sizes, under OpenCL C 1.2 and 3.0. */
#include "collective_ref.h"

static const char *src =
	"typedef struct { ulong pre[12]; ulong16 vec; ulong post[3]; } padded;\n"
	"kernel void align(global const ulong16 *in, global ulong *out, int n) {\n"
	"	padded p;\n"
	"	__attribute__((aligned(256))) float big[8];\n"
	"	size_t g = get_global_id(0);\n"
	"	p.vec = in[g];\n"
	"	for (int k = 0; k < 8; k++) big[k] = (float)(k + n);\n"
	"	ulong acc = 0;\n"
	"	for (int k = 0; k < n; k++) acc += p.vec.s0 + (ulong)big[k % 8];\n"
	"	out[3 * g] = (ulong)&p.vec;\n"
	"	out[3 * g + 1] = (ulong)big;\n"
	"	out[3 * g + 2] = acc;\n"
	"}\n";

static void check(test_env *t, cl_program p, size_t gs, const size_t *ls) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, "align", &err);
	CHECK_OK(err);
	cl_ulong *in = calloc(gs * 16, sizeof(cl_ulong)), *out = calloc(gs * 3, sizeof(cl_ulong));
	for (size_t g = 0; g < gs; g++) in[g * 16] = g;
	cl_mem bin = check_buffer(t, gs * 128, in), bout = check_buffer(t, gs * 24, NULL);
	int n = 5;
	CHECK_OK(clSetKernelArg(k, 0, sizeof bin, &bin));
	CHECK_OK(clSetKernelArg(k, 1, sizeof bout, &bout));
	CHECK_OK(clSetKernelArg(k, 2, sizeof n, &n));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &gs, ls, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, bout, CL_TRUE, 0, gs * 24, out, 0, NULL, NULL));
	int bad = 0;
	for (size_t g = 0; g < gs; g++) {
		cl_ulong want = 0;
		for (int j = 0; j < n; j++) want += g + (cl_ulong)(j % 8 + n);
		if ((out[3 * g] % 128 || out[3 * g + 1] % 256 || out[3 * g + 2] != want) && bad++ < 3)
			fprintf(stderr, "global %zu local %zu: work-item %zu: vec at %#llx, big at %#llx, sum %llu (want %llu)\n", gs,
				ls ? *ls : 0, g, (unsigned long long)out[3 * g], (unsigned long long)out[3 * g + 1],
				(unsigned long long)out[3 * g + 2], (unsigned long long)want);
	}
	CHECK(bad == 0);
	free(in), free(out);
	clReleaseMemObject(bin), clReleaseMemObject(bout), clReleaseKernel(k);
}

static void run_checks(void) {
	test_env t = test_setup();
	static const char *const options[] = {"", "-cl-std=CL3.0"};
	for (int o = 0; o < 2; o++) {
		cl_program p = check_build(&t, src, options[o]);
		static const size_t sizes[][2] = {{4, 0}, {4, 1}, {4, 4}, {100, 0}, {1000, 0}, {256, 64}, {37, 0}};
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
			check(&t, p, sizes[i][0], sizes[i][1] ? &sizes[i][1] : NULL);
		clReleaseProgram(p);
	}
	test_teardown(&t);
}

int main(int argc, char **argv) { return check_every_path(argc, argv, "private_align", run_checks); }
