/* read.c - document readers: opening, format detection, buffered input, the
 * plain text reader and the JSON-lines line loop (record parsing is in
 * read_jsonl.c, HTML extraction in read_html.c).
 *
 * Input goes through one growable buffer read with read(2), whatever the
 * source (file, standard input, memory): format sniffing then needs no
 * rewinding (stdin cannot rewind), JSON lines stream in constant memory
 * however long the file, and an over-long line can be skipped without
 * holding it in memory.
 */
#include "text/read_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"

#define DEFAULT_MAX_DOC ((size_t)64 << 20)
#define READ_CHUNK ((size_t)64 << 10)
#define SNIFF_BYTES 512
/* A document whose bytes are more than this share invalid (or NUL) is taken
 * for a binary file and skipped instead of being turned into U+FFFD soup. */
#define BINARY_PERCENT 30

struct txt_reader {
    char *path;
    int format;
    txt_read_opts o;        /* max_doc_bytes resolved */
    int fd;                 /* -1 for memory input */
    int own_fd;
    char *buf;              /* buffered input: bytes [beg, end) unread */
    size_t cap, beg, end;
    long long base;         /* file offset of buf[0] */
    int eof;
    int done;               /* single-document formats: document delivered */
    long lineno;            /* JSON lines: lines consumed */
    int skipping;           /* JSON lines: the rest of an over-long line is
                             * still to be passed over */
    char *whole;            /* PETRARCH2, TABARI: the cleaned file */
    txt_cursor cur;         /* ... and the position in it */
};

/* Read more input into the buffer, compacting or growing it. Sets r->eof at
 * the end. Returns 0, DY_ENOMEM or DY_EIO (err filled). */
static int fill(txt_reader *r, dy_err *err)
{
    if (r->eof)
        return 0;
    if (r->beg > 0 && r->beg == r->end) {
        r->base += (long long)r->beg;
        r->beg = r->end = 0;
    }
    if (r->cap - r->end < READ_CHUNK / 2) {
        if (r->beg > r->cap / 2) {
            memmove(r->buf, r->buf + r->beg, r->end - r->beg);
            r->base += (long long)r->beg;
            r->end -= r->beg;
            r->beg = 0;
        } else {
            size_t ncap = r->cap ? r->cap * 2 : READ_CHUNK;
            if (ncap < r->cap)
                return dy_err_set(err, DY_ENOMEM, r->path, 0, -1, "input too large");
            char *nb = dy_realloc(r->buf, ncap);
            if (!nb)
                return dy_err_set(err, DY_ENOMEM, r->path, 0, -1,
                                  "out of memory reading %zu bytes", ncap);
            r->buf = nb;
            r->cap = ncap;
        }
    }
    for (;;) {
        ssize_t k = read(r->fd, r->buf + r->end, r->cap - r->end);
        if (k > 0) {
            r->end += (size_t)k;
            return 0;
        }
        if (k == 0) {
            r->eof = 1;
            return 0;
        }
        if (errno != EINTR)
            return dy_err_set(err, DY_EIO, r->path, 0, r->base + (long long)r->end,
                              "read error: %s", strerror(errno));
    }
}

/* Case-insensitive: does s start with the ASCII word w? */
static int starts_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    return n >= k && strncasecmp(s, w, k) == 0;
}

/* Format from the file name's extension, or TXT_IN_AUTO if it says nothing. */
static int format_by_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    if (!dot)
        return TXT_IN_AUTO;
    static const char *const jsonl[] = {".jsonl", ".ndjson", ".json"};
    static const char *const html[] = {".html", ".htm", ".xhtml"};
    for (size_t i = 0; i < sizeof jsonl / sizeof *jsonl; i++)
        if (strcasecmp(dot, jsonl[i]) == 0)
            return TXT_IN_JSONL;
    for (size_t i = 0; i < sizeof html / sizeof *html; i++)
        if (strcasecmp(dot, html[i]) == 0)
            return TXT_IN_HTML;
    return TXT_IN_AUTO;
}

/* Does s[0..n) (starting at a '<') begin a PETRARCH2 XML file: an optional
 * XML declaration and comments, then the root <Sentences>? */
static int is_petrarch(const char *s, size_t n)
{
    size_t i = 0;
    for (;;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            i++;
        const char *close = NULL;
        if (n - i >= 2 && memcmp(s + i, "<?", 2) == 0)
            close = "?>";
        else if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
            close = "-->";
        if (!close)
            break;
        size_t k = strlen(close), j = i + 2;
        while (j + k <= n && memcmp(s + j, close, k) != 0)
            j++;
        if (j + k > n)
            return 0;
        i = j + k;
    }
    return n - i > 10 && memcmp(s + i, "<Sentences", 10) == 0 &&
           (s[i + 10] == '>' || s[i + 10] == ' ' || s[i + 10] == '\t' ||
            s[i + 10] == '\n' || s[i + 10] == '\r');
}

