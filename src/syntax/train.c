/* train.c - training the tagger and the parser from treebanks.
 *
 * Both are averaged perceptrons (Collins 2002) over the hashed features of
 * features.c. The tagger is trained greedily on its own predicted history.
 * The parser is trained on tags predicted by taggers that did not see the
 * sentence (jackknifing, so that it learns to live with tagging errors)
 * and with the dynamic oracle of oracle.c, following its own moves with
 * probability `explore` after the first pass (Goldberg & Nivre 2012).
 * Everything is deterministic: a fixed-seed generator orders the sentences
 * and draws the exploration.
 */
#include "syntax/syntax_conllu.h"
#include "core/alloc.h"
#include "core/hash.h"
#include "core/buf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- perceptron with lazy averaging ---------------------------------- */

typedef struct tr_pair {
    uint32_t cls;
    float w;
    double u;          /* sum of t * delta: average = w - u / t */
} tr_pair;

typedef struct tr_feat {
    uint64_t key;      /* 0 = empty slot */
    uint32_t n, cap;
    uint32_t updates;  /* updates it took part in (delta > 0 counted) */
    tr_pair *p;
} tr_feat;

typedef struct tr_model {
    tr_feat *f;
    uint32_t mask, count, nclass;
    uint32_t min_updates; /* features with fewer updates are not exported */
    double t;          /* examples seen */
} tr_model;

static int tr_init(tr_model *m, uint32_t nclass)
{
    memset(m, 0, sizeof *m);
    m->nclass = nclass;
    m->mask = (1u << 16) - 1;
    m->f = dy_calloc((size_t)m->mask + 1, sizeof *m->f);
    return m->f ? 0 : DY_ENOMEM;
}

static void tr_free(tr_model *m)
{
    for (size_t i = 0; m->f && i <= m->mask; i++)
        dy_free(m->f[i].p);
    dy_free(m->f);
    memset(m, 0, sizeof *m);
}

static tr_feat *tr_find(const tr_model *m, uint64_t key)
{
    uint32_t slot = (uint32_t)(key >> 20) & m->mask;
    for (;;) {
        tr_feat *f = &m->f[slot];
        if (f->key == key)
            return f;
        if (f->key == 0)
            return NULL;
        slot = (slot + 1) & m->mask;
    }
}

static int tr_grow(tr_model *m)
{
    uint32_t mask = 2 * m->mask + 1;
    tr_feat *f = dy_calloc((size_t)mask + 1, sizeof *f);
    if (!f)
        return DY_ENOMEM;
    for (size_t i = 0; i <= m->mask; i++) {
        if (!m->f[i].key)
            continue;
        uint32_t slot = (uint32_t)(m->f[i].key >> 20) & mask;
        while (f[slot].key)
            slot = (slot + 1) & mask;
        f[slot] = m->f[i];
    }
    dy_free(m->f);
    m->f = f;
    m->mask = mask;
    return 0;
}

static tr_feat *tr_insert(tr_model *m, uint64_t key)
{
    tr_feat *f = tr_find(m, key);
    if (f)
        return f;
    if (2 * (m->count + 1) > m->mask && tr_grow(m))
        return NULL;
    uint32_t slot = (uint32_t)(key >> 20) & m->mask;
    while (m->f[slot].key)
        slot = (slot + 1) & m->mask;
    m->f[slot].key = key;
    m->count++;
    return &m->f[slot];
}

static void tr_score(const tr_model *m, const uint64_t *f, size_t nf, float *score)
{
    for (size_t i = 0; i < nf; i++) {
        const tr_feat *x = tr_find(m, f[i]);
        if (!x)
            continue;
        for (uint32_t k = 0; k < x->n; k++)
            score[x->p[k].cls] += x->p[k].w;
    }
}

