/* dict.h - public interface of the dict stage: dictionaries of actors,
 * agents and verb patterns, compiled once, and the actor matcher.
 *
 * Dictionary files are text (docs/dictionaries.md). Loading compiles them into
 * an immutable dict_set that can be shared read-only by threads. Every entry
 * keeps its file and line for --explain and `dyad dict check`.
 */
#ifndef DY_DICT_H
#define DY_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "text/text.h"

typedef struct dict_set dict_set;

typedef enum {
    DICT_STATE = 0,
    DICT_ORG,
    DICT_GROUP,
    DICT_PERSON,
    DICT_AGENT
} dict_kind;

/* "state", "org", ...; static string. */
const char *dict_kind_name(int k);

/* Called for problems that do not stop loading (dict check findings). */
typedef void (*dict_report_fn)(void *ud, const dy_err *e);

/* New empty set; NULL when out of memory. Caller owns it (dict_set_free). */
dict_set *dict_set_new(void);
void dict_set_free(dict_set *ds);

/* Load the actor files (*.txt) of dir/actors (or of dir itself when it has
 * no actors/ folder) into ds. Stops at the first syntax error (err: file:line).
 * Returns 0, DY_EIO, DY_EPARSE or DY_ENOMEM. */
int dict_load_dir(dict_set *ds, const char *dir, dy_err *err);
/* Load one actor dictionary file. Same returns as dict_load_dir. */
int dict_load_file(dict_set *ds, const char *path, dy_err *err);
/* Load actor entries from a string (tests, importers); name is used as the
 * file name in references. */
int dict_load_string(dict_set *ds, const char *name, const char *text, size_t len,
                     dy_err *err);
/* Compile the loaded entries into the matcher. Must be called after the last
 * load and before dict_match. Returns 0 or DY_ENOMEM. */
int dict_compile(dict_set *ds, dy_err *err);

/* Semantic checks over a loaded set (overlapping or inverted periods, unknown
 * role codes, forms with conflicting codes, bad codes). Each finding goes to
 * report; returns the number of findings. */
long dict_check(const dict_set *ds, dict_report_fn report, void *ud);

/* 1 when role (NUL-terminated) is a role code of the CAMEO 1.1b3 actor
 * codebook (GOV, MIL, CVL, ..., also the IGO and NGO prefixes), else 0. */
int dict_role_known(const char *role);

/* Counts for reports and benchmarks. */
size_t dict_entry_count(const dict_set *ds);
size_t dict_form_count(const dict_set *ds);

/* ---- mentions -------------------------------------------------------- */

enum {
    DICT_M_ADJ = 1u << 0,        /* an adjective/demonym ("Russian") */
    DICT_M_SEAT = 1u << 1,       /* a capital or seat used as metonym */
    DICT_M_AGENT = 1u << 2,      /* includes an agent ("foreign minister") */
    DICT_M_POSSESSIVE = 1u << 3, /* followed by 's */
    DICT_M_BARE_AGENT = 1u << 4, /* an agent with no country */
    DICT_M_PERSON = 1u << 5,     /* names a person */
    DICT_M_INFERRED = 1u << 6,   /* an agent whose country was taken from the
                                    nearest state mention of the sentence */
    DICT_M_PLACE = 1u << 7,      /* a seat after "in", or a locality: a place
                                    in the country that lends it to role nouns */
    DICT_M_LOCALITY = 1u << 8,   /* a city or region that is not a seat
                                    ("Tel Aviv", "Siberia"): codes as the
                                    country, never acts on its own */
    DICT_M_DEMONYM = 1u << 9,    /* written as an adjective form ("Kenyan"),
                                    whether or not it was read as one */
    DICT_M_HOME = 1u << 10,      /* an inferred agent whose country is the
                                    document's home, not a mention's */
    DICT_M_ALIAS = 1u << 11      /* a person by surname alone, with the
                                    identity of the story's earlier full
                                    mention ("Mitsotakis" after "Greek Prime
                                    Minister Kyriakos Mitsotakis") */
};

typedef struct dict_entry dict_entry;

typedef struct dict_mention {
    uint32_t sent;               /* sentence index */
    uint32_t tok_begin, tok_end; /* tokens [begin, end) */
    uint32_t start, end;         /* bytes [start, end) */
    const dict_entry *entry;     /* the named actor (NULL for a bare agent) */
    const dict_entry *agent;     /* the agent combined with it, or NULL */
    const dict_entry *adj_entry; /* the state named before a title and a
                                    person ("Israeli PM Ehud Barak"), or NULL */
    char code[32];               /* resolved for the date given to dict_match */
    int32_t list;                /* index of the first member of its compound
                                    list ("Russia and China"), or -1 */
    uint32_t flags;              /* DICT_M_* */
} dict_mention;