/* Format from the first bytes: '{' is a JSON line; '<' followed by a tag or
 * declaration that starts HTML pages is HTML, unless the root element is
 * <Sentences> (PETRARCH2 XML); anything else is text. TABARI .text files are
 * never guessed: only --input tabari reads them. */
static int format_by_content(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
                     s[i] == '\f'))
        i++;
    if (i >= n)
        return TXT_IN_TEXT;
    if (s[i] == '{')
        return TXT_IN_JSONL;
    if (s[i] != '<')
        return TXT_IN_TEXT;
    if (is_petrarch(s + i, n - i))
        return TXT_IN_PETRARCH;
    i++;
    if (starts_ci(s + i, n - i, "!doctype") || starts_ci(s + i, n - i, "!--") ||
        starts_ci(s + i, n - i, "?xml"))
        return TXT_IN_HTML;
    static const char *const tags[] = {"html", "head", "body", "meta", "title",
                                       "link", "script", "style", "div", "article",
                                       "main", "section", "header", "p", "h1", "table"};
    for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
        size_t k = strlen(tags[t]);
        if (starts_ci(s + i, n - i, tags[t]) &&
            (i + k == n || s[i + k] == '>' || s[i + k] == ' ' || s[i + k] == '\t' ||
             s[i + k] == '\n' || s[i + k] == '\r' || s[i + k] == '/'))
            return TXT_IN_HTML;
    }
    return TXT_IN_TEXT;
}

/* Allocate a reader for path with options o (NULL = defaults). */
static txt_reader *reader_new(const char *path, const txt_read_opts *o)
{
    txt_reader *r = dy_calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->path = dy_strdup(path);
    if (!r->path) {
        dy_free(r);
        return NULL;
    }
    if (o)
        r->o = *o;
    if (r->o.max_doc_bytes == 0)
        r->o.max_doc_bytes = DEFAULT_MAX_DOC;
    r->fd = -1;
    return r;
}

/* Settle the format: forced, else by extension, else by the first bytes
 * (reading them into the buffer, where the readers find them again). */
static int settle_format(txt_reader *r, int by_name, dy_err *err)
{
    int f = r->o.format;
    if (f == TXT_IN_AUTO && by_name)
        f = format_by_name(r->path);
    if (f == TXT_IN_AUTO) {
        while (!r->eof && r->end - r->beg < SNIFF_BYTES) {
            int rc = fill(r, err);
            if (rc)
                return rc;
        }
        f = format_by_content(r->buf + r->beg, r->end - r->beg);
    }
    if (f != TXT_IN_TEXT && f != TXT_IN_JSONL && f != TXT_IN_HTML &&
        f != TXT_IN_PETRARCH && f != TXT_IN_TABARI)
        return dy_err_set(err, DY_EINVAL, r->path, 0, -1, "unknown input format %d", f);
    r->format = f;
    return 0;
}

