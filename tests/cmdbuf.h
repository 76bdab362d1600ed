/* cl_khr_command_buffer 0.9.8 and cl_khr_command_buffer_mutable_dispatch
 * 0.9.5, the revisions gocl implements, for tests/cmdbuf.c and
 * tests/bench/bench.c: Debian's opencl-headers (2023.02.06) declare older,
 * incompatible revisions (no properties parameter on the command functions,
 * another cl_mutable_dispatch_config_khr). The entry points are reached
 * through clGetExtensionFunctionAddressForPlatform (cb_load). */
#ifndef GOCL_TEST_CMDBUF_H
#define GOCL_TEST_CMDBUF_H
#include <CL/cl.h>

typedef struct _cl_command_buffer_khr *cb_buffer;
typedef struct _cl_mutable_command_khr *cb_mutable;
typedef cl_uint cb_sync_point;
typedef cl_properties cb_props;

#define CB_INVALID_COMMAND_BUFFER -1138
#define CB_INVALID_SYNC_POINT_WAIT_LIST -1139
#define CB_INVALID_MUTABLE_COMMAND -1141
#define CB_FLAGS 0x1293
#define CB_SIMULTANEOUS_USE (1 << 0)
#define CB_MUTABLE (1 << 1)
#define CB_QUEUES 0x1294
#define CB_NUM_QUEUES 0x1295
#define CB_REFERENCE_COUNT 0x1296
#define CB_STATE 0x1297
#define CB_PROPERTIES_ARRAY 0x1298
#define CB_CONTEXT 0x1299
#define CB_STATE_RECORDING 0
#define CB_STATE_EXECUTABLE 1
#define CB_STATE_FINALIZED 2
#define CB_COMMAND_COMMAND_BUFFER 0x12A8
#define CB_DEVICE_CAPABILITIES 0x12A9
#define CB_DEVICE_SUPPORTED_QUEUE_PROPERTIES 0x129A
#define CB_DEVICE_REQUIRED_QUEUE_PROPERTIES 0x12AA
#define CB_CAPABILITY_KERNEL_PRINTF (1 << 0)
#define CB_CAPABILITY_SIMULTANEOUS_USE (1 << 2)
#define CB_DEVICE_MUTABLE_DISPATCH_CAPABILITIES 0x12B0
#define CB_MUTABLE_DISPATCH_UPDATABLE_FIELDS 0x12B1
#define CB_MUTABLE_GLOBAL_OFFSET (1 << 0)
#define CB_MUTABLE_GLOBAL_SIZE (1 << 1)
#define CB_MUTABLE_LOCAL_SIZE (1 << 2)
#define CB_MUTABLE_ARGUMENTS (1 << 3)
#define CB_MUTABLE_EXEC_INFO (1 << 4)
#define CB_MUTABLE_COMMAND_COMMAND_QUEUE 0x12A0
#define CB_MUTABLE_COMMAND_COMMAND_BUFFER 0x12A1
#define CB_MUTABLE_COMMAND_COMMAND_TYPE 0x12AD
#define CB_MUTABLE_COMMAND_PROPERTIES_ARRAY 0x12A2
#define CB_MUTABLE_DISPATCH_KERNEL 0x12A3
#define CB_MUTABLE_DISPATCH_DIMENSIONS 0x12A4
#define CB_MUTABLE_DISPATCH_GLOBAL_WORK_SIZE 0x12A6
#define CB_STRUCTURE_TYPE_MUTABLE_DISPATCH_CONFIG 0

typedef struct {
	cl_uint arg_index;
	size_t arg_size;
	const void *arg_value;
} cb_dispatch_arg;

typedef struct {
	cl_uint param_name;
	size_t param_value_size;
	const void *param_value;
} cb_exec_info;

typedef struct {
	cb_mutable command;
	cl_uint num_args;
	cl_uint num_svm_args;
	cl_uint num_exec_infos;
	cl_uint work_dim;
	const cb_dispatch_arg *arg_list;
	const cb_dispatch_arg *arg_svm_list;
	const cb_exec_info *exec_info_list;
	const size_t *global_work_offset;
	const size_t *global_work_size;
	const size_t *local_work_size;
} cb_dispatch_config;

typedef struct {
	cb_buffer (*create)(cl_uint, const cl_command_queue *, const cb_props *, cl_int *);
	cl_int (*finalize)(cb_buffer);
	cl_int (*retain)(cb_buffer);
	cl_int (*release)(cb_buffer);
	cl_int (*enqueue)(cl_uint, cl_command_queue *, cb_buffer, cl_uint, const cl_event *, cl_event *);
	cl_int (*barrier)(cb_buffer, cl_command_queue, const cb_props *, cl_uint, const cb_sync_point *, cb_sync_point *, cb_mutable *);
	cl_int (*copy)(cb_buffer, cl_command_queue, const cb_props *, cl_mem, cl_mem, size_t, size_t, size_t, cl_uint, const cb_sync_point *, cb_sync_point *, cb_mutable *);
	cl_int (*fill)(cb_buffer, cl_command_queue, const cb_props *, cl_mem, const void *, size_t, size_t, size_t, cl_uint, const cb_sync_point *, cb_sync_point *, cb_mutable *);
	cl_int (*ndrange)(cb_buffer, cl_command_queue, const cb_props *, cl_kernel, cl_uint, const size_t *, const size_t *, const size_t *, cl_uint, const cb_sync_point *, cb_sync_point *, cb_mutable *);
	cl_int (*svm_memcpy)(cb_buffer, cl_command_queue, const cb_props *, void *, const void *, size_t, cl_uint, const cb_sync_point *, cb_sync_point *, cb_mutable *);
	cl_int (*info)(cb_buffer, cl_uint, size_t, void *, size_t *);
	cl_int (*update)(cb_buffer, cl_uint, const cl_uint *, const void **);
	cl_int (*mutable_info)(cb_mutable, cl_uint, size_t, void *, size_t *);
} cb_api;

/* cb_load fills api from platform p; it returns 0 if any function is missing. */
static __attribute__((unused)) int cb_load(cl_platform_id p, cb_api *api) {
#define CB_GET(field, name) if (!(*(void **)&api->field = clGetExtensionFunctionAddressForPlatform(p, name))) return 0
	CB_GET(create, "clCreateCommandBufferKHR");
	CB_GET(finalize, "clFinalizeCommandBufferKHR");
	CB_GET(retain, "clRetainCommandBufferKHR");
	CB_GET(release, "clReleaseCommandBufferKHR");
	CB_GET(enqueue, "clEnqueueCommandBufferKHR");
	CB_GET(barrier, "clCommandBarrierWithWaitListKHR");
	CB_GET(copy, "clCommandCopyBufferKHR");
	CB_GET(fill, "clCommandFillBufferKHR");
	CB_GET(ndrange, "clCommandNDRangeKernelKHR");
	CB_GET(svm_memcpy, "clCommandSVMMemcpyKHR");
	CB_GET(info, "clGetCommandBufferInfoKHR");
	CB_GET(update, "clUpdateMutableCommandsKHR");
	CB_GET(mutable_info, "clGetMutableCommandInfoKHR");
#undef CB_GET
	return 1;
}

#endif
