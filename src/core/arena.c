/* arena.c - region allocator: a chain of blocks, bump allocation. */
#include "core/arena.h"
#include "core/alloc.h"
#include "core/err.h"
#include "core/vec.h"
#include "core/invariant.h"

#include <stdalign.h>
#include <stdint.h>
#include <string.h>

typedef struct block {
    struct block *next;
    size_t cap, used;
    alignas(max_align_t) unsigned char data[];
} block;

struct dy_arena {
    block *head;   /* current block; older ones follow */
    size_t total;  /* bytes handed out */
};

enum { BLOCK_MIN = 64 * 1024 };

static block *block_new(size_t cap)
{
    if (cap > SIZE_MAX - sizeof(block))
        return NULL;
    block *b = dy_malloc(sizeof(block) + cap);
    if (!b)
        return NULL;
    b->next = NULL;
    b->cap = cap;
    b->used = 0;
    return b;
}

dy_arena *dy_arena_new(void)
{
    dy_arena *a = dy_calloc(1, sizeof *a);
    return a;
}

void dy_arena_free(dy_arena *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b) {
        block *n = b->next;
        dy_free(b);
        b = n;
    }
    dy_free(a);
}

void dy_arena_reset(dy_arena *a)
{
    if (!a || !a->head)
        return;
    /* Keep only the last (oldest) block: it is usually the smallest, and a
     * steady stream of similar documents then allocates nothing. */
    block *b = a->head, *keep = NULL;
    while (b) {
        block *n = b->next;
        if (n == NULL)
            keep = b;
        else
            dy_free(b);
        b = n;
    }
    keep->used = 0;
    a->head = keep;
    a->total = 0;
}

void *dy_arena_alloc(dy_arena *a, size_t n)
{
    const size_t align = alignof(max_align_t);
    if (n > SIZE_MAX - align)
        return NULL;
    n = (n + align - 1) & ~(align - 1);
    if (n == 0)
        n = align;
    block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = BLOCK_MIN;
        if (b && b->cap < (SIZE_MAX / 4))
            cap = b->cap * 2;
        if (cap < n)
            cap = n;
        block *nb = block_new(cap);
        if (!nb)
            return NULL;
        nb->next = b;
        a->head = b = nb;
    }
    void *p = b->data + b->used;
    /* Every block hands out max_align_t-aligned pieces: callers store any
     * type in them. */
    DY_ASSERT(b->used + n <= b->cap && ((uintptr_t)p & (align - 1)) == 0);
    b->used += n;
    a->total += n;
    return p;
}

void *dy_arena_calloc(dy_arena *a, size_t n, size_t sz)
{
    if (sz && n > SIZE_MAX / sz)
        return NULL;
    void *p = dy_arena_alloc(a, n * sz);
    if (p)
        memset(p, 0, n * sz);
    return p;
}

char *dy_arena_strndup(dy_arena *a, const char *s, size_t n)
{
    char *d = dy_arena_alloc(a, n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

void *dy_arena_grow(dy_arena *a, void *p, size_t old_n, size_t new_n, size_t sz)
{
    if (sz && new_n > SIZE_MAX / sz)
        return NULL;
    void *q = dy_arena_alloc(a, new_n * sz);
    if (q && p && old_n)
        memcpy(q, p, (old_n < new_n ? old_n : new_n) * sz);
    return q;
}

/* Contract in arena.h. The array pointer is read and written through
 * memcpy, as dy_vec_grow does: arrp may point to any object pointer type. */
int dy_arena_vec_grow(dy_arena *a, void *arrp, size_t *cap, size_t n, size_t sz)
{
    void *p;
    memcpy(&p, arrp, sizeof p);
    if (n < *cap && p)
        return 0;
    size_t nc = dy_vec_next_cap(*cap, n, 8);
    void *q = nc ? dy_arena_grow(a, p, *cap, nc, sz) : NULL;
    if (!q)
        return DY_ENOMEM;
    memcpy(arrp, &q, sizeof q);
    *cap = nc;
    return 0;
}

size_t dy_arena_used(const dy_arena *a) { return a ? a->total : 0; }
