#!/usr/bin/env bash
# The kernel cache's directory and temporary files (robustness, issue 8,
# items 6, 10, 11 and 13):
#  - a cache that cannot be used (XDG_CACHE_HOME naming a file, a cache
#    path under a regular file, writes that fail after the directory was
#    checked, as on a full disk) costs nothing but the cache: builds succeed
#    at once (they used to fail after 20-30 s), and GOCL_DEBUG says why;
#  - the directory is private: created 0700 (an older 0755 one is made
#    0700), refused when it belongs to another user or others can write it
#    (someone could plant shared objects there); with HOME unset the cache
#    is the user's home from the password database, never a shared
#    /tmp/.cache/gocl;
#  - the process's temporary files go when it exits (item 11): a process
#    that exits while an asynchronous build runs leaves no compiler running
#    and no temporary directory (the compilers die with it, its scratch
#    directory is removed at exit), and the scratch directory of a process
#    that was killed is removed by the next one;
#  - the cache is bounded (item 13, GOCL_CACHE_MAX): the least recently
#    used builds go, a build larger than a quarter of the bound is not
#    kept, and processes building at once with a tight bound all succeed.
# (Tests may run as root, for whom permission bits do not stop writes: the
# unusable caches are paths under regular files, which fail for root too.)
set -u
fail=0
check() { # description, status
	if [ "$2" -eq 0 ]; then echo "ok: $1"; else echo "FAILED: $1"; fail=1; fi
}
[ -n "${OCL_ICD_VENDORS:-}" ] || { echo "FAILED: OCL_ICD_VENDORS is not set"; exit 1; }
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir "$tmp/t"
export TMPDIR=$tmp/t # the scratch directories of the clients go here
unset GOCL_CACHE_DIR GOCL_NO_CACHE GOCL_CACHE_MAX
export GOCL_DEBUG=1

# The client builds a program twice (two program objects) and runs it.
cat >"$tmp/client.c" <<'EOF'
#include "check.h"
int main(int argc, char **argv) {
	/* argv[1]: build options (-DBIG=n adds an n-element __constant array) */
	const char *src =
		"#ifdef BIG\n"
		"constant int big[BIG] = {1};\n"
		"#define EXTRA(i) (big[(uint)o[i] % BIG] == 12345)\n"
		"#else\n"
		"#define EXTRA(i) 0\n"
		"#endif\n"
		"#ifndef TAG\n"
		"#define TAG 0\n"
		"#endif\n"
		/* (TAG in the code: each tag's kernels are cache entries of their own) */
		"kernel void k(global int *o) { size_t i = get_global_id(0); o[i] = (int)i * 2 + (int)sqrt(4.0f) + EXTRA(i);\n"
		"	if (o[i] == -TAG - 1000) o[0] = TAG; }";
	const char *opts = argc > 1 ? argv[1] : "";
	test_env t = test_setup();
	cl_program p = check_build(&t, src, opts);
	clReleaseProgram(p);
	p = check_build(&t, src, opts); /* again, another program object */
	int out[64];
	cl_mem m = check_buffer(&t, sizeof out, NULL);
	cl_int err;
	cl_kernel k = clCreateKernel(p, "k", &err);
	REQUIRE_OK(err);
	size_t g = 64;
	REQUIRE_OK(clSetKernelArg(k, 0, sizeof m, &m));
	REQUIRE_OK(clEnqueueNDRangeKernel(t.queue, k, 1, NULL, &g, NULL, 0, NULL, NULL));
	REQUIRE_OK(clEnqueueReadBuffer(t.queue, m, CL_TRUE, 0, sizeof out, out, 0, NULL, NULL));
	for (int i = 0; i < 64; i++) CHECK(out[i] == i * 2 + 2);
	return check_done();
}
EOF
${CC:-cc} -O1 -I "$(dirname "$0")" -o "$tmp/client" "$tmp/client.c" -lOpenCL -lm || { echo "FAILED: client does not compile"; exit 1; }
run() { # env assignments... [-- build options] → status; stderr in $tmp/err
	local envs=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	env "${envs[@]}" "$tmp/client" "$@" 2>"$tmp/err" >/dev/null
}
said() { grep -q -e "$1" "$tmp/err"; }
noscratch() { [ -z "$(ls -A "$tmp/t")" ]; }

