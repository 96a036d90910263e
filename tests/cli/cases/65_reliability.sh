# Hostile and unlucky inputs (issue 15): dates at the ends of the supported
# range, foreign and half-created stores, formula cells (huge documents and
# dict check: 66_big_inputs.sh).

# Dates: years 1..9999. "tomorrow" in a document of 9999-12-31 is not a date
# dyad can store; the event keeps the document's date and every windowed
# view of the store still works.
printf '%s\n' \
    '{"id":"far","date":"9999-12-31","text":"Russia condemned China tomorrow. Russia praised Japan next month. Japan praised Russia next year."}' \
    '{"id":"near","date":"0001-01-01","text":"China condemned Japan yesterday. Japan praised China last year."}' \
    '{"id":"mid","date":"2020-01-05","text":"Russia condemned China yesterday."}' >"$T/ends.jsonl"
check "date range: code" 0 "$DYAD" code "$T/ends.jsonl"
reject "date range: no year 10000 or 0" "$T/out" '"date":"(9999-01|0000)'
expect "date range: 9999 document keeps its date" "$T/out" '"doc":"far","sent":0,"date":"9999-12-31"'
expect "date range: 0001 document keeps its date" "$T/out" '"doc":"near","sent":0,"date":"0001-01-01"'
expect "date range: inside the range still relative" "$T/out" '"doc":"mid","sent":0,"date":"2020-01-04"'
check "date range: ingest" 0 "$DYAD" ingest --db "$T/ends.db" "$T/ends.jsonl"
for w in year quarter month; do
    check "date range: model --window $w" 0 "$DYAD" model --db "$T/ends.db" --window "$w" --min-events 1 --format csv
    expect "date range: model --window $w has 9999" "$T/out" '^9999'
done
check "date range: dyad" 0 "$DYAD" dyad --db "$T/ends.db" RUS CHN --window month
check "date range: partners" 0 "$DYAD" partners --db "$T/ends.db" RUS --by quarter
check "date range: events --to 9999" 0 "$DYAD" events --db "$T/ends.db" --from 9999 --to 9999-12-31
lines "date range: events in 9999" "$T/out" 3

# Passwords in PostgreSQL URLs are never printed (store_mask_url), neither
# in the user part (even with an unencoded '@' or '/', which libpq misreads
# and quotes in its message) nor in a password= parameter. Port 1: nothing
# listens, so these fail at once without a server.
for u in 'postgresql://dyad:Sup3rSecret@127.0.0.1:1/x' \
    'postgresql://dyad:Sup3r@Secret@127.0.0.1:1/x' \
    'postgresql://dyad:Sup3r/Secret@127.0.0.1:1/x' \
    'postgres://dyad@127.0.0.1:1/x?sslmode=disable&password=Sup3rSecret' \
    'postgresql://127.0.0.1:1/x?password=Sup3r@Secret&user=dyad' \
    'postgresql://127.0.0.1:1/x?password=Sup3r&Secret'; do
    check "password hidden: $u" 1 "$DYAD" events --db "$u"
    reject "password hidden: $u: message" "$T/err" 'Sup3r|Secret'
    expect "password hidden: $u: one line" "$T/err" '^dyad: postgres(ql)?://.*\*\*\*.*: cannot connect: '
done

# Two (here three) ingests creating the same new SQLite file at once: one
# used to fail within milliseconds with "database is locked" (about one
# round in sixty); now every one waits its turn. A few rounds here, 40
# rounds of four processes released at once in test_store.
printf '{"id":"c1","date":"2020-01-05","text":"Russia condemned China."}\n' >"$T/one.jsonl"
race_fail=0
for i in $(seq 3); do
    rm -f "$T/race.db" "$T/race.db-wal" "$T/race.db-shm"
    "$DYAD" ingest --db "$T/race.db" "$T/one.jsonl" 2>"$T/race1" &
    r1=$!
    "$DYAD" ingest --db "$T/race.db" "$T/one.jsonl" 2>"$T/race2" &
    r2=$!
    "$DYAD" ingest --db "$T/race.db" "$T/one.jsonl" 2>"$T/race3"
    r3=$?
    wait "$r1" || r3=1
    wait "$r2" || r3=1
    if [ "$r3" -ne 0 ]; then race_fail=$((race_fail + 1)); cat "$T/race1" "$T/race2" "$T/race3" >"$T/race.err"; fi
done
if [ "$race_fail" -eq 0 ]; then ok; else bad "concurrent creation of a new store: $race_fail of 3 rounds failed: $(head -n 1 "$T/race.err")"; fi
check "concurrent creation: one document" 0 "$DYAD" events --db "$T/race.db"
lines "concurrent creation: one event" "$T/out" 1

