/* model.h - public interface of the model stage: from dyadic event
 * aggregates to a model of the international system (docs/model.md).
 *
 * Data flows store -> model: the model never reads the store. Its input is
 * a model_data, a list of aggregate records (window, source, target, counts
 * per quad class, Goldstein sum) that the caller fills, e.g. from
 * store_aggregate. From it the model builds, per window and for the whole
 * period, a signed alignment network, its blocs (a partition minimising
 * frustration), polarity figures, centrality, brokers and a signed triad
 * census; it also ranks an actor's partners and gives a dyad's time series.
 *
 * Everything is deterministic for the same input and options: nodes are
 * sorted by id, windows by label, and the randomised bloc search uses a
 * fixed seed. The library never prints; writers append to a dy_buf.
 *
 * Ownership: model_data, model, model_partners and model_series objects are
 * owned by their creator and released with their _free function. Strings
 * passed in are copied; strings in results live as long as their object.
 */
#ifndef DY_MODEL_H
#define DY_MODEL_H

#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"
#include "dict/dict.h" /* dict_names: the writers' display names */

/* ---- input ------------------------------------------------------------ */

typedef struct model_data model_data;

/* New empty input set. Returns 0 or DY_ENOMEM. */
int model_data_new(model_data **out);
void model_data_free(model_data *d);
/* Add the aggregate of events from source to target in window: events in
 * total, quad[1..4] per quad class (quad[0] unused), Goldstein sum. window
 * is a label "YYYY", "YYYY-Qn", "YYYY-MM" or "" (whole period). Records for
 * the same (window, source, target) add up; source == target is kept but
 * ignored by the model (domestic events). Strings are copied. Returns 0,
 * DY_EINVAL (bad window label, mixed label kinds, empty id, negative count)
 * or DY_ENOMEM. */
int model_data_add(model_data *d, const char *window, const char *source, const char *target,
                   long events, const long quad[5], double goldstein, dy_err *err);
/* Number of records held (after merging duplicates). */
size_t model_data_count(const model_data *d);
/* Note that the caller left n events out of d (sides that are not states
 * or organisations); the model reports the total as left_out. */
void model_data_left_out(model_data *d, long n);

/* ---- options ---------------------------------------------------------- */

enum { MODEL_BALANCE_COUNT = 0, MODEL_BALANCE_GOLDSTEIN };

typedef struct model_opts {
    long min_events;     /* dyads with fewer (smoothed) events get no edge; default 3 */
    double min_balance;  /* |balance| below this: neutral edge (sign 0); default 0.1 */
    double prior;        /* pseudo-events shrinking the balance to 0; default 1 */
    double smoothing;    /* share of a window's evidence carried to the next, 0..<1; default 0.5 */
    int balance;         /* MODEL_BALANCE_GOLDSTEIN (default) or MODEL_BALANCE_COUNT */
    int max_blocs;       /* at most this many blocs, 0 = no limit (default) */
    int restarts;        /* random restarts of the bloc search; default 20 */
    unsigned long seed;  /* seed of the bloc search; default 1 */
    int windowed;        /* also build one model per window (else whole period only) */
    int top;             /* alliance triangles kept, default 10 */
} model_opts;

/* Fill o with the defaults above. */
void model_opts_default(model_opts *o);

/* ---- the model -------------------------------------------------------- */


typedef struct model_node {
    const char *id;
    int bloc;             /* 0.. (bloc 0 is the largest), -1 = no signed edge */
    long events;          /* events of its edges in this window */
    double evidence;      /* smoothed events of its edges (= events for the
                             whole period) */
    int degree;           /* signed edges */
    double strength;      /* sum of |weight| of signed edges */
    double positive, negative; /* sum of weights of positive / negative edges */
    double betweenness;   /* on the positive network (hops), normalised */
    double pagerank;      /* on the positive network, weighted, damping 0.85 */
    int tie_blocs;        /* blocs it has positive ties into (own included) */
    int broker;           /* tie_blocs >= 2 */
} model_node;

typedef struct model_edge {
    int a, b;             /* node indices, a < b (ids sorted) */
    long events;          /* both directions, in this window */
    long quad[5];
    double goldstein;     /* sum */
    double s_events;      /* smoothed evidence (docs/model.md): in a window */
    double s_quad[5];     /* its own counts plus the carried-over share of */
    double s_goldstein;   /* earlier windows; the raw counts otherwise */
    double goldstein_mean;
    double coop_share;    /* (quad1 + quad2) / events */
    double intensity;     /* events / mean events of the window's kept dyads */
    double balance;       /* -1..1, see docs/model.md */
    int sign;             /* +1, -1, 0 (neutral) */
    double weight;        /* |balance| when signed, else 0 */
    int frustrated;       /* negative inside a bloc or positive between blocs */
} model_edge;

typedef struct model_bloc {
    int id;
    int size;
    double evidence;      /* sum of its members' evidence */
    double share;         /* evidence share among nodes in blocs */
    int *members;         /* node indices, sorted by id */
} model_bloc;

typedef struct model_triangle {
    int n[3];             /* node indices, sorted */
    double weight;        /* weakest of the three positive ties */
} model_triangle;

