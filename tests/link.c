/* A kernel that reaches a barrier through a function of another compiled
 * object runs with its barrier honoured (the linked module decides). Two
 * objects that define the same function fail to link with
 * CL_LINK_PROGRAM_FAILURE and a log that names it; the process goes on
 * (libLLVM's own handler for the error would end it). */
#include "check.h"
static const char *a = "void helper(global int *o, local int *t);\n"
"kernel void k(global int *o) { local int t[8]; t[get_local_id(0)] = (int)get_local_id(0); helper(o, t); }\n";
static const char *b = "void helper(global int *o, local int *t) { barrier(CLK_LOCAL_MEM_FENCE); o[get_global_id(0)] = t[7 - get_local_id(0)]; }\n";
int main(void) {
  test_env t = test_setup(); cl_int err;
  cl_program pa = clCreateProgramWithSource(t.context, 1, &a, NULL, &err), pb = clCreateProgramWithSource(t.context, 1, &b, NULL, &err);
  CHECK_OK(clCompileProgram(pa, 0, NULL, "", 0, NULL, NULL, NULL, NULL)); CHECK_OK(clCompileProgram(pb, 0, NULL, "", 0, NULL, NULL, NULL, NULL));
  cl_program in[2] = {pa, pb};
  cl_program p = clLinkProgram(t.context, 0, NULL, "", 2, in, NULL, NULL, &err); CHECK_OK(err);
  cl_kernel k = clCreateKernel(p, "k", &err); CHECK_OK(err);
  cl_mem o = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 64*4, NULL, &err);
  clSetKernelArg(k, 0, sizeof o, &o); size_t g = 64, l = 8;
  CHECK_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, &l, 0, NULL, NULL));
  int r[64]; clEnqueueReadBuffer(t.queue, o, CL_TRUE, 0, sizeof r, r, 0, NULL, NULL);
  int bad = 0; for (int i = 0; i < 64; i++) if (r[i] != 7 - i % 8) bad++;
  CHECK(bad == 0);

  static const char *twice = "int get_number(void) { return 42; }\n";
  static const char *user = "int get_number(void);\nkernel void n(global int *o) { o[0] = get_number(); }\n";
  cl_program d1 = clCreateProgramWithSource(t.context, 1, &twice, NULL, &err), d2 = clCreateProgramWithSource(t.context, 1, &twice, NULL, &err);
  cl_program du = clCreateProgramWithSource(t.context, 1, &user, NULL, &err);
  CHECK_OK(clCompileProgram(d1, 0, NULL, "", 0, NULL, NULL, NULL, NULL));
  CHECK_OK(clCompileProgram(d2, 0, NULL, "", 0, NULL, NULL, NULL, NULL));
  CHECK_OK(clCompileProgram(du, 0, NULL, "", 0, NULL, NULL, NULL, NULL));
  cl_program dup[3] = {du, d1, d2};
  cl_program pd = clLinkProgram(t.context, 1, &t.device, "", 3, dup, NULL, NULL, &err);
  CHECK(err == CL_LINK_PROGRAM_FAILURE);
  CHECK(pd != NULL);
  if (pd) {
    char log[4096] = "";
    CHECK_OK(clGetProgramBuildInfo(pd, t.device, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL));
    CHECK(strstr(log, "get_number") != NULL);
    cl_build_status st = CL_BUILD_NONE;
    CHECK_OK(clGetProgramBuildInfo(pd, t.device, CL_PROGRAM_BUILD_STATUS, sizeof st, &st, NULL));
    CHECK(st == CL_BUILD_ERROR);
  }
  /* The two that link still do, after the failure. */
  cl_program ok2[2] = {du, d1};
  cl_program pn = clLinkProgram(t.context, 1, &t.device, "", 2, ok2, NULL, NULL, &err);
  CHECK_OK(err);
  cl_kernel kn = clCreateKernel(pn, "n", &err); CHECK_OK(err);
  clSetKernelArg(kn, 0, sizeof o, &o); size_t one = 1;
  CHECK_OK(clEnqueueNDRangeKernel(t.queue, kn, 1, NULL, &one, NULL, 0, NULL, NULL));
  int n = 0; clEnqueueReadBuffer(t.queue, o, CL_TRUE, 0, sizeof n, &n, 0, NULL, NULL);
  CHECK(n == 42);
  return check_done();
}
