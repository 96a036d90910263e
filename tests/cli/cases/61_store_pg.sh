# The store suite (tests/cli/lib/store.sh) against a real PostgreSQL server
# (started with scripts/pg-test; its binaries missing are a failure:
# scripts/install-deps installs them), and what only PostgreSQL has:
# schema migrations, foreign databases, passwords in URLs.
. "$ROOT/tests/cli/lib/store.sh"

# The model's aggregates (store_aggregate) on a SQLite store of the demo
# corpus, to compare with PostgreSQL's.
"$DYAD" ingest -q --db "$T/sqlite-demo.db" "$BRIEFS"
for w in all month; do
    check "sqlite (to compare): model --window $w" 0 "$DYAD" model --db "$T/sqlite-demo.db" --window "$w" --level actor --min-events 1 --format csv
    cp "$T/out" "$T/model-sqlite-$w.csv"
done

# The same suite against PostgreSQL. As root the server runs as the
# 'postgres' user (scripts/pg-test), who must reach its directory in $T.
chmod 755 "$T"
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