/* Add delta to the weight of class c for features f. */
static int tr_update(tr_model *m, const uint64_t *f, size_t nf, uint32_t c, float delta)
{
    for (size_t i = 0; i < nf; i++) {
        tr_feat *x = tr_insert(m, f[i]);
        if (!x)
            return DY_ENOMEM;
        uint32_t k = 0;
        while (k < x->n && x->p[k].cls != c)
            k++;
        if (k == x->n) {
            if (x->n == x->cap) {
                uint32_t cap = x->cap ? 2 * x->cap : 2;
                tr_pair *p = dy_reallocarray(x->p, cap, sizeof *p);
                if (!p)
                    return DY_ENOMEM;
                x->p = p;
                x->cap = cap;
            }
            x->p[x->n++] = (tr_pair){c, 0, 0};
        }
        x->p[k].w += delta;
        x->p[k].u += m->t * delta;
        x->updates += delta > 0;
    }
    return 0;
}

static int key_cmp(const void *a, const void *b)
{
    uint64_t x = (*(const tr_feat *const *)a)->key, y = (*(const tr_feat *const *)b)->key;
    return x < y ? -1 : x > y;
}

/* The averaged weights as a loaded table (the same one the model file
 * holds), features in key order. Weights are scaled to 16-bit integers. */
static int tr_export(const tr_model *m, syn_weights *out)
{
    memset(out, 0, sizeof *out);
    double t = m->t > 0 ? m->t : 1, max = 0;
    tr_feat **all = dy_malloc((m->count ? m->count : 1) * sizeof *all);
    if (!all)
        return DY_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i <= m->mask; i++) {
        const tr_feat *f = &m->f[i];
        if (!f->key || f->updates < m->min_updates)
            continue;
        all[n++] = (tr_feat *)f;
        for (uint32_t k = 0; k < f->n; k++) {
            double a = fabs(f->p[k].w - f->p[k].u / t);
            if (a > max)
                max = a;
        }
    }
    qsort(all, n, sizeof *all, key_cmp);
    double scale = max > 0 ? 32000.0 / max : 1;
    size_t npairs = 0;
    for (size_t i = 0; i < n; i++)
        npairs += all[i]->n;
    if (syn_weights_alloc(out, m->nclass, n, npairs, 1)) {
        dy_free(all);
        return DY_ENOMEM;
    }
    size_t p = 0;
    for (size_t i = 0; i < n; i++) {
        const tr_feat *f = all[i];
        size_t start = p;
        for (uint32_t k = 0; k < f->n; k++) {
            long q = lrint((f->p[k].w - f->p[k].u / t) * scale);
            if (q == 0)
                continue;
            out->pairs[p].cls = (uint8_t)f->p[k].cls;
            out->pairs[p].w = (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
            p++;
        }
        if (p > start)
            syn_weights_insert(out, f->key, (uint32_t)start, (uint32_t)(p - start));
    }
    out->npairs = p;
    dy_free(all);
    return 0;
}

/* ---- the training set --------------------------------------------- */

typedef struct tr_sent {
    syn_gold g;
    syn_word *w;
    uint8_t *jfirst;   /* jackknifed first-pass tags */
    uint8_t *jtag;     /* jackknifed predicted tags (both passes) */
    int *phead;        /* projectivised gold heads */
} tr_sent;

typedef struct trainer {
    const syn_train_opts *o;
    dy_arena *a;
    syn_model tags;    /* the tag set (names) and the lexicon */
    tr_sent *s;
    size_t ns;
    uint64_t rng;
    dy_err *err;
} trainer;

