/* alloc.h - the one allocation wrapper of dyad.
 *
 * Every heap allocation in the library goes through these functions so that
 * tests can make the N-th allocation fail (dy_alloc_fail_after) and check that
 * every caller turns it into an error value instead of a crash.
 */
#ifndef DY_ALLOC_H
#define DY_ALLOC_H

#include <stddef.h>

/* Allocate n bytes. Returns NULL on failure (or injected failure); the caller
 * owns the result and releases it with dy_free(). */
void *dy_malloc(size_t n);
/* Zeroed array of n elements of size sz; NULL on overflow or failure. */
void *dy_calloc(size_t n, size_t sz);
/* Resize p to n bytes. On failure returns NULL and p stays valid and owned by
 * the caller. */
void *dy_realloc(void *p, size_t n);
/* Grow-array helper: resize p to n elements of size sz, checking overflow. */
void *dy_reallocarray(void *p, size_t n, size_t sz);
/* Copy of a NUL-terminated string (or of its first n bytes for dy_strndup);
 * caller owns it. NULL on failure. */
char *dy_strdup(const char *s);
char *dy_strndup(const char *s, size_t n);
/* Release memory from the functions above; NULL is allowed. */
void dy_free(void *p);

/* Test hook: after n more successful allocations, every allocation fails
 * until dy_alloc_fail_after(-1) switches injection off. */
void dy_alloc_fail_after(long n);

#endif
