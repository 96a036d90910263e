/* model_cli.h - what `dyad model`, `dyad partners` and `dyad dyad` share:
 * the store options and loading store aggregates into a model_data. */
#ifndef DY_CLI_MODEL_CLI_H
#define DY_CLI_MODEL_CLI_H

#include "cli/cli.h"
#include "model/model.h"
#include "store/store.h"

typedef struct model_cli {
    const char *db;
    store_filter f;
    int window;           /* STORE_WIN_* */
    int level;            /* STORE_LEVEL_* */
    int event_dates;      /* --dates event: no default publication range */
} model_cli;

/* Long options handled by model_cli_option (vals 3001..3006). */
#define MODEL_CLI_LONGOPTS                                \
    {"db", required_argument, NULL, 3001},                \
    {"from", required_argument, NULL, 3002},              \
    {"to", required_argument, NULL, 3003},                \
    {"window", required_argument, NULL, 3004},            \
    {"level", required_argument, NULL, 3005},             \
    {"dates", required_argument, NULL, 3006}

#define MODEL_CLI_HELP                                                                 \
    "      --db PATH|URL    the store (SQLite file or postgresql:// URL)\n"            \
    "      --from DATE      events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n"   \
    "      --to DATE        events up to the end of DATE\n"                            \
    "      --level LEVEL    country (default: states and organisations; other actors\n" \
    "                       are left out and counted) or actor (full codes)\n"          \
    "      --dates D        document (default: without --from/--to, only the years\n" \
    "                       of the documents' publication dates) or event (every\n"   \
    "                       event date, also history recalled in the text)\n"

/* Handle a shared option: 1 consumed, 0 not ours, CLI_EXIT_USAGE printed. */
int model_cli_option(cli_ctx *c, model_cli *m, int opt, const char *arg);
/* Parse a window name (all, year, quarter, month) into STORE_WIN_*; -1 if bad. */
int model_cli_window(const char *s);
/* Open the store and add store_aggregate's records to d. Prints errors.
 * Returns 0 or an exit code. */
int model_cli_load(cli_ctx *c, const model_cli *m, model_data *d, store **sp);
/* Parse a number in [lo, hi]: 0 or CLI_EXIT_USAGE (printed). */
int model_cli_long(cli_ctx *c, const char *opt, const char *arg, long lo, long hi, long *out);
int model_cli_double(cli_ctx *c, const char *opt, const char *arg, double lo, double hi,
                     double *out);
/* The display names of actor codes from the data directory's actor
 * dictionaries into *out (NULL when there is no data directory: codes are
 * then their own names). Prints errors. Returns 0 or CLI_EXIT_FAIL. */
int model_cli_names(const cli_ctx *c, dict_names **out);
/* Write b to standard output and free it: 0 or CLI_EXIT_FAIL (printed). */
int model_cli_flush(dy_buf *b);

#endif
