#!/usr/bin/env bash
# clFFT (Debian's clfft-client) on gocl: the client plans a transform,
# compiles its generated kernels (a 1,024-point pass is one work-group
# function of 128 work-items, barriers between its radix passes), runs it
# on a constant input and checks every output value ("Internal Client Test
# *****PASS*****"; a forward transform must give the spike, a backward one
# the constant). Single and double precision, 1D, 2D and 3D, in and out of
# place, forward and backward, batches. Its kernels pass a __constant
# argument with max_constant_size after the argument's name: the front end
# guesses them in one pass (the two-pass front end cost 0.3 s a plan).
set -u
command -v clFFT-client >/dev/null || { echo "FAILED: clfft-client is not installed"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
[ -n "${OCL_ICD_VENDORS:-}" ] || export OCL_ICD_VENDORS=$here/../out/vendors/gocl.icd
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOCL_CACHE_DIR=$tmp/cache
fail=0

fft() { # description, clFFT-client arguments
	local what=$1; shift
	if clFFT-client -c "$@" >"$tmp/out" 2>&1 && grep -q 'Internal Client Test \*\*\*\*\*PASS\*\*\*\*\*' "$tmp/out"; then
		echo "ok: $what"
	else
		echo "FAILED: $what (clFFT-client -c $*)"
		tail -5 "$tmp/out"
		fail=1
	fi
}
fft "1D 1024 points, single" -x 1024
fft "1D 4096 points, 8 batches, out of place, backward" -x 4096 -b 8 -o --inv
fft "2D 256 x 128, double" -x 256 -y 128 --double
fft "3D 64 x 32 x 16" -x 64 -y 32 -z 16
fft "1D 1000 points (radices 2 and 5)" -x 1000
fft "real to hermitian, 2048 points" -x 2048 --inLayout 5 --outLayout 3 -o
exit $fail
