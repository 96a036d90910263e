/* cues.c - cue words for modality, date carrying, clause boundaries and
 * pronouns (data/coder/cues.txt), looked up by the last token's hash. */
#include "code/code.h"
#include "core/alloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

typedef struct cue {
    uint64_t tok[8];
    uint32_t n;
    uint32_t kind;
} cue;

struct code_cues {
    cue *v;
    size_t n, cap;
    /* open addressing: last-token hash -> first cue index in a chain */
    struct slot { uint64_t h; uint32_t first; } *tab;
    uint32_t *next;
    size_t tcap;
    uint64_t filter[1024]; /* two bits (cue_bits) of every cue's last token */
    /* per kind: one bit (cue_bits' first) of its cues' last tokens, for
     * questions about a few kinds ("is there a pronoun?") */
    uint64_t kind_filter[CODE_CUE_KINDS][64];
};

/* The filter bits of token hash h: taken from the mixed hash, since the top
 * bits of FNV-1a hardly differ between short words and most words of a
 * sentence would pass. */
static void cue_bits(uint64_t h, uint32_t *a, uint32_t *b)
{
    uint64_t m = h * 0x9E3779B97F4A7C15ull;
    *a = (uint32_t)(m >> 48);
    *b = (uint32_t)(m & 0xFFFFu);
}

static const char *kind_names[CODE_CUE_KINDS] = {
    "negated", "alleged", "hypothetical", "future", "carry", "boundary",
    "pronoun-person", "pronoun-group", "pronoun-thing", "be", "preposition", "determiner",
    "obligation", "target-preposition", "light-verb", "relative", "speech-verb",
    "agent-preposition", "reciprocal", "naming-preposition", "topic-preposition", "sports", "subordinator", "possessive", "day", "setting-preposition", "occurrence",
    "impersonal", "honorific", "presupposing", "directive", "measure", "verbal", "having", "aspectual", "issuing", "attempt"};

void code_cues_free(code_cues *c)
{
    if (!c)
        return;
    dy_free(c->v);
    dy_free(c->tab);
    dy_free(c->next);
    dy_free(c);
}

static int add_cue(code_cues *c, uint32_t kind, const char *s, size_t n, const char *name,
                   long line, dy_err *err)
{
    dy_arena *a = dy_arena_new();
    if (!a)
        return dy_err_set(err, DY_ENOMEM, name, line, -1, "out of memory");
    txt_token *tk;
    size_t nt;
    int rc = txt_tokenize(s, n, a, &tk, &nt, err);
    if (!rc && (nt == 0 || nt > 8))
        rc = dy_err_set(err, DY_EPARSE, name, line, -1, "a cue has 1 to 8 words, got \"%.*s\"",
                        (int)n, s);
    if (!rc && c->n == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 256;
        cue *v = dy_reallocarray(c->v, ncap, sizeof *v);
        if (!v)
            rc = dy_err_set(err, DY_ENOMEM, name, line, -1, "out of memory");
        else {
            c->v = v;
            c->cap = ncap;
        }
    }
    if (!rc) {
        cue *q = &c->v[c->n++];
        q->n = (uint32_t)nt;
        q->kind = kind;
        for (size_t i = 0; i < nt; i++)
            q->tok[i] = tk[i].hash;
    }
    dy_arena_free(a);
    return rc;
}

static int build_table(code_cues *c)
{
    size_t cap = 64;
    while (cap < c->n * 2)
        cap *= 2;
    c->tab = dy_calloc(cap, sizeof *c->tab);
    c->next = dy_calloc(c->n ? c->n : 1, sizeof *c->next);
    if (!c->tab || !c->next)
        return DY_ENOMEM;
    c->tcap = cap;
    for (size_t i = 0; i < cap; i++)
        c->tab[i].first = UINT32_MAX;
    /* Insert in reverse so that chains list cues in file order. */
    for (size_t k = c->n; k-- > 0;) {
        uint64_t h = c->v[k].tok[c->v[k].n - 1];
        size_t s = h & (cap - 1);
        while (c->tab[s].first != UINT32_MAX && c->tab[s].h != h)
            s = (s + 1) & (cap - 1);
        c->next[k] = c->tab[s].first;
        c->tab[s].h = h;
        c->tab[s].first = (uint32_t)k;
        uint32_t ba, bb;
        cue_bits(h, &ba, &bb);
        c->filter[ba >> 6] |= 1ull << (ba & 63u);
        c->filter[bb >> 6] |= 1ull << (bb & 63u);
        uint32_t kb = ba & 4095u;
        c->kind_filter[c->v[k].kind][kb >> 6] |= 1ull << (kb & 63u);
    }
    return 0;
}

