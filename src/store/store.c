/* store.c - the backend-independent part of the store: opening and schema
 * versions (migrations), ingest of coded documents, event queries and
 * aggregates. SQL is written once, with '?' placeholders and every value as
 * a parameter; the backends (store_sqlite.c, store_pg.c) run it.
 * docs/store.md describes the schema. */
#include "store/store_internal.h"

#include "code/code_export.h"
#include "core/alloc.h"
#include "core/hash.h"
#include "core/invariant.h"
#include "core/vec.h"

#include "core/actor_code.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *const store_bulk_columns[STORE_BULK_TABLES] = {
    "doc_id, idx, bstart, bend, headline, timex",
    "doc_id, sent, date, date_prec, dkey, source, target, code, root, quad, goldstein, modality, "
    "src_start, src_end, verb_start, verb_end, tgt_start, tgt_end, pattern, source_entry, "
    "target_entry, dict_version, scountry, tcountry, dflt, geo_name, geo_country, geo_lat, "
    "geo_lon, geo_prec, geo_src",
};
const int store_bulk_ncolumns[STORE_BULK_TABLES] = {6, 31};

/* ---- small helpers ------------------------------------------------------ */

static store_param P_S(const char *s) { return (store_param){0, 0, s}; }
static store_param P_I(long long i) { return (store_param){1, i, NULL}; }

static int row_first_long(void *ud, const char *const *col, int ncol)
{
    *(long long *)ud = (ncol > 0 && col[0]) ? strtoll(col[0], NULL, 10) : 0;
    return 0;
}

static int is_pg_url(const char *w)
{
    return strncmp(w, "postgresql://", 13) == 0 || strncmp(w, "postgres://", 11) == 0;
}

/* v3 -> v4, the same SQL for both backends: the country columns by the one
 * rule of core/actor_code.h (NGM and MNC codes now have six-letter parts),
 * and the default-events flag (docs/store.md): events stored before it
 * existed keep the old default, asserted events. */
static const char *const ddl_v4[] = {
    "ALTER TABLE events ADD COLUMN dflt INTEGER NOT NULL DEFAULT 1",
    "UPDATE events SET dflt = CASE WHEN modality = 'asserted' THEN 1 ELSE 0 END, scountry = "
    DY_ACTOR_COUNTRY_SQL("source") ", tcountry = " DY_ACTOR_COUNTRY_SQL("target"),
    "DROP INDEX events_agg",
    "CREATE INDEX events_agg ON events (dkey, date, source, target, code, quad, goldstein, "
    "date_prec, scountry, tcountry, modality, dflt)",
    "DROP VIEW events_dedup",
    "CREATE VIEW events_dedup AS SELECT min(id) AS id, date, source, target, code, "
    "count(DISTINCT doc_id) AS support, count(*) AS mentions FROM events WHERE "
    "dflt = 1 GROUP BY date, source, target, code",
    "UPDATE meta SET value = '4' WHERE key = 'schema_version'",
    NULL};

/* Sortable key of a date's first day (YYYYMMDD), 0 when none. */
static long long date_key(const txt_date *d)
{
    if (d->prec == TXT_PREC_NONE)
        return 0;
    return (long long)d->year * 10000 + (d->month ? d->month : 1) * 100 + (d->day ? d->day : 1);
}

/* Key just after the last day of d's period (exclusive upper bound). */
static long long date_key_after(const txt_date *d)
{
    switch (d->prec) {
    case TXT_PREC_DAY: {
        txt_date n = txt_date_add_days(*d, 1);
        return date_key(&n);
    }
    case TXT_PREC_MONTH:
        return d->month == 12 ? (long long)(d->year + 1) * 10000 + 101
                              : (long long)d->year * 10000 + (d->month + 1) * 100 + 1;
    case TXT_PREC_DECADE: return (long long)(d->year + 10) * 10000 + 101;
    default: return (long long)(d->year + 1) * 10000 + 101;
    }
}

/* A document field in its content hash: the bytes, then a separator (so
 * that ("ab", "c") and ("a", "bc") differ). */
static uint64_t fnv_field(uint64_t h, const char *s)
{
    if (s)
        h = dy_fnv1a_more(h, s, strlen(s));
    return dy_fnv1a_more(h, "\x1f", 1);
}

/* ---- open, schema, migrations ------------------------------------------ */

/* What opening a store finds, read in one statement (one snapshot: two
 * queries could see a concurrent creator's commit in between). */
typedef struct probe_row {
    int has_meta;            /* a 'meta' table */
    long long ntables;       /* tables and views of any name */
    int has_version;         /* a schema_version row */
    char version[24];        /* its value (cut), "" when NULL */
} probe_row;

static int row_probe(void *ud, const char *const *col, int ncol)
{
    probe_row *p = ud;
    if (ncol < 2)
        return 0;
    p->has_meta = col[0] && strcmp(col[0], "0") != 0;
    p->ntables = col[1] ? strtoll(col[1], NULL, 10) : 0;
    return 0;
}

static int row_version(void *ud, const char *const *col, int ncol)
{
    probe_row *p = ud;
    p->has_version = 1;
    snprintf(p->version, sizeof p->version, "%s", ncol > 0 && col[0] ? col[0] : "");
    return 0;
}

static int probe(store *s, probe_row *p, dy_err *err)
{
    memset(p, 0, sizeof *p);
    int rc = s->ops->query(
        s,
        s->ops->name[0] == 's'
            ? "SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'), "
              "(SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND substr(name, "
              "1, 7) <> 'sqlite_')"
            : "SELECT (SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = "
              "current_schema() AND tablename = 'meta'), (SELECT count(*) FROM "
              "pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
              "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'p', 'f'))",
        NULL, 0, row_probe, p, err);
    if (!rc && p->has_meta)
        rc = s->ops->query(s, "SELECT value FROM meta WHERE key = 'schema_version'", NULL, 0,
                           row_version, p, err);
    return rc;
}

/* The schema version in p: 0 (no meta table), 1.. or -1 when meta holds no
 * valid version (a corrupt store: migrating it would fail on 'meta already
 * exists', so nothing advises that). */
static long long probe_version(const probe_row *p)
{
    if (!p->has_meta)
        return 0;
    const char *v = p->version;
    if (!p->has_version || !*v || strlen(v) > 6)
        return -1;
    for (const char *c = v; *c; c++)
        if (*c < '0' || *c > '9')
            return -1;
    long long n = strtoll(v, NULL, 10);
    return n >= 1 ? n : -1;
}

/* The refusals that hold for reading and writing alike: a newer schema, a
 * corrupt version, a database with tables of its own (not a dyad store)
 * unless flags has STORE_INIT. Returns 0 when none applies. */
static int refuse(store *s, const probe_row *p, long long v, int flags, dy_err *err)
{
    if (v > STORE_SCHEMA_VERSION)
        return dy_err_set(err, DY_EINVAL, s->where, 0, -1,
                          "store schema version %lld is newer than this dyad supports (%d); "
                          "use a newer dyad",
                          v, STORE_SCHEMA_VERSION);
    if (v < 0)
        return dy_err_set(err, DY_EINVAL, s->where, 0, -1,
                          "corrupt store: its schema version (table meta, key schema_version) "
                          "is %s%s%s, not a number from 1 to %d; restore the store from a "
                          "backup or build a new one with dyad ingest",
                          p->has_version ? "'" : "", p->has_version ? p->version : "missing",
                          p->has_version ? "'" : "", STORE_SCHEMA_VERSION);
    if (!p->has_meta && p->ntables > 0 && !(flags & STORE_INIT))
        return dy_err_set(err, DY_EINVAL, s->where, 0, -1,
                          "not a dyad store: the database has %lld table%s of its own and no "
                          "dyad schema; 'dyad ingest --init' adds dyad's tables to it",
                          p->ntables, p->ntables == 1 ? "" : "s");
    return 0;
}

static int run_ddl(store *s, const char *const *ddl, dy_err *err)
{
    for (size_t i = 0; ddl[i]; i++) {
        int rc = s->ops->exec(s, ddl[i], err);
        if (rc)
            return rc;
    }
    return 0;
}

/* Bring the schema to STORE_SCHEMA_VERSION (writable) or check it (read). */
static int check_schema(store *s, int flags, dy_err *err)
{
    probe_row p;
    int rc = probe(s, &p, err);
    if (rc)
        return rc;
    long long v = probe_version(&p);
    if ((rc = refuse(s, &p, v, flags, err)))
        return rc;
    /* SQLite's WAL journal, set only now that the file is known to be a
     * dyad store or to become one. */
    if (s->writable && s->ops->name[0] == 's' && (rc = store_sqlite_wal(s, err)))
        return rc;
    if (v == STORE_SCHEMA_VERSION)
        return 0;
    if (!s->writable && !p.has_meta)
        return dy_err_set(err, DY_EINVAL, s->where, 0, -1,
                          "not a dyad store (empty; 'dyad ingest' creates one)");
    if (!s->writable)
        return dy_err_set(err, DY_EINVAL, s->where, 0, -1,
                          "store schema version %lld is older than this dyad's (%d): open it "
                          "once for writing (dyad ingest or recode) to migrate it",
                          v, STORE_SCHEMA_VERSION);
    /* Create or migrate in one transaction; concurrent openers serialise on
     * it, and what they found is read again inside it. */
    if ((rc = s->ops->exec(s, s->ops->name[0] == 's' ? "BEGIN IMMEDIATE" : "BEGIN", err)))
        return rc;
    if (s->ops->name[0] == 'p')
        rc = s->ops->exec(s, "SELECT pg_advisory_xact_lock(7270523)", err);
    if (!rc && !(rc = probe(s, &p, err))) {
        v = probe_version(&p);
        rc = refuse(s, &p, v, flags, err);
    }
    if (!rc && v < 1)
        rc = run_ddl(s, s->ops->ddl_v1, err);
    if (!rc && v < 2)
        rc = run_ddl(s, s->ops->ddl_v2, err);
    if (!rc && v < 3)
        rc = run_ddl(s, s->ops->ddl_v3, err);
    if (!rc && v < 4)
        rc = run_ddl(s, ddl_v4, err);
    if (!rc && v < 5)
        rc = run_ddl(s, s->ops->ddl_v5, err);
    if (!rc)
        return s->ops->exec(s, "COMMIT", err);
    dy_err keep = *err;
    s->ops->exec(s, "ROLLBACK", NULL);
    *err = keep;
    return rc;
}

