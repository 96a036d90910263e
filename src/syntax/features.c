/* features.c - what the tagger and the parser look at: per-token word
 * features computed once per sentence, and the feature templates of both
 * classifiers (hashed into 64-bit keys, syntax_internal.h).
 *
 * The templates follow the averaged-perceptron tagger of Collins (2002)
 * with the word-shape and affix features of Ratnaparkhi (1996), and the
 * rich non-local features of Zhang & Nivre (2011) for the parser, adapted
 * to the arc-hybrid system (the buffer front can already have left
 * dependents; stack items have no head yet). Changing a template changes
 * what a model means: bump SYN_FORMAT_VERSION and retrain.
 */
#include "syntax/syntax_internal.h"

#include <string.h>

/* Values of word slots outside the sentence. */
#define W_NONE 0x5EED0001u
#define W_START 0x5EED0002u
#define W_END 0x5EED0003u
#define W_ROOT 0x5EED0004u
#define W_RARE 0x5EED0005u

static int is_ascii_letter(unsigned c) { return (c | 0x20u) >= 'a' && (c | 0x20u) <= 'z'; }

/* The shape of a normalised form: letters x (X when the token is written
 * in capitals: its first letter when TXT_TOK_CAP, all when TXT_TOK_UPPER),
 * digits d, other bytes as they are; runs of one class collapse ("Obama"
 * -> "Xx", "1,500" -> "d,d", "U.S." -> "X.X."). At most 16 bytes. */
static uint64_t shape_of(const txt_token *t)
{
    char s[16];
    size_t k = 0;
    int first = 1;
    for (uint32_t i = 0; i < t->norm_len && k < sizeof s; i++) {
        unsigned c = (unsigned char)t->norm[i];
        char x;
        if ((c & 0xC0u) == 0x80u)
            continue; /* UTF-8 continuation byte: part of the letter before */
        if (is_ascii_letter(c) || c >= 0x80u) {
            x = (t->flags & TXT_TOK_UPPER) || (first && (t->flags & TXT_TOK_CAP)) ? 'X' : 'x';
            first = 0;
        } else if (c >= '0' && c <= '9') {
            x = 'd';
        } else {
            x = (char)c;
        }
        if (k > 0 && s[k - 1] == x && (x == 'x' || x == 'X' || x == 'd'))
            continue;
        s[k++] = x;
    }
    return txt_hash(s, k) ^ 0x51A9Eull;
}

/* Contract in syntax_internal.h. */
void syn_words_prepare(const syn_lexicon *lex, const txt_token *toks, size_t n, syn_word *out)
{
    for (size_t i = 0; i < n; i++) {
        const txt_token *t = &toks[i];
        syn_word *w = &out[i];
        uint32_t len = t->norm_len;
        w->w = t->hash;
        w->shape = shape_of(t);
        for (uint32_t k = 0; k < 3; k++)
            w->pre[k] = len > k + 1 ? txt_hash(t->norm, k + 1) * 31 + k : 0;
        for (uint32_t k = 0; k < 4; k++)
            w->suf[k] = len > k + 1 ? txt_hash(t->norm + len - (k + 1), k + 1) * 37 + k : 0;
        w->flags = t->flags;
        w->lex = lex ? syn_lexicon_get(lex, t->hash) : 0;
        /* A word seen only once or twice in training says little by its
         * identity that its affixes do not: the tagger also sees it as
         * rare (case_bits). */
        for (uint32_t k = 0; k < len; k++) {
            if (t->norm[k] >= '0' && t->norm[k] <= '9') {
                w->flags |= SYN_W_DIGIT;
                break;
            }
        }
        if (i == 0)
            w->flags |= SYN_W_FIRST;
        if (i + 1 < n && (toks[i + 1].flags & TXT_TOK_HYPHEN))
            w->flags |= SYN_W_HYPH_NEXT;
    }
}

/* The flags that say how a word is written. */
static uint64_t case_bits(const syn_word *w)
{
    return w->flags & (TXT_TOK_CAP | TXT_TOK_UPPER | TXT_TOK_HYPHEN | TXT_TOK_PUNCT |
                       TXT_TOK_NUM | SYN_W_DIGIT | SYN_W_FIRST | SYN_W_HYPH_NEXT);
}

