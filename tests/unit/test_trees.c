/* test_trees.c - the coder's cache of syntax trees (code_trees): a second
 * coding of the same analysis that takes the first's trees writes exactly
 * what it writes without them, for the default coder and for the one that
 * keeps every modality (`dyad ingest` codes with both). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/code.h"
#include "core/arena.h"
#include "dict/dict.h"
#include "syntax/syntax.h"
#include "text/text.h"

#ifndef DYAD_SRCDIR
#define DYAD_SRCDIR "."
#endif

static dict_set *ds;
static code_cues *cues;
static syn_model *model;
static code_coder *dflt, *all;

static int setup(void **state)
{
    (void)state;
    dy_err e;
    ds = dict_set_new();
    if (!ds || dict_load_dir(ds, DYAD_SRCDIR "/data", &e) || dict_compile(ds, &e) ||
        code_cues_load(DYAD_SRCDIR "/data/coder/cues.txt", &cues, &e) ||
        syn_model_load(DYAD_SRCDIR "/data/syntax/en.model", &model, &e))
        return -1;
    code_opts o = {.syntax = model};
    if (code_coder_new(ds, cues, &o, &dflt, &e))
        return -1;
    o.all_modalities = 1;
    return code_coder_new(ds, cues, &o, &all, &e) ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    code_coder_free(all);
    code_coder_free(dflt);
    syn_model_free(model);
    code_cues_free(cues);
    dict_set_free(ds);
    return 0;
}

/* Sentences with asserted, negated, future and hypothetical acts, a
 * sentence without one, and one too long for the parser (coded without a
 * tree). */
static char *document(void)
{
    static const char *const lines[] = {
        "Russia and China signed a treaty in Moscow on Monday. ",
        "Japan did not condemn the missile test by North Korea. ",
        "The president said France will send troops to Mali next month. ",
        "If Iran attacks Israel, the United States could impose sanctions on Tehran. ",
        "Shares rose in Tokyo on Tuesday. ",
        "The meeting between India and Pakistan took place in Geneva on Monday. ",
    };
    size_t n = 0, cap = 64 * 1024;
    char *s = malloc(cap);
    assert_non_null(s);
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        n += (size_t)snprintf(s + n, cap - n, "%s", lines[i]);
    n += (size_t)snprintf(s + n, cap - n, "Germany accused Turkey of");
    for (int i = 0; i < SYN_MAX_TOKENS + 10; i++)
        n += (size_t)snprintf(s + n, cap - n, " delays");
    snprintf(s + n, cap - n, ".");
    return s;
}

static void same_events(const code_event *x, size_t nx, const code_event *y, size_t ny)
{
    assert_int_equal(nx, ny);
    for (size_t i = 0; i < nx; i++) {
        assert_int_equal(x[i].sent, y[i].sent);
        assert_string_equal(x[i].source, y[i].source);
        assert_string_equal(x[i].target, y[i].target);
        assert_string_equal(x[i].code, y[i].code);
        assert_int_equal(x[i].modality, y[i].modality);
        assert_int_equal(x[i].verb.start, y[i].verb.start);
        assert_int_equal(txt_date_cmp(&x[i].date, &y[i].date), 0);
    }
}

static void test_second_coding_reuses_trees(void **state)
{
    (void)state;
    char *text = document();
    txt_doc doc = {.id = "t", .text = text, .len = strlen(text),
                   .date = {.year = 2021, .month = 3, .day = 10, .prec = TXT_PREC_DAY}};
    dy_arena *a = dy_arena_new();
    assert_non_null(a);
    txt_analysis an;
    dy_err e;
    assert_int_equal(txt_analyze(&doc, a, &an, &e), 0);
    assert_true(an.nsent >= 7);
    code_event *d0, *a0, *d1, *a1;
    size_t nd0, na0, nd1, na1;
    assert_int_equal(code_document(dflt, &an, a, &d0, &nd0, &e), 0);
    assert_int_equal(code_document(all, &an, a, &a0, &na0, &e), 0);
    /* the cases the document is made of came out */
    assert_true(nd0 >= 3);
    assert_true(na0 > nd0);
    code_trees *t = code_trees_new(a, an.nsent);
    assert_non_null(t);
    assert_int_equal(code_document_trees(dflt, &an, t, a, &d1, &nd1, &e), 0);
    assert_int_equal(code_document_trees(all, &an, t, a, &a1, &na1, &e), 0);
    same_events(d0, nd0, d1, nd1);
    same_events(a0, na0, a1, na1);
    /* and the other way round: the trees of the coder with every modality
     * serve the default one */
    code_trees *u = code_trees_new(a, an.nsent);
    assert_non_null(u);
    assert_int_equal(code_document_trees(all, &an, u, a, &a1, &na1, &e), 0);
    assert_int_equal(code_document_trees(dflt, &an, u, a, &d1, &nd1, &e), 0);
    same_events(d0, nd0, d1, nd1);
    same_events(a0, na0, a1, na1);
    dy_arena_free(a);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_second_coding_reuses_trees),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
