/* test_read.c - document readers: plain text, JSON lines, format detection,
 * limits, binary input, and txt_expand_paths. Large and binary inputs are
 * generated at run time in a temporary directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "text/text.h"

#define DATA DYAD_SRCDIR "/tests/data/read/"

typedef struct warns {
    int n;
    long line[16], off[16];
    char msg[16][512];
} warns;

static void collect(void *ud, const dy_err *w)
{
    warns *ws = ud;
    if (ws->n < 16) {
        ws->line[ws->n] = w->line;
        ws->off[ws->n] = w->offset;
        snprintf(ws->msg[ws->n], sizeof ws->msg[0], "%s", w->msg);
    }
    ws->n++;
}

static txt_read_opts opts(warns *ws)
{
    txt_read_opts o = {0};
    o.default_date = (txt_date){2020, 1, 1, TXT_PREC_DAY};
    if (ws) {
        memset(ws, 0, sizeof *ws);
        o.warn = collect;
        o.warn_ud = ws;
    }
    return o;
}

static txt_reader *open_ok(const char *path, const txt_read_opts *o)
{
    txt_reader *r = NULL;
    dy_err e;
    int rc = txt_reader_open(path, o, &r, &e);
    if (rc)
        fail_msg("open %s: %s", path, e.msg);
    return r;
}

static void assert_date(const txt_date *d, int y, int m, int day, int prec)
{
    assert_int_equal(d->year, y);
    assert_int_equal(d->month, m);
    assert_int_equal(d->day, day);
    assert_int_equal(d->prec, prec);
}

/* ---- temporary files -------------------------------------------------- */

static char tmpdir[64];
static char made[32][256];
static int nmade;

static const char *tpath(const char *name)
{
    static char p[256];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    return p;
}

static const char *write_file(const char *name, const void *data, size_t n)
{
    const char *p = tpath(name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    if (n)
        assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    if (nmade < 32)
        snprintf(made[nmade++], sizeof made[0], "%s", p);
    return p;
}

static const char *make_dir(const char *name)
{
    const char *p = tpath(name);
    assert_int_equal(mkdir(p, 0700), 0);
    if (nmade < 32)
        snprintf(made[nmade++], sizeof made[0], "%s", p);
    return p;
}

static int setup(void **st)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad_test_read_XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    nmade = 0;
    return 0;
}

static int teardown(void **st)
{
    /* Created in order, so removing in reverse empties directories first. */
    for (int i = nmade - 1; i >= 0; i--)
        if (unlink(made[i]) != 0)
            rmdir(made[i]);
    rmdir(tmpdir);
    return 0;
}

/* ---- plain text ------------------------------------------------------- */

static void test_text_file(void **st)
{
    txt_read_opts o = opts(NULL);
    txt_reader *r = open_ok(DATA "plain.txt", &o);
    assert_int_equal(txt_reader_format(r), TXT_IN_TEXT);
    txt_doc *d;
    dy_err e;
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, DATA "plain.txt");
    assert_string_equal(d->path, DATA "plain.txt");
    assert_string_equal(d->text, "First line.\nSecond line.\n");
    assert_int_equal(d->len, strlen("First line.\nSecond line.\n"));
    assert_null(d->title);
    assert_int_equal(d->line, 0);
    assert_date(&d->date, 2020, 1, 1, TXT_PREC_DAY);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);
}

static void test_empty_files(void **st)
{
    txt_read_opts o = opts(NULL);
    txt_doc *d;
    dy_err e;
    txt_reader *r = open_ok(DATA "empty.txt", &o);
    assert_int_equal(txt_reader_format(r), TXT_IN_TEXT);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_int_equal(d->len, 0);
    assert_string_equal(d->text, "");
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);

    r = open_ok(DATA "empty.jsonl", &o);
    assert_int_equal(txt_reader_format(r), TXT_IN_JSONL);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    assert_null(d);
    txt_reader_close(r);
}

