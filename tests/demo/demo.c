/* gocl demo: create a buffer, map it, write through the mapping, unmap it
 * and read it back, through the system's ICD loader. */
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>
#include <stdio.h>
#include <string.h>

#define N 1024

#define TRY(call) do { cl_int e_ = (call); if (e_ != CL_SUCCESS) { \
	fprintf(stderr, "%s failed: %d\n", #call, e_); return 1; } } while (0)

int main(void) {
	cl_platform_id platforms[8];
	cl_uint n = 0;
	TRY(clGetPlatformIDs(8, platforms, &n));
	cl_platform_id platform = NULL;
	for (cl_uint i = 0; i < n; i++) {
		char name[128] = "";
		clGetPlatformInfo(platforms[i], CL_PLATFORM_NAME, sizeof name, name, NULL);
		if (strcmp(name, "gocl") == 0) platform = platforms[i];
	}
	if (!platform) { fprintf(stderr, "the gocl platform is not visible to the loader\n"); return 1; }
	cl_device_id dev;
	TRY(clGetDeviceIDs(platform, CL_DEVICE_TYPE_CPU, 1, &dev, NULL));
	char devname[256];
	TRY(clGetDeviceInfo(dev, CL_DEVICE_NAME, sizeof devname, devname, NULL));
	printf("device: %s\n", devname);

	cl_int err;
	cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
	TRY(err);
	cl_command_queue q = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
	TRY(err);
	cl_mem buf = clCreateBuffer(ctx, CL_MEM_READ_WRITE, N * sizeof(int), NULL, &err);
	TRY(err);

	int *p = clEnqueueMapBuffer(q, buf, CL_TRUE, CL_MAP_WRITE_INVALIDATE_REGION, 0, N * sizeof(int), 0, NULL, NULL, &err);
	TRY(err);
	for (int i = 0; i < N; i++) p[i] = i * i;
	printf("mapped %zu bytes at %p, wrote squares\n", N * sizeof(int), (void *)p);
	TRY(clEnqueueUnmapMemObject(q, buf, p, 0, NULL, NULL));

	int back[N];
	TRY(clEnqueueReadBuffer(q, buf, CL_TRUE, 0, sizeof back, back, 0, NULL, NULL));
	for (int i = 0; i < N; i++)
		if (back[i] != i * i) { fprintf(stderr, "mismatch at %d: %d\n", i, back[i]); return 1; }
	printf("read back %d values: all correct (back[%d] = %d)\n", N, N - 1, back[N - 1]);

	clReleaseMemObject(buf);
	clReleaseCommandQueue(q);
	clReleaseContext(ctx);
	printf("demo: OK\n");
	return 0;
}
