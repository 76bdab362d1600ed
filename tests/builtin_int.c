/* The OpenCL C integer builtins (OpenCL C 3.0 "Integer Functions") for
 * char … ulong: each function runs on the device over arrays of inputs (the
 * type's extremes, ±1, 0, powers of two and random values) as a scalar and
 * as vectors of 2, 3, 4, 8 and 16, and is compared exactly with a reference
 * computed on the host in 128-bit arithmetic. The vector forms with scalar
 * arguments (clamp, max, min) are checked too, and mul24 / mad24 on
 * operands within 24 bits. One program holds every kernel. */
#include "check.h"

enum { GROUP = 48, ITEMS = 128, E = GROUP * ITEMS, NW = 6 };
static const int widths[NW] = { 1, 2, 3, 4, 8, 16 };

/* Each kernel computes F over E elements with every width: results of
 * width widths[w] go to o[w * E …]. F gets the vector (or scalar) operands
 * x, y, z and the scalars ys, zs (the first lanes' b and c). */
static const char *src =
	"#define VL(W, WI, F) for (int i = 0; i < 48; i += W) vstore##W(F(vload##W(0, a + g + i), vload##W(0, b + g + i),"
	"  vload##W(0, c + g + i), b[g + i], c[g + i]), 0, o + WI * n + g + i);\n"
	"#define K(NAME, T, BT, CT, RT, F) kernel void NAME(global const T *a, global const BT *b, global const CT *c, global RT *o) {"
	"  size_t g = get_global_id(0) * 48, n = get_global_size(0) * 48;"
	"  for (int i = 0; i < 48; i++) o[g + i] = F(a[g + i], b[g + i], c[g + i], b[g + i], c[g + i]);"
	"  VL(2, 1, F) VL(3, 2, F) VL(4, 3, F) VL(8, 4, F) VL(16, 5, F) }\n"
	"#define F_abs(x, y, z, ys, zs) abs(x)\n"
	"#define F_abs_diff(x, y, z, ys, zs) abs_diff(x, y)\n"
	"#define F_add_sat(x, y, z, ys, zs) add_sat(x, y)\n"
	"#define F_sub_sat(x, y, z, ys, zs) sub_sat(x, y)\n"
	"#define F_hadd(x, y, z, ys, zs) hadd(x, y)\n"
	"#define F_rhadd(x, y, z, ys, zs) rhadd(x, y)\n"
	"#define F_clamp(x, y, z, ys, zs) clamp(x, min(y, z), max(y, z))\n"
	"#define F_clamps(x, y, z, ys, zs) clamp(x, min(ys, zs), max(ys, zs))\n"
	"#define F_clz(x, y, z, ys, zs) clz(x)\n"
	"#define F_ctz(x, y, z, ys, zs) ctz(x)\n"
	"#define F_popcount(x, y, z, ys, zs) popcount(x)\n"
	"#define F_mad_hi(x, y, z, ys, zs) mad_hi(x, y, z)\n"
	"#define F_mad_sat(x, y, z, ys, zs) mad_sat(x, y, z)\n"
	"#define F_max(x, y, z, ys, zs) max(x, y)\n"
	"#define F_maxs(x, y, z, ys, zs) max(x, ys)\n"
	"#define F_min(x, y, z, ys, zs) min(x, y)\n"
	"#define F_mins(x, y, z, ys, zs) min(x, ys)\n"
	"#define F_mul_hi(x, y, z, ys, zs) mul_hi(x, y)\n"
	"#define F_rotate(x, y, z, ys, zs) rotate(x, y)\n"
	"#define F_upsample(x, y, z, ys, zs) upsample(x, y)\n"
	"#define F_mul24(x, y, z, ys, zs) mul24(x, y)\n"
	"#define F_mad24(x, y, z, ys, zs) mad24(x, y, z)\n"
	"#define ALL(T, UT) K(abs_##T, T, T, T, UT, F_abs) K(abs_diff_##T, T, T, T, UT, F_abs_diff)"
	"  K(add_sat_##T, T, T, T, T, F_add_sat) K(sub_sat_##T, T, T, T, T, F_sub_sat) K(hadd_##T, T, T, T, T, F_hadd)"
	"  K(rhadd_##T, T, T, T, T, F_rhadd) K(clamp_##T, T, T, T, T, F_clamp) K(clamps_##T, T, T, T, T, F_clamps)"
	"  K(clz_##T, T, T, T, T, F_clz) K(ctz_##T, T, T, T, T, F_ctz) K(popcount_##T, T, T, T, T, F_popcount)"
	"  K(mad_hi_##T, T, T, T, T, F_mad_hi) K(mad_sat_##T, T, T, T, T, F_mad_sat) K(max_##T, T, T, T, T, F_max)"
	"  K(maxs_##T, T, T, T, T, F_maxs) K(min_##T, T, T, T, T, F_min) K(mins_##T, T, T, T, T, F_mins)"
	"  K(mul_hi_##T, T, T, T, T, F_mul_hi) K(rotate_##T, T, T, T, T, F_rotate)\n"
	"ALL(char, uchar) ALL(uchar, uchar) ALL(short, ushort) ALL(ushort, ushort)\n"
	"ALL(int, uint) ALL(uint, uint) ALL(long, ulong) ALL(ulong, ulong)\n"
	"K(upsample_char, char, uchar, char, short, F_upsample) K(upsample_uchar, uchar, uchar, char, ushort, F_upsample)\n"
	"K(upsample_short, short, ushort, char, int, F_upsample) K(upsample_ushort, ushort, ushort, char, uint, F_upsample)\n"
	"K(upsample_int, int, uint, char, long, F_upsample) K(upsample_uint, uint, uint, char, ulong, F_upsample)\n"
	"K(mul24_int, int, int, int, int, F_mul24) K(mul24_uint, uint, uint, uint, uint, F_mul24)\n"
	"K(mad24_int, int, int, int, int, F_mad24) K(mad24_uint, uint, uint, uint, uint, F_mad24)\n";

