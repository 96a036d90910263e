/* analyze.c - the text stage as one call: tokens, sentences, time expressions. */
#include "text/text.h"
#include "text/text_internal.h"

#include <string.h>

/* Contract in text.h. The tokenizer's alpha bytes let the time expression
 * scanner pass over sentences without dates unread. */
int txt_analyze(const txt_doc *doc, dy_arena *a, txt_analysis *out, dy_err *err)
{
    memset(out, 0, sizeof *out);
    out->doc = doc;
    const uint8_t *alpha;
    int rc = txt_tokenize_alpha(doc->text, doc->len, a, &out->toks, &out->ntok, &alpha, err);
    if (rc)
        return rc;
    rc = txt_segment(doc->text, doc->len, out->toks, out->ntok, a, &out->sents,
                     &out->nsent, err);
    if (rc)
        return rc;
    return txt_timex_scan_tokens(doc->text, doc->len, out->toks, alpha, out->sents,
                                 out->nsent, &doc->date, a, &out->timex, &out->ntimex,
                                 err);
}
