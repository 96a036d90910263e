/* syntax.h - public interface of the syntax stage: part-of-speech tags and
 * labelled dependency trees for the tokens of a sentence.
 *
 * The stage sits between the text stage (tokens, sentences) and the coder.
 * It runs a greedy averaged-perceptron tagger and a greedy arc-hybrid
 * transition parser, both trained from Universal Dependencies treebanks
 * (docs/syntax.md). The model is one versioned binary file
 * (data/syntax/en.model); loading checks it and the loaded model is
 * read-only, so one model can serve several threads.
 *
 * Tags are UD universal part-of-speech tags (UPOS) refined by the Penn
 * Treebank tag the treebank gives (XPOS: VBD vs VBN, NNS, ...): the parser
 * and the coder see both. Relations are UD relations with the subtypes the
 * coder needs (nsubj:pass, obl:agent, acl:relcl, ...).
 */
#ifndef DY_SYNTAX_H
#define DY_SYNTAX_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "text/text.h"

/* ---- tags ----------------------------------------------------------- */

typedef enum {
    SYN_X = 0, /* other / unknown */
    SYN_ADJ,
    SYN_ADP,
    SYN_ADV,
    SYN_AUX,
    SYN_CCONJ,
    SYN_DET,
    SYN_INTJ,
    SYN_NOUN,
    SYN_NUM,
    SYN_PART,
    SYN_PRON,
    SYN_PROPN,
    SYN_PUNCT,
    SYN_SCONJ,
    SYN_SYM,
    SYN_VERB,
    SYN_UPOS_COUNT
} syn_upos;

/* "NOUN", "VERB", ...; static string ("X" for out-of-range values). */
const char *syn_upos_name(int upos);
/* The syn_upos of a name ("NOUN"), or -1. */
int syn_upos_lookup(const char *name, size_t n);

/* Penn Treebank refinements the coder reads (SYN_XPOS_OTHER for the rest). */
typedef enum {
    SYN_XPOS_OTHER = 0,
    SYN_XPOS_VB,   /* base form */
    SYN_XPOS_VBD,  /* past tense */
    SYN_XPOS_VBG,  /* gerund or present participle */
    SYN_XPOS_VBN,  /* past participle */
    SYN_XPOS_VBP,  /* present, not 3rd person singular */
    SYN_XPOS_VBZ,  /* present, 3rd person singular */
    SYN_XPOS_MD,   /* modal */
    SYN_XPOS_NNS,  /* plural common noun */
    SYN_XPOS_NNPS, /* plural proper noun */
    SYN_XPOS_POS,  /* possessive 's */
    SYN_XPOS_COUNT
} syn_xpos;

/* ---- relations ------------------------------------------------------ */

#define SYN_RELATIONS(X)                                                         \
    X(DEP, "dep") X(ROOT, "root") X(ACL, "acl") X(ACL_RELCL, "acl:relcl")        \
    X(ADVCL, "advcl") X(ADVMOD, "advmod") X(AMOD, "amod") X(APPOS, "appos")      \
    X(AUX, "aux") X(AUX_PASS, "aux:pass") X(CASE, "case") X(CC, "cc")            \
    X(CC_PRECONJ, "cc:preconj") X(CCOMP, "ccomp") X(COMPOUND, "compound")        \
    X(COMPOUND_PRT, "compound:prt") X(CONJ, "conj") X(COP, "cop")                \
    X(CSUBJ, "csubj") X(CSUBJ_PASS, "csubj:pass") X(DET, "det")                  \
    X(DET_PREDET, "det:predet") X(DISCOURSE, "discourse")                        \
    X(DISLOCATED, "dislocated") X(EXPL, "expl") X(FIXED, "fixed")                \
    X(FLAT, "flat") X(GOESWITH, "goeswith") X(IOBJ, "iobj") X(LIST, "list")      \
    X(MARK, "mark") X(NMOD, "nmod") X(NMOD_POSS, "nmod:poss")                    \
    X(NMOD_UNMARKED, "nmod:unmarked") X(NSUBJ, "nsubj")                          \
    X(NSUBJ_PASS, "nsubj:pass") X(NUMMOD, "nummod") X(OBJ, "obj") X(OBL, "obl")  \
    X(OBL_AGENT, "obl:agent") X(OBL_UNMARKED, "obl:unmarked")                    \
    X(ORPHAN, "orphan") X(PARATAXIS, "parataxis") X(PUNCT, "punct")              \
    X(REPARANDUM, "reparandum") X(VOCATIVE, "vocative") X(XCOMP, "xcomp")

#define SYN_REL_ENUM(id, name) SYN_REL_##id,
typedef enum { SYN_RELATIONS(SYN_REL_ENUM) SYN_REL_COUNT } syn_rel;
#undef SYN_REL_ENUM

/* "nsubj:pass", ...; static string ("dep" for out-of-range values). */
const char *syn_rel_name(int rel);
/* The relation of a UD label: exact when dyad keeps the subtype
 * ("nsubj:pass"), else its universal part ("obl:tmod" -> obl, "nmod:desc"
 * -> nmod); -1 when even that is unknown. */
int syn_rel_lookup(const char *name, size_t n);
/* The universal relation of rel (nsubj:pass -> nsubj), as scored by LAS. */
int syn_rel_universal(int rel);

