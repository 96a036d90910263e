/* match.c - compile actor forms into a token trie and find mentions.
 *
 * The trie is keyed by token hashes (txt_hash of the normalised token), so
 * matching a sentence costs one hash probe per token per trie level: linear
 * in the text for the bounded form lengths of real dictionaries. Case rules
 * are checked on the candidate only, per form token, with bit masks.
 */
#include "dict/dict_internal.h"
#include "core/alloc.h"
#include "core/vec.h"
#include "core/invariant.h"

#include <stdio.h>
#include <string.h>

enum { MAX_FORM_TOKENS = 32 };
#define NONE UINT32_MAX

static uint64_t mix(uint32_t parent, uint64_t tok)
{
    uint64_t h = tok ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ull);
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return h;
}

/* Bit of root_filter for a token that may begin a form. Taken from the
 * mixed hash: the top bits of FNV-1a hardly differ between one- and
 * two-letter tokens, so with them every comma, full stop and "of" passed
 * the filter and cost a trie probe. */
static uint32_t root_bit(uint64_t tok) { return (uint32_t)(mix(0, tok) >> 48); }

/* A second, independent bit: with two bits per first token the filter
 * lets through a few per cent of the words that begin no form instead of
 * one in six, and each probe it spares is a likely cache miss in the edge
 * table. */
static uint32_t root_bit2(uint64_t tok) { return (uint32_t)(mix(0, tok) & 0xFFFFu); }

/* Set / test the two bits of key k in a 65,536-bit filter. */
static void filter_set(uint64_t *f, uint64_t k)
{
    f[root_bit(k) >> 6] |= 1ull << (root_bit(k) & 63u);
    f[root_bit2(k) >> 6] |= 1ull << (root_bit2(k) & 63u);
}

static int filter_has(const uint64_t *f, uint64_t k)
{
    uint32_t a = root_bit(k), b = root_bit2(k);
    return ((f[a >> 6] >> (a & 63u)) & 1u) && ((f[b >> 6] >> (b & 63u)) & 1u);
}

/* The key of a form's first two tokens in pair_filter. */
static uint64_t pair_key(uint64_t a, uint64_t b) { return a ^ (b * 0xD6E8FEB86659FD93ull); }

static uint32_t edge_get(const dict_set *ds, uint32_t parent, uint64_t tok)
{
    if (!ds->edge_cap)
        return NONE;
    size_t mask = ds->edge_cap - 1;
    for (size_t i = mix(parent, tok) & mask;; i = (i + 1) & mask) {
        const dict_edge *e = &ds->edges[i];
        if (e->parent == NONE)
            return NONE;
        if (e->parent == parent && e->tok == tok)
            return e->child;
    }
}

static int edges_rehash(dict_set *ds, size_t ncap)
{
    dict_edge *ne = dy_reallocarray(NULL, ncap, sizeof *ne);
    if (!ne)
        return DY_ENOMEM;
    for (size_t i = 0; i < ncap; i++)
        ne[i].parent = NONE;
    for (size_t i = 0; i < ds->edge_cap; i++) {
        dict_edge *e = &ds->edges[i];
        if (e->parent == NONE)
            continue;
        size_t j = mix(e->parent, e->tok) & (ncap - 1);
        while (ne[j].parent != NONE)
            j = (j + 1) & (ncap - 1);
        ne[j] = *e;
    }
    dy_free(ds->edges);
    ds->edges = ne;
    ds->edge_cap = ncap;
    return 0;
}

static int new_node(dict_set *ds, uint32_t *id)
{
    if (dy_vec_grow(&ds->node_term, &ds->capnodes, ds->nnodes, sizeof *ds->node_term))
            return DY_ENOMEM;
    ds->node_term[ds->nnodes] = NONE;
    *id = (uint32_t)ds->nnodes++;
    return 0;
}

/* Child of parent for tok, created when missing. */
static int edge_put(dict_set *ds, uint32_t parent, uint64_t tok, uint32_t *child)
{
    uint32_t c = edge_get(ds, parent, tok);
    if (c != NONE) {
        *child = c;
        return 0;
    }
    if ((ds->nedges + 1) * 2 > ds->edge_cap &&
        edges_rehash(ds, ds->edge_cap ? ds->edge_cap * 2 : 4096))
        return DY_ENOMEM;
    if (new_node(ds, &c))
        return DY_ENOMEM;
    size_t mask = ds->edge_cap - 1;
    size_t i = mix(parent, tok) & mask;
    while (ds->edges[i].parent != NONE)
        i = (i + 1) & mask;
    ds->edges[i] = (dict_edge){.tok = tok, .parent = parent, .child = c};
    ds->nedges++;
    *child = c;
    return 0;
}

static int add_term(dict_set *ds, uint32_t node, const dict_term *t)
{
    if (dy_vec_grow(&ds->terms, &ds->capterms, ds->nterms, sizeof *ds->terms))
            return DY_ENOMEM;
    /* Append at the end of the node's chain so that earlier definitions win
     * ties, as documented. */
    uint32_t id = (uint32_t)ds->nterms++;
    ds->terms[id] = *t;
    ds->terms[id].next = NONE;
    uint32_t *p = &ds->node_term[node];
    while (*p != NONE) {
        if (ds->terms[*p].form == t->form && ds->terms[*p].ntok == t->ntok) {
            ds->nterms--; /* the same form twice (e.g. a plural that equals the
                             singular): keep one */
            return 0;
        }
        p = &ds->terms[*p].next;
    }
    *p = id;
    return 0;
}

size_t dict_plural(const char *w, size_t n, char *out, size_t cap)
{
    if (n < 2 || n + 3 >= cap)
        return 0;
    memcpy(out, w, n);
    char l = w[n - 1], p = w[n - 2];
    if (l == 's' || l == 'x' || (l == 'h' && (p == 'c' || p == 's'))) {
        memcpy(out + n, "es", 2);
        return n + 2;
    }
    if (l == 'y' && !strchr("aeiou", p)) {
        memcpy(out + n - 1, "ies", 3);
        return n + 2;
    }
    out[n] = 's';
    return n + 1;
}

/* Insert form fi; when pl is set, with its last word in the plural. */
static int insert_form(dict_set *ds, uint32_t fi, const txt_token *tk, size_t nt, int pl)
{
    dict_term t = {.form = fi};
    uint32_t node = 0;
    size_t k = 0;
    uint64_t h0 = 0;
    for (size_t i = 0; i < nt; i++) {
        const txt_token *x = &tk[i];
        if (x->flags & TXT_TOK_HYPHEN)
            continue;
        /* A leading "the" is optional ("the Gambia"), unless written "The"
         * ("The West", "The Times": without it a surname, a word). */
        if (k == 0 && nt > 1 && x->norm_len == 3 && memcmp(x->norm, "the", 3) == 0 &&
            !(x->flags & TXT_TOK_CAP))
            continue;
        if (k == MAX_FORM_TOKENS)
            return 0; /* too long to be a name; dict check reports it */
        uint64_t h = x->hash;
        if (pl && i == nt - 1) {
            char buf[128];
            size_t pn = dict_plural(x->norm, x->norm_len, buf, sizeof buf);
            if (!pn)
                return 0;
            h = txt_hash(buf, pn);
        }
        size_t letters = 0;
        int alpha = 1;
        for (size_t j = x->start; j < x->end; j++) {
            char c = ds->forms[fi].text[j];
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
                letters++;
            else if (c != '.')
                alpha = 0;
        }
        int article = k == 0 && x->norm_len == 3 && memcmp(x->norm, "the", 3) == 0;
        if ((x->flags & TXT_TOK_UPPER) && alpha && letters >= 2 && letters <= 5)
            t.upper_mask |= 1u << k;
        else if ((x->flags & (TXT_TOK_CAP | TXT_TOK_UPPER)) && !article)
            t.cap_mask |= 1u << k; /* a required "The" may be "the" mid-sentence */
        if (k == 0)
            h0 = h;
        else if (k == 1)
            filter_set(ds->pair_filter, pair_key(h0, h));
        if (edge_put(ds, node, h, &node))
            return DY_ENOMEM;
        k++;
    }
    if (k == 0)
        return 0;
    if (k == 1) {
        filter_set(ds->root_filter, h0);
        if (!((t.upper_mask | t.cap_mask) & 1u))
            filter_set(ds->low_filter, h0);
    }
    t.ntok = (uint8_t)k;
    return add_term(ds, node, &t);
}

int dict_compile(dict_set *ds, dy_err *err)
{
    if (ds->compiled)
        return 0;
    uint32_t root;
    if (new_node(ds, &root))
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    dy_arena *tmp = dy_arena_new();
    if (!tmp)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    int rc = 0;
    for (size_t fi = 0; fi < ds->nforms && !rc; fi++) {
        const dict_form *f = &ds->forms[fi];
        txt_token *tk;
        size_t nt;
        dy_arena_reset(tmp);
        rc = txt_tokenize(f->text, strlen(f->text), tmp, &tk, &nt, err);
        if (rc)
            break;
        rc = insert_form(ds, (uint32_t)fi, tk, nt, 0);
        if (!rc && f->entry->kind == DICT_AGENT)
            rc = insert_form(ds, (uint32_t)fi, tk, nt, 1);
    }
    dy_arena_free(tmp);
    if (rc)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory compiling dictionaries");
    ds->the_hash = txt_hash("the", 3);
    ds->of_hash = txt_hash("of", 2);
    ds->in_hash = txt_hash("in", 2);
    ds->from_hash = txt_hash("from", 4);
    ds->for_hash = txt_hash("for", 3);
    ds->and_hash = txt_hash("and", 3);
    ds->s_hash = txt_hash("'s", 2);
    ds->comma_hash = txt_hash(",", 1);
    ds->amp_hash = txt_hash("&", 1);
    ds->semi_hash = txt_hash(";", 1);
    ds->colon_hash = txt_hash(":", 1);
    static const char *const poss[4] = {"its", "their", "his", "her"};
    for (int i = 0; i < 4; i++)
        ds->poss_hash[i] = txt_hash(poss[i], strlen(poss[i]));
    if (dict_compile_verbs(ds))
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory compiling verb dictionaries");
    ds->compiled = 1;
    return 0;
}

