/* engine.h - the loaded dictionaries, cues, CAMEO table and coder that the
 * coding commands share. */
#ifndef DY_CLI_ENGINE_H
#define DY_CLI_ENGINE_H

#include "cli/cli.h"
#include "code/code.h"
#include "dict/dict.h"

typedef struct cli_engine {
    dict_set *ds;
    code_cues *cues;
    code_cameo *cam;
    code_coder *coder;
} cli_engine;

/* Load dictionaries (in->dicts, else the data directory), cues and the CAMEO
 * table, and make a coder. Prints errors. Returns 0 or CLI_EXIT_FAIL. */
int cli_engine_open(cli_ctx *c, const cli_input *in, const code_opts *o, cli_engine *e);
void cli_engine_close(cli_engine *e);

#endif
