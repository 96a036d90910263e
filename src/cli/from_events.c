/* from_events.c - `dyad ingest --from-events FILE`: events coded elsewhere
 * (`dyad code --format jsonl` lines, e.g. from a cluster of mappers),
 * indexed by document id, to be stored with their documents instead of
 * coding them again (cli/from_events.h, docs/scale.md). */
#include "cli/from_events.h"
#include "core/alloc.h"
#include "core/hash.h"
#include "core/vec.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* A document's events: ev[0..n), the default ones first (ndflt). */
typedef struct fe_doc {
    char *id;
    code_event *ev;
    size_t n, cap, ndflt;
    int used;                /* handed to a document of the input */
} fe_doc;

struct fe_index {
    fe_doc *docs;
    size_t ndocs, capdocs;
    size_t *slot;            /* open addressing: index + 1 into docs, 0 free */
    size_t nslot;
    char **strs;             /* strings the events point to (owned) */
    size_t nstrs, capstrs;
    long events;
};

/* A copy of s kept for the life of x (NULL for NULL). Returns 0 or -1. */
static int keep_str(fe_index *x, const char *s, const char **out)
{
    *out = NULL;
    if (!s)
        return 0;
    if (dy_vec_grow(&x->strs, &x->capstrs, x->nstrs, sizeof *x->strs))
        return -1;
    char *d = dy_strdup(s);
    if (!d)
        return -1;
    x->strs[x->nstrs++] = d;
    *out = d;
    return 0;
}

/* The slot of id: its document, or the free slot where it goes. */
static size_t *find_slot(const fe_index *x, const char *id)
{
    size_t mask = x->nslot - 1, i = (size_t)dy_fnv1a_str(id) & mask;
    while (x->slot[i] && strcmp(x->docs[x->slot[i] - 1].id, id) != 0)
        i = (i + 1) & mask;
    return &x->slot[i];
}

/* Double the slot table. Returns 0 or -1. */
static int rehash(fe_index *x)
{
    size_t n = x->nslot ? x->nslot * 2 : 1024;
    size_t *old = x->slot, oldn = x->nslot;
    if (!(x->slot = dy_calloc(n, sizeof *x->slot))) {
        x->slot = old;
        return -1;
    }
    x->nslot = n;
    for (size_t i = 0; i < oldn; i++)
        if (old[i])
            *find_slot(x, x->docs[old[i] - 1].id) = old[i];
    dy_free(old);
    return 0;
}

/* The document id's entry, added when new. NULL when out of memory. */
static fe_doc *doc_of(fe_index *x, const char *id)
{
    if ((x->ndocs + 1) * 2 > x->nslot && rehash(x))
        return NULL;
    size_t *s = find_slot(x, id);
    if (*s)
        return &x->docs[*s - 1];
    if (dy_vec_grow(&x->docs, &x->capdocs, x->ndocs, sizeof *x->docs))
        return NULL;
    fe_doc *d = &x->docs[x->ndocs];
    memset(d, 0, sizeof *d);
    if (!(d->id = dy_strdup(id)))
        return NULL;
    *s = ++x->ndocs;
    return d;
}

/* A span [start, end] from a JSON array, or -1 -1 for null/absent. */
static int span_of(json_t *v, code_span *sp)
{
    sp->start = sp->end = -1;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_array(v) || json_array_size(v) != 2 || !json_is_integer(json_array_get(v, 0)) ||
        !json_is_integer(json_array_get(v, 1)))
        return -1;
    sp->start = (int32_t)json_integer_value(json_array_get(v, 0));
    sp->end = (int32_t)json_integer_value(json_array_get(v, 1));
    return 0;
}

/* Copy the string member key of o (at most n - 1 bytes) into out; "" when
 * absent or null. Returns 0, or -1 when it is not a string or too long. */
static int str_into(json_t *o, const char *key, char *out, size_t n)
{
    json_t *v = json_object_get(o, key);
    out[0] = '\0';
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v) || json_string_length(v) >= n)
        return -1;
    memcpy(out, json_string_value(v), json_string_length(v) + 1);
    return 0;
}