/* ---- matching --------------------------------------------------------- */

typedef struct raw {
    uint32_t tb, te;     /* tokens */
    const dict_form *form;
} raw;

static int case_ok(const dict_term *t, const txt_token *tk, const uint32_t *pos)
{
    for (uint32_t k = 0; k < t->ntok; k++) {
        uint32_t f = tk[pos[k]].flags;
        if ((t->upper_mask >> k) & 1u) {
            if (!(f & TXT_TOK_UPPER))
                return 0;
        } else if ((t->cap_mask >> k) & 1u) {
            if (!(f & (TXT_TOK_CAP | TXT_TOK_UPPER)))
                return 0;
        }
    }
    return 1;
}

/* Longest form starting at token i (< te); returns its end or i. */
static uint32_t longest_at(const dict_set *ds, const txt_token *tk, uint32_t i, uint32_t te,
                           const dict_form **form)
{
    uint32_t pos[MAX_FORM_TOKENS];
    uint32_t node = 0, k = 0, best_end = i;
    for (uint32_t j = i; j < te && k < MAX_FORM_TOKENS; j++) {
        if (k > 0 && (tk[j].flags & TXT_TOK_HYPHEN))
            continue;
        node = edge_get(ds, node, tk[j].hash);
        if (node == NONE)
            break;
        pos[k++] = j;
        for (uint32_t t = ds->node_term[node]; t != NONE; t = ds->terms[t].next) {
            const dict_term *term = &ds->terms[t];
            if (term->ntok == k && case_ok(term, tk, pos)) {
                best_end = j + 1;
                *form = &ds->forms[term->form];
                break;
            }
        }
    }
    return best_end;
}

static int is_tok(const txt_token *t, uint64_t h) { return t->hash == h; }

typedef struct mvec {
    dict_mention *v;
    size_t n, cap;
    dy_arena *a;
} mvec;

static dict_mention *mpush(mvec *m)
{
    if (m->n == m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 64;
        dict_mention *v = dy_arena_grow(m->a, m->v, m->n, nc, sizeof *v);
        if (!v)
            return NULL;
        m->v = v;
        m->cap = nc;
    }
    dict_mention *x = &m->v[m->n++];
    memset(x, 0, sizeof *x);
    x->list = -1;
    return x;
}

static int named(const raw *r) { return r->form->entry->kind != DICT_AGENT; }
static int is_agent(const raw *r) { return r->form->entry->kind == DICT_AGENT; }

/* Does the word at token t continue a noun phrase, so that an adjective or
 * demonym before it is a modifier ("Russian warships")? Not when it is
 * punctuation, a conjunction, a function word or a verb form: then the
 * demonym names the people ("Palestinians and Israelis failed ..."). */
static int modifies_next(const dict_set *ds, const txt_analysis *an, const txt_sentence *s,
                         uint32_t t)
{
    if (t >= s->tok_end)
        return 0;
    const txt_token *x = &an->toks[t];
    /* "Soviet-made rockets", "European-based missiles": the first half of
     * a hyphenated compound modifies what follows. */
    if ((x->flags & TXT_TOK_HYPHEN) && t + 1 < s->tok_end &&
        (an->toks[t + 1].flags & TXT_TOK_WORD) &&
        !(an->toks[t + 1].flags & (TXT_TOK_CAP | TXT_TOK_UPPER)))
        return 1;
    if (!(x->flags & TXT_TOK_WORD) || (x->flags & TXT_TOK_CLITIC))
        return 0;
    if (x->flags & (TXT_TOK_CAP | TXT_TOK_UPPER))
        return 1; /* "Russian President", "Chinese Foreign Ministry" */
    static const char *fw[] = {"and", "or", "but", "nor", "have", "has", "had", "were", "was",
                               "are", "is", "will", "would", "could", "should", "may", "might",
                               "must", "can", "did", "do", "does", "also", "who", "which",
                               "that", "to", "in", "on", "at", "of", "from", "with", "by",
                               "for", "as", "than", "said", "say", "says", NULL};
    /* The first letter first: this runs for every adjective mention, and
     * most words share it with no function word. */
    if (x->norm_len <= 6)
        for (int i = 0; fw[i]; i++)
            if (fw[i][0] == x->norm[0] && strcmp(x->norm, fw[i]) == 0)
                return 0;
    const dict_wordform *wf;
    size_t n = dict_word_lookup(ds, x->hash, &wf);
    for (size_t i = 0; i < n; i++)
        if (wf[i].lx->kind == DICT_LX_VERB && (wf[i].form == DICT_WF_PAST || wf[i].form == DICT_WF_S))
            return 0;
    return 1;
}

/* Is the actor form at token t the second half of "anti-Syria",
 * "pro-Beijing"? Such a compound names a stance, not an actor: a
 * "pro-Beijing lawmaker" in Hong Kong is not Chinese, an "anti-Syria
 * journalist" in Beirut not Syrian. */
static int stance_prefix(const txt_analysis *an, const txt_sentence *s, uint32_t t)
{
    if (t < s->tok_begin + 2 || !(an->toks[t - 1].flags & TXT_TOK_HYPHEN))
        return 0;
    const char *w = an->toks[t - 2].norm;
    return strcmp(w, "anti") == 0 || strcmp(w, "pro") == 0;
}

/* Does a hyphenated word at token t (right after a mention) make the
 * mention a likeness or a place of origin: "a Bosnia-style civil war", a
 * "Soviet-era" jet, a "London-based" group? Then it names no actor. */
static int likeness_suffix(const txt_analysis *an, const txt_sentence *s, uint32_t t)
{
    static const char *const w[] = {"style", "type", "era", "based", "born", "like", "made", NULL};
    if (t + 1 >= s->tok_end || !(an->toks[t].flags & TXT_TOK_HYPHEN))
        return 0;
    for (int i = 0; w[i]; i++)
        if (strcmp(an->toks[t + 1].norm, w[i]) == 0)
            return 1;
    return 0;
}

/* Is the place form of raw match i part of a longer proper name ("Mount
 * Sinai Medical Center", "Lake Victoria")? That is: right after a
 * capitalised word that is not the sentence's first and belongs to no
 * other match. */
static int place_in_name(const txt_token *tk, const txt_sentence *s, const raw *rs, size_t i)
{
    const raw *r = &rs[i];
    if (r->form->type != DICT_FORM_PLACE || r->tb <= s->tok_begin + 1)
        return 0;
    if (i > 0 && rs[i - 1].te == r->tb)
        return 0;
    const txt_token *p = &tk[r->tb - 1];
    return (p->flags & TXT_TOK_WORD) && (p->flags & (TXT_TOK_CAP | TXT_TOK_UPPER));
}

/* Is the group form of raw match i the tail of a longer proper name
 * ("Liberal Democratic Party", "Social Democratic Party" are not the US
 * "Democratic Party")? That is: a multi-word form right after a capitalised
 * word that is not the sentence's first, belongs to no other match and has
 * the ending of a political adjective (-al, -ive, -ist, -ic: "Liberal",
 * "Progressive", "Socialist", "Islamic"). A place before the name
 * ("Maryland Democratic Party", "The Washington Post") keeps the match. */
static int name_tail(const txt_token *tk, const txt_sentence *s, const raw *rs, size_t i)
{
    const raw *r = &rs[i];
    if (r->form->entry->kind != DICT_GROUP || r->te - r->tb < 2 || r->tb <= s->tok_begin + 1)
        return 0;
    const txt_token *p = &tk[r->tb - 1];
    if (!(p->flags & TXT_TOK_CAP) || !(p->flags & TXT_TOK_WORD) || (p->flags & TXT_TOK_UPPER) ||
        (p->flags & TXT_TOK_ABBR))
        return 0;
    for (size_t j = 0; j < i; j++)
        if (rs[j].tb < r->tb && rs[j].te >= r->tb)
            return 0;
    static const char *const ends[] = {"al", "ive", "ist", "ic", NULL};
    size_t n = strlen(p->norm);
    for (int k = 0; ends[k]; k++) {
        size_t e = strlen(ends[k]);
        if (n > e + 2 && strcmp(p->norm + n - e, ends[k]) == 0)
            return 1;
    }
    return 0;
}

/* Is the token a past form of a known verb ("wounded", "killed")? After an
 * actor it is the act, not a role noun joining the actor. */
static int past_form(const dict_set *ds, const txt_token *t)
{
    const dict_wordform *wf;
    size_t n = dict_word_lookup(ds, t->hash, &wf);
    for (size_t i = 0; i < n; i++)
        if (wf[i].lx->kind == DICT_LX_VERB && wf[i].form == DICT_WF_PAST)
            return 1;
    return 0;
}

