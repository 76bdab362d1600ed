/* Platform and device queries, sub-devices, timers and extension function
 * lookup, through the real ICD loader. Uses only platform and device APIs. */
#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>
#include <dlfcn.h>
#include <time.h>
#include <sys/wait.h>
#include "check.h"
#include <CL/cl_ext.h>
#include <CL/cl_icd.h>

static cl_platform_id platform;
static cl_device_id device;
static cl_uint cus; /* compute units of the root device */

/* A handle-shaped object that is no live handle: its first word is the real
 * dispatch table, so the loader forwards the call and gocl itself must
 * reject it (a zeroed GARBAGE would crash inside the loader instead). */
static void *fake[8];

static int has_word(const char *list, const char *word) {
	size_t n = strlen(word);
	for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return 1;
	return 0;
}

/* ---- query helpers ---- */

static size_t dev_size(cl_device_id d, cl_device_info p) {
	size_t n = (size_t)-1;
	CHECK_OK(clGetDeviceInfo(d, p, 0, NULL, &n));
	return n;
}

static cl_uint dev_uint(cl_device_id d, cl_device_info p) {
	cl_uint v = 0xdeadbeef;
	size_t n = 0;
	CHECK_OK(clGetDeviceInfo(d, p, sizeof v, &v, &n));
	CHECK(n == sizeof v);
	return v;
}

static cl_ulong dev_ulong(cl_device_info p) {
	cl_ulong v = 0xdeadbeef;
	size_t n = 0;
	CHECK_OK(clGetDeviceInfo(device, p, sizeof v, &v, &n));
	CHECK(n == sizeof v);
	return v;
}

static size_t dev_sizet(cl_device_info p) {
	size_t v = 0xdeadbeef, n = 0;
	CHECK_OK(clGetDeviceInfo(device, p, sizeof v, &v, &n));
	CHECK(n == sizeof v);
	return v;
}

/* dev_str returns a malloc'd string answer, checked to be NUL terminated
 * with the size it reported. */
static char *dev_str(cl_device_id d, cl_device_info p) {
	size_t n = 0;
	CHECK_OK(clGetDeviceInfo(d, p, 0, NULL, &n));
	char *s = calloc(1, n + 1);
	s[n] = 'X';
	CHECK_OK(clGetDeviceInfo(d, p, n, s, NULL));
	CHECK(n >= 1 && s[n - 1] == '\0' && strlen(s) == n - 1);
	return s;
}

static char *plat_str(cl_platform_info p) {
	size_t n = 0;
	CHECK_OK(clGetPlatformInfo(platform, p, 0, NULL, &n));
	char *s = calloc(1, n + 1);
	s[n] = 'X';
	CHECK_OK(clGetPlatformInfo(platform, p, n, s, NULL));
	CHECK(n >= 1 && s[n - 1] == '\0' && strlen(s) == n - 1);
	return s;
}

static cl_name_version *dev_nv(cl_device_id d, cl_device_info p, size_t *count) {
	size_t n = dev_size(d, p);
	CHECK(n % sizeof(cl_name_version) == 0);
	cl_name_version *v = calloc(1, n + sizeof(cl_name_version));
	if (n) CHECK_OK(clGetDeviceInfo(d, p, n, v, NULL));
	*count = n / sizeof(cl_name_version);
	for (size_t i = 0; i < *count; i++)
		CHECK(memchr(v[i].name, '\0', CL_NAME_VERSION_MAX_NAME_SIZE) != NULL);
	return v;
}

/* Every name of the with-version list is a word of the string list and the
 * other way round. */
static void check_ext_lists(const char *str, const cl_name_version *nv, size_t count) {
	size_t words = 0;
	char *copy = strdup(str), *save = NULL;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		words++;
		int found = 0;
		for (size_t i = 0; i < count; i++)
			if (strcmp(nv[i].name, w) == 0) found = 1;
		CHECK(found);
	}
	free(copy);
	CHECK(words == count);
	for (size_t i = 0; i < count; i++) {
		CHECK(has_word(str, nv[i].name));
		CHECK(nv[i].version != 0);
	}
}

/* ---- the host, read independently of gocl ---- */

static unsigned long long meminfo_total(void) {
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256];
	unsigned long long kb = 0;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "MemTotal: %llu kB", &kb) == 1) break;
	if (f) fclose(f);
	return kb * 1024;
}

/* cpuinfo_field copies the first "key : value" of /proc/cpuinfo. */
static int cpuinfo_field(const char *key, char *out, size_t size) {
	FILE *f = fopen("/proc/cpuinfo", "r");
	char *line = NULL;
	size_t cap = 0;
	int found = 0;
	while (f && getline(&line, &cap, f) > 0) {
		char *colon = strchr(line, ':');
		if (!colon) continue;
		char *end = colon;
		while (end > line && (end[-1] == ' ' || end[-1] == '\t')) end--;
		if ((size_t)(end - line) != strlen(key) || strncmp(line, key, end - line) != 0) continue;
		char *v = colon + 1;
		while (*v == ' ') v++;
		v[strcspn(v, "\n")] = '\0';
		snprintf(out, size, "%s", v);
		found = 1;
		break;
	}
	free(line);
	if (f) fclose(f);
	return found;
}

static unsigned sysfs_uint(const char *path) {
	FILE *f = fopen(path, "r");
	unsigned v = 0;
	if (f) {
		if (fscanf(f, "%u", &v) != 1) v = 0;
		fclose(f);
	}
	return v;
}

/* ---- platform ---- */

