/* store.h - public interface of the store stage: documents, sentences and
 * events kept with their evidence, in SQLite (a file path) or PostgreSQL
 * (a postgresql:// URL), behind one small interface with one schema
 * (docs/store.md).
 *
 * Ownership: a store is owned by its opener and closed with store_close.
 * Threads: a handle must be used by one thread at a time; threads that need
 * the store concurrently open their own handles.
 * Strings handed to callbacks are borrowed for the duration of the call.
 */
#ifndef DY_STORE_H
#define DY_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "code/code.h"
#include "core/buf.h"
#include "core/err.h"
#include "text/text.h"

typedef struct store store;

enum {
    STORE_READ = 0,       /* read-only; the store must exist */
    STORE_WRITE = 1 << 0, /* read-write; created (with its schema) if missing */
    STORE_INIT = 1 << 1,  /* with STORE_WRITE: a database with tables of its own
                           * but no dyad schema gets dyad's tables (without it,
                           * such a database is refused: not a dyad store) */
};

/* Open a store: a file path (SQLite; WAL mode) or a "postgresql://" URL.
 * Migrates an older schema on open (STORE_WRITE); refuses a newer schema
 * than this binary knows, a corrupt schema version and a database that has
 * tables but no dyad schema (unless STORE_INIT) with a clear message. Returns 0, DY_EIO (cannot
 * open, locked, read-only, corrupt: err says which), DY_EINVAL or DY_ENOMEM. */
int store_open(const char *where, int flags, store **out, dy_err *err);
void store_close(store *s);
/* Where as it may be shown (messages, `dyad serve`'s first line): a
 * "postgresql://" or "postgres://" URL with the password of its user part
 * (up to the URL's last '@', so that a password with an unencoded '@', '/'
 * or '?' is hidden whole) and every password= query value replaced by
 * "***"; any other string unchanged. Writes at most n bytes (NUL
 * included, truncated) into out and returns out. */
char *store_mask_url(const char *where, char *out, size_t n);
/* "sqlite" or "postgresql". */
const char *store_backend(const store *s);

/* ---- ingest ---------------------------------------------------------- */

/* Transactions: one per batch of documents. A crash between begin and
 * commit leaves the store as it was before begin. */
int store_begin(store *s, dy_err *err);
int store_commit(store *s, dy_err *err);
int store_rollback(store *s, dy_err *err);

enum { STORE_DOC_NEW = 0, STORE_DOC_SAME, STORE_DOC_CHANGED };

/* Put one coded document: its metadata, text, content hash, sentences (with
 * their time expressions) and events (every contract field, modality,
 * spans, the pattern and actor entry references, dict_version). The first
 * ndflt events are the document's default events (what `dyad code` writes
 * without --all-modalities, docs/store.md), the others are kept for queries
 * that ask for other modalities. A document
 * whose id is stored with the same hash is left alone (*status =
 * STORE_DOC_SAME); one whose content changed has its sentences and events
 * replaced (STORE_DOC_CHANGED). cam supplies root, quad and Goldstein.
 * Returns 0 or a negative status (err filled). */
int store_put_document(store *s, const txt_doc *doc, const txt_analysis *an,
                       const code_event *ev, size_t nev, size_t ndflt,
                       const code_cameo *cam, const char *dict_version, int *status,
                       dy_err *err);

/* One document of a batch (store_put_documents); everything borrowed. */
typedef struct store_doc_in {
    const txt_doc *doc;
    const txt_analysis *an;
    const code_event *ev;
    size_t nev, ndflt;
} store_doc_in;

/* Put the n documents in[] as n calls of store_put_document in that order
 * would (status[i] for in[i], the same stored rows), in a few statements
 * per batch rather than two per document: the ids are looked up and the
 * new documents inserted 100 per statement, sentences and events sent in
 * bulk at commit. In the open transaction, or in one of its own when none
 * is open. A document another process stores meanwhile is taken as that
 * process left it (never stored twice: documents.doc is unique). Returns 0
 * or a negative status (err filled; a transaction of its own is rolled
 * back, an open one must be rolled back by the caller). */
int store_put_documents(store *s, const store_doc_in *in, size_t n, const code_cameo *cam,
                        const char *dict_version, int *status, dy_err *err);

/* Did the last failure come from another writer, so that rolling back and
 * running the whole transaction again may succeed? SQLite: the store stayed
 * locked beyond the busy timeout (5 s); PostgreSQL: a serialization failure
 * or a deadlock (SQLSTATE 40001, 40P01). */
int store_retryable(const store *s);

/* ---- queries ---------------------------------------------------------- */

enum { STORE_WIN_ALL = 0, STORE_WIN_YEAR, STORE_WIN_QUARTER, STORE_WIN_MONTH };
enum { STORE_LEVEL_COUNTRY = 0, STORE_LEVEL_ACTOR };

