/* cmd_events.c - `dyad events`: query a store and write events in the
 * event contract (JSON lines, TSV), as CSV, or as GDELT 1.0 event rows;
 * the formats of other tools (PLOVER, GDELT 2.0) are in export.c. */
#include "cli/cli.h"
#include "cli/export.h"
#include "cli/model_cli.h"
#include "core/actor_code.h"
#include "core/buf.h"
#include "store/store.h"
#include "web/web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char events_help[] =
    "Usage: dyad events --db PATH|URL [OPTIONS]\n\n"
    "Write the stored events that match every filter given, ordered by date,\n"
    "document and sentence (docs/store.md, docs/formats.md).\n\nOptions:\n"
    "      --db PATH|URL    the store\n"
    "      --actor CODE     source or target starts with CODE (RUS, RUSGOV, IGOUNO)\n"
    "      --dyad A,B       events between A and B, either way (code prefixes)\n"
    "      --from DATE      on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n"
    "      --to DATE        up to the end of DATE\n"
    "      --root LIST      CAMEO roots, comma list (04,05)\n"
    "      --code LIST      CAMEO codes, comma list (042,043)\n"
    "      --quad N         quad class 1..4\n"
    "      --modality LIST  asserted, negated, future, hypothetical, alleged, comma\n"
    "                       list, or all (default: the events `dyad code` writes)\n"
    "      --dedup          one event per (date, source, target, code), with the\n"
    "                       number of supporting documents (\"support\")\n"
    "      --country ISO3   the event's place is in this country (docs/exports.md)\n"
    "      --near LAT,LON,KM  the event's place is within KM km of the point\n"
    "      --limit N        at most N events\n"
    "  -f, --format FORMAT  jsonl (default), tsv, csv, plover (PLOVER records),\n"
    "                       gdelt (GDELT 2.0 event table, 61 columns), gdelt-mentions\n"
    "                       (GDELT 2.0 mentions table) or gdelt1 (GDELT 1.0 columns)\n"
    "      --explain        add the stored pattern and actor entry references\n"
    "      --names          add the display names of the source and target codes\n"
    "                       as columns in tsv and csv (JSON lines and gdelt always\n"
    "                       carry them)\n"
    "  -h, --help           show this help\n";

enum { F_JSONL, F_TSV, F_CSV, F_GDELT };

typedef struct out_ctx {
    dy_buf b;
    int format, dedup, explain;
    const dict_names *names; /* display names (JSON lines, gdelt; NULL when
                                the data directory is unknown) */
    int name_cols;            /* --names: names as tsv/csv columns */
    cli_export x;            /* formats of export.c (x.format != NONE) */
    long n;
    int werr;
} out_ctx;

static void write_jsonl(out_ctx *o, const store_event *e)
{
    web_event_json(&o->b, e, o->explain, o->dedup, o->names);
    dy_buf_addc(&o->b, '\n');
}

/* A field for TSV (tabs and newlines as spaces) or CSV (RFC 4180); a cell
 * that would be a formula is neutralised (dy_cell_formula). */
static void field(out_ctx *o, const char *s, int first)
{
    dy_buf *b = &o->b;
    if (!first)
        dy_buf_addc(b, o->format == F_CSV ? ',' : '\t');
    if (!s)
        return;
    /* a cell a spreadsheet would run as a formula starts with an apostrophe */
    int formula = dy_cell_formula(s, strlen(s));
    if (o->format != F_CSV) {
        if (formula)
            dy_buf_addc(b, '\'');
        dy_buf_tsv_str(b, s, strlen(s));
        return;
    }
    if (!strpbrk(s, ",\"\n\r")) {
        if (formula)
            dy_buf_addc(b, '\'');
        dy_buf_adds(b, s);
        return;
    }
    dy_buf_addc(b, '"');
    if (formula)
        dy_buf_addc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            dy_buf_addc(b, '"');
        dy_buf_addc(b, *p);
    }
    dy_buf_addc(b, '"');
}

static void span_field(out_ctx *o, const int32_t s[2])
{
    char t[32] = "";
    if (s[0] >= 0)
        snprintf(t, sizeof t, "%d-%d", (int)s[0], (int)s[1]);
    field(o, t, 0);
}

static void write_table_header(out_ctx *o)
{
    static const char *cols[] = {"id",       "doc",  "sent",        "date",      "source",
                                 "target",   "code", "root",        "quad",      "goldstein",
                                 "modality", "text", "source_span", "verb_span", "target_span"};
    for (size_t i = 0; i < sizeof cols / sizeof *cols; i++)
        field(o, cols[i], i == 0);
    if (o->explain) {
        field(o, "pattern", 0);
        field(o, "source_entry", 0);
        field(o, "target_entry", 0);
    }
    if (o->dedup)
        field(o, "support", 0);
    if (o->name_cols) {
        field(o, "source_name", 0);
        field(o, "target_name", 0);
    }
    for (int i = 0; i < CLI_EXTRA_COLS; i++)
        field(o, cli_export_extra_names[i], 0);
    dy_buf_addc(&o->b, '\n');
}

