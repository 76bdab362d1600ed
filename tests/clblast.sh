#!/usr/bin/env bash
# CLBlast (Debian's libclblast) on gocl: SAXPY, SDOT, SGEMV (plain and
# transposed), SGEMM (CLBlast's direct kernel and its indirect kernel with
# the pad and transpose helpers) and DGEMM, with offsets, strides and sizes
# that are no multiple of CLBlast's tiles, each checked against the host
# (tests/apps/clblast.c). OCL_ICD_VENDORS names gocl alone (tests/run.sh).
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ -f /usr/include/clblast_c.h ] || { echo "FAILED: libclblast-dev is not installed"; exit 1; }
[ -n "${OCL_ICD_VENDORS:-}" ] || export OCL_ICD_VENDORS=$here/../out/vendors/gocl.icd
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -Wall -o "$tmp/clblast" "$here/apps/clblast.c" -lclblast -lOpenCL -lm || { echo "FAILED: the test does not build"; exit 1; }
timeout 300 "$tmp/clblast" >"$tmp/out" 2>&1
rc=$?
cat "$tmp/out"
grep -q '^platform: gocl$' "$tmp/out" || { echo "FAILED: the platform is not gocl"; exit 1; }
exit $rc
