# Golden coder sentences: tests/golden/coder/*.tsv (format in each file's
# header), all checked in one process by `dyad eval` (golden format): each
# row is coded with --all-modalities and its date; every expected event must
# be among the output events, and an output event whose root is not among
# the expected roots fails the row. Rows whose id ends in -xfail pin known
# failures of the coder: a failure there is not counted; an unexpected pass
# prints a note.
"$DYAD" eval "$ROOT"/tests/golden/coder/*.tsv >"$T/golden.out" 2>"$T/err" </dev/null
grc=$?
grep '^note: ' "$T/golden.out"
if [ "$grc" -eq 0 ] && grep -q '^golden: [0-9]* passed' "$T/golden.out"; then
    ok
else
    bad "golden sentences (exit $grc): $(grep -c '^FAIL' "$T/golden.out") rows failed"
    grep '^FAIL' "$T/golden.out" >&2
fi
tail -n 1 "$T/golden.out"

# The runner itself: a wrong expectation fails, with what was missing and
# what came instead; a malformed row is a one-line error with file:line.
printf '# Golden coder sentences (test)\nt1\t2023-03-14\tRussia condemned Ukraine.\tRUS>UKR:111@2023-03-14\nt2\t2023-03-14\tRussia condemned Ukraine.\tRUS>USA:111@2023-03-14\nt3-xfail\t2023-03-14\tRussia condemned Ukraine.\t-\n' >"$T/g.tsv"
check "golden runner: a wrong row fails" 1 "$DYAD" eval "$T/g.tsv"
expect "golden runner: the failing row" "$T/out" '^FAIL: golden g.tsv t2: got \[RUS>UKR:111@2023-03-14!asserted\] missing RUS>USA:111@2023-03-14;'
expect "golden runner: counts" "$T/out" '^golden: 1 passed \(0 xfail rows passing\), 1 xfail, 1 failed$'
reject "golden runner: the right row passes" "$T/out" 'FAIL: golden g.tsv t1'
# An exact row ("=" first): an output event no expectation names fails it,
# even of an expected root; the same events listed in full pass.
printf '# Golden coder sentences (test)\nx1\t2023-03-14\tRussia and China held talks.\t=RUS>CHN:04*@2023-03-14\nx2\t2023-03-14\tRussia and China held talks.\t=RUS>CHN:04*@2023-03-14;CHN>RUS:04*@2023-03-14\n' >"$T/gx.tsv"
check "golden runner: an exact row fails on an extra event" 1 "$DYAD" eval "$T/gx.tsv"
expect "golden runner: the extra event" "$T/out" '^FAIL: golden gx.tsv x1: .*unexpected event CHN>RUS:04'
reject "golden runner: the full exact row passes" "$T/out" 'FAIL: golden gx.tsv x2'
printf '# Golden coder sentences (test)\nt1\t2023-13-14\tRussia condemned Ukraine.\t-\n' >"$T/g2.tsv"
check "golden runner: bad date" 1 "$DYAD" eval "$T/g2.tsv"
expect "golden runner: bad date at file:line" "$T/err" 'g2.tsv:2: document date'
