/* test_read_peer.c - the readers of the peers' inputs: PETRARCH2 XML
 * (read_petrarch.c) and TABARI .text records (read_tabari.c), their
 * detection, bad input and out-of-memory paths. The files are our own
 * (tests/data/read/peer*); edge cases are read from memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "text/read_internal.h"

#define DATA DYAD_SRCDIR "/tests/data/read/"

typedef struct warns {
    int n;
    long line[16];
    char msg[16][512];
} warns;

/* Warning callback: keep the first 16. */
static void collect(void *ud, const dy_err *w)
{
    warns *ws = ud;
    if (ws->n < 16) {
        ws->line[ws->n] = w->line;
        snprintf(ws->msg[ws->n], sizeof ws->msg[0], "%s", w->msg);
    }
    ws->n++;
}

/* Options for format f with warnings into ws (cleared). */
static txt_read_opts opts(int f, warns *ws)
{
    txt_read_opts o = {0};
    o.format = f;
    memset(ws, 0, sizeof *ws);
    o.warn = collect;
    o.warn_ud = ws;
    return o;
}

/* A reader over the string s as the file name. */
static txt_reader *open_str(const char *name, const char *s, const txt_read_opts *o)
{
    txt_reader *r = NULL;
    dy_err e;
    if (txt_reader_open_mem(name, s, strlen(s), o, &r, &e))
        fail_msg("open %s: %s", name, e.msg);
    return r;
}

/* A reader over a file. */
static txt_reader *open_file(const char *path, const txt_read_opts *o)
{
    txt_reader *r = NULL;
    dy_err e;
    if (txt_reader_open(path, o, &r, &e))
        fail_msg("open %s: %s", path, e.msg);
    return r;
}

static void test_petrarch_file(void **st)
{
    (void)st;
    warns ws;
    txt_read_opts o = opts(TXT_IN_AUTO, &ws);
    txt_reader *r = open_file(DATA "peer.xml", &o);
    assert_int_equal(txt_reader_format(r), TXT_IN_PETRARCH);
    txt_doc *d;
    dy_err e;
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "pet-1");
    assert_string_equal(d->source, "AFP");
    assert_string_equal(d->text, "Russia and North Korea signed an agreement in Vladivostok.");
    assert_int_equal(d->len, strlen(d->text));
    assert_int_equal(d->date.year, 2023);
    assert_int_equal(d->date.month, 9);
    assert_int_equal(d->date.day, 13);
    assert_int_equal(d->line, 4);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "pet-2");
    assert_string_equal(d->source, "Wire & Co");
    assert_string_equal(d->text,
                        "China & Japan held talks on \"trade\" \xE2\x80\x94 officials said.");
    assert_int_equal(d->date.year, 2024);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_non_null(strstr(d->id, "peer.xml:13"));
    assert_int_equal(d->date.prec, TXT_PREC_NONE);
    assert_int_equal(ws.n, 1);
    assert_int_equal(ws.line[0], 13);
    assert_non_null(strstr(ws.msg[0], "expected YYYYMMDD"));
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);
}

