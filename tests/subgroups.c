/* Sub-groups (OpenCL C 3.0 __opencl_c_subgroups, cl_khr_subgroup_extended_types):
 * the device and kernel queries (CL_DEVICE_MAX_NUM_SUB_GROUPS, independent
 * forward progress, every clGetKernelSubGroupInfo query and its errors),
 * and the builtins against host references: the sub-group work-item
 * functions, sub_group_reduce/scan (add, min, max), broadcast, all and any
 * for every type (char to ushort and vectors through the extension), with
 * local sizes 1 to 1024 (non-powers of two, non-uniform last groups), 1D,
 * 2D and 3D; in a uniform loop; and in code that only some sub-groups run
 * (each sub-group waits for its own work-items only), followed by a
 * work-group barrier. The same checks run again in children with
 * GOCL_NO_WILOOPS=1 and with GOCL_NO_REGIONS=1 as well (fibers). */
#include "collective_ref.h"

static const char *src =
	"#define K(T) \\\n"
	"kernel void sg_##T(global const T *in, global T *out, global uint *info) {\\\n"
	"	size_t g = get_global_linear_id();\\\n"
	"	T x = in[g];\\\n"
	"	global T *o = out + g * 10;\\\n"
	"	o[0] = sub_group_reduce_add(x); o[1] = sub_group_reduce_min(x); o[2] = sub_group_reduce_max(x);\\\n"
	"	o[3] = sub_group_scan_inclusive_add(x); o[4] = sub_group_scan_inclusive_min(x); o[5] = sub_group_scan_inclusive_max(x);\\\n"
	"	o[6] = sub_group_scan_exclusive_add(x); o[7] = sub_group_scan_exclusive_min(x); o[8] = sub_group_scan_exclusive_max(x);\\\n"
	"	o[9] = sub_group_broadcast(x, (get_sub_group_id() * 3 + 1) % get_sub_group_size());\\\n"
	"	global uint *q = info + g * 8;\\\n"
	"	q[0] = get_sub_group_size(); q[1] = get_max_sub_group_size(); q[2] = get_num_sub_groups();\\\n"
	"	q[3] = get_enqueued_num_sub_groups(); q[4] = get_sub_group_id(); q[5] = get_sub_group_local_id();\\\n"
	"	q[6] = sub_group_all(x != (T)3); q[7] = sub_group_any(x > (T)90);\\\n"
	"}\n"
	"K(int) K(uint) K(long) K(ulong) K(float) K(double)\n"
	"#ifndef cl_khr_subgroup_extended_types\n"
	"#error cl_khr_subgroup_extended_types is not defined\n"
	"#endif\n"
	"K(char) K(uchar) K(short) K(ushort)\n"
	/* Sub-group operations in code that only some sub-groups run, a
	 * different number of times each, then a work-group barrier. */
	"kernel void divergent(global const int *in, global int *out) {\n"
	"	local int tile[1024];\n"
	"	size_t l = get_local_linear_id(), g = get_global_linear_id();\n"
	"	int x = in[g], r = 0;\n"
	"	if (get_sub_group_id() % 2 == 1) {\n"
	"		r = sub_group_reduce_add(x);\n"
	"		r += sub_group_scan_inclusive_max(x);\n"
	"	} else {\n"
	"		r = sub_group_broadcast(x, 0) * 2;\n"
	"	}\n"
	"	for (uint k = 0; k < get_sub_group_id() % 3; k++)\n"
	"		r += sub_group_reduce_max(x + (int)k);\n"
	"	tile[l] = r;\n"
	"	barrier(CLK_LOCAL_MEM_FENCE);\n"
	"	out[g] = r + 3 * tile[get_local_size(0) - 1 - l];\n"
	"}\n"
	/* Sub-group operations in a uniform loop. */
	"kernel void loop(global const int *in, global int *out, int n) {\n"
	"	size_t g = get_global_linear_id();\n"
	"	int x = in[g], acc = 0;\n"
	"	for (int k = 0; k < n; k++) {\n"
	"		acc += sub_group_reduce_add(x * (k + 1));\n"
	"		acc ^= sub_group_scan_exclusive_add(x + k);\n"
	"		acc += sub_group_broadcast(x, (uint)k % get_sub_group_size());\n"
	"	}\n"
	"	out[g] = acc;\n"
	"}\n"
	/* Broadcasts of vectors (cl_khr_subgroup_extended_types). */
	"#define V(T, N) \\\n"
	"kernel void vec_##T##N(global const T *in, global T *out) {\\\n"
	"	size_t g = get_global_linear_id();\\\n"
	"	vstore##N(sub_group_broadcast(vload##N(g, in), get_sub_group_size() - 1), g, out);\\\n"
	"}\n"
	"V(char, 16) V(uchar, 3) V(short, 8) V(ushort, 2) V(int, 4) V(uint, 3) V(long, 16) V(ulong, 8) V(float, 3) V(double, 16)\n";

