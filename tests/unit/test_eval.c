/* test_eval.c - the eval stage on small gold files written for these tests:
 * the country rule, the matching rules of the reference scorer (roots,
 * alternatives, symmetric codes, dates, empty and "-" slots), placement of
 * events in gold sentences, greedy one-to-one recall, no-event sentences,
 * must-not rows, the split by corpus, the JSON figures and their rounding,
 * the causes of misses, gold errors with their line, the sentences format
 * and allocation failures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/code.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "eval/eval.h"

#define HEADER "doc\tsent\tstart\tend\tsource\ttarget\tcode\tdate\tmodality\tnote\n"

/* ---- helpers ----------------------------------------------------------- */

static const char *country(const char *code)
{
    static char out[CODE_COUNTRY_MAX];
    code_actor_country(code, out);
    return out;
}

static eval_gold_row row(const char *src, const char *tgt, const char *code, const char *date,
                         const char *mod)
{
    eval_gold_row r = {"d", "0", 0, 10, src, tgt, code, date, mod, "", NULL, 2};
    return r;
}

/* An event of doc whose verb starts at verb (-1: none) and source at src. */
static eval_event event(const char *doc, long sent, int verb, int src, const char *code,
                        const char *source, const char *target, const char *date)
{
    eval_event e;
    memset(&e, 0, sizeof e);
    e.doc = doc;
    e.sent = sent;
    e.verb = (code_span){verb, verb >= 0 ? verb + 3 : -1};
    e.src = (code_span){src, src >= 0 ? src + 3 : -1};
    e.tgt = (code_span){-1, -1};
    e.code = code;
    e.source = source;
    e.target = target;
    e.date = date;
    e.modality = "asserted";
    return e;
}

static eval_articles *parse_articles(const char *text)
{
    eval_articles *g = NULL;
    dy_err e;
    int rc = eval_articles_parse("gold.tsv", text, strlen(text), &g, &e);
    if (rc)
        fail_msg("parse: %s:%ld: %s", e.file, e.line, e.msg);
    return g;
}

static void add(eval_articles *g, eval_event e)
{
    dy_err err;
    assert_int_equal(eval_articles_add_event(g, &e, &err), 0);
}

/* The line and message of the error that parsing text gives. */
static long parse_error_line(const char *text, const char *want)
{
    eval_articles *g = NULL;
    dy_err e;
    dy_err_clear(&e);
    assert_int_equal(eval_articles_parse("bad.tsv", text, strlen(text), &g, &e), DY_EPARSE);
    assert_null(g);
    assert_string_equal(e.file, "bad.tsv");
    if (!strstr(e.msg, want))
        fail_msg("message '%s' lacks '%s'", e.msg, want);
    return e.line;
}

/* ---- country rule ------------------------------------------------------ */

static void test_country(void **st)
{
    (void)st;
    assert_string_equal(country("USAGOV"), "USA");
    assert_string_equal(country("usagov"), "USA");
    assert_string_equal(country("  RUSMIL "), "RUS");
    assert_string_equal(country("IGOUNO"), "UNO");
    assert_string_equal(country("IGOUNOIAE"), "UNO");
    assert_string_equal(country("IGOWSTNAT"), "WST");
    assert_string_equal(country("IGO"), "IGO");
    assert_string_equal(country("IGOEU"), "EU");
    assert_string_equal(country("NGOHRIAMN"), "NGO");
    assert_string_equal(country("ROMGOV"), "ROU");
    assert_string_equal(country("USR"), "RUS");
    assert_string_equal(country("PALREF"), "PSE");
    assert_string_equal(country("YUG"), "SRB");
    assert_string_equal(country("GMW"), "DEU");
    assert_string_equal(country("IGOUSR"), "RUS");
    assert_string_equal(country("US"), "US");
    assert_string_equal(country(""), "");
    assert_string_equal(country(NULL), "");
    char out[CODE_COUNTRY_MAX];
    assert_int_equal(code_actor_country("\xc3\xa9tat", out), 4); /* 3 characters, 4 bytes */
    assert_string_equal(out, "\xc3\xa9TA"); /* ASCII letters upper-cased */
    /* Not UTF-8: a run of continuation bytes still gives at most 4 a character. */
    char junk[64];
    memset(junk, 0x81, sizeof junk - 1);
    junk[0] = 'I';
    junk[sizeof junk - 1] = '\0';
    assert_int_equal(code_actor_country(junk, out), 12);

    assert_true(code_actor_role_only("MIL"));
    assert_true(code_actor_role_only("CVLREF"));
    assert_true(code_actor_role_only("GOV"));
    assert_false(code_actor_role_only("USAMIL"));
    assert_false(code_actor_role_only("IGOUNO"));
    assert_false(code_actor_role_only("NGOHRI"));
    assert_false(code_actor_role_only("IMGMOSALQ"));
    assert_false(code_actor_role_only(""));
    assert_false(code_actor_role_only(NULL));
}