/* Contract in syntax_internal.h. */
size_t syn_tag_features(const syn_model *m, const syn_word *w, size_t n, size_t i,
                        const uint8_t *tags, const uint8_t *first, uint64_t *f)
{
    const uint8_t *upos = m->tag_upos;
    size_t k = 0;
    const syn_word *x = &w[i];
    uint64_t p1 = i >= 1 ? tags[i - 1] : SYN_TAG_NONE;
    uint64_t p2 = i >= 2 ? tags[i - 2] : SYN_TAG_NONE;
    uint64_t wm1 = i >= 1 ? w[i - 1].w : W_START;
    uint64_t wm2 = i >= 2 ? w[i - 2].w : W_START;
    uint64_t wp1 = i + 1 < n ? w[i + 1].w : W_END;
    uint64_t wp2 = i + 2 < n ? w[i + 2].w : W_END;
    uint64_t cb = case_bits(x);
    f[k++] = syn_key(1, 0, 0, 0);
    f[k++] = syn_key(2, x->w, 0, 0);
    for (int j = 0; j < 4; j++)
        if (x->suf[j])
            f[k++] = syn_key(3 + (uint32_t)j, x->suf[j], 0, 0);
    for (int j = 0; j < 3; j++)
        if (x->pre[j])
            f[k++] = syn_key(7 + (uint32_t)j, x->pre[j], 0, 0);
    f[k++] = syn_key(10, x->shape, 0, 0);
    f[k++] = syn_key(11, cb, 0, 0);
    f[k++] = syn_key(12, p1, 0, 0);
    f[k++] = syn_key(13, p2, p1, 0);
    f[k++] = syn_key(14, p1, x->w, 0);
    f[k++] = syn_key(15, wm1, 0, 0);
    f[k++] = syn_key(16, i >= 1 ? w[i - 1].suf[2] : W_START, 0, 0);
    f[k++] = syn_key(17, wm2, 0, 0);
    f[k++] = syn_key(18, wp1, 0, 0);
    f[k++] = syn_key(19, i + 1 < n ? w[i + 1].suf[2] : W_END, 0, 0);
    f[k++] = syn_key(20, wp2, 0, 0);
    f[k++] = syn_key(21, wm1, x->w, 0);
    f[k++] = syn_key(22, x->w, wp1, 0);
    f[k++] = syn_key(23, p1, wp1, 0);
    f[k++] = syn_key(24, i + 1 < n ? w[i + 1].shape : W_END, 0, 0);
    f[k++] = syn_key(25, i >= 1 ? w[i - 1].shape : W_START, x->shape, 0);
    f[k++] = syn_key(26, x->suf[1], p1, 0);
    f[k++] = syn_key(27, x->w, cb, 0);
    f[k++] = syn_key(28, x->suf[2], cb, 0);
    f[k++] = syn_key(29, i + 1 < n ? case_bits(&w[i + 1]) : W_END, cb, 0);
    /* the lexicon's classes of the word and its neighbours */
    uint64_t lx = x->lex, lm1 = i >= 1 ? w[i - 1].lex : 0x8000, lp1 = i + 1 < n ? w[i + 1].lex : 0x8000;
    f[k++] = syn_key(30, lx, 0, 0);
    f[k++] = syn_key(31, lx, x->suf[1], 0);
    f[k++] = syn_key(32, lx, cb, 0);
    f[k++] = syn_key(33, lx, p1, 0);
    f[k++] = syn_key(34, lx, lp1, 0);
    f[k++] = syn_key(35, lm1, lx, 0);
    f[k++] = syn_key(36, lx, wm1, 0);
    /* "has visited" / "the president visited": an auxiliary among the
     * last three words decides between past tense and participle. */
    uint64_t aux = SYN_TAG_NONE;
    for (size_t j = i; j > 0 && j + 3 > i && aux == SYN_TAG_NONE; j--)
        if (upos[tags[j - 1]] == SYN_AUX)
            aux = tags[j - 1];
    f[k++] = syn_key(37, lx, aux, 0);
    f[k++] = syn_key(38, x->suf[1], aux, p1);
    f[k++] = syn_key(39, lx, p1, p2);
    f[k++] = syn_key(49, lx, wp1, 0);
    if (first) {
        /* second pass: the first pass's view of the words to the right */
        uint64_t q1 = i + 1 < n ? first[i + 1] : SYN_TAG_NONE;
        uint64_t q2 = i + 2 < n ? first[i + 2] : SYN_TAG_NONE;
        f[k++] = syn_key(40, first[i], 0, 0);
        f[k++] = syn_key(41, q1, 0, 0);
        f[k++] = syn_key(42, q1, q2, 0);
        f[k++] = syn_key(43, p1, q1, 0);
        f[k++] = syn_key(44, q1, x->w, 0);
        f[k++] = syn_key(45, q1, x->suf[2], 0);
        f[k++] = syn_key(46, p1, first[i], q1);
        f[k++] = syn_key(47, lx, q1, 0);
        f[k++] = syn_key(48, first[i], x->w, 0);
        /* Every clause has a finite verb: an "-ed" word in a sentence that
         * has none yet is rather a past tense than a participle. */
        uint64_t fin = 0;
        for (size_t j = 0; j < n && fin < 2; j++) {
            int xp = m->tag_xpos[first[j]];
            fin += j != i && (xp == SYN_XPOS_VBD || xp == SYN_XPOS_VBZ || xp == SYN_XPOS_VBP ||
                              xp == SYN_XPOS_MD);
        }
        f[k++] = syn_key(50, first[i], fin, 0);
        f[k++] = syn_key(51, lx, fin, p1);
        f[k++] = syn_key(52, x->suf[1], fin, aux);
    }
    assert(k <= SYN_TAG_MAX_FEATS);
    return k;
}

