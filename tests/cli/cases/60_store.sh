# The store: dyad ingest, events, show, recode against SQLite and against a
# real PostgreSQL server (started with scripts/pg-test; its binaries missing
# are a failure: scripts/install-deps installs them).
BRIEFS="$ROOT/data/demo/briefs.jsonl"
# A snapshot of the data directory, so that the dictionary version cannot
# change under the tests while someone edits data/.
cp -R "$ROOT/data" "$T/data"
OLD_DYAD_DATA=${DYAD_DATA:-}
export DYAD_DATA="$T/data"

# strip_ids FILE: events without their store ids, sorted (ids differ between
# a store built in one go and one built after a crash).
strip_ids() { sed 's/^{"id":[0-9]*,/{/' "$1" | LC_ALL=C sort; }
same() { if cmp -s "$2" "$3"; then ok; else bad "$1: $(basename "$2") and $(basename "$3") differ"; diff "$2" "$3" | head -n 4 >&2; fi; }

# A corpus of N renamed copies of the demo briefs (duplicates across
# documents, as when outlets report one event).
copies() {
    i=1
    while [ "$i" -le "$1" ]; do
        sed "s/\"id\": \"demo-/\"id\": \"c$i-demo-/" "$BRIEFS"
        i=$((i + 1))
    done
}
copies 40 >"$T/big.jsonl"
NDOCS=$(grep -c '"id"' "$BRIEFS")
NBIG=$((NDOCS * 40))

"$DYAD" code --all-modalities "$BRIEFS" >"$T/code.jsonl" 2>/dev/null
LC_ALL=C sort "$T/code.jsonl" >"$T/code.sorted"

