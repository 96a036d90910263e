/* test_syntax.c - the syntax stage (src/syntax/): relation and tag names,
 * the arc-hybrid transition system, the dynamic oracle and
 * projectivisation, the feature extractors and the parser's score cache,
 * the CoNLL-U reader and the alignment of treebank words with dyad's
 * tokens, training and the model file (determinism, damage of every
 * kind, allocation failures), parsing with a model trained here and with
 * the committed model (data/syntax/en.model) on sentences checked by
 * hand, and measuring.
 *
 * The treebank below is ours (written for this test, not taken from any
 * corpus); the temporary files live in one directory made by the group
 * setup and removed by its teardown. Random trees and walks come from a
 * fixed-seed generator, so every run checks the same cases. */
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
#include "core/arena.h"
#include "core/hash.h"
#include "syntax/syntax_conllu.h"
#include "text/text.h"

#ifndef DYAD_SRCDIR
#define DYAD_SRCDIR "."
#endif

#define REAL_MODEL DYAD_SRCDIR "/data/syntax/en.model"
/* test_parse_feature_keys_fixed: the keys of syntax model format 2. */
#define PARSE_KEYS_DIGEST 0xdba8c4095cedbb17ull

/* ---- a fixed-seed generator -------------------------------------------- */

static uint64_t rng_state;

static void rng_seed(uint64_t s) { rng_state = s ? s : 0x9E3779B97F4A7C15ull; }

static uint64_t rng(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static int rng_below(int n) { return (int)(rng() % (uint64_t)n); }

/* Apply a legal move of s drawn at random; returns how many there were (0:
 * none applied). */
static int random_move(syn_state *s)
{
    int legal[SYN_NMOVES], nl = 0;
    for (int c = 0; c < SYN_NMOVES; c++)
        if (syn_move_legal(s, c))
            legal[nl++] = c;
    if (nl > 0)
        syn_state_apply(s, legal[rng_below(nl)]);
    return nl;
}

/* ---- our treebank ------------------------------------------------------- */

/* One sentence: its text and its words as "FORM UPOS XPOS HEAD DEPREL"
 * separated by '|' (HEAD 1-based, 0 for the root). */
typedef struct tb_sent {
    const char *text;
    const char *words;
} tb_sent;

static const tb_sent TREEBANK[] = {
    {"Iran condemned the attack.",
     "Iran PROPN NNP 2 nsubj|condemned VERB VBD 0 root|the DET DT 4 det|"
     "attack NOUN NN 2 obj|. PUNCT . 2 punct"},
    {"Germany expelled two diplomats.",
     "Germany PROPN NNP 2 nsubj|expelled VERB VBD 0 root|two NUM CD 4 nummod|"
     "diplomats NOUN NNS 2 obj|. PUNCT . 2 punct"},
    {"Russia and China signed a treaty.",
     "Russia PROPN NNP 4 nsubj|and CCONJ CC 3 cc|China PROPN NNP 1 conj|"
     "signed VERB VBD 0 root|a DET DT 6 det|treaty NOUN NN 4 obj|. PUNCT . 4 punct"},
    {"The minister met the president in Cairo.",
     "The DET DT 2 det|minister NOUN NN 3 nsubj|met VERB VBD 0 root|the DET DT 5 det|"
     "president NOUN NN 3 obj|in ADP IN 7 case|Cairo PROPN NNP 3 obl|. PUNCT . 3 punct"},
    {"Two diplomats were expelled by Germany.",
     "Two NUM CD 2 nummod|diplomats NOUN NNS 4 nsubj:pass|were AUX VBD 4 aux:pass|"
     "expelled VERB VBN 0 root|by ADP IN 6 case|Germany PROPN NNP 4 obl:agent|"
     ". PUNCT . 4 punct"},
    {"France recalled its ambassador.",
     "France PROPN NNP 2 nsubj|recalled VERB VBD 0 root|its PRON PRP$ 4 nmod:poss|"
     "ambassador NOUN NN 2 obj|. PUNCT . 2 punct"},
    {"The rebels attacked the town.",
     "The DET DT 2 det|rebels NOUN NNS 3 nsubj|attacked VERB VBD 0 root|the DET DT 5 det|"
     "town NOUN NN 3 obj|. PUNCT . 3 punct"},
    {"Officials said Iran had broken the deal.",
     "Officials NOUN NNS 2 nsubj|said VERB VBD 0 root|Iran PROPN NNP 5 nsubj|"
     "had AUX VBD 5 aux|broken VERB VBN 2 ccomp|the DET DT 7 det|deal NOUN NN 5 obj|"
     ". PUNCT . 2 punct"},
    {"Egypt hosted talks with Israel.",
     "Egypt PROPN NNP 2 nsubj|hosted VERB VBD 0 root|talks NOUN NNS 2 obj|"
     "with ADP IN 5 case|Israel PROPN NNP 3 nmod|. PUNCT . 2 punct"},
    {"The army fired on protesters.",
     "The DET DT 2 det|army NOUN NN 3 nsubj|fired VERB VBD 0 root|on ADP IN 5 case|"
     "protesters NOUN NNS 3 obl|. PUNCT . 3 punct"},
    {"Japan sent aid to Turkey.",
     "Japan PROPN NNP 2 nsubj|sent VERB VBD 0 root|aid NOUN NN 2 obj|to ADP IN 5 case|"
     "Turkey PROPN NNP 2 obl|. PUNCT . 2 punct"},
    {"Spain will host the summit.",
     "Spain PROPN NNP 3 nsubj|will AUX MD 3 aux|host VERB VB 0 root|the DET DT 5 det|"
     "summit NOUN NN 3 obj|. PUNCT . 3 punct"},
    {"Police arrested the protesters yesterday.",
     "Police NOUN NN 2 nsubj|arrested VERB VBD 0 root|the DET DT 4 det|"
     "protesters NOUN NNS 2 obj|yesterday NOUN NN 2 obl:tmod|. PUNCT . 2 punct"},
    {"Iran and Iraq signed the accord in Geneva.",
     "Iran PROPN NNP 4 nsubj|and CCONJ CC 3 cc|Iraq PROPN NNP 1 conj|signed VERB VBD 0 root|"
     "the DET DT 6 det|accord NOUN NN 4 obj|in ADP IN 8 case|Geneva PROPN NNP 4 obl|"
     ". PUNCT . 4 punct"},
};
#define TB_N (sizeof TREEBANK / sizeof *TREEBANK)

/* Parsed rows of a treebank sentence. */
typedef struct tb_word {
    char form[32], upos[8], xpos[8], rel[16];
    int head; /* 1-based, 0 root */
} tb_word;

static size_t tb_words(const tb_sent *s, tb_word *w, size_t cap)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", s->words);
    size_t n = 0;
    char *save = NULL;
    for (char *row = strtok_r(buf, "|", &save); row && n < cap;
         row = strtok_r(NULL, "|", &save)) {
        int k = sscanf(row, "%31s %7s %7s %d %15s", w[n].form, w[n].upos, w[n].xpos,
                       &w[n].head, w[n].rel);
        assert_int_equal(k, 5);
        n++;
    }
    return n;
}

/* Write sentences [0, n) of the treebank as CoNLL-U. */
static int write_treebank(const char *path, size_t n)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    for (size_t i = 0; i < n; i++) {
        tb_word w[32];
        size_t nw = tb_words(&TREEBANK[i], w, 32);
        fprintf(f, "# sent_id = ours-%zu\n# text = %s\n", i + 1, TREEBANK[i].text);
        for (size_t j = 0; j < nw; j++)
            fprintf(f, "%zu\t%s\t_\t%s\t%s\t_\t%d\t%s\t_\t_\n", j + 1, w[j].form, w[j].upos,
                    w[j].xpos, w[j].head, w[j].rel);
        fputc('\n', f);
    }
    return fclose(f);
}

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

static unsigned char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *p = malloc(len > 0 ? (size_t)len : 1);
    if (p && fread(p, 1, (size_t)len, f) != (size_t)len) {
        free(p);
        p = NULL;
    }
    fclose(f);
    *n = (size_t)len;
    return p;
}

/* ---- shared fixtures ------------------------------------------------- */

static char tmpdir[256];
static char tb_path[300], model_path[300], model2_path[300];
static syn_model *tiny;        /* trained on TREEBANK */
static unsigned char *tiny_bytes;
static size_t tiny_len;
static syn_model *real;        /* data/syntax/en.model */

static char *tmp_path(const char *name)
{
    static char p[8][300];
    static int k;
    k = (k + 1) % 8;
    snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
    return p[k];
}

static syn_train_opts tiny_opts(const char *const *files, size_t nfiles)
{
    syn_train_opts o = {.files = files, .nfiles = nfiles, .wordnet = NULL, .tagger_iters = 8,
                        .parser_iters = 10, .folds = 2, .explore = -1, .seed = 0};
    return o;
}

