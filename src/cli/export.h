/* export.h - the exports of `dyad events` for other tools (docs/exports.md):
 * PLOVER records, the GDELT 2.0 event and mentions tables. cmd_events.c
 * registers them; they live apart so that the formats grow without
 * touching the command. */
#ifndef DY_CLI_EXPORT_H
#define DY_CLI_EXPORT_H

#include "cli/cli.h"
#include "code/code_export.h"
#include "core/buf.h"
#include "model/model.h"
#include "store/store.h"

typedef struct cli_export {
    int format;              /* CLI_EXPORT_* */
    code_cameo *cam;         /* plover: the CAMEO table the mapping is checked on */
    code_plover *plover;
    code_gazetteer *geo;     /* gdelt: country names and alpha-2 codes */
    long unmapped;           /* plover: events PLOVER has no type for */
    long coarse;             /* gdelt2: events dated to a month or year only */
    const dict_names *names; /* gdelt2: ActorName from the display names
                                 (NULL: the mention text); plover:
                                 actor_name, recipient_name; borrowed */
} cli_export;

enum { CLI_EXPORT_NONE = 0, CLI_EXPORT_PLOVER, CLI_EXPORT_GDELT2, CLI_EXPORT_MENTIONS };

/* The format named name ("plover", "gdelt2", "gdelt2-mentions"), or
 * CLI_EXPORT_NONE. */
int cli_export_format(const char *name);
/* Load what the format needs (the PLOVER mapping). Prints errors. Returns
 * 0 or CLI_EXIT_FAIL. */
int cli_export_open(cli_ctx *c, cli_export *x, int format);
void cli_export_close(cli_export *x);
/* The header line of the format, if it has one. */
void cli_export_header(cli_export *x, dy_buf *b);
/* Append the rows of one stored event. */
void cli_export_event(cli_export *x, dy_buf *b, const store_event *e);
/* Counts worth a note on stderr (left-out and coarse events), unless quiet. */
void cli_export_notes(const cli_export *x, const cli_ctx *c);

/* The columns `dyad events --format tsv|csv` writes after its own (kept
 * apart so that other columns can be added beside them): date_precision,
 * pub_date, source_text, target_text and the place. */
enum { CLI_EXTRA_COLS = 10 };
extern const char *const cli_export_extra_names[CLI_EXTRA_COLS];
/* Call put(ud, value) for each extra column of e, in order; values are
 * NUL-terminated and borrowed for the call ("" when empty). */
void cli_export_extra(const store_event *e, void (*put)(void *ud, const char *s), void *ud);

/* The mention text of a span [s[0], s[1]) of a stored event, from its
 * sentence (NULL, 0 when the span or the sentence offset is unknown). */
const char *cli_export_mention(const store_event *e, const int32_t s[2], size_t *n);

#endif
