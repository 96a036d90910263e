/* verbs.c - verb and noun pattern dictionaries: parsing, merging lexemes of
 * the same lemma, generating inflections, and the word -> lexeme table. */
#include "dict/dict_internal.h"
#include "core/alloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX

typedef struct wclass {
    char name[64];
    dict_alt *alts;   /* set arena */
    uint32_t nalts;
} wclass;

typedef struct vparser {
    dict_set *ds;
    const char *file;
    long line;
    dict_vlex *cur;
    wclass *classes;
    size_t nclasses, capclasses;
    dy_arena *scratch;   /* tokenising pattern words */
    /* Alternatives already tokenised in this file, by their text: the same
     * words ("with", "the", "sanctions") recur in thousands of patterns. */
    struct altmemo {
        uint64_t h;
        const char *s;   /* memo_arena */
        size_t n;
        dict_alt alt;
    } *memo;
    size_t nmemo, capmemo; /* open addressing; capmemo a power of two */
    dy_arena *memo_arena;
    int block_code;      /* the current entry block has a `code` line */
    /* Patterns of this file by (entry, text with single spaces), to report
     * a repeated pattern line: open addressing, capseen a power of two. */
    struct pseen {
        uint64_t h;
        const dict_vlex *l;
        const dict_pattern *pt;
    } *seen;
    size_t nseen, capseen;
    dy_err *err;
} vparser;

static int grow(void **v, size_t *cap, size_t n, size_t sz)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 16;
    void *p = dy_reallocarray(*v, nc, sz);
    if (!p)
        return DY_ENOMEM;
    *v = p;
    *cap = nc;
    return 0;
}

#define OOM(p) dy_err_set((p)->err, DY_ENOMEM, (p)->file, (p)->line, -1, "out of memory")

static int valid_event_code(const char *s, size_t n)
{
    if (n == 3 && memcmp(s, "---", 3) == 0)
        return 1;
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

size_t dict_lexeme_count(const dict_set *ds) { return ds->nlex; }
const dict_lexeme *dict_lexeme_at(const dict_set *ds, size_t i)
{
    return i < ds->nlex ? &ds->lex[i]->pub : NULL;
}
size_t dict_pattern_count(const dict_set *ds) { return ds->npatterns; }

size_t dict_lexeme_pattern_count(const dict_lexeme *lx) { return dict_vlex_of(lx)->npats; }

const dict_pattern *dict_lexeme_pattern(const dict_lexeme *lx, size_t i)
{
    const dict_vlex *l = dict_vlex_of(lx);
    return i < l->npats ? l->pats[i] : NULL;
}

const char *dict_pattern_code(const dict_pattern *p) { return p->code; }
const char *dict_pattern_ref(const dict_pattern *p) { return p->ref; }
const char *dict_pattern_text(const dict_pattern *p) { return p->text; }

int dict_pattern_worded(const dict_pattern *p)
{
    if (!p)
        return 0;
    for (uint32_t i = 0; i < p->nel; i++)
        if (p->el[i].type == DICT_PE_WORDS && !p->el[i].optional)
            return 1;
    return 0;
}

void dict_free_verbs(dict_set *ds)
{
    for (size_t i = 0; i < ds->nlex; i++) {
        dy_free(ds->lex[i]->pats);
        dy_free(ds->lex[i]->forms);
        dy_free(ds->lex[i]->generic);
        dy_free(ds->lex[i]->keys);
        dy_free(ds->lex[i]->keyidx);
        dy_free(ds->lex[i]->keybits);
    }
    dy_free(ds->lex);
    dy_free(ds->wfs);
    dy_free(ds->wtab);
}

/* The lexeme of (lemma, kind), created when new: entries of one lemma in
 * several files are merged. */
/* Is the lower-case a[0..n) equal to b[0..n) ignoring ASCII case? */
static int strncasecmp_ascii(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != (char)tolower((unsigned char)b[i]))
            return 0;
    return 1;
}

