/* cmd_actors.c - `dyad actors`: actor mentions as JSON lines, or the unknown
 * named entities by frequency (--unknown). */
#include "cli/engine.h"
#include "core/alloc.h"
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char actors_help[] =
    "Usage: dyad actors [OPTIONS] [PATH...]\n\n"
    "Print every actor mention of the documents as a JSON line: doc, sent, code\n"
    "(resolved for the document date), start, end (byte offsets), text, entry\n"
    "(file:line of the dictionary entry), kind, list (compound list id or null).\n\n"
    "Options:\n" CLI_INPUT_HELP
    "      --unknown        instead, list capitalised names that no dictionary knows,\n"
    "                       by frequency, with an example sentence each (TSV)\n"
    "      --min N          with --unknown: only names seen at least N times (default 1)\n"
    "  -h, --help           show this help\n";

typedef struct unk {
    char *name;
    long count;
    char *example;
} unk;

typedef struct actors_run {
    cli_ctx *c;
    cli_engine eng;
    dy_arena *arena;
    dy_buf out;
    int unknown;
    unk *u;          /* open-addressing table keyed by name */
    size_t ucap, un;
    int oom;
} actors_run;

static uint64_t str_hash(const char *s) { return txt_hash(s, strlen(s)); }

static void unk_add(actors_run *r, const char *name, size_t n, const char *sent, size_t sn)
{
    if (r->oom)
        return;
    if ((r->un + 1) * 2 > r->ucap) {
        size_t nc = r->ucap ? r->ucap * 2 : 1024;
        unk *nu = dy_calloc(nc, sizeof *nu);
        if (!nu) {
            r->oom = 1;
            return;
        }
        for (size_t i = 0; i < r->ucap; i++) {
            if (!r->u[i].name)
                continue;
            size_t j = str_hash(r->u[i].name) & (nc - 1);
            while (nu[j].name)
                j = (j + 1) & (nc - 1);
            nu[j] = r->u[i];
        }
        dy_free(r->u);
        r->u = nu;
        r->ucap = nc;
    }
    uint64_t h = txt_hash(name, n);
    size_t j = h & (r->ucap - 1);
    while (r->u[j].name) {
        if (strlen(r->u[j].name) == n && memcmp(r->u[j].name, name, n) == 0) {
            r->u[j].count++;
            return;
        }
        j = (j + 1) & (r->ucap - 1);
    }
    r->u[j].name = dy_strndup(name, n);
    r->u[j].example = dy_strndup(sent, sn > 300 ? 300 : sn);
    r->u[j].count = 1;
    if (!r->u[j].name || !r->u[j].example)
        r->oom = 1;
    r->un++;
}

