/* The OpenCL C 1.x atomic functions on __local memory are plain
 * read-modify-writes (build/lib/atomic.cl: a work-group's work-items run on
 * one thread). Each must still act as one indivisible step for every
 * work-item: unique tickets from one counter, histograms whose bins
 * collide within a vector of work-items, a float sum built from
 * atomic_cmpxchg in a loop whose trip count varies by work-item, and the
 * other operations on 32- and 64-bit values, and OpenCL C 2.0's
 * functions on __local atomic objects (float included), in 1D and 2D groups, in
 * generic code and, in a child process with GOCL_SPECIALIZE=1, in code
 * compiled for the launch's local size. Every expectation is computed on
 * the host. */
#include "check.h"
#include <sys/wait.h>

static const char *src =
"#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable\n"
"#pragma OPENCL EXTENSION cl_khr_int64_extended_atomics : enable\n"
"size_t lid(void) { return get_local_id(1) * get_local_size(0) + get_local_id(0); }\n"
"size_t lsz(void) { return get_local_size(0) * get_local_size(1); }\n"
"size_t grp(void) { return get_group_id(1) * get_num_groups(0) + get_group_id(0); }\n"
"kernel void tickets(global uint *out, global uint *total) {\n"
"  local uint cnt;\n"
"  if (lid() == 0) cnt = 0;\n"
"  barrier(CLK_LOCAL_MEM_FENCE);\n"
"  out[grp() * lsz() + lid()] = atomic_inc(&cnt);\n"
"  barrier(CLK_LOCAL_MEM_FENCE);\n"
"  if (lid() == 0) total[grp()] = cnt;\n"
"}\n"
"kernel void hist(global uint *out) {\n"
"  local uint h[16];\n"
"  for (size_t i = lid(); i < 16; i += lsz()) h[i] = 0;\n"
"  barrier(CLK_LOCAL_MEM_FENCE);\n"
"  uint g = (uint)(grp() * lsz() + lid());\n"
"  for (uint k = 0; k < 64; k++) atomic_add(&h[(g * 7 + k * 13) & 15], k & 3);\n"
"  barrier(CLK_LOCAL_MEM_FENCE);\n"
"  for (size_t i = lid(); i < 16; i += lsz()) out[grp() * 16 + i] = h[i];\n"
"}\n"
"kernel void fsum(global float *out) {\n"
"  local float s;\n"
"  if (lid() == 0) s = 0.0f;\n"
"  barrier(CLK_LOCAL_MEM_FENCE);\n"
"  for (uint k = 0; k <= (lid() & 7); k++) {\n"
"    uint prev, old;\n"
"    do { old = as_uint(s); prev = atomic_cmpxchg((volatile local uint *)&s, old, as_uint(as_float(old) + 1.0f)); } while (prev != old);\n"
"  }\n"
"  barrier(CLK_LOCAL_MEM_FENCE);\n"
"  if (lid() == 0) out[grp()] = s;\n"
"}\n"
"kernel void ops(global int *out, global long *out64) {\n"
"  local int v[8]; local long w[2];\n"
"  if (lid() == 0) { v[0] = 0; v[1] = 1000000; v[2] = INT_MIN; v[3] = INT_MAX; v[4] = -1; v[5] = 0; v[6] = 0; v[7] = 0; w[0] = 0; w[1] = 0; }\n"
"  barrier(CLK_LOCAL_MEM_FENCE);\n"
"  int g = (int)(grp() * lsz() + lid()), h = (int)((uint)g * 2654435761u);\n"
"  atomic_sub(&v[0], g % 11);\n"
"  atomic_dec(&v[1]);\n"
"  atomic_max(&v[2], h);\n"
"  atomic_min(&v[3], h);\n"
"  atomic_and(&v[4], ~(1 << (g % 31)));\n"
"  atomic_or(&v[5], 1 << (g % 29));\n"
"  atomic_xor(&v[6], h);\n"
"  atomic_xchg(&v[7], 5);\n"
"  atom_add(&w[0], (long)g << 33);\n"
"  atom_max(&w[1], (long)h * 3);\n"
"  barrier(CLK_LOCAL_MEM_FENCE);\n"
"  if (lid() == 0) { for (int i = 0; i < 8; i++) out[grp() * 8 + i] = v[i]; out64[grp() * 2] = w[0]; out64[grp() * 2 + 1] = w[1]; }\n"
"}\n"
"#if __OPENCL_C_VERSION__ >= 200\n"
"kernel void c11(global uint *out, global uint *res, global float *fres) {\n"
"  local atomic_uint cnt, mx; local atomic_float fs;\n"
"  if (lid() == 0) { atomic_init(&cnt, 0); atomic_init(&mx, 0); atomic_init(&fs, 0.0f); }\n"
"  work_group_barrier(CLK_LOCAL_MEM_FENCE);\n"
"  uint g = (uint)(grp() * lsz() + lid());\n"
"  out[g] = atomic_fetch_add_explicit(&cnt, 1, memory_order_relaxed, memory_scope_work_group);\n"
"  atomic_fetch_max(&mx, g * 2654435761u);\n"
"  atomic_fetch_add(&fs, (float)(lid() & 7) + 1.0f);\n"
"  work_group_barrier(CLK_LOCAL_MEM_FENCE);\n"
"  if (lid() == 0) { res[grp() * 2] = atomic_load(&cnt); res[grp() * 2 + 1] = atomic_load(&mx); fres[grp()] = atomic_load(&fs); }\n"
"}\n"
"#endif\n";

