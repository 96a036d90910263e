/* cmd_model.c - `dyad model`: the model of the international system from a
 * store's events (docs/model.md); also the store loading shared with
 * `dyad partners` and `dyad dyad`. */
#include "cli/model_cli.h"
#include "core/alloc.h"
#include "web/web.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char model_help[] =
    "Usage: dyad model --db PATH|URL [OPTIONS]\n\n"
    "Build the signed alignment network of the stored events (asserted, one per\n"
    "date, source, target and code), its blocs, polarity, centrality, brokers and\n"
    "triad census, for the whole period and with --window for each window\n"
    "(docs/model.md).\n\nOptions:\n" MODEL_CLI_HELP
    "      --window W       also one model per year, quarter or month\n"
    "      --min-events N   dyads with fewer events get no edge (default 3)\n"
    "      --min-balance X  |balance| below X gives a neutral edge (default 0.1)\n"
    "      --prior X        pseudo-events shrinking thin evidence (default 1)\n"
    "      --smoothing X    share of a window's evidence carried to the next\n"
    "                       window, 0 to 0.99 (default 0.5)\n"
    "      --balance B      goldstein (default: mean Goldstein score) or count\n"
    "                       (cooperative vs conflictual events)\n"
    "      --max-blocs N    at most N blocs (default: no limit)\n"
    "      --restarts N     random restarts of the bloc search (default 20)\n"
    "      --seed N         seed of the bloc search (default 1)\n"
    "      --top N          alliance triangles listed (default 10)\n"
    "  -f, --format FORMAT  text (default), json, graphml, dot, csv (edges) or\n"
    "                       csv-nodes\n"
    "      --summary        print aggregate records and timings on stderr\n"
    "  -h, --help           show this help\n";

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int model_cli_long(cli_ctx *c, const char *opt, const char *arg, long lo, long hi, long *out)
{
    char *end;
    long n = strtol(arg, &end, 10);
    if (!*arg || *end || n < lo || n > hi)
        return cli_usage(c, "%s: expected a number from %ld to %ld, got '%s'", opt, lo, hi, arg);
    *out = n;
    return 0;
}

int model_cli_double(cli_ctx *c, const char *opt, const char *arg, double lo, double hi,
                     double *out)
{
    char *end;
    double x = strtod(arg, &end);
    if (!*arg || *end || !isfinite(x) || x < lo || x > hi)
        return cli_usage(c, "%s: expected a number from %g to %g, got '%s'", opt, lo, hi, arg);
    *out = x;
    return 0;
}

int model_cli_window(const char *s)
{
    static const char *const names[] = {"all", "year", "quarter", "month"};
    for (int i = 0; i < 4; i++)
        if (strcmp(s, names[i]) == 0)
            return i; /* STORE_WIN_ALL .. STORE_WIN_MONTH in this order */
    return -1;
}

int model_cli_option(cli_ctx *c, model_cli *m, int opt, const char *arg)
{
    switch (opt) {
    case 3001: m->db = arg; return 1;
    case 3002:
    case 3003: {
        txt_date *d = opt == 3002 ? &m->f.from : &m->f.to;
        if (txt_date_parse(arg, strlen(arg), d) != 0)
            return cli_usage(c, "--%s: expected YYYY, YYYY-MM or YYYY-MM-DD, got '%s'",
                             opt == 3002 ? "from" : "to", arg);
        return 1;
    }
    case 3004: {
        int w = model_cli_window(arg);
        if (w < 0)
            return cli_usage(c, "--window: expected year, quarter, month or all, got '%s'", arg);
        m->window = w;
        return 1;
    }
    case 3005:
        if (strcmp(arg, "country") == 0)
            m->level = STORE_LEVEL_COUNTRY;
        else if (strcmp(arg, "actor") == 0)
            m->level = STORE_LEVEL_ACTOR;
        else
            return cli_usage(c, "--level: expected country or actor, got '%s'", arg);
        return 1;
    case 3006:
        if (strcmp(arg, "event") != 0 && strcmp(arg, "document") != 0)
            return cli_usage(c, "--dates: expected event or document, got '%s'", arg);
        m->event_dates = arg[0] == 'e';
        return 1;
    default: return 0;
    }
}

int model_cli_load(cli_ctx *c, const model_cli *m, model_data *d, store **sp)
{
    if (!m->db) {
        cli_errorf("no store given: use --db PATH|URL");
        return CLI_EXIT_USAGE;
    }
    dy_err e;
    dy_err_clear(&e);
    if (store_filter_check(&m->f, &e) != 0)
        return cli_usage(c, "%s", e.msg);
    store *s = NULL;
    if (store_open(m->db, STORE_READ, &s, &e) != 0) {
        cli_print_err(&e);
        return CLI_EXIT_FAIL;
    }
    store_filter f = m->f;
    int rc = m->event_dates ? 0 : web_publication_range(s, &f, &e);
    if (!rc)
        rc = web_load(s, &f, m->window, m->level, d, NULL, &e);
    if (rc) {
        cli_print_err(&e);
        rc = CLI_EXIT_FAIL;
    }
    if (rc || !sp)
        store_close(s);
    else
        *sp = s;
    return rc;
}

