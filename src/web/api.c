/* api.c - the JSON API (docs/api.md): parameter validation and handlers for
 * /api/events, /api/model, /api/dyad, /api/partners and /api/documents/ID.
 * Parameters carry the names and accept the values of the CLI options;
 * anything else is refused with 400 before the store is touched. The store
 * is only read, through the store API (parameterised SQL). */
#include "web/web_internal.h"

#include "core/alloc.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fill r with a JSON error answer; returns status. */
static int fail(web_req *r, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(web_req *r, int status, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dy_buf_reset(&r->body);
    dy_buf_adds(&r->body, "{\"error\":");
    dy_buf_json_str(&r->body, msg, strlen(msg));
    dy_buf_adds(&r->body, "}");
    return r->status = status;
}

/* The answer for a failed store or model call. */
static int fail_err(web_req *r, int rc, const dy_err *e)
{
    if (rc == DY_ELIMIT)
        return fail(r, strstr(e->msg, "too long") ? 503 : 400, "%s", e->msg);
    if (rc == DY_EINVAL)
        return fail(r, 400, "%s", e->msg);
    if (rc == DY_ENOMEM)
        return fail(r, 503, "out of memory");
    return fail(r, 500, "store error: %s", e->msg);
}

static const char *get(const web_req *r, const char *key)
{
    for (size_t i = 0; i < r->np; i++)
        if (strcmp(r->p[i].key, key) == 0)
            return r->p[i].val ? r->p[i].val : "";
    return NULL;
}

/* Every parameter must be one of allowed (NULL-terminated) and given once;
 * 0 or a 400 answer. */
static int check_keys(web_req *r, const char *const *allowed)
{
    for (size_t i = 0; i < r->np; i++) {
        int ok = 0;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, r->p[i].key) == 0;
        if (!ok) {
            char k[64];
            snprintf(k, sizeof k, "%s", r->p[i].key);
            for (char *p = k; *p; p++)
                if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
                    *p = '?';
            return fail(r, 400, "unknown parameter '%s'", k);
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(r->p[j].key, r->p[i].key) == 0)
                return fail(r, 400, "parameter '%s' given twice", r->p[i].key);
    }
    return 0;
}

static int num_long(web_req *r, const char *key, long lo, long hi, long *out)
{
    const char *v = get(r, key);
    if (!v)
        return 0;
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi || (*v < '0' || *v > '9'))
        return fail(r, 400, "%s: expected a number from %ld to %ld", key, lo, hi);
    *out = n;
    return 0;
}

static int num_double(web_req *r, const char *key, double lo, double hi, double *out)
{
    const char *v = get(r, key);
    if (!v)
        return 0;
    char *end;
    double x = strtod(v, &end);
    if (!*v || *end || !isfinite(x) || x < lo || x > hi)
        return fail(r, 400, "%s: expected a number from %g to %g", key, lo, hi);
    *out = x;
    return 0;
}

/* An actor code: capital letters and digits (RUS, RUSGOV, IGOUNO). */
static int actor_ok(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9')) || n >= 64)
            return 0;
    return n > 0;
}

static int actor(web_req *r, const char *key, const char **out)
{
    const char *v = get(r, key);
    if (!v)
        return 0;
    if (!actor_ok(v))
        return fail(r, 400, "%s: expected an actor code (capital letters and digits)", key);
    *out = v;
    return 0;
}

/* A comma list of digits (CAMEO codes) or lowercase words (modalities). */
static int list(web_req *r, const char *key, int digits, const char **out)
{
    const char *v = get(r, key);
    if (!v)
        return 0;
    int ok = *v != '\0';
    for (const char *p = v; *p && ok; p++)
        ok = *p == ',' || (digits ? (*p >= '0' && *p <= '9') : (*p >= 'a' && *p <= 'z'));
    if (!ok)
        return fail(r, 400, "%s: expected a comma list of %s", key,
                    digits ? "CAMEO codes" : "modalities");
    *out = v;
    return 0;
}