/* Is the role noun at token t owned by a possessive pronoun ("its troops
 * in Lebanon")? Then a place after it is where the owner's agents are, not
 * whose they are. */
static int owned(const txt_token *tk, const txt_sentence *s, uint32_t t)
{
    if (t == s->tok_begin)
        return 0;
    const char *w = tk[t - 1].norm;
    return strcmp(w, "its") == 0 || strcmp(w, "their") == 0 || strcmp(w, "his") == 0 ||
           strcmp(w, "her") == 0 || strcmp(w, "our") == 0;
}

/* Is the seat at token t a place rather than its government: "in
 * Tehran", "in a residential sector of mostly Christian eastern Beirut"?
 * Looks back over words to the nearest preposition: "in", "near",
 * "outside" or "around" make a place; any other preposition, a
 * conjunction or punctuation ("talks with Moscow", ", Moscow said") does
 * not. */
static int located(const dict_set *ds, const txt_token *tk, const txt_sentence *s, uint32_t t)
{
    static const char *const place[] = {"in", "near", "outside", "around", NULL};
    static const char *const stop[] = {"with", "to", "from", "by", "and", "or", "for", "against",
                                       "on", "at", "between", "that", "said", "says", NULL};
    for (uint32_t k = 1; k <= 8 && t >= s->tok_begin + k; k++) {
        const txt_token *p = &tk[t - k];
        if (!(p->flags & TXT_TOK_WORD))
            return 0;
        for (int i = 0; place[i]; i++)
            if (strcmp(p->norm, place[i]) == 0)
                return 1;
        for (int i = 0; stop[i]; i++)
            if (strcmp(p->norm, stop[i]) == 0)
                return 0;
    }
    (void)ds;
    return 0;
}

/* The role noun shared by a run of coordinated adjectives starting at
 * rs[i] ("Russian, Chinese and Iranian troops"): the agent right after the
 * run's last adjective, or NULL. */
static const dict_entry *coord_agent(const dict_set *ds, const txt_token *tk, const raw *rs,
                                     size_t nr, size_t i)
{
    size_t k = i;
    while (k + 1 < nr && rs[k + 1].form->type == DICT_FORM_ADJ && rs[k + 1].tb == rs[k].te + 1 &&
           (is_tok(&tk[rs[k].te], ds->and_hash) || is_tok(&tk[rs[k].te], ds->comma_hash)))
        k++;
    if (k == i || k + 1 >= nr || !is_agent(&rs[k + 1]) || rs[k + 1].tb != rs[k].te ||
        past_form(ds, &tk[rs[k + 1].tb]))
        return NULL;
    return rs[k + 1].form->entry;
}

/* Build combined mentions for one sentence from its raw matches. */
static int combine(const dict_set *ds, const txt_analysis *an, uint32_t sent, raw *rs, size_t nr,
                   const txt_date *date, mvec *out)
{
    const txt_token *tk = an->toks;
    const txt_sentence *s = &an->sents[sent];
    for (size_t i = 0; i < nr; i++) {
        raw *r = &rs[i];
        if (stance_prefix(an, s, r->tb) || name_tail(tk, s, rs, i) || place_in_name(tk, s, rs, i))
            continue;
        dict_mention *m = mpush(out);
        if (!m)
            return DY_ENOMEM;
        m->sent = sent;
        m->tok_begin = r->tb;
        uint32_t end = r->te;
        const raw *nx = i + 1 < nr ? &rs[i + 1] : NULL;
        const raw *nx2 = i + 2 < nr ? &rs[i + 2] : NULL;
        int poss = end < s->tok_end && is_tok(&tk[end], ds->s_hash);
        if (named(r)) {
            m->entry = r->form->entry;
            /* "Russian and Chinese warships": coordinated adjectives. */
            int coord = nx && nx->form->type == DICT_FORM_ADJ && nx->tb == r->te + 1 &&
                        (is_tok(&tk[r->te], ds->and_hash) || is_tok(&tk[r->te], ds->comma_hash)) &&
                        modifies_next(ds, an, s, nx->te);
            if (r->form->type == DICT_FORM_ADJ && (coord || modifies_next(ds, an, s, r->te)))
                m->flags |= DICT_M_ADJ;
            if (r->form->type == DICT_FORM_ADJ)
                m->flags |= DICT_M_DEMONYM;
            const dict_entry *shared =
                r->form->type == DICT_FORM_ADJ ? coord_agent(ds, tk, rs, nr, i) : NULL;
            if (shared) {
                /* "Israeli and Palestinian negotiators": each adjective
                 * names a side, and the role noun belongs to all of them. */
                m->agent = shared;
                m->flags |= DICT_M_AGENT;
                m->flags &= ~(uint32_t)DICT_M_ADJ;
            }
            if (r->form->type == DICT_FORM_SEAT)
                m->flags |= DICT_M_SEAT;
            if (r->form->type == DICT_FORM_SEAT && located(ds, tk, s, r->tb))
                m->flags |= DICT_M_PLACE;
            if (r->form->type == DICT_FORM_PLACE)
                m->flags |= DICT_M_PLACE | DICT_M_LOCALITY;
            if (m->entry->kind == DICT_PERSON)
                m->flags |= DICT_M_PERSON;
            uint32_t gap = end + (poss ? 1 : 0);
            /* "French maritime authorities", "Egyptian security chief": up to
             * two lower-case words may stand between an adjective and its
             * role noun. */
            if (nx && is_agent(nx) && r->form->type == DICT_FORM_ADJ && nx->tb > gap &&
                nx->tb <= gap + 2) {
                int plain = 1;
                for (uint32_t q = gap; q < nx->tb; q++)
                    if (!(tk[q].flags & TXT_TOK_WORD) || (tk[q].flags & (TXT_TOK_CAP | TXT_TOK_UPPER)))
                        plain = 0;
                if (plain)
                    gap = nx->tb;
            }
            if (nx && is_agent(nx) && nx->tb == gap && m->entry->kind != DICT_PERSON &&
                !past_form(ds, &tk[nx->tb])) {
                /* "Russian Foreign Minister", "Russia's troops", and a person
                 * right after the title: "Russian President Vladimir Putin". */
                m->agent = nx->form->entry;
                m->flags |= DICT_M_AGENT;
                /* "Haifa police" act: a place with a role noun is an actor */
                m->flags &= ~(uint32_t)(DICT_M_ADJ | DICT_M_SEAT | DICT_M_LOCALITY);
                end = nx->te;
                i++;
                if (nx2 && named(nx2) && nx2->form->entry->kind == DICT_PERSON && nx2->tb == end) {
                    if (m->entry->kind == DICT_STATE)
                        m->adj_entry = m->entry;
                    m->entry = nx2->form->entry;
                    m->flags |= DICT_M_PERSON;
                    end = nx2->te;
                    i++;
                }
            } else if (nx && is_agent(nx) && nx->tb == gap && poss) {
                /* "Putin's spokesman": the person's country plus the role. */
                m->agent = nx->form->entry;
                m->flags |= DICT_M_AGENT;
                m->flags &= ~(uint32_t)DICT_M_PERSON;
                end = nx->te;
                i++;
            }
        } else {
            m->agent = r->form->entry;
            m->flags |= DICT_M_AGENT;
            uint32_t j = end;
            if (nx && named(nx) && nx->form->entry->kind == DICT_PERSON && nx->tb == end) {
                /* "President Putin", "Foreign Minister Lavrov" */
                m->entry = nx->form->entry;
                m->flags |= DICT_M_PERSON;
                end = nx->te;
                i++;
            } else if (j < s->tok_end && nx && named(nx) && nx->form->entry->kind != DICT_PERSON &&
                       (is_tok(&tk[j], ds->of_hash) ||
                        (is_tok(&tk[j], ds->for_hash) && (nx->form->entry->kind == DICT_GROUP ||
                                                          nx->form->entry->kind == DICT_ORG))) &&
                       (nx->tb == j + 1 || (nx->tb == j + 2 && is_tok(&tk[j + 1], ds->the_hash)))) {
                /* "the foreign minister of Japan"; "a spokesman for Hamas"
                 * (not "the UN envoy for Syria": "for" a state is a
                 * portfolio) */
                m->entry = nx->form->entry;
                end = nx->te;
                i++;
            } else if (j < s->tok_end && nx && named(nx) && nx->form->entry->kind == DICT_STATE &&
                       !owned(tk, s, r->tb) &&
                       (nx->tb == j + 1 || (nx->tb == j + 2 && is_tok(&tk[j + 1], ds->the_hash))) &&
                       (is_tok(&tk[j], ds->in_hash) || is_tok(&tk[j], ds->from_hash))) {
                /* "officials in Seoul", "rebels in the Ivory Coast",
                 * "delegates from Russia" */
                m->entry = nx->form->entry;
                end = nx->te;
                i++;
            } else {
                m->flags |= DICT_M_BARE_AGENT;
            }
        }
        if (likeness_suffix(an, s, end))
            m->flags |= DICT_M_ADJ;
        /* "progress towards a Middle East settlement", "a US proposal": a
         * state's name after "a" or "an" is used as a modifier, like an
         * adjective. */
        if (m->entry && m->entry->kind == DICT_STATE && !m->agent && r->form->type != DICT_FORM_ADJ &&
            m->tok_begin > s->tok_begin &&
            (strcmp(tk[m->tok_begin - 1].norm, "a") == 0 || strcmp(tk[m->tok_begin - 1].norm, "an") == 0))
            m->flags |= DICT_M_ADJ;
        poss = end < s->tok_end && is_tok(&tk[end], ds->s_hash);
        if (poss) {
            m->flags |= DICT_M_POSSESSIVE;
            end++;
        }
        m->tok_end = end;
        m->start = tk[m->tok_begin].start;
        m->end = tk[end - 1].end;
        dict_mention_code(m, date, m->code);
    }
    return 0;
}

