/* code_export.h - the code stage's bridges to other event-data tools:
 * geolocation of events against a gazetteer (geo.c) and the CAMEO -> PLOVER
 * mapping with the PLOVER event record (plover.c). docs/exports.md
 * documents the formats and the place-finding rules.
 */
#ifndef DY_CODE_EXPORT_H
#define DY_CODE_EXPORT_H

#include "code/code.h"

/* ---- the gazetteer ---------------------------------------------------- */

typedef struct code_gazetteer code_gazetteer;

/* A place of the gazetteer: borrowed from it. */
typedef struct code_place {
    const char *name;
    char country[4];      /* ISO 3166-1 alpha-3 */
    float lat, lon;
    long population;
    int is_country;       /* the entry is a country (its representative point) */
} code_place;

/* Build the gazetteer: the countries of countries_tsv (iso3, iso2, name,
 * lat, lon, num; data/geo/countries.tsv), the GeoNames cities of libgeonames
 * (their ISO 3166-1 alpha-2 codes mapped through the country table; a city
 * of an unknown country is left out) and the places of places_tsv (name,
 * iso3, lat, lon, population; data/geo/places.tsv), which may be NULL.
 * Country names are places too. *out is caller-owned (code_gazetteer_free).
 * Returns 0, DY_EIO, DY_EPARSE (err: file:line: what was expected) or
 * DY_ENOMEM. */
int code_gazetteer_load(const char *countries_tsv, const char *places_tsv,
                        code_gazetteer **out, dy_err *err);
/* The same from strings (tests): with_geonames 0 leaves the library's
 * cities out. */
int code_gazetteer_load_strings(const char *countries, size_t nc, const char *places,
                                size_t np, int with_geonames, code_gazetteer **out,
                                dy_err *err);
void code_gazetteer_free(code_gazetteer *g);
/* Number of places (countries, cities, added places). */
size_t code_gazetteer_count(const code_gazetteer *g);
/* The best place called name[0..n) (ASCII case ignored): among places of
 * that name, one in the country prefer (alpha-3, may be NULL or ""), else
 * the most populous. NULL when none. Borrowed. */
const code_place *code_gazetteer_find(const code_gazetteer *g, const char *name, size_t n,
                                      const char *prefer);
/* The country of alpha-3 code iso3 (its representative point), or NULL
 * when unknown or without a point. Borrowed. */
const code_place *code_gazetteer_country(const code_gazetteer *g, const char *iso3);

/* The ISO 3166-1 alpha-2 code and the name of the country with alpha-3
 * code iso3, or NULL when unknown. Borrowed. */
const char *code_gazetteer_iso2(const code_gazetteer *g, const char *iso3);
const char *code_gazetteer_country_name(const code_gazetteer *g, const char *iso3);

/* Place every event of a coded document (ev[0..nev), in sentence order):
 * a place stated in the event's sentence after a preposition of place ("in
 * Haifa", "near Kobani", "outside Damascus"), else the document's dateline
 * ("BAGHDAD —", "MOSCOW (Reuters) -"), else the country of the target,
 * else of the source (precision country, source actor), else nothing.
 * Fills ev[i].geo. Reads only the document text and the analysis'
 * sentences. */
void code_geo_locate(const code_gazetteer *g, const txt_doc *doc, const txt_analysis *an,
                     code_event *ev, size_t nev);

/* "city", "country" or NULL (not placed); "sentence", "document", "actor"
 * or NULL. Static strings. */
const char *code_geo_prec_name(int prec);
const char *code_geo_src_name(int src);
/* Parse the names back (store rows): the value or 0 when unknown. */
int code_geo_prec_parse(const char *s);
int code_geo_src_parse(const char *s);

/* Great-circle distance in km between two points (decimal degrees). */
double code_geo_km(double lat1, double lon1, double lat2, double lon2);

/* ---- CAMEO -> PLOVER ---------------------------------------------------- */

typedef struct code_plover code_plover;

typedef struct code_plover_entry {
    char code[8];         /* CAMEO code */
    const char *event_type; /* "COERCE"; NULL: PLOVER drops the code */
    const char *mode;     /* NULL: none */
    const char *context;  /* comma list, NULL: none */
    int swap;             /* the CAMEO target is the PLOVER actor */
} code_plover_entry;

/* Load the mapping (data/plover/cameo_plover.tsv: code, event_type, mode,
 * context, roles) and check it: event types among PLOVER's sixteen, each
 * mode one the specification lists for its type, contexts from the general
 * context list, roles same|swap, no code twice, and (cam not NULL) every
 * code of the CAMEO table present. *out is caller-owned (code_plover_free).
 * Returns 0, DY_EIO, DY_EPARSE (err: file:line) or DY_ENOMEM. */
int code_plover_load(const char *path, const code_cameo *cam, code_plover **out,
                     dy_err *err);
int code_plover_load_string(const char *name, const char *text, size_t len,
                            const code_cameo *cam, code_plover **out, dy_err *err);
void code_plover_free(code_plover *p);
/* The entry of a CAMEO code, or NULL when it is not in the table. */
const code_plover_entry *code_plover_get(const code_plover *p, const char *code);
size_t code_plover_count(const code_plover *p);

/* One event as the PLOVER record writer needs it, from `dyad code` (a
 * code_event) or from the store. Strings are borrowed; NULL is absent. */
typedef struct code_plover_rec {
    const char *id;             /* unique in the output */
    const char *doc, *url;
    long sent;
    const char *date;           /* YYYY-MM-DD, YYYY-MM or YYYY */
    const char *pub_date;       /* the document date */
    const char *source, *target;/* CAMEO actor codes */
    const char *source_text, *target_text; /* the mentions */
    const char *source_name, *target_name; /* display names (dict_names);
                                              NULL: not written */
    size_t source_text_len, target_text_len;
    const char *code;           /* CAMEO event code */
    int has_quad, quad;
    double goldstein;
    const char *modality;       /* code_modality_name */
    const char *text;           /* the sentence */
    size_t text_len;
    int32_t src[2], verb[2], tgt[2]; /* document byte spans, -1 none */
    const char *geo_name, *geo_country; /* geo_prec NULL: not placed */
    double geo_lat, geo_lon;
    const char *geo_prec, *geo_src;
} code_plover_rec;

/* Append the PLOVER record of r (one JSON object and '\n') to b. Returns 0,
 * 1 when the code has no PLOVER event type (nothing written) or
 * DY_ENOMEM. */
int code_plover_write(dy_buf *b, const code_plover *p, const code_plover_rec *r);

/* Fill r from a code_event of `dyad code` (id "DOC#N": the document id and
 * the event's index in it; mention texts from the document). */
void code_plover_rec_from_event(code_plover_rec *r, const txt_doc *doc,
                                const txt_analysis *an, const code_event *ev,
                                const code_cameo *cam, size_t index, char *idbuf,
                                size_t idn, char datebuf[11], char pubbuf[11]);

#endif
