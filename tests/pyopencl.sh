#!/usr/bin/env bash
# PyOpenCL (Debian python3-pyopencl) on gocl: the scripts in tests/py use
# pyopencl.array, clmath, the reductions, scans and sorts, clrandom,
# ElementwiseKernel, ReductionKernel, plain programs (local memory,
# barriers, atomics, vectors, printf) and images, and check every
# result against numpy. Fails when a script fails or does not finish.
# GOCL_TEST_PLATFORM picks another platform (e.g. "Portable" for PoCL) to
# check the scripts themselves. Usage: tests/pyopencl.sh [script-name...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
$py -c 'import pyopencl, numpy' 2>/dev/null || { echo "FAILED: python3-pyopencl and python3-numpy are needed"; exit 1; }
[ -n "${OCL_ICD_VENDORS:-}" ] || export OCL_ICD_VENDORS=$here/../out/vendors/gocl.icd
# no pyopencl binary cache: every program goes through clBuildProgram
export PYOPENCL_NO_CACHE=1
export PYOPENCL_COMPILER_OUTPUT=0
scripts=("$@")
[ ${#scripts[@]} -eq 0 ] && scripts=(array kernels scan rng image)
fail=0
for s in "${scripts[@]}"; do
	start=$SECONDS
	(cd "$here/py" && timeout 400 $py "$s.py")
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "ok: $s ($((SECONDS - start))s)"
	else
		echo "FAILED: $s (exit $rc, $((SECONDS - start))s)"
		fail=1
	fi
done
exit $fail
