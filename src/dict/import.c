/* import.c - entry point of the third-party dictionary importers and the
 * helpers they share: input reading and UTF-8 conversion, entry and chunk
 * bookkeeping, forms, dates, and the final check-and-write step. */
#include "dict/dict.h"
#include "dict/import_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/file.h"
#include "core/vec.h"

/* Dispatch on format; see dict.h for the contract. */
int dict_import_file(const char *format, const char *path, const char *outdir,
                     dict_report_fn report, void *ud, dict_import_stats *st, dy_err *err)
{
    if (!format || !path || !outdir || !st)
        return dy_err_set(err, DY_EINVAL, path, 0, -1, "missing argument to dict_import_file");
    if (strcmp(format, "petrarch") == 0)
        return dict_import_petrarch(path, outdir, report, ud, st, err);
    if (strcmp(format, "tabari") == 0)
        return dict_import_tabari(path, outdir, report, ud, st, err);
    return dy_err_set(err, DY_EINVAL, path, 0, -1,
                      "unknown dictionary format \"%s\": expected petrarch or tabari", format);
}

/* ---- buffers ----------------------------------------------------------- */

/* Make room for n more bytes plus a NUL; sets b->oom on failure. */
static int buf_reserve(imp_buf *b, size_t n)
{
    if (b->oom)
        return -1;
    if (b->n + n + 1 <= b->cap)
        return 0;
    size_t nc = b->cap ? b->cap : 64;
    while (nc < b->n + n + 1)
        nc *= 2;
    char *p = dy_realloc(b->s, nc);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->s = p;
    b->cap = nc;
    return 0;
}

/* Append n bytes of s; the buffer stays NUL-terminated. */
void imp_buf_add(imp_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* Append a NUL-terminated string. */
void imp_buf_adds(imp_buf *b, const char *s) { imp_buf_add(b, s, strlen(s)); }

/* Append one byte. */
void imp_buf_addc(imp_buf *b, char c) { imp_buf_add(b, &c, 1); }

/* Append printf-formatted text. */
void imp_buf_addf(imp_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k < 0 || buf_reserve(b, (size_t)k))
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)k;
}

/* Release the buffer's memory and reset it. */
void imp_buf_free(imp_buf *b)
{
    dy_free(b->s);
    memset(b, 0, sizeof *b);
}

/* ---- input --------------------------------------------------------------- */

/* Length of a valid UTF-8 sequence at s (n bytes left), 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t k;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        k = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        k = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        k = 4, min = 0x10000;
    else
        return 0;
    if (k > n)
        return 0;
    unsigned cp = c & (0xFFu >> (k + 1));
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return k;
}

/* Read path, keep valid UTF-8, take other bytes as Latin-1; drop a BOM and
 * NUL bytes. Fills c->text/len. */
int imp_open(imp_ctx *c, const char *format, const char *path, dict_report_fn report, void *ud,
             dy_err *err)
{
    memset(c, 0, sizeof *c);
    c->path = path;
    c->format = format;
    c->report = report;
    c->ud = ud;
    c->err = err;
    char *raw;
    size_t n;
    int rc = dy_read_file(path, NULL, 0, &raw, &n, err);
    if (rc)
        return rc;
    imp_buf u = {0};
    const unsigned char *s = (const unsigned char *)raw;
    size_t i = 0;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        i = 3;
    while (i < n && !u.oom) {
        if (s[i] == 0) {
            i++;
            continue;
        }
        size_t l = utf8_len(s + i, n - i);
        if (l) {
            imp_buf_add(&u, (const char *)s + i, l);
            i += l;
        } else {
            char two[2] = {(char)(0xC0 | (s[i] >> 6)), (char)(0x80 | (s[i] & 0x3F))};
            imp_buf_add(&u, two, 2);
            i++;
        }
    }
    imp_buf_add(&u, "", 0);
    dy_free(raw);
    if (u.oom) {
        imp_buf_free(&u);
        return dy_err_set(err, DY_ENOMEM, path, 0, -1, "out of memory");
    }
    c->text = u.s;
    c->len = u.n;
    /* ent[0]: the header chunk's owner. */
    if (!imp_entry_new(c, 0) && c->oom) {
        imp_close(c);
        return dy_err_set(err, DY_ENOMEM, path, 0, -1, "out of memory");
    }
    return 0;
}

