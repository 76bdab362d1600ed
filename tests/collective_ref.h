/* Host references for the collective tests (collectives.c, subgroups.c):
 * values of every type the collectives take, held as long double, the
 * identities of min and max, work-groups in local linear order, and
 * children that run the same checks with other execution paths. */
#ifndef GOCL_COLLECTIVE_REF_H
#define GOCL_COLLECTIVE_REF_H
#include "check.h"
#include <math.h>
#include <sys/wait.h>
#include <unistd.h>

/* The work-group collectives' types, then the ones sub-groups add with
 * cl_khr_subgroup_extended_types. */
typedef enum { T_INT, T_UINT, T_LONG, T_ULONG, T_FLOAT, T_DOUBLE, NTYPES, T_CHAR = NTYPES, T_UCHAR, T_SHORT, T_USHORT, NALLTYPES } vtype;
static const char *tname[NALLTYPES] = {"int", "uint", "long", "ulong", "float", "double", "char", "uchar", "short", "ushort"};
static const size_t tsize[NALLTYPES] = {4, 4, 8, 8, 4, 8, 1, 1, 2, 2};

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
	case T_CHAR: return ((const cl_char *)p)[i];
	case T_UCHAR: return ((const cl_uchar *)p)[i];
	case T_SHORT: return ((const cl_short *)p)[i];
	case T_USHORT: return ((const cl_ushort *)p)[i];
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
	case T_CHAR: ((cl_char *)p)[i] = (cl_char)v; break;
	case T_UCHAR: ((cl_uchar *)p)[i] = (cl_uchar)v; break;
	case T_SHORT: ((cl_short *)p)[i] = (cl_short)v; break;
	case T_USHORT: ((cl_ushort *)p)[i] = (cl_ushort)v; break;
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
	case T_CHAR: return CL_CHAR_MAX;
	case T_UCHAR: return CL_UCHAR_MAX;
	case T_SHORT: return CL_SHRT_MAX;
	case T_USHORT: return CL_USHRT_MAX;
	default: return INFINITY;
	}
}
static num tmin(vtype t) {
	switch (t) {
	case T_INT: return CL_INT_MIN;
	case T_LONG: return CL_LONG_MIN;
	case T_CHAR: return CL_CHAR_MIN;
	case T_SHORT: return CL_SHRT_MIN;
	case T_UINT: case T_ULONG: case T_UCHAR: case T_USHORT: return 0;
	default: return -INFINITY;
	}
}
static num wrap(vtype t, num v) {
	switch (t) {
	case T_UINT: return (num)(cl_uint)(cl_ulong)(cl_long)v;
	case T_CHAR: return (num)(cl_char)(cl_long)v;
	case T_UCHAR: return (num)(cl_uchar)(cl_long)v;
	case T_SHORT: return (num)(cl_short)(cl_long)v;
	case T_USHORT: return (num)(cl_ushort)(cl_long)v;
	default: return v; /* the inputs keep the other types' sums in range */
	}
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
	case T_CHAR: return (num)(r / 8);
	case T_UCHAR: return (num)(cl_uchar)(r / 8);
	case T_SHORT: return (num)(r * 30);
	case T_USHORT: return (num)(cl_ushort)(r * 30);
	default: return r;
	}
}

/* A launch: its dimensions, global and local sizes. */
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

/* The same checks in a child whose driver sees env (name=value pairs). */
/* The reduction, inclusive and exclusive scans (add, min, max) of the m
 * work-items ids (one group or sub-group, in order): work-item ids[k]'s nine
 * values at want[ids[k] * stride + 0 ... 8]. */
static void reference_collectives(vtype ty, const void *in, const size_t *ids, size_t m, void *want, size_t stride) {
	num sum = 0, lo = tmax(ty), hi = tmin(ty);
	for (size_t k = 0; k < m; k++) {
		num v = get(ty, in, ids[k]);
		size_t o = ids[k] * stride;
		put(ty, want, o + 6, sum), put(ty, want, o + 7, lo), put(ty, want, o + 8, hi);
		sum = wrap(ty, sum + v), lo = v < lo ? v : lo, hi = v > hi ? v : hi;
		put(ty, want, o + 3, sum), put(ty, want, o + 4, lo), put(ty, want, o + 5, hi);
	}
	for (size_t k = 0; k < m; k++)
		put(ty, want, ids[k] * stride + 0, sum), put(ty, want, ids[k] * stride + 1, lo), put(ty, want, ids[k] * stride + 2, hi);
}

/* The names of the ten values the tests' kernels write per work-item. */
static const char *collective_names[10] = {"reduce_add", "reduce_min", "reduce_max", "scan_inclusive_add", "scan_inclusive_min",
	"scan_inclusive_max", "scan_exclusive_add", "scan_exclusive_min", "scan_exclusive_max", "broadcast"};

/* Runs kernel <prefix>_<type of ty> over r with three buffers: in (n
 * values), out (10 values per work-item) and a side buffer of side_bytes;
 * reads out and side back. */