/* ---- matching rules ---------------------------------------------------- */

static int m(eval_gold_row r, eval_event e, int level) { return eval_match(&r, &e, level); }

static void test_match_root_and_alternatives(void **st)
{
    (void)st;
    eval_gold_row g = row("IRN", "USA|USAGOV", "1832|183", "2020-01", "asserted");
    eval_event e = event("d", 0, 1, -1, "180", "IRNMIL", "USAGOV", "2020-01-03");
    assert_true(m(g, e, EVAL_ROOT));
    assert_true(m(g, e, EVAL_FULL));
    assert_false(m(g, e, EVAL_CODE)); /* 180 is not 1832 nor 183 */
    assert_true(m(g, e, EVAL_DATE));
    e.code = "183";
    assert_true(m(g, e, EVAL_CODE));
    e.code = "190";
    assert_false(m(g, e, EVAL_ROOT));
    /* Alternatives are stripped of white space for codes. */
    g.code = " 111 | 112";
    e.code = "112";
    assert_true(m(g, e, EVAL_CODE));
    /* Either target alternative, by country. */
    g.code = "111";
    e.code = "111";
    e.target = "USA";
    assert_true(m(g, e, EVAL_FULL));
    e.target = "GBR";
    assert_false(m(g, e, EVAL_FULL));
}

static void test_match_slots(void **st)
{
    (void)st;
    /* "-" source: anything, even none. */
    eval_gold_row g = row("-", "AFGMIL", "183", "", "asserted");
    eval_event e = event("d", 0, 1, -1, "183", "", "AFG", NULL);
    assert_true(m(g, e, EVAL_FULL));
    /* An empty gold source wants some source. */
    g.source = "";
    assert_false(m(g, e, EVAL_FULL));
    e.source = "TUR";
    assert_true(m(g, e, EVAL_FULL));
    /* An empty or "-" gold target: any target, or none. */
    g = row("USAGOV", "", "010", "", "asserted");
    e = event("d", 0, 1, -1, "010", "USA", "", NULL);
    assert_true(m(g, e, EVAL_FULL));
    e.target = "CHN";
    assert_true(m(g, e, EVAL_FULL));
    g.target = "-";
    assert_true(m(g, e, EVAL_FULL));
    /* "UN" fits any code holding UNO; IGOs compare by their code. */
    g = row("UN", "IGOUNO", "111", "", "asserted");
    e = event("d", 0, 1, -1, "111", "IGOUNOIAE", "IGOUNOHCR", NULL);
    assert_true(m(g, e, EVAL_FULL));
    e.target = "IGOWSTNAT";
    assert_false(m(g, e, EVAL_FULL));
    /* Historical codes are today's. */
    g = row("ROM", "YUG", "111", "", "asserted");
    e = event("d", 0, 1, -1, "111", "ROUGOV", "SRBGOV", NULL);
    assert_true(m(g, e, EVAL_FULL));
    /* "*" fits any non-empty code. */
    g = row("*", "USA", "111", "", "asserted");
    e = event("d", 0, 1, -1, "111", "", "USA", NULL);
    assert_false(m(g, e, EVAL_FULL));
    e.source = "XYZ";
    assert_true(m(g, e, EVAL_FULL));
}

static void test_match_symmetric(void **st)
{
    (void)st;
    eval_gold_row g = row("RUSGOV", "CHNGOV", "040|042", "", "asserted");
    eval_event e = event("d", 0, 1, -1, "042", "CHNGOV", "RUSGOV", NULL);
    assert_true(m(g, e, EVAL_FULL)); /* root 04 */
    g.code = "061";
    e.code = "061";
    assert_true(m(g, e, EVAL_FULL)); /* root 06 */
    static const char *sym[] = {"036", "046", "057", "0311", "0312"};
    for (size_t i = 0; i < 5; i++) {
        g.code = sym[i];
        e.code = sym[i];
        assert_true(m(g, e, EVAL_FULL));
    }
    static const char *asym[] = {"037", "0313", "111", "190", "056"};
    for (size_t i = 0; i < 5; i++) {
        g.code = asym[i];
        e.code = asym[i];
        assert_false(m(g, e, EVAL_FULL));
        assert_true(m(g, e, EVAL_ROOT));
    }
}