static int get_lexeme(vparser *p, int kind, const char *lemma, size_t n)
{
    dict_set *ds = p->ds;
    for (size_t i = 0; i < ds->nlex; i++) {
        dict_vlex *l = ds->lex[i];
        /* lemmas are stored in lower case; the first byte rejects most */
        if (l->pub.lemma[0] != (char)tolower((unsigned char)lemma[0]) || l->pub.kind != kind)
            continue;
        if (strncasecmp_ascii(l->pub.lemma, lemma, n) && l->pub.lemma[n] == '\0') {
            p->cur = l;
            p->block_code = 0;
            return 0;
        }
    }
    if (grow((void **)&ds->lex, &ds->caplex, ds->nlex, sizeof *ds->lex))
        return OOM(p);
    dict_vlex *l = dy_arena_calloc(ds->arena, 1, sizeof *l);
    char *lm = l ? dy_arena_strndup(ds->arena, lemma, n) : NULL;
    if (!lm)
        return OOM(p);
    for (char *c = lm; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    l->pub.lemma = lm;
    l->pub.kind = kind;
    p->block_code = 0;
    ds->lex[ds->nlex++] = l;
    p->cur = l;
    return 0;
}

/* Tokenise a literal word sequence into an alternative (hyphens dropped). */
static int make_alt_uncached(vparser *p, const char *s, size_t n, dict_alt *out);

/* Slot of text s in the memo: the entry with that text or the empty slot
 * where it goes. */
static struct altmemo *memo_slot(vparser *p, uint64_t h, const char *s, size_t n)
{
    size_t mask = p->capmemo - 1;
    /* The low bits of FNV-1a hardly differ between similar short words
     * ("w1", "w2", ...): taken as they are, a list of 400,000 alternatives
     * made probe chains of thousands (quadratic loading). Mixed first. */
    uint64_t x = h ^ (h >> 33);
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    for (size_t i = (size_t)x & mask;; i = (i + 1) & mask) {
        struct altmemo *m = &p->memo[i];
        if (!m->s || (m->h == h && m->n == n && memcmp(m->s, s, n) == 0))
            return m;
    }
}

/* Tokenise one alternative into *out (hashes in the set's arena, shared
 * between patterns: they are never changed). Returns 0, DY_EPARSE or
 * DY_ENOMEM. */
static int make_alt(vparser *p, const char *s, size_t n, dict_alt *out)
{
    if (p->nmemo * 2 >= p->capmemo) {
        size_t ncap = p->capmemo ? p->capmemo * 2 : 1024;
        struct altmemo *nm = dy_calloc(ncap, sizeof *nm);
        if (!nm)
            return OOM(p);
        struct altmemo *old = p->memo;
        size_t ocap = p->capmemo;
        p->memo = nm;
        p->capmemo = ncap;
        for (size_t i = 0; i < ocap; i++)
            if (old[i].s)
                *memo_slot(p, old[i].h, old[i].s, old[i].n) = old[i];
        dy_free(old);
    }
    if (!p->memo_arena && !(p->memo_arena = dy_arena_new()))
        return OOM(p);
    uint64_t h = txt_hash(s, n);
    struct altmemo *m = memo_slot(p, h, s, n);
    if (m->s) {
        *out = m->alt;
        return 0;
    }
    int rc = make_alt_uncached(p, s, n, out);
    if (rc)
        return rc;
    char *key = dy_arena_strndup(p->memo_arena, s, n);
    if (!key)
        return OOM(p);
    *m = (struct altmemo){h, key, n, *out};
    p->nmemo++;
    return 0;
}

static int make_alt_uncached(vparser *p, const char *s, size_t n, dict_alt *out)
{
    /* One scratch arena per file, reset per word: tokenising thousands of
     * pattern words must not cost an allocation each. */
    if (!p->scratch && !(p->scratch = dy_arena_new()))
        return OOM(p);
    dy_arena *tmp = p->scratch;
    dy_arena_reset(tmp);
    txt_token *tk;
    size_t nt;
    int rc = txt_tokenize(s, n, tmp, &tk, &nt, p->err);
    if (!rc) {
        uint64_t *h = dy_arena_calloc(p->ds->arena, nt ? nt : 1, sizeof *h);
        if (!h) {
            rc = OOM(p);
        } else {
            uint32_t k = 0;
            for (size_t i = 0; i < nt; i++)
                if (!(tk[i].flags & TXT_TOK_HYPHEN))
                    h[k++] = tk[i].hash;
            out->tok = h;
            out->n = k;
            if (k == 0)
                rc = dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                                "empty word in pattern near \"%.*s\"", (int)n, s);
        }
    }
    return rc;
}

/* The plural variant of a one-word alternative written in lower case, or
 * n == 0 when none applies. */
static int plural_alt(vparser *p, const char *s, size_t n, dict_alt *out)
{
    out->n = 0;
    char w[128], pl[160];
    if (n == 0 || n >= sizeof w)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (!islower((unsigned char)s[i]))
            return 0;
        w[i] = s[i];
    }
    size_t pn = dict_plural(w, n, pl, sizeof pl);
    if (!pn)
        return 0;
    uint64_t *h = dy_arena_alloc(p->ds->arena, sizeof *h);
    if (!h)
        return OOM(p);
    *h = txt_hash(pl, pn);
    out->tok = h;
    out->n = 1;
    return 0;
}

/* Parse "a | b c | d" into alternatives (with plural variants of one-word
 * lower-case alternatives). */
static int parse_alts(vparser *p, const char *s, size_t n, dict_alt **out, uint32_t *nout)
{
    size_t cnt = 1;
    for (size_t i = 0; i < n; i++)
        cnt += s[i] == '|';
    dict_alt *v = dy_arena_calloc(p->ds->arena, cnt * 2, sizeof *v);
    if (!v)
        return OOM(p);
    uint32_t k = 0;
    size_t st = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '|')
            continue;
        const char *a = s + st;
        size_t an = i - st;
        while (an && isspace((unsigned char)*a))
            a++, an--;
        while (an && isspace((unsigned char)a[an - 1]))
            an--;
        if (an == 0)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "empty alternative (check the '|' separators)");
        int rc = make_alt(p, a, an, &v[k]);
        if (rc)
            return rc;
        k++;
        if (!memchr(a, ' ', an)) {
            rc = plural_alt(p, a, an, &v[k]);
            if (rc)
                return rc;
            if (v[k].n)
                k++;
        }
        st = i + 1;
    }
    *out = v;
    *nout = k;
    return 0;
}

static const wclass *find_class(const vparser *p, const char *name, size_t n)
{
    for (size_t i = 0; i < p->nclasses; i++)
        if (strlen(p->classes[i].name) == n && memcmp(p->classes[i].name, name, n) == 0)
            return &p->classes[i];
    return NULL;
}

static int is_special(char c)
{
    return c == '{' || c == '}' || c == '(' || c == ')' || c == '|' || c == '_';
}

/* Parse one element starting at s[*i]; fills e. */
static int parse_elem(vparser *p, const char *s, size_t n, size_t *i, dict_pelem *e)
{
    size_t j = *i;
    char c = s[j];
    if (c == '*' || c == '+' || c == '$') {
        e->type = c == '*' ? DICT_PE_VERB : c == '+' ? DICT_PE_TARGET : DICT_PE_SOURCE;
        *i = j + 1;
        return 0;
    }
    e->type = DICT_PE_WORDS;
    dict_alt *alts;
    uint32_t na;
    if (c == '{') {
        const char *close = memchr(s + j, '}', n - j);
        if (!close)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1, "missing '}' in pattern");
        int rc = parse_alts(p, s + j + 1, (size_t)(close - (s + j + 1)), &alts, &na);
        if (rc)
            return rc;
        *i = (size_t)(close - s) + 1;
    } else if (c == '&') {
        size_t k = j + 1;
        while (k < n && !isspace((unsigned char)s[k]) && !is_special(s[k]))
            k++;
        const wclass *wc = find_class(p, s + j, k - j);
        if (!wc)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "unknown word class \"%.*s\" (define it with a class line first)",
                              (int)(k - j), s + j);
        alts = wc->alts;
        na = wc->nalts;
        *i = k;
    } else {
        size_t k = j;
        while (k < n && !isspace((unsigned char)s[k]) && !is_special(s[k]))
            k++;
        if (k == j)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "unexpected '%c' in pattern", c);
        int rc = parse_alts(p, s + j, k - j, &alts, &na);
        if (rc)
            return rc;
        *i = k;
    }
    e->alts = alts;
    e->nalts = na;
    return 0;
}

