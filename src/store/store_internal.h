/* store_internal.h - what store.c (common logic: schema, migrations,
 * queries, ingest) needs from a backend (store_sqlite.c, store_pg.c).
 *
 * Backends speak SQL written with '?' placeholders (the PostgreSQL backend
 * rewrites them to $n); every value travels as a parameter, never inside the
 * SQL text. Result rows arrive as text columns (NULL for SQL NULL), borrowed
 * for the duration of the row callback.
 */
#ifndef DY_STORE_INTERNAL_H
#define DY_STORE_INTERNAL_H

#include "store/store.h"

#include "core/buf.h"

/* The schema version this binary writes (docs/store.md). */
#define STORE_SCHEMA_VERSION 5

typedef struct store_param {
    int is_int;          /* 1: i, 0: s (NULL = SQL NULL) */
    long long i;
    const char *s;
} store_param;

typedef int (*store_row_fn)(void *ud, const char *const *col, int ncol);

/* A typed result column (the typed row path, for scans of many rows):
 * integers and reals arrive as numbers, text as bytes with a length (not
 * NUL-terminated on every backend), nothing converted back and forth. */
enum { STORE_V_NULL = 0, STORE_V_INT, STORE_V_REAL, STORE_V_TEXT };
typedef struct store_val {
    int type;            /* STORE_V_* */
    int len;             /* text: bytes */
    long long i;         /* int */
    double d;            /* real */
    const char *s;       /* text (borrowed for the row callback) */
} store_val;

typedef int (*store_trow_fn)(void *ud, const store_val *col, int ncol);

enum { STORE_BULK_SENTENCES = 0, STORE_BULK_EVENTS, STORE_BULK_TABLES };

typedef struct store_ops {
    const char *name;
    /* Statements without parameters or results (DDL, BEGIN, ...). */
    int (*exec)(store *s, const char *sql, dy_err *err);
    /* Run sql with parameters; call fn for each row (fn may be NULL).
     * fn returning non-zero stops and is returned. */
    int (*query)(store *s, const char *sql, const store_param *p, int np, store_row_fn fn,
                 void *ud, dy_err *err);
    /* The same with typed columns (store_val). */
    int (*query_typed)(store *s, const char *sql, const store_param *p, int np,
                       store_trow_fn fn, void *ud, dy_err *err);
    /* Add one row to a bulk table (columns in the order of bulk_columns);
     * rows may be buffered until bulk_flush. */
    int (*bulk_row)(store *s, int table, const store_param *p, int np, dy_err *err);
    int (*bulk_flush)(store *s, dy_err *err);
    /* Forget buffered bulk rows (before a rollback). */
    void (*bulk_discard)(store *s);
    void (*close)(store *s);
    /* Schema differences: DDL for version 1 and the v1 -> v2, v2 -> v3
     * and v3 -> v4 migrations. */
    const char *const *ddl_v1;
    const char *const *ddl_v2;
    const char *const *ddl_v3;
    const char *const *ddl_v5;   /* v4 -> v5: the events' places */
} store_ops;

struct store {
    const store_ops *ops;
    void *impl;              /* backend state */
    char where[512];         /* path or URL with the password removed */
    int writable;
    int in_tx;
    int busy;                /* the last error was "locked by another process" */
    int conflict;            /* PostgreSQL: the last error was a serialization
                                failure or a deadlock (retry the transaction) */
    /* Documents whose rows may wait in bulk buffers (flushed before their
     * rows are deleted). */
    long long *pending;
    size_t npending, cappending;
};

/* Column lists of the bulk tables. */
extern const char *const store_bulk_columns[STORE_BULK_TABLES];
extern const int store_bulk_ncolumns[STORE_BULK_TABLES];

/* Backend openers: fill s->impl and s->ops. Return 0 or a status (err). */
int store_sqlite_open(store *s, const char *path, int flags, dy_err *err);
int store_pg_open(store *s, const char *url, int flags, dy_err *err);
/* Switch an open, writable SQLite store to the WAL journal (persistent; a
 * no-op when it is already). Returns 0 or a status (err). */
int store_sqlite_wal(store *s, dy_err *err);

/* Does msg quote a piece (two bytes or more, between URL delimiters) of a
 * password in url (see store_mask_url)? libpq's messages about a URL it
 * misread (a password with an unencoded '@' or '/') may: such a message is
 * not shown. */
int store_url_secret_in(const char *url, const char *msg);

#endif
