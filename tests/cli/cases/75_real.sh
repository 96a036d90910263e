# The model on real corpora (issue 13): the default events are the same for
# `dyad code` and the store, filters are checked like the API's, the network
# holds only states and organisations, and the model's windows follow the
# documents' publication years. The Wikinews part reads ../shared (skipped
# when absent); the demo part always runs.

# same_events NAME CORPUS DB: `code` (default output) and `events` (default
# query) give the same events, field for field.
same_events() {
    "$DYAD" code --format tsv "$2" 2>/dev/null | tail -n +2 | sort >"$T/code.tsv"
    # the store's TSV: its id, the contract's 14 columns, then the export's own
    "$DYAD" events --db "$3" --format tsv 2>/dev/null | tail -n +2 | cut -f2-15 | sort >"$T/store.tsv"
    if [ -s "$T/code.tsv" ] && cmp -s "$T/code.tsv" "$T/store.tsv"; then ok; else
        bad "$1: dyad code and dyad events differ ($(wc -l <"$T/code.tsv") vs $(wc -l <"$T/store.tsv") events)"
    fi
}

DEMO="$ROOT/data/demo/briefs.jsonl"
check "real: ingest the demo corpus" 0 "$DYAD" ingest -q --db "$T/demo.db" "$DEMO"
same_events "real: demo" "$DEMO" "$T/demo.db"

# Every filter error: exit 2 and a one-line message naming the problem.
filter_error() {
    name=$1 pattern=$2
    shift 2
    check "filter: $name" 2 "$@"
    expect "filter: $name: message" "$T/err" "$pattern"
    lines "filter: $name: nothing on stdout" "$T/out" 0
}
filter_error "unknown modality" "'fact' is not a modality" \
    "$DYAD" events --db "$T/demo.db" --modality fact
filter_error "modality list" "'maybe' is not a modality" \
    "$DYAD" events --db "$T/demo.db" --modality asserted,maybe
filter_error "lowercase actor" "actor code 'rus'" "$DYAD" events --db "$T/demo.db" --actor rus
filter_error "lowercase dyad" "actor code 'prk'" "$DYAD" events --db "$T/demo.db" --dyad RUS,prk
filter_error "unknown root" "'99' is not a CAMEO root" "$DYAD" events --db "$T/demo.db" --root 99
filter_error "bad code" "'9' is not a CAMEO code" "$DYAD" events --db "$T/demo.db" --code 9
filter_error "code of no root" "'990' is not a CAMEO code" "$DYAD" events --db "$T/demo.db" --code 990
filter_error "reversed range" "from is after to" \
    "$DYAD" events --db "$T/demo.db" --from 2020 --to 2019
filter_error "bad date" "--from: expected YYYY" "$DYAD" events --db "$T/demo.db" --from 2020-13
filter_error "quad" "--quad" "$DYAD" events --db "$T/demo.db" --quad 5
filter_error "model: reversed range" "from is after to" \
    "$DYAD" model --db "$T/demo.db" --from 2024 --to 2023
filter_error "model: dates" "--dates: expected event or document" \
    "$DYAD" model --db "$T/demo.db" --dates published
filter_error "partners: lowercase actor" "actor code 'rus'" \
    "$DYAD" partners --db "$T/demo.db" rus
filter_error "dyad: lowercase actor" "actor code 'prk'" "$DYAD" dyad --db "$T/demo.db" RUS prk
# a valid list still works
check "filter: modality list" 0 "$DYAD" events --db "$T/demo.db" --modality negated,future

# node_kinds NAME FILE: every node of a model JSON (and of its windows) is a
# state (3 capital letters, no role or region code) or an organisation.
NOT_STATES='AFR ASA BUS COP CVL EDU ELI EUR GOV IMG JUD LEG MED MOS NGO OPP UAF WST KUR MIL REB'
node_kinds() {
    if python3 - "$2" "$NOT_STATES" <<'PY'
import json, re, sys
m = json.load(open(sys.argv[1]))
bad = set(sys.argv[2].split())
ids = {n["id"] for g in [m] + m["windows"] for n in g["nodes"]}
assert ids, "no nodes"
wrong = [i for i in ids if i in bad or not re.fullmatch(r"[A-Z]{3}|(IGO|NGO|NGM)[A-Z]{3}", i)]
assert not wrong, wrong
PY
    then ok; else bad "$1: nodes that are not states or organisations"; fi
}