/* Stable sort of alternatives by first-token hash: word classes of dozens
 * of alternatives are then searched, not scanned, and alternatives with the
 * same first word keep their written order. Already sorted (a class shared
 * by many patterns, sorted once): one pass. Short lists: insertion; long
 * ones: merge sort (insertion sort made a list of 400,000 alternatives
 * load in half a minute), or insertion when no scratch memory is left. */
static void insertion_alts(dict_alt *a, uint32_t n)
{
    for (uint32_t i = 1; i < n; i++) {
        dict_alt x = a[i];
        uint32_t j = i;
        while (j > 0 && a[j - 1].tok[0] > x.tok[0]) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
    }
}

static void merge_alts(dict_alt *a, dict_alt *tmp, uint32_t n)
{
    if (n <= 16) {
        insertion_alts(a, n);
        return;
    }
    uint32_t h = n / 2;
    merge_alts(a, tmp, h);
    merge_alts(a + h, tmp, n - h);
    if (a[h - 1].tok[0] <= a[h].tok[0])
        return;
    memcpy(tmp, a, h * sizeof *a);
    uint32_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        a[k++] = a[j].tok[0] < tmp[i].tok[0] ? a[j++] : tmp[i++];
    while (i < h)
        a[k++] = tmp[i++];
}

static void sort_alts(dict_alt *a, uint32_t n)
{
    uint32_t i = 1;
    while (i < n && a[i - 1].tok[0] <= a[i].tok[0])
        i++;
    if (i >= n)
        return;
    dict_alt *tmp = n > 64 ? dy_malloc((size_t)(n / 2 + 1) * sizeof *tmp) : NULL;
    if (tmp)
        merge_alts(a, tmp, n);
    else
        insertion_alts(a, n);
    dy_free(tmp);
}

/* Hash of a pattern's text with runs of blanks as one space. */
static uint64_t pattern_hash(const char *t)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    int sp = 0;
    for (; *t; t++) {
        if (isspace((unsigned char)*t)) {
            sp = 1;
            continue;
        }
        if (sp) {
            h = (h ^ ' ') * 0x100000001b3ULL;
            sp = 0;
        }
        h = (h ^ (unsigned char)*t) * 0x100000001b3ULL;
    }
    return h;
}

/* Are two pattern texts equal up to runs of blanks? */
static int same_text(const char *a, const char *b)
{
    for (;;) {
        int sa = 0, sb = 0;
        while (isspace((unsigned char)*a))
            a++, sa = 1;
        while (isspace((unsigned char)*b))
            b++, sb = 1;
        if (!*a || !*b)
            return !*a && !*b;
        if (sa != sb || *a != *b)
            return 0;
        a++, b++;
    }
}

/* Note a pattern line of entry l that repeats one of the same entry in this
 * file (the later one can never decide anything). Returns 0 or DY_ENOMEM. */
static int note_repeat(vparser *p, const dict_vlex *l, const dict_pattern *pt)
{
    if ((p->nseen + 1) * 2 > p->capseen) {
        size_t nc = p->capseen ? p->capseen * 2 : 256;
        struct pseen *t = dy_calloc(nc, sizeof *t);
        if (!t)
            return OOM(p);
        for (size_t i = 0; i < p->capseen; i++)
            if (p->seen[i].pt) {
                size_t k = (size_t)(p->seen[i].h * 0x9E3779B97F4A7C15ULL >> 20) & (nc - 1);
                while (t[k].pt)
                    k = (k + 1) & (nc - 1);
                t[k] = p->seen[i];
            }
        dy_free(p->seen);
        p->seen = t;
        p->capseen = nc;
    }
    uint64_t h = pattern_hash(pt->text) ^ ((uint64_t)(uintptr_t)l * 0xff51afd7ed558ccdULL);
    size_t mask = p->capseen - 1;
    size_t k = (size_t)(h * 0x9E3779B97F4A7C15ULL >> 20) & mask;
    for (; p->seen[k].pt; k = (k + 1) & mask) {
        const struct pseen *q = &p->seen[k];
        if (q->h == h && q->l == l && same_text(q->pt->text, pt->text)) {
            if (dict_note(p->ds, p->file, p->line,
                          "pattern \"%s\" of \"%s\" repeats the one at %s (code %s)",
                          pt->text, l->pub.lemma, q->pt->ref, q->pt->code))
                return OOM(p);
            return 0;
        }
    }
    p->seen[k] = (struct pseen){h, l, pt};
    p->nseen++;
    return 0;
}

