/* model.c - model_build: the whole-period model and, with windows, one
 * model per window with evidence smoothed across windows. */
#include "model/aggregate.h"

#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct id_ref {
    const char *s;
    int i;
} id_ref;

static int cmp_ref(const void *x, const void *y)
{
    return strcmp(((const id_ref *)x)->s, ((const id_ref *)y)->s);
}

static int check_opts(const model_opts *o, dy_err *err)
{
    if (o->min_events < 0)
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "minimum events must be 0 or more");
    if (!(o->min_balance >= 0 && o->min_balance <= 1))
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "minimum balance must be in 0..1");
    if (!(o->prior >= 0))
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "prior must be 0 or more");
    if (!(o->smoothing >= 0 && o->smoothing < 1))
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "smoothing must be in 0..1 (1 excluded)");
    if (o->balance != MODEL_BALANCE_COUNT && o->balance != MODEL_BALANCE_GOLDSTEIN)
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "unknown balance measure");
    if (o->max_blocs < 0 || o->restarts < 1 || o->top < 0)
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1,
                          "max blocs and top must be 0 or more, restarts 1 or more");
    return 0;
}

/* Blocs, centrality and triads of a filled graph. */
static int analyse(model_graph *g, const model_opts *o, const int *start, dy_err *err)
{
    int rc = model_blocs(g, o, start);
    if (!rc)
        rc = model_centrality(g, err);
    else
        dy_err_set(err, rc, NULL, 0, -1, "out of memory");
    if (!rc && (rc = model_triads(g, o->top)) != 0)
        dy_err_set(err, rc, NULL, 0, -1, "out of memory");
    return rc;
}

static int windows(model *m, const model_data *d, const int *rank, dy_err *err)
{
    int first, count;
    model_data_span(d, &first, &count);
    size_t nids = m->nids_;
    int rc = DY_ENOMEM;
    model_acc acc = {0};
    int *cnt = dy_calloc((size_t)count + 1, sizeof *cnt);
    int *order = dy_calloc(d->n + 1, sizeof *order);
    int *prev = dy_calloc(nids + 1, sizeof *prev);
    int *start = dy_calloc(nids + 1, sizeof *start);
    if (model_acc_dense(&acc, nids))
        goto out;
    m->labels_ = dy_calloc((size_t)count, sizeof *m->labels_);
    m->windows = dy_calloc((size_t)count, sizeof *m->windows);
    if (!cnt || !order || !prev || !start || !m->labels_ || !m->windows)
        goto out;
    /* records grouped by window (stable counting sort) */
    for (size_t i = 0; i < d->n; i++)
        cnt[d->win_ord[d->r[i].win] - first + 1]++;
    for (int t = 0; t < count; t++)
        cnt[t + 1] += cnt[t];
    for (size_t i = 0; i < d->n; i++)
        order[cnt[d->win_ord[d->r[i].win] - first]++] = (int)i;
    /* cnt[t] is now the end of window t */
    for (size_t v = 0; v < nids; v++)
        prev[v] = -1;
    size_t k = 0;
    for (int t = 0; t < count; t++) {
        if (t)
            model_acc_decay(&acc, m->opts.smoothing);
        for (; k < (size_t)cnt[t]; k++) {
            const model_rec *r = &d->r[order[k]];
            if (r->src != r->tgt && model_acc_add(&acc, rank[r->src], rank[r->tgt], r))
                goto out;
        }
        model_window_label(d->kind, first + t, m->labels_[t]);
        model_graph *g = &m->windows[t];
        m->nwindows = (size_t)t + 1;
        if (model_graph_fill(g, m->labels_[t], m->ids_, nids, &acc, &m->opts))
            goto out;
        size_t j = 0;
        for (size_t v = 0; v < g->nnodes; v++) {
            while (m->ids_[j] != g->nodes[v].id)
                j++;
            start[v] = prev[j];
        }
        /* the previous window's blocs are a strong start: fewer random
         * restarts keep a monthly model of 200 states fast */
        model_opts wo = m->opts;
        wo.restarts = wo.restarts / 4 > 2 ? wo.restarts / 4 : (wo.restarts < 2 ? wo.restarts : 2);
        if ((rc = analyse(g, &wo, start, err)) != 0)
            goto done;
        rc = DY_ENOMEM;
        j = 0;
        for (size_t v = 0; v < g->nnodes; v++) {
            while (m->ids_[j] != g->nodes[v].id)
                j++;
            prev[j] = g->nodes[v].bloc;
        }
    }
    rc = 0;
out:
    if (rc)
        dy_err_set(err, rc, NULL, 0, -1, "out of memory");
done:
    model_acc_free(&acc);
    dy_free(cnt);
    dy_free(order);
    dy_free(prev);
    dy_free(start);
    return rc;
}

/* Contract: see model.h. */
int model_build(const model_data *d, const model_opts *o, model **out, dy_err *err)
{
    model_opts opts;
    if (o)
        opts = *o;
    else
        model_opts_default(&opts);
    int rc = check_opts(&opts, err);
    if (rc)
        return rc;
    model *m = dy_calloc(1, sizeof *m);
    size_t nids = d->ids.n;
    id_ref *ref = dy_calloc(nids + 1, sizeof *ref);
    int *rank = dy_calloc(nids + 1, sizeof *rank);
    model_acc acc = {0};
    rc = DY_ENOMEM;
    if (!m || !ref || !rank)
        goto fail;
    m->opts = opts;
    m->left_out = d->left_out;
    m->ids_ = dy_calloc(nids + 1, sizeof *m->ids_);
    if (!m->ids_)
        goto fail;
    for (size_t i = 0; i < nids; i++)
        ref[i] = (id_ref){d->ids.s[i], (int)i};
    qsort(ref, nids, sizeof *ref, cmp_ref);
    for (size_t i = 0; i < nids; i++) {
        rank[ref[i].i] = (int)i;
        if (!(m->ids_[i] = dy_strdup(ref[i].s)))
            goto fail;
        m->nids_ = i + 1;
    }
    if (model_acc_dense(&acc, nids))
        goto fail;
    for (size_t i = 0; i < d->n; i++) {
        const model_rec *r = &d->r[i];
        if (r->src != r->tgt && model_acc_add(&acc, rank[r->src], rank[r->tgt], r))
            goto fail;
    }
    if (model_graph_fill(&m->whole, "", m->ids_, nids, &acc, &opts))
        goto fail;
    if ((rc = analyse(&m->whole, &opts, NULL, err)) != 0)
        goto fail_set;
    if (opts.windowed && d->kind > MODEL_WIN_NONE && (rc = windows(m, d, rank, err)) != 0)
        goto fail_set;
    model_acc_free(&acc);
    dy_free(ref);
    dy_free(rank);
    *out = m;
    return 0;
fail:
    dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    rc = DY_ENOMEM;
fail_set:
    model_acc_free(&acc);
    dy_free(ref);
    dy_free(rank);
    model_free(m);
    return rc;
}

void model_free(model *m)
{
    if (!m)
        return;
    model_graph_clear(&m->whole);
    for (size_t t = 0; t < m->nwindows; t++)
        model_graph_clear(&m->windows[t]);
    dy_free(m->windows);
    dy_free(m->labels_);
    for (size_t i = 0; i < m->nids_; i++)
        dy_free(m->ids_[i]);
    dy_free(m->ids_);
    dy_free(m);
}
