/* server.c - the HTTP server of `dyad serve` (libmicrohttpd): routing,
 * request limits, one store handle per worker thread, a small cache of
 * recent API answers, and the dashboard's static files (docs/api.md). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "web/web_internal.h"

#include "core/alloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

enum { CACHE_SLOTS = 64, CACHE_MAX_BODY = 8 << 20 };

typedef struct cache_entry {
    char *key;
    char *body;
    size_t len;
    struct timespec at;
    unsigned long used;
} cache_entry;

/* An open connection, for the header deadline. Linked in web_server.conns
 * from libmicrohttpd's STARTED notification to its CLOSED one, which comes
 * before the socket is closed: while the slot is linked (under smu), fd is
 * this connection's socket. */
typedef struct conn_slot {
    struct conn_slot *prev, *next;
    int fd;
    struct timespec since;   /* accepted, or its last answer finished */
    int in_request;          /* headers complete, answer not finished */
    int shut;                /* shut down by the watchdog */
} conn_slot;

struct web_server {
    struct MHD_Daemon *d;
    web_opts o;
    unsigned port;
    char assets[PATH_MAX];   /* resolved, "" = none */
    size_t nh;
    store **h;
    int *busy;
    pthread_mutex_t hmu;
    pthread_cond_t hcv;
    pthread_mutex_t cmu;
    cache_entry cache[CACHE_SLOTS];
    unsigned long tick;
    /* open connections and the watchdog that enforces header_timeout */
    pthread_mutex_t smu;
    pthread_cond_t scv;
    conn_slot *conns;
    pthread_t watch;
    int watching, stopping;
};

/* ---- store handles ---------------------------------------------------- */

static size_t checkout(web_server *w)
{
    pthread_mutex_lock(&w->hmu);
    for (;;) {
        for (size_t i = 0; i < w->nh; i++)
            if (!w->busy[i]) {
                w->busy[i] = 1;
                pthread_mutex_unlock(&w->hmu);
                return i;
            }
        pthread_cond_wait(&w->hcv, &w->hmu);
    }
}

static void checkin(web_server *w, size_t i)
{
    pthread_mutex_lock(&w->hmu);
    w->busy[i] = 0;
    pthread_cond_signal(&w->hcv);
    pthread_mutex_unlock(&w->hmu);
}

/* ---- cache ------------------------------------------------------------ */

static double age(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (now.tv_nsec - t->tv_nsec) / 1e9;
}

/* A copy of the cached answer for key (malloc'd, the caller frees), or NULL. */
static char *cache_get(web_server *w, const char *key, size_t *len)
{
    char *out = NULL;
    if (w->o.cache_ttl < 0)
        return NULL;
    pthread_mutex_lock(&w->cmu);
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        cache_entry *e = &w->cache[i];
        if (!e->key || strcmp(e->key, key) != 0)
            continue;
        if (age(&e->at) <= w->o.cache_ttl && (out = malloc(e->len ? e->len : 1)) != NULL) {
            memcpy(out, e->body, e->len);
            *len = e->len;
            e->used = ++w->tick;
        }
        break;
    }
    pthread_mutex_unlock(&w->cmu);
    return out;
}

static void cache_put(web_server *w, const char *key, const char *body, size_t len)
{
    if (w->o.cache_ttl < 0 || len > CACHE_MAX_BODY)
        return;
    char *k = dy_strdup(key), *b = dy_malloc(len ? len : 1);
    if (!k || !b) {
        dy_free(k);
        dy_free(b);
        return;
    }
    memcpy(b, body, len);
    pthread_mutex_lock(&w->cmu);
    size_t slot = 0;
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        cache_entry *e = &w->cache[i];
        if (e->key && strcmp(e->key, key) == 0) {
            slot = i;
            break;
        }
        if (!e->key || e->used < w->cache[slot].used)
            slot = i;
        if (!e->key)
            break;
    }
    cache_entry *e = &w->cache[slot];
    dy_free(e->key);
    dy_free(e->body);
    e->key = k;
    e->body = b;
    e->len = len;
    clock_gettime(CLOCK_MONOTONIC, &e->at);
    e->used = ++w->tick;
    pthread_mutex_unlock(&w->cmu);
}

