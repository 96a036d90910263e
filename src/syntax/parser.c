/* parser.c - the arc-hybrid transition system (Kuhlmann, Gomez-Rodriguez
 * & Satta 2011) and greedy parsing with the model's classifier.
 *
 * A configuration is a stack (the root at its bottom), a buffer of the
 * tokens not yet read and the arcs so far. SHIFT moves the buffer's first
 * token b onto the stack; LEFT-r makes b the head of the stack top s0 and
 * pops it; RIGHT-r makes the item below, s1, the head of s0 and pops it.
 * Every sentence of n tokens takes exactly 2n moves, and every legal
 * sequence ends in a projective tree with one root: the root takes a
 * dependent only once the buffer is empty.
 */
#include "syntax/syntax_internal.h"
#include "core/invariant.h"

#include <string.h>

/* Contract in syntax_internal.h. */
int syn_state_init(syn_state *s, int n, dy_arena *a)
{
    size_t m = (size_t)n + 1;
    s->n = n;
    s->stack = dy_arena_alloc(a, m * sizeof *s->stack);
    s->head = dy_arena_alloc(a, m * sizeof *s->head);
    s->rel = dy_arena_alloc(a, m);
    s->lc1 = dy_arena_alloc(a, 4 * m * sizeof(int));
    s->nl = dy_arena_alloc(a, 2 * m);
    s->lset = dy_arena_alloc(a, 2 * m * sizeof(uint64_t));
    if (!s->stack || !s->head || !s->rel || !s->lc1 || !s->nl || !s->lset)
        return DY_ENOMEM;
    s->lc2 = s->lc1 + m;
    s->rc1 = s->lc2 + m;
    s->rc2 = s->rc1 + m;
    s->nr = s->nl + m;
    s->rset = s->lset + m;
    for (size_t i = 0; i < m; i++)
        s->head[i] = -1;
    memset(s->lc1, 0xFF, 4 * m * sizeof(int)); /* -1 */
    memset(s->rel, 0, m);
    memset(s->nl, 0, 2 * m);
    memset(s->lset, 0, 2 * m * sizeof(uint64_t));
    s->stack[0] = n;
    s->sp = 1;
    s->b = 0;
    return 0;
}

int syn_state_terminal(const syn_state *s)
{
    return s->b >= s->n && s->sp == 1;
}

/* Contract in syntax_internal.h. */
int syn_move_legal(const syn_state *s, int c)
{
    int kind = syn_move_kind(c);
    if (kind == SYN_SHIFT)
        return s->b < s->n;
    if (s->sp < 2)
        return 0;
    int rel = syn_move_rel(c);
    if (kind == SYN_LEFT)
        return s->b < s->n && rel != SYN_REL_ROOT;
    int s1 = s->stack[s->sp - 2];
    if (s1 == s->n)
        return s->b >= s->n && rel == SYN_REL_ROOT;
    return rel != SYN_REL_ROOT;
}

/* Record the arc h -> d with relation r. */
static void attach(syn_state *s, int h, int d, int r)
{
    assert(s->head[d] < 0 && h != d);
    s->head[d] = h;
    s->rel[d] = (uint8_t)r;
    if (d < h) {
        if (s->lc1[h] < 0 || d < s->lc1[h]) {
            s->lc2[h] = s->lc1[h];
            s->lc1[h] = d;
        } else if (s->lc2[h] < 0 || d < s->lc2[h]) {
            s->lc2[h] = d;
        }
        if (s->nl[h] < 255)
            s->nl[h]++;
        s->lset[h] |= 1ull << (r & 63);
    } else {
        if (s->rc1[h] < 0 || d > s->rc1[h]) {
            s->rc2[h] = s->rc1[h];
            s->rc1[h] = d;
        } else if (s->rc2[h] < 0 || d > s->rc2[h]) {
            s->rc2[h] = d;
        }
        if (s->nr[h] < 255)
            s->nr[h]++;
        s->rset[h] |= 1ull << (r & 63);
    }
}

