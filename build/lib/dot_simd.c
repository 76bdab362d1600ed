/* cl_khr_integer_dot_product's packed 8-bit dot products with the CPU's
 * dot-product instructions (AVX-512 VNNI, AVX-VNNI: vpdpbusd, which sums
 * four unsigned-by-signed byte products into each 32-bit lane).
 *
 * dot.cl's packed builtins call the scalar functions here; the work-group
 * stage gives those calls the vector variants below
 * (build/dot_variants.go), so that LLVM's loop vectorizer, widening a
 * work-item loop, calls one variant for 16 (zmm), 8 (ymm) or 4 (xmm)
 * work-items instead of unpacking bytes. The scalar functions serve what
 * stays scalar (a loop's remainder). Compiled with -march=native: the
 * variants exist only where the CPU has the instructions, and the work-group
 * stage asks the library's index which ones do. A module whose loops call
 * them is optimized twice, so that they are inlined (callsVectorVariants).
 *
 * vpdpbusd takes one unsigned and one signed operand; the other signedness
 * pairs are corrected with the sum of a signed operand's bytes (a byte
 * product against 0x01):
 *   us: dpbusd(a, b)
 *   su: dpbusd(b, a)
 *   ss: a·b = (a ^ 0x80)·b - 128·Σb         (a ^ 0x80 is a + 128, unsigned)
 *   uu: a·b = a·(b ^ 0x80) + 128·Σa         (b ^ 0x80 is b - 128, signed) */
#include <immintrin.h>
#include <stdint.h>

#define SCALAR(NAME, RT, AT, BT) \
	__attribute__((noinline, const)) RT NAME(uint32_t a, uint32_t b) { \
		RT s = 0; \
		for (int k = 0; k < 32; k += 8) s += (RT)(AT)(a >> k) * (RT)(BT)(b >> k); \
		return s; \
	}
SCALAR(__gocl_dot_ss, int32_t, int8_t, int8_t)
SCALAR(__gocl_dot_uu, uint32_t, uint8_t, uint8_t)
SCALAR(__gocl_dot_us, int32_t, uint8_t, int8_t)
SCALAR(__gocl_dot_su, int32_t, int8_t, uint8_t)

/* The four variants of width N (intrinsics' vector type V, vpdpbusd DP,
 * broadcast SET, xor X, shift SHL, add ADD, subtract SUB). Their parameters
 * and results are N x i32 vectors (T), as the vectorizer calls them: an
 * intrinsics type (<8 x i64> for __m512i) would give the linked call a
 * mismatched type, which code generation does not survive. */
/* Inlined where the vectorizer calls them (see callsVectorVariants). */
#define INLINE __attribute__((always_inline))

#define VARIANTS(N, V, DP, ZERO, SET, X, SHL, ADD, SUB) \
	typedef int32_t v##N##i32 __attribute__((vector_size(4 * N))); \
	static V us##N(V a, V b) { return DP(ZERO(), a, b); } \
	static V ss##N(V a, V b) { \
		V sum_b = DP(ZERO(), SET(0x01010101), b); \
		return SUB(DP(ZERO(), X(a, SET((int)0x80808080)), b), SHL(sum_b, 7)); \
	} \
	static V uu##N(V a, V b) { \
		V sum_a = DP(ZERO(), a, SET(0x01010101)); \
		return ADD(DP(ZERO(), a, X(b, SET((int)0x80808080))), SHL(sum_a, 7)); \
	} \
	INLINE v##N##i32 __gocl_dot_us_v##N(v##N##i32 a, v##N##i32 b) { return (v##N##i32)us##N((V)a, (V)b); } \
	INLINE v##N##i32 __gocl_dot_su_v##N(v##N##i32 a, v##N##i32 b) { return (v##N##i32)us##N((V)b, (V)a); } \
	INLINE v##N##i32 __gocl_dot_ss_v##N(v##N##i32 a, v##N##i32 b) { return (v##N##i32)ss##N((V)a, (V)b); } \
	INLINE v##N##i32 __gocl_dot_uu_v##N(v##N##i32 a, v##N##i32 b) { return (v##N##i32)uu##N((V)a, (V)b); }

#if defined(__AVX512VNNI__)
VARIANTS(16, __m512i, _mm512_dpbusd_epi32, _mm512_setzero_si512, _mm512_set1_epi32, _mm512_xor_si512,
	_mm512_slli_epi32, _mm512_add_epi32, _mm512_sub_epi32)
#endif
#if defined(__AVXVNNI__) || (defined(__AVX512VNNI__) && defined(__AVX512VL__))
#if defined(__AVXVNNI__)
#define DP256 _mm256_dpbusd_avx_epi32
#define DP128 _mm_dpbusd_avx_epi32
#else
#define DP256 _mm256_dpbusd_epi32
#define DP128 _mm_dpbusd_epi32
#endif
VARIANTS(8, __m256i, DP256, _mm256_setzero_si256, _mm256_set1_epi32, _mm256_xor_si256, _mm256_slli_epi32,
	_mm256_add_epi32, _mm256_sub_epi32)
VARIANTS(4, __m128i, DP128, _mm_setzero_si128, _mm_set1_epi32, _mm_xor_si128, _mm_slli_epi32, _mm_add_epi32,
	_mm_sub_epi32)
#endif
