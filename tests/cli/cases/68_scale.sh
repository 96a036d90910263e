# Scale-out (docs/scale.md): --shard K/N and --shard slurm; shards ingested
# by concurrent processes into one SQLite file and one PostgreSQL database
# give the same documents and events as one process; a shard killed with
# SIGKILL and run again gives them too; streaming from standard input.
# PostgreSQL comes from scripts/pg-test (not installed: noted, not run).
cp -R "$ROOT/data" "$T/sdata"
OLD_DYAD_DATA=${DYAD_DATA:-}
export DYAD_DATA="$T/sdata"
SB="$ROOT/data/demo/briefs.jsonl"
SC="$ROOT/../shared/corpus"

# The corpus: the demo briefs, and the first 40 documents of each shared
# corpus when ../shared is there (dyad and its tests run without it).
cp "$SB" "$T/scale.jsonl"
for f in "$SC"/*.jsonl; do
    [ -r "$f" ] && head -n 40 "$f" >>"$T/scale.jsonl"
done
# A larger one for the killed shard: renamed copies of the briefs, so that
# a shard commits batches (256 documents each) before it is killed.
i=1
while [ "$i" -le 12 ]; do
    sed "s/\"id\": \"demo-/\"id\": \"k$i-demo-/" "$SB"
    i=$((i + 1))
done >"$T/kill.jsonl"

# ---- --shard: validation
for a in 3/2 0/0 x/3 1/ /3 -1/3 1/3/4 2/2 ""; do
    check "shard '$a' refused" 2 "$DYAD" code --shard "$a" "$SB"
    expect "shard '$a' message" "$T/err" "^dyad: --shard: "
done
check "shard slurm unset" 2 env -u SLURM_ARRAY_TASK_ID -u SLURM_ARRAY_TASK_COUNT "$DYAD" code --shard slurm "$SB"
expect "shard slurm unset message" "$T/err" "^dyad: --shard slurm: SLURM_ARRAY_TASK_ID is not set"
check "shard slurm out of range" 2 env SLURM_ARRAY_TASK_ID=3 SLURM_ARRAY_TASK_COUNT=3 "$DYAD" code --shard slurm "$SB"
check "ingest shard refused" 2 "$DYAD" ingest --db "$T/never.db" --shard 1/1x "$SB"
check "recode shard refused" 2 "$DYAD" recode --db "$T/never.db" --shard 4/4
if [ -e "$T/never.db" ]; then bad "a refused --shard created the store"; else ok; fi

# ---- --shard: the shards of `dyad code` cover the input exactly once
"$DYAD" code --all-modalities "$T/scale.jsonl" 2>/dev/null | LC_ALL=C sort >"$T/code.all"
: >"$T/code.shards"
: >"$T/docs.shards"
for k in 0 1 2; do
    check "code shard $k/3" 0 "$DYAD" code --all-modalities --shard "$k/3" "$T/scale.jsonl"
    cat "$T/out" >>"$T/code.shards"
    sed -n 's/.*"doc":"\([^"]*\)".*/\1/p' "$T/out" | sort -u >"$T/docs.$k"
    cat "$T/docs.$k" >>"$T/docs.shards"
done
LC_ALL=C sort "$T/code.shards" >"$T/code.shards.sorted"
if [ -s "$T/code.all" ] && cmp -s "$T/code.all" "$T/code.shards.sorted"; then ok; else bad "code: 3 shards differ from the whole input"; fi
# each shard has events, and no document's events are split between shards
if [ -s "$T/docs.0" ] && [ -s "$T/docs.1" ] && [ -s "$T/docs.2" ]; then ok; else bad "code: a shard of 3 is empty"; fi
if [ "$(sort "$T/docs.shards" | uniq -d | wc -l)" -eq 0 ]; then ok; else bad "code: a document in two shards"; fi
# slurm: SLURM_ARRAY_TASK_MIN 1 (--array=1-3) makes task 2 shard 1
SLURM_ARRAY_TASK_ID=2 SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=1 \
    "$DYAD" code --all-modalities --shard slurm "$T/scale.jsonl" >"$T/slurm.out" 2>/dev/null