static int date(web_req *r, const char *key, txt_date *d)
{
    const char *v = get(r, key);
    if (!v)
        return 0;
    if (txt_date_parse(v, strlen(v), d) != 0)
        return fail(r, 400, "%s: expected YYYY, YYYY-MM or YYYY-MM-DD", key);
    return 0;
}

static int flag(web_req *r, const char *key, int *out)
{
    const char *v = get(r, key);
    if (!v)
        return 0;
    if (!*v || strcmp(v, "1") == 0 || strcmp(v, "true") == 0)
        *out = 1;
    else if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
        *out = 0;
    else
        return fail(r, 400, "%s: expected 1 or 0", key);
    return 0;
}

static int window(web_req *r, const char *key, int *out)
{
    static const char *const names[] = {"all", "year", "quarter", "month"};
    const char *v = get(r, key);
    if (!v)
        return 0;
    for (int i = 0; i < 4; i++)
        if (strcmp(v, names[i]) == 0) {
            *out = i; /* STORE_WIN_ALL .. STORE_WIN_MONTH in this order */
            return 0;
        }
    return fail(r, 400, "%s: expected year, quarter, month or all", key);
}

static int level(web_req *r, int *out)
{
    const char *v = get(r, "level");
    if (!v)
        return 0;
    if (strcmp(v, "country") == 0)
        *out = STORE_LEVEL_COUNTRY;
    else if (strcmp(v, "actor") == 0)
        *out = STORE_LEVEL_ACTOR;
    else
        return fail(r, 400, "level: expected country or actor");
    return 0;
}

/* The event filters shared by every endpoint: from, to, root, code, quad,
 * modality. */
#define FILTER_KEYS "from", "to", "root", "code", "quad", "modality", "dates"

static int filters(web_req *r, store_filter *f)
{
    long quad = 0;
    if (date(r, "from", &f->from) || date(r, "to", &f->to) || list(r, "root", 1, &f->roots) ||
        list(r, "code", 1, &f->codes) || list(r, "modality", 0, &f->modalities) ||
        num_long(r, "quad", 1, 4, &quad))
        return r->status;
    f->quad = (int)quad;
    dy_err e;
    dy_err_clear(&e);
    return store_filter_check(f, &e) ? fail(r, 400, "%s", e.msg) : 0;
}

/* ---- /api/events ------------------------------------------------------ */

typedef struct ev_out {
    web_req *r;
    int explain, dedup, highlight, names;
    long n, max;
    int truncated, late;
    /* highlight: the text of the last document looked up */
    char *doc_id, *doc_text;
    dy_err err;
} ev_out;

static int past_deadline(const web_limits *l)
{
    if (l->deadline.tv_sec == 0)
        return 0;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > l->deadline.tv_sec ||
           (now.tv_sec == l->deadline.tv_sec && now.tv_nsec >= l->deadline.tv_nsec);
}

static int keep_text(void *ud, const store_document *d)
{
    ev_out *o = ud;
    dy_free(o->doc_text);
    dy_free(o->doc_id);
    o->doc_text = dy_strdup(d->text ? d->text : "");
    o->doc_id = dy_strdup(d->id);
    return 0;
}

/* Byte offset of the event's sentence in its document (the one holding
 * the verb), or -1. */
static long sentence_start(ev_out *o, const store_event *e)
{
    if (!e->doc || !*e->text)
        return -1;
    if (!o->doc_id || strcmp(o->doc_id, e->doc) != 0) {
        dy_free(o->doc_id);
        o->doc_id = NULL;
        if (store_get_document(o->r->s, e->doc, keep_text, o, &o->err) <= 0 || !o->doc_text)
            return -1;
    }
    size_t tl = strlen(e->text);
    long anchor = e->verb[0] >= 0 ? e->verb[0] : e->src[0] >= 0 ? e->src[0] : e->tgt[0];
    for (const char *p = o->doc_text; (p = strstr(p, e->text)) != NULL; p++) {
        long at = p - o->doc_text;
        if (anchor < 0 || (anchor >= at && anchor < at + (long)tl))
            return at;
    }
    return -1;
}

