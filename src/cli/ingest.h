/* ingest.h - the coding-and-storing pipeline shared by `dyad ingest` and
 * `dyad recode`: documents are coded by the batch pipeline (core/pipe.h, in
 * parallel with --threads) and stored on the calling thread, in input
 * order, one transaction per batch of documents. */
#ifndef DY_CLI_INGEST_H
#define DY_CLI_INGEST_H

#include "cli/engine.h"
#include "cli/from_events.h"
#include "store/store.h"

typedef struct ingest_run ingest_run;

typedef struct ingest_opts {
    const char *db;        /* path or URL */
    int threads;           /* 1..64 */
    int summary;           /* print counts and rates on stderr at the end */
    long long total_bytes; /* input size for the progress ETA, 0 = unknown */
    int init;              /* STORE_INIT: a database with tables of its own may
                            * get dyad's tables */
    fe_index *events;      /* --from-events: store these events (borrowed)
                            * instead of coding the documents */
    int writer;            /* store batches on a thread of their own while the
                            * next is coded (the caller must then not use the
                            * store between ingest_start and ingest_finish) */
} ingest_opts;

/* Open the store (first, so that a bad store fails fast), load the engine
 * and compute the dictionary version. Prints errors. Returns 0 or an exit
 * code; on success *out is owned by the caller (ingest_finish). */
int ingest_start(cli_ctx *c, const cli_input *in, const ingest_opts *o, ingest_run **out);
/* The open store (borrowed; not to be used while a writer thread may be
 * storing, ingest_opts.writer) and the dictionary version in use. */
store *ingest_store(ingest_run *r);
const char *ingest_dict_version(const ingest_run *r);
/* Queue a document (ownership passes to the run). Returns 0 or an exit
 * code (the run is then stopped; call ingest_finish). */
int ingest_add(ingest_run *r, txt_doc *d);
/* Write what is pending (unless rc is non-zero), print the summary, close
 * everything and free r. Returns rc or the first error's exit code. */
int ingest_finish(ingest_run *r, int rc);

#endif