static int parse_pattern(vparser *p, const char *code, size_t cn, const char *s, size_t n)
{
    dict_set *ds = p->ds;
    if (!p->cur)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "pattern outside an entry: start one with verb or noun");
    if (!valid_event_code(code, cn))
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "expected a CAMEO event code (2-4 digits) or ---, got \"%.*s\"",
                          (int)cn, code);
    dict_pelem el[64];
    uint32_t nel = 0, verb = NONE, nt = 0, ns = 0;
    size_t i = 0;
    int adj = 0;
    while (i < n) {
        if (isspace((unsigned char)s[i])) {
            i++;
            continue;
        }
        if (s[i] == '_') {
            adj = 1;
            i++;
            continue;
        }
        if (nel == 64)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1, "pattern too long (over 64 elements)");
        dict_pelem *e = &el[nel];
        memset(e, 0, sizeof *e);
        if (s[i] == '(') {
            const char *close = memchr(s + i, ')', n - i);
            if (!close)
                return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1, "missing ')' in pattern");
            size_t k = i + 1, end = (size_t)(close - s);
            while (k < end && isspace((unsigned char)s[k]))
                k++;
            if (k == end)
                return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1, "empty '()' in pattern");
            if (s[k] == '*')
                return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1, "'*' cannot be optional");
            if (s[k] == '{' || s[k] == '&' || s[k] == '+' || s[k] == '$') {
                int rc = parse_elem(p, s, end, &k, e);
                if (rc)
                    return rc;
            } else {
                /* "(the two)": the whole group is one optional sequence. */
                e->type = DICT_PE_WORDS;
                dict_alt *a = dy_arena_calloc(ds->arena, 1, sizeof *a);
                if (!a)
                    return OOM(p);
                int rc = make_alt(p, s + k, end - k, a);
                if (rc)
                    return rc;
                e->alts = a;
                e->nalts = 1;
            }
            e->optional = 1;
            i = end + 1;
        } else {
            int rc = parse_elem(p, s, n, &i, e);
            if (rc)
                return rc;
        }
        e->adjacent = (uint8_t)adj;
        adj = 0;
        if (e->type == DICT_PE_VERB) {
            if (verb != NONE)
                return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1, "more than one '*' in pattern");
            verb = nel;
        }
        nt += e->type == DICT_PE_TARGET;
        ns += e->type == DICT_PE_SOURCE;
        nel++;
    }
    if (verb == NONE)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "pattern has no '*' (the entry's word)");
    if (nt > 1 || ns > 1)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "at most one '+' and one '$' per pattern");
    dict_pattern *pt = dy_arena_calloc(ds->arena, 1, sizeof *pt);
    dict_pelem *ev = dy_arena_calloc(ds->arena, nel, sizeof *ev);
    char ref[600];
    int rn = dict_make_ref(ref, sizeof ref, dict_ref_name(p->ds, p->file), p->line);
    if (!pt || !ev || !(pt->ref = dy_arena_strndup(ds->arena, ref, (size_t)rn)) ||
        !(pt->text = dy_arena_strndup(ds->arena, s, n)))
        return OOM(p);
    memcpy(ev, el, nel * sizeof *ev);
    for (uint32_t k = 0; k < nel; k++) {
        if (ev[k].type == DICT_PE_WORDS && ev[k].nalts >= 6) {
            sort_alts((dict_alt *)ev[k].alts, ev[k].nalts);
            ev[k].sorted = 1;
        }
        for (uint32_t a = 0; a < ev[k].nalts; a++) {
            uint64_t f = ev[k].alts[a].tok[0], l = ev[k].alts[a].tok[ev[k].alts[a].n - 1];
            DICT_FILTER_SET(ev[k].first, f);
            DICT_FILTER_SET(ev[k].last, l);
        }
    }
    memcpy(pt->code, code, cn);
    pt->el = ev;
    pt->nel = nel;
    pt->verb = verb;
    pt->order = (uint32_t)ds->npatterns++;
    dict_vlex *l = p->cur;
    int rc = note_repeat(p, l, pt);
    if (rc)
        return rc;
    if (grow((void **)&l->pats, &l->cap, l->npats, sizeof *l->pats))
        return OOM(p);
    l->pats[l->npats++] = pt;
    return 0;
}

static int parse_class(vparser *p, const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && !isspace((unsigned char)s[k]))
        k++;
    if (k < 2 || s[0] != '&' || k >= 64)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "expected \"class &NAME forms...\"");
    if (find_class(p, s, k))
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                          "word class \"%.*s\" defined twice in this file", (int)k, s);
    while (k < n && isspace((unsigned char)s[k]))
        k++;
    if (k == n)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1, "word class without forms");
    if (grow((void **)&p->classes, &p->capclasses, p->nclasses, sizeof *p->classes))
        return OOM(p);
    wclass *wc = &p->classes[p->nclasses];
    size_t nn = 0;
    while (nn < n && !isspace((unsigned char)s[nn]))
        nn++;
    memcpy(wc->name, s, nn);
    wc->name[nn] = '\0';
    int rc = parse_alts(p, s + k, n - k, &wc->alts, &wc->nalts);
    if (rc)
        return rc;
    p->nclasses++;
    return 0;
}

static int parse_forms(vparser *p, const char *s, size_t n)
{
    if (!p->cur)
        return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1, "\"forms\" outside an entry");
    size_t st = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '|')
            continue;
        const char *a = s + st;
        size_t an = i - st;
        while (an && isspace((unsigned char)*a))
            a++, an--;
        while (an && isspace((unsigned char)a[an - 1]))
            an--;
        if (an == 0)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1, "empty form");
        if (memchr(a, ' ', an))
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "a form is one word, got \"%.*s\"", (int)an, a);
        dict_vlex *l = p->cur;
        if (grow((void **)&l->forms, &l->capforms, l->nforms, sizeof *l->forms))
            return OOM(p);
        char *f = dy_arena_strndup(p->ds->arena, a, an);
        if (!f)
            return OOM(p);
        for (char *c = f; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        l->forms[l->nforms++] = f;
        st = i + 1;
    }
    return 0;
}

static int vparse_line(vparser *p, char *s, size_t n)
{
    const char *kw, *arg;
    size_t kn, an;
    if (!dict_split_line(s, n, &kw, &kn, &arg, &an))
        return 0;
#define KW(x) (kn == sizeof(x) - 1 && memcmp(kw, x, kn) == 0)
    if (KW("verb") || KW("noun")) {
        if (an == 0 || memchr(arg, ' ', an) || memchr(arg, '\t', an))
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "expected one lemma after \"%.*s\"", (int)kn, kw);
        return get_lexeme(p, KW("verb") ? DICT_LX_VERB : DICT_LX_NOUN, arg, an);
    }
    if (KW("class"))
        return parse_class(p, arg, an);
    if (KW("forms"))
        return parse_forms(p, arg, an);
    if (KW("speech")) {
        if (!p->cur)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1, "\"speech\" outside an entry");
        p->cur->pub.speech = 1;
        return 0;
    }
    if (KW("code")) {
        if (!p->cur)
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1, "\"code\" outside an entry");
        if (!valid_event_code(arg, an))
            return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                              "expected a CAMEO event code (2-4 digits), got \"%.*s\"", (int)an, arg);
        /* a second code line in one entry block is a slip (entries of a
         * lemma merged from several blocks or files: the first one counts,
         * as documented) */
        if (p->block_code &&
            dict_note(p->ds, p->file, p->line,
                      "second code line in the entry \"%s\" (%.*s; %s at %s is used)",
                      p->cur->pub.lemma, (int)an, arg, p->cur->pub.code, p->cur->pub.code_ref))
            return OOM(p);
        p->block_code = 1;
        if (!p->cur->pub.code[0]) {
            char ref[600];
            int rn = dict_make_ref(ref, sizeof ref, dict_ref_name(p->ds, p->file), p->line);
            p->cur->pub.code_ref = dy_arena_strndup(p->ds->arena, ref, (size_t)rn);
            if (!p->cur->pub.code_ref)
                return OOM(p);
            memcpy(p->cur->pub.code, arg, an);
            p->cur->pub.code[an] = '\0';
        }
        return 0;
    }
    if (isdigit((unsigned char)kw[0]) || kw[0] == '-')
        return parse_pattern(p, kw, kn, arg, an);
