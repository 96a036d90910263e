/* vec.h - growing heap arrays.
 *
 * One rule for every growable heap array of the library: capacity doubles
 * (at least 16 elements), sizes are checked for overflow, and on failure
 * the array stays as it was, owned by the caller:
 *
 *     if (dy_vec_grow(&v, &cap, n, sizeof *v))
 *         return DY_ENOMEM;    // v and cap unchanged: free v as usual
 *     v[n++] = x;
 *
 * (Arrays in an arena grow with dy_arena_grow.)
 */
#ifndef DY_VEC_H
#define DY_VEC_H

#include <stddef.h>

/* Room for element n (n + 1 elements of sz bytes) in the heap array whose
 * address is arrp (a T ** for an array of T; the array may be NULL when
 * *cap is 0) and whose capacity is *cap: nothing when it has it, else the
 * array is reallocated (dy_realloc) to max(2 * *cap, n + 1, 16) elements
 * and *arrp and *cap updated. Returns 0, or DY_ENOMEM on overflow or out
 * of memory (then *arrp and *cap are unchanged). */
int dy_vec_grow(void *arrp, size_t *cap, size_t n, size_t sz);
/* The capacity an array of capacity cap grows to so that it holds element
 * n: max(2 * cap, n + 1, least); 0 when none can (n is SIZE_MAX). Shared by
 * dy_vec_grow and dy_arena_vec_grow. */
size_t dy_vec_next_cap(size_t cap, size_t n, size_t least);

#endif
