/* eval.h - public interface of the eval stage: coded events scored against
 * gold annotations (docs/eval.md).
 *
 * Two gold formats, both tab-separated with a header line:
 *  - articles (realnews_gold.*.tsv): every sentence of whole articles with
 *    the events an expert coder codes there, or `-` for none; columns
 *    doc sent start end source target code date modality note. Scored
 *    exactly as the reference scorer ../shared/eval/score_articles.py:
 *    precision, recall and F1 at the levels root, full, code and date.
 *  - sentences (cameo_examples.*.tsv): one sentence per row with the code
 *    it illustrates; columns id cameo_code source target sentence.
 *
 * The stage reads gold files and scores events handed to it; it does not
 * code documents (the caller does, with the code stage) and never prints:
 * reports are appended to a dy_buf.
 */
#ifndef DY_EVAL_H
#define DY_EVAL_H

#include <stddef.h>

#include "code/code.h"
#include "core/buf.h"
#include "core/err.h"
#include "text/text.h"

/* ---- gold files ------------------------------------------------------ */

typedef enum {
    EVAL_GOLD_UNKNOWN = 0,
    EVAL_GOLD_ARTICLES,   /* doc sent start end source target code date modality note */
    EVAL_GOLD_SENTENCES,  /* id cameo_code source target sentence ... */
    EVAL_GOLD_GOLDEN      /* the coder's golden sentences (tests/golden/coder) */
} eval_gold_kind;

/* The format of a gold file by the column names of its header line
 * (line[0..len), without the line end): ARTICLES when it names doc, start,
 * end and code; SENTENCES when it names cameo_code and sentence; else
 * UNKNOWN. */
int eval_gold_kind_of_header(const char *line, size_t len);

/* The format of the gold file at path, from its first line. Returns 0 and
 * *kind (possibly EVAL_GOLD_UNKNOWN), or DY_EIO (err: path). */
int eval_gold_detect(const char *path, int *kind, dy_err *err);

/* ---- events as the scorers see them ---------------------------------- */

/* One output event. Strings are borrowed for the duration of the call that
 * takes the event; the scorers copy what they keep. */
typedef struct eval_event {
    const char *doc;          /* document id */
    long sent;                /* the coder's sentence index, -1 when unknown */
    code_span src, verb, tgt; /* byte spans in the document (start < 0: none) */
    const char *text;         /* the event's sentence (text_len bytes), NULL when unknown */
    size_t text_len;
    const char *code;         /* CAMEO event code */
    const char *source;       /* actor codes, "" or NULL for none */
    const char *target;
    const char *date;         /* "YYYY", "YYYY-MM" or "YYYY-MM-DD"; NULL or "" for none */
    const char *modality;     /* "asserted", ...; NULL when unknown */
    /* Why the coder produced it (code_explain), NULL when unknown. */
    const char *pattern;      /* verb pattern "file:line" */
    const char *pattern_text;
    const char *source_entry; /* actor entries "file:line" */
    const char *target_entry;
    const char *modality_cue;
} eval_event;

/* Room for the strings of an eval_event made from a code_event. */
typedef struct eval_event_store {
    char code[sizeof ((code_event *)0)->code + 1];
    char source[sizeof ((code_event *)0)->source + 1];
    char target[sizeof ((code_event *)0)->target + 1];
    char date[11];
} eval_event_store;

/* Fill ev from event e of document doc with analysis an (for the sentence
 * text; may be NULL). ev borrows strings from doc, an, e and st (all
 * caller-owned, as long as ev is used). */
void eval_event_from_code(eval_event *ev, eval_event_store *st, const txt_doc *doc,
                          const txt_analysis *an, const code_event *e);

/* ---- matching rules (articles format) ------------------------------- */

enum { EVAL_ROOT = 0, EVAL_FULL, EVAL_CODE, EVAL_DATE, EVAL_LEVELS };

/* "root", "full", "code", "date"; static string ("?" when out of range). */
const char *eval_level_name(int level);