static uint64_t rnd(trainer *t)
{
    uint64_t x = t->rng;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    t->rng = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static void say(const trainer *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const trainer *t, const char *fmt, ...)
{
    if (!t->o->progress)
        return;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    t->o->progress(t->o->ud, msg);
}

static int tag_cmp(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* The tag set: every "UPOS XPOS" pair of the treebanks, sorted. */
static int build_tagset(trainer *t, syn_csent *const *files, const size_t *nper, size_t nfiles)
{
    static char seen[SYN_MAX_TAGS][24];
    size_t n = 0;
    for (size_t f = 0; f < nfiles; f++)
        for (size_t i = 0; i < nper[f]; i++)
            for (size_t j = 0; j < files[f][i].n; j++) {
                const syn_cword *w = &files[f][i].w[j];
                char key[24];
                if (strlen(w->xpos) > 15)
                    continue;
                snprintf(key, sizeof key, "%02d %s", w->upos, w->xpos);
                size_t k = 0;
                while (k < n && strcmp(seen[k], key) != 0)
                    k++;
                if (k == n) {
                    if (n == SYN_MAX_TAGS)
                        return dy_err_set(t->err, DY_EPARSE, NULL, 0, -1,
                                          "more than %d tags in the treebanks", SYN_MAX_TAGS);
                    memcpy(seen[n++], key, sizeof key);
                }
            }
    qsort(seen, n, sizeof seen[0], tag_cmp);
    syn_model *m = &t->tags;
    m->ntags = (uint32_t)n;
    int hyph = -1, punct = -1;
    for (size_t i = 0; i < n; i++) {
        m->tag_upos[i] = (uint8_t)atoi(seen[i]);
        snprintf(m->tag_store[i], sizeof m->tag_store[i], "%s", seen[i] + 3);
        m->tag_name[i] = m->tag_store[i];
        m->tag_xpos[i] = (uint8_t)syn_xpos_of(m->tag_name[i]);
        if (m->tag_upos[i] == SYN_PUNCT && punct < 0)
            punct = (int)i;
        if (m->tag_upos[i] == SYN_PUNCT && strcmp(m->tag_name[i], "HYPH") == 0)
            hyph = (int)i;
    }
    m->punct_tag = (uint8_t)(hyph >= 0 ? hyph : punct >= 0 ? punct : 0);
    for (size_t i = 0; i < n; i++)
        if (m->tag_upos[i] == SYN_VERB && strcmp(m->tag_name[i], "VBD") == 0)
            m->vbd_tag = (uint8_t)i;
    return 0;
}

/* Is the token tree of g a tree (every token reaches the root)? */
static int is_tree(const syn_gold *g)
{
    int n = (int)g->n;
    for (int i = 0; i < n; i++) {
        int x = i, steps = 0;
        while (x != n && steps++ <= n) {
            if (g->head[x] < 0 || g->head[x] > n)
                return 0;
            x = g->head[x];
        }
        if (x != n)
            return 0;
    }
    return 1;
}

/* Mark the words seen at least SYN_KNOWN_MIN times in the training
 * sentences as known in the lexicon (syn_words_prepare). */
static int mark_known(trainer *t)
{
    syn_lexicon count = {0};
    int rc = 0;
    /* The count in a lexicon's class bits, saturating: a word's bit k is
     * set at its (k+1)-th occurrence. */
    for (size_t i = 0; !rc && i < t->ns; i++) {
        const syn_gold *g = &t->s[i].g;
        for (size_t j = 0; !rc && j < g->n; j++) {
            uint16_t c = syn_lexicon_get(&count, g->toks[j].hash);
            if (c < (1u << (SYN_KNOWN_MIN - 1)))
                rc = syn_lexicon_add(&count, g->toks[j].hash, c ? (uint16_t)(c << 1) : 1);
        }
    }
    long known = 0;
    for (uint32_t i = 0; !rc && count.keys && i <= count.mask; i++) {
        if (!count.keys[i] || count.cls[i] < (1u << (SYN_KNOWN_MIN - 1)))
            continue;
        rc = syn_lexicon_add(&t->tags.lex, count.keys[i], SYN_LEX_KNOWN);
        known++;
    }
    syn_lexicon_free(&count);
    if (!rc)
        say(t, "%ld words occur at least %d times", known, SYN_KNOWN_MIN);
    return rc;
}

static int load_sentences(trainer *t)
{
    const syn_train_opts *o = t->o;
    syn_csent **files = dy_calloc(o->nfiles, sizeof *files);
    size_t *nper = dy_calloc(o->nfiles, sizeof *nper);
    int rc = files && nper ? 0 : DY_ENOMEM;
    size_t total = 0;
    for (size_t f = 0; !rc && f < o->nfiles; f++) {
        rc = syn_conllu_read(o->files[f], t->a, &files[f], &nper[f], t->err);
        total += nper[f];
    }
    if (!rc)
        rc = build_tagset(t, files, nper, o->nfiles);
    if (!rc && !(t->s = dy_arena_calloc(t->a, total ? total : 1, sizeof *t->s)))
        rc = DY_ENOMEM;
    long skipped = 0, lifted = 0;
    for (size_t f = 0; !rc && f < o->nfiles; f++) {
        for (size_t i = 0; !rc && i < nper[f]; i++) {
            tr_sent *s = &t->s[t->ns];
            int r = syn_align(&files[f][i], &t->tags, t->a, &s->g);
            if (r == DY_ENOMEM) {
                rc = r;
                break;
            }
            if (r || !is_tree(&s->g)) {
                skipped++;
                continue;
            }
            size_t n = s->g.n;
            s->w = dy_arena_alloc(t->a, n * sizeof *s->w);
            s->jtag = dy_arena_alloc(t->a, n);
            s->jfirst = dy_arena_alloc(t->a, n);
            s->phead = dy_arena_alloc(t->a, (n + 1) * sizeof *s->phead);
            if (!s->w || !s->jtag || !s->jfirst || !s->phead) {
                rc = DY_ENOMEM;
                break;
            }
            memcpy(s->phead, s->g.head, (n + 1) * sizeof *s->phead);
            lifted += syn_projectivize(s->phead, (int)n);
            t->ns++;
        }
    }
    if (!rc)
        rc = mark_known(t);
    for (size_t i = 0; !rc && i < t->ns; i++)
        syn_words_prepare(&t->tags.lex, t->s[i].g.toks, t->s[i].g.n, t->s[i].w);
    if (rc == DY_ENOMEM)
        dy_err_set(t->err, rc, NULL, 0, -1, "out of memory");
    dy_free(files);
    dy_free(nper);
    if (!rc)
        say(t, "%zu sentences, %u tags; %ld sentences skipped (tokens and words do not "
               "match), %ld non-projective arcs lifted",
            t->ns, t->tags.ntags, skipped, lifted);
    return rc;
}

static void shuffle(trainer *t, size_t *order, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(rnd(t) % i);
        size_t x = order[i - 1];
        order[i - 1] = order[j];
        order[j] = x;
    }
}

/* ---- tagger ---------------------------------------------------------- */

/* Train one pass of the tagger on the sentences whose index is not in
 * fold `skip` (of `folds`; skip < 0: all). The second pass (pass 2) sees
 * the jackknifed first-pass tags of its training sentences. */
static int train_tagger(trainer *t, int pass, int skip, int folds, syn_weights *out)
{
    tr_model m;
    if (tr_init(&m, t->tags.ntags))
        return DY_ENOMEM;
    size_t *order = dy_malloc((t->ns ? t->ns : 1) * sizeof *order);
    uint8_t *tags = dy_malloc(SYN_MAX_TOKENS + 1);
    int rc = order && tags ? 0 : DY_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; !rc && i < t->ns; i++)
        if (skip < 0 || (int)(i % (size_t)folds) != skip)
            order[n++] = i;
    int iters = t->o->tagger_iters > 0 ? t->o->tagger_iters : 15;
    uint64_t f[SYN_TAG_MAX_FEATS];
    float score[SYN_MAX_TAGS];
    for (int it = 0; !rc && it < iters; it++) {
        shuffle(t, order, n);
        long right = 0, all = 0;
        for (size_t k = 0; !rc && k < n; k++) {
            const tr_sent *s = &t->s[order[k]];
            const uint8_t *first = pass == 2 ? s->jfirst : NULL;
            for (uint32_t i = 0; !rc && i < s->g.n; i++) {
                size_t nf = syn_tag_features(&t->tags, s->w, s->g.n, i, tags, first, f);
                memset(score, 0, m.nclass * sizeof *score);
                tr_score(&m, f, nf, score);
                uint32_t best = 0;
                for (uint32_t c = 1; c < m.nclass; c++)
                    if (score[c] > score[best])
                        best = c;
                uint32_t gold = s->g.tag[i];
                m.t += 1;
                if (best != gold)
                    rc = tr_update(&m, f, nf, gold, 1) || tr_update(&m, f, nf, best, -1)
                             ? DY_ENOMEM
                             : 0;
                right += best == gold;
                all++;
                tags[i] = (uint8_t)best;
            }
        }
        if (skip < 0)
            say(t, "tagger pass %d, iteration %d: %.4f of training tokens right", pass, it + 1,
                all ? (double)right / (double)all : 0.0);
    }
    if (!rc)
        rc = tr_export(&m, out);
    dy_free(order);
    dy_free(tags);
    tr_free(&m);
    return rc;
}

