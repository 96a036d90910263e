/* plover.c - the CAMEO -> PLOVER mapping (data/plover/cameo_plover.tsv)
 * and the PLOVER event record (docs/exports.md).
 *
 * The mapping is checked when it is loaded against what the PLOVER
 * specification allows (event types, the modes of each type, the general
 * contexts), so a typing error in the table is a load error with its line,
 * never a silently wrong export. */
#include "code/code_export.h"
#include "core/alloc.h"
#include "core/file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The sixteen event types and the modes the specification lists for each
 * (types without modes have an empty list). */
typedef struct plover_type {
    const char *name;
    const char *modes; /* space-separated */
} plover_type;

static const plover_type TYPES[] = {
    {"AGREE", ""},
    {"CONSULT", "visit third-party multilateral phone"},
    {"SUPPORT", ""},
    {"CONCEDE", ""},
    {"COOPERATE", ""},
    {"AID", "economic military humanitarian asylum"},
    {"RETREAT", "withdraw release return disarm ceasefire access resign"},
    {"DEMAND", "assist change yield meet"},
    {"ACCUSE", ""},
    {"REJECT", "assist change yield meet"},
    {"THREATEN", "restrict ban arrest relations expel territory violence"},
    {"PROTEST", "demo riot strike-gen strike-lim strike-hun boycott obstruct"},
    {"SANCTION", "convict cancel expel withdraw sever"},
    {"MOBILIZE", "troops weapons police"},
    {"COERCE", "confiscate restrict ban censor curfew martial-law arrest deport withhold"},
    {"ASSAULT", "abduct beat torture execute sexual assassinate destroy primitive firearms "
                "explosives suicide-attack heavy-weapons"},
};

/* The general contexts (any event type). */
static const char CONTEXTS[] =
    " political military intelligence peacekeeping economic diplomatic resource culture"
    " disease enviro_disaster migration humanitarian legal human_rights rights_freedoms"
    " gender lgbt terrorism human_security religion_ethnicity government election"
    " legislative cbrn cyber political_institutions corruption crime crime_murder"
    " crime_theft crime_drugs crime_sexual ";

struct code_plover {
    code_plover_entry *v;
    size_t n, cap;
    char *text;           /* the table's text; entries point into it */
};

/* Is word[0..n) one of the space-separated words of list? */
static int in_list(const char *list, const char *word, size_t n)
{
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if ((size_t)(e - p) == n && n && memcmp(p, word, n) == 0)
            return 1;
        p = e;
    }
    return 0;
}

static const plover_type *find_type(const char *s)
{
    for (size_t i = 0; i < sizeof TYPES / sizeof TYPES[0]; i++)
        if (strcmp(TYPES[i].name, s) == 0)
            return &TYPES[i];
    return NULL;
}

