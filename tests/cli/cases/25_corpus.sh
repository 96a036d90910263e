# Real corpora from ../shared (skipped when absent): every Reuters record is
# read, empty ones counted and skipped, none rejected. Under `make check-san`
# this runs under AddressSanitizer + UndefinedBehaviorSanitizer.
SHARED="$ROOT/../shared/corpus"
if [ -f "$SHARED/reuters21578.jsonl" ]; then
    check "segment reuters" 0 "$DYAD" segment --input jsonl "$SHARED/reuters21578.jsonl"
    expect "reuters: all records, empty ones counted" "$T/err" \
        '^dyad: 19779 documents, [0-9]+ sentences; 1799 empty documents, 0 records skipped$'
    n=$(wc -l <"$T/out" | tr -d ' ')
    if [ "$n" -gt 100000 ]; then ok; else bad "reuters: only $n sentences"; fi
    check "code wikinews" 0 "$DYAD" code "$SHARED/wikinews_2019_2020.jsonl"
    # precision first (docs/coder.md): fewer events than a word-window coder
    if [ "$(wc -l <"$T/out" | tr -d ' ')" -gt 150 ]; then ok; else bad "wikinews: too few events"; fi
else
    echo "note: $SHARED not found; corpus tests skipped"
fi