static void test_platform_info(void) {
	char *profile = plat_str(CL_PLATFORM_PROFILE);
	CHECK(strcmp(profile, "FULL_PROFILE") == 0);
	char *version = plat_str(CL_PLATFORM_VERSION);
	CHECK(strncmp(version, "OpenCL 3.0 ", 11) == 0);
	char *name = plat_str(CL_PLATFORM_NAME);
	CHECK(strcmp(name, "gocl") == 0);
	char *vendor = plat_str(CL_PLATFORM_VENDOR);
	CHECK(strlen(vendor) > 0);
	char *suffix = plat_str(CL_PLATFORM_ICD_SUFFIX_KHR);
	CHECK(strcmp(suffix, "gocl") == 0);
	char *exts = plat_str(CL_PLATFORM_EXTENSIONS);
	CHECK(has_word(exts, "cl_khr_icd"));
	CHECK(!has_word(exts, "cl_khr_icd_unloadable"));

	cl_version v = 0;
	size_t n = 0;
	CHECK_OK(clGetPlatformInfo(platform, CL_PLATFORM_NUMERIC_VERSION, sizeof v, &v, &n));
	CHECK(n == sizeof v && v == CL_MAKE_VERSION(3, 0, 0));

	cl_ulong res = 0;
	CHECK_OK(clGetPlatformInfo(platform, CL_PLATFORM_HOST_TIMER_RESOLUTION, sizeof res, &res, &n));
	CHECK(n == sizeof res && res == 1);

	CHECK_OK(clGetPlatformInfo(platform, CL_PLATFORM_EXTENSIONS_WITH_VERSION, 0, NULL, &n));
	CHECK(n > 0 && n % sizeof(cl_name_version) == 0);
	cl_name_version *nv = calloc(1, n);
	CHECK_OK(clGetPlatformInfo(platform, CL_PLATFORM_EXTENSIONS_WITH_VERSION, n, nv, NULL));
	check_ext_lists(exts, nv, n / sizeof(cl_name_version));
	for (size_t i = 0; i < n / sizeof(cl_name_version); i++)
		if (strcmp(nv[i].name, "cl_khr_icd") == 0) CHECK(CL_VERSION_MAJOR(nv[i].version) >= 1);

	/* The protocol: a too-small buffer, exact size, unknown query. */
	char small[4];
	CHECK_ERR(clGetPlatformInfo(platform, CL_PLATFORM_NAME, 4, small, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetPlatformInfo(platform, CL_PLATFORM_NAME, 0, small, NULL), CL_INVALID_VALUE);
	char exact[5];
	CHECK_OK(clGetPlatformInfo(platform, CL_PLATFORM_NAME, 5, exact, NULL));
	CHECK(strcmp(exact, "gocl") == 0);
	CHECK_ERR(clGetPlatformInfo(platform, CL_PLATFORM_NUMERIC_VERSION, 2, &v, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetPlatformInfo(platform, 0x0999, sizeof small, small, &n), CL_INVALID_VALUE);
	CHECK_ERR(clGetPlatformInfo(platform, CL_DEVICE_NAME, sizeof small, small, &n), CL_INVALID_VALUE);
	CHECK_OK(clGetPlatformInfo(platform, CL_PLATFORM_NAME, 0, NULL, NULL));

	/* Bad platforms: a fake handle, a device. */
	CHECK_ERR(clGetPlatformInfo((cl_platform_id)fake, CL_PLATFORM_NAME, 0, NULL, &n), CL_INVALID_PLATFORM);
	CHECK_ERR(clGetPlatformInfo((cl_platform_id)device, CL_PLATFORM_NAME, 0, NULL, &n), CL_INVALID_PLATFORM);

	free(profile); free(version); free(name); free(vendor); free(suffix); free(exts); free(nv);
}

/* ---- every device query: size, protocol ---- */

enum { STR = -1, ARR = -2 };
struct query { cl_device_info param; const char *name; long size; size_t elem; };
#define Q(p, s) {p, #p, s, 0}
#define QA(p, e) {p, #p, ARR, e}

static const struct query queries[] = {
	Q(CL_DEVICE_TYPE, sizeof(cl_device_type)),
	Q(CL_DEVICE_VENDOR_ID, sizeof(cl_uint)),
	Q(CL_DEVICE_MAX_COMPUTE_UNITS, sizeof(cl_uint)),
	Q(CL_DEVICE_MAX_WORK_ITEM_DIMENSIONS, sizeof(cl_uint)),
	Q(CL_DEVICE_MAX_WORK_GROUP_SIZE, sizeof(size_t)),
	Q(CL_DEVICE_MAX_WORK_ITEM_SIZES, 3 * sizeof(size_t)),
	Q(CL_DEVICE_PREFERRED_VECTOR_WIDTH_CHAR, sizeof(cl_uint)),
	Q(CL_DEVICE_PREFERRED_VECTOR_WIDTH_SHORT, sizeof(cl_uint)),
	Q(CL_DEVICE_PREFERRED_VECTOR_WIDTH_INT, sizeof(cl_uint)),
	Q(CL_DEVICE_PREFERRED_VECTOR_WIDTH_LONG, sizeof(cl_uint)),
	Q(CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT, sizeof(cl_uint)),
	Q(CL_DEVICE_PREFERRED_VECTOR_WIDTH_DOUBLE, sizeof(cl_uint)),
	Q(CL_DEVICE_PREFERRED_VECTOR_WIDTH_HALF, sizeof(cl_uint)),
	Q(CL_DEVICE_NATIVE_VECTOR_WIDTH_CHAR, sizeof(cl_uint)),
	Q(CL_DEVICE_NATIVE_VECTOR_WIDTH_SHORT, sizeof(cl_uint)),
	Q(CL_DEVICE_NATIVE_VECTOR_WIDTH_INT, sizeof(cl_uint)),
	Q(CL_DEVICE_NATIVE_VECTOR_WIDTH_LONG, sizeof(cl_uint)),
	Q(CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT, sizeof(cl_uint)),
	Q(CL_DEVICE_NATIVE_VECTOR_WIDTH_DOUBLE, sizeof(cl_uint)),
	Q(CL_DEVICE_NATIVE_VECTOR_WIDTH_HALF, sizeof(cl_uint)),
	Q(CL_DEVICE_MAX_CLOCK_FREQUENCY, sizeof(cl_uint)),
	Q(CL_DEVICE_ADDRESS_BITS, sizeof(cl_uint)),
	Q(CL_DEVICE_MAX_MEM_ALLOC_SIZE, sizeof(cl_ulong)),
	Q(CL_DEVICE_IMAGE_SUPPORT, sizeof(cl_bool)),
	Q(CL_DEVICE_MAX_READ_IMAGE_ARGS, sizeof(cl_uint)),
	Q(CL_DEVICE_MAX_WRITE_IMAGE_ARGS, sizeof(cl_uint)),
	Q(CL_DEVICE_MAX_READ_WRITE_IMAGE_ARGS, sizeof(cl_uint)),
	Q(CL_DEVICE_IL_VERSION, STR),
	QA(CL_DEVICE_ILS_WITH_VERSION, sizeof(cl_name_version)),
	Q(CL_DEVICE_IMAGE2D_MAX_WIDTH, sizeof(size_t)),
	Q(CL_DEVICE_IMAGE2D_MAX_HEIGHT, sizeof(size_t)),
	Q(CL_DEVICE_IMAGE3D_MAX_WIDTH, sizeof(size_t)),
	Q(CL_DEVICE_IMAGE3D_MAX_HEIGHT, sizeof(size_t)),
	Q(CL_DEVICE_IMAGE3D_MAX_DEPTH, sizeof(size_t)),
	Q(CL_DEVICE_IMAGE_MAX_BUFFER_SIZE, sizeof(size_t)),
	Q(CL_DEVICE_IMAGE_MAX_ARRAY_SIZE, sizeof(size_t)),
	Q(CL_DEVICE_MAX_SAMPLERS, sizeof(cl_uint)),
	Q(CL_DEVICE_IMAGE_PITCH_ALIGNMENT, sizeof(cl_uint)),
	Q(CL_DEVICE_IMAGE_BASE_ADDRESS_ALIGNMENT, sizeof(cl_uint)),
	Q(CL_DEVICE_MAX_PIPE_ARGS, sizeof(cl_uint)),
	Q(CL_DEVICE_PIPE_MAX_ACTIVE_RESERVATIONS, sizeof(cl_uint)),
	Q(CL_DEVICE_PIPE_MAX_PACKET_SIZE, sizeof(cl_uint)),
	Q(CL_DEVICE_MAX_PARAMETER_SIZE, sizeof(size_t)),
	Q(CL_DEVICE_MEM_BASE_ADDR_ALIGN, sizeof(cl_uint)),
	Q(CL_DEVICE_MIN_DATA_TYPE_ALIGN_SIZE, sizeof(cl_uint)),
	Q(CL_DEVICE_SINGLE_FP_CONFIG, sizeof(cl_device_fp_config)),
	Q(CL_DEVICE_DOUBLE_FP_CONFIG, sizeof(cl_device_fp_config)),
	Q(CL_DEVICE_HALF_FP_CONFIG, sizeof(cl_device_fp_config)),
	Q(CL_DEVICE_GLOBAL_MEM_CACHE_TYPE, sizeof(cl_device_mem_cache_type)),
	Q(CL_DEVICE_GLOBAL_MEM_CACHELINE_SIZE, sizeof(cl_uint)),
	Q(CL_DEVICE_GLOBAL_MEM_CACHE_SIZE, sizeof(cl_ulong)),
	Q(CL_DEVICE_GLOBAL_MEM_SIZE, sizeof(cl_ulong)),
	Q(CL_DEVICE_MAX_CONSTANT_BUFFER_SIZE, sizeof(cl_ulong)),
	Q(CL_DEVICE_MAX_CONSTANT_ARGS, sizeof(cl_uint)),
	Q(CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE, sizeof(size_t)),
	Q(CL_DEVICE_GLOBAL_VARIABLE_PREFERRED_TOTAL_SIZE, sizeof(size_t)),
	Q(CL_DEVICE_LOCAL_MEM_TYPE, sizeof(cl_device_local_mem_type)),
	Q(CL_DEVICE_LOCAL_MEM_SIZE, sizeof(cl_ulong)),
	Q(CL_DEVICE_ERROR_CORRECTION_SUPPORT, sizeof(cl_bool)),
	Q(CL_DEVICE_HOST_UNIFIED_MEMORY, sizeof(cl_bool)),
	Q(CL_DEVICE_PROFILING_TIMER_RESOLUTION, sizeof(size_t)),
	Q(CL_DEVICE_ENDIAN_LITTLE, sizeof(cl_bool)),
	Q(CL_DEVICE_AVAILABLE, sizeof(cl_bool)),
	Q(CL_DEVICE_COMPILER_AVAILABLE, sizeof(cl_bool)),
	Q(CL_DEVICE_LINKER_AVAILABLE, sizeof(cl_bool)),
	Q(CL_DEVICE_EXECUTION_CAPABILITIES, sizeof(cl_device_exec_capabilities)),
	Q(CL_DEVICE_QUEUE_ON_HOST_PROPERTIES, sizeof(cl_command_queue_properties)),
	Q(CL_DEVICE_QUEUE_ON_DEVICE_PROPERTIES, sizeof(cl_command_queue_properties)),
	Q(CL_DEVICE_QUEUE_ON_DEVICE_PREFERRED_SIZE, sizeof(cl_uint)),
	Q(CL_DEVICE_QUEUE_ON_DEVICE_MAX_SIZE, sizeof(cl_uint)),
	Q(CL_DEVICE_MAX_ON_DEVICE_QUEUES, sizeof(cl_uint)),
	Q(CL_DEVICE_MAX_ON_DEVICE_EVENTS, sizeof(cl_uint)),
	Q(CL_DEVICE_BUILT_IN_KERNELS, STR),
	QA(CL_DEVICE_BUILT_IN_KERNELS_WITH_VERSION, sizeof(cl_name_version)),
	Q(CL_DEVICE_PLATFORM, sizeof(cl_platform_id)),
	Q(CL_DEVICE_NAME, STR),
	Q(CL_DEVICE_VENDOR, STR),
	Q(CL_DRIVER_VERSION, STR),
	Q(CL_DEVICE_PROFILE, STR),
	Q(CL_DEVICE_VERSION, STR),
	Q(CL_DEVICE_NUMERIC_VERSION, sizeof(cl_version)),
	Q(CL_DEVICE_OPENCL_C_VERSION, STR),
	QA(CL_DEVICE_OPENCL_C_ALL_VERSIONS, sizeof(cl_name_version)),
	QA(CL_DEVICE_OPENCL_C_FEATURES, sizeof(cl_name_version)),
	Q(CL_DEVICE_EXTENSIONS, STR),
	QA(CL_DEVICE_EXTENSIONS_WITH_VERSION, sizeof(cl_name_version)),
	Q(CL_DEVICE_PRINTF_BUFFER_SIZE, sizeof(size_t)),
	Q(CL_DEVICE_PREFERRED_INTEROP_USER_SYNC, sizeof(cl_bool)),
	Q(CL_DEVICE_PARENT_DEVICE, sizeof(cl_device_id)),
	Q(CL_DEVICE_PARTITION_MAX_SUB_DEVICES, sizeof(cl_uint)),
	QA(CL_DEVICE_PARTITION_PROPERTIES, sizeof(cl_device_partition_property)),
	Q(CL_DEVICE_PARTITION_AFFINITY_DOMAIN, sizeof(cl_device_affinity_domain)),
	QA(CL_DEVICE_PARTITION_TYPE, sizeof(cl_device_partition_property)),
	Q(CL_DEVICE_REFERENCE_COUNT, sizeof(cl_uint)),
	Q(CL_DEVICE_SVM_CAPABILITIES, sizeof(cl_device_svm_capabilities)),
	Q(CL_DEVICE_PREFERRED_PLATFORM_ATOMIC_ALIGNMENT, sizeof(cl_uint)),
	Q(CL_DEVICE_PREFERRED_GLOBAL_ATOMIC_ALIGNMENT, sizeof(cl_uint)),
	Q(CL_DEVICE_PREFERRED_LOCAL_ATOMIC_ALIGNMENT, sizeof(cl_uint)),
	Q(CL_DEVICE_MAX_NUM_SUB_GROUPS, sizeof(cl_uint)),
	Q(CL_DEVICE_SUB_GROUP_INDEPENDENT_FORWARD_PROGRESS, sizeof(cl_bool)),
	Q(CL_DEVICE_ATOMIC_MEMORY_CAPABILITIES, sizeof(cl_device_atomic_capabilities)),
	Q(CL_DEVICE_ATOMIC_FENCE_CAPABILITIES, sizeof(cl_device_atomic_capabilities)),
	Q(CL_DEVICE_NON_UNIFORM_WORK_GROUP_SUPPORT, sizeof(cl_bool)),
	Q(CL_DEVICE_WORK_GROUP_COLLECTIVE_FUNCTIONS_SUPPORT, sizeof(cl_bool)),
	Q(CL_DEVICE_GENERIC_ADDRESS_SPACE_SUPPORT, sizeof(cl_bool)),
	Q(CL_DEVICE_DEVICE_ENQUEUE_CAPABILITIES, sizeof(cl_device_device_enqueue_capabilities)),
	Q(CL_DEVICE_PIPE_SUPPORT, sizeof(cl_bool)),
	Q(CL_DEVICE_PREFERRED_WORK_GROUP_SIZE_MULTIPLE, sizeof(size_t)),
	Q(CL_DEVICE_LATEST_CONFORMANCE_VERSION_PASSED, STR),
	/* cl_khr_device_uuid (checked to be claimed below) */
	Q(CL_DEVICE_UUID_KHR, CL_UUID_SIZE_KHR),
	Q(CL_DRIVER_UUID_KHR, CL_UUID_SIZE_KHR),
	Q(CL_DEVICE_LUID_VALID_KHR, sizeof(cl_bool)),
	Q(CL_DEVICE_LUID_KHR, CL_LUID_SIZE_KHR),
	Q(CL_DEVICE_NODE_MASK_KHR, sizeof(cl_uint)),
};

static void test_every_query(cl_device_id d) {
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		const struct query *q = &queries[i];
		size_t n = (size_t)-1;
		cl_int err = clGetDeviceInfo(d, q->param, 0, NULL, &n);
		if (err != CL_SUCCESS) {
			fprintf(stderr, "%s: returned %d\n", q->name, err);
			CHECK(err == CL_SUCCESS);
			continue;
		}
		if (q->size > 0 && n != (size_t)q->size) {
			fprintf(stderr, "%s: size %zu, want %ld\n", q->name, n, q->size);
			CHECK(n == (size_t)q->size);
		}
		if (q->size == STR) CHECK(n >= 1);
		if (q->size == ARR) CHECK(n % q->elem == 0);
		/* Exact size works and writes no more; one byte less fails. */
		unsigned char *buf = malloc(n + 16);
		memset(buf, 0xa5, n + 16);
		size_t got = 0;
		CHECK_OK(clGetDeviceInfo(d, q->param, n, n ? buf : NULL, &got));
		CHECK(got == n);
		for (size_t k = n; k < n + 16; k++) CHECK(buf[k] == 0xa5);
		if (q->size == STR) {
			if (buf[n - 1] != '\0' || strlen((char *)buf) != n - 1) fprintf(stderr, "%s: not a NUL-terminated string\n", q->name);
			CHECK(buf[n - 1] == '\0' && strlen((char *)buf) == n - 1);
		}
		if (n > 0) {
			err = clGetDeviceInfo(d, q->param, n - 1, buf, &got);
			if (err != CL_INVALID_VALUE) fprintf(stderr, "%s: size %zu - 1 returned %d\n", q->name, n, err);
			CHECK(err == CL_INVALID_VALUE);
		}
		/* param_value_size is ignored when param_value is NULL. */
		CHECK_OK(clGetDeviceInfo(d, q->param, 1, NULL, NULL));
		free(buf);
	}
	cl_uint v;
	size_t n;
	CHECK_ERR(clGetDeviceInfo(d, 0x0fff, sizeof v, &v, &n), CL_INVALID_VALUE);
	CHECK_ERR(clGetDeviceInfo(d, 0x10ff, sizeof v, &v, &n), CL_INVALID_VALUE);
	CHECK_ERR(clGetDeviceInfo(d, CL_PLATFORM_NAME, sizeof v, &v, &n), CL_INVALID_VALUE);
	/* Queries of extensions gocl does not claim. */
	CHECK_ERR(clGetDeviceInfo(d, CL_DEVICE_TERMINATE_CAPABILITY_KHR, sizeof v, &v, &n), CL_INVALID_VALUE);
	CHECK_ERR(clGetDeviceInfo(d, 0x40E0 /* CL_DEVICE_SPIR_VERSIONS */, sizeof v, &v, &n), CL_INVALID_VALUE);
}

/* ---- device values ---- */

static void test_device_values(void) {
	cl_device_type type = 0;
	CHECK_OK(clGetDeviceInfo(device, CL_DEVICE_TYPE, sizeof type, &type, NULL));
	CHECK(type == CL_DEVICE_TYPE_CPU);
	cl_device_id cpu = NULL;
	CHECK_OK(clGetDeviceIDs(platform, CL_DEVICE_TYPE_CPU, 1, &cpu, NULL));
	CHECK(cpu == device);

	/* Compute units: the CPUs this process may run on. */
	cpu_set_t set;
	CPU_ZERO(&set);
	CHECK(sched_getaffinity(0, sizeof set, &set) == 0);
	CHECK(cus == (cl_uint)CPU_COUNT(&set));
	CHECK(cus >= 1 && cus <= (cl_uint)sysconf(_SC_NPROCESSORS_CONF));

	/* Identity from the host. */
	char model[256] = "", vendor_id[64] = "";
	char *name = dev_str(device, CL_DEVICE_NAME);
	if (cpuinfo_field("model name", model, sizeof model)) CHECK(strcmp(name, model) == 0);
	char *vendor = dev_str(device, CL_DEVICE_VENDOR);
	CHECK(strlen(vendor) > 0);
	cl_uint vid = dev_uint(device, CL_DEVICE_VENDOR_ID);
	if (cpuinfo_field("vendor_id", vendor_id, sizeof vendor_id)) {
		CHECK(strcmp(vendor, vendor_id) == 0);
		if (strcmp(vendor_id, "GenuineIntel") == 0) CHECK(vid == 0x8086);
		if (strcmp(vendor_id, "AuthenticAMD") == 0) CHECK(vid == 0x1022);
	}
	char *version = dev_str(device, CL_DEVICE_VERSION);
	CHECK(strncmp(version, "OpenCL 3.0 ", 11) == 0);
	char *driver = dev_str(device, CL_DRIVER_VERSION);
	CHECK(strlen(driver) > 0);
	char *profile = dev_str(device, CL_DEVICE_PROFILE);
	CHECK(strcmp(profile, "FULL_PROFILE") == 0);
	CHECK(dev_uint(device, CL_DEVICE_NUMERIC_VERSION) == CL_MAKE_VERSION(3, 0, 0));
	cl_platform_id p = NULL;
	CHECK_OK(clGetDeviceInfo(device, CL_DEVICE_PLATFORM, sizeof p, &p, NULL));
	CHECK(p == platform);
	CHECK(dev_uint(device, CL_DEVICE_AVAILABLE) == CL_TRUE);
	char *conf = dev_str(device, CL_DEVICE_LATEST_CONFORMANCE_VERSION_PASSED);
	int y, m, d, r;
	CHECK(sscanf(conf, "v%4d-%2d-%2d-%2d", &y, &m, &d, &r) == 4);

	/* Extensions: the two lists agree; the platform's hold the device's. */
	char *exts = dev_str(device, CL_DEVICE_EXTENSIONS);
	size_t count;
	cl_name_version *nv = dev_nv(device, CL_DEVICE_EXTENSIONS_WITH_VERSION, &count);
	check_ext_lists(exts, nv, count);
	size_t n;
	CHECK_OK(clGetPlatformInfo(platform, CL_PLATFORM_EXTENSIONS, 0, NULL, &n));
	char *pexts = malloc(n);
	CHECK_OK(clGetPlatformInfo(platform, CL_PLATFORM_EXTENSIONS, n, pexts, NULL));
	for (size_t i = 0; i < count; i++) CHECK(has_word(pexts, nv[i].name));
	/* The compiler is there when clang is (gocl's kernel compiler is clang
	 * and libLLVM 19; GOCL_CLANG may name another front end); the kernel
	 * language's extensions come with it, and nothing of it without. */
	cl_bool compiler = dev_uint(device, CL_DEVICE_COMPILER_AVAILABLE);
	CHECK(dev_uint(device, CL_DEVICE_LINKER_AVAILABLE) == compiler);
	int gocl = !getenv("GOCL_TEST_PLATFORM") || strcmp(getenv("GOCL_TEST_PLATFORM"), "gocl") == 0;
	if (gocl && !getenv("GOCL_CLANG"))
		CHECK(compiler == (system("command -v clang-19 >/dev/null 2>&1 || command -v clang >/dev/null 2>&1") == 0));
	int fp64 = has_word(exts, "cl_khr_fp64"), fp16 = has_word(exts, "cl_khr_fp16");
	static const char *const kernel_exts[] = {
		"cl_khr_fp64", "cl_khr_fp16", "cl_khr_int64_base_atomics", "cl_khr_int64_extended_atomics",
		"cl_khr_global_int32_base_atomics", "cl_khr_global_int32_extended_atomics",
		"cl_khr_local_int32_base_atomics", "cl_khr_local_int32_extended_atomics",
		"cl_khr_byte_addressable_store" };
	for (size_t i = 0; gocl && i < sizeof kernel_exts / sizeof kernel_exts[0]; i++) {
		CHECK(has_word(exts, kernel_exts[i]) == (compiler != 0));
		if (!has_word(exts, kernel_exts[i]) != !compiler) printf("extension %s: claimed %d, compiler %d\n", kernel_exts[i], has_word(exts, kernel_exts[i]), compiler);
	}
	/* Half precision comes with the compiler (its builtin library), and the
	 * __opencl_c_fp16 feature with the extension. SPIR-V with llvm-spirv-15 only. */
	int want_il = gocl && system("command -v llvm-spirv-15 >/dev/null 2>&1") == 0 && compiler;
	if (gocl) CHECK(has_word(exts, "cl_khr_il_program") == want_il);
	CHECK(has_word(exts, "cl_khr_device_uuid"));

	/* OpenCL C: the version, all versions and features agree. */
	char *cver = dev_str(device, CL_DEVICE_OPENCL_C_VERSION);
	size_t nvers, nfeat;
	cl_name_version *vers = dev_nv(device, CL_DEVICE_OPENCL_C_ALL_VERSIONS, &nvers);
	cl_name_version *feat = dev_nv(device, CL_DEVICE_OPENCL_C_FEATURES, &nfeat);
	for (size_t i = 0; i < nvers; i++) CHECK(strcmp(vers[i].name, "OpenCL C") == 0);
	for (size_t i = 0; i < nfeat; i++) CHECK(strncmp(feat[i].name, "__opencl_c_", 11) == 0);
#define FEATURE_(f) ({ int h_ = 0; for (size_t i_ = 0; i_ < nfeat; i_++) if (!strcmp(feat[i_].name, f)) h_ = 1; h_; })
	int maj = 0, min = 0;
	if (compiler) {
		CHECK(sscanf(cver, "OpenCL C %d.%d", &maj, &min) == 2);
		int found = 0, has12 = 0;
		for (size_t i = 0; i < nvers; i++) {
			if (CL_VERSION_MAJOR(vers[i].version) == (cl_uint)maj && CL_VERSION_MINOR(vers[i].version) == (cl_uint)min) found = 1;
			if (vers[i].version == CL_MAKE_VERSION(1, 2, 0)) has12 = 1;
		}
		CHECK(found && has12);
		/* The CTS (compiler/opencl_c_versions): CL_DEVICE_OPENCL_C_VERSION
		 * is the highest fully backwards compatible version, so every
		 * version up to it is listed, and a device at 2.0 or above (or
		 * listing 2.0) has every OpenCL C 2.0 feature. */
		int has20 = 0;
		for (size_t i = 0; i < nvers; i++) if (CL_VERSION_MAJOR(vers[i].version) == 2) has20 = 1;
		int all20 = FEATURE_("__opencl_c_atomic_order_acq_rel") && FEATURE_("__opencl_c_atomic_order_seq_cst") &&
			FEATURE_("__opencl_c_atomic_scope_device") && FEATURE_("__opencl_c_atomic_scope_all_devices") &&
			FEATURE_("__opencl_c_device_enqueue") && FEATURE_("__opencl_c_generic_address_space") &&
			FEATURE_("__opencl_c_pipes") && FEATURE_("__opencl_c_program_scope_global_variables") &&
			FEATURE_("__opencl_c_work_group_collective_functions") &&
			(!FEATURE_("__opencl_c_images") || (FEATURE_("__opencl_c_3d_image_writes") && FEATURE_("__opencl_c_read_write_images")));
		CHECK(has20 == all20);
		if (maj >= 2) CHECK(all20);
		static const cl_version upto[] = {CL_MAKE_VERSION(1, 0, 0), CL_MAKE_VERSION(1, 1, 0), CL_MAKE_VERSION(1, 2, 0), CL_MAKE_VERSION(2, 0, 0)};
		for (size_t u = 0; u < 4; u++) {
			if (upto[u] > CL_MAKE_VERSION(maj, min, 0)) continue;
			int listed = 0;
			for (size_t i = 0; i < nvers; i++) listed |= vers[i].version == upto[u];
			CHECK(listed);
		}
	}
	if (compiler && gocl) {
		/* gocl's compiler: OpenCL C 1.0 to 1.2 and 3.0, with 64-bit
		 * integers (the full profile), doubles, halves, the generic address
		 * space and program-scope global variables; 1.2 is the highest
		 * fully backwards compatible one (no pipes, no device enqueue). */
		CHECK(maj == 1 && min == 2);
		CHECK(FEATURE_("__opencl_c_3d_image_writes") && has_word(exts, "cl_khr_3d_image_writes"));
		CHECK(nvers == 4);
		CHECK(FEATURE_("__opencl_c_int64"));
		CHECK(FEATURE_("__opencl_c_fp64") && fp64);
		CHECK(FEATURE_("__opencl_c_fp16") && fp16);
		CHECK(FEATURE_("__opencl_c_generic_address_space"));
		CHECK(FEATURE_("__opencl_c_program_scope_global_variables"));
		CHECK(!FEATURE_("__opencl_c_pipes") && !FEATURE_("__opencl_c_device_enqueue"));
		/* Sub-groups (tests/subgroups.c), with independent forward
		 * progress (tests/spinwait.c), so cl_khr_subgroups too. */
		CHECK(FEATURE_("__opencl_c_subgroups") && has_word(exts, "cl_khr_subgroups"));
		CHECK(has_word(exts, "cl_khr_subgroup_extended_types"));
		CHECK(dev_uint(device, CL_DEVICE_SUB_GROUP_INDEPENDENT_FORWARD_PROGRESS) == CL_TRUE);
		/* Work-group collectives (tests/collectives.c). */
		CHECK(FEATURE_("__opencl_c_work_group_collective_functions"));
		CHECK(dev_uint(device, CL_DEVICE_WORK_GROUP_COLLECTIVE_FUNCTIONS_SUPPORT) == CL_TRUE);
		CHECK(dev_sizet(CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE) >= 65536);
		CHECK(dev_sizet(CL_DEVICE_GLOBAL_VARIABLE_PREFERRED_TOTAL_SIZE) >= dev_sizet(CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE));
		cl_ulong dfp = dev_ulong(CL_DEVICE_DOUBLE_FP_CONFIG);
		cl_ulong dmin = CL_FP_FMA | CL_FP_ROUND_TO_NEAREST | CL_FP_ROUND_TO_ZERO | CL_FP_ROUND_TO_INF | CL_FP_INF_NAN | CL_FP_DENORM;
		CHECK(dmin == 0x3F);
		CHECK((dfp & dmin) == dmin);
		CHECK(!(dfp & CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) && !(dfp & CL_FP_SOFT_FLOAT));
		CHECK(dev_uint(device, CL_DEVICE_PREFERRED_VECTOR_WIDTH_DOUBLE) * 2 == dev_uint(device, CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT));
		CHECK(dev_uint(device, CL_DEVICE_NATIVE_VECTOR_WIDTH_DOUBLE) * 2 == dev_uint(device, CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT));
		cl_ulong am = dev_ulong(CL_DEVICE_ATOMIC_MEMORY_CAPABILITIES);
		cl_ulong all = CL_DEVICE_ATOMIC_ORDER_RELAXED | CL_DEVICE_ATOMIC_ORDER_ACQ_REL | CL_DEVICE_ATOMIC_ORDER_SEQ_CST |
			CL_DEVICE_ATOMIC_SCOPE_WORK_GROUP | CL_DEVICE_ATOMIC_SCOPE_DEVICE | CL_DEVICE_ATOMIC_SCOPE_ALL_DEVICES;
		CHECK(am == all);
		CHECK(dev_ulong(CL_DEVICE_ATOMIC_FENCE_CAPABILITIES) == (all | CL_DEVICE_ATOMIC_SCOPE_WORK_ITEM));
		/* The platform lists what every device supports. */
		for (size_t i = 0; i < sizeof kernel_exts / sizeof kernel_exts[0]; i++) CHECK(has_word(pexts, kernel_exts[i]));
	}
	if (!compiler) {
		CHECK(strcmp(cver, "") == 0 && nvers == 0 && nfeat == 0);
	}
	/* Queries that mirror OpenCL C features agree with the feature list. */
#define FEATURE(f) ({ int h_ = 0; for (size_t i_ = 0; i_ < nfeat; i_++) if (!strcmp(feat[i_].name, f)) h_ = 1; h_; })
	CHECK(dev_uint(device, CL_DEVICE_GENERIC_ADDRESS_SPACE_SUPPORT) == (cl_bool)FEATURE("__opencl_c_generic_address_space"));
	CHECK(dev_uint(device, CL_DEVICE_WORK_GROUP_COLLECTIVE_FUNCTIONS_SUPPORT) == (cl_bool)FEATURE("__opencl_c_work_group_collective_functions"));
	CHECK(dev_uint(device, CL_DEVICE_PIPE_SUPPORT) == (cl_bool)FEATURE("__opencl_c_pipes"));
	CHECK((dev_ulong(CL_DEVICE_DEVICE_ENQUEUE_CAPABILITIES) != 0) == FEATURE("__opencl_c_device_enqueue"));
	CHECK((dev_uint(device, CL_DEVICE_MAX_NUM_SUB_GROUPS) != 0) == FEATURE("__opencl_c_subgroups"));
	CHECK((dev_sizet(CL_DEVICE_MAX_GLOBAL_VARIABLE_SIZE) != 0) == FEATURE("__opencl_c_program_scope_global_variables"));
	if (compiler) {
		/* Image support in OpenCL C 3.0 is the __opencl_c_images feature
		 * (and read-write images, __opencl_c_read_write_images). */
		CHECK(dev_uint(device, CL_DEVICE_IMAGE_SUPPORT) == (cl_bool)FEATURE("__opencl_c_images"));
		CHECK((dev_uint(device, CL_DEVICE_MAX_READ_WRITE_IMAGE_ARGS) != 0) == FEATURE("__opencl_c_read_write_images"));
		CHECK(has_word(exts, "cl_khr_3d_image_writes") == FEATURE("__opencl_c_3d_image_writes"));
		CHECK(fp64 == FEATURE("__opencl_c_fp64"));
	}
	CHECK((dev_ulong(CL_DEVICE_DOUBLE_FP_CONFIG) != 0) == fp64);
	CHECK((dev_ulong(CL_DEVICE_HALF_FP_CONFIG) != 0) == fp16);
	cl_ulong amem = dev_ulong(CL_DEVICE_ATOMIC_MEMORY_CAPABILITIES);
	cl_ulong afence = dev_ulong(CL_DEVICE_ATOMIC_FENCE_CAPABILITIES);
	CHECK((amem & (CL_DEVICE_ATOMIC_ORDER_RELAXED | CL_DEVICE_ATOMIC_SCOPE_WORK_GROUP)) == (CL_DEVICE_ATOMIC_ORDER_RELAXED | CL_DEVICE_ATOMIC_SCOPE_WORK_GROUP));
	CHECK((afence & (CL_DEVICE_ATOMIC_ORDER_RELAXED | CL_DEVICE_ATOMIC_ORDER_ACQ_REL | CL_DEVICE_ATOMIC_SCOPE_WORK_GROUP)) ==
	      (CL_DEVICE_ATOMIC_ORDER_RELAXED | CL_DEVICE_ATOMIC_ORDER_ACQ_REL | CL_DEVICE_ATOMIC_SCOPE_WORK_GROUP));
	CHECK(((amem & CL_DEVICE_ATOMIC_ORDER_SEQ_CST) != 0) == FEATURE("__opencl_c_atomic_order_seq_cst"));
	CHECK(((amem & CL_DEVICE_ATOMIC_SCOPE_DEVICE) != 0) == FEATURE("__opencl_c_atomic_scope_device"));
	CHECK(dev_ulong(CL_DEVICE_QUEUE_ON_DEVICE_PROPERTIES) == 0);
	CHECK(dev_uint(device, CL_DEVICE_MAX_ON_DEVICE_QUEUES) == 0);
	char *ilv = dev_str(device, CL_DEVICE_IL_VERSION);
	if (has_word(exts, "cl_khr_il_program"))
		CHECK(strcmp(ilv, "SPIR-V_1.0 SPIR-V_1.1 SPIR-V_1.2 SPIR-V_1.3") == 0 &&
		      dev_size(device, CL_DEVICE_ILS_WITH_VERSION) == 4 * sizeof(cl_name_version));
	else
		CHECK(strcmp(ilv, "") == 0 && dev_size(device, CL_DEVICE_ILS_WITH_VERSION) == 0);
	char *bik = dev_str(device, CL_DEVICE_BUILT_IN_KERNELS);
	CHECK(strcmp(bik, "") == 0 && dev_size(device, CL_DEVICE_BUILT_IN_KERNELS_WITH_VERSION) == 0);

	/* Work-groups. */
	CHECK(dev_uint(device, CL_DEVICE_MAX_WORK_ITEM_DIMENSIONS) >= 3);
	size_t wg = dev_sizet(CL_DEVICE_MAX_WORK_GROUP_SIZE);
	size_t wis[3] = {0};
	CHECK_OK(clGetDeviceInfo(device, CL_DEVICE_MAX_WORK_ITEM_SIZES, sizeof wis, wis, NULL));
	CHECK(wg >= 1 && wis[0] >= 1 && wis[1] >= 1 && wis[2] >= 1 && wis[0] <= wg);
	size_t mult = dev_sizet(CL_DEVICE_PREFERRED_WORK_GROUP_SIZE_MULTIPLE);
	CHECK(mult >= 1 && mult <= wg);

	/* Vector widths from the CPU's flags. */
	char flags[8192] = "";
	if (cpuinfo_field("flags", flags, sizeof flags)) {
		cl_uint f = dev_uint(device, CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT);
		cl_uint want = has_word(flags, "avx512f") ? 16 : has_word(flags, "avx") ? 8 : 4;
		CHECK(f == want);
		CHECK(dev_uint(device, CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT) == want);
		cl_ulong sfp = dev_ulong(CL_DEVICE_SINGLE_FP_CONFIG);
		CHECK(((sfp & CL_FP_FMA) != 0) == has_word(flags, "fma"));
	}
	static const cl_device_info widths[] = {
		CL_DEVICE_PREFERRED_VECTOR_WIDTH_CHAR, CL_DEVICE_PREFERRED_VECTOR_WIDTH_SHORT, CL_DEVICE_PREFERRED_VECTOR_WIDTH_INT,
		CL_DEVICE_PREFERRED_VECTOR_WIDTH_LONG, CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT,
		CL_DEVICE_NATIVE_VECTOR_WIDTH_CHAR, CL_DEVICE_NATIVE_VECTOR_WIDTH_SHORT, CL_DEVICE_NATIVE_VECTOR_WIDTH_INT,
		CL_DEVICE_NATIVE_VECTOR_WIDTH_LONG, CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT};
	for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		cl_uint w = dev_uint(device, widths[i]);
		/* Never above 16, the widest OpenCL C vector: OpenCV declines
		 * a device that says 64 for char. */
		if (w > 16) fprintf(stderr, "vector width query 0x%x: %u\n", widths[i], w);
		CHECK(w >= 1 && w <= 16 && (w & (w - 1)) == 0);
	}
	CHECK(dev_uint(device, CL_DEVICE_PREFERRED_VECTOR_WIDTH_HALF) <= 16 && dev_uint(device, CL_DEVICE_NATIVE_VECTOR_WIDTH_HALF) <= 16);
	CHECK(dev_uint(device, CL_DEVICE_PREFERRED_VECTOR_WIDTH_DOUBLE) <= 16 && dev_uint(device, CL_DEVICE_NATIVE_VECTOR_WIDTH_DOUBLE) <= 16);
	if (flags[0]) {
		/* Integer widths still follow the host's vectors: 128 bits at
		 * least, 256 with AVX2 (16 shorts), capped at 16 lanes. */
		CHECK(dev_uint(device, CL_DEVICE_NATIVE_VECTOR_WIDTH_CHAR) == 16);
		CHECK(dev_uint(device, CL_DEVICE_NATIVE_VECTOR_WIDTH_SHORT) == (has_word(flags, "avx2") ? 16 : 8));
		CHECK(dev_uint(device, CL_DEVICE_NATIVE_VECTOR_WIDTH_INT) == (has_word(flags, "avx512f") ? 16 : has_word(flags, "avx2") ? 8 : 4));
	}
	CHECK((dev_uint(device, CL_DEVICE_PREFERRED_VECTOR_WIDTH_DOUBLE) != 0) == fp64);
	CHECK((dev_uint(device, CL_DEVICE_NATIVE_VECTOR_WIDTH_DOUBLE) != 0) == fp64);
	CHECK((dev_uint(device, CL_DEVICE_PREFERRED_VECTOR_WIDTH_HALF) != 0) == fp16);
	CHECK((dev_uint(device, CL_DEVICE_NATIVE_VECTOR_WIDTH_HALF) != 0) == fp16);
	cl_ulong sfp = dev_ulong(CL_DEVICE_SINGLE_FP_CONFIG);
	CHECK((sfp & (CL_FP_ROUND_TO_NEAREST | CL_FP_INF_NAN)) == (CL_FP_ROUND_TO_NEAREST | CL_FP_INF_NAN));
	CHECK(!(sfp & CL_FP_SOFT_FLOAT));

	/* Memory, from the host. */
	cl_ulong global = dev_ulong(CL_DEVICE_GLOBAL_MEM_SIZE);
	unsigned long long total = meminfo_total();
	if (total) CHECK(global == total);
	cl_ulong maxalloc = dev_ulong(CL_DEVICE_MAX_MEM_ALLOC_SIZE);
	cl_ulong minalloc = global / 4 < (1ull << 30) ? global / 4 : (1ull << 30);
	if (minalloc < (32ull << 20)) minalloc = 32ull << 20;
	CHECK(maxalloc >= minalloc && maxalloc <= global);
	CHECK(dev_uint(device, CL_DEVICE_ADDRESS_BITS) == sizeof(void *) * 8);
	cl_uint one = 1;
	CHECK(dev_uint(device, CL_DEVICE_ENDIAN_LITTLE) == (cl_bool)(*(unsigned char *)&one == 1));
	cl_uint align = dev_uint(device, CL_DEVICE_MEM_BASE_ADDR_ALIGN);
	CHECK(align >= 1024 && (align & (align - 1)) == 0);
	CHECK(dev_uint(device, CL_DEVICE_MIN_DATA_TYPE_ALIGN_SIZE) >= 128);
	CHECK(dev_uint(device, CL_DEVICE_GLOBAL_MEM_CACHE_TYPE) == CL_READ_WRITE_CACHE);
	cl_uint line = dev_uint(device, CL_DEVICE_GLOBAL_MEM_CACHELINE_SIZE);
	char path[128];
	int first = 0;
	for (int c = 0; c < CPU_SETSIZE; c++) if (CPU_ISSET(c, &set)) { first = c; break; }
	snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%d/cache/index0/coherency_line_size", first);
	unsigned sysline = sysfs_uint(path);
	CHECK(line == (sysline ? sysline : 64));
	cl_ulong cache = dev_ulong(CL_DEVICE_GLOBAL_MEM_CACHE_SIZE);
	CHECK(cache >= 4096 && cache < global);
	CHECK(dev_ulong(CL_DEVICE_MAX_CONSTANT_BUFFER_SIZE) >= 64 * 1024);
	CHECK(dev_ulong(CL_DEVICE_MAX_CONSTANT_BUFFER_SIZE) <= dev_ulong(CL_DEVICE_MAX_MEM_ALLOC_SIZE));
	/* Not the allocation limit: the CTS's min_max_constant_buffer_size
	 * fills a buffer of this size (gigabytes there: minutes, and 50 GB of
	 * memory). */
	if (gocl) CHECK(dev_ulong(CL_DEVICE_MAX_CONSTANT_BUFFER_SIZE) == 64 << 20);
	CHECK(dev_uint(device, CL_DEVICE_MAX_CONSTANT_ARGS) >= 8);
	CHECK(dev_uint(device, CL_DEVICE_LOCAL_MEM_TYPE) == CL_GLOBAL);
	CHECK(dev_ulong(CL_DEVICE_LOCAL_MEM_SIZE) >= 32 * 1024);
	CHECK(dev_sizet(CL_DEVICE_MAX_PARAMETER_SIZE) >= 1024);
	CHECK(dev_uint(device, CL_DEVICE_HOST_UNIFIED_MEMORY) == CL_TRUE);
	cl_ulong svm = dev_ulong(CL_DEVICE_SVM_CAPABILITIES);
	CHECK(svm == (CL_DEVICE_SVM_COARSE_GRAIN_BUFFER | CL_DEVICE_SVM_FINE_GRAIN_BUFFER | CL_DEVICE_SVM_FINE_GRAIN_SYSTEM | CL_DEVICE_SVM_ATOMICS));
	cl_uint freq = dev_uint(device, CL_DEVICE_MAX_CLOCK_FREQUENCY);
	CHECK(freq > 0 && freq < 20000);

	/* Images: the full-profile minimums. */
	CHECK(dev_uint(device, CL_DEVICE_IMAGE_SUPPORT) == CL_TRUE);
	CHECK(dev_sizet(CL_DEVICE_IMAGE2D_MAX_WIDTH) >= 16384 && dev_sizet(CL_DEVICE_IMAGE2D_MAX_HEIGHT) >= 16384);
	CHECK(dev_sizet(CL_DEVICE_IMAGE3D_MAX_WIDTH) >= 2048 && dev_sizet(CL_DEVICE_IMAGE3D_MAX_HEIGHT) >= 2048 && dev_sizet(CL_DEVICE_IMAGE3D_MAX_DEPTH) >= 2048);
	size_t imgbuf = dev_sizet(CL_DEVICE_IMAGE_MAX_BUFFER_SIZE);
	CHECK(imgbuf >= 65536 && imgbuf <= maxalloc && imgbuf <= 0x7fffffff);
	CHECK(dev_sizet(CL_DEVICE_IMAGE_MAX_ARRAY_SIZE) >= 2048);
	CHECK(dev_uint(device, CL_DEVICE_MAX_READ_IMAGE_ARGS) >= 128);
	CHECK(dev_uint(device, CL_DEVICE_MAX_WRITE_IMAGE_ARGS) >= 64);
	cl_uint rw = dev_uint(device, CL_DEVICE_MAX_READ_WRITE_IMAGE_ARGS);
	CHECK(rw == 0 || rw >= 64);
	CHECK(dev_uint(device, CL_DEVICE_MAX_SAMPLERS) >= 16);
	cl_uint pitch = dev_uint(device, CL_DEVICE_IMAGE_PITCH_ALIGNMENT), base = dev_uint(device, CL_DEVICE_IMAGE_BASE_ADDRESS_ALIGNMENT);
	CHECK(pitch && (pitch & (pitch - 1)) == 0 && base && (base & (base - 1)) == 0);

	/* Queues, execution, timers. */
	cl_ulong qprops = dev_ulong(CL_DEVICE_QUEUE_ON_HOST_PROPERTIES);
	CHECK(qprops == (CL_QUEUE_OUT_OF_ORDER_EXEC_MODE_ENABLE | CL_QUEUE_PROFILING_ENABLE));
	CHECK(dev_ulong(CL_DEVICE_EXECUTION_CAPABILITIES) == (CL_EXEC_KERNEL | CL_EXEC_NATIVE_KERNEL));
	CHECK(dev_sizet(CL_DEVICE_PROFILING_TIMER_RESOLUTION) == 1);
	CHECK(dev_sizet(CL_DEVICE_PRINTF_BUFFER_SIZE) >= 1024 * 1024);

	/* Partitioning of the root device. */
	cl_device_id parent = (cl_device_id)1;
	CHECK_OK(clGetDeviceInfo(device, CL_DEVICE_PARENT_DEVICE, sizeof parent, &parent, NULL));
	CHECK(parent == NULL);
	CHECK(dev_size(device, CL_DEVICE_PARTITION_TYPE) == 0);
	CHECK(dev_ulong(CL_DEVICE_PARTITION_AFFINITY_DOMAIN) == 0);
	cl_device_partition_property pp[4] = {-1, -1, -1, -1};
	n = dev_size(device, CL_DEVICE_PARTITION_PROPERTIES);
	CHECK_OK(clGetDeviceInfo(device, CL_DEVICE_PARTITION_PROPERTIES, sizeof pp, pp, NULL));
	if (cus >= 2) {
		CHECK(n == 2 * sizeof(cl_device_partition_property));
		CHECK(pp[0] == CL_DEVICE_PARTITION_EQUALLY && pp[1] == CL_DEVICE_PARTITION_BY_COUNTS);
		CHECK(dev_uint(device, CL_DEVICE_PARTITION_MAX_SUB_DEVICES) == cus);
	} else {
		CHECK(n == sizeof(cl_device_partition_property) && pp[0] == 0);
		CHECK(dev_uint(device, CL_DEVICE_PARTITION_MAX_SUB_DEVICES) == 0);
	}
	CHECK(dev_uint(device, CL_DEVICE_REFERENCE_COUNT) == 1);

	/* cl_khr_device_uuid: stable, well-formed. */
	unsigned char u1[CL_UUID_SIZE_KHR], u2[CL_UUID_SIZE_KHR], du[CL_UUID_SIZE_KHR], zero[CL_UUID_SIZE_KHR] = {0};
	CHECK_OK(clGetDeviceInfo(device, CL_DEVICE_UUID_KHR, sizeof u1, u1, NULL));
	CHECK_OK(clGetDeviceInfo(device, CL_DEVICE_UUID_KHR, sizeof u2, u2, NULL));
	CHECK_OK(clGetDeviceInfo(device, CL_DRIVER_UUID_KHR, sizeof du, du, NULL));
	CHECK(memcmp(u1, u2, sizeof u1) == 0 && memcmp(u1, zero, sizeof u1) != 0 && memcmp(u1, du, sizeof u1) != 0);
	CHECK((u1[8] & 0xc0) == 0x80); /* RFC 4122 variant */
	CHECK(dev_uint(device, CL_DEVICE_LUID_VALID_KHR) == CL_FALSE);

	free(name); free(vendor); free(version); free(driver); free(profile); free(conf); free(exts); free(nv);
	free(pexts); free(cver); free(vers); free(feat); free(ilv); free(bik);
}