/* ---- answers ---------------------------------------------------------- */

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status,
                            struct MHD_Response *resp, const char *ctype, int api)
{
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, api ? "no-cache" : "max-age=60");
    if (!api)
        MHD_add_response_header(resp, "Content-Security-Policy",
                                "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                "img-src 'self' data: blob:; connect-src 'self'");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    enum MHD_Result r = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return r;
}

static enum MHD_Result send_copy(struct MHD_Connection *c, unsigned status, const char *body,
                                 size_t len, const char *ctype, int api)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    return reply(c, status, resp, ctype, api);
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status, const char *msg)
{
    dy_buf b = {0};
    dy_buf_adds(&b, "{\"error\":");
    dy_buf_json_str(&b, msg, strlen(msg));
    dy_buf_adds(&b, "}");
    enum MHD_Result r =
        b.oom ? MHD_NO : send_copy(c, status, b.data, b.len, "application/json; charset=utf-8", 1);
    dy_buf_free(&b);
    return r;
}

/* ---- static files ----------------------------------------------------- */

static const char *content_type(const char *path)
{
    static const char *const types[][2] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".map", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
        if (strcmp(dot, types[i][0]) == 0)
            return types[i][1];
    return "application/octet-stream";
}

/* A request path we are willing to look up: "/" then segments of
 * [A-Za-z0-9._-] that do not start with a dot, no empty segment. */
static int safe_path(const char *p)
{
    size_t n = strlen(p);
    if (n < 2 || n > 200 || p[0] != '/')
        return 0;
    for (size_t i = 1; i < n; i++) {
        char ch = p[i];
        int seg_start = p[i - 1] == '/';
        if (ch == '/' && (seg_start || i == n - 1))
            return 0;
        if (ch == '.' && seg_start)
            return 0;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '.' || ch == '_' || ch == '-' || ch == '/'))
            return 0;
    }
    return 1;
}

static enum MHD_Result serve_file(web_server *w, struct MHD_Connection *c, const char *url)
{
    if (!w->assets[0])
        return send_error(c, MHD_HTTP_NOT_FOUND, "no dashboard files: start with --assets DIR");
    const char *path = strcmp(url, "/") == 0 ? "/index.html" : url;
    if (!safe_path(path))
        return send_error(c, MHD_HTTP_NOT_FOUND, "not found");
    char full[PATH_MAX + 256], real[PATH_MAX];
    snprintf(full, sizeof full, "%s%s", w->assets, path);
    size_t al = strlen(w->assets);
    /* the resolved file must lie inside the asset directory */
    if (!realpath(full, real) || strncmp(real, w->assets, al) != 0 || real[al] != '/')
        return send_error(c, MHD_HTTP_NOT_FOUND, "not found");
    int fd = open(real, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return send_error(c, MHD_HTTP_NOT_FOUND, "not found");
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return send_error(c, MHD_HTTP_NOT_FOUND, "not found");
    }
    /* the response owns fd and closes it */
    struct MHD_Response *resp = MHD_create_response_from_fd((size_t)st.st_size, fd);
    if (!resp) {
        close(fd);
        return MHD_NO;
    }
    return reply(c, MHD_HTTP_OK, resp, content_type(path), 0);
}

/* ---- requests --------------------------------------------------------- */

typedef struct collect_ctx {
    web_req *r;
    size_t seen;
    int nul;
} collect_ctx;

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
                               size_t key_size, const char *value, size_t value_size)
{
    collect_ctx *x = cls;
    (void)kind;
    /* a NUL byte inside a key or value would cut it short silently */
    if ((key && strlen(key) != key_size) || (value && strlen(value) != value_size))
        x->nul = 1;
    if (x->seen++ < WEB_MAX_PARAMS) {
        x->r->p[x->r->np].key = key ? key : "";
        x->r->p[x->r->np].val = value;
        x->r->np++;
    }
    return MHD_YES;
}

static int by_key(const void *a, const void *b)
{
    const web_param *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return strcmp(x->val ? x->val : "", y->val ? y->val : "");
}

