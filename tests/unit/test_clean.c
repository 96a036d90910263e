/* test_clean.c - txt_clean_utf8: BOM, line ends, invalid UTF-8, NUL, NFC. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <stdlib.h>
#include <utf8proc.h>

#include "core/alloc.h"
#include "text/text.h"

typedef struct warns {
    int n;
    long off[32];
    char msg[32][512];
    char file[32][512];
} warns;

static void collect(void *ud, const dy_err *w)
{
    warns *ws = ud;
    if (ws->n < 32) {
        ws->off[ws->n] = w->offset;
        snprintf(ws->msg[ws->n], sizeof ws->msg[0], "%s", w->msg);
        snprintf(ws->file[ws->n], sizeof ws->file[0], "%s", w->file);
    }
    ws->n++;
}

/* Clean in[0..n) and compare with the expected bytes; returns warnings. */
static void check(const char *in, size_t n, const char *want, size_t wantn, warns *ws)
{
    char *out = NULL;
    size_t outn = 0;
    memset(ws, 0, sizeof *ws);
    assert_int_equal(txt_clean_utf8(in, n, "doc.txt", collect, ws, &out, &outn), 0);
    assert_non_null(out);
    assert_int_equal(outn, wantn);
    assert_memory_equal(out, want, wantn);
    assert_int_equal(out[outn], '\0');
    assert_int_equal(strlen(out), outn);
    dy_free(out);
}

#define S(lit) lit, sizeof lit - 1
#define FFFD "\xEF\xBF\xBD"

static void test_ascii_copy(void **st)
{
    warns ws;
    check(S("Hello, world.\nSecond line."), S("Hello, world.\nSecond line."), &ws);
    assert_int_equal(ws.n, 0);
}

static void test_empty(void **st)
{
    warns ws;
    check("", 0, "", 0, &ws);
    assert_int_equal(ws.n, 0);
    /* NULL input with length 0 is an empty document too. */
    char *out;
    size_t n;
    assert_int_equal(txt_clean_utf8(NULL, 0, "x", NULL, NULL, &out, &n), 0);
    assert_int_equal(n, 0);
    assert_string_equal(out, "");
    dy_free(out);
}

static void test_bom(void **st)
{
    warns ws;
    check(S("\xEF\xBB\xBFTitle"), S("Title"), &ws);
    assert_int_equal(ws.n, 0);
    /* Only a leading BOM is dropped; one inside is U+FEFF text (kept). */
    check(S("a\xEF\xBB\xBF" "b"), S("a\xEF\xBB\xBF" "b"), &ws);
    check(S("\xEF\xBB\xBF"), "", 0, &ws);
}

static void test_line_ends(void **st)
{
    warns ws;
    check(S("a\r\nb\r\n"), S("a\nb\n"), &ws);
    check(S("a\rb\r"), S("a\nb\n"), &ws);
    check(S("a\r\r\nb"), S("a\n\nb"), &ws);
    check(S("\r\n\r\n"), S("\n\n"), &ws);
    assert_int_equal(ws.n, 0);
    /* CR handling also on the non-ASCII path. */
    check(S("caf\xC3\xA9\r\nb"), S("caf\xC3\xA9\nb"), &ws);
}

static void test_nul(void **st)
{
    warns ws;
    check(S("a\0b"), S("a" FFFD "b"), &ws);
    assert_int_equal(ws.n, 1);
    assert_int_equal(ws.off[0], 1);
    assert_non_null(strstr(ws.msg[0], "NUL byte"));
    assert_non_null(strstr(ws.msg[0], "byte 1"));
    assert_string_equal(ws.file[0], "doc.txt");
}

static void test_overlong(void **st)
{
    warns ws;
    /* C0 AF is an overlong '/': two separate invalid bytes. */
    check(S("x\xC0\xAFy"), S("x" FFFD FFFD "y"), &ws);
    assert_int_equal(ws.n, 2);
    assert_int_equal(ws.off[0], 1);
    assert_non_null(strstr(ws.msg[0], "overlong"));
    assert_int_equal(ws.off[1], 2);
    /* E0 80 80 (overlong NUL in 3 bytes): maximal subparts are single bytes. */
    check(S("\xE0\x80\x80"), S(FFFD FFFD FFFD), &ws);
    assert_int_equal(ws.n, 3);
    assert_non_null(strstr(ws.msg[0], "overlong"));
    /* F0 8F BF BF: overlong 4-byte form. */
    check(S("ab\xF0\x8F\xBF\xBF"), S("ab" FFFD FFFD FFFD FFFD), &ws);
    assert_int_equal(ws.off[0], 2);
    assert_non_null(strstr(ws.msg[0], "overlong"));
}

static void test_surrogate(void **st)
{
    warns ws;
    check(S("a\xED\xA0\x80z"), S("a" FFFD FFFD FFFD "z"), &ws);
    assert_int_equal(ws.off[0], 1);
    assert_non_null(strstr(ws.msg[0], "surrogate"));
    /* ED 9F BF is U+D7FF, valid. */
    check(S("\xED\x9F\xBF"), S("\xED\x9F\xBF"), &ws);
    assert_int_equal(ws.n, 0);
}

static void test_too_large(void **st)
{
    warns ws;
    check(S("\xF4\x90\x80\x80"), S(FFFD FFFD FFFD FFFD), &ws);
    assert_non_null(strstr(ws.msg[0], "above U+10FFFF"));
    check(S("q\xF5\x80"), S("q" FFFD FFFD), &ws);
    assert_int_equal(ws.off[0], 1);
    assert_non_null(strstr(ws.msg[0], "above U+10FFFF"));
    /* U+10FFFF itself is valid. */
    check(S("\xF4\x8F\xBF\xBF"), S("\xF4\x8F\xBF\xBF"), &ws);
    assert_int_equal(ws.n, 0);
    check(S("\xFF"), S(FFFD), &ws);
    assert_int_equal(ws.n, 1);
}

