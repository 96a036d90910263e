/* args.c - the arguments of an event word from the dependency tree
 * (code_syntax.h). Word classes that decide here (target prepositions,
 * light verbs, relative pronouns) come from data/coder/cues.txt, through
 * the cue table the caller's sentence view carries. */
#include "code/code_syntax.h"

#include <assert.h>
#include <string.h>

static const char *const arg_names[CODE_ARG_KINDS] = {
    "", "nsubj", "nsubj:pass", "obl:agent", "obj", "iobj", "obl", "nsubj of xcomp head",
    "nsubj of conj head", "acl:relcl head", "nmod:poss", "amod/compound", "nmod",
    "nsubj of light verb", "ccomp/xcomp argument", "dependent",
    "pattern; nsubj of occurrence verb or presupposing obl"};

const char *code_arg_name(int how)
{
    return how > 0 && how < CODE_ARG_KINDS ? arg_names[how] : "";
}

/* ---- the tree as document tokens --------------------------------------- */

int code_syntax_rel(const code_sent *s, uint32_t t)
{
    assert(t >= s->tb && t < s->te);
    return s->tree->rel[t - s->tb];
}

uint32_t code_syntax_head(const code_sent *s, uint32_t t)
{
    assert(t >= s->tb && t < s->te);
    int32_t h = s->tree->head[t - s->tb];
    return h < 0 ? UINT32_MAX : s->tb + (uint32_t)h;
}

static int upos(const code_sent *s, uint32_t t) { return s->tree->upos[t - s->tb]; }

/* The first child of h with relation rel (universal part when universal),
 * after token `after` (document index; use h's sentence start - 1 for
 * any); UINT32_MAX when none. */
static uint32_t child(const code_sent *s, uint32_t h, int rel, int universal)
{
    for (uint32_t t = s->tb; t < s->te; t++) {
        if (code_syntax_head(s, t) != h)
            continue;
        int r = code_syntax_rel(s, t);
        if (r == rel || (universal && syn_rel_universal(r) == rel))
            return t;
    }
    return UINT32_MAX;
}

/* The subject (rel: nsubj or nsubj:pass) of v, or UINT32_MAX. A phrase
 * with a preposition of its own ("On Friday in Peru, ... was sentenced")
 * is an oblique the parser took for the subject: no subject. */
static uint32_t subject_child(const code_sent *s, uint32_t v, int rel)
{
    uint32_t t = child(s, v, rel, 0);
    if (t == UINT32_MAX)
        return t;
    /* a preposition before the head; not the possessive "'s", which UD
     * also marks case */
    for (uint32_t c = s->tb; c < t; c++)
        if (code_syntax_head(s, c) == t && code_syntax_rel(s, c) == SYN_REL_CASE &&
            upos(s, c) == SYN_ADP)
            return UINT32_MAX;
    return t;
}

static int32_t cover(const code_sent *s, uint32_t t)
{
    return t >= s->tb && t < s->te ? s->mcover[t - s->tb] : -1;
}

/* Does the cue table put a form of this kind at token t alone? */
static int cue_word(const code_sent *s, uint32_t t, int kind)
{
    code_cue_mask mask = code_cues_at(s->cues, s->tk, t, t, NULL);
    return (mask >> kind) & 1u;
}

/* ---- phrases to mentions ------------------------------------------------ */

/* Relations along which a mention still names the phrase's actor: "the
 * Russian army", "Iran's foreign minister", "the government of Iraq",
 * "President Putin". */
static int naming_rel(int r)
{
    switch (r) {
    case SYN_REL_COMPOUND:
    case SYN_REL_AMOD:
    case SYN_REL_NMOD_POSS:
    case SYN_REL_FLAT:
    case SYN_REL_NMOD:
    case SYN_REL_APPOS:
        return 1;
    default:
        return 0;
    }
}

/* Preference among naming relations: the possessor and the modifiers name
 * the actor before an "of" phrase does. */
static int naming_rank(int r)
{
    return r == SYN_REL_NMOD_POSS ? 0 : r == SYN_REL_COMPOUND || r == SYN_REL_FLAT ? 1
                                     : r == SYN_REL_AMOD                         ? 2
                                     : r == SYN_REL_APPOS                        ? 3
                                                                                 : 4;
}