static void test_match_dates(void **st)
{
    (void)st;
    eval_gold_row g = row("USA", "IRN", "111", "2020-01", "asserted");
    eval_event e = event("d", 0, 1, -1, "111", "USA", "IRN", "2020-01-05");
    assert_true(m(g, e, EVAL_DATE));          /* the gold is a prefix */
    g.date = "2020-01-05";
    e.date = "2020";
    assert_true(m(g, e, EVAL_DATE));          /* the event is a prefix */
    e.date = "2020-01-06";
    assert_false(m(g, e, EVAL_DATE));
    g.date = "2019-12-31|2020-01-06";
    assert_true(m(g, e, EVAL_DATE));          /* an alternative */
    e.date = NULL;
    assert_false(m(g, e, EVAL_DATE));         /* a gold date wants one */
    g.date = "";
    assert_true(m(g, e, EVAL_DATE));          /* no gold date: any */
    g.date = "*";
    assert_true(m(g, e, EVAL_DATE));
}

static void test_gold_positive(void **st)
{
    (void)st;
    eval_gold_row g = row("USA", "IRN", "111", "", "asserted");
    assert_true(eval_gold_positive(&g));
    g.modality = "negated";
    assert_false(eval_gold_positive(&g));
    g.modality = "future";
    assert_false(eval_gold_positive(&g));     /* a future disapproval: must not */
    static const char *yes[] = {"036", "138", "100", "120", "042|036"};
    for (size_t i = 0; i < 5; i++) {
        g.code = yes[i];
        assert_true(eval_gold_positive(&g));
    }
    g.code = "-";
    g.modality = "asserted";
    assert_false(eval_gold_positive(&g));
}

/* ---- scoring a small gold ---------------------------------------------- */

static const char GOLD[] =
    HEADER
    "wikinews-a\t0\t0\t10\t\t\t-\t\t\tdateline\n"
    "wikinews-a\t1\t10\t50\tUSAGOV\tIRN\t111\t2020-01-05\tasserted\t\n"
    "wikinews-a\t1\t10\t50\tIRN\tUSA|USAGOV\t1832|183\t2020-01\tasserted\t\n"
    "wikinews-a\t2\t50\t90\tRUSGOV\tCHNGOV\t040|042\t2020-01-04\tasserted\t\n"
    "wikinews-a\t3\t90\t120\tFRA\tDEU\t036\t2020-01-06\tfuture\t\n"
    "wikinews-a\t3\t90\t120\tFRA\tDEU\t042\t2020-01-06\tfuture\t\"a promised visit\": no intent\n"
    "wikinews-a\t4\t120\t160\tGBRGOV\tIGOUNO\t020\t\tnegated\t\n"
    "bbc-b\t0\t0\t40\t-\tGBROPP\t173\t\tasserted\t\n"
    "bbc-b\t1\t40\t80\t\t\t-\t\t\t\n";

/* The events of the small gold: root, full, code and date each lose some. */
static void add_events(eval_articles *g)
{
    add(g, event("wikinews-a", 1, 15, -1, "111", "USAGOV", "IRNGOV", "2020-01-06")); /* date */
    add(g, event("wikinews-a", 1, 25, -1, "183", "IRQ", "USAMIL", "2020-01-05"));    /* source */
    add(g, event("wikinews-a", 2, 60, -1, "043", "CHNGOV", "RUSGOV", "2020-01-04")); /* code */
    add(g, event("wikinews-a", 3, 95, -1, "036", "DEUGOV", "FRA", "2020-01"));
    add(g, event("wikinews-a", 4, 125, -1, "020", "GBRGOV", "IGOUNOIAE", "2020-01-07"));
    add(g, event("wikinews-a", 0, 5, -1, "010", "USA", "", "2020-01-07"));
    /* No verb span: placed by its source span; then by sentence index. */
    add(g, event("bbc-b", 0, -1, 2, "173", "GBRCOP", "GBROPP", NULL));
    add(g, event("bbc-b", 1, -1, -1, "111", "GBR", "FRA", NULL));
    /* Outside every gold sentence, and of a document without gold. */
    add(g, event("wikinews-a", 99, 500, -1, "111", "GBR", "FRA", NULL));
    add(g, event("other", 0, 5, -1, "111", "GBR", "FRA", NULL));
    add(g, event("wikinews-a", 1, 15, -1, "", "GBR", "FRA", NULL)); /* no code: not read */
}

