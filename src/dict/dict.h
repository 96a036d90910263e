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
    DICT_M_LOCALITY = 1u << 8    /* a city or region that is not a seat
                                    ("Tel Aviv", "Siberia"): codes as the
                                    country, never acts on its own */
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

enum {
    DICT_PE_WORDS = 0,  /* one of several word sequences */
    DICT_PE_VERB,       /* the entry's own word: '*' */
    DICT_PE_TARGET,     /* '+' */
    DICT_PE_SOURCE      /* '$' */
};

/* One alternative of a word element: a sequence of token hashes. */
typedef struct dict_alt {
    const uint64_t *tok;
    uint32_t n;
} dict_alt;

typedef struct dict_pelem {
    uint8_t type;       /* DICT_PE_* */
    uint8_t optional;   /* "(...)" */
    uint8_t adjacent;   /* preceded by '_': no gap allowed */
    uint8_t sorted;     /* alts are ordered by their first token's hash (stable
                           otherwise): look them up by binary search */
    uint32_t nalts;
    const dict_alt *alts;
    uint64_t first[4];  /* 256-bit filter of the alternatives' first tokens */
    uint64_t last[4];   /* ... and of their last tokens (backward matching) */
} dict_pelem;

/* Bit of token hash h in a 256-bit filter. The hash is mixed first: the
 * top bits of FNV-1a hardly differ between short tokens, so taken as they
 * are, most of a sentence's words passed every filter. */
#define DICT_FILTER_BIT(h) ((uint32_t)(((h) * 0x9E3779B97F4A7C15ull) >> 56))
#define DICT_FILTER_HAS(f, h) (((f)[DICT_FILTER_BIT(h) >> 6] >> (DICT_FILTER_BIT(h) & 63u)) & 1u)
#define DICT_FILTER_SET(f, h) ((f)[DICT_FILTER_BIT(h) >> 6] |= 1ull << (DICT_FILTER_BIT(h) & 63u))

typedef struct dict_pattern {
    char code[8];            /* CAMEO code or "---" (no event) */
    const dict_pelem *el;
    uint32_t nel;
    uint32_t verb;           /* index of the '*' element */
    const char *ref;         /* "file:line" */
    const char *text;        /* the pattern as written */
    uint32_t order;          /* definition order, for ties */
    int key_dir;             /* where its key element is: 1 after '*', -1
                                before, 0 none (see dict_lexeme keys) */
    int32_t key_el;          /* index of the key element, -1 none */
} dict_pattern;

/* Index of a lexeme's patterns by the first token of a required word
 * element (the "key"): only patterns whose key occurs in the sentence can
 * match, which spares trying every pattern of words like "reject". */
typedef struct dict_pkey {
    uint64_t h;
    uint32_t off, n;         /* range in keyidx; n == 0 marks an empty slot */
} dict_pkey;

enum { DICT_LX_VERB = 0, DICT_LX_NOUN };

/* A verb or noun entry; entries of the same lemma and kind from several
 * files are merged into one lexeme. */
typedef struct dict_lexeme {
    const char *lemma;
    int kind;                   /* DICT_LX_* */
    int speech;                 /* reports speech */
    char code[8];               /* default code, "" when none */
    const char *code_ref;       /* "file:line" of the code line */
    const dict_pattern *const *pats;
    uint32_t npats;
    const uint32_t *generic;    /* patterns with no key: always tried */
    uint32_t ngeneric;
    const dict_pkey *keys;      /* open addressing, keycap slots */
    uint32_t keycap;
    const uint32_t *keyidx;     /* pattern indices per key */
    const uint64_t *keybits;    /* bit filter over the key hashes, sized to
                                   the keys (about 16 bits each) so that
                                   most words that are no key are told apart
                                   without a probe of the key table */
    uint32_t keyshift;          /* 64 - log2(number of bits) */
    /* How far from the word its patterns' keys can lie, in tokens that are
     * not hyphens: after it and before it. DICT_KEY_FAR when an actor
     * stands between a key and the word (no bound: the coder then uses its
     * fixed window). */
    uint8_t key_after, key_before;
} dict_lexeme;

#define DICT_KEY_FAR 255

/* In dict_lexeme_keyed's indices: the pattern's key lies before its word
 * (the low bits are the pattern's index in pats). Kept in the index so
 * that the coder need not load a pattern to learn it. */
#define DICT_KEY_BEFORE 0x80000000u
/* Bits 24-30 of an index: how far (in non-hyphen tokens, key token
 * included) the key can lie from the word for this pattern;
 * DICT_KEY_REACH_FAR when there is no bound. Bits 0-23: the index. */
#define DICT_KEY_REACH(x) (((x) >> 24) & 0x7Fu)
#define DICT_KEY_REACH_FAR 0x7Fu
#define DICT_KEY_INDEX(x) ((x) & 0xFFFFFFu)

/* May token hash h be a key of lx? No false negatives; about 1 in 16 false
 * positives. */
static inline int dict_lexeme_may_key(const dict_lexeme *lx, uint64_t h)
{
    uint64_t b = (h * 0x9E3779B97F4A7C15ull) >> lx->keyshift;
    return (int)((lx->keybits[b >> 6] >> (b & 63u)) & 1u);
}

/* Patterns of lx whose key is token hash h: *idx (borrowed) holds their
 * indices in lx->pats (DICT_KEY_INDEX) with the key's reach
 * (DICT_KEY_REACH), each or-ed with DICT_KEY_BEFORE when the key lies
 * before the word. Returns the count. */
size_t dict_lexeme_keyed(const dict_lexeme *lx, uint64_t h, const uint32_t **idx);

enum {
    DICT_WF_BASE = 0,   /* visit; singular noun */
    DICT_WF_S,          /* visits; plural noun */
    DICT_WF_PAST,       /* visited (past or participle) */
    DICT_WF_ING         /* visiting */
};

typedef struct dict_wordform {
    const dict_lexeme *lx;
    uint32_t form;      /* DICT_WF_* */
} dict_wordform;

/* Lexemes a token (by txt_hash of its norm) can be a form of. *out is
 * borrowed from the set; returns the count (0 when none). */
size_t dict_word_lookup(const dict_set *ds, uint64_t hash, const dict_wordform **out);
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
