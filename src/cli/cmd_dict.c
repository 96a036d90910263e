/* cmd_dict.c - `dyad dict check DIR` and `dyad dict import FORMAT FILE...`. */
#include "cli/cli.h"
#include "code/code.h"
#include "dict/dict.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char dict_help[] =
    "Usage: dyad dict check [DIR...]\n"
    "       dyad dict import [-o DIR] [-q] petrarch|tabari FILE...\n\n"
    "check   load the dictionary set in each DIR (default: dyad's data directory)\n"
    "        and report syntax errors, overlapping or inverted periods, unknown role\n"
    "        codes, forms with conflicting codes, event codes not in the CAMEO table,\n"
    "        repeated pattern lines, second code lines of an entry, invalid UTF-8\n"
    "        and errors of coder/cues.txt and cameo/codes.tsv (DIR's, else the data\n"
    "        directory's), as FILE:LINE: message.\n"
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

/* The file of the set in dir (DIR/rel when it exists, else the data
 * directory's), into out. */
static const char *set_file(const cli_ctx *c, const char *dir, const char *rel, char *out,
                            size_t n)
{
    snprintf(out, n, "%s/%s", dir, rel);
    if (access(out, F_OK) == 0 || !c->data_dir)
        return out;
    return cli_data_path(c, rel, out, n);
}

/* The cue file and the CAMEO table that coding with dir would use must
 * load; every event code of its verb dictionaries (patterns and default
 * codes) must be in that table (else its events have no quad class and no
 * Goldstein value). Returns the number of findings (printed). */
static long check_tables(const cli_ctx *c, const char *dir, const dict_set *ds)
{
    char cues[PATH_MAX], codes[PATH_MAX];
    long n = 0;
    dy_err e;
    code_cues *cu = NULL;
    code_cameo *cam = NULL;
    dy_err_clear(&e);
    if (code_cues_load(set_file(c, dir, "coder/cues.txt", cues, sizeof cues), &cu, &e) != 0) {
        cli_print_err(&e);
        n++;
    }
    code_cues_free(cu);
    dy_err_clear(&e);
    if (code_cameo_load(set_file(c, dir, "cameo/codes.tsv", codes, sizeof codes), &cam, &e) !=
        0) {
        cli_print_err(&e);
        return n + 1;
    }
    const char *last = NULL;
    for (size_t i = 0; i < dict_lexeme_count(ds); i++) {
        const dict_lexeme *lx = dict_lexeme_at(ds, i);
        if (lx->code[0] && !code_cameo_get(cam, lx->code)) {
            cli_errorf("%s/%s: event code %s of \"%s\" is not in the CAMEO table (%s)", dir,
                       lx->code_ref, lx->code, lx->lemma, codes);
            n++;
        }
        for (size_t k = 0; k < dict_lexeme_pattern_count(lx); k++) {
            const dict_pattern *pt = dict_lexeme_pattern(lx, k);
            const char *pcode = dict_pattern_code(pt), *pref = dict_pattern_ref(pt);
            /* a pattern's passive reading shares its line: reported once */
            if (strcmp(pcode, "---") == 0 || code_cameo_get(cam, pcode) ||
                (last && strcmp(last, pref) == 0))
                continue;
            cli_errorf("%s/%s: event code %s is not in the CAMEO table (%s)", dir, pref, pcode,
                       codes);
            last = pref;
            n++;
        }
    }
    code_cameo_free(cam);
    return n;
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
            findings += check_tables(c, dirs[i], ds);
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
