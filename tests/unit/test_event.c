/* test_event.c - the event writer: JSON string escaping (against a plain
 * byte-by-byte reference), number and span formatting, null fields, the TSV
 * columns and appending to a buffer that already holds text; growth in the
 * middle of a record and out of memory there; stored event records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code/code.h"
#include "core/alloc.h"
#include "core/buf.h"

#ifndef DYAD_SRCDIR
#define DYAD_SRCDIR "."
#endif

/* The JSON string escaping the event contract promises (docs/formats.md),
 * one byte at a time: the writer's vector path must agree with it. */
static void ref_json(dy_buf *b, const char *s, size_t n)
{
    dy_buf_addc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"')
            dy_buf_adds(b, "\\\"");
        else if (c == '\\')
            dy_buf_adds(b, "\\\\");
        else if (c == '\n')
            dy_buf_adds(b, "\\n");
        else if (c == '\r')
            dy_buf_adds(b, "\\r");
        else if (c == '\t')
            dy_buf_adds(b, "\\t");
        else if (c < 0x20 || c == 0x7f)
            dy_buf_printf(b, "\\u%04x", c);
        else
            dy_buf_addc(b, (char)c);
    }
    dy_buf_addc(b, '"');
}

/* A one-sentence document over text, and an event on all of it. */
typedef struct fixture {
    txt_doc doc;
    txt_sentence sent;
    txt_timex tx;
    txt_analysis an;
    code_event ev;
} fixture;

static void setup_fixture(fixture *f, const char *id, const char *text)
{
    memset(f, 0, sizeof *f);
    f->doc.id = (char *)id;
    f->doc.text = (char *)text;
    f->doc.len = strlen(text);
    f->sent.start = 0;
    f->sent.end = (uint32_t)f->doc.len;
    f->an.doc = &f->doc;
    f->an.sents = &f->sent;
    f->an.nsent = 1;
    f->an.timex = &f->tx;
    f->an.ntimex = 0;
    f->ev.sent = 0;
    f->ev.date = (txt_date){2001, 9, 11, TXT_PREC_DAY};
    strcpy(f->ev.source, "USA");
    strcpy(f->ev.target, "AFG");
    strcpy(f->ev.code, "190");
    f->ev.modality = CODE_MOD_ASSERTED;
    f->ev.src = (code_span){0, 3};
    f->ev.verb = (code_span){4, 9};
    f->ev.tgt = (code_span){-1, -1};
    f->ev.why.timex = -1;
}

/* The "text" member of the one JSON line in b, as written. */
static char *text_member(const dy_buf *b)
{
    const char *k = strstr(b->data, ",\"text\":");
    assert_non_null(k);
    k += strlen(",\"text\":");
    const char *e = strstr(k, ",\"spans\":");
    assert_non_null(e);
    size_t n = (size_t)(e - k);
    char *s = malloc(n + 1);
    assert_non_null(s);
    memcpy(s, k, n);
    s[n] = '\0';
    return s;
}

static void test_json_escaping(void **state)
{
    (void)state;
    /* Every special byte at every position of a 40-byte text, so that it
     * falls at the start, middle and end of a vector and in the tail. */
    static const char specials[] = {'"', '\\', '\n', '\r', '\t', 0x01, 0x1f, 0x7f};
    char text[41];
    for (size_t sp = 0; sp < sizeof specials; sp++) {
        for (size_t pos = 0; pos < 40; pos++) {
            for (size_t i = 0; i < 40; i++)
                text[i] = (char)('a' + i % 26);
            text[pos] = specials[sp];
            text[(pos * 7 + 3) % 40] = specials[(sp + 1) % sizeof specials];
            text[40] = '\0';
            fixture f;
            setup_fixture(&f, "d", text);
            dy_buf got = {0}, want = {0};
            assert_int_equal(code_event_write(&got, CODE_OUT_JSONL, &f.doc, &f.an, &f.ev, NULL, NULL, 0), 0);
            ref_json(&want, text, 40);
            char *t = text_member(&got);
            assert_string_equal(t, want.data);
            free(t);
            dy_buf_free(&got);
            dy_buf_free(&want);
        }
    }
    /* UTF-8 passes through unchanged; short and empty texts. */
    const char *cases[] = {"Caf\xC3\xA9 na\xC3\xAFve \xE2\x80\x94 \xF0\x9F\x98\x80", "x", "",
                           "a\"b", "0123456789abcdef", "0123456789abcde\\"};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        fixture f;
        setup_fixture(&f, "d", cases[c]);
        dy_buf got = {0}, want = {0};
        assert_int_equal(code_event_write(&got, CODE_OUT_JSONL, &f.doc, &f.an, &f.ev, NULL, NULL, 0), 0);
        ref_json(&want, cases[c], strlen(cases[c]));
        char *t = text_member(&got);
        assert_string_equal(t, want.data);
        free(t);
        dy_buf_free(&got);
        dy_buf_free(&want);
    }
}

