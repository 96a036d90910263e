# Hostile and unlucky inputs (issue 15): dates at the ends of the supported
# range, foreign and half-created stores, formula cells, huge documents.

# Dates: years 1..9999. "tomorrow" in a document of 9999-12-31 is not a date
# dyad can store; the event keeps the document's date and every windowed
# view of the store still works.
printf '%s\n' \
    '{"id":"far","date":"9999-12-31","text":"Russia condemned China tomorrow. Russia praised Japan next month. Japan praised Russia next year."}' \
    '{"id":"near","date":"0001-01-01","text":"China condemned Japan yesterday. Japan praised China last year."}' \
    '{"id":"mid","date":"2020-01-05","text":"Russia condemned China yesterday."}' >"$T/ends.jsonl"
check "date range: code" 0 "$DYAD" code "$T/ends.jsonl"
reject "date range: no year 10000 or 0" "$T/out" '"date":"(9999-01|0000)'
expect "date range: 9999 document keeps its date" "$T/out" '"doc":"far","sent":0,"date":"9999-12-31"'
expect "date range: 0001 document keeps its date" "$T/out" '"doc":"near","sent":0,"date":"0001-01-01"'
expect "date range: inside the range still relative" "$T/out" '"doc":"mid","sent":0,"date":"2020-01-04"'
check "date range: ingest" 0 "$DYAD" ingest --db "$T/ends.db" "$T/ends.jsonl"
for w in year quarter month; do
    check "date range: model --window $w" 0 "$DYAD" model --db "$T/ends.db" --window "$w" --min-events 1 --format csv
    expect "date range: model --window $w has 9999" "$T/out" '^9999'
done
check "date range: dyad" 0 "$DYAD" dyad --db "$T/ends.db" RUS CHN --window month
check "date range: partners" 0 "$DYAD" partners --db "$T/ends.db" RUS --by quarter
check "date range: events --to 9999" 0 "$DYAD" events --db "$T/ends.db" --from 9999 --to 9999-12-31
lines "date range: events in 9999" "$T/out" 3

# Passwords in PostgreSQL URLs are never printed (store_mask_url), neither
# in the user part (even with an unencoded '@' or '/', which libpq misreads
# and quotes in its message) nor in a password= parameter. Port 1: nothing
# listens, so these fail at once without a server.
for u in 'postgresql://dyad:Sup3rSecret@127.0.0.1:1/x' \
    'postgresql://dyad:Sup3r@Secret@127.0.0.1:1/x' \
    'postgresql://dyad:Sup3r/Secret@127.0.0.1:1/x' \
    'postgres://dyad@127.0.0.1:1/x?sslmode=disable&password=Sup3rSecret' \
    'postgresql://127.0.0.1:1/x?password=Sup3r@Secret&user=dyad' \
    'postgresql://127.0.0.1:1/x?password=Sup3r&Secret'; do
    check "password hidden: $u" 1 "$DYAD" events --db "$u"
    reject "password hidden: $u: message" "$T/err" 'Sup3r|Secret'
    expect "password hidden: $u: one line" "$T/err" '^dyad: postgres(ql)?://.*\*\*\*.*: cannot connect: '
done
