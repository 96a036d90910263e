#!/bin/sh
# Load test of `dyad serve`: 200 concurrent clients on loopback against the
# model endpoint for 30 s (wrk), over a store built from the demo corpus.
# Prints requests/s, p50/p99 latency and errors; exit 1 when any request
# failed (socket errors or non-2xx answers), 0 otherwise (skipped with a
# note when wrk is missing).
#
# Usage: bench/serve.sh DYAD_BINARY   (DURATION, CONNECTIONS, THREADS change the run)
set -u
DYAD=${1:?usage: bench/serve.sh DYAD_BINARY}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-200}
THREADS=${THREADS:-2}
echo "4. Serve  (wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s on /api/model, loopback)"
echo "------------------------------------------------------------------------------"
if ! command -v wrk >/dev/null 2>&1; then
    echo "  skipped: wrk not installed (scripts/install-deps)"
    exit 0
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dyad-serve.XXXXXX") || exit 1
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
"$DYAD" ingest -q --db "$TMP/demo.db" "$ROOT/data/demo/briefs.jsonl" || { echo "  FAILED: ingest"; exit 1; }
"$DYAD" serve --db "$TMP/demo.db" --port 0 --max-per-ip 256 >"$TMP/out" 2>"$TMP/err" &
PID=$!
U=
for _ in $(seq 100); do
    U=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$TMP/out" 2>/dev/null) && [ -n "$U" ] && break
    sleep 0.1
done
[ -n "$U" ] || { echo "  FAILED: dyad serve printed no URL: $(cat "$TMP/err")"; exit 1; }
URL="${U}api/model?window=year"
# the first answer builds the model; the load then measures serving
curl -s -o /dev/null "$URL" 2>/dev/null || true
cat >"$TMP/count.lua" <<'LUA'
-- count answers that are not 200
bad = 0
response = function(status, headers, body) if status ~= 200 then bad = bad + 1 end end
done = function(summary, latency, requests)
  io.write(string.format("p50_ms %.3f\np99_ms %.3f\nmax_ms %.3f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  local e = summary.errors
  io.write(string.format("requests %d\nsocket_errors %d\nnon2xx %d\n", summary.requests,
    e.connect + e.read + e.write + e.timeout, e.status))
end
LUA
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$TMP/count.lua" "$URL" >"$TMP/wrk.out" 2>&1
rc=$?
get() { awk -v k="$1" '$1 == k { print $2 }' "$TMP/wrk.out"; }
rps=$(awk '/^Requests\/sec:/ { print $2 }' "$TMP/wrk.out")
printf '  %s requests in %s s, %s req/s; latency p50 %s ms, p99 %s ms, max %s ms\n' \
    "$(get requests)" "$DURATION" "$rps" "$(get p50_ms)" "$(get p99_ms)" "$(get max_ms)"
printf '  errors: socket %s, non-2xx %s\n' "$(get socket_errors)" "$(get non2xx)"
if [ "$rc" -ne 0 ] || [ "$(get socket_errors)" != 0 ] || [ "$(get non2xx)" != 0 ]; then
    echo "  FAILED: wrk exit $rc or errors"; sed 's/^/  wrk: /' "$TMP/wrk.out" | head -n 20
    exit 1
fi
exit 0
