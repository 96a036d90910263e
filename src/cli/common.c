/* common.c - messages, data directory and document input for commands. */
#include "cli/cli.h"
#include "core/alloc.h"
#include "core/hash.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cli_print_err(const dy_err *e)
{
    if (e->file[0] && e->line > 0)
        fprintf(stderr, "dyad: %s:%ld: %s\n", e->file, e->line, e->msg);
    else if (e->file[0] && e->offset >= 0)
        fprintf(stderr, "dyad: %s: byte %ld: %s\n", e->file, e->offset, e->msg);
    else if (e->file[0])
        fprintf(stderr, "dyad: %s: %s\n", e->file, e->msg);
    else
        fprintf(stderr, "dyad: %s\n", e->msg);
}

void cli_errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dyad: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_usage(const cli_ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dyad: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (c && c->cmd)
        fprintf(stderr, "\nTry 'dyad %s --help'.\n", c->cmd);
    else
        fputs("\nTry 'dyad --help'.\n", stderr);
    return CLI_EXIT_USAGE;
}

void cli_warn(void *ctx, const dy_err *w)
{
    cli_ctx *c = ctx;
    c->warnings++;
    if (c->quiet)
        return;
    if (w->file[0] && w->line > 0 && w->offset >= 0)
        fprintf(stderr, "dyad: %s:%ld: warning: byte %ld: %s\n", w->file, w->line, w->offset,
                w->msg);
    else if (w->file[0] && w->line > 0)
        fprintf(stderr, "dyad: %s:%ld: warning: %s\n", w->file, w->line, w->msg);
    else if (w->file[0] && w->offset >= 0)
        fprintf(stderr, "dyad: %s: warning: byte %ld: %s\n", w->file, w->offset, w->msg);
    else
        fprintf(stderr, "dyad: %s%swarning: %s\n", w->file, w->file[0] ? ": " : "", w->msg);
}

static int is_data_dir(const char *d)
{
    char p[PATH_MAX + 32];
    struct stat st;
    snprintf(p, sizeof p, "%s/cameo/codes.tsv", d);
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

const char *cli_find_data_dir(void)
{
    static char dir[PATH_MAX];
    const char *env = getenv("DYAD_DATA");
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s", env);
        return dir;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    static const char *rel[] = {"/../share/dyad", "/../data", "/../../data"};
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
        snprintf(dir, sizeof dir, "%s%s", exe, rel[i]);
        if (is_data_dir(dir))
            return dir;
    }
    return NULL;
}

char *cli_data_path(const cli_ctx *c, const char *rel, char *out, size_t n)
{
    snprintf(out, n, "%s/%s", c->data_dir ? c->data_dir : "data", rel);
    return out;
}

int cli_input_option(cli_ctx *c, cli_input *in, int opt, const char *arg)
{
    switch (opt) {
    case 1001:
        if (strcmp(arg, "text") == 0)
            in->ropts.format = TXT_IN_TEXT;
        else if (strcmp(arg, "jsonl") == 0)
            in->ropts.format = TXT_IN_JSONL;
        else if (strcmp(arg, "html") == 0)
            in->ropts.format = TXT_IN_HTML;
        else if (strcmp(arg, "petrarch") == 0)
            in->ropts.format = TXT_IN_PETRARCH;
        else if (strcmp(arg, "tabari") == 0)
            in->ropts.format = TXT_IN_TABARI;
        else if (strcmp(arg, "auto") == 0)
            in->ropts.format = TXT_IN_AUTO;
        else
            return cli_usage(c, "--input: expected auto, text, jsonl, html, petrarch or "
                                "tabari, got '%s'", arg);
        return 1;
    case 1002:
        if (txt_date_parse(arg, strlen(arg), &in->ropts.default_date) != 0)
            return cli_usage(c, "--date: expected YYYY-MM-DD, got '%s'", arg);
        return 1;
    case 1003:
        if (in->ndicts == sizeof in->dicts / sizeof *in->dicts)
            return cli_usage(c, "--dict: at most %zu dictionary directories",
                             sizeof in->dicts / sizeof *in->dicts);
        in->dicts[in->ndicts++] = arg;
        return 1;
    case 1004:
        in->no_syntax = 1;
        return 1;
    case 1005:
        return cli_parse_shard(c, arg, &in->shard_k, &in->shard_n) ? CLI_EXIT_USAGE : 1;
    case 'q':
        c->quiet = 1;
        return 1;
    default:
        return 0;
    }
}

enum { MAX_SHARDS = 1000000 };

/* A whole decimal number 0 .. MAX_SHARDS in s[0..n) (no sign, no space).
 * Returns 0 with *v set or -1. */
static int shard_num(const char *s, size_t n, unsigned *v)
{
    if (n == 0 || n > 7)
        return -1;
    unsigned x = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        x = x * 10 + (unsigned)(s[i] - '0');
    }
    if (x > MAX_SHARDS)
        return -1;
    *v = x;
    return 0;
}