static enum MHD_Result serve_api(web_server *w, struct MHD_Connection *c, const char *url)
{
    web_req r = {0};
    collect_ctx x = {&r, 0, 0};
    MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect, &x);
    if (x.seen > WEB_MAX_PARAMS)
        return send_error(c, MHD_HTTP_BAD_REQUEST, "too many parameters");
    if (x.nul)
        return send_error(c, MHD_HTTP_BAD_REQUEST, "NUL byte in a parameter");
    /* the cache key: the path and the parameters in a canonical order */
    web_param sorted[WEB_MAX_PARAMS];
    memcpy(sorted, r.p, r.np * sizeof *sorted);
    qsort(sorted, r.np, sizeof *sorted, by_key);
    dy_buf key = {0};
    dy_buf_adds(&key, url);
    for (size_t i = 0; i < r.np; i++)
        dy_buf_printf(&key, "%c%s=%s", i ? '&' : '?', sorted[i].key,
                      sorted[i].val ? sorted[i].val : "");
    if (key.oom) {
        dy_buf_free(&key);
        return send_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, "out of memory");
    }
    size_t len = 0;
    char *hit = cache_get(w, key.data, &len);
    if (hit) {
        struct MHD_Response *resp =
            MHD_create_response_from_buffer(len, hit, MHD_RESPMEM_MUST_FREE);
        if (!resp)
            free(hit);
        dy_buf_free(&key);
        return reply(c, MHD_HTTP_OK, resp, "application/json; charset=utf-8", 1);
    }
    size_t slot = checkout(w);
    r.s = w->h[slot];
    r.max_events = w->o.max_events;
    r.names = w->o.names;
    clock_gettime(CLOCK_MONOTONIC, &r.lim.deadline);
    long ns = (long)((w->o.timeout - (long)w->o.timeout) * 1e9);
    r.lim.deadline.tv_sec += (time_t)w->o.timeout;
    r.lim.deadline.tv_nsec += ns;
    if (r.lim.deadline.tv_nsec >= 1000000000L) {
        r.lim.deadline.tv_sec++;
        r.lim.deadline.tv_nsec -= 1000000000L;
    }
    r.lim.max_records = 2000000;
    int status = web_api(&r, url);
    checkin(w, slot);
    enum MHD_Result res;
    if (r.body.oom)
        res = send_error(c, MHD_HTTP_SERVICE_UNAVAILABLE, "out of memory");
    else {
        if (status == 200)
            cache_put(w, key.data, r.body.data, r.body.len);
        res = send_copy(c, (unsigned)status, r.body.data ? r.body.data : "", r.body.len,
                        "application/json; charset=utf-8", 1);
    }
    dy_buf_free(&r.body);
    dy_buf_free(&key);
    return res;
}

/* ---- connections: header deadline, parameter count -------------------- */

/* The state of a request, kept in libmicrohttpd's per-request pointer: set
 * by uri_seen when the request line arrives, then by handle. */
static char req_new, req_seen, req_many;

/* libmicrohttpd's URI callback, called with the raw request target before
 * it splits the query string. More parameters than WEB_MAX_PARAMS would
 * each take a record in the connection's 64 KiB memory pool, which would
 * then have no room left for any answer (the connection was closed without
 * one); the separators are overwritten in place (the buffer is the
 * connection's own) so that the query parses as one parameter, and the
 * request is answered 400. */
static void *uri_seen(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)cls;
    (void)c;
    const char *q = strchr(uri, '?');
    if (!q)
        return &req_new;
    size_t n = 1;
    for (const char *p = q + 1; *p && *p != ' '; p++)
        n += *p == '&';
    if (n <= WEB_MAX_PARAMS)
        return &req_new;
    for (char *p = (char *)q + 1; *p && *p != ' '; p++)
        if (*p == '&')
            *p = '_';
    return &req_many;
}

