/* cmd_eval.c - `dyad eval GOLD.tsv`: code the documents of a gold file and
 * score the events against it (the eval stage, docs/eval.md). */
#include "cli/eval_cli.h"
#include "core/alloc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char eval_help[] =
    "Usage: dyad eval [OPTIONS] GOLD.tsv\n\n"
    "Code the documents of a gold file and score the events against it. The\n"
    "format is told by the header (or --gold):\n"
    "  articles   columns doc sent start end source target code date modality note:\n"
    "             every sentence of whole articles (realnews_gold.X.tsv); the articles\n"
    "             are read from --articles FILE, else from realnews_articles.X.jsonl\n"
    "             next to the gold file. Prints precision, recall and F1 at the levels\n"
    "             root, full (+ source and target country), code and date, events in\n"
    "             no-event sentences, must-not rows hit, and all of it by source\n"
    "             (the figures of ../shared/eval/score_articles.py).\n"
    "  sentences  columns id cameo_code source target sentence: one sentence per row;\n"
    "             prints coverage, root, exact-code, actor and full accuracy.\n"
    "  golden     the coder's golden sentences (tests/golden/coder, several\n"
    "             files allowed): every row is coded with --all-modalities and its\n"
    "             date and checked against its expected events; rows whose id ends\n"
    "             in -xfail are known failures. Exit 1 when a row fails.\n\n"
    "Options:\n"
    "      --gold articles|sentences  the gold format (default: by the header)\n"
    "      --articles FILE  the articles of an articles gold (JSON lines)\n"
    "  -f, --format text|json  a readable report (default) or one JSON object\n"
    "      --misses         list every false positive and missed gold event, grouped\n"
    "                       by cause, with the reasons of each event (text only)\n"
    "      --all-modalities also score negated, future, hypothetical, alleged events\n"
    "  -j, --threads N      code with N threads (same figures for any N)\n" CLI_INPUT_HELP
    "  -h, --help           show this help\n";

typedef struct eval_args {
    int kind;              /* EVAL_GOLD_* forced by --gold, else UNKNOWN */
    const char *articles;  /* --articles */
    int json, misses, threads;
    code_opts co;
    cli_input in;
} eval_args;

/* Handle eval's own option opt (argument arg) into a. Returns 0, 1 after
 * --help, or CLI_EXIT_USAGE. */
static int take_option(cli_ctx *c, eval_args *a, int opt, const char *arg, const char *word)
{
    char *end;
    switch (opt) {
    case 'h': fputs(eval_help, stdout); return 1;
    case 2001: a->misses = 1; return 0;
    case 2002: a->co.all_modalities = 1; return 0;
    case 2003:
        if (strcmp(arg, "articles") == 0)
            a->kind = EVAL_GOLD_ARTICLES;
        else if (strcmp(arg, "sentences") == 0)
            a->kind = EVAL_GOLD_SENTENCES;
        else
            return cli_usage(c, "--gold: expected articles or sentences, got '%s'", arg);
        return 0;
    case 2004: a->articles = arg; return 0;
    case 'f':
        if (strcmp(arg, "text") != 0 && strcmp(arg, "json") != 0)
            return cli_usage(c, "--format: expected text or json, got '%s'", arg);
        a->json = arg[0] == 'j';
        return 0;
    case 'j':
        a->threads = (int)strtol(arg, &end, 10);
        if (*end || !arg[0] || a->threads < 1 || a->threads > 64)
            return cli_usage(c, "--threads: expected a number from 1 to 64, got '%s'", arg);
        return 0;
    case ':': return cli_usage(c, "option '%s' needs an argument", word);
    default: return cli_usage(c, "unknown option '%s'", word);
    }
}

/* Options into a; returns 0, CLI_EXIT_OK after --help (*done set) or
 * CLI_EXIT_USAGE. */
static int parse_args(cli_ctx *c, int argc, char **argv, eval_args *a, int *done)
{
    static const struct option opts[] = {
        CLI_INPUT_LONGOPTS,
        {"gold", required_argument, NULL, 2003},
        {"articles", required_argument, NULL, 2004},
        {"format", required_argument, NULL, 'f'},
        {"threads", required_argument, NULL, 'j'},
        {"misses", no_argument, NULL, 2001},
        {"all-modalities", no_argument, NULL, 2002},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":i:f:j:qh", opts, NULL)) != -1) {
        int rc = cli_input_option(c, &a->in, opt == 'i' ? 1001 : opt, optarg);
        if (rc == 1)
            continue;
        if (!rc)
            rc = take_option(c, a, opt, optarg, argv[optind - 1]);
        if (rc == 1)
            *done = 1;
        if (rc)
            return rc == 1 ? CLI_EXIT_OK : rc;
    }
    if (argc - optind < 1)
        return cli_usage(c, "expected a gold file");
    if (a->misses && a->json)
        return cli_usage(c, "--misses writes text: it does not go with --format json");
    return 0;
}