#undef KW
    return dy_err_set(p->err, DY_EPARSE, p->file, p->line, -1,
                      "unknown keyword \"%.*s\": expected verb, noun, forms, code, speech, "
                      "class or a pattern line CODE PATTERN", (int)kn, kw);
}

static int verb_line(void *ud, char *line, size_t n) { return vparse_line(ud, line, n); }

int dict_load_verbs_string(dict_set *ds, const char *name, const char *text, size_t len,
                           dy_err *err)
{
    if (ds->compiled)
        return dy_err_set(err, DY_EINVAL, name, 0, -1, "dictionary set already compiled");
    char *fname = dy_arena_strndup(ds->arena, name, strlen(name));
    if (!fname || dict_note_utf8(ds, name, text, len))
        return dy_err_set(err, DY_ENOMEM, name, 0, -1, "out of memory");
    vparser p = {.ds = ds, .file = fname, .err = err};
    int rc = dict_each_line(p.file, text, len, &p.line, verb_line, &p, err);
    dy_free(p.classes);
    dy_free(p.memo);
    dy_free(p.seen);
    dy_arena_free(p.memo_arena);
    dy_arena_free(p.scratch);
    return rc;
}

int dict_load_verbs_file(dict_set *ds, const char *path, dy_err *err)
{
    char *buf;
    size_t n;
    int rc = dict_read_file(path, &buf, &n, err);
    if (!rc)
        rc = dict_load_verbs_string(ds, path, buf, n, err);
    dy_free(buf);
    return rc;
}

/* ---- inflections and the word table ----------------------------------- */

typedef struct wf_tmp {
    uint64_t h;
    uint32_t lex;
    uint32_t form;
} wf_tmp;

typedef struct wf_vec {
    wf_tmp *v;
    size_t n, cap;
} wf_vec;

static int wf_add(wf_vec *w, const char *s, size_t n, uint32_t lex, uint32_t form)
{
    if (grow((void **)&w->v, &w->cap, w->n, sizeof *w->v))
        return DY_ENOMEM;
    w->v[w->n++] = (wf_tmp){txt_hash(s, n), lex, form};
    return 0;
}

static int is_vowel(char c) { return strchr("aeiou", c) != NULL; }

/* Consonant-vowel-consonant ending of a short word: "stop", "ban", "plan". */
static int cvc(const char *w, size_t n)
{
    if (n < 3)
        return 0;
    char a = w[n - 3], b = w[n - 2], c = w[n - 1];
    return !is_vowel(a) && is_vowel(b) && !is_vowel(c) && !strchr("wxy", c);
}

static int verb_forms(wf_vec *w, const char *l, uint32_t lex)
{
    size_t n = strlen(l);
    char b[160];
    if (n == 0 || n > 120)
        return 0;
    int rc = wf_add(w, l, n, lex, DICT_WF_BASE);
    char last = l[n - 1], prev = n > 1 ? l[n - 2] : 0;
    /* third person singular */
    memcpy(b, l, n);
    size_t m;
    if (strchr("sxzo", last) || (last == 'h' && (prev == 'c' || prev == 's'))) {
        memcpy(b + n, "es", 2);
        m = n + 2;
    } else if (last == 'y' && !is_vowel(prev)) {
        memcpy(b + n - 1, "ies", 3);
        m = n + 2;
    } else {
        b[n] = 's';
        m = n + 1;
    }
    rc |= wf_add(w, b, m, lex, DICT_WF_S);
    /* past / participle */
    if (last == 'e') {
        b[n] = 'd';
        m = n + 1;
    } else if (last == 'y' && !is_vowel(prev)) {
        memcpy(b + n - 1, "ied", 3);
        m = n + 2;
    } else {
        memcpy(b + n, "ed", 2);
        m = n + 2;
    }
    rc |= wf_add(w, b, m, lex, DICT_WF_PAST);
    if (cvc(l, n)) {
        b[n] = last;
        memcpy(b + n + 1, "ed", 2);
        rc |= wf_add(w, b, n + 3, lex, DICT_WF_PAST);
        memcpy(b + n + 1, "ing", 3);
        rc |= wf_add(w, b, n + 4, lex, DICT_WF_ING);
    }
    /* -ing */
    if (n > 2 && last == 'e' && prev == 'i') {
        memcpy(b + n - 2, "ying", 4);
        m = n + 2;
    } else if (n > 2 && last == 'e' && prev != 'e' && prev != 'y' && prev != 'o') {
        memcpy(b + n - 1, "ing", 3);
        m = n + 2;
    } else {
        memcpy(b + n, "ing", 3);
        m = n + 3;
    }
    rc |= wf_add(w, b, m, lex, DICT_WF_ING);
    return rc ? DY_ENOMEM : 0;
}

static int cmp_wf(const void *a, const void *b)
{
    const wf_tmp *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    if (x->lex != y->lex)
        return x->lex < y->lex ? -1 : 1;
    return (x->form > y->form) - (x->form < y->form);
}

/* The key element of a pattern: the first required word element after
 * '*', else the nearest required one before it; -1 when none. */
