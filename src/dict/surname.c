/* surname.c - later mentions of a person by surname alone (dict_internal.h:
 * dict_link_surnames).
 *
 * News names a person in full once, with a title or a description, and by
 * surname after that: "Greek Prime Minister Kyriakos Mitsotakis visited
 * Washington ... Mitsotakis criticised Turkey", "Labour MP Jane Doherty
 * ... Ms Doherty said". The dictionaries give a bare surname only when it
 * is distinctive in world news, and know nothing of the MP; within one
 * story the surname is that person. We link it only where that is safe: a
 * capitalised word standing alone (or after "Mr", "Ms", ...) after the
 * full mention, in a story that gives no one else the same surname. */
#include "dict/dict_internal.h"

#include "core/actor_code.h"
#include "core/arena.h"

#include <assert.h>
#include <string.h>

/* Most persons one story introduces that we follow. */
#define MAX_ALIASES 64
/* Longest name after a title we read as a person's ("Jane Doherty",
 * "Abdul Rashid Dostum"). */
#define MAX_NAME_WORDS 4

typedef struct alias {
    uint64_t surname;       /* token hash of the surname */
    uint64_t given;         /* token hash of the word before it, or 0 */
    uint32_t after;         /* first token where it may stand for the person */
    uint32_t at;            /* the surname's token in the full mention */
    const dict_mention *m;  /* the full mention whose identity it takes, or
                               NULL: a person we cannot code (a role without
                               a country), who only makes the surname
                               ambiguous */
    int ambiguous;          /* two persons of the story share the surname */
} alias;

/* Words that are capitalised in a name-like run but name no one: titles
 * and ranks ("police Chief Constable ..."), days, months, and function
 * words capitalised at a sentence's start. */
static int not_a_name(const txt_token *t)
{
    static const char *const words[] = {
        "the", "a", "an", "in", "on", "at", "of", "and", "or", "but", "for", "to", "by", "from",
        "with", "he", "she", "it", "they", "we", "i", "this", "that", "new", "former", "acting",
        "interim", "deputy", "vice", "chief", "general", "gen.", "colonel", "col.", "major",
        "captain", "capt.", "lieutenant", "lt.", "sergeant", "admiral", "commander", "minister",
        "secretary", "president", "premier", "chancellor", "director", "chairman", "chairwoman",
        "spokesman", "spokeswoman", "spokesperson", "governor", "senator", "sen.", "judge",
        "justice", "ambassador", "envoy", "sir", "lord", "lady", "dame", "king", "queen",
        "prince", "princess", "sheikh", "ayatollah", "imam", "pope", "cardinal", "bishop",
        "rev.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof.",
        "professor", "mp", "mep", "constable", "inspector", "superintendent", "officer",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "reuter", "reuters", "today", "yesterday",
        "tomorrow", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strcmp(t->norm, words[i]) == 0)
            return 1;
    return 0;
}

/* A word that may be part of a person's name as news writes it:
 * capitalised, not all capitals (headlines of wire copy are), no title. */
static int name_word(const txt_token *t)
{
    return (t->flags & TXT_TOK_WORD) && (t->flags & TXT_TOK_CAP) && !(t->flags & TXT_TOK_UPPER) &&
           !(t->flags & TXT_TOK_ABBR) && !not_a_name(t);
}

/* A courtesy title before a surname ("Mr Mallon", "Ms. Doherty"). */
static int courtesy_title(const txt_token *t)
{
    static const char *const titles[] = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss",
                                         "dr", "dr.", NULL};
    for (size_t i = 0; titles[i]; i++)
        if (strcmp(t->norm, titles[i]) == 0)
            return 1;
    return 0;
}

/* Is token t covered by a mention of ms[0..n)? *cur is a cursor over the
 * mentions that only moves forward (tokens are asked in order). */
static int covered(const dict_mention *ms, size_t n, size_t *cur, uint32_t t)
{
    while (*cur < n && ms[*cur].tok_end <= t)
        (*cur)++;
    return *cur < n && ms[*cur].tok_begin <= t;
}

/* Remember the surname at token t (given name before it, or 0) for the
 * identity of m (NULL: someone we cannot code); a second person with the
 * same surname makes it ambiguous. */
