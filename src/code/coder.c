/* coder.c - from sentences and actor mentions to CAMEO events.
 *
 * No parser: for each word that a verb or noun entry knows, the entry's
 * patterns are matched around the word over tokens and mentions; the best
 * match (most matched elements) across entries wins. Arguments come from
 * the pattern's slots, else from the clause (subject before, object after),
 * with passive voice, compound actors and reported speech handled here
 * (pronouns in pronoun.c). Modality comes from cue words in the clause
 * (data/coder/cues.txt) and the parse (modality.c), dates from the time
 * expressions of the sentence (evdate.c). docs/coder.md describes the
 * rules.
 */
#include "code/code.h"
#include "code/code_evdate.h"
#include "code/code_modality.h"
#include "code/code_policy.h"
#include "code/code_pronoun.h"
#include "code/code_syntax.h"
#include "code/code_view.h"
#include "core/actor_code.h"
#include "core/alloc.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct code_coder {
    const dict_set *ds;
    const code_cues *cues;
    code_opts opts;
    uint64_t h_by, h_to, h_dash, h_semi, h_colon, h_and, h_comma;
    uint64_t h_on;
};

int code_coder_new(const dict_set *ds, const code_cues *cues, const code_opts *o,
                   code_coder **out, dy_err *err)
{
    code_coder *c = dy_calloc(1, sizeof *c);
    if (!c)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    c->ds = ds;
    c->cues = cues;
    if (o)
        c->opts = *o;
    c->h_by = txt_hash("by", 2);
    c->h_to = txt_hash("to", 2);
    c->h_dash = txt_hash("-", 1);
    c->h_semi = txt_hash(";", 1);
    c->h_colon = txt_hash(":", 1);
    c->h_and = txt_hash("and", 3);
    c->h_comma = txt_hash(",", 1);
    c->h_on = txt_hash("on", 2);
    *out = c;
    return 0;
}

void code_coder_free(code_coder *c) { dy_free(c); }

/* ---- per-sentence context --------------------------------------------- */

/* A sentence's tree in the cache: not yet seen, tagged (no arcs), parsed,
 * or too long for the parser. */
enum { TREE_NONE = 0, TREE_TAGGED, TREE_PARSED, TREE_TOO_LONG };

struct code_trees {
    size_t n;
    syn_tree *tree;
    uint8_t *state; /* TREE_* */
};

/* Contract in code.h. */
code_trees *code_trees_new(dy_arena *a, size_t nsent)
{
    code_trees *t = dy_arena_calloc(a, 1, sizeof *t);
    if (!t)
        return NULL;
    t->n = nsent;
    t->tree = dy_arena_calloc(a, nsent ? nsent : 1, sizeof *t->tree);
    t->state = dy_arena_calloc(a, nsent ? nsent : 1, 1);
    return t->tree && t->state ? t : NULL;
}

typedef struct sctx {
    const code_coder *c;
    const txt_analysis *an;
    const txt_token *tk;
    const dict_mention *ms;   /* the sentence's mentions */
    size_t nm;
    size_t m0;                /* index of ms[0] among the document's mentions */
    uint32_t tb, te;          /* sentence tokens */
    const txt_sentence *sent;
    int32_t *mstart, *mend, *mcover; /* indexed by token - tb */
    code_cue_mask *cmask;     /* cue kinds ending at token */
    uint32_t *cs_cache;       /* per token: clause start and bound, or
                                 UINT32_MAX when not computed yet */
    uint8_t *attr;            /* per mention: the speaker of a trailing
                                 attribution (", officials said") */
    uint32_t (*cstart)[CODE_CUE_KINDS];
    uint32_t *nh;             /* nh[i]: tokens tb .. tb+i-1 that are not
                                 hyphens (i up to the sentence length) */
    int has_tree;             /* the sentence was parsed: view holds it */
    syn_tree tree;
    code_sent view;
    /* The two sides of the last event with both (in this sentence or the
     * one before): what "they" means after "Macron hosted Scholz". */
    const dict_mention *pair[2];
    dict_sentence dview;      /* the sentence as dict_match_word sees it */
} sctx;

#define MS(sc, arr, t) ((sc)->arr[(t) - (sc)->tb])

static int is_boundary_punct(const sctx *sc, uint32_t t)
{
    uint64_t h = sc->tk[t].hash;
    return h == sc->c->h_semi || h == sc->c->h_colon;
}

/* ---- candidates --------------------------------------------------------- */

typedef struct cand {
    uint32_t v;                  /* the word's token */
    const dict_lexeme *lx;
    const dict_pattern *p;       /* NULL: the lexeme's default code */
    uint32_t form;
    int score;
    int32_t src, tgt;
    uint32_t lo, hi;
    int background;              /* in a subordinate clause ("where ...",
                                    "after ...", "which ..."): set on accept */
} cand;

/* Cue kinds at token t, computed on first use: most tokens of a sentence
 * are never asked about. */
#define CUE_UNKNOWN UINT64_MAX
static code_cue_mask cues_at(const sctx *sc, uint32_t t)
{
    return code_cues_cached(sc->c->cues, sc->tk, sc->tb, t, sc->cmask, sc->cstart);
}

static int has_cue(const sctx *sc, uint32_t t, int kind)
{
    return (cues_at(sc, t) >> kind) & 1u;
}

/* Best reading of token v; returns 1 and fills *out when there is one.
 * force: -1 any reading, else only entries of that kind (DICT_LX_VERB or
 * DICT_LX_NOUN, as the word's part of speech says). */
static int best_at(const sctx *sc, uint32_t v, int force, cand *out)
{
    dict_hit hit[2];
    unsigned got = dict_match_word(sc->c->ds, &sc->dview, v, force, hit);
    if (!got)
        return 0;
    /* "the visit", "a roadside bombing": a determiner, possibly with one
     * lower-case modifier between, makes the word a noun. */
    int det = v > sc->tb && has_cue(sc, v - 1, CODE_CUE_DETERMINER);
    if (!det && v > sc->tb + 1 && (sc->tk[v - 1].flags & TXT_TOK_WORD) &&
        !(sc->tk[v - 1].flags & (TXT_TOK_CAP | TXT_TOK_UPPER)) &&
        has_cue(sc, v - 2, CODE_CUE_DETERMINER) && MS(sc, mcover, v - 1) < 0) {
        det = !dict_word_known(sc->c->ds, sc->tk[v - 1].hash);
    }
    cand best[2];
    int have[2] = {0, 0};
    for (int kind = 0; kind < 2; kind++) {
        if (!((got >> kind) & 1u))
            continue;
        const dict_hit *h = &hit[kind];
        best[kind] = (cand){v, h->lx, h->p, h->form, h->score, h->src, h->tgt, h->lo, h->hi, 0};
        have[kind] = 1;
    }
    /* "artillery shells", "ballistic missiles": a third-person form right
     * after a lower-case common word is a plural noun, not a verb. */
    if (force < 0 && have[DICT_LX_VERB] && best[DICT_LX_VERB].form == DICT_WF_S &&
        !best[DICT_LX_VERB].p && v > sc->tb) {
        const txt_token *pv = &sc->tk[v - 1];
        if ((pv->flags & TXT_TOK_WORD) && !(pv->flags & (TXT_TOK_CAP | TXT_TOK_UPPER)) &&
            MS(sc, mcover, v - 1) < 0 && cues_at(sc, v - 1) == 0 &&
            !(pv->norm_len > 2 && memcmp(pv->norm + pv->norm_len - 2, "ly", 2) == 0))
            have[DICT_LX_VERB] = 0;
    }
    int pick;
    if (have[DICT_LX_VERB] && have[DICT_LX_NOUN])
        pick = det ? (best[DICT_LX_NOUN].score >= best[DICT_LX_VERB].score ? DICT_LX_NOUN : DICT_LX_VERB)
                   : (best[DICT_LX_VERB].score >= best[DICT_LX_NOUN].score ? DICT_LX_VERB : DICT_LX_NOUN);
    else if (have[DICT_LX_VERB])
        pick = DICT_LX_VERB;
    else if (have[DICT_LX_NOUN])
        pick = DICT_LX_NOUN;
    else
        return 0;
    /* A present participle after a determiner is a noun or an adjective
     * ("the ruling party"), not an act. */
    if (force < 0 && pick == DICT_LX_VERB && det && best[pick].form == DICT_WF_ING && !best[pick].p)
        return 0;
    *out = best[pick];
    return 1;
}

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->score != y->score)
        return y->score - x->score;
    return (x->v > y->v) - (x->v < y->v);
}

/* ---- arguments ---------------------------------------------------------- */

/* The token of the "(" matching the ")" at t, or t when there is none
 * within the sentence: a parenthesis ("The United Arab Emirates (UAE)
 * has ...") is skipped as a whole when looking back. */
static int64_t paren_open(const sctx *sc, int64_t t)
{
    if (sc->tk[t].norm_len != 1 || sc->tk[t].norm[0] != ')')
        return t;
    for (int64_t j = t - 1; j >= (int64_t)sc->tb && j > t - 30; j--)
        if (sc->tk[j].norm_len == 1 && sc->tk[j].norm[0] == '(')
            return j;
    return t;
}

static int is_speech_word(const sctx *sc, uint32_t t);

/* Clause start for token v: the token after the nearest boundary cue or
 * speech verb ("NATO confirmed [on Wednesday] it would ..."). */
static uint32_t clause_start_scan(const sctx *sc, uint32_t v, uint32_t *bound);

/* clause_start, cached per token: it is asked for the same word several
 * times (acceptance, arguments, modality). */
static uint32_t clause_start(const sctx *sc, uint32_t v, uint32_t *bound)
{
    uint32_t *c = &sc->cs_cache[2 * (v - sc->tb)];
    if (c[0] == UINT32_MAX) {
        c[0] = clause_start_scan(sc, v, &c[1]);
    }
    *bound = c[1];
    return c[0];
}

static uint32_t clause_start_scan(const sctx *sc, uint32_t v, uint32_t *bound)
{
    *bound = UINT32_MAX;
    for (int64_t j = (int64_t)v - 1; j >= (int64_t)sc->tb; j--) {
        j = paren_open(sc, j);
        if (MS(sc, mcover, j) >= 0)
            continue;
        if (has_cue(sc, (uint32_t)j, CODE_CUE_BOUNDARY) || is_boundary_punct(sc, (uint32_t)j) ||
            is_speech_word(sc, (uint32_t)j)) {
            *bound = (uint32_t)j;
            return (uint32_t)j + 1;
        }
    }
    return sc->tb;
}

/* Is the role noun m preceded by a possessive pronoun ("its", "their")? */
static int owner_word(const sctx *sc, const dict_mention *m)
{
    assert(m->tok_begin > sc->tb);
    return has_cue(sc, m->tok_begin - 1, CODE_CUE_POSSESSIVE);
}

/* "its troops", "their envoy": a role noun owned by an actor named
 * elsewhere in the clause, not an actor of its own. */
static int owned_agent(const sctx *sc, const dict_mention *m)
{
    if (!(m->flags & DICT_M_BARE_AGENT) || m->tok_begin == sc->tb)
        return 0;
    return owner_word(sc, m);
}

/* "Israel has strengthened its forces", "Britain mobilized army
 * reservists for a war against Iraq": a role noun that the matcher gave the
 * country of the source itself, when the source is that country (ISR and
 * ISRMIL), is the source's own means, not the other side of the event. */
static int own_means(const sctx *sc, const dict_mention *m, int32_t src)
{
    if (src < 0 || !(m->flags & DICT_M_INFERRED) || !m->agent)
        return 0;
    const char *sc_ = sc->ms[src].code;
    size_t n = strlen(sc_);
    /* Equal codes are left to the same-code rule, which drops the event. */
    return n >= 3 && strlen(m->code) > n && strncmp(m->code, sc_, n) == 0;
}

/* Subject of the word at v: the nearest mention before it in its clause,
 * preferring one that does not follow a preposition. -1 when none. */
static int32_t find_subject(const sctx *sc, uint32_t v, uint32_t cs, int32_t avoid)
{
    int32_t nearest = -1;
    /* "Pakistan, a key U.S. ally in the war, has refused": after a comma
     * that closes an apposition, the subject is the mention before the
     * apposition's opening comma. */
    int64_t k = (int64_t)v - 1;
    /* Back over the verb group: auxiliaries and modality cues ("has",
     * "was", "has refused to", "will not"), not other words: ", overseen
     * by the Pope, regarding" is no apposition of a subject. */
    const code_cue_mask group = CODE_CUE_BIT(CODE_CUE_BE) | CODE_CUE_BIT(CODE_CUE_NEGATED) |
                                CODE_CUE_BIT(CODE_CUE_FUTURE) | CODE_CUE_BIT(CODE_CUE_HYPOTHETICAL) |
                                CODE_CUE_BIT(CODE_CUE_OBLIGATION);
    for (int w = 0; w < 4 && k > (int64_t)cs && MS(sc, mcover, k) < 0; w++) {
        code_cue_mask mk = cues_at(sc, (uint32_t)k) & group;
        if (!mk) {
            const char *w_ = sc->tk[k].norm;
            if (strcmp(w_, "has") && strcmp(w_, "have") && strcmp(w_, "had") && strcmp(w_, "also"))
                break;
            k--;
            continue;
        }
        int64_t b = k;
        for (int kind = 0; kind < CODE_CUE_KINDS; kind++)
            if (((mk >> kind) & 1u) && MS(sc, cstart, k)[kind] < b)
                b = MS(sc, cstart, k)[kind];
        k = b - 1;
    }
    if (k > (int64_t)cs && sc->tk[k].hash == sc->c->h_comma) {
        for (int64_t j = k - 1; j > (int64_t)cs && j > k - 16; j--) {
            if (sc->tk[j].hash != sc->c->h_comma)
                continue;
            int32_t mi = MS(sc, mend, j - 1);
            if (mi >= 0 && mi != avoid && !(sc->ms[mi].flags & DICT_M_ADJ))
                return mi;
            break;
        }
    }
    for (int64_t j = (int64_t)v - 1; j >= (int64_t)cs; j--) {
        j = paren_open(sc, j);
        int32_t mi = MS(sc, mcover, j);
        if (mi < 0 || mi == avoid)
            continue;
        const dict_mention *m = &sc->ms[mi];
        j = m->tok_begin;
        /* A city is where things happen ("Tel Aviv"), never who acts. */
        if (owned_agent(sc, m) || (m->flags & DICT_M_LOCALITY))
            continue;
        /* "the two leaders", "both sides": a pronoun, resolved later. */
        if ((m->flags & (DICT_M_BARE_AGENT | DICT_M_INFERRED)) &&
            (has_cue(sc, m->tok_end - 1, CODE_CUE_PRON_GROUP) ||
             has_cue(sc, m->tok_end - 1, CODE_CUE_PRON_PERSON)))
            return -1;
        int prep = m->tok_begin > sc->tb && has_cue(sc, m->tok_begin - 1, CODE_CUE_PREPOSITION);
        /* "the visit of Putin" is not what is wanted; but a mention after
         * "the" is fine. Adjectives ("Russian warships") are subjects only
         * when nothing better is found. */
        if (!prep && !(m->flags & DICT_M_ADJ))
            return mi;
        if (nearest < 0)
            nearest = mi;
    }
    return nearest;
}

