# Huge inputs (issue 15, split from 65_reliability.sh so that the two run in
# parallel): a 50 MB document's memory, the 64 MiB limit, dict check's
# findings and 400,000 alternatives.

# Memory: a 50 MB one-line document is analysed and coded piece by piece
# (cli_code_doc), so the peak is a small multiple of the document (it was
# 3 GB, 62 times the document). Lean text (one event in 100 KB) keeps the
# test fast; the bound is checked on the normal build, with python3's
# getrusage when present. Under the sanitizers (which multiply memory and
# time) the same test runs on 5 MB: still five pieces.
blk="$T/blk.txt"
yes 'the rain fell on the hills and the rivers rose again.' | head -n 1900 | tr '\n' ' ' >"$blk"
printf 'Russia condemned China. ' >>"$blk"
case $DYAD in */san/*) big_bytes=5000000 ;; *) big_bytes=50000000 ;; esac
for _ in $(seq 500); do cat "$blk"; done | head -c "$big_bytes" >"$T/big50.txt"
nev=$(grep -o 'Russia condemned China' "$T/big50.txt" | wc -l | tr -d ' ')
peak_of() { # peak_of OUT CMD...: run CMD, its stdout to OUT; prints the peak RSS in KiB (or 0)
    out=$1
    shift
    if need python3; then
        python3 -c 'import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:], stdout=open(sys.argv[1], "wb"), stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if rc == 0 else -rc)' "$out" "$@"
    else
        "$@" >"$out" 2>/dev/null && echo 0
    fi
}
case $DYAD in */san/*) mem_cap=0 ;; *) mem_cap=1048576 ;; esac
kb=$(peak_of "$T/big50.out" "$DYAD" code --date 2020-01-01 "$T/big50.txt")
if [ "${kb:-1}" -ge 0 ] 2>/dev/null; then ok; else bad "50 MB document: code failed ($kb)"; fi
lines "50 MB document: one event per block" "$T/big50.out" "$nev"
if [ "$mem_cap" -eq 0 ] || [ "$kb" -lt "$mem_cap" ]; then ok; else bad "50 MB document: peak $kb KiB, want under 1 GiB"; fi
echo "note: $big_bytes-byte document: code peak ${kb} KiB" >&2
kb=$(peak_of "$T/big50.ing" "$DYAD" ingest --db "$T/big50.db" --date 2020-01-01 "$T/big50.txt")
if [ "$mem_cap" -eq 0 ] || { [ "$kb" -ge 0 ] && [ "$kb" -lt "$mem_cap" ]; }; then ok; else bad "50 MB document: ingest peak $kb KiB, want under 1 GiB"; fi
kb=$(peak_of "$T/big50.seg" "$DYAD" segment --date 2020-01-01 "$T/big50.txt")
if [ "$mem_cap" -eq 0 ] || { [ "$kb" -ge 0 ] && [ "$kb" -lt "$mem_cap" ]; }; then ok; else bad "50 MB document: segment peak $kb KiB, want under 1 GiB"; fi
# the last sentence ends at the end of the document (or just before a
# final space)
seg_end=$(tail -n 1 "$T/big50.seg" | sed 's/.*"end":\([0-9]*\),.*/\1/')
if [ "${seg_end:-0}" -ge $((big_bytes - 1)) ] 2>/dev/null; then ok; else bad "50 MB document: segment's last sentence ends at $seg_end of $big_bytes"; fi
rm -f "$T/big50.seg"
check "50 MB document: stored events" 0 "$DYAD" events --db "$T/big50.db" --format gdelt1
lines "50 MB document: every event stored" "$T/out" "$nev"
# the spans of an event in the last piece point into the document
vs=$(tail -n 1 "$T/big50.out" | sed -n 's/.*"verb":\[\([0-9]*\),\([0-9]*\)\].*/\1 \2/p')
set -- $vs
vb=${1:-0} ve=${2:-0}
if [ "$(tail -c +$((vb + 1)) "$T/big50.txt" | head -c $((ve - vb)))" = condemned ]; then ok; else bad "50 MB document: verb span '$vs' is not 'condemned'"; fi
rm -f "$T/big50.txt" "$T/big50.out" "$T/big50.db"*
# The hard limit: a document over max_doc_bytes (64 MiB) is skipped with a
# clear message (exit 3), before it is read.
for _ in $(seq 700); do cat "$blk"; done >"$T/big70.txt"
check "70 MB document: skipped" 3 "$DYAD" code "$T/big70.txt"
expect "70 MB document: message" "$T/err" 'big70.txt: document of [0-9]+ bytes is larger than the limit of 67108864 bytes \(max_doc_bytes\): skipped'
rm -f "$T/big70.txt"

# dict check: event codes not in the CAMEO table (their events had no quad
# class or Goldstein value), a repeated pattern line, a second code line in
# one entry, invalid UTF-8, and broken coder/cues.txt and cameo/codes.tsv;
# the shipped dictionaries have none of these.
D=$T/dchk
mkdir -p "$D/verbs" "$D/actors"
printf 'state Testland\n  code TST\n  name Testland | Test\377land\n' >"$D/actors/t.txt"
printf 'verb frobnicate\n  code 998\n  code 040\n  999 * +\n  042 * with +\n  042 *   with +\n  042 * by +\n' >"$D/verbs/v.txt"
check "dict check: findings" 1 "$DYAD" dict check "$D"
expect "dict check: invalid UTF-8" "$T/err" 'dchk/actors/t.txt:3: invalid UTF-8 \(byte 0xff at offset [0-9]+\): dictionaries must be UTF-8$'
expect "dict check: second code line" "$T/err" 'dchk/verbs/v.txt:3: second code line in the entry "frobnicate" \(040; 998 at verbs/v.txt:2 is used\)$'
expect "dict check: repeated pattern" "$T/err" 'dchk/verbs/v.txt:6: pattern "\*   with \+" of "frobnicate" repeats the one at verbs/v.txt:5 \(code 042\)$'
expect "dict check: default code not in CAMEO" "$T/err" 'dchk/verbs/v.txt:2: event code 998 of "frobnicate" is not in the CAMEO table'
expect "dict check: pattern code not in CAMEO" "$T/err" 'dchk/verbs/v.txt:4: event code 999 is not in the CAMEO table'
lines "dict check: one line per finding and the summary" "$T/err" 7
mkdir -p "$D/coder" "$D/cameo"
printf 'nonsense line here\n' >"$D/coder/cues.txt"
printf '01\tbad\n' >"$D/cameo/codes.tsv"
check "dict check: broken tables" 1 "$DYAD" dict check "$D"
expect "dict check: broken cues.txt" "$T/err" 'dchk/coder/cues.txt:1: '
expect "dict check: broken codes.tsv" "$T/err" 'dchk/cameo/codes.tsv:1: '
check "dict check: the shipped dictionaries" 0 "$DYAD" dict check
# 400,000 alternatives load in linear time (a sort by insertion took half a
# minute): well within 30 s even under the sanitizers.
mkdir -p "$T/alts/verbs"
{
    printf 'verb visit\n  042 * {'
    seq 400000 | sed 's/^/w/' | tr '\n' '|' | sed 's/|$//'
    printf '} +\n'
} >"$T/alts/verbs/v.txt"
check "dict check: 400,000 alternatives" 0 timeout 30 "$DYAD" dict check "$T/alts"
rm -rf "$T/alts"
