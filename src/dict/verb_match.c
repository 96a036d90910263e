/* verb_match.c - matching the verb and noun patterns of a word's entries
 * around the word (dict_match_word).
 *
 * For each entry the word is a form of, only the patterns whose key word
 * occurs on the right side of the word in the sentence are tried (the key
 * index of verbs.c); each pattern is matched from its '*' forward, then
 * backward, over tokens and actor mentions, with bounded gaps. The best
 * match (most matched elements, then the earlier pattern) wins per kind.
 */
#include "core/invariant.h"
#include "dict/dict_internal.h"

#include <string.h>

#define MS(sc, arr, t) ((sc)->arr[(t) - (sc)->tb])

typedef struct pmatch {
    const dict_sentence *sc;
    const dict_set *ds;
    const dict_pattern *p;
    int32_t src, tgt;         /* mention indices, -1 */
    uint32_t lo, hi;          /* token range covered by matched elements */
    int matched;
    int words;                /* tokens matched by word elements and slots */
    int budget;               /* bounds the search on pathological patterns */
} pmatch;

/* A clause boundary no pattern reaches across: ';' and ':'. */
static int is_boundary_punct(const pmatch *m, uint32_t t)
{
    uint64_t h = m->sc->tk[t].hash;
    return h == m->ds->semi_hash || h == m->ds->colon_hash;
}

/* Length in tokens of alternative a matched forward at s, or 0. */
static uint32_t alt_fwd(const dict_sentence *sc, const dict_alt *a, uint32_t s)
{
    uint32_t j = s, k = 0;
    while (k < a->n) {
        if (j >= sc->te)
            return 0;
        if (k > 0 && (sc->tk[j].flags & TXT_TOK_HYPHEN)) {
            j++;
            continue;
        }
        if (sc->tk[j].hash != a->tok[k])
            return 0;
        j++, k++;
    }
    return j - s;
}

/* Length of alternative a matched backward so that it ends at token s. */
static uint32_t alt_bwd(const dict_sentence *sc, const dict_alt *a, uint32_t s)
{
    int64_t j = s;
    uint32_t k = a->n;
    while (k > 0) {
        if (j < (int64_t)sc->tb)
            return 0;
        if (k < a->n && (sc->tk[j].flags & TXT_TOK_HYPHEN)) {
            j--;
            continue;
        }
        if (sc->tk[j].hash != a->tok[k - 1])
            return 0;
        j--, k--;
    }
    return (uint32_t)(s - j);
}

static int match_fwd(pmatch *m, uint32_t ei, uint32_t pos);
static int match_bwd(pmatch *m, int32_t ei, int64_t pos);

/* Element ei matched at token s, then the rest forward; 1 on a match (m
 * filled), else 0 with m as it was. */
