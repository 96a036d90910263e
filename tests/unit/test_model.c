/* test_model.c - the model stage on synthetic aggregates with known
 * answers: blocs of a balanced graph, minimal frustration (checked against
 * exhaustive search), the signed triad census, partner rankings, windows,
 * smoothing and thresholds, outputs, determinism, allocation failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "model/model.h"

/* Add n events of quad q from s to t in window w (Goldstein +3 for
 * cooperation, -5 for conflict). */
static void add(model_data *d, const char *w, const char *s, const char *t, int q, long n)
{
    long quad[5] = {0};
    quad[q] = n;
    dy_err e;
    int rc = model_data_add(d, w, s, t, n, quad, (q <= 2 ? 3.0 : -5.0) * (double)n, &e);
    if (rc)
        print_error("model_data_add: %s\n", e.msg);
    assert_int_equal(rc, 0);
}

static model *build(const model_data *d, const model_opts *o)
{
    model *m = NULL;
    dy_err e;
    int rc = model_build(d, o, &m, &e);
    if (rc)
        print_error("model_build: %s\n", e.msg);
    assert_int_equal(rc, 0);
    return m;
}

static int node(const model_graph *g, const char *id)
{
    for (size_t v = 0; v < g->nnodes; v++)
        if (strcmp(g->nodes[v].id, id) == 0)
            return (int)v;
    print_error("no node %s\n", id);
    fail();
    return -1;
}

static const model_edge *edge(const model_graph *g, const char *a, const char *b)
{
    int x = node(g, a), y = node(g, b);
    for (size_t i = 0; i < g->nedges; i++)
        if ((g->edges[i].a == x && g->edges[i].b == y) || (g->edges[i].a == y && g->edges[i].b == x))
            return &g->edges[i];
    return NULL;
}

/* Two blocs of three: friends inside, enemies across. */
static model_data *two_blocs(void)
{
    static const char *const A[] = {"USA", "JPN", "KOR"}, *const B[] = {"RUS", "PRK", "CHN"};
    model_data *d;
    assert_int_equal(model_data_new(&d), 0);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            if (i < j) {
                add(d, "", A[i], A[j], 1, 6);
                add(d, "", B[j], B[i], 2, 5);
            }
            add(d, "", A[i], B[j], 4, 4);
            add(d, "", B[j], A[i], 3, 2);
        }
    return d;
}

static void test_two_blocs(void **state)
{
    (void)state;
    model_data *d = two_blocs();
    model_opts co;
    model_opts_default(&co);
    co.balance = MODEL_BALANCE_COUNT; /* the count formulas checked below */
    model *m = build(d, &co);
    const model_graph *g = &m->whole;
    assert_int_equal(g->nnodes, 6);
    assert_int_equal(g->nedges, 15);
    assert_int_equal(g->nblocs, 2);
    int usa = g->nodes[node(g, "USA")].bloc, rus = g->nodes[node(g, "RUS")].bloc;
    assert_int_not_equal(usa, rus);
    assert_int_equal(g->nodes[node(g, "JPN")].bloc, usa);
    assert_int_equal(g->nodes[node(g, "KOR")].bloc, usa);
    assert_int_equal(g->nodes[node(g, "PRK")].bloc, rus);
    assert_int_equal(g->nodes[node(g, "CHN")].bloc, rus);
    assert_true(g->frustration == 0.0);
    assert_int_equal(g->frustrated_edges, 0);
    /* shares by evidence: each USA-side node has 2*6 + 3*6 events, each
     * RUS-side node 2*5 + 3*6 */
    double sa = 90.0 / 174.0, sb = 84.0 / 174.0;
    assert_int_equal(g->blocs[0].size, 3);
    /* equal sizes: bloc 0 holds the lowest id (CHN) */
    assert_int_equal(rus, 0);
    assert_true(fabs(g->blocs[usa].share - sa) < 1e-9);
    assert_true(fabs(g->blocs[rus].share - sb) < 1e-9);
    assert_true(fabs(g->effective_poles - 1.0 / (sa * sa + sb * sb)) < 1e-9);
    assert_true(fabs(g->bipolarity - 4 * sa * sb) < 1e-9);
    /* census: 2 all-positive triangles, 3*3*2 with two negative edges */
    assert_int_equal(g->triads[0], 2);
    assert_int_equal(g->triads[1], 0);
    assert_int_equal(g->triads[2], 18);
    assert_int_equal(g->triads[3], 0);
    assert_int_equal(g->balanced, 20);
    assert_int_equal(g->unbalanced, 0);
    assert_int_equal(g->nalliances, 2);
    /* edge measures: USA-JPN 6 cooperative events, prior 1 -> 6/7 */
    const model_edge *e = edge(g, "USA", "JPN");
    assert_non_null(e);
    assert_int_equal(e->sign, 1);
    assert_int_equal(e->events, 6);
    assert_true(fabs(e->balance - 6.0 / 7.0) < 1e-9);
    assert_true(fabs(e->goldstein_mean - 3.0) < 1e-9);
    assert_true(fabs(e->coop_share - 1.0) < 1e-9);
    /* USA-RUS: 4 + 2 conflict events in both directions */
    e = edge(g, "RUS", "USA");
    assert_non_null(e);
    assert_int_equal(e->sign, -1);
    assert_int_equal(e->events, 6);
    assert_int_equal(e->quad[3], 2);
    assert_int_equal(e->quad[4], 4);
    /* no brokers in a balanced two-bloc system */
    for (size_t v = 0; v < g->nnodes; v++)
        assert_int_equal(g->nodes[v].broker, 0);
    model_free(m);
    model_data_free(d);
}

