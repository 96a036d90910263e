/* geo.c - where events happened: a gazetteer (the countries of
 * data/geo/countries.tsv, the GeoNames cities that Debian's libgeonames
 * ships, the additions of data/geo/places.tsv) and the rules that place an
 * event from the text the coder already segmented (docs/exports.md).
 *
 * Place names are found in the sentence bytes, not through the tokens: a
 * document coded in pieces keeps its sentences but not its tokens
 * (cli_code_doc), and the rules below only need words and capitals. */
#include "code/code_export.h"
#include "core/alloc.h"
#include "core/file.h"

#include <geonames.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct country {
    char iso3[4], iso2[3];
    int has_point;
    size_t place;         /* its entry in places */
} country;

struct code_gazetteer {
    code_place *places;
    char **keys;          /* lower-cased names, parallel to places */
    size_t n, cap;
    size_t *order;        /* place indices sorted by key */
    country *countries;
    size_t ncountries, capcountries;
    char **strings;       /* owned names */
    size_t nstrings, capstrings;
};

/* ---- building ---------------------------------------------------------- */

static char *own(code_gazetteer *g, const char *s, size_t n)
{
    if (g->nstrings == g->capstrings) {
        size_t cap = g->capstrings ? g->capstrings * 2 : 1024;
        char **v = dy_reallocarray(g->strings, cap, sizeof *v);
        if (!v)
            return NULL;
        g->strings = v;
        g->capstrings = cap;
    }
    char *c = dy_strndup(s, n);
    if (c)
        g->strings[g->nstrings++] = c;
    return c;
}

static char *lower_copy(code_gazetteer *g, const char *s, size_t n)
{
    char *c = own(g, s, n);
    for (size_t i = 0; c && i < n; i++)
        if (c[i] >= 'A' && c[i] <= 'Z')
            c[i] = (char)(c[i] - 'A' + 'a');
    return c;
}

static int add_place(code_gazetteer *g, const char *name, size_t n, const char iso3[4],
                     double lat, double lon, long pop, int is_country)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 4096;
        code_place *v = dy_reallocarray(g->places, cap, sizeof *v);
        if (!v)
            return DY_ENOMEM;
        g->places = v;
        char **k = dy_reallocarray(g->keys, cap, sizeof *k);
        if (!k)
            return DY_ENOMEM;
        g->keys = k;
        g->cap = cap;
    }
    code_place *p = &g->places[g->n];
    memset(p, 0, sizeof *p);
    if (!(p->name = own(g, name, n)) || !(g->keys[g->n] = lower_copy(g, name, n)))
        return DY_ENOMEM;
    memcpy(p->country, iso3, 4);
    p->lat = (float)lat;
    p->lon = (float)lon;
    p->population = pop;
    p->is_country = is_country;
    g->n++;
    return 0;
}

/* Split a TSV line in place into at most max fields; returns the count. */
static int split(char *s, char **f, int max)
{
    int n = 0;
    while (n < max) {
        f[n++] = s;
        char *t = strchr(s, '\t');
        if (!t)
            break;
        *t = '\0';
        s = t + 1;
    }
    return n;
}

