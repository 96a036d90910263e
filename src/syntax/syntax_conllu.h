/* syntax_conllu.h - treebank sentences for training and measuring (private
 * to src/syntax/ and its tests). */
#ifndef DY_SYNTAX_CONLLU_H
#define DY_SYNTAX_CONLLU_H

#include "syntax/syntax_internal.h"

/* One word of a treebank sentence. */
typedef struct syn_cword {
    const char *form;
    const char *xpos;
    int upos;              /* syn_upos */
    int head;              /* 0-based word index, -1 for the root */
    int rel;               /* syn_rel (subtypes dyad does not keep are folded) */
    uint32_t start, end;   /* bytes of the word in the sentence text */
} syn_cword;

typedef struct syn_csent {
    const char *text;
    size_t len;
    syn_cword *w;
    size_t n;
    long line;             /* line of the sentence in its file */
} syn_csent;

/* Read every sentence of a CoNLL-U file into a (everything arena-owned).
 * Returns 0, DY_EIO, DY_EPARSE (err: file:line, what was expected) or
 * DY_ENOMEM. */
int syn_conllu_read(const char *path, dy_arena *a, syn_csent **out, size_t *nout, dy_err *err);

/* A treebank sentence as dyad tokens with the gold annotation carried over:
 * tag (the model's tag ids), head (token index, n for the root) and rel per
 * token. */
typedef struct syn_gold {
    const char *text;
    txt_token *toks;
    size_t n;
    uint8_t *tag;
    int *head;
    uint8_t *rel;
} syn_gold;

/* Tokenise s's text with dyad's tokenizer and carry the words' annotation
 * over to the tokens (tags from m's tag set, which must hold every tag of
 * s). A token that spans several words takes the annotation of the one
 * highest in the tree; a word split into several tokens is headed by its
 * last token that is not a hyphen, the others attached to it (compound,
 * or punct for hyphens). Returns 0, DY_ENOMEM, or DY_EPARSE when the
 * tokens and words cannot be matched (the sentence should be skipped). */
int syn_align(const syn_csent *s, const syn_model *m, dy_arena *a, syn_gold *out);

/* The gold words of s as tokens (one token per word: words that dyad would
 * split are kept whole), for measuring on the treebank's own
 * tokenisation. Returns 0 or DY_ENOMEM. */
int syn_gold_tokens(const syn_csent *s, dy_arena *a, txt_token **out);

#endif
