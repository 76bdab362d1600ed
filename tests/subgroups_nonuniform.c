/* The non-uniform sub-group functions (cl_khr_subgroup_shuffle,
 * _shuffle_relative, _rotate, _clustered_reduce, _ballot,
 * _non_uniform_vote, _non_uniform_arithmetic), against host references:
 * in uniform code (where the work-group transform takes them), and in code
 * only some work-items of a sub-group run — both arms of a branch, a loop
 * whose trip count differs per work-item, then the whole sub-group again —
 * where each call acts among the work-items that reach it (the active
 * ones); for every scalar type, vectors for the broadcast, with local sizes
 * 1 to 1024, non-powers of two and a non-uniform last group. The same
 * checks run again in children with GOCL_NO_WILOOPS=1 and with
 * GOCL_NO_REGIONS=1 as well (fibers). And cl_intel_required_subgroup_size:
 * the device's one size, and a build that asks for another failing. */
#include "collective_ref.h"

#define OUTS 16 /* values per work-item */

static const char *src =
	/* Uniform code: every work-item of each sub-group is active. */
	"#define UNIFORM(o, x, l, n) \\\n"
	"	o[0] = sub_group_shuffle(x, (l * 5 + 3) % n);\\\n"
	"	o[1] = sub_group_shuffle_xor(x, 1);\\\n"
	"	o[2] = sub_group_shuffle_up(x, 2);\\\n"
	"	o[3] = sub_group_shuffle_down(x, 3);\\\n"
	"	o[4] = sub_group_rotate(x, 5);\\\n"
	"	o[5] = sub_group_clustered_rotate(x, -1, 4);\\\n"
	"	o[6] = sub_group_clustered_reduce_add(x, 4);\\\n"
	"	o[7] = sub_group_non_uniform_reduce_xor(x);\\\n"
	"	o[8] = sub_group_non_uniform_scan_inclusive_min(x);\\\n"
	"	o[9] = sub_group_ballot(x & 1).x;\n"
	"kernel void uniform(global const int *in, global int *out) {\n"
	"	size_t g = get_global_linear_id();\n"
	"	int x = in[g];\n"
	"	uint l = get_sub_group_local_id(), n = get_sub_group_size();\n"
	"	global int *o = out + g * 16;\n"
	"	UNIFORM(o, x, l, n)\n"
	"	for (int k = 10; k < 16; k++) o[k] = 0;\n"
	"}\n"
	/* The same, then code that only some work-items run. */
	"kernel void divergent(global const int *in, global int *out) {\n"
	"	size_t g = get_global_linear_id();\n"
	"	int x = in[g];\n"
	"	uint l = get_sub_group_local_id(), n = get_sub_group_size();\n"
	"	global int *o = out + g * 16;\n"
	"	UNIFORM(o, x, l, n)\n"
	"	if (x & 1) {\n"
	"		o[10] = sub_group_non_uniform_reduce_add(x);\n"
	"		o[11] = sub_group_broadcast_first(x);\n"
	"	} else {\n"
	"		o[10] = sub_group_non_uniform_scan_inclusive_max(x);\n"
	"		o[11] = sub_group_elect();\n"
	"	}\n"
	"	o[12] = x % 3 == 0 ? sub_group_non_uniform_all_equal(7) : sub_group_non_uniform_reduce_min(x);\n"
	"	int acc = 0;\n"
	"	for (int k = 0; k < (x & 3); k++)\n"
	"		acc = acc * 3 + sub_group_non_uniform_reduce_add(k + 1);\n"
	"	o[13] = acc;\n"
	"	o[14] = x & 2 ? sub_group_non_uniform_any(x & 4) : sub_group_non_uniform_all(x & 4) + 10;\n"
	"	o[15] = sub_group_ballot(1).x;\n"
	"}\n"
	/* Every scalar type, converted from int and back. */
	"#define TYPED(T) \\\n"
	"kernel void typed_##T(global const int *in, global int *out) {\\\n"
	"	size_t g = get_global_linear_id();\\\n"
	"	T x = (T)(in[g] & 7); /* small: sums fit in a char */\\\n"
	"	uint l = get_sub_group_local_id(), n = get_sub_group_size();\\\n"
	"	global int *o = out + g * 16;\\\n"
	"	o[0] = (int)sub_group_shuffle(x, n - 1 - l);\\\n"
	"	o[1] = (int)sub_group_rotate(x, 1);\\\n"
	"	o[2] = (int)sub_group_non_uniform_reduce_max(x);\\\n"
	"	o[3] = (int)sub_group_clustered_reduce_min(x, 2);\\\n"
	"	o[4] = (int)sub_group_non_uniform_broadcast(x, n / 2);\\\n"
	"	o[5] = in[g] & 1 ? (int)sub_group_non_uniform_scan_exclusive_add(x) : (int)sub_group_broadcast_first(x);\\\n"
	"	o[6] = sub_group_non_uniform_all_equal(x);\\\n"
	"	o[7] = (int)sub_group_non_uniform_broadcast((T##4)(x, (T)(x + 1), (T)(x + 2), (T)(x + 3)), n - 1).w;\\\n"
	"	o[8] = (int)sub_group_non_uniform_broadcast((T##16)(x), 0).sf;\\\n"
	"	for (int k = 9; k < 16; k++) o[k] = 0;\\\n"
	"}\n"
	"#pragma OPENCL EXTENSION cl_khr_fp16 : enable\n"
	"TYPED(char) TYPED(uchar) TYPED(short) TYPED(ushort) TYPED(int) TYPED(uint)\n"
	"TYPED(long) TYPED(ulong) TYPED(float) TYPED(double) TYPED(half)\n";