static void test_truncated(void **st)
{
    warns ws;
    /* E2 82 AC is the euro sign; without its last byte, one U+FFFD. */
    check(S("1\xE2\x82 x"), S("1" FFFD " x"), &ws);
    assert_int_equal(ws.n, 1);
    assert_int_equal(ws.off[0], 1);
    assert_non_null(strstr(ws.msg[0], "truncated"));
    /* Cut at the end of input. */
    check(S("end\xF0\x9F\x98"), S("end" FFFD), &ws);
    assert_int_equal(ws.n, 1);
    assert_int_equal(ws.off[0], 3);
    assert_non_null(strstr(ws.msg[0], "end of input"));
    /* A lone continuation byte. */
    check(S("\x80" "a"), S(FFFD "a"), &ws);
    assert_non_null(strstr(ws.msg[0], "continuation"));
    assert_int_equal(ws.off[0], 0);
}

static void test_warning_limit(void **st)
{
    char in[100];
    memset(in, 0xFF, sizeof in);
    char *out;
    size_t n;
    warns ws = {0};
    assert_int_equal(txt_clean_utf8(in, sizeof in, "junk", collect, &ws, &out, &n), 0);
    assert_int_equal(n, 300);
    /* Ten warnings with offsets, then one summary for the remaining 90. */
    assert_int_equal(ws.n, 11);
    assert_int_equal(ws.off[9], 9);
    assert_non_null(strstr(ws.msg[10], "90 more invalid bytes"));
    dy_free(out);
}

static void test_valid_multibyte_kept(void **st)
{
    warns ws;
    const char s[] = "\xC3\xA9t\xC3\xA9 \xE2\x80\x94 \xE2\x82\xAC 5 \xF0\x9F\x98\x80 "
                     "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 \xE5\x8C\x97\xE4\xBA\xAC";
    check(s, sizeof s - 1, s, sizeof s - 1, &ws);
    assert_int_equal(ws.n, 0);
}

static void test_nfc(void **st)
{
    warns ws;
    /* e + combining acute -> U+00E9. */
    check(S("caf" "e\xCC\x81"), S("caf\xC3\xA9"), &ws);
    assert_int_equal(ws.n, 0);
    /* Hangul jamo compose to a syllable: U+1100 U+1161 -> U+AC00. */
    check(S("\xE1\x84\x80\xE1\x85\xA1"), S("\xEA\xB0\x80"), &ws);
    /* Singleton: U+212B ANGSTROM SIGN -> U+00C5. */
    check(S("\xE2\x84\xAB"), S("\xC3\x85"), &ws);
    /* Canonical reordering of two combining marks (dot below before
     * acute), then composition: a + U+0301 + U+0323 -> U+1EA1 U+0301. */
    check(S("a\xCC\x81\xCC\xA3"), S("\xE1\xBA\xA1\xCC\x81"), &ws);
    /* NFC after repair: the replacement character does not disturb it. */
    check(S("\xFF" "e\xCC\x81"), S(FFFD "\xC3\xA9"), &ws);
    assert_int_equal(ws.n, 1);
}

/* Encode cp as UTF-8 into p; returns the length. */
static size_t enc(uint32_t cp, char *p)
{
    return (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)p);
}

/* The cleaner skips the normaliser for text it believes is already NFC.
 * Check that belief for every code point up to U+2FFFF, alone and next to
 * starters it could compose with, against utf8proc's NFC. */
static void test_nfc_fast_path_exhaustive(void **st)
{
    static const uint32_t ctx[] = {'e', 0x3042, 0x1100, 0xAC00, 0x0915};
    char in[32];
    for (uint32_t cp = 0x80; cp < 0x30000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        for (size_t k = 0; k < sizeof ctx / sizeof *ctx; k++) {
            size_t n = enc(ctx[k], in);
            n += enc(cp, in + n);
            n += enc(ctx[k], in + n);
            n += enc(cp, in + n);
            in[n] = '\0';
            char *out;
            size_t outn;
            assert_int_equal(txt_clean_utf8(in, n, "x", NULL, NULL, &out, &outn), 0);
            utf8proc_uint8_t *want = utf8proc_NFC((const utf8proc_uint8_t *)in);
            assert_non_null(want);
            if (strcmp(out, (const char *)want) != 0)
                fail_msg("U+%04X after U+%04X: not normalised", (unsigned)cp, (unsigned)ctx[k]);
            free(want);
            dy_free(out);
        }
    }
}

static void test_oom(void **st)
{
    char *out = (char *)1;
    size_t n;
    dy_alloc_fail_after(0);
    int rc = txt_clean_utf8(S("caf" "e\xCC\x81"), "x", NULL, NULL, &out, &n);
    dy_alloc_fail_after(-1);
    assert_int_equal(rc, DY_ENOMEM);
    /* Failure in the NFC step (second allocation) must not leak. */
    dy_alloc_fail_after(1);
    rc = txt_clean_utf8(S("caf" "e\xCC\x81"), "x", NULL, NULL, &out, &n);
    dy_alloc_fail_after(-1);
    assert_int_equal(rc, DY_ENOMEM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ascii_copy),   cmocka_unit_test(test_empty),
        cmocka_unit_test(test_bom),          cmocka_unit_test(test_line_ends),
        cmocka_unit_test(test_nul),          cmocka_unit_test(test_overlong),
        cmocka_unit_test(test_surrogate),    cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_truncated),    cmocka_unit_test(test_warning_limit),
        cmocka_unit_test(test_valid_multibyte_kept), cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_nfc_fast_path_exhaustive),
        cmocka_unit_test(test_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