/* The parts of a postgresql:// URL that may hold a password: [*pw, *pwend)
 * in the user part, and from *qpw to the end (the value of a password=
 * query parameter and everything after it, since an unencoded '&' in the
 * password would make a piece of it look like the next parameter); NULL
 * when absent. The user part ends at the last '@' before any password=
 * parameter: libpq ends it at the first, so with an unencoded '@' in the
 * password it reads the rest as the host, and only the last '@' hides the
 * whole password (at worst, with an '@' in the query, also the host). */
static void url_parts(const char *url, const char **pw, const char **pwend, const char **qpw)
{
    const char *p = url + (strncmp(url, "postgresql://", 13) == 0 ? 13 : 11);
    *pw = *pwend = *qpw = NULL;
    for (const char *k = p; (k = strstr(k, "password=")) != NULL; k++)
        if (k > p && (k[-1] == '?' || k[-1] == '&')) {
            *qpw = k + 9;
            break;
        }
    const char *lim = *qpw ? *qpw - 9 : p + strlen(p), *at = NULL;
    for (const char *k = p; k < lim; k++)
        if (*k == '@')
            at = k;
    const char *colon = at ? memchr(p, ':', (size_t)(at - p)) : NULL;
    if (colon) {
        *pw = colon + 1;
        *pwend = at;
    }
}

/* Contract: see store.h. */
char *store_mask_url(const char *where, char *out, size_t n)
{
    if (!n)
        return out;
    if (!where)
        where = "";
    if (!is_pg_url(where)) {
        snprintf(out, n, "%s", where);
        return out;
    }
    const char *pw, *pwend, *qpw;
    url_parts(where, &pw, &pwend, &qpw);
    const char *end = qpw ? qpw : where + strlen(where);
    if (pw)
        snprintf(out, n, "%.*s***%.*s%s", (int)(pw - where), where, (int)(end - pwend), pwend,
                 qpw ? "***" : "");
    else
        snprintf(out, n, "%.*s%s", (int)(end - where), where, qpw ? "***" : "");
    return out;
}

/* Does msg contain [s, s + n)? */
static int has_piece(const char *msg, const char *s, size_t n)
{
    for (const char *m = msg; (m = strchr(m, s[0])) != NULL; m++)
        if (strncmp(m, s, n) == 0)
            return 1;
    return 0;
}

/* Does msg hold a piece of two bytes or more of the secret [s, e), cut at
 * the characters that end a part of a URL? */
static int secret_in(const char *msg, const char *s, const char *e)
{
    while (s < e) {
        size_t k = 0;
        while (s + k < e && !strchr("@/?#:&=", s[k]))
            k++;
        if (k >= 2 && has_piece(msg, s, k))
            return 1;
        s += k + 1;
    }
    return 0;
}

/* Contract: see store_internal.h. */
int store_url_secret_in(const char *url, const char *msg)
{
    if (!url || !msg || !is_pg_url(url))
        return 0;
    const char *pw, *pwend, *qpw;
    url_parts(url, &pw, &pwend, &qpw);
    return (pw && secret_in(msg, pw, pwend)) || (qpw && secret_in(msg, qpw, qpw + strlen(qpw)));
}

/* Open a SQLite store and check or create its schema. Two processes
 * creating the same new file race in ways SQLite's busy handler does not
 * cover (switching a new file to WAL, the first transaction on it): one
 * got "database is locked" at once. A "locked" failure anywhere in opening
 * closes the handle and tries again after a short, growing, randomised
 * pause, for up to 5 s in all (the documented wait). */
static int sqlite_open_retry(store *s, const char *path, int flags, dy_err *err)
{
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    unsigned seed = (unsigned)t0.tv_nsec ^ (unsigned)getpid();
    long pause_us = 2000;
    for (;;) {
        s->busy = 0;
        int rc = store_sqlite_open(s, path, flags, err);
        if (!rc)
            rc = check_schema(s, flags, err);
        clock_gettime(CLOCK_MONOTONIC, &now);
        double spent = (double)(now.tv_sec - t0.tv_sec) + (now.tv_nsec - t0.tv_nsec) / 1e9;
        if (!rc || !s->busy || spent > 5.0)
            return rc;
        s->ops->close(s);
        s->ops = NULL;
        seed = seed * 1103515245u + 12345u;
        long us = pause_us / 2 + (long)(seed >> 8) % pause_us;
        struct timespec d = {0, us * 1000L};
        nanosleep(&d, NULL);
        if (pause_us < 100000)
            pause_us *= 2;
    }
}

