#!/usr/bin/env bash
# hcxkeys (Debian) on gocl: wlangenpmkocl derives WPA pairwise master keys
# on the OpenCL device, PBKDF2-HMAC-SHA1 over the network name, 4,096
# iterations of two SHA-1 blocks per key, one work-item per password. Its
# keys must be the host's (Python's hashlib), for a few passwords and for
# enough of them to fill several work-groups. The kernel calls its SHA-1
# block function four times inside its loops: the function is inlined
# before the work-group transform, so its work-items run in SIMD lanes
# (it used to stay a call: scalar, and 9 s of code generation).
set -u
command -v wlangenpmkocl >/dev/null || { echo "FAILED: hcxkeys is not installed"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
[ -n "${OCL_ICD_VENDORS:-}" ] || export OCL_ICD_VENDORS=$here/../out/vendors/gocl.icd
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# keys ESSID COUNT: COUNT passwords, their keys from the device and from
# the host, compared line by line.
keys() {
	local essid=$1 n=$2
	/usr/bin/python3 -c "
import sys
for i in range(int(sys.argv[1])): print('password%d-%s' % (i, 'x' * (i % 50)))" "$n" >"$tmp/pw"
	wlangenpmkocl -e "$essid" <"$tmp/pw" 2>"$tmp/err" | grep -E '^[0-9a-f]{64}$' >"$tmp/dev"
	/usr/bin/python3 -c "
import hashlib, sys
for p in open(sys.argv[2]).read().split():
    print(hashlib.pbkdf2_hmac('sha1', p.encode(), sys.argv[1].encode(), 4096, 32).hex())" "$essid" "$tmp/pw" >"$tmp/host"
	if cmp -s "$tmp/dev" "$tmp/host"; then
		echo "ok: $n keys for \"$essid\" match the host's"
	else
		echo "FAILED: $n keys for \"$essid\": the device's differ from the host's"
		diff "$tmp/dev" "$tmp/host" | head -5
		tail -5 "$tmp/err"
		fail=1
	fi
}
keys testnet 3
keys "a network name of 32 characters" 3000
exit $fail
