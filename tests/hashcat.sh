#!/usr/bin/env bash
# hashcat (Debian) on gocl: for each hash mode, hashcat builds its kernels
# (clCompileProgram + clLinkProgram of shared.cl and the mode's kernel),
# runs its self-test on the device (a known hash/password pair; a wrong
# result aborts the run) and then cracks a hash made here from a known
# password, which it must print. Brute force (-a 3) runs the mode's kernel
# with the device's mask generator; the word list + rules attack (-a 0 -r)
# runs the rule engine on the device.
# A fresh HOME for hashcat's own files and kernel cache, so every run goes
# through gocl's compiler; gocl's program cache stays where it is, which
# keeps later runs fast. OCL_ICD_VENDORS names gocl alone (tests/run.sh).
set -u
command -v hashcat >/dev/null || { echo "FAILED: hashcat is not installed"; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
[ -n "${OCL_ICD_VENDORS:-}" ] || export OCL_ICD_VENDORS=$here/../out/vendors/gocl.icd
export GOCL_CACHE_DIR=${GOCL_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/gocl}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_CACHE_HOME=$tmp/home/.cache XDG_DATA_HOME=$tmp/home/.local/share XDG_CONFIG_HOME=$tmp/home/.config
mkdir -p "$HOME"
fail=0
check() { # description, status
	if [ "$2" -eq 0 ]; then echo "ok: $1"; else echo "FAILED: $1"; fail=1; fi
}

# crack NAME MODE PASSWORD HASH ATTACK-ARGS...: hashcat must report the
# password for HASH.
crack() {
	local name=$1 mode=$2 pass=$3 hash=$4; shift 4
	local log=$tmp/$name.log out=$tmp/$name.out start=$SECONDS
	echo "--- $name: hashcat -m $mode $* (password '$pass')"
	timeout 300 hashcat -m "$mode" "$hash" "$@" -D 1 -d 1 --force --potfile-disable \
		--backend-ignore-cuda --backend-ignore-hip --session "$name" \
		-o "$out" --outfile-format 2 --status-timer 60 >"$log" 2>&1 </dev/null
	local rc=$?
	grep -vE '^\s*$' "$log" | grep -E 'Platform|Device #|self-test|Status|Speed|failed|error|Error|ATTENTION' | sed 's/^/    /'
	echo "    ($((SECONDS - start)) s, exit $rc)"
	grep -qE 'Platform #1 \[gocl\]' "$log"
	check "$name: hashcat runs on gocl" $?
	! grep -qiE 'self-test failed|build failed|CL_[A-Z_]*(FAILURE|INVALID)|clLinkProgram|clBuildProgram|clCompileProgram' "$log"
	check "$name: kernels build, self-test passes" $?
	[ $rc -eq 0 ]
	check "$name: exit status 0 (cracked), got $rc" $?
	[ -f "$out" ] && [ "$(cat "$out")" = "$pass" ]
	st=$? # (the message's $(cat) would reset $?)
	check "$name: found '$pass' (got '$(cat "$out" 2>/dev/null)')" $st
	if [ $rc -ne 0 ] || [ ! -s "$out" ]; then tail -n 15 "$log" | sed 's/^/    | /'; fi
}

md5() { printf '%s' "$1" | md5sum | cut -d' ' -f1; }
sha1() { printf '%s' "$1" | sha1sum | cut -d' ' -f1; }
sha256() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
sha512() { printf '%s' "$1" | sha512sum | cut -d' ' -f1; }

crack md5-bruteforce 0 abc12 "$(md5 abc12)" -a 3 '?l?l?l?d?d'
crack sha1-bruteforce 100 zq7x "$(sha1 zq7x)" -a 3 '?l?l?d?l'
crack sha256-bruteforce 1400 Pw42 "$(sha256 Pw42)" -a 3 '?u?l?d?d'
crack sha512-bruteforce 1700 k9z "$(sha512 k9z)" -a 3 '?l?d?l'
# word list + rules: "summer" with rule "c $2 $0 $2 $4" (capitalize, append 2024)
printf '%s\n' winter spring summer autumn >"$tmp/words"
printf '%s\n' ':' 'c' 'u' 'c $2 $0 $2 $4' '$1' 'r' >"$tmp/rules"
crack md5-rules 0 Summer2024 "$(md5 Summer2024)" -a 0 "$tmp/words" -r "$tmp/rules"
exit $fail
