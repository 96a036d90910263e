/* engine.h - the loaded dictionaries, cues, CAMEO table and coder that the
 * coding commands share. */
#ifndef DY_CLI_ENGINE_H
#define DY_CLI_ENGINE_H

#include "cli/cli.h"
#include "code/code.h"
#include "code/code_export.h"
#include "dict/dict.h"
#include "syntax/syntax.h"

typedef struct cli_engine {
    syn_model *syn;   /* the syntax model (data/syntax/en.model) */
    dict_set *ds;
    code_cues *cues;
    code_cameo *cam;
    code_coder *coder;
    code_coder *coder_all; /* every modality (cli_engine_split), or NULL */
    code_plover *plover;      /* data/plover/cameo_plover.tsv (checked) */
    code_gazetteer *geo;      /* data/geo + libgeonames; NULL: events unplaced */
    dict_names *names;        /* display names from the same actor
                                 dictionaries (coding commands) */
} cli_engine;

/* Load dictionaries (in->dicts, else the data directory), cues, the CAMEO
 * table and the PLOVER mapping, and make a coder; with o (coding commands)
 * also the syntax model, the gazetteer, by which cli_code_doc places
 * events, and the actors' display names. Prints errors. Returns 0 or CLI_EXIT_FAIL. */
int cli_engine_open(cli_ctx *c, const cli_input *in, const code_opts *o, cli_engine *e);
void cli_engine_close(cli_engine *e);
/* Add a second coder that keeps every modality, for cli_code_doc_split
 * (`dyad ingest`, `recode`): e was opened with the default options. Prints
 * errors. Returns 0 or CLI_EXIT_FAIL. */
int cli_engine_split(cli_engine *e);

/* Documents up to this size are analysed and coded in one piece; larger
 * ones piece by piece (cli_code_doc). */
enum { CLI_CHUNK_BYTES = 1 << 20 };

/* Analyse and code doc, as txt_analyze and code_document, with memory
 * bounded by the piece, not the document: a document larger than
 * CLI_CHUNK_BYTES is cut at paragraph breaks (else line breaks, sentence
 * ends, spaces) into pieces of at most that size, each analysed and coded
 * in a scratch arena freed after it, and the results are put together with
 * document offsets, sentence, token and time expression indices (the
 * analysis keeps sentences and time expressions, not tokens: an->toks is
 * NULL, an->ntok 0). Context does not cross a cut: the year of a date
 * without one, pronouns. Results are in a. With ev NULL (e may then be
 * NULL) only the analysis is made. Returns 0, DY_ENOMEM (err). */
int cli_code_doc(const cli_engine *e, const txt_doc *doc, dy_arena *a, txt_analysis *an,
                 code_event **ev, size_t *nev, dy_err *err);

/* Code doc as cli_code_doc with the default coder, then, when e has a
 * coder_all, append the events that only it finds (negated, hypothetical,
 * ... readings): *ndflt receives the number of default events, which come
 * first; they are exactly the events `dyad code` writes for doc. Returns 0
 * or DY_ENOMEM (err). */
int cli_code_doc_split(const cli_engine *e, const txt_doc *doc, dy_arena *a, txt_analysis *an,
                       code_event **ev, size_t *nev, size_t *ndflt, dy_err *err);

/* The dictionary set's version: FNV-1a 64 (hex, 16 digits + NUL) over the
 * names (relative to their directory) and contents of every file of the
 * dictionary directories in use (in->dicts, else the data directory's
 * actors/ and verbs/), the cue file and the CAMEO table. Prints errors.
 * Returns 0 or CLI_EXIT_FAIL. */
int cli_dict_version(cli_ctx *c, const cli_input *in, char out[17]);

#endif