static int actors_doc(void *ud, txt_doc *d)
{
    actors_run *r = ud;
    txt_analysis an;
    dy_err e;
    dy_err_clear(&e);
    dy_arena_reset(r->arena);
    dict_mention *ms;
    size_t nm;
    if (txt_analyze(d, r->arena, &an, &e) ||
        dict_match(r->eng.ds, &an, &d->date, r->arena, &ms, &nm, &e)) {
        cli_errorf("%s: %s", d->id, e.msg[0] ? e.msg : dy_status_str(e.code));
        return CLI_EXIT_FAIL;
    }
    if (r->unknown) {
        for (uint32_t s = 0; s < an.nsent; s++) {
            uint32_t(*names)[2];
            size_t nn;
            if (dict_unknown_names(r->eng.ds, &an, s, ms, nm, r->arena, &names, &nn)) {
                cli_errorf("out of memory");
                return CLI_EXIT_FAIL;
            }
            const txt_sentence *st = &an.sents[s];
            for (size_t k = 0; k < nn; k++) {
                uint32_t b = an.toks[names[k][0]].start, en = an.toks[names[k][1] - 1].end;
                unk_add(r, d->text + b, en - b, d->text + st->start, st->end - st->start);
            }
        }
        return r->oom ? CLI_EXIT_FAIL : 0;
    }
    dy_buf_reset(&r->out);
    for (size_t i = 0; i < nm; i++) {
        const dict_mention *m = &ms[i];
        dy_buf_adds(&r->out, "{\"doc\":");
        dy_buf_json_str(&r->out, d->id, strlen(d->id));
        dy_buf_printf(&r->out, ",\"sent\":%u,\"code\":", (unsigned)m->sent);
        dy_buf_json_str(&r->out, m->code, strlen(m->code));
        dy_buf_printf(&r->out, ",\"start\":%u,\"end\":%u,\"text\":", (unsigned)m->start,
                      (unsigned)m->end);
        dy_buf_json_str(&r->out, d->text + m->start, m->end - m->start);
        const char *ref = m->entry ? dict_entry_ref(m->entry) : dict_entry_ref(m->agent);
        dy_buf_adds(&r->out, ",\"entry\":");
        dy_buf_json_str(&r->out, ref, strlen(ref));
        if (m->agent && m->entry) {
            dy_buf_adds(&r->out, ",\"agent\":");
            dy_buf_json_str(&r->out, dict_entry_ref(m->agent), strlen(dict_entry_ref(m->agent)));
        }
        const char *kind = m->entry ? dict_kind_name(dict_entry_kind(m->entry)) : "agent";
        dy_buf_printf(&r->out, ",\"kind\":\"%s\",\"list\":", kind);
        if (m->list >= 0)
            dy_buf_printf(&r->out, "%d}\n", (int)m->list);
        else
            dy_buf_adds(&r->out, "null}\n");
    }
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

static int cmp_unk(const void *a, const void *b)
{
    const unk *x = a, *y = b;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(x->name, y->name);
}

int cmd_actors(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_INPUT_LONGOPTS,
        {"unknown", no_argument, NULL, 2001},
        {"min", required_argument, NULL, 2002},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_input in = {0};
    actors_run r = {.c = c};
    long min = 1;
    int opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":i:qh", opts, NULL)) != -1) {
        if (opt == 'i')
            opt = 1001;
        int rc = cli_input_option(c, &in, opt, optarg);
        if (rc == 1)
            continue;
        if (rc)
            return rc;
        switch (opt) {
        case 'h': fputs(actors_help, stdout); return CLI_EXIT_OK;
        case 2001: r.unknown = 1; break;
        case 2002: {
            char *end;
            min = strtol(optarg, &end, 10);
            if (*end || min < 1)
                return cli_usage(c, "--min: expected a positive number, got '%s'", optarg);
            break;
        }
        case ':': return cli_usage(c, "option '%s' needs an argument", argv[optind - 1]);
        default: return cli_usage(c, "unknown option '%s'", argv[optind - 1]);
        }
    }
    int rc = cli_engine_open(c, &in, NULL, &r.eng);
    if (rc)
        return rc;
    rc = cli_input_paths(c, &in, argv + optind, argc - optind);
    r.arena = dy_arena_new();
    if (!rc && !r.arena) {
        cli_errorf("out of memory");
        rc = CLI_EXIT_FAIL;
    }
    if (!rc)
        rc = cli_each_doc(c, &in, actors_doc, &r);
    if (!rc && r.unknown) {
        unk *v = dy_calloc(r.un ? r.un : 1, sizeof *v);
        size_t n = 0;
        for (size_t i = 0; v && i < r.ucap; i++)
            if (r.u[i].name)
                v[n++] = r.u[i];
        if (n)
            qsort(v, n, sizeof *v, cmp_unk);
        printf("count\tname\texample\n");
        for (size_t i = 0; i < n && v[i].count >= min; i++) {
            printf("%ld\t%s\t", v[i].count, v[i].name);
            for (const char *p = v[i].example; *p; p++)
                putchar(*p == '\t' || *p == '\n' ? ' ' : *p);
            putchar('\n');
        }
        dy_free(v);
    }
    if (fflush(stdout) != 0 && !rc) {
        cli_errorf("write error on standard output");
        rc = CLI_EXIT_FAIL;
    }
    for (size_t i = 0; i < r.ucap; i++) {
        dy_free(r.u[i].name);
        dy_free(r.u[i].example);
    }
    dy_free(r.u);
    dy_buf_free(&r.out);
    dy_arena_free(r.arena);
    cli_engine_close(&r.eng);
    cli_input_free(&in);
    return rc ? rc : cli_finish(c);
}