"$DYAD" code --all-modalities --shard 1/3 "$T/scale.jsonl" >"$T/s13.out" 2>/dev/null
if [ -s "$T/s13.out" ] && cmp -s "$T/slurm.out" "$T/s13.out"; then ok; else bad "--shard slurm (task 2 of 1-3) differs from --shard 1/3"; fi
# --shard 0/1 is everything
"$DYAD" code --all-modalities --shard 0/1 "$T/scale.jsonl" 2>/dev/null | LC_ALL=C sort >"$T/s01"
if cmp -s "$T/code.all" "$T/s01"; then ok; else bad "--shard 0/1 differs from no --shard"; fi

# ---- streaming: standard input, events in input order, as from a file
"$DYAD" code -i jsonl "$T/scale.jsonl" >"$T/file.out" 2>/dev/null
cat "$T/scale.jsonl" | "$DYAD" code -i jsonl - >"$T/stdin.out" 2>/dev/null
if [ -s "$T/file.out" ] && cmp -s "$T/file.out" "$T/stdin.out"; then ok; else bad "code from standard input differs from the file"; fi
cat "$T/scale.jsonl" | "$DYAD" code -i jsonl -j 3 - >"$T/stdin3.out" 2>/dev/null
if cmp -s "$T/file.out" "$T/stdin3.out"; then ok; else bad "code -j 3 from standard input is not in input order"; fi

# A store's content without its ids: documents (id, content hash,
# dictionary version), sentences, and every event as `dyad events` prints
# it; in OUT.
sq_docs() {
    sqlite3 "$1" "SELECT doc, hash, dict_version, (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id) FROM documents d ORDER BY doc" 2>&1
}
pg_docs() {
    psql -qAt -F '|' "$1" -c "SELECT doc, hash, dict_version, (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id) FROM documents d ORDER BY doc" 2>&1
}
content() { # KIND DB OUT
    "$2_docs" "$3" >"$4"
    "$DYAD" events --db "$3" --modality all 2>&1 | sed 's/^{"id":[0-9]*,/{/' | LC_ALL=C sort >>"$4"
}
sq_count() { sqlite3 "$1" "SELECT count(*) FROM documents" 2>/dev/null; }
pg_count() { psql -qAt "$1" -c "SELECT count(*) FROM documents" 2>/dev/null; }

# shard_suite BACKEND KIND NEWDB: NEWDB NAME prints a fresh store.
# Ingest FILE into DB as shards 0/3, 1/3 and 2/3 by three processes at
# once (extra ingest options after FILE); one check per shard's exit.
three_shards() { # LABEL DB FILE [OPTION...]
    label=$1 db=$2 file=$3
    shift 3
    for k in 0 1 2; do
        "$DYAD" ingest "$@" --db "$db" --shard "$k/3" -q "$file" >/dev/null 2>"$T/sh$k.err" &
        eval "p$k=\$!"
    done
    for k in 0 1 2; do
        eval "wait \$p$k"
        rc=$?
        if [ "$rc" -eq 0 ]; then ok; else bad "$label $k/3 exit $rc: $(head -n 1 "$T/sh$k.err")"; fi
    done
}