int store_open(const char *where, int flags, store **out, dy_err *err)
{
    *out = NULL;
    if (!where || !*where)
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "no store given (--db PATH or URL)");
    store *s = dy_calloc(1, sizeof *s);
    if (!s)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    s->writable = (flags & STORE_WRITE) != 0;
    int rc;
    if (is_pg_url(where)) {
        /* Never echo a password in messages. */
        store_mask_url(where, s->where, sizeof s->where);
        rc = store_pg_open(s, where, flags, err);
        if (!rc)
            rc = check_schema(s, flags, err);
    } else {
        snprintf(s->where, sizeof s->where, "%s", where);
        rc = sqlite_open_retry(s, where, flags, err);
    }
    if (rc) {
        store_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

void store_close(store *s)
{
    if (!s)
        return;
    if (s->ops) {
        if (s->in_tx)
            s->ops->exec(s, "ROLLBACK", NULL);
        s->ops->close(s);
    }
    dy_free(s->pending);
    dy_free(s);
}

const char *store_backend(const store *s) { return s->ops->name; }

/* ---- transactions ------------------------------------------------------- */

int store_begin(store *s, dy_err *err)
{
    if (!s->writable)
        return dy_err_set(err, DY_EINVAL, s->where, 0, -1, "store opened read-only");
    DY_ASSERT(!s->in_tx); /* transactions do not nest */
    s->busy = s->conflict = 0;
    int rc = s->ops->exec(s, s->ops->name[0] == 's' ? "BEGIN IMMEDIATE" : "BEGIN", err);
    if (!rc)
        s->in_tx = 1;
    return rc;
}

int store_commit(store *s, dy_err *err)
{
    DY_ASSERT(s->in_tx);
    int rc = s->ops->bulk_flush(s, err);
    s->npending = 0;
    if (rc) {
        store_rollback(s, NULL);
        return rc;
    }
    rc = s->ops->exec(s, "COMMIT", err);
    s->in_tx = 0;
    return rc;
}

int store_rollback(store *s, dy_err *err)
{
    s->ops->bulk_discard(s);
    s->npending = 0;
    int rc = s->ops->exec(s, "ROLLBACK", err);
    s->in_tx = 0;
    return rc;
}

/* ---- ingest ------------------------------------------------------------- */

typedef struct doc_row {
    int found;
    long long id;
    char hash[24];
    char dictv[40];
    int has_dictv;
} doc_row;

static int row_doc(void *ud, const char *const *col, int ncol)
{
    doc_row *d = ud;
    d->found = 1;
    d->id = col[0] ? strtoll(col[0], NULL, 10) : 0;
    snprintf(d->hash, sizeof d->hash, "%s", col[1] ? col[1] : "");
    d->has_dictv = ncol > 2 && col[2] != NULL;
    snprintf(d->dictv, sizeof d->dictv, "%s", d->has_dictv ? col[2] : "");
    return 0;
}

static void timex_json(dy_buf *b, const txt_doc *doc, const txt_analysis *an,
                       const txt_sentence *st)
{
    dy_buf_addc(b, '[');
    for (uint32_t k = st->timex_begin; k < st->timex_end && k < an->ntimex; k++) {
        const txt_timex *t = &an->timex[k];
        char d[11];
        if (k > st->timex_begin)
            dy_buf_addc(b, ',');
        dy_buf_adds(b, "{\"text\":");
        dy_buf_json_str(b, doc->text + t->start, t->end - t->start);
        dy_buf_printf(b, ",\"start\":%u,\"end\":%u,\"date\":", (unsigned)t->start,
                      (unsigned)t->end);
        if (txt_date_format(&t->date, d) > 0)
            dy_buf_printf(b, "\"%s\"", d);
        else
            dy_buf_adds(b, "null");
        dy_buf_printf(b, ",\"precision\":\"%s\"", txt_prec_name(t->date.prec));
        if ((t->flags & TXT_TIMEX_RANGE) && txt_date_format(&t->end_date, d) > 0)
            dy_buf_printf(b, ",\"end_date\":\"%s\"", d);
        if ((t->flags & TXT_TIMEX_LIST) && t->list >= 0)
            dy_buf_printf(b, ",\"list\":%d", (int)t->list);
        dy_buf_addc(b, '}');
    }
    dy_buf_addc(b, ']');
}

static store_param span_p(int32_t v, int present)
{
    return present ? P_I(v) : P_S(NULL);
}

static int put_rows(store *s, long long id, const txt_doc *doc, const txt_analysis *an,
                    const code_event *ev, size_t nev, size_t ndflt, const code_cameo *cam,
                    const char *dict_version, dy_err *err)
{
    int rc = 0;
    dy_buf tj = {0};
    for (size_t i = 0; !rc && an && i < an->nsent; i++) {
        const txt_sentence *st = &an->sents[i];
        dy_buf_reset(&tj);
        if (st->timex_end > st->timex_begin)
            timex_json(&tj, doc, an, st);
        if (tj.oom) {
            rc = dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
            break;
        }
        store_param p[6] = {P_I(id), P_I((long long)i), P_I(st->start), P_I(st->end),
                            P_I((st->flags & TXT_SENT_HEADLINE) != 0),
                            P_S(tj.len ? tj.data : NULL)};
        rc = s->ops->bulk_row(s, STORE_BULK_SENTENCES, p, 6, err);
    }
    dy_buf_free(&tj);
    for (size_t i = 0; !rc && i < nev; i++) {
        const code_event *e = &ev[i];
        const code_cameo_entry *ce = cam ? code_cameo_get(cam, e->code) : NULL;
        char date[11], root[3] = {e->code[0], e->code[1], 0}, gs[32], sc[8], tc[8];
        /* A date outside the supported years is kept as none: its key
         * would name no window (docs/store.md). */
        int has_date = txt_date_valid(&e->date) && txt_date_format(&e->date, date) > 0;
        if (ce)
            snprintf(gs, sizeof gs, "%.15g", ce->goldstein);
        dy_actor_country(e->source, sc);
        dy_actor_country(e->target, tc);
        /* coordinates as written by `dyad code` (four decimals), so that a
         * stored event reads back as it was coded */
        char lat[32] = "", lon[32] = "", gc[4] = "";
        if (e->geo.prec) {
            snprintf(lat, sizeof lat, "%.4f", (double)e->geo.lat);
            snprintf(lon, sizeof lon, "%.4f", (double)e->geo.lon);
            memcpy(gc, e->geo.country, 4);
            gc[3] = '\0';
        }
        int g = e->geo.prec != 0;
        store_param p[31] = {
            P_I(id), P_I(e->sent), P_S(has_date ? date : NULL), P_I(has_date ? e->date.prec : 0),
            has_date ? P_I(date_key(&e->date)) : P_S(NULL), P_S(e->source), P_S(e->target),
            P_S(e->code), P_S(root), ce ? P_I(ce->quad) : P_S(NULL), P_S(ce ? gs : NULL),
            P_S(code_modality_name(e->modality)), span_p(e->src.start, e->src.start >= 0),
            span_p(e->src.end, e->src.start >= 0), span_p(e->verb.start, e->verb.start >= 0),
            span_p(e->verb.end, e->verb.start >= 0), span_p(e->tgt.start, e->tgt.start >= 0),
            span_p(e->tgt.end, e->tgt.start >= 0), P_S(e->why.pattern),
            P_S(e->why.source_entry), P_S(e->why.target_entry), P_S(dict_version), P_S(sc),
            P_S(tc), P_I(i < ndflt), P_S(g ? e->geo.name : NULL), P_S(g ? gc : NULL), P_S(g ? lat : NULL),
            P_S(g ? lon : NULL), P_S(g ? code_geo_prec_name(e->geo.prec) : NULL),
            P_S(g ? code_geo_src_name(e->geo.src) : NULL)};
        rc = s->ops->bulk_row(s, STORE_BULK_EVENTS, p, 31, err);
    }
    return rc;
}

/* The content hash of doc ("%016llx" of FNV-1a over its fields) into
 * hash, and its date as stored into date (*has_date 0 when none). */
static void doc_hash(const txt_doc *doc, char hash[static 24], char date[static 11],
                     int *has_date)
{
    uint64_t h = DY_FNV_OFFSET;
    *has_date = txt_date_valid(&doc->date) && txt_date_format(&doc->date, date) > 0;
    h = fnv_field(h, doc->id);
    h = fnv_field(h, doc->title);
    h = fnv_field(h, doc->url);
    h = fnv_field(h, doc->source);
    h = fnv_field(h, *has_date ? date : NULL);
    h = dy_fnv1a_more(h, doc->text, doc->len);
    snprintf(hash, 24, "%016llx", (unsigned long long)h);
}

/* Remember that rows of document id may wait in the bulk buffers. Returns
 * 0 or DY_ENOMEM (err filled). */
static int add_pending(store *s, long long id, dy_err *err)
{
    if (dy_vec_grow(&s->pending, &s->cappending, s->npending, sizeof *s->pending))
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    DY_ASSERT(s->in_tx && s->npending < s->cappending);
    s->pending[s->npending++] = id;
    return 0;
}

/* End a transaction the caller began itself: commit after success (rc 0),
 * roll back after a failure keeping its error. Returns rc, or the commit's
 * error. */
static int end_own_tx(store *s, int rc, dy_err *err)
{
    if (!rc)
        return store_commit(s, err);
    dy_err keep = *err;
    store_rollback(s, NULL);
    *err = keep;
    return rc;
}

/* Replace the stored document id (found with another hash or dictionary
 * version) by doc: its sentences and events deleted (bulk rows of it still
 * buffered are flushed first), its row updated, its new rows added.
 * Returns 0 or a negative status (err filled). */
static int put_changed(store *s, long long id, const txt_doc *doc, const txt_analysis *an,
                       const code_event *ev, size_t nev, size_t ndflt, const code_cameo *cam,
                       const char *dict_version, const char *hash, const char *date,
                       int has_date, dy_err *err)
{
    int rc;
    store_param meta[9] = {P_S(hash),         P_S(has_date ? date : NULL),
                           P_I(has_date ? doc->date.prec : 0),
                           P_S(doc->title),   P_S(doc->url),
                           P_S(doc->source),  P_S(doc->text),
                           P_S(dict_version), P_I(id)};
    store_param idp[1] = {P_I(id)};
    int waiting = 0;
    for (size_t i = 0; i < s->npending; i++)
        waiting |= s->pending[i] == id;
    if (waiting) {
        if ((rc = s->ops->bulk_flush(s, err)))
            return rc;
        s->npending = 0;
    }
    if ((rc = s->ops->query(s, "DELETE FROM events WHERE doc_id = ?", idp, 1, NULL, NULL,
                            err)) ||
        (rc = s->ops->query(s, "DELETE FROM sentences WHERE doc_id = ?", idp, 1, NULL, NULL,
                            err)) ||
        (rc = s->ops->query(s,
                            "UPDATE documents SET hash = ?, date = ?, date_prec = ?, "
                            "title = ?, url = ?, source = ?, text = ?, dict_version = ? "
                            "WHERE id = ?",
                            meta, 9, NULL, NULL, err)))
        return rc;
    if ((rc = add_pending(s, id, err)))
        return rc;
    return put_rows(s, id, doc, an, ev, nev, ndflt, cam, dict_version, err);
}

static int put_document_tx(store *s, const txt_doc *doc, const txt_analysis *an,
                           const code_event *ev, size_t nev, size_t ndflt, const code_cameo *cam,
                           const char *dict_version, int *status, dy_err *err)
{
    char date[11], hash[24];
    int has_date;
    doc_hash(doc, hash, date, &has_date);

    doc_row d = {0};
    int rc = s->ops->query(s, "SELECT id, hash, dict_version FROM documents WHERE doc = ?",
                           (store_param[]){P_S(doc->id)}, 1, row_doc, &d, err);
    if (rc)
        return rc;
    if (d.found && strcmp(d.hash, hash) == 0 && d.has_dictv && dict_version &&
        strcmp(d.dictv, dict_version) == 0) {
        *status = STORE_DOC_SAME;
        return 0;
    }
    if (d.found) {
        *status = STORE_DOC_CHANGED;
        return put_changed(s, d.id, doc, an, ev, nev, ndflt, cam, dict_version, hash, date,
                           has_date, err);
    }
    *status = STORE_DOC_NEW;
    store_param ins[9] = {P_S(doc->id),
                          P_S(hash),
                          P_S(has_date ? date : NULL),
                          P_I(has_date ? doc->date.prec : 0),
                          P_S(doc->title),
                          P_S(doc->url),
                          P_S(doc->source),
                          P_S(doc->text),
                          P_S(dict_version)};
    /* ON CONFLICT: another process may have stored the same id since the
     * SELECT (PostgreSQL; SQLite writers are serialised); then no row comes
     * back and the document is taken as that process stored it. */
    d.id = 0;
    rc = s->ops->query(s,
                       "INSERT INTO documents (doc, hash, date, date_prec, title, url, "
                       "source, text, dict_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (doc) DO NOTHING RETURNING id",
                       ins, 9, row_first_long, &d.id, err);
    if (rc)
        return rc;
    if (d.id == 0)
        return put_document_tx(s, doc, an, ev, nev, ndflt, cam, dict_version, status, err);
    if ((rc = add_pending(s, d.id, err)))
        return rc;
    return put_rows(s, d.id, doc, an, ev, nev, ndflt, cam, dict_version, err);
}

int store_put_document(store *s, const txt_doc *doc, const txt_analysis *an,
                       const code_event *ev, size_t nev, size_t ndflt, const code_cameo *cam,
                       const char *dict_version, int *status, dy_err *err)
{
    if (!s->writable)
        return dy_err_set(err, DY_EINVAL, s->where, 0, -1, "store opened read-only");
    int own = !s->in_tx, rc;
    if (own && (rc = store_begin(s, err)))
        return rc;
    rc = put_document_tx(s, doc, an, ev, nev, ndflt, cam, dict_version, status, err);
    return own ? end_own_tx(s, rc, err) : rc;
}

/* ---- batched ingest ------------------------------------------------------ */

/* Documents per statement of the batched path: 9 parameters each, under
 * the 999 that every SQLite build accepts. */
enum { PUT_CHUNK = 100 };

/* A batch's document, by id (sorted for lookups of returned rows). */
typedef struct put_slot {
    const char *id;
    size_t i;                /* index in the batch */
} put_slot;

enum { PUT_TODO = 0, PUT_FOUND, PUT_INSERT, PUT_ONE };

typedef struct put_state {
    put_slot *by_id;         /* first occurrences, sorted by id */
    size_t nby;
    int *what;               /* per document: PUT_* */
    long long *id;           /* stored id (found or inserted), 0 none */
    char (*hash)[24];
    char (*date)[11];
    int *has_date;
    int *same;               /* found with the same hash and dictionaries */
    const char *dict_version;
} put_state;

static int slot_cmp(const void *a, const void *b)
{
    const put_slot *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The batch index of the first occurrence of id, or (size_t)-1. */
static size_t slot_find(const put_state *ps, const char *id)
{
    size_t lo = 0, hi = ps->nby;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ps->by_id[mid].id, id);
        if (c == 0)
            return ps->by_id[mid].i;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

/* Row of the lookup: doc, id, hash, dict_version. */
static int row_found(void *ud, const char *const *col, int ncol)
{
    put_state *ps = ud;
    if (ncol < 4 || !col[0])
        return 0;
    size_t i = slot_find(ps, col[0]);
    if (i == (size_t)-1)
        return 0;
    ps->what[i] = PUT_FOUND;
    ps->id[i] = col[1] ? strtoll(col[1], NULL, 10) : 0;
    ps->same[i] = col[2] && strcmp(col[2], ps->hash[i]) == 0 && col[3] && ps->dict_version &&
                  strcmp(col[3], ps->dict_version) == 0;
    return 0;
}

/* Row of the insert: id, doc. */
static int row_inserted(void *ud, const char *const *col, int ncol)
{
    put_state *ps = ud;
    if (ncol < 2 || !col[0] || !col[1])
        return 0;
    size_t i = slot_find(ps, col[1]);
    if (i != (size_t)-1)
        ps->id[i] = strtoll(col[0], NULL, 10);
    return 0;
}

/* Look the batch's first occurrences up, PUT_CHUNK ids per statement.
 * Returns 0 or a negative status. */
static int put_lookup(store *s, put_state *ps, dy_buf *sql, store_param *p, dy_err *err)
{
    for (size_t k = 0; k < ps->nby; k += PUT_CHUNK) {
        size_t m = ps->nby - k < PUT_CHUNK ? ps->nby - k : PUT_CHUNK;
        dy_buf_reset(sql);
        dy_buf_adds(sql, "SELECT doc, id, hash, dict_version FROM documents WHERE doc IN (");
        for (size_t j = 0; j < m; j++) {
            dy_buf_adds(sql, j ? ", ?" : "?");
            p[j] = P_S(ps->by_id[k + j].id);
        }
        dy_buf_addc(sql, ')');
        if (sql->oom)
            return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
        int rc = s->ops->query(s, sql->data, p, (int)m, row_found, ps, err);
        if (rc)
            return rc;
    }
    return 0;
}

/* Insert the documents marked PUT_INSERT, PUT_CHUNK per statement, in
 * batch order; ps->id gets the ids of those inserted (0 for one another
 * process stored in the meantime). Returns 0 or a negative status. */
static int put_insert(store *s, const store_doc_in *in, size_t n, put_state *ps, dy_buf *sql,
                      store_param *p, dy_err *err)
{
    size_t i = 0;
    while (i < n) {
        size_t m = 0;
        int np = 0;
        dy_buf_reset(sql);
        dy_buf_adds(sql, "INSERT INTO documents (doc, hash, date, date_prec, title, url, "
                         "source, text, dict_version) VALUES ");
        for (; i < n && m < PUT_CHUNK; i++) {
            if (ps->what[i] != PUT_INSERT)
                continue;
            const txt_doc *doc = in[i].doc;
            int hd = ps->has_date[i];
            dy_buf_adds(sql, m++ ? ", (?, ?, ?, ?, ?, ?, ?, ?, ?)" : "(?, ?, ?, ?, ?, ?, ?, ?, ?)");
            p[np++] = P_S(doc->id);
            p[np++] = P_S(ps->hash[i]);
            p[np++] = P_S(hd ? ps->date[i] : NULL);
            p[np++] = P_I(hd ? doc->date.prec : 0);
            p[np++] = P_S(doc->title);
            p[np++] = P_S(doc->url);
            p[np++] = P_S(doc->source);
            p[np++] = P_S(doc->text);
            p[np++] = P_S(ps->dict_version);
        }
        if (m == 0)
            break;
        /* ON CONFLICT: another process may have stored one of these ids
         * since the lookup (PostgreSQL waits for its transaction, then
         * skips the row); that document goes the one-by-one way. */
        dy_buf_adds(sql, " ON CONFLICT (doc) DO NOTHING RETURNING id, doc");
        if (sql->oom)
            return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
        int rc = s->ops->query(s, sql->data, p, np, row_inserted, ps, err);
        if (rc)
            return rc;
    }
    return 0;
}

/* Contract: see store.h. */
int store_put_documents(store *s, const store_doc_in *in, size_t n, const code_cameo *cam,
                        const char *dict_version, int *status, dy_err *err)
{
    if (!s->writable)
        return dy_err_set(err, DY_EINVAL, s->where, 0, -1, "store opened read-only");
    if (n == 0)
        return 0;
    int own = !s->in_tx, rc = 0;
    if (own && (rc = store_begin(s, err)))
        return rc;
    put_state ps = {.dict_version = dict_version};
    dy_buf sql = {0};
    store_param *p = dy_calloc(PUT_CHUNK * 9, sizeof *p);
    ps.by_id = dy_calloc(n, sizeof *ps.by_id);
    ps.what = dy_calloc(n, sizeof *ps.what);
    ps.id = dy_calloc(n, sizeof *ps.id);
    ps.hash = dy_calloc(n, sizeof *ps.hash);
    ps.date = dy_calloc(n, sizeof *ps.date);
    ps.has_date = dy_calloc(n, sizeof *ps.has_date);
    ps.same = dy_calloc(n, sizeof *ps.same);
    if (!p || !ps.by_id || !ps.what || !ps.id || !ps.hash || !ps.date || !ps.has_date ||
        !ps.same) {
        rc = dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        doc_hash(in[i].doc, ps.hash[i], ps.date[i], &ps.has_date[i]);
        ps.by_id[i] = (put_slot){in[i].doc->id, i};
    }
    /* A document whose id came earlier in the batch is put on its own
     * after it, as if the batch were stored one document at a time. */
    qsort(ps.by_id, n, sizeof *ps.by_id, slot_cmp);
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && strcmp(ps.by_id[k].id, ps.by_id[k - 1].id) == 0)
            ps.what[ps.by_id[k].i] = PUT_ONE;
        else
            ps.by_id[ps.nby++] = ps.by_id[k];
    }
    if ((rc = put_lookup(s, &ps, &sql, p, err)))
        goto out;
    for (size_t i = 0; i < n; i++)
        if (ps.what[i] == PUT_TODO)
            ps.what[i] = PUT_INSERT;
    if ((rc = put_insert(s, in, n, &ps, &sql, p, err)))
        goto out;
    /* Rows in batch order, as one document at a time would add them. */
    for (size_t i = 0; !rc && i < n; i++) {
        const store_doc_in *d = &in[i];
        if (ps.what[i] == PUT_FOUND && ps.same[i]) {
            status[i] = STORE_DOC_SAME;
        } else if (ps.what[i] == PUT_FOUND) {
            status[i] = STORE_DOC_CHANGED;
            rc = put_changed(s, ps.id[i], d->doc, d->an, d->ev, d->nev, d->ndflt, cam,
                             dict_version, ps.hash[i], ps.date[i], ps.has_date[i], err);
        } else if (ps.what[i] == PUT_INSERT && ps.id[i] > 0) {
            status[i] = STORE_DOC_NEW;
            if (!(rc = add_pending(s, ps.id[i], err)))
                rc = put_rows(s, ps.id[i], d->doc, d->an, d->ev, d->nev, d->ndflt, cam,
                              dict_version, err);
        } else {
            rc = put_document_tx(s, d->doc, d->an, d->ev, d->nev, d->ndflt, cam, dict_version,
                                 &status[i], err);
        }
    }
out:
    dy_free(p);
    dy_free(ps.by_id);
    dy_free(ps.what);
    dy_free(ps.id);
    dy_free(ps.hash);
    dy_free(ps.date);
    dy_free(ps.has_date);
    dy_free(ps.same);
    dy_buf_free(&sql);
    return own ? end_own_tx(s, rc, err) : rc;
}

