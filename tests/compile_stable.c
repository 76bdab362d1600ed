/* The same source compiled twice is the same compiled object, byte for
 * byte, also with embedded headers (clCompileProgram's input_headers, which
 * the cache does not keep): the front end used to record the temporary
 * file it compiled, so objects differed and the executables linked from
 * them missed the link cache every time (the CTS's
 * multiple_embedded_headers generated code for 257 kernels per run). The
 * executables linked from the two objects are the same too. */
#include "check.h"

static const char *header = "int twice(int x);\n#define OFFSET 7\n";
static const char *src = "#include \"lib/twice.h\"\n"
	"int twice(int x) { return 2 * x; }\n"
	"kernel void k(global int *o) { o[get_global_id(0)] = twice((int)get_global_id(0)) + OFFSET; }\n";

static unsigned char *binary(cl_program p, size_t *n) {
	REQUIRE_OK(clGetProgramInfo(p, CL_PROGRAM_BINARY_SIZES, sizeof *n, n, NULL));
	unsigned char *b = malloc(*n);
	REQUIRE_OK(clGetProgramInfo(p, CL_PROGRAM_BINARIES, sizeof b, &b, NULL));
	return b;
}

static cl_program compiled(test_env *t) {
	cl_int err;
	cl_program h = clCreateProgramWithSource(t->context, 1, &header, NULL, &err);
	REQUIRE_OK(err);
	cl_program p = clCreateProgramWithSource(t->context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	const char *name = "lib/twice.h";
	CHECK_OK(clCompileProgram(p, 1, &t->device, "", 1, &h, &name, NULL, NULL));
	clReleaseProgram(h);
	return p;
}

int main(void) {
	test_env t = test_setup();
	cl_program a = compiled(&t), b = compiled(&t);
	size_t na, nb;
	unsigned char *ba = binary(a, &na), *bb = binary(b, &nb);
	CHECK(na == nb && na > 0 && memcmp(ba, bb, na) == 0);
	/* Linked, both run, and are the same executable. */
	cl_int err;
	cl_program la = clLinkProgram(t.context, 1, &t.device, "", 1, &a, NULL, NULL, &err);
	CHECK_OK(err);
	cl_program lb = clLinkProgram(t.context, 1, &t.device, "", 1, &b, NULL, NULL, &err);
	CHECK_OK(err);
	size_t ma, mb;
	unsigned char *xa = binary(la, &ma), *xb = binary(lb, &mb);
	CHECK(ma == mb && ma > 0 && memcmp(xa, xb, ma) == 0);
	cl_kernel k = clCreateKernel(lb, "k", &err);
	CHECK_OK(err);
	cl_mem o = check_buffer(&t, 16 * sizeof(int), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof o, &o));
	size_t g = 16;
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL));
	int r[16];
	CHECK_OK(clEnqueueReadBuffer(t.queue, o, CL_TRUE, 0, sizeof r, r, 0, NULL, NULL));
	int bad = 0;
	for (int i = 0; i < 16; i++) bad += r[i] != 2 * i + 7;
	CHECK(bad == 0);
	free(ba), free(bb), free(xa), free(xb);
	clReleaseMemObject(o);
	clReleaseKernel(k);
	clReleaseProgram(la), clReleaseProgram(lb), clReleaseProgram(a), clReleaseProgram(b);
	test_teardown(&t);
	return check_done();
}
