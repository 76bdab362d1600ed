/* OpenCL C vector data load and store (OpenCL C 3.0 "Vector Data Load and
 * Store Functions"): vloadn / vstoren for char … double and n = 2, 3, 4,
 * 8, 16, from and to __global, __constant (loads), __local and __private
 * memory at element-aligned (not vector-aligned) addresses, checking that
 * exactly n elements are touched (a 3-vector store writes 3 elements, not
 * 4); and the half forms: vload_half[n], vloada_half[n] of every half bit
 * pattern, vstore_half[n][_rte|_rtz|_rtp|_rtn] and vstorea_half[n]… from
 * float and double (values next to every rounding boundary, overflow to
 * infinity or to the largest half, denormals, NaN), checked against a
 * host reference that rounds by choosing between the two neighbouring
 * halves. Everything is built with -cl-std=CL1.2 (the functions of each
 * named address space) and with CL3.0 (the generic address space). */
#include "check.h"
#include <float.h>
#include <math.h>

static test_env env;
enum { NT = 10, NV = 5, WI = 16, SPAN = 1 + WI * 16, NSPACE = 4 };
static const char *tname[NT] = { "char", "uchar", "short", "ushort", "int", "uint", "long", "ulong", "float", "double" };
static const int tsize[NT] = { 1, 1, 2, 2, 4, 4, 8, 8, 4, 8 };
static const int vn[NV] = { 2, 3, 4, 8, 16 };

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