/* ---- parser ---------------------------------------------------------- */

/* A slot of the configuration: a token index, -1 for none, n for the root. */
typedef struct slot {
    uint64_t w, p, l;
} slot;

static slot slot_of(const syn_state *s, const syn_word *w, const uint8_t *tags, int i)
{
    slot r;
    if (i < 0) {
        r.w = W_NONE;
        r.p = SYN_TAG_NONE;
        r.l = 0xFF;
    } else if (i == s->n) {
        r.w = W_ROOT;
        r.p = SYN_TAG_ROOT;
        r.l = 0xFF;
    } else {
        r.w = w[i].w;
        r.p = tags[i];
        r.l = s->head[i] >= 0 ? s->rel[i] : 0xFE;
    }
    return r;
}

static int child(const int *a, int i) { return i >= 0 ? a[i] : -1; }

/* Distance buckets: 1..4 as they are, 5 for 5..9, 6 beyond. */
static uint64_t dist_bucket(int x) { return (uint64_t)(x < 5 ? x : x < 10 ? 5 : 6); }

/* What the templates read of one configuration, and where their keys go.
 * Templates are numbered in the order they are emitted (t counts every
 * template, emitted or not, so that a template's number never depends on
 * which groups a call asks for). */
typedef struct pctx {
    slot s0, s1, s2, b0, b1, b2, b3;
    slot s0l1, s0l2, s0r1, s0r2, s1l1, s1r1, s1r2, b0l1, b0l2;
    uint64_t d, d1, pu;                      /* distances, punctuation between */
    uint64_t s0vl, s0vr, s1vl, s1vr, b0vl;   /* valencies */
    uint64_t s0ls, s0rs, b0ls, s1rs;         /* label sets */
    uint64_t s0cb, b0cb, s0suf, b0suf;       /* how s0 and b0 are written */
    uint64_t s0u, s1u, b0u, b1u, b2u;        /* coarse tags */
    unsigned want;                           /* SYN_FG_* groups to emit */
    uint32_t t;
    size_t k;
    uint64_t *f;
} pctx;

/* The next template, of group g, over values a, b, c. */
static inline void emit(pctx *x, unsigned g, uint64_t a, uint64_t b, uint64_t c)
{
    if (x->want & g)
        x->f[x->k++] = syn_key(x->t, a, b, c);
    x->t++;
}

/* The coarse tag of a slot's tag (pseudo tags stay as they are). */
static uint64_t coarse(const uint8_t *upos, uint64_t p) { return p < 200 ? upos[p] : p; }

