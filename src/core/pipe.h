/* pipe.h - the batch pipeline: items worked on by a pool of threads, fed
 * by a queue, delivered in the order they were queued.
 *
 * `dyad code`, `ingest` and `recode` code documents with it: the threads
 * live as long as the pipe (no start and join per batch), a bounded window
 * of items is in flight, and the results come back on the calling thread
 * in input order, so the output is the same for any number of threads.
 */
#ifndef DY_PIPE_H
#define DY_PIPE_H

#include <stddef.h>

typedef struct dy_pipe dy_pipe;

/* Work on item on a worker thread; worker (0 .. threads - 1) tells which,
 * for per-worker scratch (an arena). Must be thread-safe with respect to
 * the other workers; items are the caller's. */
typedef void (*dy_pipe_work_fn)(void *ud, int worker, void *item);
/* Take a worked item back, on the thread that calls dy_pipe_push or
 * dy_pipe_finish, in queue order. abandon: 1 when the pipe is being
 * stopped after an error (the item is only to be released). Returns 0 or
 * a non-zero code that stops the pipe (dy_pipe_push and dy_pipe_finish
 * return it; later items are handed back with abandon set). */
typedef int (*dy_pipe_done_fn)(void *ud, void *item, int abandon);

/* A pipe of threads workers (1, or when no thread can be started: work is
 * done on the calling thread, in dy_pipe_push) with window items in flight
 * at most (at least threads). Returns 0 or DY_ENOMEM (then *out is NULL).
 * The caller owns *out (dy_pipe_finish frees it). */
int dy_pipe_new(int threads, size_t window, dy_pipe_work_fn work, dy_pipe_done_fn done,
                void *ud, dy_pipe **out);
/* Queue item. Delivers, in order, the items already worked on; waits for
 * the oldest when the window is full. Returns 0 or the first non-zero
 * result of done (the pipe then only abandons items). */
int dy_pipe_push(dy_pipe *p, void *item);
/* Wait for every queued item and deliver them in order (abandon them when
 * abandon is set or the pipe was stopped), stop the threads and free p.
 * Returns 0 or the first non-zero result of done. p may be NULL. */
int dy_pipe_finish(dy_pipe *p, int abandon);

#endif
