/* test_segment.c - sentence splitting of English news text.
 *
 * Every case is written for this file: an input text and the sentences
 * expected from it, each as its exact text (start..end byte offsets). A
 * leading '#' in an expected sentence means the sentence must carry
 * TXT_SENT_HEADLINE (the '#' itself is not part of the text).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "text/text.h"

typedef struct {
    const char *text;
    const char *sents[12];
} seg_case;

static const seg_case cases[] = {
    /* 1-5: plain punctuation */
    {"The talks ended. Both sides left.", {"The talks ended.", "Both sides left."}},
    {"Did the vote pass? Nobody knew.", {"Did the vote pass?", "Nobody knew."}},
    {"Troops crossed the border! Panic followed.", {"Troops crossed the border!", "Panic followed."}},
    {"The envoy paused... Then he spoke again.", {"The envoy paused...", "Then he spoke again."}},
    {"The envoy paused\xE2\x80\xA6 Then he left.", {"The envoy paused\xE2\x80\xA6", "Then he left."}},
    /* 6-10: ellipsis and lower-case continuation */
    {"He said the plan was... not ready.", {"He said the plan was... not ready."}},
    {"It rose 5 pct. 12 banks joined.", {"It rose 5 pct.", "12 banks joined."}},
    {"They met in Oslo.The talks stalled.", {"They met in Oslo.The talks stalled."}},
    {"What now?! The minister resigned.", {"What now?!", "The minister resigned."}},
    {"One sentence without a final stop", {"#One sentence without a final stop"}},
    /* 11-20: abbreviations */
    {"Mr. Smith arrived. Mrs. Jones left.", {"Mr. Smith arrived.", "Mrs. Jones left."}},
    {"Gen. Ali Khan led the raid. Lt. Col. Reza Amini backed him.",
     {"Gen. Ali Khan led the raid.", "Lt. Col. Reza Amini backed him."}},
    {"Dr. Amara Obi and Prof. Lin spoke.", {"Dr. Amara Obi and Prof. Lin spoke."}},
    {"Sen. Ruth Kell (D-Ore.) objected.", {"Sen. Ruth Kell (D-Ore.) objected."}},
    {"The deal was signed on Jan. 12 in Geneva.", {"The deal was signed on Jan. 12 in Geneva."}},
    {"Talks resume on Sept. 3. Delegates are optimistic.", {"Talks resume on Sept. 3.", "Delegates are optimistic."}},
    {"Acme Corp. and Delta Inc. agreed to merge.", {"Acme Corp. and Delta Inc. agreed to merge."}},
    {"The shares of Delta Inc. The company said it would appeal.",
     {"The shares of Delta Inc.", "The company said it would appeal."}},
    {"Exports to the U.S. rose sharply.", {"Exports to the U.S. rose sharply."}},
    {"Troops were sent by the U.S. The move angered Moscow.",
     {"Troops were sent by the U.S.", "The move angered Moscow."}},
    /* 21-30: more abbreviations, numbers */
    {"The U.S. Senate voted 52-48 on the bill.", {"The U.S. Senate voted 52-48 on the bill."}},
    {"The U.N. Security Council met in New York. It adjourned.",
     {"The U.N. Security Council met in New York.", "It adjourned."}},
    {"The blast came at 9 p.m. Monday near the port.", {"The blast came at 9 p.m. Monday near the port."}},
    {"The blast came at 9 p.m. Officials blamed rebels.",
     {"The blast came at 9 p.m.", "Officials blamed rebels."}},
    {"She lives at No. 10 Downing Street. He does not.",
     {"She lives at No. 10 Downing Street.", "He does not."}},
    {"The answer was no. Talks collapsed.", {"The answer was no.", "Talks collapsed."}},
    {"Inflation rose 3.5 percent in May. Wages rose 2.1 percent.",
     {"Inflation rose 3.5 percent in May.", "Wages rose 2.1 percent."}},
    {"The army has 1,500 troops and 2.5 mln dlrs. Its budget is small.",
     {"The army has 1,500 troops and 2.5 mln dlrs.", "Its budget is small."}},
    {"Output fell to 4.2 pct from 4.8 pct. Analysts expected 4.5.",
     {"Output fell to 4.2 pct from 4.8 pct.", "Analysts expected 4.5."}},
    {"The vote is due in 2024. 2025 looks harder.", {"The vote is due in 2024.", "2025 looks harder."}},
    /* 31-38: initials and names */
    {"John F. Kennedy was shot in Dallas.", {"John F. Kennedy was shot in Dallas."}},
    {"J. R. R. Tolkien wrote the books.", {"J. R. R. Tolkien wrote the books."}},
    {"The ship, the W. H. Crane, sank.", {"The ship, the W. H. Crane, sank."}},
    {"They chose plan B. The rest of the plans failed.",
     {"They chose plan B.", "The rest of the plans failed."}},
    {"E. Musa, a farmer, was hurt.", {"E. Musa, a farmer, was hurt."}},
    {"Talks with Boston, Mass. officials went well.", {"Talks with Boston, Mass. officials went well."}},
    {"Protesters filled St. Peter's Square. Police watched.",
     {"Protesters filled St. Peter's Square.", "Police watched."}},
    {"The meeting, e.g. the one in Rome, ended. Others followed.",
     {"The meeting, e.g. the one in Rome, ended.", "Others followed."}},
    /* 39-48: quotes and brackets */
    {"\"We will win,\" he said.", {"\"We will win,\" he said."}},
    {"\"We will win.\" The crowd cheered.", {"\"We will win.\"", "The crowd cheered."}},
    {"\"Who is there?\" he asked. Nobody replied.", {"\"Who is there?\" he asked.", "Nobody replied."}},
    {"\"Stop!\" The guards ran.", {"\"Stop!\"", "The guards ran."}},
    {"\xE2\x80\x9C" "This is over.\xE2\x80\x9D Officials left the room.",
     {"\xE2\x80\x9C" "This is over.\xE2\x80\x9D", "Officials left the room."}},
    {"He called it \xE2\x80\x9Cunacceptable\xE2\x80\x9D! She agreed.",
     {"He called it \xE2\x80\x9Cunacceptable\xE2\x80\x9D!", "She agreed."}},
    {"The vote passed (by a wide margin). Critics objected.",
     {"The vote passed (by a wide margin).", "Critics objected."}},
    {"The law was repealed. (It had been in force since 1990.) Few noticed.",
     {"The law was repealed.", "(It had been in force since 1990.)", "Few noticed."}},
    {"He said: \"It is over. We lost.\" Then he left.",
     {"He said: \"It is over.", "We lost.\"", "Then he left."}},
    {"She asked, \"Why now?\" and walked out.", {"She asked, \"Why now?\" and walked out."}},
    /* 49-56: line breaks, paragraphs and headlines */
    {"Rebels seize airport\n\nRebels seized the airport on Sunday.",
     {"#Rebels seize airport", "Rebels seized the airport on Sunday."}},
    {"Rebels seize airport\nRebels seized the airport on Sunday.",
     {"#Rebels seize airport", "Rebels seized the airport on Sunday."}},
    {"The minister said the army would\nwithdraw from the border by June.",
     {"The minister said the army would\nwithdraw from the border by June."}},
    {"First paragraph ends here\n\nSecond paragraph starts here.",
     {"#First paragraph ends here", "Second paragraph starts here."}},
    {"LONDON, March 3\nBritish officials met their French counterparts.",
     {"#LONDON, March 3", "British officials met their French counterparts."}},
    {"The council approved the deal after\nMinister Ana Costa intervened.",
     {"The council approved the deal after\nMinister Ana Costa intervened."}},
    {"The delegation from the central bank and\nthe finance ministry arrived late\nSaturday and met the Prime Minister\nof Portugal in the capital.",
     {"The delegation from the central bank and\nthe finance ministry arrived late\nSaturday and met the Prime Minister\nof Portugal in the capital."}},
    {"    The company said profits rose\nsharply in the quarter.\n    Sales rose 5 pct\n    to a record.",
     {"The company said profits rose\nsharply in the quarter.", "Sales rose 5 pct\n    to a record."}},
    /* 57-62: wire wrapping, indentation, bullets */
    {"The bank said it would cut rates by\nhalf a point from Monday, and\nOfficials said more cuts may follow.",
     {"The bank said it would cut rates by\nhalf a point from Monday, and\nOfficials said more cuts may follow."}},
    {"The oil ministry said output\nwas stable in March and April\n    Exports rose.",
     {"The oil ministry said output\nwas stable in March and April", "Exports rose."}},
    {"Key points:\n- Troops withdrew from the border\n- Talks resume on Friday\n- Sanctions stay",
     {"Key points:", "#- Troops withdrew from the border", "#- Talks resume on Friday", "#- Sanctions stay"}},
    {"The demands were:\n* a ceasefire;\n* prisoner exchanges.",
     {"The demands were:", "* a ceasefire;", "* prisoner exchanges."}},
    {"Steps agreed:\n1. Open the border.\n2. Free the prisoners.",
     {"Steps agreed:", "1. Open the border.", "2. Free the prisoners."}},
    {"\xE2\x80\xA2 Ceasefire holds\n\xE2\x80\xA2 Aid arrives", {"#\xE2\x80\xA2 Ceasefire holds", "#\xE2\x80\xA2 Aid arrives"}},
    /* 63-70: white space and odd inputs */
    {"", {0}},
    {"   \n\n \t ", {0}},
    {"  The talks ended.   Both sides   left.  ", {"The talks ended.", "Both sides   left."}},
    {"\n\nThe talks ended.\n\n\n\nBoth sides left.\n", {"The talks ended.", "Both sides left."}},
    {"The talks ended.\nBoth sides left.", {"The talks ended.", "Both sides left."}},
    {"...", {"..."}},
    {"Amid rising tensions, the president of Ghana visited Togo", {"#Amid rising tensions, the president of Ghana visited Togo"}},
    {"Kim Jong-un met Moon Jae-in. Russia's envoy didn't attend.",
     {"Kim Jong-un met Moon Jae-in.", "Russia's envoy didn't attend."}},
    /* 71-76: mixed news-style paragraphs */
    {"GENEVA (Wire) - Iran and the E.U. resumed talks on Tuesday. Diplomats said progress was slow.",
     {"GENEVA (Wire) - Iran and the E.U. resumed talks on Tuesday.", "Diplomats said progress was slow."}},
    {"Prices rose 0.3 pct in Jan. and 0.4 pct in Feb., the agency said.",
     {"Prices rose 0.3 pct in Jan. and 0.4 pct in Feb., the agency said."}},
    {"The summit ended at 5 p.m. on Friday. Leaders left for home.",
     {"The summit ended at 5 p.m. on Friday.", "Leaders left for home."}},
    {"The firm moved to the U.K. in 2019. It now employs 300 people.",
     {"The firm moved to the U.K. in 2019.", "It now employs 300 people."}},
    {"Asked about Syria, she said: \"No comment.\" Then the briefing ended.",
     {"Asked about Syria, she said: \"No comment.\"", "Then the briefing ended."}},
    {"The \xE2\x80\x98" "Big Three\xE2\x80\x99" " met in C\xC3\xB4te d\xE2\x80\x99Ivoire. They agreed.",
     {"The \xE2\x80\x98" "Big Three\xE2\x80\x99" " met in C\xC3\xB4te d\xE2\x80\x99Ivoire.", "They agreed."}},
    /* 77-80: wrapped wire copy with a cut-off first line; all-caps headline */
    {"Northern Grain Co and Delta Farms of North\nAmerica Inc said they would merge their trading units to\ncut costs over two years.",
     {"Northern Grain Co and Delta Farms of North\nAmerica Inc said they would merge their trading units to\ncut costs over two years."}},
    {"GRAIN TALKS STALL\nDelegates from the two countries said on Friday that\ntalks on a new grain pact had stalled.",
     {"#GRAIN TALKS STALL", "Delegates from the two countries said on Friday that\ntalks on a new grain pact had stalled."}},
    {"The ministry said exports rose to a record in the year\nto March, helped by strong demand from abroad.\n    Imports fell 3 pct\n    Officials expect a surplus.",
     {"The ministry said exports rose to a record in the year\nto March, helped by strong demand from abroad.", "#Imports fell 3 pct", "Officials expect a surplus."}},
    {"The ministry said exports rose to a record in the year\nto March.\n    Finance Minister Li Wen\nsaid the trend would continue.",
     {"The ministry said exports rose to a record in the year\nto March.", "Finance Minister Li Wen\nsaid the trend would continue."}},
};

