# dyad eval: both gold formats on fixtures written here (always run), bad
# gold files and options, then the real gold of ../shared/eval against the
# reference scorer score_articles.py (skipped when ../shared is absent).

# ---- an articles gold of our own ------------------------------------------
E="$T/evalfx"
mkdir -p "$E"
{
    printf '{"id":"fixture-1","date":"2023-03-08","source":"Fixture","text":"Wednesday, March 8, 2023\\n\\nFrance condemned Germany on Monday. The weather stayed mild all week. Russia did not impose sanctions on Japan."}\n'
    printf '{"id":"other-2","date":"2023-03-09","text":"Egyptian police arrested protesters in Cairo on Thursday. Italy praised Spain."}\n'
} >"$E/fx_articles.t.jsonl"
{
    printf 'doc\tsent\tstart\tend\tsource\ttarget\tcode\tdate\tmodality\tnote\n'
    printf 'fixture-1\t0\t0\t24\t\t\t-\t\t\tdateline\n'
    printf 'fixture-1\t1\t26\t61\tFRA\tDEU\t111|112\t2023-03-06\tasserted\t\n'
    printf 'fixture-1\t2\t62\t95\t\t\t-\t\t\t\n'
    printf 'fixture-1\t3\t96\t137\tRUS\tJPN\t163\t2023-03-08\tnegated\t"did not": must not come out\n'
    printf 'other-2\t0\t0\t57\tEGYCOP\tEGYCVL|EGYOPP\t173\t2023-03-09\tasserted\t\n'
    printf 'other-2\t1\t58\t78\tITA\tESP\t051\t2023-03-08\tasserted\tdate set wrong on purpose\n'
} >"$E/fx_gold.t.tsv"

# The articles file is found next to the gold by its name.
check "eval articles json" 0 "$DYAD" eval --format json "$E/fx_gold.t.tsv"
expect "eval articles: the reference scorer's figures" "$T/out" \
    '^\{"sentences": 6, "events": 3, "gold_events": 3, "gold_not_events": 1, "root": \{"precision": 1\.0, "recall": 1\.0, "f1": 1\.0\}, "full": \{"precision": 1\.0, "recall": 1\.0, "f1": 1\.0\}, "code": \{"precision": 1\.0, "recall": 1\.0, "f1": 1\.0\}, "date": \{"precision": 0\.667, "recall": 0\.667, "f1": 0\.667\}, "events_in_no_event_sentences": 0, "not_items_hit": 0, "by_source": \{"Fixture": \{"sentences": 4, "events": 1, '
expect "eval articles: corpus from the id without a source field" "$T/out" '"other": \{"sentences": 2, "events": 2, "gold_events": 2'
cp "$T/out" "$E/one.json"
check "eval articles --threads 2" 0 "$DYAD" eval -f json -j 2 --articles "$E/fx_articles.t.jsonl" --gold articles "$E/fx_gold.t.tsv"
if cmp -s "$T/out" "$E/one.json"; then ok; else bad "eval: figures differ with two threads"; fi
check "eval articles --all-modalities" 0 "$DYAD" eval -f json --all-modalities "$E/fx_gold.t.tsv"
expect "eval: the negated event hits a must-not row" "$T/out" '"events": 4, .*"root": \{"precision": 0\.75, .*"not_items_hit": 1, "by_source"'

check "eval articles report" 0 "$DYAD" eval "$E/fx_gold.t.tsv"
expect "report: levels" "$T/out" '^date       0\.667   0\.667  0\.667'
expect "report: by source" "$T/out" '^  Fixture: 4 sentences, 1 events, 1 gold events'
check "eval articles --misses" 0 "$DYAD" eval --misses --all-modalities "$E/fx_gold.t.tsv"
expect "misses: counts first" "$T/out" '^misses: 2 false positives of 4 events, 1 of 3 gold events missed'
expect "misses: date cause" "$T/out" '^== right root, actors and code, wrong date \(1\)$'
expect "misses: the sentence" "$T/out" '^  other-2 \[58,78\): Italy praised Spain\.$'
expect "misses: must-not cause" "$T/out" '^== event matches a must-not gold row'
expect "misses: the event's pattern" "$T/out" '^      pattern .*\.txt:[0-9]+'
expect "misses: spans" "$T/out" '^      spans: source \[96,102\) "Russia" verb'

# ---- a sentences gold of our own ------------------------------------------
{
    printf 'id\tcameo_code\tsource\ttarget\tsentence\n'
    printf 'x1\t111\tFRA\tDEU\tFrance condemned Germany on Monday.\n'
    printf 'x2\t051\tITA\tESP\tItaly praised Spain.\n'
    printf 'x3\t120\tFRA\tDEU\tThe weather stayed mild all week.\n'
} >"$E/sent.tsv"
check "eval sentences" 0 "$DYAD" eval "$E/sent.tsv"
expect "sentences: count" "$T/out" '^sentences            3$'
expect "sentences: coverage" "$T/out" '^coverage             0\.667$'
check "eval sentences json" 0 "$DYAD" eval -f json "$E/sent.tsv"
expect "sentences json" "$T/out" '^\{"sentences": 3, "coverage": 0\.667, '
check "eval sentences --misses" 0 "$DYAD" eval --misses "$E/sent.tsv"
expect "sentences misses" "$T/out" '^MISS x3 gold 120 FRA -> DEU: The weather'