/* Find the actor mentions of every sentence of an analysed document; codes
 * are resolved for date (may be NULL or prec NONE: the most recent code).
 * *out is arena-owned, ordered by position, non-overlapping. Returns 0 or
 * DY_ENOMEM. */
int dict_match(const dict_set *ds, const txt_analysis *an, const txt_date *date,
               dy_arena *a, dict_mention **out, size_t *nout, dy_err *err);
/* Resolve a mention's code for another date (an event's date) into out.
 * Returns the length written. */
size_t dict_mention_code(const dict_mention *m, const txt_date *date, char out[32]);
/* "file:line" of an entry; borrowed from the set. */
const char *dict_entry_ref(const dict_entry *e);
/* Canonical name and kind of an entry. */
const char *dict_entry_name(const dict_entry *e);
int dict_entry_kind(const dict_entry *e);

/* Capitalised token runs of a sentence that no dictionary entry covers
 * (unknown named entities), as token ranges into an->toks. *out is
 * arena-owned pairs [begin, end). Returns 0 or DY_ENOMEM. */
int dict_unknown_names(const dict_set *ds, const txt_analysis *an, uint32_t sent,
                       const dict_mention *ms, size_t nm, dy_arena *a,
                       uint32_t (**out)[2], size_t *nout);

/* ---- verb and noun patterns (data/verbs) ------------------------------ */

/* A pattern of a verb or noun entry ("* + FOR AID" with its code). Its
 * elements, filters and key are dict's own (dict_internal.h): the coder
 * matches patterns with dict_match_word and reads only what follows. */
typedef struct dict_pattern dict_pattern;

/* CAMEO code of p, or "---" (no event); borrowed from the set. */
const char *dict_pattern_code(const dict_pattern *p);
/* "file:line" of p; borrowed from the set. */
const char *dict_pattern_ref(const dict_pattern *p);
/* The pattern as written; borrowed from the set. */
const char *dict_pattern_text(const dict_pattern *p);
/* 1 when p requires words besides its event word and its slots ("arrived
 * in +"), else 0 (also for NULL). */
int dict_pattern_worded(const dict_pattern *p);

enum { DICT_LX_VERB = 0, DICT_LX_NOUN };

/* A verb or noun entry; entries of the same lemma and kind from several
 * files are merged into one lexeme. These fields are what a lexeme says;
 * its patterns and their key index are dict's own (dict_internal.h). */
typedef struct dict_lexeme {
    const char *lemma;
    int kind;                   /* DICT_LX_* */
    int speech;                 /* reports speech */
    char code[8];               /* default code, "" when none */
    const char *code_ref;       /* "file:line" of the code line */
} dict_lexeme;

/* Patterns of lx, in definition order (dict check): the count, and
 * pattern i (borrowed), NULL when i is out of range. */
size_t dict_lexeme_pattern_count(const dict_lexeme *lx);
const dict_pattern *dict_lexeme_pattern(const dict_lexeme *lx, size_t i);

enum {
    DICT_WF_BASE = 0,   /* visit; singular noun */
    DICT_WF_S,          /* visits; plural noun */
    DICT_WF_PAST,       /* visited (past or participle) */
    DICT_WF_ING         /* visiting */
};

/* Is the token with this hash (txt_hash of its norm) a form of some verb
 * or noun entry? 1 or 0. */
int dict_word_known(const dict_set *ds, uint64_t hash);
/* Is it a form of a verb entry that reports speech ("said")? 1 or 0. */
int dict_word_speech_verb(const dict_set *ds, uint64_t hash);

/* A sentence as dict_match_word sees it. Every array is borrowed from the
 * caller and must stay valid (its contents may change) between calls. */
typedef struct dict_sentence {
    const txt_token *tk;          /* the document's tokens */
    uint32_t tb, te;              /* the sentence: tokens [tb, te) */
    const dict_mention *ms;       /* the sentence's mentions */
    const int32_t *mstart;        /* [t - tb]: index in ms of the mention
                                     that begins at token t, else -1 */
    const int32_t *mend;          /* [t - tb]: ... that ends at t (also the
                                     token before a possessive 's), else -1 */
    const uint8_t *attr;          /* [i]: mention i speaks a trailing
                                     attribution (", officials said"): it
                                     fills no slot after the word */
    const uint32_t *nh;           /* [i]: tokens of tb .. tb+i-1 that are
                                     not hyphens, i = 0 .. te - tb */
} dict_sentence;

