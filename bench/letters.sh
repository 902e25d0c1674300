#!/usr/bin/env bash
# The batch of clé enfance letters for a whole town: imports N households (two representatives each, so 2N letters),
# has an agent start the batch over HTTP, follows it to its end and downloads the PDF, and prints the wall time and
# the server's memory: its peak resident size (VmHWM in /proc/<pid>/status) before the batch and after it, i.e. the
# peak during it. With the batch written to a file chunk by chunk, that peak does not grow with N; run it with two
# sizes to see it (BENCH_HOUSEHOLDS=2000 bench/letters.sh, then the default).
# Usage: bench/letters.sh [database URL]   (default: a SQLite file in a temporary folder)
# N is $BENCH_HOUSEHOLDS (default 20000); the binary is $GUICHET_BINARY (default build/src/app/guichet). A build whose
# POST answers the PDF itself (before the batch became a job) is measured too: the request is then the batch.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
binary=${GUICHET_BINARY:-build/src/app/guichet}
[ -x "$binary" ] || { echo "build first: scripts/build (or set GUICHET_BINARY)" >&2; exit 1; }
[ -x /usr/bin/python3 ] || { echo "/usr/bin/python3 is missing: apt-get install python3" >&2; exit 1; }
households=${BENCH_HOUSEHOLDS:-20000}
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
# The job's file goes beside a SQLite database by default; with PostgreSQL, to the work folder too.
config=()
case "$database" in
  postgres://* | postgresql://*)
    printf '[jobs]\ndirectory = "%s"\n' "$work/jobs" >"$work/guichet.toml"
    config=(--config "$work/guichet.toml")
    ;;
esac
"$binary" demo --database "$database" "${config[@]}" --port 0 --log-level warn >"$work/out" 2>"$work/err" &
server=$!
port=$(wait_for_port "$work/out" "$work/err")

/usr/bin/python3 - "$households" >"$work/households.csv" <<'PY'
import sys
columns = ("reference;rep1_civilite;rep1_nom;rep1_prenom;rep1_lien;rep1_courriel;rep1_portable;rep2_civilite;rep2_nom;"
           "rep2_prenom;rep2_lien;rep2_courriel;rep2_portable;adresse;complement;code_postal;ville;enfant_nom;"
           "enfant_prenom;enfant_naissance;enfant_sexe;enfant_ecole;enfant_classe;enfant_regime;enfant_pai")
print(columns)
for i in range(int(sys.argv[1])):
    print(f"L{i:06d};madame;Martin;Claire;mother;;;monsieur;Martin;Luc;father;;;{i} rue de la Gare;;78570;"
          "Chanteloup-les-Vignes;Martin;Paul;2017-05-01;male;École Victor Hugo;ce2;standard;non")
PY
started=$(date +%s.%N)
"$binary" family import chanteloup-les-vignes "$work/households.csv" --database "$database" "${config[@]}" \
  >/dev/null 2>"$work/import" || { cat "$work/import" >&2; exit 1; }
echo "imported $households households in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"

link=$("$binary" agent add chanteloup-les-vignes --email banc-lettres@mairie.example.fr --first-name Banc \
  --last-name Lettres --database "$database" "${config[@]}" | grep -o 'http[^ ]*definir-mot-de-passe[^ ]*')

/usr/bin/python3 - "$port" "$link" "$server" "$work/letters.pdf" <<'PY'
import os, re, sys, time, urllib.parse
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join("tests", "e2e"))
from web_client import Browser

port, link, pid, pdf_path = int(sys.argv[1]), urllib.parse.urlsplit(sys.argv[2]), sys.argv[3], sys.argv[4]
C = "/chanteloup-les-vignes/"
PASSWORD = "le banc d essai des lettres"


def memory(field):
    """A field of the server's /proc/<pid>/status, in MiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise SystemExit(f"no {field} in /proc/{pid}/status")


def fail(step, page):
    excerpt = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", page.text)).strip()[:300]
    raise SystemExit(f"letters.sh: {step}: HTTP {page.status} {page.location} {excerpt}")


agent = Browser(port)
page = agent.get(link.path + "?" + link.query)
agent.post(link.path, {"token": page.field_value("token"), "password": PASSWORD}, csrf=page.csrf())
signed = agent.submit(C + "connexion", C + "connexion", {"login": "banc-lettres@mairie.example.fr",
                                                          "password": PASSWORD})
if signed.status != 303:
    fail("signing the agent in", signed)
listing = agent.get(C + "agents/familles")
before_peak, before_rss = memory("VmHWM"), memory("VmRSS")
agent.timeout = 900  # an old build answers the whole batch in this one request
started = time.monotonic()
answer = agent.post(C + "agents/familles/lettres", {}, csrf=listing.csrf())
rss_samples = [memory("VmRSS")]
if answer.status == 200 and answer.headers.get("content-type") == "application/pdf":
    mode, pdf = "one request (the PDF rendered in memory)", answer.body
    queued_after = None
else:
    if answer.status != 303 or "/agents/travaux/" not in answer.location:
        fail("starting the batch", answer)
    mode = "background job"
    queued_after = time.monotonic() - started
    job = urllib.parse.urlsplit(answer.location).path
    while True:
        page = agent.get(job)
        rss_samples.append(memory("VmRSS"))
        if page.status != 200:
            fail("following the job", page)
        found = re.search(r'href="([^"]*/fichier)"', page.text)
        if found:
            break
        if 'http-equiv="refresh"' not in page.text:
            fail("the job ended without a file", page)
        time.sleep(0.25)
    wall = time.monotonic() - started
    after_peak = memory("VmHWM")
    download = agent.get(found.group(1))
    if download.status != 200:
        fail("downloading the PDF", download)
    pdf = download.body
if queued_after is None:
    wall = time.monotonic() - started
    after_peak = memory("VmHWM")
with open(pdf_path, "wb") as f:
    f.write(pdf)
print(f"mode: {mode}")
if queued_after is not None:
    print(f"POST answered in {queued_after * 1000:.0f} ms (the job is queued)")
print(f"batch wall time: {wall:.1f} s, PDF {len(pdf) / 1e6:.1f} MB")
print(f"server VmHWM before the batch: {before_peak:.0f} MiB (VmRSS {before_rss:.0f} MiB)")
print(f"server VmHWM after the batch:  {memory('VmHWM'):.0f} MiB (peak until the file was ready: {after_peak:.0f} MiB,"
      f" largest VmRSS seen while it ran {max(rss_samples):.0f} MiB)")
PY
letters=$(pdfinfo "$work/letters.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || true)
case "$database" in
  postgres://* | postgresql://*) backend=PostgreSQL ;;
  *) backend=SQLite ;;
esac
echo "binary: $binary, database: $backend, households: $households, letters (PDF pages): ${letters:-unknown (no pdfinfo)}"
