/* cmd_parse.c - `dyad parse`: documents as CoNLL-U with the syntax stage's
 * tags and trees, or --eval: accuracy on a treebank. */
#include "cli/cli.h"
#include "core/buf.h"
#include "syntax/syntax.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char parse_help[] =
    "Usage: dyad parse [OPTIONS] [PATH...]\n"
    "       dyad parse --eval TREEBANK.conllu [--model FILE]\n\n"
    "Read documents (files, directories, or standard input when no PATH or '-')\n"
    "and print every sentence as CoNLL-U: token, lemma, UPOS, the treebank's\n"
    "fine tag, head and dependency relation, with the token's byte offsets in\n"
    "the document text in the last column (start=...|end=...). This is the\n"
    "analysis the coder uses.\n\n"
    "With --eval, tag and parse the gold words of a CoNLL-U treebank (with\n"
    "predicted tags) and print, as JSON on the last line, the sentences,\n"
    "tokens, and the UPOS accuracy, UAS and LAS (punctuation included, LAS on\n"
    "universal relations, as the CoNLL 2018 shared task counts).\n\nOptions:\n" CLI_INPUT_HELP
    "      --model FILE     syntax model (default: DATA/syntax/en.model)\n"
    "      --eval FILE      measure on a CoNLL-U treebank instead\n"
    "      --count          print no trees, only the totals and the speed of\n"
    "                       tagging and parsing (JSON; make bench)\n"
    "  -h, --help           show this help\n";

typedef struct parse_run {
    const syn_model *m;
    dy_arena *arena;
    dy_buf out;
    int count;              /* --count: analyse, print only the totals */
    long docs, sents, tokens;
    double seconds;         /* in the syntax stage */
} parse_run;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One CoNLL-U field: the token text with tabs and line breaks as spaces. */
static void field(dy_buf *b, const char *s, size_t n)
{
    if (n == 0) {
        dy_buf_addc(b, '_');
        return;
    }
    dy_buf_tsv_str(b, s, n);
}

static void write_sentence(parse_run *r, const txt_doc *d, const txt_analysis *an, size_t si,
                           const syn_tree *t)
{
    const txt_sentence *s = &an->sents[si];
    dy_buf *b = &r->out;
    dy_buf_printf(b, "# sent_id = %s-%zu\n# text = ", d->id, si + 1);
    dy_buf_tsv_str(b, d->text + s->start, s->end - s->start);
    dy_buf_addc(b, '\n');
    for (uint32_t i = 0; i < t->n; i++) {
        const txt_token *k = &an->toks[s->tok_begin + i];
        char lemma[128];
        size_t ln = syn_lemma(r->m, k, t->upos[i], t->xpos[i], lemma, sizeof lemma);
        dy_buf_printf(b, "%u\t", i + 1);
        field(b, d->text + k->start, k->end - k->start);
        dy_buf_addc(b, '\t');
        field(b, lemma, ln);
        dy_buf_printf(b, "\t%s\t%s\t_\t%d\t%s\t_\tstart=%u|end=%u\n", syn_upos_name(t->upos[i]),
                      syn_tag_name(r->m, t->tag[i]), t->head[i] + 1, syn_rel_name(t->rel[i]),
                      (unsigned)k->start, (unsigned)k->end);
    }
    dy_buf_addc(b, '\n');
}