static const char *types[] = {"char", "uchar", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "half"};

static size_t sg_size; /* a full sub-group, as the API reports it */

static cl_int *run16(test_env *t, cl_program p, const char *name, const cl_int *in, size_t gs, size_t ls) {
	cl_int err, *out = malloc(gs * OUTS * sizeof(cl_int));
	cl_kernel k = clCreateKernel(p, name, &err);
	CHECK_OK(err);
	cl_mem bin = check_buffer(t, gs * sizeof(cl_int), in), bout = check_buffer(t, gs * OUTS * sizeof(cl_int), NULL);
	CHECK_OK(clSetKernelArg(k, 0, sizeof bin, &bin));
	CHECK_OK(clSetKernelArg(k, 1, sizeof bout, &bout));
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &gs, &ls, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, bout, CL_TRUE, 0, gs * OUTS * sizeof(cl_int), out, 0, NULL, NULL));
	clReleaseMemObject(bin), clReleaseMemObject(bout);
	clReleaseKernel(k);
	return out;
}

/* The sub-group of global work-item g (1D): its values v, its size n (the
 * last of a group may be shorter), g's lane l, and the maximum size. */
typedef struct { const cl_int *v; size_t n, l, max; } subgroup;
static subgroup subgroup_of(const cl_int *in, size_t g, size_t gs, size_t ls) {
	size_t g0 = g - g % ls, m = gs - g0 < ls ? gs - g0 : ls, l = g % ls, f = l - l % sg_size;
	subgroup s = {in + g0 + f, m - f < sg_size ? m - f : sg_size, l - f, ls < sg_size ? ls : sg_size};
	return s;
}

/* Wanted values; DONT_CARE where the specification leaves the result
 * undefined (a lane outside the sub-group). */
#define DONT_CARE 0x7fffabcd
static cl_int lane(const subgroup *s, size_t j) { return j < s->n ? s->v[j] : DONT_CARE; }