int store_retryable(const store *s) { return s->busy || s->conflict; }

/* ---- queries ------------------------------------------------------------ */

enum { MAX_PARAMS = 96 };

typedef struct qb {
    dy_buf sql;
    store_param p[MAX_PARAMS];
    int np;
    char strs[MAX_PARAMS][40]; /* storage for derived string parameters */
    int nstr;
    int overflow;
} qb;

static void qb_param(qb *q, store_param p)
{
    if (q->np == MAX_PARAMS) {
        q->overflow = 1;
        return;
    }
    q->p[q->np++] = p;
}

static const char *qb_str(qb *q, const char *s, size_t n)
{
    if (q->nstr == MAX_PARAMS || n >= sizeof q->strs[0]) {
        q->overflow = 1;
        return "";
    }
    char *d = q->strs[q->nstr++];
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* (col starts with prefix): an equality on the country column when the
 * prefix determines the country (so an index serves it), and a range. */
static void qb_prefix(qb *q, const char *col, const char *ccol, const char *prefix)
{
    size_t n = strlen(prefix);
    size_t k = dy_actor_org_prefix(prefix) ? 6 : 3;
    dy_buf_addc(&q->sql, '(');
    if (n >= k) {
        dy_buf_printf(&q->sql, "%s = ? AND ", ccol);
        qb_param(q, P_S(qb_str(q, prefix, k)));
    }
    if (n == 0) {
        dy_buf_adds(&q->sql, "1 = 1)");
        return;
    }
    char hi[40];
    if (n >= sizeof hi) {
        q->overflow = 1;
        n = sizeof hi - 1;
    }
    memcpy(hi, prefix, n);
    hi[n - 1] = (char)(hi[n - 1] + 1);
    dy_buf_printf(&q->sql, "%s >= ? AND %s < ?)", col, col);
    qb_param(q, P_S(prefix));
    qb_param(q, P_S(qb_str(q, hi, n)));
}

/* col IN (?, ?, ...) over a comma list. */
static void qb_in(qb *q, const char *col, const char *list)
{
    dy_buf_printf(&q->sql, " AND %s IN (", col);
    const char *p = list;
    int first = 1;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n) {
            if (!first)
                dy_buf_addc(&q->sql, ',');
            dy_buf_addc(&q->sql, '?');
            qb_param(q, P_S(qb_str(q, p, n)));
            first = 0;
        }
        p += n + (e ? 1 : 0);
    }
    if (first)
        dy_buf_adds(&q->sql, "NULL");
    dy_buf_addc(&q->sql, ')');
}