# store_suite BACKEND NEWDB: NEWDB NAME prints a fresh store's path or URL.
store_suite() {
    be=$1 newdb=$2
    db=$($newdb demo)
    demo=$db
    check "$be: ingest" 0 "$DYAD" ingest --db "$db" --summary "$BRIEFS"
    expect "$be: ingest summary" "$T/err" "^documents $NDOCS \\(new $NDOCS, changed 0, unchanged 0\\).*events $(wc -l <"$T/code.jsonl" | tr -d ' ')\$"
    check "$be: events all modalities" 0 "$DYAD" events --db "$db" --modality all
    strip_ids "$T/out" >"$T/ev.sorted"
    same "$be: stored events = dyad code output" "$T/ev.sorted" "$T/code.sorted"
    cp "$T/out" "$T/first.jsonl"
    check "$be: default events" 0 "$DYAD" events --db "$db"
    reject "$be: no negated by default" "$T/out" '"modality":"negated"'
    lines "$be: default events = dyad code's" "$T/out" "$("$DYAD" code "$BRIEFS" 2>/dev/null | wc -l)"

    check "$be: re-ingest" 0 "$DYAD" ingest --db "$db" --summary "$BRIEFS"
    expect "$be: re-ingest adds nothing" "$T/err" "^documents $NDOCS \\(new 0, changed 0, unchanged $NDOCS\\)"
    check "$be: events after re-ingest" 0 "$DYAD" events --db "$db" --modality all
    same "$be: re-ingest leaves events and ids" "$T/out" "$T/first.jsonl"

    # A changed document replaces its sentences and events.
    printf '{"id":"x1","date":"2023-09-15","text":"Russian President Vladimir Putin received North Korean leader Kim Jong Un at the Vostochny Cosmodrome on September 13, 2023."}\n' >"$T/x.jsonl"
    printf '{"id":"x1","date":"2023-09-15","text":"China condemned Japan on Monday. Russia did not impose sanctions on Japan."}\n' >"$T/x2.jsonl"
    db=$($newdb changed)
    check "$be: ingest x1" 0 "$DYAD" ingest --db "$db" "$T/x.jsonl"
    check "$be: events x1" 0 "$DYAD" events --db "$db" --modality all
    expect "$be: x1 has its event" "$T/out" '"source":"RUSGOV","target":"PRKGOV"'
    check "$be: ingest changed x1" 0 "$DYAD" ingest --db "$db" --summary "$T/x2.jsonl"
    expect "$be: reported as changed" "$T/err" '\(new 0, changed 1, unchanged 0\)'
    check "$be: events changed x1" 0 "$DYAD" events --db "$db" --modality all
    strip_ids "$T/out" >"$T/x.got"
    "$DYAD" code --all-modalities "$T/x2.jsonl" 2>/dev/null | LC_ALL=C sort >"$T/x.want"
    same "$be: changed document's events replaced" "$T/x.got" "$T/x.want"
    reject "$be: old event gone" "$T/out" 'PRKGOV'
    check "$be: show" 0 "$DYAD" show --db "$db" x1
    expect "$be: show brackets" "$T/out" '\[S:China\] \[V:condemned\] \[T:Japan\]'
    expect "$be: show event list" "$T/out" '^  #[0-9]+ sent 0 .* CHN -> JPN '
    check "$be: show unknown document" 1 "$DYAD" show --db "$db" nosuch
    expect "$be: show unknown message" "$T/err" 'nosuch: no such document'

    # kill -9 while a transaction is open. The ingest is killed as soon as
    # the store shows progress (a committed batch of 256 documents) and
    # before it ends, while it codes and writes the next batch in a
    # transaction; a run that ended first is retried. The store must then
    # read cleanly and hold whole batches only (the open one rolled back,
    # nothing torn), and the same command again must give the store of one
    # uninterrupted run.
    clean=$($newdb clean)
    check "$be: clean ingest" 0 "$DYAD" ingest --db "$clean" "$T/big.jsonl"
    "$DYAD" events --db "$clean" --modality all >"$T/clean.jsonl"
    strip_ids "$T/clean.jsonl" >"$T/clean.sorted"
    killed=0
    for attempt in 1 2 3 4 5; do
        crash=$($newdb "crash$attempt")
        "$DYAD" ingest --db "$crash" "$T/big.jsonl" >/dev/null 2>&1 &
        pid=$!
        while kill -0 "$pid" 2>/dev/null; do
            n=$("$DYAD" events --db "$crash" --modality all 2>/dev/null | wc -l | tr -d ' ')
            if [ "${n:-0}" -gt 0 ]; then
                kill -9 "$pid" 2>/dev/null
                break
            fi
            sleep 0.05
        done
        wait "$pid" 2>/dev/null
        # 137: killed by SIGKILL (not ended before the kill came)
        if [ $? -eq 137 ]; then
            killed=1
            break
        fi
    done
    if [ "$killed" -eq 1 ]; then ok; else
        bad "$be: kill -9: the ingest ended before its store showed progress, 5 times"; fi
    check "$be: store read after kill -9" 0 "$DYAD" events --db "$crash" --modality all
    strip_ids "$T/out" >"$T/partial.sorted"
    np=$(wc -l <"$T/partial.sorted" | tr -d ' ')
    nc=$(wc -l <"$T/clean.sorted" | tr -d ' ')
    if [ "$np" -gt 0 ] && [ "$np" -lt "$nc" ]; then ok; else
        bad "$be: kill -9: $np of $nc events stored, want partial progress"; fi
    if [ -z "$(LC_ALL=C comm -23 "$T/partial.sorted" "$T/clean.sorted")" ]; then ok; else
        bad "$be: kill -9: stored events that one uninterrupted run does not store"; fi
    check "$be: ingest after kill -9" 0 "$DYAD" ingest --summary --db "$crash" "$T/big.jsonl"
    kept=$(sed -n 's/.*(new [0-9]*, changed 0, unchanged \([0-9]*\)).*/\1/p' "$T/err")
    if [ -n "$kept" ] && [ "$kept" -gt 0 ] && [ "$kept" -lt "$NBIG" ] && [ $((kept % 256)) -eq 0 ]; then
        ok
    else
        bad "$be: kill -9: ${kept:-no} documents kept, want whole batches of 256 (the open transaction rolled back)"
    fi
    check "$be: events after kill -9" 0 "$DYAD" events --db "$crash" --modality all
    strip_ids "$T/out" >"$T/crash.sorted"
    same "$be: kill -9 + rerun = one run" "$T/crash.sorted" "$T/clean.sorted"
    lines "$be: kill -9 event count" "$T/out" "$(wc -l <"$T/clean.jsonl" | tr -d ' ')"

    # Dedup: the 40 copies support each event.
    check "$be: dedup" 0 "$DYAD" events --db "$clean" --dedup
    lines "$be: dedup keeps one per (date, source, target, code)" "$T/out" \
        "$("$DYAD" events --db "$demo" --dedup 2>/dev/null | wc -l | tr -d ' ')"
    expect "$be: dedup support" "$T/out" '"support":40\}$'
    check "$be: filters" 0 "$DYAD" events --db "$clean" --dyad RUS,CHN --from 2022-02 --to 2022-02 --root 04 --quad 1
    expect "$be: dyad row" "$T/out" '"date":"2022-02-[0-9]+","source":"(RUS|CHN)[A-Z]*","target":"(RUS|CHN)[A-Z]*","source_name":"[^"]*","target_name":"[^"]*","code":"04'
    reject "$be: dyad excludes others" "$T/out" '"source":"(USA|UKR)'
    check "$be: gdelt1" 0 "$DYAD" events --db "$clean" --format gdelt1 --dedup --limit 1
    expect "$be: gdelt1 58 columns" "$T/out" '^[0-9]+	[0-9]{8}	[0-9]{6}	[0-9]{4}	([^	]*	){53}[^	]*$'
    check "$be: csv" 0 "$DYAD" events --db "$clean" --format csv --limit 3
    expect "$be: csv header" "$T/out" '^id,doc,sent,date,source,target,code,root,quad,goldstein,modality,text,source_span,verb_span,target_span,date_precision,pub_date,source_text,target_text,geo_name,geo_country,geo_lat,geo_lon,geo_precision,geo_source$'
    lines "$be: csv rows" "$T/out" 4

    # recode: unchanged dictionaries change nothing; a changed set replaces.
    check "$be: recode, same dictionaries" 0 "$DYAD" recode --db "$clean" --summary
    expect "$be: recode nothing to do" "$T/err" '^documents 0 '
    rm -rf "$T/dict" && mkdir -p "$T/dict" && cp -R "$T/data/actors" "$T/data/verbs" "$T/dict/"
    rm -f "$T/dict/verbs/"04_*
    check "$be: recode with changed dictionaries" 0 "$DYAD" recode --db "$clean" --dict "$T/dict" --summary
    expect "$be: recode replaced" "$T/err" "^documents $NBIG \\(new 0, changed $NBIG"
    check "$be: events after recode" 0 "$DYAD" events --db "$clean" --modality all
    strip_ids "$T/out" >"$T/recode.got"
    "$DYAD" code --all-modalities --dict "$T/dict" "$T/big.jsonl" 2>/dev/null | LC_ALL=C sort >"$T/recode.want"
    same "$be: recode = coding with the new dictionaries" "$T/recode.got" "$T/recode.want"
}