/* Fill the slots and the values read of configuration s. */
static void pctx_fill(pctx *x, const syn_state *s, const syn_word *w, const uint8_t *tags,
                      const uint8_t *upos)
{
    int n = s->n;
    int s0i = s->sp >= 1 ? s->stack[s->sp - 1] : -1;
    int s1i = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
    int s2i = s->sp >= 3 ? s->stack[s->sp - 3] : -1;
    int b0i = s->b < n ? s->b : -1;
    x->s0 = slot_of(s, w, tags, s0i), x->s1 = slot_of(s, w, tags, s1i);
    x->s2 = slot_of(s, w, tags, s2i), x->b0 = slot_of(s, w, tags, b0i);
    x->b1 = slot_of(s, w, tags, s->b + 1 < n ? s->b + 1 : -1);
    x->b2 = slot_of(s, w, tags, s->b + 2 < n ? s->b + 2 : -1);
    x->b3 = slot_of(s, w, tags, s->b + 3 < n ? s->b + 3 : -1);
    x->s0l1 = slot_of(s, w, tags, child(s->lc1, s0i));
    x->s0l2 = slot_of(s, w, tags, child(s->lc2, s0i));
    x->s0r1 = slot_of(s, w, tags, child(s->rc1, s0i));
    x->s0r2 = slot_of(s, w, tags, child(s->rc2, s0i));
    x->s1l1 = slot_of(s, w, tags, child(s->lc1, s1i));
    x->s1r1 = slot_of(s, w, tags, child(s->rc1, s1i));
    x->s1r2 = slot_of(s, w, tags, child(s->rc2, s1i));
    x->b0l1 = slot_of(s, w, tags, child(s->lc1, b0i));
    x->b0l2 = slot_of(s, w, tags, child(s->lc2, b0i));
    int s0tok = s0i >= 0 && s0i < n, s1tok = s1i >= 0 && s1i < n;
    x->d = s0tok && b0i >= 0 ? dist_bucket(b0i - s0i) : 0;
    x->d1 = s1tok && s0tok ? dist_bucket(s0i - s1i) : 0;
    /* Punctuation between s0 and b0: a comma often ends a phrase. */
    x->pu = 0;
    if (s0tok && b0i >= 0)
        for (int j = s0i + 1; j < b0i && x->pu < 3; j++)
            x->pu += (w[j].flags & TXT_TOK_PUNCT) != 0;
    x->s0vl = s0i >= 0 ? s->nl[s0i] : 0, x->s0vr = s0i >= 0 ? s->nr[s0i] : 0;
    x->s1vl = s1i >= 0 ? s->nl[s1i] : 0, x->s1vr = s1i >= 0 ? s->nr[s1i] : 0;
    x->b0vl = b0i >= 0 ? s->nl[b0i] : 0;
    x->s0ls = s0i >= 0 ? s->lset[s0i] : 0, x->s0rs = s0i >= 0 ? s->rset[s0i] : 0;
    x->b0ls = b0i >= 0 ? s->lset[b0i] : 0, x->s1rs = s1i >= 0 ? s->rset[s1i] : 0;
    x->s0cb = s0tok ? case_bits(&w[s0i]) : 0, x->b0cb = b0i >= 0 ? case_bits(&w[b0i]) : 0;
    x->s0suf = s0tok ? w[s0i].suf[2] : 0, x->b0suf = b0i >= 0 ? w[b0i].suf[2] : 0;
    x->s0u = coarse(upos, x->s0.p), x->s1u = coarse(upos, x->s1.p);
    x->b0u = coarse(upos, x->b0.p), x->b1u = coarse(upos, x->b1.p);
    x->b2u = coarse(upos, x->b2.p);
}

/* Group names in the template lists: S (stack), B (buffer), R (rest). */
#define S SYN_FG_STACK
#define B SYN_FG_BUFFER
#define R SYN_FG_REST