static void test_json_line(void **state)
{
    (void)state;
    fixture f;
    setup_fixture(&f, "doc \"7\"", "US bombs Kabul.");
    f.ev.sent = 4294967295u;
    f.ev.tgt = (code_span){9, 2147483647};
    dy_buf b = {0};
    dy_buf_adds(&b, "before\n");
    assert_int_equal(code_event_write(&b, CODE_OUT_JSONL, &f.doc, &f.an, &f.ev, NULL, NULL, 0), 0);
    assert_string_equal(b.data,
                        "before\n"
                        "{\"doc\":\"doc \\\"7\\\"\",\"sent\":4294967295,\"date\":\"2001-09-11\","
                        "\"source\":\"USA\",\"target\":\"AFG\",\"code\":\"190\",\"root\":\"19\","
                        "\"quad\":null,\"goldstein\":null,\"modality\":\"asserted\","
                        "\"text\":\"\",\"spans\":{\"source\":[0,3],\"verb\":[4,9],"
                        "\"target\":[9,2147483647]},\"geo\":null}\n");
    assert_int_equal(b.len, strlen(b.data));
    dy_buf_free(&b);

    /* The sentence index is out of range: an empty text, no crash. Then an
     * unknown date, a one-character code and no spans. */
    f.ev.sent = 0;
    f.ev.date.prec = TXT_PREC_NONE;
    strcpy(f.ev.code, "1");
    f.ev.src = f.ev.verb = f.ev.tgt = (code_span){-1, -1};
    f.ev.modality = CODE_MOD_HYPOTHETICAL;
    assert_int_equal(code_event_write(&b, CODE_OUT_JSONL, &f.doc, &f.an, &f.ev, NULL, NULL, 0), 0);
    assert_string_equal(b.data,
                        "{\"doc\":\"doc \\\"7\\\"\",\"sent\":0,\"date\":null,\"source\":\"USA\","
                        "\"target\":\"AFG\",\"code\":\"1\",\"root\":\"1\",\"quad\":null,"
                        "\"goldstein\":null,\"modality\":\"hypothetical\","
                        "\"text\":\"US bombs Kabul.\",\"spans\":{\"source\":null,\"verb\":null,"
                        "\"target\":null},\"geo\":null}\n");
    dy_buf_reset(&b);

    /* A placed event: its place after the spans (docs/exports.md). */
    f.ev.geo = (code_geo){"Kabul \"old\"", "AFG", 34.5281f, 69.1723f, CODE_GEO_CITY,
                          CODE_GEO_SRC_DOCUMENT, {9, 14}};
    assert_int_equal(code_event_write(&b, CODE_OUT_JSONL, &f.doc, &f.an, &f.ev, NULL, NULL, 0), 0);
    assert_non_null(strstr(b.data, "\"target\":null},\"geo\":{\"name\":\"Kabul \\\"old\\\"\","
                                    "\"country\":\"AFG\",\"lat\":34.5281,\"lon\":69.1723,"
                                    "\"precision\":\"city\",\"source\":\"document\"}}\n"));
    dy_buf_free(&b);
}