sqlite_new() { rm -f "$T/$1.db"*; echo "$T/$1.db"; }
store_suite sqlite sqlite_new
sqlite_demo=$demo
# The model's aggregates (store_aggregate) on the demo store, kept to
# compare with PostgreSQL's.
for w in all month; do
    check "sqlite: model --window $w" 0 "$DYAD" model --db "$sqlite_demo" --window "$w" --level actor --min-events 1 --format csv
    cp "$T/out" "$T/model-sqlite-$w.csv"
done

# Errors (SQLite files).
printf 'this is not a database, just some text that is long enough....%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 >"$T/corrupt.db"
check "corrupt store" 1 "$DYAD" events --db "$T/corrupt.db"
expect "corrupt message" "$T/err" "corrupt.db: not a dyad store or corrupt database"
check "corrupt store for ingest" 1 "$DYAD" ingest --db "$T/corrupt.db" "$BRIEFS"
expect "corrupt ingest message" "$T/err" "corrupt.db: not a dyad store or corrupt"
check "missing store" 1 "$DYAD" events --db "$T/none.db"
expect "missing message" "$T/err" "none.db: no such store"
check "events needs --db" 2 "$DYAD" events
check "bad --dyad" 2 "$DYAD" events --db "$T/demo.db" --dyad RUS
check "bad --from" 2 "$DYAD" events --db "$T/demo.db" --from 2023-13
mkdir -p "$T/ro" && "$DYAD" ingest --db "$T/ro/ro.db" "$T/x.jsonl" 2>/dev/null
chmod 755 "$T" "$T/ro" && chmod 444 "$T/ro/ro.db"
if [ "$(id -u)" -eq 0 ]; then
    check "read-only store" 1 runuser -u nobody -- "$DYAD" ingest --db "$T/ro/ro.db" "$T/x.jsonl"