shard_suite() {
    be=$1 kind=$2 newdb=$3
    one=$($newdb one)
    check "$be: single ingest" 0 "$DYAD" ingest --db "$one" "$T/scale.jsonl"
    content "$be" "$kind" "$one" "$T/$be.one"
    # 3 shards, 3 processes at once, one store
    three=$($newdb three)
    three_shards "$be: shard" "$three" "$T/scale.jsonl"
    content "$be" "$kind" "$three" "$T/$be.three"
    if [ "$(wc -l <"$T/$be.one")" -gt 100 ] && cmp -s "$T/$be.one" "$T/$be.three"; then ok; else
        bad "$be: 3 concurrent shards differ from one ingest"; diff "$T/$be.one" "$T/$be.three" | head -n 4 >&2; fi
    # A shard killed (SIGKILL) after it committed some batches and while
    # it holds more, then run again: the same store as one ingest.
    kone=$($newdb kone)
    check "$be: single ingest (kill corpus)" 0 "$DYAD" ingest --no-syntax --db "$kone" "$T/kill.jsonl"
    content "$be" "$kind" "$kone" "$T/$be.kone"
    kthree=$($newdb kthree)
    rm -f "$T/fifo.jsonl"
    mkfifo "$T/fifo.jsonl"
    "$DYAD" ingest --no-syntax --db "$kthree" --shard 1/3 -q "$T/fifo.jsonl" 2>"$T/killed.err" &
    victim=$!
    exec 3>"$T/fifo.jsonl"
    head -n 900 "$T/kill.jsonl" >&3
    n=0
    for _ in $(seq 300); do
        n=$("$kind"_count "$kthree")
        [ "${n:-0}" -ge 256 ] && break
        sleep 0.1
    done
    kill -9 "$victim" 2>/dev/null
    wait "$victim" 2>/dev/null
    exec 3>&-
    if [ "${n:-0}" -ge 256 ] && [ "${n:-0}" -lt "$(grep -c . "$T/kill.jsonl")" ]; then ok; else
        bad "$be: the killed shard had committed ${n:-0} documents (want some, not all)"; fi
    three_shards "$be: rerun shard" "$kthree" "$T/kill.jsonl" --no-syntax
    content "$be" "$kind" "$kthree" "$T/$be.kthree"
    if [ "$(wc -l <"$T/$be.kone")" -gt 1000 ] && cmp -s "$T/$be.kone" "$T/$be.kthree"; then ok; else
        bad "$be: killed and rerun shards differ from one ingest"; diff "$T/$be.kone" "$T/$be.kthree" | head -n 4 >&2; fi
    # The same corpus ingested twice at once (every document contended):
    # no duplicate, no loss.
    twice=$($newdb twice)
    "$DYAD" ingest --no-syntax --db "$twice" -q "$T/kill.jsonl" 2>"$T/tw1.err" &
    t1=$!
    "$DYAD" ingest --no-syntax --db "$twice" -q "$T/kill.jsonl" 2>"$T/tw2.err" &
    t2=$!
    wait "$t1"; r1=$?
    wait "$t2"; r2=$?
    if [ "$r1" -eq 0 ] && [ "$r2" -eq 0 ]; then ok; else bad "$be: two ingests of one corpus at once: exit $r1 and $r2: $(head -n 1 "$T/tw1.err") $(head -n 1 "$T/tw2.err")"; fi
    content "$be" "$kind" "$twice" "$T/$be.twice"
    if cmp -s "$T/$be.kone" "$T/$be.twice"; then ok; else
        bad "$be: two ingests of one corpus at once differ from one"; diff "$T/$be.kone" "$T/$be.twice" | head -n 4 >&2; fi
}

if need sqlite3; then
    sq_n=0
    sq_new() { sq_n=$((sq_n + 1)); echo "$T/scale_$1_$sq_n.db"; }
    shard_suite sqlite sq sq_new
    # recode --shard: after a dictionary change, the 2 shards recode every
    # document once between them
    db=$(sq_new recode)
    "$DYAD" ingest --db "$db" -q "$T/scale.jsonl" 2>/dev/null
    nd=$(sq_count "$db")
    printf '# a line the test adds: a new dictionary version\n' >>"$DYAD_DATA/cameo/codes.tsv"
    total=0
    for k in 0 1; do
        check "recode shard $k/2" 0 "$DYAD" recode --db "$db" --shard "$k/2" --summary -q
        got=$(sed -n 's/^documents \([0-9]*\) .*/\1/p' "$T/err")
        [ "${got:-0}" -gt 0 ] && [ "${got:-0}" -lt "$nd" ] && ok || bad "recode shard $k/2 recoded ${got:-0} of $nd"
        total=$((total + ${got:-0}))
    done
    if [ "$total" -eq "$nd" ]; then ok; else bad "recode shards recoded $total documents of $nd"; fi
    check "recode after the shards" 0 "$DYAD" recode --db "$db" --summary -q
    expect "recode after the shards: nothing left" "$T/err" "^documents 0 "
fi

