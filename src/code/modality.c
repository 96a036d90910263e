/* modality.c - the modality of the coder's events (code_modality.h;
 * docs/coder.md, "Modality"). */
#include "code/code_modality.h"
#include "code/code_evdate.h"
#include "code/code_policy.h"
#include "core/invariant.h"

#include <stdint.h>
#include <string.h>

/* The cue kinds of modality, strongest first, and the modality each gives. */
static const int mod_cues[] = {CODE_CUE_NEGATED, CODE_CUE_ALLEGED, CODE_CUE_HYPOTHETICAL,
                               CODE_CUE_FUTURE};
static const int mod_of_cue[] = {CODE_MOD_NEGATED, CODE_MOD_ALLEGED, CODE_MOD_HYPOTHETICAL,
                                 CODE_MOD_FUTURE};
enum { MOD_CUES = sizeof mod_cues / sizeof *mod_cues };

static int is_speech_word(const code_view *v, uint32_t t)
{
    DY_ASSERT(v->ds);
    return dict_word_speech_verb(v->ds, v->s.tk[t].hash);
}

/* Does the negation cue [b, e) refuse rather than deny a fact? "refused
 * to", "declined to", "will not", "won't", "would not": a stance taken,
 * unlike "did not meet" (a negated fact). reported: the clause is reported
 * speech (kept for callers that want to tell the two apart). */
static int refusal(const code_view *v, uint32_t b, uint32_t e, int reported)
{
    if (e <= b)
        return 0;
    const char *w = v->s.tk[b].norm;
    if (strncmp(w, "refus", 5) == 0 || strncmp(w, "declin", 6) == 0)
        return 1;
    /* "will not end their strike", "said it would not negotiate": the
     * codebook files these under 12x, like "refused to". */
    (void)reported;
    if (b > v->s.tb) {
        const char *aux = v->s.tk[b - 1].norm;
        return strcmp(aux, "will") == 0 || strcmp(aux, "wo") == 0 || strcmp(aux, "would") == 0 ||
               strcmp(aux, "shall") == 0;
    }
    return 0;
}

/* Contract in code_modality.h. */
uint32_t code_mod_speech_opener(const code_view *v, uint32_t bound)
{
    if (bound == UINT32_MAX)
        return UINT32_MAX;
    for (uint32_t k = 0; k <= 3 && bound >= v->s.tb + k; k++)
        if (is_speech_word(v, bound - k))
            return bound - k;
    return UINT32_MAX;
}

/* Is token t part of an actor's name ("Reporters Without Borders", "Doctors
 * Without Borders"): no cue of modality, whatever its words? */
static int in_name(const code_view *v, uint32_t t)
{
    return v->s.mcover && v->s.mcover[t - v->s.tb] >= 0;
}

/* Does token j lie in the phrase of w's subject ("Plans to close the
 * embassy were criticised": that "plans to" is the plans', not the
 * criticism's)? Only with a parse. */
static int in_subject(const code_view *v, uint32_t w, uint32_t j)
{
    if (!v->s.tree)
        return 0;
    uint32_t t = j;
    for (int steps = 0; steps < 8 && t != UINT32_MAX && t != w; steps++) {
        uint32_t h = code_syntax_head(&v->s, t);
        if (h == w) {
            int r = syn_rel_universal(code_syntax_rel(&v->s, t));
            return r == SYN_REL_NSUBJ || code_syntax_rel(&v->s, t) == SYN_REL_NSUBJ_PASS;
        }
        t = h;
    }
    return 0;
}

/* Is token t the infinitive marker "to"? */
static int is_to(const code_view *v, uint32_t t)
{
    return v->s.tk[t].norm_len == 2 && memcmp(v->s.tk[t].norm, "to", 2) == 0;
}

/* Is the word at w an act not (yet) done because it is an infinitive ("to
 * visit", "issues to be discussed by the ministers"), with "to" at or
 * after lo? "resorted to throwing stones" is not an infinitive, and one
 * after a verb of continuing or starting (cue kind aspectual: "continued
 * to attack", "started to attack") is done. Writes the
 * tokens from "to" to w into [*cb, *ce). */
static int infinitive(const code_view *v, uint32_t w, uint32_t lo, int form, uint32_t *cb,
                      uint32_t *ce)
{
    const txt_token *tk = v->s.tk;
    /* "continued to attack", "started to attack": done */
    if (w > v->s.tb + 1 && is_to(v, w - 1) &&
        code_view_has_cue(v, w - 2, CODE_CUE_ASPECTUAL))
        return 0;
    if (w > v->s.tb && is_to(v, w - 1) && w - 1 >= lo && form != DICT_WF_ING &&
        form != DICT_WF_PAST) {
        *cb = w - 1;
        *ce = w;
        return 1;
    }
    if (w > v->s.tb + 1 && is_to(v, w - 2) && w - 2 >= lo &&
        strcmp(tk[w - 1].norm, "be") == 0 && form == DICT_WF_PAST) {
        *cb = w - 2;
        *ce = w;
        return 1;
    }
    return 0;
}

