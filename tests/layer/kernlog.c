/* An OpenCL layer (ocl-icd's OPENCL_LAYERS) that appends the name of every
 * kernel an application enqueues, and the enqueue's result, to the file
 * $KERNLOG_FILE, one line per launch. The application tests use it to see
 * which operations of a library (OpenCV's T-API) ran on the device. */
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl_layer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct _cl_icd_dispatch dispatch;
static const struct _cl_icd_dispatch *target;

static cl_int CL_API_CALL enqueue(cl_command_queue q, cl_kernel k, cl_uint dim, const size_t *off, const size_t *gsz,
	const size_t *lsz, cl_uint nev, const cl_event *evs, cl_event *ev) {
	cl_int err = target->clEnqueueNDRangeKernel(q, k, dim, off, gsz, lsz, nev, evs, ev);
	const char *path = getenv("KERNLOG_FILE");
	char name[256] = "?";
	if (path && target->clGetKernelInfo(k, CL_KERNEL_FUNCTION_NAME, sizeof name, name, NULL) == CL_SUCCESS) {
		FILE *f = fopen(path, "a");
		if (f) {
			fprintf(f, "%s %d\n", name, err);
			fclose(f);
		}
	}
	return err;
}

CL_API_ENTRY cl_int CL_API_CALL clGetLayerInfo(cl_layer_info param, size_t size, void *value, size_t *size_ret) {
	if (param == CL_LAYER_API_VERSION) {
		cl_layer_api_version v = CL_LAYER_API_VERSION_100;
		if (size_ret) *size_ret = sizeof v;
		if (value) {
			if (size < sizeof v) return CL_INVALID_VALUE;
			memcpy(value, &v, sizeof v);
		}
		return CL_SUCCESS;
	}
	return CL_INVALID_VALUE;
}

CL_API_ENTRY cl_int CL_API_CALL clInitLayer(cl_uint num_entries, const struct _cl_icd_dispatch *t, cl_uint *num_ret,
	const struct _cl_icd_dispatch **ret) {
	if (num_entries < sizeof dispatch / sizeof(void *)) return CL_INVALID_VALUE;
	target = t;
	dispatch = *t;
	dispatch.clEnqueueNDRangeKernel = enqueue;
	*num_ret = sizeof dispatch / sizeof(void *);
	*ret = &dispatch;
	return CL_SUCCESS;
}
