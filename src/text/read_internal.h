/* read_internal.h - shared between the document readers of the text stage
 * (read.c, read_jsonl.c, read_html.c, read_petrarch.c, read_tabari.c,
 * clean.c). Not part of the public
 * interface: later stages use text.h only.
 */
#ifndef DY_TEXT_READ_INTERNAL_H
#define DY_TEXT_READ_INTERNAL_H

#include <stddef.h>

#include "text/text.h"

/* Warnings about invalid bytes are limited per document so that a binary or
 * badly mis-encoded file cannot flood the terminal; one summary follows. */
#define TXT_MAX_BYTE_WARNINGS 10

/* Where a cleaning pass reports its warnings and how much it cleans. */
typedef struct txt_clean_ctx {
    const char *name;   /* file name for warnings (may be NULL) */
    long line;          /* line for warnings, 0 when not applicable */
    long long base;     /* added to every reported offset (file offset of in[0]) */
    const char *field;  /* NULL, or the JSON field the bytes came from: then
                           offsets are relative to that field's value and
                           the message says so */
    txt_warn_fn warn;   /* may be NULL: then nothing is reported */
    void *ud;
    int scrub_only;     /* only replace invalid bytes and NUL: keep CR, BOM,
                           and skip NFC (for raw JSON lines) */
    size_t nbad;        /* out: invalid bytes seen (NUL counts as one) */
} txt_clean_ctx;

/* txt_clean_utf8 with the reporting context spelled out. *out is caller-owned
 * (dy_free), NUL-terminated. Returns 0 or DY_ENOMEM. */
int txt_clean_ex(const char *in, size_t n, txt_clean_ctx *c, char **out,
                 size_t *outn);

/* Open a reader over an in-memory copy of data[0..n) as if it were the file
 * `name` (the name drives format detection by extension and appears in
 * messages). Used by the fuzz harnesses. Returns 0 or DY_ENOMEM. */
int txt_reader_open_mem(const char *name, const void *data, size_t n,
                        const txt_read_opts *o, txt_reader **out, dy_err *err);

/* Would txt_clean_ex change s[0..n) (a byte >= 0x80, a NUL, or unless
 * scrub_only a CR)? 0 means the bytes can be used as they are. */
int txt_clean_needed(const char *s, size_t n, int scrub_only);

/* Parse one JSON line line[0..n) (already scrubbed to valid UTF-8) into a
 * document. path/lineno/off say where the line is, for messages. Returns 1
 * with *out set (caller owns), DY_ESKIP (err filled) or DY_ENOMEM. */
int txt_jsonl_parse_line(const char *line, size_t n, const char *path,
                         long lineno, long long off, const txt_read_opts *o,
                         txt_doc **out, dy_err *err);

/* Extract a document from an HTML page src[0..n) (valid UTF-8): title, main
 * text, date, canonical URL. path becomes id and path. Returns 1 with *out
 * set (caller owns), DY_ESKIP for a page nested too deeply to parse in
 * reasonable time, or DY_ENOMEM (err filled). */
int txt_html_extract(const char *src, size_t n, const char *path,
                     const txt_read_opts *o, txt_doc **out, dy_err *err);

/* A position in a whole cleaned file read by a multi-record format
 * (PETRARCH2 XML, TABARI .text): s[0..n) is the file, pos the next byte,
 * line the 1-based line of pos (0 before the first call: taken as 1). */
typedef struct txt_cursor {
    const char *s;
    size_t n, pos;
    long line;
    int started;  /* the format's prologue was read */
    int done;     /* nothing more to read (end reached or a fatal error) */
} txt_cursor;

/* Next <Sentence> of a PETRARCH2 XML file (read_petrarch.c). Returns 1 with
 * *out set (caller owns), 0 at the end, DY_ESKIP (err says file:line and
 * what was expected; after a structural error the rest of the file is
 * skipped and the next call returns 0) or DY_ENOMEM. */
int txt_petrarch_next(txt_cursor *c, const char *path, const txt_read_opts *o,
                      txt_doc **out, dy_err *err);

/* Next record of a TABARI .text file (read_tabari.c); statuses as
 * txt_petrarch_next (a bad record line skips that record only). */
int txt_tabari_next(txt_cursor *c, const char *path, const txt_read_opts *o,
                    txt_doc **out, dy_err *err);

/* A fresh zeroed document with id and path copied (both required). NULL when
 * out of memory. */
txt_doc *txt_doc_new(const char *id, const char *path);

/* Copy s[0..n) through the cleaner without warnings (valid NFC UTF-8, no NUL
 * inside); NULL when out of memory. For short metadata strings. */
char *txt_clean_str(const char *s, size_t n);

#endif
