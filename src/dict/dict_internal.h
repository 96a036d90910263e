/* dict_internal.h - data structures shared by the files of the dict stage.
 * Not part of the public interface: other stages use dict.h only. */
#ifndef DY_DICT_INTERNAL_H
#define DY_DICT_INTERNAL_H

#include "dict/dict.h"

/* One code of an entry with its validity period as yyyymmdd integers;
 * 0 = open on that side. */
typedef struct dict_code {
    char code[32];
    int32_t from, to;
    uint32_t line;
} dict_code;

struct dict_entry {
    int kind;              /* dict_kind */
    const char *name;      /* canonical name (set arena) */
    const char *ref;       /* "file:line" (set arena) */
    uint32_t file, line;
    dict_code *codes;      /* set arena */
    uint32_t ncodes;
    char role[8];          /* agents: role code */
    uint8_t generic;       /* agents: a role noun that names no office
                              ("leader"): a person's own role code stays */
    uint8_t nprefix;       /* agents: words (token hashes in prefix) that
                              before another agent of a state make the
                              mention this agent ("former police chief"
                              is ELI) */
    uint64_t prefix[4];
    char people[32];       /* states: the code of the people ("Palestinian
                              refugees" PALREF) when it differs from the
                              state's (PSE); "" when the same */
    uint32_t index;        /* position in the set (definition order) */
};

enum { DICT_FORM_NAME = 0, DICT_FORM_ADJ, DICT_FORM_SEAT, DICT_FORM_PLACE };

typedef struct dict_form {
    dict_entry *entry;
    const char *text;      /* as written (set arena) */
    uint32_t line;
    uint8_t type;          /* DICT_FORM_* */
} dict_form;

/* Trie terminal: a form that ends at a trie node. */
typedef struct dict_term {
    uint32_t form;         /* index into forms */
    uint32_t next;         /* next terminal of the same node, or UINT32_MAX */
    uint32_t cap_mask;     /* form token i must be capitalised */
    uint32_t upper_mask;   /* form token i must be all capitals */
    uint8_t ntok;
} dict_term;

typedef struct dict_edge {
    uint64_t tok;          /* token hash */
    uint32_t parent;       /* node id; UINT32_MAX marks an empty slot */
    uint32_t child;
} dict_edge;

/* ---- the compiled verb and noun index --------------------------------- */

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

struct dict_pattern {
    char code[8];            /* CAMEO code or "---" (no event) */
    const dict_pelem *el;
    uint32_t nel;
    uint32_t verb;           /* index of the '*' element */
    const char *ref;         /* "file:line" */
    const char *text;        /* the pattern as written */
    uint32_t order;          /* definition order, for ties */
    int key_dir;             /* where its key element is: 1 after '*', -1
                                before, 0 none (see dict_vlex keys) */
    int32_t key_el;          /* index of the key element, -1 none */
};

/* Index of a lexeme's patterns by the first token of a required word
 * element (the "key"): only patterns whose key occurs in the sentence can
 * match, which spares trying every pattern of words like "reject". */
typedef struct dict_pkey {
    uint64_t h;
    uint32_t off, n;         /* range in keyidx; n == 0 marks an empty slot */
} dict_pkey;

/* A lexeme: the public part plus its patterns and their key index. The
 * arrays are filled while loading (growable) and by dict_compile_verbs. */
typedef struct dict_vlex {
    dict_lexeme pub;           /* first: a dict_lexeme * of the set is a
                                  dict_vlex * */
    dict_pattern **pats;       /* heap array, set-owned */
    size_t npats, cap;
    const char **forms;        /* irregular forms (set arena), heap array */
    size_t nforms, capforms;
    uint32_t *generic;         /* patterns with no key: always tried */
    uint32_t ngeneric;
    dict_pkey *keys;           /* open addressing, keycap slots */
    uint32_t keycap;
    uint32_t *keyidx;          /* pattern indices per key */
    uint64_t *keybits;         /* bit filter over the key hashes, sized to
                                  the keys (about 16 bits each) so that
                                  most words that are no key are told apart
                                  without a probe of the key table */
    uint32_t keyshift;         /* 64 - log2(number of bits) */
    /* How far from the word its patterns' keys can lie, in tokens that are
     * not hyphens: after it and before it. DICT_KEY_FAR when an actor
     * stands between a key and the word (no bound: the matcher then uses
     * its fixed window). */
    uint8_t key_after, key_before;
} dict_vlex;