static int parse_num(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (!*s || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

static int upper3(const char *s, size_t n)
{
    if (strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return 0;
    return 1;
}

static const country *country_by(const code_gazetteer *g, const char *code, int iso2)
{
    for (size_t i = 0; i < g->ncountries; i++)
        if (strcmp(iso2 ? g->countries[i].iso2 : g->countries[i].iso3, code) == 0)
            return &g->countries[i];
    return NULL;
}

/* Population given to a country's own entry: a country wins over a town
 * of its name ("Georgia", "Jordan") unless the event's country prefers it. */
enum { COUNTRY_POP = 2000000000L };

/* The table in text[0..len) through fn (dy_each_table_line) on a copy. */
static int each_line(code_gazetteer *g, const char *text, size_t len, const char *name,
                     const char *header, dy_line_fn fn, dy_err *err)
{
    char *copy = dy_strndup(text, len);
    if (!copy)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    int rc = dy_each_table_line(copy, name, header, fn, g, NULL, err);
    dy_free(copy);
    return rc;
}

static int country_line(void *ud, char *line, const char *name, long ln, dy_err *err)
{
    code_gazetteer *g = ud;
    char *f[7];
    if (split(line, f, 7) != 6)
        return dy_err_set(err, DY_EPARSE, name, ln, -1,
                          "expected 6 tab-separated fields: iso3, iso2, name, lat, lon, num");
    if (!upper3(f[0], 3) || !upper3(f[1], 2) || !*f[2] || strlen(f[5]) != 3 ||
        strspn(f[5], "0123456789") != 3)
        return dy_err_set(err, DY_EPARSE, name, ln, -1,
                          "expected ISO 3166-1 alpha-3 and alpha-2 codes, a name and a numeric "
                          "code of three digits");
    if (country_by(g, f[0], 0))
        return dy_err_set(err, DY_EPARSE, name, ln, -1, "country %s listed twice", f[0]);
    double lat = 0, lon = 0;
    int point = strcmp(f[3], "-") != 0 || strcmp(f[4], "-") != 0;
    if (point && (parse_num(f[3], -90, 90, &lat) || parse_num(f[4], -180, 180, &lon)))
        return dy_err_set(err, DY_EPARSE, name, ln, -1,
                          "expected a latitude (-90..90) and longitude (-180..180) or '-'");
    if (g->ncountries == g->capcountries) {
        size_t cap = g->capcountries ? g->capcountries * 2 : 256;
        country *v = dy_reallocarray(g->countries, cap, sizeof *v);
        if (!v)
            return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
        g->countries = v;
        g->capcountries = cap;
    }
    country *c = &g->countries[g->ncountries];
    memset(c, 0, sizeof *c);
    memcpy(c->iso3, f[0], 4);
    memcpy(c->iso2, f[1], 3);
    c->has_point = point;
    c->place = g->n;
    if (add_place(g, f[2], strlen(f[2]), c->iso3, lat, lon, COUNTRY_POP, 1))
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    g->ncountries++;
    return 0;
}

static int place_line(void *ud, char *line, const char *name, long ln, dy_err *err)
{
    code_gazetteer *g = ud;
    char *f[6];
    if (split(line, f, 6) != 5)
        return dy_err_set(err, DY_EPARSE, name, ln, -1,
                          "expected 5 tab-separated fields: name, iso3, lat, lon, population");
    double lat, lon, pop;
    if (!*f[0] || parse_num(f[2], -90, 90, &lat) || parse_num(f[3], -180, 180, &lon) ||
        parse_num(f[4], 0, 1e10, &pop))
        return dy_err_set(err, DY_EPARSE, name, ln, -1,
                          "expected a name, latitude (-90..90), longitude (-180..180) and "
                          "population");
    if (!country_by(g, f[1], 0))
        return dy_err_set(err, DY_EPARSE, name, ln, -1, "unknown country code '%s'", f[1]);
    if (add_place(g, f[0], strlen(f[0]), f[1], lat, lon, (long)pop, 0))
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    return 0;
}

/* The cities of libgeonames (GeoNames cities of 15,000 people or more). */
static int add_geonames(code_gazetteer *g, dy_err *err)
{
    int n = geonames_get_n_cities();
    for (int i = 0; i < n; i++) {
        GeonamesCity *c = geonames_get_city(i);
        if (!c)
            continue;
        const char *name = geonames_city_get_name(c), *cc = geonames_city_get_country_code(c);
        const country *k = name && *name && cc ? country_by(g, cc, 1) : NULL;
        int rc = 0;
        if (k)
            rc = add_place(g, name, strlen(name), k->iso3, geonames_city_get_latitude(c),
                           geonames_city_get_longitude(c),
                           (long)geonames_city_get_population(c), 0);
        geonames_city_free(c);
        if (rc)
            return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    }
    return 0;
}

static const code_gazetteer *sort_g;
static int by_key(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(sort_g->keys[i], sort_g->keys[j]);
    return c ? c : (i < j ? -1 : i > j);
}

int code_gazetteer_load_strings(const char *countries, size_t nc, const char *places,
                                size_t np, int with_geonames, code_gazetteer **out,
                                dy_err *err)
{
    *out = NULL;
    code_gazetteer *g = dy_calloc(1, sizeof *g);
    if (!g)
        return dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    int rc = each_line(g, countries, nc, "countries.tsv", "iso3\tiso2\tname\tlat\tlon\tnum",
                       country_line, err);
    if (!rc && g->ncountries == 0)
        rc = dy_err_set(err, DY_EPARSE, "countries.tsv", 0, -1, "no country listed");
    if (!rc && with_geonames)
        rc = add_geonames(g, err);
    if (!rc && places)
        rc = each_line(g, places, np, "places.tsv", "name\tiso3\tlat\tlon\tpopulation",
                       place_line, err);
    if (!rc && !(g->order = dy_reallocarray(NULL, g->n ? g->n : 1, sizeof *g->order)))
        rc = dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory");
    if (rc) {
        code_gazetteer_free(g);
        return rc;
    }
    for (size_t i = 0; i < g->n; i++)
        g->order[i] = i;
    /* qsort has no context argument in C17; loading is single-threaded. */
    sort_g = g;
    qsort(g->order, g->n, sizeof *g->order, by_key);
    sort_g = NULL;
    *out = g;
    return 0;
}

/* Read a whole file into b. */
static int slurp(const char *path, dy_buf *b, dy_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot open the gazetteer file");
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        dy_buf_add(b, chunk, n);
    int bad = ferror(f);
    fclose(f);
    if (bad)
        return dy_err_set(err, DY_EIO, path, 0, -1, "cannot read the gazetteer file");
    return b->oom ? dy_err_set(err, DY_ENOMEM, NULL, 0, -1, "out of memory") : 0;
}

/* Messages name the file as given, not the short name of load_strings. */
static int rename_err(int rc, const char *want, const char *path, dy_err *err)
{
    if (rc && err && strcmp(err->file, want) == 0)
        snprintf(err->file, sizeof err->file, "%s", path);
    return rc;
}

int code_gazetteer_load(const char *countries_tsv, const char *places_tsv,
                        code_gazetteer **out, dy_err *err)
{
    *out = NULL;
    dy_buf c = {0}, p = {0};
    int rc = slurp(countries_tsv, &c, err);
    if (!rc && places_tsv)
        rc = slurp(places_tsv, &p, err);
    if (!rc) {
        rc = code_gazetteer_load_strings(c.data ? c.data : "", c.len,
                                         places_tsv ? (p.data ? p.data : "") : NULL, p.len, 1,
                                         out, err);
        rc = rename_err(rc, "countries.tsv", countries_tsv, err);
        if (places_tsv)
            rc = rename_err(rc, "places.tsv", places_tsv, err);
    }
    dy_buf_free(&c);
    dy_buf_free(&p);
    return rc;
}

void code_gazetteer_free(code_gazetteer *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nstrings; i++)
        dy_free(g->strings[i]);
    dy_free(g->strings);
    dy_free(g->places);
    dy_free(g->keys);
    dy_free(g->order);
    dy_free(g->countries);
    dy_free(g);
}

size_t code_gazetteer_count(const code_gazetteer *g) { return g ? g->n : 0; }

/* ---- lookup ------------------------------------------------------------- */

static int lc(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

/* Compare key (NUL-terminated, lower case) with name[0..n) lower-cased. */
static int key_cmp(const char *key, const char *name, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int a = (unsigned char)key[i], b = lc((unsigned char)name[i]);
        if (!a || a != b)
            return a - b;
    }
    return (unsigned char)key[n];
}

const code_place *code_gazetteer_find(const code_gazetteer *g, const char *name, size_t n,
                                      const char *prefer)
{
    if (!g || !n)
        return NULL;
    size_t lo = 0, hi = g->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (key_cmp(g->keys[g->order[mid]], name, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    const code_place *best = NULL, *pref = NULL;
    for (size_t i = lo; i < g->n && key_cmp(g->keys[g->order[i]], name, n) == 0; i++) {
        const code_place *p = &g->places[g->order[i]];
        if (p->is_country && !country_by(g, p->country, 0)->has_point)
            continue;
        if (!best || p->population > best->population)
            best = p;
        if (prefer && *prefer && strcmp(p->country, prefer) == 0 &&
            (!pref || p->population > pref->population))
            pref = p;
    }
    return pref ? pref : best;
}

const code_place *code_gazetteer_country(const code_gazetteer *g, const char *iso3)
{
    const country *c = g && iso3 ? country_by(g, iso3, 0) : NULL;
    return c && c->has_point ? &g->places[c->place] : NULL;
}

const char *code_gazetteer_iso2(const code_gazetteer *g, const char *iso3)
{
    const country *c = g && iso3 ? country_by(g, iso3, 0) : NULL;
    return c ? c->iso2 : NULL;
}

const char *code_gazetteer_country_name(const code_gazetteer *g, const char *iso3)
{
    const country *c = g && iso3 ? country_by(g, iso3, 0) : NULL;
    return c ? g->places[c->place].name : NULL;
}

/* ---- placing events ------------------------------------------------------ */

const char *code_geo_prec_name(int prec)
{
    return prec == CODE_GEO_CITY ? "city" : prec == CODE_GEO_COUNTRY ? "country" : NULL;
}

const char *code_geo_src_name(int src)
{
    switch (src) {
    case CODE_GEO_SRC_SENTENCE: return "sentence";
    case CODE_GEO_SRC_DOCUMENT: return "document";
    case CODE_GEO_SRC_ACTOR: return "actor";
    default: return NULL;
    }
}

int code_geo_prec_parse(const char *s)
{
    return !s ? 0 : strcmp(s, "city") == 0 ? CODE_GEO_CITY
                  : strcmp(s, "country") == 0 ? CODE_GEO_COUNTRY : 0;
}

int code_geo_src_parse(const char *s)
{
    if (!s)
        return 0;
    for (int i = CODE_GEO_SRC_SENTENCE; i <= CODE_GEO_SRC_ACTOR; i++)
        if (strcmp(s, code_geo_src_name(i)) == 0)
            return i;
    return 0;
}

double code_geo_km(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0088, d = 3.14159265358979323846 / 180.0;
    double a = sin((lat2 - lat1) * d / 2), b = sin((lon2 - lon1) * d / 2);
    double h = a * a + cos(lat1 * d) * cos(lat2 * d) * b * b;
    return 2 * r * asin(sqrt(h < 1 ? h : 1));
}

static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80 || c == '\'' || c == '-';
}

/* Is s[0..n) (any case) one of the space-separated words of list? */
static int word_in(const char *list, const char *s, size_t n)
{
    for (const char *p = list; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if ((size_t)(e - p) == n && n) {
            size_t i = 0;
            while (i < n && lc((unsigned char)s[i]) == p[i])
                i++;
            if (i == n)
                return 1;
        }
        p = e;
    }
    return 0;
}

/* Prepositions after which a capitalised name is where something happened. */
static const char PLACE_PREP[] = "in near outside at around inside";
/* Words that may stand between the preposition and the name ("in the
 * northern town of Kobani"). */
static const char PLACE_FILL[] =
    "the a northern southern eastern western central north south east west northeastern "
    "northwestern southeastern southwestern city town village capital port border region "
    "province district of besieged occupied nearby coastal";
/* Capitalised words after "in"/"at" that are times, not places. */
static const char NOT_PLACE[] =
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday";

typedef struct word {
    size_t s, e;
} word;

/* Split text[0..n) into words (at most max). */
static size_t words_of(const char *t, size_t n, word *w, size_t max)
{
    size_t k = 0, i = 0;
    while (i < n && k < max) {
        while (i < n && !is_word((unsigned char)t[i]))
            i++;
        size_t s = i;
        while (i < n && is_word((unsigned char)t[i]))
            i++;
        if (i > s) {
            /* a possessive or trailing hyphen is not part of a name */
            size_t e = i;
            while (e > s && (t[e - 1] == '\'' || t[e - 1] == '-'))
                e--;
            if (e >= s + 2 && t[e - 2] == '\'' && (t[e - 1] == 's' || t[e - 1] == 'S'))
                e -= 2;
            if (e > s)
                w[k++] = (word){s, e};
        }
    }
    return k;
}

enum { MAX_WORDS = 512, MAX_NAME_WORDS = 4 };

/* Are the letters of s[0..n) all capitals (two or more of them)? */
static int all_caps(const char *s, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z')
            return 0;
        letters += c >= 'A' && c <= 'Z';
    }
    return letters >= 2;
}

/* The longest run of up to MAX_NAME_WORDS capitalised words at w[i] that
 * names a place; *span receives its bytes. */
static const code_place *name_at(const code_gazetteer *g, const char *t, const word *w,
                                 size_t nw, size_t i, const char *pref1, const char *pref2,
                                 code_span *span, int32_t base)
{
    size_t run = 0;
    while (i + run < nw && run < MAX_NAME_WORDS && is_upper((unsigned char)t[w[i + run].s]))
        run++;
    if (run && word_in(NOT_PLACE, t + w[i].s, w[i].e - w[i].s))
        return NULL;
    for (size_t k = run; k > 0; k--) {
        size_t s = w[i].s, e = w[i + k - 1].e;
        /* an acronym ("in the UN Security Council") is not a town that
         * happens to share its letters ("Un") */
        if (all_caps(t + s, e - s))
            continue;
        const code_place *p = code_gazetteer_find(g, t + s, e - s, pref1);
        if (p && pref2 && *pref2 && strcmp(p->country, pref1 ? pref1 : "") != 0) {
            const code_place *q = code_gazetteer_find(g, t + s, e - s, pref2);
            if (q && strcmp(q->country, pref2) == 0)
                p = q;
        }
        if (p) {
            span->start = base + (int32_t)s;
            span->end = base + (int32_t)e;
            return p;
        }
    }
    return NULL;
}

/* A place named after a preposition of place in text[0..n). */
static const code_place *sentence_place(const code_gazetteer *g, const char *t, size_t n,
                                        const char *pref1, const char *pref2,
                                        code_span *span, int32_t base)
{
    word w[MAX_WORDS];
    size_t nw = words_of(t, n, w, MAX_WORDS);
    for (size_t i = 0; i + 1 < nw; i++) {
        if (!word_in(PLACE_PREP, t + w[i].s, w[i].e - w[i].s))
            continue;
        size_t j = i + 1;
        while (j < nw && j < i + 5 && !is_upper((unsigned char)t[w[j].s]) &&
               word_in(PLACE_FILL, t + w[j].s, w[j].e - w[j].s))
            j++;
        if (j < nw && is_upper((unsigned char)t[w[j].s]) && (j == i + 1 || t[w[j].s - 1] == ' ')) {
            const code_place *p = name_at(g, t, w, nw, j, pref1, pref2, span, base);
            if (p)
                return p;
        }
    }
    return NULL;
}

/* A dateline at the start of text[0..n): words in capitals ("BAGHDAD",
 * "NEW YORK") followed, within a short stretch, by a dash, or by a comma or
 * parenthesis and then a dash ("MOSCOW, March 3 (Reuters) -"). */
static const code_place *dateline(const code_gazetteer *g, const char *t, size_t n,
                                  const char *pref1, code_span *span, int32_t base)
{
    size_t i = 0;
    while (i < n && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r'))
        i++;
    size_t s = i, e = i;
    while (i < n && (is_upper((unsigned char)t[i]) || t[i] == ' ' || t[i] == '.' ||
                     t[i] == '\'' || t[i] == '-')) {
        if (is_upper((unsigned char)t[i]))
            e = i + 1;
        i++;
    }
    if (e < s + 3 || (i < n && t[i] >= 'a' && t[i] <= 'z'))
        return NULL;
    /* the dash must follow within 60 bytes, before any sentence ends */
    size_t lim = i + 60 < n ? i + 60 : n;
    int dash = 0;
    for (size_t k = e; k < lim && !dash; k++) {
        if (t[k] == '.' || t[k] == '\n')
            break;
        if ((t[k] == '-' && k > e && t[k - 1] == ' ') ||
            ((unsigned char)t[k] == 0xE2 && k + 2 < n && (unsigned char)t[k + 1] == 0x80 &&
             ((unsigned char)t[k + 2] == 0x94 || (unsigned char)t[k + 2] == 0x93)))
            dash = 1;
    }
    if (!dash)
        return NULL;
    const code_place *p = code_gazetteer_find(g, t + s, e - s, pref1);
    if (p) {
        span->start = base + (int32_t)s;
        span->end = base + (int32_t)e;
    }
    return p;
}

static void set_geo(code_geo *geo, const code_place *p, int src, code_span span)
{
    geo->name = p->name;
    memcpy(geo->country, p->country, 4);
    geo->lat = p->lat;
    geo->lon = p->lon;
    geo->prec = p->is_country ? CODE_GEO_COUNTRY : CODE_GEO_CITY;
    geo->src = (int8_t)src;
    geo->span = span;
}

void code_geo_locate(const code_gazetteer *g, const txt_doc *doc, const txt_analysis *an,
                     code_event *ev, size_t nev)
{
    if (!g || !doc || !an)
        return;
    for (size_t i = 0; i < nev; i++) {
        code_event *e = &ev[i];
        memset(&e->geo, 0, sizeof e->geo);
        e->geo.span = (code_span){-1, -1};
        char tc[CODE_COUNTRY_MAX], sc[CODE_COUNTRY_MAX];
        code_actor_country(e->target, tc);
        code_actor_country(e->source, sc);
        code_span sp = {-1, -1};
        const code_place *p = NULL;
        if (e->sent < an->nsent) {
            const txt_sentence *st = &an->sents[e->sent];
            if (st->end <= doc->len && st->start < st->end)
                p = sentence_place(g, doc->text + st->start, st->end - st->start, tc, sc, &sp,
                                   (int32_t)st->start);
        }
        if (p) {
            set_geo(&e->geo, p, CODE_GEO_SRC_SENTENCE, sp);
            continue;
        }
        /* the dateline: the start of one of the first three sentences (a
         * title line may come first) */
        for (size_t k = 0; !p && k < an->nsent && k < 3; k++) {
            const txt_sentence *st = &an->sents[k];
            if (st->end <= doc->len && st->start < st->end)
                p = dateline(g, doc->text + st->start, st->end - st->start, tc, &sp,
                             (int32_t)st->start);
        }
        if (p) {
            set_geo(&e->geo, p, CODE_GEO_SRC_DOCUMENT, sp);
            continue;
        }
        p = code_gazetteer_country(g, tc);
        if (!p)
            p = code_gazetteer_country(g, sc);
        if (p)
            set_geo(&e->geo, p, CODE_GEO_SRC_ACTOR, (code_span){-1, -1});
    }
}