typedef __int128 i128;
typedef unsigned __int128 u128;

/* Integer types: index, OpenCL name, size, signedness. */
typedef struct { const char *name; int size, sgn; } itype;
static const itype types[8] = {
	{ "char", 1, 1 }, { "uchar", 1, 0 }, { "short", 2, 1 }, { "ushort", 2, 0 },
	{ "int", 4, 1 }, { "uint", 4, 0 }, { "long", 8, 1 }, { "ulong", 8, 0 },
};
static i128 tmin(int t) { return types[t].sgn ? -((i128)1 << (types[t].size * 8 - 1)) : 0; }
static i128 tmax(int t) {
	return types[t].sgn ? ((i128)1 << (types[t].size * 8 - 1)) - 1 : ((i128)1 << (types[t].size * 8)) - 1;
}
static int bits(int t) { return types[t].size * 8; }
/* v wrapped into type t (two's complement). */
static i128 wrap(i128 v, int t) {
	int b = bits(t);
	u128 m = ((u128)1 << b) - 1, u = (u128)v & m;
	if (types[t].sgn && (u >> (b - 1))) return (i128)u - ((i128)1 << b);
	return (i128)u;
}
static i128 sat(i128 v, int t) { return v < tmin(t) ? tmin(t) : v > tmax(t) ? tmax(t) : v; }
static i128 get(const void *buf, int t, size_t i) {
	const char *p = (const char *)buf + i * types[t].size;
	switch (t) {
	case 0: return *(const int8_t *)p;
	case 1: return *(const uint8_t *)p;
	case 2: return *(const int16_t *)p;
	case 3: return *(const uint16_t *)p;
	case 4: return *(const int32_t *)p;
	case 5: return *(const uint32_t *)p;
	case 6: return *(const int64_t *)p;
	default: return *(const uint64_t *)p;
	}
}
static void put(void *buf, int t, size_t i, i128 v) {
	memcpy((char *)buf + i * types[t].size, &v, types[t].size); /* little endian: the low bytes */
}
static u128 ubits(i128 v, int t) { return (u128)v & (((u128)1 << bits(t)) - 1); }

/* ---- references: the exact result (in the result type's range) ---- */
enum fid { ABS, ABS_DIFF, ADD_SAT, SUB_SAT, HADD, RHADD, CLAMP, CLAMPS, CLZ, CTZ, POPCOUNT, MAD_HI, MAD_SAT,
	MAX, MAXS, MIN, MINS, MUL_HI, ROTATE, NFUNC, UPSAMPLE = NFUNC, MUL24, MAD24 };
