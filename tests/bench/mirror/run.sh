#!/usr/bin/env bash
# run.sh [BUILD_DIR] — benchmarks the etcd Mirror against a private etcd (data on tmpfs when
# /dev/shm exists): loads services in steps (COUNTS, default "100000 1000000"), and after each step
# measures the initial load time, resident memory per service, lookup cost and change propagation
# (CHANGES, default 1000), MEASURES times (default 1). Needs a built `mirrorbench` (cmake --build BUILD_DIR --target mirrorbench).
# Loading 1M services takes several minutes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../../build}
bench=$build/tests/bench/mirrorbench
etcd=${SKYDNS_ETCD_BIN:-etcd}
counts=${COUNTS:-"100000 1000000"}
changes=${CHANGES:-1000}
threads=${THREADS:-64}
measures=${MEASURES:-1}   # measurements (fresh mirror processes) per step
[ -x "$bench" ] || { echo "no $bench; build the mirrorbench target first" >&2; exit 1; }

base=/tmp; [ -d /dev/shm ] && base=/dev/shm
dir=$(mktemp -d "$base/mirrorbench.XXXXXX")
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
cport=$(free_port) pport=$(free_port)
while [ "$pport" = "$cport" ]; do pport=$(free_port); done
url="http://127.0.0.1:$cport"

# No v2 store snapshots while loading: serialising a store of 1M keys every 100k writes would
# dominate the load time and is not what we measure.
"$etcd" --name bench --data-dir "$dir/data" --enable-v2=true --snapshot-count 100000000 \
  --listen-client-urls "$url" --advertise-client-urls "$url" \
  --listen-peer-urls "http://127.0.0.1:$pport" --initial-advertise-peer-urls "http://127.0.0.1:$pport" \
  --initial-cluster "bench=http://127.0.0.1:$pport" >"$dir/etcd.log" 2>&1 &
etcd_pid=$!
cleanup() { kill "$etcd_pid" 2>/dev/null || true; wait "$etcd_pid" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fsS "$url/v2/keys/" >/dev/null 2>&1 && break; sleep 0.1; done

echo "mirrorbench: etcd $("$etcd" --version | head -1) at $url, data in $dir, $(nproc) CPUs"
loaded=0
for n in $counts; do
  echo "== $n services"
  echo "uptime before load: $(uptime)"
  "$bench" load --etcd "$url" --from "$loaded" --to "$n" --threads "$threads"
  loaded=$n
  echo "uptime before measure: $(uptime)"
  for _ in $(seq 1 "$measures"); do
    "$bench" measure --etcd "$url" --expect "$n" --changes "$changes" 2>&1 | grep -v '^skydns\.etcd'
  done
  echo "etcd VmRSS: $(grep VmRSS /proc/$etcd_pid/status | awk '{print $2, $3}')"
done
