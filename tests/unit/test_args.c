/* test_args.c - the coder's syntactic argument finder (src/code/args.c,
 * code/code_syntax.h) on dependency trees written by hand: subjects and
 * objects, passives and their agents, control, coordination, relative
 * clauses, oblique targets and settings, nominal events and light verbs,
 * complements of verbs of saying, pronouns and descriptions, places, the
 * phrase-to-mention rules and the names --explain prints.
 *
 * Each case is a sentence (tokenised by dyad's tokenizer), one row per
 * token "FORM UPOS XPOS HEAD DEPREL" (HEAD 1-based, 0 for the root; the
 * form must be the token's text), the actor mentions by token span and a
 * made-up code that names them in the expectations, and the cue table
 * data/coder/cues.txt. The sentence follows another one in its document
 * (with a mention of its own), so that document and sentence token
 * indices differ and no answer can point outside the sentence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/code_syntax.h"
#include "core/arena.h"

#ifndef DYAD_SRCDIR
#define DYAD_SRCDIR "."
#endif

#include "fixture_cues.h"


/* ---- building a sentence view ------------------------------------------ */

enum { LOC = DICT_M_LOCALITY, ADJ = DICT_M_ADJ, PER = DICT_M_PERSON, SEAT = DICT_M_SEAT,
       POSS = DICT_M_POSSESSIVE };

typedef struct ment {
    int b, e;           /* sentence tokens [b, e); b < 0 ends the list */
    const char *code;   /* unique within a case: names the mention */
    unsigned flags;
} ment;

#define END {-1, -1, NULL, 0}
#define MAXT 48

typedef struct fx {
    dy_arena *a;
    char *text;
    txt_token *tk;
    size_t ntk;
    uint32_t tb, te;
    uint8_t tag[MAXT], upos[MAXT], xpos[MAXT], rel[MAXT];
    int32_t head[MAXT];
    syn_tree tree;
    dict_mention ms[16];
    size_t nm;
    int32_t mcover[MAXT];
    code_sent s;
} fx;

/* The document starts with this sentence, and its mention (index 0). */
static const char PREFIX[] = "Earlier, France spoke. ";
enum { PREFIX_TOKENS = 5 };

static int xpos_of(const char *x)
{
    static const struct {
        const char *name;
        int x;
    } map[] = {{"VB", SYN_XPOS_VB},   {"VBD", SYN_XPOS_VBD}, {"VBG", SYN_XPOS_VBG},
               {"VBN", SYN_XPOS_VBN}, {"VBP", SYN_XPOS_VBP}, {"VBZ", SYN_XPOS_VBZ},
               {"MD", SYN_XPOS_MD},   {"NNS", SYN_XPOS_NNS}, {"NNPS", SYN_XPOS_NNPS},
               {"POS", SYN_XPOS_POS}};
    for (size_t i = 0; i < sizeof map / sizeof *map; i++)
        if (strcmp(map[i].name, x) == 0)
            return map[i].x;
    return SYN_XPOS_OTHER;
}

static fx *build(const char *sentence, const char *rows, const ment *m)
{
    fx *x = calloc(1, sizeof *x);
    assert_non_null(x);
    x->a = dy_arena_new();
    assert_non_null(x->a);
    size_t len = strlen(PREFIX) + strlen(sentence);
    x->text = dy_arena_alloc(x->a, len + 1);
    assert_non_null(x->text);
    snprintf(x->text, len + 1, "%s%s", PREFIX, sentence);
    dy_err e;
    assert_int_equal(txt_tokenize(x->text, len, x->a, &x->tk, &x->ntk, &e), 0);
    x->tb = PREFIX_TOKENS;
    x->te = (uint32_t)x->ntk;
    assert_true(x->te - x->tb < MAXT);
    /* the rows, one per token */
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", rows);
    uint32_t n = 0;
    char *save = NULL;
    for (char *row = strtok_r(buf, "|", &save); row; row = strtok_r(NULL, "|", &save), n++) {
        char form[64], up[16], xp[16], rel[32];
        int head;
        assert_int_equal(sscanf(row, "%63s %15s %15s %d %31s", form, up, xp, &head, rel), 5);
        uint32_t t = x->tb + n;
        if (t >= x->te)
            fail_msg("%s: more rows than tokens", sentence);
        const txt_token *k = &x->tk[t];
        if (strlen(form) != k->end - k->start || memcmp(x->text + k->start, form, strlen(form)))
            fail_msg("%s: row %u is \"%s\", token is \"%.*s\"", sentence, n + 1, form,
                     (int)(k->end - k->start), x->text + k->start);
        int u = syn_upos_lookup(up, strlen(up)), r = syn_rel_lookup(rel, strlen(rel));
        assert_true(u >= 0);
        assert_true(r >= 0);
        x->upos[n] = (uint8_t)u;
        x->xpos[n] = (uint8_t)xpos_of(xp);
        x->rel[n] = (uint8_t)r;
        x->head[n] = head - 1;
        assert_int_equal(r == SYN_REL_ROOT, head == 0);
    }
    if (n != x->te - x->tb)
        fail_msg("%s: %u rows for %u tokens", sentence, n, x->te - x->tb);
    x->tree = (syn_tree){.n = n, .tag = x->tag, .upos = x->upos, .xpos = x->xpos,
                         .head = x->head, .rel = x->rel};
    /* the mentions: the prefix's first */
    x->ms[0] = (dict_mention){.tok_begin = 2, .tok_end = 3, .list = -1};
    snprintf(x->ms[0].code, sizeof x->ms[0].code, "FRA-EARLIER");
    x->nm = 1;
    for (uint32_t i = 0; i < n; i++)
        x->mcover[i] = -1;
    for (; m && m->b >= 0; m++) {
        dict_mention *d = &x->ms[x->nm];
        memset(d, 0, sizeof *d);
        d->tok_begin = x->tb + (uint32_t)m->b;
        d->tok_end = x->tb + (uint32_t)m->e;
        d->start = x->tk[d->tok_begin].start;
        d->end = x->tk[d->tok_end - 1].end;
        d->flags = m->flags;
        d->list = -1;
        snprintf(d->code, sizeof d->code, "%s", m->code);
        for (int t = m->b; t < m->e; t++)
            x->mcover[t] = (int32_t)x->nm;
        x->nm++;
    }
    x->s = (code_sent){.tk = x->tk, .tb = x->tb, .te = x->te, .tree = &x->tree, .ms = x->ms,
                       .nm = x->nm, .mcover = x->mcover, .cues = cues};
    return x;
}

static void release(fx *x)
{
    dy_arena_free(x->a);
    free(x);
}

/* Document index of the n-th (1-based) token whose text is form, in the
 * sentence. */
static uint32_t tok_nth(const fx *x, const char *form, int nth)
{
    for (uint32_t t = x->tb; t < x->te; t++) {
        const txt_token *k = &x->tk[t];
        if (strlen(form) == k->end - k->start && !memcmp(x->text + k->start, form, strlen(form)) &&
            --nth == 0)
            return t;
    }
    fail_msg("no token \"%s\"", form);
    return UINT32_MAX;
}

static uint32_t tok(const fx *x, const char *form) { return tok_nth(x, form, 1); }

/* Index of the mention with this code; -1 for NULL. */
static int32_t mention(const fx *x, const char *code)
{
    if (!code)
        return -1;
    for (size_t i = 0; i < x->nm; i++)
        if (strcmp(x->ms[i].code, code) == 0)
            return (int32_t)i;
    fail_msg("no mention %s", code);
    return -1;
}

static const char *code_of(const fx *x, int32_t m)
{
    return m >= 0 && (size_t)m < x->nm ? x->ms[m].code : "-";
}

/* What code_syntax_args should give: mentions by code (NULL: none), the
 * argument tokens by form (NULL: -1). */
typedef struct want {
    const char *src;
    int src_how;
    const char *src_tok;
    const char *tgt;
    int tgt_how;
    const char *tgt_tok;
    int passive, pronoun;
} want;

static void check_args(const fx *x, const code_args *a, const want *w, const char *what)
{
    int32_t ws = mention(x, w->src), wt = mention(x, w->tgt);
    int32_t wst = w->src_tok ? (int32_t)tok(x, w->src_tok) : -1;
    int32_t wtt = w->tgt_tok ? (int32_t)tok(x, w->tgt_tok) : -1;
    if (a->src != ws || a->src_how != w->src_how || a->src_tok != wst || a->tgt != wt ||
        a->tgt_how != w->tgt_how || a->tgt_tok != wtt || a->passive != w->passive ||
        a->src_pronoun != w->pronoun)
        fail_msg("%s:\n  got  src %s (%s, tok %d) tgt %s (%s, tok %d) passive %d pronoun %d\n"
                 "  want src %s (%s, tok %d) tgt %s (%s, tok %d) passive %d pronoun %d",
                 what, code_of(x, a->src), code_arg_name(a->src_how), a->src_tok,
                 code_of(x, a->tgt), code_arg_name(a->tgt_how), a->tgt_tok, a->passive,
                 a->src_pronoun, code_of(x, ws), code_arg_name(w->src_how), wst,
                 code_of(x, wt), code_arg_name(w->tgt_how), wtt, w->passive, w->pronoun);
}

