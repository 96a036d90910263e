/* cmd_dyad.c - `dyad dyad A B`: the time series of a relation (events per
 * quad class, mean Goldstein) with its most important events as evidence. */
#include "cli/model_cli.h"
#include "core/alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char dyad_help[] =
    "Usage: dyad dyad --db PATH|URL [OPTIONS] A B\n\n"
    "Print the relation between A and B (codes or code prefixes) per window:\n"
    "events per quad class in both directions and the mean Goldstein score,\n"
    "with the most important events of each window as evidence (largest\n"
    "|Goldstein|, then most supporting documents).\n\nOptions:\n" MODEL_CLI_HELP
    "      --window W       year (default), quarter, month or all\n"
    "      --evidence N     events shown per window (default 3, 0 = none)\n"
    "  -f, --format FORMAT  text (default), json or csv (no evidence)\n"
    "  -h, --help           show this help\n";

typedef struct ev {
    char window[32];
    char *date, *source, *target, *code, *doc, *text;
    int sent, quad;
    double goldstein;
    long support;
} ev;

typedef struct ev_ctx {
    int window;
    long per;
    ev *v;
    size_t n, cap;
    int oom;
} ev_ctx;

/* Window label of a stored date, or -1 when the date is coarser than the
 * window (such events have no place in the series' windows). */
static int label_of(int window, const char *date, char out[32])
{
    txt_date d;
    out[0] = 0;
    if (window == STORE_WIN_ALL)
        return 0;
    if (!date || txt_date_parse(date, strlen(date), &d) != 0)
        return -1;
    if (window == STORE_WIN_YEAR) {
        snprintf(out, 32, "%04d", d.year);
        return 0;
    }
    if (d.prec != TXT_PREC_DAY && d.prec != TXT_PREC_MONTH)
        return -1;
    if (window == STORE_WIN_QUARTER)
        snprintf(out, 32, "%04d-Q%d", d.year, (d.month - 1) / 3 + 1);
    else
        snprintf(out, 32, "%04d-%02d", d.year, d.month);
    return 0;
}

/* Does x matter more than y? */
static int more(const ev *x, const store_event *y)
{
    if (fabs(x->goldstein) != fabs(y->goldstein))
        return fabs(x->goldstein) > fabs(y->goldstein);
    return x->support > y->support;
}

static void ev_free(ev *e)
{
    dy_free(e->date);
    dy_free(e->source);
    dy_free(e->target);
    dy_free(e->code);
    dy_free(e->doc);
    dy_free(e->text);
}

static char *dup_or_empty(const char *s)
{
    return dy_strdup(s ? s : "");
}

/* Keep the `per` most important events of each window (events arrive by
 * date, so a window's events are contiguous). */
static int collect(void *ud, const store_event *e)
{
    ev_ctx *x = ud;
    char w[32];
    if (label_of(x->window, e->date, w) != 0)
        return 0;
    size_t first = x->n;
    while (first > 0 && strcmp(x->v[first - 1].window, w) == 0)
        first--;
    size_t have = x->n - first, pos = x->n;
    while (pos > first && !more(&x->v[pos - 1], e))
        pos--;
    if (have == (size_t)x->per && pos == x->n)
        return 0;
    if (have == (size_t)x->per) {
        ev_free(&x->v[x->n - 1]);
        x->n--;
    }
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 64;
        ev *nv = dy_reallocarray(x->v, cap, sizeof *nv);
        if (!nv) {
            x->oom = 1;
            return 1;
        }
        x->v = nv;
        x->cap = cap;
    }
    memmove(&x->v[pos + 1], &x->v[pos], (x->n - pos) * sizeof *x->v);
    x->n++;
    ev *n = &x->v[pos];
    memset(n, 0, sizeof *n);
    memcpy(n->window, w, sizeof w);
    n->sent = e->sent;
    n->quad = e->has_quad ? e->quad : 0;
    n->goldstein = e->goldstein;
    n->support = e->support;
    n->date = dup_or_empty(e->date);
    n->source = dup_or_empty(e->source);
    n->target = dup_or_empty(e->target);
    n->code = dup_or_empty(e->code);
    n->doc = dup_or_empty(e->doc);
    n->text = dup_or_empty(e->text);
    if (!n->date || !n->source || !n->target || !n->code || !n->doc || !n->text) {
        x->oom = 1;
        return 1;
    }
    return 0;
}

static void write_evidence(dy_buf *b, const ev_ctx *x, const char *window, int json, int *first)
{
    for (size_t i = 0; i < x->n; i++) {
        const ev *e = &x->v[i];
        if (strcmp(e->window, window) != 0)
            continue;
        if (json) {
            dy_buf_adds(b, *first ? "{\"window\":" : ",{\"window\":");
            *first = 0;
            dy_buf_json_str(b, e->window, strlen(e->window));
            dy_buf_adds(b, ",\"date\":");
            dy_buf_json_str(b, e->date, strlen(e->date));
            dy_buf_adds(b, ",\"source\":");
            dy_buf_json_str(b, e->source, strlen(e->source));
            dy_buf_adds(b, ",\"target\":");
            dy_buf_json_str(b, e->target, strlen(e->target));
            dy_buf_adds(b, ",\"code\":");
            dy_buf_json_str(b, e->code, strlen(e->code));
            dy_buf_printf(b, ",\"quad\":%d,\"goldstein\":", e->quad);
            dy_buf_addf1(b, e->goldstein);
            dy_buf_printf(b, ",\"support\":%ld,\"doc\":", e->support);
            dy_buf_json_str(b, e->doc, strlen(e->doc));
            dy_buf_printf(b, ",\"sent\":%d,\"text\":", e->sent);
            dy_buf_json_str(b, e->text, strlen(e->text));
            dy_buf_addc(b, '}');
        } else {
            dy_buf_printf(b, "    %s %s -> %s %s (%+.1f, %ld doc%s) %s:%d \"%s\"\n", e->date,
                          e->source, e->target, e->code, e->goldstein, e->support,
                          e->support == 1 ? "" : "s", e->doc, e->sent, e->text);
        }
    }
}