static void test_articles_figures(void **st)
{
    (void)st;
    eval_articles *g = parse_articles(GOLD);
    assert_int_equal(eval_articles_row_count(g), 9);
    assert_string_equal(eval_articles_row(g, 5)->note, "a promised visit: no intent");
    assert_true(eval_articles_has_doc(g, "bbc-b"));
    assert_false(eval_articles_has_doc(g, "other"));
    dy_err e;
    const char text[] = "Wednesday. The text of the first article, long enough for its spans "
                        "and sentences: one hundred and sixty bytes are needed here, so on it "
                        "goes.";
    assert_int_equal(eval_articles_add_doc(g, "wikinews-a", "Wikinews", text, strlen(text), &e),
                     0);
    add_events(g);
    assert_int_equal(eval_articles_finish(g, &e), 0);
    const eval_figures *f = eval_articles_figures(g, NULL);
    assert_int_equal(f->sentences, 7);
    assert_int_equal(f->events, 8);
    assert_int_equal(f->gold_events, 5);
    assert_int_equal(f->gold_not_events, 2);
    long tp[EVAL_LEVELS][2] = {{5, 5}, {4, 4}, {3, 3}, {3, 3}};
    for (int l = 0; l < EVAL_LEVELS; l++) {
        assert_int_equal(f->level[l].tp_events, tp[l][0]);
        assert_int_equal(f->level[l].tp_gold, tp[l][1]);
    }
    assert_true(f->level[EVAL_ROOT].precision == 5.0 / 8.0);
    assert_true(f->level[EVAL_FULL].recall == 4.0 / 5.0);
    assert_int_equal(f->events_in_no_event_sentences, 2);
    assert_int_equal(f->not_items_hit, 1);
    assert_int_equal(eval_articles_unplaced(g), 1);
    assert_int_equal(eval_articles_docs_unread(g), 1);

    /* By corpus: given for the article read, else the id's prefix. */
    assert_int_equal(eval_articles_corpus_count(g), 2);
    assert_string_equal(eval_articles_corpus(g, 0), "Wikinews");
    assert_string_equal(eval_articles_corpus(g, 1), "bbc");
    const eval_figures *w = eval_articles_figures(g, "Wikinews");
    const eval_figures *b = eval_articles_figures(g, "bbc");
    assert_non_null(w);
    assert_non_null(b);
    assert_null(eval_articles_figures(g, "Reuters"));
    assert_int_equal(w->sentences, 5);
    assert_int_equal(w->events, 6);
    assert_int_equal(w->gold_events, 4);
    assert_int_equal(w->level[EVAL_ROOT].tp_events, 4);
    assert_int_equal(w->not_items_hit, 1);
    assert_int_equal(b->sentences, 2);
    assert_int_equal(b->events, 2);
    assert_int_equal(b->gold_events, 1);
    assert_int_equal(b->level[EVAL_FULL].tp_gold, 1);
    assert_int_equal(b->events_in_no_event_sentences, 1);
    assert_int_equal(w->events + b->events, f->events);

    /* The reference scorer's object, key for key (checked against
     * score_articles.py on the same gold and events), then by_source. */
    dy_buf out = {0};
    assert_int_equal(eval_articles_write_json(g, &out), 0);
    const char *want =
        "{\"sentences\": 7, \"events\": 8, \"gold_events\": 5, \"gold_not_events\": 2, "
        "\"root\": {\"precision\": 0.625, \"recall\": 1.0, \"f1\": 0.769}, "
        "\"full\": {\"precision\": 0.5, \"recall\": 0.8, \"f1\": 0.615}, "
        "\"code\": {\"precision\": 0.375, \"recall\": 0.6, \"f1\": 0.462}, "
        "\"date\": {\"precision\": 0.375, \"recall\": 0.6, \"f1\": 0.462}, "
        "\"events_in_no_event_sentences\": 2, \"not_items_hit\": 1, \"by_source\": "
        "{\"Wikinews\": {\"sentences\": 5, ";
    assert_memory_equal(out.data, want, strlen(want));
    assert_non_null(strstr(out.data, "\"bbc\": {\"sentences\": 2, \"events\": 2, "));
    assert_string_equal(out.data + out.len - 3, "}}\n");

    dy_buf_reset(&out);
    assert_int_equal(eval_articles_write_report(g, &out), 0);
    assert_non_null(strstr(out.data, "full       0.500   0.800  0.615"));
    assert_non_null(strstr(out.data, "Wikinews: 5 sentences, 6 events"));
    assert_non_null(strstr(out.data, "1 gold documents were not among the articles"));
    dy_buf_free(&out);

    /* Events after scoring are refused. */
    eval_event late = event("wikinews-a", 1, 15, -1, "111", "USA", "IRN", NULL);
    assert_int_equal(eval_articles_add_event(g, &late, &e), DY_EINVAL);
    assert_int_equal(eval_articles_finish(g, &e), DY_EINVAL);
    eval_articles_free(g);
}

/* Recall is greedy and one to one, in gold order, as the reference does:
 * the first gold row takes the first event that fits, even when that
 * leaves the second row without one. Precision counts every event that
 * fits some positive row, so two events may share one. */
