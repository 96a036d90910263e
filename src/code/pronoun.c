/* pronoun.c - the coder's pronouns and their antecedents (code_pronoun.h;
 * docs/coder.md, "Pronouns"). */
#include "code/code_pronoun.h"

#include <stdint.h>
#include <string.h>

/* Is a person the dictionaries do not know named with a title ("Mr
 * Smith", cue kind honorific) between tokens a and b, outside the mentions
 * all[from..to)? Then "he" or "his" after it more likely means that person
 * than an actor of a sentence before a (the caller starts a at the sentence
 * after the actor's: in "Mandela backed Mr Brown's plan when he urged ...",
 * "he" is still the sentence's subject). */
static int unknown_person_between(const code_view *p, const dict_mention *all, size_t from,
                                  size_t to, uint32_t a, uint32_t b)
{
    const code_cue_mask mask = CODE_CUE_BIT(CODE_CUE_HONORIFIC);
    size_t k = from;
    for (uint32_t t = a; t + 1 < b; t++) {
        if (!code_cues_may_end(p->s.cues, mask, p->s.tk[t].hash) ||
            !(p->s.tk[t + 1].flags & TXT_TOK_CAP) ||
            !(code_cues_at(p->s.cues, p->s.tk, t, t, NULL) & mask))
            continue;
        while (k < to && all[k].tok_end <= t + 1)
            k++;
        if (k == to || all[k].tok_begin > t + 1)
            return 1;
    }
    return 0;
}

/* Does an earlier sentence's mention m come after a person pronoun that
 * opens its sentence ("She spoke about ... the current president,
 * Alexander Lukashenko. She asked for support")? Then that pronoun is who
 * the story follows, and m is no antecedent of the next "he" or "she":
 * the search goes on before it ("Merkel arrived. She met Putin. She
 * criticised him" is Merkel), and within its reach may find no one. */
static int pronoun_led(const code_view *p, const dict_mention *m)
{
    if (m->sent >= p->si)
        return 0;
    const txt_sentence *s = &p->an->sents[m->sent];
    const code_cue_mask kind = CODE_CUE_BIT(CODE_CUE_PRON_PERSON);
    for (uint32_t t = s->tok_begin; t < m->tok_begin && t < s->tok_begin + 3; t++)
        if (code_cues_may_end(p->s.cues, kind, p->s.tk[t].hash) &&
            (code_cues_at(p->s.cues, p->s.tk, t, t, NULL) & kind))
            return 1;
    return 0;
}

/* Is mention m a role noun in the plural ("Chinese officials", "Russian
 * forces")? Not an antecedent of "it". */
static int plural_agent(const code_view *p, const dict_mention *m)
{
    if (!(m->flags & DICT_M_AGENT) || (m->flags & DICT_M_PERSON))
        return 0;
    uint32_t last = m->tok_end - 1;
    if ((m->flags & DICT_M_POSSESSIVE) && last > m->tok_begin)
        last--;
    const txt_token *t = &p->s.tk[last];
    return t->norm_len > 3 && t->norm[t->norm_len - 1] == 's' && t->norm[t->norm_len - 2] != 's';
}

/* Does mention m (of any sentence of the document) follow a preposition of
 * setting, possibly with a determiner between ("in the U.K.", "at
 * Geneva")? */
static int in_setting(const code_view *p, const dict_mention *m)
{
    const code_cue_mask det = CODE_CUE_BIT(CODE_CUE_DETERMINER);
    const code_cue_mask prep = CODE_CUE_BIT(CODE_CUE_SETTING_PREP);
    uint32_t sb = p->an->sents[m->sent].tok_begin, q = m->tok_begin;
    if (q > sb && (code_cues_at(p->s.cues, p->s.tk, sb, q - 1, NULL) & det))
        q--;
    return q > sb && (code_cues_at(p->s.cues, p->s.tk, sb, q - 1, NULL) & prep);
}

/* One more mention m = all[i] (going back from limit) for a group pronoun
 * or description, with out[0..*n) found so far. Returns the final count
 * when m settles the answer, else SIZE_MAX: m was skipped or added to out
 * (*n counts it) and the search goes on. bare: the word is only a group
 * pronoun (no person or thing reading); strict: a pronoun proper ("they"),
 * not a description ("the two sides"). */
