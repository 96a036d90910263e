/* code_policy.h - the coder's precision policy and code derivations
 * (private to src/code/ and its unit tests; docs/coder.md explains them).
 *
 * Pure functions of actor codes, event codes and mention lists: who may be
 * the source of what, which acts a compound source does to its own
 * members, when an event has the actors the policy asks for, and which
 * code an act becomes when it is planned, demanded or refused.
 */
#ifndef DY_CODE_POLICY_H
#define DY_CODE_POLICY_H

#include <stddef.h>

#include "dict/dict.h"

/* May an actor with this code be the source of an event of this root
 * (1..20)? States, governments, forces, parties, IGOs, NGOs and named
 * groups may; companies, media, schools, hospitals and the like never
 * (their words are reported, not coded); civilians and criminals only
 * protest (14) and use force (18-20); codes with no country never.
 * Returns 1 or 0. */
int code_policy_political_source(const char *code, int root);

/* Is an act of this code (root given) one that the members of a compound
 * source do to each other ("Russia and China held talks", "... clashed")?
 * Meetings, cooperation, agreements, exchanges and fighting; not blame,
 * demands, threats, nor acts done for a third party (a visit, mediation,
 * aid given). Returns 1 or 0. */
int code_policy_mutual(const char *code, int root);

/* The relevance rules on an event's actors: keeps only political sources
 * (code_policy_political_source) and targets with a country or an
 * organisation code (for meetings, root 04, political ones or business),
 * and for acts between states (roots 04, 05, 06, 16, 19), threats (13)
 * and a state's own demands (10) and comments (01: concern, denial,
 * optimism) not the sources' own country as a whole
 * (except violence and threats by armed groups),
 * shortening the lists in place. Returns 1 when the
 * event stands: a source remains, and a target, or a compound source whose
 * act is mutual (or says "each other"); else 0. */
int code_policy_relevant(const dict_mention **srcs, size_t *nsrc, const dict_mention **tgts,
                         size_t *ntgt, int root, const char *code, int each_other);

/* Is a demand or a threat (code of root 10 or 13) by srcs[0..nsrc) of
 * tgts[0..ntgt) one of the sources' own country as a whole (the relevance
 * rules' own-country test for those roots): a state's or its government's
 * demand of its own country is its policy, a threat to it a warning or a
 * reform ("pledged to clamp down on Britain's compensation culture")?
 * Also for codes derived after those rules ran ("said Brazil must ...",
 * "pledged to crack down on ..."). Returns 1 or 0. */
int code_policy_self_directed(const char *code, const dict_mention **srcs, size_t nsrc,
                              const dict_mention **tgts, size_t ntgt);

/* Is an act of this code, named by a noun whose owner is its author
 * ("Japan's investment in Britain", "French aid to Gabon", "its pact
 * with the US", "Soviet membership of the World Bank"), a standing
 * relation rather than an act the sentence reports? Agreements, material
 * cooperation and aid (roots 05, 06, 07) are: such nouns name what holds
 * between two actors, seldom a dated act; meetings, visits and force (04,
 * 18-20) name occurrences. An intent (03) is one too unless the noun is
 * the object of a verb (is_object): "reaffirmed their willingness to
 * cooperate" is said now, "confidence in America's commitment" is not.
 * Returns 1 or 0. */
int code_policy_standing(const char *code, int is_object);

/* In a sports report, a bare country name (a 3-letter code) is a team:
 * drops such sources from the list in place. Returns the new count. */
size_t code_policy_drop_teams(const dict_mention **v, size_t n);

/* Is the actor of this code one that holds no arms: a government,
 * parliament, court, party, the opposition, an elite figure, the media
 * (GOV, LEG, JUD, PTY, OPP, ELI, MED, after a country code)? A bare state,
 * forces, police, rebels and organisations are not. Returns 1 or 0. */
int code_policy_unarmed(const char *code);

/* Force (code 190) in the street: "demonstrators battled riot police",
 * "protesters stormed the parliament" — every source the opposition or
 * people of a country (OPP, CVL, LAB, EDU) — is a violent protest (145);
 * "police clashed with protesters" — every source police, forces or spies,
 * every target the opposition, workers or students — is repression (175).
 * Returns
 * that code (static), or NULL when code stays. */
const char *code_policy_street_force(const char *code, const dict_mention **srcs, size_t nsrc,
                                     const dict_mention **tgts, size_t ntgt);

/* Derivations of an event code by how the act is reported. */
typedef enum {
    CODE_DERIVE_INTENT = 0, /* a planned or promised cooperative act: 03x */
    CODE_DERIVE_THREAT,     /* an announced conflictual act: 13x */
    CODE_DERIVE_DEMAND,     /* an act someone "must" do, in reported speech: 10x */
    CODE_DERIVE_REFUSAL     /* a refused cooperative act: 12x */
} code_derive_kind;

/* The code an act of code becomes under derivation kind (the longest
 * matching prefix of the act decides: 0831 resign -> 0341 intent to
 * resign, 083 -> 034), or NULL when the kind does not apply to it (a
 * threat of a cooperative act). The string is static. */
const char *code_policy_derive(code_derive_kind kind, const char *code);

/* The code of the same act seen from its target, for acts that are both
 * sides' (the codebook codes them both ways): "X met Y" is also Y meeting
 * X (consult 040, phone call 041, meeting at a third place 044,
 * negotiation 046, signed agreement 057, each its own reverse), "X visited
 * Y" is Y hosting X (042 <-> 043). NULL for other codes. Borrowed static
 * string. */
const char *code_policy_reverse(const char *code);

#endif
