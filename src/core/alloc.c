/* alloc.c - allocation wrapper with failure injection for tests. */
#include "core/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Countdown to an injected failure; -1 means "never fail". Tests are single
 * threaded when they use it, so a plain static is enough. */
static long fail_countdown = -1;

static int should_fail(void)
{
    if (fail_countdown < 0)
        return 0;
    if (fail_countdown == 0)
        return 1;
    fail_countdown--;
    return 0;
}

void dy_alloc_fail_after(long n) { fail_countdown = n; }

void *dy_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *dy_calloc(size_t n, size_t sz)
{
    if (should_fail())
        return NULL;
    if (n == 0 || sz == 0)
        return calloc(1, 1);
    return calloc(n, sz);
}

void *dy_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void *dy_reallocarray(void *p, size_t n, size_t sz)
{
    if (sz && n > SIZE_MAX / sz)
        return NULL;
    return dy_realloc(p, n * sz);
}

char *dy_strndup(const char *s, size_t n)
{
    char *d = dy_malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *dy_strdup(const char *s) { return dy_strndup(s, strlen(s)); }

void dy_free(void *p) { free(p); }