/* "troops to a peacekeeping force in Yugoslavia", "the mandate of the
 * peacekeeping force in Lebanon": peacekeepers with no country of their own
 * (IGOPKO) stand for the mission, and the codebook files acts on the mission
 * as acts towards the state it is sent to. Returns that state's mention
 * right after "in", or mi itself. */
static int32_t mission_host(const sctx *sc, int32_t mi)
{
    const dict_mention *m = &sc->ms[mi];
    if (strcmp(m->code, "IGOPKO") != 0 || m->tok_end + 1 >= sc->te ||
        strcmp(sc->tk[m->tok_end].norm, "in") != 0)
        return mi;
    int32_t h = MS(sc, mstart, m->tok_end + 1);
    if (h < 0 || (sc->ms[h].flags & DICT_M_ADJ) || strlen(sc->ms[h].code) != 3)
        return mi;
    return h;
}

/* Is token t part of a time expression, or a day word that is one once
 * the document has a date ("Friday", "today")? */
static int time_word(const sctx *sc, uint32_t t)
{
    return has_cue(sc, t, CODE_CUE_DAY) ||
           code_evdate_in_timex(sc->an, (uint32_t)(sc->sent - sc->an->sents), t);
}

/* Object of the word: the first mention after `from` in the clause. An
 * adjective ("data on North Korean missile launches") is taken only when
 * the clause has no better mention, and never for a compound source, whose
 * members are then each other's targets. */
static int32_t find_object(const sctx *sc, uint32_t from, int32_t avoid)
{
    int32_t adj = -1;
    int compound = avoid >= 0 && sc->ms[avoid].list >= 0;
    /* "demanded Friday that the United States ...": a time expression
     * right after the word does not end its reach. */
    while (from < sc->te && MS(sc, mcover, from) < 0 &&
           (time_word(sc, from) ||
            (from + 1 < sc->te && sc->tk[from].hash == sc->c->h_on && time_word(sc, from + 1))))
        from++;
    for (uint32_t j = from; j < sc->te; j++) {
        int32_t mi = MS(sc, mcover, j);
        if (mi >= 0 && sc->attr[mi])
            break;
        /* "Reagan and Mubarak agreed today there was an urgent need for
         * progress towards a Middle East settlement": far from the verb, a
         * mention is part of what a compound source talked about, and the
         * members are each other's targets. */
        if (compound && j >= from + 8)
            break;
        if (mi >= 0 && mi != avoid && (sc->ms[mi].flags & DICT_M_ADJ)) {
            /* "opposed to French mediation", "condemned the Israeli raids":
             * an adjective that opens the object names whose act it is. */
            if (!compound && (j == from || (j == from + 1 && (strcmp(sc->tk[from].norm, "the") == 0 ||
                                                              strcmp(sc->tk[from].norm, "a") == 0 ||
                                                              strcmp(sc->tk[from].norm, "an") == 0))))
                return mi;
            if (adj < 0 && !compound)
                adj = mi;
            j = sc->ms[mi].tok_end - 1;
            continue;
        }
        /* "Israeli and Palestinian negotiators met in Cairo": where a
         * compound source acts is not whom it acts on. */
        if (mi >= 0 && mi != avoid && !owned_agent(sc, &sc->ms[mi]) &&
            !own_means(sc, &sc->ms[mi], avoid) && !(compound && (sc->ms[mi].flags & DICT_M_PLACE)))
            return mission_host(sc, mi);
        if (mi >= 0)
            j = sc->ms[mi].tok_end - 1;
        else if (is_boundary_punct(sc, j) ||
                 (has_cue(sc, j, CODE_CUE_BOUNDARY) && j > from) ||
                 (compound && sc->tk[j].hash == sc->c->h_comma))
            break;
    }
    return adj;
}

/* Source of a passive: the mention after "by". */
static int32_t find_agent(const sctx *sc, uint32_t from)
{
    for (uint32_t j = from; j < sc->te && j < from + 8; j++) {
        if (sc->tk[j].hash != sc->c->h_by)
            continue;
        for (uint32_t k = j + 1; k < sc->te && k < j + 4; k++)
            if (MS(sc, mstart, k) >= 0)
                return MS(sc, mstart, k);
        return -1;
    }
    return -1;
}

static int is_passive(const sctx *sc, const cand *cd)
{
    if (cd->lx->kind != DICT_LX_VERB || cd->form != DICT_WF_PAST)
        return 0;
    /* "is opposed to", "is committed to", "was forced to": an adjective
     * with its own complement, not a passive act. */
    if (cd->v + 1 < sc->te && sc->tk[cd->v + 1].hash == sc->c->h_to)
        return 0;
    for (uint32_t k = 1; k <= 3 && cd->v >= sc->tb + k; k++) {
        uint32_t j = cd->v - k;
        if (has_cue(sc, j, CODE_CUE_BE))
            return 1;
        if (MS(sc, mcover, j) >= 0 || has_cue(sc, j, CODE_CUE_BOUNDARY))
            return 0;
    }
    return 0;
}

/* ---- events --------------------------------------------------------- */

typedef struct evec {
    code_event *v;
    size_t n, cap;
    dy_arena *a;
} evec;

static code_event *epush(evec *e)
{
    if (e->n == e->cap) {
        size_t nc = e->cap ? e->cap * 2 : 32;
        code_event *v = dy_arena_grow(e->a, e->v, e->n, nc, sizeof *v);
        if (!v)
            return NULL;
        e->v = v;
        e->cap = nc;
    }
    code_event *x = &e->v[e->n++];
    memset(x, 0, sizeof *x);
    return x;
}

/* Members of the compound list of mention mi (or mi alone) into out. */
static size_t members(const sctx *sc, int32_t mi, int32_t *out, size_t cap)
{
    if (mi < 0)
        return 0;
    const dict_mention *m = &sc->ms[mi];
    if (m->list < 0 || cap < 2) {
        out[0] = mi;
        return 1;
    }
    /* list is an index into the document's mentions; sc->ms starts at the
     * sentence's first one (sc->m0). */
    assert((size_t)m->list >= sc->m0 && (size_t)m->list <= sc->m0 + (size_t)mi);
    size_t n = 0;
    for (size_t i = (size_t)m->list - sc->m0; i < sc->nm && n < cap; i++) {
        if (sc->ms[i].list != m->list)
            break;
        if (!sc->attr[i] || (int32_t)i == mi)
            out[n++] = (int32_t)i;
    }
    return n;
}

/* Copy a CAMEO event code (at most 7 characters) into an 8-byte buffer. */
static void copy_code(char out[8], const char *code)
{
    size_t i = 0;
    for (; i < 7 && code[i]; i++)
        out[i] = code[i];
    out[i] = '\0';
}


static int is_speech_word(const sctx *sc, uint32_t t)
{
    return dict_word_speech_verb(sc->c->ds, sc->tk[t].hash);
}

/* Mentions that only name the source of the report: after a comma, right
 * before a speech verb ("..., a Jordanian official confirmed", "..., the
 * Washington Post said"). They are never the target of the reported act. */
static void mark_attributions(sctx *sc)
{
    for (size_t q = 0; q < sc->nm; q++) {
        const dict_mention *m = &sc->ms[q];
        uint32_t e = m->tok_end;
        if (e >= sc->te || !is_speech_word(sc, e))
            continue;
        for (uint32_t k = 1; k <= 5 && m->tok_begin >= sc->tb + k; k++) {
            uint32_t j = m->tok_begin - k;
            if (sc->tk[j].hash == sc->c->h_comma) {
                sc->attr[q] = 1;
                break;
            }
            if (!(sc->tk[j].flags & (TXT_TOK_WORD | TXT_TOK_HYPHEN)) || MS(sc, mcover, j) >= 0)
                break;
        }
    }
}

static int sports_result(const sctx *sc)
{
    int score = 0, word = 0;
    for (uint32_t j = sc->tb; j + 2 < sc->te; j++) {
        const txt_token *t = sc->tk;
        if ((t[j].flags & TXT_TOK_NUM) && t[j].norm_len <= 2 && (t[j + 2].flags & TXT_TOK_NUM) &&
            t[j + 2].norm_len <= 2 && t[j + 1].hash == sc->c->h_dash)
            score = 1;
    }
    if (!score)
        return 0;
    for (uint32_t j = sc->tb; j < sc->te && !word; j++)
        word = has_cue(sc, j, CODE_CUE_SPORTS);
    return word;
}

/* Is the document a sports report? Words of sport (cue kind sports) in at
 * least four places and on average in one sentence of four (measured on
 * the BBC corpus: 357 of its 511 sports stories, 15 of its 1,714 others). There a
 * country's name is its team ("Ireland beat Wales", "France will face
 * Italy"), and only actors with a political role act. */
static int sports_document(const code_coder *c, const txt_analysis *an)
{
    const code_cue_mask mask = CODE_CUE_BIT(CODE_CUE_SPORTS);
    uint32_t hits = 0;
    for (uint32_t si = 0; si < an->nsent; si++) {
        const txt_sentence *s = &an->sents[si];
        for (uint32_t t = s->tok_begin; t < s->tok_end; t++)
            if (code_cues_may_end(c->cues, mask, an->toks[t].hash) &&
                (code_cues_at(c->cues, an->toks, s->tok_begin, t, NULL) & mask))
                hits++;
    }
    return hits >= 4 && 4 * hits >= an->nsent;
}

typedef struct doc_state {
    code_evdate_state dates;     /* what dating keeps (evdate.c) */
    const dict_mention *pair[2]; /* sides of the last event with both */
    uint32_t pair_sent;
    int sports;                  /* a sports report (sports_document) */
} doc_state;

static void set_span(code_span *s, const dict_mention *m)
{
    if (m) {
        s->start = (int32_t)m->start;
        s->end = (int32_t)m->end;
    } else {
        s->start = s->end = -1;
    }
}

/* Is document token t in the subtree of token v? */
static int descends(const sctx *sc, uint32_t t, uint32_t v)
{
    for (uint32_t steps = 0; t != UINT32_MAX && steps <= sc->te - sc->tb; steps++) {
        if (t == v)
            return 1;
        t = code_syntax_head(&sc->view, t);
    }
    return 0;
}

/* Arguments of candidate cd from the tree; a pattern's '$' or '+' slot
 * fills a role the tree left empty, when its mention hangs off the event
 * word (a slot picked by position alone is not trusted). */
/* Is mention m a role noun whose country the matcher took from a member
 * of the source list src ("The US, Japan and South Korea held joint
 * military exercises": the military is theirs)? */
static int sources_means(const sctx *sc, const dict_mention *m, int32_t src)
{
    int32_t idx[16];
    size_t n = members(sc, src, idx, 16);
    for (size_t i = 0; i < n; i++)
        if (own_means(sc, m, idx[i]))
            return 1;
    return 0;
}

/* "Syria says it will withdraw its troops from Lebanon": with a pronoun
 * subject not yet resolved (ga), a role after a possessive pronoun is the
 * subject's means, whatever country the matcher lent it. */
static int pronoun_means(const sctx *sc, const dict_mention *m, const code_args *ga)
{
    return ga->src < 0 && ga->src_pronoun && (m->flags & DICT_M_INFERRED) && m->agent &&
           m->tok_begin > sc->tb && owner_word(sc, m);
}

/* Does pattern p name words besides its event word and slots ("arrived
 * in +")? Such a slot is where its author put the target, even a place. */
static int worded(const dict_pattern *p) { return dict_pattern_worded(p); }

/* A pattern slot's mention next to the event word ("thanked Germany",
 * "Germany's Scholz thanked") is trusted even when the parse put it
 * elsewhere: two tokens at most between them, none of them punctuation. */
static int adjacent(const sctx *sc, const dict_mention *m, uint32_t v)
{
    if (m->flags & (DICT_M_PLACE | DICT_M_LOCALITY))
        return 0; /* "met in Cairo": where, not whom */
    uint32_t a = m->tok_begin > v ? v + 1 : m->tok_end, b = m->tok_begin > v ? m->tok_begin : v;
    if (b < a || b - a > 2)
        return 0;
    for (uint32_t t = a; t < b; t++)
        if (sc->tk[t].flags & TXT_TOK_PUNCT)
            return 0;
    return 1;
}

static int argument_path(const sctx *sc, uint32_t t, uint32_t v, const dict_pattern *p);

/* Is the verb at v an infinitive with "to" (a marker child, tagged PART)? */
static int infinitive(const sctx *sc, uint32_t v)
{
    for (uint32_t t = sc->tb; t < v; t++)
        if (code_syntax_head(&sc->view, t) == v && code_syntax_rel(&sc->view, t) == SYN_REL_MARK &&
            sc->tree.upos[t - sc->tb] == SYN_PART)
            return 1;
    return 0;
}

/* Does the infinitive at v complete a noun that is no actor ("the
 * decision by Ethiopia and Sudan to resume talks"), whose author then does
 * it? */
static int nominal_control(const sctx *sc, uint32_t v)
{
    uint32_t h = code_syntax_head(&sc->view, v);
    if (h == UINT32_MAX || code_syntax_rel(&sc->view, v) != SYN_REL_ACL)
        return 0;
    if (sc->tree.upos[h - sc->tb] == SYN_NOUN && MS(sc, mcover, h) < 0)
        return 1;
    /* "forced President Kirchner to suspend exports", parsed as the
     * object's clause: the object of a verb of asking or making does it */
    uint32_t g = code_syntax_head(&sc->view, h);
    return g != UINT32_MAX && MS(sc, mcover, h) >= 0 && code_syntax_rel(&sc->view, h) == SYN_REL_OBJ &&
           has_cue(sc, g, CODE_CUE_DIRECTIVE);
}

