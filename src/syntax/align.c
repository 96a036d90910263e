/* align.c - treebank words and dyad tokens.
 *
 * The treebank and dyad's tokenizer mostly agree (both split "don't" and
 * "Russia's", both split hyphenated compounds), but not always: dyad
 * splits "e-mail" and "303-832-8160", keeps "cannot" and "5.5bn" whole.
 * The model is trained on dyad's tokens, so that it sees at run time what
 * it saw in training: each token takes the annotation of the word it
 * covers most, and heads are mapped through the words' representatives.
 */
#include "syntax/syntax_conllu.h"

#include <string.h>

static uint32_t overlap(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1)
{
    uint32_t lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
    return hi > lo ? hi - lo : 0;
}

/* word_of[i]: the word that covers token i most (-1 when none). */
static void map_tokens(const syn_csent *s, const txt_token *t, size_t n, int *word_of)
{
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        while (j < s->n && s->w[j].end <= t[i].start)
            j++;
        int best = -1;
        uint32_t bo = 0;
        for (size_t k = j; k < s->n && s->w[k].start < t[i].end; k++) {
            uint32_t o = overlap(t[i].start, t[i].end, s->w[k].start, s->w[k].end);
            if (o > bo) {
                bo = o;
                best = (int)k;
            }
        }
        word_of[i] = best;
    }
}

/* rep[j]: the token that stands for word j: the last of its tokens that is
 * not punctuation (or its last token), else the token overlapping it. */
static int representatives(const syn_csent *s, const txt_token *t, size_t n,
                           const int *word_of, int *rep)
{
    for (size_t j = 0; j < s->n; j++)
        rep[j] = -1;
    for (size_t i = 0; i < n; i++) {
        int j = word_of[i];
        if (j < 0)
            continue;
        if (rep[j] < 0 || !(t[i].flags & TXT_TOK_PUNCT) || (t[rep[j]].flags & TXT_TOK_PUNCT))
            rep[j] = (int)i;
    }
    for (size_t j = 0; j < s->n; j++) {
        if (rep[j] >= 0)
            continue;
        for (size_t i = 0; i < n; i++)
            if (overlap(t[i].start, t[i].end, s->w[j].start, s->w[j].end) ||
                (t[i].start <= s->w[j].start && s->w[j].start < t[i].end)) {
                rep[j] = (int)i;
                break;
            }
        if (rep[j] < 0)
            return -1; /* a word no token covers */
    }
    return 0;
}

/* The head token of word j: the representative of the first word up its
 * chain that another token stands for (n for the root). */
static int head_token(const syn_csent *s, const int *rep, int j, int self, int n)
{
    for (size_t steps = 0; steps <= s->n; steps++) {
        int h = s->w[j].head;
        if (h < 0)
            return n;
        if (rep[h] != self)
            return rep[h];
        j = h;
    }
    return n;
}

/* The word token i stands for: among the words whose representative it is,
 * the one whose head lies outside that set; -1 when it stands for none. */
static int top_word(const syn_csent *s, const int *rep, int i)
{
    int first = -1;
    for (size_t j = 0; j < s->n; j++) {
        if (rep[j] != i)
            continue;
        if (first < 0)
            first = (int)j;
        int h = s->w[j].head;
        if (h < 0 || rep[h] != i)
            return (int)j;
    }
    return first;
}

/* Contract in syntax_conllu.h. */
int syn_align(const syn_csent *s, const syn_model *m, dy_arena *a, syn_gold *out)
{
    memset(out, 0, sizeof *out);
    dy_err err;
    txt_token *t;
    size_t n;
    if (txt_tokenize(s->text, s->len, a, &t, &n, &err))
        return DY_ENOMEM;
    if (n == 0 || n > SYN_MAX_TOKENS)
        return DY_EPARSE;
    int *word_of = dy_arena_alloc(a, n * sizeof *word_of);
    int *rep = dy_arena_alloc(a, (s->n ? s->n : 1) * sizeof *rep);
    out->tag = dy_arena_alloc(a, n);
    out->head = dy_arena_alloc(a, (n + 1) * sizeof *out->head);
    out->rel = dy_arena_alloc(a, n + 1);
    if (!word_of || !rep || !out->tag || !out->head || !out->rel)
        return DY_ENOMEM;
    map_tokens(s, t, n, word_of);
    if (representatives(s, t, n, word_of, rep))
        return DY_EPARSE;
    for (size_t i = 0; i < n; i++) {
        int j = top_word(s, rep, (int)i);
        if (j >= 0) {
            out->head[i] = head_token(s, rep, j, (int)i, (int)n);
            out->rel[i] = (uint8_t)s->w[j].rel;
            int tag = syn_model_tag_find(m, s->w[j].upos, s->w[j].xpos);
            if (tag < 0)
                return DY_EPARSE;
            out->tag[i] = (uint8_t)tag;
            continue;
        }
        /* A piece of a word split into several tokens. */
        j = word_of[i];
        if (j < 0)
            return DY_EPARSE;
        out->head[i] = rep[j];
        if (t[i].flags & TXT_TOK_PUNCT) {
            out->rel[i] = SYN_REL_PUNCT;
            out->tag[i] = m->punct_tag;
        } else {
            out->rel[i] = SYN_REL_COMPOUND;
            int tag = syn_model_tag_find(m, s->w[j].upos, s->w[j].xpos);
            if (tag < 0)
                return DY_EPARSE;
            out->tag[i] = (uint8_t)tag;
        }
    }
    out->text = s->text;
    out->toks = t;
    out->n = n;
    return 0;
}

/* Contract in syntax_conllu.h. */
int syn_gold_tokens(const syn_csent *s, dy_arena *a, txt_token **out)
{
    txt_token *t = dy_arena_alloc(a, (s->n ? s->n : 1) * sizeof *t);
    if (!t)
        return DY_ENOMEM;
    for (size_t j = 0; j < s->n; j++) {
        const syn_cword *w = &s->w[j];
        txt_token *pieces;
        size_t np;
        dy_err err;
        if (txt_tokenize(s->text + w->start, w->end - w->start, a, &pieces, &np, &err))
            return DY_ENOMEM;
        txt_token k = {.start = w->start, .end = w->end};
        if (np == 1) {
            k.flags = pieces[0].flags;
            k.norm = pieces[0].norm;
            k.norm_len = pieces[0].norm_len;
        } else {
            /* Join the pieces' normal forms ("e-mail"). */
            size_t len = 0;
            for (size_t p = 0; p < np; p++)
                len += pieces[p].norm_len;
            char *norm = dy_arena_alloc(a, len + 1);
            if (!norm)
                return DY_ENOMEM;
            len = 0;
            for (size_t p = 0; p < np; p++) {
                memcpy(norm + len, pieces[p].norm, pieces[p].norm_len);
                len += pieces[p].norm_len;
            }
            norm[len] = '\0';
            k.norm = norm;
            k.norm_len = (uint32_t)len;
            k.flags = np ? pieces[0].flags & ~(uint32_t)TXT_TOK_SENT_END : TXT_TOK_PUNCT;
        }
        k.hash = txt_hash(k.norm ? k.norm : "", k.norm_len);
        if (!k.norm)
            k.norm = "";
        t[j] = k;
    }
    *out = t;
    return 0;
}
