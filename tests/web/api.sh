# API tests for `dyad serve`, sourced by tests/cli/run (check, expect, ok,
# bad, $DYAD, $T and $ROOT come from there). Starts a server on a free
# loopback port over the demo store and asks every endpoint good, bad and
# hostile questions; answers must be the CLI's JSON, or 400/404/405/413
# with a JSON error, and the store must come out unchanged.
if ! command -v curl >/dev/null 2>&1; then
    echo "note: curl not installed; dyad serve API tests skipped" >&2
else
    W=$T/web
    mkdir -p "$W/assets/js" "$W/outside"
    printf '<!doctype html><title>t</title>\n' >"$W/assets/index.html"
    printf 'export const x = 1;\n' >"$W/assets/js/app.js"
    printf 'secret\n' >"$W/outside/secret.txt"
    printf 'hidden\n' >"$W/assets/.hidden"
    ln -s "$W/outside/secret.txt" "$W/assets/link.txt"
    check "serve: ingest the demo corpus" 0 env DYAD_DATA="${DYAD_DATA:-$ROOT/data}" \
        "$DYAD" ingest -q --db "$W/demo.db" "$ROOT/data/demo/briefs.jsonl"
    cp "$W/demo.db" "$W/demo.orig.db"

    "$DYAD" serve --db "$W/demo.db" --port 0 --assets "$W/assets" >"$W/serve.out" 2>"$W/serve.err" &
    SERVE_PID=$!
    U=
    for _ in $(seq 100); do
        U=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$W/serve.out" 2>/dev/null)
        [ -n "$U" ] && break
        sleep 0.1
    done
    if [ -z "$U" ]; then
        bad "serve: no URL printed ($(cat "$W/serve.err"))"
    else
        ok
        # http NAME STATUS PATH [CURL ARGS...]: body in $T/out, headers in $T/hdr
        http() {
            name=$1 want=$2 path=$3
            shift 3
            got=$(curl -s -g --path-as-is -o "$T/out" -D "$T/hdr" -w '%{http_code}' "$@" "$U$path")
            if [ "$got" = "$want" ]; then ok; else bad "$name: HTTP $got, want $want ($(head -c 200 "$T/out"))"; fi
        }
        # same_json NAME CMD...: the last answer equals CMD's output (one line)
        same_json() {
            name=$1
            shift
            "$@" >"$T/cli.json" 2>/dev/null
            [ -n "$(tail -c 1 "$T/out")" ] && printf '\n' >>"$T/out"
            if cmp -s "$T/out" "$T/cli.json"; then ok; else bad "$name: API and CLI JSON differ"; fi
        }

        # ---- model
        http "model" 200 "api/model"
        expect "model content type" "$T/hdr" '^Content-Type: application/json'
        same_json "model = dyad model --format json" "$DYAD" model --db "$W/demo.db" --format json
        http "model by year" 200 "api/model?window=year&min-events=2&max-blocs=2"
        same_json "model by year = CLI" "$DYAD" model --db "$W/demo.db" --format json --window year --min-events 2 --max-blocs 2
        http "model from/to/level" 200 "api/model?from=2023&to=2023-12-31&level=actor&balance=goldstein"
        same_json "model from/to/level = CLI" "$DYAD" model --db "$W/demo.db" --format json --from 2023 --to 2023-12-31 --level actor --balance goldstein
        http "model filtered by root" 200 "api/model?root=04,05&quad=1&modality=asserted,negated"
        expect "model filtered: JSON" "$T/out" '^\{"params":'
        http "model cached answer" 200 "api/model?max-blocs=2&window=year&min-events=2"
        same_json "model cached = CLI" "$DYAD" model --db "$W/demo.db" --format json --window year --min-events 2 --max-blocs 2
        http "model bad window" 400 "api/model?window=week"
        expect "error is JSON" "$T/out" '^\{"error":"window: expected year, quarter, month or all"\}$'
        http "model unknown parameter" 400 "api/model?db=/etc/passwd"
        expect "unknown parameter named" "$T/out" "unknown parameter 'db'"
        http "model parameter twice" 400 "api/model?window=year&window=month"
        http "model huge min-events" 400 "api/model?min-events=99999999999999999999999"
        http "model negative min-events" 400 "api/model?min-events=-1"
        http "model smoothing NaN" 400 "api/model?smoothing=nan"
        http "model smoothing inf" 400 "api/model?smoothing=1e999"
        http "model restarts capped" 400 "api/model?restarts=100000"
        http "model bad balance" 400 "api/model?balance=x"
        http "model bad date" 400 "api/model?from=2023-13-45"
        http "model quad 5" 400 "api/model?quad=5"
        http "model root with SQL" 400 "api/model?root=04')%20OR%20('1'='1"

        # ---- events
        http "events" 200 "api/events?limit=10000"
        "$DYAD" events --db "$W/demo.db" >"$T/cli.jsonl"
        if command -v python3 >/dev/null 2>&1; then
            if python3 - "$T/out" "$T/cli.jsonl" <<'PY'
