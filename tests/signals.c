/* An application that installs a signal handler without SA_ONSTACK after
 * gocl is loaded, and gets that signal thousands of times while kernels,
 * maps and unmaps run on other threads, keeps running. */
#include "check.h"
#include <signal.h>
#include <pthread.h>
#include <unistd.h>
static volatile long hits;
static void on_usr1(int s) { (void)s; char big[2048]; big[0] = 1; hits += big[0]; }
static volatile int stop;
static test_env t;
static void *work(void *a) {
  cl_int err; const char *src = "kernel void k(global int *o) { o[get_global_id(0)] += 1; }";
  cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err); clBuildProgram(p, 0, NULL, "", NULL, NULL);
  cl_kernel k = clCreateKernel(p, "k", &err); cl_mem m = clCreateBuffer(t.context, CL_MEM_READ_WRITE, 1 << 20, NULL, &err);
  clSetKernelArg(k, 0, sizeof m, &m); size_t g = 1 << 18;
  while (!stop) { clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL); void *q = clEnqueueMapBuffer(t.queue, m, CL_TRUE, CL_MAP_READ, 0, 64, 0, NULL, NULL, &err); clEnqueueUnmapMemObject(t.queue, m, q, 0, NULL, NULL); }
  clFinish(t.queue); return NULL;
}
int main(void) {
  t = test_setup();
  struct sigaction sa = {0}; sa.sa_handler = on_usr1; sigaction(SIGUSR1, &sa, NULL); /* no SA_ONSTACK */
  pthread_t th; pthread_create(&th, NULL, work, NULL);
  for (int i = 0; i < 20000; i++) { kill(getpid(), SIGUSR1); if (i % 100 == 0) usleep(100); }
  stop = 1; pthread_join(th, NULL);
  CHECK(hits > 0 && hits <= 20000); /* standard signals may coalesce */
  return check_done();
}