/* Tokenize + segment text into a fresh arena; fails the test on error. */
static dy_arena *run(const char *text, txt_token **t, size_t *nt, txt_sentence **s, size_t *ns)
{
    dy_arena *a = dy_arena_new();
    assert_non_null(a);
    dy_err e;
    assert_int_equal(txt_tokenize(text, strlen(text), a, t, nt, &e), 0);
    assert_int_equal(txt_segment(text, strlen(text), *t, *nt, a, s, ns, &e), 0);
    return a;
}

/* Invariants every segmentation must satisfy: sentences ordered, inside the
 * text, trimmed, non-overlapping, and partitioning the tokens. */
static void check_invariants(const char *text, size_t len, const txt_token *t, size_t nt,
                             const txt_sentence *s, size_t ns)
{
    size_t tok = 0;
    uint32_t prev_end = 0;
    for (size_t i = 0; i < ns; i++) {
        assert_true(s[i].start < s[i].end);
        assert_true(s[i].end <= len);
        assert_true(s[i].start >= prev_end);
        assert_int_equal(s[i].tok_begin, tok);
        assert_true(s[i].tok_end > s[i].tok_begin);
        assert_int_equal(s[i].start, t[s[i].tok_begin].start);
        assert_int_equal(s[i].end, t[s[i].tok_end - 1].end);
        assert_int_equal(s[i].timex_begin, s[i].timex_end);
        assert_true(text[s[i].start] != ' ' && text[s[i].start] != '\n');
        assert_true(text[s[i].end - 1] != ' ' && text[s[i].end - 1] != '\n');
        tok = s[i].tok_end;
        prev_end = s[i].end;
    }
    assert_int_equal(tok, nt);
    for (size_t i = 0; i < nt; i++) {
        assert_true(t[i].start < t[i].end);
        assert_true(t[i].end <= len);
        if (i)
            assert_true(t[i].start >= t[i - 1].end);
    }
}