/* The string member key of o, or NULL (absent, null or not a string). */
static const char *str_of(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* The modality named s, or -1. */
static int modality_of(const char *s)
{
    for (int m = CODE_MOD_ASSERTED; m <= CODE_MOD_ALLEGED; m++)
        if (s && strcmp(s, code_modality_name(m)) == 0)
            return m;
    return -1;
}

/* One event record into *e (strings kept in x) and its document id into
 * *doc (borrowed from o). Returns NULL or what is wrong with it. */
static const char *parse_event(fe_index *x, json_t *o, code_event *e, const char **doc)
{
    memset(e, 0, sizeof *e);
    e->why.timex = -1;
    e->geo.span.start = e->geo.span.end = -1;
    if (!json_is_object(o))
        return "expected an event object {\"doc\", \"sent\", \"code\", ...}";
    if (!(*doc = str_of(o, "doc")) || !**doc)
        return "\"doc\" must be a non-empty string";
    json_t *sent = json_object_get(o, "sent");
    if (!json_is_integer(sent) || json_integer_value(sent) < 0)
        return "\"sent\" must be a sentence index (a number from 0)";
    e->sent = (uint32_t)json_integer_value(sent);
    if (str_into(o, "source", e->source, sizeof e->source) ||
        str_into(o, "target", e->target, sizeof e->target))
        return "\"source\" and \"target\" must be actor codes (strings)";
    if (str_into(o, "code", e->code, sizeof e->code) || strlen(e->code) < 2)
        return "\"code\" must be a CAMEO code";
    int m = modality_of(str_of(o, "modality"));
    if (m < 0)
        return "\"modality\" must be asserted, negated, future, hypothetical or alleged";
    e->modality = m;
    json_t *date = json_object_get(o, "date");
    e->date.prec = TXT_PREC_NONE;
    if (date && !json_is_null(date) &&
        (!json_is_string(date) ||
         txt_date_parse(json_string_value(date), json_string_length(date), &e->date) != 0))
        return "\"date\" must be YYYY-MM-DD, YYYY-MM, YYYY or null";
    json_t *spans = json_object_get(o, "spans");
    if (spans && (span_of(json_object_get(spans, "source"), &e->src) ||
                  span_of(json_object_get(spans, "verb"), &e->verb) ||
                  span_of(json_object_get(spans, "target"), &e->tgt)))
        return "\"spans\" must hold [start, end] pairs or null";
    json_t *ex = json_object_get(o, "explain");
    if (json_is_object(ex)) {
        if (keep_str(x, str_of(ex, "pattern"), &e->why.pattern) ||
            keep_str(x, str_of(ex, "source_entry"), &e->why.source_entry) ||
            keep_str(x, str_of(ex, "target_entry"), &e->why.target_entry))
            return "out of memory";
        /* a decade is written as its first year; --explain says which */
        json_t *tm = json_object_get(ex, "time");
        const char *p = json_is_object(tm) ? str_of(tm, "precision") : NULL;
        if (p && strcmp(p, "decade") == 0 && e->date.prec == TXT_PREC_YEAR)
            e->date.prec = TXT_PREC_DECADE;
    }
    json_t *g = json_object_get(o, "geo");
    if (json_is_object(g)) {
        json_t *lat = json_object_get(g, "lat"), *lon = json_object_get(g, "lon");
        const char *cc = str_of(g, "country");
        e->geo.prec = (int8_t)code_geo_prec_parse(str_of(g, "precision"));
        e->geo.src = (int8_t)code_geo_src_parse(str_of(g, "source"));
        if (!e->geo.prec || !json_is_number(lat) || !json_is_number(lon) || !cc ||
            strlen(cc) != 3)
            return "\"geo\" must be {name, country, lat, lon, precision, source} or null";
        e->geo.lat = (float)json_number_value(lat);
        e->geo.lon = (float)json_number_value(lon);
        memcpy(e->geo.country, cc, 4);
        if (keep_str(x, str_of(g, "name"), &e->geo.name))
            return "out of memory";
    }
    return NULL;
}

/* Contract: see from_events.h. */
int fe_load(cli_ctx *c, const char *path, fe_index **out)
{
    *out = NULL;
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        cli_errorf("%s: cannot open: %s", path, strerror(errno));
        return CLI_EXIT_FAIL;
    }
    fe_index *x = dy_calloc(1, sizeof *x);
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    int rc = x && rehash(x) == 0 ? 0 : CLI_EXIT_FAIL;
    if (rc)
        cli_errorf("out of memory");
    ssize_t len;
    while (!rc && (len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0)
            continue;
        json_error_t je;
        json_t *o = json_loadb(line, (size_t)len, JSON_REJECT_DUPLICATES, &je);
        if (!o) {
            cli_errorf("%s:%ld: invalid JSON: %s (column %d)", path, lineno, je.text, je.column);
            rc = CLI_EXIT_FAIL;
            break;
        }
        code_event e;
        const char *doc = NULL;
        const char *why = parse_event(x, o, &e, &doc);
        fe_doc *d = why ? NULL : doc_of(x, doc);
        if (!why && (!d || dy_vec_grow(&d->ev, &d->cap, d->n, sizeof *d->ev)))
            why = "out of memory";
        if (why) {
            cli_errorf("%s:%ld: %s", path, lineno, why);
            json_decref(o);
            rc = CLI_EXIT_FAIL;
            break;
        }
        d->ev[d->n++] = e;
        x->events++;
        json_decref(o);
    }
    if (!rc && ferror(f)) {
        cli_errorf("%s: read error", path);
        rc = CLI_EXIT_FAIL;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    /* Every event is a default one: what `dyad code` writes (without
     * --all-modalities, the events a store answers by default). */
    for (size_t i = 0; !rc && i < x->ndocs; i++)
        x->docs[i].ndflt = x->docs[i].n;
    if (rc) {
        fe_free(x);
        return rc;
    }
    (void)c;
    *out = x;
    return 0;
}

/* Contract: see from_events.h. */
void fe_get(const fe_index *x, const char *id, const code_event **ev, size_t *n, size_t *ndflt)
{
    size_t s = *find_slot(x, id);
    const fe_doc *d = s ? &x->docs[s - 1] : NULL;
    *ev = d ? d->ev : NULL;
    *n = d ? d->n : 0;
    *ndflt = d ? d->ndflt : 0;
}

/* Contract: see from_events.h. */
void fe_mark(fe_index *x, const char *id)
{
    size_t s = *find_slot(x, id);
    if (s)
        x->docs[s - 1].used = 1;
}

/* Contract: see from_events.h. */
long fe_unused(const fe_index *x, const char **example)
{
    long n = 0;
    *example = NULL;
    for (size_t i = 0; i < x->ndocs; i++)
        if (!x->docs[i].used) {
            n += (long)x->docs[i].n;
            if (!*example)
                *example = x->docs[i].id;
        }
    return n;
}

/* Contract: see from_events.h. */
void fe_free(fe_index *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->ndocs; i++) {
        dy_free(x->docs[i].id);
        dy_free(x->docs[i].ev);
    }
    for (size_t i = 0; i < x->nstrs; i++)
        dy_free(x->strs[i]);
    dy_free(x->docs);
    dy_free(x->slot);
    dy_free(x->strs);
    dy_free(x);
}