/* Free what the context owns. */
void imp_close(imp_ctx *c)
{
    dy_free(c->text);
    imp_buf_free(&c->line);
    imp_buf_free(&c->out);
    dy_free(c->ch);
    dy_free(c->ent);
    for (size_t i = 0; i < c->ncls; i++)
        dy_free(c->classes[i]);
    dy_free(c->classes);
    memset(c, 0, sizeof *c);
}

/* Next line of the input into c->line; returns 0 at the end. */
int imp_next_line(imp_ctx *c)
{
    if (!c->text || c->pos >= c->len)
        return 0;
    const char *s = c->text + c->pos;
    const char *nl = memchr(s, '\n', c->len - c->pos);
    size_t n = nl ? (size_t)(nl - s) : c->len - c->pos;
    c->pos += n + (nl ? 1 : 0);
    c->lineno++;
    c->line.n = 0;
    while (n && (s[n - 1] == '\r'))
        n--;
    imp_buf_add(&c->line, s, n);
    imp_buf_add(&c->line, "", 0);
    if (c->line.oom) {
        c->oom = 1;
        return 0;
    }
    /* Stray CRs inside a line (old Mac line ends) become spaces. */
    for (size_t i = 0; i < c->line.n; i++)
        if (c->line.s[i] == '\r')
            c->line.s[i] = ' ';
    return 1;
}

/* ---- entries and chunks ------------------------------------------------- */

/* New entry; 0 (and c->oom) when out of memory, except for the header. */
uint32_t imp_entry_new(imp_ctx *c, long line)
{
    if (c->oom || dy_vec_grow(&c->ent, &c->capent, c->nent, sizeof *c->ent)) {
        c->oom = 1;
        return 0;
    }
    c->ent[c->nent] = (imp_entry){.line = line};
    return (uint32_t)c->nent++;
}

/* Report through the callback with the input path and line. */
static void vreport(imp_ctx *c, long line, const char *fmt, va_list ap)
{
    if (!c->report)
        return;
    dy_err e;
    dy_err_clear(&e);
    e.code = DY_ESKIP;
    e.line = line;
    e.offset = -1;
    snprintf(e.file, sizeof e.file, "%s", c->path);
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    c->report(c->ud, &e);
}

/* Mark entry id failed (once) and report why. */
void imp_fail(imp_ctx *c, uint32_t id, long line, const char *fmt, ...)
{
    if (id == 0 || id >= c->nent || c->ent[id].failed)
        return;
    c->ent[id].failed = 1;
    va_list ap;
    va_start(ap, fmt);
    vreport(c, line, fmt, ap);
    va_end(ap);
}

/* A malformed line that is an entry of its own: count it and report it. */
void imp_fail_line(imp_ctx *c, long line, const char *fmt, ...)
{
    uint32_t id = imp_entry_new(c, line);
    if (!id)
        return;
    c->ent[id].failed = 1;
    va_list ap;
    va_start(ap, fmt);
    vreport(c, line, fmt, ap);
    va_end(ap);
}

/* Append a chunk; the text must end with a newline (one is added if not). */
void imp_emit(imp_ctx *c, uint32_t entry, uint32_t parent, uint32_t nforms, const imp_buf *b)
{
    if (c->oom || b->oom) {
        c->oom = 1;
        return;
    }
    if (dy_vec_grow(&c->ch, &c->capch, c->nch, sizeof *c->ch)) {
        c->oom = 1;
        return;
    }
    imp_chunk *k = &c->ch[c->nch++];
    *k = (imp_chunk){.off = c->out.n, .entry = entry, .parent = parent, .nforms = nforms};
    imp_buf_add(&c->out, b->s ? b->s : "", b->n);
    if (!b->n || b->s[b->n - 1] != '\n')
        imp_buf_addc(&c->out, '\n');
    if (c->out.oom)
        c->oom = 1;
    k->len = c->out.n - k->off;
}

/* Is the chunk excluded (its entry or the entry it depends on failed)? */
static int chunk_dead(const imp_ctx *c, const imp_chunk *k)
{
    return c->ent[k->entry].failed || (k->parent && c->ent[k->parent].failed);
}