/* Contract in syntax_internal.h. c must be legal. */
void syn_state_apply(syn_state *s, int c)
{
    assert(syn_move_legal(s, c));
    int kind = syn_move_kind(c);
    if (kind == SYN_SHIFT) {
        s->stack[s->sp++] = s->b++;
        return;
    }
    int s0 = s->stack[--s->sp];
    int h = kind == SYN_LEFT ? s->b : s->stack[s->sp - 1];
    attach(s, h, s0, syn_move_rel(c));
}

/* The best legal move by the scores. */
static int best_legal(const syn_state *s, const int32_t *score)
{
    int best = -1;
    for (int c = 0; c < SYN_NMOVES; c++) {
        if (!syn_move_legal(s, c))
            continue;
        if (best < 0 || score[c] > score[best])
            best = c;
    }
    assert(best >= 0);
    return best;
}

/* Is a an ancestor of d in t (or d itself)? */
static int dominates(const syn_tree *t, int a, int d)
{
    for (uint32_t steps = 0; d >= 0 && steps <= t->n; steps++) {
        if (d == a)
            return 1;
        d = t->head[d];
    }
    return 0;
}

/* UD attaches a comma to the head of the phrase it opens: the conjunct or
 * clause that follows ("..., the peaceful transition of power is not" ->
 * "is"). The greedy parser gets commas wrong more often than any other
 * token; re-attaching each comma to the highest word that heads the
 * material right after it (climbing from the next word while heads stay
 * to the right of the comma) is right more often (UD English PUD: commas
 * 55% -> 62% right, UAS +0.7). A comma that heads anything is left alone. */
static void attach_commas(const syn_word *w, syn_tree *t)
{
    int n = (int)t->n;
    const uint64_t comma = txt_hash(",", 1);
    for (int i = 0; i + 1 < n; i++) {
        if (w[i].w != comma || t->rel[i] != SYN_REL_PUNCT)
            continue;
        int has_dep = 0;
        for (int k = 0; k < n && !has_dep; k++)
            has_dep = t->head[k] == i;
        int r = i + 1;
        while (r < n && t->upos[r] == SYN_PUNCT)
            r++;
        if (has_dep || r >= n)
            continue;
        int x = r;
        for (uint32_t steps = 0; steps <= t->n; steps++) {
            int h = t->head[x];
            if (h < 0 || h < i)
                break;
            x = h;
        }
        if (x != i && !dominates(t, i, x))
            t->head[i] = x;
    }
}

/* Contract in syntax_internal.h. */
int syn_score_cache_init(syn_score_cache *c, const syn_weights *w, int n, dy_arena *a)
{
    size_t m = (size_t)n + 1, k = w->nclass;
    assert(n >= 0 && k > 0);
    c->nclass = w->nclass;
    c->stack = dy_arena_alloc(a, m * k * sizeof *c->stack);
    c->stack_tok = dy_arena_alloc(a, m * sizeof *c->stack_tok);
    c->buffer = dy_arena_alloc(a, k * sizeof *c->buffer);
    if (!c->stack || !c->stack_tok || !c->buffer)
        return DY_ENOMEM;
    for (size_t d = 0; d < m; d++)
        c->stack_tok[d] = -2; /* no token: every row is summed when first needed */
    c->buffer_b = -1;
    return 0;
}

/* out[0..nclass) = the weights of the features of groups (SYN_FG_*) of s. */
static void group_sum(const syn_weights *wt, const syn_state *s, const syn_word *w,
                      const uint8_t *tags, const uint8_t *upos, unsigned groups,
                      int32_t *out)
{
    uint64_t f[SYN_PARSE_MAX_FEATS];
    size_t nf = syn_parse_features_of(s, w, tags, upos, groups, f);
    memset(out, 0, wt->nclass * sizeof *out);
    syn_weights_score(wt, f, nf, out);
}

/* score = a + b over n classes: a loop the compiler vectorises (restrict:
 * the three never overlap). */
static void add_rows(int32_t *restrict score, const int32_t *restrict a,
                     const int32_t *restrict b, uint32_t n)
{
    for (uint32_t k = 0; k < n; k++)
        score[k] = a[k] + b[k];
}

#ifdef DY_CHECKED
/* Does score[0..nclass) hold exactly the uncached scores of s? Checked
 * builds (the sanitizer tests, the fuzzers) ask it of every configuration
 * they parse. */
