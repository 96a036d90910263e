/* partners.c - an actor's partners ranked by cooperative interaction per
 * window, with each partner's rank in the previous window. */
#include "model/model_internal.h"

#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct entry {
    int t;                /* window offset */
    int p;                /* partner id index */
    model_partner x;
    double g;
} entry;

/* Group entries by window, then partner (the order inside a window does
 * not matter: windows are ranked afterwards). */
static int cmp_entry(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    if (a->t != b->t)
        return a->t < b->t ? -1 : 1;
    return (a->p > b->p) - (a->p < b->p);
}

/* Rank order within a window: more cooperation, less conflict, more
 * events, then id. */
static int cmp_rank(const void *x, const void *y)
{
    const model_partner *a = x, *b = y;
    if (a->coop != b->coop)
        return a->coop > b->coop ? -1 : 1;
    if (a->conflict != b->conflict)
        return a->conflict < b->conflict ? -1 : 1;
    if (a->events != b->events)
        return a->events > b->events ? -1 : 1;
    return strcmp(a->id, b->id);
}

void model_partners_free(model_partners *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nids_; i++)
        dy_free(p->ids_[i]);
    dy_free(p->ids_);
    dy_free(p->labels_);
    dy_free(p->all_);
    dy_free(p->w);
    dy_free((char *)p->actor);
    dy_free(p);
}

/* Contract: see model.h. */
int model_partners_build(const model_data *d, const char *actor, long min_events,
                         model_partners **out, dy_err *err)
{
    if (!actor || !*actor)
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "no actor given");
    int first, count;
    model_data_span(d, &first, &count);
    model_partners *P = dy_calloc(1, sizeof *P);
    entry *e = dy_calloc(d->n + 1, sizeof *e);
    int *prev = dy_calloc(d->ids.n + 1, sizeof *prev), *cur = dy_calloc(d->ids.n + 1, sizeof *cur);
    if (!P || !e || !prev || !cur)
        goto nomem;
    if (!(P->actor = dy_strdup(actor)))
        goto nomem;
    P->ids_ = dy_calloc(d->ids.n + 1, sizeof *P->ids_);
    P->labels_ = dy_calloc((size_t)count, sizeof *P->labels_);
    P->w = dy_calloc((size_t)count, sizeof *P->w);
    if (!P->ids_ || !P->labels_ || !P->w)
        goto nomem;
    for (size_t i = 0; i < d->ids.n; i++) {
        if (!(P->ids_[i] = dy_strdup(d->ids.s[i])))
            goto nomem;
        P->nids_ = i + 1;
    }
    size_t ne = 0;
    for (size_t i = 0; i < d->n; i++) {
        const model_rec *r = &d->r[i];
        int ms = model_id_matches(d->ids.s[r->src], actor);
        int mt = model_id_matches(d->ids.s[r->tgt], actor);
        if (ms == mt)
            continue;
        entry *x = &e[ne++];
        x->t = d->kind > MODEL_WIN_NONE ? d->win_ord[r->win] - first : 0;
        x->p = ms ? r->tgt : r->src;
        x->x.coop = r->quad[1] + r->quad[2];
        x->x.conflict = r->quad[3] + r->quad[4];
        x->x.events = r->events;
        x->g = r->goldstein;
    }
    qsort(e, ne, sizeof *e, cmp_entry);
    /* merge equal (window, partner) */
    size_t m = 0;
    for (size_t i = 0; i < ne; i++) {
        if (m && e[m - 1].t == e[i].t && e[m - 1].p == e[i].p) {
            e[m - 1].x.coop += e[i].x.coop;
            e[m - 1].x.conflict += e[i].x.conflict;
            e[m - 1].x.events += e[i].x.events;
            e[m - 1].g += e[i].g;
        } else {
            e[m++] = e[i];
        }
    }
    P->all_ = dy_calloc(m + 1, sizeof *P->all_);
    if (!P->all_)
        goto nomem;
    size_t k = 0, np = 0;
    for (int t = 0; t < count; t++) {
        model_partner_window *w = &P->w[t];
        model_window_label(d->kind, first + t, P->labels_[t]);
        w->window = P->labels_[t];
        w->p = P->all_ + np;
        for (; k < m && e[k].t == t; k++) {
            if (e[k].x.events < min_events || e[k].x.events == 0)
                continue;
            model_partner *x = &P->all_[np++];
            *x = e[k].x;
            x->id = P->ids_[e[k].p];
            x->goldstein_mean = e[k].g / (double)e[k].x.events;
            x->prev_rank = e[k].p; /* id index until ranked */
            w->n++;
        }
        qsort(w->p, w->n, sizeof *w->p, cmp_rank);
        for (size_t i = 0; i < w->n; i++) {
            int id = w->p[i].prev_rank;
            w->p[i].rank = (int)i + 1;
            w->p[i].prev_rank = prev[id];
            cur[id] = (int)i + 1;
        }
        /* cur becomes prev: clear the previous window's ranks first */
        if (t > 0)
            for (size_t i = 0; i < P->w[t - 1].n; i++) {
                int id = model_strset_find(&d->ids, P->w[t - 1].p[i].id);
                prev[id] = 0;
            }
        for (size_t i = 0; i < w->n; i++) {
            int id = model_strset_find(&d->ids, w->p[i].id);
            prev[id] = cur[id];
            cur[id] = 0;
        }
    }
    P->nwindows = (size_t)count;
    dy_free(e);
    dy_free(prev);
    dy_free(cur);
    *out = P;
    return 0;
nomem:
    dy_free(e);
    dy_free(prev);
    dy_free(cur);
    model_partners_free(P);
    return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
}
