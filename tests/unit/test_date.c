/* test_date.c - calendar helpers: parse, format, compare, leap years,
 * weekdays, day arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "text/text.h"

static txt_date parse_ok(const char *s)
{
    txt_date d;
    int rc = txt_date_parse(s, strlen(s), &d);
    if (rc)
        print_error("txt_date_parse(\"%s\") = %d\n", s, rc);
    assert_int_equal(rc, 0);
    return d;
}

static void parse_bad(const char *s)
{
    txt_date d = {7, 7, 7, TXT_PREC_DAY};
    int rc = txt_date_parse(s, strlen(s), &d);
    if (rc != DY_EPARSE)
        print_error("txt_date_parse(\"%s\") accepted\n", s);
    assert_int_equal(rc, DY_EPARSE);
    /* *out untouched on failure */
    assert_int_equal(d.year, 7);
    assert_int_equal(d.day, 7);
}

static void test_parse(void **state)
{
    (void)state;
    txt_date d = parse_ok("2023-09-13");
    assert_int_equal(d.year, 2023);
    assert_int_equal(d.month, 9);
    assert_int_equal(d.day, 13);
    assert_int_equal(d.prec, TXT_PREC_DAY);
    d = parse_ok("2023-09");
    assert_int_equal(d.month, 9);
    assert_int_equal(d.day, 0);
    assert_int_equal(d.prec, TXT_PREC_MONTH);
    d = parse_ok("1987");
    assert_int_equal(d.year, 1987);
    assert_int_equal(d.month, 0);
    assert_int_equal(d.prec, TXT_PREC_YEAR);
    d = parse_ok("2023-09-13T10:00:00Z");
    assert_int_equal(d.day, 13);
    assert_int_equal(d.prec, TXT_PREC_DAY);
    d = parse_ok("2023-09-13 10:00+03:00");
    assert_int_equal(d.day, 13);
    d = parse_ok("2024-02-29");
    assert_int_equal(d.day, 29);
    d = parse_ok("2000-02-29");
    assert_int_equal(d.month, 2);
    /* only n bytes are read */
    assert_int_equal(txt_date_parse("2023-09-13garbage", 10, &d), 0);
    assert_int_equal(d.day, 13);
}

static void test_parse_bad(void **state)
{
    (void)state;
    parse_bad("2023-02-30");
    parse_bad("2023-02-29");
    parse_bad("1900-02-29");
    parse_bad("2023-04-31");
    parse_bad("2023-13-01");
    parse_bad("2023-00-10");
    parse_bad("2023-09-00");
    parse_bad("20230");
    parse_bad("2023-09-13Tx");
    parse_bad("2023-09-13T");
    parse_bad("2023-09-13 ");
    parse_bad("2023-09T10:00");
    parse_bad("2023-9-13");
    parse_bad("0000");
    parse_bad("");
    parse_bad("abcd");
    parse_bad("2023/09/13");
    parse_bad("2023-09-13T25:00");
    parse_bad("2023-09-13T10:00 Europe");
}

static void test_format(void **state)
{
    (void)state;
    char b[11];
    txt_date d = {2023, 9, 3, TXT_PREC_DAY};
    assert_int_equal(txt_date_format(&d, b), 10);
    assert_string_equal(b, "2023-09-03");
    d.prec = TXT_PREC_MONTH;
    assert_int_equal(txt_date_format(&d, b), 7);
    assert_string_equal(b, "2023-09");
    d.prec = TXT_PREC_YEAR;
    assert_int_equal(txt_date_format(&d, b), 4);
    assert_string_equal(b, "2023");
    d = (txt_date){1990, 0, 0, TXT_PREC_DECADE};
    assert_int_equal(txt_date_format(&d, b), 4);
    assert_string_equal(b, "1990");
    d.prec = TXT_PREC_NONE;
    assert_int_equal(txt_date_format(&d, b), 0);
    assert_string_equal(b, "");
    d = (txt_date){812, 1, 2, TXT_PREC_DAY};
    txt_date_format(&d, b);
    assert_string_equal(b, "0812-01-02");
    /* out-of-range fields are clamped, never truncated */
    d = (txt_date){123456, 123, -5, TXT_PREC_DAY};
    assert_int_equal(txt_date_format(&d, b), 10);
    assert_string_equal(b, "9999-99-00");
    /* round trip */
    txt_date r = parse_ok("2016-02-29");
    txt_date_format(&r, b);
    assert_string_equal(b, "2016-02-29");
}

static void test_prec_names(void **state)
{
    (void)state;
    assert_string_equal(txt_prec_name(TXT_PREC_DAY), "day");
    assert_string_equal(txt_prec_name(TXT_PREC_MONTH), "month");
    assert_string_equal(txt_prec_name(TXT_PREC_YEAR), "year");
    assert_string_equal(txt_prec_name(TXT_PREC_DECADE), "decade");
    assert_string_equal(txt_prec_name(TXT_PREC_NONE), "none");
    assert_string_equal(txt_prec_name(42), "none");
}

