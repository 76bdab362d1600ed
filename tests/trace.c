/* GOCL_TRACE: the test runs itself as a child with GOCL_TRACE set (the
 * library reads it when it loads), which builds a program and runs a
 * write, a kernel and a read on two queues, each waiting for the one
 * before through its event, then returns from main without releasing
 * anything: the library's exit flush must leave a complete file. The
 * parent then reads the JSON: the commands, the kernel and its sizes, the
 * build and its cache state, the times in order, the dependencies. A
 * child without GOCL_TRACE writes nothing. */
#include "check.h"
#include <dirent.h>
#include <sys/wait.h>

static const char *src =
	"kernel void trace_scale(global int *a) { a[get_global_id(0)] *= FACTOR; }\n";

static int child(void) {
	test_env t = test_setup();
	cl_int err;
	cl_command_queue q2 = clCreateCommandQueueWithProperties(t.context, t.device, NULL, &err);
	REQUIRE_OK(err);
	cl_program p = check_build(&t, src, "-DFACTOR=3");
	cl_kernel k = clCreateKernel(p, "trace_scale", &err);
	REQUIRE_OK(err);
	int in[64], out[64];
	for (int i = 0; i < 64; i++) in[i] = i;
	cl_mem m = check_buffer(&t, sizeof in, NULL);
	REQUIRE_OK(clSetKernelArg(k, 0, sizeof m, &m));
	cl_event ew, ek;
	size_t g = 64, l = 16;
	REQUIRE_OK(clEnqueueWriteBuffer(t.queue, m, CL_FALSE, 0, sizeof in, in, 0, NULL, &ew));
	REQUIRE_OK(clEnqueueNDRangeKernel(q2, k, 1, NULL, &g, &l, 1, &ew, &ek));
	REQUIRE_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, sizeof out, out, 1, &ek, NULL));
	for (int i = 0; i < 64; i++)
		if (out[i] != 3 * i) return 3;
	return 0; /* nothing released: the flush at exit writes the file */
}