static int parse_doc(void *ud, txt_doc *d)
{
    parse_run *r = ud;
    txt_analysis an;
    dy_err e;
    dy_err_clear(&e);
    dy_arena_reset(r->arena);
    if (txt_analyze(d, r->arena, &an, &e) != 0) {
        cli_errorf("%s: %s", d->id, e.msg[0] ? e.msg : dy_status_str(e.code));
        return CLI_EXIT_FAIL;
    }
    dy_buf_reset(&r->out);
    if (!r->count) {
        dy_buf_adds(&r->out, "# newdoc id = ");
        dy_buf_tsv_str(&r->out, d->id, strlen(d->id));
        dy_buf_addc(&r->out, '\n');
    }
    r->docs++;
    for (size_t i = 0; i < an.nsent; i++) {
        const txt_sentence *s = &an.sents[i];
        syn_tree t;
        double t0 = r->count ? now() : 0;
        int rc = syn_parse(r->m, an.toks + s->tok_begin, s->tok_end - s->tok_begin, r->arena,
                           &t, &e);
        if (rc == DY_ELIMIT)
            continue; /* not a sentence: a table or a list run together */
        if (rc) {
            cli_errorf("%s: out of memory", d->id);
            return CLI_EXIT_FAIL;
        }
        if (r->count) {
            r->seconds += now() - t0;
            r->sents++;
            r->tokens += (long)t.n;
            continue;
        }
        write_sentence(r, d, &an, i, &t);
    }
    if (r->out.oom) {
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    if (fwrite(r->out.data, 1, r->out.len, stdout) != r->out.len) {
        cli_errorf("write error on standard output");
        return CLI_EXIT_FAIL;
    }
    return 0;
}

static int eval(const syn_model *m, const char *path)
{
    syn_eval_result res;
    dy_err e;
    dy_err_clear(&e);
    if (syn_eval_conllu(m, path, &res, &e)) {
        cli_print_err(&e);
        return CLI_EXIT_FAIL;
    }
    double n = res.tokens ? (double)res.tokens : 1;
    printf("{\"sentences\":%ld,\"tokens\":%ld,\"upos\":%.4f,\"xpos\":%.4f,\"uas\":%.4f,"
           "\"las\":%.4f}\n",
           res.sentences, res.tokens, (double)res.upos / n, (double)res.xpos / n,
           (double)res.uas / n, (double)res.las / n);
    return CLI_EXIT_OK;
}

int cli_syntax_load(cli_ctx *c, const char *path, syn_model **m);
int cli_syntax_load(cli_ctx *c, const char *path, syn_model **m)
{
    char buf[PATH_MAX];
    if (!path) {
        if (!c->data_dir) {
            cli_errorf("cannot find dyad's data directory; set DYAD_DATA or use --model FILE");
            return CLI_EXIT_FAIL;
        }
        path = cli_data_path(c, "syntax/en.model", buf, sizeof buf);
    }
    dy_err e;
    dy_err_clear(&e);
    if (syn_model_load(path, m, &e)) {
        cli_print_err(&e);
        return CLI_EXIT_FAIL;
    }
    return 0;
}

int cmd_parse(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_INPUT_LONGOPTS,
        {"model", required_argument, NULL, 1},
        {"eval", required_argument, NULL, 2},
        {"count", no_argument, NULL, 3},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_input in = {0};
    const char *model = NULL, *gold = NULL;
    int opt, count = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "i:qh", opts, NULL)) != -1) {
        if (opt == 'i')
            opt = 1001;
        int rc = cli_input_option(c, &in, opt, optarg);
        if (rc == 1)
            continue;
        if (rc)
            return rc;
        if (opt == 1) {
            model = optarg;
        } else if (opt == 2) {
            gold = optarg;
        } else if (opt == 3) {
            count = 1;
        } else if (opt == 'h') {
            fputs(parse_help, stdout);
            return CLI_EXIT_OK;
        } else {
            return cli_usage(c, "unknown option");
        }
    }
    if (gold && optind < argc)
        return cli_usage(c, "--eval takes no document paths");
    syn_model *m = NULL;
    int rc = cli_syntax_load(c, model, &m);
    if (rc)
        return rc;
    if (gold) {
        rc = eval(m, gold);
        syn_model_free(m);
        return rc;
    }
    rc = cli_input_paths(c, &in, argv + optind, argc - optind);
    if (rc) {
        syn_model_free(m);
        return rc;
    }
    parse_run r = {.m = m, .arena = dy_arena_new(), .count = count};
    if (!r.arena) {
        cli_errorf("out of memory");
        rc = CLI_EXIT_FAIL;
    } else {
        rc = cli_each_doc(c, &in, parse_doc, &r);
    }
    if (count && rc == 0)
        printf("{\"documents\":%ld,\"sentences\":%ld,\"tokens\":%ld,\"seconds\":%.3f,"
               "\"tokens_per_second\":%.0f,\"model_bytes\":%zu}\n",
               r.docs, r.sents, r.tokens, r.seconds,
               r.seconds > 0 ? (double)r.tokens / r.seconds : 0.0, syn_model_bytes(m));
    if (fflush(stdout) != 0 && rc == 0) {
        cli_errorf("write error on standard output");
        rc = CLI_EXIT_FAIL;
    }
    dy_buf_free(&r.out);
    dy_arena_free(r.arena);
    cli_input_free(&in);
    syn_model_free(m);
    return rc ? rc : cli_finish(c);
}