typedef struct model_graph {
    const char *window;   /* label, "" for the whole period */
    size_t nnodes;
    model_node *nodes;    /* sorted by id */
    size_t nedges;
    model_edge *edges;    /* sorted by (a, b) */
    size_t nblocs;
    model_bloc *blocs;
    double frustration;   /* sum of weights of frustrated edges */
    long frustrated_edges;
    double frustration_share; /* frustration / sum of |weight| */
    double effective_poles;   /* 1 / sum(share^2) */
    double bipolarity;        /* 4 s1 s2 / (s1 + s2) */
    long triads[4];       /* triangles with 0, 1, 2, 3 negative edges */
    long balanced, unbalanced; /* triads[0]+triads[2], triads[1]+triads[3] */
    size_t nalliances;
    model_triangle *alliances; /* +++ triangles, strongest first */
} model_graph;

typedef struct model {
    model_graph whole;    /* the whole period */
    size_t nwindows;
    model_graph *windows; /* with opts.windowed: every window from the first
                             to the last label, gaps included */
    model_opts opts;
    long left_out;        /* events the input left out (model_data_left_out) */
    const dict_names *names; /* display names for the writers (borrowed; set
                                 by the caller, NULL = ids only) */
    /* storage owned by the model */
    char **ids_;
    size_t nids_;
    char (*labels_)[16];
} model;

/* Build the model of d with options o (NULL = defaults). Returns 0,
 * DY_EINVAL (bad options: err says which), DY_ENOMEM or DY_EIO (igraph
 * failed). *out is owned by the caller (model_free). */
int model_build(const model_data *d, const model_opts *o, model **out, dy_err *err);
void model_free(model *m);

/* ---- pieces, exposed for tests ---------------------------------------- */

/* Balance, sign and weight of a dyad from its smoothed counts (s_events,
 * s_quad, s_goldstein) (docs/model.md); also goldstein_mean and coop_share
 * (of the smoothed counts). */
void model_edge_sign(const model_opts *o, model_edge *e);

/* Partition n nodes with signed weighted edges into blocs minimising the
 * frustration (negative weight inside blocs + positive weight between).
 * ea/eb/w: nedges edges (w > 0 positive, w < 0 negative, 0 ignored).
 * bloc[n] receives 0-based bloc numbers (largest bloc first, ties by lowest
 * node index; nodes without edges get -1). Returns the number of blocs or
 * DY_ENOMEM; *frustration receives the minimum found. */
int model_partition(size_t n, size_t nedges, const int *ea, const int *eb, const double *w,
                    int max_blocs, int restarts, unsigned long seed, const int *start,
                    int *bloc, double *frustration);

/* ---- partners and dyads ----------------------------------------------- */

typedef struct model_partner {
    const char *id;
    long coop;            /* cooperative events (quad 1 + 2), both directions */
    long conflict;        /* quad 3 + 4 */
    long events;
    double goldstein_mean;
    int rank;             /* 1 = main partner */
    int prev_rank;        /* rank in the previous window, 0 = not ranked */
} model_partner;

typedef struct model_partner_window {
    const char *window;
    size_t n;
    model_partner *p;     /* by rank */
} model_partner_window;

typedef struct model_partners {
    const char *actor;
    const dict_names *names; /* display names for the writer (borrowed; set
                                 by the caller, NULL = ids only) */
    size_t nwindows;
    model_partner_window *w; /* every window from first to last, gaps included */
    /* storage owned by the object */
    char **ids_;
    size_t nids_;
    char (*labels_)[16];
    model_partner *all_;
} model_partners;

/* Rank the partners of actor (an id or id prefix: "RUS" matches RUSGOV at
 * actor level) by cooperative events per window, ties by fewer conflict
 * events, more events, then id. Partners need at least min_events events.
 * Returns 0, DY_EINVAL or DY_ENOMEM. */
int model_partners_build(const model_data *d, const char *actor, long min_events,
                         model_partners **out, dy_err *err);
void model_partners_free(model_partners *p);

typedef struct model_point {
    const char *window;
    long events;
    long quad[5];         /* both directions */
    long ab, ba;          /* events from a to b, from b to a */
    double goldstein_mean; /* 0 when no events */
} model_point;

typedef struct model_series {
    const char *a, *b;
    size_t n;
    model_point *pts;     /* every window from first to last, gaps included */
    /* storage owned by the object */
    char *a_, *b_;
    char (*labels_)[16];
} model_series;

/* The time series of the relation between a and b (ids or prefixes).
 * Returns 0, DY_EINVAL or DY_ENOMEM. */
int model_series_build(const model_data *d, const char *a, const char *b, model_series **out,
                       dy_err *err);
void model_series_free(model_series *s);

/* ---- output ----------------------------------------------------------- */

enum {
    MODEL_FMT_TEXT = 0,
    MODEL_FMT_JSON,
    MODEL_FMT_GRAPHML,
    MODEL_FMT_DOT,
    MODEL_FMT_CSV,       /* edges, one row per window and dyad */
    MODEL_FMT_CSV_NODES  /* nodes, one row per window and node */
};

/* Parse a format name ("text", "json", "graphml", "dot", "csv",
 * "csv-nodes"); returns the MODEL_FMT_ value or -1. */
int model_format_parse(const char *name);
/* Append m in format fmt to b. GraphML and DOT describe the whole period.
 * Returns 0 or DY_ENOMEM. */
int model_write(dy_buf *b, const model *m, int fmt);
/* Partners: text, json or csv, at most top per window (0 = all). Returns 0,
 * DY_EINVAL (format) or DY_ENOMEM. */
int model_partners_write(dy_buf *b, const model_partners *p, int fmt, int top);
/* Series: text, json or csv (rows only; the caller adds evidence). */
int model_series_write(dy_buf *b, const model_series *s, int fmt);

#endif
