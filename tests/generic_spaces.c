/* A generic pointer's named address space (OpenCL C 2.0's to_global,
 * to_local and to_private): each work-item points a generic pointer at
 * global memory, a __local argument, a kernel-scope __local array, a
 * private array or a private scalar (chosen by its id, so that work-items
 * of one work-group differ) and asks all three. Memory is one flat address
 * space here, so the answer comes from where the pointer points; the
 * kernel-scope __local array is thread-local, and many work-groups run on
 * every worker thread. Checked on every path, with a barrier (fibers and
 * work-group functions keep private memory in different places) and
 * without, under OpenCL C 2.0 and 3.0.
 *
 * A pointer can also reach a work-item on another thread (the CTS's
 * language_struct stores __local and private pointers in a __global
 * struct that all work-items share). That is checked in two launches of
 * the same kernel: the first keeps every work-item's pointer, the second
 * asks about the pointer of a work-item half the range away (another
 * work-group, most often run by another thread). The places it points to
 * outlive the launch (worker memory is kept), so the answer must not
 * change; nothing is read through those pointers. */
#include "collective_ref.h"

static const char *src =
	"int spaces(generic int *p) {\n"
	"	return (to_global(p) != 0) | (to_local(p) != 0) << 1 | (to_private(p) != 0) << 2;\n"
	"}\n"
	"kernel void ask(global int *g, local int *l, global int *out, int sync, int mode, global ulong *kept) {\n"
	"	local int kl[64];\n"
	"	int priv[4];\n"
	"	int one = 1;\n"
	"	size_t i = get_global_id(0), li = get_local_id(0);\n"
	"	priv[li & 3] = (int)i;\n"
	"	kl[li & 63] = (int)i;\n"
	"	l[li] = (int)i;\n"
	"	if (sync) barrier(CLK_LOCAL_MEM_FENCE);\n"
	"	generic int *p;\n"
	"	switch (i % 5) {\n"
	"	case 0: p = g + i; break;\n"
	"	case 1: p = l + li; break;\n"
	"	case 2: p = kl + (li & 63); break;\n"
	"	case 3: p = priv + (li & 3); break;\n"
	"	default: p = &one; break;\n"
	"	}\n"
	"	if (mode == 1) kept[i] = (ulong)p;\n"
	"	int s = mode == 2 ? spaces((generic int *)kept[(i + get_global_size(0) / 2) % get_global_size(0)]) : spaces(p);\n"
	"	if (sync) barrier(CLK_LOCAL_MEM_FENCE);\n"
	"	out[i] = s | (mode == 2 || *p != 0) << 3 | (to_global((generic int *)0) != 0) << 4;\n"
	"}\n";

static void check(test_env *t, cl_program p, size_t gs, size_t ls, int sync, int cross) {
	cl_int err;
	cl_kernel k = clCreateKernel(p, "ask", &err);
	CHECK_OK(err);
	cl_int *in = calloc(gs, sizeof(cl_int)), *out = calloc(gs, sizeof(cl_int));
	for (size_t i = 0; i < gs; i++) in[i] = 1;
	cl_mem bin = check_buffer(t, gs * sizeof(cl_int), in), bout = check_buffer(t, gs * sizeof(cl_int), NULL);
	cl_mem bkept = check_buffer(t, gs * sizeof(cl_ulong), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof bin, &bin));
	CHECK_OK(clSetKernelArg(k, 1, ls * sizeof(cl_int), NULL));
	CHECK_OK(clSetKernelArg(k, 2, sizeof bout, &bout));
	CHECK_OK(clSetKernelArg(k, 3, sizeof sync, &sync));
	CHECK_OK(clSetKernelArg(k, 5, sizeof bkept, &bkept));
	for (int mode = cross ? 1 : 0; mode <= 2 * cross; mode++) {
		CHECK_OK(clSetKernelArg(k, 4, sizeof mode, &mode));
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &gs, &ls, 0, NULL, NULL));
	}
	CHECK_OK(clEnqueueReadBuffer(t->queue, bout, CL_TRUE, 0, gs * sizeof(cl_int), out, 0, NULL, NULL));
	static const int want_space[5] = {1, 2, 2, 4, 4}; /* global, local, local, private, private */
	static const char *const what[5] = {"global", "__local argument", "kernel-scope __local", "private array",
		"private scalar"};
	int bad = 0;
	for (size_t i = 0; i < gs; i++) {
		/* The value read through the pointer is never 0 (every work-item
		 * writes i and item 0 points at global memory holding 1). */
		size_t from = cross ? (i + gs / 2) % gs : i;
		int want = want_space[from % 5] | 8;
		if (out[i] != want && bad++ < 5)
			fprintf(stderr, "global %zu local %zu sync %d: work-item %zu (%s of work-item %zu): to_global/to_local/to_private/read/null "
				"%#x, want %#x\n", gs, ls, sync, i, what[from % 5], from, out[i], want);
	}
	CHECK(bad == 0);
	free(in), free(out);
	clReleaseMemObject(bin), clReleaseMemObject(bout), clReleaseMemObject(bkept), clReleaseKernel(k);
}

static void run_checks(void) {
	test_env t = test_setup();
	static const char *const options[] = {"-cl-std=CL2.0", "-cl-std=CL3.0"};
	for (int o = 0; o < 2; o++) {
		cl_program p = check_build(&t, src, options[o]);
		static const size_t sizes[][2] = {{5, 5}, {640, 64}, {4000, 40}, {2048, 128}};
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
			for (int sync = 0; sync < 2; sync++)
				for (int cross = 0; cross < 2; cross++) check(&t, p, sizes[i][0], sizes[i][1], sync, cross);
		clReleaseProgram(p);
	}
	test_teardown(&t);
}

int main(int argc, char **argv) { return check_every_path(argc, argv, "generic_spaces", run_checks); }