static void test_explain(void **state)
{
    (void)state;
    fixture f;
    setup_fixture(&f, "d1", "On Monday the US said it would bomb Kabul.");
    f.tx = (txt_timex){.start = 3, .end = 9, .date = {2001, 10, 8, TXT_PREC_DAY}};
    f.an.ntimex = 1;
    f.ev.why = (code_explain){.pattern = "verbs/19.txt:12",
                              .pattern_text = "* bomb +",
                              .source_entry = "actors/states.txt:3",
                              .target_entry = NULL,
                              .src_tok = {2, 4},
                              .verb_tok = {7, 8},
                              .tgt_tok = {0, 0},
                              .modality_cue = "would",
                              .cue = {30, 35},
                              .src_rel = "nsubj",
                              .timex = 0};
    dy_buf b = {0};
    assert_int_equal(code_event_write(&b, CODE_OUT_JSONL, &f.doc, &f.an, &f.ev, NULL, NULL, 1), 0);
    const char *x = strstr(b.data, ",\"explain\":");
    assert_non_null(x);
    assert_string_equal(x, ",\"explain\":{\"pattern\":\"verbs/19.txt:12\",\"pattern_text\":"
                           "\"* bomb +\",\"source_entry\":\"actors/states.txt:3\","
                           "\"target_entry\":null,\"tokens\":{\"source\":[2,4],\"verb\":[7,8],"
                           "\"target\":null},\"relations\":{\"source\":\"nsubj\",\"target\":null},"
                           "\"modality_cue\":{\"text\":\"would\",\"span\":"
                           "[30,35]},\"time\":{\"text\":\"Monday\",\"span\":[3,9],"
                           "\"precision\":\"day\"}}}\n");
    dy_buf_reset(&b);
    /* No time expression: the document date, or null without one. */
    f.ev.why.timex = -1;
    f.ev.why.modality_cue = NULL;
    assert_int_equal(code_event_write(&b, CODE_OUT_JSONL, &f.doc, &f.an, &f.ev, NULL, NULL, 1), 0);
    assert_non_null(strstr(b.data, "\"modality_cue\":null,\"time\":\"document date\"}}\n"));
    dy_buf_reset(&b);
    f.ev.date.prec = TXT_PREC_NONE;
    assert_int_equal(code_event_write(&b, CODE_OUT_JSONL, &f.doc, &f.an, &f.ev, NULL, NULL, 1), 0);
    assert_non_null(strstr(b.data, "\"time\":null}}\n"));
    dy_buf_free(&b);
}

static void test_tsv_and_goldstein(void **state)
{
    (void)state;
    code_cameo *cam = NULL;
    dy_err e;
    dy_err_clear(&e);
    assert_int_equal(code_cameo_load(DYAD_SRCDIR "/data/cameo/codes.tsv", &cam, &e), 0);
    fixture f;
    setup_fixture(&f, "id\twith tab", "US\tbombs\nKabul.");
    dy_buf b = {0};
    /* Every code of the table: quad and Goldstein score as printf writes
     * them, in both formats. */
    for (size_t i = 0; i < code_cameo_count(cam); i++) {
        const code_cameo_entry *ce = code_cameo_at(cam, i);
        snprintf(f.ev.code, sizeof f.ev.code, "%s", ce->code);
        char want[256];
        dy_buf_reset(&b);
        assert_int_equal(code_event_write(&b, CODE_OUT_TSV, &f.doc, &f.an, &f.ev, cam, NULL, 0), 0);
        snprintf(want, sizeof want,
                 "id with tab\t0\t2001-09-11\tUSA\tAFG\t%s\t%.2s\t%d\t%.1f\tasserted\t"
                 "US bombs Kabul.\t0-3\t4-9\t\n",
                 ce->code, ce->code, ce->quad, ce->goldstein);
        assert_string_equal(b.data, want);
        dy_buf_reset(&b);
        assert_int_equal(code_event_write(&b, CODE_OUT_JSONL, &f.doc, &f.an, &f.ev, cam, NULL, 0), 0);
        snprintf(want, sizeof want, "\"quad\":%d,\"goldstein\":%.1f,", ce->quad, ce->goldstein);
        assert_non_null(strstr(b.data, want));
    }
    /* Explain columns; a code the table lacks leaves quad and score empty. */
    strcpy(f.ev.code, "999");
    f.ev.why = (code_explain){.pattern = "p:1", .source_entry = "s\t:2", .tgt_rel = "obl", .timex = -1};
    dy_buf_reset(&b);
    assert_int_equal(code_event_write(&b, CODE_OUT_TSV, &f.doc, &f.an, &f.ev, cam, NULL, 1), 0);
    assert_string_equal(b.data, "id with tab\t0\t2001-09-11\tUSA\tAFG\t999\t99\t\t\tasserted\t"
                                "US bombs Kabul.\t0-3\t4-9\t\tp:1\ts :2\t\t\t\t\tobl\n");
    dy_buf_reset(&b);
    assert_int_equal(code_event_write_tsv_header(&b, 1), 0);
    assert_non_null(strstr(b.data, "\ttarget_span\tpattern\t"));
    assert_non_null(strstr(b.data, "\ttime\tsource_relation\ttarget_relation\n"));
    dy_buf_free(&b);
    code_cameo_free(cam);
}

