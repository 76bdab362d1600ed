/* Kernels named like C library functions run themselves, and the code the
 * compiler and the builtin library generate still reaches the C library. */
#include "check.h"
static const char *src =
"typedef struct { int a[16]; } big;\n"
"kernel void write(global int *o) { o[get_global_id(0)] = 7; }\n"
"kernel void memcpy(global big *o, global const big *i) { o[get_global_id(0)] = i[get_global_id(0)]; }\n"
"kernel void free(global int *o) { printf(\"\"); o[0] = 3; }\n";
int main(void) {
  test_env t = test_setup(); cl_int err;
  cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err);
  err = clBuildProgram(p, 0, NULL, "", NULL, NULL); CHECK_OK(err);
  if (err) { char log[4096]; clGetProgramBuildInfo(p, t.device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL); puts(log); return 1; }
  cl_mem o = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 64 * 64, NULL, &err), i = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 64*64, NULL, &err);
  int pat = 5; clEnqueueFillBuffer(t.queue, i, &pat, 4, 0, 64*64, 0, NULL, NULL);
  const char *names[] = {"write", "memcpy", "free"};
  for (int n = 0; n < 3; n++) {
    cl_kernel k = clCreateKernel(p, names[n], &err); CHECK_OK(err);
    clSetKernelArg(k, 0, sizeof o, &o); if (n == 1) clSetKernelArg(k, 1, sizeof i, &i);
    size_t g = 4; CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL));
    int r[64]; CHECK_OK(clEnqueueReadBuffer(t.queue, o, CL_TRUE, 0, sizeof r, r, 0, NULL, NULL));
    CHECK(r[0] == (n == 0 ? 7 : n == 1 ? 5 : 3));
  }
  return check_done();
}
