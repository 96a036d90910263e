/* fuzz_import.c - libFuzzer harness for dict_import_file: the input is
 * written to a temporary file and converted with both formats into a
 * temporary directory (under $TMPDIR, else /tmp), removed with everything
 * in it when the fuzzer exits; the converters must not crash, hang or
 * leak, and must keep their counts consistent. Built by `make fuzz`, run
 * briefly by `make test` and longer by `make fuzz-long`. See docs/import.md. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dict/dict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[4096];

/* Remove every file the converters wrote, then the directory (atexit:
 * libFuzzer exits through exit() when its run ends). */
static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static void cleanup(void)
{
    if (dir[0])
        nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

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
        const char *t = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/dyad-fuzz-import-XXXXXX", t && *t ? t : "/tmp");
        if (!mkdtemp(dir))
            abort();
        atexit(cleanup);
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