static void add_alias(const txt_analysis *an, alias *al, size_t *nal, uint32_t t, uint64_t given,
                      uint32_t after, const dict_mention *m)
{
    uint64_t h = an->toks[t].hash;
    for (size_t i = 0; i < *nal; i++) {
        alias *x = &al[i];
        if (x->surname != h)
            continue;
        /* a surname without a given name after a title ("ministers
         * Howard") is the person already named; the same full name is the
         * same person, coded as the text first could */
        if (!given)
            return;
        int differ = m && x->m && strcmp(x->m->code, m->code) != 0;
        if (x->given ? given != x->given || differ : differ || !m || !x->m)
            x->ambiguous = 1;
        else if (!x->m)
            x->m = m;
        return;
    }
    if (*nal < MAX_ALIASES)
        al[(*nal)++] = (alias){.surname = h, .given = given, .after = after, .at = t, .m = m};
}

/* The end of a run of name words starting at token b of sentence s (b
 * itself when none), at most MAX_NAME_WORDS long. */
static uint32_t name_run(const txt_analysis *an, const txt_sentence *s, uint32_t b)
{
    uint32_t e = b;
    while (e < s->tok_end && e - b < MAX_NAME_WORDS && name_word(&an->toks[e]))
        e++;
    /* a longer capitalised run is a title or an organisation, not a name */
    if (e < s->tok_end && e - b == MAX_NAME_WORDS && (an->toks[e].flags & TXT_TOK_CAP))
        return b;
    return e;
}

/* Can a role mention m lend its identity to a name? It must say whose
 * role it is (a country or an organisation), and be one actor. */
static int describes_person(const dict_mention *m)
{
    /* (a role lent the country of another mention of its sentence, not
     * the story's home, is a guess too weak to code all later mentions:
     * "Lib Dem leader Charles Kennedy said Iraq ..." is no Iraqi) */
    return m->entry && !(m->flags & DICT_M_BARE_AGENT) &&
           (m->flags & (DICT_M_INFERRED | DICT_M_HOME)) != DICT_M_INFERRED &&
           (dy_actor_is_state(m->code) || dy_actor_org_prefix(m->code)) &&
           !(m->flags & (DICT_M_ADJ | DICT_M_PLACE | DICT_M_LOCALITY | DICT_M_SEAT));
}

/* Is role mention m in the plural ("his lawyers, Volodymyr Zhukovskyy,
 * 23," is no lawyer)? Then it introduces no one. */
static int plural_role(const txt_analysis *an, const dict_mention *m)
{
    const txt_token *t = &an->toks[m->tok_end - 1];
    return t->norm_len > 3 && t->norm[t->norm_len - 1] == 's' && t->norm[t->norm_len - 2] != 's';
}

/* The given name before the last word of a name run [b, e), or 0. */
static uint64_t given_name(const txt_analysis *an, uint32_t b, uint32_t e)
{
    return e - b >= 2 ? an->toks[e - 2].hash : 0;
}

/* The surnames the story introduces, into al: the last word of a person
 * the dictionaries know by full name ("Kyriakos Mitsotakis"); the last
 * word of an unknown name right after a role ("Labour MP Jane Doherty",
 * "security minister Wiranto") or before ", a role" ("Dedi Prasetyo, a
 * police spokesman"). Returns the count. */
