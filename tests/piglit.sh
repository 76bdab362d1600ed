#!/usr/bin/env bash
# piglit's OpenCL tests (Debian's piglit) on gocl: every API and custom
# test program, and the program tests that found gocl's faults (a link
# error that ended the process, a vector store into a kernel-scope array,
# kernels that write past small buffers) with their neighbours. Left out,
# each for expecting what the OpenCL specification does not (they fail on
# PoCL 3.1 and 7.1 too): create-program-with-binary (a kernel from a
# binary program never built), get-command-queue-info (CL_QUEUE_SIZE of a
# host queue), get-device-info ("OpenCL 1.1" in a 3.0 device's version),
# get-extension-function-address-for-platform (an invalid platform the
# loader resolves), use-sub-buffer-in-kernel (a sub-buffer at a misaligned
# offset); and the EGL interop test (no display here).
set -u
here=$(cd "$(dirname "$0")" && pwd)
P=/usr/lib/x86_64-linux-gnu/piglit
[ -x $P/bin/cl-program-tester ] || { echo "FAILED: piglit is not installed"; exit 1; }
[ -n "${OCL_ICD_VENDORS:-}" ] || export OCL_ICD_VENDORS=$here/../out/vendors/gocl.icd
skip=" cl-api-create-program-with-binary cl-api-get-command-queue-info cl-api-get-device-info cl-api-get-extension-function-address-for-platform cl-custom-use-sub-buffer-in-kernel cl-interop-egl_khr_cl_event2 cl-program-tester "
failed=0 passed=0
run() { # name command...
	local name=$1; shift
	local out r
	out=$(cd $P && timeout 300 "$@" 2>&1)
	r=$(grep -o 'PIGLIT: {"result": "[a-z]*"' <<<"$out" | tail -1 | sed 's/.*"result": "//; s/"//')
	case $r in
	pass | skip) passed=$((passed + 1)) ;;
	*) failed=$((failed + 1)); echo "FAILED: $name (${r:-no result: the process ended})"; tail -5 <<<"$out" | sed 's/^/    /' ;;
	esac
}
for b in $P/bin/cl-*; do
	n=$(basename "$b")
	[[ $skip == *" $n "* ]] && continue
	run "$n" "$b"
done
for f in generated_tests/cl/vstore/vstorea_half-float-local.cl generated_tests/cl/vstore/vstorea_half-double-local.cl \
	generated_tests/cl/vstore/vstore_half-float-local.cl generated_tests/cl/vstore/vstore-half-local.cl tests/cl/program/execute/bswap.cl \
	tests/cl/program/execute/clz-optimizations.cl tests/cl/program/execute/constant-load.cl; do
	[ -f "$P/$f" ] || { echo "FAILED: $f is missing"; failed=$((failed + 1)); continue; }
	run "$f" bin/cl-program-tester "$f"
done
echo "piglit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
