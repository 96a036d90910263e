/* text_internal.h - calls between the files of the text stage that other
 * stages have no use for: txt_analyze passes what the tokenizer learnt about
 * each token on to the time expression scanner, which then skips the
 * sentences that cannot hold a time expression.
 */
#ifndef DY_TEXT_INTERNAL_H
#define DY_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "text/text.h"

/* txt_tokenize, also returning in *alpha one byte per token: 1 when the
 * token's text is ASCII letters only (so its norm is the text in lower case
 * and its hash is txt_hash of that), else 0. *alpha is arena-owned, like
 * *toks. Returns 0, DY_ELIMIT or DY_ENOMEM. */
int txt_tokenize_alpha(const char *text, size_t len, dy_arena *a, txt_token **toks,
                       size_t *ntok, const uint8_t **alpha, dy_err *err);

/* txt_timex_scan for sentences from txt_segment over toks, the tokens (and
 * alpha bytes) from txt_tokenize_alpha over the same text: same results, but
 * a sentence whose tokens show no number of four digits, no apostrophe
 * before a digit and no date word (month, weekday, "yesterday", "year",
 * "nineties", ...) is not scanned. toks and alpha are borrowed. Returns 0
 * or DY_ENOMEM. */
int txt_timex_scan_tokens(const char *text, size_t len, const txt_token *toks,
                          const uint8_t *alpha, txt_sentence *sents, size_t nsent,
                          const txt_date *doc_date, dy_arena *a, txt_timex **out,
                          size_t *nout, dy_err *err);

#endif
