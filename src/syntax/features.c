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

/* Contract in syntax_internal.h. */
size_t syn_parse_features(const syn_state *s, const syn_word *w, const uint8_t *tags,
                          const uint8_t *upos, uint64_t *f)
{
    size_t k = 0;
    int n = s->n;
    int s0i = s->sp >= 1 ? s->stack[s->sp - 1] : -1;
    int s1i = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
    int s2i = s->sp >= 3 ? s->stack[s->sp - 3] : -1;
    int b0i = s->b < n ? s->b : -1;
    int b1i = s->b + 1 < n ? s->b + 1 : -1;
    int b2i = s->b + 2 < n ? s->b + 2 : -1;
    int b3i = s->b + 3 < n ? s->b + 3 : -1;
    slot s0 = slot_of(s, w, tags, s0i), s1 = slot_of(s, w, tags, s1i);
    slot s2 = slot_of(s, w, tags, s2i);
    slot b0 = slot_of(s, w, tags, b0i), b1 = slot_of(s, w, tags, b1i);
    slot b2 = slot_of(s, w, tags, b2i), b3 = slot_of(s, w, tags, b3i);
    slot s0l1 = slot_of(s, w, tags, child(s->lc1, s0i));
    slot s0l2 = slot_of(s, w, tags, child(s->lc2, s0i));
    slot s0r1 = slot_of(s, w, tags, child(s->rc1, s0i));
    slot s0r2 = slot_of(s, w, tags, child(s->rc2, s0i));
    slot s1l1 = slot_of(s, w, tags, child(s->lc1, s1i));
    slot s1r1 = slot_of(s, w, tags, child(s->rc1, s1i));
    slot s1r2 = slot_of(s, w, tags, child(s->rc2, s1i));
    slot b0l1 = slot_of(s, w, tags, child(s->lc1, b0i));
    slot b0l2 = slot_of(s, w, tags, child(s->lc2, b0i));
    /* Distance from s0 to b0 and from s1 to s0, in buckets. */
    uint64_t d = 0, d1 = 0;
    if (s0i >= 0 && s0i < n && b0i >= 0) {
        int x = b0i - s0i;
        d = (uint64_t)(x < 5 ? x : x < 10 ? 5 : 6);
    }
    if (s1i >= 0 && s1i < n && s0i >= 0 && s0i < n) {
        int x = s0i - s1i;
        d1 = (uint64_t)(x < 5 ? x : x < 10 ? 5 : 6);
    }
    /* Punctuation between s0 and b0: a comma often ends a phrase. */
    uint64_t pu = 0;
    if (s0i >= 0 && s0i < n && b0i >= 0)
        for (int j = s0i + 1; j < b0i && pu < 3; j++)
            pu += (w[j].flags & TXT_TOK_PUNCT) != 0;
    uint64_t s0vl = s0i >= 0 ? s->nl[s0i] : 0, s0vr = s0i >= 0 ? s->nr[s0i] : 0;
    uint64_t s1vl = s1i >= 0 ? s->nl[s1i] : 0, s1vr = s1i >= 0 ? s->nr[s1i] : 0;
    uint64_t b0vl = b0i >= 0 ? s->nl[b0i] : 0;
    uint64_t s0ls = s0i >= 0 ? s->lset[s0i] : 0, s0rs = s0i >= 0 ? s->rset[s0i] : 0;
    uint64_t b0ls = b0i >= 0 ? s->lset[b0i] : 0, s1rs = s1i >= 0 ? s->rset[s1i] : 0;
    uint32_t t = 100;
#define F(a, b, c) (f[k++] = syn_key(t++, (a), (b), (c)))
    /* single words */
    F(s0.w, s0.p, 0); F(s0.w, 0, 0); F(s0.p, 0, 0);
    F(s1.w, s1.p, 0); F(s1.w, 0, 0); F(s1.p, 0, 0);
    F(b0.w, b0.p, 0); F(b0.w, 0, 0); F(b0.p, 0, 0);
    F(b1.w, b1.p, 0); F(b1.w, 0, 0); F(b1.p, 0, 0);
    F(b2.w, b2.p, 0); F(b2.p, 0, 0);
    F(s2.p, 0, 0); F(s2.w, 0, 0);
    /* pairs */
    F(s0.w ^ (s0.p << 56), b0.w, b0.p);
    F(s0.w ^ (s0.p << 56), b0.w, 0);
    F(s0.w, b0.w, b0.p);
    F(s0.w, s0.p, b0.p);
    F(s0.p, b0.w, b0.p);
    F(s0.w, b0.w, 0);
    F(s0.p, b0.p, 0);
    F(b0.p, b1.p, 0);
    F(s1.w ^ (s1.p << 56), s0.w, s0.p);
    F(s1.w, s0.w, 0);
    F(s1.p, s0.p, 0);
    F(s1.p, s0.w, s0.p);
    F(s1.w, s1.p, s0.p);
    F(s1.p, b0.p, 0);
    F(s1.w, b0.w, 0);
    /* triples of tags */
    F(b0.p, b1.p, b2.p);
    F(s0.p, b0.p, b1.p);
    F(s1.p, s0.p, b0.p);
    F(s0.p, s0l1.p, b0.p);
    F(s0.p, s0r1.p, b0.p);
    F(s0.p, b0.p, b0l1.p);
    F(s1.p, s0.p, s0l1.p);
    F(s1.p, s0.p, s0r1.p);
    F(s1.p, s1r1.p, s0.p);
    F(s1.p, s1l1.p, s0.p);
    F(s2.p, s1.p, s0.p);
    F(b0.p, b1.p, b2.p ^ (b3.p << 8));
    F(s0.w, b0.p, b1.p);
    F(s0.p, b0.w, b1.p);
    F(s1.p, s0.p, b0.w);
    /* distance */
    F(s0.w, d, 0); F(s0.p, d, 0); F(b0.w, d, 0); F(b0.p, d, 0);
    F(s0.w, b0.w, d); F(s0.p, b0.p, d);
    F(s1.p, s0.p, d1); F(s1.w, s0.w, d1);
    F(s0.p, b0.p, pu); F(s1.p, s0.p, pu * 8 + d);
    /* valency */
    F(s0.w, s0vr, 0); F(s0.p, s0vr, 0); F(s0.w, s0vl, 0); F(s0.p, s0vl, 0);
    F(b0.w, b0vl, 0); F(b0.p, b0vl, 0);
    F(s1.p, s1vl, s1vr); F(s1.w, s1vr, 0);
    /* dependents */
    F(s0l1.w, 0, 0); F(s0l1.p, 0, 0); F(s0l1.l, 0, 0);
    F(s0r1.w, 0, 0); F(s0r1.p, 0, 0); F(s0r1.l, 0, 0);
    F(b0l1.w, 0, 0); F(b0l1.p, 0, 0); F(b0l1.l, 0, 0);
    F(s1l1.p, s1l1.l, 0); F(s1r1.p, s1r1.l, 0);
    F(s0l2.w, 0, 0); F(s0l2.p, 0, 0); F(s0l2.l, 0, 0);
    F(s0r2.w, 0, 0); F(s0r2.p, 0, 0); F(s0r2.l, 0, 0);
    F(b0l2.w, 0, 0); F(b0l2.p, 0, 0); F(b0l2.l, 0, 0);
    F(s0.p, s0l1.p, s0l2.p);
    F(s0.p, s0r1.p, s0r2.p);
    F(b0.p, b0l1.p, b0l2.p);
    F(s1.p, s1r1.p, s1r2.p);
    F(s0.p, s0r1.l, b0.p);
    F(s0.p, s0l1.l, b0.p);
    /* label sets */
    F(s0.w, s0ls, 0); F(s0.p, s0ls, 0);
    F(s0.w, s0rs, 0); F(s0.p, s0rs, 0);
    F(b0.w, b0ls, 0); F(b0.p, b0ls, 0);
    F(s1.p, s1rs, s0.p);
    /* how the words are written (names, numbers) */
    F(s0.p, s0i >= 0 && s0i < n ? case_bits(&w[s0i]) : 0, b0i >= 0 ? case_bits(&w[b0i]) : 0);
    F(s0i >= 0 && s0i < n ? w[s0i].suf[2] : 0, s0.p, b0.p);
    F(b0i >= 0 ? w[b0i].suf[2] : 0, b0.p, s0.p);
    /* coarse tags: what fine tags share */
    uint64_t s0u = s0.p < 200 ? upos[s0.p] : s0.p, s1u = s1.p < 200 ? upos[s1.p] : s1.p;
    uint64_t b0u = b0.p < 200 ? upos[b0.p] : b0.p, b1u = b1.p < 200 ? upos[b1.p] : b1.p;
    uint64_t b2u = b2.p < 200 ? upos[b2.p] : b2.p;
    F(s0u, b0u, 0); F(s1u, s0u, 0); F(s0u, b0u, b1u); F(s1u, s0u, b0u);
    F(s0.w, b0u, 0); F(s0u, b0.w, 0); F(b0u, b1u, b2u); F(s1u, s0u, d1 * 8 + d);
#undef F
    assert(k <= SYN_PARSE_MAX_FEATS);
    return k;
}
