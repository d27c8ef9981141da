#!/usr/bin/env bash
# tests/bench/service/run.sh: dnsperf against skydns and against Knot serving the same records as a
# static zone, same query files, same run; prints q/s, the ratio skydns/Knot, p99 latency at 50%
# of skydns's peak, and memory. Everything on loopback, in a temporary directory.
#
#   bash tests/bench/service/run.sh            (SKYDNS_BUILD_DIR defaults to <repo>/build)
#   SECONDS_PER_RUN=10 CLIENTS=4 bash tests/bench/service/run.sh
#
# Mixes: (a) 1000 names mixing A, AAAA and SRV (600 IPv4 services, 400 IPv6; every third query SRV);
#        (b) SRV and A of one name with 100 services below it (EDNS0 on, as the answers are large).
# dnsperf runs with -b 1024 (1 MiB socket buffers): with its small default, 100 outstanding 4 KB
# answers overflow its receive buffer and count as lost, whichever server sends them.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
build=${SKYDNS_BUILD_DIR:-$repo/build}
skydns=$build/service/skydns
secs=${SECONDS_PER_RUN:-10}
clients=${CLIENTS:-4}
[ -x "$skydns" ] || { echo "bench: build skydns first ($skydns missing)" >&2; exit 1; }
for tool in etcd knotd dnsperf dig curl python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not installed (installer/setup-debian.sh)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/skydns-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
etcd_port=$(free_port); peer_port=$(free_port); dns_port=$(free_port); knot_port=$(free_port)
etcd_url=http://127.0.0.1:$etcd_port

etcd --name bench --data-dir "$work/etcd" --enable-v2=true --listen-client-urls "$etcd_url" \
  --advertise-client-urls "$etcd_url" --listen-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
  --initial-cluster "bench=http://127.0.0.1:$peer_port" >"$work/etcd.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -fsS "$etcd_url/v2/keys/" >/dev/null 2>&1 && break; sleep 0.1; done

# Records in etcd, the same records as a zone for Knot, and the query files.
python3 - "$etcd_url" "$work" <<'PY'
import json, sys, urllib.parse, urllib.request
base, work = sys.argv[1], sys.argv[2]
def put(key, value):
    body = urllib.parse.urlencode({"value": json.dumps(value)}).encode()
    urllib.request.urlopen(urllib.request.Request(base + "/v2/keys" + key, data=body, method="PUT"), timeout=5).read()
zone = ["$ORIGIN skydns.local.", "$TTL 3600",
        "@ IN SOA ns.dns.skydns.local. hostmaster.skydns.local. 1 28800 7200 604800 60",
        "@ IN NS ns1.ns.dns.skydns.local.", "ns1.ns.dns IN A 172.16.0.1"]
put("/skydns/local/skydns/dns/ns/ns1", {"host": "172.16.0.1"})
qa = []
for n in range(1000):
    name = f"svc{n}.bench"
    if n < 600:
        host, rtype = f"10.1.{n // 256}.{n % 256}", "A"
    else:
        host, rtype = f"fd00::{n:x}", "AAAA"
    put(f"/skydns/local/skydns/bench/svc{n}", {"host": host, "port": 80})
    zone.append(f"{name} IN {rtype} {host}")
    zone.append(f"{name} IN SRV 10 100 80 {name}.skydns.local.")
    qa.append(f"{name}.skydns.local {'SRV' if n % 3 == 0 else rtype}")
for n in range(100):
    host = f"10.3.0.{n + 1}"
    put(f"/skydns/local/skydns/big/s{n}", {"host": host, "port": 8080})
    zone.append(f"s{n}.big IN A {host}")
    zone.append(f"big IN A {host}")
    zone.append(f"big IN SRV 10 1 8080 s{n}.big.skydns.local.")
open(f"{work}/skydns.local.zone", "w").write("\n".join(zone) + "\n")
open(f"{work}/queries-a.txt", "w").write("\n".join(qa) + "\n")
open(f"{work}/queries-b.txt", "w").write("big.skydns.local SRV\nbig.skydns.local A\n")
PY