/* Tag the sentences of fold k with taggers that did not see them: first
 * pass into jfirst (when w2 is NULL), else both passes into jtag. */
static void tag_fold(trainer *t, int k, int folds, const syn_weights *w1, const syn_weights *w2)
{
    for (size_t i = (size_t)k; i < t->ns; i += (size_t)folds) {
        tr_sent *s = &t->s[i];
        if (!w2) {
            syn_tag_run(&t->tags, w1, s->w, (uint32_t)s->g.n, NULL, s->jfirst);
        } else {
            syn_tag_run(&t->tags, w2, s->w, (uint32_t)s->g.n, s->jfirst, s->jtag);
            syn_finite_fix(&t->tags, s->w, s->jtag, (uint32_t)s->g.n);
        }
    }
}

static double tag_accuracy(const trainer *t, int second)
{
    long right = 0, all = 0;
    for (size_t i = 0; i < t->ns; i++) {
        const tr_sent *s = &t->s[i];
        for (size_t j = 0; j < s->g.n; j++)
            right += (second ? s->jtag[j] : s->jfirst[j]) == s->g.tag[j];
        all += (long)s->g.n;
    }
    return all ? (double)right / (double)all : 0.0;
}

/* Predicted tags for every sentence from taggers that did not see it:
 * first the first pass for all folds (the second pass trains on them),
 * then both passes. */
