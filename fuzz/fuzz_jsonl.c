/* fuzz_jsonl.c - libFuzzer harness for the JSON-lines reader.
 *
 * Build by hand (not built by make):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *     -D_POSIX_C_SOURCE=200809L fuzz/fuzz_jsonl.c <the .c files of src/core and
 *     src/text> -ljansson -lgumbo -lutf8proc -lm -o build/fuzz_jsonl
 * and run it with a corpus directory, e.g. tests/data/read.
 * The input is read through the in-memory entry point as a ".jsonl" file, so
 * the whole path (line splitting, UTF-8 scrubbing, JSON, dates, cleaning)
 * runs, with a small document limit so that the limit paths run too.
 */
#include <stddef.h>
#include <stdint.h>

#include "text/read_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore(void *ud, const dy_err *w)
{
    (void)ud;
    (void)w;
}

/* Read every record; any status but a document, a skip or the end is a
 * bug unless it is out of memory. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    txt_read_opts o = {0};
    o.warn = ignore;
    o.max_doc_bytes = size > 64 ? size / 2 : 0;
    txt_reader *r;
    dy_err e;
    if (txt_reader_open_mem("fuzz.jsonl", data, size, &o, &r, &e))
        return 0;
    txt_doc *d;
    int rc;
    while ((rc = txt_reader_next(r, &d, &e)) != 0) {
        if (rc == 1) {
            if (d->text[d->len] != '\0' || !d->id)
                __builtin_trap();
            txt_doc_free(d);
        } else if (rc != DY_ESKIP) {
            break;
        }
    }
    txt_reader_close(r);
    return 0;
}