static conn_slot *slot_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* Track connections from accept to close (MHD_OPTION_NOTIFY_CONNECTION). */
static void conn_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                        enum MHD_ConnectionNotificationCode code)
{
    web_server *w = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        *socket_context = NULL;
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        conn_slot *sl = ci ? dy_calloc(1, sizeof *sl) : NULL;
        if (!sl)
            return; /* no deadline for this one; the idle timeout still holds */
        sl->fd = ci->connect_fd;
        clock_gettime(CLOCK_MONOTONIC, &sl->since);
        pthread_mutex_lock(&w->smu);
        sl->next = w->conns;
        if (w->conns)
            w->conns->prev = sl;
        w->conns = sl;
        pthread_mutex_unlock(&w->smu);
        *socket_context = sl;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        conn_slot *sl = *socket_context;
        if (!sl)
            return;
        pthread_mutex_lock(&w->smu);
        if (sl->prev)
            sl->prev->next = sl->next;
        else
            w->conns = sl->next;
        if (sl->next)
            sl->next->prev = sl->prev;
        pthread_mutex_unlock(&w->smu);
        dy_free(sl);
        *socket_context = NULL;
    }
}

/* A request is finished (MHD_OPTION_NOTIFY_COMPLETED): the next request's
 * headers are due header_timeout seconds from now. */
static void req_done(void *cls, struct MHD_Connection *c, void **con_cls,
                     enum MHD_RequestTerminationCode toe)
{
    web_server *w = cls;
    (void)con_cls;
    (void)toe;
    conn_slot *sl = slot_of(c);
    if (!sl)
        return;
    pthread_mutex_lock(&w->smu);
    sl->in_request = 0;
    clock_gettime(CLOCK_MONOTONIC, &sl->since);
    pthread_mutex_unlock(&w->smu);
}

/* The watchdog: four times a second, shut down the sockets of connections
 * still without complete headers header_timeout seconds after they opened
 * or their last answer finished; libmicrohttpd then sees the end of the
 * stream and closes them. */
static void *watchdog(void *arg)
{
    web_server *w = arg;
    pthread_mutex_lock(&w->smu);
    while (!w->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += 250000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&w->scv, &w->smu, &until);
        for (conn_slot *sl = w->conns; sl && !w->stopping; sl = sl->next)
            if (!sl->in_request && !sl->shut && age(&sl->since) > w->o.header_timeout) {
                shutdown(sl->fd, SHUT_RDWR);
                sl->shut = 1;
            }
    }
    pthread_mutex_unlock(&w->smu);
    return NULL;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    web_server *w = cls;
    (void)version;
    (void)upload;
    (void)upload_size;
    /* Refused at once, on the first call (with the headers): the
     * connection is then closed, and a body is never read. */
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
        return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "read-only: GET and HEAD only");
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                 MHD_HTTP_HEADER_CONTENT_LENGTH);
    if ((cl && strcmp(cl, "0") != 0) ||
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING))
        return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "requests take no body");
    /* A response queued on the first call makes libmicrohttpd close the
     * connection after it ("Connection: close"), as the request could
     * still carry a body; answering on the second call keeps the
     * connection alive for the client's next request. */
    if (*con_cls == &req_many)
        return send_error(c, MHD_HTTP_BAD_REQUEST, "too many parameters");
    if (*con_cls != &req_seen) {
        *con_cls = &req_seen;
        conn_slot *sl = slot_of(c);
        if (sl) {
            pthread_mutex_lock(&w->smu);
            sl->in_request = 1;
            pthread_mutex_unlock(&w->smu);
        }
        return MHD_YES;
    }
    if (strncmp(url, "/api/", 5) == 0)
        return serve_api(w, c, url);
    return serve_file(w, c, url);
}

/* ---- life cycle ------------------------------------------------------- */