/* Invariants of every answer. */
static void check_sane(const fx *x, const code_args *a)
{
    assert_true(a->src >= -1 && a->src < (int32_t)x->nm);
    assert_true(a->tgt >= -1 && a->tgt < (int32_t)x->nm);
    assert_true(a->src != 0 && a->tgt != 0); /* never the other sentence's */
    if (a->src >= 0) {
        assert_false(x->ms[a->src].flags & DICT_M_LOCALITY);
        assert_true(a->src != a->tgt);
        assert_true(a->src_how != CODE_ARG_NONE);
        assert_false(a->src_pronoun);
    }
    if (a->tgt >= 0)
        assert_true(a->tgt_how != CODE_ARG_NONE && a->tgt_tok >= 0);
    if (a->src_tok >= 0)
        assert_true((uint32_t)a->src_tok >= x->tb && (uint32_t)a->src_tok < x->te);
    if (a->tgt_tok >= 0)
        assert_true((uint32_t)a->tgt_tok >= x->tb && (uint32_t)a->tgt_tok < x->te);
}

/* One case: the arguments of the event word `event` (a noun when noun). */
typedef struct tcase {
    const char *name;
    const char *text;
    const char *rows;
    ment m[8];
    const char *event;
    int noun;
    want w;
} tcase;

static void run_case(const tcase *c)
{
    fx *x = build(c->text, c->rows, c->m);
    code_args a;
    memset(&a, 0x5A, sizeof a); /* all of it must be written */
    code_syntax_args(&x->s, tok(x, c->event), c->noun, &a);
    check_sane(x, &a);
    char what[256];
    snprintf(what, sizeof what, "%s: \"%s\" (%s)", c->name, c->text, c->event);
    check_args(x, &a, &c->w, what);
    release(x);
}

static void run_cases(const tcase *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        run_case(&c[i]);
}

#define RUN(cases) run_cases(cases, sizeof cases / sizeof *cases)

enum { NONE = CODE_ARG_NONE, NSUBJ = CODE_ARG_NSUBJ, NSUBJ_PASS = CODE_ARG_NSUBJ_PASS,
       AGENT = CODE_ARG_AGENT, OBJ = CODE_ARG_OBJ, IOBJ = CODE_ARG_IOBJ, OBL = CODE_ARG_OBL,
       CONTROL = CODE_ARG_CONTROL, CONJ = CODE_ARG_CONJ, RELCL = CODE_ARG_RELCL,
       APOSS = CODE_ARG_POSS, MOD = CODE_ARG_MOD, NMOD = CODE_ARG_NMOD,
       LIGHT = CODE_ARG_LIGHT, COMP = CODE_ARG_COMP };

/* ---- fixtures ----------------------------------------------------------- */


/* ---- subjects and objects ----------------------------------------------- */

static const tcase ACTIVE[] = {
    {"subject and object", "Iran condemned Israel.",
     "Iran PROPN NNP 2 nsubj|condemned VERB VBD 0 root|Israel PROPN NNP 2 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {2, 3, "ISR", 0}, END},
     "condemned", 0, {"IRN", NSUBJ, "Iran", "ISR", OBJ, "Israel", 0, 0}},
    {"subject by its adjective, a place as object",
     "The Russian army shelled Kharkiv.",
     "The DET DT 3 det|Russian ADJ JJ 3 amod|army NOUN NN 4 nsubj|shelled VERB VBD 0 root|"
     "Kharkiv PROPN NNP 4 obj|. PUNCT . 4 punct",
     {{1, 2, "RUS", ADJ}, {4, 5, "KHARKIV", LOC}, END},
     "shelled", 0, {"RUS", NSUBJ, "army", "KHARKIV", OBJ, "Kharkiv", 0, 0}},
    {"object by its possessor", "Iran attacked Iraq's embassy.",
     "Iran PROPN NNP 2 nsubj|attacked VERB VBD 0 root|Iraq PROPN NNP 5 nmod:poss|"
     "'s PART POS 3 case|embassy NOUN NN 2 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {2, 3, "IRQ", POSS}, END},
     "attacked", 0, {"IRN", NSUBJ, "Iran", "IRQ", OBJ, "embassy", 0, 0}},
    {"indirect object when the object names no actor", "Iran gave Iraq weapons.",
     "Iran PROPN NNP 2 nsubj|gave VERB VBD 0 root|Iraq PROPN NNP 2 iobj|"
     "weapons NOUN NNS 2 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {2, 3, "IRQ", 0}, END},
     "gave", 0, {"IRN", NSUBJ, "Iran", "IRQ", IOBJ, "Iraq", 0, 0}},
    {"a subject that names no actor", "The soldiers attacked Iraq.",
     "The DET DT 2 det|soldiers NOUN NNS 3 nsubj|attacked VERB VBD 0 root|"
     "Iraq PROPN NNP 3 obj|. PUNCT . 3 punct",
     {{3, 4, "IRQ", 0}, END},
     "attacked", 0, {NULL, NSUBJ, "soldiers", "IRQ", OBJ, "Iraq", 0, 0}},
    {"no subject at all", "Attack Iraq.",
     "Attack VERB VB 0 root|Iraq PROPN NNP 1 obj|. PUNCT . 1 punct",
     {{1, 2, "IRQ", 0}, END},
     "Attack", 0, {NULL, NONE, NULL, "IRQ", OBJ, "Iraq", 0, 0}},
    {"object misread with a preposition of its own", "Iran imposed curbs on Iraq.",
     "Iran PROPN NNP 2 nsubj|imposed VERB VBD 0 root|curbs NOUN NNS 2 obj|on ADP IN 5 case|"
     "Iraq PROPN NNP 2 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {4, 5, "IRQ", 0}, END},
     "imposed", 0, {"IRN", NSUBJ, "Iran", "IRQ", OBL, "Iraq", 0, 0}},
    /* (the attack's "by" phrase names whose it is: the object's actor) */
    {"perfect tense with a 'by' phrase is active", "Israel has condemned the attack by Hamas.",
     "Israel PROPN NNP 3 nsubj|has AUX VBZ 3 aux|condemned VERB VBN 0 root|the DET DT 5 det|"
     "attack NOUN NN 3 obj|by ADP IN 7 case|Hamas PROPN NNP 5 nmod|. PUNCT . 3 punct",
     {{0, 1, "ISR", 0}, {6, 7, "PSEREB", 0}, END},
     "condemned", 0, {"ISR", NSUBJ, "Israel", "PSEREB", OBJ, "attack", 0, 0}},
    {"a 'to' phrase does not name the subject's actor", "The envoy to Iran met Netanyahu.",
     "The DET DT 2 det|envoy NOUN NN 5 nsubj|to ADP IN 4 case|Iran PROPN NNP 2 nmod|"
     "met VERB VBD 0 root|Netanyahu PROPN NNP 5 obj|. PUNCT . 5 punct",
     {{3, 4, "IRN", 0}, {5, 6, "ISRGOV", 0}, END},
     "met", 0, {NULL, NSUBJ, "envoy", "ISRGOV", OBJ, "Netanyahu", 0, 0}},
    {"an 'of' phrase does", "The envoy of Iran met Netanyahu.",
     "The DET DT 2 det|envoy NOUN NN 5 nsubj|of ADP IN 4 case|Iran PROPN NNP 2 nmod|"
     "met VERB VBD 0 root|Netanyahu PROPN NNP 5 obj|. PUNCT . 5 punct",
     {{3, 4, "IRN", 0}, {5, 6, "ISRGOV", 0}, END},
     "met", 0, {"IRN", NSUBJ, "envoy", "ISRGOV", OBJ, "Netanyahu", 0, 0}},
    {"a pronoun that points nowhere is no pronoun to resolve", "Nobody attacked Iraq.",
     "Nobody PRON NN 2 nsubj|attacked VERB VBD 0 root|Iraq PROPN NNP 2 obj|. PUNCT . 2 punct",
     {{2, 3, "IRQ", 0}, END},
     "attacked", 0, {NULL, NSUBJ, "Nobody", "IRQ", OBJ, "Iraq", 0, 0}},
};

static void test_active(void **state)
{
    (void)state;
    RUN(ACTIVE);
}

/* ---- passives --------------------------------------------------------------- */

