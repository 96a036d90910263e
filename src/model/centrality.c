/* centrality.c - strength and igraph centralities of the alignment
 * network. Betweenness and PageRank are computed on the positive ties only
 * (alignment paths): betweenness on shortest paths counted in ties (weighted
 * Dijkstra made a monthly model of 200 states ten times slower for little
 * gain), normalised by the number of node pairs; PageRank weighted, damping
 * 0.85. igraph allocates with its own allocator. */
#include "model/model_internal.h"

#include <igraph.h>
#include <pthread.h>
#include <string.h>

/* Debian's igraph is built with IGRAPH_THREAD_SAFE 0: its error handler,
 * its "finally" stack of cleanups and its RNG are process-wide. `dyad serve`
 * builds models from several worker threads, so every igraph call in dyad
 * goes through this one lock (igraph is used nowhere else: see
 * model_internal.h), and the handlers are set once, not swapped per call. */
static pthread_mutex_t igraph_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t igraph_once = PTHREAD_ONCE_INIT;

static void igraph_quiet(void)
{
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
}

static int igraph_ranks(model_graph *g, size_t npos);

/* Contract: fills degree, strength, positive, negative, betweenness and
 * pagerank of g's nodes. Returns 0, DY_ENOMEM or DY_EIO (igraph error). */
int model_centrality(model_graph *g, dy_err *err)
{
    size_t n = g->nnodes;
    size_t npos = 0;
    for (size_t v = 0; v < n; v++) {
        model_node *x = &g->nodes[v];
        x->degree = 0;
        x->strength = x->positive = x->negative = 0;
        x->betweenness = x->pagerank = 0;
    }
    for (size_t i = 0; i < g->nedges; i++) {
        const model_edge *e = &g->edges[i];
        if (!e->sign)
            continue;
        model_node *a = &g->nodes[e->a], *b = &g->nodes[e->b];
        a->degree++;
        b->degree++;
        a->strength += e->weight;
        b->strength += e->weight;
        if (e->sign > 0) {
            a->positive += e->weight;
            b->positive += e->weight;
            npos++;
        } else {
            a->negative += e->weight;
            b->negative += e->weight;
        }
    }
    if (n == 0)
        return 0;
    pthread_once(&igraph_once, igraph_quiet);
    pthread_mutex_lock(&igraph_lock);
    int rc = igraph_ranks(g, npos);
    pthread_mutex_unlock(&igraph_lock);
    if (rc)
        dy_err_set(err, rc, NULL, 0, -1, "igraph could not compute centralities");
    return rc;
}

/* Contract: betweenness and PageRank of g's nodes over its npos positive
 * ties, with igraph_lock held. Returns 0 or DY_EIO. */
static int igraph_ranks(model_graph *g, size_t npos)
{
    size_t n = g->nnodes;
    int rc = DY_EIO;
    igraph_t gr;
    igraph_vector_int_t el;
    igraph_vector_t w, res;
    int have_g = 0, have_el = 0, have_w = 0, have_r = 0;
    if (igraph_vector_int_init(&el, (igraph_integer_t)(2 * npos)) != IGRAPH_SUCCESS)
        goto out;
    have_el = 1;
    if (igraph_vector_init(&w, (igraph_integer_t)npos) != IGRAPH_SUCCESS)
        goto out;
    have_w = 1;
    if (igraph_vector_init(&res, 0) != IGRAPH_SUCCESS)
        goto out;
    have_r = 1;
    size_t k = 0;
    for (size_t i = 0; i < g->nedges; i++) {
        const model_edge *e = &g->edges[i];
        if (e->sign <= 0)
            continue;
        VECTOR(el)[2 * k] = e->a;
        VECTOR(el)[2 * k + 1] = e->b;
        VECTOR(w)[k] = e->weight;
        k++;
    }
    if (igraph_create(&gr, &el, (igraph_integer_t)n, IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS)
        goto out;
    have_g = 1;
    if (igraph_betweenness(&gr, &res, igraph_vss_all(), IGRAPH_UNDIRECTED, NULL) !=
        IGRAPH_SUCCESS)
        goto out;
    double pairs = n > 2 ? (double)(n - 1) * (double)(n - 2) / 2.0 : 1.0;
    for (size_t v = 0; v < n; v++)
        g->nodes[v].betweenness = VECTOR(res)[v] / pairs;
    igraph_real_t value;
    if (igraph_pagerank(&gr, IGRAPH_PAGERANK_ALGO_PRPACK, &res, &value, igraph_vss_all(),
                        IGRAPH_UNDIRECTED, 0.85, &w, NULL) != IGRAPH_SUCCESS)
        goto out;
    for (size_t v = 0; v < n; v++)
        g->nodes[v].pagerank = VECTOR(res)[v];
    rc = 0;
out:
    if (have_g)
        igraph_destroy(&gr);
    if (have_r)
        igraph_vector_destroy(&res);
    if (have_w)
        igraph_vector_destroy(&w);
    if (have_el)
        igraph_vector_int_destroy(&el);
    return rc;
}
