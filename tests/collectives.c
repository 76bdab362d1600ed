/* Work-group collective functions (OpenCL C 3.0,
 * __opencl_c_work_group_collective_functions): work_group_reduce_*,
 * _scan_inclusive_*, _scan_exclusive_* (add, min, max), work_group_broadcast
 * (1D, 2D, 3D forms), work_group_all and _any, for int, uint, long, ulong,
 * float and double, checked against host references: local sizes 1 to the
 * largest the kernel allows (non-powers of two, non-uniform last groups),
 * 1D, 2D and 3D, collectives inside a uniform loop. The same checks run
 * again in children with GOCL_NO_WILOOPS=1 (regions) and with
 * GOCL_NO_REGIONS=1 as well (fibers). */
#include "check.h"
#include <math.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *src =
	"#define K(T) \\\n"
	"kernel void coll_##T(global const T *in, global T *out, global int *pred) {\\\n"
	"	size_t g = get_global_linear_id();\\\n"
	"	T x = in[g];\\\n"
	"	global T *o = out + g * 10;\\\n"
	"	o[0] = work_group_reduce_add(x); o[1] = work_group_reduce_min(x); o[2] = work_group_reduce_max(x);\\\n"
	"	o[3] = work_group_scan_inclusive_add(x); o[4] = work_group_scan_inclusive_min(x); o[5] = work_group_scan_inclusive_max(x);\\\n"
	"	o[6] = work_group_scan_exclusive_add(x); o[7] = work_group_scan_exclusive_min(x); o[8] = work_group_scan_exclusive_max(x);\\\n"
	"	size_t bx = (get_group_id(0) * 7 + 3) % get_local_size(0), by = (get_group_id(1) * 5 + 1) % get_local_size(1),\\\n"
	"		bz = (get_group_id(2) * 3 + 2) % get_local_size(2);\\\n"
	"	if (get_work_dim() == 1) o[9] = work_group_broadcast(x, bx);\\\n"
	"	else if (get_work_dim() == 2) o[9] = work_group_broadcast(x, bx, by);\\\n"
	"	else o[9] = work_group_broadcast(x, bx, by, bz);\\\n"
	"	pred[g * 4 + 0] = work_group_all(x != (T)3); pred[g * 4 + 1] = work_group_any(x > (T)990);\\\n"
	"	pred[g * 4 + 2] = work_group_all(1); pred[g * 4 + 3] = work_group_any(0);\\\n"
	"}\n"
	"K(int) K(uint) K(long) K(ulong) K(float) K(double)\n"
	/* Collectives in a uniform loop, and a barrier kernel's own local
	 * memory beside them. */
	"kernel void loop(global const int *in, global int *out, int n) {\n"
	"	local int tile[1024];\n"
	"	size_t l = get_local_linear_id(), g = get_global_linear_id();\n"
	"	int x = in[g], acc = 0;\n"
	"	tile[l] = x;\n"
	"	for (int k = 0; k < n; k++) {\n"
	"		acc += work_group_reduce_add(x * (k + 1));\n"
	"		acc ^= work_group_scan_exclusive_max(x + k);\n"
	"		barrier(CLK_LOCAL_MEM_FENCE);\n"
	"		acc += tile[(l + k) % get_local_size(0)];\n"
	"	}\n"
	"	out[g] = acc;\n"
	"}\n";

typedef enum { T_INT, T_UINT, T_LONG, T_ULONG, T_FLOAT, T_DOUBLE, NTYPES } vtype;
static const char *tname[NTYPES] = {"int", "uint", "long", "ulong", "float", "double"};
static const size_t tsize[NTYPES] = {4, 4, 8, 8, 4, 8};

/* Values are held as long double on the host: every value the tests make
 * (integers up to 2^50, floats in quarters) is exact in it. */
