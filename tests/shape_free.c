/* Kernels that observe nothing of their work-groups (build/shape_free.go)
 * run in work-groups of gocl's shape, whatever the application asked: every
 * work-item must still run once, with its own global id, under offsets,
 * partial last groups (OpenCL C 2.0 and later) and 3D ranges; the errors of
 * the application's local size stay; and a kernel that reads its local size
 * still sees the one it was launched with. */
#include "check.h"
static const char *src =
"kernel void ids(global uint *out, global uint *count) {\n"
"  size_t x = get_global_id(0) - get_global_offset(0), y = get_global_id(1) - get_global_offset(1),\n"
"         z = get_global_id(2) - get_global_offset(2);\n"
"  size_t i = (z * get_global_size(1) + y) * get_global_size(0) + x;\n"
"  out[i] = (uint)(get_global_id(0) | get_global_id(1) << 10 | get_global_id(2) << 20);\n"
"  atomic_inc(&count[i]);\n"
"}\n"
"kernel void sizes(global uint *out, global uint *count) {\n"
"  size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);\n"
"  out[i] = (uint)(get_local_size(0) | get_local_size(1) << 10);\n"
"  count[i] = get_local_id(0) + get_local_id(1) * get_local_size(0);\n"
"}\n";

typedef struct { cl_uint dim; size_t off[3], global[3], local[3]; } launch;

/* run launches ids (or sizes) and checks every work-item's output. */
static void run(test_env *t, cl_kernel k, int sizes, launch l) {
  cl_int err;
  size_t n = l.global[0] * (l.dim > 1 ? l.global[1] : 1) * (l.dim > 2 ? l.global[2] : 1);
  cl_uint *zero = calloc(n, sizeof(cl_uint)), *out = malloc(n * 4), *count = malloc(n * 4);
  cl_mem ob = clCreateBuffer(t->context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, n * 4, zero, &err); CHECK_OK(err);
  cl_mem cb = clCreateBuffer(t->context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, n * 4, zero, &err); CHECK_OK(err);
  clSetKernelArg(k, 0, sizeof ob, &ob); clSetKernelArg(k, 1, sizeof cb, &cb);
  CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, l.dim, l.off, l.global, l.local[0] ? l.local : NULL, 0, NULL, NULL));
  CHECK_OK(clEnqueueReadBuffer(t->queue, ob, CL_TRUE, 0, n * 4, out, 0, NULL, NULL));
  CHECK_OK(clEnqueueReadBuffer(t->queue, cb, CL_TRUE, 0, n * 4, count, 0, NULL, NULL));
  size_t gy = l.dim > 1 ? l.global[1] : 1, gz = l.dim > 2 ? l.global[2] : 1, bad = 0;
  for (size_t z = 0; z < gz; z++)
    for (size_t y = 0; y < gy; y++)
      for (size_t x = 0; x < l.global[0]; x++) {
        size_t i = (z * gy + y) * l.global[0] + x;
        if (sizes) {
          /* (uniform groups here) */
          size_t lx = l.local[0], ly = l.local[1];
          if (out[i] != (cl_uint)(lx | ly << 10) || count[i] != (x % lx) + (y % ly) * lx) bad++;
        } else {
          cl_uint want = (cl_uint)((x + l.off[0]) | (y + l.off[1]) << 10 | (z + l.off[2]) << 20);
          if (out[i] != want || count[i] != 1) bad++;
        }
      }
  if (bad) fprintf(stderr, "%s, dim %u, global %zu %zu %zu, local %zu %zu %zu: %zu of %zu wrong\n", sizes ? "sizes" : "ids",
                   l.dim, l.global[0], l.global[1], l.global[2], l.local[0], l.local[1], l.local[2], bad, n);
  CHECK(bad == 0);
  clReleaseMemObject(ob); clReleaseMemObject(cb); free(zero); free(out); free(count);
}

int main(void) {
  test_env t = test_setup(); cl_int err;
  const char *stds[] = {"-cl-std=CL1.2", "-cl-std=CL3.0"};
  for (int s = 0; s < 2; s++) {
    cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err); CHECK_OK(err);
    REQUIRE_OK(clBuildProgram(p, 1, &t.device, stds[s], NULL, NULL));
    cl_kernel ids = clCreateKernel(p, "ids", &err); CHECK_OK(err);
    cl_kernel sizes = clCreateKernel(p, "sizes", &err); CHECK_OK(err);
    launch uniform[] = {
      {2, {0, 0, 0}, {256, 64, 1}, {16, 16, 1}},
      {2, {5, 7, 0}, {96, 48, 1}, {1, 1, 1}},
      {2, {3, 0, 0}, {48, 40, 1}, {8, 5, 1}},
      {2, {0, 0, 0}, {1024, 2, 1}, {2, 2, 1}},
      {3, {1, 2, 3}, {20, 12, 6}, {4, 3, 2}},
      {3, {0, 0, 0}, {8, 8, 8}, {2, 2, 2}},
      {1, {9, 0, 0}, {4096, 1, 1}, {16, 1, 1}},
    };
    for (size_t i = 0; i < sizeof uniform / sizeof *uniform; i++) run(&t, ids, 0, uniform[i]);
    run(&t, ids, 0, (launch){2, {0, 0, 0}, {64, 64, 1}, {0, 0, 0}}); /* (NULL local size below) */
    if (s == 1) {
      /* partial last groups */
      launch partial[] = {
        {2, {0, 0, 0}, {100, 37, 1}, {16, 16, 1}},
        {2, {11, 13, 0}, {33, 250, 1}, {32, 8, 1}},
        {3, {0, 0, 0}, {17, 9, 5}, {4, 4, 4}},
      };
      for (size_t i = 0; i < sizeof partial / sizeof *partial; i++) run(&t, ids, 0, partial[i]);
    } else {
      /* the application's local size is still checked */
      size_t g[2] = {100, 37}, l[2] = {16, 16};
      cl_mem b = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 100 * 37 * 4, NULL, &err);
      clSetKernelArg(ids, 0, sizeof b, &b); clSetKernelArg(ids, 1, sizeof b, &b);
      CHECK_ERR(clEnqueueNDRangeKernel(t.queue, ids, 2, NULL, g, l, 0, NULL, NULL), CL_INVALID_WORK_GROUP_SIZE);
      size_t big[2] = {128, 64};
      CHECK_ERR(clEnqueueNDRangeKernel(t.queue, ids, 2, NULL, big, big, 0, NULL, NULL), CL_INVALID_WORK_GROUP_SIZE);
      clReleaseMemObject(b);
    }
    /* a kernel that reads its local size and ids runs in the groups asked for */
    run(&t, sizes, 1, (launch){2, {0, 0, 0}, {256, 64, 1}, {16, 16, 1}});
    run(&t, sizes, 1, (launch){2, {0, 0, 0}, {96, 48, 1}, {8, 3, 1}});
    clReleaseKernel(ids); clReleaseKernel(sizes); clReleaseProgram(p);
  }
  return check_done();
}
