/* cli.h - shared pieces of the command-line front end. Only src/cli/ prints
 * to the terminal or chooses exit codes. */
#ifndef DY_CLI_H
#define DY_CLI_H

#include <getopt.h>
#include <stddef.h>

#include "core/err.h"
#include "text/text.h"

/* Exit codes (documented in docs/cli.md and the man page). */
enum {
    CLI_EXIT_OK = 0,      /* success */
    CLI_EXIT_FAIL = 1,    /* runtime error: nothing or not everything done */
    CLI_EXIT_USAGE = 2,   /* bad command line */
    CLI_EXIT_SKIPPED = 3  /* finished, but some input records were skipped */
};

/* Per-run state handed down to commands (no globals). */
typedef struct cli_ctx {
    const char *cmd;        /* command name for messages */
    long warnings;          /* warnings printed */
    long skipped;           /* input records skipped */
    long empty;             /* empty documents (not an error) */
    int quiet;              /* suppress warnings */
    const char *data_dir;   /* resolved data directory, NULL if none found */
} cli_ctx;

/* "dyad: FILE:LINE: message" (or with the offset, or only "dyad: message")
 * on stderr. */
void cli_print_err(const dy_err *e);
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a usage error with a hint to `dyad CMD --help`; returns
 * CLI_EXIT_USAGE. */
int cli_usage(const cli_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Warning callback for readers: prints (unless quiet) and counts. */
void cli_warn(void *ctx, const dy_err *w);

/* Locate the data directory: $DYAD_DATA, else ../share/dyad or ../data (and
 * ../../data) relative to the executable. Returns a static string or NULL. */
const char *cli_find_data_dir(void);
/* Join data_dir and rel into out; returns out. */
char *cli_data_path(const cli_ctx *c, const char *rel, char *out, size_t n);

/* ---- input options shared by commands that read documents ----------- */

typedef struct cli_input {
    txt_read_opts ropts;
    char **paths;           /* expanded paths (owned) */
    size_t npaths;
    const char *dicts[16];  /* --dict DIR, borrowed from argv */
    size_t ndicts;
    int threads;
    int no_syntax;          /* --no-syntax: code without the syntax model */
    int take_docs;          /* cli_each_doc hands ownership of each document
                               to the callback (which must txt_doc_free it) */
    unsigned shard_k, shard_n; /* --shard K/N: keep the documents of shard K
                               (0-based) of N; shard_n 0 = every document */
    long sharded_out;       /* documents left to the other shards */
} cli_input;

/* Long options understood by cli_input_option(); their vals are >= 1000.
 * Commands concatenate them into their own getopt_long tables. */
#define CLI_INPUT_LONGOPTS                                   \
    {"input", required_argument, NULL, 1001},                \
    {"date", required_argument, NULL, 1002},                 \
    {"dict", required_argument, NULL, 1003},                 \
    {"no-syntax", no_argument, NULL, 1004},                  \
    {"quiet", no_argument, NULL, 'q'}

/* --shard, for the commands that split their documents among processes
 * (code, ingest, recode); handled by cli_input_option. */
#define CLI_SHARD_LONGOPT {"shard", required_argument, NULL, 1005}
#define CLI_SHARD_HELP                                                              \
    "      --shard K/N      only the documents of shard K (0 to N-1) of N, by a\n"     \
    "                       hash of the document id; --shard slurm takes K and N\n"    \
    "                       from a Slurm job array (docs/scale.md)\n"

#define CLI_INPUT_HELP                                                              \
    "  -i, --input FORMAT   text, jsonl, html, petrarch (PETRARCH2 XML) or tabari\n" \
    "                       (TABARI .text) (default: detect by extension/content)\n" \
    "      --date YYYY-MM-DD  date of documents that carry none\n"                     \
    "      --dict DIR       use the dictionary set in DIR (repeatable)\n"                \
    "      --no-syntax      code without the parser: faster, less precise (coding)\n"   \
    "  -q, --quiet          no warnings on stderr\n"

/* Handle option opt (from getopt_long) if it is an input option. Returns 1
 * when consumed, 0 when not an input option, CLI_EXIT_USAGE (after printing)
 * when its argument is bad. */
int cli_input_option(cli_ctx *c, cli_input *in, int opt, const char *arg);
/* Parse a --shard argument: "K/N" (decimal, 0 <= K < N <= 1000000) or
 * "slurm" (K = SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN, default minimum
 * 0, and N = SLURM_ARRAY_TASK_COUNT from the environment). Returns 0 with
 * *k and *n set, or CLI_EXIT_USAGE after printing a one-line error. */
int cli_parse_shard(cli_ctx *c, const char *arg, unsigned *k, unsigned *n);
/* Is the document with this id in the shard in asks for? (Always, without
 * --shard.) */
int cli_in_shard(const cli_input *in, const char *id);
/* Expand argv paths (none = "-") into in->paths. Returns 0, or
 * CLI_EXIT_FAIL after printing the error. */
int cli_input_paths(cli_ctx *c, cli_input *in, char **argv, int argc);
void cli_input_free(cli_input *in);

/* Called for each non-empty document; the document is borrowed (freed after
 * the call) unless in->take_docs is set. Return 0 to go on, non-zero to stop
 * with that exit code. */
typedef int (*cli_doc_fn)(void *ud, txt_doc *doc);
/* Read every document of in->paths, print and count skipped records and
 * empty documents, leave out (and count in in->sharded_out) those of other
 * shards, call fn for the others. Returns CLI_EXIT_OK,
 * CLI_EXIT_FAIL on a fatal error, or fn's non-zero result. */
int cli_each_doc(cli_ctx *c, cli_input *in, cli_doc_fn fn, void *ud);
/* Final exit code for a run that reached its end: SKIPPED if records were
 * skipped, else OK. */
int cli_finish(const cli_ctx *c);

/* Commands: each gets argv starting at its own name. */
int cmd_segment(cli_ctx *c, int argc, char **argv);
int cmd_code(cli_ctx *c, int argc, char **argv);
int cmd_eval(cli_ctx *c, int argc, char **argv);
int cmd_actors(cli_ctx *c, int argc, char **argv);
int cmd_dict(cli_ctx *c, int argc, char **argv);
int cmd_ingest(cli_ctx *c, int argc, char **argv);
int cmd_recode(cli_ctx *c, int argc, char **argv);
int cmd_events(cli_ctx *c, int argc, char **argv);
int cmd_show(cli_ctx *c, int argc, char **argv);
int cmd_model(cli_ctx *c, int argc, char **argv);
int cmd_partners(cli_ctx *c, int argc, char **argv);
int cmd_dyad(cli_ctx *c, int argc, char **argv);
int cmd_serve(cli_ctx *c, int argc, char **argv);
int cmd_parse(cli_ctx *c, int argc, char **argv);
int cmd_train(cli_ctx *c, int argc, char **argv);

#endif
