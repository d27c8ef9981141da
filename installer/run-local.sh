#!/usr/bin/env bash
# run-local.sh builds SkyDNS Qt and runs it against etcd on this machine.
#
#   bash installer/run-local.sh          build, start a private etcd (unless ETCD_MACHINES is set),
#                                        load the SkyDNS README's example services into an empty
#                                        /skydns tree, then run skydns on 127.0.0.1:5354 (UDP and
#                                        TCP) in the foreground until Ctrl-C
#   bash installer/run-local.sh --stop   stop the private etcd this script started
#
# Idempotent and non-interactive: a second run reuses the build, the etcd (pid file + health check)
# and its data, and never loads the examples over existing records. Everything stays on loopback.
# Environment: ETCD_MACHINES (use that etcd instead of a private one), SKYDNS_BUILD_DIR (default
# <repo>/build), XDG_DATA_HOME (etcd data in $XDG_DATA_HOME/skydns-qt, default ~/.local/share).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${SKYDNS_BUILD_DIR:-$repo/build}
state=${XDG_DATA_HOME:-$HOME/.local/share}/skydns-qt
etcd_data=$state/etcd
pid_file=$state/etcd.pid
url_file=$state/etcd.url
log_file=$state/etcd.log
dns_addr=127.0.0.1:5354

step="start"
trap 'echo "run-local: FAILED during step: $step (see the messages above)" >&2' ERR
say() { echo "run-local: $*"; }

free_port() { # free_port PREFERRED: PREFERRED if nothing listens on it, else any free loopback port
  python3 - "$1" <<'EOF'
import socket, sys
def try_bind(port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as etcd binds: TIME_WAIT is no obstacle
    try:
        s.bind(("127.0.0.1", port))
        return s.getsockname()[1]
    except OSError:
        return None
    finally:
        s.close()
print(try_bind(int(sys.argv[1])) or try_bind(0))
EOF
}

etcd_healthy() { curl -fsS --max-time 2 "$1/v2/keys/" >/dev/null 2>&1; }

our_etcd_pid() { # prints the pid of the etcd this script started, if it still runs
  [ -f "$pid_file" ] || return 1
  local pid
  pid=$(cat "$pid_file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q etcd \
    && echo "$pid"
}

stop_etcd() {
  local pid
  if pid=$(our_etcd_pid); then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    say "stopped the private etcd (pid $pid); its data stays in $etcd_data"
  else
    say "no private etcd is running"
  fi
  rm -f "$pid_file"
}

if [ "${1:-}" = "--stop" ]; then
  stop_etcd
  exit 0
fi

step="install Debian packages (installer/setup-debian.sh)"
say "$step"
bash "$repo/installer/setup-debian.sh"

step="configure the build in $build"
say "$step"
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

step="build skydns and skydns-console (-j2)"
say "$step"
cmake --build "$build" -j2 --target skydns skydns-console

if [ -n "${ETCD_MACHINES:-}" ]; then
  machines=$ETCD_MACHINES
  first_machine=${machines%%,*}
  step="check the etcd of ETCD_MACHINES ($first_machine)"
  say "$step"
  etcd_healthy "$first_machine" || { echo "run-local: etcd at $first_machine does not answer the v2 API" >&2; false; }
else
  step="start a private etcd"
  mkdir -p "$state"
  if pid=$(our_etcd_pid) && [ -f "$url_file" ] && etcd_healthy "$(cat "$url_file")"; then
    machines=$(cat "$url_file")
    say "private etcd already running at $machines (pid $pid)"
  else
    if pid=$(our_etcd_pid); then # running but not answering: restart it
      say "private etcd (pid $pid) does not answer; restarting it"
      stop_etcd
    fi
    previous_port=2379
    if [ -f "$url_file" ]; then previous_port=$(sed -n 's|^http://127.0.0.1:\([0-9]*\)$|\1|p' "$url_file"); fi
    client_port=$(free_port "${previous_port:-2379}")
    peer_port=$(free_port 2380)
    [ "$peer_port" != "$client_port" ] || peer_port=$(free_port 0)
    machines=http://127.0.0.1:$client_port
    say "$step on $machines (data in $etcd_data, log in $log_file)"
    # --initial-* only matter the first time; later starts reuse the member stored in the data dir.
    setsid nohup etcd --name skydns-qt-local --data-dir "$etcd_data" --enable-v2=true \
      --listen-client-urls "$machines" --advertise-client-urls "$machines" \
      --listen-peer-urls "http://127.0.0.1:$peer_port" \
      --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" \
      --initial-cluster "skydns-qt-local=http://127.0.0.1:$peer_port" --initial-cluster-state new \
      >"$log_file" 2>&1 </dev/null &
    echo $! >"$pid_file"
    echo "$machines" >"$url_file"
    for _ in $(seq 1 200); do etcd_healthy "$machines" && break; sleep 0.1; done
    etcd_healthy "$machines" || { echo "run-local: etcd did not start; last lines of $log_file:" >&2; tail -20 "$log_file" >&2; false; }
    say "private etcd running (pid $(cat "$pid_file"))"
  fi
fi

step="load the README example services into $machines"
first_machine=${machines%%,*}
tree=$(curl -sS --max-time 5 "$first_machine/v2/keys/skydns?recursive=false")
if echo "$tree" | grep -q '"errorCode":100' || ! echo "$tree" | grep -q '"nodes"'; then
  say "$step (the /skydns tree is empty)"
  python3 - "$first_machine" "$repo"/installer/examples/*.json <<'EOF'
import json, sys, urllib.parse, urllib.request
base, files = sys.argv[1], sys.argv[2:]
count = 0
for name in files:
    with open(name) as f:
        records = json.load(f)
    for key, value in records.items():
        body = urllib.parse.urlencode({"value": json.dumps(value)}).encode()
        request = urllib.request.Request(base + "/v2/keys" + key, data=body, method="PUT")
        with urllib.request.urlopen(request, timeout=5) as response:
            response.read()
        count += 1
print(f"run-local: wrote {count} records from {len(files)} files")
EOF
else
  say "the /skydns tree already has records; examples not loaded"
fi

step="run skydns"
say "$step: $build/service/skydns -addr $dns_addr -machines $machines -local public.addresses.local.skydns.local"
say "try, from another terminal:"
say "  dig @127.0.0.1 -p ${dns_addr##*:} +short A db.skydns.local"
say "  dig @127.0.0.1 -p ${dns_addr##*:} +short SRV 4.rails.staging.east.skydns.local"
say "  dig @127.0.0.1 -p ${dns_addr##*:} +short MX mail.skydns.local"
say "  dig @127.0.0.1 -p ${dns_addr##*:} +short PTR 125.1.0.10.in-addr.arpa"
say "stop skydns with Ctrl-C (the private etcd keeps running: bash installer/run-local.sh --stop)"
# Forwarding is off here (-no-rec): the examples are local, and nothing leaves the machine.
exec "$build/service/skydns" -addr "$dns_addr" -machines "$machines" -no-rec \
  -local public.addresses.local.skydns.local