static void want_uniform(const subgroup *s, cl_int *w) {
	size_t l = s->l, n = s->n, c0 = l & ~(size_t)3;
	w[0] = lane(s, (l * 5 + 3) % n);
	w[1] = lane(s, l ^ 1);
	w[2] = l >= 2 ? lane(s, l - 2) : DONT_CARE;
	w[3] = lane(s, l + 3);
	w[4] = lane(s, (l + 5) % s->max);
	w[5] = lane(s, c0 + (l - c0 + 3) % 4);
	cl_int sum = 0, x = 0, mn = CL_INT_MAX;
	cl_uint bits = 0;
	for (size_t j = c0; j < c0 + 4 && j < n; j++) sum += s->v[j];
	for (size_t j = 0; j < n; j++) x ^= s->v[j], bits |= (cl_uint)(s->v[j] & 1) << j;
	for (size_t j = 0; j <= l; j++) mn = s->v[j] < mn ? s->v[j] : mn;
	w[6] = sum, w[7] = x, w[8] = mn, w[9] = (cl_int)bits;
	for (int k = 10; k < OUTS; k++) w[k] = 0;
}

static void want_divergent(const subgroup *s, cl_int *w) {
	size_t l = s->l, n = s->n;
	cl_int x = s->v[l];
	want_uniform(s, w);
	/* 10, 11: the odd lanes and the even ones apart */
	cl_int sum = 0, mx = CL_INT_MIN, first_odd = -1, first_even = -1;
	for (size_t j = 0; j < n; j++) {
		if (s->v[j] & 1) {
			sum += s->v[j];
			if (first_odd < 0) first_odd = (cl_int)j;
		} else {
			if (j <= l && s->v[j] > mx) mx = s->v[j];
			if (first_even < 0) first_even = (cl_int)j;
		}
	}
	w[10] = x & 1 ? sum : mx;
	w[11] = x & 1 ? s->v[first_odd] : first_even == (cl_int)l;
	/* 12: the multiples of 3 and the others apart */
	cl_int mn = CL_INT_MAX;
	for (size_t j = 0; j < n; j++)
		if (s->v[j] % 3 != 0 && s->v[j] < mn) mn = s->v[j];
	w[12] = x % 3 == 0 ? 1 : mn;
	/* 13: iteration k among the lanes still in the loop */
	cl_int acc = 0;
	for (int k = 0; k < (x & 3); k++) {
		cl_int active = 0;
		for (size_t j = 0; j < n; j++) active += (s->v[j] & 3) > k;
		acc = acc * 3 + active * (k + 1);
	}
	w[13] = acc;
	/* 14: lanes with bit 1 set and those without apart */
	int any = 0, all = 1;
	for (size_t j = 0; j < n; j++) {
		if ((s->v[j] & 2) && (s->v[j] & 4)) any = 1;
		if (!(s->v[j] & 2) && !(s->v[j] & 4)) all = 0;
	}
	w[14] = x & 2 ? any : all + 10;
	/* 15: every lane again */
	w[15] = (cl_int)(n >= 32 ? ~0u : (1u << n) - 1);
}

static void want_typed(const subgroup *s, cl_int *w) {
	size_t l = s->l, n = s->n;
	cl_int v[64], mx = 0, mn2 = 0, pre = 0, first_even = -1;
	for (size_t j = 0; j < n; j++) v[j] = s->v[j] & 7;
	for (size_t j = 0; j < n; j++) mx = v[j] > mx ? v[j] : mx;
	size_t c0 = l & ~(size_t)1;
	mn2 = c0 + 1 < n && v[c0 + 1] < v[c0] ? v[c0 + 1] : v[c0];
	for (size_t j = 0; j < l; j++)
		if (s->v[j] & 1) pre += v[j];
	for (size_t j = 0; j < n && first_even < 0; j++)
		if (!(s->v[j] & 1)) first_even = (cl_int)j;
	int same = 1;
	for (size_t j = 0; j < n; j++) same &= v[j] == v[0];
	w[0] = v[n - 1 - l];
	w[1] = (l + 1) % s->max < n ? v[(l + 1) % s->max] : DONT_CARE;
	w[2] = mx, w[3] = mn2, w[4] = v[n / 2];
	w[5] = s->v[l] & 1 ? pre : v[first_even];
	w[6] = same, w[7] = v[n - 1] + 3, w[8] = v[0];
	for (int k = 9; k < OUTS; k++) w[k] = 0;
}