/* Was the target found inside an object that is no actor, where that
 * object is ("his education in India": cue kind setting-preposition)? */
static int setting_of_object(const sctx *sc, const code_args *ga)
{
    if (ga->tgt_tok < 0 || MS(sc, mcover, (uint32_t)ga->tgt_tok) == ga->tgt)
        return 0;
    const dict_mention *m = &sc->ms[ga->tgt];
    for (uint32_t t = m->tok_begin; t > sc->tb && t + 3 > m->tok_begin; t--)
        if (has_cue(sc, t - 1, CODE_CUE_SETTING_PREP))
            return 1;
    return 0;
}

static int pattern_word(const dict_pattern *p, const txt_token *tk);

/* Is the mention in cd's pattern slot introduced by a preposition the
 * pattern spells out ("discussed Libya with Greece": "with", of "* with
 * +"), wherever the parser hung the phrase? */
static int marked_slot(const sctx *sc, const cand *cd)
{
    const dict_mention *m = &sc->ms[cd->tgt];
    uint32_t last = m->tok_end - 1;
    if ((m->flags & DICT_M_POSSESSIVE) && last > m->tok_begin)
        last--;
    for (uint32_t t = sc->tb; t < sc->te; t++)
        if (code_syntax_head(&sc->view, t) == last && code_syntax_rel(&sc->view, t) == SYN_REL_CASE)
            return descends(sc, last, cd->v) && pattern_word(cd->p, &sc->tk[t]);
    return 0;
}

/* Has the verb at v an object that is no actor ("received his education
 * in India", "received the other delegate")? Then a bare "* +" pattern's
 * slot, which stands for the object, is not filled from elsewhere. */
static int thing_object(const sctx *sc, uint32_t v)
{
    for (uint32_t t = sc->tb; t < sc->te; t++)
        if (code_syntax_head(&sc->view, t) == v && code_syntax_rel(&sc->view, t) == SYN_REL_OBJ)
            return code_phrase_mention(&sc->view, t) < 0 && sc->tree.upos[t - sc->tb] != SYN_PRON;
    return 0;
}

/* Is the object of verb v headed by a common noun that names no actor
 * itself ("dollars from the World Bank"), whatever its phrase holds? */
static int common_object(const sctx *sc, uint32_t v)
{
    for (uint32_t t = sc->tb; t < sc->te; t++)
        if (code_syntax_head(&sc->view, t) == v && code_syntax_rel(&sc->view, t) == SYN_REL_OBJ)
            return MS(sc, mcover, t) < 0 && sc->tree.upos[t - sc->tb] == SYN_NOUN;
    return 0;
}

/* Is the verb of cd the topic of a phrase ("remain at odds over opening
 * Japan's markets", "talks on imposing sanctions", "a debate about sending
 * troops"), introduced by a topic preposition (cue kind
 * topic-preposition) rather than done? */
static int topic_clause(const sctx *sc, const cand *cd)
{
    /* the preposition right before a gerund: a parse that hangs "on
     * Sunday" on the verb is no topic */
    uint32_t t = cd->v - 1;
    if (cd->lx->kind != DICT_LX_VERB || cd->v == sc->tb ||
        sc->tree.upos[cd->v - sc->tb] != SYN_VERB || sc->tree.xpos[cd->v - sc->tb] != SYN_XPOS_VBG)
        return 0;
    return code_syntax_head(&sc->view, t) == cd->v &&
           (code_syntax_rel(&sc->view, t) == SYN_REL_MARK ||
            code_syntax_rel(&sc->view, t) == SYN_REL_CASE) &&
           has_cue(sc, t, CODE_CUE_TOPIC_PREP);
}

/* Is the nominal act of cd the subject of a verb of figures (cue kind
 * measure: "Japan's vehicle exports to Europe rose 38 pct", "arms sales to
 * Taiwan totalled $2 billion")? Then the sentence reports a statistic,
 * not an act. */
static int statistic(const sctx *sc, const cand *cd)
{
    int noun = cd->lx->kind == DICT_LX_NOUN;
    if (noun && syn_rel_universal(code_syntax_rel(&sc->view, cd->v)) == SYN_REL_NSUBJ) {
        uint32_t h = code_syntax_head(&sc->view, cd->v);
        return h != UINT32_MAX && has_cue(sc, h, CODE_CUE_MEASURE);
    }
    /* A tagging that took a plural noun for a verb ("while EC exports to
     * Japan fell one pct", exports VBZ, fell an adverb): the first verb or
     * figure word after its phrase. */
    if (!noun && sc->tree.xpos[cd->v - sc->tb] != SYN_XPOS_VBZ)
        return 0;
    for (uint32_t t = cd->v + 1; t < sc->te && t <= cd->v + 6; t++) {
        if (has_cue(sc, t, CODE_CUE_MEASURE))
            return 1;
        if (MS(sc, mcover, t) >= 0)
            continue;
        if (sc->tree.upos[t - sc->tb] == SYN_VERB || sc->tree.upos[t - sc->tb] == SYN_AUX ||
            (sc->tk[t].flags & TXT_TOK_PUNCT))
            return 0;
    }
    return 0;
}

/* The code of candidate cd: its pattern's, else its entry's default. */
static const char *cand_code(const cand *cd)
{
    return cd->p ? dict_pattern_code(cd->p) : cd->lx->code;
}

/* Is mention mi (of a parsed sentence) only a modifier of a noun outside
 * it: an adjective, possessor or compound ("Iranian assistance", "Biden's
 * event", "US workers" is one mention and no modifier)? */
static int modifier_only(const sctx *sc, int32_t mi)
{
    const dict_mention *m = &sc->ms[mi];
    uint32_t last = m->tok_end - 1;
    if (m->flags & DICT_M_POSSESSIVE && last > m->tok_begin)
        last--; /* the mention ends with "'s" */
    uint32_t h = code_syntax_head(&sc->view, last);
    if (h == UINT32_MAX || (h >= m->tok_begin && h < m->tok_end))
        return 0;
    int r = code_syntax_rel(&sc->view, last);
    int up = sc->tree.upos[h - sc->tb];
    return (up == SYN_NOUN || up == SYN_PROPN) && MS(sc, mcover, h) < 0 &&
           (r == SYN_REL_AMOD || r == SYN_REL_NMOD_POSS || r == SYN_REL_COMPOUND);
}

static void syntax_args(const sctx *sc, const cand *cd, code_args *ga)
{
    code_syntax_args(&sc->view, cd->v, cd->lx->kind == DICT_LX_NOUN, ga);
    if (ga->src_how == CODE_ARG_OCCUR)
        return; /* the participants come from the pattern (coder) */
    if (ga->passive && ga->src < 0 && ga->tgt >= 0 && cd->p && cd->hi > cd->v &&
        !(cd->v + 1 < sc->te && sc->tree.upos[cd->v + 1 - sc->tb] == SYN_ADJ &&
          MS(sc, mcover, cd->v + 1) < 0)) {
        /* "Israel is opposed to French mediation", "is committed to": a
         * participle with its own complement in the pattern, no agent:
         * the subject holds the attitude. Not when the complement is what
         * the subject was found or declared to be ("were found guilty"):
         * there the subject undergoes the act. */
        ga->passive = 0;
        ga->src = ga->tgt;
        ga->src_how = CODE_ARG_NSUBJ_PASS;
        ga->src_tok = ga->tgt_tok;
        ga->tgt = -1;
        ga->tgt_how = CODE_ARG_NONE;
        ga->tgt_tok = -1;
    }
    if (ga->src >= 0) {
        /* "the two leaders", "the country": a description that points back
         * like a pronoun is resolved like one. */
        const dict_mention *m = &sc->ms[ga->src];
        if ((m->flags & (DICT_M_BARE_AGENT | DICT_M_INFERRED)) &&
            (has_cue(sc, m->tok_end - 1, CODE_CUE_PRON_GROUP) ||
             has_cue(sc, m->tok_end - 1, CODE_CUE_PRON_PERSON) ||
             has_cue(sc, m->tok_end - 1, CODE_CUE_PRON_THING))) {
            ga->src = -1;
            ga->src_pronoun = 1;
            ga->src_tok = (int32_t)m->tok_begin;
        }
    }
    if (ga->src < 0 && !ga->src_pronoun && cd->src >= 0 && !ga->passive &&
        (descends(sc, sc->ms[cd->src].tok_end - 1, cd->v) || adjacent(sc, &sc->ms[cd->src], cd->v))) {
        ga->src = cd->src;
        ga->src_how = CODE_ARG_NONE;
    }
    if (ga->src < 0 && !ga->src_pronoun && !ga->passive && cd->lx->kind == DICT_LX_VERB &&
        !(infinitive(sc, cd->v) && !nominal_control(sc, cd->v))) {
        /* A verb the parse left without a subject ("Netanyahu said Israeli
         * jets had struck Syria", read as jets that were struck): the
         * mention right before it, if nothing but an auxiliary or an
         * adverb stands between. Not an infinitive ("met Ugandan officials
         * to discuss trade": the officials are not its subject), unless it
         * completes a noun whose author it is ("the decision by Ethiopia
         * and Sudan to resume talks"). */
        for (uint32_t t = cd->v; t > sc->tb && t + 3 > cd->v; t--) {
            int32_t mi = MS(sc, mcover, t - 1);
            if (mi >= 0) {
                const dict_mention *m = &sc->ms[mi];
                if (adjacent(sc, m, cd->v) && !(m->flags & DICT_M_ADJ) && mi != ga->tgt &&
                    !(m->tok_begin > sc->tb &&
                      has_cue(sc, m->tok_begin - 1, CODE_CUE_PREPOSITION))) {
                    ga->src = mi;
                    ga->src_how = CODE_ARG_NONE;
                }
                break;
            }
            int up = sc->tree.upos[t - 1 - sc->tb];
            if (up != SYN_AUX && up != SYN_ADV && up != SYN_PART)
                break;
        }
    }
    if (ga->tgt >= 0 && !ga->passive &&
        (owned_agent(sc, &sc->ms[ga->tgt]) || sources_means(sc, &sc->ms[ga->tgt], ga->src) ||
         pronoun_means(sc, &sc->ms[ga->tgt], ga))) {
        /* "Germany sent its troops to Ukraine", "Israel has strengthened
         * its forces": the object is the source's own means; the target,
         * if any, is an oblique. */
        uint32_t tok;
        ga->tgt = code_syntax_oblique(&sc->view, cd->v, ga->src, &tok);
        ga->tgt_how = ga->tgt >= 0 ? CODE_ARG_OBL : CODE_ARG_NONE;
        ga->tgt_tok = ga->tgt >= 0 ? (int32_t)tok : -1;
    }
    if (ga->passive && ga->src < 0)
        ga->src = find_agent(sc, cd->v + 1); /* "by" where the parse lost it */
    if (ga->tgt >= 0 && ga->tgt_how == CODE_ARG_OBJ && cd->p && worded(cd->p) && cd->tgt >= 0 &&
        cd->tgt != ga->tgt && cd->tgt != ga->src && strncmp(cand_code(cd), "04", 2) == 0 &&
        marked_slot(sc, cd)) {
        /* "discussed Libya with Greece": of a consultation, a pattern that
         * names where its party stands ("* with +") says the object is the
         * topic. */
        ga->tgt = cd->tgt;
        ga->tgt_how = CODE_ARG_OBL;
        ga->tgt_tok = (int32_t)sc->ms[cd->tgt].tok_begin;
    }
    if (ga->tgt < 0 && cd->p && cd->hi > cd->v) {
        /* "opposed to French mediation", "demanding a U.N. military
         * presence": a mention among the pattern's own words owns the act
         * the pattern names. */
        for (uint32_t j = cd->v + 1; j <= cd->hi && ga->tgt < 0; j++) {
            int32_t mi = MS(sc, mcover, j);
            if (mi >= 0 && mi != ga->src && !sc->attr[mi] && !owned_agent(sc, &sc->ms[mi]) &&
                !sources_means(sc, &sc->ms[mi], ga->src) && !pronoun_means(sc, &sc->ms[mi], ga) &&
                sc->ms[mi].list < 0 &&
                argument_path(sc, sc->ms[mi].tok_end - 1, cd->v, cd->p))
                ga->tgt = mission_host(sc, mi);
        }
    }
    if (ga->tgt < 0 && cd->tgt >= 0 && cd->tgt != ga->src &&
        !(cd->p && !worded(cd->p) && thing_object(sc, cd->v)) &&
        !owned_agent(sc, &sc->ms[cd->tgt]) && !sources_means(sc, &sc->ms[cd->tgt], ga->src) &&
        !pronoun_means(sc, &sc->ms[cd->tgt], ga) &&
        (!(sc->ms[cd->tgt].flags & (DICT_M_PLACE | DICT_M_LOCALITY)) || worded(cd->p)) &&
        (descends(sc, sc->ms[cd->tgt].tok_end - 1, cd->v) || adjacent(sc, &sc->ms[cd->tgt], cd->v)))
        ga->tgt = cd->tgt;
    if (ga->tgt < 0 && !ga->passive && cd->lx->kind == DICT_LX_VERB && !cd->lx->speech &&
        cd->v + 1 < sc->te) {
        /* "Zelensky thanked Germany for its support, his office said":
         * the mention right after a verb (or after "the") is its object
         * even when the parse hung it elsewhere. */
        uint32_t t = cd->v + 1;
        if (t + 1 < sc->te && MS(sc, mcover, t) < 0 && has_cue(sc, t, CODE_CUE_DETERMINER))
            t++;
        int32_t mi = MS(sc, mstart, t);
        if (mi >= 0 && mi != ga->src && !(sc->ms[mi].flags & (DICT_M_PLACE | DICT_M_LOCALITY)) &&
            !owned_agent(sc, &sc->ms[mi]) && !sources_means(sc, &sc->ms[mi], ga->src) &&
            !pronoun_means(sc, &sc->ms[mi], ga))
            ga->tgt = mi;
    }
    if (cd->lx->kind == DICT_LX_VERB && cand_code(cd)[0] == '0' && cand_code(cd)[1] == '4') {
        /* Who meets, visits or hosts is an actor, not the owner of a thing:
         * "Iranian assistance is received by the Houthis", "the broadcast
         * of Biden's event received more viewers". */
        if (ga->src >= 0 && modifier_only(sc, ga->src))
            ga->src = -1;
        if (ga->tgt >= 0 && setting_of_object(sc, ga))
            ga->tgt = -1; /* "received his education in India" */
        if (ga->tgt >= 0 && ga->tgt_how == CODE_ARG_OBJ && cd->p && !worded(cd->p) &&
            strncmp(cand_code(cd), "043", 3) == 0 && common_object(sc, cd->v))
            ga->tgt = -1; /* "received 10 million dollars from the World Bank":
                             whom one hosts is the object itself (one
                             visits a country in its places: "visited
                             Kenya's biggest shantytown") */
        if (ga->tgt >= 0 && modifier_only(sc, ga->tgt) &&
            !(strncmp(cand_code(cd), "042", 3) == 0 &&
              (sc->ms[ga->tgt].flags & DICT_M_POSSESSIVE)))
            ga->tgt = -1; /* but "visited Kenya's biggest shantytown" visits Kenya */
    }
}