static void test_petrarch_bad(void **st)
{
    (void)st;
    warns ws;
    txt_read_opts o = opts(TXT_IN_PETRARCH, &ws);
    txt_reader *r = open_file(DATA "peer_bad.xml", &o);
    txt_doc *d;
    dy_err e;
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "ok-1");
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), DY_ESKIP);
    assert_int_equal(e.line, 3);
    assert_non_null(strstr(e.msg, "without <Text>"));
    assert_int_equal(txt_reader_next(r, &d, &e), DY_ESKIP);
    assert_int_equal(e.line, 4);
    assert_non_null(strstr(e.msg, "expected an attribute name"));
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);

    /* Structural errors: one message with the line and what was expected,
     * then the end. */
    static const struct {
        const char *in, *want;
        long line;
    } bad[] = {
        {"", "the root element <Sentences>", 1},
        {"plain text\n", "the root element <Sentences>", 1},
        {"<!-- open comment\n<Sentences>", "the end of a comment", 1},
        {"<Sentences>\n\n", "</Sentences>, reached the end of the file", 3},
        {"<Sentences>\n<Other/>\n</Sentences>", "<Sentence ...> or </Sentences>", 2},
        {"<Sentences>\n<Sentence id=x>", "a quoted attribute value", 2},
        {"<Sentences>\n<Sentence id=\"x>", "the closing quote", 2},
        {"<Sentences>\n<Sentence id>", "'=' after the attribute name", 2},
        {"<Sentences><Sentence><Text>a</Text>", "</Sentence>, reached the end", 1},
        {"<Sentences><Sentence><Text>a</Text></Other>", "</Sentence>", 1},
        {"<Sentences><Sentence>\n<Parse>(x)", "</Parse>, reached the end", 2},
        {"<Sentences><Sentence><Text>a</Text></Sentence></Sentences", "'>' closing", 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        o = opts(TXT_IN_PETRARCH, &ws);
        r = open_str("b.xml", bad[i].in, &o);
        int rc;
        while ((rc = txt_reader_next(r, &d, &e)) == 1)
            txt_doc_free(d);
        assert_int_equal(rc, DY_ESKIP);
        if (!strstr(e.msg, bad[i].want) || e.line != bad[i].line)
            fail_msg("case %zu: line %ld: %s", i, e.line, e.msg);
        assert_string_equal(e.file, "b.xml");
        assert_int_equal(txt_reader_next(r, &d, &e), 0);
        txt_reader_close(r);
    }
}

static void test_petrarch_edges(void **st)
{
    (void)st;
    warns ws;
    txt_read_opts o = opts(TXT_IN_PETRARCH, &ws);
    txt_doc *d;
    dy_err e;
    /* Empty root, CRLF, single quotes, comments, self-closing children,
     * attributes in any order, character references. */
    txt_reader *r = open_str("-", "<Sentences/>", &o);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);
    r = open_str("e.xml",
                 "\xEF\xBB\xBF<?xml version='1.0'?>\r\n<!DOCTYPE x>\r\n<Sentences a='1'>\r\n"
                 "<!-- c --><Sentence sentence='true' id='s&#49;' date=' 19991231 '>"
                 "<Empty/><!-- <Text>no</Text> --><Text>A&#0;B&#x110000;C&#;D&bogus;E&#x41;"
                 "</Text><Text>second</Text></Sentence >\r\n</Sentences >\r\n",
                 &o);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "s1");
    assert_int_equal(d->date.year, 1999);
    assert_string_equal(d->text, "A\xEF\xBF\xBD" "B\xEF\xBF\xBD" "C&#;D&bogus;EA");
    assert_int_equal(d->line, 4);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);
    assert_int_equal(ws.n, 0);
    /* Detection: the XML declaration and comments may precede the root;
     * an HTML page stays HTML; TABARI is never guessed. */
    o = opts(TXT_IN_AUTO, &ws);
    r = open_str("-", "<?xml version=\"1.0\"?>\n<!-- x -->\n<Sentences>\n</Sentences>\n", &o);
    assert_int_equal(txt_reader_format(r), TXT_IN_PETRARCH);
    txt_reader_close(r);
    r = open_str("-", "<?xml version=\"1.0\"?><html><body>x</body></html>", &o);
    assert_int_equal(txt_reader_format(r), TXT_IN_HTML);
    txt_reader_close(r);
    r = open_str("-", "<SentencesX>", &o);
    assert_int_equal(txt_reader_format(r), TXT_IN_TEXT);
    txt_reader_close(r);
    r = open_file(DATA "peer.text", &o);
    assert_int_equal(txt_reader_format(r), TXT_IN_TEXT);
    txt_reader_close(r);
}

