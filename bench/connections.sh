#!/usr/bin/env bash
# A normal client's latency (p50, p99) on the commune landing page while other connections hold the server, measured
# in one run: with no load, with 2,000 idle connections, with 1,000 clients trickling their header byte by byte
# (slowloris), each reopened as soon as the server closes it (bench/connections.py does the work; see there).
# Usage: bench/connections.sh [database URL]   (default: a SQLite file in a temporary folder)
# The binary is $GUICHET_BINARY (default build/src/app/guichet); BENCH_SECONDS (default 10) per phase, BENCH_IDLE
# (default 2000) and BENCH_TRICKLING (default 1000) connections.
#
# Every load connection comes from 127.0.0.1, as the normal client does: the server is started with
# max_connections_per_address = 0 (no cap per address), or the cap (200 by default) would close most of them at once
# and hide what this bench measures. The other limits are the defaults (header_timeout_seconds = 5,
# keep_alive_timeout_seconds = 30, max_connections = 20000).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
binary=${GUICHET_BINARY:-build/src/app/guichet}
[ -x "$binary" ] || { echo "build first: scripts/build (or set GUICHET_BINARY)" >&2; exit 1; }
[ -x /usr/bin/python3 ] || { echo "/usr/bin/python3 is missing: apt-get install python3" >&2; exit 1; }
idle=${BENCH_IDLE:-2000}
trickling=${BENCH_TRICKLING:-1000}
# The client side needs a descriptor per connection it holds: take the hard limit (the server raises its own).
ulimit -n "$(ulimit -Hn)"
needed=$((idle > trickling ? idle : trickling))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((needed + 64)) ]; then
  echo "the open files limit ($(ulimit -n)) is too low for $needed connections: raise the hard limit (ulimit -Hn)" >&2
  exit 1
fi
work=$(mktemp -d)
database=${1:-$work/bench.db}
server=
cleanup() {
  [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; } || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# Builds from before the cap per address do not know its key (and refuse unknown keys): they get no config.
if grep -q max_connections_per_address "$binary"; then
  printf '[server]\nmax_connections_per_address = 0\n' >"$work/guichet.toml"
else
  : >"$work/guichet.toml"
fi
"$binary" demo --database "$database" --port 0 --config "$work/guichet.toml" --log-level warn \
  >"$work/out" 2>"$work/err" &
server=$!
port=$(wait_for_port "$work/out" "$work/err")
/usr/bin/python3 bench/connections.py "$port" --seconds "${BENCH_SECONDS:-10}" --idle "$idle" \
  --trickling "$trickling" --server-pid "$server"
