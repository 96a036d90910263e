/* test_modality.c - the modality of the coder's events (src/code/modality.c,
 * code/code_modality.h) on sentences analysed by dyad's text stage: the
 * readings from the cues in the clause (negated, future, hypothetical,
 * alleged, an infinitive), "would" in reported speech, a cue inside a
 * time expression; the reading from a dependency tree written by hand (the
 * complement of a denial); the codes derived (a refusal, an intent, a
 * threat) and which events the default output keeps.
 *
 * Each case is one sentence, the cue table data/coder/cues.txt and a verb
 * dictionary that knows one verb of saying ("said"). The event word is
 * named by its text; the clause starts at the sentence's first token, or
 * after the token that bounds it when the case names one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/code_modality.h"
#include "core/arena.h"

#ifndef DYAD_SRCDIR
#define DYAD_SRCDIR "."
#endif

#include "fixture_cues.h"
#include "fixture_tree.h"

static const char SPEECH[] = "verb say\n  forms said | says\n  speech\n  code 010\n";

#define MAXT 32

typedef struct fx {
    dy_arena *a;
    dict_set *ds;
    txt_doc doc;
    txt_analysis an;
    int32_t mcover[MAXT];
    code_cue_mask cmask[MAXT];
    uint32_t cstart[MAXT][CODE_CUE_KINDS];
    fixture_tree ft;
    code_view v;
} fx;

/* The first token of the sentence whose text is form. */
static uint32_t tok(const fx *x, const char *form)
{
    for (uint32_t t = x->v.s.tb; t < x->v.s.te; t++) {
        const txt_token *k = &x->an.toks[t];
        if (strlen(form) == k->end - k->start && !memcmp(x->doc.text + k->start, form, strlen(form)))
            return t;
    }
    fail_msg("no token \"%s\"", form);
    return UINT32_MAX;
}

/* The sentence text (one sentence), analysed, with no mentions. */
static fx *build(const char *text)
{
    fx *x = calloc(1, sizeof *x);
    assert_non_null(x);
    dy_err e;
    x->ds = dict_set_new();
    assert_non_null(x->ds);
    assert_int_equal(dict_load_verbs_string(x->ds, "say.txt", SPEECH, strlen(SPEECH), &e), 0);
    assert_int_equal(dict_compile(x->ds, &e), 0);
    x->a = dy_arena_new();
    assert_non_null(x->a);
    x->doc = (txt_doc){.id = (char *)"d", .text = (char *)text, .len = strlen(text),
                       .date = {2024, 6, 21, TXT_PREC_DAY}};
    assert_int_equal(txt_analyze(&x->doc, x->a, &x->an, &e), 0);
    assert_int_equal(x->an.nsent, 1);
    const txt_sentence *s = &x->an.sents[0];
    assert_true(s->tok_end - s->tok_begin <= MAXT);
    for (uint32_t i = 0; i < MAXT; i++) {
        x->mcover[i] = -1;
        x->cmask[i] = UINT64_MAX;
    }
    x->v = (code_view){.s = {.tk = x->an.toks, .tb = s->tok_begin, .te = s->tok_end,
                             .mcover = x->mcover, .cues = cues},
                       .an = &x->an, .si = 0, .ds = x->ds, .cmask = x->cmask,
                       .cstart = x->cstart};
    return x;
}

static void release(fx *x)
{
    dy_arena_free(x->a);
    dict_set_free(x->ds);
    free(x);
}

/* The sentence's tree, one row per token "FORM UPOS HEAD DEPREL" (HEAD
 * 1-based, 0 for the root), rows split by '|'. */
static void add_tree(fx *x, const char *rows)
{
    fixture_tree_read(&x->ft, rows, x->doc.text, x->an.toks, x->v.s.tb, x->v.s.te);
    x->v.s.tree = &x->ft.tree;
}

static const char *mod_name(int m)
{
    static const char *names[] = {"asserted", "negated", "future", "hypothetical", "alleged"};
    return m >= 0 && m <= CODE_MOD_ALLEGED ? names[m] : "?";
}

/* Read the modality of word `event` of x's sentence, whose clause is
 * bounded by token `bound` (NULL: none, the clause is the sentence), and
 * compare it and the text of its cue ("" for none) with want and want_cue.
 * Returns the modality; *oblig as code_modality_read sets it. */
static int check_read(fx *x, const char *bound, const char *event, int form, int want,
                      const char *want_cue, int *oblig)
{
    uint32_t b = bound ? tok(x, bound) : UINT32_MAX;
    uint32_t cs = bound ? b + 1 : x->v.s.tb, cb, ce;
    int ob;
    int m = code_modality_read(&x->v, cs, tok(x, event), b, form, &ob, &cb, &ce);
    char cue[64] = "";
    if (ce > cb) {
        uint32_t s = x->an.toks[cb].start, e = x->an.toks[ce - 1].end;
        snprintf(cue, sizeof cue, "%.*s", (int)(e - s), x->doc.text + s);
    }
    if (m != want || strcmp(cue, want_cue) != 0)
        fail_msg("\"%s\": got %s \"%s\", want %s \"%s\"", x->doc.text, mod_name(m), cue,
                 mod_name(want), want_cue);
    if (oblig)
        *oblig = ob;
    return m;
}