/* Modality from cues in the clause before w (from bound, else cs, and at
 * most 8 words back): the strongest reading wins. *oblig is set when the
 * act is demanded ("X said Y must ..."). */
static int cue_modality(const code_view *v, uint32_t cs, uint32_t w, uint32_t bound,
                        uint32_t *cue_b, uint32_t *cue_e, int *oblig, int form)
{
    uint32_t lo = bound != UINT32_MAX ? bound : cs;
    if (w > lo + 8)
        lo = w - 8;
    int reported = code_mod_speech_opener(v, bound) != UINT32_MAX;
    *oblig = 0;
    for (uint32_t j = lo; j < w && reported; j++)
        if (code_view_has_cue(v, j, CODE_CUE_OBLIGATION))
            *oblig = 1;
    for (int k = 0; k < MOD_CUES; k++) {
        for (uint32_t j = lo; j < w; j++) {
            /* (a negation there still counts: "neither Russia nor China
             * condemned ...") */
            if (!code_view_has_cue(v, j, mod_cues[k]) || code_evdate_in_timex(v->an, v->si, j) ||
                in_name(v, j) || (mod_cues[k] != CODE_CUE_NEGATED && in_subject(v, w, j)))
                continue;
            *cue_b = v->cstart[j - v->s.tb][mod_cues[k]];
            *cue_e = j + 1;
            /* In reported speech "would" is the future seen from the past
             * ("NATO said it would tighten the blockade"). */
            if (mod_cues[k] == CODE_CUE_HYPOTHETICAL && reported &&
                strcmp(v->s.tk[j].norm, "would") == 0)
                return CODE_MOD_FUTURE;
            if (mod_cues[k] == CODE_CUE_HYPOTHETICAL && *oblig &&
                strcmp(v->s.tk[j].norm, "should") == 0)
                continue;
            return mod_of_cue[k];
        }
    }
    return infinitive(v, w, lo, form, cue_b, cue_e) ? CODE_MOD_FUTURE : CODE_MOD_ASSERTED;
}

/* Strength of a modality when two readings disagree: negated, alleged,
 * hypothetical, future, asserted. */
static int mod_rank(int m)
{
    switch (m) {
    case CODE_MOD_NEGATED: return 4;
    case CODE_MOD_ALLEGED: return 3;
    case CODE_MOD_HYPOTHETICAL: return 2;
    case CODE_MOD_FUTURE: return 1;
    default: return 0;
    }
}

/* The strongest marker among the aux, advmod and mark children of x:
 * raises *mod (and sets [*cb, *ce) to the marker) when it is stronger.
 * reported: x is a reported clause, where "would" is the future. */
static int child_markers(const code_view *v, uint32_t x, int reported, int mod, uint32_t *cb,
                         uint32_t *ce)
{
    for (uint32_t t = v->s.tb; t < v->s.te; t++) {
        if (code_syntax_head(&v->s, t) != x)
            continue;
        int r = syn_rel_universal(code_syntax_rel(&v->s, t));
        if ((r != SYN_REL_AUX && r != SYN_REL_ADVMOD && r != SYN_REL_MARK) || in_name(v, t))
            continue;
        for (int k = 0; k < MOD_CUES; k++) {
            if (!code_view_has_cue(v, t, mod_cues[k]))
                continue;
            int m = mod_of_cue[k];
            if (m == CODE_MOD_HYPOTHETICAL && reported && strcmp(v->s.tk[t].norm, "would") == 0)
                m = CODE_MOD_FUTURE;
            if (mod_rank(m) > mod_rank(mod)) {
                mod = m;
                *cb = t;
                *ce = t + 1;
            }
            break;
        }
    }
    return mod;
}

/* "flew to Seoul to meet officials and sign a pact": a verb coordinated
 * with an infinitive h is one too, not yet done (unless the infinitive
 * follows a verb of continuing or starting). Returns the stronger of mod
 * and that reading; *cb, *ce get the "to". */
