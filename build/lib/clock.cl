/* cl_khr_kernel_clock: the device and work-group clocks are the host's
 * monotonic clock in nanoseconds (__gocl_clock, rt.c): one clock for every
 * core, so it is monotonic across the device (a work-group's work-items all
 * run on one thread, and the device's threads share the clock), and the
 * sub-group clock is the same. */

ulong __gocl_clock(void);

#define OVL __attribute__((overloadable))
#define HILO(t) ((uint2)((uint)(t), (uint)((t) >> 32)))

OVL ulong clock_read_device(void) { return __gocl_clock(); }
OVL ulong clock_read_work_group(void) { return __gocl_clock(); }
OVL uint2 clock_read_hilo_device(void) { ulong t = __gocl_clock(); return HILO(t); }
OVL uint2 clock_read_hilo_work_group(void) { ulong t = __gocl_clock(); return HILO(t); }
OVL ulong clock_read_sub_group(void) { return __gocl_clock(); }
OVL uint2 clock_read_hilo_sub_group(void) { ulong t = __gocl_clock(); return HILO(t); }
