/* export.c - `dyad events` in the formats of other tools: PLOVER records
 * and the GDELT 2.0 event and mentions tables (docs/exports.md). */
#include "cli/export.h"
#include "core/alloc.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_export_format(const char *name)
{
    if (strcmp(name, "plover") == 0)
        return CLI_EXPORT_PLOVER;
    if (strcmp(name, "gdelt") == 0 || strcmp(name, "gdelt2") == 0)
        return CLI_EXPORT_GDELT2;
    if (strcmp(name, "gdelt-mentions") == 0 || strcmp(name, "gdelt2-mentions") == 0)
        return CLI_EXPORT_MENTIONS;
    return CLI_EXPORT_NONE;
}

int cli_export_open(cli_ctx *c, cli_export *x, int format)
{
    memset(x, 0, sizeof *x);
    x->format = format;
    if (format == CLI_EXPORT_NONE || format == CLI_EXPORT_MENTIONS)
        return 0;
    if (!c->data_dir) {
        cli_errorf("cannot find dyad's data directory; set DYAD_DATA");
        return CLI_EXIT_FAIL;
    }
    char path[PATH_MAX], places[PATH_MAX];
    dy_err e;
    dy_err_clear(&e);
    int rc = 0;
    if (format == CLI_EXPORT_PLOVER) {
        rc = code_cameo_load(cli_data_path(c, "cameo/codes.tsv", path, sizeof path), &x->cam, &e);
        if (!rc)
            rc = code_plover_load(cli_data_path(c, "plover/cameo_plover.tsv", path, sizeof path),
                                  x->cam, &x->plover, &e);
    } else {
        rc = code_gazetteer_load(cli_data_path(c, "geo/countries.tsv", path, sizeof path),
                                 cli_data_path(c, "geo/places.tsv", places, sizeof places),
                                 &x->geo, &e);
    }
    if (rc) {
        cli_print_err(&e);
        cli_export_close(x);
        return CLI_EXIT_FAIL;
    }
    return 0;
}

void cli_export_close(cli_export *x)
{
    code_plover_free(x->plover);
    code_cameo_free(x->cam);
    code_gazetteer_free(x->geo);
    memset(x, 0, sizeof *x);
}

const char *cli_export_mention(const store_event *e, const int32_t s[2], size_t *n)
{
    *n = 0;
    if (s[0] < 0 || e->sent_start < 0 || !e->text || s[0] < e->sent_start || s[1] < s[0])
        return NULL;
    size_t off = (size_t)(s[0] - e->sent_start), len = strlen(e->text);
    if (off + (size_t)(s[1] - s[0]) > len)
        return NULL;
    *n = (size_t)(s[1] - s[0]);
    return e->text + off;
}

/* ---- the extra table columns ------------------------------------------------ */

const char *const cli_export_extra_names[CLI_EXTRA_COLS] = {
    "date_precision", "pub_date", "source_text", "target_text", "geo_name",
    "geo_country", "geo_lat", "geo_lon", "geo_precision", "geo_source"};

/* The precision of a stored date by its form. */
static const char *date_prec(const char *d)
{
    size_t n = d ? strlen(d) : 0;
    return n == 10 ? "day" : n == 7 ? "month" : n == 4 ? "year" : "";
}

static void put_mention(const store_event *e, const int32_t s[2],
                        void (*put)(void *ud, const char *s), void *ud)
{
    size_t n;
    const char *m = cli_export_mention(e, s, &n);
    char *c = m ? dy_strndup(m, n) : NULL;
    put(ud, c ? c : "");
    dy_free(c);
}

void cli_export_extra(const store_event *e, void (*put)(void *ud, const char *s), void *ud)
{
    put(ud, date_prec(e->date));
    put(ud, e->doc_date ? e->doc_date : "");
    put_mention(e, e->src, put, ud);
    put_mention(e, e->tgt, put, ud);
    char lat[32] = "", lon[32] = "";
    if (e->geo_prec) {
        snprintf(lat, sizeof lat, "%.4f", e->geo_lat);
        snprintf(lon, sizeof lon, "%.4f", e->geo_lon);
    }
    put(ud, e->geo_prec && e->geo_name ? e->geo_name : "");
    put(ud, e->geo_prec && e->geo_country ? e->geo_country : "");
    put(ud, lat);
    put(ud, lon);
    put(ud, e->geo_prec ? e->geo_prec : "");
    put(ud, e->geo_prec && e->geo_src ? e->geo_src : "");
}