/* One row of an articles gold file. Strings are owned by the gold set;
 * absent trailing fields are "". */
typedef struct eval_gold_row {
    const char *doc;
    const char *sent;     /* sentence index as written */
    long start, end;      /* byte offsets of the sentence in the article */
    const char *source;   /* actor code(s), '|' between alternatives, "-" or "" */
    const char *target;
    const char *code;     /* CAMEO code(s), '|' between alternatives, or "-" */
    const char *date;     /* date(s), '|' between alternatives, or "" */
    const char *modality;
    const char *note;
    const char *sentence; /* optional column "sentence", NULL when absent */
    long line;            /* line in the gold file */
} eval_gold_row;

/* 1 when the coder's default output should contain gold row g: asserted
 * events, and future ones with a code of root 03, 10, 12 or 13 (intents,
 * demands, rejections, threats). Rows with code "-" are not events. */
int eval_gold_positive(const eval_gold_row *g);

/* 1 when event e matches gold row g at level (EVAL_ROOT ...):
 *  root: the event's root is the root of one of the row's codes;
 *  full: root, and the source and target countries (code_actor_country)
 *        match one of the row's alternatives each ("-" or empty: any; an
 *        empty gold source: any non-empty one; "UN": any code holding UNO);
 *        either direction for roots 04 and 06 and codes 036, 046, 057,
 *        0311, 0312;
 *  code: full, and the event's code is one of the row's codes;
 *  date: full, and the event's date and one of the row's dates are equal
 *        or one is a prefix of the other (empty gold date: any date). */
int eval_match(const eval_gold_row *g, const eval_event *e, int level);

/* ---- articles: gold, events, figures -------------------------------- */

typedef struct eval_articles eval_articles;

/* Read an articles gold file. *out is caller-owned (eval_articles_free).
 * Returns 0, DY_EIO, DY_EPARSE (err: path and line, what was expected) or
 * DY_ENOMEM. */
int eval_articles_load(const char *path, eval_articles **out, dy_err *err);
/* The same from text[0..len); name is used in messages. */
int eval_articles_parse(const char *name, const char *text, size_t len, eval_articles **out,
                        dy_err *err);
void eval_articles_free(eval_articles *g);

/* The articles file of an articles gold by the naming convention: the last
 * "gold" of the file name (not of its directory) becomes "articles" and a
 * ".tsv" ending ".jsonl" (dir/realnews_gold.dev.tsv ->
 * dir/realnews_articles.dev.jsonl). Writes the path to out (n bytes).
 * Returns 0, DY_EINVAL (no "gold" in the name) or DY_ELIMIT (longer than
 * out). */
int eval_articles_default_path(const char *gold, char *out, size_t n);

/* Number of gold rows and the i-th (borrowed), in file order. */
size_t eval_articles_row_count(const eval_articles *g);
const eval_gold_row *eval_articles_row(const eval_articles *g, size_t i);
/* 1 when the gold has rows of document id. */
int eval_articles_has_doc(const eval_articles *g, const char *id);

/* Give the text of a gold article (copied; used to print its sentences)
 * and its corpus (e.g. "Wikinews"; NULL: the id up to its first '-').
 * Documents the gold does not cover are ignored. Returns 0 or DY_ENOMEM. */
int eval_articles_add_doc(eval_articles *g, const char *id, const char *corpus, const char *text,
                          size_t len, dy_err *err);
/* Add one output event (copied), in output order. It is placed in the gold
 * sentence whose [start, end) holds the start of its verb span (else of its
 * source span); failing that in the first sentence with a "sentence" column
 * equal to its text, then in the first with its sentence index. Events of
 * documents without gold, or that fall in no gold sentence, are not scored
 * (counted apart). Returns 0 or DY_ENOMEM. */
int eval_articles_add_event(eval_articles *g, const eval_event *e, dy_err *err);

/* Score the events added so far (call once, after the last add; later adds
 * are an error). Returns 0, DY_EINVAL or DY_ENOMEM. */
