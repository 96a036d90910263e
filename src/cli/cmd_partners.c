/* cmd_partners.c - `dyad partners ACTOR`: an actor's partners ranked by
 * cooperative interaction per window, with rank changes. */
#include "cli/model_cli.h"

#include <stdio.h>
#include <string.h>

static const char partners_help[] =
    "Usage: dyad partners --db PATH|URL [OPTIONS] ACTOR\n\n"
    "Rank ACTOR's partners (a code or code prefix: RUS, RUSGOV) by cooperative\n"
    "events (quad classes 1 and 2, both directions) per window; ties go to fewer\n"
    "conflict events, then more events. Shows each partner's change of rank\n"
    "since the previous window (docs/model.md).\n\nOptions:\n" MODEL_CLI_HELP
    "      --by W           year (default), quarter, month or all\n"
    "      --min-events N   partners need N events in a window (default 1)\n"
    "      --top N          at most N partners per window (default 10, 0 = all)\n"
    "  -f, --format FORMAT  text (default), json or csv\n"
    "  -h, --help           show this help\n";

int cmd_partners(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {
        MODEL_CLI_LONGOPTS,
        {"by", required_argument, NULL, 3004},
        {"min-events", required_argument, NULL, 2001},
        {"top", required_argument, NULL, 2002},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    model_cli mc = {0};
    mc.window = STORE_WIN_YEAR;
    long min_events = 1, top = 10;
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
        case 'h': fputs(partners_help, stdout); return CLI_EXIT_OK;
        case 'f':
            fmt = model_format_parse(optarg);
            if (fmt != MODEL_FMT_TEXT && fmt != MODEL_FMT_JSON && fmt != MODEL_FMT_CSV)
                rc = cli_usage(c, "--format: expected text, json or csv, got '%s'", optarg);
            break;
        case 2001: rc = model_cli_long(c, "--min-events", optarg, 1, 1000000000L, &min_events); break;
        case 2002: rc = model_cli_long(c, "--top", optarg, 0, 1000000, &top); break;
        case ':': rc = cli_usage(c, "option '%s' needs an argument", argv[optind - 1]); break;
        default: rc = cli_usage(c, "unknown option '%s'", argv[optind - 1]); break;
        }
    }
    if (rc)
        return rc;
    if (argc - optind != 1)
        return cli_usage(c, "expected one ACTOR code");
    const char *actor = argv[optind];
    if (!*actor)
        return cli_usage(c, "empty ACTOR code");
    mc.f.actor = actor;
    model_data *d = NULL;
    if (model_data_new(&d)) {
        cli_errorf("out of memory");
        return CLI_EXIT_FAIL;
    }
    rc = model_cli_load(c, &mc, d, NULL);
    model_partners *p = NULL;
    dy_err e;
    dy_err_clear(&e);
    if (!rc && model_partners_build(d, actor, min_events, &p, &e) != 0) {
        cli_print_err(&e);
        rc = CLI_EXIT_FAIL;
    }
    dict_names *nm = NULL;
    if (!rc && !(rc = model_cli_names(c, &nm))) {
        dy_buf b = {0};
        p->names = nm;
        model_partners_write(&b, p, fmt, (int)top);
        rc = model_cli_flush(&b);
    }
    dict_names_free(nm);
    model_partners_free(p);
    model_data_free(d);
    return rc;
}
