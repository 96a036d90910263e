/* gold_articles.c - reading an articles gold file (realnews_gold.*.tsv):
 * rows checked field by field, grouped into sentences (doc, start, end)
 * and documents in order of first appearance, as the reference scorer
 * groups them. */
#include "eval/eval_internal.h"
#include "core/alloc.h"
#include "core/vec.h"
#include "core/file.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Columns the scorer reads; "note" and "sentence" are optional. */
static const char *const required[] = {"doc", "sent", "start", "end", "source",
                                       "target", "code", "date", "modality"};
enum { C_DOC, C_SENT, C_START, C_END, C_SOURCE, C_TARGET, C_CODE, C_DATE, C_MODALITY,
       C_NOTE, C_SENTENCE, C_COLS };

/* dy_err_set with one string argument (every check below has one). */
static int set_err(dy_err *err, int code, const char *name, long line, const char *fmt,
                   const char *arg)
{
    return dy_err_set(err, code, name, line, -1, fmt, arg);
}

/* A byte offset: digits only, not more than LONG_MAX. */
static int parse_offset(const char *s, long *out)
{
    if (!*s)
        return -1;
    for (const char *p = s; *p; p++)
        if (*p < '0' || *p > '9')
            return -1;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno)
        return -1;
    *out = v;
    return 0;
}

/* "-", or '|'-separated CAMEO codes of 2 to 4 digits (white space around
 * each allowed, as the scorer strips it). */
static int valid_codes(const char *s)
{
    if (strcmp(s, "-") == 0)
        return 1;
    for (;;) {
        while (*s == ' ')
            s++;
        size_t n = 0;
        while (s[n] >= '0' && s[n] <= '9')
            n++;
        if (n < 2 || n > 4)
            return 0;
        s += n;
        while (*s == ' ')
            s++;
        if (*s == '\0')
            return 1;
        if (*s != '|')
            return 0;
        s++;
    }
}

/* "", "*" or '|'-separated YYYY, YYYY-MM, YYYY-MM-DD. */
static int valid_dates(const char *s)
{
    if (!*s || strcmp(s, "*") == 0)
        return 1;
    for (;;) {
        size_t n = 0;
        while (s[n] && s[n] != '|')
            n++;
        if (n != 4 && n != 7 && n != 10)
            return 0;
        for (size_t i = 0; i < n; i++)
            if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
                return 0;
        s += n;
        if (!*s)
            return 1;
        s++;
    }
}

/* One of the five modality names. */
static int valid_modality(const char *m)
{
    static const char *names[] = {"asserted", "future", "negated", "hypothetical", "alleged"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(m, names[i]) == 0)
            return 1;
    return 0;
}

/* Check one record and fill row r from it (fields absent at the end of
 * the record are ""). */
static int parse_row(const eval_tsv *t, const int *col, eval_gold_row *r, dy_err *err)
{
    const char *f[C_COLS];
    for (int k = 0; k < C_COLS; k++)
        f[k] = col[k] >= 0 && (size_t)col[k] < t->nf ? t->f[col[k]] : "";
    if (!f[C_DOC][0])
        return set_err(err, DY_EPARSE, t->name, t->line, "expected a document id in column %s",
                       "doc");
    if (parse_offset(f[C_START], &r->start) || parse_offset(f[C_END], &r->end) ||
        r->start > r->end)
        return set_err(err, DY_EPARSE, t->name, t->line,
                       "expected byte offsets start <= end in columns start and end%s", "");
    if (!valid_codes(f[C_CODE]))
        return set_err(err, DY_EPARSE, t->name, t->line,
                       "expected a CAMEO code (2 to 4 digits, '|' between alternatives) or "
                       "'-' in column code, got '%s'", f[C_CODE]);
    if (strcmp(f[C_CODE], "-") != 0 && !valid_modality(f[C_MODALITY]))
        return set_err(err, DY_EPARSE, t->name, t->line,
                       "expected modality asserted, future, negated, hypothetical or alleged, "
                       "got '%s'", f[C_MODALITY]);
    if (!valid_dates(f[C_DATE]))
        return set_err(err, DY_EPARSE, t->name, t->line,
                       "expected a date YYYY, YYYY-MM or YYYY-MM-DD ('|' between "
                       "alternatives) in column date, got '%s'", f[C_DATE]);
    r->doc = f[C_DOC];
    r->sent = f[C_SENT];
    r->source = f[C_SOURCE];
    r->target = f[C_TARGET];
    r->code = f[C_CODE];
    r->date = f[C_DATE];
    r->modality = f[C_MODALITY];
    r->note = f[C_NOTE];
    r->sentence = col[C_SENTENCE] >= 0 ? f[C_SENTENCE] : NULL;
    r->line = t->line;
    return 0;
}