int eval_articles_finish(eval_articles *g, dy_err *err);

typedef struct eval_prf {
    long tp_events;   /* output events that match a positive gold event */
    long tp_gold;     /* positive gold events matched (greedy, one to one) */
    double precision, recall, f1;
} eval_prf;

typedef struct eval_figures {
    long sentences;                    /* gold sentences */
    long events;                       /* output events placed in them */
    long gold_events;                  /* positive gold rows */
    long gold_not_events;              /* rows with a code that must not come out */
    eval_prf level[EVAL_LEVELS];
    long events_in_no_event_sentences; /* events in sentences whose rows are all "-" */
    long not_items_hit;                /* must-not rows matched (full) by an event */
} eval_figures;

/* After finish: the figures of all sentences (corpus NULL) or of the
 * sentences of one corpus; NULL when that corpus is unknown. Borrowed. */
const eval_figures *eval_articles_figures(const eval_articles *g, const char *corpus);
/* Corpora in order of first appearance in the gold; borrowed names. */
size_t eval_articles_corpus_count(const eval_articles *g);
const char *eval_articles_corpus(const eval_articles *g, size_t i);
/* Events of gold documents that fell in no gold sentence; gold documents
 * never given with eval_articles_add_doc. */
long eval_articles_unplaced(const eval_articles *g);
long eval_articles_docs_unread(const eval_articles *g);

/* ---- articles: misses ------------------------------------------------ */

/* Why an output event is wrong (false positive) or a gold event missed.
 * An event is right when one positive gold row of its sentence matches it
 * at levels code and date (root, both countries, exact code and date). */
typedef enum {
    EVAL_FP_NO_EVENT_SENTENCE = 0, /* the sentence has no gold event at all */
    EVAL_FP_MUST_NOT,              /* matches (full) a must-not row, not a positive one */
    EVAL_FP_ROOT,                  /* no positive row of its sentence has its root */
    EVAL_FP_SOURCE,                /* right root, wrong source country */
    EVAL_FP_TARGET,                /* right root and source, wrong target */
    EVAL_FP_ROLE_COUNTRY,          /* the wrong actor has no state or organisation
                                      (MIL, CVL, EUR, MOS: core/actor_code.h) */
    EVAL_FP_CODE,                  /* right root and actors, other code */
    EVAL_FP_DATE,                  /* right root, actors and code, wrong date */
    EVAL_MISS_NO_EVENT,            /* missed: no event at all in the sentence */
    EVAL_MISS_OTHER_ROOT,          /* missed: only events of other roots */
    EVAL_MISS_NEAR,                /* missed: an event of its root, not right */
    EVAL_CAUSES
} eval_cause;

/* A short description of a cause; static string. */
const char *eval_cause_name(int cause);

typedef struct eval_miss {
    int cause;           /* eval_cause */
    size_t sentence;     /* index of the gold sentence (internal order) */
    long event;          /* index of the event (add order) for EVAL_FP_*, else -1 */
    long row;            /* index of the gold row for EVAL_MISS_*, else -1 */
} eval_miss;

/* After finish: the false positives (in output order) and then the missed
 * gold events (in gold order). Borrowed. */
size_t eval_articles_miss_count(const eval_articles *g);
const eval_miss *eval_articles_miss(const eval_articles *g, size_t i);

/* ---- articles: reports ---------------------------------------------- */

/* After finish: append one JSON object (one line) with the reference
 * scorer's keys and values, in its order (sentences, events, gold_events,
 * gold_not_events, root, full, code, date, events_in_no_event_sentences,
 * not_items_hit; figures rounded to 3 decimals as Python's round()), plus
 * "by_source": the same object for each corpus. Returns 0 or DY_ENOMEM. */
int eval_articles_write_json(const eval_articles *g, dy_buf *b);
/* After finish: append the readable report (figures by level, by corpus).
 * Returns 0 or DY_ENOMEM. */
