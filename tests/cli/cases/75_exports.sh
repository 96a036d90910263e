# Exports for other tools (docs/exports.md): PLOVER records, places, the
# GDELT 2.0 event and mentions tables, place filters.
printf '{"id":"g1","date":"2024-05-05","source":"Wire A","text":"Israeli police arrested dozens of protesters in Haifa on Sunday."}\n{"id":"g2","date":"2024-05-06","source":"Wire A","text":"BAGHDAD \342\200\224 Iraqi forces attacked Islamic State fighters on Monday.\\nKurdish fighters clashed with Islamic State militants near Kobani on Monday."}\n{"id":"g3","date":"2024-05-07","source":"Wire B","text":"Israeli police arrested dozens of protesters in Haifa on Sunday."}\n{"id":"g4","date":"2024-05-07","text":"Russia will impose sanctions on Japan in 2025.\\nRussia condemned Japan.\\nRussia appealed to Japan for aid."}\n' >"$T/geo.jsonl"

# Places in `dyad code`: a place stated in the sentence, a dateline, an
# actor's country.
check "code: geo" 0 "$DYAD" code --all-modalities "$T/geo.jsonl"
expect "geo: Haifa from the sentence" "$T/out" '"doc":"g1".*"geo":\{"name":"Haifa","country":"ISR","lat":32\.8[0-9]*,"lon":3[45]\.[0-9]+,"precision":"city","source":"sentence"\}'
expect "geo: the dateline" "$T/out" '"doc":"g2","sent":0,.*"geo":\{"name":"Baghdad","country":"IRQ",.*"source":"document"\}'
expect "geo: near Kobani" "$T/out" '"doc":"g2","sent":1,.*"geo":\{"name":"Kobani","country":"SYR",.*"precision":"city","source":"sentence"\}'
expect "geo: the target's country" "$T/out" '"doc":"g4",.*"target":"JPN".*"geo":\{"name":"Japan","country":"JPN",.*"precision":"country","source":"actor"\}'

# PLOVER from `dyad code`.
check "code: plover" 0 "$DYAD" code --all-modalities --format plover "$T/geo.jsonl"
expect "plover: COERCE arrest in Haifa" "$T/out" '^\{"id":"g1#0","date":"2024-05-05","event_type":"COERCE","mode":"arrest","context":\["legal"\],"actor":"ISRCOP","actor_country":"ISR","actor_name":"Israel: police","actor_text":"Israeli police","recipient":"ISROPP",.*"location":\{"name":"Haifa","cc3":"ISR","latitude":32\.8'
expect "plover: future modality as context" "$T/out" '"event_type":"[A-Z]+".*"context":\[[^]]*"future"\].*"modality":"future"'
expect "plover: CAMEO code and spans kept" "$T/out" '"cameo":\{"code":"173","quad":4,"goldstein":-5\.0\},"modality":"asserted","spans":\{"source":\[0,14\]'
reject "plover: no statement events" "$T/out" '"cameo":\{"code":"01'
n_code=$(grep -c . "$T/out")
check "code: bad format" 2 "$DYAD" code --format plover2 "$T/geo.jsonl"
expect "bad format: one line" "$T/err" "expected jsonl, tsv or plover, got 'plover2'"

# A broken mapping is refused at load time with its line.
mkdir -p "$T/pdata/plover"
for d in actors verbs coder cameo syntax geo; do ln -sf "$ROOT/data/$d" "$T/pdata/$d"; done
sed 's/^173	COERCE	arrest/173	COERCE	visit/' "$ROOT/data/plover/cameo_plover.tsv" >"$T/pdata/plover/cameo_plover.tsv"
DYAD_DATA="$T/pdata" check "bad mapping refused" 1 env DYAD_DATA="$T/pdata" "$DYAD" code "$T/geo.jsonl"
expect "bad mapping: file:line and why" "$T/err" "cameo_plover.tsv:[0-9]+: 'visit' is not a mode of COERCE"