/* Cost of keying a pattern on words element e (read in direction dir): a
 * pattern is tried whenever its key occurs near the event word, so a key
 * among the commonest words ("is", "in", "the") costs a try in nearly
 * every sentence. Counting stops at limit. */
static uint32_t key_cost(const dict_pelem *e, int dir, const uint64_t *common, size_t ncommon,
                         uint32_t limit)
{
    uint32_t cost = 0;
    for (uint32_t a = 0; a < e->nalts && cost < limit; a++) {
        uint64_t h = dir > 0 ? e->alts[a].tok[0] : e->alts[a].tok[e->alts[a].n - 1];
        uint32_t c = 1;
        if (DICT_FILTER_HAS(common, h)) {
            size_t lo = 4, hi = ncommon; /* common[4..] is sorted */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (common[mid] < h)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            if (lo < ncommon && common[lo] == h)
                c = 64;
        }
        cost += c;
    }
    return cost;
}

/* The key element of pattern p: the cheapest required words element
 * (key_cost) among those that lie close to the event word for certain, so
 * that the coder's search window around the word always holds it; -1
 * when p has none (it is then tried at every occurrence of its word).
 * *dir is 1 for an element after the word, -1 before it. */
static int32_t key_element(const dict_pattern *p, int *dir, const uint64_t *common,
                           size_t ncommon)
{
    int32_t best = -1;
    uint32_t best_cost = UINT32_MAX;
    *dir = 0;
    /* By default the first required words element after the word, else
     * the nearest before it, wherever it lies. */
    for (uint32_t i = p->verb + 1; i < p->nel && best < 0; i++)
        if (p->el[i].type == DICT_PE_WORDS && !p->el[i].optional) {
            *dir = 1;
            best = (int32_t)i;
        }
    for (uint32_t i = p->verb; i-- > 0 && best < 0;)
        if (p->el[i].type == DICT_PE_WORDS && !p->el[i].optional) {
            *dir = -1;
            best = (int32_t)i;
        }
    if (best >= 0)
        best_cost = key_cost(&p->el[best], *dir, common, ncommon, UINT32_MAX);
    for (int d = 1; d >= -1; d -= 2) {
        /* Tokens an element may end at, at most: its longest alternative
         * plus the gap before it. An actor has no fixed length, so the
         * search stops at the first one. */
        uint32_t reach = 0;
        for (int64_t i = (int64_t)p->verb + d; i >= 0 && i < (int64_t)p->nel; i += d) {
            const dict_pelem *e = &p->el[i];
            if (e->type != DICT_PE_WORDS)
                break;
            uint32_t longest = 0;
            for (uint32_t a = 0; a < e->nalts; a++)
                if (e->alts[a].n > longest)
                    longest = e->alts[a].n;
            const dict_pelem *later = d > 0 ? e : &p->el[i + 1];
            reach += longest + (later->adjacent ? 0 : 3);
            if (reach > 12)
                break;
            if (e->optional)
                continue;
            uint32_t c = key_cost(e, d, common, ncommon, best_cost);
            if (c < best_cost) {
                best_cost = c;
                best = (int32_t)i;
                *dir = d;
            }
        }
    }
    return best;
}

/* The key hash of alternative a of key element e (first token forward,
 * last token backward). */
static uint64_t key_hash(const dict_alt *a, int dir)
{
    return dir > 0 ? a->tok[0] : a->tok[a->n - 1];
}

/* Slot of hash h in an open-addressing key table of cap slots (cap a power
 * of two); the slot is empty (n == 0 and not used) when h is absent. */
static size_t key_slot(const dict_pkey *keys, const uint8_t *used, size_t cap, uint64_t h)
{
    size_t s = h & (cap - 1);
    while (used[s] && keys[s].h != h)
        s = (s + 1) & (cap - 1);
    return s;
}

/* Upper bound on the distance from the word to the key token of pattern p
 * (key element ki in direction dir), in tokens that are not hyphens: the
 * gaps and longest alternatives of the elements between, then the key's
 * gap and its first (dir 1) or last (dir -1) token. Gaps count only
 * non-hyphen tokens when matching, which makes this exact. DICT_KEY_FAR
 * when an actor lies between (its length has no bound). */
static uint32_t key_reach(const dict_pattern *p, int32_t ki, int dir)
{
    uint32_t reach = 0;
    for (int64_t i = (int64_t)p->verb + dir; i != ki; i += dir) {
        const dict_pelem *e = &p->el[i];
        if (e->type != DICT_PE_WORDS)
            return DICT_KEY_FAR;
        uint32_t longest = 0;
        for (uint32_t a = 0; a < e->nalts; a++)
            if (e->alts[a].n > longest)
                longest = e->alts[a].n;
        const dict_pelem *later = dir > 0 ? e : &p->el[i + 1];
        reach += longest + (later->adjacent ? 0 : 3);
    }
    const dict_pelem *later = dir > 0 ? &p->el[ki] : &p->el[ki + 1];
    reach += (later->adjacent ? 0 : 3) + 1;
    return reach < DICT_KEY_FAR ? reach : DICT_KEY_FAR;
}

/* Build the key index of one lexeme: for every key token, the patterns
 * (ascending, without repeats) whose key element can start with it. Hashing
 * in two passes (count, then fill) rather than sorting pairs: this runs for
 * every lexeme at every start. Returns 0 or DY_ENOMEM. */
