// Atomic functions: the OpenCL C 1.x atomic_* and the atom_* of the
// cl_khr_{global,local}_int32_{base,extended}_atomics and
// cl_khr_int64_{base,extended}_atomics extensions, and the C11-style atomics
// of OpenCL C 2.0/3.0 (generic and named address spaces), as declared by
// clang's opencl-c.h. Work-groups are threads (two may run at once on two
// cores), so every operation on global memory is a real atomic instruction:
// clang's __c11_atomic_* / __atomic_* builtins, lock-prefixed on x86-64.
// Read-modify-writes of __local memory are plain (OLD_LOCAL, FETCH___local).
//
// Memory orders: read-modify-write operations are always sequentially
// consistent (a locked instruction is, on x86-64; the stronger order only
// restrains the compiler); loads and stores follow the requested order.
// Memory scopes: every scope is served by the coherent host memory; the
// scope argument is not needed.

#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable
#pragma OPENCL EXTENSION cl_khr_int64_extended_atomics : enable

#define OVL __attribute__((overloadable))
#define SC __ATOMIC_SEQ_CST

// ---- OpenCL C 1.x: atomic_* and atom_* on plain volatile pointers ----

#define OLD_ALL(name, AS, T) \
	OVL T name##_add(volatile AS T *p, T v) { return __atomic_fetch_add(p, v, SC); } \
	OVL T name##_sub(volatile AS T *p, T v) { return __atomic_fetch_sub(p, v, SC); } \
	OVL T name##_xchg(volatile AS T *p, T v) { return __atomic_exchange_n(p, v, SC); } \
	OVL T name##_inc(volatile AS T *p) { return __atomic_fetch_add(p, (T)1, SC); } \
	OVL T name##_dec(volatile AS T *p) { return __atomic_fetch_sub(p, (T)1, SC); } \
	OVL T name##_cmpxchg(volatile AS T *p, T cmp, T v) { \
		__atomic_compare_exchange_n(p, &cmp, v, false, SC, SC); \
		return cmp; \
	} \
	OVL T name##_min(volatile AS T *p, T v) { return __atomic_fetch_min(p, v, SC); } \
	OVL T name##_max(volatile AS T *p, T v) { return __atomic_fetch_max(p, v, SC); } \
	OVL T name##_and(volatile AS T *p, T v) { return __atomic_fetch_and(p, v, SC); } \
	OVL T name##_or(volatile AS T *p, T v) { return __atomic_fetch_or(p, v, SC); } \
	OVL T name##_xor(volatile AS T *p, T v) { return __atomic_fetch_xor(p, v, SC); }

// __local memory belongs to one work-group, whose work-items all run on one
// thread and change hands only at barriers (and work-item loop iterations):
// its read-modify-writes need no locked instruction (a locked one costs ~20
// cycles on Zen 3; a local-memory histogram spends most of its time there).
// The accesses stay volatile, so that no vectorized loop runs two
// work-items' updates of one location at once.
#define LOCAL_RMW(T, value) { T old = *p; *p = (value); return old; }
#define OLD_LOCAL(name, T) \
	OVL T name##_add(volatile __local T *p, T v) LOCAL_RMW(T, old + v) \
	OVL T name##_sub(volatile __local T *p, T v) LOCAL_RMW(T, old - v) \
	OVL T name##_xchg(volatile __local T *p, T v) LOCAL_RMW(T, v) \
	OVL T name##_inc(volatile __local T *p) LOCAL_RMW(T, old + 1) \
	OVL T name##_dec(volatile __local T *p) LOCAL_RMW(T, old - 1) \
	OVL T name##_cmpxchg(volatile __local T *p, T cmp, T v) LOCAL_RMW(T, old == cmp ? v : old) \
	OVL T name##_min(volatile __local T *p, T v) LOCAL_RMW(T, v < old ? v : old) \
	OVL T name##_max(volatile __local T *p, T v) LOCAL_RMW(T, v > old ? v : old) \
	OVL T name##_and(volatile __local T *p, T v) LOCAL_RMW(T, old & v) \
	OVL T name##_or(volatile __local T *p, T v) LOCAL_RMW(T, old | v) \
	OVL T name##_xor(volatile __local T *p, T v) LOCAL_RMW(T, old ^ v)

#define OLD_AS(name, T) OLD_ALL(name, __global, T) OLD_LOCAL(name, T)

OLD_AS(atomic, int)
OLD_AS(atomic, uint)
OLD_AS(atom, int)
OLD_AS(atom, uint)
OLD_AS(atom, long)
OLD_AS(atom, ulong)

