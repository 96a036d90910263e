/* output.c - the model as text, JSON (docs/model.md), GraphML, DOT or CSV.
 * Writers append to a dy_buf; numbers are printed with up to 6
 * significant digits so that output is stable across platforms. */
#include "model/model_internal.h"

#include <stdio.h>
#include <string.h>

int model_format_parse(const char *name)
{
    static const char *const names[] = {"text", "json", "graphml", "dot", "csv", "csv-nodes"};
    for (int i = 0; i < 6; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

static void num(dy_buf *b, double x)
{
    if (x == 0)
        x = 0; /* no "-0" */
    dy_buf_printf(b, "%.6g", x);
}

static void xml_str(dy_buf *b, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '<': dy_buf_adds(b, "&lt;"); break;
        case '>': dy_buf_adds(b, "&gt;"); break;
        case '&': dy_buf_adds(b, "&amp;"); break;
        case '"': dy_buf_adds(b, "&quot;"); break;
        default: dy_buf_addc(b, *s); break;
        }
}

static void csv_str(dy_buf *b, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        dy_buf_adds(b, s);
        return;
    }
    dy_buf_addc(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            dy_buf_addc(b, '"');
        dy_buf_addc(b, *s);
    }
    dy_buf_addc(b, '"');
}

static void jstr(dy_buf *b, const char *s)
{
    dy_buf_json_str(b, s, strlen(s));
}

/* The display name of id (dict_names; the id itself without names). */
static const char *name_of(const dict_names *nm, const char *id, char out[static 160])
{
    return dict_names_get(nm, id, out, 160);
}

/* ---- JSON ------------------------------------------------------------- */

