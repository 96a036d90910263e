/* eval_internal.h - what the files of the eval stage share: the gold TSV
 * reader, event copies, the state of the articles scorer. */
#ifndef DY_EVAL_INTERNAL_H
#define DY_EVAL_INTERNAL_H

#include "core/arena.h"
#include "eval/eval.h"

/* ---- tsv.c ------------------------------------------------------------ */

/* A tab-separated text read line by line the way Python's csv module reads
 * it with delimiter '\t' (what the reference scorer uses): a field that
 * starts with '"' is quoted ("" inside stands for one quote, text after the
 * closing quote is kept); empty lines are skipped; a UTF-8 byte order mark
 * and CR before LF are dropped. */
typedef struct eval_tsv {
    const char *name;      /* for messages, borrowed */
    const char *p, *end;   /* the text still to read, borrowed */
    long line;             /* line of the current record */
    dy_arena *a;           /* where field strings go (borrowed) */
    char **f;              /* fields of the current record (owned) */
    size_t nf, cap;
} eval_tsv;

/* Start reading text[0..len); field strings are allocated in a. */
void eval_tsv_init(eval_tsv *t, const char *name, const char *text, size_t len, dy_arena *a);
/* Next record into t->f[0..t->nf). Returns 1, 0 at the end, DY_EPARSE (a
 * quoted field not closed on its line; err: name:line) or DY_ENOMEM. */
int eval_tsv_next(eval_tsv *t, dy_err *err);
/* Release t->f. */
void eval_tsv_free(eval_tsv *t);
/* Index of the field named name among f[0..nf), -1 when absent. */
int eval_tsv_col(char *const *f, size_t nf, const char *name);

/* ---- events.c --------------------------------------------------------- */

/* Copy src into dst with every string in a ("" for an absent source or
 * target, NULL kept elsewhere). Returns 0 or DY_ENOMEM. */
int eval_event_copy(dy_arena *a, eval_event *dst, const eval_event *src);

/* ---- rules.c ---------------------------------------------------------- */

/* 1 when the event's source fits the row's source (or, for symmetric
 * codes, its target does): the "source" half of level full. */
int eval_source_ok(const eval_gold_row *g, const eval_event *e);

/* ---- articles.c ------------------------------------------------------- */

typedef struct art_doc {
    const char *id;
    const char *corpus;   /* given by add_doc, else filled by finish */
    const char *text;     /* NULL until add_doc */
    size_t len;
    size_t *sents;        /* its gold sentences, in order of first appearance */
    size_t nsents;
    size_t corpus_ix;
} art_doc;

typedef struct art_sent {
    size_t doc;
    long start, end;
    size_t *rows;         /* its rows, in file order */
    size_t nrows;
    size_t *evs;          /* its events, in output order (after finish) */
    size_t nevs;
    int no_event;         /* every row has code "-" */
} art_sent;

typedef struct art_event {
    eval_event e;         /* strings in the scorer's arena */
    size_t sentence;
} art_event;

struct eval_articles {
    char *name;           /* gold file name */
    dy_arena *a;          /* rows, documents, events */
    eval_gold_row *rows;
    size_t nrows;
    int has_sentence_col;
    art_sent *sents;
    size_t nsents;
    art_doc *docs;        /* in order of first appearance */
    size_t ndocs;
    size_t *by_id;        /* doc indices sorted by id */
    art_event *evs;       /* placed events (heap) */
    size_t nevs, cap;
    long unplaced;
    int finished;
    const char **corpora;
    size_t ncorpora;
    eval_figures all;
    eval_figures *by_corpus;
    eval_miss *misses;
    size_t nmisses;
};

/* The index of document id among g->docs, -1 when the gold has none
 * (binary search over g->by_id). */
long eval_articles_find_doc(const eval_articles *g, const char *id);

/* The text of gold sentence k (borrowed, *n bytes), or NULL when its
 * article was not given or is shorter than the gold says. */
const char *eval_articles_sentence_text(const eval_articles *g, size_t k, size_t *n);

/* ---- misses.c --------------------------------------------------------- */

/* Classify every false positive and missed gold event (finish calls it).
 * Returns 0 or DY_ENOMEM. */
int eval_articles_classify(eval_articles *g, dy_err *err);

#endif
