/* test_pipe.c - the batch pipeline dy_pipe (core/pipe.h): delivery in
 * queue order for any number of threads and any window, work on the
 * workers' own indices, a stop at the first error of done with every later
 * item handed back as abandoned. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "core/pipe.h"

typedef struct pipe_ctx {
    long next;       /* the item expected next */
    long delivered, abandoned;
    long fail_at;    /* done fails on this item, -1 never */
    int threads;
} pipe_ctx;

static void square(void *ud, int worker, void *item)
{
    pipe_ctx *c = ud;
    long *x = item;
    assert_true(worker >= 0 && worker < (c->threads > 1 ? c->threads : 1));
    /* uneven work, so that items finish out of order */
    volatile long spin = (x[0] * 7919) % 5000;
    while (spin > 0)
        spin--;
    x[1] = x[0] * x[0];
}

static int take(void *ud, void *item, int abandon)
{
    pipe_ctx *c = ud;
    long *x = item;
    int rc = 0;
    if (abandon) {
        c->abandoned++;
    } else {
        assert_int_equal(x[0], c->next);
        assert_int_equal(x[1], x[0] * x[0]);
        c->delivered++;
        if (x[0] == c->fail_at)
            rc = 7;
    }
    c->next = x[0] + 1;
    free(x);
    return rc;
}

static void run_pipe(int threads, size_t window, long n, long fail_at, long *delivered,
                     long *abandoned, int *rc)
{
    pipe_ctx c = {.fail_at = fail_at, .threads = threads};
    dy_pipe *p;
    assert_int_equal(dy_pipe_new(threads, window, square, take, &c, &p), 0);
    int r = 0;
    for (long i = 0; i < n; i++) {
        long *x = malloc(2 * sizeof *x);
        assert_non_null(x);
        x[0] = i;
        int k = dy_pipe_push(p, x);
        if (k && !r)
            r = k;
    }
    int k = dy_pipe_finish(p, 0);
    if (k && !r)
        r = k;
    assert_int_equal(c.next, n);
    *delivered = c.delivered;
    *abandoned = c.abandoned;
    *rc = r;
}

static void test_pipe_order(void **state)
{
    (void)state;
    int threads[] = {1, 2, 3, 8};
    size_t windows[] = {1, 4, 64};
    for (size_t t = 0; t < 4; t++)
        for (size_t w = 0; w < 3; w++) {
            long d, a;
            int rc;
            run_pipe(threads[t], windows[w], 500, -1, &d, &a, &rc);
            assert_int_equal(d, 500);
            assert_int_equal(a, 0);
            assert_int_equal(rc, 0);
        }
}

static void test_pipe_stops_on_error(void **state)
{
    (void)state;
    int threads[] = {1, 4};
    for (size_t t = 0; t < 2; t++) {
        long d, a;
        int rc;
        run_pipe(threads[t], 16, 300, 100, &d, &a, &rc);
        assert_int_equal(rc, 7);
        assert_int_equal(d, 101); /* 0 .. 100, then every later item abandoned */
        assert_int_equal(a, 199);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pipe_order),
        cmocka_unit_test(test_pipe_stops_on_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
