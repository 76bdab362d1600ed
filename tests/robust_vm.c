/* Under an address-space limit (ulimit -v 1G), gocl leaves the application
 * room and says how much (robustness, issue 8, item 12): it used to start at
 * 1-1.6 GB of address space, leaving 3 MB to allocate, while reporting a
 * 12.6 GB CL_DEVICE_MAX_MEM_ALLOC_SIZE. And a build that the limit leaves no
 * room for fails with CL_OUT_OF_HOST_MEMORY and a log that says so: a cold
 * build of the builtin library under 1 GiB used to end the process ("fatal
 * error: out of memory" in the Go runtime). The test runs itself again with
 * RLIMIT_AS set before the library is loaded. */
#include "check.h"
#include <sys/resource.h>
#include <sys/wait.h>

#define LIMIT ((rlim_t)1 << 30)

static int child(void) {
	test_env t = test_setup();
	cl_ulong global = 0, maxalloc = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_GLOBAL_MEM_SIZE, sizeof global, &global, NULL));
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_MAX_MEM_ALLOC_SIZE, sizeof maxalloc, &maxalloc, NULL));
	printf("under a %llu MiB limit: CL_DEVICE_GLOBAL_MEM_SIZE %llu MiB, CL_DEVICE_MAX_MEM_ALLOC_SIZE %llu MiB\n",
		(unsigned long long)(LIMIT >> 20), (unsigned long long)(global >> 20), (unsigned long long)(maxalloc >> 20));
	CHECK(global <= LIMIT);
	CHECK(maxalloc <= global && maxalloc > 0);
	/* A buffer of the reported size can be allocated and written. */
	cl_int err;
	cl_mem m = clCreateBuffer(t.context, CL_MEM_READ_WRITE, maxalloc, NULL, &err);
	CHECK_OK(err);
	if (err == CL_SUCCESS) {
		void *p = clEnqueueMapBuffer(t.queue, m, CL_TRUE, CL_MAP_WRITE_INVALIDATE_REGION, 0, maxalloc, 0, NULL, NULL, &err);
		CHECK_OK(err);
		if (p) {
			memset(p, 1, maxalloc);
			CHECK_OK(clEnqueueUnmapMemObject(t.queue, m, p, 0, NULL, NULL));
		}
		CHECK_OK(clFinish(t.queue));
		clReleaseMemObject(m);
	}
	/* And the application itself still has room (it had 3 MB). */
	void *x = malloc(64 << 20);
	CHECK(x != NULL);
	if (x) memset(x, 2, 64 << 20);
	free(x);
	test_teardown(&t);
	return check_done();
}

/* A build under the limit, with the cache directory the parent chose (an
 * empty one: the builtin library too is built): it succeeds and the kernel
 * runs, or it fails for want of memory and the log says why. Either way
 * the process lives on. */
static int child_build(void) {
	test_env t = test_setup();
	const char *src = "kernel void k(global int *o) { o[get_global_id(0)] = (int)get_global_id(0) * 3; }";
	cl_int err;
	cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	err = clBuildProgram(p, 1, &t.device, "", NULL, NULL);
	printf("a cold build under a %llu MiB limit: %d\n", (unsigned long long)(LIMIT >> 20), err);
	if (err == CL_SUCCESS) {
		cl_kernel k = clCreateKernel(p, "k", &err);
		REQUIRE_OK(err);
		cl_mem m = check_buffer(&t, 64 * sizeof(int), NULL);
		size_t g = 64;
		int out[64];
		CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
		err = clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL);
		CHECK(err == CL_SUCCESS || err == CL_OUT_OF_HOST_MEMORY || err == CL_OUT_OF_RESOURCES);
		if (err == CL_SUCCESS) {
			CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
			for (int i = 0; i < 64; i++) CHECK(out[i] == i * 3);
		}
		clReleaseMemObject(m);
		clReleaseKernel(k);
	} else {
		CHECK(err == CL_OUT_OF_HOST_MEMORY);
		size_t n = 0;
		CHECK_OK(clGetProgramBuildInfo(p, t.device, CL_PROGRAM_BUILD_LOG, 0, NULL, &n));
		char *log = calloc(1, n + 1);
		CHECK_OK(clGetProgramBuildInfo(p, t.device, CL_PROGRAM_BUILD_LOG, n, log, NULL));
		CHECK(strstr(log, "ulimit -v") != NULL);
		if (!strstr(log, "ulimit -v")) fprintf(stderr, "build log: %s\n", log);
		free(log);
	}
	clReleaseProgram(p);
	test_teardown(&t);
	return check_done();
}

/* Runs this program again as mode under the limit; its exit status. */
static int under_limit(const char *self, const char *mode) {
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit r = {LIMIT, LIMIT};
		if (setrlimit(RLIMIT_AS, &r) != 0) _exit(3);
		execl("/proc/self/exe", self, mode, (char *)NULL);
		_exit(4);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) fprintf(stderr, "%s: status %#x\n", mode, st);
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

int main(int argc, char **argv) {
	if (argc > 1 && !strcmp(argv[1], "child")) return child();
	if (argc > 1 && !strcmp(argv[1], "build")) return child_build();
	/* Without a limit, the full sizes. */
	test_env t = test_setup();
	cl_ulong global = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_GLOBAL_MEM_SIZE, sizeof global, &global, NULL));
	CHECK(global > 0);
	test_teardown(&t);
	CHECK(under_limit(argv[0], "child"));
	/* The cold build, in a cache directory of its own. */
	char dir[] = "/tmp/gocl-robust-vm-XXXXXX";
	if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
	setenv("GOCL_CACHE_DIR", dir, 1);
	CHECK(under_limit(argv[0], "build"));
	char rm[64];
	snprintf(rm, sizeof rm, "rm -rf %s", dir);
	CHECK(system(rm) == 0);
	return check_done();
}