static int ev_emit(void *ud, const store_event *e)
{
    ev_out *o = ud;
    if (o->n == o->max) {
        o->truncated = 1;
        return 1;
    }
    if ((o->n & 63) == 0 && past_deadline(&o->r->lim)) {
        o->late = 1;
        return 1;
    }
    dy_buf *b = &o->r->body;
    if (o->n++)
        dy_buf_addc(b, ',');
    if (o->highlight) {
        web_event_json(b, e, o->explain, o->dedup, o->names ? o->r->names : NULL);
        if (!b->oom)
            b->len--; /* reopen the object */
        dy_buf_printf(b, ",\"sentence_start\":%ld}", sentence_start(o, e));
    } else {
        web_event_json(b, e, o->explain, o->dedup, o->names ? o->r->names : NULL);
    }
    return b->len > WEB_MAX_BODY || b->oom;
}

static int api_events(web_req *r)
{
    static const char *const keys[] = {"actor", "dyad",    "dedup", "limit",     "offset",
                                       "explain", "highlight", "names", FILTER_KEYS, NULL};
    store_filter f = {0};
    ev_out o = {0};
    o.r = r;
    o.names = 1; /* events carry names, as `dyad code` and `dyad events` */
    long limit = r->max_events < 1000 ? r->max_events : 1000, offset = 0;
    char pair[160];
    if (check_keys(r, keys) || filters(r, &f) || actor(r, "actor", &f.actor) ||
        flag(r, "dedup", &o.dedup) || flag(r, "explain", &o.explain) ||
        flag(r, "highlight", &o.highlight) || flag(r, "names", &o.names) ||
        num_long(r, "limit", 1, r->max_events, &limit) ||
        num_long(r, "offset", 0, 1000000000L, &offset))
        return r->status;
    const char *d = get(r, "dyad");
    if (d) {
        const char *comma = strchr(d, ',');
        if (!comma || strlen(d) >= sizeof pair)
            return fail(r, 400, "dyad: expected A,B (two actor codes)");
        snprintf(pair, sizeof pair, "%s", d);
        pair[comma - d] = '\0';
        if (!actor_ok(pair) || !actor_ok(pair + (comma - d) + 1))
            return fail(r, 400, "dyad: expected A,B (two actor codes)");
        f.dyad[0] = pair;
        f.dyad[1] = pair + (comma - d) + 1;
    }
    f.dedup = o.dedup;
    f.limit = limit + 1; /* one more tells whether the answer is cut */
    f.offset = offset;
    o.max = limit;
    dy_err e;
    dy_err_clear(&e);
    dy_buf_adds(&r->body, "{\"events\":[");
    int rc = store_query_events(r->s, &f, ev_emit, &o, &e);
    dy_free(o.doc_id);
    dy_free(o.doc_text);
    if (rc < 0)
        return fail_err(r, rc, &e);
    if (o.late)
        return fail(r, 503, "the query took too long: narrow it");
    if (r->body.oom || r->body.len > WEB_MAX_BODY)
        return fail(r, 400, "the answer is too large: narrow the query or lower limit");
    dy_buf_printf(&r->body, "],\"count\":%ld,\"truncated\":%s}", o.n,
                  o.truncated ? "true" : "false");
    return r->status = 200;
}

/* ---- /api/model ------------------------------------------------------- */

/* Load the aggregates of f into a new *d: within the documents'
 * publication years unless the request has dates=event (docs/api.md). */