/* "Armenia and Azerbaijan accused each other": a reciprocal pronoun (cue
 * kind reciprocal) among the few words after the event word. */
static int each_other(const sctx *sc, const cand *cd)
{
    for (uint32_t t = cd->v + 1; t < sc->te && t < cd->v + 6; t++) {
        if (has_cue(sc, t, CODE_CUE_RECIPROCAL))
            return 1;
        if (is_boundary_punct(sc, t))
            break;
    }
    return 0;
}



/* Is the candidate's word the infinitive of an appeal or a demand ("called
 * on Turkey to halt drilling", "urged Iran to release the sailors")? Then
 * it is what was asked for, not an act of its own. */
static int embedded(const sctx *sc, const cand *cd, const cand *cands, size_t nc)
{
    if (cd->lx->kind != DICT_LX_VERB)
        return 0;
    /* "urged Iran to release": an xcomp; "called for NATO members to
     * increase spending": an infinitive the parse hangs as an adverbial
     * clause. Either way what follows "to" is what was asked. */
    int rel = code_syntax_rel(&sc->view, cd->v);
    /* (also a clause with a subject of its own: "urged Japan to open its
     * markets" parsed with Japan as the subject of "open") */
    if (rel != SYN_REL_XCOMP &&
        !(rel == SYN_REL_ADVCL && cd->v > sc->tb && strcmp(sc->tk[cd->v - 1].norm, "to") == 0) &&
        !(rel == SYN_REL_CCOMP && infinitive(sc, cd->v)))
        return 0;
    uint32_t h = code_syntax_head(&sc->view, cd->v);
    for (size_t k = 0; k < nc; k++) {
        if (cands[k].v != h || &cands[k] == cd)
            continue;
        const char *code = cand_code(&cands[k]);
        /* appeals (02) and demands (10); a denial's or an accusation's
         * content is kept, as an alleged act */
        if ((code[0] == '0' && code[1] == '2') || (code[0] == '1' && code[1] == '0'))
            return 1;
    }
    return 0;
}

/* Is cd a verb of intent (root 03: "vowed", "pledged", "promised") whose
 * infinitive complement is itself a candidate act of conflict ("vowed to
 * crack down on the gangs", roots 11-20)? That act, read as planned (a
 * threat), is the event; the vow would add an intent to cooperate with
 * its target, the opposite sign. (A cooperative complement, "agreed to
 * meet", is what the intent verb's own code already says; so is sending
 * forces, root 15: "committed to send troops to Saudi Arabia" is a
 * promise of protection as often as a threat.) */
static int intent_of_act(const sctx *sc, const cand *cd, const cand *cands, size_t nc)
{
    const char *code = cand_code(cd);
    if (cd->lx->kind != DICT_LX_VERB || code[0] != '0' || code[1] != '3')
        return 0;
    for (size_t k = 0; k < nc; k++) {
        const cand *o = &cands[k];
        const char *oc = cand_code(o);
        if (o != cd && oc[0] == '1' && oc[1] >= '1' && oc[1] != '5' &&
            code_syntax_rel(&sc->view, o->v) == SYN_REL_XCOMP &&
            code_syntax_head(&sc->view, o->v) == cd->v)
            return 1;
    }
    return 0;
}

/* Emit the events of one candidate. */
/* The actor an obligation is laid on in the complement starting at from
 * ("[Friday] [that] China must ...", "that the US and others should ..."):
 * the mention that opens the complement when an obligation cue follows it
 * within three words; else -1. */
static int32_t obliged(const sctx *sc, uint32_t from)
{
    while (from < sc->te && MS(sc, mcover, from) < 0 &&
           (time_word(sc, from) || sc->tk[from].hash == sc->c->h_on))
        from++;
    if (from < sc->te && strcmp(sc->tk[from].norm, "that") == 0)
        from++;
    if (from < sc->te && MS(sc, mstart, from) < 0 && strcmp(sc->tk[from].norm, "the") == 0)
        from++;
    if (from >= sc->te)
        return -1;
    int32_t mi = MS(sc, mstart, from);
    if (mi < 0 || (sc->ms[mi].flags & DICT_M_ADJ))
        return -1;
    /* A compound ("the US and other developed nations") ends at its last
     * member. */
    uint32_t end = sc->ms[mi].tok_end;
    for (size_t q = (size_t)mi + 1; q < sc->nm && sc->ms[mi].list >= 0; q++)
        if (sc->ms[q].list == sc->ms[mi].list && sc->ms[q].tok_end > end)
            end = sc->ms[q].tok_end;
    /* "NATO would need to remain strong" is a view of what NATO needs, not
     * a demand made of it. */
    for (uint32_t j = end; j < sc->te && j < end + 4; j++) {
        if (has_cue(sc, j, CODE_CUE_HYPOTHETICAL))
            return -1;
        if (has_cue(sc, j, CODE_CUE_OBLIGATION))
            return mi;
    }
    return -1;
}

/* "the Dutch flag carrier would offer a stake", "a Japanese bank agreed":
 * a subject whose head is a common noun no dictionary knows, named only by
 * a country's adjective, is a thing or a firm of that country, not the
 * state, unless it is a side or a camp. Force keeps it: "Iranian gunboats
 * attacked" are the state's. */
static int qualified_thing(const sctx *sc, const code_args *ga, const char *code)
{
    if (ga->src < 0 || ga->src_how != CODE_ARG_NSUBJ || ga->src_tok < 0 ||
        (code[0] == '1' && code[1] >= '4') || code[0] == '2')
        return 0;
    uint32_t h = (uint32_t)ga->src_tok;
    const dict_mention *m = &sc->ms[ga->src];
    if (MS(sc, mcover, h) >= 0 || !(m->flags & DICT_M_ADJ) || sc->tree.upos[h - sc->tb] != SYN_NOUN)
        return 0;
    /* the adjective qualifies the head, directly or through compounds
     * ("the Dutch flag carrier") */
    uint32_t t = m->tok_end - 1;
    for (int steps = 0; t != h && t != UINT32_MAX && steps < 4; steps++) {
        int r = code_syntax_rel(&sc->view, t);
        if (r != SYN_REL_AMOD && r != SYN_REL_COMPOUND)
            return 0;
        t = code_syntax_head(&sc->view, t);
    }
    if (t != h)
        return 0;
    static const char *const sides[] = {"side", "sides", "camp", "delegation", "team", "leadership",
                                        "mission", "bloc", "alliance", "coalition", "people",
                                        "public", NULL};
    for (size_t i = 0; sides[i]; i++)
        if (strcmp(sc->tk[h].norm, sides[i]) == 0)
            return 0;
    return 1;
}

/* Is the target t reached by syntax through a topic preposition of a
 * cooperative act ("agreed to strengthen cooperation on North Korea",
 * "talks over Ukraine")? Such a phrase says what the act is about; the
 * partner of a cooperative act is named by "with", "to", "between".
 * Conflictual acts keep it: "sanctions on Iran" are on Iran. */
/* Is token t the head of a phrase marked by "with"? */
static int with_phrase(const sctx *sc, int32_t t)
{
    if (t < 0)
        return 0;
    for (uint32_t k = sc->tb; k < sc->te; k++)
        if (code_syntax_head(&sc->view, k) == (uint32_t)t &&
            code_syntax_rel(&sc->view, k) == SYN_REL_CASE && strcmp(sc->tk[k].norm, "with") == 0)
            return 1;
    return 0;
}

static int topic_target(const sctx *sc, const cand *cd, const code_args *ga, const char *code,
                        const cand *cands, size_t nc)
{
    /* Also a mutual act of a compound source: "Armenia and Azerbaijan
     * fought a war over Nagorno-Karabakh" is between the two. */
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    int together = (ga->src >= 0 && sc->ms[ga->src].list >= 0) ||
                   (ga->src_pronoun && ga->src_tok >= 0 &&
                    has_cue(sc, (uint32_t)ga->src_tok, CODE_CUE_PRON_GROUP));
    int mutual = together && code_policy_mutual(code, root);
    /* "both sides agreed to suspend their requests for WTO arbitration":
     * what sides acting together agree to do is about an actor of their
     * complement, who is no party, unless it is done with them ("agreed
     * to set up a company with Liberia") */
    if (mutual && ga->tgt >= 0 && ga->tgt_how == CODE_ARG_COMP &&
        !with_phrase(sc, (int32_t)sc->ms[ga->tgt].tok_end - 1))
        return 1;
    /* "the cabinet approved a plan to help ventures in Indonesia", "backed
     * the view that Bonn should act", "defended the decision to honour both
     * men": what is approved, praised or defended (051, 052) is the plan or
     * the view; an actor inside its clause is not whom it is for. (An
     * agreement's clause often names the other party: "signed a protocol to
     * buy asbestos from Zimbabwe".) */
    if ((strncmp(code, "051", 3) == 0 || strncmp(code, "052", 3) == 0) && ga->tgt >= 0 &&
        ga->tgt_how == CODE_ARG_COMP)
        return 1;
    if (ga->tgt < 0 || ga->tgt_tok < 0 || ((code[0] != '0' || code[1] > '8') && !mutual) ||
        (ga->tgt_how != CODE_ARG_OBL && ga->tgt_how != CODE_ARG_COMP &&
         ga->tgt_how != CODE_ARG_NMOD))
        return 0;
    /* "France and West Germany reached agreement on specifications for a
     * joint combat helicopter": the partners of a compound source's mutual
     * act are its members; an oblique role noun that took its country from
     * the sentence is what the act is about. */
    if (mutual && ga->tgt_how == CODE_ARG_OBL && (sc->ms[ga->tgt].flags & DICT_M_INFERRED))
        return 1;
    uint32_t h = (uint32_t)ga->tgt_tok, up = code_syntax_head(&sc->view, h);
    /* "lift sanctions on Venezuela": the phrase hangs off a word that is
     * itself a conflictual act, and is that act's target. */
    for (size_t k = 0; k < nc; k++) {
        const char *kc = cand_code(&cands[k]);
        if (cands[k].v == up && kc[0] != '-' && (kc[0] != '0' || kc[1] > '8'))
            return 0;
    }
    for (uint32_t t = sc->tb; t < sc->te; t++)
        if (code_syntax_head(&sc->view, t) == h && code_syntax_rel(&sc->view, t) == SYN_REL_CASE)
            /* a preposition the pattern itself names ("&SANC on +") is
             * where its author put the target */
            return has_cue(sc, t, CODE_CUE_TOPIC_PREP) && !(cd->p && t > cd->v && t <= cd->hi);
    return 0;
}

/* What the rule modules (pronoun.c, modality.c, evdate.c) see of sc: its
 * sentence (with the parse when there is one), its place in the document,
 * the dictionaries, its cue cache and the sides of the last event. */
static code_view view_of(const sctx *sc)
{
    return (code_view){
        .s = {.tk = sc->tk, .tb = sc->tb, .te = sc->te, .tree = sc->has_tree ? &sc->tree : NULL,
              .ms = sc->ms, .nm = sc->nm, .mcover = sc->mcover, .cues = sc->c->cues},
        .an = sc->an, .si = (uint32_t)(sc->sent - sc->an->sents), .ds = sc->c->ds,
        .cmask = sc->cmask, .cstart = sc->cstart, .pair = {sc->pair[0], sc->pair[1]}};
}

/* The mentions an event's source and target stand for (compound members,
 * a pronoun's antecedents). */
typedef struct actors {
    const dict_mention *src[16], *tgt[16];
    size_t nsrc, ntgt;
} actors;

/* Source and target of a candidate by the word-window rules (no parse):
 * the pattern's slots, a passive's agent, the subject before the word and
 * the object after it. *srcp and *tgtp come in as the pattern's slots. */