/* The place filters: --country (the place's country) and --near (a box
 * around the point that holds the circle; the exact distance is checked
 * on each row, near_keep). */
static void qb_where_geo(qb *q, const store_filter *f)
{
    static char box[4][32]; /* parameters are borrowed until the query ran */
    if (f->country && *f->country) {
        dy_buf_adds(&q->sql, " AND e.geo_country = ?");
        qb_param(q, P_S(f->country));
    }
    if (f->near_km > 0) {
        double dlat = f->near_km / 111.0, c = cos(f->near_lat * 3.14159265358979 / 180.0);
        double dlon = c > 0.01 ? f->near_km / (111.32 * c) : 360.0;
        snprintf(box[0], sizeof box[0], "%.6f", f->near_lat - dlat);
        snprintf(box[1], sizeof box[1], "%.6f", f->near_lat + dlat);
        dy_buf_adds(&q->sql, " AND e.geo_lat BETWEEN ? AND ?");
        qb_param(q, P_S(box[0]));
        qb_param(q, P_S(box[1]));
        if (dlon < 180.0 && f->near_lon - dlon >= -180.0 && f->near_lon + dlon <= 180.0) {
            snprintf(box[2], sizeof box[2], "%.6f", f->near_lon - dlon);
            snprintf(box[3], sizeof box[3], "%.6f", f->near_lon + dlon);
            dy_buf_adds(&q->sql, " AND e.geo_lon BETWEEN ? AND ?");
            qb_param(q, P_S(box[2]));
            qb_param(q, P_S(box[3]));
        }
    }
}

static void qb_where(qb *q, const store_filter *f)
{
    dy_buf_adds(&q->sql, " WHERE 1 = 1");
    if (f->actor && *f->actor) {
        dy_buf_adds(&q->sql, " AND (");
        qb_prefix(q, "e.source", "e.scountry", f->actor);
        dy_buf_adds(&q->sql, " OR ");
        qb_prefix(q, "e.target", "e.tcountry", f->actor);
        dy_buf_addc(&q->sql, ')');
    }
    if (f->dyad[0] && f->dyad[1]) {
        dy_buf_adds(&q->sql, " AND ((");
        qb_prefix(q, "e.source", "e.scountry", f->dyad[0]);
        dy_buf_adds(&q->sql, " AND ");
        qb_prefix(q, "e.target", "e.tcountry", f->dyad[1]);
        dy_buf_adds(&q->sql, ") OR (");
        qb_prefix(q, "e.source", "e.scountry", f->dyad[1]);
        dy_buf_adds(&q->sql, " AND ");
        qb_prefix(q, "e.target", "e.tcountry", f->dyad[0]);
        dy_buf_adds(&q->sql, "))");
    }
    if (f->doc) {
        dy_buf_adds(&q->sql, " AND e.doc_id = (SELECT id FROM documents WHERE doc = ?)");
        qb_param(q, P_S(f->doc));
    }
    if (f->from.prec != TXT_PREC_NONE) {
        dy_buf_adds(&q->sql, " AND e.dkey >= ?");
        qb_param(q, P_I(date_key(&f->from)));
    }
    if (f->to.prec != TXT_PREC_NONE) {
        dy_buf_adds(&q->sql, " AND e.dkey < ?");
        qb_param(q, P_I(date_key_after(&f->to)));
    }
    if (f->roots && *f->roots)
        qb_in(q, "e.root", f->roots);
    if (f->codes && *f->codes)
        qb_in(q, "e.code", f->codes);
    if (f->quad >= 1 && f->quad <= 4) {
        dy_buf_adds(&q->sql, " AND e.quad = ?");
        qb_param(q, P_I(f->quad));
    }
    if (!f->modalities)
        dy_buf_adds(&q->sql, " AND e.dflt = 1");
    else if (strcmp(f->modalities, "all") != 0)
        qb_in(q, "e.modality", f->modalities);
    qb_where_geo(q, f);
}

static void qb_limit(qb *q, const store_filter *f)
{
    if (f->limit > 0 || f->offset > 0) {
        dy_buf_adds(&q->sql, " LIMIT ? OFFSET ?");
        qb_param(q, P_I(f->limit > 0 ? f->limit : (1LL << 62)));
        qb_param(q, P_I(f->offset > 0 ? f->offset : 0));
    }
}

static int qb_check(qb *q, dy_err *err)
{
    if (q->sql.oom)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    if (q->overflow)
        return dy_err_set(err, DY_ELIMIT, NULL, 0, -1,
                          "query too large (too many list items or a code over 39 bytes)");
    return 0;
}

typedef struct ev_ctx {
    store_event_fn fn;
    void *ud;
    int dedup;
    const store_filter *f;   /* with near_km: distance, offset and limit here */
    long skip, left;
} ev_ctx;

/* Returned by the row callback when --near's limit is reached. */
enum { NEAR_DONE = 0x4e454152 };

static int32_t col_i32(const char *s) { return s ? (int32_t)strtol(s, NULL, 10) : -1; }


/* A dictionary reference as shown: earlier versions stored the absolute
 * path of the file ("/home/x/dyad/data/verbs/04.txt:12"); it is shown from
 * its dictionary folder on ("verbs/04.txt:12"), else as the file name, so
 * that no answer reveals a path of the machine that coded it. */
static const char *rel_ref(const char *r)
{
    if (!r || r[0] != '/')
        return r;
    static const char *const dirs[] = {"/actors/", "/verbs/", "/coder/"};
    const char *best = NULL;
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        for (const char *k = r; (k = strstr(k, dirs[i])) != NULL; k++)
            if (!best || k > best)
                best = k;
    if (best)
        return best + 1;
    const char *slash = strrchr(r, '/');
    return slash + 1;
}
static int row_event(void *ud, const char *const *c, int ncol)
{
    ev_ctx *x = ud;
    store_event e = {0};
    e.id = c[0] ? strtoll(c[0], NULL, 10) : 0;
    e.doc = c[1];
    e.sent = c[2] ? atoi(c[2]) : 0;
    e.date = c[3];
    e.source = c[4] ? c[4] : "";
    e.target = c[5] ? c[5] : "";
    e.code = c[6] ? c[6] : "";
    e.root = c[7] ? c[7] : "";
    e.quad = c[8] ? atoi(c[8]) : 0;
    e.goldstein = c[9] ? strtod(c[9], NULL) : 0;
    e.modality = c[10];
    e.text = c[11] ? c[11] : "";
    e.src[0] = col_i32(c[12]);
    e.src[1] = col_i32(c[13]);
    e.verb[0] = col_i32(c[14]);
    e.verb[1] = col_i32(c[15]);
    e.tgt[0] = col_i32(c[16]);
    e.tgt[1] = col_i32(c[17]);
    e.pattern = rel_ref(c[18]);
    e.source_entry = rel_ref(c[19]);
    e.target_entry = rel_ref(c[20]);
    e.url = c[21];
    e.dict_version = c[22];
    e.has_quad = c[8] != NULL;
    e.support = x->dedup && ncol > 23 && c[23] ? strtol(c[23], NULL, 10) : 1;
    int g = 23 + (x->dedup ? 3 : 0);
    e.mentions = e.outlets = e.support;
    if (x->dedup && ncol > 25) {
        e.mentions = c[24] ? strtol(c[24], NULL, 10) : e.support;
        e.outlets = c[25] ? strtol(c[25], NULL, 10) : e.support;
    }
    if (ncol >= g + 9) {
        e.geo_name = c[g];
        e.geo_country = c[g + 1];
        e.geo_lat = c[g + 2] ? strtod(c[g + 2], NULL) : 0;
        e.geo_lon = c[g + 3] ? strtod(c[g + 3], NULL) : 0;
        e.geo_prec = c[g + 2] && c[g + 3] ? c[g + 4] : NULL;
        e.geo_src = c[g + 5];
        e.doc_source = c[g + 6];
        e.doc_date = c[g + 7];
        e.sent_start = c[g + 8] ? strtol(c[g + 8], NULL, 10) : -1;
    }
    if (x->f && x->f->near_km > 0) {
        if (!e.geo_prec || code_geo_km(x->f->near_lat, x->f->near_lon, e.geo_lat, e.geo_lon) >
                               x->f->near_km)
            return 0;
        if (x->skip > 0) {
            x->skip--;
            return 0;
        }
        if (x->left == 0)
            return NEAR_DONE;
        if (x->left > 0)
            x->left--;
    }
    return x->fn(x->ud, &e);
}

