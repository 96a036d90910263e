/* evdate.c - the dates of the coder's events (code_evdate.h; docs/coder.md,
 * "Dates"). */
#include "code/code_evdate.h"
#include "core/invariant.h"

#include <string.h>

/* Sentences that make a story's lead. */
#define LEAD_SENTENCES 2
/* How many days before the document date a lead's day may be. */
#define LEAD_DAYS 7

/* Contract in code_evdate.h. */
code_evdate_state code_evdate_start(void)
{
    return (code_evdate_state){.prev_timex = -1, .lead_timex = -1};
}

/* Take time expression tx (of a lead sentence) as the day of the story's
 * news when it names a day in the week before the document date: a later
 * day, or one long before, dates something else than the news. */
static void set_lead(const txt_analysis *an, uint32_t tx, code_evdate_state *st)
{
    txt_date d = an->timex[tx].date, doc = an->doc->date;
    if (d.prec != TXT_PREC_DAY || doc.prec != TXT_PREC_DAY || txt_date_cmp(&d, &doc) > 0)
        return;
    txt_date floor = txt_date_add_days(doc, -LEAD_DAYS);
    if (txt_date_cmp(&d, &floor) < 0)
        return;
    st->lead_date = d;
    st->lead_timex = (int32_t)tx;
}

/* Contract in code_evdate.h. */
void code_evdate_sentence_done(const txt_analysis *an, uint32_t si, code_evdate_state *st)
{
    DY_ASSERT(si < an->nsent);
    const txt_sentence *s = &an->sents[si];
    if (s->timex_end <= s->timex_begin)
        return;
    st->prev_timex = (int32_t)s->timex_begin;
    st->prev_date = an->timex[s->timex_begin].date;
    if (si < LEAD_SENTENCES && st->lead_timex < 0)
        set_lead(an, s->timex_begin, st);
}

/* Contract in code_evdate.h. */
int code_evdate_in_timex(const txt_analysis *an, uint32_t si, uint32_t t)
{
    DY_ASSERT(si < an->nsent && t < an->ntok);
    const txt_sentence *s = &an->sents[si];
    for (uint32_t i = s->timex_begin; i < s->timex_end; i++)
        if (an->toks[t].start >= an->timex[i].start && an->toks[t].end <= an->timex[i].end)
            return 1;
    return 0;
}

/* The tokens [*b, *e) of time expression tx in v's sentence; 0 when none
 * lies in it. */
static int timex_tokens(const code_view *v, int32_t tx, uint32_t *b, uint32_t *e)
{
    const txt_timex *x = &v->an->timex[tx];
    *b = *e = 0;
    for (uint32_t t = v->s.tb; t < v->s.te; t++) {
        if (v->s.tk[t].start < x->start || v->s.tk[t].end > x->end)
            continue;
        if (*e == 0)
            *b = t;
        *e = t + 1;
    }
    return *e > *b;
}

/* Contract in code_evdate.h. */
int code_evdate_future(const code_view *v, uint32_t w, const int32_t *txs, size_t ntx,
                       uint32_t *cb, uint32_t *ce)
{
    const txt_date doc = v->an->doc ? v->an->doc->date : (txt_date){0};
    if (!v->s.tree || doc.prec != TXT_PREC_DAY)
        return 0;
    for (size_t i = 0; i < ntx; i++) {
        uint32_t b, e;
        /* only expressions relative to the document ("tomorrow", "next
         * week"): a year or month that merely lies later ("debt maturing in
         * 1991", "helicopters for the 1990s", "in November" read in the
         * document's year) dates something else, or was guessed */
        if (txs[i] < 0 || v->an->timex[txs[i]].date.prec == TXT_PREC_NONE ||
            (v->an->timex[txs[i]].flags & (TXT_TIMEX_RELATIVE | TXT_TIMEX_IMPLICIT_YEAR)) !=
                TXT_TIMEX_RELATIVE ||
            txt_date_cmp(&v->an->timex[txs[i]].date, &doc) <= 0 || !timex_tokens(v, txs[i], &b, &e))
            continue;
        /* the expression's head: its token whose head lies outside it */
        for (uint32_t t = b; t < e; t++) {
            uint32_t h = code_syntax_head(&v->s, t);
            if (h != UINT32_MAX && h >= b && h < e)
                continue;
            int hr = h == UINT32_MAX ? -1 : syn_rel_universal(code_syntax_rel(&v->s, h));
            if (h == w || (code_syntax_head(&v->s, h) == w &&
                           (hr == SYN_REL_NMOD || hr == SYN_REL_OBJ))) {
                *cb = b;
                *ce = e;
                return 1;
            }
            break;
        }
    }
    return 0;
}

/* The head of time expression tx's tokens [b, e): its token whose head
 * lies outside it; UINT32_MAX when none (a cycle, never in a tree). */
