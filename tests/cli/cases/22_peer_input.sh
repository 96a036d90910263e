# The peers' input formats: PETRARCH2 XML (--input petrarch, detected by its
# <Sentences> root) and TABARI .text records (--input tabari, never guessed).
# Our own small files in tests/data/read/, then the validation data of
# ../shared/dicts when it is there (else our own files stand in for it: the
# check runs either way).
PD="$ROOT/tests/data/read"

check "petrarch detected by content" 0 "$DYAD" segment "$PD/peer.xml"
lines "petrarch: one document per <Sentence>" "$T/out" 3
expect "petrarch id attribute" "$T/out" '"doc":"pet-1"'
expect "petrarch entities decoded" "$T/out" 'China & Japan held talks on \\"trade\\" — officials'
expect "petrarch without id: path:line" "$T/out" '"doc":"[^"]*peer.xml:13"'
expect "petrarch bad date warned with file:line" "$T/err" 'peer.xml:13: warning: bad date "bad"'
check "code --input petrarch" 0 "$DYAD" code --input petrarch "$PD/peer.xml"
expect "petrarch date YYYYMMDD" "$T/out" '"doc":"pet-1","sent":0,"date":"2023-09-13","source":"RUS","target":"PRK","source_name":"Russia","target_name":"North Korea","code":"057"'
expect "petrarch ISO date" "$T/out" '"doc":"pet-2","sent":0,"date":"2024-01-05"'
reject "no <Parse> text coded" "$T/out" 'ROOT'
check "petrarch bad records" 3 "$DYAD" code --input petrarch "$PD/peer_bad.xml"
expect "good record before the errors kept" "$T/out" '"doc":"ok-1"'
expect "missing <Text> named with its line" "$T/err" 'peer_bad.xml:3: .*without <Text>'
expect "malformed tag: file:line and what was expected" "$T/err" 'peer_bad.xml:4: PETRARCH2 XML: expected an attribute name'
reject "nothing read after a structural error" "$T/out" 'never-read'
printf '<Sentences>\n<Sentence id="a"><Text>Unfinished' >"$T/trunc.xml"
check "truncated petrarch file" 3 "$DYAD" segment --input petrarch "$T/trunc.xml"
expect "truncated: what was expected" "$T/err" 'trunc.xml:2: PETRARCH2 XML: expected </Text>, reached the end of the file'
printf 'Plain words, not XML.\n' >"$T/notxml.txt"
check "--input petrarch on plain text" 3 "$DYAD" segment --input petrarch "$T/notxml.txt"
expect "not XML: expected the root" "$T/err" 'notxml.txt:1: PETRARCH2 XML: expected the root element <Sentences>'

check "code --input tabari" 0 "$DYAD" code --input tabari "$PD/peer.text"
expect "tabari YYMMDD date and id" "$T/out" '"doc":"TAB-01","sent":0,"date":"2023-09-13","source":"RUS","target":"PRK","source_name":"Russia","target_name":"North Korea","code":"057"'
expect "tabari lines joined, comment dropped" "$T/out" '"text":"Russia and North Korea signed an agreement in Vladivostok on Wednesday."'
expect "tabari YYYYMMDD date, extra field ignored" "$T/out" '"doc":"TAB-02","sent":0,"date":"2024-01-05"'
expect "tabari '*' separator, inline comment" "$T/out" '"doc":"TAB-03".*"text":"France praised Germany."'
check "tabari bad records" 3 "$DYAD" segment --input tabari "$PD/peer_bad.text"
expect "bad record line: file:line and what was expected" "$T/err" 'peer_bad.text:1: TABARI .text: expected a record line "YYMMDD ID"'
expect "bad date warned" "$T/err" 'peer_bad.text:4: warning: bad date "2309"'
expect "reading goes on" "$T/out" '"doc":"TAB-OK"'
check "tabari is not guessed" 0 "$DYAD" segment "$PD/peer.text"
reject "without --input, one text document" "$T/out" '"doc":"TAB-' 
check "ingest --input tabari" 0 "$DYAD" ingest --db "$T/peer.db" --input tabari "$PD/peer.text"
check "ingest --input petrarch" 0 "$DYAD" ingest --db "$T/peer.db" --input petrarch "$PD/peer.xml"
check "stored events" 0 "$DYAD" events --db "$T/peer.db"
expect "tabari record stored" "$T/out" '"doc":"TAB-03"'
expect "petrarch record stored" "$T/out" '"doc":"pet-2"'
check "bad --input value" 2 "$DYAD" code --input tabary "$PD/peer.text"
expect "usage names the kinds" "$T/err" 'petrarch or tabari'

# The peers' validation data (../shared/dicts), else our own files.
tab_files=$(ls "$ROOT"/../shared/dicts/tabari/*.text 2>/dev/null)
[ -n "$tab_files" ] || tab_files="$PD/peer.text"
for f in $tab_files; do
    check "code --input tabari $(basename "$f")" 0 "$DYAD" code --input tabari "$f"
    reject "no record skipped in $(basename "$f")" "$T/err" 'skipped'
done
pet_files=$(ls "$ROOT"/../shared/dicts/petrarch2/*.xml 2>/dev/null)
[ -n "$pet_files" ] || pet_files="$PD/peer.xml"
for f in $pet_files; do
    check "code --input petrarch $(basename "$f")" 0 "$DYAD" code --input petrarch "$f"
    reject "no record skipped in $(basename "$f")" "$T/err" 'skipped'
done
