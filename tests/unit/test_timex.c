/* test_timex.c - txt_timex_scan: recognition, spans, resolution, ranges,
 * lists, relative dates, context years and false positives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "text/text.h"

enum { R = TXT_TIMEX_RANGE, L = TXT_TIMEX_LIST, REL = TXT_TIMEX_RELATIVE,
       IMP = TXT_TIMEX_IMPLICIT_YEAR };
enum { D = TXT_PREC_DAY, M = TXT_PREC_MONTH, Y = TXT_PREC_YEAR, DEC = TXT_PREC_DECADE };

typedef struct want {
    const char *span;   /* exact text of the span; NULL ends the list */
    const char *date;   /* txt_date_format of the date */
    int prec;
    const char *end;    /* txt_date_format of end_date, "" when none */
    unsigned flags;
    int list1;          /* expected list index + 1; 0 = not in a list */
} want;

typedef struct tcase {
    const char *text;
    const char *doc;    /* document date, NULL = unknown */
    want w[5];
} tcase;

static const tcase cases[] = {
    /* absolute dates, spelled in the usual news ways */
    {"The talks opened on September 13, 2023 in Geneva.", "2023-09-15",
     {{"September 13, 2023", "2023-09-13", D, "", 0, 0}}},
    {"Ministers met Sept. 13, 2023, officials said.", "2023-09-15",
     {{"Sept. 13, 2023", "2023-09-13", D, "", 0, 0}}},
    {"SEPTEMBER 13, 2023 was the deadline set by the court.", NULL,
     {{"SEPTEMBER 13, 2023", "2023-09-13", D, "", 0, 0}}},
    {"The accord was signed 13 September 2023 in Oslo.", "2023-09-15",
     {{"13 September 2023", "2023-09-13", D, "", 0, 0}}},
    {"Rebels attacked the town on September 13.", "2023-09-15",
     {{"September 13", "2023-09-13", D, "", IMP, 0}}},
    {"Voting ends Sept 13th, the commission said.", "2023-09-15",
     {{"Sept 13th", "2023-09-13", D, "", IMP, 0}}},
    {"Envoys met on the 13th of September to sign it.", "2023-09-15",
     {{"the 13th of September", "2023-09-13", D, "", IMP, 0}}},
    {"SEPT. 13 was chosen as the deadline.", "2023-09-15",
     {{"SEPT. 13", "2023-09-13", D, "", IMP, 0}}},
    {"Flights resumed on 15 Jan, airline officials said.", "2023-09-15",
     {{"15 Jan", "2023-01-15", D, "", IMP, 0}}},
    {"On 5 March 2022, troops advanced on the city.", "2023-09-15",
     {{"5 March 2022", "2022-03-05", D, "", 0, 0}}},
    {"The talks resumed on May 5 in Doha.", "2023-09-15",
     {{"May 5", "2023-05-05", D, "", IMP, 0}}},
    {"Friday, January 4, 2019: the building collapsed.", "2019-01-04",
     {{"Friday, January 4, 2019", "2019-01-04", D, "", 0, 0}}},
    {"The vote is on Wednesday, September 20, the speaker said.", "2023-09-15",
     {{"Wednesday, September 20", "2023-09-20", D, "", IMP, 0}}},
    {"The strike lasted through Sept. 30, 2023, unions said.", NULL,
     {{"Sept. 30, 2023", "2023-09-30", D, "", 0, 0}}},
    {"Voting took place on 29 February 2024 in most regions.", NULL,
     {{"29 February 2024", "2024-02-29", D, "", 0, 0}}},
    {"Rebels returned on 29 February 2023, the army claimed.", NULL, {{0}}},
    {"The court met in Feb. 2021 and again on Feb. 30.", NULL,
     {{"Feb. 2021", "2021-02", M, "", 0, 0}}},
    /* ISO and slashed numeric dates */
    {"The report is dated 2023-09-13 and was leaked.", NULL,
     {{"2023-09-13", "2023-09-13", D, "", 0, 0}}},
    {"The file stamp reads 2023-09-13T10:00:00Z in the log.", NULL,
     {{"2023-09-13", "2023-09-13", D, "", 0, 0}}},
    {"Protests were held 13/09/2023 in the capital.", "2023-09-15", {{0}}},
    {"The form reads 2023-02-30 which is no date.", NULL, {{0}}},
    /* ranges */
    {"Talks ran on January 15-17, 2024 in Vienna.", NULL,
     {{"January 15-17, 2024", "2024-01-15", D, "2024-01-17", R, 0}}},
    {"Talks ran January 15\xE2\x80\x93" "17, 2024 in Vienna.", NULL,
     {{"January 15\xE2\x80\x93" "17, 2024", "2024-01-15", D, "2024-01-17", R, 0}}},
    {"Talks ran January 15 to 17 in Vienna.", "2024-01-20",
     {{"January 15 to 17", "2024-01-15", D, "2024-01-17", R | IMP, 0}}},
    {"The summit is set for 15-17 January 2024.", NULL,
     {{"15-17 January 2024", "2024-01-15", D, "2024-01-17", R, 0}}},
    {"Fighting raged from March 3 to March 5, 2022.", NULL,
     {{"March 3 to March 5, 2022", "2022-03-03", D, "2022-03-05", R, 0}}},
    {"Exercises run December 28 to January 3, 2024.", NULL,
     {{"December 28 to January 3, 2024", "2023-12-28", D, "2024-01-03", R, 0}}},
    {"Attacks rose between March 3 and March 5.", "2023-09-15",
     {{"March 3 and March 5", "2023-03-03", D, "2023-03-05", R | IMP, 0}}},
    {"The ceasefire held from March to May 2023.", NULL,
     {{"March to May 2023", "2023-03", M, "2023-05", R, 0}}},
    {"Ceasefire talks were held between 2019 and 2021.", NULL,
     {{"2019 and 2021", "2019", Y, "2021", R, 0}}},
    {"The league suspended play in 2019-20 after the outbreak.", NULL,
     {{"2019-20", "2019", Y, "2020", R, 0}}},
    /* months and years */
    {"The troops withdrew in July 2022.", NULL,
     {{"July 2022", "2022-07", M, "", 0, 0}}},
    {"Apollo 11 landed in July 1969, the museum notes.", NULL,
     {{"July 1969", "1969-07", M, "", 0, 0}}},
    {"In 2019, the government fell.", NULL, {{"2019", "2019", Y, "", 0, 0}}},
    {"The army was founded in 1948 by decree.", NULL, {{"1948", "1948", Y, "", 0, 0}}},
    {"Sanctions must end by 2030 at the latest.", NULL, {{"2030", "2030", Y, "", 0, 0}}},
    {"COVID-19 cases rose sharply in 2020.", NULL, {{"2020", "2020", Y, "", 0, 0}}},
    {"The F-16 jets arrived in 2021.", NULL, {{"2021", "2021", Y, "", 0, 0}}},
    {"The rally took place in September.", "2023-11-02",
     {{"September", "2023-09", M, "", IMP, 0}}},
    {"The attack in August killed 12 people.", "2023-09-15",
     {{"August", "2023-08", M, "", IMP, 0}}},
    {"The rally took place in September.", NULL, {{0}}},
    /* relative expressions */
    {"The economy shrank last year.", "2023-09-15",
     {{"last year", "2022", Y, "", REL, 0}}},
    {"Inflation rose this year and will fall next year.", "2023-09-15",
     {{"this year", "2023", Y, "", REL, 0}, {"next year", "2024", Y, "", REL, 0}}},
    {"Exports fell last month.", "2023-01-10",
     {{"last month", "2022-12", M, "", REL, 0}}},
    {"Trade fell last month and rose yesterday.", "2023-09",
     {{"last month", "2023-08", M, "", REL, 0}}},
    {"The envoy visited last week.", "2023-09-15",
     {{"last week", "2023-09-04", D, "2023-09-10", REL | R, 0}}},
    {"The deal was signed in September of last year.", "2023-09-15",
     {{"September of last year", "2022-09", M, "", REL, 0}}},
    {"Elections were held last September.", "2023-09-15",
     {{"last September", "2022-09", M, "", REL, 0}}},
    {"Elections were held last August.", "2023-09-15",
     {{"last August", "2023-08", M, "", REL, 0}}},
    {"A vote is planned this September.", "2023-09-15",
     {{"this September", "2023-09", M, "", REL, 0}}},
    {"Troops crossed the border on Monday.", "2023-09-15",
     {{"Monday", "2023-09-11", D, "", REL, 0}}},
    {"The rebels struck on Friday night.", "2023-09-15",
     {{"Friday night", "2023-09-15", D, "", REL, 0}}},
    {"Last Tuesday, the minister resigned.", "2023-09-15",
     {{"Last Tuesday", "2023-09-05", D, "", REL, 0}}},
    {"The cabinet meets next Monday.", "2023-09-15",
     {{"next Monday", "2023-09-18", D, "", REL, 0}}},
    {"He arrived yesterday and leaves tomorrow.", "2023-09-15",
     {{"yesterday", "2023-09-14", D, "", REL, 0}, {"tomorrow", "2023-09-16", D, "", REL, 0}}},
    {"The president spoke today.", "2023-09-15",
     {{"today", "2023-09-15", D, "", REL, 0}}},
    {"Rockets hit the city the day before yesterday.", "2023-03-01",
     {{"the day before yesterday", "2023-02-27", D, "", REL, 0}}},
    {"The minister will speak tonight.", "2023-09-15",
     {{"tonight", "2023-09-15", D, "", REL, 0}}},
    {"Shelling resumed this morning.", "2023-09-15",
     {{"this morning", "2023-09-15", D, "", REL, 0}}},
    {"Last night, shells hit the port.", "2023-01-01",
     {{"Last night", "2022-12-31", D, "", REL, 0}}},
    {"The meeting starts at 10:30 tomorrow.", "2023-09-15",
     {{"tomorrow", "2023-09-16", D, "", REL, 0}}},
    {"Talks set for Monday were postponed to next week.", "2023-09-15",
     {{"Monday", "2023-09-11", D, "", REL, 0},
      {"next week", "2023-09-18", D, "2023-09-24", REL | R, 0}}},
    {"Without a document date, the talks ended yesterday.", NULL, {{0}}},
    {"Without a date, the talks ended on Monday.", NULL, {{0}}},
    {"Exports fell last year.", NULL, {{0}}},
    {"Two splits came in April and July, 1986, the firm said.", NULL,
     {{"April", "1986-04", M, "", L, 1}, {"July, 1986", "1986-07", M, "", L, 1}}},
    /* modifiers */
    {"Tempers flared late Saturday in the capital.", "2023-09-15",
     {{"late Saturday", "2023-09-09", D, "", REL, 0}}},
    {"Talks collapsed in late January.", "2023-09-15",
     {{"late January", "2023-01", M, "", IMP, 0}}},
    {"Growth slowed in early 2023.", NULL, {{"early 2023", "2023", Y, "", 0, 0}}},
    {"Prices peaked in mid-2022.", NULL, {{"mid-2022", "2022", Y, "", 0, 0}}},
    {"Talks resume in mid-March.", "2023-09-15",
     {{"mid-March", "2023-03", M, "", IMP, 0}}},
    {"Results are due early next year.", "2023-09-15",
     {{"early next year", "2024", Y, "", REL, 0}}},
    /* decades */
    {"The conflict began in the 1990s.", NULL,
     {{"the 1990s", "1990", DEC, "", 0, 0}}},
    {"It was a fashion of the '90s.", NULL, {{"the '90s", "1990", DEC, "", 0, 0}}},
    {"It was a fashion of the \xE2\x80\x99" "80s.", NULL,
     {{"the \xE2\x80\x99" "80s", "1980", DEC, "", 0, 0}}},
    {"Such wars were common in the nineties.", NULL,
     {{"the nineties", "1990", DEC, "", 0, 0}}},
    {"Wages fell in the late 1980s.", NULL, {{"the late 1980s", "1980", DEC, "", 0, 0}}},
    {"Unrest spread in the 2010s and beyond.", NULL,
     {{"the 2010s", "2010", DEC, "", 0, 0}}},
    {"Most delegates were in their 60s.", NULL, {{0}}},
    {"Readings in the 40s F are expected; shares rose to the mid 30s.", NULL, {{0}}},
    /* lists */
    {"Elections were held in 2001, 2002 and 2011.", NULL,
     {{"2001", "2001", Y, "", L, 1}, {"2002", "2002", Y, "", L, 1},
      {"2011", "2011", Y, "", L, 1}}},
    {"Yesterday officials recalled strikes in 2001 and 2011.", "2023-09-15",
     {{"Yesterday", "2023-09-14", D, "", REL, 0}, {"2001", "2001", Y, "", L, 2},
      {"2011", "2011", Y, "", L, 2}}},
    {"Strikes hit ports in March and April 2023.", NULL,
     {{"March", "2023-03", M, "", L, 1}, {"April 2023", "2023-04", M, "", L, 1}}},
    {"Strikes hit ports March and April 2023.", NULL,
     {{"March", "2023-03", M, "", L, 1}, {"April 2023", "2023-04", M, "", L, 1}}},
    {"Talks were held on January 15 and February 2, 2024.", NULL,
     {{"January 15", "2024-01-15", D, "", L, 1},
      {"February 2, 2024", "2024-02-02", D, "", L, 1}}},
    /* no time expression */
    {"He said he may visit Moscow soon.", "2023-09-15", {{0}}},
    {"May said the deal was dead.", "2023-09-15", {{0}}},
    {"Theresa May met the envoy in London.", "2023-09-15", {{0}}},
    {"Theresa May 12 times refused.", "2023-09-15", {{0}}},
    {"The march on Washington drew crowds.", "2023-09-15", {{0}}},
    {"Protesters march through the capital.", "2023-09-15", {{0}}},
    {"They plan to march in march.", "2023-09-15", {{0}}},
    {"The Sun reported the story on Wed without details.", "2023-09-15", {{0}}},
    {"Some 1990 people attended, and 2,000 more watched.", "2023-09-15", {{0}}},
    {"Exports reached 2019 tonnes.", NULL, {{0}}},
    {"In 1990 people voted in droves.", NULL, {{0}}},
    {"More than 1,500 people and 2,019 cars were counted.", NULL, {{0}}},
    {"The bill cost $2019 in fees.", NULL, {{0}}},
    {"Call 555-2019 for details.", NULL, {{0}}},
    {"A Boeing 747 landed safely after 10:30.", NULL, {{0}}},
    {"The treaty of 1648 ended the war.", NULL, {{0}}},
    {"The mayor of Paris resigned.", "2023-09-15", {{0}}},
    {"Bloody Sunday is remembered in Derry.", "2023-09-15", {{0}}},
    {"The group Black September claimed it.", "2023-09-15", {{0}}},
    {"The next day they left, and the last year was hard.", "2023-09-15", {{0}}},
    {"Mayday calls and Marches were heard; Junes passed.", "2023-09-15", {{0}}},
    {"An A320 and 2019a were listed.", NULL, {{0}}},
    /* four-digit clock times are not years */
    {"Polls closed at 1800 UTC and counting began.", "2023-09-15", {{0}}},
    {"The ceasefire took effect from 0600 hours, the army said.", NULL, {{0}}},
    {"The raid began at 1930 GMT on the border.", NULL, {{0}}},
    /* a day and month without a year take the year nearest the document
     * date, one in the future weighing three times its distance */
    {"The ceasefire collapsed on December 20, officials said.", "2020-05-14",
     {{"December 20", "2019-12-20", D, "", IMP, 0}}},
    {"Envoys will meet again on June 5 in Vienna.", "2020-05-14",
     {{"June 5", "2020-06-05", D, "", IMP, 0}}},
    {"Troops crossed the border on January 3, the ministry said.", "2020-12-28",
     {{"January 3", "2021-01-03", D, "", IMP, 0}}},
};

