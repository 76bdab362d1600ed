/* Independent forward progress of sub-groups (cl_khr_subgroups,
 * CL_DEVICE_SUB_GROUP_INDEPENDENT_FORWARD_PROGRESS): work-items of one
 * sub-group wait in a loop for values that work-items of other sub-groups
 * of the same work-group write, in an order that runs against the one the
 * sub-groups would take turns in (the last sub-group first), with
 * sub_group_barrier inside the waiting code, through OpenCL C 2.0 atomics
 * and through OpenCL 1.x atomic_cmpxchg on a volatile flag. Each kernel
 * must finish (an alarm fails the test instead of hanging) with the order
 * it was made to follow. The device claims cl_khr_subgroups and offers
 * clGetKernelSubGroupInfoKHR. */
#include "check.h"
#include <signal.h>

static const char *src20 =
	/* The sub-groups of a group pass a baton from the last to the first:
	 * sub-group s waits until the baton is n - 1 - s, notes its turn and
	 * hands it on. Only its first work-item waits; the others wait at the
	 * sub-group barrier. */
	"kernel void relay(global int *order) {\n"
	"	local atomic_int baton;\n"
	"	local atomic_int turn;\n"
	"	if (get_local_linear_id() == 0) { atomic_init(&baton, 0); atomic_init(&turn, 0); }\n"
	"	work_group_barrier(CLK_LOCAL_MEM_FENCE);\n"
	"	int n = (int)get_num_sub_groups(), s = (int)get_sub_group_id();\n"
	"	if (get_sub_group_local_id() == 0) {\n"
	"		while (atomic_load(&baton) != n - 1 - s)\n"
	"			;\n"
	"		order[get_group_id(0) * n + s] = atomic_fetch_add(&turn, 1);\n"
	"		atomic_store(&baton, n - s);\n"
	"	}\n"
	"	sub_group_barrier(CLK_LOCAL_MEM_FENCE);\n"
	"	work_group_barrier(CLK_LOCAL_MEM_FENCE);\n"
	"}\n"
	/* Each sub-group runs its own number of rounds; in each, its first
	 * work-item waits for the previous sub-group to have finished that
	 * round, then counts it (a different trip count per sub-group, a
	 * sub-group barrier in the loop). */
	"kernel void rounds(global int *done) {\n"
	"	local atomic_int finished[64];\n"
	"	int n = (int)get_num_sub_groups(), s = (int)get_sub_group_id();\n"
	"	if (get_local_linear_id() < 64) atomic_init(&finished[get_local_linear_id()], 0);\n"
	"	work_group_barrier(CLK_LOCAL_MEM_FENCE);\n"
	"	for (int r = 0; r < s + 2; r++) {\n"
	"		if (get_sub_group_local_id() == 0) {\n"
	"			if (s > 0)\n"
	"				while (atomic_load(&finished[s - 1]) <= r && r < s + 1)\n"
	"					;\n"
	"			atomic_fetch_add(&finished[s], 1);\n"
	"		}\n"
	"		sub_group_barrier(CLK_LOCAL_MEM_FENCE);\n"
	"	}\n"
	"	work_group_barrier(CLK_LOCAL_MEM_FENCE);\n"
	"	if (get_local_linear_id() < (size_t)n)\n"
	"		done[get_group_id(0) * n + get_local_linear_id()] = atomic_load(&finished[get_local_linear_id()]);\n"
	"}\n";

static const char *src12 =
	/* OpenCL 1.x: the last work-item of the group releases a flag that
	 * the first one waits for, through atomic_cmpxchg on a volatile int
	 * (no barrier in the kernel). */
	"kernel void release_last(volatile global int *flag, global int *seen) {\n"
	"	size_t g = get_group_id(0), l = get_local_id(0);\n"
	"	if (l == 0) {\n"
	"		while (atomic_cmpxchg(&flag[g], 1, 2) != 1)\n"
	"			;\n"
	"		seen[g] = 1;\n"
	"	}\n"
	"	if (l == get_local_size(0) - 1)\n"
	"		atomic_xchg(&flag[g], 1);\n"
	"}\n";

static void on_alarm(int sig) {
	(void)sig;
	static const char msg[] = "spinwait: FAILED: a kernel did not finish in 120 s (no forward progress)\n";
	write(2, msg, sizeof msg - 1);
	_exit(1);
}

static int has_word(const char *list, const char *word) {
	size_t n = strlen(word);
	for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == 0)) return 1;
	return 0;
}