static void test_segment_cases(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const seg_case *k = &cases[c];
        txt_token *t;
        txt_sentence *s;
        size_t nt, ns;
        dy_arena *a = run(k->text, &t, &nt, &s, &ns);
        check_invariants(k->text, strlen(k->text), t, nt, s, ns);
        size_t want = 0;
        while (k->sents[want])
            want++;
        int ok = ns == want;
        for (size_t i = 0; ok && i < ns; i++) {
            const char *w = k->sents[i];
            int head = w[0] == '#';
            w += head;
            size_t m = s[i].end - s[i].start;
            if (strlen(w) != m || memcmp(w, k->text + s[i].start, m) != 0)
                ok = 0;
            if (head != !!(s[i].flags & TXT_SENT_HEADLINE))
                ok = 0;
        }
        if (!ok) {
            bad++;
            print_error("case %zu: \"%s\"\n", c + 1, k->text);
            for (size_t i = 0; i < ns; i++)
                print_error("  got %s<%.*s>\n", (s[i].flags & TXT_SENT_HEADLINE) ? "#" : "",
                            (int)(s[i].end - s[i].start), k->text + s[i].start);
            for (size_t i = 0; i < want; i++)
                print_error("  want <%s>\n", k->sents[i]);
        }
        dy_arena_free(a);
    }
    assert_int_equal(bad, 0);
}