static void test_open_errors(void **st)
{
    txt_read_opts o = opts(NULL);
    txt_reader *r = (txt_reader *)1;
    dy_err e;
    assert_int_equal(txt_reader_open(DATA "no-such-file.txt", &o, &r, &e), DY_EIO);
    assert_null(r);
    assert_string_equal(e.file, DATA "no-such-file.txt");
    assert_non_null(strstr(e.msg, strerror(ENOENT)));
    assert_int_equal(txt_reader_open(DATA, &o, &r, &e), DY_EIO);
    assert_non_null(strstr(e.msg, "directory"));
}

/* ---- JSON lines -------------------------------------------------------- */

static void test_jsonl_good(void **st)
{
    warns ws;
    txt_read_opts o = opts(&ws);
    txt_reader *r = open_ok(DATA "good.jsonl", &o);
    assert_int_equal(txt_reader_format(r), TXT_IN_JSONL);
    txt_doc *d;
    dy_err e;

    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "g1");
    assert_string_equal(d->text, "Plain day.");
    assert_string_equal(d->title, "T1");
    assert_string_equal(d->url, "http://x/1");
    assert_string_equal(d->source, "Wire");
    assert_string_equal(d->path, DATA "good.jsonl");
    assert_int_equal(d->line, 1);
    assert_date(&d->date, 2024, 1, 15, TXT_PREC_DAY);
    txt_doc_free(d);

    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "7");
    assert_int_equal(d->line, 2);
    assert_date(&d->date, 2023, 9, 13, TXT_PREC_DAY);
    assert_null(d->title);
    txt_doc_free(d);

    /* Line 3 is blank and skipped silently. */
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "g3");
    assert_int_equal(d->line, 4);
    assert_date(&d->date, 2020, 1, 1, TXT_PREC_DAY);
    txt_doc_free(d);

    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "g4");
    assert_int_equal(d->len, 0);
    assert_string_equal(d->text, "");
    txt_doc_free(d);

    /* \r\n escapes become LF; a \u0000 escape becomes U+FFFD with a
     * warning naming the line and the offset in the text. */
    assert_int_equal(ws.n, 0);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "g5");
    assert_string_equal(d->text, "Line one\nline two \xEF\xBF\xBD end");
    assert_date(&d->date, 2023, 9, 13, TXT_PREC_DAY);
    assert_int_equal(ws.n, 1);
    assert_int_equal(ws.line[0], 6);
    assert_int_equal(ws.off[0], 19);
    assert_non_null(strstr(ws.msg[0], "NUL"));
    assert_non_null(strstr(ws.msg[0], "\"text\""));
    txt_doc_free(d);

    /* NFC; a month date keeps its precision; non-string title/url ignored. */
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->text, "Caf\xC3\xA9 month.");
    assert_date(&d->date, 2022, 5, 0, TXT_PREC_MONTH);
    assert_null(d->title);
    assert_null(d->url);
    txt_doc_free(d);

    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);
}

static void expect_skip(txt_reader *r, long line, const char *msg_part)
{
    txt_doc *d;
    dy_err e;
    int rc = txt_reader_next(r, &d, &e);
    if (rc != DY_ESKIP)
        fail_msg("line %ld: expected DY_ESKIP, got %d", line, rc);
    assert_null(d);
    assert_int_equal(e.line, line);
    assert_string_equal(e.file, DATA "bad.jsonl");
    if (!strstr(e.msg, msg_part))
        fail_msg("line %ld: message \"%s\" lacks \"%s\"", line, e.msg, msg_part);
}