static void test_greedy_one_to_one(void **st)
{
    (void)st;
    eval_articles *g = parse_articles(HEADER "d-1\t0\t0\t50\tUSA\t-\t111\t\tasserted\t\n"
                                             "d-1\t0\t0\t50\tUSA\tIRN\t111\t\tasserted\t\n"
                                             "d-1\t1\t50\t99\tFRA\tDEU\t042\t\tasserted\t\n");
    add(g, event("d-1", 0, 1, -1, "111", "USAGOV", "IRN", NULL));
    add(g, event("d-1", 0, 9, -1, "111", "USAGOV", "CHN", NULL));
    add(g, event("d-1", 1, 60, -1, "042", "FRA", "DEU", NULL));
    add(g, event("d-1", 1, 70, -1, "042", "FRA", "DEUGOV", NULL));
    dy_err e;
    assert_int_equal(eval_articles_finish(g, &e), 0);
    const eval_figures *f = eval_articles_figures(g, NULL);
    assert_int_equal(f->gold_events, 3);
    assert_int_equal(f->level[EVAL_FULL].tp_gold, 2);   /* row 2 lost its event to row 1 */
    assert_int_equal(f->level[EVAL_FULL].tp_events, 4); /* every event fits a row */
    assert_int_equal(f->level[EVAL_ROOT].tp_gold, 3);
    eval_articles_free(g);
}

/* Python's round(x, 3) rounds the binary value half to even: 1/16 is
 * 0.062, and 1.0 prints as "1.0". */
static void test_json_rounding(void **st)
{
    (void)st;
    eval_articles *g = parse_articles(HEADER "d-1\t0\t0\t50\tUSA\tIRN\t111\t\tasserted\t\n");
    add(g, event("d-1", 0, 1, -1, "111", "USA", "IRN", NULL));
    for (int i = 0; i < 15; i++)
        add(g, event("d-1", 0, 2 + i, -1, "190", "USA", "IRN", NULL));
    dy_err e;
    assert_int_equal(eval_articles_finish(g, &e), 0);
    dy_buf out = {0};
    assert_int_equal(eval_articles_write_json(g, &out), 0);
    assert_non_null(
        strstr(out.data, "\"full\": {\"precision\": 0.062, \"recall\": 1.0, \"f1\": 0.118}"));
    dy_buf_free(&out);
    eval_articles_free(g);
}

/* ---- misses ------------------------------------------------------------ */

static const char MISS_GOLD[] = HEADER
    "d-1\t0\t0\t100\tUSAGOV\tIRN\t111\t2020-01-05\tasserted\t\n"
    "d-1\t1\t100\t200\t\t\t-\t\t\t\n"
    "d-1\t2\t200\t300\tRUS\tUKR\t190\t2020-02\tasserted\t\n"
    "d-1\t3\t300\t400\tISR\tPAL\t042\t2020\tasserted\t\n"
    "d-1\t4\t400\t500\tTUR\tSYR\t190\t2020\tnegated\t\n"
    "d-1\t5\t500\t600\tEGY\tLBY\t173\t2020\tasserted\t\n";

static void test_miss_causes(void **st)
{
    (void)st;
    eval_articles *g = parse_articles(MISS_GOLD);
    struct {
        eval_event e;
        int cause; /* -1: right */
    } cases[] = {
        {event("d-1", 0, 1, -1, "111", "USAGOV", "IRN", "2020-01-05"), -1},
        {event("d-1", 0, 2, -1, "111", "IRQ", "IRN", "2020-01-05"), EVAL_FP_SOURCE},
        {event("d-1", 0, 3, -1, "111", "USAGOV", "IRQ", "2020-01-05"), EVAL_FP_TARGET},
        {event("d-1", 0, 4, -1, "111", "CVL", "IRN", "2020-01-05"), EVAL_FP_ROLE_COUNTRY},
        {event("d-1", 0, 5, -1, "111", "USA", "MIL", "2020-01-05"), EVAL_FP_ROLE_COUNTRY},
        {event("d-1", 0, 6, -1, "020", "USAGOV", "IRN", "2020-01-05"), EVAL_FP_ROOT},
        {event("d-1", 0, 7, -1, "112", "USAGOV", "IRN", "2020-01-05"), EVAL_FP_CODE},
        {event("d-1", 0, 8, -1, "111", "USAGOV", "IRN", "2019"), EVAL_FP_DATE},
        {event("d-1", 1, 101, -1, "111", "USAGOV", "IRN", "2020"), EVAL_FP_NO_EVENT_SENTENCE},
        {event("d-1", 3, 301, -1, "111", "ISR", "PSE", "2020"), EVAL_FP_ROOT},
        {event("d-1", 4, 401, -1, "190", "TUR", "SYR", "2020"), EVAL_FP_MUST_NOT},
        {event("d-1", 5, 501, -1, "173", "EGY", "TUN", "2020"), EVAL_FP_TARGET},
    };
    size_t n = sizeof cases / sizeof *cases;
    for (size_t i = 0; i < n; i++)
        add(g, cases[i].e);
    dy_err e;
    assert_int_equal(eval_articles_finish(g, &e), 0);
    /* False positives first, in output order, then missed gold rows. */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (cases[i].cause < 0)
            continue;
        const eval_miss *ms = eval_articles_miss(g, k++);
        assert_non_null(ms);
        assert_int_equal(ms->event, (long)i);
        if (ms->cause != cases[i].cause)
            fail_msg("event %zu: cause %s, want %s", i, eval_cause_name(ms->cause),
                     eval_cause_name(cases[i].cause));
    }
    int want[3] = {EVAL_MISS_NO_EVENT, EVAL_MISS_OTHER_ROOT, EVAL_MISS_NEAR};
    long rows[3] = {2, 3, 5};
    for (int i = 0; i < 3; i++) {
        const eval_miss *ms = eval_articles_miss(g, k++);
        assert_non_null(ms);
        assert_int_equal(ms->cause, want[i]);
        assert_int_equal(ms->row, rows[i]);
        assert_int_equal(ms->event, -1);
    }
    assert_int_equal(eval_articles_miss_count(g), k);

    dy_buf out = {0};
    assert_int_equal(eval_articles_write_misses(g, &out), 0);
    assert_non_null(strstr(out.data, "misses: 11 false positives of 12 events, 3 of 4 gold "
                                     "events missed"));
    assert_non_null(strstr(out.data, "     2  wrong root\n"));
    assert_non_null(strstr(out.data, "== right root, wrong source country (1)\n"
                                     "  d-1 [0,100): (article not read)\n"
                                     "    gold line 2: USAGOV -> IRN 111 2020-01-05 asserted\n"
                                     "    event: IRQ -> IRN 111 2020-01-05 asserted\n"));
    assert_non_null(strstr(out.data, "gold line 6: TUR -> SYR 190 2020 negated (must not "
                                     "come out)"));
    dy_buf_free(&out);
    eval_articles_free(g);
}

