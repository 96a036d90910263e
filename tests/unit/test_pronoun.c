/* test_pronoun.c - the coder's pronouns (src/code/pronoun.c,
 * code/code_pronoun.h) on small documents written by hand: "they" after a
 * list, and not after a list in a setting ("in Britain, France and
 * Italy"); "it" continuing the subject of its sentence, and never a plural
 * role; no antecedent more than two sentences back; "she" not resolved
 * past a "she" that opens the sentence before; the speaker of
 * reported speech, on a dependency tree written by hand.
 *
 * Each case is a document (tokenised by dyad's tokenizer; a "." token ends
 * a sentence), its actor mentions named by their first token's text (in
 * order) and a made-up code, and the cue table data/coder/cues.txt. The
 * pronoun is in the last sentence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/code_pronoun.h"
#include "core/arena.h"

#ifndef DYAD_SRCDIR
#define DYAD_SRCDIR "."
#endif

#include "fixture_cues.h"
#include "fixture_tree.h"


enum { AGENT = DICT_M_AGENT };

typedef struct ment {
    const char *form;   /* text of its first token; NULL ends the list */
    int ntok;
    const char *code;   /* unique within a case: names the mention */
    unsigned flags;
    const char *list;   /* code of the first member of its list, or NULL */
} ment;

#define END {NULL, 0, NULL, 0, NULL}
#define MAXT 48
#define MAXM 12

typedef struct fx {
    dy_arena *a;
    char *text;
    txt_token *tk;
    txt_sentence sents[8];
    txt_analysis an;
    dict_mention ms[MAXM];
    size_t nm, first; /* mentions; the first of the last sentence */
    int32_t mcover[MAXT];
    code_cue_mask cmask[MAXT];
    uint32_t cstart[MAXT][CODE_CUE_KINDS];
    fixture_tree ft;
    code_view p;
} fx;

static int is_form(const fx *x, uint32_t t, const char *form)
{
    const txt_token *k = &x->tk[t];
    return strlen(form) == k->end - k->start && !memcmp(x->text + k->start, form, strlen(form));
}

static int32_t mention(const fx *x, const char *code)
{
    for (size_t i = 0; i < x->nm; i++)
        if (strcmp(x->ms[i].code, code) == 0)
            return (int32_t)i;
    fail_msg("no mention %s", code);
    return -1;
}

/* The first token at or after `from` whose text is form. */
static uint32_t find_tok(const fx *x, uint32_t from, const char *form)
{
    for (uint32_t t = from; t < x->an.ntok; t++)
        if (is_form(x, t, form))
            return t;
    fail_msg("no token \"%s\"", form);
    return UINT32_MAX;
}

/* The sentences, at "." tokens. */
static void split(fx *x)
{
    uint32_t b = 0;
    for (uint32_t t = 0; t < x->an.ntok; t++) {
        if (!is_form(x, t, "."))
            continue;
        assert_true(x->an.nsent < sizeof x->sents / sizeof *x->sents);
        x->sents[x->an.nsent++] = (txt_sentence){.tok_begin = b, .tok_end = t + 1};
        b = t + 1;
    }
    assert_int_equal(b, x->an.ntok);
}

static void add_mentions(fx *x, const ment *m)
{
    const txt_sentence *last = &x->sents[x->an.nsent - 1];
    uint32_t from = 0;
    x->first = SIZE_MAX;
    for (; m->form; m++) {
        assert_true(x->nm < MAXM);
        dict_mention *d = &x->ms[x->nm];
        d->tok_begin = find_tok(x, from, m->form);
        d->tok_end = d->tok_begin + (uint32_t)m->ntok;
        d->sent = 0;
        while (x->sents[d->sent].tok_end <= d->tok_begin)
            d->sent++;
        d->flags = m->flags;
        snprintf(d->code, sizeof d->code, "%s", m->code);
        /* a list's first member names itself */
        d->list = !m->list                      ? -1
                  : strcmp(m->list, m->code) == 0 ? (int32_t)x->nm
                                                  : mention(x, m->list);
        if (d->sent == x->an.nsent - 1 && x->first == SIZE_MAX)
            x->first = x->nm;
        for (uint32_t t = d->tok_begin; t < d->tok_end && d->sent == x->an.nsent - 1; t++)
            x->mcover[t - last->tok_begin] = (int32_t)x->nm;
        from = d->tok_end;
        x->nm++;
    }
    if (x->first == SIZE_MAX)
        x->first = x->nm;
}

/* The last sentence's tree, one row per token "FORM UPOS HEAD DEPREL"
 * (HEAD 1-based in the sentence, 0 for the root), rows split by '|'. */
static void add_tree(fx *x, const char *rows)
{
    fixture_tree_read(&x->ft, rows, x->text, x->tk, x->p.s.tb, x->p.s.te);
    x->p.s.tree = &x->ft.tree;
}

