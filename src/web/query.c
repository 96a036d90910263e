/* query.c - the query layer shared by the CLI commands and the HTTP API:
 * store aggregates into model input, and the JSON of events, dyads and
 * documents (docs/formats.md, docs/model.md, docs/api.md). */
#include "web/web.h"

#include "code/code.h"
#include "core/actor_code.h"
#include "core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- aggregates -> model input ---------------------------------------- */

typedef struct load_ctx {
    model_data *d;
    const web_limits *lim;
    size_t n;
    dy_err *err;
    int failed;
    int states;           /* only state and organisation sides */
} load_ctx;

static int past(const struct timespec *deadline)
{
    if (!deadline || deadline->tv_sec == 0)
        return 0;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > deadline->tv_sec ||
           (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

static int add_agg(void *ud, const store_agg *a)
{
    load_ctx *l = ud;
    /* events with an unknown side cannot be placed in the network */
    if (!a->source || !*a->source || !a->target || !*a->target)
        return 0;
    /* roles, regions, religions, peoples: not ties between states */
    if (l->states && (dy_actor_level(a->source) == DY_ACTOR_OTHER ||
                      dy_actor_level(a->target) == DY_ACTOR_OTHER)) {
        model_data_left_out(l->d, a->events);
        return 0;
    }
    l->n++;
    if (l->lim && l->lim->max_records && l->n > l->lim->max_records) {
        l->failed = dy_err_set(l->err, DY_ELIMIT, NULL, 0, -1,
                               "more than %zu dyad aggregates: narrow the query",
                               l->lim->max_records);
        return 1;
    }
    if (l->lim && (l->n & 255) == 0 && past(&l->lim->deadline)) {
        l->failed = dy_err_set(l->err, DY_ELIMIT, NULL, 0, -1, "the query took too long");
        return 1;
    }
    int rc = model_data_add(l->d, a->window ? a->window : "", a->source, a->target, a->events,
                            a->quad, a->goldstein, l->err);
    if (rc) {
        l->failed = rc;
        return 1;
    }
    return 0;
}

int web_load(store *s, const store_filter *f, int window, int level, model_data *d,
             const web_limits *lim, dy_err *err)
{
    load_ctx l = {d, lim, 0, err, 0, level == STORE_LEVEL_COUNTRY};
    int rc = store_aggregate(s, f, window, level, add_agg, &l, err);
    if (l.failed)
        return l.failed;
    return rc < 0 ? rc : 0;
}

/* Fill an unset bound of f with a year of the documents' publication
 * range (whole years, so that an event dated only by its year counts). */
static void range_bound(txt_date *d, const char *date)
{
    if (d->prec != TXT_PREC_NONE || strlen(date) < 4)
        return;
    txt_date y;
    if (txt_date_parse(date, 4, &y) == 0)
        *d = y;
}

/* Contract: see web.h. */
int web_publication_range(store *s, store_filter *f, dy_err *err)
{
    char first[11], last[11];
    int rc = store_document_range(s, first, last, err);
    if (rc)
        return rc;
    range_bound(&f->from, first);
    range_bound(&f->to, last);
    return 0;
}

/* ---- events ----------------------------------------------------------- */

static void json_str(dy_buf *b, const char *s)
{
    dy_buf_json_str(b, s, strlen(s));
}

static void json_str_or_null(dy_buf *b, const char *s)
{
    if (s)
        json_str(b, s);
    else
        dy_buf_adds(b, "null");
}

/* ,"KEY":"display name of code" (with names only). */
static void json_name(dy_buf *b, const char *key, const char *code, const dict_names *names)
{
    char nb[160];
    if (!names)
        return;
    dy_buf_printf(b, ",\"%s\":", key);
    json_str(b, dict_names_get(names, code ? code : "", nb, sizeof nb));
}

/* A stored event through the one event writer (code/event.c); with
 * names, the display names of source and target after them. */
void web_event_json(dy_buf *b, const store_event *e, int explain, int dedup,
                    const dict_names *names)
{
    const char *doc = e->doc ? e->doc : "";
    char sn[160], tn[160];
    code_event_rec r = {
        .id = e->id,
        .has_id = 1,
        .doc = doc,
        .doc_len = strlen(doc),
        .sent = e->sent,
        .date = e->date,
        .source = e->source,
        .source_len = strlen(e->source),
        .target = e->target,
        .target_len = strlen(e->target),
        .code = e->code,
        .code_len = strlen(e->code),
        .root = e->root,
        .root_len = strlen(e->root),
        .has_quad = e->has_quad,
        .quad = e->quad,
        .goldstein = e->goldstein,
        .modality = e->modality,
        .text = e->text,
        .text_len = strlen(e->text),
        .src = {e->src[0], e->src[1]},
        .verb = {e->verb[0], e->verb[1]},
        .tgt = {e->tgt[0], e->tgt[1]},
        .explain = explain ? CODE_EXPLAIN_STORED : CODE_EXPLAIN_NONE,
        .pattern = e->pattern,
        .source_entry = e->source_entry,
        .target_entry = e->target_entry,
        .dict_version = e->dict_version,
        .support = e->support,
        .has_support = dedup,
        .has_geo = 1,
        .geo_name = e->geo_name,
        .geo_country = e->geo_country,
        .geo_prec = e->geo_prec,
        .geo_src = e->geo_src,
        .geo_lat = e->geo_lat,
        .geo_lon = e->geo_lon,
        .source_name = names ? dict_names_get(names, e->source, sn, sizeof sn) : NULL,
        .target_name = names ? dict_names_get(names, e->target, tn, sizeof tn) : NULL,
    };
    code_event_rec_write(b, CODE_OUT_JSONL, &r, 0);
}

/* ---- dyad evidence ---------------------------------------------------- */

struct web_ev {
    char window[32];
    char *date, *source, *target, *code, *doc, *text;
    int sent, quad;
    int asserted;         /* modality asserted (not a stated intent) */
    double goldstein;
    long support;
};

/* Window label of a stored date, or -1 when the date is coarser than the
 * window (such events have no place in the series' windows). */
static int label_of(int window, const char *date, char out[32])
{
    txt_date d;
    out[0] = 0;
    if (window == STORE_WIN_ALL)
        return 0;
    if (!date || txt_date_parse(date, strlen(date), &d) != 0)
        return -1;
    if (window == STORE_WIN_YEAR) {
        snprintf(out, 32, "%04d", d.year);
        return 0;
    }
    if (d.prec != TXT_PREC_DAY && d.prec != TXT_PREC_MONTH)
        return -1;
    if (window == STORE_WIN_QUARTER)
        snprintf(out, 32, "%04d-Q%d", d.year, (d.month - 1) / 3 + 1);
    else
        snprintf(out, 32, "%04d-%02d", d.year, d.month);
    return 0;
}

/* Does x matter more than y? What happened (asserted) before what was
 * announced, what several documents report before what one does (a single
 * report may be a misreading), then the larger |Goldstein|. */
static int more(const web_ev *x, const store_event *y)
{
    int ya = y->modality && strcmp(y->modality, "asserted") == 0;
    if (x->asserted != ya)
        return x->asserted > ya;
    long xs = x->support > 1, ys = y->support > 1;
    if (xs != ys)
        return xs > ys;
    if (fabs(x->goldstein) != fabs(y->goldstein))
        return fabs(x->goldstein) > fabs(y->goldstein);
    return x->support > y->support;
}

static void ev_free(web_ev *e)
{
    dy_free(e->date);
    dy_free(e->source);
    dy_free(e->target);
    dy_free(e->code);
    dy_free(e->doc);
    dy_free(e->text);
}

static char *dup_or_empty(const char *s)
{
    return dy_strdup(s ? s : "");
}

/* Events arrive by date, so a window's events are contiguous. */
int web_evidence_add(void *ud, const store_event *e)
{
    web_evidence *x = ud;
    char w[32];
    if (x->per <= 0 || label_of(x->window, e->date, w) != 0)
        return 0;
    size_t first = x->n;
    while (first > 0 && strcmp(x->v[first - 1].window, w) == 0)
        first--;
    size_t have = x->n - first, pos = x->n;
    while (pos > first && !more(&x->v[pos - 1], e))
        pos--;
    if (have == (size_t)x->per && pos == x->n)
        return 0;
    if (have == (size_t)x->per) {
        ev_free(&x->v[x->n - 1]);
        x->n--;
    }
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 64;
        web_ev *nv = dy_reallocarray(x->v, cap, sizeof *nv);
        if (!nv) {
            x->oom = 1;
            return 1;
        }
        x->v = nv;
        x->cap = cap;
    }
    memmove(&x->v[pos + 1], &x->v[pos], (x->n - pos) * sizeof *x->v);
    x->n++;
    web_ev *n = &x->v[pos];
    memset(n, 0, sizeof *n);
    memcpy(n->window, w, sizeof w);
    n->sent = e->sent;
    n->asserted = e->modality && strcmp(e->modality, "asserted") == 0;
    n->quad = e->has_quad ? e->quad : 0;
    n->goldstein = e->goldstein;
    n->support = e->support;
    n->date = dup_or_empty(e->date);
    n->source = dup_or_empty(e->source);
    n->target = dup_or_empty(e->target);
    n->code = dup_or_empty(e->code);
    n->doc = dup_or_empty(e->doc);
    n->text = dup_or_empty(e->text);
    if (!n->date || !n->source || !n->target || !n->code || !n->doc || !n->text) {
        x->oom = 1;
        return 1;
    }
    return 0;
}

void web_evidence_write(dy_buf *b, const web_evidence *x, const char *window, int json,
                        int *first)
{
    for (size_t i = 0; i < x->n; i++) {
        const web_ev *e = &x->v[i];
        if (strcmp(e->window, window) != 0)
            continue;
        if (json) {
            dy_buf_adds(b, *first ? "{\"window\":" : ",{\"window\":");
            *first = 0;
            json_str(b, e->window);
            dy_buf_adds(b, ",\"date\":");
            json_str(b, e->date);
            dy_buf_adds(b, ",\"source\":");
            json_str(b, e->source);
            dy_buf_adds(b, ",\"target\":");
            json_str(b, e->target);
            json_name(b, "source_name", e->source, x->names);
            json_name(b, "target_name", e->target, x->names);
            dy_buf_adds(b, ",\"code\":");
            json_str(b, e->code);
            dy_buf_printf(b, ",\"quad\":%d,\"goldstein\":", e->quad);
            dy_buf_addf1(b, e->goldstein);
            dy_buf_printf(b, ",\"support\":%ld,\"doc\":", e->support);
            json_str(b, e->doc);
            dy_buf_printf(b, ",\"sent\":%d,\"text\":", e->sent);
            json_str(b, e->text);
            dy_buf_addc(b, '}');
        } else {
            dy_buf_printf(b, "    %s %s -> %s %s (%+.1f, %ld doc%s) %s:%d \"%s\"\n", e->date,
                          e->source, e->target, e->code, e->goldstein, e->support,
                          e->support == 1 ? "" : "s", e->doc, e->sent, e->text);
        }
    }
}

void web_evidence_free(web_evidence *x)
{
    for (size_t i = 0; i < x->n; i++)
        ev_free(&x->v[i]);
    dy_free(x->v);
    x->v = NULL;
    x->n = x->cap = 0;
}

void web_dyad_json(dy_buf *b, const char *a, const char *bb, const model_series *ser,
                   const web_evidence *x, const dict_names *names)
{
    dy_buf_adds(b, "{\"a\":");
    json_str(b, a);
    dy_buf_adds(b, ",\"b\":");
    json_str(b, bb);
    json_name(b, "a_name", a, names);
    json_name(b, "b_name", bb, names);
    dy_buf_adds(b, ",\"series\":[");
    model_series_write(b, ser, MODEL_FMT_JSON);
    dy_buf_adds(b, "],\"evidence\":[");
    int first = 1;
    for (size_t t = 0; x && t < ser->n; t++)
        web_evidence_write(b, x, ser->pts[t].window, 1, &first);
    dy_buf_adds(b, "]}");
}

/* ---- documents -------------------------------------------------------- */

typedef struct doc_ctx {
    dy_buf *b;
    long n;
} doc_ctx;

static int doc_head(void *ud, const store_document *d)
{
    doc_ctx *x = ud;
    dy_buf *b = x->b;
    dy_buf_adds(b, "{\"id\":");
    json_str(b, d->id);
    dy_buf_adds(b, ",\"title\":");
    json_str_or_null(b, d->title);
    dy_buf_adds(b, ",\"url\":");
    json_str_or_null(b, d->url);
    dy_buf_adds(b, ",\"source\":");
    json_str_or_null(b, d->source);
    dy_buf_adds(b, ",\"date\":");
    json_str_or_null(b, d->date);
    dy_buf_adds(b, ",\"dict_version\":");
    json_str_or_null(b, d->dict_version);
    dy_buf_adds(b, ",\"text\":");
    json_str(b, d->text ? d->text : "");
    return 0;
}

static int doc_event(void *ud, const store_event *e)
{
    doc_ctx *x = ud;
    if (x->n++)
        dy_buf_addc(x->b, ',');
    web_event_json(x->b, e, 1, 0, NULL);
    return 0;
}

int web_document_json(dy_buf *b, store *s, const char *id, dy_err *err)
{
    doc_ctx x = {b, 0};
    int found = store_get_document(s, id, doc_head, &x, err);
    if (found <= 0)
        return found;
    dy_buf_adds(b, ",\"events\":[");
    store_filter f = {0};
    f.doc = id;
    f.modalities = "all";
    int rc = store_query_events(s, &f, doc_event, &x, err);
    if (rc < 0)
        return rc;
    dy_buf_adds(b, "]}");
    return b->oom ? dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory") : 1;
}
