/* aggregate.c - dyadic aggregation: directed records folded into
 * undirected dyads (both directions), smoothing across windows, and the
 * alignment graph of one window (kept dyads, derived measures, nodes). */
#include "model/aggregate.h"

#include "core/alloc.h"
#include "core/vec.h"
#include "core/invariant.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void model_acc_free(model_acc *a)
{
    dy_free(a->d);
    dy_free(a->slot);
    dy_free(a->dense);
    memset(a, 0, sizeof *a);
}

static size_t pair_hash(int x, int y)
{
    uint64_t h = ((uint64_t)(unsigned)x << 32 | (unsigned)y) * 0x9e3779b97f4a7c15ull;
    return (size_t)(h ^ (h >> 31));
}

static int acc_rehash(model_acc *a, size_t nslot)
{
    int *slot = dy_calloc(nslot, sizeof *slot);
    if (!slot)
        return DY_ENOMEM;
    for (size_t k = 0; k < a->n; k++) {
        size_t i = pair_hash(a->d[k].a, a->d[k].b) & (nslot - 1);
        while (slot[i])
            i = (i + 1) & (nslot - 1);
        slot[i] = (int)k + 1;
    }
    dy_free(a->slot);
    a->slot = slot;
    a->nslot = nslot;
    return 0;
}

/* Contract: see aggregate.h. */
int model_acc_dense(model_acc *a, size_t n)
{
    if (n == 0 || n > 2048)
        return 0;
    a->dense = dy_calloc(n * n, sizeof *a->dense);
    if (!a->dense)
        return DY_ENOMEM;
    a->ndense = n;
    return 0;
}

/* Contract: adds the directed record r (node ranks src, tgt; src != tgt)
 * to the undirected dyad, raw and smoothed. Returns 0 or DY_ENOMEM. */
int model_acc_add(model_acc *a, int src, int tgt, const model_rec *r)
{
    int x = src < tgt ? src : tgt, y = src < tgt ? tgt : src;
    DY_ASSERT(x >= 0 && x != y && (!a->dense || (size_t)y < a->ndense));
    model_dyad *d = NULL;
    int *ds = NULL;
    size_t i = 0;
    if (a->dense) {
        ds = &a->dense[(size_t)x * a->ndense + (size_t)y];
        if (*ds)
            d = &a->d[*ds - 1];
    } else {
        if ((a->n + 1) * 2 > a->nslot && acc_rehash(a, a->nslot ? a->nslot * 2 : 256))
            return DY_ENOMEM;
        size_t m = a->nslot - 1;
        DY_ASSERT((a->nslot & m) == 0); /* masks, not modulo */
        for (i = pair_hash(x, y) & m; a->slot[i]; i = (i + 1) & m) {
            model_dyad *c = &a->d[a->slot[i] - 1];
            if (c->a == x && c->b == y) {
                d = c;
                break;
            }
        }
    }
    if (!d) {
        if (dy_vec_grow(&a->d, &a->cap, a->n, sizeof *a->d))
                return DY_ENOMEM;
        d = &a->d[a->n];
        memset(d, 0, sizeof *d);
        d->a = x;
        d->b = y;
        if (ds)
            *ds = (int)++a->n;
        else
            a->slot[i] = (int)++a->n;
    }
    d->events += r->events;
    d->s_events += (double)r->events;
    for (int q = 1; q <= 4; q++) {
        d->quad[q] += r->quad[q];
        d->s_quad[q] += (double)r->quad[q];
    }
    d->goldstein += r->goldstein;
    d->s_goldstein += r->goldstein;
    if (src < tgt)
        d->ab += r->events;
    else
        d->ba += r->events;
    return 0;
}

/* Contract: a new window begins: raw counts go to zero, smoothed ones keep
 * the share lambda. */