/* The Slurm variable name as a number into *v. Returns 0, or
 * CLI_EXIT_USAGE after printing why (unset, not a number). With dflt >= 0
 * an unset variable gives dflt. */
static int slurm_var(cli_ctx *c, const char *name, long dflt, unsigned *v)
{
    const char *s = getenv(name);
    if ((!s || !*s) && dflt >= 0) {
        *v = (unsigned)dflt;
        return 0;
    }
    if (!s || !*s)
        return cli_usage(c, "--shard slurm: %s is not set (run in a Slurm job array: "
                            "sbatch --array=0-7 for 8 shards)", name);
    if (shard_num(s, strlen(s), v) != 0)
        return cli_usage(c, "--shard slurm: %s: expected a number from 0 to %d, got '%s'",
                         name, MAX_SHARDS, s);
    return 0;
}

int cli_parse_shard(cli_ctx *c, const char *arg, unsigned *k, unsigned *n)
{
    if (strcmp(arg, "slurm") == 0) {
        unsigned id, count, min;
        if (slurm_var(c, "SLURM_ARRAY_TASK_ID", -1, &id) ||
            slurm_var(c, "SLURM_ARRAY_TASK_COUNT", -1, &count) ||
            slurm_var(c, "SLURM_ARRAY_TASK_MIN", 0, &min))
            return CLI_EXIT_USAGE;
        if (count < 1 || id < min || id - min >= count)
            return cli_usage(c, "--shard slurm: task %u of an array of %u from %u is not a "
                                "shard (the array must be contiguous, step 1)",
                             id, count, min);
        *k = id - min;
        *n = count;
        return 0;
    }
    const char *slash = strchr(arg, '/');
    unsigned kk, nn;
    if (!slash || shard_num(arg, (size_t)(slash - arg), &kk) != 0 ||
        shard_num(slash + 1, strlen(slash + 1), &nn) != 0 || nn < 1)
        return cli_usage(c, "--shard: expected K/N (shard K of N, 0 <= K < N <= %d) or "
                            "slurm, got '%s'", MAX_SHARDS, arg);
    if (kk >= nn)
        return cli_usage(c, "--shard: shard %u of %u does not exist (shards are numbered "
                            "from 0 to %u)", kk, nn, nn - 1);
    *k = kk;
    *n = nn;
    return 0;
}

int cli_in_shard(const cli_input *in, const char *id)
{
    return in->shard_n < 2 || dy_shard_of(id, in->shard_n) == in->shard_k;
}

int cli_input_paths(cli_ctx *c, cli_input *in, char **argv, int argc)
{
    static const char *stdin_path[] = {"-"};
    const char *const *p = argc > 0 ? (const char *const *)argv : stdin_path;
    size_t n = argc > 0 ? (size_t)argc : 1;
    dy_err e;
    dy_err_clear(&e);
    if (txt_expand_paths(p, n, &in->paths, &in->npaths, &e) != 0) {
        cli_print_err(&e);
        return CLI_EXIT_FAIL;
    }
    in->ropts.warn = cli_warn;
    in->ropts.warn_ud = c;
    return 0;
}

void cli_input_free(cli_input *in)
{
    txt_paths_free(in->paths, in->npaths);
    in->paths = NULL;
    in->npaths = 0;
}

int cli_each_doc(cli_ctx *c, cli_input *in, cli_doc_fn fn, void *ud)
{
    for (size_t i = 0; i < in->npaths; i++) {
        txt_reader *r = NULL;
        dy_err e;
        dy_err_clear(&e);
        if (txt_reader_open(in->paths[i], &in->ropts, &r, &e) != 0) {
            cli_print_err(&e);
            return CLI_EXIT_FAIL;
        }
        for (;;) {
            txt_doc *d = NULL;
            dy_err_clear(&e);
            int rc = txt_reader_next(r, &d, &e);
            if (rc == 0)
                break;
            if (rc == DY_ESKIP) {
                c->skipped++;
                if (!c->quiet)
                    cli_print_err(&e);
                continue;
            }
            if (rc < 0) {
                cli_print_err(&e);
                txt_reader_close(r);
                return CLI_EXIT_FAIL;
            }
            if (!cli_in_shard(in, d->id)) {
                in->sharded_out++;
                txt_doc_free(d);
                continue;
            }
            if (d->len == 0) {
                c->empty++;
                txt_doc_free(d);
                continue;
            }
            int frc = fn(ud, d);
            if (!in->take_docs)
                txt_doc_free(d);
            if (frc) {
                txt_reader_close(r);
                return frc;
            }
        }
        txt_reader_close(r);
    }
    return CLI_EXIT_OK;
}

int cli_finish(const cli_ctx *c)
{
    return c->skipped ? CLI_EXIT_SKIPPED : CLI_EXIT_OK;
}