static void test_jsonl_bad_lines(void **st)
{
    txt_read_opts o = opts(NULL);
    txt_reader *r = open_ok(DATA "bad.jsonl", &o);
    txt_doc *d;
    dy_err e;
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "a1");
    txt_doc_free(d);
    expect_skip(r, 3, "invalid JSON: ");
    expect_skip(r, 4, "expected a JSON object");
    expect_skip(r, 5, "missing \"text\"");
    expect_skip(r, 6, "\"text\" must be a string, got an integer");
    expect_skip(r, 7, "bad date \"2023-13-01\": expected YYYY-MM-DD or ISO 8601");
    expect_skip(r, 8, "\"id\" must be a string or a number, got an object");
    expect_skip(r, 9, "bad date \"2023-02-29\"");
    expect_skip(r, 10, "bad date: expected a string");
    /* No id: the position names the record. */
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, DATA "bad.jsonl:11");
    assert_int_equal(d->line, 11);
    txt_doc_free(d);
    /* The last line has no newline. */
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "a9");
    assert_int_equal(d->line, 12);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);
}

/* Errors inside strings point at the offending byte (the file offset of
 * the line plus the column), wherever it falls relative to the scanner's
 * sixteen-byte steps; escapes decode the same at any position; the last of
 * repeated keys wins and a key written with escapes is not the key. */
static void test_jsonl_strings(void **st)
{
    (void)st;
    char data[4096];
    size_t n = 0;
    static const char *const bad[] = {"\x01", "\\x", "\\u12", "\\u12G4", "\\\x01"};
    static const char *const why[] = {"control character in string", "invalid escape",
                                      "invalid \\u escape", "invalid \\u escape",
                                      "invalid escape"};
    long offs[5 * 3];
    size_t nl = 0;
    for (int b = 0; b < 5; b++)
        for (int pad = 0; pad < 3; pad++) {
            const char *pre = "{\"id\":\"e\",\"text\":\"";
            int fill = pad * 9; /* before, at and after a 16-byte step */
            offs[nl++] = (long)n + (long)strlen(pre) + fill + (b == 0 ? 0 : 1);
            n += (size_t)snprintf(data + n, sizeof data - n, "%s%.*s%s more\"}\n", pre, fill,
                                  "abcdefghijklmnopqrstuvwxyz", bad[b]);
        }
    n += (size_t)snprintf(data + n, sizeof data - n, "{\"id\":\"u\",\"text\":\"abc");
    size_t unterminated_end = n;
    n += (size_t)snprintf(data + n, sizeof data - n, "\n");
    size_t truncated_u = n + strlen("{\"id\":\"t\",\"text\":\"abc\\");
    n += (size_t)snprintf(data + n, sizeof data - n, "{\"id\":\"t\",\"text\":\"abc\\u12\n");
    n += (size_t)snprintf(data + n, sizeof data - n,
                          "{\"text\":\"first\",\"id\":\"k\",\"te\\u0078t\":\"escaped key\","
                          "\"text\":\"0123456789abcde\\\"0123456789abcdef\\\\\\/\\t"
                          "\\u00e9\\ud83d\\ude00 end\\n\"}\n");
    const char *p = write_file("strings.jsonl", data, n);
    txt_read_opts o = opts(NULL);
    txt_reader *r = open_ok(p, &o);
    txt_doc *d;
    dy_err e;
    for (size_t i = 0; i < nl; i++) {
        dy_err_clear(&e);
        assert_int_equal(txt_reader_next(r, &d, &e), DY_ESKIP);
        assert_int_equal(e.line, (long)i + 1);
        if (e.offset != offs[i] || !strstr(e.msg, why[i / 3]))
            fail_msg("line %zu: offset %ld (want %ld): %s", i + 1, e.offset, offs[i], e.msg);
    }
    assert_int_equal(txt_reader_next(r, &d, &e), DY_ESKIP);
    assert_non_null(strstr(e.msg, "unterminated string"));
    assert_int_equal(e.offset, (long)unterminated_end);
    assert_int_equal(txt_reader_next(r, &d, &e), DY_ESKIP);
    assert_non_null(strstr(e.msg, "truncated \\u escape"));
    assert_int_equal(e.offset, (long)truncated_u);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "k");
    assert_string_equal(d->text, "0123456789abcde\"0123456789abcdef\\/\t"
                                 "\xC3\xA9\xF0\x9F\x98\x80 end\n");
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);
}

