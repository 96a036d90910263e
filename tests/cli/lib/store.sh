# The store suite shared by cases/60_store.sh (SQLite) and
# cases/61_store_pg.sh (PostgreSQL), which run in parallel: sourced by
# them, with check, expect, ok, bad, $DYAD, $T and $ROOT from tests/cli/run.
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
# COPIES of them (with the 95 demo briefs, 1,140 documents: four whole
# batches of 256 and a part), enough for the kill -9 test below to stop an
# ingest between batches; each copy costs a coding pass of the demo corpus
# in every big step (ingest, recode, compare). Under the sanitizers, which
# make coding about ten times slower, 4 copies (380 documents: one whole
# batch and a part, the same code paths, the kill after the first commit).
case $DYAD in */san/*) COPIES=4 ;; *) COPIES=12 ;; esac
copies "$COPIES" >"$T/big.jsonl"
NDOCS=$(grep -c '"id"' "$BRIEFS")
NBIG=$((NDOCS * COPIES))

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

    # Dedup: the COPIES copies support each event.
    check "$be: dedup" 0 "$DYAD" events --db "$clean" --dedup
    lines "$be: dedup keeps one per (date, source, target, code)" "$T/out" \
        "$("$DYAD" events --db "$demo" --dedup 2>/dev/null | wc -l | tr -d ' ')"
    expect "$be: dedup support" "$T/out" "\"support\":$COPIES\\}\$"
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
