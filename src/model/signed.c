/* signed.c - the sign and weight of an alignment edge from the balance of
 * cooperation and conflict in a dyad (formulas in docs/model.md). */
#include "model/model_internal.h"

#include <math.h>

void model_opts_default(model_opts *o)
{
    o->min_events = 3;
    o->min_balance = 0.1;
    o->prior = 1.0;
    o->smoothing = 0.5;
    o->balance = MODEL_BALANCE_GOLDSTEIN;
    o->max_blocs = 0;
    o->restarts = 20;
    o->seed = 1;
    o->windowed = 0;
    o->top = 10;
}

/* Contract: reads e's smoothed counts and Goldstein sum, sets goldstein_mean,
 * coop_share, balance, sign and weight. The caller has already checked the
 * minimum evidence (min_events). The prior shrinks thin evidence towards
 * neutral: one cooperative event alone gives 1 / (1 + prior). */
void model_edge_sign(const model_opts *o, model_edge *e)
{
    double n = e->s_events;
    double coop = e->s_quad[1] + e->s_quad[2];
    double conf = e->s_quad[3] + e->s_quad[4];
    e->goldstein_mean = n > 0 ? e->s_goldstein / n : 0.0;
    e->coop_share = coop + conf > 0 ? coop / (coop + conf) : 0.0;
    double b;
    if (o->balance == MODEL_BALANCE_GOLDSTEIN)
        b = n + o->prior > 0 ? e->s_goldstein / (10.0 * (n + o->prior)) : 0.0;
    else
        b = coop + conf + o->prior > 0 ? (coop - conf) / (coop + conf + o->prior) : 0.0;
    if (b > 1.0)
        b = 1.0;
    if (b < -1.0)
        b = -1.0;
    e->balance = b;
    if (fabs(b) < o->min_balance || b == 0.0) {
        e->sign = 0;
        e->weight = 0.0;
    } else {
        e->sign = b > 0 ? 1 : -1;
        e->weight = fabs(b);
    }
}
