/* data.c - the model's input: aggregate records keyed by (window, source,
 * target), with interned ids and window labels. */
#include "model/model_internal.h"

#include "core/alloc.h"
#include "core/vec.h"
#include "core/hash.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Slots of the string sets: FNV-1a (it had the offset basis mistyped, which
 * only moved slots). */
static uint64_t hash_str(const char *s) { return dy_fnv1a_str(s); }

/* Contract: t is a valid (possibly zeroed) set; returns index or -1. */
int model_strset_find(const model_strset *t, const char *s)
{
    if (!t->nslot)
        return -1;
    size_t m = t->nslot - 1;
    for (size_t i = (size_t)hash_str(s) & m;; i = (i + 1) & m) {
        int k = t->slot[i];
        if (!k)
            return -1;
        if (strcmp(t->s[k - 1], s) == 0)
            return k - 1;
    }
}

static int strset_rehash(model_strset *t, size_t nslot)
{
    int *slot = dy_calloc(nslot, sizeof *slot);
    if (!slot)
        return DY_ENOMEM;
    for (size_t k = 0; k < t->n; k++) {
        size_t i = (size_t)hash_str(t->s[k]) & (nslot - 1);
        while (slot[i])
            i = (i + 1) & (nslot - 1);
        slot[i] = (int)k + 1;
    }
    dy_free(t->slot);
    t->slot = slot;
    t->nslot = nslot;
    return 0;
}

/* Contract: copies s; returns its index or DY_ENOMEM (set unchanged). */
int model_strset_add(model_strset *t, const char *s)
{
    int k = model_strset_find(t, s);
    if (k >= 0)
        return k;
    if ((t->n + 1) * 2 > t->nslot && strset_rehash(t, t->nslot ? t->nslot * 2 : 64))
        return DY_ENOMEM;
    if (dy_vec_grow(&t->s, &t->cap, t->n, sizeof *t->s))
            return DY_ENOMEM;
    char *c = dy_strdup(s);
    if (!c)
        return DY_ENOMEM;
    t->s[t->n] = c;
    size_t m = t->nslot - 1, i = (size_t)hash_str(s) & m;
    while (t->slot[i])
        i = (i + 1) & m;
    t->slot[i] = (int)t->n + 1;
    return (int)t->n++;
}

