/* cmd_train.c - `dyad train`: train the syntax model from treebanks. */
#include "cli/cli.h"
#include "syntax/syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char train_help[] =
    "Usage: dyad train [OPTIONS] -o MODEL TREEBANK.conllu...\n\n"
    "Train the part-of-speech tagger and the dependency parser of the syntax\n"
    "stage from Universal Dependencies treebanks (CoNLL-U) and write the model\n"
    "file (data/syntax/en.model is the one dyad uses; docs/syntax.md).\n"
    "Training is deterministic: the same treebanks and options give the same\n"
    "file.\n\nOptions:\n"
    "  -o, --out FILE          where to write the model (required)\n"
    "      --tagger-iters N    passes of the tagger over the data (default 15)\n"
    "      --parser-iters N    passes of the parser (default 20)\n"
    "      --folds N           jackknife folds for the parser's tags (default 5)\n"
    "      --explore P         dynamic-oracle exploration, 0..1 (default 0.9)\n"
    "      --seed N            random seed (default fixed)\n"
    "      --min-updates N     keep parser features updated at least N times\n"
    "                          in training (default 2)\n"
    "      --wordnet DIR       WordNet 3.0 database (e.g. /usr/share/wordnet from\n"
    "                          Debian's wordnet-base) for the tagger's lexicon\n"
    "  -q, --quiet             no progress on stderr\n"
    "  -h, --help              show this help\n";

static void progress(void *ud, const char *msg)
{
    (void)ud;
    fprintf(stderr, "dyad train: [%5.1f s] %s\n", (double)clock() / CLOCKS_PER_SEC, msg);
}

static int int_arg(cli_ctx *c, const char *name, const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return cli_usage(c, "%s: expected a number from %ld to %ld", name, lo, hi);
    *out = v;
    return 0;
}

int cmd_train(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, NULL, 'o'},
        {"tagger-iters", required_argument, NULL, 1},
        {"parser-iters", required_argument, NULL, 2},
        {"folds", required_argument, NULL, 3},
        {"explore", required_argument, NULL, 4},
        {"seed", required_argument, NULL, 5},
        {"wordnet", required_argument, NULL, 6},
        {"min-updates", required_argument, NULL, 7},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    syn_train_opts o = {.explore = -1, .min_updates = -1, .progress = progress};
    const char *out = NULL;
    int opt, rc;
    long v = 0;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
        switch (opt) {
        case 'o': out = optarg; break;
        case 1: if ((rc = int_arg(c, "--tagger-iters", optarg, 1, 100, &v))) return rc;
            o.tagger_iters = (int)v; break;
        case 2: if ((rc = int_arg(c, "--parser-iters", optarg, 1, 100, &v))) return rc;
            o.parser_iters = (int)v; break;
        case 3: if ((rc = int_arg(c, "--folds", optarg, 2, 20, &v))) return rc;
            o.folds = (int)v; break;
        case 4: {
            char *end;
            o.explore = strtod(optarg, &end);
            if (!*optarg || *end || !(o.explore >= 0 && o.explore <= 1))
                return cli_usage(c, "--explore: expected a number from 0 to 1");
            break;
        }
        case 5: if ((rc = int_arg(c, "--seed", optarg, 1, 2147483647L, &v))) return rc;
            o.seed = (uint64_t)v; break;
        case 6: o.wordnet = optarg; break;
        case 7: if ((rc = int_arg(c, "--min-updates", optarg, 0, 1000, &v))) return rc;
            o.min_updates = (int)v; break;
        case 'q': o.progress = NULL; break;
        case 'h': fputs(train_help, stdout); return CLI_EXIT_OK;
        default: return cli_usage(c, "unknown option");
        }
    }
    if (!out)
        return cli_usage(c, "missing -o MODEL");
    if (optind >= argc)
        return cli_usage(c, "no treebank given");
    o.files = (const char *const *)(argv + optind);
    o.nfiles = (size_t)(argc - optind);
    dy_err err;
    dy_err_clear(&err);
    clock_t t0 = clock();
    if (syn_train(&o, out, &err)) {
        cli_print_err(&err);
        return CLI_EXIT_FAIL;
    }
    if (o.progress)
        fprintf(stderr, "dyad train: wrote %s in %.1f s\n", out,
                (double)(clock() - t0) / CLOCKS_PER_SEC);
    return CLI_EXIT_OK;
}
