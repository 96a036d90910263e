/* misses.c - why an output event is wrong or a gold event missed, decided
 * from the event and the gold rows of its sentence (eval.h, eval_cause),
 * and the --misses listing grouped by cause. */
#include "eval/eval_internal.h"
#include "core/actor_code.h"
#include "core/alloc.h"
#include "core/vec.h"

#include <string.h>

const char *eval_cause_name(int cause)
{
    static const char *names[EVAL_CAUSES] = {
        "event in a no-event sentence",
        "event matches a must-not gold row (negated, hypothetical, alleged, future)",
        "wrong root",
        "right root, wrong source country",
        "right root and source, wrong target country",
        "source or target is a role code without country (MIL, GOV, CVL ...)",
        "right root and actors, other code",
        "right root, actors and code, wrong date",
        "missed: no event at all in the sentence",
        "missed: only events of other roots in the sentence",
        "missed: an event of its root, not right (see the false positives)",
    };
    return cause >= 0 && cause < EVAL_CAUSES ? names[cause] : "?";
}

/* An event is right when one positive row matches it at code and date. */
static int right(const eval_gold_row *r, const eval_event *e)
{
    return eval_match(r, e, EVAL_CODE) && eval_match(r, e, EVAL_DATE);
}

/* Does any row of s (positive ones when pos, must-not ones otherwise) match
 * e at level? */
static int any_row(const eval_articles *g, const art_sent *s, const eval_event *e, int pos,
                   int level)
{
    for (size_t i = 0; i < s->nrows; i++) {
        const eval_gold_row *r = &g->rows[s->rows[i]];
        if (strcmp(r->code, "-") != 0 && eval_gold_positive(r) == pos && eval_match(r, e, level))
            return 1;
    }
    return 0;
}

/* An actor with no state or organisation behind it (a bare role, region,
 * religion, people): the rule by which the model leaves an event out of
 * the network (core/actor_code.h), so that a miss of this cause is one the
 * model would not count anyway. */
static int no_country(const char *code)
{
    return code && code[0] && dy_actor_level(code) == DY_ACTOR_OTHER;
}

/* The cause of a wrong event whose root some positive row has: the first
 * of source, target, code, date that no such row gets right. */
static int actor_cause(const eval_articles *g, const art_sent *s, const eval_event *e)
{
    int full = 0, code = 0, source = 0;
    for (size_t i = 0; i < s->nrows; i++) {
        const eval_gold_row *r = &g->rows[s->rows[i]];
        if (!eval_gold_positive(r) || !eval_match(r, e, EVAL_ROOT))
            continue;
        full |= eval_match(r, e, EVAL_FULL);
        code |= eval_match(r, e, EVAL_CODE);
        source |= eval_source_ok(r, e);
    }
    if (full)
        return code ? EVAL_FP_DATE : EVAL_FP_CODE;
    if (source)
        return no_country(e->target) ? EVAL_FP_ROLE_COUNTRY : EVAL_FP_TARGET;
    return no_country(e->source) ? EVAL_FP_ROLE_COUNTRY : EVAL_FP_SOURCE;
}

/* The cause of event e of sentence s, or -1 when it is right. */
static int event_cause(const eval_articles *g, const art_sent *s, const eval_event *e)
{
    if (s->no_event)
        return EVAL_FP_NO_EVENT_SENTENCE;
    for (size_t i = 0; i < s->nrows; i++) {
        const eval_gold_row *r = &g->rows[s->rows[i]];
        if (eval_gold_positive(r) && right(r, e))
            return -1;
    }
    if (!any_row(g, s, e, 1, EVAL_FULL) && any_row(g, s, e, 0, EVAL_FULL))
        return EVAL_FP_MUST_NOT;
    if (!any_row(g, s, e, 1, EVAL_ROOT))
        return EVAL_FP_ROOT;
    return actor_cause(g, s, e);
}

