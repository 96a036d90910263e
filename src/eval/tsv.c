/* tsv.c - gold files (read whole with dy_read_file): splitting their lines into fields
 * as the reference scorer (Python's csv module) does, telling the two gold
 * formats apart by their header. */
#include "eval/eval_internal.h"
#include "core/alloc.h"
#include "core/vec.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

void eval_tsv_init(eval_tsv *t, const char *name, const char *text, size_t len, dy_arena *a)
{
    memset(t, 0, sizeof *t);
    t->name = name;
    t->p = text;
    t->end = text + len;
    t->a = a;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        t->p += 3;
}

void eval_tsv_free(eval_tsv *t)
{
    dy_free(t->f);
    t->f = NULL;
    t->nf = t->cap = 0;
}

/* Append field s[0..n) (arena copy) to the current record. */
static int push_field(eval_tsv *t, const char *s, size_t n, dy_err *err)
{
    if (dy_vec_grow(&t->f, &t->cap, t->nf, sizeof *t->f))
            return dy_err_set(err, DY_ENOMEM, t->name, t->line, -1, "out of memory");
    char *c = dy_arena_strndup(t->a, s, n);
    if (!c)
        return dy_err_set(err, DY_ENOMEM, t->name, t->line, -1, "out of memory");
    t->f[t->nf++] = c;
    return 0;
}

/* A quoted field from *pp (at its opening quote) to the tab or line end
 * after it, into scratch: "" is one quote, text after the closing quote is
 * kept. Returns 0, DY_EPARSE or DY_ENOMEM. */
static int quoted_field(eval_tsv *t, const char **pp, const char *eol, dy_buf *scratch,
                        dy_err *err)
{
    const char *p = *pp + 1;
    for (;;) {
        if (p >= eol)
            return dy_err_set(err, DY_EPARSE, t->name, t->line, -1,
                              "expected a closing '\"' on this line (a field that starts "
                              "with '\"' is quoted)");
        if (*p == '"' && p + 1 < eol && p[1] == '"') {
            dy_buf_addc(scratch, '"');
            p += 2;
        } else if (*p == '"') {
            p++;
            break;
        } else {
            dy_buf_addc(scratch, *p++);
        }
    }
    const char *tab = memchr(p, '\t', (size_t)(eol - p));
    const char *stop = tab ? tab : eol;
    dy_buf_add(scratch, p, (size_t)(stop - p));
    *pp = stop;
    if (scratch->oom)
        return dy_err_set(err, DY_ENOMEM, t->name, t->line, -1, "out of memory");
    return 0;
}

/* Split line[0..eol) into the fields of the current record. */
static int split_line(eval_tsv *t, const char *p, const char *eol, dy_err *err)
{
    dy_buf scratch = {0};
    int rc = 0;
    for (;;) {
        if (p < eol && *p == '"') {
            dy_buf_reset(&scratch);
            rc = quoted_field(t, &p, eol, &scratch, err);
            if (!rc)
                rc = push_field(t, scratch.len ? scratch.data : "", scratch.len, err);
        } else {
            const char *tab = memchr(p, '\t', (size_t)(eol - p));
            const char *stop = tab ? tab : eol;
            rc = push_field(t, p, (size_t)(stop - p), err);
            p = stop;
        }
        if (rc || p >= eol)
            break;
        p++; /* the tab */
    }
    dy_buf_free(&scratch);
    return rc;
}

int eval_tsv_next(eval_tsv *t, dy_err *err)
{
    t->nf = 0;
    while (t->p < t->end) {
        const char *nl = memchr(t->p, '\n', (size_t)(t->end - t->p));
        const char *eol = nl ? nl : t->end;
        const char *line = t->p;
        t->p = nl ? nl + 1 : t->end;
        t->line++;
        if (eol > line && eol[-1] == '\r')
            eol--;
        if (eol == line)
            continue; /* csv gives no record for an empty line */
        int rc = split_line(t, line, eol, err);
        return rc ? rc : 1;
    }
    return 0;
}

int eval_tsv_col(char *const *f, size_t nf, const char *name)
{
    for (size_t i = 0; i < nf; i++)
        if (strcmp(f[i], name) == 0)
            return (int)i;
    return -1;
}

/* 1 when the tab-separated line[0..len) has a field equal to name. */
static int has_column(const char *line, size_t len, const char *name)
{
    size_t n = strlen(name);
    const char *p = line, *end = line + len;
    while (p <= end) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        const char *stop = tab ? tab : end;
        if ((size_t)(stop - p) == n && memcmp(p, name, n) == 0)
            return 1;
        if (!tab)
            break;
        p = tab + 1;
    }
    return 0;
}

int eval_gold_kind_of_header(const char *line, size_t len)
{
    if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0)
        line += 3, len -= 3;
    if (len > 0 && line[len - 1] == '\r')
        len--;
    if (has_column(line, len, "doc") && has_column(line, len, "start") &&
        has_column(line, len, "end") && has_column(line, len, "code"))
        return EVAL_GOLD_ARTICLES;
    if (has_column(line, len, "cameo_code") && has_column(line, len, "sentence"))
        return EVAL_GOLD_SENTENCES;
    return EVAL_GOLD_UNKNOWN;
}

int eval_gold_detect(const char *path, int *kind, dy_err *err)
{
    *kind = EVAL_GOLD_UNKNOWN;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    int bad = ferror(fp);
    fclose(fp);
    if (bad)
        return dy_err_set(err, DY_EIO, path, 0, -1, "read error");
    buf[n] = '\0';
    char *nl = memchr(buf, '\n', n);
    size_t len = nl ? (size_t)(nl - buf) : n;
    *kind = eval_golden_is(buf, len) ? EVAL_GOLD_GOLDEN : eval_gold_kind_of_header(buf, len);
    return 0;
}