static void test_jsonl_invalid_utf8(void **st)
{
    warns ws;
    txt_read_opts o = opts(&ws);
    const char data[] = "{\"id\":\"ok\",\"text\":\"fine\"}\n"
                        "{\"id\":\"u\",\"text\":\"caf\xE9 ok\"}\n";
    const char *p = write_file("latin1.jsonl", data, sizeof data - 1);
    txt_reader *r = open_ok(p, &o);
    txt_doc *d;
    dy_err e;
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    txt_doc_free(d);
    assert_int_equal(ws.n, 0);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->text, "caf\xEF\xBF\xBD ok");
    assert_int_equal(ws.n, 1);
    assert_int_equal(ws.line[0], 2);
    /* The offset is the byte's offset in the file. */
    assert_int_equal(ws.off[0], (long)(strchr(data, '\xE9') - data));
    txt_doc_free(d);
    txt_reader_close(r);
}

static void test_jsonl_long_line(void **st)
{
    const size_t big = 5u << 20;
    char *buf = malloc(big + 100);
    assert_non_null(buf);
    size_t n = (size_t)sprintf(buf, "{\"id\":\"big\",\"text\":\"");
    for (size_t i = 0; i < big; i++)
        buf[n++] = (char)('a' + i % 26);
    n += (size_t)sprintf(buf + n, "\"}\n{\"id\":\"after\",\"text\":\"x\"}\n");
    const char *p = write_file("big.jsonl", buf, n);
    free(buf);

    txt_read_opts o = opts(NULL);
    txt_reader *r = open_ok(p, &o);
    txt_doc *d;
    dy_err e;
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "big");
    assert_int_equal(d->len, big);
    assert_int_equal(d->text[big - 1], 'a' + (big - 1) % 26);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "after");
    assert_int_equal(d->line, 2);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);

    /* With a small limit the long line is skipped, and the next one read. */
    o.max_doc_bytes = 1000;
    r = open_ok(p, &o);
    assert_int_equal(txt_reader_next(r, &d, &e), DY_ESKIP);
    assert_int_equal(e.line, 1);
    assert_non_null(strstr(e.msg, "line longer than"));
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "after");
    assert_int_equal(d->line, 2);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);
}

static void test_max_doc_bytes(void **st)
{
    char text[3000];
    memset(text, 'x', sizeof text);
    const char *p = write_file("big.txt", text, sizeof text);
    txt_read_opts o = opts(NULL);
    o.max_doc_bytes = 2000;
    txt_reader *r = open_ok(p, &o);
    txt_doc *d;
    dy_err e;
    assert_int_equal(txt_reader_next(r, &d, &e), DY_ESKIP);
    assert_non_null(strstr(e.msg, "larger than the limit of 2000 bytes"));
    assert_string_equal(e.file, p);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);

    char line[2200];
    int n = snprintf(line, sizeof line, "{\"id\":\"t\",\"text\":\"%.2100s\"}\n", text);
    p = write_file("bigtext.jsonl", line, (size_t)n);
    r = open_ok(p, &o);
    assert_int_equal(txt_reader_next(r, &d, &e), DY_ESKIP);
    assert_int_equal(e.line, 1);
    assert_non_null(strstr(e.msg, "\"text\" of 2100 bytes is larger than the limit"));
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);
}

/* ---- binary input ----------------------------------------------------- */

static void junk(unsigned char *b, size_t n, unsigned seed)
{
    uint32_t x = seed;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        b[i] = (unsigned char)(x >> 16);
        if (i % 7 == 0)
            b[i] = 0;
    }
}

