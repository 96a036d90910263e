/* segment.c - group tokens into sentences.
 *
 * Punctuation-based ends are decided by the tokenizer (TXT_TOK_SENT_END,
 * see token.c); this file adds what needs a view of lines: paragraph breaks,
 * indented paragraph starts of wire text, bullets, and headlines or
 * datelines (lines without final punctuation). Wire services wrap sentences
 * across single line breaks, so a single line break alone never ends a
 * sentence: the line before it has to look deliberate (see headline_break).
 */
#include "core/invariant.h"
#include "text/text.h"

#include <string.h>

typedef struct {
    const unsigned char *s;
    size_t n;
    const txt_token *toks;
    size_t ntok;
    int wrapped;     /* the text is hard-wrapped prose (see detect_wrap) */
    size_t width;    /* widest line in code points, when wrapped */
} seg;

static int tok_eq(const txt_token *k, const char *lit)
{
    size_t m = strlen(lit);
    return k->norm_len == m && memcmp(k->norm, lit, m) == 0;
}

/* Punctuation that ends a sentence (same set as the tokenizer's). */
static int is_term(const txt_token *k)
{
    if (!(k->flags & TXT_TOK_PUNCT))
        return 0;
    const char *p = k->norm;
    return (k->norm_len == 1 && (p[0] == '.' || p[0] == '!' || p[0] == '?')) ||
           (k->norm_len >= 2 && p[0] == '.' && p[1] == '.');
}

static int is_closer(const txt_token *k)
{
    if (k->flags & TXT_TOK_QUOTE)
        return 1;
    return k->norm_len == 1 && (k->norm[0] == ')' || k->norm[0] == ']' ||
                                k->norm[0] == '}');
}

/* Code points in s[b..e) (bytes that are not UTF-8 continuation bytes).
 * detect_wrap runs this over every line of wrapped documents, so it counts
 * eight bytes at a time: a continuation byte has bit 7 set and bit 6 clear,
 * and x & ~(x << 1) keeps exactly those bit 7s (the shift never carries a
 * bit across a byte boundary into a bit 7 position). */
static size_t width_of(const unsigned char *s, size_t b, size_t e)
{
    const uint64_t hi = 0x8080808080808080ull;
    size_t cont = 0, i = b;
    for (; i + 8 <= e; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t c = x & ~(x << 1) & hi;
        /* Sum of the marker bits: one per byte, at most 8 in the top byte. */
        cont += (size_t)(((c >> 7) * 0x0101010101010101ull) >> 56);
    }
    for (; i < e; i++)
        cont += (s[i] & 0xC0) == 0x80;
    return (e - b) - cont;
}

/* Byte offset of the start of the line holding byte pos. */
static size_t line_start(const unsigned char *s, size_t pos)
{
    while (pos > 0 && s[pos - 1] != '\n')
        pos--;
    return pos;
}

/* Hard-wrapped text (wire copy) shows line breaks followed by a lower-case
 * word. Then the widest line approximates the wrap width, which tells a
 * wrapped line from a deliberately short one. */
static void detect_wrap(seg *g)
{
    g->wrapped = 0;
    g->width = 0;
    for (size_t i = 1; i < g->ntok; i++) {
        const txt_token *k = &g->toks[i];
        if ((k->flags & (TXT_TOK_NL_BEFORE | TXT_TOK_PARA_BEFORE)) == TXT_TOK_NL_BEFORE &&
            (k->flags & TXT_TOK_WORD) && !(k->flags & (TXT_TOK_CAP | TXT_TOK_NUM))) {
            g->wrapped = 1;
            break;
        }
    }
    if (!g->wrapped)
        return;
    size_t b = 0;
    while (b < g->n) {
        const unsigned char *nl = memchr(g->s + b, '\n', g->n - b);
        size_t e = nl ? (size_t)(nl - g->s) : g->n;
        size_t te = e;
        while (te > b && (g->s[te - 1] == ' ' || g->s[te - 1] == '\t'))
            te--;
        /* A line no longer in bytes than the widest so far cannot be wider
         * in code points: skip counting it. */
        if (te - b > g->width) {
            size_t w = width_of(g->s, b, te);
            if (w > g->width)
                g->width = w;
        }
        b = e + 1;
    }
}

/* Leading white space of the line whose first token is toks[i]. */
static size_t indent_of(const seg *g, size_t i)
{
    size_t p = g->toks[i].start;
    return p - line_start(g->s, p);
}