# 1. A new cache directory is made private, and used.
run GOCL_CACHE_DIR="$tmp/c0/gocl"
check "a build with a new cache succeeds ($(head -c 300 "$tmp/err"))" $?
! grep -q . "$tmp/err"
check "GOCL_DEBUG has nothing to say about a usable cache ($(head -c 300 "$tmp/err"))" $?
check "the new cache directory has mode 0700 ($(stat -c %a "$tmp/c0/gocl"))" $([ "$(stat -c %a "$tmp/c0/gocl")" = 700 ]; echo $?)
ls "$tmp"/c0/gocl/build-*.bin >/dev/null 2>&1
check "the cache holds the program" $?
! ls "$tmp"/c0/gocl/*.so >/dev/null 2>&1
check "no shared object is left in the cache (they are loaded from files removed at once)" $?
noscratch
check "the process left no temporary files ($(ls "$tmp/t"))" $?
chmod 0755 "$tmp/c0/gocl"
run GOCL_CACHE_DIR="$tmp/c0/gocl"
check "a warm build succeeds" $?
check "an existing 0755 cache directory is made 0700 ($(stat -c %a "$tmp/c0/gocl"))" $([ "$(stat -c %a "$tmp/c0/gocl")" = 700 ]; echo $?)
lib=$(basename "$(ls -d "$tmp"/c0/gocl/builtins-* | head -n 1)")

# 2. Caches that cannot be used: the build succeeds, without the cache.
: >"$tmp/file"
run XDG_CACHE_HOME="$tmp/file"
check "XDG_CACHE_HOME naming a file: the build succeeds ($(head -c 300 "$tmp/err"))" $?
said "kernel cache: .*$tmp/file.*building without a cache"
check "XDG_CACHE_HOME naming a file: GOCL_DEBUG says why ($(head -c 300 "$tmp/err"))" $?
noscratch
check "XDG_CACHE_HOME naming a file: no temporary files are left" $?

# Writes fail after the directory was checked (a full disk): the builtin
# library's runtime cannot be written where it belongs (directories are in
# its way).
mkdir -p "$tmp/c1/$lib/rt.c.bc" "$tmp/c1/$lib/rt.c.json"
run GOCL_CACHE_DIR="$tmp/c1"
check "a cache that cannot be written: the build succeeds ($(head -c 300 "$tmp/err"))" $?
said "cannot write the builtin library"
check "a cache that cannot be written: GOCL_DEBUG says so" $?
noscratch
check "a cache that cannot be written: no temporary files are left" $?

# 3. Directories that are not private are refused.
mkdir -m 0777 "$tmp/c2"
chmod 0777 "$tmp/c2"
run GOCL_CACHE_DIR="$tmp/c2"
check "a cache others can write: the build succeeds ($(head -c 300 "$tmp/err"))" $?
said "can be written by other users"
check "a cache others can write is refused ($(head -c 300 "$tmp/err"))" $?
! ls "$tmp"/c2/build-* >/dev/null 2>&1
check "nothing was written in it" $?
if [ "$(id -u)" = 0 ]; then
	mkdir "$tmp/c3"
	chown 12345 "$tmp/c3"
	other=$tmp/c3
else
	other=/ # root's
fi
run GOCL_CACHE_DIR="$other"
check "a cache of another user: the build succeeds ($(head -c 300 "$tmp/err"))" $?
said "belongs to user"
check "a cache of another user is refused ($(head -c 300 "$tmp/err"))" $?

# 4. HOME unset: the home from the password database, never /tmp.
home=$(getent passwd "$(id -u)" | cut -d: -f6)
tag="-DHOMETEST=$$$RANDOM" # a build of its own, to find in the cache
env -u HOME -u XDG_CACHE_HOME "$tmp/client" "$tag" 2>"$tmp/err" >/dev/null
check "HOME unset: the build succeeds ($(head -c 300 "$tmp/err"))" $?
! [ -e "$tmp/t/.cache" ] && ! grep -q "/tmp" "$tmp/err"
check "HOME unset: no cache in a shared temporary directory ($(head -c 300 "$tmp/err"))" $?
if [ -n "$home" ] && [ -d "$home/.cache/gocl" ] && [ -O "$home/.cache/gocl" ]; then
	mine=$(grep -l -a -e "$tag" "$home"/.cache/gocl/build-*.bin 2>/dev/null | head -n 1)
	check "HOME unset: the cache is in the user's home ($home/.cache/gocl)" $([ -n "$mine" ]; echo $?)
	[ -n "$mine" ] && rm -f "$mine"
fi
noscratch
check "no process left temporary files" $?
# 5. A bounded cache. E is the size of one entry; the bound holds 4.5.
c=$tmp/c5
run GOCL_CACHE_DIR="$c" -- -DTAG=0
check "a build in a new cache succeeds ($(head -c 300 "$tmp/err"))" $?
entry() { grep -l -a -e "-DTAG=$1\b" "$c"/build-*.bin 2>/dev/null | head -n 1; }
total() { cat "$c"/build-*.bin 2>/dev/null | wc -c; }
# (A lazily compiled program makes two entries: the build, and the code of
# the kernels it ran. E is both.)
e=$(total)
max=$((e * 9 / 2))
rm -f "$c"/build-*.bin
over=
for i in 1 2 3 4 1 5; do
	run GOCL_CACHE_DIR="$c" GOCL_CACHE_MAX=$max -- "-DTAG=$i" || echo "build $i: $(head -c 300 "$tmp/err")"
	[ "$(total)" -le "$max" ] || over="$over $i:$(total)"
	[ -n "$(entry "$i")" ] || over="$over $i:missing"
done
check "GOCL_CACHE_MAX=$max: the builds stay under the bound, the last one kept ($over)" $([ -z "$over" ]; echo $?)
check "the least recently used entry went (2), the one used again stayed (1)" \
	$([ -z "$(entry 2)" ] && [ -n "$(entry 1)" ] && [ -n "$(entry 3)" ] && [ -n "$(entry 4)" ]; echo $?)
ls "$c"/builtins-*/rt.c.bc >/dev/null 2>&1
check "the builtin library is kept" $?
run GOCL_CACHE_DIR="$c" GOCL_CACHE_MAX=$max -- "-DTAG=6 -DBIG=16384"
check "a program with a 64 KiB __constant array builds ($(head -c 300 "$tmp/err"))" $?
said "not keeping a"
check "its entry, larger than a quarter of the bound, is not kept" $?
check "and evicted nothing" $([ -n "$(entry 1)" ] && [ -n "$(entry 5)" ]; echo $?)
pids=()
for i in 11 12 13 14 15 16; do
	GOCL_CACHE_DIR="$c" GOCL_CACHE_MAX=$((e * 5)) "$tmp/client" "-DTAG=$i" >/dev/null 2>"$tmp/err.$i" &
	pids+=($!)