# The store keeps the places; events filter and export them.
rm -f "$T/geo.db"
check "ingest geo" 0 "$DYAD" ingest --db "$T/geo.db" "$T/geo.jsonl"
check "events = code (places included)" 0 "$DYAD" events --db "$T/geo.db" --modality all
sed 's/^{"id":[0-9]*,/{/' "$T/out" | LC_ALL=C sort >"$T/ev.s"
"$DYAD" code --all-modalities "$T/geo.jsonl" 2>/dev/null | LC_ALL=C sort >"$T/code.s"
if cmp -s "$T/ev.s" "$T/code.s"; then ok; else bad "stored events with places differ from dyad code"; fi
check "events --near Haifa" 0 "$DYAD" events --db "$T/geo.db" --near 32.8,35.0,25
lines "near Haifa: the two arrests" "$T/out" 2
reject "near Haifa: nothing else" "$T/out" '"code":"(19|11)'
check "events --near Haifa --limit 1" 0 "$DYAD" events --db "$T/geo.db" --near 32.8,35.0,25 --limit 1
lines "near, limit: one" "$T/out" 1
check "events --near nowhere" 0 "$DYAD" events --db "$T/geo.db" --near -60,-30,100
lines "near nowhere: none" "$T/out" 0
check "events --country SYR" 0 "$DYAD" events --db "$T/geo.db" --country SYR
expect "country SYR: Kobani" "$T/out" '"name":"Kobani"'
lines "country SYR: one" "$T/out" 1
check "events --near bad" 2 "$DYAD" events --db "$T/geo.db" --near 95,0,10
expect "near bad: one line" "$T/err" "--near: expected LAT,LON,KM"
check "events --country bad" 2 "$DYAD" events --db "$T/geo.db" --country Syria
check "events plover" 0 "$DYAD" events --db "$T/geo.db" --modality all --format plover
lines "events plover: as many records as code" "$T/out" "$n_code"
expect "events plover: mention text from the store" "$T/out" '"actor_name":"Israel: police","actor_text":"Israeli police"'
expect "events plover: statements left out, counted" "$T/err" '1 event of CAMEO roots 01 and 02'

# GDELT 2.0: the header is the codebook's 61 column names, every row has 61
# columns, NumSources counts outlets, coarse dates stay empty.
check "events gdelt" 0 "$DYAD" events --db "$T/geo.db" --format gdelt --dedup --modality all
printf 'GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL\n' | tr ' ' '\t' >"$T/gdelt.cols"
head -n 1 "$T/out" >"$T/gdelt.head"
if cmp -s "$T/gdelt.head" "$T/gdelt.cols"; then ok; else bad "gdelt: header is not the GDELT 2.0 codebook's 61 columns"; fi
if awk -F'\t' 'NF != 61 { exit 1 }' "$T/out"; then ok; else bad "gdelt: a row without 61 columns"; fi
# the arrest in Haifa, reported by two outlets (g1, g3), with ActionGeo
expect "gdelt: ActionGeo Haifa" "$T/out" '	173	173	17	4	-5\.0	2	2	2		([^	]*	){16}4	Haifa, Israel	IL	IL		32\.8[0-9]*	3[45]\.[0-9]*		2024050[57]000000	g[13]$'
expect "gdelt: a year-only date leaves SQLDATE and MonthYear empty" "$T/out" '^[0-9]+			2025	2025\.5000	RUS'
expect "gdelt: coarse dates counted" "$T/err" '1 event dated to a month or year only'
# NumSources by outlet: the same event from two documents of one outlet
printf '{"id":"o1","date":"2024-05-05","source":"Wire A","text":"Russia condemned Japan."}\n{"id":"o2","date":"2024-05-05","source":"Wire A","text":"Russia condemned Japan."}\n{"id":"o3","date":"2024-05-05","source":"Wire B","text":"Russia condemned Japan."}\n' >"$T/out.jsonl"
rm -f "$T/o.db"
"$DYAD" ingest --db "$T/o.db" "$T/out.jsonl" >/dev/null 2>&1
check "gdelt: dedup" 0 "$DYAD" events --db "$T/o.db" --format gdelt --dedup
expect "gdelt: 3 mentions, 2 outlets, 3 articles" "$T/out" '	111	111	11	3	-2\.0	3	2	3	'
check "gdelt mentions" 0 "$DYAD" events --db "$T/geo.db" --format gdelt-mentions --modality all
expect "mentions: header" "$T/out" '^GLOBALEVENTID	EventTimeDate	MentionTimeDate	MentionType	MentionSourceName	MentionIdentifier	SentenceID	Actor1CharOffset	Actor2CharOffset	ActionCharOffset	InRawText	Confidence	MentionDocLen	MentionDocTone	MentionDocTranslationInfo	Extras$'
if awk -F'\t' 'NF != 16 { exit 1 }' "$T/out"; then ok; else bad "mentions: a row without 16 columns"; fi
expect "mentions: offsets and outlet" "$T/out" '^[0-9]+	20240505000000	20240505000000	1	Wire A	g1	1	0	34	15	1	100				<MODALITY>asserted</MODALITY><CAMEO>173</CAMEO>'
expect "mentions: modality kept" "$T/out" '	50				<MODALITY>future</MODALITY>'

