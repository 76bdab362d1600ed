// The cl_khr_command_buffer functions, handed out by
// clGetExtensionFunctionAddress* (they are in no dispatch table).
#include <string.h>
#include "gocl.h"
#include "_cgo_export.h"

static const struct {
	const char *name;
	void *fn;
} cmdbuf_functions[] = {
	{"clCreateCommandBufferKHR", (void *)gocl_clCreateCommandBufferKHR},
	{"clFinalizeCommandBufferKHR", (void *)gocl_clFinalizeCommandBufferKHR},
	{"clRetainCommandBufferKHR", (void *)gocl_clRetainCommandBufferKHR},
	{"clReleaseCommandBufferKHR", (void *)gocl_clReleaseCommandBufferKHR},
	{"clEnqueueCommandBufferKHR", (void *)gocl_clEnqueueCommandBufferKHR},
	{"clCommandBarrierWithWaitListKHR", (void *)gocl_clCommandBarrierWithWaitListKHR},
	{"clCommandCopyBufferKHR", (void *)gocl_clCommandCopyBufferKHR},
	{"clCommandCopyBufferRectKHR", (void *)gocl_clCommandCopyBufferRectKHR},
	{"clCommandCopyBufferToImageKHR", (void *)gocl_clCommandCopyBufferToImageKHR},
	{"clCommandCopyImageKHR", (void *)gocl_clCommandCopyImageKHR},
	{"clCommandCopyImageToBufferKHR", (void *)gocl_clCommandCopyImageToBufferKHR},
	{"clCommandFillBufferKHR", (void *)gocl_clCommandFillBufferKHR},
	{"clCommandFillImageKHR", (void *)gocl_clCommandFillImageKHR},
	{"clCommandNDRangeKernelKHR", (void *)gocl_clCommandNDRangeKernelKHR},
	{"clCommandSVMMemcpyKHR", (void *)gocl_clCommandSVMMemcpyKHR},
	{"clCommandSVMMemFillKHR", (void *)gocl_clCommandSVMMemFillKHR},
	{"clGetCommandBufferInfoKHR", (void *)gocl_clGetCommandBufferInfoKHR},
	{"clUpdateMutableCommandsKHR", (void *)gocl_clUpdateMutableCommandsKHR},
	{"clGetMutableCommandInfoKHR", (void *)gocl_clGetMutableCommandInfoKHR},
};

void *gocl_cmdbuf_function(const char *name) {
	for (size_t i = 0; i < sizeof cmdbuf_functions / sizeof cmdbuf_functions[0]; i++)
		if (strcmp(cmdbuf_functions[i].name, name) == 0)
			return cmdbuf_functions[i].fn;
	return NULL;
}
