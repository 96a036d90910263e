/* err.c - error values. */
#include "core/err.h"
#include "core/invariant.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void dy_err_clear(dy_err *e)
{
    if (!e)
        return;
    e->code = DY_OK;
    e->line = 0;
    e->offset = -1;
    e->file[0] = '\0';
    e->msg[0] = '\0';
}

int dy_err_set(dy_err *e, int code, const char *file, long line, long offset,
               const char *fmt, ...)
{
    if (!e)
        return code;
    e->code = code;
    e->line = line;
    e->offset = offset;
    snprintf(e->file, sizeof e->file, "%s", file ? file : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}

const char *dy_status_str(int code)
{
    switch (code) {
    case DY_OK: return "ok";
    case DY_ENOMEM: return "out of memory";
    case DY_EIO: return "input/output error";
    case DY_EPARSE: return "parse error";
    case DY_EINVAL: return "invalid argument";
    case DY_ESKIP: return "record skipped";
    case DY_ELIMIT: return "limit exceeded";
    default: return "unknown error";
    }
}

#ifdef DY_CHECKED
/* Contract in invariant.h. The one place the library writes to stderr: a
 * broken invariant has no caller that could handle it. */
void dy_assert_fail(const char *expr, const char *file, int line, const char *func)
{
    fprintf(stderr, "%s:%d: %s: invariant failed: %s\n", file, line, func, expr);
    abort();
}
#endif