/* "military exercises", "police patrol", "government officials": a role
 * noun with no country, right before another mention or before a word that
 * the verb dictionaries know as a noun (and not as a verb form), modifies
 * that word; it is not an actor. */
static int modifier_agent(const dict_set *ds, const txt_analysis *an, const dict_mention *m,
                          const dict_mention *next)
{
    const txt_sentence *s = &an->sents[m->sent];
    if (!(m->flags & DICT_M_BARE_AGENT) || m->tok_end - m->tok_begin != 1 || m->tok_end >= s->tok_end)
        return 0;
    if (next && next->sent == m->sent && next->tok_begin == m->tok_end)
        return 1;
    const txt_token *nx = &an->toks[m->tok_end];
    if (!(nx->flags & TXT_TOK_WORD) || (nx->flags & (TXT_TOK_CAP | TXT_TOK_UPPER)))
        return 0;
    const dict_wordform *wf;
    size_t n = dict_word_lookup(ds, nx->hash, &wf);
    int noun = 0;
    for (size_t i = 0; i < n; i++) {
        if (wf[i].lx->kind == DICT_LX_VERB && wf[i].form != DICT_WF_BASE)
            return 0;
        if (wf[i].lx->kind == DICT_LX_NOUN)
            noun = 1;
    }
    return noun;
}

/* Is token t a day or month name ("Russia Sunday said", Reuters style)? */
static int calendar_word(const txt_token *t)
{
    static const char *const w[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                    "saturday", "sunday", "january", "february", "march",
                                    "april", "may", "june", "july", "august", "september",
                                    "october", "november", "december", NULL};
    for (int i = 0; w[i]; i++)
        if (t->norm_len == strlen(w[i]) && memcmp(t->norm, w[i], t->norm_len) == 0)
            return 1;
    return 0;
}

/* "West Ham", "Jordan Henderson", "British Airways": a one-word state
 * name or adjective right before a capitalised word that is no mention (nor a day, a month
 * or an acronym) begins a longer name the dictionaries do not know, and
 * names no state. Not in headlines, whose words are all capitalised. */
static int name_part(const txt_analysis *an, const dict_mention *m, const dict_mention *next)
{
    const txt_sentence *s = &an->sents[m->sent];
    if (!m->entry || m->entry->kind != DICT_STATE || m->agent || m->tok_end - m->tok_begin != 1 ||
        (m->flags & DICT_M_POSSESSIVE) || m->tok_end >= s->tok_end ||
        (s->flags & TXT_SENT_HEADLINE))
        return 0;
    const txt_token *nx = &an->toks[m->tok_end];
    if ((nx->flags & (TXT_TOK_WORD | TXT_TOK_CAP)) != (TXT_TOK_WORD | TXT_TOK_CAP) ||
        (nx->flags & (TXT_TOK_UPPER | TXT_TOK_ABBR)) || calendar_word(nx))
        return 0;
    if (next && next->sent == m->sent && next->tok_begin == m->tok_end)
        return 0;
    /* An adjective may qualify a role through a capitalised word
     * ("Pakistani Federal Secretary"): only a name that no role ends. */
    return !((m->flags & DICT_M_ADJ) && next && next->sent == m->sent &&
             next->tok_begin == m->tok_end + 1);
}

/* "Western Australian officials", "Soviet Armenian leaders": a one-word
 * state mention right before another state's capitalised adjective names
 * a part or an era of that state, not a second actor. */
static int state_qualifier(const txt_analysis *an, const dict_mention *m,
                           const dict_mention *next)
{
    if (!next || !m->entry || m->entry->kind != DICT_STATE || m->agent ||
        m->tok_end - m->tok_begin != 1 || (m->flags & DICT_M_POSSESSIVE) ||
        next->sent != m->sent || next->tok_begin != m->tok_end || !next->entry ||
        next->entry->kind != DICT_STATE || next->entry == m->entry ||
        !(next->flags & DICT_M_DEMONYM) || (next->flags & DICT_M_SEAT))
        return 0;
    const txt_token *nx = &an->toks[next->tok_begin];
    return (nx->flags & (TXT_TOK_WORD | TXT_TOK_CAP)) == (TXT_TOK_WORD | TXT_TOK_CAP);
}

/* Years before a person's first dated office in which a mention by
 * surname alone may still mean them. */
#define SURNAME_LEAD_YEARS 4

/* "Spicer said" in a 1987 story is not the press secretary of 2017: a
 * person named by one word, with no title, long before every office the
 * dictionary dates for them is someone else. (Their full name still
 * matches: the codebook codes a future official as ELI.) */
static int premature_surname(const txt_analysis *an, const dict_mention *m, int32_t key)
{
    if (!key || !m->entry || m->entry->kind != DICT_PERSON || m->agent || m->adj_entry)
        return 0;
    uint32_t words = 0;
    for (uint32_t t = m->tok_begin; t < m->tok_end; t++)
        words += (an->toks[t].flags & TXT_TOK_WORD) && (an->toks[t].flags & TXT_TOK_CAP);
    if (words != 1)
        return 0;
    int32_t first = INT32_MAX;
    for (uint32_t i = 0; i < m->entry->ncodes; i++) {
        const dict_code *c = &m->entry->codes[i];
        if (!c->from)
            return 0; /* undated, or in office from the start of the records */
        if (c->from < first)
            first = c->from;
    }
    return first != INT32_MAX && key + SURNAME_LEAD_YEARS * 10000 < first;
}

/* "the Sea of Japan", "the Gulf of Oman", "the Bay of Bengal": a state
 * named after a capitalised sea, gulf, bay, strait or cape and "of" names
 * a body of water or a headland, not the state. ("Bank of Japan", "the
 * coast of Somalia" stay.) */
static int water_name(const txt_analysis *an, const dict_mention *m)
{
    static const char *const features[] = {"sea", "gulf", "bay", "strait", "straits", "cape",
                                           "isle", "lake", "channel", NULL};
    const txt_sentence *s = &an->sents[m->sent];
    if (!m->entry || m->entry->kind != DICT_STATE || m->agent || (m->flags & DICT_M_ADJ) ||
        m->tok_begin < s->tok_begin + 2 || strcmp(an->toks[m->tok_begin - 1].norm, "of") != 0)
        return 0;
    const txt_token *f = &an->toks[m->tok_begin - 2];
    if (!(f->flags & TXT_TOK_CAP))
        return 0;
    for (size_t i = 0; features[i]; i++)
        if (strcmp(f->norm, features[i]) == 0)
            return 1;
    return 0;
}

/* "the Paris currency pact": a seat after "the" and before a lower-case
 * word that is no verb names which, not the government that sits there
 * ("the Kremlin said" is the government). */
static int seat_modifier(const dict_set *ds, const txt_analysis *an, const dict_mention *m)
{
    const txt_sentence *s = &an->sents[m->sent];
    if (!(m->flags & DICT_M_SEAT) || m->agent || (m->flags & DICT_M_POSSESSIVE) ||
        m->tok_begin == s->tok_begin || m->tok_end >= s->tok_end ||
        !is_tok(&an->toks[m->tok_begin - 1], ds->the_hash))
        return 0;
    const txt_token *nx = &an->toks[m->tok_end];
    /* (a verb after it keeps the metonym: "the Kremlin said", "the White
     * House had asked") */
    return (nx->flags & TXT_TOK_WORD) && !(nx->flags & (TXT_TOK_CAP | TXT_TOK_UPPER)) &&
           modifies_next(ds, an, s, m->tok_end);
}

/* "Chinese-built missiles", "US-made weapons", "a UK-based firm": a state
 * joined by a hyphen to a word of making or origin says where a thing
 * comes from; it is no actor. ("US-led", "Iranian-backed" stay: leading
 * and backing are acts.) */
static int origin_modifier(const txt_analysis *an, const dict_mention *m)
{
    static const char *const w[] = {"built", "made", "supplied", "designed", "manufactured",
                                    "produced", "owned", "based", "born", "registered",
                                    "flagged", "bred", "educated", "trained", NULL};
    const txt_sentence *s = &an->sents[m->sent];
    if (!m->entry || m->entry->kind != DICT_STATE || m->agent || m->tok_end + 1 >= s->tok_end ||
        !(an->toks[m->tok_end].flags & TXT_TOK_HYPHEN))
        return 0;
    const txt_token *t = &an->toks[m->tok_end + 1];
    for (int i = 0; w[i]; i++)
        if (t->norm_len == strlen(w[i]) && memcmp(t->norm, w[i], t->norm_len) == 0)
            return 1;
    return 0;
}

/* Is token t the one-character token c? */
static int punct_tok(const txt_token *t, char c)
{
    return t->norm_len == 1 && t->norm[0] == c;
}

