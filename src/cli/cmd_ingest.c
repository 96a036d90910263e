/* cmd_ingest.c - `dyad ingest`: code documents and keep them, with their
 * sentences and events, in a store (docs/store.md). Also the pipeline that
 * `dyad recode` shares (cli/ingest.h). */
#include "cli/ingest.h"
#include "core/alloc.h"
#include "core/pipe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

static const char ingest_help[] =
    "Usage: dyad ingest --db PATH|URL [OPTIONS] [PATH...]\n\n"
    "Code documents (files, directories, or standard input when no PATH or '-')\n"
    "and store them with their sentences and events (all modalities) in a\n"
    "SQLite file (PATH) or a PostgreSQL database (postgresql://... URL).\n"
    "Documents already stored with the same content and dictionaries are\n"
    "skipped; changed ones are replaced (docs/store.md).\n\nOptions:\n"
    "      --db PATH|URL    the store (created if missing)\n" CLI_INPUT_HELP CLI_SHARD_HELP
    "  -j, --threads N      code with N threads (the store is the same for any N)\n"
    "      --summary        print counts and rates on stderr at the end\n"
    "      --from-events FILE  store the events of FILE (lines of `dyad code\n"
    "                       --format jsonl`, coded elsewhere) with the documents\n"
    "                       of PATH instead of coding them (docs/scale.md)\n"
    "      --init           add dyad's tables to an existing database that has\n"
    "                       tables of its own (otherwise refused: not a dyad store)\n"
    "  -h, --help           show this help\n";

/* BATCH: documents per transaction; WINDOW: documents in flight at most;
 * MAX_TRIES: runs of a batch's transaction that lost to another writer. */
enum { BATCH = 256, WINDOW = 256, MAX_THREADS = 64, MAX_TRIES = 8 };

typedef struct ijob {
    txt_doc *doc;
    dy_arena *a;             /* the analysis and events, kept until stored */
    txt_analysis an;
    code_event *ev;
    size_t nev, ndflt; /* events; the first ndflt are the default ones */
    int failed;
    char msg[1100];
    struct ijob *next_free;
} ijob;

/* A batch: the coded documents of one transaction and, once stored, its
 * outcome. */
typedef struct ibatch {
    ijob *job[BATCH];
    store_doc_in in[BATCH];
    int status[BATCH];
    size_t n;
    int rc;                  /* 0 or the store's status */
    dy_err err;
} ibatch;

struct ingest_run {
    cli_ctx *c;
    ingest_opts o;
    cli_engine eng;
    int have_eng;
    store *st;
    char dictv[17];
    dy_pipe *pipe;
    ijob *free_jobs;         /* stored jobs, kept with their arenas */
    /* Two batches: one filled with coded documents on the main thread
     * while the other is stored (by the writer thread, or inline). */
    ibatch b[2];
    ibatch *fill;            /* being filled, in input order */
    ibatch *out;             /* handed to the store, not yet collected */
    unsigned seed;           /* pauses between tries of a transaction */
    /* The writer thread (ingest_opts.writer): stores r->out while busy. */
    int writer;
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int busy, stop;
    long docs, added, changed, same, events, sents;
    long long bytes;
    struct timespec t0, last;
    int progress;
    int failed;
};

static double since(const struct timespec *a)
{
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (double)(b.tv_sec - a->tv_sec) + (double)(b.tv_nsec - a->tv_nsec) / 1e9;
}

/* --from-events: analyse the document (sentences, time expressions) and
 * take its events from the index, copied into the job's arena. */
