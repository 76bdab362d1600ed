/* async_work_group_copy / async_work_group_strided_copy (both directions,
 * scalar and vector types including 3-element ones), wait_group_events with
 * one event, a shared event, two events and events reused across a loop,
 * prefetch, 2D and non-uniform work-groups; built as OpenCL C 1.2 (private
 * event pointers) and 3.0 (generic). Expectations computed on the host. */
#include "check.h"

static const char *src =
"#define ROUND(T, S) \\\n"
"kernel void round_##T(global const T *src, global T *dst, local T *tmp, int n) { \\\n"
"  size_t g = get_group_id(0); int l = get_local_id(0), ls = get_local_size(0); \\\n"
"  prefetch(src + g * n, n); \\\n"
"  event_t e = async_work_group_copy(tmp, src + g * n, n, 0); \\\n"
"  wait_group_events(1, &e); \\\n"
"  for (int i = l; i < n; i += ls) tmp[i] = tmp[i] + (T)(S); \\\n"
"  barrier(CLK_LOCAL_MEM_FENCE); \\\n"
"  e = async_work_group_copy(dst + g * n, tmp, n, 0); \\\n"
"  wait_group_events(1, &e); \\\n"
"}\n"
"ROUND(char, 1) ROUND(uchar3, 2) ROUND(short, 3) ROUND(ushort8, 4) ROUND(int, 5) ROUND(uint4, 6)\n"
"ROUND(long16, 7) ROUND(ulong, 8) ROUND(float3, 9) ROUND(float2, 10) ROUND(double, 11) ROUND(double3, 12)\n"
"ROUND(char16, 13) ROUND(int3, 14)\n"
/* gather with a stride into local memory, scatter interleaved by group */
"kernel void strided(global const int2 *src, global int2 *dst, local int2 *tmp, int n, int stride) {\n"
"  size_t g = get_group_id(0), G = get_num_groups(0); int l = get_local_id(0), ls = get_local_size(0);\n"
"  event_t e = async_work_group_strided_copy(tmp, src + g * n * stride, n, stride, 0);\n"
"  wait_group_events(1, &e);\n"
"  for (int i = l; i < n; i += ls) tmp[i] *= 2;\n"
"  barrier(CLK_LOCAL_MEM_FENCE);\n"
"  e = async_work_group_strided_copy(dst + g, tmp, n, G, 0);\n"
"  wait_group_events(1, &e);\n"
"}\n"
"kernel void strided3(global const short3 *src, global short3 *dst, local short3 *tmp, int n, int stride) {\n"
"  size_t g = get_group_id(0), G = get_num_groups(0);\n"
"  event_t e = async_work_group_strided_copy(tmp, src + g * n * stride, n, stride, 0);\n"
"  wait_group_events(1, &e);\n"
"  e = async_work_group_strided_copy(dst + g, tmp, n, G, 0);\n"
"  wait_group_events(1, &e);\n"
"}\n"
/* tiles: a shared event, then two events, reused every iteration */
"kernel void tiles(global const int *src, global int *dst, local int *a, local int *b, int tiles, int ts) {\n"
"  size_t g = get_group_id(0); int l = get_local_id(0), ls = get_local_size(0);\n"
"  global const int *base = src + g * tiles * ts * 2;\n"
"  int acc = 0;\n"
"  event_t ev[2];\n"
"  for (int t = 0; t < tiles; t++) {\n"
"    if (t % 2 == 0) {\n"
"      event_t e = async_work_group_copy(a, base + t * 2 * ts, ts, 0);\n"
"      e = async_work_group_copy(b, base + t * 2 * ts + ts, ts, e);\n"
"      wait_group_events(1, &e);\n"
"    } else {\n"
"      ev[0] = async_work_group_copy(a, base + t * 2 * ts, ts, 0);\n"
"      ev[1] = async_work_group_copy(b, base + t * 2 * ts + ts, ts, 0);\n"
"      wait_group_events(2, ev);\n"
"    }\n"
"    for (int i = l; i < ts; i += ls) acc += a[i] * b[i];\n"
"    barrier(CLK_LOCAL_MEM_FENCE);\n"
"  }\n"
"  dst[get_global_id(0)] = acc;\n"
"}\n"
/* local data written by other work-items goes out, after a barrier and
 * with none (a copy sees what the group wrote before it) */