static int index_lexeme(dict_vlex *l, const uint64_t *common, size_t ncommon)
{
    size_t npairs = 0, ngen = 0;
    for (size_t i = 0; i < l->npats; i++) {
        int dir;
        int32_t k = key_element(l->pats[i], &dir, common, ncommon);
        l->pats[i]->key_dir = dir;
        l->pats[i]->key_el = k;
        if (k >= 0) {
            uint32_t r = key_reach(l->pats[i], k, dir);
            uint8_t *side = dir > 0 ? &l->key_after : &l->key_before;
            if (r > *side)
                *side = (uint8_t)r;
        }
        if (k < 0)
            ngen++;
        else
            npairs += l->pats[i]->el[k].nalts;
    }
    uint32_t cap = 8;
    while (cap < npairs * 2)
        cap *= 2;
    l->generic = dy_calloc(ngen ? ngen : 1, sizeof *l->generic);
    l->keys = dy_calloc(cap, sizeof *l->keys);
    uint8_t *used = dy_calloc(cap, 1);
    uint32_t *last = dy_reallocarray(NULL, cap, sizeof *last);
    uint32_t *fill = dy_calloc(cap, sizeof *fill);
    int rc = (!l->generic || !l->keys || !used || !last || !fill) ? DY_ENOMEM : 0;
    size_t total = 0, nkeys = 0;
    for (int pass = 0; pass < 2 && !rc; pass++) {
        for (size_t s = 0; s < cap; s++)
            last[s] = UINT32_MAX;
        for (size_t i = 0; i < l->npats; i++) {
            int dir = l->pats[i]->key_dir;
            int32_t k = l->pats[i]->key_el;
            if (k < 0) {
                if (pass == 0)
                    l->generic[l->ngeneric++] = (uint32_t)i;
                continue;
            }
            const dict_pelem *e = &l->pats[i]->el[k];
            for (uint32_t a = 0; a < e->nalts; a++) {
                uint64_t h = key_hash(&e->alts[a], dir);
                size_t s = key_slot(l->keys, used, cap, h);
                if (last[s] == (uint32_t)i)
                    continue; /* two alternatives of one pattern, same first word */
                last[s] = (uint32_t)i;
                if (pass == 0) {
                    if (!used[s]) {
                        used[s] = 1;
                        l->keys[s].h = h;
                        nkeys++;
                    }
                    l->keys[s].n++;
                    total++;
                } else {
                    uint32_t r = key_reach(l->pats[i], k, dir);
                    if (r > DICT_KEY_REACH_FAR)
                        r = DICT_KEY_REACH_FAR;
                    l->keyidx[l->keys[s].off + fill[s]++] =
                        (uint32_t)i | r << 24 | (dir < 0 ? DICT_KEY_BEFORE : 0);
                }
            }
        }
        if (pass == 0) {
            l->keyidx = dy_calloc(total ? total : 1, sizeof *l->keyidx);
            uint32_t lg = 8;
            while (lg < 20 && (1u << lg) < nkeys * 16)
                lg++;
            l->keybits = dy_calloc((1u << lg) / 64, sizeof *l->keybits);
            if (!l->keyidx || !l->keybits) {
                rc = DY_ENOMEM;
                break;
            }
            l->keyshift = 64 - lg;
            for (size_t s = 0; s < cap; s++)
                if (used[s]) {
                    uint64_t b = (l->keys[s].h * 0x9E3779B97F4A7C15ull) >> l->keyshift;
                    l->keybits[b >> 6] |= 1ull << (b & 63u);
                }
            uint32_t off = 0;
            for (size_t s = 0; s < cap; s++) {
                l->keys[s].off = off;
                off += l->keys[s].n;
            }
        }
    }
    dy_free(used);
    dy_free(last);
    dy_free(fill);
    if (rc)
        return rc;
    l->keycap = cap;
    return 0;
}

size_t dict_lexeme_keyed(const dict_vlex *lx, uint64_t h, const uint32_t **idx)
{
    if (!lx->keycap || !dict_lexeme_may_key(lx, h))
        return 0;
    for (size_t s = h & (lx->keycap - 1);; s = (s + 1) & (lx->keycap - 1)) {
        const dict_pkey *k = &lx->keys[s];
        if (!k->n)
            return 0;
        if (k->h == h) {
            *idx = &lx->keyidx[k->off];
            return k->n;
        }
    }
}

/* Passive readings of a set's verb patterns. A pattern whose word is
 * followed directly by the words of its object ("161 * &ENVOY": "expelled
 * diplomats") also reads in the passive voice, the object before a form
 * of "be" right before the word ("diplomats were expelled", "envoys have
 * been expelled"); the coder's passive rule then takes the agent after
 * "by" as source and the subject as target. The variants keep the
 * pattern's code, text and file:line and come after every written pattern,
 * which therefore wins ties. Returns 0 or DY_ENOMEM. */
