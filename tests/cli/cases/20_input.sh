# Readers through the CLI: formats, bad records, odd bytes.
printf 'Russia and China held talks in Moscow on Monday.\n' >"$T/a.txt"
check "segment text file" 0 "$DYAD" segment --date 2024-03-06 "$T/a.txt"
lines "one sentence" "$T/out" 1
expect "doc id is the path" "$T/out" "\"doc\":\"$T/a.txt\""
expect "timex resolved" "$T/out" '"date":"2024-03-04"'

printf '{"id":"d1","text":"The summit took place in July 2022.","date":"2022-07-30"}\nnot json\n{"id":"d2"}\n{"id":"d3","text":"x","date":"2022-13-01"}\n{"id":"d4","text":"Second good line.","unknown":1}\n' >"$T/b.jsonl"
check "jsonl with bad lines" 3 "$DYAD" segment "$T/b.jsonl"
expect "bad JSON line number" "$T/err" "b.jsonl:2: "
expect "missing text line number" "$T/err" "b.jsonl:3: .*text"
expect "bad date line number" "$T/err" "b.jsonl:4: .*date"
expect "good line kept" "$T/out" '"doc":"d1"'
expect "unknown keys ignored" "$T/out" '"doc":"d4"'

printf '{"id":"e","text":""}\n' >"$T/empty.jsonl"
check "empty document is not an error" 0 "$DYAD" segment "$T/empty.jsonl"
lines "no sentences" "$T/out" 0

: >"$T/zero.txt"
check "empty file" 0 "$DYAD" segment "$T/zero.txt"

printf 'Bad byte \377 here. And a NUL \000 too.\n' >"$T/bin.txt"
check "invalid UTF-8 is replaced" 0 "$DYAD" segment "$T/bin.txt"
expect "warning names the byte offset" "$T/err" "bin.txt.*byte 9"

printf 'From stdin, with no path.' | "$DYAD" segment >"$T/out" 2>"$T/err"
if [ $? -eq 0 ] && grep -q '"doc":"-"' "$T/out"; then ok; else bad "stdin input"; fi

printf '<html><head><title>T</title><meta property="article:published_time" content="2023-09-14T08:00:00Z"></head><body><nav>Home News</nav><article><p>Kim Jong Un met Vladimir Putin yesterday.</p></article><script>var x=1;</script></body></html>' >"$T/p.html"
check "html page" 0 "$DYAD" segment "$T/p.html"
expect "html date from meta" "$T/out" '"date":"2023-09-13"'
reject "no navigation text" "$T/out" 'Home News'

mkdir -p "$T/dir/sub"
printf 'One.' >"$T/dir/sub/x.txt"
printf 'Two.' >"$T/dir/y.txt"
check "directory recursion" 0 "$DYAD" segment "$T/dir"
lines "two documents" "$T/out" 2

head -c 5000000 /dev/zero | tr '\0' 'a' >"$T/long.txt"
check "5 MB single line" 0 "$DYAD" segment "$T/long.txt"