static int load(web_req *r, const store_filter *f, int win, int lev, model_data **d)
{
    dy_err e;
    dy_err_clear(&e);
    const char *dates = get(r, "dates");
    if (dates && strcmp(dates, "event") != 0 && strcmp(dates, "document") != 0)
        return fail(r, 400, "dates: expected event or document");
    if (model_data_new(d))
        return fail(r, 503, "out of memory");
    store_filter g = *f;
    int rc = dates && dates[0] == 'e' ? 0 : web_publication_range(r->s, &g, &e);
    if (!rc)
        rc = web_load(r->s, &g, win, lev, *d, &r->lim, &e);
    return rc ? fail_err(r, rc, &e) : 0;
}

static int api_model(web_req *r)
{
    static const char *const keys[] = {"window",   "level",     "min-events", "min-balance",
                                       "prior",    "smoothing", "balance",    "max-blocs",
                                       "restarts", "seed",      "top",        "actor",
                                       FILTER_KEYS, NULL};
    store_filter f = {0};
    model_opts o;
    model_opts_default(&o);
    int win = STORE_WIN_ALL, lev = STORE_LEVEL_COUNTRY;
    long min_events = o.min_events, max_blocs = 0, restarts = o.restarts, seed = (long)o.seed,
         top = o.top;
    if (check_keys(r, keys) || filters(r, &f) || actor(r, "actor", &f.actor) ||
        window(r, "window", &win) || level(r, &lev) ||
        num_long(r, "min-events", 0, 1000000000L, &min_events) ||
        num_double(r, "min-balance", 0, 1, &o.min_balance) ||
        num_double(r, "prior", 0, 1e9, &o.prior) ||
        num_double(r, "smoothing", 0, 0.99, &o.smoothing) ||
        num_long(r, "max-blocs", 0, 1000000, &max_blocs) ||
        num_long(r, "restarts", 1, 200, &restarts) ||
        num_long(r, "seed", 0, 2000000000L, &seed) || num_long(r, "top", 0, 100000, &top))
        return r->status;
    const char *bal = get(r, "balance");
    if (bal && strcmp(bal, "count") == 0)
        o.balance = MODEL_BALANCE_COUNT;
    else if (bal && strcmp(bal, "goldstein") == 0)
        o.balance = MODEL_BALANCE_GOLDSTEIN;
    else if (bal)
        return fail(r, 400, "balance: expected count or goldstein");
    o.min_events = min_events;
    o.max_blocs = (int)max_blocs;
    o.restarts = (int)restarts;
    o.seed = (unsigned long)seed;
    o.top = (int)top;
    o.windowed = win != STORE_WIN_ALL;
    model_data *d = NULL;
    model *m = NULL;
    if (!load(r, &f, win, lev, &d)) {
        dy_err e;
        dy_err_clear(&e);
        int rc = model_build(d, &o, &m, &e);
        if (!rc)
            m->names = r->names;
        if (rc)
            fail_err(r, rc, &e);
        else if (model_write(&r->body, m, MODEL_FMT_JSON) || r->body.oom)
            fail(r, 503, "out of memory");
        else
            r->status = 200;
    }
    model_free(m);
    model_data_free(d);
    return r->status;
}

/* ---- /api/partners ---------------------------------------------------- */

static int api_partners(web_req *r)
{
    static const char *const keys[] = {"actor", "by", "level", "min-events", "top",
                                       FILTER_KEYS, NULL};
    store_filter f = {0};
    int win = STORE_WIN_YEAR, lev = STORE_LEVEL_COUNTRY;
    long min_events = 1, top = 10;
    const char *who = NULL;
    if (check_keys(r, keys) || filters(r, &f) || actor(r, "actor", &who) ||
        window(r, "by", &win) || level(r, &lev) ||
        num_long(r, "min-events", 1, 1000000000L, &min_events) ||
        num_long(r, "top", 0, 1000000, &top))
        return r->status;
    if (!who)
        return fail(r, 400, "actor: required (an actor code)");
    f.actor = who;
    model_data *d = NULL;
    model_partners *p = NULL;
    if (!load(r, &f, win, lev, &d)) {
        dy_err e;
        dy_err_clear(&e);
        int rc = model_partners_build(d, who, min_events, &p, &e);
        if (!rc)
            p->names = r->names;
        if (rc)
            fail_err(r, rc, &e);
        else if (model_partners_write(&r->body, p, MODEL_FMT_JSON, (int)top) || r->body.oom)
            fail(r, 503, "out of memory");
        else
            r->status = 200;
    }
    model_partners_free(p);
    model_data_free(d);
    return r->status;
}

