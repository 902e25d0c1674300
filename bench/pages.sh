#!/usr/bin/env bash
# Throughput of a signed-in parent's pages (session lookup, family records, template renders) next to nginx serving
# the very same bytes from files, measured in the same run with wrk: `wrk -t2 -c64 -d10s --latency`.
# Usage: bench/pages.sh [database URL]   (default: a SQLite file in a temporary folder)
# The binary is $GUICHET_BINARY (default build/src/app/guichet) and the duration $BENCH_DURATION (default 10s).
# Prints wrk's figures for every run, then a table of req/s, p99 and the ratio guichet/nginx for each page.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
binary=${GUICHET_BINARY:-build/src/app/guichet}
[ -x "$binary" ] || { echo "build first: scripts/build (or set GUICHET_BINARY)" >&2; exit 1; }
# wrk and nginx come from Debian; scripts/install-deps installs only what is missing, and is quiet when nothing is.
scripts/install-deps --with-bench
[ -x /usr/bin/python3 ] || { echo "/usr/bin/python3 is missing: apt-get install python3" >&2; exit 1; }
[ -x /usr/sbin/nginx ] || { echo "/usr/sbin/nginx is missing: scripts/install-deps --with-bench" >&2; exit 1; }
duration=${BENCH_DURATION:-10s}
work=$(mktemp -d)
database=${1:-$work/bench.db}
server=
nginx=
cleanup() {
  [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; } || true
  # TERM makes the nginx master stop its workers before it exits.
  [ -z "$nginx" ] || { kill "$nginx" 2>/dev/null; wait "$nginx" 2>/dev/null; } || true
  rm -rf "$work"
}
trap cleanup EXIT
# An interrupted run stops at once instead of going on with the next page against servers that the signal stopped.
trap 'exit 130' INT
trap 'exit 143' TERM
"$binary" demo --database "$database" --port 0 --log-level warn >"$work/out" 2>"$work/err" &
server=$!
port=$(wait_for_port "$work/out" "$work/err")

# A parent linked to a household of three children, created over HTTP; the script prints his session cookie, the
# path of one child's page and that child's first name.
# The commune holds as many other households as a town's (BENCH_HOUSEHOLDS, default 2,000, imported as a town
# imports its records), so that a page that scanned the commune's households instead of reaching the parent's by
# their ids would show it.
households=${BENCH_HOUSEHOLDS:-2000}
/usr/bin/python3 - "$households" >"$work/households.csv" <<'PY'
import sys
columns = ("reference;rep1_civilite;rep1_nom;rep1_prenom;rep1_lien;rep1_courriel;rep1_portable;rep2_civilite;rep2_nom;"
           "rep2_prenom;rep2_lien;rep2_courriel;rep2_portable;adresse;complement;code_postal;ville;enfant_nom;"
           "enfant_prenom;enfant_naissance;enfant_sexe;enfant_ecole;enfant_classe;enfant_regime;enfant_pai")
print(columns)
for i in range(int(sys.argv[1])):
    for child in ("Paul", "Zoé"):
        print(f"B{i:06d};madame;Martin;Claire;mother;;;monsieur;Martin;Luc;father;;;{i} rue de la Gare;;78570;"
              f"Chanteloup-les-Vignes;Martin;{child};2017-05-0{1 + i % 9};{'male' if child == 'Paul' else 'female'};"
              "École Victor Hugo;ce2;standard;non")
PY
"$binary" family import chanteloup-les-vignes "$work/households.csv" --database "$database" >/dev/null 2>"$work/import" ||
  { cat "$work/import" >&2; exit 1; }
/usr/bin/python3 bench/seed_parent.py "$binary" "$database" "$port" >"$work/seed" ||
  { echo "seeding the parent failed (see above)" >&2; exit 1; }
cookie=$(sed -n 1p "$work/seed")
child_path=$(sed -n 2p "$work/seed")
child_name=$(sed -n 3p "$work/seed")
[ -n "$cookie" ] && [ -n "$child_path" ] && [ -n "$child_name" ] ||
  { echo "seeding the parent printed no cookie, child page or name" >&2; exit 1; }