static const tcase PASSIVE[] = {
    {"passive with obl:agent", "Russian diplomats were expelled by Germany.",
     "Russian ADJ JJ 2 amod|diplomats NOUN NNS 4 nsubj:pass|were AUX VBD 4 aux:pass|"
     "expelled VERB VBN 0 root|by ADP IN 6 case|Germany PROPN NNP 4 obl:agent|. PUNCT . 4 punct",
     {{0, 1, "RUS", ADJ}, {5, 6, "DEU", 0}, END},
     "expelled", 0, {"DEU", AGENT, "Germany", "RUS", NSUBJ_PASS, "diplomats", 1, 0}},
    {"passive with a plain obl 'by'", "Russian diplomats were expelled by Germany.",
     "Russian ADJ JJ 2 amod|diplomats NOUN NNS 4 nsubj:pass|were AUX VBD 4 aux:pass|"
     "expelled VERB VBN 0 root|by ADP IN 6 case|Germany PROPN NNP 4 obl|. PUNCT . 4 punct",
     {{0, 1, "RUS", ADJ}, {5, 6, "DEU", 0}, END},
     "expelled", 0, {"DEU", AGENT, "Germany", "RUS", NSUBJ_PASS, "diplomats", 1, 0}},
    {"passive, agent hung on the oblique before it",
     "Sanctions were imposed on Belarus by Canada.",
     "Sanctions NOUN NNS 3 nsubj:pass|were AUX VBD 3 aux:pass|imposed VERB VBN 0 root|"
     "on ADP IN 5 case|Belarus PROPN NNP 3 obl|by ADP IN 7 case|Canada PROPN NNP 5 nmod|"
     ". PUNCT . 3 punct",
     {{4, 5, "BLR", 0}, {6, 7, "CAN", 0}, END},
     "imposed", 0, {"CAN", AGENT, "Canada", "BLR", OBL, "Belarus", 1, 0}},
    {"passive without agent", "Iran was attacked.",
     "Iran PROPN NNP 3 nsubj:pass|was AUX VBD 3 aux:pass|attacked VERB VBN 0 root|"
     ". PUNCT . 3 punct",
     {{0, 1, "IRN", 0}, END},
     "attacked", 0, {NULL, NONE, NULL, "IRN", NSUBJ_PASS, "Iran", 1, 0}},
    {"passive known by aux:pass alone, 'by' phrase not an agent preposition",
     "Talks were held with Iran in Oman.",
     "Talks NOUN NNS 3 nsubj:pass|were AUX VBD 3 aux:pass|held VERB VBN 0 root|"
     "with ADP IN 5 case|Iran PROPN NNP 3 obl|in ADP IN 7 case|Oman PROPN NNP 3 obl|"
     ". PUNCT . 3 punct",
     {{4, 5, "IRN", 0}, {6, 7, "OMN", 0}, END},
     "held", 0, {NULL, NONE, NULL, "IRN", OBL, "Iran", 1, 0}},
    {"reduced relative: participle with a 'by' agent",
     "Russian diplomats expelled by Germany left Berlin.",
     "Russian ADJ JJ 2 amod|diplomats NOUN NNS 6 nsubj|expelled VERB VBN 2 acl|by ADP IN 5 case|"
     "Germany PROPN NNP 3 obl|left VERB VBD 0 root|Berlin PROPN NNP 6 obj|. PUNCT . 6 punct",
     {{0, 1, "RUS", ADJ}, {4, 5, "DEU", 0}, {6, 7, "BERLIN", SEAT}, END},
     "expelled", 0, {"DEU", AGENT, "Germany", "RUS", NSUBJ_PASS, "diplomats", 1, 0}},
    {"a participle with no agent is not read as passive",
     "Iran has attacked Iraq.",
     "Iran PROPN NNP 3 nsubj|has AUX VBZ 3 aux|attacked VERB VBN 0 root|Iraq PROPN NNP 3 obj|"
     ". PUNCT . 3 punct",
     {{0, 1, "IRN", 0}, {3, 4, "IRQ", 0}, END},
     "attacked", 0, {"IRN", NSUBJ, "Iran", "IRQ", OBJ, "Iraq", 0, 0}},
    {"an agent under the passive subject is not the agent",
     "The attack by Hamas was condemned.",
     "The DET DT 2 det|attack NOUN NN 6 nsubj:pass|by ADP IN 4 case|Hamas PROPN NNP 2 nmod|"
     "was AUX VBD 6 aux:pass|condemned VERB VBN 0 root|. PUNCT . 6 punct",
     {{3, 4, "PSEREB", 0}, END},
     "condemned", 0, {NULL, NONE, NULL, "PSEREB", NSUBJ_PASS, "attack", 1, 0}},
    {"a place as agent is no source", "Iran was attacked by Kharkiv.",
     "Iran PROPN NNP 3 nsubj:pass|was AUX VBD 3 aux:pass|attacked VERB VBN 0 root|"
     "by ADP IN 5 case|Kharkiv PROPN NNP 3 obl:agent|. PUNCT . 3 punct",
     {{0, 1, "IRN", 0}, {4, 5, "KHARKIV", LOC}, END},
     "attacked", 0, {NULL, NONE, NULL, "IRN", NSUBJ_PASS, "Iran", 1, 0}},
};

static void test_passive(void **state)
{
    (void)state;
    RUN(PASSIVE);
}

/* ---- control, coordination, relative clauses, participles --------------- */

static const tcase SHARED[] = {
    {"subject control", "Iran agreed to meet Egypt.",
     "Iran PROPN NNP 2 nsubj|agreed VERB VBD 0 root|to PART TO 4 mark|meet VERB VB 2 xcomp|"
     "Egypt PROPN NNP 4 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {4, 5, "EGY", 0}, END},
     "meet", 0, {"IRN", CONTROL, "Iran", "EGY", OBJ, "Egypt", 0, 0}},
    {"the controlling verb's target is its complement's", "Iran agreed to meet Egypt.",
     "Iran PROPN NNP 2 nsubj|agreed VERB VBD 0 root|to PART TO 4 mark|meet VERB VB 2 xcomp|"
     "Egypt PROPN NNP 4 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {4, 5, "EGY", 0}, END},
     "agreed", 0, {"IRN", NSUBJ, "Iran", "EGY", COMP, "Egypt", 0, 0}},
    {"object control", "France urged Iran to leave Syria.",
     "France PROPN NNP 2 nsubj|urged VERB VBD 0 root|Iran PROPN NNP 2 obj|to PART TO 5 mark|"
     "leave VERB VB 2 xcomp|Syria PROPN NNP 5 obj|. PUNCT . 2 punct",
     {{0, 1, "FRA", 0}, {2, 3, "IRN", 0}, {5, 6, "SYR", 0}, END},
     "leave", 0, {"IRN", CONTROL, "Iran", "SYR", OBJ, "Syria", 0, 0}},
    {"object control: the urging", "France urged Iran to leave Syria.",
     "France PROPN NNP 2 nsubj|urged VERB VBD 0 root|Iran PROPN NNP 2 obj|to PART TO 5 mark|"
     "leave VERB VB 2 xcomp|Syria PROPN NNP 5 obj|. PUNCT . 2 punct",
     {{0, 1, "FRA", 0}, {2, 3, "IRN", 0}, {5, 6, "SYR", 0}, END},
     "urged", 0, {"FRA", NSUBJ, "France", "IRN", OBJ, "Iran", 0, 0}},
    {"a passive controller", "Saudi Arabia is expected to restore ties with Iran.",
     "Saudi PROPN NNP 2 compound|Arabia PROPN NNP 4 nsubj:pass|is AUX VBZ 4 aux:pass|"
     "expected VERB VBN 0 root|to PART TO 6 mark|restore VERB VB 4 xcomp|ties NOUN NNS 6 obj|"
     "with ADP IN 9 case|Iran PROPN NNP 6 obl|. PUNCT . 4 punct",
     {{0, 2, "SAU", 0}, {8, 9, "IRN", 0}, END},
     "restore", 0, {"SAU", CONTROL, "Arabia", "IRN", OBL, "Iran", 0, 0}},
    {"three levels of control", "Iran wants to try to begin to attack Iraq.",
     "Iran PROPN NNP 2 nsubj|wants VERB VBZ 0 root|to PART TO 4 mark|try VERB VB 2 xcomp|"
     "to PART TO 6 mark|begin VERB VB 4 xcomp|to PART TO 8 mark|attack VERB VB 6 xcomp|"
     "Iraq PROPN NNP 8 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {8, 9, "IRQ", 0}, END},
     "attack", 0, {"IRN", CONTROL, "Iran", "IRQ", OBJ, "Iraq", 0, 0}},
    {"four levels of control are too many",
     "Iran wants to try to plan to begin to attack Iraq.",
     "Iran PROPN NNP 2 nsubj|wants VERB VBZ 0 root|to PART TO 4 mark|try VERB VB 2 xcomp|"
     "to PART TO 6 mark|plan VERB VB 4 xcomp|to PART TO 8 mark|begin VERB VB 6 xcomp|"
     "to PART TO 10 mark|attack VERB VB 8 xcomp|Iraq PROPN NNP 10 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {10, 11, "IRQ", 0}, END},
     "attack", 0, {NULL, NONE, NULL, "IRQ", OBJ, "Iraq", 0, 0}},
    {"coordinated verbs share the subject", "Lavrov visited Ankara and met Erdogan.",
     "Lavrov PROPN NNP 2 nsubj|visited VERB VBD 0 root|Ankara PROPN NNP 2 obj|and CCONJ CC 5 cc|"
     "met VERB VBD 2 conj|Erdogan PROPN NNP 5 obj|. PUNCT . 2 punct",
     {{0, 1, "RUSGOV", PER}, {2, 3, "ANKARA", SEAT}, {5, 6, "TURGOV", PER}, END},
     "met", 0, {"RUSGOV", CONJ, "Lavrov", "TURGOV", OBJ, "Erdogan", 0, 0}},
    {"a verb coordinated with a noun gets no subject from it",
     "Iran condemned the raids and attacked Iraq.",
     "Iran PROPN NNP 2 nsubj|condemned VERB VBD 0 root|the DET DT 4 det|raids NOUN NNS 2 obj|"
     "and CCONJ CC 6 cc|attacked VERB VBD 4 conj|Iraq PROPN NNP 6 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {6, 7, "IRQ", 0}, END},
     "attacked", 0, {NULL, NONE, NULL, "IRQ", OBJ, "Iraq", 0, 0}},
    {"the coordinated verb's own subject wins", "Iran protested and Iraq attacked Kuwait.",
     "Iran PROPN NNP 2 nsubj|protested VERB VBD 0 root|and CCONJ CC 5 cc|Iraq PROPN NNP 5 nsubj|"
     "attacked VERB VBD 2 conj|Kuwait PROPN NNP 5 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {3, 4, "IRQ", 0}, {5, 6, "KWT", 0}, END},
     "attacked", 0, {"IRQ", NSUBJ, "Iraq", "KWT", OBJ, "Kuwait", 0, 0}},
    {"relative clause with 'which'", "France condemned Hamas, which attacked Israel.",
     "France PROPN NNP 2 nsubj|condemned VERB VBD 0 root|Hamas PROPN NNP 2 obj|, PUNCT , 3 punct|"
     "which PRON WDT 6 nsubj|attacked VERB VBD 3 acl:relcl|Israel PROPN NNP 6 obj|"
     ". PUNCT . 2 punct",
     {{0, 1, "FRA", 0}, {2, 3, "HMS", 0}, {6, 7, "ISR", 0}, END},
     "attacked", 0, {"HMS", RELCL, "Hamas", "ISR", OBJ, "Israel", 0, 0}},
    {"the name before ', which', wherever the parser hung the clause",
     "Chad is a member, but Libya, which attacked Niger, refused.",
     "Chad PROPN NNP 4 nsubj|is AUX VBZ 4 cop|a DET DT 4 det|member NOUN NN 0 root|"
     ", PUNCT , 7 punct|but CCONJ CC 7 cc|Libya PROPN NNP 4 conj|, PUNCT , 10 punct|"
     "which PRON WDT 10 nsubj|attacked VERB VBD 4 acl:relcl|Niger PROPN NNP 10 obj|"
     ", PUNCT , 13 punct|refused VERB VBD 4 parataxis|. PUNCT . 4 punct",
     {{0, 1, "TCD", 0}, {6, 7, "LBY", 0}, {10, 11, "NER", 0}, END},
     "attacked", 0, {"LBY", RELCL, "Libya", "NER", OBJ, "Niger", 0, 0}},
    {"relative clause with 'who'", "Blinken, who visited Cairo, met Netanyahu.",
     "Blinken PROPN NNP 7 nsubj|, PUNCT , 1 punct|who PRON WP 4 nsubj|"
     "visited VERB VBD 1 acl:relcl|Cairo PROPN NNP 4 obj|, PUNCT , 1 punct|met VERB VBD 0 root|"
     "Netanyahu PROPN NNP 7 obj|. PUNCT . 7 punct",
     {{0, 1, "USAGOV", PER}, {4, 5, "CAIRO", SEAT}, {7, 8, "ISRGOV", PER}, END},
     "visited", 0, {"USAGOV", RELCL, "Blinken", "CAIRO", OBJ, "Cairo", 0, 0}},
    {"the main clause around a relative clause", "Blinken, who visited Cairo, met Netanyahu.",
     "Blinken PROPN NNP 7 nsubj|, PUNCT , 1 punct|who PRON WP 4 nsubj|"
     "visited VERB VBD 1 acl:relcl|Cairo PROPN NNP 4 obj|, PUNCT , 1 punct|met VERB VBD 0 root|"
     "Netanyahu PROPN NNP 7 obj|. PUNCT . 7 punct",
     {{0, 1, "USAGOV", PER}, {4, 5, "CAIRO", SEAT}, {7, 8, "ISRGOV", PER}, END},
     "met", 0, {"USAGOV", NSUBJ, "Blinken", "ISRGOV", OBJ, "Netanyahu", 0, 0}},
    {"relative clause with 'that' under control",
     "Iran condemned the group that agreed to attack Iraq.",
     "Iran PROPN NNP 2 nsubj|condemned VERB VBD 0 root|the DET DT 4 det|group NOUN NN 2 obj|"
     "that PRON WDT 6 nsubj|agreed VERB VBD 4 acl:relcl|to PART TO 8 mark|"
     "attack VERB VB 6 xcomp|Iraq PROPN NNP 8 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {3, 4, "GRP", 0}, {8, 9, "IRQ", 0}, END},
     "attack", 0, {"GRP", RELCL, "group", "IRQ", OBJ, "Iraq", 0, 0}},
    {"a participle shares its clause's subject", "Iran blamed Iraq, threatening to strike Kuwait.",
     "Iran PROPN NNP 2 nsubj|blamed VERB VBD 0 root|Iraq PROPN NNP 2 obj|, PUNCT , 5 punct|"
     "threatening VERB VBG 2 advcl|to PART TO 7 mark|strike VERB VB 5 xcomp|"
     "Kuwait PROPN NNP 7 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {2, 3, "IRQ", 0}, {7, 8, "KWT", 0}, END},
     "threatening", 0, {"IRN", CONTROL, "Iran", "KWT", COMP, "Kuwait", 0, 0}},
    {"control through a participle", "Iran blamed Iraq, threatening to strike Kuwait.",
     "Iran PROPN NNP 2 nsubj|blamed VERB VBD 0 root|Iraq PROPN NNP 2 obj|, PUNCT , 5 punct|"
     "threatening VERB VBG 2 advcl|to PART TO 7 mark|strike VERB VB 5 xcomp|"
     "Kuwait PROPN NNP 7 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {2, 3, "IRQ", 0}, {7, 8, "KWT", 0}, END},
     "strike", 0, {"IRN", CONTROL, "Iran", "KWT", OBJ, "Kuwait", 0, 0}},
    {"a finite adverbial clause has its own (missing) subject",
     "Iran left after attacked Iraq.",
     "Iran PROPN NNP 2 nsubj|left VERB VBD 0 root|after SCONJ IN 4 mark|"
     "attacked VERB VBD 2 advcl|Iraq PROPN NNP 4 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {4, 5, "IRQ", 0}, END},
     "attacked", 0, {NULL, NONE, NULL, "IRQ", OBJ, "Iraq", 0, 0}},
};