#define XCHG_F(AS) \
	OVL float atomic_xchg(volatile AS float *p, float v) { \
		return as_float(__atomic_exchange_n((volatile AS uint *)p, as_uint(v), SC)); \
	}
XCHG_F(__global)
OVL float atomic_xchg(volatile __local float *p, float v) LOCAL_RMW(float, v)

// ---- OpenCL C 2.0/3.0: C11-style atomics ----

// Loads and stores with a run-time order (constant after inlining).
#define LOAD_ORD(p, order) ( \
	(order) == memory_order_relaxed ? __c11_atomic_load(p, __ATOMIC_RELAXED) : \
	(order) == memory_order_acquire ? __c11_atomic_load(p, __ATOMIC_ACQUIRE) : \
	__c11_atomic_load(p, SC))
#define STORE_ORD(p, v, order) do { \
	if ((order) == memory_order_relaxed) __c11_atomic_store(p, v, __ATOMIC_RELAXED); \
	else if ((order) == memory_order_release) __c11_atomic_store(p, v, __ATOMIC_RELEASE); \
	else __c11_atomic_store(p, v, SC); \
} while (0)

// init, load, store, exchange, compare_exchange for atomic type A of T, in
// address space AS.
#define C11_BASIC(AS, A, T) \
	OVL void atomic_init(volatile AS A *p, T v) { __c11_atomic_init(p, v); } \
	OVL void atomic_store(volatile AS A *p, T v) { __c11_atomic_store(p, v, SC); } \
	OVL void atomic_store_explicit(volatile AS A *p, T v, memory_order o) { STORE_ORD(p, v, o); } \
	OVL void atomic_store_explicit(volatile AS A *p, T v, memory_order o, memory_scope s) { STORE_ORD(p, v, o); } \
	OVL T atomic_load(volatile AS A *p) { return __c11_atomic_load(p, SC); } \
	OVL T atomic_load_explicit(volatile AS A *p, memory_order o) { return LOAD_ORD(p, o); } \
	OVL T atomic_load_explicit(volatile AS A *p, memory_order o, memory_scope s) { return LOAD_ORD(p, o); } \
	OVL T atomic_exchange(volatile AS A *p, T v) { return __c11_atomic_exchange(p, v, SC); } \
	OVL T atomic_exchange_explicit(volatile AS A *p, T v, memory_order o) { return __c11_atomic_exchange(p, v, SC); } \
	OVL T atomic_exchange_explicit(volatile AS A *p, T v, memory_order o, memory_scope s) { return __c11_atomic_exchange(p, v, SC); }

// compare_exchange: expected lives in address space EAS. On failure the
// value found is written to *expected; on success *expected is left alone.
#define C11_CAS(AS, EAS, A, T) \
	OVL bool atomic_compare_exchange_strong(volatile AS A *p, EAS T *e, T v) { \
		T x = *e; \
		bool ok = __c11_atomic_compare_exchange_strong(p, &x, v, SC, SC); \
		if (!ok) *e = x; \
		return ok; \
	} \
	OVL bool atomic_compare_exchange_strong_explicit(volatile AS A *p, EAS T *e, T v, memory_order s, memory_order f) { \
		return atomic_compare_exchange_strong(p, e, v); \
	} \
	OVL bool atomic_compare_exchange_strong_explicit(volatile AS A *p, EAS T *e, T v, memory_order s, memory_order f, memory_scope sc) { \
		return atomic_compare_exchange_strong(p, e, v); \
	} \
	OVL bool atomic_compare_exchange_weak(volatile AS A *p, EAS T *e, T v) { \
		return atomic_compare_exchange_strong(p, e, v); \
	} \
	OVL bool atomic_compare_exchange_weak_explicit(volatile AS A *p, EAS T *e, T v, memory_order s, memory_order f) { \
		return atomic_compare_exchange_strong(p, e, v); \
	} \
	OVL bool atomic_compare_exchange_weak_explicit(volatile AS A *p, EAS T *e, T v, memory_order s, memory_order f, memory_scope sc) { \
		return atomic_compare_exchange_strong(p, e, v); \
	}