import json, sys
api = json.load(open(sys.argv[1]))
cli = [json.loads(l) for l in open(sys.argv[2])]
assert api["events"] == cli, "events differ"
assert api["count"] == len(cli) and api["truncated"] is False
PY
            then ok; else bad "events = dyad events (JSON lines)"; fi
        fi
        expect "events carry names" "$T/cli.jsonl" '"source_name":"[^"]+","target_name":"[^"]+"'
        http "events without names" 200 "api/events?names=0&limit=3"
        reject "events names=0: no names" "$T/out" '"source_name"'
        http "events limit" 200 "api/events?limit=3"
        expect "events truncated" "$T/out" '"count":3,"truncated":true\}$'
        http "events dyad dedup explain" 200 "api/events?dyad=RUS,PRK&dedup=1&explain=1&limit=5"
        expect "events dedup support" "$T/out" '"support":[0-9]+'
        expect "events explain" "$T/out" '"explain":\{"pattern":"verbs/[0-9a-z_]+\.txt:[0-9]+"'
        reject "events explain: no absolute paths" "$T/out" '"(pattern|source_entry|target_entry)":"/'
        http "events highlight" 200 "api/events?dyad=RUS,PRK&highlight=1&limit=50"
        if command -v python3 >/dev/null 2>&1; then
            if python3 - "$T/out" <<'PY'
import json, sys
evs = json.load(open(sys.argv[1]))["events"]
assert evs
for e in evs:
    s = e["sentence_start"]
    assert s >= 0
    t = e["text"].encode()
    v = e["spans"]["verb"]
    assert v and s <= v[0] and v[1] <= s + len(t), e