static cl_program build(const char *source, const char *options) {
	cl_int err;
	cl_program p = clCreateProgramWithSource(env.context, 1, &source, NULL, &err);
	REQUIRE_OK(err);
	err = clBuildProgram(p, 1, &env.device, options, NULL, NULL);
	if (err != CL_SUCCESS) {
		static char log[1 << 16];
		clGetProgramBuildInfo(p, env.device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
		fprintf(stderr, "build (%s) failed (%d):\n%s\n", options, err, log);
		exit(1);
	}
	return p;
}
static cl_mem buf(size_t size, const void *data) {
	cl_int err;
	cl_mem m = clCreateBuffer(env.context, data ? CL_MEM_COPY_HOST_PTR : CL_MEM_READ_WRITE, size, (void *)data, &err);
	REQUIRE_OK(err);
	return m;
}

/* ---- vloadn / vstoren ----
 * Work-item w loads vector w of src + 1 with vloadn from each space and
 * stores it as vector w of the region + 1 with vstoren into the same kind of
 * space. Regions: [space][n] of SPAN elements, prefilled by the host. */
static const char *vsrc =
	"#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n"
	"#define SPAN 257\n"
	"#define ONE(T, N, I) {"
	"  global T *go = o + (0 * 5 + I) * SPAN; vstore##N(vload##N(w, src + 1), w, go + 1);"
	"  global T *co = o + (1 * 5 + I) * SPAN; vstore##N(vload##N(w, csrc + 1), w, co + 1);"
	"  local T *lo = lout + I * SPAN; vstore##N(vload##N(w, lin + 1), w, lo + 1);"
	"  T pin[1 + N], pout[2 + N];"
	"  for (int k = 0; k <= N; k++) pin[k] = src[w * N + k];"
	"  for (int k = 0; k < N + 2; k++) pout[k] = 0;"
	"  vstore##N(vload##N(0, pin + 1), 0, pout + 1);"
	"  for (int k = 1; k <= N; k++) o[(3 * 5 + I) * SPAN + w * N + k] = pout[k];"
	"  if (pout[0] != 0 || pout[N + 1] != 0) o[0] = 1; }\n"
	"#define K(T) kernel void v_##T(global const T *src, constant T *csrc, global T *o, local T *lin, local T *lout) {"
	"  int w = get_local_id(0);"
	"  if (w == 0) { for (int k = 0; k < SPAN; k++) lin[k] = src[k];"
	"    for (int k = 0; k < 5 * SPAN; k++) lout[k] = o[2 * 5 * SPAN + k]; }"
	"  barrier(CLK_LOCAL_MEM_FENCE);"
	"  ONE(T, 2, 0) ONE(T, 3, 1) ONE(T, 4, 2) ONE(T, 8, 3) ONE(T, 16, 4)"
	"  barrier(CLK_LOCAL_MEM_FENCE);"
	"  if (w == 0) for (int k = 0; k < 5 * SPAN; k++) o[2 * 5 * SPAN + k] = lout[k]; }\n"
	"K(char) K(uchar) K(short) K(ushort) K(int) K(uint) K(long) K(ulong) K(float) K(double)\n";

static void test_vloadstore(cl_program p, const char *std) {
	cl_int err;
	for (int t = 0; t < NT; t++) {
		int es = tsize[t];
		size_t osize = (size_t)NSPACE * NV * SPAN * es;
		unsigned char *src = malloc(SPAN * es), *o = malloc(osize), *init = malloc(osize);
		for (size_t i = 0; i < (size_t)SPAN * es; i++) src[i] = next() | 1; /* never equal to the fill */
		memset(init, 0, osize);
		cl_mem S = buf(SPAN * es, src), C = buf(SPAN * es, src), O = buf(osize, init);
		char name[32];
		snprintf(name, sizeof name, "v_%s", tname[t]);
		cl_kernel k = clCreateKernel(p, name, &err);
		CHECK_OK(err);
		CHECK_OK(clSetKernelArg(k, 0, sizeof S, &S));
		CHECK_OK(clSetKernelArg(k, 1, sizeof C, &C));
		CHECK_OK(clSetKernelArg(k, 2, sizeof O, &O));
		CHECK_OK(clSetKernelArg(k, 3, SPAN * es, NULL));
		CHECK_OK(clSetKernelArg(k, 4, NV * SPAN * es, NULL));
		size_t gs = WI;
		CHECK_OK(clEnqueueNDRangeKernel(env.queue, k, 1, NULL, &gs, &gs, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadBuffer(env.queue, O, CL_TRUE, 0, osize, o, 0, NULL, NULL));
		long bad = 0;
		for (int s = 0; s < NSPACE; s++)
			for (int v = 0; v < NV; v++) {
				const unsigned char *r = o + ((size_t)(s * NV + v) * SPAN) * es;
				for (int i = 0; i < SPAN; i++) {
					/* elements 1 … WI·n hold src[1 …]; the others keep 0 (except
					 * o[0], which the private check sets to 1 on a stray write) */
					int written = i >= 1 && i <= WI * vn[v];
					const unsigned char *want = written ? src + (size_t)i * es : init;
					if (memcmp(r + (size_t)i * es, want, es) && bad++ < 3)
						fprintf(stderr, "%s %s vload%d/vstore%d, space %d: element %d wrong\n", std, tname[t], vn[v],
							vn[v], s, i);
				}
			}
		CHECK(bad == 0);
		clReleaseKernel(k);
		clReleaseMemObject(S); clReleaseMemObject(C); clReleaseMemObject(O);
		free(src); free(o); free(init);
	}
}

/* ---- half ---- */
static double h2d(uint16_t h) {
	int e = (h >> 10) & 31, m = h & 1023;
	double v = e == 0 ? ldexp(m, -24) : e == 31 ? (m ? NAN : INFINITY) : ldexp(m + 1024, e - 25);
	return (h & 0x8000) ? -v : v;
}
/* x rounded to half in mode r (0, 1: to nearest even, 2: toward zero, 3: up, 4: down):
 * between the neighbouring halves lo ≤ |x| ≤ hi, by a search over the ordered magnitudes. */
static uint16_t ref_half(double x, int r) {
	if (isnan(x)) return 0x7e00;
	int neg = signbit(x) != 0;
	double a = fabs(x);
	uint16_t s = neg ? 0x8000 : 0;
	if (isinf(a)) return s | 0x7c00;
	int lo = 0, hi = 0x7c00;
	while (lo < hi) { int mid = (lo + hi + 1) / 2; if (h2d(mid) <= a) lo = mid; else hi = mid - 1; }
	if (h2d(lo) == a) return s | lo;
	int up = lo + 1, away;
	switch (r) {
	case 2: away = 0; break;
	case 3: away = !neg; break;
	case 4: away = neg; break;
	default: {
		double mid = up == 0x7c00 ? 65520.0 : (h2d(lo) + h2d(up)) / 2;
		away = a > mid || (a == mid && (up == 0x7c00 || !(up & 1)));
	}
	}
	return s | (away ? up : lo);
}

enum { HB = 4, HSPAN = 80 }; /* blocks per call; halves per region (≥ 1 + 16·HB, a multiple of 16: aligned) */
static const char *rnd[5] = { "", "_rte", "_rtz", "_rtp", "_rtn" };
/* store functions: n = 1 (scalar), 2 … 16, then vstorea n = 2 … 16 */
enum { NSF = 11 };
static const int sfn[NSF] = { 1, 2, 3, 4, 8, 16, 2, 3, 4, 8, 16 };
static int sfa(int f) { return f >= 6; }

/* The half kernels: stores (all spaces, both source types, every rounding)
 * and loads (every space). */
static char *half_source(void) {
	size_t cap = 1 << 20, len = 0;
	char *s = malloc(cap);
	len += sprintf(s + len, "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n#define HSPAN %d\n", HSPAN);
	const char *spaces[3] = { "global", "local", "private" };
	for (int ft = 0; ft < 2; ft++) {
		const char *F = ft ? "double" : "float";
		len += sprintf(s + len, "kernel void hstore_%s(global const %s *in, global ushort *o) {\n"
			"  local ushort l[HSPAN] __attribute__((aligned(32)));\n"
			"  private ushort pv[HSPAN] __attribute__((aligned(32)));\n", F, F);
		int region = 0;
		for (int sp = 0; sp < 3; sp++)
			for (int r = 0; r < 5; r++)
				for (int f = 0; f < NSF; f++, region++) {
					int n = sfn[f];
					char base[32];
					if (sp == 0) snprintf(base, sizeof base, "o + %d * HSPAN", region);
					else snprintf(base, sizeof base, "%s", sp == 1 ? "l" : "pv");
					/* local / private: copy the region in, store, copy it out */
					if (sp) len += sprintf(s + len, "  for (int k = 0; k < HSPAN; k++) %s[k] = o[%d * HSPAN + k];\n", base, region);
					len += sprintf(s + len, "  for (int i = 0; i < %d; i++) ", HB);
					char vec[64];
					if (n == 1) snprintf(vec, sizeof vec, "in[i]");
					else snprintf(vec, sizeof vec, "vload%d(i, in)", n);
					len += sprintf(s + len, "vstore%s_half%.0d%s(%s, i, (%s half *)(%s + %s));\n", sfa(f) ? "a" : "",
						n == 1 ? 0 : n, rnd[r], vec, spaces[sp], base, sfa(f) ? "0" : "1");
					if (sp) len += sprintf(s + len, "  for (int k = 0; k < HSPAN; k++) o[%d * HSPAN + k] = %s[k];\n", region, base);
				}
		len += sprintf(s + len, "}\n");
	}
	/* loads: vload_half[n] and vloada_half[n] of h + i (every bit pattern in
	 * global and constant memory, the first 1024 in local and private) */
	const char *lspaces[4] = { "global", "constant", "local", "private" };
	len += sprintf(s + len, "kernel void hload(global const ushort *h, constant ushort *hc, global float *o) {\n"
		"  local ushort l[1040] __attribute__((aligned(32)));\n"
		"  size_t i = get_global_id(0);\n  if (get_local_id(0) == 0) for (int k = 0; k < 1040; k++) l[k] = h[k];\n"
		"  barrier(CLK_LOCAL_MEM_FENCE);\n  private ushort pv[17]; for (int k = 0; k < 17; k++) pv[k] = h[(i & 1023) + k];\n");
	for (int sp = 0; sp < 4; sp++) {
		char p[64];
		snprintf(p, sizeof p, "(%s half *)%s", lspaces[sp], sp == 0 ? "h" : sp == 1 ? "hc" : sp == 2 ? "l" : "pv");
		const char *off = sp == 3 ? "0" : sp == 2 ? "(i & 1023)" : "i";
		int lim = sp >= 2; /* local, private: the first 1024 patterns */
		len += sprintf(s + len, "  if (%s) {\n", lim ? "i < 1024" : "1");
		/* out[(sp·11 + f)·65536 + i·?]: scalar → element i; vector n → elements i … i + n - 1 of pattern i */
		for (int f = 0; f < NSF; f++) {
			int n = sfn[f];
			if (n == 1)
				len += sprintf(s + len, "    o[%d * 65552 + i] = vload_half(0, %s + %s);\n", sp * NSF + f, p, off);
			else if (!sfa(f))
				len += sprintf(s + len, "    if (i %% %d == 0) vstore%d(vload_half%d(0, %s + %s), i / %d, o + %d * 65552);\n", n, n,
					n, p, off, n, sp * NSF + f);
			else if (sp != 3)
				len += sprintf(s + len, "    if (i %% %d == 0) vstore%d(vloada_half%d(0, %s + %s), 0, o + %d * 65552 + i);\n",
					n == 3 ? 4 : n, n, n, p, off, sp * NSF + f);
		}
		len += sprintf(s + len, "  }\n");
	}
	len += sprintf(s + len, "}\n");
	return s;
}

/* Float / double inputs next to half rounding boundaries and limits. */
static void half_inputs(double *in, int count) {
	for (int i = 0; i < count; i++) {
		uint64_t r = next();
		uint16_t h = (uint16_t)(r % 0x7c00);
		double lo = h2d(h), hi = h == 0x7bff ? 65520.0 : h2d(h + 1), mid = (lo + hi) / 2, x;
		switch ((r >> 20) % 8) {
		case 0: x = mid; break;
		case 1: x = nextafter(mid, 0); break;
		case 2: x = nextafter(mid, INFINITY); break;
		case 3: x = lo; break;
		case 4: x = nextafterf((float)mid, 0); break;
		case 5: x = ldexp((double)(r >> 11), (int)((r >> 40) % 60) - 90); break;
		case 6: { static const double sp[] = { 65504, 65519.99, 65520, 65535, 1e6, INFINITY, NAN, 0x1p-25, 0x1.8p-25,
			0x1p-26, 0x1p-14, 0x1.ff8p-15, 0, 5.9604644775390625e-8 }; x = sp[(r >> 30) % 14]; break; }
		default: x = lo + (hi - lo) * ((r >> 11) * 0x1p-53); break;
		}
		in[i] = (r >> 60) & 1 ? -x : x;
	}
}

static void test_half(cl_program p, const char *std) {
	cl_int err;
	/* stores */
	int nregion = 3 * 5 * NSF, count = HB * 16;
	for (int ft = 0; ft < 2; ft++) {
		double in[HB * 16];
		float inf_[HB * 16];
		half_inputs(in, count);
		for (int i = 0; i < count; i++) { inf_[i] = (float)in[i]; if (!ft) in[i] = inf_[i]; }
		uint16_t *o = malloc((size_t)nregion * HSPAN * 2);
		for (int i = 0; i < nregion * HSPAN; i++) o[i] = 0xdead;
		cl_mem I = buf(count * (ft ? 8 : 4), ft ? (void *)in : (void *)inf_), O = buf((size_t)nregion * HSPAN * 2, o);
		char name[32];
		snprintf(name, sizeof name, "hstore_%s", ft ? "double" : "float");
		cl_kernel k = clCreateKernel(p, name, &err);
		CHECK_OK(err);
		CHECK_OK(clSetKernelArg(k, 0, sizeof I, &I));
		CHECK_OK(clSetKernelArg(k, 1, sizeof O, &O));
		size_t one = 1;
		CHECK_OK(clEnqueueNDRangeKernel(env.queue, k, 1, NULL, &one, NULL, 0, NULL, NULL));
		CHECK_OK(clEnqueueReadBuffer(env.queue, O, CL_TRUE, 0, (size_t)nregion * HSPAN * 2, o, 0, NULL, NULL));
		long bad = 0;
		int region = 0;
		for (int sp = 0; sp < 3; sp++)
			for (int r = 0; r < 5; r++)
				for (int f = 0; f < NSF; f++, region++) {
					int n = sfn[f], stride = sfa(f) && n == 3 ? 4 : n, start = sfa(f) ? 0 : 1;
					uint16_t want[HSPAN];
					for (int i = 0; i < HSPAN; i++) want[i] = 0xdead;
					for (int b = 0; b < HB; b++)
						for (int j = 0; j < n; j++) want[start + b * stride + j] = ref_half(in[b * n + j], r);
					for (int i = 0; i < HSPAN; i++) {
						uint16_t g = o[region * HSPAN + i];
						int ok = g == want[i] || ((g & 0x7fff) > 0x7c00 && (want[i] & 0x7fff) > 0x7c00 && want[i] != 0xdead);
						if (!ok && bad++ < 5)
							fprintf(stderr, "%s vstore%s_half%d%s(%s, space %d) element %d: got %04x, want %04x\n", std,
								sfa(f) ? "a" : "", n, rnd[r], ft ? "double" : "float", sp, i, g, want[i]);
					}
				}
		CHECK(bad == 0);
		clReleaseKernel(k);
		clReleaseMemObject(I); clReleaseMemObject(O);
		free(o);
	}
	/* loads */
	uint16_t *h = malloc(65552 * 2);
	for (int i = 0; i < 65552; i++) h[i] = (uint16_t)i;
	size_t osz = (size_t)4 * NSF * 65552 * 4;
	float *o = malloc(osz);
	memset(o, 0xff, osz);
	cl_mem H = buf(65552 * 2, h), HC = buf(65552 * 2, h), O = buf(osz, o);
	cl_kernel k = clCreateKernel(p, "hload", &err);
	CHECK_OK(err);
	CHECK_OK(clSetKernelArg(k, 0, sizeof H, &H));
	CHECK_OK(clSetKernelArg(k, 1, sizeof HC, &HC));
	CHECK_OK(clSetKernelArg(k, 2, sizeof O, &O));
	size_t gs = 65536, ls = 64;
	CHECK_OK(clEnqueueNDRangeKernel(env.queue, k, 1, NULL, &gs, &ls, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(env.queue, O, CL_TRUE, 0, osz, o, 0, NULL, NULL));
	long bad = 0;
	for (int sp = 0; sp < 4; sp++)
		for (int f = 0; f < NSF; f++) {
			if (sp == 3 && sfa(f)) continue; /* the private copy is not vector-aligned */
			int n = sfn[f], lim = sp >= 2 ? 1024 : 65536;
			for (int i = 0; i < lim; i++) {
				/* scalar: element i is pattern i; vload_halfn(0, p + i) for i % n == 0
				 * (stored as vector i / n): elements i … i + n - 1 hold patterns i + j */
				int step = n == 1 ? 1 : sfa(f) && n == 3 ? 4 : n;
				if (i % step) continue;
				for (int j = 0; j < n; j++) {
					int pat = sp == 3 ? (i & 1023) + j : sp == 2 ? (i & 1023) + j : i + j;
					double want = h2d((uint16_t)pat);
					float got = o[(size_t)(sp * NSF + f) * 65552 + i + j];
					int ok = isnan(want) ? isnan(got) : got == want && !signbit(got) == !signbit(want);
					if (!ok && bad++ < 5)
						fprintf(stderr, "%s vload%s_half%d (space %d) of %04x: got %a, want %a\n", std, sfa(f) ? "a" : "",
							n, sp, pat, got, want);
				}
			}
		}
	CHECK(bad == 0);
	clReleaseKernel(k);
	clReleaseMemObject(H); clReleaseMemObject(HC); clReleaseMemObject(O);
	free(h); free(o);
}

int main(void) {
	env = test_setup();
	char *hs = half_source();
	const char *stds[2] = { "-cl-std=CL1.2", "-cl-std=CL3.0" };
	for (int s = 0; s < 2; s++) {
		cl_program p = build(vsrc, stds[s]);
		test_vloadstore(p, stds[s]);
		clReleaseProgram(p);
		p = build(hs, stds[s]);
		test_half(p, stds[s]);
		clReleaseProgram(p);
	}
	free(hs);
	test_teardown(&env);
	return check_done();
}
