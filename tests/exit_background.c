/* A process that exits while gocl compiles in the background must exit
 * cleanly. With GOCL_SPECIALIZE's default policy, the third launch of a
 * kernel in one shape (10 ms of run time in all) starts the compilation of
 * code for that shape on a background thread; a program that then exits at
 * once used to die of SIGSEGV or "double free" now and then (pyopencl
 * scripts, about one run in seven): libLLVM was being loaded, or used, as
 * exit ran its destructors. Each child here builds a kernel (the cache is
 * warm after the first, so libLLVM is not loaded by the build), launches it
 * until the compilation has surely started (four times at least, 60 ms in
 * all) and returns from main; all of them must exit with status 0.
 * Every other child has a cache of its own, empty: its build loads
 * libLLVM and its first launch writes bitcode on the application's
 * thread, which registers exit destructors of libLLVM's (function-local
 * statics of the bitcode writer) after gocl's exit handler; the shape's
 * compilation in the background then writes bitcode too, and exit must
 * stop it before those destructors run (build/scratch.go).
 * The parent also checks, through GOCL_DEBUG, that a background compilation
 * was started, so that the case is really exercised. */
#include "check.h"
#include <sys/stat.h>
#include <sys/wait.h>

static const char *src =
	"kernel void spin(global float *o, int n) {\n"
	"  size_t i = get_global_id(0); float x = (float)i;\n"
	"  for (int k = 0; k < n; k++) x = x * 0.999f + 1.0f;\n"
	"  o[i] = x; }\n";

static int child(void) {
	test_env t = test_setup();
	cl_program p = check_build(&t, src, "");
	cl_int err;
	cl_kernel k = clCreateKernel(p, "spin", &err);
	REQUIRE_OK(err);
	cl_mem o = check_buffer(&t, 1 << 20, NULL);
	cl_int n = 5000;
	clSetKernelArg(k, 0, sizeof o, &o);
	clSetKernelArg(k, 1, sizeof n, &n);
	size_t global = 1 << 18, local = 64;
	/* Enough launches for the compilation to start on any machine: at
	 * least four, and 60 ms of them (the policy asks for 10). */
	double t0 = check_now();
	for (int i = 0; i < 400 && (i < 4 || check_now() - t0 < 0.06); i++) {
		CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &global, &local, 0, NULL, NULL));
		CHECK_OK(clFinish(t.queue));
	}
	return check_done(); /* and exit at once, the compilation under way */
}

int main(int argc, char **argv) {
	if (argc > 1 && !strcmp(argv[1], "child")) return child();
	char cache[] = "/tmp/gocl-exit-XXXXXX", log[64];
	if (!mkdtemp(cache)) return 1;
	snprintf(log, sizeof log, "%s/stderr", cache);
	int started = 0;
	for (int i = 0; i < 12; i++) {
		fflush(stdout), fflush(stderr);
		pid_t pid = fork();
		if (pid == 0) {
			char own[96];
			snprintf(own, sizeof own, "%s/cold-%d", cache, i);
			if (i % 2 && mkdir(own, 0700) != 0) _exit(125);
			setenv("GOCL_CACHE_DIR", i % 2 ? own : cache, 1);
			setenv("GOCL_SPECIALIZE", "auto", 1);
			setenv("GOCL_DEBUG", "1", 1);
			if (!freopen(log, "w", stderr) || !freopen("/dev/null", "w", stdout)) _exit(126);
			execl("/proc/self/exe", "exit_background", "child", (char *)NULL);
			_exit(127);
		}
		int st = 0;
		waitpid(pid, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fprintf(stderr, "child %d: %s %d\n", i, WIFSIGNALED(st) ? "killed by signal" : "exit status",
				WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
			CHECK(0);
		}
		FILE *f = fopen(log, "r");
		char line[1024];
		while (f && fgets(line, sizeof line, f))
			started |= strstr(line, "in the background") != NULL;
		if (f) fclose(f);
	}
	CHECK(started);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", cache);
	if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", cache);
	return check_done();
}
