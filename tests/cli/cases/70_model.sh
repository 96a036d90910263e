# dyad model, partners, dyad on a store built with dyad ingest from a small
# input (skipped, with a note, while dyad ingest is not there).
if "$DYAD" ingest --help >/dev/null 2>&1; then
    cat >"$T/rel.jsonl" <<'JSONL'
{"id":"m1","date":"2022-03-01","text":"Russia and China signed a trade agreement on Tuesday."}
{"id":"m2","date":"2022-04-05","text":"Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing."}
{"id":"m3","date":"2022-05-10","text":"China praised Russia for its cooperation."}
{"id":"m4","date":"2022-06-14","text":"Russia and South Korea signed an agreement on fisheries."}
{"id":"m5","date":"2022-07-19","text":"South Korea praised Russia for its help."}
{"id":"m6","date":"2022-08-23","text":"Russian President Vladimir Putin met South Korean President Yoon Suk Yeol in Moscow."}
{"id":"m7","date":"2023-03-07","text":"Russia and North Korea signed a military cooperation agreement."}
{"id":"m8","date":"2023-04-11","text":"Russian President Vladimir Putin met North Korean leader Kim Jong Un in Vladivostok."}
{"id":"m9","date":"2023-05-16","text":"North Korea praised Russia for its support."}
{"id":"m10","date":"2023-06-20","text":"South Korea condemned Russia over the arms deal."}
{"id":"m11","date":"2023-07-25","text":"The United States condemned Russia over the arms deal."}
{"id":"m12","date":"2023-08-29","text":"The United States imposed sanctions on Russia."}
{"id":"m13","date":"2023-09-12","text":"The United States and Japan signed a defence agreement."}
{"id":"m14","date":"2023-10-17","text":"Japan praised the United States for its support."}
{"id":"m15","date":"2023-11-21","text":"US President Joe Biden met Japanese Prime Minister Fumio Kishida in Washington."}
JSONL
    check "model: ingest the input" 0 "$DYAD" ingest -q --db "$T/m.db" "$T/rel.jsonl"
    # what the coder made of it, for the expectations below
    "$DYAD" events --db "$T/m.db" --format tsv >"$T/ev.tsv" 2>/dev/null

    check "model text" 0 "$DYAD" model --db "$T/m.db" --min-events 1
    expect "model text: blocs line" "$T/out" '^blocs [0-9]+, effective poles [0-9.]+, bipolarity [0-9.]+, frustration'
    expect "model text: node table" "$T/out" '^RUS +[0-9]+ '
    check "model json" 0 "$DYAD" model --db "$T/m.db" --min-events 1 --format json
    lines "model json is one line" "$T/out" 1
    expect "model json keys" "$T/out" '^\{"params":\{.*"nodes":\[.*"edges":\[.*"blocs":\[.*"polarity":\{"blocs":[0-9]+,"effective_poles":'
    expect "model json node" "$T/out" '\{"id":"RUS","name":"Russia","bloc":[0-9-]+,"events":[0-9]+,'
    expect "model json edge" "$T/out" '\{"source":"[A-Z]+","target":"[A-Z]+","sign":-?[01],"weight":'
    if need python3; then
        if python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); assert m["windows"]==[]; assert all(n["bloc"]>=0 for n in m["nodes"] if n["degree"])' "$T/out"; then ok; else bad "model json: valid, no windows, every tied node in a bloc"; fi
    fi
    # RUS-CHN: cooperation only -> a positive tie in one bloc
    if grep -q 'CHN.*RUS\|RUS.*CHN' "$T/ev.tsv"; then
        expect "model json: CHN-RUS positive" "$T/out" '"source":"CHN","target":"RUS","sign":1,'
    fi

    check "model by year" 0 "$DYAD" model --db "$T/m.db" --min-events 1 --window year --format json
    expect "model windows" "$T/out" '"windows":\[\{"window":"2022",.*\{"window":"2023",'
    check "model min-events filters" 0 "$DYAD" model --db "$T/m.db" --min-events 1000 --format json
    expect "model: no edge above the threshold" "$T/out" '"nodes":\[\],"edges":\[\]'
    check "model graphml" 0 "$DYAD" model --db "$T/m.db" --min-events 1 --format graphml
    expect "graphml root" "$T/out" '^<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    expect "graphml node" "$T/out" '<node id="RUS">'
    if need xmllint; then
        if xmllint --noout "$T/out" 2>/dev/null; then ok; else bad "graphml is well-formed XML"; fi
    fi
    check "model dot" 0 "$DYAD" model --db "$T/m.db" --min-events 1 --format dot
    expect "dot graph" "$T/out" '^graph dyad \{'
    expect "dot edge" "$T/out" '^  "[A-Z]+" -- "[A-Z]+" \['
    check "model csv" 0 "$DYAD" model --db "$T/m.db" --min-events 1 --format csv
    expect "csv header" "$T/out" '^window,source,target,sign,weight,balance,events,quad1,'
    check "model csv-nodes" 0 "$DYAD" model --db "$T/m.db" --min-events 1 --format csv-nodes
    expect "csv-nodes row" "$T/out" '^,RUS,[0-9-]+,'
    check "model deterministic (1)" 0 "$DYAD" model --db "$T/m.db" --min-events 1 --window quarter --format json
    cp "$T/out" "$T/det1"
    check "model deterministic (2)" 0 "$DYAD" model --db "$T/m.db" --min-events 1 --window quarter --format json
    if cmp -s "$T/out" "$T/det1"; then ok; else bad "model: same store and options, same output"; fi

    # partners: North Korea overtakes South Korea in 2023 (when coded so)
    check "partners by year" 0 "$DYAD" partners --db "$T/m.db" RUS --by year --format csv
    expect "partners csv header" "$T/out" '^window,rank,partner,coop,conflict,events,goldstein_mean,prev_rank,name$'
    if grep -q 'PRK' "$T/ev.tsv" && grep -q 'KOR' "$T/ev.tsv"; then
        k22=$(awk -F, '$1=="2022" && $3=="KOR" {print $2}' "$T/out")
        p23=$(awk -F, '$1=="2023" && $3=="PRK" {print $2}' "$T/out")
        k23=$(awk -F, '$1=="2023" && $3=="KOR" {print $2}' "$T/out")
        if [ -n "$k22" ] && [ -n "$p23" ] && { [ -z "$k23" ] || [ "$p23" -lt "$k23" ]; }; then ok; else bad "partners: PRK above KOR in 2023 (KOR 2022 '$k22', PRK 2023 '$p23', KOR 2023 '$k23')"; fi
    fi
    check "partners text" 0 "$DYAD" partners --db "$T/m.db" RUS
    expect "partners text header" "$T/out" '^partners of RUS'
    check "partners json" 0 "$DYAD" partners --db "$T/m.db" RUS --format json
    expect "partners json" "$T/out" '^\{"actor":"RUS","actor_name":"Russia","windows":\[\{"window":"2022","partners":\[\{"rank":1,'
    check "partners without actor" 2 "$DYAD" partners --db "$T/m.db"
    check "partners bad --by" 2 "$DYAD" partners --db "$T/m.db" --by week RUS

    check "dyad series" 0 "$DYAD" dyad --db "$T/m.db" RUS USA
    expect "dyad header" "$T/out" '^Russia and United States: [0-9]+ events \(a = RUS, b = USA\)'
    expect "dyad 2023 row" "$T/out" '^2023 +[1-9][0-9]* '
    expect "dyad evidence" "$T/out" '^    2023-[0-9-]+ [A-Z]+ -> RUS[A-Z]* [0-9]+ \([-+][0-9.]+, 1 doc\) m1[12]:0 "'
    check "dyad json" 0 "$DYAD" dyad --db "$T/m.db" RUS USA --format json
    expect "dyad json" "$T/out" '^\{"a":"RUS","b":"USA","a_name":"Russia","b_name":"United States","series":\[\{"window":"2023","events":[0-9]+,"quad":\[.*"evidence":\[\{"window":"2023",'
    check "dyad needs two actors" 2 "$DYAD" dyad --db "$T/m.db" RUS
fi
check "model without --db" 2 "$DYAD" model
check "model bad format" 2 "$DYAD" model --db "$T/none.db" --format xml
check "model bad window" 2 "$DYAD" model --db "$T/none.db" --window week
check "model bad smoothing" 2 "$DYAD" model --db "$T/none.db" --smoothing 1.5
check "model bad min-events" 2 "$DYAD" model --db "$T/none.db" --min-events -1
check "model missing store" 1 "$DYAD" model --db "$T/none.db"
expect "missing store message" "$T/err" '^dyad: '
check "model help" 0 "$DYAD" model --help
expect "model help text" "$T/out" '^Usage: dyad model'
