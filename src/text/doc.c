/* doc.c - lifetime of txt_doc. */
#include "text/read_internal.h"

#include "core/alloc.h"

/* A zeroed document owning copies of id and path. Returns NULL when out of
 * memory (nothing leaks). */
txt_doc *txt_doc_new(const char *id, const char *path)
{
    txt_doc *d = dy_calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->id = dy_strdup(id);
    d->path = dy_strdup(path);
    if (!d->id || !d->path) {
        txt_doc_free(d);
        return NULL;
    }
    return d;
}

/* Release d and every string it owns. NULL is allowed. */
void txt_doc_free(txt_doc *d)
{
    if (!d)
        return;
    dy_free(d->id);
    dy_free(d->title);
    dy_free(d->url);
    dy_free(d->source);
    dy_free(d->text);
    dy_free(d->path);
    dy_free(d);
}
