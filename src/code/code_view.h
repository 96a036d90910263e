/* code_view.h - one sentence as the coder's rule modules see it (private
 * to src/code/ and its unit tests): the pronoun rules (pronoun.c), the
 * modality rules (modality.c) and the dating of events (evdate.c). The
 * coder (coder.c) keeps its own, larger context of a sentence private and
 * hands these modules this view of it, so that none of them depends on
 * the coder's internals.
 */
#ifndef DY_CODE_VIEW_H
#define DY_CODE_VIEW_H

#include "code/code.h"
#include "code/code_syntax.h"
#include "dict/dict.h"
#include "text/text.h"

/* A sentence, where it sits in the document, and the coder's cue cache.
 * Everything is borrowed; the modules fill the cache, never own it. */
typedef struct code_view {
    code_sent s;               /* s.tree is NULL when the sentence was not
                                  parsed (the word-window rules) */
    const txt_analysis *an;    /* the document: its sentences' token bounds
                                  and time expressions; an->toks == s.tk */
    uint32_t si;               /* the sentence's index in an->sents */
    const dict_set *ds;        /* the dictionaries: which words are verbs of
                                  saying (modality); may be NULL for the
                                  pronoun rules, which do not ask */
    /* Per sentence token (t - s.tb): the cue kinds ending there, UINT64_MAX
     * when not computed yet (code_cues_cached computes them on first use),
     * and the first token of each kind's cue (valid for the kinds set). */
    code_cue_mask *cmask;
    uint32_t (*cstart)[CODE_CUE_KINDS];
    /* The two sides of the last event with both (this sentence's or the
     * one before's), or NULLs: what "they" means after "Macron hosted
     * Scholz" (the pronoun rules). */
    const dict_mention *pair[2];
} code_view;

/* The cue kinds ending at document token t of the sentence [tb, ..) of
 * tokens tk, through the cache cmask/cstart indexed by t - tb (most tokens
 * of a sentence are never asked about): computed by code_cues_at when
 * cmask[t - tb] is UINT64_MAX, then stored. Shared by the coder's own
 * context and code_view. */
code_cue_mask code_cues_cached(const code_cues *c, const txt_token *tk, uint32_t tb, uint32_t t,
                               code_cue_mask *cmask, uint32_t (*cstart)[CODE_CUE_KINDS]);

/* The cue kinds ending at token t of v's sentence (tb <= t < te), cached. */
code_cue_mask code_view_cues_at(const code_view *v, uint32_t t);

/* 1 when a cue of kind (CODE_CUE_*) ends at token t of v's sentence. */
int code_view_has_cue(const code_view *v, uint32_t t, int kind);

#endif