static void run_case(const tcase *c)
{
    dy_arena *a = dy_arena_new();
    assert_non_null(a);
    txt_date doc, *dp = NULL;
    if (c->doc) {
        assert_int_equal(txt_date_parse(c->doc, strlen(c->doc), &doc), 0);
        dp = &doc;
    }
    size_t len = strlen(c->text);
    txt_sentence s = {0, (uint32_t)len, 0, 0, 0, 0, 0};
    txt_timex *tx = NULL;
    size_t n = 99;
    dy_err err;
    assert_int_equal(txt_timex_scan(c->text, len, &s, 1, dp, a, &tx, &n, &err), 0);
    size_t nw = 0;
    while (nw < 5 && c->w[nw].span)
        nw++;
    if (n != nw) {
        print_error("case \"%s\": %zu timexes, expected %zu\n", c->text, n, nw);
        for (size_t i = 0; i < n; i++)
            print_error("  got \"%.*s\"\n", (int)(tx[i].end - tx[i].start),
                        c->text + tx[i].start);
    }
    assert_int_equal(n, nw);
    assert_int_equal(s.timex_begin, 0);
    assert_int_equal(s.timex_end, n);
    for (size_t i = 0; i < n; i++) {
        const want *w = &c->w[i];
        char got[11], gend[11], span[256];
        assert_true(tx[i].start < tx[i].end && tx[i].end <= len);
        snprintf(span, sizeof span, "%.*s", (int)(tx[i].end - tx[i].start),
                 c->text + tx[i].start);
        txt_date_format(&tx[i].date, got);
        txt_date_format(&tx[i].end_date, gend);
        if (strcmp(span, w->span) || strcmp(got, w->date) || strcmp(gend, w->end) ||
            tx[i].date.prec != w->prec || tx[i].flags != w->flags ||
            tx[i].list != w->list1 - 1)
            print_error("case \"%s\" #%zu: got \"%s\" %s %s end=%s flags=%u list=%d\n",
                        c->text, i, span, got, txt_prec_name(tx[i].date.prec), gend,
                        tx[i].flags, tx[i].list);
        assert_string_equal(span, w->span);
        assert_string_equal(got, w->date);
        assert_int_equal(tx[i].date.prec, w->prec);
        assert_string_equal(gend, w->end);
        assert_int_equal(tx[i].end_date.prec, w->end[0] ? w->prec : TXT_PREC_NONE);
        assert_int_equal(tx[i].flags, w->flags);
        assert_int_equal(tx[i].list, w->list1 - 1);
        assert_int_equal(tx[i].sent, 0);
        if (i > 0)
            assert_true(tx[i].start >= tx[i - 1].end);
    }
    dy_arena_free(a);
}

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i]);
}

