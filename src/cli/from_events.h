/* from_events.h - events coded elsewhere, for `dyad ingest --from-events`:
 * the lines `dyad code --format jsonl` writes (with or without --explain),
 * indexed by document id, stored with their
 * documents instead of coding them again (docs/scale.md). */
#ifndef DY_CLI_FROM_EVENTS_H
#define DY_CLI_FROM_EVENTS_H

#include "cli/cli.h"
#include "code/code.h"
#include "code/code_export.h"

typedef struct fe_index fe_index;

/* Read the event lines of path ("-": standard input) into an index by
 * document id, each document's events in file order, all of them default
 * events (what `dyad code` writes without --all-modalities; the default
 * coder's choices cannot be told apart from the others' in a file written
 * with it). Prints the first error
 * (FILE:LINE: what is wrong). Returns 0 (*out owned by the caller,
 * fe_free) or CLI_EXIT_FAIL. */
int fe_load(cli_ctx *c, const char *path, fe_index **out);
/* The events of document id (borrowed from x; *n 0 when none) and how many
 * of them are default ones. Read-only: worker threads may call it while
 * the main thread calls nothing else on x. */
void fe_get(const fe_index *x, const char *id, const code_event **ev, size_t *n,
            size_t *ndflt);
/* Note that document id was in the input (main thread). */
void fe_mark(fe_index *x, const char *id);
/* Events whose document was never marked; *example: one such id or NULL. */
long fe_unused(const fe_index *x, const char **example);
void fe_free(fe_index *x);

#endif
