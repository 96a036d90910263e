/* rules.c - when an output event matches a gold row of the articles format:
 * the rules of the reference scorer (score_articles.py), one for one, so
 * that `dyad eval` gives its figures. */
#include "eval/eval_internal.h"

#include <string.h>

const char *eval_level_name(int level)
{
    static const char *names[EVAL_LEVELS] = {"root", "full", "code", "date"};
    return level >= 0 && level < EVAL_LEVELS ? names[level] : "?";
}

/* ASCII white space, as Python's str.strip() removes it from codes. */
static int is_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* The next '|'-separated piece of a list: *p at its start; returns its
 * length and moves *p past the bar (to NULL after the last piece). */
static size_t next_piece(const char **p, const char **piece)
{
    const char *s = *p;
    const char *bar = strchr(s, '|');
    *piece = s;
    *p = bar ? bar + 1 : NULL;
    return bar ? (size_t)(bar - s) : strlen(s);
}

/* s[0..n) without surrounding white space, as Python's str.strip(). */
static void strip(const char **s, size_t *n)
{
    while (*n > 0 && is_space((unsigned char)**s))
        (*s)++, (*n)--;
    while (*n > 0 && is_space((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

/* Python's s[:2]: the first two characters (bytes: codes are ASCII). */
static size_t root_len(size_t n) { return n < 2 ? n : 2; }

/* The canonical country of the actor code s[0..n). */
static void country_n(const char *s, size_t n, char out[static CODE_COUNTRY_MAX])
{
    char buf[64];
    while (n > 0 && is_space((unsigned char)*s))
        s++, n--;
    if (n >= sizeof buf)
        n = sizeof buf - 1; /* the country is in the first few characters */
    memcpy(buf, s, n);
    buf[n] = '\0';
    code_actor_country(buf, out);
}

/* 1 when code holds "UNO" in any letter case. */
static int has_uno(const char *code)
{
    for (const char *p = code; p[0] && p[1] && p[2]; p++)
        if ((p[0] == 'U' || p[0] == 'u') && (p[1] == 'N' || p[1] == 'n') &&
            (p[2] == 'O' || p[2] == 'o'))
            return 1;
    return 0;
}

/* The reference scorer's act(): does actor code (of the event, "" for
 * none) fit the gold slot? "-" or "": anything; else one alternative must
 * fit: "*" any non-empty code, "UN" any code holding UNO, another code the
 * same canonical country. */
static int actor_fits(const char *gold, const char *code)
{
    if (gold[0] == '\0' || strcmp(gold, "-") == 0)
        return 1;
    char want[CODE_COUNTRY_MAX];
    int have = 0;
    for (const char *p = gold; p;) {
        const char *a;
        size_t n = next_piece(&p, &a);
        if (n == 1 && a[0] == '*') {
            if (code[0])
                return 1;
        } else if (n == 2 && a[0] == 'U' && a[1] == 'N') {
            if (has_uno(code))
                return 1;
        } else if (code[0]) {
            if (!have) {
                code_actor_country(code, want);
                have = 1;
            }
            char alt[CODE_COUNTRY_MAX];
            country_n(a, n, alt);
            if (strcmp(want, alt) == 0)
                return 1;
        }
    }
    return 0;
}

/* The reference scorer's date_ok(): gold "*" matches any date; else the
 * event needs a date equal to, or a prefix of, or extended from one of the
 * gold alternatives. */
static int date_fits(const char *gold, const char *date)
{
    if (strcmp(gold, "*") == 0)
        return 1;
    if (!date || !date[0])
        return 0;
    size_t dn = strlen(date);
    for (const char *p = gold; p;) {
        const char *a;
        size_t n = next_piece(&p, &a);
        size_t k = n < dn ? n : dn;
        if (memcmp(a, date, k) == 0)
            return 1;
    }
    return 0;
}

/* Does code have one of the CAMEO codes that the codebook files in both
 * directions (roots 04, 06 and codes 036, 046, 057, 0311, 0312)? */
static int symmetric(const char *code)
{
    static const char *codes[] = {"057", "0311", "0312", "036", "046"};
    if (strncmp(code, "04", 2) == 0 || strncmp(code, "06", 2) == 0)
        return 1;
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (strcmp(code, codes[i]) == 0)
            return 1;
    return 0;
}

int eval_gold_positive(const eval_gold_row *g)
{
    if (strcmp(g->code, "-") == 0)
        return 0;
    if (strcmp(g->modality, "asserted") == 0)
        return 1;
    if (strcmp(g->modality, "future") != 0)
        return 0;
    static const char *roots[] = {"03", "13", "10", "12"};
    for (const char *p = g->code; p;) {
        const char *c;
        size_t n = next_piece(&p, &c);
        for (size_t i = 0; n >= 2 && i < sizeof roots / sizeof *roots; i++)
            if (memcmp(c, roots[i], 2) == 0)
                return 1;
    }
    return 0;
}

/* 1 when code's root is the root of one of the gold codes (stripped). */
static int root_fits(const char *gold_codes, const char *code)
{
    size_t rn = root_len(strlen(code));
    for (const char *p = gold_codes; p;) {
        const char *c;
        size_t n = next_piece(&p, &c);
        strip(&c, &n);
        if (root_len(n) == rn && memcmp(c, code, rn) == 0)
            return 1;
    }
    return 0;
}

/* 1 when code is one of the gold codes (stripped). */
static int code_fits(const char *gold_codes, const char *code)
{
    size_t cn = strlen(code);
    for (const char *p = gold_codes; p;) {
        const char *c;
        size_t n = next_piece(&p, &c);
        strip(&c, &n);
        if (n == cn && memcmp(c, code, n) == 0)
            return 1;
    }
    return 0;
}

int eval_source_ok(const eval_gold_row *g, const eval_event *e)
{
    const char *gs = g->source[0] ? g->source : "*";
    const char *es = e->source ? e->source : "", *et = e->target ? e->target : "";
    const char *code = e->code ? e->code : "";
    return actor_fits(gs, es) || (symmetric(code) && actor_fits(gs, et));
}

int eval_match(const eval_gold_row *g, const eval_event *e, int level)
{
    const char *code = e->code ? e->code : "";
    if (!root_fits(g->code, code))
        return 0;
    if (level == EVAL_ROOT)
        return 1;
    const char *gs = g->source[0] ? g->source : "*";
    const char *gt = g->target[0] ? g->target : "-";
    const char *es = e->source ? e->source : "", *et = e->target ? e->target : "";
    int ok = (actor_fits(gs, es) && actor_fits(gt, et)) ||
             (symmetric(code) && actor_fits(gs, et) && actor_fits(gt, es));
    if (!ok)
        return 0;
    switch (level) {
    case EVAL_FULL: return 1;
    case EVAL_CODE: return code_fits(g->code, code);
    case EVAL_DATE: return date_fits(g->date[0] ? g->date : "*", e->date);
    default: return 0;
    }
}
