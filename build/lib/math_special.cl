/* Math builtins without a glibc counterpart (or with a weaker one), written
 * on top of libm with the extra precision they need: acospi, asinpi, atanpi,
 * atan2pi, sinpi, cospi, tanpi, pown, powr, rootn, remquo (7 quotient bits,
 * where glibc gives 3) and cbrt for double (glibc: up to 4 ulp, the bound
 * is 2). The float forms compute in double and round once. */
#include "math.h"

/* The larger functions stay calls (noinline): they call libm anyway, and
 * sixteen inlined copies in a float16 form only cost compile time. */
#define NOINL __attribute__((noinline))

LIBM1D(acos) LIBM1D(asin) LIBM1D(atan) LIBM2D(atan2) LIBM2D(pow) LIBM1D(tan) LIBM1D(cbrt)
LIBM2D(remainder) LIBM2D(fmod)
void __libm_sincos(double, double *, double *) __asm__("sincos");

/* π and 1/π as double-double */
#define PI_H 0x1.921fb54442d18p+1
#define PI_L 0x1.1a62633145c07p-53
#define INVPI_H 0x1.45f306dc9c883p-2
#define INVPI_L -0x1.6b01ec5417056p-56

/* a / π with an error of about half an ulp (and the sign of a zero) */
INL double div_pi(double a) {
	double p = a * INVPI_H;
	double c = __builtin_fma(a, INVPI_H, -p) + a * INVPI_L;
	return a == 0 ? a : p + c;
}

OVL double acospi(double x) { return div_pi(__libm_acos(x)); }
OVL double asinpi(double x) { return div_pi(__libm_asin(x)); }
OVL double atanpi(double x) { return div_pi(__libm_atan(x)); }
OVL double atan2pi(double y, double x) { return div_pi(__libm_atan2(y, x)); }
OVL float acospi(float x) { return (float)acospi((double)x); }
OVL float asinpi(float x) { return (float)asinpi((double)x); }
OVL float atanpi(float x) { return (float)atanpi((double)x); }
OVL float atan2pi(float y, float x) { return (float)atan2pi((double)y, (double)x); }

/* sin and cos of π·r, |r| ≤ 1/4: π·r as hi + lo, then first-order corrections
 * for lo (cos(hi) and sin(hi) approximated to a few digits: lo is 2^-53 of hi). */
INL void sincospi_core(double r, double *s, double *c) {
	double hi = r * PI_H;
	double lo = __builtin_fma(r, PI_H, -hi) + r * PI_L;
	double sh, ch;
	__libm_sincos(hi, &sh, &ch);
	double h2 = hi * hi;
	*s = sh + lo * (1 - 0.5 * h2 + h2 * h2 * (1.0 / 24));
	*c = ch - lo * (hi - hi * h2 * (1.0 / 6));
}

NOINL OVL double sinpi(double x) {
	double ax = __builtin_fabs(x);
	if (!(ax < INFINITY))
		return x - x; /* NaN */
	if (ax >= 0x1p52)
		return __builtin_copysign(0.0, x); /* an integer */
	double n = __builtin_rint(2 * x); /* x = n/2 + r, |r| ≤ 1/4, exactly */
	double r = x - 0.5 * n;
	double s, c;
	sincospi_core(r, &s, &c);
	long k = (long)n & 3;
	double v = k == 0 ? s : k == 1 ? c : k == 2 ? -s : -c;
	return v == 0 ? __builtin_copysign(0.0, x) : v; /* sinpi(±n) = ±0 */
}

NOINL OVL double cospi(double x) {
	double ax = __builtin_fabs(x);
	if (!(ax < INFINITY))
		return x - x;
	if (ax >= 0x1p53)
		return 1; /* an even integer */
	if (ax >= 0x1p52)
		return ((long)ax & 1) ? -1.0 : 1.0;
	double n = __builtin_rint(2 * x);
	double r = x - 0.5 * n;
	double s, c;
	sincospi_core(r, &s, &c);
	long k = (long)n & 3;
	double v = k == 0 ? c : k == 1 ? -s : k == 2 ? -c : s;
	return v + 0.0; /* cospi(n + 0.5) = +0 */
}

