/* main.c - dyad's entry point: global options and command dispatch. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

typedef struct command {
    const char *name;
    int (*run)(cli_ctx *c, int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"code", cmd_code, "code documents into CAMEO events (JSON lines or TSV)"},
    {"segment", cmd_segment, "print sentences and time expressions as JSON lines"},
    {"parse", cmd_parse, "print tags and dependency trees (CoNLL-U); --eval a treebank"},
    {"actors", cmd_actors, "print actor mentions (or unknown names with --unknown)"},
    {"dict", cmd_dict, "check or import dictionaries (dict check DIR, dict import ...)"},
    {"eval", cmd_eval, "score the coder against a gold file (whole articles or sentences)"},
    {"ingest", cmd_ingest, "code documents and keep them with their events in a store"},
    {"recode", cmd_recode, "re-code stored documents after a dictionary change"},
    {"events", cmd_events, "query stored events (jsonl, tsv, csv or GDELT columns)"},
    {"show", cmd_show, "print a stored document with its events highlighted"},
    {"model", cmd_model, "model of international relations: blocs, polarity, centrality"},
    {"partners", cmd_partners, "rank an actor's partners by cooperation per window"},
    {"dyad", cmd_dyad, "time series of a relation with its key events"},
    {"serve", cmd_serve, "serve the dashboard and the JSON API over a store"},
    {"train", cmd_train, "train the syntax model from Universal Dependencies treebanks"},
};

static void usage(FILE *out)
{
    fputs("Usage: dyad [--help] [--version] COMMAND [OPTIONS] [ARGS]\n\n"
          "dyad turns news text into political events (CAMEO) and a model of\n"
          "international relations.\n\nCommands:\n",
          out);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fputs("\nRun 'dyad COMMAND --help' for a command's options.\n"
          "Exit status: 0 ok, 1 runtime error, 2 usage error,\n"
          "3 finished but some input records were skipped.\n",
          out);
}

int main(int argc, char **argv)
{
    cli_ctx c = {0};
    c.data_dir = cli_find_data_dir();
    if (argc < 2) {
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *a = argv[1];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "help") == 0) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
        printf("dyad %s\n", DYAD_VERSION);
        return CLI_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (strcmp(a, commands[i].name) == 0) {
            c.cmd = commands[i].name;
            return commands[i].run(&c, argc - 1, argv + 1);
        }
    }
    if (a[0] == '-')
        return cli_usage(&c, "unknown option '%s'", a);
    return cli_usage(&c, "unknown command '%s'", a);
}
