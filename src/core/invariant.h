/* invariant.h - DY_ASSERT: the invariants the code relies on, checked in
 * checked builds.
 *
 * Bad input is never an invariant: it gets an error value (core/err.h).
 * DY_ASSERT states what must hold whatever the input (an index within its
 * array, a state reached in order, a bound a packing depends on), so that
 * a broken one stops a checked build at once instead of corrupting memory
 * or output later. It is active when DY_CHECKED is defined (the SANITIZE=1
 * build and the fuzz harnesses: `make SANITIZE=1` adds -DDY_CHECKED) and
 * costs nothing otherwise: the condition is then compiled for its types
 * only, never evaluated, so it must have no side effects.
 */
#ifndef DY_INVARIANT_H
#define DY_INVARIANT_H

#ifdef DY_CHECKED
/* Print "file:line: func: invariant failed: expr" on stderr and abort. A
 * broken invariant is a bug in dyad, not an error to report as a value. */
_Noreturn void dy_assert_fail(const char *expr, const char *file, int line, const char *func);
#define DY_ASSERT(c) ((c) ? (void)0 : dy_assert_fail(#c, __FILE__, __LINE__, __func__))
#else
#define DY_ASSERT(c) ((void)sizeof((c) ? 1 : 0))
#endif

#endif
