/* actor_code.h - the one definition of "the country part of a CAMEO actor
 * code" and of "is this a state or an international organisation", used by
 * the store (its country columns and their SQL), the model, the importers
 * and the evaluation. Pure functions on strings; no allocation.
 *
 * Country part: for an organisation code (IGO..., NGO..., NGM..., MNC...)
 * of at least six letters, the first six (IGOUNO, IGOWST, NGOHRI); for any
 * other code its first three (RUSGOV -> RUS, CVL -> CVL).
 * Level of a country part: a state when it is one of the country codes of
 * the default dictionary (ISO 3166-1 alpha-3 with CAMEO's variants ROM and
 * TMP, and the historical states USR, GMW, GME, CZA, YUG, FRY, SCG, YMD;
 * PAL and PSE for Palestine); an organisation when it is a six-letter IGO,
 * NGO or NGM part; anything else (roles, regions, religions, peoples,
 * companies, unknown groups) is neither.
 */
#ifndef DY_CORE_ACTOR_CODE_H
#define DY_CORE_ACTOR_CODE_H

#include <stddef.h>

/* Room for a country part and its NUL. */
enum { DY_ACTOR_COUNTRY_MAX = 8 };

enum { DY_ACTOR_OTHER = 0, DY_ACTOR_STATE, DY_ACTOR_ORG };

/* The prefixes whose codes have a six-letter country part, as an SQL list,
 * so that SQL (schema migrations) and C compute the same country part. */
#define DY_ACTOR_ORG_PREFIXES_SQL "('IGO', 'NGO', 'NGM', 'MNC')"
/* An SQL expression of the country part of column col (same rule as
 * dy_actor_country for the upper-case codes the store holds). */
#define DY_ACTOR_COUNTRY_SQL(col)                                                         \
    "CASE WHEN length(" col ") >= 6 AND substr(" col ", 1, 3) IN " DY_ACTOR_ORG_PREFIXES_SQL \
    " THEN substr(" col ", 1, 6) ELSE substr(" col ", 1, 3) END"

/* 1 when code (may be NULL) starts with one of the organisation prefixes
 * IGO, NGO, NGM, MNC; else 0. */
int dy_actor_org_prefix(const char *code);
/* Write the country part of code (may be NULL: "") into out, NUL-terminated;
 * returns its length (0..6). Bytes are copied as they are. */
size_t dy_actor_country(const char *code, char out[static DY_ACTOR_COUNTRY_MAX]);
/* 1 when the first three letters of code are a state's country code and
 * code is not an organisation code; else 0. */
int dy_actor_is_state(const char *code);
/* DY_ACTOR_STATE, DY_ACTOR_ORG or DY_ACTOR_OTHER for the country part of
 * code (see the header comment). */
int dy_actor_level(const char *code);

#endif
