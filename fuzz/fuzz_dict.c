/* fuzz_dict.c - libFuzzer harness for the dictionary parsers and the coder
 * behind them. The input holds up to three parts separated by NUL bytes: an
 * actor dictionary, a verb dictionary and a text. Both dictionaries are
 * parsed (dict_load_string, dict_load_verbs_string); when they load, the
 * set is compiled (with passive readings and key indexes) and the text is
 * analysed, matched and coded. Nothing may crash, hang or leak; a parse
 * error must name a line. Built by `make fuzz`, run briefly by `make test`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "code/code.h"
#include "core/arena.h"
#include "dict/dict.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Valid UTF-8 without NUL: what the text stage receives after cleaning. */
static int valid_text(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l =
            utf8proc_iterate((const utf8proc_uint8_t *)p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (l <= 0 || cp == 0)
            return 0;
        i += (size_t)l;
    }
    return 1;
}

/* A small cue table of our own, enough to reach every cue kind. */
static const char CUES[] = "negated not | never\nalleged allegedly\nhypothetical if | could\n"
                           "future will | plans to\ncarry meanwhile\nboundary ; | that | said\n"
                           "pronoun-person he\npronoun-group they | the two countries\n"
                           "pronoun-thing it\nbe was | were | is\npreposition of | in\n"
                           "determiner the | a\nobligation must\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *part[3] = {"", "", ""};
    size_t len[3] = {0, 0, 0};
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= size && k < 3; i++) {
        if (i == size || data[i] == 0) {
            part[k] = (const char *)data + start;
            len[k] = i - start;
            k++;
            start = i + 1;
        }
    }
    dict_set *ds = dict_set_new();
    if (!ds)
        return 0;
    dy_err e;
    int rc = dict_load_string(ds, "actors", part[0], len[0], &e);
    if (rc == DY_EPARSE && e.line < 1)
        abort();
    if (!rc) {
        rc = dict_load_verbs_string(ds, "verbs", part[1], len[1], &e);
        if (rc == DY_EPARSE && e.line < 1)
            abort();
    }
    if (!rc)
        rc = dict_compile(ds, &e);
    code_cues *cues = NULL;
    if (!rc)
        rc = code_cues_load_string("cues", CUES, sizeof CUES - 1, &cues, &e);
    code_coder *c = NULL;
    if (!rc)
        rc = code_coder_new(ds, cues, NULL, &c, &e);
    dy_arena *a = rc ? NULL : dy_arena_new();
    /* The text must be valid UTF-8 without NUL, as the readers guarantee. */
    char *text = a ? dy_arena_strndup(a, part[2], len[2]) : NULL;
    if (text && valid_text(text, len[2])) {
        txt_doc doc = {.id = "fuzz", .text = text, .len = len[2], .path = "-",
                       .date = {2023, 3, 14, TXT_PREC_DAY}};
        txt_analysis an;
        code_event *ev;
        size_t n;
        if (txt_analyze(&doc, a, &an, &e) == 0)
            (void)code_document(c, &an, a, &ev, &n, &e);
    }
    dy_arena_free(a);
    code_coder_free(c);
    code_cues_free(cues);
    dict_set_free(ds);
    return 0;
}
