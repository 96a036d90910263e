# dyad code: the event contract, TSV, explain, modality.
printf '{"id":"n1","date":"2023-09-15","text":"Russian President Vladimir Putin received North Korean leader Kim Jong Un at the Vostochny Cosmodrome on September 13, 2023."}\n' >"$T/n.jsonl"
check "code jsonl" 0 "$DYAD" code "$T/n.jsonl"
expect "event fields" "$T/out" '^\{"doc":"n1","sent":0,"date":"2023-09-13","source":"RUSGOV","target":"PRKGOV","source_name":"Russia: government","target_name":"North Korea: government","code":"0[0-9]+","root":"0[0-9]","quad":1,"goldstein":-?[0-9.]+,"modality":"asserted","text":"Russian President'
expect "spans" "$T/out" '"spans":\{"source":\[[0-9]+,[0-9]+\],"verb":\[[0-9]+,[0-9]+\],"target":\[[0-9]+,[0-9]+\]\}'
check "code tsv" 0 "$DYAD" code --format tsv "$T/n.jsonl"
expect "tsv header" "$T/out" '^doc	sent	date	source	target	code	root	quad	goldstein	modality	text'
expect "tsv row" "$T/out" '^n1	0	2023-09-13	RUSGOV	PRKGOV	0'
check "code explain" 0 "$DYAD" code --explain "$T/n.jsonl"
expect "explain pattern file:line" "$T/out" '"pattern":"[^"]+\.txt:[0-9]+"'
expect "explain actor entries" "$T/out" '"source_entry":"[^"]+persons[^"]*\.txt:[0-9]+"'
expect "explain time" "$T/out" '"time":\{"text":"September 13, 2023"'

printf 'Russia did not impose sanctions on Japan.\n' >"$T/neg.txt"
check "negated event is not written" 0 "$DYAD" code "$T/neg.txt"
lines "no asserted event" "$T/out" 0
check "negated event with --all-modalities" 0 "$DYAD" code --all-modalities "$T/neg.txt"
expect "modality negated" "$T/out" '"modality":"negated"'

printf 'Brazil beat Argentina 2-1 in the World Cup final on Sunday.\n' >"$T/sport.txt"
check "sports result" 0 "$DYAD" code --all-modalities "$T/sport.txt"
lines "no event from sports" "$T/out" 0

check "code summary" 0 "$DYAD" code --summary "$ROOT/data/demo/briefs.jsonl"
expect "summary line" "$T/err" '^documents [0-9]+, sentences [0-9]+, time expressions [0-9]+, events [0-9]+'

# Every event of the demo corpus is explained: a pattern and, for each
# named actor, its dictionary entry.
check "demo explain" 0 "$DYAD" code --explain "$ROOT/data/demo/briefs.jsonl"
if grep -q '"pattern":null' "$T/out" || grep -Eq '"source":"[A-Z]+[^"]*".*"source_entry":null' "$T/out" ||
    grep -Eq '"target":"[A-Z]+[^"]*".*"target_entry":null' "$T/out"; then
    bad "demo explain: an event without its pattern or actor entries"
else ok; fi
lines_demo=$(wc -l <"$T/out" | tr -d ' ')
if [ "$lines_demo" -gt 100 ]; then ok; else bad "demo explain: only $lines_demo events"; fi

# --threads: the same output as one thread.
"$DYAD" code "$ROOT/data/demo/briefs.jsonl" >"$T/one.jsonl" 2>/dev/null
check "code with 3 threads" 0 "$DYAD" code -j 3 "$ROOT/data/demo/briefs.jsonl"
if cmp -s "$T/out" "$T/one.jsonl"; then ok; else bad "threads: output differs from one thread"; fi
check "threads bad value" 2 "$DYAD" code -j 0 "$ROOT/data/demo/briefs.jsonl"

# The syntax model, and coding without it.
printf 'Russia and China condemned the United States on Monday.\n' >"$T/syn.txt"
check "code with syntax" 0 "$DYAD" code --explain --date 2023-03-14 "$T/syn.txt"
expect "syntax: relations in explain" "$T/out" '"relations":\{"source":"nsubj","target":"obj"\}'
check "code --no-syntax" 0 "$DYAD" code --no-syntax --date 2023-03-14 "$T/syn.txt"
expect "no-syntax: still codes" "$T/out" '"source":"RUS","target":"USA","source_name":"[^"]*","target_name":"[^"]*","code":"111"'
check "parse" 0 "$DYAD" parse "$T/syn.txt"
expect "parse: CoNLL-U with offsets" "$T/out" '^4	condemned	condemn	VERB	VBD	_	0	root	_	start=17\|end=26$'
head -c 3000 "$ROOT/data/syntax/en.model" >"$T/bad.model"
check "parse: truncated model" 1 "$DYAD" parse --model "$T/bad.model" "$T/syn.txt"
expect "truncated model: one clear line" "$T/err" 'bad.model: byte [0-9]+: .*(damaged or truncated|truncated)'
