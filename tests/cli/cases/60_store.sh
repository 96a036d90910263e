# The store: dyad ingest, events, show, recode against SQLite (the suite in
# tests/cli/lib/store.sh; cases/61_store_pg.sh runs it against PostgreSQL).
. "$ROOT/tests/cli/lib/store.sh"

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

if [ -n "$OLD_DYAD_DATA" ]; then DYAD_DATA=$OLD_DYAD_DATA; else unset DYAD_DATA; fi
