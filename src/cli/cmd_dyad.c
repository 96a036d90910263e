/* cmd_dyad.c - `dyad dyad A B`: the time series of a relation (events per
 * quad class, mean Goldstein) with its most important events as evidence. */
#include "cli/model_cli.h"
#include "web/web.h"

#include <stdio.h>
#include <string.h>

static const char dyad_help[] =
    "Usage: dyad dyad --db PATH|URL [OPTIONS] A B\n\n"
    "Print the relation between A and B (codes or code prefixes) per window:\n"
    "events per quad class in both directions and the mean Goldstein score,\n"
    "with the most important events of each window as evidence (asserted\n"
    "events before stated intents, events of several documents before those of\n"
    "one, then the largest |Goldstein|).\n\nOptions:\n" MODEL_CLI_HELP
    "      --window W       year (default), quarter, month or all\n"
    "      --evidence N     events shown per window (default 3, 0 = none)\n"
    "  -f, --format FORMAT  text (default), json or csv (no evidence)\n"
    "  -h, --help           show this help\n";

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
    web_evidence x = {0};
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
        if (store_query_events(s, &f, web_evidence_add, &x, &e) != 0 || x.oom) {
            if (x.oom)
                cli_errorf("out of memory");
            else
                cli_print_err(&e);
            rc = CLI_EXIT_FAIL;
        }
    }
    dict_names *nm = NULL;
    if (!rc)
        rc = model_cli_names(c, &nm);
    x.names = nm;
    if (!rc) {
        dy_buf out = {0};
        if (fmt == MODEL_FMT_JSON) {
            web_dyad_json(&out, a, b, ser, &x, nm);
            dy_buf_addc(&out, '\n');
        } else if (fmt == MODEL_FMT_CSV) {
            model_series_write(&out, ser, fmt);
        } else {
            long total = 0;
            for (size_t t = 0; t < ser->n; t++)
                total += ser->pts[t].events;
            char an[160], bn[160];
            dy_buf_printf(&out, "%s and %s: %ld events (a = %s, b = %s)\n",
                          dict_names_get(nm, a, an, sizeof an),
                          dict_names_get(nm, b, bn, sizeof bn), total, a, b);
            dy_buf_printf(&out, "%-12s %6s %6s %6s %6s %6s %6s %6s %7s\n", "window", "events",
                          "quad1", "quad2", "quad3", "quad4", "a->b", "b->a", "gs mean");
            for (size_t t = 0; t < ser->n; t++) {
                const model_point *p = &ser->pts[t];
                dy_buf_printf(&out, "%-12s %6ld %6ld %6ld %6ld %6ld %6ld %6ld %+7.2f\n",
                              p->window[0] ? p->window : "all", p->events, p->quad[1],
                              p->quad[2], p->quad[3], p->quad[4], p->ab, p->ba,
                              p->goldstein_mean);
                int first = 1;
                web_evidence_write(&out, &x, p->window, 0, &first);
            }
        }
        rc = model_cli_flush(&out);
    }
    web_evidence_free(&x);
    dict_names_free(nm);
    model_series_free(ser);
    if (s)
        store_close(s);
    model_data_free(d);
    return rc;
}
