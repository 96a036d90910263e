/* cmd_show.c - `dyad show`: a stored document with its events, the source,
 * verb and target spans highlighted (ANSI colours on a terminal, labelled
 * brackets otherwise). */
#include "cli/cli.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char show_help[] =
    "Usage: dyad show --db PATH|URL [OPTIONS] DOC_ID\n\n"
    "Print a stored document with its events (all modalities); the source,\n"
    "verb and target spans are highlighted: in colour on a terminal, else as\n"
    "[S:...], [V:...] and [T:...].\n\nOptions:\n"
    "      --db PATH|URL    the store\n"
    "      --color WHEN     auto (default), always or never\n"
    "  -h, --help           show this help\n";

enum { K_NONE = 0, K_SRC, K_VERB, K_TGT };

typedef struct show_ctx {
    dy_buf doc_text;
    dy_buf head;
    dy_buf list;
    unsigned char *kind; /* per byte of the text */
    size_t len;
    long nev;
    int oom;
} show_ctx;

static int got_doc(void *ud, const store_document *d)
{
    show_ctx *x = ud;
    dy_buf_printf(&x->head, "document %s\n", d->id);
    if (d->title)
        dy_buf_printf(&x->head, "title    %s\n", d->title);
    if (d->date)
        dy_buf_printf(&x->head, "date     %s\n", d->date);
    if (d->source)
        dy_buf_printf(&x->head, "source   %s\n", d->source);
    if (d->url)
        dy_buf_printf(&x->head, "url      %s\n", d->url);
    x->len = strlen(d->text);
    dy_buf_add(&x->doc_text, d->text, x->len);
    x->kind = dy_calloc(x->len + 1, 1);
    if (!x->kind)
        x->oom = 1;
    return 0;
}

static void mark(show_ctx *x, const int32_t s[2], int k)
{
    if (s[0] < 0 || s[1] <= s[0] || (size_t)s[1] > x->len)
        return;
    for (int32_t i = s[0]; i < s[1]; i++)
        if (x->kind[i] == K_NONE || k == K_VERB)
            x->kind[i] = (unsigned char)k;
}

static int got_event(void *ud, const store_event *e)
{
    show_ctx *x = ud;
    if (x->kind) {
        mark(x, e->src, K_SRC);
        mark(x, e->tgt, K_TGT);
        mark(x, e->verb, K_VERB);
    }
    x->nev++;
    dy_buf_printf(&x->list, "  #%lld sent %d  %-10s  %s -> %s  %s", (long long)e->id, e->sent,
                  e->date ? e->date : "-", e->source[0] ? e->source : "-",
                  e->target[0] ? e->target : "-", e->code);
    if (e->has_quad)
        dy_buf_printf(&x->list, " (quad %d, goldstein %.1f)", e->quad, e->goldstein);
    dy_buf_printf(&x->list, " %s", e->modality ? e->modality : "");
    if (e->pattern)
        dy_buf_printf(&x->list, "  [%s]", e->pattern);
    dy_buf_addc(&x->list, '\n');
    return 0;
}

/* The text with spans highlighted. */
static void render(show_ctx *x, dy_buf *out, int color)
{
    static const char *const open_c[] = {"", "\033[1;36m", "\033[1;33m", "\033[1;35m"};
    static const char *const open_b[] = {"", "[S:", "[V:", "[T:"};
    int cur = K_NONE;
    for (size_t i = 0; i <= x->len; i++) {
        int k = i < x->len ? x->kind[i] : K_NONE;
        if (k != cur) {
            if (cur != K_NONE)
                dy_buf_adds(out, color ? "\033[0m" : "]");
            if (k != K_NONE)
                dy_buf_adds(out, color ? open_c[k] : open_b[k]);
            cur = k;
        }
        if (i < x->len)
            dy_buf_addc(out, x->doc_text.data[i]);
    }
    if (x->len && x->doc_text.data[x->len - 1] != '\n')
        dy_buf_addc(out, '\n');
}

int cmd_show(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, NULL, 2001},
                                         {"color", required_argument, NULL, 2002},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    const char *db = NULL;
    int color = isatty(STDOUT_FILENO), opt, rc = 0;
    optind = 1;
    opterr = 0;
    while (!rc && (opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (opt) {
        case 'h': fputs(show_help, stdout); return CLI_EXIT_OK;
        case 2001: db = optarg; break;
        case 2002:
            if (strcmp(optarg, "always") == 0)
                color = 1;
            else if (strcmp(optarg, "never") == 0)
                color = 0;
            else if (strcmp(optarg, "auto") != 0)
                rc = cli_usage(c, "--color: expected auto, always or never, got '%s'", optarg);
            break;
        case ':': rc = cli_usage(c, "option '%s' needs an argument", argv[optind - 1]); break;
        default: rc = cli_usage(c, "unknown option '%s'", argv[optind - 1]); break;
        }
    }
    if (rc)
        return rc;
    if (!db)
        return cli_usage(c, "--db PATH or URL is required");
    if (optind != argc - 1)
        return cli_usage(c, "expected one DOC_ID");
    const char *id = argv[optind];
    store *s;
    dy_err e;
    dy_err_clear(&e);
    if (store_open(db, STORE_READ, &s, &e) != 0) {
        cli_print_err(&e);
        return CLI_EXIT_FAIL;
    }
    show_ctx x = {0};
    int found = store_get_document(s, id, got_doc, &x, &e);
    if (found < 0) {
        cli_print_err(&e);
        rc = CLI_EXIT_FAIL;
    } else if (found == 0) {
        char shown[512];
        cli_errorf("%s: no such document in %s", id, store_mask_url(db, shown, sizeof shown));
        rc = CLI_EXIT_FAIL;
    }
    if (!rc) {
        store_filter f = {0};
        f.doc = id;
        f.modalities = "all";
        if (store_query_events(s, &f, got_event, &x, &e) < 0) {
            cli_print_err(&e);
            rc = CLI_EXIT_FAIL;
        }
    }
    if (!rc) {
        dy_buf out = {0};
        dy_buf_add(&out, x.head.data, x.head.len);
        dy_buf_addc(&out, '\n');
        render(&x, &out, color);
        dy_buf_printf(&out, "\nevents %ld\n", x.nev);
        if (x.list.len)
            dy_buf_add(&out, x.list.data, x.list.len);
        if (out.oom || x.oom || x.head.oom || x.list.oom || x.doc_text.oom) {
            cli_errorf("out of memory");
            rc = CLI_EXIT_FAIL;
        } else if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
            cli_errorf("write error on standard output");
            rc = CLI_EXIT_FAIL;
        }
        dy_buf_free(&out);
    }
    dy_free(x.kind);
    dy_buf_free(&x.doc_text);
    dy_buf_free(&x.head);
    dy_buf_free(&x.list);
    store_close(s);
    return rc;
}