static int group_setup(void **state)
{
    (void)state;
    const char *t = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/dyad-test-syntax.XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(tb_path, sizeof tb_path, "%s/ours.conllu", tmpdir);
    snprintf(model_path, sizeof model_path, "%s/a.model", tmpdir);
    snprintf(model2_path, sizeof model2_path, "%s/b.model", tmpdir);
    if (write_treebank(tb_path, TB_N))
        return -1;
    const char *files[] = {tb_path};
    syn_train_opts o = tiny_opts(files, 1);
    dy_err e;
    if (syn_train(&o, model_path, &e) || syn_train(&o, model2_path, &e)) {
        fprintf(stderr, "training failed: %s\n", e.msg);
        return -1;
    }
    if (syn_model_load(model_path, &tiny, &e)) {
        fprintf(stderr, "loading the trained model failed: %s\n", e.msg);
        return -1;
    }
    tiny_bytes = read_all(model_path, &tiny_len);
    if (!tiny_bytes)
        return -1;
    if (syn_model_load(REAL_MODEL, &real, &e)) {
        fprintf(stderr, "%s: %s\n", REAL_MODEL, e.msg);
        return -1;
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    syn_model_free(tiny);
    syn_model_free(real);
    free(tiny_bytes);
    char cmd[400];
    /* only files this test wrote live there */
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- names ----------------------------------------------------------- */

static int lookup(const char *s) { return syn_rel_lookup(s, strlen(s)); }

static void test_rel_lookup_exact(void **state)
{
    (void)state;
    assert_int_equal(lookup("nsubj:pass"), SYN_REL_NSUBJ_PASS);
    assert_int_equal(lookup("nsubj"), SYN_REL_NSUBJ);
    assert_int_equal(lookup("obl:agent"), SYN_REL_OBL_AGENT);
    assert_int_equal(lookup("acl:relcl"), SYN_REL_ACL_RELCL);
    assert_int_equal(lookup("compound:prt"), SYN_REL_COMPOUND_PRT);
    assert_int_equal(lookup("root"), SYN_REL_ROOT);
    assert_int_equal(lookup("dep"), SYN_REL_DEP);
    /* every relation's name gives it back */
    for (int r = 0; r < SYN_REL_COUNT; r++)
        assert_int_equal(lookup(syn_rel_name(r)), r);
    /* names are distinct */
    for (int r = 0; r < SYN_REL_COUNT; r++)
        for (int q = r + 1; q < SYN_REL_COUNT; q++)
            assert_string_not_equal(syn_rel_name(r), syn_rel_name(q));
}

static void test_rel_lookup_folding(void **state)
{
    (void)state;
    /* subtypes dyad does not keep fold to their universal relation */
    assert_int_equal(lookup("obl:tmod"), SYN_REL_OBL);
    assert_int_equal(lookup("obl:npmod"), SYN_REL_OBL);
    assert_int_equal(lookup("nmod:desc"), SYN_REL_NMOD);
    assert_int_equal(lookup("nmod:tmod"), SYN_REL_NMOD);
    assert_int_equal(lookup("advcl:relcl"), SYN_REL_ADVCL);
    assert_int_equal(lookup("nsubj:outer"), SYN_REL_NSUBJ);
    /* unknown universal parts are unknown */
    assert_int_equal(lookup("subject"), -1);
    assert_int_equal(lookup("foo:pass"), -1);
    assert_int_equal(lookup(""), -1);
    assert_int_equal(lookup(":pass"), -1);
    assert_int_equal(lookup("NSUBJ"), -1); /* labels are lower case */
    /* only n bytes are read: the name need not be NUL-terminated */
    assert_int_equal(syn_rel_lookup("nsubj:passXYZ", 10), SYN_REL_NSUBJ_PASS);
    assert_int_equal(syn_rel_lookup("nsubj:passXYZ", 5), SYN_REL_NSUBJ);
    assert_int_equal(syn_rel_lookup("objection", 3), SYN_REL_OBJ);
    /* out-of-range names */
    assert_string_equal(syn_rel_name(-1), "dep");
    assert_string_equal(syn_rel_name(SYN_REL_COUNT), "dep");
}

static void test_rel_universal(void **state)
{
    (void)state;
    assert_int_equal(syn_rel_universal(SYN_REL_NSUBJ_PASS), SYN_REL_NSUBJ);
    assert_int_equal(syn_rel_universal(SYN_REL_OBL_AGENT), SYN_REL_OBL);
    assert_int_equal(syn_rel_universal(SYN_REL_OBL_UNMARKED), SYN_REL_OBL);
    assert_int_equal(syn_rel_universal(SYN_REL_ACL_RELCL), SYN_REL_ACL);
    assert_int_equal(syn_rel_universal(SYN_REL_NMOD_POSS), SYN_REL_NMOD);
    assert_int_equal(syn_rel_universal(SYN_REL_COMPOUND_PRT), SYN_REL_COMPOUND);
    assert_int_equal(syn_rel_universal(SYN_REL_AUX_PASS), SYN_REL_AUX);
    assert_int_equal(syn_rel_universal(SYN_REL_CSUBJ_PASS), SYN_REL_CSUBJ);
    assert_int_equal(syn_rel_universal(SYN_REL_DET_PREDET), SYN_REL_DET);
    assert_int_equal(syn_rel_universal(SYN_REL_CC_PRECONJ), SYN_REL_CC);
    assert_int_equal(syn_rel_universal(SYN_REL_ROOT), SYN_REL_ROOT);
    assert_int_equal(syn_rel_universal(SYN_REL_OBJ), SYN_REL_OBJ);
    for (int r = 0; r < SYN_REL_COUNT; r++) {
        int u = syn_rel_universal(r);
        assert_true(u >= 0 && u < SYN_REL_COUNT);
        /* the universal relation has no subtype and is a prefix of r */
        assert_null(strchr(syn_rel_name(u), ':'));
        const char *name = syn_rel_name(r), *un = syn_rel_name(u);
        assert_memory_equal(name, un, strlen(un));
        assert_true(name[strlen(un)] == '\0' || name[strlen(un)] == ':');
        assert_int_equal(syn_rel_universal(u), u);
    }
}

static void test_upos_names(void **state)
{
    (void)state;
    assert_int_equal(syn_upos_lookup("NOUN", 4), SYN_NOUN);
    assert_int_equal(syn_upos_lookup("PROPN", 5), SYN_PROPN);
    assert_int_equal(syn_upos_lookup("VERB", 4), SYN_VERB);
    assert_int_equal(syn_upos_lookup("X", 1), SYN_X);
    assert_int_equal(syn_upos_lookup("NOUNS", 4), SYN_NOUN);
    assert_int_equal(syn_upos_lookup("noun", 4), -1);
    assert_int_equal(syn_upos_lookup("NN", 2), -1);
    assert_int_equal(syn_upos_lookup("", 0), -1);
    for (int u = 0; u < SYN_UPOS_COUNT; u++) {
        const char *name = syn_upos_name(u);
        assert_int_equal(syn_upos_lookup(name, strlen(name)), u);
    }
    assert_string_equal(syn_upos_name(-1), "X");
    assert_string_equal(syn_upos_name(SYN_UPOS_COUNT), "X");
    /* the Penn refinements */
    assert_int_equal(syn_xpos_of("VBN"), SYN_XPOS_VBN);
    assert_int_equal(syn_xpos_of("VBD"), SYN_XPOS_VBD);
    assert_int_equal(syn_xpos_of("NNPS"), SYN_XPOS_NNPS);
    assert_int_equal(syn_xpos_of("POS"), SYN_XPOS_POS);
    assert_int_equal(syn_xpos_of("NN"), SYN_XPOS_OTHER);
    assert_int_equal(syn_xpos_of(""), SYN_XPOS_OTHER);
}

/* ---- the transition system ------------------------------------------ */

static dy_arena *arena(void)
{
    dy_arena *a = dy_arena_new();
    assert_non_null(a);
    return a;
}

/* Number of legal moves of each kind in s; root_right: RIGHT-root legal. */
static void legal_kinds(const syn_state *s, int count[3], int *root_right, int *root_left)
{
    count[0] = count[1] = count[2] = 0;
    *root_right = *root_left = 0;
    for (int c = 0; c < SYN_NMOVES; c++) {
        if (!syn_move_legal(s, c))
            continue;
        count[syn_move_kind(c)]++;
        if (syn_move_rel(c) == SYN_REL_ROOT)
            *(syn_move_kind(c) == SYN_RIGHT ? root_right : root_left) = 1;
    }
}

static void test_move_encoding(void **state)
{
    (void)state;
    assert_int_equal(syn_move(SYN_SHIFT, -1), 0);
    assert_int_equal(syn_move_kind(0), SYN_SHIFT);
    assert_int_equal(syn_move_rel(0), -1);
    int seen[SYN_NMOVES] = {0};
    for (int r = 0; r < SYN_REL_COUNT; r++)
        for (int k = SYN_LEFT; k <= SYN_RIGHT; k++) {
            int c = syn_move(k, r);
            assert_true(c > 0 && c < SYN_NMOVES);
            assert_int_equal(syn_move_kind(c), k);
            assert_int_equal(syn_move_rel(c), r);
            seen[c]++;
        }
    for (int c = 1; c < SYN_NMOVES; c++)
        assert_int_equal(seen[c], 1);
}

static void test_state_initial(void **state)
{
    (void)state;
    dy_arena *a = arena();
    syn_state s;
    assert_int_equal(syn_state_init(&s, 3, a), 0);
    assert_int_equal(s.n, 3);
    assert_int_equal(s.sp, 1);
    assert_int_equal(s.stack[0], 3); /* the root */
    assert_int_equal(s.b, 0);
    for (int i = 0; i <= 3; i++) {
        assert_int_equal(s.head[i], -1);
        assert_int_equal(s.lc1[i], -1);
        assert_int_equal(s.lc2[i], -1);
        assert_int_equal(s.rc1[i], -1);
        assert_int_equal(s.rc2[i], -1);
        assert_int_equal(s.nl[i], 0);
        assert_int_equal(s.nr[i], 0);
        assert_true(s.lset[i] == 0 && s.rset[i] == 0);
    }
    assert_false(syn_state_terminal(&s));
    int count[3], rr, rl;
    legal_kinds(&s, count, &rr, &rl);
    assert_int_equal(count[SYN_SHIFT], 1);
    assert_int_equal(count[SYN_LEFT], 0);
    assert_int_equal(count[SYN_RIGHT], 0);

    /* no tokens: terminal at once, nothing legal */
    syn_state z;
    assert_int_equal(syn_state_init(&z, 0, a), 0);
    assert_true(syn_state_terminal(&z));
    for (int c = 0; c < SYN_NMOVES; c++)
        assert_false(syn_move_legal(&z, c));
    dy_arena_free(a);
}

static void test_state_legality(void **state)
{
    (void)state;
    dy_arena *a = arena();
    syn_state s;
    int count[3], rr, rl;
    assert_int_equal(syn_state_init(&s, 3, a), 0);
    syn_state_apply(&s, 0);
    /* [root 0 | 1 2]: LEFT with any relation but root; no RIGHT onto the
     * root while the buffer has tokens */
    legal_kinds(&s, count, &rr, &rl);
    assert_int_equal(count[SYN_SHIFT], 1);
    assert_int_equal(count[SYN_LEFT], SYN_REL_COUNT - 1);
    assert_int_equal(count[SYN_RIGHT], 0);
    assert_false(rl);
    assert_false(rr);
    syn_state_apply(&s, 0);
    /* [root 0 1 | 2]: RIGHT between tokens with any relation but root */
    legal_kinds(&s, count, &rr, &rl);
    assert_int_equal(count[SYN_SHIFT], 1);
    assert_int_equal(count[SYN_LEFT], SYN_REL_COUNT - 1);
    assert_int_equal(count[SYN_RIGHT], SYN_REL_COUNT - 1);
    assert_false(rr);
    syn_state_apply(&s, 0);
    /* [root 0 1 2 | ]: no SHIFT, no LEFT (no buffer front) */
    legal_kinds(&s, count, &rr, &rl);
    assert_int_equal(count[SYN_SHIFT], 0);
    assert_int_equal(count[SYN_LEFT], 0);
    assert_int_equal(count[SYN_RIGHT], SYN_REL_COUNT - 1);
    syn_state_apply(&s, syn_move(SYN_RIGHT, SYN_REL_OBJ));
    syn_state_apply(&s, syn_move(SYN_RIGHT, SYN_REL_NSUBJ));
    /* [root 0 | ]: only RIGHT-root */
    legal_kinds(&s, count, &rr, &rl);
    assert_int_equal(count[SYN_SHIFT] + count[SYN_LEFT], 0);
    assert_int_equal(count[SYN_RIGHT], 1);
    assert_true(rr);
    assert_true(syn_move_legal(&s, syn_move(SYN_RIGHT, SYN_REL_ROOT)));
    assert_false(syn_move_legal(&s, syn_move(SYN_RIGHT, SYN_REL_DEP)));
    assert_false(syn_state_terminal(&s));
    syn_state_apply(&s, syn_move(SYN_RIGHT, SYN_REL_ROOT));
    assert_true(syn_state_terminal(&s));
    for (int c = 0; c < SYN_NMOVES; c++)
        assert_false(syn_move_legal(&s, c));
    assert_int_equal(s.head[0], 3);
    assert_int_equal(s.rel[0], SYN_REL_ROOT);
    assert_int_equal(s.head[1], 0);
    assert_int_equal(s.head[2], 1);
    dy_arena_free(a);
}

/* "Iran condemned the attack ." by hand:
 * Iran <-nsubj- condemned -obj-> attack -det-> the; condemned -punct-> . */
static void test_state_sequence_by_hand(void **state)
{
    (void)state;
    dy_arena *a = arena();
    syn_state s;
    assert_int_equal(syn_state_init(&s, 5, a), 0);
    const int seq[] = {
        0, syn_move(SYN_LEFT, SYN_REL_NSUBJ),             /* Iran <- condemned */
        0, 0, syn_move(SYN_LEFT, SYN_REL_DET),            /* the <- attack */
        0, syn_move(SYN_RIGHT, SYN_REL_OBJ),              /* condemned -> attack */
        0, syn_move(SYN_RIGHT, SYN_REL_PUNCT),            /* condemned -> . */
        syn_move(SYN_RIGHT, SYN_REL_ROOT)};
    size_t nseq = sizeof seq / sizeof *seq;
    assert_int_equal(nseq, 10); /* 2n moves */
    for (size_t i = 0; i < nseq; i++) {
        assert_false(syn_state_terminal(&s));
        assert_true(syn_move_legal(&s, seq[i]));
        syn_state_apply(&s, seq[i]);
        if (i == 1) { /* Iran popped, condemned still in the buffer */
            assert_int_equal(s.sp, 1);
            assert_int_equal(s.b, 1);
            assert_int_equal(s.lc1[1], 0);
            assert_int_equal(s.nl[1], 1);
        }
        if (i == 6) { /* [root condemned | .] */
            assert_int_equal(s.sp, 2);
            assert_int_equal(s.stack[1], 1);
            assert_int_equal(s.b, 4);
        }
    }
    assert_true(syn_state_terminal(&s));
    const int head[] = {1, 5, 3, 1, 1};
    const int rel[] = {SYN_REL_NSUBJ, SYN_REL_ROOT, SYN_REL_DET, SYN_REL_OBJ, SYN_REL_PUNCT};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(s.head[i], head[i]);
        assert_int_equal(s.rel[i], rel[i]);
    }
    /* condemned: one left dependent, two right ones (the farthest first) */
    assert_int_equal(s.lc1[1], 0);
    assert_int_equal(s.lc2[1], -1);
    assert_int_equal(s.rc1[1], 4);
    assert_int_equal(s.rc2[1], 3);
    assert_int_equal(s.nl[1], 1);
    assert_int_equal(s.nr[1], 2);
    assert_true(s.lset[1] == 1ull << SYN_REL_NSUBJ);
    assert_true(s.rset[1] == (1ull << SYN_REL_OBJ | 1ull << SYN_REL_PUNCT));
    /* attack: "the" on its left */
    assert_int_equal(s.lc1[3], 2);
    assert_int_equal(s.nl[3], 1);
    assert_int_equal(s.nr[3], 0);
    /* the root (index n, at the bottom of the stack): condemned, booked as
     * a left dependent by index */
    assert_int_equal(s.lc1[5], 1);
    assert_int_equal(s.nl[5], 1);
    assert_int_equal(s.nr[5], 0);
    /* leaves */
    for (int i = 0; i < 5; i += 2) {
        assert_int_equal(s.lc1[i], -1);
        assert_int_equal(s.rc1[i], -1);
    }
    dy_arena_free(a);
}

/* Does every token reach the root n, with exactly one token on it? */
static int one_rooted_tree(const int *head, int n)
{
    int roots = 0;
    for (int i = 0; i < n; i++) {
        if (head[i] < 0 || head[i] > n || head[i] == i)
            return 0;
        roots += head[i] == n;
        int x = i, steps = 0;
        while (x != n && steps++ <= n)
            x = head[x];
        if (x != n)
            return 0;
    }
    return roots == 1;
}

/* Is every arc h -> d (h a token) projective: h dominates every token
 * between them? */
static int projective(const int *head, int n)
{
    for (int d = 0; d < n; d++) {
        int h = head[d];
        if (h == n)
            continue;
        int lo = h < d ? h : d, hi = h < d ? d : h;
        for (int k = lo + 1; k < hi; k++) {
            int x = k, steps = 0;
            while (x != h && x != n && steps++ <= n)
                x = head[x];
            if (x != h)
                return 0;
        }
    }
    return 1;
}

/* Any legal walk of 2n moves ends in a projective tree with one root, and
 * the bookkeeping of dependents matches the arcs. */
static void test_state_random_walks(void **state)
{
    (void)state;
    dy_arena *a = arena();
    rng_seed(42);
    for (int n = 1; n <= 40; n++) {
        for (int rep = 0; rep < 25; rep++) {
            dy_arena_reset(a);
            syn_state s;
            assert_int_equal(syn_state_init(&s, n, a), 0);
            int moves = 0;
            while (!syn_state_terminal(&s)) {
                assert_true(random_move(&s) > 0); /* never stuck */
                moves++;
                assert_true(moves <= 2 * n);
            }
            assert_int_equal(moves, 2 * n);
            assert_int_equal(s.sp, 1);
            assert_int_equal(s.b, n);
            assert_true(one_rooted_tree(s.head, n));
            assert_true(projective(s.head, n));
            for (int i = 0; i < n; i++)
                assert_int_equal(s.rel[i] == SYN_REL_ROOT, s.head[i] == n);
            for (int h = 0; h <= n; h++) {
                int nl = 0, nr = 0, l1 = -1, r1 = -1;
                uint64_t ls = 0, rs = 0;
                for (int d = 0; d < n; d++) {
                    if (s.head[d] != h)
                        continue;
                    if (d < h) {
                        nl++;
                        ls |= 1ull << s.rel[d];
                        if (l1 < 0)
                            l1 = d;
                    } else {
                        nr++;
                        rs |= 1ull << s.rel[d];
                        r1 = d;
                    }
                }
                assert_int_equal(s.nl[h], nl);
                assert_int_equal(s.nr[h], nr);
                assert_int_equal(s.lc1[h], l1);
                assert_int_equal(s.rc1[h], r1);
                assert_true(s.lset[h] == ls && s.rset[h] == rs);
            }
        }
    }
    dy_arena_free(a);
}

/* ---- the oracle ------------------------------------------------------ */

/* Tokens [lo, hi) as one subtree under parent: a random head, the rest
 * split into contiguous subtrees on each side (so the tree is projective). */
static void gen_span(int *head, int lo, int hi, int parent)
{
    int h = lo + rng_below(hi - lo);
    head[h] = parent;
    for (int x = lo; x < h;) {
        int len = 1 + rng_below(h - x);
        gen_span(head, x, x + len, h);
        x += len;
    }
    for (int x = h + 1; x < hi;) {
        int len = 1 + rng_below(hi - x);
        gen_span(head, x, x + len, h);
        x += len;
    }
}

static void gen_tree(int *head, uint8_t *rel, int n)
{
    gen_span(head, 0, n, n);
    head[n] = -1;
    for (int i = 0; i < n; i++) {
        int r;
        do
            r = rng_below(SYN_REL_COUNT);
        while (r == SYN_REL_ROOT);
        rel[i] = (uint8_t)(head[i] == n ? SYN_REL_ROOT : r);
    }
    rel[n] = 0;
}

/* Walk from the initial state: with probability err_pct % a random legal
 * move, else a random zero-cost move. Checks on the way that some move
 * costs nothing, that syn_oracle_cost agrees with syn_oracle_costs, and at
 * the end that the arcs lost are exactly the costs paid. Returns the total
 * cost. */
static int oracle_walk(const int *gold, const uint8_t *grel, int n, int err_pct, dy_arena *a,
                       int *out_head, uint8_t *out_rel)
{
    syn_state s;
    assert_int_equal(syn_state_init(&s, n, a), 0);
    int paid = 0, moves = 0;
    while (!syn_state_terminal(&s)) {
        int32_t cost[SYN_NMOVES];
        syn_oracle_costs(&s, gold, grel, cost);
        int zero[SYN_NMOVES], nz = 0, legal[SYN_NMOVES], nl = 0;
        for (int c = 0; c < SYN_NMOVES; c++) {
            if (!syn_move_legal(&s, c)) {
                assert_int_equal(cost[c], INT32_MAX);
                continue;
            }
            assert_true(cost[c] >= 0 && cost[c] <= n + 1);
            assert_int_equal(syn_oracle_cost(&s, c, gold, grel), cost[c]);
            legal[nl++] = c;
            if (cost[c] == 0)
                zero[nz++] = c;
        }
        assert_true(nz > 0); /* the best move loses nothing more */
        int c = rng_below(100) < err_pct ? legal[rng_below(nl)] : zero[rng_below(nz)];
        paid += cost[c];
        syn_state_apply(&s, c);
        moves++;
    }
    assert_int_equal(moves, 2 * n);
    int wrong = 0;
    for (int i = 0; i < n; i++) {
        wrong += s.head[i] != gold[i] || s.rel[i] != grel[i];
        out_head[i] = s.head[i];
        out_rel[i] = s.rel[i];
    }
    assert_int_equal(wrong, paid);
    return paid;
}

static void test_oracle_zero_cost_reproduces_gold(void **state)
{
    (void)state;
    dy_arena *a = arena();
    rng_seed(7);
    int gold[64], head[64];
    uint8_t grel[64], rel[64];
    for (int n = 1; n <= 30; n++) {
        for (int rep = 0; rep < 20; rep++) {
            dy_arena_reset(a);
            gen_tree(gold, grel, n);
            assert_true(one_rooted_tree(gold, n));
            assert_true(projective(gold, n));
            assert_int_equal(oracle_walk(gold, grel, n, 0, a, head, rel), 0);
            assert_memory_equal(head, gold, (size_t)n * sizeof *head);
            assert_memory_equal(rel, grel, (size_t)n);
        }
    }
    dy_arena_free(a);
}

static void test_oracle_costs_after_errors(void **state)
{
    (void)state;
    dy_arena *a = arena();
    rng_seed(11);
    int gold[64], head[64];
    uint8_t grel[64], rel[64];
    long paid_total = 0;
    for (int n = 1; n <= 30; n++) {
        for (int rep = 0; rep < 20; rep++) {
            dy_arena_reset(a);
            gen_tree(gold, grel, n);
            /* every cost paid is an arc lost, and no arc is lost unpaid */
            paid_total += oracle_walk(gold, grel, n, 5 + rep * 4, a, head, rel);
        }
    }
    assert_true(paid_total > 100); /* the walks did go wrong */
    dy_arena_free(a);
}

/* Costs of particular moves, counted by hand. */
static void test_oracle_costs_by_hand(void **state)
{
    (void)state;
    dy_arena *a = arena();
    /* Iran(0) <-nsubj- condemned(1) -obj-> attack(3) <-det- the(2);
     * condemned -punct-> .(4); condemned is the root (5). */
    const int gold[] = {1, 5, 3, 1, 1, -1};
    const uint8_t grel[] = {SYN_REL_NSUBJ, SYN_REL_ROOT, SYN_REL_DET, SYN_REL_OBJ,
                            SYN_REL_PUNCT, 0};
    syn_state s;
    assert_int_equal(syn_state_init(&s, 5, a), 0);
    syn_state_apply(&s, 0); /* [R Iran | condemned ...] */
    assert_int_equal(syn_oracle_cost(&s, syn_move(SYN_LEFT, SYN_REL_NSUBJ), gold, grel), 0);
    /* the right head with the wrong relation */
    assert_int_equal(syn_oracle_cost(&s, syn_move(SYN_LEFT, SYN_REL_OBJ), gold, grel), 1);
    /* shifting condemned over Iran loses Iran's head (condemned can no
     * longer take it as a left dependent) and condemned's root arc (Iran
     * stays below it) */
    assert_int_equal(syn_oracle_cost(&s, 0, gold, grel), 2);
    syn_state_apply(&s, 0); /* [R Iran condemned | the attack .] */
    /* both arcs are lost already; what the moves lose now: */
    /* condemned under Iran: its dependents in the buffer (attack, .) */
    assert_int_equal(syn_oracle_cost(&s, syn_move(SYN_RIGHT, SYN_REL_DEP), gold, grel), 2);
    /* condemned under "the": the same two */
    assert_int_equal(syn_oracle_cost(&s, syn_move(SYN_LEFT, SYN_REL_DEP), gold, grel), 2);
    /* shifting "the": it can still take attack as its head */
    assert_int_equal(syn_oracle_cost(&s, 0, gold, grel), 0);
    int32_t cost[SYN_NMOVES];
    syn_oracle_costs(&s, gold, grel, cost);
    assert_int_equal(cost[0], 0);
    assert_int_equal(cost[syn_move(SYN_RIGHT, SYN_REL_ROOT)], INT32_MAX); /* illegal */
    for (int r = 0; r < SYN_REL_COUNT; r++)
        if (r != SYN_REL_ROOT)
            assert_int_equal(cost[syn_move(SYN_RIGHT, r)], 2);
    dy_arena_free(a);
}

static void test_projectivize_known(void **state)
{
    (void)state;
    /* 0 is the root; 0 -> 2, 0 -> 3, and 3 -> 1 crosses over 2, which 3
     * does not dominate: the arc to 1 is lifted to 3's head. */
    int head[] = {4, 3, 0, 0};
    assert_false(projective(head, 4));
    assert_int_equal(syn_projectivize(head, 4), 1);
    const int want[] = {4, 0, 0, 0};
    assert_memory_equal(head, want, sizeof want);
    assert_true(projective(head, 4));

    /* "An inquiry was opened into the strike yesterday": "into the
     * strike" modifies inquiry across the verb. 0 An, 1 inquiry, 2 was,
     * 3 opened (the root), 4 into, 5 the, 6 strike, 7 yesterday. */
    int h2[] = {1, 3, 3, 8, 6, 6, 1, 3};
    assert_false(projective(h2, 8));
    int lifted = syn_projectivize(h2, 8);
    assert_true(lifted >= 1);
    assert_true(projective(h2, 8));
    assert_true(one_rooted_tree(h2, 8));
    assert_int_equal(h2[6], 3); /* strike lifted to opened */
    assert_int_equal(h2[4], 6);
    assert_int_equal(h2[0], 1);

    /* projective trees are left as they are */
    int p[] = {1, 5, 3, 1, 1};
    int copy[5];
    memcpy(copy, p, sizeof p);
    assert_int_equal(syn_projectivize(p, 5), 0);
    assert_memory_equal(p, copy, sizeof p);
}

/* Random trees: projectivisation makes them projective, keeps them trees
 * with the same root, only moves a head up to an ancestor, and leaves
 * projective trees alone. */
static void test_projectivize_random(void **state)
{
    (void)state;
    rng_seed(99);
    int lifted_any = 0;
    for (int n = 1; n <= 25; n++) {
        for (int rep = 0; rep < 40; rep++) {
            int head[32], orig[32];
            /* a random tree: a random order of attachment */
            int order[32];
            for (int i = 0; i < n; i++)
                order[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = rng_below(i + 1), x = order[i];
                order[i] = order[j];
                order[j] = x;
            }
            head[order[0]] = n;
            for (int i = 1; i < n; i++)
                head[order[i]] = order[rng_below(i)];
            assert_true(one_rooted_tree(head, n));
            memcpy(orig, head, sizeof head);
            int was = projective(head, n);
            int lifted = syn_projectivize(head, n);
            assert_true(projective(head, n));
            assert_true(one_rooted_tree(head, n));
            if (was) {
                assert_int_equal(lifted, 0);
                assert_memory_equal(head, orig, (size_t)n * sizeof *head);
            } else {
                assert_true(lifted > 0);
                lifted_any++;
            }
            int changed = 0;
            for (int i = 0; i < n; i++) {
                if (head[i] == orig[i])
                    continue;
                changed++;
                /* the new head is an ancestor of the old one */
                int x = orig[i], steps = 0;
                while (x != head[i] && x != n && steps++ <= n)
                    x = orig[x];
                assert_int_equal(x, head[i]);
            }
            assert_true(lifted >= changed);
            assert_int_equal(head[order[0]], n);
        }
    }
    assert_true(lifted_any > 100);
}

/* After projectivisation the oracle reproduces the lifted tree. */
static void test_oracle_on_projectivized(void **state)
{
    (void)state;
    dy_arena *a = arena();
    rng_seed(5);
    for (int n = 2; n <= 20; n++) {
        for (int rep = 0; rep < 10; rep++) {
            dy_arena_reset(a);
            int gold[32], head[32];
            uint8_t grel[32], rel[32];
            gold[0] = n;
            for (int i = 1; i < n; i++)
                gold[i] = rng_below(i); /* 0 roots a random tree */
            for (int i = 0; i < n; i++)
                grel[i] = (uint8_t)(gold[i] == n ? SYN_REL_ROOT : SYN_REL_DEP + 2 + i % 20);
            gold[n] = -1;
            syn_projectivize(gold, n);
            assert_int_equal(oracle_walk(gold, grel, n, 0, a, head, rel), 0);
            assert_memory_equal(head, gold, (size_t)n * sizeof *head);
        }
    }
    dy_arena_free(a);
}

/* ---- features -------------------------------------------------------- */

typedef struct toks {
    dy_arena *a;
    const char *text;
    txt_token *t;
    size_t n;
} toks;

static toks tokenize(const char *text)
{
    toks k = {.a = arena(), .text = text};
    dy_err e;
    assert_int_equal(txt_tokenize(text, strlen(text), k.a, &k.t, &k.n, &e), 0);
    return k;
}

static int same_word(const syn_word *x, const syn_word *y)
{
    return x->w == y->w && x->shape == y->shape && !memcmp(x->pre, y->pre, sizeof x->pre) &&
           !memcmp(x->suf, y->suf, sizeof x->suf) && x->flags == y->flags && x->lex == y->lex;
}

static void test_words_prepare(void **state)
{
    (void)state;
    toks k = tokenize("Obama met Osama in U.S. cities on 1,500 e-mail days a");
    syn_word w[32], w2[32];
    assert_true(k.n < 32);
    syn_words_prepare(NULL, k.t, k.n, w);
    syn_words_prepare(NULL, k.t, k.n, w2);
    for (size_t i = 0; i < k.n; i++)
        assert_true(same_word(&w[i], &w2[i])); /* deterministic */
    /* token 0 Obama, 1 met, 2 Osama, 3 in, 4 U.S., 5 cities, 6 on, 7 1,500,
     * 8 e, 9 -, 10 mail, 11 days, 12 a */
    assert_int_equal(k.n, 13);
    assert_true(w[0].flags & SYN_W_FIRST);
    for (size_t i = 1; i < k.n; i++)
        assert_false(w[i].flags & SYN_W_FIRST);
    assert_true(w[7].flags & SYN_W_DIGIT);
    assert_false(w[5].flags & SYN_W_DIGIT);
    assert_true(w[8].flags & SYN_W_HYPH_NEXT);
    assert_false(w[10].flags & SYN_W_HYPH_NEXT);
    assert_true(w[0].w == k.t[0].hash);
    /* shapes: Obama and Osama alike, met otherwise */
    assert_true(w[0].shape == w[2].shape);
    assert_true(w[0].shape != w[1].shape);
    assert_true(w[1].shape == w[3].shape); /* "met", "in": x */
    assert_true(w[4].shape != w[0].shape);
    /* affixes only for words longer than the affix */
    assert_true(w[12].pre[0] == 0 && w[12].suf[0] == 0); /* "a" */
    assert_true(w[3].pre[0] != 0 && w[3].pre[1] == 0);   /* "in" */
    assert_true(w[1].suf[1] != 0 && w[1].suf[2] == 0);   /* "met" */
    assert_true(w[5].suf[3] != 0);                       /* "cities" */
    /* same suffix, same feature value: "cities" and "days" end in "s" */
    assert_true(w[5].suf[0] == w[11].suf[0]);
    assert_true(w[5].suf[1] != w[11].suf[1]);
    /* the lexicon's classes: none without one, the model's with one */
    for (size_t i = 0; i < k.n; i++)
        assert_int_equal(w[i].lex, 0);
    syn_words_prepare(&real->lex, k.t, k.n, w2);
    assert_true(w2[1].lex != 0); /* "met" is in WordNet */
    dy_arena_free(k.a);
}

static int all_distinct_nonzero(const uint64_t *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (f[i] == 0)
            return 0;
        for (size_t j = i + 1; j < n; j++)
            if (f[i] == f[j])
                return 0;
    }
    return 1;
}