int store_query_events(store *s, const store_filter *f, store_event_fn fn, void *ud,
                       dy_err *err)
{
    static const store_filter none = {0};
    if (!f)
        f = &none;
    qb q = {0};
    const char *sent_text = s->ops->name[0] == 's'
                                ? "substr(CAST(d.text AS BLOB), s.bstart + 1, s.bend - s.bstart)"
                                : "convert_from(substring(convert_to(d.text, 'UTF8') FROM "
                                  "s.bstart + 1 FOR s.bend - s.bstart), 'UTF8')";
    dy_buf_printf(&q.sql,
                  "SELECT e.id, d.doc, e.sent, e.date, e.source, e.target, e.code, e.root, "
                  "e.quad, e.goldstein, e.modality, %s, e.src_start, e.src_end, "
                  "e.verb_start, e.verb_end, e.tgt_start, e.tgt_end, e.pattern, "
                  "e.source_entry, e.target_entry, d.url, e.dict_version%s, e.geo_name, "
                  "e.geo_country, e.geo_lat, e.geo_lon, e.geo_prec, e.geo_src, d.source, "
                  "d.date, s.bstart FROM ",
                  sent_text, f->dedup ? ", g.support, g.mentions, g.outlets" : "");
    if (f->dedup) {
        /* outlets: the documents' sources (the site or agency), a
         * document without one counting as its own */
        dy_buf_adds(&q.sql, "(SELECT min(e.id) AS id, count(DISTINCT e.doc_id) AS support, "
                            "count(*) AS mentions, count(DISTINCT coalesce(od.source, od.doc)) "
                            "AS outlets FROM events e JOIN documents od ON od.id = e.doc_id");
        qb_where(&q, f);
        dy_buf_adds(&q.sql, " GROUP BY e.date, e.source, e.target, e.code) g "
                            "JOIN events e ON e.id = g.id");
    } else {
        dy_buf_adds(&q.sql, "events e");
    }
    dy_buf_adds(&q.sql, " JOIN documents d ON d.id = e.doc_id LEFT JOIN sentences s ON "
                        "s.doc_id = e.doc_id AND s.idx = e.sent");
    if (!f->dedup)
        qb_where(&q, f);
    dy_buf_adds(&q.sql, " ORDER BY (e.dkey IS NULL), e.dkey, e.date, d.doc, e.sent, e.id");
    /* with --near, rows outside the circle are dropped after SQL: offset
     * and limit are counted on the rows kept */
    store_filter nolimit = *f;
    nolimit.limit = nolimit.offset = 0;
    qb_limit(&q, f->near_km > 0 ? &nolimit : f);
    int rc = qb_check(&q, err);
    ev_ctx x = {fn, ud, f->dedup, f, f->offset > 0 ? f->offset : 0, f->limit > 0 ? f->limit : -1};
    if (!rc)
        rc = s->ops->query(s, q.sql.data, q.p, q.np, row_event, &x, err);
    if (rc == NEAR_DONE)
        rc = 0;
    dy_buf_free(&q.sql);
    return rc;
}

/* store_aggregate streams the matching events in the order of the events_agg
 * index (dkey, then the dedup key), so that SQL neither groups nor sorts:
 * one event per dedup group is the first of each run of equal keys, and the
 * window key, a non-decreasing function of dkey, changes only between
 * windows. Rows arrive typed (no text round trips); actor codes are
 * interned to small integers, so that the cells of one window are keyed by
 * (source id, target id) in a hash table, written out in (source, target)
 * byte order when the window ends. */
typedef struct agg_cell {
    int sc, tc;              /* name ids */
    long events, quad[5], ngs;
    double goldstein;
} agg_cell;

enum { AGG_COLS = 10 };

typedef struct agg_ctx {
    store_agg_fn fn;
    void *ud;
    int window, level;
    long long skip, left;    /* offset still to skip; rows still allowed (-1: any) */
    int have_wk, oom, stop;
    long long wk;
    /* the previous event's dedup key (columns 1..9; text in prevtext) */
    int have_prev;
    store_val prev[AGG_COLS];
    size_t prevoff[AGG_COLS];
    dy_buf prevtext;         /* when they do not fit in prevfix */
    char prevfix[256];
    const char *prevp;       /* prevfix or prevtext.data */
    /* interned names (NUL-terminated copies), their hash table and their
     * ranks in byte order (valid for the first nranked names) */
    char **name;
    uint64_t *nhash;
    size_t nname, capname, nranked;
    int *nmslot;             /* name id + 1, 0 = empty; nmcap a power of two */
    size_t nmcap;
    int *rank;
    /* the current window's cells */
    agg_cell *cell;
    size_t ncell, capcell;
    int *slot;               /* cell index + 1 (hash of the ids) */
    size_t nslot;
    int *dense;              /* or, with few names, [sc * dcap + tc]: cell index + 1 */
    size_t dcap;
    int *order, *tmp, *cnt;  /* scratch for sorting on flush */
    size_t caporder, capcnt;
} agg_ctx;

static uint64_t agg_bytes_hash(const char *s, size_t n)
{
    uint64_t h = dy_fnv1a_more(DY_FNV_OFFSET ^ n, s, n);
    return h ^ (h >> 29);
}

/* Id of the name s (n bytes), interned when new; -1 when out of memory. */
static int agg_intern(agg_ctx *x, const char *s, size_t n)
{
    uint64_t h = agg_bytes_hash(s, n);
    size_t m = x->nmcap - 1;
    if (x->nmcap) {
        for (size_t i = (size_t)h & m; x->nmslot[i]; i = (i + 1) & m) {
            int k = x->nmslot[i] - 1;
            if (x->nhash[k] == h && memcmp(x->name[k], s, n) == 0 && x->name[k][n] == '\0')
                return k;
        }
    }
    if ((x->nname + 1) * 2 > x->nmcap) {
        size_t ns = x->nmcap ? x->nmcap * 2 : 256;
        int *t = dy_calloc(ns, sizeof *t);
        if (!t)
            return -1;
        for (size_t k = 0; k < x->nname; k++) {
            size_t i = (size_t)x->nhash[k] & (ns - 1);
            while (t[i])
                i = (i + 1) & (ns - 1);
            t[i] = (int)k + 1;
        }
        dy_free(x->nmslot);
        x->nmslot = t;
        x->nmcap = ns;
    }
    if (x->nname == x->capname) {
        size_t cap = x->capname ? x->capname * 2 : 256;
        char **nn = dy_reallocarray(x->name, cap, sizeof *nn);
        if (!nn)
            return -1;
        x->name = nn;
        uint64_t *nh = dy_reallocarray(x->nhash, cap, sizeof *nh);
        if (!nh)
            return -1;
        x->nhash = nh;
        x->capname = cap;
    }
    char *c = dy_malloc(n + 1);
    if (!c)
        return -1;
    memcpy(c, s, n);
    c[n] = '\0';
    size_t i = (size_t)h & (x->nmcap - 1);
    while (x->nmslot[i])
        i = (i + 1) & (x->nmcap - 1);
    x->nmslot[i] = (int)x->nname + 1;
    x->name[x->nname] = c;
    x->nhash[x->nname] = h;
    return (int)x->nname++;
}

typedef int (*agg_cmp_fn)(const agg_ctx *x, int a, int b);

static int agg_name_cmp(const agg_ctx *x, int a, int b) { return strcmp(x->name[a], x->name[b]); }

static int agg_cell_cmp(const agg_ctx *x, int a, int b)
{
    const agg_cell *p = &x->cell[a], *q = &x->cell[b];
    int r = x->rank[p->sc] - x->rank[q->sc];
    return r ? r : x->rank[p->tc] - x->rank[q->tc];
}

/* Stable bottom-up merge sort of v[n] (tmp: n ints of scratch) with a
 * comparator that takes the context (qsort has none; the store may be used
 * by several threads, each with its own handle). */
static void agg_msort(const agg_ctx *x, int *v, int *tmp, size_t n, agg_cmp_fn cmp)
{
    int *a = v, *b = tmp;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                b[k++] = cmp(x, a[j], a[i]) < 0 ? a[j++] : a[i++];
            while (i < mid)
                b[k++] = a[i++];
            while (j < hi)
                b[k++] = a[j++];
        }
        int *t = a;
        a = b;
        b = t;
    }
    if (a != v)
        memcpy(v, a, n * sizeof *v);
}

/* Ranks of the names in byte order (strcmp), after new names arrived. */
static int agg_rank(agg_ctx *x)
{
    if (x->nranked == x->nname)
        return 0;
    int *r = dy_reallocarray(x->rank, x->nname, sizeof *r);
    if (!r)
        return -1;
    x->rank = r;
    int *ids = dy_calloc(2 * x->nname, sizeof *ids);
    if (!ids)
        return -1;
    for (size_t i = 0; i < x->nname; i++)
        ids[i] = (int)i;
    agg_msort(x, ids, ids + x->nname, x->nname, agg_name_cmp);
    for (size_t i = 0; i < x->nname; i++)
        x->rank[ids[i]] = (int)i;
    dy_free(ids);
    x->nranked = x->nname;
    return 0;
}

/* Sort the cell indices in x->order by (source rank, target rank): two
 * stable counting passes when the names are few, else qsort. */
static int agg_sort(agg_ctx *x, size_t n)
{
    size_t nn = x->nname;
    if (nn > 4 * n + 4096) {
        agg_msort(x, x->order, x->tmp, n, agg_cell_cmp);
        return 0;
    }
    if (nn + 1 > x->capcnt) {
        int *c = dy_reallocarray(x->cnt, nn + 1, sizeof *c);
        if (!c)
            return -1;
        x->cnt = c;
        x->capcnt = nn + 1;
    }
    for (int pass = 0; pass < 2; pass++) {
        int *in = pass ? x->tmp : x->order, *out = pass ? x->order : x->tmp;
        memset(x->cnt, 0, (nn + 1) * sizeof *x->cnt);
        for (size_t i = 0; i < n; i++) {
            const agg_cell *c = &x->cell[in[i]];
            x->cnt[x->rank[pass ? c->sc : c->tc] + 1]++;
        }
        for (size_t r = 0; r < nn; r++)
            x->cnt[r + 1] += x->cnt[r];
        for (size_t i = 0; i < n; i++) {
            const agg_cell *c = &x->cell[in[i]];
            out[x->cnt[x->rank[pass ? c->sc : c->tc]]++] = in[i];
        }
    }
    return 0;
}

/* g rounded to fifteen significant digits, as strtod(printf("%.15g")) but
 * without formatting when the rounding is certain: g * 10^k (k chosen for
 * 15 digits) is computed with an error below 1/16, so when it lies within
 * 0.4 of an integer N that integer is the correctly rounded digit string,
 * and N / 10^k (both exact) is the double nearest to it, as strtod gives. */
