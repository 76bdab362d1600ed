#!/usr/bin/env bash
# clpeak (Debian) on gocl: every section must run to the end with exit 0,
# no build log or error, and a positive, finite figure on every line.
# OCL_ICD_VENDORS names gocl alone (tests/run.sh sets it), so gocl is
# platform 0. clpeak checks no results; its kernels (mad chains over
# float/double/int vectors of 1..16, vector loads, empty kernels) must
# build and run, and the figures must be plausible.
set -u
command -v clpeak >/dev/null || { echo "FAILED: clpeak is not installed"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
[ -n "${OCL_ICD_VENDORS:-}" ] || export OCL_ICD_VENDORS=$here/../out/vendors/gocl.icd
fail=0
check() { # description, status
	if [ "$2" -eq 0 ]; then echo "ok: $1"; else echo "FAILED: $1"; fail=1; fi
}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

start=$SECONDS
timeout 240 clpeak -p 0 -d 0 >"$out" 2>&1
rc=$?
cat "$out"
echo "(clpeak took $((SECONDS - start)) s)"
check "clpeak exits 0 within 240 s (got $rc)" $rc
grep -qE '^Platform: gocl$' "$out"
check "runs on the gocl platform" $?
bad=$(grep -m 3 -iE 'build log|error|failed|exception' "$out")
check "no build log or error (${bad:-none})" $([ -z "$bad" ]; echo $?)
# Non-finite figures, except for map and unmap: they copy nothing on a CPU,
# and clpeak's microsecond timer can measure 0 for them (then it prints inf).
bad=$(grep -vE 'enqueueMapBuffer|enqueueUnmap' "$out" | grep -m 3 -iE ': *-?(nan|inf)')
check "no non-finite figure but map/unmap (${bad:-none})" $([ -z "$bad" ]; echo $?)

# section title → the lines it must have
sections=(
	"Global memory bandwidth (GBPS)|float float2 float4 float8 float16"
	"Single-precision compute (GFLOPS)|float float2 float4 float8 float16"
	"Double-precision compute (GFLOPS)|double double2 double4 double8 double16"
	"Integer compute (GIOPS)|int int2 int4 int8 int16"
	"Integer compute Fast 24bit (GIOPS)|int int2 int4 int8 int16"
	"Transfer bandwidth (GBPS)|enqueueWriteBuffer enqueueReadBuffer"
)
for s in "${sections[@]}"; do
	title=${s%%|*}
	# the section's lines: from its title to the next blank line
	body=$(awk -v t="$title" 'index($0, t) { on = 1; next } on && /^[[:space:]]*$/ { exit } on' "$out")
	[ -n "$body" ]
	check "section '$title' is there" $?
	for item in ${s#*|}; do
		v=$(printf '%s\n' "$body" | awk -v k="$item" '{ n = $0; sub(/^[ \t]+/, "", n); split(n, f, /[ \t]*:[ \t]*/) } f[1] == k { print f[2]; exit }')
		awk -v v="$v" 'BEGIN { exit !(v ~ /^[0-9.]+$/ && v + 0 > 0) }'
		check "$title: $item = ${v:-missing} (> 0)" $?
	done
done
lat=$(sed -n 's/^ *Kernel launch latency : \([0-9.]*\) us$/\1/p' "$out")
awk -v v="$lat" 'BEGIN { exit !(v ~ /^[0-9.]+$/ && v + 0 > 0 && v + 0 < 10000) }'
check "kernel launch latency ${lat:-missing} us (0 < x < 10 ms)" $?
# A memory bandwidth below 0.5 GB/s or a float16 mad rate below 1 GFLOPS
# on a CPU means the kernels run far slower than they should.
bw=$(awk '/Global memory bandwidth/ { on = 1; next } on && /float16/ { print $3; exit }' "$out")
awk -v v="$bw" 'BEGIN { exit !(v + 0 >= 0.5) }'
check "global memory bandwidth float16 ${bw:-missing} GB/s >= 0.5" $?
sp=$(awk '/Single-precision compute/ { on = 1; next } on && /float16/ { print $3; exit }' "$out")
awk -v v="$sp" 'BEGIN { exit !(v + 0 >= 1) }'
check "single precision float16 ${sp:-missing} GFLOPS >= 1" $?
exit $fail