static uint32_t timex_head(const code_view *v, uint32_t b, uint32_t e)
{
    for (uint32_t t = b; t < e; t++) {
        uint32_t h = code_syntax_head(&v->s, t);
        if (h == UINT32_MAX || h < b || h >= e)
            return t;
    }
    return UINT32_MAX;
}

/* Does token a dominate token t in the parse (a == t counts)? */
static int dominates(const code_view *v, uint32_t a, uint32_t t)
{
    for (uint32_t steps = 0; t != UINT32_MAX && steps <= v->s.te - v->s.tb; steps++) {
        if (t == a)
            return 1;
        t = code_syntax_head(&v->s, t);
    }
    return 0;
}

/* Contract in code_evdate.h. */
int code_evdate_foreign(const code_view *v, uint32_t w, int32_t tx)
{
    uint32_t b, e;
    if (!v->s.tree || tx < 0 || !timex_tokens(v, tx, &b, &e))
        return 0;
    uint32_t h = timex_head(v, b, e);
    if (h == UINT32_MAX)
        return 0;
    /* the verb the expression dates: the first verb above its head */
    uint32_t u = code_syntax_head(&v->s, h);
    for (uint32_t steps = 0; u != UINT32_MAX && v->s.tree->upos[u - v->s.tb] != SYN_VERB &&
                             steps <= v->s.te - v->s.tb;
         steps++)
        u = code_syntax_head(&v->s, u);
    if (u == UINT32_MAX)
        return 0;
    return !dominates(v, u, w) && !dominates(v, w, u);
}

/* Bytes between offsets a and b, whichever comes first. */
static uint32_t distance(uint32_t a, uint32_t b) { return a > b ? a - b : b - a; }

/* Contract in code_evdate.h. */
size_t code_evdate_timexes(const txt_analysis *an, uint32_t si, uint32_t v,
                           int32_t txs[CODE_EVDATE_MAX])
{
    DY_ASSERT(si < an->nsent && v < an->ntok);
    const txt_sentence *s = &an->sents[si];
    int32_t tx = -1;
    uint32_t vb = an->toks[v].start;
    for (uint32_t t = s->timex_begin; t < s->timex_end; t++) {
        uint32_t d = distance(an->timex[t].start, vb);
        uint32_t bd = tx < 0 ? UINT32_MAX : distance(an->timex[tx].start, vb);
        if (d < bd)
            tx = (int32_t)t;
    }
    size_t ntx = 0;
    if (tx >= 0 && an->timex[tx].list >= 0) {
        for (uint32_t t = (uint32_t)an->timex[tx].list; t < an->ntimex && ntx < CODE_EVDATE_MAX;
             t++)
            if (an->timex[t].list == an->timex[tx].list)
                txs[ntx++] = (int32_t)t;
    } else {
        txs[ntx++] = tx;
    }
    return ntx;
}

/* Contract in code_evdate.h. */
int32_t code_evdate_date(const code_view *v, int32_t tx, const code_evdate_state *st,
                         const char *code, txt_date *date)
{
    const txt_analysis *an = v->an;
    DY_ASSERT(v->si < an->nsent && (tx < 0 || (size_t)tx < an->ntimex));
    const txt_sentence *s = &an->sents[v->si];
    *date = an->doc->date;
    if (tx >= 0) {
        *date = an->timex[tx].date;
        return tx;
    }
    if (st->prev_timex < 0 || s->tok_begin >= s->tok_end)
        return -1;
    uint32_t lim = s->tok_begin + 5 < s->tok_end ? s->tok_begin + 5 : s->tok_end;
    for (uint32_t j = s->tok_begin; j < lim; j++)
        if (code_view_has_cue(v, j, CODE_CUE_CARRY)) {
            *date = st->prev_date;
            return st->prev_timex;
        }
    /* Force with no time of its own in a story whose lead dates its news
     * ("Police soon arrived and detained the man") belongs to that day, not
     * to the day the story was published. Words are as often said on
     * publication day. */
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    if (st->lead_timex >= 0 && root >= 14 && root != 16) {
        *date = st->lead_date;
        return st->lead_timex;
    }
    return -1;
}

/* Contract in code_evdate.h. */
int32_t code_evdate_restated(code_event *ev, size_t n)
{
    DY_ASSERT(n >= 1);
    code_event *e = &ev[n - 1];
    for (size_t i = n - 1; i-- > 0;) {
        const code_event *x = &ev[i];
        if (x->why.timex < 0 || strcmp(x->code, e->code) != 0)
            continue;
        int same = (strcmp(x->source, e->source) == 0 && strcmp(x->target, e->target) == 0) ||
                   (strcmp(x->source, e->target) == 0 && strcmp(x->target, e->source) == 0);
        if (same && e->source[0] && e->target[0]) {
            e->date = x->date;
            return x->why.timex;
        }
    }
    return -1;
}