static double agg_round15(double g)
{
    static const double p10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    double a = g < 0 ? -g : g;
    if (a >= 1e-7 && a < 1e14) {
        int e = 0; /* a in [10^e, 10^(e+1)) roughly; checked below */
        if (a >= 1) {
            while (e < 14 && a >= p10[e + 1])
                e++;
        } else {
            while (e > -8 && a * p10[-e] < 1)
                e--;
        }
        int k = 14 - e;
        if (k >= 0 && k <= 22) {
            double p = a * p10[k];
            if (p >= 1e14 + 1 && p <= 1e15 - 1) {
                double nr = (double)(long long)(p + 0.5);
                double d = p - nr;
                if (d <= 0.4 && d >= -0.4) {
                    double r = nr / p10[k];
                    return g < 0 ? -r : r;
                }
            }
        }
    }
    char b[40];
    snprintf(b, sizeof b, "%.15g", g);
    return strtod(b, NULL);
}

/* Write out the cells of the current window in (source, target) order and
 * empty the table. Returns fn's non-zero value, or 0. */
static int agg_flush(agg_ctx *x)
{
    size_t n = x->ncell;
    if (!n)
        return 0;
    if (n > x->caporder) {
        int *o = dy_reallocarray(x->order, n, sizeof *o);
        if (o)
            x->order = o;
        int *t = o ? dy_reallocarray(x->tmp, n, sizeof *t) : NULL;
        if (!t) {
            x->oom = 1;
            return -1;
        }
        x->tmp = t;
        x->caporder = n;
    }
    for (size_t i = 0; i < n; i++)
        x->order[i] = (int)i;
    if (agg_rank(x) || agg_sort(x, n)) {
        x->oom = 1;
        return -1;
    }
    char label[64] = "";
    long long k = x->wk;
    switch (x->window) {
    case STORE_WIN_YEAR: snprintf(label, sizeof label, "%04lld", k); break;
    case STORE_WIN_QUARTER: snprintf(label, sizeof label, "%04lld-Q%lld", k / 10, k % 10); break;
    case STORE_WIN_MONTH: snprintf(label, sizeof label, "%04lld-%02lld", k / 100, k % 100); break;
    default: break;
    }
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if (x->skip > 0) {
            x->skip--;
            continue;
        }
        if (x->left == 0) {
            x->stop = 1;
            rc = -1;
            break;
        }
        const agg_cell *c = &x->cell[x->order[i]];
        store_agg a = {0};
        a.window = label;
        a.source = x->name[c->sc];
        a.target = x->name[c->tc];
        a.events = c->events;
        memcpy(a.quad, c->quad, sizeof a.quad);
        /* Fifteen significant digits, as SQL sums used to arrive (and the
         * same on both backends whatever the order of the additions); a
         * single value came from such a text already. */
        a.goldstein = c->ngs > 1 ? agg_round15(c->goldstein) : c->goldstein;
        rc = x->fn(x->ud, &a);
        if (x->left > 0)
            x->left--;
    }
    if (x->dense)
        for (size_t i = 0; i < n; i++)
            x->dense[(size_t)x->cell[i].sc * x->dcap + (size_t)x->cell[i].tc] = 0;
    else if (x->slot)
        memset(x->slot, 0, x->nslot * sizeof *x->slot);
    x->ncell = 0;
    return rc;
}

/* Is row c another mention of the previous event (same columns 1..9)? */
static int agg_same(const agg_ctx *x, const store_val *c)
{
    if (!x->have_prev)
        return 0;
    /* most discriminating first: source, target, code, date */
    static const int ord[AGG_COLS - 1] = {2, 3, 4, 1, 5, 6, 7, 8, 9};
    for (int j = 0; j < AGG_COLS - 1; j++) {
        int i = ord[j];
        const store_val *a = &x->prev[i], *b = &c[i];
        if (a->type != b->type)
            return 0;
        switch (a->type) {
        case STORE_V_INT:
            if (a->i != b->i)
                return 0;
            break;
        case STORE_V_REAL:
            if (a->d != b->d)
                return 0;
            break;
        case STORE_V_TEXT:
            if (a->len != b->len)
                return 0;
            for (int k = 0; k < b->len; k++)
                if (x->prevp[x->prevoff[i] + (size_t)k] != b->s[k])
                    return 0;
            break;
        default: break;
        }
    }
    return 1;
}

/* Count the event of row c in cell. */
static void agg_count(agg_cell *cell, const store_val *c)
{
    cell->events++;
    if (c[5].type == STORE_V_INT && c[5].i >= 1 && c[5].i <= 4)
        cell->quad[c[5].i]++;
    if (c[6].type == STORE_V_REAL || c[6].type == STORE_V_INT) {
        cell->goldstein += c[6].type == STORE_V_REAL ? c[6].d : (double)c[6].i;
        cell->ngs++;
    }
}

/* Row: dkey, date, source, target, code, quad, goldstein, date_prec,
 * scountry, tcountry (the dedup key is every column but dkey). */
static int row_agg(void *ud, const store_val *c, int ncol)
{
    agg_ctx *x = ud;
    if (ncol < AGG_COLS)
        return 0;
    if (agg_same(x, c))
        return 0; /* another mention of the same event */
    size_t tot = 0;
    for (int i = 1; i < AGG_COLS; i++) {
        x->prev[i] = c[i];
        if (c[i].type == STORE_V_TEXT) {
            x->prevoff[i] = tot;
            tot += (size_t)c[i].len;
        }
    }
    if (tot > sizeof x->prevfix) {
        dy_buf_reset(&x->prevtext);
        for (int i = 1; i < AGG_COLS; i++)
            if (c[i].type == STORE_V_TEXT)
                dy_buf_add(&x->prevtext, c[i].s, (size_t)c[i].len);
        if (x->prevtext.oom) {
            x->oom = 1;
            return -1;
        }
        x->prevp = x->prevtext.data;
    } else {
        for (int i = 1; i < AGG_COLS; i++)
            if (c[i].type == STORE_V_TEXT)
                for (int k = 0; k < c[i].len; k++)
                    x->prevfix[x->prevoff[i] + (size_t)k] = c[i].s[k];
        x->prevp = x->prevfix;
    }
    x->have_prev = 1;

    long long wk = 0;
    if (c[0].type == STORE_V_INT) {
        long long d = c[0].i;
        /* A key outside years 1..9999 (written by earlier versions, which
         * did not check dates) names no window: left out like an undated
         * event, so that one bad row cannot break every windowed view. */
        if (x->window != STORE_WIN_ALL && (d < (long long)TXT_YEAR_MIN * 10000 + 101 ||
                                           d > (long long)TXT_YEAR_MAX * 10000 + 1231))
            return 0;
        switch (x->window) {
        case STORE_WIN_YEAR: wk = d / 10000; break;
        case STORE_WIN_QUARTER: wk = (d / 10000) * 10 + ((d / 100) % 100 - 1) / 3 + 1; break;
        case STORE_WIN_MONTH: wk = d / 100; break;
        default: break;
        }
    }
    if (x->have_wk && wk != x->wk) {
        int rc = agg_flush(x);
        if (rc)
            return rc;
    }
    x->have_wk = 1;
    x->wk = wk;
    const store_val *sv = &c[x->level == STORE_LEVEL_ACTOR ? 2 : 8];
    const store_val *tv = &c[x->level == STORE_LEVEL_ACTOR ? 3 : 9];
    int sc = agg_intern(x, sv->type == STORE_V_TEXT ? sv->s : "",
                        sv->type == STORE_V_TEXT ? (size_t)sv->len : 0);
    int tc = sc < 0 ? -1
                    : agg_intern(x, tv->type == STORE_V_TEXT ? tv->s : "",
                                 tv->type == STORE_V_TEXT ? (size_t)tv->len : 0);
    if (tc < 0) {
        x->oom = 1;
        return -1;
    }
    int *dslot = NULL;
    if ((size_t)sc < x->dcap && (size_t)tc < x->dcap) {
        dslot = &x->dense[(size_t)sc * x->dcap + (size_t)tc];
    } else if (x->nname <= 512 && !x->slot) {
        /* (re)build the dense index for up to 512 names */
        size_t dc = x->dcap ? x->dcap : 64;
        while (dc < x->nname)
            dc *= 2;
        int *t = dy_calloc(dc * dc, sizeof *t);
        if (!t) {
            x->oom = 1;
            return -1;
        }
        for (size_t k = 0; k < x->ncell; k++)
            t[(size_t)x->cell[k].sc * dc + (size_t)x->cell[k].tc] = (int)k + 1;
        dy_free(x->dense);
        x->dense = t;
        x->dcap = dc;
        dslot = &x->dense[(size_t)sc * dc + (size_t)tc];
    } else if (x->dense) {
        /* too many names: from now on the hash table, built below from the
         * window's cells so far (nslot 0 forces it) */
        dy_free(x->dense);
        x->dense = NULL;
        x->dcap = 0;
        x->nslot = 0;
    }
    if (dslot) {
        agg_cell *cell;
        if (*dslot) {
            cell = &x->cell[*dslot - 1];
        } else {
            if (x->ncell == x->capcell) {
                size_t cap = x->capcell ? x->capcell * 2 : 1024;
                agg_cell *nc = dy_reallocarray(x->cell, cap, sizeof *nc);
                if (!nc) {
                    x->oom = 1;
                    return -1;
                }
                x->cell = nc;
                x->capcell = cap;
            }
            cell = &x->cell[x->ncell];
            memset(cell, 0, sizeof *cell);
            cell->sc = sc;
            cell->tc = tc;
            *dslot = (int)++x->ncell;
        }
        agg_count(cell, c);
        return 0;
    }
    if ((x->ncell + 1) * 2 > x->nslot) {
        /* grow (or build, when leaving the dense index) from the cells */
        size_t ns = x->nslot ? x->nslot * 2 : 1024;
        while ((x->ncell + 1) * 2 > ns)
            ns *= 2;
        int *t = dy_calloc(ns, sizeof *t);
        if (!t) {
            x->oom = 1;
            return -1;
        }
        dy_free(x->slot);
        x->slot = t;
        x->nslot = ns;
        for (size_t k = 0; k < x->ncell; k++) {
            uint64_t h = ((uint64_t)(unsigned)x->cell[k].sc << 32 | (unsigned)x->cell[k].tc) *
                         0x9e3779b97f4a7c15ULL;
            size_t i = (size_t)(h >> 32) & (ns - 1);
            while (t[i])
                i = (i + 1) & (ns - 1);
            t[i] = (int)k + 1;
        }
    }
    uint64_t h = ((uint64_t)(unsigned)sc << 32 | (unsigned)tc) * 0x9e3779b97f4a7c15ULL;
    size_t m = x->nslot - 1, i = (size_t)(h >> 32) & m;
    agg_cell *cell = NULL;
    for (; x->slot[i]; i = (i + 1) & m) {
        agg_cell *e = &x->cell[x->slot[i] - 1];
        if (e->sc == sc && e->tc == tc) {
            cell = e;
            break;
        }
    }
    if (!cell) {
        if (x->ncell == x->capcell) {
            size_t cap = x->capcell ? x->capcell * 2 : 1024;
            agg_cell *nc = dy_reallocarray(x->cell, cap, sizeof *nc);
            if (!nc) {
                x->oom = 1;
                return -1;
            }
            x->cell = nc;
            x->capcell = cap;
        }
        cell = &x->cell[x->ncell];
        memset(cell, 0, sizeof *cell);
        cell->sc = sc;
        cell->tc = tc;
        x->slot[i] = (int)++x->ncell;
    }
    agg_count(cell, c);
    return 0;
}

