/* test_returns.c - documented return codes of loaders that read files:
 * code_cues_load (a directory or an unreadable path is DY_EIO, not "too
 * large"; more than 64 KiB is DY_ELIMIT; a missing file is DY_EIO), and
 * DY_ASSERT, which must not evaluate its condition outside checked builds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "code/code.h"
#include "core/invariant.h"

#ifndef DYAD_SRCDIR
#define DYAD_SRCDIR "."
#endif

static void test_cues_directory_is_eio(void **state)
{
    (void)state;
    char dir[] = "/tmp/dyad-cues-XXXXXX";
    assert_non_null(mkdtemp(dir));
    code_cues *c = (code_cues *)1;
    dy_err e;
    dy_err_clear(&e);
    assert_int_equal(code_cues_load(dir, &c, &e), DY_EIO);
    assert_null(c);
    assert_int_equal(e.code, DY_EIO);
    assert_non_null(strstr(e.msg, "cannot read"));
    assert_int_equal(rmdir(dir), 0);
    assert_int_equal(code_cues_load("/nonexistent/cues.txt", &c, &e), DY_EIO);
    assert_non_null(strstr(e.msg, "cannot open"));
}

static void test_cues_too_large_is_elimit(void **state)
{
    (void)state;
    char path[] = "/tmp/dyad-cues-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    assert_non_null(fp);
    for (int i = 0; i < 70000 / 16; i++)
        fputs("# comment line\n\n", fp);
    assert_int_equal(fclose(fp), 0);
    code_cues *c = NULL;
    dy_err e;
    assert_int_equal(code_cues_load(path, &c, &e), DY_ELIMIT);
    assert_null(c);
    unlink(path);
    /* the default file loads */
    assert_int_equal(code_cues_load(DYAD_SRCDIR "/data/coder/cues.txt", &c, &e), 0);
    assert_non_null(c);
    code_cues_free(c);
}

static void test_assert_macro(void **state)
{
    (void)state;
    int n = 0;
    DY_ASSERT(++n == 1);
#ifdef DY_CHECKED
    assert_int_equal(n, 1); /* checked: evaluated once */
#else
    assert_int_equal(n, 0); /* otherwise never evaluated */
#endif
    DY_ASSERT(n >= 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cues_directory_is_eio),
        cmocka_unit_test(test_cues_too_large_is_elimit),
        cmocka_unit_test(test_assert_macro),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
