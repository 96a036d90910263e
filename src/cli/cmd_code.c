/* cmd_code.c - `dyad code`: documents in, CAMEO events out.
 *
 * Documents go through the batch pipeline (core/pipe.h): with --threads N,
 * N workers code them, each with its own arena, into the document's output
 * buffer, and the buffers are written in input order, so the output is the
 * same for any number of threads. */
#include "cli/engine.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/pipe.h"

#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char code_help[] =
    "Usage: dyad code [OPTIONS] [PATH...]\n\n"
    "Code documents (files, directories, or standard input when no PATH or '-')\n"
    "into CAMEO events, one per line (docs/formats.md).\n\nOptions:\n" CLI_INPUT_HELP
    CLI_SHARD_HELP
    "  -f, --format FORMAT  jsonl (default), tsv or plover (PLOVER records,\n"
    "                       docs/exports.md)\n"
    "      --explain        add the dictionary entries, token spans, modality cue\n"
    "                       and time expression behind each event\n"
    "      --all-modalities also write negated, future, hypothetical and alleged events\n"
    "  -j, --threads N      code with N threads (output identical to one thread)\n"
    "      --summary        print counts, speed (reading and coding, after loading\n"
    "                       the dictionaries) and peak memory on stderr\n"
    "  -h, --help           show this help\n";

/* WINDOW: documents in flight at most (read ahead of the output). */
enum { WINDOW = 256, MAX_THREADS = 64 };
/* --format plover: beside the code_out_format values */
enum { OUT_PLOVER = 100 };

typedef struct job {
    txt_doc *doc;
    dy_buf out;
    long sents, timexes, events;
    long unmapped;           /* --format plover: events PLOVER drops */
    long by_root[21];
    int failed;
    char msg[1100];
    struct job *next_free;
} job;

typedef struct code_run {
    cli_ctx *c;
    cli_engine eng;
    int format, explain, threads;
    dy_pipe *pipe;
    job *free_jobs;   /* delivered jobs, kept with their output buffers
                         (grown once, not per document) */
    dy_arena *arenas[MAX_THREADS];
    long docs, sents, events, timexes, bytes, unmapped;
    long by_root[21];
    double load_ms;
} code_run;

/* Append the PLOVER record of ev (the index-th event of its document) to
 * the job's buffer; returns 1 when PLOVER has no type for its code. */
static int write_plover(code_run *r, job *j, const txt_analysis *an, const code_event *ev,
                        size_t index)
{
    code_plover_rec rec;
    char id[600], date[11], pub[11];
    code_plover_rec_from_event(&rec, j->doc, an, ev, r->eng.cam, index, id, sizeof id, date,
                               pub);
    char sn[160], tn[160];
    rec.source_name = dict_names_get(r->eng.names, ev->source, sn, sizeof sn);
    rec.target_name = dict_names_get(r->eng.names, ev->target, tn, sizeof tn);
    return code_plover_write(&j->out, r->eng.plover, &rec) == 1;
}

/* Code one document into its job's buffer. Thread-safe: the engine is
 * read-only and the arena is the worker's. */
static void code_job(code_run *r, dy_arena *a, job *j)
{
    txt_analysis an;
    dy_err e;
    dy_err_clear(&e);
    dy_arena_reset(a);
    code_event *ev;
    size_t nev;
    if (cli_code_doc(&r->eng, j->doc, a, &an, &ev, &nev, &e) != 0) {
        j->failed = 1;
        snprintf(j->msg, sizeof j->msg, "%s: %s", j->doc->id,
                 e.msg[0] ? e.msg : dy_status_str(e.code));
        return;
    }
    j->sents = (long)an.nsent;
    j->timexes = (long)an.ntimex;
    j->events = (long)nev;
    for (size_t i = 0; i < nev; i++) {
        if (r->format == OUT_PLOVER)
            j->unmapped += write_plover(r, j, &an, &ev[i], i);
        else
            code_event_write(&j->out, r->format, j->doc, &an, &ev[i], r->eng.cam, r->eng.names,
                             r->explain);
        int root = (ev[i].code[0] - '0') * 10 + (ev[i].code[1] - '0');
        if (root >= 0 && root <= 20)
            j->by_root[root]++;
    }
    if (j->out.oom) {
        j->failed = 1;
        snprintf(j->msg, sizeof j->msg, "%s: out of memory", j->doc->id);
    }
}