#define DICT_KEY_FAR 255

/* In dict_lexeme_keyed's indices: the pattern's key lies before its word
 * (the low bits are the pattern's index in pats). Kept in the index so
 * that the matcher need not load a pattern to learn it. */
#define DICT_KEY_BEFORE 0x80000000u
/* Bits 24-30 of an index: how far (in non-hyphen tokens, key token
 * included) the key can lie from the word for this pattern;
 * DICT_KEY_REACH_FAR when there is no bound. Bits 0-23: the index. */
#define DICT_KEY_REACH(x) (((x) >> 24) & 0x7Fu)
#define DICT_KEY_REACH_FAR 0x7Fu
#define DICT_KEY_INDEX(x) ((x) & 0xFFFFFFu)

/* The lexeme behind a dict_lexeme of a set (its first member). */
static inline const dict_vlex *dict_vlex_of(const dict_lexeme *lx)
{
    return (const dict_vlex *)(const void *)lx;
}

/* May token hash h be a key of lx? No false negatives; about 1 in 16 false
 * positives. */
static inline int dict_lexeme_may_key(const dict_vlex *lx, uint64_t h)
{
    uint64_t b = (h * 0x9E3779B97F4A7C15ull) >> lx->keyshift;
    return (int)((lx->keybits[b >> 6] >> (b & 63u)) & 1u);
}

/* Patterns of lx whose key is token hash h: *idx (borrowed) holds their
 * indices in lx->pats (DICT_KEY_INDEX) with the key's reach
 * (DICT_KEY_REACH), each or-ed with DICT_KEY_BEFORE when the key lies
 * before the word. Returns the count. */
size_t dict_lexeme_keyed(const dict_vlex *lx, uint64_t h, const uint32_t **idx);

/* A word form of a lexeme, as the word table keeps it. */
typedef struct dict_wordform {
    const dict_lexeme *lx;
    uint32_t form;      /* DICT_WF_* */
} dict_wordform;

/* Lexemes a token (by txt_hash of its norm) can be a form of. *out is
 * borrowed from the set; returns the count (0 when none). */
size_t dict_word_lookup(const dict_set *ds, uint64_t hash, const dict_wordform **out);

typedef struct dict_wslot {
    uint64_t h;
    uint32_t off, n;           /* range in wfs; n == 0 marks an empty slot */
} dict_wslot;

struct dict_set {
    dy_arena *arena;       /* strings, entries, codes */
    char **files;          /* file names (set arena) */
    size_t nfiles, capfiles;
    dict_entry **entries;
    size_t nentries, capentries;
    dict_form *forms;
    size_t nforms, capforms;
    /* compiled matcher */
    uint32_t *node_term;   /* first terminal of node, UINT32_MAX if none */
    size_t nnodes, capnodes;
    dict_term *terms;
    size_t nterms, capterms;
    dict_edge *edges;      /* open addressing */
    size_t edge_cap, nedges;
    /* Filters in front of the trie (match.c, filter_set): most tokens begin
     * no form, and each probe they are spared is a likely cache miss. */
    uint64_t root_filter[1024]; /* one-token forms, by their token */
    uint64_t low_filter[1024];  /* ... those of them that may be written
                                   in lower case ("police"): the filter for
                                   lower-case tokens, which spares "is" (a
                                   form only as "IS") its probe */
    uint64_t pair_filter[1024]; /* longer forms, by their first two tokens:
                                   "foreign" alone passes no filter, only
                                   "foreign minister" does */
    const dict_entry *prefixed[4]; /* agents with prefix words */
    size_t nprefixed;
    uint64_t in_hash, from_hash, for_hash;
    uint64_t the_hash, of_hash, and_hash, s_hash, comma_hash, amp_hash;
    uint64_t semi_hash, colon_hash; /* ';' and ':' end a pattern's reach */
    uint64_t poss_hash[4];          /* its, their, his, her */
    int compiled;
    const char *ref_base;  /* the directory dict_load_dir is loading, or NULL */
    /* Findings of loading that are no syntax error (a second `code` line, an
     * entry defined twice in one file, invalid UTF-8): dict_check reports
     * them. Strings in the set arena. */
    struct dict_note {
        const char *file;
        long line;
        const char *msg;
    } *notes;
    size_t nnotes, capnotes;
    /* verbs and nouns */
    dict_vlex **lex;
    size_t nlex, caplex;
    size_t npatterns;
    dict_wordform *wfs;
    size_t nwfs;
    dict_wslot *wtab;
    size_t wcap;
    uint64_t word_filter[1024]; /* two bits of the mixed hash (verbs.c) per
                                   word form of some lexeme */
};