static int uncached_equal(const syn_weights *wt, const syn_state *s, const syn_word *w,
                          const uint8_t *tags, const uint8_t *upos, const int32_t *score)
{
    int32_t want[SYN_NMOVES];
    if (wt->nclass > SYN_NMOVES)
        return 0;
    group_sum(wt, s, w, tags, upos, SYN_FG_ALL, want);
    return memcmp(want, score, wt->nclass * sizeof *score) == 0;
}
#endif

/* Contract in syntax_internal.h. The STACK sum of the token at depth d
 * is made when it is first the stack top and kept until another token is
 * pushed at d; the BUFFER sum until the next SHIFT. */
void syn_parse_score(const syn_weights *wt, const syn_state *s, const syn_word *w,
                     const uint8_t *tags, const uint8_t *upos, syn_score_cache *c,
                     int32_t *score)
{
    assert(c->nclass == wt->nclass && s->sp >= 1 && s->sp <= s->n + 1);
    int depth = s->sp - 1, s0 = s->stack[depth];
    int32_t *row = c->stack + (size_t)depth * c->nclass;
    if (c->stack_tok[depth] != s0) {
        group_sum(wt, s, w, tags, upos, SYN_FG_STACK, row);
        c->stack_tok[depth] = s0;
    }
    if (c->buffer_b != s->b) {
        group_sum(wt, s, w, tags, upos, SYN_FG_BUFFER, c->buffer);
        c->buffer_b = s->b;
    }
    add_rows(score, row, c->buffer, c->nclass);
    uint64_t f[SYN_PARSE_MAX_FEATS];
    size_t nf = syn_parse_features_of(s, w, tags, upos, SYN_FG_REST, f);
    syn_weights_score(wt, f, nf, score);
#ifdef DY_CHECKED
    DY_ASSERT(uncached_equal(wt, s, w, tags, upos, score));
#endif
}

/* Parse tokens 0..n) with tags already in t->tag; fills t->head and t->rel. */
static int parse_tree(const syn_model *m, const syn_word *w, syn_tree *t, dy_arena *a)
{
    int n = (int)t->n;
    syn_state s;
    syn_score_cache cache;
    if (syn_state_init(&s, n, a) || syn_score_cache_init(&cache, &m->parser, n, a))
        return DY_ENOMEM;
    int32_t score[SYN_NMOVES];
    assert(m->parser.nclass <= SYN_NMOVES);
    memset(score, 0, sizeof score); /* classes the model lacks score 0 */
    while (!syn_state_terminal(&s)) {
        syn_parse_score(&m->parser, &s, w, t->tag, m->tag_upos, &cache, score);
        syn_state_apply(&s, best_legal(&s, score));
    }
    for (int i = 0; i < n; i++) {
        assert(s.head[i] >= 0);
        t->head[i] = s.head[i] == n ? -1 : s.head[i];
        t->rel[i] = s.rel[i];
    }
    attach_commas(w, t);
    return 0;
}

/* Allocate the arrays of a tree of n tokens. */
static int tree_alloc(syn_tree *t, size_t n, int with_arcs, dy_arena *a)
{
    memset(t, 0, sizeof *t);
    t->n = (uint32_t)n;
    size_t m = n ? n : 1;
    t->tag = dy_arena_alloc(a, 3 * m);
    if (!t->tag)
        return DY_ENOMEM;
    t->upos = t->tag + m;
    t->xpos = t->upos + m;
    if (with_arcs) {
        t->head = dy_arena_alloc(a, m * sizeof *t->head);
        t->rel = dy_arena_alloc(a, m);
        if (!t->head || !t->rel)
            return DY_ENOMEM;
    }
    return 0;
}

/* Contract in syntax_internal.h. */
void syn_tag_run(const syn_model *m, const syn_weights *tagger, const syn_word *w, uint32_t n,
                 const uint8_t *first, uint8_t *tags)
{
    uint32_t ntags = m->ntags;
    uint64_t f[SYN_TAG_MAX_FEATS];
    int32_t score[SYN_MAX_TAGS];
    for (uint32_t i = 0; i < n; i++) {
        size_t nf = syn_tag_features(m, w, n, i, tags, first, f);
        memset(score, 0, ntags * sizeof *score);
        syn_weights_score(tagger, f, nf, score);
        uint32_t best = 0;
        for (uint32_t c = 1; c < ntags; c++)
            if (score[c] > score[best])
                best = c;
        tags[i] = (uint8_t)best;
    }
}