/* ---- PLOVER ---------------------------------------------------------------- */

static void plover(cli_export *x, dy_buf *b, const store_event *e)
{
    code_plover_rec r = {0};
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)e->id);
    r.id = id;
    r.doc = e->doc;
    r.url = e->url;
    r.sent = e->sent;
    r.date = e->date;
    r.pub_date = e->doc_date;
    r.source = e->source;
    r.target = e->target;
    r.source_text = cli_export_mention(e, e->src, &r.source_text_len);
    r.target_text = cli_export_mention(e, e->tgt, &r.target_text_len);
    char sn[160], tn[160];
    r.source_name = x->names ? dict_names_get(x->names, e->source, sn, sizeof sn) : NULL;
    r.target_name = x->names ? dict_names_get(x->names, e->target, tn, sizeof tn) : NULL;
    r.code = e->code;
    r.has_quad = e->has_quad;
    r.quad = e->quad;
    r.goldstein = e->goldstein;
    r.modality = e->modality;
    r.text = e->text;
    r.text_len = e->text ? strlen(e->text) : 0;
    memcpy(r.src, e->src, sizeof r.src);
    memcpy(r.verb, e->verb, sizeof r.verb);
    memcpy(r.tgt, e->tgt, sizeof r.tgt);
    r.geo_name = e->geo_name;
    r.geo_country = e->geo_country;
    r.geo_lat = e->geo_lat;
    r.geo_lon = e->geo_lon;
    r.geo_prec = e->geo_prec;
    r.geo_src = e->geo_src;
    if (code_plover_write(b, x->plover, &r) == 1)
        x->unmapped++;
}

/* ---- GDELT 2.0 ---------------------------------------------------------------- */

/* The 61 columns of the GDELT 2.0 event table, in order (GDELT 2.0 Event
 * Database codebook); tests/cli checks the rows against this list. */
static const char *const GDELT2_COLS[] = {
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode",
    "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code",
    "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code",
    "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL"};

