#!/usr/bin/env bash
# tests/bench/dnssec/run.sh: DNSSEC cost (issue 5).
#  1. dnssecbench (in process, one thread): the mixed query file resolved + encoded unsigned and
#     signed (warm signature cache) in one run, and cold signatures/s for ECDSA P-256, ED25519 and
#     RSA-2048.
#  2. dnsperf against the skydns binary started with -dnssec (ECDSAP256SHA256 key) on the mixed
#     query file of tests/bench/service (1000 names: A, AAAA, every third SRV), DO=0 then DO=1
#     (dnsperf -D), same process, after a warm-up pass that fills the signature cache.
#
#   bash tests/bench/dnssec/run.sh        (SKYDNS_BUILD_DIR defaults to <repo>/build)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
build=${SKYDNS_BUILD_DIR:-$repo/build}
secs=${SECONDS_PER_RUN:-10}
clients=${CLIENTS:-4}
echo "== uptime: $(uptime)"
if [ -x "$build/tests/bench/dnssecbench" ]; then
  "$build/tests/bench/dnssecbench" "${BENCH_SECONDS:-6}"
else
  echo "bench: build the dnssecbench target first" >&2
fi

skydns=$build/service/skydns
[ -x "$skydns" ] || { echo "bench: $skydns missing, skipping the dnsperf part" >&2; exit 0; }
for tool in etcd dnsperf dnssec-keygen curl python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not installed (installer/setup-debian.sh)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/skydns-dnssec-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
etcd_port=$(free_port); peer_port=$(free_port); dns_port=$(free_port)
etcd_url=http://127.0.0.1:$etcd_port
etcd --name bench --data-dir "$work/etcd" --enable-v2=true --listen-client-urls "$etcd_url" \
  --advertise-client-urls "$etcd_url" --listen-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-cluster "bench=http://127.0.0.1:$peer_port" >"$work/etcd.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -fsS "$etcd_url/v2/keys/" >/dev/null 2>&1 && break; sleep 0.1; done

python3 - "$etcd_url" "$work" <<'PY'
import json, sys, urllib.parse, urllib.request
base, work = sys.argv[1], sys.argv[2]
def put(key, value):
    body = urllib.parse.urlencode({"value": json.dumps(value)}).encode()
    urllib.request.urlopen(urllib.request.Request(base + "/v2/keys" + key, data=body, method="PUT"), timeout=5).read()
qa = []
for n in range(1000):
    host, rtype = (f"10.1.{n // 256}.{n % 256}", "A") if n < 600 else (f"fd00::{n:x}", "AAAA")
    put(f"/skydns/local/skydns/bench/svc{n}", {"host": host, "port": 80})
    qa.append(f"svc{n}.bench.skydns.local {'SRV' if n % 3 == 0 else rtype}")
open(f"{work}/queries-a.txt", "w").write("\n".join(qa) + "\n")
PY

key=$(cd "$work" && dnssec-keygen -q -a ECDSAP256SHA256 -f KSK skydns.local.)
"$skydns" -machines "$etcd_url" -addr "127.0.0.1:$dns_port" -domain skydns.local. -dnssec "$work/$key" \
  >"$work/skydns.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do grep -q "ready for queries" "$work/skydns.log" && break; sleep 0.1; done

perf() { # $1 label, rest: extra dnsperf flags; prints and returns (in $qps) queries/s
  local label=$1; shift
  dnsperf -s 127.0.0.1 -p "$dns_port" -d "$work/queries-a.txt" -l "$secs" -c "$clients" -b 1024 -e "$@" \
    >"$work/perf.txt" 2>&1 || true
  qps=$(grep -E 'Queries per second' "$work/perf.txt" | awk '{printf "%.0f", $4}')
  printf '  %-28s %8s q/s\n' "$label" "$qps"
}
# The signed answers really are signed: RRSIGs in a DO=1 answer, none without DO.
signed_rrsigs=$(dig @127.0.0.1 -p "$dns_port" +dnssec +time=2 +tries=1 svc0.bench.skydns.local SRV | grep -c RRSIG || true)
plain_rrsigs=$(dig @127.0.0.1 -p "$dns_port" +time=2 +tries=1 svc0.bench.skydns.local SRV | grep -c RRSIG || true)
echo "== check: DO=1 SRV answer has $signed_rrsigs RRSIG lines, DO=0 has $plain_rrsigs"
rounds=${ROUNDS:-3}
echo "== skydns with -dnssec, dnsperf ${secs}s x ${clients} clients, mixed file, $rounds alternating rounds"
dnsperf -s 127.0.0.1 -p "$dns_port" -d "$work/queries-a.txt" -l 2 -c 1 -e -D >/dev/null 2>&1 || true # warm-up
u_sum=0; s_sum=0
for r in $(seq 1 "$rounds"); do # alternate so load from elsewhere hits both alike
  perf "unsigned (DO=0) round $r"; u_sum=$((u_sum + qps))
  perf "signed (DO=1) round $r" -D; s_sum=$((s_sum + qps))
done
python3 -c "u, s = $u_sum / $rounds, $s_sum / $rounds; print(f'  mean unsigned {u:.0f} q/s, signed {s:.0f} q/s, ratio signed/unsigned {s / u:.2f}')"
echo "== uptime: $(uptime)"