done
ok=0
for p in "${pids[@]}"; do wait "$p" && ok=$((ok + 1)); done
check "6 processes building at once in a cache bounded to 5 entries all succeed ($ok)" $((ok != 6))
check "the cache is within the bound ($(total) <= $((e * 5)))" $([ "$(total)" -le $((e * 5)) ]; echo $?)
noscratch
check "no process left temporary files" $?

# 6. Exiting while an asynchronous build runs. The compiler is a wrapper
# that records its process id and then takes for ever (as a long compile
# would).
clang=$(command -v clang-19 || command -v clang) || { echo "FAILED: no clang"; exit 1; }
cat >"$tmp/clang" <<EOF
#!/bin/sh
case "\$*" in *--version*) exec "$clang" "\$@" ;; esac
# A spare compiler (build/spare.go) runs when a compile gives it its
# command line in its named pipe.
case "\$*" in */spare-*.args) cat "\${1#@}" >/dev/null ;; esac
echo \$\$ >>"$tmp/pids"
: >"$tmp/started" # (after the pid is written: the client waits for this)
exec sleep 100000
EOF
chmod +x "$tmp/clang"

cat >"$tmp/exiter.c" <<'EOF'
#include "check.h"
static void CL_CALLBACK done(cl_program p, void *data) { (void)p; (void)data; }
int main(int argc, char **argv) {
	(void)argc;
	const char *src = "kernel void k(global int *o) { o[get_global_id(0)] = 1; }";
	test_env t = test_setup();
	cl_int err;
	cl_program p = clCreateProgramWithSource(t.context, 1, &src, NULL, &err);
	REQUIRE_OK(err);
	REQUIRE_OK(clBuildProgram(p, 1, &t.device, "", done, NULL));
	/* Until the compiler runs (the wrapper wrote its pid, then argv[1]). */
	for (int i = 0; i < 60000 && access(argv[1], F_OK) != 0; i++) usleep(1000);
	if (access(argv[1], F_OK) != 0) { fprintf(stderr, "the compiler never ran\n"); return 1; }
	printf("exiting during the build\n");
	return 0; /* exit() with the build running */
}
EOF
${CC:-cc} -O1 -I "$(dirname "$0")" -o "$tmp/exiter" "$tmp/exiter.c" -lOpenCL || { echo "FAILED: client does not compile"; exit 1; }

# A leftover of a killed process (a pid that no longer runs), unchanged for
# two hours, and one of a live process.
sh -c 'exit 0' & dead=$!
wait "$dead"
mkdir -p "$tmp/t/gocl-$dead-stale/build-1" "$tmp/t/gocl-$$-live"
touch -d '2 hours ago' "$tmp/t/gocl-$dead-stale/build-1" "$tmp/t/gocl-$dead-stale"

GOCL_NO_CACHE=1 GOCL_CLANG=$tmp/clang "$tmp/exiter" "$tmp/started" >"$tmp/out" 2>&1
check "a client exits during an asynchronous build ($(head -c 300 "$tmp/out"))" $?
# The compiler was killed (SIGKILL at exit): wait for it to be gone.
alive=
for pid in $(cat "$tmp/pids" 2>/dev/null); do
	for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$pid" 2>/dev/null && { alive="$alive $pid"; kill -9 "$pid"; }
done
check "compilers started: $(wc -l <"$tmp/pids" 2>/dev/null)" $([ -s "$tmp/pids" ]; echo $?)
check "no compiler outlives the process (alive:$alive)" $([ -z "$alive" ]; echo $?)
left=$(cd "$tmp/t" && ls -d gocl-* 2>/dev/null | grep -v -e "-live$")
check "no temporary directory is left behind ($left)" $([ -z "$left" ]; echo $?)
check "a live process's scratch directory is kept" $([ -d "$tmp/t/gocl-$$-live" ]; echo $?)
exit $fail