/* Regular plural of a lower-case noun into out (cap bytes); returns its
 * length, 0 when none is made. */
size_t dict_plural(const char *w, size_t n, char *out, size_t cap);
/* Compile the verb lookup table (called by dict_compile). */
int dict_compile_verbs(dict_set *ds);
/* Release verb storage (called by dict_set_free). */
void dict_free_verbs(dict_set *ds);

/* Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" into yyyymmdd; as the start (end)
 * of a period when !is_end (is_end). Returns 0 or -1. */
int dict_parse_pdate(const char *s, size_t n, int is_end, int32_t *out);
/* txt_date to yyyymmdd (first day); 0 when unknown. */
int32_t dict_date_key(const txt_date *d);
/* The code of e valid at key (0 = unknown date), per docs/dictionaries.md. */
const char *dict_entry_code_at(const dict_entry *e, int32_t key, char out[32]);
/* out = a (then b, when not NULL), truncated to 31 bytes. The hot path
 * builds codes with these instead of snprintf. */
void dict_code_cat(char out[32], const char *a, const char *b);
/* out = the first three bytes of country, then role. */
void dict_code_cat3(char out[32], const char *country, const char *role);
/* Call fn for each line of text[0..len) (CR dropped, NUL-terminated copy,
 * borrowed for the call), counting lines in *lineno (for messages). Stops at
 * fn's first non-zero result and returns it; a NUL byte gives DY_EPARSE
 * (err: file:line). */
int dict_each_line(const char *file, const char *text, size_t len, long *lineno,
                   int (*fn)(void *ud, char *line, size_t n), void *ud, dy_err *err);
/* Split a dictionary line s[0..n) into its keyword and argument, after
 * dropping a comment ('#' at the start or after white space) and trailing
 * blanks. Returns 0 for a blank or comment-only line. */
int dict_split_line(const char *s, size_t n, const char **kw, size_t *kn, const char **arg,
                    size_t *an);
/* Keep a finding for dict_check: file (copied), line, and a message made
 * like printf. Returns 0 or DY_ENOMEM. */
int dict_note(dict_set *ds, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Note the first invalid UTF-8 sequence of text[0..len) of file, with its
 * line. Returns 0 or DY_ENOMEM. */
int dict_note_utf8(dict_set *ds, const char *file, const char *text, size_t len);
/* Write "file:line" into out (cap bytes, truncating the file name);
 * returns the length. */
int dict_make_ref(char *out, size_t cap, const char *file, long line);
/* The name of a dictionary file as explanations show and stores keep it:
 * relative to the directory dict_load_dir is loading ("verbs/04_consult.txt"),
 * else the path as given when relative, else its last component; never an
 * absolute path of the machine that loaded it. A suffix of file. */
const char *dict_ref_name(const dict_set *ds, const char *file);
/* Add to the mentions *msp[0..*np) of analysis an (ordered, compound lists
 * not yet linked) the later mentions of persons by surname alone
 * (surname.c): each takes the identity of the full mention that
 * introduced the surname, and DICT_M_ALIAS. *msp may be replaced by a
 * longer array from arena a. Returns 0 or DY_ENOMEM. */
int dict_link_surnames(const dict_set *ds, const txt_analysis *an, dict_mention **msp, size_t *np,
                       dy_arena *a);
#endif
