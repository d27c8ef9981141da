#!/usr/bin/env bash
# etcd-fixture.sh start DIR [ETCD] | stop DIR
# Starts Debian's etcd (v2 API on) on a free loopback port with its data in DIR and writes the client
# URL to DIR/endpoint; `stop` ends it. Used as the CTest fixture `etcd`.
set -euo pipefail
cmd=$1 dir=$2 etcd=${3:-etcd}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

case "$cmd" in
start)
  [ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2>/dev/null || true
  rm -rf "$dir" && mkdir -p "$dir"
  cport=$(free_port) pport=$(free_port)
  while [ "$pport" = "$cport" ]; do pport=$(free_port); done
  nohup "$etcd" --name fixture --data-dir "$dir/data" --enable-v2=true \
    --listen-client-urls "http://127.0.0.1:$cport" --advertise-client-urls "http://127.0.0.1:$cport" \
    --listen-peer-urls "http://127.0.0.1:$pport" --initial-advertise-peer-urls "http://127.0.0.1:$pport" \
    --initial-cluster "fixture=http://127.0.0.1:$pport" --initial-cluster-state new \
    >"$dir/etcd.log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$cport/v2/keys/" >/dev/null 2>&1; then
      echo "http://127.0.0.1:$cport" >"$dir/endpoint"
      echo "etcd fixture on http://127.0.0.1:$cport (pid $(cat "$dir/pid"))"
      exit 0
    fi
    sleep 0.1
  done
  echo "etcd fixture did not start; log:" >&2; cat "$dir/etcd.log" >&2; exit 1
  ;;
stop)
  if [ -f "$dir/pid" ]; then
    pid=$(cat "$dir/pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/pid"
  fi
  echo "etcd fixture stopped"
  ;;
*) echo "usage: $0 start DIR [ETCD] | stop DIR" >&2; exit 2 ;;
esac