static void json_graph(dy_buf *b, const model_graph *g, const dict_names *nm)
{
    char nb[160];
    dy_buf_adds(b, "\"window\":");
    jstr(b, g->window);
    dy_buf_adds(b, ",\"nodes\":[");
    for (size_t v = 0; v < g->nnodes; v++) {
        const model_node *x = &g->nodes[v];
        dy_buf_adds(b, v ? ",{\"id\":" : "{\"id\":");
        jstr(b, x->id);
        dy_buf_adds(b, ",\"name\":");
        jstr(b, name_of(nm, x->id, nb));
        dy_buf_printf(b, ",\"bloc\":%d,\"events\":%ld,\"evidence\":", x->bloc, x->events);
        num(b, x->evidence);
        dy_buf_printf(b, ",\"degree\":%d,\"strength\":", x->degree);
        num(b, x->strength);
        dy_buf_adds(b, ",\"positive\":");
        num(b, x->positive);
        dy_buf_adds(b, ",\"negative\":");
        num(b, x->negative);
        dy_buf_adds(b, ",\"betweenness\":");
        num(b, x->betweenness);
        dy_buf_adds(b, ",\"pagerank\":");
        num(b, x->pagerank);
        dy_buf_printf(b, ",\"tie_blocs\":%d,\"broker\":%s}", x->tie_blocs,
                      x->broker ? "true" : "false");
    }
    dy_buf_adds(b, "],\"edges\":[");
    for (size_t i = 0; i < g->nedges; i++) {
        const model_edge *e = &g->edges[i];
        dy_buf_adds(b, i ? ",{\"source\":" : "{\"source\":");
        jstr(b, g->nodes[e->a].id);
        dy_buf_adds(b, ",\"target\":");
        jstr(b, g->nodes[e->b].id);
        dy_buf_printf(b, ",\"sign\":%d,\"weight\":", e->sign);
        num(b, e->weight);
        dy_buf_printf(b, ",\"balance\":");
        num(b, e->balance);
        dy_buf_printf(b, ",\"events\":%ld,\"quad\":[%ld,%ld,%ld,%ld],\"goldstein\":", e->events,
                      e->quad[1], e->quad[2], e->quad[3], e->quad[4]);
        num(b, e->goldstein);
        dy_buf_adds(b, ",\"evidence\":");
        num(b, e->s_events);
        dy_buf_adds(b, ",\"goldstein_mean\":");
        num(b, e->goldstein_mean);
        dy_buf_adds(b, ",\"coop_share\":");
        num(b, e->coop_share);
        dy_buf_adds(b, ",\"intensity\":");
        num(b, e->intensity);
        dy_buf_printf(b, ",\"frustrated\":%s}", e->frustrated ? "true" : "false");
    }
    dy_buf_adds(b, "],\"blocs\":[");
    for (size_t k = 0; k < g->nblocs; k++) {
        const model_bloc *B = &g->blocs[k];
        dy_buf_printf(b, "%s{\"id\":%d,\"size\":%d,\"share\":", k ? "," : "", B->id, B->size);
        num(b, B->share);
        dy_buf_adds(b, ",\"evidence\":");
        num(b, B->evidence);
        dy_buf_adds(b, ",\"members\":[");
        for (int i = 0; i < B->size; i++) {
            if (i)
                dy_buf_addc(b, ',');
            jstr(b, g->nodes[B->members[i]].id);
        }
        dy_buf_adds(b, "]}");
    }
    dy_buf_printf(b, "],\"polarity\":{\"blocs\":%zu,\"effective_poles\":", g->nblocs);
    num(b, g->effective_poles);
    dy_buf_adds(b, ",\"bipolarity\":");
    num(b, g->bipolarity);
    dy_buf_adds(b, ",\"frustration\":");
    num(b, g->frustration);
    dy_buf_printf(b, ",\"frustrated_edges\":%ld,\"frustration_share\":", g->frustrated_edges);
    num(b, g->frustration_share);
    dy_buf_printf(b,
                  "},\"triads\":{\"ppp\":%ld,\"ppn\":%ld,\"pnn\":%ld,\"nnn\":%ld,"
                  "\"balanced\":%ld,\"unbalanced\":%ld,\"alliances\":[",
                  g->triads[0], g->triads[1], g->triads[2], g->triads[3], g->balanced,
                  g->unbalanced);
    for (size_t i = 0; i < g->nalliances; i++) {
        const model_triangle *t = &g->alliances[i];
        dy_buf_adds(b, i ? ",{\"members\":[" : "{\"members\":[");
        for (int j = 0; j < 3; j++) {
            if (j)
                dy_buf_addc(b, ',');
            jstr(b, g->nodes[t->n[j]].id);
        }
        dy_buf_adds(b, "],\"weight\":");
        num(b, t->weight);
        dy_buf_addc(b, '}');
    }
    dy_buf_adds(b, "]}");
}

static void json_model(dy_buf *b, const model *m)
{
    const model_opts *o = &m->opts;
    dy_buf_printf(b, "{\"params\":{\"min_events\":%ld,\"min_balance\":", o->min_events);
    num(b, o->min_balance);
    dy_buf_adds(b, ",\"prior\":");
    num(b, o->prior);
    dy_buf_adds(b, ",\"smoothing\":");
    num(b, o->smoothing);
    dy_buf_printf(b, ",\"balance\":\"%s\",\"max_blocs\":%d,\"restarts\":%d,\"seed\":%lu},",
                  o->balance == MODEL_BALANCE_GOLDSTEIN ? "goldstein" : "count", o->max_blocs,
                  o->restarts, o->seed);
    dy_buf_printf(b, "\"left_out\":%ld,", m->left_out);
    json_graph(b, &m->whole, m->names);
    dy_buf_adds(b, ",\"windows\":[");
    for (size_t t = 0; t < m->nwindows; t++) {
        dy_buf_adds(b, t ? ",{" : "{");
        json_graph(b, &m->windows[t], m->names);
        dy_buf_addc(b, '}');
    }
    dy_buf_adds(b, "]}\n");
}

/* ---- text ------------------------------------------------------------- */