static size_t group_step(const code_view *p, const dict_mention *all, size_t i,
                         size_t limit, int bare, int strict, const dict_mention **out,
                         size_t cap, size_t *n)
{
    const dict_mention *m = &all[i];
    /* The last two different actors, or the whole last list. A country and
     * one of its own bodies are not two sides ("the two countries signed a
     * pact" are not the U.S. and its Congress); two bodies of one country
     * may be ("talks with the state government broke down, but the two
     * sides are to meet": the union and the government). */
    for (size_t k = 0; k < *n; k++)
        if (strcmp(out[k]->code, m->code) == 0 ||
            (strncmp(out[k]->code, m->code, 3) == 0 &&
             (strlen(out[k]->code) == 3 || strlen(m->code) == 3)))
            return SIZE_MAX;
    /* "sought support in the U.K., France and Italy": a list after a
     * preposition of setting is a set of places, not who "they" are
     * ("between Egypt and Israel" still is). */
    if (bare && m->list >= 0 && in_setting(p, &all[m->list]))
        return SIZE_MAX;
    if (bare && m->list >= 0 && *n == 0) {
        size_t got = 0;
        for (size_t k = (size_t)m->list; k < limit && got < cap; k++)
            if (all[k].list == m->list)
                out[got++] = &all[k];
        return got;
    }
    /* With a parse, "they" stands for the last list or the last group
     * ("Russian forces ... They attacked"): the last two actors named apart
     * are as often on two sides. "The two leaders", "both countries" do
     * mean two. */
    if (strict && *n == 0) {
        if (m->flags & DICT_M_AGENT) {
            out[0] = m;
            return 1;
        }
        if (!p->pair[0] || cap < 2)
            return 0;
        out[0] = p->pair[0];
        out[1] = p->pair[1];
        return 2;
    }
    out[(*n)++] = m;
    return *n == 2 ? *n : SIZE_MAX;
}

/* "Turkey criticized Sweden. It accused ...": a singular pronoun continues
 * the subject of its sentence. Of the mention all[i] that fits and those
 * before it in its sentence, the first fitting one that does not follow a
 * preposition, else all[i]. */
static const dict_mention *sentence_subject(const code_view *p, const dict_mention *all,
                                            size_t i, int person, int thing)
{
    const dict_mention *m = &all[i], *pick = m;
    for (size_t k = i; k-- > 0 && all[k].sent == m->sent;) {
        const dict_mention *o = &all[k];
        if ((o->flags & (DICT_M_ADJ | DICT_M_BARE_AGENT)) ||
            (person && !(o->flags & (DICT_M_PERSON | DICT_M_AGENT))) ||
            (thing && (o->flags & DICT_M_PERSON)) || (thing && plural_agent(p, o)))
            continue;
        uint32_t pre = o->tok_begin;
        int prep = pre > p->an->sents[o->sent].tok_begin &&
                   ((code_cues_at(p->s.cues, p->s.tk, 0, pre - 1, NULL) >>
                     CODE_CUE_PREPOSITION) & 1u);
        if (!prep)
            pick = o;
    }
    return pick;
}

/* Contract in code_pronoun.h. all[0..limit) are the mentions before the
 * pronoun at token j, searched from the last back. */