# ---- bad gold files and options -------------------------------------------
printf 'doc\tsent\tstart\tend\tsource\ttarget\tcode\tdate\tmodality\tnote\nd\t0\t0\t9\t\t\t-\t\t\t\nd\t1\t9\tx\tUSA\tIRN\t111\t\tasserted\t\n' >"$E/bad_gold.t.tsv"
cp "$E/fx_articles.t.jsonl" "$E/bad_articles.t.jsonl"
check "eval bad offsets" 1 "$DYAD" eval "$E/bad_gold.t.tsv"
expect "bad offsets: file and line" "$T/err" "^dyad: .*bad_gold\.t\.tsv:3: expected byte offsets"
lines "bad gold: one line" "$T/err" 1
lines "bad gold: no figures" "$T/out" 0
printf 'id\tcode\ttext\n1\t111\tx\n' >"$E/what.tsv"
check "eval unknown header" 1 "$DYAD" eval "$E/what.tsv"
expect "unknown header message" "$T/err" "^dyad: .*what\.tsv:1: expected a gold header"
check "eval forced format, wrong columns" 1 "$DYAD" eval --gold sentences "$E/fx_gold.t.tsv"
expect "forced format message" "$T/err" 'fx_gold\.t\.tsv:1: expected the column "id"'
check "eval missing gold" 1 "$DYAD" eval "$E/nope.tsv"
expect "missing gold message" "$T/err" "nope\.tsv: cannot open"
cp "$E/fx_gold.t.tsv" "$E/lone_gold.tsv"
check "eval no articles file" 1 "$DYAD" eval "$E/lone_gold.tsv"
expect "no articles message" "$T/err" "lone_articles\.jsonl next to it: use --articles FILE"
cp "$E/fx_gold.t.tsv" "$E/plain.tsv"
check "eval articles name unknown" 2 "$DYAD" eval "$E/plain.tsv"
check "eval --articles on the sentences format" 2 "$DYAD" eval --articles "$E/fx_articles.t.jsonl" "$E/sent.tsv"
check "eval bad --format" 2 "$DYAD" eval --format xml "$E/fx_gold.t.tsv"
check "eval bad --gold" 2 "$DYAD" eval --gold words "$E/fx_gold.t.tsv"
check "eval bad --threads" 2 "$DYAD" eval -j 0 "$E/fx_gold.t.tsv"
check "eval --misses with json" 2 "$DYAD" eval --misses -f json "$E/fx_gold.t.tsv"
check "eval two gold files" 2 "$DYAD" eval "$E/fx_gold.t.tsv" "$E/sent.tsv"

# ---- the real gold: dyad eval gives score_articles.py's figures -----------
SHARED_EVAL="$ROOT/../shared/eval"
if [ -f "$SHARED_EVAL/realnews_gold.dev.tsv" ] && [ -f "$SHARED_EVAL/score_articles.py" ] &&
    need python3; then
    for mods in "" --all-modalities; do
        # shellcheck disable=SC2086
        "$DYAD" code $mods "$SHARED_EVAL/realnews_articles.dev.jsonl" >"$E/real.jsonl" 2>/dev/null
        python3 "$SHARED_EVAL/score_articles.py" "$SHARED_EVAL/realnews_gold.dev.tsv" \
            "$E/real.jsonl" >"$E/ref.json"
        # shellcheck disable=SC2086
        check "eval realnews json $mods" 0 "$DYAD" eval -f json -j 2 $mods \
            "$SHARED_EVAL/realnews_gold.dev.tsv"
        if python3 -c 'import json, sys
r = json.load(open(sys.argv[1])); m = json.load(open(sys.argv[2]))
bad = [k for k in r if m.get(k) != r[k]]
sys.exit("keys differ: %s" % bad if bad else 0)' "$E/ref.json" "$T/out"; then ok; else
            bad "eval realnews $mods: JSON differs from score_articles.py"; fi
    done
    check "eval realnews report and misses" 0 "$DYAD" eval --misses "$SHARED_EVAL/realnews_gold.dev.tsv"
    expect "realnews report" "$T/out" '^root +[0-9.]+ +[0-9.]+ +[0-9.]+'
    expect "realnews by source" "$T/out" '^  Reuters: 98 sentences'
    expect "realnews misses" "$T/out" '^misses: [0-9]+ false positives of [0-9]+ events'
    check "eval codebook sentences" 0 "$DYAD" eval "$SHARED_EVAL/cameo_examples.dev.tsv"
    expect "codebook sentences" "$T/out" '^sentences            263$'
else
    echo "note: $SHARED_EVAL not found; eval on the real gold skipped"
fi
