/* test_import.c - dict_import_file: PETRARCH2 and TABARI actors, agents and
 * verbs converted to dyad's format, malformed lines reported with their
 * line numbers, and (when ../shared exists) the Phoenix files. */
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
#include "dict/dict.h"

typedef struct reports {
    long line[64];
    char msg[64][600];
    int n;
} reports;

static void collect(void *ud, const dy_err *e)
{
    reports *r = ud;
    if (r->n < 64) {
        r->line[r->n] = e->line;
        snprintf(r->msg[r->n], sizeof r->msg[0], "%s", e->msg);
    }
    r->n++;
}

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad-test-import-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Write text to tmpdir/name; returns the path (static). */
static const char *put(const char *name, const char *text)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* Contents of tmpdir/out/sub/name (caller frees). */
static char *get(const char *sub, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/out/%s/%s", tmpdir, sub, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strdup(buf);
}

static void run(const char *fmt, const char *path, reports *r, dict_import_stats *st)
{
    char out[300];
    snprintf(out, sizeof out, "%s/out", tmpdir);
    dy_err e;
    dy_err_clear(&e);
    assert_int_equal(dict_import_file(fmt, path, out, collect, r, st, &e), 0);
}

static void test_petrarch_actors(void **state)
{
    (void)state;
    const char *src =
        "# sample\n"
        "NORTHLAND_  [NLD]\n"
        "+NORTHLANDIC_REPUBLIC_\n"
        "+U.N._OF_NORTH\n"
        "\n"
        "JOHN_EXAMPLE_  # a leader\n"
        "+PRESIDENT_EXAMPLE_\n"
        "\t[NLDELI 450101-991231]\n"
        "\t[NLDGOV 20000101-20051231]\n"
        "\t[NLDGOV >060101]\n"
        "\t[ELI]\n"
        "FREEDOM_FRONT_(FF)_ [NLDREB]\n"
        "BAD_ENTRY_ [NLDGOV 99999-1]\n"
        "<!-- comment -->\n"
        "UNITED_LEAGUE_ [IGOUNL]\n";
    reports r = {0};
    dict_import_stats st = {0};
    run("petrarch", put("Test.actors.txt", src), &r, &st);
    assert_int_equal(st.entries, 5);
    assert_int_equal(st.converted, 4);
    assert_int_equal(st.failed, 1);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.line[0], 13);
    char *o = get("actors", "Test.actors.txt");
    assert_non_null(strstr(o, "state Northland\n  code NLD\n"
                              "  name Northland | Northlandic Republic | U.N. of North\n"));
    assert_non_null(strstr(o, "person John Example\n  code NLDELI 1945-01-01..1999-12-31\n"
                              "  code NLDGOV 2000-01-01..2005-12-31\n  code NLDGOV 2006-01-01..\n"
                              "  name John Example | President Example\n"));
    assert_non_null(strstr(o, "group Freedom Front\n  code NLDREB\n  name Freedom Front | FF\n"));
    assert_non_null(strstr(o, "org United League\n  code IGOUNL\n"));
    free(o);
}

static void test_petrarch_agents(void **state)
{
    (void)state;
    const char *src = "!PERSON! = MAN, WOMAN\n"
                      "FARMER [~AGR]\n"
                      "SALES!PERSON! [~BUS]\n"
                      "CHAMBER_OF_TRADE {CHAMBERS_OF_TRADE} [~BUSGOV]\n"
                      "IMAM [~MUS]\n"
                      "WIZARD [~XYZ]\n"
                      "NOCODE_HERE\n";
    reports r = {0};
    dict_import_stats st = {0};
    run("petrarch", put("Test.agents.txt", src), &r, &st);
    assert_int_equal(st.entries, 6);
    assert_int_equal(st.failed, 2);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.line[0], 6);
    assert_int_equal(r.line[1], 7);
    char *o = get("actors", "Test.agents.txt");
    assert_non_null(strstr(o, "agent farmer\n  role AGR\n  name farmer\n"));
    assert_non_null(strstr(o, "agent salesman\n  role BUS\n  name salesman | saleswoman\n"));
    assert_non_null(strstr(o, "agent chamber of trade\n  role BUS"));
    assert_non_null(strstr(o, "  name chamber of trade | chambers of trade\n"));
    assert_non_null(strstr(o, "agent imam\n  role MUS"));
    free(o);
}