int code_cues_load_string(const char *name, const char *text, size_t len, code_cues **out,
                          dy_err *err)
{
    *out = NULL;
    code_cues *c = dy_calloc(1, sizeof *c);
    if (!c)
        return dy_err_set(err, DY_ENOMEM, name, 0, -1, "out of memory");
    size_t pos = 0;
    long line = 0;
    int rc = 0;
    while (!rc && pos < len) {
        const char *s = text + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - s) : len - pos;
        pos += n + (nl ? 1 : 0);
        line++;
        for (size_t i = 0; i < n; i++)
            if (s[i] == '#' && (i == 0 || isspace((unsigned char)s[i - 1]))) {
                n = i;
                break;
            }
        while (n && isspace((unsigned char)s[n - 1]))
            n--;
        size_t i = 0;
        while (i < n && isspace((unsigned char)s[i]))
            i++;
        if (i == n)
            continue;
        size_t k = i;
        while (k < n && !isspace((unsigned char)s[k]))
            k++;
        int kind = -1;
        for (int q = 0; q < CODE_CUE_KINDS; q++)
            if (strlen(kind_names[q]) == k - i && memcmp(kind_names[q], s + i, k - i) == 0)
                kind = q;
        if (kind < 0) {
            rc = dy_err_set(err, DY_EPARSE, name, line, -1,
                            "unknown cue kind \"%.*s\" (see the header of the cue file)",
                            (int)(k - i), s + i);
            break;
        }
        size_t st = k;
        for (size_t j = k; j <= n && !rc; j++) {
            if (j < n && s[j] != '|')
                continue;
            const char *f = s + st;
            size_t fn = j - st;
            while (fn && isspace((unsigned char)*f))
                f++, fn--;
            while (fn && isspace((unsigned char)f[fn - 1]))
                fn--;
            if (fn == 0)
                rc = dy_err_set(err, DY_EPARSE, name, line, -1, "empty cue (check the '|' separators)");
            else
                rc = add_cue(c, (uint32_t)kind, f, fn, name, line, err);
            st = j + 1;
        }
    }
    if (!rc && build_table(c))
        rc = dy_err_set(err, DY_ENOMEM, name, 0, -1, "out of memory");
    if (rc) {
        code_cues_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

int code_cues_load(const char *path, code_cues **out, dy_err *err)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open cue file: %s", strerror(errno));
    char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, fp);
    /* A read error (a directory, an I/O error) also stops short of the end:
     * it is no file too large. */
    int bad = ferror(fp), e = errno, big = !bad && !feof(fp);
    fclose(fp);
    if (bad)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot read cue file: %s", strerror(e));
    if (big)
        return dy_err_set(err, DY_ELIMIT, path, 0, -1, "cue file larger than 64 KiB");
    return code_cues_load_string(path, buf, n, out, err);
}

int code_cues_may_end(const code_cues *c, code_cue_mask mask, uint64_t h)
{
    uint32_t ba, bb;
    cue_bits(h, &ba, &bb);
    uint32_t kb = ba & 4095u;
    for (int k = 0; k < CODE_CUE_KINDS; k++)
        if (((mask >> k) & 1u) && ((c->kind_filter[k][kb >> 6] >> (kb & 63u)) & 1u))
            return 1;
    return 0;
}

code_cue_mask code_cues_at(const code_cues *c, const txt_token *tk, uint32_t lo, uint32_t j,
                           uint32_t start[CODE_CUE_KINDS])
{
    uint64_t h = tk[j].hash;
    uint32_t ba, bb;
    cue_bits(h, &ba, &bb);
    if (!((c->filter[ba >> 6] >> (ba & 63u)) & 1u) || !((c->filter[bb >> 6] >> (bb & 63u)) & 1u))
        return 0;
    size_t s = h & (c->tcap - 1);
    while (c->tab[s].first != UINT32_MAX && c->tab[s].h != h)
        s = (s + 1) & (c->tcap - 1);
    code_cue_mask mask = 0;
    for (uint32_t k = c->tab[s].first; k != UINT32_MAX; k = c->next[k]) {
        const cue *q = &c->v[k];
        if (q->n > j + 1 - lo)
            continue;
        uint32_t b = j + 1 - q->n, i = 0;
        while (i < q->n && tk[b + i].hash == q->tok[i])
            i++;
        if (i < q->n)
            continue;
        if (start && (!(mask & CODE_CUE_BIT(q->kind)) || b < start[q->kind]))
            start[q->kind] = b;
        mask |= CODE_CUE_BIT(q->kind);
    }
    return mask;
}
