/* fuzz_import.c - libFuzzer harness for dict_import_file: the input is
 * written to a temporary file and converted with both formats into a
 * temporary directory; the converters must not crash, hang or leak, and
 * must keep their counts consistent. Build by hand (not built by make):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *     -D_POSIX_C_SOURCE=200809L fuzz/fuzz_import.c build/san/libdyad.a \
 *     $(pkg-config --libs jansson gumbo libutf8proc sqlite3) -lm -o fuzz_import
 * See docs/import.md. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dict/dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

/* Counts reports: every report needs a line. */
static void report(void *ud, const dy_err *e)
{
    long *n = ud;
    if (e->line < 1)
        abort();
    (*n)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/dyad-fuzz-import-XXXXXX");
        if (!mkdtemp(dir))
            abort();
    }
    char in[128];
    snprintf(in, sizeof in, "%s/input.txt", dir);
    FILE *f = fopen(in, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    static const char *const fmts[] = {"petrarch", "tabari"};
    for (int i = 0; i < 2; i++) {
        dict_import_stats st = {0};
        long reports = 0;
        dy_err e;
        int rc = dict_import_file(fmts[i], in, dir, report, &reports, &st, &e);
        if (rc == 0 && (st.entries != st.converted + st.failed || reports < st.failed))
            abort();
    }
    return 0;
}