static int add_passives(dict_set *ds)
{
    static const char *const be[] = {"is", "are", "was", "were", "be", "been", "being",
                                     "get", "gets", "got", "gotten"};
    enum { NBE = sizeof be / sizeof *be };
    uint64_t *bh = dy_arena_alloc(ds->arena, NBE * sizeof *bh);
    dict_alt *ba = dy_arena_calloc(ds->arena, NBE, sizeof *ba);
    if (!bh || !ba)
        return DY_ENOMEM;
    dict_pelem bel = {.type = DICT_PE_WORDS, .nalts = NBE, .alts = ba};
    for (size_t i = 0; i < NBE; i++) {
        bh[i] = txt_hash(be[i], strlen(be[i]));
        ba[i] = (dict_alt){&bh[i], 1};
        DICT_FILTER_SET(bel.first, bh[i]);
        DICT_FILTER_SET(bel.last, bh[i]);
    }
    for (size_t li = 0; li < ds->nlex; li++) {
        dict_vlex *l = ds->lex[li];
        if (l->pub.kind != DICT_LX_VERB || l->pub.speech)
            continue;
        size_t n0 = l->npats;
        for (size_t i = 0; i < n0; i++) {
            const dict_pattern *p = l->pats[i];
            if (p->verb != 0 || p->nel < 2 || p->el[1].type != DICT_PE_WORDS ||
                p->el[1].optional || p->code[0] == '-')
                continue;
            dict_pattern *q = dy_arena_alloc(ds->arena, sizeof *q);
            dict_pelem *ev = dy_arena_alloc(ds->arena, (p->nel + 1) * sizeof *ev);
            if (!q || !ev || grow((void **)&l->pats, &l->cap, l->npats, sizeof *l->pats))
                return DY_ENOMEM;
            ev[0] = p->el[1];
            ev[0].adjacent = 0;
            ev[1] = bel;
            ev[2] = p->el[0];
            ev[2].adjacent = 1; /* the form of "be" right before the word */
            for (uint32_t k = 2; k < p->nel; k++)
                ev[k + 1] = p->el[k];
            *q = *p;
            q->el = ev;
            q->nel = p->nel + 1;
            q->verb = 2;
            q->order = (uint32_t)ds->npatterns++;
            l->pats[l->npats++] = q;
        }
    }
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int dict_compile_verbs(dict_set *ds)
{
    static const char *const cw[] = {
        "the", "a", "an", "of", "in", "to", "on", "for", "with", "by", "at", "from", "and",
        "or", "that", "this", "is", "was", "are", "were", "be", "been", "being", "has", "have",
        "had", "it", "its", "as", "'s", "not", "will", "would", "said", "their", "his", "her",
        "which", "who", "after", "over", "up", "out", "into", "about", "than", "also", "but",
        "he", "she", "they", "we", "i", "new", "more", "s", "last", ",", ".", NULL};
    /* common[0..3]: a filter over the hashes that follow */
    uint64_t common[68] = {0};
    size_t ncommon = 4;
    for (size_t i = 0; cw[i] && ncommon < 68; i++) {
        common[ncommon] = txt_hash(cw[i], strlen(cw[i]));
        DICT_FILTER_SET(common, common[ncommon]);
        ncommon++;
    }
    qsort(common + 4, ncommon - 4, sizeof *common, cmp_u64);
    if (add_passives(ds))
        return DY_ENOMEM;
    for (size_t i = 0; i < ds->nlex; i++)
        if (index_lexeme(ds->lex[i], common, ncommon))
            return DY_ENOMEM;
    wf_vec w = {0};
    int rc = 0;
    for (size_t i = 0; i < ds->nlex && !rc; i++) {
        const dict_vlex *l = ds->lex[i];
        const char *lm = l->pub.lemma;
        size_t n = strlen(lm);
        if (l->pub.kind == DICT_LX_VERB) {
            rc = verb_forms(&w, lm, (uint32_t)i);
        } else {
            char pl[160];
            rc = wf_add(&w, lm, n, (uint32_t)i, DICT_WF_BASE);
            size_t pn = dict_plural(lm, n, pl, sizeof pl);
            if (!rc && pn)
                rc = wf_add(&w, pl, pn, (uint32_t)i, DICT_WF_S);
        }
        for (size_t f = 0; f < l->nforms && !rc; f++) {
            const char *s = l->forms[f];
            size_t sn = strlen(s);
            uint32_t form = DICT_WF_PAST;
            if (sn > 3 && strcmp(s + sn - 3, "ing") == 0)
                form = DICT_WF_ING;
            else if (l->pub.kind == DICT_LX_NOUN || (sn > 1 && s[sn - 1] == 's' && sn > n))
                form = DICT_WF_S;
            rc = wf_add(&w, s, sn, (uint32_t)i, form);
        }
    }
    if (rc) {
        dy_free(w.v);
        return DY_ENOMEM;
    }
    if (w.n)
        qsort(w.v, w.n, sizeof *w.v, cmp_wf);
    /* Keep one form per (word, lexeme): irregular forms may repeat
     * generated ones. */
    size_t k = 0;
    for (size_t i = 0; i < w.n; i++)
        if (k == 0 || w.v[k - 1].h != w.v[i].h || w.v[k - 1].lex != w.v[i].lex)
            w.v[k++] = w.v[i];
    w.n = k;
    ds->wfs = dy_calloc(w.n ? w.n : 1, sizeof *ds->wfs);
    size_t cap = 64;
    while (cap < w.n * 2)
        cap *= 2;
    ds->wtab = dy_calloc(cap, sizeof *ds->wtab);
    if (!ds->wfs || !ds->wtab) {
        dy_free(w.v);
        return DY_ENOMEM;
    }
    ds->wcap = cap;
    ds->nwfs = w.n;
    for (size_t i = 0; i < w.n;) {
        size_t j = i;
        while (j < w.n && w.v[j].h == w.v[i].h) {
            ds->wfs[j].lx = &ds->lex[w.v[j].lex]->pub;
            ds->wfs[j].form = w.v[j].form;
            j++;
        }
        size_t s = w.v[i].h & (cap - 1);
        while (ds->wtab[s].n)
            s = (s + 1) & (cap - 1);
        ds->wtab[s] = (dict_wslot){w.v[i].h, (uint32_t)i, (uint32_t)(j - i)};
        uint64_t m = w.v[i].h * 0x9E3779B97F4A7C15ull;
        ds->word_filter[(m >> 48) >> 6] |= 1ull << ((m >> 48) & 63u);
        ds->word_filter[(m & 0xFFFFu) >> 6] |= 1ull << (m & 63u);
        i = j;
    }
    dy_free(w.v);
    return 0;
}

int dict_word_known(const dict_set *ds, uint64_t hash)
{
    const dict_wordform *wf;
    return dict_word_lookup(ds, hash, &wf) > 0;
}

int dict_word_speech_verb(const dict_set *ds, uint64_t hash)
{
    const dict_wordform *wf;
    size_t n = dict_word_lookup(ds, hash, &wf);
    for (size_t i = 0; i < n; i++)
        if (wf[i].lx->speech && wf[i].lx->kind == DICT_LX_VERB)
            return 1;
    return 0;
}

size_t dict_word_lookup(const dict_set *ds, uint64_t hash, const dict_wordform **out)
{
    /* Two bits of the mixed hash (FNV's top bits hardly differ between short
     * words): most words of a text are no event word and stop here, before
     * a probe of the table that is likely a cache miss. */
    uint64_t m = hash * 0x9E3779B97F4A7C15ull;
    if (!ds->wcap || !((ds->word_filter[(m >> 48) >> 6] >> ((m >> 48) & 63u)) & 1u) ||
        !((ds->word_filter[(m & 0xFFFFu) >> 6] >> (m & 63u)) & 1u))
        return 0;
    for (size_t s = hash & (ds->wcap - 1);; s = (s + 1) & (ds->wcap - 1)) {
        const dict_wslot *w = &ds->wtab[s];
        if (!w->n)
            return 0;
        if (w->h == hash) {
            *out = &ds->wfs[w->off];
            return w->n;
        }
    }
}
