#!/usr/bin/env bash
# A three-master Redis Cluster on loopback ports for the cluster test pass.
#   .ci/redis-cluster.sh start   starts it (does nothing when it already answers), prints its URL
#   .ci/redis-cluster.sh stop    stops it and removes its files
# REDIS_CLUSTER_PORT picks the first port (default 7000); the others follow it.
set -euo pipefail

first="${REDIS_CLUSTER_PORT:-7000}"
ports=("$first" "$((first + 1))" "$((first + 2))")
dir="${TMPDIR:-/tmp}/tailor-redis-cluster-$first"
url="redis+cluster://127.0.0.1:${ports[0]},127.0.0.1:${ports[1]},127.0.0.1:${ports[2]}"

healthy() {
  redis-cli -h 127.0.0.1 -p "${ports[0]}" cluster info 2>/dev/null | grep -q '^cluster_state:ok'
}

start() {
  if healthy; then echo "$url"; return; fi
  mkdir -p "$dir"
  for port in "${ports[@]}"; do
    if ! redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
      redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir "$dir" \
        --cluster-enabled yes --cluster-config-file "nodes-$port.conf" \
        --save "" --appendonly no --pidfile "$dir/redis-$port.pid" --logfile "$dir/redis-$port.log"
    fi
  done
  for port in "${ports[@]}"; do
    for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  done
  # Nodes left over from an earlier, half-made cluster would refuse to join a new one.
  for port in "${ports[@]}"; do
    redis-cli -h 127.0.0.1 -p "$port" flushall >/dev/null
    redis-cli -h 127.0.0.1 -p "$port" cluster reset hard >/dev/null
  done
  redis-cli --cluster create "${ports[@]/#/127.0.0.1:}" --cluster-replicas 0 --cluster-yes >/dev/null
  for _ in $(seq 1 50); do healthy && break; sleep 0.1; done
  healthy
  echo "$url"
}

stop() {
  for port in "${ports[@]}"; do redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true; done
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