/* The cause of missing row r of sentence s (greedy found no event). */
static int miss_cause(const eval_articles *g, const art_sent *s, const eval_gold_row *r)
{
    if (s->nevs == 0)
        return EVAL_MISS_NO_EVENT;
    for (size_t j = 0; j < s->nevs; j++)
        if (eval_match(r, &g->evs[s->evs[j]].e, EVAL_ROOT))
            return EVAL_MISS_NEAR;
    return EVAL_MISS_OTHER_ROOT;
}

/* Append m to g->misses (capacity *cap). Returns 0 or DY_ENOMEM. */
static int push(eval_articles *g, size_t *cap, eval_miss m)
{
    if (dy_vec_grow(&g->misses, &*cap, g->nmisses, sizeof *g->misses))
            return DY_ENOMEM;
    g->misses[g->nmisses++] = m;
    return 0;
}

/* Missed rows of sentence k: greedy one to one, as for recall, with the
 * rule for a right event. used: scratch of g->nevs. */
static int sentence_misses(eval_articles *g, size_t k, unsigned char *used, size_t *cap)
{
    const art_sent *s = &g->sents[k];
    for (size_t j = 0; j < s->nevs; j++)
        used[s->evs[j]] = 0;
    for (size_t i = 0; i < s->nrows; i++) {
        const eval_gold_row *r = &g->rows[s->rows[i]];
        if (!eval_gold_positive(r))
            continue;
        size_t j = 0;
        while (j < s->nevs && (used[s->evs[j]] || !right(r, &g->evs[s->evs[j]].e)))
            j++;
        if (j < s->nevs) {
            used[s->evs[j]] = 1;
            continue;
        }
        eval_miss m = {miss_cause(g, s, r), k, -1, (long)s->rows[i]};
        if (push(g, cap, m))
            return DY_ENOMEM;
    }
    return 0;
}

int eval_articles_classify(eval_articles *g, dy_err *err)
{
    size_t cap = 0;
    unsigned char *used = dy_calloc(g->nevs ? g->nevs : 1, 1);
    if (!used)
        return dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
    int rc = 0;
    for (size_t i = 0; i < g->nevs && !rc; i++) {
        const art_sent *s = &g->sents[g->evs[i].sentence];
        int cause = event_cause(g, s, &g->evs[i].e);
        if (cause >= 0)
            rc = push(g, &cap, (eval_miss){cause, g->evs[i].sentence, (long)i, -1});
    }
    for (size_t k = 0; k < g->nsents && !rc; k++)
        rc = sentence_misses(g, k, used, &cap);
    dy_free(used);
    if (rc)
        return dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
    return 0;
}

size_t eval_articles_miss_count(const eval_articles *g) { return g->nmisses; }

const eval_miss *eval_articles_miss(const eval_articles *g, size_t i)
{
    return i < g->nmisses ? &g->misses[i] : NULL;
}

/* ---- the listing ------------------------------------------------------- */

/* s[0..n) on one line: line ends become spaces. */
static void add_flat(dy_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dy_buf_addc(b, s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i]);
}

/* s, or "-" for an absent or empty field. */
static const char *or_dash(const char *s) { return s && s[0] ? s : "-"; }

/* One gold row of a sentence, with its line in the gold file. */
static void write_row(dy_buf *b, const eval_gold_row *r)
{
    if (strcmp(r->code, "-") == 0) {
        dy_buf_printf(b, "    gold line %ld: no event\n", r->line);
        return;
    }
    dy_buf_printf(b, "    gold line %ld: %s -> %s %s %s %s%s\n", r->line, or_dash(r->source),
                  or_dash(r->target), r->code, or_dash(r->date), r->modality,
                  eval_gold_positive(r) ? "" : " (must not come out)");
}

