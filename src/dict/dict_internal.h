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

/* A lexeme while loading: the public part plus growable arrays. */
typedef struct dict_vlex {
    dict_lexeme pub;
    dict_pattern **pats;       /* heap array, set-owned */
    size_t npats, cap;
    const char **forms;        /* irregular forms (set arena), heap array */
    size_t nforms, capforms;
    uint32_t *generic;         /* heap arrays of the key index */
    dict_pkey *keys;
    uint32_t *keyidx;
    uint64_t *keybits;
} dict_vlex;

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
    uint64_t in_hash, from_hash;
    uint64_t the_hash, of_hash, and_hash, s_hash, comma_hash, amp_hash;
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
/* Read a whole dictionary file into *out (caller-owned, dy_free; not
 * NUL-terminated), *outn bytes. Returns 0, DY_EIO or DY_ENOMEM. */
int dict_read_file(const char *path, char **out, size_t *outn, dy_err *err);
#endif
