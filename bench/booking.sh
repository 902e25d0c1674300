#!/usr/bin/env bash
# The evening a booking window opens: a town of BENCH_HOUSEHOLDS households (default 20,000) with their children
# (35,000 at the default: three households in four have two) all enrolled in the temps du repas (TRAM), then
# BENCH_SESSIONS parents (default 500; try 2000) signed in at once, each booking a month of TRAM for one child through
# the real HTTP form flow (the calendar, the summary, the confirmation). Prints committed day-bookings/s and the p50
# and p99 of the summary and confirmation requests, checks afterwards that no day is overbooked and that every
# acknowledged booking is in the database, and, in the same run, the reference: raw SQLite inserts of the same rows
# with the same durability (WAL, synchronous=FULL, one transaction per confirmation), and the ratio to it.
# The day's places are set below the demand (BENCH_CAPACITY, default 90 % of the sessions), so that the last parents
# find days full: the capacity check then means something.
# Usage: bench/booking.sh   (SQLite, in a temporary folder; the binary is $GUICHET_BINARY, default
# build/src/app/guichet)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
binary=${GUICHET_BINARY:-build/src/app/guichet}
[ -x "$binary" ] || { echo "build first: scripts/build (or set GUICHET_BINARY)" >&2; exit 1; }
[ -x /usr/bin/python3 ] || { echo "/usr/bin/python3 is missing: apt-get install python3" >&2; exit 1; }
households=${BENCH_HOUSEHOLDS:-20000}
sessions=${BENCH_SESSIONS:-500}
capacity=${BENCH_CAPACITY:-$((sessions * 9 / 10))}
ulimit -n "$(ulimit -Hn)"
work=$(mktemp -d)
database=$work/bench.db
server=
cleanup() {
  [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; } || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The demo creates the commune, its catalogue and its people; the town's records are imported next to it.
cat >"$work/guichet.toml" <<'EOF'
[security]
signups_per_address_per_hour = 100000
EOF
"$binary" demo --database "$database" --port 0 --config "$work/guichet.toml" --log-level warn \
  >"$work/out" 2>"$work/err" &
server=$!
port=$(wait_for_port "$work/out" "$work/err")
# The import takes at most 20,000 lines a file: the town's records go in files of whole households.
/usr/bin/python3 - "$households" "$work" <<'PY'
import sys
header = ("reference;rep1_civilite;rep1_nom;rep1_prenom;rep1_lien;rep1_courriel;rep1_portable;rep2_civilite;rep2_nom;"
          "rep2_prenom;rep2_lien;rep2_courriel;rep2_portable;adresse;complement;code_postal;ville;enfant_nom;"
          "enfant_prenom;enfant_naissance;enfant_sexe;enfant_ecole;enfant_classe;enfant_regime;enfant_pai")
files, lines, out = 0, 0, None
for i in range(int(sys.argv[1])):
    children = ("Paul", "Zoé") if i % 4 else ("Paul",)
    if out is None or lines + len(children) > 19000:
        if out:
            out.close()
        out = open(f"{sys.argv[2]}/households-{files:02d}.csv", "w", encoding="utf-8")
        print(header, file=out)
        files, lines = files + 1, 0
    for child in children:
        print(f"R{i:06d};madame;Bernard;Claire;mother;;;monsieur;Bernard;Luc;father;;;{i} rue de la Gare;;78570;"
              f"Chanteloup-les-Vignes;Bernard;{child};2017-05-0{1 + i % 9};{'male' if child == 'Paul' else 'female'};"
              "École Victor Hugo;ce2;standard;non", file=out)
        lines += 1
out.close()
PY
started=$(date +%s)
for file in "$work"/households-*.csv; do
  "$binary" family import chanteloup-les-vignes "$file" --database "$database" >/dev/null 2>"$work/import" ||
    { cat "$work/import" >&2; exit 1; }
done
echo "imported $households households in $(($(date +%s) - started)) s"
/usr/bin/python3 bench/booking.py "$database" "$port" "$sessions" "$capacity" "$work"
