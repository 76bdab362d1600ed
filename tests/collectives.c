/* Work-group collective functions (OpenCL C 3.0,
 * __opencl_c_work_group_collective_functions): work_group_reduce_*,
 * _scan_inclusive_*, _scan_exclusive_* (add, min, max), work_group_broadcast
 * (1D, 2D, 3D forms), work_group_all and _any, for int, uint, long, ulong,
 * float and double, checked against host references: local sizes 1 to the
 * largest the kernel allows (non-powers of two, non-uniform last groups),
 * 1D, 2D and 3D, collectives inside a uniform loop. The same checks run
 * again in children with GOCL_NO_WILOOPS=1 (regions) and with
 * GOCL_NO_REGIONS=1 as well (fibers). */
#include "collective_ref.h"

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
				reference_collectives(ty, in, ids, m, want, 10);
				int all = 1, any = 0;
				for (size_t k = 0; k < m; k++) {
					num v = get(ty, in, ids[k]);
					all &= v != 3, any |= v > 990;
				}
				size_t gx = x0 / r->ls[0], gy = y0 / r->ls[1], gz = z0 / r->ls[2];
				size_t bx = (gx * 7 + 3) % sz[0], by = (gy * 5 + 1) % sz[1], bz = (gz * 3 + 2) % sz[2];
				num b = get(ty, in, global_linear(r, x0 + bx, y0 + by, z0 + bz));
				for (size_t k = 0; k < m; k++) {
					put(ty, want, ids[k] * 10 + 9, b);
					wpred[ids[k] * 4 + 0] = all, wpred[ids[k] * 4 + 1] = any, wpred[ids[k] * 4 + 2] = 1, wpred[ids[k] * 4 + 3] = 0;
				}
			}
	launch_typed(t, p, "coll", ty, r, in, out, pred, n * 4 * sizeof(cl_int));
	int bad = value_mismatches(ty, r, out, want);
	for (size_t i = 0; i < n * 4; i++)
		if (pred[i] != wpred[i] && bad++ == 0 && failures_shown++ < 20)
			fprintf(stderr, "%s all/any %zu, local %zu: work-item %zu: %d, want %d\n", tname[ty], i % 4, r->ls[0], i / 4, pred[i], wpred[i]);
	CHECK(bad == 0);
	free(in), free(out), free(want), free(pred), free(wpred), free(ids);
}

static void check_loop(test_env *t, cl_program p, size_t gs, size_t ls, int iters) {
	cl_int *in = random_ints(gs), *out = run_int(t, p, "loop", in, gs, ls, iters);
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
	free(in), free(out);
}

/* half (cl_khr_fp16): small integers, whose sums stay exact in half. */
static const char *half_src =
	"#pragma OPENCL EXTENSION cl_khr_fp16 : enable\n"
	"kernel void coll_half(global const float *in, global float *out) {\n"
	"	size_t g = get_global_id(0);\n"
	"	half x = (half)in[g];\n"
	"	global float *o = out + g * 6;\n"
	"	o[0] = work_group_reduce_add(x); o[1] = work_group_reduce_min(x); o[2] = work_group_reduce_max(x);\n"
	"	o[3] = work_group_scan_inclusive_add(x); o[4] = work_group_scan_exclusive_max(x); o[5] = work_group_scan_inclusive_min(x);\n"
	"}\n";

static void check_half(test_env *t) {
	char ext[4096] = "";
	clGetDeviceInfo(t->device, CL_DEVICE_EXTENSIONS, sizeof ext, ext, NULL);
	if (!strstr(ext, "cl_khr_fp16")) return;
	cl_program p = check_build(t, half_src, "-cl-std=CL3.0");
	cl_kernel k = clCreateKernel(p, "coll_half", NULL);
	enum { N = 96, L = 32 };
	float in[N], out[N * 6];
	for (int i = 0; i < N; i++) in[i] = (float)((i * 7) % 11);
	cl_mem ib = check_buffer(t, sizeof in, in), ob = check_buffer(t, sizeof out, NULL);
	clSetKernelArg(k, 0, sizeof ib, &ib), clSetKernelArg(k, 1, sizeof ob, &ob);
	size_t g = N, l = L;
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, ob, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	int bad = 0;
	for (int grp = 0; grp < N / L; grp++) {
		float sum = 0, mn = INFINITY, mx = -INFINITY, run = 0, runmin = INFINITY, before = -INFINITY;
		for (int i = 0; i < L; i++) {
			float v = in[grp * L + i];
			sum += v, mn = fminf(mn, v), mx = fmaxf(mx, v);
		}
		for (int i = 0; i < L; i++) {
			float v = in[grp * L + i], *o = out + (grp * L + i) * 6;
			run += v, runmin = fminf(runmin, v);
			float want[6] = {sum, mn, mx, run, before, runmin};
			for (int j = 0; j < 6; j++)
				if (o[j] != want[j] && bad++ < 5) fprintf(stderr, "half: work-item %d result %d: %g, want %g\n", grp * L + i, j, o[j], want[j]);
			before = fmaxf(before, v);
		}
	}
	CHECK(bad == 0);
	clReleaseMemObject(ib), clReleaseMemObject(ob);
	clReleaseKernel(k), clReleaseProgram(p);
}

static void run_checks(void) {
	test_env t = test_setup();
	cl_program p = check_build(&t, src, "-cl-std=CL3.0");
	kernel_set held = hold_kernels(p);
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
	check_half(&t);
	release_kernels(&held);
	clReleaseProgram(p);
	test_teardown(&t);
}

int main(int argc, char **argv) { return check_every_path(argc, argv, "collectives", run_checks); }