static void test_bad_devices(void) {
	cl_uint v;
	size_t n;
	CHECK_ERR(clGetDeviceInfo(NULL, CL_DEVICE_NAME, 0, NULL, &n), CL_INVALID_DEVICE);
	CHECK_ERR(clGetDeviceInfo((cl_device_id)fake, CL_DEVICE_NAME, 0, NULL, &n), CL_INVALID_DEVICE);
	CHECK_ERR(clGetDeviceInfo((cl_device_id)platform, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof v, &v, &n), CL_INVALID_DEVICE);
	CHECK_ERR(clRetainDevice(NULL), CL_INVALID_DEVICE);
	CHECK_ERR(clReleaseDevice(NULL), CL_INVALID_DEVICE);
	CHECK_ERR(clRetainDevice((cl_device_id)fake), CL_INVALID_DEVICE);
	CHECK_ERR(clReleaseDevice((cl_device_id)fake), CL_INVALID_DEVICE);
	CHECK_ERR(clReleaseDevice((cl_device_id)platform), CL_INVALID_DEVICE);
	/* The root device: retain and release succeed and change nothing. */
	CHECK_OK(clRetainDevice(device));
	CHECK_OK(clRetainDevice(device));
	CHECK(dev_uint(device, CL_DEVICE_REFERENCE_COUNT) == 1);
	for (int i = 0; i < 5; i++) CHECK_OK(clReleaseDevice(device));
	CHECK(dev_uint(device, CL_DEVICE_REFERENCE_COUNT) == 1);
	CHECK_OK(clGetDeviceInfo(device, CL_DEVICE_NAME, 0, NULL, &n));
}

