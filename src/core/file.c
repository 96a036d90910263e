/* file.c - reading a whole file (file.h). */
#include "core/file.h"
#include "core/alloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Contract in file.h. */
int dy_read_file(const char *path, const char *what, size_t limit, char **out, size_t *n,
                 dy_err *err)
{
    *out = NULL;
    *n = 0;
    const char *sp = what ? " " : "", *w = what ? what : "";
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open%s%s: %s", sp, w,
                          strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = 0;
    for (;;) {
        /* Keep room for 64 KiB reads and the terminator. */
        if (cap - len < 65536 + 1) {
            size_t nc = cap ? cap * 2 : 131072;
            char *nb = cap < SIZE_MAX / 4 ? dy_realloc(buf, nc) : NULL;
            if (!nb) {
                rc = dy_err_set(err, DY_ENOMEM, path, 0, -1, "out of memory");
                break;
            }
            buf = nb;
            cap = nc;
        }
        size_t got = fread(buf + len, 1, cap - len - 1, fp);
        len += got;
        if (limit && len > limit) {
            rc = dy_err_set(err, DY_ELIMIT, path, 0, -1, "%s%sfile larger than %zu bytes", w, sp,
                            limit);
            break;
        }
        if (got == 0) {
            if (ferror(fp))
                rc = dy_err_set(err, DY_EIO, path, 0, -1, "cannot read%s%s: %s", sp, w,
                                strerror(errno));
            break;
        }
    }
    fclose(fp);
    if (rc) {
        dy_free(buf);
        return rc;
    }
    buf[len] = '\0';
    *out = buf;
    *n = len;
    return 0;
}

/* Contract in file.h. */
int dy_each_table_line(char *text, const char *name, const char *header, dy_line_fn fn,
                       void *ud, long *lines, dy_err *err)
{
    int rc = 0, seen_header = 0;
    long ln = 0;
    for (char *s = text; !rc && *s;) {
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = '\0';
        ln++;
        size_t n = strlen(s);
        if (n && s[n - 1] == '\r')
            s[--n] = '\0';
        if (n && s[0] != '#') {
            if (seen_header)
                rc = fn(ud, s, name, ln, err);
            else if (strncmp(s, header, strlen(header)) != 0)
                rc = dy_err_set(err, DY_EPARSE, name, ln, -1, "expected the header '%s'", header);
            seen_header = 1;
        }
        if (!nl)
            break;
        s = nl + 1;
    }
    if (lines)
        *lines = ln;
    return rc;
}
