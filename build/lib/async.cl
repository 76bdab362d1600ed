// Async copies between global and local memory, wait_group_events and
// prefetch (OpenCL C 3.0 s6.15.13).
//
// Every work-item of the group calls an async copy with the same arguments,
// and each copies its share at once: the elements whose index is its local
// linear id modulo the group's size, after a barrier (so that it copies
// what the whole group wrote before). wait_group_events is a work-group
// barrier, after which every share is in place. This part of the library
// is linked before the work-group functions are made (stage_collectives.go),
// so that the copies' loops, ids and barriers are in the kernel the
// work-group transform sees: a kernel that copies and waits becomes a
// work-group function with its work-items in lockstep, rather than
// thousands of fibers (the CTS's async copies ran for minutes).
// Events carry nothing: a copy returns the event it was given (the spec's
// way to share one event among several copies), and waits wait for all.

#ifdef cl_khr_fp16
#pragma OPENCL EXTENSION cl_khr_fp16 : enable
#endif

#define OVL __attribute__((overloadable))

static size_t group_size(void) {
	return get_local_size(0) * get_local_size(1) * get_local_size(2);
}

// This work-item's share of a strided copy of num elements of size bytes:
// d[i*ds] = s[i*ss].
static void copy_share(__generic uchar *d, size_t ds, const __generic uchar *s, size_t ss, size_t num, size_t size) {
	// What the group wrote before the copy is what it copies, barrier or
	// not (every work-item reaches the copy: the specification asks it).
	barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);
	size_t step = group_size();
	// Not unrolled: the copies of a loop with a varying trip count would
	// each leave it, and the work-group transform takes loops with one exit.
	#pragma unroll 1
	for (size_t i = get_local_linear_id(); i < num; i += step)
		__builtin_memcpy(d + i * ds * size, s + i * ss * size, size);
}

#define ASYNC(T) \
	OVL event_t async_work_group_copy(__local T *dst, const __global T *src, size_t num, event_t event) { \
		copy_share((__generic uchar *)dst, 1, (const __generic uchar *)src, 1, num, sizeof(T)); \
		return event; \
	} \
	OVL event_t async_work_group_copy(__global T *dst, const __local T *src, size_t num, event_t event) { \
		copy_share((__generic uchar *)dst, 1, (const __generic uchar *)src, 1, num, sizeof(T)); \
		return event; \
	} \
	OVL event_t async_work_group_strided_copy(__local T *dst, const __global T *src, size_t num, size_t stride, event_t event) { \
		copy_share((__generic uchar *)dst, 1, (const __generic uchar *)src, stride, num, sizeof(T)); \
		return event; \
	} \
	OVL event_t async_work_group_strided_copy(__global T *dst, const __local T *src, size_t num, size_t stride, event_t event) { \
		copy_share((__generic uchar *)dst, stride, (const __generic uchar *)src, 1, num, sizeof(T)); \
		return event; \
	} \
	OVL void prefetch(const __global T *p, size_t num) { \
		/* a hint: the first 16 cache lines at most */ \
		size_t bytes = num * sizeof(T); \
		if (bytes > 1024) bytes = 1024; \
		for (size_t o = 0; o < bytes; o += 64) __builtin_prefetch((const __global char *)p + o); \
	}

#define ASYNC_N(T) ASYNC(T) ASYNC(T##2) ASYNC(T##3) ASYNC(T##4) ASYNC(T##8) ASYNC(T##16)

ASYNC_N(char)
ASYNC_N(uchar)
ASYNC_N(short)
ASYNC_N(ushort)
ASYNC_N(int)
ASYNC_N(uint)
ASYNC_N(long)
ASYNC_N(ulong)
ASYNC_N(float)
#ifdef cl_khr_fp64
ASYNC_N(double)
#endif
#ifdef cl_khr_fp16
ASYNC_N(half)
#endif

OVL void wait_group_events(int num_events, __generic event_t *events) {
	barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);
}
// OpenCL C 1.x programs pass a private pointer.
OVL void wait_group_events(int num_events, __private event_t *events) {
	barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);
}
