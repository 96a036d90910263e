/* read_petrarch.c - PETRARCH2 XML input: one document per <Sentence>.
 *
 * The file is
 *   <Sentences>
 *     <Sentence date="YYYYMMDD" id="..." source="..." sentence="true">
 *       <Text>...</Text> <Parse>...</Parse>
 *     </Sentence> ...
 *   </Sentences>
 * A small scanner reads this subset of XML: elements, attributes in single
 * or double quotes, the five named entities and numeric character
 * references, comments, processing instructions and a DOCTYPE before the
 * root. <Parse> and any other child of <Sentence> are passed over; only
 * <Text> is read. The scanner works on the whole cleaned file (valid UTF-8,
 * LF line ends) through a cursor, and counts lines as it goes for messages.
 */
#include "text/read_internal.h"

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"

/* Longest attribute value kept (ids, dates, sources). */
#define ATTR_MAX 1024

/* Move the cursor to position p (>= c->pos), counting line breaks. */
static void advance_to(txt_cursor *c, size_t p)
{
    if (p > c->n)
        p = c->n;
    for (size_t i = c->pos; i < p; i++)
        if (c->s[i] == '\n')
            c->line++;
    c->pos = p;
}

/* Is the byte an XML white space character? */
static int is_ws(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

/* Can the byte appear in an element or attribute name? (ASCII subset plus
 * any non-ASCII byte.) */
static int is_name(char ch)
{
    unsigned char u = (unsigned char)ch;
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
           u == '_' || u == '-' || u == '.' || u == ':' || u >= 0x80;
}

/* Skip white space. */
static void skip_ws(txt_cursor *c)
{
    size_t p = c->pos;
    while (p < c->n && is_ws(c->s[p]))
        p++;
    advance_to(c, p);
}

/* Position of the first occurrence of lit at or after from, or c->n. */
static size_t find(const txt_cursor *c, size_t from, const char *lit)
{
    size_t k = strlen(lit);
    for (size_t i = from; i + k <= c->n; i++)
        if (c->s[i] == lit[0] && memcmp(c->s + i, lit, k) == 0)
            return i;
    return c->n;
}

/* Does the input at the cursor start with lit? */
static int at(const txt_cursor *c, const char *lit)
{
    size_t k = strlen(lit);
    return c->n - c->pos >= k && memcmp(c->s + c->pos, lit, k) == 0;
}

/* At "<name" followed by white space, '>' or '/'? */
static int at_tag(const txt_cursor *c, const char *open_name)
{
    size_t k = strlen(open_name);
    if (!at(c, open_name))
        return 0;
    if (c->pos + k >= c->n)
        return 0;
    char ch = c->s[c->pos + k];
    return is_ws(ch) || ch == '>' || ch == '/';
}

/* Skip white space, comments and processing instructions (and, when
 * prolog, a DOCTYPE). Returns 0, or -1 when one of them is not closed
 * (the cursor then stays at its start). */
static int skip_misc(txt_cursor *c, int prolog)
{
    for (;;) {
        skip_ws(c);
        const char *close = NULL;
        if (at(c, "<!--"))
            close = "-->";
        else if (at(c, "<?"))
            close = "?>";
        else if (prolog && at(c, "<!DOCTYPE"))
            close = ">";
        else
            return 0;
        size_t e = find(c, c->pos + 2, close);
        if (e == c->n)
            return -1;
        advance_to(c, e + strlen(close));
    }
}

/* Append the UTF-8 encoding of code point cp to out (room for 4 bytes);
 * invalid code points (0, surrogates, beyond U+10FFFF) become U+FFFD.
 * Returns the bytes written. */
static size_t put_utf8(unsigned long cp, char *out)
{
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        cp = 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decode the entities of s[0..n) into out (at least n + 1 bytes: no entity
 * is shorter than its expansion) and NUL-terminate it. An unknown or
 * unterminated entity is kept as written. Returns the decoded length. */
static size_t decode_entities(const char *s, size_t n, char *out)
{
    static const struct {
        const char *name;
        char ch;
    } named[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] != '&') {
            out[o++] = s[i++];
            continue;
        }
        size_t rest = n - i - 1;
        const char *p = s + i + 1;
        size_t used = 0;
        for (size_t k = 0; k < sizeof named / sizeof *named; k++) {
            size_t kl = strlen(named[k].name);
            if (rest >= kl && memcmp(p, named[k].name, kl) == 0) {
                out[o++] = named[k].ch;
                used = kl + 1;
                break;
            }
        }
        if (!used && rest >= 3 && p[0] == '#') {
            int hex = p[1] == 'x' || p[1] == 'X';
            size_t j = hex ? 2 : 1, start = j;
            unsigned long cp = 0;
            while (j < rest && j - start < 8) {
                char ch = p[j];
                int v = ch >= '0' && ch <= '9' ? ch - '0'
                        : hex && ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                        : hex && ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                        : -1;
                if (v < 0)
                    break;
                cp = cp * (hex ? 16u : 10u) + (unsigned long)v;
                j++;
            }
            /* The encoding takes at most 4 bytes, the reference at least
             * "&#N;" or more bytes for larger code points. */
            if (j > start && j < rest && p[j] == ';') {
                size_t len = j + 2; /* '&' ... ';' */
                char enc[4];
                size_t el = put_utf8(cp, enc);
                if (el <= len) {
                    memcpy(out + o, enc, el);
                    o += el;
                    used = len;
                }
            }
        }
        if (!used) {
            out[o++] = s[i++];
            continue;
        }
        i += used;
    }
    out[o] = '\0';
    return o;
}