int cmd_dyad(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {
        MODEL_CLI_LONGOPTS,
        {"evidence", required_argument, NULL, 2001},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    model_cli mc = {0};
    mc.window = STORE_WIN_YEAR;
    ev_ctx x = {0};
    x.per = 3;
    int fmt = MODEL_FMT_TEXT, opt, rc = 0;
    optind = 1;
    opterr = 0;
    while (!rc && (opt = getopt_long(argc, argv, ":f:h", opts, NULL)) != -1) {
        int r = model_cli_option(c, &mc, opt, optarg);
        if (r) {
            rc = r == 1 ? 0 : r;
            continue;
        }
        switch (opt) {
        case 'h': fputs(dyad_help, stdout); return CLI_EXIT_OK;
        case 'f':
            fmt = model_format_parse(optarg);
            if (fmt != MODEL_FMT_TEXT && fmt != MODEL_FMT_JSON && fmt != MODEL_FMT_CSV)
                rc = cli_usage(c, "--format: expected text, json or csv, got '%s'", optarg);
            break;
        case 2001: rc = model_cli_long(c, "--evidence", optarg, 0, 1000, &x.per); break;
        case ':': rc = cli_usage(c, "option '%s' needs an argument", argv[optind - 1]); break;
        default: rc = cli_usage(c, "unknown option '%s'", argv[optind - 1]); break;
        }
    }
    if (rc)
        return rc;
    if (argc - optind != 2 || !*argv[optind] || !*argv[optind + 1])
        return cli_usage(c, "expected two actor codes A B");
    const char *a = argv[optind], *b = argv[optind + 1];
    mc.f.dyad[0] = a;
    mc.f.dyad[1] = b;
    model_data *d = NULL;
    if (model_data_new(&d)) {
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    store *s = NULL;
    rc = model_cli_load(c, &mc, d, &s);
    model_series *ser = NULL;
    dy_err e;
    dy_err_clear(&e);
    if (!rc && model_series_build(d, a, b, &ser, &e) != 0) {
        cli_print_err(&e);
        rc = CLI_EXIT_FAIL;
    }
    if (!rc && x.per > 0 && fmt != MODEL_FMT_CSV) {
        store_filter f = mc.f;
        f.dedup = 1;
        x.window = mc.window;
        if (store_query_events(s, &f, collect, &x, &e) != 0 || x.oom) {
            if (x.oom)
                cli_errorf("out of memory");
            else
                cli_print_err(&e);
            rc = CLI_EXIT_FAIL;
        }
    }
    if (!rc) {
        dy_buf out = {0};
        if (fmt == MODEL_FMT_JSON) {
            dy_buf_adds(&out, "{\"a\":");
            dy_buf_json_str(&out, a, strlen(a));
            dy_buf_adds(&out, ",\"b\":");
            dy_buf_json_str(&out, b, strlen(b));
            dy_buf_adds(&out, ",\"series\":[");
            model_series_write(&out, ser, fmt);
            dy_buf_adds(&out, "],\"evidence\":[");
            int first = 1;
            for (size_t t = 0; t < ser->n; t++)
                write_evidence(&out, &x, ser->pts[t].window, 1, &first);
            dy_buf_adds(&out, "]}\n");
        } else if (fmt == MODEL_FMT_CSV) {
            model_series_write(&out, ser, fmt);
        } else {
            long total = 0;
            for (size_t t = 0; t < ser->n; t++)
                total += ser->pts[t].events;
            dy_buf_printf(&out, "%s and %s: %ld events (a = %s, b = %s)\n", a, b, total, a, b);
            dy_buf_printf(&out, "%-12s %6s %6s %6s %6s %6s %6s %6s %7s\n", "window", "events",
                          "quad1", "quad2", "quad3", "quad4", "a->b", "b->a", "gs mean");
            for (size_t t = 0; t < ser->n; t++) {
                const model_point *p = &ser->pts[t];
                dy_buf_printf(&out, "%-12s %6ld %6ld %6ld %6ld %6ld %6ld %6ld %+7.2f\n",
                              p->window[0] ? p->window : "all", p->events, p->quad[1],
                              p->quad[2], p->quad[3], p->quad[4], p->ab, p->ba,
                              p->goldstein_mean);
                int first = 1;
                write_evidence(&out, &x, p->window, 0, &first);
            }
        }
        rc = model_cli_flush(&out);
    }
    for (size_t i = 0; i < x.n; i++)
        ev_free(&x.v[i]);
    dy_free(x.v);
    model_series_free(ser);
    if (s)
        store_close(s);
    model_data_free(d);
    return rc;
}