static int jackknife(trainer *t)
{
    int folds = t->o->folds > 0 ? t->o->folds : 5;
    for (int pass = 1; pass <= 2; pass++) {
        for (int k = 0; k < folds; k++) {
            syn_weights w;
            int rc = train_tagger(t, pass, k, folds, &w);
            if (rc)
                return rc;
            tag_fold(t, k, folds, &w, pass == 2 ? &w : NULL);
            syn_weights_free(&w);
        }
        say(t, "jackknifed tags (%d folds), pass %d: %.4f right", folds, pass,
            tag_accuracy(t, pass == 2));
    }
    return 0;
}

/* ---- parser ---------------------------------------------------------- */

static int best_move(const syn_state *st, const float *score, const int32_t *cost, int32_t max)
{
    int best = -1;
    for (int c = 0; c < SYN_NMOVES; c++) {
        if (cost[c] > max || !syn_move_legal(st, c))
            continue;
        if (best < 0 || score[c] > score[best])
            best = c;
    }
    return best;
}

/* One pass of the parser over one sentence. */
static int parse_sentence(trainer *t, tr_model *m, const tr_sent *s, int explore,
                          long *right, long *all)
{
    syn_state st;
    if (syn_state_init(&st, (int)s->g.n, t->a))
        return DY_ENOMEM;
    uint64_t f[SYN_PARSE_MAX_FEATS];
    float score[SYN_NMOVES];
    int32_t cost[SYN_NMOVES];
    double p = t->o->explore >= 0 ? t->o->explore : 0.9;
    while (!syn_state_terminal(&st)) {
        size_t nf = syn_parse_features(&st, s->w, s->jtag, t->tags.tag_upos, f);
        memset(score, 0, sizeof score);
        tr_score(m, f, nf, score);
        syn_oracle_costs(&st, s->phead, s->g.rel, cost);
        int32_t min = INT32_MAX;
        for (int c = 0; c < SYN_NMOVES; c++)
            if (cost[c] < min)
                min = cost[c];
        int pred = best_move(&st, score, cost, INT32_MAX - 1);
        int gold = best_move(&st, score, cost, min);
        assert(pred >= 0 && gold >= 0);
        m->t += 1;
        if (cost[pred] > min &&
            (tr_update(m, f, nf, (uint32_t)gold, 1) || tr_update(m, f, nf, (uint32_t)pred, -1)))
            return DY_ENOMEM;
        *right += cost[pred] == min;
        (*all)++;
        int next = explore && (double)(rnd(t) >> 11) / 9007199254740992.0 < p ? pred : gold;
        syn_state_apply(&st, next);
    }
    return 0;
}