/* " source [s,e) "text"" for a span that is there. */
static void write_span(dy_buf *b, const char *name, code_span sp, const char *text, size_t len)
{
    if (sp.start < 0 || sp.end < sp.start)
        return;
    dy_buf_printf(b, " %s [%d,%d)", name, (int)sp.start, (int)sp.end);
    if (text && (size_t)sp.end <= len) {
        dy_buf_adds(b, " \"");
        add_flat(b, text + sp.start, (size_t)(sp.end - sp.start));
        dy_buf_addc(b, '"');
    }
}

/* The event and its reasons (--explain): pattern, actor entries, spans. */
static void write_event(dy_buf *b, const eval_articles *g, const art_event *ae)
{
    const eval_event *e = &ae->e;
    const art_doc *d = &g->docs[g->sents[ae->sentence].doc];
    dy_buf_printf(b, "    event: %s -> %s %s %s %s\n", or_dash(e->source), or_dash(e->target),
                  e->code, or_dash(e->date), e->modality ? e->modality : "-");
    if (e->pattern) {
        dy_buf_printf(b, "      pattern %s", e->pattern);
        if (e->pattern_text)
            dy_buf_printf(b, " \"%s\"", e->pattern_text);
        dy_buf_addc(b, '\n');
    }
    if (e->source_entry || e->target_entry)
        dy_buf_printf(b, "      source entry %s, target entry %s\n", or_dash(e->source_entry),
                      or_dash(e->target_entry));
    if (e->modality_cue)
        dy_buf_printf(b, "      modality cue \"%s\"\n", e->modality_cue);
    if (e->src.start >= 0 || e->verb.start >= 0 || e->tgt.start >= 0) {
        dy_buf_adds(b, "      spans:");
        write_span(b, "source", e->src, d->text, d->len);
        write_span(b, "verb", e->verb, d->text, d->len);
        write_span(b, "target", e->tgt, d->text, d->len);
        dy_buf_addc(b, '\n');
    }
}

/* Document, sentence text and gold rows of sentence k. */
static void write_sentence(dy_buf *b, const eval_articles *g, size_t k)
{
    const art_sent *s = &g->sents[k];
    size_t n;
    const char *text = eval_articles_sentence_text(g, k, &n);
    dy_buf_printf(b, "  %s [%ld,%ld): ", g->docs[s->doc].id, s->start, s->end);
    if (text)
        add_flat(b, text, n);
    else
        dy_buf_adds(b, "(article not read)");
    dy_buf_addc(b, '\n');
    for (size_t i = 0; i < s->nrows; i++)
        write_row(b, &g->rows[s->rows[i]]);
}

int eval_articles_write_misses(const eval_articles *g, dy_buf *b)
{
    long n[EVAL_CAUSES] = {0}, fp = 0, missed = 0;
    for (size_t i = 0; i < g->nmisses; i++) {
        n[g->misses[i].cause]++;
        if (g->misses[i].event >= 0)
            fp++;
        else
            missed++;
    }
    dy_buf_printf(b, "misses: %ld false positives of %zu events, %ld of %ld gold events missed\n"
                     "(an event is right when a positive gold event of its sentence has its "
                     "root, source and target countries, code and date)\n",
                  fp, g->nevs, missed, g->all.gold_events);
    for (int c = 0; c < EVAL_CAUSES; c++)
        dy_buf_printf(b, "%6ld  %s\n", n[c], eval_cause_name(c));
    for (int c = 0; c < EVAL_CAUSES; c++) {
        if (!n[c])
            continue;
        dy_buf_printf(b, "\n== %s (%ld)\n", eval_cause_name(c), n[c]);
        for (size_t i = 0; i < g->nmisses; i++) {
            const eval_miss *m = &g->misses[i];
            if (m->cause != c)
                continue;
            write_sentence(b, g, m->sentence);
            if (m->event >= 0)
                write_event(b, g, &g->evs[m->event]);
            else
                dy_buf_printf(b, "    missed: gold line %ld\n", g->rows[m->row].line);
        }
    }
    return b->oom ? DY_ENOMEM : 0;
}