/* Exhaustive minimum frustration over all partitions (restricted growth
 * strings) of n <= 8 nodes. */
static double brute(int n, int ne, const int *ea, const int *eb, const double *w, int max_blocs)
{
    int lab[8] = {0}, mx[8] = {0};
    double best = INFINITY;
    for (;;) {
        int k = 0;
        for (int i = 0; i < n; i++)
            if (lab[i] + 1 > k)
                k = lab[i] + 1;
        if (max_blocs <= 0 || k <= max_blocs) {
            double c = 0;
            for (int i = 0; i < ne; i++) {
                int same = lab[ea[i]] == lab[eb[i]];
                if ((w[i] < 0 && same) || (w[i] > 0 && !same))
                    c += fabs(w[i]);
            }
            if (c < best)
                best = c;
        }
        int i = n - 1;
        while (i > 0 && lab[i] == mx[i] + 1)
            i--;
        if (i == 0)
            return best;
        lab[i]++;
        for (int j = i + 1; j < n; j++) {
            lab[j] = 0;
            mx[j] = mx[j - 1] > lab[j - 1] ? mx[j - 1] : lab[j - 1];
        }
    }
}

static double cost_of(int ne, const int *ea, const int *eb, const double *w, const int *bloc)
{
    double c = 0;
    for (int i = 0; i < ne; i++) {
        int same = bloc[ea[i]] == bloc[eb[i]];
        if ((w[i] < 0 && same) || (w[i] > 0 && !same))
            c += fabs(w[i]);
    }
    return c;
}