static void text_blocs(dy_buf *b, const model_graph *g, size_t max_members)
{
    for (size_t k = 0; k < g->nblocs; k++) {
        const model_bloc *B = &g->blocs[k];
        dy_buf_printf(b, "  bloc %d (%d, share %.2f):", B->id, B->size, B->share);
        for (int i = 0; i < B->size && (size_t)i < max_members; i++)
            dy_buf_printf(b, " %s", g->nodes[B->members[i]].id);
        if ((size_t)B->size > max_members)
            dy_buf_printf(b, " ... (+%zu)", (size_t)B->size - max_members);
        dy_buf_addc(b, '\n');
    }
}

static void text_graph(dy_buf *b, const model_graph *g)
{
    long pos = 0, neg = 0;
    for (size_t i = 0; i < g->nedges; i++) {
        pos += g->edges[i].sign > 0;
        neg += g->edges[i].sign < 0;
    }
    dy_buf_printf(b, "nodes %zu, edges %zu (%ld positive, %ld negative, %zu neutral)\n",
                  g->nnodes, g->nedges, pos, neg, g->nedges - (size_t)(pos + neg));
    dy_buf_printf(b,
                  "blocs %zu, effective poles %.2f, bipolarity %.2f, frustration %.3f "
                  "(%ld edges, %.1f%% of weight)\n",
                  g->nblocs, g->effective_poles, g->bipolarity, g->frustration,
                  g->frustrated_edges, 100 * g->frustration_share);
    text_blocs(b, g, 1000);
    dy_buf_printf(b, "triads: %ld balanced (+++ %ld, +-- %ld), %ld unbalanced (++- %ld, --- %ld)\n",
                  g->balanced, g->triads[0], g->triads[2], g->unbalanced, g->triads[1],
                  g->triads[3]);
    for (size_t i = 0; i < g->nalliances; i++)
        dy_buf_printf(b, "  alliance %s %s %s (weakest tie %.3f)\n",
                      g->nodes[g->alliances[i].n[0]].id, g->nodes[g->alliances[i].n[1]].id,
                      g->nodes[g->alliances[i].n[2]].id, g->alliances[i].weight);
    dy_buf_adds(b, "brokers:");
    int any = 0;
    for (size_t v = 0; v < g->nnodes; v++)
        if (g->nodes[v].broker) {
            dy_buf_printf(b, " %s (%d blocs)", g->nodes[v].id, g->nodes[v].tie_blocs);
            any = 1;
        }
    dy_buf_adds(b, any ? "\n" : " none\n");
    dy_buf_printf(b, "%-8s %4s %7s %6s %8s %8s %8s %11s %8s\n", "node", "bloc", "events",
                  "degree", "strength", "positive", "negative", "betweenness", "pagerank");
    for (size_t v = 0; v < g->nnodes; v++) {
        const model_node *x = &g->nodes[v];
        dy_buf_printf(b, "%-8s %4d %7ld %6d %8.3f %8.3f %8.3f %11.4f %8.4f\n", x->id, x->bloc,
                      x->events, x->degree, x->strength, x->positive, x->negative,
                      x->betweenness, x->pagerank);
    }
    dy_buf_printf(b, "%-8s %-8s %4s %7s %7s %6s %24s %7s %6s\n", "source", "target", "sign",
                  "weight", "balance", "events", "quad 1/2/3/4", "gs mean", "frustr");
    for (size_t i = 0; i < g->nedges; i++) {
        const model_edge *e = &g->edges[i];
        char q[64];
        snprintf(q, sizeof q, "%ld/%ld/%ld/%ld", e->quad[1], e->quad[2], e->quad[3], e->quad[4]);
        dy_buf_printf(b, "%-8s %-8s %+4d %7.3f %+7.3f %6ld %24s %+7.2f %6s\n",
                      g->nodes[e->a].id, g->nodes[e->b].id, e->sign, e->weight, e->balance,
                      e->events, q, e->goldstein_mean, e->frustrated ? "yes" : "");
    }
}