int eval_articles_write_report(const eval_articles *g, dy_buf *b);
/* After finish: append the misses grouped by cause, counts first; each
 * with its document, sentence text, the gold rows of the sentence and, for
 * false positives, the event with its reasons (pattern, actor entries,
 * spans). Returns 0 or DY_ENOMEM. */
int eval_articles_write_misses(const eval_articles *g, dy_buf *b);

/* ---- sentences format ------------------------------------------------ */

typedef struct eval_sentences eval_sentences;

typedef struct eval_sentence_row {
    const char *id, *code, *source, *target, *sentence;
    long line;
} eval_sentence_row;

/* Read a sentences gold file (columns id, cameo_code, source, target,
 * sentence at least). *out is caller-owned (eval_sentences_free). Returns
 * 0, DY_EIO, DY_EPARSE (err: path, line) or DY_ENOMEM. */
int eval_sentences_load(const char *path, eval_sentences **out, dy_err *err);
int eval_sentences_parse(const char *name, const char *text, size_t len, eval_sentences **out,
                         dy_err *err);
void eval_sentences_free(eval_sentences *g);
size_t eval_sentences_count(const eval_sentences *g);
const eval_sentence_row *eval_sentences_row(const eval_sentences *g, size_t i);

/* Score row i (each at most once) with the events the coder found in its
 * sentence and the actor codes the matcher found there (mentions[0..nm),
 * for actor recall). Everything is copied. Returns 0, DY_EINVAL (i out of
 * range or already scored) or DY_ENOMEM. */
int eval_sentences_add(eval_sentences *g, size_t i, const eval_event *ev, size_t nev,
                       const char *const *mentions, size_t nm, dy_err *err);

typedef struct eval_sentence_figures {
    long sentences;   /* rows scored */
    long covered;     /* rows with an event */
    long root_ok;     /* an event with the gold root */
    long exact;       /* an event with the gold code */
    long full;        /* an event with the gold root and both countries */
    long src_n, src_ok, tgt_n, tgt_ok; /* countries of the best event */
    long act_n, act_found;             /* gold actors among the mentions */
    long events, offroot;
    long by_root_n[21], by_root_ok[21];
    int by_root_wrong[21];             /* most frequent wrong first root, -1 */
    long by_root_wrong_n[21];
} eval_sentence_figures;

/* The figures of the rows scored so far. */
void eval_sentences_figures(const eval_sentences *g, eval_sentence_figures *f);
/* Append the readable report, or one JSON object. Return 0 or DY_ENOMEM. */
int eval_sentences_write_report(const eval_sentences *g, dy_buf *b);
int eval_sentences_write_json(const eval_sentences *g, dy_buf *b);
/* Append every scored row that is not fully right, with its events and
 * their reasons. Returns 0 or DY_ENOMEM. */
int eval_sentences_write_misses(const eval_sentences *g, dy_buf *b);

/* ---- golden sentences (tests/golden/coder, golden.c) ------------------ */

/* A golden file starts with the line "# Golden coder sentences ...". */
int eval_golden_is(const char *line, size_t len);

/* One row: id, document date, text, expected events. Strings owned by the
 * row (eval_golden_free). */
typedef struct eval_golden_row {
    long line;
    char *id;
    txt_date date;
    char *text;
    char *expected;   /* "SRC>TGT:CODE@DATE[!MOD];..." or "-" */
} eval_golden_row;

/* Read the rows of a golden file ('#' lines are comments). *out is
 * caller-owned. Returns 0, DY_EIO, DY_EPARSE (err: file:line, what was
 * expected) or DY_ENOMEM. */
int eval_golden_read(const char *path, eval_golden_row **out, size_t *nout, dy_err *err);
void eval_golden_free(eval_golden_row *rows, size_t n);

/* Do the events ev[0..n) of a row's text satisfy expected (format in
 * golden.c)? Returns 0 when they do, else 1 with the reasons appended to
 * why ("missing ...; unexpected root ...;"). */
int eval_golden_match(const char *expected, const eval_event *ev, size_t n, dy_buf *why);

#endif