static void test_cmp(void **state)
{
    (void)state;
    txt_date a = parse_ok("2023-09-13"), b = parse_ok("2023-09-14");
    txt_date m = parse_ok("2023-09"), y = parse_ok("2023");
    assert_true(txt_date_cmp(&a, &b) < 0);
    assert_true(txt_date_cmp(&b, &a) > 0);
    assert_int_equal(txt_date_cmp(&a, &a), 0);
    /* coarser dates compare by their first day */
    assert_true(txt_date_cmp(&m, &a) < 0);
    assert_true(txt_date_cmp(&y, &m) < 0);
    txt_date s1 = parse_ok("2023-09-01");
    assert_int_equal(txt_date_cmp(&m, &s1), 0);
}

static void test_days_in_month(void **state)
{
    (void)state;
    assert_int_equal(txt_days_in_month(2023, 1), 31);
    assert_int_equal(txt_days_in_month(2023, 2), 28);
    assert_int_equal(txt_days_in_month(2024, 2), 29);
    assert_int_equal(txt_days_in_month(1900, 2), 28);
    assert_int_equal(txt_days_in_month(2000, 2), 29);
    assert_int_equal(txt_days_in_month(2100, 2), 28);
    assert_int_equal(txt_days_in_month(2023, 4), 30);
    assert_int_equal(txt_days_in_month(2023, 12), 31);
    assert_int_equal(txt_days_in_month(2023, 0), 0);
    assert_int_equal(txt_days_in_month(2023, 13), 0);
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(txt_weekday(1970, 1, 1), 3);   /* Thursday */
    assert_int_equal(txt_weekday(2023, 9, 13), 2);  /* Wednesday */
    assert_int_equal(txt_weekday(2023, 9, 15), 4);  /* Friday */
    assert_int_equal(txt_weekday(2000, 1, 1), 5);   /* Saturday */
    assert_int_equal(txt_weekday(2024, 2, 29), 3);  /* Thursday */
    assert_int_equal(txt_weekday(1969, 7, 20), 6);  /* Sunday */
    assert_int_equal(txt_weekday(1900, 1, 1), 0);   /* Monday */
    assert_int_equal(txt_weekday(1600, 3, 1), 2);   /* Wednesday */
}

static void expect_add(const char *from, int n, const char *want)
{
    txt_date d = parse_ok(from);
    txt_date r = txt_date_add_days(d, n);
    char b[11];
    txt_date_format(&r, b);
    assert_string_equal(b, want);
    assert_int_equal(r.prec, TXT_PREC_DAY);
}

static void test_add_days(void **state)
{
    (void)state;
    expect_add("2023-09-15", 0, "2023-09-15");
    expect_add("2023-09-15", -1, "2023-09-14");
    expect_add("2023-01-01", -1, "2022-12-31");
    expect_add("2022-12-31", 1, "2023-01-01");
    expect_add("2024-02-28", 1, "2024-02-29");
    expect_add("2023-02-28", 1, "2023-03-01");
    expect_add("2024-03-01", -1, "2024-02-29");
    expect_add("1900-02-28", 1, "1900-03-01");
    expect_add("2000-02-28", 1, "2000-02-29");
    expect_add("2023-09-15", 365, "2024-09-14");
    expect_add("2023-09-15", -36525, "1923-09-15");
    expect_add("1970-01-01", -1, "1969-12-31");
    /* dates without a day are left alone */
    txt_date m = parse_ok("2023-09");
    txt_date r = txt_date_add_days(m, 5);
    assert_int_equal(r.month, 9);
    assert_int_equal(r.day, 0);
    assert_int_equal(r.prec, TXT_PREC_MONTH);
}

/* The supported range is years 1..9999 with valid fields for the
 * precision; add_days may leave it and txt_date_valid says so. */
static void test_valid(void **state)
{
    (void)state;
    static const char *const good[] = {"0001-01-01", "9999-12-31", "2024-02-29", "2023-09",
                                       "2023"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        txt_date d = parse_ok(good[i]);
        assert_true(txt_date_valid(&d));
    }
    txt_date d = txt_date_add_days(parse_ok("9999-12-31"), 1);
    assert_int_equal(d.year, 10000);
    assert_false(txt_date_valid(&d));
    d = txt_date_add_days(parse_ok("0001-01-01"), -1);
    assert_int_equal(d.year, 0);
    assert_false(txt_date_valid(&d));
    txt_date bad[] = {{0, 0, 0, TXT_PREC_NONE},     {2023, 2, 29, TXT_PREC_DAY},
                      {2023, 13, 0, TXT_PREC_MONTH}, {2023, 1, 0, TXT_PREC_YEAR},
                      {1995, 0, 0, TXT_PREC_DECADE}, {10000, 0, 0, TXT_PREC_YEAR},
                      {2023, 1, 1, 9}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(txt_date_valid(&bad[i]));
    txt_date dec = {1990, 0, 0, TXT_PREC_DECADE};
    assert_true(txt_date_valid(&dec));
    assert_false(txt_date_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),          cmocka_unit_test(test_parse_bad),
        cmocka_unit_test(test_format),         cmocka_unit_test(test_prec_names),
        cmocka_unit_test(test_cmp),            cmocka_unit_test(test_days_in_month),
        cmocka_unit_test(test_weekday),        cmocka_unit_test(test_add_days),
        cmocka_unit_test(test_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