WIKI="$ROOT/../shared/corpus/wikinews_2019_2020.jsonl"
if [ -f "$WIKI" ]; then
    check "real: ingest Wikinews" 0 "$DYAD" ingest -q --db "$T/wn.db" "$WIKI"
    same_events "real: Wikinews" "$WIKI" "$T/wn.db"
    check "real: model by year" 0 "$DYAD" model --db "$T/wn.db" --window year --format json
    node_kinds "real: Wikinews model" "$T/out"
    if python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); w=[x["window"] for x in m["windows"]]; assert w==["2019","2020"], w; assert m["left_out"]>0' "$T/out"; then ok; else bad "real: windows are 2019 and 2020 only, left-out events counted"; fi
    check "real: model, every event date" 0 "$DYAD" model --db "$T/wn.db" --window year --dates event --format json
    if python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); assert m["windows"][0]["window"]<"2019"' "$T/out"; then ok; else bad "real: --dates event opens the earlier windows"; fi
    check "real: actor level keeps roles" 0 "$DYAD" model --db "$T/wn.db" --level actor --format json
    expect "real: actor level has role codes" "$T/out" '"id":"[A-Z]{3}(GOV|MIL|ELI|JUD|LEG|CVL)"'
    check "real: USA partners" 0 "$DYAD" partners --db "$T/wn.db" USA --by year --top 0 --format json
    if python3 - "$T/out" "$NOT_STATES" <<'PY'
import json, re, sys
p = json.load(open(sys.argv[1]))
bad = set(sys.argv[2].split())
assert [w["window"] for w in p["windows"]] == ["2019", "2020"]
ids = [x["id"] for w in p["windows"] for x in w["partners"]]
assert ids and all(i not in bad and re.fullmatch(r"[A-Z]{3}|(IGO|NGO|NGM)[A-Z]{3}", i) for i in ids), ids
PY
    then ok; else bad "real: USA's partners are states or organisations, 2019 and 2020 only"; fi
else
    echo "note: $WIKI absent; Wikinews checks skipped" >&2
fi

# Display names in the exports (the dictionaries know them).
check "names: events --names" 0 "$DYAD" events --db "$T/demo.db" --dyad RUS,PRK --names --limit 3
expect "names: source_name and target_name" "$T/out" '"target":"[A-Z]+","source_name":"(Russia|North Korea)[^"]*","target_name":"(Russia|North Korea)[^"]*"'
check "names: default events carry names" 0 "$DYAD" events --db "$T/demo.db" --dyad RUS,PRK --limit 3
expect "names: as dyad code writes them" "$T/out" '"target":"[A-Z]+","source_name":"(Russia|North Korea)[^"]*","target_name":"(Russia|North Korea)[^"]*"'
check "names: tsv has no name columns without --names" 0 "$DYAD" events --db "$T/demo.db" --format tsv --limit 1
reject "names: tsv columns only with --names" "$T/out" 'source_name'
check "names: csv" 0 "$DYAD" events --db "$T/demo.db" --names --format csv --limit 1
expect "names: csv header" "$T/out" '^id,doc,.*,target_span,source_name,target_name,date_precision,'
check "names: gdelt" 0 "$DYAD" events --db "$T/demo.db" --dyad RUS,PRK --format gdelt --limit 1
if awk -F '\t' 'NR == 2 { exit !(($6 ~ /^(RUS|PRK)/) && ($7 ~ /^(Russia|North Korea)/)) }' "$T/out"; then ok; else bad "names: GDELT Actor1Name"; fi
check "names: graphml" 0 "$DYAD" model --db "$T/demo.db" --format graphml
expect "names: graphml label" "$T/out" '<node id="RUS"><data key="label">Russia</data>'
check "names: partners text" 0 "$DYAD" partners --db "$T/demo.db" RUS --by all
expect "names: partners name column" "$T/out" '^ +1  [A-Z]+ +[A-Z][a-z]'
check "names: dyad" 0 "$DYAD" dyad --db "$T/demo.db" RUS PRK --format json
expect "names: dyad names" "$T/out" '"a_name":"Russia","b_name":"North Korea"'
expect "names: evidence names" "$T/out" '"evidence":\[\{[^}]*"source_name":"[^"]+","target_name":"[^"]+"'
# key events: asserted ones first, in every window
if python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["evidence"]
' "$T/out"; then ok; else bad "names: dyad has key events"; fi