/* dy_buf_reserve: room after the contents, kept across growth, and an
 * out-of-memory state that sticks (the writer relies on both). */
static void test_buf_reserve(void **state)
{
    (void)state;
    dy_buf b = {0};
    assert_int_equal(dy_buf_adds(&b, "ab"), 0);
    char *p = dy_buf_reserve(&b, 5000);
    assert_non_null(p);
    assert_ptr_equal(p, b.data + 2);
    assert_true(b.cap >= 2 + 5000 + 1);
    memcpy(p, "cd", 2);
    b.len += 2;
    b.data[b.len] = '\0';
    assert_string_equal(b.data, "abcd");
    dy_buf_free(&b);
    dy_buf c = {0};
    dy_alloc_fail_after(0);
    assert_null(dy_buf_reserve(&c, 10));
    dy_alloc_fail_after(-1);
    assert_true(c.oom);
    assert_null(dy_buf_reserve(&c, 1));
    assert_null(dy_buf_reserve(&c, SIZE_MAX));
    dy_buf_free(&c);
}

static void test_many_events_one_buffer(void **state)
{
    (void)state;
    /* Growth from an empty buffer through many reallocations keeps every
     * line whole. */
    char text[3000];
    for (size_t i = 0; i < sizeof text - 1; i++)
        text[i] = i % 50 == 49 ? '\n' : (char)('a' + i % 26);
    text[sizeof text - 1] = '\0';
    fixture f;
    setup_fixture(&f, "big", text);
    dy_buf b = {0};
    for (int i = 0; i < 200; i++)
        assert_int_equal(code_event_write(&b, CODE_OUT_JSONL, &f.doc, &f.an, &f.ev, NULL, NULL, 0), 0);
    size_t lines = 0;
    for (size_t i = 0; i < b.len; i++)
        lines += b.data[i] == '\n';
    assert_int_equal(lines, 200);
    assert_int_equal(b.len % 200, 0);
    assert_int_equal(b.len, strlen(b.data));
    dy_buf_free(&b);
}

/* Fields longer than any room made up front: the writer grows the buffer
 * between fields, and the line is the same as one written into a buffer
 * that had room for all of it from the start. */
static void test_growth_between_fields(void **state)
{
    (void)state;
    static char big[6][5000];
    for (int k = 0; k < 6; k++) {
        for (size_t i = 0; i < sizeof big[k] - 1; i++)
            big[k][i] = (char)(i % 97 == 0 ? '"' : 'a' + (i + (size_t)k) % 26);
        big[k][sizeof big[k] - 1] = '\0';
    }
    fixture f;
    setup_fixture(&f, big[0], "Short sentence.");
    f.ev.why.pattern = big[1];
    f.ev.why.pattern_text = big[2];
    f.ev.why.source_entry = big[3];
    f.ev.why.target_entry = big[4];
    f.ev.why.modality_cue = big[5];
    for (int format = CODE_OUT_JSONL; format <= CODE_OUT_TSV; format++) {
        dy_buf small = {0}, roomy = {0};
        assert_int_equal(dy_buf_adds(&small, "x"), 0);
        assert_non_null(dy_buf_reserve(&roomy, 1 << 20));
        assert_int_equal(dy_buf_adds(&roomy, "x"), 0);
        assert_int_equal(code_event_write(&small, format, &f.doc, &f.an, &f.ev, NULL, NULL, 1), 0);
        assert_int_equal(code_event_write(&roomy, format, &f.doc, &f.an, &f.ev, NULL, NULL, 1), 0);
        assert_int_equal(small.len, roomy.len);
        assert_string_equal(small.data, roomy.data);
        assert_int_equal(strlen(small.data), small.len);
        assert_true(small.len > 5 * 4999); /* TSV has no pattern_text */
        dy_buf_free(&small);
        dy_buf_free(&roomy);
    }
}

/* Out of memory in the middle of a record: nothing of it stays, what was
 * there before stays, and the buffer reports the failure. */
static void test_oom_drops_the_record(void **state)
{
    (void)state;
    static char text[20000];
    memset(text, 'a', sizeof text - 1);
    fixture f;
    setup_fixture(&f, "d", text);
    dy_buf b = {0};
    assert_int_equal(dy_buf_adds(&b, "before\n"), 0);
    dy_alloc_fail_after(0);
    assert_int_equal(code_event_write(&b, CODE_OUT_JSONL, &f.doc, &f.an, &f.ev, NULL, NULL, 0),
                     DY_ENOMEM);
    dy_alloc_fail_after(-1);
    assert_true(b.oom);
    assert_int_equal(b.len, 7);
    assert_string_equal(b.data, "before\n");
    dy_buf_free(&b);
}

