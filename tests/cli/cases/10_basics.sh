# Global options, help, usage errors and exit codes.
check "version" 0 "$DYAD" --version
expect "version text" "$T/out" '^dyad [0-9]+\.[0-9]+\.[0-9]+$'
check "help" 0 "$DYAD" --help
expect "help lists code" "$T/out" '^  code '
expect "help lists segment" "$T/out" '^  segment '
check "no command" 2 "$DYAD"
check "unknown command" 2 "$DYAD" frobnicate
expect "unknown command message" "$T/err" "^dyad: unknown command 'frobnicate'"
check "unknown option" 2 "$DYAD" --frob
for cmd in code segment actors eval; do
    check "$cmd --help" 0 "$DYAD" "$cmd" --help
    expect "$cmd help usage" "$T/out" "^Usage: dyad $cmd"
done
check "dict --help" 0 "$DYAD" dict --help
check "code unknown option" 2 "$DYAD" code --no-such-option
expect "code unknown option names it" "$T/err" "no-such-option"
check "code bad format" 2 "$DYAD" code --format xml "$T"
expect "bad format message" "$T/err" "expected jsonl, tsv or plover"
check "segment bad input kind" 2 "$DYAD" segment --input pdf
check "segment bad date" 2 "$DYAD" segment --date 2023-02-30
expect "bad date message" "$T/err" "expected YYYY-MM-DD"
check "missing file" 1 "$DYAD" segment "$T/does-not-exist.txt"
expect "missing file message" "$T/err" "^dyad: .*does-not-exist.txt"
check "eval needs a file" 2 "$DYAD" eval
