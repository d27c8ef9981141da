#!/usr/bin/env bash
# tests/run.sh is the full test command (README command 2; .ci/run calls exactly this):
#  1. installs the Debian packages;
#  2. configures a fresh gcc build directory, builds everything with -j2 and runs every CTest test,
#     unit and integration (the etcd fixture starts a private etcd on loopback);
#  3. configures a fresh clang build with AddressSanitizer + UndefinedBehaviorSanitizer (no recovery:
#     the first UB finding fails), builds the service, the unit and integration tests and the libFuzzer
#     targets in it (console and benchmarks left out: see tests/fuzz/README.md) and runs its CTest tests;
#     meanwhile every fuzz target runs for SKYDNS_FUZZ_SECONDS (default 30) from the committed corpus
#     (tests/fuzz/run.sh; a crash fails, and the reproducer is printed).
# Exits non-zero when any step, test or fuzzer fails. Prints each phase's time and the load at the end.
# SKYDNS_TEST_BUILD_DIR overrides <repo>/build-ci (the sanitizer tree is <that>-san);
# SKYDNS_SKIP_SANITIZERS=1 stops after step 2.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${SKYDNS_TEST_BUILD_DIR:-$repo/build-ci}
san="$build-san"
fuzz_secs=${SKYDNS_FUZZ_SECONDS:-30}
step="start"
trap 'echo "tests/run.sh: FAILED during step: $step" >&2; report' ERR

timings=()
phase_start=$(date +%s)
run_start=$phase_start
# children_cpu: CPU seconds used so far by this script's finished children (user+system), so each
# phase also says what it would take on an idle machine (CPU seconds / 2 cores, roughly).
children_cpu() {
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d", ($14 + $15) / hz }' "/proc/$$/stat"
}
phase_cpu=$(children_cpu)
begin() {
    step="$1"
    phase_start=$(date +%s)
    phase_cpu=$(children_cpu)
    echo "tests/run.sh: $step ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
}
end() {
    timings+=("$(printf '%5ds wall %6ds cpu  %s' "$(( $(date +%s) - phase_start ))" "$(( $(children_cpu) - phase_cpu ))" "$step")")
}
report() {
    echo "tests/run.sh: phase times (cpu = CPU seconds of finished child processes; load now $(cut -d' ' -f1-3 /proc/loadavg)):"
    printf '  %s\n' "${timings[@]}"
    echo "  $(( $(date +%s) - run_start ))s wall in all, $(children_cpu)s cpu"
}

begin "install Debian packages"
bash "$repo/installer/setup-debian.sh"
end

begin "configure a fresh build in $build"
rm -rf "$build"
# -O2 as RelWithDebInfo but without debug info, which costs compile and link time in ~100 test
# executables; the sanitizer tree below keeps line tables for its reports.
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG" \
    -DSKYDNS_BUILD_TESTS=ON
end

begin "build (-j2)"
cmake --build "$build" -j2
end

if [ -n "${SKYDNS_SKIP_SANITIZERS:-}" ]; then
    begin "run the tests (ctest)"
    ctest --test-dir "$build" --output-on-failure --timeout 600
    end
    report
    exit 0
fi

# The sanitizer tree: one clang build for the tests and the fuzzers. Everything is compiled with
# ASan+UBSan and libFuzzer's coverage hooks (-fsanitize=fuzzer-no-link: the fuzz targets link the
# same libraries); -O1 and line tables only keep it quick to build. Console and benchmarks are left
# out (the console is widget code whose inputs are covered by its own tests in the gcc tree).
begin "configure a fresh ASan+UBSan clang build in $san"
rm -rf "$san"
# UBSan's vptr check is off: it reports cpprestsdk's own objects (created in the uninstrumented
# libcpprest.so) as having the wrong type, and under descriptor exhaustion its memory probe (a pipe)
# fails so that every virtual call looks bad (tests/fuzz/ubsan.supp covers the first for builds with it on).
san_flags="-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link -fno-omit-frame-pointer"
CC=clang CXX=clang++ cmake -S "$repo" -B "$san" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only" "-DCMAKE_CXX_FLAGS=$san_flags" \
    -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld \
    -DSKYDNS_BUILD_TESTS=ON -DSKYDNS_BUILD_CONSOLE=OFF -DSKYDNS_BUILD_FUZZERS=ON >"$san.configure.log"
