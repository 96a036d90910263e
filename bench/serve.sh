#!/bin/sh
# Load test of `dyad serve`: 200 concurrent clients on loopback for 30 s
# (wrk) against the AddressSanitizer + UndefinedBehaviorSanitizer build
# (build/san/dyad, made with `make SANITIZE=1` when missing), over a store
# built from the demo corpus. Each request asks /api/model with other
# parameters (window, min-events, level, smoothing, balance, seed: 96
# combinations, so that models are computed while the cache fills and
# expires). Prints requests/s, p50/p99 latency and errors; exit 1 when any
# request failed (socket errors, timeouts, answers other than 200) or the
# server crashed or reported a sanitizer error, 0 otherwise (skipped with a
# note when wrk is missing).
#
# Usage: bench/serve.sh DYAD_BINARY   (DURATION, CONNECTIONS, THREADS change
# the run; SERVE_DYAD another server binary than build/san/dyad)
set -u
DYAD=${1:?usage: bench/serve.sh DYAD_BINARY}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-30}
CONNECTIONS=${CONNECTIONS:-200}
THREADS=${THREADS:-2}
SERVE_DYAD=${SERVE_DYAD:-$ROOT/build/san/dyad}
echo "4. Serve  (wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s on varying /api/model, ASan build)"
echo "------------------------------------------------------------------------------"
if ! command -v wrk >/dev/null 2>&1; then
    echo "  skipped: wrk not installed (scripts/install-deps)"
    exit 0
fi
if [ -z "${SERVE_DYAD_SET:-}" ] && [ "$SERVE_DYAD" = "$ROOT/build/san/dyad" ]; then
    make -C "$ROOT" --no-print-directory -s SANITIZE=1 all >/dev/null 2>&1 ||
        { echo "  FAILED: make SANITIZE=1"; exit 1; }
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dyad-serve.XXXXXX") || exit 1
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
"$DYAD" ingest -q --db "$TMP/demo.db" "$ROOT/data/demo/briefs.jsonl" || { echo "  FAILED: ingest"; exit 1; }
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$SERVE_DYAD" serve --db "$TMP/demo.db" --port 0 \
    --max-per-ip 256 --threads 4 >"$TMP/out" 2>"$TMP/err" &
PID=$!
U=
for _ in $(seq 100); do
    U=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$TMP/out" 2>/dev/null) && [ -n "$U" ] && break
    sleep 0.1
done
[ -n "$U" ] || { echo "  FAILED: dyad serve printed no URL: $(cat "$TMP/err")"; exit 1; }
URL="${U}api/model?window=year"
cat >"$TMP/count.lua" <<'LUA'
-- varying /api/model parameters (96 combinations)
local windows = {"all", "year", "quarter", "month"}
local levels = {"country", "actor"}
local balances = {"count", "goldstein"}
request = function()
  local k = math.random(0, 95)
  local path = string.format("/api/model?window=%s&level=%s&balance=%s&min-events=%d&smoothing=0.%d&seed=%d",
    windows[k % 4 + 1], levels[math.floor(k / 4) % 2 + 1], balances[math.floor(k / 8) % 2 + 1],
    1 + math.floor(k / 16) % 3, 1 + k % 5, 1 + math.floor(k / 48))
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  io.write(string.format("p50_ms %.3f\np99_ms %.3f\nmax_ms %.3f\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  local e = summary.errors
  io.write(string.format("requests %d\nsocket_errors %d\nnon2xx %d\n", summary.requests,
    e.connect + e.read + e.write + e.timeout, e.status))
end
LUA
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -s "$TMP/count.lua" "$URL" >"$TMP/wrk.out" 2>&1
rc=$?
alive=1
kill -0 "$PID" 2>/dev/null || alive=0
get() { awk -v k="$1" '$1 == k { print $2 }' "$TMP/wrk.out"; }
rps=$(awk '/^Requests\/sec:/ { print $2 }' "$TMP/wrk.out")
printf '  %s requests in %s s, %s req/s; latency p50 %s ms, p99 %s ms, max %s ms\n' \
    "$(get requests)" "$DURATION" "$rps" "$(get p50_ms)" "$(get p99_ms)" "$(get max_ms)"
printf '  errors: socket %s, non-2xx %s\n' "$(get socket_errors)" "$(get non2xx)"
kill -TERM "$PID" 2>/dev/null
wait "$PID"
src=$?
PID=
printf '  server: %s, exit %s after SIGTERM\n' "$([ $alive = 1 ] && echo alive || echo CRASHED)" "$src"
if grep -q 'ERROR: AddressSanitizer\|runtime error:\|ERROR: LeakSanitizer' "$TMP/err"; then
    echo "  FAILED: sanitizer report"; head -n 20 "$TMP/err" | sed 's/^/  serve: /'
    exit 1
fi
if [ "$rc" -ne 0 ] || [ "$(get socket_errors)" != 0 ] || [ "$(get non2xx)" != 0 ] ||
    [ "$alive" != 1 ] || [ "$src" != 0 ]; then
    echo "  FAILED: wrk exit $rc, errors or a crash"; sed 's/^/  wrk: /' "$TMP/wrk.out" | head -n 20
    exit 1
fi
exit 0
