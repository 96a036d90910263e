/* eval_run.c - coding the documents of a gold file for `dyad eval`.
 *
 * Articles are coded in batches: N workers code the documents of a batch in
 * parallel, each document in its own arena, then the batch is handed to the
 * scorer in input order, so the figures are the same for any number of
 * threads (and the same events as `dyad code` writes). */
#include "cli/eval_cli.h"
#include "core/alloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

enum { BATCH = 64, MAX_THREADS = 64 };

typedef struct ejob {
    txt_doc *doc;
    dy_arena *a;          /* the job's: its analysis and events */
    txt_analysis an;
    code_event *ev;
    size_t nev;
    int failed;
    char msg[1100];
} ejob;

typedef struct erun {
    const cli_engine *eng;
    eval_articles *g;
    int threads;
    ejob jobs[BATCH];
    size_t njobs;
    atomic_size_t next;
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

/* A worker: code the jobs of the batch not taken yet. */
static void *work(void *arg)
{
    erun *r = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&r->next, 1);
        if (i >= r->njobs)
            break;
        code_one(r, &r->jobs[i]);
    }
    return NULL;
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

/* Code the pending batch in parallel, then score it in input order. */
static int flush_batch(erun *r)
{
    atomic_store(&r->next, 0);
    int nt = r->threads < (int)r->njobs ? r->threads : (int)r->njobs;
    pthread_t th[MAX_THREADS];
    int started = 0;
    for (int i = 0; nt > 1 && i < nt - 1; i++) {
        if (pthread_create(&th[i], NULL, work, r) != 0)
            break;
        started++;
    }
    work(r);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    int rc = 0;
    for (size_t i = 0; i < r->njobs; i++) {
        ejob *j = &r->jobs[i];
        if (!rc && j->failed) {
            cli_errorf("%s", j->msg);
            rc = CLI_EXIT_FAIL;
        }
        if (!rc)
            rc = score_job(r, j);
        txt_doc_free(j->doc);
        j->doc = NULL;
        j->failed = 0;
        j->nev = 0;
    }
    r->njobs = 0;
    return rc;
}

/* cli_each_doc callback: queue d (owned) in the batch; a full batch is
 * coded and scored. */
static int add_doc(void *ud, txt_doc *d)
{
    erun *r = ud;
    ejob *j = &r->jobs[r->njobs];
    if (!j->a && !(j->a = dy_arena_new())) {
        txt_doc_free(d);
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    j->doc = d;
    r->njobs++;
    return r->njobs == BATCH ? flush_batch(r) : 0;
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
    r->threads = threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS : threads;
    in->take_docs = 1;
    int rc = cli_each_doc(c, in, add_doc, r);
    int frc = r->njobs ? flush_batch(r) : 0; /* also frees documents left after an error */
    if (!rc)
        rc = frc;
    for (size_t i = 0; i < BATCH; i++)
        dy_arena_free(r->jobs[i].a);
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