/* The document text with mentions m; its last sentence parsed as rows
 * when rows is not NULL. */
static fx *build(const char *text, const ment *m, const char *rows)
{
    fx *x = calloc(1, sizeof *x);
    assert_non_null(x);
    x->a = dy_arena_new();
    assert_non_null(x->a);
    x->text = dy_arena_alloc(x->a, strlen(text) + 1);
    assert_non_null(x->text);
    memcpy(x->text, text, strlen(text) + 1);
    dy_err e;
    assert_int_equal(txt_tokenize(x->text, strlen(text), x->a, &x->tk, &x->an.ntok, &e), 0);
    x->an.toks = x->tk;
    x->an.sents = x->sents;
    split(x);
    const txt_sentence *last = &x->sents[x->an.nsent - 1];
    assert_true(last->tok_end - last->tok_begin <= MAXT);
    for (uint32_t i = 0; i < MAXT; i++) {
        x->mcover[i] = -1;
        x->cmask[i] = UINT64_MAX;
    }
    add_mentions(x, m);
    x->p = (code_view){
        .s = {.tk = x->tk, .tb = last->tok_begin, .te = last->tok_end, .tree = NULL,
              .ms = x->ms + x->first, .nm = x->nm - x->first, .mcover = x->mcover, .cues = cues},
        .an = &x->an, .si = (uint32_t)(x->an.nsent - 1), .cmask = x->cmask, .cstart = x->cstart};
    if (rows)
        add_tree(x, rows);
    return x;
}

static void release(fx *x)
{
    dy_arena_free(x->a);
    free(x);
}

/* Resolve the pronoun in the clause of the last sentence before the event
 * word `event`, and compare the antecedents' codes, joined by ' ', with
 * want ("" for none). */