static void check(test_env *t, cl_program p, const char *name, size_t gs, size_t ls, void (*want)(const subgroup *, cl_int *)) {
	cl_int *in = random_ints(gs), *out = run16(t, p, name, in, gs, ls), w[OUTS];
	int bad = 0;
	for (size_t g = 0; g < gs; g++) {
		subgroup s = subgroup_of(in, g, gs, ls);
		want(&s, w);
		for (int k = 0; k < OUTS; k++)
			if (w[k] != DONT_CARE && out[g * OUTS + k] != w[k] && bad++ < 3)
				fprintf(stderr, "%s: global %zu local %zu: work-item %zu (lane %zu of %zu): value %d is %d, want %d\n", name, gs, ls, g,
					s.l, s.n, k, out[g * OUTS + k], w[k]);
	}
	CHECK(bad == 0);
	free(in), free(out);
}

static void run_checks(void) {
	test_env t = test_setup();
	cl_program p = check_build(&t, src, "-cl-std=CL3.0");
	kernel_set held = hold_kernels(p);
	sg_size = full_sub_group(&t, p, "uniform");
	CHECK(sg_size >= 4 && sg_size <= 32);
	static const size_t sizes[][2] = {{1000, 256}, {700, 100}, {90, 33}, {64, 64}, {20, 7}, {5, 1}, {1024, 1024}, {48, 16}, {37, 12}};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		check(&t, p, "uniform", sizes[i][0], sizes[i][1], want_uniform);
		check(&t, p, "divergent", sizes[i][0], sizes[i][1], want_divergent);
	}
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		char name[32];
		snprintf(name, sizeof name, "typed_%s", types[i]);
		check(&t, p, name, 300, 64, want_typed);
		check(&t, p, name, 50, 13, want_typed);
	}
	release_kernels(&held);
	clReleaseProgram(p);
	test_teardown(&t);
}

/* The device claims the extensions, and OpenCL C defines their macros. */
static void check_claims(void) {
	test_env t = test_setup();
	char ext[8192] = "";
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_EXTENSIONS, sizeof ext, ext, NULL));
	static const char *const names[] = {"cl_khr_subgroup_shuffle", "cl_khr_subgroup_shuffle_relative", "cl_khr_subgroup_rotate",
		"cl_khr_subgroup_clustered_reduce", "cl_khr_subgroup_ballot", "cl_khr_subgroup_non_uniform_vote",
		"cl_khr_subgroup_non_uniform_arithmetic"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char word[64];
		snprintf(word, sizeof word, "%s ", names[i]);
		if (!strstr(ext, word)) fprintf(stderr, "CL_DEVICE_EXTENSIONS lacks %s\n", names[i]);
		CHECK(strstr(ext, word) != NULL);
	}
	cl_program p = check_build(&t,
		"#if !defined(cl_khr_subgroup_shuffle) || !defined(cl_khr_subgroup_shuffle_relative) || !defined(cl_khr_subgroup_rotate) \\\n"
		"  || !defined(cl_khr_subgroup_clustered_reduce) || !defined(cl_khr_subgroup_ballot) \\\n"
		"  || !defined(cl_khr_subgroup_non_uniform_vote) || !defined(cl_khr_subgroup_non_uniform_arithmetic)\n"
		"#error an extension macro is missing\n"
		"#endif\n"
		"kernel void k(global int *o) { o[0] = 1; }\n",
		"-cl-std=CL3.0");
	clReleaseProgram(p);
	test_teardown(&t);
}