/* check_read on a sentence without a parse. */
static void check(const char *text, const char *bound, const char *event, int form, int want,
                  const char *want_cue)
{
    fx *x = build(text);
    check_read(x, bound, event, form, want, want_cue, NULL);
    release(x);
}

/* ---- readings from the cues ---------------------------------------------- */

static void test_cues(void **state)
{
    (void)state;
    check("Russia attacked Ukraine.", NULL, "attacked", DICT_WF_PAST, CODE_MOD_ASSERTED, "");
    check("Russia did not attack Ukraine.", NULL, "attack", DICT_WF_BASE, CODE_MOD_NEGATED, "not");
    check("Russia will attack Ukraine.", NULL, "attack", DICT_WF_BASE, CODE_MOD_FUTURE, "will");
    check("If Russia attacks Ukraine, Poland will help.", NULL, "attacks", DICT_WF_S,
          CODE_MOD_HYPOTHETICAL, "If");
    check("Russia reportedly attacked Ukraine.", NULL, "attacked", DICT_WF_PAST,
          CODE_MOD_ALLEGED, "reportedly");
    /* the strongest reading wins: negated over future */
    check("Russia will not attack Ukraine.", NULL, "attack", DICT_WF_BASE, CODE_MOD_NEGATED,
          "not");
    /* a cue before the clause's bound is not the clause's */
    check("Russia did not say that Ukraine attacked Poland.", "that", "attacked", DICT_WF_PAST,
          CODE_MOD_ASSERTED, "");
}

static void test_infinitive_and_time(void **state)
{
    (void)state;
    /* an infinitive is an act not yet done; a gerund after "to" is done */
    check("Russia tried to visit Ukraine.", NULL, "visit", DICT_WF_BASE, CODE_MOD_FUTURE, "to");
    check("Russia resorted to shelling Ukraine.", NULL, "shelling", DICT_WF_ING,
          CODE_MOD_ASSERTED, "");
    /* after a verb of continuing or starting the act is done */
    check("Russia continued to shell Ukraine.", NULL, "shell", DICT_WF_BASE, CODE_MOD_ASSERTED,
          "");
    check("Russia began to shell Ukraine.", NULL, "shell", DICT_WF_BASE, CODE_MOD_ASSERTED, "");
    /* "May" the month is no "may" of possibility */
    check("In May Russia attacked Ukraine.", NULL, "attacked", DICT_WF_PAST, CODE_MOD_ASSERTED, "");
    check("Russia may attack Ukraine.", NULL, "attack", DICT_WF_BASE, CODE_MOD_HYPOTHETICAL,
          "may");
}

/* ---- reported speech ---------------------------------------------------- */

static void test_reported(void **state)
{
    (void)state;
    /* "would" after a verb of saying is the future seen from the past ... */
    check("Russia said it would meet Ukraine.", "said", "meet", DICT_WF_BASE, CODE_MOD_FUTURE,
          "would");
    /* ... elsewhere a condition */
    check("Russia thought it would meet Ukraine.", "thought", "meet", DICT_WF_BASE,
          CODE_MOD_HYPOTHETICAL, "would");
    fx *x = build("Russia said Ukraine must withdraw.");
    assert_int_equal(code_mod_speech_opener(&x->v, tok(x, "said")), tok(x, "said"));
    assert_int_equal(code_mod_speech_opener(&x->v, tok(x, "Ukraine")), tok(x, "said"));
    assert_int_equal(code_mod_speech_opener(&x->v, UINT32_MAX), UINT32_MAX);
    int oblig = -1;
    check_read(x, "said", "withdraw", DICT_WF_BASE, CODE_MOD_ASSERTED, "", &oblig);
    assert_int_equal(oblig, 1);
    release(x);
    /* not reported: no obligation laid on anyone */
    x = build("Russia thought Ukraine must withdraw.");
    assert_int_equal(code_mod_speech_opener(&x->v, tok(x, "thought")), UINT32_MAX);
    check_read(x, "thought", "withdraw", DICT_WF_BASE, CODE_MOD_ASSERTED, "", &oblig);
    assert_int_equal(oblig, 0);
    release(x);
}

/* ---- the parse ---------------------------------------------------------- */