static void test_frustration_known(void **state)
{
    (void)state;
    int bloc[8];
    double fr;
    /* ++- triangle: one edge must be frustrated */
    int ta[] = {0, 1, 0}, tb[] = {1, 2, 2};
    double tw[] = {1, 1, -1};
    model_partition(3, 3, ta, tb, tw, 0, 10, 1, NULL, bloc, &fr);
    assert_true(fabs(fr - 1) < 1e-12);
    /* --- triangle: three blocs balance it; two blocs cannot */
    double nw[] = {-1, -1, -1};
    assert_int_equal(model_partition(3, 3, ta, tb, nw, 0, 10, 1, NULL, bloc, &fr), 3);
    assert_true(fr == 0);
    assert_int_equal(model_partition(3, 3, ta, tb, nw, 2, 10, 1, NULL, bloc, &fr), 2);
    assert_true(fabs(fr - 1) < 1e-12);
    /* two positive 4-cliques, negative across, one inside edge turned
     * negative and one across edge turned positive: frustration 2 */
    int ea[28], eb[28], ne = 0;
    double w[28];
    for (int i = 0; i < 8; i++)
        for (int j = i + 1; j < 8; j++) {
            ea[ne] = i;
            eb[ne] = j;
            w[ne] = (i < 4) == (j < 4) ? 1 : -1;
            if (i == 0 && j == 1)
                w[ne] = -1;
            if (i == 2 && j == 5)
                w[ne] = 1;
            ne++;
        }
    int nb = model_partition(8, (size_t)ne, ea, eb, w, 0, 20, 1, NULL, bloc, &fr);
    assert_int_equal(nb, 2);
    assert_true(fabs(fr - 2) < 1e-12);
    assert_true(fabs(brute(8, ne, ea, eb, w, 0) - 2) < 1e-12);
    assert_true(fabs(cost_of(ne, ea, eb, w, bloc) - fr) < 1e-12);
    /* node without edges gets no bloc */
    int ia[] = {0}, ib[] = {1};
    double iw[] = {1};
    assert_int_equal(model_partition(3, 1, ia, ib, iw, 0, 5, 1, NULL, bloc, &fr), 1);
    assert_int_equal(bloc[2], -1);
    assert_int_equal(bloc[0], 0);
    assert_int_equal(bloc[1], 0);
}

/* Random signed weighted graphs on 7 nodes: the search finds the
 * exhaustive minimum, with and without a bloc limit. */
static void test_frustration_random(void **state)
{
    (void)state;
    uint64_t s = 12345;
    for (int round = 0; round < 60; round++) {
        int ea[21], eb[21], ne = 0, bloc[7];
        double w[21];
        for (int i = 0; i < 7; i++)
            for (int j = i + 1; j < 7; j++) {
                s = s * 6364136223846793005ull + 1442695040888963407ull;
                int r = (int)(s >> 33) % 10;
                if (r < 3)
                    continue;
                ea[ne] = i;
                eb[ne] = j;
                w[ne] = (r < 6 ? -1.0 : 1.0) * (0.25 + (double)((s >> 20) % 8) / 8.0);
                ne++;
            }
        int maxb = round % 3 == 0 ? 2 : 0;
        double fr;
        int nb = model_partition(7, (size_t)ne, ea, eb, w, maxb, 30, 7, NULL, bloc, &fr);
        assert_true(nb >= 0);
        double want = brute(7, ne, ea, eb, w, maxb);
        if (fabs(fr - want) > 1e-9)
            print_error("round %d: found %g, minimum %g\n", round, fr, want);
        assert_true(fabs(fr - want) < 1e-9);
        assert_true(fabs(cost_of(ne, ea, eb, w, bloc) - fr) < 1e-9);
        if (maxb)
            assert_true(nb <= maxb);
    }
}

static void test_triad_census(void **state)
{
    (void)state;
    /* A-B-C all positive; A-B-D: A-D negative, B-D negative; C-D positive
     * -> triangles ABC (+++), ABD (+--), ACD (A-C +, C-D +, A-D -: ++-),
     * BCD (++-) */
    model_data *d;
    assert_int_equal(model_data_new(&d), 0);
    add(d, "", "AAA", "BBB", 1, 5);
    add(d, "", "BBB", "CCC", 1, 5);
    add(d, "", "AAA", "CCC", 2, 5);
    add(d, "", "AAA", "DDD", 4, 5);
    add(d, "", "BBB", "DDD", 3, 5);
    add(d, "", "CCC", "DDD", 1, 5);
    add(d, "", "EEE", "DDD", 4, 5); /* no triangle */
    model *m = build(d, NULL);
    const model_graph *g = &m->whole;
    assert_int_equal(g->triads[0], 1);
    assert_int_equal(g->triads[1], 2);
    assert_int_equal(g->triads[2], 1);
    assert_int_equal(g->triads[3], 0);
    assert_int_equal(g->balanced, 2);
    assert_int_equal(g->unbalanced, 2);
    assert_int_equal(g->nalliances, 1);
    assert_string_equal(g->nodes[g->alliances[0].n[0]].id, "AAA");
    assert_string_equal(g->nodes[g->alliances[0].n[2]].id, "CCC");
    /* CCC has positive ties to AAA/BBB and to DDD */
    model_free(m);
    model_data_free(d);
}