static int train_parser(trainer *t, syn_weights *out)
{
    tr_model m;
    if (tr_init(&m, SYN_NMOVES))
        return DY_ENOMEM;
    /* A feature the parser updated once is mostly an accident of one
     * sentence: left out, the model is a third smaller (faster to load and
     * to use) and as accurate. */
    m.min_updates = t->o->min_updates >= 0 ? (uint32_t)t->o->min_updates : 2;
    size_t *order = dy_malloc((t->ns ? t->ns : 1) * sizeof *order);
    int rc = order ? 0 : DY_ENOMEM;
    for (size_t i = 0; !rc && i < t->ns; i++)
        order[i] = i;
    int iters = t->o->parser_iters > 0 ? t->o->parser_iters : 20;
    for (int it = 0; !rc && it < iters; it++) {
        shuffle(t, order, t->ns);
        long right = 0, all = 0;
        dy_arena *scratch = dy_arena_new();
        if (!scratch)
            rc = DY_ENOMEM;
        dy_arena *keep = t->a;
        t->a = scratch;
        for (size_t k = 0; !rc && k < t->ns; k++) {
            rc = parse_sentence(t, &m, &t->s[order[k]], it > 0, &right, &all);
            if ((k & 255) == 255)
                dy_arena_reset(scratch);
        }
        t->a = keep;
        dy_arena_free(scratch);
        say(t, "parser pass %d: %.4f of moves optimal, %u features", it + 1,
            all ? (double)right / (double)all : 0.0, m.count);
    }
    if (!rc)
        rc = tr_export(&m, out);
    dy_free(order);
    tr_free(&m);
    return rc;
}

/* ---- the model file ------------------------------------------------ */

static void put(dy_buf *b, uint64_t v, int bytes)
{
    unsigned char x[8];
    for (int i = 0; i < bytes; i++)
        x[i] = (unsigned char)(v >> (8 * i));
    dy_buf_add(b, x, (size_t)bytes);
}

typedef struct keyslot {
    uint64_t key;
    uint32_t slot;
} keyslot;

static int keyslot_cmp(const void *a, const void *b)
{
    uint64_t x = ((const keyslot *)a)->key, y = ((const keyslot *)b)->key;
    return x < y ? -1 : x > y;
}

static void put_weights(dy_buf *b, const syn_weights *w)
{
    /* Features in key order, so that the file does not depend on the
     * table's layout. */
    uint32_t n = w->nfeat;
    keyslot *ks = dy_malloc((n ? n : 1) * sizeof *ks);
    uint32_t *slot = dy_malloc((n ? n : 1) * sizeof *slot);
    if (!ks || !slot) {
        dy_free(ks);
        dy_free(slot);
        b->oom = 1;
        return;
    }
    uint32_t k = 0;
    for (uint32_t i = 0; i <= w->mask; i++)
        if (w->slots[i].fp)
            ks[k++] = (keyslot){w->keys[i], i};
    qsort(ks, n, sizeof *ks, keyslot_cmp);
    for (uint32_t i = 0; i < n; i++)
        slot[i] = ks[i].slot;
    dy_free(ks);
    put(b, w->nclass, 4);
    put(b, n, 4);
    put(b, w->npairs, 4);
    for (uint32_t i = 0; i < n; i++) {
        put(b, w->keys[slot[i]], 8);
        put(b, w->slots[slot[i]].rowlen & 0xFFu, 1);
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t row = w->slots[slot[i]].rowlen >> 8, len = w->slots[slot[i]].rowlen & 0xFFu;
        for (uint32_t r = row; r < row + len; r++)
            put(b, w->pairs[r].cls, 1);
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t row = w->slots[slot[i]].rowlen >> 8, len = w->slots[slot[i]].rowlen & 0xFFu;
        for (uint32_t r = row; r < row + len; r++)
            put(b, (uint16_t)w->pairs[r].w, 2);
    }
    dy_free(slot);
}

