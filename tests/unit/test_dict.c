/* test_dict.c - actor dictionary files (docs/dictionaries.md, "Syntax"):
 * the loader's errors with their line numbers, comments, CRLF, counts and
 * references, periods, files and directories; dict_check findings; the
 * default set; dict_unknown_names. Fixtures are written here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "dict/dict.h"
#include "text/text.h"

#ifndef DYAD_SRCDIR
#define DYAD_SRCDIR "."
#endif

/* ---- helpers ---------------------------------------------------------- */

/* Load text (len bytes, or strlen when len is 0) as "t.txt" into a new set. */
static int load(dict_set **ds, const char *text, size_t len, dy_err *e)
{
    *ds = dict_set_new();
    assert_non_null(*ds);
    dy_err_clear(e);
    return dict_load_string(*ds, "t.txt", text, len ? len : strlen(text), e);
}

/* Load, compile and match text dated date ("" = unknown); the codes of the
 * mentions joined by spaces into out. */
static void codes_of(const char *dict, const char *text, const char *date, char *out, size_t cap)
{
    dict_set *ds;
    dy_err e;
    int rc = load(&ds, dict, 0, &e);
    if (rc)
        fail_msg("load: line %ld: %s", e.line, e.msg);
    assert_int_equal(dict_compile(ds, &e), 0);
    dy_arena *a = dy_arena_new();
    txt_doc doc = {.id = (char *)"d", .text = (char *)text, .len = strlen(text)};
    if (*date)
        assert_int_equal(txt_date_parse(date, strlen(date), &doc.date), 0);
    txt_analysis an;
    assert_int_equal(txt_analyze(&doc, a, &an, &e), 0);
    dict_mention *m;
    size_t n;
    assert_int_equal(dict_match(ds, &an, &doc.date, a, &m, &n, &e), 0);
    out[0] = '\0';
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(out + k, cap - k, "%s%s", i ? " " : "", m[i].code);
    dy_arena_free(a);
    dict_set_free(ds);
}

#define ASSERT_CODES(dict, text, date, want)                                                       \
    do {                                                                                           \
        char got_[256];                                                                            \
        codes_of(dict, text, date, got_, sizeof got_);                                             \
        assert_string_equal(got_, want);                                                           \
    } while (0)

/* ---- syntax errors ----------------------------------------------------- */

typedef struct ecase {
    const char *what;
    const char *text;
    size_t len;       /* 0: strlen(text) */
    long line;        /* expected err.line */
    const char *msg;  /* a word the message must contain */
} ecase;

