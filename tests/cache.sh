#!/usr/bin/env bash
# The on-disk kernel cache ($GOCL_CACHE_DIR), through the real loader:
#  - a second build of an unchanged program (another process, and again in
#    the same process) takes milliseconds: measured and printed;
#  - a cache entry that is truncated, garbled or replaced by junk (program,
#    builtin library, loaded shared object) is rebuilt transparently;
#  - several processes building the same program at once all succeed, and
#    compile it once (a clang wrapper counts the compiler runs);
#  - GOCL_NO_CACHE=1 builds without the cache.
# OCL_ICD_VENDORS names gocl (tests/run.sh sets it).
set -u
fail=0
check() { # description, condition result
	if [ "$2" -eq 0 ]; then echo "ok: $1"; else echo "FAILED: $1"; fail=1; fi
}
# A command's status is kept (st=$?) before check "... $(cmd)": expanding
# the description runs cmd, and $? after it is cmd's status.
[ -n "${OCL_ICD_VENDORS:-}" ] || { echo "FAILED: OCL_ICD_VENDORS is not set"; exit 1; }
clang=$(command -v clang-19 || command -v clang) || { echo "FAILED: no clang"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The client: builds a program twice (two program objects), runs its kernel
# and checks the result; prints the build times in milliseconds.
cat >"$tmp/client.c" <<'EOF'
#define CL_TARGET_OPENCL_VERSION 300
#include <CL/cl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
int main(int argc, char **argv) {
	int tag = argc > 1 ? atoi(argv[1]) : 1;
	char src[512];
	snprintf(src, sizeof src,
		"kernel void k(global int *o, local int *l) {\n"
		"  size_t i = get_global_id(0);\n"
		"  l[get_local_id(0)] = (int)i * 3;\n"
		"  barrier(CLK_LOCAL_MEM_FENCE);\n"
		"  o[i] = l[get_local_id(0)] + %d + (int)sqrt((float)(i * i));\n"
		"}\n", tag);
	cl_platform_id ps[8]; cl_uint np = 0; cl_device_id dev = NULL;
	clGetPlatformIDs(8, ps, &np);
	for (cl_uint i = 0; i < np && !dev; i++) {
		char name[64] = "";
		clGetPlatformInfo(ps[i], CL_PLATFORM_NAME, sizeof name, name, NULL);
		if (strstr(name, "gocl")) clGetDeviceIDs(ps[i], CL_DEVICE_TYPE_ALL, 1, &dev, NULL);
	}
	if (!dev) { fprintf(stderr, "no gocl device\n"); return 2; }
	cl_int err;
	cl_context ctx = clCreateContext(NULL, 1, &dev, NULL, NULL, &err);
	cl_command_queue q = clCreateCommandQueueWithProperties(ctx, dev, NULL, &err);
	const char *s = src;
	double ms[2];
	cl_program p = NULL;
	for (int round = 0; round < 2; round++) {
		if (p) clReleaseProgram(p);
		p = clCreateProgramWithSource(ctx, 1, &s, NULL, &err);
		double t0 = now();
		err = clBuildProgram(p, 1, &dev, "-cl-std=CL1.2", NULL, NULL);
		ms[round] = now() - t0;
		if (err != CL_SUCCESS) {
			char log[8192] = "";
			clGetProgramBuildInfo(p, dev, CL_PROGRAM_BUILD_LOG, sizeof log, log, NULL);
			fprintf(stderr, "build failed: %d\n%s\n", err, log);
			return 1;
		}
	}
	enum { N = 256 };
	int out[N];
	cl_mem m = clCreateBuffer(ctx, CL_MEM_READ_WRITE, sizeof out, NULL, &err);
	cl_kernel k = clCreateKernel(p, "k", &err);
	size_t g = N, l = 64;
	clSetKernelArg(k, 0, sizeof m, &m);
	clSetKernelArg(k, 1, l * sizeof(int), NULL);
	err = clEnqueueNDRangeKernel(q, k, 1, NULL, &g, &l, 0, NULL, NULL);
	if (err == CL_SUCCESS) err = clEnqueueReadBuffer(q, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL);
	if (err != CL_SUCCESS) { fprintf(stderr, "run failed: %d\n", err); return 1; }
	for (int i = 0; i < N; i++)
		if (out[i] != i * 4 + tag) { fprintf(stderr, "out[%d] = %d, want %d\n", i, out[i], i * 4 + tag); return 1; }
	printf("%.3f %.3f\n", ms[0], ms[1]);
	return 0;
}
EOF
${CC:-cc} -O1 -o "$tmp/client" "$tmp/client.c" -lOpenCL -lm || { echo "FAILED: client does not compile"; exit 1; }

# A clang wrapper that logs every compiler run (not --version). A spare
# compiler (build/spare.go) is started with @fifo and gets its command
# line in that named pipe when a compile takes it: the wrapper waits for
# it, logs it and gives it to clang in a file.
cat >"$tmp/clang" <<EOF
#!/bin/sh
case "\$*" in
*--version*) ;;
*/spare-*.args)
	args=\$(mktemp "$tmp/args.XXXXXX")
	cat "\${1#@}" >"\$args"
	echo "\$\$ \$(tr '\\n' ' ' <"\$args")" >>"$tmp/clang.log"
	exec "$clang" "@\$args" ;;