static int lex_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void put_lexicon(dy_buf *b, const syn_lexicon *x)
{
    uint64_t *keys = dy_malloc((x->n ? x->n : 1) * sizeof *keys);
    if (!keys) {
        b->oom = 1;
        return;
    }
    uint32_t n = 0;
    for (uint32_t i = 0; x->keys && i <= x->mask; i++)
        if (x->keys[i])
            keys[n++] = x->keys[i];
    qsort(keys, n, sizeof *keys, lex_cmp);
    put(b, n, 4);
    for (uint32_t i = 0; i < n; i++) {
        put(b, keys[i], 8);
        put(b, syn_lexicon_get(x, keys[i]), 2);
    }
    dy_free(keys);
}

static int write_model(const trainer *t, const syn_weights *const w[3], const char *path,
                       dy_err *err)
{
    dy_buf b = {0};
    dy_buf_add(&b, SYN_MAGIC, 8);
    put(&b, SYN_FORMAT_VERSION, 4);
    put(&b, t->tags.ntags, 4);
    for (uint32_t i = 0; i < t->tags.ntags; i++) {
        size_t len = strlen(t->tags.tag_name[i]);
        put(&b, t->tags.tag_upos[i], 1);
        put(&b, len, 1);
        dy_buf_add(&b, t->tags.tag_name[i], len);
    }
    put_lexicon(&b, &t->tags.lex);
    for (int i = 0; i < 3; i++)
        put_weights(&b, w[i]);
    uint64_t h = dy_fnv1a(b.data, b.len);
    put(&b, h, 8);
    if (b.oom) {
        dy_buf_free(&b);
        return dy_err_set(err, DY_ENOMEM, path, 0, -1, "out of memory");
    }
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(b.data, 1, b.len, f) == b.len;
    if (f && fclose(f) != 0)
        ok = 0;
    dy_buf_free(&b);
    if (!ok)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot write the model");
    return 0;
}

/* Contract in syntax.h. */
int syn_train(const syn_train_opts *o, const char *out_path, dy_err *err)
{
    trainer t = {.o = o, .err = err, .rng = o->seed ? o->seed : 0x9E3779B97F4A7C15ull};
    if (!(t.a = dy_arena_new()))
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    syn_weights tagger = {0}, tagger2 = {0}, parser = {0};
    int rc = 0;
    if (o->wordnet) {
        rc = syn_lexicon_from_wordnet(o->wordnet, &t.tags.lex, err);
        if (!rc)
            say(&t, "lexicon: %u word forms from WordNet in %s", t.tags.lex.n, o->wordnet);
    }
    if (!rc)
        rc = load_sentences(&t);
    if (!rc && t.ns == 0)
        rc = dy_err_set(err, DY_EPARSE, o->nfiles ? o->files[0] : NULL, 0, -1,
                        "no usable sentence in the treebanks");
    if (!rc)
        rc = jackknife(&t);
    if (!rc)
        rc = train_tagger(&t, 1, -1, 1, &tagger);
    if (!rc)
        rc = train_tagger(&t, 2, -1, 1, &tagger2);
    if (!rc)
        rc = train_parser(&t, &parser);
    if (rc == DY_ENOMEM)
        dy_err_set(err, rc, NULL, 0, -1, "out of memory");
    if (!rc) {
        say(&t, "tagger: %u features; parser: %u features, %zu weights", tagger.nfeat,
            parser.nfeat, parser.npairs);
        const syn_weights *w[3] = {&tagger, &tagger2, &parser};
        rc = write_model(&t, w, out_path, err);
    }
    syn_weights_free(&tagger);
    syn_weights_free(&tagger2);
    syn_lexicon_free(&t.tags.lex);
    syn_weights_free(&parser);
    dy_arena_free(t.a);
    return rc;
}