/* Pipeline work: code one document with the worker's arena. */
static void work(void *ud, int worker, void *item)
{
    code_run *r = ud;
    code_job(r, r->arenas[worker], item);
}

/* Pipeline delivery, in input order on the main thread: write the job's
 * events and count them, or report its failure (which stops the run).
 * The job goes back to the free list. Returns 0 or CLI_EXIT_FAIL. */
static int done(void *ud, void *item, int abandon)
{
    code_run *r = ud;
    job *j = item;
    int rc = 0;
    if (!abandon) {
        if (j->failed) {
            cli_errorf("%s", j->msg);
            rc = CLI_EXIT_FAIL;
        } else if (j->out.len && fwrite(j->out.data, 1, j->out.len, stdout) != j->out.len) {
            cli_errorf("write error on standard output");
            rc = CLI_EXIT_FAIL;
        } else {
            r->docs++;
            r->bytes += (long)j->doc->len;
            r->sents += j->sents;
            r->timexes += j->timexes;
            r->events += j->events;
            r->unmapped += j->unmapped;
            for (int k = 0; k <= 20; k++)
                r->by_root[k] += j->by_root[k];
        }
    }
    txt_doc_free(j->doc);
    dy_buf out = j->out;
    if (out.oom)
        dy_buf_free(&out);
    else
        dy_buf_reset(&out);
    memset(j, 0, sizeof *j);
    j->out = out;
    j->next_free = r->free_jobs;
    r->free_jobs = j;
    return rc;
}

static int add_doc(void *ud, txt_doc *d)
{
    code_run *r = ud;
    job *j = r->free_jobs;
    if (j)
        r->free_jobs = j->next_free;
    else if (!(j = dy_calloc(1, sizeof *j))) {
        txt_doc_free(d);
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    j->next_free = NULL;
    j->doc = d;
    return dy_pipe_push(r->pipe, j);
}

static void summary(const code_run *r, double secs, double mb)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    fprintf(stderr, "documents %ld, sentences %ld, time expressions %ld, events %ld\n", r->docs,
            r->sents, r->timexes, r->events);
    fprintf(stderr, "%.3f s, %.0f sentences/s, %.1f MB/s, peak memory %.1f MB\n", secs,
            secs > 0 ? (double)r->sents / secs : 0.0, secs > 0 ? mb / secs : 0.0,
            (double)ru.ru_maxrss / 1024.0);
    fprintf(stderr, "(reading and coding; dictionaries loaded before in %.0f ms)\n", r->load_ms);
    if (r->c->empty || r->c->skipped)
        fprintf(stderr, "empty documents %ld, records skipped %ld\n", r->c->empty, r->c->skipped);
    for (int i = 1; i <= 20; i++)
        if (r->by_root[i]) {
            char code[3] = {(char)('0' + i / 10), (char)('0' + i % 10), 0};
            const code_cameo_entry *ce = code_cameo_get(r->eng.cam, code);
            fprintf(stderr, "  %s %-40s %ld\n", code, ce ? ce->name : "", r->by_root[i]);
        }
}