static cl_mem buf(test_env *t, size_t size) {
  cl_int err;
  cl_mem m = clCreateBuffer(t->context, CL_MEM_READ_WRITE, size, NULL, &err);
  CHECK_OK(err);
  return m;
}

static void launch(test_env *t, cl_kernel k, const size_t *g, const size_t *l) {
  CHECK_OK(clEnqueueNDRangeKernel(t->queue, k, 2, NULL, g, l, 0, NULL, NULL));
}

static void read_back(test_env *t, cl_mem m, size_t size, void *out) {
  CHECK_OK(clEnqueueReadBuffer(t->queue, m, CL_TRUE, 0, size, out, 0, NULL, NULL));
}

static void c11_checks(test_env *t, cl_program p, size_t gx, size_t gy, size_t lx, size_t ly);

static void checks(test_env *t, cl_program p, size_t gx, size_t gy, size_t lx, size_t ly) {
  cl_int err;
  size_t g[2] = {gx, gy}, l[2] = {lx, ly}, n = gx * gy, per = lx * ly, groups = n / per, bad = 0;
  /* tickets: a permutation of 0..per-1 in each group */
  cl_kernel k = clCreateKernel(p, "tickets", &err); CHECK_OK(err);
  size_t room = n * 8 > groups * 64 ? n * 8 : groups * 64; /* tickets, bins, results */
  cl_mem out = buf(t, room), tot = buf(t, groups * 4);
  clSetKernelArg(k, 0, sizeof out, &out); clSetKernelArg(k, 1, sizeof tot, &tot);
  launch(t, k, g, l);
  cl_uint *o = malloc(room), *tt = malloc(groups * 4);
  char *seen = malloc(per);
  read_back(t, out, n * 4, o); read_back(t, tot, groups * 4, tt);
  for (size_t gr = 0; gr < groups; gr++) {
    memset(seen, 0, per);
    for (size_t i = 0; i < per; i++) {
      cl_uint v = o[gr * per + i];
      if (v >= per || seen[v]++) bad++;
    }
    if (tt[gr] != per) bad++;
  }
  CHECK(bad == 0);
  clReleaseKernel(k);
  /* histogram */
  k = clCreateKernel(p, "hist", &err); CHECK_OK(err);
  clSetKernelArg(k, 0, sizeof out, &out);
  launch(t, k, g, l);
  read_back(t, out, groups * 16 * 4, o);
  bad = 0;
  for (size_t gr = 0; gr < groups; gr++) {
    cl_uint want[16] = {0};
    for (size_t i = 0; i < per; i++)
      for (cl_uint kk = 0; kk < 64; kk++) want[((cl_uint)(gr * per + i) * 7 + kk * 13) & 15] += kk & 3;
    for (int b = 0; b < 16; b++) if (o[gr * 16 + b] != want[b]) bad++;
  }
  CHECK(bad == 0);
  clReleaseKernel(k);
  /* float sum through atomic_cmpxchg */
  k = clCreateKernel(p, "fsum", &err); CHECK_OK(err);
  clSetKernelArg(k, 0, sizeof out, &out);
  launch(t, k, g, l);
  float *f = (float *)o;
  read_back(t, out, groups * 4, f);
  float want = 0;
  for (size_t i = 0; i < per; i++) want += (float)((i & 7) + 1);
  bad = 0;
  for (size_t gr = 0; gr < groups; gr++) if (f[gr] != want) bad++;
  CHECK(bad == 0);
  clReleaseKernel(k);
  /* the other operations */
  k = clCreateKernel(p, "ops", &err); CHECK_OK(err);
  cl_mem out64 = buf(t, groups * 16);
  clSetKernelArg(k, 0, sizeof out, &out); clSetKernelArg(k, 1, sizeof out64, &out64);
  launch(t, k, g, l);
  cl_int *v = (cl_int *)o;
  cl_long *w = malloc(groups * 16);
  read_back(t, out, groups * 32, v); read_back(t, out64, groups * 16, w);
  bad = 0;
  for (size_t gr = 0; gr < groups; gr++) {
    cl_int e[8] = {0, 1000000, INT32_MIN, INT32_MAX, -1, 0, 0, 5};
    cl_long e64[2] = {0, 0};
    for (size_t i = 0; i < per; i++) {
      cl_int gi = (cl_int)(gr * per + i), h = (cl_int)((cl_uint)gi * 2654435761u);
      e[0] -= gi % 11; e[1]--;
      if (h > e[2]) e[2] = h;
      if (h < e[3]) e[3] = h;
      e[4] &= ~(1 << (gi % 31)); e[5] |= 1 << (gi % 29); e[6] ^= h;
      e64[0] += (cl_long)gi << 33;
      if ((cl_long)h * 3 > e64[1]) e64[1] = (cl_long)h * 3;
    }
    for (int i = 0; i < 8; i++) if (v[gr * 8 + i] != e[i]) bad++;
    if (w[gr * 2] != e64[0] || w[gr * 2 + 1] != e64[1]) bad++;
  }
  CHECK(bad == 0);
  clReleaseKernel(k);
  clReleaseMemObject(out); clReleaseMemObject(tot); clReleaseMemObject(out64);
  free(o); free(tt); free(seen); free(w);
}