static int32_t phrase_at(const code_sent *s, uint32_t h, int depth)
{
    int32_t m = cover(s, h);
    if (m >= 0)
        return m;
    if (depth == 0)
        return -1;
    /* "A few members of the Russian delegation" would go too deep; two
     * levels are kept: "the leaders of Iran", "officials of Iran's army". */
    for (int rank = 0; rank <= 4; rank++) {
        for (uint32_t t = s->tb; t < s->te; t++) {
            if (code_syntax_head(s, t) != h)
                continue;
            int r = code_syntax_rel(s, t);
            if (!naming_rel(r) || naming_rank(r) != rank)
                continue;
            if (r == SYN_REL_NMOD) {
                /* "the leaders of Iran", "officials in Tehran", not "the
                 * envoy to Iran" (cue kind naming-preposition) */
                uint32_t c = child(s, t, SYN_REL_CASE, 0);
                if (c != UINT32_MAX && !cue_word(s, c, CODE_CUE_NAMING_PREP))
                    continue; /* (no preposition: a title, "President Xi") */
            }
            int32_t x = phrase_at(s, t, depth - 1);
            if (x >= 0)
                return x;
        }
    }
    return -1;
}

int32_t code_phrase_mention(const code_sent *s, uint32_t h)
{
    if (h < s->tb || h >= s->te)
        return -1;
    return phrase_at(s, h, 2);
}

/* ---- verbs -------------------------------------------------------------- */

int code_syntax_passive(const code_sent *s, uint32_t v)
{
    return child(s, v, SYN_REL_NSUBJ_PASS, 0) != UINT32_MAX ||
           child(s, v, SYN_REL_AUX_PASS, 0) != UINT32_MAX;
}

static int is_pronoun(const code_sent *s, uint32_t t)
{
    return upos(s, t) == SYN_PRON;
}

/* Does a description that points back ("the country", "both sides"; cue
 * kinds pronoun-*) end at token t? */
static int pointing(const code_sent *s, uint32_t t)
{
    code_cue_mask kinds = CODE_CUE_BIT(CODE_CUE_PRON_PERSON) | CODE_CUE_BIT(CODE_CUE_PRON_GROUP) |
                          CODE_CUE_BIT(CODE_CUE_PRON_THING);
    return (code_cues_at(s->cues, s->tk, s->tb, t, NULL) & kinds) != 0;
}

/* A participle or an infinitive: a verb form with no subject of its own. */
static int nonfinite(const code_sent *s, uint32_t v)
{
    int x = s->tree->xpos[v - s->tb];
    return x == SYN_XPOS_VBG || x == SYN_XPOS_VBN || x == SYN_XPOS_VB;
}

/* "it was wrong to put China under an embargo", "it is time to talk":
 * "it" as the subject of a judging predicate (cue kind impersonal) with a
 * copula (h), reached from the predicate's infinitive, stands for that
 * infinitive, not for an actor: the infinitive has no subject. "It was
 * ready to talk" keeps its "it" (a readiness is an actor's). */
static int expletive_it(const code_sent *s, uint32_t h, uint32_t subj)
{
    return cue_word(s, h, CODE_CUE_IMPERSONAL) && child(s, h, SYN_REL_COP, 0) != UINT32_MAX &&
           is_pronoun(s, subj) && cue_word(s, subj, CODE_CUE_PRON_THING);
}

/* Is v the complement of a verb of saying whose subject names an actor
 * ("Syria says ...")? */
static int said_by_actor(const code_sent *s, uint32_t v)
{
    uint32_t h = code_syntax_head(s, v);
    if (h == UINT32_MAX || code_syntax_rel(s, v) != SYN_REL_CCOMP || !cue_word(s, h, CODE_CUE_SPEECH))
        return 0;
    uint32_t sp = child(s, h, SYN_REL_NSUBJ, 0);
    return sp != UINT32_MAX && code_phrase_mention(s, sp) >= 0;
}

/* The subject token of verb v, following control, coordination and
 * relative clauses; sets *how. UINT32_MAX when none. */
/* "Before visiting Israel, Mr Blair made a visit to Iraq", parsed with
 * Israel as the subject and Blair coordinated with it (or as a second
 * subject): a subject right after the participle of a clause fronted to v
 * (advcl) is that participle's object, and the subject is the one after
 * the comma.
 * Returns the subject to use (subj when the parse is not of that shape). */
