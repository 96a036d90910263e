/* code_pronoun.h - the coder's pronouns (private to src/code/ and its unit
 * tests): what "he", "it", "they" or "the two leaders" stand for, read off
 * the mentions before them in the document (docs/coder.md, "Pronouns").
 *
 * "he"/"she" take the last person or official, "it" the last state or
 * organisation (continuing the subject of its sentence), "they" the last
 * list, the last group or the two sides of the last event; no antecedent
 * more than two sentences back. A singular pronoun subject in what a
 * speaker says is the speaker.
 *
 * A sentence is given as the coder's code_view of it (code_view.h); the
 * rules fill its cue cache and read p->pair, the sides of the last event.
 */
#ifndef DY_CODE_PRONOUN_H
#define DY_CODE_PRONOUN_H

#include "code/code_view.h"
#include "dict/dict.h"

/* The antecedents of a pronoun or a description ("they", "the two
 * countries") among the first six tokens of [cs, v), the clause before the
 * event word v: the first such token decides. all[0..first_in_sent) are the
 * document's mentions before the sentence, all[first_in_sent..) its own
 * (p->s.ms). Fills out[0..cap) with borrowed pointers into all (or p->pair)
 * and returns their count: 0 when there is no pronoun, or no antecedent
 * fits. */
size_t code_pronoun_resolve(const code_view *p, uint32_t cs, uint32_t v,
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
int code_pronoun_speaker(const code_view *p, uint32_t v, int32_t pron, int32_t *spk);

#endif
