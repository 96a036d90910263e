/* web.h - public interface of the serve stage (docs/api.md).
 *
 * Two parts:
 *  - the query layer: loading store aggregates into a model_data, the JSON
 *    of an event, a dyad (series and evidence) and a document. The CLI
 *    commands (`dyad events`, `model`, `partners`, `dyad`) and the HTTP API
 *    call the same functions, so both return the same JSON.
 *  - the HTTP server behind `dyad serve`: a read-only JSON API over a store
 *    and the dashboard's static files (libmicrohttpd, a thread pool, one
 *    store handle per worker thread).
 *
 * The library never prints: errors come back in a dy_err.
 * Ownership: buffers are the caller's; strings passed in are borrowed for
 * the call unless said otherwise.
 */
#ifndef DY_WEB_H
#define DY_WEB_H

#include <stddef.h>
#include <time.h>

#include "core/buf.h"
#include "core/err.h"
#include "model/model.h"
#include "store/store.h"

/* ---- query layer ------------------------------------------------------ */

/* Bounds on one query (NULL = none). */
typedef struct web_limits {
    size_t max_records;        /* aggregate records, 0 = no limit */
    struct timespec deadline;  /* CLOCK_MONOTONIC; tv_sec 0 = none */
} web_limits;

/* Add the aggregates of store_aggregate(s, f, window, level) to d, leaving
 * out records with an unknown side and, at STORE_LEVEL_COUNTRY, records
 * with a side that is neither a state nor an organisation
 * (core/actor_code.h), whose events are counted in d
 * (model_data_left_out). Returns 0, DY_ELIMIT (lim exceeded: err
 * says which), DY_EINVAL/DY_ENOMEM (from model_data_add) or the store's
 * error. */
int web_load(store *s, const store_filter *f, int window, int level, model_data *d,
             const web_limits *lim, dy_err *err);

/* The time range of the model by default: an unset from (to) of f becomes
 * the year of the earliest (latest) document date of the store, so that
 * events dated long before their documents (history recalled in the text)
 * open no windows of their own. Returns 0 or the store's error. */
int web_publication_range(store *s, store_filter *f, dy_err *err);

/* Append the JSON object of event e (docs/formats.md: the `dyad events`
 * JSON line without its newline); explain adds the "explain" object, dedup
 * the "support" count, names (may be NULL) "source_name" and "target_name"
 * after "target". */
void web_event_json(dy_buf *b, const store_event *e, int explain, int dedup,
                    const dict_names *names);

/* The most important events of each window of a relation, as `dyad dyad`
 * lists them: asserted events before stated intents, events of several
 * documents before those of one, then the largest |Goldstein|, then the
 * most supporting documents.
 * Zero-initialise, set window (STORE_WIN_*) and per (events per window),
 * pass web_evidence_add to store_query_events (dedup filter, events by
 * date), then write and free. */
typedef struct web_ev web_ev;
typedef struct web_evidence {
    int window;
    long per;
    web_ev *v;
    size_t n, cap;
    int oom;
    const dict_names *names; /* (borrowed, may be NULL) names in the JSON */
} web_evidence;
/* store_event_fn: keep e if it is among its window's `per` most important;
 * returns 1 (stop) when out of memory (x->oom set). */
int web_evidence_add(void *x, const store_event *e);
/* Append the evidence of window: JSON objects separated by commas (*first
 * says whether one was written yet), or text lines. */
void web_evidence_write(dy_buf *b, const web_evidence *x, const char *window, int json,
                        int *first);
void web_evidence_free(web_evidence *x);
/* {"a":...,"b":...,"series":[...],"evidence":[...]} (no newline); with
 * names also "a_name" and "b_name". */
void web_dyad_json(dy_buf *b, const char *a, const char *bb, const model_series *ser,
                   const web_evidence *x, const dict_names *names);

/* Append the JSON of document id with every event in it (all modalities,
 * with explanations): {"id","title","url","source","date","dict_version",
 * "text","events":[...]}. Returns 1 (written), 0 (no such document) or a
 * negative status (err filled). */
int web_document_json(dy_buf *b, store *s, const char *id, dy_err *err);

/* ---- server ----------------------------------------------------------- */

typedef struct web_opts {
    const char *db;        /* store path or postgresql:// URL (required) */
    const char *assets;    /* directory of the dashboard's files, NULL = API only */
    const char *bind;      /* address to bind, NULL = "127.0.0.1" */
    unsigned port;         /* 0 = any free port (see web_port) */
    int threads;           /* worker threads = store handles, 0 = 4 */
    long max_events;       /* most events one answer may hold, 0 = 10000 */
    double timeout;        /* seconds of work per request, 0 = 10 */
    int cache_ttl;         /* seconds an answer is cached, 0 = 10, -1 = no cache */
    int max_connections;   /* open connections at once, 0 = 1024 */
    int max_per_ip;        /* open connections from one client address, 0 = 64 */
    int idle_timeout;      /* seconds a connection may stay silent, 0 = 10 */
    const dict_names *names; /* display names of codes (borrowed; NULL = none) */
    int header_timeout;    /* seconds to send a request's headers, counted from
                            * the connection or the previous answer, 0 = 10 */
} web_opts;

typedef struct web_server web_server;

/* Open the store (once per thread), check the asset directory and start
 * listening. A watchdog thread closes connections whose request headers
 * are late (slow-header clients), whatever they trickle in. Returns 0 (*out is the caller's, released by web_stop),
 * DY_EINVAL (bad option or address: err says which), DY_EIO (store or
 * socket) or DY_ENOMEM. */
int web_start(const web_opts *o, web_server **out, dy_err *err);
/* The port the server listens on. */
unsigned web_port(const web_server *w);
/* Stop listening, finish the requests in progress and free everything. */
void web_stop(web_server *w);

#endif
