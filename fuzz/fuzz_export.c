/* fuzz_export.c - libFuzzer harness for the export tables and the place
 * finder. The input holds up to four parts separated by NUL bytes: a
 * CAMEO -> PLOVER mapping, a country table, a places table and a text.
 * The tables are parsed (code_plover_load_string,
 * code_gazetteer_load_strings without the GeoNames cities); when the
 * country table loads, the text is analysed, one event per sentence is
 * placed (code_geo_locate) and, with a mapping, written as a PLOVER record.
 * Nothing may crash, hang or leak; a parse error must name a line. Built
 * by `make fuzz`, run briefly by `make test`. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "code/code_export.h"
#include "core/arena.h"
#include "core/buf.h"
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *part[4] = {"", "", "", ""};
    size_t len[4] = {0, 0, 0, 0};
    const char *p = (const char *)data, *end = p + size;
    for (int k = 0; k < 4 && p <= end; k++) {
        const char *z = k < 3 ? memchr(p, '\0', (size_t)(end - p)) : NULL;
        part[k] = p;
        len[k] = z ? (size_t)(z - p) : (size_t)(end - p);
        p += len[k] + 1;
        if (!z)
            break;
    }
    dy_err e;
    code_plover *pl = NULL;
    if (code_plover_load_string("t.tsv", part[0], len[0], NULL, &pl, &e) != 0 &&
        e.code == DY_EPARSE && e.line < 0)
        abort();
    code_gazetteer *g = NULL;
    if (code_gazetteer_load_strings(part[1], len[1], part[2], len[2], 0, &g, &e) == 0 &&
        valid_text(part[3], len[3])) {
        char *text = malloc(len[3] + 1);
        memcpy(text, part[3], len[3]);
        text[len[3]] = '\0';
        txt_doc doc = {0};
        doc.id = (char *)"f";
        doc.text = text;
        doc.len = len[3];
        dy_arena *a = dy_arena_new();
        txt_analysis an;
        if (a && txt_analyze(&doc, a, &an, &e) == 0) {
            size_t n = an.nsent < 16 ? an.nsent : 16;
            code_event ev[16];
            memset(ev, 0, sizeof ev);
            for (size_t i = 0; i < n; i++) {
                ev[i].sent = (uint32_t)i;
                memcpy(ev[i].source, "ISRGOV", 7);
                memcpy(ev[i].target, "IRQ", 4);
                memcpy(ev[i].code, i % 2 ? "173" : "043", 4);
                ev[i].src = ev[i].verb = ev[i].tgt = (code_span){-1, -1};
            }
            code_geo_locate(g, &doc, &an, ev, n);
            dy_buf b = {0};
            for (size_t i = 0; pl && i < n; i++) {
                code_plover_rec r;
                char id[64], d1[11], d2[11];
                code_plover_rec_from_event(&r, &doc, &an, &ev[i], NULL, i, id, sizeof id, d1, d2);
                code_plover_write(&b, pl, &r);
            }
            dy_buf_free(&b);
        }
        dy_arena_free(a);
        free(text);
    }
    code_gazetteer_free(g);
    code_plover_free(pl);
    return 0;
}