/* Explicit years carry over from sentence to sentence; sentence ranges of
 * timexes are filled in; the document year serves before any explicit one. */
static void test_context_year(void **state)
{
    (void)state;
    const char *text = "On March 3 the talks began. In 2019 they stalled. "
                       "On March 3 they resumed. By June 2021 a deal was near. "
                       "In July it was signed.";
    size_t len = strlen(text);
    txt_sentence s[5];
    memset(s, 0, sizeof s);
    /* split after each ". " */
    size_t ns = 0, st = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '.' ) {
            s[ns].start = (uint32_t)st;
            s[ns].end = (uint32_t)(i + 1);
            ns++;
            st = i + 2;
        }
    }
    assert_int_equal(ns, 5);
    txt_date doc;
    assert_int_equal(txt_date_parse("2023-09-15", 10, &doc), 0);
    dy_arena *a = dy_arena_new();
    txt_timex *tx;
    size_t n;
    assert_int_equal(txt_timex_scan(text, len, s, ns, &doc, a, &tx, &n, NULL), 0);
    assert_int_equal(n, 5);
    const char *dates[5] = {"2023-03-03", "2019", "2019-03-03", "2021-06", "2021-07"};
    const unsigned flags[5] = {IMP, 0, IMP, 0, IMP};
    for (size_t i = 0; i < n; i++) {
        char d[11];
        txt_date_format(&tx[i].date, d);
        assert_string_equal(d, dates[i]);
        assert_int_equal(tx[i].flags, flags[i]);
        assert_int_equal(tx[i].sent, i);
        assert_int_equal(s[i].timex_begin, i);
        assert_int_equal(s[i].timex_end, i + 1);
    }
    dy_arena_free(a);
}

