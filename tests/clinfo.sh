#!/usr/bin/env bash
# Debian's clinfo against gocl: the full report, the list and the raw
# report must come out whole, with gocl's platform and device in them and
# not one failed query. OCL_ICD_VENDORS names gocl (tests/run.sh sets it).
set -u
fail=0
check() { # description, condition result
	if [ "$2" -eq 0 ]; then echo "ok: $1"; else echo "FAILED: $1"; fail=1; fi
}
command -v clinfo >/dev/null || { echo "FAILED: clinfo is not installed"; exit 1; }
[ -n "${OCL_ICD_VENDORS:-}" ] || { echo "FAILED: OCL_ICD_VENDORS is not set"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# What clinfo prints when a query fails ("<func:line: what : error -30>",
# "<error: ...>"), error names and descriptions ("Invalid value"),
# "... failed" and similar; GOCL_DEBUG makes gocl explain every error it returns.
errors=' : error -?[0-9]|CL_INVALID|CL_OUT_OF|Invalid [a-z]|<error|error:|[Ff]ailed|Out of (host|resources)|not implemented|internal error|Unknown error'

device_name=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
cus=$(nproc)

for mode in "" -l --raw -a; do
	name="clinfo${mode:+ $mode}"
	GOCL_DEBUG=1 timeout 120 clinfo $mode >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "$name exits 0 (got $rc)" $rc
	grep -q 'gocl' "$tmp/out"
	check "$name lists the gocl platform" $?
	if [ -n "$device_name" ]; then
		grep -qF "$device_name" "$tmp/out"
		check "$name lists the device ($device_name)" $?
	fi
	# clinfo -a asks every property, those of unclaimed extensions too:
	# their CL_INVALID_VALUE is expected there, so it is only checked not to
	# crash (above) and to stay free of gocl internal errors.
	if [ "$mode" = -a ]; then
		! grep -qE 'internal error|panic' "$tmp/out" "$tmp/err"
		check "$name: no internal error" $?
		continue
	fi
	! grep -E "$errors" "$tmp/out"
	check "$name: no failed query in the report" $?
	# Errors gocl returned while clinfo ran (GOCL_DEBUG=1), except the
	# expected ones: no GPU/accelerator/custom device when clinfo asks for
	# one, and ocl-icd probing a core function with clGetExtensionFunctionAddress.
	grep -vE ': the only device is a CPU$|is not an extension function gocl offers' "$tmp/err" >"$tmp/unexpected"
	! grep . "$tmp/unexpected"
	check "$name: gocl returned no unexpected error" $?
done

# The full report holds the values gocl must get right.
clinfo >"$tmp/full" 2>&1
grep -qE '^  Platform Extensions +.*cl_khr_icd' "$tmp/full"
check "platform extensions include cl_khr_icd" $?
grep -qE '^  Platform Extensions function suffix +gocl$' "$tmp/full"
check "ICD suffix is gocl" $?
grep -qE '^  Platform Version +OpenCL 3\.0 ' "$tmp/full"
check "platform version OpenCL 3.0" $?
grep -qE '^  Device Version +OpenCL 3\.0 ' "$tmp/full"
check "device version OpenCL 3.0" $?
grep -qE "^  Max compute units +$cus\$" "$tmp/full"
check "max compute units $cus" $?
grep -qE '^  Device Type +CPU$' "$tmp/full"
check "device type CPU" $?
# The compiler (clang and libLLVM 19) is claimed when clang is installed,
# and OpenCL C 3.0 with it; the kernel language's extensions come with it.
if command -v clang-19 >/dev/null || command -v clang >/dev/null; then
	grep -qE '^  Compiler Available +Yes$' "$tmp/full"
	check "compiler available" $?
	grep -qE '^  Linker Available +Yes$' "$tmp/full"
	check "linker available" $?
	# OpenCL C 3.0 is offered, but 1.2 is the highest fully backwards
	# compatible version (3.0 without pipes and device enqueue is not 2.0).
	grep -qE '^  Device OpenCL C Version +OpenCL C 1\.2 ' "$tmp/full"
	check "OpenCL C 1.2 is the backwards compatible version" $?
	grep -qE '^ +OpenCL C +0xc00000 \(3\.0\.0\)$' "$tmp/full"
	check "OpenCL C 3.0 among all versions" $?
	grep -qE '^  Device Extensions +.*cl_khr_fp64.*cl_khr_byte_addressable_store' "$tmp/full"
	check "device extensions include cl_khr_fp64 and cl_khr_byte_addressable_store" $?
	grep -qE '^  Double-precision Floating-point support +\(cl_khr_fp64\)' "$tmp/full"
	check "double precision reported" $?
	grep -qE '^  Generic address space support +Yes' "$tmp/full"
	check "generic address space" $?
else
	grep -qE '^  Compiler Available +No$' "$tmp/full"
	check "compiler not claimed without clang" $?
fi

clinfo -l >"$tmp/list" 2>&1
grep -qE '^Platform #[0-9]+: gocl$' "$tmp/list"
check "clinfo -l names the platform" $?
grep -qE "^ \`-- Device #0: " "$tmp/list"
check "clinfo -l lists a device" $?

clinfo --raw >"$tmp/raw" 2>&1
grep -qE '^\[gocl/0\] +CL_DEVICE_TYPE +CL_DEVICE_TYPE_CPU$' "$tmp/raw"
check "raw: CL_DEVICE_TYPE_CPU" $?
grep -qE "^\[gocl/0\] +CL_DEVICE_MAX_COMPUTE_UNITS +$cus\$" "$tmp/raw"
check "raw: CL_DEVICE_MAX_COMPUTE_UNITS $cus" $?
grep -qE '^  CL_PLATFORM_ICD_SUFFIX_KHR +gocl$' "$tmp/raw"
check "raw: CL_PLATFORM_ICD_SUFFIX_KHR gocl" $?

exit $fail