static uint32_t past_fronted_object(const code_sent *s, uint32_t v, uint32_t subj)
{
    uint32_t p = subj;
    if (p > s->tb && upos(s, p - 1) == SYN_DET)
        p--;
    if (p == s->tb)
        return subj;
    p--;
    int x = s->tree->xpos[p - s->tb];
    if (upos(s, p) != SYN_VERB || (x != SYN_XPOS_VBG && x != SYN_XPOS_VBN) ||
        code_syntax_head(s, p) != v || code_syntax_rel(s, p) != SYN_REL_ADVCL)
        return subj;
    /* the conjunct, or a second subject the parser gave v */
    uint32_t c = child(s, subj, SYN_REL_CONJ, 0);
    for (uint32_t t = subj + 1; c == UINT32_MAX && t < s->te; t++)
        if (code_syntax_head(s, t) == v && code_syntax_rel(s, t) == SYN_REL_NSUBJ)
            c = t;
    if (c == UINT32_MAX)
        return subj;
    for (uint32_t t = subj + 1; t < c; t++)
        if (s->tk[t].norm_len == 1 && s->tk[t].norm[0] == ',')
            return c;
    return subj;
}

static uint32_t subject_of(const code_sent *s, uint32_t v, int *how)
{
    for (int hops = 0; hops < 4; hops++) {
        uint32_t subj = subject_child(s, v, SYN_REL_NSUBJ);
        /* "Syria says it is willing to withdraw", with "it" parsed as an
         * expletive: before an adjective that takes a person ("willing",
         * "ready"; not "it is important to") in what a named actor says,
         * "it" is the subject (the speaker) */
        if (subj == UINT32_MAX && hops > 0 && !cue_word(s, v, CODE_CUE_IMPERSONAL) &&
            (subj = child(s, v, SYN_REL_EXPL, 0)) != UINT32_MAX &&
            !(is_pronoun(s, subj) && cue_word(s, subj, CODE_CUE_PRON_THING) &&
              said_by_actor(s, v)))
            subj = UINT32_MAX;
        /* "Saudi Arabia is expected to restore relations": the controller
         * of a passive is its passive subject; but "China was invited to
         * attend", "Iran was urged to stop" (cue kind directive) report a
         * request of someone else's, not an act or intent of the subject. */
        if (subj == UINT32_MAX && hops > 0) {
            subj = subject_child(s, v, SYN_REL_NSUBJ_PASS);
            if (subj != UINT32_MAX && cue_word(s, v, CODE_CUE_DIRECTIVE))
                return UINT32_MAX;
        }
        if (subj != UINT32_MAX && hops > 0 && expletive_it(s, v, subj))
            return UINT32_MAX;
        if (subj != UINT32_MAX)
            subj = past_fronted_object(s, v, subj);
        if (subj != UINT32_MAX) {
            if (cue_word(s, subj, CODE_CUE_RELATIVE) && code_syntax_rel(s, v) == SYN_REL_ACL_RELCL) {
                *how = CODE_ARG_RELCL;
                /* "..., but Turkey, which occupies northern Cyprus": the
                 * name right before ", which" is what the clause is about,
                 * wherever the parser hung it */
                if (subj >= s->tb + 2 && s->tk[subj - 1].norm_len == 1 &&
                    s->tk[subj - 1].norm[0] == ',' && cover(s, subj - 2) >= 0)
                    return subj - 2;
                return code_syntax_head(s, v);
            }
            if (*how == CODE_ARG_NONE)
                *how = CODE_ARG_NSUBJ;
            return subj;
        }
        int r = code_syntax_rel(s, v);
        uint32_t h = code_syntax_head(s, v);
        if (h == UINT32_MAX)
            return UINT32_MAX;
        /* "Oxfam Canada today called on ...", parsed with the verb as a
         * clause on the day word: the subject is what the day hangs from */
        if (hops == 0 && (r == SYN_REL_ACL || r == SYN_REL_ACL_RELCL) && cue_word(s, h, CODE_CUE_DAY) &&
            code_syntax_head(s, h) != UINT32_MAX && h > s->tb && code_syntax_head(s, h) < h &&
            (upos(s, code_syntax_head(s, h)) == SYN_PROPN || upos(s, code_syntax_head(s, h)) == SYN_NOUN)) {
            *how = CODE_ARG_NSUBJ;
            return code_syntax_head(s, h);
        }
        if (r == SYN_REL_XCOMP) {
            /* "agreed to meet": the controller is the subject, unless the
             * verb asks or lets its object ("urged Iran to stop", cue kind
             * directive); "met Berlusconi to talk" is the subject's
             * purpose. */
            uint32_t o = child(s, h, SYN_REL_OBJ, 0);
            if (o != UINT32_MAX && cue_word(s, h, CODE_CUE_DIRECTIVE)) {
                *how = CODE_ARG_CONTROL;
                return o;
            }
            *how = CODE_ARG_CONTROL;
        } else if (r == SYN_REL_CONJ && (upos(s, h) == SYN_VERB || upos(s, h) == SYN_AUX)) {
            *how = CODE_ARG_CONJ;
        } else if (r == SYN_REL_ACL && nonfinite(s, v) && upos(s, h) == SYN_NOUN &&
                   code_syntax_rel(s, h) == SYN_REL_OBJ && code_syntax_head(s, h) != UINT32_MAX &&
                   cue_word(s, code_syntax_head(s, h), CODE_CUE_ISSUING)) {
            /* "the PKK issued a declaration demanding that ...", "signed a
             * letter urging ...": the statement's words are its issuer's */
            *how = CODE_ARG_CONTROL;
            h = code_syntax_head(s, h);
        } else if ((r == SYN_REL_ADVCL || r == SYN_REL_OBL) && nonfinite(s, v) &&
                   (upos(s, h) == SYN_VERB || upos(s, h) == SYN_AUX || upos(s, h) == SYN_ADJ)) {
            /* "blamed Iran, committing to send troops", "allied with the
             * Kurds in fighting ISIS": a participle with no subject of its
             * own shares its clause's. */
            *how = CODE_ARG_CONTROL;
        } else {
            return UINT32_MAX;
        }
        v = h;
    }
    return UINT32_MAX;
}

