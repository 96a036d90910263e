/* model_internal.h - shared between the files of the model stage only. */
#ifndef DY_MODEL_INTERNAL_H
#define DY_MODEL_INTERNAL_H

#include "model/model.h"

/* A string set: ids get dense indices in insertion order. */
typedef struct model_strset {
    char **s;
    size_t n, cap;
    int *slot;            /* open addressing: index + 1, 0 = empty */
    size_t nslot;
} model_strset;

typedef struct model_rec {
    int win, src, tgt;    /* indices into the string sets */
    long events;
    long quad[5];
    double goldstein;
} model_rec;

enum { MODEL_WIN_NONE = 0, MODEL_WIN_YEAR, MODEL_WIN_QUARTER, MODEL_WIN_MONTH };

struct model_data {
    model_strset ids, wins;
    int *win_ord;         /* ordinal of each window label */
    size_t win_cap;
    int kind;             /* MODEL_WIN_*; -1 while no record */
    model_rec *r;
    size_t n, cap;
    long left_out;        /* events the caller left out */
    /* (win, src, tgt) -> record index + 1. While every window's records
     * arrive in one run (as from store_aggregate), only the current run's
     * records are in the table (from run_start): no earlier record can
     * match, and the table stays small. global: all records are in it. */
    int *slot;
    size_t nslot;
    int global, run_win;
    size_t run_start;
    /* lookup caches: the last window label and ids by string address (a
     * hit is confirmed by comparing the strings) */
    char last_win[16];
    int last_w;
    struct {
        const char *p;
        int id;
    } idc[512];
};

/* Find s (length n) or return -1. */
int model_strset_find(const model_strset *t, const char *s);
/* Index of s, adding it when new; DY_ENOMEM. */
int model_strset_add(model_strset *t, const char *s);
void model_strset_free(model_strset *t);

/* Parse a window label: kind (MODEL_WIN_*) and ordinal (year, 4*year+q-1,
 * 12*year+m-1; 0 for ""). Returns 0 or DY_EINVAL. */
int model_window_parse(const char *label, int *kind, int *ord);
/* Write the label of ordinal ord of kind into out (16 bytes). */
void model_window_label(int kind, int ord, char out[static 16]);

/* The window sequence of d: first ordinal and count (1 and "" when d has
 * only whole-period records or none). */
void model_data_span(const model_data *d, int *first, int *count);

/* Does id match the actor code or prefix? */
int model_id_matches(const char *id, const char *actor);

/* Centrality of g's nodes with igraph (betweenness, PageRank), under the
 * one lock that serialises every igraph call of the process. Returns 0
 * or DY_EIO / DY_ENOMEM. */
int model_centrality(model_graph *g, dy_err *err);
/* Signed triad census and the strongest alliance triangles of g. */
int model_triads(model_graph *g, int top);
/* Blocs, frustration, polarity and brokers of g; start: previous bloc of
 * each node or NULL. */
int model_blocs(model_graph *g, const model_opts *o, const int *start);

#endif