static int try_fwd(pmatch *m, uint32_t ei, uint32_t s)
{
    const dict_pelem *e = &m->p->el[ei];
    const dict_sentence *sc = m->sc;
    if (e->type == DICT_PE_WORDS) {
        uint64_t h = sc->tk[s].hash;
        if (!DICT_FILTER_HAS(e->first, h))
            return 0;
        uint32_t a0 = 0, a1 = e->nalts;
        if (e->sorted) {
            /* first alternative whose first token is h */
            uint32_t lo = 0, hi = e->nalts;
            while (lo < hi) {
                uint32_t mid = (lo + hi) / 2;
                if (e->alts[mid].tok[0] < h)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            a0 = lo;
            a1 = lo;
            while (a1 < e->nalts && e->alts[a1].tok[0] == h)
                a1++;
        }
        for (uint32_t a = a0; a < a1; a++) {
            uint32_t n = alt_fwd(sc, &e->alts[a], s);
            if (!n)
                continue;
            uint32_t ohi = m->hi;
            m->matched++;
            m->words += (int)n;
            if (s + n - 1 > m->hi)
                m->hi = s + n - 1;
            if (match_fwd(m, ei + 1, s + n))
                return 1;
            m->matched--;
            m->words -= (int)n;
            m->hi = ohi;
        }
        return 0;
    }
    int32_t mi = MS(sc, mstart, s);
    if (mi < 0 || sc->attr[mi])
        return 0;
    int32_t *slot = e->type == DICT_PE_TARGET ? &m->tgt : &m->src;
    int len = 1; /* a slot counts as one word, however long its mention */
    *slot = mi;
    m->matched++;
    m->words += len;
    if (match_fwd(m, ei + 1, sc->ms[mi].tok_end))
        return 1;
    m->matched--;
    m->words -= len;
    *slot = -1;
    return 0;
}

/* Elements ei.. matched from token pos on (within their gaps); 1 or 0. */
static int match_fwd(pmatch *m, uint32_t ei, uint32_t pos)
{
    if (ei == m->p->nel)
        return 1;
    if (--m->budget < 0)
        return 0;
    const dict_pelem *e = &m->p->el[ei];
    const dict_sentence *sc = m->sc;
    uint32_t gap = e->adjacent ? 0 : (e->type == DICT_PE_WORDS ? 3 : 6);
    /* Hyphens do not count as gap words: "a six-month extension". */
    for (uint32_t g = 0, s = pos; g <= gap && s < sc->te; s++) {
        if (is_boundary_punct(m, s))
            break;
        if (try_fwd(m, ei, s))
            return 1;
        if (!(sc->tk[s].flags & TXT_TOK_HYPHEN))
            g++;
    }
    if (e->optional)
        return match_fwd(m, ei + 1, pos);
    return 0;
}

/* Element ei matched so that it ends at token s, then the rest backward;
 * 1 or 0 as try_fwd. */
static int try_bwd(pmatch *m, int32_t ei, uint32_t s)
{
    const dict_pelem *e = &m->p->el[ei];
    const dict_sentence *sc = m->sc;
    if (e->type == DICT_PE_WORDS) {
        if (!DICT_FILTER_HAS(e->last, sc->tk[s].hash))
            return 0;
        for (uint32_t a = 0; a < e->nalts; a++) {
            uint32_t n = alt_bwd(sc, &e->alts[a], s);
            if (!n)
                continue;
            uint32_t olo = m->lo;
            m->matched++;
            m->words += (int)n;
            if (s + 1 - n < m->lo)
                m->lo = s + 1 - n;
            if (match_bwd(m, ei - 1, (int64_t)s - n))
                return 1;
            m->matched--;
            m->words -= (int)n;
            m->lo = olo;
        }
        return 0;
    }
    int32_t mi = MS(sc, mend, s);
    if (mi < 0)
        return 0;
    int32_t *slot = e->type == DICT_PE_TARGET ? &m->tgt : &m->src;
    int len = 1; /* a slot counts as one word, however long its mention */
    *slot = mi;
    m->matched++;
    m->words += len;
    if (match_bwd(m, ei - 1, (int64_t)sc->ms[mi].tok_begin - 1))
        return 1;
    m->matched--;
    m->words -= len;
    *slot = -1;
    return 0;
}

/* pos: the token at which the element may end (inclusive), moving left. */
static int match_bwd(pmatch *m, int32_t ei, int64_t pos)
{
    if (ei < 0)
        return 1;
    if (--m->budget < 0)
        return 0;
    const dict_pelem *e = &m->p->el[ei];
    const dict_sentence *sc = m->sc;
    /* '_' on the element after this one forbids a gap between them (there
     * is one: backward matching starts before '*'). */
    DY_ASSERT((uint32_t)ei + 1 < m->p->nel);
    int adj = m->p->el[ei + 1].adjacent;
    uint32_t gap = adj ? 0 : (e->type == DICT_PE_WORDS ? 3 : 6);
    int64_t s = pos;
    for (uint32_t g = 0; g <= gap && s >= (int64_t)sc->tb; s--) {
        if (is_boundary_punct(m, (uint32_t)s))
            break;
        if (try_bwd(m, ei, (uint32_t)s))
            return 1;
        if (!(sc->tk[s].flags & TXT_TOK_HYPHEN))
            g++;
    }
    if (e->optional)
        return match_bwd(m, ei - 1, pos);
    return 0;
}

/* Can required word element e start (forward) or end (backward) within
 * its gap of token `from`? A cheap test on the element's token filter that
 * spares the full match for most patterns. */
static int may_match(const dict_sentence *sc, const dict_pelem *e, int64_t from, int dir,
                     int adjacent)
{
    if (e->type != DICT_PE_WORDS || e->optional)
        return 1;
    uint32_t gap = adjacent ? 0 : 3;
    const uint64_t *f = dir > 0 ? e->first : e->last;
    for (uint32_t g = 0; g <= gap && from >= (int64_t)sc->tb && from < (int64_t)sc->te;
         from += dir) {
        const txt_token *t = &sc->tk[from];
        if (DICT_FILTER_HAS(f, t->hash))
            return 1;
        if (!(t->flags & TXT_TOK_HYPHEN))
            g++;
    }
    return 0;
}

/* Match pattern p with its '*' at token v. Returns the number of matched
 * elements (0 = no match) and fills m. */
static int match_pattern(const dict_set *ds, const dict_sentence *sc, const dict_pattern *p,
                         uint32_t v, pmatch *m)
{
    DY_ASSERT(p->verb < p->nel && p->el[p->verb].type == DICT_PE_VERB);
    /* Adjacency is marked on the later element of a pair: '_' before the
     * element after '*', or before '*' itself for the element before it. */
    if (p->verb + 1 < p->nel &&
        !may_match(sc, &p->el[p->verb + 1], (int64_t)v + 1, 1, p->el[p->verb + 1].adjacent))
        return 0;
    if (p->verb > 0 &&
        !may_match(sc, &p->el[p->verb - 1], (int64_t)v - 1, -1, p->el[p->verb].adjacent))
        return 0;
    memset(m, 0, sizeof *m);
    m->sc = sc;
    m->ds = ds;
    m->p = p;
    m->src = m->tgt = -1;
    m->lo = m->hi = v;
    m->budget = 4000;
    m->matched = 1;
    if (!match_fwd(m, p->verb + 1, v + 1))
        return 0;
    int32_t tgt = m->tgt, src = m->src;
    m->budget = 4000;
    if (!match_bwd(m, (int32_t)p->verb - 1, (int64_t)v - 1))
        return 0;
    if (m->tgt < 0)
        m->tgt = tgt;
    if (m->src < 0)
        m->src = src;
    return m->matched;
}

/* Does a match of pattern p (sc_ elements, covering `words` tokens with
 * its word elements and slots) beat the kind's best so far (b, bwords; none when
 * !have)? More elements first, then more words ("increased military
 * cooperation with China": "military cooperation" is more specific than
 * "cooperation" alone), then the earlier pattern. */
static int better(int sc_, int words, const dict_pattern *p, int have, const dict_hit *b,
                  int bwords)
{
    if (!have)
        return 1;
    if (sc_ != b->score)
        return sc_ > b->score;
    if (words != bwords)
        return words > bwords;
    return b->p && p->order < b->p->order;
}

unsigned dict_match_word(const dict_set *ds, const dict_sentence *sc, uint32_t v, int force,
                         dict_hit best[2])
{
    DY_ASSERT(ds->compiled && v >= sc->tb && v < sc->te);
    const dict_wordform *wf;
    size_t n = dict_word_lookup(ds, sc->tk[v].hash, &wf);
    if (!n)
        return 0;
    int have[2] = {0, 0}, bwords[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        const dict_vlex *lx = dict_vlex_of(wf[i].lx);
        int kind = lx->pub.kind;
        if (force >= 0 && kind != force)
            continue;
        /* Only patterns whose key word occurs on the right side of the word
         * in this sentence can match (dict_vlex keys). */
        uint64_t seen[64];
        int all = lx->npats > 64 * 64;
        if (!all)
            memset(seen, 0, ((lx->npats + 63) / 64) * sizeof *seen);
        /* A pattern's key lies within a few words of the event word: at
         * most sixteen tokens, and no further than the lexeme's keys can
         * reach (counted in tokens that are not hyphens, as the matcher
         * counts gaps). */
        uint32_t t = v > sc->tb + 16 ? v - 16 : sc->tb, gi = 0;
        uint32_t tend = v + 17 < sc->te ? v + 17 : sc->te;
        if (lx->key_before != DICT_KEY_FAR) {
            uint32_t lo = v, c = 0;
            while (lo > t && c < lx->key_before)
                if (!(sc->tk[--lo].flags & TXT_TOK_HYPHEN))
                    c++;
            t = lo;
        }
        if (lx->key_after != DICT_KEY_FAR) {
            uint32_t hi = v + 1, c = 0;
            while (hi < tend && c < lx->key_after)
                if (!(sc->tk[hi++].flags & TXT_TOK_HYPHEN))
                    c++;
            tend = hi;
        }
        for (;;) {
            uint32_t k;
            if (all) {
                if (gi >= lx->npats)
                    break;
                k = gi++;
            } else if (gi < lx->ngeneric) {
                k = lx->generic[gi++];
            } else {
                static const uint32_t none = 0;
                const uint32_t *idx = &none;
                size_t ni = 0;
                while (t < tend && ni == 0) {
                    /* the key filter first: most words are no key */
                    if (t != v && dict_lexeme_may_key(lx, sc->tk[t].hash))
                        ni = dict_lexeme_keyed(lx, sc->tk[t].hash, &idx);
                    t++;
                }
                if (ni == 0)
                    break;
                /* Try the patterns of this key whose key is on t's side. */
                int side = t - 1 > v ? 1 : -1;
                uint32_t want = side < 0 ? DICT_KEY_BEFORE : 0;
                /* Non-hyphen tokens from the word to the key, key included
                 * (what DICT_KEY_REACH bounds). */
                uint32_t kt = t - 1;
                uint32_t dist = side > 0 ? MS(sc, nh, kt + 1) - MS(sc, nh, v + 1)
                                         : MS(sc, nh, v) - MS(sc, nh, kt);
                for (size_t q = 0; q < ni; q++) {
                    if ((idx[q] & DICT_KEY_BEFORE) != want)
                        continue;
                    /* Too far for this pattern: another occurrence of its
                     * key may still be near, so it is not marked seen. */
                    uint32_t reach = DICT_KEY_REACH(idx[q]);
                    if (reach != DICT_KEY_REACH_FAR && dist > reach)
                        continue;
                    k = DICT_KEY_INDEX(idx[q]);
                    /* seen[] covers 4096 patterns; more are all tried */
                    DY_ASSERT(k < lx->npats && k < 64 * 64);
                    if ((seen[k / 64] >> (k % 64)) & 1u)
                        continue;
                    seen[k / 64] |= 1ull << (k % 64);
                    pmatch m;
                    int sc_ = match_pattern(ds, sc, lx->pats[k], v, &m);
                    if (sc_ && better(sc_, m.words, lx->pats[k], have[kind], &best[kind],
                                      bwords[kind])) {
                        best[kind] = (dict_hit){&lx->pub, lx->pats[k], wf[i].form, sc_,
                                                m.src, m.tgt, m.lo, m.hi};
                        bwords[kind] = m.words;
                        have[kind] = 1;
                    }
                }
                continue;
            }
            pmatch m;
            int sc_ = match_pattern(ds, sc, lx->pats[k], v, &m);
            if (!sc_)
                continue;
            if (better(sc_, m.words, lx->pats[k], have[kind], &best[kind], bwords[kind])) {
                best[kind] = (dict_hit){&lx->pub, lx->pats[k], wf[i].form, sc_,
                                        m.src, m.tgt, m.lo, m.hi};
                bwords[kind] = m.words;
                have[kind] = 1;
            }
        }
        if (lx->pub.code[0] && !have[kind]) {
            best[kind] = (dict_hit){&lx->pub, NULL, wf[i].form, 1, -1, -1, v, v};
            have[kind] = 1;
        }
    }
    return (unsigned)have[DICT_LX_VERB] << DICT_LX_VERB | (unsigned)have[DICT_LX_NOUN] << DICT_LX_NOUN;
}
