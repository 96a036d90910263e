/* fuzz_timex.c - libFuzzer harness for txt_timex_scan: the first three
 * bytes of the input choose the document date (often the ends of the
 * supported range, 0001-01-01 and 9999-12-31, or days next to them; else
 * any day, month or year of years 1..9999, or none), the rest is one
 * sentence (not NUL-terminated, not necessarily UTF-8); every span must lie
 * inside the input, in order, and every resolved date must be a real
 * calendar date within years 1..9999. Built by `make fuzz`, run briefly by
 * `make test`; see docs/timex.md. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A date is valid for its precision: month 1-12, day within the month. */
static void check_date(const txt_date *d, int may_be_none)
{
    if (d->prec == TXT_PREC_NONE) {
        if (!may_be_none)
            abort();
        return;
    }
    if (d->prec < TXT_PREC_DAY || d->prec > TXT_PREC_DECADE || d->year < 1 ||
        d->year > 9999)
        abort();
    if (d->prec == TXT_PREC_DAY || d->prec == TXT_PREC_MONTH) {
        if (d->month < 1 || d->month > 12)
            abort();
    } else if (d->month != 0) {
        abort();
    }
    if (d->prec == TXT_PREC_DAY) {
        if (d->day < 1 || d->day > txt_days_in_month(d->year, d->month))
            abort();
    } else if (d->day != 0) {
        abort();
    }
    if (d->prec == TXT_PREC_DECADE && d->year % 10)
        abort();
}

/* The document date chosen by the first three bytes (fewer: 2023-09-15). */
static txt_date doc_date(const uint8_t *d, size_t n)
{
    txt_date r = {2023, 9, 15, TXT_PREC_DAY};
    if (n < 3)
        return r;
    unsigned v = (unsigned)d[1] << 8 | d[2];
    switch (d[0] % 8) {
    case 0: r = (txt_date){9999, 12, 31 - (int)(v % 3), TXT_PREC_DAY}; break;
    case 1: r = (txt_date){1, 1, 1 + (int)(v % 3), TXT_PREC_DAY}; break;
    case 2: r = (txt_date){v % 2 ? 9999 : 1, v % 2 ? 12 : 1, 0, TXT_PREC_MONTH}; break;
    case 3: r = (txt_date){v % 2 ? 9999 : 1, 0, 0, TXT_PREC_YEAR}; break;
    case 4:
    case 5: {
        int y = 1 + (int)(v % 9999), m = 1 + d[0] / 8 % 12;
        r = (txt_date){y, m, 1 + (int)(v % (unsigned)txt_days_in_month(y, m)), TXT_PREC_DAY};
        break;
    }
    case 6: r = (txt_date){1 + (int)(v % 9999), 1 + d[0] / 8 % 12, 0, TXT_PREC_MONTH}; break;
    default: r = (txt_date){0, 0, 0, TXT_PREC_NONE}; break;
    }
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20))
        return 0;
    txt_date doc = doc_date(data, size);
    size_t skip = size < 3 ? size : 3;
    data += skip;
    size -= skip;
    /* an exact-size copy so that ASan catches any read past the end */
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    dy_arena *a = dy_arena_new();
    if (!a) {
        free(text);
        return 0;
    }
    txt_sentence s = {0, (uint32_t)size, 0, 0, 0, 0, 0};
    txt_timex *tx = NULL;
    size_t n = 0;
    dy_err err;
    if (txt_timex_scan(text, size, &s, 1, &doc, a, &tx, &n, &err) == 0) {
        if (s.timex_begin != 0 || s.timex_end != n)
            abort();
        for (size_t i = 0; i < n; i++) {
            if (tx[i].start >= tx[i].end || tx[i].end > size || tx[i].sent != 0)
                abort();
            if (i > 0 && tx[i].start < tx[i - 1].end)
                abort();
            check_date(&tx[i].date, 0);
            check_date(&tx[i].end_date, 1);
            if (tx[i].flags & TXT_TIMEX_RANGE) {
                if (tx[i].end_date.prec == TXT_PREC_NONE ||
                    txt_date_cmp(&tx[i].end_date, &tx[i].date) < 0)
                    abort();
            } else if (tx[i].end_date.prec != TXT_PREC_NONE) {
                abort();
            }
            if (tx[i].flags & TXT_TIMEX_LIST) {
                if (tx[i].list < 0 || (size_t)tx[i].list > i ||
                    !(tx[tx[i].list].flags & TXT_TIMEX_LIST))
                    abort();
            } else if (tx[i].list != -1) {
                abort();
            }
        }
    }
    dy_arena_free(a);
    free(text);
    return 0;
}
