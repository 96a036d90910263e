/* code.h - public interface of the code stage: events in the CAMEO ontology.
 *
 * The event contract (docs/formats.md) is defined here: what an event holds
 * and how it is written as JSON lines or TSV. The coder fills events from a
 * txt_analysis and the mentions of the dict stage.
 */
#ifndef DY_CODE_H
#define DY_CODE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "dict/dict.h"
#include "syntax/syntax.h"
#include "text/text.h"

/* ---- the CAMEO code table ------------------------------------------- */

typedef struct code_cameo_entry {
    char code[8];      /* "042", "0231" */
    char root[3];      /* "04" */
    int quad;          /* 1..4, GDELT convention */
    double goldstein;  /* -10..10 */
    const char *name;  /* owned by the table */
} code_cameo_entry;

typedef struct code_cameo code_cameo;

/* Load the table (data/cameo/codes.tsv format: code, root, quad, goldstein,
 * name; '#' comment lines and a header line). *out is caller-owned
 * (code_cameo_free). Returns 0, DY_EIO, DY_EPARSE (err: file:line) or
 * DY_ENOMEM. */
int code_cameo_load(const char *path, code_cameo **out, dy_err *err);
/* The entry of code (NUL-terminated), or NULL when unknown. Borrowed. */
const code_cameo_entry *code_cameo_get(const code_cameo *t, const char *code);
/* Number of entries and the i-th entry, in file order. */
size_t code_cameo_count(const code_cameo *t);
const code_cameo_entry *code_cameo_at(const code_cameo *t, size_t i);
void code_cameo_free(code_cameo *t);

/* ---- events ---------------------------------------------------------- */

typedef enum {
    CODE_MOD_ASSERTED = 0,
    CODE_MOD_NEGATED,
    CODE_MOD_FUTURE,
    CODE_MOD_HYPOTHETICAL,
    CODE_MOD_ALLEGED
} code_modality;

/* "asserted", "negated", ...; static string. */
const char *code_modality_name(int m);

/* A byte span [start, end) in the document text; start < 0 when absent. */
typedef struct code_span {
    int32_t start, end;
} code_span;

/* Why an event came out (filled by the coder, printed by --explain).
 * Strings are borrowed from the dictionaries or the document arena. */
typedef struct code_explain {
    const char *pattern;      /* verb pattern "file:line" */
    const char *pattern_text; /* the pattern as written */
    const char *source_entry; /* actor entry "file:line", NULL if none */
    const char *target_entry;
    uint32_t src_tok[2];      /* token ranges [begin, end) (0,0 = none) */
    uint32_t verb_tok[2];
    uint32_t tgt_tok[2];
    const char *modality_cue; /* word(s) that set the modality, NULL */
    const char *src_rel;      /* the syntactic relation that gave the source
                                 ("nsubj", "obl:agent", ...), NULL: none */
    const char *tgt_rel;
    code_span cue;
    int32_t timex;            /* index into the analysis' timex, -1 = doc date */
} code_explain;

/* Where an event took place (geolocation, src/code/geo.c). prec 0: not
 * placed. name is borrowed from the gazetteer, which outlives the events. */
enum { CODE_GEO_NONE = 0, CODE_GEO_CITY, CODE_GEO_COUNTRY };
enum { CODE_GEO_SRC_SENTENCE = 1, CODE_GEO_SRC_DOCUMENT, CODE_GEO_SRC_ACTOR };
typedef struct code_geo {
    const char *name;         /* place or country name */
    char country[4];          /* ISO 3166-1 alpha-3 */
    float lat, lon;           /* decimal degrees */
    int8_t prec;              /* CODE_GEO_* */
    int8_t src;               /* CODE_GEO_SRC_*: where the place was stated */
    code_span span;           /* the place name in the document, or -1 */
} code_geo;

typedef struct code_event {
    uint32_t sent;            /* sentence index */
    txt_date date;            /* event date, prec NONE when unknown */
    char source[32];          /* CAMEO actor code, "" when none */
    char target[32];
    char code[8];             /* CAMEO event code */
    int modality;             /* code_modality */
    code_span src, verb, tgt; /* evidence spans */
    code_explain why;
    code_geo geo;             /* (additive) where; filled by code_geo_locate */
} code_event;