typedef struct store_filter {
    const char *actor;       /* source or target starts with this code, or NULL */
    const char *dyad[2];     /* both set: events between these (either way) */
    txt_date from, to;       /* prec NONE = open */
    const char *roots;       /* comma list "04,05", or NULL */
    const char *codes;       /* comma list "042,043", or NULL */
    int quad;                /* 1..4, 0 = any */
    const char *modalities;  /* comma list, "all" = any, NULL = the default
                                events (those `dyad code` writes) */
    int dedup;               /* one event per (date, source, target, code) */
    long limit, offset;      /* limit 0 = none */
    const char *doc;         /* (additive) only this document's events, or NULL */
    /* (additive) places (docs/exports.md): */
    const char *country;     /* the event's place is in this country (alpha-3) */
    double near_lat, near_lon, near_km; /* near_km > 0: within near_km of the point */
} store_filter;

/* Check f as every command and the API take it: actor codes are capital
 * letters and digits, roots 01..20, codes a root and one or two digits,
 * modalities known names (or "all"), quad 0..4, from not after to.
 * Returns 0 or DY_EINVAL with a one-line message in err. */
int store_filter_check(const store_filter *f, dy_err *err);

typedef struct store_event {
    int64_t id;
    const char *doc;
    int sent;
    const char *date;        /* "YYYY-MM-DD"/"YYYY-MM"/"YYYY" or NULL */
    const char *source, *target, *code, *root;
    int quad;
    double goldstein;
    const char *modality;
    const char *text;        /* the sentence */
    int32_t src[2], verb[2], tgt[2]; /* byte spans in the document, -1 none */
    const char *pattern;     /* explanation refs, may be NULL */
    const char *source_entry, *target_entry;
    long support;            /* with dedup: supporting documents, else 1 */
    /* Added with the implementation (additive): */
    const char *url;         /* the document's URL, may be NULL */
    const char *dict_version;/* dictionary set version that coded it */
    int has_quad;            /* 0 when the code was not in the CAMEO table */
    /* (additive) where (geo_prec NULL: not placed; docs/exports.md) and
     * the document's outlet and date, the sentence's first byte: */
    const char *geo_name, *geo_country, *geo_prec, *geo_src;
    double geo_lat, geo_lon;
    const char *doc_source;  /* documents.source, may be NULL */
    const char *doc_date;    /* documents.date, may be NULL */
    long sent_start;         /* byte offset of the sentence, -1 unknown */
    long mentions;           /* with dedup: the group's events, else 1 */
    long outlets;            /* with dedup: distinct document sources (a
                                document without one counts alone), else 1 */
} store_event;

/* (additive) Append ,"geo":{...} or ,"geo":null for e as `dyad code`
 * writes it (docs/exports.md) to b. */
void store_event_geo_json(dy_buf *b, const store_event *e);

typedef int (*store_event_fn)(void *ud, const store_event *e);
/* Call fn for each event matching f, ordered by date, doc, sent. fn returns
 * non-zero to stop (that value is returned). */
int store_query_events(store *s, const store_filter *f, store_event_fn fn, void *ud,
                       dy_err *err);

/* Aggregates per (window, source, target) over the dedup view: counts per
 * quad class and Goldstein sum. window is a label: "2023", "2023-Q1",
 * "2023-01", or "" for STORE_WIN_ALL; source/target are country prefixes
 * (3 letters, 6 for IGO/NGO codes) at STORE_LEVEL_COUNTRY, full codes at
 * STORE_LEVEL_ACTOR. Events without a target are not counted. */
typedef struct store_agg {
    const char *window;
    const char *source, *target;
    long events;
    long quad[5];            /* quad[1..4] */
    double goldstein;        /* sum */
} store_agg;
typedef int (*store_agg_fn)(void *ud, const store_agg *a);
int store_aggregate(store *s, const store_filter *f, int window, int level, store_agg_fn fn,
                    void *ud, dy_err *err);

typedef struct store_document {
    const char *id, *title, *url, *source, *date, *text;
    const char *dict_version; /* (additive) version that coded it, may be NULL */
} store_document;
typedef int (*store_doc_fn)(void *ud, const store_document *d);
/* Call fn once with the document id (and return 1), or return 0 when there
 * is no such document. */
int store_get_document(store *s, const char *id, store_doc_fn fn, void *ud, dy_err *err);

/* (additive) Call fn with the id of each stored document in ingest order;
 * with dict_version not NULL, only of documents coded with another version
 * (what `dyad recode` must re-code). fn must not write to the store. */
typedef int (*store_id_fn)(void *ud, const char *id);
int store_document_ids(store *s, const char *dict_version, store_id_fn fn, void *ud,
                       dy_err *err);

/* The publication range of the stored documents: the earliest and latest
 * document date as stored ("YYYY-MM-DD", "YYYY-MM" or "YYYY"), "" when no
 * document has a date. Returns 0 or the store's error. */
int store_document_range(store *s, char first[static 11], char last[static 11], dy_err *err);

/* Counts for reports: documents, sentences, events. */
int store_counts(store *s, long *docs, long *sents, long *events, dy_err *err);

#endif