*) echo "\$\$ \$*" >>"$tmp/clang.log" ;;
esac
exec "$clang" "\$@"
EOF
chmod +x "$tmp/clang"
export GOCL_CLANG=$tmp/clang
runs() { # how many compiles of a program (front end: -cl-kernel-arg-info; code generation: -fstack-size-section) ran so far
	local n=0
	[ -f "$tmp/clang.log" ] && n=$(grep -c -e " -cl-kernel-arg-info " -e " -fstack-size-section " "$tmp/clang.log")
	echo "${n:-0}"
}
links() { # how many code generations ran so far
	local n=0
	[ -f "$tmp/clang.log" ] && n=$(grep -c -e " -fstack-size-section " "$tmp/clang.log")
	echo "${n:-0}"
}
client() { # cache-dir tag → prints "first second" build times; status
	GOCL_CACHE_DIR=$1 "$tmp/client" "$2" 2>"$tmp/client.err"
}

# 1. Cold, then warm in another process.
cache=$tmp/c1
out=$(client "$cache" 7)
st=$?
check "a cold build succeeds ($(cat "$tmp/client.err"))" $st
cold=${out%% *}
again=${out##* }
echo "cold build (builtin library and program): $cold ms; the same source again in that process: $again ms"
links=$(runs)
out=$(client "$cache" 7)
check "a warm build succeeds" $?
warm=${out%% *}
echo "warm build in a new process (from the cache): $warm ms; again in that process: ${out##* } ms"
check "the warm build ran no compiler ($(( $(runs) - links )) links)" $(( $(runs) != links ))
# (Bounds far above the figures, ~5 ms and ~0.1 ms, so that a loaded
# machine cannot fail them; a build that compiles takes seconds.)
awk -v w="$warm" 'BEGIN { exit !(w < 1000) }'
check "a second build of an unchanged program does not compile ($warm ms < 1000 ms)" $?
awk -v w="$again" 'BEGIN { exit !(w < 1000) }'
check "a second build in the same process does not compile ($again ms < 1000 ms)" $?
ls "$cache"/build-*.bin >/dev/null 2>&1
check "the cache holds the program" $?

# 2. Damaged entries are rebuilt.
entry=$(ls "$cache"/build-*.bin | head -n 1)
size=$(stat -c %s "$entry")
cp "$entry" "$tmp/entry" # a rebuild makes the same bytes (the build is reproducible)
damage() { # description, command (on $entry)
	local before
	before=$(runs)
	eval "$2"
	client "$cache" 7 >/dev/null
	st=$?
	check "$1: the build succeeds ($(head -c 200 "$tmp/client.err"))" $st
	check "$1: it was rebuilt" $(( $(runs) == before ))
	cmp -s "$entry" "$tmp/entry"
	check "$1: the entry is whole again" $?
	client "$cache" 7 >/dev/null
	st=$?
	check "$1: the next build uses it ($(head -c 200 "$tmp/client.err"))" $(( st != 0 || $(runs) != before + 1 ))
}
damage "truncated entry" 'truncate -s $((size / 2)) "$entry"'
damage "garbled code in the entry" 'printf "\x55\x55\x55\x55" | dd of="$entry" bs=1 seek=$((size - 300)) conv=notrunc 2>/dev/null'
damage "garbled entry header" 'printf "garbage" | dd of="$entry" bs=1 seek=20 conv=notrunc 2>/dev/null'
damage "junk entry" 'head -c "$size" /dev/urandom >"$entry"'
damage "empty entry" ': >"$entry"'
# The builtin library's runtime part: truncated and garbled, then a new
# program links with it.
lib=$(ls "$cache"/builtins-*/rt.c.bc | head -n 1)
libsize=$(stat -c %s "$lib")
cp "$lib" "$tmp/lib.bc" # rebuilt, it is the same bytes (reproducible bitcode)
truncate -s $((libsize / 3)) "$lib"
client "$cache" 8 >/dev/null
st=$?
check "a truncated builtin library is rebuilt: a new program builds and runs ($(head -c 200 "$tmp/client.err"))" $st
cmp -s "$lib" "$tmp/lib.bc"
check "the builtin library is whole again" $?
printf "\x00\x01\x02\x03\x04\x05" | dd of="$lib" bs=1 seek=$((libsize / 2)) conv=notrunc 2>/dev/null
client "$cache" 9 >/dev/null
st=$?
check "a garbled builtin library is rebuilt ($(head -c 200 "$tmp/client.err"))" $st
cmp -s "$lib" "$tmp/lib.bc"
check "the garbled builtin library is whole again" $?
# The loaded shared objects are written again by every process.
for so in "$cache"/program-*.so; do head -c 100 /dev/urandom | dd of="$so" bs=1 seek=2000 conv=notrunc 2>/dev/null; done
client "$cache" 7 >/dev/null && client "$cache" 8 >/dev/null
check "garbled shared objects in the cache do not matter" $?

# 3. Several processes build the same program at once, in a new cache: all
# succeed, and the program is compiled and linked once.
n=6
cache=$tmp/c2
: >"$tmp/clang.log"
pids=()
for i in $(seq $n); do
	GOCL_CACHE_DIR=$cache "$tmp/client" 5 >"$tmp/par.$i" 2>&1 &
	pids+=($!)
done
ok=0
for p in "${pids[@]}"; do wait "$p" && ok=$((ok + 1)); done
check "$n processes building one program at once all succeed ($ok)" $(( ok != n ))
check "the program was linked once ($(links) links)" $(( $(links) != 1 ))
libfiles=$(ls "$cache"/builtins-*/rt.c.bc 2>/dev/null | wc -l)
check "one builtin library ($libfiles)" $(( libfiles != 1 ))
# Different programs at once in one cache: no process waits for ever.
pids=()
for i in $(seq $n); do
	GOCL_CACHE_DIR=$cache timeout 120 "$tmp/client" $((100 + i)) >"$tmp/par.$i" 2>&1 &
	pids+=($!)
done
ok=0
for p in "${pids[@]}"; do wait "$p" && ok=$((ok + 1)); done
check "$n processes building different programs at once all succeed ($ok)" $(( ok != n ))

# 4. GOCL_NO_CACHE: builds, and nothing is cached.
cache=$tmp/c3
mkdir -p "$cache"
GOCL_NO_CACHE=1 GOCL_CACHE_DIR=$cache "$tmp/client" 3 >/dev/null
check "GOCL_NO_CACHE=1 builds" $?
! ls "$cache"/build-*.bin >/dev/null 2>&1
check "GOCL_NO_CACHE=1 caches no program" $?

exit $fail
