/* test_verbs.c - the verb and noun patterns through dict's public
 * functions (docs/dictionaries.md, "Patterns", "Choice of pattern"):
 * dict_match_word's choice of entry, pattern, slots and covered tokens, its
 * gaps and clause boundaries, the kind filter, word forms, the default code;
 * dict_word_known, dict_word_speech_verb and the pattern accessors. The
 * fixtures are written here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core/arena.h"
#include "dict/dict.h"
#include "text/text.h"

static const char ACTORS[] = "state Russia\n  code RUS\n  name Russia\n"
                             "state Ukraine\n  code UKR\n  name Ukraine\n"
                             "state China\n  code CHN\n  name China\n";

static const char VERBS[] = "verb impose\n"
                            "  163  * {sanction | embargo} on +\n"

                            "  172  * {curfew | martial law}\n"
                            "verb visit\n"
                            "  code 042\n"
                            "  042  * +\n"
                            "verb say\n"
                            "  forms said | says | saying\n"
                            "  speech\n"
                            "  code 010\n"
                            "verb meet\n"
                            "  forms met | meets | meeting\n"
                            "  code 040\n"
                            "  036  * with +\n"
                            "  043  $ * with + in\n"
                            "noun summit\n"
                            "  code 043\n"
                            "  043  * between $ and +\n"
                            "verb levy\n"
                            "  163  * {sanction | embargo} on +\n"
                            "  1631 * {arms embargo} on +\n";

/* One sentence analysed with its mentions and the view dict_match_word
 * reads; everything lives in the arena. */
typedef struct fixture {
    dict_set *ds;
    dy_arena *a;
    txt_doc doc;
    txt_analysis an;
    dict_mention *ms;
    size_t nm;
    dict_sentence s;
} fixture;

/* Load the fixtures, analyse text (one sentence) and match its actors. */
static void setup(fixture *f, const char *text)
{
    dy_err e;
    memset(f, 0, sizeof *f);
    f->ds = dict_set_new();
    assert_non_null(f->ds);
    assert_int_equal(dict_load_string(f->ds, "a.txt", ACTORS, strlen(ACTORS), &e), 0);
    int rc = dict_load_verbs_string(f->ds, "v.txt", VERBS, strlen(VERBS), &e);
    if (rc)
        fail_msg("verbs: line %ld: %s", e.line, e.msg);
    assert_int_equal(dict_compile(f->ds, &e), 0);
    f->a = dy_arena_new();
    assert_non_null(f->a);
    f->doc = (txt_doc){.id = (char *)"d", .text = (char *)text, .len = strlen(text)};
    assert_int_equal(txt_analyze(&f->doc, f->a, &f->an, &e), 0);
    assert_int_equal(f->an.nsent, 1);
    assert_int_equal(dict_match(f->ds, &f->an, NULL, f->a, &f->ms, &f->nm, &e), 0);
    const txt_sentence *st = &f->an.sents[0];
    uint32_t nt = st->tok_end - st->tok_begin;
    int32_t *mstart = dy_arena_alloc(f->a, 2 * nt * sizeof *mstart);
    uint8_t *attr = dy_arena_calloc(f->a, f->nm + 1, 1);
    uint32_t *nh = dy_arena_alloc(f->a, (nt + 1) * sizeof *nh);
    assert_non_null(mstart);
    assert_non_null(attr);
    assert_non_null(nh);
    for (uint32_t k = 0; k < 2 * nt; k++)
        mstart[k] = -1;
    int32_t *mend = mstart + nt;
    for (size_t q = 0; q < f->nm; q++) {
        mstart[f->ms[q].tok_begin - st->tok_begin] = (int32_t)q;
        mend[f->ms[q].tok_end - 1 - st->tok_begin] = (int32_t)q;
    }
    nh[0] = 0;
    for (uint32_t t = 0; t < nt; t++)
        nh[t + 1] = nh[t] + !(f->an.toks[st->tok_begin + t].flags & TXT_TOK_HYPHEN);
    f->s = (dict_sentence){.tk = f->an.toks, .tb = st->tok_begin, .te = st->tok_end,
                           .ms = f->ms, .mstart = mstart, .mend = mend, .attr = attr, .nh = nh};
}

static void teardown(fixture *f)
{
    dy_arena_free(f->a);
    dict_set_free(f->ds);
}

/* The token whose text is word (the first), or fail. */
static uint32_t tok_of(const fixture *f, const char *word)
{
    size_t n = strlen(word);
    for (uint32_t t = f->s.tb; t < f->s.te; t++) {
        const txt_token *k = &f->an.toks[t];
        if (k->end - k->start == n && memcmp(f->doc.text + k->start, word, n) == 0)
            return t;
    }
    fail_msg("no token \"%s\"", word);
    return 0;
}

/* The code of a hit: its pattern's, else its lexeme's default. */
static const char *hit_code(const dict_hit *h)
{
    return h->p ? dict_pattern_code(h->p) : h->lx->code;
}