static const ecase errors[] = {
    {"unknown keyword", "state X\n  code XXX\n  frobnicate y\n", 0, 3, "frobnicate"},
    {"keyword is case-sensitive", "State X\n  code XXX\n", 0, 1, "State"},
    {"generic outside an agent", "state X\n  code XXX\n  generic\n", 0, 3, "generic"},
    {"prefix outside an agent", "state X\n  code XXX\n  prefix former\n", 0, 3, "prefix"},
    {"prefix of two words", "agent old\n  role ELI\n  prefix very old\n", 0, 3, "prefix"},
    {"prefix with a digit", "agent old\n  role ELI\n  prefix ex2\n", 0, 3, "prefix"},
    {"generic with an argument", "agent leader\n  role GOV\n  generic yes\n", 0, 3, "generic"},
    {"code before any entry", "code RUS\n", 0, 1, "code"},
    {"code before any entry after comments",
     "# actors\n\n  # nothing yet\n  code RUS\nstate X\n", 0, 4, "code"},
    {"lower-case code", "state Russia\n  code rus\n  name Russia\n", 0, 2, "rus"},
    {"code with a hyphen", "state Russia\n  code RUS-GOV\n", 0, 2, "RUS-GOV"},
    {"one-letter code", "state Russia\n  code R\n", 0, 2, "code"},
    {"month 13", "state R\n  code RUS 2020-13..\n", 0, 2, "2020-13"},
    {"30 February", "state R\n  code RUS 2020-02-30..2021\n", 0, 2, "period"},
    {"bad end date", "state R\n  code RUS 2020..2021-1x\n", 0, 2, "period"},
    {"garbage after the period", "state R\n  code RUS 2000..2001 now\n", 0, 2, "period"},
    {"empty period", "state R\n  code RUS ..\n", 0, 2, ".."},
    {"period without dots", "state R\n  code RUS 2020\n", 0, 2, "2020"},
    {"empty form between bars", "state R\n  code RUS\n  name A || B\n", 0, 3, "empty form"},
    {"empty form at the end", "state R\n  code RUS\n  name A | B |\n", 0, 3, "empty form"},
    {"empty form at the start", "state R\n  code RUS\n  name | A\n", 0, 3, "empty form"},
    {"blank form", "state R\n  code RUS\n  adj A |   | B\n", 0, 3, "empty form"},
    {"name without forms", "state R\n  code RUS\n  name\n", 0, 3, "name"},
    {"agent without role", "agent troops\n  name troops\n\nstate X\n  code XXX\n", 0, 1, "role"},
    {"agent without role at the end", "state X\n  code XXX\n  name X\nagent troops\n  name troops\n",
     0, 4, "troops"},
    {"state without code", "state X\n  name X\n\nstate Y\n  code YYY\n", 0, 1, "code"},
    {"person without code at the end", "state Y\n  code YYY\n\n\nperson P\n  name P\n", 0, 5, "P"},
    {"adj on a person", "person P\n  code PPPGOV\n  adj Pish\n", 0, 3, "adj"},
    {"adj on an agent", "agent a\n  role GOV\n  adj Aish\n", 0, 3, "adj"},
    {"seat on an org", "org O\n  code IGOXXX\n  seat Otown\n", 0, 3, "seat"},
    {"seat on a person", "person P\n  code PPPGOV\n  seat Ptown\n", 0, 3, "seat"},
    {"seat on a group", "group G\n  code GGGREB\n  seat Gtown\n", 0, 3, "seat"},
    {"place on an org", "org O\n  code IGOXXX\n  place Otown\n", 0, 3, "place"},
    {"place on an agent", "agent A\n  role GOV\n  place Atown\n", 0, 3, "place"},
    {"place without forms", "state S\n  code SSS\n  place\n", 0, 3, "place"},
    {"NUL byte", "state X\n  code XXX\n  name A\0B\nstate Y\n", 32, 3, "NUL"},
    {"name outside an entry", "# x\nname Foo\n", 0, 2, "name"},
    {"kind without a name", "state\n  code XXX\n", 0, 1, "name"},
    {"kind with only a comment", "org   # to do\n  code XXX\n", 0, 1, "name"},
    {"role outside an agent", "state X\n  code XXX\n  role GOV\n", 0, 3, "role"},
    {"lower-case role", "agent a\n  role gov\n  name a\n", 0, 2, "gov"},
    {"code on an agent", "agent a\n  code GOV\n  role GOV\n", 0, 2, "code"},
    {"CRLF line numbers", "state X\r\n  code XXX\r\n\r\n  bogus y\r\n", 0, 4, "bogus"},
    {"error after a long comment block",
     "# 1\n# 2\n# 3\n# 4\n# 5\n# 6\n# 7\n# 8\n# 9\nstate X\n  code XXX\n  name\n", 0, 12, "name"},
};

static void test_error(void **st)
{
    const ecase *c = *st;
    dict_set *ds;
    dy_err e;
    int rc = load(&ds, c->text, c->len, &e);
    if (rc != DY_EPARSE)
        fail_msg("%s: rc %d, expected DY_EPARSE", c->what, rc);
    if (e.line != c->line)
        fail_msg("%s: error at line %ld, expected %ld (%s)", c->what, e.line, c->line, e.msg);
    assert_int_equal(e.code, DY_EPARSE);
    assert_string_equal(e.file, "t.txt");
    if (!strstr(e.msg, c->msg))
        fail_msg("%s: message \"%s\" does not mention \"%s\"", c->what, e.msg, c->msg);
    assert_null(strchr(e.msg, '\n'));
    dict_set_free(ds);
}

/* ---- accepted input ---------------------------------------------------- */

static void test_comments(void **st)
{
    (void)st;
    static const char t[] = "# header comment\n"
                            "   # indented comment\n"
                            "state Xland # trailing comment\n"
                            "\tcode XXX\t# after a tab\n"
                            "  name Xland | X#Y | Zed # a comment | not a form\n"
                            "#state Yland\n"
                            "#  code YYY\n";
    dict_set *ds;
    dy_err e;
    assert_int_equal(load(&ds, t, 0, &e), 0);
    assert_int_equal(dict_entry_count(ds), 1);
    assert_int_equal(dict_form_count(ds), 3);
    assert_int_equal(dict_compile(ds, &e), 0);
    dict_set_free(ds);
    /* "Zed" is a form, "not a form" is not; the entry name has no comment. */
    ASSERT_CODES(t, "Zed met Xland, not a form.", "", "XXX XXX");
}