/* Decoded and cleaned copy of s[0..n) with leading and trailing white space
 * removed; NULL when out of memory. */
static char *decode_trim(const char *s, size_t n, size_t *outn)
{
    while (n && is_ws(*s))
        s++, n--;
    while (n && is_ws(s[n - 1]))
        n--;
    char *tmp = dy_malloc(n + 1);
    if (!tmp)
        return NULL;
    size_t k = decode_entities(s, n, tmp);
    char *clean = txt_clean_str(tmp, k);
    dy_free(tmp);
    if (clean && outn)
        *outn = strlen(clean);
    return clean;
}

/* The attributes of <Sentence> that are read. */
typedef struct sent_attrs {
    char id[ATTR_MAX], date[ATTR_MAX], source[ATTR_MAX];
    int has_id, has_date, has_source;
} sent_attrs;

/* Read the attributes of a start tag up to its '>' or "/>"; the cursor is
 * after the element name. Sets *empty for "/>". Fills a (may be NULL) with
 * the values of id, date and source (raw, entities not yet decoded,
 * truncated to ATTR_MAX - 1 bytes). Returns 0, or -1 with *what set to
 * what was expected. */
static int read_attrs(txt_cursor *c, sent_attrs *a, int *empty, const char **what)
{
    *empty = 0;
    for (;;) {
        skip_ws(c);
        if (c->pos >= c->n) {
            *what = "'>' closing the tag, reached the end of the file";
            return -1;
        }
        if (at(c, "/>")) {
            advance_to(c, c->pos + 2);
            *empty = 1;
            return 0;
        }
        if (c->s[c->pos] == '>') {
            advance_to(c, c->pos + 1);
            return 0;
        }
        size_t ns = c->pos, ne = ns;
        while (ne < c->n && is_name(c->s[ne]))
            ne++;
        if (ne == ns) {
            *what = "an attribute name, '>' or '/>'";
            return -1;
        }
        advance_to(c, ne);
        skip_ws(c);
        if (c->pos >= c->n || c->s[c->pos] != '=') {
            *what = "'=' after the attribute name";
            return -1;
        }
        advance_to(c, c->pos + 1);
        skip_ws(c);
        if (c->pos >= c->n || (c->s[c->pos] != '"' && c->s[c->pos] != '\'')) {
            *what = "a quoted attribute value";
            return -1;
        }
        char q = c->s[c->pos];
        size_t vs = c->pos + 1, ve = vs;
        while (ve < c->n && c->s[ve] != q)
            ve++;
        if (ve >= c->n) {
            *what = "the closing quote of the attribute value";
            return -1;
        }
        if (a) {
            size_t nl = ne - ns, vl = ve - vs;
            if (vl > ATTR_MAX - 1)
                vl = ATTR_MAX - 1;
            char *dst = NULL;
            int *has = NULL;
            const char *nm = c->s + ns;
            if (nl == 2 && memcmp(nm, "id", 2) == 0)
                dst = a->id, has = &a->has_id;
            else if (nl == 4 && memcmp(nm, "date", 4) == 0)
                dst = a->date, has = &a->has_date;
            else if (nl == 6 && memcmp(nm, "source", 6) == 0)
                dst = a->source, has = &a->has_source;
            if (dst) {
                memcpy(dst, c->s + vs, vl);
                dst[vl] = '\0';
                *has = 1;
            }
        }
        advance_to(c, ve + 1);
    }
}