void model_strset_free(model_strset *t)
{
    for (size_t i = 0; i < t->n; i++)
        dy_free(t->s[i]);
    dy_free(t->s);
    dy_free(t->slot);
    memset(t, 0, sizeof *t);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Contract: see model_internal.h. */
int model_window_parse(const char *label, int *kind, int *ord)
{
    size_t n = strlen(label);
    int y = n >= 4 ? digits(label, 4) : -1;
    if (n == 0) {
        *kind = MODEL_WIN_NONE;
        *ord = 0;
        return 0;
    }
    if (y < 0)
        return DY_EINVAL;
    if (n == 4) {
        *kind = MODEL_WIN_YEAR;
        *ord = y;
        return 0;
    }
    if (n == 7 && label[4] == '-' && label[5] == 'Q' && label[6] >= '1' && label[6] <= '4') {
        *kind = MODEL_WIN_QUARTER;
        *ord = y * 4 + (label[6] - '1');
        return 0;
    }
    int m = n == 7 && label[4] == '-' ? digits(label + 5, 2) : -1;
    if (m >= 1 && m <= 12) {
        *kind = MODEL_WIN_MONTH;
        *ord = y * 12 + m - 1;
        return 0;
    }
    return DY_EINVAL;
}

void model_window_label(int kind, int ord, char out[static 16])
{
    switch (kind) {
    case MODEL_WIN_YEAR: snprintf(out, 16, "%04d", ord % 10000); break;
    case MODEL_WIN_QUARTER: snprintf(out, 16, "%04d-Q%d", ord / 4 % 10000, ord % 4 + 1); break;
    case MODEL_WIN_MONTH: snprintf(out, 16, "%04d-%02d", ord / 12 % 10000, ord % 12 + 1); break;
    default: out[0] = 0; break;
    }
}

int model_data_new(model_data **out)
{
    model_data *d = dy_calloc(1, sizeof *d);
    if (!d)
        return DY_ENOMEM;
    d->kind = -1;
    *out = d;
    return 0;
}

void model_data_free(model_data *d)
{
    if (!d)
        return;
    model_strset_free(&d->ids);
    model_strset_free(&d->wins);
    dy_free(d->win_ord);
    dy_free(d->r);
    dy_free(d->slot);
    dy_free(d);
}

size_t model_data_count(const model_data *d)
{
    return d->n;
}

/* Contract: see model.h. */
void model_data_left_out(model_data *d, long n)
{
    d->left_out += n;
}

static size_t rec_hash(int w, int s, int t)
{
    uint64_t h = ((uint64_t)(unsigned)w * 0x9e3779b97f4a7c15ull) ^
                 ((uint64_t)(unsigned)s * 0xc2b2ae3d27d4eb4full) ^
                 ((uint64_t)(unsigned)t * 0x165667b19e3779f9ull);
    return (size_t)(h ^ (h >> 29));
}

/* Rebuild the record table with nslot slots over the records from
 * index from on. */
static int rec_rehash(model_data *d, size_t nslot, size_t from)
{
    int *slot = dy_calloc(nslot, sizeof *slot);
    if (!slot)
        return DY_ENOMEM;
    for (size_t k = from; k < d->n; k++) {
        size_t i = rec_hash(d->r[k].win, d->r[k].src, d->r[k].tgt) & (nslot - 1);
        while (slot[i])
            i = (i + 1) & (nslot - 1);
        slot[i] = (int)k + 1;
    }
    dy_free(d->slot);
    d->slot = slot;
    d->nslot = nslot;
    return 0;
}

/* Index of id s, through the address cache. */
static int data_id(model_data *d, const char *s)
{
    size_t c = (size_t)(((uintptr_t)s * 0x9e3779b97f4a7c15ull) >> 40) & 511;
    if (d->idc[c].p == s && strcmp(d->ids.s[d->idc[c].id], s) == 0)
        return d->idc[c].id;
    int k = model_strset_add(&d->ids, s);
    if (k >= 0) {
        d->idc[c].p = s;
        d->idc[c].id = k;
    }
    return k;
}

/* Contract: see model.h. */
int model_data_add(model_data *d, const char *window, const char *source, const char *target,
                   long events, const long quad[5], double goldstein, dy_err *err)
{
    int w, fresh = 0;
    int cached = window && d->n && strcmp(window, d->last_win) == 0;
    if (!cached) {
        int kind, ord;
        if (!window || model_window_parse(window, &kind, &ord))
            return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "bad window label '%s'",
                              window ? window : "(null)");
        if (d->kind >= 0 && kind != d->kind)
            return dy_err_set(err, DY_EINVAL, NULL, 0, -1,
                              "window '%s' mixes kinds of windows", window);
        d->last_win[0] = '\x01'; /* matches no label until set below */
        (void)ord;
    }
    if (!source || !*source || !target || !*target)
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "empty actor id");
    if (events < 0 || quad[1] < 0 || quad[2] < 0 || quad[3] < 0 || quad[4] < 0)
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "negative event count");
    if (cached) {
        w = d->last_w;
    } else {
        int kind, ord;
        model_window_parse(window, &kind, &ord);
        int nw = (int)d->wins.n;
        w = model_strset_add(&d->wins, window);
        if (w < 0)
            return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
        if (w == nw) {
            if ((size_t)w >= d->win_cap) {
                size_t cap = d->win_cap ? d->win_cap * 2 : 32;
                int *o = dy_reallocarray(d->win_ord, cap, sizeof *o);
                if (!o)
                    return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
                d->win_ord = o;
                d->win_cap = cap;
            }
            d->win_ord[w] = ord;
            fresh = 1;
        }
        d->kind = kind;
        if (strlen(window) < sizeof d->last_win) {
            memcpy(d->last_win, window, strlen(window) + 1);
            d->last_w = w;
        }
    }
    int s = data_id(d, source);
    int t = s < 0 ? s : data_id(d, target);
    if (t < 0)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    /* A new run of window w: it starts with an empty table when w is new;
     * when w had records before, the table holds every record from now on. */
    if (!d->global && (!d->n || w != d->run_win)) {
        if (!fresh) {
            size_t ns = d->nslot ? d->nslot : 256;
            while ((d->n + 1) * 2 > ns)
                ns *= 2;
            if (rec_rehash(d, ns, 0))
                return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
            d->global = 1;
        } else {
            if (d->nslot)
                memset(d->slot, 0, d->nslot * sizeof *d->slot);
            d->run_win = w;
            d->run_start = d->n;
        }
    }
    size_t held = d->global ? d->n : d->n - d->run_start;
    if ((held + 1) * 2 > d->nslot &&
        rec_rehash(d, d->nslot ? d->nslot * 2 : 256, d->global ? 0 : d->run_start))
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    size_t m = d->nslot - 1, i = rec_hash(w, s, t) & m;
    for (; d->slot[i]; i = (i + 1) & m) {
        model_rec *r = &d->r[d->slot[i] - 1];
        if (r->win == w && r->src == s && r->tgt == t) {
            r->events += events;
            for (int q = 1; q <= 4; q++)
                r->quad[q] += quad[q];
            r->goldstein += goldstein;
            return 0;
        }
    }
    if (dy_vec_grow(&d->r, &d->cap, d->n, sizeof *d->r))
            return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    model_rec *r = &d->r[d->n];
    memset(r, 0, sizeof *r);
    r->win = w;
    r->src = s;
    r->tgt = t;
    r->events = events;
    for (int q = 1; q <= 4; q++)
        r->quad[q] = quad[q];
    r->goldstein = goldstein;
    d->slot[i] = (int)d->n + 1;
    d->n++;
    return 0;
}

/* Contract: see model_internal.h. */
void model_data_span(const model_data *d, int *first, int *count)
{
    if (d->kind <= MODEL_WIN_NONE || !d->wins.n) {
        *first = 0;
        *count = 1;
        return;
    }
    int lo = d->win_ord[0], hi = d->win_ord[0];
    for (size_t i = 1; i < d->wins.n; i++) {
        if (d->win_ord[i] < lo)
            lo = d->win_ord[i];
        if (d->win_ord[i] > hi)
            hi = d->win_ord[i];
    }
    *first = lo;
    *count = hi - lo + 1;
}

/* Contract: an id matches an actor when it equals it or starts with it. */
int model_id_matches(const char *id, const char *actor)
{
    size_t n = strlen(actor);
    return n && strncmp(id, actor, n) == 0;
}
