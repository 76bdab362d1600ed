/* Under an address-space limit (ulimit -v 1G), gocl leaves the application
 * room and says how much (robustness, issue 8, item 12): it used to start at
 * 1-1.6 GB of address space, leaving 3 MB to allocate, while reporting a
 * 12.6 GB CL_DEVICE_MAX_MEM_ALLOC_SIZE. The test runs itself again with
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

int main(int argc, char **argv) {
	if (argc > 1 && !strcmp(argv[1], "child")) return child();
	/* Without a limit, the full sizes. */
	test_env t = test_setup();
	cl_ulong global = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_GLOBAL_MEM_SIZE, sizeof global, &global, NULL));
	CHECK(global > 0);
	test_teardown(&t);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit r = {LIMIT, LIMIT};
		if (setrlimit(RLIMIT_AS, &r) != 0) _exit(3);
		execl("/proc/self/exe", argv[0], "child", (char *)NULL);
		_exit(4);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) fprintf(stderr, "child: status %#x\n", st);
	return check_done();
}