/* The agent of a passive v: its obl:agent, or an oblique with "by" (the
 * parser often leaves the subtype out). UINT32_MAX when none. */
static uint32_t agent_of(const code_sent *s, uint32_t v)
{
    uint32_t ag = child(s, v, SYN_REL_OBL_AGENT, 0);
    if (ag != UINT32_MAX)
        return ag;
    /* "by" phrases under the verb, or one level down where the parser hung
     * them on the oblique before ("imposed on Belarus by Canada"). */
    for (int depth = 0; depth < 2; depth++) {
        for (uint32_t t = s->tb; t < s->te; t++) {
            uint32_t h = code_syntax_head(s, t);
            if (depth == 1 && h != UINT32_MAX) {
                /* only under an oblique or object, never under the
                 * passive subject ("the attack by Hamas was condemned") */
                int hr = syn_rel_universal(code_syntax_rel(s, h));
                if (hr != SYN_REL_OBL && hr != SYN_REL_OBJ && hr != SYN_REL_NMOD)
                    continue;
                h = code_syntax_head(s, h);
            }
            int r = syn_rel_universal(code_syntax_rel(s, t));
            if (h != v || (r != SYN_REL_OBL && r != SYN_REL_OBJ && r != SYN_REL_NMOD))
                continue;
            uint32_t c = child(s, t, SYN_REL_CASE, 0);
            if (c != UINT32_MAX && cue_word(s, c, CODE_CUE_AGENT_PREP))
                return t;
        }
    }
    return UINT32_MAX;
}

/* The oblique of active verb v with an agent preposition ("by") that
 * follows its object o with nothing but o's own words between: the
 * parser's attachment of the object's "by" phrase to the verb. UINT32_MAX
 * when none. */
static uint32_t by_after(const code_sent *s, uint32_t v, uint32_t o)
{
    uint32_t end = o + 1;
    while (end < s->te && code_syntax_head(s, end) == o)
        end++;
    for (uint32_t t = end; t < s->te; t++) {
        if (code_syntax_head(s, t) != v || syn_rel_universal(code_syntax_rel(s, t)) != SYN_REL_OBL)
            continue;
        uint32_t c = child(s, t, SYN_REL_CASE, 0);
        return c == end && cue_word(s, c, CODE_CUE_AGENT_PREP) ? t : UINT32_MAX;
    }
    return UINT32_MAX;
}