/* ---- sub-devices ---- */

static void check_sub(cl_device_id sub, cl_device_id parent, cl_uint want_cus, const cl_device_partition_property *props, size_t nprops) {
	CHECK(dev_uint(sub, CL_DEVICE_MAX_COMPUTE_UNITS) == want_cus);
	cl_device_id par = NULL;
	CHECK_OK(clGetDeviceInfo(sub, CL_DEVICE_PARENT_DEVICE, sizeof par, &par, NULL));
	CHECK(par == parent);
	cl_platform_id p = NULL;
	CHECK_OK(clGetDeviceInfo(sub, CL_DEVICE_PLATFORM, sizeof p, &p, NULL));
	CHECK(p == platform);
	size_t n = dev_size(sub, CL_DEVICE_PARTITION_TYPE);
	CHECK(n == nprops * sizeof(cl_device_partition_property));
	cl_device_partition_property got[16] = {0};
	if (n <= sizeof got) {
		CHECK_OK(clGetDeviceInfo(sub, CL_DEVICE_PARTITION_TYPE, n, got, NULL));
		CHECK(memcmp(got, props, n) == 0);
	}
	CHECK(dev_uint(sub, CL_DEVICE_REFERENCE_COUNT) == 1);
	cl_device_type type = 0;
	CHECK_OK(clGetDeviceInfo(sub, CL_DEVICE_TYPE, sizeof type, &type, NULL));
	CHECK(type == CL_DEVICE_TYPE_CPU);
	unsigned char u1[CL_UUID_SIZE_KHR], u2[CL_UUID_SIZE_KHR];
	CHECK_OK(clGetDeviceInfo(sub, CL_DEVICE_UUID_KHR, sizeof u1, u1, NULL));
	CHECK_OK(clGetDeviceInfo(device, CL_DEVICE_UUID_KHR, sizeof u2, u2, NULL));
	CHECK(memcmp(u1, u2, sizeof u1) == 0);
	cl_device_partition_property pp[2] = {-1, -1};
	CHECK_OK(clGetDeviceInfo(sub, CL_DEVICE_PARTITION_PROPERTIES, sizeof pp, pp, NULL));
	if (want_cus >= 2) CHECK(pp[0] == CL_DEVICE_PARTITION_EQUALLY && dev_uint(sub, CL_DEVICE_PARTITION_MAX_SUB_DEVICES) == want_cus);
	else CHECK(pp[0] == 0 && dev_uint(sub, CL_DEVICE_PARTITION_MAX_SUB_DEVICES) == 0);
}