static size_t sg_size; /* a full sub-group, as the API reports it */

static void check_type(test_env *t, cl_program p, vtype ty, const range *r) {
	size_t n = r->gs[0] * r->gs[1] * r->gs[2], es = tsize[ty];
	void *in = malloc(n * es), *out = malloc(n * 10 * es), *want = malloc(n * 10 * es);
	cl_uint *info = malloc(n * 8 * sizeof(cl_uint)), *winfo = malloc(n * 8 * sizeof(cl_uint));
	for (size_t i = 0; i < n; i++) put(ty, in, i, input(ty));
	for (size_t i = 0; i < n; i += 1 + (size_t)rnd(40)) put(ty, in, i, 95);
	for (size_t i = 0; i < n; i += 1 + (size_t)rnd(30)) put(ty, in, i, 3);
	size_t *ids = malloc(n * sizeof(size_t));
	size_t enq = r->ls[0] * r->ls[1] * r->ls[2];
	for (size_t z0 = 0; z0 < r->gs[2]; z0 += r->ls[2])
		for (size_t y0 = 0; y0 < r->gs[1]; y0 += r->ls[1])
			for (size_t x0 = 0; x0 < r->gs[0]; x0 += r->ls[0]) {
				size_t sz[3];
				size_t m = group_items(r, x0, y0, z0, ids, sz);
				size_t nsg = (m + sg_size - 1) / sg_size;
				for (size_t s0 = 0; s0 < m; s0 += sg_size) {
					size_t sm = m - s0 < sg_size ? m - s0 : sg_size, sgid = s0 / sg_size;
					reference_collectives(ty, in, ids + s0, sm, want, 10);
					num b = get(ty, in, ids[s0 + (sgid * 3 + 1) % sm]);
					int all = 1, any = 0;
					for (size_t k = 0; k < sm; k++) {
						num v = get(ty, in, ids[s0 + k]);
						all &= v != 3, any |= v > 90;
					}
					for (size_t k = 0; k < sm; k++) {
						put(ty, want, ids[s0 + k] * 10 + 9, b);
						cl_uint *q = winfo + ids[s0 + k] * 8;
						q[0] = (cl_uint)sm, q[1] = (cl_uint)(enq < sg_size ? enq : sg_size), q[2] = (cl_uint)nsg;
						q[3] = (cl_uint)((enq + sg_size - 1) / sg_size), q[4] = (cl_uint)sgid, q[5] = (cl_uint)k;
						q[6] = all, q[7] = any;
					}
				}
			}
	launch_typed(t, p, "sg", ty, r, in, out, info, n * 8 * sizeof(cl_uint));
	static const char *qname[8] = {"get_sub_group_size", "get_max_sub_group_size", "get_num_sub_groups",
		"get_enqueued_num_sub_groups", "get_sub_group_id", "get_sub_group_local_id", "sub_group_all", "sub_group_any"};
	int bad = value_mismatches(ty, r, out, want);
	for (size_t i = 0; i < n * 8; i++)
		if (info[i] != winfo[i] && bad++ == 0 && failures_shown++ < 20)
			fprintf(stderr, "%s %s, local %zux%zux%zu: work-item %zu: %u, want %u\n", tname[ty], qname[i % 8], r->ls[0], r->ls[1],
				r->ls[2], i / 8, info[i], winfo[i]);
	CHECK(bad == 0);
	free(in), free(out), free(want), free(info), free(winfo), free(ids);
}

/* Work-item g of a 1D launch of gs work-items in groups of ls: its
 * group's first work-item g0 and size m, its local id l, and its
 * sub-group's first work-item f (a local id) and size sm. */
typedef struct { size_t g0, m, l, f, sm; } item1d;
static item1d item_of(size_t g, size_t gs, size_t ls) {
	item1d it = {g - g % ls, 0, g % ls, 0, 0};
	it.m = gs - it.g0 < ls ? gs - it.g0 : ls;
	it.f = it.l - it.l % sg_size;
	it.sm = it.m - it.f < sg_size ? it.m - it.f : sg_size;
	return it;
}

