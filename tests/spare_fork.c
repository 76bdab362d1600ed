/*
 * Spare compilers (build/spare.go) and a process the application forked:
 * creating a context starts a spare clang that waits for its command line;
 * a child forked then (without exec, as Python's multiprocessing does)
 * inherits the parent's open files and lives on. The builds that follow
 * (front end and code generation, each through a spare) must still end,
 * with the right code: a spare whose arguments came through a pipe the
 * child also held open would wait for ever for their end. An alarm turns
 * such a hang into a failure. The program is new to the cache (its text
 * holds the process id), so both compiles run.
 */
#include "check.h"
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void on_alarm(int sig) {
	(void)sig;
	static const char msg[] = "FAILED: a build hung with a forked child alive\n";
	write(2, msg, sizeof msg - 1);
	_exit(1);
}

int main(void) {
	test_env t = test_setup();
	usleep(300 * 1000); /* the spare has loaded and waits */
	pid_t child = fork();
	if (child == 0) {
		sleep(120);
		_exit(0);
	}
	REQUIRE_OK(child < 0 ? CL_OUT_OF_HOST_MEMORY : CL_SUCCESS);
	signal(SIGALRM, on_alarm);
	alarm(90);

	char src[256];
	snprintf(src, sizeof src, "kernel void k(global int *o) { size_t i = get_global_id(0); o[i] = (int)i * 3 + %d; }\n",
		(int)getpid());
	cl_program p = check_build(&t, src, "");
	cl_int err;
	cl_kernel k = clCreateKernel(p, "k", &err);
	CHECK_OK(err);
	enum { N = 1000 };
	cl_mem o = check_buffer(&t, N * sizeof(int), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof o, &o));
	size_t global = N;
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &global, NULL, 0, NULL, NULL));
	int out[N];
	CHECK_OK(clEnqueueReadBuffer(t.queue, o, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	int bad = 0;
	for (int i = 0; i < N; i++) bad += out[i] != i * 3 + (int)getpid();
	CHECK(bad == 0);
	alarm(0);

	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	clReleaseMemObject(o);
	clReleaseKernel(k);
	clReleaseProgram(p);
	test_teardown(&t);
	return check_done();
}
