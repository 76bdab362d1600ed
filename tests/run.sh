#!/usr/bin/env bash
# Runs every test through the real ICD loader: the Go unit tests, each C
# test program in tests/*.c, and each application test in tests/*.sh.
# Usage: tests/run.sh [name-filter]
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/out
filter=${1:-}
export OCL_ICD_VENDORS=$out/vendors/gocl.icd
export OCL_ICD_FILENAMES=$out/libgocl.so
mkdir -p "$out/tests"
passed=0 failed=0 failures=()

run() { # name, command...
	local name=$1; shift
	local log=$out/tests/$name.log
	local start=$SECONDS
	if timeout 600 "$@" >"$log" 2>&1; then
		passed=$((passed + 1)); echo "ok   $name ($((SECONDS - start))s)"
	else
		failed=$((failed + 1)); failures+=("$name"); echo "FAIL $name ($((SECONDS - start))s)"
		# the failed checks first (a long log's tail may not hold them), then the end
		grep -m 20 -E '^(FAILED|FAIL)\b' "$log" | sed 's/^/   ! /'
		tail -n 30 "$log" | sed 's/^/     /'
	fi
}

if [ -z "$filter" ] || [ "$filter" = go ]; then
	run go-unit bash -c "cd '$root' && go test ./icd/... ./device/... ./mem/... ./build/..."
fi
for src in "$root"/tests/*.c; do
	name=$(basename "$src" .c)
	[ -n "$filter" ] && [[ $name != *$filter* ]] && continue
	if ! cc -std=gnu11 -O1 -g -Wall -Wno-deprecated-declarations -o "$out/tests/$name" "$src" -lOpenCL -lpthread -lm 2>"$out/tests/$name.build.log"; then
		failed=$((failed + 1)); failures+=("$name (build)"); echo "FAIL $name (build)"; sed 's/^/     /' "$out/tests/$name.build.log" | head -30
		continue
	fi
	run "$name" "$out/tests/$name"
done
for sh in "$root"/tests/*.sh; do
	name=$(basename "$sh" .sh)
	[ "$name" = run ] && continue
	[ -n "$filter" ] && [[ $name != *$filter* ]] && continue
	run "$name" bash "$sh"
done
echo
[ ${#failures[@]} -gt 0 ] && echo "failed: ${failures[*]}"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
