/* eval_run.c - coding the documents of a gold file for `dyad eval`.
 *
 * Articles go through the batch pipeline (core/pipe.h): N workers code
 * them, each document in its own arena, and they are handed to the scorer
 * in input order, so the figures are the same for any number of threads
 * (and the same events as `dyad code` writes). */
#include "cli/eval_cli.h"
#include "core/alloc.h"
#include "core/pipe.h"

#include <stdio.h>
#include <string.h>

/* WINDOW: documents in flight at most. */
enum { WINDOW = 64, MAX_THREADS = 64 };

typedef struct ejob {
    txt_doc *doc;
    dy_arena *a;          /* the job's: its analysis and events */
    txt_analysis an;
    code_event *ev;
    size_t nev;
    int failed;
    char msg[1100];
    struct ejob *next_free;
} ejob;

typedef struct erun {
    const cli_engine *eng;
    eval_articles *g;
    dy_pipe *pipe;
    ejob *free_jobs;      /* scored jobs, kept with their arenas */
} erun;

/* Code one document in its job's arena. Thread-safe. */
static void code_one(erun *r, ejob *j)
{
    dy_err e;
    dy_err_clear(&e);
    dy_arena_reset(j->a);
    if (cli_code_doc(r->eng, j->doc, j->a, &j->an, &j->ev, &j->nev, &e) != 0) {
        j->failed = 1;
        snprintf(j->msg, sizeof j->msg, "%s: %s", j->doc->id,
                 e.msg[0] ? e.msg : dy_status_str(e.code));
    }
}

/* Pipeline work on a worker thread. */
static void work(void *ud, int worker, void *item)
{
    (void)worker;
    code_one(ud, item);
}

/* The document and its events to the scorer. */
static int score_job(erun *r, ejob *j)
{
    dy_err e;
    dy_err_clear(&e);
    const txt_doc *d = j->doc;
    int rc = eval_articles_add_doc(r->g, d->id, d->source, d->text, d->len, &e);
    for (size_t k = 0; !rc && k < j->nev; k++) {
        eval_event ev;
        eval_event_store st;
        eval_event_from_code(&ev, &st, d, &j->an, &j->ev[k]);
        rc = eval_articles_add_event(r->g, &ev, &e);
    }
    if (rc)
        cli_print_err(&e);
    return rc ? CLI_EXIT_FAIL : 0;
}

/* Pipeline delivery, in input order: score the job (unless abandoned)
 * and put it back on the free list. Returns 0 or CLI_EXIT_FAIL. */
static int done(void *ud, void *item, int abandon)
{
    erun *r = ud;
    ejob *j = item;
    int rc = 0;
    if (!abandon && j->failed) {
        cli_errorf("%s", j->msg);
        rc = CLI_EXIT_FAIL;
    } else if (!abandon) {
        rc = score_job(r, j);
    }
    txt_doc_free(j->doc);
    j->doc = NULL;
    j->failed = 0;
    j->nev = 0;
    j->next_free = r->free_jobs;
    r->free_jobs = j;
    return rc;
}

/* cli_each_doc callback: queue d (owned) in the pipeline. */
static int add_doc(void *ud, txt_doc *d)
{
    erun *r = ud;
    ejob *j = r->free_jobs;
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

int cli_eval_code_articles(cli_ctx *c, cli_input *in, const cli_engine *eng, int threads,
                           eval_articles *g)
{
    erun *r = dy_calloc(1, sizeof *r);
    if (!r) {
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    r->eng = eng;
    r->g = g;
    int nt = threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS : threads;
    if (dy_pipe_new(nt, WINDOW, work, done, r, &r->pipe) != 0) {
        dy_free(r);
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    in->take_docs = 1;
    int rc = cli_each_doc(c, in, add_doc, r);
    /* Scores what is pending; after an error it only frees documents. */
    int frc = dy_pipe_finish(r->pipe, rc != 0);
    if (!rc)
        rc = frc;
    while (r->free_jobs) {
        ejob *j = r->free_jobs;
        r->free_jobs = j->next_free;
        dy_arena_free(j->a);
        dy_free(j);
    }
    dy_free(r);
    return rc;
}

/* Code one gold sentence and score it. a is reset first. */
static int code_sentence(const cli_engine *eng, const txt_date *date, eval_sentences *g,
                         size_t i, dy_arena *a, dy_err *e)
{
    const eval_sentence_row *x = eval_sentences_row(g, i);
    dy_arena_reset(a);
    txt_doc d = {.id = (char *)x->id, .text = (char *)x->sentence, .len = strlen(x->sentence)};
    if (date)
        d.date = *date;
    txt_analysis an;
    code_event *ev;
    size_t nev, nm;
    dict_mention *ms;
    int rc = cli_code_doc(eng, &d, a, &an, &ev, &nev, e);
    if (!rc)
        rc = dict_match(eng->ds, &an, &d.date, a, &ms, &nm, e);
    if (rc)
        return rc;
    eval_event *evs = dy_arena_calloc(a, nev ? nev : 1, sizeof *evs);
    eval_event_store *st = dy_arena_calloc(a, nev ? nev : 1, sizeof *st);
    const char **codes = dy_arena_calloc(a, nm ? nm : 1, sizeof *codes);
    if (!evs || !st || !codes)
        return dy_err_set(e, DY_ENOMEM, x->id, 0, -1, "out of memory");
    for (size_t k = 0; k < nev; k++)
        eval_event_from_code(&evs[k], &st[k], &d, &an, &ev[k]);
    for (size_t q = 0; q < nm; q++)
        codes[q] = ms[q].code;
    return eval_sentences_add(g, i, evs, nev, codes, nm, e);
}

int cli_eval_code_sentences(const cli_engine *eng, const txt_date *date, eval_sentences *g)
{
    dy_arena *a = dy_arena_new();
    if (!a) {
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    int rc = 0;
    for (size_t i = 0; !rc && i < eval_sentences_count(g); i++) {
        dy_err e;
        dy_err_clear(&e);
        if (code_sentence(eng, date, g, i, a, &e) != 0) {
            const eval_sentence_row *x = eval_sentences_row(g, i);
            cli_errorf("%s: %s", x->id, e.msg[0] ? e.msg : dy_status_str(e.code));
            rc = CLI_EXIT_FAIL;
        }
    }
    dy_arena_free(a);
    return rc;
}
