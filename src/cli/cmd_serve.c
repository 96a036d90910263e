/* cmd_serve.c - `dyad serve`: the dashboard and the JSON API over a store
 * (docs/api.md) until SIGINT or SIGTERM. */
#include "cli/model_cli.h"
#include "web/web.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static const char serve_help[] =
    "Usage: dyad serve --db PATH|URL [OPTIONS]\n\n"
    "Serve the dashboard and the read-only JSON API (docs/api.md) until\n"
    "interrupted (Ctrl-C). Prints the URL to open on standard output.\n\nOptions:\n"
    "      --db PATH|URL    the store\n"
    "      --bind ADDR      address to listen on (default 127.0.0.1; 0.0.0.0 or ::\n"
    "                       expose the store to the network)\n"
    "      --port N         port (default 8080; 0 = any free port)\n"
    "      --assets DIR     the dashboard's files (default: web/ next to the binary,\n"
    "                       ../web, or ../share/dyad/web)\n"
    "      --threads N      worker threads, one store handle each (default 4)\n"
    "      --max-events N   most events one answer may hold (default 10000)\n"
    "      --timeout SECS   store work allowed per request (default 10)\n"
    "      --cache-ttl SECS keep answers this long (default 10, 0 = no cache)\n"
    "      --max-connections N  open connections at once (default 1024)\n"
    "      --max-per-ip N   open connections from one address (default 64)\n"
    "      --idle-timeout SECS  close a connection silent this long (default 10)\n"
    "      --header-timeout SECS  close a connection whose request headers are not\n"
    "                       complete this long after it opened or after its\n"
    "                       previous answer (default 10)\n"
    "  -h, --help           show this help\n";

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The dashboard directory: $DYAD_WEB, else next to the executable. */
static const char *find_assets(char *out, size_t n)
{
    const char *env = getenv("DYAD_WEB");
    if (env && *env)
        return env;
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return NULL;
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    static const char *const rel[] = {"/web", "/../web", "/../share/dyad/web"};
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
        snprintf(out, n, "%s%s/index.html", exe, rel[i]);
        if (access(out, R_OK) == 0) {
            snprintf(out, n, "%s%s", exe, rel[i]);
            return is_dir(out) ? out : NULL;
        }
    }
    return NULL;
}

static int number(cli_ctx *c, const char *opt, const char *arg, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (!*arg || *end || v < lo || v > hi)
        return cli_usage(c, "%s: expected a number from %ld to %ld, got '%s'", opt, lo, hi, arg);
    *out = v;
    return 0;
}

/* Each connection is a file descriptor: raise the soft limit on open files
 * (up to the hard limit) so that max_connections fit beside the store's
 * files, rather than failing accept() at the usual 1024; warn when the hard
 * limit is too low. */
static void raise_fd_limit(int max_connections)
{
    struct rlimit rl;
    rlim_t want = (rlim_t)max_connections + 256;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= want)
        return;
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= want ? want : rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < want)
        fprintf(stderr, "dyad: warning: at most %llu open files (ulimit -n); fewer than %d "
                        "connections may be served\n",
                (unsigned long long)rl.rlim_cur, max_connections);
}

int cmd_serve(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 2001},      {"bind", required_argument, NULL, 2002},
        {"port", required_argument, NULL, 2003},    {"assets", required_argument, NULL, 2004},
        {"threads", required_argument, NULL, 2005}, {"max-events", required_argument, NULL, 2006},
        {"timeout", required_argument, NULL, 2007}, {"cache-ttl", required_argument, NULL, 2008},
        {"max-connections", required_argument, NULL, 2009},
        {"max-per-ip", required_argument, NULL, 2010},
        {"idle-timeout", required_argument, NULL, 2011},
        {"header-timeout", required_argument, NULL, 2012},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
    web_opts o = {0};
    o.port = 8080;
    long n = 0; /* set by number() before use; gcc -O3 cannot see it */
    int opt, rc = 0;
    optind = 1;
    opterr = 0;
    while (!rc && (opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (opt) {
        case 'h': fputs(serve_help, stdout); return CLI_EXIT_OK;
        case 2001: o.db = optarg; break;
        case 2002: o.bind = optarg; break;
        case 2003:
            if (!(rc = number(c, "--port", optarg, 0, 65535, &n)))
                o.port = (unsigned)n;
            break;
        case 2004: o.assets = optarg; break;
        case 2005:
            if (!(rc = number(c, "--threads", optarg, 1, 256, &n)))
                o.threads = (int)n;
            break;
        case 2006: rc = number(c, "--max-events", optarg, 1, 10000000, &o.max_events); break;
        case 2007:
            if (!(rc = number(c, "--timeout", optarg, 1, 3600, &n)))
                o.timeout = (double)n;
            break;
        case 2008:
            if (!(rc = number(c, "--cache-ttl", optarg, 0, 86400, &n)))
                o.cache_ttl = n ? (int)n : -1;
            break;
        case 2009:
            if (!(rc = number(c, "--max-connections", optarg, 1, 65536, &n)))
                o.max_connections = (int)n;
            break;
        case 2010:
            if (!(rc = number(c, "--max-per-ip", optarg, 1, 65536, &n)))
                o.max_per_ip = (int)n;
            break;
        case 2011:
            if (!(rc = number(c, "--idle-timeout", optarg, 1, 3600, &n)))
                o.idle_timeout = (int)n;
            break;
        case 2012:
            if (!(rc = number(c, "--header-timeout", optarg, 1, 3600, &n)))
                o.header_timeout = (int)n;
            break;
        case ':': rc = cli_usage(c, "option '%s' needs an argument", argv[optind - 1]); break;
        default: rc = cli_usage(c, "unknown option '%s'", argv[optind - 1]); break;
        }
    }
    if (rc)
        return rc;
    if (!o.db)
        return cli_usage(c, "--db PATH or URL is required");
    if (optind < argc)
        return cli_usage(c, "unexpected argument '%s'", argv[optind]);
    char found[PATH_MAX + 32];
    if (!o.assets && !(o.assets = find_assets(found, sizeof found)))
        fprintf(stderr, "dyad: warning: no dashboard files found (use --assets DIR or make "
                        "web); serving the API only\n");

    raise_fd_limit(o.max_connections ? o.max_connections : 1024);

    /* The server's threads inherit this mask: signals reach sigwait below. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    dict_names *nm = NULL;
    if (model_cli_names(c, &nm))
        return CLI_EXIT_FAIL;
    o.names = nm;
    web_server *w = NULL;
    dy_err e;
    dy_err_clear(&e);
    if (web_start(&o, &w, &e) != 0) {
        cli_print_err(&e);
        dict_names_free(nm);
        return CLI_EXIT_FAIL;
    }
    const char *host = o.bind ? o.bind : "127.0.0.1";
    int v6 = strchr(host, ':') != NULL;
    char shown[512];
    printf("serving %s on http://%s%s%s:%u/ (Ctrl-C stops)\n",
           store_mask_url(o.db, shown, sizeof shown), v6 ? "[" : "", host, v6 ? "]" : "",
           web_port(w));
    fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    web_stop(w);
    dict_names_free(nm);
    return CLI_EXIT_OK;
}