/* A bullet or list marker opening a line: "- ", "* ", "• ", "1. ", "2) ". */
static int is_bullet(const seg *g, size_t i)
{
    const txt_token *k = &g->toks[i];
    if (i + 1 >= g->ntok)
        return 0;
    const txt_token *x = &g->toks[i + 1];
    if (k->flags & TXT_TOK_PUNCT) {
        if (!(x->flags & TXT_TOK_SPACE_BEFORE) || (x->flags & TXT_TOK_NL_BEFORE))
            return 0;
        return tok_eq(k, "-") || tok_eq(k, "*") || tok_eq(k, "--") ||
               tok_eq(k, "\xE2\x80\xA2") || tok_eq(k, "\xC2\xB7") ||
               tok_eq(k, "\xE2\x96\xAA") || tok_eq(k, "\xE2\x80\xA3") ||
               tok_eq(k, "\xE2\x97\xA6") || tok_eq(k, ">");
    }
    if ((k->flags & TXT_TOK_NUM) && k->end - k->start <= 3 && i + 2 < g->ntok &&
        !(x->flags & TXT_TOK_SPACE_BEFORE) && (tok_eq(x, ".") || tok_eq(x, ")")) &&
        (g->toks[i + 2].flags & TXT_TOK_SPACE_BEFORE) &&
        !(g->toks[i + 2].flags & TXT_TOK_NL_BEFORE))
        return 1;
    return 0;
}

/* Words after which a line cannot end a headline: the sentence goes on.
 * Grouped by first letter, space-separated, so that a lookup only walks the
 * few words sharing the token's first letter (this runs at every line
 * break of every document). */
static const char *const continuers[26] = {
    ['a' - 'a'] = "a an at and as are about after against also",
    ['b' - 'a'] = "by but be been before between because",
    ['c' - 'a'] = "could can",
    ['d' - 'a'] = "dr",
    ['f' - 'a'] = "for from",
    ['h' - 'a'] = "has have had his her he",
    ['i' - 'a'] = "in is its into if it",
    ['m' - 'a'] = "may might mr mrs ms",
    ['n' - 'a'] = "not",
    ['o' - 'a'] = "of on or our over",
    ['p' - 'a'] = "per",
    ['s' - 'a'] = "should said says since she said:",
    ['t' - 'a'] = "the to that their than this these those told they",
    ['u' - 'a'] = "under up",
    ['w' - 'a'] = "with which who whom whose was were will would when while we",
};

/* Is norm[0..n) one of the space-separated words of list? */
static int in_word_list(const char *list, const char *norm, size_t n)
{
    const char *p = list;
    while (*p) {
        size_t m = 0;
        while (p[m] && p[m] != ' ')
            m++;
        if (m == n && memcmp(p, norm, n) == 0)
            return 1;
        p += m;
        if (*p == ' ')
            p++;
    }
    return 0;
}

static int is_continuer(const txt_token *k)
{
    if (k->flags & TXT_TOK_PUNCT) {
        /* Only closing brackets and quotes may end a title line. */
        return !is_closer(k) && !tok_eq(k, "!") && !tok_eq(k, "?");
    }
    if (k->flags & (TXT_TOK_HYPHEN | TXT_TOK_CLITIC))
        return 0;
    unsigned li = (unsigned char)k->norm[0] - 'a';
    if (k->norm_len == 0 || li >= 26 || !continuers[li])
        return 0;
    return in_word_list(continuers[li], k->norm, k->norm_len);
}

/* Could toks[i] open a sentence after a headline? */
static int line_opener(const seg *g, size_t i)
{
    const txt_token *k = &g->toks[i];
    if (k->flags & (TXT_TOK_CAP | TXT_TOK_NUM | TXT_TOK_QUOTE))
        return 1;
    if (tok_eq(k, "(") || tok_eq(k, "["))
        return 1;
    return is_bullet(g, i);
}

/* toks[i] starts a line; the current sentence started at token cur, also at
 * a line start, and the line before i has no final punctuation. Is the line
 * break deliberate (a headline, dateline, byline or table row) rather than
 * wire-service wrapping? */
static int headline_break(const seg *g, size_t cur, size_t i)
{
    const txt_token *last = &g->toks[i - 1];
    /* Both tests are pure; the cheaper one first. */
    if (!line_opener(g, i) || is_continuer(last))
        return 0;
    /* The sentence must be exactly the previous line. */
    if (cur != 0 && !(g->toks[cur].flags & TXT_TOK_NL_BEFORE))
        return 0;
    for (size_t k = cur + 1; k < i; k++)
        if (g->toks[k].flags & TXT_TOK_NL_BEFORE)
            return 0;
    if (!g->wrapped)
        return 1;
    /* Wire copy whose dateline was cut off starts with a short first line
     * that is still part of the first sentence; only an all-capitals first
     * line counts as a headline there. */
    if (cur == 0) {
        for (size_t k = 0; k < i; k++)
            if ((g->toks[k].flags & TXT_TOK_WORD) && !(g->toks[k].flags & TXT_TOK_UPPER))
                return 0;
        return 1;
    }
    /* In wrapped text the break is deliberate only when the next word would
     * have fitted on the line. */
    size_t ls = line_start(g->s, g->toks[cur].start);
    size_t w = width_of(g->s, ls, last->end);
    size_t b = g->toks[i].start, e = b;
    while (e < g->n && g->s[e] != ' ' && g->s[e] != '\n' && g->s[e] != '\t')
        e++;
    return w + 1 + width_of(g->s, b, e) <= g->width;
}