static void test_shared_subjects(void **state)
{
    (void)state;
    RUN(SHARED);
}

/* ---- oblique targets and settings ------------------------------------------ */

static void test_oblique_prepositions(void **state)
{
    (void)state;
    /* "Iran acted PREP Iraq.": targets after the target prepositions of
     * cues.txt, settings after the others */
    static const struct {
        const char *prep;
        int target;
    } preps[] = {{"with", 1},   {"against", 1}, {"on", 1},     {"upon", 1},  {"to", 1},
                 {"toward", 1}, {"into", 1},    {"over", 1},   {"from", 1},  {"between", 1},
                 {"at", 1},     {"in", 0},      {"during", 0}, {"near", 0},  {"after", 0},
                 {"before", 0}, {"under", 0},   {"within", 0}, {"despite", 0}, {"by", 0}};
    for (size_t i = 0; i < sizeof preps / sizeof *preps; i++) {
        char text[64], rows[256];
        snprintf(text, sizeof text, "Iran acted %s Iraq.", preps[i].prep);
        snprintf(rows, sizeof rows,
                 "Iran PROPN NNP 2 nsubj|acted VERB VBD 0 root|%s ADP IN 4 case|"
                 "Iraq PROPN NNP 2 obl|. PUNCT . 2 punct",
                 preps[i].prep);
        tcase c = {preps[i].prep, text, rows, {{0, 1, "IRN", 0}, {3, 4, "IRQ", 0}, END},
                   "acted", 0,
                   preps[i].target ? (want){"IRN", NSUBJ, "Iran", "IRQ", OBL, "Iraq", 0, 0}
                                   : (want){"IRN", NSUBJ, "Iran", NULL, NONE, NULL, 0, 0}};
        run_case(&c);
    }
}

static const tcase OBLIQUE[] = {
    {"oblique target after an object naming no actor", "Iran imposed sanctions on Iraq.",
     "Iran PROPN NNP 2 nsubj|imposed VERB VBD 0 root|sanctions NOUN NNS 2 obj|on ADP IN 5 case|"
     "Iraq PROPN NNP 2 obl|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {4, 5, "IRQ", 0}, END},
     "imposed", 0, {"IRN", NSUBJ, "Iran", "IRQ", OBL, "Iraq", 0, 0}},
    {"a setting before a target", "Iran met in Geneva with Iraq.",
     "Iran PROPN NNP 2 nsubj|met VERB VBD 0 root|in ADP IN 4 case|Geneva PROPN NNP 2 obl|"
     "with ADP IN 6 case|Iraq PROPN NNP 2 obl|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {3, 4, "GENEVA", LOC}, {5, 6, "IRQ", 0}, END},
     "met", 0, {"IRN", NSUBJ, "Iran", "IRQ", OBL, "Iraq", 0, 0}},
    {"a target one level down", "The US provided billions in aid to Ukraine.",
     "The DET DT 2 det|US PROPN NNP 3 nsubj|provided VERB VBD 0 root|billions NOUN NNS 3 obj|"
     "in ADP IN 6 case|aid NOUN NN 3 obl|to ADP IN 8 case|Ukraine PROPN NNP 6 nmod|"
     ". PUNCT . 3 punct",
     {{1, 2, "USA", 0}, {7, 8, "UKR", 0}, END},
     "provided", 0, {"USA", NSUBJ, "US", "UKR", OBL, "Ukraine", 0, 0}},
    {"the object's 'to' phrase is found one level down", "Iran provided aid to Iraq.",
     "Iran PROPN NNP 2 nsubj|provided VERB VBD 0 root|aid NOUN NN 2 obj|to ADP IN 5 case|"
     "Iraq PROPN NNP 3 nmod|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {4, 5, "IRQ", 0}, END},
     "provided", 0, {"IRN", NSUBJ, "Iran", "IRQ", OBL, "Iraq", 0, 0}},
    {"a day is a time, not a target, nor what hangs off it", "Iran acted on Friday in Peru.",
     "Iran PROPN NNP 2 nsubj|acted VERB VBD 0 root|on ADP IN 4 case|Friday PROPN NNP 2 obl|"
     "in ADP IN 6 case|Peru PROPN NNP 4 nmod|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {5, 6, "PER", 0}, END},
     "acted", 0, {"IRN", NSUBJ, "Iran", NULL, NONE, NULL, 0, 0}},
    {"a subject with a preposition is a misread oblique", "On Friday in Peru was attacked.",
     "On ADP IN 2 case|Friday PROPN NNP 6 nsubj:pass|in ADP IN 4 case|Peru PROPN NNP 2 nmod|"
     "was AUX VBD 6 aux:pass|attacked VERB VBN 0 root|. PUNCT . 6 punct",
     {{3, 4, "PER", 0}, END},
     "attacked", 0, {NULL, NONE, NULL, NULL, NONE, NULL, 1, 0}},
    {"a target preposition without an actor", "Iran met with officials.",
     "Iran PROPN NNP 2 nsubj|met VERB VBD 0 root|with ADP IN 4 case|officials NOUN NNS 2 obl|"
     ". PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, END},
     "met", 0, {"IRN", NSUBJ, "Iran", NULL, NONE, NULL, 0, 0}},
};