static void check_divergent(test_env *t, cl_program p, size_t gs, size_t ls) {
	cl_int *in = random_ints(gs), *out = run_int(t, p, "divergent", in, gs, ls, -1), *r = malloc(gs * sizeof(cl_int));
	for (size_t g = 0; g < gs; g++) {
		item1d it = item_of(g, gs, ls);
		const cl_int *sg = in + it.g0 + it.f;
		size_t sgid = it.l / sg_size;
		cl_int v = 0;
		if (sgid % 2 == 1) {
			cl_int sum = 0, mx = CL_INT_MIN;
			for (size_t j = 0; j < it.sm; j++) sum += sg[j];
			for (size_t j = 0; j <= it.l - it.f; j++) mx = sg[j] > mx ? sg[j] : mx;
			v = sum + mx;
		} else {
			v = sg[0] * 2;
		}
		for (cl_int k = 0; k < (cl_int)(sgid % 3); k++) {
			cl_int mx = CL_INT_MIN;
			for (size_t j = 0; j < it.sm; j++) mx = sg[j] + k > mx ? sg[j] + k : mx;
			v += mx;
		}
		r[g] = v;
	}
	int bad = 0;
	for (size_t g = 0; g < gs; g++) {
		item1d it = item_of(g, gs, ls);
		cl_int want = r[g] + 3 * r[it.g0 + it.m - 1 - it.l];
		if (out[g] != want && bad++ == 0) fprintf(stderr, "divergent: global %zu local %zu work-item %zu: %d, want %d\n", gs, ls, g, out[g], want);
	}
	CHECK(bad == 0);
	free(in), free(out), free(r);
}

static void check_loop(test_env *t, cl_program p, size_t gs, size_t ls, int iters) {
	cl_int *in = random_ints(gs), *out = run_int(t, p, "loop", in, gs, ls, iters);
	int bad = 0;
	for (size_t g = 0; g < gs; g++) {
		item1d it = item_of(g, gs, ls);
		const cl_int *sg = in + it.g0 + it.f;
		cl_int acc = 0;
		for (int k = 0; k < iters; k++) {
			cl_int sum = 0, pre = 0;
			for (size_t j = 0; j < it.sm; j++) sum += sg[j] * (k + 1);
			for (size_t j = 0; j < it.l - it.f; j++) pre += sg[j] + k;
			acc += sum;
			acc ^= pre;
			acc += sg[(size_t)k % it.sm];
		}
		if (out[g] != acc && bad++ == 0) fprintf(stderr, "loop: global %zu local %zu work-item %zu: %d, want %d\n", gs, ls, g, out[g], acc);
	}
	CHECK(bad == 0);
	free(in), free(out);
}

/* vec_TN: every work-item gets the vector of its sub-group's last one. */
static void check_vectors(test_env *t, cl_program p, size_t gs, size_t ls) {
	static const struct { const char *name; size_t n, es; } vecs[] = {
		{"vec_char16", 16, 1}, {"vec_uchar3", 3, 1}, {"vec_short8", 8, 2}, {"vec_ushort2", 2, 2}, {"vec_int4", 4, 4},
		{"vec_uint3", 3, 4}, {"vec_long16", 16, 8}, {"vec_ulong8", 8, 8}, {"vec_float3", 3, 4}, {"vec_double16", 16, 8},
	};
	for (size_t v = 0; v < sizeof vecs / sizeof vecs[0]; v++) {
		size_t bytes = gs * vecs[v].n * vecs[v].es;
		unsigned char *in = malloc(bytes), *out = malloc(bytes);
		for (size_t i = 0; i < bytes; i++) in[i] = (unsigned char)rnd(256);
		cl_int err;
		cl_kernel k = clCreateKernel(p, vecs[v].name, &err);
		CHECK_OK(err);
		cl_mem bin = check_buffer(t, bytes, in), bout = check_buffer(t, bytes, NULL);
		CHECK_OK(clSetKernelArg(k, 0, sizeof bin, &bin));
		CHECK_OK(clSetKernelArg(k, 1, sizeof bout, &bout));
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &gs, &ls, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadBuffer(t->queue, bout, CL_TRUE, 0, bytes, out, 0, NULL, NULL));
		size_t row = vecs[v].n * vecs[v].es;
		int bad = 0;
		for (size_t g = 0; g < gs; g++) {
			item1d it = item_of(g, gs, ls);
			if (memcmp(out + g * row, in + (it.g0 + it.f + it.sm - 1) * row, row) != 0 && bad++ == 0)
				fprintf(stderr, "%s: local %zu work-item %zu differs\n", vecs[v].name, ls, g);
		}
		CHECK(bad == 0);
		clReleaseMemObject(bin), clReleaseMemObject(bout);
		clReleaseKernel(k);
		free(in), free(out);
	}
}