typedef long double num;
static num get(vtype t, const void *p, size_t i) {
	switch (t) {
	case T_INT: return ((const cl_int *)p)[i];
	case T_UINT: return ((const cl_uint *)p)[i];
	case T_LONG: return ((const cl_long *)p)[i];
	case T_ULONG: return ((const cl_ulong *)p)[i];
	case T_FLOAT: return ((const cl_float *)p)[i];
	default: return ((const cl_double *)p)[i];
	}
}
static void put(vtype t, void *p, size_t i, num v) {
	switch (t) {
	case T_INT: ((cl_int *)p)[i] = (cl_int)v; break;
	case T_UINT: ((cl_uint *)p)[i] = (cl_uint)v; break;
	case T_LONG: ((cl_long *)p)[i] = (cl_long)v; break;
	case T_ULONG: ((cl_ulong *)p)[i] = (cl_ulong)v; break;
	case T_FLOAT: ((cl_float *)p)[i] = (cl_float)v; break;
	default: ((cl_double *)p)[i] = (cl_double)v; break;
	}
}
/* The identities of min and max, and wrap-around of unsigned sums. */
static num tmax(vtype t) {
	switch (t) {
	case T_INT: return CL_INT_MAX;
	case T_UINT: return CL_UINT_MAX;
	case T_LONG: return CL_LONG_MAX;
	case T_ULONG: return CL_ULONG_MAX;
	default: return INFINITY;
	}
}
static num tmin(vtype t) {
	switch (t) {
	case T_INT: return CL_INT_MIN;
	case T_LONG: return CL_LONG_MIN;
	case T_UINT: case T_ULONG: return 0;
	default: return -INFINITY;
	}
}
static num wrap(vtype t, num v) {
	if (t == T_UINT) return (num)(cl_uint)(cl_ulong)(cl_long)v;
	return v; /* the inputs keep the other types' sums in range */
}

static unsigned seed = 12345;
static int rnd(int n) { seed = seed * 1103515245u + 12345u; return (int)((seed >> 8) % (unsigned)n); }

static num input(vtype t) {
	int r = rnd(2001) - 1000;
	switch (t) {
	case T_UINT: return (num)(cl_uint)r; /* negatives wrap: large values, sums wrap */
	case T_ULONG: return (num)(r + 1000) * 1000000000.0L;
	case T_LONG: return (num)r * 1000000000.0L;
	case T_FLOAT: return (num)r * 0.25L;
	case T_DOUBLE: return (num)r * 0.125L;
	default: return r;
	}
}

/* Work-item (x, y, z) of the global range gs with local size ls: its
 * group's first work-item, its group's sizes, and its local linear id. */
typedef struct { size_t d, gs[3], ls[3]; } range;

static size_t global_linear(const range *r, size_t x, size_t y, size_t z) { return x + r->gs[0] * (y + r->gs[1] * z); }

/* The work-items of the group whose first work-item is (x0, y0, z0), in
 * local linear order (x fastest): their global linear ids into ids;
 * returns how many. */
static size_t group_items(const range *r, size_t x0, size_t y0, size_t z0, size_t *ids, size_t sz[3]) {
	size_t o[3] = {x0, y0, z0};
	for (int d = 0; d < 3; d++) sz[d] = r->ls[d] < r->gs[d] - o[d] ? r->ls[d] : r->gs[d] - o[d];
	size_t n = 0;
	for (size_t z = 0; z < sz[2]; z++)
		for (size_t y = 0; y < sz[1]; y++)
			for (size_t x = 0; x < sz[0]; x++) ids[n++] = global_linear(r, x0 + x, y0 + y, z0 + z);
	return n;
}

static int failures_shown;

