/* golden.c - the coder's golden sentences (the .tsv files of
 * tests/golden/coder): rows of id, document date, text and the events
 * expected, checked in one process by `dyad eval` (docs/eval.md).
 *
 * Expected events are `SOURCE>TARGET:CODE@DATE[!MODALITY]` joined by `;`,
 * or `-` for none. An actor of three letters matches any code of that
 * country ("RUS" matches "RUSGOV"), a longer one only itself; a code ending
 * in `*` is a prefix; the date is compared as written; the modality
 * defaults to asserted. Every expected event must be among the output, and
 * an output event whose root no expected event has fails the row. With a
 * leading `=` the list is exact: every output event must also match one
 * expected event by actors and code (a precision row: "these, no other").
 */
#include "eval/eval.h"
#include "core/alloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Contract in eval.h. */
int eval_golden_is(const char *line, size_t len)
{
    static const char head[] = "# Golden coder sentences";
    return len >= sizeof head - 1 && memcmp(line, head, sizeof head - 1) == 0;
}

void eval_golden_free(eval_golden_row *rows, size_t n)
{
    for (size_t i = 0; rows && i < n; i++)
        dy_free(rows[i].id);
    dy_free(rows);
}

/* Split line (NUL-terminated, modified) at tabs into at most 4 fields. */
static int fields(char *line, char *f[4])
{
    int k = 0;
    f[k++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t') {
            if (k == 4)
                return -1;
            *p = '\0';
            f[k++] = p + 1;
        }
    return k;
}

/* Contract in eval.h. */
int eval_golden_read(const char *path, eval_golden_row **out, size_t *nout, dy_err *err)
{
    *out = NULL;
    *nout = 0;
    FILE *fp = fopen(path, "r");
    if (!fp)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    eval_golden_row *rows = NULL;
    size_t n = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    long lineno = 0;
    int rc = 0;
    ssize_t len;
    while (!rc && (len = getline(&line, &lcap, fp)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        char *f[4];
        if (fields(line, f) != 4 || !*f[0] || !*f[2] || !*f[3]) {
            rc = dy_err_set(err, DY_EPARSE, path, lineno, -1,
                            "expected id, document date, text and expected events, "
                            "separated by tabs");
            break;
        }
        txt_date d;
        if (txt_date_parse(f[1], strlen(f[1]), &d) != 0) {
            rc = dy_err_set(err, DY_EPARSE, path, lineno, -1,
                            "document date '%s': expected YYYY-MM-DD", f[1]);
            break;
        }
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 64;
            eval_golden_row *r = dy_reallocarray(rows, nc, sizeof *r);
            if (!r) {
                rc = dy_err_set(err, DY_ENOMEM, path, lineno, -1, "out of memory");
                break;
            }
            rows = r;
            cap = nc;
        }
        /* One allocation holds the four strings. */
        size_t l0 = strlen(f[0]) + 1, l2 = strlen(f[2]) + 1, l3 = strlen(f[3]) + 1;
        char *s = dy_malloc(l0 + l2 + l3);
        if (!s) {
            rc = dy_err_set(err, DY_ENOMEM, path, lineno, -1, "out of memory");
            break;
        }
        memcpy(s, f[0], l0);
        memcpy(s + l0, f[2], l2);
        memcpy(s + l0 + l2, f[3], l3);
        rows[n++] = (eval_golden_row){.line = lineno, .id = s, .date = d, .text = s + l0,
                                      .expected = s + l0 + l2};
    }
    if (!rc && ferror(fp))
        rc = dy_err_set(err, DY_EIO, path, lineno, -1, "read error");
    free(line);
    fclose(fp);
    if (rc) {
        eval_golden_free(rows, n);
        return rc;
    }
    *out = rows;
    *nout = n;
    return 0;
}

/* One expected event, parsed in place from s[0..n). */
typedef struct want {
    char src[128], tgt[128], code[128], date[128], mod[128];
} want;