/* half (cl_khr_fp16): reduce, scans and broadcast of small integers
 * (exact in half), a scalar and a half2 broadcast (extended types), each
 * work-item also writing its sub-group's size and its id in it. */
static const char *half_src =
	"#pragma OPENCL EXTENSION cl_khr_fp16 : enable\n"
	"kernel void sg_half(global const float *in, global float *out) {\n"
	"	size_t g = get_global_id(0);\n"
	"	half x = (half)in[g];\n"
	"	global float *o = out + g * 9;\n"
	"	o[0] = sub_group_reduce_add(x); o[1] = sub_group_reduce_min(x); o[2] = sub_group_reduce_max(x);\n"
	"	o[3] = sub_group_scan_inclusive_add(x); o[4] = sub_group_scan_exclusive_max(x); o[5] = sub_group_scan_inclusive_min(x);\n"
	"	o[6] = sub_group_broadcast(x, 1 % get_sub_group_size());\n"
	"	o[7] = sub_group_broadcast((half2)(x, x + (half)1), 0).y;\n"
	"	o[8] = get_sub_group_size() * 1000 + get_sub_group_local_id();\n"
	"}\n";

static void check_half(test_env *t, size_t n, size_t local) {
	char ext[4096] = "";
	clGetDeviceInfo(t->device, CL_DEVICE_EXTENSIONS, sizeof ext, ext, NULL);
	if (!strstr(ext, "cl_khr_fp16")) return;
	cl_program p = check_build(t, half_src, "-cl-std=CL3.0");
	cl_kernel k = clCreateKernel(p, "sg_half", NULL);
	float *in = malloc(n * sizeof *in), *out = malloc(n * 9 * sizeof *out);
	for (size_t i = 0; i < n; i++) in[i] = (float)((i * 7) % 11);
	cl_mem ib = check_buffer(t, n * sizeof *in, in), ob = check_buffer(t, n * 9 * sizeof *out, NULL);
	clSetKernelArg(k, 0, sizeof ib, &ib), clSetKernelArg(k, 1, sizeof ob, &ob);
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &n, &local, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, ob, CL_TRUE, 0, n * 9 * sizeof *out, out, 0, NULL, NULL));
	int bad = 0;
	for (size_t g = 0; g < n; g++) {
		const float *o = out + g * 9;
		size_t size = (size_t)o[8] / 1000, lid = (size_t)o[8] % 1000, first = g - lid;
		if (size < 1 || size > sg_size || lid >= size || lid > g) {
			if (bad++ < 5) fprintf(stderr, "half: work-item %zu: sub-group size %zu, id %zu\n", g, size, lid);
			continue;
		}
		float sum = 0, mn = INFINITY, mx = -INFINITY, run = 0, runmin = INFINITY, before = -INFINITY;
		for (size_t i = first; i < first + size; i++) sum += in[i], mn = fminf(mn, in[i]), mx = fmaxf(mx, in[i]);
		for (size_t i = first; i <= g; i++) {
			run += in[i], runmin = fminf(runmin, in[i]);
			if (i < g) before = fmaxf(before, in[i]);
		}
		float want[8] = {sum, mn, mx, run, before, runmin, in[first + 1 % size], in[first] + 1};
		for (int j = 0; j < 8; j++)
			if (o[j] != want[j] && bad++ < 5) fprintf(stderr, "half: work-item %zu result %d: %g, want %g\n", g, j, o[j], want[j]);
	}
	CHECK(bad == 0);
	free(in), free(out);
	clReleaseMemObject(ib), clReleaseMemObject(ob);
	clReleaseKernel(k), clReleaseProgram(p);
}