/* Sentence [b, e) of tokens: a single line ending in a word, number or
 * closing bracket (a ':' or ';' ending is a lead-in, not a headline)? */
static int is_headline(const seg *g, size_t b, size_t e)
{
    size_t k = e;
    while (k > b + 1 && is_closer(&g->toks[k - 1]))
        k--;
    const txt_token *last = &g->toks[k - 1];
    if ((last->flags & TXT_TOK_SENT_END) ||
        ((last->flags & TXT_TOK_PUNCT) && !is_closer(last)))
        return 0;
    for (size_t j = b + 1; j < e; j++)
        if (g->toks[j].flags & TXT_TOK_NL_BEFORE)
            return 0;
    return 1;
}

/* Contract in text.h. Expects tokens from txt_tokenize over the same text
 * (their SENT_END flags carry the punctuation decisions). *sents is
 * arena-owned and never NULL on success; every token belongs to exactly one
 * sentence, in order. Returns 0 or DY_ENOMEM (err filled). */
int txt_segment(const char *text, size_t len, const txt_token *toks,
                size_t ntok, dy_arena *a, txt_sentence **sents, size_t *nsent,
                dy_err *err)
{
    *sents = NULL;
    *nsent = 0;
    seg g = {.s = (const unsigned char *)text, .n = len, .toks = toks, .ntok = ntok};
    size_t cap = ntok / 12 + 4, n = 0;
    txt_sentence *out = dy_arena_alloc(a, cap * sizeof *out);
    if (!out)
        goto oom;
    if (ntok == 0) {
        *sents = out;
        return 0;
    }
    detect_wrap(&g);

    size_t cur = 0;          /* first token of the current sentence */
    size_t line_tok = 0;     /* first token of the current line */
    int pending = (toks[0].flags & TXT_TOK_SENT_END) != 0;
    for (size_t i = 1; i <= ntok; i++) {
        /* Without a pending end, only tokens after a line break or with a
         * sentence end of their own change anything. */
        if (!pending) {
            const uint32_t any = TXT_TOK_NL_BEFORE | TXT_TOK_PARA_BEFORE | TXT_TOK_SENT_END;
            while (ntok - i >= 4 && !((toks[i].flags | toks[i + 1].flags | toks[i + 2].flags |
                                       toks[i + 3].flags) & any))
                i += 4;
            while (i < ntok && !(toks[i].flags & any))
                i++;
        }
        int cut = i == ntok;
        if (!cut) {
            const txt_token *k = &toks[i];
            if (pending) {
                int glued = !(k->flags & TXT_TOK_SPACE_BEFORE) &&
                            (is_closer(k) || is_term(k));
                cut = !glued;
            }
            if (!cut && (k->flags & TXT_TOK_PARA_BEFORE))
                cut = 1;
            if (!cut && (k->flags & TXT_TOK_NL_BEFORE)) {
                if (is_bullet(&g, i) || indent_of(&g, i) > indent_of(&g, line_tok))
                    cut = 1;
                else
                    cut = headline_break(&g, cur, i);
            }
            if (k->flags & TXT_TOK_NL_BEFORE)
                line_tok = i;
        }
        if (cut) {
            if (dy_arena_vec_grow(a, &out, &cap, n, sizeof *out))
                goto oom;
            txt_sentence *st = &out[n++];
            memset(st, 0, sizeof *st);
            st->start = toks[cur].start;
            st->end = toks[i - 1].end;
            st->tok_begin = (uint32_t)cur;
            st->tok_end = (uint32_t)i;
            if (is_headline(&g, cur, i))
                st->flags |= TXT_SENT_HEADLINE;
            cur = i;
            pending = 0;
        }
        if (i < ntok && (toks[i].flags & TXT_TOK_SENT_END))
            pending = 1;
    }
    /* The coder and the matchers index tokens through sentences: they
     * must tile the tokens, in order, none empty. */
    for (size_t k = 0; k < n; k++)
        DY_ASSERT(out[k].tok_begin < out[k].tok_end &&
                  out[k].tok_begin == (k ? out[k - 1].tok_end : 0));
    DY_ASSERT(n == 0 || out[n - 1].tok_end == ntok);
    *sents = out;
    *nsent = n;
    return 0;
oom:
    return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory while segmenting");
}
