#!/usr/bin/env bash
# Sign-in throughput: `wrk -t2 -c16 -d10s --latency` POSTing the real sign-in form (CSRF token, Origin, argon2id
# verification on the worker pool, session row written), next to the cost of one argon2id verification measured in
# the same run, and to /healthz for scale. Every answer must be a 303 to the back office: wrk reports any other
# status as "Non-2xx or 3xx responses".
# Usage: bench/login.sh [database URL]   (default: a SQLite file in a temporary folder). Needs scripts/build and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
binary=build/src/app/guichet
[ -x "$binary" ] || { echo "build first: scripts/build" >&2; exit 1; }
duration=${BENCH_DURATION:-10s}
work=$(mktemp -d)
database=${1:-$work/bench.db}
"$binary" demo --database "$database" --port 0 --log-level warn >"$work/out" 2>"$work/err" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
port=$(wait_for_port "$work/out" "$work/err")
link=$("$binary" agent add chanteloup-les-vignes --email bench@mairie.example.fr --first-name Bench --last-name Mark \
  --database "$database" | grep -o 'http[^ ]*definir-mot-de-passe[^ ]*')
# Choose the password through the link, then prepare a sign-in form (anonymous CSRF cookie and token).
/usr/bin/python3 - "$port" "$link" "$work/login.lua" <<'PY'
import http.client, re, sys, urllib.parse
port, link, lua = int(sys.argv[1]), urllib.parse.urlsplit(sys.argv[2]), sys.argv[3]
def call(method, path, body=None, cookie=""):
    c = http.client.HTTPConnection("127.0.0.1", port)
    headers = {"Cookie": cookie, "Origin": f"http://127.0.0.1:{port}", "Content-Type": "application/x-www-form-urlencoded"}
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse(); text = r.read().decode()
    cookies = [h.split(";")[0] for n, h in r.getheaders() if n.lower() == "set-cookie"]
    return r.status, text, cookies
status, page, cookies = call("GET", link.path + "?" + link.query)
cookie = "; ".join(cookies)
token = re.search(r'name="token" value="([^"]+)"', page).group(1)
csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
call("POST", link.path, urllib.parse.urlencode({"token": token, "password": "mot de passe du banc d essai", "_csrf": csrf}), cookie)
status, page, cookies = call("GET", "/chanteloup-les-vignes/connexion")
cookie = "; ".join(cookies)
csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
body = urllib.parse.urlencode({"login": "bench@mairie.example.fr", "password": "mot de passe du banc d essai", "_csrf": csrf})
check = call("POST", "/chanteloup-les-vignes/connexion", body, cookie)
assert check[0] == 303, check[0]
with open(lua, "w") as f:
    f.write('wrk.method = "POST"\n')
    f.write('wrk.body = "%s"\n' % body)
    f.write('wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n')
    f.write('wrk.headers["Origin"] = "http://127.0.0.1:%d"\n' % port)
    f.write('wrk.headers["Cookie"] = "%s"\n' % cookie)
PY
echo "== argon2id cost (same machine, same run)"
build/bench/guichet_argon2_bench 19456 2 20
echo "== POST /chanteloup-les-vignes/connexion"
wrk -t2 -c16 -d"$duration" --latency -s "$work/login.lua" "http://127.0.0.1:$port/chanteloup-les-vignes/connexion"
echo "== GET /healthz"
wrk -t2 -c16 -d"$duration" "http://127.0.0.1:$port/healthz" | grep -E 'Requests/sec'