static void test_sub_devices(void) {
	cl_uint num = 0;
	cl_device_id subs[256];

	if (cus < 2) {
		cl_device_partition_property eq[] = {CL_DEVICE_PARTITION_EQUALLY, 1, 0};
		CHECK_ERR(clCreateSubDevices(device, eq, 1, subs, &num), CL_DEVICE_PARTITION_FAILED);
		fprintf(stderr, "note: 1 compute unit: only the unpartitionable case is tested\n");
		return;
	}

	/* Equally, one compute unit each. */
	cl_device_partition_property eq1[] = {CL_DEVICE_PARTITION_EQUALLY, 1, 0};
	CHECK_OK(clCreateSubDevices(device, eq1, 0, NULL, &num));
	CHECK(num == cus);
	num = 0;
	CHECK_OK(clCreateSubDevices(device, eq1, 256, subs, &num));
	CHECK(num == cus);
	for (cl_uint i = 0; i < num && i < 256; i++) {
		check_sub(subs[i], device, 1, eq1, 3);
		for (cl_uint j = 0; j < i; j++) CHECK(subs[i] != subs[j]);
	}
	/* A one-unit sub-device cannot be partitioned further. */
	cl_device_id subsub[4];
	CHECK_ERR(clCreateSubDevices(subs[0], eq1, 4, subsub, NULL), CL_DEVICE_PARTITION_FAILED);
	cl_device_partition_property bc1[] = {CL_DEVICE_PARTITION_BY_COUNTS, 1, CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, 0};
	CHECK_ERR(clCreateSubDevices(subs[0], bc1, 4, subsub, NULL), CL_DEVICE_PARTITION_FAILED);
	/* Whatever is asked of it, as the count query (the OpenCL CTS's
	 * device_partition test takes CL_DEVICE_PARTITION_FAILED there as
	 * "cannot be further partitioned") and as the creation. */
	cl_uint subnum = 12345;
	CHECK_ERR(clCreateSubDevices(subs[0], eq1, 0, NULL, &subnum), CL_DEVICE_PARTITION_FAILED);
	CHECK(subnum == 12345);
	cl_device_partition_property eq2x[] = {CL_DEVICE_PARTITION_EQUALLY, 2, 0};
	CHECK_ERR(clCreateSubDevices(subs[0], eq2x, 0, NULL, &subnum), CL_DEVICE_PARTITION_FAILED);
	cl_device_partition_property bc2x[] = {CL_DEVICE_PARTITION_BY_COUNTS, 2, CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, 0};
	CHECK_ERR(clCreateSubDevices(subs[0], bc2x, 0, NULL, &subnum), CL_DEVICE_PARTITION_FAILED);
	CHECK_ERR(clCreateSubDevices(subs[0], bc2x, 4, subsub, NULL), CL_DEVICE_PARTITION_FAILED);
	cl_device_partition_property bc11x[] = {CL_DEVICE_PARTITION_BY_COUNTS, 1, 1, CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, 0};
	CHECK_ERR(clCreateSubDevices(subs[0], bc11x, 4, subsub, NULL), CL_DEVICE_PARTITION_FAILED);
	/* Malformed properties are still CL_INVALID_VALUE. */
	cl_device_partition_property eq0x[] = {CL_DEVICE_PARTITION_EQUALLY, 0, 0};
	CHECK_ERR(clCreateSubDevices(subs[0], eq0x, 4, subsub, NULL), CL_INVALID_VALUE);
	/* Timers work on sub-devices. */
	cl_ulong dt = 0, ht = 0;
	CHECK_OK(clGetDeviceAndHostTimer(subs[0], &dt, &ht));
	CHECK(dt > 0);

	/* Reference counts. */
	CHECK_OK(clRetainDevice(subs[0]));
	CHECK(dev_uint(subs[0], CL_DEVICE_REFERENCE_COUNT) == 2);
	CHECK_OK(clReleaseDevice(subs[0]));
	CHECK(dev_uint(subs[0], CL_DEVICE_REFERENCE_COUNT) == 1);
	for (cl_uint i = 0; i < num; i++) CHECK_OK(clReleaseDevice(subs[i]));
	/* A released sub-device is no device any more. */
	size_t n;
	CHECK_ERR(clGetDeviceInfo(subs[0], CL_DEVICE_NAME, 0, NULL, &n), CL_INVALID_DEVICE);
	CHECK_ERR(clReleaseDevice(subs[0]), CL_INVALID_DEVICE);
	CHECK_ERR(clRetainDevice(subs[0]), CL_INVALID_DEVICE);
	CHECK_ERR(clCreateSubDevices(subs[0], eq1, 4, subsub, NULL), CL_INVALID_DEVICE);
	CHECK_ERR(clGetHostTimer(subs[0], &ht), CL_INVALID_DEVICE);

	/* Equally, all units: that is no partition (the CTS's
	 * negative_create_sub_devices). By counts, all units: one sub-device,
	 * which can be split again. */
	cl_device_partition_property eqall[] = {CL_DEVICE_PARTITION_EQUALLY, cus, 0};
	cl_device_id whole = NULL;
	CHECK_ERR(clCreateSubDevices(device, eqall, 1, &whole, &num), CL_DEVICE_PARTITION_FAILED);
	cl_device_partition_property bcall[] = {CL_DEVICE_PARTITION_BY_COUNTS, cus, CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, 0};
	CHECK_OK(clCreateSubDevices(device, bcall, 1, &whole, &num));
	CHECK(num == 1);
	check_sub(whole, device, cus, bcall, 4);
	CHECK_OK(clCreateSubDevices(whole, eq1, 256, subs, &num));
	CHECK(num == cus);
	for (cl_uint i = 0; i < num; i++) {
		check_sub(subs[i], whole, 1, eq1, 3);
		CHECK_OK(clReleaseDevice(subs[i]));
	}
	/* The sub-devices keep their parent alive: release the parent first. */
	CHECK_OK(clCreateSubDevices(whole, eq1, 256, subs, &num));
	CHECK_OK(clReleaseDevice(whole));
	CHECK_ERR(clGetDeviceInfo(whole, CL_DEVICE_NAME, 0, NULL, &n), CL_INVALID_DEVICE);
	CHECK(dev_uint(subs[0], CL_DEVICE_MAX_COMPUTE_UNITS) == 1);
	for (cl_uint i = 0; i < num; i++) CHECK_OK(clReleaseDevice(subs[i]));

	/* Equally with a remainder: the rest is not used. */
	if (cus >= 3) {
		cl_device_partition_property eq2[] = {CL_DEVICE_PARTITION_EQUALLY, 2, 0};
		CHECK_OK(clCreateSubDevices(device, eq2, 256, subs, &num));
		CHECK(num == cus / 2);
		for (cl_uint i = 0; i < num; i++) {
			check_sub(subs[i], device, 2, eq2, 3);
			CHECK_OK(clReleaseDevice(subs[i]));
		}
	}

	/* By counts. */
	cl_device_partition_property bc[] = {CL_DEVICE_PARTITION_BY_COUNTS, 1, cus - 1, CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, 0};
	CHECK_OK(clCreateSubDevices(device, bc, 0, NULL, &num));
	CHECK(num == 2);
	CHECK_OK(clCreateSubDevices(device, bc, 2, subs, NULL));
	check_sub(subs[0], device, 1, bc, 5);
	check_sub(subs[1], device, cus - 1, bc, 5);
	CHECK_OK(clReleaseDevice(subs[0]));
	CHECK_OK(clReleaseDevice(subs[1]));
	/* Fewer units than the device has is fine. */
	CHECK_OK(clCreateSubDevices(device, bc1, 1, subs, &num));
	CHECK(num == 1);
	check_sub(subs[0], device, 1, bc1, 4);
	CHECK_OK(clReleaseDevice(subs[0]));

	/* Errors. */
	CHECK_ERR(clCreateSubDevices(NULL, eq1, 256, subs, &num), CL_INVALID_DEVICE);
	CHECK_ERR(clCreateSubDevices((cl_device_id)fake, eq1, 256, subs, &num), CL_INVALID_DEVICE);
	CHECK_ERR(clCreateSubDevices((cl_device_id)platform, eq1, 256, subs, &num), CL_INVALID_DEVICE);
	CHECK_ERR(clCreateSubDevices(device, NULL, 256, subs, &num), CL_INVALID_VALUE);
	cl_device_partition_property empty[] = {0};
	CHECK_ERR(clCreateSubDevices(device, empty, 256, subs, &num), CL_INVALID_VALUE);
	cl_device_partition_property unknown[] = {0x1234, 1, 0};
	CHECK_ERR(clCreateSubDevices(device, unknown, 256, subs, &num), CL_INVALID_VALUE);
	cl_device_partition_property affinity[] = {CL_DEVICE_PARTITION_BY_AFFINITY_DOMAIN, CL_DEVICE_AFFINITY_DOMAIN_NEXT_PARTITIONABLE, 0};
	CHECK_ERR(clCreateSubDevices(device, affinity, 256, subs, &num), CL_INVALID_VALUE);
	cl_device_partition_property eq0[] = {CL_DEVICE_PARTITION_EQUALLY, 0, 0};
	CHECK_ERR(clCreateSubDevices(device, eq0, 256, subs, &num), CL_INVALID_VALUE);
	cl_device_partition_property eqneg[] = {CL_DEVICE_PARTITION_EQUALLY, -1, 0};
	CHECK_ERR(clCreateSubDevices(device, eqneg, 256, subs, &num), CL_INVALID_VALUE);
	cl_device_partition_property eqbig[] = {CL_DEVICE_PARTITION_EQUALLY, cus + 1, 0};
	/* More units than the device has: a bad count (the CTS's
	 * negative_create_sub_devices), where all of them is a failed partition. */
	CHECK_ERR(clCreateSubDevices(device, eqbig, 256, subs, &num), CL_INVALID_DEVICE_PARTITION_COUNT);
	cl_device_partition_property eqtwo[] = {CL_DEVICE_PARTITION_EQUALLY, 1, CL_DEVICE_PARTITION_BY_COUNTS, 1, 0, 0};
	CHECK_ERR(clCreateSubDevices(device, eqtwo, 256, subs, &num), CL_INVALID_VALUE);
	cl_device_partition_property bcbig[] = {CL_DEVICE_PARTITION_BY_COUNTS, cus + 1, CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, 0};
	CHECK_ERR(clCreateSubDevices(device, bcbig, 256, subs, &num), CL_INVALID_DEVICE_PARTITION_COUNT);
	cl_device_partition_property bcsum[] = {CL_DEVICE_PARTITION_BY_COUNTS, cus, 1, CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, 0};
	CHECK_ERR(clCreateSubDevices(device, bcsum, 256, subs, &num), CL_INVALID_DEVICE_PARTITION_COUNT);
	cl_device_partition_property bcneg[] = {CL_DEVICE_PARTITION_BY_COUNTS, -1, CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, 0};
	CHECK_ERR(clCreateSubDevices(device, bcneg, 256, subs, &num), CL_INVALID_DEVICE_PARTITION_COUNT);
	cl_device_partition_property bcnone[] = {CL_DEVICE_PARTITION_BY_COUNTS, CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, 0};
	CHECK_ERR(clCreateSubDevices(device, bcnone, 256, subs, &num), CL_INVALID_DEVICE_PARTITION_COUNT);
	/* More sub-devices than compute units, each of one unit. */
	cl_device_partition_property *bcmany = calloc(cus + 4, sizeof *bcmany);
	bcmany[0] = CL_DEVICE_PARTITION_BY_COUNTS;
	for (cl_uint i = 1; i <= cus + 1; i++) bcmany[i] = 1;
	CHECK_ERR(clCreateSubDevices(device, bcmany, 256, subs, &num), CL_INVALID_DEVICE_PARTITION_COUNT);
	free(bcmany);
	cl_device_partition_property bcnoend[] = {CL_DEVICE_PARTITION_BY_COUNTS, 1, CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, CL_DEVICE_PARTITION_EQUALLY, 1, 0};
	CHECK_ERR(clCreateSubDevices(device, bcnoend, 256, subs, &num), CL_INVALID_VALUE);
	/* out_devices too small. */
	num = 12345;
	subs[0] = NULL;
	CHECK_ERR(clCreateSubDevices(device, eq1, cus - 1, subs, &num), CL_INVALID_VALUE);
	CHECK(subs[0] == NULL);
	CHECK_ERR(clCreateSubDevices(device, eq1, 0, subs, NULL), CL_INVALID_VALUE);
	/* Neither out_devices nor num_devices_ret: nothing to do, no error. */
	CHECK_OK(clCreateSubDevices(device, eq1, 0, NULL, NULL));
}

