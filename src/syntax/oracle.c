/* oracle.c - the dynamic oracle of the arc-hybrid system (Goldberg & Nivre
 * 2013, "Training deterministic parsers with non-deterministic oracles")
 * and the projectivisation of training trees it needs to be exact.
 *
 * Training lets the parser follow its own (sometimes wrong) moves and asks
 * the oracle, in any configuration, which moves lose no more gold arcs than
 * are lost already: those are the correct moves to learn from there.
 */
#include "syntax/syntax_internal.h"

#include <stdint.h>

/* Gold arcs (gold_head) of tokens in the buffer after position from whose
 * head is x. */
static int deps_in_buffer(const syn_state *s, int from, int x, const int *gold_head)
{
    int c = 0;
    for (int d = from; d < s->n; d++)
        c += gold_head[d] == x;
    return c;
}

static int in_buffer(const syn_state *s, int from, int x)
{
    return x >= from && x < s->n;
}

/* Gold arcs lost by a move of this kind (SYN_SHIFT, SYN_LEFT, SYN_RIGHT),
 * whatever its relation. */
static int arc_cost(const syn_state *s, int kind, const int *gold_head)
{
    if (kind == SYN_SHIFT) {
        int b = s->b, cost = 0;
        /* b can no longer take a head below the stack top, nor the
         * dependents it has on the stack. */
        for (int k = 0; k < s->sp; k++) {
            int x = s->stack[k];
            if (k < s->sp - 1 && gold_head[b] == x)
                cost++;
            if (x < s->n && gold_head[x] == b)
                cost++;
        }
        return cost;
    }
    int s0 = s->stack[s->sp - 1];
    int s1 = s->stack[s->sp - 2];
    /* s0 leaves the stack: its dependents still in the buffer are lost. */
    int cost = deps_in_buffer(s, s->b, s0, gold_head);
    if (kind == SYN_LEFT)
        cost += gold_head[s0] == s1 || in_buffer(s, s->b + 1, gold_head[s0]);
    else
        cost += in_buffer(s, s->b, gold_head[s0]);
    return cost;
}

/* 1 when arc move c attaches s0 to its gold head with another relation. */
static int label_cost(const syn_state *s, int c, const int *gold_head, const uint8_t *gold_rel)
{
    int kind = syn_move_kind(c);
    if (kind == SYN_SHIFT)
        return 0;
    int s0 = s->stack[s->sp - 1];
    int h = kind == SYN_LEFT ? s->b : s->stack[s->sp - 2];
    return gold_head[s0] == h && gold_rel[s0] != syn_move_rel(c);
}

/* Contract in syntax_internal.h. c must be legal in s. */
int syn_oracle_cost(const syn_state *s, int c, const int *gold_head, const uint8_t *gold_rel)
{
    assert(syn_move_legal(s, c));
    return arc_cost(s, syn_move_kind(c), gold_head) + label_cost(s, c, gold_head, gold_rel);
}

/* Contract in syntax_internal.h. The arc cost does not depend on the
 * relation, so it is computed once per direction. */
void syn_oracle_costs(const syn_state *s, const int *gold_head, const uint8_t *gold_rel,
                      int32_t cost[SYN_NMOVES])
{
    int base[3] = {-1, -1, -1};
    for (int c = 0; c < SYN_NMOVES; c++) {
        if (!syn_move_legal(s, c)) {
            cost[c] = INT32_MAX;
            continue;
        }
        int kind = syn_move_kind(c);
        if (base[kind] < 0)
            base[kind] = arc_cost(s, kind, gold_head);
        cost[c] = base[kind] + label_cost(s, c, gold_head, gold_rel);
    }
}

/* Is the arc h -> d projective: does h dominate every token between them? */
static int projective_arc(const int *head, int n, int h, int d)
{
    int lo = h < d ? h : d, hi = h < d ? d : h;
    for (int k = lo + 1; k < hi; k++) {
        int x = k, steps = 0;
        while (x != h && x != n && x >= 0 && steps++ <= n)
            x = head[x];
        if (x != h)
            return 0;
    }
    return 1;
}

/* Contract in syntax_internal.h. */
int syn_projectivize(int *head, int n)
{
    int lifted = 0;
    for (;;) {
        int best = -1, blen = 0;
        for (int d = 0; d < n; d++) {
            int h = head[d];
            if (h == n || h < 0)
                continue;
            int len = h < d ? d - h : h - d;
            if ((best < 0 || len < blen) && !projective_arc(head, n, h, d)) {
                best = d;
                blen = len;
            }
        }
        if (best < 0 || lifted > 4 * n)
            return lifted;
        head[best] = head[head[best]];
        lifted++;
    }
}