# CSV: the date's precision, the publication date, the mentions and the place.
check "events csv extra columns" 0 "$DYAD" events --db "$T/geo.db" --format csv --modality all
expect "csv: extra header" "$T/out" ',target_span,date_precision,pub_date,source_text,target_text,geo_name,geo_country,geo_lat,geo_lon,geo_precision,geo_source$'
expect "csv: a day-dated arrest in Haifa" "$T/out" ',2024-05-05,ISRCOP,ISROPP,173,.*,day,2024-05-05,Israeli police,protesters in Haifa,Haifa,ISR,32\.8184,34\.9885,city,sentence$'
expect "csv: a year-dated threat" "$T/out" '^[0-9]+,g4,0,2025,RUS,JPN,.*,year,2024-05-07,Russia,Japan,Japan,JPN,'

# PostgreSQL gives the same places, filters and exports as SQLite.
PGDIR2="$T/pg-exports"
chmod 755 "$T" # the server may run as another user (scripts/pg-test)
if PGURL2=$("$ROOT/scripts/pg-test" start "$PGDIR2" 2>"$T/pgerr"); then
    check "postgresql: ingest geo" 0 "$DYAD" ingest --db "$PGURL2" "$T/geo.jsonl"
    for q in "--near 32.8,35.0,25" "--country SYR" "--modality all --format plover" \
        "--dedup --modality all --format gdelt" "--modality all --format gdelt-mentions" \
        "--modality all --format csv" "--near 32.8,35.0,25 --limit 1 --dedup"; do
        # shellcheck disable=SC2086
        "$DYAD" events --db "$T/geo.db" $q 2>/dev/null | sed 's/^{"id":[0-9]*,/{/; s/^[0-9]*[,	]//; s/"id":"[0-9]*"//' | LC_ALL=C sort >"$T/sq.out"
        # shellcheck disable=SC2086
        "$DYAD" events --db "$PGURL2" $q 2>/dev/null | sed 's/^{"id":[0-9]*,/{/; s/^[0-9]*[,	]//; s/"id":"[0-9]*"//' | LC_ALL=C sort >"$T/pg.out"
        if [ -s "$T/sq.out" ] && cmp -s "$T/sq.out" "$T/pg.out"; then ok; else bad "postgresql: events $q differs from SQLite"; diff "$T/sq.out" "$T/pg.out" | head -n 4 >&2; fi
    done
    "$ROOT/scripts/pg-test" stop "$PGDIR2"
else
    [ $? -eq 77 ] && echo "note: PostgreSQL server not installed: exports not checked on PostgreSQL"
    [ $? -eq 77 ] || bad "postgresql: cannot start a test server: $(cat "$T/pgerr")"
fi
