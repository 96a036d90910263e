/* code_syntax.h - the coder's syntactic parts (private to src/code/ and its
 * unit tests): who did what to whom, read off the dependency tree of the
 * syntax stage.
 *
 * The source of an event is the subject of its verb (or the agent of a
 * passive, the possessor of a nominal event), its target the object, the
 * indirect object or an oblique argument; subjects are shared along
 * control ("agreed to meet") and coordination ("visited Moscow and met
 * Putin"), and a relative pronoun stands for the noun its clause modifies.
 * An argument names an actor when a mention covers its head word or hangs
 * off it closely (compound, adjective, possessive, "of").
 */
#ifndef DY_CODE_SYNTAX_H
#define DY_CODE_SYNTAX_H

#include "code/code.h"
#include "dict/dict.h"
#include "syntax/syntax.h"
#include "text/text.h"

/* One sentence as the syntactic parts see it. Token arguments are document
 * token indices in [tb, te); the tree is indexed from tb. */
typedef struct code_sent {
    const txt_token *tk;
    uint32_t tb, te;
    const syn_tree *tree;      /* n == te - tb */
    const dict_mention *ms;    /* the sentence's mentions */
    size_t nm;
    const int32_t *mcover;     /* per sentence token (t - tb): the mention
                                  covering it, or -1 */
    const code_cues *cues;     /* word classes (target prepositions, ...) */
} code_sent;

/* How an argument was found; code_arg_name gives the UD relation (path)
 * that --explain prints. */
typedef enum {
    CODE_ARG_NONE = 0,
    CODE_ARG_NSUBJ,        /* nsubj of the word */
    CODE_ARG_NSUBJ_PASS,   /* nsubj:pass: the target of a passive */
    CODE_ARG_AGENT,        /* obl:agent ("by ..."): the source of a passive */
    CODE_ARG_OBJ,
    CODE_ARG_IOBJ,
    CODE_ARG_OBL,          /* obl with a preposition that marks a target */
    CODE_ARG_CONTROL,      /* subject of the verb whose xcomp the word is */
    CODE_ARG_CONJ,         /* subject of the verb the word is coordinated with */
    CODE_ARG_RELCL,        /* the noun a relative clause modifies */
    CODE_ARG_POSS,         /* nmod:poss of a nominal event */
    CODE_ARG_MOD,          /* amod/compound of a nominal event ("US strikes") */
    CODE_ARG_NMOD,         /* nmod with a preposition ("talks with Iran") */
    CODE_ARG_LIGHT,        /* subject of the light verb whose object the
                              nominal event is ("held talks") */
    CODE_ARG_COMP,         /* subject or object of the word's complement clause */
    CODE_ARG_SUBTREE,      /* the first actor among the word's dependents
                              (the coder's last resort for verbal acts) */
    CODE_ARG_OCCUR,        /* the nominal event is the subject of a verb of
                              occurrence ("the talks between India and
                              Pakistan took place"): the sentence asserts it,
                              and its pattern names who takes part */
    CODE_ARG_KINDS
} code_arg_how;

const char *code_arg_name(int how);

typedef struct code_args {
    int32_t src, tgt;          /* mention indices into code_sent.ms, or -1 */
    int src_how, tgt_how;      /* code_arg_how */
    int32_t src_tok, tgt_tok;  /* head token of the argument (document), -1 */
    int passive;               /* the word is a passive verb */
    int src_pronoun;           /* the subject is a personal pronoun: resolve it
                                  against the document (src is -1) */
} code_args;

/* Arguments of the event word at document token v (noun: it is read as a
 * nominal event). Fills *out; src/tgt -1 when the tree names no actor
 * there. src is never a place (DICT_M_LOCALITY). */
void code_syntax_args(const code_sent *s, uint32_t v, int noun, code_args *out);

/* The mention that stands for the phrase headed by document token h: the
 * one covering h, else one that hangs off h (possessive, compound,
 * adjective, flat name, "of"/"in" phrase, apposition) within two levels;
 * -1 when none. */
int32_t code_phrase_mention(const code_sent *s, uint32_t h);

/* A target among the obliques of the word at v: the first whose
 * preposition marks a target (cue kind target-preposition) and that names
 * an actor other than avoid; its head token into *tok. -1 when none. */
int32_t code_syntax_oblique(const code_sent *s, uint32_t v, int32_t avoid, uint32_t *tok);

/* Does the word at v head a passive (nsubj:pass or aux:pass child)? */
int code_syntax_passive(const code_sent *s, uint32_t v);

/* The relation of token t to its head, and its head as a document token
 * (UINT32_MAX for the root). */
int code_syntax_rel(const code_sent *s, uint32_t t);
uint32_t code_syntax_head(const code_sent *s, uint32_t t);

#endif