static void test_oblique(void **state)
{
    (void)state;
    RUN(OBLIQUE);
}

static void test_oblique_avoid(void **state)
{
    (void)state;
    fx *x = build("Iran met with Iraq and with Syria.",
                  "Iran PROPN NNP 2 nsubj|met VERB VBD 0 root|with ADP IN 4 case|"
                  "Iraq PROPN NNP 2 obl|and CCONJ CC 7 cc|with ADP IN 7 case|"
                  "Syria PROPN NNP 2 obl|. PUNCT . 2 punct",
                  (const ment[]){{0, 1, "IRN", 0}, {3, 4, "IRQ", 0}, {6, 7, "SYR", 0}, END});
    uint32_t t = 0;
    uint32_t met = tok(x, "met");
    assert_int_equal(code_syntax_oblique(&x->s, met, -1, &t), mention(x, "IRQ"));
    assert_int_equal(t, tok(x, "Iraq"));
    assert_int_equal(code_syntax_oblique(&x->s, met, mention(x, "IRQ"), &t), mention(x, "SYR"));
    assert_int_equal(t, tok(x, "Syria"));
    assert_int_equal(code_syntax_oblique(&x->s, met, mention(x, "SYR"), &t), mention(x, "IRQ"));
    /* a word with no obliques */
    t = 77;
    assert_int_equal(code_syntax_oblique(&x->s, tok(x, "Iraq"), -1, &t), -1);
    assert_int_equal(t, 77);
    release(x);
}

/* ---- nominal events and light verbs ------------------------------------ */

static const tcase NOMINAL[] = {
    {"possessive source, 'of' target", "Russia's invasion of Ukraine continued.",
     "Russia PROPN NNP 3 nmod:poss|'s PART POS 1 case|invasion NOUN NN 6 nsubj|of ADP IN 5 case|"
     "Ukraine PROPN NNP 3 nmod|continued VERB VBD 0 root|. PUNCT . 6 punct",
     {{0, 1, "RUS", POSS}, {4, 5, "UKR", 0}, END},
     "invasion", 1, {"RUS", APOSS, "Russia", "UKR", NMOD, "Ukraine", 0, 0}},
    {"adjective source", "The Russian invasion of Ukraine continued.",
     "The DET DT 3 det|Russian ADJ JJ 3 amod|invasion NOUN NN 6 nsubj|of ADP IN 5 case|"
     "Ukraine PROPN NNP 3 nmod|continued VERB VBD 0 root|. PUNCT . 6 punct",
     {{1, 2, "RUS", ADJ}, {4, 5, "UKR", 0}, END},
     "invasion", 1, {"RUS", MOD, "Russian", "UKR", NMOD, "Ukraine", 0, 0}},
    {"compound source", "US strikes on Syria resumed.",
     "US PROPN NNP 2 compound|strikes NOUN NNS 5 nsubj|on ADP IN 4 case|Syria PROPN NNP 2 nmod|"
     "resumed VERB VBD 0 root|. PUNCT . 5 punct",
     {{0, 1, "USA", 0}, {3, 4, "SYR", 0}, END},
     "strikes", 1, {"USA", MOD, "US", "SYR", NMOD, "Syria", 0, 0}},
    {"the possessor before the adjective", "Iran's Syrian operation ended.",
     "Iran PROPN NNP 4 nmod:poss|'s PART POS 1 case|Syrian ADJ JJ 4 amod|"
     "operation NOUN NN 5 nsubj|ended VERB VBD 0 root|. PUNCT . 5 punct",
     {{0, 1, "IRN", POSS}, {2, 3, "SYR", ADJ}, END},
     "operation", 1, {"IRN", APOSS, "Iran", NULL, NONE, NULL, 0, 0}},
    {"a place's adjective is no source", "The Kharkiv attack on civilians ended.",
     "The DET DT 3 det|Kharkiv PROPN NNP 3 compound|attack NOUN NN 7 nsubj|on ADP IN 5 case|"
     "civilians NOUN NNS 3 nmod|ended VERB VBD 0 root|. PUNCT . 6 punct",
     {{1, 2, "KHARKIV", LOC}, END},
     "attack", 1, {NULL, NONE, NULL, NULL, NONE, NULL, 0, 0}},
    {"possessive pronoun", "Their attack on Kyiv failed.",
     "Their PRON PRP$ 2 nmod:poss|attack NOUN NN 5 nsubj|on ADP IN 4 case|Kyiv PROPN NNP 2 nmod|"
     "failed VERB VBD 0 root|. PUNCT . 5 punct",
     {{3, 4, "KYIV", SEAT}, END},
     "attack", 1, {NULL, APOSS, "Their", "KYIV", NMOD, "Kyiv", 0, 1}},
    {"light verb 'held talks', oblique of the verb", "Iran held talks with Egypt.",
     "Iran PROPN NNP 2 nsubj|held VERB VBD 0 root|talks NOUN NNS 2 obj|with ADP IN 5 case|"
     "Egypt PROPN NNP 2 obl|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {4, 5, "EGY", 0}, END},
     "talks", 1, {"IRN", LIGHT, "Iran", "EGY", OBL, "Egypt", 0, 0}},
    {"light verb 'held talks', 'with' under the noun", "Iran held talks with Egypt.",
     "Iran PROPN NNP 2 nsubj|held VERB VBD 0 root|talks NOUN NNS 2 obj|with ADP IN 5 case|"
     "Egypt PROPN NNP 3 nmod|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {4, 5, "EGY", 0}, END},
     "talks", 1, {"IRN", LIGHT, "Iran", "EGY", OBL, "Egypt", 0, 0}},
    {"light verb 'launched an attack'", "Hamas launched an attack on Israel.",
     "Hamas PROPN NNP 2 nsubj|launched VERB VBD 0 root|an DET DT 4 det|attack NOUN NN 2 obj|"
     "on ADP IN 6 case|Israel PROPN NNP 4 nmod|. PUNCT . 2 punct",
     {{0, 1, "HMS", 0}, {5, 6, "ISR", 0}, END},
     "attack", 1, {"HMS", LIGHT, "Hamas", "ISR", OBL, "Israel", 0, 0}},
    {"light verb with a pronoun subject", "They held talks with Egypt.",
     "They PRON PRP 2 nsubj|held VERB VBD 0 root|talks NOUN NNS 2 obj|with ADP IN 5 case|"
     "Egypt PROPN NNP 2 obl|. PUNCT . 2 punct",
     {{4, 5, "EGY", 0}, END},
     "talks", 1, {NULL, LIGHT, "They", "EGY", OBL, "Egypt", 0, 1}},
    {"light verb under control", "Iran agreed to hold talks with Egypt.",
     "Iran PROPN NNP 2 nsubj|agreed VERB VBD 0 root|to PART TO 4 mark|hold VERB VB 2 xcomp|"
     "talks NOUN NNS 4 obj|with ADP IN 7 case|Egypt PROPN NNP 4 obl|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {6, 7, "EGY", 0}, END},
     "talks", 1, {"IRN", LIGHT, "Iran", "EGY", OBL, "Egypt", 0, 0}},
    {"not a light verb: the noun's own arguments only", "Iran condemned talks with Egypt.",
     "Iran PROPN NNP 2 nsubj|condemned VERB VBD 0 root|talks NOUN NNS 2 obj|with ADP IN 5 case|"
     "Egypt PROPN NNP 3 nmod|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {4, 5, "EGY", 0}, END},
     "talks", 1, {NULL, NONE, NULL, "EGY", NMOD, "Egypt", 0, 0}},
    {"a light verb's subject, but the noun is not its object",
     "Iran held Egypt responsible for the attack.",
     "Iran PROPN NNP 2 nsubj|held VERB VBD 0 root|Egypt PROPN NNP 2 obj|"
     "responsible ADJ JJ 2 xcomp|for ADP IN 7 case|the DET DT 7 det|attack NOUN NN 4 obl|"
     ". PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {2, 3, "EGY", 0}, END},
     "attack", 1, {NULL, NONE, NULL, NULL, NONE, NULL, 0, 0}},
};

static void test_nominal(void **state)
{
    (void)state;
    RUN(NOMINAL);
}

/* ---- complements of verbs of saying ------------------------------------ */