/* Templates 100..130: single words, pairs. */
static void emit_words(pctx *x)
{
    const slot s0 = x->s0, s1 = x->s1, s2 = x->s2, b0 = x->b0, b1 = x->b1, b2 = x->b2;
    assert(x->t == 100);
    emit(x, S, s0.w, s0.p, 0), emit(x, S, s0.w, 0, 0), emit(x, S, s0.p, 0, 0);
    emit(x, S, s1.w, s1.p, 0), emit(x, S, s1.w, 0, 0), emit(x, S, s1.p, 0, 0);
    emit(x, B, b0.w, b0.p, 0), emit(x, B, b0.w, 0, 0), emit(x, B, b0.p, 0, 0);
    emit(x, B, b1.w, b1.p, 0), emit(x, B, b1.w, 0, 0), emit(x, B, b1.p, 0, 0);
    emit(x, B, b2.w, b2.p, 0), emit(x, B, b2.p, 0, 0);
    emit(x, S, s2.p, 0, 0), emit(x, S, s2.w, 0, 0);
    /* pairs */
    emit(x, R, s0.w ^ (s0.p << 56), b0.w, b0.p);
    emit(x, R, s0.w ^ (s0.p << 56), b0.w, 0);
    emit(x, R, s0.w, b0.w, b0.p);
    emit(x, R, s0.w, s0.p, b0.p);
    emit(x, R, s0.p, b0.w, b0.p);
    emit(x, R, s0.w, b0.w, 0);
    emit(x, R, s0.p, b0.p, 0);
    emit(x, B, b0.p, b1.p, 0);
    emit(x, S, s1.w ^ (s1.p << 56), s0.w, s0.p);
    emit(x, S, s1.w, s0.w, 0);
    emit(x, S, s1.p, s0.p, 0);
    emit(x, S, s1.p, s0.w, s0.p);
    emit(x, S, s1.w, s1.p, s0.p);
    emit(x, R, s1.p, b0.p, 0);
    emit(x, R, s1.w, b0.w, 0);
}

/* Templates 131..163: triples of tags, distance, valency. The s0 right
 * dependent (s0r1) is rest: s0 takes right dependents while it stays on
 * the stack; its left ones (s0l1) came while it was the buffer front. */
static void emit_triples(pctx *x)
{
    const slot s0 = x->s0, s1 = x->s1, s2 = x->s2, b0 = x->b0, b1 = x->b1, b2 = x->b2;
    const uint64_t d = x->d, d1 = x->d1, pu = x->pu;
    assert(x->t == 131);
    emit(x, B, b0.p, b1.p, b2.p);
    emit(x, R, s0.p, b0.p, b1.p);
    emit(x, R, s1.p, s0.p, b0.p);
    emit(x, R, s0.p, x->s0l1.p, b0.p);
    emit(x, R, s0.p, x->s0r1.p, b0.p);
    emit(x, R, s0.p, b0.p, x->b0l1.p);
    emit(x, S, s1.p, s0.p, x->s0l1.p);
    emit(x, R, s1.p, s0.p, x->s0r1.p);
    emit(x, S, s1.p, x->s1r1.p, s0.p);
    emit(x, S, s1.p, x->s1l1.p, s0.p);
    emit(x, S, s2.p, s1.p, s0.p);
    emit(x, B, b0.p, b1.p, b2.p ^ (x->b3.p << 8));
    emit(x, R, s0.w, b0.p, b1.p);
    emit(x, R, s0.p, b0.w, b1.p);
    emit(x, R, s1.p, s0.p, b0.w);
    /* distance */
    emit(x, R, s0.w, d, 0), emit(x, R, s0.p, d, 0), emit(x, R, b0.w, d, 0);
    emit(x, R, b0.p, d, 0), emit(x, R, s0.w, b0.w, d), emit(x, R, s0.p, b0.p, d);
    emit(x, S, s1.p, s0.p, d1), emit(x, S, s1.w, s0.w, d1);
    emit(x, R, s0.p, b0.p, pu), emit(x, R, s1.p, s0.p, pu * 8 + d);
    /* valency */
    emit(x, R, s0.w, x->s0vr, 0), emit(x, R, s0.p, x->s0vr, 0);
    emit(x, S, s0.w, x->s0vl, 0), emit(x, S, s0.p, x->s0vl, 0);
    emit(x, R, b0.w, x->b0vl, 0), emit(x, R, b0.p, x->b0vl, 0);
    emit(x, S, s1.p, x->s1vl, x->s1vr), emit(x, S, s1.w, x->s1vr, 0);
}

/* Templates 164..207: dependents, label sets, how words are written,
 * coarse tags. s1's dependents are stack: s1 takes a right dependent
 * only by popping s0. */
