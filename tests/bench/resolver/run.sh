#!/bin/sh
# Builds and runs resolverbench (resolve() + encode, one core) and prints the figures with the
# machine load. usage: tests/bench/resolver/run.sh [build-dir] [seconds-per-case]
set -e
src=$(cd "$(dirname "$0")/../../.." && pwd)
build=${1:-$src/build-resolver}
seconds=${2:-3}
cmake --build "$build" -j2 --target resolverbench >/dev/null
echo "load: $(uptime)"
taskset -c 0 "$build/tests/bench/resolverbench" "$seconds" 2>/dev/null || "$build/tests/bench/resolverbench" "$seconds"
