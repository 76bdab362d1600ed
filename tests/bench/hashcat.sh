#!/bin/sh
# hashcat's own benchmark (hashcat -b) of MD5, SHA1 and SHA256 on each
# platform of make bench, one at a time: each .icd of BUILD/bench-vendors
# alone in a folder that OCL_ICD_VENDORS points at, hashcat told to take
# the OpenCL CPU device (-D 1). hashcat's self-test checks each kernel's
# result before it is timed; a mode that fails shows as "failed", with
# hashcat's last lines. A figure, never a pass/fail test: exits 0.
# Usage: tests/bench/hashcat.sh BUILD_DIR
BUILD=${1:?usage: hashcat.sh BUILD_DIR}
MODES="0 100 1400"

if ! command -v hashcat >/dev/null 2>&1; then
	echo "hashcat is not installed: no hashcat figures"
	exit 0
fi

# A fresh HOME and XDG cache and data directories: hashcat's session files,
# its kernel cache and the implementations' (~/.cache/gocl, ~/.cache/pocl)
# start empty and go away after. hashcat takes its cache from
# XDG_CACHE_HOME, or else from the password database's home directory, not
# $HOME: with HOME alone, every bench since session 1 had run the program
# binaries hashcat kept from the first (stale gocl code).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$tmp/home"

labels=""
for icd in "$BUILD"/bench-vendors/gocl.icd "$BUILD"/bench-vendors/pocl.icd "$BUILD"/bench-vendors/*.icd "$BUILD"/bench-extra/*.icd; do
	[ -f "$icd" ] || continue
	label=$(basename "$icd" .icd)
	case " $labels " in *" $label "*) continue ;; esac
	labels="$labels $label"
	mkdir -p "$tmp/v-$label"
	cp "$icd" "$tmp/v-$label/"
done

name() {
	case $1 in 0) echo MD5 ;; 100) echo SHA1 ;; 1400) echo SHA256 ;; *) echo "-m $1" ;; esac
}

# H/s of one mode on one platform, or "failed"
speed() {
	log="$tmp/$1-$2.log"
	(cd "$tmp" && HOME="$tmp/home" XDG_CACHE_HOME="$tmp/home/.cache" XDG_DATA_HOME="$tmp/home/.local/share" OCL_ICD_VENDORS="$tmp/v-$1" timeout 900 \
		hashcat -b -m "$2" -D 1 --backend-ignore-cuda --backend-ignore-hip --force \
		--machine-readable) >"$log" 2>&1
	# device:mode:clock:memclock:ms per kernel run:H/s
	s=$(awk -F: -v m="$2" '$2 == m && NF == 6 { v = $6 } END { if (v != "") print v }' "$log")
	if [ -z "$s" ]; then
		echo "hashcat -m $2 on $1 failed:" >&2
		tail -n 5 "$log" >&2
		echo failed
	else
		echo "$s"
	fi
}

echo
echo "hashcat -b, OpenCL CPU device, one platform at a time (MH/s; ratio > 1 means gocl is better)"
printf '%-8s' mode
for l in $labels; do
	printf ' %12s' "$l"
	[ "$l" = gocl ] || printf ' %7s' ratio
done
echo
for m in $MODES; do
	g=""
	line=$(printf '%-8s' "$(name "$m")")
	for l in $labels; do
		s=$(speed "$l" "$m")
		[ "$l" = gocl ] && g=$s
		line="$line$(awk -v s="$s" -v g="$g" -v first="$([ "$l" = gocl ] && echo 1)" 'BEGIN {
			if (s == "failed") printf " %12s", "failed"; else printf " %12.1f", s / 1e6
			if (first != 1) {
				if (s == "failed" || g == "failed" || g == "" || s == 0) printf " %7s", "-"
				else printf " %6.2fx", g / s
			}
		}')"
	done
	echo "$line"
done
exit 0
