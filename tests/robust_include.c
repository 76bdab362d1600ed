/* #include of something that is not a regular file (/dev/zero,
 * /dev/urandom, /dev/stdin, a FIFO), directly or from an included header,
 * or of a file larger than 64 MiB: the build fails with
 * CL_BUILD_PROGRAM_FAILURE and a log line saying why, promptly (it used to
 * read /dev/zero until memory ran out, or hang on a FIFO). */
#include "check.h"
#include <signal.h>
#include <sys/stat.h>

static test_env t;

static void expect_failure(const char *what, const char *src, const char *opts, const char *why) {
	cl_int err;
	cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	double t0 = check_now();
	err = clBuildProgram(p, 1, &t.device, opts, NULL, NULL);
	double dt = check_now() - t0;
	if (err != CL_BUILD_PROGRAM_FAILURE) fprintf(stderr, "%s: clBuildProgram returned %d\n", what, err);
	CHECK_ERR(err, CL_BUILD_PROGRAM_FAILURE);
	char log[4096] = "";
	CHECK_OK(clGetProgramBuildInfo(p, t.device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL));
	if (!strstr(log, why)) fprintf(stderr, "%s: log lacks \"%s\":\n%s\n", what, why, log);
	CHECK(strstr(log, why) != NULL);
	CHECK(dt < 10);
	clReleaseProgram(p);
}

int main(void) {
	alarm(120); /* a hang is a failure */
	t = test_setup();
	expect_failure("/dev/zero", "#include \"/dev/zero\"\n__kernel void k(void) {}\n", "", "not a regular file");
	expect_failure("/dev/urandom", "#include </dev/urandom>\n__kernel void k(void) {}\n", "", "not a regular file");
	expect_failure("/dev/stdin", "#include \"/dev/stdin\"\n__kernel void k(void) {}\n", "", "not a regular file");
	char dir[] = "/tmp/gocl-include-XXXXXX";
	REQUIRE_OK(mkdtemp(dir) ? CL_SUCCESS : CL_OUT_OF_HOST_MEMORY);
	char fifo[256], hdr[256], big[256], opts[300], src[512];
	snprintf(fifo, sizeof fifo, "%s/fifo.h", dir);
	CHECK(mkfifo(fifo, 0600) == 0);
	snprintf(src, sizeof src, "#include \"%s\"\n__kernel void k(void) {}\n", fifo);
	expect_failure("FIFO", src, "", "not a regular file");
	/* Through a header found with -I. */
	snprintf(hdr, sizeof hdr, "%s/nested.h", dir);
	FILE *f = fopen(hdr, "w");
	fprintf(f, "#define NESTED 1\n  #  include \"/dev/zero\"\n");
	fclose(f);
	snprintf(opts, sizeof opts, "-I %s", dir);
	expect_failure("nested /dev/zero", "#include <nested.h>\n__kernel void k(void) {}\n", opts, "not a regular file");
	snprintf(opts, sizeof opts, "-I%s", dir);
	expect_failure("FIFO by -I", "#include \"fifo.h\"\n__kernel void k(void) {}\n", opts, "not a regular file");
	/* Larger than 64 MiB (sparse). */
	snprintf(big, sizeof big, "%s/big.h", dir);
	f = fopen(big, "w");
	CHECK(ftruncate(fileno(f), (64 << 20) + 1) == 0);
	fclose(f);
	snprintf(src, sizeof src, "#include \"%s\"\n__kernel void k(void) {}\n", big);
	expect_failure("65 MiB", src, "", "larger than 64 MiB");
	/* An ordinary header still works. */
	f = fopen(hdr, "w");
	fprintf(f, "#define NESTED 5\n");
	fclose(f);
	snprintf(opts, sizeof opts, "-I %s", dir);
	cl_program p = check_build(&t, "#include <nested.h>\n__kernel void k(__global int *o) { *o = NESTED; }\n", opts);
	cl_mem m = check_buffer(&t, sizeof(int), NULL);
	cl_kernel k = clCreateKernel(p, "k", NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clEnqueueTask(t.queue, k, 0, NULL, NULL));
	int v = 0;
	CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, sizeof v, &v, 0, NULL, NULL));
	CHECK(v == 5);
	clReleaseKernel(k);
	clReleaseMemObject(m);
	clReleaseProgram(p);
	unlink(fifo); unlink(hdr); unlink(big); rmdir(dir);
	test_teardown(&t);
	return check_done();
}
