/* cmd_dict.c - `dyad dict check DIR` and `dyad dict import FORMAT FILE...`. */
#include "cli/cli.h"
#include "dict/dict.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char dict_help[] =
    "Usage: dyad dict check [DIR...]\n"
    "       dyad dict import [-o DIR] [-q] petrarch|tabari FILE...\n\n"
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

/* Report callback of dict import: counts, and prints unless quiet. */
typedef struct import_ud {
    long reported;
    int quiet;
} import_ud;

static void import_report(void *ud, const dy_err *e)
{
    import_ud *u = ud;
    u->reported++;
    if (!u->quiet)
        cli_print_err(e);
}

/* dyad dict import [-o|--output DIR] [-q|--quiet] FORMAT FILE...
 * Exit 0, 3 when some entries could not be converted, 1 on an I/O error,
 * 2 on a bad command line. */
static int dict_import_cmd(cli_ctx *c, int argc, char **argv)
{
    const char *outdir = "imported", *format = NULL;
    import_ud u = {0};
    char **files = argv; /* reused in place: non-option arguments */
    int nfiles = 0, opts = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (opts && strcmp(a, "--") == 0) {
            opts = 0;
        } else if (opts && (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)) {
            fputs(dict_help, stdout);
            return CLI_EXIT_OK;
        } else if (opts && (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)) {
            u.quiet = 1;
        } else if (opts && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)) {
            if (i + 1 >= argc)
                return cli_usage(c, "%s needs a directory", a);
            outdir = argv[++i];
        } else if (opts && strncmp(a, "--output=", 9) == 0) {
            outdir = a + 9;
        } else if (opts && a[0] == '-' && a[1]) {
            return cli_usage(c, "unknown option '%s'", a);
        } else if (!format) {
            format = a;
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (!format)
        return cli_usage(c, "dict import needs a format (petrarch or tabari) and files");
    if (strcmp(format, "petrarch") != 0 && strcmp(format, "tabari") != 0)
        return cli_usage(c, "unknown dictionary format '%s': expected petrarch or tabari", format);
    if (nfiles == 0 || !*outdir)
        return cli_usage(c, "dict import needs at least one FILE");
    dict_import_stats st = {0};
    int failed_files = 0;
    for (int i = 0; i < nfiles; i++) {
        dy_err e;
        dy_err_clear(&e);
        int rc = dict_import_file(format, files[i], outdir, import_report, &u, &st, &e);
        if (rc) {
            cli_print_err(&e);
            failed_files++;
        }
    }
    double pct = st.entries ? 100.0 * (double)st.failed / (double)st.entries : 0.0;
    fprintf(stderr, "%ld entries, %ld converted, %ld not convertible (%.2f%%), %ld forms/patterns -> %s\n",
            st.entries, st.converted, st.failed, pct, st.forms, outdir);
    if (failed_files)
        return CLI_EXIT_FAIL;
    return st.failed ? CLI_EXIT_SKIPPED : CLI_EXIT_OK;
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
    if (strcmp(argv[1], "import") == 0)
        return dict_import_cmd(c, argc - 1, argv + 1);
    return cli_usage(c, "unknown dict command '%s': expected check or import", argv[1]);
}
