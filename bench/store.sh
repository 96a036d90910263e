#!/bin/sh
# bench/store.sh DYAD - store benchmarks (docs/store.md):
#  1. ingest rate (documents/s, events/s) on ../shared/corpus/reuters21578.jsonl
#     into SQLite and PostgreSQL; then without the parser (the store's own
#     rate), by one process and by 2 processes at once (--shard 0/2, 1/2);
#  2. query latency of a dyad + time-range query (`dyad events --dyad A,B
#     --from --to`, whole command wall time) on a generated store of
#     $STORE_EVENTS (default 10 million) events, for SQLite and PostgreSQL.
# STORE_BACKENDS (default "sqlite postgresql") chooses the backends of part 2.
# PostgreSQL runs in a throwaway server (scripts/pg-test); the generated
# SQLite store needs the sqlite3 shell. Parts whose tools are missing are
# skipped with a note.
set -u
DYAD=${1:-build/dyad}
case $DYAD in /*) ;; *) DYAD=$(pwd)/$DYAD ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
N=${STORE_EVENTS:-10000000}
TMP=$(mktemp -d)
chmod 755 "$TMP" # the PostgreSQL server runs as another user
PGDIR="$TMP/pg"
PGURL=""
cleanup() { [ -n "$PGURL" ] && "$ROOT/scripts/pg-test" stop "$PGDIR"; rm -rf "$TMP"; }
trap cleanup EXIT INT TERM
now_ms() { echo $(($(date +%s%N) / 1000000)); }

echo "Store  (dyad ingest / dyad events)"
echo "------------------------------------------------------------------"
if PGURL=$("$ROOT/scripts/pg-test" start "$PGDIR" 2>"$TMP/pgerr"); then
    PGBASE=${PGURL%/postgres}
else
    [ $? -eq 77 ] && echo "  PostgreSQL: skipped (server binaries not found)" ||
        echo "  PostgreSQL: FAILED to start: $(head -n 1 "$TMP/pgerr")"
    PGURL=""
fi
pgdb() { psql -q "$PGURL" -c "CREATE DATABASE $1" >/dev/null && echo "$PGBASE/$1"; }

# ---- 1. ingest rate
R="$CORPUS/reuters21578.jsonl"
if [ -r "$R" ]; then
    for be in sqlite postgresql; do
        if [ $be = sqlite ]; then db="$TMP/reuters.db"; else [ -n "$PGURL" ] || continue; db=$(pgdb reuters); fi
        if "$DYAD" ingest --db "$db" --summary -q "$R" 2>"$TMP/err" >/dev/null; then
            docs=$(sed -n 's/^documents \([0-9]*\) .*events \([0-9]*\)$/\1/p' "$TMP/err")
            evs=$(sed -n 's/^documents \([0-9]*\) .*events \([0-9]*\)$/\2/p' "$TMP/err")
            rate=$(sed -n 's/^\([0-9.]*\) s, \([0-9]*\) documents\/s, \([0-9]*\) events\/s.*/\1 s, \2 documents\/s, \3 events\/s/p' "$TMP/err")
            printf '  ingest %-10s reuters21578: %s documents, %s events in %s\n' "$be" "$docs" "$evs" "$rate"
            "$DYAD" ingest --db "$db" --summary -q "$R" 2>"$TMP/err" >/dev/null
            printf '  re-ingest %-7s (nothing new): %s\n' "$be" "$(sed -n 's/^\([0-9.]*\) s, \([0-9]*\) documents\/s.*/\1 s, \2 documents\/s/p' "$TMP/err")"
        else
            echo "  ingest $be: FAILED: $(head -n 1 "$TMP/err")"
        fi
    done
else
    echo "  ingest: skipped ($R not found)"
fi

