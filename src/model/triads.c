/* triads.c - signed triad census: every triangle of signed edges counted by
 * its number of negative edges, and the strongest all-positive triangles
 * (alliance triangles, as strong as their weakest tie). */
#include "model/model_internal.h"

#include "core/alloc.h"

#include <stdint.h>
#include <string.h>

typedef struct cand {
    model_triangle t;
    double sum;
} cand;

/* Does x rank before y (stronger weakest tie, then stronger sum, then
 * lower node indices)? */
static int before(const cand *x, const cand *y)
{
    if (x->t.weight != y->t.weight)
        return x->t.weight > y->t.weight;
    if (x->sum != y->sum)
        return x->sum > y->sum;
    return memcmp(x->t.n, y->t.n, sizeof x->t.n) < 0;
}

/* Contract: g's edges are sorted by (a, b) with a < b. Fills triads,
 * balanced, unbalanced and (at most top) alliances. Returns 0 or
 * DY_ENOMEM. */
int model_triads(model_graph *g, int top)
{
    size_t n = g->nnodes, m = g->nedges;
    memset(g->triads, 0, sizeof g->triads);
    g->balanced = g->unbalanced = 0;
    g->nalliances = 0;
    size_t *first = dy_calloc(n + 1, sizeof *first);
    int *mark = dy_calloc(n + 1, sizeof *mark);
    cand *best = dy_calloc((size_t)(top > 0 ? top : 0) + 1, sizeof *best);
    if (!first || !mark || !best) {
        dy_free(first);
        dy_free(mark);
        dy_free(best);
        return DY_ENOMEM;
    }
    /* first[a]..first[a+1]: edges (a, b) with b > a */
    for (size_t i = 0; i < m; i++)
        first[g->edges[i].a + 1]++;
    for (size_t v = 0; v < n; v++)
        first[v + 1] += first[v];
    /* With few nodes, the census counts triangles with bitsets of positive
     * and negative neighbours (popcounts per edge), and the walk below only
     * looks for alliance triangles: all-positive ones, skipping edges
     * weaker than the weakest of a full list (no triangle through such an
     * edge can enter it; the list's order is total, so the result does not
     * depend on the order of the walk). */
    size_t nw = (n + 63) / 64;
    uint64_t *pb = n <= 4096 ? dy_calloc(2 * n * nw + 1, sizeof *pb) : NULL;
    int bits = pb != NULL;
    if (bits) {
        uint64_t *nb = pb + n * nw;
        for (size_t i = 0; i < m; i++) {
            const model_edge *e = &g->edges[i];
            if (!e->sign)
                continue;
            uint64_t *t = e->sign > 0 ? pb : nb;
            t[(size_t)e->a * nw + (size_t)e->b / 64] |= 1ull << (e->b % 64);
            t[(size_t)e->b * nw + (size_t)e->a / 64] |= 1ull << (e->a % 64);
        }
        for (size_t i = 0; i < m; i++) {
            const model_edge *e = &g->edges[i];
            if (!e->sign)
                continue;
            const uint64_t *pu = pb + (size_t)e->a * nw, *nu = nb + (size_t)e->a * nw;
            const uint64_t *pv = pb + (size_t)e->b * nw, *nv = nb + (size_t)e->b * nw;
            long c0 = 0, c1 = 0, c2 = 0;
            size_t w0 = (size_t)e->b / 64;
            for (size_t k = w0; k < nw; k++) {
                /* third nodes x > b */
                uint64_t above = k > w0 ? ~0ull
                                 : (e->b % 64 == 63 ? 0 : ~0ull << (e->b % 64 + 1));
                c0 += __builtin_popcountll(pu[k] & pv[k] & above);
                c1 += __builtin_popcountll(((pu[k] & nv[k]) | (nu[k] & pv[k])) & above);
                c2 += __builtin_popcountll(nu[k] & nv[k] & above);
            }
            int base = e->sign < 0;
            g->triads[base] += c0;
            g->triads[base + 1] += c1;
            g->triads[base + 2] += c2;
        }
        dy_free(pb);
    }
    size_t nbest = 0;
    for (size_t u = 0; u < n && (!bits || top > 0); u++) {
        for (size_t i = first[u]; i < first[u + 1]; i++)
            if (g->edges[i].sign)
                mark[g->edges[i].b] = (int)i + 1;
        for (size_t i = first[u]; i < first[u + 1]; i++) {
            const model_edge *uv = &g->edges[i];
            if (!uv->sign)
                continue;
            if (bits && (uv->sign < 0 ||
                       (nbest == (size_t)top && uv->weight < best[nbest - 1].t.weight)))
                continue;
            size_t v = (size_t)uv->b;
            for (size_t j = first[v]; j < first[v + 1]; j++) {
                const model_edge *vx = &g->edges[j];
                if (!vx->sign || !mark[vx->b])
                    continue;
                const model_edge *ux = &g->edges[mark[vx->b] - 1];
                int neg = (uv->sign < 0) + (vx->sign < 0) + (ux->sign < 0);
                if (!bits)
                    g->triads[neg]++;
                if (neg || top <= 0)
                    continue;
                cand c = {{{(int)u, (int)v, vx->b}, uv->weight}, 0};
                if (vx->weight < c.t.weight)
                    c.t.weight = vx->weight;
                if (ux->weight < c.t.weight)
                    c.t.weight = ux->weight;
                c.sum = uv->weight + vx->weight + ux->weight;
                if (nbest == (size_t)top && !before(&c, &best[nbest - 1]))
                    continue;
                size_t k = nbest < (size_t)top ? nbest++ : nbest - 1;
                while (k > 0 && before(&c, &best[k - 1])) {
                    best[k] = best[k - 1];
                    k--;
                }
                best[k] = c;
            }
        }
        for (size_t i = first[u]; i < first[u + 1]; i++)
            mark[g->edges[i].b] = 0;
    }
    g->balanced = g->triads[0] + g->triads[2];
    g->unbalanced = g->triads[1] + g->triads[3];
    dy_free(first);
    dy_free(mark);
    if (nbest) {
        g->alliances = dy_calloc(nbest, sizeof *g->alliances);
        if (!g->alliances) {
            dy_free(best);
            return DY_ENOMEM;
        }
        for (size_t i = 0; i < nbest; i++)
            g->alliances[i] = best[i].t;
        g->nalliances = nbest;
    }
    dy_free(best);
    return 0;
}