static void check_type(test_env *t, cl_program p, vtype ty, const range *r) {
	size_t n = r->gs[0] * r->gs[1] * r->gs[2], es = tsize[ty];
	void *in = malloc(n * es), *out = malloc(n * 10 * es), *want = malloc(n * 10 * es);
	cl_int *pred = malloc(n * 4 * sizeof(cl_int)), *wpred = malloc(n * 4 * sizeof(cl_int));
	for (size_t i = 0; i < n; i++) put(ty, in, i, input(ty));
	/* Some groups get a value that makes "any" true. */
	for (size_t i = 0; i < n; i += 1 + (size_t)rnd(300)) put(ty, in, i, 995);
	/* And some a value that makes "all" false. */
	for (size_t i = 0; i < n; i += 1 + (size_t)rnd(200)) put(ty, in, i, 3);
	size_t *ids = malloc(n * sizeof(size_t));
	for (size_t z0 = 0; z0 < r->gs[2]; z0 += r->ls[2])
		for (size_t y0 = 0; y0 < r->gs[1]; y0 += r->ls[1])
			for (size_t x0 = 0; x0 < r->gs[0]; x0 += r->ls[0]) {
				size_t sz[3];
				size_t m = group_items(r, x0, y0, z0, ids, sz);
				num sum = 0, lo = tmax(ty), hi = tmin(ty);
				int all = 1, any = 0;
				for (size_t k = 0; k < m; k++) {
					num v = get(ty, in, ids[k]);
					num psum = sum, plo = lo, phi = hi;
					sum = wrap(ty, sum + v), lo = v < lo ? v : lo, hi = v > hi ? v : hi;
					put(ty, want, ids[k] * 10 + 3, sum), put(ty, want, ids[k] * 10 + 4, lo), put(ty, want, ids[k] * 10 + 5, hi);
					put(ty, want, ids[k] * 10 + 6, psum), put(ty, want, ids[k] * 10 + 7, plo), put(ty, want, ids[k] * 10 + 8, phi);
					all &= v != 3, any |= v > 990;
				}
				size_t gx = x0 / r->ls[0], gy = y0 / r->ls[1], gz = z0 / r->ls[2];
				size_t bx = (gx * 7 + 3) % sz[0], by = (gy * 5 + 1) % sz[1], bz = (gz * 3 + 2) % sz[2];
				num b = get(ty, in, global_linear(r, x0 + bx, y0 + by, z0 + bz));
				for (size_t k = 0; k < m; k++) {
					put(ty, want, ids[k] * 10 + 0, sum), put(ty, want, ids[k] * 10 + 1, lo), put(ty, want, ids[k] * 10 + 2, hi);
					put(ty, want, ids[k] * 10 + 9, b);
					wpred[ids[k] * 4 + 0] = all, wpred[ids[k] * 4 + 1] = any, wpred[ids[k] * 4 + 2] = 1, wpred[ids[k] * 4 + 3] = 0;
				}
			}
	cl_int err;
	char name[32];
	snprintf(name, sizeof name, "coll_%s", tname[ty]);
	cl_kernel k = clCreateKernel(p, name, &err);
	CHECK_OK(err);
	cl_mem bin = check_buffer(t, n * es, in), bout = check_buffer(t, n * 10 * es, NULL), bpred = check_buffer(t, n * 4 * sizeof(cl_int), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof bin, &bin));
	CHECK_OK(clSetKernelArg(k, 1, sizeof bout, &bout));
	CHECK_OK(clSetKernelArg(k, 2, sizeof bpred, &bpred));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, r->d, NULL, r->gs, r->ls, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, bout, CL_TRUE, 0, n * 10 * es, out, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, bpred, CL_TRUE, 0, n * 4 * sizeof(cl_int), pred, 0, NULL, NULL));
	static const char *what[10] = {"reduce_add", "reduce_min", "reduce_max", "scan_inclusive_add", "scan_inclusive_min",
		"scan_inclusive_max", "scan_exclusive_add", "scan_exclusive_min", "scan_exclusive_max", "broadcast"};
	int bad = 0;
	for (size_t i = 0; i < n * 10; i++)
		if (memcmp((char *)out + i * es, (char *)want + i * es, es) != 0 && bad++ == 0 && failures_shown++ < 20)
			fprintf(stderr, "%s %s, %zuD global %zux%zux%zu local %zux%zux%zu: work-item %zu: %Lg, want %Lg\n", tname[ty], what[i % 10], r->d,
				r->gs[0], r->gs[1], r->gs[2], r->ls[0], r->ls[1], r->ls[2], i / 10, get(ty, out, i), get(ty, want, i));
	for (size_t i = 0; i < n * 4; i++)
		if (pred[i] != wpred[i] && bad++ == 0 && failures_shown++ < 20)
			fprintf(stderr, "%s all/any %zu, local %zu: work-item %zu: %d, want %d\n", tname[ty], i % 4, r->ls[0], i / 4, pred[i], wpred[i]);
	CHECK(bad == 0);
	clReleaseMemObject(bin), clReleaseMemObject(bout), clReleaseMemObject(bpred);
	clReleaseKernel(k);
	free(in), free(out), free(want), free(pred), free(wpred), free(ids);
}

