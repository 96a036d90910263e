#!/bin/sh
# bench/million.sh DYAD - a synthetic corpus of MILLION_DOCS (default
# 1,000,000) documents, renamed copies of the shared corpora
# (../shared/corpus/*.jsonl, or $CORPUS), ingested into one PostgreSQL
# database (scripts/pg-test) by PROCS (default 2) processes at once, one
# shard each (docs/scale.md). Prints the wall time, documents/s and events/s
# of the whole run, each process's summary, and the final table sizes.
# Codes with --no-syntax unless SYNTAX=1 (with the parser, coding is the
# limit, not the store). Not part of `make bench`: it takes minutes and
# about 4 GB of disk (TMPDIR).
set -u
DYAD=${1:-build/dyad}
case $DYAD in /*) ;; *) DYAD=$(pwd)/$DYAD ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
CORPUS=${CORPUS:-$ROOT/../shared/corpus}
N=${MILLION_DOCS:-1000000}
PROCS=${PROCS:-2}
NOSYN=--no-syntax
[ "${SYNTAX:-0}" = 1 ] && NOSYN=""
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dyad-million.XXXXXX") || exit 1
chmod 755 "$TMP" # the PostgreSQL server may run as another user
PGDIR="$TMP/pg"
PGURL=""
cleanup() { [ -n "$PGURL" ] && "$ROOT/scripts/pg-test" stop "$PGDIR"; rm -rf "$TMP"; }
trap cleanup EXIT INT TERM
now_ms() { echo $(($(date +%s%N) / 1000000)); }

set -- "$CORPUS"/*.jsonl
[ -r "$1" ] || { echo "million: no corpus in $CORPUS: skipped"; exit 0; }
if ! PGURL=$("$ROOT/scripts/pg-test" start "$PGDIR" 2>"$TMP/pgerr"); then
    rc=$?
    PGURL=""
    [ $rc -eq 77 ] && { echo "million: PostgreSQL server not installed: skipped"; exit 0; }
    echo "million: cannot start PostgreSQL: $(head -n 1 "$TMP/pgerr")"
    exit 1
fi
DB=${PGURL%/postgres}/million
psql -q "$PGURL" -c "CREATE DATABASE million" >/dev/null || exit 1

# The corpus: copy i of every shared corpus, its ids prefixed with "cI-",
# until N documents.
t0=$(now_ms)
i=0
: >"$TMP/corpus.jsonl"
while [ "$(wc -l <"$TMP/corpus.jsonl")" -lt "$N" ]; do
    i=$((i + 1))
    cat "$@" | sed "s/^{\"id\": \"/{\"id\": \"c$i-/" >>"$TMP/corpus.jsonl"
done
head -n "$N" "$TMP/corpus.jsonl" >"$TMP/c.jsonl" && mv "$TMP/c.jsonl" "$TMP/corpus.jsonl"
t1=$(now_ms)
echo "corpus: $N documents ($i copies of $(basename -a "$@" | tr '\n' ' ')), $(du -m "$TMP/corpus.jsonl" | cut -f1) MB, generated in $(((t1 - t0) / 1000)) s"

t0=$(now_ms)
k=0
pids=""
while [ "$k" -lt "$PROCS" ]; do
    "$DYAD" ingest $NOSYN --db "$DB" --shard "$k/$PROCS" --summary -q "$TMP/corpus.jsonl" \
        >/dev/null 2>"$TMP/sum.$k" &
    pids="$pids $!"
    k=$((k + 1))
done
fail=0
for p in $pids; do wait "$p" || fail=1; done
t1=$(now_ms)
ms=$((t1 - t0))
k=0
while [ "$k" -lt "$PROCS" ]; do
    echo "process $k/$PROCS: $(tr '\n' ' ' <"$TMP/sum.$k")"
    k=$((k + 1))
done
[ "$fail" -eq 0 ] || { echo "million: an ingest failed"; exit 1; }
docs=$(psql -qAt "$DB" -c "SELECT count(*) FROM documents")
evs=$(psql -qAt "$DB" -c "SELECT count(*) FROM events")
sents=$(psql -qAt "$DB" -c "SELECT count(*) FROM sentences")
echo "ingest ${NOSYN:-with the parser}, $PROCS processes: $docs documents, $sents sentences, $evs events in $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s:" \
    "$((docs * 1000 / ms)) documents/s, $((evs * 1000 / ms)) events/s"
psql -qAt -F ' ' "$DB" -c "SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class WHERE relname IN ('documents', 'sentences', 'events') ORDER BY 1" |
    sed 's/^/table (with indexes) /'
echo "database: $(psql -qAt "$DB" -c "SELECT pg_size_pretty(pg_database_size('million'))")"