#ifndef CL_DEVICE_SUB_GROUP_SIZES_INTEL
#define CL_DEVICE_SUB_GROUP_SIZES_INTEL 0x4108
#define CL_KERNEL_SPILL_MEM_SIZE_INTEL 0x4109
#define CL_KERNEL_COMPILE_SUB_GROUP_SIZE_INTEL 0x410A
#endif

/* cl_intel_required_subgroup_size: the device's one size; a kernel that
 * requires it builds and reports it, one that requires another does not
 * build, and says why in the log. */
static void check_required_size(void) {
	test_env t = test_setup();
	char ext[8192] = "";
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_EXTENSIONS, sizeof ext, ext, NULL));
	CHECK(strstr(ext, "cl_intel_required_subgroup_size ") != NULL);
	size_t sizes[8] = {0}, bytes = 0;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_SUB_GROUP_SIZES_INTEL, sizeof sizes, sizes, &bytes));
	CHECK(bytes == sizeof(size_t) && sizes[0] >= 4 && (sizes[0] & (sizes[0] - 1)) == 0);
	char src_ok[512], src_bad[512];
	const char *kernel = "#ifndef cl_intel_required_subgroup_size\n#error no cl_intel_required_subgroup_size\n#endif\n"
			     "kernel __attribute__((intel_reqd_sub_group_size(%zu))) void k(global int *o) {\n"
			     "	o[get_global_id(0)] = get_max_sub_group_size() * 1000 + sub_group_reduce_add(1); }\n"
			     "kernel void plain(global int *o) { o[0] = 1; }\n";
	snprintf(src_ok, sizeof src_ok, kernel, sizes[0]);
	snprintf(src_bad, sizeof src_bad, kernel, sizes[0] * 2);
	cl_program p = check_build(&t, src_ok, "-cl-std=CL3.0");
	cl_kernel k = clCreateKernel(p, "k", NULL), plain = clCreateKernel(p, "plain", NULL);
	size_t got = 0, local = 64;
	CHECK_OK(clGetKernelSubGroupInfo(k, t.device, CL_KERNEL_COMPILE_SUB_GROUP_SIZE_INTEL, 0, NULL, sizeof got, &got, NULL));
	CHECK(got == sizes[0]);
	CHECK_OK(clGetKernelSubGroupInfo(plain, t.device, CL_KERNEL_COMPILE_SUB_GROUP_SIZE_INTEL, 0, NULL, sizeof got, &got, NULL));
	CHECK(got == 0);
	cl_ulong spill = 1;
	CHECK_OK(clGetKernelWorkGroupInfo(k, t.device, CL_KERNEL_SPILL_MEM_SIZE_INTEL, sizeof spill, &spill, NULL));
	CHECK(spill == 0);
	cl_int out[64], err;
	cl_mem m = clCreateBuffer(t.context, CL_MEM_READ_WRITE, sizeof out, NULL, &err);
	CHECK_OK(clSetKernelArg(k, 0, sizeof m, &m));
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &local, &local, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	CHECK(out[0] == (cl_int)(sizes[0] * 1000 + sizes[0]) && out[63] == out[0]);
	clReleaseMemObject(m), clReleaseKernel(k), clReleaseKernel(plain), clReleaseProgram(p);

	const char *bad = src_bad;
	p = clCreateProgramWithSource(t.context, 1, &bad, NULL, &err);
	CHECK_OK(err);
	CHECK_ERR(clBuildProgram(p, 1, &t.device, "-cl-std=CL3.0", NULL, NULL), CL_BUILD_PROGRAM_FAILURE);
	char log[4096] = "";
	CHECK_OK(clGetProgramBuildInfo(p, t.device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL));
	if (!strstr(log, "intel_reqd_sub_group_size")) fprintf(stderr, "build log: %s\n", log);
	CHECK(strstr(log, "intel_reqd_sub_group_size") != NULL);
	clReleaseProgram(p);
	test_teardown(&t);
}

int main(int argc, char **argv) {
	if (argc == 1) check_claims(), check_required_size();
	return check_every_path(argc, argv, "subgroups_nonuniform", run_checks);
}