static void test_tabari(void **st)
{
    (void)st;
    warns ws;
    txt_read_opts o = opts(TXT_IN_TABARI, &ws);
    o.default_date = (txt_date){2020, 1, 1, TXT_PREC_DAY};
    txt_reader *r = open_file(DATA "peer.text", &o);
    txt_doc *d;
    dy_err e;
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "TAB-01");
    assert_string_equal(d->text,
                        "Russia and North Korea signed an agreement in Vladivostok on "
                        "Wednesday.");
    assert_int_equal(d->date.year, 2023);
    assert_int_equal(d->date.month, 9);
    assert_int_equal(d->date.day, 13);
    assert_int_equal(d->line, 3);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "TAB-02");
    assert_int_equal(d->date.year, 2024);
    assert_int_equal(d->date.day, 5);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "TAB-03");
    assert_string_equal(d->text, "France praised Germany.");
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);
    assert_int_equal(ws.n, 0);

    r = open_file(DATA "peer_bad.text", &o);
    assert_int_equal(txt_reader_next(r, &d, &e), DY_ESKIP);
    assert_int_equal(e.line, 1);
    assert_non_null(strstr(e.msg, "expected a record line"));
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "TAB-BADDATE");
    assert_int_equal(d->date.year, 2020); /* --date */
    assert_int_equal(ws.n, 1);
    assert_int_equal(ws.line[0], 4);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "TAB-OK");
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);

    /* Years 69-99 are 1969-1999; no id: path:line; an open comment runs to
     * the end of the record; CRLF; a record at the end without text. */
    o = opts(TXT_IN_TABARI, &ws);
    r = open_str("m.text",
                 "690720\r\nMen walked /* open\r\n\r\n"
                 "680101 X\r\nA /* c */ b */ c\r\n\r\n"
                 "000229 Y\n",
                 &o);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "m.text:1");
    assert_string_equal(d->text, "Men walked");
    assert_int_equal(d->date.year, 1969);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "X");
    assert_string_equal(d->text, "A b */ c");
    assert_int_equal(d->date.year, 2068);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 1);
    assert_string_equal(d->id, "Y");
    assert_int_equal(d->len, 0);
    assert_int_equal(d->date.year, 2000);
    assert_int_equal(d->date.day, 29);
    txt_doc_free(d);
    assert_int_equal(txt_reader_next(r, &d, &e), 0);
    txt_reader_close(r);
    assert_int_equal(ws.n, 0);
}

static void test_limits(void **st)
{
    (void)st;
    /* The file is read whole: one larger than max_doc_bytes is skipped with
     * one message, and nothing follows. */
    static const int fmt[] = {TXT_IN_TABARI, TXT_IN_PETRARCH};
    for (int f = 0; f < 2; f++) {
        warns ws;
        txt_read_opts o = opts(fmt[f], &ws);
        o.max_doc_bytes = 40;
        txt_reader *r = open_str("l",
                                 "010101 A\nshort\n\n010101 B\n"
                                 "a text that is longer than the limit of forty bytes\n",
                                 &o);
        txt_doc *d;
        dy_err e;
        assert_int_equal(txt_reader_next(r, &d, &e), DY_ESKIP);
        assert_non_null(strstr(e.msg, "max_doc_bytes"));
        assert_int_equal(txt_reader_next(r, &d, &e), 0);
        txt_reader_close(r);
    }
}

static void test_oom(void **st)
{
    (void)st;
    const char *files[] = {DATA "peer.xml", DATA "peer.text"};
    for (int f = 0; f < 2; f++) {
        for (long k = 0; k < 80; k++) {
            warns ws;
            txt_read_opts o = opts(f ? TXT_IN_TABARI : TXT_IN_PETRARCH, &ws);
            txt_reader *r = NULL;
            dy_err e;
            dy_alloc_fail_after(k);
            int rc = txt_reader_open(files[f], &o, &r, &e);
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
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_petrarch_file), cmocka_unit_test(test_petrarch_bad),
        cmocka_unit_test(test_petrarch_edges), cmocka_unit_test(test_tabari),
        cmocka_unit_test(test_limits),         cmocka_unit_test(test_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