static void emit_dependents(pctx *x)
{
    const slot s0 = x->s0, s1 = x->s1, b0 = x->b0;
    const slot s0l1 = x->s0l1, s0l2 = x->s0l2, s0r1 = x->s0r1, s0r2 = x->s0r2;
    const slot b0l1 = x->b0l1, b0l2 = x->b0l2, s1l1 = x->s1l1, s1r1 = x->s1r1;
    assert(x->t == 164);
    emit(x, S, s0l1.w, 0, 0), emit(x, S, s0l1.p, 0, 0), emit(x, S, s0l1.l, 0, 0);
    emit(x, R, s0r1.w, 0, 0), emit(x, R, s0r1.p, 0, 0), emit(x, R, s0r1.l, 0, 0);
    emit(x, R, b0l1.w, 0, 0), emit(x, R, b0l1.p, 0, 0), emit(x, R, b0l1.l, 0, 0);
    emit(x, S, s1l1.p, s1l1.l, 0), emit(x, S, s1r1.p, s1r1.l, 0);
    emit(x, S, s0l2.w, 0, 0), emit(x, S, s0l2.p, 0, 0), emit(x, S, s0l2.l, 0, 0);
    emit(x, R, s0r2.w, 0, 0), emit(x, R, s0r2.p, 0, 0), emit(x, R, s0r2.l, 0, 0);
    emit(x, R, b0l2.w, 0, 0), emit(x, R, b0l2.p, 0, 0), emit(x, R, b0l2.l, 0, 0);
    emit(x, S, s0.p, s0l1.p, s0l2.p);
    emit(x, R, s0.p, s0r1.p, s0r2.p);
    emit(x, R, b0.p, b0l1.p, b0l2.p);
    emit(x, S, s1.p, s1r1.p, x->s1r2.p);
    emit(x, R, s0.p, s0r1.l, b0.p);
    emit(x, R, s0.p, s0l1.l, b0.p);
    /* label sets */
    emit(x, S, s0.w, x->s0ls, 0), emit(x, S, s0.p, x->s0ls, 0);
    emit(x, R, s0.w, x->s0rs, 0), emit(x, R, s0.p, x->s0rs, 0);
    emit(x, R, b0.w, x->b0ls, 0), emit(x, R, b0.p, x->b0ls, 0);
    emit(x, S, s1.p, x->s1rs, s0.p);
    /* how the words are written (names, numbers) */
    emit(x, R, s0.p, x->s0cb, x->b0cb);
    emit(x, R, x->s0suf, s0.p, b0.p);
    emit(x, R, x->b0suf, b0.p, s0.p);
    /* coarse tags: what fine tags share */
    const uint64_t s0u = x->s0u, s1u = x->s1u, b0u = x->b0u, b1u = x->b1u;
    emit(x, R, s0u, b0u, 0), emit(x, S, s1u, s0u, 0), emit(x, R, s0u, b0u, b1u);
    emit(x, R, s1u, s0u, b0u), emit(x, R, s0.w, b0u, 0), emit(x, R, s0u, b0.w, 0);
    emit(x, B, b0u, b1u, x->b2u), emit(x, R, s1u, s0u, x->d1 * 8 + x->d);
}

#undef S
#undef B
#undef R

/* Contract in syntax_internal.h. */
size_t syn_parse_features_of(const syn_state *s, const syn_word *w, const uint8_t *tags,
                             const uint8_t *upos, unsigned groups, uint64_t *f)
{
    pctx x;
    pctx_fill(&x, s, w, tags, upos);
    x.want = groups;
    x.t = 100;
    x.k = 0;
    x.f = f;
    emit_words(&x);
    emit_triples(&x);
    emit_dependents(&x);
    assert(x.t == 100 + SYN_PARSE_TEMPLATES && x.k <= SYN_PARSE_MAX_FEATS);
    return x.k;
}

/* Contract in syntax_internal.h. */
size_t syn_parse_features(const syn_state *s, const syn_word *w, const uint8_t *tags,
                          const uint8_t *upos, uint64_t *f)
{
    return syn_parse_features_of(s, w, tags, upos, SYN_FG_ALL, f);
}