static void check_resolve(const char *text, const ment *m, const char *event, const char *want)
{
    fx *x = build(text, m, NULL);
    const dict_mention *out[16];
    uint32_t v = find_tok(x, x->p.s.tb, event);
    size_t n = code_pronoun_resolve(&x->p, x->p.s.tb, v, x->ms, x->first, out, 16);
    char got[256] = "";
    for (size_t i = 0; i < n; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s", i ? " " : "", out[i]->code);
    if (strcmp(got, want) != 0)
        fail_msg("\"%s\": got \"%s\", want \"%s\"", text, got, want);
    release(x);
}


/* ---- "they" -------------------------------------------------------------- */

static void test_they_list(void **state)
{
    (void)state;
    /* the last list is who "they" are */
    const ment met[] = {{"Japan", 1, "JPN", 0, NULL},   {"Britain", 1, "GBR", 0, "GBR"},
                        {"France", 1, "FRA", 0, "GBR"}, {"Italy", 1, "ITA", 0, "GBR"},
                        {"China", 1, "CHN", 0, NULL},   END};
    check_resolve("Japan met Britain, France and Italy. They criticised China.", met,
                  "criticised", "GBR FRA ITA");
    /* a list after a preposition of setting is a set of places: "they"
     * are the seekers, not the list */
    check_resolve("Japan sought support in Britain, France and Italy. They criticised China.",
                  met, "criticised", "JPN");
    /* ... with a determiner between */
    const ment uk[] = {{"Japan", 1, "JPN", 0, NULL},   {"U.K.", 1, "GBR", 0, "GBR"},
                       {"France", 1, "FRA", 0, "GBR"}, {"Italy", 1, "ITA", 0, "GBR"},
                       {"China", 1, "CHN", 0, NULL},   END};
    check_resolve("Japan sought support in the U.K., France and Italy. They criticised China.", uk,
                  "criticised", "JPN");
    /* "the two countries" are two sides: not a country and its own
     * parliament, but two bodies of one country may be */
    const ment two[] = {{"Japan", 1, "JPN", 0, NULL},
                        {"United", 2, "USA", 0, NULL},
                        {"Congress", 1, "USALEG", AGENT, NULL},
                        {"China", 1, "CHN", 0, NULL}, END};
    check_resolve("Japan spoke. The United States criticised Congress. The two countries "
                  "criticised China.", two, "criticised", "USALEG JPN");
    const ment sides[] = {{"unions", 1, "AUSLAB", AGENT, NULL},
                          {"government", 1, "AUSGOV", AGENT, NULL},
                          {"China", 1, "CHN", 0, NULL}, END};
    check_resolve("The unions criticised the government. The two sides criticised China.", sides,
                  "criticised", "AUSGOV AUSLAB");
}

/* ---- "it" ---------------------------------------------------------------- */

static void test_it(void **state)
{
    (void)state;
    /* a singular pronoun continues the subject of its sentence */
    const ment turkey[] = {{"Turkey", 1, "TUR", 0, NULL}, {"Sweden", 1, "SWE", 0, NULL},
                           {"Greece", 1, "GRC", 0, NULL}, END};
    check_resolve("Turkey criticized Sweden. It accused Greece.", turkey, "accused", "TUR");
    /* "it" never stands for a plural role */
    const ment officials[] = {{"Chinese", 2, "CHNGOV", AGENT, NULL},
                              {"Sweden", 1, "SWE", 0, NULL},
                              {"Greece", 1, "GRC", 0, NULL}, END};
    check_resolve("Chinese officials criticized Sweden. It accused Greece.", officials, "accused",
                  "SWE");
    const ment only[] = {{"Chinese", 2, "CHNGOV", AGENT, NULL}, {"Greece", 1, "GRC", 0, NULL}, END};
    check_resolve("Chinese officials spoke. It accused Greece.", only, "accused", "");
    /* no antecedent more than two sentences back */
    const ment far[] = {{"Turkey", 1, "TUR", 0, NULL}, {"Greece", 1, "GRC", 0, NULL}, END};
    check_resolve("Turkey spoke. Rain fell. Snow fell. It accused Greece.", far, "accused", "");
    check_resolve("Turkey spoke. Rain fell. It accused Greece.", far, "accused", "TUR");
}

/* ---- "he" and "she" ------------------------------------------------------- */

static void test_person_chain(void **state)
{
    (void)state;
    enum { PERSON = DICT_M_PERSON };
    /* "she" opening the sentence before follows someone: a person named
     * after it there is no antecedent of the next "she"; the search goes
     * on before it */
    const ment chain[] = {{"Merkel", 1, "DEUGOV", PERSON, NULL},
                          {"Putin", 1, "RUSGOV", PERSON, NULL},
                          {"China", 1, "CHN", 0, NULL}, END};
    check_resolve("Merkel arrived. She met Putin. She criticised China.", chain, "criticised",
                  "DEUGOV");
    /* ... and within its reach may find no one (the one "she" means is a
     * name no dictionary knows) */
    const ment unknown[] = {{"Putin", 1, "RUSGOV", PERSON, NULL},
                            {"China", 1, "CHN", 0, NULL}, END};
    check_resolve("Anna Ivanova arrived. She spoke about Putin. She criticised China.", unknown,
                  "criticised", "");
    /* without the pronoun before, the last person stands */
    check_resolve("Anna Ivanova arrived. Ivanova spoke about Putin. She criticised China.",
                  unknown, "criticised", "RUSGOV");
}

/* ---- the speaker of reported speech ---------------------------------------- */

static void check_speaker(const char *text, const ment *m, const char *rows, int want_ret,
                          const char *want_spk)
{
    fx *x = build(text, m, rows);
    int32_t spk = -2;
    int r = code_pronoun_speaker(&x->p, find_tok(x, x->p.s.tb, "killed"),
                                 (int32_t)find_tok(x, x->p.s.tb, "it"), &spk);
    assert_int_equal(r, want_ret);
    if (!want_ret)
        assert_int_equal(spk, -2);
    else if (!want_spk)
        assert_int_equal(spk, -1);
    else
        assert_int_equal(spk, mention(x, want_spk) - (int32_t)x->first);
    release(x);
}

static void test_speaker(void **state)
{
    (void)state;
    const char *said = "%s PROPN 2 nsubj|said VERB 0 root|it PRON 4 nsubj|killed VERB 2 ccomp|"
                       "three NUM 4 obj|. PUNCT 2 punct";
    char rows[256];
    /* "Germany said it ...": Germany */
    const ment germany[] = {{"Germany", 1, "DEU", 0, NULL}, END};
    snprintf(rows, sizeof rows, said, "Germany");
    check_speaker("France spoke. Germany said it killed three.", germany, rows, 1, "DEU");
    /* a speaker the dictionaries do not know: no source */
    snprintf(rows, sizeof rows, said, "Nintendo");
    check_speaker("France spoke. Nintendo said it killed three.", (const ment[]){END}, rows, 1,
                  NULL);
    /* "Chinese officials confirmed it ...": "it" is not the officials */
    const ment officials[] = {{"Chinese", 2, "CHNGOV", AGENT, NULL}, END};
    check_speaker("Chinese officials said it killed three.", officials,
                  "Chinese ADJ 2 amod|officials NOUN 3 nsubj|said VERB 0 root|it PRON 5 nsubj|"
                  "killed VERB 3 ccomp|three NUM 5 obj|. PUNCT 3 punct",
                  1, NULL);
    /* not reported speech: not the speaker's */
    check_speaker("Germany saw that it killed three.", germany,
                  "Germany PROPN 2 nsubj|saw VERB 0 root|that SCONJ 5 mark|it PRON 5 nsubj|"
                  "killed VERB 2 ccomp|three NUM 5 obj|. PUNCT 2 punct",
                  0, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_they_list),
        cmocka_unit_test(test_it),
        cmocka_unit_test(test_person_chain),
        cmocka_unit_test(test_speaker),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
