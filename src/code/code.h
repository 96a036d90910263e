/* code.h - public interface of the code stage: events in the CAMEO ontology.
 *
 * The event contract (docs/formats.md) is defined here: what an event holds
 * and how it is written as JSON lines or TSV. The coder fills events from a
 * txt_analysis and the mentions of the dict stage.
 */
#ifndef DY_CODE_H
#define DY_CODE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "text/text.h"

/* ---- the CAMEO code table ------------------------------------------- */

typedef struct code_cameo_entry {
    char code[8];      /* "042", "0231" */
    char root[3];      /* "04" */
    int quad;          /* 1..4, GDELT convention */
    double goldstein;  /* -10..10 */
    const char *name;  /* owned by the table */
} code_cameo_entry;

typedef struct code_cameo code_cameo;

/* Load the table (data/cameo/codes.tsv format: code, root, quad, goldstein,
 * name; '#' comment lines and a header line). *out is caller-owned
 * (code_cameo_free). Returns 0, DY_EIO, DY_EPARSE (err: file:line) or
 * DY_ENOMEM. */
int code_cameo_load(const char *path, code_cameo **out, dy_err *err);
/* The entry of code (NUL-terminated), or NULL when unknown. Borrowed. */
const code_cameo_entry *code_cameo_get(const code_cameo *t, const char *code);
/* Number of entries and the i-th entry, in file order. */
size_t code_cameo_count(const code_cameo *t);
const code_cameo_entry *code_cameo_at(const code_cameo *t, size_t i);
void code_cameo_free(code_cameo *t);

/* ---- events ---------------------------------------------------------- */

typedef enum {
    CODE_MOD_ASSERTED = 0,
    CODE_MOD_NEGATED,
    CODE_MOD_FUTURE,
    CODE_MOD_HYPOTHETICAL,
    CODE_MOD_ALLEGED
} code_modality;

/* "asserted", "negated", ...; static string. */
const char *code_modality_name(int m);

/* A byte span [start, end) in the document text; start < 0 when absent. */
typedef struct code_span {
    int32_t start, end;
} code_span;

/* Why an event came out (filled by the coder, printed by --explain).
 * Strings are borrowed from the dictionaries or the document arena. */
typedef struct code_explain {
    const char *pattern;      /* verb pattern "file:line" */
    const char *pattern_text; /* the pattern as written */
    const char *source_entry; /* actor entry "file:line", NULL if none */
    const char *target_entry;
    uint32_t src_tok[2];      /* token ranges [begin, end) (0,0 = none) */
    uint32_t verb_tok[2];
    uint32_t tgt_tok[2];
    const char *modality_cue; /* word(s) that set the modality, NULL */
    code_span cue;
    int32_t timex;            /* index into the analysis' timex, -1 = doc date */
} code_explain;

typedef struct code_event {
    uint32_t sent;            /* sentence index */
    txt_date date;            /* event date, prec NONE when unknown */
    char source[32];          /* CAMEO actor code, "" when none */
    char target[32];
    char code[8];             /* CAMEO event code */
    int modality;             /* code_modality */
    code_span src, verb, tgt; /* evidence spans */
    code_explain why;
} code_event;

typedef enum { CODE_OUT_JSONL = 0, CODE_OUT_TSV } code_out_format;

/* Append one event (one line, with '\n') in the given format to b. doc and an
 * are the event's document and analysis; cam supplies root, quad and
 * Goldstein; explain adds the "explain" object (JSONL) or columns (TSV).
 * Returns 0 or DY_ENOMEM. */
int code_event_write(dy_buf *b, int format, const txt_doc *doc,
                     const txt_analysis *an, const code_event *ev,
                     const code_cameo *cam, int explain);
/* Append the TSV header line (with explain columns when explain). */
int code_event_write_tsv_header(dy_buf *b, int explain);

#endif