static void text_model(dy_buf *b, const model *m)
{
    const model_opts *o = &m->opts;
    dy_buf_printf(b,
                  "dyad model: balance by %s, min events %ld, min balance %.2f, prior %.2f, "
                  "smoothing %.2f\n",
                  o->balance == MODEL_BALANCE_GOLDSTEIN ? "goldstein" : "count", o->min_events,
                  o->min_balance, o->prior, o->smoothing);
    if (m->left_out)
        dy_buf_printf(b,
                      "%ld events left out: a side is not a state or an organisation "
                      "(--level actor keeps them)\n",
                      m->left_out);
    if (m->nwindows) {
        dy_buf_printf(b, "\nwindows (%zu):\n", m->nwindows);
        for (size_t t = 0; t < m->nwindows; t++) {
            const model_graph *g = &m->windows[t];
            dy_buf_printf(b,
                          "%s: nodes %zu, edges %zu, blocs %zu, poles %.2f, bipolarity %.2f, "
                          "frustration %.3f, triads %ld/%ld balanced\n",
                          g->window, g->nnodes, g->nedges, g->nblocs, g->effective_poles,
                          g->bipolarity, g->frustration, g->balanced, g->balanced + g->unbalanced);
            text_blocs(b, g, 12);
        }
    }
    dy_buf_adds(b, "\nwhole period: ");
    text_graph(b, &m->whole);
}

/* ---- GraphML and DOT (whole period) ----------------------------------- */

static void graphml(dy_buf *b, const model_graph *g, const dict_names *nm)
{
    char nb[160];
    dy_buf_adds(b,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
                "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                "  <key id=\"bloc\" for=\"node\" attr.name=\"bloc\" attr.type=\"int\"/>\n"
                "  <key id=\"nevents\" for=\"node\" attr.name=\"events\" attr.type=\"long\"/>\n"
                "  <key id=\"strength\" for=\"node\" attr.name=\"strength\" attr.type=\"double\"/>\n"
                "  <key id=\"betweenness\" for=\"node\" attr.name=\"betweenness\" attr.type=\"double\"/>\n"
                "  <key id=\"pagerank\" for=\"node\" attr.name=\"pagerank\" attr.type=\"double\"/>\n"
                "  <key id=\"broker\" for=\"node\" attr.name=\"broker\" attr.type=\"boolean\"/>\n"
                "  <key id=\"sign\" for=\"edge\" attr.name=\"sign\" attr.type=\"int\"/>\n"
                "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                "  <key id=\"balance\" for=\"edge\" attr.name=\"balance\" attr.type=\"double\"/>\n"
                "  <key id=\"eevents\" for=\"edge\" attr.name=\"events\" attr.type=\"long\"/>\n"
                "  <key id=\"gmean\" for=\"edge\" attr.name=\"goldstein_mean\" attr.type=\"double\"/>\n"
                "  <graph id=\"dyad\" edgedefault=\"undirected\">\n");
    for (size_t v = 0; v < g->nnodes; v++) {
        const model_node *x = &g->nodes[v];
        dy_buf_adds(b, "    <node id=\"");
        xml_str(b, x->id);
        dy_buf_adds(b, "\"><data key=\"label\">");
        xml_str(b, name_of(nm, x->id, nb));
        dy_buf_printf(b, "</data><data key=\"bloc\">%d</data><data key=\"nevents\">%ld</data>",
                      x->bloc, x->events);
        dy_buf_adds(b, "<data key=\"strength\">");
        num(b, x->strength);
        dy_buf_adds(b, "</data><data key=\"betweenness\">");
        num(b, x->betweenness);
        dy_buf_adds(b, "</data><data key=\"pagerank\">");
        num(b, x->pagerank);
        dy_buf_printf(b, "</data><data key=\"broker\">%s</data></node>\n",
                      x->broker ? "true" : "false");
    }
    for (size_t i = 0; i < g->nedges; i++) {
        const model_edge *e = &g->edges[i];
        dy_buf_adds(b, "    <edge source=\"");
        xml_str(b, g->nodes[e->a].id);
        dy_buf_adds(b, "\" target=\"");
        xml_str(b, g->nodes[e->b].id);
        dy_buf_printf(b, "\"><data key=\"sign\">%d</data><data key=\"weight\">", e->sign);
        num(b, e->weight);
        dy_buf_adds(b, "</data><data key=\"balance\">");
        num(b, e->balance);
        dy_buf_printf(b, "</data><data key=\"eevents\">%ld</data><data key=\"gmean\">",
                      e->events);
        num(b, e->goldstein_mean);
        dy_buf_adds(b, "</data></edge>\n");
    }
    dy_buf_adds(b, "  </graph>\n</graphml>\n");
}