/* "Fujitsu Ltd <ITSU.T>", "<PT Indonesia Asahan Aluminium>", "<Ecolab Co>
 * of the United States": wire copy puts company names and stock tickers
 * between angle brackets. Nothing inside them is an actor ("PT" is the
 * Indonesian form of a company, not Brazil's party), and a state named
 * right after them by "of" is where the company is from. Looks at most
 * eight tokens either way, within the sentence. */
static int bracketed_name(const dict_set *ds, const txt_analysis *an, const dict_mention *m)
{
    const txt_sentence *s = &an->sents[m->sent];
    const txt_token *tk = an->toks;
    uint32_t b = m->tok_begin;
    if (b >= s->tok_begin + 2 && is_tok(&tk[b - 1], ds->the_hash))
        b--;
    if (b >= s->tok_begin + 2 && is_tok(&tk[b - 1], ds->of_hash) && punct_tok(&tk[b - 2], '>'))
        return 1;
    int open = 0;
    for (uint32_t t = m->tok_begin; t > s->tok_begin && m->tok_begin - t < 8; t--) {
        if (punct_tok(&tk[t - 1], '>'))
            break;
        if (punct_tok(&tk[t - 1], '<')) {
            open = 1;
            break;
        }
    }
    for (uint32_t t = m->tok_end; open && t < s->tok_end && t - m->tok_end < 8; t++) {
        if (punct_tok(&tk[t], '<'))
            return 0;
        if (punct_tok(&tk[t], '>'))
            return 1;
    }
    return 0;
}

/* A role noun with no country ("the judge", "police said") most often
 * belongs to the country the sentence is about: give it the nearest state
 * mention of the sentence, preferring one before it. */
/* Religious and ethnic group codes that the codebook prefixes with the
 * country they are in when the text names it ("Islamic fundamentalists" in
 * an Algerian story: DZAMOSRAD; "ethnic Albanians in south Serbia":
 * SRBABN). */
static int countryless_group(const dict_mention *m)
{
    static const char *pfx[] = {"MOS", "CHR", "JEW", "BUD", "HIN", "SIK", "ZRO", "ABN", NULL};
    if (!m->entry || m->entry->kind != DICT_GROUP || m->agent)
        return 0;
    for (int i = 0; pfx[i]; i++)
        if (strncmp(m->code, pfx[i], 3) == 0)
            return 1;
    return 0;
}

/* How often the document names each country (by the first three letters
 * of its actors' codes; IGOs, NGOs and bare roles do not count), with a
 * state entry for it when one of those mentions has one. */
typedef struct country_count {
    char cc[4];
    unsigned n;
    const dict_entry *st;
} country_count;

enum { MAX_COUNTRIES = 64 };

/* Fill out[0..return) with the counts of the countries of ms[0..n). */
static size_t count_countries(const dict_mention *ms, size_t n, country_count *out)
{
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        const dict_mention *m = &ms[i];
        if (!m->entry || (m->flags & (DICT_M_BARE_AGENT | DICT_M_INFERRED)))
            continue;
        const char *c = m->code;
        if (strlen(c) < 3 || !strncmp(c, "IGO", 3) || !strncmp(c, "NGO", 3) ||
            !strncmp(c, "IMG", 3) || dict_role_known((char[4]){c[0], c[1], c[2], 0}))
            continue;
        size_t k = 0;
        while (k < nc && strncmp(out[k].cc, c, 3))
            k++;
        if (k == nc) {
            if (nc == MAX_COUNTRIES)
                continue;
            memcpy(out[k].cc, c, 3);
            out[k].cc[3] = '\0';
            out[k].n = 0;
            out[k].st = NULL;
            nc++;
        }
        out[k].n++;
        const dict_entry *se = m->entry->kind == DICT_STATE ? m->entry : m->adj_entry;
        if (!out[k].st && se && se->kind == DICT_STATE)
            out[k].st = se;
    }
    return nc;
}

/* The state entry of counted country c: one the document used, else the
 * set's entry whose code is c's on date key. */
static const dict_entry *state_of(const dict_set *ds, const country_count *c, int32_t key)
{
    if (c->st)
        return c->st;
    for (size_t i = 0; i < ds->nentries; i++) {
        const dict_entry *e = ds->entries[i];
        char code[32];
        if (e->kind == DICT_STATE && dict_entry_code_at(e, key, code) && strcmp(code, c->cc) == 0)
            return e;
    }
    return NULL;
}

/* The country a document is about, for role nouns of sentences that name
 * none ("the chancellor", "police said" in a story about British politics):
 * the one country its title names (title_cc, "" for none) if the text names
 * it too, else the state whose code prefixes most of the document's named
 * actors, when it is named at least three times and at least twice as
 * often as any other. Returns its state entry (one of the document's own
 * state mentions, or the set's entry for that code), or NULL when no
 * country dominates: then a bare role stays without one (and the coder
 * drops it). */
static const dict_entry *doc_home(const dict_set *ds, const dict_mention *ms, size_t n,
                                  int32_t key, const char *title_cc)
{
    country_count cc[MAX_COUNTRIES];
    size_t nc = count_countries(ms, n, cc);
    /* The one country a title names ("U.S. SENATE LEADERS SEE NO TRADE
     * WAR BREWING") is the story's, when the text names it too. */
    for (size_t k = 0; title_cc[0] && k < nc; k++)
        if (strcmp(cc[k].cc, title_cc) == 0)
            return state_of(ds, &cc[k], key);
    size_t best = SIZE_MAX;
    unsigned second = 0, total = 0;
    for (size_t k = 0; k < nc; k++) {
        total += cc[k].n;
        if (best == SIZE_MAX || cc[k].n > cc[best].n) {
            if (best != SIZE_MAX)
                second = cc[best].n;
            best = k;
        } else if (cc[k].n > second) {
            second = cc[k].n;
        }
    }
    if (best == SIZE_MAX || cc[best].n < 3 || cc[best].n < 2 * second || 2 * cc[best].n < total)
        return NULL;
    return state_of(ds, &cc[best], key);
}

/* Do only "of", "from", "in" and "the" stand between role m and the later
 * mention o (at most three words, at least one preposition)? */
static int owner_after(const dict_set *ds, const txt_token *tk, const dict_mention *m,
                       const dict_mention *o)
{
    uint32_t gap = o->tok_begin - m->tok_end;
    if (gap == 0 || gap > 3)
        return 0;
    int prep = 0;
    for (uint32_t j = m->tok_end; j < o->tok_begin; j++) {
        if (is_tok(&tk[j], ds->of_hash) || is_tok(&tk[j], ds->from_hash) ||
            is_tok(&tk[j], ds->in_hash))
            prep = 1;
        else if (!is_tok(&tk[j], ds->the_hash))
            return 0;
    }
    return prep;
}

/* Is token t a possessive pronoun ("its", "their", "his", "her")? */
static int possessive_pronoun(const dict_set *ds, const txt_token *t)
{
    for (int i = 0; i < 4; i++)
        if (is_tok(t, ds->poss_hash[i]))
            return 1;
    return 0;
}

/* The in-sentence owner of role m: the nearest state (or person with a
 * country) of the sentence, preferring one before it. After a possessive
 * pronoun ("Syria will withdraw its troops from Lebanon") only one before
 * it: the pronoun's antecedent comes first. NULL if none. */
static const dict_mention *sentence_owner(const dict_set *ds, const txt_token *tk,
                                          uint32_t ntok, const dict_mention *ms, size_t n,
                                          size_t i, int group)
{
    const dict_mention *m = &ms[i];
    const dict_mention *best = NULL;
    uint32_t bestd = UINT32_MAX;
    int back = m->tok_begin > 0 && possessive_pronoun(ds, &tk[m->tok_begin - 1]);
    for (size_t k = 0; k < n; k++) {
        const dict_mention *o = &ms[k];
        if (back && o->tok_begin >= m->tok_end)
            continue;
        /* "the US-led coalition", "Iranian-backed militia": a name in a
         * hyphenated modifier qualifies its noun, it owns no role noun. */
        if (o->tok_end < ntok && (tk[o->tok_end].flags & TXT_TOK_HYPHEN))
            continue;
        /* A seat names the government ("Moscow said police came"),
         * except after "in", where it is a place in the country and
         * lends it ("people killed in Tehran"). */
        if (o->sent != m->sent || !o->entry || k == i || (o->flags & DICT_M_INFERRED) ||
            ((o->flags & DICT_M_SEAT) && !(o->flags & DICT_M_PLACE)))
            continue;
        /* A state, or a person with their country ("Algerian President
         * Ben Bella"). */
        if (o->entry->kind != DICT_STATE &&
            !(o->entry->kind == DICT_PERSON && (o->adj_entry || group)))
            continue;
        uint32_t d = o->tok_end <= m->tok_begin ? m->tok_begin - o->tok_end
                                                 : 2 * (o->tok_begin - m->tok_end) + 1;
        if (d < bestd) {
            bestd = d;
            best = o;
        }
    }
    return best;
}

/* "ADB president Thadao Chino", "IOC officials", "BP chief": a role noun
 * right after an acronym that names no actor we know is that
 * organisation's, not the country's the sentence is about. (Capitalised
 * words are not enough: "Thames Valley Police", "Karen guerrilla" are the
 * country's.) Not in headlines, whose words are all capitals. */