static void window_args(const sctx *sc, const cand *cd, const cand *cands, size_t nc,
                        uint32_t cs, int32_t *srcp, int32_t *tgtp, int *passive)
{
    const code_coder *c = sc->c;
    int32_t src = *srcp, tgt = *tgtp;
    if ((*passive = is_passive(sc, cd)) && cd->src < 0) {
        /* "was received by Putin": the agent after "by" acts on the subject,
         * even when the pattern's '+' caught the agent. */
        int32_t agent = find_agent(sc, cd->v + 1);
        int32_t subj = find_subject(sc, cd->v, cs, -1);
        src = agent;
        if (tgt < 0 || tgt == agent)
            tgt = subj;
    } else {
        if (src < 0 && cd->lx->kind == DICT_LX_VERB) {
            /* "X visited Y and met Z": a verb right after "and" or a comma
             * shares the subject of the verb before it. */
            uint32_t j = cd->v;
            while (j > sc->tb && (sc->tk[j - 1].norm_len > 2 &&
                                  memcmp(sc->tk[j - 1].norm + sc->tk[j - 1].norm_len - 2, "ly", 2) == 0))
                j--;
            if (j > sc->tb && (sc->tk[j - 1].hash == c->h_and || sc->tk[j - 1].hash == c->h_comma)) {
                uint32_t pv = UINT32_MAX;
                for (size_t k = 0; k < nc; k++)
                    if (cands[k].v < j - 1 && cands[k].lx->kind == DICT_LX_VERB &&
                        (pv == UINT32_MAX || cands[k].v > pv))
                        pv = cands[k].v;
                if (pv != UINT32_MAX) {
                    uint32_t pb;
                    src = find_subject(sc, pv, clause_start(sc, pv, &pb), -1);
                }
            }
        }
        if (src < 0)
            src = find_subject(sc, cd->v, cs, tgt);
        if (tgt >= 0 && src >= 0 && sc->ms[src].list >= 0 && (sc->ms[tgt].flags & DICT_M_PLACE))
            tgt = -1; /* "Russia and China held talks in Moscow": reciprocal */
        if (tgt < 0 && cd->hi > cd->v) {
            /* "demanded the withdrawal of Yugoslav forces": the pattern's
             * last word is the head of a mention that starts after the
             * event word; that mention is what the act is about. */
            int32_t mi = MS(sc, mcover, cd->hi);
            if (mi >= 0 && mi != src && sc->ms[mi].tok_begin > cd->v &&
                sc->ms[mi].tok_end == cd->hi + 1 && !(sc->ms[mi].flags & DICT_M_ADJ) &&
                !owned_agent(sc, &sc->ms[mi]) && !own_means(sc, &sc->ms[mi], src))
                tgt = mi;
        }
        if (tgt < 0 && cd->hi > cd->v) {
            /* Inside the matched words: "opposed to French mediation in
             * talks with Syria", "demanding a U.N. military presence": a
             * mention among the pattern's words owns its object. */
            for (uint32_t j = cd->v + 1; j <= cd->hi && tgt < 0; j++) {
                int32_t mi = MS(sc, mcover, j);
                if (mi >= 0 && mi != src && !sc->attr[mi] && !owned_agent(sc, &sc->ms[mi]) &&
                    !own_means(sc, &sc->ms[mi], src) && sc->ms[mi].list < 0)
                    tgt = mission_host(sc, mi);
            }
        }
        if (tgt < 0)
            tgt = find_object(sc, (cd->hi > cd->v ? cd->hi : cd->v) + 1, src);
        if (tgt < 0 && cd->hi > cd->v)
            tgt = find_object(sc, cd->v + 1, src);
    }
    *srcp = src;
    *tgtp = tgt;
}

/* "Erdogan spoke with Putin by phone. He urged him to extend the grain
 * deal": a person pronoun as the object, when the source is one side of
 * the last event with both (this sentence or the one before), is the other
 * side, if that side is a person or a role. NULL when not. */
static const dict_mention *object_pronoun_other(const sctx *sc, const cand *cd,
                                                const dict_mention *src)
{
    if (!sc->pair[0] || !sc->pair[1])
        return NULL;
    int obj = 0;
    for (uint32_t t = sc->tb; t < sc->te && !obj; t++) {
        int r = code_syntax_rel(&sc->view, t);
        obj = code_syntax_head(&sc->view, t) == cd->v && (r == SYN_REL_OBJ || r == SYN_REL_IOBJ) &&
              (strcmp(sc->tk[t].norm, "him") == 0 || strcmp(sc->tk[t].norm, "her") == 0);
    }
    if (!obj)
        return NULL;
    const dict_mention *other = NULL;
    for (int i = 0; i < 2; i++)
        if (src == sc->pair[i] || strcmp(src->code, sc->pair[i]->code) == 0)
            other = sc->pair[1 - i];
    if (!other || strcmp(other->code, src->code) == 0 ||
        !(other->flags & (DICT_M_PERSON | DICT_M_AGENT)))
        return NULL;
    return other;
}

/* The mentions a candidate's source and target slots stand for: the
 * members of a compound, the antecedents of a pronoun (or the speaker a
 * pronoun in reported speech points back to). Returns 0 when the source is
 * a speaker the dictionaries do not know (no event), else 1. */
static int collect_actors(const sctx *sc, const cand *cd, const code_args *ga, int32_t src,
                          int32_t tgt, int passive, uint32_t cs, const dict_mention *all,
                          size_t first, actors *a)
{
    a->nsrc = a->ntgt = 0;
    if (src >= 0) {
        int32_t idx[16];
        size_t n = members(sc, src, idx, 16);
        /* A place never acts, whichever way it reached the source slot (a
         * pattern's '$', a passive's "by"). */
        for (size_t i = 0; i < n; i++)
            if (!(sc->ms[idx[i]].flags & DICT_M_LOCALITY))
                a->src[a->nsrc++] = &sc->ms[idx[i]];
    } else if (sc->has_tree) {
        int32_t spk = -1;
        code_view ps = view_of(sc);
        if (ga->src_pronoun && code_pronoun_speaker(&ps, cd->v, ga->src_tok, &spk)) {
            /* "Monsanto said it accepted ...": the pronoun is the speaker;
             * a speaker the dictionaries do not know gives no source. */
            if (spk < 0)
                return 0;
            a->src[a->nsrc++] = &sc->ms[spk];
        } else if (ga->src_pronoun) {
            /* From the start of the pronoun or description ("the two
             * leaders", "the country") to its end. */
            uint32_t pb = (uint32_t)ga->src_tok, pe = pb + 1;
            int32_t pm = MS(sc, mcover, pb);
            if (pm >= 0) {
                pb = sc->ms[pm].tok_begin;
                pe = sc->ms[pm].tok_end;
            } else {
                pb = pb >= sc->tb + 3 ? pb - 3 : sc->tb;
            }
            a->nsrc = code_pronoun_resolve(&ps, pb, pe, all, first, a->src, 16);
        }
    } else if (!passive) {
        code_view ps = view_of(sc);
        a->nsrc = code_pronoun_resolve(&ps, cs, cd->v, all, first, a->src, 16);
    }
    if (tgt >= 0) {
        int32_t idx[16];
        a->ntgt = members(sc, tgt, idx, 16);
        for (size_t i = 0; i < a->ntgt; i++)
            a->tgt[i] = &sc->ms[idx[i]];
    } else if (sc->has_tree && a->nsrc == 1) {
        const dict_mention *other = object_pronoun_other(sc, cd, a->src[0]);
        if (other)
            a->tgt[a->ntgt++] = other;
    }
    if (a->nsrc > 1 && a->ntgt == 1) {
        /* "Russia and China held talks", "Israel and Lebanon renewed talks
         * on a pullback from Lebanon", "Nigeria and France signed an
         * agreement to reschedule Nigeria's debt": of states acting
         * together, a target of one's own country is what the act is
         * about; reciprocal, below. (Roles keep a domestic target: "some
         * parliamentarians and church leaders are siding with the Media
         * Council".) */
        int states = 1;
        for (size_t i = 0; i < a->nsrc; i++)
            states &= strlen(a->src[i]->code) == 3;
        for (size_t i = 0; i < a->nsrc; i++)
            if (a->src[i] == a->tgt[0] || strcmp(a->src[i]->code, a->tgt[0]->code) == 0 ||
                (states && strncmp(a->src[i]->code, a->tgt[0]->code, 3) == 0))
                a->ntgt = 0;
    }
    return 1;
}

/* Of a sports report's actors: drop from v[0..n) the role nouns whose
 * country was inferred (DICT_M_INFERRED), the military ("the England
 * captain": a player), and civilians ("the first Indian woman ... beat
 * Hungarian Petra Mandula": a player) when sources. Returns the new count. */
static size_t drop_inferred(const dict_mention **v, size_t n, int sources)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *role = strlen(v[i]->code) >= 6 ? v[i]->code + 3 : "";
        /* (and its "captain" leads a team, not a company of soldiers) */
        if (!(v[i]->flags & DICT_M_INFERRED) && strncmp(role, "MIL", 3) != 0 &&
            !(sources && strncmp(role, "CVL", 3) == 0))
            v[k++] = v[i];
    }
    return k;
}

/* Did source role src take its country from the act's own target ("the
 * prime minister urged Europe and the US": the dictionary stage, without
 * the parse, gave the minister Europe's)? It did when it took it from its
 * sentence (not from the story's home country), the target is of that
 * country and named after it, and no mention of that country comes before
 * it. Words addressed to an actor are not that actor's own; force is often
 * domestic ("police fired tear gas at demonstrators in Tehran") and keeps
 * it. */
static int borrowed_from_target(const sctx *sc, const dict_mention *src, const dict_mention *tgt)
{
    if ((src->flags & (DICT_M_INFERRED | DICT_M_HOME)) != DICT_M_INFERRED ||
        src->sent != (uint32_t)(sc->sent - sc->an->sents) ||
        strncmp(src->code, tgt->code, 3) != 0 || tgt->tok_begin < src->tok_end)
        return 0;
    for (size_t q = 0; q < sc->nm && sc->ms[q].tok_end <= src->tok_begin; q++)
        if (strncmp(sc->ms[q].code, src->code, 3) == 0)
            return 0;
    return 1;
}

/* Does mention m hang from v through a clause that describes someone
 * (acl, acl:relcl, advcl: "two men suspected of spying for Russia")? */
static int through_clause(const sctx *sc, const dict_mention *m, uint32_t v)
{
    int clause = 0;
    uint32_t t = m->tok_end - 1;
    for (uint32_t steps = 0; t != UINT32_MAX && t != v && steps <= sc->te - sc->tb; steps++) {
        int r = code_syntax_rel(&sc->view, t);
        clause |= r == SYN_REL_ACL || r == SYN_REL_ACL_RELCL || r == SYN_REL_ADVCL;
        t = code_syntax_head(&sc->view, t);
    }
    return t == v && clause;
}

/* Did source role src, named before the event word v, take its country
 * from a mention after v ("Ministers also called on the EC Commission to
 * prepare a report on U.S.-Japanese trade": not Japan's ministers)? It did
 * when it took it from its sentence and that country is named only after
 * v: what the act is about, not whose the role is. With in_clause, only
 * when every such mention naming the state lies in a clause describing
 * someone ("Police arrested two men suspected of spying for Russia": what
 * the people are, not whose the police are; other roles lent the same
 * country, "two men", name nothing). */
static int borrowed_from_later(const sctx *sc, const dict_mention *src, uint32_t v, int in_clause)
{
    if ((src->flags & (DICT_M_INFERRED | DICT_M_HOME)) != DICT_M_INFERRED ||
        src->sent != (uint32_t)(sc->sent - sc->an->sents) || src->tok_end > v)
        return 0;
    int after = 0;
    for (size_t q = 0; q < sc->nm; q++) {
        const dict_mention *m = &sc->ms[q];
        if (m == src || strncmp(m->code, src->code, 3) != 0 ||
            (in_clause && (m->flags & DICT_M_INFERRED)))
            continue;
        if (m->tok_begin < v)
            return 0; /* (named before the act: "Albanians in south Serbia") */
        if (in_clause && !through_clause(sc, m, v))
            return 0;
        after = 1;
    }
    return after;
}

/* The precision policy on a candidate's actors (docs/coder.md): no
 * statement without an act, no violence by an unnamed non-actor, places
 * are settings, teams of a sports report do not act, and the relevance
 * rules. May shorten the lists. Returns 1 to keep the candidate, else 0. */
static int keep_actors(const sctx *sc, const cand *cd, const code_args *ga, const char *code,
                       int32_t src, int32_t tgt, int passive, int sports, actors *a)
{
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    int violent = root >= 18;
    /* "A storm killed 12 people", "the earthquake that struck Turkey": an
     * act of violence with no actor for a source is an event only when no
     * one is named as its subject at all (a passive: "Fico was shot") or the
     * subject is a role noun ("gunmen", "an attacker"). */
    if (sc->has_tree && violent && src < 0 && !ga->src_pronoun && ga->src_tok >= 0 &&
        MS(sc, mcover, (uint32_t)ga->src_tok) < 0)
        return 0;
    /* "X said ...": in news nearly every sentence reports speech; the act
     * reported is the event, the saying is not (docs/coder.md). The
     * complement-based tone codes (012 pessimism, 013 optimism, ...) stay. */
    if (sc->has_tree && !sc->c->opts.statements && strcmp(code, "010") == 0 &&
        !(cd->lx->speech && obliged(sc, cd->hi + 1) >= 0))
        return 0;
    if (sc->has_tree && !violent && a->ntgt == 1 && tgt >= 0 && ga->tgt_how != CODE_ARG_NONE &&
        (a->tgt[0]->flags & (DICT_M_PLACE | DICT_M_LOCALITY)))
        a->ntgt = 0; /* "met on Crete", "at Baghdad airport": where, not whom */
    if (sports) {
        /* Countries are teams (a government may still act on one: "the
         * Iranian government accused the United States"), and a role noun
         * near one ("FAI officials met representatives from Switzerland")
         * is a sports body's, not the state's. */
        a->nsrc = drop_inferred(a->src, code_policy_drop_teams(a->src, a->nsrc), 1);
        a->ntgt = drop_inferred(a->tgt, a->ntgt, 0);
    }
    if (ga->tgt_how == CODE_ARG_SUBTREE && a->nsrc > 0) {
        /* A last-resort target of the source's own country ("Reagan
         * opposes ... U.S. trade", "the ministry is considering a cable
         * between Japan and ...") is a topic, not whom the act is on. */
        size_t k = 0;
        for (size_t i = 0; i < a->ntgt; i++)
            if (strncmp(a->tgt[i]->code, a->src[0]->code, 3) != 0)
                a->tgt[k++] = a->tgt[i];
        a->ntgt = k;
    }
    if (sc->has_tree && (root <= 5 || (root >= 10 && root <= 13)) && a->nsrc == 1 && a->ntgt >= 1 &&
        (borrowed_from_target(sc, a->src[0], a->tgt[0]) || borrowed_from_later(sc, a->src[0], cd->v, 0)))
        return 0;
    if (sc->has_tree && root >= 14 && a->nsrc == 1 && borrowed_from_later(sc, a->src[0], cd->v, 1))
        return 0;
    if (sc->has_tree &&
        !code_policy_relevant(a->src, &a->nsrc, a->tgt, &a->ntgt, root, code, each_other(sc, cd)))
        return 0;
    /* An attack may have no named perpetrator, but then its victim must be
     * where the pattern or the passive puts it, not just nearby. */
    if (a->nsrc == 0 && !(violent && a->ntgt > 0 && (cd->tgt >= 0 || passive)))
        return 0;
    /* A bare noun ("after two days of fighting", "the scene of violence")
     * is background, not an event, unless the clause names both sides. */
    if (cd->lx->kind == DICT_LX_NOUN && !cd->p && (a->nsrc == 0 || a->ntgt == 0))
        return 0;
    return 1;
}

