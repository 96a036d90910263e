/* cmd_recode.c - `dyad recode`: re-code the stored documents after a
 * dictionary change, from the text kept in the store (the sources are not
 * read again). Documents already coded with the current dictionary set are
 * left alone, so an interrupted recode is finished by running it again. */
#include "cli/ingest.h"
#include "core/alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char recode_help[] =
    "Usage: dyad recode --db PATH|URL [OPTIONS]\n\n"
    "Re-code every stored document whose events came from another version of\n"
    "the dictionaries (or cues, or CAMEO table), replacing its sentences and\n"
    "events. The stored document text is coded; sources are not re-read.\n\nOptions:\n"
    "      --db PATH|URL    the store\n"
    "      --dict DIR       use the dictionary set in DIR (repeatable)\n" CLI_SHARD_HELP
    "  -j, --threads N      code with N threads\n"
    "      --summary        print counts and rates on stderr at the end\n"
    "  -q, --quiet          no progress or warnings\n"
    "  -h, --help           show this help\n";

typedef struct idlist {
    char **ids;
    size_t n, cap;
    int oom;
    const cli_input *in;    /* --shard: the ids of other shards are left out */
} idlist;

/* Keep a copy of id (when in this process's shard). Returns 0, or 1 when
 * out of memory (l->oom set). */
static int collect(void *ud, const char *id)
{
    idlist *l = ud;
    if (!cli_in_shard(l->in, id))
        return 0;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 1024;
        char **p = dy_reallocarray(l->ids, nc, sizeof *p);
        if (!p)
            return l->oom = 1;
        l->ids = p;
        l->cap = nc;
    }
    if (!(l->ids[l->n] = dy_strdup(id)))
        return l->oom = 1;
    l->n++;
    return 0;
}

typedef struct got {
    txt_doc *d;
    int oom, bad_date;
} got;

static char *dup_or_null(const char *s, int *oom)
{
    if (!s)
        return NULL;
    char *d = dy_strdup(s);
    if (!d)
        *oom = 1;
    return d;
}

/* Rebuild a txt_doc from its stored form. */
static int got_doc(void *ud, const store_document *sd)
{
    got *g = ud;
    txt_doc *d = dy_calloc(1, sizeof *d);
    if (!d)
        return g->oom = 1;
    d->id = dup_or_null(sd->id, &g->oom);
    d->title = dup_or_null(sd->title, &g->oom);
    d->url = dup_or_null(sd->url, &g->oom);
    d->source = dup_or_null(sd->source, &g->oom);
    d->text = dup_or_null(sd->text ? sd->text : "", &g->oom);
    d->path = dup_or_null("store", &g->oom);
    d->len = sd->text ? strlen(sd->text) : 0;
    if (sd->date && txt_date_parse(sd->date, strlen(sd->date), &d->date) != 0)
        g->bad_date = 1;
    g->d = d;
    return 0;
}

int cmd_recode(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 2001},
                                         {"dict", required_argument, NULL, 1003},
                                         CLI_SHARD_LONGOPT,
                                         {"threads", required_argument, NULL, 'j'},
                                         {"summary", no_argument, NULL, 2002},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    cli_input in = {0};
    ingest_opts o = {.threads = 1};
    int opt, rc = 0;
    optind = 1;
    opterr = 0;
    while (!rc && (opt = getopt_long(argc, argv, ":j:qh", opts, NULL)) != -1) {
        int irc = cli_input_option(c, &in, opt, optarg);
        if (irc == 1)
            continue;
        if (irc) {
            rc = irc;
            break;
        }
        switch (opt) {
        case 'h': fputs(recode_help, stdout); return CLI_EXIT_OK;
        case 2001: o.db = optarg; break;
        case 2002: o.summary = 1; break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 64)
                rc = cli_usage(c, "--threads: expected a number from 1 to 64, got '%s'", optarg);
            o.threads = (int)n;
            break;
        }
        case ':': rc = cli_usage(c, "option '%s' needs an argument", argv[optind - 1]); break;
        default: rc = cli_usage(c, "unknown option '%s'", argv[optind - 1]); break;
        }
    }
    if (rc)
        return rc;
    if (!o.db)
        return cli_usage(c, "--db PATH or URL is required");
    if (optind < argc)
        return cli_usage(c, "unexpected argument '%s' (recode reads only the store)",
                         argv[optind]);
    ingest_run *r;
    if ((rc = ingest_start(c, &in, &o, &r)))
        return rc;
    idlist l = {.in = &in};
    dy_err e;
    dy_err_clear(&e);
    if (store_document_ids(ingest_store(r), ingest_dict_version(r), collect, &l, &e) < 0) {
        cli_print_err(&e);
        rc = CLI_EXIT_FAIL;
    } else if (l.oom) {
        cli_errorf("out of memory");
        rc = CLI_EXIT_FAIL;
    }
    o.total_bytes = 0;
    for (size_t i = 0; !rc && i < l.n; i++) {
        got g = {0};
        int grc = store_get_document(ingest_store(r), l.ids[i], got_doc, &g, &e);
        if (grc < 0) {
            cli_print_err(&e);
            rc = CLI_EXIT_FAIL;
        } else if (g.oom) {
            txt_doc_free(g.d);
            cli_errorf("out of memory");
            rc = CLI_EXIT_FAIL;
        } else if (g.d) {
            rc = ingest_add(r, g.d);
        }
    }
    rc = ingest_finish(r, rc);
    for (size_t i = 0; i < l.n; i++)
        dy_free(l.ids[i]);
    dy_free(l.ids);
    return rc;
}