# A database that is not a dyad store (tables of its own, no dyad schema)
# is refused by ingest, unchanged, unless --init; a corrupt schema version
# is refused without advising to migrate (ingest then failed with 'table
# meta already exists'). The SQLite files are made with python3's sqlite3.
if need python3 && python3 -c 'import sqlite3' 2>/dev/null; then
    pysql() { python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()' "$@"; }
    pyget() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchall())' "$@"; }
    pysql "$T/foreign.db" 'CREATE TABLE people (name TEXT); INSERT INTO people VALUES ("x");'
    check "foreign database: ingest refused" 1 "$DYAD" ingest --db "$T/foreign.db" "$T/one.jsonl"
    expect "foreign database: message" "$T/err" "^dyad: .*foreign.db: not a dyad store: the database has 1 table of its own and no dyad schema; 'dyad ingest --init' adds dyad's tables to it$"
    if [ "$(pyget "$T/foreign.db" 'SELECT name FROM sqlite_master')$(pyget "$T/foreign.db" 'PRAGMA journal_mode')" = "[('people',)][('delete',)]" ]; then ok; else bad "foreign database: changed by a refused ingest"; fi
    check "foreign database: recode refused" 1 "$DYAD" recode --db "$T/foreign.db"
    check "foreign database: ingest --init" 0 "$DYAD" ingest --init --db "$T/foreign.db" "$T/one.jsonl"
    check "foreign database: events after --init" 0 "$DYAD" events --db "$T/foreign.db"
    lines "foreign database: one event" "$T/out" 1
    "$DYAD" ingest -q --db "$T/corrupt-v.db" "$T/one.jsonl"
    pysql "$T/corrupt-v.db" "UPDATE meta SET value = 'x3' WHERE key = 'schema_version';"
    check "corrupt schema version: events" 1 "$DYAD" events --db "$T/corrupt-v.db"
    expect "corrupt schema version: message" "$T/err" "corrupt-v.db: corrupt store: its schema version \\(table meta, key schema_version\\) is 'x3', not a number from 1 to [0-9]+; restore the store from a backup or build a new one with dyad ingest$"
    reject "corrupt schema version: no advice to migrate" "$T/err" 'open it once for writing'
    check "corrupt schema version: ingest" 1 "$DYAD" ingest --db "$T/corrupt-v.db" "$T/one.jsonl"
    expect "corrupt schema version: ingest message" "$T/err" "corrupt store: its schema version"
    reject "corrupt schema version: no 'already exists'" "$T/err" 'already exists'
else
    bad "python3 with its sqlite3 module is needed for the foreign and corrupt SQLite store tests"
fi

# CSV/TSV formula injection: a cell starting with = + - @ (not a number)
# gets a leading apostrophe, in dyad code's TSV, dyad events' TSV and CSV
# and the dashboard's CSV export; negative numbers stay numbers.
printf '%s\n' '{"id":"=1+1","date":"2020-01-05","text":"=HYPERLINK(\"http://x\") Russia condemned China."}' \
    '{"id":"@x","date":"2020-01-06","text":"-Russia praised China."}' >"$T/formula.jsonl"
check "formula cells: code tsv" 0 "$DYAD" code --format tsv "$T/formula.jsonl"
expect "formula cells: code tsv neutralised" "$T/out" "^'=1\\+1	0	2020-01-05	RUS	CHN	111	11	3	-2.0	asserted	'=HYPERLINK"
expect "formula cells: code tsv @ and -" "$T/out" "^'@x	0	.*	'-Russia praised China\\."
"$DYAD" ingest -q --db "$T/formula.db" "$T/formula.jsonl"
check "formula cells: events csv" 0 "$DYAD" events --db "$T/formula.db" --format csv
expect "formula cells: csv =" "$T/out" "^1,'=1\\+1,0,2020-01-05,RUS,CHN,111,11,3,-2.0,asserted,\"'=HYPERLINK\\(\"\"http://x\"\"\\) Russia condemned China\\.\","
expect "formula cells: csv @ and -" "$T/out" "^2,'@x,0,2020-01-06,RUS,CHN,051,05,1,3.4,asserted,'-Russia praised China\\.,"
reject "formula cells: csv, no bare formula" "$T/out" ',[=+@]|,-[^0-9]'
check "formula cells: events tsv" 0 "$DYAD" events --db "$T/formula.db" --format tsv
expect "formula cells: tsv" "$T/out" "^1	'=1\\+1	0	.*	-2.0	asserted	'=HYPERLINK"
if need node; then
    check "formula cells: dashboard CSV export" 0 node --no-warnings "$ROOT/tests/web/csv.mjs"
fi

# Explanations name dictionary files relative to the dictionary directory
# (verbs/11_disapprove.txt:54), never by an absolute path, neither in the
# output nor in the store (nor, so, in the API's answers).
check "relative refs: code --explain" 0 "$DYAD" code --explain "$T/formula.jsonl"
expect "relative refs: pattern" "$T/out" '"pattern":"verbs/[0-9a-z_]+\.txt:[0-9]+"'
expect "relative refs: entries" "$T/out" '"source_entry":"actors/[a-z_]+\.txt:[0-9]+"'
reject "relative refs: no absolute path" "$T/out" '"(pattern|source_entry|target_entry)":"/'
check "relative refs: --dict absolute" 0 "$DYAD" code --explain --dict "$ROOT/data" "$T/formula.jsonl"
expect "relative refs: --dict pattern" "$T/out" '"pattern":"verbs/[0-9a-z_]+\.txt:[0-9]+"'
reject "relative refs: --dict no absolute path" "$T/out" "$ROOT"
check "relative refs: events --explain" 0 "$DYAD" events --db "$T/formula.db" --explain
expect "relative refs: stored pattern" "$T/out" '"explain":\{"pattern":"verbs/[0-9a-z_]+\.txt:[0-9]+","source_entry":"actors/'
reject "relative refs: nothing absolute stored" "$T/out" '"(pattern|source_entry|target_entry)":"/'