void model_acc_decay(model_acc *a, double lambda)
{
    for (size_t k = 0; k < a->n; k++) {
        model_dyad *d = &a->d[k];
        d->events = d->ab = d->ba = 0;
        d->goldstein = 0;
        d->s_events *= lambda;
        d->s_goldstein *= lambda;
        for (int q = 1; q <= 4; q++) {
            d->quad[q] = 0;
            d->s_quad[q] *= lambda;
        }
    }
}

static int cmp_dyad_ptr(const void *x, const void *y)
{
    const model_dyad *a = *(const model_dyad *const *)x, *b = *(const model_dyad *const *)y;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

/* Contract: fills g (window label borrowed, ids borrowed: nids sorted ids)
 * from the dyads of a with at least o->min_events smoothed events: nodes
 * (those with a kept dyad, sorted), edges with derived measures and sign.
 * Returns 0 or DY_ENOMEM (g then holds what was allocated; the caller
 * frees it with model_graph_clear). */
int model_graph_fill(model_graph *g, const char *label, char **ids, size_t nids,
                     const model_acc *a, const model_opts *o)
{
    memset(g, 0, sizeof *g);
    g->window = label;
    size_t nk = 0;
    for (size_t k = 0; k < a->n; k++)
        nk += a->d[k].s_events >= (double)o->min_events && a->d[k].s_events > 0;
    const model_dyad **kept = dy_calloc(nk + 1, sizeof *kept);
    int *local = dy_calloc(nids + 1, sizeof *local);
    if (!kept || !local) {
        dy_free(kept);
        dy_free(local);
        return DY_ENOMEM;
    }
    nk = 0;
    for (size_t k = 0; k < a->n; k++)
        if (a->d[k].s_events >= (double)o->min_events && a->d[k].s_events > 0) {
            kept[nk++] = &a->d[k];
            local[a->d[k].a] = local[a->d[k].b] = 1;
        }
    qsort(kept, nk, sizeof *kept, cmp_dyad_ptr);
    size_t nn = 0;
    for (size_t v = 0; v < nids; v++)
        if (local[v])
            local[v] = (int)++nn;
    g->nodes = dy_calloc(nn + 1, sizeof *g->nodes);
    g->edges = dy_calloc(nk + 1, sizeof *g->edges);
    if (!g->nodes || !g->edges) {
        dy_free(kept);
        dy_free(local);
        return DY_ENOMEM;
    }
    g->nnodes = nn;
    g->nedges = nk;
    for (size_t v = 0; v < nids; v++)
        if (local[v])
            g->nodes[local[v] - 1].id = ids[v];
    double tot = 0;
    for (size_t k = 0; k < nk; k++)
        tot += kept[k]->s_events;
    double mean = nk ? tot / (double)nk : 0;
    for (size_t k = 0; k < nk; k++) {
        const model_dyad *d = kept[k];
        model_edge *e = &g->edges[k];
        e->a = local[d->a] - 1;
        e->b = local[d->b] - 1;
        e->events = d->events;
        e->goldstein = d->goldstein;
        e->s_events = d->s_events;
        e->s_goldstein = d->s_goldstein;
        for (int q = 1; q <= 4; q++) {
            e->quad[q] = d->quad[q];
            e->s_quad[q] = d->s_quad[q];
        }
        e->intensity = mean > 0 ? d->s_events / mean : 0;
        model_edge_sign(o, e);
        model_node *x = &g->nodes[e->a], *y = &g->nodes[e->b];
        x->events += d->events;
        y->events += d->events;
        x->evidence += d->s_events;
        y->evidence += d->s_events;
    }
    for (size_t v = 0; v < nn; v++)
        g->nodes[v].bloc = -1;
    dy_free(kept);
    dy_free(local);
    return 0;
}

void model_graph_clear(model_graph *g)
{
    for (size_t b = 0; b < g->nblocs; b++)
        dy_free(g->blocs[b].members);
    dy_free(g->blocs);
    dy_free(g->nodes);
    dy_free(g->edges);
    dy_free(g->alliances);
    memset(g, 0, sizeof *g);
}