typedef enum { CODE_OUT_JSONL = 0, CODE_OUT_TSV } code_out_format;

/* Which "explain" an event record carries. */
typedef enum {
    CODE_EXPLAIN_NONE = 0,
    CODE_EXPLAIN_CODED,  /* the coder's (--explain): pattern, pattern_text,
                            entries, tokens, relations, modality cue, time */
    CODE_EXPLAIN_STORED  /* what a store keeps: pattern, entries and the
                            dictionary version */
} code_explain_kind;

/* An event as the contract writes it, whatever holds it: the coder's
 * code_event (code_event_write) or a stored event (the web stage). The one
 * writer of events, code_event_rec_write, takes it. Strings are borrowed
 * for the call; a NULL string is written as null where the contract allows
 * it (date, modality, explain references), else as "". */
typedef struct code_event_rec {
    int64_t id;                  /* the store's id, written first as "id" */
    int has_id;
    const char *doc;
    size_t doc_len;
    long long sent;
    const char *date;            /* NULL: null */
    const char *source, *target, *code, *root;
    size_t source_len, target_len, code_len, root_len;
    const char *source_name, *target_name; /* JSON only, after "target";
                                              NULL: not written */
    int has_geo;                 /* JSON only: write "geo" after the spans */
    const char *geo_name, *geo_country, *geo_prec, *geo_src; /* geo_prec
                                    NULL: "geo":null (not placed) */
    double geo_lat, geo_lon;
    int has_quad;                /* 0: quad and goldstein are null (TSV: empty) */
    int quad;
    double goldstein;
    const char *modality;        /* NULL: null */
    const char *text;            /* the sentence */
    size_t text_len;
    code_span src, verb, tgt;
    int explain;                 /* code_explain_kind */
    const char *pattern, *pattern_text, *source_entry, *target_entry;
    const char *dict_version;    /* CODE_EXPLAIN_STORED */
    const code_explain *why;     /* CODE_EXPLAIN_CODED: tokens, relations,
                                    modality cue */
    const char *time_text;       /* CODE_EXPLAIN_CODED: the time expression
                                    used, NULL when none */
    size_t time_len;
    uint32_t time_start, time_end;
    const char *time_prec;       /* its precision ("day", ...) */
    int doc_dated;               /* no expression, but the document date */
    long support;                /* written last as "support" when has_support */
    int has_support;
} code_event_rec;

/* Append event record r to b in the given format (JSON: one object; TSV:
 * the columns of code_event_write_tsv_header), then '\n' when newline.
 * Every field is written after a check of the room left (the buffer grows
 * as needed). On DY_ENOMEM nothing of the record stays in b (b->oom set).
 * Returns 0 or DY_ENOMEM. */
int code_event_rec_write(dy_buf *b, int format, const code_event_rec *r, int newline);

/* Append one event (one line, with '\n') in the given format to b. doc and an
 * are the event's document and analysis; cam supplies root, quad and
 * Goldstein; names (may be NULL) the display names of source and target
 * (JSONL only: "source_name", "target_name"); explain adds the "explain"
 * object (JSONL) or columns (TSV). Writes through code_event_rec_write.
 * Returns 0 or DY_ENOMEM. */
int code_event_write(dy_buf *b, int format, const txt_doc *doc,
                     const txt_analysis *an, const code_event *ev,
                     const code_cameo *cam, const dict_names *names, int explain);
/* Append the TSV header line (with explain columns when explain). */
int code_event_write_tsv_header(dy_buf *b, int explain);

/* ---- actor codes ----------------------------------------------------- */

/* Room for a country part: three characters of up to four UTF-8 bytes. */
enum { CODE_COUNTRY_MAX = 16 };

