#!/usr/bin/env bash
# run.sh [seconds-per-target] [build-dir]: builds the libFuzzer targets with clang (a separate
# configure of the project with -DSKYDNS_BUILD_FUZZERS=ON) and runs each for the given time
# (default 60 s) from a temporary copy of tests/fuzz/corpus/<target> (the repo is never written).
# Exits non-zero if any target crashes, printing the reproducer; at the end it prints executions
# and corpus sizes per target. Set SKYDNS_FUZZ_NO_BUILD=1 to skip the configure and build.
set -uo pipefail

secs="${1:-60}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(cd "$here/../.." && pwd)"
build="${2:-$src/build-fuzz}"
# The targets are the ones targets.cmake lists (SKYDNS_FUZZ_TARGETS), so a new one runs here too.
# (set(...) or list(APPEND ...) lines naming SKYDNS_FUZZ_TARGETS).
read -r -a targets <<<"$(grep 'SKYDNS_FUZZ_TARGETS' "$here/targets.cmake" | grep -v '^ *#' | grep -o 'fuzz_[a-z0-9_]*' | tr '\n' ' ')"
start=$(date +%s)

# SKYDNS_FUZZ_NO_BUILD=1 runs the binaries already in the build dir.
if [ -z "${SKYDNS_FUZZ_NO_BUILD:-}" ]; then
    CC=clang CXX=clang++ cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DSKYDNS_BUILD_FUZZERS=ON -DSKYDNS_BUILD_TESTS=OFF -DSKYDNS_BUILD_CONSOLE=OFF \
        "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link" >/dev/null || exit 2
    cmake --build "$build" -j2 --target "${targets[@]}" || exit 2
fi

work="$(mktemp -d /tmp/skydns-fuzz.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# UBSan findings are crashes too; leak checks stay on (ASan's default).
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$here/ubsan.supp"
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1"
export QT_QPA_PLATFORM=offscreen

failed=0
summary=()
for t in "${targets[@]}"; do
    mkdir -p "$work/$t/corpus" "$work/$t/artifacts"
    cp "$here/corpus/$t/"* "$work/$t/corpus/" 2>/dev/null
    seeds=$(ls "$work/$t/corpus" | wc -l)
    echo "== $t: ${secs}s from $seeds seeds"
    if [ ! -x "$build/tests/fuzz/$t" ]; then
        echo "$t: not built in $build"
        summary+=("$(printf '%-18s NOT BUILT' "$t")")
        failed=1
        continue
    fi
    # -timeout: one input taking 30 s is a hang (a finding); the machine may be busy, so not less.
    "$build/tests/fuzz/$t" -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/$t/artifacts/" "$work/$t/corpus" >"$work/$t/log" 2>&1
    rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t/log" | grep -o '[0-9]*$')
    rate=$(grep -o 'exec/s: [0-9]*' "$work/$t/log" | tail -1 | grep -o '[0-9]*$')
    cov=$(grep -o 'cov: [0-9]*' "$work/$t/log" | tail -1 | grep -o '[0-9]*$')
    size=$(ls "$work/$t/corpus" | wc -l)
    summary+=("$(printf '%-18s rc=%d execs=%s exec/s=%s cov=%s corpus=%s->%s' "$t" "$rc" "${execs:-?}" "${rate:-?}" "${cov:-?}" "$seeds" "$size")")
    if [ "$rc" -ne 0 ]; then
        failed=1
        tail -60 "$work/$t/log"
        mkdir -p "/tmp/skydns-fuzz-crashes/$t"
        for a in "$work/$t/artifacts/"*; do
            [ -e "$a" ] || continue
            cp "$a" "/tmp/skydns-fuzz-crashes/$t/"
            echo "REPRODUCER: /tmp/skydns-fuzz-crashes/$t/$(basename "$a")  (replay: $build/tests/fuzz/$t <file>;"
            echo "  commit it under tests/fuzz/regressions/$t/)"
        done
    fi
done

echo "== summary (${secs}s per target, $(( $(date +%s) - start ))s in all)"
printf '%s\n' "${summary[@]}"
exit $failed