/* Concatenate the live chunks into out, noting each one's line count. */
static void assemble(imp_ctx *c, imp_buf *out)
{
    out->n = 0;
    for (size_t i = 0; i < c->nch; i++) {
        imp_chunk *k = &c->ch[i];
        if (chunk_dead(c, k))
            continue;
        long l = 0;
        for (size_t j = 0; j < k->len; j++)
            l += c->out.s[k->off + j] == '\n';
        k->lines = l;
        imp_buf_add(out, c->out.s + k->off, k->len);
    }
    imp_buf_add(out, "", 0);
}

/* Which live chunk holds output line line (1-based); nch when none. */
static size_t chunk_at(const imp_ctx *c, long line)
{
    long at = 1;
    for (size_t i = 0; i < c->nch; i++) {
        const imp_chunk *k = &c->ch[i];
        if (chunk_dead(c, k))
            continue;
        if (line >= at && line < at + k->lines)
            return i;
        at += k->lines;
    }
    return c->nch;
}

/* mkdir -p; returns 0 or -1 (errno set). */
static int mkdirs(const char *path)
{
    char p[4096];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof p) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(p, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (p[i] != '/' && p[i] != '\0')
            continue;
        char save = p[i];
        p[i] = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            return -1;
        p[i] = save;
    }
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

/* Output base name: the input's base name without its last extension, with
 * characters other than letters, digits, '.', '-' and '_' replaced. */
static void out_name(const char *path, char *out, size_t cap)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    const char *dot = strrchr(b, '.');
    if (dot && dot != b)
        n = (size_t)(dot - b);
    if (n == 0)
        b = "imported", n = 8;
    if (n > cap - 1)
        n = cap - 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)b[i];
        out[i] = (char)((isalnum(ch) || ch == '.' || ch == '-' || ch == '_') ? ch : '_');
    }
    if (out[0] == '.')
        out[0] = '_';
    out[n] = '\0';
}

/* Load text with the loader of kind into a scratch set. Returns the
 * loader's status (err filled). */
static int try_load(int kind, const char *name, const imp_buf *b, dy_err *e)
{
    dict_set *ds = dict_set_new();
    if (!ds)
        return dy_err_set(e, DY_ENOMEM, name, 0, -1, "out of memory");
    int rc = kind == IMP_OUT_VERBS ? dict_load_verbs_string(ds, name, b->s, b->n, e)
                                   : dict_load_string(ds, name, b->s, b->n, e);
    dict_set_free(ds);
    return rc;
}

/* See import_internal.h. */
int imp_finish(imp_ctx *c, int kind, const char *outdir, dict_import_stats *st)
{
    if (c->oom)
        return dy_err_set(c->err, DY_ENOMEM, c->path, c->lineno, -1, "out of memory");
    char name[256];
    out_name(c->path, name, sizeof name);
    imp_buf text = {0};
    dy_err e;
    int rc = 0;
    /* Drop what dyad's loader refuses, one entry at a time. */
    for (size_t round = 0;; round++) {
        assemble(c, &text);
        if (text.oom) {
            rc = dy_err_set(c->err, DY_ENOMEM, c->path, 0, -1, "out of memory");
            break;
        }
        dy_err_clear(&e);
        rc = try_load(kind, name, &text, &e);
        if (rc != DY_EPARSE)
            break;
        size_t i = chunk_at(c, e.line);
        if (i == c->nch || c->ch[i].entry == 0 || round > c->nent) {
            rc = dy_err_set(c->err, DY_EPARSE, c->path, 0, -1,
                            "converted text does not load (output line %ld: %s)", e.line, e.msg);
            break;
        }
        uint32_t id = c->ch[i].entry;
        if (c->ent[id].failed)
            id = c->ch[i].parent;
        imp_fail(c, id, c->ent[id].line, "not expressible in dyad's format: %s", e.msg);
    }
    if (!rc) {
        /* Entries all of whose text hangs on a failed verb line. */
        unsigned char *st2 = dy_calloc(c->nent ? c->nent : 1, 1);
        if (!st2) {
            imp_buf_free(&text);
            return dy_err_set(c->err, DY_ENOMEM, c->path, 0, -1, "out of memory");
        }
        for (size_t i = 0; i < c->nch; i++)
            st2[c->ch[i].entry] |= chunk_dead(c, &c->ch[i]) ? 1 : 2;
        int changed = 0;
        for (size_t i = 1; i < c->nent; i++)
            if (st2[i] == 1 && !c->ent[i].failed) {
                imp_fail(c, (uint32_t)i, c->ent[i].line,
                         "its verb line could not be converted");
                changed = 1;
            }
        dy_free(st2);
        if (changed)
            assemble(c, &text);
    }
    if (rc) {
        if (rc != DY_EPARSE && rc != DY_ENOMEM)
            rc = dy_err_set(c->err, rc, c->path, 0, -1, "%s", e.msg);
        imp_buf_free(&text);
        return rc;
    }
    char dir[4096], file[4400];
    snprintf(dir, sizeof dir, "%s/%s", outdir, kind == IMP_OUT_VERBS ? "verbs" : "actors");
    if (mkdirs(dir) != 0) {
        rc = dy_err_set(c->err, DY_EIO, dir, 0, -1, "cannot create directory: %s", strerror(errno));
        imp_buf_free(&text);
        return rc;
    }
    snprintf(file, sizeof file, "%s/%s.txt", dir, name);
    FILE *fp = fopen(file, "wb");
    if (!fp) {
        rc = dy_err_set(c->err, DY_EIO, file, 0, -1, "cannot write: %s", strerror(errno));
        imp_buf_free(&text);
        return rc;
    }
    size_t w = fwrite(text.s, 1, text.n, fp);
    if (fclose(fp) != 0 || w != text.n)
        rc = dy_err_set(c->err, DY_EIO, file, 0, -1, "write error");
    imp_buf_free(&text);
    if (rc)
        return rc;
    for (size_t i = 1; i < c->nent; i++) {
        st->entries++;
        if (c->ent[i].failed)
            st->failed++;
        else
            st->converted++;
    }
    for (size_t i = 0; i < c->nch; i++)
        if (!chunk_dead(c, &c->ch[i]))
            st->forms += c->ch[i].nforms;
    return 0;
}