static void test_partner_flip(void **state)
{
    (void)state;
    model_data *d;
    assert_int_equal(model_data_new(&d), 0);
    add(d, "2022", "RUS", "KOR", 1, 5);
    add(d, "2022", "PRK", "RUS", 1, 2);
    add(d, "2022", "RUS", "CHN", 1, 9);
    add(d, "2023", "RUS", "PRK", 2, 4);
    add(d, "2023", "PRK", "RUS", 1, 4);
    add(d, "2023", "KOR", "RUS", 1, 1);
    add(d, "2023", "RUS", "KOR", 4, 3);
    add(d, "2023", "RUS", "CHN", 1, 9);
    add(d, "2023", "CHN", "USA", 1, 9); /* not RUS */
    add(d, "2023", "RUS", "RUS", 1, 9); /* domestic */
    model_partners *p = NULL;
    dy_err e;
    assert_int_equal(model_partners_build(d, "RUS", 1, &p, &e), 0);
    assert_int_equal(p->nwindows, 2);
    assert_string_equal(p->w[0].window, "2022");
    assert_int_equal(p->w[0].n, 3);
    assert_string_equal(p->w[0].p[0].id, "CHN");
    assert_string_equal(p->w[0].p[1].id, "KOR");
    assert_string_equal(p->w[0].p[2].id, "PRK");
    assert_int_equal(p->w[0].p[1].prev_rank, 0);
    const model_partner_window *w = &p->w[1];
    assert_int_equal(w->n, 3);
    assert_string_equal(w->p[0].id, "CHN");
    assert_string_equal(w->p[1].id, "PRK");
    assert_int_equal(w->p[1].rank, 2);
    assert_int_equal(w->p[1].prev_rank, 3);
    assert_int_equal(w->p[1].coop, 8);
    assert_string_equal(w->p[2].id, "KOR");
    assert_int_equal(w->p[2].prev_rank, 2);
    assert_int_equal(w->p[2].coop, 1);
    assert_int_equal(w->p[2].conflict, 3);
    dy_buf b = {0};
    assert_int_equal(model_partners_write(&b, p, MODEL_FMT_TEXT, 0), 0);
    assert_non_null(strstr(b.data, "PRK"));
    assert_non_null(strstr(b.data, "up 1 (was 3)"));
    dy_buf_free(&b);
    model_partners_free(p);
    /* a prefix at actor level: RUSGOV and RUSMIL are RUS */
    model_data *d2;
    assert_int_equal(model_data_new(&d2), 0);
    add(d2, "", "RUSGOV", "PRKGOV", 1, 2);
    add(d2, "", "PRKMIL", "RUSMIL", 2, 2);
    add(d2, "", "RUSGOV", "RUSMIL", 1, 7);
    assert_int_equal(model_partners_build(d2, "RUS", 1, &p, &e), 0);
    assert_int_equal(p->nwindows, 1);
    assert_int_equal(p->w[0].n, 2);
    assert_string_equal(p->w[0].p[0].id, "PRKGOV");
    model_partners_free(p);
    model_data_free(d2);
    model_data_free(d);
}

