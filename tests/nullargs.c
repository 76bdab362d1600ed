/* Every entry point of the dispatch table, called directly (as a loader
 * would) with NULL or zero for every argument, then with a handle-shaped
 * fake and with a released handle in every handle position: each returns
 * an error (or NULL), and nothing crashes. Generated from CL/cl.h's
 * prototypes, then kept by hand. */
#include "check.h"
#include <CL/cl_icd.h>

static void *bad_handle;
#define H(type) ((type)bad_handle)
#define CHECK_NOT(failed, name) do { if (failed) { check_failed++; \
	fprintf(stderr, "%s accepted a bad argument (round %d)\n", name, round_); } else check_passed++; } while (0)

static void call_all(const struct _cl_icd_dispatch *d, int round_) {
	cl_int r;
	r = d->clGetPlatformIDs(0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetPlatformIDs");
	r = d->clGetPlatformInfo(H(cl_platform_id), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetPlatformInfo");
	r = d->clGetDeviceIDs(H(cl_platform_id), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetDeviceIDs");
	r = d->clGetDeviceInfo(H(cl_device_id), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetDeviceInfo");
	CHECK_NOT(d->clCreateContext(NULL, 0, NULL, NULL, NULL, NULL) != NULL, "clCreateContext");
	CHECK_NOT(d->clCreateContextFromType(NULL, 0, NULL, NULL, NULL) != NULL, "clCreateContextFromType");
	r = d->clRetainContext(H(cl_context)); CHECK_NOT(r == CL_SUCCESS, "clRetainContext");
	r = d->clReleaseContext(H(cl_context)); CHECK_NOT(r == CL_SUCCESS, "clReleaseContext");
	r = d->clGetContextInfo(H(cl_context), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetContextInfo");
	CHECK_NOT(d->clCreateCommandQueue(H(cl_context), H(cl_device_id), 0, NULL) != NULL, "clCreateCommandQueue");
	r = d->clRetainCommandQueue(H(cl_command_queue)); CHECK_NOT(r == CL_SUCCESS, "clRetainCommandQueue");
	r = d->clReleaseCommandQueue(H(cl_command_queue)); CHECK_NOT(r == CL_SUCCESS, "clReleaseCommandQueue");
	r = d->clGetCommandQueueInfo(H(cl_command_queue), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetCommandQueueInfo");
	r = d->clSetCommandQueueProperty(H(cl_command_queue), 0, 0, NULL); CHECK_NOT(r == CL_SUCCESS, "clSetCommandQueueProperty");
	CHECK_NOT(d->clCreateBuffer(H(cl_context), 0, 0, NULL, NULL) != NULL, "clCreateBuffer");
	CHECK_NOT(d->clCreateImage2D(H(cl_context), 0, NULL, 0, 0, 0, NULL, NULL) != NULL, "clCreateImage2D");
	CHECK_NOT(d->clCreateImage3D(H(cl_context), 0, NULL, 0, 0, 0, 0, 0, NULL, NULL) != NULL, "clCreateImage3D");
	r = d->clRetainMemObject(H(cl_mem)); CHECK_NOT(r == CL_SUCCESS, "clRetainMemObject");
	r = d->clReleaseMemObject(H(cl_mem)); CHECK_NOT(r == CL_SUCCESS, "clReleaseMemObject");
	r = d->clGetSupportedImageFormats(H(cl_context), 0, 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetSupportedImageFormats");
	r = d->clGetMemObjectInfo(H(cl_mem), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetMemObjectInfo");
	r = d->clGetImageInfo(H(cl_mem), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetImageInfo");
	CHECK_NOT(d->clCreateSampler(H(cl_context), 0, 0, 0, NULL) != NULL, "clCreateSampler");
	r = d->clRetainSampler(H(cl_sampler)); CHECK_NOT(r == CL_SUCCESS, "clRetainSampler");
	r = d->clReleaseSampler(H(cl_sampler)); CHECK_NOT(r == CL_SUCCESS, "clReleaseSampler");
	r = d->clGetSamplerInfo(H(cl_sampler), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetSamplerInfo");
	CHECK_NOT(d->clCreateProgramWithSource(H(cl_context), 0, NULL, NULL, NULL) != NULL, "clCreateProgramWithSource");
	CHECK_NOT(d->clCreateProgramWithBinary(H(cl_context), 0, NULL, NULL, NULL, NULL, NULL) != NULL, "clCreateProgramWithBinary");
	r = d->clRetainProgram(H(cl_program)); CHECK_NOT(r == CL_SUCCESS, "clRetainProgram");
	r = d->clReleaseProgram(H(cl_program)); CHECK_NOT(r == CL_SUCCESS, "clReleaseProgram");
	r = d->clBuildProgram(H(cl_program), 0, NULL, NULL, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clBuildProgram");
	CHECK_OK(d->clUnloadCompiler());
	r = d->clGetProgramInfo(H(cl_program), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetProgramInfo");
	r = d->clGetProgramBuildInfo(H(cl_program), H(cl_device_id), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetProgramBuildInfo");
	CHECK_NOT(d->clCreateKernel(H(cl_program), NULL, NULL) != NULL, "clCreateKernel");
	r = d->clCreateKernelsInProgram(H(cl_program), 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clCreateKernelsInProgram");
	r = d->clRetainKernel(H(cl_kernel)); CHECK_NOT(r == CL_SUCCESS, "clRetainKernel");
	r = d->clReleaseKernel(H(cl_kernel)); CHECK_NOT(r == CL_SUCCESS, "clReleaseKernel");
	r = d->clSetKernelArg(H(cl_kernel), 0, 0, NULL); CHECK_NOT(r == CL_SUCCESS, "clSetKernelArg");
	r = d->clGetKernelInfo(H(cl_kernel), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetKernelInfo");
	r = d->clGetKernelWorkGroupInfo(H(cl_kernel), H(cl_device_id), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetKernelWorkGroupInfo");
	r = d->clWaitForEvents(0, NULL); CHECK_NOT(r == CL_SUCCESS, "clWaitForEvents");
	r = d->clGetEventInfo(H(cl_event), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetEventInfo");
	r = d->clRetainEvent(H(cl_event)); CHECK_NOT(r == CL_SUCCESS, "clRetainEvent");
	r = d->clReleaseEvent(H(cl_event)); CHECK_NOT(r == CL_SUCCESS, "clReleaseEvent");
	r = d->clGetEventProfilingInfo(H(cl_event), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetEventProfilingInfo");
	r = d->clFlush(H(cl_command_queue)); CHECK_NOT(r == CL_SUCCESS, "clFlush");
	r = d->clFinish(H(cl_command_queue)); CHECK_NOT(r == CL_SUCCESS, "clFinish");
	r = d->clEnqueueReadBuffer(H(cl_command_queue), H(cl_mem), 0, 0, 0, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueReadBuffer");
	r = d->clEnqueueWriteBuffer(H(cl_command_queue), H(cl_mem), 0, 0, 0, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueWriteBuffer");
	r = d->clEnqueueCopyBuffer(H(cl_command_queue), H(cl_mem), H(cl_mem), 0, 0, 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueCopyBuffer");
	r = d->clEnqueueReadImage(H(cl_command_queue), H(cl_mem), 0, NULL, NULL, 0, 0, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueReadImage");
	r = d->clEnqueueWriteImage(H(cl_command_queue), H(cl_mem), 0, NULL, NULL, 0, 0, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueWriteImage");
	r = d->clEnqueueCopyImage(H(cl_command_queue), H(cl_mem), H(cl_mem), NULL, NULL, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueCopyImage");
	r = d->clEnqueueCopyImageToBuffer(H(cl_command_queue), H(cl_mem), H(cl_mem), NULL, NULL, 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueCopyImageToBuffer");
	r = d->clEnqueueCopyBufferToImage(H(cl_command_queue), H(cl_mem), H(cl_mem), 0, NULL, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueCopyBufferToImage");
	CHECK_NOT(d->clEnqueueMapBuffer(H(cl_command_queue), H(cl_mem), 0, 0, 0, 0, 0, NULL, NULL, NULL) != NULL, "clEnqueueMapBuffer");
	CHECK_NOT(d->clEnqueueMapImage(H(cl_command_queue), H(cl_mem), 0, 0, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL) != NULL, "clEnqueueMapImage");
	r = d->clEnqueueUnmapMemObject(H(cl_command_queue), H(cl_mem), NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueUnmapMemObject");
	r = d->clEnqueueNDRangeKernel(H(cl_command_queue), H(cl_kernel), 0, NULL, NULL, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueNDRangeKernel");
	r = d->clEnqueueTask(H(cl_command_queue), H(cl_kernel), 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueTask");
	r = d->clEnqueueNativeKernel(H(cl_command_queue), NULL, NULL, 0, 0, NULL, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueNativeKernel");
	r = d->clEnqueueMarker(H(cl_command_queue), NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueMarker");
	r = d->clEnqueueWaitForEvents(H(cl_command_queue), 0, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueWaitForEvents");
	r = d->clEnqueueBarrier(H(cl_command_queue)); CHECK_NOT(r == CL_SUCCESS, "clEnqueueBarrier");
	CHECK_NOT(d->clGetExtensionFunctionAddress(NULL) != NULL, "clGetExtensionFunctionAddress");
	CHECK_NOT(d->clCreateFromGLBuffer(H(cl_context), 0, 0, NULL) != NULL, "clCreateFromGLBuffer");
	CHECK_NOT(d->clCreateFromGLTexture2D(H(cl_context), 0, 0, 0, 0, NULL) != NULL, "clCreateFromGLTexture2D");
	CHECK_NOT(d->clCreateFromGLTexture3D(H(cl_context), 0, 0, 0, 0, NULL) != NULL, "clCreateFromGLTexture3D");
	CHECK_NOT(d->clCreateFromGLRenderbuffer(H(cl_context), 0, 0, NULL) != NULL, "clCreateFromGLRenderbuffer");
	r = d->clGetGLObjectInfo(H(cl_mem), NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetGLObjectInfo");
	r = d->clGetGLTextureInfo(H(cl_mem), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetGLTextureInfo");
	r = d->clEnqueueAcquireGLObjects(H(cl_command_queue), 0, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueAcquireGLObjects");
	r = d->clEnqueueReleaseGLObjects(H(cl_command_queue), 0, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueReleaseGLObjects");
	r = d->clGetGLContextInfoKHR(NULL, 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetGLContextInfoKHR");
	r = d->clSetEventCallback(H(cl_event), 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clSetEventCallback");
	CHECK_NOT(d->clCreateSubBuffer(H(cl_mem), 0, 0, NULL, NULL) != NULL, "clCreateSubBuffer");
	r = d->clSetMemObjectDestructorCallback(H(cl_mem), NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clSetMemObjectDestructorCallback");
	CHECK_NOT(d->clCreateUserEvent(H(cl_context), NULL) != NULL, "clCreateUserEvent");
	r = d->clSetUserEventStatus(H(cl_event), 0); CHECK_NOT(r == CL_SUCCESS, "clSetUserEventStatus");
	r = d->clEnqueueReadBufferRect(H(cl_command_queue), H(cl_mem), 0, NULL, NULL, NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueReadBufferRect");
	r = d->clEnqueueWriteBufferRect(H(cl_command_queue), H(cl_mem), 0, NULL, NULL, NULL, 0, 0, 0, 0, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueWriteBufferRect");
	r = d->clEnqueueCopyBufferRect(H(cl_command_queue), H(cl_mem), H(cl_mem), NULL, NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueCopyBufferRect");
	CHECK_NOT(d->clCreateEventFromGLsyncKHR(H(cl_context), 0, NULL) != NULL, "clCreateEventFromGLsyncKHR");
	r = d->clCreateSubDevices(H(cl_device_id), NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clCreateSubDevices");
	r = d->clRetainDevice(H(cl_device_id)); CHECK_NOT(r == CL_SUCCESS, "clRetainDevice");
	r = d->clReleaseDevice(H(cl_device_id)); CHECK_NOT(r == CL_SUCCESS, "clReleaseDevice");
	CHECK_NOT(d->clCreateImage(H(cl_context), 0, NULL, NULL, NULL, NULL) != NULL, "clCreateImage");
	CHECK_NOT(d->clCreateProgramWithBuiltInKernels(H(cl_context), 0, NULL, NULL, NULL) != NULL, "clCreateProgramWithBuiltInKernels");
	r = d->clCompileProgram(H(cl_program), 0, NULL, NULL, 0, NULL, NULL, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clCompileProgram");
	CHECK_NOT(d->clLinkProgram(H(cl_context), 0, NULL, NULL, 0, NULL, NULL, NULL, NULL) != NULL, "clLinkProgram");
	r = d->clUnloadPlatformCompiler(H(cl_platform_id)); CHECK_NOT(r == CL_SUCCESS, "clUnloadPlatformCompiler");
	r = d->clGetKernelArgInfo(H(cl_kernel), 0, 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetKernelArgInfo");
	r = d->clEnqueueFillBuffer(H(cl_command_queue), H(cl_mem), NULL, 0, 0, 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueFillBuffer");
	r = d->clEnqueueFillImage(H(cl_command_queue), H(cl_mem), NULL, NULL, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueFillImage");
	r = d->clEnqueueMigrateMemObjects(H(cl_command_queue), 0, NULL, 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueMigrateMemObjects");
	r = d->clEnqueueMarkerWithWaitList(H(cl_command_queue), 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueMarkerWithWaitList");
	r = d->clEnqueueBarrierWithWaitList(H(cl_command_queue), 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueBarrierWithWaitList");
	CHECK_NOT(d->clGetExtensionFunctionAddressForPlatform(H(cl_platform_id), NULL) != NULL, "clGetExtensionFunctionAddressForPlatform");
	CHECK_NOT(d->clCreateFromGLTexture(H(cl_context), 0, 0, 0, 0, NULL) != NULL, "clCreateFromGLTexture");
	CHECK_NOT(d->clCreateCommandQueueWithProperties(H(cl_context), H(cl_device_id), NULL, NULL) != NULL, "clCreateCommandQueueWithProperties");
	CHECK_NOT(d->clCreatePipe(H(cl_context), 0, 0, 0, NULL, NULL) != NULL, "clCreatePipe");
	r = d->clGetPipeInfo(H(cl_mem), 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetPipeInfo");
	CHECK_NOT(d->clSVMAlloc(H(cl_context), 0, 0, 0) != NULL, "clSVMAlloc");
	d->clSVMFree(H(cl_context), NULL);
	r = d->clEnqueueSVMFree(H(cl_command_queue), 0, NULL, NULL, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueSVMFree");
	r = d->clEnqueueSVMMemcpy(H(cl_command_queue), 0, NULL, NULL, 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueSVMMemcpy");
	r = d->clEnqueueSVMMemFill(H(cl_command_queue), NULL, NULL, 0, 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueSVMMemFill");
	r = d->clEnqueueSVMMap(H(cl_command_queue), 0, 0, NULL, 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueSVMMap");
	r = d->clEnqueueSVMUnmap(H(cl_command_queue), NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueSVMUnmap");
	CHECK_NOT(d->clCreateSamplerWithProperties(H(cl_context), NULL, NULL) != NULL, "clCreateSamplerWithProperties");
	r = d->clSetKernelArgSVMPointer(H(cl_kernel), 0, NULL); CHECK_NOT(r == CL_SUCCESS, "clSetKernelArgSVMPointer");
	r = d->clSetKernelExecInfo(H(cl_kernel), 0, 0, NULL); CHECK_NOT(r == CL_SUCCESS, "clSetKernelExecInfo");
	CHECK_NOT(d->clCloneKernel(H(cl_kernel), NULL) != NULL, "clCloneKernel");
	CHECK_NOT(d->clCreateProgramWithIL(H(cl_context), NULL, 0, NULL) != NULL, "clCreateProgramWithIL");
	r = d->clEnqueueSVMMigrateMem(H(cl_command_queue), 0, NULL, NULL, 0, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clEnqueueSVMMigrateMem");
	r = d->clGetDeviceAndHostTimer(H(cl_device_id), NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetDeviceAndHostTimer");
	r = d->clGetHostTimer(H(cl_device_id), NULL); CHECK_NOT(r == CL_SUCCESS, "clGetHostTimer");
	r = d->clGetKernelSubGroupInfo(H(cl_kernel), H(cl_device_id), 0, 0, NULL, 0, NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clGetKernelSubGroupInfo");
	r = d->clSetDefaultDeviceCommandQueue(H(cl_context), H(cl_device_id), H(cl_command_queue)); CHECK_NOT(r == CL_SUCCESS, "clSetDefaultDeviceCommandQueue");
	r = d->clSetProgramReleaseCallback(H(cl_program), NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clSetProgramReleaseCallback");
	r = d->clSetProgramSpecializationConstant(H(cl_program), 0, 0, NULL); CHECK_NOT(r == CL_SUCCESS, "clSetProgramSpecializationConstant");
	CHECK_NOT(d->clCreateBufferWithProperties(H(cl_context), NULL, 0, 0, NULL, NULL) != NULL, "clCreateBufferWithProperties");
	CHECK_NOT(d->clCreateImageWithProperties(H(cl_context), NULL, 0, NULL, NULL, NULL, NULL) != NULL, "clCreateImageWithProperties");
	r = d->clSetContextDestructorCallback(H(cl_context), NULL, NULL); CHECK_NOT(r == CL_SUCCESS, "clSetContextDestructorCallback");
}

int main(void) {
	test_env t = test_setup();
	const struct _cl_icd_dispatch *d = *(const struct _cl_icd_dispatch **)t.platform;
	cl_int err;
	cl_context dead = clCreateContext(NULL, 1, &t.device, NULL, NULL, &err);
	REQUIRE_OK(err);
	clReleaseContext(dead);
	void *rounds[] = {NULL, GARBAGE, dead};
	for (int i = 0; i < 3; i++) {
		bad_handle = rounds[i];
		call_all(d, i);
	}
	/* Still alive and well. */
	cl_mem m = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 16, NULL, &err);
	CHECK_OK(err);
	clReleaseMemObject(m);
	test_teardown(&t);
	return check_done();
}