static void test_binary(void **st)
{
    unsigned char b[8192];
    junk(b, sizeof b, 42);
    const char *p = write_file("junk.bin", b, sizeof b);
    warns ws;
    txt_read_opts o = opts(&ws);
    txt_doc *d;
    dy_err e;
    /* Auto-detected, forced text and forced HTML: skipped as binary. */
    for (int f = TXT_IN_AUTO; f <= TXT_IN_HTML; f++) {
        if (f == TXT_IN_JSONL)
            continue;
        o.format = f;
        txt_reader *r = open_ok(p, &o);
        assert_int_equal(txt_reader_next(r, &d, &e), DY_ESKIP);
        assert_non_null(strstr(e.msg, "binary file?"));
        assert_int_equal(txt_reader_next(r, &d, &e), 0);
        txt_reader_close(r);
    }
    assert_int_equal(ws.n, 0);

    /* Forced JSON lines: every line is skipped, nothing crashes, and the
     * warnings stay bounded per line. */
    o.format = TXT_IN_JSONL;
    txt_reader *r = open_ok(p, &o);
    int rc, docs = 0, skips = 0;
    while ((rc = txt_reader_next(r, &d, &e)) != 0) {
        if (rc == 1) {
            docs++;
            txt_doc_free(d);
        } else {
            assert_int_equal(rc, DY_ESKIP);
            assert_true(e.line > 0);
            skips++;
        }
    }
    assert_int_equal(docs, 0);
    assert_true(skips > 0);
    txt_reader_close(r);

    /* Text with a few bad bytes is kept, with warnings at file offsets. */
    char text[1000];
    memset(text, 'a', sizeof text);
    text[100] = '\0';
    text[500] = (char)0xFF;
    p = write_file("mostly.txt", text, sizeof text);
    o = opts(&ws);
    r = open_ok(p, &o);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_int_equal(d->len, 1004);
    assert_int_equal(ws.n, 2);
    assert_int_equal(ws.off[0], 100);
    assert_int_equal(ws.off[1], 500);
    txt_doc_free(d);
    txt_reader_close(r);
}

/* ---- detection -------------------------------------------------------- */

static int format_of(const char *path)
{
    txt_read_opts o = opts(NULL);
    txt_reader *r = open_ok(path, &o);
    int f = txt_reader_format(r);
    txt_reader_close(r);
    return f;
}

static void test_detection(void **st)
{
    assert_int_equal(format_of(DATA "good.jsonl"), TXT_IN_JSONL);
    assert_int_equal(format_of(DATA "upper.NDJSON"), TXT_IN_JSONL);
    assert_int_equal(format_of(DATA "records"), TXT_IN_JSONL);
    assert_int_equal(format_of(DATA "page"), TXT_IN_HTML);
    assert_int_equal(format_of(DATA "fragment"), TXT_IN_HTML);
    assert_int_equal(format_of(DATA "heart"), TXT_IN_TEXT);
    assert_int_equal(format_of(DATA "plain.txt"), TXT_IN_TEXT);
    /* The extension wins over the content. */
    assert_int_equal(format_of(write_file("a.json", "plain words", 11)), TXT_IN_JSONL);
    assert_int_equal(format_of(write_file("b.htm", "plain words", 11)), TXT_IN_HTML);
    assert_int_equal(format_of(write_file("c.xhtml", "", 0)), TXT_IN_HTML);
    /* Other extensions (.txt included) say nothing: the content decides. */
    assert_int_equal(format_of(write_file("d.txt", "{\"text\":\"x\"}", 12)), TXT_IN_JSONL);
    assert_int_equal(format_of(write_file("e", "\xEF\xBB\xBF  <HTML>", 11)), TXT_IN_HTML);

    /* The sniffed bytes are not lost: the first record is read. */
    txt_read_opts o = opts(NULL);
    txt_reader *r = open_ok(DATA "records", &o);
    txt_doc *d;
    dy_err e;
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "s1");
    assert_int_equal(d->line, 2);
    txt_doc_free(d);
    txt_reader_close(r);

    /* --input forces. */
    o.format = TXT_IN_TEXT;
    r = open_ok(DATA "records", &o);
    assert_int_equal(txt_reader_format(r), TXT_IN_TEXT);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->text, "\n{\"id\":\"s1\",\"text\":\"Sniffed as JSON lines.\"}\n");
    txt_doc_free(d);
    txt_reader_close(r);
}