"#define OUT2D(NAME, BARRIER) \\\n"
"kernel void NAME(global float *dst) { \\\n"
"  local float t[8 * 4]; \\\n"
"  int lx = get_local_id(0), ly = get_local_id(1), e = 31 - (ly * 8 + lx); \\\n"
"  size_t g = get_group_id(1) * get_num_groups(0) + get_group_id(0); \\\n"
"  t[e] = (float)(g * 1000 + e); \\\n"
"  BARRIER; \\\n"
"  event_t ev = async_work_group_copy(dst + g * 32, t, 32, 0); \\\n"
"  wait_group_events(1, &ev); \\\n"
"}\n"
"OUT2D(out2d, barrier(CLK_LOCAL_MEM_FENCE)) OUT2D(out2d_nobar, (void)0)\n";

/* CL2.0+: non-uniform work-groups (the last one smaller) */
static const char *src20 =
"kernel void nonuni(global const int *src, global int *dst) {\n"
"  local int t[128];\n"
"  size_t g = get_group_id(0); int n = 2 * get_local_size(0), l = get_local_id(0);\n"
"  event_t e = async_work_group_copy(t, src + g * 128, n, 0);\n"
"  wait_group_events(1, &e);\n"
"  t[l] += 1; t[l + get_local_size(0)] += 1;\n"
"  barrier(CLK_LOCAL_MEM_FENCE);\n"
"  e = async_work_group_copy(dst + g * 128, t, n, 0);\n"
"  wait_group_events(1, &e);\n"
"}\n";

/* One type of the ROUND kernels: elem bytes per element, comps meaningful
 * components of scalar size ss (3-vectors have a padding component). */
typedef struct { const char *name; int ss, comps, lanes, isfloat, issigned, add; } rtype;

static int64_t lane_get(const unsigned char *p, int ss, int issigned) {
	switch (ss) {
	case 1: return issigned ? *(int8_t *)p : *(uint8_t *)p;
	case 2: return issigned ? *(int16_t *)p : *(uint16_t *)p;
	case 4: return issigned ? *(int32_t *)p : *(uint32_t *)p;
	default: return *(int64_t *)p;
	}
}

static void test_round(test_env *t, cl_program p, const rtype *rt) {
	enum { G = 6, LS = 16, NE = 40 }; /* NE elements per group: not a multiple of LS */
	size_t elem = (size_t)rt->ss * rt->lanes, bytes = G * NE * elem;
	unsigned char *in = malloc(bytes), *out = malloc(bytes);
	/* inputs: small values, exact in every type */
	for (size_t i = 0; i < (size_t)G * NE * rt->lanes; i++) {
		int v = (int)(i * 7 % 100) - (rt->issigned || rt->isfloat ? 50 : 0);
		unsigned char *q = in + i * rt->ss;
		if (rt->isfloat && rt->ss == 4) *(float *)q = (float)v;
		else if (rt->isfloat) *(double *)q = (double)v;
		else if (rt->ss == 1) *(int8_t *)q = (int8_t)v;
		else if (rt->ss == 2) *(int16_t *)q = (int16_t)v;
		else if (rt->ss == 4) *(int32_t *)q = v;
		else *(int64_t *)q = v;
	}
	memset(out, 0xA5, bytes);
	cl_int err;
	char kname[64];
	snprintf(kname, sizeof kname, "round_%s", rt->name);
	cl_kernel k = clCreateKernel(p, kname, &err);
	REQUIRE_OK(err);
	cl_mem S = check_buffer(t, bytes, in), D = check_buffer(t, bytes, out);
	int n = NE;
	CHECK_OK(clSetKernelArg(k, 0, sizeof S, &S));
	CHECK_OK(clSetKernelArg(k, 1, sizeof D, &D));
	CHECK_OK(clSetKernelArg(k, 2, NE * elem, NULL));
	CHECK_OK(clSetKernelArg(k, 3, sizeof n, &n));
	size_t gs = G * LS, ls = LS;
	CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &gs, &ls, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t->queue, D, CL_TRUE, 0, bytes, out, 0, NULL, NULL));
	int bad = 0;
	for (size_t e = 0; e < (size_t)G * NE; e++)
		for (int c = 0; c < rt->comps; c++) {
			size_t off = e * elem + (size_t)c * rt->ss;
			int ok;
			if (rt->isfloat && rt->ss == 4) ok = *(float *)(out + off) == *(float *)(in + off) + rt->add;
			else if (rt->isfloat) ok = *(double *)(out + off) == *(double *)(in + off) + rt->add;
			else {
				int64_t want = lane_get(in + off, rt->ss, rt->issigned) + rt->add;
				int64_t got = lane_get(out + off, rt->ss, rt->issigned);
				if (rt->ss < 8) {
					int64_t m = (1ll << (8 * rt->ss)) - 1;
					ok = (got & m) == (want & m);
				} else ok = got == want;
			}
			if (!ok && bad++ < 3) fprintf(stderr, "%s: element %zu component %d wrong\n", kname, e, c);
		}
	CHECK(bad == 0);
	clReleaseMemObject(S), clReleaseMemObject(D), clReleaseKernel(k);
	free(in), free(out);
}