static void dot(dy_buf *b, const model_graph *g, const dict_names *nm)
{
    char nb[160];
    dy_buf_adds(b, "graph dyad {\n  layout=neato; overlap=false; splines=true;\n"
                   "  node [shape=ellipse, style=filled, fontname=\"Helvetica\"];\n");
    for (size_t v = 0; v < g->nnodes; v++) {
        const model_node *x = &g->nodes[v];
        dy_buf_adds(b, "  \"");
        xml_str(b, x->id);
        dy_buf_adds(b, "\" [tooltip=\"");
        xml_str(b, name_of(nm, x->id, nb));
        if (x->bloc >= 0)
            dy_buf_printf(b, ", bloc %d\", fillcolor=\"/set312/%d\"];\n", x->bloc,
                          x->bloc % 12 + 1);
        else
            dy_buf_adds(b, "\", fillcolor=\"white\"];\n");
    }
    for (size_t i = 0; i < g->nedges; i++) {
        const model_edge *e = &g->edges[i];
        dy_buf_adds(b, "  \"");
        xml_str(b, g->nodes[e->a].id);
        dy_buf_adds(b, "\" -- \"");
        xml_str(b, g->nodes[e->b].id);
        const char *style = e->sign > 0   ? "color=\"darkgreen\""
                            : e->sign < 0 ? "color=\"red\", style=\"dashed\""
                                          : "color=\"gray\", style=\"dotted\"";
        dy_buf_printf(b, "\" [%s, penwidth=%.2f, tooltip=\"%ld events\"];\n", style,
                      0.5 + 3 * e->weight, e->events);
    }
    dy_buf_adds(b, "}\n");
}

/* ---- CSV -------------------------------------------------------------- */

static void csv_edges(dy_buf *b, const model_graph *g)
{
    for (size_t i = 0; i < g->nedges; i++) {
        const model_edge *e = &g->edges[i];
        csv_str(b, g->window);
        dy_buf_addc(b, ',');
        csv_str(b, g->nodes[e->a].id);
        dy_buf_addc(b, ',');
        csv_str(b, g->nodes[e->b].id);
        dy_buf_printf(b, ",%d,", e->sign);
        num(b, e->weight);
        dy_buf_addc(b, ',');
        num(b, e->balance);
        dy_buf_printf(b, ",%ld,%ld,%ld,%ld,%ld,", e->events, e->quad[1], e->quad[2], e->quad[3],
                      e->quad[4]);
        num(b, e->goldstein);
        dy_buf_addc(b, ',');
        num(b, e->goldstein_mean);
        dy_buf_addc(b, ',');
        num(b, e->coop_share);
        dy_buf_addc(b, ',');
        num(b, e->intensity);
        dy_buf_addc(b, ',');
        num(b, e->s_events);
        dy_buf_printf(b, ",%d,%d,%d\n", e->frustrated, g->nodes[e->a].bloc, g->nodes[e->b].bloc);
    }
}

static void csv_nodes(dy_buf *b, const model_graph *g)
{
    for (size_t v = 0; v < g->nnodes; v++) {
        const model_node *x = &g->nodes[v];
        csv_str(b, g->window);
        dy_buf_addc(b, ',');
        csv_str(b, x->id);
        dy_buf_printf(b, ",%d,%ld,", x->bloc, x->events);
        num(b, x->evidence);
        dy_buf_printf(b, ",%d,", x->degree);
        num(b, x->strength);
        dy_buf_addc(b, ',');
        num(b, x->positive);
        dy_buf_addc(b, ',');
        num(b, x->negative);
        dy_buf_addc(b, ',');
        num(b, x->betweenness);
        dy_buf_addc(b, ',');
        num(b, x->pagerank);
        dy_buf_printf(b, ",%d,%d\n", x->tie_blocs, x->broker);
    }
}