static void test_windows_thresholds(void **state)
{
    (void)state;
    model_data *d;
    assert_int_equal(model_data_new(&d), 0);
    add(d, "2023-01", "AAA", "BBB", 1, 2);
    add(d, "2023-02", "BBB", "AAA", 1, 2);
    add(d, "2023-04", "AAA", "CCC", 4, 5);
    model_opts o;
    model_opts_default(&o);
    o.balance = MODEL_BALANCE_COUNT; /* the formulas checked below */
    o.windowed = 1;
    model *m = build(d, &o);
    /* every month from January to April, the gap (March) included */
    assert_int_equal(m->nwindows, 4);
    assert_string_equal(m->windows[0].window, "2023-01");
    assert_string_equal(m->windows[2].window, "2023-03");
    /* January: 2 events < min 3: no edge */
    assert_int_equal(m->windows[0].nedges, 0);
    /* February: 2 + 0.5 * 2 = 3 smoothed events: an edge, 2 raw events */
    assert_int_equal(m->windows[1].nedges, 1);
    assert_int_equal(m->windows[1].edges[0].events, 2);
    assert_true(fabs(m->windows[1].edges[0].s_events - 3.0) < 1e-9);
    assert_true(fabs(m->windows[1].edges[0].balance - 3.0 / 4.0) < 1e-9);
    /* March: 1.5 < 3: gone */
    assert_int_equal(m->windows[2].nedges, 0);
    assert_int_equal(m->windows[3].nedges, 1);
    assert_int_equal(m->windows[3].edges[0].sign, -1);
    /* whole period: raw sums, no smoothing */
    assert_int_equal(m->whole.nedges, 2);
    assert_int_equal(edge(&m->whole, "AAA", "BBB")->events, 4);
    model_free(m);
    /* no smoothing: February alone is below the threshold */
    o.smoothing = 0;
    m = build(d, &o);
    assert_int_equal(m->windows[1].nedges, 0);
    model_free(m);
    /* min events 1 and neutral balance */
    model_data_free(d);
    assert_int_equal(model_data_new(&d), 0);
    add(d, "2023", "AAA", "BBB", 1, 5);
    add(d, "2023", "BBB", "AAA", 3, 5);
    add(d, "2024", "AAA", "BBB", 1, 1);
    o.smoothing = 0;
    o.min_events = 1;
    m = build(d, &o);
    assert_int_equal(m->nwindows, 2);
    assert_string_equal(m->windows[1].window, "2024");
    assert_int_equal(m->windows[0].edges[0].sign, 0);       /* 5 vs 5 */
    assert_true(m->windows[0].edges[0].weight == 0);
    assert_int_equal(m->windows[1].edges[0].sign, 1);       /* 1/(1+1) */
    assert_true(fabs(m->windows[1].edges[0].balance - 0.5) < 1e-9);
    model_free(m);
    /* min_balance above 0.5 makes the 2024 edge neutral too */
    o.min_balance = 0.6;
    m = build(d, &o);
    assert_int_equal(m->windows[1].edges[0].sign, 0);
    assert_int_equal(m->windows[1].nblocs, 0);
    model_free(m);
    /* Goldstein balance: mean Goldstein over 10, shrunk by the prior */
    model_opts_default(&o);
    o.balance = MODEL_BALANCE_COUNT; /* the formulas checked below */
    o.balance = MODEL_BALANCE_GOLDSTEIN;
    o.min_events = 1;
    m = build(d, &o);
    /* whole: 6 coop (+3) and 5 conflict (-5): (18 - 25) / (10 * 12) */
    assert_true(fabs(m->whole.edges[0].balance - (-7.0 / 120.0)) < 1e-9);
    assert_int_equal(m->whole.edges[0].sign, 0);
    model_free(m);
    model_data_free(d);
}

static void test_bad_input(void **state)
{
    (void)state;
    model_data *d;
    dy_err e;
    long q[5] = {0, 1, 0, 0, 0};
    assert_int_equal(model_data_new(&d), 0);
    assert_int_equal(model_data_add(d, "2023-13", "A", "B", 1, q, 1, &e), DY_EINVAL);
    assert_int_equal(model_data_add(d, "23", "A", "B", 1, q, 1, &e), DY_EINVAL);
    assert_int_equal(model_data_add(d, "2023-Q5", "A", "B", 1, q, 1, &e), DY_EINVAL);
    assert_int_equal(model_data_add(d, "2023-Q2", "A", "B", 1, q, 1, &e), 0);
    assert_int_equal(model_data_add(d, "2023-02", "A", "B", 1, q, 1, &e), DY_EINVAL);
    assert_non_null(strstr(e.msg, "mixes"));
    assert_int_equal(model_data_add(d, "2023-Q3", "", "B", 1, q, 1, &e), DY_EINVAL);
    long neg[5] = {0, -1, 0, 0, 0};
    assert_int_equal(model_data_add(d, "2023-Q3", "A", "B", 1, neg, 1, &e), DY_EINVAL);
    assert_int_equal(model_data_count(d), 1);
    model_opts o;
    model_opts_default(&o);
    o.balance = MODEL_BALANCE_COUNT; /* the formulas checked below */
    o.smoothing = 1;
    model *m = NULL;
    assert_int_equal(model_build(d, &o, &m, &e), DY_EINVAL);
    assert_null(m);
    model_opts_default(&o);
    o.balance = MODEL_BALANCE_COUNT; /* the formulas checked below */
    o.restarts = 0;
    assert_int_equal(model_build(d, &o, &m, &e), DY_EINVAL);
    /* empty input: an empty model */
    model_data *empty;
    assert_int_equal(model_data_new(&empty), 0);
    m = build(empty, NULL);
    assert_int_equal(m->whole.nnodes, 0);
    assert_int_equal(m->whole.nblocs, 0);
    dy_buf b = {0};
    assert_int_equal(model_write(&b, m, MODEL_FMT_JSON), 0);
    json_error_t je;
    json_t *j = json_loads(b.data, 0, &je);
    assert_non_null(j);
    json_decref(j);
    dy_buf_free(&b);
    model_free(m);
    model_data_free(empty);
    model_data_free(d);
}