static void check_loop(test_env *t, cl_program p, size_t gs, size_t ls, int iters) {
	cl_int err, *in = malloc(gs * sizeof(cl_int)), *out = malloc(gs * sizeof(cl_int));
	for (size_t i = 0; i < gs; i++) in[i] = rnd(2001) - 1000;
	cl_kernel k = clCreateKernel(p, "loop", &err);
	CHECK_OK(err);
	cl_mem bin = check_buffer(t, gs * sizeof(cl_int), in), bout = check_buffer(t, gs * sizeof(cl_int), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof bin, &bin));
	CHECK_OK(clSetKernelArg(k, 1, sizeof bout, &bout));
	CHECK_OK(clSetKernelArg(k, 2, sizeof iters, &iters));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &gs, &ls, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, bout, CL_TRUE, 0, gs * sizeof(cl_int), out, 0, NULL, NULL));
	int bad = 0;
	for (size_t g0 = 0; g0 < gs; g0 += ls) {
		size_t m = gs - g0 < ls ? gs - g0 : ls;
		for (size_t l = 0; l < m; l++) {
			cl_int acc = 0;
			for (int k2 = 0; k2 < iters; k2++) {
				cl_int sum = 0, mx = CL_INT_MIN;
				for (size_t j = 0; j < m; j++) sum += in[g0 + j] * (k2 + 1);
				for (size_t j = 0; j < l; j++) mx = in[g0 + j] + k2 > mx ? in[g0 + j] + k2 : mx;
				acc += sum;
				acc ^= mx;
				acc += in[g0 + (l + k2) % m];
			}
			if (out[g0 + l] != acc && bad++ == 0)
				fprintf(stderr, "loop: global %zu local %zu work-item %zu: %d, want %d\n", gs, ls, g0 + l, out[g0 + l], acc);
		}
	}
	CHECK(bad == 0);
	clReleaseMemObject(bin), clReleaseMemObject(bout);
	clReleaseKernel(k);
	free(in), free(out);
}

static void run_checks(void) {
	test_env t = test_setup();
	cl_program p = check_build(&t, src, "-cl-std=CL3.0");
	size_t most = 0;
	cl_kernel k = clCreateKernel(p, "coll_double", NULL);
	CHECK_OK(clGetKernelWorkGroupInfo(k, t.device, CL_KERNEL_WORK_GROUP_SIZE, sizeof most, &most, NULL));
	clReleaseKernel(k);
	CHECK(most >= 1024);
	static const size_t sizes1[] = {1, 2, 3, 5, 7, 16, 17, 31, 64, 100, 128, 255, 256, 1000, 1024, 4096};
	for (size_t i = 0; i < sizeof sizes1 / sizeof sizes1[0]; i++) {
		if (sizes1[i] > most) continue;
		/* Three whole groups and a last one of half the size. */
		range r = {1, {sizes1[i] * 3 + sizes1[i] / 2, 1, 1}, {sizes1[i], 1, 1}};
		for (vtype ty = 0; ty < NTYPES; ty++) check_type(&t, p, ty, &r);
	}
	static const range nd[] = {
		{2, {40, 35, 1}, {16, 16, 1}}, {2, {10, 11, 1}, {3, 5, 1}}, {2, {64, 64, 1}, {32, 32, 1}}, {2, {7, 300, 1}, {1, 100, 1}},
		{3, {9, 6, 5}, {4, 4, 4}}, {3, {5, 7, 11}, {2, 3, 5}}, {3, {16, 8, 32}, {8, 8, 16}}, {3, {3, 3, 70}, {1, 1, 64}},
	};
	for (size_t i = 0; i < sizeof nd / sizeof nd[0]; i++)
		for (vtype ty = 0; ty < NTYPES; ty++) check_type(&t, p, ty, &nd[i]);
	check_loop(&t, p, 1000, 256, 5);
	check_loop(&t, p, 700, 100, 3);
	check_loop(&t, p, 33, 1, 4);
	clReleaseProgram(p);
	test_teardown(&t);
}

/* The same checks in a child whose driver sees env (name=value pairs). */
static void run_child(const char *mode, const char *const *env) {
	fflush(stdout), fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		for (; *env; env += 2) setenv(env[0], env[1], 1);
		execl("/proc/self/exe", "collectives", "child", (char *)NULL);
		_exit(127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) fprintf(stderr, "the checks failed with %s\n", mode);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int main(int argc, char **argv) {
	if (argc == 2 && strcmp(argv[1], "child") == 0) {
		run_checks();
		return check_done();
	}
	run_checks();
	static const char *const regions[] = {"GOCL_NO_WILOOPS", "1", NULL};
	static const char *const fibers[] = {"GOCL_NO_WILOOPS", "1", "GOCL_NO_REGIONS", "1", NULL};
	run_child("GOCL_NO_WILOOPS=1 (regions)", regions);
	run_child("GOCL_NO_WILOOPS=1 GOCL_NO_REGIONS=1 (fibers)", fibers);
	return check_done();
}
