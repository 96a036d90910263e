/* sentences.c - the sentences gold format (cameo_examples.*.tsv): one
 * sentence per row with the code it illustrates and its actors. Scores
 * coverage, root and exact-code accuracy, the countries of the best event,
 * full accuracy, the matcher's actor recall and a confusion summary. */
#include "eval/eval_internal.h"
#include "core/alloc.h"
#include "core/file.h"

#include <string.h>

typedef struct sent_result {
    int scored, has_full;
    eval_event *evs; /* copies, in the arena */
    size_t nev;
} sent_result;

struct eval_sentences {
    char *name;
    dy_arena *a;
    eval_sentence_row *rows;
    sent_result *res;
    size_t n;
    eval_sentence_figures f;
    long wrong[21][21]; /* gold root x first event's root, when no event has the gold root */
};

enum { S_ID, S_CODE, S_SOURCE, S_TARGET, S_SENTENCE, S_COLS };
static const char *const scols[S_COLS] = {"id", "cameo_code", "source", "target", "sentence"};

/* A CAMEO code: 2 to 4 digits. */
static int valid_code(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Room for more rows (capacity *cap). Returns 0 or DY_ENOMEM. */
static int grow(eval_sentences *g, size_t *cap, dy_err *err)
{
    size_t nc = *cap ? *cap * 2 : 256;
    eval_sentence_row *nr = dy_reallocarray(g->rows, nc, sizeof *nr);
    if (!nr)
        return dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
    g->rows = nr;
    *cap = nc;
    return 0;
}

/* The header and every row into g->rows. */
static int read_rows(eval_sentences *g, eval_tsv *t, dy_err *err)
{
    int col[S_COLS], need = 0;
    int rc = eval_tsv_next(t, err);
    if (rc == 0)
        return dy_err_set(err, DY_EPARSE, g->name, 1, -1,
                          "expected a header line (id cameo_code source target sentence)");
    if (rc < 0)
        return rc;
    for (int k = 0; k < S_COLS; k++) {
        if ((col[k] = eval_tsv_col(t->f, t->nf, scols[k])) < 0)
            return dy_err_set(err, DY_EPARSE, g->name, t->line, -1,
                              "expected the column \"%s\" in the header (id cameo_code source "
                              "target sentence)", scols[k]);
        if (col[k] > need)
            need = col[k];
    }
    size_t cap = 0;
    while ((rc = eval_tsv_next(t, err)) == 1) {
        if ((int)t->nf <= need)
            return dy_err_set(err, DY_EPARSE, g->name, t->line, -1,
                              "expected at least %d tab-separated fields, got %zu", need + 1,
                              t->nf);
        if (!valid_code(t->f[col[S_CODE]]))
            return dy_err_set(err, DY_EPARSE, g->name, t->line, -1,
                              "expected a CAMEO code of 2 to 4 digits in column cameo_code, "
                              "got '%s'", t->f[col[S_CODE]]);
        if (g->n == cap && (rc = grow(g, &cap, err)) != 0)
            return rc;
        g->rows[g->n++] = (eval_sentence_row){t->f[col[S_ID]], t->f[col[S_CODE]],
                                              t->f[col[S_SOURCE]], t->f[col[S_TARGET]],
                                              t->f[col[S_SENTENCE]], t->line};
    }
    if (rc < 0)
        return rc;
    if (g->n == 0)
        return dy_err_set(err, DY_EPARSE, g->name, t->line, -1,
                          "expected gold rows after the header");
    return 0;
}

int eval_sentences_parse(const char *name, const char *text, size_t len, eval_sentences **out,
                         dy_err *err)
{
    *out = NULL;
    eval_sentences *g = dy_calloc(1, sizeof *g);
    if (!g || !(g->a = dy_arena_new()) || !(g->name = dy_strdup(name ? name : ""))) {
        eval_sentences_free(g);
        return dy_err_set(err, DY_ENOMEM, name, 0, -1, "out of memory");
    }
    eval_tsv t;
    eval_tsv_init(&t, g->name, text, len, g->a);
    int rc = read_rows(g, &t, err);
    eval_tsv_free(&t);
    if (!rc && !(g->res = dy_calloc(g->n, sizeof *g->res)))
        rc = dy_err_set(err, DY_ENOMEM, name, 0, -1, "out of memory");
    if (rc) {
        eval_sentences_free(g);
        return rc;
    }
    for (int r = 0; r <= 20; r++)
        g->f.by_root_wrong[r] = -1;
    *out = g;
    return 0;
}

int eval_sentences_load(const char *path, eval_sentences **out, dy_err *err)
{
    char *text;
    size_t n;
    *out = NULL;
    int rc = dy_read_file(path, NULL, 0, &text, &n, err);
    if (rc)
        return rc;
    rc = eval_sentences_parse(path, text, n, out, err);
    dy_free(text);
    return rc;
}

void eval_sentences_free(eval_sentences *g)
{
    if (!g)
        return;
    dy_free(g->rows);
    dy_free(g->res);
    dy_arena_free(g->a);
    dy_free(g->name);
    dy_free(g);
}

size_t eval_sentences_count(const eval_sentences *g) { return g->n; }

const eval_sentence_row *eval_sentences_row(const eval_sentences *g, size_t i)
{
    return i < g->n ? &g->rows[i] : NULL;
}

/* The root of a code as a number, -1 when it does not start with two digits. */
static int root_num(const char *code)
{
    if (!code || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
        return -1;
    return (code[0] - '0') * 10 + (code[1] - '0');
}

/* Does the event's actor have the gold actor's country? An empty gold slot
 * is not scored (always right). */
static int same_actor(const char *gold, const char *ev)
{
    if (!gold[0])
        return 1;
    char a[CODE_COUNTRY_MAX], b[CODE_COUNTRY_MAX];
    code_actor_country(gold, a);
    code_actor_country(ev, b);
    return b[0] && strcmp(a, b) == 0;
}

/* Actor recall: is each gold actor's country among the mentions? */
static void score_mentions(eval_sentences *g, const eval_sentence_row *x,
                           const char *const *mentions, size_t nm)
{
    const char *slots[2] = {x->source, x->target};
    for (int k = 0; k < 2; k++) {
        if (!slots[k][0])
            continue;
        g->f.act_n++;
        for (size_t q = 0; q < nm; q++)
            if (same_actor(slots[k], mentions[q])) {
                g->f.act_found++;
                break;
            }
    }
}

/* Root, code and actors of the events against row x; the best event (best
 * code match, then source, then target) is the one whose actors count. */
static int score_events(eval_sentences *g, const eval_sentence_row *x, const eval_event *ev,
                        size_t nev)
{
    int gr = root_num(x->code);
    if (gr < 0 || gr > 20)
        gr = 0;
    eval_sentence_figures *f = &g->f;
    f->events += (long)nev;
    f->by_root_n[gr]++;
    int has_root = 0, has_exact = 0, has_full = 0, best_rank = -1;
    const eval_event *best = NULL;
    for (size_t k = 0; k < nev; k++) {
        int r = root_num(ev[k].code);
        int rank = strcmp(ev[k].code, x->code) == 0 ? 2 : r == gr ? 1 : 0;
        int s_ok = same_actor(x->source, ev[k].source), t_ok = same_actor(x->target, ev[k].target);
        if (r == gr)
            has_root = 1;
        else
            f->offroot++;
        has_exact |= rank == 2;
        has_full |= r == gr && s_ok && t_ok;
        int arank = rank * 4 + (s_ok ? 2 : 0) + (t_ok ? 1 : 0);
        if (arank > best_rank) {
            best_rank = arank;
            best = &ev[k];
        }
    }
    f->covered += nev > 0;
    f->root_ok += has_root;
    f->exact += has_exact;
    f->full += has_full;
    if (has_root) {
        f->by_root_ok[gr]++;
    } else if (nev) {
        int r0 = root_num(ev[0].code);
        g->wrong[gr][r0 >= 0 && r0 <= 20 ? r0 : 0]++;
    }
    if (x->source[0]) {
        f->src_n++;
        f->src_ok += best && same_actor(x->source, best->source);
    }
    if (x->target[0]) {
        f->tgt_n++;
        f->tgt_ok += best && same_actor(x->target, best->target);
    }
    return has_full;
}

int eval_sentences_add(eval_sentences *g, size_t i, const eval_event *ev, size_t nev,
                       const char *const *mentions, size_t nm, dy_err *err)
{
    if (i >= g->n || g->res[i].scored)
        return dy_err_set(err, DY_EINVAL, g->name, 0, -1, "row %zu: out of range or scored twice",
                          i);
    sent_result *res = &g->res[i];
    res->evs = nev ? dy_arena_calloc(g->a, nev, sizeof *res->evs) : NULL;
    if (nev && !res->evs)
        return dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
    for (size_t k = 0; k < nev; k++)
        if (eval_event_copy(g->a, &res->evs[k], &ev[k]) != 0)
            return dy_err_set(err, DY_ENOMEM, g->name, 0, -1, "out of memory");
    res->nev = nev;
    res->scored = 1;
    g->f.sentences++;
    score_mentions(g, &g->rows[i], mentions, nm);
    res->has_full = score_events(g, &g->rows[i], res->evs, nev);
    return 0;
}

void eval_sentences_figures(const eval_sentences *g, eval_sentence_figures *f)
{
    *f = g->f;
    for (int r = 0; r <= 20; r++) {
        f->by_root_wrong[r] = -1;
        f->by_root_wrong_n[r] = 0;
        for (int q = 0; q <= 20; q++)
            if (g->wrong[r][q] > f->by_root_wrong_n[r]) {
                f->by_root_wrong_n[r] = g->wrong[r][q];
                f->by_root_wrong[r] = q;
            }
    }
}

/* a / b, 0 when b is 0. */
static double ratio(long a, long b) { return b ? (double)a / (double)b : 0.0; }

int eval_sentences_write_report(const eval_sentences *g, dy_buf *b)
{
    eval_sentence_figures f;
    eval_sentences_figures(g, &f);
    long n = f.sentences;
    dy_buf_printf(b, "sentences            %ld\n", n);
    dy_buf_printf(b, "coverage             %.3f\n", ratio(f.covered, n));
    dy_buf_printf(b, "root accuracy        %.3f\n", ratio(f.root_ok, n));
    dy_buf_printf(b, "exact-code accuracy  %.3f\n", ratio(f.exact, n));
    dy_buf_printf(b, "source accuracy      %.3f  (%ld rows with a gold source)\n",
                  ratio(f.src_ok, f.src_n), f.src_n);
    dy_buf_printf(b, "target accuracy      %.3f  (%ld rows with a gold target)\n",
                  ratio(f.tgt_ok, f.tgt_n), f.tgt_n);
    dy_buf_printf(b, "full accuracy        %.3f  (root + source + target country)\n",
                  ratio(f.full, n));
    dy_buf_printf(b, "actor recall         %.3f  (gold actor country among the mentions, %ld "
                     "slots)\n",
                  ratio(f.act_found, f.act_n), f.act_n);
    dy_buf_printf(b, "events per sentence  %.3f\n", ratio(f.events, n));
    dy_buf_printf(b, "off-root per sentence %.3f\n", ratio(f.offroot, n));
    dy_buf_adds(b, "by root: gold n, root right, most frequent wrong first root\n");
    for (int r = 1; r <= 20; r++) {
        if (!f.by_root_n[r])
            continue;
        dy_buf_printf(b, "  %02d  %3ld  %3ld", r, f.by_root_n[r], f.by_root_ok[r]);
        if (f.by_root_wrong[r] >= 0)
            dy_buf_printf(b, "   %02d x%ld", f.by_root_wrong[r], f.by_root_wrong_n[r]);
        dy_buf_addc(b, '\n');
    }
    return b->oom ? DY_ENOMEM : 0;
}

int eval_sentences_write_json(const eval_sentences *g, dy_buf *b)
{
    eval_sentence_figures f;
    eval_sentences_figures(g, &f);
    long n = f.sentences;
    dy_buf_printf(b, "{\"sentences\": %ld, \"coverage\": %.3f, \"root_accuracy\": %.3f, "
                     "\"exact_code_accuracy\": %.3f, \"source_accuracy\": %.3f, "
                     "\"source_rows\": %ld, \"target_accuracy\": %.3f, \"target_rows\": %ld, "
                     "\"full_accuracy\": %.3f, \"actor_recall\": %.3f, \"actor_slots\": %ld, "
                     "\"events_per_sentence\": %.3f, \"offroot_per_sentence\": %.3f, "
                     "\"by_root\": {",
                  n, ratio(f.covered, n), ratio(f.root_ok, n), ratio(f.exact, n),
                  ratio(f.src_ok, f.src_n), f.src_n, ratio(f.tgt_ok, f.tgt_n), f.tgt_n,
                  ratio(f.full, n), ratio(f.act_found, f.act_n), f.act_n, ratio(f.events, n),
                  ratio(f.offroot, n));
    int first = 1;
    for (int r = 1; r <= 20; r++) {
        if (!f.by_root_n[r])
            continue;
        dy_buf_printf(b, "%s\"%02d\": {\"gold\": %ld, \"root_right\": %ld", first ? "" : ", ", r,
                      f.by_root_n[r], f.by_root_ok[r]);
        if (f.by_root_wrong[r] >= 0)
            dy_buf_printf(b, ", \"most_frequent_wrong\": \"%02d\", \"wrong_n\": %ld",
                          f.by_root_wrong[r], f.by_root_wrong_n[r]);
        dy_buf_addc(b, '}');
        first = 0;
    }
    dy_buf_adds(b, "}}\n");
    return b->oom ? DY_ENOMEM : 0;
}

/* s, or "-" for an absent or empty field. */
static const char *or_dash(const char *s) { return s && s[0] ? s : "-"; }

int eval_sentences_write_misses(const eval_sentences *g, dy_buf *b)
{
    for (size_t i = 0; i < g->n; i++) {
        const sent_result *r = &g->res[i];
        const eval_sentence_row *x = &g->rows[i];
        if (!r->scored || r->has_full)
            continue;
        dy_buf_printf(b, "MISS %s gold %s %s -> %s: %s\n", x->id, x->code, or_dash(x->source),
                      or_dash(x->target), x->sentence);
        for (size_t k = 0; k < r->nev; k++) {
            const eval_event *e = &r->evs[k];
            dy_buf_printf(b, "  got %s -> %s %s %s", or_dash(e->source), or_dash(e->target),
                          e->code, e->modality ? e->modality : "-");
            if (e->pattern)
                dy_buf_printf(b, "  pattern %s", e->pattern);
            if (e->source_entry || e->target_entry)
                dy_buf_printf(b, "  source entry %s, target entry %s", or_dash(e->source_entry),
                              or_dash(e->target_entry));
            dy_buf_addc(b, '\n');
        }
        if (!r->nev)
            dy_buf_adds(b, "  got nothing\n");
    }
    return b->oom ? DY_ENOMEM : 0;
}