/* Contract: see model_cli.h. */
int model_cli_names(const cli_ctx *c, dict_names **out)
{
    *out = NULL;
    if (!c->data_dir)
        return 0;
    dy_err e;
    dy_err_clear(&e);
    if (dict_names_load(&c->data_dir, 1, out, &e) != 0) {
        cli_print_err(&e);
        return CLI_EXIT_FAIL;
    }
    return 0;
}

int model_cli_flush(dy_buf *b)
{
    int rc = 0;
    if (b->oom) {
        cli_errorf("out of memory");
        rc = CLI_EXIT_FAIL;
    } else if ((b->len && fwrite(b->data, 1, b->len, stdout) != b->len) || fflush(stdout)) {
        cli_errorf("write error on standard output");
        rc = CLI_EXIT_FAIL;
    }
    dy_buf_free(b);
    return rc;
}

int cmd_model(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {
        MODEL_CLI_LONGOPTS,
        {"min-events", required_argument, NULL, 2001},
        {"min-balance", required_argument, NULL, 2002},
        {"prior", required_argument, NULL, 2003},
        {"smoothing", required_argument, NULL, 2004},
        {"balance", required_argument, NULL, 2005},
        {"max-blocs", required_argument, NULL, 2006},
        {"restarts", required_argument, NULL, 2007},
        {"seed", required_argument, NULL, 2008},
        {"top", required_argument, NULL, 2009},
        {"summary", no_argument, NULL, 2010},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    model_cli mc = {0};
    mc.window = STORE_WIN_ALL;
    model_opts o;
    model_opts_default(&o);
    int fmt = MODEL_FMT_TEXT, opt, rc = 0, summary = 0;
    long n = 0; /* set by number() before use; gcc -O3 cannot see it */
    optind = 1;
    opterr = 0;
    while (!rc && (opt = getopt_long(argc, argv, ":f:h", opts, NULL)) != -1) {
        int r = model_cli_option(c, &mc, opt, optarg);
        if (r) {
            rc = r == 1 ? 0 : r;
            continue;
        }
        switch (opt) {
        case 'h': fputs(model_help, stdout); return CLI_EXIT_OK;
        case 'f':
            if ((fmt = model_format_parse(optarg)) < 0)
                rc = cli_usage(c, "--format: expected text, json, graphml, dot, csv or csv-nodes, "
                                  "got '%s'", optarg);
            break;
        case 2001:
            if (!(rc = model_cli_long(c, "--min-events", optarg, 0, 1000000000L, &n)))
                o.min_events = n;
            break;
        case 2002: rc = model_cli_double(c, "--min-balance", optarg, 0, 1, &o.min_balance); break;
        case 2003: rc = model_cli_double(c, "--prior", optarg, 0, 1e9, &o.prior); break;
        case 2004: rc = model_cli_double(c, "--smoothing", optarg, 0, 0.99, &o.smoothing); break;
        case 2005:
            if (strcmp(optarg, "count") == 0)
                o.balance = MODEL_BALANCE_COUNT;
            else if (strcmp(optarg, "goldstein") == 0)
                o.balance = MODEL_BALANCE_GOLDSTEIN;
            else
                rc = cli_usage(c, "--balance: expected count or goldstein, got '%s'", optarg);
            break;
        case 2006:
            if (!(rc = model_cli_long(c, "--max-blocs", optarg, 0, 1000000, &n)))
                o.max_blocs = (int)n;
            break;
        case 2007:
            if (!(rc = model_cli_long(c, "--restarts", optarg, 1, 100000, &n)))
                o.restarts = (int)n;
            break;
        case 2008:
            if (!(rc = model_cli_long(c, "--seed", optarg, 0, 2000000000L, &n)))
                o.seed = (unsigned long)n;
            break;
        case 2009:
            if (!(rc = model_cli_long(c, "--top", optarg, 0, 100000, &n)))
                o.top = (int)n;
            break;
        case 2010: summary = 1; break;
        case ':': rc = cli_usage(c, "option '%s' needs an argument", argv[optind - 1]); break;
        default: rc = cli_usage(c, "unknown option '%s'", argv[optind - 1]); break;
        }
    }
    if (rc)
        return rc;
    if (optind < argc)
        return cli_usage(c, "unexpected argument '%s'", argv[optind]);
    o.windowed = mc.window != STORE_WIN_ALL;
    model_data *d = NULL;
    if (model_data_new(&d)) {
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    double t0 = now();
    rc = model_cli_load(c, &mc, d, NULL);
    double t1 = now();
    model *m = NULL;
    dy_err e;
    dy_err_clear(&e);
    if (!rc && model_build(d, &o, &m, &e) != 0) {
        cli_print_err(&e);
        rc = CLI_EXIT_FAIL;
    }
    if (!rc && summary)
        fprintf(stderr,
                "aggregate records %zu, store aggregation %.3f s, model %.3f s "
                "(%zu windows, %zu nodes, %zu edges in the whole period)\n",
                model_data_count(d), t1 - t0, now() - t1, m->nwindows, m->whole.nnodes,
                m->whole.nedges);
    dict_names *nm = NULL;
    if (!rc && !(rc = model_cli_names(c, &nm))) {
        dy_buf b = {0};
        m->names = nm;
        model_write(&b, m, fmt);
        rc = model_cli_flush(&b);
    }
    dict_names_free(nm);
    model_free(m);
    model_data_free(d);
    return rc;
}