// atomic_fetch_<op>[_explicit] on atomic type A of T with operand type V,
// computed in T, by FETCH_<AS>.
#define C11_FETCH(AS, op, A, T, V) \
	OVL T atomic_fetch_##op(volatile AS A *p, V v) { return FETCH_##AS(op, p, (T)v); } \
	OVL T atomic_fetch_##op##_explicit(volatile AS A *p, V v, memory_order o) { return FETCH_##AS(op, p, (T)v); } \
	OVL T atomic_fetch_##op##_explicit(volatile AS A *p, V v, memory_order o, memory_scope s) { return FETCH_##AS(op, p, (T)v); }
#define FETCH___global(op, p, v) __c11_atomic_fetch_##op(p, v, SC)
#define FETCH___generic(op, p, v) __c11_atomic_fetch_##op(p, v, SC)
// __local objects: a relaxed load and store, as the 1.x functions above
// (the work-group's one thread; atomic accesses are never vectorized).
// Floating-point min and max stay locked (a NaN found in the object must
// lose to the operand).
#define FETCH___local(op, p, v) FETCH_LOCAL_##op(p, v)
#define LOCAL_FETCH(p, v, value) ({ \
	__auto_type old = __c11_atomic_load(p, __ATOMIC_RELAXED); \
	__c11_atomic_store(p, (value), __ATOMIC_RELAXED); \
	old; })
#define FETCH_LOCAL_add(p, v) LOCAL_FETCH(p, v, old + (v))
#define FETCH_LOCAL_sub(p, v) LOCAL_FETCH(p, v, old - (v))
#define FETCH_LOCAL_or(p, v) LOCAL_FETCH(p, v, old | (v))
#define FETCH_LOCAL_xor(p, v) LOCAL_FETCH(p, v, old ^ (v))
#define FETCH_LOCAL_and(p, v) LOCAL_FETCH(p, v, old & (v))
#define FETCH_LOCAL_min(p, v) LOCAL_FETCH(p, v, (v) < old ? (v) : old)
#define FETCH_LOCAL_max(p, v) LOCAL_FETCH(p, v, (v) > old ? (v) : old)

#define C11_FETCH_ALL(AS, A, T) \
	C11_FETCH(AS, add, A, T, T) C11_FETCH(AS, sub, A, T, T) C11_FETCH(AS, or, A, T, T) \
	C11_FETCH(AS, xor, A, T, T) C11_FETCH(AS, and, A, T, T) C11_FETCH(AS, min, A, T, T) \
	C11_FETCH(AS, max, A, T, T)

#define C11_FLAG(AS) \
	OVL bool atomic_flag_test_and_set(volatile AS atomic_flag *p) { return __c11_atomic_exchange(p, 1, SC) != 0; } \
	OVL bool atomic_flag_test_and_set_explicit(volatile AS atomic_flag *p, memory_order o) { return __c11_atomic_exchange(p, 1, SC) != 0; } \
	OVL bool atomic_flag_test_and_set_explicit(volatile AS atomic_flag *p, memory_order o, memory_scope s) { return __c11_atomic_exchange(p, 1, SC) != 0; } \
	OVL void atomic_flag_clear(volatile AS atomic_flag *p) { __c11_atomic_store(p, 0, SC); } \
	OVL void atomic_flag_clear_explicit(volatile AS atomic_flag *p, memory_order o) { STORE_ORD(p, 0, o); } \
	OVL void atomic_flag_clear_explicit(volatile AS atomic_flag *p, memory_order o, memory_scope s) { STORE_ORD(p, 0, o); }

#ifdef cl_khr_fp64
#define IF_FP64(x) x
#else
#define IF_FP64(x)
#endif
#define C11_TYPES(M, AS) \
	M(AS, atomic_int, int) M(AS, atomic_uint, uint) M(AS, atomic_long, long) M(AS, atomic_ulong, ulong) \
	M(AS, atomic_float, float) IF_FP64(M(AS, atomic_double, double))
#define C11_INT_TYPES(M, AS) \
	M(AS, atomic_int, int) M(AS, atomic_uint, uint) M(AS, atomic_long, long) M(AS, atomic_ulong, ulong)