static void test_syntax(void **state)
{
    (void)state;
    /* The clause after "that" has no cue; the tree makes it the complement
     * of a denial: a claim. */
    const char *rows = "Russia PROPN 2 nsubj|denied VERB 0 root|that SCONJ 6 mark|"
                       "its PRON 5 nmod:poss|troops NOUN 6 nsubj|entered VERB 2 ccomp|"
                       "Ukraine PROPN 6 obj|. PUNCT 2 punct";
    const char *text = "Russia denied that its troops entered Ukraine.";
    check(text, "that", "entered", DICT_WF_PAST, CODE_MOD_ASSERTED, "");
    fx *x = build(text);
    add_tree(x, rows);
    check_read(x, "that", "entered", DICT_WF_PAST, CODE_MOD_ALLEGED, "denied", NULL);
    release(x);
    /* a marker on the verb the word depends on: "could respond by giving" */
    x = build("Russia could respond by giving weapons.");
    add_tree(x, "Russia PROPN 3 nsubj|could AUX 3 aux|respond VERB 0 root|by SCONJ 5 mark|"
                "giving VERB 3 advcl|weapons NOUN 5 obj|. PUNCT 3 punct");
    /* (the word window starts after "by", a boundary here) */
    check_read(x, "by", "giving", DICT_WF_ING, CODE_MOD_HYPOTHETICAL, "could", NULL);
    release(x);
    /* a verb coordinated with an infinitive shares it: "to meet X and sign" */
    x = build("Russia went to meet Iran and sign a deal.");
    add_tree(x, "Russia PROPN 2 nsubj|went VERB 0 root|to PART 4 mark|meet VERB 2 advcl|"
                "Iran PROPN 4 obj|and CCONJ 7 cc|sign VERB 4 conj|a DET 9 det|deal NOUN 7 obj|"
                ". PUNCT 2 punct");
    check_read(x, NULL, "sign", DICT_WF_BASE, CODE_MOD_FUTURE, "to", NULL);
    release(x);
}

/* ---- derived codes and the default output ----------------------------------- */

/* A sentence, its event word and the act's code, with the code derived
 * from it ("" for none) and the modality after derivation. */
typedef struct derivation {
    const char *text, *event;
    int form;
    const char *code, *want;
    int want_mod;
} derivation;

static void test_derive(void **state)
{
    (void)state;
    static const derivation cases[] = {
        /* a refused meeting is a rejection, asserted; so is "will not" */
        {"Russia refused to meet Ukraine.", "meet", DICT_WF_BASE, "040", "125", CODE_MOD_ASSERTED},
        {"Russia will not meet Ukraine.", "meet", DICT_WF_BASE, "040", "125", CODE_MOD_ASSERTED},
        /* "did not meet" is a negated fact */
        {"Russia did not meet Ukraine.", "meet", DICT_WF_BASE, "040", "", CODE_MOD_NEGATED},
        /* a future meeting is an intent, a future attack a threat */
        {"Russia will meet Ukraine.", "meet", DICT_WF_BASE, "040", "036", CODE_MOD_FUTURE},
        {"Russia will attack Ukraine.", "attack", DICT_WF_BASE, "190", "1384", CODE_MOD_FUTURE},
        /* force attempted is force used; another act tried is an intent */
        {"Russia tried to attack Ukraine.", "attack", DICT_WF_BASE, "190", "", CODE_MOD_ASSERTED},
        {"Russia tried to meet Ukraine.", "meet", DICT_WF_BASE, "040", "036", CODE_MOD_FUTURE},
        /* an alleged attack stays what it is */
        {"Russia reportedly attacked Ukraine.", "attacked", DICT_WF_PAST, "190", "",
         CODE_MOD_ALLEGED},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const derivation *c = &cases[i];
        fx *x = build(c->text);
        uint32_t cb, ce;
        int ob;
        int mod = code_modality_read(&x->v, x->v.s.tb, tok(x, c->event), UINT32_MAX, c->form, &ob,
                                     &cb, &ce);
        const char *d = code_modality_derive(&x->v, &mod, cb, ce, UINT32_MAX, c->code);
        if (strcmp(d ? d : "", c->want) != 0 || mod != c->want_mod)
            fail_msg("\"%s\": got \"%s\" %s, want \"%s\" %s", c->text, d ? d : "",
                     mod_name(mod), c->want, mod_name(c->want_mod));
        release(x);
    }
}

static void test_kept(void **state)
{
    (void)state;
    assert_int_equal(code_modality_kept(CODE_MOD_ASSERTED, "190", "190", 1), 1);
    assert_int_equal(code_modality_kept(CODE_MOD_NEGATED, "040", "040", 1), 0);
    assert_int_equal(code_modality_kept(CODE_MOD_ALLEGED, "190", "190", 1), 0);
    /* an intent: kept when future, or read without a parse */
    assert_int_equal(code_modality_kept(CODE_MOD_FUTURE, "040", "036", 1), 1);
    assert_int_equal(code_modality_kept(CODE_MOD_HYPOTHETICAL, "036", "036", 1), 0);
    assert_int_equal(code_modality_kept(CODE_MOD_HYPOTHETICAL, "036", "036", 0), 1);
    /* a threat: kept when derived, not when only possible */
    assert_int_equal(code_modality_kept(CODE_MOD_FUTURE, "190", "1384", 1), 1);
    assert_int_equal(code_modality_kept(CODE_MOD_FUTURE, "138", "138", 1), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cues),
        cmocka_unit_test(test_infinitive_and_time),
        cmocka_unit_test(test_reported),
        cmocka_unit_test(test_syntax),
        cmocka_unit_test(test_derive),
        cmocka_unit_test(test_kept),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
