#!/usr/bin/env bash
# tests/run.sh is the full test command (README command 2; .ci/run calls exactly this):
# installs the Debian packages, configures a fresh build directory, builds everything with -j2 and
# runs every CTest test, unit and integration (the etcd fixture starts a private etcd on loopback).
# Exits non-zero when any step or test fails. SKYDNS_TEST_BUILD_DIR overrides <repo>/build-ci.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${SKYDNS_TEST_BUILD_DIR:-$repo/build-ci}
step="start"
trap 'echo "tests/run.sh: FAILED during step: $step" >&2' ERR

step="install Debian packages"
echo "tests/run.sh: $step"
bash "$repo/installer/setup-debian.sh"

step="configure a fresh build in $build"
echo "tests/run.sh: $step"
rm -rf "$build"
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSKYDNS_BUILD_TESTS=ON

step="build (-j2)"
echo "tests/run.sh: $step"
cmake --build "$build" -j2

step="run the tests (ctest)"
echo "tests/run.sh: $step"
ctest --test-dir "$build" --output-on-failure --timeout 600