static const char *fnames[] = { "abs", "abs_diff", "add_sat", "sub_sat", "hadd", "rhadd", "clamp", "clamps", "clz",
	"ctz", "popcount", "mad_hi", "mad_sat", "max", "maxs", "min", "mins", "mul_hi", "rotate",
	"upsample", "mul24", "mad24" };

static i128 mulhi(i128 x, i128 y, int t) {
	int b = bits(t);
	if (types[t].sgn) return (x * y) >> b; /* |x·y| < 2^126: exact; >> floors */
	return (i128)(((u128)x * (u128)y) >> b);
}
static i128 ref(int f, int t, i128 x, i128 y, i128 z, i128 ys, i128 zs) {
	int b = bits(t);
	switch (f) {
	case ABS: return x < 0 ? -x : x;
	case ABS_DIFF: return x > y ? x - y : y - x;
	case ADD_SAT: return sat(x + y, t);
	case SUB_SAT: return sat(x - y, t);
	case HADD: return (x + y) >> 1;
	case RHADD: return (x + y + 1) >> 1;
	case CLAMP: case CLAMPS: {
		if (f == CLAMPS) y = ys, z = zs;
		i128 lo = y < z ? y : z, hi = y < z ? z : y;
		return x < lo ? lo : x > hi ? hi : x;
	}
	case CLZ: { u128 u = ubits(x, t); int n = 0; for (int i = b - 1; i >= 0 && !((u >> i) & 1); i--) n++; return n; }
	case CTZ: { u128 u = ubits(x, t); int n = 0; for (int i = 0; i < b && !((u >> i) & 1); i++) n++; return n; }
	case POPCOUNT: { u128 u = ubits(x, t); int n = 0; for (int i = 0; i < b; i++) n += (u >> i) & 1; return n; }
	case MAD_HI: return wrap(mulhi(x, y, t) + z, t);
	case MAD_SAT:
		if (types[t].sgn) return sat(x * y + z, t);
		{ u128 p = (u128)x * (u128)y + (u128)z; return p > (u128)tmax(t) ? tmax(t) : (i128)p; }
	case MAX: return x > y ? x : y;
	case MAXS: return x > ys ? x : ys;
	case MIN: return x < y ? x : y;
	case MINS: return x < ys ? x : ys;
	case MUL_HI: return mulhi(x, y, t);
	case ROTATE: {
		u128 u = ubits(x, t), m = ((u128)1 << b) - 1;
		int k = (int)(ubits(y, t) % b);
		return wrap((i128)(((u << k) | (u >> ((b - k) % b))) & m), t);
	}
	case UPSAMPLE: return wrap((i128)((ubits(x, t) << b) | ubits(y, t)), t + 2); /* t + 2: the type twice as wide */
	case MUL24: return wrap(x * y, t);
	case MAD24: return wrap(x * y + z, t);
	}
	return 0;
}

/* Inputs: extremes and small values first, then random bits of random lengths. */
static uint64_t rng = 0x243f6a8885a308d3ull;
static uint64_t next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }
static void fill(void *buf, int t, int which) {
	i128 special[] = { 0, 1, -1, 2, -2, tmin(t), tmax(t), tmin(t) + 1, tmax(t) - 1, tmax(t) / 2, tmax(t) / 2 + 1, 3, 7 };
	int ns = sizeof special / sizeof special[0];
	for (size_t i = 0; i < E; i++) {
		i128 v;
		/* the special values meet each other: a cycles fastest, b by ns, c by ns² */
		size_t k = which == 0 ? i : which == 1 ? i / ns : i / (ns * ns);
		if (i < (size_t)ns * ns * ns) v = special[k % ns];
		else { uint64_t r = next(); v = (i128)(r >> (r % 64)); if (r & 1) v = -v; }
		put(buf, t, i, wrap(v, t));
	}
}