NOINL OVL double tanpi(double x) {
	double ax = __builtin_fabs(x);
	if (!(ax < INFINITY))
		return x - x;
	if (ax >= 0x1p52) { /* an integer */
		int odd = ax < 0x1p53 && ((long)ax & 1);
		return __builtin_copysign(0.0, odd ? -x : x);
	}
	double n = __builtin_rint(x); /* x = n + r, |r| ≤ 1/2 */
	double r = x - n;
	if (r == 0) /* tanpi(n) = copysign(0, n) for even n, copysign(0, -n) for odd n */
		return __builtin_copysign(0.0, ((long)n & 1) ? -x : x);
	double ar = __builtin_fabs(r);
	if (ar == 0.5) /* +inf at n + 0.5 for even n, -inf for odd n */
		return __builtin_copysign((double)INFINITY, r);
	int cot = ar > 0.25;
	double s = cot ? __builtin_copysign(0.5, r) - r : r; /* tan(π r) = cot(π s) */
	double hi = s * PI_H;
	double lo = __builtin_fma(s, PI_H, -hi) + s * PI_L;
	double t = __libm_tan(hi);
	t = t + lo * (1 + t * t);
	return cot ? 1 / t : t;
}

OVL float sinpi(float x) { return (float)sinpi((double)x); }
OVL float cospi(float x) { return (float)cospi((double)x); }
OVL float tanpi(float x) { return (float)tanpi((double)x); }

/* pown: pow with an integer exponent; pow's special cases for integral y
 * are pown's (pown(x, 0) = 1 for any x, pown(±0, odd n < 0) = ±inf …). */
OVL double pown(double x, int n) { return __libm_pow(x, (double)n); }
OVL float pown(float x, int n) { return (float)__libm_pow((double)x, (double)n); }

/* powr: x^y for x ≥ 0, defined as exp2(y * log2(x)); its own special cases. */
NOINL OVL double powr(double x, double y) {
	if (x != x || y != y || x < 0)
		return NAN;
	double ay = __builtin_fabs(y);
	if (x == 0) {
		if (y == 0)
			return NAN;
		return y < 0 ? (double)INFINITY : 0.0;
	}
	if (x == INFINITY) {
		if (y == 0)
			return NAN;
		return y < 0 ? 0.0 : (double)INFINITY;
	}
	if (x == 1)
		return ay == INFINITY ? (double)NAN : 1.0;
	if (y == 0)
		return 1;
	return __libm_pow(x, y);
}
OVL float powr(float x, float y) { return (float)powr((double)x, (double)y); }

/* rootn: x^(1/n). Float: pow in double is plenty. Double: pow(x, 1/n) is
 * off by up to |ln x|/n · 2^-53 relative (1/n rounded), so for small n one
 * Newton step on y^n = x, with y^n in double-double, makes it ≤ 1 ulp. */
INL double rootn_special(double x, int n, int *done) {
	*done = 1;
	if (n == 0 || x != x || (x < 0 && !(n & 1)))
		return NAN;
	if (x == 0) {
		if (n < 0)
			return (n & 1) ? __builtin_copysign((double)INFINITY, x) : (double)INFINITY;
		return (n & 1) ? x : 0.0;
	}
	if (__builtin_fabs(x) == INFINITY) {
		if (n < 0)
			return (n & 1) ? __builtin_copysign(0.0, x) : 0.0;
		return (n & 1) ? x : (double)INFINITY;
	}
	*done = 0;
	return 0;
}

NOINL OVL float rootn(float x, int n) {
	int done;
	double r = rootn_special(x, n, &done);
	if (done)
		return (float)r;
	double ax = __builtin_fabs((double)x);
	return (float)__builtin_copysign(__libm_pow(ax, 1.0 / (double)n), (double)x);
}

