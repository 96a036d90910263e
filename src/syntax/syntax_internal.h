/* syntax_internal.h - the syntax stage's private structures: the weight
 * tables, the parser's transition state and the feature extractors. Only
 * src/syntax/ and its unit tests include this header.
 */
#ifndef DY_SYNTAX_INTERNAL_H
#define DY_SYNTAX_INTERNAL_H

#include "syntax/syntax.h"

#include <assert.h>
#include <stdint.h>

/* Model file format version (docs/syntax.md); bump on any layout change. */
#define SYN_FORMAT_VERSION 2u
#define SYN_MAGIC "DYADSYN\n"

/* At most this many fine tags (they are stored in a uint8_t). */
#define SYN_MAX_TAGS 200
/* Pseudo tags of feature slots that hold no token or the root. */
#define SYN_TAG_NONE 254u
#define SYN_TAG_ROOT 255u

/* ---- feature hashing ---------------------------------------------- */

/* The key of template t over values a, b, c (0 is never a key): one
 * multiply-xorshift round over the values, rotated apart so that (a, b)
 * and (b, a) differ. Keys are 64-bit and stored whole, so two features
 * collide only when their keys do. */
static inline uint64_t syn_key(uint32_t t, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t h = ((uint64_t)t * 0xD6E8FEB86659FD93ull) ^ a;
    h = (h ^ (b << 21 | b >> 43)) * 0x9E3779B97F4A7C15ull;
    h = (h ^ (c << 42 | c >> 22) ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return h ? h : 1;
}

/* ---- weights ------------------------------------------------------- */

/* A linear classifier over hashed features, as loaded: an open-addressing
 * table from feature key to a row of (class, weight) pairs that holds only
 * the classes the feature has a weight for. Weights are integers (the
 * trained averages times a scale), so that scores are exact sums. A slot
 * and a pair are one cache line access each: scoring is bound by memory,
 * and scoring issues every feature's access before it waits for any. */
typedef struct syn_wslot {
    uint32_t fp;          /* the key's high half, top bit set; 0 = empty */
    uint32_t rowlen;      /* first pair << 8 | pairs; pairs 0: a dense row,
                             whose index in dense is rowlen >> 8 */
} syn_wslot;

/* A key's fingerprint: with the slot's position (the key's low bits) it
 * tells keys apart to 1 in 2^50. */
static inline uint32_t syn_fp(uint64_t key) { return (uint32_t)(key >> 32) | 0x80000000u; }

typedef struct syn_wpair {
    int16_t w;
    uint8_t cls;
    uint8_t pad;
} syn_wpair;

typedef struct syn_weights {
    uint32_t nclass;
    uint32_t nfeat;
    uint32_t mask;        /* slots - 1 (slots a power of two) */
    syn_wslot *slots;
    uint64_t *keys;       /* whole keys by slot, kept only when training
                             (the model file stores them) */
    syn_wpair *pairs;
    size_t npairs;
    /* Features with weights for many classes (the frequent ones, which
     * fire in nearly every configuration) keep a dense row of nclass
     * weights instead: one vectorised add instead of a scattered one per
     * class. */
    int16_t *dense;
    uint32_t ndense;
} syn_weights;

/* Turn the rows of more than nclass/4 pairs into dense rows. Returns 0 or
 * DY_ENOMEM. */
int syn_weights_densify(syn_weights *w);

/* Empty tables for nfeat features and npairs pairs (at most 2^24), with
 * whole keys when keep_keys. Returns 0 or DY_ENOMEM. */
int syn_weights_alloc(syn_weights *w, uint32_t nclass, size_t nfeat, size_t npairs,
                      int keep_keys);
/* Add feature key with pairs [row, row + len) (already in w->pairs).
 * Returns 0, or -1 when the key is there already. */
int syn_weights_insert(syn_weights *w, uint64_t key, uint32_t row, uint32_t len);
/* Add the weights of features f[0..nf) to scores[0..nclass). */
void syn_weights_score(const syn_weights *w, const uint64_t *f, size_t nf, int32_t *scores);
void syn_weights_free(syn_weights *w);

/* ---- the word-class lexicon (lexicon.c) ------------------------------ */

enum {
    SYN_LEX_N = 1u << 0,   /* noun */
    SYN_LEX_NS = 1u << 1,  /* plural noun */
    SYN_LEX_V = 1u << 2,   /* verb, base form */
    SYN_LEX_VZ = 1u << 3,  /* verb, -s */
    SYN_LEX_VD = 1u << 4,  /* verb, past or participle */
    SYN_LEX_VG = 1u << 5,  /* verb, -ing */
    SYN_LEX_A = 1u << 6,   /* adjective */
    SYN_LEX_R = 1u << 7,   /* adverb */
    SYN_LEX_KNOWN = 1u << 8 /* frequent in the treebanks: its identity is a
                               feature; rarer words are known by their
                               affixes, shape and classes only */
};
/* Occurrences in the training treebanks that make a word SYN_LEX_KNOWN. */
#define SYN_KNOWN_MIN 3

/* Word form (txt_hash of its normal form) -> SYN_LEX_* bits. */
typedef struct syn_lexicon {
    uint64_t *keys;        /* open addressing, 0 = empty */
    uint16_t *cls;
    uint32_t mask, n;
} syn_lexicon;

uint16_t syn_lexicon_get(const syn_lexicon *x, uint64_t h);
/* Or cls into the classes of form hash h. Returns 0 or DY_ENOMEM. */
int syn_lexicon_add(syn_lexicon *x, uint64_t h, uint16_t cls);
void syn_lexicon_free(syn_lexicon *x);
/* Size an empty lexicon for n entries (no growth while they are added).
 * Returns 0 or DY_ENOMEM. */
int syn_lexicon_reserve(syn_lexicon *x, uint32_t n);
/* Build the lexicon from the WordNet 3.0 database files in dir (index.*,
 * *.exc). Returns 0, DY_EIO or DY_ENOMEM. */
int syn_lexicon_from_wordnet(const char *dir, syn_lexicon *x, dy_err *err);

/* ---- the model ---------------------------------------------------- */

struct syn_model {
    uint32_t ntags;
    const char *tag_name[SYN_MAX_TAGS]; /* XPOS part ("NNP") */
    char tag_store[SYN_MAX_TAGS][16];
    uint8_t tag_upos[SYN_MAX_TAGS];
    uint8_t tag_xpos[SYN_MAX_TAGS];
    uint8_t punct_tag;            /* a tag for punctuation (training pieces) */
    uint8_t vbd_tag;              /* VERB VBD (syn_finite_fix), 0 when none */
    syn_lexicon lex;
    syn_weights tagger;           /* first pass, left to right: classes tags */
    syn_weights tagger2;          /* second pass, sees the first's tags */
    syn_weights parser;           /* classes: transitions (syn_move) */
    size_t bytes;
};

/* The model's joint tags are "UPOS XPOS" pairs; these map between tag ids
 * and names. Returns the tag id of a pair or -1. */
int syn_model_tag_find(const syn_model *m, int upos, const char *xpos);
/* Penn tag name -> syn_xpos. */
int syn_xpos_of(const char *xpos);

/* ---- words --------------------------------------------------------- */

/* What the features need of a token, computed once per sentence. */
typedef struct syn_word {
    uint64_t w;        /* hash of the normalised form */
    uint64_t shape;    /* hash of the word shape ("Xx", "d,d", "X.X.") */
    uint64_t pre[3];   /* prefixes of 1..3 bytes (0: word too short) */
    uint64_t suf[4];   /* suffixes of 1..4 bytes */
    uint32_t flags;    /* TXT_TOK_* plus SYN_W_* below */
    uint16_t lex;      /* SYN_LEX_* classes of the word */
} syn_word;

enum {
    SYN_W_DIGIT = 1u << 24,   /* contains a digit */
    SYN_W_FIRST = 1u << 25,   /* first token of the sentence */
    SYN_W_HYPH_NEXT = 1u << 26 /* a joining hyphen follows */
};

/* lex may be NULL (no lexicon classes). */
void syn_words_prepare(const syn_lexicon *lex, const txt_token *toks, size_t n, syn_word *out);

/* ---- tagger -------------------------------------------------------- */

#define SYN_TAG_MAX_FEATS 56
/* Features of token i given the tags of tokens before it (tags[0..i)) and,
 * in the second pass, the first pass's tags of the whole sentence (first;
 * NULL in the first pass); m gives the tag set (the weights are not read).
 * Returns the count written to f. */
size_t syn_tag_features(const struct syn_model *m, const syn_word *w, size_t n, size_t i,
                        const uint8_t *tags, const uint8_t *first, uint64_t *f);

/* Every sentence has a finite verb: when the tags give none, the first
 * past participle (VBN), or past form read as an adjective, with no
 * auxiliary before it is a past tense
 * ("The president visited China": the treebank, web text, has made the
 * tagger fond of participles). */
void syn_finite_fix(const struct syn_model *m, const syn_word *w, uint8_t *tags, uint32_t n);

/* Tag words w[0..n) greedily, left to right, into tags, with the weights
 * of one pass (first: the first pass's tags, or NULL for the first pass). */
void syn_tag_run(const struct syn_model *m, const syn_weights *tagger, const syn_word *w,
                 uint32_t n, const uint8_t *first, uint8_t *tags);

/* ---- parser -------------------------------------------------------- */

/* Transitions: SHIFT, or an arc with a relation, encoded as a class of the
 * parser's classifier: 0 shift, 1 + 2*rel left-arc, 2 + 2*rel right-arc. */
enum { SYN_SHIFT = 0, SYN_LEFT = 1, SYN_RIGHT = 2 };
#define SYN_NMOVES (1 + 2 * SYN_REL_COUNT)
static inline int syn_move_kind(int c) { return c == 0 ? SYN_SHIFT : ((c - 1) & 1) ? SYN_RIGHT : SYN_LEFT; }
static inline int syn_move_rel(int c) { return c == 0 ? -1 : (c - 1) >> 1; }
static inline int syn_move(int kind, int rel) { return kind == SYN_SHIFT ? 0 : 1 + 2 * rel + (kind == SYN_RIGHT); }

/* Arc-hybrid configuration over n tokens; index n is the root, which sits
 * at the bottom of the stack. Arrays have n + 1 entries. */
typedef struct syn_state {
    int n;
    int *stack;
    int sp;            /* stack depth (the root counts) */
    int b;             /* first token of the buffer (n: empty) */
    int *head;         /* -1 until attached */
    uint8_t *rel;
    int *lc1, *lc2, *rc1, *rc2; /* two leftmost / rightmost dependents, -1 */
    uint8_t *nl, *nr;  /* dependents on the left / right (saturating) */
    uint64_t *lset, *rset; /* relations of the left / right dependents */
} syn_state;

/* Allocate a state for n tokens in a and set it to the initial
 * configuration. Returns 0 or DY_ENOMEM. */
int syn_state_init(syn_state *s, int n, dy_arena *a);
int syn_state_terminal(const syn_state *s);
/* Is move c allowed in s? (Single root: the root takes its dependent only
 * when the buffer is empty, and only with the root relation.) */
int syn_move_legal(const syn_state *s, int c);
void syn_state_apply(syn_state *s, int c);

#define SYN_PARSE_MAX_FEATS 128
/* The parser's feature templates (numbered 100 .. 100 + this - 1). */
#define SYN_PARSE_TEMPLATES 108
/* Features of configuration s (words w, tags tags; upos maps tags to
 * syn_upos), every template in template order (training relies on the
 * order). Returns the count. */
size_t syn_parse_features(const syn_state *s, const syn_word *w, const uint8_t *tags,
                          const uint8_t *upos, uint64_t *f);

/* The parser's templates fall in three groups by what they read, so that
 * a parse can sum the weights of a group once and reuse the sum while
 * what the group reads stays the same (syn_parse_score). In the
 * arc-hybrid system a token gets its left dependents only while it is the
 * buffer front, and the stack item s1 gets a right dependent only by
 * popping s0, so: */
enum {
    /* STACK templates read only the words and tags of s0, s1 and s2, the
     * left dependents of s0 and all of s1's, and distance s0 - s1: the
     * same for as long as s0 stays on the stack (the items below it do
     * not change while it is there). */
    SYN_FG_STACK = 1u,
    /* BUFFER templates read only the words and tags of b0..b3: the same
     * until the next SHIFT. */
    SYN_FG_BUFFER = 2u,
    /* REST: everything else (s0 with b0, right dependents of s0, left
     * dependents of b0, distance s0 - b0, ...). */
    SYN_FG_REST = 4u,
    SYN_FG_ALL = 7u
};
/* The features of the templates of groups (SYN_FG_* bits) of
 * configuration s, in template order: the keys syn_parse_features gives
 * for those templates. Returns the count. */
size_t syn_parse_features_of(const syn_state *s, const syn_word *w, const uint8_t *tags,
                             const uint8_t *upos, unsigned groups, uint64_t *f);

/* The sums of the STACK and BUFFER groups' weights during one parse: one
 * row of nclass scores per stack depth (the STACK sum of the token that
 * sits there), and the BUFFER sum of the current buffer front. Memory
 * comes from the parse's arena. */
typedef struct syn_score_cache {
    uint32_t nclass;
    int32_t *stack;        /* (n + 1) rows of nclass */
    int *stack_tok;        /* token whose STACK sum stack row d holds, -2 none */
    int32_t *buffer;       /* nclass: the BUFFER sum at buffer front buffer_b */
    int buffer_b;          /* -1: none yet */
} syn_score_cache;

/* An empty cache for a parse of n tokens with weights w. Returns 0 or
 * DY_ENOMEM. */
int syn_score_cache_init(syn_score_cache *c, const syn_weights *w, int n, dy_arena *a);
/* The scores of configuration s into score[0..nclass): exactly what
 * syn_weights_score gives for syn_parse_features(s) (integer sums, in
 * another order), with fewer lookups. c was initialised for this parse
 * (same words and tags), and s was reached from the initial state by
 * syn_state_apply: a token is pushed at most once, so a stack row's token
 * tells whether its sum is still the one of the token at that depth. */
void syn_parse_score(const syn_weights *wt, const syn_state *s, const syn_word *w,
                     const uint8_t *tags, const uint8_t *upos, syn_score_cache *c,
                     int32_t *score);

/* ---- training helpers (oracle.c) ------------------------------------ */

/* Cost of move c in s against the gold tree (gold_head[i] in 0..n, n =
 * root; gold_rel[i]): the number of gold arcs it makes unreachable
 * (Goldberg & Nivre 2013, arc-hybrid), plus one for a wrong relation on a
 * right head. Exact for projective gold trees. */
int syn_oracle_cost(const syn_state *s, int c, const int *gold_head, const uint8_t *gold_rel);
/* The costs of every move in one go (illegal moves: INT32_MAX). */
void syn_oracle_costs(const syn_state *s, const int *gold_head, const uint8_t *gold_rel,
                      int32_t cost[SYN_NMOVES]);
/* Make a tree projective by lifting non-projective arcs to the head's head,
 * shortest first (Nivre & Nilsson 2005 without label encoding). head[i] in
 * 0..n, n = root. Returns the number of arcs lifted. */
int syn_projectivize(int *head, int n);

#endif
