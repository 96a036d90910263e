/* vec.c - growing heap arrays (vec.h). */
#include "core/vec.h"
#include "core/alloc.h"
#include "core/err.h"

#include <stdint.h>
#include <string.h>

/* Contract in vec.h. */
size_t dy_vec_next_cap(size_t cap, size_t n, size_t least)
{
    if (n == SIZE_MAX)
        return 0;
    size_t nc = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
    if (nc <= n)
        nc = n + 1;
    return nc < least ? least : nc;
}

/* Contract in vec.h. The array pointer is read and written through memcpy:
 * arrp may point to any object pointer type. */
int dy_vec_grow(void *arrp, size_t *cap, size_t n, size_t sz)
{
    void *p;
    memcpy(&p, arrp, sizeof p);
    if (n < *cap && p)
        return 0;
    size_t nc = dy_vec_next_cap(*cap, n, 16);
    if (nc == 0 || (sz && nc > SIZE_MAX / sz))
        return DY_ENOMEM;
    void *q = dy_realloc(p, nc * sz);
    if (!q)
        return DY_ENOMEM;
    memcpy(arrp, &q, sizeof q);
    *cap = nc;
    return 0;
}