/* ---- the model ------------------------------------------------------ */

typedef struct syn_model syn_model;

/* Load a model file. *out is caller-owned (syn_model_free). A file that is
 * not a dyad syntax model, of another format version, truncated or
 * inconsistent is DY_EPARSE with the byte offset of the problem. Returns 0,
 * DY_EIO, DY_EPARSE or DY_ENOMEM. */
int syn_model_load(const char *path, syn_model **out, dy_err *err);
/* The same from memory (n bytes at p, not kept); name is used in errors. */
int syn_model_load_mem(const void *p, size_t n, const char *name, syn_model **out,
                       dy_err *err);
void syn_model_free(syn_model *m);
/* Bytes of memory the loaded model holds (for `make bench`). */
size_t syn_model_bytes(const syn_model *m);

/* ---- analysis ------------------------------------------------------- */

/* The analysis of one sentence of n tokens. Token i of the sentence is
 * token tok_begin + i of the document. */
typedef struct syn_tree {
    uint32_t n;
    uint8_t *tag;    /* the model's fine tag per token (syn_tag_name) */
    uint8_t *upos;   /* syn_upos per token */
    uint8_t *xpos;   /* syn_xpos per token */
    int32_t *head;   /* head's index in the sentence, -1 for the root */
    uint8_t *rel;    /* syn_rel of the arc to the head */
} syn_tree;

/* Tag and parse tokens toks[0..n) (one sentence; text is the document text
 * the tokens point into). The arrays of *out are allocated in a. Every
 * token gets a head; exactly one token is the root; the tree has no cycle.
 * n may be 0. Returns 0, DY_ELIMIT (more than SYN_MAX_TOKENS tokens: the
 * caller should not parse such a "sentence") or DY_ENOMEM. */
#define SYN_MAX_TOKENS 1000
int syn_parse(const syn_model *m, const txt_token *toks, size_t n, dy_arena *a,
              syn_tree *out, dy_err *err);

/* Tags only (no tree): out->head and out->rel are NULL. Same returns. */
int syn_tag(const syn_model *m, const txt_token *toks, size_t n, dy_arena *a,
            syn_tree *out, dy_err *err);
/* Parse a sentence syn_tag has tagged (t from syn_tag over toks[0..t->n)):
 * the same tree as syn_parse gives, for callers that look at the tags
 * first and parse only when they need to. Returns 0 or DY_ENOMEM. */
int syn_parse_tagged(const syn_model *m, const txt_token *toks, syn_tree *t, dy_arena *a,
                     dy_err *err);

/* The treebank's fine tag ("VBN", "NNP", ...) of a tree's tag value;
 * model-owned string ("_" when out of range). */
const char *syn_tag_name(const syn_model *m, int tag);

/* A lemma for token tok with tag upos/xpos (nouns and verbs are reduced by
 * the model's lemma table and English inflection rules; other words are
 * their lower-case form). Writes at most cap-1 bytes and a NUL into out;
 * returns the length. */
size_t syn_lemma(const syn_model *m, const txt_token *tok, int upos, int xpos, char *out,
                 size_t cap);

/* ---- training and measuring (train.c, eval.c) ----------------------- */

/* Progress of training, for a front end to print; msg is one line. */
typedef void (*syn_progress_fn)(void *ud, const char *msg);

typedef struct syn_train_opts {
    const char *const *files;  /* CoNLL-U training treebanks */
    size_t nfiles;
    const char *wordnet;       /* WordNet 3.0 dict directory for the tagger's
                                  lexicon (NULL: none) */
    int tagger_iters;          /* passes over the data (0: default 15) */
    int parser_iters;          /* (0: default 20) */
    int folds;                 /* jackknife folds for the parser's tags (0: 5) */
    double explore;            /* dynamic-oracle exploration (<0: default 0.9) */
    int min_updates;           /* parser features updated fewer times are
                                  left out of the model (<0: default 2) */
    uint64_t seed;             /* shuffling and exploration (0: fixed default) */
    syn_progress_fn progress;  /* may be NULL */
    void *ud;
} syn_train_opts;

/* Train a tagger and a parser on the treebanks of o and write the model to
 * out_path. The treebank text is tokenised by dyad's own tokenizer and
 * the gold annotation is carried over to its tokens (docs/syntax.md), so
 * the model sees at run time what it saw in training. Deterministic: the
 * same files and options give the same bytes. Returns 0, DY_EIO, DY_EPARSE
 * (a malformed treebank line: err has file:line) or DY_ENOMEM. */
int syn_train(const syn_train_opts *o, const char *out_path, dy_err *err);

/* Accuracy over a CoNLL-U file: its gold words are tagged and parsed (with
 * predicted tags); counts include punctuation; las compares universal
 * relations (CoNLL 2018 shared task). */
typedef struct syn_eval_result {
    long sentences, tokens;
    long upos, xpos, uas, las; /* correct tokens (xpos: the treebank's fine tag) */
} syn_eval_result;

/* Tag and parse every sentence of the CoNLL-U file at path with m and count
 * agreements with its gold annotation. Returns 0, DY_EIO, DY_EPARSE (err:
 * file:line) or DY_ENOMEM. */
int syn_eval_conllu(const syn_model *m, const char *path, syn_eval_result *r, dy_err *err);

#endif