/* Write b to standard output. */
static int emit(dy_buf *b)
{
    if (b->oom) {
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    if ((b->len && fwrite(b->data, 1, b->len, stdout) != b->len) || fflush(stdout) != 0) {
        cli_errorf("write error on standard output");
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* The sentences format: code each row's sentence, score, report. */
static int eval_sentence_gold(cli_ctx *c, const char *path, eval_args *a)
{
    if (a->articles)
        return cli_usage(c, "--articles is for the articles gold format");
    dy_err e;
    dy_err_clear(&e);
    eval_sentences *g;
    if (eval_sentences_load(path, &g, &e) != 0) {
        cli_print_err(&e);
        return CLI_EXIT_FAIL;
    }
    cli_engine eng;
    int rc = cli_engine_open(c, &a->in, &a->co, &eng);
    if (!rc) {
        const txt_date *date = a->in.ropts.default_date.prec ? &a->in.ropts.default_date : NULL;
        rc = cli_eval_code_sentences(&eng, date, g);
        cli_engine_close(&eng);
    }
    dy_buf out = {0};
    if (!rc) {
        if (a->json)
            eval_sentences_write_json(g, &out);
        else
            eval_sentences_write_report(g, &out);
        if (a->misses)
            eval_sentences_write_misses(g, &out);
        rc = emit(&out);
    }
    dy_buf_free(&out);
    eval_sentences_free(g);
    return rc;
}

/* The articles file of gold path: --articles, else the one next to it. */
static int articles_path(const char *gold, const eval_args *a, char *out, size_t n)
{
    if (a->articles) {
        snprintf(out, n, "%s", a->articles);
        return 0;
    }
    struct stat st;
    if (eval_articles_default_path(gold, out, n) != 0) {
        cli_errorf("%s: cannot tell its articles file (a name with \"gold\" gives the one "
                   "with \"articles\"): use --articles FILE", gold);
        return CLI_EXIT_USAGE;
    }
    if (stat(out, &st) != 0) {
        cli_errorf("%s: no articles file %s next to it: use --articles FILE", gold, out);
        return CLI_EXIT_FAIL;
    }
    return 0;
}

/* Code the articles into g, score them and write the report. */
static int score_articles(cli_ctx *c, eval_args *a, eval_articles *g)
{
    cli_engine eng;
    int rc = cli_engine_open(c, &a->in, &a->co, &eng);
    if (rc)
        return rc;
    rc = cli_eval_code_articles(c, &a->in, &eng, a->threads ? a->threads : 1, g);
    cli_engine_close(&eng);
    dy_err e;
    dy_err_clear(&e);
    if (!rc && eval_articles_finish(g, &e) != 0) {
        cli_print_err(&e);
        rc = CLI_EXIT_FAIL;
    }
    if (!rc && eval_articles_docs_unread(g) && !c->quiet)
        fprintf(stderr, "dyad: warning: %ld documents of the gold are not among the articles\n",
                eval_articles_docs_unread(g));
    dy_buf out = {0};
    if (!rc) {
        if (a->json)
            eval_articles_write_json(g, &out);
        else
            eval_articles_write_report(g, &out);
        if (a->misses) {
            dy_buf_addc(&out, '\n');
            eval_articles_write_misses(g, &out);
        }
        rc = emit(&out);
    }
    dy_buf_free(&out);
    return rc;
}

/* The articles format: read the gold, code its articles, report. */
static int eval_article_gold(cli_ctx *c, const char *path, eval_args *a)
{
    char apath[PATH_MAX];
    int rc = articles_path(path, a, apath, sizeof apath);
    if (rc)
        return rc;
    dy_err e;
    dy_err_clear(&e);
    eval_articles *g;
    if (eval_articles_load(path, &g, &e) != 0) {
        cli_print_err(&e);
        return CLI_EXIT_FAIL;
    }
    char *paths[1] = {apath};
    rc = cli_input_paths(c, &a->in, paths, 1);
    if (!rc)
        rc = score_articles(c, a, g);
    eval_articles_free(g);
    return rc;
}

/* Code one golden row and check it; failures are printed (FAIL lines as
 * tests/cli reads them). Returns 0 (*ok set), or CLI_EXIT_FAIL. */
static int golden_row(const cli_engine *eng, const char *file, const eval_golden_row *r,
                      dy_arena *a, int *ok)
{
    dy_arena_reset(a);
    txt_doc d = {.id = r->id, .text = r->text, .len = strlen(r->text), .date = r->date};
    txt_analysis an;
    code_event *ev;
    size_t nev;
    dy_err e;
    dy_err_clear(&e);
    if (cli_code_doc(eng, &d, a, &an, &ev, &nev, &e) != 0) {
        cli_print_err(&e);
        return CLI_EXIT_FAIL;
    }
    eval_event *evs = dy_arena_calloc(a, nev ? nev : 1, sizeof *evs);
    eval_event_store *st = dy_arena_calloc(a, nev ? nev : 1, sizeof *st);
    if (!evs || !st) {
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    for (size_t i = 0; i < nev; i++)
        eval_event_from_code(&evs[i], &st[i], &d, &an, &ev[i]);
    dy_buf why = {0};
    *ok = eval_golden_match(r->expected, evs, nev, &why) == 0;
    size_t idn = strlen(r->id);
    int xfail = idn > 6 && strcmp(r->id + idn - 6, "-xfail") == 0;
    if (*ok && xfail)
        printf("note: golden %s %s passes (xfail row)\n", file, r->id);
    if (!*ok && !xfail) {
        printf("FAIL: golden %s %s: got [", file, r->id);
        for (size_t i = 0; i < nev; i++)
            printf("%s%s>%s:%s@%s!%s", i ? " " : "", evs[i].source ? evs[i].source : "",
                   evs[i].target ? evs[i].target : "", evs[i].code,
                   evs[i].date && *evs[i].date ? evs[i].date : "null",
                   evs[i].modality ? evs[i].modality : "asserted");
        printf("] %s\n", why.data ? why.data : "");
    }
    dy_buf_free(&why);
    return 0;
}

/* The golden format: every row of every file, in one process. */
static int eval_golden(cli_ctx *c, const char *const *files, size_t nfiles, eval_args *a)
{
    a->co.all_modalities = 1;
    cli_engine eng;
    if (cli_engine_open(c, &a->in, &a->co, &eng))
        return CLI_EXIT_FAIL;
    dy_arena *ar = dy_arena_new();
    long pass = 0, xpass = 0, xfail = 0, failed = 0;
    int rc = 0;
    if (!ar) {
        /* No scores at all: a failure, never a report of zeros. */
        cli_errorf("out of memory");
        rc = CLI_EXIT_FAIL;
    }
    for (size_t f = 0; !rc && f < nfiles; f++) {
        eval_golden_row *rows;
        size_t n;
        dy_err e;
        dy_err_clear(&e);
        if (eval_golden_read(files[f], &rows, &n, &e) != 0) {
            cli_print_err(&e);
            rc = CLI_EXIT_FAIL;
            break;
        }
        const char *base = strrchr(files[f], '/');
        base = base ? base + 1 : files[f];
        for (size_t i = 0; !rc && i < n; i++) {
            int ok = 0;
            rc = golden_row(&eng, base, &rows[i], ar, &ok);
            size_t idn = strlen(rows[i].id);
            int xf = idn > 6 && strcmp(rows[i].id + idn - 6, "-xfail") == 0;
            pass += ok;
            xpass += ok && xf;
            xfail += !ok && xf;
            failed += !ok && !xf;
        }
        eval_golden_free(rows, n);
    }
    dy_arena_free(ar);
    cli_engine_close(&eng);
    if (rc)
        return rc;
    printf("golden: %ld passed (%ld xfail rows passing), %ld xfail, %ld failed\n", pass, xpass,
           xfail, failed);
    if (fflush(stdout) != 0) {
        cli_errorf("write error on standard output");
        return CLI_EXIT_FAIL;
    }
    return failed ? CLI_EXIT_FAIL : 0;
}

int cmd_eval(cli_ctx *c, int argc, char **argv)
{
    eval_args a = {0};
    int done = 0;
    int rc = parse_args(c, argc, argv, &a, &done);
    if (rc || done)
        return rc;
    const char *gold = argv[optind];
    int kind = a.kind;
    dy_err e;
    dy_err_clear(&e);
    if (!kind) {
        if (eval_gold_detect(gold, &kind, &e) != 0) {
            cli_print_err(&e);
            return CLI_EXIT_FAIL;
        }
        if (!kind) {
            cli_errorf("%s:1: expected a gold header: doc sent start end source target code "
                       "date modality note (articles) or id cameo_code source target sentence "
                       "(sentences)", gold);
            return CLI_EXIT_FAIL;
        }
    }
    if (kind != EVAL_GOLD_GOLDEN && argc - optind != 1) {
        cli_input_free(&a.in);
        return cli_usage(c, "expected one gold file (several only of golden sentences)");
    }
    rc = kind == EVAL_GOLD_ARTICLES ? eval_article_gold(c, gold, &a)
         : kind == EVAL_GOLD_GOLDEN ? eval_golden(c, (const char *const *)argv + optind,
                                                  (size_t)(argc - optind), &a)
                                    : eval_sentence_gold(c, gold, &a);
    cli_input_free(&a.in);
    return rc ? rc : cli_finish(c);
}
