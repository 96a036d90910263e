/* err.h - errors as values.
 *
 * Library functions never print or exit: they return a status code and fill a
 * caller-owned dy_err with what went wrong and where (file, line, byte
 * offset). Only src/cli/ turns these into messages and exit codes.
 */
#ifndef DY_ERR_H
#define DY_ERR_H

#include <stddef.h>

typedef enum {
    DY_OK = 0,
    DY_ENOMEM = -1,  /* allocation failed */
    DY_EIO = -2,     /* cannot open, read or write a file */
    DY_EPARSE = -3,  /* malformed input: the record or line is unusable */
    DY_EINVAL = -4,  /* invalid argument or option value */
    DY_ESKIP = -5,   /* a record was skipped; processing may go on */
    DY_ELIMIT = -6   /* an input exceeded a documented limit */
} dy_status;

typedef struct dy_err {
    int code;        /* a dy_status */
    long line;       /* 1-based line in file, 0 when not applicable */
    long offset;     /* byte offset in file or document, -1 when not applicable */
    char file[512];  /* file name or document id, "" when none */
    char msg[512];   /* one-line message without trailing newline */
} dy_err;

/* Reset e to "no error". e may be NULL (then nothing happens). */
void dy_err_clear(dy_err *e);
/* Fill e (if not NULL) and return code, so that callers can write
 * `return dy_err_set(e, DY_EPARSE, path, line, -1, "expected %s", x);`.
 * file may be NULL. The message is truncated to fit. */
int dy_err_set(dy_err *e, int code, const char *file, long line, long offset,
               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* Short name of a status code ("out of memory", ...); static string. */
const char *dy_status_str(int code);

#endif