static void test_pattern_with_words_and_target(void **st)
{
    (void)st;
    fixture f;
    setup(&f, "Russia imposed sanctions on Ukraine.");
    uint32_t v = tok_of(&f, "imposed");
    dict_hit h[2];
    assert_int_equal(dict_match_word(f.ds, &f.s, v, -1, h), 1u << DICT_LX_VERB);
    assert_string_equal(hit_code(&h[DICT_LX_VERB]), "163");
    assert_string_equal(h[DICT_LX_VERB].lx->lemma, "impose");
    assert_int_equal(h[DICT_LX_VERB].form, DICT_WF_PAST);
    assert_int_equal(h[DICT_LX_VERB].score, 4); /* *, sanction, on, + */
    assert_int_equal(h[DICT_LX_VERB].src, -1);
    assert_int_equal(h[DICT_LX_VERB].tgt, 1);   /* Ukraine */
    assert_int_equal(h[DICT_LX_VERB].lo, v);
    /* lo and hi span the word and its word elements, not the slots */
    assert_int_equal(h[DICT_LX_VERB].hi, tok_of(&f, "on"));
    assert_string_equal(dict_pattern_ref(h[DICT_LX_VERB].p), "v.txt:2");
    assert_string_equal(dict_pattern_text(h[DICT_LX_VERB].p), "* {sanction | embargo} on +");
    assert_true(dict_pattern_worded(h[DICT_LX_VERB].p));
    teardown(&f);
}

static void test_multiword_alternative_and_gap(void **st)
{
    (void)st;
    fixture f;
    /* two words between the verb and "martial law": within the gap of 3 */
    setup(&f, "Russia imposed a strict martial law.");
    dict_hit h[2];
    assert_int_equal(dict_match_word(f.ds, &f.s, tok_of(&f, "imposed"), -1, h), 1u);
    assert_string_equal(hit_code(&h[0]), "172");
    assert_int_equal(h[0].score, 2);
    assert_int_equal(h[0].hi, tok_of(&f, "law"));
    assert_false(dict_pattern_worded(NULL));
    teardown(&f);
    /* four words between: too far, and "impose" has no default code */
    setup(&f, "Russia imposed a very very strict martial law.");
    assert_int_equal(dict_match_word(f.ds, &f.s, tok_of(&f, "imposed"), -1, h), 0u);
    teardown(&f);
}

static void test_clause_boundary(void **st)
{
    (void)st;
    fixture f;
    setup(&f, "Russia imposed sanctions; on Ukraine it was silent.");
    dict_hit h[2];
    /* ';' ends the pattern's reach: no match and no default code */
    assert_int_equal(dict_match_word(f.ds, &f.s, tok_of(&f, "imposed"), -1, h), 0u);
    teardown(&f);
}

static void test_default_code_and_slots(void **st)
{
    (void)st;
    fixture f;
    setup(&f, "Russia visited Ukraine.");
    dict_hit h[2];
    assert_int_equal(dict_match_word(f.ds, &f.s, tok_of(&f, "visited"), -1, h), 1u);
    assert_non_null(h[0].p);
    assert_string_equal(hit_code(&h[0]), "042");
    assert_int_equal(h[0].tgt, 1);
    assert_false(dict_pattern_worded(h[0].p));
    teardown(&f);
    setup(&f, "Russia visited the old museum.");
    assert_int_equal(dict_match_word(f.ds, &f.s, tok_of(&f, "visited"), -1, h), 1u);
    assert_null(h[0].p); /* the default code */
    assert_int_equal(h[0].score, 1);
    assert_int_equal(h[0].src, -1);
    assert_int_equal(h[0].tgt, -1);
    assert_string_equal(hit_code(&h[0]), "042");
    teardown(&f);
}

static void test_most_elements_win(void **st)
{
    (void)st;
    fixture f;
    setup(&f, "Russia met with China in Beijing.");
    dict_hit h[2];
    uint32_t v = tok_of(&f, "met");
    assert_int_equal(dict_match_word(f.ds, &f.s, v, -1, h), 1u);
    /* "$ * with + in" (5 elements) beats "* with +" (3), written first */
    assert_string_equal(hit_code(&h[0]), "043");
    assert_int_equal(h[0].score, 5);
    assert_int_equal(h[0].src, 0);
    assert_int_equal(h[0].tgt, 1);
    assert_int_equal(h[0].lo, v);
    assert_int_equal(h[0].hi, tok_of(&f, "in"));
    assert_int_equal(h[0].form, DICT_WF_PAST);
    teardown(&f);
    setup(&f, "Russia met with China.");
    assert_int_equal(dict_match_word(f.ds, &f.s, tok_of(&f, "met"), -1, h), 1u);
    assert_string_equal(hit_code(&h[0]), "036");
    assert_int_equal(h[0].score, 3);
    teardown(&f);
}

/* Equal elements: the pattern covering more words wins, though written
 * later ("arms embargo" over "embargo"); equal words: the earlier one. */
