/* Kernel-scope __local variables are aligned like buffers (128 bytes),
 * whatever their type asks: piglit's vstorea_half16 into a short array
 * (OpenCL C 1.2) faulted when gocl placed the array 16 bytes past a 64-byte
 * boundary and the store was an aligned 32-byte vector move. */
#include "check.h"
#include <math.h>
static const char *src =
"kernel void k(global ulong *at, global float16 *in, global short *out) {\n"
"  volatile local short loc[48];\n"
"  local char c[3];\n"
"  local int i[5];\n"
"  at[0] = (ulong)loc % 128; at[1] = (ulong)c % 128; at[2] = (ulong)i % 128;\n"
"  for (int j = 0; j < 48; j++) loc[j] = 0;\n"
"  c[0] = 1; i[0] = 2;\n"
"  vstorea_half16(in[0], 0, (local half *)loc + 16);\n"
"  vstorea_half16(in[0], 1, (local half *)loc + 16);\n"
"  for (int j = 0; j < 48; j++) out[j] = loc[j] + c[0] + i[0] - 3;\n"
"}\n";
int main(void) {
  test_env t = test_setup(); cl_int err;
  const char *stds[] = {"-cl-std=CL1.2", "-cl-std=CL3.0"};
  for (int s = 0; s < 2; s++) {
    cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err); CHECK_OK(err);
    CHECK_OK(clBuildProgram(p, 1, &t.device, stds[s], NULL, NULL));
    cl_kernel k = clCreateKernel(p, "k", &err); CHECK_OK(err);
    float in[16]; for (int j = 0; j < 16; j++) in[j] = (float)(j + 1);
    cl_mem at = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 3 * 8, NULL, &err);
    cl_mem ib = clCreateBuffer(t.context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof in, in, &err);
    cl_mem ob = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 48 * 2, NULL, &err);
    clSetKernelArg(k, 0, sizeof at, &at); clSetKernelArg(k, 1, sizeof ib, &ib); clSetKernelArg(k, 2, sizeof ob, &ob);
    size_t one = 1;
    CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &one, &one, 0, NULL, NULL));
    cl_ulong a[3] = {1, 1, 1}; short o[48];
    CHECK_OK(clEnqueueReadBuffer(t.queue, at, CL_TRUE, 0, sizeof a, a, 0, NULL, NULL));
    CHECK_OK(clEnqueueReadBuffer(t.queue, ob, CL_TRUE, 0, sizeof o, o, 0, NULL, NULL));
    CHECK(a[0] == 0 && a[1] == 0 && a[2] == 0);
    /* halves of 1..16 at 16..31 and again at 32..47, zeros before */
    int bad = 0;
    for (int j = 0; j < 48; j++) {
      float want = j < 16 ? 0.0f : (float)((j - 16) % 16 + 1);
      unsigned short h = (unsigned short)o[j];
      int e = (h >> 10) & 31, m = h & 1023;
      float got = e ? ldexpf(1.0f + m / 1024.0f, e - 15) : ldexpf(m / 1024.0f, -14);
      if (got != want) bad++;
    }
    CHECK(bad == 0);
    clReleaseMemObject(at); clReleaseMemObject(ib); clReleaseMemObject(ob); clReleaseKernel(k); clReleaseProgram(p);
  }
  return check_done();
}