/* The display name of code (the code itself without names). */
static const char *name_of(const out_ctx *o, const char *code, char out[static 160])
{
    return dict_names_get(o->names, code ? code : "", out, 160);
}

static void extra_field(void *ud, const char *s) { field(ud, s, 0); }

static void write_table(out_ctx *o, const store_event *e)
{
    char n[32], q[16] = "", g[32] = "";
    snprintf(n, sizeof n, "%lld", (long long)e->id);
    field(o, n, 1);
    field(o, e->doc, 0);
    snprintf(n, sizeof n, "%d", e->sent);
    field(o, n, 0);
    field(o, e->date, 0);
    field(o, e->source, 0);
    field(o, e->target, 0);
    field(o, e->code, 0);
    field(o, e->root, 0);
    if (e->has_quad) {
        snprintf(q, sizeof q, "%d", e->quad);
        snprintf(g, sizeof g, "%.1f", e->goldstein);
    }
    field(o, q, 0);
    field(o, g, 0);
    field(o, e->modality, 0);
    field(o, e->text, 0);
    span_field(o, e->src);
    span_field(o, e->verb);
    span_field(o, e->tgt);
    if (o->explain) {
        field(o, e->pattern, 0);
        field(o, e->source_entry, 0);
        field(o, e->target_entry, 0);
    }
    if (o->dedup) {
        snprintf(n, sizeof n, "%ld", e->support);
        field(o, n, 0);
    }
    if (o->name_cols) {
        char nb[160];
        field(o, name_of(o, e->source, nb), 0);
        field(o, name_of(o, e->target, nb), 0);
    }
    cli_export_extra(e, extra_field, o);
    dy_buf_addc(&o->b, '\n');
}

/* Actor code parts as GDELT splits them: country (3 letters), known group
 * (organisation codes, core/actor_code.h: the 3 letters after the prefix),
 * up to three role types. */
static void gdelt_actor(out_ctx *o, const char *code)
{
    char country[4] = "", group[4] = "", type[3][4] = {"", "", ""};
    size_t n = strlen(code), at = 0;
    if (n >= 6 && dy_actor_org_prefix(code)) {
        memcpy(group, code + 3, 3);
        memcpy(type[0], code, 3);
        at = 6;
        for (int t = 1; t < 3 && at + 3 <= n; t++, at += 3)
            memcpy(type[t], code + at, 3);
    } else {
        if (n >= 3)
            memcpy(country, code, 3);
        at = 3;
        for (int t = 0; t < 3 && at + 3 <= n; t++, at += 3)
            memcpy(type[t], code + at, 3);
    }
    char nb[160];
    field(o, code, 0);   /* ActorCode */
    field(o, o->names ? name_of(o, code, nb) : "", 0); /* ActorName */
    field(o, country, 0);
    field(o, group, 0);
    field(o, "", 0);     /* EthnicCode */
    field(o, "", 0);     /* Religion1Code */
    field(o, "", 0);     /* Religion2Code */
    for (int t = 0; t < 3; t++)
        field(o, type[t], 0);
}

static void write_gdelt(out_ctx *o, const store_event *e)
{
    char n[64], sql[16] = "", my[8] = "", yr[8] = "", frac[16] = "";
    snprintf(n, sizeof n, "%lld", (long long)e->id);
    field(o, n, 1);
    if (e->date) {
        txt_date d;
        if (txt_date_parse(e->date, strlen(e->date), &d) == 0) {
            snprintf(sql, sizeof sql, "%04d%02d%02d", d.year, d.month, d.day);
            snprintf(my, sizeof my, "%04d%02d", d.year, d.month);
            snprintf(yr, sizeof yr, "%04d", d.year);
            snprintf(frac, sizeof frac, "%.4f", d.year + (d.month * 30 + d.day) / 365.0);
        }
    }
    field(o, sql, 0);
    field(o, my, 0);
    field(o, yr, 0);
    field(o, frac, 0);
    gdelt_actor(o, e->source);
    gdelt_actor(o, e->target);
    field(o, e->sent == 0 ? "1" : "0", 0); /* IsRootEvent: the lead sentence */
    field(o, e->code, 0);
    snprintf(n, sizeof n, "%.3s", e->code);
    field(o, n, 0);
    field(o, e->root, 0);
    char q[16] = "", g[32] = "";
    if (e->has_quad) {
        snprintf(q, sizeof q, "%d", e->quad);
        snprintf(g, sizeof g, "%.1f", e->goldstein);
    }
    field(o, q, 0);
    field(o, g, 0);
    snprintf(n, sizeof n, "%ld", e->support);
    field(o, n, 0); /* NumMentions */
    field(o, n, 0); /* NumSources */
    field(o, n, 0); /* NumArticles */
    field(o, "", 0); /* AvgTone */
    for (int i = 0; i < 21; i++)
        field(o, "", 0); /* Actor1Geo_*, Actor2Geo_*, ActionGeo_* */
    field(o, "", 0);     /* DATEADDED */
    field(o, e->url ? e->url : e->doc, 0);
    dy_buf_addc(&o->b, '\n');
}