/* ---- timers ---- */

static void test_timers(void) {
	cl_ulong d0 = 0, h0 = 0, d1 = 0, h1 = 0, h = 0;
	CHECK_OK(clGetDeviceAndHostTimer(device, &d0, &h0));
	CHECK(d0 > 0 && h0 > 0);
	/* One clock: the pair agrees to well within a millisecond. */
	CHECK((d0 > h0 ? d0 - h0 : h0 - d0) < 1000000);
	CHECK_OK(clGetHostTimer(device, &h));
	CHECK(h >= h0);
	struct timespec t0, t1, ts = {0, 20 * 1000 * 1000};
	clock_gettime(CLOCK_MONOTONIC, &t0);
	nanosleep(&ts, NULL);
	CHECK_OK(clGetDeviceAndHostTimer(device, &d1, &h1));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	unsigned long long wall = (t1.tv_sec - t0.tv_sec) * 1000000000ull + t1.tv_nsec - t0.tv_nsec;
	CHECK(d1 >= d0 + 20000000ull && h1 >= h0 + 20000000ull);
	/* In nanoseconds (CL_PLATFORM_HOST_TIMER_RESOLUTION 1): the 20 ms sleep
	 * spans at most the wall time measured around it plus the first call. */
	CHECK(h1 - h <= wall + 1000000);
	/* Monotonic over many calls. */
	cl_ulong prev = 0;
	int mono = 1;
	for (int i = 0; i < 10000; i++) {
		cl_ulong t;
		if (clGetHostTimer(device, &t) != CL_SUCCESS || t < prev) mono = 0;
		prev = t;
	}
	CHECK(mono);

	CHECK_ERR(clGetDeviceAndHostTimer(device, NULL, &h), CL_INVALID_VALUE);
	CHECK_ERR(clGetDeviceAndHostTimer(device, &d0, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetHostTimer(device, NULL), CL_INVALID_VALUE);
	CHECK_ERR(clGetDeviceAndHostTimer(NULL, &d0, &h0), CL_INVALID_DEVICE);
	CHECK_ERR(clGetHostTimer(NULL, &h), CL_INVALID_DEVICE);
	CHECK_ERR(clGetDeviceAndHostTimer((cl_device_id)fake, &d0, &h0), CL_INVALID_DEVICE);
	CHECK_ERR(clGetHostTimer((cl_device_id)fake, &h), CL_INVALID_DEVICE);
	CHECK_ERR(clGetHostTimer((cl_device_id)platform, &h), CL_INVALID_DEVICE);
}

/* ---- gocl's own checks, without the loader's in front ---- */

/* The loader answers NULL handles itself (or substitutes its default
 * platform); call gocl through its dispatch table to see that gocl rejects
 * NULL and never-handle memory on its own. */
static void test_direct(void) {
	const struct _cl_icd_dispatch *t = *(const struct _cl_icd_dispatch **)device;
	size_t n = 0;
	cl_uint v;
	cl_ulong ts;
	cl_device_id out[4];
	cl_device_partition_property eq1[] = {CL_DEVICE_PARTITION_EQUALLY, 1, 0};
	CHECK_ERR(t->clGetDeviceInfo(NULL, CL_DEVICE_NAME, 0, NULL, &n), CL_INVALID_DEVICE);
	CHECK_ERR(t->clGetDeviceInfo((cl_device_id)GARBAGE, CL_DEVICE_NAME, 0, NULL, &n), CL_INVALID_DEVICE);
	CHECK_ERR(t->clGetDeviceInfo((cl_device_id)GARBAGE, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof v, &v, NULL), CL_INVALID_DEVICE);
	CHECK_ERR(t->clRetainDevice(NULL), CL_INVALID_DEVICE);
	CHECK_ERR(t->clReleaseDevice((cl_device_id)GARBAGE), CL_INVALID_DEVICE);
	CHECK_ERR(t->clCreateSubDevices(NULL, eq1, 4, out, NULL), CL_INVALID_DEVICE);
	CHECK_ERR(t->clCreateSubDevices((cl_device_id)GARBAGE, eq1, 4, out, NULL), CL_INVALID_DEVICE);
	CHECK_ERR(t->clGetHostTimer(NULL, &ts), CL_INVALID_DEVICE);
	CHECK_ERR(t->clGetDeviceAndHostTimer((cl_device_id)GARBAGE, &ts, &ts), CL_INVALID_DEVICE);
	CHECK_ERR(t->clGetPlatformInfo((cl_platform_id)GARBAGE, CL_PLATFORM_NAME, 0, NULL, &n), CL_INVALID_PLATFORM);
	CHECK_ERR(t->clUnloadPlatformCompiler(NULL), CL_INVALID_PLATFORM);
	CHECK_ERR(t->clUnloadPlatformCompiler((cl_platform_id)GARBAGE), CL_INVALID_PLATFORM);
	CHECK_OK(t->clUnloadPlatformCompiler(platform));
	CHECK(t->clGetExtensionFunctionAddressForPlatform(NULL, "clIcdGetPlatformIDsKHR") == NULL);
	CHECK(t->clGetExtensionFunctionAddressForPlatform((cl_platform_id)GARBAGE, "clIcdGetPlatformIDsKHR") == NULL);
	CHECK(t->clGetExtensionFunctionAddressForPlatform(platform, "clIcdGetPlatformIDsKHR") != NULL);
	/* NULL platform in clGetPlatformInfo is implementation-defined: gocl's. */
	char name[16] = "";
	CHECK_OK(t->clGetPlatformInfo(NULL, CL_PLATFORM_NAME, sizeof name, name, NULL));
	CHECK(strcmp(name, "gocl") == 0);
}

/* ---- extension functions, compiler unloading, cl_khr_icd ---- */

typedef cl_int (*icd_get_platform_ids_fn)(cl_uint, cl_platform_id *, cl_uint *);
typedef void *(*get_ext_fn)(const char *);
typedef void *(*get_ext_platform_fn)(cl_platform_id, const char *);
typedef cl_int (*set_dispatch_data_fn)(cl_platform_id, void *);

/* The library under test, opened directly (the loader already has it). */
static void *gocl_library(void) {
	const char *lib = getenv("OCL_ICD_FILENAMES");
	char path[4096] = "";
	if (!lib || !*lib) {
		const char *icd = getenv("OCL_ICD_VENDORS");
		FILE *f = icd ? fopen(icd, "r") : NULL;
		if (f) {
			if (fgets(path, sizeof path, f)) path[strcspn(path, "\r\n")] = '\0';
			fclose(f);
		}
		lib = path;
	}
	return *lib ? dlopen(lib, RTLD_NOW | RTLD_LOCAL) : NULL;
}

static void test_extension_functions(void) {
	/* Through the loader. */
	void *fn = clGetExtensionFunctionAddressForPlatform(platform, "clIcdGetPlatformIDsKHR");
	CHECK(fn != NULL);
	if (fn) {
		cl_platform_id p = NULL;
		cl_uint n = 0;
		CHECK_OK(((icd_get_platform_ids_fn)fn)(1, &p, &n));
		CHECK(n == 1 && p == platform);
	}
	CHECK(clGetExtensionFunctionAddressForPlatform(platform, "clNoSuchFunctionGOCL") == NULL);
	CHECK(clGetExtensionFunctionAddressForPlatform(platform, "clCreateCommandQueueWithPropertiesKHR") == NULL);
	CHECK(clGetExtensionFunctionAddressForPlatform(platform, "clGetDeviceInfo") == NULL);
	CHECK(clGetExtensionFunctionAddressForPlatform(platform, "clCreateBuffer") == NULL);
	CHECK(clGetExtensionFunctionAddressForPlatform(platform, "") == NULL);

	CHECK_OK(clUnloadCompiler());
	CHECK_OK(clUnloadPlatformCompiler(platform));
	CHECK_ERR(clUnloadPlatformCompiler((cl_platform_id)fake), CL_INVALID_PLATFORM);
	CHECK_ERR(clUnloadPlatformCompiler((cl_platform_id)device), CL_INVALID_PLATFORM);

	/* The library's own entry points, as the loaders call them. */
	void *lib = gocl_library();
	CHECK(lib != NULL);
	if (!lib) return;
	get_ext_fn gea = (get_ext_fn)dlsym(lib, "clGetExtensionFunctionAddress");
	get_ext_platform_fn geap = (get_ext_platform_fn)dlsym(lib, "clGetExtensionFunctionAddressForPlatform");
	set_dispatch_data_fn sdd = (set_dispatch_data_fn)dlsym(lib, "clIcdSetPlatformDispatchDataKHR");
	CHECK(gea && geap && sdd);
	if (!gea || !geap || !sdd) return;
	icd_get_platform_ids_fn ids = (icd_get_platform_ids_fn)gea("clIcdGetPlatformIDsKHR");
	CHECK(ids != NULL);
	if (ids) {
		cl_platform_id p = NULL;
		cl_uint n = 0;
		CHECK_OK(ids(0, NULL, &n));
		CHECK(n == 1);
		CHECK_OK(ids(1, &p, NULL));
		CHECK(p == platform);
		CHECK_ERR(ids(0, &p, NULL), CL_INVALID_VALUE);
	}
	CHECK(gea("clGetPlatformInfo") == NULL);
	CHECK(gea("clGetPlatformIDs") == NULL);
	CHECK(gea("clEnqueueNDRangeKernel") == NULL);
	/* cl_khr_subgroups' function is the core one (tests/spinwait.c). */
	CHECK(gea("clGetKernelSubGroupInfoKHR") != NULL);
	CHECK(gea("clCreateFromGLBuffer") == NULL);
	CHECK(gea("clNoSuchFunctionGOCL") == NULL);
	CHECK(gea(NULL) == NULL);
	CHECK(geap(platform, "clIcdGetPlatformIDsKHR") == (void *)ids);
	CHECK(geap(platform, "clGetDeviceIDs") == NULL);
	CHECK(geap(NULL, "clIcdGetPlatformIDsKHR") == NULL);
	CHECK(geap((cl_platform_id)fake, "clIcdGetPlatformIDsKHR") == NULL);
	CHECK(geap((cl_platform_id)device, "clIcdGetPlatformIDsKHR") == NULL);

	/* cl_khr_icd 2.0 dispatch data: every handle carries it. */
	static int token;
	CHECK_ERR(sdd(NULL, &token), CL_INVALID_PLATFORM);
	CHECK_ERR(sdd((cl_platform_id)fake, &token), CL_INVALID_PLATFORM);
	CHECK_ERR(sdd((cl_platform_id)device, &token), CL_INVALID_PLATFORM);
	CHECK_OK(sdd(platform, &token));
	CHECK(((void **)platform)[1] == (void *)&token);
	CHECK(((void **)device)[1] == (void *)&token);
	if (cus >= 2) {
		cl_device_partition_property eq1[] = {CL_DEVICE_PARTITION_EQUALLY, 1, 0};
		cl_device_id sub = NULL;
		CHECK_ERR(clCreateSubDevices(device, eq1, 1, &sub, NULL), CL_INVALID_VALUE);
		cl_device_partition_property bc1[] = {CL_DEVICE_PARTITION_BY_COUNTS, 1, CL_DEVICE_PARTITION_BY_COUNTS_LIST_END, 0};
		CHECK_OK(clCreateSubDevices(device, bc1, 1, &sub, NULL));
		if (sub) {
			CHECK(((void **)sub)[1] == (void *)&token);
			/* The first word is still the dispatch table: calls work. */
			CHECK(dev_uint(sub, CL_DEVICE_MAX_COMPUTE_UNITS) == 1);
			CHECK_OK(clReleaseDevice(sub));
		}
	}
	CHECK_OK(sdd(platform, NULL));
	CHECK(((void **)platform)[1] == NULL);
	dlclose(lib);
}

/* The child of test_debug_quiet, run with GOCL_DEBUG=1: the loader's and
 * applications' probes of core names through clGetExtensionFunctionAddress
 * are routine, and print nothing; a real error still does. */
static int debug_probe_child(void) {
	platform = test_platform();
	int bad = 0;
	bad |= clGetExtensionFunctionAddressForPlatform(platform, "clGetPlatformInfo") != NULL;
	bad |= clGetExtensionFunctionAddressForPlatform(platform, "clGetDeviceIDs") != NULL;
	bad |= clGetExtensionFunctionAddressForPlatform(platform, "clCreateBuffer") != NULL;
	bad |= clGetExtensionFunctionAddressForPlatform(platform, "clEnqueueNDRangeKernel") != NULL;
	void *lib = gocl_library();
	if (lib) {
		get_ext_fn gea = (get_ext_fn)dlsym(lib, "clGetExtensionFunctionAddress");
		get_ext_platform_fn geap = (get_ext_platform_fn)dlsym(lib, "clGetExtensionFunctionAddressForPlatform");
		if (gea && geap) {
			bad |= gea("clGetPlatformInfo") != NULL;
			bad |= gea("clGetPlatformIDs") != NULL;
			bad |= gea("clSVMAlloc") != NULL;
			bad |= geap(platform, "clGetDeviceInfo") != NULL;
		}
	}
	fflush(stdout);
	fprintf(stderr, "-- probes done --\n");
	/* A real error is still explained. */
	cl_uint v;
	bad |= clGetPlatformInfo(platform, 0x7777, sizeof v, &v, NULL) != CL_INVALID_VALUE;
	return bad;
}

static void test_debug_quiet(void) {
	int fds[2];
	CHECK(pipe(fds) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		setenv("GOCL_DEBUG", "1", 1);
		execl("/proc/self/exe", "platform", "--debug-probe", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	static char out[65536];
	size_t n = 0;
	ssize_t r;
	while (n < sizeof out - 1 && (r = read(fds[0], out + n, sizeof out - 1 - n)) > 0) n += (size_t)r;
	out[n] = 0;
	close(fds[0]);
	int st = 0;
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	const char *done = strstr(out, "-- probes done --\n");
	CHECK(done != NULL);
	if (!done) return;
	/* Nothing before the marker (loader start-up and the probes). */
	if (done != out) fprintf(stderr, "GOCL_DEBUG printed for routine probes:\n%.*s", (int)(done - out), out);
	CHECK(done == out);
	/* The real error after it is explained. */
	CHECK(strstr(done, "gocl: CL_INVALID_VALUE") != NULL);
}

int main(int argc, char **argv) {
	if (argc > 1 && strcmp(argv[1], "--debug-probe") == 0) return debug_probe_child();
	platform = test_platform();
	REQUIRE_OK(clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 1, &device, NULL));
	fake[0] = *(void **)device; /* the real dispatch table */
	REQUIRE_OK(clGetDeviceInfo(device, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof cus, &cus, NULL));

	test_platform_info();
	test_every_query(device);
	test_device_values();
	test_bad_devices();
	test_sub_devices();
	if (cus >= 2) {
		/* Every query answers on a sub-device too. */
		cl_device_partition_property eq1[] = {CL_DEVICE_PARTITION_EQUALLY, 1, 0};
		cl_device_id sub[256];
		cl_uint n = 0;
		CHECK_OK(clCreateSubDevices(device, eq1, 256, sub, &n));
		test_every_query(sub[0]);
		for (cl_uint i = 0; i < n; i++) CHECK_OK(clReleaseDevice(sub[i]));
	}
	test_timers();
	test_direct();
	test_extension_functions();
	test_debug_quiet();
	return check_done();
}
