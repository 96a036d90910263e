/* cmd_code.c - `dyad code`: documents in, CAMEO events out. */
#include "cli/engine.h"
#include "core/buf.h"

#include <stdio.h>
#include <string.h>

static const char code_help[] =
    "Usage: dyad code [OPTIONS] [PATH...]\n\n"
    "Code documents (files, directories, or standard input when no PATH or '-')\n"
    "into CAMEO events, one per line (docs/formats.md).\n\nOptions:\n" CLI_INPUT_HELP
    "  -f, --format FORMAT  jsonl (default) or tsv\n"
    "      --explain        add the dictionary entries, token spans, modality cue\n"
    "                       and time expression behind each event\n"
    "      --all-modalities also write negated, future, hypothetical and alleged events\n"
    "      --summary        print counts (documents, sentences, events by root) on stderr\n"
    "  -h, --help           show this help\n";

typedef struct code_run {
    cli_ctx *c;
    cli_engine eng;
    dy_arena *arena;
    dy_buf out;
    int format, explain;
    long docs, sents, events, timexes;
    long by_root[21];
} code_run;

static int code_doc(void *ud, const txt_doc *d)
{
    code_run *r = ud;
    txt_analysis an;
    dy_err e;
    dy_err_clear(&e);
    dy_arena_reset(r->arena);
    code_event *ev;
    size_t nev;
    if (txt_analyze(d, r->arena, &an, &e) != 0 ||
        code_document(r->eng.coder, &an, r->arena, &ev, &nev, &e) != 0) {
        cli_errorf("%s: %s", d->id, e.msg[0] ? e.msg : dy_status_str(e.code));
        return CLI_EXIT_FAIL;
    }
    r->docs++;
    r->sents += (long)an.nsent;
    r->timexes += (long)an.ntimex;
    dy_buf_reset(&r->out);
    for (size_t i = 0; i < nev; i++) {
        code_event_write(&r->out, r->format, d, &an, &ev[i], r->eng.cam, r->explain);
        int root = (ev[i].code[0] - '0') * 10 + (ev[i].code[1] - '0');
        if (root >= 0 && root <= 20)
            r->by_root[root]++;
    }
    r->events += (long)nev;
    if (r->out.oom) {
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    if (r->out.len && fwrite(r->out.data, 1, r->out.len, stdout) != r->out.len) {
        cli_errorf("write error on standard output");
        return CLI_EXIT_FAIL;
    }
    return 0;
}

static void summary(const code_run *r)
{
    fprintf(stderr, "documents %ld, sentences %ld, time expressions %ld, events %ld\n", r->docs,
            r->sents, r->timexes, r->events);
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
        {"format", required_argument, NULL, 'f'},
        {"explain", no_argument, NULL, 2001},
        {"all-modalities", no_argument, NULL, 2002},
        {"summary", no_argument, NULL, 2003},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_input in = {0};
    code_opts co = {0};
    code_run r = {.c = c};
    int want_summary = 0, opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":i:f:qh", opts, NULL)) != -1) {
        if (opt == 'i')
            opt = 1001;
        int rc = cli_input_option(c, &in, opt, optarg);
        if (rc == 1)
            continue;
        if (rc)
            return rc;
        switch (opt) {
        case 'h':
            fputs(code_help, stdout);
            return CLI_EXIT_OK;
        case 'f':
            if (strcmp(optarg, "jsonl") == 0)
                r.format = CODE_OUT_JSONL;
            else if (strcmp(optarg, "tsv") == 0)
                r.format = CODE_OUT_TSV;
            else
                return cli_usage(c, "--format: expected jsonl or tsv, got '%s'", optarg);
            break;
        case 2001: r.explain = 1; break;
        case 2002: co.all_modalities = 1; break;
        case 2003: want_summary = 1; break;
        case ':': return cli_usage(c, "option '%s' needs an argument", argv[optind - 1]);
        default: return cli_usage(c, "unknown option '%s'", argv[optind - 1]);
        }
    }
    int rc = cli_engine_open(c, &in, &co, &r.eng);
    if (rc)
        return rc;
    rc = cli_input_paths(c, &in, argv + optind, argc - optind);
    if (rc) {
        cli_engine_close(&r.eng);
        return rc;
    }
    r.arena = dy_arena_new();
    if (!r.arena) {
        cli_errorf("out of memory");
        rc = CLI_EXIT_FAIL;
    }
    if (!rc && r.format == CODE_OUT_TSV) {
        dy_buf_reset(&r.out);
        code_event_write_tsv_header(&r.out, r.explain);
        fwrite(r.out.data, 1, r.out.len, stdout);
    }
    if (!rc)
        rc = cli_each_doc(c, &in, code_doc, &r);
    if (fflush(stdout) != 0 && rc == 0) {
        cli_errorf("write error on standard output");
        rc = CLI_EXIT_FAIL;
    }
    if (!rc && want_summary)
        summary(&r);
    dy_buf_free(&r.out);
    dy_arena_free(r.arena);
    cli_engine_close(&r.eng);
    cli_input_free(&in);
    return rc ? rc : cli_finish(c);
}