else
    check "read-only store" 1 "$DYAD" ingest --db "$T/ro/ro.db" "$T/x.jsonl"
fi
expect "read-only message" "$T/err" "ro.db: the store is read-only"

# The same suite against PostgreSQL.
PGDIR="$T/pg"
if PGURL=$("$ROOT/scripts/pg-test" start "$PGDIR" 2>"$T/pgerr"); then
    PGBASE=${PGURL%/postgres}
    pg_n=0
    pg_new() {
        pg_n=$((pg_n + 1))
        psql -q "$PGURL" -c "CREATE DATABASE $1_$pg_n" >/dev/null 2>&1
        echo "$PGBASE/$1_$pg_n"
    }
    store_suite postgresql pg_new
    # A newer schema is refused with a clear message.
    db=$(pg_new newer)
    "$DYAD" ingest --db "$db" "$T/x.jsonl" 2>/dev/null
    psql -q "$db" -c "UPDATE meta SET value = '99' WHERE key = 'schema_version'" >/dev/null 2>&1
    check "postgresql: newer schema" 1 "$DYAD" events --db "$db"
    expect "postgresql: newer schema message" "$T/err" 'schema version 99 is newer than this dyad supports'
    # Migration from schema version 1.
    db=$(pg_new v1)
    psql -q "$db" -f "$ROOT/tests/data/store/schema_v1_pg.sql" >/dev/null 2>&1
    check "postgresql: v1 store read-only refused" 1 "$DYAD" events --db "$db"
    expect "postgresql: v1 message" "$T/err" 'schema version 1 is older'
    check "postgresql: migrate v1 on ingest" 0 "$DYAD" ingest --db "$db" "$T/x.jsonl"
    check "postgresql: migrated dyad query" 0 "$DYAD" events --db "$db" --dyad USA,IRN
    expect "postgresql: v1 event kept" "$T/out" '"doc":"old-1","sent":0,"date":"2019-06-20","source":"IRNMIL","target":"USA","source_name":"Iran: military","target_name":"United States","code":"190"'
    # Migration from schema version 2 (v1 and the v1 -> v2 migration as
    # dyad 0.1 ran it): the aggregate index is added.
    db=$(pg_new v2)
    psql -q "$db" -f "$ROOT/tests/data/store/schema_v1_pg.sql" >/dev/null 2>&1
    psql -q "$db" >/dev/null 2>&1 <<'SQL'
ALTER TABLE documents ADD COLUMN dict_version TEXT;
ALTER TABLE events ADD COLUMN scountry TEXT COLLATE "C";
ALTER TABLE events ADD COLUMN tcountry TEXT COLLATE "C";
UPDATE events SET scountry = CASE WHEN length(source) >= 6 AND substr(source, 1, 3) IN ('IGO', 'NGO') THEN substr(source, 1, 6) ELSE substr(source, 1, 3) END,
  tcountry = CASE WHEN length(target) >= 6 AND substr(target, 1, 3) IN ('IGO', 'NGO') THEN substr(target, 1, 6) ELSE substr(target, 1, 3) END;
