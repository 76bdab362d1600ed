/* OpenCL C printf (OpenCL C 3.0 s6.15.14): C99 conversions plus the vector
 * specifier %v<n><length><conversion>, whose elements are printed with the
 * same flags, width and precision, separated by commas.
 *
 * The kernel's call passes arguments with the x86-64 C variadic convention
 * (clang lowers OpenCL C and C the same way): float and half promoted to
 * double, char and short to int, vectors as the ext_vector_type they are,
 * which va_arg here reads with the same vector types.
 *
 * Each call is formatted into its own buffer and written with one fwrite:
 * stdio locks the stream per call, so the output of concurrent work-items
 * interleaves call by call, never within a call. The stream is flushed when
 * the command completes (gocl_pool_run in device/ndrange.go). Returns 0, or -1 if the format
 * is malformed or the output could not be written. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char *p;
	size_t len, cap;
	int failed;
	char inl[512];
} pbuf;

static void pb_grow(pbuf *b, size_t need) {
	if (b->failed || b->len + need < b->cap) return;
	size_t cap = b->cap * 2;
	while (cap <= b->len + need) cap *= 2;
	char *q = b->p == b->inl ? malloc(cap) : realloc(b->p, cap);
	if (!q) { b->failed = 1; return; }
	if (b->p == b->inl) memcpy(q, b->inl, b->len);
	b->p = q;
	b->cap = cap;
}

static void pb_put(pbuf *b, const char *s, size_t n) {
	pb_grow(b, n);
	if (b->failed) return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

/* Appends one conversion formatted by the C library: spec is a complete C
 * conversion specification taking at most one argument. */
__attribute__((format(printf, 2, 3)))
static void pb_fmt(pbuf *b, const char *spec, ...) {
	if (b->failed) return;
	for (int pass = 0; pass < 2; pass++) {
		va_list ap;
		va_start(ap, spec);
		size_t room = b->cap - b->len;
		int n = vsnprintf(b->p + b->len, room, spec, ap);
		va_end(ap);
		if (n < 0) { b->failed = 1; return; }
		if ((size_t)n < room) { b->len += (size_t)n; return; }
		pb_grow(b, (size_t)n + 1);
		if (b->failed) return;
	}
}

/* Vector types, as OpenCL C passes them. */
#define VT(T, name) \
	typedef T name##2 __attribute__((ext_vector_type(2))); \
	typedef T name##3 __attribute__((ext_vector_type(3))); \
	typedef T name##4 __attribute__((ext_vector_type(4))); \
	typedef T name##8 __attribute__((ext_vector_type(8))); \
	typedef T name##16 __attribute__((ext_vector_type(16)));
VT(signed char, v_c)
VT(short, v_s)
VT(int, v_i)
VT(long, v_l)
VT(_Float16, v_h)
VT(float, v_f)
VT(double, v_d)

