/* report.c - the figures of an articles evaluation as one JSON object
 * (the reference scorer's, plus figures by corpus) or as a readable
 * report. */
#include "eval/eval_internal.h"

#include <stdio.h>
#include <string.h>

/* x rounded to 3 decimals and printed as Python prints round(x, 3): printf
 * rounds the exact binary value to nearest (ties to even) as Python's
 * round() does; repr then drops trailing zeros, keeping one decimal. */
static void add_round3(dy_buf *b, double x)
{
    char s[64];
    int n = snprintf(s, sizeof s, "%.3f", x);
    if (n <= 0 || (size_t)n >= sizeof s)
        return;
    const char *dot = strchr(s, '.');
    size_t len = (size_t)n;
    while (dot && len > (size_t)(dot - s) + 2 && s[len - 1] == '0')
        len--;
    dy_buf_add(b, s, len);
}

/* The reference scorer's object for figures f, without braces. */
static void figures_json(dy_buf *b, const eval_figures *f)
{
    dy_buf_printf(b, "\"sentences\": %ld, \"events\": %ld, \"gold_events\": %ld, "
                     "\"gold_not_events\": %ld",
                  f->sentences, f->events, f->gold_events, f->gold_not_events);
    for (int l = 0; l < EVAL_LEVELS; l++) {
        const eval_prf *p = &f->level[l];
        dy_buf_printf(b, ", \"%s\": {\"precision\": ", eval_level_name(l));
        add_round3(b, p->precision);
        dy_buf_adds(b, ", \"recall\": ");
        add_round3(b, p->recall);
        dy_buf_adds(b, ", \"f1\": ");
        add_round3(b, p->f1);
        dy_buf_addc(b, '}');
    }
    dy_buf_printf(b, ", \"events_in_no_event_sentences\": %ld, \"not_items_hit\": %ld",
                  f->events_in_no_event_sentences, f->not_items_hit);
}

int eval_articles_write_json(const eval_articles *g, dy_buf *b)
{
    if (!g->finished)
        return DY_EINVAL;
    dy_buf_addc(b, '{');
    figures_json(b, &g->all);
    dy_buf_adds(b, ", \"by_source\": {");
    for (size_t c = 0; c < g->ncorpora; c++) {
        if (c)
            dy_buf_adds(b, ", ");
        dy_buf_json_str(b, g->corpora[c], strlen(g->corpora[c]));
        dy_buf_adds(b, ": {");
        figures_json(b, &g->by_corpus[c]);
        dy_buf_addc(b, '}');
    }
    dy_buf_adds(b, "}}\n");
    return b->oom ? DY_ENOMEM : 0;
}

/* "P R F1" of every level on one line. */
static void levels_line(dy_buf *b, const eval_figures *f)
{
    for (int l = 0; l < EVAL_LEVELS; l++) {
        const eval_prf *p = &f->level[l];
        dy_buf_printf(b, "%s%s %.3f %.3f %.3f", l ? "   " : "    ", eval_level_name(l),
                      p->precision, p->recall, p->f1);
    }
    dy_buf_addc(b, '\n');
}

int eval_articles_write_report(const eval_articles *g, dy_buf *b)
{
    if (!g->finished)
        return DY_EINVAL;
    const eval_figures *f = &g->all;
    long unread = eval_articles_docs_unread(g);
    dy_buf_printf(b, "gold      %s: %zu documents, %ld sentences, %ld gold events, %ld must-not "
                     "rows\n",
                  g->name, g->ndocs, f->sentences, f->gold_events, f->gold_not_events);
    dy_buf_printf(b, "events    %ld in gold sentences, %ld elsewhere in gold documents (not "
                     "scored)\n",
                  f->events, g->unplaced);
    if (unread)
        dy_buf_printf(b, "warning   %ld gold documents were not among the articles\n", unread);
    dy_buf_adds(b, "\nlevel  precision  recall     f1\n");
    static const char *what[EVAL_LEVELS] = {
        "same root", "root + source and target country", "full + exact code", "full + date"};
    for (int l = 0; l < EVAL_LEVELS; l++) {
        const eval_prf *p = &f->level[l];
        dy_buf_printf(b, "%-5s  %9.3f  %6.3f  %5.3f   (%s)\n", eval_level_name(l), p->precision,
                      p->recall, p->f1, what[l]);
    }
    dy_buf_printf(b, "\nevents in no-event sentences  %ld\n", f->events_in_no_event_sentences);
    dy_buf_printf(b, "must-not gold rows hit        %ld\n", f->not_items_hit);
    dy_buf_adds(b, "\nby source (precision recall F1 per level)\n");
    for (size_t c = 0; c < g->ncorpora; c++) {
        const eval_figures *s = &g->by_corpus[c];
        dy_buf_printf(b, "  %s: %ld sentences, %ld events, %ld gold events, %ld events in "
                         "no-event sentences, %ld must-not rows hit\n",
                      g->corpora[c], s->sentences, s->events, s->gold_events,
                      s->events_in_no_event_sentences, s->not_items_hit);
        levels_line(b, s);
    }
    return b->oom ? DY_ENOMEM : 0;
}
