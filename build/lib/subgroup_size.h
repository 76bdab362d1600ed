/* The sub-group size: the fp32 lanes of the widest vector register
 * (device/info.go's CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT, which
 * device.SubGroupSize returns), so a sub-group is one vector of the x
 * work-item loop. The library is compiled with -march=native, so these
 * macros are the machine's. */
#if defined(__AVX512F__)
#define GOCL_SUB_GROUP_SIZE 16
#elif defined(__AVX__)
#define GOCL_SUB_GROUP_SIZE 8
#else
#define GOCL_SUB_GROUP_SIZE 4
#endif