/* Contract: see model.h. */
int model_write(dy_buf *b, const model *m, int fmt)
{
    switch (fmt) {
    case MODEL_FMT_TEXT: text_model(b, m); break;
    case MODEL_FMT_JSON: json_model(b, m); break;
    case MODEL_FMT_GRAPHML: graphml(b, &m->whole, m->names); break;
    case MODEL_FMT_DOT: dot(b, &m->whole, m->names); break;
    case MODEL_FMT_CSV:
        dy_buf_adds(b, "window,source,target,sign,weight,balance,events,quad1,quad2,quad3,quad4,"
                       "goldstein,goldstein_mean,coop_share,intensity,evidence,frustrated,"
                       "source_bloc,target_bloc\n");
        csv_edges(b, &m->whole);
        for (size_t t = 0; t < m->nwindows; t++)
            csv_edges(b, &m->windows[t]);
        break;
    case MODEL_FMT_CSV_NODES:
        dy_buf_adds(b, "window,id,bloc,events,evidence,degree,strength,positive,negative,"
                       "betweenness,pagerank,tie_blocs,broker\n");
        csv_nodes(b, &m->whole);
        for (size_t t = 0; t < m->nwindows; t++)
            csv_nodes(b, &m->windows[t]);
        break;
    default: return DY_EINVAL;
    }
    return b->oom ? DY_ENOMEM : 0;
}

/* ---- partners and series ---------------------------------------------- */

/* Contract: see model.h. */
int model_partners_write(dy_buf *b, const model_partners *p, int fmt, int top)
{
    if (fmt == MODEL_FMT_CSV)
        dy_buf_adds(b, "window,rank,partner,coop,conflict,events,goldstein_mean,prev_rank,name\n");
    else if (fmt == MODEL_FMT_JSON) {
        char an[160];
        dy_buf_adds(b, "{\"actor\":");
        jstr(b, p->actor);
        dy_buf_adds(b, ",\"actor_name\":");
        jstr(b, name_of(p->names, p->actor, an));
        dy_buf_adds(b, ",\"windows\":[");
    } else if (fmt != MODEL_FMT_TEXT)
        return DY_EINVAL;
    else
        dy_buf_printf(b, "partners of %s, ranked by cooperative events\n", p->actor);
    for (size_t t = 0; t < p->nwindows; t++) {
        const model_partner_window *w = &p->w[t];
        if (fmt == MODEL_FMT_JSON) {
            dy_buf_adds(b, t ? ",{\"window\":" : "{\"window\":");
            jstr(b, w->window);
            dy_buf_adds(b, ",\"partners\":[");
        } else if (fmt == MODEL_FMT_TEXT) {
            dy_buf_printf(b, "\n%s%s\n", w->window[0] ? w->window : "whole period",
                          w->n ? "" : ": no partners");
            if (w->n)
                dy_buf_printf(b, "%4s  %-8s %-28s %5s %8s %6s %7s  %s\n", "rank", "partner",
                              "name", "coop", "conflict", "events", "gs mean", "change");
        }
        size_t n = top > 0 && (size_t)top < w->n ? (size_t)top : w->n;
        for (size_t i = 0; i < n; i++) {
            const model_partner *x = &w->p[i];
            if (fmt == MODEL_FMT_JSON) {
                char xn[160];
                dy_buf_printf(b, "%s{\"rank\":%d,\"id\":", i ? "," : "", x->rank);
                jstr(b, x->id);
                dy_buf_adds(b, ",\"name\":");
                jstr(b, name_of(p->names, x->id, xn));
                dy_buf_printf(b, ",\"coop\":%ld,\"conflict\":%ld,\"events\":%ld,\"goldstein_mean\":",
                              x->coop, x->conflict, x->events);
                num(b, x->goldstein_mean);
                if (x->prev_rank)
                    dy_buf_printf(b, ",\"prev_rank\":%d}", x->prev_rank);
                else
                    dy_buf_adds(b, ",\"prev_rank\":null}");
            } else if (fmt == MODEL_FMT_CSV) {
                csv_str(b, w->window);
                dy_buf_printf(b, ",%d,", x->rank);
                csv_str(b, x->id);
                dy_buf_printf(b, ",%ld,%ld,%ld,", x->coop, x->conflict, x->events);
                num(b, x->goldstein_mean);
                if (x->prev_rank)
                    dy_buf_printf(b, ",%d", x->prev_rank);
                char xn[160];
                dy_buf_addc(b, ',');
                csv_str(b, name_of(p->names, x->id, xn));
                dy_buf_addc(b, '\n');
            } else {
                char ch[32];
                if (t == 0)
                    ch[0] = 0;
                else if (!x->prev_rank)
                    snprintf(ch, sizeof ch, "new");
                else if (x->prev_rank == x->rank)
                    snprintf(ch, sizeof ch, "=");
                else
                    snprintf(ch, sizeof ch, "%s%d (was %d)", x->prev_rank > x->rank ? "up " : "down ",
                             x->prev_rank > x->rank ? x->prev_rank - x->rank : x->rank - x->prev_rank,
                             x->prev_rank);
                char xn[160];
                dy_buf_printf(b, "%4d  %-8s %-28.28s %5ld %8ld %6ld %+7.2f  %s\n", x->rank, x->id,
                              name_of(p->names, x->id, xn), x->coop, x->conflict, x->events,
                              x->goldstein_mean, ch);
            }
        }
        if (fmt == MODEL_FMT_JSON)
            dy_buf_adds(b, "]}");
    }
    if (fmt == MODEL_FMT_JSON)
        dy_buf_adds(b, "]}\n");
    return b->oom ? DY_ENOMEM : 0;
}