mkdir -p "$work/knot/run" "$work/knot/db"
cat >"$work/knot.conf" <<CONF
server:
    rundir: "$work/knot/run"
    listen: 127.0.0.1@$knot_port
database:
    storage: "$work/knot/db"
log:
  - target: stderr
    any: warning
template:
  - id: default
    storage: "$work"
    semantic-checks: off
zone:
  - domain: skydns.local
    file: "skydns.local.zone"
CONF
knotd -c "$work/knot.conf" >"$work/knot.log" 2>&1 &
knot_pid=$!; pids+=($knot_pid)

"$skydns" -addr "127.0.0.1:$dns_port" -machines "$etcd_url" -nameservers 127.0.0.1:1 >"$work/skydns.out" 2>"$work/skydns.log" &
skydns_pid=$!; pids+=($skydns_pid)
for _ in $(seq 1 100); do
  dig @127.0.0.1 -p "$dns_port" +short +time=1 +tries=1 A svc1.bench.skydns.local | grep -q '^10\.' && \
  dig @127.0.0.1 -p "$knot_port" +short +time=1 +tries=1 A svc1.bench.skydns.local | grep -q '^10\.' && break
  sleep 0.2
done
echo "bench: skydns $(dig @127.0.0.1 -p "$dns_port" +short A svc1.bench.skydns.local) / knot $(dig @127.0.0.1 -p "$knot_port" +short A svc1.bench.skydns.local) for svc1"
echo "bench: SRV big: skydns $(dig @127.0.0.1 -p "$dns_port" +short SRV big.skydns.local | wc -l) records, knot $(dig @127.0.0.1 -p "$knot_port" +short SRV big.skydns.local | wc -l)"

qps() { # qps PORT FILE [extra dnsperf args...]
  local port=$1 file=$2; shift 2
  dnsperf -s 127.0.0.1 -p "$port" -d "$file" -c "$clients" -l "$secs" -Q 10000000 -b 1024 "$@" 2>&1 |
    awk '/Queries per second/ {q=$4} /Queries lost/ {l=$3} END {printf "%d %s\n", q, l}'
}
p99() { # p99 PORT FILE QPS [extra...]: latency percentiles at a fixed rate, from dnsperf -v
  local port=$1 file=$2 rate=$3; shift 3
  dnsperf -s 127.0.0.1 -p "$port" -d "$file" -c "$clients" -l 5 -Q "$rate" -b 1024 -v "$@" 2>/dev/null |
    awk '$1 == ">" {print $NF}' | sort -g | awk '{a[NR]=$1} END {if (NR) printf "p50 %.3f ms, p99 %.3f ms (%d answers)", a[int(NR*0.5)]*1000, a[int(NR*0.99)]*1000, NR; else print "no data"}'
}
mem() { awk '/VmHWM|VmRSS/ {printf "%s %d MiB  ", $1, $2/1024}' "/proc/$1/status"; }

echo "bench: load before: $(uptime)"
for mix in a b; do
  file=$work/queries-$mix.txt
  extra=()
  [ "$mix" = b ] && extra=(-e)
  qps "$dns_port" "$file" "${extra[@]}" >/dev/null   # warm-up
  read -r s_qps s_lost < <(qps "$dns_port" "$file" "${extra[@]}")
  read -r k_qps k_lost < <(qps "$knot_port" "$file" "${extra[@]}")
  ratio=$(python3 -c "print(f'{$s_qps / max($k_qps, 1):.2f}')")
  echo "bench: mix ($mix): skydns $s_qps q/s (lost $s_lost), knot $k_qps q/s (lost $k_lost), ratio skydns/knot ${ratio}x"
  half=$((s_qps / 2))
  echo "bench: mix ($mix): latency at 50% of skydns peak ($half q/s): skydns $(p99 "$dns_port" "$file" "$half" "${extra[@]}"); knot $(p99 "$knot_port" "$file" "$half" "${extra[@]}")"
done
echo "bench: memory: skydns $(mem $skydns_pid); knot $(mem $knot_pid)"
echo "bench: load after: $(uptime)"