static void test_petrarch_verbs(void **state)
{
    (void)state;
    const char *src = "&ARMS_\n+GUN\n+HEAVY_WEAPON\n\n"
                      "---  PLEDGE   [050]  ---\n"
                      "PLEDGE\n"
                      "VOW {VOWS VOWED VOWING}\n"
                      "+HAND_OVER [070]\n"
                      "- * AID (TO +)   [070:071]  # pledge\n"
                      "- * &ARMS        [072]\n"
                      "- * BY/WITH MONEY [071]\n"
                      "- % * +          [050]\n"
                      "- * +            [:194]\n"
                      "~ a (b) SAY = a b 010\n";
    reports r = {0};
    dict_import_stats st = {0};
    run("petrarch", put("Test.verbs.txt", src), &r, &st);
    /* 1 synset, 3 verbs, 5 patterns, 1 transformation */
    assert_int_equal(st.entries, 10);
    assert_int_equal(st.failed, 3);
    assert_int_equal(r.n, 3);
    /* reported while reading (13, 14), then when the block is written (12) */
    assert_int_equal(r.line[0], 13);
    assert_int_equal(r.line[1], 14);
    assert_int_equal(r.line[2], 12);
    assert_non_null(strstr(r.msg[2], "compound actor"));
    char *o = get("verbs", "Test.verbs.txt");
    assert_non_null(strstr(o, "class &ARMS gun | heavy weapon\n"));
    assert_non_null(strstr(o, "verb pledge\n  code 050\n  070 * aid to +\n  072 * &ARMS\n"
                              "  071 * {by | with} money\n"));
    assert_non_null(strstr(o, "verb vow\n  forms vows | vowed | vowing\n  code 050\n"));
    assert_non_null(strstr(o, "verb hand\n  070 * _ over\n  070 * _ over aid to +\n"));
    free(o);
}

static void test_tabari(void **state)
{
    (void)state;
    const char *verbs = "<SYNSETS>\r\n&MONEY\r\n+DOLLAR\r\n+EURO_\r\n</SYNSETS>\r\n"
                        "ASSIST  [---] ;note\r\n"
                        "- * + WITH_ &MONEY  [071]\r\n"
                        "- WAS_* BY_ $  [070]\r\n"
                        "- * { FOOD | MEDICAL_AID }  [073]\r\n"
                        "- % * [040]\r\n"
                        "ARREST AND_CHARGE  [173]\r\n"
                        "- * + [173:174]\r\n";
    reports r = {0};
    dict_import_stats st = {0};
    run("tabari", put("T.verbs", verbs), &r, &st);
    assert_int_equal(st.failed, 1);
    assert_int_equal(r.line[0], 10);
    char *o = get("verbs", "T.txt");
    assert_non_null(strstr(o, "class &MONEY dollar | euro\n"));
    assert_non_null(strstr(o, "verb assist\n  071 * + with &MONEY\n  070 was _ * by $\n"
                              "  073 * {food | medical aid}\n"));
    assert_non_null(strstr(o, "verb arrest\n  173 * _ and _ charge\n  173 * _ and _ charge +\n"));
    free(o);
    const char *actors = "ZEMBLA  [ZMB] ;pas\r\nKING_CHARLES\xe9  [ZMBGOV <011214] [---]\r\n";
    memset(&r, 0, sizeof r);
    memset(&st, 0, sizeof st);
    run("tabari", put("T.actors", actors), &r, &st);
    assert_int_equal(st.converted, 2);
    o = get("actors", "T.txt");
    assert_non_null(strstr(o, "state Zembla\n  code ZMB\n"));
    assert_non_null(strstr(o, "person King Charles\xc3\xa9\n  code ZMBGOV ..2001-12-14\n"));
    free(o);
}

static void test_bad_format(void **state)
{
    (void)state;
    dict_import_stats st = {0};
    dy_err e;
    assert_int_equal(dict_import_file("cameo", "x", tmpdir, NULL, NULL, &st, &e), DY_EINVAL);
    assert_int_equal(dict_import_file("petrarch", "/nonexistent/x", tmpdir, NULL, NULL, &st, &e),
                     DY_EIO);
}

static void test_phoenix(void **state)
{
    (void)state;
    const char *dir = DYAD_SRCDIR "/../shared/dicts/petrarch2";
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        print_message("skipped: %s not found (shared third-party dictionaries)\n", dir);
        skip();
    }
    const char *files[] = {"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                           "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt"};
    char out[300];
    snprintf(out, sizeof out, "%s/phoenix", tmpdir);
    for (int i = 0; i < 4; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        dict_import_stats st = {0};
        dy_err e;
        assert_int_equal(dict_import_file("petrarch", path, out, NULL, NULL, &st, &e), 0);
        assert_true(st.entries > 1000);
        assert_true(st.failed * 100 < st.entries);
        assert_int_equal(st.entries, st.converted + st.failed);
    }
    dict_set *ds = dict_set_new();
    dy_err e;
    assert_int_equal(dict_load_dir(ds, out, &e), 0);
    assert_int_equal(dict_compile(ds, &e), 0);
    assert_true(dict_entry_count(ds) > 25000);
    dict_set_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_petrarch_actors), cmocka_unit_test(test_petrarch_agents),
        cmocka_unit_test(test_petrarch_verbs),  cmocka_unit_test(test_tabari),
        cmocka_unit_test(test_bad_format),      cmocka_unit_test(test_phoenix),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