size_t code_pronoun_resolve(const code_view *p, uint32_t cs, uint32_t v,
                            const dict_mention *all, size_t first_in_sent,
                            const dict_mention **out, size_t cap)
{
    for (uint32_t j = cs; j < v && j < cs + 6; j++) {
        code_cue_mask mk = code_view_cues_at(p, j);
        int person = (mk >> CODE_CUE_PRON_PERSON) & 1u;
        int group = (mk >> CODE_CUE_PRON_GROUP) & 1u;
        int thing = (mk >> CODE_CUE_PRON_THING) & 1u;
        if (!person && !group && !thing)
            continue;
        /* a pronoun proper ("they"), not a description ("the two sides") */
        int strict = group && p->s.tree && p->cstart[j - p->s.tb][CODE_CUE_PRON_GROUP] == j &&
                     p->s.tree->upos[j - p->s.tb] == SYN_PRON;
        size_t limit = first_in_sent;
        for (size_t q = 0; q < p->s.nm; q++)
            if (p->s.ms[q].tok_end <= j)
                limit = first_in_sent + q + 1;
        size_t n = 0;
        for (size_t i = limit; i-- > 0 && n < cap;) {
            const dict_mention *m = &all[i];
            /* An antecedent more than two sentences back is a guess: a
             * news paragraph moves on (measured on the real-news articles). */
            if (m->sent + 2 < p->si)
                break;
            /* Adjectives, role nouns with no country and places ("in
             * Ohio") are no antecedents of "he", "it" or "they". */
            if (m->flags & (DICT_M_ADJ | DICT_M_BARE_AGENT | DICT_M_LOCALITY))
                continue;
            if (person && !(m->flags & (DICT_M_PERSON | DICT_M_AGENT)))
                continue;
            if (thing && (m->flags & DICT_M_PERSON))
                continue;
            if (person && !group && pronoun_led(p, m))
                continue;
            if ((thing || person) && !group && plural_agent(p, m))
                continue; /* "Chinese officials confirmed it has killed three";
                             "promised by the British authorities ... he
                             says" is not they */
            if (person && !group && m->sent + 1 < p->an->nsent &&
                unknown_person_between(p, all, i + 1, limit,
                                       p->an->sents[m->sent + 1].tok_begin, j))
                return 0;
            if (group) {
                size_t got = group_step(p, all, i, limit, person == 0 && thing == 0, strict,
                                        out, cap, &n);
                if (got != SIZE_MAX)
                    return got;
                continue;
            }
            out[0] = sentence_subject(p, all, i, person, thing);
            return 1;
        }
        return n;
    }
    return 0;
}

/* Contract in code_pronoun.h. */
int code_pronoun_speaker(const code_view *p, uint32_t v, int32_t pron, int32_t *spk)
{
    if (pron < 0 || code_view_has_cue(p, (uint32_t)pron, CODE_CUE_PRON_GROUP) ||
        !(code_view_has_cue(p, (uint32_t)pron, CODE_CUE_PRON_THING) ||
          code_view_has_cue(p, (uint32_t)pron, CODE_CUE_PRON_PERSON)))
        return 0;
    /* Up the tree from v, through xcomp and conj, to the ccomp of a verb
     * of saying. */
    uint32_t t = v, h;
    for (uint32_t steps = 0; steps < 4; steps++, t = h) {
        h = code_syntax_head(&p->s, t);
        if (h == UINT32_MAX)
            return 0;
        if (code_syntax_rel(&p->s, t) == SYN_REL_CCOMP &&
            code_view_has_cue(p, h, CODE_CUE_SPEECH))
            break;
        if (code_syntax_rel(&p->s, t) != SYN_REL_XCOMP && code_syntax_rel(&p->s, t) != SYN_REL_CONJ)
            return 0;
    }
    if (h == UINT32_MAX || h >= (uint32_t)pron)
        return 0;
    /* The speaker: the first subject of the verb of saying. */
    for (uint32_t u = p->s.tb; u < h; u++) {
        if (code_syntax_head(&p->s, u) != h || code_syntax_rel(&p->s, u) != SYN_REL_NSUBJ)
            continue;
        int32_t mi = p->s.mcover[u - p->s.tb];
        if (mi >= 0 && code_view_has_cue(p, (uint32_t)pron, CODE_CUE_PRON_THING) &&
            plural_agent(p, &p->s.ms[mi])) {
            /* "Chinese officials confirmed it has killed three": "it" is
             * not the officials, and nothing safer is at hand */
            *spk = -1;
            return 1;
        }
        if (mi >= 0 && !(p->s.ms[mi].flags & (DICT_M_BARE_AGENT | DICT_M_ADJ))) {
            *spk = mi;
            return 1;
        }
        if (mi < 0 && p->s.tree->upos[u - p->s.tb] == SYN_PROPN) {
            *spk = -1;
            return 1;
        }
        return 0;
    }
    return 0;
}