/* Do two feature lists differ as sets? */
static int differ(const uint64_t *f, size_t nf, const uint64_t *g, size_t ng)
{
    if (nf != ng)
        return 1;
    for (size_t i = 0; i < nf; i++) {
        size_t j = 0;
        while (j < ng && g[j] != f[i])
            j++;
        if (j == ng)
            return 1;
    }
    return 0;
}

static void test_tag_features(void **state)
{
    (void)state;
    toks k = tokenize("The president visited China on Monday.");
    syn_word w[16];
    syn_words_prepare(&real->lex, k.t, k.n, w);
    uint8_t tags[16] = {0}, first[16] = {0};
    for (size_t i = 0; i < k.n; i++) {
        tags[i] = (uint8_t)(i % real->ntags);
        first[i] = (uint8_t)((i * 7) % real->ntags);
    }
    uint64_t f[SYN_TAG_MAX_FEATS], g[SYN_TAG_MAX_FEATS];
    for (size_t i = 0; i < k.n; i++) {
        size_t nf = syn_tag_features(real, w, k.n, i, tags, NULL, f);
        size_t ng = syn_tag_features(real, w, k.n, i, tags, NULL, g);
        assert_true(nf > 10 && nf <= SYN_TAG_MAX_FEATS);
        assert_int_equal(nf, ng);
        assert_memory_equal(f, g, nf * sizeof *f); /* deterministic */
        assert_true(all_distinct_nonzero(f, nf));
        /* the second pass sees more */
        size_t n2 = syn_tag_features(real, w, k.n, i, tags, first, g);
        assert_true(n2 > nf && n2 <= SYN_TAG_MAX_FEATS);
        assert_true(all_distinct_nonzero(g, n2));
        assert_memory_equal(f, g, nf * sizeof *f); /* ... and the first pass's */
    }
    /* another history, another word: other features */
    size_t n1 = syn_tag_features(real, w, k.n, 2, tags, NULL, f);
    uint8_t other[16];
    memcpy(other, tags, sizeof other);
    other[1] = (uint8_t)((tags[1] + 1) % real->ntags);
    size_t n2 = syn_tag_features(real, w, k.n, 2, other, NULL, g);
    assert_true(differ(f, n1, g, n2));
    n2 = syn_tag_features(real, w, k.n, 3, tags, NULL, g);
    assert_true(differ(f, n1, g, n2));
    /* the tags of later tokens are not read in the first pass */
    memcpy(other, tags, sizeof other);
    other[3] = (uint8_t)((tags[3] + 5) % real->ntags);
    n2 = syn_tag_features(real, w, k.n, 2, other, NULL, g);
    assert_int_equal(n1, n2);
    assert_memory_equal(f, g, n1 * sizeof *f);
    dy_arena_free(k.a);
}

