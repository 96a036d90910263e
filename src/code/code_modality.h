/* code_modality.h - the modality of the coder's events (private to
 * src/code/ and its unit tests; docs/coder.md, "Modality"): is the act
 * asserted, negated ("did not meet"), future ("will meet", "to meet"),
 * hypothetical ("if", "could") or alleged ("reportedly", "denied that")?
 *
 * The cues of data/coder/cues.txt in the words before the event word give
 * a first reading; with a parse, the markers on the word and on the verbs
 * it depends on may give a stronger one. A refusal ("refused to meet",
 * "will not meet") and a future act ("will meet", "threatened to strike")
 * become codes of their own (rejection, intent, threat: code_policy.h).
 *
 * A sentence is given as the coder's code_view of it (code_view.h): its
 * cue cache is filled, v->ds tells the verbs of saying (it must not be
 * NULL), v->s.tree is the parse or NULL.
 */
#ifndef DY_CODE_MODALITY_H
#define DY_CODE_MODALITY_H

#include "code/code.h"
#include "code/code_view.h"

/* The verb of saying that opens the clause ending at token bound ("X said
 * [that] ...": bound and the three tokens before it), or UINT32_MAX (also
 * for bound UINT32_MAX, no clause boundary): the clause is reported
 * speech when there is one. */
uint32_t code_mod_speech_opener(const code_view *v, uint32_t bound);

/* The modality (CODE_MOD_*) of the act at event word w (a document token
 * of v's sentence), read from the cues in its clause before w (the clause
 * starts at cs; bound is the token that ends the clause before it, or
 * UINT32_MAX), then from the parse when v->s.tree is not NULL; the
 * strongest reading wins (negated, alleged, hypothetical, future,
 * asserted). cs and bound may lie after w (w is then the verb of
 * occurrence of a nominal event, "the talks will take place", and no cue
 * before it is read). form is the word's dict form (DICT_WF_*): a gerund
 * or a participle after "to" is no infinitive. Writes the tokens of the cue
 * that decided into [*cb, *ce) (both 0 for none) and sets *oblig when the
 * clause is reported speech with an obligation ("X said Y must ..."). */
int code_modality_read(const code_view *v, uint32_t cs, uint32_t w, uint32_t bound, int form,
                       int *oblig, uint32_t *cb, uint32_t *ce);

/* The code the act of code `code` becomes by its modality *mod (from
 * code_modality_read, its cue [cb, ce), the clause's bound): a negated
 * act that is a refusal ("refused to", "declined to", "will not") is a
 * rejection, and is asserted (*mod becomes CODE_MOD_ASSERTED); a future
 * act is an intent or a threat (*mod stays), except force attempted
 * ("tried to storm", cue kind attempt), which is asserted with its own
 * code. Returns the new code (a static string) or NULL when the code
 * stays. */
const char *code_modality_derive(const code_view *v, int *mod, uint32_t cb, uint32_t ce,
                                 uint32_t bound, const char *code);

/* Does an event belong to the default output (the asserted events)? It
 * does when its modality mod is asserted, or it is an intent (03x, the
 * code written) that is future or was read without a parse (parsed 0),
 * or a threat (13x) that its modality derived (written differs from the
 * act's code `code`). Returns 1 or 0. */
int code_modality_kept(int mod, const char *code, const char *written, int parsed);

#endif
