/* test_core.c - the shared helpers of src/core: FNV-1a (published test
 * vectors, and txt_hash agreeing with it), dy_vec_grow (growth, contents
 * kept, failure leaves the array as it was), dy_arena_vec_grow (the same
 * for arena arrays), dy_read_file (contents and
 * terminator, missing file, directory, size limit, empty file). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/arena.h"
#include "core/file.h"
#include "core/hash.h"
#include "core/vec.h"
#include "text/text.h"

static void test_fnv1a(void **state)
{
    (void)state;
    /* Test vectors of the FNV reference (Fowler, Noll, Vo). */
    assert_true(dy_fnv1a("", 0) == 0xcbf29ce484222325ull);
    assert_true(dy_fnv1a("a", 1) == 0xaf63dc4c8601ec8cull);
    assert_true(dy_fnv1a("foobar", 6) == 0x85944171f73967e8ull);
    assert_true(dy_fnv1a_str("foobar") == 0x85944171f73967e8ull);
    assert_true(dy_fnv1a_more(dy_fnv1a("foo", 3), "bar", 3) == 0x85944171f73967e8ull);
    assert_true(txt_hash("foobar", 6) == dy_fnv1a("foobar", 6));
}

/* Grow an int array element by element to 1000 through dy_vec_grow (a
 * NULL) or dy_arena_vec_grow (in arena a): capacity always ahead, contents
 * kept, growth geometric. Returns the array; its capacity in *cap. */
static int *grow_ints(dy_arena *a, size_t *cap)
{
    int *v = NULL;
    size_t n = 0;
    *cap = 0;
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(a ? dy_arena_vec_grow(a, &v, cap, n, sizeof *v)
                           : dy_vec_grow(&v, cap, n, sizeof *v),
                         0);
        assert_true(*cap > n);
        v[n++] = i;
    }
    for (int i = 0; i < 1000; i++)
        assert_int_equal(v[i], i);
    assert_true(*cap >= 1000 && *cap < 4000);
    return v;
}

static void test_vec_grow(void **state)
{
    (void)state;
    size_t cap;
    int *v = grow_ints(NULL, &cap);
    /* failure: array and capacity unchanged */
    int *old = v;
    size_t oldcap = cap;
    dy_alloc_fail_after(0);
    assert_int_equal(dy_vec_grow(&v, &cap, cap, sizeof *v), DY_ENOMEM);
    dy_alloc_fail_after(-1);
    assert_ptr_equal(v, old);
    assert_int_equal(cap, oldcap);
    assert_int_equal(dy_vec_grow(&v, &cap, SIZE_MAX / 2, sizeof *v), DY_ENOMEM);
    assert_int_equal(cap, oldcap);
    dy_free(v);
    assert_int_equal(dy_vec_next_cap(0, 0, 16), 16);
    assert_int_equal(dy_vec_next_cap(16, 16, 16), 32);
    assert_int_equal(dy_vec_next_cap(16, 100, 16), 101);
    assert_int_equal(dy_vec_next_cap(SIZE_MAX / 2 + 1, 5, 16), SIZE_MAX);
    assert_int_equal(dy_vec_next_cap(4, SIZE_MAX, 16), 0);
}

static void test_arena_vec_grow(void **state)
{
    (void)state;
    dy_arena *a = dy_arena_new();
    assert_non_null(a);
    size_t cap;
    int *v = grow_ints(a, &cap);
    /* overflow: array and capacity unchanged (an arena with room in its
     * block allocates nothing, so allocator failures are tested where
     * arenas are used) */
    int *old = v;
    size_t oldcap = cap;
    assert_int_equal(dy_arena_vec_grow(a, &v, &cap, SIZE_MAX / 2, sizeof *v), DY_ENOMEM);
    assert_int_equal(dy_arena_vec_grow(a, &v, &cap, SIZE_MAX, sizeof *v), DY_ENOMEM);
    assert_ptr_equal(v, old);
    assert_int_equal(cap, oldcap);
    dy_arena_free(a);
}

static void test_read_file(void **state)
{
    (void)state;
    char path[] = "/tmp/dyad-core-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    static char big[300000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (char)('a' + i % 23);
    assert_int_equal(write(fd, big, sizeof big), (ssize_t)sizeof big);
    close(fd);
    char *s;
    size_t n;
    dy_err e;
    assert_int_equal(dy_read_file(path, "thing", 0, &s, &n, &e), 0);
    assert_int_equal(n, sizeof big);
    assert_memory_equal(s, big, n);
    assert_int_equal(s[n], '\0');
    dy_free(s);
    assert_int_equal(dy_read_file(path, "thing", 1000, &s, &n, &e), DY_ELIMIT);
    assert_null(s);
    assert_int_equal(n, 0);
    assert_int_equal(truncate(path, 0), 0);
    assert_int_equal(dy_read_file(path, NULL, 0, &s, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(s[0], '\0');
    dy_free(s);
    unlink(path);
    assert_int_equal(dy_read_file(path, "thing", 0, &s, &n, &e), DY_EIO);
    assert_string_equal(e.file, path);
    assert_non_null(strstr(e.msg, "cannot open thing: "));
    assert_int_equal(dy_read_file("/tmp", NULL, 0, &s, &n, &e), DY_EIO);
    assert_non_null(strstr(e.msg, "cannot read: "));
    assert_null(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fnv1a),
        cmocka_unit_test(test_vec_grow),
        cmocka_unit_test(test_arena_vec_grow),
        cmocka_unit_test(test_read_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