/* See text.h. Standard input is detected by content only (no name). */
int txt_reader_open(const char *path, const txt_read_opts *o, txt_reader **out,
                    dy_err *err)
{
    *out = NULL;
    txt_reader *r = reader_new(path, o);
    if (!r)
        return dy_err_set(err, DY_ENOMEM, path, 0, -1, "out of memory");
    int is_stdin = strcmp(path, "-") == 0;
    if (is_stdin) {
        r->fd = STDIN_FILENO;
    } else {
        r->fd = open(path, O_RDONLY | O_CLOEXEC);
        if (r->fd < 0) {
            int e = errno;
            txt_reader_close(r);
            return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open: %s", strerror(e));
        }
        r->own_fd = 1;
        struct stat st;
        if (fstat(r->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            txt_reader_close(r);
            return dy_err_set(err, DY_EIO, path, 0, -1,
                              "is a directory (expand directories with txt_expand_paths)");
        }
    }
    int rc = settle_format(r, !is_stdin, err);
    if (rc) {
        txt_reader_close(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* See read_internal.h: the bytes are copied, the reader never reads a fd. */
int txt_reader_open_mem(const char *name, const void *data, size_t n,
                        const txt_read_opts *o, txt_reader **out, dy_err *err)
{
    *out = NULL;
    txt_reader *r = reader_new(name, o);
    if (!r)
        return dy_err_set(err, DY_ENOMEM, name, 0, -1, "out of memory");
    r->buf = dy_malloc(n + 1);
    if (!r->buf) {
        txt_reader_close(r);
        return dy_err_set(err, DY_ENOMEM, name, 0, -1, "out of memory");
    }
    if (n)
        memcpy(r->buf, data, n);
    r->cap = n + 1;
    r->end = n;
    r->eof = 1;
    int rc = settle_format(r, strcmp(name, "-") != 0, err);
    if (rc) {
        txt_reader_close(r);
        return rc;
    }
    *out = r;
    return 0;
}

/* Close and release; NULL allowed. Standard input is left open. */
void txt_reader_close(txt_reader *r)
{
    if (!r)
        return;
    if (r->own_fd && r->fd >= 0)
        close(r->fd);
    dy_free(r->buf);
    dy_free(r->whole);
    dy_free(r->path);
    dy_free(r);
}

/* See text.h. */
int txt_reader_format(const txt_reader *r) { return r ? r->format : TXT_IN_AUTO; }

/* Read the whole (rest of the) input into the buffer. Returns 0, DY_ESKIP
 * when it is larger than max_doc_bytes (reading stops there), or a fatal
 * status. */
static int read_all(txt_reader *r, dy_err *err)
{
    if (r->fd >= 0) {
        struct stat st;
        if (fstat(r->fd, &st) == 0 && S_ISREG(st.st_mode) &&
            (uintmax_t)st.st_size > (uintmax_t)r->o.max_doc_bytes)
            return dy_err_set(err, DY_ESKIP, r->path, 0, -1,
                              "document of %jd bytes is larger than the limit of %zu "
                              "bytes (max_doc_bytes): skipped",
                              (intmax_t)st.st_size, r->o.max_doc_bytes);
    }
    while (!r->eof) {
        if (r->end - r->beg > r->o.max_doc_bytes)
            break;
        int rc = fill(r, err);
        if (rc)
            return rc;
    }
    if (r->end - r->beg > r->o.max_doc_bytes)
        return dy_err_set(err, DY_ESKIP, r->path, 0, -1,
                          "document is larger than the limit of %zu bytes "
                          "(max_doc_bytes): skipped",
                          r->o.max_doc_bytes);
    return 0;
}

/* Clean a whole-file document, refusing likely binary files. Warnings carry
 * file offsets. Returns 0 with *out and *outn set, DY_ESKIP or DY_ENOMEM. */
static int clean_document(txt_reader *r, char **out, size_t *outn, dy_err *err)
{
    const char *s = r->buf + r->beg;
    size_t n = r->end - r->beg;
    txt_clean_ctx c = {0};
    c.name = r->path;
    c.base = r->base + (long long)r->beg;
    /* First pass silent: a binary file must produce one message, not ten
     * warnings followed by a skip. Invalid bytes are rare, so the second,
     * reporting pass seldom runs. */
    int rc = txt_clean_ex(s, n, &c, out, outn);
    if (rc)
        return dy_err_set(err, rc, r->path, 0, -1, "out of memory cleaning text");
    if (c.nbad == 0)
        return 0;
    if (c.nbad * 100 > n * BINARY_PERCENT) {
        size_t bad = c.nbad;
        dy_free(*out);
        *out = NULL;
        return dy_err_set(err, DY_ESKIP, r->path, 0, -1,
                          "binary file? %zu of %zu bytes are NUL or invalid UTF-8 "
                          "(expected text): skipped",
                          bad, n);
    }
    if (r->o.warn) {
        dy_free(*out);
        *out = NULL;
        c.warn = r->o.warn;
        c.ud = r->o.warn_ud;
        rc = txt_clean_ex(s, n, &c, out, outn);
        if (rc)
            return dy_err_set(err, rc, r->path, 0, -1, "out of memory cleaning text");
    }
    return 0;
}

/* The single document of a text file. */
static int next_text(txt_reader *r, txt_doc **out, dy_err *err)
{
    char *text;
    size_t len;
    int rc = clean_document(r, &text, &len, err);
    if (rc)
        return rc;
    txt_doc *d = txt_doc_new(r->path, r->path);
    if (!d) {
        dy_free(text);
        return dy_err_set(err, DY_ENOMEM, r->path, 0, -1, "out of memory");
    }
    d->text = text;
    d->len = len;
    d->date = r->o.default_date;
    *out = d;
    return 1;
}

/* The single document of an HTML page. */
static int next_html(txt_reader *r, txt_doc **out, dy_err *err)
{
    char *src;
    size_t n;
    int rc = clean_document(r, &src, &n, err);
    if (rc)
        return rc;
    rc = txt_html_extract(src, n, r->path, &r->o, out, err);
    dy_free(src);
    return rc;
}

/* True when s[0..n) holds only white space. */
static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
            return 0;
    return 1;
}

/* Longest JSON line kept in memory: a text of max_doc_bytes can take more
 * bytes once escaped, so allow some room (half as much again). */
static size_t line_limit(const txt_reader *r)
{
    size_t m = r->o.max_doc_bytes;
    return m > (SIZE_MAX - 65536) / 2 ? SIZE_MAX : m + m / 2 + 65536;
}

/* Pass over the rest of an over-long line (already reported) without
 * keeping it: constant memory, however long the line (/dev/zero). */
static int skip_long_line(txt_reader *r, dy_err *err)
{
    for (;;) {
        char *nl = memchr(r->buf + r->beg, '\n', r->end - r->beg);
        if (nl) {
            r->beg = (size_t)(nl - r->buf) + 1;
            break;
        }
        r->beg = r->end;
        if (r->eof)
            break;
        int rc = fill(r, err);
        if (rc)
            return rc;
    }
    r->skipping = 0;
    return 0;
}

/* Next record of a JSON-lines input: find the line, scrub its bytes to
 * valid UTF-8 (with warnings at file offsets), then parse. */
static int next_jsonl(txt_reader *r, txt_doc **out, dy_err *err)
{
    if (!r->buf) {
        /* Nothing sniffed yet (format known from the extension). */
        int rc = fill(r, err);
        if (rc)
            return rc;
    }
    if (r->skipping) {
        int rc = skip_long_line(r, err);
        if (rc)
            return rc;
    }
    for (;;) {
        size_t scanned = 0;
        char *nl;
        for (;;) {
            nl = memchr(r->buf + r->beg + scanned, '\n', r->end - r->beg - scanned);
            if (nl || r->eof)
                break;
            scanned = r->end - r->beg;
            if (scanned > line_limit(r)) {
                /* reported at once; the rest is passed over by the next call */
                r->lineno++;
                long long start = r->base + (long long)r->beg;
                r->beg = r->end;
                r->skipping = 1;
                return dy_err_set(err, DY_ESKIP, r->path, r->lineno, (long)start,
                                  "line longer than %zu bytes (limit from max_doc_bytes "
                                  "%zu): skipped",
                                  line_limit(r), r->o.max_doc_bytes);
            }
            int rc = fill(r, err);
            if (rc)
                return rc;
        }
        size_t len = nl ? (size_t)(nl - (r->buf + r->beg)) : r->end - r->beg;
        if (!nl && len == 0)
            return 0;
        const char *line = r->buf + r->beg;
        long long off = r->base + (long long)r->beg;
        r->beg += len + (nl ? 1 : 0);
        r->lineno++;
        if (blank(line, len))
            continue;
        if (len > line_limit(r))
            return dy_err_set(err, DY_ESKIP, r->path, r->lineno, (long)off,
                              "line longer than %zu bytes (limit from max_doc_bytes "
                              "%zu): skipped",
                              line_limit(r), r->o.max_doc_bytes);
        txt_clean_ctx c = {0};
        c.name = r->path;
        c.line = r->lineno;
        c.base = off;
        c.warn = r->o.warn;
        c.ud = r->o.warn_ud;
        c.scrub_only = 1;
        /* Most lines are clean ASCII: parse them in place. */
        if (!txt_clean_needed(line, len, 1))
            return txt_jsonl_parse_line(line, len, r->path, r->lineno, off, &r->o, out, err);
        char *clean;
        size_t cn;
        if (txt_clean_ex(line, len, &c, &clean, &cn))
            return dy_err_set(err, DY_ENOMEM, r->path, r->lineno, (long)off,
                              "out of memory");
        int rc = txt_jsonl_parse_line(clean, cn, r->path, r->lineno, off, &r->o, out, err);
        dy_free(clean);
        return rc;
    }
}

/* Next record of a multi-record file (PETRARCH2 XML, TABARI .text): the
 * file is read and cleaned whole on the first call, then parsed record by
 * record by read_petrarch.c or read_tabari.c. */
static int next_record(txt_reader *r, txt_doc **out, dy_err *err)
{
    if (!r->done) {
        r->done = 1;
        int rc = read_all(r, err);
        if (rc)
            return rc;
        size_t n;
        rc = clean_document(r, &r->whole, &n, err);
        if (rc)
            return rc;
        r->cur.s = r->whole;
        r->cur.n = n;
    }
    if (!r->whole)
        return 0;
    return r->format == TXT_IN_PETRARCH ? txt_petrarch_next(&r->cur, r->path, &r->o, out, err)
                                        : txt_tabari_next(&r->cur, r->path, &r->o, out, err);
}

/* See text.h. */
int txt_reader_next(txt_reader *r, txt_doc **out, dy_err *err)
{
    *out = NULL;
    if (r->format == TXT_IN_JSONL)
        return next_jsonl(r, out, err);
    if (r->format == TXT_IN_PETRARCH || r->format == TXT_IN_TABARI)
        return next_record(r, out, err);
    if (r->done)
        return 0;
    r->done = 1;
    int rc = read_all(r, err);
    if (rc)
        return rc;
    return r->format == TXT_IN_HTML ? next_html(r, out, err) : next_text(r, out, err);
}