static size_t collect_aliases(const txt_analysis *an, const dict_mention *ms, size_t n, alias *al)
{
    const txt_token *tk = an->toks;
    size_t nal = 0;
    for (size_t i = 0; i < n; i++) {
        const dict_mention *m = &ms[i];
        const txt_sentence *s = &an->sents[m->sent];
        if (s->flags & TXT_SENT_HEADLINE)
            continue;
        uint32_t last = m->tok_end - 1 - ((m->flags & DICT_M_POSSESSIVE) && m->tok_end - 1 > m->tok_begin);
        if ((m->flags & DICT_M_PERSON) && last > m->tok_begin && name_word(&tk[last]) &&
            name_word(&tk[last - 1]) && !(tk[last].flags & TXT_TOK_HYPHEN) &&
            !(tk[last - 1].flags & TXT_TOK_HYPHEN)) {
            add_alias(an, al, &nal, last, tk[last - 1].hash, m->tok_end, m);
            continue;
        }
        if (!m->agent || (m->flags & DICT_M_POSSESSIVE) || plural_role(an, m))
            continue;
        /* "Labour MP Jane Doherty": the name right after the role; "the
         * Chilean foreign minister, Ana Rojas, ...": a full name between
         * commas */
        uint32_t b = m->tok_end, e = name_run(an, s, b);
        if (e == b && b + 1 < s->tok_end && strcmp(tk[b].norm, ",") == 0) {
            e = name_run(an, s, b + 1);
            if (e - (b + 1) >= 2 && (e == s->tok_end || strcmp(tk[e].norm, ",") == 0 ||
                                     strcmp(tk[e].norm, ".") == 0))
                b++;
            else
                e = b;
        }
        if (e > b && (i + 1 == n || ms[i + 1].sent != m->sent || ms[i + 1].tok_begin >= e))
            add_alias(an, al, &nal, e - 1, given_name(an, b, e), e, describes_person(m) ? m : NULL);
    }
    /* "Dedi Prasetyo, a spokesman for the national police": a full name
     * (two words or more) before a comma and a role. */
    for (size_t i = 0; i < n; i++) {
        const dict_mention *m = &ms[i];
        const txt_sentence *s = &an->sents[m->sent];
        uint32_t c = m->tok_begin;
        if (c > s->tok_begin && (tk[c - 1].flags & TXT_TOK_WORD) && !(tk[c - 1].flags & TXT_TOK_CAP))
            c--; /* "a", "the" */
        if (!m->agent || plural_role(an, m) || (s->flags & TXT_SENT_HEADLINE) || c < s->tok_begin + 3 ||
            strcmp(tk[c - 1].norm, ",") != 0)
            continue;
        uint32_t e = c - 1, b = e;
        while (b > s->tok_begin && e - b < MAX_NAME_WORDS && name_word(&tk[b - 1]))
            b--;
        int starts = b == s->tok_begin || !(tk[b - 1].flags & TXT_TOK_CAP);
        if (e - b >= 2 && starts && (i == 0 || ms[i - 1].sent != m->sent || ms[i - 1].tok_end <= b))
            add_alias(an, al, &nal, e - 1, given_name(an, b, e), m->tok_end,
                      describes_person(m) ? m : NULL);
    }
    return nal;
}

/* Words that open a sentence capitalised and name no one ("Later
 * Mitsotakis said"). */
static int opener(const txt_token *t)
{
    static const char *const words[] = {"later", "earlier", "then", "meanwhile", "also", "however",
                                        "but", "and", "yet", "still", "now", "so", "instead",
                                        "separately", "afterwards", "previously", "there", "here",
                                        "when", "while", "after", "before", "as", "if", "since",
                                        "although", "though", "because", "once", "speaking",
                                        "asked", "nevertheless", "indeed", "again", NULL};
    for (size_t i = 0; words[i]; i++)
        if (strcmp(t->norm, words[i]) == 0)
            return 1;
    return not_a_name(t);
}

/* How surname token t of sentence s stands: 1 alone (or after a title, a
 * day, a month, or a sentence's opening word), 2 after the alias's own
 * given name ("Jane Doherty" again, "Cavaco Silva" after "Anibal Cavaco
 * Silva"), -1 after another given name ("Paul Doherty" is someone else), 0
 * inside a longer name ("Doherty Street"). */
static int standing(const txt_analysis *an, const txt_sentence *s, const alias *x, uint32_t t)
{
    const txt_token *tk = an->toks;
    if (t + 1 < s->tok_end && (tk[t + 1].flags & TXT_TOK_WORD) && (tk[t + 1].flags & TXT_TOK_CAP))
        return 0;
    if (t == s->tok_begin || !(tk[t - 1].flags & TXT_TOK_WORD) || !(tk[t - 1].flags & TXT_TOK_CAP) ||
        not_a_name(&tk[t - 1]) || (t - 1 == s->tok_begin && opener(&tk[t - 1])))
        return 1;
    return x->given && tk[t - 1].hash == x->given ? 2 : -1;
}

/* The alias whose surname token t is, or NULL. */
static alias *alias_of(const txt_analysis *an, alias *al, size_t nal, uint32_t t)
{
    if (!name_word(&an->toks[t]))
        return NULL;
    for (size_t i = 0; i < nal; i++)
        if (al[i].surname == an->toks[t].hash)
            return &al[i];
    return NULL;
}

/* Mark ambiguous the surnames the story also gives another person ("Paul
 * Doherty" beside "Jane Doherty"), wherever he appears. */