int cmd_code(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_INPUT_LONGOPTS,
        CLI_SHARD_LONGOPT,
        {"format", required_argument, NULL, 'f'},
        {"threads", required_argument, NULL, 'j'},
        {"explain", no_argument, NULL, 2001},
        {"all-modalities", no_argument, NULL, 2002},
        {"summary", no_argument, NULL, 2003},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_input in = {0};
    code_opts co = {0};
    code_run *r = dy_calloc(1, sizeof *r);
    if (!r) {
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    r->c = c;
    r->threads = 1;
    int want_summary = 0, opt, rc = 0;
    optind = 1;
    opterr = 0;
    while (!rc && (opt = getopt_long(argc, argv, ":i:f:j:qh", opts, NULL)) != -1) {
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
        case 'h':
            fputs(code_help, stdout);
            dy_free(r);
            return CLI_EXIT_OK;
        case 'f':
            if (strcmp(optarg, "jsonl") == 0)
                r->format = CODE_OUT_JSONL;
            else if (strcmp(optarg, "tsv") == 0)
                r->format = CODE_OUT_TSV;
            else if (strcmp(optarg, "plover") == 0)
                r->format = OUT_PLOVER;
            else
                rc = cli_usage(c, "--format: expected jsonl, tsv or plover, got '%s'", optarg);
            break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > MAX_THREADS)
                rc = cli_usage(c, "--threads: expected a number from 1 to %d, got '%s'",
                               MAX_THREADS, optarg);
            r->threads = (int)n;
            break;
        }
        case 2001: r->explain = 1; break;
        case 2002: co.all_modalities = 1; break;
        case 2003: want_summary = 1; break;
        case ':': rc = cli_usage(c, "option '%s' needs an argument", argv[optind - 1]); break;
        default: rc = cli_usage(c, "unknown option '%s'", argv[optind - 1]); break;
        }
    }
    if (rc) {
        dy_free(r);
        return rc;
    }
    /* --summary reports loading and coding apart: loading the dictionaries
     * is a fixed cost per run, coding is what grows with the corpus. */
    struct timespec tl, t0;
    clock_gettime(CLOCK_MONOTONIC, &tl);
    rc = cli_engine_open(c, &in, &co, &r->eng);
    if (rc) {
        dy_free(r);
        return rc;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    r->load_ms = (double)(t0.tv_sec - tl.tv_sec) * 1e3 + (double)(t0.tv_nsec - tl.tv_nsec) / 1e6;
    rc = cli_input_paths(c, &in, argv + optind, argc - optind);
    for (int i = 0; !rc && i < r->threads; i++)
        if (!(r->arenas[i] = dy_arena_new())) {
            cli_errorf("out of memory");
            rc = CLI_EXIT_FAIL;
        }
    if (!rc && dy_pipe_new(r->threads, WINDOW, work, done, r, &r->pipe) != 0) {
        cli_errorf("cannot start the coding threads");
        rc = CLI_EXIT_FAIL;
    }
    if (!rc && r->format == CODE_OUT_TSV) {
        dy_buf h = {0};
        code_event_write_tsv_header(&h, r->explain);
        fwrite(h.data, 1, h.len, stdout);
        dy_buf_free(&h);
    }
    in.take_docs = 1;
    if (!rc)
        rc = cli_each_doc(c, &in, add_doc, r);
    int frc = dy_pipe_finish(r->pipe, 0); /* writes what is pending; after an
                                             error it only frees documents */
    if (!rc)
        rc = frc;
    if (fflush(stdout) != 0 && rc == 0) {
        cli_errorf("write error on standard output");
        rc = CLI_EXIT_FAIL;
    }
    if (!rc && r->format == OUT_PLOVER && r->unmapped && !c->quiet)
        fprintf(stderr, "dyad: %ld event%s of CAMEO roots 01 and 02 (statements, appeals) "
                        "left out: PLOVER has no type for them\n",
                r->unmapped, r->unmapped == 1 ? "" : "s");
    if (!rc && want_summary) {
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        summary(r, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
                (double)r->bytes / 1e6);
    }
    for (int i = 0; i < MAX_THREADS; i++)
        dy_arena_free(r->arenas[i]);
    while (r->free_jobs) {
        job *j = r->free_jobs;
        r->free_jobs = j->next_free;
        dy_buf_free(&j->out);
        dy_free(j);
    }
    cli_engine_close(&r->eng);
    cli_input_free(&in);
    dy_free(r);
    return rc ? rc : cli_finish(c);
}