/* Reads a vector of n elements of type name (a VT) into out (type OUT). */
#define READV(ap, name, n, out, OUT) do { \
	switch (n) { \
	case 2: { name##2 v = va_arg(ap, name##2); for (int k = 0; k < 2; k++) out[k] = (OUT)v[k]; } break; \
	case 3: { name##3 v = va_arg(ap, name##3); for (int k = 0; k < 3; k++) out[k] = (OUT)v[k]; } break; \
	case 4: { name##4 v = va_arg(ap, name##4); for (int k = 0; k < 4; k++) out[k] = (OUT)v[k]; } break; \
	case 8: { name##8 v = va_arg(ap, name##8); for (int k = 0; k < 8; k++) out[k] = (OUT)v[k]; } break; \
	case 16: { name##16 v = va_arg(ap, name##16); for (int k = 0; k < 16; k++) out[k] = (OUT)v[k]; } break; \
	} } while (0)

enum { L_NONE, L_HH, L_H, L_HL, L_L, L_LL, L_J, L_Z, L_T, L_LD };

static int cl_vprintf(const char *fmt, va_list ap) {
	pbuf b;
	b.p = b.inl, b.len = 0, b.cap = sizeof b.inl, b.failed = 0;
	int bad = 0;
	const char *s = fmt;
	while (*s) {
		if (*s != '%') {
			const char *e = s;
			while (*e && *e != '%') e++;
			pb_put(&b, s, (size_t)(e - s));
			s = e;
			continue;
		}
		const char *start = s++;
		if (*s == '%') { pb_put(&b, "%", 1); s++; continue; }
		/* The C specification we build: flags, width, precision, then
		 * the C length modifier and the conversion. */
		char spec[64];
		size_t sl = 0;
		spec[sl++] = '%';
		while (*s && strchr("-+ #0", *s)) {
			if (sl < 8) spec[sl++] = *s;
			s++;
		}
		int width = -1, prec = -1;
		if (*s == '*') { width = va_arg(ap, int); s++; }
		else if (*s >= '0' && *s <= '9') { width = 0; while (*s >= '0' && *s <= '9') width = width * 10 + (*s++ - '0'); }
		if (*s == '.') {
			s++;
			prec = 0;
			if (*s == '*') { prec = va_arg(ap, int); s++; }
			else while (*s >= '0' && *s <= '9') prec = prec * 10 + (*s++ - '0');
		}
		if (width != -1) {
			if (width < 0) { spec[sl++] = '-'; width = -width; }
			if (width > 100000) width = 100000;
			sl += (size_t)snprintf(spec + sl, sizeof spec - sl, "%d", width);
		}
		if (prec >= 0) {
			if (prec > 100000) prec = 100000;
			sl += (size_t)snprintf(spec + sl, sizeof spec - sl, ".%d", prec);
		}
		int vec = 0;
		if (*s == 'v') {
			s++;
			while (*s >= '0' && *s <= '9') vec = vec * 10 + (*s++ - '0');
			if (vec != 2 && vec != 3 && vec != 4 && vec != 8 && vec != 16) goto malformed;
		}
		int len = L_NONE;
		if (s[0] == 'h' && s[1] == 'h') len = L_HH, s += 2;
		else if (s[0] == 'h' && s[1] == 'l') len = L_HL, s += 2;
		else if (s[0] == 'h') len = L_H, s++;
		else if (s[0] == 'l' && s[1] == 'l') len = L_LL, s += 2;
		else if (s[0] == 'l') len = L_L, s++;
		else if (s[0] == 'j') len = L_J, s++;
		else if (s[0] == 'z') len = L_Z, s++;
		else if (s[0] == 't') len = L_T, s++;
		else if (s[0] == 'L') len = L_LD, s++;
		char conv = *s;
		if (!conv) goto malformed;
		s++;
		int isint = strchr("diouxX", conv) != NULL, isflt = strchr("fFeEgGaA", conv) != NULL;
		if (vec) {
			if (!isint && !isflt) goto malformed;
			if (isint) {
				/* element size from the length modifier; hl (or none) is int */
				long vals[16];
				const char *lm;
				switch (len) {
				case L_HH: READV(ap, v_c, vec, vals, long); lm = "hh"; break;
				case L_H: READV(ap, v_s, vec, vals, long); lm = "h"; break;
				case L_L: case L_LL: READV(ap, v_l, vec, vals, long); lm = "l"; break;
				default: READV(ap, v_i, vec, vals, long); lm = ""; break;
				}
				memcpy(spec + sl, lm, strlen(lm));
				size_t n = sl + strlen(lm);
				spec[n++] = conv;
				spec[n] = 0;
				for (int k = 0; k < vec; k++) {
					if (k) pb_put(&b, ",", 1);
					if (len == L_L || len == L_LL) pb_fmt(&b, spec, vals[k]);
					else pb_fmt(&b, spec, (int)vals[k]);
				}
			} else {
				double vals[16];
				switch (len) {
				case L_H: READV(ap, v_h, vec, vals, double); break;
				case L_L: case L_LL: READV(ap, v_d, vec, vals, double); break;
				default: READV(ap, v_f, vec, vals, double); break;
				}
				spec[sl] = conv;
				spec[sl + 1] = 0;
				for (int k = 0; k < vec; k++) {
					if (k) pb_put(&b, ",", 1);
					pb_fmt(&b, spec, vals[k]);
				}
			}
			continue;
		}
		if (isint) {
			int wide = len == L_L || len == L_LL || len == L_J || len == L_Z || len == L_T;
			const char *lm = len == L_HH ? "hh" : len == L_H ? "h" : wide ? "l" : "";
			memcpy(spec + sl, lm, strlen(lm));
			size_t n = sl + strlen(lm);
			spec[n++] = conv;
			spec[n] = 0;
			if (wide) pb_fmt(&b, spec, va_arg(ap, long));
			else pb_fmt(&b, spec, va_arg(ap, int));
			continue;
		}
		spec[sl] = conv;
		spec[sl + 1] = 0;
		switch (conv) {
		case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
			pb_fmt(&b, spec, va_arg(ap, double));
			break;
		case 'c':
			pb_fmt(&b, spec, va_arg(ap, int));
			break;
		case 's': {
			const char *str = va_arg(ap, const char *);
			pb_fmt(&b, spec, str ? str : "(null)");
			break;
		}
		case 'p':
			pb_fmt(&b, spec, va_arg(ap, void *));
			break;
		case 'n':
			(void)va_arg(ap, void *); /* not supported: consumed, nothing stored */
			break;
		default:
			goto malformed;
		}
		continue;
	malformed:
		/* Undefined behaviour: print the rest of the format as it is. */
		bad = 1;
		pb_put(&b, start, strlen(start));
		break;
	}
	int rc = bad || b.failed ? -1 : 0;
	if (!b.failed && b.len > 0 && fwrite(b.p, 1, b.len, stdout) != b.len) rc = -1;
	if (b.p != b.inl) free(b.p);
	return rc;
}

/* The OpenCL C printf; the kernel program's calls bind to this definition
 * (the builtin library is linked into each program and internalized). */
int printf(const char *restrict fmt, ...) {
	va_list ap;
	va_start(ap, fmt);
	int rc = cl_vprintf(fmt, ap);
	va_end(ap);
	return rc;
}