/* The header: every required column, their positions into col. */
static int parse_header(const eval_tsv *t, int *col, dy_err *err)
{
    for (int k = 0; k < C_NOTE; k++) {
        col[k] = eval_tsv_col(t->f, t->nf, required[k]);
        if (col[k] < 0)
            return set_err(err, DY_EPARSE, t->name, t->line,
                           "expected the column \"%s\" in the header (doc sent start end source "
                           "target code date modality note)", required[k]);
    }
    col[C_NOTE] = eval_tsv_col(t->f, t->nf, "note");
    col[C_SENTENCE] = eval_tsv_col(t->f, t->nf, "sentence");
    return 0;
}

/* Every record after the header into g->rows. */
static int read_rows(eval_articles *g, eval_tsv *t, dy_err *err)
{
    int col[C_COLS];
    int rc = eval_tsv_next(t, err);
    if (rc == 0)
        return dy_err_set(err, DY_EPARSE, g->name, 1, -1,
                          "expected a header line (doc sent start end source target code "
                          "date modality note)");
    if (rc < 0 || (rc = parse_header(t, col, err)) != 0)
        return rc;
    g->has_sentence_col = col[C_SENTENCE] >= 0;
    size_t cap = 0;
    while ((rc = eval_tsv_next(t, err)) == 1) {
        if (dy_vec_grow(&g->rows, &cap, g->nrows, sizeof *g->rows))
                return dy_err_set(err, DY_ENOMEM, g->name, t->line, -1, "out of memory");
        if ((rc = parse_row(t, col, &g->rows[g->nrows], err)) != 0)
            return rc;
        g->nrows++;
    }
    if (rc < 0)
        return rc;
    if (g->nrows == 0)
        return dy_err_set(err, DY_EPARSE, g->name, t->line, -1,
                          "expected gold rows after the header");
    return 0;
}

/* The sentence of a gold row, with the row's place in the file. */
typedef struct key {
    const char *doc;
    long start, end;
    size_t row;
} key;