end

# Every directory's own "all" target under service/ and tests/ except the benchmarks' and the
# console's (its dependencies come along); plus the corpus replays, which live in tests/ itself.
san_targets=()
while read -r t; do san_targets+=("$t"); done < <(ninja -C "$san" -t targets all |
    grep -oE '^(service|tests)(/[a-z0-9_]+)*/all:' | tr -d ':' | grep -vE '^tests/((bench|console)/.*|all)$' | sort -u)
while read -r t; do san_targets+=("$t"); done < <(ninja -C "$san" -t targets all |
    grep -o '^replay_fuzz_[a-z0-9_]*:' | tr -d ':' | sort -u)

# The gcc tests mostly wait on sockets, etcd and timers: the sanitizer tree builds meanwhile.
begin "run the tests (ctest) while the sanitizer tree builds (-j2) in the background"
san_build_log="$san.build.log"
cmake --build "$san" -j2 --target "${san_targets[@]}" >"$san_build_log" 2>&1 &
san_build_pid=$!
ctest_rc=0
ctest --test-dir "$build" --output-on-failure --timeout 600 || ctest_rc=$?
end
if [ "$ctest_rc" -ne 0 ]; then
    kill "$san_build_pid" 2>/dev/null || true
    wait "$san_build_pid" 2>/dev/null || true
    step="run the tests (ctest)"
    echo "tests/run.sh: FAILED during step: $step" >&2
    report
    exit 1
fi

begin "finish the sanitizer build: service, unit and integration tests, fuzz targets"
san_build_rc=0
wait "$san_build_pid" || san_build_rc=$?
grep -E '^(FAILED|ninja: build stopped)|error:' "$san_build_log" | head -50 || true
tail -3 "$san_build_log"
if [ "$san_build_rc" -ne 0 ]; then
    echo "tests/run.sh: FAILED during step: $step (log: $san_build_log)" >&2
    report
    exit 1
fi
end

begin "run the sanitizer tests (ctest) with the fuzzers alongside (${fuzz_secs}s per target)"
# ASan aborts on the first error; UBSan stops on the first finding (no recovery) with a stack; leaks
# fail the process at exit. Known third-party leaks are suppressed in tests/fuzz/lsan.supp.
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=0:strict_string_checks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$repo/tests/fuzz/ubsan.supp"
export LSAN_OPTIONS="suppressions=$repo/tests/fuzz/lsan.supp:print_suppressions=0"
# The fuzzers take one core; the integration tests mostly wait on sockets and etcd.
fuzz_log="$san/fuzz.log"
SKYDNS_FUZZ_NO_BUILD=1 bash "$repo/tests/fuzz/run.sh" "$fuzz_secs" "$san" >"$fuzz_log" 2>&1 &
fuzz_pid=$!
ctest_rc=0
# tst_debpackage packs the whole tree into a .deb (console included): it runs in the gcc tree only.
ctest --test-dir "$san" --output-on-failure --timeout 900 -E '^tst_debpackage$' || ctest_rc=$?
fuzz_rc=0
wait "$fuzz_pid" || fuzz_rc=$?
cat "$fuzz_log"
end
if [ "$ctest_rc" -ne 0 ] || [ "$fuzz_rc" -ne 0 ]; then
    echo "tests/run.sh: sanitizer ctest exit $ctest_rc, fuzzers exit $fuzz_rc" >&2
    step="sanitizer tests / fuzzers"
    report
    exit 1
fi
report