/* The reasons of an event and the sentence text in the listing. */
static void test_miss_explain(void **st)
{
    (void)st;
    eval_articles *g = parse_articles(HEADER "d-2\t0\t0\t26\tFRA\tDEU\t042\t\tasserted\t\n");
    const char text[] = "Ruritania scolded Lowland.";
    dy_err e;
    assert_int_equal(eval_articles_add_doc(g, "d-2", NULL, text, strlen(text), &e), 0);
    eval_event ev = event("d-2", 0, 10, 0, "111", "RUR", "LOW", NULL);
    ev.verb = (code_span){10, 17};
    ev.src = (code_span){0, 9};
    ev.tgt = (code_span){18, 25};
    ev.pattern = "verbs/11.txt:7";
    ev.pattern_text = "SCOLD *";
    ev.source_entry = "actors/x.txt:1";
    ev.target_entry = "actors/x.txt:2";
    add(g, ev);
    assert_int_equal(eval_articles_finish(g, &e), 0);
    dy_buf out = {0};
    assert_int_equal(eval_articles_write_misses(g, &out), 0);
    assert_non_null(strstr(out.data, "  d-2 [0,26): Ruritania scolded Lowland.\n"
                                     "    gold line 2: FRA -> DEU 042 - asserted\n"
                                     "    event: RUR -> LOW 111 - asserted\n"
                                     "      pattern verbs/11.txt:7 \"SCOLD *\"\n"
                                     "      source entry actors/x.txt:1, target entry "
                                     "actors/x.txt:2\n"
                                     "      spans: source [0,9) \"Ruritania\" verb [10,17) "
                                     "\"scolded\" target [18,25) \"Lowland\"\n"));
    assert_non_null(strstr(out.data, "missed: only events of other roots"));
    dy_buf_free(&out);
    eval_articles_free(g);
}

/* ---- gold errors ------------------------------------------------------- */