static int unknown_owner(const txt_analysis *an, const dict_mention *ms, size_t i)
{
    const dict_mention *m = &ms[i];
    const txt_sentence *s = &an->sents[m->sent];
    if (m->tok_begin <= s->tok_begin || (s->flags & TXT_SENT_HEADLINE))
        return 0;
    uint32_t p = m->tok_begin - 1;
    const txt_token *t = &an->toks[p];
    /* "Norfolk Southern Corp <NSC> spokesman": a role after a company's
     * ticker is the company's */
    if (punct_tok(t, '>'))
        return 1;
    if (!(t->flags & TXT_TOK_WORD) || !(t->flags & TXT_TOK_UPPER) || t->norm_len < 2)
        return 0;
    return !(i > 0 && ms[i - 1].sent == m->sent && ms[i - 1].tok_end > p);
}

/* Is role ms[i] one that names no office ("leader", "chief") right after
 * an institution's possessive ("the Senate's ... leaders", at most three
 * words between)? */
static int institution_owned(const dict_mention *ms, size_t i)
{
    const dict_mention *m = &ms[i], *o = i > 0 ? &ms[i - 1] : NULL;
    return m->agent && m->agent->generic && o && o->sent == m->sent && o->agent &&
           (o->flags & DICT_M_POSSESSIVE) && !(o->flags & DICT_M_PERSON) &&
           o->tok_end <= m->tok_begin && m->tok_begin - o->tok_end <= 3;
}

/* Roles that a story about one country means as its own when it names no
 * other: its government, police, courts, parliament, parties, former
 * officials, people. Not its forces: "troops", "the navy" in a story are
 * as often another country's, sent or fought. */
static int home_role(const char *role)
{
    static const char *r[] = {"GOV", "COP", "JUD", "LEG", "OPP", "PTY", "SPY", "CVL", "LAB", "ELI",
                              NULL};
    for (int i = 0; r[i]; i++)
        if (strcmp(role, r[i]) == 0)
            return 1;
    return 0;
}

/* Give role nouns with no country ("police", "the foreign minister") one:
 * the nearest state of the sentence (sentence_owner), or the document's
 * home country (doc_home) when the sentence names no state, or names one
 * only after the role and not as its owner: "the foreign minister
 * criticised China", in a story about Japan, is Japan's minister; "the
 * foreign minister of China" is China's. A religious or ethnic group gets
 * the country it is placed in. */
static void attach_bare_agents(const dict_set *ds, const txt_analysis *an, dict_mention *ms,
                               size_t n, const txt_date *date, const char *title_cc)
{
    const dict_entry *home = doc_home(ds, ms, n, dict_date_key(date), title_cc);
    for (size_t i = 0; i < n; i++) {
        dict_mention *m = &ms[i];
        int group = countryless_group(m);
        if ((!(m->flags & DICT_M_BARE_AGENT) && !group) || unknown_owner(an, ms, i))
            continue;
        if (!group && institution_owned(ms, i)) {
            /* "the Senate's Democratic and Republican leaders": a role that
             * names no office, owned by an institution, is the
             * institution (USALEG; bare LEG when the Senate has no
             * country either) */
            const dict_mention *o = &ms[i - 1];
            m->entry = o->entry;
            m->agent = o->agent;
            m->flags = (m->flags & ~(uint32_t)DICT_M_BARE_AGENT) |
                       (o->flags & (DICT_M_BARE_AGENT | DICT_M_INFERRED));
            memcpy(m->code, o->code, sizeof m->code);
            continue;
        }
        const dict_mention *best = sentence_owner(ds, an->toks, (uint32_t)an->ntok, ms, n, i, group);
        const dict_entry *e = best ? (best->adj_entry ? best->adj_entry : best->entry) : NULL;
        int homely = home && !group && m->agent && home_role(m->agent->role);
        if (homely && (!e || (best->tok_begin >= m->tok_end && !owner_after(ds, an->toks, m, best)))) {
            e = home;
            m->flags |= DICT_M_HOME;
        }
        if (!e)
            continue;
        if (group) {
            m->adj_entry = e;
        } else {
            m->entry = e;
            m->flags &= ~(uint32_t)DICT_M_BARE_AGENT;
        }
        m->flags |= DICT_M_INFERRED;
        dict_mention_code(m, date, m->code);
    }
}

/* Is token t a lower-case word ending in "ing" or "ed" (a participle, as
 * far as the dictionary stage can tell)? */
static int participle_form(const txt_token *t)
{
    size_t n = t->norm_len;
    return (t->flags & TXT_TOK_WORD) && !(t->flags & (TXT_TOK_CAP | TXT_TOK_UPPER)) &&
           ((n > 4 && memcmp(t->norm + n - 3, "ing", 3) == 0) ||
            (n > 3 && memcmp(t->norm + n - 2, "ed", 2) == 0));
}

/* "Before visiting Kenya, Chinese Foreign Minister Wang Yi made ...": the
 * object of a participle that opens the sentence and the subject after the
 * comma are no list. Undo two-member lists joined by a comma alone whose
 * first member follows such a participle, within the sentence's first
 * three words. */
static void unlink_fronted(const dict_set *ds, const txt_analysis *an, dict_mention *ms,
                           size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        dict_mention *a = &ms[i], *b = &ms[i + 1];
        const txt_sentence *s = &an->sents[a->sent];
        if (a->list < 0 || (size_t)a->list != i || b->list != a->list ||
            (i + 2 < n && ms[i + 2].list == a->list) || a->tok_begin == s->tok_begin ||
            a->tok_begin > s->tok_begin + 3 || !participle_form(&an->toks[a->tok_begin - 1]))
            continue;
        int conj = 0;
        for (uint32_t j = a->tok_end; j < b->tok_begin; j++)
            conj |= is_tok(&an->toks[j], ds->and_hash) || is_tok(&an->toks[j], ds->amp_hash);
        if (!conj)
            a->list = b->list = -1;
    }
}

/* Link consecutive mentions separated only by ",", "and", "&" (and "the")
 * into compound lists: "the US, Japan and South Korea". */
static void link_lists(const dict_set *ds, const txt_analysis *an, dict_mention *ms, size_t n)
{
    const txt_token *tk = an->toks;
    size_t closed = SIZE_MAX; /* the member an "and" ended its list with */
    for (size_t i = 0; i + 1 < n; i++) {
        dict_mention *a = &ms[i], *b = &ms[i + 1];
        if (a->sent != b->sent || b->tok_begin <= a->tok_end)
            continue;
        uint32_t gap = b->tok_begin - a->tok_end;
        if (gap > 3)
            continue;
        int sep = 0, ok = 1, conj = 0;
        for (uint32_t j = a->tok_end; j < b->tok_begin; j++) {
            const txt_token *t = &tk[j];
            if (is_tok(t, ds->and_hash) || is_tok(t, ds->amp_hash) || is_tok(t, ds->comma_hash)) {
                sep = 1;
                conj |= !is_tok(t, ds->comma_hash);
            } else if (!is_tok(t, ds->the_hash))
                ok = 0;
        }
        /* "After travelling to France, Germany and Italy, Funaro hopes
         * ...": a list an "and" has ended is not continued by a comma */
        if (!ok || !sep || (closed == i && !conj))
            continue;
        if (a->flags & DICT_M_ADJ || b->flags & DICT_M_ADJ)
            continue; /* "Russian and Chinese warships": adjectives are not actors */
        int32_t first = a->list >= 0 ? a->list : (int32_t)i;
        a->list = first;
        b->list = first;
        if (conj)
            closed = i + 1;
    }
    unlink_fronted(ds, an, ms, n);
}

/* Is m a lone capitalised token in parentheses that abbreviates the words
 * right before it ("a Project of Common Interest (PCI)", not the Italian
 * Communist Party)? The text defines it: it names what those words name.
 * Words in lower case ("of", "the") do not count in the initials. */
static int defined_acronym(const txt_analysis *an, const dict_mention *m)
{
    const txt_sentence *s = &an->sents[m->sent];
    const txt_token *tk = an->toks;
    uint32_t b = m->tok_begin;
    if (m->tok_end != b + 1 || b < s->tok_begin + 2 || b + 1 >= s->tok_end ||
        !(tk[b].flags & TXT_TOK_UPPER) || tk[b].norm_len < 2 || tk[b].norm_len > 8 ||
        strcmp(tk[b - 1].norm, "(") != 0 || strcmp(tk[b + 1].norm, ")") != 0)
        return 0;
    size_t k = tk[b].norm_len;
    uint32_t j = b - 1;
    while (k > 0 && j > s->tok_begin) {
        const txt_token *w = &tk[--j];
        if (!(w->flags & TXT_TOK_WORD))
            return 0;
        if (!(w->flags & TXT_TOK_CAP))
            continue; /* "of", "for" */
        /* norm is lower case: compare the initial without case */
        if ((w->norm[0] | 0x20) != (tk[b].norm[k - 1] | 0x20))
            return 0;
        k--;
    }
    return k == 0;
}

/* The agent whose prefix words hold token hash h, or NULL. */
static const dict_entry *prefixed(const dict_set *ds, uint64_t h)
{
    for (size_t i = 0; i < ds->nprefixed; i++)
        for (size_t k = 0; k < ds->prefixed[i]->nprefix; k++)
            if (ds->prefixed[i]->prefix[k] == h)
                return ds->prefixed[i];
    return NULL;
}

/* "The former police chief", "ex-defence secretary": a prefix word of an
 * agent entry (agents.txt: "former officials", ELI) right before a
 * mention whose agent acts for a state makes that entry its agent, and the
 * word part of the mention. */
