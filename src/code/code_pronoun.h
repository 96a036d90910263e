/* code_pronoun.h - the coder's pronouns (private to src/code/ and its unit
 * tests): what "he", "it", "they" or "the two leaders" stand for, read off
 * the mentions before them in the document (docs/coder.md, "Pronouns").
 *
 * "he"/"she" take the last person or official, "it" the last state or
 * organisation (continuing the subject of its sentence), "they" the last
 * list, the last group or the two sides of the last event; no antecedent
 * more than two sentences back. A singular pronoun subject in what a
 * speaker says is the speaker.
 */
#ifndef DY_CODE_PRONOUN_H
#define DY_CODE_PRONOUN_H

#include "code/code.h"
#include "code/code_syntax.h"
#include "dict/dict.h"
#include "text/text.h"

/* One sentence as the pronoun rules see it: the coder's view of the
 * sentence, where it sits in the document, and the coder's cue cache. The
 * pronoun rules fill the cache, never own it. */
typedef struct code_pron_sent {
    code_sent s;               /* s.tree is NULL when the sentence was not
                                  parsed (the word-window rules) */
    const txt_analysis *an;    /* the document: its sentences' token bounds */
    uint32_t si;               /* the sentence's index in an->sents */
    /* Per sentence token (t - s.tb): the cue kinds ending there, UINT64_MAX
     * when not computed yet (code_cues_at computes them on first use), and
     * the first token of each kind's cue (valid for the kinds set). */
    code_cue_mask *cmask;
    uint32_t (*cstart)[CODE_CUE_KINDS];
    /* The two sides of the last event with both (this sentence's or the
     * one before's), or NULLs: what "they" means after "Macron hosted
     * Scholz". Borrowed. */
    const dict_mention *pair[2];
} code_pron_sent;

/* The antecedents of a pronoun or a description ("they", "the two
 * countries") among the first six tokens of [cs, v), the clause before the
 * event word v: the first such token decides. all[0..first_in_sent) are the
 * document's mentions before the sentence, all[first_in_sent..) its own
 * (p->s.ms). Fills out[0..cap) with borrowed pointers into all (or p->pair)
 * and returns their count: 0 when there is no pronoun, or no antecedent
 * fits. */
size_t code_pronoun_resolve(const code_pron_sent *p, uint32_t cs, uint32_t v,
                            const dict_mention *all, size_t first_in_sent,
                            const dict_mention **out, size_t cap);

/* Is the pronoun subject at document token pron (-1: none) of the event
 * word v the subject of the verb of saying whose complement holds v
 * ("Nintendo said it will release", "he said he would resign")? A
 * singular pronoun there points back to the speaker. Needs the parse
 * (p->s.tree not NULL). Returns 1 with *spk the speaker's mention (an
 * index into p->s.ms), or with *spk -1 when the speaker is a name the
 * dictionaries do not know or does not agree with the pronoun ("officials
 * ... it"); else 0, *spk untouched. */
int code_pronoun_speaker(const code_pron_sent *p, uint32_t v, int32_t pron, int32_t *spk);

#endif