/* An explicit year serves a day-month without one in its own and the next
 * sentence; further on the year nearest the document date does. */
static void test_context_year_reach(void **state)
{
    (void)state;
    const char *text = "In 2017 the treaty lapsed. On March 3 talks failed. "
                       "Nothing moved for years. On December 20 envoys met.";
    size_t len = strlen(text);
    txt_sentence s[4];
    memset(s, 0, sizeof s);
    size_t ns = 0, st = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '.') {
            s[ns].start = (uint32_t)st;
            s[ns].end = (uint32_t)(i + 1);
            ns++;
            st = i + 2;
        }
    }
    assert_int_equal(ns, 4);
    txt_date doc;
    assert_int_equal(txt_date_parse("2020-05-14", 10, &doc), 0);
    dy_arena *a = dy_arena_new();
    txt_timex *tx;
    size_t n;
    assert_int_equal(txt_timex_scan(text, len, s, ns, &doc, a, &tx, &n, NULL), 0);
    assert_int_equal(n, 3);
    const char *dates[3] = {"2017", "2017-03-03", "2019-12-20"};
    for (size_t i = 0; i < n; i++) {
        char d[11];
        txt_date_format(&tx[i].date, d);
        assert_string_equal(d, dates[i]);
    }
    dy_arena_free(a);
}