/* qsort order of keys: document id, start, end, then file order. */
static int key_cmp(const void *x, const void *y)
{
    const key *a = x, *b = y;
    int c = strcmp(a->doc, b->doc);
    if (c)
        return c;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

/* A run of equal keys (a sentence or a document) among the sorted keys. */
typedef struct group {
    size_t first;  /* first row of the group (file order) */
    size_t at;     /* its position among the sorted keys */
    size_t n;      /* keys in the group; for documents, after find_runs,
                      the rank of the id */
} group;

/* qsort order of groups: by first appearance in the file. */
static int group_cmp(const void *x, const void *y)
{
    const group *a = x, *b = y;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* The runs of the sorted keys k[0..n): sentences (same doc, start, end)
 * into sg[0..*ns), documents (same doc) into dg[0..*nd). */
static void find_runs(const key *k, size_t n, group *sg, size_t *ns, group *dg, size_t *nd)
{
    *ns = *nd = 0;
    for (size_t i = 0; i < n; i++) {
        int new_doc = i == 0 || strcmp(k[i].doc, k[i - 1].doc) != 0;
        if (new_doc || k[i].start != k[i - 1].start || k[i].end != k[i - 1].end)
            sg[(*ns)++] = (group){k[i].row, i, 0};
        sg[*ns - 1].n++;
        if (new_doc) {
            dg[*nd] = (group){k[i].row, i, *nd};
            (*nd)++;
        }
        if (k[i].row < dg[*nd - 1].first) /* keys sort by offsets before rows */
            dg[*nd - 1].first = k[i].row;
    }
}

/* The documents in order of first appearance, and their order by id. */
static int make_docs(eval_articles *g, const key *k, group *dg, size_t nd, dy_err *err)
{
    g->docs = dy_arena_calloc(g->a, nd, sizeof *g->docs);
    g->by_id = dy_arena_calloc(g->a, nd, sizeof *g->by_id);
    if (!g->docs || !g->by_id)
        return dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
    qsort(dg, nd, sizeof *dg, group_cmp);
    for (size_t d = 0; d < nd; d++) {
        g->docs[d].id = k[dg[d].at].doc;
        g->by_id[dg[d].n] = d;
    }
    g->ndocs = nd;
    return 0;
}

/* The sentences in order of first appearance, each with its rows (in file
 * order) and its document. */
static int make_sents(eval_articles *g, const key *k, group *sg, size_t ns, dy_err *err)
{
    g->sents = dy_arena_calloc(g->a, ns, sizeof *g->sents);
    if (!g->sents)
        return dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
    qsort(sg, ns, sizeof *sg, group_cmp);
    for (size_t s = 0; s < ns; s++) {
        art_sent *st = &g->sents[s];
        const key *k0 = &k[sg[s].at];
        st->start = k0->start;
        st->end = k0->end;
        st->doc = (size_t)eval_articles_find_doc(g, k0->doc);
        st->rows = dy_arena_calloc(g->a, sg[s].n, sizeof *st->rows);
        if (!st->rows)
            return dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
        st->no_event = 1;
        for (size_t j = 0; j < sg[s].n; j++) {
            size_t r = k[sg[s].at + j].row;
            st->rows[st->nrows++] = r;
            st->no_event &= strcmp(g->rows[r].code, "-") == 0;
        }
        g->docs[st->doc].nsents++;
    }
    g->nsents = ns;
    return 0;
}

/* Give each document the list of its sentences, in order. */
static int link_docs(eval_articles *g, dy_err *err)
{
    for (size_t d = 0; d < g->ndocs; d++) {
        g->docs[d].sents = dy_arena_calloc(g->a, g->docs[d].nsents, sizeof(size_t));
        if (!g->docs[d].sents)
            return dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
        g->docs[d].nsents = 0;
    }
    for (size_t s = 0; s < g->nsents; s++) {
        art_doc *d = &g->docs[g->sents[s].doc];
        d->sents[d->nsents++] = s;
    }
    return 0;
}

/* Group the rows into sentences and documents, each listed in order of
 * first appearance as the reference scorer's dicts keep them. */
static int index_rows(eval_articles *g, dy_err *err)
{
    size_t n = g->nrows, ns, nd;
    key *k = dy_calloc(n, sizeof *k);
    group *sg = dy_calloc(n, sizeof *sg), *dg = dy_calloc(n, sizeof *dg);
    int rc = 0;
    if (!k || !sg || !dg)
        rc = dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
    for (size_t i = 0; !rc && i < n; i++)
        k[i] = (key){g->rows[i].doc, g->rows[i].start, g->rows[i].end, i};
    if (!rc) {
        qsort(k, n, sizeof *k, key_cmp);
        find_runs(k, n, sg, &ns, dg, &nd);
        rc = make_docs(g, k, dg, nd, err);
    }
    if (!rc)
        rc = make_sents(g, k, sg, ns, err);
    if (!rc)
        rc = link_docs(g, err);
    dy_free(k);
    dy_free(sg);
    dy_free(dg);
    return rc;
}

int eval_articles_parse(const char *name, const char *text, size_t len, eval_articles **out,
                        dy_err *err)
{
    *out = NULL;
    eval_articles *g = dy_calloc(1, sizeof *g);
    if (!g || !(g->a = dy_arena_new()) || !(g->name = dy_strdup(name ? name : ""))) {
        eval_articles_free(g);
        return dy_err_set(err, DY_ENOMEM, name, 0, -1, "out of memory");
    }
    eval_tsv t;
    eval_tsv_init(&t, g->name, text, len, g->a);
    int rc = read_rows(g, &t, err);
    eval_tsv_free(&t);
    if (!rc)
        rc = index_rows(g, err);
    if (rc) {
        eval_articles_free(g);
        return rc;
    }
    *out = g;
    return 0;
}

int eval_articles_load(const char *path, eval_articles **out, dy_err *err)
{
    char *text;
    size_t n;
    *out = NULL;
    int rc = dy_read_file(path, NULL, 0, &text, &n, err);
    if (rc)
        return rc;
    rc = eval_articles_parse(path, text, n, out, err);
    dy_free(text);
    return rc;
}

void eval_articles_free(eval_articles *g)
{
    if (!g)
        return;
    dy_free(g->rows);
    dy_free(g->evs);
    dy_free(g->by_corpus);
    dy_free(g->misses);
    dy_free(g->corpora);
    dy_arena_free(g->a);
    dy_free(g->name);
    dy_free(g);
}

size_t eval_articles_row_count(const eval_articles *g) { return g->nrows; }

const eval_gold_row *eval_articles_row(const eval_articles *g, size_t i)
{
    return i < g->nrows ? &g->rows[i] : NULL;
}

int eval_articles_default_path(const char *gold, char *out, size_t n)
{
    const char *slash = strrchr(gold, '/');
    const char *base = slash ? slash + 1 : gold;
    const char *at = NULL;
    for (const char *p = strstr(base, "gold"); p; p = strstr(p + 1, "gold"))
        at = p;
    if (!at)
        return DY_EINVAL;
    size_t len = strlen(gold);
    size_t tail = len >= 4 && strcmp(gold + len - 4, ".tsv") == 0 ? 4 : 0;
    const char *rest = at + 4;
    size_t restn = (size_t)(gold + len - tail - rest);
    int k = snprintf(out, n, "%.*sarticles%.*s%s", (int)(at - gold), gold, (int)restn, rest,
                     tail ? ".jsonl" : "");
    return k < 0 || (size_t)k >= n ? DY_ELIMIT : 0;
}
