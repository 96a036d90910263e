/* read_tabari.c - TABARI .text input: one document per record.
 *
 * A record is a record line, "DATE ID" (DATE is YYMMDD or YYYYMMDD; the
 * separator is white space or '*'; anything after the id is ignored), then
 * the lines of its text, ended by a blank line or the end of the file.
 * Lines starting with '#' between records are comments, and so is text
 * between slash-star and star-slash inside a record (one left open runs to
 * the end of the record). The lines of a text are joined with single spaces (TABARI
 * wraps sentences across lines), so no line break is taken for a sentence
 * end. The parser works on the whole cleaned file (valid UTF-8, LF line
 * ends) through a cursor.
 */
#include "text/read_internal.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

/* End of the line that starts at p (the position of its '\n' or c->n). */
static size_t line_end(const txt_cursor *c, size_t p)
{
    const char *nl = memchr(c->s + p, '\n', c->n - p);
    return nl ? (size_t)(nl - c->s) : c->n;
}

/* Move past the line that ends at e (its '\n' included). */
static void next_line(txt_cursor *c, size_t e)
{
    c->pos = e < c->n ? e + 1 : c->n;
    c->line++;
}

/* Is s[0..n) white space only? */
static int blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f' && s[i] != '\v' && s[i] != '\r')
            return 0;
    return 1;
}

/* Pass over the rest of a record: up to and past the next blank line. */
static void skip_record(txt_cursor *c)
{
    while (c->pos < c->n) {
        size_t e = line_end(c, c->pos);
        int b = blank_line(c->s + c->pos, e - c->pos);
        next_line(c, e);
        if (b)
            return;
    }
}

/* The date of a record line: six digits YYMMDD (years 69-99 are 1969-1999,
 * 00-68 are 2000-2068, as POSIX strptime's %y) or eight digits YYYYMMDD.
 * Returns 0 with *out set, -1 when the digits are no such date. */
static int parse_date(const char *s, size_t n, txt_date *out)
{
    char iso[11];
    if (n == 6) {
        int yy = (s[0] - '0') * 10 + (s[1] - '0');
        snprintf(iso, sizeof iso, "%04d-%.2s-%.2s", yy >= 69 ? 1900 + yy : 2000 + yy,
                 s + 2, s + 4);
    } else if (n == 8) {
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    } else {
        return -1;
    }
    return txt_date_parse(iso, 10, out) == 0 ? 0 : -1;
}

/* Copy the text lines raw[0..n) into out (at least n + 1 bytes) without
 * comments (slash-star to star-slash), every run of white space (line breaks included) made one space,
 * trimmed; NUL-terminated. Returns the length. */
static size_t join_text(const char *raw, size_t n, char *out)
{
    size_t o = 0;
    int in_comment = 0, space = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = raw[i];
        if (in_comment) {
            if (ch == '*' && i + 1 < n && raw[i + 1] == '/') {
                in_comment = 0;
                i++;
                space = 1;
            }
            continue;
        }
        if (ch == '/' && i + 1 < n && raw[i + 1] == '*') {
            in_comment = 1;
            i++;
            space = 1;
            continue;
        }
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
            space = 1;
            continue;
        }
        if (space && o > 0)
            out[o++] = ' ';
        space = 0;
        out[o++] = ch;
    }
    out[o] = '\0';
    return o;
}

/* See read_internal.h. */
int txt_tabari_next(txt_cursor *c, const char *path, const txt_read_opts *o,
                    txt_doc **out, dy_err *err)
{
    *out = NULL;
    if (!c->started) {
        c->started = 1;
        if (c->line == 0)
            c->line = 1;
    }
    /* Blank lines and comment lines between records. */
    size_t e;
    for (;;) {
        if (c->pos >= c->n)
            return 0;
        e = line_end(c, c->pos);
        if (blank_line(c->s + c->pos, e - c->pos) || c->s[c->pos] == '#') {
            next_line(c, e);
            continue;
        }
        break;
    }
    const char *hl = c->s + c->pos;
    size_t hn = e - c->pos;
    long line = c->line;
    size_t nd = 0;
    while (nd < hn && hl[nd] >= '0' && hl[nd] <= '9')
        nd++;
    size_t i = nd;
    while (i < hn && (hl[i] == ' ' || hl[i] == '\t' || hl[i] == '*'))
        i++;
    if (nd == 0 || (i == nd && i < hn && hl[i] != '\r')) {
        int shown = hn < 40 ? (int)hn : 40;
        skip_record(c);
        return dy_err_set(err, DY_ESKIP, path, line, -1,
                          "TABARI .text: expected a record line \"YYMMDD ID\" (a date, "
                          "then the story id), got \"%.*s\": record skipped",
                          shown, hl);
    }
    size_t is = i;
    while (i < hn && hl[i] != ' ' && hl[i] != '\t' && hl[i] != '\r')
        i++;
    size_t idn = i - is;
    txt_date date = o->default_date;
    txt_date dt;
    if (parse_date(hl, nd, &dt) == 0) {
        date = dt;
    } else if (o->warn) {
        dy_err w;
        dy_err_set(&w, DY_EPARSE, path, line, -1,
                   "bad date \"%.*s\": expected YYMMDD or YYYYMMDD: document read "
                   "without a date",
                   (int)(nd < 20 ? nd : 20), hl);
        o->warn(o->warn_ud, &w);
    }
    next_line(c, e);

    /* The text lines, up to a blank line. */
    size_t ts = c->pos, te = c->pos;
    while (c->pos < c->n) {
        e = line_end(c, c->pos);
        if (blank_line(c->s + c->pos, e - c->pos)) {
            next_line(c, e);
            break;
        }
        te = e;
        next_line(c, e);
    }
    size_t tn = te - ts;
    if (tn > o->max_doc_bytes)
        return dy_err_set(err, DY_ESKIP, path, line, -1,
                          "record text of %zu bytes is larger than the limit of %zu "
                          "bytes (max_doc_bytes): record skipped",
                          tn, o->max_doc_bytes);

    char *id;
    if (idn) {
        id = txt_clean_str(hl + is, idn);
    } else {
        char gen[64];
        snprintf(gen, sizeof gen, ":%ld", line);
        size_t pl = strlen(path);
        id = dy_malloc(pl + strlen(gen) + 1);
        if (id) {
            memcpy(id, path, pl);
            strcpy(id + pl, gen);
        }
    }
    if (!id)
        return dy_err_set(err, DY_ENOMEM, path, line, -1, "out of memory");
    txt_doc *d = txt_doc_new(id, path);
    dy_free(id);
    char *buf = dy_malloc(tn + 1);
    if (!d || !buf) {
        txt_doc_free(d);
        dy_free(buf);
        return dy_err_set(err, DY_ENOMEM, path, line, -1, "out of memory");
    }
    size_t k = join_text(c->s + ts, tn, buf);
    /* The input is clean already; cleaning again keeps NFC across the
     * joins and costs little. */
    d->text = txt_clean_str(buf, k);
    dy_free(buf);
    if (!d->text) {
        txt_doc_free(d);
        return dy_err_set(err, DY_ENOMEM, path, line, -1, "out of memory");
    }
    d->len = strlen(d->text);
    d->line = line;
    d->date = date;
    *out = d;
    return 1;
}