static void test_outputs(void **state)
{
    (void)state;
    model_data *d = two_blocs();
    /* a second window so that "windows" is filled */
    add(d, "", "USA", "JPN", 1, 1);
    model_data_free(d);
    assert_int_equal(model_data_new(&d), 0);
    add(d, "2022", "USA", "JPN", 1, 6);
    add(d, "2022", "RUS", "USA", 4, 6);
    add(d, "2023", "RUS", "PRK", 1, 6);
    add(d, "2023", "PRK", "USA", 4, 6);
    model_opts o;
    model_opts_default(&o);
    o.balance = MODEL_BALANCE_COUNT; /* the formulas checked below */
    o.windowed = 1;
    model *m = build(d, &o);
    dy_buf b = {0};
    assert_int_equal(model_write(&b, m, MODEL_FMT_JSON), 0);
    json_error_t je;
    json_t *j = json_loads(b.data, 0, &je);
    if (!j)
        print_error("%s\n%s\n", je.text, b.data);
    assert_non_null(j);
    assert_true(json_is_array(json_object_get(j, "nodes")));
    assert_true(json_is_array(json_object_get(j, "edges")));
    assert_true(json_is_array(json_object_get(j, "blocs")));
    assert_true(json_is_object(json_object_get(j, "polarity")));
    json_t *win = json_object_get(j, "windows");
    assert_int_equal(json_array_size(win), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(win, 1), "window")),
                        "2023");
    json_t *n0 = json_array_get(json_object_get(j, "nodes"), 0);
    assert_string_equal(json_string_value(json_object_get(n0, "id")), "JPN");
    assert_true(json_is_integer(json_object_get(n0, "bloc")));
    assert_true(json_is_number(json_object_get(n0, "strength")));
    json_t *e0 = json_array_get(json_object_get(j, "edges"), 0);
    assert_true(json_is_integer(json_object_get(e0, "sign")));
    assert_true(json_is_integer(json_object_get(e0, "events")));
    json_decref(j);
    dy_buf_reset(&b);
    assert_int_equal(model_write(&b, m, MODEL_FMT_GRAPHML), 0);
    assert_non_null(strstr(b.data, "<graphml"));
    assert_non_null(strstr(b.data, "<edge source=\"JPN\" target=\"USA\">"));
    dy_buf_reset(&b);
    assert_int_equal(model_write(&b, m, MODEL_FMT_DOT), 0);
    assert_non_null(strstr(b.data, "\"JPN\" -- \"USA\""));
    dy_buf_reset(&b);
    assert_int_equal(model_write(&b, m, MODEL_FMT_CSV), 0);
    assert_non_null(strstr(b.data, "\n2023,PRK,USA,-1,"));
    assert_non_null(strstr(b.data, "\n,JPN,USA,1,"));
    dy_buf_reset(&b);
    assert_int_equal(model_write(&b, m, MODEL_FMT_TEXT), 0);
    assert_non_null(strstr(b.data, "whole period"));
    dy_buf_free(&b);
    assert_int_equal(model_format_parse("graphml"), MODEL_FMT_GRAPHML);
    assert_int_equal(model_format_parse("xml"), -1);
    /* the dyad series */
    model_series *s = NULL;
    dy_err e;
    assert_int_equal(model_series_build(d, "USA", "PRK", &s, &e), 0);
    assert_int_equal(s->n, 2);
    assert_int_equal(s->pts[0].events, 0);
    assert_int_equal(s->pts[1].events, 6);
    assert_int_equal(s->pts[1].quad[4], 6);
    assert_int_equal(s->pts[1].ba, 6);
    assert_true(fabs(s->pts[1].goldstein_mean + 5) < 1e-9);
    model_series_free(s);
    model_free(m);
    model_data_free(d);
}