/* ---- /api/dyad -------------------------------------------------------- */

static int api_dyad(web_req *r)
{
    static const char *const keys[] = {"a", "b", "window", "level", "evidence", FILTER_KEYS,
                                       NULL};
    store_filter f = {0};
    int win = STORE_WIN_YEAR, lev = STORE_LEVEL_COUNTRY;
    const char *a = NULL, *b = NULL;
    web_evidence x = {0};
    x.per = 3;
    if (check_keys(r, keys) || filters(r, &f) || actor(r, "a", &a) || actor(r, "b", &b) ||
        window(r, "window", &win) || level(r, &lev) ||
        num_long(r, "evidence", 0, 1000, &x.per))
        return r->status;
    if (!a || !b)
        return fail(r, 400, "a and b: required (two actor codes)");
    f.dyad[0] = a;
    f.dyad[1] = b;
    model_data *d = NULL;
    model_series *ser = NULL;
    dy_err e;
    dy_err_clear(&e);
    if (!load(r, &f, win, lev, &d)) {
        int rc = model_series_build(d, a, b, &ser, &e);
        if (rc) {
            fail_err(r, rc, &e);
        } else {
            store_filter ef = f;
            ef.dedup = 1;
            x.window = win;
            rc = x.per > 0 ? store_query_events(r->s, &ef, web_evidence_add, &x, &e) : 0;
            if (rc < 0)
                fail_err(r, rc, &e);
            else if (x.oom)
                fail(r, 503, "out of memory");
            else {
                x.names = r->names;
                web_dyad_json(&r->body, a, b, ser, &x, r->names);
                r->status = r->body.oom ? fail(r, 503, "out of memory") : 200;
            }
        }
    }
    web_evidence_free(&x);
    model_series_free(ser);
    model_data_free(d);
    return r->status;
}

/* ---- /api/documents/ID ------------------------------------------------ */

static int api_document(web_req *r, const char *id)
{
    static const char *const keys[] = {NULL};
    if (check_keys(r, keys))
        return r->status;
    size_t n = strlen(id);
    if (n == 0 || n > 256)
        return fail(r, 400, "document id: expected 1 to 256 bytes");
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)id[i] < 0x20 || id[i] == 0x7f)
            return fail(r, 400, "document id: control characters are not allowed");
    dy_err e;
    dy_err_clear(&e);
    int rc = web_document_json(&r->body, r->s, id, &e);
    if (rc < 0)
        return fail_err(r, rc, &e);
    if (rc == 0)
        return fail(r, 404, "no such document");
    return r->status = 200;
}

int web_api(web_req *r, const char *path)
{
    r->status = 500;
    for (size_t i = 0; i < r->np; i++)
        if (strlen(r->p[i].key) > 64 || (r->p[i].val && strlen(r->p[i].val) > WEB_MAX_VALUE))
            return fail(r, 400, "parameter too long");
    if (strcmp(path, "/api/events") == 0)
        return api_events(r);
    if (strcmp(path, "/api/model") == 0)
        return api_model(r);
    if (strcmp(path, "/api/partners") == 0)
        return api_partners(r);
    if (strcmp(path, "/api/dyad") == 0)
        return api_dyad(r);
    if (strncmp(path, "/api/documents/", 15) == 0)
        return api_document(r, path + 15);
    return fail(r, 404, "no such endpoint");
}