static void prefix_agents(const dict_set *ds, const txt_analysis *an, dict_mention *ms, size_t n,
                          const txt_date *date)
{
    static const char *const roles[] = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"};
    for (size_t i = 0; i < n && ds->nprefixed; i++) {
        dict_mention *m = &ms[i];
        int state = 0;
        for (size_t r = 0; m->agent && r < sizeof roles / sizeof *roles && !state; r++)
            state = strcmp(m->agent->role, roles[r]) == 0;
        uint32_t first = an->sents[m->sent].tok_begin, t = m->tok_begin;
        if (!state || m->agent->nprefix || t == first)
            continue;
        if ((an->toks[t - 1].flags & TXT_TOK_HYPHEN) && t - 1 > first)
            t--; /* "ex-minister" */
        const dict_entry *p = prefixed(ds, an->toks[t - 1].hash);
        if (!p || (i > 0 && ms[i - 1].sent == m->sent && ms[i - 1].tok_end > t - 1))
            continue;
        m->agent = p;
        m->tok_begin = t - 1;
        m->start = an->toks[t - 1].start;
        m->flags |= DICT_M_AGENT;
        dict_mention_code(m, date, m->code);
    }
}

/* The raw mentions of sentence si into mv (combine), through the scratch
 * array *rs of *rcap entries. Returns 0 or DY_ENOMEM. */
static int sentence_mentions(const dict_set *ds, const txt_analysis *an, uint32_t si,
                             const txt_date *date, raw **rs, size_t *rcap, mvec *mv)
{
    const txt_sentence *s = &an->sents[si];
    size_t nr = 0;
    for (uint32_t i = s->tok_begin; i < s->tok_end; i++) {
        const txt_token *x = &an->toks[i];
        const uint64_t *rf =
            (x->flags & (TXT_TOK_CAP | TXT_TOK_UPPER)) ? ds->root_filter : ds->low_filter;
        if (!filter_has(rf, x->hash)) {
            /* A longer form: its second token is the next one that is
             * not a hyphen (as in longest_at). */
            uint32_t j = i + 1;
            while (j < s->tok_end && (an->toks[j].flags & TXT_TOK_HYPHEN))
                j++;
            if (j == s->tok_end || !filter_has(ds->pair_filter, pair_key(x->hash, an->toks[j].hash)))
                continue;
        }
        const dict_form *f = NULL;
        uint32_t e = longest_at(ds, an->toks, i, s->tok_end, &f);
        if (e == i)
            continue;
        if (is_tok(x, ds->the_hash) && i + 1 < s->tok_end) {
            /* A form with its article ("The West") yields to a longer
             * one right after the article ("the West Bank"). */
            const dict_form *g = NULL;
            uint32_t e2 = longest_at(ds, an->toks, i + 1, s->tok_end, &g);
            if (e2 > e) {
                e = e2;
                f = g;
                i++;
            }
        }
        if (nr == *rcap) {
            size_t nc = *rcap ? *rcap * 2 : 32;
            raw *v = dy_arena_grow(mv->a, *rs, nr, nc, sizeof *v);
            if (!v)
                return DY_ENOMEM;
            *rs = v;
            *rcap = nc;
        }
        (*rs)[nr++] = (raw){i, e, f};
        i = e - 1;
    }
    return nr && combine(ds, an, si, *rs, nr, date, mv) ? DY_ENOMEM : 0;
}

/* The mentions of analysis an into mv, before roles get their countries:
 * raw mentions of every sentence, less the names that are parts of longer
 * names, modifiers and qualifiers. Returns 0 or DY_ENOMEM. */
static int collect_mentions(const dict_set *ds, const txt_analysis *an, const txt_date *date,
                            mvec *mv)
{
    raw *rs = NULL;
    size_t rcap = 0;
    for (uint32_t si = 0; si < an->nsent; si++)
        if (sentence_mentions(ds, an, si, date, &rs, &rcap, mv))
            return DY_ENOMEM;
    size_t kept = 0;
    for (size_t i = 0; i < mv->n; i++) {
        const dict_mention *next = i + 1 < mv->n ? &mv->v[i + 1] : NULL;
        if (!modifier_agent(ds, an, &mv->v[i], next) && !defined_acronym(an, &mv->v[i]) &&
            !name_part(an, &mv->v[i], next) && !state_qualifier(an, &mv->v[i], next) &&
            !premature_surname(an, &mv->v[i], dict_date_key(date)) &&
            !origin_modifier(an, &mv->v[i]) && !seat_modifier(ds, an, &mv->v[i]) &&
            !bracketed_name(ds, an, &mv->v[i]) && !water_name(an, &mv->v[i]))
            mv->v[kept++] = mv->v[i];
    }
    mv->n = kept;
    return 0;
}

/* The one country the document's title names as its subject or its place,
 * into cc ("" when it names none, or several, or only as an object). The
 * title is analysed in arena a. Returns 0 or DY_ENOMEM. */
static int title_country(const dict_set *ds, const txt_analysis *an, const txt_date *date,
                         dy_arena *a, char cc[4])
{
    cc[0] = '\0';
    const char *title = an->doc ? an->doc->title : NULL;
    if (!title || !title[0])
        return 0;
    txt_doc td = {.id = an->doc->id, .text = (char *)title, .len = strlen(title),
                  .date = an->doc->date};
    txt_analysis tan;
    dy_err terr;
    int rc = txt_analyze(&td, a, &tan, &terr);
    if (rc)
        return rc == DY_ENOMEM ? DY_ENOMEM : 0; /* (a title of 4 GiB names none) */
    mvec mv = {.a = a};
    if (collect_mentions(ds, &tan, date, &mv))
        return DY_ENOMEM;
    country_count c[MAX_COUNTRIES];
    if (count_countries(mv.v, mv.n, c) != 1)
        return 0;
    /* named as the subject or the place, not as the object: "U.S. SENATE
     * LEADERS SEE NO TRADE WAR BREWING", "Arrests made in theft of gold
     * toilet in England", "Bus overturns in Babyninsky, Russia" are those
     * countries' stories, "Short attacks US over tsunami aid" is not */
    for (size_t i = 0; i < mv.n; i++) {
        uint32_t b = mv.v[i].tok_begin;
        if (b >= 2 && is_tok(&tan.toks[b - 1], ds->the_hash))
            b--; /* "in the United States" */
        if (strncmp(mv.v[i].code, c[0].cc, 3) == 0 &&
            (b <= 1 || is_tok(&tan.toks[b - 1], ds->in_hash) ||
             is_tok(&tan.toks[b - 1], ds->comma_hash))) {
            memcpy(cc, c[0].cc, 4);
            break;
        }
    }
    return 0;
}

/* Is m a short acronym ("PAP", "RSF", "NTC") of a national group or body
 * (not a state's own name, an international organisation or the media),
 * alone or with a role after it ("EFF lawyer")? */
static int national_acronym(const txt_analysis *an, const dict_mention *m)
{
    const txt_token *t = &an->toks[m->tok_begin];
    size_t n = strlen(m->code);
    uint32_t len = m->tok_end - m->tok_begin - ((m->flags & DICT_M_POSSESSIVE) != 0);
    /* (a role after the group's own acronym, not a title after a state's:
     * "US President George Bush" is a person) */
    int role_after = m->agent && len > 1 && m->entry && m->entry->kind == DICT_GROUP &&
                     !m->adj_entry;
    return (m->agent ? role_after : len == 1) && (t->flags & TXT_TOK_UPPER) && t->norm_len >= 2 &&
           t->norm_len <= 5 && m->entry && m->entry->kind != DICT_STATE && n >= 3 &&
           strncmp(m->code, "IGO", 3) && strncmp(m->code, "NGO", 3) &&
           strncmp(m->code, "IMG", 3) && !(n >= 6 && strncmp(m->code + 3, "MED", 3) == 0);
}

/* Drop from mv the acronyms of national groups whose country the document
 * names nowhere else: "PAP" in a story about a fire in Poland is the news
 * agency, not Singapore's ruling party; "RSF" beside a Yemeni journalist is
 * Reporters Without Borders, not Sudan's militia; "USC" a university. */
static void drop_stray_acronyms(const txt_analysis *an, mvec *mv)
{
    size_t kept = 0;
    for (size_t i = 0; i < mv->n; i++) {
        const dict_mention *m = &mv->v[i];
        int stray = national_acronym(an, m);
        for (size_t k = 0; k < mv->n && stray; k++)
            if (k != i && !national_acronym(an, &mv->v[k]) && strlen(mv->v[k].code) >= 3 &&
                strncmp(mv->v[k].code, m->code, 3) == 0)
                stray = 0;
        if (!stray)
            mv->v[kept++] = *m;
    }
    mv->n = kept;
}

/* "the media watchdog, Reporters Without Borders", "the opposition leader,
 * Alexei Navalny": a role noun whose country we supplied, followed by a
 * comma and a name we know (no state, no role of its own), is that name
 * described, not a list of two actors: one mention over both, with the
 * name's identity.
 * (A third member, "police, the Red Cross and ...", makes it a list.) */