static int events_from_file(ingest_run *r, ijob *j, dy_err *e)
{
    int rc = cli_code_doc(&r->eng, j->doc, j->a, &j->an, NULL, NULL, e);
    if (rc)
        return rc;
    const code_event *ev;
    fe_get(r->o.events, j->doc->id, &ev, &j->nev, &j->ndflt);
    j->ev = NULL;
    if (j->nev && !(j->ev = dy_arena_alloc(j->a, j->nev * sizeof *j->ev)))
        return dy_err_set(e, DY_ENOMEM, NULL, 0, -1, "out of memory");
    if (j->nev)
        memcpy(j->ev, ev, j->nev * sizeof *j->ev);
    for (size_t i = 0; i < j->nev; i++)
        if (j->ev[i].sent >= j->an.nsent)
            return dy_err_set(e, DY_EINVAL, NULL, 0, -1,
                              "an event of sentence %u, but the document has %zu sentences "
                              "(coded from another text?)",
                              (unsigned)j->ev[i].sent, j->an.nsent);
    return 0;
}

static void code_one(ingest_run *r, ijob *j)
{
    dy_err e;
    dy_err_clear(&e);
    dy_arena_reset(j->a);
    if (r->o.events) {
        if (events_from_file(r, j, &e) != 0) {
            j->failed = 1;
            snprintf(j->msg, sizeof j->msg, "%s: %s", j->doc->id,
                     e.msg[0] ? e.msg : dy_status_str(e.code));
        }
        return;
    }
    if (cli_code_doc_split(&r->eng, j->doc, j->a, &j->an, &j->ev, &j->nev, &j->ndflt, &e) != 0) {
        j->failed = 1;
        snprintf(j->msg, sizeof j->msg, "%s: %s", j->doc->id,
                 e.msg[0] ? e.msg : dy_status_str(e.code));
    }
}

/* Pipeline work on a worker thread: code the document into its job. */
static void work(void *ud, int worker, void *item)
{
    (void)worker;
    code_one(ud, item);
}

static void progress(ingest_run *r, int final)
{
    if (!r->progress)
        return;
    double t = since(&r->t0);
    if (!final && since(&r->last) < 0.5)
        return;
    clock_gettime(CLOCK_MONOTONIC, &r->last);
    double rate = t > 0 ? (double)r->docs / t : 0;
    char eta[32] = "";
    if (!final && r->o.total_bytes > 0 && r->bytes > 0 && t > 0.5) {
        double left = (double)(r->o.total_bytes - r->bytes) / ((double)r->bytes / t);
        if (left < 0)
            left = 0;
        snprintf(eta, sizeof eta, ", ETA ~%ldm%02lds", (long)left / 60, (long)left % 60);
    }
    fprintf(stderr, "\r\033[Kdyad ingest: %ld documents, %.0f documents/s, %ld events%s%s",
            r->docs, rate, r->events, eta, final ? "\n" : "");
    fflush(stderr);
}

/* Put a job back on the free list (its arena kept for the next). */
static void release_job(ingest_run *r, ijob *j)
{
    txt_doc_free(j->doc);
    j->doc = NULL;
    j->failed = 0;
    j->next_free = r->free_jobs;
    r->free_jobs = j;
}

/* Release the batch's jobs (stored, or dropped after an error). Main
 * thread. */
static void drop_batch(ingest_run *r, ibatch *b)
{
    for (size_t i = 0; i < b->n; i++)
        release_job(r, b->job[i]);
    b->n = 0;
}

/* Store the batch in one transaction: its documents in a few statements
 * (store_put_documents), then commit. A transaction that lost to another
 * writer (SQLite locked beyond its busy timeout, PostgreSQL serialization
 * failure or deadlock) is rolled back and run again, after a growing
 * randomised pause, up to MAX_TRIES times. The outcome goes to b->rc and
 * b->err (printed by collect). Touches only the store, b and r->seed: runs
 * on the writer thread, or inline. */