static int valid_cameo(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Check and add one data line (fields split in place). */
static int add_line(void *ud, char *line, const char *name, long ln, dy_err *err)
{
    code_plover *p = ud;
    char *f[5];
    int nf = 0;
    for (char *s = line; nf < 5;) {
        f[nf++] = s;
        char *t = strchr(s, '\t');
        if (!t)
            break;
        *t = '\0';
        s = t + 1;
    }
    if (nf != 5 || strchr(f[4], '\t'))
        return dy_err_set(err, DY_EPARSE, name, ln, -1,
                          "expected 5 tab-separated fields: code, event_type, mode, "
                          "context, roles");
    if (!valid_cameo(f[0]))
        return dy_err_set(err, DY_EPARSE, name, ln, -1,
                          "expected a CAMEO code of 2 to 4 digits, got '%s'", f[0]);
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].code, f[0]) == 0)
            return dy_err_set(err, DY_EPARSE, name, ln, -1, "CAMEO code %s mapped twice",
                              f[0]);
    code_plover_entry e = {0};
    memcpy(e.code, f[0], strlen(f[0]) + 1);
    const plover_type *t = NULL;
    if (strcmp(f[1], "-") != 0) {
        if (!(t = find_type(f[1])))
            return dy_err_set(err, DY_EPARSE, name, ln, -1,
                              "'%s' is not a PLOVER event type (AGREE, CONSULT, ... ASSAULT)",
                              f[1]);
        e.event_type = t->name;
    }
    if (strcmp(f[2], "-") != 0) {
        if (!t || !in_list(t->modes, f[2], strlen(f[2])))
            return dy_err_set(err, DY_EPARSE, name, ln, -1,
                              "'%s' is not a mode of %s%s%s", f[2], t ? t->name : "'-'",
                              t && *t->modes ? " (" : "", t && *t->modes ? t->modes : "");
        e.mode = f[2];
    }
    if (strcmp(f[3], "-") != 0) {
        if (!t)
            return dy_err_set(err, DY_EPARSE, name, ln, -1,
                              "a code without a PLOVER type has no context");
        for (char *s = f[3];;) {
            char *c = strchr(s, ',');
            size_t n = c ? (size_t)(c - s) : strlen(s);
            if (!in_list(CONTEXTS, s, n))
                return dy_err_set(err, DY_EPARSE, name, ln, -1,
                                  "'%.*s' is not a PLOVER context", (int)n, s);
            if (!c)
                break;
            s = c + 1;
        }
        e.context = f[3];
    }
    if (strcmp(f[4], "swap") == 0)
        e.swap = 1;
    else if (strcmp(f[4], "same") != 0)
        return dy_err_set(err, DY_EPARSE, name, ln, -1, "roles: expected same or swap, got '%s'",
                          f[4]);
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        code_plover_entry *v = dy_reallocarray(p->v, cap, sizeof *v);
        if (!v)
            return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n++] = e;
    return 0;
}

int code_plover_load_string(const char *name, const char *text, size_t len,
                            const code_cameo *cam, code_plover **out, dy_err *err)
{
    *out = NULL;
    code_plover *p = dy_calloc(1, sizeof *p);
    if (!p || !(p->text = dy_strndup(text, len))) {
        dy_free(p);
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    }
    long ln = 0;
    int rc = dy_each_table_line(p->text, name, "code\tevent_type\tmode\tcontext\troles", add_line,
                                p, &ln, err);
    if (!rc && p->n == 0)
        rc = dy_err_set(err, DY_EPARSE, name, ln, -1, "no CAMEO code is mapped");
    for (size_t i = 0; !rc && cam && i < code_cameo_count(cam); i++) {
        const code_cameo_entry *ce = code_cameo_at(cam, i);
        if (!code_plover_get(p, ce->code))
            rc = dy_err_set(err, DY_EPARSE, name, 0, -1,
                            "CAMEO code %s (%s) has no PLOVER row", ce->code, ce->name);
    }
    if (rc) {
        code_plover_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

int code_plover_load(const char *path, const code_cameo *cam, code_plover **out, dy_err *err)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open the PLOVER mapping");
    dy_buf b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        dy_buf_add(&b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad || b.oom) {
        dy_buf_free(&b);
        return bad ? dy_err_set(err, DY_EIO, path, 0, -1, "cannot read the PLOVER mapping")
                   : dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    }
    int rc = code_plover_load_string(path, b.data ? b.data : "", b.len, cam, out, err);
    dy_buf_free(&b);
    return rc;
}

void code_plover_free(code_plover *p)
{
    if (!p)
        return;
    dy_free(p->v);
    dy_free(p->text);
    dy_free(p);
}

const code_plover_entry *code_plover_get(const code_plover *p, const char *code)
{
    if (!p || !code)
        return NULL;
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->v[i].code, code) == 0)
            return &p->v[i];
    return NULL;
}

size_t code_plover_count(const code_plover *p) { return p ? p->n : 0; }