/* "Russia said Sudan must return the helicopter": Russia demands of
 * Sudan. An obligation in reported speech (bound ends the clause of the
 * verb of saying) makes the speaker, the subject of that verb, the source
 * of a demand (code derived from code into codebuf) and the act's source
 * its target; the demand is asserted (*mod). A list of speakers, or none
 * found, leaves everything as it is. */
static void demand_of_speaker(const sctx *sc, const code_view *vw, uint32_t bound,
                              const char *code, char codebuf[8], actors *a, int *mod)
{
    assert(a->nsrc > 0);
    const char *dc = code_policy_derive(CODE_DERIVE_DEMAND, code);
    uint32_t sp = code_mod_speech_opener(vw, bound);
    uint32_t spb;
    int32_t speaker = sp == UINT32_MAX ? -1 : find_subject(sc, sp, clause_start(sc, sp, &spb), -1);
    if (dc && speaker >= 0 && sc->ms[speaker].list < 0) {
        copy_code(codebuf, dc);
        a->tgt[0] = a->src[0];
        a->ntgt = 1;
        a->src[0] = &sc->ms[speaker];
        a->nsrc = 1;
        *mod = CODE_MOD_ASSERTED;
    }
}

/* The modality of a candidate, read at word mv (its event word, or the
 * verb of occurrence of a nominal event: "the talks will take place"), from
 * the cues, then the parse (modality.c); and the codes it derives: a
 * demand from an obligation in reported speech, a rejection from a
 * refusal, an intent or a threat from a future act. Writes the code into
 * codebuf, the modality into *mod and its cue's tokens into [*cb, *ce).
 * Returns 1 when the event belongs to the default output (asserted, or an
 * intent or threat the coder derived), else 0. */
static int settle_modality(const sctx *sc, const cand *cd, uint32_t mv, uint32_t cs,
                           uint32_t bound, const char *code, char codebuf[8], actors *a, int *mod,
                           uint32_t *cb, uint32_t *ce)
{
    code_view vw = view_of(sc);
    int oblig;
    *mod = code_modality_read(&vw, cs, mv, bound, cd->form, &oblig, cb, ce);
    int32_t txs[CODE_EVDATE_MAX];
    if (*mod == CODE_MOD_ASSERTED &&
        code_evdate_future(&vw, mv, txs, code_evdate_timexes(sc->an, vw.si, cd->v, txs), cb, ce))
        *mod = CODE_MOD_FUTURE; /* "next week's visit to Tokyo" */
    if (oblig && *mod != CODE_MOD_NEGATED && a->nsrc > 0)
        demand_of_speaker(sc, &vw, bound, code, codebuf, a, mod);
    const char *derived = code_modality_derive(&vw, mod, *cb, *ce, bound, code);
    if (derived)
        copy_code(codebuf, derived);
    return code_modality_kept(*mod, code, codebuf, sc->has_tree);
}

/* Fill the --explain record of event e: the pattern, the entries and
 * tokens of source and target, the relations that found them, the time
 * expression used and the modality cue [cb, ce). */
static void explain_event(const sctx *sc, const cand *cd, const code_args *ga,
                          const dict_mention *sm_, const dict_mention *tm_, int32_t timex,
                          uint32_t cb, uint32_t ce, dy_arena *arena, code_event *e)
{
    const txt_analysis *an = sc->an;
    code_explain *w = &e->why;
        w->pattern = cd->p ? dict_pattern_ref(cd->p) : cd->lx->code_ref;
        w->pattern_text = cd->p ? dict_pattern_text(cd->p) : NULL;
        if (sm_) {
            w->source_entry = sm_->entry ? dict_entry_ref(sm_->entry)
                                         : (sm_->agent ? dict_entry_ref(sm_->agent) : NULL);
            w->src_tok[0] = sm_->tok_begin;
            w->src_tok[1] = sm_->tok_end;
        }
        if (tm_) {
            w->target_entry = tm_->entry ? dict_entry_ref(tm_->entry)
                                         : (tm_->agent ? dict_entry_ref(tm_->agent) : NULL);
            w->tgt_tok[0] = tm_->tok_begin;
            w->tgt_tok[1] = tm_->tok_end;
        }
        w->verb_tok[0] = cd->lo;
        w->verb_tok[1] = cd->hi + 1;
        if (sc->has_tree) {
            w->src_rel = sm_ && ga->src_how ? code_arg_name(ga->src_how)
                         : sm_ && ga->src_pronoun ? "nsubj (pronoun)"
                                                 : NULL;
            w->tgt_rel = tm_ && ga->tgt_how ? code_arg_name(ga->tgt_how) : NULL;
        }
        w->timex = timex;
        if (ce > cb) {
            w->cue.start = (int32_t)sc->tk[cb].start;
            w->cue.end = (int32_t)sc->tk[ce - 1].end;
            w->modality_cue = dy_arena_strndup(arena, an->doc->text + w->cue.start,
                                               (size_t)(w->cue.end - w->cue.start));
        } else {
            w->cue.start = w->cue.end = -1;
        }
}

/* Is token tk one of the words pattern p spells out ("arrived in +" has
 * "in")? p may be NULL. */
static int pattern_word(const dict_pattern *p, const txt_token *tk)
{
    if (!p || !worded(p))
        return 0;
    const char *text = dict_pattern_text(p);
    size_t n = tk->norm_len;
    for (const char *q = text; q && (q = strstr(q, tk->norm)) != NULL; q += n) {
        int before = q == text || !isalnum((unsigned char)q[-1]);
        int after = !isalnum((unsigned char)q[n]);
        if (before && after)
            return 1;
    }
    return 0;
}

/* Does token t hang from v through its arguments, not through a clause or
 * phrase of time, place or circumstance ("after his side's defeat to
 * Croatia", "while the talks with Iran went on", "demand in western
 * Europe": cue kinds subordinator and setting-preposition on the mark or
 * the preposition), nor a relative clause or a parenthetical? */
static int argument_path(const sctx *sc, uint32_t t, uint32_t v, const dict_pattern *p)
{
    for (uint32_t steps = 0; t != UINT32_MAX && steps <= sc->te - sc->tb; steps++) {
        if (t == v)
            return 1;
        int r = code_syntax_rel(&sc->view, t);
        if (r == SYN_REL_PARATAXIS || r == SYN_REL_ACL_RELCL)
            return 0;
        if (r == SYN_REL_ADVCL || r == SYN_REL_OBL || r == SYN_REL_NMOD)
            for (uint32_t u = sc->tb; u < t; u++)
                if (code_syntax_head(&sc->view, u) == t &&
                    (code_syntax_rel(&sc->view, u) == SYN_REL_CASE ||
                     code_syntax_rel(&sc->view, u) == SYN_REL_MARK) &&
                    (has_cue(sc, u, CODE_CUE_SUBORDINATOR) ||
                     has_cue(sc, u, CODE_CUE_SETTING_PREP)) &&
                    !pattern_word(p, &sc->tk[u]))
                    return 0;
        t = code_syntax_head(&sc->view, t);
    }
    return 0;
}

/* A demand, blame or a threat with no argument naming its target is
 * made of the first actor its own words mention: "charged that the
 * consortium is subsidized by Britain", "warned that it would retaliate if
 * Japan did not open its markets". (Statements, appeals, intents and
 * rejections are left out: there the first actor mentioned is as often
 * the topic, measured on real news.) The mention must hang, through the tree, from the event word, and
 * be no place, no possessive means, and not the source. -1 when none. */
static int32_t subtree_target(const sctx *sc, const cand *cd, const code_args *ga,
                              const char *code)
{
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    if (!(root == 10 || root == 11 || root == 13) ||
        (ga->src >= 0 && sc->ms[ga->src].list >= 0))
        return -1;
    for (size_t q = 0; q < sc->nm; q++) {
        const dict_mention *m = &sc->ms[q];
        /* (of a passive, the subject's phrase too: "plans to close Kenya's
         * embassy were criticised by Somalia") */
        if ((m->tok_begin <= cd->v && !ga->passive) || m->tok_begin == cd->v ||
            (int32_t)q == ga->src ||
            (m->flags & (DICT_M_PLACE | DICT_M_LOCALITY)) || owned_agent(sc, m) ||
            (ga->src >= 0 && own_means(sc, m, ga->src)) || !argument_path(sc, m->tok_end - 1, cd->v, NULL))
            continue;
        /* A name that only qualifies a thing ("U.S. West Inc", "Kuwaiti
         * ships", "European pasta imports") is not whom the act is on;
         * neither is the source's own country ("Reagan opposes ... U.S.
         * trade"). */
        int r = code_syntax_rel(&sc->view, m->tok_end - 1);
        if (r == SYN_REL_COMPOUND || r == SYN_REL_AMOD || (m->flags & DICT_M_ADJ))
            continue;
        return (int32_t)q;
    }
    return -1;
}

/* "Howard launched an attack on Labour", "the mayor clashed with the
 * minister": force (roots 18-20) between actors who hold no arms — a
 * government, a party, the opposition, a parliament, a court, an elite
 * figure — on both sides is an attack in words, criticism (111), when its
 * word can name one (cue kind verbal: "Pretoria raided ANC bases" is a
 * raid). */
static int verbal_fight(const sctx *sc, const cand *cd, const char *code, const actors *a)
{
    if (!(code[0] == '1' && code[1] >= '8') && code[0] != '2')
        return 0;
    int words = 0; /* the event word or its pattern's ("launched an attack") */
    for (uint32_t t = cd->v; t <= cd->hi && t < sc->te && !words; t++)
        words = has_cue(sc, t, CODE_CUE_VERBAL);
    if (!words)
        return 0;
    if (a->nsrc == 0 || a->ntgt == 0)
        return 0;
    for (size_t i = 0; i < a->nsrc + a->ntgt; i++) {
        const char *c = i < a->nsrc ? a->src[i]->code : a->tgt[i - a->nsrc]->code;
        if (!code_policy_unarmed(c))
            return 0;
    }
    return 1;
}

/* "Britain has protested the Japanese limitations": a state, a government
 * or an international organisation does not take to the streets; its
 * protest (root 14) is an official complaint (114). */
static int official_protest(const char *code, const actors *a)
{
    if (code[0] != '1' || code[1] != '4' || a->nsrc == 0)
        return 0;
    for (size_t i = 0; i < a->nsrc; i++) {
        const char *c = a->src[i]->code;
        size_t n = strlen(c);
        /* (a country by its name or seat: "Palestinian riots" are its
         * people's, "Algeria's leading activist" protests for himself) */
        int state = n == 3 && !(a->src[i]->flags & (DICT_M_DEMONYM | DICT_M_POSSESSIVE)) &&
                    a->src[i]->entry &&
                    dict_entry_kind(a->src[i]->entry) == DICT_STATE;
        if (!(state || strncmp(c, "IGO", 3) == 0 || (n >= 6 && strncmp(c + 3, "GOV", 3) == 0)))
            return 0;
    }
    return 1;
}

/* 1 when actor codes a and b have the same country part (not empty). */
static int same_country(const char *a, const char *b)
{
    char ca[DY_ACTOR_COUNTRY_MAX], cb[DY_ACTOR_COUNTRY_MAX];
    return dy_actor_country(a, ca) > 0 && dy_actor_country(b, cb) > 0 && strcmp(ca, cb) == 0;
}

/* Write one event of candidate cd from source sm_ to target tm_ (either
 * may be NULL) with the given date, the time expression used (or -1), code
 * and modality, unless source and target are the same actor. Remembers the
 * pair for "they" in the next sentence. Returns 0 or DY_ENOMEM. */
static int write_event(const sctx *sc, const cand *cd, const code_args *ga,
                       const dict_mention *sm_, const dict_mention *tm_, const txt_date *date,
                       int32_t used, const char *codebuf, int mod, int reciprocal, uint32_t cb,
                       uint32_t ce, uint32_t sent, doc_state *st, evec *ev)
{
    code_event *e = epush(ev);
    if (!e)
        return DY_ENOMEM;
    e->sent = sent;
    e->date = *date;
    if (sm_)
        dict_mention_code(sm_, date, e->source);
    if (tm_)
        dict_mention_code(tm_, date, e->target);
    size_t tl = strlen(e->target);
    if (e->source[0] && tm_ && (tm_->flags & DICT_M_SEAT) && tl > 3 &&
        strcmp(e->target + tl - 3, "GOV") == 0 && same_country(e->source, e->target)) {
        /* "Bouteflicka threatened a curfew in Algiers": a
         * government acting on its own capital acts on the
         * country, the place, not on itself; and "Jordan held a
         * summit in Amman" is no act of Jordan on Jordan. */
        e->target[tl - 3] = '\0';
    }
    if (e->source[0] && strcmp(e->source, e->target) == 0) {
        ev->n--;
        return 0;
    }
    copy_code(e->code, codebuf);
    e->modality = mod;
    int32_t used_here = used;
    if (used < 0 && sc->has_tree) {
        assert(e == &ev->v[ev->n - 1]);
        used_here = code_evdate_restated(ev->v, ev->n);
    }
    if (sm_ && tm_ && !reciprocal) {
        st->pair[0] = sm_;
        st->pair[1] = tm_;
        st->pair_sent = sent;
    }
    set_span(&e->src, sm_);
    set_span(&e->tgt, tm_);
    e->verb.start = (int32_t)sc->tk[cd->v].start;
    e->verb.end = (int32_t)sc->tk[cd->v].end;
    explain_event(sc, cd, ga, sm_, tm_, used_here, cb, ce, ev->a, e);
    return 0;
}

