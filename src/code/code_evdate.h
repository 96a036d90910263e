/* code_evdate.h - the dates of the coder's events (private to src/code/
 * and its unit tests; docs/coder.md, "Dates").
 *
 * An event takes the time expression of its sentence nearest its word (one
 * event per member of a list: "on Monday and Tuesday"); with none, the
 * previous sentence's when its sentence opens with a carry cue ("at the
 * same time"), the day of the story's lead for force, the date of an
 * earlier statement of the same event, or the document's date. Time
 * expressions are resolved by the text stage (txt_timex_scan); this module
 * only chooses among them.
 */
#ifndef DY_CODE_EVDATE_H
#define DY_CODE_EVDATE_H

#include "code/code.h"
#include "code/code_view.h"
#include "text/text.h"

/* At most this many time expressions date one candidate (a list's members
 * beyond it are left out). */
enum { CODE_EVDATE_MAX = 16 };

/* What dating keeps across the sentences of one document. */
typedef struct code_evdate_state {
    txt_date prev_date;   /* the first time expression of the last sentence
                             that had one ... */
    int32_t prev_timex;   /* ... and its index in an->timex, or -1 */
    txt_date lead_date;   /* the day the lead dates the story's news ... */
    int32_t lead_timex;   /* ... and its time expression, or -1 */
} code_evdate_state;

/* The state before a document's first sentence: no time expression seen. */
code_evdate_state code_evdate_start(void);

/* Record sentence si of an as read (call once per sentence, in order, after
 * its events): its first time expression becomes the one a carry cue in
 * the next sentence refers to, and in the lead (the first two sentences)
 * the day of the story's news when it names a day in the week before the
 * document date ("On Saturday, a man stabbed three people"). */
void code_evdate_sentence_done(const txt_analysis *an, uint32_t si, code_evdate_state *st);

/* 1 when document token t lies inside a time expression of sentence si of
 * an ("May" in "on May 5"), else 0. */
int code_evdate_in_timex(const txt_analysis *an, uint32_t si, uint32_t t);

/* The time expressions that date the events of the word at document token
 * v of sentence si: the one of the sentence nearest the word, or all
 * members of the list it belongs to; -1 when the sentence has none. Writes
 * them (indices into an->timex, or the single -1) into txs and returns
 * their count, at least 1 and at most CODE_EVDATE_MAX. */
size_t code_evdate_timexes(const txt_analysis *an, uint32_t si, uint32_t v,
                           int32_t txs[CODE_EVDATE_MAX]);

/* Does time expression tx (of v's sentence) date another clause than the
 * one of event word w: is the verb above it, in the parse, neither above w
 * nor below it ("After touring France, he hopes to visit Japan next week":
 * next week is the visit's, not the tour's)? Without a parse, or for -1,
 * 0. */
int code_evdate_foreign(const code_view *v, uint32_t w, int32_t tx);

/* The date of an event of CAMEO code `code` in sentence v->si dated by time
 * expression tx (one of code_evdate_timexes, or -1): that expression's;
 * else the previous sentence's when the sentence opens with a carry cue;
 * else, for force (roots 14, 15, 17 to 20), the lead's day; else the
 * document's. Writes *date and returns the time expression used, or -1
 * (the document's date). Fills v's cue cache. */
int32_t code_evdate_date(const code_view *v, int32_t tx, const code_evdate_state *st,
                         const char *code, txt_date *date);

/* Is the act at event word w (a document token of v's sentence) dated by
 * a time expression of its own, relative to the document's date, that lies
 * after it ("next week's visit to Tokyo", "meet tomorrow")? Then it has
 * not happened yet. Own means attached to w in the
 * parse (v->s.tree; without one, never): the expression's head hangs from
 * w, directly or through an argument of it ("meets the Indian prime
 * minister in New Delhi next week", parsed as the minister's), not through a
 * clause ("visited Peru to discuss next month's election"). txs[0..ntx)
 * are w's candidates (code_evdate_timexes). Writes the expression's tokens
 * into [*cb, *ce). Returns 1 or 0. */
int code_evdate_future(const code_view *v, uint32_t w, const int32_t *txs, size_t ntx,
                       uint32_t *cb, uint32_t *ce);

/* "Russia attacked Kharkiv on Monday. ... The attack on Kharkiv ...": an
 * event the article states again, with no time of its own, keeps the date
 * of its first statement. ev[n - 1] (n >= 1) is the newest event, dated
 * with the document; an earlier one with the same code, source and target
 * (either way round, both named) and a date from the text lends it its
 * date (written into ev[n - 1].date). Returns the lender's time
 * expression, or -1 (ev unchanged). */
int32_t code_evdate_restated(code_event *ev, size_t n);

#endif