/* Sentences without expressions get empty ranges; bytes outside the
 * sentences are not looked at. */
static void test_sentence_bounds(void **state)
{
    (void)state;
    const char *text = "Nothing here. In 2019 it fell. Filler words.";
    txt_sentence s[3] = {{0, 13, 0, 0, 0, 0, 0}, {14, 30, 0, 0, 0, 0, 0},
                         {31, 44, 0, 0, 0, 0, 0}};
    dy_arena *a = dy_arena_new();
    txt_timex *tx;
    size_t n;
    assert_int_equal(txt_timex_scan(text, strlen(text), s, 3, NULL, a, &tx, &n, NULL), 0);
    assert_int_equal(n, 1);
    assert_int_equal(tx[0].start, 17);
    assert_int_equal(tx[0].end, 21);
    assert_int_equal(tx[0].sent, 1);
    assert_int_equal(s[0].timex_begin, 0);
    assert_int_equal(s[0].timex_end, 0);
    assert_int_equal(s[1].timex_begin, 0);
    assert_int_equal(s[1].timex_end, 1);
    assert_int_equal(s[2].timex_begin, 1);
    assert_int_equal(s[2].timex_end, 1);
    /* the same text with the middle sentence cut before the year */
    s[1].end = 19;
    assert_int_equal(txt_timex_scan(text, strlen(text), s, 3, NULL, a, &tx, &n, NULL), 0);
    assert_int_equal(n, 0);
    dy_arena_free(a);
}

