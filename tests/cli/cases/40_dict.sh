# Dictionaries: check, errors with file:line, --dict.
check "default dictionaries are clean" 0 "$DYAD" dict check
mkdir -p "$T/d1/actors"
printf 'state Testland\n  code TST\n  name Testland\n  adj Testish\nstate Broken\n  code bad code\n' >"$T/d1/actors/a.txt"
check "syntax error" 1 "$DYAD" dict check "$T/d1"
expect "error has file:line" "$T/err" "a.txt:6: "
mkdir -p "$T/d2/actors"
printf 'person Someone\n  code TSTGOV 2010..2005\n  name Someone\nagent grand vizier\n  role XYZ\n  name grand vizier\n' >"$T/d2/actors/a.txt"
check "semantic findings" 1 "$DYAD" dict check "$T/d2"
expect "inverted period" "$T/err" "a.txt:2: inverted period"
expect "unknown role" "$T/err" "a.txt:4: unknown role code"
mkdir -p "$T/d3/actors"
printf 'state Testland\n  code TST\n  name Testland\n  adj Testish\n' >"$T/d3/actors/a.txt"
printf 'Testland is a country.\n' >"$T/t.txt"
check "actors with --dict" 0 "$DYAD" actors --dict "$T/d3" "$T/t.txt"
expect "actor mention" "$T/out" '"code":"TST","start":0,"end":8,"text":"Testland","entry":"[^"]*a.txt:1"'
check "dict without files" 1 "$DYAD" actors --dict "$T/nothing" "$T/t.txt"