static void test_segment_case_count(void **state)
{
    (void)state;
    /* The brief asks for at least 60 hand-written cases. */
    assert_true(sizeof cases / sizeof cases[0] >= 60);
}

/* A larger text assembled from many pieces with varied separators. */
static void test_segment_generated(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "The U.S. envoy met Gen. Amir Rahimi on Jan. 4.",
        "\"We will not retreat,\" the commander said.",
        "Rebels seize port",
        "Exports rose 3.5 pct to 1,200 mln dlrs",
        "Why did talks fail? Nobody would say.",
        "Kim Jong-un's sister didn't attend...",
        "C\xC3\xB4te d\xE2\x80\x99Ivoire and Burkina Faso signed a pact (the third).",
        "- Aid convoys reached the city",
    };
    static const char *const seps[] = {" ", "\n", "\n\n", "  ", "\n    ", " \n"};
    enum { N = 3000 };
    size_t cap = N * 80, len = 0;
    char *text = dy_malloc(cap);
    assert_non_null(text);
    unsigned x = 12345;
    size_t paras = 0;
    for (int i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        const char *p = pieces[(x >> 8) % 8];
        const char *sep = seps[(x >> 16) % 6];
        size_t pl = strlen(p), sl = strlen(sep);
        assert_true(len + pl + sl < cap);
        memcpy(text + len, p, pl);
        len += pl;
        memcpy(text + len, sep, sl);
        len += sl;
        paras += strcmp(sep, "\n\n") == 0 && i + 1 < N;
    }
    text[len] = 0;
    txt_token *t;
    txt_sentence *s;
    size_t nt, ns;
    dy_arena *a = run(text, &t, &nt, &s, &ns);
    check_invariants(text, len, t, nt, s, ns);
    /* Paragraph breaks always split; no piece has more than two sentences. */
    assert_true(ns >= paras + 1);
    assert_true(ns <= 2 * N);
    dy_arena_free(a);
    dy_free(text);
}

