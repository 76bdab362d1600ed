// Vector shuffles (OpenCL C 3.0, 6.15.3.3): shuffle and shuffle2 for every
// element type and n, m in 2, 4, 8, 16. Only the low log2(n) (log2(2n) for
// shuffle2) bits of each mask element select.
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#pragma OPENCL EXTENSION cl_khr_fp16 : enable
#define OVL __attribute__((overloadable, always_inline))

#define SHUF(T, U, N, M)                                                          \
	OVL T##M shuffle(T##N x, U##M mask) {                                         \
		T##M r;                                                                   \
		for (int i = 0; i < M; i++) r[i] = x[mask[i] & (N - 1)];                  \
		return r;                                                                 \
	}                                                                             \
	OVL T##M shuffle2(T##N x, T##N y, U##M mask) {                                \
		T##M r;                                                                   \
		for (int i = 0; i < M; i++) {                                             \
			U k = mask[i] & (2 * N - 1);                                          \
			r[i] = k < N ? x[k] : y[k - N];                                       \
		}                                                                         \
		return r;                                                                 \
	}

#define SHUF_M(T, U, N) SHUF(T, U, N, 2) SHUF(T, U, N, 4) SHUF(T, U, N, 8) SHUF(T, U, N, 16)
#define SHUF_T(T, U) SHUF_M(T, U, 2) SHUF_M(T, U, 4) SHUF_M(T, U, 8) SHUF_M(T, U, 16)

SHUF_T(char, uchar)
SHUF_T(uchar, uchar)
SHUF_T(short, ushort)
SHUF_T(ushort, ushort)
SHUF_T(int, uint)
SHUF_T(uint, uint)
SHUF_T(long, ulong)
SHUF_T(ulong, ulong)
SHUF_T(float, uint)
SHUF_T(double, ulong)
SHUF_T(half, ushort)

// get_fence: every address space is the same host memory here; a fence on
// both global and local memory is right for any pointer.
OVL cl_mem_fence_flags get_fence(void *p) { return CLK_GLOBAL_MEM_FENCE | CLK_LOCAL_MEM_FENCE; }
OVL cl_mem_fence_flags get_fence(const void *p) { return CLK_GLOBAL_MEM_FENCE | CLK_LOCAL_MEM_FENCE; }
