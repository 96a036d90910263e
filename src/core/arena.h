/* arena.h - region allocator.
 *
 * Everything derived from one document (tokens, sentences, time expressions,
 * mentions, events) lives in one arena and is released in one go, which keeps
 * malloc/free pairs off the hot path and makes ownership trivial.
 */
#ifndef DY_ARENA_H
#define DY_ARENA_H

#include <stddef.h>

typedef struct dy_arena dy_arena;

/* New empty arena; NULL when out of memory. Caller owns it. */
dy_arena *dy_arena_new(void);
/* Release the arena and everything allocated from it. NULL allowed. */
void dy_arena_free(dy_arena *a);
/* Forget all allocations but keep the first block for reuse. */
void dy_arena_reset(dy_arena *a);
/* n bytes aligned for any type, owned by the arena; NULL when out of memory. */
void *dy_arena_alloc(dy_arena *a, size_t n);
/* Zeroed array of n elements of size sz; NULL on overflow or failure. */
void *dy_arena_calloc(dy_arena *a, size_t n, size_t sz);
/* NUL-terminated copy of s[0..n) in the arena. */
char *dy_arena_strndup(dy_arena *a, const char *s, size_t n);
/* Grow an arena array: returns a new array of new_n elements holding the
 * first old_n elements of p (p is not freed; the arena reclaims it later). */
void *dy_arena_grow(dy_arena *a, void *p, size_t old_n, size_t new_n, size_t sz);
/* Room for element n in the arena array whose address is arrp (a T ** for
 * an array of T; NULL when *cap is 0) and whose capacity is *cap, as
 * dy_vec_grow does for heap arrays: nothing when it has it, else a copy of
 * max(2 * *cap, n + 1, 8) elements, *arrp and *cap updated. Returns 0, or
 * DY_ENOMEM on overflow or out of memory (then both are unchanged). */
int dy_arena_vec_grow(dy_arena *a, void *arrp, size_t *cap, size_t n, size_t sz);
/* Bytes handed out since creation or the last reset (for benchmarks). */
size_t dy_arena_used(const dy_arena *a);

#endif