/* The first child of h related by rel (universal when universal) whose
 * preposition marks a target and that names an actor other than avoid. */
static int32_t marked_child(const code_sent *s, uint32_t h, int rel, int32_t avoid, uint32_t *tok)
{
    for (uint32_t t = s->tb; t < s->te; t++) {
        if (code_syntax_head(s, t) != h || syn_rel_universal(code_syntax_rel(s, t)) != rel)
            continue;
        uint32_t c = child(s, t, SYN_REL_CASE, 0);
        int32_t m;
        if (c != UINT32_MAX && cue_word(s, c, CODE_CUE_TARGET_PREP) &&
            (m = code_phrase_mention(s, t)) >= 0 && m != avoid) {
            *tok = t;
            return m;
        }
    }
    return -1;
}

/* Contract in code_syntax.h. The object's own phrase comes first ("cut
 * ties with Israel over the war in Gaza": Israel), then the obliques. */
int32_t code_syntax_oblique(const code_sent *s, uint32_t v, int32_t avoid, uint32_t *tok)
{
    uint32_t o = child(s, v, SYN_REL_OBJ, 0);
    int32_t m;
    if (o != UINT32_MAX && (m = marked_child(s, o, SYN_REL_NMOD, avoid, tok)) >= 0)
        return m;
    for (uint32_t t = s->tb; t < s->te; t++) {
        if (code_syntax_head(s, t) != v)
            continue;
        int r = code_syntax_rel(s, t);
        /* An object with a preposition of its own is an oblique the parser
         * misread ("imposed on North Korea"). */
        if (r != SYN_REL_OBL && r != SYN_REL_NMOD && r != SYN_REL_OBJ)
            continue;
        uint32_t c = child(s, t, SYN_REL_CASE, 0);
        if (c == UINT32_MAX || !cue_word(s, c, CODE_CUE_TARGET_PREP))
            continue;
        /* "On Friday in Pakistan, ... was sentenced": a day is when, and
         * what hangs off it where */
        if (cue_word(s, t, CODE_CUE_DAY))
            continue;
        int32_t x = code_phrase_mention(s, t);
        if (x >= 0 && x != avoid) {
            *tok = t;
            return x;
        }
    }
/* One level down: "provided $5.5 billion in aid to Ukraine" (the aid's
     * "to" phrase). */
    for (uint32_t t = s->tb; t < s->te; t++) {
        if (code_syntax_head(s, t) != v)
            continue;
        int r = code_syntax_rel(s, t);
        if (r != SYN_REL_OBL && r != SYN_REL_OBJ)
            continue;
        for (uint32_t u = s->tb; u < s->te; u++) {
            if (code_syntax_head(s, u) != t || code_syntax_rel(s, u) != SYN_REL_NMOD)
                continue;
            uint32_t c = child(s, u, SYN_REL_CASE, 0);
            int32_t x;
            /* (but "300 million dollars in aid from Japan": there "from"
             * says where the thing comes from, not where it goes) */
            if (c != UINT32_MAX && cue_word(s, c, CODE_CUE_TARGET_PREP) &&
                strcmp(s->tk[c].norm, "from") != 0 && (x = cover(s, u)) >= 0 && x != avoid) {
                *tok = u;
                return x;
            }
        }
    }
    return -1;
}

/* The actor a complement clause headed by c is about: its subject (when
 * subj: an infinitive's subject is the controller's own), else its object,
 * else its first oblique naming one. */
static int32_t complement_actor(const code_sent *s, uint32_t c, int32_t avoid, int subj,
                                 uint32_t *tok)
{
    /* (an xcomp noun is mostly an object the parser misread) */
    static const int rels[] = {SYN_REL_NSUBJ, SYN_REL_NSUBJ_PASS, SYN_REL_OBJ, SYN_REL_IOBJ,
                               SYN_REL_XCOMP};
    for (size_t i = subj ? 0 : 2; i < sizeof rels / sizeof *rels; i++) {
        uint32_t t = child(s, c, rels[i], 0);
        int32_t m;
        /* "its troops": the speaker's own, not whom the clause is about */
        uint32_t poss = t == UINT32_MAX ? UINT32_MAX : child(s, t, SYN_REL_NMOD_POSS, 0);
        if (poss != UINT32_MAX && is_pronoun(s, poss))
            continue;
        if (t != UINT32_MAX && (m = code_phrase_mention(s, t)) >= 0 && m != avoid) {
            *tok = t;
            return m;
        }
    }
    if (cover(s, c) >= 0 && cover(s, c) != avoid) { /* "said it was Iran" */
        *tok = c;
        return cover(s, c);
    }
    int32_t m = code_syntax_oblique(s, c, avoid, tok);
    /* "said he was confident that the United States would remove the
     * irritants": an adjective of attitude is about the clause it governs */
    uint32_t inner = child(s, c, SYN_REL_CCOMP, 0);
    if (m < 0 && subj && upos(s, c) == SYN_ADJ && inner != UINT32_MAX)
        m = complement_actor(s, inner, avoid, 1, tok);
    return m;
}

