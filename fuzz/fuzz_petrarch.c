/* fuzz_petrarch.c - libFuzzer harness for the PETRARCH2 XML and TABARI
 * .text readers.
 *
 * Built and run by `make check-fuzz` (part of `make test`) like every
 * fuzz/fuzz_*.c. The first input byte picks the reader (even: PETRARCH2 XML,
 * odd: TABARI .text), the rest is the file, read through the in-memory entry
 * point with a small document limit so that the limit paths run too. Every
 * record is read until the end; any status but a document, a skip or the
 * end is a bug unless it is out of memory.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "text/read_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Warnings are not checked here. */
static void ignore(void *ud, const dy_err *w)
{
    (void)ud;
    (void)w;
}

/* Read every record of one input; trap on a broken document. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    txt_read_opts o = {0};
    o.warn = ignore;
    o.format = (data[0] & 1) ? TXT_IN_TABARI : TXT_IN_PETRARCH;
    o.max_doc_bytes = size > 64 ? size / 2 : 0;
    txt_reader *r;
    dy_err e;
    if (txt_reader_open_mem("fuzz.xml", data + 1, size - 1, &o, &r, &e))
        return 0;
    txt_doc *d;
    int rc;
    long n = 0;
    while ((rc = txt_reader_next(r, &d, &e)) != 0) {
        if (rc == 1) {
            if (!d->id || !d->text || d->text[d->len] != '\0' || strlen(d->text) != d->len)
                __builtin_trap();
            txt_doc_free(d);
        } else if (rc != DY_ESKIP) {
            break;
        }
        /* Each call consumes input: more calls than bytes is a loop. */
        if (++n > (long)size + 2)
            __builtin_trap();
    }
    txt_reader_close(r);
    return 0;
}