static void test_parse_features(void **state)
{
    (void)state;
    toks k = tokenize("Iran condemned the attack on the embassy .");
    syn_word w[16];
    syn_words_prepare(&real->lex, k.t, k.n, w);
    uint8_t tags[16];
    for (size_t i = 0; i < k.n; i++)
        tags[i] = (uint8_t)((i * 3) % real->ntags);
    int n = (int)k.n;
    dy_arena *a = arena();
    /* walk a random legal path, comparing each configuration's features
     * with the previous one's */
    rng_seed(3);
    for (int rep = 0; rep < 20; rep++) {
        syn_state s;
        assert_int_equal(syn_state_init(&s, n, a), 0);
        uint64_t prev[SYN_PARSE_MAX_FEATS];
        size_t nprev = 0;
        while (1) {
            uint64_t f[SYN_PARSE_MAX_FEATS], g[SYN_PARSE_MAX_FEATS];
            size_t nf = syn_parse_features(&s, w, tags, real->tag_upos, f);
            size_t ng = syn_parse_features(&s, w, tags, real->tag_upos, g);
            assert_true(nf > 20 && nf <= SYN_PARSE_MAX_FEATS);
            assert_int_equal(nf, ng);
            assert_memory_equal(f, g, nf * sizeof *f);
            for (size_t i = 0; i < nf; i++)
                assert_true(f[i] != 0);
            if (nprev)
                assert_true(differ(f, nf, prev, nprev));
            memcpy(prev, f, nf * sizeof *f);
            nprev = nf;
            if (syn_state_terminal(&s))
                break;
            random_move(&s);
        }
    }
    /* Same stack and buffer, another relation on a dependent: the label
     * features tell them apart. */
    syn_state x, y;
    assert_int_equal(syn_state_init(&x, n, a), 0);
    assert_int_equal(syn_state_init(&y, n, a), 0);
    syn_state_apply(&x, 0);
    syn_state_apply(&y, 0);
    syn_state_apply(&x, syn_move(SYN_LEFT, SYN_REL_NSUBJ));
    syn_state_apply(&y, syn_move(SYN_LEFT, SYN_REL_OBJ));
    uint64_t f[SYN_PARSE_MAX_FEATS], g[SYN_PARSE_MAX_FEATS];
    size_t nf = syn_parse_features(&x, w, tags, real->tag_upos, f);
    size_t ng = syn_parse_features(&y, w, tags, real->tag_upos, g);
    assert_true(differ(f, nf, g, ng));
    /* other tags, other features */
    uint8_t t2[16];
    memcpy(t2, tags, sizeof t2);
    t2[1] = (uint8_t)((tags[1] + 1) % real->ntags);
    ng = syn_parse_features(&x, w, t2, real->tag_upos, g);
    assert_true(differ(f, nf, g, ng));
    dy_arena_free(a);
    dy_arena_free(k.a);
}

/* Sentences for the parser's feature and scoring checks: short and long,
 * with punctuation, names, numbers and clauses. */
static const char *const PARSE_SENTENCES[] = {
    "Iran condemned the attack on the embassy .",
    "The president , who arrived in Beijing on Monday , said that China and the "
    "United States would sign a trade agreement worth $ 1.5 billion next year .",
    "Rebels attacked the town .",
    "\"We will not accept this ,\" the minister told reporters after talks with "
    "his Russian counterpart in Geneva , adding that sanctions had failed .",
};
#define N_PARSE_SENTENCES (sizeof PARSE_SENTENCES / sizeof *PARSE_SENTENCES)

/* The parser's feature keys are what the model file's weights mean: a
 * digest of every key along fixed random walks over fixed sentences, as
 * the templates gave it when the model was trained. A change here needs a
 * new model format (docs/syntax.md). */
static void test_parse_feature_keys_fixed(void **state)
{
    (void)state;
    dy_arena *a = arena();
    uint64_t h = DY_FNV_OFFSET;
    rng_seed(11);
    for (size_t si = 0; si < N_PARSE_SENTENCES; si++) {
        toks k = tokenize(PARSE_SENTENCES[si]);
        syn_word w[64];
        uint8_t tags[64];
        assert_true(k.n <= 64);
        syn_words_prepare(&real->lex, k.t, k.n, w);
        for (size_t i = 0; i < k.n; i++)
            tags[i] = (uint8_t)((i * 7 + si) % real->ntags);
        for (int rep = 0; rep < 5; rep++) {
            syn_state s;
            assert_int_equal(syn_state_init(&s, (int)k.n, a), 0);
            for (;;) {
                uint64_t f[SYN_PARSE_MAX_FEATS];
                size_t nf = syn_parse_features(&s, w, tags, real->tag_upos, f);
                h = dy_fnv1a_more(h, f, nf * sizeof *f);
                if (syn_state_terminal(&s))
                    break;
                random_move(&s);
            }
        }
        dy_arena_free(k.a);
    }
    print_message("feature key digest %016llx\n", (unsigned long long)h);
    assert_true(h == PARSE_KEYS_DIGEST);
    dy_arena_free(a);
}

/* The groups of syn_parse_features_of split the templates: together they
 * give every key of syn_parse_features, each once. */
static void expect_groups_partition(const syn_state *s, const syn_word *w, const uint8_t *tags)
{
    uint64_t all[SYN_PARSE_MAX_FEATS], part[SYN_PARSE_MAX_FEATS];
    size_t nall = syn_parse_features(s, w, tags, real->tag_upos, all), npart = 0;
    assert_int_equal(nall, SYN_PARSE_TEMPLATES);
    for (unsigned g = 1; g < SYN_FG_ALL; g <<= 1)
        npart += syn_parse_features_of(s, w, tags, real->tag_upos, g, part + npart);
    assert_int_equal(npart, nall);
    for (size_t i = 0; i < nall; i++) {
        int found = 0;
        for (size_t j = 0; j < npart && !found; j++)
            if (part[j] == all[i]) {
                part[j] = 0; /* each key of the groups stands for one template */
                found = 1;
            }
        assert_true(found);
    }
}

/* One walk over sentence w[0..n): at every configuration the cached scores
 * equal the uncached ones. Greedy by the cached scores when greedy, else
 * random legal moves (more LEFT/RIGHT mixes than a model makes). */
static void expect_cached_walk(const syn_model *m, const syn_word *w, const uint8_t *tags, int n,
                               int greedy, dy_arena *a)
{
    syn_state s;
    syn_score_cache c;
    const syn_weights *wt = &m->parser;
    assert_int_equal(syn_state_init(&s, n, a), 0);
    assert_int_equal(syn_score_cache_init(&c, wt, n, a), 0);
    while (!syn_state_terminal(&s)) {
        int32_t got[SYN_NMOVES] = {0}, want[SYN_NMOVES] = {0};
        uint64_t f[SYN_PARSE_MAX_FEATS];
        syn_parse_score(wt, &s, w, tags, m->tag_upos, &c, got);
        syn_weights_score(wt, f, syn_parse_features(&s, w, tags, m->tag_upos, f), want);
        assert_memory_equal(got, want, sizeof got);
        assert_int_equal(c.stack_tok[s.sp - 1], s.stack[s.sp - 1]);
        assert_int_equal(c.buffer_b, s.b);
        if (m == real)
            expect_groups_partition(&s, w, tags);
        int best = -1, legal[SYN_NMOVES], nl = 0;
        for (int k = 0; k < SYN_NMOVES; k++) {
            if (!syn_move_legal(&s, k))
                continue;
            legal[nl++] = k;
            if (best < 0 || got[k] > got[best])
                best = k;
        }
        syn_state_apply(&s, greedy ? best : legal[rng_below(nl)]);
    }
}

/* syn_parse_score (the STACK and BUFFER sums kept while they hold) gives
 * exactly the scores of every feature looked up afresh, with the real
 * model and the small one trained here, on the model's tags and on
 * arbitrary ones. */
static void test_parse_score_cached(void **state)
{
    (void)state;
    dy_arena *a = arena();
    rng_seed(5);
    const syn_model *models[] = {real, tiny};
    for (size_t mi = 0; mi < 2; mi++) {
        const syn_model *m = models[mi];
        for (size_t si = 0; si < N_PARSE_SENTENCES; si++) {
            toks k = tokenize(PARSE_SENTENCES[si]);
            syn_word w[64];
            uint8_t odd[64];
            syn_tree t;
            dy_err e;
            assert_true(k.n <= 64);
            assert_int_equal(syn_tag(m, k.t, k.n, k.a, &t, &e), 0);
            syn_words_prepare(&m->lex, k.t, k.n, w);
            for (size_t i = 0; i < k.n; i++)
                odd[i] = (uint8_t)((i * 5 + 1) % m->ntags);
            expect_cached_walk(m, w, t.tag, (int)k.n, 1, a);
            for (int rep = 0; rep < 4; rep++)
                expect_cached_walk(m, w, rep & 1 ? odd : t.tag, (int)k.n, 0, a);
            dy_arena_free(k.a);
        }
    }
    dy_arena_free(a);
}

static void test_feature_key(void **state)
{
    (void)state;
    /* never 0; the order of the values matters; templates differ */
    assert_true(syn_key(0, 0, 0, 0) != 0);
    assert_true(syn_key(1, 2, 3, 0) != syn_key(1, 3, 2, 0));
    assert_true(syn_key(1, 2, 0, 3) != syn_key(1, 2, 3, 0));
    assert_true(syn_key(1, 2, 3, 4) != syn_key(2, 2, 3, 4));
    assert_true(syn_key(7, 8, 9, 10) == syn_key(7, 8, 9, 10));
    rng_seed(1);
    for (int i = 0; i < 100000; i++)
        assert_true(syn_key((uint32_t)rng(), rng(), rng(), rng()) != 0);
}