static void launch_typed(test_env *t, cl_program p, const char *prefix, vtype ty, const range *r, const void *in, void *out,
	void *side, size_t side_bytes) {
	size_t n = r->gs[0] * r->gs[1] * r->gs[2], es = tsize[ty];
	cl_int err;
	char name[32];
	snprintf(name, sizeof name, "%s_%s", prefix, tname[ty]);
	cl_kernel k = clCreateKernel(p, name, &err);
	CHECK_OK(err);
	cl_mem bin = check_buffer(t, n * es, in), bout = check_buffer(t, n * 10 * es, NULL), bside = check_buffer(t, side_bytes, NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof bin, &bin));
	CHECK_OK(clSetKernelArg(k, 1, sizeof bout, &bout));
	CHECK_OK(clSetKernelArg(k, 2, sizeof bside, &bside));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, r->d, NULL, r->gs, r->ls, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, bout, CL_TRUE, 0, n * 10 * es, out, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, bside, CL_TRUE, 0, side_bytes, side, 0, NULL, NULL));
	clReleaseMemObject(bin), clReleaseMemObject(bout), clReleaseMemObject(bside);
	clReleaseKernel(k);
}

/* Runs kernel name over gs work-items in groups of ls: int in, int out,
 * with an optional third int argument (arg3 >= 0). */
static cl_int *run_int(test_env *t, cl_program p, const char *name, const cl_int *in, size_t gs, size_t ls, int arg3) {
	cl_int err, *out = malloc(gs * sizeof(cl_int));
	cl_kernel k = clCreateKernel(p, name, &err);
	CHECK_OK(err);
	cl_mem bin = check_buffer(t, gs * sizeof(cl_int), in), bout = check_buffer(t, gs * sizeof(cl_int), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof bin, &bin));
	CHECK_OK(clSetKernelArg(k, 1, sizeof bout, &bout));
	if (arg3 >= 0) CHECK_OK(clSetKernelArg(k, 2, sizeof arg3, &arg3));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &gs, &ls, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, bout, CL_TRUE, 0, gs * sizeof(cl_int), out, 0, NULL, NULL));
	clReleaseMemObject(bin), clReleaseMemObject(bout);
	clReleaseKernel(k);
	return out;
}

/* The sub-group size of kernel name in groups of 1024: a full sub-group. */
static size_t full_sub_group(test_env *t, cl_program p, const char *name) {
	size_t big = 1024, size = 0;
	cl_kernel k = clCreateKernel(p, name, NULL);
	CHECK_OK(clGetKernelSubGroupInfo(k, t->device, CL_KERNEL_MAX_SUB_GROUP_SIZE_FOR_NDRANGE, sizeof big, &big, sizeof size, &size, NULL));
	clReleaseKernel(k);
	return size;
}

static cl_int *random_ints(size_t n) {
	cl_int *in = malloc(n * sizeof(cl_int));
	for (size_t i = 0; i < n; i++) in[i] = rnd(2001) - 1000;
	return in;
}

/* Creates every kernel of p, so that the driver compiles them together at
 * the first launch (it compiles the kernels created and not yet used in
 * one batch) rather than a batch per kernel the tests create later;
 * release them with release_kernels. */
#define MAX_KERNELS 64
typedef struct { cl_kernel k[MAX_KERNELS]; cl_uint n; } kernel_set;
static kernel_set hold_kernels(cl_program p) {
	kernel_set ks = {{0}, 0};
	CHECK_OK(clCreateKernelsInProgram(p, MAX_KERNELS, ks.k, &ks.n));
	return ks;
}
static void release_kernels(kernel_set *ks) {
	for (cl_uint i = 0; i < ks->n; i++) clReleaseKernel(ks->k[i]);
}

static int failures_shown;

/* The work-items whose ten values (collective_names) differ from want;
 * the first one of a launch is shown (20 in all). */
static int value_mismatches(vtype ty, const range *r, const void *out, const void *want) {
	size_t n = r->gs[0] * r->gs[1] * r->gs[2], es = tsize[ty];
	int bad = 0;
	for (size_t i = 0; i < n * 10; i++)
		if (memcmp((const char *)out + i * es, (const char *)want + i * es, es) != 0 && bad++ == 0 && failures_shown++ < 20)
			fprintf(stderr, "%s %s, %zuD global %zux%zux%zu local %zux%zux%zu: work-item %zu: %Lg, want %Lg\n", tname[ty],
				collective_names[i % 10], r->d, r->gs[0], r->gs[1], r->gs[2], r->ls[0], r->ls[1], r->ls[2], i / 10, get(ty, out, i),
				get(ty, want, i));
	return bad;
}

static void run_child(const char *name, const char *mode, const char *const *env) {
	fflush(stdout), fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		for (; *env; env += 2) setenv(env[0], env[1], 1);
		execl("/proc/self/exe", name, "child", (char *)NULL);
		_exit(127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) fprintf(stderr, "the checks failed with %s\n", mode);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* main of a collective test: the checks here, then in children whose
 * driver takes the other paths: regions (GOCL_NO_WILOOPS=1) and fibers
 * (GOCL_NO_REGIONS=1 as well). */
static int check_every_path(int argc, char **argv, const char *name, void (*checks)(void)) {
	checks();
	if (argc == 2 && strcmp(argv[1], "child") == 0) return check_done();
	static const char *const regions[] = {"GOCL_NO_WILOOPS", "1", NULL};
	static const char *const fibers[] = {"GOCL_NO_WILOOPS", "1", "GOCL_NO_REGIONS", "1", NULL};
	run_child(name, "GOCL_NO_WILOOPS=1 (regions)", regions);
	run_child(name, "GOCL_NO_WILOOPS=1 GOCL_NO_REGIONS=1 (fibers)", fibers);
	return check_done();
}

#endif
