#!/usr/bin/env bash
# Model benchmark: time `dyad model` on a generated store of N events
# (default 10,000,000) between 200 countries over 10 years, with monthly
# windows. The store is generated once with the sqlite3 shell (schema made
# by `dyad ingest`, rows inserted in SQL) and kept in $DYAD_BENCH_DIR (default
# /tmp) for later runs. Countries 0-99 and 100-199 form two camps: mostly
# cooperation inside a camp, mostly conflict across, so that the model has
# structure to find. Figures, not pass/fail (bench/README.md).
#
# Usage: bench/model.sh DYAD_BINARY [EVENTS]
set -u
LC_NUMERIC=C
export LC_NUMERIC
if [ $# -lt 1 ]; then
    echo "usage: bench/model.sh DYAD_BINARY [EVENTS]" >&2
    exit 2
fi
DYAD=$1
N=${2:-10000000}
case $DYAD in /*) ;; *) DYAD=$PWD/$DYAD ;; esac
echo "4. Model  (dyad model on a generated store: $N events, 200 countries, 10 years)"
printf '%s\n' "------------------------------------------------------------------------------"
if ! command -v sqlite3 >/dev/null 2>&1; then
    echo "  skipped: the sqlite3 shell is needed to generate the store"
    exit 0
fi
DIR=${DYAD_BENCH_DIR:-/tmp}
DB=$DIR/dyad-model-bench-$N.db
T=$(mktemp -d "${TMPDIR:-/tmp}/dyad-model.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT

now() { date +%s.%N; }
secs() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", e - s }'; }

if [ ! -s "$DB" ] || [ "$(sqlite3 "$DB" 'SELECT value FROM meta WHERE key = "model_bench"' 2>/dev/null)" != "$N-3" ]; then
    rm -f "$DB" "$DB-wal" "$DB-shm"
    printf '{"id":"seed","date":"2014-01-01","text":"Russia and China signed a trade agreement."}\n' >"$T/seed.jsonl"
    s=$(now)
    if ! "$DYAD" ingest -q --db "$DB" "$T/seed.jsonl" >"$T/out" 2>&1; then
        echo "  FAILED: dyad ingest could not create the store: $(head -n 1 "$T/out")"
        exit 1
    fi
    # Drop the event indexes for the bulk insert, recreate them afterwards.
    sqlite3 "$DB" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL" >"$T/indexes.sql"
    {
        echo "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
        sed -n 's/^CREATE INDEX \([a-z_]*\) .*/DROP INDEX \1;/p' "$T/indexes.sql"
        echo "DELETE FROM events; DELETE FROM sentences; DELETE FROM documents;"
        echo "BEGIN;"
        echo "INSERT INTO documents (id, doc, hash, date, date_prec, text)
              WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM d WHERE i < ($N + 999) / 1000)
              SELECT i, 'bench-' || i, 'h' || i, '2014-01-01', 1, '' FROM d;"
        echo "INSERT INTO events (doc_id, sent, date, date_prec, dkey, source, target, code, root,
                                 quad, goldstein, modality, scountry, tcountry)
              WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $N - 1),
              p AS (SELECT i, (i * 7919) % 200 AS s, ((i * 7919) % 200 + 1 + (i * 104729) % 199) % 200 AS t,
                           date(julianday('2014-01-01') + (i * 2654435761) % 3652) AS d FROM n),
              q AS (SELECT i, s, t, d, CASE WHEN (s < 100) = (t < 100)
                                            THEN CASE WHEN (i / 200) % 10 < 8 THEN 1 + (i / 2000) % 2 ELSE 3 + (i / 2000) % 2 END
                                            ELSE CASE WHEN (i / 200) % 10 < 8 THEN 3 + (i / 2000) % 2 ELSE 1 + (i / 2000) % 2 END END AS quad
                    FROM p),
              c AS (SELECT i, 'X' || char(65 + s / 26) || char(65 + s % 26) AS sc,
                              'X' || char(65 + t / 26) || char(65 + t % 26) AS tc, d, quad FROM q)
              SELECT i / 1000 + 1, i % 1000, d, 1, CAST(replace(d, '-', '') AS INTEGER),
                     sc || 'GOV', tc || 'GOV',
                     CASE quad WHEN 1 THEN '040' WHEN 2 THEN '061' WHEN 3 THEN '111' ELSE '190' END,
                     CASE quad WHEN 1 THEN '04' WHEN 2 THEN '06' WHEN 3 THEN '11' ELSE '19' END,
                     quad, CASE quad WHEN 1 THEN 1.0 WHEN 2 THEN 6.4 WHEN 3 THEN -2.0 ELSE -10.0 END,
                     'asserted', sc, tc
              FROM c;"
        echo "COMMIT;"
        cat "$T/indexes.sql"
        echo "INSERT OR REPLACE INTO meta (key, value) VALUES ('model_bench', '$N-3');"
        echo "ANALYZE;"
    } >"$T/gen.sql"
    if ! sqlite3 "$DB" <"$T/gen.sql" >"$T/out" 2>&1; then
        echo "  FAILED: generating the store: $(head -n 1 "$T/out")"
        rm -f "$DB"
        exit 1
    fi
    e=$(now)
    echo "generated $DB in $(secs "$s" "$e") s"
fi

run() {
    local label=$1
    shift
    local best= i s e t split=
    for i in 1 2; do
        s=$(now)
        if ! "$DYAD" model --db "$DB" --summary "$@" >"$T/model.out" 2>"$T/err"; then
            echo "  FAILED: dyad model $*: $(head -n 1 "$T/err")"
            return 1
        fi
        e=$(now)
        t=$(secs "$s" "$e")
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$t
            split=$(sed -n 's/.*store aggregation \([0-9.]*\) s, model \([0-9.]*\) s.*/\1 \2/p' "$T/err")
        fi
    done
    printf '%-36s %8s s %10s s %8s s\n' "$label" "$best" "${split% *}" "${split#* }"
    grep -o '"polarity":{"blocs":[0-9]*,"effective_poles":[0-9.]*' "$T/model.out" | head -n 1 |
        sed 's/"polarity":{"blocs":\([0-9]*\),"effective_poles":\([0-9.]*\)/  whole period: \1 blocs, effective poles \2/'
}
printf '%-36s %10s %12s %10s\n' "run (best of 2)" "wall" "store (SQL)" "model"
run "whole period" --format json || exit 1
run "monthly windows (--window month)" --window month --format json || exit 1
echo "(store = store_aggregate over the dedup view; model = dyad's model stage on those aggregates)"
exit 0