static void run_checks(void) {
	test_env t = test_setup();
	cl_program p = check_build(&t, src, "-cl-std=CL3.0");
	kernel_set held = hold_kernels(p);
	sg_size = full_sub_group(&t, p, "sg_int");
	CHECK(sg_size >= 1 && sg_size <= 64);
	static const size_t sizes1[] = {1, 2, 3, 5, 7, 15, 16, 17, 31, 33, 64, 100, 255, 256, 1000, 1024};
	for (size_t i = 0; i < sizeof sizes1 / sizeof sizes1[0]; i++) {
		range r = {1, {sizes1[i] * 3 + sizes1[i] / 2, 1, 1}, {sizes1[i], 1, 1}};
		for (vtype ty = 0; ty < NALLTYPES; ty++) check_type(&t, p, ty, &r);
	}
	static const range nd[] = {
		{2, {40, 35, 1}, {16, 16, 1}}, {2, {10, 11, 1}, {3, 5, 1}}, {2, {7, 300, 1}, {1, 100, 1}},
		{3, {9, 6, 5}, {4, 4, 4}}, {3, {5, 7, 11}, {2, 3, 5}}, {3, {16, 8, 32}, {8, 8, 16}},
	};
	for (size_t i = 0; i < sizeof nd / sizeof nd[0]; i++)
		for (vtype ty = 0; ty < NALLTYPES; ty++) check_type(&t, p, ty, &nd[i]);
	static const size_t dsizes[][2] = {{1000, 256}, {700, 100}, {90, 33}, {64, 64}, {20, 7}, {5, 1}};
	for (size_t i = 0; i < sizeof dsizes / sizeof dsizes[0]; i++) {
		check_divergent(&t, p, dsizes[i][0], dsizes[i][1]);
		check_loop(&t, p, dsizes[i][0], dsizes[i][1], 4);
		check_vectors(&t, p, dsizes[i][0], dsizes[i][1]);
	}
	check_half(&t, 96, 32);
	check_half(&t, 1000, 100);
	release_kernels(&held);
	clReleaseProgram(p);
	test_teardown(&t);
}