static void merge_appositive_roles(const dict_set *ds, const txt_analysis *an, mvec *mv)
{
    size_t kept = 0;
    for (size_t i = 0; i < mv->n; i++) {
        dict_mention *a = &mv->v[i];
        const dict_mention *b = i + 1 < mv->n ? &mv->v[i + 1] : NULL;
        const uint32_t described = DICT_M_INFERRED | DICT_M_BARE_AGENT;
        /* after a comma any name; right after the role, an organisation or
         * group ("the human rights group Amnesty International"), not a
         * person, whom a title before the name already makes one mention */
        int joined = b && a->sent == b->sent &&
                     ((b->tok_begin == a->tok_end + 1 &&
                       is_tok(&an->toks[a->tok_end], ds->comma_hash)) ||
                      (b->tok_begin == a->tok_end && b->entry &&
                       (b->entry->kind == DICT_ORG || b->entry->kind == DICT_GROUP)));
        int appositive =
            joined && a->agent && (a->flags & described) &&
            !(a->flags & (DICT_M_PERSON | DICT_M_ADJ)) && b->entry &&
            b->entry->kind != DICT_STATE && !(b->flags & (described | DICT_M_ADJ)) &&
            !(b->tok_end < an->sents[b->sent].tok_end &&
              (is_tok(&an->toks[b->tok_end], ds->and_hash) ||
               (is_tok(&an->toks[b->tok_end], ds->comma_hash) && i + 2 < mv->n &&
                mv->v[i + 2].sent == b->sent && mv->v[i + 2].tok_begin <= b->tok_end + 2)));
        if (appositive) {
            a->entry = b->entry;
            a->agent = b->agent;
            a->adj_entry = b->adj_entry;
            a->flags = (a->flags & DICT_M_POSSESSIVE) | (b->flags & ~(uint32_t)DICT_M_POSSESSIVE);
            memcpy(a->code, b->code, sizeof a->code);
            a->tok_end = b->tok_end; /* one mention over both */
            a->end = b->end;
            mv->v[kept++] = *a;
            i++; /* b is a now */
            continue;
        }
        mv->v[kept++] = *a;
    }
    mv->n = kept;
}

int dict_match(const dict_set *ds, const txt_analysis *an, const txt_date *date,
               dy_arena *a, dict_mention **out, size_t *nout, dy_err *err)
{
    *out = NULL;
    *nout = 0;
    if (!ds->compiled)
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "dictionary set not compiled");
    mvec mv = {.a = a};
    char title_cc[4];
    if (collect_mentions(ds, an, date, &mv) || title_country(ds, an, date, a, title_cc))
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    drop_stray_acronyms(an, &mv);
    attach_bare_agents(ds, an, mv.v, mv.n, date, title_cc);
    prefix_agents(ds, an, mv.v, mv.n, date);
    merge_appositive_roles(ds, an, &mv);
    if (dict_link_surnames(ds, an, &mv.v, &mv.n, a))
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    link_lists(ds, an, mv.v, mv.n);
    /* Ordered and non-overlapping (dict.h): the coder maps tokens to
     * mentions through it. */
    for (size_t i = 0; i < mv.n; i++)
        DY_ASSERT(mv.v[i].tok_begin < mv.v[i].tok_end &&
                  (i == 0 || (mv.v[i - 1].sent <= mv.v[i].sent &&
                              mv.v[i - 1].tok_end <= mv.v[i].tok_begin)));
    *out = mv.v;
    *nout = mv.n;
    return 0;
}

/* Roles that act for a state: with them an adjective names the state
 * ("Palestinian police" PSECOP), with others the people. */
static int state_role(const char *role)
{
    static const char *r[] = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "REB", NULL};
    for (int i = 0; r[i]; i++)
        if (strcmp(role, r[i]) == 0)
            return 1;
    return 0;
}

size_t dict_mention_code(const dict_mention *m, const txt_date *date, char out[32])
{
    int32_t key = dict_date_key(date);
    if (!m->entry) {
        dict_code_cat(out, m->agent ? m->agent->role : "", NULL);
        return strlen(out);
    }
    char base[32];
    dict_entry_code_at(m->entry, key, base);
    size_t bn = strlen(base);
    if (m->adj_entry && !m->agent && m->entry->kind == DICT_GROUP) {
        /* a religious or ethnic group placed in a country (countryless_group) */
        char c[32];
        dict_entry_code_at(m->adj_entry, key, c);
        if (strlen(c) >= 3 && strncmp(c, "IGO", 3) && strncmp(c, "NGO", 3)) {
            c[3] = '\0';
            dict_code_cat(out, c, base);
            return strlen(out);
        }
    }
    if ((m->flags & DICT_M_PERSON) && m->agent && m->agent->generic && bn > 3) {
        /* "Labour leader Jeremy Corbyn": a title that names no office says
         * less than the person's own role (GBROPP). */
        dict_code_cat(out, base, NULL);
    } else if ((m->flags & DICT_M_PERSON) && m->agent && m->adj_entry && bn >= 3) {
        /* "Israeli Prime Minister Ehud Barak": the text says who and what
         * the person is at the time, whatever the dictionary's terms say. */
        char cb[32];
        dict_entry_code_at(m->adj_entry, key, cb);
        dict_code_cat3(out, cb, m->agent->role);
    } else if ((m->flags & DICT_M_PERSON) && m->agent && bn >= 3 &&
               strncmp(base, "IGO", 3) && strncmp(base, "NGO", 3)) {
        /* "President Reagan", "former President Carter": the title's role
         * with the person's country. */
        dict_code_cat3(out, base, m->agent->role);
    } else if (m->flags & DICT_M_PERSON) {
        dict_code_cat(out, base, NULL);
    } else if (m->agent && m->entry->people[0] && !state_role(m->agent->role)) {
        /* "Palestinian refugees": the people, not the state (PALREF). */
        dict_code_cat(out, m->entry->people, m->agent->role);
    } else if ((m->flags & DICT_M_ADJ) && m->entry->people[0]) {
        dict_code_cat(out, m->entry->people, NULL);
    } else if (m->agent) {
        /* A country plus the agent's role; organisations and groups keep
         * their own code ("NATO troops" is NATO). A person owning the agent
         * ("Putin's spokesman") lends their country. */
        int country = m->entry->kind == DICT_STATE || m->entry->kind == DICT_PERSON;
        if (country && bn >= 3 && strncmp(base, "IGO", 3) && strncmp(base, "NGO", 3))
            dict_code_cat3(out, base, m->agent->role);
        else
            dict_code_cat(out, base, NULL);
    } else if (m->flags & DICT_M_SEAT && bn == 3) {
        dict_code_cat3(out, base, "GOV");
    } else {
        dict_code_cat(out, base, NULL);
    }
    return strlen(out);
}

int dict_unknown_names(const dict_set *ds, const txt_analysis *an, uint32_t sent,
                       const dict_mention *ms, size_t nm, dy_arena *a,
                       uint32_t (**out)[2], size_t *nout)
{
    /* Function words that are capitalised only because they start a
     * sentence or a title. */
    static const char *stop[] = {"the", "a", "an", "in", "on", "at", "he", "she", "it", "they",
                                 "we", "i", "but", "and", "or", "if", "this", "that", "these",
                                 "those", "there", "his", "her", "its", "their", "our", "after",
                                 "before", "when", "while", "as", "for", "with", "by", "from",
                                 "to", "of", "new", "mr", "mrs", "ms", "dr", "monday", "tuesday",
                                 "wednesday", "thursday", "friday", "saturday", "sunday",
                                 "january", "february", "march", "april", "may", "june", "july",
                                 "august", "september", "october", "november", "december",
                                 "reuter", "reuters", NULL};
    (void)ds;
    const txt_sentence *s = &an->sents[sent];
    const txt_token *tk = an->toks;
    size_t n = 0, cap = 0;
    uint32_t(*v)[2] = NULL;
    size_t mi = 0;
    while (mi < nm && ms[mi].sent < sent)
        mi++;
    uint32_t i = s->tok_begin;
    while (i < s->tok_end) {
        while (mi < nm && ms[mi].sent == sent && ms[mi].tok_end <= i)
            mi++;
        int covered = mi < nm && ms[mi].sent == sent && ms[mi].tok_begin <= i;
        if (covered || !(tk[i].flags & TXT_TOK_CAP) || !(tk[i].flags & TXT_TOK_WORD)) {
            i++;
            continue;
        }
        uint32_t j = i;
        while (j < s->tok_end && (tk[j].flags & TXT_TOK_CAP) && (tk[j].flags & TXT_TOK_WORD) &&
               !(mi < nm && ms[mi].sent == sent && ms[mi].tok_begin <= j))
            j++;
        /* Drop leading function words ("The Foo Bar" -> "Foo Bar"). */
        uint32_t b = i;
        while (b < j) {
            int isstop = 0;
            for (int k = 0; stop[k]; k++)
                if (strcmp(tk[b].norm, stop[k]) == 0)
                    isstop = 1;
            if (!isstop)
                break;
            b++;
        }
        if (b < j && !(j - b == 1 && b == s->tok_begin) && !(tk[b].flags & TXT_TOK_UPPER && j - b == 1 && tk[b].norm_len == 1)) {
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 8;
                uint32_t(*nv)[2] = dy_arena_grow(a, v, n, nc, sizeof *v);
                if (!nv)
                    return DY_ENOMEM;
                v = nv;
                cap = nc;
            }
            v[n][0] = b;
            v[n][1] = j;
            n++;
        }
        i = j > i ? j : i + 1;
    }
    *out = v;
    *nout = n;
    return 0;
}
