/* Long double references of the math builtins that have no C counterpart
 * (…pi, pown, powr, rootn …) or whose C counterpart does not follow the
 * OpenCL C special cases: shared by builtin_math.c (float, double) and
 * builtin_half.c (half). A reference that returns a value the
 * specification fixes sets g_exact. */
#ifndef GOCL_MATHREF_H
#define GOCL_MATHREF_H
#include <math.h>
#include <stdint.h>

typedef long double LD;

/* The random inputs of the math tests (xorshift64: the same sequence on
 * every run). */
static uint64_t rng = 0x9e3779b97f4a7c15ull;
static __attribute__((unused)) uint64_t next(void) {
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}


static int g_exact; /* set by a reference returning a value the specification fixes */
#define SPECIAL(v) do { g_exact = 1; return (v); } while (0)

static __attribute__((unused)) LD r_acospi(LD x) { return acosl(x) / M_PIl; }
static __attribute__((unused)) LD r_asinpi(LD x) { return asinl(x) / M_PIl; }
static __attribute__((unused)) LD r_atanpi(LD x) {
	if (isinf(x)) SPECIAL(copysignl(0.5L, x));
	if (x == 0) SPECIAL(x);
	return atanl(x) / M_PIl;
}
static __attribute__((unused)) LD r_atan2pi(LD y, LD x) {
	if (isnan(x) || isnan(y)) SPECIAL(NAN);
	if (y == 0) {
		if (signbit(x)) SPECIAL(copysignl(1, y));
		SPECIAL(y);
	}
	if (isinf(y)) {
		if (isinf(x)) SPECIAL(copysignl(x < 0 ? 0.75L : 0.25L, y));
		SPECIAL(copysignl(0.5L, y));
	}
	if (x == 0) SPECIAL(copysignl(0.5L, y));
	if (isinf(x)) SPECIAL(x < 0 ? copysignl(1, y) : copysignl(0, y));
	return atan2l(y, x) / M_PIl;
}
/* x = n + r, |r| ≤ 1/2, exactly */
static __attribute__((unused)) LD r_sinpi(LD x) {
	if (isinf(x) || isnan(x)) SPECIAL(NAN);
	LD n = rintl(x), r = x - n;
	if (r == 0) SPECIAL(copysignl(0, x));
	LD s = sinl(M_PIl * r);
	return fmodl(n, 2) != 0 ? -s : s;
}
static __attribute__((unused)) LD r_cospi(LD x) {
	if (isinf(x) || isnan(x)) SPECIAL(NAN);
	LD n = rintl(x), r = fabsl(x - n);
	if (r == 0.5L) SPECIAL(0.0L);
	LD c = sinl(M_PIl * (0.5L - r)); /* cos(πr) */
	if (r == 0) g_exact = 1;
	return fmodl(n, 2) != 0 ? -c : c;
}
static __attribute__((unused)) LD r_tanpi(LD x) {
	if (isinf(x) || isnan(x)) SPECIAL(NAN);
	LD n = rintl(x), r = x - n;
	int odd = fmodl(n, 2) != 0;
	if (r == 0) SPECIAL(copysignl(0, odd ? -x : x));
	if (fabsl(r) == 0.5L) { /* x = m + 0.5: +inf for even m, -inf for odd m */
		LD m = x - 0.5L;
		SPECIAL(fmodl(m, 2) != 0 ? -INFINITY : INFINITY);
	}
	if (fabsl(r) > 0.25L)
		return 1 / tanl(M_PIl * (copysignl(0.5L, r) - r));
	return tanl(M_PIl * r);
}
static __attribute__((unused)) LD r_rsqrt(LD x) { return 1 / sqrtl(x); }
static __attribute__((unused)) LD r_recip(LD x) { return 1 / x; }
static __attribute__((unused)) LD r_divide(LD x, LD y) { return x / y; }
static __attribute__((unused)) LD r_exp10(LD x) { return exp10l(x); }
static __attribute__((unused)) LD r_pown(LD x, int n) {
	if (n == 0) SPECIAL(1);
	if (x == 0) SPECIAL(n < 0 ? ((n & 1) ? copysignl(INFINITY, x) : INFINITY) : ((n & 1) ? x : 0.0L));
	return powl(x, n);
}
static __attribute__((unused)) LD r_powr(LD x, LD y) {
	if (isnan(x) || isnan(y) || x < 0) SPECIAL(NAN);
	if (x == 0) {
		if (y == 0) SPECIAL(NAN);
		SPECIAL(y < 0 ? INFINITY : 0.0L);
	}
	if (isinf(x)) {
		if (y == 0) SPECIAL(NAN);
		SPECIAL(y < 0 ? 0.0L : INFINITY);
	}
	if (x == 1) SPECIAL(isinf(y) ? NAN : 1.0L);
	if (y == 0) SPECIAL(1);
	return powl(x, y);
}
static __attribute__((unused)) LD r_rootn(LD x, int n) {
	if (n == 0 || isnan(x) || (x < 0 && !(n & 1))) SPECIAL(NAN);
	if (x == 0) {
		if (n < 0) SPECIAL((n & 1) ? copysignl(INFINITY, x) : INFINITY);
		SPECIAL((n & 1) ? x : 0.0L);
	}
	if (isinf(x)) {
		if (n < 0) SPECIAL((n & 1) ? copysignl(0, x) : 0.0L);
		SPECIAL((n & 1) ? x : INFINITY);
	}
	LD r = n == 2 ? sqrtl(fabsl(x)) : n == 3 ? cbrtl(fabsl(x)) : powl(fabsl(x), 1.0L / n);
	return copysignl(r, x);
}
static __attribute__((unused)) LD r_pow(LD x, LD y) { return powl(x, y); }
static __attribute__((unused)) LD r_lgamma(LD x) { return lgammal(x); }

#endif
