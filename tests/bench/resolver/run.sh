#!/bin/sh
# Builds and runs resolverbench (resolve() + encode on one core, pinned to CPU 0 when taskset is
# available) and prints the figures with the machine load.
# usage: tests/bench/resolver/run.sh [build-dir] [seconds-per-case] [filter]
src=$(cd "$(dirname "$0")/../../.." && pwd)
build=${1:-$src/build-resolver}
seconds=${2:-3}
filter=${3:-}
if ! cmake --build "$build" -j2 --target resolverbench >/dev/null 2>&1; then
    echo "warning: build of resolverbench failed; running the existing binary" >&2
fi
bench="$build/tests/bench/resolverbench"
[ -x "$bench" ] || { echo "no $bench" >&2; exit 1; }
echo "load: $(uptime)"
if command -v taskset >/dev/null 2>&1; then
    taskset -c 0 "$bench" "$seconds" "$filter"
else
    "$bench" "$seconds" "$filter"
fi
echo "load: $(uptime)"
