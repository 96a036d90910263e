/* web_internal.h - what the server (server.c) and the API handlers (api.c)
 * share. Not a public header. */
#ifndef DY_WEB_INTERNAL_H
#define DY_WEB_INTERNAL_H

#include "web/web.h"

enum {
    WEB_MAX_PARAMS = 32,     /* query parameters per request */
    WEB_MAX_VALUE = 512,     /* bytes of one parameter value */
    WEB_MAX_BODY = 64 << 20, /* bytes of one answer */
};

typedef struct web_param {
    const char *key, *val;   /* borrowed from the connection; val may be NULL */
} web_param;

/* One API request. The handler fills status and body (JSON; for errors
 * {"error":"..."}). */
typedef struct web_req {
    web_param p[WEB_MAX_PARAMS];
    size_t np;
    store *s;                /* checked out for this request */
    long max_events;
    const dict_names *names; /* display names (may be NULL) */
    web_limits lim;          /* deadline set by the server */
    dy_buf body;
    int status;
} web_req;

/* Answer the API request for path (which starts with "/api/"). Returns the
 * HTTP status (also in r->status). */
int web_api(web_req *r, const char *path);

#endif
