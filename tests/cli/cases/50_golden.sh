# Golden coder sentences: tests/golden/coder/*.tsv (format in each file's
# header). Each row is coded with `dyad code --all-modalities --date DOC_DATE`;
# every expected event must be among the output events, and an output event
# whose root is not among the expected roots fails the row. Rows whose id ends
# in -xfail pin known failures of the coder: a failure there is reported as
# XFAIL and not counted; an unexpected pass counts as ok and prints a note.

# golden_events FILE: the events of dyad's JSON lines in FILE, one per line,
# written SOURCE>TARGET:CODE@DATE!MODALITY.
golden_events() {
    if command -v jq >/dev/null 2>&1; then
        jq -r '"\(.source)>\(.target):\(.code)@\(.date // "null")!\(.modality)"' "$1"
    else
        # Fixed key order (docs/formats.md): doc, sent, date, source, target,
        # code, root, quad, goldstein, modality, text, ...
        sed -n 's/^{"doc":.*,"sent":[0-9]*,"date":"\{0,1\}\([^",]*\)"\{0,1\},"source":"\([^"]*\)","target":"\([^"]*\)","code":"\([^"]*\)","root":"[^"]*","quad":[0-9]*,"goldstein":[-0-9.e]*,"modality":"\([a-z]*\)".*/\2>\3:\4@\1!\5/p' "$1"
    fi
}

# golden_match EXPECTED < EVENTS: exit 0 when the events satisfy EXPECTED,
# else print what is missing or unexpected.
golden_match() {
    awk -v expected="$1" '
    function parse(s, a,   i) {
        # SOURCE>TARGET:CODE@DATE[!MODALITY] into a["src"], ...
        a["mod"] = "asserted"
        i = index(s, "!"); if (i) { a["mod"] = substr(s, i + 1); s = substr(s, 1, i - 1) }
        i = index(s, "@"); a["date"] = substr(s, i + 1); s = substr(s, 1, i - 1)
        i = index(s, ":"); a["code"] = substr(s, i + 1); s = substr(s, 1, i - 1)
        i = index(s, ">"); a["tgt"] = substr(s, i + 1); a["src"] = substr(s, 1, i - 1)
    }
    function actor_ok(want, got) {
        if (length(want) == 3) return substr(got, 1, 3) == want
        return got == want
    }
    function code_ok(want, got) {
        if (want ~ /\*$/) return index(got, substr(want, 1, length(want) - 1)) == 1
        return got == want
    }
    { ev[++n] = $0 }
    END {
        fail = 0
        if (expected == "-") {
            if (n > 0) { printf "unexpected event(s)"; fail = 1 }
        } else {
            ne = split(expected, want, ";")
            for (k = 1; k <= ne; k++) {
                gsub(/^ +| +$/, "", want[k])
                parse(want[k], w)
                roots[substr(w["code"], 1, 2)] = 1
                found = 0
                for (j = 1; j <= n && !found; j++) {
                    parse(ev[j], g)
                    if (actor_ok(w["src"], g["src"]) && actor_ok(w["tgt"], g["tgt"]) &&
                        code_ok(w["code"], g["code"]) && w["date"] == g["date"] &&
                        w["mod"] == g["mod"])
                        found = 1
                }
                if (!found) { printf "missing %s; ", want[k]; fail = 1 }
            }
            for (j = 1; j <= n; j++) {
                parse(ev[j], g)
                if (!(substr(g["code"], 1, 2) in roots)) { printf "unexpected root %s; ", ev[j]; fail = 1 }
            }
        }
        exit fail
    }'
}

golden_ok=0 golden_xfail=0 golden_xpass=0 golden_bad=0
for gf in "$ROOT"/tests/golden/coder/*.tsv; do
    [ -f "$gf" ] || continue
    gname=$(basename "$gf")
    while IFS='	' read -r gid gdate gtext gexp; do
        case $gid in '#'* | '') continue ;; esac
        printf '%s\n' "$gtext" >"$T/golden.txt"
        "$DYAD" code --all-modalities --date "$gdate" "$T/golden.txt" >"$T/golden.out" 2>"$T/err" </dev/null
        grc=$?
        golden_events "$T/golden.out" >"$T/golden.ev"
        if [ "$grc" -eq 0 ] && gwhy=$(golden_match "$gexp" <"$T/golden.ev"); then
            ok
            golden_ok=$((golden_ok + 1))
            case $gid in *-xfail)
                golden_xpass=$((golden_xpass + 1))
                echo "note: golden $gname $gid passes (xfail row)" ;;
            esac
        else
            [ "$grc" -eq 0 ] || gwhy="exit $grc"
            ggot=$(tr '\n' ' ' <"$T/golden.ev")
            case $gid in
            *-xfail) golden_xfail=$((golden_xfail + 1)) ;;
            *) golden_bad=$((golden_bad + 1))
               bad "golden $gname $gid: got [${ggot% }] ${gwhy% }" ;;
            esac
        fi
    done <"$gf"
done
rm -f "$T/err"
echo "golden: $golden_ok passed ($golden_xpass xfail rows passing), $golden_xfail xfail, $golden_bad failed"
