/* A kernel that reaches a barrier through a function of another compiled
 * object runs with its barrier honoured (the linked module decides). */
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
  return check_done();
}