/* Parse a PETRARCH2 date "YYYYMMDD" (entities decoded). Also accepts the
 * forms of txt_date_parse ("YYYY-MM-DD", ...). Returns 0 or -1. */
static int parse_date(const char *s, txt_date *out)
{
    size_t n = strlen(s);
    while (n && is_ws(*s))
        s++, n--;
    while (n && is_ws(s[n - 1]))
        n--;
    if (n == 8) {
        int all = 1;
        for (size_t i = 0; i < 8; i++)
            if (s[i] < '0' || s[i] > '9')
                all = 0;
        if (all) {
            char iso[11];
            snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
            return txt_date_parse(iso, 10, out) == 0 ? 0 : -1;
        }
    }
    return n && txt_date_parse(s, n, out) == 0 ? 0 : -1;
}

/* Skip the rest of an element named name[0..nl) whose start tag was just
 * read: up to and past its end tag "</name>". Returns 0 or -1 when the end
 * tag is missing. Elements of the same name nested inside are not counted
 * (nothing in the format nests them). */
static int skip_element(txt_cursor *c, const char *name, size_t nl)
{
    char endtag[80];
    if (nl > sizeof endtag - 4)
        nl = sizeof endtag - 4;
    snprintf(endtag, sizeof endtag, "</%.*s", (int)nl, name);
    size_t e = find(c, c->pos, endtag);
    if (e == c->n)
        return -1;
    size_t gt = e + strlen(endtag);
    while (gt < c->n && c->s[gt] != '>')
        gt++;
    if (gt >= c->n)
        return -1;
    advance_to(c, gt + 1);
    return 0;
}

/* Report a structural error at the cursor's line and stop reading the file
 * (the cursor moves to the end: nothing after it can be trusted). */
static int fatal(txt_cursor *c, const char *path, dy_err *err, const char *expected)
{
    long line = c->line;
    advance_to(c, c->n);
    c->done = 1;
    return dy_err_set(err, DY_ESKIP, path, line, -1,
                      "PETRARCH2 XML: expected %s: rest of the file skipped", expected);
}

/* Build the document of one <Sentence> from its attributes and text.
 * Returns 1 with *out set, or DY_ENOMEM. */
static int make_doc(const sent_attrs *a, const char *text, size_t tn, long line,
                    const char *path, const txt_read_opts *o, txt_doc **out, dy_err *err)
{
    char *id = NULL;
    if (a->has_id)
        id = decode_trim(a->id, strlen(a->id), NULL);
    if (a->has_id && !id)
        return dy_err_set(err, DY_ENOMEM, path, line, -1, "out of memory");
    if (!id || !*id) {
        dy_free(id);
        char gen[64];
        snprintf(gen, sizeof gen, ":%ld", line);
        size_t pl = strlen(path);
        id = dy_malloc(pl + strlen(gen) + 1);
        if (!id)
            return dy_err_set(err, DY_ENOMEM, path, line, -1, "out of memory");
        memcpy(id, path, pl);
        strcpy(id + pl, gen);
    }
    txt_doc *d = txt_doc_new(id, path);
    dy_free(id);
    if (!d)
        return dy_err_set(err, DY_ENOMEM, path, line, -1, "out of memory");
    d->line = line;
    d->date = o->default_date;
    if (a->has_date) {
        char *ds = decode_trim(a->date, strlen(a->date), NULL);
        if (!ds) {
            txt_doc_free(d);
            return dy_err_set(err, DY_ENOMEM, path, line, -1, "out of memory");
        }
        txt_date dt;
        if (parse_date(ds, &dt) == 0) {
            d->date = dt;
        } else if (o->warn) {
            dy_err w;
            dy_err_set(&w, DY_EPARSE, path, line, -1,
                       "bad date \"%.40s\": expected YYYYMMDD: document read without "
                       "a date",
                       ds);
            o->warn(o->warn_ud, &w);
        }
        dy_free(ds);
    }
    if (a->has_source && a->source[0]) {
        d->source = decode_trim(a->source, strlen(a->source), NULL);
        if (!d->source) {
            txt_doc_free(d);
            return dy_err_set(err, DY_ENOMEM, path, line, -1, "out of memory");
        }
    }
    d->text = decode_trim(text, tn, &d->len);
    if (!d->text) {
        txt_doc_free(d);
        return dy_err_set(err, DY_ENOMEM, path, line, -1, "out of memory");
    }
    *out = d;
    return 1;
}