/* The country part of a CAMEO actor code, the one rule by which scoring
 * compares actors (it is the reference scorer's, score_articles.py):
 * surrounding white space is ignored and ASCII letters are upper-cased;
 * a code that starts with IGO gives the three characters after the prefix
 * ("IGOUNO" -> "UNO", "IGOWSTNAT" -> "WST"; "IGO" alone -> "IGO"); any other
 * code gives its first three characters (all of a shorter code; so every NGO
 * code gives "NGO"); then historical and alternative codes become today's:
 * PAL -> PSE, FRY, YUG, KSV, XKX -> SRB, USR -> RUS, GMW, GME -> DEU,
 * CZA -> CZE, ROM -> ROU, TMP -> TLS. code may be NULL (as ""). Writes the
 * NUL-terminated result to out (caller-owned) and returns its length, 0
 * for an empty code. */
size_t code_actor_country(const char *code, char out[static CODE_COUNTRY_MAX]);

/* 1 when code (NUL-terminated, may be NULL) has no country: it starts with
 * a role code (GOV, MIL, CVL, ...; dict_role_known) other than the
 * organisation prefixes IGO, NGO and IMG, as "MIL" or "CVLREF". Else 0. */
int code_actor_role_only(const char *code);

/* ---- cues (data/coder/cues.txt) ------------------------------------- */

enum {
    CODE_CUE_NEGATED = 0,
    CODE_CUE_ALLEGED,
    CODE_CUE_HYPOTHETICAL,
    CODE_CUE_FUTURE,
    CODE_CUE_CARRY,
    CODE_CUE_BOUNDARY,
    CODE_CUE_PRON_PERSON,
    CODE_CUE_PRON_GROUP,
    CODE_CUE_PRON_THING,
    CODE_CUE_BE,
    CODE_CUE_PREPOSITION,
    CODE_CUE_DETERMINER,
    CODE_CUE_OBLIGATION,
    CODE_CUE_TARGET_PREP,  /* an oblique after it names whom the act is on */
    CODE_CUE_LIGHT,        /* a verb whose object noun is the act ("held talks") */
    CODE_CUE_RELATIVE,     /* a relative pronoun ("which", "who") */
    CODE_CUE_SPEECH,       /* a verb of saying: its complement is reported */
    CODE_CUE_AGENT_PREP,   /* the preposition of a passive's agent ("by") */
    CODE_CUE_RECIPROCAL,   /* "each other": the members of a compound source
                              act on one another */
    CODE_CUE_NAMING_PREP,  /* "the leaders of Iran": a phrase after it names
                              the actor of the noun it hangs off */
    CODE_CUE_TOPIC_PREP,   /* "cooperation on Korea": for a cooperative act a
                              phrase after it is what the act is about */
    CODE_CUE_SPORTS,       /* "match", "striker": words of sports reports */
    CODE_CUE_SUBORDINATOR, /* "where", "after": opens a background clause */
    CODE_CUE_POSSESSIVE,   /* "its", "their": owns the role noun after it */
    CODE_CUE_DAY,          /* "Monday", "yesterday": a day word, dated by
                              the time expressions */
    CODE_CUE_SETTING_PREP, /* "in", "at": a phrase after it is where or when,
                              never whom (the last-resort target) */
    CODE_CUE_OCCURRENCE,   /* "took place", "was held": its subject, a
                              nominal act, happened */
    CODE_CUE_IMPERSONAL,   /* "wrong", "time": after "it is", judges an
                              infinitive; "it" is no actor */
    CODE_CUE_HONORIFIC,    /* "Mr", "Dr": a person's name follows */
    CODE_CUE_PRESUPPOSING, /* "during", "after": the nominal act it
                              introduces happened */
    CODE_CUE_DIRECTIVE,    /* "asked", "urged": a passive of it ("was
                              invited to attend") makes its infinitive
                              someone else's request */
    CODE_CUE_MEASURE,      /* "rose", "fell", "totalled": a verb of figures;
                              a nominal act as its subject is a statistic */
    CODE_CUE_VERBAL,       /* "attacked", "clashed": force that can be done
                              in words, between actors who hold no arms */
    CODE_CUE_HAVING,       /* "have", "has": a light verb of holding; an
                              agreement, investment or aid it holds is a
                              standing relation, not an act */
    CODE_CUE_ASPECTUAL,    /* "continued", "began": the infinitive after it
                              is done, not planned */
    CODE_CUE_ISSUING,      /* "issued", "signed": a text it puts out says
                              what its issuer says ("issued a statement
                              condemning ...") */
    CODE_CUE_ATTEMPT,      /* "tried", "attempted": an act of force after
                              it was carried out, if not to its end */
    CODE_CUE_KINDS
};