/* The OpenCL C 2.0 functions on __local atomic objects: tickets, the
 * largest hash, a float sum. */
static void c11_checks(test_env *t, cl_program p, size_t gx, size_t gy, size_t lx, size_t ly) {
  cl_int err;
  size_t g[2] = {gx, gy}, l[2] = {lx, ly}, n = gx * gy, per = lx * ly, groups = n / per, bad = 0;
  cl_kernel k = clCreateKernel(p, "c11", &err); CHECK_OK(err);
  cl_mem out = buf(t, n * 4), res = buf(t, groups * 8), fres = buf(t, groups * 4);
  clSetKernelArg(k, 0, sizeof out, &out); clSetKernelArg(k, 1, sizeof res, &res); clSetKernelArg(k, 2, sizeof fres, &fres);
  launch(t, k, g, l);
  cl_uint *o = malloc(n * 4), *r = malloc(groups * 8);
  float *f = malloc(groups * 4), want = 0;
  char *seen = malloc(per);
  read_back(t, out, n * 4, o); read_back(t, res, groups * 8, r); read_back(t, fres, groups * 4, f);
  for (size_t i = 0; i < per; i++) want += (float)((i & 7) + 1);
  for (size_t gr = 0; gr < groups; gr++) {
    memset(seen, 0, per);
    cl_uint mx = 0;
    for (size_t i = 0; i < per; i++) {
      cl_uint v = o[gr * per + i], h = (cl_uint)(gr * per + i) * 2654435761u;
      if (v >= per || seen[v]++) bad++;
      if (h > mx) mx = h;
    }
    if (r[gr * 2] != per || r[gr * 2 + 1] != mx || f[gr] != want) bad++;
  }
  CHECK(bad == 0);
  clReleaseKernel(k); clReleaseMemObject(out); clReleaseMemObject(res); clReleaseMemObject(fres);
  free(o); free(r); free(f); free(seen);
}

int main(int argc, char **argv) {
  int child = argc > 1 && strcmp(argv[1], "child") == 0;
  test_env t = test_setup(); cl_int err;
  cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err); CHECK_OK(err);
  REQUIRE_OK(clBuildProgram(p, 1, &t.device, "", NULL, NULL));
  cl_program p20 = clCreateProgramWithSource(t.context, 1, &src, NULL, &err); CHECK_OK(err);
  REQUIRE_OK(clBuildProgram(p20, 1, &t.device, "-cl-std=CL2.0", NULL, NULL));
  size_t shapes[][4] = {{4096, 1, 256, 1}, {256, 64, 16, 16}, {64, 64, 8, 4}, {96, 8, 3, 2}, {64, 4, 1, 1}};
  for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++) {
    checks(&t, p, shapes[s][0], shapes[s][1], shapes[s][2], shapes[s][3]);
    c11_checks(&t, p20, shapes[s][0], shapes[s][1], shapes[s][2], shapes[s][3]);
  }
  clReleaseProgram(p); clReleaseProgram(p20);
  if (child) return check_failed ? 1 : 0;
  /* the same in code compiled for each launch's local size */
  fflush(stdout), fflush(stderr);
  pid_t pid = fork();
  if (pid == 0) {
    setenv("GOCL_SPECIALIZE", "1", 1);
    execl("/proc/self/exe", "local_atomics", "child", (char *)NULL);
    _exit(127);
  }
  int status = 0;
  CHECK(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
  return check_done();
}
