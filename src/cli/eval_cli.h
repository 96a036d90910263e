/* eval_cli.h - coding the documents of a gold file for `dyad eval`: the
 * articles of an articles gold (in parallel, like `dyad code`) or the
 * sentences of a sentences gold, each handed to the eval stage's scorer. */
#ifndef DY_CLI_EVAL_CLI_H
#define DY_CLI_EVAL_CLI_H

#include "cli/engine.h"
#include "eval/eval.h"

/* Code every document of in->paths with eng on threads threads (1..64) and
 * give each, in input order, with its events to g (eval_articles_add_doc,
 * eval_articles_add_event). Skipped records are counted in c. Prints
 * errors. Returns 0, CLI_EXIT_FAIL. */
int cli_eval_code_articles(cli_ctx *c, cli_input *in, const cli_engine *eng, int threads,
                           eval_articles *g);

/* Code the sentence of every row of g (dated date, may be NULL) and score
 * it with its events and actor mentions. Prints errors. Returns 0 or
 * CLI_EXIT_FAIL. */
int cli_eval_code_sentences(const cli_engine *eng, const txt_date *date, eval_sentences *g);

#endif