static int emit(const sctx *sc, const cand *cd, const cand *cands, size_t nc,
                const dict_mention *all, size_t first, uint32_t sent, doc_state *st, evec *ev)
{
    const code_coder *c = sc->c;
    const char *code = cand_code(cd);
    if (code[0] == '-')
        return 0;
    uint32_t bound;
    uint32_t cs = clause_start(sc, cd->v, &bound);
    int passive = 0;
    int32_t src = cd->src, tgt = cd->tgt;
    code_args ga;
    memset(&ga, 0, sizeof ga);
    ga.src = ga.tgt = -1;
    ga.src_tok = ga.tgt_tok = -1;
    if (sc->has_tree) {
        if (embedded(sc, cd, cands, nc) || intent_of_act(sc, cd, cands, nc) ||
            topic_clause(sc, cd) || statistic(sc, cd))
            return 0;
        syntax_args(sc, cd, &ga);
        if (topic_target(sc, cd, &ga, code, cands, nc)) {
            ga.tgt = -1;
            ga.tgt_how = CODE_ARG_NONE;
            ga.tgt_tok = -1;
        }
        if (ga.tgt < 0 && (ga.tgt = subtree_target(sc, cd, &ga, code)) >= 0) {
            ga.tgt_how = CODE_ARG_SUBTREE;
            ga.tgt_tok = (int32_t)sc->ms[ga.tgt].tok_begin;
        }
        if (qualified_thing(sc, &ga, code))
            ga.src = -1;
        passive = ga.passive;
        src = ga.src;
        tgt = ga.tgt;
        /* A nominal event is reported when the noun says whose act it is
         * ("Russia's invasion", "US strikes") or a light verb does ("held
         * talks"); "the attack on the embassy", "the agreement between
         * Turkey and Libya" merely refer to an act the sentence is not
         * about, and whose author it does not name. */
        if (cd->lx->kind == DICT_LX_NOUN && ga.src_how != CODE_ARG_POSS &&
            ga.src_how != CODE_ARG_MOD && ga.src_how != CODE_ARG_LIGHT &&
            ga.src_how != CODE_ARG_OCCUR)
            return 0;
        if ((ga.src_how == CODE_ARG_POSS || ga.src_how == CODE_ARG_MOD) &&
            code_policy_standing(code,
                                 code_syntax_rel(&sc->view, cd->v) == SYN_REL_OBJ))
            return 0;
        /* "companies from France have investments in Venezuela", "has an
         * agreement with": what a verb of having holds stands */
        if (ga.src_how == CODE_ARG_LIGHT && code_policy_standing(code, 0) &&
            code_syntax_head(&sc->view, cd->v) != UINT32_MAX &&
            has_cue(sc, code_syntax_head(&sc->view, cd->v), CODE_CUE_HAVING))
            return 0;
        if (ga.src_how == CODE_ARG_OCCUR) {
            /* the participants the noun's pattern names ("between $ and
             * +"), or no event */
            if (cd->src < 0 || !cd->p)
                return 0;
            src = cd->src;
            tgt = cd->tgt;
        }
    } else {
        window_args(sc, cd, cands, nc, cs, &src, &tgt, &passive);
    }
    char codebuf[8];
    copy_code(codebuf, code);
    if (cd->lx->speech && code[0] == '0' && code[1] == '1' && code[2] == '0') {
        /* "The administration declared that China must drop barriers": a
         * statement whose news is an obligation laid on another actor is
         * a demand of that actor, even when the act itself codes nothing. */
        int32_t ob = obliged(sc, cd->hi + 1);
        if (ob >= 0 && ob != src) {
            tgt = ob;
            copy_code(codebuf, "100");
        }
    }
    actors a;
    if (!collect_actors(sc, cd, &ga, src, tgt, passive, cs, all, first, &a) ||
        !keep_actors(sc, cd, &ga, code, src, tgt, passive, st->sports, &a))
        return 0;
    uint32_t cb, ce;
    int mod;
    /* "The talks will take place": the verb of occurrence says whether the
     * act happened. */
    uint32_t mv = cd->v;
    if (sc->has_tree && ga.src_how == CODE_ARG_OCCUR &&
        code_syntax_head(&sc->view, cd->v) != UINT32_MAX)
        mv = code_syntax_head(&sc->view, cd->v);
    if (!settle_modality(sc, cd, mv, cs, bound, code, codebuf, &a, &mod, &cb, &ce) &&
        !c->opts.all_modalities)
        return 0;
    int32_t txs[CODE_EVDATE_MAX];
    size_t ntx = code_evdate_timexes(sc->an, sent, cd->v, txs);
    code_view dv = view_of(sc);
    if (ntx == 1 && code_evdate_foreign(&dv, cd->v, txs[0]))
        txs[0] = -1;

    if (code_policy_self_directed(codebuf, a.src, a.nsrc, a.tgt, a.ntgt))
        return 0;
    if (verbal_fight(sc, cd, codebuf, &a))
        copy_code(codebuf, "111");
    if (official_protest(codebuf, &a))
        copy_code(codebuf, "114");
    const char *street = code_policy_street_force(codebuf, a.src, a.nsrc, a.tgt, a.ntgt);
    if (street)
        copy_code(codebuf, street);
    /* The agents of a passive conflict act together on someone unnamed
     * ("the seat occupied by a grouping of Sri Lanka and Vietnam"), not on
     * each other; a meeting they attend or an agreement they sign is
     * between them. */
    int conflict = codebuf[0] == '1' && codebuf[1] >= '3';
    /* "Brazil, Argentina and Mexico agreed with commercial banks": a
     * target the text names, though no actor the policy keeps (a role
     * with no country, or one lent a source's), is still the other side;
     * the sources did not act on each other. */
    int32_t other = tgt >= 0 ? tgt : cd->tgt; /* (the pattern's slot, when the
                                                  tree's target was the
                                                  sources' own) */
    int named_other = other >= 0 && a.ntgt == 0 &&
                      ((sc->ms[other].flags & (DICT_M_INFERRED | DICT_M_BARE_AGENT)) ||
                       code_actor_role_only(sc->ms[other].code));
    int reciprocal = a.ntgt == 0 && a.nsrc > 1 && !(passive && conflict) && !named_other;
    if (a.ntgt == 0 && !reciprocal && a.nsrc > 1)
        return 0;
    /* Several actors showing force together ("the United States, Japan and
     * South Korea launched a military exercise") cooperate militarily with
     * each other: a posture (15x) shared by a compound source is 062. */
    if (reciprocal && codebuf[0] == '1' && codebuf[1] == '5')
        copy_code(codebuf, "062");
    size_t nsrc_it = a.nsrc ? a.nsrc : 1;
    code_view vw = view_of(sc);
    for (size_t ti = 0; ti < ntx; ti++) {
        txt_date date;
        int32_t used = code_evdate_date(&vw, txs[ti], &st->dates, codebuf, &date);
        for (size_t si = 0; si < nsrc_it; si++) {
            const dict_mention *sm_ = a.nsrc ? a.src[si] : NULL;
            size_t nt_it = reciprocal ? a.nsrc : (a.ntgt ? a.ntgt : 1);
            for (size_t tj = 0; tj < nt_it; tj++) {
                const dict_mention *tm_ = NULL;
                if (reciprocal) {
                    if (tj == si)
                        continue;
                    tm_ = a.src[tj];
                } else if (a.ntgt) {
                    tm_ = a.tgt[tj];
                }
                size_t before = ev->n;
                if (write_event(sc, cd, &ga, sm_, tm_, &date, used, codebuf, mod, reciprocal, cb,
                                ce, sent, st, ev))
                    return DY_ENOMEM;
                /* "Russia met Turkey": a meeting, a call, talks or a signed
                 * agreement is both sides' act, a visit is the host's too
                 * (the codebook codes them both ways); a place named as
                 * where ("in Amman") acts in neither */
                const char *rev = code_policy_reverse(codebuf);
                if (!reciprocal && sm_ && tm_ && ev->n > before && rev &&
                    !(tm_->flags & (DICT_M_PLACE | DICT_M_LOCALITY)) &&
                    (!(tm_->flags & DICT_M_SEAT) || strcmp(rev, "043") == 0) &&
                    write_event(sc, cd, &ga, tm_, sm_, &date, used, rev, mod, 1, cb, ce, sent,
                                st, ev))
                    return DY_ENOMEM;
            }
        }
    }
    return 0;
}

/* Words that open a subordinate clause: what they introduce is usually
 * background to the sentence's news ("..., where 28 people were killed"). */
static int is_subordinator(const sctx *sc, uint32_t t)
{
    /* "that" after a noun opens a relative clause ("a helicopter that was
     * captured"); after a speech verb it opens the reported news. */
    if (strcmp(sc->tk[t].norm, "that") == 0) {
        code_view vw = view_of(sc);
        return code_mod_speech_opener(&vw, t) == UINT32_MAX && t > sc->tb &&
               (sc->tk[t - 1].flags & TXT_TOK_WORD);
    }
    return has_cue(sc, t, CODE_CUE_SUBORDINATOR);
}

/* Drop duplicates within a sentence, speech events whose complement holds
 * another event, and background events when the sentence has a main one. */
static void tidy(code_event *ev, size_t first, size_t *n, const cand *cands, size_t nc,
                 const uint32_t *ev_cand)
{
    size_t k = first;
    for (size_t i = first; i < *n; i++) {
        int drop = 0;
        const cand *ci = &cands[ev_cand[i - first]];
        /* Only a plain statement gives way; a pattern that read the tone
         * ("said he was pessimistic", 012) is news of its own. */
        if (ci->lx->speech && (!ci->p || strcmp(ev[i].code, "010") == 0)) {
            /* "X said that Y did Z" and "Y did Z, X said": the reported act
             * is the news, the statement is not. */
            for (size_t j = first; j < *n && !drop; j++)
                if (!cands[ev_cand[j - first]].lx->speech)
                    drop = 1;
        }
        if (ci->background)
            for (size_t j = first; j < *n && !drop; j++) {
                const cand *cj = &cands[ev_cand[j - first]];
                if (!cj->background && !cj->lx->speech)
                    drop = 1;
            }
        for (size_t j = first; j < k && !drop; j++)
            if (strcmp(ev[j].source, ev[i].source) == 0 && strcmp(ev[j].target, ev[i].target) == 0 &&
                strcmp(ev[j].code, ev[i].code) == 0 && txt_date_cmp(&ev[j].date, &ev[i].date) == 0)
                drop = 1;
        if (!drop)
            ev[k++] = ev[i];
    }
    (void)nc;
    *n = k;
}

/* Tag the sentence of sc into sc->tree (no arcs yet). Returns 0, DY_ELIMIT
 * (too long to parse: coded without the tree) or DY_ENOMEM. */
static int tag_sentence(sctx *sc, code_trees *tr, dy_arena *a, dy_err *err)
{
    size_t si = (size_t)(sc->sent - sc->an->sents);
    assert(!tr || si < tr->n);
    if (tr && tr->state[si] != TREE_NONE) {
        if (tr->state[si] == TREE_TOO_LONG)
            return DY_ELIMIT;
        sc->tree = tr->tree[si];
        return 0;
    }
    dy_err perr;
    int rc = syn_tag(sc->c->opts.syntax, sc->tk + sc->tb, sc->te - sc->tb, a, &sc->tree, &perr);
    if (rc == DY_ENOMEM)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    if (tr && (rc == 0 || rc == DY_ELIMIT)) {
        tr->state[si] = rc ? TREE_TOO_LONG : TREE_TAGGED;
        tr->tree[si] = sc->tree;
    }
    return rc;
}

/* Parse the tagged sentence of sc (tag_sentence) into sc->tree and its
 * view. Returns 0 or DY_ENOMEM. */
static int parse_sentence(sctx *sc, code_trees *tr, dy_arena *a, dy_err *err)
{
    size_t si = (size_t)(sc->sent - sc->an->sents);
    if (!sc->tree.head) {
        if (syn_parse_tagged(sc->c->opts.syntax, sc->tk + sc->tb, &sc->tree, a, err))
            return DY_ENOMEM;
        if (tr) {
            tr->state[si] = TREE_PARSED;
            tr->tree[si] = sc->tree;
        }
    }
    sc->view = (code_sent){.tk = sc->tk, .tb = sc->tb, .te = sc->te, .tree = &sc->tree,
                           .ms = sc->ms, .nm = sc->nm, .mcover = sc->mcover,
                           .cues = sc->c->cues};
    sc->has_tree = 1;
    return 0;
}

/* Plain statements ("said", "told") are not written (policy in emit):
 * candidates that can only be one are left out before the sentence is
 * parsed, which spares parsing most sentences of news (nearly all report
 * speech). A speech verb followed by an obligation ("said Iran must ...")
 * may become a demand and stays. Returns the new count. */
static size_t drop_statements(const sctx *sc, cand *cands, size_t nc)
{
    size_t k = 0;
    for (size_t i = 0; i < nc; i++) {
        const cand *cd = &cands[i];
        const char *code = cand_code(cd);
        if (strcmp(code, "010") == 0 && !(cd->lx->speech && obliged(sc, cd->hi + 1) >= 0))
            continue;
        cands[k++] = *cd;
    }
    return k;
}

/* Can the sentence give an event that the precision policy keeps? It
 * needs a political source (a mention, or a pronoun pointing back) and a
 * target, both with a country or an organisation code: so two such
 * mentions, or one and a pronoun; an attack needs only its target.
 * Checked before parsing: most sentences of economic and sports news
 * fail it. */
static int enough_actors(const sctx *sc, const cand *cands, size_t nc, size_t first)
{
    size_t usable = 0, sources = 0;
    for (size_t q = 0; q < sc->nm; q++) {
        const dict_mention *m = &sc->ms[q];
        int u = !code_actor_role_only(m->code) || (m->flags & DICT_M_INFERRED);
        usable += u;
        sources += u && code_policy_political_source(m->code, 18);
    }
    int violent = 0;
    for (size_t i = 0; i < nc && !violent; i++) {
        const char *code = cand_code(&cands[i]);
        violent = code[0] == '1' && code[1] >= '8';
    }
    if (violent && usable >= 1)
        return 1;
    if (sources >= 1 && usable >= 2)
        return 1;
    if (first == 0)
        return 0; /* a pronoun needs something earlier */
    /* With no one here, only "they" (both sides of an earlier event) can
     * make an event, between them; so can "he ... him" (one side on the
     * other: object_pronoun_other). */
    if (usable == 0 && sc->pair[0] && sc->pair[1])
        for (uint32_t t = sc->tb + 1; t < sc->te; t++)
            if (strcmp(sc->tk[t].norm, "him") == 0 || strcmp(sc->tk[t].norm, "her") == 0)
                return 1;
    const code_cue_mask pron =
        usable == 0 ? CODE_CUE_BIT(CODE_CUE_PRON_GROUP)
                    : CODE_CUE_BIT(CODE_CUE_PRON_PERSON) | CODE_CUE_BIT(CODE_CUE_PRON_GROUP) |
                          CODE_CUE_BIT(CODE_CUE_PRON_THING);
    for (uint32_t t = sc->tb; t < sc->te; t++)
        if (code_cues_may_end(sc->c->cues, pron, sc->tk[t].hash) && (cues_at(sc, t) & pron))
            return 1;
    return 0;
}