/* A stored event (the web stage's records): id first, null date and
 * modality, no quad, the stored explain and the support count. */
static void test_stored_record(void **state)
{
    (void)state;
    code_event_rec r = {
        .id = 42, .has_id = 1, .doc = "d\"1", .doc_len = 3, .sent = 3, .date = NULL,
        .source = "RUS", .source_len = 3, .target = "", .target_len = 0,
        .code = "0231", .code_len = 4, .root = "02", .root_len = 2, .has_quad = 0,
        .modality = NULL, .text = "Russia\tasked.", .text_len = 13,
        .src = {0, 6}, .verb = {7, 12}, .tgt = {-1, -1},
        .explain = CODE_EXPLAIN_STORED, .pattern = "verbs/02.txt:4", .source_entry = NULL,
        .target_entry = "actors/x.txt:1", .dict_version = "v1", .support = 5, .has_support = 1,
    };
    dy_buf b = {0};
    assert_int_equal(code_event_rec_write(&b, CODE_OUT_JSONL, &r, 0), 0);
    assert_string_equal(
        b.data,
        "{\"id\":42,\"doc\":\"d\\\"1\",\"sent\":3,\"date\":null,\"source\":\"RUS\","
        "\"target\":\"\",\"code\":\"0231\",\"root\":\"02\",\"quad\":null,\"goldstein\":null,"
        "\"modality\":null,\"text\":\"Russia\\tasked.\",\"spans\":{\"source\":[0,6],"
        "\"verb\":[7,12],\"target\":null},\"explain\":{\"pattern\":\"verbs/02.txt:4\","
        "\"source_entry\":null,\"target_entry\":\"actors/x.txt:1\",\"dict_version\":\"v1\"},"
        "\"support\":5}");
    r.has_quad = 1;
    r.quad = 1;
    r.goldstein = -2.25;
    r.explain = CODE_EXPLAIN_NONE;
    r.has_support = 0;
    r.has_id = 0;
    dy_buf_reset(&b);
    assert_int_equal(code_event_rec_write(&b, CODE_OUT_JSONL, &r, 1), 0);
    assert_non_null(strstr(b.data, "{\"doc\":"));
    assert_non_null(strstr(b.data, ",\"quad\":1,\"goldstein\":-2.3,"));
    assert_null(strstr(b.data, "explain"));
    assert_null(strstr(b.data, "support"));
    assert_int_equal(b.data[b.len - 1], '\n');
    assert_int_equal(b.data[b.len - 2], '}');
    dy_buf_free(&b);
}

/* Cells a spreadsheet would run as formulas; numbers are data. */
static void test_cell_formula(void **state)
{
    (void)state;
    static const char *const yes[] = {"=1+1", "+A1", "-2+3", "@SUM(A1)", "\tx", "\rx", "-",
                                      "+", "=", "-.", "-e5", "+1e", NULL};
    static const char *const no[] = {"", "-2.5", "+1e3", "-0.5E-7", "12", "3.", ".5", "-.5",
                                     "a=1", "RUS", " =x", "1-2", NULL};
    for (size_t i = 0; yes[i]; i++) {
        if (!dy_cell_formula(yes[i], strlen(yes[i])))
            fail_msg("'%s' should be a formula", yes[i]);
    }
    for (size_t i = 0; no[i]; i++)
        if (dy_cell_formula(no[i], strlen(no[i])))
            fail_msg("'%s' should not be a formula", no[i]);
    /* only the first n bytes count */
    assert_false(dy_cell_formula("-2.5=x", 4));
    assert_true(dy_cell_formula("-2.5=x", 6));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_escaping),
        cmocka_unit_test(test_cell_formula),
        cmocka_unit_test(test_json_line),
        cmocka_unit_test(test_explain),
        cmocka_unit_test(test_tsv_and_goldstein),
        cmocka_unit_test(test_buf_reserve),
        cmocka_unit_test(test_many_events_one_buffer),
        cmocka_unit_test(test_growth_between_fields),
        cmocka_unit_test(test_oom_drops_the_record),
        cmocka_unit_test(test_stored_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