PY
            then ok; else bad "events highlight: sentence_start holds each verb span"; fi
        fi
        http "events actor" 200 "api/events?actor=PRK&from=2024&to=2024&modality=all&limit=100"
        reject "events actor: only PRK" "$T/out" '"source":"(USA|JPN)","target":"(USA|JPN)"'
        http "events limit too big" 400 "api/events?limit=10001"
        http "events limit zero" 400 "api/events?limit=0"
        http "events limit huge" 400 "api/events?limit=1e30"
        http "events offset huge" 400 "api/events?offset=99999999999999999999"
        http "events actor SQL" 400 "api/events?actor=RUS'%20OR%20'1'='1"
        http "events actor semicolon" 400 "api/events?actor=RUS;DROP%20TABLE%20events"
        http "events actor percent" 400 "api/events?actor=%25"
        http "events dyad one side" 400 "api/events?dyad=RUS"
        http "events dyad SQL" 400 "api/events?dyad=RUS,PRK'--"
        http "events modality SQL" 400 "api/events?modality=asserted'%20OR%201=1--"
        http "events code SQL" 400 "api/events?code=042%20UNION%20SELECT%201"
        http "events dedup bad" 400 "api/events?dedup=yes"
        http "events NUL in value" 400 "api/events?actor=RUS%00x"
        http "events too many parameters" 400 "api/events?$(for i in $(seq 40); do printf 'p%s=1&' "$i"; done)"
        # 1,000 and 5,000 parameters: each would take a record in the
        # connection's memory, which then had no room for an answer (the
        # connection was closed without one)
        many=$(seq 1000 | sed 's/^/p/; s/$/=1/' | tr '\n' '&')
        http "events 1,000 parameters" 400 "api/events?$many"
        expect "1,000 parameters: JSON error" "$T/out" '^\{"error":"too many parameters"\}$'
        http "model 5,000 empty parameters" 400 "api/model?$(head -c 5000 /dev/zero | tr '\0' '&')"
        http "model after many parameters" 200 "api/model?window=year"
        long=$(head -c 600 /dev/zero | tr '\0' A)
        http "events value too long" 400 "api/events?actor=$long"

        # ---- dyad
        http "dyad" 200 "api/dyad?a=RUS&b=PRK"
        same_json "dyad = dyad dyad --format json" "$DYAD" dyad --db "$W/demo.db" RUS PRK --format json
        http "dyad by quarter" 200 "api/dyad?a=RUS&b=PRK&window=quarter&evidence=5"
        same_json "dyad by quarter = CLI" "$DYAD" dyad --db "$W/demo.db" RUS PRK --format json --window quarter --evidence 5
        http "dyad without b" 400 "api/dyad?a=RUS"
        http "dyad lower case" 400 "api/dyad?a=rus&b=prk"
        http "dyad evidence huge" 400 "api/dyad?a=RUS&b=PRK&evidence=1000000"

        # ---- partners
        http "partners" 200 "api/partners?actor=RUS"
        same_json "partners = dyad partners --format json" "$DYAD" partners --db "$W/demo.db" RUS --format json
        http "partners all by quarter" 200 "api/partners?actor=RUS&by=quarter&top=0&min-events=2"
        same_json "partners by quarter = CLI" "$DYAD" partners --db "$W/demo.db" RUS --format json --by quarter --top 0 --min-events 2
        http "partners without actor" 400 "api/partners"
        http "partners SQL actor" 400 "api/partners?actor=R%27US"

        # ---- documents
        http "document" 200 "api/documents/demo-050"
        expect "document fields" "$T/out" '^\{"id":"demo-050","title":"[^"]+",.*"text":"[^"]+","events":\[\{"id":'
        "$DYAD" events --db "$W/demo.db" --modality all >"$T/all.jsonl"
        n_api=$(grep -o '"doc":"demo-050"' "$T/out" | wc -l)
        n_cli=$(grep -c '"doc":"demo-050"' "$T/all.jsonl")
        if [ "$n_api" -eq "$n_cli" ] && [ "$n_api" -gt 0 ]; then ok; else bad "document: $n_api events, dyad events says $n_cli"; fi
        reject "document: no absolute paths" "$T/out" '"(pattern|source_entry|target_entry)":"/'
        http "document missing" 404 "api/documents/nope"
        http "document SQL id" 404 "api/documents/x'%20OR%20'1'='1"
        http "document drop table" 404 "api/documents/1;DROP%20TABLE%20documents;--"
        http "document control char" 400 "api/documents/a%01b"
        http "document parameters" 400 "api/documents/demo-050?x=1"
        http "no such endpoint" 404 "api/nothing"

        # ---- protocol limits
        http "POST refused" 405 "api/model" -X POST
        expect "Allow header" "$T/hdr" '^Allow: GET, HEAD'
        http "DELETE refused" 405 "api/documents/demo-050" -X DELETE
        http "body refused" 413 "api/model" -X GET --data-binary 'x=1'
        http "HEAD" 200 "api/model" -I
        # keep-alive: two requests on one connection, none closed after it
        curl -s -v -o /dev/null -o /dev/null "${U}api/model" "${U}" 2>"$T/keep" || true
        expect "keep-alive: second request reuses the connection" "$T/keep" 'Re-using existing connection'
        reject "keep-alive: no Connection: close" "$T/keep" '^< Connection: close'
        big=$(head -c 100000 /dev/zero | tr '\0' a)
        got=$(curl -s -g -o /dev/null -w '%{http_code}' "${U}api/model?q=$big")
        case $got in 4*) ok ;; *) bad "huge URL: HTTP $got, want 4xx" ;; esac

        # ---- static files
        http "index" 200 ""
        expect "index is HTML" "$T/hdr" '^Content-Type: text/html'
        expect "index CSP" "$T/hdr" "^Content-Security-Policy: default-src 'self'"
        http "js file" 200 "js/app.js"
        expect "js content type" "$T/hdr" '^Content-Type: text/javascript'
        http "missing file" 404 "js/none.js"
        http "traversal" 404 "../outside/secret.txt"
        reject "traversal: no secret" "$T/out" secret
        http "traversal deep" 404 "js/../../outside/secret.txt"
        http "traversal encoded" 404 "%2e%2e/outside/secret.txt"
        http "traversal encoded slash" 404 "..%2foutside%2fsecret.txt"
        http "traversal /etc/passwd" 404 "../../../../../../etc/passwd"
        http "absolute in path" 404 "/etc/passwd"
        http "hidden file" 404 ".hidden"
        http "symlink out of the directory" 404 "link.txt"
        reject "symlink: no secret" "$T/out" secret
        http "directory" 404 "js"
        http "backslash" 404 "js\\app.js"

        # ---- concurrent model requests: igraph is not thread-safe in Debian's
        # build, so cache misses from several clients at once used to abort
        # the server ("Corrupt finally stack"). Four clients, each asking for
        # models no one asked before; every answer must be 200.
        conc_pids=
        for c in 1 2 3 4; do
            (
                for i in $(seq 30); do
                    curl -s -m 60 -o /dev/null -w '%{http_code}\n' \
                        "${U}api/model?min-events=1&window=month&smoothing=0.$c$i"
                done
            ) >"$T/conc.$c" &
            conc_pids="$conc_pids $!"
        done
        for p in $conc_pids; do wait "$p"; done
        if [ "$(cat "$T"/conc.* | grep -c '^200$')" -eq 120 ]; then ok; else
            bad "serve: concurrent model requests: $(sort "$T"/conc.* | uniq -c | tr '\n' ' ')"
        fi
        if kill -0 "$SERVE_PID" 2>/dev/null; then ok; else bad "serve: died under concurrent model requests"; fi

        # the store is as it was
        "$DYAD" events --db "$W/demo.db" --modality all >"$T/after.jsonl"
        "$DYAD" events --db "$W/demo.orig.db" --modality all >"$T/before.jsonl"
        if cmp -s "$T/after.jsonl" "$T/before.jsonl"; then ok; else bad "serve: the store changed"; fi
    fi
    kill -TERM "$SERVE_PID" 2>/dev/null
    wait "$SERVE_PID"
    src=$?
    if [ "$src" -eq 0 ]; then ok; else bad "serve: exit $src after SIGTERM ($(head -n 3 "$W/serve.err"))"; fi
