/* import_internal.h - the importers behind dict_import_file() and the
 * helpers they share (src/dict/import.c). Not part of the public interface.
 *
 * Every importer works the same way: the input is read whole and converted to
 * UTF-8, each source entry gets an id (imp_entry), the dyad text written for it
 * is appended as chunks tagged with that id, and imp_finish() checks the result
 * with dyad's own loader, drops the entries whose text does not load (reporting
 * them), writes the file and adds the figures to the caller's stats.
 */
#ifndef DY_DICT_IMPORT_INTERNAL_H
#define DY_DICT_IMPORT_INTERNAL_H

#include <stdint.h>

#include "dict/dict.h"

/* Same contract as dict_import_file for one format each. */
int dict_import_petrarch(const char *path, const char *outdir, dict_report_fn report, void *ud,
                         dict_import_stats *st, dy_err *err);
int dict_import_tabari(const char *path, const char *outdir, dict_report_fn report, void *ud,
                       dict_import_stats *st, dy_err *err);

/* A growable string; oom is set (and further appends ignored) when an
 * allocation fails. s is owned by the buffer (imp_buf_free). */
typedef struct imp_buf {
    char *s;
    size_t n, cap;
    int oom;
} imp_buf;

void imp_buf_add(imp_buf *b, const char *s, size_t n);
void imp_buf_adds(imp_buf *b, const char *s);
void imp_buf_addf(imp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void imp_buf_addc(imp_buf *b, char c);
void imp_buf_free(imp_buf *b);

typedef struct imp_entry {
    long line;      /* source line (1-based) */
    int failed;
} imp_entry;

typedef struct imp_chunk {
    size_t off, len;      /* into imp_ctx.out */
    uint32_t entry;       /* the source entry the text came from */
    uint32_t parent;      /* an entry it also depends on (a verb line), or 0 */
    uint32_t nforms;      /* forms or patterns it holds */
    long lines;           /* output lines (set by imp_finish) */
} imp_chunk;

enum { IMP_OUT_ACTORS = 0, IMP_OUT_VERBS };

/* Conversion state of one input file. */
typedef struct imp_ctx {
    const char *path;         /* input path, for reports (borrowed) */
    const char *format;       /* "petrarch" or "tabari" */
    dict_report_fn report;
    void *ud;
    dy_err *err;
    char *text;               /* the input as UTF-8, NUL-terminated (owned) */
    size_t len;
    size_t pos;               /* line iterator */
    long lineno;
    imp_buf line;             /* the current line */
    imp_buf out;              /* chunk texts */
    imp_chunk *ch;
    size_t nch, capch;
    imp_entry *ent;           /* ent[0] is the file header, never fails */
    size_t nent, capent;
    char **classes;           /* word class names defined (verbs; owned) */
    size_t ncls, capcls;
    int oom;
} imp_ctx;

/* Read path into c (converted to UTF-8, CR removed by imp_next_line).
 * Returns 0, DY_EIO or DY_ENOMEM (err set). */
int imp_open(imp_ctx *c, const char *format, const char *path, dict_report_fn report, void *ud,
             dy_err *err);
/* Release everything c owns. */
void imp_close(imp_ctx *c);
/* Next line into c->line (without CR/LF, NUL-terminated); 0 at the end. */
int imp_next_line(imp_ctx *c);
/* A new source entry at line; returns its id (> 0), 0 when out of memory. */
uint32_t imp_entry_new(imp_ctx *c, long line);
/* Mark entry id as not convertible and report "FILE:LINE: why". */
void imp_fail(imp_ctx *c, uint32_t id, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Report a problem at line that is not an entry of its own (it is counted as
 * a failed entry). */
void imp_fail_line(imp_ctx *c, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Append b's text as one chunk of entry (parent: 0 or an entry it depends
 * on) holding nforms forms or patterns. */
void imp_emit(imp_ctx *c, uint32_t entry, uint32_t parent, uint32_t nforms, const imp_buf *b);
/* Check the output with dyad's loader (dropping and reporting entries that do
 * not load), write outdir/{actors,verbs}/NAME.txt and add to st. Returns 0,
 * DY_EIO or DY_ENOMEM. */
int imp_finish(imp_ctx *c, int kind, const char *outdir, dict_import_stats *st);

/* Remember a word class name (verbs); returns 0 or DY_ENOMEM. */
int imp_class_add(imp_ctx *c, const char *name);
int imp_class_known(const imp_ctx *c, const char *name);
/* Word class name for dyad from a source name ("&AUXVERB1_" -> "&AUXVERB1"):
 * letters and digits only; out gets "" when nothing is left. */
void imp_class_name(const char *s, size_t n, char *out, size_t cap);

enum { IMP_CASE_LOWER = 0, IMP_CASE_TITLE };
/* Append the phrase s (words joined by '_' or spaces) as a dyad form: words
 * separated by single spaces, cased as mode says (docs/import.md). */
void imp_form(imp_buf *b, const char *s, size_t n, int mode);
/* Parse a YYMMDD or YYYYMMDD date into "YYYY-MM-DD" (out >= 11 bytes).
 * Returns 0 or -1 when it is not a valid date. */
int imp_date(const char *s, size_t n, char *out);
/* A code dyad accepts for actors: 2-31 capitals and digits. */
int imp_code_ok(const char *s, size_t n);
/* Base name of a path (borrowed from it). */
const char *imp_base(const char *path);
/* Trim white space around s[0..*n). */
const char *imp_trim(const char *s, size_t *n);

/* Converters shared by both formats (import_actors.c). comment is the
 * comment character besides '#' (';' for TABARI, 0 for PETRARCH). */
int imp_convert_actors(imp_ctx *c, char comment);
int imp_convert_agents(imp_ctx *c, char comment);

/* Verb patterns (import_verbs.c). */
enum { IMP_SYN_PETRARCH = 0, IMP_SYN_TABARI };
/* Convert the source pattern s (without its code) into dyad pattern
 * elements appended to out; particle (NULL or words such as "for") is put
 * right after '*'. Returns NULL, or a static reason why the pattern cannot be
 * converted. */
const char *imp_pattern(const imp_ctx *c, int syntax, const char *s, size_t n,
                        const char *particle, imp_buf *out);
/* Event code of a bracket's content ("042:043" -> "042", "---"); returns
 * 0, or -1 when it is not a code dyad accepts. out >= 8 bytes. */
int imp_event_code(const char *s, size_t n, char *out);
/* Split a verb phrase ("+ASK_FOR", "ARREST AND_CHARGE", "ACT_") into a lower
 * case lemma and its particle words ("for", "and charge"). Returns 0 or -1
 * when the lemma is not one plain word. */
int imp_verb_phrase(const char *s, size_t n, char *lemma, size_t lcap, char *particle,
                    size_t pcap);
/* Append "verb LEMMA" with forms and default code (or a particle pattern)
 * for a verb line to b; *npat counts the pattern lines written. */
void imp_verb_head(imp_buf *b, const imp_ctx *c, long line, const char *lemma,
                   const char *particle, const char *forms, const char *code, uint32_t *npat);
/* Class line "class &NAME a | b" for members (separated by '\n') into b. */
void imp_class_line(imp_buf *b, const char *name, const imp_buf *members);
/* A class member (words joined by '_' or spaces) into words for dyad;
 * returns -1 when it holds pattern syntax. */
int imp_member(const char *s, size_t n, imp_buf *out);

/* Kind of a file from its content. */
enum { IMP_KIND_ACTORS = 0, IMP_KIND_AGENTS, IMP_KIND_VERBS };
int imp_detect(const imp_ctx *c);

#endif