static int shared_infinitive(const code_view *v, uint32_t h, int mod, uint32_t *cb, uint32_t *ce)
{
    for (uint32_t t = v->s.tb; t < h; t++)
        if (code_syntax_head(&v->s, t) == h && code_syntax_rel(&v->s, t) == SYN_REL_MARK &&
            is_to(v, t) && !(t > v->s.tb && code_view_has_cue(v, t - 1, CODE_CUE_ASPECTUAL)) &&
            mod_rank(CODE_MOD_FUTURE) > mod_rank(mod)) {
            *cb = t;
            *ce = t + 1;
            return CODE_MOD_FUTURE;
        }
    return mod;
}

/* The modality the tree gives the word at w: markers (auxiliaries,
 * negation, "if"/"unless") on the word and on the verbs it depends on
 * through infinitives, adverbial clauses, obliques and coordination
 * ("Medvedev suggested that Russia could respond by giving weapons": the
 * giving depends on "could respond"), but not across a reported clause's
 * edge, whose speaker's words are not its modality. Returns the stronger
 * of this and mod (the word-window reading); *cb, *ce get the marker's
 * token. */
static int syntax_modality(const code_view *v, uint32_t w, int mod, uint32_t *cb, uint32_t *ce)
{
    DY_ASSERT(v->s.tree);
    uint32_t x = w;
    for (int hops = 0; hops < 5 && x != UINT32_MAX; hops++) {
        uint32_t h = code_syntax_head(&v->s, x);
        int r = code_syntax_rel(&v->s, x);
        int reported = h != UINT32_MAX && r == SYN_REL_CCOMP &&
                       code_view_has_cue(v, h, CODE_CUE_SPEECH);
        mod = child_markers(v, x, reported, mod, cb, ce);
        if (r == SYN_REL_CCOMP && h != UINT32_MAX && code_view_has_cue(v, h, CODE_CUE_ALLEGED) &&
            mod_rank(CODE_MOD_ALLEGED) > mod_rank(mod)) {
            /* "denied that its troops had entered Turkey": the complement
             * of a denial or an accusation is a claim, not a fact */
            mod = CODE_MOD_ALLEGED;
            *cb = h;
            *ce = h + 1;
        }
        if (r != SYN_REL_XCOMP && r != SYN_REL_ADVCL && r != SYN_REL_OBL && r != SYN_REL_CONJ)
            break;
        if (r == SYN_REL_CONJ)
            mod = shared_infinitive(v, h, mod, cb, ce);
        x = h;
    }
    return mod;
}

/* Contract in code_modality.h. */
int code_modality_read(const code_view *v, uint32_t cs, uint32_t w, uint32_t bound, int form,
                       int *oblig, uint32_t *cb, uint32_t *ce)
{
    DY_ASSERT(w >= v->s.tb && w < v->s.te);
    *cb = *ce = 0;
    int mod = cue_modality(v, cs, w, bound, cb, ce, oblig, form);
    if (v->s.tree)
        mod = syntax_modality(v, w, mod, cb, ce);
    return mod;
}

/* Contract in code_modality.h. */
const char *code_modality_derive(const code_view *v, int *mod, uint32_t cb, uint32_t ce,
                                 uint32_t bound, const char *code)
{
    if (*mod == CODE_MOD_NEGATED &&
        refusal(v, cb, ce, code_mod_speech_opener(v, bound) != UINT32_MAX)) {
        const char *rc = code_policy_derive(CODE_DERIVE_REFUSAL, code);
        if (rc)
            *mod = CODE_MOD_ASSERTED;
        return rc;
    }
    /* "rebels tried to storm the parliament": force attempted is force
     * used (roots 17 to 20); an attempt at anything else stays a plan */
    if (*mod == CODE_MOD_FUTURE && ce == cb + 1 && cb > v->s.tb &&
        is_to(v, cb) && code_view_has_cue(v, cb - 1, CODE_CUE_ATTEMPT) &&
        code[0] == '1' && code[1] >= '7') {
        *mod = CODE_MOD_ASSERTED;
        return NULL;
    }
    if (*mod == CODE_MOD_FUTURE) {
        const char *ic = code_policy_derive(CODE_DERIVE_INTENT, code);
        return ic ? ic : code_policy_derive(CODE_DERIVE_THREAT, code);
    }
    return NULL;
}

/* Contract in code_modality.h. */
int code_modality_kept(int mod, const char *code, const char *written, int parsed)
{
    /* Intents (03x) and threats (13x) that the coder derived are statements
     * the actor made: they are written like asserted events ... */
    int derived = strcmp(written, code) != 0;
    /* ... but an intent that did not come about ("have not agreed on"),
     * or might, is not written as one. */
    return mod == CODE_MOD_ASSERTED ||
           (written[0] == '0' && written[1] == '3' && (mod == CODE_MOD_FUTURE || !parsed)) ||
           (derived && written[0] == '1' && written[1] == '3');
}