static int emit(void *ud, const store_event *e)
{
    out_ctx *o = ud;
    if (o->x.format != CLI_EXPORT_NONE)
        cli_export_event(&o->x, &o->b, e);
    else switch (o->format) {
    case F_JSONL: write_jsonl(o, e); break;
    case F_GDELT: write_gdelt(o, e); break;
    default: write_table(o, e); break;
    }
    o->n++;
    if (o->b.len > 1 << 16) {
        if (fwrite(o->b.data, 1, o->b.len, stdout) != o->b.len)
            return o->werr = 1;
        dy_buf_reset(&o->b);
    }
    return o->b.oom ? (o->werr = 2) : 0;
}

/* Parse a positive number option. */
static int number(cli_ctx *c, const char *opt, const char *arg, long lo, long hi, long *out)
{
    char *end;
    long n = strtol(arg, &end, 10);
    if (!*arg || *end || n < lo || n > hi)
        return cli_usage(c, "%s: expected a number from %ld to %ld, got '%s'", opt, lo, hi, arg);
    *out = n;
    return 0;
}

static int check_list(cli_ctx *c, const char *opt, const char *arg, int digits)
{
    for (const char *p = arg; *p; p++)
        if (!(*p == ',' || (digits ? (*p >= '0' && *p <= '9') : (*p >= 'a' && *p <= 'z'))))
            return cli_usage(c, "%s: expected a comma list of %s, got '%s'", opt,
                             digits ? "CAMEO codes" : "modalities", arg);
    return 0;
}