static void put_batch(ingest_run *r, ibatch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        ijob *j = b->job[i];
        b->in[i] = (store_doc_in){j->doc, &j->an, j->ev, j->nev, j->ndflt};
    }
    long pause_us = 20000;
    for (int attempt = 1;; attempt++) {
        dy_err_clear(&b->err);
        b->rc = store_put_documents(r->st, b->in, b->n, r->eng.cam, r->dictv, b->status,
                                    &b->err);
        if (!b->rc || !store_retryable(r->st) || attempt == MAX_TRIES)
            return;
        r->seed = r->seed * 1103515245u + 12345u;
        long us = pause_us / 2 + (long)(r->seed >> 8) % pause_us;
        struct timespec d = {us / 1000000, (us % 1000000) * 1000L};
        nanosleep(&d, NULL);
        if (pause_us < 1000000)
            pause_us *= 2;
    }
}

/* The writer thread: store each batch handed over (r->out, busy set),
 * until stopped. */
static void *writer(void *arg)
{
    ingest_run *r = arg;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        while (!r->busy && !r->stop)
            pthread_cond_wait(&r->cv, &r->mu);
        if (!r->busy)
            break;
        ibatch *b = r->out;
        pthread_mutex_unlock(&r->mu);
        put_batch(r, b);
        pthread_mutex_lock(&r->mu);
        r->busy = 0;
        pthread_cond_broadcast(&r->cv);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* Wait for the batch handed to the store, if any; count it in and release
 * its jobs, or print its error. Main thread. Returns 0 or
 * CLI_EXIT_FAIL. */
static int collect(ingest_run *r)
{
    ibatch *b = r->out;
    if (!b)
        return 0;
    if (r->writer) {
        pthread_mutex_lock(&r->mu);
        while (r->busy)
            pthread_cond_wait(&r->cv, &r->mu);
        pthread_mutex_unlock(&r->mu);
    }
    r->out = NULL;
    if (b->rc) {
        cli_print_err(&b->err);
        drop_batch(r, b);
        return CLI_EXIT_FAIL;
    }
    for (size_t i = 0; i < b->n; i++) {
        ijob *j = b->job[i];
        r->docs++;
        r->bytes += (long long)j->doc->len;
        if (b->status[i] == STORE_DOC_SAME) {
            r->same++;
            continue;
        }
        if (b->status[i] == STORE_DOC_NEW)
            r->added++;
        else
            r->changed++;
        r->events += (long)j->nev;
        r->sents += (long)j->an.nsent;
    }
    drop_batch(r, b);
    progress(r, 0);
    return 0;
}

/* Hand the filled batch to the store (the writer thread, or inline) after
 * collecting the previous one: with a writer, the next batch is coded
 * while this one is stored. Main thread. Returns 0 or CLI_EXIT_FAIL (the
 * filled batch is then dropped). */
static int hand_over(ingest_run *r)
{
    int rc = collect(r);
    if (rc) {
        drop_batch(r, r->fill);
        return rc;
    }
    if (r->fill->n == 0)
        return 0;
    r->out = r->fill;
    r->fill = r->fill == &r->b[0] ? &r->b[1] : &r->b[0];
    if (!r->writer) {
        put_batch(r, r->out);
        return 0;
    }
    pthread_mutex_lock(&r->mu);
    r->busy = 1;
    pthread_cond_signal(&r->cv);
    pthread_mutex_unlock(&r->mu);
    return 0;
}

/* Pipeline delivery on the main thread, in input order: add the coded job
 * to the batch being filled, and hand it to the store when it is full;
 * after an error (or when the run is abandoned) only release it. Returns
 * 0 or CLI_EXIT_FAIL. */
static int done(void *ud, void *item, int abandon)
{
    ingest_run *r = ud;
    ijob *j = item;
    if (abandon) {
        release_job(r, j);
        return 0;
    }
    if (j->failed) {
        cli_errorf("%s", j->msg);
        release_job(r, j);
        return CLI_EXIT_FAIL;
    }
    if (r->o.events)
        fe_mark(r->o.events, j->doc->id);
    r->fill->job[r->fill->n++] = j;
    return r->fill->n == BATCH ? hand_over(r) : 0;
}

int ingest_start(cli_ctx *c, const cli_input *in, const ingest_opts *o, ingest_run **out)
{
    *out = NULL;
    ingest_run *r = dy_calloc(1, sizeof *r);
    if (!r) {
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    r->c = c;
    r->o = *o;
    r->fill = &r->b[0];
    dy_err e;
    dy_err_clear(&e);
    if (store_open(o->db, STORE_WRITE | (o->init ? STORE_INIT : 0), &r->st, &e) != 0) {
        cli_print_err(&e);
        dy_free(r);
        return CLI_EXIT_FAIL;
    }
    /* the default events as `dyad code` writes them, and the other
     * modalities besides (cli_code_doc_split) */
    code_opts co = {0};
    int rc = cli_dict_version(c, in, r->dictv);
    if (!rc)
        rc = cli_engine_open(c, in, &co, &r->eng);
    if (!rc && (rc = cli_engine_split(&r->eng)))
        cli_engine_close(&r->eng);
    if (!rc)
        r->have_eng = 1;
    if (!rc && dy_pipe_new(o->threads, WINDOW, work, done, r, &r->pipe) != 0) {
        cli_errorf("out of memory");
        rc = CLI_EXIT_FAIL;
    }
    if (rc)
        return ingest_finish(r, rc);
    r->progress = !c->quiet && isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &r->t0);
    r->last = r->t0;
    r->seed = (unsigned)r->t0.tv_nsec ^ (unsigned)getpid();
    /* Without a writer thread (or when none can start) batches are
     * stored inline: slower, the same store. */
    if (o->writer) {
        pthread_mutex_init(&r->mu, NULL);
        pthread_cond_init(&r->cv, NULL);
        if (pthread_create(&r->th, NULL, writer, r) == 0) {
            r->writer = 1;
        } else {
            pthread_mutex_destroy(&r->mu);
            pthread_cond_destroy(&r->cv);
        }
    }
    *out = r;
    return 0;
}

store *ingest_store(ingest_run *r) { return r->st; }
const char *ingest_dict_version(const ingest_run *r) { return r->dictv; }

int ingest_add(ingest_run *r, txt_doc *d)
{
    ijob *j = r->free_jobs;
    if (j) {
        r->free_jobs = j->next_free;
    } else if (!(j = dy_calloc(1, sizeof *j)) || !(j->a = dy_arena_new())) {
        dy_free(j);
        txt_doc_free(d);
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    j->next_free = NULL;
    j->doc = d;
    return dy_pipe_push(r->pipe, j);
}

int ingest_finish(ingest_run *r, int rc)
{
    /* After an error the pending documents are only freed. */
    int prc = dy_pipe_finish(r->pipe, rc != 0);
    r->pipe = NULL;
    if (!rc)
        rc = prc;
    if (!rc)
        rc = hand_over(r);
    int crc = collect(r); /* waits for the writer, whatever happened */
    if (!rc)
        rc = crc;
    drop_batch(r, r->fill);
    if (r->writer) {
        pthread_mutex_lock(&r->mu);
        r->stop = 1;
        pthread_cond_signal(&r->cv);
        pthread_mutex_unlock(&r->mu);
        pthread_join(r->th, NULL);
        pthread_mutex_destroy(&r->mu);
        pthread_cond_destroy(&r->cv);
        r->writer = 0;
    }
    if (!rc && r->docs >= BATCH)
        progress(r, 1);
    if (!rc && r->o.summary) {
        double t = since(&r->t0);
        fprintf(stderr,
                "documents %ld (new %ld, changed %ld, unchanged %ld), sentences %ld, events %ld\n"
                "%.3f s, %.0f documents/s, %.0f events/s (%s)\n",
                r->docs, r->added, r->changed, r->same, r->sents, r->events, t,
                t > 0 ? (double)r->docs / t : 0.0, t > 0 ? (double)r->events / t : 0.0,
                store_backend(r->st));
    }
    while (r->free_jobs) {
        ijob *j = r->free_jobs;
        r->free_jobs = j->next_free;
        dy_arena_free(j->a);
        dy_free(j);
    }
    if (r->have_eng)
        cli_engine_close(&r->eng);
    store_close(r->st);
    dy_free(r);
    return rc;
}

static int add_doc(void *ud, txt_doc *d) { return ingest_add(ud, d); }

/* Parse --threads. Returns 0 or a usage exit code. */
static int parse_threads(cli_ctx *c, const char *arg, int *out)
{
    char *end;
    long n = strtol(arg, &end, 10);
    if (*end || n < 1 || n > MAX_THREADS)
        return cli_usage(c, "--threads: expected a number from 1 to %d, got '%s'", MAX_THREADS,
                         arg);
    *out = (int)n;
    return 0;
}

int cmd_ingest(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {CLI_INPUT_LONGOPTS,
                                         CLI_SHARD_LONGOPT,
                                         {"from-events", required_argument, NULL, 2004},
                                         {"db", required_argument, NULL, 2001},
                                         {"threads", required_argument, NULL, 'j'},
                                         {"summary", no_argument, NULL, 2002},
                                         {"init", no_argument, NULL, 2003},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    cli_input in = {0};
    ingest_opts o = {.threads = 1, .writer = 1};
    const char *from_events = NULL;
    int opt, rc = 0;
    optind = 1;
    opterr = 0;
    while (!rc && (opt = getopt_long(argc, argv, ":i:j:qh", opts, NULL)) != -1) {
        if (opt == 'i')
            opt = 1001;
        int irc = cli_input_option(c, &in, opt, optarg);
        if (irc == 1)
            continue;
        if (irc) {
            rc = irc;
            break;
        }
        switch (opt) {
        case 'h': fputs(ingest_help, stdout); return CLI_EXIT_OK;
        case 2001: o.db = optarg; break;
        case 2002: o.summary = 1; break;
        case 2003: o.init = 1; break;
        case 2004: from_events = optarg; break;
        case 'j': rc = parse_threads(c, optarg, &o.threads); break;
        case ':': rc = cli_usage(c, "option '%s' needs an argument", argv[optind - 1]); break;
        default: rc = cli_usage(c, "unknown option '%s'", argv[optind - 1]); break;
        }
    }
    if (rc)
        return rc;
    if (!o.db)
        return cli_usage(c, "--db PATH or URL is required");
    rc = cli_input_paths(c, &in, argv + optind, argc - optind);
    if (rc) {
        cli_input_free(&in);
        return rc;
    }
    for (size_t i = 0; i < in.npaths; i++) {
        struct stat st;
        if (strcmp(in.paths[i], "-") != 0 && stat(in.paths[i], &st) == 0)
            o.total_bytes += st.st_size;
    }
    for (size_t i = 0; from_events && strcmp(from_events, "-") == 0 && i < in.npaths; i++)
        if (strcmp(in.paths[i], "-") == 0) {
            cli_input_free(&in);
            return cli_usage(c, "--from-events -: the documents cannot come from standard "
                                "input too (give their files)");
        }
    if (from_events && (rc = fe_load(c, from_events, &o.events))) {
        cli_input_free(&in);
        return rc;
    }
    ingest_run *r;
    rc = ingest_start(c, &in, &o, &r);
    if (!rc) {
        in.take_docs = 1;
        rc = cli_each_doc(c, &in, add_doc, r);
        rc = ingest_finish(r, rc);
    }
    const char *example;
    long unused = o.events ? fe_unused(o.events, &example) : 0;
    if (!rc && unused && in.shard_n < 2) {
        c->warnings++;
        if (!c->quiet)
            fprintf(stderr, "dyad: %s: warning: %ld event%s of documents not in the input "
                            "left out (the first: %s)\n",
                    from_events, unused, unused == 1 ? "" : "s", example);
    }
    fe_free(o.events);
    cli_input_free(&in);
    return rc ? rc : cli_finish(c);
}