static void test_segment_empty(void **state)
{
    (void)state;
    dy_arena *a = dy_arena_new();
    txt_sentence *s = NULL;
    size_t ns = 7;
    dy_err e;
    assert_int_equal(txt_segment("", 0, NULL, 0, a, &s, &ns, &e), 0);
    assert_int_equal(ns, 0);
    dy_arena_free(a);
}

static void test_segment_oom(void **state)
{
    (void)state;
    const char *text = "One. Two. Three.";
    txt_token *t;
    txt_sentence *s;
    size_t nt, ns;
    dy_arena *a = run(text, &t, &nt, &s, &ns);
    assert_int_equal(ns, 3);
    dy_arena *b = dy_arena_new();
    assert_non_null(b);
    dy_err e;
    dy_alloc_fail_after(0);
    int rc = txt_segment(text, strlen(text), t, nt, b, &s, &ns, &e);
    dy_alloc_fail_after(-1);
    assert_int_equal(rc, DY_ENOMEM);
    assert_int_equal(e.code, DY_ENOMEM);
    assert_int_equal(ns, 0);
    dy_arena_free(b);
    dy_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_segment_cases),
        cmocka_unit_test(test_segment_case_count),
        cmocka_unit_test(test_segment_generated),
        cmocka_unit_test(test_segment_empty),
        cmocka_unit_test(test_segment_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
