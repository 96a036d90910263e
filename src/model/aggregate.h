/* aggregate.h - dyad accumulators of the model stage (internal). */
#ifndef DY_MODEL_AGGREGATE_H
#define DY_MODEL_AGGREGATE_H

#include "model/model_internal.h"

/* An undirected dyad between node ranks a < b: raw counts of the current
 * window and smoothed evidence. */
typedef struct model_dyad {
    int a, b;
    long events, quad[5], ab, ba;
    double goldstein;
    double s_events, s_quad[5], s_goldstein;
} model_dyad;

typedef struct model_acc {
    model_dyad *d;
    size_t n, cap;
    int *slot;
    size_t nslot;
    int *dense;           /* with few nodes: [a * ndense + b] -> index + 1 */
    size_t ndense;
} model_acc;

/* Use a dense dyad index for nodes 0..n-1 when n is small (else nothing
 * changes); call on an empty accumulator. Returns 0 or DY_ENOMEM. */
int model_acc_dense(model_acc *a, size_t n);

int model_acc_add(model_acc *a, int src, int tgt, const model_rec *r);
void model_acc_decay(model_acc *a, double lambda);
void model_acc_free(model_acc *a);
int model_graph_fill(model_graph *g, const char *label, char **ids, size_t nids,
                     const model_acc *a, const model_opts *o);
void model_graph_clear(model_graph *g);

#endif
