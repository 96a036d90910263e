/* store_sqlite.c - the SQLite backend: one file, WAL journal, prepared
 * statements kept for the life of the handle. */
#include "store/store_internal.h"
#include "core/actor_code.h"

#include "core/alloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

enum { CACHE = 24, MAX_COLS = 40 };

typedef struct cached {
    char *sql;
    sqlite3_stmt *st;
    unsigned long used;
} cached;

typedef struct sq {
    sqlite3 *db;
    cached cache[CACHE];
    unsigned long tick;
    sqlite3_stmt *bulk[STORE_BULK_TABLES];
} sq;

static const char *const ddl_v1[] = {
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE documents (id INTEGER PRIMARY KEY, doc TEXT NOT NULL UNIQUE, "
    "hash TEXT NOT NULL, date TEXT, date_prec INTEGER NOT NULL DEFAULT 0, title TEXT, "
    "url TEXT, source TEXT, text TEXT NOT NULL)",
    "CREATE TABLE sentences (doc_id INTEGER NOT NULL REFERENCES documents(id), "
    "idx INTEGER NOT NULL, bstart INTEGER NOT NULL, bend INTEGER NOT NULL, "
    "headline INTEGER NOT NULL DEFAULT 0, timex TEXT, PRIMARY KEY (doc_id, idx))",
    "CREATE TABLE events (id INTEGER PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES "
    "documents(id), sent INTEGER NOT NULL, date TEXT, date_prec INTEGER NOT NULL DEFAULT 0, "
    "dkey INTEGER, source TEXT NOT NULL, target TEXT NOT NULL, code TEXT NOT NULL, "
    "root TEXT NOT NULL, quad INTEGER, goldstein REAL, modality TEXT NOT NULL, "
    "src_start INTEGER, src_end INTEGER, verb_start INTEGER, verb_end INTEGER, "
    "tgt_start INTEGER, tgt_end INTEGER, pattern TEXT, source_entry TEXT, target_entry TEXT, "
    "dict_version TEXT)",
    "CREATE INDEX events_doc ON events (doc_id, sent)",
    "CREATE INDEX events_date ON events (dkey)",
    "CREATE INDEX events_code ON events (code, dkey)",
    "INSERT INTO meta (key, value) VALUES ('schema_version', '1')",
    NULL};

/* v2: country columns and the dyad index, per-document dictionary version,
 * the dedup view. */
static const char *const ddl_v2[] = {
    "ALTER TABLE documents ADD COLUMN dict_version TEXT",
    "ALTER TABLE events ADD COLUMN scountry TEXT",
    "ALTER TABLE events ADD COLUMN tcountry TEXT",
    /* the country part by the one rule (core/actor_code.h; v4 recomputes
     * it for stores migrated before NGM and MNC had six-letter parts) */
    "UPDATE events SET scountry = " DY_ACTOR_COUNTRY_SQL("source") ", tcountry = "
    DY_ACTOR_COUNTRY_SQL("target"),
    "UPDATE documents SET dict_version = (SELECT max(e.dict_version) FROM events e WHERE "
    "e.doc_id = documents.id)",
    "CREATE INDEX events_dyad ON events (scountry, tcountry, dkey)",
    "CREATE INDEX events_tdyad ON events (tcountry, dkey)",
    "CREATE VIEW events_dedup AS SELECT min(id) AS id, date, source, target, code, "
    "count(DISTINCT doc_id) AS support, count(*) AS mentions FROM events WHERE "
    "modality = 'asserted' GROUP BY date, source, target, code",
    "UPDATE meta SET value = '2' WHERE key = 'schema_version'",
    NULL};

/* v3: the aggregate index, in the order in which store_aggregate reads the
 * events (dkey, then the dedup key) and with every column it needs, so
 * that the aggregate is one scan of the index without sorting. */
static const char *const ddl_v3[] = {
    "CREATE INDEX events_agg ON events (dkey, date, source, target, code, quad, goldstein, "
    "date_prec, scountry, tcountry, modality)",
    "UPDATE meta SET value = '3' WHERE key = 'schema_version'",
    NULL};

/* v5: where each event took place (geolocation, docs/exports.md). */
static const char *const ddl_v5[] = {
    "ALTER TABLE events ADD COLUMN geo_name TEXT",
    "ALTER TABLE events ADD COLUMN geo_country TEXT",
    "ALTER TABLE events ADD COLUMN geo_lat REAL",
    "ALTER TABLE events ADD COLUMN geo_lon REAL",
    "ALTER TABLE events ADD COLUMN geo_prec TEXT",
    "ALTER TABLE events ADD COLUMN geo_src TEXT",
    "CREATE INDEX events_geo ON events (geo_country, dkey)",
    "CREATE INDEX events_latlon ON events (geo_lat, geo_lon)",
    "UPDATE meta SET value = '5' WHERE key = 'schema_version'",
    NULL};

static int sq_err(store *s, int code, dy_err *err)
{
    sq *q = s->impl;
    const char *m = q && q->db ? sqlite3_errmsg(q->db) : sqlite3_errstr(code);
    int pc = code & 0xff;
    if (pc == SQLITE_BUSY || pc == SQLITE_LOCKED) {
        s->busy = 1;
        return dy_err_set(err, DY_EIO, s->where, 0, -1,
                          "the store is locked by another process (%s)", m);
    }
    if (pc == SQLITE_READONLY)
        return dy_err_set(err, DY_EIO, s->where, 0, -1, "the store is read-only (%s)", m);
    if (pc == SQLITE_NOTADB || pc == SQLITE_CORRUPT)
        return dy_err_set(err, DY_EIO, s->where, 0, -1,
                          "not a dyad store or corrupt database (%s)", m);
    if (pc == SQLITE_NOMEM)
        return dy_err_set(err, DY_ENOMEM, s->where, 0, -1, "out of memory");
    if (pc == SQLITE_FULL || pc == SQLITE_IOERR || pc == SQLITE_CANTOPEN)
        return dy_err_set(err, DY_EIO, s->where, 0, -1, "%s", m);
    return dy_err_set(err, DY_EIO, s->where, 0, -1, "sqlite: %s", m);
}

static int sq_exec(store *s, const char *sql, dy_err *err)
{
    sq *q = s->impl;
    int rc = sqlite3_exec(q->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : sq_err(s, rc, err);
}

/* A prepared statement for sql, from the cache when possible. */
static int sq_prepare(store *s, const char *sql, sqlite3_stmt **out, dy_err *err)
{
    sq *q = s->impl;
    cached *victim = &q->cache[0];
    for (int i = 0; i < CACHE; i++) {
        cached *c = &q->cache[i];
        if (c->sql && strcmp(c->sql, sql) == 0) {
            c->used = ++q->tick;
            *out = c->st;
            return 0;
        }
        if (c->used < victim->used)
            victim = c;
    }
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (rc != SQLITE_OK)
        return sq_err(s, rc, err);
    char *copy = dy_strdup(sql);
    if (!copy) {
        sqlite3_finalize(st);
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    }
    sqlite3_finalize(victim->st);
    dy_free(victim->sql);
    *victim = (cached){copy, st, ++q->tick};
    *out = st;
    return 0;
}

static int sq_bind(store *s, sqlite3_stmt *st, const store_param *p, int np, dy_err *err)
{
    for (int i = 0; i < np; i++) {
        int rc;
        if (p[i].is_int)
            rc = sqlite3_bind_int64(st, i + 1, p[i].i);
        else if (p[i].s)
            rc = sqlite3_bind_text(st, i + 1, p[i].s, -1, SQLITE_STATIC);
        else
            rc = sqlite3_bind_null(st, i + 1);
        if (rc != SQLITE_OK)
            return sq_err(s, rc, err);
    }
    return 0;
}

static int sq_query(store *s, const char *sql, const store_param *p, int np, store_row_fn fn,
                    void *ud, dy_err *err)
{
    sq *q = s->impl;
    sqlite3_stmt *st = NULL;
    int rc = sq_prepare(s, sql, &st, err);
    if (rc)
        return rc;
    if ((rc = sq_bind(s, st, p, np, err))) {
        sqlite3_reset(st);
        return rc;
    }
    int ncol = sqlite3_column_count(st);
    if (ncol > MAX_COLS)
        ncol = MAX_COLS;
    const char *col[MAX_COLS];
    int out = 0;
    for (;;) {
        int r = sqlite3_step(st);
        if (r == SQLITE_DONE)
            break;
        if (r != SQLITE_ROW) {
            out = sq_err(s, r, err);
            break;
        }
        if (!fn)
            continue;
        for (int i = 0; i < ncol; i++)
            col[i] = sqlite3_column_type(st, i) == SQLITE_NULL
                         ? NULL
                         : (const char *)sqlite3_column_text(st, i);
        if ((out = fn(ud, col, ncol)))
            break;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    (void)q;
    return out;
}

/* The typed row path: numbers as numbers, text with its length. */
static int sq_query_typed(store *s, const char *sql, const store_param *p, int np,
                          store_trow_fn fn, void *ud, dy_err *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sq_prepare(s, sql, &st, err);
    if (rc)
        return rc;
    if ((rc = sq_bind(s, st, p, np, err))) {
        sqlite3_reset(st);
        return rc;
    }
    int ncol = sqlite3_column_count(st);
    if (ncol > MAX_COLS)
        ncol = MAX_COLS;
    store_val col[MAX_COLS];
    int out = 0;
    for (;;) {
        int r = sqlite3_step(st);
        if (r == SQLITE_DONE)
            break;
        if (r != SQLITE_ROW) {
            out = sq_err(s, r, err);
            break;
        }
        for (int i = 0; i < ncol; i++) {
            store_val *v = &col[i];
            /* the row's value itself: cheaper than the sqlite3_column_*
             * calls, each of which checks the statement again */
            sqlite3_value *sv = sqlite3_column_value(st, i);
            switch (sqlite3_value_type(sv)) {
            case SQLITE_NULL: v->type = STORE_V_NULL; break;
            case SQLITE_INTEGER:
                v->type = STORE_V_INT;
                v->i = sqlite3_value_int64(sv);
                break;
            case SQLITE_FLOAT:
                v->type = STORE_V_REAL;
                v->d = sqlite3_value_double(sv);
                break;
            default:
                v->type = STORE_V_TEXT;
                v->s = (const char *)sqlite3_value_text(sv);
                v->len = sqlite3_value_bytes(sv);
                if (!v->s) {
                    out = sq_err(s, SQLITE_NOMEM, err);
                    goto done;
                }
                break;
            }
        }
        if ((out = fn(ud, col, ncol)))
            break;
    }
done:
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return out;
}

static int sq_bulk_row(store *s, int table, const store_param *p, int np, dy_err *err)
{
    sq *q = s->impl;
    if (!q->bulk[table]) {
        char sql[1024];
        char marks[256] = "";
        for (int i = 0; i < store_bulk_ncolumns[table]; i++)
            strcat(marks, i ? ", ?" : "?");
        snprintf(sql, sizeof sql, "INSERT INTO %s (%s) VALUES (%s)",
                 table == STORE_BULK_SENTENCES ? "sentences" : "events",
                 store_bulk_columns[table], marks);
        int rc = sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &q->bulk[table],
                                    NULL);
        if (rc != SQLITE_OK)
            return sq_err(s, rc, err);
    }
    sqlite3_stmt *st = q->bulk[table];
    int rc = sq_bind(s, st, p, np, err);
    if (!rc) {
        int r = sqlite3_step(st);
        if (r != SQLITE_DONE)
            rc = sq_err(s, r, err);
    }
    sqlite3_reset(st);
    return rc;
}

static int sq_bulk_flush(store *s, dy_err *err)
{
    (void)s;
    (void)err;
    return 0;
}

static void sq_bulk_discard(store *s) { (void)s; }

static void sq_close(store *s)
{
    sq *q = s->impl;
    if (!q)
        return;
    for (int i = 0; i < CACHE; i++) {
        sqlite3_finalize(q->cache[i].st);
        dy_free(q->cache[i].sql);
    }
    for (int i = 0; i < STORE_BULK_TABLES; i++)
        sqlite3_finalize(q->bulk[i]);
    sqlite3_close(q->db);
    dy_free(q);
    s->impl = NULL;
}

static const store_ops sqlite_ops = {"sqlite",      sq_exec,         sq_query, sq_query_typed,
                                     sq_bulk_row,   sq_bulk_flush,   sq_bulk_discard,
                                     sq_close,      ddl_v1,          ddl_v2,
                                     ddl_v3, ddl_v5};

int store_sqlite_open(store *s, const char *path, int flags, dy_err *err)
{
    struct stat st;
    int exists = stat(path, &st) == 0;
    if (!exists && !(flags & STORE_WRITE))
        return dy_err_set(err, DY_EIO, path, 0, -1, "no such store");
    if (exists && S_ISDIR(st.st_mode))
        return dy_err_set(err, DY_EIO, path, 0, -1, "is a directory, not a store");
    sq *q = dy_calloc(1, sizeof *q);
    if (!q)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    s->impl = q;
    s->ops = &sqlite_ops;
    int oflags = (flags & STORE_WRITE) ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                       : SQLITE_OPEN_READONLY;
    int rc = sqlite3_open_v2(path, &q->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        if (!q->db)
            return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open: %s", sqlite3_errmsg(q->db));
    }
    if ((flags & STORE_WRITE) && sqlite3_db_readonly(q->db, "main") == 1)
        return dy_err_set(err, DY_EIO, path, 0, -1,
                          "the store is read-only (no write permission)");
    sqlite3_busy_timeout(q->db, 5000);
    sqlite3_extended_result_codes(q->db, 1);
    /* Reading the schema first turns a corrupt or foreign file into a
     * clear error before anything is written. */
    if ((rc = sq_query(s, "SELECT count(*) FROM sqlite_master", NULL, 0, NULL, NULL, err)))
        return rc;
    /* The WAL journal is set by store_sqlite_wal once the schema is known
     * to be dyad's: a foreign database is refused unchanged. */
    if ((flags & STORE_WRITE) && (rc = sq_exec(s, "PRAGMA synchronous = NORMAL", err)))
        return rc;
    return sq_exec(s, "PRAGMA cache_size = -65536", err);
}

/* Contract: see store_internal.h. */
int store_sqlite_wal(store *s, dy_err *err)
{
    return sq_exec(s, "PRAGMA journal_mode = WAL", err);
}