/* The device's and the kernels' sub-group queries. */
static void check_queries(void) {
	test_env t = test_setup();
	cl_uint nsg = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_MAX_NUM_SUB_GROUPS, sizeof nsg, &nsg, NULL));
	cl_bool ifp = CL_FALSE;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_SUB_GROUP_INDEPENDENT_FORWARD_PROGRESS, sizeof ifp, &ifp, NULL));
	CHECK(ifp == CL_TRUE);
	size_t maxwg = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_MAX_WORK_GROUP_SIZE, sizeof maxwg, &maxwg, NULL));
	char ext[8192] = "";
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_EXTENSIONS, sizeof ext, ext, NULL));
	CHECK(strstr(ext, "cl_khr_subgroup_extended_types") != NULL);
	/* cl_khr_subgroups (it requires independent forward progress:
	 * tests/spinwait.c). */
	CHECK(strstr(ext, "cl_khr_subgroups ") != NULL);

	cl_program p = check_build(&t,
		"kernel void plain(global int *o) { o[get_global_id(0)] = sub_group_reduce_add(1); }\n"
		"__attribute__((reqd_work_group_size(20, 1, 1))) kernel void fixed(global int *o) { o[get_global_id(0)] = 1; }\n",
		"-cl-std=CL3.0");
	cl_int err;
	cl_kernel plain = clCreateKernel(p, "plain", &err), fixed = clCreateKernel(p, "fixed", NULL);
	CHECK_OK(err);
	size_t s = 0, r = 0, ret = 0;
	size_t l1[1] = {1024};
	CHECK_OK(clGetKernelSubGroupInfo(plain, t.device, CL_KERNEL_MAX_SUB_GROUP_SIZE_FOR_NDRANGE, sizeof l1, l1, sizeof s, &s, &ret));
	CHECK(ret == sizeof(size_t) && s >= 1);
	CHECK(nsg == (maxwg + s - 1) / s);
	static const size_t locals[][3] = {{1, 1, 1}, {7, 1, 1}, {16, 16, 1}, {3, 3, 3}, {5, 1, 1}, {17, 1, 1}, {8, 8, 8}};
	for (size_t i = 0; i < sizeof locals / sizeof locals[0]; i++)
		for (size_t d = 1; d <= 3; d++) {
			size_t items = 1;
			for (size_t j = 0; j < d; j++) items *= locals[i][j];
			CHECK_OK(clGetKernelSubGroupInfo(plain, NULL, CL_KERNEL_MAX_SUB_GROUP_SIZE_FOR_NDRANGE, d * sizeof(size_t), locals[i], sizeof r, &r, NULL));
			CHECK(r == (items < s ? items : s));
			CHECK_OK(clGetKernelSubGroupInfo(plain, t.device, CL_KERNEL_SUB_GROUP_COUNT_FOR_NDRANGE, d * sizeof(size_t), locals[i], sizeof r, &r, NULL));
			CHECK(r == (items + s - 1) / s);
		}
	/* A local size for a number of sub-groups, in as many dimensions as
	 * param_value has room for; zeros when there is none. */
	size_t count = 3, ls3[3] = {9, 9, 9}, ls1 = 9;
	CHECK_OK(clGetKernelSubGroupInfo(plain, t.device, CL_KERNEL_LOCAL_SIZE_FOR_SUB_GROUP_COUNT, sizeof count, &count, sizeof ls3, ls3, &ret));
	CHECK(ret == sizeof ls3 && ls3[0] == 3 * s && ls3[1] == 1 && ls3[2] == 1);
	CHECK_OK(clGetKernelSubGroupInfo(plain, t.device, CL_KERNEL_LOCAL_SIZE_FOR_SUB_GROUP_COUNT, sizeof count, &count, sizeof ls1, &ls1, &ret));
	CHECK(ret == sizeof ls1 && ls1 == 3 * s);
	count = nsg + 1;
	CHECK_OK(clGetKernelSubGroupInfo(plain, t.device, CL_KERNEL_LOCAL_SIZE_FOR_SUB_GROUP_COUNT, sizeof count, &count, sizeof ls3, ls3, NULL));
	CHECK(ls3[0] == 0 && ls3[1] == 0 && ls3[2] == 0);
	/* fixed runs groups of 20 work-items at most: one sub-group needs s. */
	count = 1;
	CHECK_OK(clGetKernelSubGroupInfo(fixed, t.device, CL_KERNEL_LOCAL_SIZE_FOR_SUB_GROUP_COUNT, sizeof count, &count, sizeof ls1, &ls1, NULL));
	CHECK(ls1 == (s <= 20 ? s : 20));
	count = 21;
	CHECK_OK(clGetKernelSubGroupInfo(fixed, t.device, CL_KERNEL_LOCAL_SIZE_FOR_SUB_GROUP_COUNT, sizeof count, &count, sizeof ls1, &ls1, NULL));
	CHECK(ls1 == 0);
	CHECK_OK(clGetKernelSubGroupInfo(plain, t.device, CL_KERNEL_MAX_NUM_SUB_GROUPS, 0, NULL, sizeof r, &r, NULL));
	CHECK(r == nsg);
	CHECK_OK(clGetKernelSubGroupInfo(fixed, t.device, CL_KERNEL_MAX_NUM_SUB_GROUPS, 0, NULL, sizeof r, &r, NULL));
	CHECK(r == (20 + s - 1) / s);
	CHECK_OK(clGetKernelSubGroupInfo(plain, t.device, CL_KERNEL_COMPILE_NUM_SUB_GROUPS, 0, NULL, sizeof r, &r, &ret));
	CHECK(r == 0 && ret == sizeof r);
	/* Errors: no input, an input of 4 dimensions, an unknown query, too
	 * small a param_value, a device not the program's. */
	CHECK_ERR(clGetKernelSubGroupInfo(plain, t.device, CL_KERNEL_MAX_SUB_GROUP_SIZE_FOR_NDRANGE, 0, NULL, sizeof r, &r, NULL), CL_INVALID_VALUE);
	size_t l4[4] = {1, 1, 1, 1};
	CHECK_ERR(clGetKernelSubGroupInfo(plain, t.device, CL_KERNEL_SUB_GROUP_COUNT_FOR_NDRANGE, sizeof l4, l4, sizeof r, &r, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetKernelSubGroupInfo(plain, t.device, CL_KERNEL_LOCAL_SIZE_FOR_SUB_GROUP_COUNT, 0, NULL, sizeof ls3, ls3, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetKernelSubGroupInfo(plain, t.device, 0x9999, 0, NULL, sizeof r, &r, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetKernelSubGroupInfo(plain, t.device, CL_KERNEL_MAX_NUM_SUB_GROUPS, 0, NULL, 1, &r, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetKernelSubGroupInfo(plain, (cl_device_id)GARBAGE, CL_KERNEL_MAX_NUM_SUB_GROUPS, 0, NULL, sizeof r, &r, NULL), CL_INVALID_DEVICE);
	CHECK_ERR(clGetKernelSubGroupInfo(NULL, t.device, CL_KERNEL_MAX_NUM_SUB_GROUPS, 0, NULL, sizeof r, &r, NULL), CL_INVALID_KERNEL);
	clReleaseKernel(plain), clReleaseKernel(fixed);
	clReleaseProgram(p);
	test_teardown(&t);
}

int main(int argc, char **argv) {
	if (argc == 1) check_queries();
	return check_every_path(argc, argv, "subgroups", run_checks);
}