static void test_hash_inside_word(void **st)
{
    (void)st;
    dict_set *ds;
    dy_err e;
    assert_int_equal(load(&ds, "state A#B\n  code ABC\n  name A#B\n", 0, &e), 0);
    assert_int_equal(dict_form_count(ds), 1);
    assert_int_equal(dict_compile(ds, &e), 0);
    dy_arena *a = dy_arena_new();
    txt_doc doc = {.id = (char *)"d", .text = (char *)"Then A#B said so.", .len = 17};
    txt_analysis an;
    assert_int_equal(txt_analyze(&doc, a, &an, &e), 0);
    dict_mention *m;
    size_t n;
    assert_int_equal(dict_match(ds, &an, NULL, a, &m, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(dict_entry_name(m[0].entry), "A#B");
    assert_int_equal(m[0].start, 5);
    assert_int_equal(m[0].end, 8);
    dy_arena_free(a);
    dict_set_free(ds);
}

static void test_crlf(void **st)
{
    (void)st;
    static const char t[] = "state Xland\r\n  code XXX 2000..2010\r\n  code ZZZ\r\n"
                            "  name Xland | Xrep\r\n  adj Xish\r\nagent troops\r\n  role MIL\r\n"
                            "  name troops\r\n";
    dict_set *ds;
    dy_err e;
    assert_int_equal(load(&ds, t, 0, &e), 0);
    assert_int_equal(dict_entry_count(ds), 2);
    assert_int_equal(dict_form_count(ds), 4);
    assert_int_equal(dict_check(ds, NULL, NULL), 0); /* "MIL\r" would be an unknown role */
    dict_set_free(ds);
    ASSERT_CODES(t, "Xrep and Xish troops met.", "2005", "XXX XXXMIL");
    ASSERT_CODES(t, "Xland met.", "2020", "ZZZ");
}

static void test_no_final_newline_and_blank_lines(void **st)
{
    (void)st;
    static const char t[] = "\n\n   \n\t\nstate Xland\n\n\n  code XXX\n   \n  name Xland";
    dict_set *ds;
    dy_err e;
    assert_int_equal(load(&ds, t, 0, &e), 0);
    assert_int_equal(dict_entry_count(ds), 1);
    assert_int_equal(dict_form_count(ds), 1);
    dict_set_free(ds);
    ASSERT_CODES(t, "Xland met.", "", "XXX");
}

static void test_empty_input(void **st)
{
    (void)st;
    dict_set *ds;
    dy_err e;
    assert_int_equal(load(&ds, "", 0, &e), 0);
    assert_int_equal(dict_entry_count(ds), 0);
    assert_int_equal(dict_load_string(ds, "c.txt", "# only a comment\n\n", 18, &e), 0);
    assert_int_equal(dict_entry_count(ds), 0);
    assert_int_equal(dict_form_count(ds), 0);
    assert_int_equal(dict_compile(ds, &e), 0);
    assert_int_equal(dict_check(ds, NULL, NULL), 0);
    dict_set_free(ds);
}

static void test_forms_without_spaces_and_tabs(void **st)
{
    (void)st;
    static const char t[] = "state\tXland\n\tcode\tXXX\n\tname\tXland|Xrep|  Xia  \n\tadj Xish|Xian\n";
    dict_set *ds;
    dy_err e;
    assert_int_equal(load(&ds, t, 0, &e), 0);
    assert_int_equal(dict_form_count(ds), 5);
    dict_set_free(ds);
    ASSERT_CODES(t, "Xia, Xrep and Xland met.", "", "XXX XXX XXX");
}

static void test_counts(void **st)
{
    (void)st;
    static const char a[] = "state Xland\n  code XXX\n  name Xland | Xrep\n  adj Xish\n  seat Xtown\n"
                            "agent troops\n  role MIL\n  name troops | soldier | armed forces\n";
    static const char b[] = "person P Q\n  code XXXGOV 2000..\n  name P Q | Q\n"
                            "org O\n  code IGOXXX\n  name O\n";
    dict_set *ds;
    dy_err e;
    assert_int_equal(load(&ds, a, 0, &e), 0);
    assert_int_equal(dict_entry_count(ds), 2);
    assert_int_equal(dict_form_count(ds), 7);
    assert_int_equal(dict_load_string(ds, "b.txt", b, strlen(b), &e), 0);
    assert_int_equal(dict_entry_count(ds), 4);
    assert_int_equal(dict_form_count(ds), 10);
    /* Compiling adds plurals to the trie, not forms. */
    assert_int_equal(dict_compile(ds, &e), 0);
    assert_int_equal(dict_form_count(ds), 10);
    assert_int_equal(dict_entry_count(ds), 4);
    dict_set_free(ds);
}

static void test_refs_and_kinds(void **st)
{
    (void)st;
    static const char t[] = "# kinds\n"
                            "state S\n  code SSS\n  name Sland\n"
                            "org O\n  code IGOOOO\n  name Oorg\n"
                            "group G\n  code SSSREB\n  name Gfront\n"
                            "person P\n  code SSSGOV\n  name Pete Pan\n"
                            "agent a\n  role GOV\n  name minister\n";
    dict_set *ds;
    dy_err e;
    assert_int_equal(load(&ds, t, 0, &e), 0);
    assert_int_equal(dict_compile(ds, &e), 0);
    dy_arena *a = dy_arena_new();
    static const char text[] = "Sland, Oorg, Gfront and Pete Pan met. The minister left.";
    txt_doc doc = {.id = (char *)"d", .text = (char *)text, .len = strlen(text)};
    txt_analysis an;
    assert_int_equal(txt_analyze(&doc, a, &an, &e), 0);
    dict_mention *m;
    size_t n;
    assert_int_equal(dict_match(ds, &an, NULL, a, &m, &n, &e), 0);
    assert_int_equal(n, 5);
    static const char *refs[] = {"t.txt:2", "t.txt:5", "t.txt:8", "t.txt:11"};
    static const char *names[] = {"S", "O", "G", "P"};
    for (int i = 0; i < 4; i++) {
        assert_string_equal(dict_entry_ref(m[i].entry), refs[i]);
        assert_string_equal(dict_entry_name(m[i].entry), names[i]);
        assert_int_equal(dict_entry_kind(m[i].entry), i == 0   ? DICT_STATE
                                                      : i == 1 ? DICT_ORG
                                                      : i == 2 ? DICT_GROUP
                                                               : DICT_PERSON);
        assert_string_equal(dict_kind_name(dict_entry_kind(m[i].entry)), names[i][0] == 'S' ? "state"
                                                                       : names[i][0] == 'O' ? "org"
                                                                       : names[i][0] == 'G' ? "group"
                                                                                            : "person");
    }
    assert_string_equal(dict_entry_ref(m[4].agent), "t.txt:14");
    assert_string_equal(dict_kind_name(DICT_AGENT), "agent");
    assert_int_equal(dict_entry_kind(m[4].agent), DICT_AGENT);
    dy_arena_free(a);
    dict_set_free(ds);
}

static void test_second_file_name_in_errors(void **st)
{
    (void)st;
    dict_set *ds;
    dy_err e;
    assert_int_equal(load(&ds, "state X\n  code XXX\n  name X\n", 0, &e), 0);
    assert_int_equal(dict_load_string(ds, "second.txt", "state Y\n  code YYY\n  nam Y\n", 27, &e),
                     DY_EPARSE);
    assert_string_equal(e.file, "second.txt");
    assert_int_equal(e.line, 3);
    dict_set_free(ds);
}

/* ---- periods ------------------------------------------------------------ */

static const char PERIODS[] = "state Xland\n"
                              "  code AAA ..1999\n"
                              "  code BBB 2000-02..2000-02\n"
                              "  code CCC 2000-03-01..2000-03-01\n"
                              "  code DDD 2000-03-02..\n"
                              "  name Xland\n";

static void test_period_bounds(void **st)
{
    (void)st;
    ASSERT_CODES(PERIODS, "Xland met.", "1999-12-31", "AAA");
    ASSERT_CODES(PERIODS, "Xland met.", "1850", "AAA");
    ASSERT_CODES(PERIODS, "Xland met.", "2000-01-25", "BBB"); /* nearer to 2000-02-01 */
    ASSERT_CODES(PERIODS, "Xland met.", "2000-02-01", "BBB");
    ASSERT_CODES(PERIODS, "Xland met.", "2000-02-29", "BBB"); /* a month runs to its end */
    ASSERT_CODES(PERIODS, "Xland met.", "2000-03-01", "CCC");
    ASSERT_CODES(PERIODS, "Xland met.", "2000-03-02", "DDD");
    ASSERT_CODES(PERIODS, "Xland met.", "2040", "DDD");
    ASSERT_CODES(PERIODS, "Xland met.", "", "DDD"); /* unknown date: the most recent */
}

/* The nearest period is measured in days, across a year boundary too:
 * 2000-01-15 is 15 days after AAA ends and 17 days before BBB starts
 * (docs/dictionaries.md: "the code of the nearest period"). */
static void test_period_nearest_across_year_end(void **st)
{
    (void)st;
    ASSERT_CODES(PERIODS, "Xland met.", "2000-01-15", "AAA");
    static const char t[] = "group G\n  code AAA 1990..1999-12\n  code BBB 2000-03..\n  name Gee Front\n";
    ASSERT_CODES(t, "Gee Front met.", "2000-01-20", "AAA"); /* 20 days vs 41 */
    ASSERT_CODES(t, "Gee Front met.", "2000-02-15", "BBB"); /* 46 days vs 15 */
}

static void test_period_year_and_month_dates(void **st)
{
    (void)st;
    static const char t[] = "person Pat Doe\n"
                            "  code XXXGOV 1990..1994\n"
                            "  code YYYGOV 2001-07..2003-06\n"
                            "  name Pat Doe\n";
    ASSERT_CODES(t, "Pat Doe met.", "1994-12-31", "XXXGOV");
    ASSERT_CODES(t, "Pat Doe met.", "1990-01-01", "XXXGOV");
    ASSERT_CODES(t, "Pat Doe met.", "1989-12-31", "XXXELI");
    ASSERT_CODES(t, "Pat Doe met.", "2001-06-30", "YYYELI");
    ASSERT_CODES(t, "Pat Doe met.", "2001-07-01", "YYYGOV");
    ASSERT_CODES(t, "Pat Doe met.", "2003-06-30", "YYYGOV");
    ASSERT_CODES(t, "Pat Doe met.", "2003-07-01", "YYYELI");
    ASSERT_CODES(t, "Pat Doe met.", "1996", "XXXELI");
    ASSERT_CODES(t, "Pat Doe met.", "", "YYYGOV");
}

/* ---- files and directories --------------------------------------------- */

static char tmpdir[64];

static void write_file(const char *dir, const char *name, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void rm_tree(const char *d)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
    assert_int_equal(system(cmd), 0);
}

static void test_load_dir_order_and_errors(void **st)
{
    (void)st;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad-test-dict-XXXXXX");
    assert_non_null(mkdtemp(tmpdir));
    char act[128];
    snprintf(act, sizeof act, "%s/actors", tmpdir);
    assert_int_equal(mkdir(act, 0700), 0);
    /* b.txt is read after a.txt: its "Georgia" loses the tie. */
    write_file(act, "b.txt", "state Georgia US\n  code USA\n  name Georgia\n");
    write_file(act, "a.txt", "state Georgia\n  code GEO\n  name Georgia\n");
    write_file(act, "notes.md", "this is not a dictionary\n");
    dict_set *ds = dict_set_new();
    dy_err e;
    assert_int_equal(dict_load_dir(ds, tmpdir, &e), 0);
    assert_int_equal(dict_entry_count(ds), 2);
    assert_int_equal(dict_compile(ds, &e), 0);
    dy_arena *a = dy_arena_new();
    txt_doc doc = {.id = (char *)"d", .text = (char *)"Georgia met.", .len = 12};
    txt_analysis an;
    assert_int_equal(txt_analyze(&doc, a, &an, &e), 0);
    dict_mention *m;
    size_t n;
    assert_int_equal(dict_match(ds, &an, NULL, a, &m, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(m[0].code, "GEO");
    assert_non_null(strstr(dict_entry_ref(m[0].entry), "a.txt:1"));
    dy_arena_free(a);
    dict_set_free(ds);

    /* A syntax error names the file and the line. */
    write_file(act, "c.txt", "state C\n  code CCC\n\n  nmae C\n");
    ds = dict_set_new();
    assert_int_equal(dict_load_dir(ds, tmpdir, &e), DY_EPARSE);
    assert_non_null(strstr(e.file, "c.txt"));
    assert_int_equal(e.line, 4);
    dict_set_free(ds);

    /* dict_load_file on its own. */
    ds = dict_set_new();
    char p[256];
    snprintf(p, sizeof p, "%s/a.txt", act);
    assert_int_equal(dict_load_file(ds, p, &e), 0);
    assert_int_equal(dict_entry_count(ds), 1);
    snprintf(p, sizeof p, "%s/missing.txt", act);
    assert_int_equal(dict_load_file(ds, p, &e), DY_EIO);
    assert_non_null(strstr(e.file, "missing.txt"));
    dict_set_free(ds);

    /* A flat directory of actor files is accepted; an empty one is not. */
    char flat[128];
    snprintf(flat, sizeof flat, "%s/flat", tmpdir);
    assert_int_equal(mkdir(flat, 0700), 0);
    ds = dict_set_new();
    assert_int_equal(dict_load_dir(ds, flat, &e), DY_EIO);
    dict_set_free(ds);
    write_file(flat, "x.txt", "state X\n  code XXX\n  name X\n");
    ds = dict_set_new();
    assert_int_equal(dict_load_dir(ds, flat, &e), 0);
    assert_int_equal(dict_entry_count(ds), 1);
    dict_set_free(ds);

    ds = dict_set_new();
    assert_int_equal(dict_load_dir(ds, "/nonexistent/dyad/dicts", &e), DY_EIO);
    dict_set_free(ds);
    rm_tree(tmpdir);
}

/* ---- dict_check ---------------------------------------------------------- */

typedef struct finding {
    long line;
    char file[512];
    char msg[512];
} finding;

typedef struct findings {
    finding f[16];
    int n;
} findings;

static void collect(void *ud, const dy_err *e)
{
    findings *fs = ud;
    if (fs->n < 16) {
        fs->f[fs->n].line = e->line;
        memcpy(fs->f[fs->n].file, e->file, sizeof e->file);
        memcpy(fs->f[fs->n].msg, e->msg, sizeof e->msg);
    }
    fs->n++;
}

typedef struct ccase {
    const char *what;
    const char *text;
    long nfind;       /* expected findings */
    long line;        /* line of the first finding (when nfind > 0) */
    const char *msg;  /* a word the first finding's message contains */
} ccase;

static const ccase checks[] = {
    {"clean entry", "state X\n  code XXX ..1999\n  code YYY 2000..\n  name X\n", 0, 0, NULL},
    {"adjacent periods", "state R\n  code USR ..1991-12-25\n  code RUS 1991-12-26..\n  name R\n", 0, 0,
     NULL},
    {"inverted period", "state X\n  code XXX\n  code YYY 2000..1990\n  name X\n", 1, 3, "inverted"},
    {"inverted period by days", "state X\n  code YYY 2000-05-02..2000-05-01\n  name X\n", 1, 2,
     "inverted"},
    {"overlapping periods, different codes",
     "state X\n  name X\n  code AAA 1990..2000\n  code BBB 1995..2005\n", 1, 3, "overlap"},
    {"open periods overlapping", "state X\n  code AAA ..2000\n  code BBB 1990..\n  name X\n", 1, 2,
     "overlap"},
    {"one-day overlap", "state X\n  code AAA ..2000-01-01\n  code BBB 2000-01-01..\n  name X\n", 1, 2,
     "overlap"},
    {"overlapping periods, same code",
     "person P\n  code XXXGOV 1990..2000\n  code XXXGOV 1995..2005\n  name P\n", 0, 0, NULL},
    {"undated code beside dated ones", "state X\n  code AAA\n  code BBB 1990..2000\n  name X\n", 0, 0,
     NULL},
    {"unknown role", "agent a\n  role GOV\n  name a\n\nagent b\n  role XYZ\n  name b\n", 1, 5, "XYZ"},
    {"known roles", "agent a\n  role MIL\n  name a\nagent b\n  role COP\n  name b\n", 0, 0, NULL},
    {"duplicate form, conflicting codes",
     "state Georgia\n  code GEO\n  name Georgia\n\nstate Georgia US\n  code USA\n  name Atlanta | Georgia\n",
     1, 7, "Georgia"},
    {"duplicate form, same code", "state A\n  code USA\n  name Foo\nstate B\n  code USA\n  name Foo\n", 0,
     0, NULL},
    {"same text, different case", "state A\n  code USA\n  name US\nstate B\n  code XXX\n  name us\n", 0, 0,
     NULL},
    {"duplicate form in one entry", "state A\n  code AAA\n  name Foo | Foo\n", 0, 0, NULL},
    {"duplicate agent forms", "agent a\n  role GOV\n  name aide\nagent b\n  role MIL\n  name aide\n", 0,
     0, NULL},
    {"form of 33 words", "state X\n  code XXX\n  name X | w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 "
     "w17 w18 w19 w20 w21 w22 w23 w24 w25 w26 w27 w28 w29 w30 w31 w32\n", 1, 3,
     "32 words"},
    {"form of 32 words", "state X\n  code XXX\n  name w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 "
     "w16 w17 w18 w19 w20 w21 w22 w23 w24 w25 w26 w27 w28 w29 w30 w31\n", 0, 0, NULL},
    {"two findings",
     "state X\n  code AAA 2000..1990\n  name X\nagent q\n  role QQQ\n  name q\n", 2, 2, "inverted"},
};

static void test_check(void **st)
{
    const ccase *c = *st;
    dict_set *ds;
    dy_err e;
    int rc = load(&ds, c->text, 0, &e);
    if (rc)
        fail_msg("%s: load failed at line %ld: %s", c->what, e.line, e.msg);
    findings fs = {0};
    long n = dict_check(ds, collect, &fs);
    if (n != c->nfind) {
        for (int i = 0; i < fs.n && i < 16; i++)
            print_error("  finding %s:%ld: %s\n", fs.f[i].file, fs.f[i].line, fs.f[i].msg);
        fail_msg("%s: %ld findings, expected %ld", c->what, n, c->nfind);
    }
    assert_int_equal(fs.n, n);
    if (n) {
        assert_int_equal(fs.f[0].line, c->line);
        assert_string_equal(fs.f[0].file, "t.txt");
        if (!strstr(fs.f[0].msg, c->msg))
            fail_msg("%s: \"%s\" does not mention \"%s\"", c->what, fs.f[0].msg, c->msg);
    }
    /* A NULL callback counts the same. */
    assert_int_equal(dict_check(ds, NULL, NULL), n);
    dict_set_free(ds);
}

/* ---- the default set ----------------------------------------------------- */

static void test_default_set(void **st)
{
    (void)st;
    dict_set *ds = dict_set_new();
    dy_err e;
    int rc = dict_load_dir(ds, DYAD_SRCDIR "/data", &e);
    if (rc)
        fail_msg("%s:%ld: %s", e.file, e.line, e.msg);
    assert_true(dict_entry_count(ds) > 1000);
    assert_true(dict_form_count(ds) > 2 * dict_entry_count(ds));
    findings fs = {0};
    long n = dict_check(ds, collect, &fs);
    for (int i = 0; i < fs.n && i < 16; i++)
        print_error("  finding %s:%ld: %s\n", fs.f[i].file, fs.f[i].line, fs.f[i].msg);
    assert_int_equal(n, 0);
    assert_int_equal(dict_compile(ds, &e), 0);
    assert_true(dict_lexeme_count(ds) > 0);
    dict_set_free(ds);
}

/* ---- dict_unknown_names -------------------------------------------------- */

static const char UNK_DICT[] = "state Russia\n  code RUS\n  name Russia\n  seat Moscow\n"
                               "person Vladimir Putin\n  code RUSGOV\n  name Vladimir Putin | Putin\n"
                               "agent official\n  role GOV\n  name official\n";

/* The unknown names of sentence sent as "[text]" strings joined by spaces. */
static void unknown_of(const char *text, uint32_t sent, char *out, size_t cap)
{
    dict_set *ds;
    dy_err e;
    assert_int_equal(load(&ds, UNK_DICT, 0, &e), 0);
    assert_int_equal(dict_compile(ds, &e), 0);
    dy_arena *a = dy_arena_new();
    txt_doc doc = {.id = (char *)"d", .text = (char *)text, .len = strlen(text)};
    txt_analysis an;
    assert_int_equal(txt_analyze(&doc, a, &an, &e), 0);
    dict_mention *m;
    size_t n;
    assert_int_equal(dict_match(ds, &an, NULL, a, &m, &n, &e), 0);
    assert_true(sent < an.nsent);
    uint32_t (*u)[2];
    size_t nu;
    assert_int_equal(dict_unknown_names(ds, &an, sent, m, n, a, &u, &nu), 0);
    out[0] = '\0';
    size_t k = 0;
    for (size_t i = 0; i < nu; i++) {
        assert_true(u[i][0] < u[i][1]);
        assert_true(u[i][0] >= an.sents[sent].tok_begin && u[i][1] <= an.sents[sent].tok_end);
        uint32_t s = an.toks[u[i][0]].start, en = an.toks[u[i][1] - 1].end;
        k += (size_t)snprintf(out + k, cap - k, "%s[%.*s]", i ? " " : "", (int)(en - s), text + s);
    }
    dy_arena_free(a);
    dict_set_free(ds);
}

#define ASSERT_UNKNOWN(text, sent, want)                                                           \
    do {                                                                                           \
        char got_[256];                                                                            \
        unknown_of(text, sent, got_, sizeof got_);                                                 \
        assert_string_equal(got_, want);                                                           \
    } while (0)

static void test_unknown_names(void **st)
{
    (void)st;
    ASSERT_UNKNOWN("The Zorblax Institute criticised Russia.", 0, "[Zorblax Institute]");
    ASSERT_UNKNOWN("Russia met Acme Corp and Beta Ltd in Paris.", 0, "[Acme Corp] [Beta Ltd] [Paris]");
    ASSERT_UNKNOWN("In Moscow, Acme Corp said so.", 0, "[Acme Corp]");
    ASSERT_UNKNOWN("Putin met Mr Smith.", 0, "[Smith]");
    ASSERT_UNKNOWN("Vladimir Putin met officials.", 0, "");
    ASSERT_UNKNOWN("He met Russia.", 0, "");
    ASSERT_UNKNOWN("But they left.", 0, "");
    ASSERT_UNKNOWN("Officials met on Monday in March.", 0, "");
    ASSERT_UNKNOWN("Russia left. But Zed Corp and Putin came.", 1, "[Zed Corp]");
    ASSERT_UNKNOWN("Russia left. But Zed Corp and Putin came.", 0, "");
    ASSERT_UNKNOWN("And then Acme Corp left.", 0, "[Acme Corp]");
    ASSERT_UNKNOWN("Acme Corp met Putin.", 0, "[Acme Corp]");
}

int main(void)
{
    size_t ne = sizeof errors / sizeof *errors, nc = sizeof checks / sizeof *checks;
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_hash_inside_word),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_no_final_newline_and_blank_lines),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_forms_without_spaces_and_tabs),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_refs_and_kinds),
        cmocka_unit_test(test_second_file_name_in_errors),
        cmocka_unit_test(test_period_bounds),
        cmocka_unit_test(test_period_nearest_across_year_end),
        cmocka_unit_test(test_period_year_and_month_dates),
        cmocka_unit_test(test_load_dir_order_and_errors),
        cmocka_unit_test(test_default_set),
        cmocka_unit_test(test_unknown_names),
    };
    size_t nf = sizeof fixed / sizeof *fixed;
    struct CMUnitTest *t = calloc(ne + nc + nf, sizeof *t);
    char (*names)[96] = calloc(ne + nc, sizeof *names);
    if (!t || !names)
        return 1;
    size_t k = 0;
    for (size_t i = 0; i < ne; i++, k++) {
        snprintf(names[k], sizeof names[k], "syntax error: %s", errors[i].what);
        t[k] = (struct CMUnitTest){.name = names[k], .test_func = test_error,
                                   .initial_state = (void *)&errors[i]};
    }
    for (size_t i = 0; i < nc; i++, k++) {
        snprintf(names[k], sizeof names[k], "check: %s", checks[i].what);
        t[k] = (struct CMUnitTest){.name = names[k], .test_func = test_check,
                                   .initial_state = (void *)&checks[i]};
    }
    for (size_t i = 0; i < nf; i++)
        t[k++] = fixed[i];
    int rc = _cmocka_run_group_tests("test_dict", t, k, NULL, NULL);
    free(t);
    free(names);
    return rc;
}
