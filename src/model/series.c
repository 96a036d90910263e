/* series.c - the time series of one relation: events per quad class in
 * both directions and the mean Goldstein score, per window. */
#include "model/model_internal.h"

#include "core/alloc.h"

#include <string.h>

void model_series_free(model_series *s)
{
    if (!s)
        return;
    dy_free(s->a_);
    dy_free(s->b_);
    dy_free(s->labels_);
    dy_free(s->pts);
    dy_free(s);
}

/* Contract: see model.h. Records whose both sides match a (or b) are not
 * part of the relation. */
int model_series_build(const model_data *d, const char *a, const char *b, model_series **out,
                       dy_err *err)
{
    if (!a || !*a || !b || !*b)
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "two actors are needed");
    int first, count;
    model_data_span(d, &first, &count);
    model_series *s = dy_calloc(1, sizeof *s);
    double *g = dy_calloc((size_t)count, sizeof *g);
    if (!s || !g || !(s->a_ = dy_strdup(a)) || !(s->b_ = dy_strdup(b)) ||
        !(s->labels_ = dy_calloc((size_t)count, sizeof *s->labels_)) ||
        !(s->pts = dy_calloc((size_t)count, sizeof *s->pts))) {
        dy_free(g);
        model_series_free(s);
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    }
    s->a = s->a_;
    s->b = s->b_;
    s->n = (size_t)count;
    for (int t = 0; t < count; t++) {
        model_window_label(d->kind, first + t, s->labels_[t]);
        s->pts[t].window = s->labels_[t];
    }
    for (size_t i = 0; i < d->n; i++) {
        const model_rec *r = &d->r[i];
        const char *src = d->ids.s[r->src], *tgt = d->ids.s[r->tgt];
        int sa = model_id_matches(src, a), sb = model_id_matches(src, b);
        int ta = model_id_matches(tgt, a), tb = model_id_matches(tgt, b);
        int fwd = sa && tb && !(sb && ta), back = sb && ta && !(sa && tb);
        if (!fwd && !back)
            continue;
        int t = d->kind > MODEL_WIN_NONE ? d->win_ord[r->win] - first : 0;
        model_point *p = &s->pts[t];
        p->events += r->events;
        for (int q = 1; q <= 4; q++)
            p->quad[q] += r->quad[q];
        if (fwd)
            p->ab += r->events;
        else
            p->ba += r->events;
        g[t] += r->goldstein;
    }
    for (int t = 0; t < count; t++)
        s->pts[t].goldstein_mean = s->pts[t].events ? g[t] / (double)s->pts[t].events : 0;
    dy_free(g);
    *out = s;
    return 0;
}