int main(void) {
	signal(SIGALRM, on_alarm);
	alarm(120);
	test_env t = test_setup();
	char ext[16384] = "";
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_EXTENSIONS, sizeof ext, ext, NULL));
	CHECK(has_word(ext, "cl_khr_subgroups"));
	cl_bool ifp = CL_FALSE;
	CHECK_OK(clGetDeviceInfo(t.device, CL_DEVICE_SUB_GROUP_INDEPENDENT_FORWARD_PROGRESS, sizeof ifp, &ifp, NULL));
	CHECK(ifp == CL_TRUE);

	typedef cl_int (*sg_info_fn)(cl_kernel, cl_device_id, cl_kernel_sub_group_info, size_t, const void *,
		size_t, void *, size_t *);
	sg_info_fn khr = (sg_info_fn)clGetExtensionFunctionAddressForPlatform(t.platform, "clGetKernelSubGroupInfoKHR");
	CHECK(khr != NULL);

	cl_int err;
	cl_program p = check_build(&t, src20, "-cl-std=CL2.0");
	/* Groups of 128 work-items: 8 or 16 sub-groups, as the CPU's vectors. */
	size_t local = 128, groups = 6, global = local * groups;
	cl_kernel relay = clCreateKernel(p, "relay", &err);
	REQUIRE_OK(err);
	size_t nsg = 0;
	if (khr) {
		CHECK_OK(khr(relay, t.device, CL_KERNEL_SUB_GROUP_COUNT_FOR_NDRANGE, sizeof local, &local, sizeof nsg, &nsg, NULL));
		size_t core = 0;
		CHECK_OK(clGetKernelSubGroupInfo(relay, t.device, CL_KERNEL_SUB_GROUP_COUNT_FOR_NDRANGE, sizeof local, &local, sizeof core, &core, NULL));
		CHECK(nsg == core && nsg >= 2);
	} else {
		CHECK_OK(clGetKernelSubGroupInfo(relay, t.device, CL_KERNEL_SUB_GROUP_COUNT_FOR_NDRANGE, sizeof local, &local, sizeof nsg, &nsg, NULL));
	}
	REQUIRE_OK(nsg >= 2 && nsg <= local ? CL_SUCCESS : CL_INVALID_VALUE);
	int *out = calloc(groups * nsg, sizeof(int));
	cl_mem order = check_buffer(&t, groups * nsg * sizeof(int), out);
	CHECK_OK(clSetKernelArg(relay, 0, sizeof order, &order));
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, relay, 1, NULL, &global, &local, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, order, CL_TRUE, 0, groups * nsg * sizeof(int), out, 0, NULL, NULL));
	int wrong = 0;
	for (size_t g = 0; g < groups; g++)
		for (size_t s = 0; s < nsg; s++)
			wrong += out[g * nsg + s] != (int)(nsg - 1 - s);
	CHECK(wrong == 0);
	if (wrong) fprintf(stderr, "relay: group 0's turns: %d %d ... %d\n", out[0], out[1], out[nsg - 1]);

	cl_kernel rounds = clCreateKernel(p, "rounds", &err);
	REQUIRE_OK(err);
	cl_mem done = check_buffer(&t, groups * nsg * sizeof(int), NULL);
	CHECK_OK(clSetKernelArg(rounds, 0, sizeof done, &done));
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, rounds, 1, NULL, &global, &local, 0, NULL, NULL));
	CHECK_OK(clEnqueueReadBuffer(t.queue, done, CL_TRUE, 0, groups * nsg * sizeof(int), out, 0, NULL, NULL));
	wrong = 0;
	for (size_t g = 0; g < groups; g++)
		for (size_t s = 0; s < nsg; s++)
			wrong += out[g * nsg + s] != (int)s + 2;
	CHECK(wrong == 0);

	cl_program p12 = check_build(&t, src12, "");
	cl_kernel rel = clCreateKernel(p12, "release_last", &err);
	REQUIRE_OK(err);
	int zeros[64] = {0};
	cl_mem flag = check_buffer(&t, sizeof zeros, zeros), seen = check_buffer(&t, sizeof zeros, zeros);
	CHECK_OK(clSetKernelArg(rel, 0, sizeof flag, &flag));
	CHECK_OK(clSetKernelArg(rel, 1, sizeof seen, &seen));
	size_t g12 = 64 * 32, l12 = 64;
	CHECK_OK(clEnqueueNDRangeKernel(t.queue, rel, 1, NULL, &g12, &l12, 0, NULL, NULL));
	int got[32] = {0};
	CHECK_OK(clEnqueueReadBuffer(t.queue, seen, CL_TRUE, 0, sizeof got, got, 0, NULL, NULL));
	int all = 1;
	for (int g = 0; g < 32; g++) all &= got[g] == 1;
	CHECK(all);

	clReleaseMemObject(flag);
	clReleaseMemObject(seen);
	clReleaseKernel(rel);
	clReleaseProgram(p12);
	clReleaseMemObject(done);
	clReleaseMemObject(order);
	clReleaseKernel(rounds);
	clReleaseKernel(relay);
	clReleaseProgram(p);
	free(out);
	test_teardown(&t);
	return check_done();
}