# ---- 1b. scale-out: the store's own rate (--no-syntax, so that coding is
# not the limit), one process, then 2 processes (--shard 0/2 and 1/2) into
# one store at once; rates are documents / wall seconds of the whole run
if [ -r "$R" ]; then
    for be in sqlite postgresql; do
        if [ $be = sqlite ]; then
            db1="$TMP/ns1.db"; db2="$TMP/ns2.db"
        else
            [ -n "$PGURL" ] || continue
            db1=$(pgdb nosyn1); db2=$(pgdb nosyn2)
        fi
        t0=$(now_ms)
        "$DYAD" ingest --no-syntax --db "$db1" --summary -q "$R" 2>"$TMP/err1" >/dev/null || { echo "  ingest --no-syntax $be: FAILED: $(head -n 1 "$TMP/err1")"; continue; }
        t1=$(now_ms)
        docs=$(sed -n 's/^documents \([0-9]*\) .*/\1/p' "$TMP/err1")
        own=$(sed -n 's/^[0-9.]* s, \([0-9]*\) documents\/s.*/\1/p' "$TMP/err1")
        one=$((docs * 1000 / (t1 - t0)))
        printf '  ingest --no-syntax %-10s 1 process:   %s documents/s (wall, start-up included; %s by its summary)\n' "$be" "$one" "$own"
        t0=$(now_ms)
        "$DYAD" ingest --no-syntax --db "$db2" --shard 0/2 -q "$R" 2>"$TMP/err2a" >/dev/null &
        pa=$!
        "$DYAD" ingest --no-syntax --db "$db2" --shard 1/2 -q "$R" 2>"$TMP/err2b" >/dev/null &
        pb=$!
        wait $pa; ra=$?
        wait $pb; rb=$?
        t1=$(now_ms)
        if [ $ra -ne 0 ] || [ $rb -ne 0 ]; then
            echo "  ingest --no-syntax $be 2 processes: FAILED: $(head -n 1 "$TMP/err2a") $(head -n 1 "$TMP/err2b")"
            continue
        fi
        two=$((docs * 1000 / (t1 - t0)))
        printf '  ingest --no-syntax %-10s 2 processes: %s documents/s, speed-up x%s\n' "$be" "$two" \
            "$(awk -v a="$two" -v b="$one" 'BEGIN { printf "%.2f", a / b }')"
    done
fi

# ---- 2. query latency on a generated store
COUNTRIES="USARUSCHNPRKIRNISRPSEUKRGBRFRADEUJPNKORINDPAKAFGIRQSYRTURSAUEGYLBNJORYEMLBYSDNSSDETHSOMKENNGAZAFCODMLIVENCOLBRAARGMEXCUBCANAUSNZLIDNPHLMYSTHAVNMMMRBGDLKANPLPOLHUNSRBGRCITAESPPRTNLDBELSWENORFINDNKBLRKAZUZBGEOARMAZE"
NC=$(( ${#COUNTRIES} / 3 ))
QUERY="--dyad RUS,PRK --from 2015-01 --to 2016-06"
latency() { # DB: median of 5 runs of the query, milliseconds
    "$DYAD" events --db "$1" $QUERY >/dev/null 2>&1
    for i in 1 2 3 4 5; do
        t0=$(now_ms)
        "$DYAD" events --db "$1" $QUERY >"$TMP/q.out" 2>&1
        t1=$(now_ms)
        echo $((t1 - t0))
    done | sort -n | sed -n 3p
}
echo "  generated store: $N events, $NC countries x 3 roles, 5000 days; query: dyad events $QUERY"
BACKENDS=${STORE_BACKENDS:-sqlite postgresql}
case " $BACKENDS " in *" postgresql "*) ;; *) [ -n "$PGURL" ] && "$ROOT/scripts/pg-test" stop "$PGDIR"; PGURL="" ;; esac
case " $BACKENDS " in *" sqlite "*) HAVE_SQLITE3=$(command -v sqlite3) ;; *) HAVE_SQLITE3="" ;; esac
if [ -n "$HAVE_SQLITE3" ]; then
    db="$TMP/gen.db"
    printf '{"id":"g","date":"2015-01-01","text":"France criticised Germany."}\n' >"$TMP/g.jsonl"
    "$DYAD" ingest --db "$db" -q "$TMP/g.jsonl" >/dev/null 2>&1
    t0=$(now_ms)
    sqlite3 "$db" <<SQL >/dev/null