/* Contract in syntax_internal.h. */
void syn_finite_fix(const syn_model *m, const syn_word *w, uint8_t *tags, uint32_t n)
{
    int finite = 0;
    for (uint32_t i = 0; i < n && !finite; i++) {
        int x = m->tag_xpos[tags[i]];
        finite = x == SYN_XPOS_VBD || x == SYN_XPOS_VBZ || x == SYN_XPOS_VBP || x == SYN_XPOS_MD;
    }
    if (finite || m->vbd_tag == 0)
        return;
    for (uint32_t i = 1; i < n; i++) {
        int participle = m->tag_xpos[tags[i]] == SYN_XPOS_VBN && m->tag_upos[tags[i]] == SYN_VERB;
        /* "The United States accused Iran": a past form read as an
         * adjective in a sentence with no verb at all. */
        int adjective = m->tag_upos[tags[i]] == SYN_ADJ && (w[i].lex & SYN_LEX_VD) &&
                        !(w[i].lex & SYN_LEX_A);
        if (!participle && !adjective)
            continue;
        int aux = 0;
        for (uint32_t j = i; j > 0 && j + 4 > i && !aux; j--)
            aux = m->tag_upos[tags[j - 1]] == SYN_AUX;
        if (!aux) {
            tags[i] = m->vbd_tag;
            return;
        }
    }
}

/* Both passes; t->upos holds the first pass's tags meanwhile. */
static void tag_words(const syn_model *m, const syn_word *w, syn_tree *t)
{
    syn_tag_run(m, &m->tagger, w, t->n, NULL, t->upos);
    syn_tag_run(m, &m->tagger2, w, t->n, t->upos, t->tag);
    syn_finite_fix(m, w, t->tag, t->n);
    for (uint32_t i = 0; i < t->n; i++) {
        t->upos[i] = m->tag_upos[t->tag[i]];
        t->xpos[i] = m->tag_xpos[t->tag[i]];
    }
}

static int analyse(const syn_model *m, const txt_token *toks, size_t n, int with_arcs,
                   dy_arena *a, syn_tree *out, dy_err *err)
{
    if (n > SYN_MAX_TOKENS)
        return dy_err_set(err, DY_ELIMIT, NULL, 0, -1,
                          "sentence of %zu tokens: the parser takes at most %d", n,
                          SYN_MAX_TOKENS);
    if (tree_alloc(out, n, with_arcs, a))
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    if (n == 0)
        return 0;
    syn_word *w = dy_arena_alloc(a, n * sizeof *w);
    if (!w)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    syn_words_prepare(&m->lex, toks, n, w);
    tag_words(m, w, out);
    if (with_arcs && parse_tree(m, w, out, a))
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    return 0;
}

/* Contract in syntax.h. */
int syn_parse(const syn_model *m, const txt_token *toks, size_t n, dy_arena *a,
              syn_tree *out, dy_err *err)
{
    return analyse(m, toks, n, 1, a, out, err);
}

/* Contract in syntax.h. */
int syn_tag(const syn_model *m, const txt_token *toks, size_t n, dy_arena *a,
            syn_tree *out, dy_err *err)
{
    return analyse(m, toks, n, 0, a, out, err);
}

/* Contract in syntax.h. */
int syn_parse_tagged(const syn_model *m, const txt_token *toks, syn_tree *t, dy_arena *a,
                     dy_err *err)
{
    assert(t->head == NULL && t->n <= SYN_MAX_TOKENS);
    size_t n = t->n, k = n ? n : 1;
    t->head = dy_arena_alloc(a, k * sizeof *t->head);
    t->rel = dy_arena_alloc(a, k);
    syn_word *w = dy_arena_alloc(a, k * sizeof *w);
    if (!t->head || !t->rel || !w)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    if (n == 0)
        return 0;
    syn_words_prepare(&m->lex, toks, n, w);
    if (parse_tree(m, w, t, a))
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    return 0;
}
