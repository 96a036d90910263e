/* articles.c - scoring output events against an articles gold: placing
 * each event in its gold sentence, then precision, recall and F1 at four
 * levels as the reference scorer (score_articles.py) computes them, for
 * all sentences and for those of each corpus. */
#include "eval/eval_internal.h"
#include "core/alloc.h"
#include "core/vec.h"

#include <stdio.h>
#include <string.h>

long eval_articles_find_doc(const eval_articles *g, const char *id)
{
    size_t lo = 0, hi = g->ndocs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(g->docs[g->by_id[mid]].id, id);
        if (c == 0)
            return (long)g->by_id[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int eval_articles_has_doc(const eval_articles *g, const char *id)
{
    return eval_articles_find_doc(g, id) >= 0;
}

int eval_articles_add_doc(eval_articles *g, const char *id, const char *corpus, const char *text,
                          size_t len, dy_err *err)
{
    long d = eval_articles_find_doc(g, id);
    if (d < 0)
        return 0;
    art_doc *doc = &g->docs[d];
    doc->text = dy_arena_strndup(g->a, text ? text : "", text ? len : 0);
    doc->len = text ? len : 0;
    doc->corpus = corpus && corpus[0] ? dy_arena_strndup(g->a, corpus, strlen(corpus)) : NULL;
    if (!doc->text || (corpus && corpus[0] && !doc->corpus))
        return dy_err_set(err, DY_ENOMEM, id, 0, -1, "out of memory");
    return 0;
}

/* 1 when a row of sentence s has sentence index sent (as the scorer
 * compares: the written field against the decimal number). */
static int sent_index_is(const eval_articles *g, const art_sent *s, long sent)
{
    char num[24];
    snprintf(num, sizeof num, "%ld", sent);
    for (size_t i = 0; i < s->nrows; i++)
        if (strcmp(g->rows[s->rows[i]].sent, num) == 0)
            return 1;
    return 0;
}

/* 1 when a row of sentence s has a "sentence" column equal to e's text. */
static int sent_text_is(const eval_articles *g, const art_sent *s, const eval_event *e)
{
    for (size_t i = 0; i < s->nrows; i++) {
        const char *t = g->rows[s->rows[i]].sentence;
        if (t && strlen(t) == e->text_len && memcmp(t, e->text, e->text_len) == 0)
            return 1;
    }
    return 0;
}

/* The gold sentence of document d where event e belongs, -1 for none:
 * by the start of its verb span (else source span), else by its text,
 * else by its sentence index. */
static long place(const eval_articles *g, const art_doc *d, const eval_event *e)
{
    long at = e->verb.start >= 0 ? e->verb.start : e->src.start;
    if (at >= 0)
        for (size_t i = 0; i < d->nsents; i++) {
            const art_sent *s = &g->sents[d->sents[i]];
            if (s->start <= at && at < s->end)
                return (long)d->sents[i];
        }
    if (e->text && e->text_len > 0 && g->has_sentence_col)
        for (size_t i = 0; i < d->nsents; i++)
            if (sent_text_is(g, &g->sents[d->sents[i]], e))
                return (long)d->sents[i];
    if (e->sent >= 0)
        for (size_t i = 0; i < d->nsents; i++)
            if (sent_index_is(g, &g->sents[d->sents[i]], e->sent))
                return (long)d->sents[i];
    return -1;
}

int eval_articles_add_event(eval_articles *g, const eval_event *e, dy_err *err)
{
    if (g->finished)
        return dy_err_set(err, DY_EINVAL, g->name, 0, -1, "events added after scoring");
    if (!e->code || !e->code[0] || !e->doc)
        return 0; /* the scorer reads only events with a code */
    long d = eval_articles_find_doc(g, e->doc);
    if (d < 0)
        return 0;
    long s = place(g, &g->docs[d], e);
    if (s < 0) {
        g->unplaced++;
        return 0;
    }
    if (dy_vec_grow(&g->evs, &g->cap, g->nevs, sizeof *g->evs))
            return dy_err_set(err, DY_ENOMEM, e->doc, 0, -1, "out of memory");
    art_event *ae = &g->evs[g->nevs];
    ae->sentence = (size_t)s;
    if (eval_event_copy(g->a, &ae->e, e) != 0)
        return dy_err_set(err, DY_ENOMEM, e->doc, 0, -1, "out of memory");
    g->nevs++;
    return 0;
}

/* Name each document's corpus (given, else its id up to the first '-')
 * and list the corpora in order of first appearance. */
static int name_corpora(eval_articles *g, dy_err *err)
{
    g->corpora = dy_calloc(g->ndocs ? g->ndocs : 1, sizeof *g->corpora);
    if (!g->corpora)
        return dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
    for (size_t i = 0; i < g->ndocs; i++) {
        art_doc *d = &g->docs[i];
        if (!d->corpus) {
            const char *dash = strchr(d->id, '-');
            size_t n = dash && dash > d->id ? (size_t)(dash - d->id) : strlen(d->id);
            if (!(d->corpus = dy_arena_strndup(g->a, d->id, n)))
                return dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
        }
        size_t c = 0;
        while (c < g->ncorpora && strcmp(g->corpora[c], d->corpus) != 0)
            c++;
        if (c == g->ncorpora)
            g->corpora[g->ncorpora++] = d->corpus;
        d->corpus_ix = c;
    }
    return 0;
}

/* Give each sentence the list of its events, in output order. */
static int group_events(eval_articles *g, dy_err *err)
{
    for (size_t i = 0; i < g->nevs; i++)
        g->sents[g->evs[i].sentence].nevs++;
    for (size_t s = 0; s < g->nsents; s++) {
        art_sent *st = &g->sents[s];
        st->evs = dy_arena_calloc(g->a, st->nevs ? st->nevs : 1, sizeof *st->evs);
        if (!st->evs)
            return dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
        st->nevs = 0;
    }
    for (size_t i = 0; i < g->nevs; i++) {
        art_sent *st = &g->sents[g->evs[i].sentence];
        st->evs[st->nevs++] = i;
    }
    return 0;
}

/* Matched gold rows (greedy: each positive row, in order, takes the first
 * unused event that matches) and matched events (an event that matches
 * any positive row) of sentence s at level. used: scratch of g->nevs. */
static void score_sentence(const eval_articles *g, const art_sent *s, int level,
                           unsigned char *used, eval_prf *p)
{
    for (size_t j = 0; j < s->nevs; j++)
        used[s->evs[j]] = 0;
    for (size_t i = 0; i < s->nrows; i++) {
        const eval_gold_row *r = &g->rows[s->rows[i]];
        if (!eval_gold_positive(r))
            continue;
        for (size_t j = 0; j < s->nevs; j++)
            if (!used[s->evs[j]] && eval_match(r, &g->evs[s->evs[j]].e, level)) {
                used[s->evs[j]] = 1;
                p->tp_gold++;
                break;
            }
    }
    for (size_t j = 0; j < s->nevs; j++)
        for (size_t i = 0; i < s->nrows; i++) {
            const eval_gold_row *r = &g->rows[s->rows[i]];
            if (eval_gold_positive(r) && eval_match(r, &g->evs[s->evs[j]].e, level)) {
                p->tp_events++;
                break;
            }
        }
}

/* Counts of sentence s that do not depend on the level. */
static void count_sentence(const eval_articles *g, const art_sent *s, eval_figures *f)
{
    f->sentences++;
    f->events += (long)s->nevs;
    if (s->no_event)
        f->events_in_no_event_sentences += (long)s->nevs;
    for (size_t i = 0; i < s->nrows; i++) {
        const eval_gold_row *r = &g->rows[s->rows[i]];
        if (strcmp(r->code, "-") == 0)
            continue;
        if (eval_gold_positive(r)) {
            f->gold_events++;
            continue;
        }
        f->gold_not_events++;
        for (size_t j = 0; j < s->nevs; j++)
            if (eval_match(r, &g->evs[s->evs[j]].e, EVAL_FULL)) {
                f->not_items_hit++;
                break;
            }
    }
}

/* The figures of the sentences of corpus c (all when c == SIZE_MAX). */
static void figures(const eval_articles *g, size_t c, unsigned char *used, eval_figures *f)
{
    memset(f, 0, sizeof *f);
    for (size_t k = 0; k < g->nsents; k++) {
        const art_sent *s = &g->sents[k];
        if (c != (size_t)-1 && g->docs[s->doc].corpus_ix != c)
            continue;
        count_sentence(g, s, f);
        for (int l = 0; l < EVAL_LEVELS; l++)
            score_sentence(g, s, l, used, &f->level[l]);
    }
    for (int l = 0; l < EVAL_LEVELS; l++) {
        eval_prf *p = &f->level[l];
        double pr = f->events ? (double)p->tp_events / (double)f->events : 0.0;
        double re = f->gold_events ? (double)p->tp_gold / (double)f->gold_events : 0.0;
        p->precision = pr;
        p->recall = re;
        p->f1 = pr + re > 0.0 ? 2 * pr * re / (pr + re) : 0.0;
    }
}

int eval_articles_finish(eval_articles *g, dy_err *err)
{
    if (g->finished)
        return dy_err_set(err, DY_EINVAL, g->name, 0, -1, "scored twice");
    g->finished = 1;
    int rc = name_corpora(g, err);
    if (!rc)
        rc = group_events(g, err);
    unsigned char *used = rc ? NULL : dy_calloc(g->nevs ? g->nevs : 1, 1);
    g->by_corpus = rc ? NULL : dy_calloc(g->ncorpora ? g->ncorpora : 1, sizeof *g->by_corpus);
    if (!rc && (!used || !g->by_corpus))
        rc = dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
    if (!rc) {
        figures(g, (size_t)-1, used, &g->all);
        for (size_t c = 0; c < g->ncorpora; c++)
            figures(g, c, used, &g->by_corpus[c]);
        rc = eval_articles_classify(g, err);
    }
    dy_free(used);
    return rc;
}

const eval_figures *eval_articles_figures(const eval_articles *g, const char *corpus)
{
    if (!g->finished)
        return NULL;
    if (!corpus)
        return &g->all;
    for (size_t c = 0; c < g->ncorpora; c++)
        if (strcmp(g->corpora[c], corpus) == 0)
            return &g->by_corpus[c];
    return NULL;
}

size_t eval_articles_corpus_count(const eval_articles *g) { return g->ncorpora; }

const char *eval_articles_corpus(const eval_articles *g, size_t i)
{
    return i < g->ncorpora ? g->corpora[i] : NULL;
}

long eval_articles_unplaced(const eval_articles *g) { return g->unplaced; }

long eval_articles_docs_unread(const eval_articles *g)
{
    long n = 0;
    for (size_t i = 0; i < g->ndocs; i++)
        n += g->docs[i].text == NULL;
    return n;
}

const char *eval_articles_sentence_text(const eval_articles *g, size_t k, size_t *n)
{
    const art_sent *s = &g->sents[k];
    const art_doc *d = &g->docs[s->doc];
    *n = 0;
    if (!d->text || (size_t)s->end > d->len)
        return NULL;
    *n = (size_t)(s->end - s->start);
    return d->text + s->start;
}
