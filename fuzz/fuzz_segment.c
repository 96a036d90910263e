/* fuzz_segment.c - libFuzzer harness for txt_tokenize + txt_segment.
 * Only valid UTF-8 without NUL bytes is tokenized, as txt_clean_utf8 would
 * deliver; any invariant violation aborts. Not built by `make`; build by
 * hand with the command below. */
// clang -std=c17 -g -fsanitize=fuzzer,address,undefined -Isrc
//   -D_POSIX_C_SOURCE=200809L fuzz/fuzz_segment.c src/text/token.c
//   src/text/segment.c src/core/*.c $(pkg-config --cflags --libs libutf8proc)
//   -o /tmp/fz && /tmp/fz -max_total_time=60
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Valid UTF-8 without NUL: what the text stage receives after cleaning. */
static int valid_text(const uint8_t *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t l = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (l <= 0 || cp == 0)
            return 0;
        i += (size_t)l;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!valid_text(data, size))
        return 0;
    char *text = dy_malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    dy_arena *a = dy_arena_new();
    if (!a) {
        dy_free(text);
        return 0;
    }
    txt_token *t;
    txt_sentence *s;
    size_t nt, ns;
    dy_err e;
    if (txt_tokenize(text, size, a, &t, &nt, &e) != 0)
        abort();
    if (txt_segment(text, size, t, nt, a, &s, &ns, &e) != 0)
        abort();
    for (size_t i = 0; i < nt; i++) {
        if (t[i].start >= t[i].end || t[i].end > size)
            abort();
        if (i && t[i].start < t[i - 1].end)
            abort();
        if (!t[i].norm || t[i].norm_len == 0 || strlen(t[i].norm) != t[i].norm_len)
            abort();
        if (t[i].hash != txt_hash(t[i].norm, t[i].norm_len))
            abort();
        if (!valid_text((const uint8_t *)t[i].norm, t[i].norm_len))
            abort();
    }
    size_t tok = 0;
    for (size_t i = 0; i < ns; i++) {
        if (s[i].tok_begin != tok || s[i].tok_end <= s[i].tok_begin || s[i].tok_end > nt)
            abort();
        if (s[i].start != t[s[i].tok_begin].start || s[i].end != t[s[i].tok_end - 1].end)
            abort();
        if (i && s[i].start < s[i - 1].end)
            abort();
        tok = s[i].tok_end;
    }
    if (tok != nt || (nt == 0) != (ns == 0))
        abort();
    dy_arena_free(a);
    dy_free(text);
    return 0;
}
