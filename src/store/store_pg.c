/* store_pg.c - placeholder replaced below */
#include "store/store_internal.h"
int store_pg_open(store *s, const char *url, int flags, dy_err *err)
{
    (void)s; (void)url; (void)flags;
    return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "PostgreSQL support not built");
}