PRAGMA journal_mode = WAL;
DROP INDEX events_doc; DROP INDEX events_date; DROP INDEX events_code;
DROP INDEX events_dyad; DROP INDEX events_tdyad; DROP INDEX events_agg;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N),
g AS (SELECT i, substr('$COUNTRIES', 1 + (i % $NC) * 3, 3) AS sc,
             substr('$COUNTRIES', 1 + ((i / $NC) % $NC) * 3, 3) AS tc,
             date(julianday('2010-01-01') + (i * 7919) % 5000) AS d FROM n)
INSERT INTO events (doc_id, sent, date, date_prec, dkey, source, target, code, root, quad,
  goldstein, modality, scountry, tcountry, dict_version)
SELECT 1, 0, d, 1, CAST(replace(d, '-', '') AS INTEGER),
  sc || substr('GOVMILBUS', 1 + (i % 3) * 3, 3), tc, '04' || (i % 7), '04', 1, 1.0,
  'asserted', sc, tc, 'gen' FROM g;
CREATE INDEX events_doc ON events (doc_id, sent);
CREATE INDEX events_date ON events (dkey);
CREATE INDEX events_code ON events (code, dkey);
CREATE INDEX events_dyad ON events (scountry, tcountry, dkey);
CREATE INDEX events_tdyad ON events (tcountry, dkey);
CREATE INDEX events_agg ON events (dkey, date, source, target, code, quad, goldstein,
  date_prec, scountry, tcountry, modality);
ANALYZE;
SQL
    t1=$(now_ms)
    ms=$(latency "$db")
    echo "  query sqlite:     ${ms} ms ($(wc -l <"$TMP/q.out" | tr -d ' ') events; store built in $(((t1 - t0) / 1000)) s)"
else
    echo "  query sqlite: skipped (sqlite3 shell not installed, or not in STORE_BACKENDS)"
fi
if [ -n "$PGURL" ]; then
    db=$(pgdb gen)
    printf '{"id":"g","date":"2015-01-01","text":"France criticised Germany."}\n' >"$TMP/g.jsonl"
    "$DYAD" ingest --db "$db" -q "$TMP/g.jsonl" >/dev/null 2>&1
    t0=$(now_ms)
    psql -q "$db" >/dev/null <<SQL
DROP INDEX events_doc; DROP INDEX events_date; DROP INDEX events_code;
DROP INDEX events_dyad; DROP INDEX events_tdyad; DROP INDEX events_agg;
INSERT INTO events (doc_id, sent, date, date_prec, dkey, source, target, code, root, quad,
  goldstein, modality, scountry, tcountry, dict_version)
SELECT 1, 0, to_char(d, 'YYYY-MM-DD'), 1, to_char(d, 'YYYYMMDD')::bigint,
  sc || substr('GOVMILBUS', 1 + (i % 3)::int * 3, 3), tc, '04' || (i % 7)::int, '04', 1, 1.0,
  'asserted', sc, tc, 'gen'
FROM (SELECT i, substr('$COUNTRIES', 1 + (i % $NC)::int * 3, 3) AS sc,
             substr('$COUNTRIES', 1 + ((i / $NC) % $NC)::int * 3, 3) AS tc,
             date '2010-01-01' + ((i * 7919) % 5000)::int AS d
      FROM generate_series(1::bigint, $N::bigint) AS i) g;
CREATE INDEX events_doc ON events (doc_id, sent);
CREATE INDEX events_date ON events (dkey);
CREATE INDEX events_code ON events (code, dkey);
CREATE INDEX events_dyad ON events (scountry, tcountry, dkey);
CREATE INDEX events_tdyad ON events (tcountry, dkey);
CREATE INDEX events_agg ON events (dkey, date, source, target, code, quad, goldstein,
  date_prec, scountry, tcountry, modality);
ANALYZE;
SQL
    t1=$(now_ms)
    ms=$(latency "$db")
    echo "  query postgresql: ${ms} ms ($(wc -l <"$TMP/q.out" | tr -d ' ') events; store built in $(((t1 - t0) / 1000)) s)"
fi
echo "(query latency = wall time of the whole dyad events command, median of 5)"