CREATE INDEX events_dyad ON events (scountry, tcountry, dkey);
CREATE INDEX events_tdyad ON events (tcountry, dkey);
CREATE VIEW events_dedup AS SELECT min(id) AS id, date, source, target, code, count(DISTINCT doc_id) AS support, count(*) AS mentions FROM events WHERE modality = 'asserted' GROUP BY date, source, target, code;
UPDATE meta SET value = '2' WHERE key = 'schema_version';
SQL
    check "postgresql: v2 store read-only refused" 1 "$DYAD" events --db "$db"
    expect "postgresql: v2 message" "$T/err" 'schema version 2 is older'
    check "postgresql: migrate v2 on ingest" 0 "$DYAD" ingest --db "$db" "$T/x.jsonl"
    # v2 -> v3 adds events_agg; v4 the default flag and country columns; v5 the place columns
    if [ "$(psql -tA "$db" -c "SELECT value FROM meta WHERE key = 'schema_version'" 2>/dev/null)$(psql -tA "$db" -c "SELECT count(*) FROM pg_indexes WHERE indexname = 'events_agg'" 2>/dev/null)" = 51 ]; then ok; else bad "postgresql: v2 -> v5 adds events_agg"; fi
    check "postgresql: migrated v2 model" 0 "$DYAD" model --db "$db" --level actor --min-events 1 --format csv
    expect "postgresql: v2 event aggregated" "$T/out" '^,IRNMIL,USA,.*,1,0,0,0,1,-10,'
    # The same aggregates as SQLite on the demo store.
    for w in all month; do
        check "postgresql: model --window $w" 0 "$DYAD" model --db "$demo" --window "$w" --level actor --min-events 1 --format csv
        same "postgresql: model --window $w = sqlite" "$T/out" "$T/model-sqlite-$w.csv"
    done
    # A database with tables of its own is refused unless --init.
    db=$(pg_new foreign)
    psql -q "$db" -c "CREATE TABLE people (name TEXT)" >/dev/null 2>&1
    check "postgresql: foreign database refused" 1 "$DYAD" ingest --db "$db" "$T/x.jsonl"
    expect "postgresql: foreign database message" "$T/err" "not a dyad store: the database has 1 table of its own and no dyad schema; 'dyad ingest --init'"
    if [ "$(psql -tA "$db" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'" 2>/dev/null)" = 1 ]; then ok; else bad "postgresql: refused ingest changed the foreign database"; fi
    check "postgresql: ingest --init" 0 "$DYAD" ingest --init --db "$db" "$T/x.jsonl"
    check "postgresql: events after --init" 0 "$DYAD" events --db "$db"
    # A corrupt schema version: refused, no advice to migrate.
    psql -q "$db" -c "UPDATE meta SET value = 'x3' WHERE key = 'schema_version'" >/dev/null 2>&1
    check "postgresql: corrupt schema version" 1 "$DYAD" ingest --db "$db" "$T/x.jsonl"
    expect "postgresql: corrupt schema version message" "$T/err" "corrupt store: its schema version \\(table meta, key schema_version\\) is 'x3'"
    # Passwords (trust authentication accepts any): never printed, neither
    # by serve's first line nor in errors of a real server.
    pw_demo=$(printf '%s' "$demo" | sed 's|://dyad@|://dyad:Sup3rSecret@|')
    check "postgresql: password URL works" 0 "$DYAD" events --db "$pw_demo" --limit 1
    check "postgresql: password, no such database" 1 "$DYAD" events --db "$PGBASE/nosuchdb?password=Sup3rSecret"
    expect "postgresql: no such database: message" "$T/err" '^dyad: postgresql://dyad@127\.0\.0\.1:[0-9]+/nosuchdb\?password=\*\*\*: cannot connect: .*nosuchdb'
    check "postgresql: password with @, unencoded" 1 "$DYAD" events --db "$(printf '%s' "$demo" | sed 's|://dyad@|://dyad:Sup3r@Secret@|')"
    reject "postgresql: password with @: message" "$T/err" 'Sup3r|Secret'
    "$DYAD" serve --db "$pw_demo" --port 0 >"$T/pgserve.out" 2>"$T/pgserve.err" &
    pgserve=$!
    for _ in $(seq 100); do grep -q '^serving' "$T/pgserve.out" 2>/dev/null && break; sleep 0.1; done
    kill -TERM "$pgserve" 2>/dev/null
    wait "$pgserve"
    expect "postgresql: serve prints the URL masked" "$T/pgserve.out" '^serving postgresql://dyad:\*\*\*@127\.0\.0\.1:[0-9]+/[a-z_0-9]+ on http://'
    reject "postgresql: serve hides the password" "$T/pgserve.out" 'Sup3rSecret'
    reject "postgresql: serve stderr hides the password" "$T/pgserve.err" 'Sup3rSecret'
    check "bad url" 1 "$DYAD" events --db "postgresql://dyad@127.0.0.1:1/nothing"
    expect "bad url message" "$T/err" 'cannot connect'
    "$ROOT/scripts/pg-test" stop "$PGDIR"
elif [ $? -eq 77 ]; then
    bad "PostgreSQL server binaries not installed (scripts/install-deps installs postgresql)"
else
    bad "cannot start PostgreSQL: $(cat "$T/pgerr")"
fi

if [ -n "$OLD_DYAD_DATA" ]; then DYAD_DATA=$OLD_DYAD_DATA; else unset DYAD_DATA; fi
