/* analyze.c - the text stage as one call: tokens, sentences, time expressions. */
#include "text/text.h"

#include <string.h>

int txt_analyze(const txt_doc *doc, dy_arena *a, txt_analysis *out, dy_err *err)
{
    memset(out, 0, sizeof *out);
    out->doc = doc;
    int rc = txt_tokenize(doc->text, doc->len, a, &out->toks, &out->ntok, err);
    if (rc)
        return rc;
    rc = txt_segment(doc->text, doc->len, out->toks, out->ntok, a, &out->sents,
                     &out->nsent, err);
    if (rc)
        return rc;
    return txt_timex_scan(doc->text, doc->len, out->sents, out->nsent, &doc->date,
                          a, &out->timex, &out->ntimex, err);
}