static const tcase SPEECH[] = {
    {"the subject of a reported clause", "Iran said Israel attacked Gaza.",
     "Iran PROPN NNP 2 nsubj|said VERB VBD 0 root|Israel PROPN NNP 4 nsubj|"
     "attacked VERB VBD 2 ccomp|Gaza PROPN NNP 4 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {2, 3, "ISR", 0}, {4, 5, "GAZA", LOC}, END},
     "said", 0, {"IRN", NSUBJ, "Iran", "ISR", COMP, "Israel", 0, 0}},
    {"the reported act itself", "Iran said Israel attacked Gaza.",
     "Iran PROPN NNP 2 nsubj|said VERB VBD 0 root|Israel PROPN NNP 4 nsubj|"
     "attacked VERB VBD 2 ccomp|Gaza PROPN NNP 4 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {2, 3, "ISR", 0}, {4, 5, "GAZA", LOC}, END},
     "attacked", 0, {"ISR", NSUBJ, "Israel", "GAZA", OBJ, "Gaza", 0, 0}},
    {"the speaker's own troops are not whom it is about", "Iran said its troops attacked Iraq.",
     "Iran PROPN NNP 2 nsubj|said VERB VBD 0 root|its PRON PRP$ 4 nmod:poss|"
     "troops NOUN NNS 5 nsubj|attacked VERB VBD 2 ccomp|Iraq PROPN NNP 5 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {5, 6, "IRQ", 0}, END},
     "said", 0, {"IRN", NSUBJ, "Iran", "IRQ", COMP, "Iraq", 0, 0}},
    {"a passive reported clause", "Iran said Iraq was attacked.",
     "Iran PROPN NNP 2 nsubj|said VERB VBD 0 root|Iraq PROPN NNP 5 nsubj:pass|"
     "was AUX VBD 5 aux:pass|attacked VERB VBN 2 ccomp|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {2, 3, "IRQ", 0}, END},
     "said", 0, {"IRN", NSUBJ, "Iran", "IRQ", COMP, "Iraq", 0, 0}},
    {"not a verb of saying: its clause is not followed", "Iran hoped Israel would leave.",
     "Iran PROPN NNP 2 nsubj|hoped VERB VBD 0 root|Israel PROPN NNP 5 nsubj|"
     "would AUX MD 5 aux|leave VERB VB 2 ccomp|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {2, 3, "ISR", 0}, END},
     "hoped", 0, {"IRN", NSUBJ, "Iran", NULL, NONE, NULL, 0, 0}},
    {"infinitive complement", "Iran threatened to strike Israel.",
     "Iran PROPN NNP 2 nsubj|threatened VERB VBD 0 root|to PART TO 4 mark|"
     "strike VERB VB 2 xcomp|Israel PROPN NNP 4 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {4, 5, "ISR", 0}, END},
     "threatened", 0, {"IRN", NSUBJ, "Iran", "ISR", COMP, "Israel", 0, 0}},
    {"gerund complement", "Iran denied attacking Ukraine.",
     "Iran PROPN NNP 2 nsubj|denied VERB VBD 0 root|attacking VERB VBG 2 xcomp|"
     "Ukraine PROPN NNP 3 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {3, 4, "UKR", 0}, END},
     "denied", 0, {"IRN", NSUBJ, "Iran", "UKR", COMP, "Ukraine", 0, 0}},
    {"the clause of an object noun", "Iran rejected claims that its troops attacked Armenia.",
     "Iran PROPN NNP 2 nsubj|rejected VERB VBD 0 root|claims NOUN NNS 2 obj|"
     "that SCONJ IN 7 mark|its PRON PRP$ 6 nmod:poss|troops NOUN NNS 7 nsubj|"
     "attacked VERB VBD 3 acl|Armenia PROPN NNP 7 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {7, 8, "ARM", 0}, END},
     "rejected", 0, {"IRN", NSUBJ, "Iran", "ARM", COMP, "Armenia", 0, 0}},
    {"a content clause the parser read as relative keeps its target",
     "Iran rejected claims that its troops attacked Armenia.",
     "Iran PROPN NNP 2 nsubj|rejected VERB VBD 0 root|claims NOUN NNS 2 obj|"
     "that SCONJ IN 7 mark|its PRON PRP$ 6 nmod:poss|troops NOUN NNS 7 nsubj|"
     "attacked VERB VBD 3 acl:relcl|Armenia PROPN NNP 7 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {7, 8, "ARM", 0}, END},
     "rejected", 0, {"IRN", NSUBJ, "Iran", "ARM", COMP, "Armenia", 0, 0}},
    {"a relative clause only describes the object", "Iran withdrew a bill that helped Iraq.",
     "Iran PROPN NNP 2 nsubj|withdrew VERB VBD 0 root|a DET DT 4 det|bill NOUN NN 2 obj|"
     "that PRON WDT 6 nsubj|helped VERB VBD 4 acl:relcl|Iraq PROPN NNP 6 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {6, 7, "IRQ", 0}, END},
     "withdrew", 0, {"IRN", NSUBJ, "Iran", NULL, NONE, NULL, 0, 0}},
    {"a participle on a text its issuer put out", "Iran issued a statement criticising Iraq.",
     "Iran PROPN NNP 2 nsubj|issued VERB VBD 0 root|a DET DT 4 det|statement NOUN NN 2 obj|"
     "criticising VERB VBG 4 acl|Iraq PROPN NNP 5 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {5, 6, "IRQ", 0}, END},
     "criticising", 0, {"IRN", CONTROL, "Iran", "IRQ", OBJ, "Iraq", 0, 0}},
    {"not on a thing someone else put out", "Iran rejected a plan criticising Iraq.",
     "Iran PROPN NNP 2 nsubj|rejected VERB VBD 0 root|a DET DT 4 det|plan NOUN NN 2 obj|"
     "criticising VERB VBG 4 acl|Iraq PROPN NNP 5 obj|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {5, 6, "IRQ", 0}, END},
     "criticising", 0, {NULL, NONE, NULL, "IRQ", OBJ, "Iraq", 0, 0}},
    {"a verb parsed as a clause on the day word before it", "Iran today criticised Iraq.",
     "Iran PROPN NNP 0 root|today NOUN NN 1 obl:unmarked|criticised VERB VBD 2 acl|"
     "Iraq PROPN NNP 3 obj|. PUNCT . 1 punct",
     {{0, 1, "IRN", 0}, {3, 4, "IRQ", 0}, END},
     "criticised", 0, {"IRN", NSUBJ, "Iran", "IRQ", OBJ, "Iraq", 0, 0}},
    {"an adjective of attitude is about the clause it governs",
     "Iran said it was confident that Iraq would agree.",
     "Iran PROPN NNP 2 nsubj|said VERB VBD 0 root|it PRON PRP 5 nsubj|was AUX VBD 5 cop|"
     "confident ADJ JJ 2 ccomp|that SCONJ IN 9 mark|Iraq PROPN NNP 9 nsubj|"
     "would AUX MD 9 aux|agree VERB VB 5 ccomp|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {6, 7, "IRQ", 0}, END},
     "said", 0, {"IRN", NSUBJ, "Iran", "IRQ", COMP, "Iraq", 0, 0}},
    {"a complement that is the actor itself", "Iran said it was Iraq.",
     "Iran PROPN NNP 2 nsubj|said VERB VBD 0 root|it PRON PRP 5 nsubj|was AUX VBD 5 cop|"
     "Iraq PROPN NNP 2 ccomp|. PUNCT . 2 punct",
     {{0, 1, "IRN", 0}, {4, 5, "IRQ", 0}, END},
     "said", 0, {"IRN", NSUBJ, "Iran", "IRQ", COMP, "Iraq", 0, 0}},
};

static void test_speech(void **state)
{
    (void)state;
    RUN(SPEECH);
}

/* ---- pronouns, descriptions and places ------------------------------------ */

static const tcase PRONOUNS[] = {
    {"pronoun subject", "He met Putin.",
     "He PRON PRP 2 nsubj|met VERB VBD 0 root|Putin PROPN NNP 2 obj|. PUNCT . 2 punct",
     {{2, 3, "RUSGOV", PER}, END},
     "met", 0, {NULL, NSUBJ, "He", "RUSGOV", OBJ, "Putin", 0, 1}},
    {"'it' parsed as an expletive, in what an actor says", "Syria says it is willing to leave Iraq.",
     "Syria PROPN NNP 2 nsubj|says VERB VBZ 0 root|it PRON PRP 5 expl|is AUX VBZ 5 cop|"
     "willing ADJ JJ 2 ccomp|to PART TO 7 mark|leave VERB VB 5 xcomp|Iraq PROPN NNP 7 obj|"
     ". PUNCT . 2 punct",
     {{0, 1, "SYR", 0}, {7, 8, "IRQ", 0}, END},
     "leave", 0, {NULL, CONTROL, "it", "IRQ", OBJ, "Iraq", 0, 1}},
    {"an impersonal expletive is no subject", "Syria says it is important to leave Iraq.",
     "Syria PROPN NNP 2 nsubj|says VERB VBZ 0 root|it PRON PRP 5 expl|is AUX VBZ 5 cop|"
     "important ADJ JJ 2 ccomp|to PART TO 7 mark|leave VERB VB 5 xcomp|Iraq PROPN NNP 7 obj|"
     ". PUNCT . 2 punct",
     {{0, 1, "SYR", 0}, {7, 8, "IRQ", 0}, END},
     "leave", 0, {NULL, NONE, NULL, "IRQ", OBJ, "Iraq", 0, 0}},
    {"a description that points back", "The country attacked Iraq.",
     "The DET DT 2 det|country NOUN NN 3 nsubj|attacked VERB VBD 0 root|"
     "Iraq PROPN NNP 3 obj|. PUNCT . 3 punct",
     {{3, 4, "IRQ", 0}, END},
     "attacked", 0, {NULL, NSUBJ, "country", "IRQ", OBJ, "Iraq", 0, 1}},
    {"a group description", "The two sides signed a truce.",
     "The DET DT 3 det|two NUM CD 3 nummod|sides NOUN NNS 4 nsubj|signed VERB VBD 0 root|"
     "a DET DT 6 det|truce NOUN NN 4 obj|. PUNCT . 4 punct",
     {END},
     "signed", 0, {NULL, NSUBJ, "sides", NULL, NONE, NULL, 0, 1}},
    {"a pronoun shared along coordination", "They visited Ankara and met Erdogan.",
     "They PRON PRP 2 nsubj|visited VERB VBD 0 root|Ankara PROPN NNP 2 obj|and CCONJ CC 5 cc|"
     "met VERB VBD 2 conj|Erdogan PROPN NNP 5 obj|. PUNCT . 2 punct",
     {{2, 3, "ANKARA", SEAT}, {5, 6, "TURGOV", PER}, END},
     "met", 0, {NULL, CONJ, "They", "TURGOV", OBJ, "Erdogan", 0, 1}},
    {"a pronoun that a mention covers is that mention", "It attacked Iraq.",
     "It PRON PRP 2 nsubj|attacked VERB VBD 0 root|Iraq PROPN NNP 2 obj|. PUNCT . 2 punct",
     {{0, 1, "IT", 0}, {2, 3, "IRQ", 0}, END},
     "attacked", 0, {"IT", NSUBJ, "It", "IRQ", OBJ, "Iraq", 0, 0}},
    {"a place is never a source", "Geneva hosted Iran.",
     "Geneva PROPN NNP 2 nsubj|hosted VERB VBD 0 root|Iran PROPN NNP 2 obj|. PUNCT . 2 punct",
     {{0, 1, "GENEVA", LOC}, {2, 3, "IRN", 0}, END},
     "hosted", 0, {NULL, NONE, NULL, "IRN", OBJ, "Iran", 0, 0}},
    {"a place is never a source, through coordination either",
     "Geneva rose and welcomed Iran.",
     "Geneva PROPN NNP 2 nsubj|rose VERB VBD 0 root|and CCONJ CC 4 cc|welcomed VERB VBD 2 conj|"
     "Iran PROPN NNP 4 obj|. PUNCT . 2 punct",
     {{0, 1, "GENEVA", LOC}, {4, 5, "IRN", 0}, END},
     "welcomed", 0, {NULL, NONE, NULL, "IRN", OBJ, "Iran", 0, 0}},
    {"a seat is a source (the capital stands for its state)", "Moscow warned Kyiv.",
     "Moscow PROPN NNP 2 nsubj|warned VERB VBD 0 root|Kyiv PROPN NNP 2 obj|. PUNCT . 2 punct",
     {{0, 1, "RUS", SEAT}, {2, 3, "UKR", SEAT}, END},
     "warned", 0, {"RUS", NSUBJ, "Moscow", "UKR", OBJ, "Kyiv", 0, 0}},
};

