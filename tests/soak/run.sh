#!/usr/bin/env bash
# tests/soak/run.sh [seconds] [skydns-binary]: the soak of issue 10 (not run by CI; see README.md).
# Starts a 3-member etcd cluster and skydns on loopback, loads them with dnsperf (UDP and TCP) while
# a writer changes 10% of the services every second and etcd loses members and then stops entirely
# for SKYDNS_SOAK_OUTAGE seconds (default 30). Reports answered / failed / wrong, peak RSS, memory
# growth and descriptors; exits non-zero when any answer failed or was wrong or memory grew.
# Default duration 600 s. Rates: SKYDNS_SOAK_UDP_QPS (2000), SKYDNS_SOAK_TCP_QPS (500).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
secs="${1:-600}"
skydns="${2:-}"
if [ -z "$skydns" ]; then
    for b in "$repo/build-ci/service/skydns" "$repo/build/service/skydns"; do
        [ -x "$b" ] && skydns="$b" && break
    done
fi
[ -x "$skydns" ] || { echo "soak: no skydns binary (pass one: run.sh SECONDS PATH)" >&2; exit 2; }
for tool in etcd dnsperf python3; do
    command -v "$tool" >/dev/null || { echo "soak: $tool missing (installer/setup-debian.sh)" >&2; exit 2; }
done
work="${SKYDNS_SOAK_DIR:-$(mktemp -d /tmp/skydns-soak.XXXXXX)}"
echo "soak: $secs s against $skydns, logs in $work"
exec python3 "$here/soak.py" --skydns "$skydns" --duration "$secs" --workdir "$work" \
    --outage "${SKYDNS_SOAK_OUTAGE:-30}" --udp-qps "${SKYDNS_SOAK_UDP_QPS:-2000}" \
    --tcp-qps "${SKYDNS_SOAK_TCP_QPS:-500}" --services "${SKYDNS_SOAK_SERVICES:-1000}"
