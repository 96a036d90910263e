/* engine.h - the loaded dictionaries, cues, CAMEO table and coder that the
 * coding commands share. */
#ifndef DY_CLI_ENGINE_H
#define DY_CLI_ENGINE_H

#include "cli/cli.h"
#include "code/code.h"
#include "dict/dict.h"
#include "syntax/syntax.h"

typedef struct cli_engine {
    syn_model *syn;   /* the syntax model (data/syntax/en.model) */
    dict_set *ds;
    code_cues *cues;
    code_cameo *cam;
    code_coder *coder;
} cli_engine;

/* Load dictionaries (in->dicts, else the data directory), cues and the CAMEO
 * table, and make a coder. Prints errors. Returns 0 or CLI_EXIT_FAIL. */
int cli_engine_open(cli_ctx *c, const cli_input *in, const code_opts *o, cli_engine *e);
void cli_engine_close(cli_engine *e);

/* Analyse doc and code it: what `dyad code` writes and `dyad eval` scores
 * for a document. *an and *ev (*nev events) are allocated in a. Safe to
 * call from several threads with one engine and an arena each. Returns 0,
 * or DY_ENOMEM with err filled. */
int cli_engine_code(const cli_engine *e, const txt_doc *doc, dy_arena *a, txt_analysis *an,
                    code_event **ev, size_t *nev, dy_err *err);

/* The dictionary set's version: FNV-1a 64 (hex, 16 digits + NUL) over the
 * names (relative to their directory) and contents of every file of the
 * dictionary directories in use (in->dicts, else the data directory's
 * actors/ and verbs/), the cue file and the CAMEO table. Prints errors.
 * Returns 0 or CLI_EXIT_FAIL. */
int cli_dict_version(cli_ctx *c, const cli_input *in, char out[17]);

#endif