static void mark_other_persons(const txt_analysis *an, alias *al, size_t nal)
{
    for (uint32_t si = 0; si < an->nsent; si++) {
        const txt_sentence *s = &an->sents[si];
        for (uint32_t t = s->tok_begin; t < s->tok_end; t++) {
            alias *x = alias_of(an, al, nal, t);
            if (x && t != x->at && standing(an, s, x, t) < 0)
                x->ambiguous = 1;
        }
    }
}

/* The identity of a person named with a title ("Indonesian security
 * minister Wiranto") holds for the story: a later mention of the same
 * person without one ("Wiranto") is what the text said, whatever the
 * dictionary's dates say. */
static void keep_titles(dict_mention *ms, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const dict_mention *m = &ms[i];
        if (!m->entry || m->entry->kind != DICT_PERSON || !m->agent || !(m->flags & DICT_M_PERSON))
            continue;
        for (size_t k = i + 1; k < n; k++) {
            dict_mention *l = &ms[k];
            if (l->entry == m->entry && !l->agent && !l->adj_entry) {
                l->agent = m->agent;
                l->adj_entry = m->adj_entry;
                l->flags |= m->flags & (DICT_M_AGENT | DICT_M_PERSON);
                memcpy(l->code, m->code, sizeof l->code);
            }
        }
    }
}

/* Contract in dict_internal.h. */
int dict_link_surnames(const dict_set *ds, const txt_analysis *an, dict_mention **msp, size_t *np,
                       dy_arena *a)
{
    const dict_mention *ms = *msp;
    size_t n = *np;
    if (n == 0)
        return 0;
    keep_titles(*msp, n);
    alias al[MAX_ALIASES];
    size_t nal = collect_aliases(an, ms, n, al);
    if (nal == 0)
        return 0;
    mark_other_persons(an, al, nal);
    /* The new mentions, in token order, then merged with the old. */
    dict_mention *add = NULL;
    size_t nadd = 0, cap = 0, cur = 0;
    uint32_t first = UINT32_MAX;
    for (size_t i = 0; i < nal; i++)
        if (al[i].after < first)
            first = al[i].after;
    for (uint32_t si = 0; si < an->nsent; si++) {
        const txt_sentence *s = &an->sents[si];
        if (s->tok_end <= first)
            continue;
        for (uint32_t t = s->tok_begin > first ? s->tok_begin : first; t < s->tok_end; t++) {
            const alias *x;
            int how;
            if (covered(ms, n, &cur, t) || !(x = alias_of(an, al, nal, t)) || !x->m ||
                x->ambiguous || t < x->after || (how = standing(an, s, x, t)) < 1)
                continue;
            if (dy_arena_vec_grow(a, &add, &cap, nadd, sizeof *add))
                return DY_ENOMEM;
            dict_mention *m = &add[nadd++];
            *m = *x->m;
            uint32_t b = how == 2 ? t - 1 : t; /* (with the given name) */
            if (b > s->tok_begin && courtesy_title(&an->toks[b - 1]))
                b--;
            uint32_t e = t + 1;
            m->flags &= ~(uint32_t)(DICT_M_POSSESSIVE | DICT_M_ADJ | DICT_M_DEMONYM);
            if (e < s->tok_end && an->toks[e].hash == ds->s_hash &&
                (e + 1 == s->tok_end || !covered(ms, n, &cur, e))) {
                e++;
                m->flags |= DICT_M_POSSESSIVE;
            }
            m->flags |= DICT_M_ALIAS;
            m->sent = si;
            m->tok_begin = b;
            m->tok_end = e;
            m->start = an->toks[b].start;
            m->end = an->toks[e - 1].end;
            m->list = -1;
            t = e - 1;
        }
    }
    if (nadd == 0)
        return 0;
    dict_mention *out = dy_arena_alloc(a, (n + nadd) * sizeof *out);
    if (!out)
        return DY_ENOMEM;
    size_t i = 0, j = 0, k = 0;
    while (i < n || j < nadd) {
        int old_first = j == nadd || (i < n && (ms[i].sent < add[j].sent ||
                                                (ms[i].sent == add[j].sent &&
                                                 ms[i].tok_begin < add[j].tok_begin)));
        out[k++] = old_first ? ms[i++] : add[j++];
    }
    assert(k == n + nadd);
    *msp = out;
    *np = n + nadd;
    return 0;
}