static void test_deterministic(void **state)
{
    (void)state;
    /* same data added in a different order: same model */
    model_data *d1 = two_blocs(), *d2;
    assert_int_equal(model_data_new(&d2), 0);
    static const char *const ids[] = {"CHN", "PRK", "RUS", "KOR", "JPN", "USA"};
    for (int i = 5; i >= 0; i--)
        for (int k = 0; k < 6; k++) {
            int ai = i >= 3, ak = k >= 3;
            if (i == k)
                continue;
            if (ai == ak && i < k)
                add(d2, "", ids[i], ids[k], ai ? 1 : 2, ai ? 6 : 5);
            if (ai && !ak) {
                add(d2, "", ids[i], ids[k], 4, 4);
                add(d2, "", ids[k], ids[i], 3, 2);
            }
        }
    model *m1 = build(d1, NULL), *m2 = build(d2, NULL);
    dy_buf b1 = {0}, b2 = {0};
    model_write(&b1, m1, MODEL_FMT_JSON);
    model_write(&b2, m2, MODEL_FMT_JSON);
    assert_string_equal(b1.data, b2.data);
    dy_buf_free(&b1);
    dy_buf_free(&b2);
    model_free(m1);
    model_free(m2);
    model_data_free(d1);
    model_data_free(d2);
}

static void test_alloc_failures(void **state)
{
    (void)state;
    model_data *d = two_blocs();
    model_opts o;
    model_opts_default(&o);
    o.balance = MODEL_BALANCE_COUNT; /* the formulas checked below */
    o.windowed = 1;
    int ok = 0;
    for (long n = 0; n < 400 && !ok; n++) {
        model *m = NULL;
        dy_err e;
        dy_alloc_fail_after(n);
        int rc = model_build(d, &o, &m, &e);
        dy_alloc_fail_after(-1);
        if (rc == 0) {
            ok = 1;
            model_free(m);
        } else {
            assert_int_equal(rc, DY_ENOMEM);
            assert_null(m);
        }
    }
    assert_true(ok);
    ok = 0;
    for (long n = 0; n < 200 && !ok; n++) {
        model_partners *p = NULL;
        dy_err e;
        dy_alloc_fail_after(n);
        int rc = model_partners_build(d, "RUS", 1, &p, &e);
        dy_alloc_fail_after(-1);
        if (rc == 0) {
            ok = 1;
            model_partners_free(p);
        } else {
            assert_int_equal(rc, DY_ENOMEM);
        }
    }
    assert_true(ok);
    model_data_free(d);
    /* adding under allocation failure leaves a usable set */
    assert_int_equal(model_data_new(&d), 0);
    long q[5] = {0, 1, 0, 0, 0};
    dy_err e;
    dy_alloc_fail_after(0);
    assert_int_equal(model_data_add(d, "", "AAA", "BBB", 1, q, 1, &e), DY_ENOMEM);
    dy_alloc_fail_after(-1);
    assert_int_equal(model_data_add(d, "", "AAA", "BBB", 1, q, 1, &e), 0);
    assert_int_equal(model_data_count(d), 1);
    model_data_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_blocs),
        cmocka_unit_test(test_frustration_known),
        cmocka_unit_test(test_frustration_random),
        cmocka_unit_test(test_triad_census),
        cmocka_unit_test(test_partner_flip),
        cmocka_unit_test(test_windows_thresholds),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_outputs),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