/* ---- the CoNLL-U reader ------------------------------------------------ */

static const char *tmp_write(const char *name, const char *text)
{
    const char *p = tmp_path(name);
    assert_int_equal(write_file(p, text), 0);
    return p;
}

static void test_conllu_read_ours(void **state)
{
    (void)state;
    dy_arena *a = arena();
    dy_err e;
    syn_csent *s;
    size_t n;
    assert_int_equal(syn_conllu_read(tb_path, a, &s, &n, &e), 0);
    assert_int_equal(n, TB_N);
    for (size_t i = 0; i < n; i++) {
        tb_word w[32];
        size_t nw = tb_words(&TREEBANK[i], w, 32);
        assert_int_equal(s[i].n, nw);
        assert_string_equal(s[i].text, TREEBANK[i].text);
        assert_int_equal(s[i].len, strlen(TREEBANK[i].text));
        for (size_t j = 0; j < nw; j++) {
            assert_string_equal(s[i].w[j].form, w[j].form);
            assert_string_equal(s[i].w[j].xpos, w[j].xpos);
            assert_int_equal(s[i].w[j].upos, syn_upos_lookup(w[j].upos, strlen(w[j].upos)));
            assert_int_equal(s[i].w[j].head, w[j].head - 1);
            assert_int_equal(s[i].w[j].rel, lookup(w[j].rel));
            /* the word's bytes in the text */
            assert_memory_equal(s[i].text + s[i].w[j].start, w[j].form, strlen(w[j].form));
            assert_int_equal(s[i].w[j].end - s[i].w[j].start, strlen(w[j].form));
        }
    }
    /* obl:tmod is read as obl */
    assert_int_equal(s[12].w[4].rel, SYN_REL_OBL);
    /* a sentence's line is one of its comment lines (sentence 1: lines
     * 1-2, words on 3-7; sentence 2: 9-10, words from 11) */
    assert_true(s[0].line >= 1 && s[0].line <= 2);
    assert_true(s[1].line >= 9 && s[1].line <= 10);
    dy_arena_free(a);
}