# ---- ingest --from-events: events coded by 3 mappers (--shard, in any
# order), stored with their documents, make the store a direct ingest makes
if need sqlite3; then
    : >"$T/mapped.jsonl"
    for k in 2 0 1; do
        "$DYAD" code --explain --shard "$k/3" "$T/scale.jsonl" >>"$T/mapped.jsonl" 2>/dev/null
    done
    fe=$(sq_new fe)
    check "ingest --from-events" 0 "$DYAD" ingest --db "$fe" --from-events "$T/mapped.jsonl" --summary "$T/scale.jsonl"
    expect "ingest --from-events summary" "$T/err" "^documents [1-9][0-9]* \\(new [1-9][0-9]*, changed 0, unchanged 0\\)"
    direct=$(sq_new direct)
    "$DYAD" ingest --db "$direct" -q "$T/scale.jsonl" 2>/dev/null
    for f in "" "--explain"; do
        "$DYAD" events --db "$fe" $f --format tsv 2>&1 | cut -f2- | LC_ALL=C sort >"$T/fe.ev"
        "$DYAD" events --db "$direct" $f --format tsv 2>&1 | cut -f2- | LC_ALL=C sort >"$T/direct.ev"
        if [ "$(wc -l <"$T/fe.ev")" -gt 50 ] && cmp -s "$T/fe.ev" "$T/direct.ev"; then ok; else
            bad "ingest --from-events $f: events differ from a direct ingest"; diff "$T/fe.ev" "$T/direct.ev" | head -n 4 >&2; fi
    done
    sq_docs "$fe" >"$T/fe.docs"
    sq_docs "$direct" >"$T/direct.docs"
    if [ -s "$T/fe.docs" ] && cmp -s "$T/fe.docs" "$T/direct.docs"; then ok; else bad "ingest --from-events: documents or sentences differ"; fi
    # the events from standard input, the documents from their file
    fe2=$(sq_new fe2)
    "$DYAD" ingest --db "$fe2" --from-events - -q "$T/scale.jsonl" <"$T/mapped.jsonl" 2>"$T/err"
    "$DYAD" events --db "$fe2" --explain --format tsv 2>&1 | cut -f2- | LC_ALL=C sort >"$T/fe2.ev"
    if cmp -s "$T/fe2.ev" "$T/direct.ev"; then ok; else bad "ingest --from-events -: events differ from a direct ingest"; fi
    check "from-events and documents both on stdin" 2 "$DYAD" ingest --db "$(sq_new stdin2)" --from-events -
    expect "from-events and documents both on stdin: message" "$T/err" "^dyad: --from-events -: the documents cannot come from standard input too"
    # events of documents that are not in the input: a warning, exit 0
    head -n 3 "$SB" >"$T/three.jsonl"
    check "from-events, fewer documents" 0 "$DYAD" ingest --db "$(sq_new few)" --from-events "$T/mapped.jsonl" "$T/three.jsonl"
    expect "from-events, fewer documents: warning" "$T/err" "mapped.jsonl: warning: [0-9]+ events of documents not in the input left out"
    # a bad line: its number and what is wrong, exit 1, nothing stored
    { head -n 2 "$T/mapped.jsonl"; echo '{"doc":"x","sent":-1,"code":"040"}'; } >"$T/badev.jsonl"
    bdb=$(sq_new bad)
    check "from-events, bad line" 1 "$DYAD" ingest --db "$bdb" --from-events "$T/badev.jsonl" "$T/three.jsonl"
    expect "from-events, bad line: message" "$T/err" "^dyad: .*badev.jsonl:3: \"sent\" must be a sentence index"
    if [ -e "$bdb" ]; then bad "from-events, bad line: a store was created"; else ok; fi
    check "from-events, no such file" 1 "$DYAD" ingest --db "$bdb" --from-events "$T/nothere.jsonl" "$T/three.jsonl"
    expect "from-events, no such file: message" "$T/err" "nothere.jsonl: cannot open"
fi

PGDIR3="$T/pg3"
chmod 755 "$T" # the server may run as another user (scripts/pg-test)
if PGURL3=$("$ROOT/scripts/pg-test" start "$PGDIR3" 2>"$T/pgerr"); then
    PGBASE3=${PGURL3%/postgres}
    pg3_n=0
    pg3_new() {
        pg3_n=$((pg3_n + 1))
        psql -q "$PGURL3" -c "CREATE DATABASE $1_$pg3_n" >/dev/null 2>&1
        echo "$PGBASE3/$1_$pg3_n"
    }
    shard_suite postgresql pg pg3_new
    # SQLite and PostgreSQL hold the same events
    grep '^{' "$T/sqlite.three" >"$T/sq.ev"
    grep '^{' "$T/postgresql.three" >"$T/pg.ev"
    if [ -s "$T/sq.ev" ] && cmp -s "$T/sq.ev" "$T/pg.ev"; then ok; else bad "sqlite and postgresql shard stores hold different events"; fi
    "$ROOT/scripts/pg-test" stop "$PGDIR3"
elif [ $? -eq 77 ]; then
    echo "note: PostgreSQL server not installed: concurrent shards not checked on PostgreSQL"
else
    bad "cannot start PostgreSQL: $(cat "$T/pgerr")"
fi

if [ -n "$OLD_DYAD_DATA" ]; then export DYAD_DATA="$OLD_DYAD_DATA"; else unset DYAD_DATA; fi