/* "key":"value" or "key":null. */
static void put_str(dy_buf *b, const char *key, const char *s, size_t n)
{
    dy_buf_printf(b, ",\"%s\":", key);
    if (s)
        dy_buf_json_str(b, s, n);
    else
        dy_buf_adds(b, "null");
}

/* The same for a NUL-terminated string or NULL. */
static void put_s(dy_buf *b, const char *key, const char *s)
{
    put_str(b, key, s, s ? strlen(s) : 0);
}
#define PUT_S(b, key, s) put_s((b), (key), (s))

static void put_span(dy_buf *b, const char *key, const int32_t s[2])
{
    if (s[0] < 0)
        dy_buf_printf(b, "\"%s\":null", key);
    else
        dy_buf_printf(b, "\"%s\":[%ld,%ld]", key, (long)s[0], (long)s[1]);
}

/* The PLOVER contexts a modality adds (the specification's grammatical
 * contexts); NULL for asserted and alleged events. */
static const char *modality_context(const char *m)
{
    if (!m)
        return NULL;
    if (strcmp(m, "future") == 0)
        return "future";
    if (strcmp(m, "hypothetical") == 0)
        return "hypothetical";
    if (strcmp(m, "negated") == 0)
        return "negation";
    return NULL;
}

/* One actor: code, country part, mention text. */
static void put_actor(dy_buf *b, const char *key, const char *code, const char *name,
                      const char *text, size_t textn)
{
    char country[CODE_COUNTRY_MAX];
    size_t cn = code_actor_country(code, country);
    char k[40];
    PUT_S(b, key, code && *code ? code : NULL);
    snprintf(k, sizeof k, "%s_country", key);
    put_str(b, k, cn ? country : NULL, cn);
    if (name) {
        snprintf(k, sizeof k, "%s_name", key);
        put_str(b, k, name, strlen(name));
    }
    snprintf(k, sizeof k, "%s_text", key);
    put_str(b, k, text, textn);
}

int code_plover_write(dy_buf *b, const code_plover *p, const code_plover_rec *r)
{
    const code_plover_entry *e = code_plover_get(p, r->code);
    if (!e || !e->event_type)
        return 1;
    dy_buf_adds(b, "{\"id\":");
    dy_buf_json_str(b, r->id, strlen(r->id));
    PUT_S(b, "date", r->date);
    PUT_S(b, "event_type", e->event_type);
    PUT_S(b, "mode", e->mode);
    dy_buf_adds(b, ",\"context\":[");
    int first = 1;
    for (const char *s = e->context; s && *s;) {
        const char *c = strchr(s, ',');
        size_t n = c ? (size_t)(c - s) : strlen(s);
        if (!first)
            dy_buf_addc(b, ',');
        dy_buf_json_str(b, s, n);
        first = 0;
        s = c ? c + 1 : s + n;
    }
    const char *mc = modality_context(r->modality);
    if (mc) {
        if (!first)
            dy_buf_addc(b, ',');
        dy_buf_printf(b, "\"%s\"", mc);
    }
    dy_buf_addc(b, ']');
    /* PLOVER's actor is the CAMEO source unless the mapping swaps roles. */
    if (e->swap) {
        put_actor(b, "actor", r->target, r->target_name, r->target_text, r->target_text_len);
        put_actor(b, "recipient", r->source, r->source_name, r->source_text,
                  r->source_text_len);
    } else {
        put_actor(b, "actor", r->source, r->source_name, r->source_text, r->source_text_len);
        put_actor(b, "recipient", r->target, r->target_name, r->target_text,
                  r->target_text_len);
    }
    dy_buf_adds(b, ",\"location\":");
    if (r->geo_prec) {
        dy_buf_adds(b, "{\"name\":");
        dy_buf_json_str(b, r->geo_name ? r->geo_name : "", r->geo_name ? strlen(r->geo_name) : 0);
        dy_buf_printf(b, ",\"cc3\":\"%.3s\",\"latitude\":%.4f,\"longitude\":%.4f,"
                         "\"precision\":\"%s\",\"source\":\"%s\"}",
                      r->geo_country ? r->geo_country : "", r->geo_lat, r->geo_lon,
                      r->geo_prec, r->geo_src ? r->geo_src : "");
    } else {
        dy_buf_adds(b, "null");
    }
    put_str(b, "text", r->text, r->text_len);
    PUT_S(b, "doc", r->doc);
    PUT_S(b, "url", r->url);
    dy_buf_printf(b, ",\"sent\":%ld", r->sent);
    PUT_S(b, "pub_date", r->pub_date);
    dy_buf_adds(b, ",\"cameo\":{\"code\":");
    dy_buf_json_str(b, r->code, strlen(r->code));
    if (r->has_quad)
        dy_buf_printf(b, ",\"quad\":%d,\"goldstein\":%.1f}", r->quad, r->goldstein);
    else
        dy_buf_adds(b, ",\"quad\":null,\"goldstein\":null}");
    PUT_S(b, "modality", r->modality);
    dy_buf_adds(b, ",\"spans\":{");
    put_span(b, "source", r->src);
    dy_buf_addc(b, ',');
    put_span(b, "verb", r->verb);
    dy_buf_addc(b, ',');
    put_span(b, "target", r->tgt);
    dy_buf_adds(b, "}}\n");
    return b->oom ? DY_ENOMEM : 0;
}

