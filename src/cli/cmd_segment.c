/* cmd_segment.c - `dyad segment`: sentences and time expressions as JSON. */
#include "cli/cli.h"
#include "cli/engine.h"
#include "core/buf.h"

#include <stdio.h>
#include <string.h>

static const char segment_help[] =
    "Usage: dyad segment [OPTIONS] [PATH...]\n\n"
    "Read documents (files, directories, or standard input when no PATH or '-')\n"
    "and print one JSON line per sentence: doc, sent, start, end (byte offsets\n"
    "into the document text), text, headline, and the time expressions found\n"
    "(text, start, end, date, precision, end_date, list).\n\nOptions:\n" CLI_INPUT_HELP
    "  -h, --help           show this help\n";

typedef struct seg_run {
    cli_ctx *c;
    dy_arena *arena;
    dy_buf out;
    long docs, sents, timexes;
} seg_run;

static void write_timex(dy_buf *b, const txt_doc *d, const txt_timex *t)
{
    char date[11];
    dy_buf_adds(b, "{\"text\":");
    dy_buf_json_str(b, d->text + t->start, t->end - t->start);
    txt_date_format(&t->date, date);
    dy_buf_printf(b, ",\"start\":%u,\"end\":%u,\"date\":\"%s\",\"precision\":\"%s\"",
                  (unsigned)t->start, (unsigned)t->end, date, txt_prec_name(t->date.prec));
    if (t->end_date.prec) {
        txt_date_format(&t->end_date, date);
        dy_buf_printf(b, ",\"end_date\":\"%s\"", date);
    }
    if (t->list >= 0)
        dy_buf_printf(b, ",\"list\":%d", (int)t->list);
    dy_buf_addc(b, '}');
}

static int segment_doc(void *ud, txt_doc *d)
{
    seg_run *r = ud;
    txt_analysis an;
    dy_err e;
    dy_err_clear(&e);
    dy_arena_reset(r->arena);
    /* pieces of at most 1 MiB: memory bounded by the piece (engine.h) */
    if (cli_code_doc(NULL, d, r->arena, &an, NULL, NULL, &e) != 0) {
        cli_errorf("%s: %s", d->id, e.msg[0] ? e.msg : dy_status_str(e.code));
        return CLI_EXIT_FAIL;
    }
    r->docs++;
    for (size_t i = 0; i < an.nsent; i++) {
        const txt_sentence *s = &an.sents[i];
        dy_buf_reset(&r->out);
        dy_buf_adds(&r->out, "{\"doc\":");
        dy_buf_json_str(&r->out, d->id, strlen(d->id));
        dy_buf_printf(&r->out, ",\"sent\":%zu,\"start\":%u,\"end\":%u,\"text\":", i,
                      (unsigned)s->start, (unsigned)s->end);
        dy_buf_json_str(&r->out, d->text + s->start, s->end - s->start);
        dy_buf_printf(&r->out, ",\"headline\":%s,\"timex\":[",
                      (s->flags & TXT_SENT_HEADLINE) ? "true" : "false");
        for (uint32_t t = s->timex_begin; t < s->timex_end; t++) {
            if (t > s->timex_begin)
                dy_buf_addc(&r->out, ',');
            write_timex(&r->out, d, &an.timex[t]);
        }
        dy_buf_adds(&r->out, "]}\n");
        if (r->out.oom) {
            cli_errorf("out of memory");
            return CLI_EXIT_FAIL;
        }
        if (fwrite(r->out.data, 1, r->out.len, stdout) != r->out.len) {
            cli_errorf("write error on standard output");
            return CLI_EXIT_FAIL;
        }
        r->sents++;
        r->timexes += s->timex_end - s->timex_begin;
    }
    return 0;
}

int cmd_segment(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_INPUT_LONGOPTS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_input in = {0};
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "i:qh", opts, NULL)) != -1) {
        if (opt == 'i')
            opt = 1001;
        int rc = cli_input_option(c, &in, opt, optarg);
        if (rc == 1)
            continue;
        if (rc)
            return rc;
        if (opt == 'h') {
            fputs(segment_help, stdout);
            return CLI_EXIT_OK;
        }
        return cli_usage(c, "unknown option");
    }
    int rc = cli_input_paths(c, &in, argv + optind, argc - optind);
    if (rc)
        return rc;
    seg_run r = {.c = c, .arena = dy_arena_new()};
    if (!r.arena) {
        cli_input_free(&in);
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    rc = cli_each_doc(c, &in, segment_doc, &r);
    if (fflush(stdout) != 0 && rc == 0) {
        cli_errorf("write error on standard output");
        rc = CLI_EXIT_FAIL;
    }
    dy_buf_free(&r.out);
    dy_arena_free(r.arena);
    cli_input_free(&in);
    if (rc)
        return rc;
    if (!c->quiet && (c->skipped || c->empty))
        cli_errorf("%ld documents, %ld sentences; %ld empty documents, %ld records skipped",
                   r.docs, r.sents, c->empty, c->skipped);
    return cli_finish(c);
}