int cmd_events(cli_ctx *c, int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 2001},     {"actor", required_argument, NULL, 2002},
        {"dyad", required_argument, NULL, 2003},   {"from", required_argument, NULL, 2004},
        {"to", required_argument, NULL, 2005},     {"root", required_argument, NULL, 2006},
        {"code", required_argument, NULL, 2007},   {"quad", required_argument, NULL, 2008},
        {"modality", required_argument, NULL, 2009}, {"dedup", no_argument, NULL, 2010},
        {"limit", required_argument, NULL, 2011},  {"format", required_argument, NULL, 'f'},
        {"explain", no_argument, NULL, 2012},      {"help", no_argument, NULL, 'h'},
        {"names", no_argument, NULL, 2015},
        {"country", required_argument, NULL, 2013}, {"near", required_argument, NULL, 2014},
        {NULL, 0, NULL, 0}};
    store_filter f = {0};
    out_ctx o = {0};
    int want_names = 0;
    const char *db = NULL;
    char dyad[128];
    int opt, rc = 0;
    long n = 0; /* set by number() before use; gcc -O3 cannot see it */
    optind = 1;
    opterr = 0;
    while (!rc && (opt = getopt_long(argc, argv, ":f:h", opts, NULL)) != -1) {
        switch (opt) {
        case 'h': fputs(events_help, stdout); return CLI_EXIT_OK;
        case 2001: db = optarg; break;
        case 2002: f.actor = optarg; break;
        case 2003: {
            const char *comma = strchr(optarg, ',');
            if (!comma || comma == optarg || !comma[1] || strchr(comma + 1, ',') ||
                strlen(optarg) >= sizeof dyad) {
                rc = cli_usage(c, "--dyad: expected A,B (two actor codes), got '%s'", optarg);
                break;
            }
            snprintf(dyad, sizeof dyad, "%s", optarg);
            dyad[comma - optarg] = '\0';
            f.dyad[0] = dyad;
            f.dyad[1] = dyad + (comma - optarg) + 1;
            break;
        }
        case 2004:
        case 2005: {
            txt_date *d = opt == 2004 ? &f.from : &f.to;
            if (txt_date_parse(optarg, strlen(optarg), d) != 0)
                rc = cli_usage(c, "--%s: expected YYYY, YYYY-MM or YYYY-MM-DD, got '%s'",
                               opt == 2004 ? "from" : "to", optarg);
            break;
        }
        case 2006: f.roots = optarg; rc = check_list(c, "--root", optarg, 1); break;
        case 2007: f.codes = optarg; rc = check_list(c, "--code", optarg, 1); break;
        case 2008:
            if (!(rc = number(c, "--quad", optarg, 1, 4, &n)))
                f.quad = (int)n;
            break;
        case 2009: f.modalities = optarg; rc = check_list(c, "--modality", optarg, 0); break;
        case 2010: f.dedup = 1; break;
        case 2011: rc = number(c, "--limit", optarg, 1, 2000000000L, &f.limit); break;
        case 2012: o.explain = 1; break;
        case 2015: want_names = 1; break;
        case 2013:
            if (strlen(optarg) != 3 || strspn(optarg, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3)
                rc = cli_usage(c, "--country: expected an ISO 3166-1 alpha-3 code (ISR), got '%s'",
                               optarg);
            f.country = optarg;
            break;
        case 2014: {
            char *e1, *e2, *e3;
            double la = strtod(optarg, &e1), lo = *e1 == ',' ? strtod(e1 + 1, &e2) : 0, km = 0;
            int okp = *e1 == ',' && e2 != e1 + 1 && *e2 == ',' &&
                      (km = strtod(e2 + 1, &e3), e3 != e2 + 1 && !*e3) && la >= -90 && la <= 90 &&
                      lo >= -180 && lo <= 180 && km > 0 && km <= 20040;
            if (!okp) {
                rc = cli_usage(c, "--near: expected LAT,LON,KM (-90..90, -180..180, km > 0), "
                                  "got '%s'", optarg);
                break;
            }
            f.near_lat = la;
            f.near_lon = lo;
            f.near_km = km;
            break;
        }
        case 'f':
            if (strcmp(optarg, "jsonl") == 0)
                o.format = F_JSONL;
            else if (strcmp(optarg, "tsv") == 0)
                o.format = F_TSV;
            else if (strcmp(optarg, "csv") == 0)
                o.format = F_CSV;
            else if (strcmp(optarg, "gdelt1") == 0)
                o.format = F_GDELT;
            else if ((o.x.format = cli_export_format(optarg)) == CLI_EXPORT_NONE)
                rc = cli_usage(c, "--format: expected jsonl, tsv, csv, plover, gdelt, "
                                  "gdelt-mentions or gdelt1, got '%s'", optarg);
            break;
        case ':': rc = cli_usage(c, "option '%s' needs an argument", argv[optind - 1]); break;
        default: rc = cli_usage(c, "unknown option '%s'", argv[optind - 1]); break;
        }
    }
    if (rc)
        return rc;
    if (!db)
        return cli_usage(c, "--db PATH or URL is required");
    if (optind < argc)
        return cli_usage(c, "unexpected argument '%s'", argv[optind]);
    o.dedup = f.dedup;
    if (cli_export_open(c, &o.x, o.x.format) != 0)
        return CLI_EXIT_FAIL;
    store *s;
    dy_err e;
    dy_err_clear(&e);
    if (store_filter_check(&f, &e) != 0)
        return cli_usage(c, "%s", e.msg);
    dict_names *nm = NULL;
    /* Names always: every event written carries them, as `dyad code`'s */
    if (model_cli_names(c, &nm))
        return CLI_EXIT_FAIL;
    o.names = nm;
    o.name_cols = want_names;
    o.x.names = nm;
    if (store_open(db, STORE_READ, &s, &e) != 0) {
        cli_print_err(&e);
        dict_names_free(nm);
        cli_export_close(&o.x);
        return CLI_EXIT_FAIL;
    }
    if (o.x.format != CLI_EXPORT_NONE)
        cli_export_header(&o.x, &o.b);
    else if (o.format == F_TSV || o.format == F_CSV)
        write_table_header(&o);
    int qrc = store_query_events(s, &f, emit, &o, &e);
    if (qrc < 0) {
        cli_print_err(&e);
        rc = CLI_EXIT_FAIL;
    } else if (o.werr == 2) {
        cli_errorf("out of memory");
        rc = CLI_EXIT_FAIL;
    }
    if (!rc && o.b.len && fwrite(o.b.data, 1, o.b.len, stdout) != o.b.len)
        o.werr = 1;
    if (!rc && (o.werr == 1 || fflush(stdout) != 0)) {
        cli_errorf("write error on standard output");
        rc = CLI_EXIT_FAIL;
    }
    if (!rc)
        cli_export_notes(&o.x, c);
    cli_export_close(&o.x);
    dy_buf_free(&o.b);
    dict_names_free(nm);
    store_close(s);
    return rc;
}