names=(mon-espace ma-famille enfant)
paths=(/chanteloup-les-vignes/mon-espace /chanteloup-les-vignes/ma-famille "$child_path")

# Each page is fetched once with the cookie and must be the family's page: a redirect to the sign-in page would mean
# the session is not used, and measuring it would say nothing about the signed-in pages. Its bytes are what nginx
# serves.
mkdir -p "$work/www"
for i in "${!names[@]}"; do
  file=$work/www/${names[$i]}.html
  status=$(curl -s -o "$file" -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port${paths[$i]}")
  [ "$status" = 200 ] || { echo "${paths[$i]} answers HTTP $status with the parent's cookie, not 200" >&2; exit 1; }
  grep -qF "$child_name" "$file" || { echo "${paths[$i]} does not show the family ($child_name)" >&2; exit 1; }
done

# nginx runs in the foreground as the invoking user, with everything it writes inside the work folder. Started as
# root, its workers would switch to "nobody", who cannot read the private work folder: they stay root instead.
nginx_port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/nginx"
{
  [ "$(id -u)" -ne 0 ] || echo "user $(id -un) $(id -gn);"
  cat <<CONF
worker_processes 2;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events {}
http {
  default_type text/html;
  charset utf-8;
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/www;
  }
}
CONF
} >"$work/nginx/nginx.conf"
/usr/sbin/nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" 2>>"$work/nginx/error.log" &
nginx=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$nginx_port/" 2>/dev/null && break
  kill -0 "$nginx" 2>/dev/null || break
  sleep 0.1
done
for i in "${!names[@]}"; do
  curl -s -o "$work/check" "http://127.0.0.1:$nginx_port/${names[$i]}.html" &&
    cmp -s "$work/check" "$work/www/${names[$i]}.html" ||
    { echo "nginx does not serve ${names[$i]}.html as saved:" >&2; cat "$work/nginx/error.log" >&2; exit 1; }
done

# Runs wrk and keeps its req/s and 99th percentile; any answer but 2xx or 3xx makes the figures meaningless.
measure() {
  local label=$1 url=$2 extra=("${@:3}")
  echo "== $label $url"
  wrk -t2 -c64 -d"$duration" --latency "${extra[@]}" "$url" | tee "$work/wrk"
  if grep -q 'Non-2xx or 3xx responses' "$work/wrk"; then
    echo "$label $url answered errors during the run" >&2
    exit 1
  fi
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk")
}
rows=()
for i in "${!names[@]}"; do
  measure guichet "http://127.0.0.1:$port${paths[$i]}" -H "Cookie: $cookie"
  guichet_rps=$rps guichet_p99=$p99
  # The session must still be the parent's after the run, or part of the run measured the sign-in redirect.
  status=$(curl -s -o "$work/check" -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port${paths[$i]}")
  [ "$status" = 200 ] && grep -qF "$child_name" "$work/check" ||
    { echo "${paths[$i]} no longer shows the family after the run (HTTP $status)" >&2; exit 1; }
  measure nginx "http://127.0.0.1:$nginx_port/${names[$i]}.html"
  rows+=("${paths[$i]}|$guichet_rps|$guichet_p99|$rps|$p99")
done

case "$database" in
  postgres://* | postgresql://*) backend=PostgreSQL ;;
  *) backend=SQLite ;;
esac
echo
echo "binary: $binary ($("$binary" --version 2>/dev/null || echo "version unknown")), database: $backend ($database)," \
  "nginx $(/usr/sbin/nginx -v 2>&1 | sed 's|.*nginx/||') with 2 workers, $duration per run"
printf '%s\n' "${rows[@]}" | awk -F'|' '
  BEGIN { printf "%-44s %12s %10s %12s %10s %7s\n", "page", "guichet req/s", "p99", "nginx req/s", "p99", "ratio" }
  { printf "%-44s %12.0f %10s %12.0f %10s %7.2f\n", $1, $2, $3, $4, $5, ($4 > 0 ? $2 / $4 : 0) }'
