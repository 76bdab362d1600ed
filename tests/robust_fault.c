/* A kernel that accesses memory out of bounds kills the process, as it
 * must, but the user learns which kernel and which launch it was: one line
 * on stderr before the process dies (robustness, issue 8), from a worker
 * thread or from the application's thread that runs a launch itself. An
 * application's own SIGSEGV handler, installed before, still gets its own
 * faults (and the kernel's, after the report). Each case runs in a child
 * process (this program again), whose stderr the parent reads. */
#include "check.h"
#include <setjmp.h>
#include <signal.h>
#include <sys/wait.h>

static sigjmp_buf own_fault;
static volatile sig_atomic_t expect_own, own_faults, app_saw_kernel_fault;

static void app_handler(int sig) {
	if (expect_own) {
		expect_own = 0;
		own_faults++;
		siglongjmp(own_fault, 1);
	}
	/* A fault it does not expect: die of it, as the default would. */
	app_saw_kernel_fault = 1;
	static const char msg[] = "app handler: unexpected fault\n";
	ssize_t unused = write(2, msg, sizeof msg - 1);
	(void)unused;
	signal(sig, SIG_DFL);
}

static int child(const char *mode) {
	if (!strcmp(mode, "app")) {
		struct sigaction sa = {0};
		sa.sa_handler = app_handler;
		sa.sa_flags = SA_NODEFER;
		sigaction(SIGSEGV, &sa, NULL);
	}
	test_env t = test_setup();
	cl_program p = check_build(&t,
		"kernel void ok(global int *o) { o[get_global_id(0)] = 1; }\n"
		"kernel void oob(global int *o, long far) { size_t i = get_global_id(0); o[i] = 1; if (i == 200) o[far] = 2; }\n", "");
	cl_int err;
	cl_kernel ok = clCreateKernel(p, "ok", &err), oob = clCreateKernel(p, "oob", &err);
	REQUIRE_OK(err);
	cl_mem m = check_buffer(&t, 4096 * sizeof(int), NULL);
	size_t g = 4096, l = 64, g1 = 256;
	CHECK_OK(clSetKernelArg(ok, 0, sizeof m, &m));
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, ok, 1, NULL, &g, &l, 0, NULL, NULL)); /* starts the workers */
	CHECK_OK(clFinish(t.queue));
	if (!strcmp(mode, "app")) {
		/* The application's own fault, handled by its own handler. */
		expect_own = 1;
		if (sigsetjmp(own_fault, 1) == 0) {
			volatile int *null = NULL;
			*null = 1;
		}
		fprintf(stderr, "own faults handled: %d\n", (int)own_faults);
		if (own_faults != 1) return 3;
	}
	long far = (long)1 << 40; /* 4 TiB past the buffer */
	CHECK_OK(clSetKernelArg(oob, 0, sizeof m, &m));
	CHECK_OK(clSetKernelArg(oob, 1, sizeof far, &far));
	size_t *gs = !strcmp(mode, "one") ? &g1 : &g;
	size_t *ls = !strcmp(mode, "one") ? &g1 : &l; /* one group: on this thread */
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, oob, 1, NULL, gs, ls, 0, NULL, NULL));
	clFinish(t.queue);
	fprintf(stderr, "survived\n");
	return 0;
}

/* Runs this program with mode; the child's stderr goes to out. */
static int spawn(const char *self, const char *mode, char *out, size_t n) {
	int fd[2];
	if (pipe(fd) != 0) return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], 2);
		close(fd[0]);
		execl("/proc/self/exe", self, mode, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	size_t got = 0;
	ssize_t r;
	while (got < n - 1 && (r = read(fd[0], out + got, n - 1 - got)) > 0) got += r;
	out[got] = 0;
	close(fd[0]);
	int st = 0;
	waitpid(pid, &st, 0);
	return st;
}

int main(int argc, char **argv) {
	if (argc > 1) return child(argv[1]);
	const char *modes[] = {"many", "one", "app"};
	static char out[65536];
	for (int i = 0; i < 3; i++) {
		int st = spawn(argv[0], modes[i], out, sizeof out);
		/* (Only the report's line and the status: a fault on the
		 * application's thread, inside a call into gocl, is then the Go
		 * runtime's, which prints its own crash report and exits.) */
		char *line = strstr(out, "gocl: SIGSEGV"), *eol = line ? strchr(line, '\n') : NULL;
		printf("%s: status %#x: %.*s\n", modes[i], st, eol ? (int)(eol - line) : 0, line ? line : "");
		CHECK(WIFSIGNALED(st) || (WIFEXITED(st) && WEXITSTATUS(st) != 0));
		if (!strcmp(modes[i], "app")) CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
		CHECK(strstr(out, "gocl: SIGSEGV") && strstr(out, "in kernel oob (launch #2 ") && strstr(out, "global size"));
		CHECK(!strstr(out, "survived"));
		if (!strcmp(modes[i], "one")) CHECK(strstr(out, "work-groups 0..0"));
		if (!strcmp(modes[i], "app")) CHECK(strstr(out, "own faults handled: 1") && strstr(out, "app handler: unexpected fault"));
	}
	return check_done();
}
