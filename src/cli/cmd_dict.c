/* cmd_dict.c - `dyad dict check DIR` and `dyad dict import FORMAT FILE...`. */
#include "cli/cli.h"
#include "dict/dict.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char dict_help[] =
    "Usage: dyad dict check [DIR...]\n"
    "       dyad dict import petrarch|tabari [-o DIR] FILE...\n\n"
    "check   load the dictionary set in each DIR (default: dyad's data directory)\n"
    "        and report syntax errors, overlapping or inverted periods, unknown role\n"
    "        codes and forms with conflicting codes, as FILE:LINE: message.\n"
    "        Exit status 1 when there is any finding.\n"
    "import  convert PETRARCH2/Phoenix or TABARI actor, agent and verb dictionaries\n"
    "        into dyad's format under DIR (default: ./imported), listing every entry\n"
    "        that cannot be converted as FILE:LINE: reason. Use the result with\n"
    "        --dict DIR.\n\n"
    "Options:\n"
    "  -o, --output DIR     import: output directory\n"
    "  -q, --quiet          import: do not list unconvertible entries\n"
    "  -h, --help           show this help\n";

static void report(void *ud, const dy_err *e)
{
    long *n = ud;
    (*n)++;
    cli_print_err(e);
}

static int dict_check_cmd(cli_ctx *c, int argc, char **argv)
{
    const char *def[] = {c->data_dir};
    const char *const *dirs = argc > 0 ? (const char *const *)argv : def;
    int n = argc > 0 ? argc : 1;
    if (!dirs[0]) {
        cli_errorf("cannot find dyad's data directory; give DIR or set DYAD_DATA");
        return CLI_EXIT_FAIL;
    }
    long findings = 0;
    for (int i = 0; i < n; i++) {
        dict_set *ds = dict_set_new();
        dy_err e;
        dy_err_clear(&e);
        if (!ds) {
            cli_errorf("out of memory");
            return CLI_EXIT_FAIL;
        }
        clock_t t0 = clock();
        int rc = dict_load_dir(ds, dirs[i], &e);
        if (!rc)
            rc = dict_compile(ds, &e);
        if (rc) {
            cli_print_err(&e);
            findings++;
        } else {
            findings += dict_check(ds, report, &(long){0});
            double ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC;
            fprintf(stderr,
                    "%s: %zu actor entries, %zu forms, %zu verb/noun entries, %zu patterns "
                    "(loaded in %.0f ms)\n",
                    dirs[i], dict_entry_count(ds), dict_form_count(ds), dict_lexeme_count(ds),
                    dict_pattern_count(ds), ms);
        }
        dict_set_free(ds);
    }
    if (findings)
        fprintf(stderr, "%ld finding%s\n", findings, findings == 1 ? "" : "s");
    return findings ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

int cmd_dict(cli_ctx *c, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(dict_help, argc < 2 ? stderr : stdout);
        return argc < 2 ? CLI_EXIT_USAGE : CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "check") == 0) {
        for (int i = 2; i < argc; i++)
            if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
                fputs(dict_help, stdout);
                return CLI_EXIT_OK;
            }
        return dict_check_cmd(c, argc - 2, argv + 2);
    }
    return cli_usage(c, "unknown dict command '%s': expected check or import", argv[1]);
}