fi
# Slow-header clients (slowloris): 1,100 connections from one address that
# never finish their headers used to fill the 1,024-connection limit for as
# long as they trickled bytes. Now one address holds at most --max-per-ip
# (64) connections, so another client is answered at once, and every
# connection whose headers are not complete --header-timeout seconds after
# it opened is closed, however it trickles.
if command -v curl >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1 && [ -f "$W/demo.db" ]; then
    "$DYAD" serve --db "$W/demo.db" --port 0 --header-timeout 2 >"$W/slow.out" 2>"$W/slow.err" &
    SLOW_PID=$!
    U=
    for _ in $(seq 100); do
        U=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$W/slow.out" 2>/dev/null)
        [ -n "$U" ] && break
        sleep 0.1
    done
    port=${U##*:}
    port=${port%/}
    python3 "$ROOT/tests/web/slow_clients.py" 127.0.0.2 127.0.0.1 "$port" 1100 3.5 >"$T/slow" 2>&1 &
    slow_py=$!
    sleep 1.2
    got=$(curl -s -m 2 -o "$T/out" -w '%{http_code}' "${U}api/model?window=year")
    if [ "$got" = 200 ]; then ok; else bad "serve: 1,100 slow clients: another client got HTTP $got within 2 s"; fi
    wait "$slow_py"
    # opened 1100 closed C at-once A held H last-close S
    set -- $(cat "$T/slow")
    if [ "${2:-}" = 1100 ] && [ "${4:-}" = 1100 ] && [ "${8:-0}" -le 64 ] && [ "${8:-0}" -ge 1 ]; then ok; else
        bad "serve: slow clients: want all 1100 closed, at most 64 held: $(cat "$T/slow")"
    fi
    # the held ones closed by the header deadline (2 s), not at the end (3.5 s)
    case ${10:-} in 1.* | 2.* | 3.[0-3]*) ok ;; *) bad "serve: slow clients not closed by --header-timeout 2: $(cat "$T/slow")" ;; esac
    kill -TERM "$SLOW_PID" 2>/dev/null
    wait "$SLOW_PID"
    src=$?
    if [ "$src" -eq 0 ]; then ok; else bad "serve (slow clients): exit $src ($(head -n 3 "$W/slow.err"))"; fi
fi
check "serve without --db" 2 "$DYAD" serve
check "serve bad port" 2 "$DYAD" serve --db "$T/none.db" --port 70000
check "serve bad bind" 1 "$DYAD" serve --db "$T/web/demo.db" --bind nonsense --port 0
expect "serve bad bind message" "$T/err" "bind address 'nonsense'"
check "serve missing store" 1 "$DYAD" serve --db "$T/none.db" --port 0
check "serve --max-per-ip 0" 2 "$DYAD" serve --db "$T/web/demo.db" --max-per-ip 0
expect "serve --max-per-ip message" "$T/err" "max-per-ip: expected a number from 1"
check "serve bad --header-timeout" 2 "$DYAD" serve --db "$T/web/demo.db" --header-timeout x
check "serve help" 0 "$DYAD" serve --help
expect "serve help text" "$T/out" '^Usage: dyad serve'
