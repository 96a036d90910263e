/* test_evdate.c - the dates of the coder's events (src/code/evdate.c,
 * code/code_evdate.h) on documents analysed by dyad's text stage, dated
 * Friday 21 June 2024: a relative day ("on Monday") resolved against the
 * document date, one date per member of a list, the nearest time
 * expression, a carry cue ("At the same time") taking the previous
 * sentence's date, the day of the lead for force but not for words, the
 * document's date otherwise, an event stated again keeping the date of
 * its first statement, and an act dated after the document by its own time
 * expression (on hand-written trees). The cue table is data/coder/cues.txt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/code_evdate.h"
#include "core/arena.h"

#ifndef DYAD_SRCDIR
#define DYAD_SRCDIR "."
#endif

#include "fixture_cues.h"
#include "fixture_tree.h"

#define MAXT 64

typedef struct fx {
    dy_arena *a;
    txt_doc doc;
    txt_analysis an;
    code_evdate_state st;
    int32_t mcover[MAXT];
    code_cue_mask cmask[MAXT];
    uint32_t cstart[MAXT][CODE_CUE_KINDS];
} fx;

static fx *build(const char *text)
{
    fx *x = calloc(1, sizeof *x);
    assert_non_null(x);
    x->a = dy_arena_new();
    assert_non_null(x->a);
    x->doc = (txt_doc){.id = (char *)"d", .text = (char *)text, .len = strlen(text),
                       .date = {2024, 6, 21, TXT_PREC_DAY}};
    dy_err e;
    assert_int_equal(txt_analyze(&x->doc, x->a, &x->an, &e), 0);
    x->st = code_evdate_start();
    return x;
}

static void release(fx *x)
{
    dy_arena_free(x->a);
    free(x);
}

/* The view of sentence si, with an empty cue cache. */
static code_view view(fx *x, uint32_t si)
{
    assert_true(si < x->an.nsent);
    const txt_sentence *s = &x->an.sents[si];
    assert_true(s->tok_end - s->tok_begin <= MAXT);
    for (uint32_t i = 0; i < MAXT; i++) {
        x->mcover[i] = -1;
        x->cmask[i] = UINT64_MAX;
    }
    return (code_view){.s = {.tk = x->an.toks, .tb = s->tok_begin, .te = s->tok_end,
                             .mcover = x->mcover, .cues = cues},
                       .an = &x->an, .si = si, .cmask = x->cmask, .cstart = x->cstart};
}

/* The first token of sentence si whose text is form. */
static uint32_t tok(const fx *x, uint32_t si, const char *form)
{
    const txt_sentence *s = &x->an.sents[si];
    for (uint32_t t = s->tok_begin; t < s->tok_end; t++) {
        const txt_token *k = &x->an.toks[t];
        if (strlen(form) == k->end - k->start && !memcmp(x->doc.text + k->start, form, strlen(form)))
            return t;
    }
    fail_msg("no token \"%s\"", form);
    return UINT32_MAX;
}

/* A document, the sentence and word of an event, its CAMEO code, and the
 * dates its events get ("YYYY-MM-DD", joined by ' '), the first from a
 * time expression (1) or the document's date (0). */
typedef struct dating {
    const char *text;
    uint32_t si;
    const char *event, *code, *want;
    int from_text;
} dating;

/* Read the sentences before c->si (code_evdate_sentence_done), then date
 * the events of c->event and compare them with c->want. */
static void check(const dating *c)
{
    fx *x = build(c->text);
    for (uint32_t k = 0; k < c->si; k++)
        code_evdate_sentence_done(&x->an, k, &x->st);
    int32_t txs[CODE_EVDATE_MAX];
    size_t n = code_evdate_timexes(&x->an, c->si, tok(x, c->si, c->event), txs);
    assert_true(n >= 1 && n <= CODE_EVDATE_MAX);
    code_view v = view(x, c->si);
    char got[128] = "";
    int from_text = -1;
    for (size_t i = 0; i < n; i++) {
        txt_date d;
        int32_t used = code_evdate_date(&v, txs[i], &x->st, c->code, &d);
        if (i == 0)
            from_text = used >= 0;
        char buf[11];
        txt_date_format(&d, buf);
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? " " : "", buf);
    }
    if (strcmp(got, c->want) != 0 || from_text != c->from_text)
        fail_msg("%s (sentence %u, %s): got \"%s\" (%d), want \"%s\" (%d)", c->text, c->si,
                 c->code, got, from_text, c->want, c->from_text);
    release(x);
}

