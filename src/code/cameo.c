/* cameo.c - the CAMEO event code table (codes, roots, quad classes,
 * Goldstein values), loaded from data/cameo/codes.tsv. */
#include "code/code.h"
#include "core/alloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct code_cameo {
    code_cameo_entry *v;
    size_t n, cap;
    int16_t *index;  /* slot of each code (see code_key), -1 when unknown */
};

/* Codes are 2 to 4 digits with significant leading zeros: the digits and
 * the length together give a small dense key for a direct lookup table. */
enum { KEY_SPACE = 5 * 10000 };
static int code_key(const char *c)
{
    int v = 0, n = 0;
    for (; c[n]; n++) {
        if (n == 4 || c[n] < '0' || c[n] > '9')
            return -1;
        v = v * 10 + (c[n] - '0');
    }
    return n < 2 ? -1 : n * 10000 + v;
}

static int valid_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Parse one data line into e (name duplicated). Returns 0 or DY_EPARSE /
 * DY_ENOMEM with a message in err. */
static int parse_line(char *line, const char *path, long ln, code_cameo_entry *e,
                      dy_err *err)
{
    char *f[5];
    int nf = 0;
    char *p = line;
    while (nf < 5) {
        f[nf++] = p;
        char *t = strchr(p, '\t');
        if (!t)
            break;
        *t = '\0';
        p = t + 1;
    }
    if (nf != 5)
        return dy_err_set(err, DY_EPARSE, path, ln, -1,
                          "expected 5 tab-separated fields (code, root, quad, goldstein, name)");
    if (!valid_code(f[0]) || strlen(f[1]) != 2 || strncmp(f[0], f[1], 2) != 0)
        return dy_err_set(err, DY_EPARSE, path, ln, -1, "bad CAMEO code \"%s\" or root \"%s\"",
                          f[0], f[1]);
    char *end;
    long q = strtol(f[2], &end, 10);
    if (*end || q < 1 || q > 4)
        return dy_err_set(err, DY_EPARSE, path, ln, -1, "quad class must be 1-4, got \"%s\"", f[2]);
    errno = 0;
    double g = strtod(f[3], &end);
    if (*end || errno || g < -10 || g > 10)
        return dy_err_set(err, DY_EPARSE, path, ln, -1,
                          "Goldstein value must be a number in -10..10, got \"%s\"", f[3]);
    memset(e, 0, sizeof *e);
    snprintf(e->code, sizeof e->code, "%s", f[0]);
    memcpy(e->root, f[1], 3);
    e->quad = (int)q;
    e->goldstein = g;
    e->name = dy_strdup(f[4]);
    return e->name ? 0 : dy_err_set(err, DY_ENOMEM, path, ln, -1, "out of memory");
}

int code_cameo_load(const char *path, code_cameo **out, dy_err *err)
{
    *out = NULL;
    FILE *fp = fopen(path, "r");
    if (!fp)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    code_cameo *t = dy_calloc(1, sizeof *t);
    char *line = NULL;
    size_t cap = 0;
    long ln = 0;
    int rc = t ? 0 : dy_err_set(err, DY_ENOMEM, path, 0, -1, "out of memory");
    ssize_t len;
    while (!rc && (len = getline(&line, &cap, fp)) >= 0) {
        ln++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#' || strncmp(line, "code\t", 5) == 0)
            continue;
        if (t->n == t->cap) {
            size_t nc = t->cap ? t->cap * 2 : 512;
            code_cameo_entry *v = dy_reallocarray(t->v, nc, sizeof *v);
            if (!v) {
                rc = dy_err_set(err, DY_ENOMEM, path, ln, -1, "out of memory");
                break;
            }
            t->v = v;
            t->cap = nc;
        }
        rc = parse_line(line, path, ln, &t->v[t->n], err);
        if (!rc) {
            if (code_cameo_get(t, t->v[t->n].code)) {
                dy_free((void *)t->v[t->n].name);
                rc = dy_err_set(err, DY_EPARSE, path, ln, -1, "duplicate code \"%s\"",
                                t->v[t->n].code);
            } else {
                t->n++;
            }
        }
    }
    free(line);
    fclose(fp);
    if (!rc && t->n == 0)
        rc = dy_err_set(err, DY_EPARSE, path, ln, -1, "no CAMEO codes found");
    if (!rc) {
        t->index = dy_reallocarray(NULL, KEY_SPACE, sizeof *t->index);
        if (!t->index) {
            rc = dy_err_set(err, DY_ENOMEM, path, 0, -1, "out of memory");
        } else {
            for (size_t i = 0; i < KEY_SPACE; i++)
                t->index[i] = -1;
            for (size_t i = 0; i < t->n && i < INT16_MAX; i++)
                t->index[code_key(t->v[i].code)] = (int16_t)i;
        }
    }
    if (rc) {
        code_cameo_free(t);
        return rc;
    }
    *out = t;
    return 0;
}

const code_cameo_entry *code_cameo_get(const code_cameo *t, const char *code)
{
    if (!t->index) {
        /* While loading (duplicate check): a scan of what is there. */
        for (size_t i = 0; i < t->n; i++)
            if (strcmp(t->v[i].code, code) == 0)
                return &t->v[i];
        return NULL;
    }
    int k = code_key(code);
    return k < 0 || t->index[k] < 0 ? NULL : &t->v[t->index[k]];
}

size_t code_cameo_count(const code_cameo *t) { return t->n; }

const code_cameo_entry *code_cameo_at(const code_cameo *t, size_t i)
{
    return i < t->n ? &t->v[i] : NULL;
}

void code_cameo_free(code_cameo *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        dy_free((void *)t->v[i].name);
    dy_free(t->v);
    dy_free(t->index);
    dy_free(t);
}
