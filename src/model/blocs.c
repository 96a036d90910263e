/* blocs.c - blocs of a signed network: the partition that minimises
 * frustration (negative weight inside blocs plus positive weight between
 * them: generalised structural balance, Doreian & Mrvar 1996), found by
 * node relocation and bloc merging from several deterministic starts; then
 * polarity figures and brokers (docs/model.md). */
#include "model/model_internal.h"

#include "core/alloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-12

typedef struct part {
    size_t n;
    int *off, *nb;        /* CSR adjacency */
    double *nw;
    int *bloc, *size;     /* current labels and bloc sizes (labels < n) */
    double *pos, *neg;    /* scratch per label */
    int *touched;
    int max_blocs;
} part;

static uint64_t next_rand(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static double cost(const part *p, const int *bloc)
{
    double c = 0;
    for (size_t v = 0; v < p->n; v++)
        for (int k = p->off[v]; k < p->off[v + 1]; k++) {
            size_t u = (size_t)p->nb[k];
            if (u < v)
                continue;
            double w = p->nw[k];
            if ((w < 0 && bloc[u] == bloc[v]) || (w > 0 && bloc[u] != bloc[v]))
                c += fabs(w);
        }
    return c;
}

static int nblocs_used(const part *p)
{
    int k = 0;
    for (size_t i = 0; i < p->n; i++)
        k += p->size[i] > 0;
    return k;
}

/* Move nodes one at a time to the bloc (existing or new) that lowers the
 * frustration most, until no move helps. */
static void relocate(part *p)
{
    for (int sweep = 0; sweep < 200; sweep++) {
        int moved = 0;
        for (size_t v = 0; v < p->n; v++) {
            if (p->off[v] == p->off[v + 1])
                continue;
            int nt = 0;
            double ptot = 0;
            for (int k = p->off[v]; k < p->off[v + 1]; k++) {
                int b = p->bloc[p->nb[k]];
                if (p->pos[b] == 0 && p->neg[b] == 0)
                    p->touched[nt++] = b;
                if (p->nw[k] > 0) {
                    p->pos[b] += p->nw[k];
                    ptot += p->nw[k];
                } else {
                    p->neg[b] -= p->nw[k];
                }
            }
            int cur = p->bloc[v];
            double ccur = p->neg[cur] + ptot - p->pos[cur];
            int best = cur;
            double cbest = ccur;
            for (int i = 0; i < nt; i++) {
                int b = p->touched[i];
                double c = p->neg[b] + ptot - p->pos[b];
                if (c < cbest - EPS || (fabs(c - cbest) <= EPS && best != cur && b < best)) {
                    best = b;
                    cbest = c;
                }
            }
            /* a bloc of its own */
            if (ptot < cbest - EPS && p->size[cur] > 1 &&
                (p->max_blocs <= 0 || nblocs_used(p) < p->max_blocs)) {
                for (size_t b = 0; b < p->n; b++)
                    if (p->size[b] == 0) {
                        best = (int)b;
                        cbest = ptot;
                        break;
                    }
            }
            for (int i = 0; i < nt; i++)
                p->pos[p->touched[i]] = p->neg[p->touched[i]] = 0;
            if (best != cur && cbest < ccur - EPS) {
                p->size[cur]--;
                p->size[best]++;
                p->bloc[v] = best;
                moved = 1;
            }
        }
        if (!moved)
            break;
    }
}

/* Merge the pair of blocs whose union lowers the frustration most, while
 * one does. between: scratch of n*n doubles or NULL (then skipped). */
static void merge(part *p, double *between, int *lab, size_t nl_max)
{
    if (!between)
        return;
    for (;;) {
        size_t nl = 0;
        for (size_t b = 0; b < p->n; b++)
            if (p->size[b] > 0 && nl < nl_max)
                lab[nl++] = (int)b;
        if (nl < 2)
            return;
        memset(between, 0, nl * nl * sizeof *between);
        for (size_t i = 0; i < nl; i++)
            p->touched[lab[i]] = (int)i; /* label -> index */
        for (size_t v = 0; v < p->n; v++)
            for (int k = p->off[v]; k < p->off[v + 1]; k++) {
                size_t u = (size_t)p->nb[k];
                if (u < v || p->bloc[u] == p->bloc[v])
                    continue;
                size_t i = (size_t)p->touched[p->bloc[v]], j = (size_t)p->touched[p->bloc[u]];
                /* merging turns positive-between into fixed, negative-between
                 * into frustrated */
                double d = -p->nw[k];
                between[i * nl + j] += d;
                between[j * nl + i] += d;
            }
        double best = -EPS;
        size_t bi = 0, bj = 0;
        for (size_t i = 0; i < nl; i++)
            for (size_t j = i + 1; j < nl; j++)
                if (between[i * nl + j] < best) {
                    best = between[i * nl + j];
                    bi = i;
                    bj = j;
                }
        if (best >= -EPS)
            return;
        int from = lab[bj], to = lab[bi];
        for (size_t v = 0; v < p->n; v++)
            if (p->bloc[v] == from)
                p->bloc[v] = to;
        p->size[to] += p->size[from];
        p->size[from] = 0;
    }
}

/* Split every bloc into the connected parts of its positive ties: parts
 * with no positive tie between them never gain from sharing a bloc. */
static void split(part *p, int *stack)
{
    int *seen = p->touched; /* reuse: n ints */
    for (size_t v = 0; v < p->n; v++)
        seen[v] = 0;
    int *nl = dy_calloc(p->n, sizeof *nl);
    if (!nl)
        return; /* optional refinement: skipped without memory */
    int next = 0;
    for (size_t v = 0; v < p->n; v++) {
        if (seen[v] || p->off[v] == p->off[v + 1])
            continue;
        int lab = next++, sp = 0;
        stack[sp++] = (int)v;
        seen[v] = 1;
        while (sp) {
            int x = stack[--sp];
            nl[x] = lab;
            for (int k = p->off[x]; k < p->off[x + 1]; k++) {
                int u = p->nb[k];
                if (!seen[u] && p->nw[k] > 0 && p->bloc[u] == p->bloc[x]) {
                    seen[u] = 1;
                    stack[sp++] = u;
                }
            }
        }
    }
    if (p->max_blocs <= 0 || next <= p->max_blocs) {
        memset(p->size, 0, p->n * sizeof *p->size);
        for (size_t v = 0; v < p->n; v++)
            if (p->off[v] != p->off[v + 1]) {
                p->bloc[v] = nl[v];
                p->size[nl[v]]++;
            }
    }
    dy_free(nl);
}

static void search(part *p, double *between, int *lab, int *stack)
{
    relocate(p);
    merge(p, between, lab, p->n);
    relocate(p);
    if (p->max_blocs <= 0) {
        split(p, stack);
        relocate(p);
    }
}

/* Contract: see model.h. All scratch memory is freed before returning. */
int model_partition(size_t n, size_t nedges, const int *ea, const int *eb, const double *w,
                    int max_blocs, int restarts, unsigned long seed, const int *start,
                    int *bloc, double *frustration)
{
    *frustration = 0;
    if (n == 0)
        return 0;
    part p = {0};
    p.n = n;
    p.max_blocs = max_blocs;
    int rc = DY_ENOMEM;
    int *deg = NULL, *best = NULL, *stack = NULL, *lab = NULL;
    double *between = NULL;
    p.off = dy_calloc(n + 1, sizeof *p.off);
    deg = dy_calloc(n, sizeof *deg);
    p.nb = dy_calloc(2 * nedges + 1, sizeof *p.nb);
    p.nw = dy_calloc(2 * nedges + 1, sizeof *p.nw);
    p.bloc = dy_calloc(n, sizeof *p.bloc);
    p.size = dy_calloc(n, sizeof *p.size);
    p.pos = dy_calloc(n, sizeof *p.pos);
    p.neg = dy_calloc(n, sizeof *p.neg);
    p.touched = dy_calloc(n, sizeof *p.touched);
    best = dy_calloc(n, sizeof *best);
    stack = dy_calloc(n, sizeof *stack);
    lab = dy_calloc(n, sizeof *lab);
    if (!p.off || !deg || !p.nb || !p.nw || !p.bloc || !p.size || !p.pos || !p.neg ||
        !p.touched || !best || !stack || !lab)
        goto out;
    if (n <= 4096)
        between = dy_malloc(n * n * sizeof *between); /* NULL: merging skipped */
    for (size_t e = 0; e < nedges; e++)
        if (w[e] != 0 && ea[e] != eb[e]) {
            deg[ea[e]]++;
            deg[eb[e]]++;
        }
    for (size_t v = 0; v < n; v++)
        p.off[v + 1] = p.off[v] + deg[v];
    memset(deg, 0, n * sizeof *deg);
    for (size_t e = 0; e < nedges; e++)
        if (w[e] != 0 && ea[e] != eb[e]) {
            int a = ea[e], b = eb[e];
            p.nb[p.off[a] + deg[a]] = b;
            p.nw[p.off[a] + deg[a]++] = w[e];
            p.nb[p.off[b] + deg[b]] = a;
            p.nw[p.off[b] + deg[b]++] = w[e];
        }
    uint64_t rs = seed;
    double cbest = INFINITY;
    if (restarts < 1)
        restarts = 1;
    int kmax = max_blocs > 0 ? max_blocs : (n < 8 ? (int)n : 8);
    for (int r = 0; r < restarts + 2; r++) {
        memset(p.size, 0, n * sizeof *p.size);
        for (size_t v = 0; v < n; v++) {
            int b;
            if (r == 0 && !start)
                continue; /* no warm start: skip */
            if (r == 0)
                b = start[v] >= 0 && (max_blocs <= 0 || start[v] < max_blocs) ? start[v] : 0;
            else if (r == 1)
                b = 0;
            else
                b = (int)(next_rand(&rs) % (uint64_t)(2 + (r % (kmax > 2 ? kmax - 1 : 1))));
            if (b >= kmax && max_blocs > 0)
                b %= max_blocs;
            if ((size_t)b >= n)
                b = (int)(n - 1);
            p.bloc[v] = b;
            if (p.off[v] != p.off[v + 1])
                p.size[b]++;
        }
        if (r == 0 && !start)
            continue;
        search(&p, between, lab, stack);
        double c = cost(&p, p.bloc);
        if (c < cbest - EPS) {
            cbest = c;
            memcpy(best, p.bloc, n * sizeof *best);
        }
    }
    /* number blocs: largest first, ties by lowest node index */
    int *cnt = p.size, *first = p.touched;
    memset(cnt, 0, n * sizeof *cnt);
    for (size_t v = 0; v < n; v++)
        first[v] = -1;
    for (size_t v = 0; v < n; v++)
        if (p.off[v] != p.off[v + 1]) {
            cnt[best[v]]++;
            if (first[best[v]] < 0)
                first[best[v]] = (int)v;
        }
    int nb = 0;
    for (size_t b = 0; b < n; b++)
        if (cnt[b])
            lab[nb++] = (int)b;
    for (int i = 1; i < nb; i++) /* insertion sort: nb is small */
        for (int j = i; j > 0; j--) {
            int x = lab[j - 1], y = lab[j];
            if (cnt[y] > cnt[x] || (cnt[y] == cnt[x] && first[y] < first[x])) {
                lab[j - 1] = y;
                lab[j] = x;
            } else {
                break;
            }
        }
    for (int i = 0; i < nb; i++)
        stack[lab[i]] = i;
    for (size_t v = 0; v < n; v++)
        bloc[v] = p.off[v] != p.off[v + 1] ? stack[best[v]] : -1;
    *frustration = cbest == INFINITY ? 0 : cbest;
    rc = nb;
out:
    dy_free(p.off);
    dy_free(deg);
    dy_free(p.nb);
    dy_free(p.nw);
    dy_free(p.bloc);
    dy_free(p.size);
    dy_free(p.pos);
    dy_free(p.neg);
    dy_free(p.touched);
    dy_free(best);
    dy_free(stack);
    dy_free(lab);
    dy_free(between);
    return rc;
}

/* Contract: see model_internal.h. Fills bloc, blocs, frustration,
 * polarity and broker fields of g. Returns 0 or DY_ENOMEM. */
int model_blocs(model_graph *g, const model_opts *o, const int *start)
{
    size_t n = g->nnodes, m = g->nedges;
    int *ea = dy_calloc(m + 1, sizeof *ea), *eb = dy_calloc(m + 1, sizeof *eb);
    double *w = dy_calloc(m + 1, sizeof *w);
    int *bloc = dy_calloc(n + 1, sizeof *bloc);
    int rc = DY_ENOMEM;
    if (!ea || !eb || !w || !bloc)
        goto out;
    for (size_t i = 0; i < m; i++) {
        ea[i] = g->edges[i].a;
        eb[i] = g->edges[i].b;
        w[i] = g->edges[i].sign * g->edges[i].weight;
    }
    double fr;
    int nb = model_partition(n, m, ea, eb, w, o->max_blocs, o->restarts, o->seed, start, bloc,
                             &fr);
    if (nb < 0)
        goto out;
    g->blocs = dy_calloc((size_t)nb + 1, sizeof *g->blocs);
    if (!g->blocs)
        goto out;
    g->nblocs = (size_t)nb;
    for (size_t v = 0; v < n; v++) {
        g->nodes[v].bloc = bloc[v];
        if (bloc[v] >= 0) {
            g->blocs[bloc[v]].size++;
            g->blocs[bloc[v]].evidence += g->nodes[v].evidence;
        }
    }
    double tot = 0;
    for (int b = 0; b < nb; b++) {
        g->blocs[b].id = b;
        tot += g->blocs[b].evidence;
        g->blocs[b].members = dy_calloc((size_t)g->blocs[b].size, sizeof(int));
        if (!g->blocs[b].members)
            goto out;
        g->blocs[b].size = 0;
    }
    for (size_t v = 0; v < n; v++)
        if (bloc[v] >= 0) {
            model_bloc *B = &g->blocs[bloc[v]];
            B->members[B->size++] = (int)v;
        }
    double hhi = 0, s1 = 0, s2 = 0;
    for (int b = 0; b < nb; b++) {
        double s = tot > 0 ? g->blocs[b].evidence / tot : 0;
        g->blocs[b].share = s;
        hhi += s * s;
        if (s > s1) {
            s2 = s1;
            s1 = s;
        } else if (s > s2) {
            s2 = s;
        }
    }
    g->effective_poles = hhi > 0 ? 1.0 / hhi : 0;
    g->bipolarity = s1 + s2 > 0 ? 4 * s1 * s2 / (s1 + s2) : 0;
    double total = 0;
    g->frustration = 0;
    g->frustrated_edges = 0;
    for (size_t i = 0; i < m; i++) {
        model_edge *e = &g->edges[i];
        if (!e->sign)
            continue;
        total += e->weight;
        int same = g->nodes[e->a].bloc == g->nodes[e->b].bloc;
        e->frustrated = (e->sign < 0 && same) || (e->sign > 0 && !same);
        if (e->frustrated) {
            g->frustration += e->weight;
            g->frustrated_edges++;
        }
    }
    g->frustration_share = total > 0 ? g->frustration / total : 0;
    /* brokers: positive ties into several blocs (own included) */
    unsigned char *seen = dy_calloc(n * ((size_t)nb + 1) + 1, 1);
    if (!seen)
        goto out;
    for (size_t i = 0; i < m; i++) {
        model_edge *e = &g->edges[i];
        if (e->sign <= 0)
            continue;
        int ba = g->nodes[e->a].bloc, bb = g->nodes[e->b].bloc;
        unsigned char *sa = seen + (size_t)e->a * (size_t)nb;
        unsigned char *sb = seen + (size_t)e->b * (size_t)nb;
        if (!sa[bb]) {
            sa[bb] = 1;
            g->nodes[e->a].tie_blocs++;
        }
        if (!sb[ba]) {
            sb[ba] = 1;
            g->nodes[e->b].tie_blocs++;
        }
    }
    for (size_t v = 0; v < n; v++)
        g->nodes[v].broker = g->nodes[v].tie_blocs >= 2;
    dy_free(seen);
    rc = 0;
out:
    dy_free(ea);
    dy_free(eb);
    dy_free(w);
    dy_free(bloc);
    return rc;
}
