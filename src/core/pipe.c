/* pipe.c - the batch pipeline (pipe.h).
 *
 * A ring of window slots holds the items in flight, by sequence number:
 * [head, next) are taken by workers or done, [next, tail) wait for one.
 * The calling thread alone queues and delivers, so only the slots' states
 * and the three counters need the lock.
 */
#include "core/pipe.h"
#include "core/alloc.h"
#include "core/err.h"
#include "core/invariant.h"

#include <pthread.h>

enum { SLOT_QUEUED = 1, SLOT_DONE = 2 };

typedef struct worker_arg {
    struct dy_pipe *p;
    int id;
} worker_arg;

struct dy_pipe {
    pthread_mutex_t mu;
    pthread_cond_t work_cv;   /* an item was queued, or stop */
    pthread_cond_t done_cv;   /* an item was worked on */
    void **items;
    unsigned char *state;
    size_t cap;
    size_t head, next, tail;  /* sequence numbers, head <= next <= tail */
    int stop;                 /* workers exit once nothing is queued */
    int failed;               /* done returned non-zero: abandon the rest */
    int rc;
    int nthreads;             /* worker threads started (0: inline) */
    pthread_t *th;
    worker_arg *args;
    dy_pipe_work_fn work;
    dy_pipe_done_fn done;
    void *ud;
};

/* A worker thread: take the oldest queued item, work on it, mark it done;
 * exit once stopped and nothing is queued. */
static void *worker(void *arg)
{
    dy_pipe *p = ((worker_arg *)arg)->p;
    int id = ((worker_arg *)arg)->id;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next == p->tail && !p->stop)
            pthread_cond_wait(&p->work_cv, &p->mu);
        if (p->next == p->tail)
            break;
        size_t seq = p->next++;
        void *item = p->items[seq % p->cap];
        pthread_mutex_unlock(&p->mu);
        p->work(p->ud, id, item);
        pthread_mutex_lock(&p->mu);
        DY_ASSERT(p->state[seq % p->cap] == SLOT_QUEUED);
        p->state[seq % p->cap] = SLOT_DONE;
        pthread_cond_broadcast(&p->done_cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Contract in pipe.h. */
int dy_pipe_new(int threads, size_t window, dy_pipe_work_fn work, dy_pipe_done_fn done,
                void *ud, dy_pipe **out)
{
    *out = NULL;
    if (threads < 1)
        threads = 1;
    if (window < (size_t)threads)
        window = (size_t)threads;
    dy_pipe *p = dy_calloc(1, sizeof *p);
    if (!p)
        return DY_ENOMEM;
    p->cap = window;
    p->work = work;
    p->done = done;
    p->ud = ud;
    p->items = dy_calloc(window, sizeof *p->items);
    p->state = dy_calloc(window, 1);
    if (!p->items || !p->state) {
        dy_free(p->items);
        dy_free(p->state);
        dy_free(p);
        return DY_ENOMEM;
    }
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work_cv, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    if (threads > 1) {
        p->th = dy_calloc((size_t)threads, sizeof *p->th);
        worker_arg *args = dy_calloc((size_t)threads, sizeof *args);
        if (!p->th || !args) {
            dy_free(args);
            dy_pipe_finish(p, 1);
            return DY_ENOMEM;
        }
        p->args = args; /* freed with the pipe */
        for (int i = 0; i < threads; i++) {
            args[i] = (worker_arg){p, i};
            if (pthread_create(&p->th[i], NULL, worker, &args[i]) != 0)
                break;
            p->nthreads++;
        }
        /* Fewer threads than asked still work, and with none the items
         * are worked on inline: slower, the same results. */
    }
    *out = p;
    return 0;
}

/* Deliver the oldest item (worked on: the caller made sure) and advance
 * head. Called with the lock held; releases it around done. */
static void deliver_head(dy_pipe *p)
{
    size_t s = p->head % p->cap;
    void *item = p->items[s];
    p->items[s] = NULL;
    p->state[s] = 0;
    p->head++;
    int abandon = p->failed;
    pthread_mutex_unlock(&p->mu);
    int rc = p->done(p->ud, item, abandon);
    pthread_mutex_lock(&p->mu);
    if (rc && !p->failed) {
        p->failed = 1;
        p->rc = rc;
    }
}

/* Deliver the items worked on at the head; with wait_for > 0, wait until
 * fewer than wait_for items are in flight (all: wait_for 1). Lock held. */
static void deliver(dy_pipe *p, size_t wait_for)
{
    for (;;) {
        while (p->head < p->tail && p->state[p->head % p->cap] == SLOT_DONE)
            deliver_head(p);
        if (wait_for == 0 || p->tail - p->head < wait_for)
            return;
        pthread_cond_wait(&p->done_cv, &p->mu);
    }
}

/* Contract in pipe.h. */
int dy_pipe_push(dy_pipe *p, void *item)
{
    if (p->nthreads == 0) {
        /* Inline: work and deliver at once, in order by construction. */
        if (!p->failed)
            p->work(p->ud, 0, item);
        int rc = p->done(p->ud, item, p->failed);
        if (rc && !p->failed) {
            p->failed = 1;
            p->rc = rc;
        }
        return p->rc;
    }
    pthread_mutex_lock(&p->mu);
    deliver(p, p->cap);
    size_t s = p->tail % p->cap;
    DY_ASSERT(p->state[s] == 0 && p->tail - p->head < p->cap);
    p->items[s] = item;
    p->state[s] = SLOT_QUEUED;
    p->tail++;
    pthread_cond_signal(&p->work_cv);
    deliver(p, 0);
    int rc = p->rc;
    pthread_mutex_unlock(&p->mu);
    return rc;
}

/* Contract in pipe.h. */
int dy_pipe_finish(dy_pipe *p, int abandon)
{
    if (!p)
        return 0;
    pthread_mutex_lock(&p->mu);
    if (abandon)
        p->failed = 1;
    deliver(p, 1);
    p->stop = 1;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->th[i], NULL);
    int rc = p->rc;
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work_cv);
    pthread_cond_destroy(&p->done_cv);
    dy_free(p->th);
    dy_free(p->args);
    dy_free(p->items);
    dy_free(p->state);
    dy_free(p);
    return rc;
}