static void test_gold_errors(void **st)
{
    (void)st;
    assert_int_equal(parse_error_line("doc\tstart\tend\tcode\n", "\"sent\""), 1);
    assert_int_equal(parse_error_line("", "header"), 1);
    assert_int_equal(parse_error_line(HEADER, "gold rows"), 1);
    assert_int_equal(parse_error_line(HEADER "d\t0\t0\t9\tA\tB\t111\t\tasserted\t\n"
                                             "d\t1\tten\t19\tA\tB\t111\t\tasserted\t\n",
                                      "start <= end"),
                     3);
    assert_int_equal(parse_error_line(HEADER "d\t0\t9\t5\tA\tB\t111\t\tasserted\t\n",
                                      "start <= end"),
                     2);
    assert_int_equal(parse_error_line(HEADER "\n\nd\t0\t0\t9\tA\tB\t11a\t\tasserted\t\n",
                                      "got '11a'"),
                     4);
    assert_int_equal(parse_error_line(HEADER "d\t0\t0\t9\tA\tB\t111\t\tclaimed\t\n",
                                      "got 'claimed'"),
                     2);
    assert_int_equal(parse_error_line(HEADER "d\t0\t0\t9\tA\tB\t111\t\t\t\n", "modality"), 2);
    assert_int_equal(parse_error_line(HEADER "d\t0\t0\t9\tA\tB\t111\t2020-1-5\tasserted\t\n",
                                      "got '2020-1-5'"),
                     2);
    assert_int_equal(parse_error_line(HEADER "\t0\t0\t9\tA\tB\t111\t\tasserted\t\n",
                                      "document id"),
                     2);
    assert_int_equal(parse_error_line(HEADER "d\t0\t0\t9\tA\tB\t111\t\tasserted\t\"open\n",
                                      "closing"),
                     2);
    /* Well-formed oddities: CRLF, a byte order mark, rows without the
     * trailing empty fields, "" in a quoted field. */
    eval_articles *g = parse_articles("\xEF\xBB\xBF" "doc\tsent\tstart\tend\tsource\ttarget\tcode"
                                      "\tdate\tmodality\tnote\r\n"
                                      "d\t0\t0\t9\t\t\t-\r\n"
                                      "d\t1\t9\t20\tUSA\tIRN\t111\t\tasserted\t"
                                      "\"say \"\"no\"\"\"\r\n");
    assert_int_equal(eval_articles_row_count(g), 2);
    assert_string_equal(eval_articles_row(g, 0)->modality, "");
    assert_string_equal(eval_articles_row(g, 1)->note, "say \"no\"");
    assert_int_equal(eval_articles_row(g, 1)->line, 3);
    eval_articles_free(g);
}

static void test_gold_kind_and_paths(void **st)
{
    (void)st;
    const char *a = "doc\tsent\tstart\tend\tsource\ttarget\tcode\tdate\tmodality\tnote";
    const char *s = "id\tcameo_code\tsource\ttarget\tsentence\tnote";
    assert_int_equal(eval_gold_kind_of_header(a, strlen(a)), EVAL_GOLD_ARTICLES);
    assert_int_equal(eval_gold_kind_of_header(s, strlen(s)), EVAL_GOLD_SENTENCES);
    assert_int_equal(eval_gold_kind_of_header("id\tcode", 7), EVAL_GOLD_UNKNOWN);
    char out[64];
    assert_int_equal(eval_articles_default_path("x/realnews_gold.dev.tsv", out, sizeof out), 0);
    assert_string_equal(out, "x/realnews_articles.dev.jsonl");
    assert_int_equal(eval_articles_default_path("gold/my_gold.tsv", out, sizeof out), 0);
    assert_string_equal(out, "gold/my_articles.jsonl");
    assert_int_equal(eval_articles_default_path("gold/g.tsv", out, sizeof out), DY_EINVAL);
    assert_int_equal(eval_articles_default_path("realnews_gold.dev.tsv", out, 10), DY_ELIMIT);
}

/* ---- the sentences format --------------------------------------------- */

static const char SENT_GOLD[] = "id\tcameo_code\tsource\ttarget\tsentence\tnote\n"
                                "s1\t111\tUSAGOV\tIRN\tWashington chided Tehran.\t\n"
                                "s2\t042\tROMGOV\tUSA\tBucharest's envoy went to Washington.\t\n"
                                "s3\t190\tMIL\t\tTroops fought.\t\n"
                                "s4\t120\tFRA\tDEU\tParis turned Bonn down.\t\n";

static void sent_add(eval_sentences *g, size_t i, eval_event *ev, size_t n,
                     const char *const *ms, size_t nm)
{
    dy_err e;
    assert_int_equal(eval_sentences_add(g, i, ev, n, ms, nm, &e), 0);
}