/* A set of cue kinds: bit k is kind k. The coder keeps UINT64_MAX for "not
 * yet computed": at most 63 kinds. */
typedef uint64_t code_cue_mask;
#define CODE_CUE_BIT(kind) ((code_cue_mask)1 << (kind))
_Static_assert(CODE_CUE_KINDS <= 63, "cue kinds must fit a code_cue_mask below UINT64_MAX");

typedef struct code_cues code_cues;

/* Load a cue file. *out is caller-owned (code_cues_free). Returns 0, DY_EIO
 * (cannot open or read it), DY_ELIMIT (larger than 64 KiB), DY_EPARSE (err:
 * file:line) or DY_ENOMEM. */
int code_cues_load(const char *path, code_cues **out, dy_err *err);
int code_cues_load_string(const char *name, const char *text, size_t len, code_cues **out,
                          dy_err *err);
void code_cues_free(code_cues *c);
/* Bit mask (1 << CODE_CUE_*) of the cue kinds whose forms end at token j of
 * tk, with all their tokens at or after lo; start[k] (when start is not NULL)
 * receives the first token of the longest cue of kind k found. */
code_cue_mask code_cues_at(const code_cues *c, const txt_token *tk, uint32_t lo, uint32_t j,
                           uint32_t start[CODE_CUE_KINDS]);
/* May a cue of one of the kinds in mask (1 << CODE_CUE_*) end at a token
 * with hash h? No false negatives: when 0, code_cues_at finds none of
 * those kinds there. */
int code_cues_may_end(const code_cues *c, code_cue_mask mask, uint64_t h);

/* ---- the coder ------------------------------------------------------- */

typedef struct code_coder code_coder;

typedef struct code_opts {
    int all_modalities;   /* keep negated, future, hypothetical and alleged events */
    int statements;       /* keep plain statements (010: "X said ...");
                             with syntax they are left out by default */
    const syn_model *syntax; /* tagger and parser (borrowed; NULL: the
                                word-window rules alone, docs/coder.md) */
} code_opts;

/* A coder over a compiled dictionary set and cue table (both borrowed: they
 * must outlive the coder; the coder itself is read-only while coding, so one
 * coder can serve several threads). Returns 0 or DY_ENOMEM. */
int code_coder_new(const dict_set *ds, const code_cues *cues, const code_opts *o,
                   code_coder **out, dy_err *err);
void code_coder_free(code_coder *c);

/* The syntax trees of one document's sentences, kept so that a second
 * coding of the same analysis (`dyad ingest` codes with the default coder,
 * then with one that keeps every modality) tags and parses nothing the
 * first did. Lives in an arena; every coding given it must be of the same
 * analysis, with coders over the same syntax model. */
typedef struct code_trees code_trees;

/* An empty cache for a document of nsent sentences, in arena a (freed
 * with it). Returns NULL on DY_ENOMEM. */
code_trees *code_trees_new(dy_arena *a, size_t nsent);

/* code_document, reading and filling trees (may be NULL: no cache). */
int code_document_trees(const code_coder *c, const txt_analysis *an, code_trees *trees,
                        dy_arena *a, code_event **out, size_t *nout, dy_err *err);

/* Code one analysed document: find its events. *out is arena-owned, in
 * sentence order. Returns 0 or DY_ENOMEM. */
int code_document(const code_coder *c, const txt_analysis *an, dy_arena *a,
                  code_event **out, size_t *nout, dy_err *err);

#endif