int web_start(const web_opts *o, web_server **out, dy_err *err)
{
    *out = NULL;
    if (!o->db || !*o->db)
        return dy_err_set(err, DY_EINVAL, NULL, 0, -1, "no store given");
    web_server *w = dy_calloc(1, sizeof *w);
    if (!w)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    w->o = *o;
    if (!w->o.bind)
        w->o.bind = "127.0.0.1";
    if (w->o.threads <= 0)
        w->o.threads = 4;
    if (w->o.max_events <= 0)
        w->o.max_events = 10000;
    if (w->o.timeout <= 0)
        w->o.timeout = 10;
    if (w->o.cache_ttl == 0)
        w->o.cache_ttl = 10;
    if (w->o.max_connections <= 0)
        w->o.max_connections = 1024;
    if (w->o.max_per_ip <= 0)
        w->o.max_per_ip = 64;
    if (w->o.idle_timeout <= 0)
        w->o.idle_timeout = 10;
    if (w->o.header_timeout <= 0)
        w->o.header_timeout = 10;
    pthread_mutex_init(&w->hmu, NULL);
    pthread_cond_init(&w->hcv, NULL);
    pthread_mutex_init(&w->cmu, NULL);
    pthread_mutex_init(&w->smu, NULL);
    pthread_cond_init(&w->scv, NULL);
    int rc = 0;
    if (o->assets) {
        struct stat st;
        if (!realpath(o->assets, w->assets) || stat(w->assets, &st) != 0 || !S_ISDIR(st.st_mode)) {
            rc = dy_err_set(err, DY_EIO, o->assets, 0, -1, "not a directory of dashboard files");
            goto fail;
        }
    }
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
    unsigned flags = MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD;
    if (w->o.port > 65535) {
        rc = dy_err_set(err, DY_EINVAL, NULL, 0, -1, "port %u: expected 0 to 65535", w->o.port);
        goto fail;
    }
    if (inet_pton(AF_INET, w->o.bind, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)w->o.port);
    } else if (inet_pton(AF_INET6, w->o.bind, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)w->o.port);
        flags |= MHD_USE_IPv6;
    } else {
        rc = dy_err_set(err, DY_EINVAL, NULL, 0, -1,
                        "bind address '%s': expected an IPv4 or IPv6 address", w->o.bind);
        goto fail;
    }
    w->nh = (size_t)w->o.threads;
    w->h = dy_calloc(w->nh, sizeof *w->h);
    w->busy = dy_calloc(w->nh, sizeof *w->busy);
    if (!w->h || !w->busy) {
        rc = dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < w->nh; i++)
        if ((rc = store_open(o->db, STORE_READ, &w->h[i], err)) != 0)
            goto fail;
    w->d = MHD_start_daemon(flags, (uint16_t)w->o.port, NULL, NULL, handle, w,
                            MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                            MHD_OPTION_THREAD_POOL_SIZE, (unsigned)w->o.threads,
                            MHD_OPTION_CONNECTION_LIMIT, (unsigned)w->o.max_connections,
                            MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)w->o.max_per_ip,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)w->o.idle_timeout,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
                            MHD_OPTION_URI_LOG_CALLBACK, uri_seen, (void *)NULL,
                            MHD_OPTION_NOTIFY_CONNECTION, conn_notify, (void *)w,
                            MHD_OPTION_NOTIFY_COMPLETED, req_done, (void *)w,
                            MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_END);
    if (!w->d) {
        rc = dy_err_set(err, DY_EIO, NULL, 0, -1, "cannot listen on %s port %u: %s", w->o.bind,
                        w->o.port, errno ? strerror(errno) : "libmicrohttpd failed");
        goto fail;
    }
    if (pthread_create(&w->watch, NULL, watchdog, w) != 0) {
        rc = dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "cannot start the connection watchdog");
        goto fail;
    }
    w->watching = 1;
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_BIND_PORT);
    w->port = info ? info->port : w->o.port;
    *out = w;
    return 0;
fail:
    web_stop(w);
    return rc;
}

unsigned web_port(const web_server *w)
{
    return w->port;
}

void web_stop(web_server *w)
{
    if (!w)
        return;
    if (w->watching) {
        pthread_mutex_lock(&w->smu);
        w->stopping = 1;
        pthread_cond_signal(&w->scv);
        pthread_mutex_unlock(&w->smu);
        pthread_join(w->watch, NULL);
    }
    if (w->d)
        MHD_stop_daemon(w->d);
    for (size_t i = 0; w->h && i < w->nh; i++)
        if (w->h[i])
            store_close(w->h[i]);
    dy_free(w->h);
    dy_free(w->busy);
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        dy_free(w->cache[i].key);
        dy_free(w->cache[i].body);
    }
    pthread_mutex_destroy(&w->hmu);
    pthread_cond_destroy(&w->hcv);
    pthread_mutex_destroy(&w->cmu);
    pthread_mutex_destroy(&w->smu);
    pthread_cond_destroy(&w->scv);
    dy_free(w);
}