int store_aggregate(store *s, const store_filter *f, int window, int level, store_agg_fn fn,
                    void *ud, dy_err *err)
{
    static const store_filter none = {0};
    if (!f)
        f = &none;
    const char *prec;
    switch (window) {
    case STORE_WIN_YEAR: prec = " AND e.date_prec IN (1, 2, 3)"; break;
    case STORE_WIN_QUARTER:
    case STORE_WIN_MONTH: prec = " AND e.date_prec IN (1, 2)"; break;
    default: prec = ""; break;
    }
    qb q = {0};
    dy_buf_adds(&q.sql, "SELECT e.dkey, e.date, e.source, e.target, e.code, e.quad, e.goldstein, "
                        "e.date_prec, e.scountry, e.tcountry FROM events e");
    qb_where(&q, f);
    /* The order of the events_agg index: no sort when it serves the query. */
    dy_buf_printf(&q.sql,
                  " AND e.target <> ''%s ORDER BY e.dkey, e.date, e.source, e.target, e.code, "
                  "e.quad, e.goldstein, e.date_prec, e.scountry, e.tcountry",
                  prec);
    int rc = qb_check(&q, err);
    agg_ctx x = {0};
    x.fn = fn;
    x.ud = ud;
    x.window = window;
    x.level = level;
    x.skip = f->offset > 0 ? f->offset : 0;
    x.left = f->limit > 0 ? f->limit : -1;
    if (!rc)
        rc = s->ops->query_typed(s, q.sql.data, q.p, q.np, row_agg, &x, err);
    if (!rc && !x.oom && !x.stop)
        rc = agg_flush(&x);
    if (x.oom)
        rc = dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    else if (x.stop)
        rc = 0;
    dy_buf_free(&q.sql);
    dy_buf_free(&x.prevtext);
    for (size_t i = 0; i < x.nname; i++)
        dy_free(x.name[i]);
    dy_free(x.name);
    dy_free(x.nhash);
    dy_free(x.nmslot);
    dy_free(x.rank);
    dy_free(x.cell);
    dy_free(x.slot);
    dy_free(x.dense);
    dy_free(x.order);
    dy_free(x.tmp);
    dy_free(x.cnt);
    return rc;
}

typedef struct doc_ctx {
    store_doc_fn fn;
    void *ud;
    int found, rc;
} doc_ctx;

static int row_document(void *ud, const char *const *c, int ncol)
{
    doc_ctx *x = ud;
    store_document d = {c[0], c[1], c[2], c[3], c[4], c[5] ? c[5] : "", c[6]};
    (void)ncol;
    x->found = 1;
    x->rc = x->fn(x->ud, &d);
    return 0;
}

int store_get_document(store *s, const char *id, store_doc_fn fn, void *ud, dy_err *err)
{
    doc_ctx x = {fn, ud, 0, 0};
    int rc = s->ops->query(s,
                           "SELECT doc, title, url, source, date, text, dict_version FROM "
                           "documents WHERE doc = ?",
                           (store_param[]){P_S(id)}, 1, row_document, &x, err);
    if (rc)
        return rc;
    return x.found ? 1 : 0;
}

typedef struct id_ctx {
    store_id_fn fn;
    void *ud;
} id_ctx;

static int row_id(void *ud, const char *const *c, int ncol)
{
    id_ctx *x = ud;
    (void)ncol;
    return x->fn(x->ud, c[0] ? c[0] : "");
}

int store_document_ids(store *s, const char *dict_version, store_id_fn fn, void *ud,
                       dy_err *err)
{
    id_ctx x = {fn, ud};
    if (dict_version)
        return s->ops->query(s,
                             "SELECT doc FROM documents WHERE dict_version IS NULL OR "
                             "dict_version <> ? ORDER BY id",
                             (store_param[]){P_S(dict_version)}, 1, row_id, &x, err);
    return s->ops->query(s, "SELECT doc FROM documents ORDER BY id", NULL, 0, row_id, &x, err);
}

int store_counts(store *s, long *docs, long *sents, long *events, dy_err *err)
{
    long long v[3] = {0, 0, 0};
    static const char *const sql[3] = {"SELECT count(*) FROM documents",
                                       "SELECT count(*) FROM sentences",
                                       "SELECT count(*) FROM events"};
    for (int i = 0; i < 3; i++) {
        int rc = s->ops->query(s, sql[i], NULL, 0, row_first_long, &v[i], err);
        if (rc)
            return rc;
    }
    if (docs)
        *docs = (long)v[0];
    if (sents)
        *sents = (long)v[1];
    if (events)
        *events = (long)v[2];
    return 0;
}

/* Row of min(date), max(date): the two values copied into out[2][11]. */
static int row_range(void *ud, const char *const *col, int ncol)
{
    char (*out)[11] = ud;
    for (int i = 0; i < 2 && i < ncol; i++)
        snprintf(out[i], 11, "%s", col[i] ? col[i] : "");
    return 0;
}

/* Contract: see store.h. */
int store_document_range(store *s, char first[static 11], char last[static 11], dy_err *err)
{
    char r[2][11] = {"", ""};
    int rc = s->ops->query(s, "SELECT min(date), max(date) FROM documents WHERE date IS NOT NULL "
                              "AND date <> ''",
                           NULL, 0, row_range, r, err);
    memcpy(first, r[0], 11);
    memcpy(last, r[1], 11);
    return rc;
}

/* ---- filter validation ---------------------------------------------------- */

/* An actor code or prefix: 1 to 31 capital letters and digits. */
static int filter_actor_ok(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9')) || n >= 31)
            return 0;
    return n > 0;
}

/* Is the item p[0..n) of a comma list valid? kind 'r': a CAMEO root (01 to
 * 20), 'c': a CAMEO code (a root then one or two digits), 'm': a modality. */
static int filter_item_ok(const char *p, size_t n, int kind)
{
    if (kind == 'm') {
        for (int m = CODE_MOD_ASSERTED; m <= CODE_MOD_ALLEGED; m++)
            if (strlen(code_modality_name(m)) == n && strncmp(code_modality_name(m), p, n) == 0)
                return 1;
        return 0;
    }
    if (n < 2 || n > (kind == 'r' ? 2u : 4u) || (kind == 'c' && n < 3))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return 0;
    int root = (p[0] - '0') * 10 + (p[1] - '0');
    return root >= 1 && root <= 20;
}

/* The first bad item of a comma list, or NULL; its length in *n. */
static const char *filter_bad_item(const char *list, int kind, size_t *n)
{
    const char *p = list;
    for (;;) {
        const char *e = strchr(p, ',');
        *n = e ? (size_t)(e - p) : strlen(p);
        if (!filter_item_ok(p, *n, kind))
            return p;
        if (!e)
            return NULL;
        p = e + 1;
    }
}

/* Contract: see store.h. */
int store_filter_check(const store_filter *f, dy_err *err)
{
    const char *who[3] = {f->actor, f->dyad[0], f->dyad[1]};
    for (int i = 0; i < 3; i++)
        if (who[i] && !filter_actor_ok(who[i]))
            return dy_err_set(err, DY_EINVAL, NULL, 0, -1,
                              "actor code '%s': expected capital letters and digits (RUS, "
                              "RUSGOV, IGOUNO)", who[i]);
    static const struct {
        int kind;
        const char *what;
    } lists[3] = {{'r', "CAMEO root (01 to 20)"}, {'c', "CAMEO code (010 to 204)"},
                  {'m', "modality (asserted, negated, future, hypothetical, alleged or all)"}};
    const char *vals[3] = {f->roots, f->codes, f->modalities};
    for (int i = 0; i < 3; i++) {
        size_t n;
        const char *bad = NULL;
        if (vals[i] && !(i == 2 && strcmp(vals[i], "all") == 0))
            bad = filter_bad_item(vals[i], lists[i].kind, &n);
        if (bad)
            return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "'%.*s' is not a %s", (int)n, bad,
                              lists[i].what);
    }
    if (f->quad < 0 || f->quad > 4)
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "quad class %d: expected 1 to 4", f->quad);
    if (f->from.prec != TXT_PREC_NONE && f->to.prec != TXT_PREC_NONE &&
        date_key(&f->from) >= date_key_after(&f->to))
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1,
                          "empty date range: from is after to (reversed?)");
    return 0;
}