static void test_more_words_win(void **st)
{
    (void)st;
    fixture f;
    dict_hit h[2];
    setup(&f, "Russia will levy an arms embargo on China.");
    assert_int_equal(dict_match_word(f.ds, &f.s, tok_of(&f, "levy"), -1, h), 1u);
    assert_string_equal(hit_code(&h[0]), "1631");
    assert_int_equal(h[0].score, 4);
    teardown(&f);
    setup(&f, "Russia will levy an embargo on China.");
    assert_int_equal(dict_match_word(f.ds, &f.s, tok_of(&f, "levy"), -1, h), 1u);
    assert_string_equal(hit_code(&h[0]), "163");
    teardown(&f);
}

static void test_attribution_fills_no_later_slot(void **st)
{
    (void)st;
    fixture f;
    setup(&f, "Russia met with China.");
    ((uint8_t *)f.s.attr)[1] = 1; /* China speaks an attribution */
    dict_hit h[2];
    assert_int_equal(dict_match_word(f.ds, &f.s, tok_of(&f, "met"), -1, h), 1u);
    assert_null(h[0].p);
    assert_string_equal(hit_code(&h[0]), "040");
    teardown(&f);
}

static void test_nouns_forms_and_force(void **st)
{
    (void)st;
    fixture f;
    setup(&f, "The summit between Russia and China ended.");
    dict_hit h[2];
    uint32_t v = tok_of(&f, "summit");
    assert_int_equal(dict_match_word(f.ds, &f.s, v, -1, h), 1u << DICT_LX_NOUN);
    assert_int_equal(h[DICT_LX_NOUN].lx->kind, DICT_LX_NOUN);
    assert_int_equal(h[DICT_LX_NOUN].form, DICT_WF_BASE);
    assert_int_equal(h[DICT_LX_NOUN].src, 0);
    assert_int_equal(h[DICT_LX_NOUN].tgt, 1);
    assert_int_equal(h[DICT_LX_NOUN].score, 5);
    /* only verbs asked for: none */
    assert_int_equal(dict_match_word(f.ds, &f.s, v, DICT_LX_VERB, h), 0u);
    teardown(&f);
    setup(&f, "The summits were long.");
    assert_int_equal(dict_match_word(f.ds, &f.s, tok_of(&f, "summits"), DICT_LX_NOUN, h),
                     1u << DICT_LX_NOUN);
    assert_int_equal(h[DICT_LX_NOUN].form, DICT_WF_S);
    assert_null(h[DICT_LX_NOUN].p);
    teardown(&f);
    setup(&f, "Russia is meeting China.");
    assert_int_equal(dict_match_word(f.ds, &f.s, tok_of(&f, "meeting"), -1, h), 1u);
    assert_int_equal(h[0].form, DICT_WF_ING);
    teardown(&f);
}

static void test_word_lookups(void **st)
{
    (void)st;
    fixture f;
    setup(&f, "Russia said nothing.");
    assert_true(dict_word_known(f.ds, txt_hash("said", 4)));
    assert_true(dict_word_known(f.ds, txt_hash("imposes", 7)));
    assert_true(dict_word_known(f.ds, txt_hash("met", 3)));
    assert_false(dict_word_known(f.ds, txt_hash("nothing", 7)));
    assert_true(dict_word_speech_verb(f.ds, txt_hash("says", 4)));
    assert_false(dict_word_speech_verb(f.ds, txt_hash("visits", 6)));
    assert_false(dict_word_speech_verb(f.ds, txt_hash("summit", 6)));
    /* lexemes and their patterns in definition order (passive readings
     * of verb patterns followed by words come after them) */
    size_t found = 0;
    for (size_t i = 0; i < dict_lexeme_count(f.ds); i++) {
        const dict_lexeme *lx = dict_lexeme_at(f.ds, i);
        if (strcmp(lx->lemma, "meet") != 0)
            continue;
        found++;
        assert_string_equal(lx->code, "040");
        assert_string_equal(lx->code_ref, "v.txt:13");
        /* two written, then the passive reading of "* with +" */
        assert_int_equal(dict_lexeme_pattern_count(lx), 3);
        assert_string_equal(dict_pattern_code(dict_lexeme_pattern(lx, 0)), "036");
        assert_string_equal(dict_pattern_ref(dict_lexeme_pattern(lx, 1)), "v.txt:15");
        assert_string_equal(dict_pattern_ref(dict_lexeme_pattern(lx, 2)), "v.txt:14");
        assert_string_equal(dict_pattern_code(dict_lexeme_pattern(lx, 2)), "036");
        assert_null(dict_lexeme_pattern(lx, 3));
    }
    assert_int_equal(found, 1);
    assert_null(dict_lexeme_at(f.ds, dict_lexeme_count(f.ds)));
    teardown(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pattern_with_words_and_target),
        cmocka_unit_test(test_multiword_alternative_and_gap),
        cmocka_unit_test(test_clause_boundary),
        cmocka_unit_test(test_default_code_and_slots),
        cmocka_unit_test(test_most_elements_win),
        cmocka_unit_test(test_more_words_win),
        cmocka_unit_test(test_attribution_fills_no_later_slot),
        cmocka_unit_test(test_nouns_forms_and_force),
        cmocka_unit_test(test_word_lookups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
