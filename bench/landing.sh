#!/usr/bin/env bash
# Throughput of the commune landing page (database lookup + two template renders) next to /healthz (no database,
# no template), measured in the same run with wrk: `wrk -t2 -c64 -d10s --latency`.
# Usage: bench/landing.sh [database URL]   (default: a SQLite file in a temporary folder)
# Prints wrk's figures for both and the ratio landing/healthz. Needs the build (scripts/build) and wrk.
# The binary is $GUICHET_BINARY (default build/src/app/guichet), so that a saved build can be measured too.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
binary=${GUICHET_BINARY:-build/src/app/guichet}
[ -x "$binary" ] || { echo "build first: scripts/build (or set GUICHET_BINARY)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
duration=${BENCH_DURATION:-10s}
work=$(mktemp -d)
database=${1:-$work/bench.db}
"$binary" demo --database "$database" --port 0 --log-level warn >"$work/out" 2>"$work/err" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
port=$(wait_for_port "$work/out" "$work/err")
run() {
  echo "== $1"
  wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:$port$1" | tee "$work/wrk"
  grep 'Requests/sec' "$work/wrk" | awk '{print $2}' >"$work/rps-$2"
}
run /chanteloup-les-vignes/ landing
run /healthz healthz
landing=$(cat "$work/rps-landing")
healthz=$(cat "$work/rps-healthz")
echo "landing: $landing req/s, healthz: $healthz req/s, ratio landing/healthz: $(awk -v a="$landing" -v b="$healthz" 'BEGIN{printf "%.2f", a/b}')"