/* The candidates of a parsed sentence: each word (of the nc candidates of
 * the reading without tags) read only as the part of speech its tag says.
 * Returns the new count, written over cands. */
static size_t pos_candidates(const sctx *sc, cand *cands, size_t nc)
{
    size_t k = 0;
    for (size_t i = 0; i < nc; i++) {
        uint32_t v = cands[i].v;
        int up = sc->tree.upos[v - sc->tb];
        int force = up == SYN_VERB || up == SYN_ADJ ? DICT_LX_VERB
                    : up == SYN_NOUN || up == SYN_PROPN ? DICT_LX_NOUN
                                                         : -1;
        /* "Kenyan exports to Pakistan were worth ...": a word right after
         * a demonym is a noun it qualifies, whatever the tagger said (an
         * adjective is no subject). */
        if (force == DICT_LX_VERB && v > sc->tb && MS(sc, mcover, v - 1) >= 0) {
            const dict_mention *before = &sc->ms[MS(sc, mcover, v - 1)];
            const txt_token *w = &sc->tk[v - 1];
            /* (a plural demonym is a people: "The Americans attacked") */
            if ((before->flags & (DICT_M_ADJ | DICT_M_DEMONYM)) && !before->agent &&
                before->tok_end == v && w->norm_len > 0 && w->norm[w->norm_len - 1] != 's')
                force = DICT_LX_NOUN;
        }
        cand cd;
        /* A participle read as an adjective ("is opposed to", "is
         * committed to") is an act only through a pattern of its verb
         * that spells out more than its slots ("more welcoming than Iran"
         * is no hosting); so is one right after a possessive, whatever
         * its tag ("Russia's proposed membership of the WTO"). */
        int adjectival = up == SYN_ADJ || (up == SYN_VERB && sc->tree.xpos[v - sc->tb] == SYN_XPOS_VBN &&
                                           v > sc->tb && strcmp(sc->tk[v - 1].norm, "'s") == 0);
        if (force >= 0 && best_at(sc, v, force, &cd) && (!adjectival || (cd.p && worded(cd.p))))
            cands[k++] = cd;
    }
    return k;
}

/* What coding one document keeps across its sentences. */
typedef struct docjob {
    const dict_mention *ms;  /* the document's mentions */
    code_trees *trees;       /* kept trees, or NULL */
    doc_state st;
    evec ev;
    cand *cands;             /* the sentence's candidates (reused) */
    size_t ccap;
    uint32_t *ev_cand;       /* per event of the sentence: its candidate */
    size_t evc_cap;
} docjob;

/* Can sentence s (mentions [m0, mi) of the document) hold an event? It
 * needs a word the verb dictionaries know, and an actor or a pronoun
 * pointing back to an earlier one ("They agreed ..."). */
static int may_hold_event(const code_coder *c, const txt_analysis *an, const txt_sentence *s,
                          size_t m0, size_t mi)
{
    int any = 0;
    for (uint32_t t = s->tok_begin; t < s->tok_end && !any; t++)
        any = dict_word_known(c->ds, an->toks[t].hash);
    if (!any)
        return 0;
    if (mi > m0)
        return 1;
    const code_cue_mask pron = CODE_CUE_BIT(CODE_CUE_PRON_PERSON) |
                               CODE_CUE_BIT(CODE_CUE_PRON_GROUP) | CODE_CUE_BIT(CODE_CUE_PRON_THING);
    for (uint32_t t = s->tok_begin; t < s->tok_end && m0 > 0; t++)
        if (code_cues_may_end(c->cues, pron, an->toks[t].hash) &&
            (code_cues_at(c->cues, an->toks, s->tok_begin, t, NULL) & pron) != 0)
            return 1;
    return 0;
}

/* Set up in *sc the context of sentence si, whose mentions are ms[m0..mi):
 * mention starts, ends and cover per token, cue and clause caches, the
 * token counts that skip hyphens. Tables in arena a. Returns 0 or
 * DY_ENOMEM. */
static int sentence_init(sctx *sc, const code_coder *c, const txt_analysis *an, uint32_t si,
                         dict_mention *ms, size_t m0, size_t mi, const doc_state *st,
                         dy_arena *a)
{
    const txt_sentence *s = &an->sents[si];
    uint32_t nt = s->tok_end - s->tok_begin;
    assert(nt > 0 && m0 <= mi);
    *sc = (sctx){.pair = {si <= st->pair_sent + 1 ? st->pair[0] : NULL,
                          si <= st->pair_sent + 1 ? st->pair[1] : NULL},
                 .c = c, .an = an, .tk = an->toks, .ms = ms + m0, .nm = mi - m0, .m0 = m0,
                 .tb = s->tok_begin, .te = s->tok_end, .sent = s};
    sc->mstart = dy_arena_alloc(a, nt * sizeof(int32_t) * 3);
    sc->cmask = dy_arena_alloc(a, nt * sizeof *sc->cmask);
    sc->cstart = dy_arena_alloc(a, nt * sizeof *sc->cstart);
    sc->cs_cache = dy_arena_alloc(a, 2 * nt * sizeof *sc->cs_cache);
    sc->attr = dy_arena_calloc(a, sc->nm ? sc->nm : 1, 1);
    sc->nh = dy_arena_alloc(a, (nt + 1) * sizeof *sc->nh);
    if (!sc->mstart || !sc->cmask || !sc->cstart || !sc->cs_cache || !sc->attr || !sc->nh)
        return DY_ENOMEM;
    sc->mend = sc->mstart + nt;
    sc->mcover = sc->mend + nt;
    for (uint32_t k = 0; k < nt * 3; k++)
        sc->mstart[k] = -1;
    for (size_t q = 0; q < sc->nm; q++) {
        const dict_mention *m = &sc->ms[q];
        MS(sc, mstart, m->tok_begin) = (int32_t)q;
        MS(sc, mend, m->tok_end - 1) = (int32_t)q;
        if ((m->flags & DICT_M_POSSESSIVE) && m->tok_end - 1 > m->tok_begin)
            MS(sc, mend, m->tok_end - 2) = (int32_t)q;
        for (uint32_t t = m->tok_begin; t < m->tok_end; t++)
            MS(sc, mcover, t) = (int32_t)q;
    }
    for (uint32_t t = 0; t < nt; t++)
        sc->cmask[t] = CUE_UNKNOWN;
    for (uint32_t t = 0; t < 2 * nt; t++)
        sc->cs_cache[t] = UINT32_MAX;
    sc->nh[0] = 0;
    for (uint32_t t = 0; t < nt; t++)
        sc->nh[t + 1] = sc->nh[t] + !(an->toks[s->tok_begin + t].flags & TXT_TOK_HYPHEN);
    sc->dview = (dict_sentence){.tk = sc->tk, .tb = sc->tb, .te = sc->te, .ms = sc->ms,
                                .mstart = sc->mstart, .mend = sc->mend, .attr = sc->attr,
                                .nh = sc->nh};
    return 0;
}

/* The candidates of a sentence, into dj->cands with their count in *ncp (0
 * when the sentence can give no event): the best reading of each word not
 * inside a mention, less plain statements; with the parser, the sentence
 * is tagged and parsed when it can hold an event, and the words are read
 * again as what their tags say. Returns 0, or DY_ENOMEM (err set). */
static int gather_candidates(sctx *sc, docjob *dj, dy_arena *a, size_t *ncp, dy_err *err)
{
    const code_coder *c = sc->c;
    size_t nc = 0;
    *ncp = 0;
    for (uint32_t t = sc->tb; t < sc->te; t++) {
        cand cd;
        if (MS(sc, mcover, t) >= 0 || !best_at(sc, t, -1, &cd))
            continue;
        if (nc == dj->ccap) {
            size_t ncap = dj->ccap ? dj->ccap * 2 : 16;
            cand *v = dy_arena_grow(a, dj->cands, nc, ncap, sizeof *v);
            if (!v)
                return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
            dj->cands = v;
            dj->ccap = ncap;
        }
        dj->cands[nc++] = cd;
    }
    if (nc && c->opts.syntax && !c->opts.statements)
        nc = drop_statements(sc, dj->cands, nc);
    /* A sentence whose every candidate is a blocking pattern ("attack
     * plans", "beat" in a result) gives no event: not worth its tags. */
    size_t live = 0;
    for (size_t i = 0; i < nc; i++)
        live += cand_code(&dj->cands[i])[0] != '-';
    if (c->opts.syntax && live == 0)
        nc = 0;
    if (!nc || (c->opts.syntax && !enough_actors(sc, dj->cands, nc, sc->m0)))
        return 0;
    if (c->opts.syntax) {
        int prc = tag_sentence(sc, dj->trees, a, err);
        if (prc == DY_ENOMEM)
            return prc;
        if (prc == 0) {
            /* the tags first: a sentence whose candidates are not what
             * their tags say is not parsed at all */
            nc = pos_candidates(sc, dj->cands, nc);
            if (nc && parse_sentence(sc, dj->trees, a, err))
                return DY_ENOMEM;
        }
    }
    *ncp = nc;
    return 0;
}

/* Sort candidates by cmp_cand. A handful per sentence: insertion sort
 * beats qsort's set-up cost by far. */
static void sort_candidates(cand *cands, size_t nc)
{
    for (size_t i = 1; i < nc; i++) {
        cand x = cands[i];
        size_t j = i;
        while (j > 0 && cmp_cand(&cands[j - 1], &x) > 0) {
            cands[j] = cands[j - 1];
            j--;
        }
        cands[j] = x;
    }
}

/* Put the events from index first on in sentence order (candidates were
 * taken by score), keeping dj->ev_cand in step. */
static void order_events(docjob *dj, size_t first)
{
    for (size_t i = first + 1; i < dj->ev.n; i++) {
        code_event x = dj->ev.v[i];
        uint32_t xc = dj->ev_cand[i - first];
        size_t j = i;
        while (j > first && dj->ev.v[j - 1].verb.start > x.verb.start) {
            dj->ev.v[j] = dj->ev.v[j - 1];
            dj->ev_cand[j - first] = dj->ev_cand[j - 1 - first];
            j--;
        }
        dj->ev.v[j] = x;
        dj->ev_cand[j - first] = xc;
    }
}

/* Emit the events of the nc sorted candidates of sentence si, the best
 * first: the words a pattern used cannot start another event. Then put
 * them in sentence order and tidy them. Returns 0 or DY_ENOMEM. */
static int accept_candidates(sctx *sc, docjob *dj, size_t nc, uint32_t si, dy_arena *a)
{
    uint8_t *used = dy_arena_calloc(a, sc->te - sc->tb, 1);
    if (!used)
        return DY_ENOMEM;
    size_t first = dj->ev.n;
    for (size_t k = 0; k < nc; k++) {
        cand *cd = &dj->cands[k];
        if (used[cd->v - sc->tb])
            continue;
        /* A blocking pattern (---) silences its own word only: the words
         * around it may still be events ("lifted sanctions"). */
        int blocks = cd->p && dict_pattern_code(cd->p)[0] == '-';
        for (uint32_t t = blocks ? cd->v : cd->lo; t <= (blocks ? cd->v : cd->hi); t++)
            if (MS(sc, mcover, t) < 0)
                used[t - sc->tb] = 1;
        uint32_t bnd;
        clause_start(sc, cd->v, &bnd);
        cd->background = bnd != UINT32_MAX && is_subordinator(sc, bnd);
        size_t before = dj->ev.n;
        if (emit(sc, cd, dj->cands, nc, dj->ms, sc->m0, si, &dj->st, &dj->ev))
            return DY_ENOMEM;
        if (dj->ev.n - first > dj->evc_cap || !dj->ev_cand) {
            size_t ncap = (dj->ev.n - first) * 2 + 16;
            uint32_t *v = dy_arena_grow(a, dj->ev_cand, dj->evc_cap, ncap, sizeof *v);
            if (!v)
                return DY_ENOMEM;
            dj->ev_cand = v;
            dj->evc_cap = ncap;
        }
        for (size_t q = before; q < dj->ev.n; q++)
            dj->ev_cand[q - first] = (uint32_t)k;
    }
    order_events(dj, first);
    tidy(dj->ev.v, first, &dj->ev.n, dj->cands, nc, dj->ev_cand);
    return 0;
}

int code_document(const code_coder *c, const txt_analysis *an, dy_arena *a,
                  code_event **out, size_t *nout, dy_err *err)
{
    return code_document_trees(c, an, NULL, a, out, nout, err);
}

/* Contract in code.h. */
int code_document_trees(const code_coder *c, const txt_analysis *an, code_trees *trees,
                        dy_arena *a, code_event **out, size_t *nout, dy_err *err)
{
    assert(!trees || trees->n == an->nsent);
    *out = NULL;
    *nout = 0;
    dict_mention *ms;
    size_t nm;
    int rc = dict_match(c->ds, an, &an->doc->date, a, &ms, &nm, err);
    if (rc)
        return rc;
    docjob dj = {.ms = ms, .trees = trees, .ev = {.a = a},
                 .st = {.dates = code_evdate_start(), .sports = sports_document(c, an)}};
    size_t mi = 0;
    for (uint32_t si = 0; si < an->nsent; si++) {
        const txt_sentence *s = &an->sents[si];
        size_t m0 = mi;
        while (mi < nm && ms[mi].sent == si)
            mi++;
        if (s->tok_end > s->tok_begin && may_hold_event(c, an, s, m0, mi)) {
            sctx sc;
            size_t nc;
            if (sentence_init(&sc, c, an, si, ms, m0, mi, &dj.st, a))
                return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
            mark_attributions(&sc);
            if (!sports_result(&sc)) {
                if (gather_candidates(&sc, &dj, a, &nc, err))
                    return DY_ENOMEM;
                sort_candidates(dj.cands, nc);
                if (nc && accept_candidates(&sc, &dj, nc, si, a))
                    return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
            }
        }
        code_evdate_sentence_done(an, si, &dj.st.dates);
    }
    *out = dj.ev.v;
    *nout = dj.ev.n;
    return 0;
}