static void test_program(test_env *t, cl_program p) {
	static const rtype types[] = {
		{"char", 1, 1, 1, 0, 1, 1}, {"uchar3", 1, 3, 4, 0, 0, 2}, {"short", 2, 1, 1, 0, 1, 3},
		{"ushort8", 2, 8, 8, 0, 0, 4}, {"int", 4, 1, 1, 0, 1, 5}, {"uint4", 4, 4, 4, 0, 0, 6},
		{"long16", 8, 16, 16, 0, 1, 7}, {"ulong", 8, 1, 1, 0, 0, 8}, {"float3", 4, 3, 4, 1, 1, 9},
		{"float2", 4, 2, 2, 1, 1, 10}, {"double", 8, 1, 1, 1, 1, 11}, {"double3", 8, 3, 4, 1, 1, 12},
		{"char16", 1, 16, 16, 0, 1, 13}, {"int3", 4, 3, 4, 0, 1, 14},
	};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) test_round(t, p, &types[i]);
	cl_int err;

	/* strided: gather with stride 3, scatter interleaved by group */
	{
		enum { G = 5, LS = 8, NE = 20, ST = 3 };
		int *in = malloc(G * NE * ST * 2 * sizeof(int)), *out = malloc(G * NE * 2 * sizeof(int));
		for (int i = 0; i < G * NE * ST * 2; i++) in[i] = i * 3 + 1;
		memset(out, 0, G * NE * 2 * sizeof(int));
		cl_mem S = check_buffer(t, G * NE * ST * 8, in), D = check_buffer(t, G * NE * 8, out);
		cl_kernel k = clCreateKernel(p, "strided", &err);
		REQUIRE_OK(err);
		int n = NE, st = ST;
		clSetKernelArg(k, 0, sizeof S, &S), clSetKernelArg(k, 1, sizeof D, &D);
		clSetKernelArg(k, 2, NE * 8, NULL), clSetKernelArg(k, 3, 4, &n), clSetKernelArg(k, 4, 4, &st);
		size_t gs = G * LS, ls = LS;
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &gs, &ls, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadBuffer(t->queue, D, CL_TRUE, 0, G * NE * 8, out, 0, NULL, NULL));
		int bad = 0;
		for (int g = 0; g < G; g++)
			for (int i = 0; i < NE; i++)
				for (int c = 0; c < 2; c++)
					if (out[(i * G + g) * 2 + c] != 2 * in[(g * NE * ST + i * ST) * 2 + c]) bad++;
		CHECK(bad == 0);
		clReleaseMemObject(S), clReleaseMemObject(D), clReleaseKernel(k);
		free(in), free(out);
	}
	/* strided, 3-element vectors: whole elements (4 components) move */
	{
		enum { G = 4, LS = 4, NE = 9, ST = 2 };
		short *in = malloc(G * NE * ST * 8), *out = malloc(G * NE * 8);
		for (int i = 0; i < G * NE * ST * 4; i++) in[i] = (short)(i - 100);
		memset(out, 0, G * NE * 8);
		cl_mem S = check_buffer(t, G * NE * ST * 8, in), D = check_buffer(t, G * NE * 8, out);
		cl_kernel k = clCreateKernel(p, "strided3", &err);
		REQUIRE_OK(err);
		int n = NE, st = ST;
		clSetKernelArg(k, 0, sizeof S, &S), clSetKernelArg(k, 1, sizeof D, &D);
		clSetKernelArg(k, 2, NE * 8, NULL), clSetKernelArg(k, 3, 4, &n), clSetKernelArg(k, 4, 4, &st);
		size_t gs = G * LS, ls = LS;
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &gs, &ls, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadBuffer(t->queue, D, CL_TRUE, 0, G * NE * 8, out, 0, NULL, NULL));
		int bad = 0;
		for (int g = 0; g < G; g++)
			for (int i = 0; i < NE; i++)
				for (int c = 0; c < 3; c++)
					if (out[(i * G + g) * 4 + c] != in[(g * NE * ST + i * ST) * 4 + c]) bad++;
		CHECK(bad == 0);
		clReleaseMemObject(S), clReleaseMemObject(D), clReleaseKernel(k);
		free(in), free(out);
	}
	/* tiles: events shared, paired and reused */
	{
		enum { G = 8, LS = 16, TILES = 7, TS = 48 };
		int *in = malloc(G * TILES * TS * 2 * 4), out[G * LS];
		for (int i = 0; i < G * TILES * TS * 2; i++) in[i] = i % 17 - 8;
		cl_mem S = check_buffer(t, G * TILES * TS * 2 * 4, in), D = check_buffer(t, sizeof out, NULL);
		cl_kernel k = clCreateKernel(p, "tiles", &err);
		REQUIRE_OK(err);
		int tiles = TILES, ts = TS;
		clSetKernelArg(k, 0, sizeof S, &S), clSetKernelArg(k, 1, sizeof D, &D);
		clSetKernelArg(k, 2, TS * 4, NULL), clSetKernelArg(k, 3, TS * 4, NULL);
		clSetKernelArg(k, 4, 4, &tiles), clSetKernelArg(k, 5, 4, &ts);
		size_t gs = G * LS, ls = LS;
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 1, NULL, &gs, &ls, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadBuffer(t->queue, D, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
		int bad = 0;
		for (int g = 0; g < G; g++)
			for (int l = 0; l < LS; l++) {
				int acc = 0;
				const int *base = in + g * TILES * TS * 2;
				for (int tt = 0; tt < TILES; tt++)
					for (int i = l; i < TS; i += LS) acc += base[tt * 2 * TS + i] * base[tt * 2 * TS + TS + i];
				if (out[g * LS + l] != acc) bad++;
			}
		CHECK(bad == 0);
		clReleaseMemObject(S), clReleaseMemObject(D), clReleaseKernel(k);
		free(in);
	}
	/* 2D work-groups, local to global */
	for (int v = 0; v < 2; v++) {
		enum { GX = 4, GY = 3 };
		float out[GX * GY * 32];
		cl_mem D = check_buffer(t, sizeof out, NULL);
		cl_kernel k = clCreateKernel(p, v ? "out2d_nobar" : "out2d", &err);
		REQUIRE_OK(err);
		clSetKernelArg(k, 0, sizeof D, &D);
		size_t gs[2] = {GX * 8, GY * 4}, ls[2] = {8, 4};
		CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 2, NULL, gs, ls, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadBuffer(t->queue, D, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
		int bad = 0;
		for (int g = 0; g < GX * GY; g++)
			for (int i = 0; i < 32; i++)
				if (out[g * 32 + i] != (float)(g * 1000 + i)) bad++;
		CHECK(bad == 0);
		clReleaseMemObject(D), clReleaseKernel(k);
	}
}

int main(void) {
	test_env t = test_setup();
	cl_program p12 = check_build(&t, src, "");
	test_program(&t, p12);
	cl_program p30 = check_build(&t, src, "-cl-std=CL3.0");
	test_program(&t, p30);
	/* non-uniform work-groups: 1000 = 15 * 64 + 40 */
	{
		cl_program p = check_build(&t, src20, "-cl-std=CL2.0");
		enum { GS = 1000, LS = 64, NG = 16 };
		int in[NG * 128], out[NG * 128];
		for (int i = 0; i < NG * 128; i++) in[i] = i * 5;
		memset(out, 0, sizeof out);
		cl_mem S = check_buffer(&t, sizeof in, in), D = check_buffer(&t, sizeof out, out);
		cl_int err;
		cl_kernel k = clCreateKernel(p, "nonuni", &err);
		REQUIRE_OK(err);
		clSetKernelArg(k, 0, sizeof S, &S), clSetKernelArg(k, 1, sizeof D, &D);
		size_t gs = GS, ls = LS;
		CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &gs, &ls, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadBuffer(t.queue, D, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
		int bad = 0;
		for (int g = 0; g < NG; g++) {
			int n = 2 * (g < NG - 1 ? LS : GS - (NG - 1) * LS);
			for (int i = 0; i < 128; i++)
				if (out[g * 128 + i] != (i < n ? in[g * 128 + i] + 1 : 0)) bad++;
		}
		CHECK(bad == 0);
		clReleaseMemObject(S), clReleaseMemObject(D), clReleaseKernel(k), clReleaseProgram(p);
	}
	clReleaseProgram(p12), clReleaseProgram(p30);
	test_teardown(&t);
	return check_done();
}