/* Contract: see model.h. */
int model_series_write(dy_buf *b, const model_series *s, int fmt)
{
    if (fmt == MODEL_FMT_CSV)
        dy_buf_adds(b, "window,events,quad1,quad2,quad3,quad4,a_to_b,b_to_a,goldstein_mean\n");
    else if (fmt == MODEL_FMT_TEXT)
        dy_buf_printf(b, "%-12s %6s %6s %6s %6s %6s %6s %6s %7s\n", "window", "events", "quad1",
                      "quad2", "quad3", "quad4", "a->b", "b->a", "gs mean");
    else if (fmt != MODEL_FMT_JSON)
        return DY_EINVAL;
    for (size_t t = 0; t < s->n; t++) {
        const model_point *p = &s->pts[t];
        if (fmt == MODEL_FMT_CSV) {
            csv_str(b, p->window);
            dy_buf_printf(b, ",%ld,%ld,%ld,%ld,%ld,%ld,%ld,", p->events, p->quad[1], p->quad[2],
                          p->quad[3], p->quad[4], p->ab, p->ba);
            num(b, p->goldstein_mean);
            dy_buf_addc(b, '\n');
        } else if (fmt == MODEL_FMT_TEXT) {
            dy_buf_printf(b, "%-12s %6ld %6ld %6ld %6ld %6ld %6ld %6ld %+7.2f\n",
                          p->window[0] ? p->window : "all", p->events, p->quad[1], p->quad[2],
                          p->quad[3], p->quad[4], p->ab, p->ba, p->goldstein_mean);
        } else {
            dy_buf_adds(b, t ? ",{\"window\":" : "{\"window\":");
            jstr(b, p->window);
            dy_buf_printf(b,
                          ",\"events\":%ld,\"quad\":[%ld,%ld,%ld,%ld],\"a_to_b\":%ld,"
                          "\"b_to_a\":%ld,\"goldstein_mean\":",
                          p->events, p->quad[1], p->quad[2], p->quad[3], p->quad[4], p->ab, p->ba);
            num(b, p->goldstein_mean);
            dy_buf_addc(b, '}');
        }
    }
    return b->oom ? DY_ENOMEM : 0;
}