/* ---- out of memory ---------------------------------------------------- */

static void test_oom_never_crashes(void **st)
{
    /* Fail every allocation position in turn: each run must end with an
     * error or the right documents, never a crash or leak (ASan checks). */
    for (long k = 0; k < 60; k++) {
        txt_read_opts o = opts(NULL);
        txt_reader *r = NULL;
        dy_err e;
        dy_alloc_fail_after(k);
        int rc = txt_reader_open(DATA "good.jsonl", &o, &r, &e);
        if (rc == 0) {
            txt_doc *d;
            while ((rc = txt_reader_next(r, &d, &e)) != 0) {
                if (rc == 1)
                    txt_doc_free(d);
                else if (rc != DY_ESKIP)
                    break;
            }
            txt_reader_close(r);
        } else {
            assert_int_equal(rc, DY_ENOMEM);
        }
        dy_alloc_fail_after(-1);
    }
}

/* ---- path expansion --------------------------------------------------- */

static void test_expand_paths(void **st)
{
    make_dir("tree");
    write_file("tree/b.txt", "b", 1);
    write_file("tree/a.txt", "a", 1);
    write_file("tree/.hidden", "h", 1);
    make_dir("tree/.git");
    write_file("tree/.git/config", "c", 1);
    make_dir("tree/sub");
    write_file("tree/sub/c.txt", "c", 1);
    make_dir("tree/sub/a");
    write_file("tree/sub/a/z.txt", "z", 1);
    make_dir("tree/empty");

    char root[256], file[256];
    snprintf(root, sizeof root, "%s/tree/", tmpdir);
    snprintf(file, sizeof file, "%s", DATA "plain.txt");
    const char *in[] = {file, "-", root};
    char **out;
    size_t n;
    dy_err e;
    assert_int_equal(txt_expand_paths(in, 3, &out, &n, &e), 0);
    assert_int_equal(n, 6);
    assert_string_equal(out[0], file);
    assert_string_equal(out[1], "-");
    char want[256];
    snprintf(want, sizeof want, "%s/tree/a.txt", tmpdir);
    assert_string_equal(out[2], want);
    snprintf(want, sizeof want, "%s/tree/b.txt", tmpdir);
    assert_string_equal(out[3], want);
    snprintf(want, sizeof want, "%s/tree/sub/a/z.txt", tmpdir);
    assert_string_equal(out[4], want);
    snprintf(want, sizeof want, "%s/tree/sub/c.txt", tmpdir);
    assert_string_equal(out[5], want);
    txt_paths_free(out, n);

    /* A hidden file named explicitly is kept. */
    snprintf(want, sizeof want, "%s/tree/.hidden", tmpdir);
    const char *in2[] = {want};
    assert_int_equal(txt_expand_paths(in2, 1, &out, &n, &e), 0);
    assert_int_equal(n, 1);
    txt_paths_free(out, n);

    const char *in3[] = {file, "/nonexistent/dyad/x.txt"};
    out = (char **)1;
    assert_int_equal(txt_expand_paths(in3, 2, &out, &n, &e), DY_EIO);
    assert_null(out);
    assert_string_equal(e.file, "/nonexistent/dyad/x.txt");
    assert_non_null(strstr(e.msg, strerror(ENOENT)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_file),
        cmocka_unit_test(test_empty_files),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test(test_jsonl_good),
        cmocka_unit_test(test_jsonl_bad_lines),
        cmocka_unit_test(test_jsonl_strings),
        cmocka_unit_test(test_jsonl_invalid_utf8),
        cmocka_unit_test(test_jsonl_long_line),
        cmocka_unit_test(test_max_doc_bytes),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_detection),
        cmocka_unit_test(test_oom_never_crashes),
        cmocka_unit_test(test_expand_paths),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
