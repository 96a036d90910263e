/* buf.h - growable byte buffer for building output and strings. */
#ifndef DY_BUF_H
#define DY_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct dy_buf {
    char *data;   /* NUL-terminated when len > 0 or after any append */
    size_t len;
    size_t cap;
    int oom;      /* set once an append failed; later appends are no-ops */
} dy_buf;

/* A zeroed dy_buf is a valid empty buffer. dy_buf_free releases its memory
 * and leaves it empty. The buffer owns data. */
void dy_buf_free(dy_buf *b);
void dy_buf_reset(dy_buf *b);           /* len = 0, keeps memory */
/* Appends return 0 or DY_ENOMEM (and set b->oom). */
/* Room for n more bytes and a terminator: a pointer to the end of b's
 * contents (owned by b, valid until the next call that grows it), or NULL
 * with b->oom set. The caller writes there, then adds what it wrote to
 * b->len and terminates. */
char *dy_buf_reserve(dy_buf *b, size_t n);
int dy_buf_add(dy_buf *b, const void *p, size_t n);
int dy_buf_adds(dy_buf *b, const char *s);
int dy_buf_addc(dy_buf *b, char c);
int dy_buf_printf(dy_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
int dy_buf_vprintf(dy_buf *b, const char *fmt, va_list ap);
/* Append a decimal integer; a number with one decimal ("-2.5"). Faster
 * than dy_buf_printf on the output hot path. */
int dy_buf_addi(dy_buf *b, long long v);
int dy_buf_addf1(dy_buf *b, double v);
/* Append s[0..n) as a JSON string literal, with quotes; invalid UTF-8 is
 * not expected (texts are sanitised on input) but is escaped as \ufffd. */
int dy_buf_json_str(dy_buf *b, const char *s, size_t n);
/* Would a spreadsheet read a cell whose text is s[0..n) as a formula? 1
 * when it starts with '=', '+', '-', '@', a tab or a carriage return and
 * is not a plain number ("-2.5", "+1e3" are data); else 0. Table writers
 * (CSV, TSV) then write an apostrophe before the cell (formula injection,
 * docs/formats.md). */
int dy_cell_formula(const char *s, size_t n);
/* Append s[0..n) for a TSV field: tabs, newlines and CRs become spaces. */
int dy_buf_tsv_str(dy_buf *b, const char *s, size_t n);
/* Take ownership of the data (NUL-terminated, possibly NULL if empty);
 * the buffer becomes empty. */
char *dy_buf_take(dy_buf *b);

#endif