void code_plover_rec_from_event(code_plover_rec *r, const txt_doc *doc,
                                const txt_analysis *an, const code_event *ev,
                                const code_cameo *cam, size_t index, char *idbuf,
                                size_t idn, char datebuf[11], char pubbuf[11])
{
    memset(r, 0, sizeof *r);
    snprintf(idbuf, idn, "%s#%zu", doc->id, index);
    r->id = idbuf;
    r->doc = doc->id;
    r->url = doc->url;
    r->sent = (long)ev->sent;
    r->date = txt_date_format(&ev->date, datebuf) > 0 ? datebuf : NULL;
    r->pub_date = txt_date_format(&doc->date, pubbuf) > 0 ? pubbuf : NULL;
    r->source = ev->source;
    r->target = ev->target;
    if (ev->src.start >= 0 && (size_t)ev->src.end <= doc->len) {
        r->source_text = doc->text + ev->src.start;
        r->source_text_len = (size_t)(ev->src.end - ev->src.start);
    }
    if (ev->tgt.start >= 0 && (size_t)ev->tgt.end <= doc->len) {
        r->target_text = doc->text + ev->tgt.start;
        r->target_text_len = (size_t)(ev->tgt.end - ev->tgt.start);
    }
    r->code = ev->code;
    const code_cameo_entry *ce = cam ? code_cameo_get(cam, ev->code) : NULL;
    if (ce) {
        r->has_quad = 1;
        r->quad = ce->quad;
        r->goldstein = ce->goldstein;
    }
    r->modality = code_modality_name(ev->modality);
    if (an && ev->sent < an->nsent) {
        r->text = doc->text + an->sents[ev->sent].start;
        r->text_len = an->sents[ev->sent].end - an->sents[ev->sent].start;
    }
    r->src[0] = ev->src.start, r->src[1] = ev->src.end;
    r->verb[0] = ev->verb.start, r->verb[1] = ev->verb.end;
    r->tgt[0] = ev->tgt.start, r->tgt[1] = ev->tgt.end;
    if (ev->geo.prec) {
        r->geo_name = ev->geo.name;
        r->geo_country = ev->geo.country;
        r->geo_lat = ev->geo.lat;
        r->geo_lon = ev->geo.lon;
        r->geo_prec = code_geo_prec_name(ev->geo.prec);
        r->geo_src = code_geo_src_name(ev->geo.src);
    }
}