/* ---- word classes -------------------------------------------------------- */

/* Remember class name (copied). */
int imp_class_add(imp_ctx *c, const char *name)
{
    if (imp_class_known(c, name))
        return 0;
    if (dy_vec_grow(&c->classes, &c->capcls, c->ncls, sizeof *c->classes))
        return DY_ENOMEM;
    char *s = dy_strdup(name);
    if (!s)
        return DY_ENOMEM;
    c->classes[c->ncls++] = s;
    return 0;
}

/* 1 when name was added with imp_class_add. */
int imp_class_known(const imp_ctx *c, const char *name)
{
    for (size_t i = 0; i < c->ncls; i++)
        if (strcmp(c->classes[i], name) == 0)
            return 1;
    return 0;
}

/* "&" + the letters and digits of s (upper case). */
void imp_class_name(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    out[0] = '\0';
    if (cap < 3)
        return;
    out[k++] = '&';
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (isalnum(ch))
            out[k++] = (char)toupper(ch);
    }
    out[k] = '\0';
    if (k == 1)
        out[0] = '\0';
}

/* ---- forms, dates, codes ------------------------------------------------- */

/* The part after the last '/'. */
const char *imp_base(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

/* Trim white space. */
const char *imp_trim(const char *s, size_t *n)
{
    while (*n && isspace((unsigned char)*s))
        s++, (*n)--;
    while (*n && isspace((unsigned char)s[*n - 1]))
        (*n)--;
    return s;
}

/* Words kept in lower case inside title-cased names. */
static int function_word(const char *w, size_t n)
{
    static const char *const fw[] = {
        "of", "the", "and", "for", "in", "on", "at", "to", "by", "de", "del", "la", "le",
        "el", "al", "du", "da", "di", "des", "der", "den", "van", "von", "bin", "ibn", "y",
        "e", "a", "an", "ul", "ur", "ud", "dos", "das", "do", "les", "et", "with", NULL};
    for (int i = 0; fw[i]; i++)
        if (strlen(fw[i]) == n && strncasecmp(fw[i], w, n) == 0)
            return 1;
    return 0;
}

/* Append word w in title case unless it looks like an acronym. */
static void title_word(imp_buf *b, const char *w, size_t n, int first)
{
    size_t letters = 0, vowels = 0, upper = 0, lower = 0;
    int dot = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)w[i];
        if (isalpha(ch)) {
            letters++;
            vowels += strchr("AEIOUYaeiouy", ch) != NULL;
            upper += isupper(ch) != 0;
            lower += islower(ch) != 0;
        }
        dot |= ch == '.';
    }
    if (lower && upper) { /* already mixed case: keep it */
        imp_buf_add(b, w, n);
        return;
    }
    if (!first && function_word(w, n)) {
        for (size_t i = 0; i < n; i++)
            imp_buf_addc(b, (char)tolower((unsigned char)w[i]));
        return;
    }
    /* Acronyms: dotted (U.S.), two letters (UN, UK), or no vowel (PKK). */
    if (letters && (dot || (letters == 2 && n == 2) || (vowels == 0 && letters <= 5))) {
        for (size_t i = 0; i < n; i++)
            imp_buf_addc(b, (char)toupper((unsigned char)w[i]));
        return;
    }
    int start = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)w[i];
        if (isalpha(ch)) {
            imp_buf_addc(b, (char)(start ? toupper(ch) : tolower(ch)));
            start = 0;
        } else {
            imp_buf_addc(b, (char)ch);
            if (ch == '-' || ch == '/')
                start = 1;
        }
    }
}

