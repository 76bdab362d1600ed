/* cl_khr_integer_dot_product: dot products of four 8-bit lanes, widened to
 * 32 bits (no overflow: |sum| <= 4 * 255 * 255), and with a saturating
 * accumulation. Packed operands hold lane 0 in bits 7:0.
 *
 * Plain arithmetic, and linked before the work-group functions are made
 * (build/stage_collectives.go's early parts), not at code generation: its
 * short4 arithmetic must be split into lanes by the scalarizer like the
 * program's own (its sum of lanes, llvm.vector.reduce.add once the library
 * is compiled, too: scalarize.go's splitReduction), or the work-item loop
 * around a dot product stays scalar (each work-item a 4-lane multiply and
 * a horizontal sum). The products are 16-bit (PT: a product of two 8-bit
 * lanes fits in a short, or in a ushort for two unsigned ones), widened
 * for the sum: 32 lanes a multiply. An int8 dot loop: 12.2 -> 40.8 GIOPS. */

#define OVL __attribute__((overloadable))

#define DOT8(RT, A, B, SFX, PT) \
	PACKED(RT, A, B, SFX, PT) \
	OVL RT dot_acc_sat(A##4 a, B##4 b, RT acc) { return add_sat(dot(a, b), acc); } \
	OVL RT dot_acc_sat_4x8packed_##SFX##_##RT(uint a, uint b, RT acc) { \
		return add_sat(dot_4x8packed_##SFX##_##RT(a, b), acc); }

/* Where the CPU has VNNI, every form is a call of dot_simd.c's scalar
 * functions (a vector's bytes as one uint), which the work-group stage
 * gives their vector variants (build/dot_variants.go); elsewhere plain
 * arithmetic. A char4 loop: 104 -> 290 GIOPS with VNNI. */
#if defined(__AVX512VNNI__) || defined(__AVXVNNI__)
#define PACKED(RT, A, B, SFX, PT) \
	RT __gocl_dot_##SFX(uint a, uint b) __attribute__((const)); \
	OVL RT dot_4x8packed_##SFX##_##RT(uint a, uint b) { return __gocl_dot_##SFX(a, b); } \
	OVL RT dot(A##4 a, B##4 b) { return __gocl_dot_##SFX(__builtin_astype(a, uint), __builtin_astype(b, uint)); }
#else
#define PACKED(RT, A, B, SFX, PT) \
	OVL RT dot(A##4 a, B##4 b) { \
		PT##4 p = __builtin_convertvector(a, PT##4) * __builtin_convertvector(b, PT##4); \
		RT##4 w = __builtin_convertvector(p, RT##4); \
		return (w.x + w.y) + (w.z + w.w); } \
	OVL RT dot_4x8packed_##SFX##_##RT(uint a, uint b) { return dot(__builtin_astype(a, A##4), __builtin_astype(b, B##4)); }
#endif

DOT8(uint, uchar, uchar, uu, ushort)
DOT8(int, char, char, ss, short)
DOT8(int, uchar, char, us, short)
DOT8(int, char, uchar, su, short)