/* See read_internal.h. */
int txt_petrarch_next(txt_cursor *c, const char *path, const txt_read_opts *o,
                      txt_doc **out, dy_err *err)
{
    *out = NULL;
    if (c->done)
        return 0;
    const char *what = NULL;
    int empty;
    if (!c->started) {
        c->started = 1;
        if (c->line == 0)
            c->line = 1;
        if (skip_misc(c, 1))
            return fatal(c, path, err, "the end of a comment or declaration");
        if (!at_tag(c, "<Sentences"))
            return fatal(c, path, err, "the root element <Sentences>");
        advance_to(c, c->pos + strlen("<Sentences"));
        if (read_attrs(c, NULL, &empty, &what))
            return fatal(c, path, err, what);
        if (empty) {
            c->done = 1;
            return 0;
        }
    }
    for (;;) {
        if (skip_misc(c, 0))
            return fatal(c, path, err, "the end of a comment");
        if (c->pos >= c->n)
            return fatal(c, path, err, "</Sentences>, reached the end of the file");
        if (at(c, "</Sentences")) {
            size_t gt = c->pos + strlen("</Sentences");
            while (gt < c->n && is_ws(c->s[gt]))
                gt++;
            if (gt >= c->n || c->s[gt] != '>')
                return fatal(c, path, err, "'>' closing </Sentences");
            advance_to(c, c->n);
            c->done = 1;
            return 0;
        }
        if (!at_tag(c, "<Sentence"))
            return fatal(c, path, err, "<Sentence ...> or </Sentences>");
        break;
    }
    long line = c->line;
    advance_to(c, c->pos + strlen("<Sentence"));
    sent_attrs a;
    a.has_id = a.has_date = a.has_source = 0;
    if (read_attrs(c, &a, &empty, &what))
        return fatal(c, path, err, what);
    if (empty)
        return dy_err_set(err, DY_ESKIP, path, line, -1,
                          "PETRARCH2 XML: <Sentence/> has no <Text>: record skipped");
    const char *text = NULL;
    size_t tn = 0;
    int have_text = 0;
    for (;;) {
        /* Character data between children is ignored. */
        size_t lt = c->pos;
        while (lt < c->n && c->s[lt] != '<')
            lt++;
        advance_to(c, lt);
        if (c->pos >= c->n)
            return fatal(c, path, err, "</Sentence>, reached the end of the file");
        if (at(c, "<!--")) {
            size_t e = find(c, c->pos + 4, "-->");
            if (e == c->n)
                return fatal(c, path, err, "the end of a comment");
            advance_to(c, e + 3);
            continue;
        }
        if (at(c, "</")) {
            if (!at(c, "</Sentence"))
                return fatal(c, path, err, "</Sentence>");
            size_t gt = c->pos + strlen("</Sentence");
            while (gt < c->n && is_ws(c->s[gt]))
                gt++;
            if (gt >= c->n || c->s[gt] != '>')
                return fatal(c, path, err, "'>' closing </Sentence");
            advance_to(c, gt + 1);
            break;
        }
        size_t ns = c->pos + 1, ne = ns;
        while (ne < c->n && is_name(c->s[ne]))
            ne++;
        if (ne == ns)
            return fatal(c, path, err, "an element name after '<'");
        const char *name = c->s + ns;
        size_t nl = ne - ns;
        advance_to(c, ne);
        if (read_attrs(c, NULL, &empty, &what))
            return fatal(c, path, err, what);
        if (empty)
            continue;
        if (nl == 4 && memcmp(name, "Text", 4) == 0) {
            size_t e = find(c, c->pos, "</Text");
            if (e == c->n)
                return fatal(c, path, err, "</Text>, reached the end of the file");
            if (!have_text) {
                text = c->s + c->pos;
                tn = e - c->pos;
                have_text = 1;
            }
            advance_to(c, e);
            if (skip_element(c, "Text", 4))
                return fatal(c, path, err, "'>' closing </Text");
            continue;
        }
        if (skip_element(c, name, nl)) {
            char exp[96];
            snprintf(exp, sizeof exp, "</%.*s>, reached the end of the file",
                     (int)(nl < 40 ? nl : 40), name);
            return fatal(c, path, err, exp);
        }
    }
    if (!have_text)
        return dy_err_set(err, DY_ESKIP, path, line, -1,
                          "PETRARCH2 XML: <Sentence> without <Text>: record skipped");
    if (tn > o->max_doc_bytes)
        return dy_err_set(err, DY_ESKIP, path, line, -1,
                          "<Text> of %zu bytes is larger than the limit of %zu bytes "
                          "(max_doc_bytes): record skipped",
                          tn, o->max_doc_bytes);
    return make_doc(&a, text, tn, line, path, o, out, err);
}