static void test_sentences(void **st)
{
    (void)st;
    eval_sentences *g = NULL;
    dy_err e;
    assert_int_equal(eval_sentences_parse("s.tsv", SENT_GOLD, strlen(SENT_GOLD), &g, &e), 0);
    assert_int_equal(eval_sentences_count(g), 4);
    assert_string_equal(eval_sentences_row(g, 1)->source, "ROMGOV");
    eval_event e1 = event("s1", 0, 1, -1, "111", "USAGOV", "IRNGOV", NULL);
    const char *m1[] = {"USAGOV", "IRN"};
    sent_add(g, 0, &e1, 1, m1, 2);
    eval_event e2 = event("s2", 0, 1, -1, "043", "ROUGOV", "USAGOV", NULL);
    const char *m2[] = {"ROUGOV"};
    sent_add(g, 1, &e2, 1, m2, 1);
    sent_add(g, 2, NULL, 0, NULL, 0);
    eval_event e4 = event("s4", 0, 1, -1, "111", "FRA", "DEU", NULL);
    sent_add(g, 3, &e4, 1, NULL, 0);
    assert_int_equal(eval_sentences_add(g, 3, &e4, 1, NULL, 0, &e), DY_EINVAL);

    eval_sentence_figures f;
    eval_sentences_figures(g, &f);
    assert_int_equal(f.sentences, 4);
    assert_int_equal(f.covered, 3);
    assert_int_equal(f.root_ok, 2);
    assert_int_equal(f.exact, 1);
    assert_int_equal(f.full, 2);    /* ROMGOV is ROU today */
    assert_int_equal(f.src_n, 4);
    assert_int_equal(f.src_ok, 3);  /* s4's only event has France */
    assert_int_equal(f.tgt_n, 3);
    assert_int_equal(f.tgt_ok, 3);
    assert_int_equal(f.act_n, 7);
    assert_int_equal(f.act_found, 3);
    assert_int_equal(f.offroot, 1);
    assert_int_equal(f.by_root_n[12], 1);
    assert_int_equal(f.by_root_wrong[12], 11);
    assert_int_equal(f.by_root_wrong[19], -1);

    dy_buf out = {0};
    assert_int_equal(eval_sentences_write_report(g, &out), 0);
    assert_non_null(strstr(out.data, "coverage             0.750\n"));
    assert_non_null(strstr(out.data, "  12    1    0   11 x1\n"));
    dy_buf_reset(&out);
    assert_int_equal(eval_sentences_write_json(g, &out), 0);
    assert_non_null(strstr(out.data, "\"full_accuracy\": 0.500"));
    dy_buf_reset(&out);
    assert_int_equal(eval_sentences_write_misses(g, &out), 0);
    assert_non_null(
        strstr(out.data, "MISS s3 gold 190 MIL -> -: Troops fought.\n  got nothing\n"));
    assert_non_null(strstr(out.data, "MISS s4 gold 120 FRA -> DEU: Paris turned Bonn down.\n"
                                     "  got FRA -> DEU 111 asserted\n"));
    assert_null(strstr(out.data, "MISS s1"));
    dy_buf_free(&out);
    eval_sentences_free(g);

    const char *bad = "id\tcameo_code\tsource\ttarget\tsentence\ns1\t111\tUSA\n";
    assert_int_equal(eval_sentences_parse("s.tsv", bad, strlen(bad), &g, &e), DY_EPARSE);
    assert_int_equal(e.line, 2);
    bad = "id\tcameo_code\tsource\ttarget\tsentence\ns1\tabc\tUSA\tIRN\tText.\n";
    assert_int_equal(eval_sentences_parse("s.tsv", bad, strlen(bad), &g, &e), DY_EPARSE);
    assert_non_null(strstr(e.msg, "got 'abc'"));
    bad = "id\tcode\tsentence\n";
    assert_int_equal(eval_sentences_parse("s.tsv", bad, strlen(bad), &g, &e), DY_EPARSE);
    assert_int_equal(e.line, 1);
}

/* ---- allocation failures ---------------------------------------------- */

/* One run of the articles scorer with the n-th allocation failing: every
 * step either works or says DY_ENOMEM. Returns 1 when all of it worked. */
static int alloc_pass(long n)
{
    int ok = 0;
    dy_err e;
    eval_articles *g = NULL;
    dy_buf out = {0};
    dy_alloc_fail_after(n);
    int rc = eval_articles_parse("gold.tsv", GOLD, strlen(GOLD), &g, &e);
    if (!rc)
        rc = eval_articles_add_doc(g, "wikinews-a", "Wikinews", "text", 4, &e);
    eval_event ev = event("wikinews-a", 1, 15, -1, "111", "USAGOV", "IRN", "2020-01-05");
    for (int i = 0; !rc && i < 40; i++)
        rc = eval_articles_add_event(g, &ev, &e);
    if (!rc)
        rc = eval_articles_finish(g, &e);
    if (!rc)
        rc = eval_articles_write_json(g, &out);
    if (!rc)
        rc = eval_articles_write_misses(g, &out);
    dy_alloc_fail_after(-1);
    if (rc)
        assert_int_equal(rc, DY_ENOMEM);
    else
        ok = eval_articles_figures(g, NULL)->events == 40;
    dy_buf_free(&out);
    eval_articles_free(g);
    return ok;
}

static void test_alloc_failures(void **st)
{
    (void)st;
    long n = 0;
    while (!alloc_pass(n)) {
        n++;
        assert_true(n < 100000);
    }
    assert_true(n > 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_country),
        cmocka_unit_test(test_match_root_and_alternatives),
        cmocka_unit_test(test_match_slots),
        cmocka_unit_test(test_match_symmetric),
        cmocka_unit_test(test_match_dates),
        cmocka_unit_test(test_gold_positive),
        cmocka_unit_test(test_articles_figures),
        cmocka_unit_test(test_greedy_one_to_one),
        cmocka_unit_test(test_json_rounding),
        cmocka_unit_test(test_miss_causes),
        cmocka_unit_test(test_miss_explain),
        cmocka_unit_test(test_gold_errors),
        cmocka_unit_test(test_gold_kind_and_paths),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