/* "The United States and France, backed by the IMF, want ...": a
 * participle set off by a comma with a "by" phrase right after it qualifies
 * the noun before the comma, whatever subject the parser gave it (the
 * noun is what was backed, the "by" phrase who backed it). */
static int reduced_relative(const code_sent *s, uint32_t v)
{
    int x = s->tree->xpos[v - s->tb];
    /* (the tagger often calls it a past tense there) */
    return v > s->tb && v + 1 < s->te && (x == SYN_XPOS_VBN || x == SYN_XPOS_VBD) &&
           s->tk[v - 1].norm_len == 1 && s->tk[v - 1].norm[0] == ',' &&
           cue_word(s, v + 1, CODE_CUE_AGENT_PREP) && child(s, v, SYN_REL_NSUBJ, 0) != UINT32_MAX;
}

static void verb_args(const code_sent *s, uint32_t v, code_args *a)
{
    /* A participle with a "by" phrase and no subject of its own is a
     * passive the parser did not label; "has condemned the attack by
     * Hamas" has its subject, and is active. */
    int reduced = reduced_relative(s, v);
    a->passive = code_syntax_passive(s, v) || reduced ||
                 (s->tree->xpos[v - s->tb] == SYN_XPOS_VBN &&
                  child(s, v, SYN_REL_NSUBJ, 0) == UINT32_MAX && agent_of(s, v) != UINT32_MAX);
    if (a->passive) {
        uint32_t ag = agent_of(s, v);
        if (ag != UINT32_MAX && (a->src = code_phrase_mention(s, ag)) >= 0) {
            a->src_how = CODE_ARG_AGENT;
            a->src_tok = (int32_t)ag;
        }
        uint32_t ps = subject_child(s, v, reduced ? SYN_REL_NSUBJ : SYN_REL_NSUBJ_PASS);
        if (ps == UINT32_MAX && code_syntax_rel(s, v) == SYN_REL_ACL &&
            code_syntax_head(s, v) != UINT32_MAX)
            ps = code_syntax_head(s, v); /* "the diplomats expelled by ..." */
        if (ps == UINT32_MAX && code_syntax_rel(s, v) == SYN_REL_CONJ) {
            /* "Turkey is under sanctions and was condemned by ...": the
             * subject of the first conjunct. */
            int how = CODE_ARG_NONE;
            ps = subject_of(s, code_syntax_head(s, v), &how);
        }
        if (ps != UINT32_MAX && (a->tgt = code_phrase_mention(s, ps)) >= 0 && a->tgt != a->src) {
            a->tgt_how = CODE_ARG_NSUBJ_PASS;
            a->tgt_tok = (int32_t)ps;
            return;
        }
        /* "New sanctions were imposed on North Korea by ...": the subject
         * is the act's instrument, the oblique its target. */
        a->tgt = -1;
        uint32_t tok;
        if ((a->tgt = code_syntax_oblique(s, v, a->src, &tok)) >= 0) {
            a->tgt_how = CODE_ARG_OBL;
            a->tgt_tok = (int32_t)tok;
        }
        return;
    }
    int how = CODE_ARG_NONE;
    uint32_t subj = subject_of(s, v, &how);
    if (subj != UINT32_MAX) {
        a->src_tok = (int32_t)subj;
        a->src_how = how;
        a->src = code_phrase_mention(s, subj);
        if (a->src < 0 && pointing(s, subj))
            a->src_pronoun = 1;
    }
    uint32_t o = child(s, v, SYN_REL_OBJ, 0);
    if (o == UINT32_MAX) {
        /* "blamed Israel for the bombing" parsed as a bare noun phrase
         * modifying the verb (obl:unmarked, the treebank's "came home"):
         * a named actor in that slot is the object the parser missed. */
        o = child(s, v, SYN_REL_OBL_UNMARKED, 0);
        if (o != UINT32_MAX && child(s, o, SYN_REL_CASE, 0) != UINT32_MAX)
            o = UINT32_MAX;
    }
    if (o != UINT32_MAX && (a->tgt = code_phrase_mention(s, o)) >= 0 && a->tgt != a->src) {
        a->tgt_how = CODE_ARG_OBJ;
        a->tgt_tok = (int32_t)o;
        return;
    }
    a->tgt = -1;
    /* "rejected the statement by the Greek government", the "by" phrase
     * hung on the active verb: it names whose the object is. */
    uint32_t by = o == UINT32_MAX ? UINT32_MAX : by_after(s, v, o);
    if (by != UINT32_MAX && (a->tgt = code_phrase_mention(s, by)) >= 0 && a->tgt != a->src) {
        a->tgt_how = CODE_ARG_OBJ;
        a->tgt_tok = (int32_t)by;
        return;
    }
    a->tgt = -1;
    uint32_t io = child(s, v, SYN_REL_IOBJ, 0);
    if (io != UINT32_MAX && (a->tgt = code_phrase_mention(s, io)) >= 0 && a->tgt != a->src) {
        a->tgt_how = CODE_ARG_IOBJ;
        a->tgt_tok = (int32_t)io;
        return;
    }
    a->tgt = -1;
    uint32_t tok;
    if ((a->tgt = code_syntax_oblique(s, v, a->src, &tok)) >= 0) {
        a->tgt_how = CODE_ARG_OBL;
        a->tgt_tok = (int32_t)tok;
        return;
    }
    /* A verb of saying is about the actor its complement is about: "said
     * Iran had broken the deal", "claimed that the wall was part of
     * America's security". Any verb's infinitive or gerund complement
     * carries its target: "denied attacking Ukraine", "threatened to
     * strike Iran". */
    uint32_t comp = child(s, v, SYN_REL_CCOMP, 0);
    if (comp != UINT32_MAX && cue_word(s, v, CODE_CUE_SPEECH) &&
        (a->tgt = complement_actor(s, comp, a->src, 1, &tok)) >= 0) {
        a->tgt_how = CODE_ARG_COMP;
        a->tgt_tok = (int32_t)tok;
        return;
    }
    comp = child(s, v, SYN_REL_XCOMP, 0);
    if (comp != UINT32_MAX && (a->tgt = complement_actor(s, comp, a->src, 0, &tok)) >= 0) {
        a->tgt_how = CODE_ARG_COMP;
        a->tgt_tok = (int32_t)tok;
        return;
    }
    /* "rejected claims that its troops had attacked Armenia": the clause
     * of the object noun, when it says what the noun says (a content
     * clause); a relative clause only describes the object ("withdrew a
     * bill that would have allowed China to extradite suspects"), unless
     * the parser took a content clause's "that" for its mark. */
    if (o != UINT32_MAX) {
        comp = child(s, o, SYN_REL_ACL, 0);
        if (comp == UINT32_MAX)
            comp = child(s, o, SYN_REL_CCOMP, 0);
        if (comp == UINT32_MAX && (comp = child(s, o, SYN_REL_ACL_RELCL, 0)) != UINT32_MAX &&
            child(s, comp, SYN_REL_MARK, 0) == UINT32_MAX)
            comp = UINT32_MAX;
        if (comp != UINT32_MAX && (a->tgt = complement_actor(s, comp, a->src, 1, &tok)) >= 0) {
            a->tgt_how = CODE_ARG_COMP;
            a->tgt_tok = (int32_t)tok;
        }
    }
}

