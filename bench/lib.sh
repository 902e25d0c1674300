# Shared by the benchmarks (sourced, not run).

# Prints the port of the `guichet demo` whose standard output is the file $1, once its "serving" line is there;
# prints its standard error (the file $2) and fails when it does not start within ten seconds.
wait_for_port() {
  local port=
  for _ in $(seq 100); do
    port=$(grep -o 'http://127.0.0.1:[0-9]*' "$1" | head -n1 | cut -d: -f3) || true
    [ -n "$port" ] && { echo "$port"; return 0; }
    sleep 0.1
  done
  cat "$2" >&2
  return 1
}