static void test_conllu_multiword_and_empty(void **state)
{
    (void)state;
    /* a multiword token, an empty node, no "# text" (rebuilt from the
     * words and SpaceAfter=No), an unknown relation (dep) */
    const char *p = tmp_write("mwt.conllu",
                              "1-2\tcannot\t_\t_\t_\t_\t_\t_\t_\t_\n"
                              "1\tcan\tcan\tAUX\tMD\t_\t3\taux\t_\t_\n"
                              "2\tnot\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n"
                              "3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
                              "3.1\tgone\t_\tVERB\tVBN\t_\t_\t_\t3:conj\t_\n"
                              "4\t!\t!\tPUNCT\t.\t_\t3\tweird:thing\t_\t_\n"
                              "\n");
    dy_arena *a = arena();
    dy_err e;
    syn_csent *s;
    size_t n;
    assert_int_equal(syn_conllu_read(p, a, &s, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(s[0].n, 4);
    assert_string_equal(s[0].text, "cannot go!");
    /* "can" and "not" spell "cannot": they get its two parts */
    assert_int_equal(s[0].w[0].start, 0);
    assert_int_equal(s[0].w[0].end, 3);
    assert_int_equal(s[0].w[1].start, 3);
    assert_int_equal(s[0].w[1].end, 6);
    assert_int_equal(s[0].w[2].start, 7);
    assert_int_equal(s[0].w[3].start, 9);
    assert_int_equal(s[0].w[3].rel, SYN_REL_DEP);
    dy_arena_free(a);
}

/* A malformed line is DY_EPARSE naming the file and the line. */
static void expect_conllu_error(const char *name, const char *text, long line, const char *what)
{
    const char *p = tmp_write(name, text);
    dy_arena *a = arena();
    dy_err e;
    memset(&e, 0, sizeof e);
    syn_csent *s = (syn_csent *)1;
    size_t n = 99;
    assert_int_equal(syn_conllu_read(p, a, &s, &n, &e), DY_EPARSE);
    assert_int_equal(e.code, DY_EPARSE);
    assert_string_equal(e.file, p);
    assert_int_equal(e.line, line);
    if (!strstr(e.msg, what))
        fail_msg("%s: message \"%s\" does not say \"%s\"", name, e.msg, what);
    assert_null(s);
    assert_int_equal(n, 0);
    dy_arena_free(a);
}

#define GOOD1 "1\tIran\t_\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
#define GOOD2 "2\tprotested\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n"

static void test_conllu_errors(void **state)
{
    (void)state;
    expect_conllu_error("nine.conllu",
                        "# text = Iran protested\n" GOOD1 "2\tprotested\t_\tVERB\tVBD\t_\t0\troot\t_\n\n",
                        3, "10 tab-separated columns");
    expect_conllu_error("eleven.conllu", GOOD1 GOOD2 "3\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_\t_\n",
                        3, "10 tab-separated columns");
    expect_conllu_error("spaces.conllu", "1 Iran _ PROPN NNP _ 0 root _ _\n", 1,
                        "10 tab-separated columns");
    expect_conllu_error("head.conllu", "\n\n" GOOD1 "2\tprotested\t_\tVERB\tVBD\t_\tx\troot\t_\t_\n",
                        4, "HEAD");
    expect_conllu_error("neghead.conllu", "1\tIran\t_\tPROPN\tNNP\t_\t-1\tnsubj\t_\t_\n", 1,
                        "HEAD");
    expect_conllu_error("upos.conllu", GOOD1 "2\tprotested\t_\tVERBAL\tVBD\t_\t0\troot\t_\t_\n",
                        2, "UPOS");
    expect_conllu_error("id.conllu", GOOD1 "3\tprotested\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n", 2,
                        "word ids");
    expect_conllu_error("range.conllu", GOOD1 "3-4\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n", 2,
                        "multiword");
    /* a HEAD outside the sentence: reported at the sentence's first line */
    expect_conllu_error("outside.conllu",
                        GOOD1 GOOD2 "\n# text = x\n1\tx\t_\tX\tFW\t_\t5\troot\t_\t_\n\n", 4,
                        "outside");
    expect_conllu_error("self.conllu", "1\tIran\t_\tPROPN\tNNP\t_\t1\troot\t_\t_\n", 1,
                        "own word");
    /* a missing file is DY_EIO */
    dy_arena *a = arena();
    dy_err e;
    syn_csent *s;
    size_t n;
    assert_int_equal(syn_conllu_read(tmp_path("no-such.conllu"), a, &s, &n, &e), DY_EIO);
    dy_arena_free(a);
}

/* ---- treebank words and dyad tokens ------------------------------------- */

static void test_align(void **state)
{
    (void)state;
    /* dyad splits "e-mail" into three tokens where the treebank has one
     * word */
    dy_arena *a;
    dy_err e;
    syn_csent *s;
    size_t n;
    syn_gold g;
    const char *p = tmp_write("align2.conllu",
                  "# text = Iran sent the e-mail.\n"
                  "1\tIran\t_\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
                  "2\tsent\t_\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                  "3\tthe\t_\tDET\tDT\t_\t4\tdet\t_\t_\n"
                  "4\te-mail\t_\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No\n"
                  "5\t.\t_\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n");
    a = arena();
    assert_int_equal(syn_conllu_read(p, a, &s, &n, &e), 0);
    assert_int_equal(syn_align(&s[0], tiny, a, &g), 0);
    /* tokens: Iran sent the e - mail . */
    assert_int_equal(g.n, 7);
    assert_int_equal(g.head[0], 1);
    assert_int_equal(g.head[1], 7); /* the root */
    assert_int_equal(g.rel[1], SYN_REL_ROOT);
    assert_int_equal(g.head[2], 5);
    assert_int_equal(g.head[5], 1); /* "mail" stands for e-mail */
    assert_int_equal(g.rel[5], SYN_REL_OBJ);
    assert_int_equal(g.head[3], 5); /* "e" hangs on it */
    assert_int_equal(g.rel[3], SYN_REL_COMPOUND);
    assert_int_equal(g.head[4], 5); /* and the hyphen */
    assert_int_equal(g.rel[4], SYN_REL_PUNCT);
    assert_int_equal(g.tag[4], tiny->punct_tag);
    assert_int_equal(g.tag[3], syn_model_tag_find(tiny, SYN_NOUN, "NN"));
    assert_int_equal(g.head[6], 1);
    /* the gold words as tokens: one per word */
    txt_token *t;
    assert_int_equal(syn_gold_tokens(&s[0], a, &t), 0);
    assert_int_equal(t[3].start, 14);
    assert_int_equal(t[3].end, 20);
    assert_string_equal(t[3].norm, "e-mail");
    assert_true(t[3].hash == txt_hash("e-mail", 6));
    dy_arena_free(a);

    /* a token that covers two words takes the one higher in the tree */
    p = tmp_write("align3.conllu",
                  "# text = Iran cannot go.\n"
                  "1\tIran\t_\tPROPN\tNNP\t_\t4\tnsubj\t_\t_\n"
                  "2\tcan\t_\tAUX\tMD\t_\t4\taux\t_\tSpaceAfter=No\n"
                  "3\tnot\t_\tPART\tRB\t_\t2\tadvmod\t_\t_\n"
                  "4\tgo\t_\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
                  "5\t.\t_\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n");
    a = arena();
    assert_int_equal(syn_conllu_read(p, a, &s, &n, &e), 0);
    assert_int_equal(syn_align(&s[0], tiny, a, &g), 0);
    assert_int_equal(g.n, 4); /* Iran cannot go . */
    assert_int_equal(g.head[1], 2);
    assert_int_equal(g.rel[1], SYN_REL_AUX);
    assert_int_equal(g.tag[1], syn_model_tag_find(tiny, SYN_AUX, "MD"));
    assert_int_equal(g.head[0], 2);
    assert_int_equal(g.head[2], 4);
    /* a word whose tag the model does not know: the sentence is refused */
    p = tmp_write("align4.conllu", "# text = Wow.\n"
                                   "1\tWow\t_\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n"
                                   "2\t.\t_\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n");
    assert_int_equal(syn_conllu_read(p, a, &s, &n, &e), 0);
    assert_int_equal(syn_align(&s[0], tiny, a, &g), DY_EPARSE);
    dy_arena_free(a);
}

/* ---- training and the model file -------------------------------------- */

static void test_train_deterministic(void **state)
{
    (void)state;
    size_t n2;
    unsigned char *b = read_all(model2_path, &n2);
    assert_non_null(b);
    assert_int_equal(n2, tiny_len);
    assert_memory_equal(b, tiny_bytes, tiny_len);
    free(b);
    /* another seed explores differently, and a model is still written */
    const char *files[] = {tb_path};
    syn_train_opts o = tiny_opts(files, 1);
    o.seed = 12345;
    dy_err e;
    const char *p = tmp_path("seeded.model");
    assert_int_equal(syn_train(&o, p, &e), 0);
    size_t n3;
    b = read_all(p, &n3);
    assert_non_null(b);
    assert_memory_equal(b, SYN_MAGIC, 8);
    assert_false(n3 == tiny_len && memcmp(b, tiny_bytes, n3) == 0);
    free(b);
    unlink(p);
}

static void test_train_progress_and_errors(void **state)
{
    (void)state;
    dy_err e;
    /* a malformed treebank: DY_EPARSE with file and line */
    const char *bad = tmp_write("bad.conllu", GOOD1 "2\tprotested\t_\tVERB\n");
    const char *files[] = {bad};
    syn_train_opts o = tiny_opts(files, 1);
    const char *out = tmp_path("never.model");
    memset(&e, 0, sizeof e);
    assert_int_equal(syn_train(&o, out, &e), DY_EPARSE);
    assert_string_equal(e.file, bad);
    assert_int_equal(e.line, 2);
    assert_int_equal(access(out, F_OK), -1); /* nothing written */
    /* a treebank with no usable sentence */
    const char *empty = tmp_write("empty.conllu", "# nothing here\n\n");
    files[0] = empty;
    assert_int_equal(syn_train(&o, out, &e), DY_EPARSE);
    assert_non_null(strstr(e.msg, "no usable sentence"));
    /* a missing treebank */
    files[0] = tmp_path("missing.conllu");
    assert_int_equal(syn_train(&o, out, &e), DY_EIO);
    /* an unwritable output */
    files[0] = tb_path;
    o.tagger_iters = o.parser_iters = 1;
    assert_int_equal(syn_train(&o, tmp_path("no-dir/x.model"), &e), DY_EIO);
    /* a missing WordNet directory */
    o.wordnet = tmp_path("no-wordnet");
    assert_int_equal(syn_train(&o, out, &e), DY_EIO);
    assert_int_equal(access(out, F_OK), -1);
}

static int progress_lines;
static void count_progress(void *ud, const char *msg)
{
    assert_true(ud == &progress_lines);
    assert_true(strlen(msg) > 0 && strchr(msg, '\n') == NULL);
    progress_lines++;
}

static void test_train_progress(void **state)
{
    (void)state;
    const char *files[] = {tb_path, tb_path}; /* two files: the sentences twice */
    syn_train_opts o = tiny_opts(files, 2);
    o.tagger_iters = 2;
    o.parser_iters = 3;
    o.progress = count_progress;
    o.ud = &progress_lines;
    progress_lines = 0;
    dy_err e;
    const char *p = tmp_path("progress.model");
    assert_int_equal(syn_train(&o, p, &e), 0);
    /* at least: the sentences, the tagger passes, the parser passes */
    assert_true(progress_lines >= 1 + 2 + 3);
    syn_model *m;
    assert_int_equal(syn_model_load(p, &m, &e), 0);
    syn_model_free(m);
    unlink(p);
}

/* Parse the text of treebank sentence i with m; count the heads and
 * relations that agree with the treebank. */
static void parse_ours(const syn_model *m, size_t i, long *words, long *heads, long *labels)
{
    tb_word w[32];
    size_t nw = tb_words(&TREEBANK[i], w, 32);
    toks k = tokenize(TREEBANK[i].text);
    assert_int_equal(k.n, nw); /* our sentences tokenise word for word */
    syn_tree t;
    dy_err e;
    assert_int_equal(syn_parse(m, k.t, k.n, k.a, &t, &e), 0);
    assert_int_equal(t.n, nw);
    int h[32];
    for (size_t j = 0; j < nw; j++)
        h[j] = t.head[j] < 0 ? (int)nw : t.head[j];
    assert_true(one_rooted_tree(h, (int)nw));
    for (size_t j = 0; j < nw; j++) {
        int hit = t.head[j] == w[j].head - 1;
        *heads += hit;
        *labels += hit && syn_rel_universal(t.rel[j]) == syn_rel_universal(lookup(w[j].rel));
        assert_int_equal(t.upos[j], m->tag_upos[t.tag[j]]);
    }
    *words += (long)nw;
    dy_arena_free(k.a);
}

static void test_trained_model_parses_its_treebank(void **state)
{
    (void)state;
    long words = 0, heads = 0, labels = 0;
    for (size_t i = 0; i < TB_N; i++)
        parse_ours(tiny, i, &words, &heads, &labels);
    print_message("tiny model on its own treebank: %ld words, %ld heads, %ld labels right\n",
                  words, heads, labels);
    assert_true(heads * 10 >= words * 9);
    assert_true(labels * 10 >= words * 8);
    /* the tags too */
    toks k = tokenize("Germany expelled two diplomats.");
    syn_tree t;
    dy_err e;
    assert_int_equal(syn_tag(tiny, k.t, k.n, k.a, &t, &e), 0);
    assert_null(t.head);
    assert_null(t.rel);
    assert_int_equal(t.upos[0], SYN_PROPN);
    assert_int_equal(t.upos[1], SYN_VERB);
    assert_int_equal(t.xpos[1], SYN_XPOS_VBD);
    assert_int_equal(t.xpos[3], SYN_XPOS_NNS);
    assert_string_equal(syn_tag_name(tiny, t.tag[3]), "NNS");
    assert_string_equal(syn_tag_name(tiny, -1), "_");
    assert_string_equal(syn_tag_name(tiny, (int)tiny->ntags), "_");
    dy_arena_free(k.a);
}

static void test_eval_conllu(void **state)
{
    (void)state;
    syn_eval_result r;
    dy_err e;
    assert_int_equal(syn_eval_conllu(tiny, tb_path, &r, &e), 0);
    long words = 0;
    for (size_t i = 0; i < TB_N; i++) {
        tb_word w[32];
        words += (long)tb_words(&TREEBANK[i], w, 32);
    }
    assert_int_equal(r.sentences, TB_N);
    assert_int_equal(r.tokens, words);
    assert_true(r.las <= r.uas && r.uas <= r.tokens);
    assert_true(r.upos <= r.tokens && r.xpos <= r.tokens);
    assert_true(r.uas * 10 >= r.tokens * 9); /* its own training data */
    assert_true(r.upos * 10 >= r.tokens * 9);
    print_message("eval of the tiny model on its treebank: %ld tokens, upos %ld, uas %ld, las %ld\n",
                  r.tokens, r.upos, r.uas, r.las);
    /* the real model on our sentences: sane, and mostly right */
    assert_int_equal(syn_eval_conllu(real, tb_path, &r, &e), 0);
    assert_int_equal(r.tokens, words);
    assert_true(r.las <= r.uas && r.uas <= r.tokens);
    assert_true(r.uas * 10 >= r.tokens * 8);
    /* errors */
    assert_int_equal(syn_eval_conllu(tiny, tmp_path("none.conllu"), &r, &e), DY_EIO);
    const char *bad = tmp_write("evalbad.conllu", GOOD1 "2\tx\n");
    assert_int_equal(syn_eval_conllu(tiny, bad, &r, &e), DY_EPARSE);
    assert_int_equal(e.line, 2);
}

/* The checksum the model file ends with (FNV-1a of the bytes before it). */
static void fix_checksum(unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n - 8; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    for (int i = 0; i < 8; i++)
        p[n - 8 + (size_t)i] = (unsigned char)(h >> (8 * i));
}

/* Load n bytes; expect DY_EPARSE naming "name" with a message. */
static void expect_load_error(const unsigned char *p, size_t n, const char *what)
{
    syn_model *m = (syn_model *)1;
    dy_err e;
    memset(&e, 0, sizeof e);
    int rc = syn_model_load_mem(p, n, "m.model", &m, &e);
    if (rc != DY_EPARSE)
        fail_msg("%zu bytes: expected DY_EPARSE, got %d (%s)", n, rc, e.msg);
    assert_null(m);
    assert_string_equal(e.file, "m.model");
    assert_true(strlen(e.msg) > 10);
    assert_null(strchr(e.msg, '\n'));
    if (what && !strstr(e.msg, what))
        fail_msg("%zu bytes: message \"%s\" does not say \"%s\"", n, e.msg, what);
}

static void test_model_damage(void **state)
{
    (void)state;
    size_t n = tiny_len;
    unsigned char *b = malloc(n + 16);
    assert_non_null(b);
    /* the file itself loads */
    syn_model *m;
    dy_err e;
    assert_int_equal(syn_model_load_mem(tiny_bytes, n, "m.model", &m, &e), 0);
    assert_true(syn_model_bytes(m) > 0);
    assert_int_equal(m->ntags, tiny->ntags);
    syn_model_free(m);
    /* truncated anywhere */
    const size_t cuts[] = {0, 1, 7, 8, 11, 12, 16, 19, 20, 21, 64, n / 3, n / 2, n - 9, n - 8,
                           n - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++)
        expect_load_error(tiny_bytes, cuts[i], NULL);
    expect_load_error(tiny_bytes, 4, "not a dyad syntax model");
    expect_load_error(tiny_bytes, n - 1, "checksum");
    /* wrong magic */
    memcpy(b, tiny_bytes, n);
    b[0] = 'X';
    expect_load_error(b, n, "not a dyad syntax model");
    /* another format version, with a right checksum or not */
    memcpy(b, tiny_bytes, n);
    b[8] = (unsigned char)(SYN_FORMAT_VERSION + 1);
    expect_load_error(b, n, "format");
    fix_checksum(b, n);
    expect_load_error(b, n, "format");
    b[8] = 1;
    expect_load_error(b, n, "format 1");
    /* a byte flipped anywhere after the header: the checksum says so */
    for (size_t at = 12; at < n; at += n / 97 + 1) {
        memcpy(b, tiny_bytes, n);
        b[at] ^= 0x40;
        expect_load_error(b, n, at < n - 8 ? "checksum" : NULL);
    }
    /* a trailing byte */
    memcpy(b, tiny_bytes, n);
    b[n] = 0;
    expect_load_error(b, n + 1, NULL);
    free(b);
}

/* Damage behind a right checksum: the fields themselves are checked. */
static void test_model_inconsistent(void **state)
{
    (void)state;
    size_t n = tiny_len;
    unsigned char *b = malloc(n + 16);
    assert_non_null(b);
    /* no tags */
    memcpy(b, tiny_bytes, n);
    memset(b + 12, 0, 4);
    fix_checksum(b, n);
    expect_load_error(b, n, "tag count");
    /* too many tags */
    memcpy(b, tiny_bytes, n);
    b[12] = 201;
    b[13] = b[14] = b[15] = 0;
    fix_checksum(b, n);
    expect_load_error(b, n, NULL);
    /* a tag with an unknown UPOS, or with an empty or long name */
    memcpy(b, tiny_bytes, n);
    b[16] = SYN_UPOS_COUNT;
    fix_checksum(b, n);
    expect_load_error(b, n, "tag out of range");
    memcpy(b, tiny_bytes, n);
    b[17] = 0;
    fix_checksum(b, n);
    expect_load_error(b, n, NULL);
    memcpy(b, tiny_bytes, n);
    b[17] = 200;
    fix_checksum(b, n);
    expect_load_error(b, n, NULL);
    /* a byte more before the checksum */
    memcpy(b, tiny_bytes, n - 8);
    b[n - 8] = 0;
    fix_checksum(b, n + 1);
    expect_load_error(b, n + 1, "trailing bytes");
    /* a byte less */
    memcpy(b, tiny_bytes, n - 9);
    fix_checksum(b, n - 1);
    expect_load_error(b, n - 1, NULL);
    /* the body cut short at many points, checksum made right */
    for (size_t cut = 20; cut < n; cut += n / 61 + 1) {
        memcpy(b, tiny_bytes, cut - 8);
        fix_checksum(b, cut);
        expect_load_error(b, cut, NULL);
    }
    free(b);
}

/* Every byte changed behind a right checksum: loads fail cleanly or give a
 * model that parses. */
static void test_model_bytes_changed(void **state)
{
    (void)state;
    size_t n = tiny_len;
    unsigned char *b = malloc(n);
    assert_non_null(b);
    toks k = tokenize("Iran condemned the attack on the embassy in Cairo on Monday.");
    long loaded = 0, refused = 0;
    rng_seed(17);
    for (size_t at = 8; at + 8 < n; at += 1 + (size_t)rng_below((int)(n / 400) + 1)) {
        memcpy(b, tiny_bytes, n);
        b[at] = (unsigned char)(b[at] ^ (1u + (unsigned)rng_below(255)));
        fix_checksum(b, n);
        syn_model *m = NULL;
        dy_err e;
        int rc = syn_model_load_mem(b, n, "changed", &m, &e);
        if (rc) {
            assert_int_equal(rc, DY_EPARSE);
            assert_null(m);
            refused++;
            continue;
        }
        loaded++;
        dy_arena *a = arena();
        syn_tree t;
        assert_int_equal(syn_parse(m, k.t, k.n, a, &t, &e), 0);
        int h[32];
        for (size_t i = 0; i < k.n; i++) {
            assert_true(t.tag[i] < m->ntags);
            h[i] = t.head[i] < 0 ? (int)k.n : t.head[i];
        }
        assert_true(one_rooted_tree(h, (int)k.n));
        dy_arena_free(a);
        syn_model_free(m);
    }
    print_message("changed bytes: %ld models loaded and parsed, %ld refused\n", loaded, refused);
    assert_true(loaded > 0 && refused > 0);
    free(b);
    dy_arena_free(k.a);
}

static void test_model_random_bytes(void **state)
{
    (void)state;
    unsigned char b[4096];
    rng_seed(23);
    for (int rep = 0; rep < 2000; rep++) {
        size_t n = (size_t)rng_below((int)sizeof b);
        for (size_t i = 0; i < n; i++)
            b[i] = (unsigned char)rng();
        if (rep % 2 && n >= 12) { /* a right header, then noise */
            memcpy(b, SYN_MAGIC, 8);
            b[8] = SYN_FORMAT_VERSION;
            b[9] = b[10] = b[11] = 0;
        }
        if (rep % 4 == 1 && n >= 20)
            fix_checksum(b, n);
        syn_model *m = (syn_model *)1;
        dy_err e;
        int rc = syn_model_load_mem(b, n, "noise", &m, &e);
        assert_int_equal(rc, DY_EPARSE);
        assert_null(m);
        assert_string_equal(e.file, "noise");
    }
}

static void test_model_load_files(void **state)
{
    (void)state;
    syn_model *m = (syn_model *)1;
    dy_err e;
    assert_int_equal(syn_model_load(tmp_path("absent.model"), &m, &e), DY_EIO);
    assert_null(m);
    assert_non_null(strstr(e.msg, "cannot open"));
    m = (syn_model *)1;
    assert_int_equal(syn_model_load(tmpdir, &m, &e), DY_EIO); /* a directory */
    assert_null(m);
    const char *empty = tmp_write("empty.model", "");
    assert_int_equal(syn_model_load(empty, &m, &e), DY_EPARSE);
    assert_string_equal(e.file, empty);
    const char *text = tmp_write("text.model", "DYADSYN\nnot really a model at all\n");
    assert_int_equal(syn_model_load(text, &m, &e), DY_EPARSE);
    assert_null(m);
    /* the file and the same bytes from memory give the same model */
    assert_int_equal(syn_model_load(model_path, &m, &e), 0);
    assert_int_equal(syn_model_bytes(m), syn_model_bytes(tiny));
    syn_model_free(m);
    syn_model_free(NULL);
}

/* A test that fails halfway must not leave allocations failing for the
 * next ones. */
static int alloc_reset(void **state)
{
    (void)state;
    dy_alloc_fail_after(-1);
    return 0;
}

static void test_model_load_oom(void **state)
{
    (void)state;
    int ok = 0;
    for (long k = 0; k < 200 && !ok; k++) {
        syn_model *m = (syn_model *)1;
        dy_err e;
        dy_alloc_fail_after(k);
        int rc = syn_model_load_mem(tiny_bytes, tiny_len, "oom", &m, &e);
        dy_alloc_fail_after(-1);
        if (rc == 0) {
            ok = 1;
            syn_model_free(m);
            break;
        }
        assert_int_equal(rc, DY_ENOMEM);
        assert_null(m);
    }
    assert_true(ok);
    /* parsing into an arena that cannot grow */
    toks k = tokenize("Iran condemned the attack.");
    dy_arena *a = dy_arena_new();
    assert_non_null(a);
    syn_tree t;
    dy_err e;
    dy_alloc_fail_after(0);
    int rc = syn_parse(tiny, k.t, k.n, a, &t, &e);
    dy_alloc_fail_after(-1);
    assert_int_equal(rc, DY_ENOMEM);
    assert_int_equal(e.code, DY_ENOMEM);
    dy_arena_free(a);
    dy_arena_free(k.a);
}

static void test_train_oom(void **state)
{
    (void)state;
    /* training fails cleanly wherever memory runs out (allocations at
     * growing gaps, until training gets through) */
    const char *files[] = {tb_path};
    syn_train_opts o = tiny_opts(files, 1);
    o.tagger_iters = 1;
    o.parser_iters = 1;
    const char *p = tmp_path("oom.model");
    int done = 0;
    for (long k = 0; k < 10000000 && !done; k += 1 + k / 8) {
        dy_err e;
        dy_alloc_fail_after(k);
        int rc = syn_train(&o, p, &e);
        dy_alloc_fail_after(-1);
        if (rc == 0) {
            done = 1;
            break;
        }
        assert_int_equal(rc, DY_ENOMEM);
        assert_int_equal(access(p, F_OK), -1);
    }
    assert_true(done);
    unlink(p);
}

/* ---- the committed model --------------------------------------------- */

static void test_real_model(void **state)
{
    (void)state;
    size_t bytes = syn_model_bytes(real);
    print_message("data/syntax/en.model: %zu bytes in memory, %u tags\n", bytes, real->ntags);
    assert_true(bytes > 1000000);
    assert_true(bytes <= (size_t)64 << 20);
    assert_true(real->ntags >= 30 && real->ntags <= SYN_MAX_TAGS);
    /* the tag set has what the coder reads */
    assert_true(syn_model_tag_find(real, SYN_VERB, "VBN") >= 0);
    assert_true(syn_model_tag_find(real, SYN_VERB, "VBD") >= 0);
    assert_true(syn_model_tag_find(real, SYN_PROPN, "NNP") >= 0);
    assert_true(syn_model_tag_find(real, SYN_PART, "POS") >= 0);
    assert_int_equal(syn_model_tag_find(real, SYN_VERB, "NN"), -1);
    assert_int_equal(real->tag_upos[real->vbd_tag], SYN_VERB);
    assert_string_equal(real->tag_name[real->vbd_tag], "VBD");
}

/* Parse with the real model: the tree's invariants, and the analysis as a
 * table "form head rel" for the checks below (head 1-based, 0 root). */
typedef struct parsed {
    toks k;
    syn_tree t;
} parsed;

static parsed parse_real(const char *text)
{
    parsed p = {.k = tokenize(text)};
    dy_err e;
    assert_int_equal(syn_parse(real, p.k.t, p.k.n, p.k.a, &p.t, &e), 0);
    assert_int_equal(p.t.n, p.k.n);
    int h[SYN_MAX_TOKENS + 1];
    for (size_t i = 0; i < p.k.n; i++) {
        assert_true(p.t.head[i] >= -1 && p.t.head[i] < (int)p.k.n);
        assert_true(p.t.rel[i] < SYN_REL_COUNT);
        assert_int_equal(p.t.upos[i], real->tag_upos[p.t.tag[i]]);
        assert_int_equal(p.t.xpos[i], real->tag_xpos[p.t.tag[i]]);
        h[i] = p.t.head[i] < 0 ? (int)p.k.n : p.t.head[i];
        assert_int_equal(p.t.rel[i] == SYN_REL_ROOT, p.t.head[i] < 0);
    }
    if (p.k.n)
        assert_true(one_rooted_tree(h, (int)p.k.n));
    return p;
}

/* Token index of the first token whose text is form. */
static int at(const parsed *p, const char *form)
{
    for (size_t i = 0; i < p->k.n; i++)
        if (strlen(form) == p->k.t[i].end - p->k.t[i].start &&
            memcmp(p->k.text + p->k.t[i].start, form, strlen(form)) == 0)
            return (int)i;
    fail_msg("no token \"%s\"", form);
    return -1;
}

static void expect_arc(const parsed *p, const char *dep, const char *head, int rel)
{
    int d = at(p, dep), h = head ? at(p, head) : -1;
    if (p->t.head[d] != h || p->t.rel[d] != rel)
        fail_msg("%s: expected %s -%s-> %s, got head %d rel %s", p->k.text, head ? head : "ROOT",
                 syn_rel_name(rel), dep, p->t.head[d], syn_rel_name(p->t.rel[d]));
}

static void test_real_passive_agent(void **state)
{
    (void)state;
    parsed p = parse_real("Two diplomats were expelled by Germany.");
    expect_arc(&p, "expelled", NULL, SYN_REL_ROOT);
    expect_arc(&p, "diplomats", "expelled", SYN_REL_NSUBJ_PASS);
    expect_arc(&p, "were", "expelled", SYN_REL_AUX_PASS);
    expect_arc(&p, "Germany", "expelled", SYN_REL_OBL_AGENT);
    expect_arc(&p, "by", "Germany", SYN_REL_CASE);
    assert_int_equal(p.t.xpos[at(&p, "expelled")], SYN_XPOS_VBN);
    dy_arena_free(p.k.a);

    /* the agent under the verb, if not always with its subtype */
    p = parse_real("The embassy was attacked by protesters.");
    expect_arc(&p, "embassy", "attacked", SYN_REL_NSUBJ_PASS);
    assert_int_equal(p.t.head[at(&p, "protesters")], at(&p, "attacked"));
    assert_int_equal(syn_rel_universal(p.t.rel[at(&p, "protesters")]), SYN_REL_OBL);
    expect_arc(&p, "by", "protesters", SYN_REL_CASE);
    dy_arena_free(p.k.a);
}

static void test_real_relative_clause(void **state)
{
    (void)state;
    parsed p = parse_real("France condemned the strike which killed ten soldiers.");
    expect_arc(&p, "France", "condemned", SYN_REL_NSUBJ);
    expect_arc(&p, "strike", "condemned", SYN_REL_OBJ);
    expect_arc(&p, "killed", "strike", SYN_REL_ACL_RELCL);
    expect_arc(&p, "which", "killed", SYN_REL_NSUBJ);
    expect_arc(&p, "soldiers", "killed", SYN_REL_OBJ);
    dy_arena_free(p.k.a);

    p = parse_real("The minister, who arrived on Monday, met the president.");
    expect_arc(&p, "met", NULL, SYN_REL_ROOT);
    expect_arc(&p, "minister", "met", SYN_REL_NSUBJ);
    expect_arc(&p, "arrived", "minister", SYN_REL_ACL_RELCL);
    expect_arc(&p, "who", "arrived", SYN_REL_NSUBJ);
    expect_arc(&p, "president", "met", SYN_REL_OBJ);
    dy_arena_free(p.k.a);
}

static void test_real_coordination(void **state)
{
    (void)state;
    parsed p = parse_real("Germany recalled its envoy and closed the embassy.");
    expect_arc(&p, "recalled", NULL, SYN_REL_ROOT);
    expect_arc(&p, "Germany", "recalled", SYN_REL_NSUBJ);
    expect_arc(&p, "closed", "recalled", SYN_REL_CONJ);
    expect_arc(&p, "and", "closed", SYN_REL_CC);
    expect_arc(&p, "embassy", "closed", SYN_REL_OBJ);
    expect_arc(&p, "its", "envoy", SYN_REL_NMOD_POSS);
    /* the shared subject is not repeated on the second verb */
    for (size_t i = 0; i < p.k.n; i++)
        assert_false(p.t.head[i] == at(&p, "closed") &&
                     syn_rel_universal(p.t.rel[i]) == SYN_REL_NSUBJ);
    dy_arena_free(p.k.a);

    p = parse_real("The rebels seized the town and burned the market.");
    expect_arc(&p, "rebels", "seized", SYN_REL_NSUBJ);
    expect_arc(&p, "burned", "seized", SYN_REL_CONJ);
    expect_arc(&p, "market", "burned", SYN_REL_OBJ);
    dy_arena_free(p.k.a);
}

static void test_real_reported_speech(void **state)
{
    (void)state;
    parsed p = parse_real("Officials said the army attacked the village.");
    expect_arc(&p, "said", NULL, SYN_REL_ROOT);
    expect_arc(&p, "Officials", "said", SYN_REL_NSUBJ);
    expect_arc(&p, "attacked", "said", SYN_REL_CCOMP);
    expect_arc(&p, "army", "attacked", SYN_REL_NSUBJ);
    expect_arc(&p, "village", "attacked", SYN_REL_OBJ);
    dy_arena_free(p.k.a);

    p = parse_real("The spokesman said that Russia had violated the agreement.");
    expect_arc(&p, "violated", "said", SYN_REL_CCOMP);
    expect_arc(&p, "that", "violated", SYN_REL_MARK);
    expect_arc(&p, "Russia", "violated", SYN_REL_NSUBJ);
    expect_arc(&p, "had", "violated", SYN_REL_AUX);
    dy_arena_free(p.k.a);
}

static void test_real_control_and_light_verbs(void **state)
{
    (void)state;
    parsed p = parse_real("Iran agreed to meet Egypt.");
    expect_arc(&p, "meet", "agreed", SYN_REL_XCOMP);
    expect_arc(&p, "Egypt", "meet", SYN_REL_OBJ);
    dy_arena_free(p.k.a);
    p = parse_real("France urged Iran to leave Syria.");
    expect_arc(&p, "Iran", "urged", SYN_REL_OBJ);
    expect_arc(&p, "leave", "urged", SYN_REL_XCOMP);
    expect_arc(&p, "Syria", "leave", SYN_REL_OBJ);
    dy_arena_free(p.k.a);
    p = parse_real("Hamas launched an attack on Israel.");
    expect_arc(&p, "attack", "launched", SYN_REL_OBJ);
    expect_arc(&p, "Israel", "attack", SYN_REL_NMOD);
    dy_arena_free(p.k.a);
    p = parse_real("Russia's invasion of Ukraine continued.");
    expect_arc(&p, "Russia", "invasion", SYN_REL_NMOD_POSS);
    expect_arc(&p, "'s", "Russia", SYN_REL_CASE);
    expect_arc(&p, "Ukraine", "invasion", SYN_REL_NMOD);
    expect_arc(&p, "invasion", "continued", SYN_REL_NSUBJ);
    assert_int_equal(p.t.xpos[at(&p, "'s")], SYN_XPOS_POS);
    dy_arena_free(p.k.a);
}

static void test_real_tags(void **state)
{
    (void)state;
    /* a lone participle-looking verb is the finite verb */
    parsed p = parse_real("The president visited China.");
    assert_int_equal(p.t.xpos[at(&p, "visited")], SYN_XPOS_VBD);
    assert_int_equal(p.t.upos[at(&p, "China")], SYN_PROPN);
    dy_arena_free(p.k.a);
    p = parse_real("China has visited the president.");
    assert_int_equal(p.t.xpos[at(&p, "visited")], SYN_XPOS_VBN);
    assert_int_equal(p.t.upos[at(&p, "has")], SYN_AUX);
    dy_arena_free(p.k.a);
    /* the same sentence twice: the same analysis */
    parsed a = parse_real("Iran and Iraq signed a ceasefire in Geneva on Friday.");
    parsed b = parse_real("Iran and Iraq signed a ceasefire in Geneva on Friday.");
    assert_memory_equal(a.t.tag, b.t.tag, a.t.n);
    assert_memory_equal(a.t.head, b.t.head, a.t.n * sizeof *a.t.head);
    assert_memory_equal(a.t.rel, b.t.rel, a.t.n);
    /* syn_tag tags as syn_parse does */
    syn_tree t;
    dy_err e;
    assert_int_equal(syn_tag(real, a.k.t, a.k.n, a.k.a, &t, &e), 0);
    assert_memory_equal(t.tag, a.t.tag, a.t.n);
    dy_arena_free(a.k.a);
    dy_arena_free(b.k.a);
}

static void test_parse_limits(void **state)
{
    (void)state;
    dy_arena *a = arena();
    syn_tree t;
    dy_err e;
    /* no tokens: an empty tree */
    assert_int_equal(syn_parse(real, NULL, 0, a, &t, &e), 0);
    assert_int_equal(t.n, 0);
    assert_int_equal(syn_tag(real, NULL, 0, a, &t, &e), 0);
    assert_int_equal(t.n, 0);
    /* a "sentence" of 1001 tokens is refused, 1000 are parsed */
    char *text = malloc(6 * (SYN_MAX_TOKENS + 1) + 1);
    assert_non_null(text);
    size_t len = 0;
    for (int i = 0; i <= SYN_MAX_TOKENS; i++)
        len += (size_t)sprintf(text + len, "%s ", i % 3 == 0 ? "Iran" : i % 3 == 1 ? "and" : "Iraq");
    txt_token *tk;
    size_t n;
    assert_int_equal(txt_tokenize(text, len, a, &tk, &n, &e), 0);
    assert_int_equal(n, SYN_MAX_TOKENS + 1);
    memset(&e, 0, sizeof e);
    assert_int_equal(syn_parse(real, tk, n, a, &t, &e), DY_ELIMIT);
    assert_int_equal(e.code, DY_ELIMIT);
    assert_non_null(strstr(e.msg, "1001"));
    assert_int_equal(syn_tag(real, tk, n, a, &t, &e), DY_ELIMIT);
    assert_int_equal(syn_parse(real, tk, SYN_MAX_TOKENS, a, &t, &e), 0);
    int *h = malloc((SYN_MAX_TOKENS + 1) * sizeof *h);
    assert_non_null(h);
    for (int i = 0; i < SYN_MAX_TOKENS; i++)
        h[i] = t.head[i] < 0 ? SYN_MAX_TOKENS : t.head[i];
    assert_true(one_rooted_tree(h, SYN_MAX_TOKENS));
    /* one token: it is the root */
    assert_int_equal(syn_parse(real, tk, 1, a, &t, &e), 0);
    assert_int_equal(t.head[0], -1);
    assert_int_equal(t.rel[0], SYN_REL_ROOT);
    free(h);
    free(text);
    dy_arena_free(a);
}

/* Odd token sequences still give a tree. */
static void test_parse_odd_input(void **state)
{
    (void)state;
    const char *texts[] = {
        ".", ", , , , ,", "\xE2\x80\x9C Iran \xE2\x80\x9D", "12 34 56 78",
        "THE UNITED NATIONS CONDEMNED THE ATTACK", "a b c d e f g h i j k l m n o p",
        "Iran-Iraq-Syria-Turkey talks", "(((((((", "Iran Iran Iran Iran Iran Iran Iran Iran",
        ("\xC3\x89lys\xC3\xA9" /* the hex escape ends here */
         "e \xE4\xB8\xAD\xE5\x9B\xBD met \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0")};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        parsed p = parse_real(texts[i]);
        parsed q = {.k = tokenize(texts[i])};
        dy_err e;
        assert_int_equal(syn_parse(tiny, q.k.t, q.k.n, q.k.a, &q.t, &e), 0);
        dy_arena_free(p.k.a);
        dy_arena_free(q.k.a);
    }
}

/* ---- the word-class lexicon -------------------------------------------- */

static uint16_t lex_of(const syn_lexicon *x, const char *word)
{
    return syn_lexicon_get(x, txt_hash(word, strlen(word)));
}

static void test_lexicon_table(void **state)
{
    (void)state;
    syn_lexicon x = {0};
    assert_int_equal(syn_lexicon_get(&x, 12345), 0); /* empty */
    /* many entries: the table grows and keeps them all */
    for (uint64_t i = 1; i <= 20000; i++)
        assert_int_equal(syn_lexicon_add(&x, i * 0x9E3779B97F4A7C15ull, (uint16_t)(1u << (i % 9))), 0);
    assert_int_equal(x.n, 20000);
    for (uint64_t i = 1; i <= 20000; i++)
        assert_int_equal(syn_lexicon_get(&x, i * 0x9E3779B97F4A7C15ull), 1u << (i % 9));
    /* classes of one form add up */
    uint64_t h = 3 * 0x9E3779B97F4A7C15ull;
    assert_int_equal(syn_lexicon_add(&x, h, SYN_LEX_KNOWN), 0);
    assert_int_equal(syn_lexicon_get(&x, h), (1u << 3) | SYN_LEX_KNOWN);
    assert_int_equal(x.n, 20000);
    assert_int_equal(syn_lexicon_get(&x, 777), 0);
    syn_lexicon_free(&x);
    assert_null(x.keys);
    /* reserved: no growth while the entries are added */
    assert_int_equal(syn_lexicon_reserve(&x, 5000), 0);
    uint32_t mask = x.mask;
    for (uint64_t i = 1; i <= 5000; i++)
        assert_int_equal(syn_lexicon_add(&x, i, SYN_LEX_N), 0);
    assert_int_equal(x.mask, mask);
    syn_lexicon_free(&x);
}

/* A WordNet directory of our own, a few lines per file. */
static const char *fake_wordnet(void)
{
    const char *dir = tmp_path("wordnet");
    mkdir(dir, 0700);
    char p[400];
    struct {
        const char *name, *text;
    } files[] = {
        {"index.noun", "  1 This is a licence line\ncountry n 2 1 @ 2 0 08544813\n"
                       "church n 1 1 @ 1 0 1\nunited_states n 1 0\nNATO n 1 0\n"},
        {"index.verb", "stop v 1 1 @ 1 0 1\nagree v 1 0\nstudy v 1 0\nvisit v 1 0\n"
                       "free v 1 0\n"},
        {"index.adj", "quick a 1 0\n"},
        {"index.adv", "quickly r 1 0\n"},
        {"noun.exc", "mice mouse\n"},
        {"verb.exc", "went go\nseeing see\ngoes go\n"},
        {"adj.exc", "better good\n"},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i].name);
        assert_int_equal(write_file(p, files[i].text), 0);
    }
    return dir;
}

