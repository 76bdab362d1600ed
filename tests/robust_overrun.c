/* A kernel that writes a little past a small buffer (piglit's bswap and
 * clz tests launch 24 work-items on 8-element buffers) must not bring the
 * process down: small buffers have zeroed room past their end, as PoCL's
 * sub-allocated ones do. What the kernel wrote inside the buffer reads
 * back; the writes past it are lost. */
#include "check.h"
static const char *src =
"kernel void k(global uint *out, global const uint *in) { size_t i = get_global_id(0); out[i] = in[i] ^ 0xff; }\n";
int main(void) {
  test_env t = test_setup(); cl_int err;
  cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err); CHECK_OK(err);
  CHECK_OK(clBuildProgram(p, 1, &t.device, "", NULL, NULL));
  cl_kernel k = clCreateKernel(p, "k", &err); CHECK_OK(err);
  int bad = 0;
  for (int round = 0; round < 50; round++) {
    cl_uint in[8]; for (int j = 0; j < 8; j++) in[j] = (cl_uint)(round * 8 + j);
    cl_mem ib = clCreateBuffer(t.context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, sizeof in, in, &err);
    cl_mem ob = clCreateBuffer(t.context, CL_MEM_READ_WRITE, sizeof in, NULL, &err);
    clSetKernelArg(k, 0, sizeof ob, &ob); clSetKernelArg(k, 1, sizeof ib, &ib);
    size_t g = 24; /* three times the buffers' 8 elements */
    CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL));
    cl_uint out[8];
    CHECK_OK(clEnqueueReadBuffer(t.queue, ob, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
    for (int j = 0; j < 8; j++) if (out[j] != (in[j] ^ 0xff)) bad++;
    clReleaseMemObject(ib); clReleaseMemObject(ob);
    void *churn[16]; for (int j = 0; j < 16; j++) churn[j] = malloc(24 + 8 * j); for (int j = 0; j < 16; j++) free(churn[j]);
  }
  CHECK(bad == 0);
  clReleaseKernel(k); clReleaseProgram(p);
  return check_done();
}