#define C11_AS(AS) \
	C11_TYPES(C11_BASIC, AS) \
	C11_INT_TYPES(C11_FETCH_ALL, AS) \
	/* uintptr_t objects with ptrdiff_t/intptr_t operands, intptr_t objects with uintptr_t operands */ \
	C11_FETCH(AS, add, atomic_uintptr_t, uintptr_t, ptrdiff_t) \
	C11_FETCH(AS, sub, atomic_uintptr_t, uintptr_t, ptrdiff_t) \
	C11_FETCH(AS, or, atomic_uintptr_t, uintptr_t, intptr_t) \
	C11_FETCH(AS, xor, atomic_uintptr_t, uintptr_t, intptr_t) \
	C11_FETCH(AS, and, atomic_uintptr_t, uintptr_t, intptr_t) \
	C11_FETCH(AS, min, atomic_uintptr_t, uintptr_t, intptr_t) \
	C11_FETCH(AS, or, atomic_intptr_t, intptr_t, uintptr_t) \
	C11_FETCH(AS, xor, atomic_intptr_t, intptr_t, uintptr_t) \
	C11_FETCH(AS, and, atomic_intptr_t, intptr_t, uintptr_t) \
	C11_FETCH(AS, min, atomic_intptr_t, intptr_t, uintptr_t) \
	C11_FETCH(AS, max, atomic_intptr_t, intptr_t, uintptr_t) \
	C11_FLAG(AS)

C11_AS(__generic)
C11_AS(__global)
C11_AS(__local)

// compare_exchange: generic objects take generic expected pointers; named
// objects take expected pointers in any named address space.
#define CAS_GEN(AS, A, T) C11_CAS(__generic, __generic, A, T)
#define CAS_NAMED(AS, A, T) C11_CAS(AS, __global, A, T) C11_CAS(AS, __local, A, T) C11_CAS(AS, __private, A, T)
C11_TYPES(CAS_GEN, __generic)
C11_TYPES(CAS_NAMED, __global)
C11_TYPES(CAS_NAMED, __local)

// cl_ext_float_atomics: fetch add, sub, min and max on atomic_float and
// atomic_double (load, store and exchange are core, above). clang makes
// them atomicrmw fadd/fsub/fmin/fmax, which x86-64 does as a compare-exchange
// loop. fmin/fmax are llvm.minnum/maxnum: a quiet NaN operand loses to a
// number (min(x, qNaN) = x, as the extension requires), a signaling NaN
// gives x or a NaN, and min(-0, +0) is either zero, as it allows.
#define C11_FP_FETCH(AS, A, T) \
	C11_FETCH(AS, add, A, T, T) C11_FETCH(AS, sub, A, T, T) \
	C11_FETCH(FP_##AS, min, A, T, T) C11_FETCH(FP_##AS, max, A, T, T)
#define FP___global __global
#define FP___generic __generic
#define FP___local __local
#define FETCH_FP___global FETCH___global
#define FETCH_FP___generic FETCH___global
#define FETCH_FP___local FETCH___global
// atomic_half (cl_khr_fp16): load, store and exchange too, which are the
// extension's for half. Clang 19 mangles the header's atomic_store of half
// with an atomic_half value (…_AtomicDhS_), so that is how it is defined.
#pragma OPENCL EXTENSION cl_khr_fp16 : enable
#define C11_HALF(AS) \
	OVL void atomic_store(volatile AS atomic_half *p, atomic_half v) { __c11_atomic_store(p, (half)v, SC); } \
	OVL void atomic_store_explicit(volatile AS atomic_half *p, atomic_half v, memory_order o) { STORE_ORD(p, (half)v, o); } \
	OVL void atomic_store_explicit(volatile AS atomic_half *p, atomic_half v, memory_order o, memory_scope s) { STORE_ORD(p, (half)v, o); } \
	OVL half atomic_load(volatile AS atomic_half *p) { return __c11_atomic_load(p, SC); } \
	OVL half atomic_load_explicit(volatile AS atomic_half *p, memory_order o) { return LOAD_ORD(p, o); } \
	OVL half atomic_load_explicit(volatile AS atomic_half *p, memory_order o, memory_scope s) { return LOAD_ORD(p, o); } \
	OVL half atomic_exchange(volatile AS atomic_half *p, half v) { return __c11_atomic_exchange(p, v, SC); } \
	OVL half atomic_exchange_explicit(volatile AS atomic_half *p, half v, memory_order o) { return __c11_atomic_exchange(p, v, SC); } \
	OVL half atomic_exchange_explicit(volatile AS atomic_half *p, half v, memory_order o, memory_scope s) { \
		return __c11_atomic_exchange(p, v, SC); \
	} \
	C11_FP_FETCH(AS, atomic_half, half)
#define C11_FP_TYPES(AS) \
	C11_FP_FETCH(AS, atomic_float, float) IF_FP64(C11_FP_FETCH(AS, atomic_double, double)) C11_HALF(AS)
C11_FP_TYPES(__generic)
C11_FP_TYPES(__global)
C11_FP_TYPES(__local)