/* ---- the sentence's own time expressions ---------------------------------- */

static void test_own_time(void **state)
{
    (void)state;
    static const dating cases[] = {
        {"Russia attacked Kyiv on Monday.", 0, "attacked", "190", "2024-06-17", 1},
        /* one event a member of a list */
        {"Russia met Ukraine in 2001, 2002 and 2011.", 0, "met", "040", "2001 2002 2011", 1},
        /* the time expression nearest the word */
        {"On Monday Russia said it attacked Kyiv on Wednesday.", 0, "attacked", "190",
         "2024-06-19", 1},
        {"On Monday Russia said it attacked Kyiv on Wednesday.", 0, "said", "010", "2024-06-17",
         1},
        /* none: the document's date */
        {"Russia attacked Kyiv.", 0, "attacked", "190", "2024-06-21", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check(&cases[i]);
    fx *x = build("Russia attacked Kyiv on Monday.");
    assert_int_equal(code_evdate_in_timex(&x->an, 0, tok(x, 0, "Monday")), 1);
    assert_int_equal(code_evdate_in_timex(&x->an, 0, tok(x, 0, "Kyiv")), 0);
    release(x);
}

/* ---- dates from other sentences --------------------------------------------- */

static void test_carry_and_lead(void **state)
{
    (void)state;
    static const dating cases[] = {
        /* "At the same time": the previous sentence's day, for any act */
        {"Russia attacked Kyiv on Tuesday. At the same time, Poland criticised Russia.", 1,
         "criticised", "111", "2024-06-18", 1},
        {"Russia attacked Kyiv on Tuesday. Poland criticised Russia.", 1, "criticised", "111",
         "2024-06-21", 0},
        /* force takes the lead's day ... */
        {"Russia attacked Kyiv on Tuesday. Poland criticised Russia.", 1, "criticised", "190",
         "2024-06-18", 1},
        /* ... when the lead names a day of the week before the document */
        {"Russia attacked Kyiv on June 2. Police detained the man.", 1, "detained", "173",
         "2024-06-21", 0},
        /* ... in its first two sentences only */
        {"Police met. Rain fell. Russia attacked Kyiv on Tuesday. Police detained the man.", 3,
         "detained", "173", "2024-06-21", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        check(&cases[i]);
}

/* ---- an event stated again ------------------------------------------------- */

static code_event event(const char *code, const char *src, const char *tgt, int32_t timex,
                        int day)
{
    code_event e;
    memset(&e, 0, sizeof e);
    snprintf(e.code, sizeof e.code, "%s", code);
    snprintf(e.source, sizeof e.source, "%s", src);
    snprintf(e.target, sizeof e.target, "%s", tgt);
    e.why.timex = timex;
    e.date = (txt_date){2024, 6, day, TXT_PREC_DAY};
    return e;
}

static void test_restated(void **state)
{
    (void)state;
    code_event ev[3] = {event("190", "RUS", "UKR", 4, 17), event("040", "RUS", "UKR", -1, 21),
                        event("190", "UKR", "RUS", -1, 21)};
    /* the same attack, either way round, takes the first statement's day */
    assert_int_equal(code_evdate_restated(ev, 3), 4);
    assert_int_equal(ev[2].date.day, 17);
    /* another act between the same sides does not */
    assert_int_equal(code_evdate_restated(ev, 2), -1);
    assert_int_equal(ev[1].date.day, 21);
    /* nor an event with an unnamed side */
    code_event one[2] = {event("190", "RUS", "", 4, 17), event("190", "RUS", "", -1, 21)};
    assert_int_equal(code_evdate_restated(one, 2), -1);
    assert_int_equal(one[1].date.day, 21);
}

/* ---- acts dated after the document --------------------------------------- */

/* The one-sentence document text parsed as rows (fixture_tree.h, into
 * *ft): its view with the tree, the word `event` in *w and the time
 * expressions that date it in txs (their count in *n). */
static code_view parsed(fx *x, fixture_tree *ft, const char *text, const char *rows,
                        const char *event, uint32_t *w, int32_t txs[CODE_EVDATE_MAX], size_t *n)
{
    code_view v = view(x, 0);
    fixture_tree_read(ft, rows, text, x->an.toks, v.s.tb, v.s.te);
    v.s.tree = &ft->tree;
    *w = tok(x, 0, event);
    *n = code_evdate_timexes(&x->an, 0, *w, txs);
    return v;
}

/* Is the act at word `event` of the one-sentence document text, parsed as
 * rows, dated after the document by its own time? */
static int future(const char *text, const char *rows, const char *event)
{
    fx *x = build(text);
    fixture_tree ft;
    uint32_t w, cb = 0, ce = 0;
    int32_t txs[CODE_EVDATE_MAX];
    size_t n;
    code_view v = parsed(x, &ft, text, rows, event, &w, txs, &n);
    int r = code_evdate_future(&v, w, txs, n, &cb, &ce);
    if (r)
        assert_true(cb < ce && ce <= v.s.te && !strcmp(x->an.toks[cb].norm, "tomorrow"));
    v.s.tree = NULL; /* without a parse, never */
    assert_int_equal(code_evdate_future(&v, w, txs, n, &cb, &ce), 0);
    release(x);
    return r;
}

/* Does the sentence's time expression nearest `event` (text parsed as rows)
 * date another clause than the event word's? */
static int foreign(const char *text, const char *rows, const char *event)
{
    fx *x = build(text);
    fixture_tree ft;
    uint32_t w;
    int32_t txs[CODE_EVDATE_MAX];
    size_t n;
    code_view v = parsed(x, &ft, text, rows, event, &w, txs, &n);
    assert_int_equal(n, 1);
    int r = code_evdate_foreign(&v, w, txs[0]);
    v.s.tree = NULL; /* without a parse, never */
    assert_int_equal(code_evdate_foreign(&v, w, txs[0]), 0);
    assert_int_equal(code_evdate_foreign(&v, w, -1), 0);
    release(x);
    return r;
}

static void test_foreign(void **state)
{
    (void)state;
    static const char rows[] =
        "After ADP 2 mark|touring VERB 6 advcl|France PROPN 2 obj|, PUNCT 6 punct|"
        "Lula PROPN 6 nsubj|hopes VERB 0 root|to PART 8 mark|visit VERB 6 xcomp|"
        "Japan PROPN 8 obj|next ADJ 11 amod|week NOUN 8 obl:tmod|. PUNCT 6 punct";
    static const char text[] = "After touring France, Lula hopes to visit Japan next week.";
    /* the visit's time is not the tour's */
    assert_int_equal(foreign(text, rows, "touring"), 1);
    /* it is the visit's own, and dates what governs the visit */
    assert_int_equal(foreign(text, rows, "visit"), 0);
    assert_int_equal(foreign(text, rows, "hopes"), 0);
    /* a time on the main verb dates what it governs */
    assert_int_equal(foreign("On Monday Iran said it attacked Iraq.",
                             "On ADP 2 case|Monday PROPN 4 obl|Iran PROPN 4 nsubj|said VERB 0 root|"
                             "it PRON 6 nsubj|attacked VERB 4 ccomp|Iraq PROPN 6 obj|. PUNCT 4 punct",
                             "attacked"),
                     0);
}

static void test_future(void **state)
{
    (void)state;
    /* its own "tomorrow": not yet done */
    assert_int_equal(future("Iran meets Iraq tomorrow.",
                            "Iran PROPN 2 nsubj|meets VERB 0 root|Iraq PROPN 2 obj|"
                            "tomorrow NOUN 2 obl:tmod|. PUNCT 2 punct",
                            "meets"),
                     1);
    /* hung on the object by the parse, still the act's */
    assert_int_equal(future("Iran meets Iraq tomorrow.",
                            "Iran PROPN 2 nsubj|meets VERB 0 root|Iraq PROPN 2 obj|"
                            "tomorrow NOUN 3 nmod:tmod|. PUNCT 2 punct",
                            "meets"),
                     1);
    /* a past day is no future */
    assert_int_equal(future("Iran met Iraq yesterday.",
                            "Iran PROPN 2 nsubj|met VERB 0 root|Iraq PROPN 2 obj|"
                            "yesterday NOUN 2 obl:tmod|. PUNCT 2 punct",
                            "met"),
                     0);
    /* the time of a clause under the act dates that clause */
    assert_int_equal(future("Iran invited Iraq to talk tomorrow.",
                            "Iran PROPN 2 nsubj|invited VERB 0 root|Iraq PROPN 2 obj|"
                            "to PART 5 mark|talk VERB 2 xcomp|tomorrow NOUN 5 obl:tmod|"
                            ". PUNCT 2 punct",
                            "invited"),
                     0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_own_time),
        cmocka_unit_test(test_carry_and_lead),
        cmocka_unit_test(test_restated),
        cmocka_unit_test(test_future),
        cmocka_unit_test(test_foreign),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