/* The 16 columns of the GDELT 2.0 mentions table. */
static const char *const MENTION_COLS[] = {
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras"};

/* A tab-separated field (tabs and line breaks as spaces); programs read
 * these tables, so cells are written as they are. */
static void fld(dy_buf *b, const char *s, size_t n, int first)
{
    if (!first)
        dy_buf_addc(b, '\t');
    if (s)
        dy_buf_tsv_str(b, s, n);
}
static void fs(dy_buf *b, const char *s) { fld(b, s, s ? strlen(s) : 0, 0); }

void cli_export_header(cli_export *x, dy_buf *b)
{
    const char *const *cols = x->format == CLI_EXPORT_GDELT2     ? GDELT2_COLS
                              : x->format == CLI_EXPORT_MENTIONS ? MENTION_COLS
                                                                 : NULL;
    size_t n = x->format == CLI_EXPORT_GDELT2 ? sizeof GDELT2_COLS / sizeof *GDELT2_COLS
                                              : sizeof MENTION_COLS / sizeof *MENTION_COLS;
    if (!cols)
        return;
    for (size_t i = 0; i < n; i++)
        fld(b, cols[i], strlen(cols[i]), i == 0);
    dy_buf_addc(b, '\n');
}

/* Actor columns as GDELT splits a CAMEO code: country, known group (IGO/NGO
 * codes), ethnic and religion (not coded), three role types. */
static void gdelt_actor(dy_buf *b, const char *code, const char *name, size_t namen)
{
    char country[4] = "", group[4] = "", type[3][4] = {"", "", ""};
    size_t n = strlen(code), at;
    if (n >= 6 && (strncmp(code, "IGO", 3) == 0 || strncmp(code, "NGO", 3) == 0)) {
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
    fs(b, code);
    fld(b, name, namen, 0);
    fs(b, country);
    fs(b, group);
    fs(b, "");
    fs(b, "");
    fs(b, "");
    for (int t = 0; t < 3; t++)
        fs(b, type[t]);
}

/* Eight empty geography columns (actors are not placed). */
static void no_geo(dy_buf *b)
{
    for (int i = 0; i < 8; i++)
        fs(b, "");
}

static void action_geo(cli_export *x, dy_buf *b, const store_event *e)
{
    if (!e->geo_prec) {
        no_geo(b);
        return;
    }
    int city = strcmp(e->geo_prec, "city") == 0;
    int us = e->geo_country && strcmp(e->geo_country, "USA") == 0;
    const char *iso2 = code_gazetteer_iso2(x->geo, e->geo_country);
    const char *cname = code_gazetteer_country_name(x->geo, e->geo_country);
    char t[16], full[512], num[32];
    /* GDELT geo types: 1 country, 3 US city, 4 world city */
    snprintf(t, sizeof t, "%d", !city ? 1 : us ? 3 : 4);
    fs(b, t);
    if (city && cname)
        snprintf(full, sizeof full, "%s, %s", e->geo_name ? e->geo_name : "", cname);
    else
        snprintf(full, sizeof full, "%s", e->geo_name ? e->geo_name : "");
    fs(b, full);
    fs(b, iso2);
    fs(b, iso2); /* ADM1: the country's code where the province is unknown */
    fs(b, "");   /* ADM2 */
    snprintf(num, sizeof num, "%.4f", e->geo_lat);
    fs(b, num);
    snprintf(num, sizeof num, "%.4f", e->geo_lon);
    fs(b, num);
    fs(b, ""); /* FeatureID: libgeonames gives no GeoNames id */
}

static void gdelt2(cli_export *x, dy_buf *b, const store_event *e)
{
    char n[64], sql[16] = "", my[8] = "", yr[8] = "", frac[16] = "";
    snprintf(n, sizeof n, "%lld", (long long)e->id);
    fld(b, n, strlen(n), 1);
    txt_date d = {0};
    if (e->date && txt_date_parse(e->date, strlen(e->date), &d) == 0 && d.prec) {
        /* a coarse date fills only the columns it knows: no "00" day or
         * month that a program would read as a date */
        snprintf(yr, sizeof yr, "%04d", d.year);
        if (d.month)
            snprintf(my, sizeof my, "%04d%02d", d.year, d.month);
        if (d.day)
            snprintf(sql, sizeof sql, "%04d%02d%02d", d.year, d.month, d.day);
        else
            x->coarse++;
        double f = d.year + (d.month ? ((d.month - 1) * 30.4375 + (d.day ? d.day : 15.2)) / 365.25
                                      : 0.5);
        snprintf(frac, sizeof frac, "%.4f", f);
    }
    fs(b, sql);
    fs(b, my);
    fs(b, yr);
    fs(b, frac);
    size_t sn, tn;
    const char *st = cli_export_mention(e, e->src, &sn), *tt = cli_export_mention(e, e->tgt, &tn);
    char snb[160], tnb[160];
    if (x->names) {
        /* GDELT's ActorName is the actor's name, not the words of the
         * mention: the display name the dictionaries give the code. */
        st = dict_names_get(x->names, e->source, snb, sizeof snb);
        tt = dict_names_get(x->names, e->target, tnb, sizeof tnb);
        sn = strlen(st);
        tn = strlen(tt);
    }
    gdelt_actor(b, e->source, st, sn);
    gdelt_actor(b, e->target, tt, tn);
    fs(b, e->sent == 0 ? "1" : "0"); /* IsRootEvent: the lead sentence */
    fs(b, e->code);
    snprintf(n, sizeof n, "%.3s", e->code);
    fs(b, n);
    fs(b, e->root);
    char q[16] = "", g[32] = "";
    if (e->has_quad) {
        snprintf(q, sizeof q, "%d", e->quad);
        snprintf(g, sizeof g, "%.1f", e->goldstein);
    }
    fs(b, q);
    fs(b, g);
    snprintf(n, sizeof n, "%ld", e->mentions > 0 ? e->mentions : 1);
    fs(b, n);
    snprintf(n, sizeof n, "%ld", e->outlets > 0 ? e->outlets : 1);
    fs(b, n);
    snprintf(n, sizeof n, "%ld", e->support > 0 ? e->support : 1);
    fs(b, n);
    fs(b, ""); /* AvgTone */
    no_geo(b);
    no_geo(b);
    action_geo(x, b, e);
    /* DATEADDED: the document's publication day (dyad keeps no ingest time) */
    char added[16] = "";
    txt_date pd;
    if (e->doc_date && txt_date_parse(e->doc_date, strlen(e->doc_date), &pd) == 0 && pd.day)
        snprintf(added, sizeof added, "%04d%02d%02d000000", pd.year, pd.month, pd.day);
    fs(b, added);
    fs(b, e->url ? e->url : e->doc);
    dy_buf_addc(b, '\n');
}

/* YYYYMMDDHHMMSS of a day date, else "". */
static void stamp(const char *date, char out[16])
{
    txt_date d;
    out[0] = '\0';
    if (date && txt_date_parse(date, strlen(date), &d) == 0 && d.day)
        snprintf(out, 16, "%04d%02d%02d000000", d.year, d.month, d.day);
}

static void mentions(dy_buf *b, const store_event *e)
{
    char n[64], t[16];
    snprintf(n, sizeof n, "%lld", (long long)e->id);
    fld(b, n, strlen(n), 1);
    stamp(e->date, t);
    fs(b, t);
    stamp(e->doc_date, t);
    fs(b, t);
    fs(b, "1"); /* MentionType: web / text document */
    fs(b, e->doc_source ? e->doc_source : e->doc);
    fs(b, e->url ? e->url : e->doc);
    snprintf(n, sizeof n, "%d", e->sent + 1); /* GDELT counts sentences from 1 */
    fs(b, n);
    const int32_t *sp[3] = {e->src, e->tgt, e->verb};
    for (int i = 0; i < 3; i++) {
        snprintf(n, sizeof n, "%ld", (long)sp[i][0]);
        fs(b, sp[i][0] >= 0 ? n : "-1");
    }
    fs(b, "1");   /* InRawText */
    fs(b, e->modality && strcmp(e->modality, "asserted") == 0 ? "100" : "50");
    fs(b, "");    /* MentionDocLen */
    fs(b, "");    /* MentionDocTone */
    fs(b, "");    /* MentionDocTranslationInfo */
    /* Extras: what GDELT has no column for */
    dy_buf x = {0};
    dy_buf_printf(&x, "<MODALITY>%s</MODALITY><CAMEO>%s</CAMEO><SENTENCE>",
                  e->modality ? e->modality : "", e->code);
    dy_buf_adds(&x, e->text ? e->text : "");
    dy_buf_adds(&x, "</SENTENCE>");
    fld(b, x.data, x.len, 0);
    dy_buf_free(&x);
    dy_buf_addc(b, '\n');
}

void cli_export_event(cli_export *x, dy_buf *b, const store_event *e)
{
    switch (x->format) {
    case CLI_EXPORT_PLOVER: plover(x, b, e); break;
    case CLI_EXPORT_GDELT2: gdelt2(x, b, e); break;
    case CLI_EXPORT_MENTIONS: mentions(b, e); break;
    default: break;
    }
}

void cli_export_notes(const cli_export *x, const cli_ctx *c)
{
    if (c->quiet)
        return;
    if (x->unmapped)
        fprintf(stderr, "dyad: %ld event%s of CAMEO roots 01 and 02 (statements, appeals) "
                        "left out: PLOVER has no type for them\n",
                x->unmapped, x->unmapped == 1 ? "" : "s");
    if (x->coarse)
        fprintf(stderr, "dyad: %ld event%s dated to a month or year only: SQLDATE (and for a "
                        "year MonthYear) left empty\n",
                x->coarse, x->coarse == 1 ? "" : "s");
}
