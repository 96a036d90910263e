/* test_cues.c - the coder's cue table (src/code/cues.c, data/coder/cues.txt):
 * kinds by name, multi-word cues ending at a token, the kind filter, and
 * the errors of a bad cue file (with its line). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "code/code.h"
#include "core/arena.h"
#include "text/text.h"

#ifndef DYAD_SRCDIR
#define DYAD_SRCDIR "."
#endif

/* Tokens of text (one sentence) into *toks; returns their count. */
static uint32_t tokens(dy_arena *a, const char *text, const txt_token **toks)
{
    txt_doc d = {.id = (char *)"t", .text = (char *)text, .len = strlen(text)};
    txt_analysis *an = dy_arena_alloc(a, sizeof *an);
    dy_err e = {0};
    assert_non_null(an);
    assert_int_equal(txt_analyze(&d, a, an, &e), 0);
    *toks = an->toks;
    return (uint32_t)an->ntok;
}

/* The cue kinds ending at the token whose text is word. */
static code_cue_mask kinds_at(const code_cues *c, const txt_token *tk, uint32_t n, const char *word)
{
    for (uint32_t j = 0; j < n; j++)
        if (tk[j].norm_len == strlen(word) && memcmp(tk[j].norm, word, tk[j].norm_len) == 0)
            return code_cues_at(c, tk, 0, j, NULL);
    fail_msg("no token %s", word);
    return 0;
}

static void test_kinds_and_phrases(void **st)
{
    (void)st;
    const char *src = "# a comment\n"
                      "sports match | world cup | six nations\n"
                      "negated did not | never\n"
                      "topic-preposition on\n";
    code_cues *c = NULL;
    dy_err e = {0};
    assert_int_equal(code_cues_load_string("t.txt", src, strlen(src), &c, &e), 0);
    dy_arena *a = dy_arena_new();
    const txt_token *tk;
    uint32_t n = tokens(a, "France did not play the World Cup match on Sunday.", &tk);
    assert_int_equal(kinds_at(c, tk, n, "match"), CODE_CUE_BIT(CODE_CUE_SPORTS));
    assert_int_equal(kinds_at(c, tk, n, "cup"), CODE_CUE_BIT(CODE_CUE_SPORTS));
    assert_int_equal(kinds_at(c, tk, n, "world"), 0);
    assert_int_equal(kinds_at(c, tk, n, "not"), CODE_CUE_BIT(CODE_CUE_NEGATED));
    assert_int_equal(kinds_at(c, tk, n, "on"), CODE_CUE_BIT(CODE_CUE_TOPIC_PREP));
    assert_int_equal(kinds_at(c, tk, n, "sunday"), 0);
    /* the filter never says no to a cue that is there */
    for (uint32_t j = 0; j < n; j++)
        if (code_cues_at(c, tk, 0, j, NULL) & (CODE_CUE_BIT(CODE_CUE_SPORTS)))
            assert_true(code_cues_may_end(c, CODE_CUE_BIT(CODE_CUE_SPORTS), tk[j].hash));
    dy_arena_free(a);
    code_cues_free(c);
}

static void test_bad_files(void **st)
{
    (void)st;
    code_cues *c = NULL;
    dy_err e = {0};
    const char *bad = "sports match\nsporty goal\n";
    assert_int_equal(code_cues_load_string("b.txt", bad, strlen(bad), &c, &e), DY_EPARSE);
    assert_null(c);
    assert_int_equal(e.line, 2);
    assert_non_null(strstr(e.msg, "sporty"));
    const char *empty = "sports match | | cup\n";
    e = (dy_err){0};
    assert_int_equal(code_cues_load_string("b.txt", empty, strlen(empty), &c, &e), DY_EPARSE);
    assert_int_equal(e.line, 1);
}

/* The shipped table loads and knows the words of sport it documents, and
 * not the political words it leaves out on purpose. */
static void test_shipped_sports(void **st)
{
    (void)st;
    code_cues *c = NULL;
    dy_err e = {0};
    assert_int_equal(code_cues_load(DYAD_SRCDIR "/data/coder/cues.txt", &c, &e), 0);
    dy_arena *a = dy_arena_new();
    const txt_token *tk;
    uint32_t n = tokens(a, "The striker scored in the Arab League stadium as the goal was a win.", &tk);
    assert_int_equal(kinds_at(c, tk, n, "striker"), CODE_CUE_BIT(CODE_CUE_SPORTS));
    assert_int_equal(kinds_at(c, tk, n, "stadium"), CODE_CUE_BIT(CODE_CUE_SPORTS));
    assert_false(kinds_at(c, tk, n, "league") & (CODE_CUE_BIT(CODE_CUE_SPORTS)));
    assert_false(kinds_at(c, tk, n, "goal") & (CODE_CUE_BIT(CODE_CUE_SPORTS)));
    assert_false(kinds_at(c, tk, n, "win") & (CODE_CUE_BIT(CODE_CUE_SPORTS)));
    n = tokens(a, "On Monday, where its troops were, after the talks ended.", &tk);
    assert_true(kinds_at(c, tk, n, "monday") & CODE_CUE_BIT(CODE_CUE_DAY));
    assert_true(kinds_at(c, tk, n, "where") & CODE_CUE_BIT(CODE_CUE_SUBORDINATOR));
    assert_true(kinds_at(c, tk, n, "after") & CODE_CUE_BIT(CODE_CUE_SUBORDINATOR));
    assert_true(kinds_at(c, tk, n, "its") & CODE_CUE_BIT(CODE_CUE_POSSESSIVE));
    assert_false(kinds_at(c, tk, n, "troops") & CODE_CUE_BIT(CODE_CUE_POSSESSIVE));
    assert_false(kinds_at(c, tk, n, "talks") & CODE_CUE_BIT(CODE_CUE_SUBORDINATOR));
    dy_arena_free(a);
    code_cues_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds_and_phrases),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_shipped_sports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
