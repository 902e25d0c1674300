#!/usr/bin/env bash
# Does the "mot de passe oublié" answer take longer for an address that has an account? Creates BENCH_ACCOUNTS
# (default 200) staff accounts from the command line, then asks a reset for each of them and for as many addresses
# without an account, interleaved (bench/password_reset.py), and prints both medians and their difference.
# Usage: bench/password_reset.sh [database URL]   (default: a SQLite file in a temporary folder)
# The binary is $GUICHET_BINARY (default build/src/app/guichet).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
binary=${GUICHET_BINARY:-build/src/app/guichet}
[ -x "$binary" ] || { echo "build first: scripts/build (or set GUICHET_BINARY)" >&2; exit 1; }
accounts=${BENCH_ACCOUNTS:-200}
work=$(mktemp -d)
database=${1:-$work/bench.db}
server=
cleanup() {
  [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; } || true
  rm -rf "$work"
}
trap cleanup EXIT
"$binary" demo --database "$database" --port 0 --log-level warn >"$work/out" 2>"$work/err" &
server=$!
port=$(wait_for_port "$work/out" "$work/err")
echo "creating $accounts accounts…" >&2
for i in $(seq "$accounts"); do
  "$binary" agent add chanteloup-les-vignes --email "compte.$i@chanteloup.demo" --first-name Paul --last-name Martin \
    --database "$database" >/dev/null
  echo "compte.$i@chanteloup.demo" >>"$work/known"
  [ $((i % 50)) -ne 0 ] || echo "  $i / $accounts" >&2
done
/usr/bin/python3 bench/password_reset.py "$port" "$work/known"