static void test_pronouns_and_places(void **state)
{
    (void)state;
    RUN(PRONOUNS);
}

/* ---- phrases to mentions -------------------------------------------------- */

static void expect_phrase(const fx *x, const char *head, int nth, const char *code)
{
    int32_t got = code_phrase_mention(&x->s, tok_nth(x, head, nth));
    if (got != mention(x, code))
        fail_msg("phrase of \"%s\": %s, expected %s", head, code_of(x, got), code ? code : "-");
}

static void test_phrase_levels(void **state)
{
    (void)state;
    /* two levels of "of" are kept */
    fx *x = build("Officials of the government of Iraq met.",
                  "Officials NOUN NNS 7 nsubj|of ADP IN 4 case|the DET DT 4 det|"
                  "government NOUN NN 1 nmod|of ADP IN 6 case|Iraq PROPN NNP 4 nmod|"
                  "met VERB VBD 0 root|. PUNCT . 7 punct",
                  (const ment[]){{5, 6, "IRQ", 0}, END});
    expect_phrase(x, "Officials", 1, "IRQ");
    expect_phrase(x, "government", 1, "IRQ");
    expect_phrase(x, "Iraq", 1, "IRQ");
    expect_phrase(x, "met", 1, NULL); /* a subject names no phrase of its verb */
    expect_phrase(x, "of", 1, NULL);
    assert_int_equal(code_phrase_mention(&x->s, x->tb - 1), -1); /* outside */
    assert_int_equal(code_phrase_mention(&x->s, x->te), -1);
    assert_int_equal(code_phrase_mention(&x->s, 2), -1); /* the other sentence's mention */
    release(x);
    /* three are not */
    x = build("Members of the staff of the government of Iraq met.",
              "Members NOUN NNS 10 nsubj|of ADP IN 4 case|the DET DT 4 det|staff NOUN NN 1 nmod|"
              "of ADP IN 7 case|the DET DT 7 det|government NOUN NN 4 nmod|of ADP IN 9 case|"
              "Iraq PROPN NNP 7 nmod|met VERB VBD 0 root|. PUNCT . 10 punct",
              (const ment[]){{8, 9, "IRQ", 0}, END});
    expect_phrase(x, "Members", 1, NULL);
    expect_phrase(x, "staff", 1, "IRQ");
    release(x);
}

static void test_phrase_relations(void **state)
{
    (void)state;
    /* compound then adjective: two levels */
    fx *x = build("The Iranian army commander resigned.",
                  "The DET DT 4 det|Iranian ADJ JJ 3 amod|army NOUN NN 4 compound|"
                  "commander NOUN NN 5 nsubj|resigned VERB VBD 0 root|. PUNCT . 5 punct",
                  (const ment[]){{1, 2, "IRN", ADJ}, END});
    expect_phrase(x, "commander", 1, "IRN");
    expect_phrase(x, "army", 1, "IRN");
    expect_phrase(x, "The", 1, NULL); /* det is no naming relation */
    release(x);
    /* possessive */
    x = build("Iran's foreign minister resigned.",
              "Iran PROPN NNP 4 nmod:poss|'s PART POS 1 case|foreign ADJ JJ 4 amod|"
              "minister NOUN NN 5 nsubj|resigned VERB VBD 0 root|. PUNCT . 5 punct",
              (const ment[]){{0, 1, "IRN", POSS}, END});
    expect_phrase(x, "minister", 1, "IRN");
    release(x);
    /* a flat name with the mention on its last word */
    x = build("Vladimir Putin resigned.",
              "Vladimir PROPN NNP 3 nsubj|Putin PROPN NNP 1 flat|resigned VERB VBD 0 root|"
              ". PUNCT . 3 punct",
              (const ment[]){{1, 2, "RUSGOV", PER}, END});
    expect_phrase(x, "Vladimir", 1, "RUSGOV");
    release(x);
    /* the possessor and modifiers before an "of" phrase, whatever the order */
    x = build("The Iraqi envoy of Iran resigned.",
              "The DET DT 3 det|Iraqi ADJ JJ 3 amod|envoy NOUN NN 6 nsubj|of ADP IN 5 case|"
              "Iran PROPN NNP 3 nmod|resigned VERB VBD 0 root|. PUNCT . 6 punct",
              (const ment[]){{1, 2, "IRQ", ADJ}, {4, 5, "IRN", 0}, END});
    expect_phrase(x, "envoy", 1, "IRQ");
    release(x);
    x = build("The envoy of Iran, Lavrov, resigned.",
              "The DET DT 2 det|envoy NOUN NN 8 nsubj|of ADP IN 4 case|Iran PROPN NNP 2 nmod|"
              ", PUNCT , 6 punct|Lavrov PROPN NNP 2 appos|, PUNCT , 6 punct|"
              "resigned VERB VBD 0 root|. PUNCT . 8 punct",
              (const ment[]){{3, 4, "IRN", 0}, {5, 6, "RUSGOV", PER}, END});
    expect_phrase(x, "envoy", 1, "RUSGOV"); /* apposition before "of" */
    release(x);
    /* a mention covering the head wins over its dependents */
    x = build("Iran's Syrian operation ended.",
              "Iran PROPN NNP 4 nmod:poss|'s PART POS 1 case|Syrian ADJ JJ 4 amod|"
              "operation NOUN NN 5 nsubj|ended VERB VBD 0 root|. PUNCT . 5 punct",
              (const ment[]){{0, 1, "IRN", POSS}, {2, 4, "SYROP", 0}, END});
    expect_phrase(x, "operation", 1, "SYROP");
    release(x);
    /* relations that name no actor: case, det, acl, obl */
    x = build("Troops that Iran sent left.",
              "Troops NOUN NNS 5 nsubj|that PRON WDT 4 obj|Iran PROPN NNP 4 nsubj|"
              "sent VERB VBD 1 acl:relcl|left VERB VBD 0 root|. PUNCT . 5 punct",
              (const ment[]){{2, 3, "IRN", 0}, END});
    expect_phrase(x, "Troops", 1, NULL);
    release(x);
}

/* ---- the small helpers -------------------------------------------------- */