static void test_empty(void **state)
{
    (void)state;
    dy_arena *a = dy_arena_new();
    txt_timex *tx = (txt_timex *)1;
    size_t n = 7;
    assert_int_equal(txt_timex_scan("", 0, NULL, 0, NULL, a, &tx, &n, NULL), 0);
    assert_int_equal(n, 0);
    txt_sentence s = {0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(txt_timex_scan("", 0, &s, 1, NULL, a, &tx, &n, NULL), 0);
    assert_int_equal(n, 0);
    dy_arena_free(a);
}

/* Many expressions in one sentence make the output array grow; every
 * allocation failure along the way turns into DY_ENOMEM. */
static void test_growth_and_oom(void **state)
{
    (void)state;
    char text[8192];
    size_t len = 0;
    for (int i = 0; i < 200; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "in %d; ", 1900 + i % 100);
    txt_sentence s = {0, (uint32_t)len, 0, 0, 0, 0, 0};
    dy_arena *a = dy_arena_new();
    txt_timex *tx;
    size_t n;
    assert_int_equal(txt_timex_scan(text, len, &s, 1, NULL, a, &tx, &n, NULL), 0);
    assert_int_equal(n, 200);
    assert_int_equal(tx[199].date.year, 1999);
    dy_arena_free(a);

    int failures = 0;
    for (long k = 0; k < 20; k++) {
        a = dy_arena_new();
        assert_non_null(a);
        dy_err err;
        dy_err_clear(&err);
        dy_alloc_fail_after(k);
        int rc = txt_timex_scan(text, len, &s, 1, NULL, a, &tx, &n, &err);
        dy_alloc_fail_after(-1);
        if (rc) {
            assert_int_equal(rc, DY_ENOMEM);
            assert_int_equal(err.code, DY_ENOMEM);
            failures++;
        } else {
            assert_int_equal(n, 200);
        }
        dy_arena_free(a);
    }
    assert_true(failures > 0);
}

/* A document date with an impossible day still serves at month precision. */
static void test_bad_doc_date(void **state)
{
    (void)state;
    txt_date doc = {2023, 2, 31, TXT_PREC_DAY};
    const char *text = "Prices rose last month but fell yesterday.";
    txt_sentence s = {0, (uint32_t)strlen(text), 0, 0, 0, 0, 0};
    dy_arena *a = dy_arena_new();
    txt_timex *tx;
    size_t n;
    assert_int_equal(txt_timex_scan(text, strlen(text), &s, 1, &doc, a, &tx, &n, NULL), 0);
    assert_int_equal(n, 1);
    assert_int_equal(tx[0].date.year, 2023);
    assert_int_equal(tx[0].date.month, 1);
    dy_arena_free(a);
}

/* Relative expressions that would leave years 1..9999 are not emitted (the
 * store's date key and window labels have four-digit years); those that
 * stay inside are, up to the last and first day. */
static void test_range_ends(void **state)
{
    (void)state;
    static const struct {
        const char *doc, *text, *date; /* date: NULL = nothing emitted */
    } t[] = {
        {"9999-12-31", "They meet tomorrow.", NULL},
        {"9999-12-31", "They meet next month.", NULL},
        {"9999-12-31", "They meet next year.", NULL},
        {"9999-12-31", "They meet next week.", NULL},
        {"9999-12-31", "They met this week.", NULL},
        {"9999-12-31", "They meet next Monday.", NULL},
        {"9999-12-31", "They meet next January.", NULL},
        {"9999-12-31", "They met December 28 to January 3.", NULL},
        {"9999-12-31", "They meet on March 3 next year.", NULL},
        {"9999-12-31", "They met yesterday.", "9999-12-30"},
        {"9999-12-31", "They met today.", "9999-12-31"},
        {"9999-12-30", "They meet tomorrow.", "9999-12-31"},
        {"9999-12", "They met this month.", "9999-12"},
        {"0001-01-01", "They met yesterday.", NULL},
        {"0001-01-01", "They met last month.", NULL},
        {"0001-01-01", "They met last year.", NULL},
        {"0001-01-01", "They met last week.", NULL},
        {"0001-01-01", "They met last Sunday.", NULL},
        {"0001-01-01", "They met last December.", NULL},
        {"0001-01-01", "They meet tomorrow.", "0001-01-02"},
        {"0001-01-02", "They met yesterday.", "0001-01-01"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        txt_date doc;
        assert_int_equal(txt_date_parse(t[i].doc, strlen(t[i].doc), &doc), 0);
        txt_sentence s = {0, (uint32_t)strlen(t[i].text), 0, 0, 0, 0, 0};
        dy_arena *a = dy_arena_new();
        txt_timex *tx;
        size_t n;
        assert_int_equal(
            txt_timex_scan(t[i].text, strlen(t[i].text), &s, 1, &doc, a, &tx, &n, NULL), 0);
        if (n != (t[i].date ? 1u : 0u))
            fail_msg("%s / %s: %zu expressions", t[i].doc, t[i].text, n);
        if (t[i].date) {
            char b[11];
            txt_date_format(&tx[0].date, b);
            assert_string_equal(b, t[i].date);
            assert_true(txt_date_valid(&tx[0].date));
        }
        dy_arena_free(a);
    }
}

/* txt_analyze skips the sentences whose tokens cannot hold an expression;
 * it must find exactly what txt_timex_scan finds in every sentence, for the
 * table above and for words the tokenizer and the lexer cut differently
 * (clitics, abbreviations, web addresses, digits and curly quotes in words). */
static const char *const filter_texts[] = {
    "He said Jan't and they won't go. Today.com reported it in Sept.",
    "O'Neill's band toured in the \u201990s and the '80s; U.S.-led talks ended.",
    "Talks on the 13th of May were held. The nineties1 were wild.",
    "A320s flew 1,9900 km by 12:3456 on 2023-09-13T10:00 in Geneva.",
    "The caf\u00e9May deal and to\u200cday\u200dnews came last night.",
    "No dates here at all, only words and commas; semicolons: colons.",
    "Stocks fell 1.5 pct to 15 mln dlrs in a year-on-year measure.",
    "They met mid-1990s and the day before yesterday, \u2018 99s ago.",
    "Prices may rise in march, said the jan. report; A year ago the week was calm.",
    "Last year, this month and next week; last\u205fyear, last-year, last'year.",
    "The next morning and last night they met. Night fell; this evening too.",
};

static void check_filter(const char *text, const char *date)
{
    dy_arena *a = dy_arena_new();
    assert_non_null(a);
    txt_doc d = {0};
    d.text = (char *)text;
    d.len = strlen(text);
    if (date)
        assert_int_equal(txt_date_parse(date, strlen(date), &d.date), 0);
    txt_analysis an;
    assert_int_equal(txt_analyze(&d, a, &an, NULL), 0);
    txt_sentence *s = dy_arena_alloc(a, (an.nsent + 1) * sizeof *s);
    assert_non_null(s);
    memcpy(s, an.sents, an.nsent * sizeof *s);
    txt_timex *tx;
    size_t n;
    assert_int_equal(txt_timex_scan(text, d.len, s, an.nsent, date ? &d.date : NULL, a,
                                    &tx, &n, NULL), 0);
    if (n != an.ntimex)
        print_error("\"%s\": %zu timexes by txt_analyze, %zu by txt_timex_scan\n", text,
                    an.ntimex, n);
    assert_int_equal(n, an.ntimex);
    if (n)
        assert_memory_equal(tx, an.timex, n * sizeof *tx);
    for (size_t i = 0; i < an.nsent; i++) {
        assert_int_equal(s[i].timex_begin, an.sents[i].timex_begin);
        assert_int_equal(s[i].timex_end, an.sents[i].timex_end);
    }
    dy_arena_free(a);
}

static void test_sentence_filter(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check_filter(cases[i].text, cases[i].doc);
        check_filter(cases[i].text, NULL);
    }
    for (size_t i = 0; i < sizeof filter_texts / sizeof filter_texts[0]; i++) {
        check_filter(filter_texts[i], "2023-09-15");
        check_filter(filter_texts[i], NULL);
    }
}

/* Random texts made of the pieces where the filter could go wrong (date
 * words in every case, numbers glued and not, apostrophes, curly quotes,
 * spaces the lexer reads as letters, clitics, abbreviations) among plain
 * words: txt_analyze must agree with txt_timex_scan on each. A fixed
 * linear congruential generator keeps the texts the same on every run. */
static void test_sentence_filter_random(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "May", "may", "MAY", "March", "march", "Jan", "jan", "Jan.", "Sept.", "sept",
        "June", "Monday", "monday", "Friday,", "yesterday", "Today", "tomorrow",
        "tonight", "last", "Last", "this", "next", "year", "Year", "month", "week",
        "night", "morning", "evening", "the", "The", "early", "late", "mid", "mid-",
        "-", "--", "of", "in", "and", "or", "to", "through", "between", "from",
        "nineties", "Eighties", "1990s", "1990's", "'90s", "\u201990s", "\u201880s",
        "2019", "2019-20", "2023-09-13", "13", "13th", "1,500", "1,9900", "12:3456",
        "A320", "2019a", "x1990", "'", "\u2019", "n't", "don't", "Jan't", "O'Neill",
        "today.com", "U.S.", "U.S.-led", "caf\u00e9", "\u00e9May", "May\u00e9",
        "\u00a0", "\u205f", "\u3000", "\u200c", "\u200b", "\u2014", "\u2212",
        "\u2026", ",", ".", ";", "(", ")", "\"", "\n", "\n\n", "lastyear",
        "nineties1", "$2019", "20%", "1990\u2019s", "last\u205fyear", "day", "before",
    };
    static const char *const plain[] = {"said", "Bar", "officials", "talks", "a",
                                        "report", "He", "won't", "it's", "U.N."};
    const size_t np = sizeof pieces / sizeof pieces[0], nq = sizeof plain / sizeof plain[0];
    uint32_t r = 12345;
    char buf[2048];
    for (int it = 0; it < 4000; it++) {
        size_t len = 0;
        r = r * 1103515245u + 12345u;
        int nw = 1 + (int)((r >> 16) % 30);
        for (int w = 0; w < nw; w++) {
            r = r * 1103515245u + 12345u;
            unsigned x = r >> 8;
            const char *p = x % 4 ? plain[(x >> 4) % nq] : pieces[(x >> 4) % np];
            size_t l = strlen(p);
            memcpy(buf + len, p, l);
            len += l;
            if ((x >> 12) % 8)
                buf[len++] = (x >> 12) % 8 == 1 ? '\n' : ' ';
        }
        buf[len] = '\0';
        check_filter(buf, it % 2 ? "2023-09-15" : NULL);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_context_year),
        cmocka_unit_test(test_context_year_reach),
        cmocka_unit_test(test_sentence_bounds),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_growth_and_oom),
        cmocka_unit_test(test_bad_doc_date),
        cmocka_unit_test(test_range_ends),
        cmocka_unit_test(test_sentence_filter),
        cmocka_unit_test(test_sentence_filter_random),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