/* See import_internal.h. */
void imp_form(imp_buf *b, const char *s, size_t n, int mode)
{
    size_t i = 0;
    int nw = 0;
    while (i < n) {
        while (i < n && (s[i] == '_' || isspace((unsigned char)s[i])))
            i++;
        size_t st = i;
        while (i < n && s[i] != '_' && !isspace((unsigned char)s[i]))
            i++;
        if (i == st)
            break;
        if (nw++)
            imp_buf_addc(b, ' ');
        if (mode == IMP_CASE_TITLE) {
            title_word(b, s + st, i - st, nw == 1);
        } else {
            for (size_t k = st; k < i; k++)
                imp_buf_addc(b, (char)tolower((unsigned char)s[k]));
        }
    }
}

/* Six-digit dates: YY below 30 is 20YY, else 19YY (docs/import.md). */
int imp_date(const char *s, size_t n, char *out)
{
    if (n != 6 && n != 8)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return -1;
    int v[8];
    for (size_t i = 0; i < n; i++)
        v[i] = s[i] - '0';
    int y, m, d;
    if (n == 6) {
        y = v[0] * 10 + v[1];
        y += y < 30 ? 2000 : 1900;
        m = v[2] * 10 + v[3];
        d = v[4] * 10 + v[5];
    } else {
        y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        m = v[4] * 10 + v[5];
        d = v[6] * 10 + v[7];
    }
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return -1;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return -1;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return 0;
}

/* 2-31 capitals and digits. */
int imp_code_ok(const char *s, size_t n)
{
    if (n < 2 || n > 31)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(isupper((unsigned char)s[i]) || isdigit((unsigned char)s[i])))
            return 0;
    return 1;
}

/* Count the signs of each kind of dictionary in the non-comment lines. */
int imp_detect(const imp_ctx *c)
{
    long verbs = 0, agents = 0, actors = 0;
    const char *s = c->text;
    size_t n = c->len, i = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n;
        const char *l = s + i;
        size_t ln = e - i;
        i = e + 1;
        if (ln == 0 || l[0] == '#' || l[0] == ';')
            continue;
        if (ln >= 4 && memcmp(l, "--- ", 4) == 0)
            verbs += 5;
        else if (ln >= 2 && l[0] == '-' && l[1] == ' ' && memchr(l, '*', ln))
            verbs++;
        else if (ln >= 10 && memcmp(l, "<SYNSETS>", 9) == 0)
            verbs += 5;
        for (size_t k = 0; k + 1 < ln; k++) {
            if ((l[k] == '[' && l[k + 1] == '~') || (l[k] == '~' && l[k + 1] == ']'))
                agents++;
            else if (l[k] == '[' && isupper((unsigned char)l[k + 1]))
                actors++;
        }
        if (ln > 3 && l[0] == '!' && memchr(l + 1, '!', ln - 1) && memchr(l, '=', ln))
            agents += 5;
    }
    if (verbs > 0 && verbs * 4 >= agents + actors)
        return IMP_KIND_VERBS;
    if (agents > actors)
        return IMP_KIND_AGENTS;
    return IMP_KIND_ACTORS;
}