static void test_tree_helpers(void **state)
{
    (void)state;
    fx *x = build("Russian diplomats were expelled by Germany.",
                  "Russian ADJ JJ 2 amod|diplomats NOUN NNS 4 nsubj:pass|were AUX VBD 4 aux:pass|"
                  "expelled VERB VBN 0 root|by ADP IN 6 case|Germany PROPN NNP 4 obl:agent|"
                  ". PUNCT . 4 punct",
                  (const ment[]){{0, 1, "RUS", ADJ}, {5, 6, "DEU", 0}, END});
    assert_int_equal(code_syntax_rel(&x->s, tok(x, "diplomats")), SYN_REL_NSUBJ_PASS);
    assert_int_equal(code_syntax_rel(&x->s, tok(x, "expelled")), SYN_REL_ROOT);
    assert_int_equal(code_syntax_head(&x->s, tok(x, "diplomats")), tok(x, "expelled"));
    assert_int_equal(code_syntax_head(&x->s, tok(x, "by")), tok(x, "Germany"));
    assert_int_equal(code_syntax_head(&x->s, tok(x, "expelled")), UINT32_MAX);
    assert_true(code_syntax_passive(&x->s, tok(x, "expelled")));
    assert_false(code_syntax_passive(&x->s, tok(x, "diplomats")));
    release(x);
    /* aux:pass alone, nsubj:pass alone */
    x = build("Iran was attacked.",
              "Iran PROPN NNP 3 nsubj|was AUX VBD 3 aux:pass|attacked VERB VBN 0 root|"
              ". PUNCT . 3 punct",
              NULL);
    assert_true(code_syntax_passive(&x->s, tok(x, "attacked")));
    release(x);
    x = build("Iran attacked.",
              "Iran PROPN NNP 2 nsubj:pass|attacked VERB VBN 0 root|. PUNCT . 2 punct", NULL);
    assert_true(code_syntax_passive(&x->s, tok(x, "attacked")));
    release(x);
    x = build("Iran attacked.", "Iran PROPN NNP 2 nsubj|attacked VERB VBD 0 root|. PUNCT . 2 punct",
              NULL);
    assert_false(code_syntax_passive(&x->s, tok(x, "attacked")));
    code_args a;
    code_syntax_args(&x->s, tok(x, "attacked"), 0, &a);
    check_sane(x, &a);
    assert_int_equal(a.src, -1);
    assert_int_equal(a.src_tok, (int32_t)tok(x, "Iran"));
    assert_int_equal(a.tgt, -1);
    assert_int_equal(a.tgt_tok, -1);
    release(x);
}

static void test_arg_names(void **state)
{
    (void)state;
    assert_string_equal(code_arg_name(CODE_ARG_NONE), "");
    assert_string_equal(code_arg_name(-1), "");
    assert_string_equal(code_arg_name(CODE_ARG_KINDS), "");
    assert_string_equal(code_arg_name(1000), "");
    /* the arguments read off one relation are named by it, as the parser
     * names it (dyad parse) */
    assert_string_equal(code_arg_name(CODE_ARG_NSUBJ), syn_rel_name(SYN_REL_NSUBJ));
    assert_string_equal(code_arg_name(CODE_ARG_NSUBJ_PASS), syn_rel_name(SYN_REL_NSUBJ_PASS));
    assert_string_equal(code_arg_name(CODE_ARG_AGENT), syn_rel_name(SYN_REL_OBL_AGENT));
    assert_string_equal(code_arg_name(CODE_ARG_OBJ), syn_rel_name(SYN_REL_OBJ));
    assert_string_equal(code_arg_name(CODE_ARG_IOBJ), syn_rel_name(SYN_REL_IOBJ));
    assert_string_equal(code_arg_name(CODE_ARG_OBL), syn_rel_name(SYN_REL_OBL));
    assert_string_equal(code_arg_name(CODE_ARG_POSS), syn_rel_name(SYN_REL_NMOD_POSS));
    assert_string_equal(code_arg_name(CODE_ARG_NMOD), syn_rel_name(SYN_REL_NMOD));
    /* the paths name the relations they follow */
    assert_non_null(strstr(code_arg_name(CODE_ARG_CONTROL), "xcomp"));
    assert_non_null(strstr(code_arg_name(CODE_ARG_CONJ), "conj"));
    assert_non_null(strstr(code_arg_name(CODE_ARG_RELCL), "acl:relcl"));
    assert_non_null(strstr(code_arg_name(CODE_ARG_MOD), "amod"));
    assert_non_null(strstr(code_arg_name(CODE_ARG_MOD), "compound"));
    assert_non_null(strstr(code_arg_name(CODE_ARG_LIGHT), "light verb"));
    assert_non_null(strstr(code_arg_name(CODE_ARG_COMP), "ccomp"));
    /* every kind has its own one-line name */
    for (int i = 1; i < CODE_ARG_KINDS; i++) {
        const char *n = code_arg_name(i);
        assert_true(strlen(n) > 0 && strchr(n, '\n') == NULL && strchr(n, '\t') == NULL);
        for (int j = i + 1; j < CODE_ARG_KINDS; j++)
            assert_string_not_equal(n, code_arg_name(j));
    }
}

/* Random trees over one sentence: whatever the parse, the answer keeps its
 * invariants (no place as source, indices inside the sentence, ...). */
static void test_random_trees(void **state)
{
    (void)state;
    static const char *const text =
        "Iran said the Russian army of Iraq attacked Geneva with Hamas and they held talks "
        "in Kyiv, which Israel's envoy to Egypt expelled by force.";
    static const int rels[] = {SYN_REL_NSUBJ, SYN_REL_NSUBJ_PASS, SYN_REL_OBJ, SYN_REL_IOBJ,
                               SYN_REL_OBL, SYN_REL_OBL_AGENT, SYN_REL_NMOD, SYN_REL_NMOD_POSS,
                               SYN_REL_AMOD, SYN_REL_COMPOUND, SYN_REL_FLAT, SYN_REL_APPOS,
                               SYN_REL_CASE, SYN_REL_XCOMP, SYN_REL_CCOMP, SYN_REL_CONJ,
                               SYN_REL_ACL, SYN_REL_ACL_RELCL, SYN_REL_ADVCL, SYN_REL_AUX_PASS,
                               SYN_REL_DET, SYN_REL_PUNCT};
    static const int uposes[] = {SYN_NOUN, SYN_PROPN, SYN_VERB, SYN_AUX, SYN_ADJ, SYN_PRON,
                                 SYN_ADP};
    fx *x = calloc(1, sizeof *x);
    assert_non_null(x);
    x->a = dy_arena_new();
    size_t len = strlen(PREFIX) + strlen(text);
    x->text = dy_arena_alloc(x->a, len + 1);
    snprintf(x->text, len + 1, "%s%s", PREFIX, text);
    dy_err e;
    assert_int_equal(txt_tokenize(x->text, len, x->a, &x->tk, &x->ntk, &e), 0);
    x->tb = PREFIX_TOKENS;
    x->te = (uint32_t)x->ntk;
    uint32_t n = x->te - x->tb;
    assert_true(n < MAXT);
    x->tree = (syn_tree){.n = n, .tag = x->tag, .upos = x->upos, .xpos = x->xpos,
                         .head = x->head, .rel = x->rel};
    /* mentions on every capitalised word, Geneva and Kyiv places */
    x->nm = 1;
    for (uint32_t i = 0; i < n; i++) {
        const txt_token *k = &x->tk[x->tb + i];
        x->mcover[i] = -1;
        if (!(k->flags & TXT_TOK_CAP) || x->nm == 16)
            continue;
        dict_mention *d = &x->ms[x->nm];
        memset(d, 0, sizeof *d);
        d->tok_begin = x->tb + i;
        d->tok_end = x->tb + i + 1;
        d->list = -1;
        snprintf(d->code, sizeof d->code, "M%u", i);
        if (!memcmp(x->text + k->start, "Geneva", 6) || !memcmp(x->text + k->start, "Kyiv", 4))
            d->flags = DICT_M_LOCALITY;
        x->mcover[i] = (int32_t)x->nm++;
    }
    x->s = (code_sent){.tk = x->tk, .tb = x->tb, .te = x->te, .tree = &x->tree, .ms = x->ms,
                       .nm = x->nm, .mcover = x->mcover, .cues = cues};
    uint64_t r = 0x2545F4914F6CDD1Dull;
    for (int rep = 0; rep < 3000; rep++) {
        /* a random tree: a random root, every other token under an earlier
         * attached one */
        int order[MAXT];
        for (uint32_t i = 0; i < n; i++)
            order[i] = (int)i;
        for (uint32_t i = n - 1; i > 0; i--) {
            r ^= r >> 12, r ^= r << 25, r ^= r >> 27;
            uint32_t j = (uint32_t)((r * 0x2545F4914F6CDD1Dull) >> 33) % (i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (uint32_t i = 0; i < n; i++) {
            r ^= r >> 12, r ^= r << 25, r ^= r >> 27;
            uint64_t v = r * 0x2545F4914F6CDD1Dull;
            int t = order[i];
            x->head[t] = i == 0 ? -1 : order[(v >> 8) % i];
            x->rel[t] = (uint8_t)(i == 0 ? SYN_REL_ROOT : rels[(v >> 20) % (sizeof rels / sizeof *rels)]);
            x->upos[t] = (uint8_t)uposes[(v >> 30) % (sizeof uposes / sizeof *uposes)];
            x->xpos[t] = (uint8_t)((v >> 40) % SYN_XPOS_COUNT);
        }
        for (uint32_t v = x->tb; v < x->te; v++) {
            code_args a;
            code_syntax_args(&x->s, v, (int)(v & 1), &a);
            check_sane(x, &a);
            if (a.src >= 0) /* the source names the argument token's phrase */
                assert_int_equal(code_phrase_mention(&x->s, (uint32_t)a.src_tok) >= 0 ||
                                     x->mcover[a.src_tok - (int32_t)x->tb] == a.src,
                                 1);
        }
    }
    dy_arena_free(x->a);
    free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_active),
        cmocka_unit_test(test_passive),
        cmocka_unit_test(test_shared_subjects),
        cmocka_unit_test(test_oblique_prepositions),
        cmocka_unit_test(test_oblique),
        cmocka_unit_test(test_oblique_avoid),
        cmocka_unit_test(test_nominal),
        cmocka_unit_test(test_speech),
        cmocka_unit_test(test_pronouns_and_places),
        cmocka_unit_test(test_phrase_levels),
        cmocka_unit_test(test_phrase_relations),
        cmocka_unit_test(test_tree_helpers),
        cmocka_unit_test(test_arg_names),
        cmocka_unit_test(test_random_trees),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