/* ---- nominal events ----------------------------------------------------- */

/* Is token h a verb of occurrence ("held", "began"), or the first word of
 * one ("took place")? */
static int occurrence(const code_sent *s, uint32_t h)
{
    if (cue_word(s, h, CODE_CUE_OCCURRENCE))
        return 1;
    return h + 1 < s->te &&
           ((code_cues_at(s->cues, s->tk, h, h + 1, NULL) >> CODE_CUE_OCCURRENCE) & 1u);
}

static void noun_args(const code_sent *s, uint32_t v, code_args *a)
{
    /* Whose act: "Russia's invasion", "the Russian invasion", "US strikes". */
    static const int own[] = {SYN_REL_NMOD_POSS, SYN_REL_AMOD, SYN_REL_COMPOUND};
    for (size_t i = 0; i < sizeof own / sizeof *own && a->src < 0 && !a->src_pronoun; i++) {
        for (uint32_t t = s->tb; t < s->te && a->src < 0; t++) {
            if (code_syntax_head(s, t) != v || code_syntax_rel(s, t) != own[i])
                continue;
            int32_t m = cover(s, t);
            if (m >= 0 && !(s->ms[m].flags & DICT_M_LOCALITY)) {
                a->src = m;
                a->src_how = i == 0 ? CODE_ARG_POSS : CODE_ARG_MOD;
                a->src_tok = (int32_t)t;
            } else if (m < 0 && i == 0 && pointing(s, t)) {
                /* "their attack": whose, the document says */
                a->src_pronoun = 1;
                a->src_how = CODE_ARG_POSS;
                a->src_tok = (int32_t)t;
                break;
            }
        }
    }
    /* "held talks", "launched an attack": the light verb's subject acts. */
    uint32_t h = code_syntax_head(s, v);
    if (a->src < 0 && !a->src_pronoun && h != UINT32_MAX && code_syntax_rel(s, v) == SYN_REL_OBJ &&
        cue_word(s, h, CODE_CUE_LIGHT)) {
        int how = CODE_ARG_NONE;
        uint32_t subj = subject_of(s, h, &how);
        if (subj != UINT32_MAX) {
            a->src = code_phrase_mention(s, subj);
            a->src_how = CODE_ARG_LIGHT;
            a->src_tok = (int32_t)subj;
            if (a->src < 0 && pointing(s, subj))
                a->src_pronoun = 1;
        }
        /* "imposed sanctions on Iran": the light verb's oblique. */
        uint32_t tok;
        if ((a->tgt = code_syntax_oblique(s, h, a->src, &tok)) >= 0) {
            a->tgt_how = CODE_ARG_OBL;
            a->tgt_tok = (int32_t)tok;
        }
    }
    /* "The talks between India and Pakistan took place": the sentence says
     * the act happened; who took part, the noun's pattern says (the coder
     * takes them from it). */
    int r = code_syntax_rel(s, v);
    if (a->src < 0 && !a->src_pronoun && h != UINT32_MAX &&
        (r == SYN_REL_NSUBJ || r == SYN_REL_NSUBJ_PASS) && occurrence(s, h)) {
        a->src_how = CODE_ARG_OCCUR;
        return;
    }
    /* "During the meeting between Cyprus and Greece, ...": the phrase
     * presupposes the act, like a verb of occurrence (also when the parser
     * made the fronted phrase the root). */
    uint32_t c = child(s, v, SYN_REL_CASE, 0);
    if (a->src < 0 && !a->src_pronoun && c != UINT32_MAX &&
        (h == UINT32_MAX || syn_rel_universal(r) == SYN_REL_OBL) &&
        cue_word(s, c, CODE_CUE_PRESUPPOSING)) {
        a->src_how = CODE_ARG_OCCUR;
        return;
    }
    /* On whom: "talks with Iran", "attack on the embassy", "the invasion of
     * Kuwait". */
    uint32_t tok;
    int32_t m;
    if (a->tgt < 0 && (m = code_syntax_oblique(s, v, a->src, &tok)) >= 0) {
        a->tgt = m;
        a->tgt_how = CODE_ARG_NMOD;
        a->tgt_tok = (int32_t)tok;
    }
}

/* Contract in code_syntax.h. */
void code_syntax_args(const code_sent *s, uint32_t v, int noun, code_args *out)
{
    memset(out, 0, sizeof *out);
    out->src = out->tgt = -1;
    out->src_tok = out->tgt_tok = -1;
    if (noun)
        noun_args(s, v, out);
    else
        verb_args(s, v, out);
    if (out->src >= 0 && (s->ms[out->src].flags & DICT_M_LOCALITY)) {
        out->src = -1; /* a city is where things happen, never who acts */
        out->src_how = CODE_ARG_NONE;
        out->src_tok = -1;
    }
    if (out->src >= 0 && out->src == out->tgt)
        out->tgt = -1;
}