static void test_lexicon_wordnet(void **state)
{
    (void)state;
    const char *dir = fake_wordnet();
    syn_lexicon x = {0};
    dy_err e;
    assert_int_equal(syn_lexicon_from_wordnet(dir, &x, &e), 0);
    assert_int_equal(lex_of(&x, "country"), SYN_LEX_N);
    assert_int_equal(lex_of(&x, "countries"), SYN_LEX_NS);
    assert_int_equal(lex_of(&x, "churches"), SYN_LEX_NS);
    assert_int_equal(lex_of(&x, "mice"), SYN_LEX_NS);
    assert_int_equal(lex_of(&x, "stop"), SYN_LEX_V);
    assert_int_equal(lex_of(&x, "stops"), SYN_LEX_VZ);
    assert_int_equal(lex_of(&x, "stopped"), SYN_LEX_VD);
    assert_int_equal(lex_of(&x, "stopping"), SYN_LEX_VG);
    assert_int_equal(lex_of(&x, "agreed"), SYN_LEX_VD);
    assert_int_equal(lex_of(&x, "agreeing"), SYN_LEX_VG);
    assert_int_equal(lex_of(&x, "studied"), SYN_LEX_VD);
    assert_int_equal(lex_of(&x, "studies"), SYN_LEX_VZ);
    assert_int_equal(lex_of(&x, "freed"), SYN_LEX_VD);
    assert_int_equal(lex_of(&x, "visited"), SYN_LEX_VD);
    assert_int_equal(lex_of(&x, "went"), SYN_LEX_VD);
    assert_int_equal(lex_of(&x, "seeing"), SYN_LEX_VG);
    assert_int_equal(lex_of(&x, "goes"), SYN_LEX_VZ);
    assert_int_equal(lex_of(&x, "quick"), SYN_LEX_A);
    assert_int_equal(lex_of(&x, "better"), SYN_LEX_A);
    assert_int_equal(lex_of(&x, "quickly"), SYN_LEX_R);
    /* licence lines, multiword entries and capitals are no words */
    assert_int_equal(lex_of(&x, "1"), 0);
    assert_int_equal(lex_of(&x, "united_states"), 0);
    assert_int_equal(lex_of(&x, "nato"), 0);
    assert_int_equal(lex_of(&x, "Hello"), 0);
    syn_lexicon_free(&x);
    /* a missing file is DY_EIO naming it */
    char p[400];
    snprintf(p, sizeof p, "%s/adj.exc", dir);
    unlink(p);
    assert_int_equal(syn_lexicon_from_wordnet(dir, &x, &e), DY_EIO);
    assert_non_null(strstr(e.file, "adj.exc"));
    syn_lexicon_free(&x);
    assert_int_equal(write_file(p, "better good\n"), 0);
}