/* Runs the child with GOCL_TRACE=trace (not set if NULL); its exit status. */
static int run_child(const char *trace) {
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		if (trace) setenv("GOCL_TRACE", trace, 1);
		else unsetenv("GOCL_TRACE");
		execl("/proc/self/exe", "trace", "child", (char *)NULL);
		_exit(127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static int entries(const char *dir) {
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		if (e->d_name[0] != '.') n++;
	if (d) closedir(d);
	return n;
}

/* The number after key in line, or -1. */
static double num(const char *line, const char *key) {
	const char *p = strstr(line, key);
	double v = -1;
	if (!p || sscanf(p + strlen(key), "%lf", &v) != 1) return -1;
	return v;
}

/* The line of the command event whose "type" is type. */
static char *command_line(char **lines, int n, const char *type) {
	char want[64];
	snprintf(want, sizeof want, "\"type\":\"%s\"", type);
	for (int i = 0; i < n; i++)
		if (strstr(lines[i], "\"cat\":\"command\"") && strstr(lines[i], want)) return lines[i];
	return NULL;
}

static void check_trace(const char *path) {
	FILE *f = fopen(path, "rb");
	CHECK(f != NULL);
	if (!f) return;
	static char buf[1 << 20];
	size_t len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[len] = 0;
	/* A whole document: the object opens, and the array and object close. */
	CHECK(strncmp(buf, "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n", 40) == 0);
	CHECK(len > 4 && strcmp(buf + len - 4, "\n]}\n") == 0);
	CHECK(strstr(buf, "\"name\":\"process_name\",\"args\":{\"name\":\"gocl\"}") != NULL);
	CHECK(strstr(buf, "\"args\":{\"name\":\"queue 1\"}") != NULL);
	CHECK(strstr(buf, "\"args\":{\"name\":\"queue 2\"}") != NULL);
	CHECK(strstr(buf, "\"args\":{\"name\":\"compiler\"}") != NULL);

	char *lines[256];
	int n = 0;
	for (char *s = strtok(buf, "\n"); s && n < 256; s = strtok(NULL, "\n")) lines[n++] = s;

	/* Every complete event ends no earlier than it begins. */
	int complete = 0;
	for (int i = 0; i < n; i++)
		if (strstr(lines[i], "\"ph\":\"X\"")) {
			complete++;
			CHECK(num(lines[i], "\"ts\":") >= 0 && num(lines[i], "\"dur\":") >= 0);
		}
	CHECK(complete >= 4);

	/* The build: program, options, cache state. */
	char *build = NULL;
	for (int i = 0; i < n; i++)
		if (strstr(lines[i], "\"cat\":\"build\"")) build = lines[i];
	CHECK(build != NULL);
	if (build) {
		CHECK(strstr(build, "\"program\":\"trace_scale\"") != NULL);
		CHECK(strstr(build, "\"options\":\"-DFACTOR=3\"") != NULL);
		CHECK(strstr(build, "\"cache\":\"hit\"") || strstr(build, "\"cache\":\"miss\"") || strstr(build, "\"cache\":\"off\""));
		CHECK(num(build, "\"compile_ms\":") >= 0);
	}

	char *w = command_line(lines, n, "WRITE_BUFFER"), *k = command_line(lines, n, "NDRANGE_KERNEL"),
		*r = command_line(lines, n, "READ_BUFFER");
	CHECK(w && k && r);
	if (!w || !k || !r) return;
	CHECK(strstr(w, "\"queue\":1,") && strstr(k, "\"queue\":2,") && strstr(r, "\"queue\":1,"));
	CHECK(strstr(w, "\"bytes\":256") && strstr(r, "\"bytes\":256"));
	CHECK(strstr(k, "\"name\":\"trace_scale\"") && strstr(k, "\"kernel\":\"trace_scale\""));
	CHECK(strstr(k, "\"global\":[64],\"local\":[16]") != NULL);
	CHECK(strstr(k, "\"workers\":[]") == NULL); /* some thread ran it */
	CHECK(strstr(w, "\"deps\":[]") != NULL);

	/* queued <= submit <= start <= end, for each command. */
	char *cmds[] = {w, k, r};
	for (int i = 0; i < 3; i++) {
		double q = num(cmds[i], "\"queued_us\":"), s = num(cmds[i], "\"submit_us\":"),
			b = num(cmds[i], "\"start_us\":"), e = num(cmds[i], "\"end_us\":");
		CHECK(q > 0 && q <= s && s <= b && b <= e);
		CHECK(strstr(cmds[i], "\"status\":0,") != NULL);
	}
	/* The dependencies: the kernel waited for the write, the read for the
	 * kernel; each is also a flow arrow. */
	char want[64];
	snprintf(want, sizeof want, "\"deps\":[%d]", (int)num(w, "\"id\":"));
	CHECK(strstr(k, want) != NULL);
	snprintf(want, sizeof want, "\"deps\":[%d]", (int)num(k, "\"id\":"));
	CHECK(strstr(r, want) != NULL);
	CHECK(num(k, "\"end_us\":") <= num(r, "\"start_us\":"));
	int flows = 0;
	for (int i = 0; i < n; i++)
		if (strstr(lines[i], "\"ph\":\"s\"") || strstr(lines[i], "\"ph\":\"f\"")) flows++;
	CHECK(flows == 4);
}

int main(int argc, char **argv) {
	if (argc == 2 && strcmp(argv[1], "child") == 0) return child();
	char dir[] = "/tmp/gocl-trace-XXXXXX";
	REQUIRE_OK(mkdtemp(dir) ? CL_SUCCESS : CL_OUT_OF_HOST_MEMORY);
	char path[256];
	snprintf(path, sizeof path, "%s/trace.json", dir);

	/* Off: nothing written. */
	CHECK(run_child(NULL) == 0);
	CHECK(entries(dir) == 0);

	/* On: the trace file and nothing else (no temporary file left). */
	CHECK(run_child(path) == 0);
	CHECK(entries(dir) == 1);
	check_trace(path);

	unlink(path);
	rmdir(dir);
	return check_done();
}