/* y^m in double-double, m ≥ 1 */
INL gocl_dd dd_pow(double y, int m) {
	gocl_dd r = {1, 0}, b = {y, 0};
	for (;;) {
		if (m & 1)
			r = gocl_dd_mul(r, b);
		m >>= 1;
		if (!m)
			return r;
		b = gocl_dd_mul(b, b);
	}
}

/* The m-th root (2 ≤ m < 128) of x > 0, finite, to about half an ulp. */
INL double root_refined(double x, int m) {
	int e = __builtin_ilogb(x);
	int k = e >= 0 ? e / m : -((-e + m - 1) / m); /* floor(e / m) */
	double xs = __builtin_ldexp(x, -k * m);      /* [1, 2^m), exact */
	double y = __libm_pow(xs, 1.0 / m);
	gocl_dd p = dd_pow(y, m);
	double d = (p.hi - xs) + p.lo; /* p.hi - xs is exact (Sterbenz) */
	y = y - y * d / (m * p.hi);
	return __builtin_ldexp(y, k);
}

NOINL OVL double rootn(double x, int n) {
	int done;
	double r = rootn_special(x, n, &done);
	if (done)
		return r;
	if (n == 1)
		return x;
	if (n == -1)
		return 1 / x;
	double ax = __builtin_fabs(x);
	long m = n < 0 ? -(long)n : n;
	double y;
	if (m < 128) {
		y = root_refined(ax, (int)m);
		if (n < 0)
			y = 1 / y;
	} else {
		y = __libm_pow(ax, 1.0 / (double)n);
	}
	return __builtin_copysign(y, x);
}

/* cbrt double: glibc's, refined by a Newton step like rootn. */
NOINL OVL double cbrt(double x) {
	double ax = __builtin_fabs(x);
	if (ax == 0 || !(ax < INFINITY))
		return x + x;
	return __builtin_copysign(root_refined(ax, 3), x);
}

/* remquo: the remainder (exact, glibc) and the 7 low bits of the quotient
 * rounded to nearest even, with the sign of x/y. The quotient's low bits
 * come from fmod(|x|, 128|y|), which keeps them (and its parity). */
NOINL OVL double remquo(double x, double y, int *quo) {
	if (x != x || y != y || __builtin_fabs(x) == INFINITY || y == 0) {
		*quo = 0;
		return NAN;
	}
	double r = __libm_remainder(x, y);
	double ax = __builtin_fabs(x), ay = __builtin_fabs(y);
	int q = 0;
	if (ay != INFINITY) {
		double a = ay <= 0x1p1015 ? __libm_fmod(ax, 128 * ay) : ax; /* [0, 128|y|) */
		double ra = x < 0 ? -r : r; /* remainder(a, |y|) */
		if (ay > 0x1p1015) { /* keep a - ra finite */
			a *= 0.25;
			ra *= 0.25;
			ay *= 0.25;
		}
		q = (int)__builtin_rint((a - ra) / ay) & 0x7f;
	}
	*quo = ((x < 0) != (y < 0)) ? -q : q;
	return r;
}
OVL float remquo(float x, float y, int *quo) { return (float)remquo((double)x, (double)y, quo); }

/* ---- vector forms and address spaces ---- */
#define V1FD(F) VEC1(F, float, float) VEC1(F, double, double)
V1FD(acospi) V1FD(asinpi) V1FD(atanpi) V1FD(sinpi) V1FD(cospi) V1FD(tanpi)
VEC1(cbrt, double, double)
#define V2FD(F) VEC2(F, float, float, float) VEC2(F, double, double, double)
V2FD(atan2pi) V2FD(powr)
VEC2(pown, float, float, int) VEC2(pown, double, double, int)
VEC2(rootn, float, float, int) VEC2(rootn, double, double, int)
VECP2(remquo, float, float, int) VECP2(remquo, double, double, int)
ASP2(remquo, float, float, int)
ASP2(remquo, double, double, int)