/* Training with a lexicon stores it in the model; the words seen three
 * times or more in the treebank are marked known. */
static void test_lexicon_in_model(void **state)
{
    (void)state;
    assert_true(lex_of(&tiny->lex, "the") & SYN_LEX_KNOWN);
    assert_true(lex_of(&tiny->lex, "iran") & SYN_LEX_KNOWN);  /* 3 times */
    assert_false(lex_of(&tiny->lex, "cairo") & SYN_LEX_KNOWN); /* once */
    assert_int_equal(lex_of(&tiny->lex, "stopped"), 0);      /* no WordNet */
    const char *files[] = {tb_path};
    syn_train_opts o = tiny_opts(files, 1);
    o.tagger_iters = o.parser_iters = 1;
    o.wordnet = fake_wordnet();
    dy_err e;
    const char *p = tmp_path("lex.model");
    assert_int_equal(syn_train(&o, p, &e), 0);
    syn_model *m;
    assert_int_equal(syn_model_load(p, &m, &e), 0);
    assert_int_equal(lex_of(&m->lex, "stopped"), SYN_LEX_VD);
    assert_int_equal(lex_of(&m->lex, "the") & SYN_LEX_KNOWN, SYN_LEX_KNOWN);
    /* the real model was built with WordNet */
    assert_true(lex_of(&real->lex, "attacked") & SYN_LEX_VD);
    assert_true(lex_of(&real->lex, "countries") & SYN_LEX_NS);
    syn_model_free(m);
    unlink(p);
}

/* ---- lemmas ---------------------------------------------------------- */

static void expect_lemma(const char *word, int upos, int xpos, const char *want)
{
    toks k = tokenize(word);
    assert_int_equal(k.n, 1);
    char out[64];
    size_t n = syn_lemma(real, &k.t[0], upos, xpos, out, sizeof out);
    if (strcmp(out, want) != 0)
        fail_msg("lemma of %s: %s, expected %s", word, out, want);
    assert_int_equal(n, strlen(want));
    dy_arena_free(k.a);
}

static void test_lemma(void **state)
{
    (void)state;
    expect_lemma("said", SYN_VERB, SYN_XPOS_VBD, "say");
    expect_lemma("were", SYN_AUX, SYN_XPOS_VBD, "be");
    expect_lemma("met", SYN_VERB, SYN_XPOS_VBD, "meet");
    expect_lemma("Withdrew", SYN_VERB, SYN_XPOS_VBD, "withdraw");
    expect_lemma("stopped", SYN_VERB, SYN_XPOS_VBD, "stop");
    expect_lemma("agreed", SYN_VERB, SYN_XPOS_VBD, "agree");
    expect_lemma("attacked", SYN_VERB, SYN_XPOS_VBN, "attack");
    expect_lemma("carried", SYN_VERB, SYN_XPOS_VBD, "carry");
    expect_lemma("talks", SYN_VERB, SYN_XPOS_VBZ, "talk");
    expect_lemma("pushes", SYN_VERB, SYN_XPOS_VBZ, "push");
    expect_lemma("meeting", SYN_VERB, SYN_XPOS_VBG, "meet");
    expect_lemma("talks", SYN_NOUN, SYN_XPOS_NNS, "talk");
    expect_lemma("countries", SYN_NOUN, SYN_XPOS_NNS, "country");
    expect_lemma("churches", SYN_NOUN, SYN_XPOS_NNS, "church");
    expect_lemma("crisis", SYN_NOUN, SYN_XPOS_NNS, "crisis");
    expect_lemma("talks", SYN_NOUN, SYN_XPOS_OTHER, "talks"); /* NN: as it is */
    expect_lemma("Iran", SYN_PROPN, SYN_XPOS_OTHER, "iran");
    expect_lemma("visit", SYN_VERB, SYN_XPOS_VB, "visit");
    /* the output is cut to its capacity and stays a string */
    toks k = tokenize("withdrew");
    char out[4];
    assert_int_equal(syn_lemma(real, &k.t[0], SYN_VERB, SYN_XPOS_VBD, out, sizeof out), 3);
    assert_string_equal(out, "wit");
    assert_int_equal(syn_lemma(real, &k.t[0], SYN_VERB, SYN_XPOS_VBD, out, 0), 0);
    dy_arena_free(k.a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rel_lookup_exact),
        cmocka_unit_test(test_rel_lookup_folding),
        cmocka_unit_test(test_rel_universal),
        cmocka_unit_test(test_upos_names),
        cmocka_unit_test(test_move_encoding),
        cmocka_unit_test(test_state_initial),
        cmocka_unit_test(test_state_legality),
        cmocka_unit_test(test_state_sequence_by_hand),
        cmocka_unit_test(test_state_random_walks),
        cmocka_unit_test(test_oracle_zero_cost_reproduces_gold),
        cmocka_unit_test(test_oracle_costs_after_errors),
        cmocka_unit_test(test_oracle_costs_by_hand),
        cmocka_unit_test(test_projectivize_known),
        cmocka_unit_test(test_projectivize_random),
        cmocka_unit_test(test_oracle_on_projectivized),
        cmocka_unit_test(test_words_prepare),
        cmocka_unit_test(test_tag_features),
        cmocka_unit_test(test_parse_features),
        cmocka_unit_test(test_feature_key),
        cmocka_unit_test(test_parse_feature_keys_fixed),
        cmocka_unit_test(test_parse_score_cached),
        cmocka_unit_test(test_conllu_read_ours),
        cmocka_unit_test(test_conllu_multiword_and_empty),
        cmocka_unit_test(test_conllu_errors),
        cmocka_unit_test(test_align),
        cmocka_unit_test(test_train_deterministic),
        cmocka_unit_test(test_train_progress_and_errors),
        cmocka_unit_test(test_train_progress),
        cmocka_unit_test(test_trained_model_parses_its_treebank),
        cmocka_unit_test(test_eval_conllu),
        cmocka_unit_test(test_model_damage),
        cmocka_unit_test(test_model_inconsistent),
        cmocka_unit_test(test_model_bytes_changed),
        cmocka_unit_test(test_model_random_bytes),
        cmocka_unit_test(test_model_load_files),
        cmocka_unit_test_teardown(test_model_load_oom, alloc_reset),
        cmocka_unit_test_teardown(test_train_oom, alloc_reset),
        cmocka_unit_test(test_real_model),
        cmocka_unit_test(test_real_passive_agent),
        cmocka_unit_test(test_real_relative_clause),
        cmocka_unit_test(test_real_coordination),
        cmocka_unit_test(test_real_reported_speech),
        cmocka_unit_test(test_real_control_and_light_verbs),
        cmocka_unit_test(test_real_tags),
        cmocka_unit_test(test_parse_limits),
        cmocka_unit_test(test_parse_odd_input),
        cmocka_unit_test(test_lexicon_table),
        cmocka_unit_test(test_lexicon_wordnet),
        cmocka_unit_test(test_lexicon_in_model),
        cmocka_unit_test(test_lemma),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