int main(void) {
	test_env env = test_setup();
	cl_int err;
	cl_program prog = clCreateProgramWithSource(env.context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	err = clBuildProgram(prog, 1, &env.device, "-cl-std=CL3.0", NULL, NULL); /* ctz is 2.0 */
	if (err != CL_SUCCESS) {
		static char log[1 << 16];
		clGetProgramBuildInfo(prog, env.device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
		fprintf(stderr, "build failed (%d):\n%s\n", err, log);
		return 1;
	}
	void *a = malloc(E * 8), *b = malloc(E * 8), *c = malloc(E * 8), *o = malloc((size_t)E * 8 * NW);
	cl_mem A = clCreateBuffer(env.context, CL_MEM_READ_ONLY, E * 8, NULL, &err);
	cl_mem B = clCreateBuffer(env.context, CL_MEM_READ_ONLY, E * 8, NULL, &err);
	cl_mem C = clCreateBuffer(env.context, CL_MEM_READ_ONLY, E * 8, NULL, &err);
	cl_mem O = clCreateBuffer(env.context, CL_MEM_WRITE_ONLY, (size_t)E * 8 * NW, NULL, &err);
	REQUIRE_OK(err);
	int nkernels = 0;
	long total_bad = 0, total = 0;
	for (int f = 0; f < NFUNC + 3; f++) {
		for (int t = 0; t < 8; t++) {
			int at = t, bt = t, ct = t, rt = t;
			if (f == UPSAMPLE) {
				if (t >= 6) continue;
				bt = t | 1; ct = 0; rt = t + 2;
			} else if (f == MUL24 || f == MAD24) {
				if (t != 4 && t != 5) continue;
			} else if (f == ABS || f == ABS_DIFF) rt = t | 1;
			fill(a, at, 0); fill(b, bt, 1); fill(c, ct, 2);
			if (f == MUL24 || f == MAD24) /* operands within 24 bits whose product fits in 32 */
				for (size_t i = 0; i < E; i++) {
					i128 m = types[t].sgn ? 32767 : 65535;
					put(a, t, i, get(a, t, i) % (m + 1)); put(b, t, i, get(b, t, i) % (m + 1));
					put(c, t, i, get(c, t, i) % (m + 1));
				}
			char name[64];
			snprintf(name, sizeof name, "%s_%s", fnames[f], types[t].name);
			cl_kernel k = clCreateKernel(prog, name, &err);
			CHECK_OK(err);
			if (err) continue;
			nkernels++;
			CHECK_OK(clEnqueueWriteBuffer(env.queue, A, CL_FALSE, 0, E * types[at].size, a, 0, NULL, NULL));
			CHECK_OK(clEnqueueWriteBuffer(env.queue, B, CL_FALSE, 0, E * types[bt].size, b, 0, NULL, NULL));
			CHECK_OK(clEnqueueWriteBuffer(env.queue, C, CL_FALSE, 0, E * types[ct].size, c, 0, NULL, NULL));
			CHECK_OK(clSetKernelArg(k, 0, sizeof A, &A));
			CHECK_OK(clSetKernelArg(k, 1, sizeof B, &B));
			CHECK_OK(clSetKernelArg(k, 2, sizeof C, &C));
			CHECK_OK(clSetKernelArg(k, 3, sizeof O, &O));
			size_t gs = ITEMS;
			CHECK_OK(clEnqueueNDRangeKernel(env.queue, k, 1, NULL, &gs, NULL, 0, NULL, NULL));
			CHECK_OK(clEnqueueReadBuffer(env.queue, O, CL_TRUE, 0, (size_t)E * NW * types[rt].size, o, 0, NULL, NULL));
			clReleaseKernel(k);
			long bad = 0;
			for (int w = 0; w < NW; w++)
				for (size_t i = 0; i < E; i++) {
					size_t i0 = i - i % widths[w]; /* the lane the scalar arguments come from */
					i128 want = wrap(ref(f, at, get(a, at, i), get(b, bt, i), get(c, ct, i), get(b, bt, i0), get(c, ct, i0)), rt);
					i128 got = get(o, rt, (size_t)w * E + i);
					total++;
					if (got != want && bad++ < 3)
						fprintf(stderr, "%s width %d: x=%lld y=%lld z=%lld: got %lld, want %lld\n", name, widths[w],
							(long long)get(a, at, i), (long long)get(b, bt, i), (long long)get(c, ct, i),
							(long long)got, (long long)want);
				}
			CHECK(bad == 0);
			total_bad += bad;
		}
	}
	CHECK(nkernels == NFUNC * 8 + 6 + 4);
	printf("%d kernels, %ld results, %ld wrong\n", nkernels, total, total_bad);
	clReleaseMemObject(A); clReleaseMemObject(B); clReleaseMemObject(C); clReleaseMemObject(O);
	clReleaseProgram(prog);
	test_teardown(&env);
	free(a); free(b); free(c); free(o);
	return check_done();
}