/* A reading of a word: a lexeme with its best pattern. */
typedef struct dict_hit {
    const dict_lexeme *lx;
    const dict_pattern *p;        /* NULL: the lexeme's default code */
    uint32_t form;                /* DICT_WF_* of the word */
    int score;                    /* matched elements, the word included
                                     (1 for a default code) */
    int32_t src, tgt;             /* mentions (indices in ms) in the '$' and
                                     '+' slots, or -1 */
    uint32_t lo, hi;              /* tokens covered by the word and its
                                     matched word elements (slots aside) */
} dict_hit;

/* Match the patterns of every entry that token v of s is a form of: the
 * most matched elements win, then the earlier pattern; an entry with no
 * matching pattern reads with its default code when it has one and no
 * entry of its kind matched. force: -1 any kind, else only entries of that
 * kind (DICT_LX_*). Fills hit[DICT_LX_VERB] and hit[DICT_LX_NOUN] and
 * returns the mask of the kinds filled (1u << kind); 0 when none. */
unsigned dict_match_word(const dict_set *ds, const dict_sentence *s, uint32_t v, int force,
                         dict_hit hit[2]);
/* Counts for reports. */
size_t dict_lexeme_count(const dict_set *ds);
/* Lexeme i (0 .. dict_lexeme_count - 1) of the set (borrowed), else NULL. */
const dict_lexeme *dict_lexeme_at(const dict_set *ds, size_t i);
size_t dict_pattern_count(const dict_set *ds);

/* Load one verb dictionary file (or a string) into ds; see
 * docs/dictionaries.md. Returns 0, DY_EIO, DY_EPARSE (err: file:line) or
 * DY_ENOMEM. dict_load_dir loads the files of dir/verbs with this. */
int dict_load_verbs_file(dict_set *ds, const char *path, dy_err *err);
int dict_load_verbs_string(dict_set *ds, const char *name, const char *text, size_t len,
                           dy_err *err);

/* ---- display names (names.c) ------------------------------------------ */

/* Display names of actor codes, read from the actor dictionaries: each
 * code gets the canonical name of the entry that holds it (states before
 * organisations before groups, an entry holding the code today before one
 * that held it in the past); a country with role codes is named by its
 * parts ("RUSGOV" -> "Russia: government"), an organisation part without
 * an entry by its sector ("IGOBUS" -> "IGO: business"). One naming rule
 * for every stage that writes events: the coder's output, the store's
 * queries, the model and the exports. */
typedef struct dict_names dict_names;

/* Read the *.txt files of dirs[i]/actors (or of dirs[i] itself when it has
 * no actors/ folder) for each of the n directories; a code named in several
 * keeps the best-ranked name (the first directory's on a tie). Returns 0,
 * DY_EIO, DY_EPARSE or DY_ENOMEM; *out is the caller's (dict_names_free). */
int dict_names_load(const char *const *dirs, size_t n, dict_names **out, dy_err *err);
void dict_names_free(dict_names *t);
/* The display name of code, written into out (n bytes, truncated);
 * returns out. t may be NULL; an unknown code is its own name. */
const char *dict_names_get(const dict_names *t, const char *code, char *out, size_t n);

/* ---- importers (src/dict/import_*.c) ---------------------------------- */

typedef struct dict_import_stats {
    long entries;    /* entries read */
    long converted;  /* entries written in dyad's format */
    long failed;     /* entries that could not be converted (each reported) */
    long forms;      /* surface forms or patterns written */
} dict_import_stats;

/* Convert one third-party dictionary file into dyad's format. format is
 * "petrarch" (PETRARCH2/Phoenix) or "tabari"; the kind of file (actors,
 * agents, verbs) is detected from its content. The result is written to
 * outdir/actors/NAME.txt or outdir/verbs/NAME.txt (NAME from the input file
 * name; directories are created). Every entry that cannot be converted is
 * reported through report with file:line and the reason. Adds to *st.
 * Returns 0, DY_EIO, DY_EPARSE, DY_EINVAL (unknown format) or DY_ENOMEM. */
int dict_import_file(const char *format, const char *path, const char *outdir,
                     dict_report_fn report, void *ud, dict_import_stats *st, dy_err *err);

#endif