static int parse_want(const char *s, size_t n, want *w)
{
    char buf[128];
    while (n && (*s == ' '))
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    snprintf(w->mod, sizeof w->mod, "asserted");
    char *p = strchr(buf, '!');
    if (p) {
        *p = '\0';
        snprintf(w->mod, sizeof w->mod, "%s", p + 1);
    }
    char *at = strchr(buf, '@'), *colon = strchr(buf, ':'), *gt = strchr(buf, '>');
    if (!at || !colon || !gt || !(gt < colon && colon < at))
        return -1;
    *gt = *colon = *at = '\0';
    snprintf(w->src, sizeof w->src, "%s", buf);
    snprintf(w->tgt, sizeof w->tgt, "%s", gt + 1);
    snprintf(w->code, sizeof w->code, "%s", colon + 1);
    snprintf(w->date, sizeof w->date, "%s", at + 1);
    return 0;
}

static int actor_ok(const char *want_, const char *got)
{
    got = got ? got : "";
    if (strlen(want_) == 3)
        return strncmp(got, want_, 3) == 0;
    return strcmp(got, want_) == 0;
}

static int code_ok(const char *want_, const char *got)
{
    size_t n = strlen(want_);
    if (n && want_[n - 1] == '*')
        return strncmp(got, want_, n - 1) == 0;
    return strcmp(got, want_) == 0;
}

static const char *or_null(const char *s) { return s && *s ? s : "null"; }

/* Contract in eval.h. */
int eval_golden_match(const char *expected, const eval_event *ev, size_t n, dy_buf *why)
{
    int fail = 0;
    if (strcmp(expected, "-") == 0) {
        if (n > 0) {
            dy_buf_adds(why, "unexpected event(s)");
            fail = 1;
        }
        return fail;
    }
    char roots[64][3];
    size_t nroots = 0;
    int exact = expected[0] == '=';
    const char *p = expected + exact;
    want ws[64];
    size_t nw = 0;
    while (*p) {
        const char *e = strchr(p, ';');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        want w;
        if (parse_want(p, len, &w) != 0) {
            dy_buf_printf(why, "bad expectation '%.*s'; ", (int)len, p);
            return 1;
        }
        if (nroots < 64) {
            memcpy(roots[nroots], w.code, 2);
            roots[nroots++][2] = '\0';
        }
        if (nw < 64)
            ws[nw++] = w;
        int found = 0;
        for (size_t j = 0; j < n && !found; j++)
            found = actor_ok(w.src, ev[j].source) && actor_ok(w.tgt, ev[j].target) &&
                    code_ok(w.code, ev[j].code) && strcmp(w.date, or_null(ev[j].date)) == 0 &&
                    strcmp(w.mod, ev[j].modality ? ev[j].modality : "asserted") == 0;
        if (!found) {
            dy_buf_printf(why, "missing %.*s; ", (int)len, p);
            fail = 1;
        }
        p = e ? e + 1 : p + len;
    }
    for (size_t j = 0; j < n; j++) {
        int ok = 0;
        for (size_t k = 0; k < nroots && !ok; k++)
            ok = strncmp(ev[j].code, roots[k], 2) == 0;
        if (exact && ok) {
            ok = 0;
            for (size_t k = 0; k < nw && !ok; k++)
                ok = actor_ok(ws[k].src, ev[j].source) && actor_ok(ws[k].tgt, ev[j].target) &&
                     code_ok(ws[k].code, ev[j].code);
        }
        if (!ok) {
            dy_buf_printf(why, "unexpected %s %s>%s:%s@%s!%s; ", exact ? "event" : "root",
                          ev[j].source ? ev[j].source : "", ev[j].target ? ev[j].target : "",
                          ev[j].code, or_null(ev[j].date),
                          ev[j].modality ? ev[j].modality : "asserted");
            fail = 1;
        }
    }
    return fail;
}
